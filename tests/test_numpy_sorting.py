"""Sorting, searching and counting in jaxwrap.numpy against numpy (reference)
and jax.numpy (peer: values and dtypes), eagerly, under jit and vmap, with
purity; gradients of sort; size=/fill_value= semantics; hypothesis fuzzing of
the edge values (NaNs of both signs, -0.0, infinities, ties); bad input.
"""

from __future__ import annotations

import itertools

import hypothesis.extra.numpy as hnp
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jaxwrap._src.numpy import sorting as S
from tests.harness import NUM_CASES, assert_close, check

F, I, B, C, U8 = np.float32, np.int32, np.bool_, np.complex64, np.uint8
AxisError = np.exceptions.AxisError
FUZZ_EXAMPLES = 10 + 5 * NUM_CASES  # derandomized: a run is reproducible
SPECIALS = np.array([np.nan, -np.nan, 0.0, -0.0, np.inf, -np.inf, 1.0, 1.0, -2.5])


def draw(dtype, shape, rng, specials=True):
    """Values with ties; floats also NaNs of both signs, +-0.0, +-inf (no NaN in complex)."""
    if dtype == B:
        return rng.random(shape) < 0.5
    if np.issubdtype(dtype, np.integer):
        lo = 0 if np.issubdtype(dtype, np.unsignedinteger) else -4
        return rng.integers(lo, 5, shape).astype(dtype)
    x = rng.integers(-4, 5, shape).astype(np.float64) * 0.5
    if specials:
        pool = SPECIALS if dtype != C else SPECIALS[2:]
        x = np.where(rng.random(shape) < 0.3, rng.choice(pool, shape), x)
    if dtype == C:
        z = np.empty(shape, C)
        z.real, z.imag = x, rng.integers(-2, 3, shape)
        return z
    return x.astype(dtype)


SHAPES = [(7,), (3, 5), (2, 3, 4), (0,), (1,)]


def _cases(name, dtypes, variants, shapes=SHAPES, n=None):
    rng = np.random.default_rng(sum(map(ord, name)))
    combos = list(itertools.product(dtypes, shapes, range(len(variants))))
    order = rng.permutation(len(combos))[: (n or NUM_CASES + 2)]
    return [(combos[k][0], combos[k][1], variants[combos[k][2]], int(rng.integers(2**31)))
            for k in order]


def _axis_ok(shape, kw):
    axis = kw.get("axis", -1)
    return axis is None or -len(shape) <= axis < len(shape)


def _id(c):
    return f"{np.dtype(c[0]).name}-{c[1]}-{c[2]}"


# --- sort / argsort ---------------------------------------------------------------------------
SORT_VARIANTS = [{}, {"axis": 0}, {"axis": None}, {"axis": -1, "stable": False},
                 {"axis": 1, "kind": "stable"}]
SORT_CASES = [c for c in _cases("sort", (F, I, B, C, U8), SORT_VARIANTS) if _axis_ok(c[1], c[2])]


@pytest.mark.parametrize("case", SORT_CASES, ids=[_id(c) for c in SORT_CASES])
def test_sort(case):
    dtype, shape, kw, seed = case
    x = draw(dtype, shape, np.random.default_rng(seed))
    check(S.sort, np.sort, [x], kwargs=kw, peer=jnp.sort if "kind" not in kw else None)


@pytest.mark.parametrize("case", SORT_CASES, ids=[_id(c) for c in SORT_CASES])
def test_argsort(case):
    dtype, shape, kw, seed = case
    x = draw(dtype, shape, np.random.default_rng(seed))
    kw = {k: v for k, v in kw.items() if k != "stable"}  # unstable index order is free

    def ref(a, **k):
        return np.argsort(a, **{**k, "kind": "stable"})

    check(S.argsort, ref, [x], kwargs=kw, peer=jnp.argsort if "kind" not in kw else None)


@pytest.mark.parametrize("dtype", [F, I, B])
def test_descending(dtype):
    x = draw(dtype, (4, 9), np.random.default_rng(1))
    for axis in (0, 1, None):
        kw = {"axis": axis, "descending": True}
        check(S.sort, None, [x], kwargs=kw, peer=jnp.sort)
        check(S.argsort, None, [x], kwargs=kw, peer=jnp.argsort)
        # stable descending keeps ties in their original order (a reversed stable sort of -x
        # for the numeric dtypes without NaN)
    y = draw(I, (20,), np.random.default_rng(2))
    np.testing.assert_array_equal(S.argsort(y, descending=True),
                                  np.argsort(-y, kind="stable"))
    assert S.argsort(y, dtype=np.int16).dtype == np.int16


def test_nan_zero_order_and_stability():
    x = np.array([0.0, -np.nan, 1.0, -0.0, np.nan, -np.inf, 0.0, -0.0, np.inf, np.nan], F)
    np.testing.assert_array_equal(S.argsort(x), np.argsort(x, kind="stable"))
    np.testing.assert_array_equal(S.sort(x), np.sort(x))
    assert np.isnan(np.asarray(S.sort(x))[-3:]).all()
    # complex: a NaN part sorts after every NaN-free value (real NaN after imaginary
    # NaN), like numpy; jax.numpy differs here, so numpy is the only oracle
    nan = np.nan
    z = np.array([complex(1, nan), complex(nan, 0), complex(1, -1), complex(-0.0, 2),
                  complex(0.0, 1), complex(1, -1), complex(nan, nan), complex(2, nan),
                  complex(nan, -3)], C)
    np.testing.assert_array_equal(S.argsort(z), np.argsort(z, kind="stable"))
    np.testing.assert_array_equal(S.sort(z), np.sort(z))
    np.testing.assert_array_equal(S.sort_complex(z), np.sort_complex(z))
    np.testing.assert_array_equal(S.lexsort([z, np.arange(9) % 2]),
                                  np.lexsort([z, np.arange(9) % 2]))
    for method in METHODS:
        for side in ("left", "right"):
            np.testing.assert_array_equal(
                S.searchsorted(np.sort(z), z, side=side, method=method),
                np.searchsorted(np.sort(z), z, side=side))


def test_lexsort():
    rng = np.random.default_rng(0)
    k1, k2, k3 = (draw(d, (3, 12), rng) for d in (I, F, B))
    for keys in ([k1], [k1, k2], [k3, k2, k1]):
        check(lambda *ks: S.lexsort(ks), lambda *ks: np.lexsort(ks), keys,
              peer=lambda *ks: jnp.lexsort(ks))
        check(lambda *ks: S.lexsort(ks, axis=0), lambda *ks: np.lexsort(ks, axis=0), keys,
              peer=None, vmap=False)
    # a 2-d array is a sequence of keys (its rows); a 1-d array is one key (numpy would
    # take it as a sequence of 0-d keys and return 0)
    stacked = np.stack([k1[0], k1[1]])
    np.testing.assert_array_equal(S.lexsort(stacked), np.lexsort(stacked))
    np.testing.assert_array_equal(S.lexsort(k1[0]), np.argsort(k1[0], kind="stable"))


def test_sort_complex():
    z = draw(C, (3, 6), np.random.default_rng(3))
    check(S.sort_complex, np.sort_complex, [z], peer=jnp.sort_complex)
    ints = np.array([3, 1, 2], I)
    check(S.sort_complex, None, [ints], peer=jnp.sort_complex)
    np.testing.assert_array_equal(S.sort_complex(ints), np.sort_complex(ints))


@pytest.mark.parametrize("fn", ["partition", "argpartition"])
@pytest.mark.parametrize("dtype", [F, I, C])
def test_partition(fn, dtype):
    rng = np.random.default_rng(4)
    x = draw(dtype, (3, 8), rng)
    for axis, kth in ((-1, 2), (0, -1), (1, (0, 7)), (None, 5)):
        out = np.asarray(getattr(S, fn)(x, kth, axis=axis))
        jout = np.asarray(jax.jit(lambda v, k=kth, a=axis: getattr(S, fn)(v, k, axis=a))(x))
        np.testing.assert_array_equal(out, jout)
        xa = x.ravel() if axis is None else x
        ax = 0 if axis is None else axis
        vals = np.take_along_axis(xa, out, ax) if fn == "argpartition" else out
        full = np.sort(xa, axis=ax)
        for k in (kth if isinstance(kth, tuple) else (kth,)):
            # the kth element is the one a full sort puts there; before <=, after >=
            kk = k % xa.shape[ax]
            np.testing.assert_array_equal(np.take(vals, kk, ax), np.take(full, kk, ax))
            np.testing.assert_array_equal(np.sort(vals, axis=ax), full)


# --- gradients --------------------------------------------------------------------------------
def test_grad_sort():
    rng = np.random.default_rng(5)
    x = (rng.permutation(12).reshape(3, 4) * 0.5 - 3).astype(F)
    check(S.sort, None, [x], kwargs={"axis": 0}, grad=2, jit=False, vmap=False, purity=False)
    check(lambda v: S.sort(v, axis=None, descending=True), None, [x], grad=1, jit=False,
          vmap=False, purity=False)
    # quantities derived from a sort: a trimmed mean and the median of a row
    with jax.enable_x64(True):
        xd = x.astype(np.float64)
        g = jax.grad(lambda v: jnp.mean(S.sort(v, axis=None)[2:-2]))(xd)
        gr = jax.grad(lambda v: jnp.mean(jnp.sort(v, axis=None)[2:-2]))(xd)
        np.testing.assert_allclose(g, gr)
        # an order statistic: the gradient is one-hot at the element that lands there
        gm = jax.grad(lambda v: S.sort(v[0])[2])(xd)
        onehot = np.zeros_like(xd)
        onehot[0, np.argsort(xd[0])[2]] = 1.0
        np.testing.assert_array_equal(gm, onehot)


# --- searchsorted -----------------------------------------------------------------------------
METHODS = ["scan", "scan_unrolled", "sort", "compare_all"]


SEARCH_CASES = [(m, side, (F, I, C, B)[k % 4])
                for k, (m, side) in enumerate(itertools.product(METHODS, ["left", "right"]))]


@pytest.mark.parametrize("method,side,dtype", SEARCH_CASES,
                         ids=[f"{m}-{s}-{np.dtype(d).name}" for m, s, d in SEARCH_CASES])
def test_searchsorted(method, side, dtype):
    rng = np.random.default_rng(6)
    a = np.sort(draw(dtype, (13,), rng))
    v = draw(dtype, (3, 4), rng)
    v.reshape(-1)[:3] = a[[0, 5, -1]]  # exact hits, including the ends
    kw = {"side": side, "method": method}
    peer = (lambda a, v, **k: jnp.searchsorted(a, v, **k)) if dtype != C else None
    check(S.searchsorted, lambda a, v, side, method: np.searchsorted(a, v, side=side),
          [a, v], kwargs=kw, peer=peer, vmap_argnums=(1,))


def test_searchsorted_sorter_scalar_empty_promotion():
    rng = np.random.default_rng(7)
    a = draw(F, (9,), rng)
    s = np.argsort(a, kind="stable").astype(I)
    v = np.array([0.0, np.nan, -np.inf, 0.5], F)
    check(lambda a, v, s: S.searchsorted(a, v, sorter=s),
          lambda a, v, s: np.searchsorted(a, v, sorter=s), [a, v, s],
          peer=lambda a, v, s: jnp.searchsorted(a, v, sorter=s), vmap=False)
    assert int(S.searchsorted(np.sort(a), 0.5)) == np.searchsorted(np.sort(a), 0.5)
    out = S.searchsorted(np.zeros(0, F), v)
    assert out.shape == (4,) and not np.asarray(out).any()
    ai = np.array([1, 3, 5], I)
    assert_close(S.searchsorted(ai, np.array([2.5, 3.0], F)), np.array([1, 1]))
    assert S.searchsorted(ai, 2).dtype == np.int32


# --- nonzero and friends ----------------------------------------------------------------------
NZ_SHAPES = [(7,), (3, 4), (2, 3, 2), (0,), (2, 0)]


NZ_CASES = [((F, I, B, C)[k % 4], shape) for k, shape in enumerate(NZ_SHAPES + [(4, 1, 3)])]


@pytest.mark.parametrize("dtype,shape", NZ_CASES,
                         ids=[f"{np.dtype(d).name}-{s}" for d, s in NZ_CASES])
def test_nonzero_family_eager(dtype, shape):
    # no size: eager only (the output length is the data's)
    x = draw(dtype, shape, np.random.default_rng(8), specials=False)
    for name in ("nonzero", "flatnonzero", "argwhere"):
        check(getattr(S, name), getattr(np, name), [x], peer=getattr(jnp, name), jit=False,
              vmap=False, purity=False)


SIZE_CASES = [((9,), 0, None), ((3, 4), 3, None), ((2, 2, 3), 20, None), ((9,), 20, -1),
              ((3, 4), 20, 7)]


@pytest.mark.parametrize("shape,size,fill", SIZE_CASES, ids=str)
def test_nonzero_family_size(shape, size, fill):
    x = draw(F, shape, np.random.default_rng(9), specials=False)
    kw = {"size": size, "fill_value": fill}
    for name in ("nonzero", "flatnonzero", "argwhere"):
        check(getattr(S, name), None, [x], kwargs=kw, peer=getattr(jnp, name))
    tup = tuple(range(-1, -len(shape) - 1, -1))
    check(S.nonzero, None, [x], kwargs={"size": 20, "fill_value": tup}, peer=jnp.nonzero,
          vmap=False)
    # jax.numpy.extract refuses a size beyond the input's: there numpy's values are the oracle
    kw = {"size": size, "fill_value": fill or 0}
    out = check(S.extract, None, [x > 0, x], kwargs=kw,
                peer=jnp.extract if size <= x.size else None)
    ref = np.extract(x > 0, x)[:size]
    np.testing.assert_array_equal(np.asarray(out)[:ref.size], ref)
    assert (np.asarray(out)[ref.size:] == (fill or 0)).all()


def test_extract_and_0d():
    x = draw(I, (3, 4), np.random.default_rng(10), specials=False)
    check(S.extract, np.extract, [x > 0, x], peer=jnp.extract, jit=False, vmap=False,
          purity=False)
    np.testing.assert_array_equal(S.extract(np.array([1, 0]), x), np.extract([1, 0], x))
    for v in (0, 5):
        for size in (None, 2):
            out = S.argwhere(np.int32(v), size=size)
            assert out.shape == jnp.argwhere(np.int32(v), size=size).shape
    with pytest.raises(ValueError, match="0-d"):
        S.nonzero(np.float32(1))


def test_traced_without_size_asks_for_size():
    x = np.array([0, 1, 2], I)
    for name in ("nonzero", "flatnonzero", "argwhere"):
        with pytest.raises(jax.errors.ConcretizationTypeError, match="size="):
            jax.jit(getattr(S, name))(x)
    with pytest.raises(jax.errors.ConcretizationTypeError, match="size="):
        jax.jit(lambda c, a: S.extract(c, a))(x, x)
    # with a size the vmap works too
    xb = np.array([[0, 1, 2], [3, 0, 0]], I)
    out = jax.vmap(lambda v: S.nonzero(v, size=2, fill_value=-1))(xb)
    np.testing.assert_array_equal(out[0], [[1, 2], [0, -1]])


# --- hypothesis fuzz --------------------------------------------------------------------------
# Few distinct shapes: every new one is a compilation.
_floats = hnp.arrays(np.float32, st.sampled_from([(1,), (9,), (3, 4)]),
                     elements=st.sampled_from([np.nan, -np.nan, 0.0, -0.0, np.inf, -np.inf,
                                               1.0, -1.0, 2.5, 1e-30]))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True)
@given(_floats, st.booleans())
def test_fuzz_sort_argsort(x, use_none_axis):
    axis = None if use_none_axis else -1
    np.testing.assert_array_equal(S.sort(x, axis=axis), np.sort(x, axis=axis))
    np.testing.assert_array_equal(S.argsort(x, axis=axis),
                                  np.argsort(x, axis=axis, kind="stable"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True)
@given(_floats, _floats, st.sampled_from(["left", "right"]), st.sampled_from(METHODS))
def test_fuzz_searchsorted(a, v, side, method):
    a = np.sort(a.ravel())
    np.testing.assert_array_equal(S.searchsorted(a, v, side=side, method=method),
                                  np.searchsorted(a, v, side=side))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True)
@given(hnp.arrays(np.int8, st.sampled_from([(7,), (2, 3, 2)]), elements=st.integers(-1, 1)),
       st.sampled_from([0, 4, 30]))
def test_fuzz_nonzero_size(x, size):
    got = S.nonzero(x, size=size, fill_value=-7)
    ref = np.nonzero(x)
    for g, r in zip(got, ref):
        k = min(size, r.size)
        np.testing.assert_array_equal(np.asarray(g)[:k], r[:k])
        assert (np.asarray(g)[k:] == -7).all() and g.shape == (size,)


# --- bad input --------------------------------------------------------------------------------
X = np.ones((2, 3), F)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: S.sort(X, axis=2), AxisError, r"sort\(\).*axis 2"),
    (lambda: S.argsort(X, axis=-3), AxisError, r"argsort\(\).*axis"),
    (lambda: S.sort(np.float32(1)), AxisError, "axis"),
    (lambda: S.sort(X, kind="bogo"), ValueError, "kind"),
    (lambda: S.argsort(X, kind="fast"), ValueError, "kind"),
    (lambda: S.sort(X, order="f0"), ValueError, "order"),
    (lambda: S.argsort(X, dtype=np.float32), ValueError, "dtype"),
    (lambda: S.searchsorted(X[0], 1.0, side="middle"), ValueError, "side"),
    (lambda: S.searchsorted(X[0], 1.0, method="magic"), ValueError, "method"),
    (lambda: S.searchsorted(X, 1.0), ValueError, "1-d"),
    (lambda: S.searchsorted(X[0], 1.0, sorter=np.zeros(2, I)), ValueError, "sorter"),
    (lambda: S.partition(X, 3), ValueError, "kth"),
    (lambda: S.argpartition(X, -4, axis=1), ValueError, "kth"),
    (lambda: S.partition(X, 1.5), TypeError, "kth"),
    (lambda: S.partition(X, 0, kind="quick"), ValueError, "kind"),
    (lambda: S.lexsort([]), TypeError, "keys"),
    (lambda: S.lexsort([X, X[0]]), ValueError, "same shape"),
    (lambda: S.lexsort([X], axis=2), AxisError, "axis"),
    (lambda: S.nonzero(X, size=-1), ValueError, "size"),
    (lambda: S.nonzero(X, size=2.5), TypeError, "size"),
    (lambda: S.nonzero(X, size=2, fill_value=(1, 2, 3)), ValueError, "fill_value"),
    (lambda: S.sort("abc"), TypeError, "sort"),
    (lambda: S.extract(np.ones(7), X), IndexError, "condition"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_searchsorted_more_than_2_31_elements():
    # Shapes only (no 2**31-element array): int64 indices with x64; without x64 an
    # OverflowError naming the function instead of a dtype clash inside the search.
    a, v = jax.ShapeDtypeStruct((2**31 + 5,), np.float32), jax.ShapeDtypeStruct((3,), np.float32)
    with jax.enable_x64(True):
        for method in ("scan", "sort"):
            out = jax.eval_shape(lambda a, v, m=method: S.searchsorted(a, v, method=m), a, v)
            assert (out.shape, out.dtype) == ((3,), np.int64)
    with jax.enable_x64(False), pytest.raises(OverflowError, match="searchsorted.*x64"):
        jax.eval_shape(S.searchsorted, a, v)
