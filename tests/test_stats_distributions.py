"""jaxwrap.scipy.stats distributions against scipy.stats (float64, x64 on),
jax.scipy.stats (float32 values and dtypes), mpmath tail references, round
trips, gradients, transformations, sampling bits and bad input.

One table drives it: ``CASES`` gives each distribution a few parameter sets;
points are scipy's quantiles of a fixed list of probabilities, so every
method is exercised across the support (tails included).  All methods of one
distribution are evaluated inside one jax.jit, which keeps the compile count
(and the CI time) down.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import json
import math
from pathlib import Path

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from jaxwrap._src.scipy.stats import continuous as C
from jaxwrap._src.scipy.stats import discrete as D
from tests.harness import GRAD_MODES, NUM_CASES, assert_pure, check

DATA = Path(__file__).parent / "data" / "stats"
TABLE = {**C.TABLE, **D.TABLE}

# Laws computed through the incomplete gamma / beta functions, whose XLA programs
# take seconds each to compile: CI runs their core methods; a deep run
# (JAXWRAP_NUM_CASES >= 10) runs everything.
DEEP = NUM_CASES >= 10
SLOW = ("gamma", "chi2", "beta", "t", "gennorm", "maxwell", "poisson", "binom", "nbinom")
SLOW_CORE = ("logpdf", "pdf", "logpmf", "pmf", "cdf", "sf", "ppf")

# name -> parameter sets (each a tuple of shape parameters)
CASES = {
    "norm": [()], "cauchy": [()], "expon": [()], "laplace": [()], "logistic": [()],
    "gumbel_r": [()], "gumbel_l": [()], "uniform": [()], "halfnorm": [()],
    "halfcauchy": [()], "halflogistic": [()], "rayleigh": [()], "maxwell": [()],
    "lognorm": [(0.5,), (2.0,)], "pareto": [(0.8,), (4.5,)], "lomax": [(0.7,), (5.0,)],
    "weibull_min": [(0.6,), (3.0,)], "weibull_max": [(0.6,), (3.0,)],
    "truncnorm": [(-1.0, 2.0), (2.0, 6.0), (-9.0, -7.5)], "wrapcauchy": [(0.3,), (0.9,)],
    "vonmises": [(0.5,), (8.0,)], "gamma": [(0.4,), (3.5,)], "chi2": [(1.0,), (7.0,)],
    "beta": [(0.5, 0.7), (2.0, 9.0)], "t": [(1.5,), (12.0,)], "gennorm": [(0.7,), (3.0,)],
    "bernoulli": [(0.3,)], "binom": [(12.0, 0.35)], "geom": [(0.2,)],
    "nbinom": [(3.5, 0.4)], "poisson": [(0.7,), (30.0,)], "betabinom": [(9.0, 2.0, 0.7)],
    "planck": [(0.4,)], "boltzmann": [(0.4, 7.0)], "dlaplace": [(0.6,)],
    "randint": [(-2.0, 5.0)],
    "levy": [()], "levy_l": [()], "fisk": [(3.0,), (0.8,)], "loguniform": [(0.5, 4.0)],
    "reciprocal": [(0.01, 1.0)], "gibrat": [()], "genpareto": [(0.2,), (-0.4,), (0.0,)],
    "triang": [(0.3,), (0.0,), (1.0,)], "powerlaw": [(1.7,), (3.5,)], "arcsine": [()],
    "hypsecant": [()], "invweibull": [(2.5,), (3.5,)], "gompertz": [(0.8,)],
}
PROBS = np.array([1e-9, 1e-3, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999, 1 - 1e-9])
LOC, SCALE = 0.3, 1.7
CONT_METHODS = ("logpdf", "pdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf")
DISC_METHODS = ("logpmf", "pmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf")
MOMENTS = ("mean", "var", "std", "entropy", "median")

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # lgamma differences lose ~|lgamma| * eps of the log; pmf/logpmf at large counts
    ("poisson", "logpmf"): 1e-11, ("nbinom", "logpmf"): 1e-11, ("binom", "logpmf"): 1e-11,
    ("betabinom", "logpmf"): 1e-11,
    # quantiles through the incomplete gamma/beta inverses (iterative, ~1e-12)
    ("gamma", "ppf"): 1e-10, ("gamma", "isf"): 1e-10, ("chi2", "ppf"): 1e-10,
    ("chi2", "isf"): 1e-10, ("beta", "ppf"): 1e-10, ("beta", "isf"): 1e-10,
    ("t", "ppf"): 1e-10, ("t", "isf"): 1e-10, ("gennorm", "ppf"): 1e-10,
    ("gennorm", "isf"): 1e-10, ("maxwell", "ppf"): 1e-10, ("maxwell", "isf"): 1e-10,
    # the truncated normal divides two tail masses of similar size (b - a small relative to a)
    ("truncnorm", "*"): 1e-9,
    # the entropy of the von Mises law and vonmises' i0e
    ("vonmises", "*"): 1e-11,
    # scipy integrates the Levy entropy numerically (ours is the closed form)
    ("levy", "entropy"): 1e-9, ("levy_l", "entropy"): 1e-9,
}


def _tol(name, method):
    return TOL.get((name, method), TOL.get((name, "*"), 1e-12))


def _points(name, params):
    ref = getattr(ss, name)
    if name == "vonmises":  # scipy's vonmises ppf is slow and fragile; use a grid
        return np.linspace(-3.0, 3.0, 9)
    x = ref.ppf(PROBS, *params)
    return np.unique(x[np.isfinite(x)])


def _pad(x, n):
    """x repeated at its last value up to length n (one shape for every parameter set)."""
    return np.concatenate([x, np.repeat(x[-1:], n - len(x))])


_MOMENT_FIELD = {"mean": "mean", "var": "var", "std": "var", "entropy": "entropy"}


def numeric_moment(d, m) -> bool:
    """Whether method ``m`` of table entry ``d`` is the numeric fallback (_quadrature:
    no closed form in the table). Those are checked against mpmath in
    tests/test_stats_numeric_moments.py, not against scipy, whose own numeric
    integration is the less accurate side (up to 5e-3 off)."""
    f = _MOMENT_FIELD.get(m)
    return f is not None and not d.discrete and getattr(d, f) is None


def closed_form_stats(d, moments="mvsk") -> bool:
    """Whether ``stats(moments=...)`` of entry ``d`` is all closed form."""
    fields = {"m": "mean", "v": "var", "s": "skew", "k": "kurtosis"}
    return all(getattr(d, fields[c]) is not None for c in moments)


# Laws whose whole method set is compared with scipy in a file of their own, at points
# that suit them; here only the methods jax.scipy.stats has.
OWN_FILE = {"vonmises": ("logpdf", "pdf", "mean")}   # tests/test_stats_vonmises.py
# Methods checked elsewhere against better references than scipy's: discrete entropies
# by window sums, against exact sums of the pmf (scipy's own entropy is up to 50% off
# for long tails) in tests/test_stats_discrete_entropy.py.
ELSEWHERE = {("binom", "entropy"), ("nbinom", "entropy"), ("betabinom", "entropy")}


def _all_methods(ns, methods, discrete, d=None, trips=()):
    """One jitted function returning every available method at once (for a table
    entry ``d``: without its numeric moments, and only OWN_FILE's methods if listed).

    ``trips``: round trips "ppf" (ppf(cdf(x))) and/or "isf" (isf(sf(x))), returned as
    "rt_ppf" / "rt_isf": the quantile function runs once on q and cdf(x) concatenated,
    so a round trip compiles nothing beyond the methods themselves."""
    keep = OWN_FILE.get(d.name) if d is not None else None
    have = [m for m in methods + MOMENTS if hasattr(ns, m)
            and not (d is not None and (numeric_moment(d, m) or (d.name, m) in ELSEWHERE))
            and (keep is None or m in keep)]
    inverse_of = {"ppf": "cdf", "isf": "sf"}
    for t in trips:  # (a round trip needs both functions)
        have += [m for m in (t, inverse_of[t]) if m not in have]

    def run(x, q, params, loc, scale):
        out = {}
        kw = {"loc": loc} if discrete else {"loc": loc, "scale": scale}
        for m in have:
            fn = getattr(ns, m)
            if m in ("ppf", "isf"):
                continue
            elif m in MOMENTS:
                out[m] = fn(*params, **kw)
            else:
                out[m] = fn(x, *params, **kw)
        for m in ("ppf", "isf"):
            if m not in have:
                continue
            if m in trips:
                both = getattr(ns, m)(jnp.concatenate([q, out[inverse_of[m]]]), *params, **kw)
                out[m], out["rt_" + m] = both[:q.shape[0]], both[q.shape[0]:]
            else:
                out[m] = getattr(ns, m)(q, *params, **kw)
        return out
    return jax.jit(run), have


def _scipy(name, m, x, q, params, loc, scale, discrete):
    ref = getattr(ss, name)
    kw = {"loc": loc} if discrete else {"loc": loc, "scale": scale}
    if m in ("ppf", "isf"):
        return getattr(ref, m)(q, *params, **kw)
    if m in MOMENTS:
        return getattr(ref, m)(*params, **kw)
    return getattr(ref, m)(x, *params, **kw)


def _assert_rel(ours, ref, rtol, what, atol=0.0):
    ours = np.asarray(ours)
    ref = np.asarray(ref, dtype=np.float64)
    assert ours.dtype == np.float64, f"{what}: dtype {ours.dtype}"
    assert ours.shape == ref.shape, f"{what}: shape {ours.shape} != {ref.shape}"
    same = (ours == ref) | (np.isnan(ours) & np.isnan(ref))
    with np.errstate(invalid="ignore"):
        close = np.abs(ours - ref) <= atol + rtol * np.abs(ref)
    bad = ~(same | close)
    assert not bad.any(), (f"{what}: at {np.flatnonzero(bad)} got {ours[bad]} want {ref[bad]}")


EPS = np.finfo(np.float64).eps


def _atol(name, m, ref, x, q, params, loc, scale, discrete):
    """Absolute slack from the conditioning of the problem, per point.

    scipy's generic fallbacks form 1 - cdf (or 1 - q) and lose ~eps/p of a
    log-probability log p and ~eps/pdf(x) of a quantile x, and the rounding
    of x - loc moves probabilities near the end of the support by the same
    amount; the relative accuracy in the tails is checked against mpmath
    (tests/data/stats/tails.json) instead.
    """
    if m in MOMENTS:
        return 0.0
    ref = np.asarray(ref, np.float64)
    if m in ("logcdf", "logsf", "logpdf", "logpmf"):
        # (a log-density is a sum of a few O(1) logs: 32 eps absolute)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            return 32 * EPS * (1 + np.abs(ref)) / np.maximum(np.exp(ref), 1e-300)
    if m in ("ppf", "isf") and not discrete:
        dens = getattr(ss, name).pdf(ref, *params, loc=loc, scale=scale)
        with np.errstate(divide="ignore"):
            return 8 * EPS * (1 + np.abs(ref)) / np.maximum(dens, 1e-300)
    return 8 * EPS * (1 + np.abs(ref) + np.abs(x if m not in ("ppf", "isf") else 0))


@pytest.mark.parametrize("name", sorted(CASES))
def test_against_scipy(name):
    d = TABLE[name]
    ns = getattr(wss, name)
    methods = DISC_METHODS if d.discrete else CONT_METHODS
    if name in SLOW and not DEEP:
        methods = tuple(m for m in methods if m in SLOW_CORE)
    trips = (("ppf",) if name in DISC_RT else ("ppf", "isf") if name in RT else ())
    fn, have = _all_methods(ns, methods, d.discrete, d, trips)
    if name in SLOW and not DEEP:
        have = [m for m in have if m != "median"]  # median is a ppf: compiled again
    loc, scale = (2.0, 1.0) if d.discrete else (LOC, SCALE)
    q = PROBS
    with jax.enable_x64(True):
        for params in CASES[name]:
            # every parameter set at one static length: one compile per distribution
            pts = _points(name, params)
            x = _pad(pts, len(PROBS))
            xs = x if d.discrete else loc + scale * x
            xs = np.concatenate([xs, [xs[0] - 1.5, xs[-1] + 1.5]])  # beyond the support
            if d.discrete:
                xs = np.concatenate([xs + loc, [loc + 0.5]])  # and a non-integer
            p64 = tuple(np.float64(p) for p in params)
            got = fn(xs, q, p64, np.float64(loc), np.float64(scale))
            for m in have:
                if (name, m) in SCIPY_SKIP:
                    continue
                ref = _scipy(name, m, xs, q, params, loc, scale, d.discrete)
                atol = _atol(name, m, ref, xs, q, params, loc, scale, d.discrete)
                _assert_rel(got[m], ref, _tol(name, m), f"{name}{params}.{m}", atol)
            _check_round_trips(name, params, got, xs, len(pts), d.discrete)


# --- round trips (computed inside test_against_scipy's program) ------------------------------
RT = ["norm", "cauchy", "expon", "laplace", "logistic", "gumbel_r", "gumbel_l", "lognorm",
      "pareto", "lomax", "weibull_min", "weibull_max", "truncnorm", "wrapcauchy", "halfnorm",
      "rayleigh", "halflogistic"] + (["gamma", "beta", "t"] if DEEP else ["gamma"])
DISC_RT = ["geom", "planck", "randint", "dlaplace"] + (
    ["poisson", "binom", "nbinom"] if DEEP else ["binom"])


def _check_round_trips(name, params, got, xs, n, discrete):
    """ppf(cdf(x)) == x and isf(sf(x)) == x at the law's n quantile points xs[:n]:
    exactly for a discrete law; for a continuous one away from the ends (xs[1:n-1]),
    where cdf saturates, within 1e-9 (the inverse is ill-conditioned where the
    density is small: error ~ eps * cdf / (x pdf))."""
    for rt in ("rt_ppf", "rt_isf"):
        if rt not in got:
            continue
        what = f"{name}{params}: {rt[3:]} round trip"
        if discrete:
            np.testing.assert_array_equal(np.asarray(got[rt])[:n], xs[:n], err_msg=what)
        else:
            np.testing.assert_allclose(np.asarray(got[rt])[1:n - 1], xs[1:n - 1], rtol=1e-9,
                                       atol=1e-9, err_msg=what)


# scipy methods that are themselves inexact at these points (checked against mpmath below)
SCIPY_SKIP = {
    ("vonmises", "median"),
}


# --- tails against mpmath ---------------------------------------------------------------------
def _ref_cases():
    path = DATA / "tails.json"
    return json.loads(path.read_text())["cases"]


@pytest.mark.parametrize("case", _ref_cases(), ids=lambda c: f"{c['dist']}.{c['method']}")
def test_tails_against_mpmath(case):
    ns = getattr(wss, case["dist"])
    with jax.enable_x64(True):
        args = [np.asarray(a, np.float64) for a in case["args"]]
        got = np.asarray(getattr(ns, case["method"])(*args))
    want = np.asarray([float(v) for v in case["expected"]])
    np.testing.assert_allclose(got, want, rtol=case["rtol"], atol=0,
                               err_msg=f"{case['dist']}.{case['method']}")


def test_issue_examples():
    with jax.enable_x64(True):
        lc = float(wss.norm.logcdf(-40.0))
        ls = float(wss.norm.logsf(40.0))
    want = -804.6084420137538  # log Phi(-40) (mpmath, 30 digits)
    assert abs(lc / want - 1) < 1e-12 and abs(ls / want - 1) < 1e-12


# --- jax peer, float32: values and dtypes --------------------------------------------------------
def _jax_methods():
    out = []
    for name in sorted(CASES):
        mod = getattr(jss, name, None)
        if mod is None:
            continue
        for m in sorted(dir(mod)):
            if not m.startswith("_") and callable(getattr(mod, m)):
                out.append((name, m))
    return out


JAX_METHODS = _jax_methods()


def test_every_jax_name_is_present_with_its_signature():
    for name, m in JAX_METHODS:
        ours = getattr(getattr(wss, name), m, None)
        assert ours is not None, f"{name}.{m} missing"
        theirs = list(inspect.signature(getattr(getattr(jss, name), m)).parameters)
        mine = list(inspect.signature(ours).parameters)
        assert mine[:len(theirs)] == theirs, f"{name}.{m}: {mine} vs jax {theirs}"
    for name in ("bernoulli", "beta", "betabinom", "binom", "cauchy", "chi2", "expon", "gamma",
                 "gennorm", "geom", "gumbel_l", "gumbel_r", "laplace", "logistic", "nbinom",
                 "norm", "pareto", "poisson", "t", "truncnorm", "uniform", "vonmises",
                 "wrapcauchy"):
        assert importlib.import_module(f"jaxwrap.scipy.stats.{name}") is getattr(wss, name)


# jax methods whose float32 values are further from the truth than ours (the peer check
# then compares dtypes and a loose value)
PEER_TOL = {
    ("vonmises", "*"): 1e-4,  # i0e in float32 through different formulas
    ("gamma", "*"): 1e-4, ("chi2", "*"): 1e-4, ("beta", "*"): 1e-4,  # incomplete functions
    ("gennorm", "cdf"): 1e-4, ("poisson", "cdf"): 1e-4, ("truncnorm", "*"): 1e-4,
    ("betabinom", "*"): 1e-4, ("binom", "*"): 1e-4, ("nbinom", "*"): 1e-4,
    ("poisson", "*"): 1e-4, ("t", "*"): 1e-4,
    ("cauchy", "isf"): 1e-4, ("cauchy", "ppf"): 1e-4,  # q = 0.999: both form 1 - q in float32
}


@pytest.mark.parametrize("name", sorted({n for n, _ in JAX_METHODS}))
def test_against_jax_float32(name):
    d = TABLE[name]
    params = CASES[name][0]
    x = _points(name, params).astype(np.float32)
    q = PROBS[1:-1].astype(np.float32)
    p32 = tuple(np.float32(p) for p in params)
    methods = [m for n, m in JAX_METHODS if n == name]

    def call(mod, x, q, *p):
        out = {}
        for m in methods:
            arg = () if m == "entropy" else ((q,) if m in ("ppf", "isf") else (x,))
            out[m] = getattr(mod, m)(*arg, *p)
        return out

    # all methods in one program per side (one compile each)
    ours_all = jax.jit(lambda *a: call(getattr(wss, name), *a))(x, q, *p32)
    theirs_all = jax.jit(lambda *a: call(getattr(jss, name), *a))(x, q, *p32)
    for m in methods:
        ours, theirs = ours_all[m], theirs_all[m]
        assert ours.dtype == theirs.dtype, f"{name}.{m}: {ours.dtype} vs jax {theirs.dtype}"
        tol = PEER_TOL.get((name, m), PEER_TOL.get((name, "*"), 2e-5))
        ours, theirs = np.asarray(ours), np.asarray(theirs)
        # where jax's float32 log-probability underflows to -inf (or rounds to 0) ours
        # stays finite and accurate (checked against mpmath in float64): compare the rest
        # (and below e^-15 jax's float32 tails lose digits: cauchy.logcdf gives -18.9 for
        # log(1e-9) = -20.7)
        keep = (np.isfinite(theirs) & (theirs != 0) & (theirs > -15) if m.startswith("log")
                else np.ones(theirs.shape, bool))
        np.testing.assert_allclose(ours[keep], theirs[keep], rtol=tol, atol=tol,
                                   err_msg=f"{name}.{m} vs jax")
    del d


# --- transformations and purity (harness), sampled ------------------------------------------------
HARNESS = [("norm", "logpdf", ()), ("norm", "ppf", ()), ("expon", "logsf", ()),
           ("lognorm", "cdf", (0.7,)), ("weibull_min", "logpdf", (1.5,)),
           ("truncnorm", "logcdf", (-1.0, 2.0)), ("poisson", "logpmf", (3.0,)),
           ("geom", "cdf", (0.3,)), ("t", "logpdf", (3.0,)), ("pareto", "isf", (2.5,))]


@pytest.mark.parametrize("name,method,params", HARNESS, ids=lambda v: str(v))
def test_harness(name, method, params):
    fn = getattr(getattr(wss, name), method)
    x = (np.array([0.1, 0.4, 0.8], np.float32) if method in ("ppf", "isf")
         else np.array([1.0, 2.0, 4.0] if TABLE[name].discrete else [0.5, 1.5, 3.0],
                       np.float32))
    ref = getattr(getattr(ss, name), method)
    peer_mod = getattr(jss, name, None)
    peer = getattr(peer_mod, method, None) if peer_mod is not None else None
    check(fn, ref, [x, *[np.float32(p) for p in params]], peer=peer,
          tol=1e-5,  # float32 against float64 scipy: a few ulps of the result
          grad=0, vmap_argnums=[0])


def test_every_method_is_pure():
    x = np.array([0.2, 0.6], np.float32)
    for name, d in TABLE.items():
        ns = getattr(wss, name)
        p = tuple(np.float32(v) for v in CASES[name][0])
        for m in ns.__all__:
            fn = getattr(ns, m)
            if m == "rvs":
                key = np.asarray(jax.random.PRNGKey(0))  # a raw uint32 key, traced as data
                assert_pure(lambda k, *a, fn=fn: fn(k, *a, size=(2,)), key, *p)
            elif m in ("mean", "var", "std", "entropy", "median", "support"):
                if p:
                    assert_pure(fn, *p)
            elif m == "stats":
                if p:
                    assert_pure(lambda *a, fn=fn: fn(*a, moments="mv"), *p)
            elif m == "moment":
                if p:
                    assert_pure(lambda *a, fn=fn: fn(2, *a), *p)
            else:
                assert_pure(fn, x, *p)


# --- gradients ------------------------------------------------------------------------------
GRADS = [("norm", ()), ("logistic", ()), ("gumbel_r", ()), ("lognorm", (0.8,)),
         ("weibull_min", (1.7,)), ("pareto", (2.5,)), ("laplace", ()), ("cauchy", ()),
         ("gamma", (2.5,))] + (
             [("truncnorm", (-1.0, 1.5)), ("t", (4.0,)), ("beta", (2.0, 3.0)), ("chi2", (3.0,))]
             if DEEP else [])


@pytest.mark.parametrize("name,params", GRADS, ids=lambda v: str(v))
def test_gradients(name, params):
    ns = getattr(wss, name)
    x = LOC + SCALE * _points(name, params)[[3, 5]]  # away from laplace's kink at the median
    q = np.array([0.3, 0.8])
    with jax.enable_x64(True):
        for method, first in (("logpdf", x), ("cdf", x), ("ppf", q)):
            fn = getattr(ns, method)
            f = lambda z, *a, fn=fn: fn(z, *a)
            args = (first, *[np.float64(p) for p in params], np.float64(LOC), np.float64(SCALE))
            # central differences with eps=1e-4: truncation error ~1e-8 relative; gamma, beta
            # and t differentiate through the special functions' own derivative rules
            # reverse mode only in CI (the harness's GRAD_MODES: reverse mode linearizes with
            # the JVP rules and transposes, so it checks both; forward mode compiles the
            # same JVP rules once more); both modes in a deep run
            check_grads(f, args, order=1, modes=("rev",) if name in GRAD_REV_ONLY else GRAD_MODES,
                        atol=1e-5, rtol=1e-5, eps=1e-4)


GRAD_REV_ONLY = ("gamma", "beta", "t", "chi2")  # each AD mode compiles the special functions again


# --- moments, stats, interval, support, sampling ------------------------------------------------
@pytest.mark.parametrize("name", ["norm", "lognorm", "geom", "truncnorm", "randint", "betabinom",
                                  "pareto", "planck"]
                         + (["gamma", "beta", "t", "poisson", "binom"] if DEEP else ["gamma"]))
def test_stats_moment_interval_support(name):
    d = TABLE[name]
    ns = getattr(wss, name)
    ref = getattr(ss, name)
    params = CASES[name][-1]
    kw = {"loc": 0.5} if d.discrete else {"loc": 0.5, "scale": 2.0}

    def every(p, kw):   # all the methods in one jitted program (one compile per law)
        return (ns.stats(*p, moments="mvsk", **kw), [ns.moment(n, *p, **kw) for n in range(5)],
                ns.interval(0.9, *p, **kw) if hasattr(ns, "interval") else None,
                ns.support(*p, **kw))
    with jax.enable_x64(True):
        got, moments, interval, support = jax.jit(every)(
            tuple(np.float64(p) for p in params), {k: np.float64(v) for k, v in kw.items()})
        want = ref.stats(*params, moments="mvsk", **kw)
        # truncnorm's central moments cancel (mean ~ 2.4 on [2, 6]): ~1e-8 relative
        np.testing.assert_allclose(np.array(got), np.array(want, float),
                                   rtol=1e-7 if name == "truncnorm" else 1e-10)
        for n in range(5):
            assert moments[n].dtype == np.float64
            np.testing.assert_allclose(float(moments[n]),
                                       ref.moment(n, *params, **kw), rtol=1e-9, err_msg=n)
        if hasattr(ns, "interval"):
            np.testing.assert_allclose(np.array(interval),
                                       np.array(ref.interval(0.9, *params, **kw)), rtol=1e-9)
        np.testing.assert_allclose(np.array(support),
                                   np.array(ref.support(*params, **kw), float), rtol=1e-12)


# standardized draws identical to jax.random's for the same key
RVS_SAME_BITS = [
    ("norm", (), lambda k, s: jax.random.normal(k, s)),
    ("cauchy", (), lambda k, s: jax.random.cauchy(k, s)),
    ("expon", (), lambda k, s: jax.random.exponential(k, s)),
    ("laplace", (), lambda k, s: jax.random.laplace(k, s)),
    ("logistic", (), lambda k, s: jax.random.logistic(k, s)),
    ("gumbel_r", (), lambda k, s: jax.random.gumbel(k, s)),
    ("uniform", (), lambda k, s: jax.random.uniform(k, s)),
    ("gamma", (2.5,), lambda k, s: jax.random.gamma(k, 2.5, s)),
    ("beta", (2.0, 3.0), lambda k, s: jax.random.beta(k, 2.0, 3.0, s)),
    ("t", (4.0,), lambda k, s: jax.random.t(k, 4.0, s)),
    ("chi2", (3.0,), lambda k, s: jax.random.chisquare(k, 3.0, s)),
    ("truncnorm", (-1.0, 2.0), lambda k, s: jax.random.truncated_normal(k, -1.0, 2.0, s)),
    ("poisson", (3.0,), lambda k, s: jax.random.poisson(k, 3.0, s).astype(np.float32)),
]


@pytest.mark.parametrize("name,params,draw", RVS_SAME_BITS, ids=[r[0] for r in RVS_SAME_BITS])
def test_rvs_same_bits_as_jax_random(name, params, draw):
    key = jax.random.key(7)
    # loc and scale given both times: the shifted call reuses the compiled sampler (the
    # default arguments of rvs are those of every method, checked by the other tests)
    kw = (lambda loc, scale: {"loc": loc} if TABLE[name].discrete  # noqa: E731
          else {"loc": loc, "scale": scale})
    ours = getattr(wss, name).rvs(key, *params, **kw(0.0, 1.0), size=(5,))
    theirs = draw(key, (5,))
    assert ours.dtype == theirs.dtype
    np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs))
    shifted = getattr(wss, name).rvs(key, *params, **kw(1.0, 2.0), size=(5,))
    expect = theirs + 1.0 if TABLE[name].discrete else 1.0 + 2.0 * theirs
    np.testing.assert_allclose(np.asarray(shifted), np.asarray(expect), rtol=1e-6)


def test_rvs_by_inversion_follows_the_law():
    # distributions without a jax.random sampler draw by inversion: check the sample mean
    key = jax.random.key(3)
    with jax.enable_x64(True):
        for name, params in [("planck", (0.4,)), ("wrapcauchy", (0.5,)), ("dlaplace", (0.6,))]:
            ns = getattr(wss, name)
            draws = np.asarray(ns.rvs(key, *params, size=(4000,)))
            m, v = getattr(ss, name).stats(*params, moments="mv")
            # 6 standard errors of the mean of 4000 draws
            assert abs(draws.mean() - m) < 6 * math.sqrt(v / 4000), name


# --- bad input ---------------------------------------------------------------------------------
def test_invalid_parameters_give_nan():
    with jax.enable_x64(True):
        assert np.isnan(wss.norm.logpdf(0.0, 0.0, -1.0))
        assert np.isnan(wss.norm.ppf(1.5))
        assert np.isnan(wss.gamma.logpdf(1.0, -2.0))
        assert np.isnan(wss.beta.cdf(0.5, 0.0, 1.0))
        assert np.isnan(wss.poisson.pmf(1.0, -1.0))
        assert np.isnan(wss.binom.pmf(1.0, 2.5, 0.3))  # n must be an integer
        assert np.isnan(wss.bernoulli.pmf(1.0, 1.5))
        assert np.isnan(wss.truncnorm.cdf(0.0, 2.0, 1.0))
        assert np.isnan(wss.norm.logpdf(np.nan))
        assert float(wss.poisson.pmf(1.5, 2.0)) == 0.0  # non-integer k: probability 0
        assert float(wss.expon.logpdf(-1.0)) == -np.inf


def test_wrong_types_and_shapes_raise():
    with pytest.raises(TypeError, match=r"norm\.logpdf.*x"):
        wss.norm.logpdf("a")
    with pytest.raises(TypeError, match=r"gamma\.cdf.*a"):
        wss.gamma.cdf(1.0, object())
    with pytest.raises(ValueError, match=r"norm\.pdf"):
        wss.norm.pdf(np.ones(3), np.ones(2))
    with pytest.raises(TypeError, match=r"norm\.logpdf"):
        wss.norm.logpdf(1.0, 0.0, 1.0, 2.0)
    with pytest.raises(ValueError, match=r"norm\.moment.*order"):
        wss.norm.moment(7)
    with pytest.raises(ValueError, match=r"norm\.stats.*moments"):
        wss.norm.stats(moments="x")
    with pytest.raises(TypeError, match=r"norm\.logpdf.*real"):
        wss.norm.logpdf(np.ones(2, np.complex64))


def test_dtypes_follow_jax_promotion():
    assert wss.norm.logpdf(np.float32(1.0)).dtype == np.float32
    assert wss.norm.logpdf(np.int32(1)).dtype == np.float32
    assert wss.poisson.logpmf(np.int32(1), np.float32(2.0)).dtype == np.float32
    with jax.enable_x64(True):
        assert wss.norm.logpdf(np.int64(1)).dtype == np.float64
        assert wss.norm.logpdf(np.float32(1.0)).dtype == np.float32


# --- docstrings ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["norm", "planck", "lognorm"]
                         + (["gamma", "poisson", "truncnorm"] if DEEP else []))
def test_docstring_examples(name):
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    mod = getattr(wss, name)
    n = 0
    for m in mod.__all__:
        for test in finder.find(getattr(mod, m), f"{name}.{m}", globs={}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 5 * len(mod.__all__)
    assert runner.summarize(verbose=False).failed == 0


def test_skew_kurtosis_closed_forms():
    # laws whose stats(moments='mvsk') and moment(3|4) need the skew/kurtosis entries
    cases = [("fisk", (5.5,)), ("invweibull", (4.5,)), ("loguniform", (0.5, 4.0)),
             ("reciprocal", (0.01, 1.0)), ("dlaplace", (0.8,))]
    with jax.enable_x64(True):
        for name, params in cases:
            p64 = [np.float64(p) for p in params]
            got = np.array(getattr(wss, name).stats(*p64, moments="mvsk"))
            want = np.array(getattr(ss, name).stats(*params, moments="mvsk"), float)
            # raw-moment differences (fisk 5.5: m4 ~ 60 vs kurtosis 16): ~1e-13
            np.testing.assert_allclose(got, want, rtol=1e-12, err_msg=name)
            np.testing.assert_allclose(float(getattr(wss, name).moment(4, *p64)),
                                       getattr(ss, name).moment(4, *params), rtol=1e-12)
        # moments that diverge are NaN (scipy's generic code returns finite values here)
        assert np.isnan(np.array(wss.invweibull.stats(np.float64(2.5), moments="sk"))).all()
