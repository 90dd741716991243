"""Reduction primitives (jaxwrap_extend/_prims/reductions.py) against jax.lax.

One table of cases drives the value checks (eager and jit against the
jax.lax peer); vmap is checked against a Python loop with the batch axis at
several positions, gradients with check_grads (zeros for products, ties for
max/min), and the jaxprs of the function, its vmap and its derivatives must
hold only jaxwrap primitives.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import jax
import numpy as np
import pytest
from jax import lax
from jax.test_util import check_grads

from jaxwrap_extend._prims import reductions as R
from jaxwrap_extend._prims._base import registry
from tests.harness import foreign_primitives

F32, I32, C64, BOOL, U8 = (np.dtype(t) for t in (np.float32, np.int32, np.complex64, np.bool_,
                                                 np.uint8))


def make(shape, dtype, rng):
    dtype = np.dtype(dtype)
    if dtype == BOOL:
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        lo = 0 if dtype.kind == "u" else -4
        return rng.integers(lo, 5, shape).astype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


@dataclasses.dataclass
class Case:
    name: str
    fn: Callable      # jaxwrap, one array operand, params closed over
    ref: Callable     # the jax.lax peer
    shape: tuple
    dtype: np.dtype

    @property
    def id(self):
        return f"{self.name}-{self.dtype.name}-{'x'.join(map(str, self.shape)) or 'scalar'}"

    def arg(self, seed=0):
        return make(self.shape, self.dtype, np.random.default_rng(seed))


# --- the table ----------------------------------------------------------------------------
# (name, jaxwrap, lax, dtypes); the first dtype runs every shape, the others a sample.
MONOIDS = [
    ("reduce_sum", R.reduce_sum, lax.reduce_sum, (F32, I32, C64)),
    ("reduce_prod", R.reduce_prod, lax.reduce_prod, (F32, I32, C64)),
    ("reduce_max", R.reduce_max, lax.reduce_max, (F32, I32, BOOL)),
    ("reduce_min", R.reduce_min, lax.reduce_min, (F32, I32, BOOL)),
    ("reduce_and", R.reduce_and, lax.reduce_and, (BOOL, I32, U8)),
    ("reduce_or", R.reduce_or, lax.reduce_or, (BOOL, I32)),
    ("reduce_xor", R.reduce_xor, lax.reduce_xor, (BOOL, I32)),
]
REDUCE_SHAPES = [((), ()), ((5,), (0,)), ((3, 4), (1,)), ((3, 4), (0, 1)), ((2, 3, 4), (2, 0)),
                 ((0, 3), (0,)), ((3, 1, 2), (1,)), ((2, 3), ())]
CUMULATIVE = [
    ("cumsum", R.cumsum, lax.cumsum, (F32, I32, C64)),
    ("cumprod", R.cumprod, lax.cumprod, (F32, I32, C64)),
    ("cummax", R.cummax, lax.cummax, (F32, I32)),
    ("cummin", R.cummin, lax.cummin, (F32, I32)),
    ("cumlogsumexp", R.cumlogsumexp, lax.cumlogsumexp, (F32,)),
]
CUM_SHAPES = [((7,), 0), ((3, 4), 1), ((2, 3, 4), 1), ((0, 3), 0), ((3, 1), 1)]
ARG_SHAPES = [((5,), 0), ((3, 4), 0), ((3, 4), 1), ((2, 3, 4), 2), ((4, 1), 1)]


def _cases():
    out = []
    for name, fn, ref, dtypes in MONOIDS:
        for k, dt in enumerate(dtypes):
            for shape, axes in (REDUCE_SHAPES if k == 0 else REDUCE_SHAPES[1::3]):
                out.append(Case(f"{name}{list(axes)}", lambda x, f=fn, a=axes: f(x, a),
                                lambda x, f=ref, a=axes: f(x, a), shape, dt))
    for name, fn, ref, dtypes in CUMULATIVE:
        for k, dt in enumerate(dtypes):
            for j, (shape, axis) in enumerate(CUM_SHAPES if k == 0 else CUM_SHAPES[2:4]):
                rev = bool(j % 2)
                out.append(Case(f"{name}{axis}{'r' if rev else ''}",
                                lambda x, f=fn, a=axis, r=rev: f(x, a, r),
                                lambda x, f=ref, a=axis, r=rev: f(x, a, reverse=r), shape, dt))
    for name, fn, ref in (("argmax", R.argmax, lax.argmax), ("argmin", R.argmin, lax.argmin)):
        for dt in (F32, I32, BOOL):
            for shape, axis in (ARG_SHAPES if dt == F32 else ARG_SHAPES[2:3]):
                out.append(Case(f"{name}{axis}", lambda x, f=fn, a=axis: f(x, a, np.int32),
                                lambda x, f=ref, a=axis: f(x, a, np.int32), shape, dt))
    return out


CASES = _cases()
IDS = [c.id for c in CASES]


def _assert_close(out, ref):
    out, ref = np.asarray(out), np.asarray(ref)
    assert out.dtype == ref.dtype, (out.dtype, ref.dtype)
    assert out.shape == ref.shape, (out.shape, ref.shape)
    if out.dtype.kind in "fc":
        np.testing.assert_allclose(out, ref, rtol=2e-5, atol=2e-5)
    else:
        np.testing.assert_array_equal(out, ref)


def test_every_primitive_has_a_case():
    prims = [p for p in vars(R).values() if isinstance(p, type(R.reduce_sum_p))]
    assert len(prims) == 14
    names = {re.match(r"[a-z_]+", c.name).group() for c in CASES}
    assert {p.name for p in prims} <= names
    assert all(p.name in registry for p in prims)


# --- values: eager and jit ----------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_eager_and_jit(case):
    x = case.arg()
    ref = case.ref(x)
    _assert_close(case.fn(x), ref)
    _assert_close(jax.jit(case.fn)(x), ref)


def test_negative_axes_in_wrappers():
    x = make((2, 3, 4), F32, np.random.default_rng(0))
    _assert_close(R.reduce_sum(x, (-1, 0)), lax.reduce_sum(x, (2, 0)))
    _assert_close(R.argmax(x, -2, np.int32), lax.argmax(x, 1, np.int32))
    _assert_close(R.cumsum(x, -1), lax.cumsum(x, 2))


def test_argminmax_nan_and_ties_like_numpy():
    nan, inf = np.nan, np.inf
    rows = [[1, nan, 3, nan], [3, 1, 3, 0], [-inf, -inf, -inf, -inf], [inf, inf, 2, inf],
            [nan, nan, nan, nan], [0.0, -0.0, 0.0, -1]]
    x = np.array(rows, np.float32)
    for fn, ref in ((R.argmax, np.argmax), (R.argmin, np.argmin)):
        for f in (fn, jax.jit(fn, static_argnums=(1, 2))):
            np.testing.assert_array_equal(f(x, 1, np.int32), ref(x, axis=1))
            np.testing.assert_array_equal(f(x.T, 0, np.int32), ref(x.T, axis=0))
    ints = np.array([[5, 2, 5, 2]], np.int32)
    assert R.argmax(ints, 1, np.uint8).dtype == np.uint8
    np.testing.assert_array_equal(R.argmax(ints, 1, np.uint8), [0])
    np.testing.assert_array_equal(R.argmin(ints, 1, np.int32), [1])


@pytest.mark.parametrize("shape", [(3, 4099), (4099, 3), (33, 65, 17)])
def test_argminmax_many_nans_and_ties_any_layout(shape):
    # Large operands let XLA split the reduction (vectorised lanes, threads) and
    # combine partial results in either argument order: the reducer must still
    # pick the first NaN, else the first extremum.
    rng = np.random.default_rng(1)
    x = rng.integers(-2, 3, shape).astype(np.float32)
    x[rng.random(shape) < 0.01] = np.nan
    x[..., :5] = np.where(rng.random(x[..., :5].shape) < 0.5, np.inf, -np.inf)
    for fn, ref in ((R.argmax, np.argmax), (R.argmin, np.argmin)):
        for axis in range(len(shape)):
            got = jax.jit(fn, static_argnums=(1, 2))(x, axis, np.int32)
            np.testing.assert_array_equal(got, ref(x, axis=axis))
            got = jax.jit(fn, static_argnums=(1, 2))(np.negative(x), axis, np.int32)
            np.testing.assert_array_equal(got, ref(np.negative(x), axis=axis))


def test_nan_propagates():
    x = np.array([[1.0, np.nan, 3.0]], np.float32)
    assert np.isnan(R.reduce_max(x, (1,))[0]) and np.isnan(R.reduce_min(x, (1,))[0])
    np.testing.assert_array_equal(R.cummax(x, 1), lax.cummax(x, 1))
    np.testing.assert_array_equal(R.cummin(x, 1, True), lax.cummin(x, 1, reverse=True))


def test_cumlogsumexp_infinities():
    inf = np.inf
    x = np.array([-inf, -inf, 0.0, inf, 1.0, inf], np.float32)
    np.testing.assert_array_equal(R.cumlogsumexp(x, 0), lax.cumlogsumexp(x, 0))
    big = np.array([1e30, 1e30, -1e30], np.float32)  # no overflow
    np.testing.assert_allclose(R.cumlogsumexp(big, 0), [1e30, 1e30, 1e30], rtol=1e-6)


def test_lowerings():
    x = np.ones((3, 4), np.float32)
    text = lambda f: jax.jit(f).lower(x).as_text()
    assert "stablehlo.reduce" in text(lambda v: R.reduce_sum(v, (1,)))
    assert "stablehlo.iota" in text(lambda v: R.argmax(v, 1, np.int32))
    for f in (R.cumsum, R.cumprod, R.cummax, R.cummin, R.cumlogsumexp):
        assert "stablehlo.reduce_window" in text(lambda v, f=f: f(v, 1, True))


def test_tpu_lowering_is_the_prefix_scan():
    # TPU lowers through the prefix scan (checked by exporting for TPU), whose values
    # are checked here on CPU against the reduce_window lowering, odd and even lengths.
    from jax import export

    from jaxwrap_extend._prims import elementwise as E

    x = make((7,), F32, np.random.default_rng(0))
    text = export.export(jax.jit(lambda v: R.cumprod(v, 0)), platforms=["tpu"])(x).mlir_module()
    assert "reduce_window" not in text and "stablehlo.pad" in text
    combines = {R.cumsum: E.add, R.cumprod: E.mul, R.cummax: E.max, R.cummin: E.min,
                R.cumlogsumexp: R._logaddexp}
    for shape, axis in (((7, 2), 0), ((3, 8), 1), ((1, 3), 0)):
        y = make(shape, F32, np.random.default_rng(1))
        for fn, comb in combines.items():
            for rev in (False, True):
                scan = jax.jit(lambda v, c=comb, a=axis, r=rev: R._prefix_scan(c, v, a, r))
                _assert_close(scan(y), fn(y, axis, rev))


# --- vmap against a Python loop ---------------------------------------------------------
VMAP_NAMES = ["reduce_sum[2, 0]", "reduce_prod[1]", "reduce_max[2, 0]", "reduce_and[1]",
              "cumsum1", "cumprod1", "cummax1", "cummin1", "cumlogsumexp1", "argmax2", "argmin0"]
VMAP_CASES = []
for _n in VMAP_NAMES:
    _c = next(c for c in CASES if c.name == _n and c.shape and len(c.shape) >= 2)
    VMAP_CASES.append(_c)


@pytest.mark.parametrize("case", VMAP_CASES, ids=[c.id for c in VMAP_CASES])
def test_vmap(case):
    rng = np.random.default_rng(1)
    singles = [make(case.shape, case.dtype, rng) for _ in range(3)]
    ref = np.stack([np.asarray(case.ref(s)) for s in singles])
    for ax in range(len(case.shape) + 1):
        xb = np.stack(singles, axis=ax)
        _assert_close(jax.vmap(case.fn, in_axes=ax)(xb), ref)
    # nested vmap, inner axis last
    xb = np.stack([np.stack(singles, axis=-1)] * 2)
    out = jax.vmap(jax.vmap(case.fn, in_axes=-1))(xb)
    _assert_close(out, np.stack([ref, ref]))


# --- gradients ------------------------------------------------------------------------------
def _with_zeros(shape, n_zero, seed=0):
    x = make(shape, F32, np.random.default_rng(seed))
    flat = x.reshape(-1)
    flat[np.random.default_rng(seed + 1).choice(flat.size, n_zero, replace=False)] = 0
    return flat.reshape(shape)


ZEROS = np.array([[0.5, 0.0, 2.0, -1.5], [0.0, 1.5, 0.0, -0.7], [1.1, -0.9, 0.8, 1.3]],
                 np.float32)  # rows with no, one and two zeros (axis 1); columns with zeros
TIES = np.array([[1.0, 2.0, 2.0], [-1.0, -1.0, 0.5], [0.3, 0.1, 0.3]], np.float32)

GRADS = [  # (id, function, argument, order); order 2 where the JVP rule is nonlinear
    ("sum", lambda x: R.reduce_sum(x, (0, 2)), _with_zeros((2, 3, 2), 0), 1),
    ("prod_zeros_rows", lambda x: R.reduce_prod(x, (1,)), ZEROS, 2),
    ("prod_zeros_cols", lambda x: R.reduce_prod(x, (0,)), ZEROS, 1),
    ("prod_axes20", lambda x: R.reduce_prod(x, (2, 0)), _with_zeros((2, 3, 2), 2), 1),
    ("prod_empty_axes", lambda x: R.reduce_prod(x, ()), ZEROS, 1),
    ("prod_size1", lambda x: R.reduce_prod(x, (1,)), _with_zeros((3, 1), 1), 1),
    ("max", lambda x: R.reduce_max(x, (1,)), _with_zeros((3, 4), 0), 2),
    ("min", lambda x: R.reduce_min(x, (0, 1)), _with_zeros((3, 4), 0), 1),
    # two-way ties: the averaged tangent is exactly the one-sided average
    ("max_ties", lambda x: R.reduce_max(x, (1,)), TIES, 1),
    ("min_ties", lambda x: R.reduce_min(x, (1,)), TIES, 1),
    ("cumsum_rev", lambda x: R.cumsum(x, 0, True), _with_zeros((3, 4), 0), 1),
    ("cumprod_zeros", lambda x: R.cumprod(x, 1), ZEROS, 2),
    ("cumprod_zeros_rev", lambda x: R.cumprod(x, 1, True), ZEROS, 1),
    ("cumprod_long", lambda x: R.cumprod(x, 0), _with_zeros((9, 2), 3), 1),
    ("cummax", lambda x: R.cummax(x, 1), _with_zeros((3, 5), 0), 2),
    ("cummin_rev", lambda x: R.cummin(x, 0, True), _with_zeros((6, 2), 0), 1),
    ("cumlogsumexp", lambda x: R.cumlogsumexp(x, 1), _with_zeros((3, 5), 0), 1),
    ("cumlogsumexp_ties_rev", lambda x: R.cumlogsumexp(x, 0, True),
     np.zeros((4, 2), np.float32), 2),
]


@pytest.mark.parametrize("name,fn,x,order", GRADS, ids=[g[0] for g in GRADS])
def test_grads(name, fn, x, order):
    # jit: check_grads then compiles each derivative once instead of op by op.
    check_grads(jax.jit(fn), (x,), order=order, modes=("fwd", "rev"), atol=2e-2, rtol=2e-2,
                eps=1e-2)


def test_complex_grads():
    x = make((2, 3), C64, np.random.default_rng(3))
    for fn in (lambda v: R.reduce_prod(v, (1,)), lambda v: R.cumsum(v, 1),
               lambda v: R.cumprod(v, 1, True)):
        check_grads(jax.jit(fn), (x,), order=1, modes=("fwd", "rev"), atol=2e-2, rtol=2e-2,
                    eps=1e-2)


def _vjp(f, x, ct):
    return jax.jit(lambda v, c: jax.vjp(f, v)[1](c)[0])(x, ct)


def test_grads_match_jax():
    # Exact agreement with jax at zeros and ties (where formulas usually break).
    ct = np.random.default_rng(4).standard_normal(3).astype(np.float32)
    tie3 = np.array([[2.0, 2.0, 2.0, 1.0], [0.0, 5.0, 5.0, 5.0], [1.0, 0.0, 0.0, 1.0]],
                    np.float32)
    for ours, theirs, x in [
        (lambda v: R.reduce_prod(v, (1,)), lambda v: lax.reduce_prod(v, (1,)), ZEROS),
        (lambda v: R.reduce_max(v, (1,)), lambda v: lax.reduce_max(v, (1,)), tie3),
        (lambda v: R.reduce_min(v, (1,)), lambda v: lax.reduce_min(v, (1,)), tie3),
    ]:
        g1, g2 = _vjp(ours, x, ct), _vjp(theirs, x, ct)
        np.testing.assert_allclose(g1, g2, rtol=1e-6, atol=1e-6)
    ct = np.random.default_rng(5).standard_normal(ZEROS.shape).astype(np.float32)
    for ours, theirs in [(lambda v: R.cumprod(v, 1), lambda v: lax.cumprod(v, 1)),
                         (lambda v: R.cumsum(v, 0, True), lambda v: lax.cumsum(v, 0, True)),
                         (lambda v: R.cumlogsumexp(v, 1), lambda v: lax.cumlogsumexp(v, 1))]:
        g1, g2 = _vjp(ours, ZEROS, ct), _vjp(theirs, ZEROS, ct)
        np.testing.assert_allclose(g1, g2, rtol=1e-5, atol=1e-5)


def test_integer_and_index_outputs_have_no_tangent():
    x = make((3, 4), F32, np.random.default_rng(0))
    _, t = jax.jvp(lambda v: R.argmax(v, 1, np.int32), (x,), (x,))
    assert t.dtype == jax.dtypes.float0
    i = np.arange(6, dtype=np.int32).reshape(2, 3)
    _, t = jax.jvp(lambda v: R.reduce_xor(v, (1,)), (i,),
                   (np.zeros(i.shape, jax.dtypes.float0),))
    assert t.dtype == jax.dtypes.float0


# --- primitive purity: tests.harness.foreign_primitives holds the rule (jaxwrap
# primitives by identity, jax structure, AD zeros, the vmap boundary).
_foreign = foreign_primitives


def _total(x):
    return R.reduce_sum(x, tuple(range(np.ndim(x))))


PURITY = [c for c in CASES if c.dtype == F32 and len(c.shape) >= 2 and 0 not in c.shape]


@pytest.mark.parametrize("case", PURITY, ids=[c.id for c in PURITY])
def test_purity(case):
    x = case.arg()
    jaxprs = [(jax.make_jaxpr(case.fn)(x), False),
              (jax.make_jaxpr(jax.vmap(case.fn, in_axes=1))(np.stack([x, x], 1)), True)]
    if not case.name.startswith("arg"):
        loss = lambda v: _total(case.fn(v))
        jaxprs += [
            (jax.make_jaxpr(jax.grad(loss))(x), False),
            (jax.make_jaxpr(jax.vmap(jax.grad(loss), in_axes=1))(np.stack([x, x], 1)), True),
            (jax.make_jaxpr(lambda v: jax.jvp(jax.grad(loss), (v,), (v,)))(x), False),
        ]
    for jp, vmapped in jaxprs:
        bad = _foreign(jp, vmapped)
        assert not bad, (case.id, bad, jp)


# --- abstract evaluation: weak types and errors ------------------------------------------------
def test_weak_types():
    weak = jax.ShapeDtypeStruct((3, 2), F32, weak_type=True)
    for fn in (lambda v: R.reduce_sum(v, (0,)), lambda v: R.reduce_max(v, (0, 1)),
               lambda v: R.cumsum(v, 1), lambda v: R.cumlogsumexp(v, 0, True)):
        assert jax.eval_shape(fn, weak).weak_type
        assert not jax.eval_shape(fn, jax.ShapeDtypeStruct((3, 2), F32)).weak_type
    out = jax.eval_shape(lambda v: R.argmax(v, 0, np.int32), weak)
    assert out.dtype == I32 and not out.weak_type


X = np.zeros((2, 3), np.float32)
BAD = [
    (lambda: R.reduce_sum(X, (2,)), ValueError, "axes"),
    (lambda: R.reduce_sum(X, (0, 0)), ValueError, "axes"),
    (lambda: jax.make_jaxpr(lambda: R.reduce_sum_p.bind(X, axes=[0]))(), TypeError, "axes"),
    (lambda: R.reduce_sum(X > 0, (0,)), TypeError, "reduce_sum"),
    (lambda: R.reduce_max(X.astype(np.complex64), (0,)), TypeError, "reduce_max"),
    (lambda: R.reduce_and(X, (0,)), TypeError, "reduce_and"),
    (lambda: R.argmax(X, 2, np.int32), ValueError, "axes"),
    (lambda: R.argmax(np.zeros((0, 3), np.float32), 0, np.int32), ValueError, "empty"),
    (lambda: R.argmax(X, 0, np.float32), TypeError, "index_dtype"),
    (lambda: R.argmin_p.bind(X, axes=(0, 1), index_dtype=I32), ValueError, "axes"),
    (lambda: R.cumsum(X > 0, 0), TypeError, "cumsum"),
    (lambda: R.cummax(X.astype(np.complex64), 0), TypeError, "cummax"),
    (lambda: R.cumlogsumexp(X.astype(np.int32), 0), TypeError, "cumlogsumexp"),
    (lambda: R.cumprod(X, 2), ValueError, "axis"),
    (lambda: R.cumprod(np.float32(1), 0), ValueError, "axis"),
    (lambda: R.cumsum_p.bind(X, axis=0.5, reverse=False), TypeError, "axis"),
    (lambda: R.cumsum_p.bind(X, axis=0, reverse=None), TypeError, "reverse"),
]


@pytest.mark.parametrize("thunk,exc,words", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_errors(thunk, exc, words):
    with pytest.raises(exc, match=words):
        thunk()


def _jit_jvp(f, x, t):
    return jax.jit(lambda v, u: jax.jvp(f, (v,), (u,)))(x, t)


def test_jvp_matches_jax_on_long_axes():
    # Longer axes exercise the prefix-scan JVP's recursion (odd and even lengths).
    for n, rev in ((9, False), (33, True)):
        x = np.random.default_rng(n).uniform(0.5, 1.5, (n,)).astype(np.float32)
        t = np.random.default_rng(n + 1).standard_normal(n).astype(np.float32)
        for ours, theirs in [(R.cumprod, lax.cumprod), (R.cummax, lax.cummax),
                             (R.cumlogsumexp, lax.cumlogsumexp)]:
            o = _jit_jvp(lambda w, f=ours, r=rev: f(w, 0, r), x, t)
            r = _jit_jvp(lambda w, f=theirs, r=rev: f(w, 0, reverse=r), x, t)
            np.testing.assert_allclose(o[0], r[0], rtol=1e-5, atol=1e-5)
            np.testing.assert_allclose(o[1], r[1], rtol=1e-4, atol=1e-4)
