"""jaxwrap.scipy.stats continuous laws, part C (``continuous_more.py``):
every method against scipy.stats in float64 (x64 on), tails against mpmath
where scipy itself is inexact, round trips, invalid parameters, gradients,
eager/jit/vmap, purity and docstrings.

Every method of one law, for all its parameter sets (stacked along a leading
axis, plus one row of invalid parameters) and the round trips, is evaluated in
ONE jax.jit call.
"""

from __future__ import annotations

import doctest
import functools
import math

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from jaxwrap._src.scipy.stats import continuous_more as CM
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
    # m = 1.6: infinite mean and variance; m = 4.5, 5: infinite kurtosis (inf / NaN as
    # scipy's); (0.7, 8): all four moments finite
    "crystalball": ([(2.0, 4.5), (0.7, 5.0), (1.5, 1.6), (0.7, 8.0)], (2.0, 1.0)),
    "argus": ([(0.5,), (1.5,), (5.0,)], (-1.0,)),
    "rel_breitwigner": ([(0.5,), (2.0,), (10.0,)], (0.0,)),
    "genexpon": ([(9.0, 16.0, 3.0), (0.5, 2.0, 0.3)], (1.0, -1.0, 1.0)),
    # small a: scipy's 1 + t / r cancels in the far lower tail (5e-4 relative at the
    # 1e-9 quantile of (0.7, 5)); that tail is checked against mpmath instead
    "jf_skew_t": ([(3.0, 2.0), (10.0, 10.0), (2.0, 4.0)], (0.0, 1.0)),
}
METHODS = ("logpdf", "pdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf")
MOMENTS = ("mean", "var", "std", "median")
# jf_skew_t goes through the incomplete beta function and its inverse, whose XLA programs
# take seconds each to compile: CI runs these methods (one inverse); a deep run
# (JAXWRAP_NUM_CASES >= 10) runs every method.
DEEP = NUM_CASES >= 10
SLOW = {"jf_skew_t": ("logpdf", "cdf", "ppf")}
# median is ppf(1/2) (0.5 is among PROBS): compared separately only where ppf is a closed
# form, so each law compiles the quantile solver once (twice with isf)
SOLVED = ("argus", "rel_breitwigner", "genexpon")
NPTS = 11  # scipy's quantiles of PROBS (9 points) and two points beyond the support

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # quantiles by the iterative solver: converged to a few ulps of the log-probability
    ("rel_breitwigner", "median"): 1e-11, ("genexpon", "median"): 1e-11,
    ("argus", "median"): 1e-11,
    # near z = 1 scipy forms 1 - z^2 (relative error eps / (1 - z^2), 3e-10 at the
    # 1 - 1e-9 quantile); ours (1 - z)(1 + z): checked against mpmath there instead
    ("argus", "logpdf"): 1e-9, ("argus", "pdf"): 1e-9,
    # argus: E[X^2] = 1 - 3 / chi^2 + chi phi(chi) / Psi(chi) cancels for small chi (in
    # ours and scipy's alike: ~1e-13 apart at chi = 0.5)
    ("argus", "var"): 1e-11, ("argus", "std"): 1e-11, ("argus", "stats"): 1e-11,
    # jf_skew_t's kurtosis combines its raw moments from the beta representation:
    # ~1e-12 relative cancellation inside the all-methods program
    ("jf_skew_t", "stats"): 1e-11,
}
# Absolute slack for stats() where scipy integrates numerically and ours is closed
# form: jf_skew_t(10, 10) is t with 20 degrees of freedom (skew 0, excess kurtosis
# 6/16 = 0.375 exactly); scipy gives -1.9e-15 and 0.37499999999998.
STATS_ATOL = {"jf_skew_t": 1e-13}


def _tol(name, m):
    return TOL.get((name, m), 1e-12)


def _points(name, params):
    x = getattr(ss, name).ppf(PROBS, *params)
    x = np.unique(x[np.isfinite(x)])
    xs = LOC + SCALE * x
    xs = np.concatenate([xs, [xs[0] - 1.5, xs[-1] + 1.5]])  # beyond the support
    return np.concatenate([xs, np.full(NPTS - xs.size, xs[len(xs) // 2])])


def _mvsk(name):
    """The moments a law has in closed form: all four, or mean and variance."""
    return "mvsk" if CM.TABLE[name].skew is not None else "mv"


@functools.cache
def _all(name):
    """One jitted function: every method and stats.  ppf and isf take their own
    probabilities, so a second call with cdf(x) and sf(x) gives the round trips.
    Cached per law: the mpmath tail checks reuse the compiled program."""
    ns = getattr(wss, name)
    d = CM.TABLE[name]
    # numeric moments are checked against mpmath (tests/test_stats_numeric_moments.py)
    have = [m for m in METHODS + MOMENTS if hasattr(ns, m) and not numeric_moment(d, m)]
    if name in SLOW and not DEEP:
        have = [m for m in have if m in SLOW[name]]
    if name in SOLVED and not DEEP:
        have = [m for m in have if m != "median"]

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
        if closed_form_stats(d, _mvsk(name)):
            out["stats"] = ns.stats(*params, loc, scale, moments=_mvsk(name))
        return out
    return jax.jit(run), have


@pytest.mark.parametrize("name", sorted(CASES))
def test_against_scipy(name):
    sets, invalid = CASES[name]
    fn, have = _all(name)
    rows = sets + [invalid]
    xs = np.stack([_points(name, p) for p in sets] + [_points(name, sets[0])])
    params = tuple(np.array([[r[i]] for r in rows], np.float64) for i in range(len(sets[0])))
    probs = np.broadcast_to(np.concatenate([PROBS, [0.5, 0.5]]), xs.shape)  # NPTS of them
    with jax.enable_x64(True):
        got = fn(xs, probs, probs, params, np.float64(LOC), np.float64(SCALE))
        qi = got["sf"] if "sf" in got else probs  # no isf round trip without sf
        trips = fn(xs, got["cdf"], qi, params, np.float64(LOC), np.float64(SCALE))
    q = np.concatenate([PROBS, [0.5, 0.5]])
    ref_law = getattr(ss, name)
    for i, p in enumerate(sets):
        x = xs[i]
        for m in have:
            g = np.asarray(got[m])
            g = g[i] if g.ndim else g
            if m in MOMENTS:
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
            want = np.array(ref_law.stats(*p, loc=LOC, scale=SCALE, moments=_mvsk(name)),
                            np.float64)
            _assert_rel(g, want, _tol(name, "stats"), f"{name}{p}.stats",
                        STATS_ATOL.get(name, 0.0))
        # round trips away from the ends of PROBS (where cdf saturates)
        qx = LOC + SCALE * ref_law.ppf(PROBS[[0, -1]], *p)
        inner = (x > qx[0]) & (x < qx[1])
        for k in ("ppf", "isf") if name not in SLOW or DEEP else ("ppf",):
            np.testing.assert_allclose(np.asarray(trips[k])[i][inner], x[inner], rtol=1e-9,
                                       atol=1e-9, err_msg=f"{name}{p}: {k} round trip")
    for m in have:  # the last row: every method NaN
        assert np.all(np.isnan(np.asarray(got[m])[-1])), f"{name}{invalid}.{m} not NaN"


# --- mpmath where scipy itself is inexact (its sf is 1 - cdf, its ppf a root finder) --------
def _rbw_sf_mp(x, rho):
    r = mp.mpf(rho)
    q = r * mp.sqrt(r ** 2 + 1)
    k = 4 * q * r / mp.sqrt(2 * (q + r ** 2)) / mp.pi
    return mp.quad(lambda t: k / ((t ** 2 - r ** 2) ** 2 + r ** 2), [mp.mpf(x), mp.inf])


def _argus_logpdf_mp(x, chi):
    x, chi = mp.mpf(x), mp.mpf(chi)
    psi = mp.gammainc(1.5, 0, chi ** 2 / 2, regularized=True) / 2
    return (3 * mp.log(chi) - mp.log(mp.sqrt(2 * mp.pi) * psi) + mp.log(x)
            + mp.log(1 - x * x) / 2 - chi ** 2 * (1 - x * x) / 2)


def _argus_cdf_mp(x, chi):
    """(Q(3/2, w (1 - x^2)) - Q(3/2, w)) / P(3/2, w), w = chi^2 / 2, at 40 digits."""
    x, w = mp.mpf(x), mp.mpf(chi) ** 2 / 2
    q = lambda v: mp.gammainc(1.5, v, mp.inf, regularized=True)  # noqa: E731
    return (q(w * (1 - x * x)) - q(w)) / mp.gammainc(1.5, 0, w, regularized=True)


def _jf_mp(t, a, b):
    """jf_skew_t (logpdf, cdf) at 40 digits (Jones & Faddy 2003)."""
    a, b, t = mp.mpf(a), mp.mpf(b), mp.mpf(t)
    x = (1 + t / mp.sqrt(a + b + t * t)) / 2
    logc = (a + b - 1) * mp.log(2) + mp.log(mp.beta(a, b)) + mp.log(a + b) / 2
    lp = (a + 0.5) * mp.log(2 * x) + (b + 0.5) * mp.log(2 * (1 - x)) - logc
    return lp, mp.betainc(a, b, 0, x, regularized=True)


def test_tails_against_mpmath():
    f = mp.mpf
    cases = [
        # the series branch (z^2 >= 4 q) and the closed form just below it
        ("rel_breitwigner", "sf", 453.485663, (0.5,), lambda x: _rbw_sf_mp(x, 0.5)),
        ("rel_breitwigner", "sf", 12.0, (10.0,), lambda x: _rbw_sf_mp(x, 10.0)),
        ("rel_breitwigner", "cdf", 1e-5, (0.5,),
         lambda x: 1 - _rbw_sf_mp(x, 0.5)),
        ("crystalball", "logsf", 30.0, (2.0, 4.5),
         lambda x: mp.log(mp.ncdf(-f(x)) / (f(4.5) / (2 * f(3.5)) * mp.npdf(2)
                                            + mp.ncdf(2)))),
        ("crystalball", "logcdf", -1e6, (2.0, 4.5),
         lambda x: mp.log(f(4.5) / (2 * f(3.5)) * mp.npdf(2) * (1 + 2 * (-2 - f(x)) / 4.5)
                          ** -3.5 / (f(4.5) / (2 * f(3.5)) * mp.npdf(2) + mp.ncdf(2)))),
        ("argus", "logpdf", 0.9999999, (1.5,), lambda x: _argus_logpdf_mp(x, 1.5)),
        # the three forms of the argus cdf: quadrature (small x), difference of Q's, 1 - sf
        ("argus", "cdf", 1e-5, (20.0,), lambda x: _argus_cdf_mp(x, 20.0)),
        ("argus", "cdf", 0.3, (20.0,), lambda x: _argus_cdf_mp(x, 20.0)),
        ("argus", "cdf", 0.2, (0.5,), lambda x: _argus_cdf_mp(x, 0.5)),
        ("argus", "logsf", 0.999999, (5.0,),
         lambda x: mp.log(1 - _argus_cdf_mp(x, 5.0))),
        ("jf_skew_t", "logpdf", -7555536.5, (0.7, 5.0), lambda t: _jf_mp(t, 0.7, 5.0)[0]),
        ("jf_skew_t", "cdf", -7555536.5, (0.7, 5.0), lambda t: _jf_mp(t, 0.7, 5.0)[1]),
        ("genexpon", "logsf", 200.0, (0.5, 2.0, 0.3),
         lambda x: -(f(2.5) * x - f(2) / f(0.3) * (1 - mp.exp(-f(0.3) * x)))),
        ("genexpon", "ppf", 1e-12, (9.0, 16.0, 3.0), lambda q: mp.findroot(
            lambda t: 1 - mp.exp(-(25 * t - f(16) / 3 * (1 - mp.exp(-3 * t)))) - f(q),
            f(q) / 9)),
    ]
    with mp.workdps(40), jax.enable_x64(True):
        for name, m, x, p, ref in cases:
            # test_against_scipy's program for the law (compiled once): every row and
            # point at (x, p), loc 0, scale 1; x is the probability for ppf
            fn, have = _all(name)
            assert m in have, f"{name}.{m} not in the compiled program"
            rows = len(CASES[name][0]) + 1
            xs = np.full((rows, NPTS), x, np.float64)
            params = tuple(np.full((rows, 1), v, np.float64) for v in p)
            out = fn(xs, xs, xs, params, np.float64(0.0), np.float64(1.0))[m]
            assert out.dtype == np.float64, f"{name}.{m}: {out.dtype}"
            np.testing.assert_allclose(np.asarray(out), np.full(out.shape, float(ref(x))),
                                       rtol=1e-12, err_msg=f"{name}{p}.{m} at {x}")


# --- gradients ----------------------------------------------------------------------------------
GRADS = [("crystalball", (2.0, 4.5)), ("argus", (1.5,)), ("rel_breitwigner", (2.0,)),
         ("genexpon", (0.5, 2.0, 0.3)), ("jf_skew_t", (3.0, 2.0))]


@pytest.mark.parametrize("name,params", GRADS, ids=lambda v: str(v))
def test_gradients(name, params):
    ns = getattr(wss, name)
    # one point in each piece of crystalball (tail below -beta, core above)
    x = LOC + SCALE * getattr(ss, name).ppf(np.array([0.01, 0.6]), *params)
    methods = ("logpdf", "cdf")  # in one jitted function (one compile per law)
    if name in SLOW and not DEEP:
        # the incomplete beta function's derivatives in a and b take ~15 s to compile:
        # CI checks logpdf here (the cdf's in the deep run)
        methods = ("logpdf",)

    def f(z, *a):
        return [getattr(ns, m)(z, *a, LOC, SCALE) for m in methods]
    with jax.enable_x64(True):
        # central differences with eps=1e-5: truncation error ~1e-10 relative
        check_grads(jax.jit(f), (x, *[np.float64(p) for p in params]), order=1,
                    modes=("rev",), atol=1e-6, rtol=1e-6, eps=1e-5)


# --- eager / jit / vmap, dtypes, purity ------------------------------------------------------
@pytest.mark.parametrize("name,method,params", [("crystalball", "cdf", (2.0, 3.0)),
                                                ("genexpon", "logpdf", (9.0, 16.0, 3.0))],
                         ids=lambda v: str(v))
def test_harness(name, method, params):
    fn = getattr(getattr(wss, name), method)
    x = np.array([-3.0, 0.1, 0.4, 0.8], np.float32)
    ref = getattr(getattr(ss, name), method)
    check(fn, ref, [x, *[np.float32(p) for p in params]],
          tol=1e-5,  # float32 against float64 scipy: a few ulps of the result
          grad=0, vmap_argnums=[0])


def test_every_method_is_pure_and_keeps_float32():
    x = np.array([0.2, 0.6], np.float32)
    for name in CM.TABLE:
        ns = getattr(wss, name)
        p = tuple(np.float32(v) for v in CASES[name][0][0])
        for m in ns.__all__:
            fn = getattr(ns, m)
            if m == "rvs":
                key = np.asarray(jax.random.PRNGKey(0))  # a raw uint32 key, traced as data
                assert_pure(lambda k, *a, fn=fn: fn(k, *a, size=(2,)), key, *p)
            elif m in ("mean", "var", "std", "median", "support"):
                assert_pure(fn, *p)
            elif m == "stats":
                assert_pure(lambda *a, fn=fn: fn(*a, moments="mv"), *p)
            elif m == "moment":
                assert_pure(lambda *a, fn=fn: fn(2, *a), *p)
            elif m == "interval":
                assert_pure(fn, np.float32(0.5), *p)
            elif m in ("ppf", "isf") and name != "crystalball":
                continue  # the solver: one compile per law here is too slow; covered below
            else:
                assert_pure(fn, x, *p)
                out = jax.eval_shape(fn, x, *p)
                assert out.dtype == np.float32, f"{name}.{m}: {out.dtype}"


def test_float32_quantile_and_rvs():
    q = np.array([0.1, 0.5, 0.9], np.float32)
    got = wss.genexpon.ppf(q, np.float32(0.5), np.float32(2.0), np.float32(0.3))
    assert got.dtype == np.float32
    np.testing.assert_allclose(np.asarray(got), ss.genexpon.ppf(q, 0.5, 2.0, 0.3),
                               rtol=1e-5)  # float32: a few ulps
    with jax.enable_x64(True):
        # draws by inversion follow the law: 6 standard errors of the mean of 4000 draws
        draws = wss.crystalball.rvs(jax.random.key(3), 2.0, 4.5, size=(4000,))
        m, v = ss.crystalball.stats(2.0, 4.5, moments="mv")
        assert draws.dtype == np.float64
        assert abs(float(np.mean(np.asarray(draws))) - m) < 6 * math.sqrt(v / 4000)


def test_wrong_types_raise_naming_the_argument():
    with pytest.raises(TypeError, match=r"crystalball\.cdf.*m"):
        wss.crystalball.cdf(1.0, 2.0, object())
    with pytest.raises(TypeError, match=r"genexpon\.logpdf"):
        wss.genexpon.logpdf(0.5, 1.0, 2.0)  # c missing
    with pytest.raises(ValueError, match=r"rel_breitwigner\.pdf"):
        wss.rel_breitwigner.pdf(np.ones(3), np.ones(2))


@pytest.mark.parametrize("name", ["crystalball"])
def test_docstring_examples(name):
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    mod = getattr(wss, name)
    n = 0
    for m in ("logpdf", "cdf", "ppf", "mean"):
        for test in finder.find(getattr(mod, m), f"{name}.{m}", globs={}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 12
    assert runner.summarize(verbose=False).failed == 0
