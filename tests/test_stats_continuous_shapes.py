"""jaxwrap.scipy.stats continuous laws, part B (``continuous_shapes.py``):
every method against scipy.stats in float64 (x64 on), moments against mpmath
where scipy's own are inexact, log tails against mpmath, round trips, invalid
parameters, gradients, eager/jit/vmap, purity, sampling and docstrings.

To keep the compile count down, every method of one law, for all its
parameter sets (stacked along a leading axis, plus one row of invalid
parameters) and the round trips, is evaluated in ONE jax.jit call.
"""

from __future__ import annotations

import doctest
import math

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from jaxwrap._src.scipy.stats import continuous_shapes as CS
from tests.harness import NUM_CASES, assert_pure, check
from tests.test_stats_distributions import (
    LOC,
    PROBS,
    SCALE,
    _assert_rel,
    _atol,
    closed_form_stats,
    numeric_moment,
)

# name -> (parameter sets, one invalid parameter set)
CASES = {
    # near c = 0 scipy's moments lose digits (ours: power series, _gev_series):
    # 1e-9, +-1e-4 and 0.199 are compared with mpmath (MP_STATS)
    "genextreme": ([(0.3,), (-0.4,), (0.0,), (1.5,), (0.01,), (1e-9,), (1e-4,), (-1e-4,),
                    (0.199,)], (math.inf,)),
    "burr": ([(2.0, 3.0), (4.5, 0.7)], (-1.0, 2.0)),
    "burr12": ([(2.0, 3.0), (4.5, 0.9)], (2.0, 0.0)),
    "mielke": ([(2.0, 3.5), (1.0, 4.5)], (-2.0, 3.0)),
    "kappa3": ([(2.0,), (4.5,)], (0.0,)),
    "exponweib": ([(2.0, 1.5), (0.5, 0.8)], (2.0, -1.0)),
    "dweibull": ([(1.5,), (0.7,)], (-0.5,)),
    "truncweibull_min": ([(2.0, 0.5, 3.0), (0.8, 0.1, 1.5)], (2.0, 3.0, 1.0)),
    "truncexpon": ([(2.0,), (0.1,), (30.0,)], (-1.0,)),
    "exponpow": ([(2.5,), (0.7,)], (0.0,)),
    "genlogistic": ([(0.5,), (3.0,)], (-1.0,)),
    "genhalflogistic": ([(0.5,), (1.5,)], (0.0,)),
    "laplace_asymmetric": ([(2.0,), (0.6,)], (-2.0,)),
    "loglaplace": ([(3.0,), (4.5,), (1.5,)], (0.0,)),
    "truncpareto": ([(2.0, 5.0), (0.5, 3.0)], (2.0, 0.5)),
    "trapezoid": ([(0.2, 0.7), (0.0, 0.5), (0.3, 1.0)], (0.7, 0.2)),
    "bradford": ([(0.5,), (0.1,), (5.0,)], (-0.5,)),
    "anglit": ([()], None),
    "foldcauchy": ([(1.0,), (0.3,)], (-1.0,)),
    "skewcauchy": ([(0.3,), (-0.7,)], (1.0,)),
    # h > 1 puts a point of PROBS 1e-11 above the lower end, where x's own rounding
    # moves cdf by 1e-6 relative (all of ours, scipy's and mpmath's at the rounded x differ)
    "kappa4": ([(0.5, 0.3), (-0.4, -0.2), (0.0, 0.3), (0.6, 0.0), (0.0, 0.0), (1.0, 1.0)],
               (math.inf, 0.3)),
    "semicircular": ([()], None),
    "cosine": ([()], None),
    "rdist": ([(3.0,), (0.8,)], (0.0,)),
}
METHODS = ("logpdf", "pdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf")
# Laws through the incomplete beta function and its inverse, whose XLA programs take
# many seconds to compile: CI runs these methods once (no round trips); a deep run
# (JAXWRAP_NUM_CASES >= 10) runs everything.
DEEP = NUM_CASES >= 10
SLOW = {"rdist": ("logpdf", "cdf", "mean", "var", "entropy")}
MOMENTS = ("mean", "var", "std", "entropy", "median")
NPTS = 11  # scipy's quantiles of PROBS (<= 9 points) and two points beyond the support

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # scipy integrates these entropies numerically (ours are closed forms)
    ("burr", "entropy"): 1e-10, ("burr12", "entropy"): 1e-10, ("mielke", "entropy"): 1e-10,
    ("kappa3", "entropy"): 1e-10, ("trapezoid", "entropy"): 1e-10,
    ("genhalflogistic", "entropy"): 1e-10, ("truncpareto", "entropy"): 1e-10,
    # scipy's is numerical (1.8e-11 from mpmath at c = 0.8); ours 4e-12 (lgamma and
    # digamma rounding in log B(a, a) - 2 (a - 1)(psi(a) - psi(2a)), which cancels)
    ("rdist", "entropy"): 3e-11,
    # quantiles through the incomplete beta inverse (iterative, ~1e-12)
    ("rdist", "ppf"): 1e-10, ("rdist", "isf"): 1e-10, ("rdist", "median"): 1e-10,
    # the GEV skew/kurtosis for |c| >= 0.2 come from differences of lgamma(1 + j c)
    # that cancel: ~1e-11 relative (1e-15 below, by the series); against mpmath
    ("genextreme", "stats"): 1e-11,
}
# (name, params) whose higher moments scipy computes inexactly (cancellation in its
# raw-moment formulas, up to 1e-8 relative): compared with mpmath instead
MP_STATS = {("genextreme", (0.3,)), ("genextreme", (0.01,)), ("genextreme", (1e-9,)),
            ("genextreme", (1e-4,)), ("genextreme", (-1e-4,)), ("genextreme", (0.199,)),
            ("kappa3", (4.5,)),
            ("truncexpon", (0.1,)), ("truncexpon", (30.0,)), ("bradford", (0.5,)),
            ("bradford", (0.1,))}


def _tol(name, m):
    return TOL.get((name, m), 1e-12)


def _points(name, params):
    ref = getattr(ss, name)
    x = ref.ppf(PROBS, *params)
    x = np.unique(x[np.isfinite(x)])
    xs = LOC + SCALE * x
    xs = np.concatenate([xs, [xs[0] - 1.5, xs[-1] + 1.5]])  # beyond the support
    return np.concatenate([xs, np.full(NPTS - xs.size, xs[len(xs) // 2])])


def _all(ns, name):
    """One jitted function: every method and stats.  ppf and isf take their own
    probabilities, so a second call with cdf(x) and sf(x) gives the round trips
    without compiling again."""
    d = CS.TABLE[name]
    # numeric moments are checked against mpmath (tests/test_stats_numeric_moments.py)
    have = [m for m in METHODS + MOMENTS if hasattr(ns, m) and not numeric_moment(d, m)]
    if name in SLOW and not DEEP:
        have = [m for m in have if m in SLOW[name]]

    def run(x, qp, qi, params, loc, scale):
        out = {}
        for m in have:
            fn = getattr(ns, m)
            if m in ("ppf", "isf"):
                out[m] = fn(qp if m == "ppf" else qi, *params, loc, scale)
            elif m in MOMENTS:
                out[m] = fn(*params, loc, scale)
            else:
                out[m] = fn(x, *params, loc, scale)
        if hasattr(ns, "stats") and closed_form_stats(d):
            out["stats"] = ns.stats(*params, loc, scale, moments="mvsk")
        return out
    return jax.jit(run), have


# --- mpmath references for moments ------------------------------------------------------------
def _mvsk_from_raw(m):
    mu = m[1] / m[0]
    v = m[2] / m[0] - mu ** 2
    c3 = m[3] / m[0] - 3 * mu * m[2] / m[0] + 2 * mu ** 3
    c4 = m[4] / m[0] - 4 * mu * m[3] / m[0] + 6 * mu ** 2 * m[2] / m[0] - 3 * mu ** 4
    return [float(mu), float(v), float(c3 / v ** 1.5), float(c4 / v ** 2 - 3)]


def _mp_stats(name, params):
    """Standardized (loc 0, scale 1) mean, var, skew, kurtosis by mpmath."""
    # 80 digits: the genextreme raw moments cancel to O(c^n) (c = 1e-9 in a test)
    with mp.workdps(80):
        p = [mp.mpf(v) for v in params]
        if name == "genextreme":  # E[(1 - W)^n] / c^n with E[W^j] = Gamma(1 + j c)
            c = p[0]
            g = [mp.gamma(1 + j * c) for j in range(5)]
            raw = [sum(mp.binomial(n, j) * (-1) ** j * g[j] for j in range(n + 1)) / c ** n
                   for n in range(5)]
            return _mvsk_from_raw(raw)
        if name == "kappa3":  # a^(n/a) (1/a) B(1/a + n/a, 1 - n/a)
            a = p[0]
            return _mvsk_from_raw([a ** (n / a) / a * mp.beta((1 + n) / a, 1 - n / a)
                                   for n in range(5)])
        if name == "truncexpon":
            b = p[0]
            return _mvsk_from_raw([mp.quad(lambda x: x ** n * mp.exp(-x), [0, b])
                                   for n in range(5)])
        if name == "bradford":
            c = p[0]
            return _mvsk_from_raw([mp.quad(lambda x: x ** n / (1 + c * x), [0, 1])
                                   for n in range(5)])
    raise KeyError(name)


def _stats_ref(name, params):
    if (name, params) in MP_STATS:
        m, v, s, k = _mp_stats(name, params)
        return [LOC + SCALE * m, SCALE ** 2 * v, s, k]
    return [float(v) for v in getattr(ss, name).stats(*params, loc=LOC, scale=SCALE,
                                                      moments="mvsk")]


# --- against scipy, round trips, invalid parameters --------------------------------------------
@pytest.mark.parametrize("name", sorted(CASES))
def test_against_scipy(name):
    ns = getattr(wss, name)
    sets, invalid = CASES[name]
    fn, have = _all(ns, name)
    rows = sets + ([invalid] if invalid is not None else [])
    xs = np.stack([_points(name, p) for p in sets]
                  + ([_points(name, sets[0])] if invalid is not None else []))
    params = tuple(np.array([[r[i]] for r in rows], np.float64) for i in range(len(sets[0])))
    probs = np.broadcast_to(np.concatenate([PROBS, [0.5, 0.5]]), xs.shape)  # NPTS of them
    with jax.enable_x64(True):
        got = fn(xs, probs, probs, params, np.float64(LOC), np.float64(SCALE))
        trips = None
        if "ppf" in got and "isf" in got:
            trips = fn(xs, got["cdf"], got["sf"], params, np.float64(LOC), np.float64(SCALE))
    q = np.concatenate([PROBS, [0.5, 0.5]])
    ref_law = getattr(ss, name)
    for i, p in enumerate(sets):
        x = xs[i]
        for m in have:
            g = np.asarray(got[m])
            g = g[i] if g.ndim else g
            if m in ("mean", "var", "std") and (name, p) in MP_STATS:
                g = g.reshape(())
                mv = _stats_ref(name, p)
                want = {"mean": mv[0], "var": mv[1], "std": math.sqrt(mv[1])}[m]
            elif m in MOMENTS:
                g = g.reshape(())
                want = getattr(ref_law, m)(*p, loc=LOC, scale=SCALE)
            elif m in ("ppf", "isf"):
                want = getattr(ref_law, m)(q, *p, loc=LOC, scale=SCALE)
            else:
                want = getattr(ref_law, m)(x, *p, loc=LOC, scale=SCALE)
            atol = 0.0 if m == "median" else _atol(name, m, want, x, q, p, LOC, SCALE, False)
            _assert_rel(g, want, _tol(name, m), f"{name}{p}.{m}", atol)
        if "stats" in got:
            g = np.array([np.asarray(s).reshape(len(rows))[i] for s in got["stats"]])
            _assert_rel(g, np.array(_stats_ref(name, p)), _tol(name, "stats"),
                        f"{name}{p}.stats")
        # round trips away from the ends of PROBS (where cdf saturates); the inverse is
        # ill-conditioned where the density is small: error ~ eps * cdf / (x pdf)
        qx = LOC + SCALE * ref_law.ppf(PROBS[[0, -1]], *p)
        inner = (x > qx[0]) & (x < qx[1])
        for k in ("ppf", "isf") if trips is not None else ():
            np.testing.assert_allclose(np.asarray(trips[k])[i][inner], x[inner], rtol=1e-9,
                                       atol=1e-9, err_msg=f"{name}{p}: {k} round trip")
    if invalid is not None:  # the last row: every method NaN
        for m in have:
            assert np.all(np.isnan(np.asarray(got[m])[-1])), f"{name}{invalid}.{m} not NaN"


# --- mpmath where scipy itself is inexact ------------------------------------------------------
def test_log_tails_against_mpmath():
    """Log-probabilities in the tails, where 1 - cdf would lose every digit."""
    f = mp.mpf
    cases = [
        ("burr12", "logsf", 1e6, (2.0, 3.0), lambda x: -3 * mp.log1p(f(x) ** 2)),
        ("burr", "logcdf", 1e-8, (2.0, 3.0), lambda x: -3 * mp.log1p(f(x) ** -2)),
        ("genextreme", "logcdf", -9.0, (-0.1,), lambda x: -(1 + f(0.1) * f(x)) ** -10),
        ("genextreme", "logsf", 4.0, (0.2,), lambda x: mp.log(1 - mp.exp(-(1 - f(0.2) * x) ** 5))),
        ("truncexpon", "logsf", 1.9999999, (2.0,),
         lambda x: mp.log((mp.exp(-f(x)) - mp.exp(-2)) / (1 - mp.exp(-2)))),
        ("genlogistic", "logsf", 60.0, (0.5,), lambda x: mp.log(1 - (1 + mp.exp(-f(x))) ** -0.5)),
        ("laplace_asymmetric", "logsf", 300.0, (2.0,), lambda x: mp.log(mp.exp(-2 * f(x)) / 5)),
        ("exponweib", "logsf", 8.0, (2.0, 1.5),
         lambda x: mp.log(1 - (1 - mp.exp(-f(x) ** 1.5)) ** 2)),
        ("truncpareto", "logsf", 4.999999, (2.0, 5.0),
         lambda x: mp.log((f(x) ** -2 - f(5) ** -2) / (1 - f(5) ** -2))),
        ("skewcauchy", "logcdf", -1e12, (0.3,),
         lambda x: mp.log(f(0.7) / mp.pi * (mp.pi / 2 + mp.atan(f(x) / f(0.7))))),
        ("dweibull", "logsf", 30.0, (1.5,), lambda x: mp.log(mp.exp(-f(x) ** 1.5) / 2)),
    ]
    with mp.workdps(40), jax.enable_x64(True):
        for name, m, x, p, ref in cases:
            got = float(getattr(getattr(wss, name), m)(x, *p))
            # relative 1e-12: near an end of a bounded support (truncexpon, truncpareto)
            # the log-sf's condition number x f / sf is ~2e7, so 2e-9
            rtol = 2e-9 if name in ("truncexpon", "truncpareto") else 1e-12
            np.testing.assert_allclose(got, float(ref(x)), rtol=rtol, err_msg=f"{name}.{m}")


# --- gradients ----------------------------------------------------------------------------------
GRADS = [("genextreme", (0.3,)), ("burr12", (2.0, 3.0)), ("trapezoid", (0.2, 0.7))]


@pytest.mark.parametrize("name,params", GRADS, ids=lambda v: str(v))
def test_gradients(name, params):
    ns = getattr(wss, name)
    x = LOC + SCALE * getattr(ss, name).ppf(np.array([0.3, 0.6]), *params)  # off the kinks
    with jax.enable_x64(True):
        for method in ("logpdf", "cdf"):
            fn = getattr(ns, method)
            args = (x, *[np.float64(p) for p in params])
            # central differences with eps=1e-5: truncation error ~1e-10 relative
            check_grads(lambda z, *a, fn=fn: fn(z, *a, LOC, SCALE), args, order=1,
                        modes=("rev",), atol=1e-6, rtol=1e-6, eps=1e-5)


# --- eager / jit / vmap, dtypes, purity ------------------------------------------------------
@pytest.mark.parametrize("name,method,params", [("genextreme", "logpdf", (0.3,)),
                                                ("trapezoid", "ppf", (0.2, 0.7))],
                         ids=lambda v: str(v))
def test_harness(name, method, params):
    fn = getattr(getattr(wss, name), method)
    x = np.array([0.1, 0.4, 0.8], np.float32)
    ref = getattr(getattr(ss, name), method)
    check(fn, ref, [x, *[np.float32(p) for p in params]],
          tol=1e-5,  # float32 against float64 scipy: a few ulps of the result
          grad=0, vmap_argnums=[0])


def test_every_method_is_pure_and_keeps_float32():
    x = np.array([0.2, 0.6], np.float32)
    for name in CS.TABLE:
        ns = getattr(wss, name)
        p = tuple(np.float32(v) for v in CASES[name][0][0])
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
                    assert_pure(lambda *a, fn=fn: fn(*a, moments="mvsk"), *p)
            elif m == "moment":
                if p:
                    assert_pure(lambda *a, fn=fn: fn(3, *a), *p)
            elif m == "interval":
                assert_pure(fn, np.float32(0.5), *p)
            else:
                assert_pure(fn, x, *p)
                out = jax.eval_shape(fn, x, *p)
                assert out.dtype == np.float32, f"{name}.{m}: {out.dtype}"


def test_moment_interval_support_rvs():
    with jax.enable_x64(True):
        ns, ref = wss.burr12, ss.burr12
        p, kw = (2.0, 3.0), {"loc": 0.5, "scale": 2.0}
        got = [float(ns.moment(n, *p, **kw)) for n in (1, 4)]  # each order compiles once
        # scipy's moment(4) goes through its own stats (1e-12 relative each)
        np.testing.assert_allclose(got, [ref.moment(n, *p, **kw) for n in (1, 4)], rtol=1e-11)
        np.testing.assert_allclose(np.array(ns.interval(0.9, *p, **kw)),
                                   np.array(ref.interval(0.9, *p, **kw)), rtol=1e-12)
        lo, hi = wss.truncpareto.support(2.0, 5.0, **kw)
        assert (float(lo), float(hi)) == (2.5, 10.5)
        # draws by inversion follow the law: 6 standard errors of the mean of 4000 draws
        draws = wss.genextreme.rvs(jax.random.key(3), 0.2, size=(4000,))
        m, v = ss.genextreme.stats(0.2, moments="mv")
        assert draws.dtype == np.float64
        assert abs(float(np.mean(np.asarray(draws))) - m) < 6 * math.sqrt(v / 4000)


def test_wrong_types_raise_naming_the_argument():
    with pytest.raises(TypeError, match=r"genextreme\.cdf.*c"):
        wss.genextreme.cdf(1.0, object())
    with pytest.raises(TypeError, match=r"trapezoid\.logpdf"):
        wss.trapezoid.logpdf(0.5, 0.2)  # d missing
    with pytest.raises(ValueError, match=r"burr\.pdf"):
        wss.burr.pdf(np.ones(3), np.ones(2), 1.0)


@pytest.mark.parametrize("name", ["trapezoid"])
def test_docstring_examples(name):
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    mod = getattr(wss, name)
    n = 0
    for m in ("logpdf", "cdf", "ppf", "mean", "entropy"):
        for test in finder.find(getattr(mod, m), f"{name}.{m}", globs={}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 25
    assert runner.summarize(verbose=False).failed == 0
