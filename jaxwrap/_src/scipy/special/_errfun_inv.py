"""Inverses of the normal distribution function: ndtri, ndtri_exp, erfinv,
erfcinv, built on one tail solver.

Centre (|p - 1/2| <= 0.42): x0 = sqrt(2) erfinv(2(p - 1/2)) from XLA's
erf_inv (accurate near 0, weak near +-1), then one Halley step on
Phi(x) - p written as erf(x/sqrt2)/2 - (p - 1/2), so p - 1/2 is never
rounded away.

Tails (p < 0.08, or 1 - p < 0.08 by symmetry): Newton's method on
log Phi(x) = log p, started from the asymptotic solution of
x^2 + log(x^2) + log(2 pi) = -2 log p (Abramowitz & Stegun 26.2.23's
leading terms).  log Phi is concave, so after the first step the iterates
increase monotonically to the root, and the convergence is quadratic: from
the starting point's relative error (< 12% at p = 0.08, smaller further
out) 5 steps reach float64 accuracy and 3 float32 (static counts, no loop
on a tolerance).  Working with log p makes ndtri_exp(y) exact down to
y = -1e300 and ndtri accurate down to the smallest subnormal p.
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ._errfun_real import INV_SQRT2, SQRT2, _erfcx_pos, c, exp_sq, log_ndtr, where

_STEPS = {np.dtype(np.float32): 3, np.dtype(np.float64): 5}
# log 2 = hi + lo with hi the dtype's nearest value (so y + hi is exact near y = -log 2)
_LN2 = {np.dtype(np.float32): (0.6931471824645996, -1.9046542999577678785e-9),
        np.dtype(np.float64): (0.6931471805599453, 2.3190468138462996155e-17)}
_P_TAIL = 0.08


def tail(y):
    """x < 0 with log Phi(x) = y, for y <= log(0.08) (y = -inf gives -inf)."""
    u = L.mul(L.neg(y), c(y, 2.0))  # -2 log p >= 5
    u = L.min(u, c(y, np.finfo(y.dtype).max))
    x2 = L.sub(L.sub(u, L.log(u)), c(y, math.log(2 * math.pi)))
    x = L.neg(L.sqrt(L.max(x2, c(y, 1.0))))
    for _ in range(_STEPS[np.dtype(y.dtype)]):
        g = L.sub(log_ndtr(x), y)
        # d log Phi / dx = sqrt(2/pi) / erfcx(-x/sqrt2) for x < 0
        slope = L.div(c(x, math.sqrt(2 / math.pi)),
                      _erfcx_pos(L.mul(L.neg(x), c(x, INV_SQRT2))))
        x = L.min(L.sub(x, L.div(g, slope)), c(x, -0.5))
    return where(L.is_finite(y), x, y)


def centre(q):
    """x with Phi(x) - 1/2 = q, for |q| <= 0.42."""
    x = L.mul(L.erf_inv(L.mul(q, c(q, 2.0))), c(q, SQRT2))
    r = L.sub(L.mul(L.erf(L.mul(x, c(x, INV_SQRT2))), c(x, 0.5)), q)  # Phi(x) - p
    # Halley: dx = r / phi / (1 + x r / (2 phi)), phi = exp(-x^2/2)/sqrt(2 pi)
    rphi = L.mul(L.mul(r, exp_sq(L.mul(x, c(x, INV_SQRT2)))), c(x, math.sqrt(2 * math.pi)))
    dx = L.div(rphi, L.add(c(x, 1.0), L.mul(L.mul(x, rphi), c(x, 0.5))))
    return L.sub(x, dx)


def ndtri(p):
    """Phi^{-1}(p); NaN outside [0, 1]."""
    q = L.sub(p, c(p, 0.5))
    small = L.min(p, L.sub(c(p, 1.0), p))  # exact for p >= 1/2
    t = tail(L.log(small))
    t = where(L.gt(p, c(p, 0.5)), L.neg(t), t)
    qc = L.max(L.min(q, c(p, 0.42)), c(p, -0.42))
    out = where(L.le(L.abs(q), c(p, 0.42)), centre(qc), t)
    bad = L.or_(L.lt(p, c(p, 0.0)), L.gt(p, c(p, 1.0)))
    return where(bad, c(p, np.nan), out)


def ndtri_exp(y):
    """x with log Phi(x) = y, y <= 0; NaN for y > 0."""
    low = tail(L.min(y, c(y, math.log(_P_TAIL))))
    # 1 - p = -expm1(y) is exact-to-rounding; log of it for the upper tail
    hi_y = L.log(L.neg(L.expm1(L.min(y, c(y, -1e-300)))))
    high = L.neg(tail(L.min(hi_y, c(y, math.log(_P_TAIL)))))
    # centre: q = exp(y) - 1/2 = expm1(y + log 2)/2 with y + log 2 in two parts
    # (XLA folds (y + a) + b into y + (a + b), so the low part enters as
    # expm1(u + lo) = expm1(u) + lo (1 + expm1(u)) + O(lo^2) instead.)
    hi, lo = _LN2[np.dtype(y.dtype)]
    e = L.expm1(L.add(y, c(y, hi)))
    q = L.mul(L.add(e, L.mul(L.add(e, c(y, 1.0)), c(y, lo))), c(y, 0.5))
    mid = centre(L.max(L.min(q, c(y, 0.42)), c(y, -0.42)))
    out = where(L.lt(y, c(y, math.log(0.5 - 0.42))), low,
                where(L.gt(y, c(y, math.log(0.5 + 0.42))), high, mid))
    out = where(L.eq(y, c(y, 0.0)), c(y, np.inf), out)
    return where(L.gt(y, c(y, 0.0)), c(y, np.nan), out)


def erfcinv(z):
    """erfc^{-1}(z) = -ndtri(z/2)/sqrt2; NaN outside [0, 2].  The tails use
    log(z) - log 2, so z/2 never underflows."""
    q = L.mul(L.sub(z, c(z, 1.0)), c(z, 0.5))  # z/2 - 1/2, exact for z in [1/2, 2]
    small = L.min(z, L.sub(c(z, 2.0), z))
    t = tail(L.sub(L.log(small), c(z, math.log(2.0))))
    t = where(L.gt(z, c(z, 1.0)), L.neg(t), t)
    qc = L.max(L.min(q, c(z, 0.42)), c(z, -0.42))
    out = L.mul(where(L.le(L.abs(q), c(z, 0.42)), centre(qc), t), c(z, -INV_SQRT2))
    bad = L.or_(L.lt(z, c(z, 0.0)), L.gt(z, c(z, 2.0)))
    return where(bad, c(z, np.nan), out)


def erfinv(y):
    """erf^{-1}(y): the centre solver for |y| <= 0.84, the tail solver on
    (1 - |y|)/2 (exact) beyond; NaN outside [-1, 1]."""
    ay = L.abs(y)
    mid = L.mul(centre(L.mul(L.max(L.min(y, c(y, 0.84)), c(y, -0.84)), c(y, 0.5))),
                c(y, INV_SQRT2))
    t = L.mul(tail(L.log(L.mul(L.sub(c(y, 1.0), ay), c(y, 0.5)))), c(y, -INV_SQRT2))
    t = where(L.lt(y, c(y, 0.0)), L.neg(t), t)
    out = where(L.le(ay, c(y, 0.84)), mid, t)
    return where(L.gt(ay, c(y, 1.0)), c(y, np.nan), out)
