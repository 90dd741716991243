"""Indexing primitives (jaxwrap_extend/_prims/indexing.py) against jax.lax.

One table of cases drives the checks: values eagerly and under jit against
the jax.lax peer (every mode), jax.vmap with the batch axis on each operand
subset against a Python loop, check_grads for float cases, and purity of the
jaxprs of the function, its vmap and its gradient.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import jax
import numpy as np
import pytest
from jax import lax
from jax.test_util import check_grads

from jaxwrap_extend._prims import indexing as I
from jaxwrap_extend._prims import structural as S
from jaxwrap_extend._prims.reductions import reduce_sum
from jaxwrap_extend.core import walk_eqns
from tests.harness import foreign_primitives


def f32(*shape):
    return lambda r: r.standard_normal(shape).astype(np.float32)


def i32(*shape):
    return lambda r: r.integers(-5, 5, shape).astype(np.int32)


def idx(shape, lo, hi, dtype=np.int32):
    return lambda r: r.integers(lo, hi, shape).astype(dtype)


def uniq(shape, hi):
    """Distinct indices (for JVPs that need unique indices), shape (..., 1)."""
    n = int(np.prod(shape))
    return lambda r: r.permutation(hi)[:n].reshape(shape).astype(np.int32)


@dataclasses.dataclass
class Case:
    name: str
    fn: Callable        # (operand, indices[, updates]) -> jaxwrap result
    ref: Callable       # the same with jax.lax
    makers: tuple
    grad: bool = True   # check_grads over the float operands (indices fixed)

    def args(self, seed=0):
        r = np.random.default_rng(seed)
        return [m(r) for m in self.makers]


def _g(dn, sizes, **kw):
    """A gather case pair: (jaxwrap fn, jax.lax fn)."""
    mine = I.GatherDimensionNumbers(*dn)
    theirs = lax.GatherDimensionNumbers(*dn)
    return (lambda x, i: I.gather(x, i, mine, sizes, **kw),
            lambda x, i: lax.gather(x, i, theirs, sizes, **kw))


def _s(name, dn, **kw):
    mine = I.ScatterDimensionNumbers(*dn)
    theirs = lax.ScatterDimensionNumbers(*dn)
    f, g = getattr(I, name), getattr(lax, name)
    return (lambda x, i, u: f(x, i, u, mine, **kw), lambda x, i, u: g(x, i, u, theirs, **kw))


ROWS = ((1,), (0,), (0,))          # x[i] of a (5, 4) matrix: whole rows
POINTS = ((), (0, 1), (0, 1))      # x[i, j]
WINDOW = ((1, 2), (0,), (0,))      # (3, 2) windows of a (5, 4, 3) operand starting at i
BATCHED = ((), (1,), (1,), (0,), (0,))  # operand axis 0 walks with indices axis 0

GATHER_CASES = [
    Case("gather_rows_clip", *_g(ROWS, (1, 4), mode="clip"), (f32(5, 4), idx((6, 1), -2, 7))),
    Case("gather_rows_fill", *_g(ROWS, (1, 4), mode="fill", fill_value=0.0),
         (f32(5, 4), idx((6, 1), -2, 7))),
    Case("gather_rows_fill_nan", *_g(ROWS, (1, 4), mode="fill"), (f32(5, 4), idx((6, 1), -2, 7)),
         grad=False),
    # Out-of-bounds indices break the promise (the gradient would differ from
    # the clamped value); keep them in bounds here.
    Case("gather_rows_promise", *_g(ROWS, (1, 4), mode="promise_in_bounds"),
         (f32(5, 4), idx((6, 1), 0, 5))),
] + [
    Case("gather_points_fill", *_g(POINTS, (1, 1), mode="fill", fill_value=-1.0),
         (f32(5, 4), idx((3, 2, 2), -1, 6))),
    Case("gather_window_clip", *_g(WINDOW, (1, 3, 2), mode="clip"),
         (f32(5, 4, 3), idx((4, 1), 0, 6))),
    Case("gather_batching_dims", *_g(BATCHED, (1, 1), mode="fill", fill_value=0.0),
         (f32(3, 5), idx((3, 2, 1), -1, 6))),
    Case("gather_int_fill", *_g(ROWS, (1, 4), mode="fill"), (i32(5, 4), idx((6, 1), -2, 7)),
         grad=False),
    Case("gather_uint8_indices", *_g(ROWS, (1, 4), mode="fill", fill_value=0.0),
         (f32(5, 4), idx((6, 1), 0, 9, np.uint8))),
    Case("gather_scalar_index_vector", *_g(((0,), (), ()), (4,)), (f32(4), idx((0,), 0, 1))),
]

SCATTER_ROWS = ((1,), (0,), (0,))
SCATTER_POINTS = ((), (0, 1), (0, 1))
SCATTER_CASES = [
    Case(f"{op}_{m}", *_s(op, SCATTER_ROWS, mode=m), (f32(5, 4), idx((6, 1), -2, 7), f32(6, 4)))
    for op in ("scatter_add", "scatter_sub", "scatter", "scatter_min", "scatter_max")
    for m in ("clip", "fill")
] + [
    Case("scatter_mul_unique", *_s("scatter_mul", SCATTER_ROWS, unique_indices=True),
         (f32(5, 4), uniq((3, 1), 5), f32(3, 4))),
    Case("scatter_unique", *_s("scatter", SCATTER_ROWS, unique_indices=True),
         (f32(5, 4), uniq((3, 1), 5), f32(3, 4))),
    Case("scatter_add_points", *_s("scatter_add", SCATTER_POINTS),
         (f32(5, 4), idx((3, 2, 2), 0, 4), f32(3, 2))),
    Case("scatter_add_batching", *_s("scatter_add", BATCHED),
         (f32(3, 5), idx((3, 2, 1), 0, 5), f32(3, 2))),
    Case("scatter_add_int", *_s("scatter_add", SCATTER_ROWS), (i32(5, 4), idx((6, 1), 0, 5),
                                                                i32(6, 4)), grad=False),
    Case("scatter_max_int", *_s("scatter_max", SCATTER_ROWS), (i32(5, 4), idx((6, 1), 0, 5),
                                                                i32(6, 4)), grad=False),
    Case("scatter_mul_int", *_s("scatter_mul", SCATTER_ROWS), (i32(5, 4), idx((6, 1), 0, 5),
                                                                i32(6, 4)), grad=False),
]
CASES = GATHER_CASES + SCATTER_CASES
IDS = [c.name for c in CASES]


def _close(a, b, err):
    np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=2e-6, atol=2e-6,
                               equal_nan=True, err_msg=err)


def _pure(jaxpr, err, vmapped=False):
    bad = foreign_primitives(jaxpr, vmapped)
    assert not bad, f"{err}: non-jaxwrap primitives {bad}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_values_eager_and_jit(case):
    args = case.args()
    expected = case.ref(*args)
    got = case.fn(*args)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    _close(got, expected, case.name)
    _close(jax.jit(case.fn)(*args), expected, f"{case.name} (jit)")
    _pure(jax.make_jaxpr(case.fn)(*args), case.name)


def _axes_choices(n):
    # Each operand batched alone, all batched (axis first, and last), and for
    # scatter the operand with the updates (the indices shared).
    for k in range(n):
        yield tuple(0 if j == k else None for j in range(n))
    yield (0,) * n
    yield (-1,) * n
    if n == 3:
        yield (0, None, 0)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_vmap(case):
    r = np.random.default_rng(1)
    singles = [[m(r) for m in case.makers] for _ in range(3)]
    for axes in _axes_choices(len(case.makers)):
        stacked = [np.stack([s[k] for s in singles], axis=-1 if a == -1 else 0)
                   if a is not None else singles[0][k] for k, a in enumerate(axes)]
        got = jax.vmap(case.fn, in_axes=axes)(*stacked)
        for b in range(3):
            one = [singles[b][k] if a is not None else singles[0][k] for k, a in enumerate(axes)]
            _close(got[b], case.ref(*one), f"{case.name} vmap {axes} [{b}]")
        _pure(jax.make_jaxpr(jax.vmap(case.fn, in_axes=axes))(*stacked), case.name, True)


@pytest.mark.parametrize("case", [c for c in CASES if c.grad], ids=[c.name for c in CASES
                                                                       if c.grad])
def test_grads(case):
    args = case.args()
    diff = [k for k, a in enumerate(args) if a.dtype.kind == "f"]

    def f(*d):
        full = list(args)
        for k, v in zip(diff, d):
            full[k] = v
        return case.fn(*full)

    with jax.enable_x64(True):
        d64 = [args[k].astype(np.float64) for k in diff]
        check_grads(f, d64, order=1, modes=("fwd", "rev"), atol=1e-5, rtol=1e-5, eps=1e-4)
    loss = lambda *d: reduce_sum(f(*d), tuple(range(np.ndim(f(*d)))))  # noqa: E731
    _pure(jax.make_jaxpr(jax.grad(loss, argnums=tuple(range(len(diff)))))(
        *[args[k] for k in diff]), case.name)


def test_gather_second_order():
    x = np.random.default_rng(0).standard_normal((5, 4))
    i = np.array([[0], [3], [3]], np.int32)
    f, _ = _g(ROWS, (1, 4), mode="clip")
    with jax.enable_x64(True):
        check_grads(lambda x: f(x, i), (x,), order=2, modes=("fwd", "rev"))


def test_scatter_repeated_indices_jvp_matches_value():
    # With repeated indices XLA picks the winning update; value and tangent
    # must agree on it (the JVP decides the winners once).
    x = np.zeros(3, np.float32)
    i = np.array([[1], [1], [2]], np.int32)
    u = np.array([5.0, 6.0, 7.0], np.float32)
    dn = I.ScatterDimensionNumbers((), (0,), (0,))
    out, t = jax.jvp(lambda u: I.scatter(x, i, u, dn), (u,), (u,))
    np.testing.assert_allclose(t, out)  # tangent = value, since the primal is linear in u


def test_scatter_mul_repeated_needs_unique():
    dn = I.ScatterDimensionNumbers((), (0,), (0,))
    with pytest.raises(NotImplementedError, match="unique_indices"):
        jax.jvp(lambda u: I.scatter_mul(np.ones(3, np.float32), np.array([[0], [0]]), u, dn),
                (np.ones(2, np.float32),), (np.ones(2, np.float32),))


def test_scatter_min_ties_split_tangent():
    dn = I.ScatterDimensionNumbers((), (0,), (0,))
    x = np.array([1.0, 5.0], np.float32)
    i = np.array([[0], [0]], np.int32)
    u = np.array([1.0, 3.0], np.float32)
    _, t = jax.jvp(lambda x, u: I.scatter_min(x, i, u, dn), (x, u),
                   (np.array([2.0, 1.0], np.float32), np.array([4.0, 8.0], np.float32)))
    np.testing.assert_allclose(t, [3.0, 1.0])  # operand 1 and update 1 tie at 0: (2 + 4) / 2


def test_modes_and_dimension_numbers_from_jax_accepted():
    x = np.arange(4.0, dtype=np.float32)
    i = np.array([[5]], np.int32)
    out = I.gather(x, i, lax.GatherDimensionNumbers((), (0,), (0,)), (1,),
                   mode=lax.GatherScatterMode.FILL_OR_DROP, fill_value=-2)
    np.testing.assert_array_equal(out, [-2.0])
    assert I.GatherScatterMode.from_any("drop") is I.GatherScatterMode.FILL_OR_DROP
    with pytest.raises(ValueError, match="mode"):
        I.GatherScatterMode.from_any("wrap")


BAD = [
    (lambda: I.gather(np.ones((3, 4)), np.zeros((2, 1), np.float32),
                      I.GatherDimensionNumbers((1,), (0,), (0,)), (1, 4)), TypeError, "integer"),
    (lambda: I.gather(np.ones((3, 4)), np.zeros((2, 2), np.int32),
                      I.GatherDimensionNumbers((1,), (0,), (0,)), (1, 4)), TypeError, "components"),
    (lambda: I.gather(np.ones((3, 4)), np.zeros((2, 1), np.int32),
                      I.GatherDimensionNumbers((1,), (0,), (0,)), (2, 4)), ValueError,
     "slice_sizes"),
    (lambda: I.gather(np.ones((3, 4)), np.zeros((2, 1), np.int32),
                      I.GatherDimensionNumbers((1,), (0,), (0,)), (1, 5)), ValueError,
     "slice_sizes"),
    (lambda: I.gather(np.ones((3, 4)), np.zeros((2, 1), np.int32),
                      I.GatherDimensionNumbers((0, 1), (0,), (0,)), (1, 4)), ValueError,
     "offset_dims"),
    (lambda: I.gather(np.ones((3, 4)), np.zeros((2, 1), np.int32),
                      I.GatherDimensionNumbers((1,), (0,), (2,)), (1, 4)), ValueError,
     "start_index_map"),
    (lambda: I.scatter_add(np.ones((3, 4)), np.zeros((2, 1), np.int32), np.ones((2, 4), np.int32),
                           I.ScatterDimensionNumbers((1,), (0,), (0,))), TypeError, "dtype"),
    (lambda: I.scatter_add(np.ones((3, 4)), np.zeros((2, 1), np.int32), np.ones((3, 4)),
                           I.ScatterDimensionNumbers((1,), (0,), (0,))), TypeError, "updates"),
    (lambda: I.scatter_add(np.ones((3, 4)), np.zeros((2, 1), np.int32), np.ones((2, 4)),
                           I.ScatterDimensionNumbers((1,), (), (0,))), ValueError, "cover"),
    (lambda: I.scatter_min(np.ones(3, np.complex64), np.zeros((1, 1), np.int32),
                           np.ones(1, np.complex64), I.ScatterDimensionNumbers((), (0,), (0,))),
     TypeError, "complex64"),
]


@pytest.mark.parametrize("k", range(len(BAD)))
def test_bad_parameters(k):
    fn, exc, match = BAD[k]
    with pytest.raises(exc, match=match):
        fn()


# --- dynamic_slice / dynamic_update_slice with batched starts -----------------------------
def test_dynamic_slice_batched_starts_use_gather():
    x = np.arange(15.0, dtype=np.float32).reshape(3, 5)
    i = np.array([0, 4, -1], np.int32)
    for in_axes in ((0, 0), (None, 0)):
        xs = x if in_axes[0] == 0 else x[0]
        f = jax.vmap(lambda x, i: S.dynamic_slice(x, (i,), (2,)), in_axes=in_axes)
        got = f(xs, i)
        ref = jax.vmap(lambda x, i: lax.dynamic_slice(x, (i,), (2,),
                                                      allow_negative_indices=False),
                       in_axes=in_axes)(xs, i)
        np.testing.assert_array_equal(got, ref)
        names = {e.primitive.name for e in walk_eqns(jax.make_jaxpr(f)(xs, i).jaxpr)}
        assert "gather" in names and "scan" not in names


def test_dynamic_update_slice_batched_starts_use_scatter():
    x = np.zeros((3, 2, 5), np.float32)
    u = np.ones((3, 2, 2), np.float32)
    i = np.array([0, 4, -1], np.int32)
    j = np.array(0, np.int32)

    def mine(x, u, i):
        return S.dynamic_update_slice(x, u, (j, i))

    def ref(x, u, i):
        return lax.dynamic_update_slice(x, u, (j, i), allow_negative_indices=False)

    got = jax.vmap(mine)(x, u, i)
    np.testing.assert_array_equal(got, jax.vmap(ref)(x, u, i))
    names = {e.primitive.name for e in walk_eqns(jax.make_jaxpr(jax.vmap(mine))(x, u, i).jaxpr)}
    assert "scatter" in names and "scan" not in names
    with jax.enable_x64(True):
        check_grads(lambda x, u: jax.vmap(mine)(x, u, i), (x.astype(np.float64),
                                                           u.astype(np.float64)),
                    order=1, modes=("fwd", "rev"))


def test_complex128_scatter_add_gpu_split_lowering():
    # The GPU rule (two float64 scatters) exercised on CPU through a scratch
    # primitive that uses it as its lowering.
    from jaxwrap_extend import core
    from jaxwrap_extend.interpreters import mlir

    scratch = core.Primitive("scatter_add_complex128_split_check")
    scratch.def_abstract_eval(lambda x, i, u, **kw: core.ShapedArray(x.shape, x.dtype))
    mlir.register_lowering(scratch, I._complex128_split(I.scatter_add_p))
    dn = I.ScatterDimensionNumbers((), (0,), (0,))
    params = dict(dimension_numbers=dn, indices_are_sorted=False, unique_indices=False,
                  mode=I.GatherScatterMode.FILL_OR_DROP)
    r = np.random.default_rng(0)
    i = np.array([[0], [0], [4], [9]], np.int32)
    with jax.enable_x64(True):
        x = r.standard_normal(5) + 1j * r.standard_normal(5)
        u = r.standard_normal(4) + 1j * r.standard_normal(4)
        got = jax.jit(lambda x, u: scratch.bind(x, i, u, **params))(x, u)
        np.testing.assert_allclose(got, lax.scatter_add(x, i, u, lax.ScatterDimensionNumbers(
            (), (0,), (0,))), rtol=1e-12)
