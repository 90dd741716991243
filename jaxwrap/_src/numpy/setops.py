"""Set operations: unique (and the Array API's unique_all / unique_counts /
unique_inverse / unique_values), isin, intersect1d, union1d, setdiff1d,
setxor1d.

One core, ``_groups``: a stable multi-operand sort of the values with their
positions, and a mask marking the first element of every run of equal values.
Everything else is compaction of that mask (``flat_positions``: a cumsum and a
scatter) and gathers; membership tests are a binary search in a sorted copy.

Output sizes depend on the data: every function takes jax's static ``size=``
(and ``fill_value=``) and then works under ``jax.jit``; without ``size`` it
runs eagerly only, and a traced input raises a ``ConcretizationTypeError``
asking for ``size=``.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import numpy as np

from .. import dtypes, lax
from ._util import (
    asarray,
    broadcast_shapes,
    broadcast_to,
    canonicalize_axis,
    check_arraylike,
    promote_dtypes,
    public,
)
from .sorting import (
    _arr,
    _choice,
    _gather1d,
    _index_dtype,
    _iota,
    _ravel,
    _search_scan,
    _search_sort,
    flat_positions,
    sort_by,
    static_size,
)

__all__ = [
    "intersect1d", "isin", "setdiff1d", "setxor1d", "union1d", "unique", "unique_all",
    "unique_counts", "unique_inverse", "unique_values",
]


class UniqueAllResult(NamedTuple):
    values: jax.Array
    indices: jax.Array
    inverse_indices: jax.Array
    counts: jax.Array


class UniqueCountsResult(NamedTuple):
    values: jax.Array
    counts: jax.Array


class UniqueInverseResult(NamedTuple):
    values: jax.Array
    inverse_indices: jax.Array


# --- the core -------------------------------------------------------------------------------
def _isnan(x):
    if dtypes.issubdtype(x.dtype, np.complexfloating):
        return lax.or_(lax.ne(lax.real(x), lax.real(x)), lax.ne(lax.imag(x), lax.imag(x)))
    return lax.ne(x, x)


def _same(x, y, equal_nan):
    """Elementwise "x and y are one value" (NaNs one value when ``equal_nan``)."""
    eq = lax.eq(x, y)
    if equal_nan and dtypes.issubdtype(x.dtype, np.inexact):
        eq = lax.or_(eq, lax.and_(_isnan(x), _isnan(y)))
    return eq


def _shift_pair(v):
    n = v.shape[0]
    return lax.slice(v, (1,), (n,)), lax.slice(v, (0,), (n - 1,))


def _first_of_runs(cols, equal_nan):
    """Mask of the sorted rows (given as columns) that differ from the row before."""
    n = cols[0].shape[0]
    same = None
    for c in cols:
        s = _same(*_shift_pair(c), equal_nan)
        same = s if same is None else lax.and_(same, s)
    head = np.ones((1,), np.bool_)
    return lax.concatenate([head, lax.not_(same)], 0) if n > 1 else \
        lax.broadcast_in_dim(np.array(True), (n,), ())


def _columns(x2):
    n, k = x2.shape
    return [lax.reshape(lax.slice(x2, (0, j), (n, j + 1)), (n,)) for j in range(k)]


def _groups(x2, equal_nan):
    """Sort the rows of ``x2`` (n, k) lexicographically (stable).

    Returns (perm, first): ``perm`` the sorting permutation, ``first`` the
    mask of sorted rows starting a run of equal rows.  (For k == 1 the sorted
    column comes back too, as a third element.)
    """
    n, k = x2.shape
    iota = _iota(_index_dtype(), (n,), 0)
    if k == 0:  # rows of no elements are all equal
        first = lax.eq(iota, np.array(0, iota.dtype))
        return iota, first, ()
    cols = _columns(x2) if k != 1 else [lax.reshape(x2, (n,))]
    cols, (perm,) = sort_by(cols, 0, True, (iota,))
    return perm, _first_of_runs(cols, equal_nan), cols


def _take_rows(x2, idx):
    """Rows ``idx`` of the 2-d ``x2`` (indices clamped)."""
    n, k = x2.shape
    dnums = lax.GatherDimensionNumbers(offset_dims=(1,), collapsed_slice_dims=(0,),
                                       start_index_map=(0,))
    return lax.gather(x2, lax.reshape(idx, idx.shape + (1,)), dnums, (1, k), mode="clip")


def _as_rows(x, axis):
    """(x as (n, k) rows along ``axis``, the shape of one row, in moved order)."""
    if axis is None:
        x = _ravel(x)
        return lax.reshape(x, (x.shape[0], 1)), ()
    if axis != 0:
        perm = (axis,) + tuple(i for i in range(x.ndim) if i != axis)
        x = lax.transpose(x, perm)
    rest = x.shape[1:]
    return lax.reshape(x, (x.shape[0], int(np.prod(rest, dtype=np.int64)))), rest


def _from_rows(rows, rest, axis, ndim):
    out = lax.reshape(rows, (rows.shape[0],) + tuple(rest))
    if axis is None or axis == 0:
        return out
    perm = list(range(1, ndim))
    perm.insert(axis, 0)
    return lax.transpose(out, tuple(perm))


def _valid(size, total):
    return lax.lt(_iota(_index_dtype(), (size,), 0), total)


def _fill_rows(values, fill_value, valid, rest=()):
    """Replace the rows of ``values`` where ``valid`` is False by ``fill_value``.

    ``values`` is (size,) or (size, k) with rows of shape ``rest`` (k elements); an
    array ``fill_value`` broadcasts against one row, as in jax (``unique(axis=)``)."""
    if fill_value is None:
        return values
    f = lax.convert_element_type(asarray(fill_value), values.dtype, False)
    if f.ndim == 0:
        f = lax.broadcast_in_dim(f, values.shape, ())
    else:
        row = broadcast_to(f, broadcast_shapes("unique", f.shape, tuple(rest)))
        if row.shape != tuple(rest):
            raise ValueError(f"unique(): fill_value of shape {f.shape} does not broadcast "
                             f"to the shape {tuple(rest)} of one unique slice")
        f = lax.broadcast_in_dim(lax.reshape(row, values.shape[1:]), values.shape, (1,))
    v = lax.broadcast_in_dim(valid, values.shape, (0,))
    return lax.select_n(v, f, values)


@public(static=("axis", "equal_nan"))
def _count_unique(x, axis, equal_nan):
    x2, _ = _as_rows(asarray(x), axis)
    if x2.shape[0] == 0:
        return np.array(0, np.int32)
    _, first, _ = _groups(x2, equal_nan)
    return lax.reduce_sum(lax.convert_element_type(first, np.int32), (0,))


@public(static=("axis", "return_index", "return_inverse", "return_counts", "equal_nan", "size"))
def _unique(x, axis, return_index, return_inverse, return_counts, equal_nan, size, fill_value):
    x = asarray(x)
    x2, rest = _as_rows(x, axis)
    n, idx_dtype = x2.shape[0], _index_dtype()
    inv_shape = x.shape if axis is None else (n,)

    def zeros(shape):
        return lax.broadcast_in_dim(np.array(0, idx_dtype), tuple(shape), ())

    if n == 0:
        values = lax.broadcast_in_dim(np.zeros((), x.dtype), (size,) + x2.shape[1:], ())
        values = _fill_rows(values, fill_value, _valid(size, np.array(0, idx_dtype)), rest)
        extras = [zeros((size,)), zeros(inv_shape), zeros((size,))]
    else:
        perm, first, _ = _groups(x2, equal_nan)
        starts, total = flat_positions(first, size + 1)
        idx = lax.slice(starts, (0,), (size,))
        index = _gather1d(perm, idx)                    # first occurrence of each value
        values = _fill_rows(_take_rows(x2, index), fill_value, _valid(size, total), rest)
        extras = [index]
        if return_inverse:
            # The rank of a sorted element's run goes back to its original position.
            rank = lax.sub(lax.cumsum(lax.convert_element_type(first, idx_dtype), 0),
                           np.array(1, idx_dtype))
            dnums = lax.ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,),
                                                scatter_dims_to_operand_dims=(0,))
            inv = lax.scatter(zeros((n,)), lax.reshape(perm, (n, 1)), rank, dnums,
                              unique_indices=True, mode="promise_in_bounds")
            extras.append(lax.reshape(inv, inv_shape))
        else:
            extras.append(None)
        if return_counts:
            # Runs start at ``starts``; the slots past the last run start at n.
            bounds = lax.select_n(_valid(size + 1, total),
                                  lax.broadcast_in_dim(np.array(n, idx_dtype), (size + 1,), ()),
                                  starts)
            hi, lo = _shift_pair(bounds)
            extras.append(lax.sub(hi, lo))
        else:
            extras.append(None)
    values = _from_rows(values, rest, axis, x.ndim)
    flags = (return_index, return_inverse, return_counts)
    return (values,) + tuple(e for e, f in zip(extras, flags) if f)


def _sized(name, count, size):
    """The static ``size`` (checked), or the concrete count (error asking for size=)."""
    return static_size(name, None, size, count=lambda _: count())


def _unique_axis(name, x, axis):
    return None if axis is None else canonicalize_axis(axis, x.ndim, name)


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *,
           equal_nan=True, size=None, fill_value=None, sorted=True):
    """The sorted unique elements of an array.

    Parameters
    ----------
    ar : array_like
        Input; flattened unless ``axis`` is given.
    return_index : bool, optional
        Also return the index of each unique value's first occurrence.
    return_inverse : bool, optional
        Also return the indices that rebuild ``ar`` from the unique values
        (shape of ``ar`` for ``axis=None``, else ``(ar.shape[axis],)``).
    return_counts : bool, optional
        Also return how often each unique value occurs.
    axis : int, optional
        Find unique sub-arrays along this axis (ordered lexicographically).
    equal_nan : bool, optional
        Collapse all NaNs into one (default True).
    size : int, optional
        Static number of unique values to return (needed under ``jax.jit``):
        the smallest ``size`` ones, padded when there are fewer.
    fill_value : array_like, optional
        Padding for ``values`` (default: the smallest unique value); with
        ``axis``, an array broadcasting to one unique slice; the
        padded indices are those of the smallest value, padded counts 0.
    sorted : bool, optional
        Accepted for numpy compatibility; the result is always sorted.

    Returns
    -------
    jax.Array or tuple of jax.Array
        ``values`` and the requested extras, in numpy's order; indices and
        counts of jax's default integer dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.unique(jnp.array([3, 1, 3, 2]), size=4, fill_value=0)
    Array([1, 2, 3, 0], dtype=int32)
    """
    name = "unique"
    x = _arr(name, ar, "ar")
    ax = _unique_axis(name, x, axis)
    if ax is not None and x.ndim == 0:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for a 0-d array")
    flags = tuple(bool(f) for f in (return_index, return_inverse, return_counts))
    n = x.size if ax is None else x.shape[ax]
    size = _sized(name, lambda: _count_unique(x, ax, bool(equal_nan)), size)
    if n == 0 and size and fill_value is None:
        raise ValueError(f"{name}(): an empty input with size={size} needs a fill_value")
    out = _unique(x, ax, *flags, bool(equal_nan), size, fill_value)
    return out[0] if len(out) == 1 else out


def unique_all(x, /, *, size=None, fill_value=None):
    """Unique values with first indices, inverse indices and counts (Array API).

    Parameters
    ----------
    x : array_like
        Input (flattened).
    size, fill_value :
        As for :func:`unique`.

    Returns
    -------
    UniqueAllResult
        ``(values, indices, inverse_indices, counts)``; NaNs are all distinct
        (``equal_nan=False``), as the Array API asks.
    """
    out = unique(x, True, True, True, equal_nan=False, size=size, fill_value=fill_value)
    return UniqueAllResult(*out)


def unique_counts(x, /, *, size=None, fill_value=None):
    """Unique values and their counts (Array API); see :func:`unique_all`."""
    out = unique(x, return_counts=True, equal_nan=False, size=size, fill_value=fill_value)
    return UniqueCountsResult(*out)


def unique_inverse(x, /, *, size=None, fill_value=None):
    """Unique values and the inverse indices, of ``x``'s shape (Array API)."""
    out = unique(x, return_inverse=True, equal_nan=False, size=size, fill_value=fill_value)
    return UniqueInverseResult(*out)


def unique_values(x, /, *, size=None, fill_value=None):
    """The unique values of ``x`` (Array API; NaNs distinct)."""
    return unique(x, equal_nan=False, size=size, fill_value=fill_value)


# --- membership ----------------------------------------------------------------------------------
def _member(sorted_b, x, method="scan"):
    """Elementwise: is ``x`` equal to an element of the sorted 1-d ``sorted_b``
    (IEEE equality: NaN is never a member)?"""
    if method == "sort":
        pos = _search_sort(sorted_b, x, "left", np.dtype(np.int32))
    else:
        pos = _search_scan(sorted_b, x, "left", np.dtype(np.int32), False)
    return lax.eq(_gather1d(sorted_b, pos), x)


_ISIN_METHODS = ("auto", "compare_all", "binary_search", "sort")


@public(static=("assume_unique", "invert", "method"))
def _isin(element, test_elements, assume_unique, invert, method):
    e, t = promote_dtypes(asarray(element), asarray(test_elements))
    tf = _ravel(t)
    m = tf.shape[0]
    if e.size == 0 or m == 0:
        return lax.broadcast_in_dim(np.array(bool(invert)), e.shape, ())
    if method == "auto":
        method = "compare_all" if m <= 64 or e.size * m <= 1 << 16 else "binary_search"
    if method == "compare_all":
        shape = e.shape + (m,)
        eq = lax.eq(lax.broadcast_in_dim(e, shape, tuple(range(e.ndim))),
                    lax.broadcast_in_dim(tf, shape, (e.ndim,)))
        found = lax.reduce_or(eq, (e.ndim,))
    else:
        (ts,), _ = sort_by([tf], 0, False)
        found = _member(ts, e, "sort" if method == "sort" else "scan")
    return lax.not_(found) if invert else found


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None,
         method="auto"):
    """Elementwise test: is each element of ``element`` in ``test_elements``?

    Parameters
    ----------
    element : array_like
        Values to test; the result has its shape.
    test_elements : array_like
        Values to test against (flattened).
    assume_unique : bool, optional
        Accepted for numpy compatibility (no effect on the result).
    invert : bool, optional
        Return "not in" instead.
    kind : {None, 'sort', 'table'}, optional
        numpy's algorithm choice; 'sort' selects ``method='sort'``.
    method : {'auto', 'compare_all', 'binary_search', 'sort'}, optional
        'compare_all': compare every pair (small inputs); 'binary_search':
        sort ``test_elements`` and search it; 'sort': sort both together;
        'auto' (default): 'compare_all' for small inputs, else
        'binary_search'.

    Returns
    -------
    jax.Array
        bool, of ``element``'s shape.  NaN is never in anything (``==``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.isin(jnp.array([1, 2, 3]), jnp.array([3, 1]))
    Array([ True, False,  True], dtype=bool)
    """
    name = "isin"
    check_arraylike(name, element, test_elements, argnames=("element", "test_elements"))
    _choice(name, "kind", kind, (None, "sort", "table"))
    _choice(name, "method", method, _ISIN_METHODS)
    if kind == "sort" and method == "auto":
        method = "sort"
    return _isin(element, test_elements, bool(assume_unique), bool(invert), method)


# --- two-set operations --------------------------------------------------------------------------
def _pair(name, ar1, ar2):
    check_arraylike(name, ar1, ar2, argnames=("ar1", "ar2"))
    a, b = promote_dtypes(asarray(ar1, name=name), asarray(ar2, name=name))
    return _ravel(a), _ravel(b)


def _unique_sorted(a):
    """(sorted a, first-of-run mask, sorting permutation) for a non-empty 1-d ``a``.

    NaNs form one run, as in numpy's set operations (``unique``'s default)."""
    perm, first, (s,) = _groups(lax.reshape(a, (a.shape[0], 1)), True)
    return s, first, perm


def _compact(sorted_vals, keep, size, fill_value):
    """The first ``size`` entries of ``sorted_vals`` where ``keep``, padded with
    ``fill_value`` (default: the first kept value); also their positions."""
    pos, total = flat_positions(keep, size)
    vals = _gather1d(sorted_vals, pos)
    valid = _valid(size, total)
    if fill_value is None:
        first = lax.broadcast_in_dim(lax.slice(vals, (0,), (1,)), (size,), (0,)) if size else vals
        return lax.select_n(valid, first, vals), pos, valid
    return _fill_rows(vals, fill_value, valid), pos, valid


def _empty_result(dtype, size, fill_value):
    f = np.zeros((), dtype) if fill_value is None else \
        lax.convert_element_type(asarray(fill_value), dtype, False)
    return lax.broadcast_in_dim(f, (size,), ())


def _set_masks(op, a, b):
    """(sorted candidates, keep mask) for a set operation of non-empty 1-d a, b."""
    sa, fa, _ = _unique_sorted(a)
    if op == "union":
        sc, fc, _ = _unique_sorted(lax.concatenate([a, b], 0))
        return sc, fc
    sb, fb, _ = _unique_sorted(b)
    in_b = _member(sb, sa)
    if op == "diff":
        return sa, lax.and_(fa, lax.not_(in_b))
    # xor: the unique values of each side missing from the other, merged in order
    in_a = _member(sa, sb)
    keep_a, keep_b = lax.and_(fa, lax.not_(in_b)), lax.and_(fb, lax.not_(in_a))
    (vals,), (keep,) = sort_by([lax.concatenate([sa, sb], 0)], 0, True,
                               (lax.concatenate([keep_a, keep_b], 0),))
    return vals, keep


@public(static=("op",))
def _set_count(a, b, op):
    _, keep = _set_masks(op, a, b)
    return lax.reduce_sum(lax.convert_element_type(keep, np.int32), (0,))


@public(static=("op", "size"))
def _set_op(a, b, op, size, fill_value):
    vals, keep = _set_masks(op, a, b)
    return _compact(vals, keep, size, fill_value)[0]


def _set_operation(name, op, ar1, ar2, size, fill_value):
    a, b = _pair(name, ar1, ar2)
    if op == "union":
        both = lax.concatenate([a, b], 0)
        if both.shape[0] == 0:
            return _empty_result(both.dtype, _sized(name, lambda: 0, size), fill_value)
        return unique(both, size=size, fill_value=fill_value)
    if a.shape[0] == 0:
        return _empty_result(a.dtype, _sized(name, lambda: 0, size), fill_value)
    if b.shape[0] == 0:  # nothing to remove: the unique values of the non-empty side
        return unique(a, size=size, fill_value=fill_value)
    size = _sized(name, lambda: _set_count(a, b, op), size)
    return _set_op(a, b, op, size, fill_value)


def union1d(ar1, ar2, *, size=None, fill_value=None):
    """The sorted unique values in either array.

    Parameters
    ----------
    ar1, ar2 : array_like
        Inputs (flattened).
    size, fill_value :
        Static output length and padding (default: the smallest value), as
        for :func:`unique`.

    Returns
    -------
    jax.Array
        1-d, of the promoted dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.union1d(jnp.array([3, 1]), jnp.array([2, 1]))
    Array([1, 2, 3], dtype=int32)
    """
    return _set_operation("union1d", "union", ar1, ar2, size, fill_value)


def setdiff1d(ar1, ar2, assume_unique=False, *, size=None, fill_value=None):
    """The sorted unique values of ``ar1`` that are not in ``ar2``.

    Parameters
    ----------
    ar1, ar2 : array_like
        Inputs (flattened).
    assume_unique : bool, optional
        Accepted for numpy compatibility (the result is the same).
    size, fill_value :
        Static output length and padding (default: the smallest value).

    Returns
    -------
    jax.Array
        1-d, of ``ar1``'s dtype (as numpy and jax).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.setdiff1d(jnp.array([5, 1, 3]), jnp.array([3]))
    Array([1, 5], dtype=int32)
    """
    name = "setdiff1d"
    check_arraylike(name, ar1, ar2, argnames=("ar1", "ar2"))
    dt = asarray(ar1, name=name).dtype
    out = _set_operation(name, "diff", ar1, ar2, size, fill_value)
    # the values all come from ar1, so going back to its dtype is exact
    return out if out.dtype == dt else lax.convert_element_type(out, dt, False)


def setxor1d(ar1, ar2, assume_unique=False, *, size=None, fill_value=None):
    """The sorted unique values in exactly one of the arrays.

    Parameters
    ----------
    ar1, ar2 : array_like
        Inputs (flattened).
    assume_unique : bool, optional
        Accepted for numpy compatibility (the result is the same).
    size, fill_value :
        Static output length and padding (default: the smallest value).

    Returns
    -------
    jax.Array
        1-d, of the promoted dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.setxor1d(jnp.array([1, 2, 3]), jnp.array([3, 4]))
    Array([1, 2, 4], dtype=int32)
    """
    name = "setxor1d"
    a, b = _pair(name, ar1, ar2)
    if a.shape[0] == 0 or b.shape[0] == 0:
        both = lax.concatenate([a, b], 0)
        if both.shape[0] == 0:
            return _empty_result(both.dtype, _sized(name, lambda: 0, size), fill_value)
        return unique(both, size=size, fill_value=fill_value)
    return _set_operation(name, "xor", a, b, size, fill_value)


@public(static=("size",))
def _intersect(a, b, size, fill_value):
    sa, fa, pa = _unique_sorted(a)
    sb, _, pb = _unique_sorted(b)
    pos_b = _search_scan(sb, sa, "left", np.dtype(np.int32), False)
    keep = lax.and_(fa, lax.eq(_gather1d(sb, pos_b), sa))
    vals, pos, valid = _compact(sa, keep, size, fill_value)
    # first occurrences: stable sorts put the earliest equal element first; the padded
    # slots hold ar1.size / ar2.size (one past the end), as in jax
    i1 = _gather1d(pa, pos)
    i2 = _gather1d(pb, _gather1d(pos_b, pos))
    return vals, _pad_index(i1, valid, a.shape[0]), _pad_index(i2, valid, b.shape[0])


def _pad_index(idx, valid, n):
    return lax.select_n(valid, lax.broadcast_in_dim(np.array(n, idx.dtype), idx.shape, ()), idx)


@public
def _intersect_count(a, b):
    sa, fa, _ = _unique_sorted(a)
    sb, _, _ = _unique_sorted(b)
    keep = lax.and_(fa, _member(sb, sa))
    return lax.reduce_sum(lax.convert_element_type(keep, np.int32), (0,))


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False, *, size=None,
                fill_value=None):
    """The sorted unique values present in both arrays.

    Parameters
    ----------
    ar1, ar2 : array_like
        Inputs (flattened).
    assume_unique : bool, optional
        Accepted for numpy compatibility (the result is the same).
    return_indices : bool, optional
        Also return the indices of the first occurrences in ``ar1`` and ``ar2``.
    size, fill_value :
        Static output length and padding (default: the smallest common value).

    Returns
    -------
    jax.Array, or (values, indices1, indices2)
        With ``size``, padded indices are ``ar1.size`` and ``ar2.size`` (as jax).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.intersect1d(jnp.array([5, 1, 3, 3]), jnp.array([3, 9, 5]))
    Array([3, 5], dtype=int32)
    """
    name = "intersect1d"
    a, b = _pair(name, ar1, ar2)
    if a.shape[0] == 0 or b.shape[0] == 0:
        size = _sized(name, lambda: 0, size)
        vals = _empty_result(a.dtype, size, fill_value)
        if not return_indices:
            return vals
        i1, i2 = (lax.broadcast_in_dim(np.array(v.shape[0], _index_dtype()), (size,), ())
                  for v in (a, b))
        return vals, i1, i2
    size = _sized(name, lambda: _intersect_count(a, b), size)
    out = _intersect(a, b, size, fill_value)
    return out if return_indices else out[0]

