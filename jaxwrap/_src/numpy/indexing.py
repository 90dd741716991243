"""jaxwrap.numpy: indexing.

numpy's indexing (``getitem``, the functional ``at(x)[idx].set(...)`` updates)
and the indexing family: take, take_along_axis, put, put_along_axis, choose,
compress, select, piecewise, place, fill_diagonal, indices, ix_,
unravel_index, ravel_multi_index, the diagonal / triangle index helpers, and
the index objects r_, c_, mgrid, ogrid, s_, index_exp.

How an index is lowered (the cheapest primitive that does the job, like jax):

* no integer or boolean arrays: ``slice`` (+ ``rev`` for negative steps),
  ``dynamic_slice`` for traced scalar integers, ``squeeze`` / ``expand_dims``;
* otherwise one ``gather``; updates are always one ``scatter`` of the same
  shape.  The index "plan" below turns an index into gather / scatter
  dimension numbers: a unit-step slice becomes a window (its start an index
  component), a strided slice an iota index on its own output axis, integers
  and integer arrays collapsed axes indexed by their (broadcast) values.

Semantics are jax.numpy's: arrays are immutable (``at`` returns new arrays),
out-of-bounds reads clamp by default (``mode='fill'`` fills), out-of-bounds
updates are dropped, boolean masks need concrete values (their result shape
depends on the data), a top-level list index is an error (use a tuple or an
array).

``getitem(a, key)`` is not a numpy name (so not in ``__all__``): it is how
code inside jaxwrap writes ``a[key]`` without binding jax's own primitives.
"""

from __future__ import annotations

import builtins
import math
import operator
import warnings
from collections.abc import Callable

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

__all__ = [
    "at",
    "c_",
    "choose",
    "compress",
    "diag_indices",
    "diag_indices_from",
    "fill_diagonal",
    "index_exp",
    "indices",
    "ix_",
    "mask_indices",
    "mgrid",
    "ogrid",
    "piecewise",
    "place",
    "put",
    "put_along_axis",
    "r_",
    "ravel_multi_index",
    "s_",
    "select",
    "take",
    "take_along_axis",
    "tril_indices",
    "tril_indices_from",
    "triu_indices",
    "triu_indices_from",
    "unravel_index",
]

Mode = lax.GatherScatterMode


# --- small helpers ------------------------------------------------------------------------------
def _is_tracer(x) -> bool:
    return isinstance(x, jax.core.Tracer)


def _is_int_scalar(x) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))


def _is_bool_scalar(x) -> bool:
    return isinstance(x, (bool, np.bool_))


def _index_dtype(*arrays) -> np.dtype:
    """int32, or int64 when an index array is 64-bit (only possible under x64)."""
    wide = any(np.dtype(a.dtype).itemsize == 8 for a in arrays)
    return np.dtype(np.int64 if wide and dtypes.x64_enabled() else np.int32)


def _normalize(i, n: int):
    """Negative indices count from the end (``i + n`` where ``i < 0``)."""
    if np.dtype(i.dtype).kind == "u":
        return i
    if isinstance(i, np.ndarray):
        return np.where(i < 0, i + n, i).astype(i.dtype)
    return lax.select_n(lax.lt(i, np.array(0, i.dtype)), i, lax.add(i, np.array(n, i.dtype)))


_ARRAYS = (jax.Array, np.ndarray)


def _check_arrays(name: str, argnames, *args) -> None:
    """check_arraylike, with a fast path for arrays (eager dispatch speed)."""
    for a in args:
        if not isinstance(a, _ARRAYS):
            check_arraylike(name, *args, argnames=argnames)
            return


def _inplace_check(name: str, inplace: bool) -> None:
    if inplace:
        raise ValueError(f"{name}(): jax arrays are immutable, so {name} cannot work in place; "
                         "pass inplace=False to get the updated array as the return value")


def _fill(shape, value, dtype):
    return lax.broadcast_in_dim(np.array(value, dtype), tuple(shape), ())


# --- parsing an index ----------------------------------------------------------------------------
# A parsed index is a static ``spec`` (a tuple of hashable entries, one per
# index element after the ellipsis is expanded) plus the list of index arrays:
#   ("none",)                 np.newaxis
#   ("slice", lo, hi, step)   normalised with slice.indices (static ints)
#   ("int", i)                a static integer (not normalised yet)
#   ("arr", k[, "mask"])      index array number k (integer dtype, any rank;
#                             "mask": the positions of a boolean mask, unique)
#   ("bool", b)               a scalar boolean: a new axis of length 1 or 0
_INDEX_ERROR = ("only integers, slices (`:`), ellipsis (`...`), None (`np.newaxis`) and "
                "integer or boolean arrays are valid indices")


def _parse(shape: tuple[int, ...], key, name: str = "getitem"):
    if isinstance(key, list):
        raise TypeError(f"{name}(): using a non-tuple sequence for multidimensional indexing is "
                        "not allowed (as in jax.numpy); use a tuple, or an array for an index "
                        "array")
    key = key if isinstance(key, tuple) else (key,)
    items, arrays = [], []
    for k in key:
        if k is None or k is Ellipsis or isinstance(k, builtins.slice) or _is_int_scalar(k) \
                or _is_bool_scalar(k):
            items.append(k)
            continue
        if isinstance(k, (list, tuple)):
            k = np.asarray(k) if not any(_is_tracer(v) for v in k) else asarray(k)
            if isinstance(k, np.ndarray) and k.dtype == object:
                raise IndexError(f"{name}(): {_INDEX_ERROR}")
            if isinstance(k, np.ndarray) and k.size == 0:
                k = k.astype(np.int32)
        if not hasattr(k, "dtype") or not hasattr(k, "shape"):
            raise IndexError(f"{name}(): {_INDEX_ERROR}; got {type(k).__name__}")
        dt = np.dtype(k.dtype)
        if dt == np.bool_:
            if np.ndim(k) == 0 and not _is_tracer(k):
                items.append(bool(k))
                continue
            if _is_tracer(k):
                raise IndexError(
                    f"{name}(): a boolean index must have concrete values (the result shape "
                    "depends on them); under jit use jaxwrap.numpy.where(mask, x, ...) or "
                    "nonzero(mask, size=...) with a static size")
            items.append(("mask", np.asarray(k)))
            continue
        if dt.kind not in "iu":
            raise IndexError(f"{name}(): {_INDEX_ERROR}; got an array of dtype {dt.name}")
        items.append(("array", k))
    n_ell = sum(1 for k in items if k is Ellipsis)
    if n_ell > 1:
        raise IndexError(f"{name}(): an index can only have a single ellipsis ('...')")

    def consumed(k):
        if k is None or k is Ellipsis or _is_bool_scalar(k):
            return 0
        if isinstance(k, tuple) and k[0] == "mask":
            return k[1].ndim
        return 1

    used = sum(consumed(k) for k in items)
    if used > len(shape):
        raise IndexError(f"{name}(): too many indices for array: array is {len(shape)}-"
                         f"dimensional, but {used} were indexed")
    spec, d = [], 0
    for k in items:
        if k is Ellipsis:
            for _ in range(len(shape) - used):
                spec.append(("slice", 0, shape[d], 1))
                d += 1
        elif k is None:
            spec.append(("none",))
        elif _is_bool_scalar(k):
            spec.append(("bool", bool(k)))
        elif isinstance(k, builtins.slice):
            for part in (k.start, k.stop, k.step):
                if part is not None and not _is_int_scalar(part):
                    raise IndexError(f"{name}(): slice bounds must be static integers or None, "
                                     f"got {type(part).__name__}")
            if k.step == 0:
                raise ValueError(f"{name}(): slice step cannot be zero")
            spec.append(("slice",) + k.indices(shape[d]))
            d += 1
        elif _is_int_scalar(k):
            spec.append(("int", int(k)))
            d += 1
        elif k[0] == "mask":
            mask = k[1]
            if mask.shape != tuple(shape[d:d + mask.ndim]):
                raise IndexError(f"{name}(): boolean index of shape {mask.shape} does not match "
                                 f"the indexed axes {tuple(shape[d:d + mask.ndim])}")
            for nz in np.nonzero(mask):
                spec.append(("arr", len(arrays), "mask"))
                arrays.append(nz.astype(np.int32))
                d += 1
        else:
            spec.append(("arr", len(arrays)))
            arrays.append(k[1])
            d += 1
    # Trailing axes not indexed are full slices.
    for _ in range(len(shape) - d):
        spec.append(("slice", 0, shape[d], 1))
        d += 1
    return tuple(spec), arrays


# --- the index plan ------------------------------------------------------------------------------
class _Plan:
    """An index as gather/scatter parameters (see the module docstring)."""

    def __init__(self, shape, spec, arrays):
        shape = tuple(shape)
        advanced = any(e[0] in ("arr", "bool") for e in spec)
        adv_pos = [i for i, e in enumerate(spec)
                   if e[0] in ("arr", "bool") or (advanced and e[0] == "int")]
        adv_shapes = []
        for e in spec:
            if e[0] == "arr":
                adv_shapes.append(tuple(np.shape(arrays[e[1]])))
            elif e[0] == "bool":
                adv_shapes.append((1 if e[1] else 0,))
        try:
            B = broadcast_shapes("getitem", *adv_shapes) if adv_shapes else ()
        except ValueError:
            raise IndexError("getitem(): shape mismatch: index arrays could not be broadcast "
                             "together with shapes "
                             + " ".join(str(s) for s in adv_shapes)) from None
        contiguous = adv_pos == list(range(adv_pos[0], adv_pos[-1] + 1)) if adv_pos else True
        # Final layout: one slot per output axis.
        layout = []
        if adv_pos and not contiguous:
            layout += [("adv", j) for j in range(len(B))]
        d = 0
        op_dim_of = []  # operand axis consumed by each spec entry (None if none)
        for i, e in enumerate(spec):
            if e[0] in ("none", "bool"):
                op_dim_of.append(None)
            else:
                op_dim_of.append(d)
                d += 1
            if contiguous and adv_pos and i == adv_pos[0]:
                layout += [("adv", j) for j in range(len(B))]
            if e[0] == "none":
                layout.append(("new",))
            elif e[0] == "slice":
                layout.append(("slice", i))
        self.shape, self.spec, self.B = shape, spec, tuple(B)
        self.layout = layout
        self.gather_slots = [s for s in layout if s[0] != "new"]
        self.newaxis = tuple(p for p, s in enumerate(layout) if s[0] == "new")

        def slice_len(e):
            return len(range(e[1], e[2], e[3]))

        def is_window(e):
            return e[0] == "slice" and e[3] == 1

        sizes = {}
        for slot in layout:
            if slot[0] == "adv":
                sizes[slot] = B[slot[1]]
            elif slot[0] == "slice":
                sizes[slot] = slice_len(spec[slot[1]])
            else:
                sizes[slot] = 1
        self.out_shape = tuple(sizes[s] for s in layout)
        self.gather_shape = tuple(sizes[s] for s in self.gather_slots)
        self.offset_dims = tuple(p for p, s in enumerate(self.gather_slots)
                                 if s[0] == "slice" and is_window(spec[s[1]]))
        batch_slots = [s for s in self.gather_slots
                       if not (s[0] == "slice" and is_window(spec[s[1]]))]
        self.index_batch_shape = tuple(sizes[s] for s in batch_slots)
        pos_in_batch = {s: j for j, s in enumerate(batch_slots)}
        adv_batch_dims = tuple(pos_in_batch[("adv", j)] for j in range(len(B)))
        slice_sizes, collapsed, index_map, components = [1] * len(shape), [], [], []
        for i, e in enumerate(spec):
            d = op_dim_of[i]
            if d is None:
                continue
            if e[0] == "slice":
                if e[3] == 1:
                    slice_sizes[d] = slice_len(e)
                    if slice_sizes[d] != shape[d]:
                        index_map.append(d)
                        components.append(("const", e[1]))
                else:  # a strided slice: an iota index on its own output axis
                    collapsed.append(d)
                    index_map.append(d)
                    components.append(("iota", pos_in_batch[("slice", i)], e[1], e[3],
                                       slice_len(e)))
            elif e[0] == "int":
                collapsed.append(d)
                index_map.append(d)
                i_ = e[1]
                components.append(("const", i_ + shape[d] if i_ < 0 else i_))
            else:  # "arr"
                collapsed.append(d)
                index_map.append(d)
                components.append(("arr", e[1], shape[d]))
        if any(shape[d] == 0 for d in collapsed) and math.prod(self.gather_shape) != 0:
            raise IndexError("getitem(): index out of bounds for an axis of size 0")
        self.slice_sizes = tuple(slice_sizes)
        self.collapsed = tuple(collapsed)
        self.index_map = tuple(index_map)
        self.components = components
        self.adv_batch_dims = adv_batch_dims
        # Windows from slices, integers and boolean masks never overlap; other
        # index arrays may repeat.
        self.unique = not any(e[0] == "bool" or (e[0] == "arr" and len(e) == 2) for e in spec)

    def index_array(self, arrays):
        """The gather/scatter start indices: ``index_batch_shape + (len(index_map),)``."""
        arrs = [arrays[c[1]] for c in self.components if c[0] == "arr"]
        dt = _index_dtype(*arrs)
        ib = self.index_batch_shape
        cols, static = [], True
        for c in self.components:
            if c[0] == "const":
                cols.append(np.full(ib, c[1], dt))
            elif c[0] == "iota":
                _, pos, start, step, n = c
                v = (start + step * np.arange(n)).astype(dt)
                cols.append(np.broadcast_to(v.reshape([n if j == pos else 1
                                                       for j in range(len(ib))]), ib))
            else:
                a = arrays[c[1]]
                a = a.astype(dt) if isinstance(a, np.ndarray) else (
                    a if a.dtype == dt else lax.convert_element_type(a, dt))
                a = _normalize(a, c[2])
                if isinstance(a, np.ndarray):
                    a = np.broadcast_to(a, self.B)
                else:
                    static = False
                    a = broadcast_to(a, self.B)
                if isinstance(a, np.ndarray):
                    cols.append(np.broadcast_to(
                        a.reshape([self.B[self.adv_batch_dims.index(j)]
                                   if j in self.adv_batch_dims else 1
                                   for j in range(len(ib))]), ib))
                else:
                    cols.append(lax.broadcast_in_dim(a, ib, self.adv_batch_dims))
        if static:
            return np.stack(cols, -1) if cols else np.zeros(ib + (0,), dt)
        cols = [lax.broadcast_in_dim(c, ib + (1,), tuple(range(len(ib))))
                if isinstance(c, np.ndarray) else lax.reshape(c, ib + (1,)) for c in cols]
        return cols[0] if len(cols) == 1 else lax.concatenate(cols, len(ib))

    def gather_dnums(self):
        return lax.GatherDimensionNumbers(offset_dims=self.offset_dims,
                                          collapsed_slice_dims=self.collapsed,
                                          start_index_map=self.index_map)

    def scatter_dnums(self):
        return lax.ScatterDimensionNumbers(update_window_dims=self.offset_dims,
                                           inserted_window_dims=self.collapsed,
                                           scatter_dims_to_operand_dims=self.index_map)


def _basic_take(x, spec, arrays):
    """Indexing without index arrays: static slices, dynamic slices for traced
    scalars, squeeze and expand_dims."""
    shape = x.shape
    starts, limits, strides, rev_dims, squeeze_dims, dyn = [], [], [], [], [], {}
    layout_new, out_pos, d = [], 0, 0
    for e in spec:
        if e[0] == "none":
            layout_new.append(out_pos)
            out_pos += 1
            continue
        n = shape[d]
        if e[0] == "slice":
            lo, hi, st = e[1], e[2], e[3]
            m = len(range(lo, hi, st))
            if st > 0:
                starts.append(lo)
                limits.append(lo + (m - 1) * st + 1 if m else lo)
                strides.append(st)
            else:  # the same elements walked forwards, then reversed
                last = lo + (m - 1) * st if m else lo
                starts.append(last if m else 0)
                limits.append(lo + 1 if m else 0)
                strides.append(-st)
                rev_dims.append(d)
            out_pos += 1
        elif e[0] == "int":
            if n == 0:
                raise IndexError(f"getitem(): index {e[1]} is out of bounds for axis {d} with "
                                 "size 0")
            i = e[1] + n if e[1] < 0 else e[1]
            i = min(max(i, 0), n - 1)  # jax clamps out-of-bounds reads
            starts.append(i)
            limits.append(i + 1)
            strides.append(1)
            squeeze_dims.append(d)
        else:  # a scalar index array: dynamic_slice
            if n == 0:
                raise IndexError(f"getitem(): index is out of bounds for axis {d} with size 0")
            a = arrays[e[1]]
            if isinstance(a, np.ndarray):
                i = int(a) + n if int(a) < 0 else int(a)
                i = min(max(i, 0), n - 1)
                starts.append(i)
                limits.append(i + 1)
            else:
                if np.dtype(a.dtype).itemsize < 4:
                    a = lax.convert_element_type(a, np.int32)
                dyn[d] = _normalize(a, n)
                starts.append(0)
                limits.append(n)
            strides.append(1)
            squeeze_dims.append(d)
        d += 1
    if any(s != 1 for s in strides) or starts != [0] * len(starts) or limits != list(shape):
        x = lax.slice(x, starts, limits, strides)
    if rev_dims:
        x = lax.rev(x, rev_dims)
    if dyn:
        sh = x.shape
        x = lax.dynamic_slice(x, [dyn.get(i, np.array(0, np.int32)) for i in range(len(sh))],
                              [1 if i in dyn else sh[i] for i in range(len(sh))])
    if squeeze_dims:
        x = lax.squeeze(x, squeeze_dims)
    if layout_new:
        x = lax.expand_dims(x, layout_new)
    return x


@public(static=("spec", "mode", "fill_value", "indices_are_sorted", "unique_indices"))
def _take_impl(x, arrays, spec, mode, fill_value, indices_are_sorted, unique_indices):
    if (all(np.ndim(a) == 0 for a in arrays) and not any(e[0] == "bool" for e in spec)
            and mode != Mode.FILL_OR_DROP):
        return _basic_take(x, spec, arrays)
    plan = _Plan(x.shape, spec, arrays)
    if math.prod(plan.gather_shape) == 0:
        out = _fill(plan.gather_shape, 0, x.dtype)
    elif not plan.index_map:
        out = x if plan.gather_shape == tuple(x.shape) else lax.reshape(x, plan.gather_shape)
    else:
        out = lax.gather(x, plan.index_array(arrays), plan.gather_dnums(), plan.slice_sizes,
                         unique_indices=unique_indices or plan.unique,
                         indices_are_sorted=indices_are_sorted, mode=mode,
                         fill_value=fill_value)
    return lax.expand_dims(out, plan.newaxis) if plan.newaxis else out


def _as_index_arrays(arrays):
    # numpy index arrays stay numpy (folded into constants); others are arrays.
    return [a if isinstance(a, np.ndarray) else asarray(a) for a in arrays]


def _gather_mode(mode):
    return Mode.PROMISE_IN_BOUNDS if mode is None else Mode.from_any(mode)


def getitem(a, key, *, mode=None, fill_value=None, indices_are_sorted=False,
            unique_indices=False):
    """``a[key]`` with numpy's indexing rules, written with jaxwrap primitives.

    The functional form of indexing for code inside jaxwrap (which may not
    apply ``[]`` to traced arrays) and the implementation of
    ``at(a)[key].get()``.  ``mode`` / ``fill_value`` control out-of-bounds
    reads as in ``jax.numpy``'s ``.at[].get`` (default: clamp).
    """
    a = asarray(a, name="getitem")
    spec, arrays = _parse(tuple(a.shape), key)
    mode = _gather_mode(mode)
    fill_value = _static_fill("getitem", fill_value)
    return _take_impl(a, _as_index_arrays(arrays), spec, mode, fill_value,
                      bool(indices_are_sorted), bool(unique_indices))


# --- functional index updates: at(x)[idx].set(v) -------------------------------------------------
_SCATTERS = {
    "set": lax.scatter, "add": lax.scatter_add, "subtract": lax.scatter_sub,
    "multiply": lax.scatter_mul, "min": lax.scatter_min, "max": lax.scatter_max,
}


def _fit_values(name: str, v, shape):
    """Broadcast the update values to the indexed shape (leading 1s may be dropped)."""
    vs = tuple(v.shape)
    while len(vs) > len(shape) and vs[0] == 1:
        vs = vs[1:]
    if vs != tuple(v.shape):
        v = lax.reshape(v, vs)
    try:
        target = broadcast_shapes(name, vs, shape)
    except ValueError:
        target = None
    if target != tuple(shape):
        raise ValueError(f"{name}(): values of shape {tuple(v.shape)} cannot be broadcast to the "
                         f"indexed shape {tuple(shape)}")
    return broadcast_to(v, tuple(shape))


@public(static=("spec", "op", "mode", "indices_are_sorted", "unique_indices"))
def _scatter_impl(x, arrays, values, spec, op, mode, indices_are_sorted, unique_indices):
    plan = _Plan(x.shape, spec, arrays)
    v = asarray(values)
    if v.dtype != x.dtype:
        v = lax.convert_element_type(v, x.dtype, dtypes.is_weakly_typed(x))
    v = _fit_values(f"at[].{op}", v, plan.out_shape)
    if plan.newaxis:
        v = lax.reshape(v, plan.gather_shape)
    if math.prod(plan.gather_shape) == 0:
        return x
    return _SCATTERS[op](x, plan.index_array(arrays), v, plan.scatter_dnums(),
                         indices_are_sorted=indices_are_sorted,
                         unique_indices=unique_indices or plan.unique, mode=mode)


class _IndexUpdateRef:
    """``at(x)[idx]``: functional reads and updates of ``x[idx]``."""

    __slots__ = ("array", "index")

    def __init__(self, array, index):
        self.array, self.index = array, index

    def __repr__(self):
        return f"_IndexUpdateRef({self.array!r}, {self.index!r})"

    def get(self, *, indices_are_sorted=False, unique_indices=False, mode=None,
            fill_value=None):
        """``x[idx]``; ``mode='fill'`` returns ``fill_value`` for out-of-bounds
        indices (default NaN / the extreme integer / True), ``'clip'`` and the
        default clamp them."""
        return getitem(self.array, self.index, mode=mode, fill_value=fill_value,
                       indices_are_sorted=indices_are_sorted, unique_indices=unique_indices)

    def _update(self, op, values, indices_are_sorted, unique_indices, mode):
        x = asarray(self.array, name=f"at[].{op}")
        spec, arrays = _parse(tuple(x.shape), self.index, f"at[].{op}")
        _check_arrays(f"at[].{op}", ("values",), values)
        _warn_unsafe_cast(f"at[].{op}", x, values)
        return _scatter_impl(x, _as_index_arrays(arrays), values, spec, op,
                             Mode.from_any(mode), bool(indices_are_sorted), bool(unique_indices))

    def set(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] = values`` (out-of-bounds updates are dropped unless
        ``mode='clip'``; with repeated indices one of the updates wins)."""
        return self._update("set", values, indices_are_sorted, unique_indices, mode)

    def add(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] += values`` (repeated indices accumulate)."""
        return self._update("add", values, indices_are_sorted, unique_indices, mode)

    def subtract(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] -= values`` (repeated indices accumulate)."""
        return self._update("subtract", values, indices_are_sorted, unique_indices, mode)

    def multiply(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] *= values`` (repeated indices accumulate)."""
        return self._update("multiply", values, indices_are_sorted, unique_indices, mode)

    mul = multiply

    def divide(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] /= values`` (``x / (1 * values ...)``, true division)."""
        from . import ufuncs
        x = asarray(self.array)
        ones = _at_ones(x)
        den = at(ones)[self.index].multiply(values, indices_are_sorted=indices_are_sorted,
                                            unique_indices=unique_indices, mode=mode)
        return ufuncs.divide(x, den)

    def power(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] **= values``."""
        from . import ufuncs
        x = asarray(self.array)
        ones = _at_ones(x)
        exp = at(ones)[self.index].multiply(values, indices_are_sorted=indices_are_sorted,
                                            unique_indices=unique_indices, mode=mode)
        return ufuncs.power(x, exp)

    def min(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] = minimum(x[idx], values)``."""
        return self._update("min", values, indices_are_sorted, unique_indices, mode)

    def max(self, values, *, indices_are_sorted=False, unique_indices=False, mode=None):
        """``x`` with ``x[idx] = maximum(x[idx], values)``."""
        return self._update("max", values, indices_are_sorted, unique_indices, mode)

    def apply(self, func: Callable, *, indices_are_sorted=False, unique_indices=False,
              mode=None):
        """``x`` with ``x[idx] = func(x[idx])`` (``func`` elementwise).

        Differences from jax: with repeated indices ``func`` is applied once,
        not once per occurrence.
        """
        got = self.get(indices_are_sorted=indices_are_sorted, unique_indices=unique_indices,
                       mode="clip" if mode in (None, "promise_in_bounds") else mode,
                       fill_value=0 if Mode.from_any(mode) == Mode.FILL_OR_DROP else None)
        return self.set(func(got), indices_are_sorted=indices_are_sorted,
                        unique_indices=unique_indices, mode=mode)


def _warn_unsafe_cast(name: str, x, values) -> None:
    """jax's FutureWarning when the values do not cast safely to ``x``'s dtype."""
    try:
        dt = dtypes.result_type(x, values)
    except Exception:  # lists and other array-likes: let the conversion decide
        return
    if np.dtype(dt) != np.dtype(x.dtype):
        warnings.warn(f"{name}: values of dtype {np.dtype(dtypes.dtype(values)).name} cannot be "
                      f"safely cast to the array's dtype {np.dtype(x.dtype).name}; they are "
                      "converted (like jax, which will make this an error)", FutureWarning,
                      stacklevel=4)


def _at_ones(x):
    return _fill(x.shape, 1, x.dtype)


class _IndexUpdateHelper:
    """``at(x)``: index it (``at(x)[idx]``) to read or update ``x[idx]``."""

    __slots__ = ("array",)

    def __init__(self, array):
        self.array = array

    def __getitem__(self, index):
        return _IndexUpdateRef(self.array, index)

    def __repr__(self):
        return f"at({self.array!r})"


def at(x):
    """Functional index updates: ``at(x)[idx].set(v)`` is ``x.at[idx].set(v)``.

    Parameters
    ----------
    x : array_like
        The array to read from or update (it is not modified).

    Returns
    -------
    helper
        Index it with any numpy index; the result has the methods ``get``,
        ``set``, ``add``, ``subtract``, ``multiply``, ``divide``, ``power``,
        ``min``, ``max`` and ``apply``, each taking ``indices_are_sorted=``,
        ``unique_indices=`` and ``mode=`` (``get`` also ``fill_value=``), and
        returning a new array.

    Notes
    -----
    jax arrays are immutable: this is jaxwrap's counterpart of jax's
    ``x.at[idx]`` property, built from jaxwrap's gather / scatter primitives
    (``jax.Array.at`` itself stays jax's).  Out-of-bounds updates are dropped
    (``mode='clip'`` clamps instead); reads clamp (``mode='fill'`` fills).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> x = jwnp.zeros(4)
    >>> jwnp.at(x)[jwnp.array([0, 0, 2])].add(1.0)
    Array([2., 0., 1., 0.], dtype=float32)
    """
    check_arraylike("at", x, argnames=("x",))
    return _IndexUpdateHelper(x)


# --- take / take_along_axis ----------------------------------------------------------------------
_TAKE_MODES = (None, "fill", "clip", "wrap", "raise", "promise_in_bounds")


def _int_indices(name: str, argname: str, indices):
    i = asarray(indices, name=name)
    if np.dtype(i.dtype).kind not in "iu":
        raise TypeError(f"{name}(): {argname} must have an integer dtype, got "
                        f"{np.dtype(i.dtype).name}")
    if np.dtype(i.dtype).itemsize < 4:  # room for i + n
        i = lax.convert_element_type(i, np.int32)
    return i


def _wrap_mod(i, n: int):
    from . import ufuncs
    return ufuncs.remainder(i, np.array(n, i.dtype))


def _prepare_mode(name: str, i, n: int, mode):
    """Indices and gather mode for the take-like ``mode`` strings (jax's rules)."""
    if mode is None or mode == "fill":
        return _normalize(i, n), Mode.FILL_OR_DROP
    if mode == "clip":
        return i, Mode.CLIP
    if mode == "wrap":
        return _wrap_mod(i, n), Mode.PROMISE_IN_BOUNDS
    if mode == "promise_in_bounds":
        return i, Mode.PROMISE_IN_BOUNDS
    if mode == "raise":
        raise NotImplementedError(f"{name}(): mode='raise' is not supported (errors cannot be "
                                  "raised from compiled code); use 'fill', 'clip' or 'wrap'")
    raise ValueError(f"{name}(): invalid mode {mode!r}; expected 'fill', 'clip' or 'wrap'")


@public(static=("axis", "mode", "unique_indices", "indices_are_sorted", "fill_value"))
def _take(a, indices, axis, mode, unique_indices, indices_are_sorted, fill_value):
    name = "take"
    a = asarray(a, name=name)
    i = _int_indices(name, "indices", indices)
    if axis is None:
        a = lax.reshape(a, (math.prod(a.shape),))
        axis = 0
    axis = canonicalize_axis(axis, a.ndim, name)
    n = a.shape[axis]
    out_shape = a.shape[:axis] + tuple(i.shape) + a.shape[axis + 1:]
    if n == 0 and math.prod(i.shape) != 0:
        raise IndexError(f"{name}(): cannot take a non-empty selection from an empty axis")
    if math.prod(out_shape) == 0:
        return _fill(out_shape, 0, a.dtype)
    i, gmode = _prepare_mode(name, i, n, mode)
    k = i.ndim
    dn = lax.GatherDimensionNumbers(
        offset_dims=tuple(range(axis)) + tuple(range(axis + k, a.ndim + k - 1)),
        collapsed_slice_dims=(axis,), start_index_map=(axis,))
    sizes = a.shape[:axis] + (1,) + a.shape[axis + 1:]
    return lax.gather(a, lax.reshape(i, tuple(i.shape) + (1,)), dn, sizes, mode=gmode,
                      unique_indices=unique_indices, indices_are_sorted=indices_are_sorted,
                      fill_value=fill_value)


def _static_fill(name, fill_value):
    if fill_value is None:
        return None
    if _is_tracer(fill_value) or np.ndim(fill_value) != 0:
        raise ValueError(f"{name}(): fill_value must be a static scalar")
    v = np.asarray(fill_value).item()
    # One NaN object, so the static argument hits jit's cache.
    return np.nan if isinstance(v, float) and v != v else v


def take(a, indices, axis=None, out=None, mode=None, unique_indices=False,
         indices_are_sorted=False, fill_value=None):
    """Take elements of an array along an axis.

    Parameters
    ----------
    a : array_like
        Source array.
    indices : array_like of int
        Indices of the elements to take; negative ones count from the end.
    axis : int, optional
        Axis to take along; None (default) takes from the flattened array.
    out : None
        Not supported (jax arrays are immutable).
    mode : {'fill', 'clip', 'wrap'}, optional
        Out-of-bounds indices: 'fill' (default) returns ``fill_value``,
        'clip' clamps, 'wrap' wraps around.
    unique_indices, indices_are_sorted : bool, optional
        Promises about ``indices`` that may speed up the computation.
    fill_value : scalar, optional
        Value for out-of-bounds indices in 'fill' mode (default NaN for
        inexact dtypes, the lowest signed / highest unsigned integer, True).

    Returns
    -------
    jax.Array
        ``a.shape[:axis] + indices.shape + a.shape[axis+1:]``.

    Notes
    -----
    Differences from NumPy: the default mode is jax's 'fill' (numpy raises on
    out-of-bounds indices; 'raise' is not supported).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.take(jwnp.array([4., 5., 6.]), jwnp.array([2, 0, 7]))
    Array([ 6.,  4., nan], dtype=float32)
    """
    name = "take"
    if out is not None:
        raise NotImplementedError(f"{name}(): the 'out' argument is not supported: jax arrays "
                                  "are immutable")
    _check_arrays(name, ("a", "indices"), a, indices)
    if mode not in _TAKE_MODES:
        raise ValueError(f"{name}(): invalid mode {mode!r}; expected 'fill', 'clip' or 'wrap'")
    if axis is not None and type(axis) is not int:
        try:
            axis = operator.index(axis)
        except TypeError:
            raise TypeError(f"{name}(): axis must be an integer or None, got "
                            f"{type(axis).__name__}") from None
    # every static argument hashable and positional: the jitted core without its front
    return _take.canonical(a, indices, axis, mode, bool(unique_indices),
                           bool(indices_are_sorted),
                           None if fill_value is None else _static_fill(name, fill_value))


def _along_axis_mode(i, n: int, mode, wrap_negative: bool):
    """Indices, gather mode and fill value for take_along_axis (jax's rules: negative
    indices are counted from the end first when ``wrap_negative``; 'one_hot' gives 0
    out of bounds)."""
    if wrap_negative:
        i = _normalize(i, n)
    if mode == "wrap":
        return _wrap_mod(i, n), Mode.PROMISE_IN_BOUNDS
    table = {None: Mode.FILL_OR_DROP, "fill": Mode.FILL_OR_DROP, "one_hot": Mode.FILL_OR_DROP,
             "clip": Mode.CLIP, "promise_in_bounds": Mode.PROMISE_IN_BOUNDS}
    return i, table[mode]


@public(static=("axis", "mode", "fill_value", "wrap_negative"))
def _take_along_axis(arr, indices, axis, mode, fill_value, wrap_negative):
    name = "take_along_axis"
    a = asarray(arr, name=name)
    i = _int_indices(name, "indices", indices)
    if axis is None:
        if i.ndim != 1:
            raise ValueError(f"{name}(): indices must be 1-d when axis is None, got shape "
                             f"{tuple(i.shape)}")
        a = lax.reshape(a, (math.prod(a.shape),))
        axis = 0
    if a.ndim != i.ndim:
        raise ValueError(f"{name}(): indices and arr must have the same number of dimensions; "
                         f"{i.ndim} vs. {a.ndim}")
    axis = canonicalize_axis(axis, a.ndim, name)
    rank, n = a.ndim, a.shape[axis]
    a_shape = a.shape[:axis] + (1,) + a.shape[axis + 1:]
    try:
        out_shape = broadcast_shapes(name, tuple(i.shape), a_shape)
    except ValueError:
        raise ValueError(f"{name}(): indices of shape {tuple(i.shape)} do not broadcast with arr "
                         f"of shape {tuple(a.shape)} outside axis {axis}") from None
    if math.prod(out_shape) == 0 or n == 0:
        return _fill(out_shape, 0, a.dtype)
    i, gmode = _along_axis_mode(i, n, mode, wrap_negative)
    if mode == "one_hot":
        fill_value = 0
    # Per axis j != axis: an index axis of size 1 takes all of arr's axis (a
    # window); an arr axis of size 1 is dropped (the index axis stays a batch
    # axis); equal sizes walk in lockstep (batching dims).
    offset, collapsed, index_map, op_batch, idx_batch = [], [], [], [], []
    sizes, squeeze_arr, keep_idx = [], [], []
    new_j = 0
    for j in range(rank):
        if j == axis:
            sizes.append(1)
            collapsed.append(new_j)
            index_map.append(new_j)
            keep_idx.append(j)
            new_j += 1
        elif i.shape[j] == 1:
            offset.append(j)
            sizes.append(a.shape[j])
            new_j += 1
        elif a.shape[j] == 1:
            squeeze_arr.append(j)
            keep_idx.append(j)
        else:
            sizes.append(1)
            op_batch.append(new_j)
            idx_batch.append(len(keep_idx))
            keep_idx.append(j)
            new_j += 1
    if squeeze_arr:
        a = lax.squeeze(a, squeeze_arr)
    gi = lax.reshape(i, tuple(i.shape[j] for j in keep_idx) + (1,))
    dn = lax.GatherDimensionNumbers(offset_dims=tuple(offset),
                                    collapsed_slice_dims=tuple(collapsed),
                                    start_index_map=tuple(index_map),
                                    operand_batching_dims=tuple(op_batch),
                                    start_indices_batching_dims=tuple(idx_batch))
    return lax.gather(a, gi, dn, tuple(sizes), mode=gmode, fill_value=fill_value)


def take_along_axis(arr, indices, axis=-1, mode=None, fill_value=None, *,
                    wrap_negative_indices=None):
    """Take values from an array by matching 1-d index and data slices.

    Parameters
    ----------
    arr : array_like
        Source array.
    indices : array_like of int
        Same rank as ``arr``; broadcasts with it outside ``axis``.
    axis : int or None, optional
        Axis to take along (default -1); None uses the flattened array and
        1-d indices.
    mode : {'fill', 'clip', 'wrap', 'promise_in_bounds', 'one_hot'}, optional
        Out-of-bounds indices, as in :func:`take` (default 'fill');
        'one_hot' gives 0 there, as jax.
    fill_value : scalar, optional
        Value for out-of-bounds indices in 'fill' mode.
    wrap_negative_indices : bool, optional
        Count negative indices from the end first (numpy's rule).  Default
        (jax's): True unless ``mode='promise_in_bounds'``; with False a
        negative index is out of bounds (clipped to 0 by 'clip').

    Returns
    -------
    jax.Array
        The broadcast shape of ``indices`` and ``arr`` (``arr``'s axis
        replaced by the index axis).

    Notes
    -----
    Differences from NumPy: out-of-bounds indices fill (jax's default)
    instead of raising.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> x = jwnp.array([[10, 30, 20], [60, 40, 50]])
    >>> jwnp.take_along_axis(x, jwnp.argsort(x, axis=1), axis=1)
    Array([[10, 20, 30],
           [40, 50, 60]], dtype=int32)
    """
    name = "take_along_axis"
    _check_arrays(name, ("arr", "indices"), arr, indices)
    if mode == "raise":
        _prepare_mode(name, None, 0, mode)   # the NotImplementedError of take
    if mode not in _TAKE_MODES + ("one_hot",):
        raise ValueError(f"{name}(): invalid mode {mode!r}; expected 'fill', 'clip', 'wrap', "
                         "'promise_in_bounds' or 'one_hot'")
    if axis is not None:
        axis = operator.index(axis)
    wrap = mode != "promise_in_bounds" if wrap_negative_indices is None else \
        bool(wrap_negative_indices)
    return _take_along_axis(arr, indices, axis, mode, _static_fill(name, fill_value), wrap)


# --- put / put_along_axis / place / fill_diagonal ------------------------------------------------
def _tile_to(v, n: int):
    """The flat ``v`` repeated (cycled) to length ``n``."""
    m = v.shape[0]
    if m == n:
        return v
    if m < n:
        v = lax.concatenate([v] * (-(-n // m)), 0)
    return lax.slice(v, (0,), (n,))


@public(static=("mode",))
def _put(a, ind, v, mode):
    name = "put"
    a = asarray(a, name=name)
    i = _int_indices(name, "ind", ind)
    i = lax.reshape(i, (math.prod(i.shape),))
    v = asarray(v, name=name)
    v = lax.reshape(v, (math.prod(v.shape),))
    size = math.prod(a.shape)
    if not size or not i.shape[0] or not v.shape[0]:
        return a
    if v.dtype != a.dtype:
        v = lax.convert_element_type(v, a.dtype, dtypes.is_weakly_typed(a))
    v = _tile_to(v, i.shape[0])
    if mode is None:
        smode = Mode.FILL_OR_DROP
    elif mode == "clip":
        smode = Mode.CLIP
        i = lax.clamp(np.array(0, i.dtype), i, np.array(size - 1, i.dtype))
    elif mode == "wrap":
        i, smode = _wrap_mod(i, size), Mode.PROMISE_IN_BOUNDS
    elif mode == "raise":
        raise NotImplementedError(f"{name}(): mode='raise' is not supported; use 'clip', "
                                  "'wrap' or None (out-of-bounds indices are dropped)")
    else:
        raise ValueError(f"{name}(): invalid mode {mode!r}; expected 'clip' or 'wrap'")
    flat = lax.reshape(a, (size,))
    out = _scatter_impl(flat, [i], v, (("arr", 0),), "set", smode, False, False)
    return lax.reshape(out, a.shape)


def put(a, ind, v, mode=None, *, inplace=True):
    """Put values into the flattened array at the given indices.

    Parameters
    ----------
    a : array_like
        Destination array (not modified).
    ind : array_like of int
        Flat indices; negative ones count from the end.
    v : array_like
        Values, flattened and cycled to the length of ``ind``.
    mode : {None, 'clip', 'wrap'}, optional
        Out-of-bounds indices: dropped (None), clamped or wrapped.
    inplace : bool
        Must be False: jax arrays cannot be changed in place.

    Returns
    -------
    jax.Array
        A copy of ``a`` with the values put.

    Notes
    -----
    Differences from NumPy: functional (``inplace=False`` is required, the
    result is returned); mode 'raise' is not supported.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.put(jwnp.zeros(4), jwnp.array([0, 2]), 5.0, inplace=False)
    Array([5., 0., 5., 0.], dtype=float32)
    """
    _inplace_check("put", inplace)
    check_arraylike("put", a, ind, v, argnames=("a", "ind", "v"))
    return _put(a, ind, v, mode)


def _along_axis_index(shape, idx, axis):
    """The index tuple that addresses ``idx`` along ``axis`` (iotas elsewhere)."""
    out = []
    for j, n in enumerate(shape):
        if j == axis:
            out.append(idx)
        else:
            out.append(np.arange(n, dtype=np.int32).reshape(
                [n if k == j else 1 for k in range(len(shape))]))
    return tuple(out)


@public(static=("axis", "mode"))
def _put_along_axis(arr, indices, values, axis, mode):
    name = "put_along_axis"
    a = asarray(arr, name=name)
    i = _int_indices(name, "indices", indices)
    shape = a.shape
    if axis is None:
        a = lax.reshape(a, (math.prod(shape),))
        axis = 0
    if a.ndim != i.ndim:
        raise ValueError(f"{name}(): arr and indices must have the same number of dimensions; "
                         f"got {a.ndim} and {i.ndim}")
    axis = canonicalize_axis(axis, a.ndim, name)
    key = _along_axis_index(a.shape, i, axis)
    v = asarray(values, name=name)
    try:
        v = broadcast_to(v, broadcast_shapes(name, tuple(v.shape), tuple(i.shape)))
        if tuple(v.shape) != tuple(i.shape):
            raise ValueError
    except ValueError:
        raise ValueError(f"{name}(): values of shape {tuple(np.shape(values))} must broadcast "
                         f"to the indices' shape {tuple(i.shape)}") from None
    spec, arrays = _parse(tuple(a.shape), key, name)
    out = _scatter_impl(a, arrays, v, spec, "set", Mode.from_any(mode), False, False)
    return lax.reshape(out, shape)


def put_along_axis(arr, indices, values, axis, inplace=True, *, mode=None):
    """Put values into an array by matching 1-d index and data slices.

    Parameters
    ----------
    arr : array_like
        Destination array (not modified).
    indices : array_like of int
        Same rank as ``arr``; broadcasts with it outside ``axis``.
    values : array_like
        Broadcast to the shape of ``indices``.
    axis : int or None
        Axis to put along; None uses the flattened array.
    inplace : bool
        Must be False: jax arrays cannot be changed in place.
    mode : {None, 'clip', 'fill', 'promise_in_bounds'}, optional
        Out-of-bounds indices: dropped (default) or clamped.

    Returns
    -------
    jax.Array
        A copy of ``arr`` with the values put.

    Notes
    -----
    Differences from NumPy: functional (``inplace=False`` is required).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> x = jwnp.zeros((2, 3))
    >>> jwnp.put_along_axis(x, jwnp.array([[1], [2]]), 9.0, axis=1, inplace=False)
    Array([[0., 9., 0.],
           [0., 0., 9.]], dtype=float32)
    """
    name = "put_along_axis"
    _inplace_check(name, inplace)
    check_arraylike(name, arr, indices, values, argnames=("arr", "indices", "values"))
    if axis is not None:
        axis = operator.index(axis)
    return _put_along_axis(arr, indices, values, axis, mode)


def _nonzero_1d(mask, size: int, fill: int):
    """Positions of the True entries of a flat bool ``mask`` (traced allowed),
    padded with ``fill`` (or truncated) to ``size``."""
    n = mask.shape[0]
    if size == 0:
        return np.zeros((0,), np.int32)
    one = lax.convert_element_type(mask, np.int32)
    pos = lax.sub(lax.cumsum(one, 0), np.array(1, np.int32))
    # Where the mask is False, aim past the end so the scatter drops it.
    target = lax.select_n(mask, _fill((n,), size, np.int32), pos)
    out = _fill((size,), fill, np.int32)
    return lax.scatter(out, lax.reshape(target, (n, 1)), lax.iota(np.int32, (n,)),
                       lax.ScatterDimensionNumbers((), (0,), (0,)), indices_are_sorted=True,
                       unique_indices=True, mode=Mode.FILL_OR_DROP)


def _as_bool(x):
    return x if x.dtype == np.bool_ else lax.ne(x, _fill(x.shape, 0, x.dtype))


@public
def _place(arr, mask, vals):
    name = "place"
    a = asarray(arr, name=name)
    m = _as_bool(asarray(mask, name=name))
    v = asarray(vals, name=name)
    v = lax.reshape(v, (math.prod(v.shape),))
    size = math.prod(a.shape)
    if math.prod(m.shape) != size:
        raise ValueError(f"{name}(): mask and arr must have the same size, got {m.shape} and "
                         f"{a.shape}")
    if not v.shape[0] or not size:
        return a
    idx = _nonzero_1d(lax.reshape(m, (size,)), size, size)
    if v.dtype != a.dtype:
        v = lax.convert_element_type(v, a.dtype, dtypes.is_weakly_typed(a))
    v = _tile_to(v, size)
    out = _scatter_impl(lax.reshape(a, (size,)), [idx], v, (("arr", 0),), "set",
                        Mode.FILL_OR_DROP, True, True)
    return lax.reshape(out, a.shape)


def place(arr, mask, vals, *, inplace=True):
    """Put values into an array where a mask holds, cycling through ``vals``.

    Parameters
    ----------
    arr : array_like
        Destination array (not modified).
    mask : array_like of bool
        Same size as ``arr``.
    vals : array_like
        Values, flattened; the k-th True entry of ``mask`` gets
        ``vals[k % len(vals)]``.
    inplace : bool
        Must be False: jax arrays cannot be changed in place.

    Returns
    -------
    jax.Array
        A copy of ``arr`` with the values placed.

    Notes
    -----
    Differences from NumPy: functional (``inplace=False`` is required); works
    under jit with a traced mask.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> mask = jwnp.array([1, 0, 1, 1])
    >>> jwnp.place(jwnp.zeros(4), mask, jwnp.array([7., 8.]), inplace=False)
    Array([7., 0., 8., 7.], dtype=float32)
    """
    _inplace_check("place", inplace)
    check_arraylike("place", arr, mask, vals, argnames=("arr", "mask", "vals"))
    return _place(arr, mask, vals)


@public(static=("wrap",))
def _fill_diagonal(a, val, wrap):
    name = "fill_diagonal"
    a = asarray(a, name=name)
    if a.ndim < 2:
        raise ValueError(f"{name}(): array must be at least 2-d, got {a.ndim}-d")
    if a.ndim > 2 and any(n != a.shape[0] for n in a.shape[1:]):
        raise ValueError(f"{name}(): all dimensions of a {a.ndim}-d input must be of equal "
                         f"length, got shape {tuple(a.shape)}")
    size = math.prod(a.shape)
    if a.ndim == 2:
        step = a.shape[1] + 1
        end = size if wrap else min(size, a.shape[1] * a.shape[1])
    else:
        step = 1 + int(np.sum(np.cumprod(a.shape[:-1])))
        end = size
    flat_idx = np.arange(0, end, step, dtype=np.int32)
    v = asarray(val, name=name)
    v = lax.reshape(v, (math.prod(v.shape),))
    if not flat_idx.size or not v.shape[0]:
        return a
    if v.dtype != a.dtype:
        v = lax.convert_element_type(v, a.dtype, dtypes.is_weakly_typed(a))
    v = _tile_to(v, flat_idx.size)
    out = _scatter_impl(lax.reshape(a, (size,)), [flat_idx], v, (("arr", 0),), "set",
                        Mode.PROMISE_IN_BOUNDS, True, True)
    return lax.reshape(out, a.shape)


def fill_diagonal(a, val, wrap=False, *, inplace=True):
    """Fill the main diagonal of an array.

    Parameters
    ----------
    a : array_like
        At least 2-d; if more than 2-d, all axes of equal length.
    val : array_like
        Scalar, or values (flattened, cycled) along the diagonal.
    wrap : bool, optional
        For tall matrices, restart the diagonal every ``ncols + 1`` rows
        (numpy's wrap).
    inplace : bool
        Must be False: jax arrays cannot be changed in place.

    Returns
    -------
    jax.Array
        A copy of ``a`` with the diagonal filled.

    Notes
    -----
    Differences from NumPy: functional (``inplace=False`` is required).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.fill_diagonal(jwnp.zeros((2, 2)), 1.0, inplace=False)
    Array([[1., 0.],
           [0., 1.]], dtype=float32)
    """
    if inplace:
        raise NotImplementedError("fill_diagonal(): jax arrays are immutable; pass "
                                  "inplace=False to get the filled array as the return value")
    check_arraylike("fill_diagonal", a, val, argnames=("a", "val"))
    return _fill_diagonal(a, val, bool(wrap))


# --- choose / select / piecewise -----------------------------------------------------------------
def _concrete_check(name: str, x, what: str):
    if _is_tracer(x):
        raise jax.errors.ConcretizationTypeError(
            x, f"{name}(): {what} needs concrete values under mode='raise'; use mode='wrap' or "
               "mode='clip' inside jax.jit")
    return np.asarray(x)


@public(static=("mode",))
def _choose(a, choices, mode):
    name = "choose"
    a = asarray(a, name=name)
    n = len(choices)
    if mode == "wrap":
        a = _wrap_mod(a, n)
    elif mode == "clip":
        a = lax.clamp(np.array(0, a.dtype), a, np.array(n - 1, a.dtype))
    cs = promote_dtypes(*choices)
    shp = broadcast_shapes(name, tuple(a.shape), *(tuple(np.shape(c)) for c in cs))
    return lax.select_n(broadcast_to(a, shp), *(broadcast_to(asarray(c), shp) for c in cs))


def choose(a, choices, out=None, mode="raise"):
    """Build an array from an index array and a list of arrays to choose from.

    Parameters
    ----------
    a : array_like of int
        Which choice each element takes, in ``[0, len(choices))``.
    choices : sequence of array_like
        Arrays broadcastable with ``a`` and each other.
    out : None
        Not supported.
    mode : {'raise', 'wrap', 'clip'}, optional
        Out-of-range entries of ``a``: error ('raise', concrete ``a`` only),
        wrap around, or clamp.

    Returns
    -------
    jax.Array
        ``choices[a[i]][i]`` for every (broadcast) position ``i``.

    Notes
    -----
    Differences from NumPy: mode='raise' needs a concrete ``a`` (it cannot
    raise from compiled code); use 'wrap' or 'clip' under jit.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> choices = [jwnp.array([1, 2, 3]), jwnp.array([7, 8, 9])]
    >>> jwnp.choose(jwnp.array([0, 1, 0]), choices)
    Array([1, 8, 3], dtype=int32)
    """
    name = "choose"
    if out is not None:
        raise NotImplementedError(f"{name}(): the 'out' argument is not supported")
    check_arraylike(name, a, argnames=("a",))
    if _is_tracer(choices) or isinstance(choices, (jax.Array, np.ndarray)):
        choices = [choices[j] if not _is_tracer(choices) else getitem(choices, j)
                   for j in range(np.shape(choices)[0])]
    choices = list(choices)
    if not choices:
        raise ValueError(f"{name}(): choices must not be empty")
    check_arraylike(name, *choices)
    if np.dtype(dtypes.dtype(a)).kind not in "iu":
        raise TypeError(f"{name}(): a must have an integer dtype, got "
                        f"{np.dtype(dtypes.dtype(a)).name}")
    if mode == "raise":
        v = _concrete_check(name, a, "a")
        if np.any((v < 0) | (v >= len(choices))):
            raise ValueError(f"{name}(): invalid entry in a: values must lie in "
                             f"[0, {len(choices)})")
    elif mode not in ("wrap", "clip"):
        raise ValueError(f"{name}(): invalid mode {mode!r}; expected 'raise', 'wrap' or 'clip'")
    return _choose(a, choices, "clip" if mode == "raise" else mode)


@public
def _select(condlist, choicelist, default):
    name = "select"
    conds = [_as_bool(asarray(c, name=name)) for c in condlist]
    vals = promote_dtypes(*choicelist, default)
    shp = broadcast_shapes(name, *(tuple(np.shape(v)) for v in (*conds, *vals)))
    out = broadcast_to(asarray(vals[-1]), shp)
    # The first condition that holds wins: fold from the last one.
    for c, v in zip(reversed(conds), reversed(vals[:-1])):
        out = lax.select_n(broadcast_to(c, shp), out, broadcast_to(asarray(v), shp))
    return out


def select(condlist, choicelist, default=0):
    """Pick from ``choicelist`` by the first condition in ``condlist`` that holds.

    Parameters
    ----------
    condlist : sequence of array_like of bool
        Conditions, checked in order.
    choicelist : sequence of array_like
        One array per condition.
    default : array_like, optional
        Where no condition holds (default 0).

    Returns
    -------
    jax.Array
        The broadcast shape of all arguments, their promoted dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> x = jwnp.arange(5)
    >>> jwnp.select([x < 2, x > 3], [x, 10 * x], -1)
    Array([ 0,  1, -1, -1, 40], dtype=int32)
    """
    name = "select"
    if len(condlist) != len(choicelist):
        raise ValueError(f"{name}(): condlist and choicelist must have the same length, got "
                         f"{len(condlist)} and {len(choicelist)}")
    if not condlist:
        raise ValueError(f"{name}(): condlist must not be empty")
    check_arraylike(name, *condlist, *choicelist, default)
    return _select(list(condlist), list(choicelist), default)


def piecewise(x, condlist, funclist, *args, **kw):
    """Evaluate a piecewise-defined function.

    Parameters
    ----------
    x : array_like
        Input.
    condlist : array_like of bool, or a sequence of them
        Conditions of ``x``'s shape; where several hold, the last one wins.
    funclist : sequence of callables or scalars
        One per condition, plus optionally one more for where none holds
        (default 0).  A callable gets ``x`` (and ``*args``, ``**kw``).
    *args, **kw :
        Passed to the callables.

    Returns
    -------
    jax.Array
        ``x``'s shape and dtype.

    Notes
    -----
    Differences from NumPy: every function is evaluated on all of ``x`` and
    the results are selected (values where a condition is False are
    discarded; keep gradients finite there, e.g. with a safe input).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> x = jwnp.array([-2., 0., 3.])
    >>> jwnp.piecewise(x, [x < 0, x >= 0], [lambda v: -v, lambda v: v])
    Array([2., 0., 3.], dtype=float32)
    """
    name = "piecewise"
    check_arraylike(name, x, argnames=("x",))
    x = asarray(x, name=name)
    # One condition given bare (an array of x's shape, or a scalar) is a list of one.
    if isinstance(condlist, (bool, np.bool_)) or (
            isinstance(condlist, (jax.Array, np.ndarray)) and np.ndim(condlist) == x.ndim):
        condlist = [condlist]
    condlist = list(condlist)
    funclist = list(funclist)
    nc, nf = len(condlist), len(funclist)
    if nf == nc + 1:
        funclist = [funclist[-1]] + funclist[:-1]
    elif nf == nc:
        funclist = [0] + funclist
    else:
        raise ValueError(f"{name}(): funclist has {nf} entries for {nc} conditions; it needs "
                         f"{nc} or {nc + 1}")
    # The callables are static (one compiled program per tuple of functions, so a second
    # call with the same functions and shapes does not trace them again, like jax); the
    # constants travel as arrays.
    funcs = tuple(f if callable(f) else None for f in funclist)
    consts = [None if callable(f) else asarray(f, name=name) for f in funclist]
    conds = [asarray(c, name=name) for c in condlist]
    return _piecewise(x, conds, consts, funcs, args, kw)


@public(static=("funcs",))
def _piecewise(x, conds, consts, funcs, args, kw):
    name = "piecewise"

    def value(f, const_):
        v = f(x, *args, **kw) if f is not None else const_
        v = asarray(v, name=name)
        if v.dtype != x.dtype:
            v = lax.convert_element_type(v, x.dtype)
        return broadcast_to(v, tuple(x.shape)) if tuple(v.shape) != tuple(x.shape) else v

    out = value(funcs[0], consts[0])
    for c, f, k in zip(conds, funcs[1:], consts[1:]):
        c = _as_bool(c)
        if tuple(c.shape) != tuple(x.shape):
            try:
                c = broadcast_to(c, broadcast_shapes(name, tuple(c.shape), tuple(x.shape)))
            except ValueError:
                raise ValueError(f"{name}(): condition of shape {tuple(c.shape)} does not match "
                                 f"x of shape {tuple(x.shape)}") from None
            if tuple(c.shape) != tuple(x.shape):
                raise ValueError(f"{name}(): condition of shape {tuple(c.shape)} does not match "
                                 f"x of shape {tuple(x.shape)}")
        out = lax.select_n(c, out, value(f, k))
    return out


# --- compress ---------------------------------------------------------------------------------
@public(static=("axis", "size"))
def _compress(condition, a, axis, size, fill_value, idx):
    name = "compress"
    a = asarray(a, name=name)
    if axis is None:
        a = lax.reshape(a, (math.prod(a.shape),))
        axis = 0
    axis = canonicalize_axis(axis, a.ndim, name)
    n = a.shape[axis]
    if idx is None:  # traced condition, static size
        c = _as_bool(asarray(condition, name=name))
        c = lax.reshape(c, (math.prod(c.shape),))
        m = c.shape[0]
        if m > n:
            c = lax.slice(c, (0,), (n,))
        elif m < n:
            c = lax.concatenate([c, _fill((n - m,), False, np.bool_)], 0)
        idx = _nonzero_1d(c, size, n)
    k = idx.shape[0]
    out_shape = a.shape[:axis] + (k,) + a.shape[axis + 1:]
    if k == 0 or math.prod(out_shape) == 0:
        return _fill(out_shape, 0, a.dtype)
    # offset_dims skip position ``axis``, where the gathered (batch) axis lands.
    dn = lax.GatherDimensionNumbers(
        offset_dims=tuple(j for j in range(a.ndim) if j != axis), collapsed_slice_dims=(axis,),
        start_index_map=(axis,))
    sizes = a.shape[:axis] + (1,) + a.shape[axis + 1:]
    got = lax.gather(a, lax.reshape(idx, (k, 1)), dn, sizes, mode=Mode.CLIP,
                     indices_are_sorted=True, unique_indices=size is None)
    if size is None:
        return got
    fv = asarray(fill_value, name=name)
    if fv.dtype != a.dtype:
        fv = lax.convert_element_type(fv, a.dtype)
    if fv.ndim:
        raise ValueError(f"{name}(): fill_value must be a scalar")
    keep = lax.lt(idx, _fill((k,), n, idx.dtype))
    keep = lax.broadcast_in_dim(keep, out_shape, (axis,))
    return lax.select_n(keep, lax.broadcast_in_dim(fv, out_shape, ()), got)


def _static_nonzero_of(name: str, condition, n: int | None):
    """Host positions of the True entries of a concrete flat condition."""
    if _is_tracer(condition):
        raise jax.errors.ConcretizationTypeError(
            condition, f"{name}(): the result size depends on the values of condition; pass a "
                       "static size= (and fill_value=) to use it under jax.jit")
    c = np.asarray(condition).ravel().astype(bool)
    if n is not None and c.size > n:
        if c[n:].any():
            raise ValueError(f"{name}(): condition has True entries past the length {n} of the "
                             "axis")
        c = c[:n]
    return np.flatnonzero(c).astype(np.int32)


def compress(condition, a, axis=None, *, size=None, fill_value=0, out=None):
    """Select slices of an array along an axis where a condition holds.

    Parameters
    ----------
    condition : array_like of bool
        1-d; entries beyond its length count as False.
    a : array_like
        Source array.
    axis : int, optional
        Axis to select along; None uses the flattened array.
    size : int, optional
        Static length of the result (pads with ``fill_value`` or truncates);
        required under jax.jit, where ``condition`` is traced.
    fill_value : scalar, optional
        Padding value when ``size`` exceeds the number of selections.
    out : None
        Not supported.

    Returns
    -------
    jax.Array
        ``a`` with only the selected slices along ``axis``.

    Notes
    -----
    Differences from NumPy: ``size`` / ``fill_value`` give a static shape.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.compress(jwnp.array([True, False, True]), jwnp.array([1, 2, 3]))
    Array([1, 3], dtype=int32)
    """
    name = "compress"
    if out is not None:
        raise NotImplementedError(f"{name}(): the 'out' argument is not supported")
    check_arraylike(name, condition, a, argnames=("condition", "a"))
    if np.ndim(condition) != 1:
        raise ValueError(f"{name}(): condition must be a 1-d array, got shape "
                         f"{np.shape(condition)}")
    if axis is not None:
        axis = canonicalize_axis(axis, np.ndim(a), name)
    n = math.prod(np.shape(a)) if axis is None else np.shape(a)[axis]
    idx = None
    if size is None:
        idx = _static_nonzero_of(name, condition, n)
    else:
        size = operator.index(size)
        if size < 0:
            raise ValueError(f"{name}(): size must be non-negative, got {size}")
    return _compress(condition, a, axis, size, fill_value, idx)


# --- index generators ----------------------------------------------------------------------------
def _int_arg(name: str, argname: str, v) -> int:
    try:
        return operator.index(v)
    except TypeError:
        raise TypeError(f"{name}(): {argname} must be an integer, got "
                        f"{type(v).__name__}") from None


def _int_dtype(name: str, dtype):
    dt = dtypes.default_int_dtype() if dtype is None else dtypes.check_user_dtype(dtype, name)
    if np.dtype(dt).kind not in "iu":
        raise TypeError(f"{name}(): dtype must be an integer dtype, got {np.dtype(dt).name}")
    return np.dtype(dt)


@public(static=("dimensions", "dtype", "sparse"))
def _indices(dimensions, dtype, sparse):
    nd = len(dimensions)
    if sparse:
        return tuple(lax.iota(dtype, tuple(n if k == j else 1 for k in range(nd)), j)
                     for j, n in enumerate(dimensions))
    parts = [lax.iota(dtype, (1,) + dimensions, j + 1) for j in range(nd)]
    if not parts:
        return _fill((0,), 0, dtype)
    return lax.concatenate(parts, 0) if nd > 1 else parts[0]


def indices(dimensions, dtype=None, sparse=False):
    """An array (or tuple of arrays) holding the indices of a grid.

    Parameters
    ----------
    dimensions : sequence of ints
        Shape of the grid.
    dtype : numeric dtype, optional
        Default: jax's default integer type (float and complex are accepted,
        as in jax).
    sparse : bool, optional
        Return one broadcastable array per axis instead of a dense stack.

    Returns
    -------
    jax.Array or tuple of jax.Array
        Dense: shape ``(len(dimensions), *dimensions)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.indices((2, 2))
    Array([[[0, 0],
            [1, 1]],
    <BLANKLINE>
           [[0, 1],
            [0, 1]]], dtype=int32)
    """
    name = "indices"
    dims = tuple(_int_arg(name, "dimensions", d) for d in dimensions)
    if any(d < 0 for d in dims):
        raise ValueError(f"{name}(): dimensions must be non-negative, got {dims}")
    dt = dtypes.default_int_dtype() if dtype is None else dtypes.check_user_dtype(dtype, name)
    if np.dtype(dt).kind not in "iufc":   # jax accepts any numeric dtype (not bool)
        raise TypeError(f"{name}(): dtype must be a numeric dtype, got {np.dtype(dt).name}")
    return _indices(dims, np.dtype(dt), bool(sparse))


def ix_(*args):
    """Open-mesh index arrays from 1-d sequences: ``x[ix_(rows, cols)]``.

    Parameters
    ----------
    *args : 1-d array_like of int or bool
        Boolean sequences are turned into their True positions (concrete
        values needed).

    Returns
    -------
    tuple of jax.Array
        The k-th has shape ``(1, ..., n_k, ..., 1)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> [a.shape for a in jwnp.ix_(jwnp.array([0, 1]), jwnp.array([2, 0, 1]))]
    [(2, 1), (1, 3)]
    """
    name = "ix_"
    check_arraylike(name, *args)
    out = []
    n = len(args)
    for k, a in enumerate(args):
        if isinstance(a, (list, tuple)) and len(a) == 0:
            a = np.zeros((0,), dtypes.default_int_dtype())
        a = a if _is_tracer(a) else (np.asarray(a) if not isinstance(a, jax.Array) else a)
        if np.ndim(a) != 1:
            raise ValueError(f"{name}(): cross index must be 1-dimensional, argument {k} has "
                             f"shape {np.shape(a)}")
        if np.dtype(a.dtype) == np.bool_:
            a = _static_nonzero_of(name, a, None)
        elif np.dtype(a.dtype).kind not in "iu":
            raise TypeError(f"{name}(): cross index must be integer or boolean, argument {k} "
                            f"has dtype {np.dtype(a.dtype).name}")
        a = asarray(a, name=name)
        out.append(lax.reshape(a, tuple(a.shape[0] if j == k else 1 for j in range(n))))
    return tuple(out)


def _shape_arg(name: str, shape) -> tuple[int, ...]:
    if _is_int_scalar(shape):
        shape = (shape,)
    try:
        dims = tuple(operator.index(s) for s in shape)
    except TypeError:
        raise TypeError(f"{name}(): shape must be an integer or a sequence of integers, got "
                        f"{shape!r}") from None
    if any(s < 0 for s in dims):
        raise ValueError(f"{name}(): shape must be non-negative, got {dims}")
    return dims


@public(static=("shape",))
def _unravel_index(indices, shape):
    name = "unravel_index"
    i = asarray(indices, name=name)
    size = math.prod(shape)
    if size == 0:
        raise ValueError(f"{name}(): cannot unravel into an empty shape {shape}")
    dtype = i.dtype
    if np.dtype(dtype).itemsize < 4:  # room for i + size
        i = lax.convert_element_type(i, np.int32)
    # jax's rules: negative indices count from the end, then clamp into range.
    top = min(size - 1, np.iinfo(i.dtype).max)
    i = lax.clamp(np.array(0, i.dtype), _normalize(i, size), np.array(top, i.dtype))
    out = []
    for s in reversed(shape):
        out.append(lax.rem(i, _fill(i.shape, s, i.dtype)))
        i = lax.div(i, _fill(i.shape, s, i.dtype))
    return tuple(o if o.dtype == dtype else lax.convert_element_type(o, dtype)
                 for o in reversed(out))


def unravel_index(indices, shape):
    """Convert flat indices into tuples of coordinates in an array of ``shape``.

    Parameters
    ----------
    indices : array_like of int
        Flat indices into an array of ``shape``.
    shape : int or sequence of ints
        Shape of the array.

    Returns
    -------
    tuple of jax.Array
        One array of coordinates per axis, shaped like ``indices``.

    Notes
    -----
    Differences from NumPy: out-of-range indices do not raise: negative ones
    count from the end and the rest are clamped into range (jax's rule).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.unravel_index(jwnp.array([5, 1]), (2, 3))
    (Array([1, 0], dtype=int32), Array([2, 1], dtype=int32))
    """
    name = "unravel_index"
    check_arraylike(name, indices, argnames=("indices",))
    if np.dtype(dtypes.dtype(indices)).kind not in "iu":
        raise TypeError(f"{name}(): indices must have an integer dtype, got "
                        f"{np.dtype(dtypes.dtype(indices)).name}")
    return _unravel_index(indices, _shape_arg(name, shape))


@public(static=("dims", "modes", "order", "dtype"))
def _ravel_multi_index(multi_index, dims, modes, order, dtype):
    out = None
    strides = [1] * len(dims)
    axes = range(len(dims) - 1, -1, -1) if order == "C" else range(len(dims))
    acc = 1
    for j in axes:
        strides[j] = acc
        acc *= dims[j]
    idx = [asarray(m) for m in multi_index]
    shp = broadcast_shapes("ravel_multi_index", *(tuple(m.shape) for m in idx))
    for m, d, st, mode in zip(idx, dims, strides, modes):
        m = lax.convert_element_type(m, dtype) if m.dtype != dtype else m
        m = broadcast_to(m, shp)
        if mode == "wrap":
            m = _wrap_mod(m, d)
        elif mode == "clip":
            m = lax.clamp(np.array(0, dtype), m, np.array(d - 1, dtype))
        term = lax.mul(m, _fill(shp, st, dtype)) if st != 1 else m
        out = term if out is None else lax.add(out, term)
    return out if out is not None else _fill((), 0, dtype)


def ravel_multi_index(multi_index, dims, mode="raise", order="C", *, dtype=None):
    """Convert a tuple of coordinate arrays into flat indices.

    Parameters
    ----------
    multi_index : sequence of array_like of int
        One coordinate array per axis (broadcast together).
    dims : sequence of ints
        Shape of the array the coordinates index.
    mode : {'raise', 'wrap', 'clip'} or a tuple of them, optional
        Out-of-range coordinates: error ('raise', concrete values only),
        wrap around or clamp; one mode per axis if a tuple.
    order : {'C', 'F'}, optional
        Row-major (default) or column-major flattening.
    dtype : integer dtype, optional
        Dtype of the result (default: the coordinates' promoted dtype), as
        in jax; it must hold the largest flat index.

    Returns
    -------
    jax.Array
        Flat indices, shaped like the broadcast coordinates.

    Notes
    -----
    Differences from NumPy: mode='raise' needs concrete coordinates; use
    'wrap' or 'clip' inside jax.jit.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.ravel_multi_index((jwnp.array([0, 1]), jwnp.array([2, 0])), (2, 3))
    Array([2, 3], dtype=int32)
    """
    name = "ravel_multi_index"
    dims = _shape_arg(name, dims)
    multi_index = tuple(multi_index)
    if len(multi_index) != len(dims):
        raise ValueError(f"{name}(): got {len(multi_index)} coordinate arrays for "
                         f"{len(dims)} dims")
    check_arraylike(name, *multi_index)
    if order not in ("C", "F"):
        raise ValueError(f"{name}(): order must be 'C' or 'F', got {order!r}")
    modes = tuple(mode) if isinstance(mode, (tuple, list)) else (mode,) * len(dims)
    if len(modes) != len(dims):
        raise ValueError(f"{name}(): got {len(modes)} modes for {len(dims)} dims")
    for m in modes:
        if m not in ("raise", "wrap", "clip"):
            raise ValueError(f"{name}(): invalid mode {m!r}; expected 'raise', 'wrap' or 'clip'")
    for k, m in enumerate(multi_index):
        if np.dtype(dtypes.dtype(m)).kind not in "iu":
            raise TypeError(f"{name}(): multi_index[{k}] must have an integer dtype, got "
                            f"{np.dtype(dtypes.dtype(m)).name}")
    if dtype is not None:
        dtype = dtypes.check_user_dtype(dtype, name)
        if np.dtype(dtype).kind not in "iu":
            raise TypeError(f"{name}(): dtype must be an integer dtype, got "
                            f"{np.dtype(dtype).name}")
    elif multi_index:
        dtype = dtypes.result_type(*multi_index)
    else:
        dtype = dtypes.default_int_dtype()
    if math.prod(dims) - 1 > np.iinfo(dtype).max:
        raise ValueError(f"{name}(): dtype {np.dtype(dtype).name} cannot hold the flat indices "
                         f"of dims {dims}")
    for k, (m, d, md) in enumerate(zip(multi_index, dims, modes)):
        if md == "raise":
            v = _concrete_check(name, m, f"multi_index[{k}]")
            if np.any((v < 0) | (v >= d)):
                raise ValueError(f"{name}(): invalid entry in coordinates array "
                                 f"multi_index[{k}] (dims[{k}] = {d})")
    modes = tuple("ignore" if m == "raise" else m for m in modes)
    return _ravel_multi_index(multi_index, dims, modes, order, np.dtype(dtype))


@public(static=("n", "ndim"))
def _diag_indices(n, ndim):
    i = lax.iota(dtypes.default_int_dtype(), (n,), 0)
    return (i,) * ndim


def diag_indices(n, ndim=2):
    """The indices of the main diagonal of an ``n``-sided ``ndim``-d array.

    Parameters
    ----------
    n : int
        Size of every axis.
    ndim : int, optional
        Number of axes (default 2).

    Returns
    -------
    tuple of jax.Array
        ``ndim`` copies of ``arange(n)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.diag_indices(3)
    (Array([0, 1, 2], dtype=int32), Array([0, 1, 2], dtype=int32))
    """
    name = "diag_indices"
    n, ndim = _int_arg(name, "n", n), _int_arg(name, "ndim", ndim)
    if n < 0:
        raise ValueError(f"{name}(): n argument must be non-negative, got {n}")
    if ndim < 0:
        raise ValueError(f"{name}(): ndim argument must be non-negative, got {ndim}")
    return _diag_indices(n, ndim)


def diag_indices_from(arr):
    """The indices of the main diagonal of ``arr`` (all axes of equal length).

    Parameters
    ----------
    arr : array_like
        At least 2-d, every axis of the same length.

    Returns
    -------
    tuple of jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.diag_indices_from(jwnp.zeros((2, 2)))
    (Array([0, 1], dtype=int32), Array([0, 1], dtype=int32))
    """
    name = "diag_indices_from"
    check_arraylike(name, arr, argnames=("arr",))
    shape = tuple(np.shape(arr))
    if len(shape) < 2:
        raise ValueError(f"{name}(): input array must be at least 2-d, got {len(shape)}-d")
    if any(s != shape[0] for s in shape):
        raise ValueError(f"{name}(): all dimensions of the input must be of equal length, got "
                         f"shape {shape}")
    return _diag_indices(shape[0], len(shape))


def _host_pair(rows, cols):
    dt = dtypes.default_int_dtype()
    return (asarray(np.asarray(rows, dt)), asarray(np.asarray(cols, dt)))


def _tri_args(name, n, k, m):
    n = _int_arg(name, "n", n)
    k = _int_arg(name, "k", k)
    m = n if m is None else _int_arg(name, "m", m)
    if n < 0 or m < 0:
        raise ValueError(f"{name}(): n and m must be non-negative, got n={n}, m={m}")
    return n, k, m


def tril_indices(n, k=0, m=None):
    """Row and column indices of the lower triangle of an ``(n, m)`` array.

    Parameters
    ----------
    n : int
        Number of rows.
    k : int, optional
        Diagonal offset (positive: above the main diagonal).
    m : int, optional
        Number of columns (default ``n``).

    Returns
    -------
    tuple of two jax.Array
        Row indices, column indices (row-major order).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.tril_indices(2)
    (Array([0, 1, 1], dtype=int32), Array([0, 0, 1], dtype=int32))
    """
    n, k, m = _tri_args("tril_indices", n, k, m)
    return _host_pair(*np.tril_indices(n, k, m))


def triu_indices(n, k=0, m=None):
    """Row and column indices of the upper triangle of an ``(n, m)`` array.

    Parameters
    ----------
    n : int
        Number of rows.
    k : int, optional
        Diagonal offset (positive: above the main diagonal).
    m : int, optional
        Number of columns (default ``n``).

    Returns
    -------
    tuple of two jax.Array
        Row indices, column indices (row-major order).

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.triu_indices(2)
    (Array([0, 0, 1], dtype=int32), Array([0, 1, 1], dtype=int32))
    """
    n, k, m = _tri_args("triu_indices", n, k, m)
    return _host_pair(*np.triu_indices(n, k, m))


def _tri_from(name, arr, k):
    if not hasattr(arr, "shape"):  # anything with a shape will do (only it is used)
        check_arraylike(name, arr, argnames=("arr",))
    shape = tuple(np.shape(arr))
    if len(shape) != 2:
        raise ValueError(f"{name}(): input array must be 2-d, got shape {shape}")
    return shape[0], _int_arg(name, "k", k), shape[1]


def tril_indices_from(arr, k=0):
    """Indices of the lower triangle of the 2-d ``arr`` (see :func:`tril_indices`).

    Parameters
    ----------
    arr : array_like
        A 2-d array (only its shape is used).
    k : int, optional
        Diagonal offset.

    Returns
    -------
    tuple of two jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.tril_indices_from(jwnp.zeros((2, 2)))
    (Array([0, 1, 1], dtype=int32), Array([0, 0, 1], dtype=int32))
    """
    n, k, m = _tri_from("tril_indices_from", arr, k)
    return _host_pair(*np.tril_indices(n, k, m))


def triu_indices_from(arr, k=0):
    """Indices of the upper triangle of the 2-d ``arr`` (see :func:`triu_indices`).

    Parameters
    ----------
    arr : array_like
        A 2-d array (only its shape is used).
    k : int, optional
        Diagonal offset.

    Returns
    -------
    tuple of two jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.triu_indices_from(jwnp.zeros((2, 2)))
    (Array([0, 0, 1], dtype=int32), Array([0, 1, 1], dtype=int32))
    """
    n, k, m = _tri_from("triu_indices_from", arr, k)
    return _host_pair(*np.triu_indices(n, k, m))


def mask_indices(n, mask_func, k=0, *, size=None):
    """Indices where ``mask_func(ones((n, n)), k)`` is non-zero.

    Parameters
    ----------
    n : int
        Size of the square array.
    mask_func : callable
        ``mask_func(a, k)`` returns an array of ``a``'s shape (e.g. ``triu``).
    k : int, optional
        Passed to ``mask_func``.
    size : int, optional
        Static number of indices (pads with 0 / truncates); required when the
        mask is traced (under jax.jit).

    Returns
    -------
    tuple of two jax.Array
        Row and column indices.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.mask_indices(2, jwnp.triu)
    (Array([0, 0, 1], dtype=int32), Array([0, 1, 1], dtype=int32))
    """
    name = "mask_indices"
    n = _int_arg(name, "n", n)
    ones = _fill((n, n), 1, dtypes.default_int_dtype())
    m = mask_func(ones, k)
    if size is None:
        flat = _static_nonzero_of(name, m, None)
    else:
        size = _int_arg(name, "size", size)
        mm = _as_bool(asarray(m))
        flat = _nonzero_1d(lax.reshape(mm, (n * n,)), size, 0)
        flat = lax.convert_element_type(flat, dtypes.default_int_dtype())
        n_ = np.array(max(n, 1), flat.dtype)
        return (lax.div(flat, _fill(flat.shape, n_, flat.dtype)),
                lax.rem(flat, _fill(flat.shape, n_, flat.dtype)))
    return _host_pair(flat // max(n, 1), flat % max(n, 1))


# --- index objects: s_, index_exp, r_, c_, mgrid, ogrid ------------------------------------------
class _IndexExpression:
    """``s_[...]`` returns the index itself; ``index_exp[...]`` always a tuple."""

    def __init__(self, maketuple: bool):
        self.maketuple = maketuple

    def __getitem__(self, item):
        if self.maketuple and not isinstance(item, tuple):
            return (item,)
        return item


s_ = _IndexExpression(maketuple=False)
index_exp = _IndexExpression(maketuple=True)


def _range_of(name: str, s: builtins.slice):
    """A slice as numbers: arange(start, stop, step), or linspace with a
    complex (imaginary) step giving the number of points."""
    from .creation import arange, linspace
    start = 0 if s.start is None else s.start
    step = 1 if s.step is None else s.step
    if isinstance(step, complex) or np.iscomplexobj(step):
        num = int(abs(complex(step)))
        return linspace(start, s.stop, num, endpoint=True)
    if s.stop is None:   # numpy and jax: ``[n:]`` counts like ``arange(n)``, ``[:]`` is empty
        return arange(0, start, step)
    return arange(start, s.stop, step)


class _Grid:
    """``mgrid[...]`` (dense, stacked) / ``ogrid[...]`` (open) grids of ranges."""

    def __init__(self, sparse: bool, name: str):
        self.sparse, self.name = sparse, name

    def __getitem__(self, key):
        from .creation import meshgrid
        from .shape import stack
        if isinstance(key, builtins.slice):
            return _range_of(self.name, key)
        if not isinstance(key, tuple) or not all(isinstance(k, builtins.slice) for k in key):
            raise IndexError(f"{self.name}: index with slices, got {key!r}")
        ranges = [_range_of(self.name, k) for k in key]
        if not ranges:
            return [] if self.sparse else _fill((0,), 0, dtypes.default_int_dtype())
        dt = dtypes.result_type(*ranges)
        ranges = [r if r.dtype == dt else lax.convert_element_type(r, dt) for r in ranges]
        grids = meshgrid(*ranges, indexing="ij", sparse=self.sparse)
        return list(grids) if self.sparse else stack(grids, 0)


mgrid = _Grid(sparse=False, name="mgrid")
ogrid = _Grid(sparse=True, name="ogrid")


class _Concatenator:
    """``r_[...]`` / ``c_[...]``: concatenate slices (as ranges), scalars and
    arrays along an axis; a leading string ``'axis[,ndmin[,trans1d]]'``
    changes the axis, the minimum rank and where 1-d items' axis goes."""

    def __init__(self, axis: int, ndmin: int, trans1d: int, name: str):
        self.axis, self.ndmin, self.trans1d, self.name = axis, ndmin, trans1d, name

    def __getitem__(self, key):
        from .shape import concatenate
        key = key if isinstance(key, tuple) else (key,)
        axis, ndmin, trans1d = self.axis, self.ndmin, self.trans1d
        items, matrix = [], None
        for j, item in enumerate(key):
            if isinstance(item, str):
                if j != 0:
                    raise ValueError(f"{self.name}: a directive string must come first")
                if item in ("r", "c"):
                    # numpy's matrix directives, as jax: a 1-d result becomes a row
                    # (1, n) or a column (n, 1) array; a 2-d result is unchanged
                    matrix = item
                    continue
                try:
                    parts = [int(p) for p in item.split(",")]
                except ValueError:
                    raise ValueError(f"{self.name}: unknown directive {item!r}") from None
                axis = parts[0]
                if len(parts) > 1:
                    ndmin = parts[1]
                if len(parts) > 2:
                    trans1d = parts[2]
                if len(parts) > 3:
                    raise ValueError(f"{self.name}: directive {item!r} has more than 3 parts")
                continue
            if isinstance(item, builtins.slice):
                arr = _range_of(self.name, item)
            else:
                arr = asarray(item, name=self.name)
            if arr.ndim < ndmin:
                extra = ndmin - arr.ndim
                arr = lax.reshape(arr, (1,) * extra + tuple(arr.shape))
                if trans1d != -1:
                    # Move the original axes so they start at trans1d.
                    k1 = trans1d + (extra + 1 if trans1d < 0 else 0)
                    axes = list(range(ndmin))
                    perm = axes[:k1] + axes[extra:] + axes[k1:extra]
                    arr = lax.transpose(arr, perm)
            items.append(arr)
        if not items:
            return _fill((0,), 0, dtypes.default_float_dtype())
        items = [lax.reshape(a, (1,)) if a.ndim == 0 else a for a in items]
        out = concatenate(items, axis=axis)
        if matrix is not None and out.ndim == 1:
            out = lax.reshape(out, (1, out.shape[0]) if matrix == "r" else (out.shape[0], 1))
        return out

    def __len__(self):
        return 0


r_ = _Concatenator(0, 1, -1, "r_")
c_ = _Concatenator(-1, 2, 0, "c_")
