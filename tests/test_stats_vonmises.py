"""jaxwrap.scipy.stats.vonmises: scipy's whole method set on the periodic reading
of the von Mises law (the cdf counts whole turns, the support is the line),
against scipy.stats.vonmises.  Every method of one kappa grid runs in one jitted
program (compiles dominate); both kappa regimes of the shared kernel
(von_mises.py: Fourier series to kappa 50, the tail expansion beyond) appear.
"""

from __future__ import annotations

import inspect

import jax
import numpy as np
import scipy.stats as ss

import jaxwrap
from jaxwrap.scipy.stats import vonmises as V

KAPPA = np.array([0.5, 8.0, 51.0])[:, None]
# E X^2 and excess kurtosis of the angle (mpmath quadrature, 30 digits; the table of
# tests/test_stats_vonmises_line.py): scipy integrates these numerically (~1e-9 off at
# kappa = 8, 3e-5 at 51)
M2 = np.array([2.3488033436687469, 0.13417417863445226, 0.019804295297437062])
KURT = np.array([-0.74195334181690339, 0.17530152842924547, 0.020419337687755721])
LOC, SCALE = 0.4, 1.3
# inside one turn, beyond it on both sides (whole turns counted), and the ends
X = np.array([-9.0, -4.0, -3.0, -1.0, 0.0, 0.7, 2.5, 3.5, 7.0, 12.0, np.inf, -np.inf])
Q = np.array([0.0, 1e-6, 0.1, 0.5, 0.8, 1.0 - 1e-6, 1.0])
METHODS = ("pdf", "logpdf", "cdf", "sf", "logcdf", "logsf")
MOMENTS = ("mean", "var", "std", "entropy")


def _run(x, q, kappa, key):
    out = {m: getattr(V, m)(x, kappa, loc=LOC, scale=SCALE) for m in METHODS}
    out.update({m: getattr(V, m)(q, kappa, loc=LOC, scale=SCALE) for m in ("ppf", "isf")})
    out.update({m: getattr(V, m)(kappa[:, 0], loc=LOC, scale=SCALE) for m in MOMENTS})
    out["stats"] = V.stats(kappa[:, 0], moments="mvsk")
    out["moment4"] = V.moment(4, kappa[:, 0])
    out["support"] = V.support(kappa[:, 0])
    out["rvs"] = V.rvs(key, kappa[:, 0], size=(4000, 3))
    return out


def _close(got, want, rtol, atol, what):
    got = np.asarray(got)
    want = np.asarray(want, np.float64)
    assert got.dtype == np.float64, f"{what}: {got.dtype}"
    assert got.shape == want.shape, f"{what}: {got.shape} {want.shape}"
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    with np.errstate(invalid="ignore"):
        ok = same | (np.abs(got - want) <= atol + rtol * np.abs(want))
    assert ok.all(), f"{what}: at {np.argwhere(~ok).tolist()} got {got[~ok]} want {want[~ok]}"


def test_against_scipy():
    ref = ss.vonmises
    with jax.enable_x64(True):
        got = jax.jit(_run)(X, Q, KAPPA, jaxwrap.random.key(3))
    with np.errstate(all="ignore"):
        for m in METHODS:
            want = getattr(ref, m)(X, KAPPA, loc=LOC, scale=SCALE)
            # 1e-14 absolute: scipy's own cdf is within ~3e-15 of mpmath; the log methods
            # in relative terms where the cdf is small (logcdf at x = -3: cdf ~ 1e-3).
            # kappa = 51 (last row): scipy's large-kappa cdf is a normal approximation off
            # by ~2e-6 (ours is checked against mpmath in test_stats_vonmises_line.py)
            rtol, atol = (1e-11, 1e-14) if m.startswith("log") else (1e-13, 1e-14)
            if m in ("logcdf", "logsf"):  # both cdfs are ~2e-15 absolute: 2e-15 / cdf here
                atol = 1e-14 + 3e-15 / np.exp(np.where(np.isfinite(want), want, 0.0))[:2]
            exact = m in ("pdf", "logpdf")
            _close(got[m][:2] if not exact else got[m], want[:2] if not exact else want,
                   rtol, atol, m)
            if m in ("cdf", "sf"):  # (scipy's logcdf/logsf there: its tails are off by 1)
                _close(got[m][2], want[2], 0.0, 3e-6, f"{m} kappa=51")
        for m in ("ppf", "isf"):
            want = getattr(ref, m)(Q, KAPPA, loc=LOC, scale=SCALE)
            # scipy solves cdf(x) = q by brentq at xtol ~1e-12; at kappa = 51 it inverts
            # its approximate cdf (above): 1e-5 away from the tails (q = 1e-6 differs by 1e-4)
            # (q = 1e-6 and 1 - 1e-6 at kappa = 8: pdf ~1e-6 there, and the cdfs' 2e-15
            # move the root by ~1e-9)
            _close(got[m][:2], want[:2], 1e-10, 5e-9, m)
            mid = np.array([0, 2, 3, 4, 6])
            _close(np.asarray(got[m])[2][mid], want[2][mid], 1e-5, 1e-5, f"{m} kappa=51")
        _close(got["entropy"], ref.entropy(KAPPA[:, 0], loc=LOC, scale=SCALE), 1e-13, 0,
               "entropy")
    _close(got["mean"], np.full(3, LOC), 0, 0, "mean")
    _close(got["var"], SCALE ** 2 * M2, 1e-13, 0, "var")
    _close(got["std"], SCALE * np.sqrt(M2), 1e-13, 0, "std")
    want = [np.zeros(3), M2, np.zeros(3), KURT]
    for i, c in enumerate("mvsk"):
        # the excess kurtosis cancels E X^4 / (E X^2)^2 against 3: 1e-10 relative
        _close(got["stats"][i], want[i], 1e-10 if c == "k" else 1e-12, 0, f"stats {c}")
    _close(got["moment4"], (KURT + 3) * M2 ** 2, 1e-12, 0, "moment(4)")
    lo, hi = got["support"]
    assert np.all(np.asarray(lo) == -np.inf) and np.all(np.asarray(hi) == np.inf)
    # rvs: angles in [-pi, pi] around loc 0 whose cdf values look uniform (KS statistic
    # of 4000 draws: below 0.03 with probability > 0.999)
    r = np.asarray(got["rvs"])
    assert r.shape == (4000, 3) and r.dtype == np.float64
    assert np.all(np.abs(r) <= np.pi)
    for j in range(3):
        assert ss.kstest(r[:, j], ss.vonmises(KAPPA[j, 0]).cdf).statistic < 0.03


def test_periodic_conventions_float32():
    """float32 stays float32; the density is periodic, the cdf gains one per turn."""
    x = np.float32([0.3, 0.3 + 2 * np.pi, 0.3 - 4 * np.pi])

    def run(x):
        return V.pdf(x, 2.0), V.cdf(x, 2.0), V.sf(x, 2.0)
    pdf, cdf, sf = jax.jit(run)(x)
    assert pdf.dtype == cdf.dtype == np.float32
    np.testing.assert_allclose(np.asarray(pdf), np.full(3, pdf[0]), rtol=1e-5)
    np.testing.assert_allclose(np.asarray(cdf) - cdf[0], [0.0, 1.0, -2.0], atol=1e-5)
    np.testing.assert_allclose(np.asarray(cdf) + np.asarray(sf), 1.0, atol=1e-5)


def test_signatures():
    """jax's logpdf(x, kappa) calls keep working; scipy's loc/scale are keywords."""
    assert list(inspect.signature(V.logpdf).parameters)[:2] == ["x", "kappa"]
    assert list(inspect.signature(V.ppf).parameters) == ["q", "kappa", "loc", "scale"]
    # median and interval are ppf at fixed probabilities (the shared derivation, tested
    # with the other laws)
    for m in ("cdf", "logcdf", "sf", "logsf", "ppf", "isf", "var", "std", "median", "entropy",
              "moment", "stats", "interval", "rvs", "support", "mean"):
        assert callable(getattr(V, m)), m
