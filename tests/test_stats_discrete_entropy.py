"""Entropies of the discrete laws computed by summation (``_discrete_sums.py``) and
boltzmann's skew/kurtosis, in float64 (x64 on) against references that are
themselves exact:

* finite or light tails (binom, betabinom, nbinom, nhypergeom, zipfian): the sum
  of scipy.special.entr over scipy's pmf on the whole (or a wide enough) support,
  on the host.  scipy's own ``entropy()`` of these laws sums with a tolerance and
  is wrong by up to 50% at some of these points (nbinom(100, 0.05), betabinom
  (10000, 50, 50), zipfian(2, 1e6)), so it is not the reference;
* heavy tails (zipf, logser, yulesimon, betanbinom): mpmath at 40+ digits, from
  the generator at the end of this file (zeta'(a); the polylog's derivative in
  its order; direct terms + an integral + Euler-Maclaurin ends).

One jitted call per distribution and method over its parameter grid.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads
from scipy.special import entr

from jaxwrap._src.scipy.stats import discrete as DD
from jaxwrap._src.scipy.stats import discrete_more as DM

NS = {**DD.NAMESPACES, **DM.NAMESPACES}

# name -> (parameter grid, support end for the host reference sum or None)
SUMMED = {
    "binom": [(5, 0.4), (1, 0.3), (100, 0.01), (1000, 0.5), (20000, 0.3), (1e6, 1e-4),
              (30, 0.0), (30, 1.0), (300000, 0.5)],
    "betabinom": [(5, 2, 3), (1, 0.5, 0.5), (100, 0.3, 0.2), (1000, 5, 7), (10000, 50, 50),
                  (3, 1, 1)],
    "nbinom": [(3, 0.4), (0.5, 0.1), (10, 0.9), (100, 0.05), (1, 1.0), (0.1, 0.01),
               (1000, 0.5)],
    "nhypergeom": [(20, 7, 12), (300, 60, 25), (10000, 9000, 1), (100000, 50000, 1000),
                   (50, 10, 0)],
    "zipfian": [(1.2, 10), (0.0, 5), (0.5, 1000), (2.0, 1e6), (3.0, 1)],
}

# points where the result must be NaN: invalid parameters, and windows past the static
# cap of 16384 terms (never a silently truncated sum)
NAN_CASES = {
    "binom": [(3.5, 0.5), (1e7, 0.5)],                  # (sd ~ 1581)
    "betabinom": [(5, -1.0, 2), (20000, 2, 3)],         # (support wider than the cap)
    "nbinom": [(3, 1.5), (0.5, 1e-4)],                  # (geometric tail scale 1e4)
    "nhypergeom": [(10, 3, 8), (10, 3.5, 2)],
    "zipfian": [(-1.0, 5), (2.0, 0.0)],
    "zipf": [(1.0,)], "logser": [(1.0,)], "yulesimon": [(0.0,)],
    "betanbinom": [(2.0, 0.0, 1.0), (2000.0, 2.0, 3.0)],  # (expansion needs k0 >= 16 n)
}

# mpmath references (generator: _mpmath_refs below)
MPMATH = {
    "zipf": [
        ((1.05,), 23.427996708279473),
        ((1.5,), 3.2181129364131871),
        ((2.0,), 1.637622288659811),
        ((3.0,), 0.67850222186632314),
        ((10.0,), 0.0079574853185092651),
        ((40.0,), 2.612604592932361e-11),
    ],
    "logser": [
        ((0.001,), 0.0043037335643716866),
        ((0.3,), 0.54181577391224893),
        ((0.5,), 0.88292443580286786),
        ((0.6,), 1.0823292243236404),
        ((0.9,), 2.1376569834037808),
        ((0.999,), 5.0860469990936182),
        ((0.999999,), 9.0950330339039565),
    ],
    "yulesimon": [
        ((0.3,), 5.1986443223848692),
        ((1.0,), 2.0462774528558786),
        ((2.5,), 1.023288674130561),
        ((10.0,), 0.35688063481397647),
        ((100.0,), 0.056528141599322464),
    ],
    "betanbinom": [
        ((0.0, 1.0, 1.0), 0.0),  # n = 0: all mass at 0
        ((1.0, 0.5, 0.5), 2.6673439732178203),
        ((5.0, 6.0, 2.5), 2.0845628368354250),
        ((20.0, 3.0, 4.0), 4.5962108766208300),
        ((300.0, 2.0, 3.0), 7.6371962111625257),
    ],
}

# Relative tolerances looser than 1e-12, each with its reason.
TOL = {
    # the pmf terms are lgamma differences: ~eps |lgamma(n)| ~ 1.5e-11 absolute at n = 1e4
    "betabinom": 5e-11, "betanbinom": 1e-11,
    # the same on both sides (scipy's pmf too) at M = 1e5: 8e-11 apart
    "nhypergeom": 1e-10,
}


def _host_entropy(name, params):
    """-sum pmf log pmf on the host over the support (an infinite one cut at 1.5 x
    isf(1e-40) + 100, where the rest is far below 1e-30)."""
    dist = getattr(ss, name)
    lo, hi = dist.support(*params)
    if not np.isfinite(hi):
        hi = np.nan_to_num(dist.isf(1e-40, *params)) * 1.5 + 100
    k = np.arange(lo, hi + 1)
    return float(np.sum(entr(dist.pmf(k, *params))))


def _grid(cases):
    return tuple(np.array([c[i] for c in cases], np.float64) for i in range(len(cases[0])))


def _check(name, got, want):
    got, want = np.asarray(got), np.asarray(want, np.float64)
    assert got.dtype == np.float64, (name, got.dtype)
    tol = TOL.get(name, 1e-12)
    both_nan = np.isnan(got) & np.isnan(want)
    bad = ~((np.abs(got - want) <= tol * np.abs(want)) | both_nan)
    assert not bad.any(), f"{name}: at {np.flatnonzero(bad)} got {got[bad]} want {want[bad]}"


@pytest.mark.parametrize("name", sorted(SUMMED))
def test_entropy_against_full_sums(name):
    nan = NAN_CASES.get(name, [])
    cases = SUMMED[name] + nan
    want = [_host_entropy(name, c) for c in SUMMED[name]] + [np.nan] * len(nan)
    with jax.enable_x64(True):
        got = NS[name].entropy(*_grid(cases))
    _check(name, got, want)


@pytest.mark.parametrize("name", sorted(MPMATH))
def test_entropy_against_mpmath(name):
    nan = NAN_CASES.get(name, [])
    cases = [c for c, _ in MPMATH[name]] + nan
    with jax.enable_x64(True):
        got = NS[name].entropy(*_grid(cases))
    _check(name, got, [v for _, v in MPMATH[name]] + [np.nan] * len(nan))


def test_boltzmann_skew_kurtosis():
    lam = np.array([0.5, 0.01, 2.0, 5.0, 0.1, 1.0])
    n = np.array([6.0, 100.0, 3.0, 40.0, 1000.0, 1.0])
    with jax.enable_x64(True):
        m, v, s, k = NS["boltzmann"].stats(lam, n, moments="mvsk")
        m3, m4 = NS["boltzmann"].moment(3, lam, n), NS["boltzmann"].moment(4, lam, n)
    rm, rv, rs, rk = ss.boltzmann.stats(lam, n, moments="mvsk")
    ok = n > 1  # N = 1: one point, variance 0: skew and kurtosis are NaN (0/0) in both
    assert np.all(np.isnan(np.asarray(s)[~ok])) and np.all(np.isnan(np.asarray(k)[~ok]))
    # lambda = 0.01, N = 100: c_j(lambda) - N^j c_j(N lambda) cancels ~3 digits (in scipy too)
    for got, want in ((s, rs), (k, rk)):
        got = np.asarray(got)
        assert got.dtype == np.float64
        np.testing.assert_allclose(got[ok], want[ok], rtol=1e-10)
    np.testing.assert_allclose(np.asarray(m3), ss.boltzmann.moment(3, lam, n), rtol=1e-11)
    np.testing.assert_allclose(np.asarray(m4), ss.boltzmann.moment(4, lam, n), rtol=1e-11)


def test_gradients():
    # entropy in a continuous parameter: a window sum in a loop (binom in p) and a closed
    # form over the zeta function and its Euler-Maclaurin derivative (zipf in a)
    with jax.enable_x64(True):
        check_grads(lambda p: NS["binom"].entropy(40.0, p), (0.3,), order=1, modes=("rev",))
        check_grads(NS["zipf"].entropy, (2.5,), order=1, modes=("rev",))


# scipy's summation is off by 3e-4 (zipf) and 1e-5 (yulesimon) here: mpmath values
FLOAT32_REF = {"zipf": 1.0156306058527449, "yulesimon": 1.5046382612495131}


def test_float32_smoke():
    grid = {"binom": (30.0, 0.3), "betabinom": (20.0, 2.0, 3.0), "nbinom": (3.0, 0.4),
            "nhypergeom": (20.0, 7.0, 12.0), "zipf": (2.5,), "zipfian": (1.2, 10.0),
            "logser": (0.9,), "yulesimon": (1.5,), "betanbinom": (5.0, 6.0, 2.5)}
    for name, p in grid.items():
        got = NS[name].entropy(*[np.float32(x) for x in p])
        assert got.dtype == np.float32, name
        want = FLOAT32_REF.get(name) or getattr(ss, name).entropy(*p)
        # float32: sums of ~1e2..1e4 terms, each relative 1e-7 (and scipy's tolerance)
        assert abs(float(got) - want) < 2e-5 * abs(want) + 1e-4, (name, got, want)


def _mpmath_refs():  # pragma: no cover - the generator of MPMATH (about a minute)
    import mpmath as mp

    def zipf(a):
        mp.mp.dps = 40
        a = mp.mpf(a)
        z = mp.zeta(a)
        return mp.log(z) - a * mp.zeta(a, derivative=1) / z

    def logser(p):
        mp.mp.dps = 40
        p = mp.mpf(p)
        big_l = -mp.log1p(-p)
        d_s = -mp.diff(lambda s: mp.polylog(s, p), 1)  # sum p^k log k / k
        return mp.log(big_l) - p / ((1 - p) * big_l) * mp.log(p) + d_s / big_l

    def heavy(f, lo, beta):
        # direct terms to 200, the integral beyond over x = 200 e^u, Euler-Maclaurin ends
        k0 = 200
        d = mp.fsum(f(k) for k in range(lo, k0))
        umax = 60 / (beta - 1) + 20
        integral = mp.quad(lambda u: f(k0 * mp.exp(u)) * k0 * mp.exp(u),
                           mp.linspace(0, umax, 12))
        ends = (f(k0) / 2 - mp.bernoulli(2) / 2 * mp.diff(f, k0, 1)
                - mp.bernoulli(4) / 24 * mp.diff(f, k0, 3)
                - mp.bernoulli(6) / 720 * mp.diff(f, k0, 5))
        return d + integral + ends

    def yulesimon(al):
        mp.mp.dps = int(60 / al) + 60  # lgamma at k ~ e^(60/alpha) without cancellation
        al = mp.mpf(al)
        c = mp.log(al) + mp.loggamma(al + 1)

        def f(k):
            lp = c + mp.loggamma(k) - mp.loggamma(k + al + 1)
            return -mp.exp(lp) * lp
        return heavy(f, 1, al + 1)

    def betanbinom(n, a, b):
        mp.mp.dps = int(60 / a) + 60
        n, a, b = map(mp.mpf, (n, a, b))
        c = mp.loggamma(a + n) - mp.loggamma(n) - mp.log(mp.beta(a, b))

        def f(k):
            lp = (c + mp.loggamma(n + k) - mp.loggamma(k + 1) + mp.loggamma(b + k)
                  - mp.loggamma(a + b + n + k))
            return -mp.exp(lp) * lp
        return heavy(f, 0, a + 1)

    fns = {"zipf": zipf, "logser": logser, "yulesimon": yulesimon, "betanbinom": betanbinom}
    for name, rows in MPMATH.items():
        print(f'    "{name}": [')
        for params, _ in rows:
            print(f"        ({params!r}, {mp.nstr(fns[name](*params), 17)}),")
        print("    ],")


if __name__ == "__main__":  # pragma: no cover
    _mpmath_refs()
