"""jaxwrap.scipy.stats summary statistics against scipy.stats (and jax.scipy.stats
where jax has the function): values, dtypes, jit, vmap, gradients, nan_policy."""

from __future__ import annotations

import jax
import jax.scipy.stats as jss
import numpy as np
import pytest
import scipy.stats as ss

import jaxwrap.scipy.stats as st
from tests.harness import check

R = np.random.default_rng(20261206)
X = R.normal(size=(5, 6)).astype(np.float32)
POS = R.uniform(0.5, 3.0, size=(5, 6)).astype(np.float32)
XN = X.copy()
XN[1, 2] = np.nan
XN[3, 0] = np.nan
TIES = np.array([[3, 1, 3, 2, 2, 2], [0, 0, 5, 5, 1, 1]], np.int32)

# name, args, kwargs, jax peer (or None), grad order
ROWS = [
    ("moment", (X,), dict(order=2), None, 1),
    ("moment", (X,), dict(order=3, axis=1, keepdims=True), None, 1),
    ("moment", (X,), dict(order=1, axis=None), None, 0),
    ("moment", (X,), dict(order=2, axis=None, keepdims=True), None, 0),
    ("skew", (X,), dict(axis=None, keepdims=True), None, 0),
    ("sem", (X,), dict(axis=None, keepdims=True), jss.sem, 0),
    ("gmean", (POS,), dict(axis=None, keepdims=True), None, 0),
    ("skew", (X,), {}, None, 1),
    ("skew", (X,), dict(axis=1, bias=False), None, 1),
    ("kurtosis", (X,), {}, None, 1),
    ("kurtosis", (X,), dict(axis=None, fisher=False, bias=False), None, 1),
    ("sem", (X,), {}, jss.sem, 1),
    ("sem", (X,), dict(axis=1, ddof=0, keepdims=True), jss.sem, 1),
    ("zscore", (X,), {}, None, 1),
    ("zscore", (X,), dict(axis=None, ddof=1), None, 1),
    ("zmap", (X[:2], X), {}, None, 1),
    ("variation", (POS,), dict(axis=1), None, 1),
    ("gmean", (POS,), {}, None, 1),
    ("gmean", (POS,), dict(axis=1, weights=POS[0]), None, 1),
    ("hmean", (POS,), dict(axis=None), None, 1),
    ("pmean", (POS, 2.5), dict(axis=1, keepdims=True), None, 1),
    ("pmean", (POS, -1.0), {}, None, 1),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name,args,kwargs,peer,grad", ROWS,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_matches_scipy(name, args, kwargs, peer, grad, dtype):
    args = tuple(a.astype(dtype) if isinstance(a, np.ndarray) else a for a in args)
    with jax.enable_x64(dtype == np.float64):
        # float32: the moments accumulate ~n ulps of rounding (n = 30 values)
        tol = None if dtype == np.float64 else 2e-5 * 30
        check(getattr(st, name), getattr(ss, name), args, kwargs=kwargs,
              peer=peer, tol=tol, grad=grad if dtype == np.float64 else 0,
              vmap_argnums=(0,))


@pytest.mark.parametrize("name,kwargs", [
    ("moment", dict(order=2)), ("skew", {}), ("kurtosis", dict(bias=False)), ("sem", {}),
    ("variation", {}), ("zscore", {}), ("gmean", {}), ("hmean", {}),
])
def test_nan_policy(name, kwargs):
    data = XN if name not in ("gmean", "hmean", "variation") else np.where(np.isnan(XN), XN, POS)
    with jax.enable_x64(True):
        data = data.astype(np.float64)
        for policy in ("propagate", "omit"):
            got = np.asarray(getattr(st, name)(data, nan_policy=policy, **kwargs))
            want = np.asarray(getattr(ss, name)(data, nan_policy=policy, **kwargs))
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, err_msg=policy)
        with pytest.raises(ValueError, match="NaN"):
            getattr(st, name)(data, nan_policy="raise", **kwargs)
        with pytest.raises(ValueError, match="nan_policy"):
            getattr(st, name)(data, nan_policy="skip", **kwargs)
        with pytest.raises(TypeError, match="nan_policy='raise'"):
            jax.jit(lambda d: getattr(st, name)(d, nan_policy="raise", **kwargs))(data)


@pytest.mark.parametrize("axis", [0, 1, None])
@pytest.mark.parametrize("keepdims", [False, True])
def test_mode(axis, keepdims):
    for data in (TIES, np.where(TIES > 2, np.nan, TIES).astype(np.float32)):
        got = st.mode(data, axis=axis, keepdims=keepdims)
        want = ss.mode(data, axis=axis, keepdims=keepdims)
        peer = jss.mode(data, axis=axis, keepdims=keepdims)
        assert type(got).__name__ == "ModeResult" and got._fields == ("mode", "count")
        np.testing.assert_array_equal(np.asarray(got.mode), want.mode)
        np.testing.assert_array_equal(np.asarray(got.count), want.count)
        assert got.mode.dtype == peer.mode.dtype and got.count.dtype == peer.count.dtype
    check(lambda a: st.mode(a, axis=axis, keepdims=keepdims),
          lambda a: tuple(ss.mode(a, axis=axis, keepdims=keepdims)), (TIES,),
          check_dtype=False)  # scipy's counts are int64; compared with jax's above


@pytest.mark.parametrize("method", ["average", "min", "max", "dense", "ordinal"])
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_rankdata(method, axis):
    got = st.rankdata(TIES, method, axis=axis)
    want = ss.rankdata(TIES, method, axis=axis)
    peer = jss.rankdata(TIES, method, axis=axis)
    assert got.dtype == peer.dtype  # float for every method, like jax
    np.testing.assert_array_equal(np.asarray(got), want)
    check(lambda a: st.rankdata(a, method, axis=axis), None, (TIES,), peer=lambda a:
          jss.rankdata(a, method, axis=axis))


def test_rankdata_nan_and_infinities():
    a = np.array([np.inf, 1.0, np.nan, -np.inf, np.inf, 1.0])
    for method in ("average", "min", "max", "dense", "ordinal"):
        np.testing.assert_array_equal(np.asarray(st.rankdata(a, method)),
                                      ss.rankdata(a, method))
        np.testing.assert_array_equal(np.asarray(st.rankdata(a, method, nan_policy="omit")),
                                      ss.rankdata(a, method, nan_policy="omit"))


def test_bad_input():
    with pytest.raises(ValueError, match="method"):
        st.rankdata(X, "middle")
    with pytest.raises(np.exceptions.AxisError, match="rankdata"):
        st.rankdata(X, axis=2)
    with pytest.raises(TypeError, match="moment.*a"):
        st.moment("abc")
    with pytest.raises(ValueError, match="order"):
        st.moment(X, order=-1)
    with pytest.raises(NotImplementedError, match="nan_policy"):
        st.mode(X, nan_policy="omit")
    assert np.isnan(np.asarray(st.mode(np.zeros((0,), np.float32)).mode))
