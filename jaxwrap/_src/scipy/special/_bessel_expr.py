"""A small expression wrapper for the Bessel kernels (private).

The Bessel algorithms are long chains of arithmetic; written as nested
``lax.add(lax.mul(...))`` calls they are hard to check against the formulas
they cite.  ``E`` wraps an array of one float dtype and maps Python operators
to jaxwrap's primitive wrappers (``jaxwrap._src.lax``), so ``a * b + 1``
binds jaxwrap's ``mul`` and ``add`` (never jax's) and Python numbers become
constants of the array's dtype.  ``E`` never leaves the kernels: public
functions take and return plain arrays (``.a``).  It is a pytree, so it can
be a loop carry.
"""

from __future__ import annotations

import jax
import numpy as np

from ... import lax as L


class E:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a.a if isinstance(a, E) else a

    # -- conversions
    @property
    def dtype(self):
        return np.dtype(self.a.dtype)

    @property
    def shape(self):
        return tuple(np.shape(self.a))

    def _o(self, y):
        if isinstance(y, E):
            return y.a
        if isinstance(y, (bool, int, float, np.floating, np.integer)):
            return L.broadcast_in_dim(np.array(y, self.dtype), self.shape, ())
        return y

    # -- arithmetic
    def __add__(self, y): return E(L.add(self.a, self._o(y)))
    def __radd__(self, y): return E(L.add(self._o(y), self.a))
    def __sub__(self, y): return E(L.sub(self.a, self._o(y)))
    def __rsub__(self, y): return E(L.sub(self._o(y), self.a))
    def __mul__(self, y): return E(L.mul(self.a, self._o(y)))
    def __rmul__(self, y): return E(L.mul(self._o(y), self.a))
    def __truediv__(self, y): return E(L.div(self.a, self._o(y)))
    def __rtruediv__(self, y): return E(L.div(self._o(y), self.a))
    def __neg__(self): return E(L.neg(self.a))

    # -- comparisons (bool arrays, wrapped)
    def __lt__(self, y): return E(L.lt(self.a, self._o(y)))
    def __le__(self, y): return E(L.le(self.a, self._o(y)))
    def __gt__(self, y): return E(L.gt(self.a, self._o(y)))
    def __ge__(self, y): return E(L.ge(self.a, self._o(y)))
    def eq(self, y): return E(L.eq(self.a, self._o(y)))
    def ne(self, y): return E(L.ne(self.a, self._o(y)))
    def __and__(self, y): return E(L.and_(self.a, y.a))
    def __or__(self, y): return E(L.or_(self.a, y.a))
    def __invert__(self): return E(L.not_(self.a))

    def astype(self, dtype):
        return E(L.convert_element_type(self.a, np.dtype(dtype), False))


jax.tree_util.register_pytree_node(E, lambda e: ((e.a,), None), lambda _, c: E(c[0]))


def full(like: E, value, dtype=None) -> E:
    return E(L.broadcast_in_dim(np.array(value, dtype or like.dtype), like.shape, ()))


def where(c: E, x, y) -> E:
    """x where c else y (either may be a Python number)."""
    like = x if isinstance(x, E) else y
    xa = like._o(x) if not isinstance(x, E) else x.a
    ya = like._o(y) if not isinstance(y, E) else y.a
    return E(L.select_n(c.a, ya, xa))


def _u(f):
    return lambda x: E(f(x.a))


exp, log, sqrt, sin, cos = _u(L.exp), _u(L.log), _u(L.sqrt), _u(L.sin), _u(L.cos)
abs, floor, expm1, log1p = _u(L.abs), _u(L.floor), _u(L.expm1), _u(L.log1p)
rsqrt, sinh, cosh, lgamma = _u(L.rsqrt), _u(L.sinh), _u(L.cosh), _u(L.lgamma)
isnan = _u(lambda a: L.ne(a, a))
round = _u(lambda a: L.round(a, 1))   # to nearest, ties to even


def maximum(x: E, y) -> E:
    return E(L.max(x.a, x._o(y)))


def minimum(x: E, y) -> E:
    return E(L.min(x.a, x._o(y)))


def pow(x: E, y) -> E:
    return E(L.pow(x.a, x._o(y)))


def any_(c: E):
    """A traced bool scalar: does any element of ``c`` hold?"""
    a = c.a
    if a.ndim:
        a = L.reduce_or(a, tuple(range(a.ndim)))
    return a


def max_all(x: E):
    a = x.a
    if a.ndim:
        a = L.reduce_max(a, tuple(range(a.ndim)))
    return a


def horner(t: E, coeffs) -> E:
    """sum_k coeffs[k] t**k (coefficients are Python floats)."""
    acc = full(t, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        acc = acc * t + c
    return acc


def sinpi(v: E) -> E:
    """sin(pi v), exactly 0 at integers."""
    n = round(v)
    f = v - n
    s = sin(f * np.pi)
    odd = (n * 0.5 - floor(n * 0.5)).ne(0)
    return where(odd, -s, s)


def cospi(v: E) -> E:
    """cos(pi v), exactly 0 at half-integers."""
    n = round(v)
    f = v - n
    c = where(abs(f).eq(0.5), 0.0, cos(f * np.pi))
    odd = (n * 0.5 - floor(n * 0.5)).ne(0)
    return where(odd, -c, c)
