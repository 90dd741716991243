"""jaxwrap.scipy.stats quantile, lmoment, differential_entropy, directional_stats
and obrientransform against scipy.stats (float64, x64 on): every method and
nan_policy in one jitted program per function, shapes/axes/keepdims, jit,
vmap, gradients, dtypes, bad arguments and the docstring examples."""

from __future__ import annotations

import doctest
import functools
import warnings

import jax
import numpy as np
import pytest
import scipy.stats as ss

import jaxwrap.numpy as jnp
import jaxwrap.scipy.stats as st
from jaxwrap._src.scipy.stats import summary_more
from tests.harness import assert_close, assert_pure, check, stable_seed

R = np.random.default_rng(stable_seed("stats_summary_more"))
X = R.normal(size=(6, 10))               # rows of n = 10: p n hits integers and halves
XN = X.copy()
XN[1, 4] = np.nan                        # n = 9 under 'omit'
XN[3, :5] = np.nan                       # n = 5
XN[5, :] = np.nan                        # nothing left: NaN
# probabilities: p n (n = 10) exact integers (0.1, 0.5) and exact halves (0.05, 0.15,
# 0.35, 0.55, 0.95), where the discontinuous methods step and round ties to even
P = np.array([0.0, 0.05, 0.1, 0.15, 0.25, 0.35, 0.5, 0.55, 0.77, 0.95, 1.0])
POLICIES = ("propagate", "omit")


def _x64(fn):
    @functools.wraps(fn)
    def run(*a, **k):
        with jax.enable_x64(True):
            return fn(*a, **k)
    return run


def _scipy_many(fn, calls):
    """scipy's results for several calls (its small-sample warnings silenced)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [fn(**c) for c in calls]


# --- quantile ----------------------------------------------------------------------------------
@_x64
def test_quantile_every_method():
    methods = [m for m in summary_more._QUANTILE_METHODS if m != "harrell-davis"]
    calls = [dict(method=m, nan_policy=pol) for m in methods for pol in POLICIES]
    got = jax.jit(lambda x, p: [st.quantile(x, p, axis=-1, **c) for c in calls])(XN, P)
    want = _scipy_many(ss.quantile, [dict(x=XN, p=P, axis=-1, **c) for c in calls])
    for c, g, w in zip(calls, got, want):
        assert_close(g, w, err=f"quantile {c}", check_dtype=np.float64)


@_x64
def test_quantile_weights():
    # whole weights (the repeated sample) with 'propagate', fractional ones and zeros
    # with 'omit'; every Hyndman & Fan method in one program
    wi = R.integers(0, 4, size=XN.shape).astype(float)
    wf = R.uniform(0.0, 2.0, size=XN.shape)
    wf[:, 2] = 0.0
    methods = summary_more._QUANTILE_METHODS[:9]
    calls = [dict(method=m, nan_policy=pol) for m in methods for pol in POLICIES]
    got = jax.jit(lambda x, p, a, b: [
        st.quantile(x, p, axis=-1, weights=a if c["nan_policy"] == "propagate" else b, **c)
        for c in calls])(XN, P, wi, wf)
    for c, g in zip(calls, got):
        w = wi if c["nan_policy"] == "propagate" else wf
        want = _scipy_many(ss.quantile, [dict(x=XN, p=P, axis=-1, weights=w, **c)])[0]
        assert_close(g, want, err=f"quantile weights {c}", check_dtype=np.float64)
    assert_pure(lambda x, w: st.quantile(x, P, axis=-1, weights=w, nan_policy="omit",
                                          method="closest_observation"), XN, wf)
    counts = wi[0].astype(int)
    assert_close(st.quantile(X[0], P, weights=counts), ss.quantile(np.repeat(X[0], counts), P),
                 err="whole weights repeat the data", check_dtype=np.float64)


@_x64
def test_quantile_harrell_davis():
    # one program for both policies: the incomplete beta function dominates the compile
    got = jax.jit(lambda x, p: [st.quantile(x, p, axis=-1, method="harrell-davis",
                                            nan_policy=pol) for pol in POLICIES])(XN, P)
    assert_close(got[0], ss.quantile(XN, P, axis=-1, method="harrell-davis"),
                 check_dtype=np.float64)
    # scipy 1.17 gives NaN for a 2-D slice with an omitted NaN under Harrell-Davis; its
    # value on the slice without the NaNs is the reference
    for row, g in zip(XN, np.asarray(got[1])):
        kept = row[~np.isnan(row)]
        want = ss.quantile(kept, P, method="harrell-davis") if kept.size else np.full(
            P.shape, np.nan)
        assert_close(g, want, err="quantile harrell-davis omit", check_dtype=np.float64)


@_x64
def test_quantile_shapes():
    x3 = R.normal(size=(2, 3, 5))
    cases = [
        ((X, 0.3), {}),                                   # p scalar: axis 0 reduced
        ((X, P[:4, None]), dict(axis=0)),                 # 4 quantiles per column
        ((X, 0.3), dict(axis=1, keepdims=True)),
        ((X, [0.2, 0.7]), dict(axis=None)),               # raveled; scipy keeps x.ndim
        ((x3, [[0.3], [0.6], [0.9]]), dict(axis=1)),      # one p per slice, broadcast
        ((x3, 0.4), dict(axis=None, keepdims=True)),
        ((X[0], [-0.1, 1.2, np.nan]), {}),                # outside [0, 1]: NaN
        ((np.arange(7), 0.3), dict(method="hazen")),      # ints promote to float
    ]
    got = jax.jit(lambda: [st.quantile(*args, **kw) for args, kw in cases])()  # one compile
    for (args, kw), g in zip(cases, got):
        assert_close(g, ss.quantile(*args, **kw), err=f"quantile {kw}", check_dtype=np.float64)


def test_quantile_transforms_and_float32():
    # jit, vmap (over x) and gradients in x; float32 stays float32 (jax's rule)
    x = X.astype(np.float32)
    p = np.array([0.1, 0.5, 0.8], np.float32)
    # float32 reference from scipy in float64: a few ulps of the interpolation
    check(lambda x, p: st.quantile(x, p, axis=1), lambda x, p: ss.quantile(x, p, axis=1),
          (x, p), vmap_argnums=(0,), grad=1, grad_argnums=(0,), check_dtype=np.float32)


# --- lmoment -------------------------------------------------------------------------------------
@pytest.mark.parametrize("nan_policy", POLICIES)
@_x64
def test_lmoment(nan_policy):
    calls = [dict(order=None), dict(order=1), dict(order=[2, 5, 3]),
             dict(order=4, standardize=False), dict(order=[1, 2, 6], standardize=False)]
    got = jax.jit(lambda x: [st.lmoment(x, axis=1, nan_policy=nan_policy, **c)
                             for c in calls])(XN)
    want = _scipy_many(ss.lmoment, [dict(sample=XN, axis=1, nan_policy=nan_policy, **c)
                                    for c in calls])
    for c, g, w in zip(calls, got, want):
        assert_close(g, w, err=f"lmoment {c} {nan_policy}", check_dtype=np.float64)


@_x64
def test_lmoment_axes_and_transforms():
    s = np.sort(X, axis=0)
    kws = (dict(axis=None, keepdims=True), dict(order=[1, 2], axis=0, keepdims=True),
           dict(axis=0, sorted=True))
    got = jax.jit(lambda s: [st.lmoment(s, **kw) for kw in kws])(s)
    for kw, g in zip(kws, got):
        assert_close(g, ss.lmoment(s, **kw), err=f"lmoment {kw}", check_dtype=np.float64)
    check(lambda x: st.lmoment(x, axis=1), lambda x: ss.lmoment(x, axis=1), (X[:3],),
          grad=1)


# --- differential entropy ----------------------------------------------------------------------
@_x64
def test_differential_entropy_methods():
    methods = summary_more._DE_METHODS
    small, mid = R.normal(size=(2, 9)), R.gamma(2.0, size=(2, 40))
    big = R.normal(size=(1, 1200))            # 'auto' -> Vasicek above n = 1000
    datasets = [(small, {}), (mid, {}), (big, {}), (mid, dict(window_length=3, base=2.0)),
                (XN, dict(nan_policy="omit")), (XN, {})]

    def ours(*data):
        return [[st.differential_entropy(d, axis=1, method=m, **kw) for m in methods]
                for d, (_, kw) in zip(data, datasets)]

    got = jax.jit(ours)(*[d for d, _ in datasets])
    for (d, kw), g in zip(datasets, got):
        want = _scipy_many(ss.differential_entropy,
                           [dict(values=d, axis=1, method=m, **kw) for m in methods])
        for m, gi, wi in zip(methods, g, want):
            assert_close(gi, wi, err=f"differential_entropy {m} {d.shape} {kw}",
                         check_dtype=np.float64)


@_x64
def test_differential_entropy_windows_and_transforms():
    x = R.normal(size=(3, 12))
    cases = ((x, dict(window_length=5, axis=1)), (x[0], dict(window_length=1)),
             (x, dict(axis=None, keepdims=True)), (x.T, dict(axis=0, method="van es")))
    got = jax.jit(lambda: [st.differential_entropy(d, **kw) for d, kw in cases])()
    for (data, kw), g in zip(cases, got):
        assert_close(g, _scipy_many(ss.differential_entropy, [dict(values=data, **kw)])[0],
                     err=f"differential_entropy {kw}", check_dtype=np.float64)
    check(lambda x: st.differential_entropy(x, axis=1, method="vasicek"),
          lambda x: ss.differential_entropy(x, axis=1, method="vasicek"), (x,), grad=1)


# --- directional_stats, obrientransform --------------------------------------------------------
def test_directional_stats():
    v = R.normal(size=(6, 4, 3))
    for axis, normalize in ((0, True), (-1, False)):
        check(lambda s, a=axis, z=normalize: st.directional_stats(s, axis=a, normalize=z),
              lambda s, a=axis, z=normalize: tuple(vars(ss.directional_stats(
                  s, axis=a, normalize=z)).values()),
              (v,), grad=1 if axis == 0 else 0, check_dtype=False)  # dtype: float64 below
    with jax.enable_x64(True):
        res = st.directional_stats(v)
        assert res._fields == ("mean_direction", "mean_resultant_length")
        assert res.mean_direction.dtype == np.float64


def test_obrientransform():
    a, b, c = R.normal(size=8), R.normal(size=8), R.normal(size=5)
    check(st.obrientransform, ss.obrientransform, (a, b), grad=1, check_dtype=False)
    with jax.enable_x64(True):
        got = st.obrientransform(a, c)            # unequal lengths: a list (scipy: object array)
        want = ss.obrientransform(a, c)
        assert isinstance(got, list) and len(got) == 2
        for g, w in zip(got, want):
            assert_close(g, w, check_dtype=np.float64)
        assert_close(st.obrientransform(a), ss.obrientransform(a), check_dtype=np.float64)


# --- arguments ---------------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc", [
    (lambda: st.quantile(X, 0.5, method="nope"), ValueError),
    (lambda: st.quantile(X, [0.2, 0.5], axis=-1, keepdims=False), ValueError),
    (lambda: st.quantile(X, [0.2, 0.5], axis=0), ValueError),        # p does not broadcast
    (lambda: st.quantile(X, 0.5, axis=3), np.exceptions.AxisError),
    (lambda: st.quantile(XN, 0.5, nan_policy="raise"), ValueError),
    (lambda: st.quantile(X, 0.5, weights=np.ones(6)), ValueError),       # no broadcast
    (lambda: st.quantile(X, 0.5, method="harrell-davis", weights=np.ones(10)), ValueError),
    (lambda: st.quantile("abc", 0.5), TypeError),
    (lambda: st.lmoment(X, order=0), ValueError),
    (lambda: st.lmoment(X, order=1.5), ValueError),
    (lambda: st.lmoment(X, nan_policy="bad"), ValueError),
    (lambda: st.differential_entropy(X, method="nope"), ValueError),
    (lambda: st.differential_entropy(X, window_length=1.5), ValueError),
    (lambda: st.directional_stats(X[0]), ValueError),
    (lambda: st.obrientransform(X), ValueError),
    (lambda: st.obrientransform(), TypeError),
])
def test_bad_arguments(call, exc):
    with pytest.raises(exc) as info:
        call()
    assert any(n in str(info.value) for n in ("quantile", "lmoment", "differential_entropy",
                                              "directional_stats", "obrientransform"))


def test_invalid_values_give_nan():
    with jax.enable_x64(True):
        x = X[0]
        # window too wide (2 m >= n): NaN, as scipy for 1-D data; order above n: NaN
        assert np.isnan(st.differential_entropy(x, window_length=5))
        assert np.isnan(st.differential_entropy(XN[3], nan_policy="omit", window_length=3))
        assert np.isnan(st.lmoment(x[:2], order=3))
        assert np.isnan(st.quantile(x, 1.5))
        assert np.isnan(st.quantile(XN[5], 0.5, nan_policy="omit"))


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    n = 0
    for name in summary_more.__all__:
        for test in finder.find(getattr(st, name), name, globs={"jnp": jnp}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 2 * len(summary_more.__all__)
    assert runner.summarize(verbose=False).failed == 0
