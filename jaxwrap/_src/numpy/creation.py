"""numpy's array-creation functions: conversion (array, asarray, copy), filled
arrays (zeros, ones, full, empty and their ``*_like`` forms), ranges (arange,
linspace, logspace, geomspace), matrices (eye, identity, tri, tril, triu,
diag, diagflat) and meshgrid.

Semantics are jax.numpy's where jax deliberately differs from numpy: default
dtypes are 32-bit unless ``jax_enable_x64`` is on, Python scalars give weakly
typed results where jax's do, shapes are static, and ``empty`` returns zeros
(jax arrays cannot be uninitialised).  Everything is computed with jaxwrap
primitives (iota, broadcast_in_dim, pad, slice, select_n, ...).
"""

from __future__ import annotations

import array as _pyarray
import math
import operator

import jax
import numpy as np

from .. import dtypes, lax
from . import _util
from ._util import canonicalize_axis, public
from .shape import _TRACER_ERRORS, _concrete, _int, check_not_too_big, ravel, shape_arg

__all__ = [
    "arange",
    "array",
    "asarray",
    "copy",
    "diag",
    "diagflat",
    "empty",
    "empty_like",
    "eye",
    "full",
    "full_like",
    "geomspace",
    "identity",
    "linspace",
    "logspace",
    "meshgrid",
    "ones",
    "ones_like",
    "tri",
    "tril",
    "triu",
    "zeros",
    "zeros_like",
]


# --- helpers ------------------------------------------------------------------------------
def _check_order(name: str, order, allowed: str = "CFAK"):
    if order is None or (isinstance(order, str) and len(order) == 1 and order.upper() in allowed):
        return
    raise ValueError(f"{name}(): `order` must be one of {', '.join(repr(o) for o in allowed)}, "
                     f"got {order!r}")


def _put(x, device):
    return x if device is None else jax.device_put(x, device)


def _dtype_arg(name: str, dtype, default=None):
    if dtype is None:
        return None if default is None else dtypes.check_user_dtype(default, name)
    return dtypes.check_user_dtype(dtype, name)


def _const(value, dt, weak: bool = False):
    """A scalar constant of dtype ``dt`` (weakly typed if ``weak``).

    Python integers that do not fit ``dt`` raise OverflowError, like numpy.
    """
    c = np.array(value, dtype=dt)
    return lax.convert_element_type(c, dt, True) if weak else c


def _fill(shape: tuple[int, ...], value, dt, weak: bool = False):
    return lax.broadcast_in_dim(_const(value, dt, weak), shape, ())


def _is_host_scalar(v) -> bool:
    """A value known on the host with no dimensions (Python or numpy scalar, 0-d ndarray)."""
    return isinstance(v, (bool, int, float, complex, np.generic)) or (
        isinstance(v, np.ndarray) and v.ndim == 0)


def _full(name: str, shape: tuple[int, ...], fill_value, dt, weak: bool):
    """``shape`` filled with ``fill_value`` (broadcast) as ``dt``, weakly typed if ``weak``."""
    if _is_host_scalar(fill_value):
        return _fill(shape, fill_value, dt, weak)
    v = _util.asarray(fill_value, name=name)
    if v.dtype != dt or dtypes.is_weakly_typed(v) != weak:
        v = lax.convert_element_type(v, dt, weak)
    lead = len(shape) - v.ndim
    if lead < 0 or any(d != s and d != 1 for d, s in zip(v.shape, shape[lead:])):
        raise ValueError(f"{name}(): could not broadcast `fill_value` of shape {v.shape} into "
                         f"shape {shape}")
    return _util.broadcast_to(v, shape)


def _prepare(obj):
    """Turn the inputs numpy understands but _util.asarray does not into numpy arrays."""
    if isinstance(obj, (jax.Array, np.ndarray, list, tuple)) or _util.is_arraylike(obj):
        return obj
    if getattr(obj, "__jax_array__", None) is not None:
        return obj
    if isinstance(obj, (range, memoryview, bytearray, _pyarray.array)) or \
            hasattr(obj, "__array__"):
        return np.asarray(obj)
    return obj


# --- conversion -------------------------------------------------------------------------
def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, device=None):
    """Create a jax array from an array-like.

    Parameters
    ----------
    object : array_like
        An array, a Python or numpy scalar, a (nested) list or tuple of
        those, or any object with ``__array__`` / ``__jax_array__`` or the
        buffer protocol.  Traced values are allowed.
    dtype : dtype, optional
        The result dtype.  Default: inferred with jax's rules (Python
        scalars give jax's default dtypes; 64-bit inputs are narrowed to
        32 bits unless ``jax_enable_x64`` is on).
    copy : bool, optional
        If True (default), a jax array input gives a new array.
    order : {'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility; jax arrays are always row-major.
    subok : bool, optional
        Ignored (there are no array subclasses).
    ndmin : int, optional
        Minimum number of dimensions; leading axes of length 1 are added.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The new array.  A Python scalar without ``dtype`` gives a weakly
        typed array, like jax.numpy.

    Notes
    -----
    Differences from NumPy: 64-bit defaults follow ``jax_enable_x64``;
    object and string arrays are not supported.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.array([1, 2, 3], ndmin=2).shape
    (1, 3)
    """
    if dtype is None and device is None and type(ndmin) is int and ndmin == 0 and (
            order is None or type(order) is str and order == "K"):
        # The common calls, by exact type: no dtype queries (see _util.asarray).
        t = type(object)
        if isinstance(object, jax.Array):
            if not copy:
                return object
        elif t is list or t is tuple:
            staged = _util._scalar_sequence(object, "array")
            if staged is not None:
                return staged
        elif t in _util._PY_LEAF or t is np.ndarray or isinstance(object, np.generic):
            return _util.asarray(object, name="array")
    _check_order("array", order)
    ndmin = _int("array", "ndmin", ndmin)
    dt = _dtype_arg("array", dtype)
    if object is None:
        raise TypeError("array(): cannot create an array from None")
    obj = _prepare(object)
    if dt is None and isinstance(obj, (list, tuple)):
        dt = _sequence_dtype(obj)
    elif dt is None and type(obj) is bool:
        dt = np.dtype(np.bool_)  # Python bools are not weakly typed (bool is the bottom type)
    out = _util.asarray(obj, dt, name="array")
    if copy and out is object:
        out = lax.convert_element_type(out, out.dtype, dtypes.is_weakly_typed(out))
    if ndmin > out.ndim:
        out = lax.reshape(out, (1,) * (ndmin - out.ndim) + tuple(out.shape))
    return _put(out, device)


def _sequence_dtype(seq):
    """jax's dtype for a nested sequence: the promotion of its leaves (Python scalars
    weak), or the default float for an empty one; None if a leaf is not array-like
    (_util.asarray then reports it)."""
    leaves = []

    def walk(s):
        for e in s:
            if isinstance(e, (list, tuple)):
                walk(e)
            elif e is None:   # jax's exception type for a None element
                raise ValueError("array(): None is not a valid element of an array")
            else:
                conv = None if isinstance(e, jax.Array) else getattr(e, "__jax_array__", None)
                leaves.append(e if conv is None else conv())
    walk(seq)
    if not leaves:
        return dtypes.default_float_dtype()
    if not all(_util.is_arraylike(v) for v in leaves):
        return None
    return dtypes.result_type(*leaves)


def asarray(a, dtype=None, order=None, *, device=None, copy=None):
    """Convert the input to a jax array, without copying a jax array input.

    Parameters
    ----------
    a : array_like
        Input data (see :func:`array`).
    dtype : dtype, optional
        The result dtype; default inferred with jax's rules.
    order : {None, 'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility; jax arrays are always row-major.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.
    copy : bool, optional
        True always returns a new array; None or False return a jax array
        input unchanged when no conversion is needed.

    Returns
    -------
    jax.Array
        The converted array.

    Notes
    -----
    Differences from NumPy: ``copy=False`` never raises (converting host
    data to a device array is not counted as a copy).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.asarray(3.5)
    Array(3.5, dtype=float32, weak_type=True)
    """
    if dtype is None and order is None and device is None and not copy and \
            isinstance(a, jax.Array):
        return a      # pass-through: no copy, no dispatch
    return array(a, dtype=dtype, copy=bool(copy), order=order, device=device)


def copy(a, order="K"):
    """Return a new array with the same values as ``a``.

    Parameters
    ----------
    a : array_like
        Input data.
    order : {'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility; jax arrays are always row-major.

    Returns
    -------
    jax.Array
        A copy of ``a``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.copy([1, 2])
    Array([1, 2], dtype=int32)
    """
    return array(a, copy=True, order=order)


# --- filled arrays ----------------------------------------------------------------------
def _filled(name, shape, value, dtype, order, device):
    _check_order(name, order, "CF")
    shp = shape_arg(name, "shape", shape)
    dt = _dtype_arg(name, dtype, float)
    return _put(_fill(shp, value, dt), device)


def zeros(shape, dtype=None, order="C", *, device=None):
    """Return a new array of the given shape filled with zeros.

    Parameters
    ----------
    shape : int or sequence of ints
        Shape of the result.
    dtype : dtype, optional
        Result dtype; default is jax's default float (float32 unless x64).
    order : {'C', 'F'}, optional
        Accepted for compatibility; jax arrays are always row-major.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The array of zeros.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.zeros((2, 3), dtype=int).dtype
    dtype('int32')
    """
    return _filled("zeros", shape, 0, dtype, order, device)


def ones(shape, dtype=None, order="C", *, device=None):
    """Return a new array of the given shape filled with ones.

    Parameters
    ----------
    shape : int or sequence of ints
        Shape of the result.
    dtype : dtype, optional
        Result dtype; default is jax's default float.
    order : {'C', 'F'}, optional
        Accepted for compatibility.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The array of ones.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.ones(3)
    Array([1., 1., 1.], dtype=float32)
    """
    return _filled("ones", shape, 1, dtype, order, device)


def empty(shape, dtype=None, order="C", *, device=None):
    """Return a new array of the given shape (filled with zeros).

    Parameters
    ----------
    shape : int or sequence of ints
        Shape of the result.
    dtype : dtype, optional
        Result dtype; default is jax's default float.
    order : {'C', 'F'}, optional
        Accepted for compatibility.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        An array of zeros.

    Notes
    -----
    Differences from NumPy: XLA has no uninitialised memory, so the
    result is zeros (as in jax.numpy).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.empty(2)
    Array([0., 0.], dtype=float32)
    """
    return _filled("empty", shape, 0, dtype, order, device)


def full(shape, fill_value, dtype=None, order="C", *, device=None):
    """Return a new array of the given shape filled with ``fill_value``.

    Parameters
    ----------
    shape : int or sequence of ints
        Shape of the result.
    fill_value : array_like
        Fill value; an array is broadcast to ``shape``.
    dtype : dtype, optional
        Result dtype; default that of ``fill_value`` (a Python scalar gives
        jax's default dtype, weakly typed).
    order : {'C', 'F'}, optional
        Accepted for compatibility.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The filled array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.full((2,), 7, dtype='int8')
    Array([7, 7], dtype=int8)
    """
    _check_order("full", order, "CF")
    shp = shape_arg("full", "shape", shape)
    _util.check_arraylike("full", fill_value, argnames=("fill_value",))
    dt = _dtype_arg("full", dtype)
    if isinstance(fill_value, (list, tuple)):
        fill_value = _util.asarray(fill_value, dt, name="full")
    if dt is None:
        dt = dtypes.dtype(fill_value, canonicalize=True, where="full() argument `fill_value`")
        weak = dtypes.is_weakly_typed(fill_value)
    else:
        weak = False
    return _put(_full("full", shp, fill_value, dt, weak), device)


def _prototype(name, a):
    if hasattr(a, "shape") and hasattr(a, "dtype") and not isinstance(a, type):
        return a
    if hasattr(a, "__jax_array__"):
        return a.__jax_array__()
    if a is None:
        raise TypeError(f"{name}() requires an array-like argument `a`, got None")
    return _util.asarray(_prepare(a), name=name)


def _like_key(name, a, fill_value, shp):
    """jax.numpy's ``*_like`` of typed PRNG keys: keys whose raw uint32 data is all
    ``fill_value`` (zeros_like / empty_like: 0, ones_like: 1)."""
    import jaxwrap_extend.random as xr
    if not xr.is_typed_key(a):
        raise TypeError(f"{name}(): unsupported dtype {a.dtype} of argument `a`")
    impl = xr.impl_of_typed_key(a)
    raw = _full(name, shp + tuple(impl.key_shape), fill_value, np.dtype(np.uint32), False)
    return xr.random_wrap(raw, impl=impl)


def _like(name, a, fill_value, dtype, order, shape, device):
    _check_order(name, order)
    a = _prototype(name, a)
    shp = tuple(a.shape) if shape is None else shape_arg(name, "shape", shape)
    if dtype is None and dtypes._is_extended(getattr(a, "dtype", None)):
        return _put(_like_key(name, a, fill_value, shp), device)
    dt = _dtype_arg(name, dtype)
    if dt is None:
        dt = dtypes.dtype(a, canonicalize=True, where=f"{name}() argument `a`")
        weak = dtypes.is_weakly_typed(a)
    else:
        weak = False
    return _put(_full(name, shp, fill_value, dt, weak), device)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """Return an array of zeros with the shape and dtype of ``a``.

    Parameters
    ----------
    a : array_like
        Prototype: its shape and dtype (and weak type) are copied.
    dtype : dtype, optional
        Override the dtype.
    order : {'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility.
    subok : bool, optional
        Ignored.
    shape : int or sequence of ints, optional
        Override the shape.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The array of zeros.

    Notes
    -----
    Differences from jax.numpy: ``shape`` is the fifth positional argument,
    as in NumPy.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.zeros_like(jnp.array([1.5, 2.5]))
    Array([0., 0.], dtype=float32)
    """
    return _like("zeros_like", a, 0, dtype, order, shape, device)


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """Return an array of ones with the shape and dtype of ``a``.

    Parameters
    ----------
    a : array_like
        Prototype.
    dtype : dtype, optional
        Override the dtype.
    order : {'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility.
    subok : bool, optional
        Ignored.
    shape : int or sequence of ints, optional
        Override the shape.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The array of ones.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.ones_like(jnp.array([1, 2]))
    Array([1, 1], dtype=int32)
    """
    return _like("ones_like", a, 1, dtype, order, shape, device)


def empty_like(prototype, /, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """Return an array with the shape and dtype of ``prototype`` (filled with zeros).

    Parameters
    ----------
    prototype : array_like
        Prototype.
    dtype : dtype, optional
        Override the dtype.
    order : {'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility.
    subok : bool, optional
        Ignored.
    shape : int or sequence of ints, optional
        Override the shape.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        An array of zeros (XLA has no uninitialised memory).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.empty_like(jnp.ones((2, 2))).shape
    (2, 2)
    """
    return _like("empty_like", prototype, 0, dtype, order, shape, device)


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """Return an array with the shape and dtype of ``a`` filled with ``fill_value``.

    Parameters
    ----------
    a : array_like
        Prototype.
    fill_value : array_like
        Fill value, broadcast to the shape.
    dtype : dtype, optional
        Override the dtype.
    order : {'K', 'A', 'C', 'F'}, optional
        Accepted for compatibility.
    subok : bool, optional
        Ignored.
    shape : int or sequence of ints, optional
        Override the shape.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The filled array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.full_like(jnp.array([1, 2]), 7.9)
    Array([7, 7], dtype=int32)
    """
    _util.check_arraylike("full_like", fill_value, argnames=("fill_value",))
    return _like("full_like", a, fill_value, dtype, order, shape, device)


# --- ranges ------------------------------------------------------------------------------------
def _host_scalar(name: str, argname: str, v):
    """A concrete scalar argument as a numpy scalar (TypeError if traced)."""
    value = _concrete(v) if isinstance(v, (jax.Array, list, tuple)) else v
    if value is None:
        raise TypeError(f"{name}(): `{argname}` must be a concrete scalar, but a traced value "
                        "was given (the output length must be static); use arange with "
                        "concrete bounds and shift/scale the result instead")
    if not _util.is_arraylike(value):
        raise TypeError(f"{name}(): `{argname}` must be a real number, got "
                        f"{type(v).__name__}")
    if np.ndim(value) != 0:
        raise ValueError(f"{name}(): arguments must be scalars; got {argname} of shape "
                         f"{np.shape(value)}")
    if np.iscomplexobj(value):
        raise ValueError(f"{name}(): complex `{argname}` is not supported")
    return value


def arange(start, stop=None, step=None, dtype=None, *, device=None):
    """Return evenly spaced values in the half-open interval ``[start, stop)``.

    Parameters
    ----------
    start : number
        Start of the interval, or its end (with start 0) when ``stop`` is not
        given.
    stop : number, optional
        End of the interval (excluded).
    step : number, optional
        Spacing between values (default 1); must not be 0.
    dtype : dtype, optional
        Result dtype.  Default: jax's promotion of the arguments (Python
        ints give int32 and floats float32 unless x64 is on).
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The 1-d array of ``ceil((stop - start) / step)`` values.

    Notes
    -----
    The bounds must be concrete (not traced): the output length is static.
    Values are computed as ``start + step * i`` in the result dtype (at
    least float32), as jax does.  Complex bounds raise ``ValueError``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.arange(1, 2, 0.25)
    Array([1.  , 1.25, 1.5 , 1.75], dtype=float32)
    """
    first = "stop" if stop is None and step is None else "start"
    start = _host_scalar("arange", first, start)
    stop = None if stop is None else _host_scalar("arange", "stop", stop)
    step = None if step is None else _host_scalar("arange", "step", step)
    given = [v for v in (start, stop, step) if v is not None]
    dt = _dtype_arg("arange", dtype)
    if dt is None:
        dt = dtypes.result_type(*given)
    if stop is None:
        start, stop = 0, start
    lo, hi, st = (np.asarray(v).item() for v in (start, stop, 1 if step is None else step))
    if st == 0:
        raise ZeroDivisionError("arange(): `step` must not be zero")
    if all(isinstance(v, int) for v in (lo, hi, st)):
        size = max(0, -((lo - hi) // st))
    else:
        size = max(0, math.ceil((hi - lo) / st))
    check_not_too_big("arange", "stop", (size,))
    if dt == np.bool_:
        if size > 2:
            raise ValueError("arange(): a bool range has at most 2 elements")
        work = np.dtype(np.int32)
    elif dtypes.is_complex(dt):
        work = dtypes.to_floating_dtype(dt)
    elif dtypes.is_floating(dt) and dtypes.itemsize_bits(dt) < 32:
        work = np.dtype(np.float32)
    else:
        work = dt
    out = lax.iota(work, (size,), 0)
    if st != 1:
        out = lax.mul(out, _fill((size,), st, work))
    if lo != 0:
        out = lax.add(out, _fill((size,), lo, work))
    if out.dtype != dt:
        out = lax.convert_element_type(out, dt)
    return _put(out, device)



def _binary_same(op, x, y):
    return op(*_util.broadcast_arrays("linspace", x, y))


@public(static=("num", "endpoint", "retstep", "dtype", "axis"))
def _linspace(start, stop, num, endpoint, retstep, dtype, axis):
    name = "linspace"
    _util.check_arraylike(name, start, stop, argnames=("start", "stop"))
    start = _util.asarray(start, name=name)
    stop = _util.asarray(stop, name=name)
    if dtype is None:
        dt = dtypes.to_inexact_dtype(dtypes.result_type(start, stop))
    else:
        dt = dtypes.check_user_dtype(dtype, name)
    cdt = dtypes.to_inexact_dtype(dt)
    start = lax.convert_element_type(start, cdt)
    stop = lax.convert_element_type(stop, cdt)
    bshape = _util.broadcast_shapes(name, start.shape, stop.shape)
    start = _util.broadcast_to(start, bshape)
    stop = _util.broadcast_to(stop, bshape)
    axis = canonicalize_axis(axis, len(bshape) + 1, name)
    div = num - 1 if endpoint else num
    if num > 1:
        shp = bshape[:axis] + (div,) + bshape[axis:]
        keep = tuple(i for i in range(len(shp)) if i != axis)
        real = dtypes.to_floating_dtype(cdt)
        t = lax.div(lax.iota(real, (div,), 0), _fill((div,), div, real))
        t = lax.broadcast_in_dim(lax.convert_element_type(t, cdt), shp, (axis,))
        one_minus_t = lax.sub(_fill(shp, 1, cdt), t)
        sb = lax.broadcast_in_dim(start, shp, keep)
        eb = lax.broadcast_in_dim(stop, shp, keep)
        out = lax.add(lax.mul(sb, one_minus_t), lax.mul(eb, t))
        if endpoint:
            out = lax.concatenate([out, lax.expand_dims(stop, (axis,))], axis)
    elif num == 1:
        out = lax.expand_dims(start, (axis,))
    else:
        out = _fill(bshape[:axis] + (0,) + bshape[axis:], 0, cdt)
    if dtypes.is_integer(dt) and dtypes.is_floating(cdt):
        out = lax.floor(out)
    out = lax.convert_element_type(out, dt)
    if not retstep:
        return out
    if div > 0:
        step = lax.div(lax.sub(stop, start), _fill(bshape, div, cdt))
    else:
        step = _const(np.nan, cdt)
        step = lax.broadcast_in_dim(step, (), ())
    return out, step


def _num_axis(name, num, axis):
    num = _int(name, "num", num)
    if num < 0:
        raise ValueError(f"{name}(): number of samples `num` must be non-negative, got {num}")
    return num, _int(name, "axis", axis)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *,
             device=None):
    """Return ``num`` evenly spaced samples over ``[start, stop]``.

    Parameters
    ----------
    start, stop : array_like
        The end points (broadcast against each other); may be traced.
    num : int, optional
        Number of samples (default 50); static.
    endpoint : bool, optional
        Whether ``stop`` is the last sample (default True).
    retstep : bool, optional
        If True, also return the spacing.
    dtype : dtype, optional
        Result dtype; default the inexact promotion of ``start`` and
        ``stop``.  Integer dtypes round the samples down.
    axis : int, optional
        Position of the samples axis in the result when the end points are
        arrays (default 0).
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    samples : jax.Array
        The samples.
    step : jax.Array
        Only if ``retstep``: the spacing (NaN when it is undefined).

    Notes
    -----
    Differentiable with respect to ``start`` and ``stop``.  Samples are
    computed as ``start * (1 - t) + stop * t``, which gives the end points
    exactly.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.linspace(0, 1, 5)
    Array([0.  , 0.25, 0.5 , 0.75, 1.  ], dtype=float32)
    """
    num, axis = _num_axis("linspace", num, axis)
    out = _linspace(start, stop, num, bool(endpoint), bool(retstep), dtype, axis)
    if device is None:
        return out
    return tuple(_put(o, device) for o in out) if retstep else _put(out, device)


@public(static=("num", "endpoint", "dtype", "axis"))
def _logspace(start, stop, base, num, endpoint, dtype, axis):
    name = "logspace"
    _util.check_arraylike(name, start, stop, base, argnames=("start", "stop", "base"))
    if dtype is None:
        dt = dtypes.to_inexact_dtype(dtypes.result_type(start, stop))
    else:
        dt = dtypes.check_user_dtype(dtype, name)
    cdt = dtypes.to_inexact_dtype(dt)
    start, stop, base = (lax.convert_element_type(_util.asarray(v, name=name), cdt)
                         for v in (start, stop, base))
    nd = len(_util.broadcast_shapes(name, start.shape, stop.shape, base.shape))
    canonicalize_axis(axis, nd + 1, name)
    start, stop, base = (lax.reshape(v, (1,) * (nd - v.ndim) + v.shape)
                         for v in (start, stop, base))
    lin = _linspace(start, stop, num, endpoint, False, cdt, axis)
    ax = canonicalize_axis(axis, nd + 1, name)
    base = lax.expand_dims(base, (ax,))
    base, lin = _util.broadcast_arrays(name, base, lin)
    return lax.convert_element_type(lax.pow(base, lin), dt)


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """Return numbers spaced evenly on a log scale: ``base ** linspace(start, stop)``.

    Parameters
    ----------
    start, stop : array_like
        Exponents of the end points; may be traced.
    num : int, optional
        Number of samples (default 50).
    endpoint : bool, optional
        Whether ``base ** stop`` is the last sample (default True).
    base : array_like, optional
        The base (default 10), broadcast against ``start`` and ``stop``.
    dtype : dtype, optional
        Result dtype; default the inexact promotion of ``start`` and ``stop``.
    axis : int, optional
        Position of the samples axis (default 0).

    Returns
    -------
    jax.Array
        The samples.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.logspace(0, 2, 3)
    Array([  1.,  10., 100.], dtype=float32)
    """
    num, axis = _num_axis("logspace", num, axis)
    return _logspace(start, stop, base, num, bool(endpoint), dtype, axis)


@public(static=("num", "endpoint", "dtype", "axis"))
def _geomspace(start, stop, num, endpoint, dtype, axis):
    name = "geomspace"
    _util.check_arraylike(name, start, stop, argnames=("start", "stop"))
    if dtype is None:
        dt = dtypes.to_inexact_dtype(dtypes.result_type(start, stop))
    else:
        dt = dtypes.check_user_dtype(dtype, name)
    cdt = dtypes.to_inexact_dtype(dt)
    start = lax.convert_element_type(_util.asarray(start, name=name), cdt)
    stop = lax.convert_element_type(_util.asarray(stop, name=name), cdt)
    start, stop = _util.broadcast_arrays(name, start, stop)
    # Work with |start| (complex: start / sign(start)) and put the sign back at the end.
    sign = lax.sign(start)
    lo = lax.log(lax.div(start, sign))
    hi = lax.log(lax.div(stop, sign))
    out = lax.exp(_linspace(lo, hi, num, endpoint, False, cdt, 0))
    if num > 0:  # make the end points exact, like numpy
        shp = out.shape
        keep = tuple(range(1, len(shp)))
        pos = lax.iota(np.int32, shp, 0)
        first = lax.broadcast_in_dim(lax.div(start, sign), shp, keep)
        out = lax.select_n(lax.eq(pos, _fill(shp, 0, np.int32)), out, first)
        if endpoint and num > 1:
            last = lax.broadcast_in_dim(lax.div(stop, sign), shp, keep)
            out = lax.select_n(lax.eq(pos, _fill(shp, num - 1, np.int32)), out, last)
    out = lax.mul(out, lax.broadcast_in_dim(sign, out.shape, tuple(range(1, out.ndim))))
    ax = canonicalize_axis(axis, out.ndim, name)
    if ax:
        perm = tuple(range(1, ax + 1)) + (0,) + tuple(range(ax + 1, out.ndim))
        out = lax.transpose(out, perm)
    return lax.convert_element_type(out, dt)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """Return numbers spaced evenly on a log scale, given the end points themselves.

    Parameters
    ----------
    start, stop : array_like
        The end points (non-zero; negative and complex values are allowed
        and follow numpy's convention of sharing the sign of ``start``).
    num : int, optional
        Number of samples (default 50).
    endpoint : bool, optional
        Whether ``stop`` is the last sample (default True).
    dtype : dtype, optional
        Result dtype; default the inexact promotion of ``start`` and ``stop``.
    axis : int, optional
        Position of the samples axis (default 0).

    Returns
    -------
    jax.Array
        The samples; the end points are exact.

    Notes
    -----
    A zero end point raises ``ValueError`` when it is known on the host;
    traced zeros give inf/nan instead (no value-dependent errors under jit).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> [round(v, 3) for v in jnp.geomspace(1, 1000, 4).tolist()]
    [1.0, 10.0, 100.0, 1000.0]
    """
    num, axis = _num_axis("geomspace", num, axis)
    for v in (start, stop):
        value = _concrete(v) if not _is_python_number(v) else np.asarray(v)
        if value is not None and value.dtype != object and np.any(value == 0):
            raise ValueError("geomspace(): a geometric sequence cannot include zero "
                             "(`start` and `stop` must be non-zero)")
    return _geomspace(start, stop, num, bool(endpoint), dtype, axis)


def _is_python_number(v) -> bool:
    return isinstance(v, (bool, int, float, complex))


# --- matrices ----------------------------------------------------------------------------------------
def _diag_mask(shape2: tuple[int, int], k, op):
    """``op(j - i, k)`` over a ``shape2`` grid (i = row, j = column)."""
    i = lax.iota(np.int32, shape2, 0)
    j = lax.iota(np.int32, shape2, 1)
    return op(lax.sub(j, i), k if not isinstance(k, (int, np.integer)) else
              _fill(shape2, k, np.int32))


def _clip_k(k: int, n: int, m: int) -> int:
    # Beyond these bounds every diagonal is empty; clipping keeps k in int32.
    return min(max(k, -n - 1), m + 1)


@public(static=("N", "M", "k", "dtype"))
def _eye_static(N, M, k, dtype):
    return lax.convert_element_type(_diag_mask((N, M), _clip_k(k, N, M), lax.eq), dtype)


@public(static=("N", "M", "dtype", "name"))
def _diag_traced(N, M, k, dtype, name="eye"):
    """eye (``j - i == k``) or tri (``j - i <= k``) for a traced ``k``."""
    k = _util.asarray(k, name=name)
    if k.shape != () or not dtypes.is_integer(k.dtype):
        raise TypeError(f"{name}(): `k` must be a scalar integer, got {k.dtype}{list(k.shape)}")
    # Clipped like _clip_k, so that k stays within int32.
    k = lax.clamp(np.array(-N - 1, k.dtype), k, np.array(M + 1, k.dtype))
    kk = lax.broadcast_in_dim(lax.convert_element_type(k, np.int32), (N, M), ())
    op = lax.eq if name == "eye" else lax.le
    return lax.convert_element_type(_diag_mask((N, M), kk, op), dtype)


def _eye_traced(N, M, k, dtype):
    return _diag_traced(N, M, k, dtype, name="eye")


def _dim(name: str, argname: str, v) -> int:
    n = _int(name, argname, v)
    if n < 0:
        raise ValueError(f"{name}(): negative dimensions are not allowed, got {argname}={n}")
    return n


def eye(N, M=None, k=0, dtype=None, order="C", *, device=None):
    """Return a 2-d array with ones on a diagonal and zeros elsewhere.

    Parameters
    ----------
    N : int
        Number of rows.
    M : int, optional
        Number of columns (default ``N``).
    k : int, optional
        The diagonal: 0 the main one, positive above, negative below.  May
        be a traced integer scalar (as in jax.numpy).
    dtype : dtype, optional
        Result dtype; default jax's default float.
    order : {'C', 'F'}, optional
        Accepted for compatibility.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        The ``(N, M)`` array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.eye(2, 3, k=1)
    Array([[0., 1., 0.],
           [0., 0., 1.]], dtype=float32)
    """
    _check_order("eye", order, "CF")
    n = _dim("eye", "N", N)
    m = n if M is None else _dim("eye", "M", M)
    dt = _dtype_arg("eye", dtype, float)
    try:
        kk = operator.index(k)
    except _TRACER_ERRORS:
        return _put(_eye_traced(n, m, k, dt), device)
    except TypeError:
        if isinstance(k, jax.Array):
            return _put(_eye_traced(n, m, k, dt), device)
        raise TypeError(f"eye(): `k` must be an integer, got {type(k).__name__}") from None
    return _put(_eye_static(n, m, kk, dt), device)


def identity(n, dtype=None):
    """Return the ``n`` x ``n`` identity matrix.

    Parameters
    ----------
    n : int
        Number of rows and columns.
    dtype : dtype, optional
        Result dtype; default jax's default float.

    Returns
    -------
    jax.Array
        The identity matrix.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.identity(2, dtype=int)
    Array([[1, 0],
           [0, 1]], dtype=int32)
    """
    return eye(_dim("identity", "n", n), dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    """Return an array with ones at and below the ``k``-th diagonal and zeros elsewhere.

    Parameters
    ----------
    N : int
        Number of rows.
    M : int, optional
        Number of columns (default ``N``).
    k : int, optional
        The diagonal at and below which the array is filled (default 0).
    dtype : dtype, optional
        Result dtype; default jax's default float.

    Returns
    -------
    jax.Array
        The ``(N, M)`` array ``T`` with ``T[i, j] = (j <= i + k)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.tri(2, 3, dtype=int)
    Array([[1, 0, 0],
           [1, 1, 0]], dtype=int32)
    """
    n = _dim("tri", "N", N)
    m = n if M is None else _dim("tri", "M", M)
    dt = _dtype_arg("tri", dtype, float)
    if isinstance(k, jax.Array) and k.ndim == 0:   # traced (or device) k, as jax allows
        try:
            k = operator.index(k)
        except (*_TRACER_ERRORS, TypeError):    # traced, or not an integer (reported)
            return _diag_traced(n, m, k, dt, name="tri")
    kk = _int("tri", "k", k)
    return _tri(n, m, _clip_k(kk, n, m), dt)


@public(static=("N", "M", "k", "dtype"))
def _tri(N, M, k, dtype):
    return lax.convert_element_type(_diag_mask((N, M), k, lax.le), dtype)


def _triangle(name: str, m, k: int, op):
    m = _util.asarray(m, name=name)
    if m.ndim == 0:
        raise ValueError(f"{name}(): input must be at least 1-d")
    if m.ndim == 1:  # numpy: a 1-d input is broadcast against the square mask
        m = lax.broadcast_in_dim(m, (m.shape[0], m.shape[0]), (1,))
    rows, cols = m.shape[-2:]
    mask = _diag_mask((rows, cols), _clip_k(k, rows, cols), op)
    mask = lax.broadcast_in_dim(mask, m.shape, (m.ndim - 2, m.ndim - 1))
    return lax.select_n(mask, _fill(m.shape, 0, m.dtype, dtypes.is_weakly_typed(m)), m)


@public(static=("k",))
def tril(m, k=0):
    """Lower triangle of an array: zero the entries above the ``k``-th diagonal.

    Parameters
    ----------
    m : array_like
        Input; the last two axes are the matrix (a 1-d input is first
        repeated into a square matrix, like numpy).
    k : int, optional
        The diagonal above which to zero (default 0; positive is above the
        main diagonal).

    Returns
    -------
    jax.Array
        The lower triangle, same shape and dtype as ``m`` (2-d for 1-d input).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.tril(jnp.ones((2, 2)))
    Array([[1., 0.],
           [1., 1.]], dtype=float32)
    """
    return _triangle("tril", m, _int("tril", "k", k), lax.le)


@public(static=("k",))
def triu(m, k=0):
    """Upper triangle of an array: zero the entries below the ``k``-th diagonal.

    Parameters
    ----------
    m : array_like
        Input; the last two axes are the matrix (1-d input as in :func:`tril`).
    k : int, optional
        The diagonal below which to zero (default 0).

    Returns
    -------
    jax.Array
        The upper triangle.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.triu(jnp.ones((2, 2)))
    Array([[1., 1.],
           [0., 1.]], dtype=float32)
    """
    return _triangle("triu", m, _int("triu", "k", k), lax.ge)


def _diag(name: str, v, k: int):
    v = _util.asarray(v, name=name)
    if v.ndim == 1:
        n = v.shape[0]
        size = n + abs(k)
        if n == 0:
            return _fill((size, size), 0, v.dtype, dtypes.is_weakly_typed(v))
        # Place v at flat positions start + i * (size + 1) with interior padding.
        start = max(0, -k) * size + max(0, k)
        hi = size * size - (start + n + (n - 1) * size)
        flat = lax.pad(v, np.zeros((), v.dtype), ((start, hi, size),))
        return lax.reshape(flat, (size, size))
    if v.ndim == 2:
        rows, cols = v.shape
        if k >= 0:
            length, start = max(0, min(rows, cols - k)), k
        else:
            length, start = max(0, min(rows + k, cols)), -k * cols
        flat = lax.reshape(v, (rows * cols,))
        if length == 0:
            return lax.slice(flat, (0,), (0,))
        return lax.slice(flat, (start,), (start + (length - 1) * (cols + 1) + 1,), (cols + 1,))
    raise ValueError(f"{name}(): input must be 1-d or 2-d, got {v.ndim}-d")


@public(static=("k",))
def diag(v, k=0):
    """Extract a diagonal of a 2-d array, or build a 2-d array with a given diagonal.

    Parameters
    ----------
    v : array_like
        A 1-d array (placed on the ``k``-th diagonal of a square matrix) or
        a 2-d array (whose ``k``-th diagonal is returned).
    k : int, optional
        The diagonal: 0 the main one, positive above, negative below.

    Returns
    -------
    jax.Array
        The 2-d matrix or the 1-d diagonal.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.diag(jnp.array([1, 2]), k=1)
    Array([[0, 1, 0],
           [0, 0, 2],
           [0, 0, 0]], dtype=int32)
    """
    return _diag("diag", v, _int("diag", "k", k))


@public(static=("k",))
def diagflat(v, k=0):
    """Build a 2-d array with the flattened input on the ``k``-th diagonal.

    Parameters
    ----------
    v : array_like
        Input; flattened first.
    k : int, optional
        The diagonal (default 0).

    Returns
    -------
    jax.Array
        The square 2-d array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.diagflat(jnp.array([[1, 2]])).shape
    (2, 2)
    """
    return _diag("diagflat", ravel(v), _int("diagflat", "k", k))


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """Coordinate matrices from coordinate vectors.

    Parameters
    ----------
    *xi : array_like
        N coordinate arrays (flattened if not 1-d).
    copy : bool, optional
        Accepted for compatibility; results are always new arrays.
    sparse : bool, optional
        If True, return arrays with length-1 axes that broadcast to the grid
        instead of the full grid.
    indexing : {'xy', 'ij'}, optional
        Cartesian ('xy', default: the first two grid axes are swapped) or
        matrix ('ij') indexing.

    Returns
    -------
    list of jax.Array
        The N grid arrays.

    Notes
    -----
    Differences from NumPy: the result is a list, as in jax.numpy and the
    Array API standard (NumPy 2 returns a tuple).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> [g.shape for g in jnp.meshgrid(jnp.arange(3), jnp.arange(2))]
    [(2, 3), (2, 3)]
    """
    if indexing not in ("xy", "ij"):
        raise ValueError(f"meshgrid(): valid values for `indexing` are 'xy' and 'ij', got "
                         f"{indexing!r}")
    xs = [ravel(_util.asarray(_prepare(x), name="meshgrid")) for x in xi]
    nd = len(xs)
    sizes = [x.shape[0] for x in xs]
    pos = list(range(nd))
    if indexing == "xy" and nd > 1:
        pos[0], pos[1] = 1, 0
        sizes[0], sizes[1] = sizes[1], sizes[0]
    out = []
    for x, p in zip(xs, pos):
        if sparse:
            out.append(lax.reshape(x, tuple(x.shape[0] if i == p else 1 for i in range(nd))))
        else:
            out.append(lax.broadcast_in_dim(x, tuple(sizes), (p,)))
    return out

