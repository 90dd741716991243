"""Moments and entropies of the continuous laws without a closed form in their
table entry: jaxwrap's probability-scale tanh-sinh rule (stats/_quadrature.py)
and the closed forms added beside it (jf_skew_t, wrapcauchy, skewnorm's entropy).

References: mpmath quadrature of the density at 25 digits
(tests/data/stats/numeric_moments.json, written by
tools/stats_numeric_moments_refs.py) where scipy's own values come from its numeric integration (scipy is off
by up to 5e-3 there, e.g. powerlognorm's kurtosis); scipy where it has a closed
form or an accurate quadrature (tolerance stated per case).  Every distribution
is one jitted program over its whole parameter grid (compiles dominate).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import jax
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from tests.harness import DEEP

REFS = json.loads((Path(__file__).parent / "data" / "stats" / "numeric_moments.json").read_text())
KEYS = ("mean", "var", "skew", "kurtosis", "entropy")
# mpmath cases whose reference is meaningless: moments that do not exist (crystalball with
# m <= 2, 3: the mpmath sums are of a divergent integral) and symmetric skews (0 vs 1e-25)
_SKIP = {("crystalball", "mean"), ("crystalball", "var"), ("crystalball", "skew"),
         ("crystalball", "kurtosis"), ("wrapcauchy", "skew")}
# the compile of the distribution's quantile function takes several seconds (iterative
# inverses): CI checks them against scipy only where the closed forms are new
SLOW = ("powernorm", "genexpon", "argus", "johnsonsb", "exponnorm", "foldnorm", "invgauss",
        "recipinvgauss", "wald", "alpha")


def _grid(name):
    rows = [r for r in REFS if r["dist"] == name]
    args = [np.array([float(r["args"][i]) for r in rows]) for i in range(len(rows[0]["args"]))]
    want = {k: np.array([float(r[k]) for r in rows]) for k in KEYS}
    return args, want


def _all(ns, with_entropy=True):
    """mean, var, skew, kurtosis (and entropy) in one jitted program."""
    def run(*a):
        out = dict(zip(KEYS, ns.stats(*a, moments="mvsk")))
        if with_entropy:
            out["entropy"] = ns.entropy(*a)
        return out
    return jax.jit(run)


def _close(got, want, rtol, what, atol=0.0):
    got = np.asarray(got)
    assert got.dtype == np.float64, f"{what}: dtype {got.dtype}"
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    with np.errstate(invalid="ignore"):
        ok = same | (np.abs(got - want) <= atol + rtol * np.abs(want))
    assert ok.all(), f"{what}: got {got[~ok]} want {want[~ok]}"


MP_NAMES = sorted({r["dist"] for r in REFS} - {"ksone"} - (set() if DEEP else set(SLOW)))


@pytest.mark.parametrize("name", MP_NAMES)
def test_against_mpmath(name):
    args, want = _grid(name)
    ns = getattr(wss, name)
    with jax.enable_x64(True):
        got = _all(ns)(*args)
    for k in KEYS:
        if (name, k) in _SKIP:
            continue
        # 2e-12: the rule itself is at rounding (the worst case, exponpow's entropy at
        # b = 0.5, is 5e-13: -log pdf grows like x^b near the far tail)
        _close(got[k], want[k], 2e-12, f"{name}.{k}")


# laws whose new numbers scipy computes in closed form or by an accurate quadrature:
# name -> (parameter sets, methods, rtol, why the rtol)
SCIPY_CASES = {
    "rel_breitwigner": ([(2.0,), (0.5,), (10.0,)], "mvsk", 1e-13, "scipy's closed form"),
    "truncweibull_min": ([(2.0, 0.5, 2.0), (0.7, 0.1, 3.0)], "mvske", 1e-12,
                         "scipy's closed form through gammainc"),
    "jf_skew_t": ([(3.0, 4.0), (5.0, 2.5), (1.5, 0.8)], "mvske", 1e-12,
                  "scipy's closed form (entropy: scipy's quadrature, ~2e-13)"),
    "genhalflogistic": ([(0.5,), (2.0,)], "mvsk", 1e-12, "scipy's quadrature (~4e-13)"),
    "invgauss": ([(0.3,), (2.0,)], "e", 1e-13, "scipy's closed form through exp1"),
    "wald": ([()], "e", 1e-13, "scipy's closed form"),
    "skewnorm": ([(3.0,), (-1.0,), (0.0,), (40.0,)], "e", 1e-12,
                 "scipy's quadrature (~5e-16 on these)"),
    # scipy integrates these entropies numerically (quad, ~1e-14 .. 1e-12 here)
    "recipinvgauss": ([(0.5,), (3.0,)], "e", 1e-11, "scipy's quadrature"),
    "exponnorm": ([(0.5,), (3.0,)], "e", 1e-11, "scipy's quadrature"),
    "foldnorm": ([(0.5,), (2.0,)], "e", 1e-11, "scipy's quadrature"),
    "fatiguelife": ([(0.5,), (2.0,)], "e", 1e-11, "scipy's quadrature"),
    "johnsonsu": ([(0.5, 1.5), (-1.0, 0.7)], "e", 1e-11, "scipy's quadrature (~1e-12)"),
    "alpha": ([(1.5,), (4.0,)], "e", 1e-11, "scipy's quadrature"),
    "foldcauchy": ([(1.0,), (0.2,)], "e", 1e-11, "scipy's quadrature"),
}
_STAT = dict(zip("mvske", KEYS))


@pytest.mark.parametrize("name", sorted(set(SCIPY_CASES) - (set() if DEEP else set(SLOW))))
def test_against_scipy(name):
    cases, which, rtol, _why = SCIPY_CASES[name]
    ns, ref = getattr(wss, name), getattr(ss, name)
    nshape = len(cases[0])
    args = [np.array([c[i] for c in cases]) for i in range(nshape)]
    moments = "".join(c for c in which if c != "e")

    def run(*a):
        out = dict(zip(moments, ns.stats(*a, moments=moments))) if moments else {}
        if "e" in which:
            out["e"] = ns.entropy(*a)
        return out
    with jax.enable_x64(True):
        if nshape == 0:
            got = {k: v[None] for k, v in jax.jit(run)().items()}
        else:
            got = jax.jit(run)(*args)
    for c in which:
        if c == "e":
            want = np.array([float(ref.entropy(*p)) for p in cases])
        else:
            want = np.array([float(ref.stats(*p, moments=c)) for p in cases])
        _close(got[c], want, rtol, f"{name}.{_STAT[c]}")


def test_moments_that_do_not_exist():
    """NaN where scipy gives NaN (moments of a heavy tail), numbers elsewhere."""
    with jax.enable_x64(True):
        # the relativistic Breit-Wigner density falls as x^-4
        s, k = wss.rel_breitwigner.stats(np.array([0.5, 2.0]), moments="sk")
        assert np.isnan(s).all() and np.isnan(k).all()
        # kappa4: moment r exists for r < floor(-k/h) (h < 0 <= k) or floor(-1/k) (k < 0),
        # scipy's rule (scipy's stats at these points: all NaN, m v s finite, m, all finite)
        h = np.array([-0.3, 0.2, 0.2, 0.5])
        kk = np.array([0.1, -0.25, -0.4, 0.3])
        got = np.stack([np.asarray(v) for v in wss.kappa4.stats(h, kk, moments="mvsk")])
        want = np.array([[1, 0, 0, 0], [1, 0, 1, 0], [1, 0, 1, 0], [1, 1, 1, 0]], bool)
        assert (np.isnan(got) == want).all(), got
        # jf_skew_t: moment n needs a > n/2 and b > n/2 (a = 0.8: the mean only; 1.2: m, v)
        got = np.stack([np.asarray(v) for v in
                        wss.jf_skew_t.stats(np.array([0.8, 1.2, 2.2]), 3.0, moments="mvsk")])
        want = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0]], bool)
        assert (np.isnan(got) == want).all(), got
        # levy_l: scipy's constants
        got = wss.levy_l.stats(moments="mvsk")
        assert [float(v) for v in got[:2]] == [math.inf, math.inf]
        assert np.isnan(got[2]) and np.isnan(got[3])


def test_derived_methods():
    """std, moment(n), interval and the loc/scale handling on the numeric moments."""
    args, want = _grid("gompertz")
    c = args[0]
    m, v = want["mean"], want["var"]
    sk, ku = want["skew"], want["kurtosis"]
    loc, scale = 0.5, 2.0
    # raw moments of loc + scale Z from the central ones
    mu, sd = loc + scale * m, scale * np.sqrt(v)
    raw = [mu, sd ** 2 + mu ** 2, sk * sd ** 3 + 3 * mu * sd ** 2 + mu ** 3,
           (ku + 3) * sd ** 4 + 4 * mu * sk * sd ** 3 + 6 * mu ** 2 * sd ** 2 + mu ** 4]
    G = wss.gompertz

    def run(c):
        return ([G.moment(n, c, loc=loc, scale=scale) for n in (1, 2, 3, 4)],
                G.std(c, loc=loc, scale=scale), G.mean(c, loc=loc, scale=scale))
    with jax.enable_x64(True):
        moms, std, mean = jax.jit(run)(c)
    for n in range(4):
        # 1e-13: the raw moments are sums of terms of alternating sign
        _close(moms[n], raw[n], 1e-13, f"gompertz.moment({n + 1})")
    _close(std, sd, 1e-14, "gompertz.std")
    _close(mean, mu, 1e-14, "gompertz.mean")


def test_wrapcauchy_closed_form():
    """var / kurtosis through Li_2, Li_4 on both branches (series, expansion at c = 1)."""
    cs = np.array([0.05, 0.5, 0.7, 0.99, 0.999999])
    import mpmath as mp
    mp.mp.dps = 30
    want_v = np.array([float(mp.pi ** 2 / 3 + 4 * mp.polylog(2, c)) for c in cs])
    m4 = np.array([float(mp.pi ** 4 / 5 + 8 * mp.pi ** 2 * mp.polylog(2, c)
                         - 48 * mp.polylog(4, c)) for c in cs])
    with jax.enable_x64(True):
        m, v, s, k = jax.jit(lambda c: wss.wrapcauchy.stats(c, moments="mvsk"))(cs)
    _close(v, want_v, 1e-14, "wrapcauchy.var")
    _close(k, m4 / want_v ** 2 - 3, 1e-13, "wrapcauchy.kurtosis")
    _close(m, np.full(5, np.pi), 0.0, "wrapcauchy.mean")
    _close(s, np.zeros(5), 0.0, "wrapcauchy.skew")


@pytest.mark.parametrize("name,fn,args", [
    ("gompertz.mean", lambda c: wss.gompertz.mean(c), (0.7,)),
    ("skewnorm.entropy", lambda a: wss.skewnorm.entropy(a), (2.5,)),
])
def test_grads(name, fn, args):
    # through the nodes (ppf's implicit derivative) or the trapezoid sum; 1e-6: central
    # differences at eps = 1e-4 on a quadrature result
    with jax.enable_x64(True):
        check_grads(fn, tuple(np.float64(a) for a in args), order=1, modes=("rev",),
                    atol=1e-6, rtol=1e-6, eps=1e-4)


def test_float32():
    """float32 in, float32 out, no NaN on the typical grid, within ~1e-5 of float64."""
    names = {"gompertz": (np.float32([0.5, 1e-4, 3.0]),),
             "kappa4": (np.float32([0.5, 0.2]), np.float32([0.3, -0.125]))}
    for name, args in names.items():
        ns = getattr(wss, name)
        got = _all(ns)(*args)
        with jax.enable_x64(True):
            want = _all(ns)(*[a.astype(np.float64) for a in args])
        for k in KEYS:
            g = np.asarray(got[k])
            assert g.dtype == np.float32, f"{name}.{k}: {g.dtype}"
            assert np.isfinite(g).all(), f"{name}.{k}: {g}"
            # 3e-5: a few float32 ulps of each node value, amplified by the kurtosis'
            # cancellation against 3 (the worst: powernorm-like tails, 3e-6 here)
            np.testing.assert_allclose(g, np.asarray(want[k]), rtol=3e-5, atol=1e-6,
                                       err_msg=f"{name}.{k}")
