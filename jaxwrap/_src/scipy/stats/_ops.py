"""Small pure helpers the distribution formulas are written with.

Every helper takes arrays of one shape and dtype (the distribution base
broadcasts and promotes all arguments first) and Python numbers, which the
primitive wrappers turn into constants of the array's dtype.  Nothing here
applies a Python operator to an array (DESIGN.md, primitive purity).
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ...numpy import _util



def _binary(prim):
    """``prim`` with a Python number operand made a constant of the other
    operand's dtype (so float32 stays float32 with x64 on)."""
    def f(x, y):
        if isinstance(x, (int, float)):
            x = np.asarray(x, dtype=y.dtype)
        elif isinstance(y, (int, float)):
            y = np.asarray(y, dtype=x.dtype)
        return prim(x, y)
    f.__name__ = prim.__name__ if hasattr(prim, "__name__") else "binary"
    return f


add, sub, mul, div = _binary(L.add), _binary(L.sub), _binary(L.mul), _binary(L.div)
neg = L.neg
exp, log, log1p, expm1, sqrt = L.exp, L.log, L.log1p, L.expm1, L.sqrt
floor, ceil, absolute, square = L.floor, L.ceil, L.abs, L.square
lt, le, gt, ge, eq, ne = (_binary(p) for p in (L.lt, L.le, L.gt, L.ge, L.eq, L.ne))
and_, or_, not_ = L.and_, L.or_, L.not_
maximum, minimum, power = _binary(L.max), _binary(L.min), _binary(L.pow)
lgamma, digamma, erf, erfc, erf_inv = L.lgamma, L.digamma, L.erf, L.erfc, L.erf_inv
sin, cos, tan, atan, tanh, sinh, cosh = L.sin, L.cos, L.tan, L.atan, L.tanh, L.sinh, L.cosh
atan2 = _binary(L.atan2)
LOG_2PI = math.log(2 * math.pi)
LOG_2 = math.log(2.0)
SQRT2 = math.sqrt(2.0)
EULER = 0.57721566490153286061


def full(x, value):
    """``value`` in the shape and dtype of ``x``."""
    return _util.full_like(x, value)


def where(cond, a, b):
    """``a`` where ``cond`` else ``b``; Python numbers take the array's dtype."""
    ref = a if not isinstance(a, (int, float)) else b
    if isinstance(ref, (int, float)):
        raise TypeError("where(): one of the branches must be an array")
    a = full(ref, a) if isinstance(a, (int, float)) else a
    b = full(ref, b) if isinstance(b, (int, float)) else b
    if _util.shape(cond) != _util.shape(a):
        cond = L.broadcast_in_dim(cond, _util.shape(a), ())
    return L.select_n(cond, b, a)


def isnan(x):
    return L.ne(x, x)


def isfinite(x):
    return L.is_finite(x)


def clip(x, lo, hi):
    return minimum(maximum(x, lo), hi)


def cast(x, like):
    return L.convert_element_type(x, like.dtype, False)


def nan_where(bad, x):
    return where(bad, math.nan, x)


def xlogy(x, y):
    """x * log(y), 0 where x == 0 (the limit)."""
    return where(eq(x, 0.0), 0.0, mul(x, log(y)))


def xlog1py(x, y):
    return where(eq(x, 0.0), 0.0, mul(x, log1p(y)))


def log1mexp(a):
    """log(1 - exp(a)) for a <= 0, accurate at both ends (Maechler 2012)."""
    return where(gt(a, -LOG_2), log(neg(expm1(a))), log1p(neg(exp(a))))


def logaddexp(a, b):
    m = maximum(a, b)
    m_safe = where(isfinite(m), m, 0.0)
    return add(m_safe, log(add(exp(sub(a, m_safe)), exp(sub(b, m_safe)))))


def betaln(a, b):
    """log|B(a, b)| from lgamma (adequate where a and b are not both huge)."""
    return sub(add(lgamma(a), lgamma(b)), lgamma(add(a, b)))


def logistic(x):
    return L.logistic(x)


def is_integer(x):
    return eq(floor(x), x)


def tiny(x):
    return float(np.finfo(x.dtype).tiny)


def eps(x):
    return float(np.finfo(x.dtype).eps)


def is_f32(x):
    return np.dtype(x.dtype).itemsize <= 4


def polyval(coeffs, x):
    """Horner's scheme with Python-number coefficients (highest degree first)."""
    acc = full(x, coeffs[0])
    for c in coeffs[1:]:
        acc = add(mul(acc, x), c)
    return acc
