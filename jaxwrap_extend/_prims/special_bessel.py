"""Bessel-function primitives: the exponentially scaled modified Bessel
functions of order 0 and 1, ``i0e(x) = exp(-|x|) I0(x)`` and
``i1e(x) = exp(-|x|) I1(x)``.

Rows like ``elementwise.py`` (name, dtype kinds, lowering, JVP), built by its
``_unary`` builder (abstract eval, lowering, JVP, vectorized batching).
XLA has ``chlo.bessel_i1e``; i0e is lowered from an implementation written
with jaxwrap's elementwise primitives:

* ``|x| < X0``: the power series I0(x) = sum_k (x^2/4)^k / (k!)^2
  (DLMF 10.25.2; every term positive, so no cancellation), times exp(-|x|);
* ``|x| >= X0``: the Hankel expansion
  I0(x) ~ e^x / sqrt(2 pi x) * sum_k ((2k-1)!!)^2 / (k! (8x)^k)
  (DLMF 10.40.1 with nu = 0; all terms positive).

The crossover X0 and the term counts come from the truncation error: the
first omitted term is below the dtype's half-ulp on both sides of X0
(float64: X0 = 20, 36 series terms, 27 asymptotic terms; float32: X0 = 10,
17 and 10 terms), measured with mpmath at 30 digits.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..interpreters import mlir
from ..interpreters.mlir import chlo
from ._base import FLOAT, aval_of
from .elementwise import (
    _c,
    _full_like,
    _select,
    _unary,
    abs,
    add,
    div,
    eq,
    exp,
    lt,
    mul,
    neg,
    rsqrt,
    sign,
    sub,
)

__all__ = ["bessel_i0e", "bessel_i1e"]

# (crossover X0, series terms, asymptotic terms) per dtype; see the module docstring.
_I0E_PLAN = {np.dtype(np.float64): (20.0, 36, 27), np.dtype(np.float32): (10.0, 17, 10),
             np.dtype(np.float16): (10.0, 17, 10)}


def _series_coeffs(n):
    """1 / (k!)^2 for k < n (DLMF 10.25.2 at nu = 0)."""
    return [1.0 / math.factorial(k) ** 2 for k in range(n)]


def _hankel_coeffs(n):
    """((2k-1)!!)^2 / (k! 8^k) for k < n (DLMF 10.40.1 at nu = 0), exact then rounded."""
    out, c = [], Fraction(1)
    for k in range(n):
        out.append(float(c))
        c = c * (2 * k + 1) ** 2 / (8 * (k + 1))
    return out


def _horner(t, coeffs):
    """sum_k coeffs[k] t^k."""
    acc = _full_like(t, coeffs[-1])
    for c in reversed(coeffs[:-1]):
        acc = add(mul(acc, t), _c(t, c))
    return acc


def _i0e_impl(x):
    dt = np.dtype(aval_of(x).dtype)
    x0, n_series, n_asym = _I0E_PLAN.get(dt, _I0E_PLAN[np.dtype(np.float32)])
    a = abs(x)
    small = lt(a, _c(a, x0))
    # Each branch sees an argument inside its own range, so neither overflows.
    a_s = _select(small, a, _full_like(a, x0))          # series argument
    a_l = _select(small, _full_like(a, x0), a)          # asymptotic argument
    t = mul(mul(a_s, a_s), _c(a, 0.25))
    series = mul(_horner(t, _series_coeffs(n_series)), exp(neg(a_s)))
    inv = div(_c(a, 1.0), a_l)
    asym = mul(_horner(inv, _hankel_coeffs(n_asym)),
               mul(rsqrt(a_l), _c(a, 1.0 / math.sqrt(2.0 * math.pi))))
    return _select(small, series, asym)  # series where small


def _lower_i0e(ctx, x):
    return mlir.lower_fun(_i0e_impl, multiple_results=False)(ctx, x)


def _lower_i1e(ctx, x):
    return chlo.BesselI1eOp(x).results


def _i0e_jvp(t, ans, x):
    # d/dx [e^{-|x|} I0(x)] = i1e(x) - sign(x) i0e(x)   (I0' = I1, DLMF 10.29.3)
    return mul(t, sub(bessel_i1e(x), mul(sign(x), ans)))


def _i1e_jvp(t, ans, x):
    # d/dx [e^{-|x|} I1(x)] = i0e(x) - i1e(x)/x - sign(x) i1e(x)  (I1' = I0 - I1/x,
    # DLMF 10.29.2); the limit at x = 0 is 1/2.
    zero = eq(x, _c(x, 0))
    safe = _select(zero, _full_like(x, 1), x)
    d = sub(sub(bessel_i0e(x), div(ans, safe)), mul(sign(x), ans))
    return mul(t, _select(zero, _full_like(x, 0.5), d))


# --- the table ------------------------------------------------------------------------------
#        name          kinds  lowering     JVP: t, ans, x -> tangent
bessel_i0e = _unary("bessel_i0e", FLOAT, _lower_i0e, _i0e_jvp)
bessel_i1e = _unary("bessel_i1e", FLOAT, _lower_i1e, _i1e_jvp)
