"""numpy's structural functions: inserting, deleting and resizing, rotating,
assembling blocks, bit packing, applying functions along axes and
vectorizing Python functions, and building arrays from host data.

Index arguments that decide an output shape (``insert``/``delete``'s
``obj``, ``resize``'s ``new_shape``, ``unpackbits``'s ``count``...) must be
static, as in jax: they are turned into Python ints before the jitted body
runs, and a traced value gives a TypeError naming the argument.  Everything
is built from static slices, ``concatenate``, ``reshape`` and ``transpose``,
so the jaxprs hold only jaxwrap primitives.
"""

from __future__ import annotations

import builtins
import functools
import math
import operator
import re
import warnings

import jax
import numpy as np

from .. import dtypes, lax
from . import _util
from ._util import AxisError, canonicalize_axis, public
from .shape import (
    _TRACER_ERRORS,
    _int,
    _slice_axis,
    concatenate,
    flip,
    moveaxis,
    ravel,
    shape_arg,
    transpose,
)

__all__ = [
    "ComplexWarning",
    "append",
    "apply_along_axis",
    "apply_over_axes",
    "block",
    "common_type",
    "delete",
    "from_dlpack",
    "frombuffer",
    "fromfunction",
    "fromstring",
    "insert",
    "packbits",
    "resize",
    "rollaxis",
    "rot90",
    "trim_zeros",
    "unpackbits",
    "vectorize",
]

# numpy 2 keeps this warning class in numpy.exceptions; jax.numpy (and so
# jaxwrap.numpy) also exports it here.  jaxwrap emits it when an array
# constructor casts complex values to a real dtype.
ComplexWarning = np.exceptions.ComplexWarning


def _arr(name, x):
    _util.check_arraylike(name, x)
    return _util.asarray(x, name=name)


def _static_indices(name: str, argname: str, obj):
    """``obj`` (an int, a sequence of ints or bools, or an array) as a numpy array on
    the host; TypeError if it is traced (output shapes depend on it)."""
    try:
        arr = np.asarray(obj)
    except _TRACER_ERRORS:
        raise TypeError(f"{name}(): `{argname}` must be static (its values decide the "
                        "output shape), but a traced value was given") from None
    if arr.dtype == object or arr.dtype.kind not in "biu":
        if arr.size == 0:
            return arr.astype(np.intp)
        raise IndexError(f"{name}(): `{argname}` must hold integers (or booleans), got dtype "
                         f"{arr.dtype}")
    return arr


def _pieces_concat(pieces, axis, like):
    pieces = [p for p in pieces if p.shape[axis]] or [_slice_axis(like, 0, 0, axis)]
    return pieces[0] if len(pieces) == 1 else lax.concatenate(pieces, axis)


# --- append / insert / delete ---------------------------------------------------------------
@public(static=("axis",))
def append(arr, values, axis=None):
    """Append values to the end of an array.

    Parameters
    ----------
    arr : array_like
        Values are appended to a copy of this array.
    values : array_like
        Appended values.  With ``axis`` given they must have ``arr``'s shape
        except along ``axis``; without it both are flattened.
    axis : int, optional
        Axis along which to append.

    Returns
    -------
    jax.Array
        ``arr`` and ``values`` joined (promoted to their common dtype).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.append([1, 2], [[3, 4]])
    Array([1, 2, 3, 4], dtype=int32)
    """
    a, v = _arr("append", arr), _arr("append", values)
    if axis is None:
        return concatenate([ravel(a), ravel(v)])
    return concatenate([a, v], axis=axis)


def _prepare_axis(name, a, axis):
    if axis is None:
        return ravel(a), 0
    if a.ndim == 0:
        raise AxisError(f"{name}(): axis {axis} is out of bounds for array of dimension 0")
    return a, canonicalize_axis(axis, a.ndim, name)


def _normalize_index_set(name, obj, n):
    """An index argument (int / slice / sequence) as (is_scalar, int64 indices)."""
    if isinstance(obj, slice):
        return False, np.arange(*obj.indices(n), dtype=np.int64)
    idx = _static_indices(name, "obj", obj)
    if idx.dtype == np.bool_:
        raise IndexError(f"{name}(): boolean `obj` is not supported; use "
                         "jaxwrap.numpy.nonzero(mask) on the host to get indices")
    if idx.ndim > 1:
        raise ValueError(f"{name}(): `obj` must be a scalar or a 1-d sequence of indices")
    return idx.ndim == 0, idx.astype(np.int64).reshape(-1)


def insert(arr, obj, values, axis=None):
    """Insert values along an axis before the given indices.

    Parameters
    ----------
    arr : array_like
        Input array.
    obj : int, slice or sequence of ints
        Indices before which ``values`` are inserted (static: the output
        length depends on it).  Several equal indices insert in the order
        given.
    values : array_like
        Values to insert, broadcast to the inserted block.  They are cast to
        ``arr``'s dtype.
    axis : int, optional
        Axis along which to insert; None flattens ``arr`` first.

    Returns
    -------
    jax.Array
        A copy of ``arr`` with ``values`` inserted.

    Notes
    -----
    Differences from NumPy: ``obj`` must be static (not traced) and may not be
    a boolean mask.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.insert([1, 2, 3], 1, 9)
    Array([1, 9, 2, 3], dtype=int32)
    """
    a = _arr("insert", arr)
    a, ax = _prepare_axis("insert", a, axis)
    n = a.shape[ax]
    if isinstance(obj, jax.Array) and obj.ndim == 0 and _is_traced(obj):
        # A traced scalar index: the output shape does not depend on it.
        _util.check_arraylike("insert", values)
        if not dtypes.issubdtype(obj.dtype, np.integer):
            raise IndexError("insert(): `obj` must hold integers")
        return _insert_dynamic(a, obj, values, ax=ax)
    scalar, idx = _normalize_index_set("insert", obj, n)
    bad = idx[(idx < -n) | (idx > n)]
    if bad.size:
        raise IndexError(f"insert(): index {int(bad[0])} is out of bounds for axis {ax} with "
                         f"size {n}")
    idx = np.where(idx < 0, idx + n, idx)
    _util.check_arraylike("insert", values)
    return _insert(a, values, idx=tuple(int(i) for i in idx), ax=ax, scalar=scalar)


def _is_traced(x):
    try:
        np.asarray(x)
    except _TRACER_ERRORS:
        return True
    return False


def _insert_values(a, values, ax, k):
    """``values`` cast to ``a``'s dtype and broadcast to the inserted block; with
    ``k`` None (a scalar index) the values' leading axis gives the block length."""
    v = _util.asarray(values, name="insert")
    v = lax.convert_element_type(v, a.dtype, False) if v.dtype != a.dtype else v
    if k is None:
        # numpy: the values' leading axis lies along `axis`, so a sequence inserted
        # at one index is as many new slices.
        if v.ndim < a.ndim:
            v = lax.reshape(v, (1,) * (a.ndim - v.ndim) + v.shape)
        v = moveaxis(v, 0, ax)
        k = v.shape[ax]
    block = a.shape[:ax] + (k,) + a.shape[ax + 1:]
    v = _util.broadcast_to(v, _util.broadcast_shapes("insert", v.shape, block))
    if v.shape != block:
        raise ValueError(f"insert(): could not broadcast `values` of shape {v.shape} to "
                         f"{block}")
    return v


@public(static=("ax",))
def _insert_dynamic(a, obj, values, ax):
    v = _insert_values(a, values, ax, None)
    n, k = a.shape[ax], v.shape[ax]
    i = lax.convert_element_type(obj, np.int32, False)
    i = _util.where(lax.lt(i, np.int32(0)), lax.add(i, np.int32(n)), i)
    i = lax.clamp(np.int32(0), i, np.int32(n))
    # Output position p holds a[p] before i, v[p - i] in [i, i + k), a[p - k] after.
    pad = [(0, 0, 0)] * a.ndim
    pad_hi, pad_lo = list(pad), list(pad)
    pad_hi[ax], pad_lo[ax] = (0, k, 0), (k, 0, 0)
    zero = np.array(0, a.dtype)
    before, after = lax.pad(a, zero, pad_hi), lax.pad(a, zero, pad_lo)
    pos = lax.iota(np.int32, before.shape, ax)
    out = _util.where(lax.lt(pos, lax.broadcast_in_dim(i, before.shape, ())), before, after)
    start = tuple(i if d == ax else np.int32(0) for d in range(a.ndim))
    return lax.dynamic_update_slice(out, v, start)


@public(static=("idx", "ax", "scalar"))
def _insert(a, values, idx, ax, scalar):
    v = _insert_values(a, values, ax, None if scalar else len(idx))
    k = v.shape[ax]
    if scalar:
        pos = idx[0]
        return _pieces_concat([_slice_axis(a, 0, pos, ax), v,
                               _slice_axis(a, pos, a.shape[ax], ax)], ax, a)
    # Sequence: values land in index order (stable), each before its index.
    order = sorted(range(k), key=lambda j: idx[j])
    pieces, start = [], 0
    for j in order:
        pieces.append(_slice_axis(a, start, idx[j], ax))
        pieces.append(_slice_axis(v, j, j + 1, ax))
        start = idx[j]
    pieces.append(_slice_axis(a, start, a.shape[ax], ax))
    return _pieces_concat(pieces, ax, a)


def delete(arr, obj, axis=None, *, assume_unique_indices=False):
    """Remove sub-arrays along an axis.

    Parameters
    ----------
    arr : array_like
        Input array.
    obj : int, slice, sequence of ints, or boolean mask
        What to remove along ``axis`` (static: the output length depends on
        it).  A boolean mask must have the axis' length.
    axis : int, optional
        The axis; None flattens ``arr`` first.
    assume_unique_indices : bool, optional
        jax's promise that the integer indices in ``obj`` are unique and in
        bounds: then ``obj`` may be traced (the output length is
        ``n - len(obj)``).  With static indices, repeated ones are removed once.

    Returns
    -------
    jax.Array
        A copy of ``arr`` without the removed entries.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.delete([1, 2, 3, 4], [0, 2])
    Array([2, 4], dtype=int32)
    """
    a = _arr("delete", arr)
    a, ax = _prepare_axis("delete", a, axis)
    n = a.shape[ax]
    if assume_unique_indices and isinstance(obj, jax.core.Tracer):
        return _delete_unique(a, obj, ax)
    if isinstance(obj, slice):
        drop = np.zeros(n, bool)
        drop[np.arange(*obj.indices(n))] = True
    else:
        idx = _static_indices("delete", "obj", obj)
        if idx.dtype == np.bool_:
            if idx.shape != (n,):
                raise ValueError(f"delete(): boolean array argument `obj` to delete must be "
                                 f"one dimensional and match the axis length of {n}")
            drop = idx
        else:
            idx = idx.astype(np.int64).reshape(-1)
            bad = idx[(idx < -n) | (idx >= n)]
            if bad.size:
                raise IndexError(f"delete(): index {int(bad[0])} is out of bounds for axis "
                                 f"{ax} with size {n}")
            drop = np.zeros(n, bool)
            drop[idx] = True
    keep = tuple(int(i) for i in np.flatnonzero(~drop))
    return _keep_runs(a, keep, ax)


@public(static=("ax",))
def _delete_unique(a, obj, ax):
    """delete() with traced, unique, in-bounds integer indices (jax's promise): the kept
    positions, in order, are scattered into a static-length index list, then gathered."""
    from . import indexing, reductions
    i = _util.asarray(obj)
    if i.dtype == np.bool_ or not dtypes.issubdtype(i.dtype, np.integer) or i.ndim > 1:
        raise TypeError("delete(): a traced `obj` must be a 0-d or 1-d integer array")
    n, k = a.shape[ax], i.size
    i = lax.convert_element_type(lax.reshape(i, (i.size,)), np.int32, False)
    i = _util.where(lax.lt(i, _util.const(i, 0)), lax.add(i, _util.const(i, n)), i)
    keep = indexing.at(lax.broadcast_in_dim(np.array(True), (n,), ()))[i].set(False)
    rank = lax.sub(reductions.cumsum(keep, dtype=np.int32), np.array(1, np.int32))
    target = _util.where(keep, rank, lax.broadcast_in_dim(np.array(n, np.int32), (n,), ()))
    src = indexing.at(lax.broadcast_in_dim(np.array(0, np.int32), (n - k,), ()))[target].set(
        lax.iota(np.int32, (n,)), mode="drop")
    return indexing.take(a, src, axis=ax)


@public(static=("keep", "ax"))
def _keep_runs(a, keep, ax):
    # Maximal runs of consecutive kept positions become one slice each.
    pieces, i = [], 0
    while i < len(keep):
        j = i
        while j + 1 < len(keep) and keep[j + 1] == keep[j] + 1:
            j += 1
        pieces.append(_slice_axis(a, keep[i], keep[j] + 1, ax))
        i = j + 1
    return _pieces_concat(pieces, ax, a)


# --- resize / trim_zeros / rot90 / rollaxis ----------------------------------------------------
def resize(a, new_shape):
    """Return a new array of the given shape, repeating ``a`` as needed.

    Parameters
    ----------
    a : array_like
        Input; it is flattened, repeated cyclically to fill ``new_shape``, and
        truncated.
    new_shape : int or sequence of ints
        Shape of the result (static).

    Returns
    -------
    jax.Array
        An array of shape ``new_shape``; zeros if ``a`` is empty.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.resize([1, 2, 3], (2, 2))
    Array([[1, 2],
           [3, 1]], dtype=int32)
    """
    return _resize(_arr("resize", a), shape_arg("resize", "new_shape", new_shape))


@public(static=("new_shape",))
def _resize(a, new_shape):
    size = math.prod(new_shape)
    flat = ravel(a)
    if a.size == 0 or size == 0:
        return lax.broadcast_in_dim(np.array(0, a.dtype), new_shape, ())
    reps = -(-size // a.size)
    if reps > 1:
        flat = lax.concatenate([flat] * reps, 0)
    return lax.reshape(lax.slice(flat, (0,), (size,), (1,)), new_shape)


def trim_zeros(filt, trim="fb", axis=None):
    """Trim leading and/or trailing zeros.

    Parameters
    ----------
    filt : array_like
        Input array.
    trim : {'fb', 'f', 'b'}, optional
        Trim from the front ('f'), the back ('b') or both (default).
    axis : int or sequence of ints, optional
        Axes to trim along (numpy 2.2); None trims every axis (for a 1-d
        input, the usual case).  Along each axis, a slice is trimmed when it
        is all zeros.

    Returns
    -------
    jax.Array
        A slice of ``filt``.

    Notes
    -----
    Differences from NumPy: the output shape depends on the values, so this
    runs eagerly on concrete inputs only (a traced ``filt`` raises
    TypeError).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.trim_zeros([0, 1, 2, 0])
    Array([1, 2], dtype=int32)
    """
    a = _arr("trim_zeros", filt)
    if not isinstance(trim, str) or not trim or set(trim.lower()) - set("fb"):
        raise ValueError(f"trim_zeros(): unexpected character(s) in `trim`: {trim!r}")
    try:
        host = np.asarray(a)
    except _TRACER_ERRORS:
        raise TypeError("trim_zeros(): the output shape depends on the values of `filt`, so "
                        "it cannot be traced (call it outside jit)") from None
    if a.ndim == 0:
        raise ValueError("trim_zeros(): `filt` must be at least 1-d")
    axes = (tuple(range(a.ndim)) if axis is None
            else _util.canonicalize_axes(axis, a.ndim, "trim_zeros"))
    t = trim.lower()
    starts, stops = [0] * a.ndim, list(a.shape)
    nz = np.argwhere(host != 0)
    for ax in axes:
        if nz.size == 0:
            # numpy: an all-zero input trims to an empty array.
            stops[ax] = 0
            continue
        if "f" in t:
            starts[ax] = int(nz[:, ax].min())
        if "b" in t:
            stops[ax] = int(nz[:, ax].max()) + 1
    return lax.slice(a, tuple(starts), tuple(stops), (1,) * a.ndim)


def rot90(m, k=1, axes=(0, 1)):
    """Rotate an array by 90 degrees in the plane given by ``axes``.

    Parameters
    ----------
    m : array_like
        Array of two or more dimensions.
    k : int, optional
        Number of quarter turns (from the first axis toward the second).
    axes : (int, int), optional
        The plane of rotation; the two axes must differ.

    Returns
    -------
    jax.Array
        The rotated array.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.rot90([[1, 2], [3, 4]])
    Array([[2, 4],
           [1, 3]], dtype=int32)
    """
    k = _int("rot90", "k", k)
    try:
        axes = tuple(operator.index(v) for v in axes)
    except TypeError:
        raise TypeError("rot90(): `axes` must be a pair of integers") from None
    if len(axes) != 2:
        raise ValueError("rot90(): len(axes) must be 2")
    return _rot90(_arr("rot90", m), k, axes)


@public(static=("k", "axes"))
def _rot90(m, k, axes):
    if m.ndim < 2:
        raise ValueError("rot90(): `m` must be at least 2-d")
    a0 = canonicalize_axis(axes[0], m.ndim, "rot90", "axes")
    a1 = canonicalize_axis(axes[1], m.ndim, "rot90", "axes")
    if a0 == a1:
        raise ValueError("rot90(): `axes` must be different")
    k %= 4
    if k == 0:
        return m
    if k == 2:
        return flip(flip(m, a0), a1)
    perm = list(range(m.ndim))
    perm[a0], perm[a1] = perm[a1], perm[a0]
    if k == 1:
        return transpose(flip(m, a1), perm)
    return flip(transpose(m, perm), a1)


def rollaxis(a, axis, start=0):
    """Roll ``axis`` backwards until it lies before position ``start``.

    Prefer :func:`moveaxis`; this is numpy's older spelling.

    Parameters
    ----------
    a : array_like
        Input array.
    axis : int
        The axis to move.
    start : int, optional
        The axis is moved to lie before this position (``-ndim <= start <=
        ndim``).

    Returns
    -------
    jax.Array
        A view-like copy with axes reordered.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.rollaxis(jnp.zeros((3, 4, 5)), 2).shape
    (5, 3, 4)
    """
    x = _arr("rollaxis", a)
    n = x.ndim
    axis = canonicalize_axis(axis, n, "rollaxis")
    start = _int("rollaxis", "start", start)
    if not -n <= start <= n:
        raise AxisError(f"rollaxis(): `start` arg requires {-n} <= start < {n + 1}, but "
                        f"{start} was passed in")
    if start < 0:
        start += n
    if axis < start:
        start -= 1
    if axis == start:
        return x
    return moveaxis(x, axis, start)


# --- block -------------------------------------------------------------------------------------
def _block_depth(name, arrays, path=()):
    """(depth of list nesting, max leaf ndim); ValueError for ragged depths."""
    if isinstance(arrays, tuple):
        raise TypeError(f"{name}(): arrays is a tuple; only lists can be used to arrange "
                        "blocks, and tuples are ambiguous")
    if isinstance(arrays, list):
        if not arrays:
            raise ValueError(f"{name}(): list at arrays{''.join(f'[{i}]' for i in path)} "
                             "cannot be empty")
        results = [_block_depth(name, e, path + (i,)) for i, e in enumerate(arrays)]
        depths = {r[0] for r in results}
        if len(depths) > 1:
            raise ValueError(f"{name}(): list depths are mismatched at "
                             f"arrays{''.join(f'[{i}]' for i in path)}")
        return results[0][0] + 1, builtins.max(r[1] for r in results)
    _util.check_arraylike(name, arrays)
    return 0, _util.ndim(arrays)


def block(arrays):
    """Assemble an array from nested lists of blocks.

    Parameters
    ----------
    arrays : nested list of array_like
        Blocks; the innermost lists are joined along the last axis, the next
        level along the second-to-last, and so on.  Blocks are promoted to
        the result's number of dimensions by prepending axes of length 1.

    Returns
    -------
    jax.Array
        The assembled array (common dtype of the blocks).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.block([[jnp.eye(2), jnp.zeros((2, 1))], [jnp.ones((1, 3))]]).shape
    (3, 3)
    """
    depth, nd = _block_depth("block", arrays)
    if depth == 0:
        return _util.asarray(arrays, name="block")
    nd = builtins.max(nd, depth)
    leaves = []

    def collect(x):
        if isinstance(x, list):
            return [collect(e) for e in x]
        leaves.append(x)
        return len(leaves) - 1

    structure = collect(arrays)
    return _block(structure, nd, *leaves)


def _freeze(s):
    return tuple(_freeze(e) for e in s) if isinstance(s, list) else s


@functools.cache
def _block_fn(structure, nd):
    def body(*leaves):
        arrs = _util.promote_dtypes(*leaves)
        arrs = [lax.reshape(a, (1,) * (nd - a.ndim) + a.shape) if a.ndim < nd else a
                for a in arrs]

        def join(s, level):
            if isinstance(s, tuple):
                return concatenate([join(e, level + 1) for e in s], axis=nd - depth + level)
            return arrs[s]

        depth = _depth(structure)
        return join(structure, 0)
    return public(body)


def _depth(s):
    return 1 + _depth(s[0]) if isinstance(s, tuple) else 0


def _block(structure, nd, *leaves):
    return _block_fn(_freeze(structure), nd)(*leaves)


# --- bit packing -------------------------------------------------------------------------------
def _check_bitorder(name, bitorder):
    if bitorder not in ("big", "little"):
        raise ValueError(f"{name}(): `bitorder` must be either 'big' or 'little', got "
                         f"{bitorder!r}")


@public(static=("axis", "bitorder"))
def packbits(a, axis=None, bitorder="big"):
    """Pack the elements of a binary-valued array into bits of uint8.

    Parameters
    ----------
    a : array_like of int or bool
        Nonzero entries are 1 bits.
    axis : int, optional
        Axis to pack along; None packs the flattened array.
    bitorder : {'big', 'little'}, optional
        Bit order within each byte.

    Returns
    -------
    jax.Array of uint8
        ``ceil(n / 8)`` bytes along ``axis`` (the last one zero-padded).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.packbits([1, 0, 1])
    Array([160], dtype=uint8)
    """
    x = _arr("packbits", a)
    if not (x.dtype == np.bool_ or dtypes.issubdtype(x.dtype, np.integer)):
        raise TypeError("packbits(): expected an input array of integer or boolean data type, "
                        f"got {x.dtype}")
    _check_bitorder("packbits", bitorder)
    if axis is None:
        x, axis = ravel(x), 0
    elif x.ndim == 0:
        raise AxisError("packbits(): axis is out of bounds for array of dimension 0")
    axis = canonicalize_axis(axis, x.ndim, "packbits")
    bits = x if x.dtype == np.bool_ else lax.ne(x, np.array(0, x.dtype))
    bits = lax.convert_element_type(bits, np.uint8)
    x = moveaxis(bits, axis, -1)
    n = x.shape[-1]
    nbytes = -(-n // 8)
    pad = nbytes * 8 - n
    if pad:
        x = lax.pad(x, np.array(0, np.uint8), [(0, 0, 0)] * (x.ndim - 1) + [(0, pad, 0)])
    x = lax.reshape(x, x.shape[:-1] + (nbytes, 8))
    shifts = np.arange(7, -1, -1) if bitorder == "big" else np.arange(8)
    shifts = lax.broadcast_in_dim(shifts.astype(np.uint8), x.shape, (x.ndim - 1,))
    packed = lax.reduce_sum(lax.shift_left(x, shifts), (x.ndim - 1,))
    return moveaxis(packed, -1, axis)


def unpackbits(a, axis=None, count=None, bitorder="big"):
    """Unpack the bits of a uint8 array into a binary-valued uint8 array.

    Parameters
    ----------
    a : array_like of uint8
        Packed bytes.
    axis : int, optional
        Axis to unpack along; None unpacks the flattened array.
    count : int, optional
        Number of bits to keep along ``axis`` (static): negative drops that
        many from the end, more than available pads with zeros.
    bitorder : {'big', 'little'}, optional
        Bit order within each byte.

    Returns
    -------
    jax.Array of uint8

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.unpackbits(jnp.array([5], dtype='uint8'))
    Array([0, 0, 0, 0, 0, 1, 0, 1], dtype=uint8)
    """
    if count is not None:
        count = _int("unpackbits", "count", count)
    return _unpackbits(a, axis, count, bitorder)


@public(static=("axis", "count", "bitorder"))
def _unpackbits(a, axis, count, bitorder):
    x = _arr("unpackbits", a)
    if x.dtype != np.uint8:
        raise TypeError(f"unpackbits(): expected an input array of unsigned byte data type "
                        f"(uint8), got {x.dtype}")
    _check_bitorder("unpackbits", bitorder)
    if axis is None:
        x, axis = ravel(x), 0
    elif x.ndim == 0:
        raise AxisError("unpackbits(): axis is out of bounds for array of dimension 0")
    axis = canonicalize_axis(axis, x.ndim, "unpackbits")
    x = moveaxis(x, axis, -1)
    shifts = np.arange(7, -1, -1) if bitorder == "big" else np.arange(8)
    full = x.shape + (8,)
    xb = lax.broadcast_in_dim(x, full, tuple(range(x.ndim)))
    sb = lax.broadcast_in_dim(shifts.astype(np.uint8), full, (x.ndim,))
    bits = lax.and_(lax.shift_right_logical(xb, sb), lax.broadcast_in_dim(
        np.array(1, np.uint8), full, ()))
    bits = lax.reshape(bits, x.shape[:-1] + (x.shape[-1] * 8,))
    n = bits.shape[-1]
    if count is not None:
        want = count if count >= 0 else builtins.max(n + count, 0)
        if want <= n:
            bits = _slice_axis(bits, 0, want, bits.ndim - 1)
        else:
            bits = lax.pad(bits, np.array(0, np.uint8),
                           [(0, 0, 0)] * (bits.ndim - 1) + [(0, want - n, 0)])
    return moveaxis(bits, -1, axis)


# --- applying functions --------------------------------------------------------------------------
def apply_along_axis(func1d, axis: int, arr, *args, **kwargs):
    """Apply a function to 1-d slices along an axis.

    Parameters
    ----------
    func1d : callable
        Called as ``func1d(v, *args, **kwargs)`` on each 1-d slice ``v``; it
        must be traceable (it is vectorized with ``jax.vmap``).
    axis : int
        The axis of the slices.
    arr : array_like
        Input array.
    *args, **kwargs
        Extra arguments for ``func1d`` (not vectorized).

    Returns
    -------
    jax.Array
        The results; the dimensions of ``func1d``'s output replace ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.apply_along_axis(lambda v: v[0] + v[-1], 1, jnp.arange(6).reshape(2, 3))
    Array([2, 8], dtype=int32)
    """
    if not callable(func1d):
        raise TypeError("apply_along_axis(): `func1d` must be callable")
    x = _arr("apply_along_axis", arr)
    if x.ndim == 0:
        raise AxisError("apply_along_axis(): axis is out of bounds for array of dimension 0")
    axis = canonicalize_axis(axis, x.ndim, "apply_along_axis")

    def one(v):
        return _util.asarray(func1d(v, *args, **kwargs), name="apply_along_axis")

    f = one
    for _ in range(x.ndim - 1):
        f = jax.vmap(f)
    out = f(moveaxis(x, axis, -1))
    lead = x.ndim - 1
    k = out.ndim - lead
    perm = list(range(axis)) + list(range(lead, lead + k)) + list(range(axis, lead))
    return transpose(out, perm) if perm != list(range(out.ndim)) else out


def apply_over_axes(func, a, axes):
    """Apply a reducing function repeatedly over several axes.

    Parameters
    ----------
    func : callable
        Called as ``func(a, axis)``; it must return an array of ``a``'s
        number of dimensions or one fewer (then the axis is re-inserted).
    a : array_like
        Input array.
    axes : int or sequence of ints
        Axes to apply ``func`` over, in order.

    Returns
    -------
    jax.Array
        An array with ``a``'s number of dimensions.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.apply_over_axes(jnp.sum, jnp.ones((2, 3)), [0, 1])
    Array([[6.]], dtype=float32)
    """
    x = _arr("apply_over_axes", a)
    for ax in (axes if np.ndim(axes) else [axes]):
        ax = _int("apply_over_axes", "axes", ax)
        if ax < 0:
            ax += x.ndim
        res = _util.asarray(func(x, ax), name="apply_over_axes")
        if res.ndim == x.ndim:
            x = res
        elif res.ndim == x.ndim - 1:
            x = lax.reshape(res, res.shape[:ax] + (1,) + res.shape[ax:])
        else:
            raise ValueError("apply_over_axes(): function is not returning an array of the "
                             "correct shape")
    return x


_DIM = r"\w+"
_CORE = rf"(?:{_DIM}(?:,{_DIM})*)?"
_ARGS = rf"\({_CORE}\)(?:,\({_CORE}\))*"
_SIGNATURE = re.compile(rf"^{_ARGS}->{_ARGS}$")


def _parse_signature(signature: str):
    sig = signature.replace(" ", "")
    if not _SIGNATURE.match(sig):
        raise ValueError(f"vectorize(): not a valid gufunc signature: {signature!r}")
    ins, outs = sig.split("->")

    def parse(part):
        return [tuple(d for d in core.split(",") if d)
                for core in re.findall(r"\((" + _CORE + r")\)", part)]
    return parse(ins), parse(outs)


class vectorize:
    """Vectorize a function written for scalars (or core arrays) over array arguments.

    Parameters
    ----------
    pyfunc : callable
        The function; it is traced with ``jax.vmap`` over the broadcast loop
        dimensions, so it must be written with traceable operations.
    otypes : str or list of dtypes, optional
        Output dtypes; the results are cast to them.
    doc : str, optional
        Docstring of the vectorized function (default: ``pyfunc``'s).
    excluded : set of int or str, optional
        Positional indices or keyword names of arguments passed through
        unchanged (not vectorized); None arguments always are, as in jax.
    cache : bool, optional
        Accepted for numpy compatibility (no effect).
    signature : str, optional
        Generalized ufunc signature such as ``"(m,n),(n)->(m)"``: the named
        core dimensions are passed whole to ``pyfunc``.

    Returns
    -------
    callable
        The vectorized function (an instance of this class).

    Notes
    -----
    Differences from NumPy: ``pyfunc`` receives jax arrays (0-d for scalars),
    and is traced once rather than called per element.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> f = jnp.vectorize(lambda a, b: a * b)
    >>> f(jnp.array([1, 2]), 3)
    Array([3, 6], dtype=int32)
    """

    __module__ = "jaxwrap.numpy"

    def __init__(self, pyfunc=None, otypes=None, doc=None, excluded=None, cache=False,
                 signature=None):
        if pyfunc is None:
            raise TypeError("vectorize(): `pyfunc` is required")
        if not callable(pyfunc):
            raise TypeError("vectorize(): `pyfunc` must be callable")
        self.pyfunc = pyfunc
        self.cache = cache
        self.excluded = frozenset(excluded or ())
        for e in self.excluded:
            if not isinstance(e, (int, str)):
                raise TypeError("vectorize(): `excluded` must hold ints and strs")
        self.signature = signature
        self._sig = None if signature is None else _parse_signature(signature)
        if isinstance(otypes, str):
            otypes = list(otypes)
        self.otypes = None if otypes is None else [np.dtype(t) for t in otypes]
        self.__doc__ = doc if doc is not None else getattr(pyfunc, "__doc__", None)
        self.__name__ = getattr(pyfunc, "__name__", "vectorized")
        functools.update_wrapper(self, pyfunc, assigned=("__module__", "__qualname__"),
                                 updated=())

    def __call__(self, *args, **kwargs):
        # None arguments pass through unchanged, as excluded ones (jax does the same)
        excl = self.excluded | {i for i, a in enumerate(args) if a is None} | \
            {k for k, v in kwargs.items() if v is None}
        pos = [i for i in range(len(args)) if i not in excl]
        kws = [k for k in kwargs if k not in excl]
        vargs = [args[i] for i in pos] + [kwargs[k] for k in kws]
        _util.check_arraylike(self.__name__, *vargs)
        vargs = [_util.asarray(v, name=self.__name__) for v in vargs]

        def call(*vals):
            full = list(args)
            for i, v in zip(pos, vals):
                full[i] = v
            kw = dict(kwargs)
            for k, v in zip(kws, vals[len(pos):]):
                kw[k] = v
            return self.pyfunc(*full, **kw)

        if self._sig is None:
            in_core, out_core = [()] * len(vargs), None
        else:
            in_core, out_core = self._sig
            if len(in_core) != len(vargs):
                raise TypeError(f"{self.__name__}(): wrong number of positional arguments: "
                                f"expected {len(in_core)}, got {len(vargs)}")
        sizes: dict[str, int] = {}
        loops = []
        for i, (v, core) in enumerate(zip(vargs, in_core)):
            if v.ndim < len(core):
                raise ValueError(f"{self.__name__}(): input {i} has {v.ndim} dimension(s) but "
                                 f"the signature needs at least {len(core)} for {core}")
            cshape = v.shape[v.ndim - len(core):]
            for d, s in zip(core, cshape):
                if sizes.setdefault(d, s) != s:
                    raise ValueError(f"{self.__name__}(): inconsistent size for core "
                                     f"dimension {d!r}: {s} vs {sizes[d]}")
            loops.append(v.shape[:v.ndim - len(core)])
        loop = _util.broadcast_shapes(self.__name__, *loops)
        L = len(loop)
        # Drop the loop axes an argument broadcasts along; vmap them with in_axes None.
        has, trimmed = [], []
        for v, ls in zip(vargs, loops):
            full = (1,) * (L - len(ls)) + tuple(ls)
            mine = [full[d] == loop[d] for d in range(L)]
            newshape = tuple(s for s, m in zip(full, mine) if m) + v.shape[len(ls):]
            trimmed.append(lax.reshape(v, newshape) if newshape != v.shape else v)
            has.append(mine)

        def core_fn(*vals):
            out = call(*vals)
            multi = isinstance(out, tuple)
            outs = out if multi else (out,)
            outs = tuple(_util.asarray(o, name=self.__name__) for o in outs)
            if out_core is not None:
                if len(out_core) != len(outs):
                    raise ValueError(f"{self.__name__}(): wrong number of outputs from "
                                     f"pyfunc: expected {len(out_core)}, got {len(outs)}")
                for o, core in zip(outs, out_core):
                    if o.ndim != len(core):
                        raise ValueError(f"{self.__name__}(): output has {o.ndim} dimension(s) "
                                         f"but the signature says {len(core)}")
                    for d, s in zip(core, o.shape):
                        if sizes.setdefault(d, s) != s:
                            raise ValueError(f"{self.__name__}(): inconsistent size for core "
                                             f"dimension {d!r}: {s} vs {sizes[d]}")
            if self.otypes is not None:
                if len(self.otypes) != len(outs):
                    raise ValueError(f"{self.__name__}(): `otypes` has {len(self.otypes)} "
                                     f"entries but pyfunc returned {len(outs)} outputs")
                outs = tuple(lax.convert_element_type(o, t, False)
                             for o, t in zip(outs, self.otypes))
            return outs if multi else outs[0]

        f = core_fn
        for d in reversed(range(L)):
            f = jax.vmap(f, in_axes=tuple(0 if h[d] else None for h in has))
        # Every loop axis has at least one mapped argument: `loop` is their broadcast.
        return f(*trimmed)

    def __repr__(self):
        return f"<jaxwrap.numpy.vectorize of {self.pyfunc!r}>"


# --- host data ---------------------------------------------------------------------------------
def common_type(*arrays):
    """The inexact scalar type common to the input arrays.

    Parameters
    ----------
    *arrays : array_like
        Arrays (only their dtypes matter).

    Returns
    -------
    type
        A floating or complex scalar type: integers count as the default
        float type (float64, or float32 without ``jax_enable_x64``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.common_type(jnp.arange(2, dtype='float16'))
    <class 'numpy.float16'>
    """
    is_complex = False
    precision = 0
    for a in arrays:
        _util.check_arraylike("common_type", a)
        t = np.dtype(dtypes.dtype(a))
        if t.kind == "c":
            is_complex = True
        if t.kind in "iu":
            p = np.dtype(dtypes.default_float_dtype()).itemsize
        elif t.kind in "fc":
            p = t.itemsize // (2 if t.kind == "c" else 1)
        else:
            raise TypeError("common_type(): can't get common type for non-numeric array")
        precision = builtins.max(precision, p)
    if precision == 0:
        precision = np.dtype(np.float16).itemsize
    if is_complex:
        wide = np.dtype(f"c{builtins.max(precision, 4) * 2}")
        return np.dtype(dtypes.canonicalize_dtype(wide)).type
    return np.dtype(dtypes.canonicalize_dtype(np.dtype(f"f{precision}"))).type


def _host_dtype(name, dtype):
    return np.dtype(dtypes.check_user_dtype(dtype, name)) if dtype is not float else \
        np.dtype(np.float64)


def frombuffer(buffer, dtype=float, count=-1, offset=0):
    """Interpret a buffer (bytes) as a 1-d array.

    Parameters
    ----------
    buffer : bytes-like
        An object exposing the buffer interface.
    dtype : dtype, optional
        The element type of the data in the buffer (default float64).
    count : int, optional
        Number of items to read (-1: all).
    offset : int, optional
        Start reading at this byte offset.

    Returns
    -------
    jax.Array
        The data, on the default device (64-bit types are narrowed unless
        ``jax_enable_x64`` is on).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.frombuffer(b'\\x01\\x02', dtype='uint8')
    Array([1, 2], dtype=uint8)
    """
    dt = _host_dtype("frombuffer", dtype)
    count = _int("frombuffer", "count", count)
    offset = _int("frombuffer", "offset", offset)
    return _util.asarray(np.frombuffer(buffer, dtype=dt, count=count, offset=offset),
                         name="frombuffer")


def fromstring(string, dtype=float, count=-1, *, sep):
    """Parse a 1-d array from text.

    Parameters
    ----------
    string : str
        Text of numbers separated by ``sep``.
    dtype : dtype, optional
        Element type (default float64).
    count : int, optional
        Number of items to read (-1: all).
    sep : str
        The separator (whitespace around it is ignored; ``' '`` matches any
        whitespace).  Binary mode (``sep=''``) was removed from NumPy.

    Returns
    -------
    jax.Array
        The parsed values, on the default device.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fromstring('1 2', dtype=int, sep=' ')
    Array([1, 2], dtype=int32)
    """
    if not isinstance(string, (str, bytes)):
        raise TypeError(f"fromstring(): `string` must be str, got {type(string).__name__}")
    if not isinstance(sep, str) or sep == "":
        raise ValueError("fromstring(): `sep` must be a non-empty string (binary mode is "
                         "not supported; use frombuffer)")
    dt = _host_dtype("fromstring", dtype)
    count = _int("fromstring", "count", count)
    with warnings.catch_warnings():
        # numpy only warns (DeprecationWarning) on text it cannot parse: make it an error.
        warnings.simplefilter("error", DeprecationWarning)
        try:
            host = np.fromstring(string, dtype=dt, count=count, sep=sep)
        except (DeprecationWarning, ValueError) as err:
            raise ValueError(f"fromstring(): could not parse `string`: {err}") from None
    return _util.asarray(host, name="fromstring")


def fromfunction(function, shape, *, dtype=float, **kwargs):
    """Construct an array by calling a function on index grids.

    Parameters
    ----------
    function : callable
        Called once as ``function(*grids, **kwargs)``, where ``grids[i]``
        holds the index along axis ``i`` (one array per axis, each of
        ``shape``).
    shape : sequence of ints
        Shape of the grids (static).
    dtype : dtype, optional
        dtype of the index grids (default: jax's default float).
    **kwargs
        Passed to ``function``.

    Returns
    -------
    Any
        Whatever ``function`` returns (an array of ``shape`` for an
        element-wise function).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fromfunction(lambda i, j: i + j, (2, 2), dtype=int)
    Array([[0, 1],
           [1, 2]], dtype=int32)
    """
    if not callable(function):
        raise TypeError("fromfunction(): `function` must be callable")
    shp = shape_arg("fromfunction", "shape", shape)
    dt = dtypes.canonicalize_dtype(dtypes.check_user_dtype(dtype, "fromfunction"))
    grids = [lax.iota(dt, shp, i) for i in range(len(shp))]
    return function(*grids, **kwargs)


def from_dlpack(x, /, *, device=None, copy=None):
    """Create a jax array from an object supporting the DLPack protocol.

    Parameters
    ----------
    x : object
        An array of another library with ``__dlpack__`` and
        ``__dlpack_device__`` (numpy, torch, cupy, a jax array...).
    device : jax.Device or Sharding, optional
        Where to place the result.
    copy : bool, optional
        True: always copy; False: never copy (error if needed); None: copy
        only if needed.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> import numpy as np
    >>> import jaxwrap.numpy as jnp
    >>> jnp.from_dlpack(np.arange(3, dtype=np.int32))
    Array([0, 1, 2], dtype=int32)
    """
    if not hasattr(x, "__dlpack__"):
        raise TypeError(f"from_dlpack(): object of type {type(x).__name__} does not support "
                        "the DLPack protocol (no __dlpack__ method)")
    return jax.dlpack.from_dlpack(x, device=device, copy=copy)
