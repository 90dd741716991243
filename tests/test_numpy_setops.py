"""Set operations of jaxwrap.numpy (unique and the Array API unique_*, isin,
intersect1d, union1d, setdiff1d, setxor1d) against numpy (reference) and
jax.numpy (peer); eagerly without ``size=``, under jit and vmap with it;
hypothesis fuzzing of ties, NaNs and signed zeros; bad input.
"""

from __future__ import annotations

import functools

import hypothesis.extra.numpy as hnp
import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jaxwrap._src.numpy import setops as U
from tests.harness import NUM_CASES, assert_close, check

F, I, B, C = np.float32, np.int32, np.bool_, np.complex64
AxisError = np.exceptions.AxisError
FUZZ_EXAMPLES = 10 + 5 * NUM_CASES  # derandomized: a run is reproducible


def draw(dtype, shape, rng, nan=True):
    """Few distinct values (many repeats); floats also NaN, -0.0 and 0.0."""
    if dtype == B:
        return rng.random(shape) < 0.5
    x = rng.integers(-3, 4, shape).astype(np.float64)
    if np.issubdtype(dtype, np.integer):
        return x.astype(dtype)
    pool = np.array([np.nan, 0.0, -0.0, np.inf] if nan else [0.0, -0.0, np.inf])
    x = np.where(rng.random(shape) < 0.3, rng.choice(pool, shape), x)
    if dtype == C:
        z = np.empty(shape, C)
        z.real, z.imag = np.where(np.isnan(x), 1.0, x), rng.integers(0, 2, shape)
        return z
    return x.astype(dtype)


# --- unique, eager (no size) ------------------------------------------------------------------
FLAGS = [dict(zip(("return_index", "return_inverse", "return_counts"), f))
         for f in ((False, False, False), (True, True, True), (False, True, False),
                   (True, False, True))]
UNIQUE_CASES = [
    (F, (13,), None, FLAGS[1], True), (F, (13,), None, FLAGS[0], False),
    (I, (3, 5), None, FLAGS[2], True), (B, (7,), None, FLAGS[1], True),
    (C, (9,), None, FLAGS[3], True), (I, (6, 3), 0, FLAGS[1], True),
    (F, (3, 6), 1, FLAGS[1], True), (I, (2, 4, 3), 2, FLAGS[3], True),
    (F, (0,), None, FLAGS[1], True), (I, (4, 0), 0, FLAGS[0], True),
]


def _uid(c):
    return f"{np.dtype(c[0]).name}-{c[1]}-axis{c[2]}-{sum(c[3].values())}-nan{c[4]}"


@pytest.mark.parametrize("case", UNIQUE_CASES, ids=[_uid(c) for c in UNIQUE_CASES])
def test_unique_eager(case):
    dtype, shape, axis, flags, equal_nan = case
    x = draw(dtype, shape, np.random.default_rng(len(shape) + int(equal_nan)))
    kw = {"axis": axis, "equal_nan": equal_nan, **flags}
    peer = jnp.unique if not (axis is not None and dtype == F) else None  # jax: NaN rows
    check(U.unique, np.unique, [x], kwargs=kw, peer=peer, jit=False, vmap=False,
          purity=False)


@pytest.mark.parametrize("dtype", [F, I])
@pytest.mark.parametrize("size,fill", [(2, None), (5, None), (12, None), (12, -1)])
def test_unique_size(dtype, size, fill):
    x = draw(dtype, (4, 3), np.random.default_rng(size), nan=False)
    kw = {"size": size, "fill_value": fill, **FLAGS[1]}
    out = check(U.unique, None, [x], kwargs=kw, peer=jnp.unique)
    ref = np.unique(x, **FLAGS[1])
    k = min(size, ref[0].size)
    for o, r in zip(out[:2], ref[:2]):  # values, first indices: a prefix of numpy's
        np.testing.assert_array_equal(np.asarray(o)[:k], r[:k])
    if size >= ref[0].size:
        np.testing.assert_array_equal(out[2], ref[2])
        np.testing.assert_array_equal(np.asarray(out[3])[:k], ref[3])
        assert not np.asarray(out[3])[k:].any()


def test_unique_size_axis_and_empty():
    x = draw(I, (6, 2), np.random.default_rng(0))
    check(U.unique, None, [x], kwargs={"axis": 0, "size": 8, "fill_value": 9,
                                       "return_counts": True}, peer=jnp.unique)
    e = np.zeros((0,), F)
    check(U.unique, None, [e], kwargs={"size": 3, "fill_value": 2.0}, peer=jnp.unique,
          vmap=False)
    assert U.unique(e).shape == (0,)


def test_array_api_unique():
    x = draw(F, (3, 4), np.random.default_rng(1))  # NaNs stay distinct here
    for name in ("unique_all", "unique_counts", "unique_inverse", "unique_values"):
        got, ref = getattr(U, name)(x), getattr(np, name)(x)
        assert type(got).__name__ == type(ref).__name__ or name == "unique_values"
        assert_close(tuple(got) if name != "unique_values" else got,
                     tuple(ref) if name != "unique_values" else ref)
        peer = getattr(jnp, name)

        def as_tuple(r):
            return tuple(r) if isinstance(r, tuple) else r

        check(lambda v, n=name: as_tuple(getattr(U, n)(v, size=12, fill_value=0.5)), None,
              [x], peer=lambda v, p=peer: as_tuple(p(v, size=12, fill_value=0.5)))
    assert U.unique_all(x).inverse_indices.shape == x.shape


def test_traced_without_size_asks_for_size():
    x = np.array([1, 2, 2], I)
    calls = [U.unique, U.unique_values, lambda v: U.intersect1d(v, v),
             lambda v: U.union1d(v, v), lambda v: U.setdiff1d(v, v),
             lambda v: U.setxor1d(v, v)]
    for f in calls:
        with pytest.raises(jax.errors.ConcretizationTypeError, match="size="):
            jax.jit(f)(x)


# --- isin -------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["auto", "compare_all", "binary_search", "sort"])
@pytest.mark.parametrize("invert", [False, True])
def test_isin(method, invert):
    rng = np.random.default_rng(2)
    e = draw(F, (3, 4), rng)
    t = draw(F, (5,), rng)
    t[0] = -0.0
    kw = {"invert": invert, "method": method}
    check(U.isin, lambda a, b, invert, method: np.isin(a, b, invert=invert), [e, t],
          kwargs=kw, peer=jnp.isin)
    # mixed dtypes promote; empty test set
    check(U.isin, np.isin, [np.arange(6, dtype=I), np.array([2.0, 4.5], F)],
          kwargs={"invert": invert}, peer=jnp.isin, vmap=False)
    np.testing.assert_array_equal(U.isin(e, np.zeros(0, F), invert=invert),
                                  np.isin(e, np.zeros(0, F), invert=invert))
    big = np.arange(300, dtype=I)  # 'auto' switches to a binary search for large inputs
    np.testing.assert_array_equal(U.isin(big, big[::7], invert=invert),
                                  np.isin(big, big[::7], invert=invert))


# --- two-set operations -----------------------------------------------------------------------
PAIRS = [(I, (9,), (6,)), (F, (3, 4), (7,)), (B, (5,), (3,)), (I, (0,), (4,)), (F, (5,), (0,))]


@pytest.mark.parametrize("dtype,s1,s2", PAIRS, ids=str)
def test_set_operations_eager(dtype, s1, s2):
    rng = np.random.default_rng(3)
    a, b = draw(dtype, s1, rng), draw(dtype, s2, rng)
    for name in ("union1d", "setdiff1d", "setxor1d", "intersect1d"):
        check(getattr(U, name), getattr(np, name), [a, b], peer=getattr(jnp, name), jit=False,
              vmap=False, purity=False)
    check(lambda x, y: U.intersect1d(x, y, return_indices=True),
          lambda x, y: np.intersect1d(x, y, return_indices=True), [a, b],
          peer=lambda x, y: jnp.intersect1d(x, y, return_indices=True), jit=False, vmap=False,
          purity=False)


@pytest.mark.parametrize("name", ["union1d", "setdiff1d", "setxor1d", "intersect1d"])
@pytest.mark.parametrize("size,fill", [(2, None), (10, 99)])
def test_set_operations_size(name, size, fill):
    rng = np.random.default_rng(4)
    a, b = draw(I, (8,), rng), draw(I, (6,), rng)
    kw = {"size": size, "fill_value": fill}
    # jax.numpy's default padding differs between functions: compare with it only
    # where the padding is given
    out = check(getattr(U, name), None, [a, b], kwargs=kw,
                peer=getattr(jnp, name) if fill is not None else None)
    ref = getattr(np, name)(a, b)
    k = min(size, ref.size)
    np.testing.assert_array_equal(np.asarray(out)[:k], ref[:k])
    pad = np.asarray(out)[k:]
    assert (pad == (fill if fill is not None else ref.min() if ref.size else pad)).all()
    if name == "intersect1d":
        got = U.intersect1d(a, b, return_indices=True, size=size, fill_value=fill)
        r = np.intersect1d(a, b, return_indices=True)
        for g, rr in zip(got, r):
            np.testing.assert_array_equal(np.asarray(g)[:k], rr[:k])


def test_unique_complex_nan():
    nan = np.nan
    z = np.array([complex(1, nan), complex(nan, 0), complex(1, -1), complex(2, nan),
                  complex(nan, nan), complex(1, -1), complex(-0.0, 0.0), 0j], C)
    for equal_nan in (True, False):
        got = U.unique(z, return_index=True, return_counts=True, equal_nan=equal_nan)
        ref = np.unique(z, return_index=True, return_counts=True, equal_nan=equal_nan)
        for g, r in zip(got, ref):
            np.testing.assert_array_equal(g, r)


def test_set_operations_nan_and_zero():
    a = np.array([np.nan, 0.0, 1.0, np.nan], F)
    b = np.array([-0.0, np.nan, 2.0], F)
    for name in ("union1d", "setdiff1d", "setxor1d", "intersect1d"):
        got, ref = getattr(U, name)(a, b), getattr(np, name)(a, b)
        np.testing.assert_array_equal(got, ref, err_msg=name)


# --- hypothesis fuzz --------------------------------------------------------------------------
# Few distinct shapes and sizes: every new one is a compilation.
_vals = st.sampled_from([np.nan, 0.0, -0.0, 1.0, -1.0, np.inf, 2.0])
_farr = hnp.arrays(np.float32, st.sampled_from([(10,), (2, 5)]), elements=_vals)
_iarr = hnp.arrays(np.int16, st.sampled_from([0, 9]), elements=st.integers(-3, 3))


# The fuzz runs the sized kernels (size = the input's length: every unique value fits, and
# the padding is checked too), so each input shape compiles once; the eager path (size
# taken from the concrete count: one compile per count) is checked by the tests above.
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True)
@given(_farr, st.booleans())
def test_fuzz_unique(x, equal_nan):
    flags = {"return_index": True, "return_inverse": True, "return_counts": True,
             "equal_nan": equal_nan}
    got = U.unique(x, size=x.size, fill_value=np.float32(7.0), **flags)
    ref = np.unique(x, **flags)
    k = ref[0].size
    for g, r, what in zip(got, ref, ("values", "index", "inverse", "counts")):
        g = np.asarray(g)
        full = what == "inverse"   # the inverse has x's shape, no padding
        np.testing.assert_array_equal(g if full else g[:k], r, err_msg=f"{what} of {x!r}")
    pads = [np.asarray(g)[k:] for g in got]
    assert (pads[0] == 7.0).all() and (pads[3] == 0).all(), (x, pads)


_SETS = ("union1d", "setdiff1d", "setxor1d", "intersect1d")


@functools.partial(jax.jit, static_argnums=2)
def _sized_sets(a, b, size):
    """The four two-set functions and unique at one static size: one program per
    (shape, size) instead of five."""
    return tuple(getattr(U, n)(a, b, size=size, fill_value=-9) for n in _SETS) + \
        (U.unique(a, size=size, fill_value=-9),)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True)
@given(_iarr, _iarr, st.sampled_from([0, 3, 8]))
def test_fuzz_sets_sized(a, b, size):
    outs = _sized_sets(a, b, size)
    refs = [getattr(np, name)(a, b) for name in _SETS] + [np.unique(a)]
    for name, got, ref in zip(_SETS + ("unique",), outs, refs):
        k = min(size, ref.size)
        assert got.dtype == a.dtype, (name, got.dtype)
        np.testing.assert_array_equal(np.asarray(got)[:k], ref[:k],
                                      err_msg=f"{name}({a!r}, {b!r}, size={size})")
        assert got.shape == (size,) and (np.asarray(got)[k:] == -9).all(), (name, a, b, size)


# --- bad input --------------------------------------------------------------------------------
X = np.ones((2, 3), I)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: U.unique(X, axis=2), AxisError, r"unique\(\).*axis"),
    (lambda: U.unique(np.int32(1), axis=0), AxisError, "axis"),
    (lambda: U.unique(np.zeros(0, I), size=2), ValueError, "fill_value"),
    (lambda: U.unique(X, size=-1), ValueError, "size"),
    (lambda: U.unique(X, size=1.5), TypeError, "size"),
    (lambda: U.isin(X, X, method="hash"), ValueError, "method"),
    (lambda: U.isin(X, X, kind="fast"), ValueError, "kind"),
    (lambda: U.intersect1d(X, "ab"), TypeError, "intersect1d"),
    (lambda: U.union1d(X, X, size=-2), ValueError, "size"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
