"""jaxwrap.numpy indexing against numpy (reference) and jax.numpy (peer).

* numpy indexing (``getitem``) and functional updates (``at(x)[idx].op``): a
  table of index expressions, checked eagerly, under jit and vmap, with
  gradients and purity (harness.check); then a hypothesis fuzz of random
  index expressions against numpy.
* the indexing family (take, take_along_axis, put, ..., r_, mgrid, ...): one
  row per call.
* bad input: numpy's exception types with messages naming the argument.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jaxwrap.numpy as jwnp
from jaxwrap._src.numpy.indexing import getitem
from tests.harness import NUM_CASES, assert_close, assert_pure, check

F, I32 = np.float32, np.int32
_R = np.random.default_rng(0)
X3 = _R.standard_normal((3, 4, 5)).astype(F)
X2 = _R.standard_normal((4, 5)).astype(F)

# --- getitem: (name, array, index) ------------------------------------------------------------
# Index arrays in a key are numpy constants; rows marked "traced" pass them as
# traced arguments instead (so vmap batches them too).
KEYS = [
    ("int", X3, 1), ("neg_int", X3, -1), ("ints", X3, (1, 2)), ("slice", X3, slice(1, 3)),
    ("ellipsis", X3, (Ellipsis, 1)), ("none_rev", X3, (None, 1, slice(None, None, -1))),
    ("strided_none", X3, (slice(None, None, 2), None, -2)),
    ("neg_strides", X3, (slice(2, 0, -1), Ellipsis, slice(None, None, -3))),
    ("empty_tuple", X3, ()), ("trailing_none", X3, (Ellipsis, None)),
    ("array", X3, np.array([0, 2, -1])),
    ("array_slice", X3, (np.array([0, 2]), slice(1, 3))),
    ("two_arrays_adjacent", X3, (slice(None), np.array([1, 0, 3]), np.array([4, 0, -1]))),
    ("two_arrays_split", X3, (np.array([0, 2]), slice(None), np.array([1, 4]))),
    ("broadcast_arrays", X3, (np.array([[0], [2]]), np.array([1, 3, 0]))),
    ("array_none_array", X3, (np.array([0, 1]), None, np.array([0, 1]))),
    ("int_with_array", X3, (slice(None), 1, np.array([0, 1]))),
    ("int_array_strided", X3, (1, np.array([0, 2]), slice(None, None, -2))),
    ("mask", X3, X3[..., 0] > 0), ("mask_2d_axis1", X2, (slice(None), X2[0] > 0)),
    ("true", X3, True), ("false_int", X3, (False, 1)),
    ("zero_d_array", X3, np.array(1)), ("zero_d_and_array", X3, (np.array(1), np.array([2, 3]))),
    ("empty_array", X2, np.array([], np.int32)),
    ("uint8_array", X2, np.array([3, 0], np.uint8)),
]
KEY_IDS = [k[0] for k in KEYS]


# Gradients (float64 check_grads, the slow part) on a sample of the keys.
GRAD_KEYS = {"int", "none_rev", "neg_strides", "two_arrays_split", "broadcast_arrays", "mask",
             "int_array_strided", "false_int"}


@pytest.mark.parametrize("name,x,key", KEYS, ids=KEY_IDS)
def test_getitem(name, x, key):
    check(lambda x: getitem(x, key), lambda x: x[key], [x], peer=lambda x: jnp.asarray(x)[key],
          grad=1 if name in GRAD_KEYS else 0)


TRACED = [
    ("vector", X2, lambda i: i, np.array([3, -1, 0], I32)),
    ("rows_cols", X2, lambda i: (i, slice(1, None, 2)), np.array([[0], [2]], I32)),
    ("scalar", X2, lambda i: (slice(None), i), np.array(-2, I32)),
    ("scalar_none", X3, lambda i: (None, i, Ellipsis, i), np.array(1, I32)),
]


@pytest.mark.parametrize("name,x,make,i", TRACED, ids=[t[0] for t in TRACED])
def test_getitem_traced_indices(name, x, make, i):
    check(lambda x, i: getitem(x, make(i)), lambda x, i: x[make(i)], [x, i],
          peer=lambda x, i: jnp.asarray(x)[make(i)], grad=1, grad_argnums=(0,))


def test_getitem_basic_indexing_uses_slices_not_gather():
    names = {e.primitive.name for e in jax.make_jaxpr(
        lambda x, i: getitem(x, (slice(1, None, 2), None, i)))(X3, np.int32(1)).eqns}
    assert "gather" not in names and {"slice", "dynamic_slice"} <= names


def test_getitem_out_of_bounds_modes_follow_jax():
    x = jnp.arange(4.0)
    i = np.array([5, -1, -6])
    assert_close(getitem(x, i), x[i])                                   # clamped
    assert_close(jwnp.at(x)[i].get(mode="fill", fill_value=-1.0), x.at[i].get(mode="fill",
                                                                              fill_value=-1.0))
    assert_close(jwnp.at(x)[i].get(mode="fill"), x.at[i].get(mode="fill"))   # NaN
    assert_close(getitem(x, 7), x[7])                                   # static int clamps


# --- at(x)[idx].op ----------------------------------------------------------------------------
def _np_at(op):
    ufunc = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
             "min": np.minimum, "max": np.maximum}.get(op)

    def ref(x, v, key):
        out = x.copy()
        if op == "set":
            out[key] = v
        elif op in ("divide", "power"):
            mult = np.ones_like(x)
            np.multiply.at(mult, key, v)
            out = x / mult if op == "divide" else x ** mult
        else:
            ufunc.at(out, key, v)
        return out
    return ref


UPDATE_KEYS = [
    ("int", 1), ("slice", (slice(None), slice(1, 4, 2))), ("neg_step", slice(None, None, -2)),
    ("array_dupes", np.array([0, 2, 0])), ("two_arrays", (np.array([1, 3]), np.array([0, 4]))),
    ("mask", X2 > 0.3), ("none_int", (None, 2)), ("ellipsis_array", (Ellipsis, np.array([1, -1]))),
]
OPS = ["set", "add", "subtract", "multiply", "divide", "power", "min", "max"]


def _update_cases():
    rng = np.random.default_rng(1)
    cases = []
    for op in OPS:
        keys = [k for k in UPDATE_KEYS if op != "set" or k[0] != "array_dupes"]
        picks = rng.choice(len(keys), size=min(len(keys), max(2, NUM_CASES)), replace=False)
        cases += [(op,) + keys[p] for p in picks]
    return cases


@pytest.mark.parametrize("op,kname,key", _update_cases(),
                         ids=[f"{c[0]}-{c[1]}" for c in _update_cases()])
def test_at_update(op, kname, key):
    shape = np.shape(X2[key])
    v = (np.abs(_R.standard_normal(shape)) + 0.5).astype(F)
    x = np.abs(X2) + 0.5  # positive: power and divide stay finite

    def fn(x, v):
        return getattr(jwnp.at(x)[key], op)(v)

    def peer(x, v):
        return getattr(jnp.asarray(x).at[key], op)(v)

    # Products over repeated indices have no JVP in the updates (as in jax).
    repeats = kname in ("array_dupes", "two_arrays", "ellipsis_array")
    check(fn, lambda x, v: _np_at(op)(x, v, key), [x, v], peer=peer,
          grad=0 if repeats and op in ("multiply", "divide", "power") else 1, tol=1e-5)


def test_at_update_scalar_values_modes_and_dtypes():
    x = jnp.arange(5, dtype=jnp.int32)
    i = np.array([1, 7, -1])
    for mode in (None, "clip", "drop"):
        assert_close(jwnp.at(x)[i].add(3, mode=mode), x.at[i].add(3, mode=mode),
                     check_dtype=np.int32)
    with pytest.warns(FutureWarning, match="safely cast"):
        assert_close(jwnp.at(x)[i].set(2.7), x.at[i].set(2.7), check_dtype=np.int32)
    assert_close(jwnp.at(x)[1:3].apply(lambda v: v * 10), x.at[1:3].apply(lambda v: v * 10))
    # Leading size-1 axes of the values are dropped, as numpy does.
    ref = np.zeros((2, 3), F)
    ref[0] = np.ones((1, 3))
    assert_close(jwnp.at(np.zeros((2, 3), F))[0].set(np.ones((1, 3), F)), ref)


def test_at_purity_and_vmap_over_indices():
    x = X2
    i = np.array([[0, 1], [3, 3], [2, 0]], I32)
    f = jax.vmap(lambda x, i: jwnp.at(x)[i].add(1.0), in_axes=(None, 0))
    g = jax.vmap(lambda x, i: jnp.asarray(x).at[i].add(1.0), in_axes=(None, 0))
    assert_close(f(x, i), g(x, i))
    assert_pure(lambda x, v: jwnp.at(x)[np.array([0, 0, 2])].multiply(v), x, X2[:3])


# --- hypothesis fuzz: random index expressions against numpy -------------------------------------
@st.composite
def _index_case(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    key, d, ellipsis_used, n_arrays = [], 0, False, 0
    arr_shape = draw(st.sampled_from([(2,), (1,), (2, 1), (3,)]))
    while d < len(shape) and draw(st.booleans()):
        n = shape[d]
        kind = draw(st.sampled_from(["int", "slice", "none", "array", "ellipsis"]))
        if kind == "int":
            key.append(draw(st.integers(-n, n - 1)))
            d += 1
        elif kind == "slice":
            lo = draw(st.one_of(st.none(), st.integers(-n - 1, n + 1)))
            hi = draw(st.one_of(st.none(), st.integers(-n - 1, n + 1)))
            step = draw(st.one_of(st.none(), st.sampled_from([-2, -1, 1, 2, 3])))
            key.append(slice(lo, hi, step))
            d += 1
        elif kind == "none":
            key.append(None)
        elif kind == "array":
            shp = arr_shape if n_arrays == 0 or draw(st.booleans()) else arr_shape[-1:]
            key.append(np.asarray(draw(st.lists(st.integers(-n, n - 1), min_size=int(np.prod(shp)),
                                                max_size=int(np.prod(shp))))).reshape(shp))
            n_arrays += 1
            d += 1
        elif not ellipsis_used:
            key.append(Ellipsis)
            ellipsis_used = True
            d = len(shape)
    return shape, tuple(key)


@settings(max_examples=max(25, 10 * NUM_CASES), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_index_case())
def test_fuzz_getitem_and_add_vs_numpy(case):
    shape, key = case
    x = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
    expected = x[key]
    got = getitem(x, key)
    assert got.shape == expected.shape, (shape, key)
    np.testing.assert_array_equal(np.asarray(got), expected)
    added = x.copy()
    np.add.at(added, key, 1.0)
    np.testing.assert_array_equal(np.asarray(jwnp.at(x)[key].add(1.0)), added)


# --- the indexing family --------------------------------------------------------------------------
def _inplace(fn):
    """numpy's in-place function as a function returning the new array."""
    def ref(a, *args, **kw):
        a = np.array(a)
        fn(a, *args, **kw)
        return a
    return ref


_IDX = np.array([[0, 3], [-1, 2]], I32)
_TAL = np.array([[0, 3], [2, -1], [1, 4], [4, 0]], I32)
_MASK3 = np.array([True, False, True])
FAMILY = [
    # name, jaxwrap call, numpy reference (None: peer only), jax peer, args, grad
    ("take_flat", lambda a, i: jwnp.take(a, i), lambda a, i: np.take(a, i),
     lambda a, i: jnp.take(a, i), [X2, _IDX], 1),
    ("take_axis1_clip", lambda a, i: jwnp.take(a, i, axis=1, mode="clip"),
     lambda a, i: np.take(a, i, axis=1, mode="clip"),
     lambda a, i: jnp.take(a, i, axis=1, mode="clip"), [X2, np.array([0, 7, 2])], 1),
    ("take_wrap", lambda a, i: jwnp.take(a, i, axis=0, mode="wrap"),
     lambda a, i: np.take(a, i, axis=0, mode="wrap"),
     lambda a, i: jnp.take(a, i, axis=0, mode="wrap"), [X2, np.array([-5, 9])], 1),
    ("take_fill_oob", lambda a, i: jwnp.take(a, i, axis=-1), None,
     lambda a, i: jnp.take(a, i, axis=-1), [X2, np.array([9, 1, -6])], 0),
    ("take_along_axis", lambda a, i: jwnp.take_along_axis(a, i, axis=1),
     lambda a, i: np.take_along_axis(a, i, axis=1),
     lambda a, i: jnp.take_along_axis(a, i, axis=1), [X2, _TAL], 1),
    ("take_along_axis_bcast", lambda a, i: jwnp.take_along_axis(a, i, axis=0),
     lambda a, i: np.take_along_axis(a, i, axis=0),
     lambda a, i: jnp.take_along_axis(a, i, axis=0), [X2, np.array([[1, 0, 3, 3, 2]])], 1),
    ("take_along_axis_none", lambda a, i: jwnp.take_along_axis(a, i, axis=None),
     lambda a, i: np.take_along_axis(a, i, axis=None),
     lambda a, i: jnp.take_along_axis(a, i, axis=None), [X2, np.array([19, 0, 5])], 1),
    ("put", lambda a, i, v: jwnp.put(a, i, v, inplace=False), _inplace(np.put),
     lambda a, i, v: jnp.put(a, i, v, inplace=False), [X2, np.array([0, 7, -1]), X2[0, :2]], 1),
    ("put_wrap", lambda a, i, v: jwnp.put(a, i, v, mode="wrap", inplace=False),
     lambda a, i, v: _inplace(np.put)(a, i, v, mode="wrap"),
     lambda a, i, v: jnp.put(a, i, v, mode="wrap", inplace=False),
     [X2, np.array([3, 27]), X2[0, :2]], 1),
    ("put_along_axis", lambda a, i, v: jwnp.put_along_axis(a, i, v, 1, inplace=False),
     lambda a, i, v: _inplace(np.put_along_axis)(a, i, v, 1),
     lambda a, i, v: jnp.put_along_axis(a, i, v, 1, inplace=False),
     [X2, np.array([[1], [0], [4], [2]]), X2[:, :1]], 1),
    ("choose", lambda a, c0, c1: jwnp.choose(a, [c0, c1], mode="clip"),
     lambda a, c0, c1: np.choose(a, [c0, c1], mode="clip"),
     lambda a, c0, c1: jnp.choose(a, [c0, c1], mode="clip"),
     [np.array([[0, 1, 5, -1, 1]]), X2, X2[0]], 1),
    ("choose_wrap", lambda a, c0, c1, c2: jwnp.choose(a, [c0, c1, c2], mode="wrap"),
     lambda a, c0, c1, c2: np.choose(a, [c0, c1, c2], mode="wrap"),
     lambda a, c0, c1, c2: jnp.choose(a, [c0, c1, c2], mode="wrap"),
     [np.array([0, 4, -1, 2, 1]), X2, X2[1], X2[2]], 0),
    ("compress_axis0", lambda c, a: jwnp.compress(c, a, axis=0, size=3, fill_value=-1.0),
     None, lambda c, a: jnp.compress(c, a, axis=0, size=3, fill_value=-1.0),
     [np.array([True, False, True]), X2], 1),
    ("select", lambda c1, c2, a, b: jwnp.select([c1, c2], [a, b], -1.0),
     lambda c1, c2, a, b: np.select([c1, c2], [a, b], -1.0),
     lambda c1, c2, a, b: jnp.select([c1, c2], [a, b], -1.0),
     [X2 > 0.5, X2 < 0, X2, 2 * X2], 1),
    ("piecewise", lambda x: jwnp.piecewise(x, [jwnp.less(x, 0), jwnp.greater(x, 1)],
                                           [jwnp.negative, 3.0, jwnp.sin]),
     lambda x: np.piecewise(x, [x < 0, x > 1], [np.negative, 3.0, np.sin]),
     lambda x: jnp.piecewise(x, [x < 0, x > 1], [jnp.negative, 3.0, jnp.sin]), [X2], 1),
    ("place", lambda a, m, v: jwnp.place(a, m, v, inplace=False), _inplace(np.place),
     lambda a, m, v: jnp.place(a, m, v, inplace=False), [X2, X2 > 0, X2[0, :3]], 1),
    ("fill_diagonal", lambda a, v: jwnp.fill_diagonal(a, v, inplace=False),
     _inplace(np.fill_diagonal), lambda a, v: jnp.fill_diagonal(a, v, inplace=False),
     [X2, X2[0, :2]], 1),
    ("fill_diagonal_wrap", lambda a: jwnp.fill_diagonal(a, 2.0, wrap=True, inplace=False),
     lambda a: _inplace(np.fill_diagonal)(a, 2.0, wrap=True), None,
     [_R.standard_normal((7, 3)).astype(F)], 1),
    ("unravel_index", lambda i: jwnp.unravel_index(i, (3, 4)),
     lambda i: np.unravel_index(i, (3, 4)), lambda i: jnp.unravel_index(i, (3, 4)),
     [np.array([0, 5, 11, 7], I32)], 0),
    ("unravel_index_oob", lambda i: jwnp.unravel_index(i, (3, 4)), None,
     lambda i: jnp.unravel_index(i, (3, 4)), [np.array([-1, 12, -13, 40], I32)], 0),
    ("ravel_multi_index", lambda i, j: jwnp.ravel_multi_index((i, j), (3, 4), mode="clip"),
     lambda i, j: np.ravel_multi_index((i, j), (3, 4), mode="clip"),
     lambda i, j: jnp.ravel_multi_index((i, j), (3, 4), mode="clip"),
     [np.array([0, 2, 5], I32), np.array([[3], [-1]], I32)], 0),
    ("ravel_multi_index_F_wrap",
     lambda i, j: jwnp.ravel_multi_index((i, j), (3, 4), mode="wrap", order="F"),
     lambda i, j: np.ravel_multi_index((i, j), (3, 4), mode="wrap", order="F"),
     lambda i, j: jnp.ravel_multi_index((i, j), (3, 4), mode="wrap", order="F"),
     [np.array([0, 2, 5], I32), np.array([3, -1, 9], I32)], 0),
]


@pytest.mark.parametrize("name,fn,ref,peer,args,grad", FAMILY, ids=[f[0] for f in FAMILY])
def test_family(name, fn, ref, peer, args, grad):
    int_only = [k for k, a in enumerate(args) if a.dtype.kind == "f"]
    check(fn, ref, args, peer=peer, grad=grad, grad_argnums=int_only or None,
          check_dtype=peer is not None)


def _to_np_tuple(t):
    return tuple(np.asarray(v) for v in (t if isinstance(t, (tuple, list)) else (t,)))


STATIC = [
    ("indices", lambda m: m.indices((2, 3))),
    ("indices_sparse", lambda m: m.indices((2, 3), sparse=True)),
    ("ix_", lambda m: m.ix_(np.array([0, 2]), np.array([1, 0, 3]))),
    ("diag_indices", lambda m: m.diag_indices(3, ndim=3)),
    ("diag_indices_from", lambda m: m.diag_indices_from(np.zeros((4, 4)))),
    ("tril_indices", lambda m: m.tril_indices(4, 1, 3)),
    ("triu_indices", lambda m: m.triu_indices(4, -1)),
    ("tril_indices_from", lambda m: m.tril_indices_from(np.zeros((3, 5)), -1)),
    ("triu_indices_from", lambda m: m.triu_indices_from(np.zeros((3, 5)), 2)),
    ("mask_indices", lambda m: m.mask_indices(3, m.triu, 1)),
    ("r_", lambda m: m.r_[1, 2.5, np.array([3, 4]), 0:3]),
    ("r_directive", lambda m: m.r_["0,2,0", [1, 2], [3, 4]]),
    ("r_linspace", lambda m: m.r_[-1:1:5j]),
    ("c_", lambda m: m.c_[np.ones((2, 2)), np.array([3, 4])]),
    ("mgrid", lambda m: m.mgrid[0:3, 0:4:2]),
    ("mgrid_linspace", lambda m: m.mgrid[0:1:3j, 0:2]),
    ("ogrid", lambda m: m.ogrid[0:3, 1:4]),
]


@pytest.mark.parametrize("name,call", STATIC, ids=[s[0] for s in STATIC])
def test_index_helpers(name, call):
    got, ref = call(jwnp), call(np)
    peer = call(jnp)
    got_t, ref_t, peer_t = _to_np_tuple(got), _to_np_tuple(ref), _to_np_tuple(peer)
    assert len(got_t) == len(ref_t)
    for g, r, p in zip(got_t, ref_t, peer_t):
        np.testing.assert_allclose(g, r, rtol=1e-6)
        assert g.dtype == p.dtype, (name, g.dtype, p.dtype)


def test_index_expression_objects():
    assert jwnp.s_[1:2, None] == np.s_[1:2, None]
    assert jwnp.index_exp[1] == np.index_exp[1]
    assert jwnp.s_[3] == 3


def test_boolean_selection_helpers_without_size_match_numpy():
    c = np.array([True, False, True, True])
    assert_close(jwnp.compress(c, X2, axis=1), np.compress(c, X2, axis=1))
    assert_close(jwnp.compress(c[:2], X2), np.compress(c[:2], X2))
    assert_close(jwnp.ix_(np.array([True, False, True]))[0], np.ix_([True, False, True])[0])
    assert_close(jwnp.mask_indices(3, jwnp.triu, 1, size=5)[1],
                 jnp.mask_indices(3, jnp.triu, 1, size=5)[1])


def test_static_shape_variants_work_under_jit():
    x, c = jnp.asarray(X2), jnp.asarray(X2[:, 0] > 0)
    assert_close(jax.jit(lambda c, x: jwnp.compress(c, x, axis=0, size=4))(c, x),
                 jnp.compress(c, x, axis=0, size=4))
    assert_close(jax.jit(lambda m, v: jwnp.place(x, m, v, inplace=False))(x > 0, x[0]),
                 jnp.place(x, x > 0, x[0], inplace=False))


# --- bad input ------------------------------------------------------------------------------------
def _jit_mask():
    return jax.jit(lambda x: getitem(x, x > 0))(X2)


BAD = [
    (lambda: jwnp.take(X2, np.array([0]), axis=2), np.exceptions.AxisError, "axis"),
    (lambda: jwnp.take_along_axis(X2, _TAL, axis=-3), np.exceptions.AxisError, "axis"),
    (lambda: jwnp.take(X2, np.array([0.5])), TypeError, "indices"),
    (lambda: jwnp.take(X2, np.array([0]), mode="bad"), ValueError, "mode"),
    (lambda: jwnp.take_along_axis(X2, np.array([0, 1]), axis=0), ValueError, "dimensions"),
    (lambda: getitem(X2, 1.5), IndexError, "valid indices"),
    (lambda: getitem(X2, np.array([0.0])), IndexError, "float"),
    (lambda: getitem(X2, (0, 0, 0)), IndexError, "too many indices"),
    (lambda: getitem(X2, (Ellipsis, Ellipsis)), IndexError, "ellipsis"),
    (lambda: getitem(X2, [0, 1]), TypeError, "non-tuple sequence"),
    (lambda: getitem(X2, np.ones((2, 2), bool)), IndexError, "boolean index"),
    (lambda: getitem(X2, (np.array([0, 1]), np.array([0, 1, 2]))), IndexError, "broadcast"),
    (_jit_mask, IndexError, "size"),
    (lambda: jwnp.at(X2)[0].set(np.ones(3)), ValueError, "values"),
    (lambda: jwnp.put(X2, np.array([0]), 1.0), ValueError, "inplace=False"),
    (lambda: jwnp.place(X2, X2 > 0, 1.0), ValueError, "inplace=False"),
    (lambda: jwnp.fill_diagonal(np.zeros(3), 1.0, inplace=False), ValueError, "2-d"),
    (lambda: jwnp.put_along_axis(X2, _TAL, np.ones(3), 1, inplace=False), ValueError, "values"),
    (lambda: jwnp.choose(np.array([0, 5]), [X2[0, :2], X2[1, :2]]), ValueError, "invalid entry"),
    (lambda: jax.jit(lambda a: jwnp.choose(a, [X2[0, :2]]))(np.array([0, 0])),
     jax.errors.ConcretizationTypeError, "mode="),
    (lambda: jwnp.select([X2 > 0], [X2, X2]), ValueError, "same length"),
    (lambda: jwnp.piecewise(X2, [X2 > 0], [1.0, 2.0, 3.0]), ValueError, "funclist"),
    (lambda: jwnp.compress(np.ones((2, 2), bool), X2), ValueError, "condition"),
    (lambda: jax.jit(lambda c: jwnp.compress(c, X2, axis=0))(X2[:, 0] > 0),
     jax.errors.ConcretizationTypeError, "size"),
    (lambda: jwnp.unravel_index(np.array([1.0]), (2, 2)), TypeError, "indices"),
    (lambda: jwnp.ravel_multi_index((np.array([5]),), (3,)), ValueError, "invalid entry"),
    (lambda: jwnp.diag_indices_from(X2), ValueError, "equal length"),
    (lambda: jwnp.tril_indices_from(X3), ValueError, "2-d"),
    (lambda: jwnp.ix_(X2), ValueError, "1-dimensional"),
    (lambda: jwnp.indices((2, -1)), ValueError, "non-negative"),
]


@pytest.mark.parametrize("k", range(len(BAD)))
def test_bad_input(k):
    fn, exc, match = BAD[k]
    with pytest.raises(exc, match=match):
        fn()


def test_piecewise_traces_its_functions_once():
    # jax's rule: the functions are static arguments, so a second call with the same
    # functions and shapes reuses the compiled program instead of tracing them again.
    calls = []

    def neg(v):
        calls.append(1)
        return jwnp.negative(v)

    def ident(v):
        return v
    x = np.array([-2.0, 0.5, 3.0], np.float32)
    first = jwnp.piecewise(x, [x < 0, x > 1], [neg, ident, 7.0])
    again = jwnp.piecewise(x, [x < 0, x > 1], [neg, ident, 7.0])
    assert len(calls) == 1
    want = np.asarray(jnp.piecewise(x, [x < 0, x > 1], [jnp.negative, lambda v: v, 7.0]))
    assert_close(first, want, check_dtype=np.float32)
    assert_close(again, want, check_dtype=np.float32)
