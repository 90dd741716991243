"""Shared helpers of the exponential-integral, hypergeometric, Airy and Lambert
families: short names for the primitive wrappers, argument preparation, and
statically bounded loops.

Everything here is written with jaxwrap primitives (``jaxwrap._src.lax``), so
the jaxprs of the public functions stay pure.  Loops are ``control.fori_loop``
(a scan with a static trip count) or ``bounded_while`` (a while loop that
stops at a static maximum), never an open-ended iteration.
"""

from __future__ import annotations

import jax
import numpy as np

from ... import control
from ... import lax as L
from ...numpy import _util

EULER = 0.57721566490153286060651209008240243  # Euler-Mascheroni constant
PI = np.pi

add, sub, mul, div, neg = L.add, L.sub, L.mul, L.div, L.neg
exp, log, log1p, expm1, sqrt = L.exp, L.log, L.log1p, L.expm1, L.sqrt
sin, cos, abs_ = L.sin, L.cos, L.abs
lt, le, gt, ge, eq, ne = L.lt, L.le, L.gt, L.ge, L.eq, L.ne
and_, or_, not_ = L.and_, L.or_, L.not_
where = _util.where


def c(x, v):
    """A scalar constant of ``x``'s dtype."""
    return np.array(v, dtype=x.dtype)


def full(x, v):
    return _util.full_like(x, v)


def is64(x) -> bool:
    return np.dtype(x.dtype) in (np.float64, np.complex128)


def nterms(x, n32: int, n64: int) -> int:
    """The static term count for ``x``'s precision."""
    return n64 if is64(x) else n32


def fma(a, b, s):
    """``a * b + s``."""
    return add(mul(a, b), s)


def horner(x, coeffs):
    """``sum(coeffs[k] * x**k)`` (Python-float coefficients)."""
    acc = full(x, coeffs[-1])
    for ck in coeffs[-2::-1]:
        acc = add(mul(acc, x), c(x, ck))
    return acc


def isnan(x):
    return ne(x, x)


def isinf(x):
    return eq(abs_(x), c(x, np.inf))


def sign(x):
    return L.sign(x)


def square(x):
    return mul(x, x)


def recip(x):
    return div(c(x, 1), x)


def as_float(k, like):
    """An integer scalar/array ``k`` converted to ``like``'s dtype."""
    return L.convert_element_type(k, like.dtype, False)


def prepare(name: str, argnames, *args, complex_ok=False):
    """Check, promote (integers to float, as scipy) and broadcast the arguments.

    A complex argument where the function has no complex form raises a
    TypeError naming the function and the argument.
    """
    _util.check_arraylike(name, *args, argnames=argnames)
    if not complex_ok:
        for a, an in zip(args, argnames):
            dt = getattr(a, "dtype", None)
            if (dt is not None and np.dtype(dt).kind == "c") or isinstance(a, complex):
                raise TypeError(f"{name}(): complex {an} is not supported (real arguments only)")
    return _util.promote_args_inexact(name, *args)


def loop(n: int, body, init):
    """``init`` updated by ``body(k, carry)`` for k = 0 .. n-1 (static n)."""
    return control.fori_loop(0, n, body, init)


def bounded_while(cond, body, init, max_iter: int):
    """``while cond(carry): carry = body(k, carry)`` stopped after ``max_iter`` steps.

    ``cond`` returns a bool array (one flag per element, the carry's shape);
    an element whose flag is clear keeps its value, and the loop runs while
    any flag is set and fewer than ``max_iter`` (static) iterations were done.
    """
    def c_fn(s):
        k, carry = s
        flags = cond(carry)
        anyf = L.reduce_or(flags, tuple(range(flags.ndim))) if flags.ndim else flags
        return and_(anyf, lt(k, np.int32(max_iter)))

    def b_fn(s):
        k, carry = s
        live = cond(carry)  # elements already done keep their value
        new = body(k, carry)
        new = jax.tree_util.tree_map(lambda n, o: where(live, n, o), new, carry)
        return add(k, np.int32(1)), new

    return jax.lax.while_loop(c_fn, b_fn, (np.int32(0), init))[1]


def prepare_int(name: str, argname: str, k, dtype):
    """An integer argument (a branch index, an order) as an array of ``dtype``;
    TypeError naming the function and argument for a non-integer dtype."""
    _util.check_arraylike(name, k, argnames=(argname,))
    kind = np.dtype(getattr(k, "dtype", np.result_type(k))).kind
    if kind not in "iub":
        raise TypeError(f"{name}(): {argname} must be an integer, got dtype "
                        f"{np.dtype(getattr(k, 'dtype', np.result_type(k)))}")
    return _util.asarray(k, dtype, name=name)


def broadcast(name: str, *args):
    return _util.broadcast_arrays(name, *args)
