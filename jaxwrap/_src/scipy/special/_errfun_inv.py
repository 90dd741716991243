"""Inverses of the normal distribution function: ndtri, ndtri_exp, erfinv,
erfcinv, built on one kernel without iterations.

The kernel is Wichura's algorithm AS 241 (PPND16: M. J. Wichura, "The
percentage points of the normal distribution", Applied Statistics 37 (1988)
477-484): three rational functions of degree 7/7,

* |p - 1/2| <= 0.425: x = q A(r) / B(r), q = p - 1/2, r = 0.180625 - q^2;
* else, with r = sqrt(-log min(p, 1 - p)): C(r - 1.6) / D(r - 1.6) for
  r <= 5 and E(r - 5) / F(r - 5) beyond (up to r = 27.3, p = 5e-324),

with the sign of q.  Checked against mpmath (40 digits, 500 points from
p = 1e-320 to 1/2): 1.1e-16 relative before rounding.  Every coefficient and
every argument of the three rationals is positive, so Horner's rule has no
cancellation and float32 evaluation stays within a few ULP.  The three
regions share one Horner evaluation whose coefficients are selected per
element (one polynomial pass instead of three).

The callers pass q and log min(p, 1 - p) (not p), so erfcinv(z) for tiny z
(z/2 would underflow) and ndtri_exp(y) (p = e^y) lose nothing.  ndtri_exp
below y = -700 (beyond AS 241's range) solves the asymptotic form of
log Phi(x) = y, s = x^2:

    s = -2y - log(2 pi) - log(s) + 2 log(1 - 1/s + 3/s^2 - 15/s^3 + 105/s^4 - 945/s^5)

(A&S 26.2.12) by fixed-point iteration: the map contracts by 1/s <= 1/1400,
so 5 steps (3 in float32) from s = -2y reach the dtype's accuracy, and the
next series term (10395/s^6 < 2e-15) is below an ULP of s.
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ._errfun_real import INV_SQRT2, c, where

# AS 241 coefficients, constant term first; the denominators' constant terms are 1.
_A = (3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
      1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
      3.3430575583588128105e4, 2.5090809287301226727e3)
_B = (1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
      2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4,
      5.2264952788528545610e3)
_C = (1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
      3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
      2.27238449892691845833e-2, 7.74545014278341407640e-4)
_D = (1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
      1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
      1.05075007164441684324e-9)
_E = (6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
      2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
      2.71155556874348757815e-5, 2.01033439929228813265e-7)
_F = (1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
      7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
      2.04426310338993978564e-15)
_Q_CENTRE = 0.425
_ASYM_Y = -700.0  # ndtri_exp below this: the asymptotic solver (x^2 > 1390)
_ASYM_STEPS = {np.dtype(np.float32): 3, np.dtype(np.float64): 5}
_MILLS = (1.0, -1.0, 3.0, -15.0, 105.0, -945.0)  # 1 - 1/s + 3/s^2 - ... (A&S 26.2.12)
# log 2 = hi + lo with hi the dtype's nearest value (so y + hi is exact near y = -log 2)
_LN2 = {np.dtype(np.float32): (0.6931471824645996, -1.9046542999577678785e-9),
        np.dtype(np.float64): (0.6931471805599453, 2.3190468138462996155e-17)}


def _rational(t, cen, mid, num_den):
    """sum n_k t^k / sum d_k t^k with the coefficient rows of the element's region."""
    out = []
    for centre_c, mid_c, far_c in num_den:
        acc = None
        for k in reversed(range(len(centre_c))):
            ck = where(cen, c(t, centre_c[k]), where(mid, c(t, mid_c[k]), c(t, far_c[k])))
            acc = ck if acc is None else L.add(L.mul(acc, t), ck)
        out.append(acc)
    return L.div(out[0], out[1])


def ppnd(q, logm, qx=None, scale=1.0):
    """x with Phi(x) = 1/2 + q, given q and logm = log min(1/2 + q, 1/2 - q)
    (each exact to rounding; q NaN gives NaN, logm = -inf gives -+inf).
    The result is multiplied by ``scale``; ``qx`` (= scale q, where the caller
    has it more accurately) replaces q in the centre's ``q A(r)/B(r)``."""
    cen = L.le(L.abs(q), c(q, _Q_CENTRE))
    r = L.sqrt(L.neg(L.min(logm, c(q, 0.0))))
    mid = L.le(r, c(q, 5.0))
    t = where(cen, L.sub(c(q, 0.180625), L.mul(q, q)),
              L.sub(r, where(mid, c(q, 1.6), c(q, 5.0))))
    v = _rational(t, cen, mid, ((_A, _C, _E), (_B, _D, _F)))
    neg = L.lt(q, c(q, 0.0))
    tail = where(L.eq(logm, c(q, -np.inf)), c(q, math.copysign(np.inf, scale)),
                 L.mul(v, c(q, scale)))
    tail = where(neg, L.neg(tail), tail)
    qx = L.mul(q, c(q, scale)) if qx is None else qx
    return where(cen, L.mul(qx, v), tail)


def _asym_lower(y):
    """x < 0 with log Phi(x) = y for y < -700 (the fixed point above)."""
    u = L.min(L.mul(y, c(y, -2.0)), c(y, np.finfo(y.dtype).max))
    base = L.sub(u, c(y, math.log(2 * math.pi)))
    s = u
    for _ in range(_ASYM_STEPS[np.dtype(y.dtype)]):
        v = L.div(c(y, 1.0), s)
        acc = c(y, _MILLS[-1])
        for a in reversed(_MILLS[1:-1]):
            acc = L.add(L.mul(acc, v), c(y, a))
        series = L.log1p(L.mul(acc, v))  # log(1 - 1/s + ...)
        s = L.add(L.sub(base, L.log(s)), L.mul(series, c(y, 2.0)))
    return L.neg(L.sqrt(s))


def _nan_outside(x, arg, lo, hi):
    bad = L.or_(L.lt(arg, c(arg, lo)), L.gt(arg, c(arg, hi)))
    return where(bad, c(arg, np.nan), x)


def ndtri(p):
    """Phi^{-1}(p); NaN outside [0, 1]."""
    q = L.sub(p, c(p, 0.5))
    logm = L.log(L.min(p, L.sub(c(p, 1.0), p)))  # 1 - p exact for p >= 1/2
    return _nan_outside(ppnd(q, logm), p, 0.0, 1.0)


def ndtri_exp(y):
    """x with log Phi(x) = y, y <= 0; NaN for y > 0."""
    # q = exp(y) - 1/2 = expm1(y + log 2)/2 with y + log 2 in two parts (XLA folds
    # (y + a) + b into y + (a + b), so the low part enters as
    # expm1(u + lo) = expm1(u) + lo (1 + expm1(u)) + O(lo^2) instead).
    hi, lo = _LN2[np.dtype(y.dtype)]
    e = L.expm1(L.add(y, c(y, hi)))
    q = L.mul(L.add(e, L.mul(L.add(e, c(y, 1.0)), c(y, lo))), c(y, 0.5))
    # log(1 - p) = log(-expm1(y)) for the upper half
    upper = L.log(L.neg(L.expm1(L.min(y, c(y, -1e-300)))))
    logm = where(L.lt(y, c(y, -math.log(2.0))), y, upper)
    x = ppnd(q, logm)
    x = where(L.lt(y, c(y, _ASYM_Y)), _asym_lower(L.min(y, c(y, _ASYM_Y))), x)
    x = where(L.eq(y, c(y, 0.0)), c(y, np.inf), where(L.eq(y, c(y, -np.inf)), y, x))
    return where(L.gt(y, c(y, 0.0)), c(y, np.nan), x)


def erfcinv(z):
    """erfc^{-1}(z) = -ndtri(z/2)/sqrt2; NaN outside [0, 2].  The tails use
    log(z) - log 2, so z/2 never underflows."""
    q = L.mul(L.sub(z, c(z, 1.0)), c(z, 0.5))  # z/2 - 1/2, exact for z in [1/2, 2]
    logm = L.sub(L.log(L.min(z, L.sub(c(z, 2.0), z))), c(z, math.log(2.0)))
    return _nan_outside(ppnd(q, logm, scale=-INV_SQRT2), z, 0.0, 2.0)


def erfinv(y):
    """erf^{-1}(y) = ndtri((1 + y)/2)/sqrt2 with q = y/2 (exact) and
    min(p, 1 - p) = (1 - |y|)/2 (exact where the tail formulas use it,
    |y| > 0.85); NaN outside [-1, 1]."""
    q = L.mul(y, c(y, 0.5))
    logm = L.log(L.mul(L.sub(c(y, 1.0), L.abs(y)), c(y, 0.5)))
    # the centre's q/sqrt2 from y itself (y/2 would lose the bits of a subnormal y)
    x = ppnd(q, logm, qx=L.mul(y, c(y, 0.5 * INV_SQRT2)), scale=INV_SQRT2)
    return _nan_outside(x, y, -1.0, 1.0)
