"""Indexing primitives: gather and the scatter family.

gather, scatter (replace), scatter_add, scatter_sub, scatter_mul,
scatter_min, scatter_max.  The wrappers take jax.lax's signatures, with this
module's ``GatherDimensionNumbers`` / ``ScatterDimensionNumbers`` /
``GatherScatterMode`` (jax's own NamedTuples and enum are accepted too and
converted).

Semantics (XLA's gather / scatter, see
https://openxla.org/xla/operation_semantics#gather):

* The index vector is always the *last* axis of the indices; the other axes
  of the indices are batch axes of the output (gather) / scatter axes of the
  updates (scatter).
* ``operand_batching_dims`` / ``start_indices_batching_dims`` (resp.
  ``scatter_indices_batching_dims``) pair operand axes with index axes that
  are walked in lockstep (no index component); vmap uses them.
* Modes for out-of-bounds windows (an index ``i`` on operand axis ``d`` is in
  bounds when ``0 <= i <= shape[d] - window[d]``):

  - ``CLIP``: indices are clamped into bounds.  XLA's gather clamps natively;
    scatter clamps explicitly in the lowering.
  - ``FILL_OR_DROP``: gather returns ``fill_value`` for every out-of-bounds
    window (the lowering gathers, then selects with an in-bounds mask);
    scatter skips out-of-bounds updates (XLA's native scatter behaviour).
  - ``PROMISE_IN_BOUNDS``: the caller promises in-bounds indices; the result
    is otherwise implementation-defined (XLA clamps gathers, drops scatters).

  Defaults follow jax.lax: gather ``PROMISE_IN_BOUNDS``, scatter
  ``FILL_OR_DROP``.

Derivatives: gather is linear in the operand (transpose: scatter_add);
scatter_add / scatter_sub are linear (transpose: gather); scatter's JVP is
exact for unique indices and, for repeated ones, first decides which update
wins every location (by scattering update ids) so value and tangent agree;
scatter_mul's JVP in the updates needs ``unique_indices=True`` (else
NotImplementedError, like jax); scatter_min / scatter_max split the tangent
evenly between tied contributors.  Batching moves the vmapped axis into an
offset/window axis when only the operand is batched, into the index batch
axes when only the indices are, and into ``operand_batching_dims`` otherwise.
"""

from __future__ import annotations

import enum
import operator
from typing import NamedTuple

import numpy as np

from .. import _jax
from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import dense_int_array, hlo, ir
from ._base import (
    BOOL,
    COMPLEX,
    FLOAT,
    INEXACT,
    INT,
    SINT,
    UINT,
    aval,
    aval_of,
    define,
    full,
    instantiate,
    is_zero,
    kind,
    out_type,
)

__all__ = [
    "GatherDimensionNumbers",
    "GatherScatterMode",
    "ScatterDimensionNumbers",
    "gather",
    "scatter",
    "scatter_add",
    "scatter_max",
    "scatter_min",
    "scatter_mul",
    "scatter_sub",
]


# --- lazy access to sibling families (they import each other) ---------------------
def _ew():
    from . import elementwise
    return elementwise


def _st():
    from . import structural
    return structural


def _red():
    from . import reductions
    return reductions


# --- parameters -------------------------------------------------------------------------
class GatherScatterMode(enum.Enum):
    """What gather / scatter do with out-of-bounds indices (see the module doc)."""

    CLIP = "clip"
    FILL_OR_DROP = "fill"
    PROMISE_IN_BOUNDS = "promise_in_bounds"

    @staticmethod
    def from_any(s) -> GatherScatterMode:
        """A mode from a mode, jax's mode enum, a string or None (FILL_OR_DROP)."""
        if isinstance(s, GatherScatterMode):
            return s
        if s is None:
            return GatherScatterMode.FILL_OR_DROP
        name = getattr(s, "name", None)  # jax.lax.GatherScatterMode
        if name in GatherScatterMode.__members__:
            return GatherScatterMode[name]
        if s in ("fill", "drop"):
            return GatherScatterMode.FILL_OR_DROP
        if s == "clip":
            return GatherScatterMode.CLIP
        if s == "promise_in_bounds":
            return GatherScatterMode.PROMISE_IN_BOUNDS
        raise ValueError(f"unknown gather/scatter mode {s!r}; expected 'clip', 'fill', 'drop' "
                         "or 'promise_in_bounds'")


class GatherDimensionNumbers(NamedTuple):
    """How the operand, the start indices and the output of a gather relate.

    offset_dims: output axes that hold the slice (window) axes, in operand order.
    collapsed_slice_dims: operand axes of window size 1 that are dropped.
    start_index_map: operand axis indexed by each component of the index vector.
    operand_batching_dims / start_indices_batching_dims: paired axes walked in
    lockstep (operand window size 1, dropped from the output).
    """

    offset_dims: tuple[int, ...]
    collapsed_slice_dims: tuple[int, ...]
    start_index_map: tuple[int, ...]
    operand_batching_dims: tuple[int, ...] = ()
    start_indices_batching_dims: tuple[int, ...] = ()


class ScatterDimensionNumbers(NamedTuple):
    """How the operand, the scatter indices and the updates of a scatter relate.

    update_window_dims: updates axes that form the window, in operand order.
    inserted_window_dims: operand axes with window size 1 absent from updates.
    scatter_dims_to_operand_dims: operand axis indexed by each index component.
    operand_batching_dims / scatter_indices_batching_dims: paired axes walked
    in lockstep (window size 1, absent from the updates' window).
    """

    update_window_dims: tuple[int, ...]
    inserted_window_dims: tuple[int, ...]
    scatter_dims_to_operand_dims: tuple[int, ...]
    operand_batching_dims: tuple[int, ...] = ()
    scatter_indices_batching_dims: tuple[int, ...] = ()


def _int_tuple(prim: str, param: str, xs) -> tuple[int, ...]:
    try:
        return tuple(operator.index(x) for x in xs)
    except TypeError:
        raise TypeError(f"{prim}: {param} must be a sequence of integers, got {xs!r}") from None


def _gather_dnums(dn) -> GatherDimensionNumbers:
    if not isinstance(dn, GatherDimensionNumbers):
        dn = GatherDimensionNumbers(*dn)  # jax's NamedTuple or a plain tuple
    return GatherDimensionNumbers(*(_int_tuple("gather", f, v)
                                    for f, v in zip(dn._fields, dn)))


def _scatter_dnums(prim: str, dn) -> ScatterDimensionNumbers:
    if not isinstance(dn, ScatterDimensionNumbers):
        dn = ScatterDimensionNumbers(*dn)
    return ScatterDimensionNumbers(*(_int_tuple(prim, f, v) for f, v in zip(dn._fields, dn)))


def default_fill_value(dtype):
    """jax's fill for out-of-bounds gathers: NaN (inexact), the lowest signed
    integer, the highest unsigned integer, True (bool)."""
    k = kind(dtype)
    if k in (BOOL,):
        return True
    if k == SINT:
        return int(np.iinfo(dtype).min)
    if k == UINT:
        return int(np.iinfo(dtype).max)
    return np.nan


# --- shared checks ------------------------------------------------------------------------
def _check_dims(prim: str, param: str, dims, rank: int, *, sorted_: bool = False) -> None:
    if any(not 0 <= d < rank for d in dims):
        raise ValueError(f"{prim}: {param}={dims} out of range for rank {rank}")
    if len(set(dims)) != len(dims):
        raise ValueError(f"{prim}: {param}={dims} has repeated entries")
    if sorted_ and list(dims) != sorted(dims):
        raise ValueError(f"{prim}: {param}={dims} must be sorted")


def _check_indices(prim: str, idx, n_vec: int) -> None:
    if kind(idx.dtype) not in INT:
        raise TypeError(f"{prim}: indices must have an integer dtype, got "
                        f"{np.dtype(idx.dtype).name}")
    if idx.ndim < 1:
        raise TypeError(f"{prim}: indices must have at least one axis (the index vector is "
                        f"the last axis), got a scalar")
    if idx.shape[-1] != n_vec:
        raise TypeError(f"{prim}: the index vector (last axis of indices, shape "
                        f"{tuple(idx.shape)}) must have {n_vec} components, one per entry of "
                        "the index map")


def _check_batching(prim: str, op_param: str, idx_param: str, op_dims, idx_dims, op, idx):
    _check_dims(prim, op_param, op_dims, op.ndim, sorted_=True)
    _check_dims(prim, idx_param, idx_dims, idx.ndim - 1)
    if len(op_dims) != len(idx_dims):
        raise ValueError(f"{prim}: {op_param}={op_dims} and {idx_param}={idx_dims} must have "
                         "equal lengths")
    for a, b in zip(op_dims, idx_dims):
        if op.shape[a] != idx.shape[b]:
            raise TypeError(f"{prim}: operand axis {a} (size {op.shape[a]}) is batched with "
                            f"indices axis {b} (size {idx.shape[b]}); sizes must be equal")


# --- gather ---------------------------------------------------------------------------------
def _gather_shape(op_shape, idx_shape, dn: GatherDimensionNumbers, slice_sizes):
    """Output shape: index batch axes where not offset_dims, window sizes there."""
    dropped = set(dn.collapsed_slice_dims) | set(dn.operand_batching_dims)
    window = [s for d, s in enumerate(slice_sizes) if d not in dropped]
    batch = list(idx_shape[:-1])
    rank = len(batch) + len(window)
    win, bat = iter(window), iter(batch)
    offs = set(dn.offset_dims)
    return tuple(next(win) if i in offs else next(bat) for i in range(rank))


def _gather_abstract_eval(x, idx, *, dimension_numbers, slice_sizes, unique_indices,
                          indices_are_sorted, mode, fill_value):
    name, dn = "gather", dimension_numbers
    _check_indices(name, idx, len(dn.start_index_map))
    if len(slice_sizes) != x.ndim:
        raise ValueError(f"{name}: slice_sizes={slice_sizes} must have one entry per operand "
                         f"axis (rank {x.ndim})")
    if any(not 0 <= s <= n for s, n in zip(slice_sizes, x.shape)):
        raise ValueError(f"{name}: slice_sizes={slice_sizes} must lie between 0 and the operand "
                         f"shape {tuple(x.shape)}")
    _check_dims(name, "collapsed_slice_dims", dn.collapsed_slice_dims, x.ndim, sorted_=True)
    _check_dims(name, "start_index_map", dn.start_index_map, x.ndim)
    _check_batching(name, "operand_batching_dims", "start_indices_batching_dims",
                    dn.operand_batching_dims, dn.start_indices_batching_dims, x, idx)
    if set(dn.collapsed_slice_dims) & set(dn.operand_batching_dims):
        raise ValueError(f"{name}: collapsed_slice_dims and operand_batching_dims overlap")
    if set(dn.start_index_map) & set(dn.operand_batching_dims):
        raise ValueError(f"{name}: start_index_map and operand_batching_dims overlap")
    for d in dn.collapsed_slice_dims + dn.operand_batching_dims:
        if slice_sizes[d] > 1:
            raise ValueError(f"{name}: slice_sizes[{d}]={slice_sizes[d]} must be 0 or 1 on a "
                             "collapsed or batching operand axis")
    n_window = x.ndim - len(dn.collapsed_slice_dims) - len(dn.operand_batching_dims)
    if len(dn.offset_dims) != n_window:
        raise ValueError(f"{name}: offset_dims={dn.offset_dims} must have one entry per "
                         f"operand axis that is neither collapsed nor batching ({n_window})")
    _check_dims(name, "offset_dims", dn.offset_dims, n_window + idx.ndim - 1, sorted_=True)
    if not isinstance(mode, GatherScatterMode):
        raise TypeError(f"{name}: mode must be a GatherScatterMode, got {mode!r}")
    return aval(_gather_shape(x.shape, idx.shape, dn, slice_sizes), x.dtype, x.weak_type)


def _compare_type(dtype):
    return hlo.ComparisonTypeAttr.get("SIGNED" if kind(dtype) == SINT else "UNSIGNED")


def _upper_bounds(op_shape, window, index_map, idx_dtype):
    """``shape[d] - window[d]`` per index component, capped to the index dtype."""
    top = np.iinfo(idx_dtype).max
    return np.array([min(op_shape[d] - window[d], top) for d in index_map], idx_dtype)


def _bounds_ir(idx_aval, bounds):
    """``bounds`` (one per index component) broadcast to the indices' shape."""
    ty = mlir.aval_to_ir_type(idx_aval)
    return hlo.broadcast_in_dim(ty, mlir.ir_constant(bounds),
                                dense_int_array([idx_aval.ndim - 1]))


def _in_bounds_mask(idx, idx_aval, bounds):
    """bool[batch shape]: every component of the index vector is in [0, bound]."""
    ct = _compare_type(idx_aval.dtype)
    ok = hlo.compare(idx, _bounds_ir(idx_aval, bounds), hlo.ComparisonDirectionAttr.get("LE"),
                     compare_type=ct)
    if kind(idx_aval.dtype) == SINT:
        zero = mlir.full_like_aval(0, idx_aval)
        ge = hlo.compare(idx, zero, hlo.ComparisonDirectionAttr.get("GE"), compare_type=ct)
        ok = hlo.and_(ok, ge)
    bool_scalar = mlir.aval_to_ir_type(aval((), np.bool_))
    batch = tuple(idx_aval.shape[:-1])
    red = hlo.ReduceOp([mlir.aval_to_ir_type(aval(batch, np.bool_))], [ok],
                       [mlir.ir_constant(np.array(True))],
                       dense_int_array([idx_aval.ndim - 1]))
    body = red.regions[0].blocks.append(bool_scalar, bool_scalar)
    with ir.InsertionPoint(body):
        hlo.return_([hlo.and_(*body.arguments)])
    return red.result


def _gather_lowering(ctx, x, idx, *, dimension_numbers, slice_sizes, unique_indices,
                     indices_are_sorted, mode, fill_value):
    dn = dimension_numbers
    x_aval, idx_aval = ctx.avals_in
    out_aval = ctx.avals_out[0]
    if 0 in out_aval.shape:
        return [mlir.full_like_aval(0, out_aval)]
    hdn = hlo.GatherDimensionNumbers.get(
        offset_dims=list(dn.offset_dims), collapsed_slice_dims=list(dn.collapsed_slice_dims),
        operand_batching_dims=list(dn.operand_batching_dims),
        start_indices_batching_dims=list(dn.start_indices_batching_dims),
        start_index_map=list(dn.start_index_map), index_vector_dim=idx_aval.ndim - 1)
    out = hlo.gather(x, idx, hdn, dense_int_array(slice_sizes),
                     indices_are_sorted=ir.BoolAttr.get(indices_are_sorted))
    if mode != GatherScatterMode.FILL_OR_DROP or not dn.start_index_map:
        return [out]  # XLA clamps: that is CLIP, and a valid PROMISE_IN_BOUNDS
    bounds = _upper_bounds(x_aval.shape, slice_sizes, dn.start_index_map, idx_aval.dtype)
    mask = _in_bounds_mask(idx, idx_aval, bounds)
    batch_pos = [i for i in range(out_aval.ndim) if i not in dn.offset_dims]
    mask = hlo.broadcast_in_dim(mlir.aval_to_ir_type(aval(out_aval.shape, np.bool_)), mask,
                                dense_int_array(batch_pos))
    fill = default_fill_value(out_aval.dtype) if fill_value is None else fill_value
    return [hlo.select(mask, out, mlir.full_like_aval(fill, out_aval))]


def _gather_to_scatter_dnums(dn: GatherDimensionNumbers) -> ScatterDimensionNumbers:
    return ScatterDimensionNumbers(
        update_window_dims=dn.offset_dims, inserted_window_dims=dn.collapsed_slice_dims,
        scatter_dims_to_operand_dims=dn.start_index_map,
        operand_batching_dims=dn.operand_batching_dims,
        scatter_indices_batching_dims=dn.start_indices_batching_dims)


def _scatter_to_gather(dn: ScatterDimensionNumbers, op_shape, upd_shape):
    """Gather dimension numbers and slice sizes reading back a scatter's windows."""
    gdn = GatherDimensionNumbers(
        offset_dims=dn.update_window_dims, collapsed_slice_dims=dn.inserted_window_dims,
        start_index_map=dn.scatter_dims_to_operand_dims,
        operand_batching_dims=dn.operand_batching_dims,
        start_indices_batching_dims=dn.scatter_indices_batching_dims)
    return gdn, _scatter_window(dn, op_shape, upd_shape)


def _scatter_window(dn: ScatterDimensionNumbers, op_shape, upd_shape) -> tuple[int, ...]:
    """The window size on every operand axis (1 on inserted and batching axes)."""
    sizes, pos = [], 0
    for d in range(len(op_shape)):
        if d in dn.inserted_window_dims or d in dn.operand_batching_dims:
            sizes.append(1)
        else:
            sizes.append(upd_shape[dn.update_window_dims[pos]])
            pos += 1
    return tuple(sizes)


def _gather_jvp(primals, tangents, **params):
    x, idx = primals
    t, _ = tangents
    out = gather_p.bind(x, idx, **params)
    if is_zero(t) or kind(aval_of(out).dtype) not in INEXACT:
        return out, ad.Zero(aval_of(out).to_tangent_aval())
    return out, gather_p.bind(t, idx, **{**params, "fill_value": 0})


def _gather_transpose(ct, x, idx, *, dimension_numbers, slice_sizes, unique_indices,
                      indices_are_sorted, mode, fill_value):
    if ad.is_undefined_primal(idx):
        raise ValueError("gather: indices cannot be a linear input")
    shape, dtype = tuple(x.aval.shape), x.aval.dtype
    if is_zero(ct):
        return [ad.Zero(x.aval), None]
    zeros = full(shape, 0, dtype)
    out = scatter_add_p.bind(zeros, idx, ct,
                             dimension_numbers=_gather_to_scatter_dnums(dimension_numbers),
                             indices_are_sorted=indices_are_sorted,
                             unique_indices=unique_indices, mode=mode)
    return [out, None]


def _shift(dims, k: int = 1) -> tuple[int, ...]:
    return tuple(d + k for d in dims)


def _gather_batch(args, dims, *, dimension_numbers, slice_sizes, **params):
    (x, idx), (dx, di) = args, dims
    dn = dimension_numbers
    if di is None:
        # Only the operand is batched: the batch axis is one more window
        # axis, the first operand axis, shown as output axis 0.
        x = batching.moveaxis(x, dx, 0)
        new = GatherDimensionNumbers(
            offset_dims=(0,) + _shift(dn.offset_dims),
            collapsed_slice_dims=_shift(dn.collapsed_slice_dims),
            start_index_map=_shift(dn.start_index_map),
            operand_batching_dims=_shift(dn.operand_batching_dims),
            start_indices_batching_dims=dn.start_indices_batching_dims)
        sizes = (x.shape[0],) + tuple(slice_sizes)
        return gather_p.bind(x, idx, dimension_numbers=new, slice_sizes=sizes, **params), 0
    idx = batching.moveaxis(idx, di, 0)
    if dx is None:
        # Only the indices are batched: one more index batch axis, which comes
        # first among the output's batch axes; keep it at output axis 0.
        new = dn._replace(offset_dims=_shift(dn.offset_dims),
                          start_indices_batching_dims=_shift(dn.start_indices_batching_dims))
        return gather_p.bind(x, idx, dimension_numbers=new, slice_sizes=slice_sizes,
                             **params), 0
    # Both batched: pair the two batch axes as batching dims.
    x = batching.moveaxis(x, dx, 0)
    new = GatherDimensionNumbers(
        offset_dims=_shift(dn.offset_dims),
        collapsed_slice_dims=_shift(dn.collapsed_slice_dims),
        start_index_map=_shift(dn.start_index_map),
        operand_batching_dims=(0,) + _shift(dn.operand_batching_dims),
        start_indices_batching_dims=(0,) + _shift(dn.start_indices_batching_dims))
    sizes = (1,) + tuple(slice_sizes)
    return gather_p.bind(x, idx, dimension_numbers=new, slice_sizes=sizes, **params), 0


gather_p = define("gather", _gather_abstract_eval, _gather_lowering)
ad.primitive_jvps[gather_p] = _gather_jvp
ad.deftranspose(gather_p, _gather_transpose)
batching.primitive_batchers[gather_p] = _gather_batch


def _fill_param(fill_value, mode):
    if fill_value is None or mode != GatherScatterMode.FILL_OR_DROP:
        return None
    if _jax.is_tracer(fill_value) or np.ndim(fill_value) != 0:
        raise ValueError("gather: fill_value must be a static scalar")
    v = np.asarray(fill_value).item()
    # One NaN object, so equal parameters hash and compare equal (caching).
    return np.nan if isinstance(v, float) and v != v else v


def gather(operand, start_indices, dimension_numbers, slice_sizes, *, unique_indices=False,
           indices_are_sorted=False, mode=None, fill_value=None):
    """XLA's gather: windows of ``operand`` of size ``slice_sizes`` starting at
    the index vectors in the last axis of ``start_indices`` (jax.lax.gather's
    signature; ``mode=None`` is PROMISE_IN_BOUNDS, ``fill_value`` applies to
    FILL_OR_DROP and defaults to :func:`default_fill_value`)."""
    mode = GatherScatterMode.PROMISE_IN_BOUNDS if mode is None else \
        GatherScatterMode.from_any(mode)
    return gather_p.bind(operand, start_indices,
                         dimension_numbers=_gather_dnums(dimension_numbers),
                         slice_sizes=_int_tuple("gather", "slice_sizes", slice_sizes),
                         unique_indices=bool(unique_indices),
                         indices_are_sorted=bool(indices_are_sorted), mode=mode,
                         fill_value=_fill_param(fill_value, mode))


# --- the scatter family -----------------------------------------------------------------------
def _scatter_abstract_eval(name: str, kinds):
    def rule(x, idx, upd, *, dimension_numbers, indices_are_sorted, unique_indices, mode):
        dn = dimension_numbers
        if np.dtype(x.dtype) != np.dtype(upd.dtype):
            raise TypeError(f"{name}: operand and updates must have equal dtypes, got "
                            f"{np.dtype(x.dtype).name} and {np.dtype(upd.dtype).name}")
        if kind(x.dtype) not in kinds:
            raise TypeError(f"{name} does not accept operands of dtype {np.dtype(x.dtype).name}")
        _check_indices(name, idx, len(dn.scatter_dims_to_operand_dims))
        _check_dims(name, "update_window_dims", dn.update_window_dims, upd.ndim, sorted_=True)
        _check_dims(name, "inserted_window_dims", dn.inserted_window_dims, x.ndim, sorted_=True)
        _check_dims(name, "scatter_dims_to_operand_dims", dn.scatter_dims_to_operand_dims,
                    x.ndim)
        _check_batching(name, "operand_batching_dims", "scatter_indices_batching_dims",
                        dn.operand_batching_dims, dn.scatter_indices_batching_dims, x, idx)
        if set(dn.inserted_window_dims) & set(dn.operand_batching_dims):
            raise ValueError(f"{name}: inserted_window_dims and operand_batching_dims overlap")
        if set(dn.scatter_dims_to_operand_dims) & set(dn.operand_batching_dims):
            raise ValueError(f"{name}: scatter_dims_to_operand_dims and operand_batching_dims "
                             "overlap")
        n = len(dn.update_window_dims) + len(dn.inserted_window_dims) + \
            len(dn.operand_batching_dims)
        if n != x.ndim:
            raise ValueError(f"{name}: update_window_dims, inserted_window_dims and "
                             f"operand_batching_dims must cover the {x.ndim} operand axes "
                             f"once each (got {n})")
        scatter_shape = tuple(s for i, s in enumerate(upd.shape)
                              if i not in dn.update_window_dims)
        if scatter_shape != tuple(idx.shape[:-1]):
            raise TypeError(f"{name}: the non-window axes of updates {tuple(upd.shape)} must "
                            f"match the batch axes of indices {tuple(idx.shape[:-1])}")
        window = _scatter_window(dn, x.shape, upd.shape)
        if any(w > s for w, s in zip(window, x.shape)):
            raise TypeError(f"{name}: update window {window} larger than the operand "
                            f"{tuple(x.shape)}")
        if not isinstance(mode, GatherScatterMode):
            raise TypeError(f"{name}: mode must be a GatherScatterMode, got {mode!r}")
        return aval(x.shape, x.dtype, x.weak_type)
    return rule


def _combiner(name: str, dtype):
    """The scatter's update computation on two scalars (old, new)."""
    boolean = kind(dtype) == BOOL
    return {
        "scatter": lambda a, b: b,
        "scatter_add": hlo.or_ if boolean else hlo.add,
        "scatter_sub": hlo.subtract,
        "scatter_mul": hlo.and_ if boolean else hlo.multiply,
        "scatter_min": hlo.and_ if boolean else hlo.minimum,
        "scatter_max": hlo.or_ if boolean else hlo.maximum,
    }[name]


def _scatter_lowering(name: str):
    def rule(ctx, x, idx, upd, *, dimension_numbers, indices_are_sorted, unique_indices, mode):
        dn = dimension_numbers
        x_aval, idx_aval, upd_aval = ctx.avals_in
        if 0 in upd_aval.shape or 0 in x_aval.shape:
            return [x]
        if mode == GatherScatterMode.CLIP and dn.scatter_dims_to_operand_dims:
            window = _scatter_window(dn, x_aval.shape, upd_aval.shape)
            bounds = _upper_bounds(x_aval.shape, window, dn.scatter_dims_to_operand_dims,
                                   idx_aval.dtype)
            idx = hlo.clamp(mlir.ir_constant(np.zeros((), idx_aval.dtype)), idx,
                            _bounds_ir(idx_aval, bounds))
        hdn = hlo.ScatterDimensionNumbers.get(
            update_window_dims=list(dn.update_window_dims),
            inserted_window_dims=list(dn.inserted_window_dims),
            input_batching_dims=list(dn.operand_batching_dims),
            scatter_indices_batching_dims=list(dn.scatter_indices_batching_dims),
            scattered_dims_to_operand_dims=list(dn.scatter_dims_to_operand_dims),
            index_vector_dim=idx_aval.ndim - 1)
        op = hlo.ScatterOp((out_type(ctx),), [x], idx, [upd], hdn,
                           indices_are_sorted=ir.BoolAttr.get(indices_are_sorted),
                           unique_indices=ir.BoolAttr.get(unique_indices))
        scalar = mlir.aval_to_ir_type(aval((), x_aval.dtype))
        body = op.update_computation.blocks.append(scalar, scalar)
        with ir.InsertionPoint(body):
            hlo.return_([_combiner(name, x_aval.dtype)(*body.arguments)])
        return op.results
    rule.__name__ = f"_{name}_lowering"
    return rule


def _scatter_batch(prim):
    def rule(args, dims, *, dimension_numbers, **params):
        (x, idx, upd), (dx, di, du) = args, dims
        dn = dimension_numbers
        size = batching.batch_size(args, dims)
        x = batching.bdim_at_front(x, dx, size)
        upd = batching.bdim_at_front(upd, du, size)
        if di is None:
            # Indices shared by the batch: the batch axis is one more window
            # axis (updates axis 0 <-> operand axis 0).
            new = ScatterDimensionNumbers(
                update_window_dims=(0,) + _shift(dn.update_window_dims),
                inserted_window_dims=_shift(dn.inserted_window_dims),
                scatter_dims_to_operand_dims=_shift(dn.scatter_dims_to_operand_dims),
                operand_batching_dims=_shift(dn.operand_batching_dims),
                scatter_indices_batching_dims=dn.scatter_indices_batching_dims)
            return prim.bind(x, idx, upd, dimension_numbers=new, **params), 0
        idx = batching.moveaxis(idx, di, 0)
        new = ScatterDimensionNumbers(
            update_window_dims=_shift(dn.update_window_dims),
            inserted_window_dims=_shift(dn.inserted_window_dims),
            scatter_dims_to_operand_dims=_shift(dn.scatter_dims_to_operand_dims),
            operand_batching_dims=(0,) + _shift(dn.operand_batching_dims),
            scatter_indices_batching_dims=(0,) + _shift(dn.scatter_indices_batching_dims))
        return prim.bind(x, idx, upd, dimension_numbers=new, **params), 0
    return rule


def _define_scatter(name: str, kinds):
    prim = define(name, _scatter_abstract_eval(name, kinds), _scatter_lowering(name))
    batching.primitive_batchers[prim] = _scatter_batch(prim)
    return prim


_ALL = (BOOL, SINT, UINT, FLOAT, COMPLEX)
_ORDERED = (BOOL, SINT, UINT, FLOAT)
scatter_p = _define_scatter("scatter", _ALL)
scatter_add_p = _define_scatter("scatter_add", _ALL)
scatter_sub_p = _define_scatter("scatter_sub", (SINT, UINT, FLOAT, COMPLEX))
scatter_mul_p = _define_scatter("scatter_mul", _ALL)
scatter_min_p = _define_scatter("scatter_min", _ORDERED)
scatter_max_p = _define_scatter("scatter_max", _ORDERED)


# --- derivative helpers --------------------------------------------------------------------
def _zero_out(out):
    return ad.Zero(aval_of(out).to_tangent_aval())


def _gather_back(prim_params, y, idx, upd_shape, fill=0):
    """Read ``y`` at the windows a scatter with these params wrote (fill 0 when dropped)."""
    dn = prim_params["dimension_numbers"]
    gdn, sizes = _scatter_to_gather(dn, tuple(np.shape(y)), upd_shape)
    return gather_p.bind(y, idx, dimension_numbers=gdn, slice_sizes=sizes,
                         unique_indices=prim_params["unique_indices"],
                         indices_are_sorted=prim_params["indices_are_sorted"],
                         mode=prim_params["mode"], fill_value=fill)


def _zeros(shape, dtype):
    return full(shape, 0, dtype)


def _select(pred, on_true, on_false):
    return _st().select_n(pred, on_false, on_true)


# --- scatter_add / scatter_sub: linear -----------------------------------------------------
def _scatter_addsub_jvp(prim):
    def jvp(primals, tangents, **params):
        x, idx, upd = primals
        tx, _, tu = tangents
        out = prim.bind(x, idx, upd, **params)
        if kind(aval_of(out).dtype) not in INEXACT or (is_zero(tx) and is_zero(tu)):
            return out, _zero_out(out)
        return out, prim.bind(instantiate(tx, x), idx, instantiate(tu, upd), **params)
    return jvp


def _scatter_addsub_transpose(prim):
    def transpose(ct, x, idx, upd, **params):
        if ad.is_undefined_primal(idx):
            raise ValueError(f"{prim.name}: indices cannot be a linear input")
        upd_shape = tuple(upd.aval.shape) if ad.is_undefined_primal(upd) else np.shape(upd)
        if is_zero(ct):
            return [ad.Zero(x.aval) if ad.is_undefined_primal(x) else None, None,
                    ad.Zero(upd.aval) if ad.is_undefined_primal(upd) else None]
        ct_x = ct if ad.is_undefined_primal(x) else None
        ct_u = None
        if ad.is_undefined_primal(upd):
            ct_u = _gather_back(params, ct, idx, upd_shape)
            if prim is scatter_sub_p:
                ct_u = _ew().neg(ct_u)
        return [ct_x, None, ct_u]
    return transpose


def _complex128_split(prim):
    """GPU lowering: XLA:GPU has no atomic complex128 add, so a complex128
    scatter_add / scatter_sub runs as two float64 scatters (real, imaginary)."""
    default = _scatter_lowering(prim.name)

    def split(x, idx, upd, **params):
        ew = _ew()
        parts = [prim.bind(f(x), idx, f(upd), **params) for f in (ew.real, ew.imag)]
        return ew.complex(*parts)
    lowered = mlir.lower_fun(split, multiple_results=False)

    def rule(ctx, x, idx, upd, **params):
        if np.dtype(ctx.avals_in[0].dtype) != np.complex128:
            return default(ctx, x, idx, upd, **params)
        return lowered(ctx, x, idx, upd, **params)
    return rule


for _p in (scatter_add_p, scatter_sub_p):
    ad.primitive_jvps[_p] = _scatter_addsub_jvp(_p)
    ad.deftranspose(_p, _scatter_addsub_transpose(_p))
    mlir.register_lowering(_p, _complex128_split(_p), "gpu")


# --- scatter (replace) -----------------------------------------------------------------------
def _scatter_jvp(primals, tangents, **params):
    x, idx, upd = primals
    tx, _, tu = tangents
    if kind(aval_of(x).dtype) not in INEXACT or (is_zero(tx) and is_zero(tu)):
        out = scatter_p.bind(x, idx, upd, **params)
        return out, _zero_out(out)
    tx, tu = instantiate(tx, x), instantiate(tu, upd)
    if params["unique_indices"]:
        return scatter_p.bind(x, idx, upd, **params), scatter_p.bind(tx, idx, tu, **params)
    # Repeated indices: XLA picks one winner per location in an unspecified
    # way. Scatter update ids (1, 2, ...; 0 = untouched) to fix the winners,
    # keep only the winning updates and recombine with scatter_add, so the
    # value and its tangent use the same winners.
    ew, st = _ew(), _st()
    dn = params["dimension_numbers"]
    upd_shape, x_shape = tuple(np.shape(upd)), tuple(np.shape(x))
    scatter_axes = [i for i in range(len(upd_shape)) if i not in dn.update_window_dims]
    n_ids = int(np.prod([upd_shape[i] for i in scatter_axes], dtype=np.int64))
    id_dtype = np.int32 if n_ids < 2**31 - 1 else np.int64
    ids_core = tuple(upd_shape[i] for i in scatter_axes)
    ids = ew.add(st.iota(id_dtype, (max(n_ids, 1),), 0), np.array(1, id_dtype))
    ids = st.reshape(st.slice(ids, (0,), (n_ids,)), ids_core)
    ids = st.broadcast_in_dim(ids, upd_shape, tuple(scatter_axes))
    won = scatter_p.bind(_zeros(x_shape, id_dtype), idx, ids, **params)
    back = _gather_back(params, won, idx, upd_shape)
    keep = ew.eq(ids, back)
    untouched = ew.eq(won, _zeros(x_shape, id_dtype))
    add_params = {**params, "unique_indices": False}

    def combine(base, u):
        base = _select(untouched, base, _zeros(x_shape, aval_of(base).dtype))
        u = _select(keep, u, _zeros(upd_shape, aval_of(u).dtype))
        return scatter_add_p.bind(base, idx, u, **add_params)
    return combine(x, upd), combine(tx, tu)


def _scatter_transpose(ct, x, idx, upd, **params):
    # Linear (in operand and updates together) only with unique indices: then
    # every location is either kept from the operand or set by one update.
    if not params["unique_indices"]:
        raise NotImplementedError("scatter transpose needs unique_indices=True (its JVP with "
                                  "repeated indices does not produce it)")
    if ad.is_undefined_primal(idx):
        raise ValueError("scatter: indices cannot be a linear input")
    upd_shape = tuple(upd.aval.shape) if ad.is_undefined_primal(upd) else np.shape(upd)
    if is_zero(ct):
        return [ad.Zero(x.aval) if ad.is_undefined_primal(x) else None, None,
                ad.Zero(upd.aval) if ad.is_undefined_primal(upd) else None]
    ct_x = ct_u = None
    if ad.is_undefined_primal(x):
        ct_x = scatter_p.bind(ct, idx, _zeros(upd_shape, aval_of(ct).dtype), **params)
    if ad.is_undefined_primal(upd):
        ct_u = _gather_back(params, ct, idx, upd_shape)
    return [ct_x, None, ct_u]


ad.primitive_jvps[scatter_p] = _scatter_jvp
ad.deftranspose(scatter_p, _scatter_transpose)


# --- scatter_mul ---------------------------------------------------------------------------------
def _scatter_mul_jvp(primals, tangents, **params):
    x, idx, upd = primals
    tx, _, tu = tangents
    out = scatter_mul_p.bind(x, idx, upd, **params)
    if kind(aval_of(out).dtype) not in INEXACT or (is_zero(tx) and is_zero(tu)):
        return out, _zero_out(out)
    ew = _ew()
    x_shape, dtype = tuple(np.shape(x)), aval_of(x).dtype
    t = None
    if not is_zero(tx):
        # out = x * s with s the product of the updates landing on each location.
        ones = full(x_shape, 1, dtype)
        t = ew.mul(tx, scatter_mul_p.bind(ones, idx, upd, **params))
    if not is_zero(tu):
        if not params["unique_indices"]:
            raise NotImplementedError("scatter_mul: the derivative with respect to the updates "
                                      "needs unique_indices=True")
        # Unique: out = x * u at a written location, so d out = x * du there.
        tu_part = ew.mul(x, scatter_p.bind(_zeros(x_shape, dtype), idx, tu, **params))
        t = tu_part if t is None else ew.add(t, tu_part)
    return out, t


ad.primitive_jvps[scatter_mul_p] = _scatter_mul_jvp


# --- scatter_min / scatter_max ------------------------------------------------------------------
def _scatter_extremum_jvp(prim):
    def jvp(primals, tangents, **params):
        x, idx, upd = primals
        tx, _, tu = tangents
        out = prim.bind(x, idx, upd, **params)
        if kind(aval_of(out).dtype) not in INEXACT or (is_zero(tx) and is_zero(tu)):
            return out, _zero_out(out)
        # Every contributor equal to the result (the operand value and the
        # updates that reached the location) shares the tangent evenly.
        ew = _ew()
        x_shape, upd_shape = tuple(np.shape(x)), tuple(np.shape(upd))
        dtype = aval_of(out).dtype
        tx, tu = instantiate(tx, x), instantiate(tu, upd)
        add_params = {**params, "unique_indices": False}
        upd_wins = ew.eq(upd, _gather_back(params, out, idx, upd_shape))
        x_wins = ew.eq(x, out)
        one_u, zero_u = full(upd_shape, 1, dtype), _zeros(upd_shape, dtype)
        one_x, zero_x = full(x_shape, 1, dtype), _zeros(x_shape, dtype)
        count = scatter_add_p.bind(_select(x_wins, one_x, zero_x), idx,
                                   _select(upd_wins, one_u, zero_u), **add_params)
        total = scatter_add_p.bind(_select(x_wins, tx, zero_x), idx,
                                   _select(upd_wins, tu, zero_u), **add_params)
        # count >= 1 wherever the result is not NaN; guard the division anyway.
        safe = _select(ew.eq(count, zero_x), one_x, count)
        return out, ew.div(total, safe)
    return jvp


for _p in (scatter_min_p, scatter_max_p):
    ad.primitive_jvps[_p] = _scatter_extremum_jvp(_p)
del _p


# --- wrappers -------------------------------------------------------------------------------------
def _scatter_wrapper(prim, name: str, doc: str):
    def wrapper(operand, scatter_indices, updates, dimension_numbers, *,
                indices_are_sorted=False, unique_indices=False, mode=None):
        return prim.bind(operand, scatter_indices, updates,
                         dimension_numbers=_scatter_dnums(name, dimension_numbers),
                         indices_are_sorted=bool(indices_are_sorted),
                         unique_indices=bool(unique_indices),
                         mode=GatherScatterMode.from_any(mode))
    wrapper.__name__ = wrapper.__qualname__ = name
    wrapper.__doc__ = (f"XLA's scatter {doc} (jax.lax.{name}'s signature; ``mode=None`` is "
                       "FILL_OR_DROP: out-of-bounds updates are skipped).")
    wrapper.p = prim
    return wrapper


scatter = _scatter_wrapper(scatter_p, "scatter", "replacing operand values by the updates")
scatter_add = _scatter_wrapper(scatter_add_p, "scatter_add", "adding the updates")
scatter_sub = _scatter_wrapper(scatter_sub_p, "scatter_sub", "subtracting the updates")
scatter_mul = _scatter_wrapper(scatter_mul_p, "scatter_mul", "multiplying by the updates")
scatter_min = _scatter_wrapper(scatter_min_p, "scatter_min", "taking the minimum with the updates")
scatter_max = _scatter_wrapper(scatter_max_p, "scatter_max", "taking the maximum with the updates")
gather.p = gather_p
