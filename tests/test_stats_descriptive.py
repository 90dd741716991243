"""jaxwrap.scipy.stats descriptive, trimmed, circular and distance statistics
against scipy.stats: values, dtypes, jit, vmap, gradients, nan_policy, errors."""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.stats as ss

import jaxwrap.scipy.stats as st
from tests.harness import assert_close, check

R = np.random.default_rng(20261207)
X = R.normal(size=(5, 6))
POS = R.uniform(0.5, 3.0, size=(5, 6))
U, V = R.normal(size=7), R.normal(size=5) + 0.3
UW, VW = R.uniform(0.2, 1.0, size=7), R.uniform(0.2, 1.0, size=5)
XN = X.copy()
XN[1, 2] = XN[3, 0] = XN[3, 4] = np.nan


def _ref_describe(*a, **k):
    r = ss.describe(*a, **k)
    return (r.minmax[0], r.minmax[1], r.mean, r.variance, r.skewness, r.kurtosis)


def _jw_describe(*a, **k):
    r = st.describe(*a, **k)
    return (r.minmax[0], r.minmax[1], r.mean, r.variance, r.skewness, r.kurtosis)


def _sorted(fn):
    """trim1/trimboth: scipy's order of the kept values is unspecified; compare sorted."""
    def ref(a, **kw):
        return np.sort(fn(a, **kw), axis=kw.get("axis", 0))
    return ref


# name, jaxwrap fn, scipy fn, args, kwargs, grad order
ROWS = [
    ("describe", _jw_describe, _ref_describe, (X,), {}, 1),
    ("describe", _jw_describe, _ref_describe, (X,), dict(axis=1, ddof=0, bias=False), 1),
    ("gzscore", st.gzscore, ss.gzscore, (POS,), dict(axis=1), 1),
    ("gstd", st.gstd, ss.gstd, (POS,), {}, 1),
    ("gstd", st.gstd, ss.gstd, (POS,), dict(axis=None, ddof=0, keepdims=True), 1),
    ("iqr", st.iqr, ss.iqr, (X,), {}, 1),
    ("iqr", st.iqr, ss.iqr, (X,), dict(axis=1, rng=(10, 80), scale="normal", keepdims=True), 1),
    ("iqr", st.iqr, ss.iqr, (X,), dict(axis=0, interpolation="midpoint"), 0),
    ("median_abs_deviation", st.median_abs_deviation, ss.median_abs_deviation, (X,), {}, 1),
    ("median_abs_deviation", st.median_abs_deviation, ss.median_abs_deviation, (X,),
     dict(axis=None, scale="normal", keepdims=True), 1),
    ("kstat", st.kstat, ss.kstat, (X,), dict(n=1), 1),
    ("kstat", st.kstat, ss.kstat, (X,), dict(n=2, axis=0), 1),
    ("kstat", st.kstat, ss.kstat, (X,), dict(n=3, axis=1, keepdims=True), 1),
    ("kstat", st.kstat, ss.kstat, (X,), dict(n=4), 1),
    ("kstatvar", st.kstatvar, ss.kstatvar, (X,), dict(n=1, axis=0), 1),
    ("kstatvar", st.kstatvar, ss.kstatvar, (X,), dict(n=2), 1),
    ("entropy", st.entropy, ss.entropy, (POS,), {}, 1),
    ("entropy", st.entropy, ss.entropy, (POS, POS[::-1]), dict(axis=1, base=2.0), 1),
    ("entropy", st.entropy, ss.entropy, (POS, POS[::-1]), dict(axis=None, keepdims=True), 1),
    ("boxcox_llf", st.boxcox_llf, ss.boxcox_llf, (0.5, POS), {}, 1),
    ("boxcox_llf", st.boxcox_llf, ss.boxcox_llf, (0.0, POS), dict(axis=1, keepdims=True), 0),
    ("yeojohnson_llf", st.yeojohnson_llf, ss.yeojohnson_llf, (0.7, X), {}, 1),
    ("yeojohnson_llf", st.yeojohnson_llf, ss.yeojohnson_llf, (2.0, X), dict(axis=None), 0),
    ("tmean", st.tmean, ss.tmean, (X,), dict(limits=(-0.5, 1.0)), 1),
    ("tmean", st.tmean, ss.tmean, (X,), dict(limits=(None, 0.5), axis=1, keepdims=True), 1),
    ("tvar", st.tvar, ss.tvar, (X,), dict(limits=(-1.5, 1.5), inclusive=(False, True)), 1),
    ("tstd", st.tstd, ss.tstd, (X,), dict(limits=(-1.0, None), axis=1, ddof=0), 1),
    ("tsem", st.tsem, ss.tsem, (X,), dict(limits=(-1.5, 1.5), axis=None), 1),
    ("tmin", st.tmin, ss.tmin, (X,), dict(lowerlimit=-1.5), 1),
    ("tmin", st.tmin, ss.tmin, (X,), dict(axis=None, keepdims=True), 1),
    ("tmax", st.tmax, ss.tmax, (X,), dict(upperlimit=0.5, axis=1, inclusive=False), 1),
    ("trim_mean", st.trim_mean, ss.trim_mean, (X,), dict(proportiontocut=0.2), 1),
    ("trim_mean", st.trim_mean, ss.trim_mean, (X,), dict(proportiontocut=0.1, axis=None, keepdims=True), 1),
    ("trimboth", st.trimboth, _sorted(ss.trimboth), (X,), dict(proportiontocut=0.2, axis=1), 1),
    ("trim1", st.trim1, _sorted(ss.trim1), (X,), dict(proportiontocut=0.2, tail="left"), 1),
    ("trim1", st.trim1, _sorted(ss.trim1), (X,), dict(proportiontocut=0.4, axis=1), 1),
    ("circmean", st.circmean, ss.circmean, (X,), {}, 1),
    ("circmean", st.circmean, ss.circmean, (X,), dict(high=2.0, low=-1.5, axis=0), 1),
    ("circvar", st.circvar, ss.circvar, (X,), dict(axis=1, keepdims=True), 1),
    ("circstd", st.circstd, ss.circstd, (X,), dict(axis=0, high=5.0), 1),
    ("circstd", st.circstd, ss.circstd, (X,), dict(normalize=True), 1),
    ("wasserstein_distance", st.wasserstein_distance, ss.wasserstein_distance, (U, V), {}, 1),
    ("wasserstein_distance", st.wasserstein_distance, ss.wasserstein_distance,
     (U, V, UW, VW), {}, 0),  # gradients: the unweighted row (same code path)
    ("energy_distance", st.energy_distance, ss.energy_distance, (U, V), {}, 0),
    ("energy_distance", st.energy_distance, ss.energy_distance, (U, V, None, VW), {}, 1),
    ("scoreatpercentile", st.scoreatpercentile, ss.scoreatpercentile, (X, 30.0), {}, 1),
    ("scoreatpercentile", st.scoreatpercentile, ss.scoreatpercentile,
     (X, np.array([10.0, 50.0, 90.0])), dict(axis=1, interpolation_method="lower"), 0),
    ("scoreatpercentile", st.scoreatpercentile, ss.scoreatpercentile, (X, 40.0),
     dict(limit=(-1.0, 1.0)), 0),
    ("percentileofscore", st.percentileofscore, ss.percentileofscore,
     (np.round(U, 1), np.array([[0.1, -0.5], [2.0, np.round(U[0], 1)]])), {}, 0),
    ("percentileofscore", st.percentileofscore, ss.percentileofscore, (U, V),
     dict(kind="weak"), 0),
    ("percentileofscore", st.percentileofscore, ss.percentileofscore, (U, V),
     dict(kind="strict"), 0),
    ("percentileofscore", st.percentileofscore, ss.percentileofscore, (U, V),
     dict(kind="mean"), 0),
    ("cumfreq", st.cumfreq, ss.cumfreq, (X,), dict(numbins=4), 0),
    ("cumfreq", st.cumfreq, ss.cumfreq, (U, ), dict(numbins=5, defaultreallimits=(-1.0, 1.5),
                                                   weights=UW), 0),
    ("relfreq", st.relfreq, ss.relfreq, (X,), dict(numbins=3, defaultreallimits=(-2.0, 0.0)), 0),
]


# float32 runs on one row per module (the dtype handling is shared within a module)
F32 = {"describe", "kstat", "entropy", "yeojohnson_llf", "tvar", "trim_mean", "circstd",
       "wasserstein_distance", "scoreatpercentile", "percentileofscore", "relfreq"}
CASES = [(r, np.float64) for r in ROWS] + [
    (r, np.float32) for i, r in enumerate(ROWS)
    if r[0] in F32 and r[0] not in {q[0] for q in ROWS[:i]}]
# vmap (a batch of 3 against a loop: one more compile per row; the harness's outer jit
# when there is no vmap run: one more too) on the first float64 row of each function; its
# other rows and dtypes run the same batching rules and tracing
VMAP_ROWS = {id(r) for i, r in enumerate(ROWS) if r[0] not in {q[0] for q in ROWS[:i]}}


@pytest.mark.parametrize("row,dtype", CASES,
                         ids=[f"{r[0]}-{i}-{np.dtype(d).name}" for i, (r, d) in enumerate(CASES)])
def test_matches_scipy(row, dtype):
    name, fn, ref, args, kwargs, grad = row
    args = tuple(a.astype(dtype) if isinstance(a, np.ndarray) else a for a in args)
    x64 = dtype == np.float64
    with jax.enable_x64(x64):
        # float32: sums over 30 values, and the 4th powers of kstat/kurtosis, accumulate
        # tens of ulps of rounding
        tol = None if x64 else 2e-5 * 30
        check(fn, ref, args, kwargs=kwargs, tol=tol, grad=grad if x64 else 0,
              vmap=x64 and id(row) in VMAP_ROWS, jit=x64 and id(row) in VMAP_ROWS)


def test_int_inputs_promote():
    ints = np.arange(12, dtype=np.int32).reshape(3, 4)
    with jax.enable_x64(True):
        for fn, kw in [(st.tmean, {}), (st.iqr, {}), (st.kstat, {}), (st.gstd, {}),
                       (st.circmean, {}), (st.trim_mean, dict(proportiontocut=0.1))]:
            got = fn(ints + 1, **kw)
            want = getattr(ss, fn.__name__)(ints + 1, **kw)
            assert_close(got, want, check_dtype=np.float64, err=fn.__name__)
        # tmin / tmax keep integer data integer, like scipy
        assert_close(st.tmin(ints, 3), ss.tmin(ints, 3), check_dtype=np.int32)
        assert_close(st.tmax(ints, 7, axis=None), ss.tmax(ints, 7, axis=None),
                     check_dtype=np.int32)


def test_describe():
    with jax.enable_x64(True):
        r = st.describe(X, axis=1)
        assert type(r).__name__ == "DescribeResult"
        assert r._fields == ss.describe(X).__class__._fields
        assert r.nobs == 6 and isinstance(r.nobs, int)
        o = st.describe(XN, axis=0, nan_policy="omit")
        w = ss.describe(XN, axis=0, nan_policy="omit")
        np.testing.assert_array_equal(np.asarray(o.nobs), np.asarray(w.nobs))
        for a, b in zip(_jw_describe(XN, axis=0, nan_policy="omit"),
                        _ref_describe(XN, axis=0, nan_policy="omit")):
            assert_close(a, np.asarray(b), check_dtype=np.float64)


# name, kwargs, data: nan_policy 'omit' and 'propagate' against scipy on data with NaNs
NAN_ROWS = [
    ("gstd", {}, np.where(np.isnan(XN), XN, POS)),
    ("gzscore", {}, np.where(np.isnan(XN), XN, POS)),
    ("iqr", dict(axis=1), XN),
    ("median_abs_deviation", dict(axis=0), XN),
    ("kstat", dict(n=3, axis=1), XN),
    ("kstatvar", dict(n=2, axis=0), XN),
    ("entropy", dict(axis=1), np.where(np.isnan(XN), XN, POS)),
    ("boxcox_llf", dict(lmb=0.3, axis=1), np.where(np.isnan(XN), XN, POS)),
    ("yeojohnson_llf", dict(lmb=0.3, axis=0), XN),
    ("tmean", dict(limits=(-1.0, 1.0), axis=1), XN),
    ("tvar", dict(limits=(-1.0, None)), XN),
    ("tmin", dict(lowerlimit=-0.5, axis=1), XN),
    ("tmax", dict(upperlimit=0.5), XN),
    ("trim_mean", dict(proportiontocut=0.2, axis=1), XN),
    ("circmean", dict(axis=0), XN),
    ("circstd", dict(axis=1), XN),
]


@pytest.mark.parametrize("name,kwargs,data", NAN_ROWS, ids=[r[0] for r in NAN_ROWS])
def test_nan_policy(name, kwargs, data):
    fn, ref = getattr(st, name), getattr(ss, name)
    kw = dict(kwargs)
    lead = (kw.pop("lmb"),) if "lmb" in kw else ()
    with jax.enable_x64(True):
        for policy in ("propagate", "omit"):
            got = fn(*lead, data, nan_policy=policy, **kw)
            want = ref(*lead, data, nan_policy=policy, **kw)
            assert_close(got, np.asarray(want), check_dtype=np.float64, err=policy)
        got = jax.jit(lambda d: fn(*lead, d, nan_policy="omit", **kw))(data)
        assert_close(got, np.asarray(ref(*lead, data, nan_policy="omit", **kw)),
                     check_dtype=np.float64, err="omit under jit")
        with pytest.raises(ValueError, match="NaN"):
            fn(*lead, data, nan_policy="raise", **kw)
        with pytest.raises(ValueError, match="nan_policy"):
            fn(*lead, data, nan_policy="skip", **kw)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: st.iqr(X, rng=(80, 20)), ValueError, "rng"),
    (lambda: st.iqr(X, scale="cauchy"), ValueError, "scale"),
    (lambda: st.iqr(X, interpolation="cubic"), ValueError, "interpolation"),
    (lambda: st.kstat(X, n=5), ValueError, "n must"),
    (lambda: st.kstatvar(X, n=3), ValueError, "n must"),
    (lambda: st.trim_mean(X, 0.5), ValueError, "proportiontocut"),
    (lambda: st.trimboth(X, 0.6), ValueError, "proportiontocut"),
    (lambda: st.trim1(X, 0.2, tail="middle"), ValueError, "tail"),
    (lambda: st.tmean(X, limits=(1.0,)), ValueError, "limits"),
    (lambda: st.wasserstein_distance(X, U), ValueError, "u_values"),
    (lambda: st.energy_distance(U, V, UW[:3]), ValueError, "u_weights"),
    (lambda: st.entropy("abc"), TypeError, "pk"),
    (lambda: st.gstd({1: 2}), TypeError, "gstd"),
    (lambda: st.describe(X, axis=3), np.exceptions.AxisError, "describe"),
])
def test_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_percentileofscore_nan_policy():
    un = U.copy()
    un[2] = np.nan
    with jax.enable_x64(True):
        for policy in ("propagate", "omit"):
            assert_close(st.percentileofscore(un, V, nan_policy=policy),
                         ss.percentileofscore(un, V, nan_policy=policy),
                         check_dtype=np.float64, err=policy)
        with pytest.raises(ValueError, match="NaN"):
            st.percentileofscore(un, 0.0, nan_policy="raise")
        with pytest.raises(ValueError, match="1-D"):
            st.percentileofscore(X, 0.0)
        with pytest.raises(ValueError, match="kind"):
            st.percentileofscore(U, 0.0, kind="median")
        with pytest.raises(ValueError, match="interpolation_method"):
            st.scoreatpercentile(U, 5.0, interpolation_method="nearest")
        with pytest.raises(ValueError, match="numbins"):
            st.cumfreq(U, numbins=0)


def test_out_of_domain_is_nan():
    with jax.enable_x64(True):
        assert np.isnan(float(st.gstd(np.array([1.0, -2.0, 3.0]))))
        assert np.isnan(float(st.boxcox_llf(0.5, np.array([1.0, -2.0, 3.0]))))
        # every value outside the limits: nothing left
        assert np.isnan(float(st.tmin(np.array([1.0, 2.0]), 5.0)))
