"""Exponential and related integrals: exp1, expi, expn, sici, shichi, spence.

Regimes (every loop has a static trip count, chosen from the truncation
error below, so no input can hang; NaN propagates, inf gives the limit):

* ``E_n(x)``, x > 1 (and ``E_1``): the continued fraction DLMF 8.19.17
  (Cuyt et al. 2008, 14.1.16), summed backwards from a fixed depth.
  Its truncation error at depth N falls like ``exp(-4 sqrt(N x))``; N = 100
  (float64) / 40 (float32) reach the rounding level at x = 1, measured
  against mpmath.
* ``E_n(x)``, 0 < x <= 1: the power series DLMF 8.19.8 (E_1: DLMF 6.6.2),
  25 / 12 terms (x^k / k! < 1e-25 / 2e-9 there).
* ``Ei(x)``, 0 < x <= 2: the series DLMF 6.6.1 rewritten about the zero
  x0 = 0.3725... of Ei (``Ei(x) = ln(x/x0) + sum_k (x^k - x0^k) / (k k!)``),
  so every term has the sign of x - x0 and Ei keeps full relative accuracy
  next to its zero.  2 < x <= 44 / 20: the same series in its usual form
  (positive terms), by Horner's rule with 112 / 50 stored coefficients.  Beyond, the
  asymptotic series DLMF 6.12.2, truncated at k = 44 / 20 where its smallest
  term is below the rounding level.
* ``Shi``, ``Chi``: series DLMF 6.6.5-6 for x < 1 (Chi about its zero, as
  Ei), ``(Ei(x) +- E_1(x)) / 2`` beyond.
* ``Si``, ``Ci``: series DLMF 6.6.5-6 for x <= 3 (Ci about its first zero;
  15 / 9 terms); beyond, ``E_1(ix) = -Ci(x) + i (Si(x) - pi/2)`` (DLMF 6.5.3
  with 6.2.5-8) from the complex continued fraction (depth 150 / 30).  Ci near its zeros
  other than the first is only accurate in absolute terms.
* ``spence(z) = Li_2(1 - z)``: reduced by the reflection and inversion
  formulas (DLMF 25.12.3-6) to the Bernoulli series of
  ``Li_2(1 - e^{-u})`` in ``u``, |u| <= ln 2 (13 / 7 terms).

Complex arguments: ``exp1`` and ``expi`` accept complex input (the series
near the origin and next to the cut, the continued fraction elsewhere; see
``_e1_complex``); ``spence``,
``expn``, ``sici``, ``shichi`` are real only (a complex argument raises
TypeError).
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import jax
import numpy as np

from ...numpy._util import public
from . import _hyp_base as B
from . import _sici_complex as _SC
from ._spence_complex import spence as _spence_complex
from ._hyp_base import (
    add,
    c,
    cos,
    div,
    eq,
    exp,
    full,
    gt,
    le,
    log,
    log1p,
    lt,
    mul,
    neg,
    sin,
    sub,
    where,
)

__all__ = ["exp1", "expi", "expn", "shichi", "sici", "spence"]

_NAN = float("nan")
_INF = float("inf")
# Zeros of Ei, Chi and Ci rounded to float64 / float32, and the function's
# value there (mpmath, 40 digits): the series are summed about that
# representable point (see _root_series).
_EI_ZERO = ((0.3725074107813666, -5.1196989365556847e-17),
            (0.3725074231624603, 4.82394115453812e-08))
_CHI_ZERO = ((0.5238225713898644, 5.806356010173174e-17),
             (0.523822546005249, -5.526227084404779e-08))
_CI_ZERO = ((0.6165054856207163, 5.571548945612863e-17),
            (0.61650550365448, 2.386648382989677e-08))
# B_{2k} / (2k+1)!, k = 1.. (the Bernoulli series of the dilogarithm).
_LI2_BERNOULLI = (0.027777777777777776, -0.0002777777777777778, 4.72411186696901e-06,
                  -9.185773074661964e-08, 1.8978869988971e-09, -4.0647616451442256e-11,
                  8.921691020456452e-13, -1.9939295860721074e-14, 4.518980029619918e-16,
                  -1.0356517612181247e-17, 2.395218621026187e-19, -5.581785874325009e-21,
                  1.3091507554183213e-22)
_PI2_6 = 1.6449340668482264


def _kf(i, x, offset=1):
    """The loop index ``i + offset`` as a value of ``x``'s dtype."""
    return B.as_float(add(i, np.int32(offset)), x)


# --- E_n: continued fraction and series ---------------------------------------------
def _en_cf(n, x, depth=None):
    """E_n(x) = e^{-x} / (x + n - 1 n / (x + n + 2 - 2 (n+1) / (x + n + 4 - ...)))
    (DLMF 8.19.17 contracted), evaluated backwards from depth N."""
    depth = depth or B.nterms(x, 40, 100)
    xn = add(x, n)

    def body(i, d):
        k = B.as_float(sub(np.int32(depth - 1), i), x)  # k = N-1 .. 0
        return sub(add(xn, mul(c(x, 2), k)), div(mul(add(k, c(x, 1)), add(n, k)), d))

    d = B.loop(depth, body, add(xn, c(x, 2 * depth)))
    # e^{-x} as two halves: results in the subnormal range keep their digits
    h = exp(mul(x, c(x, -0.5)))
    return mul(div(h, d), h)


def _en_series(n, x):
    """E_n(x), n >= 1, 0 < x <= 1 (DLMF 8.19.8):
    (-x)^{n-1} / (n-1)! (psi(n) - ln x) - sum_{k != n-1} (-x)^k / ((k - n + 1) k!)."""
    terms = B.nterms(x, 12, 25)
    nm1 = sub(n, c(x, 1))
    lx = log(x)

    def body(i, carry):
        t, h, s = carry  # t = (-x)^k / k!, h = H_k (harmonic number), s = the sum
        k = B.as_float(i, x)
        special = mul(t, sub(add(c(x, -B.EULER), h), lx))  # psi(k+1) = -gamma + H_k
        regular = neg(div(t, sub(k, nm1)))
        s = add(s, where(eq(k, nm1), special, regular))
        k1 = add(k, c(x, 1))
        return div(mul(t, neg(x)), k1), add(h, div(c(x, 1), k1)), s

    _, _, s = B.loop(terms, body, (full(x, 1), full(x, 0), full(x, 0)))
    # n - 1 >= terms: the special term is below the rounding level of the sum
    return s


def _expn_real(n, x):
    """E_n(x) for float n >= 0 (integer valued) and x, any values."""
    small = le(x, c(x, 1))
    xs = where(small, x, full(x, 1))
    xl = where(small, full(x, 2), x)
    n1 = B.where(eq(n, c(n, 0)), full(n, 1), n)
    r = where(small, _en_series(n1, xs), _en_cf(n, xl))
    r = where(eq(n, c(n, 0)), div(exp(neg(x)), x), r)
    r = where(eq(x, c(x, 0)), where(gt(n, c(n, 1)), div(c(x, 1), sub(n, c(x, 1))),
                                      full(x, _INF)), r)
    bad = B.or_(lt(x, c(x, 0)), lt(n, c(n, 0)))
    return where(bad, full(x, _NAN), r)


def _e1_real(x):
    return _expn_real(full(x, 1), x)


# --- Ei --------------------------------------------------------------------------------
def _root_series(x, zero, p, sign, m, j, terms):
    """F(x) = F(r) + ln(x/r) + sum_{k>=1} s^k (x^{pk} - r^{pk}) / (j(k) M_k),
    M_k = prod m(i), for r the zero of F rounded to the dtype (Ei: p=1, m=j=k;
    Chi/Ci: p=2, m=2k(2k-1), j=2k, s=+-1); F(r) is a stored constant.

    With Y = s x^p, R = s r^p, and v_k = (Y^k - R^k) / ((Y - R) M_k):
    v_k = (Y v_{k-1} + R^{k-1}/M_{k-1}) / m(k), so every term carries the
    factor Y - R = s (x^p - r^p), computed from x - r without cancellation.
    """
    rh, f_rh = zero[0] if B.is64(x) else zero[1]
    delta = sub(x, c(x, rh))  # exact next to the zero (Sterbenz)
    if p == 1:
        ymr = delta
        y = x
    else:
        ymr = mul(delta, add(x, c(x, rh)))
        y = mul(x, x)
    rp = c(x, rh ** p)
    if sign < 0:
        y, rp, ymr = neg(y), neg(rp), neg(ymr)

    def body(i, carry):
        v, q, s = carry  # q = R^{k-1} / M_{k-1}
        k = _kf(i, x)
        mk = m(k)
        v = div(add(mul(y, v), q), mk)
        q = div(mul(q, rp), mk)
        return v, q, add(s, div(v, j(k)))

    _, _, s = B.loop(terms, body, (full(x, 0), full(x, 1), full(x, 0)))
    # ln(x/r): log1p next to the zero, ln x - ln r away from it (no cancellation)
    near = B.lt(B.abs_(delta), c(x, 0.5 * rh))
    lxr = where(near, log1p(div(delta, c(x, rh))), sub(log(x), c(x, float(np.log(rh)))))
    return add(c(x, f_rh), add(lxr, mul(ymr, s)))


def _ei_series(x):
    """0 < x <= 2: the series about the zero of Ei (30 / 15 terms: 2^K / (K K!) < 1e-24)."""
    one = lambda k: k  # noqa: E731
    return _root_series(x, _EI_ZERO, 1, 1, one, one, B.nterms(x, 15, 30))


def _ein_coeffs(n, scale):
    """1 / (k k!) scale^k, k = 1..n (float64; scaled so that float32 cannot underflow)."""
    out, f = [0.0], 1.0
    for k in range(1, n + 1):
        f = f * scale / k
        out.append(f / k)
    return out


# Ei(x) = gamma + ln x + P(x / s), P with the coefficients above: positive
# terms, one rounding per Horner step (112 / 50 terms: x^K / (K K!) is below
# the rounding level of Ei(x) for x <= 44 / 20).
# The scale is a power of 2, so that x / s is exact (a rounded argument would
# be amplified by x in the result).
_EIN64 = _ein_coeffs(112, 64.0)
_EIN32 = _ein_coeffs(50, 32.0)


def _ei_horner(x):
    coeffs, scale = (_EIN64, 64.0) if B.is64(x) else (_EIN32, 32.0)
    p = B.horner(div(x, c(x, scale)), coeffs)
    return add(add(c(x, B.EULER), log(x)), p)


def _ei_asymptotic(x):
    """Ei(x) ~ e^x / x sum_k k! / x^k (DLMF 6.12.2), K terms; e^x as e^{x/2} e^{x/2}
    so that values up to the overflow threshold come out finite."""
    terms = B.nterms(x, 20, 44)
    rx = B.recip(x)

    def body(i, carry):
        t, s = carry
        t = mul(t, mul(_kf(i, x), rx))
        return t, add(s, t)

    _, s = B.loop(terms, body, (full(x, 1), full(x, 1)))
    h = exp(mul(x, c(x, 0.5)))
    return mul(mul(div(h, x), s), h)


def _ei_real(x):
    big = c(x, 20.0 if not B.is64(x) else 44.0)
    pos = gt(x, c(x, 0))
    xs = where(B.and_(pos, le(x, big)), x, full(x, 1))
    xl = where(gt(x, big), x, big)
    xn = where(pos, full(x, 1), neg(x))
    r = where(gt(x, big), _ei_asymptotic(xl),
              where(le(x, c(x, 2)), _ei_series(where(le(x, c(x, 2)), xs, full(x, 1))),
                    _ei_horner(xs)))
    r = where(pos, r, neg(_e1_real(xn)))
    r = where(eq(x, c(x, _INF)), full(x, _INF), r)
    return where(eq(x, c(x, 0)), full(x, -_INF), r)


# --- complex E1 / Ei -------------------------------------------------------------------
# Where the Ein series beats the continued fraction (measured, float64): for
# Re z < 0 and |z| <= r_max, if |Im z| <= t |Re z| (the series' terms then do
# not cancel; the fraction converges slowly next to the cut).
_E1_SERIES_SECTORS = ((2.0, 3.73), (6.0, 1.732), (10.0, 1.0), (40.0, 0.268))


def _e1_complex(z, ei=False):
    """E_1(z) on the principal branch (cut along the negative real axis); with
    ``ei``, Ei(z) = -E_1(-z) + i pi sign(Im z) instead.

    The Ein series DLMF 6.6.4 (120 terms: |z|^K / K! is below the rounding
    level of e^{|z|} for |z| <= 40) for |z| <= 1 and in the sectors of
    ``_E1_SERIES_SECTORS``; the continued fraction (depth 150 / 80) elsewhere.
    Regions and depths were chosen from the measured error of each method
    against mpmath on rings |z| = 1 ... 50.
    """
    arg = z
    if ei:  # regions of E_1 at -z
        z = neg(z)
    re, im = B.L.real(z), B.L.imag(z)
    az = B.L.abs(z)
    left = lt(re, c(re, 0))
    use_series = le(az, c(re, 1))
    for rmax, t in _E1_SERIES_SECTORS:
        in_sector = le(B.abs_(im), mul(B.abs_(re), c(re, t)))
        inside = B.and_(B.and_(left, le(az, c(re, rmax))), in_sector)
        use_series = B.or_(use_series, inside)
    zs = where(use_series, z, full(z, 1))
    zc = where(use_series, full(z, 5), z)

    def body(i, carry):
        t, s = carry
        k = _kf(i, z)
        t = div(mul(t, neg(zs)), k)
        return t, add(s, div(t, k))

    _, s = B.loop(120, body, (full(z, 1), full(z, 0)))
    cf = _en_cf(full(z, 1), zc, B.nterms(z, 80, 150))
    if ei:  # Ei(z) = gamma + log z + sum z^k / (k k!) off the cut (DLMF 6.6.1 continued)
        ser = add(add(c(z, B.EULER), B.L.log(neg(zs))), s)
        aim = B.L.imag(arg)
        cf = add(neg(cf), B.L.complex(full(aim, 0), mul(B.sign(aim), c(aim, np.pi))))
    else:  # E1 = -gamma - log z - sum_{k>=1} (-z)^k / (k k!)
        ser = sub(sub(c(z, -B.EULER), B.L.log(zs)), s)
    return where(use_series, ser, cf)


def _ei_complex(z):
    """Ei(z) = -E_1(-z) + i pi sign(Im z) (DLMF 6.2.7 continued off the real axis);
    where the series is used, directly gamma + log z + sum z^k / (k k!)."""
    return _e1_complex(z, ei=True)


# --- public functions --------------------------------------------------------------
def _unary(name, x, complex_ok=False):
    (x,) = B.prepare(name, ("x",), x, complex_ok=complex_ok)
    return x


@jax.custom_jvp
def _exp1(x):
    if np.dtype(x.dtype).kind == "c":
        return _e1_complex(x)
    return _e1_real(x)


@_exp1.defjvp
def _exp1_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return _exp1(x), mul(t, neg(div(exp(neg(x)), x)))


@public
def exp1(x):
    """Exponential integral E_1(x) = int_1^inf e^{-x t} / t dt.

    Parameters
    ----------
    x : array_like
        Real or complex argument; for real ``x < 0`` the result is NaN (the
        integral is complex there, as in scipy).

    Returns
    -------
    Array
        ``E_1(x)``; ``inf`` at 0.  Complex input uses the principal branch
        (cut along the negative real axis).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.exp1(1.0)):.6f}")
    0.219384
    """
    return _exp1(_unary("exp1", x, complex_ok=True))


@jax.custom_jvp
def _expi(x):
    if np.dtype(x.dtype).kind == "c":
        return _ei_complex(x)
    return _ei_real(x)


@_expi.defjvp
def _expi_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    return _expi(x), mul(t, div(exp(x), x))


@public
def expi(x):
    """Exponential integral Ei(x) = -PV int_{-x}^inf e^{-t} / t dt.

    Parameters
    ----------
    x : array_like
        Real or complex argument.

    Returns
    -------
    Array
        ``Ei(x)``; ``-E_1(-x)`` for real ``x < 0``, ``-inf`` at 0.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.expi(1.0)):.6f}")
    1.895118
    """
    return _expi(_unary("expi", x, complex_ok=True))


@jax.custom_jvp
def _expn(n, x):
    return _expn_real(n, x)


@_expn.defjvp
def _expn_jvp(primals, tangents):
    (n, x), (_, t) = primals, tangents
    nm1 = sub(n, c(n, 1))
    # dE_n/dx = -E_{n-1}(x); E_{-1}(x) = e^{-x} (x + 1) / x^2
    em1 = div(mul(exp(neg(x)), add(x, c(x, 1))), mul(x, x))
    d = where(eq(n, c(n, 0)), em1, _expn_real(where(eq(n, c(n, 0)), full(n, 0), nm1), x))
    return _expn(n, x), mul(t, neg(d))


@public
def expn(n, x):
    """Generalized exponential integral E_n(x) = int_1^inf e^{-x t} / t^n dt.

    Parameters
    ----------
    n : array_like of int
        Non-negative order (a float order is truncated to an integer, as
        scipy does; negative orders give NaN).
    x : array_like
        Real argument, ``x >= 0`` (NaN for ``x < 0``).

    Returns
    -------
    Array
        ``E_n(x)``, of the floating dtype of ``x`` (and ``n``).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.expn(2, 1.0)):.6f}")
    0.148496
    """
    n, x = B.prepare("expn", ("n", "x"), n, x)
    n = mul(B.L.sign(n), B.L.floor(B.abs_(n)))  # truncation toward zero, as scipy
    return _expn(n, x)


# --- Si, Ci of real x ---------------------------------------------------------------
# x <= 3: Si = x sum_k (-1)^k x^2k / ((2k+1)(2k+1)!) (DLMF 6.6.5) by Horner's rule in x^2,
# 8 / 14 terms (float32 / float64: the first left out is below 4e-9 / 5e-18 of Si(3));
# Ci about its first zero r (DLMF 6.6.6 rewritten as in _root_series, the sum a polynomial
# in -x^2 with static coefficients, ``_ci_root_coeffs``).
# x > 3: Si = pi/2 - f cos x - g sin x, Ci = f sin x - g cos x with the auxiliary functions
# (DLMF 6.2.17-18) x f = 1 + t F(t), x^2 g = 1 + t G(t), t = 1/x^2, F and G our own
# near-minimax rational approximations (``python -m tools.fit_rational sici``; float64 on
# two intervals split at x = 8, the coefficients selected per element).
_SICI_SPLIT = 3.0  # (beyond, the series would cancel in Ci: Ci(4) = -0.14, terms ~2)
_SICI_SPLIT64 = 8.0
_SICI_TERMS = {np.dtype(np.float32): 8, np.dtype(np.float64): 14}
# per dtype: F on each interval, then G on each: ((mid, 1/half), P, Q), u = (t - mid)/half
_SICI_FG = {
    np.dtype(np.float64): [
        # f 3..8: v in [0.015625, 0.111111], degrees (8, 8),
        # max relative error 6.7e-16 (float64 Horner)
        ((0.0, 1.0),
         [-1.999998037757218, -588.9214028632242, -57449.72347156424, -2368356.560414042,
          -43633126.09639912, -348990087.72698194, -1075916892.7523153, -932392781.2719005,
          -37457969.01140851],
         [1.0, 306.4597471393561, 32042.878074004504, 1478333.152964868, 32450554.230335623,
          339797240.19578224, 1604969316.7530894, 2967794693.4957385, 1498902674.4500933]),
        # f 8..inf: v in [0, 0.015625], degrees (8, 8),
        # max relative error 5.6e-16 (float64 Horner)
        ((0.0, 1.0),
         [-1.9999999999999998, -2375.4449081517987, -998510.927545505, -189541241.3027419,
          -17186008583.864937, -723249686449.9795, -12564425834301.125, -66617523148163.77,
          -27449193068120.973],
         [1.0, 1199.7224540758925, 513292.1332217892, 100518386.16567159, 9636811766.027412,
          449490650986.4565, 9545741420955.717, 79019796447171.52, 174020104309837.66]),
        # g 3..8: v in [0.015625, 0.111111], degrees (8, 8),
        # max relative error 7.8e-16 (float64 Horner)
        ((0.0, 1.0),
         [-5.999981520806358, -1941.3154809293421, -206501.52191897546, -9203591.599303845,
          -181809193.7524739, -1548153682.0288706, -5050160362.57646, -4571022162.054153,
          -80939019.2968496],
         [1.0, 343.54940373943197, 40449.68928521048, 2114074.320581527, 53007481.85260103,
          641644117.41236, 3567299285.4116874, 7994598639.868116, 5161091728.7849455]),
        # g 8..inf: v in [0, 0.015625], degrees (8, 8),
        # max relative error 7.8e-16 (float64 Horner)
        ((0.0, 1.0),
         [-5.999999999999999, -7838.0102844994535, -3636733.437550302, -764312941.7981715,
          -76868070559.96634, -3586506438952.6665, -68723457767988.65, -393559895208758.8,
          -115324187463084.42],
         [1.0, 1326.3350474165488, 631808.9405405726, 138968027.66669708, 15133550096.416786,
          814114689910.5182, 20384159756835.09, 205985675785918.53, 589803272692641.6]),
    ],
    np.dtype(np.float32): [
        # f 3..inf: v in [0, 0.111111], degrees (5, 5),
        # max relative error 3.0e-07 (float32 Horner)
        ((0.0, 1.0),
         [-1.9999999859801734, -460.1599664282048, -27868.853421611566, -494779.0058852478,
          -2029242.3104685766, -443768.09888799366],
         [1.0, 242.07989732431145, 16479.552661777703, 378020.7894157601, 2749988.6821415443,
          4583821.958351464]),
        # g 3..inf: v in [0, 0.111111], degrees (5, 5),
        # max relative error 3.5e-07 (float32 Horner)
        ((0.0, 1.0),
         [-5.999999910549397, -1606.5639053046566, -112642.35632315058, -2278551.3528578924,
          -10292321.01944135, -1436444.0037667763],
         [1.0, 287.7604368103585, 23689.405553921224, 671880.3515662483, 6242049.446321161,
          14059145.898408318]),
    ],
}


@functools.cache
def _ci_root_coeffs(r: float, n: int):
    """b_i with sum_{k=1..n} a_k (Y^k - R^k)/(Y - R) = sum_i b_i Y^i, a_k = 1/(2k (2k)!),
    R = -r^2 (exact rational arithmetic, then rounded)."""
    rr = -Fraction(r) ** 2
    a = [Fraction(0)] + [Fraction(1, 2 * k * math.factorial(2 * k)) for k in range(1, n + 1)]
    return [float(sum(a[k] * rr ** (k - 1 - i) for k in range(i + 1, n + 1))) for i in range(n)]


def _sici_small(x):
    """Si, Ci for 0 <= x <= 3 (x = 0: 0, -inf)."""
    n = _SICI_TERMS[np.dtype(x.dtype)]
    y = mul(x, x)
    si = mul(x, B.horner(y, [(-1) ** k / ((2 * k + 1) * math.factorial(2 * k + 1))
                            for k in range(n)]))
    rh, f_rh = _CI_ZERO[0] if B.is64(x) else _CI_ZERO[1]
    delta = sub(x, c(x, rh))  # exact next to the zero (Sterbenz)
    s = B.horner(neg(y), _ci_root_coeffs(rh, n))
    ymr = neg(mul(delta, add(x, c(x, rh))))  # -x^2 - (-r^2)
    # ln(x/r): next to r log1p(u), u = (x - r)/r, as log(w) - ((w - 1) - u)/w with
    # w = 1 + u (Goldberg 1991, thm. 4: the rounding of 1 + u corrected); else ln x - ln r
    near = lt(B.abs_(delta), c(x, 0.5 * rh))
    u = mul(delta, c(x, 1 / rh))
    w = where(near, add(c(x, 1), u), x)
    corr = where(near, div(sub(sub(w, c(x, 1)), u), where(near, w, full(x, 1))),
                 c(x, math.log(rh)))
    ci = add(c(x, f_rh), add(sub(log(w), corr), mul(ymr, s)))
    return si, ci


def _sici_large(x):
    """Si, Ci for x > 3 (finite)."""
    regions = _SICI_FG[np.dtype(x.dtype)]
    nreg = len(regions) // 2
    rx = where(gt(x, c(x, 0)), div(c(x, 1), x), full(x, 0))  # (a select: one user of the div)
    t = mul(rx, rx)
    first = lt(x, c(x, _SICI_SPLIT64))

    def rational(table):
        (s0, i0) = table[0][0]
        (s1, i1) = table[-1][0]
        u = mul(sub(t, where(first, c(x, s0), c(x, s1))), where(first, c(x, i0), c(x, i1)))

        def poly(k):
            m = max(len(r[k]) for r in table)
            cs = [list(r[k]) + [0.0] * (m - len(r[k])) for r in table]
            pick = (lambda i: c(x, cs[0][i])) if len(table) == 1 else (
                lambda i: where(first, c(x, cs[0][i]), c(x, cs[1][i])))
            acc = pick(m - 1)
            for i in range(m - 2, -1, -1):
                acc = add(mul(acc, u), pick(i))
            return acc

        return add(c(x, 1), mul(t, div(poly(1), poly(2))))

    f = mul(rational(regions[:nreg]), rx)
    g = mul(rational(regions[nreg:]), t)
    sn, cs = sin(x), cos(x)
    si = sub(c(x, np.pi / 2), add(mul(f, cs), mul(g, sn)))
    ci = sub(mul(f, sn), mul(g, cs))
    return si, ci


@jax.custom_jvp
def _sici(x):
    if np.dtype(x.dtype).kind == "c":
        return _SC.sici(x, _e1_complex)
    ax = B.abs_(x)
    small = le(ax, c(x, _SICI_SPLIT))
    si_s, ci_s = _sici_small(where(small, ax, full(x, 1)))
    si_l, ci_l = _sici_large(where(small, full(x, 2 * _SICI_SPLIT), ax))
    si = where(small, si_s, si_l)
    ci = where(small, ci_s, ci_l)
    inf = eq(ax, c(x, _INF))
    si = where(inf, full(x, np.pi / 2), si)
    ci = where(inf, where(gt(x, c(x, 0)), full(x, 0), full(x, _NAN)), ci)  # scipy: Ci(-inf) nan
    si = where(lt(x, c(x, 0)), neg(si), si)
    return si, ci


@_sici.defjvp
def _sici_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    si, ci = _sici(x)
    zero = eq(x, c(x, 0))
    xs = where(zero, full(x, 1), x)
    dsi = where(zero, full(x, 1), div(sin(xs), xs))
    dci = where(zero, full(x, _INF), div(cos(xs), xs))
    return (si, ci), (mul(t, dsi), mul(t, dci))


@public
def sici(x):
    """Sine and cosine integrals Si(x) = int_0^x sin t / t dt and
    Ci(x) = gamma + ln x + int_0^x (cos t - 1) / t dt.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    si, ci : Array
        ``Si(x)`` and ``Ci(x)``; for ``x < 0`` scipy's real parts
        (``Si(-x) = -Si(x)``, ``Ci(-x) = Ci(x)``).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> si, ci = sp.sici(1.0)
    >>> print(f"{float(si):.6f} {float(ci):.6f}")
    0.946083 0.337404
    """
    return _sici(_unary("sici", x, complex_ok=True))


@jax.custom_jvp
def _shichi(x):
    if np.dtype(x.dtype).kind == "c":
        return _SC.shichi(x, _e1_complex)
    ax = B.abs_(x)
    small = lt(ax, c(x, 1))
    xs = where(small, ax, full(x, 0.5))
    xl = where(small, full(x, 2), ax)
    terms = B.nterms(x, 6, 11)
    y = mul(xs, xs)

    def body(i, carry):  # Shi = sum x^{2k+1} / ((2k+1) (2k+1)!)
        t, s = carry
        k = _kf(i, x)
        t = div(mul(t, y), mul(mul(c(x, 2), k), add(mul(c(x, 2), k), c(x, 1))))
        return t, add(s, div(t, add(mul(c(x, 2), k), c(x, 1))))

    _, shi_s = B.loop(terms, body, (xs, xs))
    chi_s = _root_series(xs, _CHI_ZERO, 2, 1, lambda k: mul(mul(c(x, 2), k),
                                                               sub(mul(c(x, 2), k), c(x, 1))),
                         lambda k: mul(c(x, 2), k), terms)
    ei, e1 = _ei_real(xl), _e1_real(xl)
    shi_l = mul(c(x, 0.5), add(ei, e1))
    chi_l = mul(c(x, 0.5), sub(ei, e1))
    shi = where(small, shi_s, shi_l)
    chi = where(small, chi_s, chi_l)
    inf = eq(ax, c(x, _INF))
    shi, chi = where(inf, full(x, _INF), shi), where(inf, full(x, _INF), chi)
    shi = where(lt(x, c(x, 0)), neg(shi), shi)
    return shi, chi


@_shichi.defjvp
def _shichi_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    out = _shichi(x)
    zero = eq(x, c(x, 0))
    xs = where(zero, full(x, 1), x)
    dshi = where(zero, full(x, 1), div(B.L.sinh(xs), xs))
    dchi = where(zero, full(x, _INF), div(B.L.cosh(xs), xs))
    return out, (mul(t, dshi), mul(t, dchi))


@public
def shichi(x):
    """Hyperbolic sine and cosine integrals Shi(x) = int_0^x sinh t / t dt and
    Chi(x) = gamma + ln x + int_0^x (cosh t - 1) / t dt.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    shi, chi : Array
        ``Shi(x)`` and ``Chi(x)``; for ``x < 0`` scipy's real parts
        (``Shi(-x) = -Shi(x)``, ``Chi(-x) = Chi(x)``).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> shi, chi = sp.shichi(1.0)
    >>> print(f"{float(shi):.6f} {float(chi):.6f}")
    1.057251 0.837867
    """
    return _shichi(_unary("shichi", x, complex_ok=True))


# --- spence ------------------------------------------------------------------------------
def _li2_bernoulli(u):
    """Li_2(1 - e^{-u}) = u - u^2/4 + sum_k B_2k u^{2k+1} / (2k+1)!  (|u| < 2 pi)."""
    k = B.nterms(u, 7, 13)
    u2 = mul(u, u)
    tail = mul(mul(u, u2), B.horner(u2, _LI2_BERNOULLI[:k]))
    return add(sub(u, mul(c(u, 0.25), u2)), tail)


def _spence_real(z):
    one = c(z, 1)
    half = c(z, 0.5)
    # z in [0, 1/2]: Li2(1-z) = pi^2/6 - ln z ln(1-z) - Li2(z), Li2(z) = B(-log1p(-z))
    za = where(B.and_(ge_(z, c(z, 0)), le(z, half)), z, full(z, 0.25))
    r_a = sub(sub(c(z, _PI2_6), mul(log(za), log1p(neg(za)))),
              _li2_bernoulli(neg(log1p(neg(za)))))
    # z in [1/2, 1]: Li2(1-z) = B(-ln z)
    zb = where(B.and_(gt(z, half), le(z, one)), z, full(z, 0.75))
    r_b = _li2_bernoulli(neg(log(zb)))
    # z in [1, 2]: Li2(1-z) = -B(ln z) - ln^2(z)/2 (Landen)
    zc = where(B.and_(gt(z, one), le(z, c(z, 2))), z, full(z, 1.5))
    lc = log(zc)
    r_c = sub(neg(_li2_bernoulli(lc)), mul(half, mul(lc, lc)))
    # z > 2: Li2(1-z) = -pi^2/6 - ln^2(z-1)/2 + B(u) + u^2/2, u = -log1p(-1/z) (inversion)
    zd = where(gt(z, c(z, 2)), z, full(z, 3))
    ld = log(sub(zd, one))
    u = neg(log1p(neg(B.recip(zd))))
    r_d = add(sub(c(z, -_PI2_6), mul(half, mul(ld, ld))),
              add(_li2_bernoulli(u), mul(half, mul(u, u))))
    r = where(le(z, half), r_a, where(le(z, one), r_b, where(le(z, c(z, 2)), r_c, r_d)))
    r = where(eq(z, c(z, 0)), full(z, _PI2_6), r)
    r = where(eq(z, c(z, _INF)), full(z, -_INF), r)
    return where(B.or_(lt(z, c(z, 0)), B.isnan(z)), full(z, _NAN), r)


def ge_(a, b):
    return B.ge(a, b)


@jax.custom_jvp
def _spence(z):
    if np.dtype(z.dtype).kind == "c":
        return _spence_complex(z)
    return _spence_real(z)


@_spence.defjvp
def _spence_jvp(primals, tangents):
    (z,), (t,) = primals, tangents
    one = eq(z, c(z, 1))
    zs = where(one, full(z, 2), z)
    d = where(one, full(z, -1), div(log(zs), sub(c(z, 1), zs)))
    return _spence(z), mul(t, d)


@public
def spence(x):
    """Spence's function (dilogarithm) ``spence(x) = int_1^x ln t / (1 - t) dt = Li_2(1 - x)``.

    Parameters
    ----------
    x : array_like
        Real argument, ``x >= 0`` (NaN below), or complex argument (branch cut along the
        negative real axis; ``x + 0j`` takes the lower side, as in scipy).

    Returns
    -------
    Array
        ``Li_2(1 - x)`` (complex64 stays complex64).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.spence(0.0)):.6f}")
    1.644934
    >>> print(f"{complex(sp.spence(-1 + 0j)):.6f}")
    2.467401-2.177586j
    """
    return _spence(_unary("spence", x, complex_ok=True))

