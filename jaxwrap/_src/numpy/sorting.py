"""Sorting, searching and counting: sort, argsort, lexsort, partition,
argpartition, sort_complex, searchsorted, nonzero, flatnonzero, argwhere,
extract.

Everything that orders values is one call of jaxwrap's multi-operand ``sort``
primitive: argsort sorts ``(a, iota)``, lexsort sorts ``(*keys, iota)`` with
several keys, partition is a full sort (a valid partition for every ``kth``).
The order is numpy's: NaNs last, -0.0 equal to 0.0, complex numbers by (real,
imag), where a complex value with a NaN part sorts after every NaN-free one
(real NaN after imaginary NaN).  The sort primitive orders complex numbers
like jax.lax.sort (NaN last within each part), so complex keys get two extra
leading bool keys, "real part is NaN" and "imaginary part is NaN"
(``sort_keys``); ``total_less`` compares elementwise in the same order.

Functions whose output size depends on the data (nonzero, flatnonzero,
argwhere, extract) take jax's ``size=`` / ``fill_value=``: with a static
``size`` they work under ``jax.jit``; without it they run eagerly only and a
traced input raises a ``ConcretizationTypeError`` asking for ``size=``.
"""

from __future__ import annotations

import operator

import jax
import numpy as np

from .. import dtypes, lax
from ._util import AxisError, asarray, canonicalize_axis, check_arraylike, public

__all__ = [
    "argpartition", "argsort", "argwhere", "extract", "flatnonzero", "lexsort", "nonzero",
    "partition", "searchsorted", "sort", "sort_complex",
]

_KINDS = (None, "quicksort", "mergesort", "heapsort", "stable")
_SIDES = ("left", "right")
_METHODS = ("scan", "scan_unrolled", "sort", "compare_all")
_TRACER_ERRORS = (jax.errors.ConcretizationTypeError, jax.errors.TracerIntegerConversionError,
                  jax.errors.TracerArrayConversionError, jax.errors.TracerBoolConversionError)


# --- argument helpers (shared with setops) ------------------------------------------------
def _arr(name, a, argname="a"):
    check_arraylike(name, a, argnames=(argname,))
    return asarray(a, name=name)


def _choice(name, argname, value, allowed):
    if not isinstance(value, (str, type(None))) or value not in allowed:
        shown = ", ".join(repr(v) for v in allowed)
        raise ValueError(f"{name}(): argument '{argname}' must be one of {shown}; got {value!r}")
    return value


def _stability(name, kind, order, stable):
    """numpy's ``kind`` / ``order`` / ``stable`` as one bool: sort stably?"""
    _choice(name, "kind", kind, _KINDS)
    if order is not None:
        raise ValueError(f"{name}(): argument 'order' is not supported: jax arrays have no "
                         "fields; sort by several keys with jaxwrap.numpy.lexsort")
    return True if stable is None else bool(stable) or kind in ("stable", "mergesort")


def _ravel(x):
    return lax.reshape(x, (x.size,)) if x.ndim != 1 else x


def _axis_or_flat(name, x, axis):
    """(array, dimension): axis None flattens, else the axis is checked (AxisError)."""
    if axis is None:
        return _ravel(x), 0
    return x, canonicalize_axis(axis, x.ndim, name)


def _index_dtype():
    return dtypes.default_int_dtype()


def _iota(dtype, shape, dim):
    return lax.iota(dtype, tuple(shape), dim)


def _int(name, argname, v):
    try:
        return operator.index(v)
    except TypeError:
        raise TypeError(f"{name}(): argument '{argname}' must be an integer, got "
                        f"{type(v).__name__}") from None


def _isnan(x):
    return lax.ne(x, x)


def sort_keys(x):
    """The key operands that sort ``x`` in numpy's order (see the module doc)."""
    if dtypes.issubdtype(x.dtype, np.complexfloating):
        return [_isnan(lax.real(x)), _isnan(lax.imag(x)), x]
    return [x]


def sort_by(keys, dim, stable, companions=()):
    """Sort ``keys`` (a list of arrays, the first one primary) along ``dim`` in
    numpy's order, carrying ``companions``; returns (sorted keys, sorted companions)."""
    ops = [k for key in keys for k in sort_keys(key)]
    out = lax.sort((*ops, *companions), dim, stable, len(ops))
    ends = np.cumsum([len(sort_keys(k)) for k in keys]) - 1
    return [out[i] for i in ends], list(out[len(ops):])


# --- sort / argsort -------------------------------------------------------------------------
@public(static=("axis", "kind", "order", "stable", "descending"))
def sort(a, axis=-1, kind=None, order=None, *, stable=True, descending=False):
    """Return a sorted copy of an array.

    Parameters
    ----------
    a : array_like
        Array to sort.
    axis : int or None, optional
        Axis to sort along (default: the last); None sorts the flattened array.
    kind : {None, 'quicksort', 'mergesort', 'heapsort', 'stable'}, optional
        Accepted for numpy compatibility; XLA picks the algorithm.  'stable'
        and 'mergesort' ask for a stable sort.
    order : None
        Not supported (jax arrays have no fields).
    stable : bool, optional
        Keep equal elements in their original order (default True).
    descending : bool, optional
        Sort from largest to smallest (the reverse of the ascending sort).

    Returns
    -------
    jax.Array
        Same dtype; the shape of ``a``, or ``(a.size,)`` for ``axis=None``.
        NaNs sort last, -0.0 and 0.0 are equal, complex numbers are ordered
        by real part, then imaginary part (those with a NaN part last).

    Notes
    -----
    Complex values with a NaN part sort after every NaN-free value, like
    numpy (jax.numpy orders them lexicographically, NaN last in each part).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.sort(jnp.array([3.0, jnp.nan, -1.0, 2.0]))
    Array([-1.,  2.,  3., nan], dtype=float32)
    """
    name = "sort"
    is_stable = _stability(name, kind, order, stable)
    x, dim = _axis_or_flat(name, _arr(name, a), axis)
    (out,), _ = sort_by([x], dim, is_stable)
    return lax.rev(out, (dim,)) if descending else out


def _argsort(x, dim, is_stable, descending, idx_dtype):
    """Indices sorting ``x`` along ``dim``: the companion of a (keys, iota) sort."""
    iota = _iota(idx_dtype, x.shape, dim)
    if descending and is_stable:
        # A stable descending order reverses the ascending order of the
        # reversed array (equal elements then keep their original order).
        rx, ri = lax.rev(x, (dim,)), lax.rev(iota, (dim,))
        return lax.rev(sort_by([rx], dim, True, (ri,))[1][0], (dim,))
    out = sort_by([x], dim, is_stable, (iota,))[1][0]
    return lax.rev(out, (dim,)) if descending else out


@public(static=("axis", "kind", "order", "stable", "descending", "dtype"))
def argsort(a, axis=-1, kind=None, order=None, *, stable=True, descending=False, dtype=None):
    """Return the indices that sort an array.

    Parameters
    ----------
    a : array_like
        Array to sort.
    axis : int or None, optional
        Axis to sort along (default: the last); None sorts the flattened array.
    kind, order :
        As for :func:`sort`.
    stable : bool, optional
        Equal elements keep their original order (default True).
    descending : bool, optional
        Indices of the descending order (stable: equal elements still in
        their original order).
    dtype : integer dtype, optional
        Dtype of the indices (default: jax's default integer).

    Returns
    -------
    jax.Array
        Integer indices, shape of ``a`` (``(a.size,)`` for ``axis=None``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.argsort(jnp.array([3, 1, 2]))
    Array([1, 2, 0], dtype=int32)
    """
    name = "argsort"
    is_stable = _stability(name, kind, order, stable)
    x, dim = _axis_or_flat(name, _arr(name, a), axis)
    idx_dtype = _index_dtype() if dtype is None else dtypes.check_user_dtype(dtype, name)
    if not dtypes.issubdtype(idx_dtype, np.integer):
        raise ValueError(f"{name}(): argument 'dtype' must be an integer dtype, got {idx_dtype}")
    return _argsort(x, dim, is_stable, descending, idx_dtype)


def _key_list(name, keys):
    if isinstance(keys, (jax.Array, np.ndarray)):
        k = _arr(name, keys, "keys")
        if k.ndim == 0:
            raise TypeError(f"{name}(): argument 'keys' must be a sequence of arrays, got a "
                            "0-d array")
        if k.ndim == 1:
            return [k]
        return [lax.reshape(lax.slice(k, (i,) + (0,) * (k.ndim - 1), (i + 1,) + k.shape[1:]),
                            k.shape[1:]) for i in range(k.shape[0])]
    if not isinstance(keys, (list, tuple)):
        raise TypeError(f"{name}(): argument 'keys' must be a sequence of arrays, got "
                        f"{type(keys).__name__}")
    return [_arr(name, k, "keys") for k in keys]


@public(static=("axis",))
def lexsort(keys, axis=-1):
    """Indirect stable sort by several keys; the last key is the primary one.

    Parameters
    ----------
    keys : sequence of array_like, or an array
        Keys of one shape (the rows of a 2-d or higher array).  Sorting is
        by ``keys[-1]``, ties broken by ``keys[-2]``, and so on.
    axis : int, optional
        Axis to sort along (default: the last).

    Returns
    -------
    jax.Array
        Indices (jax's default integer dtype) of the keys' shape.

    Notes
    -----
    Differences from NumPy: a 1-d array is taken as one key (numpy takes it
    as a sequence of 0-d keys).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.lexsort([jnp.array([1, 0, 2]), jnp.array([5, 5, 1])])
    Array([2, 1, 0], dtype=int32)
    """
    name = "lexsort"
    ks = _key_list(name, keys)
    if not ks:
        raise TypeError(f"{name}(): argument 'keys' must hold at least one key")
    if len({k.shape for k in ks}) != 1:
        raise ValueError(f"{name}(): all keys need to be the same shape, got "
                         + ", ".join(str(k.shape) for k in ks))
    shape = ks[0].shape
    if not shape:
        raise AxisError(f"{name}(): the keys are 0-d; axis {axis} is out of bounds")
    dim = canonicalize_axis(axis, len(shape), name)
    iota = _iota(_index_dtype(), shape, dim)
    return sort_by(ks[::-1], dim, True, (iota,))[1][0]


# --- partition ------------------------------------------------------------------------------
def _kths(name, kth, n):
    """``kth`` (an int or a sequence of ints) checked against the axis length ``n``."""
    values = kth if isinstance(kth, (tuple, list)) else (kth,)
    out = []
    for k in values:
        k = _int(name, "kth", k)
        if not -n <= k < n:
            raise ValueError(f"{name}(): argument 'kth' (={k}) is out of bounds for an axis "
                             f"of length {n}")
        out.append(k % n)
    return tuple(out)


def _static_kth(kth):
    return tuple(kth) if isinstance(kth, list) else kth


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """Partially sort an array: the ``kth`` element lands where a full sort puts it.

    Parameters
    ----------
    a : array_like
        Array to partition.
    kth : int or sequence of ints
        Static position(s) (negative counts from the end).  Every element
        before position ``kth`` is no larger, every element after no smaller.
    axis : int or None, optional
        Axis to partition along (default: the last); None flattens.
    kind : {'introselect'}, optional
    order : None
        Not supported.

    Returns
    -------
    jax.Array
        Same shape and dtype as ``a`` (``(a.size,)`` for ``axis=None``).

    Notes
    -----
    Differences from NumPy: ``kth`` must be static.  The result is a full
    (stable) sort, one valid partition for every ``kth``; NaNs go last like
    numpy (jax.numpy puts negative NaNs first), and complex input works.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.partition(jnp.array([3, 4, 2, 1]), 2)[2]
    Array(3, dtype=int32)
    """
    return _partition(a, _static_kth(kth), axis, kind, order)


@public(static=("kth", "axis", "kind", "order"))
def _partition(a, kth, axis, kind, order):
    name = "partition"
    x, dim = _partition_args(name, a, kth, axis, kind, order)
    return sort_by([x], dim, True)[0][0]


def _partition_args(name, a, kth, axis, kind, order):
    _choice(name, "kind", kind, ("introselect",))
    _stability(name, None, order, True)
    x, dim = _axis_or_flat(name, _arr(name, a), axis)
    _kths(name, kth, x.shape[dim])
    return x, dim


def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    """Indices that partially sort an array (see :func:`partition`).

    Parameters
    ----------
    a : array_like
        Array to partition.
    kth : int or sequence of ints
        Static position(s) (negative counts from the end).
    axis : int or None, optional
        Axis to partition along (default: the last); None flattens.
    kind : {'introselect'}, optional
    order : None
        Not supported.

    Returns
    -------
    jax.Array
        Indices (jax's default integer) with ``take_along_axis(a, idx, axis)``
        partitioned at ``kth``.

    Notes
    -----
    Differences from NumPy: ``kth`` is static; the indices are those of a
    full stable sort (NaNs last, like numpy).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.argpartition(jnp.array([3, 4, 2, 1]), 1)[:2]
    Array([3, 2], dtype=int32)
    """
    return _argpartition(a, _static_kth(kth), axis, kind, order)


@public(static=("kth", "axis", "kind", "order"))
def _argpartition(a, kth, axis, kind, order):
    x, dim = _partition_args("argpartition", a, kth, axis, kind, order)
    return _argsort(x, dim, True, False, _index_dtype())


@public
def sort_complex(a):
    """Sort a complex array along its last axis, real part first, then imaginary part.

    Parameters
    ----------
    a : array_like
        Input; real input is converted to complex.

    Returns
    -------
    jax.Array
        The sorted values, of jax's complex dtype for ``a``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.sort_complex(jnp.array([1 + 2j, 1 - 1j, 0 + 5j]))
    Array([0.+5.j, 1.-1.j, 1.+2.j], dtype=complex64)
    """
    name = "sort_complex"
    x = _arr(name, a)
    dim = canonicalize_axis(-1, x.ndim, name)
    (out,), _ = sort_by([x], dim, True)
    return lax.convert_element_type(out, dtypes.to_complex_dtype(x.dtype), False)


# --- searchsorted ---------------------------------------------------------------------------------
def _parts(x):
    """The real parts of ``x`` compared lexicographically for numpy's order (complex:
    real part is NaN, imaginary part is NaN, real part, imaginary part)."""
    if dtypes.issubdtype(x.dtype, np.complexfloating):
        re, im = lax.real(x), lax.imag(x)
        return [_isnan(re), _isnan(im), re, im]
    return [x]


def _lt_part(x, y):
    """x < y in numpy's sort order (NaN after every number, all NaNs equal)."""
    if x.dtype == np.bool_:
        return lax.and_(lax.not_(x), y)
    lt = lax.lt(x, y)
    if not dtypes.issubdtype(x.dtype, np.floating):
        return lt
    return lax.or_(lt, lax.and_(lax.ne(y, y), lax.eq(x, x)))


def _eq_part(x, y):
    eq = lax.eq(x, y)
    if not dtypes.issubdtype(x.dtype, np.floating):
        return eq
    return lax.or_(eq, lax.and_(lax.ne(x, x), lax.ne(y, y)))


def total_less(x, y, or_equal=False):
    """Elementwise ``x < y`` (``x <= y`` with ``or_equal``) in the sort order."""
    xs, ys = _parts(x), _parts(y)
    out = lax.not_(_lt_part(ys[-1], xs[-1])) if or_equal else _lt_part(xs[-1], ys[-1])
    for xp, yp in zip(xs[-2::-1], ys[-2::-1]):
        out = lax.or_(_lt_part(xp, yp), lax.and_(_eq_part(xp, yp), out))
    return out


def _gather1d(a, idx):
    """``a[idx]`` for a 1-d ``a`` and integer ``idx`` of any shape (indices clamped)."""
    dnums = lax.GatherDimensionNumbers(offset_dims=(), collapsed_slice_dims=(0,),
                                       start_index_map=(0,))
    return lax.gather(a, lax.reshape(idx, idx.shape + (1,)), dnums, (1,), mode="clip")


def _search_scan(a, v, side, dtype, unrolled):
    """Binary search, all queries at once: ceil(log2(n + 1)) halvings of [low, high]."""
    n = a.shape[0]
    udtype = np.uint32 if dtype == np.int32 else np.uint64
    # Invariant: the answer lies in [low, high]; v goes left of a[mid] when
    # v <= a[mid] (side 'left') or v < a[mid] ('right').
    def step(state, _):
        low, high = state
        total = lax.add(lax.convert_element_type(low, udtype),
                        lax.convert_element_type(high, udtype))
        mid = lax.convert_element_type(lax.shift_right_logical(total, np.array(1, udtype)), dtype)
        left = total_less(v, _gather1d(a, mid), or_equal=side == "left")
        return (lax.select_n(left, mid, low), lax.select_n(left, high, mid)), None

    levels = int(np.ceil(np.log2(n + 1)))
    state = (lax.broadcast_in_dim(np.array(0, dtype), v.shape, ()),
             lax.broadcast_in_dim(np.array(n, dtype), v.shape, ()))
    # jax.lax.scan rather than fori_loop: fori_loop's counter would bind jax's own add.
    state, _ = jax.lax.scan(step, state, None, length=levels, unroll=levels if unrolled else 1)
    return state[1]


def _search_sort(a, v, side, dtype):
    """Merge by sorting: queries and ``a`` sorted together; a query's answer is the
    number of elements of ``a`` before it.  Stability puts a query before equal
    elements of ``a`` (side 'left': queries first) or after them ('right')."""
    q = _ravel(v)
    m, n = q.shape[0], a.shape[0]
    work = np.int32 if m + n < np.iinfo(np.int32).max else np.int64
    both = lax.concatenate([q, a] if side == "left" else [a, q], 0)
    first_q = 0 if side == "left" else n
    (order,) = sort_by([both], 0, True, (_iota(work, (m + n,), 0),))[1]
    is_a = lax.convert_element_type(
        lax.or_(lax.lt(order, np.array(first_q, work)),
                lax.ge(order, np.array(first_q + m, work))), work)
    before = lax.sub(lax.cumsum(is_a, 0), is_a)          # elements of a strictly before
    _, back = lax.sort((order, before), 0, False, 1)      # back to the original order
    counts = lax.slice(back, (first_q,), (first_q + m,))
    return lax.reshape(lax.convert_element_type(counts, dtype), v.shape)


def _search_compare_all(a, v, side, dtype):
    n = a.shape[0]
    vb = lax.broadcast_in_dim(v, v.shape + (n,), tuple(range(v.ndim)))
    ab = lax.broadcast_in_dim(a, v.shape + (n,), (v.ndim,))
    below = total_less(ab, vb, or_equal=side == "right")
    return lax.reduce_sum(lax.convert_element_type(below, dtype), (v.ndim,))


@public(static=("side", "method"))
def searchsorted(a, v, side="left", sorter=None, *, method="scan"):
    """Find where elements should be inserted to keep a sorted array sorted.

    Parameters
    ----------
    a : array_like
        1-d array, sorted ascending (in numpy's order: NaNs last) unless
        ``sorter`` is given.
    v : array_like
        Values to insert; any shape.
    side : {'left', 'right'}, optional
        'left': the first suitable index (``a[i-1] < v <= a[i]``); 'right':
        the last (``a[i-1] <= v < a[i]``).
    sorter : array_like of ints, optional
        Indices that sort ``a`` (e.g. from ``argsort``).
    method : {'scan', 'scan_unrolled', 'sort', 'compare_all'}, optional
        'scan' (default): a binary search over all queries at once, in a loop
        of ceil(log2(len(a) + 1)) steps; 'scan_unrolled': the same loop
        unrolled (faster on GPU for short ``a``); 'sort': sort ``a`` and ``v``
        together (fast on TPU); 'compare_all': compare every query with every
        element (fastest for a very short ``a``; memory ``len(a) * v.size``).

    Returns
    -------
    jax.Array
        Indices of ``v``'s shape in the default integer dtype (int64 with x64
        on, where jax.numpy keeps int32; int64 also if ``len(a)`` needs it).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.searchsorted(jnp.array([1, 2, 3, 4, 5]), jnp.array([3, 0, 9]))
    Array([2, 0, 5], dtype=int32)
    """
    name = "searchsorted"
    _choice(name, "side", side, _SIDES)
    _choice(name, "method", method, _METHODS)
    check_arraylike(name, a, v, argnames=("a", "v"))
    a, v = asarray(a, name=name), asarray(v, name=name)
    if a.ndim != 1:
        raise ValueError(f"{name}(): argument 'a' must be 1-d, got shape {a.shape}")
    dt = dtypes.result_type(a, v)
    a, v = (lax.convert_element_type(x, dt, False) if x.dtype != dt else x for x in (a, v))
    if sorter is not None:
        s = _arr(name, sorter, "sorter")
        if s.shape != a.shape or not dtypes.issubdtype(s.dtype, np.integer):
            raise ValueError(f"{name}(): argument 'sorter' must be integers of the shape of "
                             f"'a' {a.shape}, got {s.dtype} of shape {s.shape}")
        a = _gather1d(a, s)
    # the default index dtype (the Array API standard's rule; jax.numpy 0.10.2 gives int32
    # even with x64 on), and int64 wherever len(a) needs it
    dtype = np.dtype(dtypes.canonicalize_dtype(np.int64))
    if a.shape[0] > np.iinfo(np.int32).max and dtype != np.int64:
        # 2**31 or more elements need int64 indices, which exist only with x64 (jax.numpy
        # fails here too, with an OverflowError that names no function).
        raise OverflowError(f"{name}(): 'a' has {a.shape[0]} elements, more than int32 "
                            "indices can address; enable jax_enable_x64 for int64 indices")
    if a.shape[0] == 0 or v.size == 0:
        return lax.broadcast_in_dim(np.array(0, dtype), v.shape, ())
    if method == "sort":
        return _search_sort(a, v, side, dtype)
    if method == "compare_all":
        return _search_compare_all(a, v, side, dtype)
    return _search_scan(a, v, side, dtype, method == "scan_unrolled")


# --- nonzero and friends --------------------------------------------------------------------------
@public
def _count_true(a):
    x = asarray(a)
    mask = x if x.dtype == np.bool_ else lax.ne(x, np.zeros((), x.dtype))
    return lax.reduce_sum(lax.convert_element_type(mask, np.int32), tuple(range(x.ndim)))


def static_size(name, a, size, count=None):
    """``size`` as an int; when None, the number of nonzero elements of ``a``, which
    must then be concrete (ConcretizationTypeError asking for ``size=`` otherwise)."""
    if size is not None:
        size = _int(name, "size", size)
        if size < 0:
            raise ValueError(f"{name}(): argument 'size' must be non-negative, got {size}")
        return size
    n = (count or _count_true)(a)
    try:
        return int(n)
    except _TRACER_ERRORS:
        raise jax.errors.ConcretizationTypeError(
            n, f"{name}() has an output shape that depends on the data: under jax.jit, "
            f"jax.vmap or other transformations pass a static size= (and optionally "
            f"fill_value=), e.g. jaxwrap.numpy.{name}(x, size=10).") from None


def _mask(x):
    return x if x.dtype == np.bool_ else lax.ne(x, np.zeros((), x.dtype))


def flat_positions(mask, size):
    """(flat indices of the first ``size`` True entries of ``mask``, how many there are).

    Each True entry's rank (an inclusive cumsum, minus one) is where its flat
    index goes; a scatter writes it there and drops everything ranked at or
    after ``size``.  Unfilled slots hold 0.
    """
    flat = _ravel(mask)
    n = flat.shape[0]
    idx_dtype = _index_dtype()
    if size == 0 or n == 0:
        zeros = lax.broadcast_in_dim(np.array(0, idx_dtype), (size,), ())
        return zeros, np.array(0, idx_dtype)
    counts = lax.cumsum(lax.convert_element_type(flat, idx_dtype), 0)
    # False entries get rank ``size``: out of bounds, dropped by the scatter.
    rank = lax.select_n(flat, lax.broadcast_in_dim(np.array(size, idx_dtype), (n,), ()),
                        lax.sub(counts, np.array(1, idx_dtype)))
    dnums = lax.ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,),
                                        scatter_dims_to_operand_dims=(0,))
    out = lax.scatter(lax.broadcast_in_dim(np.array(0, idx_dtype), (size,), ()),
                      lax.reshape(rank, (n, 1)), _iota(idx_dtype, (n,), 0), dnums,
                      mode="drop")
    total = lax.slice(counts, (n - 1,), (n,))
    return out, lax.reshape(total, ())


def _unravel(flat_idx, shape):
    """Per-axis indices of C-order flat indices: (flat // stride) % dim."""
    dt, out = flat_idx.dtype, []
    for i, d in enumerate(shape):
        stride = int(np.prod(shape[i + 1:], dtype=np.int64))
        q = flat_idx if stride == 1 else lax.div(flat_idx, np.array(stride, dt))
        out.append(q if i == 0 else lax.rem(q, np.array(d, dt)))  # flat < size: no wrap on axis 0
    return out


def _fill(name, fill_value, ndim):
    if fill_value is None:
        return None
    values = fill_value if isinstance(fill_value, tuple) else (fill_value,) * ndim
    if len(values) != ndim or any(np.ndim(v) != 0 for v in values):
        raise ValueError(f"{name}(): argument 'fill_value' must be a scalar or a tuple of "
                         f"{ndim} scalars")
    return values


def _apply_fill(values, fills, total, size):
    if fills is None:
        return values
    valid = lax.lt(_iota(_index_dtype(), (size,), 0), total)
    return tuple(lax.select_n(valid, lax.broadcast_in_dim(
        lax.convert_element_type(asarray(f), v.dtype, False), (size,), ()), v)
        for v, f in zip(values, fills))


@public(static=("size",))
def _nonzero(a, size, fill_value):
    x = asarray(a)
    fills = _fill("nonzero", fill_value, x.ndim)
    flat, total = flat_positions(_mask(x), size)
    return _apply_fill(tuple(_unravel(flat, x.shape)), fills, total, size)


def nonzero(a, *, size=None, fill_value=None):
    """Indices of the nonzero elements, one index array per dimension.

    Parameters
    ----------
    a : array_like
        Input, at least 1-d.
    size : int, optional
        Static length of the outputs: the first ``size`` nonzero positions,
        padded with ``fill_value`` when there are fewer.  Needed under
        ``jax.jit`` (the count depends on the data).
    fill_value : scalar or tuple of scalars, optional
        Padding (one per dimension with a tuple); default 0.

    Returns
    -------
    tuple of jax.Array
        ``a.ndim`` arrays of jax's default integer dtype.

    Raises
    ------
    ValueError
        For a 0-d input (as numpy 2).
    jax.errors.ConcretizationTypeError
        When traced without ``size``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nonzero(jnp.array([0, 3, 0, 5]), size=3, fill_value=-1)
    (Array([ 1,  3, -1], dtype=int32),)
    """
    name = "nonzero"
    x = _arr(name, a)
    if x.ndim == 0:
        raise ValueError(f"{name}(): calling nonzero on a 0-d array is not allowed; use "
                         "nonzero(atleast_1d(a))")
    return _nonzero(x, static_size(name, x, size), fill_value)


def flatnonzero(a, *, size=None, fill_value=None):
    """Indices of the nonzero elements of the flattened array.

    Parameters
    ----------
    a : array_like
        Input.
    size, fill_value :
        As for :func:`nonzero` (``size`` is needed under ``jax.jit``).

    Returns
    -------
    jax.Array
        1-d indices (jax's default integer dtype).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.flatnonzero(jnp.array([[0, 1], [2, 0]]))
    Array([1, 2], dtype=int32)
    """
    name = "flatnonzero"
    x = _ravel(_arr(name, a))
    return _nonzero(x, static_size(name, x, size), fill_value)[0]


def argwhere(a, *, size=None, fill_value=None):
    """Indices of the nonzero elements, one row per element.

    Parameters
    ----------
    a : array_like
        Input.
    size, fill_value :
        As for :func:`nonzero` (``size`` is needed under ``jax.jit``).

    Returns
    -------
    jax.Array
        Shape ``(N, a.ndim)`` with ``N`` the number of nonzero elements (or
        ``size``); jax's default integer dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.argwhere(jnp.array([[0, 1], [2, 0]]))
    Array([[0, 1],
           [1, 0]], dtype=int32)
    """
    name = "argwhere"
    x = _arr(name, a)
    size = static_size(name, x, size)
    return _argwhere(x, size, fill_value)


@public(static=("size",))
def _argwhere(x, size, fill_value):
    x = asarray(x)
    if x.ndim == 0:
        x1 = lax.reshape(x, (1,))
        _nonzero(x1, size, fill_value)
        return lax.broadcast_in_dim(np.array(0, _index_dtype()), (size, 0), ())
    cols = _nonzero(x, size, fill_value)
    parts = [lax.reshape(c, (size, 1)) for c in cols]
    return lax.concatenate(parts, 1) if len(parts) > 1 else parts[0]


def extract(condition, arr, *, size=None, fill_value=0):
    """The elements of ``arr`` (flattened) where ``condition`` (flattened) is nonzero.

    Parameters
    ----------
    condition : array_like
        Selects the elements; flattened, at most ``arr.size`` long.
    arr : array_like
        Values; flattened.
    size : int, optional
        Static output length (needed under ``jax.jit``): the first ``size``
        selected values, padded with ``fill_value``.
    fill_value : scalar, optional
        Padding value (default 0).

    Returns
    -------
    jax.Array
        1-d, of ``arr``'s dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.extract(jnp.array([1, 0, 1]), jnp.array([4.0, 5.0, 6.0]))
    Array([4., 6.], dtype=float32)
    """
    name = "extract"
    c = _ravel(_arr(name, condition, "condition"))
    x = _ravel(_arr(name, arr, "arr"))
    if c.shape[0] > x.shape[0]:
        raise IndexError(f"{name}(): argument 'condition' has {c.shape[0]} elements, more than "
                         f"'arr' ({x.shape[0]})")
    return _extract(c, x, static_size(name, c, size), fill_value)


@public(static=("size",))
def _extract(c, x, size, fill_value):
    flat, total = flat_positions(_mask(c), size)
    if x.shape[0] == 0:
        vals = lax.broadcast_in_dim(np.zeros((), x.dtype), (size,), ())
    else:
        vals = _gather1d(x, flat)
    return _apply_fill((vals,), (fill_value,), total, size)[0]
