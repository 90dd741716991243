"""The gamma / beta / normal relatives (jaxwrap/_src/scipy/stats/continuous_related.py)
against scipy.stats in float64 (x64 on): every method at scipy's quantiles of PROBS,
all methods of one law in one jax.jit; round trips, gradients, transformations,
sampling and bad input.

CI budget: laws whose quantiles go through the incomplete gamma / beta inverses
compile for tens of seconds each, so CI checks their densities, moments and one
distribution function; a deep run (JAXWRAP_NUM_CASES >= 10) checks every method
of every law.
"""

from __future__ import annotations

import doctest
import math

import jax
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from jaxwrap._src.scipy.stats import continuous_related as R
from tests.harness import GRAD_MODES, NUM_CASES, assert_pure, check
from tests.test_stats_distributions import (
    CONT_METHODS,
    LOC,
    PROBS,
    SCALE,
    _assert_rel,
    _atol,
    _points,
    _scipy,
    closed_form_stats,
    numeric_moment,
)

DEEP = NUM_CASES >= 10

# name -> parameter sets; the first is used in CI, all in a deep run
CASES = {
    "chi": [(3.0,), (0.7,)], "invgamma": [(3.0,), (0.6,)], "nakagami": [(1.5,), (0.6,)],
    "erlang": [(3.0,)], "gengamma": [(2.0, 1.5), (1.3, -0.7)], "loggamma": [(1.5,), (0.4,)],
    "dgamma": [(1.5,), (0.6,)], "halfgennorm": [(1.5,), (0.7,)],
    "betaprime": [(2.0, 5.5), (0.8, 6.0)], "f": [(4.0, 11.0), (1.5, 12.0)],
    "skewnorm": [(2.0,), (-4.0,)], "invgauss": [(0.7,), (3.0,), (0.05,)], "wald": [()],
    "recipinvgauss": [(0.7,), (3.0,)], "exponnorm": [(1.5,), (0.3,)],
    "foldnorm": [(1.5,), (0.2,)], "fatiguelife": [(0.8,), (3.0,)],
    "johnsonsu": [(0.5, 1.5), (-2.0, 0.8)], "johnsonsb": [(0.5, 1.5), (-1.0, 0.8)],
    "alpha": [(3.5,), (1.0,)], "moyal": [()], "powernorm": [(2.0,), (0.4,)],
    "powerlognorm": [(2.0, 0.5), (0.5, 1.5)], "pearson3": [(0.8,), (-1.3,), (1e-7,)],
}
# through the incomplete gamma / beta functions or the quantile solver (slow to compile:
# tens of seconds per law on a loaded 2-core machine): CI runs SLOW_CORE only
SLOW = ("chi", "invgamma", "nakagami", "erlang", "gengamma", "loggamma", "dgamma",
        "halfgennorm", "betaprime", "f", "pearson3",
        "skewnorm", "invgauss", "recipinvgauss", "exponnorm", "foldnorm")
SLOW_CORE = {"chi": ("logpdf", "cdf"),
             "exponnorm": ("logpdf", "logcdf", "logsf"), "foldnorm": ("logpdf", "cdf", "logsf"),
             "invgauss": ("logpdf", "logcdf", "logsf")}  # others: logpdf and the moments
MOMENTS = ("mean", "var", "std", "entropy")

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # quantiles through the incomplete gamma / beta inverses (iterative, ~1e-12)
    **{(n, m): 1e-10 for n in SLOW for m in ("ppf", "isf", "median")},
    # scipy integrates these moments numerically (ours are closed forms)
    ("betaprime", "entropy"): 1e-9, ("f", "entropy"): 1e-9, ("pearson3", "entropy"): 1e-9,
    **{(n, m): 1e-9 for n in ("halfgennorm", "recipinvgauss") for m in ("mean", "var", "std")},
    # sf of the inverse Gaussian far right: Phi(-a) - e^(2/mu) Phi(-b) cancels, ~x/mu eps
    ("invgauss", "sf"): 1e-10, ("invgauss", "logsf"): 1e-10, ("invgauss", "isf"): 1e-10,
    ("recipinvgauss", "cdf"): 1e-10, ("recipinvgauss", "logcdf"): 1e-10,
    ("recipinvgauss", "ppf"): 1e-10,
}


# scipy integrates these laws' moments numerically (seconds per call, ~1e-9 accurate):
# their skew/kurtosis are compared in the deep run only
SCIPY_INTEGRATES = ("recipinvgauss", "halfgennorm", "pearson3")


def _tol(name, m):
    return TOL.get((name, m), 1e-12)


def _methods(name):
    if name in SLOW and not DEEP:
        return SLOW_CORE.get(name, ("logpdf",))
    return CONT_METHODS


def _all_methods(name, ns, methods):
    """One jitted function returning every method and moment at once."""
    d = R.TABLE[name]
    # numeric moments are checked against mpmath (tests/test_stats_numeric_moments.py)
    have = [m for m in methods + MOMENTS if hasattr(ns, m) and not numeric_moment(d, m)]
    stats = closed_form_stats(d, "sk")

    def run(x, q, params, loc, scale):
        out = {}
        for m in have:
            fn = getattr(ns, m)
            arg = (q,) if m in ("ppf", "isf") else (() if m in MOMENTS else (x,))
            out[m] = fn(*arg, *params, loc=loc, scale=scale)
        if stats:
            out["skew"], out["kurtosis"] = ns.stats(*params, loc=loc, scale=scale, moments="sk")
        return out
    return jax.jit(run), have


@pytest.mark.parametrize("name", sorted(CASES))
def test_against_scipy(name):
    ns = getattr(wss, name)
    fn, have = _all_methods(name, ns, _methods(name))
    with jax.enable_x64(True):
        for params in (CASES[name] if DEEP else CASES[name][:1]):
            x = LOC + SCALE * _points(name, params)
            xs = np.concatenate([x, [x[0] - 1.5, x[-1] + 1.5]])  # and beyond the support
            p64 = tuple(np.float64(p) for p in params)
            got = fn(xs, PROBS, p64, np.float64(LOC), np.float64(SCALE))
            for m in have:
                ref = _scipy(name, m, xs, PROBS, params, LOC, SCALE, False)
                atol = _atol(name, m, ref, xs, PROBS, params, LOC, SCALE, False)
                _assert_rel(got[m], ref, _tol(name, m), f"{name}{params}.{m}", atol)
            if "skew" in got and (DEEP or name not in SCIPY_INTEGRATES):
                want = getattr(ss, name).stats(*params, loc=LOC, scale=SCALE, moments="sk")
                for m, w in zip(("skew", "kurtosis"), want):
                    # scipy's skew/kurtosis come from numerical integrals (recipinvgauss:
                    # ~5e-9 relative) or differences of raw moments
                    _assert_rel(got[m], np.asarray(w, float), 1e-7, f"{name}{params}.{m}")


# --- round trips through the solver and the closed forms -------------------------------------
RT = ["johnsonsu", "powerlognorm"] + (
    ["wald", "skewnorm", "exponnorm", "foldnorm", "invgauss", "recipinvgauss", "chi", "f", "gengamma"]
    if DEEP else [])


def test_round_trips():
    with jax.enable_x64(True):
        for name in RT:
            ns = getattr(wss, name)
            params = CASES[name][-1]
            x = (LOC + SCALE * _points(name, params))[1:-1]  # away from the saturated ends

            def both(x, ns=ns, params=params):
                return (ns.ppf(ns.cdf(x, *params, LOC, SCALE), *params, LOC, SCALE),
                        ns.isf(ns.sf(x, *params, LOC, SCALE), *params, LOC, SCALE))
            for b in jax.jit(both)(x):
                # ill-conditioned where the density is small: ~eps * cdf / (x pdf)
                np.testing.assert_allclose(np.asarray(b), x, rtol=1e-9, atol=1e-9, err_msg=name)


# --- gradients (float64, a few points) -----------------------------------------------------------
GRADS = [("johnsonsu", (0.5, 1.5)), ("fatiguelife", (0.8,))] + (
    [("skewnorm", (2.0,)), ("exponnorm", (1.5,)), ("nakagami", (1.5,)), ("invgamma", (3.0,)),
     ("f", (4.0, 11.0)), ("foldnorm", (1.5,)), ("invgauss", (0.7,))] if DEEP else [])


@pytest.mark.parametrize("name,params", GRADS, ids=lambda v: str(v))
def test_gradients(name, params):
    ns = getattr(wss, name)
    x = LOC + SCALE * _points(name, params)[[3, 5]]
    slow = name in SLOW
    with jax.enable_x64(True):
        for method in ("logpdf", "cdf"):
            fn = getattr(ns, method)
            args = (x, *[np.float64(p) for p in params], np.float64(LOC), np.float64(SCALE))
            # central differences with eps=1e-4: truncation error ~1e-8 relative
            # reverse mode only in CI (the harness's GRAD_MODES: reverse mode linearizes with
            # the JVP rules and transposes, so it checks both); both modes in a deep run
            check_grads(lambda *a, fn=fn: fn(*a), args, order=1,
                        modes=("rev",) if slow else GRAD_MODES, atol=1e-5, rtol=1e-5,
                        eps=1e-4)
        # the solver's quantile: implicit derivative in q and the shape parameter
        if name in ("skewnorm", "exponnorm"):
            check_grads(lambda q, p: ns.ppf(q, p), (np.array([0.2, 0.7]), np.float64(params[0])),
                        order=1, modes=("fwd", "rev"), atol=1e-5, rtol=1e-5, eps=1e-4)


# --- eager / jit / vmap / purity through the harness ------------------------------------------
HARNESS = [("johnsonsu", "logcdf", (0.5, 1.5)), ("fatiguelife", "ppf", (0.8,))]


@pytest.mark.parametrize("name,method,params", HARNESS, ids=lambda v: str(v))
def test_harness(name, method, params):
    fn = getattr(getattr(wss, name), method)
    x = (np.array([0.1, 0.4, 0.8], np.float32) if method in ("ppf", "isf")
         else np.array([0.5, 1.5, 3.0], np.float32))
    ref = getattr(getattr(ss, name), method)
    check(fn, ref, [x, *[np.float32(p) for p in params]],
          tol=1e-5,  # float32 against float64 scipy: a few ulps of the result
          grad=0, vmap_argnums=[0])


def test_every_method_is_pure():
    x = np.array([0.2, 0.6], np.float32)
    for name in ("invgauss", "dgamma", "betaprime"):  # solver, sign-sampler, beta family
        ns = getattr(wss, name)
        p = tuple(np.float32(v) for v in CASES[name][0])
        for m in ("logpdf", "cdf", "ppf", "mean"):
            fn = getattr(ns, m)
            if m == "mean":
                assert_pure(fn, *p)
            elif name == "invgauss" or m != "ppf" or DEEP:
                assert_pure(fn, x, *p)
        key = np.asarray(jax.random.PRNGKey(0))
        assert_pure(lambda k, *a, fn=ns.rvs: fn(k, *a, size=(2,)), key, *p)


# --- sampling -----------------------------------------------------------------------------------
RVS_SAME_BITS = [("invgauss", (0.7,), lambda k, s: jax.random.wald(k, 0.7, s))] + ([
    ("loggamma", (1.5,), lambda k, s: jax.random.loggamma(k, 1.5, s)),
    ("f", (4.0, 11.0), lambda k, s: jax.random.f(k, 4.0, 11.0, s)),
] if DEEP else [])


@pytest.mark.parametrize("name,params,draw", RVS_SAME_BITS, ids=[r[0] for r in RVS_SAME_BITS])
def test_rvs_same_bits_as_jax_random(name, params, draw):
    key = jax.random.key(7)
    ours = getattr(wss, name).rvs(key, *params, loc=1.0, scale=2.0, size=(5,))
    theirs = draw(key, (5,))
    assert ours.dtype == theirs.dtype
    np.testing.assert_allclose(np.asarray(ours), 1.0 + 2.0 * np.asarray(theirs), rtol=1e-6)


def test_rvs_follow_the_law():
    # transformed samplers (and inversion for alpha): the sample mean within 6 standard errors
    key = jax.random.key(3)
    laws = [("skewnorm", (2.0,)), ("exponnorm", (1.5,)), ("fatiguelife", (0.8,)),
            ("powernorm", (2.0,))] + ([("dgamma", (1.5,)), ("pearson3", (-1.3,))] if DEEP else [])
    with jax.enable_x64(True):
        draws = jax.jit(lambda k: [getattr(wss, n).rvs(k, *p, size=(4000,)) for n, p in laws])(key)
        for (name, params), d in zip(laws, draws):
            m, v = getattr(ss, name).stats(*params, moments="mv")
            assert abs(float(np.mean(d)) - m) < 6 * math.sqrt(v / 4000), name


# --- bad input ----------------------------------------------------------------------------------
def test_invalid_parameters_give_nan():
    with jax.enable_x64(True):
        # invalid shape, NaN shape, probability outside [0, 1], negative scale
        v = jax.jit(lambda x, a, b, s: wss.johnsonsu.cdf(x, a, b, 0.0, s))(
            np.array([0.5, 0.5, 0.5, 0.5]), np.array([0.5, np.nan, 0.5, 0.5]),
            np.array([-1.0, 1.5, 1.5, 1.5]), np.array([1.0, 1.0, -2.0, 1.0]))
        assert np.isnan(np.asarray(v)[:3]).all() and np.isfinite(np.asarray(v)[3])
        assert np.isnan(wss.moyal.isf(1.5))
        assert float(wss.johnsonsb.cdf(2.0, 0.5, 1.5)) == 1.0
    with pytest.raises(TypeError, match=r"johnsonsu\.cdf.*a"):
        wss.johnsonsu.cdf(1.0, object(), 1.0)


def test_dtypes_follow_jax_promotion():
    assert wss.moyal.logpdf(np.float32(1.0)).dtype == np.float32
    assert wss.moyal.logpdf(np.int32(1)).dtype == np.float32
    with jax.enable_x64(True):
        assert wss.moyal.logpdf(np.int64(1)).dtype == np.float64


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    n = 0
    for name in ["moyal"] + (["skewnorm", "chi"] if DEEP else []):
        mod = getattr(wss, name)
        for m in mod.__all__:
            for t in finder.find(getattr(mod, m), f"{name}.{m}", globs={}):
                runner.run(t)
                n += len(t.examples)
    assert n >= 5
    assert runner.summarize(verbose=False).failed == 0


def test_skewnorm_light_tail_derivatives():
    # The light tail (a z <= -2) is a Gauss-Laguerre sum (values, quantiles included,
    # against mpmath in tests/data/stats/tails.json): its derivatives in z and a.
    with jax.enable_x64(True):
        z, a = np.array([-4.0, -2.5, -6.0]), np.array([3.0, 1.0, 2.0])
        check_grads(wss.skewnorm.logcdf, (z, a), order=1, modes=("rev",))   # (sf: mirrored)
