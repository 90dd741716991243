"""Complex forms of loggamma, gamma, rgamma and digamma.

loggamma is the principal branch (analytic off the cut (-inf, 0], with
loggamma(z + 1) = loggamma(z) + log z), computed the way Hare describes
("Computing the principal branch of log-Gamma", J. Algorithms 25 (1997)
221-236): Stirling's series far from the origin, the upward recurrence
before it, the reflection formula in the left half-plane, and Taylor series
about the zeros at 1 and 2.  The only static choices are the sizes below.

* Stirling (DLMF 5.11.1) for |z| >= 6, Re z >= 0, 14 terms: measured
  against mpmath on |z| = 6, 0 <= arg z <= pi/2 (the worst edge of the
  region; the remainder bound of DLMF 5.11.ii grows with sec^(2n)(arg z / 2))
  the truncation error is below 6e-18 relative.
* |z| < 6, Re z >= 0: loggamma(z) = Stirling(z + 6) - sum log(z + k),
  k = 0..5, summed as three logs of products of neighbours (each product has
  |arg| < pi there, so the principal logs add up to the principal branch).
  The shift is kept small because the result (~1) is the difference of
  terms of size loggamma(z + 6) (~5).
* 0 <= Re z < 3.5, |Im z| < 0.8 (around the zeros at 1 and 2): the series
  about 2, loggamma(2 + w) = (1 - gamma) w + sum (-1)^k (zeta(k) - 1) w^k / k
  (A&S 6.1.33 with DLMF 5.7.3), at w = z + m - 2, m = round(2 - Re z), then at
  most two steps of the recurrence; |w| < 0.95 and 56 terms give
  (0.95/2)^56 < 1e-18.  Small values keep their relative accuracy.
* Re z < 0: for Im z >= 0 the function
  log(2 pi) + i pi (z - 1/2) - log(1 - exp(2 pi i z)) - loggamma(1 - z)
  is analytic on the closed upper half-plane and equals loggamma at z = 1/2,
  so it is loggamma there (Euler's reflection formula with its branch fixed
  once); 1 - exp(2 pi i z) is an expm1, exact near the poles.  The lower
  half-plane follows from loggamma(conj z) = conj loggamma(z); the sign of a
  zero imaginary part picks the side of the cut, as in scipy.

digamma: the asymptotic series (DLMF 5.11.2, 12 terms) for |z| >= 10,
recurrence psi(z) = psi(z + 10) - sum 1/(z + k) inside, a Taylor series
about the positive zero x0 = 1.4616... (coefficients (-1)^(k+1)
zeta(k + 1, x0), Euler-Maclaurin at import, 26 terms for |z - x0| < 0.3),
and psi(z) = psi(1 - z) - pi cot(pi z) with cot(pi z) = i (q + 1)/(q - 1),
q = exp(2 pi i z), for Re z < 0.

gamma = exp(loggamma) and rgamma = exp(-loggamma): NaN and 0 at the poles,
as in scipy.  Non-finite arguments give NaN.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ... import lax as L
from ._errfun_real import c, where

_LOG2PI = math.log(2 * math.pi)
_EULER = 0.57721566490153286061
# the positive zero of digamma, split in two doubles (OEIS A030169)
_X0 = Fraction("1.46163214496836234126265954232572132846819620400644635129598840859878644")
_X0_HI = float(_X0)
_X0_LO = float(_X0 - Fraction(_X0_HI))


def _bernoulli(n):
    """B_0 .. B_n as Fractions (sum_{k<=m} C(m+1, k) B_k = 0)."""
    b = [Fraction(1)]
    for m in range(1, n + 1):
        b.append(-sum(math.comb(m + 1, k) * b[k] for k in range(m)) / (m + 1))
    return b


_B = _bernoulli(40)


def _hurwitz(s, a, m=16, j=10):
    """zeta(s, a) for s >= 2, a > 0 by Euler-Maclaurin (m terms, j corrections): about
    1e-17 relative for the arguments used here."""
    n = m + a
    terms = [(k + a) ** -s for k in range(m)] + [n ** (1 - s) / (s - 1), 0.5 * n ** -s]
    rise = s
    for i in range(1, j + 1):
        terms.append(float(_B[2 * i]) / math.factorial(2 * i) * rise * n ** (-s - 2 * i + 1))
        rise *= (s + 2 * i - 1) * (s + 2 * i)
    return math.fsum(terms)


_NT = 56
_ZETA = [_hurwitz(k, 1.0) for k in range(2, _NT + 1)]                          # zeta(k)
_LG2 = [0.0, 1 - _EULER] + [(-1) ** k * (_ZETA[k - 2] - 1) / k for k in range(2, _NT + 1)]
_PSI0 = [0.0] + [(-1) ** (k + 1) * _hurwitz(k + 1, _X0_HI) for k in range(1, 27)]
# psi(x0 + w) with w = z - x0_hi: the low part of x0 enters as the constant term -x0_lo psi'(x0)
# (subtracting it from w would be folded into x0_hi by XLA's constant reassociation under jit)
_PSI0[0] = -_X0_LO * _PSI0[1]
_STIRLING = [float(_B[2 * k] / (2 * k * (2 * k - 1))) for k in range(1, 15)]   # 1/12, -1/360, ..
_PSI_ASYM = [float(_B[2 * k] / (2 * k)) for k in range(1, 13)]                 # 1/12, -1/120, ..
_BIG_LG = 6.0   # Stirling region |z| >= 6 for loggamma; its recurrence shifts by 6
_BIG = 10.0     # asymptotic region |z| >= 10 for digamma; its recurrence shifts by 10
_STRIP = 0.8   # half-width of the strip served by the series about 2
_NEAR_X0 = 0.3  # radius of the Taylor series about x0


# --- small complex helpers --------------------------------------------------------------------
def _re(z):
    return L.real(z)


def _im(z):
    return L.imag(z)


def _poly(z, coef):
    """sum coef[k] z^k (Horner, Python-float coefficients)."""
    acc = L.broadcast_in_dim(c(z, coef[-1]), tuple(z.shape), ())
    for a in reversed(coef[:-1]):
        acc = L.add(L.mul(acc, z), c(z, a))
    return acc


def _log1p(w):
    """log(1 + w) for complex w; the real part as log1p(w_r (2 + w_r) + w_i^2) / 2, which
    keeps its accuracy near w = 0 (XLA's complex log1p loses ~100 ULP on |1 + w| < 1)."""
    a, b = _re(w), _im(w)
    t = L.add(L.mul(a, L.add(a, c(a, 2.0))), L.mul(b, b))
    return L.complex(L.mul(L.log1p(t), c(a, 0.5)), L.atan2(b, L.add(a, c(a, 1.0))))


def _lower(z):
    """Im z < 0, or Im z = -0.0 (the side of the cut scipy picks)."""
    y = _im(z)
    neg_zero = L.and_(L.eq(y, c(y, 0.0)), L.lt(L.div(c(y, 1.0), y), c(y, 0.0)))
    return L.or_(L.lt(y, c(y, 0.0)), neg_zero)


def _expm1_2pi_i(z):
    """exp(2 pi i z) - 1, accurate near the integers (z reduced mod 1 first)."""
    x, y = _re(z), _im(z)
    r = L.sub(x, L.round(x))                       # exact, in [-1/2, 1/2]
    b = L.mul(r, c(r, 2 * math.pi))
    a = L.mul(y, c(y, -2 * math.pi))
    s = L.sin(L.mul(b, c(b, 0.5)))
    re = L.sub(L.mul(L.expm1(a), L.cos(b)), L.mul(L.mul(s, s), c(s, 2.0)))
    return L.complex(re, L.mul(L.exp(a), L.sin(b)))


def _is_pole(z):
    """z = 0, -1, -2, ... exactly (or a non-finite argument)."""
    x, y = _re(z), _im(z)
    pole = L.and_(L.and_(L.eq(y, c(y, 0.0)), L.le(x, c(x, 0.0))), L.eq(L.floor(x), x))
    finite = L.and_(L.is_finite(x), L.is_finite(y))
    return L.or_(pole, L.not_(finite))


def _safe(mask, z, default):
    """z where mask else a harmless constant (so untaken branches stay finite)."""
    return where(mask, z, c(z, default))


# --- loggamma ---------------------------------------------------------------------------------
def _stirling(z):
    """loggamma(z) for |z| >= 6, Re z >= 0 (DLMF 5.11.1)."""
    lz = L.log(z)
    t = L.div(c(z, 1.0), z)
    corr = L.mul(_poly(L.mul(t, t), _STIRLING), t)
    main = L.sub(L.mul(z, L.sub(lz, c(z, 1.0))), L.mul(lz, c(z, 0.5)))
    return L.add(L.add(main, c(z, 0.5 * _LOG2PI)), corr)


def _loggamma_right(z):
    """loggamma(z) for Re z >= 0."""
    x, y = _re(z), _im(z)
    big = L.ge(L.abs(z), c(x, _BIG_LG))
    zs = _safe(big, z, _BIG_LG)
    zr = where(big, c(z, 1.5), z)                   # the recurrence argument (|z| < 6)
    shifted = _stirling(L.add(zr, c(z, _BIG_LG)))
    for k in range(0, int(_BIG_LG), 2):
        pair = L.mul(L.add(zr, c(z, float(k))), L.add(zr, c(z, float(k + 1))))
        shifted = L.sub(shifted, L.log(pair))
    out = where(big, _stirling(zs), shifted)
    # the strip 0 <= Re z < 3.5, |Im z| < 0.8 around the zeros 1 and 2: z + m - 2 with
    # m = round(2 - Re z) in {2, 1, 0, -1}, |z + m - 2| < 0.95, into the series about 2
    strip = L.and_(L.lt(x, c(x, 3.5)), L.lt(L.abs(y), c(y, _STRIP)))
    m = L.round(L.sub(c(x, 2.0), where(strip, x, c(x, 2.0))))
    w = L.sub(where(strip, z, c(z, 2.0)), c(z, 2.0))
    w = L.add(w, L.complex(m, L.mul(m, c(m, 0.0))))
    zt = where(strip, z, c(z, 2.0))
    lz = where(L.eq(m, c(m, 1.0)), _log1p(L.sub(zt, c(z, 1.0))), L.log(zt))  # log z, exact near 1
    ser = _poly(w, _LG2)
    ser = where(L.ge(m, c(m, 1.0)), L.sub(ser, lz), ser)
    ser = where(L.ge(m, c(m, 2.0)), L.sub(ser, L.log(L.add(zt, c(z, 1.0)))), ser)
    ser = where(L.lt(m, c(m, 0.0)), L.add(ser, L.log(L.sub(zt, c(z, 1.0)))), ser)
    return where(strip, ser, out)


def loggamma(z):
    low = _lower(z)
    zu = where(low, L.conj(z), z)                   # Im zu >= +0
    left = L.lt(_re(zu), c(_re(zu), 0.0))
    zk = where(left, L.sub(c(z, 1.0), zu), zu)      # Re zk >= 0
    zk = where(_is_pole(z), c(z, 2.0), zk)
    lg = _loggamma_right(zk)
    x, y = _re(zu), _im(zu)
    ipi = L.complex(L.mul(y, c(y, -math.pi)), L.mul(L.sub(x, c(x, 0.5)), c(x, math.pi)))
    one_minus_q = L.neg(_expm1_2pi_i(where(left, zu, c(z, 0.5))))
    refl = L.sub(L.sub(L.add(ipi, c(z, _LOG2PI)), L.log(one_minus_q)), lg)
    out = where(left, refl, lg)
    out = where(low, L.conj(out), out)
    return where(_is_pole(z), c(z, complex(np.nan, np.nan)), out)


def gamma(z):
    out = L.exp(loggamma(z))
    return where(_is_pole(z), c(z, complex(np.nan, np.nan)), out)


def rgamma(z):
    out = L.exp(L.neg(loggamma(z)))
    x, y = _re(z), _im(z)
    pole = L.and_(L.and_(L.eq(y, c(y, 0.0)), L.le(x, c(x, 0.0))), L.eq(L.floor(x), x))
    return where(pole, c(z, 0.0), out)


# --- digamma ----------------------------------------------------------------------------------
def _psi_asym(z):
    """psi(z) for |z| >= 10, Re z >= 0 (DLMF 5.11.2)."""
    t = L.div(c(z, 1.0), z)
    t2 = L.mul(t, t)
    corr = L.mul(_poly(t2, _PSI_ASYM), t2)
    return L.sub(L.sub(L.log(z), L.mul(t, c(z, 0.5))), corr)


def _digamma_right(z):
    big = L.ge(L.abs(z), c(_re(z), _BIG))
    w0 = L.sub(z, c(z, _X0_HI))
    near = L.lt(L.abs(w0), c(_re(z), _NEAR_X0))
    zs = _safe(big, z, _BIG)
    zr = where(big, c(z, 1.5), z)
    shifted = _psi_asym(L.add(zr, c(z, _BIG)))
    for k in range(int(_BIG)):
        shifted = L.sub(shifted, L.div(c(z, 1.0), L.add(zr, c(z, float(k)))))
    out = where(big, _psi_asym(zs), shifted)
    return where(near, _poly(_safe(near, w0, 0.0), _PSI0), out)


def digamma(z):
    low = _lower(z)
    zu = where(low, L.conj(z), z)
    left = L.lt(_re(zu), c(_re(zu), 0.0))
    bad = _is_pole(z)
    zk = where(left, L.sub(c(z, 1.0), zu), zu)
    zk = where(bad, c(z, 2.0), zk)
    ps = _digamma_right(zk)
    em1 = _expm1_2pi_i(where(left, zu, c(z, 0.5)))
    em1 = where(bad, c(z, 1.0), em1)
    # pi cot(pi z) = pi i (q + 1) / (q - 1)
    cot = L.div(L.mul(L.add(em1, c(z, 2.0)), c(z, 1j * math.pi)), em1)
    out = where(left, L.sub(ps, cot), ps)
    out = where(low, L.conj(out), out)
    return where(bad, c(z, complex(np.nan, np.nan)), out)
