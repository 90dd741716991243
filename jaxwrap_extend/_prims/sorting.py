"""Sorting: ``sort``, a multi-operand sort along one dimension, and ``top_k``.

``sort(*operands, dimension, is_stable, num_keys)`` sorts every operand along
``dimension`` by the permutation that orders the first ``num_keys`` operands
lexicographically; the other operands are companions carried along (argsort
is ``sort(x, iota)``, a key-value sort is ``sort(k, v)``).  It lowers to one
``stablehlo.sort`` whose comparator is written here in HLO.

The order is total, numpy's: for floats ``-inf < ... < -0.0 == +0.0 < ... <
inf < NaN`` with every NaN equal to every other (whatever its sign or
payload); complex numbers compare by real part, then imaginary part, each in
that float order; integers and bools in their natural order.  The comparator
uses the classic "NaN is the largest value" formulation
``x < y  or  (isnan(y) and not isnan(x))`` on IEEE comparisons, which also
makes -0.0 and +0.0 equivalent without canonicalising them.

Derivatives: the output tangent of every operand is its input tangent sorted
by the same keys, i.e. one more companion operand.  The JVP sorts stably (a
stable sort's permutation depends only on the keys, so the primal sort and
the tangent sort agree even at ties); the transpose of "permute by the keys"
un-permutes the cotangent by sorting it along with the permutation itself as
the key, so no gather or scatter is needed.

``top_k(operand, k, axis)`` gives the ``k`` largest entries along ``axis`` and
their (int32) indices, largest first, lower index first among equals; it
lowers to ``chlo.top_k`` (XLA's TopK, which orders floats totally: +NaN
largest, -NaN smallest, -0.0 below +0.0).  Its tangent is the operand's
tangent gathered at the indices.
"""

from __future__ import annotations

import operator

import numpy as np

from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import hlo, ir
from ._base import (
    BOOL,
    COMPLEX,
    FLOAT,
    SINT,
    aval,
    aval_of,
    check_kind,
    define,
    is_zero,
    kind,
)

__all__ = ["sort", "sort_key_val", "top_k"]


def _st():
    from . import structural
    return structural


# --- the comparator -------------------------------------------------------------------
def _cmp(x, y, direction: str, dtype):
    ctype = {FLOAT: "FLOAT", COMPLEX: "FLOAT", SINT: "SIGNED"}.get(kind(dtype), "UNSIGNED")
    return hlo.compare(x, y, hlo.ComparisonDirectionAttr.get(direction),
                       compare_type=hlo.ComparisonTypeAttr.get(ctype))


def _key_parts(x, y, dtype):
    """The scalar (x, y, dtype) pairs compared, in priority order, for one key operand."""
    if kind(dtype) == COMPLEX:
        real = np.finfo(dtype).dtype
        return [(hlo.real(x), hlo.real(y), real), (hlo.imag(x), hlo.imag(y), real)]
    return [(x, y, dtype)]


def _less(x, y, dtype):
    """x strictly before y in the total order (floats: NaN after everything)."""
    lt = _cmp(x, y, "LT", dtype)
    if kind(dtype) != FLOAT:
        return lt
    y_nan, x_num = _cmp(y, y, "NE", dtype), _cmp(x, x, "EQ", dtype)
    return hlo.or_(lt, hlo.and_(y_nan, x_num))


def _same(x, y, dtype):
    """x and y equivalent in the total order (floats: all NaNs are one value)."""
    eq = _cmp(x, y, "EQ", dtype)
    if kind(dtype) != FLOAT:
        return eq
    both_nan = hlo.and_(_cmp(x, x, "NE", dtype), _cmp(y, y, "NE", dtype))
    return hlo.or_(eq, both_nan)


def _comparator(args, dtypes, num_keys: int):
    """HLO for "lhs sorts before rhs": lexicographic over the key parts.

    ``args`` interleaves (lhs_i, rhs_i) per operand, as stablehlo.sort passes them.
    """
    parts = []
    for i in range(num_keys):
        parts += _key_parts(args[2 * i], args[2 * i + 1], dtypes[i])
    x, y, dt = parts[-1]
    before = _less(x, y, dt)
    for x, y, dt in reversed(parts[:-1]):  # earlier parts decide; ties defer to later ones
        before = hlo.or_(_less(x, y, dt), hlo.and_(_same(x, y, dt), before))
    return before


# --- sort -----------------------------------------------------------------------------------
def _sort_abstract_eval(*operands, dimension, is_stable, num_keys):
    if not operands:
        raise TypeError("sort: needs at least one operand")
    shapes = {o.shape for o in operands}
    if len(shapes) != 1:
        raise TypeError("sort: operands must have equal shapes, got "
                        + ", ".join(str(o.shape) for o in operands))
    ndim = operands[0].ndim
    if ndim == 0:
        raise TypeError("sort: operands must have at least one dimension, got a scalar")
    if not isinstance(dimension, (int, np.integer)) or not 0 <= dimension < ndim:
        raise ValueError(f"sort: parameter 'dimension' is {dimension!r}, out of range for "
                         f"operands of rank {ndim}")
    if not isinstance(num_keys, (int, np.integer)) or not 1 <= num_keys <= len(operands):
        raise ValueError(f"sort: parameter 'num_keys' is {num_keys!r}; it must be between 1 "
                         f"and the number of operands ({len(operands)})")
    for o in operands[:num_keys]:
        check_kind("sort", o.dtype, (BOOL, SINT, "uint", FLOAT, COMPLEX), "key")
    return tuple(aval(o.shape, o.dtype, o.weak_type) for o in operands)


def _scalar_type(dtype):
    return mlir.aval_to_ir_type(aval((), dtype))


def _sort_lowering(ctx, *operands, dimension, is_stable, num_keys):
    dtypes = [a.dtype for a in ctx.avals_in]
    op = hlo.SortOp([mlir.aval_to_ir_type(a) for a in ctx.avals_out], list(operands),
                    dimension=mlir.i64_attr(dimension), is_stable=ir.BoolAttr.get(bool(is_stable)))
    scalars = [t for dt in dtypes for t in (_scalar_type(dt),) * 2]
    block = op.comparator.blocks.append(*scalars)
    with ir.InsertionPoint(block):
        hlo.return_([_comparator(list(block.arguments), dtypes, num_keys)])
    return op.results


sort_p = define("sort", _sort_abstract_eval, _sort_lowering, multiple_results=True)


def _sort_jvp(primals, tangents, *, dimension, is_stable, num_keys):
    # Stable for both sorts: then both apply the same permutation, even at ties.
    out = sort_p.bind(*primals, dimension=dimension, is_stable=True, num_keys=num_keys)
    live = [i for i, t in enumerate(tangents) if not is_zero(t)]
    tangent_out = [ad.Zero(aval_of(o).to_tangent_aval()) for o in out]
    if live:
        moved = sort_p.bind(*primals[:num_keys], *(tangents[i] for i in live),
                            dimension=dimension, is_stable=True, num_keys=num_keys)
        for i, t in zip(live, moved[num_keys:]):
            tangent_out[i] = t
    return out, tangent_out


def _sort_transpose(cts, *operands, dimension, is_stable, num_keys):
    # Linear in the companion operands (keys fixed): the cotangent of a sorted
    # companion goes back through the inverse permutation.  That permutation is
    # argsort(keys); un-permuting sorts (permutation, cotangent) by the permutation.
    keys = operands[:num_keys]
    if any(ad.is_undefined_primal(k) for k in keys):
        raise NotImplementedError("sort: transpose with respect to a key operand (sort is "
                                  "not linear in its keys)")
    undefined = [i for i, o in enumerate(operands) if ad.is_undefined_primal(o)]
    live = [i for i in undefined if not is_zero(cts[i])]
    out = [None] * len(operands)
    for i in undefined:
        out[i] = ad.Zero(operands[i].aval)
    if not live:
        return out
    st = _st()
    shape = keys[0].shape
    perm = sort_p.bind(*keys, st.iota(np.int32, shape, dimension), dimension=dimension,
                       is_stable=True, num_keys=num_keys)[-1]
    back = sort_p.bind(perm, *(cts[i] for i in live), dimension=dimension, is_stable=False,
                       num_keys=1)
    for i, ct in zip(live, back[1:]):
        out[i] = ct
    return out


def _sort_batch(args, dims, *, dimension, is_stable, num_keys):
    size = batching.batch_size(args, dims)
    args = [batching.bdim_at_front(x, d, size) for x, d in zip(args, dims)]
    out = sort_p.bind(*args, dimension=dimension + 1, is_stable=is_stable, num_keys=num_keys)
    return out, [0] * len(out)


ad.primitive_jvps[sort_p] = _sort_jvp
ad.deftranspose(sort_p, _sort_transpose)
batching.primitive_batchers[sort_p] = _sort_batch


def sort(operand, dimension: int = -1, is_stable: bool = True, num_keys: int = 1):
    """Sort ``operand`` (an array, or a sequence of equal-shaped arrays) along ``dimension``.

    With a sequence, the first ``num_keys`` arrays are the lexicographic keys
    and every array is permuted alike; the result is a tuple.  Floats order
    NaNs last and -0.0 equal to 0.0; complex numbers order by (real, imag).
    """
    single = not isinstance(operand, (tuple, list))
    operands = (operand,) if single else tuple(operand)
    if not operands:
        raise TypeError("sort: needs at least one operand")
    ndim = np.ndim(operands[0])
    dimension = operator.index(dimension)
    if -ndim <= dimension < 0:
        dimension += ndim
    out = sort_p.bind(*operands, dimension=dimension, is_stable=bool(is_stable),
                      num_keys=operator.index(num_keys))
    return out[0] if single else tuple(out)


def sort_key_val(keys, values, dimension: int = -1, is_stable: bool = True):
    """Sort ``keys`` along ``dimension`` and permute ``values`` alike; returns both."""
    return sort((keys, values), dimension, is_stable, 1)


# --- top_k --------------------------------------------------------------------------------
def _top_k_abstract_eval(x, *, k, axis):
    check_kind("top_k", x.dtype, (BOOL, SINT, "uint", FLOAT), "operand")
    if x.ndim == 0:
        raise TypeError("top_k: the operand must have at least one dimension, got a scalar")
    if not isinstance(axis, (int, np.integer)) or not 0 <= axis < x.ndim:
        raise ValueError(f"top_k: parameter 'axis' is {axis!r}, out of range for an operand "
                         f"of rank {x.ndim}")
    if not isinstance(k, (int, np.integer)) or not 0 <= k <= x.shape[axis]:
        raise ValueError(f"top_k: parameter 'k' is {k!r}; it must be between 0 and the "
                         f"length of axis {axis} ({x.shape[axis]})")
    shape = x.shape[:axis] + (k,) + x.shape[axis + 1:]
    return aval(shape, x.dtype, x.weak_type), aval(shape, np.int32)


def _last_axis_perm(ndim: int, axis: int):
    perm = list(range(ndim))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return perm


def _top_k_lowering(ctx, x, *, k, axis):
    ndim = ctx.avals_in[0].ndim
    perm = None if axis == ndim - 1 else _last_axis_perm(ndim, axis)
    if perm is not None:  # chlo.top_k works on the last axis
        x = hlo.transpose(x, mlir.dense_int_array(perm))
    values, indices = mlir.chlo.top_k(x, mlir.i64_attr(k))
    if perm is None:
        return [values, indices]
    return [hlo.transpose(v, mlir.dense_int_array(perm)) for v in (values, indices)]


top_k_p = define("top_k", _top_k_abstract_eval, _top_k_lowering, multiple_results=True)


def _take_along(t, idx, axis: int):
    """``t`` gathered at ``idx`` along ``axis`` (the other axes walked in lockstep)."""
    from . import indexing
    st = _st()
    others = tuple(d for d in range(t.ndim) if d != axis)
    dnums = indexing.GatherDimensionNumbers(
        offset_dims=(), collapsed_slice_dims=(axis,), start_index_map=(axis,),
        operand_batching_dims=others, start_indices_batching_dims=others)
    idx = st.reshape(idx, tuple(aval_of(idx).shape) + (1,))
    return indexing.gather(t, idx, dnums, (1,) * t.ndim, mode="promise_in_bounds")


def _top_k_jvp(primals, tangents, *, k, axis):
    (x,), (t,) = primals, tangents
    values, indices = top_k_p.bind(x, k=k, axis=axis)
    zero_idx = ad.Zero(aval_of(indices).to_tangent_aval())
    if is_zero(t):
        return (values, indices), (ad.Zero(aval_of(values).to_tangent_aval()), zero_idx)
    return (values, indices), (_take_along(t, indices, axis), zero_idx)


def _top_k_batch(args, dims, *, k, axis):
    (x,), (d,) = args, dims
    new_axis = axis + (axis >= d)
    return top_k_p.bind(x, k=k, axis=new_axis), (d, d)


ad.primitive_jvps[top_k_p] = _top_k_jvp
batching.primitive_batchers[top_k_p] = _top_k_batch


def top_k(operand, k: int, *, axis: int = -1):
    """The ``k`` largest entries of ``operand`` along ``axis`` and their int32 indices."""
    ndim = np.ndim(operand)
    axis = operator.index(axis)
    if -ndim <= axis < 0:
        axis += ndim
    return tuple(top_k_p.bind(operand, k=operator.index(k), axis=axis))
