"""Reductions: monoid reductions over axes, argmax/argmin, cumulative scans.

* ``reduce_sum``, ``reduce_prod``, ``reduce_max``, ``reduce_min``,
  ``reduce_and``, ``reduce_or``, ``reduce_xor`` (param ``axes``: a tuple of
  distinct non-negative axes) lower to one ``stablehlo.reduce`` whose body is
  the binary op; the identity is the op's neutral element.
* ``argmax`` / ``argmin`` (params ``axes=(axis,)``, ``index_dtype``) lower to a
  variadic reduce over (value, index) pairs.  Like numpy, a NaN beats every
  number, and among equal values (NaNs included) the lowest index wins.
* ``cumsum``, ``cumprod``, ``cummax``, ``cummin``, ``cumlogsumexp`` (params
  ``axis``, ``reverse``) lower to a ``stablehlo.reduce_window`` whose window
  covers the whole axis, padded on the side the scan comes from (XLA rewrites
  this into an efficient scan on CPU/GPU); on TPU they lower through the
  parallel prefix scan below.

Derivatives are written with jaxwrap's own primitives: the cumulative JVPs
differentiate a parallel prefix scan (``_prefix_scan``) with ``jax.jvp``, which
stays correct at zeros and ties where a closed formula would divide by zero.
Every primitive's rules sit in one block after its definition.
"""

from __future__ import annotations

import jax
import numpy as np

from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import hlo, ir
from ._base import (
    BOOL,
    COMPLEX,
    FLOAT,
    INT,
    INTEGRAL,
    NUMERIC,
    REAL_NUMERIC,
    SINT,
    aval,
    aval_of,
    check_kind,
    const,
    define,
    full,
    kind,
)


# --- lazy access to the sibling families (they import each other) -----------------
def _ew():
    from . import elementwise
    return elementwise


def _st():
    from . import structural
    return structural


# --- identities ---------------------------------------------------------------------
def _zero(dtype):
    return np.zeros((), dtype)


def _one(dtype):
    return np.ones((), dtype)


def _additive_identity(dtype):
    # -0.0 is the exact IEEE identity of addition (-0.0 + x == x for every x,
    # -0.0 included). cumsum uses it so a running sum of negative zeros keeps
    # its sign, as numpy's cumsum does (numpy's *sum* starts from +0.0, and so
    # does reduce_sum).
    if kind(dtype) == FLOAT:
        return np.array(-0.0, dtype)
    if kind(dtype) == COMPLEX:
        return np.array(complex(-0.0, -0.0), dtype)
    return np.zeros((), dtype)


def _lowest(dtype):
    k = kind(dtype)
    if k == BOOL:
        return np.array(False)
    if k in INT:
        return np.array(np.iinfo(dtype).min, dtype)
    return np.array(-np.inf, dtype)


def _highest(dtype):
    k = kind(dtype)
    if k == BOOL:
        return np.array(True)
    if k in INT:
        return np.array(np.iinfo(dtype).max, dtype)
    return np.array(np.inf, dtype)


def _all_bits(dtype):
    k = kind(dtype)
    if k == BOOL:
        return np.array(True)
    return np.array(-1 if k == SINT else np.iinfo(dtype).max, dtype)


# --- lowering helpers ---------------------------------------------------------------
def _scalar_type(dtype):
    return mlir.aval_to_ir_type(aval((), dtype))


def _compare(x, y, direction: str, dtype):
    ctype = {FLOAT: "FLOAT", COMPLEX: "FLOAT", SINT: "SIGNED"}.get(kind(dtype), "UNSIGNED")
    return hlo.compare(x, y, hlo.ComparisonDirectionAttr.get(direction),
                       compare_type=hlo.ComparisonTypeAttr.get(ctype))


def _logaddexp_hlo(a, b, dtype):
    """log(exp(a) + exp(b)) as max + log1p(exp(-|a - b|)); equal infinities give 0 gap."""
    gap = hlo.negate(hlo.abs(hlo.subtract(a, b)))
    gap = hlo.select(_compare(a, b, "EQ", dtype), mlir.ir_constant(0, dtype), gap)
    return hlo.add(hlo.maximum(a, b), hlo.log_plus_one(hlo.exponential(gap)))


# --- the reduction core ---------------------------------------------------------------
def _check_axes(name: str, axes, ndim: int) -> tuple[int, ...]:
    if not isinstance(axes, tuple) or not all(isinstance(a, (int, np.integer)) for a in axes):
        raise TypeError(f"{name}: parameter 'axes' must be a tuple of ints, got {axes!r}")
    for a in axes:
        if not 0 <= a < ndim:
            raise ValueError(f"{name}: parameter 'axes' has {a}, out of range for an operand "
                             f"of rank {ndim} (axes are non-negative and less than the rank)")
    if len(set(axes)) != len(axes):
        raise ValueError(f"{name}: parameter 'axes' has duplicates: {axes}")
    return tuple(int(a) for a in axes)


def _reduce_abstract_eval(name: str, kinds):
    def rule(x, *, axes):
        check_kind(name, x.dtype, kinds)
        axes = _check_axes(name, axes, x.ndim)
        shape = tuple(d for i, d in enumerate(x.shape) if i not in axes)
        return aval(shape, x.dtype, x.weak_type)
    rule.__name__ = f"_{name}_abstract_eval"
    return rule


def _reduce_lowering(op, identity):
    """Lowering to a ``stablehlo.reduce`` whose body applies the binary ``op``."""
    def rule(ctx, x, *, axes):
        dtype = ctx.avals_in[0].dtype
        red = hlo.ReduceOp([mlir.aval_to_ir_type(ctx.avals_out[0])], [x],
                           [mlir.ir_constant(identity(dtype))], mlir.dense_int_array(axes))
        scalar = _scalar_type(dtype)
        body = red.regions[0].blocks.append(scalar, scalar)
        with ir.InsertionPoint(body):
            hlo.return_([op(*body.arguments)])
        return red.results
    return rule


def _kept_dims(ndim: int, axes) -> tuple[int, ...]:
    return tuple(i for i in range(ndim) if i not in axes)


def _normalize_axes(x, axes) -> tuple[int, ...]:
    """Axes as a tuple of ints; negative axes count from the end (range checked later)."""
    ndim = np.ndim(x)
    if isinstance(axes, (int, np.integer)):
        axes = (axes,)
    return tuple(int(a) + ndim if -ndim <= int(a) < 0 else int(a) for a in axes)


def _bind_reduce(prim, x, axes):
    return prim.bind(x, axes=_normalize_axes(x, axes))


# --- reduce_sum -------------------------------------------------------------------------
_reduce_sum_abstract_eval = _reduce_abstract_eval("reduce_sum", NUMERIC)
_reduce_sum_lowering = _reduce_lowering(hlo.add, _zero)
reduce_sum_p = define("reduce_sum", _reduce_sum_abstract_eval, _reduce_sum_lowering)


def _reduce_sum_transpose(ct, x, *, axes):
    shape = x.aval.shape
    return [_st().broadcast_in_dim(ct, shape, _kept_dims(len(shape), axes))]


ad.deflinear(reduce_sum_p, _reduce_sum_transpose)
batching.defreducer(reduce_sum_p)


def reduce_sum(x, axes):
    """Sum of ``x`` over ``axes``."""
    return _bind_reduce(reduce_sum_p, x, axes)


# --- reduce_prod ------------------------------------------------------------------------
_reduce_prod_abstract_eval = _reduce_abstract_eval("reduce_prod", NUMERIC)
_reduce_prod_lowering = _reduce_lowering(hlo.multiply, _one)
reduce_prod_p = define("reduce_prod", _reduce_prod_abstract_eval, _reduce_prod_lowering)


def _exclusive(scan, ones, axis: int, reverse: bool):
    """Shift a scan along ``axis`` by one, filling with ``ones`` (a size-1 slab)."""
    st = _st()
    n = scan.shape[axis]
    start = [0] * scan.ndim
    limit = list(scan.shape)
    if reverse:
        start[axis] = 1
        parts = [st.slice(scan, tuple(start), tuple(limit)), ones]
    else:
        limit[axis] = n - 1
        parts = [ones, st.slice(scan, tuple(start), tuple(limit))]
    return st.concatenate(parts, axis)


def _reduce_prod_jvp(primals, tangents, *, axes):
    # d prod(x) = sum_i t_i * prod_{j != i} x_j, with the products of all-but-one
    # taken from exclusive cumulative products on both sides (no division, so
    # zeros in x are fine).
    (x,), (t,) = primals, tangents
    out = reduce_prod_p.bind(x, axes=axes)
    if type(t) is ad.Zero:
        return out, ad.Zero(aval_of(out).to_tangent_aval())
    if not axes:
        return out, t
    st, ew = _st(), _ew()
    kept = _kept_dims(x.ndim, axes)
    perm = tuple(sorted(axes)) + kept
    n = int(np.prod([x.shape[a] for a in axes]))
    flat = (n,) + tuple(x.shape[i] for i in kept)

    def to_rows(v):
        return st.reshape(st.transpose(v, perm), flat)

    xr, tr = to_rows(x), to_rows(t)
    if n == 0:
        return out, reduce_sum(tr, (0,))
    ones = full((1,) + flat[1:], 1, x.dtype)
    left = _exclusive(cumprod(xr, 0), ones, 0, reverse=False)
    right = _exclusive(cumprod(xr, 0, reverse=True), ones, 0, reverse=True)
    return out, reduce_sum(ew.mul(ew.mul(left, right), tr), (0,))


ad.primitive_jvps[reduce_prod_p] = _reduce_prod_jvp
batching.defreducer(reduce_prod_p)


def reduce_prod(x, axes):
    """Product of ``x`` over ``axes``."""
    return _bind_reduce(reduce_prod_p, x, axes)


# --- reduce_max / reduce_min ------------------------------------------------------------
def _chooser_jvp(t, ans, x, *, axes):
    # The tangent is averaged over the positions that attain the extremum.
    ew, st = _ew(), _st()
    kept = _kept_dims(x.ndim, axes)
    hit = ew.eq(x, st.broadcast_in_dim(ans, x.shape, kept))
    mask = ew.convert_element_type(hit, x.dtype)
    count = reduce_sum(mask, axes)
    return ew.div(reduce_sum(ew.mul(t, mask), axes), count)


_reduce_max_abstract_eval = _reduce_abstract_eval("reduce_max", (BOOL,) + REAL_NUMERIC)
_reduce_max_lowering = _reduce_lowering(hlo.maximum, _lowest)
reduce_max_p = define("reduce_max", _reduce_max_abstract_eval, _reduce_max_lowering)

_reduce_max_jvp = _chooser_jvp
ad.defjvp2(reduce_max_p, _reduce_max_jvp)
batching.defreducer(reduce_max_p)


def reduce_max(x, axes):
    """Maximum of ``x`` over ``axes`` (NaN propagates)."""
    return _bind_reduce(reduce_max_p, x, axes)


_reduce_min_abstract_eval = _reduce_abstract_eval("reduce_min", (BOOL,) + REAL_NUMERIC)
_reduce_min_lowering = _reduce_lowering(hlo.minimum, _highest)
reduce_min_p = define("reduce_min", _reduce_min_abstract_eval, _reduce_min_lowering)

_reduce_min_jvp = _chooser_jvp
ad.defjvp2(reduce_min_p, _reduce_min_jvp)
batching.defreducer(reduce_min_p)


def reduce_min(x, axes):
    """Minimum of ``x`` over ``axes`` (NaN propagates)."""
    return _bind_reduce(reduce_min_p, x, axes)


# --- reduce_and / reduce_or / reduce_xor (bitwise; logical on bool) ------------------------
_reduce_and_abstract_eval = _reduce_abstract_eval("reduce_and", INTEGRAL)
_reduce_and_lowering = _reduce_lowering(hlo.and_, _all_bits)
reduce_and_p = define("reduce_and", _reduce_and_abstract_eval, _reduce_and_lowering)
ad.defjvp_zero(reduce_and_p)
batching.defreducer(reduce_and_p)


def reduce_and(x, axes):
    """Bitwise (logical for bool) AND of ``x`` over ``axes``."""
    return _bind_reduce(reduce_and_p, x, axes)


_reduce_or_abstract_eval = _reduce_abstract_eval("reduce_or", INTEGRAL)
_reduce_or_lowering = _reduce_lowering(hlo.or_, _zero)
reduce_or_p = define("reduce_or", _reduce_or_abstract_eval, _reduce_or_lowering)
ad.defjvp_zero(reduce_or_p)
batching.defreducer(reduce_or_p)


def reduce_or(x, axes):
    """Bitwise (logical for bool) OR of ``x`` over ``axes``."""
    return _bind_reduce(reduce_or_p, x, axes)


_reduce_xor_abstract_eval = _reduce_abstract_eval("reduce_xor", INTEGRAL)
_reduce_xor_lowering = _reduce_lowering(hlo.xor, _zero)
reduce_xor_p = define("reduce_xor", _reduce_xor_abstract_eval, _reduce_xor_lowering)
ad.defjvp_zero(reduce_xor_p)
batching.defreducer(reduce_xor_p)


def reduce_xor(x, axes):
    """Bitwise (logical for bool) XOR of ``x`` over ``axes``."""
    return _bind_reduce(reduce_xor_p, x, axes)


# --- argmax / argmin ----------------------------------------------------------------------
def _arg_abstract_eval(name: str):
    def rule(x, *, axes, index_dtype):
        check_kind(name, x.dtype, (BOOL,) + REAL_NUMERIC)
        axes = _check_axes(name, axes, x.ndim)
        if len(axes) != 1:
            raise ValueError(f"{name}: parameter 'axes' must name exactly one axis, got {axes}")
        try:
            idx_kind = kind(index_dtype)
        except TypeError:
            idx_kind = None
        if idx_kind not in INT:
            raise TypeError(f"{name}: parameter 'index_dtype' must be an integer dtype, "
                            f"got {index_dtype}")
        (axis,) = axes
        if x.shape[axis] == 0:
            raise ValueError(f"{name}: the reduced axis {axis} of an operand of shape "
                             f"{x.shape} is empty (parameter 'axes')")
        shape = tuple(d for i, d in enumerate(x.shape) if i != axis)
        return aval(shape, index_dtype, False)
    rule.__name__ = f"_{name}_abstract_eval"
    return rule


# direction -> (a ties or beats b, b ties or beats a)
_OR_EQUAL = {"GT": ("GE", "LE"), "LT": ("LE", "GE")}


def _arg_lowering(direction: str, identity):
    """Variadic reduce over (value, index); ``direction`` 'GT' for argmax, 'LT' for argmin."""
    def rule(ctx, x, *, axes, index_dtype):
        (axis,) = axes
        x_aval = ctx.avals_in[0]
        dtype, idx_dtype = x_aval.dtype, np.dtype(index_dtype)
        idx_type = mlir.aval_to_ir_type(aval(x_aval.shape, idx_dtype))
        iota = hlo.IotaOp(idx_type, mlir.i64_attr(axis)).result
        out_idx = mlir.aval_to_ir_type(ctx.avals_out[0])
        out_val = mlir.aval_to_ir_type(aval(ctx.avals_out[0].shape, dtype))
        red = hlo.ReduceOp([out_val, out_idx], [x, iota],
                           [mlir.ir_constant(identity(dtype)), mlir.ir_constant(0, idx_dtype)],
                           mlir.dense_int_array(axes))
        sv, si = _scalar_type(dtype), _scalar_type(idx_dtype)
        body = red.regions[0].blocks.append(sv, si, sv, si)
        with ir.InsertionPoint(body):
            av, ai, bv, bi = body.arguments
            # The reducer is commutative (XLA may combine partial results in any
            # order): it keeps the pair with the larger key (value, -index), a
            # NaN value winning over every number (for argmin too, like numpy).
            better = _compare(av, bv, direction, dtype)
            first = _compare(ai, bi, "LT", idx_dtype)
            if kind(dtype) == FLOAT:
                # ``win_low``: ``a`` ties or beats ``b``; ``win_high``: ``a``
                # strictly beats ``b``.  A NaN ``a`` ties with a NaN ``b`` and
                # beats a number; a NaN ``b`` beats ``a`` unless ``a`` is NaN
                # too.  ``not (a <= b)`` (for argmax) holds exactly when a > b
                # or either is NaN.
                low_dir, high_dir = _OR_EQUAL[direction]
                a_nan = _compare(av, av, "NE", dtype)
                b_num = _compare(bv, bv, "EQ", dtype)
                win_low = hlo.or_(_compare(av, bv, low_dir, dtype), a_nan)
                win_high = hlo.and_(hlo.not_(_compare(av, bv, high_dir, dtype)), b_num)
                pick_a = hlo.select(first, win_low, win_high)
                # The carried value needs no index: on a tie either is right,
                # and keeping it independent of the indices lets XLA vectorise it.
                better = hlo.or_(better, a_nan)
            else:
                # A total order: strictly better, or equal with the lower index.
                pick_a = hlo.or_(better, hlo.and_(_compare(av, bv, "EQ", dtype), first))
            hlo.return_([hlo.select(better, av, bv), hlo.select(pick_a, ai, bi)])
        return [red.results[1]]
    return rule


def _bind_arg(prim, x, axis, index_dtype):
    (axis,) = _normalize_axes(x, (axis,))
    return prim.bind(x, axes=(axis,), index_dtype=np.dtype(index_dtype))


_argmax_abstract_eval = _arg_abstract_eval("argmax")
_argmax_lowering = _arg_lowering("GT", _lowest)
argmax_p = define("argmax", _argmax_abstract_eval, _argmax_lowering)
ad.defjvp_zero(argmax_p)
batching.defreducer(argmax_p)


def argmax(x, axis: int, index_dtype=np.int32):
    """Index of the first maximum of ``x`` along ``axis`` (a NaN counts as the maximum)."""
    return _bind_arg(argmax_p, x, axis, index_dtype)


_argmin_abstract_eval = _arg_abstract_eval("argmin")
_argmin_lowering = _arg_lowering("LT", _highest)
argmin_p = define("argmin", _argmin_abstract_eval, _argmin_lowering)
ad.defjvp_zero(argmin_p)
batching.defreducer(argmin_p)


def argmin(x, axis: int, index_dtype=np.int32):
    """Index of the first minimum of ``x`` along ``axis`` (a NaN counts as the minimum)."""
    return _bind_arg(argmin_p, x, axis, index_dtype)


# --- the cumulative core ----------------------------------------------------------------------
def _cum_abstract_eval(name: str, kinds):
    def rule(x, *, axis, reverse):
        check_kind(name, x.dtype, kinds)
        if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
            raise TypeError(f"{name}: parameter 'axis' must be an int, got {axis!r}")
        if not 0 <= axis < x.ndim:
            raise ValueError(f"{name}: parameter 'axis' is {axis}, out of range for an operand "
                             f"of shape {x.shape}")
        if not isinstance(reverse, (bool, np.bool_)):
            raise TypeError(f"{name}: parameter 'reverse' must be a bool, got {reverse!r}")
        return aval(x.shape, x.dtype, x.weak_type)
    rule.__name__ = f"_{name}_abstract_eval"
    return rule


def _cum_lowering(op, identity):
    """A ``reduce_window`` whose window spans the axis, padded on the scan's leading side."""
    def rule(ctx, x, *, axis, reverse):
        x_aval = ctx.avals_in[0]
        n = x_aval.shape[axis]
        if n == 0:
            return [x]
        ndim, dtype = x_aval.ndim, x_aval.dtype
        window = [1] * ndim
        window[axis] = n
        padding = np.zeros((ndim, 2), np.int64)
        padding[axis] = (0, n - 1) if reverse else (n - 1, 0)
        rw = hlo.ReduceWindowOp(
            [mlir.aval_to_ir_type(ctx.avals_out[0])], [x], [mlir.ir_constant(identity(dtype))],
            mlir.dense_int_array(window),
            window_strides=mlir.dense_int_array([1] * ndim),
            base_dilations=mlir.dense_int_array([1] * ndim),
            window_dilations=mlir.dense_int_array([1] * ndim),
            padding=ir.DenseIntElementsAttr.get(padding, shape=[ndim, 2]))
        scalar = _scalar_type(dtype)
        body = rw.regions[0].blocks.append(scalar, scalar)
        with ir.InsertionPoint(body):
            hlo.return_([op(*body.arguments, dtype)])
        return rw.results
    return rule


def _cum_batch(prim):
    def rule(args, dims, *, axis, reverse):
        (x,), (d,) = args, dims
        return prim.bind(x, axis=axis + (axis >= d), reverse=reverse), d
    return rule


def _bind_cum(prim, x, axis, reverse):
    (axis,) = _normalize_axes(x, (axis,))
    return prim.bind(x, axis=axis, reverse=bool(reverse))


def _slice_axis(x, start: int, limit: int, stride: int, axis: int):
    starts, limits, strides = [0] * x.ndim, list(x.shape), [1] * x.ndim
    starts[axis], limits[axis], strides[axis] = start, limit, stride
    return _st().slice(x, tuple(starts), tuple(limits), tuple(strides))


def _spread(x, low: int, high: int, axis: int):
    """Interleave zeros between the elements of ``x`` along ``axis``, plus edge padding."""
    config = [(0, 0, 0)] * x.ndim
    config[axis] = (low, high, 1)
    return _st().pad(x, const(x, 0), tuple(config))


def _prefix_scan(combine, x, axis: int, reverse: bool = False):
    """Inclusive scan of ``x`` along ``axis`` with an associative ``combine(earlier, later)``.

    Written in jaxwrap primitives (slices, pads, one recursive call on the
    pairwise-combined half), so ``jax.jvp`` of it gives the cumulative JVPs.
    Depth O(log n), work O(n).
    """
    if reverse:
        rev = _st().rev
        return rev(_prefix_scan(combine, rev(x, (axis,)), axis), (axis,))
    n = x.shape[axis]
    if n < 2:
        return x
    m = n // 2
    # scan of pairs (x0 x1)(x2 x3)...: the results at odd positions 1, 3, ...
    odd = _prefix_scan(combine, combine(_slice_axis(x, 0, 2 * m, 2, axis),
                                        _slice_axis(x, 1, 2 * m, 2, axis)), axis)
    # even positions 2, 4, ...: the previous odd result combined with x at that position
    even_tail = combine(_slice_axis(odd, 0, n - m - 1, 1, axis),
                        _slice_axis(x, 2, n, 2, axis))
    even = _st().concatenate([_slice_axis(x, 0, 1, 1, axis), even_tail], axis)
    # interleave: even results at 0, 2, ...; odd results at 1, 3, ...
    return _ew().add(_spread(even, 0, n - 2 * (n - m) + 1, axis),
                     _spread(odd, 1, n - 2 * m, axis))


def _cum_jvp(prim, combine):
    """JVP of a cumulative primitive: jax.jvp of the prefix scan with ``combine``."""
    def rule(primals, tangents, *, axis, reverse):
        (x,), (t,) = primals, tangents
        out = prim.bind(x, axis=axis, reverse=reverse)
        if type(t) is ad.Zero:
            return out, ad.Zero(aval_of(out).to_tangent_aval())

        def scan(v):
            return _prefix_scan(combine(), v, axis, reverse)

        _, t_out = jax.jvp(scan, (x,), (t,))
        return out, t_out
    return rule


def _cum_scan_lowering(combine):
    """Lowering through the prefix scan: O(n log n) work on TPU, where a reduce_window
    spanning the axis would be quadratic."""
    def scan(x, *, axis, reverse):
        return _prefix_scan(combine(), x, axis, reverse)
    return mlir.lower_fun(scan, multiple_results=False)


# --- cumsum -------------------------------------------------------------------------------
_cumsum_abstract_eval = _cum_abstract_eval("cumsum", NUMERIC)
_cumsum_lowering = _cum_lowering(lambda a, b, dtype: hlo.add(a, b), _additive_identity)
cumsum_p = define("cumsum", _cumsum_abstract_eval, _cumsum_lowering)
_cumsum_lowering_tpu = _cum_scan_lowering(lambda: _ew().add)
mlir.register_lowering(cumsum_p, _cumsum_lowering_tpu, platform="tpu")


def _cumsum_transpose(ct, x, *, axis, reverse):
    return [cumsum(ct, axis, not reverse)]


_cumsum_batch = _cum_batch(cumsum_p)
ad.deflinear(cumsum_p, _cumsum_transpose)
batching.primitive_batchers[cumsum_p] = _cumsum_batch


def cumsum(x, axis: int, reverse: bool = False):
    """Inclusive cumulative sum of ``x`` along ``axis`` (from the end if ``reverse``)."""
    return _bind_cum(cumsum_p, x, axis, reverse)


# --- cumprod ------------------------------------------------------------------------------
_cumprod_abstract_eval = _cum_abstract_eval("cumprod", NUMERIC)
_cumprod_lowering = _cum_lowering(lambda a, b, dtype: hlo.multiply(a, b), _one)
cumprod_p = define("cumprod", _cumprod_abstract_eval, _cumprod_lowering)
_cumprod_lowering_tpu = _cum_scan_lowering(lambda: _ew().mul)
mlir.register_lowering(cumprod_p, _cumprod_lowering_tpu, platform="tpu")

_cumprod_jvp = _cum_jvp(cumprod_p, lambda: _ew().mul)
_cumprod_batch = _cum_batch(cumprod_p)
ad.primitive_jvps[cumprod_p] = _cumprod_jvp
batching.primitive_batchers[cumprod_p] = _cumprod_batch


def cumprod(x, axis: int, reverse: bool = False):
    """Inclusive cumulative product of ``x`` along ``axis``."""
    return _bind_cum(cumprod_p, x, axis, reverse)


# --- cummax / cummin ----------------------------------------------------------------------
_cummax_abstract_eval = _cum_abstract_eval("cummax", REAL_NUMERIC)
_cummax_lowering = _cum_lowering(lambda a, b, dtype: hlo.maximum(a, b), _lowest)
cummax_p = define("cummax", _cummax_abstract_eval, _cummax_lowering)
_cummax_lowering_tpu = _cum_scan_lowering(lambda: _ew().max)
mlir.register_lowering(cummax_p, _cummax_lowering_tpu, platform="tpu")

_cummax_jvp = _cum_jvp(cummax_p, lambda: _ew().max)
_cummax_batch = _cum_batch(cummax_p)
ad.primitive_jvps[cummax_p] = _cummax_jvp
batching.primitive_batchers[cummax_p] = _cummax_batch


def cummax(x, axis: int, reverse: bool = False):
    """Running maximum of ``x`` along ``axis`` (NaN propagates)."""
    return _bind_cum(cummax_p, x, axis, reverse)


_cummin_abstract_eval = _cum_abstract_eval("cummin", REAL_NUMERIC)
_cummin_lowering = _cum_lowering(lambda a, b, dtype: hlo.minimum(a, b), _highest)
cummin_p = define("cummin", _cummin_abstract_eval, _cummin_lowering)
_cummin_lowering_tpu = _cum_scan_lowering(lambda: _ew().min)
mlir.register_lowering(cummin_p, _cummin_lowering_tpu, platform="tpu")

_cummin_jvp = _cum_jvp(cummin_p, lambda: _ew().min)
_cummin_batch = _cum_batch(cummin_p)
ad.primitive_jvps[cummin_p] = _cummin_jvp
batching.primitive_batchers[cummin_p] = _cummin_batch


def cummin(x, axis: int, reverse: bool = False):
    """Running minimum of ``x`` along ``axis`` (NaN propagates)."""
    return _bind_cum(cummin_p, x, axis, reverse)


# --- cumlogsumexp -------------------------------------------------------------------------
@jax.custom_jvp
def _logaddexp(a, b):
    """log(exp(a) + exp(b)) in jaxwrap primitives (the combine of cumlogsumexp's scan)."""
    ew = _ew()
    gap = ew.neg(ew.abs(ew.sub(a, b)))
    same = ew.eq(a, b)  # equal infinities: gap 0, not NaN
    gap = _st().select_n(same, gap, full(aval_of(gap).shape, 0, aval_of(gap).dtype))
    return ew.add(ew.max(a, b), ew.log1p(ew.exp(gap)))


@_logaddexp.defjvp
def _logaddexp_jvp(primals, tangents):
    # d out = sigmoid(a - b) da + sigmoid(b - a) db; smooth, so every order is right.
    (a, b), (ta, tb) = primals, tangents
    ew = _ew()
    out = _logaddexp(a, b)
    diff = ew.sub(a, b)
    both_inf = ew.and_(ew.eq(a, b), ew.not_(ew.is_finite(a)))
    diff = _st().select_n(both_inf, diff, full(aval_of(diff).shape, 0, aval_of(diff).dtype))
    wa, wb = ew.logistic(diff), ew.logistic(ew.neg(diff))
    return out, ew.add(ew.mul(ta, wa), ew.mul(tb, wb))


_cumlogsumexp_abstract_eval = _cum_abstract_eval("cumlogsumexp", FLOAT)
_cumlogsumexp_lowering = _cum_lowering(_logaddexp_hlo, _lowest)
cumlogsumexp_p = define("cumlogsumexp", _cumlogsumexp_abstract_eval, _cumlogsumexp_lowering)
_cumlogsumexp_lowering_tpu = _cum_scan_lowering(lambda: _logaddexp)
mlir.register_lowering(cumlogsumexp_p, _cumlogsumexp_lowering_tpu, platform="tpu")

_cumlogsumexp_jvp = _cum_jvp(cumlogsumexp_p, lambda: _logaddexp)
_cumlogsumexp_batch = _cum_batch(cumlogsumexp_p)
ad.primitive_jvps[cumlogsumexp_p] = _cumlogsumexp_jvp
batching.primitive_batchers[cumlogsumexp_p] = _cumlogsumexp_batch


def cumlogsumexp(x, axis: int, reverse: bool = False):
    """Running log(sum(exp(x))) along ``axis``, computed without overflow."""
    return _bind_cum(cumlogsumexp_p, x, axis, reverse)

