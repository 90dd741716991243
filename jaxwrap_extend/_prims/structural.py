"""Structural primitives: moving, reshaping, slicing and selecting data.

broadcast_in_dim, reshape, transpose, squeeze, expand_dims, concatenate, stack,
unstack, pad,
slice, dynamic_slice, dynamic_update_slice, select_n, iota, rev, clamp.

Conventions (shared by every primitive below):

* Parameters are canonical tuples of Python ints; the bind wrappers normalise
  them (negative axes are wrapped by the wrappers of squeeze, expand_dims,
  concatenate and rev; primitives themselves take only non-negative axes).
* Abstract evals raise ``ValueError`` for a bad static parameter (out-of-range
  axis, not a permutation, bad sizes) and ``TypeError`` for operands that do
  not fit together (shapes, dtypes); messages name the primitive and the
  parameter or operand.
* ``weak_type`` follows the data operands: one data operand passes its weak
  type on; several (concatenate, pad, dynamic_update_slice, select_n cases,
  clamp) give a weak result only when all of them are weak; index operands
  and ``which`` never count.
* JVP, transpose and batching rules use jaxwrap primitives only (this file's,
  ``elementwise`` and ``reductions``, imported lazily since those files import
  this one).  Linear primitives with more than one operand get their own JVP
  (``_defjvp_linear``) so that symbolic-zero tangents are instantiated with
  jaxwrap's ``broadcast_in_dim`` rather than jax's.
* Batching of dynamic_slice / dynamic_update_slice with *batched start
  indices* becomes one gather / scatter (``indexing``) in CLIP mode, which
  clamps starts exactly like XLA's dynamic slices; everything is vectorised.
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from .. import _jax
from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import dense_int_array, hlo
from ._base import (
    full_like,
    BOOL,
    COMPLEX,
    INEXACT,
    INT,
    NUMERIC,
    SINT,
    aval,
    aval_of,
    const,
    define,
    full,
    instantiate,
    is_zero,
    kind,
    out_type,
)


# --- shared helpers -------------------------------------------------------------------
def _ints(prim: str, param: str, xs) -> tuple[int, ...]:
    """``xs`` as a tuple of Python ints (TypeError naming ``param`` otherwise)."""
    try:
        return tuple(operator.index(x) for x in xs)
    except TypeError:
        raise TypeError(f"{prim}: {param} must be a sequence of integers, got {xs!r}") from None


def _check_sizes(prim: str, param: str, sizes) -> None:
    if any(s < 0 for s in sizes):
        raise ValueError(f"{prim}: {param}={tuple(sizes)} has a negative size")


def _check_axes(prim: str, param: str, axes, ndim: int) -> None:
    """Axes must be distinct and in [0, ndim)."""
    if any(not 0 <= a < ndim for a in axes):
        raise ValueError(f"{prim}: {param}={tuple(axes)} out of range for rank {ndim}")
    if len(set(axes)) != len(axes):
        raise ValueError(f"{prim}: {param}={tuple(axes)} has repeated axes")


def _canon_axes(prim: str, param: str, axes, ndim: int) -> tuple[int, ...]:
    """Wrap negative axes (for wrappers); range errors name ``param``."""
    axes = _ints(prim, param, axes)
    if any(not -ndim <= a < ndim for a in axes):
        raise ValueError(f"{prim}: {param}={axes} out of range for rank {ndim}")
    return tuple(a % ndim if ndim else a for a in axes)


def _same_dtype(prim: str, what: str, avals) -> np.dtype:
    dts = [np.dtype(a.dtype) for a in avals]
    if any(d != dts[0] for d in dts):
        raise TypeError(f"{prim}: {what} must have equal dtypes, got "
                        f"{', '.join(d.name for d in dts)}")
    return dts[0]


def _check_index(prim: str, i: int, a) -> None:
    if a.shape != () or kind(a.dtype) not in INT:
        raise TypeError(f"{prim}: start index {i} must be a scalar integer, got "
                        f"{np.dtype(a.dtype).name}{list(a.shape)}")


def _is_array(x) -> bool:
    return _jax.is_tracer(x) or isinstance(x, jax.Array)


def _shape(x) -> tuple[int, ...]:
    """Shape of an operand, or of an undefined primal in a transpose rule."""
    return tuple(x.aval.shape) if ad.is_undefined_primal(x) else tuple(np.shape(x))


def _dtype(x) -> np.dtype:
    return np.dtype(x.aval.dtype if ad.is_undefined_primal(x) else aval_of(x).dtype)


def _zero_tangent(out):
    return ad.Zero(aval_of(out).to_tangent_aval())


def _defjvp_linear(prim, is_linear) -> None:
    """JVP of a primitive linear in the operands picked by ``is_linear(i, n)``.

    Other operands (indices, ``which``) are passed as primals.  Symbolic-zero
    tangents are instantiated with jaxwrap primitives; non-float outputs get a
    symbolic zero tangent.
    """
    def jvp(primals, tangents, **params):
        out = prim.bind(*primals, **params)
        n = len(primals)
        lin = [is_linear(i, n) for i in range(n)]
        if (kind(aval_of(out).dtype) not in INEXACT
                or all(is_zero(t) for t, li in zip(tangents, lin) if li)):
            return out, _zero_tangent(out)
        args = [instantiate(t, p) if li else p for p, t, li in zip(primals, tangents, lin)]
        return out, prim.bind(*args, **params)
    ad.primitive_jvps[prim] = jvp


def _index_values(ctx, starts, first: int):
    """Start-index ir values converted to one integer type (StableHLO wants one)."""
    avals = ctx.avals_in[first:]
    dts = {np.dtype(a.dtype) for a in avals}
    if len(dts) <= 1:
        return list(starts)
    target = np.dtype(np.int64 if any(d.itemsize == 8 for d in dts) else np.int32)
    ty = mlir.aval_to_ir_type(aval((), target))
    return [v if np.dtype(a.dtype) == target else hlo.convert(ty, v)
            for v, a in zip(starts, avals)]


def _as_index(x):
    """A Python / numpy integer as an int32 constant (int64 if it does not fit)."""
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        x = int(x)
        return np.array(x, np.int32 if -2**31 <= x < 2**31 else np.int64)
    return x


def _split_starts(prim: str, starts):
    """A sequence of scalar indices, or a 1-d integer array split into scalars."""
    if _is_array(starts) or isinstance(starts, np.ndarray):
        if np.ndim(starts) != 1:
            raise TypeError(f"{prim}: start_indices must be a sequence of scalars or a 1-d "
                            f"array, got shape {np.shape(starts)}")
        if isinstance(starts, np.ndarray):
            return list(starts)  # numpy scalars of the array's dtype: literals in jaxprs
        return [reshape(slice(starts, (i,), (i + 1,)), ()) for i in range(starts.shape[0])]
    return [_as_index(s) for s in starts]


# --- broadcast_in_dim -----------------------------------------------------------------
def _broadcast_in_dim_abstract_eval(x, *, shape, broadcast_dimensions):
    name, bd = "broadcast_in_dim", broadcast_dimensions
    _check_sizes(name, "shape", shape)
    if len(bd) != x.ndim:
        raise ValueError(f"{name}: broadcast_dimensions={bd} must have one entry per operand "
                         f"axis (operand rank {x.ndim})")
    _check_axes(name, "broadcast_dimensions", bd, len(shape))
    if any(a >= b for a, b in zip(bd, bd[1:])):
        raise ValueError(f"{name}: broadcast_dimensions={bd} must be strictly increasing")
    for i, (n, d) in enumerate(zip(x.shape, bd)):
        if n != 1 and n != shape[d]:
            raise TypeError(f"{name}: operand axis {i} of size {n} cannot be broadcast to "
                            f"shape[{d}]={shape[d]} (shape={shape}); it must be 1 or equal")
    return aval(shape, x.dtype, x.weak_type)


def _broadcast_in_dim_lowering(ctx, x, *, shape, broadcast_dimensions):
    return [hlo.broadcast_in_dim(out_type(ctx), x, dense_int_array(broadcast_dimensions))]


def _broadcast_in_dim_transpose(ct, x, *, shape, broadcast_dimensions):
    from .reductions import reduce_sum
    in_shape, bd = _shape(x), broadcast_dimensions
    new = [d for d in range(len(shape)) if d not in bd]
    expanded = [d for n, d in zip(in_shape, bd) if n == 1 and shape[d] != 1]
    axes = tuple(sorted(new + expanded))
    summed = reduce_sum(ct, axes) if axes else ct
    return [reshape(summed, in_shape)]


def _broadcast_in_dim_batch(args, dims, *, shape, broadcast_dimensions):
    (x,), (d,) = args, dims
    bd = broadcast_dimensions
    # Put the batch axis right after the output axis of operand axis d-1, so
    # the broadcast dimensions stay increasing (no transpose needed).
    p = bd[d - 1] + 1 if d > 0 else 0
    new_bd = tuple(b + (b >= p) for b in bd[:d]) + (p,) + tuple(b + 1 for b in bd[d:])
    new_shape = shape[:p] + (x.shape[d],) + shape[p:]
    return broadcast_in_dim_p.bind(x, shape=new_shape, broadcast_dimensions=new_bd), p


broadcast_in_dim_p = define("broadcast_in_dim", _broadcast_in_dim_abstract_eval,
                            _broadcast_in_dim_lowering)
ad.deflinear(broadcast_in_dim_p, _broadcast_in_dim_transpose)
batching.primitive_batchers[broadcast_in_dim_p] = _broadcast_in_dim_batch


def broadcast_in_dim(operand, shape, broadcast_dimensions):
    """Broadcast ``operand`` to ``shape``; operand axis i becomes output axis
    ``broadcast_dimensions[i]`` (its size must be 1 or ``shape[...]``)."""
    shape = _ints("broadcast_in_dim", "shape", shape)
    bd = _ints("broadcast_in_dim", "broadcast_dimensions", broadcast_dimensions)
    if _is_array(operand) and np.shape(operand) == shape and bd == tuple(range(len(shape))):
        return operand
    return broadcast_in_dim_p.bind(operand, shape=shape, broadcast_dimensions=bd)


# --- reshape --------------------------------------------------------------------------
def _reshape_abstract_eval(x, *, new_sizes):
    _check_sizes("reshape", "new_sizes", new_sizes)
    if math.prod(new_sizes) != math.prod(x.shape):
        raise ValueError(f"reshape: new_sizes={new_sizes} has {math.prod(new_sizes)} elements, "
                         f"the operand of shape {tuple(x.shape)} has {math.prod(x.shape)}")
    return aval(new_sizes, x.dtype, x.weak_type)


def _reshape_lowering(ctx, x, *, new_sizes):
    return [hlo.reshape(out_type(ctx), x)]


def _reshape_transpose(ct, x, *, new_sizes):
    return [reshape(ct, _shape(x))]


def _reshape_batch(args, dims, *, new_sizes):
    (x,), (d,) = args, dims
    x = batching.moveaxis(x, d, 0)
    return reshape_p.bind(x, new_sizes=(x.shape[0],) + new_sizes), 0


reshape_p = define("reshape", _reshape_abstract_eval, _reshape_lowering)
ad.deflinear(reshape_p, _reshape_transpose)
batching.primitive_batchers[reshape_p] = _reshape_batch


def reshape(operand, new_sizes):
    """Reshape ``operand`` (row-major order) to ``new_sizes``."""
    new_sizes = _ints("reshape", "new_sizes", new_sizes)
    if _is_array(operand) and np.shape(operand) == new_sizes:
        return operand
    return reshape_p.bind(operand, new_sizes=new_sizes)


# --- transpose ------------------------------------------------------------------------
def _transpose_abstract_eval(x, *, permutation):
    if sorted(permutation) != list(range(x.ndim)):
        raise ValueError(f"transpose: permutation={permutation} is not a permutation of the "
                         f"{x.ndim} operand axes")
    return aval([x.shape[p] for p in permutation], x.dtype, x.weak_type)


def _transpose_lowering(ctx, x, *, permutation):
    return [hlo.transpose(x, dense_int_array(permutation))]


def _transpose_transpose(ct, x, *, permutation):
    return [transpose(ct, tuple(int(i) for i in np.argsort(permutation)))]


def _transpose_batch(args, dims, *, permutation):
    (x,), (d,) = args, dims
    perm = (d,) + tuple(p + (p >= d) for p in permutation)
    return transpose_p.bind(x, permutation=perm), 0


transpose_p = define("transpose", _transpose_abstract_eval, _transpose_lowering)
ad.deflinear(transpose_p, _transpose_transpose)
batching.primitive_batchers[transpose_p] = _transpose_batch


def transpose(operand, permutation):
    """Permute the axes of ``operand``: output axis i is operand axis ``permutation[i]``."""
    permutation = _ints("transpose", "permutation", permutation)
    if _is_array(operand) and permutation == tuple(range(np.ndim(operand))):
        return operand
    return transpose_p.bind(operand, permutation=permutation)


# --- squeeze --------------------------------------------------------------------------
def _squeeze_abstract_eval(x, *, dimensions):
    _check_axes("squeeze", "dimensions", dimensions, x.ndim)
    bad = [d for d in dimensions if x.shape[d] != 1]
    if bad:
        raise ValueError(f"squeeze: dimensions={dimensions} includes axes {bad} whose size is "
                         f"not 1 (operand shape {tuple(x.shape)})")
    return aval([n for i, n in enumerate(x.shape) if i not in dimensions], x.dtype, x.weak_type)


def _squeeze_lowering(ctx, x, *, dimensions):
    return [hlo.reshape(out_type(ctx), x)]


def _squeeze_transpose(ct, x, *, dimensions):
    return [expand_dims(ct, sorted(dimensions))]


def _squeeze_batch(args, dims, *, dimensions):
    (x,), (d,) = args, dims
    new = tuple(a + (a >= d) for a in dimensions)
    return squeeze_p.bind(x, dimensions=new), d - sum(a < d for a in dimensions)


squeeze_p = define("squeeze", _squeeze_abstract_eval, _squeeze_lowering)
ad.deflinear(squeeze_p, _squeeze_transpose)
batching.primitive_batchers[squeeze_p] = _squeeze_batch


def squeeze(operand, dimensions):
    """Remove the size-1 axes ``dimensions`` of ``operand``."""
    dims = tuple(sorted(_canon_axes("squeeze", "dimensions", dimensions, np.ndim(operand))))
    if _is_array(operand) and not dims:
        return operand
    return squeeze_p.bind(operand, dimensions=dims)


# --- expand_dims ----------------------------------------------------------------------
def _expand_dims_abstract_eval(x, *, dimensions):
    rank = x.ndim + len(dimensions)
    _check_axes("expand_dims", "dimensions", dimensions, rank)
    it = iter(x.shape)
    return aval([1 if i in dimensions else next(it) for i in range(rank)], x.dtype, x.weak_type)


def _expand_dims_lowering(ctx, x, *, dimensions):
    return [hlo.reshape(out_type(ctx), x)]


def _expand_dims_transpose(ct, x, *, dimensions):
    return [squeeze(ct, dimensions)]


def _expand_dims_batch(args, dims, *, dimensions):
    (x,), (d,) = args, dims
    # Output position of each (unbatched) operand axis; the batch axis goes
    # right after the one of operand axis d-1, which keeps the order.
    rank = x.ndim - 1 + len(dimensions)
    pos = [i for i in range(rank) if i not in dimensions]
    p = pos[d - 1] + 1 if d > 0 else 0
    new = tuple(sorted(a + (a >= p) for a in dimensions))
    return expand_dims_p.bind(x, dimensions=new), p


expand_dims_p = define("expand_dims", _expand_dims_abstract_eval, _expand_dims_lowering)
ad.deflinear(expand_dims_p, _expand_dims_transpose)
batching.primitive_batchers[expand_dims_p] = _expand_dims_batch


def expand_dims(operand, dimensions):
    """Insert size-1 axes into ``operand`` at the output positions ``dimensions``."""
    dimensions = _ints("expand_dims", "dimensions", dimensions)
    rank = np.ndim(operand) + len(dimensions)
    dims = tuple(sorted(_canon_axes("expand_dims", "dimensions", dimensions, rank)))
    if _is_array(operand) and not dims:
        return operand
    return expand_dims_p.bind(operand, dimensions=dims)


# --- concatenate ----------------------------------------------------------------------
def _concatenate_abstract_eval(*xs, dimension):
    name = "concatenate"
    if not xs:
        raise ValueError(f"{name}: needs at least one operand")
    dtype = _same_dtype(name, "operands", xs)
    ndim = xs[0].ndim
    if any(x.ndim != ndim for x in xs):
        raise TypeError(f"{name}: operands must have equal ranks, got shapes "
                        f"{', '.join(str(tuple(x.shape)) for x in xs)}")
    if not 0 <= dimension < ndim:
        raise ValueError(f"{name}: dimension={dimension} out of range for rank {ndim}")
    rest = {tuple(n for i, n in enumerate(x.shape) if i != dimension) for x in xs}
    if len(rest) != 1:
        raise TypeError(f"{name}: operand shapes {', '.join(str(tuple(x.shape)) for x in xs)} "
                        f"differ outside dimension={dimension}")
    shape = list(xs[0].shape)
    shape[dimension] = sum(x.shape[dimension] for x in xs)
    return aval(shape, dtype, all(x.weak_type for x in xs))


def _concatenate_lowering(ctx, *xs, dimension):
    return [hlo.concatenate(list(xs), dimension)]


def _concatenate_transpose(ct, *xs, dimension):
    out, start = [], 0
    ct_shape = np.shape(ct)
    for x in xs:
        shape = _shape(x)
        stop = start + shape[dimension]
        if ad.is_undefined_primal(x):
            lo = tuple(start if i == dimension else 0 for i in range(len(shape)))
            hi = tuple(stop if i == dimension else n for i, n in enumerate(ct_shape))
            out.append(slice(ct, lo, hi))
        else:
            out.append(None)
        start = stop
    return out


def _concatenate_batch(args, dims, *, dimension):
    d0 = dims[0]
    if all(d == d0 for d in dims):
        return concatenate_p.bind(*args, dimension=dimension + (dimension >= d0)), d0
    size = batching.batch_size(args, dims)
    args = [batching.bdim_at_front(x, d, size) for x, d in zip(args, dims)]
    return concatenate_p.bind(*args, dimension=dimension + 1), 0


concatenate_p = define("concatenate", _concatenate_abstract_eval, _concatenate_lowering)
ad.deflinear(concatenate_p, _concatenate_transpose)
_defjvp_linear(concatenate_p, lambda i, n: True)
batching.primitive_batchers[concatenate_p] = _concatenate_batch


def concatenate(operands, dimension):
    """Join ``operands`` (equal dtypes; equal shapes outside ``dimension``) along ``dimension``."""
    operands = list(operands)
    if not operands:
        raise ValueError("concatenate: needs at least one operand")
    (dimension,) = _canon_axes("concatenate", "dimension", (dimension,), np.ndim(operands[0]))
    if len(operands) == 1 and _is_array(operands[0]):
        return operands[0]
    return concatenate_p.bind(*operands, dimension=dimension)


# --- stack / unstack ------------------------------------------------------------------
# One equation for numpy's stack (and the transpose of its derivative) instead of an
# expand_dims per operand and a concatenate, as jax.lax's stack_p / unstack_p.
def _stack_abstract_eval(*xs, axis):
    name = "stack"
    if not xs:
        raise ValueError(f"{name}: needs at least one operand")
    dtype = _same_dtype(name, "operands", xs)
    if len({tuple(x.shape) for x in xs}) != 1:
        raise TypeError(f"{name}: operands must have equal shapes, got "
                        f"{', '.join(str(tuple(x.shape)) for x in xs)}")
    shape = list(xs[0].shape)
    if not 0 <= axis <= len(shape):
        raise ValueError(f"{name}: axis={axis} out of range for rank {len(shape) + 1}")
    shape.insert(axis, len(xs))
    return aval(shape, dtype, all(x.weak_type for x in xs))


def _stack_lowering(ctx, *xs, axis):
    shape = list(ctx.avals_in[0].shape)
    shape.insert(axis, 1)
    one = mlir.aval_to_ir_type(aval(shape, ctx.avals_in[0].dtype))
    return [hlo.concatenate([hlo.reshape(one, x) for x in xs], axis)]


def _stack_transpose(ct, *xs, axis):
    parts = unstack_p.bind(ct, axis=axis)
    return [p if ad.is_undefined_primal(x) else None for p, x in zip(parts, xs)]


def _stack_batch(args, dims, *, axis):
    d0 = dims[0]
    if all(d == d0 for d in dims):   # the new axis goes before or after the batch axis
        return stack_p.bind(*args, axis=axis + (axis > d0)), d0 + (axis <= d0)
    size = batching.batch_size(args, dims)
    args = [batching.bdim_at_front(x, d, size) for x, d in zip(args, dims)]
    return stack_p.bind(*args, axis=axis + 1), 0


stack_p = define("stack", _stack_abstract_eval, _stack_lowering)
ad.deflinear(stack_p, _stack_transpose)
_defjvp_linear(stack_p, lambda i, n: True)
batching.primitive_batchers[stack_p] = _stack_batch


def stack(operands, axis=0):
    """Join equal-shaped, equal-dtype ``operands`` along a new axis ``axis``."""
    operands = list(operands)
    if not operands:
        raise ValueError("stack: needs at least one operand")
    (axis,) = _canon_axes("stack", "axis", (axis,), np.ndim(operands[0]) + 1)
    return stack_p.bind(*operands, axis=axis)


def _unstack_abstract_eval(x, *, axis):
    if not 0 <= axis < x.ndim:
        raise ValueError(f"unstack: axis={axis} out of range for rank {x.ndim}")
    shape = [n for i, n in enumerate(x.shape) if i != axis]
    return [aval(shape, x.dtype, x.weak_type)] * x.shape[axis]


def _unstack_lowering(ctx, x, *, axis):
    shape = ctx.avals_in[0].shape
    out = mlir.aval_to_ir_type(ctx.avals_out[0]) if ctx.avals_out else None
    parts = []
    for k in range(shape[axis]):
        lo = [k if i == axis else 0 for i in range(len(shape))]
        hi = [k + 1 if i == axis else n for i, n in enumerate(shape)]
        part = hlo.slice(x, dense_int_array(lo), dense_int_array(hi),
                         dense_int_array([1] * len(shape)))
        parts.append(hlo.reshape(out, part))
    return parts


def _unstack_transpose(cts, x, *, axis):
    shape = _shape(x)
    part_aval = aval([n for i, n in enumerate(shape) if i != axis], _dtype(x))
    cts = [full(part_aval.shape, 0, part_aval.dtype) if is_zero(c) else c for c in cts]
    return [stack_p.bind(*cts, axis=axis)]


def _unstack_jvp(primals, tangents, *, axis):
    (x,), (t,) = primals, tangents
    out = unstack_p.bind(x, axis=axis)
    if is_zero(t) or kind(aval_of(x).dtype) not in INEXACT:
        return out, [_zero_tangent(o) for o in out]
    return out, unstack_p.bind(t, axis=axis)


def _unstack_batch(args, dims, *, axis):
    (x,), (d,) = args, dims
    out = unstack_p.bind(x, axis=axis + (axis >= d))
    return out, [d - (axis < d)] * len(out)


unstack_p = define("unstack", _unstack_abstract_eval, _unstack_lowering,
                   multiple_results=True)
ad.primitive_jvps[unstack_p] = _unstack_jvp
ad.primitive_transposes[unstack_p] = _unstack_transpose
batching.primitive_batchers[unstack_p] = _unstack_batch


def unstack(operand, axis=0):
    """The slices of ``operand`` along ``axis``, each without that axis (a list)."""
    (axis,) = _canon_axes("unstack", "axis", (axis,), np.ndim(operand))
    return unstack_p.bind(operand, axis=axis)


# --- pad ------------------------------------------------------------------------------
def _pad_abstract_eval(x, pv, *, padding_config):
    name = "pad"
    if pv.shape != ():
        raise TypeError(f"{name}: padding_value must be a scalar, got shape {tuple(pv.shape)}")
    dtype = _same_dtype(name, "operand and padding_value", (x, pv))
    if len(padding_config) != x.ndim:
        raise ValueError(f"{name}: padding_config has {len(padding_config)} entries for an "
                         f"operand of rank {x.ndim}")
    shape = []
    for i, ((lo, hi, interior), n) in enumerate(zip(padding_config, x.shape)):
        if interior < 0:
            raise ValueError(f"{name}: padding_config[{i}] has negative interior padding "
                             f"{interior}")
        m = lo + hi + n + max(n - 1, 0) * interior
        if m < 0:
            raise ValueError(f"{name}: padding_config[{i}]={(lo, hi, interior)} makes axis {i} "
                             f"(size {n}) negative")
        shape.append(m)
    return aval(shape, dtype, x.weak_type and pv.weak_type)


def _pad_lowering(ctx, x, pv, *, padding_config):
    lo, hi, interior = zip(*padding_config) if padding_config else ((), (), ())
    return [hlo.pad(x, pv, dense_int_array(lo), dense_int_array(hi), dense_int_array(interior))]


def _pad_transpose(ct, x, pv, *, padding_config):
    from .elementwise import sub
    from .reductions import reduce_sum
    ct_x = None
    if ad.is_undefined_primal(x) or ad.is_undefined_primal(pv):
        # Re-add what negative lo/hi cropped away (as zeros), then take every
        # (interior+1)-th element between the remaining edge pads.
        regrow = tuple((max(-lo, 0), max(-hi, 0), 0) for lo, hi, _ in padding_config)
        full_ct = pad(ct, const(ct, 0), regrow)
        shape = np.shape(full_ct)
        ct_x = slice(full_ct, tuple(max(lo, 0) for lo, _, _ in padding_config),
                     tuple(n - max(hi, 0) for n, (_, hi, _) in zip(shape, padding_config)),
                     tuple(i + 1 for _, _, i in padding_config))
    ct_pv = None
    if ad.is_undefined_primal(pv):
        axes = tuple(range(len(padding_config)))
        ct_pv = (sub(reduce_sum(ct, axes), reduce_sum(ct_x, axes)) if axes
                 else full((), 0, _dtype(ct)))
    return [ct_x if ad.is_undefined_primal(x) else None, ct_pv]


def _pad_batch(args, dims, *, padding_config):
    (x, pv), (dx, dpv) = args, dims
    if dpv is None:
        cfg = padding_config[:dx] + ((0, 0, 0),) + padding_config[dx:]
        return pad_p.bind(x, pv, padding_config=cfg), dx
    size = batching.batch_size(args, dims)
    x = batching.bdim_at_front(x, dx, size)
    cfg = ((0, 0, 0),) + padding_config
    padded = pad_p.bind(x, const(x, 0), padding_config=cfg)
    # Where the padding went: pad an all-False mask of the operand with True.
    core = tuple(x.shape[1:])
    mask = pad_p.bind(full(core, False, np.bool_), np.array(True),
                      padding_config=padding_config)
    out_shape = tuple(padded.shape)
    mask = broadcast_in_dim(mask, out_shape, tuple(range(1, len(out_shape))))
    pv = broadcast_in_dim(batching.moveaxis(pv, dpv, 0), out_shape, (0,))
    return select_n(mask, padded, pv), 0


pad_p = define("pad", _pad_abstract_eval, _pad_lowering)
ad.deflinear(pad_p, _pad_transpose)
_defjvp_linear(pad_p, lambda i, n: True)
batching.primitive_batchers[pad_p] = _pad_batch


def pad(operand, padding_value, padding_config):
    """Pad ``operand`` with the scalar ``padding_value``.

    ``padding_config`` has one ``(lo, hi, interior)`` per axis: ``lo``/``hi``
    elements before/after (negative values crop), ``interior`` between
    neighbouring elements.
    """
    cfg = tuple(_ints("pad", "padding_config", c) for c in padding_config)
    if any(len(c) != 3 for c in cfg):
        raise ValueError(f"pad: padding_config entries must be (lo, hi, interior), got {cfg}")
    return pad_p.bind(operand, padding_value, padding_config=cfg)


# --- slice ----------------------------------------------------------------------------
def _slice_abstract_eval(x, *, start_indices, limit_indices, strides):
    name = "slice"
    strides = strides if strides is not None else (1,) * x.ndim
    for param, v in (("start_indices", start_indices), ("limit_indices", limit_indices),
                     ("strides", strides)):
        if len(v) != x.ndim:
            raise ValueError(f"{name}: {param}={v} must have one entry per operand axis "
                             f"(rank {x.ndim})")
    shape = []
    for i, (s, e, st, n) in enumerate(zip(start_indices, limit_indices, strides, x.shape)):
        if not 0 <= s <= e <= n:
            raise ValueError(f"{name}: need 0 <= start_indices <= limit_indices <= shape, got "
                             f"start {s}, limit {e} on axis {i} of size {n}")
        if st < 1:
            raise ValueError(f"{name}: strides={strides} must be positive")
        shape.append((e - s + st - 1) // st)
    return aval(shape, x.dtype, x.weak_type)


def _slice_lowering(ctx, x, *, start_indices, limit_indices, strides):
    strides = strides if strides is not None else (1,) * len(start_indices)
    return [hlo.slice(x, dense_int_array(start_indices), dense_int_array(limit_indices),
                      dense_int_array(strides))]


def _slice_transpose(ct, x, *, start_indices, limit_indices, strides):
    in_shape = _shape(x)
    strides = strides if strides is not None else (1,) * len(in_shape)
    cfg = []
    for s, st, n, m in zip(start_indices, strides, in_shape, np.shape(ct)):
        end = s + (m - 1) * st + 1 if m else s     # one past the last element taken
        cfg.append((s, n - end, st - 1))
    return [pad(ct, const(ct, 0), cfg)]


def _slice_batch(args, dims, *, start_indices, limit_indices, strides):
    (x,), (d,) = args, dims
    strides = strides if strides is not None else (1,) * len(start_indices)
    ins = lambda t, v: t[:d] + (v,) + t[d:]  # noqa: E731
    return slice_p.bind(x, start_indices=ins(start_indices, 0),
                        limit_indices=ins(limit_indices, x.shape[d]),
                        strides=ins(strides, 1)), d


slice_p = define("slice", _slice_abstract_eval, _slice_lowering)
ad.deflinear(slice_p, _slice_transpose)
batching.primitive_batchers[slice_p] = _slice_batch


def slice(operand, start_indices, limit_indices, strides=None):  # noqa: A001
    """``operand[start:limit:stride]`` along every axis (static bounds)."""
    start = _ints("slice", "start_indices", start_indices)
    limit = _ints("slice", "limit_indices", limit_indices)
    strides = (1,) * len(start) if strides is None else _ints("slice", "strides", strides)
    if (_is_array(operand) and all(s == 0 for s in start) and all(st == 1 for st in strides)
            and limit == np.shape(operand)):
        return operand
    return slice_p.bind(operand, start_indices=start, limit_indices=limit, strides=strides)


# --- dynamic_slice --------------------------------------------------------------------
def _dynamic_slice_abstract_eval(x, *starts, slice_sizes):
    name = "dynamic_slice"
    if len(starts) != x.ndim:
        raise TypeError(f"{name}: got {len(starts)} start indices for an operand of rank "
                        f"{x.ndim}")
    for i, s in enumerate(starts):
        _check_index(name, i, s)
    if len(slice_sizes) != x.ndim:
        raise ValueError(f"{name}: slice_sizes={slice_sizes} must have one entry per operand "
                         f"axis (rank {x.ndim})")
    if any(not 0 <= s <= n for s, n in zip(slice_sizes, x.shape)):
        raise ValueError(f"{name}: slice_sizes={slice_sizes} must lie between 0 and the operand "
                         f"shape {tuple(x.shape)}")
    return aval(slice_sizes, x.dtype, x.weak_type)


def _dynamic_slice_lowering(ctx, x, *starts, slice_sizes):
    return [hlo.dynamic_slice(x, _index_values(ctx, starts, 1), dense_int_array(slice_sizes))]


def _dynamic_slice_transpose(ct, x, *starts, slice_sizes):
    if any(ad.is_undefined_primal(s) for s in starts):
        raise ValueError("dynamic_slice: start indices cannot be linear inputs")
    zeros = full(_shape(x), 0, _dtype(ct))
    return [dynamic_update_slice(zeros, ct, starts)] + [None] * len(starts)


def _dynamic_slice_batch(args, dims, *, slice_sizes):
    (x, *starts), (d, *sdims) = args, dims
    if any(sd is not None for sd in sdims):
        return _dynamic_slice_gather(x, d, starts, sdims, slice_sizes)
    starts.insert(d, np.array(0, np.int32))
    sizes = slice_sizes[:d] + (x.shape[d],) + slice_sizes[d:]
    return dynamic_slice_p.bind(x, *starts, slice_sizes=sizes), d


def _stacked_starts(starts, sdims, size: int):
    """Per-example start indices as one ``(size, len(starts))`` integer array."""
    from .elementwise import convert_element_type
    wide = any(np.dtype(aval_of(s).dtype).itemsize == 8 for s in starts)
    target = np.dtype(np.int64 if wide else np.int32)
    cols = []
    for s, sd in zip(starts, sdims):
        if np.dtype(aval_of(s).dtype) != target:
            s = convert_element_type(s, target)
        cols.append(broadcast_in_dim(s, (size, 1), () if sd is None else (0,)))
    return concatenate(cols, 1)


def _dynamic_slice_gather(x, d, starts, sdims, slice_sizes):
    # Batched starts: one gather whose index rows are the examples' starts;
    # CLIP mode clamps each window into bounds, as dynamic_slice does.
    from . import indexing
    size = batching.batch_size([x, *starts], [d, *sdims])
    idx = _stacked_starts(starts, sdims, size)
    n = len(starts)
    window = tuple(range(1, n + 1))
    if d is None:
        dn = indexing.GatherDimensionNumbers(window, (), tuple(range(n)))
        sizes = tuple(slice_sizes)
    else:
        x = batching.moveaxis(x, d, 0)
        dn = indexing.GatherDimensionNumbers(window, (), window, (0,), (0,))
        sizes = (1,) + tuple(slice_sizes)
    return indexing.gather_p.bind(x, idx, dimension_numbers=dn, slice_sizes=sizes,
                                  unique_indices=False, indices_are_sorted=False,
                                  mode=indexing.GatherScatterMode.CLIP, fill_value=None), 0


dynamic_slice_p = define("dynamic_slice", _dynamic_slice_abstract_eval, _dynamic_slice_lowering)
ad.deflinear(dynamic_slice_p, _dynamic_slice_transpose)
_defjvp_linear(dynamic_slice_p, lambda i, n: i == 0)
batching.primitive_batchers[dynamic_slice_p] = _dynamic_slice_batch


def dynamic_slice(operand, start_indices, slice_sizes):
    """The block of ``operand`` of size ``slice_sizes`` starting at the traced
    ``start_indices`` (one scalar integer per axis, or a 1-d integer array).

    Differences from jax.lax: starts are clamped to ``[0, shape - size]`` like
    XLA; negative starts are *not* counted from the end.
    """
    starts = _split_starts("dynamic_slice", start_indices)
    sizes = _ints("dynamic_slice", "slice_sizes", slice_sizes)
    return dynamic_slice_p.bind(operand, *starts, slice_sizes=sizes)


# --- dynamic_update_slice -------------------------------------------------------------
def _dynamic_update_slice_abstract_eval(x, upd, *starts):
    name = "dynamic_update_slice"
    dtype = _same_dtype(name, "operand and update", (x, upd))
    if upd.ndim != x.ndim or any(u > n for u, n in zip(upd.shape, x.shape)):
        raise TypeError(f"{name}: update of shape {tuple(upd.shape)} does not fit in the "
                        f"operand of shape {tuple(x.shape)}")
    if len(starts) != x.ndim:
        raise TypeError(f"{name}: got {len(starts)} start indices for an operand of rank "
                        f"{x.ndim}")
    for i, s in enumerate(starts):
        _check_index(name, i, s)
    return aval(x.shape, dtype, x.weak_type and upd.weak_type)


def _dynamic_update_slice_lowering(ctx, x, upd, *starts):
    return [hlo.dynamic_update_slice(x, upd, _index_values(ctx, starts, 2))]


def _dynamic_update_slice_transpose(ct, x, upd, *starts):
    if any(ad.is_undefined_primal(s) for s in starts):
        raise ValueError("dynamic_update_slice: start indices cannot be linear inputs")
    upd_shape = _shape(upd)
    ct_x = ct_upd = None
    if ad.is_undefined_primal(x):
        ct_x = dynamic_update_slice(ct, full(upd_shape, 0, _dtype(ct)), starts)
    if ad.is_undefined_primal(upd):
        ct_upd = dynamic_slice(ct, starts, upd_shape)
    return [ct_x, ct_upd] + [None] * len(starts)


def _dynamic_update_slice_batch(args, dims):
    (x, upd, *starts), (dx, du, *sdims) = args, dims
    if any(sd is not None for sd in sdims):
        return _dynamic_update_slice_scatter(x, dx, upd, du, starts, sdims)
    if dx is not None and dx == du:
        d = dx
    else:
        size = batching.batch_size(args, dims)
        x, upd, d = batching.bdim_at_front(x, dx, size), batching.bdim_at_front(upd, du, size), 0
    starts.insert(d, np.array(0, np.int32))
    return dynamic_update_slice_p.bind(x, upd, *starts), d


def _dynamic_update_slice_scatter(x, dx, upd, du, starts, sdims):
    # Batched starts: one scatter (each example writes its own block, so the
    # indices are unique); CLIP mode clamps like dynamic_update_slice.
    from . import indexing
    size = batching.batch_size([x, upd, *starts], [dx, du, *sdims])
    x, upd = batching.bdim_at_front(x, dx, size), batching.bdim_at_front(upd, du, size)
    idx = _stacked_starts(starts, sdims, size)
    window = tuple(range(1, len(starts) + 1))
    dn = indexing.ScatterDimensionNumbers(window, (), window, (0,), (0,))
    return indexing.scatter_p.bind(x, idx, upd, dimension_numbers=dn, indices_are_sorted=True,
                                   unique_indices=True,
                                   mode=indexing.GatherScatterMode.CLIP), 0


dynamic_update_slice_p = define("dynamic_update_slice", _dynamic_update_slice_abstract_eval,
                                _dynamic_update_slice_lowering)
ad.deflinear(dynamic_update_slice_p, _dynamic_update_slice_transpose)
_defjvp_linear(dynamic_update_slice_p, lambda i, n: i < 2)
batching.primitive_batchers[dynamic_update_slice_p] = _dynamic_update_slice_batch


def dynamic_update_slice(operand, update, start_indices):
    """``operand`` with the block at ``start_indices`` replaced by ``update``
    (starts clamped like XLA so the update fits; negative starts are not
    counted from the end)."""
    starts = _split_starts("dynamic_update_slice", start_indices)
    return dynamic_update_slice_p.bind(operand, update, *starts)


# --- select_n -------------------------------------------------------------------------
def _select_n_abstract_eval(which, *cases):
    name = "select_n"
    if not cases:
        raise ValueError(f"{name}: needs at least one case")
    dtype = _same_dtype(name, "cases", cases)
    shape = tuple(cases[0].shape)
    if any(tuple(c.shape) != shape for c in cases):
        raise TypeError(f"{name}: cases must have equal shapes, got "
                        f"{', '.join(str(tuple(c.shape)) for c in cases)}")
    k = kind(which.dtype)
    if k not in (BOOL,) + INT:
        raise TypeError(f"{name}: which must be bool or integer, got {np.dtype(which.dtype).name}")
    if k == BOOL and len(cases) > 2:
        raise TypeError(f"{name}: a bool which selects between at most 2 cases, got "
                        f"{len(cases)}; use an integer which")
    if which.shape not in ((), shape):
        raise TypeError(f"{name}: which must be a scalar or have the cases' shape {shape}, "
                        f"got {tuple(which.shape)}")
    return aval(shape, dtype, all(c.weak_type for c in cases))


def _select_n_lowering(ctx, which, *cases):
    wa = ctx.avals_in[0]
    if len(cases) == 1:
        return [cases[0]]
    if kind(wa.dtype) == BOOL:
        return [hlo.select(which, cases[1], cases[0])]
    lt = hlo.ComparisonDirectionAttr.get("LT")
    ctype = hlo.ComparisonTypeAttr.get("SIGNED" if kind(wa.dtype) == SINT else "UNSIGNED")

    def tree(offset, cs):  # cases[offset + i] for i in range(len(cs)), as a balanced select tree
        if len(cs) == 1:
            return cs[0]
        mid = len(cs) // 2
        pred = hlo.compare(which, mlir.full_like_aval(offset + mid, wa), lt, compare_type=ctype)
        return hlo.select(pred, tree(offset, cs[:mid]), tree(offset + mid, cs[mid:]))
    return [tree(0, list(cases))]


def _select_n_transpose(ct, which, *cases):
    if ad.is_undefined_primal(which):
        raise ValueError("select_n: which cannot be a linear input")
    zeros = full_like(ct, 0)   # keeps a weak cotangent weak, as jax's rule
    out = [None]
    for i, c in enumerate(cases):
        if ad.is_undefined_primal(c):
            out.append(select_n(which, *[ct if j == i else zeros for j in range(len(cases))]))
        else:
            out.append(None)
    return out


def _select_n_batch(args, dims):
    (which, *cases), (dw, *dcs) = args, dims
    d0 = dcs[0]
    if d0 is not None and all(d == d0 for d in dcs):
        if (dw is None and np.ndim(which) == 0) or (dw == d0 and np.ndim(which) == cases[0].ndim):
            return select_n_p.bind(which, *cases), d0
    size = batching.batch_size(args, dims)
    cases = [batching.bdim_at_front(c, d, size) for c, d in zip(cases, dcs)]
    shape = tuple(cases[0].shape)
    if dw is None:
        if np.ndim(which) != 0:
            which = batching.bdim_at_front(which, None, size)
    else:
        which = batching.moveaxis(which, dw, 0)
        if which.ndim == 1 and len(shape) > 1:
            which = broadcast_in_dim(which, shape, (0,))
    return select_n_p.bind(which, *cases), 0


select_n_p = define("select_n", _select_n_abstract_eval, _select_n_lowering)
ad.deflinear(select_n_p, _select_n_transpose)
_defjvp_linear(select_n_p, lambda i, n: i > 0)
batching.primitive_batchers[select_n_p] = _select_n_batch


def select_n(which, *cases):
    """``cases[which]`` elementwise: a bool ``which`` picks ``cases[1]`` where
    True (at most 2 cases), an integer one indexes the cases.  ``which`` is a
    scalar or has the cases' shape; out-of-range values are unspecified."""
    return select_n_p.bind(which, *cases)


# --- iota -----------------------------------------------------------------------------
def _iota_abstract_eval(*, dtype, shape, dimension):
    _check_sizes("iota", "shape", shape)
    if not 0 <= dimension < len(shape):
        raise ValueError(f"iota: dimension={dimension} out of range for shape {shape}")
    if kind(dtype) not in NUMERIC:
        raise TypeError(f"iota: dtype must be numeric, got {np.dtype(dtype).name}")
    return aval(shape, dtype)


def _iota_lowering(ctx, *, dtype, shape, dimension):
    return [hlo.iota(out_type(ctx), mlir.i64_attr(dimension))]


def _iota_batch(args, dims, *, dtype, shape, dimension):
    # iota has no operands, so jax.vmap never batches it; kept for rule coverage.
    return iota_p.bind(dtype=dtype, shape=shape, dimension=dimension), None


iota_p = define("iota", _iota_abstract_eval, _iota_lowering)
ad.defjvp_zero(iota_p)
batching.primitive_batchers[iota_p] = _iota_batch


def iota(dtype, shape, dimension: int = 0):
    """An array of ``shape`` whose entries count 0, 1, ... along ``dimension``."""
    shape = (operator.index(shape),) if np.ndim(shape) == 0 else _ints("iota", "shape", shape)
    (dimension,) = _canon_axes("iota", "dimension", (dimension,), len(shape))
    return iota_p.bind(dtype=np.dtype(dtype), shape=shape, dimension=dimension)


# --- rev ------------------------------------------------------------------------------
def _rev_abstract_eval(x, *, dimensions):
    _check_axes("rev", "dimensions", dimensions, x.ndim)
    return aval(x.shape, x.dtype, x.weak_type)


def _rev_lowering(ctx, x, *, dimensions):
    return [hlo.reverse(x, dense_int_array(dimensions))]


def _rev_transpose(ct, x, *, dimensions):
    return [rev(ct, dimensions)]


def _rev_batch(args, dims, *, dimensions):
    (x,), (d,) = args, dims
    return rev_p.bind(x, dimensions=tuple(a + (a >= d) for a in dimensions)), d


rev_p = define("rev", _rev_abstract_eval, _rev_lowering)
ad.deflinear(rev_p, _rev_transpose)
batching.primitive_batchers[rev_p] = _rev_batch


def rev(operand, dimensions):
    """Reverse ``operand`` along ``dimensions``."""
    dims = tuple(sorted(_canon_axes("rev", "dimensions", dimensions, np.ndim(operand))))
    if _is_array(operand) and not dims:
        return operand
    return rev_p.bind(operand, dimensions=dims)


# --- clamp ----------------------------------------------------------------------------
def _clamp_abstract_eval(lo, x, hi):
    name = "clamp"
    dtype = _same_dtype(name, "min, operand and max", (lo, x, hi))
    if kind(dtype) == COMPLEX:
        raise TypeError(f"{name}: complex operands are not ordered ({dtype.name})")
    for what, a in (("min", lo), ("max", hi)):
        if a.shape not in ((), tuple(x.shape)):
            raise TypeError(f"{name}: {what} must be a scalar or have the operand's shape "
                            f"{tuple(x.shape)}, got {tuple(a.shape)}")
    return aval(x.shape, dtype, lo.weak_type and x.weak_type and hi.weak_type)


def _clamp_lowering(ctx, lo, x, hi):
    return [hlo.clamp(lo, x, hi)]


def _clamp_jvp(primals, tangents):
    from .elementwise import and_, gt, le, lt, or_
    lo, x, hi = primals
    t_lo, t_x, t_hi = tangents
    out = clamp_p.bind(lo, x, hi)
    if kind(aval_of(out).dtype) not in INEXACT or all(is_zero(t) for t in tangents):
        return out, _zero_tangent(out)
    shape = tuple(np.shape(x))
    grow = lambda v: broadcast_in_dim(v, shape, ()) if np.shape(v) != shape else v  # noqa: E731
    lo_b, hi_b = grow(lo), grow(hi)
    # clamp = min(max(x, lo), hi): lo is the result where x < lo <= hi, hi where
    # x > hi or lo > hi, x elsewhere (so x owns the ties: min <= x <= max).
    lo_binds = and_(lt(x, lo_b), le(lo_b, hi_b))
    hi_binds = or_(gt(x, hi_b), gt(lo_b, hi_b))
    zeros = full(shape, 0, aval_of(out).dtype)
    t = zeros if is_zero(t_x) else t_x
    if not (is_zero(t_x) and is_zero(t_lo)):
        t = select_n(lo_binds, t, zeros if is_zero(t_lo) else grow(t_lo))
    t = select_n(hi_binds, t, zeros if is_zero(t_hi) else grow(t_hi))
    return out, t


def _clamp_batch(args, dims):
    (lo, x, hi), (dlo, dx, dhi) = args, dims
    # Fast path: min/max batched like x, or unbatched scalars.
    if dx is not None and all((d == dx and np.ndim(v) == np.ndim(x))
                              or (d is None and np.ndim(v) == 0)
                              for v, d in ((lo, dlo), (hi, dhi))):
        return clamp_p.bind(lo, x, hi), dx
    size = batching.batch_size(args, dims)
    x = batching.bdim_at_front(x, dx, size)
    shape = tuple(x.shape)

    def fit(v, d):
        if d is None:
            return v if np.ndim(v) == 0 else batching.bdim_at_front(v, None, size)
        v = batching.moveaxis(v, d, 0)
        return broadcast_in_dim(v, shape, (0,)) if v.ndim == 1 and len(shape) > 1 else v
    return clamp_p.bind(fit(lo, dlo), x, fit(hi, dhi)), 0


clamp_p = define("clamp", _clamp_abstract_eval, _clamp_lowering)
ad.primitive_jvps[clamp_p] = _clamp_jvp
batching.primitive_batchers[clamp_p] = _clamp_batch


def clamp(min, operand, max):  # noqa: A002
    """``operand`` limited to ``[min, max]`` (each a scalar or of ``operand``'s
    shape); where ``min > max`` the result is ``max``, like XLA."""
    return clamp_p.bind(min, operand, max)


for _f, _p in ((broadcast_in_dim, broadcast_in_dim_p), (reshape, reshape_p),
               (transpose, transpose_p), (squeeze, squeeze_p), (expand_dims, expand_dims_p),
               (concatenate, concatenate_p), (pad, pad_p), (slice, slice_p),
               (dynamic_slice, dynamic_slice_p), (dynamic_update_slice, dynamic_update_slice_p),
               (select_n, select_n_p), (iota, iota_p), (rev, rev_p), (clamp, clamp_p)):
    _f.p = _p
del _f, _p
