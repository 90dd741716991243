"""jaxwrap.scipy.stats ksone and kstwobign against scipy.stats (float64, x64 on),
mpmath values where scipy is inexact, round trips, derivatives, transformations
and bad parameters.  jax.scipy.stats has neither distribution.

All methods of one parameter set run inside one jax.jit (compiles dominate).
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.stats as ss

import jaxwrap.scipy.stats as wss
from tests.harness import assert_pure, check
from tests.test_stats_distributions import LOC, PROBS, SCALE, _all_methods, _assert_rel, _points

METHODS = ("logpdf", "pdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf")
CASES = [("ksone", (12.0,)), ("kstwobign", ())]

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # ksone.ppf(q) = isf(1 - q): 1 - q rounds, eps / q relative in q (4e-7 at q = 1e-9)
    ("ksone", "ppf"): 1e-6,
    # isf of values near 1: the root is ill-conditioned (d ~ 1/n, sf' ~ n): ~1e-12
    ("ksone", "isf"): 1e-10,
    # logs near 0 are relative to tiny values; the density's sum mixes signs (term-wise
    # derivative), a few hundred eps where it is small
    ("ksone", "logpdf"): 1e-11, ("ksone", "pdf"): 1e-11,
    # Newton on log P stops within a few ulps of the root; relative ~1e-13 in the tails
    ("kstwobign", "ppf"): 1e-11, ("kstwobign", "isf"): 1e-11,
    # scipy's kstwobign density is inexact: 3e-12 relative off near y = 1 and its logpdf
    # 2.6e-7 off at the median (ours agrees with mpmath to 1e-16 there, see
    # test_round_trips_and_tails)
    ("kstwobign", "pdf"): 1e-6, ("kstwobign", "logpdf"): 1e-6,
}
# kstwobign's moments are closed forms here (E[K^m] = m Gamma(m/2) 2^(-m/2) eta(m));
# scipy integrates numerically (~1e-11 relative off); test_round_trips_and_tails checks
# the mean exactly
TOL.update({("kstwobign", m): 1e-9 for m in ("mean", "var", "std")})
# scipy integrates kstwobign's entropy numerically (3e-10 absolute off); mpmath's quad of
# -f log f with f the density series at 25 digits:
KSTWOBIGN_ENTROPY = 0.0008903226544026737066638238


def _scipy(name, m, x, q, params):
    ref = getattr(ss, name)
    if m in ("ppf", "isf"):
        return getattr(ref, m)(q, *params, loc=LOC, scale=SCALE)
    if m in ("mean", "var", "std", "entropy", "median"):
        return getattr(ref, m)(*params, loc=LOC, scale=SCALE)
    return getattr(ref, m)(x, *params, loc=LOC, scale=SCALE)


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}{p}" for n, p in CASES])
def test_against_scipy(name, params):
    ns = getattr(wss, name)
    x = LOC + SCALE * _points(name, params)
    run, have = _all_methods(ns, METHODS, False)
    with jax.enable_x64(True):
        out = run(x, PROBS, tuple(np.float64(p) for p in params), np.float64(LOC),
                  np.float64(SCALE))
    for m in have:
        ref = _scipy(name, m, x, PROBS, params)
        if (name, m) == ("kstwobign", "entropy"):
            ref = KSTWOBIGN_ENTROPY + np.log(SCALE)
        _assert_rel(out[m], ref, TOL.get((name, m), 1e-12), f"{name}{params}.{m}")
    expected = {"median"} if name == "ksone" else {"mean", "var", "std", "entropy", "median"}
    assert expected <= set(have), have


@jax.jit
def _round_trips():
    kb, ks = wss.kstwobign, wss.ksone
    # each direction where its probability keeps its digits (sf(0.2) rounds to 1)
    lo, hi = np.array([0.2, 0.5, 0.9, 1.3]), np.array([0.9, 1.3, 2.5, 5.0, 12.0])
    d, n = np.array([0.01, 0.1, 0.3, 0.6, 0.95]), 20.0
    return {"lo": (kb.ppf(kb.cdf(lo)), lo), "hi": (kb.isf(kb.sf(hi)), hi),
            "ksone": (ks.isf(ks.sf(d, n), n), d),
            # far tails in log space: sf(12) = 2 e^-288, cdf(0.05) ~ e^-493
            "logsf": (kb.logsf(12.0), np.log(2.0) - 288.0),
            "logcdf": (kb.logcdf(0.05), np.log(np.sqrt(2 * np.pi) / 0.05)
                       - np.pi ** 2 / (8 * 0.05 ** 2)),
            # the density at the median against mpmath's theta series (scipy: 2.6e-7 off)
            "logpdf": (kb.logpdf(0.8275735551899077), 0.4526606262649604),
            # below d = 1/n the cdf is d (1 + d)^(n-1) exactly (no 1 - sf cancellation)
            "small_cdf": (ks.cdf(1e-9, 5.0), 1e-9 * (1 + 1e-9) ** 4),
            "mean": (kb.mean(), np.sqrt(np.pi / 2) * np.log(2.0)),
            "var": (kb.var(), np.pi ** 2 / 12 - np.pi / 2 * np.log(2.0) ** 2)}


def test_round_trips_and_tails():
    # 1e-12 for the solvers (Newton on log P stops within a few ulps of the root)
    rtol = {"lo": 1e-12, "hi": 1e-12, "ksone": 1e-11}
    with jax.enable_x64(True):
        for k, (got, want) in _round_trips().items():
            np.testing.assert_allclose(got, want, rtol=rtol.get(k, 1e-14), err_msg=k)


def test_derivatives():
    """cdf' = pdf for both laws, in one compiled program (the solvers' derivatives
    would compile the Newton loops again: not run in CI)."""
    def grads(y, d):
        gk = jax.vmap(jax.grad(wss.kstwobign.cdf))(y)
        gs = jax.vmap(jax.grad(wss.ksone.sf), (0, None))(d, 12.0)
        return gk, gs
    with jax.enable_x64(True):
        y, d = np.array([0.4, 0.9, 1.7]), np.array([0.05, 0.2, 0.5])
        gk, gs = jax.jit(grads)(y, d)
        np.testing.assert_allclose(gk, wss.kstwobign.pdf(y), rtol=1e-12)
        np.testing.assert_allclose(gs, -wss.ksone.pdf(d, 12.0), rtol=1e-13)


def test_harness():
    x = np.array([[0.3, 0.8, 1.1], [1.6, 2.2, 3.0]])
    with jax.enable_x64(True):
        check(wss.kstwobign.cdf, ss.kstwobign.cdf, (x,), tol=1e-13)
        check(wss.ksone.sf, ss.ksone.sf, (x / 4, np.full((2, 3), 9.0)), tol=1e-13)


@jax.jit
def _edges():
    n = np.array([2.5, 0.0, -1.0, np.nan, 3.0])
    x = np.array([0.3, 0.3, 0.3, 0.3, np.nan])
    return (wss.ksone.cdf(x, n), wss.ksone.ppf(1.5, 3.0), wss.kstwobign.isf(-0.1),
            wss.kstwobign.pdf(1.0, scale=-1.0),
            wss.ksone.cdf(np.array([-0.5, 0.0, 1.5]), 4.0),
            wss.kstwobign.sf(np.array([-1.0, 0.0])), wss.kstwobign.logcdf(0.0))


def test_bad_parameters_and_support():
    with jax.enable_x64(True):
        bad_n, p1, p2, p3, cdf, sf, lc = _edges()
    assert np.all(np.isnan(np.asarray(bad_n))) and np.isnan(p1) and np.isnan(p2)
    assert np.isnan(p3)
    # outside / at the ends of the support: the law's limits, as scipy
    np.testing.assert_array_equal(cdf, [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(sf, [1.0, 1.0])
    assert lc == -np.inf


def test_rvs():
    key = jax.random.key(7)
    with jax.enable_x64(True):
        a = wss.kstwobign.rvs(key, size=4000)
        b = wss.kstwobign.rvs(key, size=4000)
        np.testing.assert_array_equal(a, b)
        # sample mean within 5 standard errors of the closed-form mean
        se = np.sqrt(ss.kstwobign.var() / 4000)
        assert abs(float(np.mean(a)) - ss.kstwobign.mean()) < 5 * se
        d = np.asarray(wss.ksone.rvs(key, 8.0, size=64))
        assert d.dtype == np.float64 and np.all((d > 0) & (d < 1))


def test_every_method_is_pure():
    """Every method's jaxpr holds only jaxwrap primitives (traced, not compiled)."""
    x = np.array([0.2, 0.6], np.float32)
    for name, p in (("ksone", (np.float32(7.0),)), ("kstwobign", ())):
        ns = getattr(wss, name)
        for m in ns.__all__:
            fn = getattr(ns, m)
            if m == "rvs":
                key = np.asarray(jax.random.PRNGKey(0))  # a raw uint32 key, traced as data
                assert_pure(lambda k, *a, fn=fn: fn(k, *a, size=(2,)), key, *p)
            elif m in ("mean", "var", "std", "entropy", "median", "support", "stats",
                       "moment"):
                if not p:  # no array argument to trace
                    continue
                if m == "moment":
                    assert_pure(lambda *a, fn=fn: fn(2, *a), *p)
                else:
                    assert_pure(fn, *p)
            elif m == "interval":
                assert_pure(fn, np.float32(0.9), *p)
            else:
                assert_pure(fn, x, *p)
