"""numpy's shape-manipulation functions: reshaping, transposing, joining,
splitting, tiling and rearranging arrays.

Every function is written with jaxwrap's structural primitives (reshape,
transpose, broadcast_in_dim, concatenate, slice, rev, ...), so the jaxpr of a
call holds only jaxwrap primitives.  Shapes, axes, split points and repeat
counts are static (Python ints), as in jax: they are checked when the call is
traced, and errors use numpy's exception types (``AxisError`` for a bad axis,
``ValueError`` for shapes that do not fit, ``TypeError`` for a non-integer
shape or axis) with messages naming the function and the argument.

Arguments that must be hashable for jit (shapes, axis tuples) may be passed as
lists or numpy arrays: ``_api`` turns them into tuples of ints before the
jitted body sees them.
"""

from __future__ import annotations

import builtins
import functools
import inspect
import itertools
import math
import operator
from collections.abc import Callable, Sequence

import jax
import numpy as np

from .. import dtypes, lax
from . import _util
from ._util import canonicalize_axes, canonicalize_axis, public

__all__ = [
    "array_split",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "broadcast_arrays",
    "broadcast_shapes",
    "broadcast_to",
    "column_stack",
    "concat",
    "concatenate",
    "dsplit",
    "dstack",
    "expand_dims",
    "flip",
    "fliplr",
    "flipud",
    "hsplit",
    "hstack",
    "matrix_transpose",
    "moveaxis",
    "ndim",
    "permute_dims",
    "ravel",
    "repeat",
    "reshape",
    "roll",
    "shape",
    "size",
    "split",
    "squeeze",
    "stack",
    "swapaxes",
    "tile",
    "transpose",
    "unstack",
    "vsplit",
    "vstack",
]

# jax's errors for a traced value used where a concrete one is needed (all TypeErrors).
_TRACER_ERRORS = (jax.errors.ConcretizationTypeError, jax.errors.TracerIntegerConversionError,
                  jax.errors.TracerArrayConversionError, jax.errors.TracerBoolConversionError)


# --- static-argument normalisation ---------------------------------------------------------
def _int(name: str, argname: str, v) -> int:
    """``v`` as a Python int; TypeError naming ``name`` and ``argname`` otherwise."""
    try:
        return operator.index(v)
    except _TRACER_ERRORS:
        raise TypeError(f"{name}(): `{argname}` must be a static integer, but a traced value "
                        "was given (shapes and axes must be known when tracing)") from None
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be an integer, got "
                        f"{type(v).__name__} {v!r}") from None


def _is_scalar_like(v) -> bool:
    return np.ndim(v) == 0 if isinstance(v, (jax.Array, np.ndarray, np.generic)) else \
        not isinstance(v, (list, tuple, range))


def int_or_ints(name: str, argname: str, v):
    """None, an int, or a tuple of ints (the hashable form of an axis/shape argument)."""
    if v is None:
        return None
    if _is_scalar_like(v):
        return _int(name, argname, v)
    if isinstance(v, jax.Array):
        try:
            v = np.asarray(v)
        except _TRACER_ERRORS:
            raise TypeError(f"{name}(): `{argname}` must be static, but a traced array was "
                            "given") from None
    try:
        items = list(v)
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be an integer or a sequence of integers, "
                        f"got {type(v).__name__}") from None
    return tuple(_int(name, argname, e) for e in items)


def shape_arg(name: str, argname: str, shape) -> tuple[int, ...]:
    """A shape argument (an int or a sequence of ints) as a tuple; negative sizes rejected."""
    s = int_or_ints(name, argname, shape)
    if s is None:
        raise TypeError(f"{name}(): `{argname}` must be an integer or a sequence of integers, "
                        "got None")
    s = (s,) if isinstance(s, int) else s
    if any(d < 0 for d in s):
        raise ValueError(f"{name}(): negative dimensions are not allowed in `{argname}`, got {s}")
    check_not_too_big(name, argname, s)
    return s


def check_not_too_big(name: str, argname: str, s: tuple[int, ...]) -> None:
    """numpy's "array is too big": the byte count must fit a signed 64-bit index (16
    bytes is the widest item).  XLA aborts the process on such a shape instead of
    raising, so every static output shape built from a user's size goes through here."""
    if math.prod(s) * 16 > np.iinfo(np.int64).max:
        raise ValueError(f"{name}(): array is too big; `{argname}` gives shape {s}, more "
                         "elements than a 64-bit index can address")


def _as_tuple(v) -> tuple[int, ...]:
    return (v,) if isinstance(v, int) else tuple(v)


def _api(*, static: Sequence[str] = (), convert: dict[str, Callable] | None = None):
    """``@public(static=...)``, after ``convert[arg](name, argname, value)`` has made the
    sequence-valued static arguments hashable (and checked them)."""
    convert = dict(convert or {})

    def wrap(f):
        jitted = public(f, static=static)
        if not convert:
            return jitted
        params = list(inspect.signature(f).parameters)
        positions = sorted((params.index(n), n, c) for n, c in convert.items())
        first = positions[0][0]
        name = f.__name__

        @functools.wraps(f)
        def call(*args, **kwargs):
            if len(args) > first or kwargs:
                args = list(args)
                for i, n, c in positions:
                    if i < len(args):
                        args[i] = c(name, n, args[i])
                    elif n in kwargs:
                        kwargs[n] = c(name, n, kwargs[n])
            return jitted(*args, **kwargs)

        return call
    return wrap


def _arrays_arg(name: str, argname: str, arrays):
    """A sequence of array-likes (list/tuple) or an array to iterate over."""
    if isinstance(arrays, (list, tuple, jax.Array, np.ndarray)):
        return arrays
    if hasattr(arrays, "__jax_array__"):
        return arrays.__jax_array__()
    raise TypeError(f"{name}(): `{argname}` must be a list or tuple of arrays, got "
                    f"{type(arrays).__name__}")


def _as_list(name: str, arrays) -> list:
    """The arrays of a sequence argument (an array counts as the sequence of its rows)."""
    if isinstance(arrays, (jax.Array, np.ndarray)):
        a = _util.asarray(arrays, name=name)
        if a.ndim == 0:
            raise TypeError(f"{name}(): a 0-d array is not a sequence of arrays")
        return list(_unstack(a, 0))
    return [_util.asarray(x, name=name) for x in arrays]


def _concrete(x):
    """The numpy value of ``x`` if it is known while tracing, else None."""
    if isinstance(x, jax.Array):
        try:
            return np.asarray(x)
        except _TRACER_ERRORS:
            return None
    if isinstance(x, (list, tuple)):
        try:
            return np.asarray([_require(e) for e in x]) if x else np.asarray(x, dtype=np.int32)
        except _NotConcrete:
            return None
    return np.asarray(x)


class _NotConcrete(Exception):
    pass


def _require(e):
    v = _concrete(e)
    if v is None:
        raise _NotConcrete
    return v


# --- small structural helpers ----------------------------------------------------------------
def _slice_axis(x, start: int, stop: int, axis: int, stride: int = 1):
    starts = [0] * x.ndim
    limits = list(x.shape)
    strides = [1] * x.ndim
    starts[axis], limits[axis], strides[axis] = start, stop, stride
    return lax.slice(x, tuple(starts), tuple(limits), tuple(strides))


def _unstack(a, axis: int):
    return tuple(lax.unstack(a, axis))


def _check_order(name: str, order, allowed: str = "CFAK"):
    if order is None or (isinstance(order, str) and len(order) == 1 and order.upper() in allowed):
        return "K" if order is None else order.upper()
    opts = ", ".join(repr(o) for o in allowed)
    raise ValueError(f"{name}(): `order` must be one of {opts}, got {order!r}")


# --- reshape and friends ----------------------------------------------------------------------
def _resolve_shape(name: str, size: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    unknown = [i for i, d in enumerate(shape) if d < 0]
    if len(unknown) > 1:
        raise ValueError(f"{name}(): can only specify one unknown dimension (-1) in `shape`, "
                         f"got {shape}")
    if unknown:
        i = unknown[0]
        if shape[i] != -1:
            raise ValueError(f"{name}(): negative dimensions are not allowed in `shape`, "
                             f"got {shape}")
        known = math.prod(d for d in shape if d >= 0)
        if known == 0 or size % known:
            raise ValueError(f"{name}(): cannot reshape array of size {size} into shape {shape}")
        shape = shape[:i] + (size // known,) + shape[i + 1:]
    if math.prod(shape) != size:
        raise ValueError(f"{name}(): cannot reshape array of size {size} into shape {shape}")
    return shape


@_api(static=("shape", "order", "copy"), convert={"shape": int_or_ints})
def reshape(a, /, shape, order="C", *, copy=None):
    """Give an array a new shape without changing its data.

    Parameters
    ----------
    a : array_like
        Input array.
    shape : int or tuple of ints
        The new shape; its size must equal ``a.size``.  One entry may be -1,
        in which case it is inferred.
    order : {'C', 'F', 'A'}, optional
        Read and write the elements in row-major ('C', the default) or
        column-major ('F') index order.  'A' is 'C' (jax arrays are always
        row-major).
    copy : bool, optional
        Accepted for NumPy compatibility.  jax arrays are immutable, so the
        result never shares writable memory with ``a``.

    Returns
    -------
    jax.Array
        An array with the same data and the new shape.

    Notes
    -----
    Differences from NumPy: ``copy=False`` never raises, since no reshape
    needs a copy of an immutable array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.reshape(jnp.arange(6), (2, -1))
    Array([[0, 1, 2],
           [3, 4, 5]], dtype=int32)
    """
    order = _check_order("reshape", order, "CFA")
    a = _util.asarray(a, name="reshape")
    if shape is None:
        raise TypeError("reshape(): `shape` must be an integer or a sequence of integers")
    new = _resolve_shape("reshape", math.prod(a.shape), _as_tuple(shape))
    if order == "F":
        rev_in = tuple(range(a.ndim))[::-1]
        rev_out = tuple(range(len(new)))[::-1]
        flat = lax.reshape(lax.transpose(a, rev_in), new[::-1])
        return lax.transpose(flat, rev_out)
    return lax.reshape(a, new)


@public(static=("order",))
def ravel(a, order="C"):
    """Return a flattened (1-d) array.

    Parameters
    ----------
    a : array_like
        Input array.
    order : {'C', 'F', 'A', 'K'}, optional
        Index order in which the elements are read: row-major 'C' (default),
        column-major 'F'.  'A' and 'K' mean 'C' for jax arrays, which are
        always row-major.

    Returns
    -------
    jax.Array
        A 1-d array of size ``a.size``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.ravel(jnp.array([[1, 2], [3, 4]]), order='F')
    Array([1, 3, 2, 4], dtype=int32)
    """
    order = _check_order("ravel", order)
    a = _util.asarray(a, name="ravel")
    if order == "F":
        a = lax.transpose(a, tuple(range(a.ndim))[::-1])
    return lax.reshape(a, (math.prod(a.shape),))


def _transpose(name: str, a, axes):
    a = _util.asarray(a, name=name)
    nd = a.ndim
    if axes is None:
        return lax.transpose(a, tuple(range(nd))[::-1])
    axes = _as_tuple(axes)
    if len(axes) != nd:
        raise ValueError(f"{name}(): `axes` {axes} don't match an array of dimension {nd}")
    perm = tuple(canonicalize_axis(ax, nd, name, "axes") for ax in axes)
    if len(set(perm)) != nd:
        raise ValueError(f"{name}(): repeated axis in `axes` {axes}")
    return lax.transpose(a, perm)


@_api(static=("axes",), convert={"axes": int_or_ints})
def transpose(a, axes=None):
    """Permute the axes of an array.

    Parameters
    ----------
    a : array_like
        Input array.
    axes : tuple of ints, optional
        A permutation of ``range(a.ndim)`` (negative values count from the
        end): output axis ``i`` is input axis ``axes[i]``.  Default: reverse
        the axes.

    Returns
    -------
    jax.Array
        ``a`` with its axes permuted.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.transpose(jnp.ones((1, 2, 3)), (1, 0, 2)).shape
    (2, 1, 3)
    """
    return _transpose("transpose", a, axes)


@_api(static=("axes",), convert={"axes": int_or_ints})
def permute_dims(a, axes=None):
    """Permute the axes of an array (the Array API name of :func:`transpose`).

    Parameters
    ----------
    a : array_like
        Input array.
    axes : tuple of ints, optional
        A permutation of the axes; default reverses them.

    Returns
    -------
    jax.Array
        ``a`` with its axes permuted.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.permute_dims(jnp.ones((2, 3)), (1, 0)).shape
    (3, 2)
    """
    return _transpose("permute_dims", a, axes)


@public
def matrix_transpose(x, /):
    """Transpose the last two axes of an array (a stack of matrices).

    Parameters
    ----------
    x : array_like
        Input array with at least 2 dimensions.

    Returns
    -------
    jax.Array
        ``x`` with its last two axes swapped.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.matrix_transpose(jnp.ones((4, 2, 3))).shape
    (4, 3, 2)
    """
    x = _util.asarray(x, name="matrix_transpose")
    if x.ndim < 2:
        raise ValueError(f"matrix_transpose(): input must have at least 2 dimensions, "
                         f"got {x.ndim}")
    perm = tuple(range(x.ndim - 2)) + (x.ndim - 1, x.ndim - 2)
    return lax.transpose(x, perm)


@_api(static=("source", "destination"),
      convert={"source": int_or_ints, "destination": int_or_ints})
def moveaxis(a, source, destination):
    """Move axes of an array to new positions; the other axes keep their order.

    Parameters
    ----------
    a : array_like
        Input array.
    source : int or sequence of ints
        Original positions of the axes to move.
    destination : int or sequence of ints
        Their positions in the result (same number of entries as ``source``).

    Returns
    -------
    jax.Array
        ``a`` with the axes moved.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.moveaxis(jnp.ones((2, 3, 4)), 0, -1).shape
    (3, 4, 2)
    """
    a = _util.asarray(a, name="moveaxis")
    src = canonicalize_axes(_as_tuple(source), a.ndim, "moveaxis", "source")
    dst = canonicalize_axes(_as_tuple(destination), a.ndim, "moveaxis", "destination")
    if len(src) != len(dst):
        raise ValueError("moveaxis(): `source` and `destination` arguments must have the same "
                         f"number of elements, got {len(src)} and {len(dst)}")
    return lax.transpose(a, _moveaxis_perm(a.ndim, src, dst))


def _moveaxis_perm(nd: int, src, dst) -> tuple[int, ...]:
    order = [i for i in range(nd) if i not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return tuple(order)


@public(static=("axis1", "axis2"))
def swapaxes(a, axis1, axis2):
    """Interchange two axes of an array.

    Parameters
    ----------
    a : array_like
        Input array.
    axis1, axis2 : int
        The axes to swap.

    Returns
    -------
    jax.Array
        ``a`` with the two axes interchanged.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.swapaxes(jnp.ones((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
    """
    a = _util.asarray(a, name="swapaxes")
    i = canonicalize_axis(axis1, a.ndim, "swapaxes", "axis1")
    j = canonicalize_axis(axis2, a.ndim, "swapaxes", "axis2")
    perm = list(range(a.ndim))
    perm[i], perm[j] = perm[j], perm[i]
    return lax.transpose(a, tuple(perm))


@_api(static=("axis",), convert={"axis": int_or_ints})
def expand_dims(a, axis):
    """Insert new axes of length one.

    Parameters
    ----------
    a : array_like
        Input array.
    axis : int or tuple of ints
        Positions of the new axes in the result (negative values count from
        the end of the result).

    Returns
    -------
    jax.Array
        ``a`` with ``len(axis)`` more dimensions.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.expand_dims(jnp.ones((2, 3)), (0, -1)).shape
    (1, 2, 3, 1)
    """
    a = _util.asarray(a, name="expand_dims")
    if axis is None:
        raise TypeError("expand_dims(): `axis` must be an integer or a tuple of integers")
    axes = _as_tuple(axis)
    out_nd = a.ndim + len(axes)
    dims = canonicalize_axes(axes, out_nd, "expand_dims", "axis")
    return lax.expand_dims(a, tuple(sorted(dims)))


@_api(static=("axis",), convert={"axis": int_or_ints})
def squeeze(a, axis=None):
    """Remove axes of length one.

    Parameters
    ----------
    a : array_like
        Input array.
    axis : None or int or tuple of ints, optional
        The length-one axes to remove; default all of them.  Selecting an
        axis whose length is not one raises ``ValueError``.

    Returns
    -------
    jax.Array
        ``a`` without the selected axes.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.squeeze(jnp.ones((1, 3, 1))).shape
    (3,)
    """
    a = _util.asarray(a, name="squeeze")
    if axis is None:
        dims = tuple(i for i, d in enumerate(a.shape) if d == 1)
    else:
        dims = canonicalize_axes(_as_tuple(axis), a.ndim, "squeeze", "axis")
        bad = [i for i in dims if a.shape[i] != 1]
        if bad:
            raise ValueError(f"squeeze(): cannot select an axis to squeeze out which has size "
                             f"not equal to one (axis {bad[0]} of shape {a.shape})")
    return lax.squeeze(a, dims)


# --- broadcasting -----------------------------------------------------------------------------------
def _broadcast_to(name: str, a, shape: tuple[int, ...]):
    if len(shape) < a.ndim:
        raise ValueError(f"{name}(): cannot broadcast an array of shape {a.shape} to shape "
                         f"{shape}: it has more dimensions than the target")
    lead = len(shape) - a.ndim
    for d, s in zip(a.shape, shape[lead:]):
        if d != s and d != 1:
            raise ValueError(f"{name}(): cannot broadcast an array of shape {a.shape} to "
                             f"shape {shape}")
    return _util.broadcast_to(a, shape)


@_api(static=("shape",), convert={"shape": shape_arg})
def broadcast_to(array, shape):
    """Broadcast an array to a new shape.

    Parameters
    ----------
    array : array_like
        The array to broadcast.
    shape : int or tuple of ints
        The target shape; ``array.shape`` must be broadcast-compatible with it
        (numpy's rules: trailing axes match or are 1).

    Returns
    -------
    jax.Array
        An array of shape ``shape``.

    Notes
    -----
    Differences from NumPy: the result is a new (immutable) array rather than
    a read-only view.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.broadcast_to(jnp.array([1, 2, 3]), (2, 3))
    Array([[1, 2, 3],
           [1, 2, 3]], dtype=int32)
    """
    a = _util.asarray(array, name="broadcast_to")
    return _broadcast_to("broadcast_to", a, _as_tuple(shape))


def broadcast_shapes(*shapes):
    """The shape that arrays of the given shapes broadcast to.

    Parameters
    ----------
    *shapes : int or tuple of ints
        The shapes to combine.

    Returns
    -------
    tuple of ints
        The broadcast shape.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.broadcast_shapes((3, 1), (4,))
    (3, 4)
    """
    tuples = [shape_arg("broadcast_shapes", f"shapes[{i}]", s) for i, s in enumerate(shapes)]
    return _util.broadcast_shapes("broadcast_shapes", *tuples)


def broadcast_arrays(*args):
    """Broadcast arrays against each other.

    Parameters
    ----------
    *args : array_like
        The arrays to broadcast.

    Returns
    -------
    list of jax.Array
        The arrays, each with the common broadcast shape.

    Notes
    -----
    The result is a list, as in jax.numpy and the Array API standard (NumPy 2
    returns a tuple); ``meshgrid`` does the same.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> [x.shape for x in jnp.broadcast_arrays(jnp.ones((3, 1)), jnp.ones(4))]
    [(3, 4), (3, 4)]
    """
    arrs = [_util.asarray(a, name="broadcast_arrays") for a in args]
    return list(_util.broadcast_arrays("broadcast_arrays", *arrs))


# --- joining ---------------------------------------------------------------------------------------------
def _check_casting(name: str, arrs, dtype, casting):
    if casting is None:
        return
    if casting not in ("no", "equiv", "safe", "same_kind", "unsafe"):
        raise ValueError(f"{name}(): `casting` must be one of 'no', 'equiv', 'safe', "
                         f"'same_kind' or 'unsafe', got {casting!r}")
    for a in arrs:
        if not np.can_cast(a.dtype, dtype, casting):
            raise TypeError(f"{name}(): cannot cast array data from {a.dtype} to {dtype} "
                            f"according to the rule {casting!r}")


def _promote(name: str, arrs, dtype, casting):
    if dtype is None:
        out = _util.promote_dtypes(*arrs) if len(arrs) > 1 else list(arrs)
        return [_util.asarray(a) for a in out]
    dt = dtypes.check_user_dtype(dtype, name)
    _check_casting(name, arrs, dt, casting)
    return [a if a.dtype == dt and not dtypes.is_weakly_typed(a)
            else lax.convert_element_type(a, dt, False) for a in arrs]


def _concatenate(name: str, arrs, axis, dtype=None, casting=None):
    if not arrs:
        raise ValueError(f"{name}(): need at least one array to concatenate")
    if axis is None:
        arrs = [lax.reshape(a, (math.prod(a.shape),)) for a in arrs]
        axis = 0
    nd = arrs[0].ndim
    if nd == 0:
        raise ValueError(f"{name}(): zero-dimensional arrays cannot be concatenated")
    for i, a in enumerate(arrs):
        if a.ndim != nd:
            raise ValueError(f"{name}(): all the input arrays must have the same number of "
                             f"dimensions, but the array at index 0 has {nd} dimension(s) and "
                             f"the array at index {i} has {a.ndim} dimension(s)")
    axis = canonicalize_axis(axis, nd, name)
    for i, a in enumerate(arrs):
        for d in range(nd):
            if d != axis and a.shape[d] != arrs[0].shape[d]:
                raise ValueError(
                    f"{name}(): all the input array dimensions except for the concatenation "
                    f"axis must match exactly, but along dimension {d}, the array at index 0 "
                    f"has size {arrs[0].shape[d]} and the array at index {i} has size "
                    f"{a.shape[d]}")
    arrs = _promote(name, arrs, dtype, casting)
    return lax.concatenate(arrs, axis)


_JOIN_CONVERT = {"arrays": _arrays_arg}


@_api(static=("axis", "dtype", "casting"), convert=_JOIN_CONVERT)
def concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting=None):
    """Join a sequence of arrays along an existing axis.

    Parameters
    ----------
    arrays : sequence of array_like
        Arrays with the same shape except along ``axis``.
    axis : int or None, optional
        The axis to join along (default 0).  ``None`` flattens the arrays first.
    out : None
        Not supported (jax arrays are immutable); must be None.
    dtype : dtype, optional
        The result dtype.  Default: the arrays' promoted dtype (jax's rules).
    casting : {'no', 'equiv', 'safe', 'same_kind', 'unsafe'}, optional
        If given, check the conversion to ``dtype`` with ``numpy.can_cast``.

    Returns
    -------
    jax.Array
        The joined array.

    Notes
    -----
    Differences from NumPy: ``casting`` defaults to None (no check, like
    jax.numpy) rather than 'same_kind'.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.concatenate([jnp.array([[1, 2]]), jnp.array([[3, 4]])], axis=0)
    Array([[1, 2],
           [3, 4]], dtype=int32)
    """
    _util.check_out("concatenate", out)
    arrs = _as_list("concatenate", arrays)
    return _concatenate("concatenate", arrs, axis, dtype, casting)


@_api(static=("axis", "dtype", "casting"), convert=_JOIN_CONVERT)
def concat(arrays, /, axis=0, out=None, *, dtype=None, casting=None):
    """Join a sequence of arrays along an existing axis (Array API name of
    :func:`concatenate`).

    Parameters
    ----------
    arrays : sequence of array_like
        Arrays with the same shape except along ``axis``.
    axis : int or None, optional
        The axis to join along (default 0); ``None`` flattens first.
    out : None
        Not supported; must be None.
    dtype : dtype, optional
        The result dtype (default: promoted).
    casting : str, optional
        If given, checked with ``numpy.can_cast``.

    Returns
    -------
    jax.Array
        The joined array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.concat([jnp.zeros(2), jnp.ones(1)])
    Array([0., 0., 1.], dtype=float32)
    """
    _util.check_out("concat", out)
    arrs = _as_list("concat", arrays)
    return _concatenate("concat", arrs, axis, dtype, casting)


@_api(static=("axis", "dtype", "casting"), convert=_JOIN_CONVERT)
def stack(arrays, axis=0, out=None, *, dtype=None, casting=None):
    """Join a sequence of arrays of the same shape along a new axis.

    Parameters
    ----------
    arrays : sequence of array_like
        Arrays of identical shape.
    axis : int, optional
        Position of the new axis in the result (default 0).
    out : None
        Not supported; must be None.
    dtype : dtype, optional
        The result dtype (default: promoted).
    casting : str, optional
        If given, checked with ``numpy.can_cast``.

    Returns
    -------
    jax.Array
        An array with one more dimension than the inputs.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.stack([jnp.zeros(3), jnp.ones(3)], axis=1).shape
    (3, 2)
    """
    _util.check_out("stack", out)
    arrs = _as_list("stack", arrays)
    if not arrs:
        raise ValueError("stack(): need at least one array to stack")
    shp = arrs[0].shape
    if any(a.shape != shp for a in arrs):
        shapes = ", ".join(str(a.shape) for a in arrs)
        raise ValueError(f"stack(): all input arrays must have the same shape, got {shapes}")
    axis = canonicalize_axis(axis, len(shp) + 1, "stack")
    return lax.stack(_promote("stack", arrs, dtype, casting), axis)


def _atleast(a, n: int):
    if a.ndim >= n:
        return a
    if n == 1 or a.ndim == 0:
        return lax.reshape(a, (1,) * (n - a.ndim) + a.shape)
    if n == 2:  # 1-d (k,) -> (1, k)
        return lax.reshape(a, (1,) + a.shape)
    # n == 3: (k,) -> (1, k, 1); (m, k) -> (m, k, 1)
    return lax.reshape(a, ((1,) + a.shape + (1,)) if a.ndim == 1 else a.shape + (1,))


@_api(static=("dtype", "casting"), convert={"tup": _arrays_arg})
def hstack(tup, *, dtype=None, casting=None):
    """Stack arrays horizontally: along axis 1, or axis 0 for 1-d inputs.

    Parameters
    ----------
    tup : sequence of array_like
        The arrays (0-d inputs become 1-d).
    dtype : dtype, optional
        The result dtype (default: promoted).
    casting : str, optional
        If given, checked with ``numpy.can_cast``.

    Returns
    -------
    jax.Array
        The stacked array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.hstack([jnp.array([1, 2]), jnp.array([3])])
    Array([1, 2, 3], dtype=int32)
    """
    arrs = [_atleast(a, 1) for a in _as_list("hstack", tup)]
    axis = 0 if arrs and arrs[0].ndim == 1 else 1
    return _concatenate("hstack", arrs, axis, dtype, casting)


@_api(static=("dtype", "casting"), convert={"tup": _arrays_arg})
def vstack(tup, *, dtype=None, casting=None):
    """Stack arrays vertically (along axis 0); 1-d inputs of length N become rows (1, N).

    Parameters
    ----------
    tup : sequence of array_like
        The arrays.
    dtype : dtype, optional
        The result dtype (default: promoted).
    casting : str, optional
        If given, checked with ``numpy.can_cast``.

    Returns
    -------
    jax.Array
        The stacked array, at least 2-d.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.vstack([jnp.array([1, 2]), jnp.array([3, 4])]).shape
    (2, 2)
    """
    arrs = [_atleast(a, 2) for a in _as_list("vstack", tup)]
    return _concatenate("vstack", arrs, 0, dtype, casting)


@_api(static=("dtype",), convert={"tup": _arrays_arg})
def dstack(tup, dtype=None):
    """Stack arrays depth-wise (along axis 2), after making them at least 3-d.

    Parameters
    ----------
    tup : sequence of array_like
        The arrays; (N,) becomes (1, N, 1) and (M, N) becomes (M, N, 1).
    dtype : dtype, optional
        The result dtype (default: promoted), as in jax.

    Returns
    -------
    jax.Array
        The stacked array, at least 3-d.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.dstack([jnp.array([1, 2]), jnp.array([3, 4])]).shape
    (1, 2, 2)
    """
    arrs = [_atleast(a, 3) for a in _as_list("dstack", tup)]
    return _concatenate("dstack", arrs, 2, dtype)


@_api(convert={"tup": _arrays_arg})
def column_stack(tup):
    """Stack 1-d arrays as columns of a 2-d array (2-d inputs are joined along axis 1).

    Parameters
    ----------
    tup : sequence of array_like
        The arrays; 0-d and 1-d inputs become columns.

    Returns
    -------
    jax.Array
        The 2-d (or higher) result.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.column_stack([jnp.array([1, 2]), jnp.array([3, 4])])
    Array([[1, 3],
           [2, 4]], dtype=int32)
    """
    arrs = []
    for a in _as_list("column_stack", tup):
        if a.ndim < 2:
            a = lax.reshape(a, (math.prod(a.shape), 1))
        arrs.append(a)
    return _concatenate("column_stack", arrs, 1)


# --- splitting -------------------------------------------------------------------------------------------
def _split(name: str, ary, sections, axis: int, equal: bool):
    a = _util.asarray(ary, name=name)
    if sections is None:
        raise TypeError(f"{name}(): `indices_or_sections` must be an integer or a sequence of "
                        "integers")
    axis = canonicalize_axis(axis, a.ndim, name)
    n = a.shape[axis]
    if isinstance(sections, int):
        if sections <= 0:
            raise ValueError(f"{name}(): number sections must be larger than 0, got {sections}")
        each, extra = divmod(n, sections)
        if equal and extra:
            raise ValueError(f"{name}(): array split does not result in an equal division "
                             f"({n} elements into {sections} sections)")
        sizes = [each + 1] * extra + [each] * (sections - extra)
        bounds = [0]
        for s in sizes:
            bounds.append(bounds[-1] + s)
        pairs = list(itertools.pairwise(bounds))
    else:
        points = [0, *sections, n]
        pairs = []
        for lo, hi in itertools.pairwise(points):
            start, stop, _ = builtins.slice(lo, hi).indices(n)
            pairs.append((start, builtins.max(start, stop)))
    return [_slice_axis(a, lo, hi, axis) for lo, hi in pairs]


_SPLIT_CONVERT = {"indices_or_sections": int_or_ints}


@_api(static=("indices_or_sections", "axis"), convert=_SPLIT_CONVERT)
def split(ary, indices_or_sections, axis=0):
    """Split an array into sub-arrays along an axis.

    Parameters
    ----------
    ary : array_like
        The array to split.
    indices_or_sections : int or sequence of ints
        An integer N splits into N equal parts (``ValueError`` if the axis
        length is not divisible by N).  A sorted sequence of indices gives the
        split points, with Python slicing rules (out-of-range points give
        empty pieces).
    axis : int, optional
        The axis to split along (default 0).

    Returns
    -------
    list of jax.Array
        The pieces.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> [p.tolist() for p in jnp.split(jnp.arange(5), [2, 3])]
    [[0, 1], [2], [3, 4]]
    """
    return _split("split", ary, indices_or_sections, axis, equal=True)


@_api(static=("indices_or_sections", "axis"), convert=_SPLIT_CONVERT)
def array_split(ary, indices_or_sections, axis=0):
    """Split an array into sub-arrays, allowing an unequal division.

    Parameters
    ----------
    ary : array_like
        The array to split.
    indices_or_sections : int or sequence of ints
        An integer N makes N pieces; the first ``len % N`` are one element
        longer.  A sequence gives the split points, as in :func:`split`.
    axis : int, optional
        The axis to split along (default 0).

    Returns
    -------
    list of jax.Array
        The pieces.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> [p.shape for p in jnp.array_split(jnp.arange(5), 3)]
    [(2,), (2,), (1,)]
    """
    return _split("array_split", ary, indices_or_sections, axis, equal=False)


def _split_axis_min(name: str, ary, min_nd: int):
    nd = _util.ndim(ary)
    if nd < min_nd:
        raise ValueError(f"{name}(): only works on arrays of {min_nd} or more dimensions, "
                         f"got {nd}")
    return nd


@_api(static=("indices_or_sections",), convert=_SPLIT_CONVERT)
def hsplit(ary, indices_or_sections):
    """Split an array horizontally: along axis 1, or axis 0 for 1-d arrays.

    Parameters
    ----------
    ary : array_like
        Array with at least 1 dimension.
    indices_or_sections : int or sequence of ints
        As in :func:`split`.

    Returns
    -------
    list of jax.Array
        The pieces.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> len(jnp.hsplit(jnp.ones((2, 4)), 2))
    2
    """
    a = _util.asarray(ary, name="hsplit")
    nd = _split_axis_min("hsplit", a, 1)
    return _split("hsplit", a, indices_or_sections, 1 if nd > 1 else 0, equal=True)


@_api(static=("indices_or_sections",), convert=_SPLIT_CONVERT)
def vsplit(ary, indices_or_sections):
    """Split an array vertically (along axis 0); it must be at least 2-d.

    Parameters
    ----------
    ary : array_like
        Array with at least 2 dimensions.
    indices_or_sections : int or sequence of ints
        As in :func:`split`.

    Returns
    -------
    list of jax.Array
        The pieces.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> len(jnp.vsplit(jnp.ones((4, 2)), 2))
    2
    """
    a = _util.asarray(ary, name="vsplit")
    _split_axis_min("vsplit", a, 2)
    return _split("vsplit", a, indices_or_sections, 0, equal=True)


@_api(static=("indices_or_sections",), convert=_SPLIT_CONVERT)
def dsplit(ary, indices_or_sections):
    """Split an array depth-wise (along axis 2); it must be at least 3-d.

    Parameters
    ----------
    ary : array_like
        Array with at least 3 dimensions.
    indices_or_sections : int or sequence of ints
        As in :func:`split`.

    Returns
    -------
    list of jax.Array
        The pieces.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> len(jnp.dsplit(jnp.ones((1, 2, 4)), 2))
    2
    """
    a = _util.asarray(ary, name="dsplit")
    _split_axis_min("dsplit", a, 3)
    return _split("dsplit", a, indices_or_sections, 2, equal=True)


@public(static=("axis",))
def unstack(x, /, *, axis=0):
    """Split an array into a tuple of its slices along an axis.

    Parameters
    ----------
    x : array_like
        Array with at least 1 dimension.
    axis : int, optional
        The axis to unstack along (default 0); it disappears from the pieces.

    Returns
    -------
    tuple of jax.Array
        ``x.shape[axis]`` arrays.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.unstack(jnp.arange(6).reshape(2, 3), axis=1)[0]
    Array([0, 3], dtype=int32)
    """
    x = _util.asarray(x, name="unstack")
    if x.ndim == 0:
        raise ValueError("unstack(): input array must be at least 1-d")
    return _unstack(x, canonicalize_axis(axis, x.ndim, "unstack"))


# --- rearranging ------------------------------------------------------------------------------------------
@_api(static=("axis",), convert={"axis": int_or_ints})
def flip(m, axis=None):
    """Reverse the order of elements along the given axes.

    Parameters
    ----------
    m : array_like
        Input array.
    axis : None or int or tuple of ints, optional
        Axes to reverse; default all.

    Returns
    -------
    jax.Array
        ``m`` with the entries reversed along ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.flip(jnp.array([[1, 2], [3, 4]]), 1)
    Array([[2, 1],
           [4, 3]], dtype=int32)
    """
    m = _util.asarray(m, name="flip")
    axes = canonicalize_axes(None if axis is None else _as_tuple(axis), m.ndim, "flip")
    return lax.rev(m, axes)


@public
def fliplr(m):
    """Reverse the order of elements along axis 1 (left/right).

    Parameters
    ----------
    m : array_like
        Input array, at least 2-d.

    Returns
    -------
    jax.Array
        ``m[:, ::-1]``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fliplr(jnp.array([[1, 2]]))
    Array([[2, 1]], dtype=int32)
    """
    m = _util.asarray(m, name="fliplr")
    if m.ndim < 2:
        raise ValueError(f"fliplr(): input must be >= 2-d, got {m.ndim}-d")
    return lax.rev(m, (1,))


@public
def flipud(m):
    """Reverse the order of elements along axis 0 (up/down).

    Parameters
    ----------
    m : array_like
        Input array, at least 1-d.

    Returns
    -------
    jax.Array
        ``m[::-1, ...]``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.flipud(jnp.array([1, 2, 3]))
    Array([3, 2, 1], dtype=int32)
    """
    m = _util.asarray(m, name="flipud")
    if m.ndim < 1:
        raise ValueError("flipud(): input must be >= 1-d, got a 0-d array")
    return lax.rev(m, (0,))


def _roll_pairs(name: str, nd: int, shift, axis):
    """Per-axis total shift (static) after broadcasting ``shift`` against ``axis``."""
    shifts = np.asarray(shift)
    axes = np.asarray(axis)
    try:
        shifts, axes = np.broadcast_arrays(shifts, axes)
    except ValueError:
        raise ValueError(f"{name}(): `shift` {tuple(np.atleast_1d(shift))} and `axis` "
                         f"{tuple(np.atleast_1d(axis))} could not be broadcast together") from None
    if shifts.ndim > 1:
        raise ValueError(f"{name}(): `shift` and `axis` must be scalars or 1-d sequences")
    return [(canonicalize_axis(int(ax), nd, name), s) for ax, s in
            zip(np.atleast_1d(axes).tolist(), np.atleast_1d(shifts).tolist())]


@public(static=("shift", "axis"))
def _roll_static(a, shift, axis):
    a = _util.asarray(a, name="roll")
    if axis is None:
        flat = lax.reshape(a, (math.prod(a.shape),))
        return lax.reshape(_roll_static(flat, shift, 0), a.shape)
    total: dict[int, int] = {}
    for ax, s in _roll_pairs("roll", a.ndim, shift, axis):
        total[ax] = total.get(ax, 0) + s
    for ax, s in total.items():
        n = a.shape[ax]
        if n == 0 or s % n == 0:
            continue
        s %= n
        a = lax.concatenate([_slice_axis(a, n - s, n, ax), _slice_axis(a, 0, n - s, ax)], ax)
    return a


@public(static=("axis",))
def _roll_dynamic(a, shift, axis):
    a = _util.asarray(a, name="roll")
    shift = _util.asarray(shift, name="roll")
    if not dtypes.is_integer(shift.dtype):
        raise TypeError(f"roll(): `shift` must be an integer array, got {shift.dtype}")
    if axis is None:
        flat = lax.reshape(a, (math.prod(a.shape),))
        return lax.reshape(_roll_dynamic(flat, shift, 0), a.shape)
    axes = _as_tuple(axis)
    if shift.ndim > 1:
        raise ValueError("roll(): `shift` and `axis` must be scalars or 1-d sequences")
    k = builtins.max(len(axes), shift.shape[0] if shift.ndim else 1)
    if shift.ndim and shift.shape[0] not in (1, k) or len(axes) not in (1, k):
        raise ValueError(f"roll(): `shift` of shape {shift.shape} and `axis` {axes} could "
                         "not be broadcast together")
    shift = lax.convert_element_type(shift, np.int32)
    for i in range(k):
        ax = canonicalize_axis(axes[i if len(axes) > 1 else 0], a.ndim, "roll")
        s = shift if shift.ndim == 0 else lax.reshape(
            lax.slice(shift, (i if shift.shape[0] > 1 else 0,),
                      ((i if shift.shape[0] > 1 else 0) + 1,)), ())
        n = a.shape[ax]
        if n == 0:
            continue
        nn = np.int32(n)
        r = lax.rem(s, nn)
        r = lax.select_n(lax.lt(r, np.int32(0)), r, lax.add(r, nn))
        doubled = lax.concatenate([a, a], ax)
        starts = [np.int32(0)] * a.ndim
        starts[ax] = lax.sub(nn, r)
        a = lax.dynamic_slice(doubled, starts, a.shape)
    return a


def roll(a, shift, axis=None):
    """Roll (circularly shift) array elements along the given axes.

    Parameters
    ----------
    a : array_like
        Input array.
    shift : int or sequence of ints or integer array
        Number of places to shift; elements leaving one end come back at the
        other.  Broadcast against ``axis``; shifts of a repeated axis add up.
        May be a traced value (then the shift is computed at run time).
    axis : None or int or sequence of ints, optional
        Axes to roll along.  Default: roll the flattened array and restore
        the shape.

    Returns
    -------
    jax.Array
        The rolled array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.roll(jnp.arange(5), 2)
    Array([3, 4, 0, 1, 2], dtype=int32)
    """
    axis = int_or_ints("roll", "axis", axis)
    try:
        static_shift = int_or_ints("roll", "shift", shift)
    except TypeError:
        static_shift = None
    if static_shift is not None:
        return _roll_static(a, static_shift, axis)
    if _concrete(shift) is not None and not isinstance(shift, jax.Array):
        raise TypeError(f"roll(): `shift` must be an integer or a sequence of integers, got "
                        f"{shift!r}")
    return _roll_dynamic(a, shift, axis)


@_api(static=("reps",), convert={"reps": int_or_ints})
def tile(A, reps):
    """Repeat a whole array ``reps`` times along each axis.

    Parameters
    ----------
    A : array_like
        The input array.
    reps : int or tuple of ints
        Repetitions per axis.  If ``reps`` is longer than ``A.ndim``, ``A``
        gets leading axes of length 1; if shorter, ``reps`` gets leading 1s.

    Returns
    -------
    jax.Array
        The tiled array, with ``max(A.ndim, len(reps))`` dimensions.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.tile(jnp.array([1, 2]), (2, 2))
    Array([[1, 2, 1, 2],
           [1, 2, 1, 2]], dtype=int32)
    """
    a = _util.asarray(A, name="tile")
    if reps is None:
        raise TypeError("tile(): `reps` must be an integer or a tuple of integers")
    reps = _as_tuple(reps)
    if any(r < 0 for r in reps):
        raise ValueError(f"tile(): negative dimensions are not allowed in `reps`, got {reps}")
    nd = builtins.max(a.ndim, len(reps))
    reps = (1,) * (nd - len(reps)) + reps
    shp = (1,) * (nd - a.ndim) + a.shape
    a = lax.reshape(a, shp)
    # (r0, s0, r1, s1, ...) with A on the odd axes, then merge each pair.
    inter = tuple(v for pair in zip(reps, shp) for v in pair)
    b = lax.broadcast_in_dim(a, inter, tuple(range(1, 2 * nd, 2)))
    return lax.reshape(b, tuple(r * s for r, s in zip(reps, shp)))


# --- repeat ---------------------------------------------------------------------------------------------------
def _repeat_runs(a, counts: tuple[int, ...], axis: int):
    """Static repeat: element i of ``axis`` ``counts[i]`` times, one block per run of
    equal counts (a broadcast and reshape per block)."""
    n = a.shape[axis]
    pieces = []
    i = 0
    while i < n:
        j = i
        while j + 1 < n and counts[j + 1] == counts[i]:
            j += 1
        r = counts[i]
        if r:
            block = _slice_axis(a, i, j + 1, axis)
            shp = block.shape
            big = shp[:axis + 1] + (r,) + shp[axis + 1:]
            dims = tuple(d if d <= axis else d + 1 for d in range(len(shp)))
            block = lax.broadcast_in_dim(block, big, dims)
            pieces.append(lax.reshape(block, shp[:axis] + (shp[axis] * r,) + shp[axis + 1:]))
        i = j + 1
    if not pieces:
        return _slice_axis(a, 0, 0, axis)
    return lax.concatenate(pieces, axis) if len(pieces) > 1 else pieces[0]


def _fixed_total(counts: tuple[int, ...], total: int) -> tuple[int, ...]:
    """Counts whose sum is ``total``: cut the excess, or repeat the last element more."""
    out, acc = [], 0
    for c in counts:
        c = builtins.min(c, total - acc)
        out.append(c)
        acc += c
    if acc < total and out:
        out[-1] += total - acc
    return tuple(out)


@public(static=("repeats", "axis", "total_repeat_length"))
def _repeat_static(a, repeats, axis, total_repeat_length):
    a = _util.asarray(a, name="repeat")
    if axis is None:
        a = lax.reshape(a, (math.prod(a.shape),))
        axis = 0
    axis = canonicalize_axis(axis, a.ndim, "repeat")
    n = a.shape[axis]
    reps = _as_tuple(repeats)
    if any(r < 0 for r in reps):
        raise ValueError(f"repeat(): `repeats` may not contain negative values, got {repeats}")
    if len(reps) == 1:
        reps = reps * n
    elif len(reps) != n:
        raise ValueError(f"repeat(): `repeats` of length {len(reps)} cannot be broadcast to "
                         f"axis {axis} of length {n}")
    if total_repeat_length is not None:
        if n == 0:
            return a
        reps = _fixed_total(reps, total_repeat_length)
    return _repeat_runs(a, reps, axis)


@public(static=("axis", "total_repeat_length"))
def _repeat_dynamic(a, repeats, axis, total_repeat_length):
    a = _util.asarray(a, name="repeat")
    repeats = _util.asarray(repeats, name="repeat")
    if not dtypes.is_integer(repeats.dtype):
        raise TypeError(f"repeat(): `repeats` must be integers, got {repeats.dtype}")
    if axis is None:
        a = lax.reshape(a, (math.prod(a.shape),))
        axis = 0
    axis = canonicalize_axis(axis, a.ndim, "repeat")
    n = a.shape[axis]
    t = total_repeat_length
    if n == 0:
        return a
    reps = lax.convert_element_type(lax.reshape(repeats, (math.prod(repeats.shape),)), np.int32)
    if reps.shape[0] == 1:
        reps = lax.broadcast_in_dim(lax.reshape(reps, ()), (n,), ())
    elif reps.shape[0] != n:
        raise ValueError(f"repeat(): `repeats` of length {reps.shape[0]} cannot be broadcast to "
                         f"axis {axis} of length {n}")
    # Output position p takes input element idx[p] = #{i : ends[i] <= p} (clipped to n-1,
    # so positions past sum(repeats) repeat the last element).
    ends = lax.cumsum(reps, 0)
    pos = lax.iota(np.int32, (t, n), 0)
    idx = lax.reduce_sum(lax.convert_element_type(
        lax.le(lax.broadcast_in_dim(ends, (t, n), (1,)), pos), np.int32), (1,))
    idx = lax.min(idx, lax.broadcast_in_dim(np.int32(n - 1), (t,), ()))
    onehot = lax.eq(lax.broadcast_in_dim(idx, (t, n), (0,)), lax.iota(np.int32, (t, n), 1))
    # Select-and-reduce with the one-hot mask: exact for every dtype (no 0 * inf).
    x = lax.transpose(a, _moveaxis_perm(a.ndim, (axis,), (a.ndim - 1,)))
    lead = x.shape[:-1]
    big = lead + (t, n)
    xb = lax.broadcast_in_dim(x, big, tuple(range(len(lead))) + (len(lead) + 1,))
    mask = lax.broadcast_in_dim(onehot, big, (len(lead), len(lead) + 1))
    zero = _util.full_like(xb, 0)
    picked = lax.select_n(mask, zero, xb)
    if a.dtype == np.bool_:
        out = lax.reduce_or(picked, (len(big) - 1,))
    else:
        out = lax.reduce_sum(picked, (len(big) - 1,))
    return lax.transpose(out, _moveaxis_perm(out.ndim, (out.ndim - 1,), (axis,)))


def repeat(a, repeats, axis=None, *, total_repeat_length=None):
    """Repeat each element of an array after itself.

    Parameters
    ----------
    a : array_like
        Input array.
    repeats : int or sequence of ints or integer array
        Number of repetitions of each element, broadcast to ``a.shape[axis]``.
    axis : int, optional
        The axis along which to repeat.  Default: use the flattened array.
    total_repeat_length : int, optional
        The length of the result along ``axis``.  Required when ``repeats``
        is a traced value (under ``jit``), since output shapes are static.
        Extra repetitions are cut off; missing ones repeat the last element.

    Returns
    -------
    jax.Array
        The array with repeated elements.

    Notes
    -----
    Differences from NumPy: ``total_repeat_length`` (as in jax.numpy).
    With traced ``repeats`` the result is computed with a one-hot mask of
    size ``total_repeat_length * a.shape[axis]`` per remaining element.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.repeat(jnp.array([1, 2]), [1, 3])
    Array([1, 2, 2, 2], dtype=int32)
    """
    axis_s = None if axis is None else _int("repeat", "axis", axis)
    t = None if total_repeat_length is None else _int("repeat", "total_repeat_length",
                                                         total_repeat_length)
    if t is not None and t < 0:
        raise ValueError(f"repeat(): `total_repeat_length` must be >= 0, got {t}")
    value = _concrete(repeats)
    if value is not None:
        if value.ndim > 1:
            raise ValueError(f"repeat(): `repeats` must be a scalar or 1-d, got shape "
                             f"{value.shape}")
        if value.dtype.kind not in "biu":
            raise TypeError(f"repeat(): `repeats` must be integers, got {value.dtype}")
        reps = tuple(int(r) for r in value.reshape(-1))
        return _repeat_static(a, reps, axis_s, t)
    if t is None:
        raise TypeError("repeat(): `repeats` is a traced value, so the output length is not "
                        "static; pass `total_repeat_length` (or static `repeats`)")
    return _repeat_dynamic(a, repeats, axis_s, t)


# --- atleast_nd and shape queries -------------------------------------------------------------------------------
def _atleast_api(name: str, n: int, arys):
    out = tuple(_atleast(_util.asarray(a, name=name), n) for a in arys)
    return out[0] if len(out) == 1 else out


def atleast_1d(*arys):
    """View inputs as arrays with at least one dimension.

    Parameters
    ----------
    *arys : array_like
        Inputs; 0-d ones become shape (1,).

    Returns
    -------
    jax.Array or tuple of jax.Array
        One array for one input, else a tuple.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.atleast_1d(1.0).shape
    (1,)
    """
    return _atleast_api("atleast_1d", 1, arys)


def atleast_2d(*arys):
    """View inputs as arrays with at least two dimensions.

    Parameters
    ----------
    *arys : array_like
        Inputs; 0-d becomes (1, 1) and (N,) becomes (1, N).

    Returns
    -------
    jax.Array or tuple of jax.Array
        One array for one input, else a tuple.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.atleast_2d([1, 2]).shape
    (1, 2)
    """
    return _atleast_api("atleast_2d", 2, arys)


def atleast_3d(*arys):
    """View inputs as arrays with at least three dimensions.

    Parameters
    ----------
    *arys : array_like
        Inputs; 0-d becomes (1, 1, 1), (N,) becomes (1, N, 1) and (M, N)
        becomes (M, N, 1).

    Returns
    -------
    jax.Array or tuple of jax.Array
        One array for one input, else a tuple.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.atleast_3d(jnp.ones((2, 3))).shape
    (2, 3, 1)
    """
    return _atleast_api("atleast_3d", 3, arys)


def _static_shape(name: str, a) -> tuple[int, ...]:
    if hasattr(a, "shape") and not isinstance(a, type):
        return tuple(a.shape)
    if isinstance(a, (list, tuple)) and _has_tracer(a):
        return tuple(_util.asarray(a, name=name).shape)
    if not isinstance(a, (list, tuple)):
        _util.check_arraylike(name, a, argnames=("a",))
    return tuple(np.shape(a))


def _has_tracer(seq) -> bool:
    return any(_has_tracer(e) if isinstance(e, (list, tuple)) else isinstance(e, jax.Array)
               for e in seq)


def ndim(a) -> int:
    """The number of dimensions of an array.

    Parameters
    ----------
    a : array_like
        Input (arrays, scalars, nested lists).

    Returns
    -------
    int
        ``len(shape(a))``; a static Python int even under ``jit``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.ndim([[1, 2, 3]])
    2
    """
    return len(_static_shape("ndim", a))


def shape(a) -> tuple[int, ...]:
    """The shape of an array.

    Parameters
    ----------
    a : array_like
        Input (arrays, scalars, nested lists).

    Returns
    -------
    tuple of ints
        The static shape.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.shape([[1, 2, 3]])
    (1, 3)
    """
    return _static_shape("shape", a)


def size(a, axis=None) -> int:
    """The number of elements of an array, or along given axes.

    Parameters
    ----------
    a : array_like
        Input (arrays, scalars, nested lists).
    axis : None or int or tuple of ints, optional
        Count only along these axes.

    Returns
    -------
    int
        The static number of elements.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.size(jnp.ones((2, 3)), 1)
    3
    """
    shp = _static_shape("size", a)
    if axis is None:
        return math.prod(shp)
    axes = canonicalize_axes(_as_tuple(int_or_ints("size", "axis", axis)), len(shp), "size")
    return math.prod(shp[i] for i in axes)

