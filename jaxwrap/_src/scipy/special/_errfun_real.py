"""Real error-function kernels: one core (the scaled complementary error
function erfcx on x >= 0) and the functions built from it.

erfcx(x) for x >= 0 is a Chebyshev series of ``(1 + 2x) erfcx(x)`` in
``t = (x - K)/(x + K)`` (Shepherd & Laframboise, "Chebyshev approximation of
(1 + 2x) exp(x^2) erfc x in 0 <= x < inf", Math. Comp. 36 (1981) 249-253).
The coefficients below were computed for K = 3 with mpmath (60 Chebyshev
nodes, 50 digits; ``tools/special_refs/errfun.py: erfcx_chebyshev``): 29
terms reach 1e-19, 12 terms 5e-9 (float32); the series is evaluated as a
polynomial in t.  erfc, ndtr and log_ndtr
multiply it by exp(-x^2) computed from an exact split of x^2, so large
arguments keep full relative accuracy (the XLA erfc is ~1e15 ULP off at
x = 26.5 in float64 and underflows early in float32).

Every function takes an already-promoted float32/float64 array and uses
only jaxwrap primitives; no loops.
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L

_K = 3.0
_CHEB = (
    1.1775625741965600463, 5.3539045396156767694e-3, -9.3775503422842090522e-2,
    5.4366525557443220495e-2, -1.8976596707845207386e-2, 4.4534260614627115695e-3,
    -6.3355317105531469398e-4, 1.7661719523171591851e-5, 1.2841532864056670734e-5,
    -2.0072285659059914438e-6, -1.8075227904148371024e-7, 7.5498283438250928278e-8,
    1.8856685238386027905e-9, -2.6995190497983639975e-9, -1.4600791199391049408e-11,
    1.0361607445969489676e-10, 1.4757159766234730087e-12, -4.2773400643969108248e-12,
    -2.0792249285979899778e-13, 1.8134502003176962422e-13, 1.9734255745447388335e-14,
    -7.2879437375926731568e-15, -1.5169878690228115682e-15, 2.3514112258781403525e-16,
    1.0006111691821667611e-16, -2.0572528169538546196e-18, -5.6086082188631829491e-18,
    -5.5468847259944304444e-19, 2.4432011577263517862e-19,
)
# float32: 12 terms (the dropped ones sum to 4.5e-9 relative, 0.08 ULP)
_NTERMS = {np.dtype(np.float32): 12, np.dtype(np.float64): len(_CHEB)}
# The series as a polynomial in t (Horner: half the operations of Clenshaw's
# recurrence); converting is harmless: sum |a_k| |t|^k / |sum a_k t^k| <= 1.79 on [-1, 1].
_POLY = {dt: tuple(np.polynomial.chebyshev.cheb2poly(np.array(_CHEB[:n])).tolist())
         for dt, n in _NTERMS.items()}
SQRT_PI = math.sqrt(math.pi)
INV_SQRT_PI = 1 / SQRT_PI
SQRT2 = math.sqrt(2.0)
INV_SQRT2 = 1 / SQRT2
# Beyond this, erfcx(x) = 1/(x sqrt(pi)) * (1 - 1/(2x^2) + ...) is exact to the dtype.
_HUGE = {np.dtype(np.float32): 1e4, np.dtype(np.float64): 1e8}
# exp(-x^2): Veltkamp's constant 2^s + 1 splitting x = hi + lo with hi of 12 / 26
# significant bits, so hi*hi is exact.
_SPLIT = {np.dtype(np.float32): 2.0 ** 12 + 1, np.dtype(np.float64): 2.0 ** 27 + 1}


def c(x, v):
    """A constant of ``x``'s dtype."""
    return np.array(v, dtype=x.dtype)


def full(x, v):
    return L.broadcast_in_dim(np.array(v, dtype=x.dtype), tuple(x.shape), ())


def where(cond, a, b):
    """Select with scalar broadcasting (a where cond else b)."""
    shp = next((tuple(v.shape) for v in (cond, a, b) if np.ndim(v)), ())
    cond, a, b = (v if tuple(np.shape(v)) == shp else L.broadcast_in_dim(v, shp, ())
                  for v in (cond, a, b))
    return L.select_n(cond, b, a)


def horner(x, coeffs):
    """sum(coeffs[k] * x**k) (coefficients from the constant term up)."""
    acc = full(x, coeffs[-1])
    for a in reversed(coeffs[:-1]):
        acc = L.add(L.mul(acc, x), c(x, a))
    return acc


def _erfcx_series(x):
    """erfcx(min(x, _HUGE)) for x >= 0: the value wherever a caller multiplies it by
    exp(-x^2) (or exp(-x^2 / 2) with x/sqrt2 here), which is 0 beyond _HUGE, so
    erfc / ndtr skip the asymptotic branch (its division and select); NaN propagates."""
    xs = L.min(x, c(x, _HUGE[np.dtype(x.dtype)]))
    t = L.div(L.sub(xs, c(x, _K)), L.add(xs, c(x, _K)))
    y = horner(t, _POLY[np.dtype(x.dtype)])
    return L.div(y, L.add(L.mul(xs, c(x, 2.0)), c(x, 1.0)))


def _erfcx_pos(x):
    """erfcx(x) for x >= 0 (and +inf); NaN propagates."""
    asym = L.div(c(x, INV_SQRT_PI), x)
    return where(L.gt(x, c(x, _HUGE[np.dtype(x.dtype)])), asym, _erfcx_series(x))


# expm1(small) by its Taylor polynomial: where e = exp(+-big) is finite and non-zero,
# scale x^2 < 104 (float32) / 746 (float64) and |small| <= 2 scale hi |lo| + scale lo^2
# with |lo| <= 2^-12 |x| (float32) / 2^-27 |x| (float64), so |small| < 0.051 / 1.2e-5 and
# degree 4 (float32: 0.051^5/120 = 3e-9) and 3 (float64: 9e-22) are below half an ULP.
_EXPM1_TAYLOR = {np.dtype(np.float32): (0.0, 1.0, 1 / 2, 1 / 6, 1 / 24),
                 np.dtype(np.float64): (0.0, 1.0, 1 / 2, 1 / 6)}


def _times_exp(e, small):
    # e * exp(small) as e + e * expm1(small): XLA rewrites exp(a) * exp(b) into
    # exp(a + b), which would undo the exact split.
    em1 = horner(small, _EXPM1_TAYLOR[np.dtype(small.dtype)])
    return where(L.is_finite(e), L.add(e, L.mul(e, em1)), e)


def _split_sq(x, scale):
    """scale * x^2 = big + small with big = scale * hi^2 exact: Veltkamp's split
    (Dekker 1971) x = hi + lo, hi with half the significand's bits.  |x| is first
    clamped to 64 (exp(-+64^2 / 2) is 0 / inf in both dtypes: the clamp changes no
    result and keeps x * C finite; NaN stays NaN)."""
    ax = L.min(L.abs(x), c(x, 64.0))
    t = L.mul(ax, c(x, _SPLIT[np.dtype(x.dtype)]))
    hi = L.sub(t, L.sub(t, ax))
    lo = L.sub(ax, hi)
    big = L.mul(L.mul(hi, hi), c(x, scale))
    small = L.mul(L.add(L.mul(L.mul(hi, lo), c(x, 2.0)), L.mul(lo, lo)), c(x, scale))
    return big, small


def exp_neg_sq(x, scale=1.0):
    """exp(-scale * x^2) (scale 1 or 1/2) without the error of rounding x^2."""
    big, small = _split_sq(x, scale)
    # e = exp(-big) is in [0, 1] (NaN only for NaN x, which stays NaN): e + e expm1(small)
    # needs no guard against inf * (-small) as exp_sq's does
    e = L.exp(L.neg(big))
    return L.add(e, L.mul(e, horner(L.neg(small), _EXPM1_TAYLOR[np.dtype(x.dtype)])))


def exp_sq(x):
    """exp(x^2) without the error of rounding x^2 (inf where it overflows)."""
    big, small = _split_sq(x, 1.0)
    return _times_exp(L.exp(big), small)


# expm1(y) = y (1 + y/2 + y^2/6 + y^3/24 + y^4/120) by Taylor for float32 y = x^2 < 0.35^2:
# the first term left out, y^6/720 < 5e-9, is below 1/10 ULP of erfcx(x) in [1, 1.5]
_EXPM1_F32 = tuple(1 / math.factorial(k + 1) for k in range(5))


def erfcx(x):
    """exp(x^2) erfc(x): 2 exp(x^2) - erfcx(-x) for x < 0.  Near 0 the two terms nearly
    cancel (2 exp(x^2) ~ 2, erfcx(-x) ~ 1) and the rounding of exp(x^2) to an ULP of 1
    would be doubled into the result; float32 sums (2 - erfcx(-x)) + 2 expm1(x^2) for
    -0.35 < x < 0, expm1 by its Taylor polynomial (max 2.9 -> 1.8 ULP on the accuracy
    cases; on a dense grid of (-0.35, 0) 3.5 -> 2.9, the rest erfcx(-x)'s own error).
    float64 is within 1 ULP with the plain form."""
    pos = _erfcx_pos(L.abs(x))
    neg = L.sub(L.mul(exp_sq(x), c(x, 2.0)), pos)
    if np.dtype(x.dtype) == np.float32:
        y = L.mul(x, x)
        near0 = L.add(L.sub(c(x, 2.0), pos), L.mul(L.mul(y, horner(y, _EXPM1_F32)), c(x, 2.0)))
        neg = where(L.gt(x, c(x, -0.35)), near0, neg)
    return where(L.lt(x, c(x, 0.0)), neg, pos)


# erf(x) = 2/sqrt(pi) sum_n (-1)^n x^(2n+1) / (n! (2n+1)) (DLMF 7.6.1) for |x| < 1/2:
# the first term left out is below 2^-25 (float32, n = 7) / 2^-54 (float64, n = 13)
# relative to x.
_ERF_SERIES = {dt: tuple(2 * INV_SQRT_PI * (-1) ** n / (math.factorial(n) * (2 * n + 1))
                         for n in range(k))
               for dt, k in ((np.dtype(np.float32), 7), (np.dtype(np.float64), 13))}


def erfc(x):
    """erfc: 1 - erf(x) by erf's Maclaurin series for |x| < 1/2, erfcx(|x|) exp(-x^2)
    (2 minus that for x < 0) beyond.  (XLA's erf there was as accurate but cost 5x
    this whole function in float64.)"""
    ax = L.abs(x)
    tail = L.mul(_erfcx_series(ax), exp_neg_sq(ax))
    tail = where(L.lt(x, c(x, 0.0)), L.sub(c(x, 2.0), tail), tail)
    near0 = L.sub(c(x, 1.0), L.mul(x, horner(L.mul(x, x), _ERF_SERIES[np.dtype(x.dtype)])))
    return where(L.lt(ax, c(x, 0.5)), near0, tail)


def erf(x):
    """erf: XLA's erf (measured against mpmath on 1800 points per dtype:
    float64 max 1 ULP; float32 max 4.1 ULP where 1 - erfcx(x) exp(-x^2)
    gave 2.6 at five times the cost)."""
    return L.erf(x)


def ndtr_lower(x):
    """Phi(x) for x <= 0 (accurate to the smallest subnormal): erfcx(-x/sqrt 2)
    exp(-x^2/2) / 2, with the exponential taken from x itself."""
    z = L.mul(L.neg(x), c(x, INV_SQRT2))
    return L.mul(L.mul(_erfcx_series(z), exp_neg_sq(x, 0.5)), c(x, 0.5))


def ndtr(x):
    """Phi(x) = 1 - Phi(-x)."""
    low = ndtr_lower(L.neg(L.abs(x)))
    return where(L.gt(x, c(x, 0.0)), L.sub(c(x, 1.0), low), low)


def log_ndtr(x):
    """log Phi(x): log(erfcx(-x/sqrt2)/2) - x^2/2 for x <= 0 (two terms of one sign: no
    cancellation, and no exp to underflow), log1p(-Phi(-x)) for x > 0."""
    # one erfcx for both branches: Phi(-|x|) = erfcx(|x|/sqrt2) exp(-x^2/2) / 2
    ex = L.mul(_erfcx_pos(L.mul(L.abs(x), c(x, INV_SQRT2))), c(x, 0.5))
    left = L.sub(L.log(ex), L.mul(L.mul(x, x), c(x, 0.5)))
    right = L.log1p(L.neg(L.mul(ex, exp_neg_sq(x, 0.5))))
    return where(L.gt(x, c(x, 0.0)), right, left)


def mills_inv(x):
    """phi(x)/Phi(x), the derivative of log_ndtr, without underflow."""
    z = L.mul(L.neg(x), c(x, INV_SQRT2))
    left = L.div(c(x, math.sqrt(2 / math.pi)), _erfcx_pos(L.max(z, c(x, 0.0))))
    phi = L.mul(exp_neg_sq(x, 0.5), c(x, 1 / math.sqrt(2 * math.pi)))
    right = L.div(phi, ndtr(x))
    return where(L.lt(x, c(x, 0.0)), left, right)
