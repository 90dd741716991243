"""Shared helpers of the elementary / log-space / elliptic / combinatorial
families: one builder for elementwise public functions (argument checks that
name the function and argument, scipy's promotion to an inexact dtype,
broadcasting, jax's weak-type rule for the result) and small numeric tools
(zero-gradient barrier, closed-form derivatives, polynomial evaluation)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import jax
import numpy as np

from ... import dtypes, lax
from ...numpy import _util

__all__: list[str] = []


def _kind(dt) -> str:
    dt = np.dtype(dt)
    if dt == np.bool_:
        return "bool"
    if dtypes.issubdtype(dt, np.integer):
        return "int"
    if dtypes.issubdtype(dt, np.complexfloating):
        return "complex"
    return "float"


def promote(name: str, argnames: Sequence[str], args, *, complex_ok: bool = False):
    """Check, promote to a common inexact dtype (integers/bools -> default float,
    float32 stays float32) and broadcast; returns (arrays, weak)."""
    _util.check_arraylike(name, *args, argnames=list(argnames))
    args = [_util.asarray(a, name=name) if isinstance(a, (list, tuple)) else a for a in args]
    for a, an in zip(args, argnames):
        if not complex_ok and _kind(dtypes.dtype(a)) == "complex":
            raise TypeError(f"{name}(): complex arguments are not supported; {an} has dtype "
                            f"{np.dtype(dtypes.dtype(a)).name}")
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    dt = dtypes.to_inexact_dtype(dt)
    arrs = [_util._convert(a, dt, weak) for a in args]
    arrs = [_util.asarray(a) for a in arrs]
    return _util.broadcast_arrays(name, *arrs), weak


def weaken(out, weak: bool):
    """jax's rule: the result is weakly typed when every input was."""
    if isinstance(out, tuple):
        return tuple(weaken(o, weak) for o in out)
    if not weak or dtypes.is_weakly_typed(out):
        return out
    return lax.convert_element_type(out, out.dtype, True)


def elementwise(name: str, argnames: Sequence[str], *, complex_ok: bool = False):
    """Decorator: ``impl`` receives promoted, broadcast arrays; the public function
    gets the checks, promotion and the weak-type rule.  The caller applies
    ``@public`` (jit dispatch) on top."""
    def deco(impl: Callable):
        @functools.wraps(impl)
        def f(*args):
            arrs, weak = promote(name, argnames, args, complex_ok=complex_ok)
            return weaken(impl(*arrs), weak)
        return f
    return deco


def c(x, value):
    """A constant of ``x``'s dtype (a literal in jaxprs)."""
    return np.array(value, dtype=x.dtype)


def real_dtype(x):
    return np.dtype(lax.real_dtype(x.dtype)) if _kind(x.dtype) == "complex" else np.dtype(x.dtype)


def is_f64(x) -> bool:
    return real_dtype(x) == np.float64


def is_complex(x) -> bool:
    return _kind(x.dtype) == "complex"


@jax.custom_jvp
def stop_gradient(x):
    """Identity whose derivative is zero (jax.lax.stop_gradient, kept pure)."""
    return x


@stop_gradient.defjvp
def _stop_gradient_jvp(primals, tangents):
    (x,) = primals
    return x, _util.full_like(x, 0)


def with_derivatives(fun: Callable, *partials: Callable):
    """``fun`` with closed-form partial derivatives: ``partials[i](*args, out)``
    is d out / d args[i].  Used where autodiff of a branchy formula would give
    0 * inf = NaN in an untaken branch."""
    f = jax.custom_jvp(fun)

    @f.defjvp
    def _jvp(primals, tangents):
        out = f(*primals)
        t = None
        for p, dx in zip(partials, tangents):
            if type(dx).__name__ == "SymbolicZero" or dx is None:
                continue
            term = lax.mul(p(*primals, out), dx)
            t = term if t is None else lax.add(t, term)
        if t is None:
            t = _util.full_like(out, 0)
        return out, t

    return f


def horner(x, coeffs):
    """sum_k coeffs[k] x**k (coefficients as Python floats, constant term first)."""
    acc = _util.full_like(x, coeffs[-1])
    for ck in reversed(coeffs[:-1]):
        acc = lax.add(lax.mul(acc, x), c(x, ck))
    return acc
