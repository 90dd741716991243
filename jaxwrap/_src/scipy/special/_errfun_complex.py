"""The Faddeeva function w(z) = exp(-z^2) erfc(-iz) and the complex error
functions built on it.

Upper half-plane, |z| < 7: Weideman's rational expansion (J. A. C. Weideman,
"Computation of the complex error function", SIAM J. Numer. Anal. 31 (1994)
1497-1518): w(z) = 2 p(Z)/(L - iz)^2 + (1/sqrt pi)/(L - iz) with
Z = (L + iz)/(L - iz), L = sqrt(N/sqrt2) and p a polynomial of degree N - 1
whose coefficients are the FFT coefficients of (L^2 + t^2) exp(-t^2) at
t = L tan(theta/2); they are computed below at import.  Measured against
mpmath on |z| <= 7: N = 40 gives 1e-15 relative error, N = 20 1.4e-8 (0.2 ulp of
complex64, which uses it; N = 18: 5e-8).
|z| >= 7: the Laplace continued fraction w(z) = (i/sqrt pi) / (z - (1/2)/
(z - 1/(z - (3/2)/(z - ...)))) (Gautschi 1970; Poppe & Wijers 1990 use it
in the same outer region), with a static number of terms: 16 give 2e-16 on
|z| = 7 and fewer are needed further out (6 for float32); its convergent is
formed by the forward recurrences scaled by powers of 1/z (two divisions
instead of one per term).  Lower half-plane: w(z) = 2 exp(-z^2) - w(-z).

erf, erfc, erfcx, erfi and dawsn of complex z follow from w; near z = 0,
where those formulas cancel, they use their Maclaurin series (DLMF 7.6.1,
7.6.3 / 7.5.1), 24 terms for |z| < 0.7 (last term < 1e-17 |first|).
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ._errfun_real import INV_SQRT_PI, SQRT_PI, c, where

_R = 7.0


def _weideman(n):
    m = 2 * n
    k = np.arange(-m + 1, m)
    lam = math.sqrt(n / math.sqrt(2))
    t = lam * np.tan(k * np.pi / m / 2)
    f = np.concatenate([[0.0], np.exp(-t * t) * (lam * lam + t * t)])
    a = np.real(np.fft.fft(np.fft.fftshift(f))) / (2 * m)
    return lam, tuple(float(v) for v in a[1:n + 1])  # constant term first


_W = {np.dtype(np.complex64): (_weideman(20), 6), np.dtype(np.complex128): (_weideman(40), 16)}
# complex64 with N = 24 (4e-10 relative to |w|): for callers that take Re w where it is
# small beside Im w (voigt_profile), whose relative error N = 20's 1.4e-8 |w| would
# amplify by |Im w / Re w| (up to ~60: float32 voigt_profile 32 -> 58 ULP)
_W_FINE = {**_W, np.dtype(np.complex64): (_weideman(24), 6)}


def _cplx(z, re, im):
    return L.complex(re, im) if np.shape(re) else np.array(complex(re, im), z.dtype)


def _mul_i(z):
    """i z, exactly."""
    return L.complex(L.neg(L.imag(z)), L.real(z))


def _w_upper(z, table=None):
    """w(z) for Im z >= 0."""
    (lam, coef), nterms = (table or _W)[np.dtype(z.dtype)]
    iz = _mul_i(z)
    # one complex division for Weideman's three quotients: 1/(L - iz)
    rden = L.div(c(z, 1.0), L.sub(c(z, lam), iz))
    zz = L.mul(L.add(c(z, lam), iz), rden)
    p = L.broadcast_in_dim(c(z, coef[-1]), tuple(z.shape), ())
    for a in reversed(coef[:-1]):
        p = L.add(L.mul(p, zz), c(z, a))
    inner = L.mul(L.add(L.mul(L.mul(p, c(z, 2.0)), rden), c(z, INV_SQRT_PI)), rden)
    # the continued fraction z - (1/2)/(z - 1/(z - (3/2)/(z - ...))) = A_n/B_n by the
    # forward recurrences A_k = z A_{k-1} - (k/2) A_{k-2} (B alike), scaled by powers of
    # 1/z (A^_k = A_k z^-(k+1), B^_k = B_k z^-k: A^_k = A^_{k-1} - (k/2) q A^_{k-2},
    # q = 1/z^2, |q| <= 1/49 here, so nothing overflows): w = (i/sqrt pi) (1/z) B^_n/A^_n,
    # two divisions instead of n + 1
    zeta = L.div(c(z, 1.0), where(L.eq(z, c(z, 0.0)), c(z, 1.0), z))
    q = L.mul(zeta, zeta)
    a_prev, a_cur = c(z, 1.0), L.broadcast_in_dim(c(z, 1.0), tuple(z.shape), ())
    b_prev, b_cur = c(z, 0.0), L.broadcast_in_dim(c(z, 1.0), tuple(z.shape), ())
    for k in range(1, nterms + 1):
        qk = L.mul(q, c(z, -k / 2))
        a_prev, a_cur = a_cur, L.add(a_cur, L.mul(qk, a_prev))
        b_prev, b_cur = b_cur, L.add(b_cur, L.mul(qk, b_prev))
    outer = L.mul(L.mul(zeta, c(z, 1j * INV_SQRT_PI)), L.div(b_cur, a_cur))
    a2 = L.add(L.mul(L.real(z), L.real(z)), L.mul(L.imag(z), L.imag(z)))
    out = where(L.lt(a2, c(a2, _R * _R)), inner, outer)
    inf = L.or_(L.eq(L.abs(L.real(z)), c(a2, np.inf)), L.eq(L.abs(L.imag(z)), c(a2, np.inf)))
    return where(inf, c(z, 0.0), out)


_VELTKAMP = {np.dtype(np.float32): 2.0 ** 12 + 1, np.dtype(np.float64): 2.0 ** 27 + 1}


def _split(x):
    """x = hi + lo with hi holding half the mantissa (Veltkamp/Dekker), so
    products of two hi parts are exact."""
    t = L.mul(x, c(x, _VELTKAMP[np.dtype(x.dtype)]))
    hi = L.sub(t, L.sub(t, x))
    hi = where(L.is_finite(hi), hi, x)
    return hi, where(L.is_finite(x), L.sub(x, hi), c(x, 0.0))


def exp_neg_sq(z):
    """exp(-z^2) for complex z with z^2 carried in two parts (Dekker 1971
    products, a Fast2Sum for x^2 - y^2), so large |z| keeps full relative
    accuracy in the modulus and the phase."""
    x, y = L.real(z), L.imag(z)
    xh, xl = _split(x)
    yh, yl = _split(y)
    a, b = L.mul(xh, xh), L.mul(yh, yh)  # exact
    big = L.ge(a, b)
    u, v = where(big, a, b), where(big, b, a)
    s = L.sub(u, v)
    e = L.sub(L.sub(u, s), v)  # exact error of s (Fast2Sum, |u| >= |v|)
    e = where(big, e, L.neg(e))
    s = where(big, s, L.neg(s))  # a - b = s + e
    two = c(x, 2.0)
    rest_re = L.add(e, L.sub(L.add(L.mul(L.mul(xh, xl), two), L.mul(xl, xl)),
                             L.add(L.mul(L.mul(yh, yl), two), L.mul(yl, yl))))
    ph = L.mul(L.mul(xh, yh), two)  # exact
    ph_lo = L.mul(L.add(L.add(L.mul(xh, yl), L.mul(xl, yh)), L.mul(xl, yl)), two)
    mod = L.exp(L.neg(s))
    mod = L.add(mod, L.mul(mod, L.expm1(L.neg(rest_re))))
    # exp(-i (ph + ph_lo)) by the angle-sum formulas
    cp, sp = L.cos(ph), L.sin(ph)
    cl, sl = L.cos(ph_lo), L.sin(ph_lo)
    cs = L.sub(L.mul(cp, cl), L.mul(sp, sl))
    sn = L.add(L.mul(sp, cl), L.mul(cp, sl))
    return L.complex(L.mul(mod, cs), L.neg(L.mul(mod, sn)))


def wofz(z):
    up = L.ge(L.imag(z), c(L.imag(z), 0.0))
    w = _w_upper(where(up, z, L.neg(z)))
    # w (up) or 2 exp(-z^2) - w(-z) (below) as w s + t with s = +-1: w has one user, so
    # XLA keeps the whole computation in one fused loop
    s = where(up, c(z, 1.0), c(z, -1.0))
    t = where(up, c(z, 0.0), L.mul(exp_neg_sq(z), c(z, 2.0)))
    return L.add(L.mul(w, s), t)


def wofz_upper_fine(z):
    """w(z) for Im z >= 0 with the finer complex64 table (see _W_FINE)."""
    return _w_upper(z, _W_FINE)


def _series(z, coef_fn, nterms=24):
    """sum_n a_n z^(2n+1) by Horner in z^2."""
    z2 = L.mul(z, z)
    coef = [coef_fn(n) for n in range(nterms)]
    acc = L.broadcast_in_dim(c(z, coef[-1]), tuple(z.shape), ())
    for a in reversed(coef[:-1]):
        acc = L.add(L.mul(acc, z2), c(z, a))
    return L.mul(acc, z)


def _small(z):
    return L.lt(L.abs(z), c(L.abs(z), 0.7))


def erfc(z):
    """erfc(z) = exp(-z^2) w(iz) for Re z >= 0, 2 - erfc(-z) otherwise."""
    right = L.ge(L.real(z), c(L.real(z), 0.0))
    zr = where(right, z, L.neg(z))
    v = L.mul(exp_neg_sq(zr), wofz(_mul_i(zr)))
    v = where(right, v, L.sub(c(z, 2.0), v))
    return where(_small(z), L.sub(c(z, 1.0), erf_series(z)), v)


def erf_series(z):
    # DLMF 7.6.1: erf z = 2/sqrt(pi) sum (-1)^n z^(2n+1) / (n! (2n+1))
    return _series(z, lambda n: 2 * INV_SQRT_PI * (-1) ** n / (math.factorial(n) * (2 * n + 1)))


def erf(z):
    right = L.ge(L.real(z), c(L.real(z), 0.0))
    zr = where(right, z, L.neg(z))
    v = L.sub(c(z, 1.0), L.mul(exp_neg_sq(zr), wofz(_mul_i(zr))))
    v = where(right, v, L.neg(v))
    return where(_small(z), erf_series(z), v)


def erfcx(z):
    """exp(z^2) erfc(z) = w(iz)."""
    return wofz(_mul_i(z))


def erfi(z):
    """-i erf(iz)."""
    e = erf(_mul_i(z))
    return L.complex(L.imag(e), L.neg(L.real(e)))


def dawsn(z):
    """sqrt(pi)/2 i (exp(-z^2) - w(z)); DLMF 7.6.3-type series near 0:
    F(z) = sum (-1)^n 2^n z^(2n+1) / (2n+1)!!."""
    d = L.sub(exp_neg_sq(z), wofz(z))
    v = L.mul(_mul_i(d), c(z, SQRT_PI / 2))
    ser = _series(z, lambda n: (-2.0) ** n / math.prod(range(1, 2 * n + 2, 2)))
    return where(_small(z), ser, v)
