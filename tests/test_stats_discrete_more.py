"""jaxwrap.scipy.stats: hypergeom, nhypergeom, betanbinom, zipf, zipfian, logser,
yulesimon (``discrete_more.py``) and multivariate_hypergeom, against scipy.stats in
float64 (x64 on).

All methods of one law run inside one jax.jit; the points are padded to one
length so that a law's parameter sets share the compiled program.
"""

from __future__ import annotations

import doctest
import functools

import jax
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

from jaxwrap._src.scipy.stats import discrete_more as DM
from jaxwrap._src.scipy.stats import multivariate_hypergeom as MH
from tests.harness import NUM_CASES, assert_pure, check
from tests.test_stats_distributions import DISC_METHODS, MOMENTS, PROBS, _assert_rel

NS = DM.NAMESPACES
MHG = MH.NAMESPACES["multivariate_hypergeom"]
LOC = 2.0
NPTS = 16  # points per parameter set (padded), so parameter sets reuse one compile

# name -> parameter sets; zipf's a keeps scipy's generic ppf (a sum over the support) small
CASES = {
    "hypergeom": [(20.0, 7.0, 12.0), (500.0, 120.0, 300.0)],
    "nhypergeom": [(20.0, 7.0, 12.0), (300.0, 60.0, 25.0)],
    "betanbinom": [(5.0, 6.0, 2.5)],
    "zipf": [(4.0,)],
    "zipfian": [(1.2, 10.0), (0.6, 300.0)],
    "logser": [(0.3,), (0.999,)],
    "yulesimon": [(2.5,)],  # (alpha < 1: scipy's ppf(1 - 1e-9) ~ 6e12 is itself inexact)
}

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # log-beta differences at large arguments lose ~|log pmf| eps; pmf = exp of that
    ("hypergeom", "logpmf"): 1e-11, ("hypergeom", "pmf"): 1e-11,
    ("nhypergeom", "logpmf"): 1e-11, ("nhypergeom", "pmf"): 1e-11,
    ("betanbinom", "logpmf"): 1e-11, ("betanbinom", "pmf"): 1e-11,
    # yulesimon's pmf at k ~ 1e5 and beyond: betaln of a huge and a small argument
    ("yulesimon", "pmf"): 1e-10, ("yulesimon", "logpmf"): 1e-11,
    # cdf/sf of the finite laws: sums of pmf terms (each 1e-11 as above)
    ("hypergeom", "*"): 1e-11, ("nhypergeom", "*"): 1e-11,
}


def _tol(name, m):
    return TOL.get((name, m), TOL.get((name, "*"), 1e-12))


# yulesimon's round trips compile two more bounded searches over its betaln-based cdf
# (~1 min in CI): deep runs only (JAXWRAP_NUM_CASES >= 10)
# (betanbinom's: two more searches over its chunked beta-binomial sums, ~15 s)
NO_ROUND_TRIPS_IN_CI = ("yulesimon", "betanbinom")


# entropies by summation: checked against exact sums and mpmath in
# test_stats_discrete_entropy.py (scipy's own sums are off by up to 1e-5 at these points)
ENTROPY_ELSEWHERE = ("nhypergeom", "betanbinom", "zipf", "zipfian", "logser", "yulesimon")


@functools.cache
def _runner(name, round_trips=True):
    """One jitted function (cached per law: tests that reuse it compile nothing new)
    returning every method of law ``name`` at points x, probabilities q, loc = LOC."""
    ns = NS[name]
    have = [m for m in DISC_METHODS + MOMENTS if hasattr(ns, m)
            and not (m == "entropy" and ns.entropy.__module__.rsplit(".", 1)[-1]
                     in ENTROPY_ELSEWHERE)]

    def run(x, q, params):
        loc = np.float64(LOC)
        out = {}
        for m in have:
            fn = getattr(ns, m)
            if m in ("ppf", "isf"):
                out[m] = fn(q, *params, loc=loc)
            elif m in MOMENTS:
                out[m] = fn(*params, loc=loc)
            else:
                out[m] = fn(x, *params, loc=loc)
        if round_trips and "ppf" in have:  # round trips: ppf(cdf(k)) == k, isf(sf(k)) == k
            out["rt_ppf"] = ns.ppf(ns.cdf(x, *params, loc=loc), *params, loc=loc)
            out["rt_isf"] = ns.isf(ns.sf(x, *params, loc=loc), *params, loc=loc)
        return out
    return jax.jit(run), have


def _round_trips(name):
    return NUM_CASES >= 10 or name not in NO_ROUND_TRIPS_IN_CI


def _points(name, params):
    ref = getattr(ss, name)
    k = ref.ppf(PROBS, *params)
    k = np.unique(k[np.isfinite(k)])
    lo, _ = ref.support(*params)
    k = np.concatenate([k, [lo - 2.0, k[-1] + 2.0]])  # beyond the support
    k = np.concatenate([k, np.full(NPTS - len(k), k[0])]) + LOC
    return np.concatenate([k, [LOC + 0.5]])  # and a non-integer


@pytest.mark.parametrize("name", sorted(CASES))
def test_against_scipy(name):
    fn, have = _runner(name, _round_trips(name))
    with jax.enable_x64(True):
        for params in CASES[name]:
            x = _points(name, params)
            got = fn(x, PROBS, tuple(np.float64(p) for p in params))
            for m in have:
                ref_fn = getattr(ss, name)
                if m in ("ppf", "isf"):
                    ref = getattr(ref_fn, m)(PROBS, *params, loc=LOC)
                elif m in MOMENTS:
                    ref = getattr(ref_fn, m)(*params, loc=LOC)
                elif m in ("pmf", "logpmf"):
                    ref = getattr(ref_fn, m)(x, *params, loc=LOC)
                else:
                    # scipy's closed-form cdf/sf of zipfian, logser, yulesimon do not floor a
                    # non-integer point; the distribution function is that of floor(x)
                    ref = getattr(ref_fn, m)(np.floor(x), *params, loc=LOC)
                # scipy's generic cdf/sf (zipf, nhypergeom, betanbinom) sum the pmf over the
                # support and form 1 - cdf: absolute error ~ (terms) x eps, ~eps/p on a log
                atol = 0.0
                if m in ("cdf", "sf"):
                    atol = 512 * np.finfo(float).eps
                if m in ("logcdf", "logsf"):
                    with np.errstate(divide="ignore", over="ignore"):
                        atol = 512 * np.finfo(float).eps / np.maximum(np.exp(ref), 1e-300)
                _assert_rel(got[m], ref, _tol(name, m), f"{name}{params}.{m}", atol)
            if "rt_ppf" in got:
                inside = x[:-1][(x[:-1] >= ss.__dict__[name].support(*params)[0] + LOC)
                                & (x[:-1] <= ss.__dict__[name].support(*params)[1] + LOC)]
                idx = np.isin(x, inside)
                # exact, or one above where cdf(k) rounds (by an ulp) differently in the
                # search's compiled loop than in the call that made q (XLA fusion)
                for rt in ("rt_ppf", "rt_isf"):
                    d = np.asarray(got[rt])[idx] - x[idx]
                    assert np.all((d == 0) | (d == 1)), (name, params, rt, d)
                    assert np.mean(d == 0) >= 0.75, (name, params, rt, d)
        # invalid parameters: NaN (the same compiled program: scalar parameters again)
        for bad in BAD[name]:
            got = fn(_points(name, CASES[name][0]), PROBS, tuple(np.float64(p) for p in bad))
            for m in ("pmf", "mean"):
                assert np.isnan(np.asarray(got[m])).all(), f"{name}{bad}.{m}: {got[m]}"


# invalid parameter sets of each law (checked in test_against_scipy)
BAD = {"hypergeom": [(10.0, 11.0, 3.0), (10.0, 3.0, 2.5), (0.0, 0.0, 0.0)],
       "nhypergeom": [(10.0, 3.0, 8.0), (10.0, -1.0, 2.0)],
       "betanbinom": [(2.5, 1.0, 1.0), (2.0, 0.0, 1.0), (2.0, 1.0, -1.0)],
       "zipf": [(1.0,), (0.5,)], "zipfian": [(-0.5, 10.0), (1.0, 10.5), (1.0, 0.0)],
       "logser": [(0.0,), (1.0,), (-0.2,)], "yulesimon": [(0.0,), (-1.0,)]}


# scipy's stats(moments='mvsk'): the factorial-moment conversion of skew and kurtosis
# subtracts raw moments of similar size (a few digits of cancellation)
MVSK_TOL = 1e-9
MVSK = {"hypergeom": [(20.0, 7.0, 12.0)], "nhypergeom": [(20.0, 7.0, 12.0)],
        "betanbinom": [(5.0, 6.0, 2.5), (5.0, 3.0, 2.5), (5.0, 0.8, 2.5)],
        "zipf": [(1.5,), (2.5,), (3.5,), (4.5,), (5.5,)],
        "zipfian": [(0.5, 10.0), (1.0, 10.0), (2.5, 1000.0)],
        "logser": [(0.1,), (0.9,)], "yulesimon": [(0.5,), (1.5,), (2.5,), (3.5,), (5.0,)]}


@pytest.mark.parametrize("name", sorted(MVSK))
def test_stats_mvsk(name):
    cases = MVSK[name]
    cols = [np.array([c[i] for c in cases]) for i in range(len(cases[0]))]
    with jax.enable_x64(True), np.errstate(all="ignore"):
        got = NS[name].stats(*cols, moments="mvsk")
        for i, c in enumerate(cases):
            ref = ss.__dict__[name].stats(*c, moments="mvsk")
            for j, w in enumerate("mvsk"):
                _assert_rel(np.asarray(got[j])[i], np.float64(ref[j]), MVSK_TOL,
                            f"{name}{c}.stats[{w}]")


def test_hypergeom_entropy_and_wide_support():
    # entropy: a tail sum over the support; a law with ~2e4 support points (sd ~ 45)
    # (through test_against_scipy's program: points padded to its length, loc = LOC)
    fn, _ = _runner("hypergeom", _round_trips("hypergeom"))
    k = np.array([9800.0, 10000.0, 10100.0, 10250.0])
    x = np.concatenate([k, np.full(NPTS + 1 - k.size, k[0])]) + LOC
    p = (60000.0, 20000.0, 30000.0)
    with jax.enable_x64(True):
        got = fn(x, PROBS, tuple(np.float64(v) for v in p))
    # (both sides sum ~1e4 lgamma-based terms p log p, |log p| ~ 10: 1e-9)
    _assert_rel(got["entropy"], ss.hypergeom.entropy(*p, loc=LOC), 1e-9, "hypergeom.entropy")
    # lgamma of counts ~6e4 (|lgamma| ~ 6e5) puts ~6e5 eps = 1e-10 on each log-pmf
    # term; the sums of ~1000 such terms agree with scipy's (boost) to ~1e-9
    for m in ("logcdf", "logsf"):
        _assert_rel(got[m], getattr(ss.hypergeom, m)(x, *p, loc=LOC), 1e-8,
                    f"hypergeom.{m} wide")


# continuous shape parameters: (name, params, which are differentiated)
# (yulesimon's, through the betaln primitive, compiles for ~20 s: deep runs only,
# JAXWRAP_NUM_CASES >= 10)
GRADS = [("zipfian", (1.3, 40.0), (0,)), ("logser", (0.4,), (0,)), ("logser", (0.8,), (0,)),
         ("betanbinom", (4.0, 3.0, 2.0), (1, 2)), ("zipf", (3.5,), (0,))] \
    + ([("yulesimon", (2.2,), (0,))] if NUM_CASES >= 10 else [])


@pytest.mark.parametrize("name,params,argnums", GRADS, ids=lambda v: str(v))
def test_gradients(name, params, argnums):
    ns = NS[name]
    k = np.array([1.0, 3.0, 7.0])
    with jax.enable_x64(True):
        for m in ("logpmf",) + (("cdf",) if hasattr(ns, "cdf") else ()):
            fn = getattr(ns, m)

            def f(*ps, fn=fn):
                full = list(np.float64(p) for p in params)
                for i, v in zip(argnums, ps):
                    full[i] = v
                return fn(k, *full)
            # the distribution functions' loops: reverse mode (it runs their jvp rule too)
            check_grads(f, tuple(np.float64(params[i]) for i in argnums), order=1,
                        modes=("fwd", "rev") if m == "logpmf" else ("rev",))


@pytest.mark.parametrize("name,method,params", [("logser", "logpmf", (0.6,))])
def test_harness(name, method, params):
    fn = getattr(NS[name], method)
    ref = getattr(getattr(ss, name), method)
    x = np.array([1.0, 2.0, 5.0, 40.0], np.float32)
    check(fn, ref, [x, *[np.float32(p) for p in params]], tol=1e-5, vmap_argnums=(0,))


def test_every_method_is_pure():
    x = np.array([1.0, 3.0], np.float32)
    for name, ns in NS.items():
        p = tuple(np.float32(v) for v in CASES[name][0])
        for m in ns.__all__ if hasattr(ns, "__all__") else vars(ns):
            fn = getattr(ns, m)
            if m == "rvs":
                key = np.asarray(jax.random.PRNGKey(0))
                assert_pure(lambda k, *a, fn=fn: fn(k, *a, size=(2,)), key, *p)
            elif m in ("mean", "var", "std", "entropy", "median", "support"):
                assert_pure(fn, *p)
            elif m == "stats":
                assert_pure(lambda *a, fn=fn: fn(*a, moments="mv"), *p)
            elif m == "moment":
                assert_pure(lambda *a, fn=fn: fn(2, *a), *p)
            elif m in ("ppf", "isf", "interval"):
                assert_pure(fn, np.array([0.3, 0.9], np.float32), *p)
            else:
                assert_pure(fn, x, *p)
    m = np.array([4.0, 3.0, 5.0], np.float32)
    assert_pure(MHG.logpmf, np.array([1.0, 1.0, 2.0], np.float32), m, np.float32(4))
    assert_pure(MHG.cov, m, np.float32(4))


def test_multivariate_hypergeom_invalid_parameters_give_nan():
    # (the univariate laws' invalid parameters: in test_against_scipy)
    with jax.enable_x64(True):
        v = MHG.logpmf(np.array([1.0, 1.0]), np.array([2.0, -1.0]), 2.0)
        assert np.isnan(np.asarray(v))
        assert np.isnan(np.asarray(MHG.mean(np.array([2.0, 1.5]), 2.0))).all()


def test_rvs():
    key = jax.random.key(3)
    with jax.enable_x64(True):
        for name, params, n in [("yulesimon", (3.5,), 2000), ("betanbinom", (5.0, 6.0, 2.5), 4000),
                                ("logser", (0.6,), 2000)]:
            ns = NS[name]
            p = tuple(np.float64(v) for v in params)
            x = ns.rvs(key, *p, size=(n,))
            assert x.shape == (n,) and x.dtype == np.float64
            np.testing.assert_array_equal(x, ns.rvs(key, *p, size=(n,)))  # reproducible
            mean, var = ss.__dict__[name].stats(*params)
            # sample mean within 5 standard errors
            assert abs(float(np.mean(x)) - mean) < 5 * np.sqrt(var / n), name


# --- multivariate_hypergeom ------------------------------------------------------------------------
def test_multivariate_hypergeom_against_scipy():
    m = np.array([10.0, 5.0, 7.0])
    x = np.array([[3.0, 1.0, 2.0], [2.0, 2.0, 2.0], [3.0, 1.0, 1.0], [6.0, 0.0, 0.0],
                  [7.0, -1.0, 0.0], [2.5, 1.5, 2.0]])
    ref = ss.multivariate_hypergeom
    mi = m.astype(int)
    with jax.enable_x64(True):
        want = ref.logpmf(np.floor(x).astype(int), mi, 6)
        want[-1] = -np.inf  # non-integer counts (scipy raises on a float array)
        _assert_rel(MHG.logpmf(x, m, 6.0), want, 1e-13, "logpmf")
        _assert_rel(MHG.pmf(x[:4], m, 6.0), ref.pmf(x[:4].astype(int), mi, 6), 1e-13, "pmf")
        for w in ("mean", "var", "cov"):
            _assert_rel(getattr(MHG, w)(m, 6.0), getattr(ref, w)(mi, 6), 1e-14, w)
        # batched parameters
        mb = np.array([[1.0, 2.0], [3.0, 4.0]])
        _assert_rel(MHG.mean(mb, np.array([2.0, 3.0])), ref.mean(mb.astype(int), [2, 3]),
                    1e-14, "mean batched")
    with pytest.raises(ValueError, match="multivariate_hypergeom.logpmf.*x"):
        MHG.logpmf(np.ones(2), m, 2.0)
    with pytest.raises(TypeError, match="m"):
        MHG.mean("abc", 2.0)


def test_multivariate_hypergeom_rvs():
    m = np.array([6.0, 2.0, 3.0])
    with jax.enable_x64(True):
        x = MHG.rvs(jax.random.key(0), m, 4.0, size=400)
        assert x.shape == (400, 3) and x.dtype == np.float64
        np.testing.assert_array_equal(np.sum(x, axis=-1), 4.0)
        assert np.all((x >= 0) & (x <= m))
        se = np.sqrt(np.diag(ss.multivariate_hypergeom.cov(m.astype(int), 4)) / 400)
        assert np.all(np.abs(np.mean(x, 0) - 4.0 * m / m.sum()) < 5 * se)


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    fns = [NS["zipfian"].cdf, MHG.logpmf, MHG.pmf, MHG.mean, MHG.var, MHG.cov]
    for fn in fns:
        for t in finder.find(fn, fn.__name__, globs={}):
            r = runner.run(t)
            assert r.failed == 0, fn.__qualname__
