"""Hypothesis tests for the edges of jaxwrap.numpy's elementwise functions,
reductions and shape round-trips.

Inputs mix ordinary values with the edges: +-inf, nan, +-0.0, subnormals,
the largest and smallest normal numbers, integer extremes.  Results are
compared with numpy: values (an ulp budget per function), NaN positions,
infinities, and the sign of zero where numpy defines it.

XLA on CPU flushes subnormals to zero (inputs and results, float32 and
float64), like jax.numpy: where an input or numpy's result is subnormal, the
element is compared with jax.numpy instead, and differences below the
smallest normal number are not counted.

Sample size: ``max_examples = 10 + 5 * JAXWRAP_NUM_CASES`` per test
(derandomized, so a run is reproducible); arrays of the elementwise tests
have one fixed length, so each function compiles once per dtype.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import jaxwrap.numpy as jwnp
from tests.harness import NUM_CASES

FUZZ = settings(max_examples=10 + 5 * NUM_CASES, derandomize=True, deadline=None,
                database=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

N = 12  # length of the arrays of the elementwise tests


# --- inputs ---------------------------------------------------------------------------------------
def _edges(dtype):
    fi = np.finfo(dtype)
    sub = fi.smallest_subnormal
    vals = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, -2.5,
            fi.tiny, -fi.tiny, sub, -sub, fi.tiny / 4, fi.max, -fi.max, fi.eps, 1 - fi.epsneg,
            1 + fi.eps, math.pi, -math.pi / 2, 1e-30, -1e30, 1e10, 2.0 ** (fi.nmant + 1) + 2,
            float(fi.maxexp) - 0.5, float(fi.minexp) - 3.0, 100.0, -100.0]
    return [dtype(v) for v in vals]


def _pool(dtype):
    """The values elements are drawn from: the edges first (hypothesis shrinks
    toward them), then ordinary numbers of every magnitude, then random bit
    patterns (NaNs with payloads, subnormals, every exponent)."""
    rng = np.random.default_rng(0)
    fi = np.finfo(dtype)
    ordinary = rng.uniform(-10, 10, 600)
    mags = rng.choice([-1, 1], 1200) * 10.0 ** rng.uniform(math.log10(float(fi.tiny)),
                                                         math.log10(float(fi.max)), 1200)
    ibits = np.dtype(f"uint{np.dtype(dtype).itemsize * 8}")
    raw = rng.integers(0, np.iinfo(ibits).max, 600, dtype=ibits, endpoint=True).view(dtype)
    with np.errstate(over="ignore"):
        rest = np.concatenate([ordinary, mags]).astype(dtype)
    return np.concatenate([np.array(_edges(dtype), dtype), rest, raw])


_POOLS = {np.dtype(d): _pool(d) for d in (np.float32, np.float64)}


def float_arrays(dtype, shape=(N,)):
    pool = _POOLS[np.dtype(dtype)]
    # Drawing indices into a fixed pool is several times cheaper for hypothesis
    # than drawing floats, and keeps the edges one shrink away.
    return hnp.arrays(np.uint16, shape, elements=st.integers(0, len(pool) - 1)).map(
        lambda idx: pool[idx])


def ints(dtype):
    ii = np.iinfo(dtype)
    edges = [ii.min, ii.max, 0, 1, -1 if ii.min < 0 else 2, ii.min + 1, ii.max - 1, 7]
    return st.one_of(st.sampled_from([dtype(v) for v in edges]),
                     st.integers(int(ii.min), int(ii.max)).map(dtype))


def int_arrays(dtype, shape=(N,)):
    return hnp.arrays(dtype, shape, elements=ints(dtype))


INT_DTYPES = [np.int8, np.int32, np.uint8, np.uint32]
INT64_DTYPES = [np.int64, np.uint64]


# --- comparison -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Op:
    name: str
    ulps: float = 0            # budget relative to the result
    in_ulps: float = 0         # budget relative to the largest input (cancellation)
    zero_sign: bool = True     # numpy defines the sign of a zero result
    domain: object = None      # (x, y) -> mask of inputs the comparison keeps
    bitwise: bool = False      # integer work on the bits: numpy's value even for subnormals

    def __str__(self):
        return self.name


def _subnormal(a):
    a = np.asarray(a)
    if a.dtype.kind not in "fc":
        return np.zeros(a.shape, bool)
    tiny = np.finfo(a.dtype).tiny
    with np.errstate(invalid="ignore"):
        return (a != 0) & (np.abs(a) < tiny)


def assert_like_numpy(op, got, ref, peer, inputs, err=""):
    """``got`` (jaxwrap) against ``ref`` (numpy), and jax.numpy where subnormals
    make numpy's value one a flushing CPU cannot produce.

    ``peer``: jax.numpy's result, or ``(dtype, thunk)``: its dtype and a
    function computing it (called only when needed, to save compilations).
    """
    got, ref = np.asarray(got), np.asarray(ref)
    peer_dtype, peer_fn = peer if isinstance(peer, tuple) else (np.asarray(peer).dtype,
                                                                lambda: peer)
    assert got.shape == ref.shape, f"{op}{err}: shape {got.shape} != numpy's {ref.shape}"
    assert got.dtype == peer_dtype, f"{op}{err}: dtype {got.dtype} != jax.numpy's {peer_dtype}"
    shape = got.shape
    if ref.dtype != got.dtype and ref.dtype.kind == got.dtype.kind == "f":
        # numpy computes some functions (float_power) in float64: round to the
        # dtype jax's promotion chose, then compare.
        with np.errstate(all="ignore"):
            ref = ref.astype(got.dtype)
    flushed = np.zeros(shape, bool)
    if not op.bitwise:
        flushed = _subnormal(ref)
        for x in inputs:
            flushed = flushed | np.broadcast_to(_subnormal(x), shape)
    peer = ref
    if flushed.any() or got.dtype.kind == "f" and _subnormal(got).any():
        peer = np.asarray(peer_fn())
        if not op.bitwise:
            flushed = flushed | _subnormal(peer)
    keep = np.ones(shape, bool)
    if op.domain is not None:
        keep = np.broadcast_to(op.domain(*inputs), shape)
    expected = np.where(flushed, peer.astype(ref.dtype) if peer.dtype != ref.dtype else peer, ref)
    where = f"{op}{err}\ninputs: {[np.asarray(x).tolist() for x in inputs]}\n" \
            f"got:      {got.tolist()}\nexpected: {expected.tolist()}"
    if got.dtype.kind in "biu" or expected.dtype.kind in "biu":
        bad = keep & (got != expected.astype(got.dtype))
        assert not bad.any(), f"{where}\nmismatch at {np.argwhere(bad).tolist()}"
        return
    g, e = got.astype(np.float64), expected.astype(np.float64)
    nan_g, nan_e = np.isnan(g), np.isnan(e)
    bad = keep & (nan_g != nan_e)
    assert not bad.any(), f"{where}\nNaN positions differ at {np.argwhere(bad).tolist()}"
    fi = np.finfo(got.dtype)
    inf_e = np.isinf(e) & keep
    bad = inf_e & (g != e)
    assert not bad.any(), f"{where}\ninfinities differ at {np.argwhere(bad).tolist()}"
    fin = keep & ~nan_e & ~np.isinf(e)
    with np.errstate(all="ignore"):
        scale = np.zeros(shape)
        for x in inputs:
            xa = np.abs(np.asarray(x).astype(np.float64))
            scale = np.maximum(scale, np.broadcast_to(np.where(np.isfinite(xa), xa, 0), shape))
        budget = float(fi.eps) * (op.ulps * np.abs(e) + op.in_ulps * scale) + 2 * float(fi.tiny)
        bad = fin & ~(np.abs(g - e) <= budget)
    assert not bad.any(), f"{where}\nvalues differ at {np.argwhere(bad).tolist()} " \
                          f"(budget {op.ulps} ulps, {op.in_ulps} input ulps)"
    if op.zero_sign:
        zero = fin & ~flushed & (e == 0) & (g == 0)
        bad = zero & (np.signbit(g) != np.signbit(e))
        assert not bad.any(), f"{where}\nsigns of zero differ at {np.argwhere(bad).tolist()}"


def _run(op, arrays, x64=False):
    fn, peer = getattr(jwnp, op.name), getattr(jnp, op.name)
    with jax.enable_x64(x64):
        got = fn(*arrays)
        # jax.numpy's dtypes from a trace; its values only where subnormals need them
        pshape = jax.eval_shape(peer, *arrays)

    def peer_values(k=None):
        with jax.enable_x64(x64):
            out = peer(*arrays)
        return out if k is None else out[k]

    with np.errstate(all="ignore"):
        ref = getattr(np, op.name)(*arrays)
    if isinstance(ref, tuple):
        for k, (g, r, p) in enumerate(zip(got, ref, pshape)):
            assert_like_numpy(op, g, r, (p.dtype, lambda k=k: peer_values(k)), arrays,
                              err=f" output {k}")
    else:
        assert_like_numpy(op, got, ref, (pshape.dtype, peer_values), arrays)


# --- elementwise functions of floats --------------------------------------------------------------
def _finite_below(bound):
    return lambda x, *rest: ~np.isfinite(x) | (np.abs(x) < bound)


UNARY_FLOAT = [
    Op("negative"), Op("positive"), Op("absolute"), Op("fabs"), Op("sign"),
    Op("square", 1), Op("sqrt", 1), Op("cbrt", 4), Op("reciprocal", 1),
    Op("exp", 4), Op("exp2", 2), Op("expm1", 4), Op("log", 4), Op("log2", 4), Op("log10", 4),
    Op("log1p", 4),
    # Trigonometric functions of huge arguments need an exact argument reduction
    # (numpy has one); the comparison keeps |x| < 1e4, where XLA's is accurate.
    Op("sin", 4, 1, domain=_finite_below(1e4)), Op("cos", 4, 1, domain=_finite_below(1e4)),
    Op("tan", 8, 2, domain=_finite_below(1e4)),
    Op("arcsin", 4), Op("arccos", 4), Op("arctan", 4),
    Op("sinh", 4), Op("cosh", 4), Op("tanh", 4),
    Op("arcsinh", 4), Op("arccosh", 4), Op("arctanh", 4),
    Op("deg2rad", 2), Op("rad2deg", 2),
    Op("floor"), Op("ceil"), Op("trunc"), Op("rint"),
    Op("signbit"), Op("isnan"), Op("isinf"), Op("isfinite"), Op("isposinf"), Op("isneginf"),
    Op("spacing"), Op("frexp", bitwise=True), Op("modf"),
]

BINARY_FLOAT = [
    Op("add"), Op("subtract"), Op("multiply"), Op("divide"), Op("true_divide"),
    Op("floor_divide", 0, 1), Op("remainder", 0, 1), Op("fmod"), Op("divmod", 0, 1),
    Op("power", 8), Op("float_power", 8),
    Op("arctan2", 4), Op("hypot", 2),
    Op("logaddexp", 4, 2), Op("logaddexp2", 4, 2),
    # max/min of -0.0 and +0.0: either zero (IEEE maxNum/minNum; numpy's is the CPU's).
    Op("maximum", zero_sign=False), Op("minimum", zero_sign=False),
    Op("fmax", zero_sign=False), Op("fmin", zero_sign=False),
    Op("copysign"), Op("nextafter"), Op("heaviside"),
    Op("equal"), Op("not_equal"), Op("less"), Op("less_equal"), Op("greater"),
    Op("greater_equal"), Op("logical_and"), Op("logical_xor"),
]


@pytest.mark.parametrize("op", UNARY_FLOAT, ids=str)
@FUZZ
@given(x=float_arrays(np.float32))
def test_unary_float32(op, x):
    _run(op, (x,))


@pytest.mark.parametrize("op", BINARY_FLOAT, ids=str)
@FUZZ
@given(xy=float_arrays(np.float32, (2, N)))
def test_binary_float32(op, xy):
    _run(op, (xy[0], xy[1]))


@pytest.mark.parametrize("op", UNARY_FLOAT, ids=str)
@FUZZ
@given(x=float_arrays(np.float64))
def test_unary_float64(op, x):
    _run(op, (x,), x64=True)


@pytest.mark.parametrize("op", BINARY_FLOAT, ids=str)
@FUZZ
@given(xy=float_arrays(np.float64, (2, N)))
def test_binary_float64(op, xy):
    _run(op, (xy[0], xy[1]), x64=True)


@pytest.mark.parametrize("op", [Op("add"), Op("arctan2", 4), Op("maximum", zero_sign=False),
                                Op("remainder", 0, 1)], ids=str)
@FUZZ
@given(data=st.data(), shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3,
                                                                 max_side=3))
def test_binary_broadcasting(op, data, shapes):
    x = data.draw(float_arrays(np.float32, shapes.input_shapes[0]), label="x")
    y = data.draw(float_arrays(np.float32, shapes.input_shapes[1]), label="y")
    _run(op, (x, y))


@pytest.mark.parametrize("op", [Op("add"), Op("multiply", 1), Op("maximum", zero_sign=False),
                                Op("arctan2", 4)], ids=str)
@FUZZ
@given(x=float_arrays(np.float32), y=st.sampled_from([0.0, -0.0, 2.5, -1e30, np.inf, np.nan]))
def test_python_scalar_operand(op, x, y):
    # A weak Python float keeps the array's dtype, as numpy 2 does.
    _run(op, (x, y))


# --- elementwise functions of integers ------------------------------------------------------------
def _shift_in_range(x, y):
    bits = np.dtype(np.asarray(x).dtype).itemsize * 8
    return (y >= 0) & (y < bits)


def _nonneg_exponent(x, y):
    return y >= 0


UNARY_INT = [Op("negative"), Op("absolute"), Op("sign"), Op("square"), Op("invert"),
             Op("bitwise_count"), Op("positive"), Op("floor"), Op("logical_not")]

BINARY_INT = [
    Op("add"), Op("subtract"), Op("multiply"),
    # Integer division by zero gives 0 like numpy (jaxwrap's documented choice, not
    # XLA's -1 / x), so zero divisors are compared too.
    Op("floor_divide"), Op("remainder"), Op("fmod"), Op("divmod"),
    Op("power", domain=_nonneg_exponent),
    Op("maximum"), Op("minimum"), Op("equal"), Op("less"), Op("greater_equal"),
    Op("bitwise_and"), Op("bitwise_or"), Op("bitwise_xor"),
    Op("left_shift", domain=_shift_in_range), Op("right_shift", domain=_shift_in_range),
]


def _int_case(dtypes):
    return st.sampled_from(dtypes).flatmap(lambda dt: int_arrays(dt, (2, N)))


def _safe_int_inputs(op, x, y):
    # numpy (and jaxwrap) raise ValueError for a negative integer exponent (tested in
    # test_numpy_bugs_issue14.py); replace those inputs.
    if op.domain is _nonneg_exponent:
        y = np.where(y < 0, 0, y).astype(y.dtype) if y.dtype.kind == "i" else y
    return x, y


@pytest.mark.parametrize("op", UNARY_INT, ids=str)
@FUZZ
@given(xy=_int_case(INT_DTYPES))
def test_unary_int(op, xy):
    _run(op, (xy[0],))


@pytest.mark.parametrize("op", BINARY_INT, ids=str)
@FUZZ
@given(xy=_int_case(INT_DTYPES))
def test_binary_int(op, xy):
    _run(op, _safe_int_inputs(op, xy[0], xy[1]))


@pytest.mark.parametrize("op", BINARY_INT + UNARY_INT, ids=str)
@FUZZ
@given(xy=_int_case(INT64_DTYPES))
def test_int64(op, xy):
    args = (xy[0],) if op in UNARY_INT else _safe_int_inputs(op, xy[0], xy[1])
    _run(op, args, x64=True)


# --- dense accuracy sweeps ------------------------------------------------------------------------
# Random inputs rarely land in a narrow bad region (XLA's float64 log1p was
# 120 ulps off on [-0.42, -0.36] only), so each function also gets a dense,
# deterministic sweep of its domain, with the same ulp budget as above.
_SWEEP_DOMAINS = {
    "exp": (-80, 80), "exp2": (-120, 120), "expm1": (-80, 80), "log": (0, 1e6), "log2": (0, 1e6),
    "log10": (0, 1e6), "log1p": (-1, 10), "sinh": (-85, 85), "cosh": (-85, 85), "tanh": (-20, 20),
    "arcsinh": (-1e4, 1e4), "arccosh": (1, 1e4), "arctanh": (-1, 1), "arcsin": (-1, 1),
    "arccos": (-1, 1), "arctan": (-50, 50), "sin": (-100, 100), "cos": (-100, 100),
    "tan": (-1.5, 1.5), "cbrt": (-1e6, 1e6), "sqrt": (0, 1e6),
}
_SWEEP_OPS = [op for op in UNARY_FLOAT if op.name in _SWEEP_DOMAINS]


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("op", _SWEEP_OPS, ids=str)
def test_accuracy_sweep(op, dtype):
    lo, hi = _SWEEP_DOMAINS[op.name]
    x = np.concatenate([np.linspace(lo, hi, 4001), np.linspace(max(lo, -1), min(hi, 1), 2001)])
    x = x.astype(dtype)
    with jax.enable_x64(dtype == np.float64):
        got = getattr(jwnp, op.name)(x)
        pshape = jax.eval_shape(getattr(jnp, op.name), x)
    with np.errstate(all="ignore"):
        ref = getattr(np, op.name)(x)
    assert_like_numpy(op, got, ref, (pshape.dtype, lambda: getattr(jnp, op.name)(x)), (x,))


def test_cumsum_keeps_negative_zero():
    # cumsum's window starts from -0.0, the exact additive identity.
    x = np.array([-0.0, -0.0, 1.0], np.float32)
    assert np.signbit(np.cumsum(x)[:2]).all()
    assert np.signbit(np.asarray(jwnp.cumsum(x))[:2]).all()


def test_sum_over_length_one_axis_of_negative_zeros():
    # numpy's sums of negative zeros are +0.0 (only cumsum keeps -0.0).
    x = np.full((1, 2), -0.0, np.float32)
    assert not np.signbit(np.sum(x, axis=0)).any()
    for fn in (jwnp.sum, jwnp.nansum, jwnp.mean):
        assert not np.signbit(np.asarray(fn(x, axis=0))).any(), fn.__name__


# --- reductions: NaNs, signed zeros and ties ------------------------------------------------------
TIES = [0.0, -0.0, 1.0, -1.0, 2.5, 2.5, np.inf, -np.inf, np.nan, 1e30, -1e30, 3.0]


def tie_arrays():
    shapes = st.sampled_from([(6,), (2, 3), (0, 3)])
    return shapes.flatmap(lambda s: hnp.arrays(np.float32, s, elements=st.sampled_from(TIES)))


def _axes(x):
    return st.sampled_from([None, 0, -1])


REDUCTIONS = ["sum", "prod", "max", "min", "argmax", "argmin", "mean", "nanmax", "nanmin",
              "nansum", "nanargmax", "nanargmin", "cumsum", "any", "all", "ptp"]


def _reduce_ref(name, x, axis):
    fn = getattr(np, name)
    if name in ("cumsum",) and axis is None:
        return fn(x.ravel())
    return fn(x, axis=axis)


@pytest.mark.parametrize("name", REDUCTIONS)
@FUZZ
@given(data=st.data())
def test_reductions_with_nans_and_ties(name, data):
    x = data.draw(tie_arrays(), label="x")
    axis = data.draw(_axes(x), label="axis")
    empty = x.size == 0 or (axis is not None and x.shape[axis] == 0)
    if empty and name in ("max", "min", "argmax", "argmin", "nanmax", "nanmin", "nanargmax",
                          "nanargmin", "ptp"):
        return  # numpy raises (no identity); checked by the reduction tests
    if name in ("nanargmax", "nanargmin"):
        allnan = np.isnan(x).all(axis=axis)
        if np.any(allnan):
            return  # numpy raises for an all-NaN slice; jax returns -1 (documented difference)
    if name == "prod":
        finite = np.abs(x[np.isfinite(x)]).astype(np.float64)
        if np.prod(finite[finite != 0]) > np.finfo(np.float32).max:
            return  # an overflowing partial product meets a 0: inf * 0 or 0, by order
    with np.errstate(all="ignore"):
        ref = _reduce_ref(name, x, axis)
    got = getattr(jwnp, name)(x, axis=axis)
    peer_fn = getattr(jnp, name)
    peer_dtype = jax.eval_shape(lambda v: peer_fn(v, axis=axis), x).dtype
    # Sums may add in another order than numpy's pairwise one: their budget is
    # relative to the largest term (1e30 - 1e30 + 1 is 1 or 0 depending on order).
    summing = name in ("sum", "mean", "nansum", "cumsum")
    finite = np.abs(x[np.isfinite(x)])
    scale = np.float32(finite.max() if finite.size else 0)
    op = Op(name, 8, in_ulps=4 * x.size if summing else 0,
            zero_sign=name in ("sum", "prod", "nansum", "cumsum"))
    # Integer results (argmax...): jax's default int; numpy's intp.
    if np.asarray(ref).dtype.kind in "iu":
        ref = np.asarray(ref).astype(peer_dtype)
    assert_like_numpy(op, got, ref, (peer_dtype, lambda: peer_fn(x, axis=axis)), (scale,),
                      err=f" axis={axis}\ninput: {x.tolist()}")


# --- shape round trips ----------------------------------------------------------------------------
def any_arrays():
    return hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=3).flatmap(
        lambda s: float_arrays(np.float32, s))


def _same(got, ref, err=""):
    got, ref = np.asarray(got), np.asarray(ref)
    assert got.shape == ref.shape, f"{err}: shape {got.shape} != {ref.shape}"
    assert got.dtype == ref.dtype, f"{err}: dtype {got.dtype} != {ref.dtype}"
    # bit-for-bit: moves of data keep -0.0, NaNs and subnormals
    np.testing.assert_array_equal(got.view(np.uint32), ref.view(np.uint32), err_msg=err)


@FUZZ
@given(data=st.data())
def test_transpose_round_trip(data):
    x = data.draw(any_arrays(), label="x")
    perm = data.draw(st.permutations(range(x.ndim)), label="perm")
    t = jwnp.transpose(x, perm)
    _same(t, np.transpose(x, perm), "transpose")
    _same(jwnp.transpose(t, np.argsort(perm)), x, "transpose back")
    if x.ndim >= 2:
        _same(jwnp.moveaxis(x, 0, -1), np.moveaxis(x, 0, -1), "moveaxis")
        _same(jwnp.swapaxes(x, 0, -1), np.swapaxes(x, 0, -1), "swapaxes")


@FUZZ
@given(data=st.data())
def test_reshape_round_trip(data):
    x = data.draw(any_arrays(), label="x")
    order = data.draw(st.sampled_from(["C", "F"]), label="order")
    flat = jwnp.reshape(x, (-1,), order=order)
    _same(flat, np.reshape(x, (-1,), order=order), "reshape flat")
    _same(jwnp.reshape(flat, x.shape, order=order), x, "reshape back")
    _same(jwnp.ravel(x), np.ravel(x), "ravel")
    if x.size:
        _same(jwnp.reshape(x, (x.size, 1)), np.reshape(x, (x.size, 1)), "reshape column")


@FUZZ
@given(data=st.data())
def test_concatenate_split_round_trip(data):
    x = data.draw(any_arrays().filter(lambda a: a.ndim >= 1), label="x")
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1), label="axis")
    n = x.shape[axis]
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=3), label="cuts"))
    parts = np.split(x, cuts, axis=axis)
    got_parts = jwnp.split(x, cuts, axis=axis)
    assert len(got_parts) == len(parts)
    for g, r in zip(got_parts, parts):
        _same(g, r, "split")
    _same(jwnp.concatenate(got_parts, axis=axis), x, "concatenate(split(x))")
    _same(jwnp.concatenate(parts, axis=axis), np.concatenate(parts, axis=axis), "concatenate")
    _same(jwnp.stack(parts[:1] * 2, axis=0), np.stack(parts[:1] * 2, axis=0), "stack")
