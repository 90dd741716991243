"""Argument checks and small helpers shared by the sampler modules, and the
factories of samplers with only (shape, dtype) or with broadcast parameters.
"""

from __future__ import annotations

import inspect
import operator
from collections.abc import Sequence

import jax
import ml_dtypes
import numpy as np

from jaxwrap._src import dtypes as _dtypes
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

from .keys import _run


# --- argument helpers --------------------------------------------------------------------
def _shape_arg(name: str, shape) -> tuple[int, ...]:
    try:
        return tuple(operator.index(d) for d in (shape if isinstance(shape, Sequence)
                                                 else (shape,)))
    except TypeError:
        raise TypeError(f"{name}: shape must be a sequence of integers, got {shape!r}") from None


def _dtype_arg(name: str, dtype, kind: str, default=float) -> np.dtype:
    dt = _dtypes.check_user_dtype(default if dtype is None else dtype, name)
    ok = {"float": np.floating, "inexact": np.inexact, "int": np.integer,
          "uint": np.unsignedinteger}[kind]
    if not jax.dtypes.issubdtype(dt, ok):
        article = "a float" if kind == "float" else "an " + kind
        raise ValueError(f"dtype argument to `{name}` must be {article} dtype, got {dt}")
    return dt


def _check_shape(name: str, shape, *param_shapes) -> None:
    if param_shapes:
        out = _util.broadcast_shapes(name, tuple(shape), *param_shapes)
        if out != tuple(shape):
            raise ValueError(f"{name} parameter shapes must be broadcast-compatible with shape "
                             f"argument, and the result of broadcasting the shapes must equal "
                             f"the shape argument, but got result {out} for shape argument "
                             f"{tuple(shape)}.")


def _broadcast_shape(name, shape, *args):
    shapes = [np.shape(a) for a in args]
    if shape is None:
        return _util.broadcast_shapes(name, *shapes) if shapes else ()
    shape = _shape_arg(name, shape)
    _check_shape(name, shape, *shapes)
    return shape


def _arr(x, dtype):
    """``x`` as an array of ``dtype`` (Python / numpy values become constants)."""
    if isinstance(x, jax.Array):
        return x if x.dtype == dtype else L.convert_element_type(x, dtype)
    if isinstance(x, (list, tuple)):
        return L.convert_element_type(_util.asarray(x), dtype)
    return np.asarray(x, dtype=dtype)


def _c(x, v):
    return np.array(v, dtype=np.dtype(x.dtype))


def _bc(x, shape):
    """Broadcast ``x`` (shape already checked) to ``shape``."""
    return _util.broadcast_to(x, tuple(shape))


def _select(pred, on_true, on_false):
    return L.select_n(pred, on_false, on_true)


def _finfo(dtype):
    return ml_dtypes.finfo(dtype)


_UINT = {8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}


# --- continuous distributions from uniforms --------------------------------------------------
def _sampler(name, body, kind="float", default=float):
    """A public sampler ``f(key, shape=(), dtype=None)`` computing ``body(k, shape, dtype)``."""
    def fn(key, shape=(), dtype=None):
        dt = _dtype_arg(name, dtype, kind, default)
        return _run(name, _shape_dtype_body, key, shape=_shape_arg(name, shape), dtype=dt,
                    _body=body)
    fn.__name__ = fn.__qualname__ = name
    return fn


def _shape_dtype_body(k, *, shape, dtype, _body):
    return _body(k, shape, dtype)


def _param_sampler(name, body, params, kind="float"):
    """A public sampler ``f(key, *params, shape=None, dtype=None)`` (shape from params)."""
    P = inspect.Parameter
    sig = inspect.Signature(
        [P("key", P.POSITIONAL_OR_KEYWORD)]
        + [P(p, P.POSITIONAL_OR_KEYWORD) for p in params]
        + [P("shape", P.POSITIONAL_OR_KEYWORD, default=None),
           P("dtype", P.POSITIONAL_OR_KEYWORD, default=None)])

    def fn(*args, **kwargs):
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{name}(): {e}") from None
        bound.apply_defaults()
        a = bound.arguments
        values = [a[p] for p in params]
        dt = _dtype_arg(name, a["dtype"], kind, float if kind == "float" else int)
        shape = _broadcast_shape(name, a["shape"], *values)
        return _run(name, _params_body, a["key"], *values, shape=shape, dtype=dt, _body=body)
    fn.__name__ = fn.__qualname__ = name
    fn.__signature__ = sig
    return fn


def _params_body(k, *args, shape, dtype, _body):
    return _body(k, *args, shape=shape, dtype=dtype)


def _inv(p):
    """1 / p as jax computes it: in Python for Python numbers, else in p's dtype."""
    if isinstance(p, (int, float)):
        return 1 / p
    (p,) = _util.promote_dtypes_inexact(p)
    return L.div(_c(p, 1), p)


def _power(x, y):
    """jax.numpy.power's rules: concrete integer exponents multiply, others use pow."""
    if isinstance(y, (int, np.integer)) and not isinstance(y, bool):
        return _integer_pow(x, int(y))
    x, y = _util.promote_dtypes(x, y)
    x, y = _util.broadcast_arrays("power", x, y)
    return L.pow(x, y)


def _integer_pow(x, n):
    # Binary exponentiation, squaring from the low bit (jax.lax.integer_pow's order).
    if n == 0:
        return L.broadcast_in_dim(_c(x, 1), x.shape, ())
    neg, n = n < 0, abs(n)
    acc = None
    while n:
        if n & 1:
            acc = x if acc is None else L.mul(acc, x)
        n >>= 1
        if n:
            x = L.mul(x, x)
    return L.div(_c(acc, 1), acc) if neg else acc


def _any(x):
    return L.reduce_or(x, tuple(range(x.ndim))) if x.ndim else x


def _full(x, v, dtype=None):
    dtype = np.dtype(x.dtype if dtype is None else dtype)
    return L.broadcast_in_dim(np.array(v, dtype), x.shape, ())
