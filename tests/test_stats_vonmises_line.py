"""jaxwrap.scipy.stats.vonmises_line against scipy.stats.vonmises_line and mpmath.

Both kappa regimes of the implementation (Fourier series up to kappa = 50, the
normal-variable expansion above) are covered; all methods of one call run in
one jitted program per test (compiles dominate the time).
"""

from __future__ import annotations

import jax
import numpy as np
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from jaxwrap.scipy.stats import vonmises_line as V

KAPPAS = np.array([0.01, 0.5, 8.0, 49.0, 51.0, 300.0, 1e4])
XS = np.array([-3.1, -2.0, -1.0, -0.3, 0.0, 0.2, 1.5, 3.0])
QS = np.array([1e-9, 1e-3, 0.2, 0.5, 0.9, 0.999999])
# E X^2 and excess kurtosis (mpmath quadrature, 30 digits)
MPMATH_MOMENTS = {0.5: (2.3488033436687469, -0.74195334181690339),
                  8.0: (0.13417417863445226, 0.17530152842924547),
                  51.0: (0.019804295297437062, 0.020419337687755721),
                  300.0: (0.003338909059411935, 0.0033557536365115834)}
# cdf and sf at (kappa, x) for kappa in KAPPAS, x in XS (mpmath quadrature, 25 digits)
CDF_MP = np.array([
    0.006553664586301777, 0.18024444630482064, 0.3395040217113818, 0.45178206289956363, 0.5,
    0.5321479526862751, 0.7403202359552193, 0.9776888709764054, 0.0037759081674365942,
    0.11517688991310819, 0.2715226591251793, 0.4265274734491832, 0.5, 0.5491839978806092,
    0.8161419605668436, 0.9871261559598887, 5.2057371678311555e-09, 2.0488098308404003e-06,
    0.00390535453745269, 0.2029519307181901, 0.5, 0.7106565270206148, 0.9999171471869515,
    0.9999999818354026, 3.230099971388179e-44, 4.619504102775588e-32,
    1.0984989427047725e-11, 0.018458248633014998, 0.5, 0.9183489824579951, 1.0, 1.0,
    6.039802566230624e-46, 2.665012760723063e-33, 4.296341648984189e-12,
    0.016624409224219844, 0.5, 0.9225395559958315, 1.0, 1.0, 8.327204846758693e-262,
    7.884475860817284e-187, 3.489686712462979e-62, 1.1425853277841621e-07, 0.5,
    0.9997267666077922, 1.0, 1.0, 0.0, 0.0, 0.0, 1.4410550319390564e-196, 0.5, 1.0, 1.0, 1.0
])
SF_MP = np.array([
    0.9934463354136982, 0.8197555536951794, 0.6604959782886182, 0.5482179371004364, 0.5,
    0.4678520473137249, 0.25967976404478066, 0.02231112902359461, 0.9962240918325634,
    0.8848231100868919, 0.7284773408748206, 0.5734725265508168, 0.5, 0.4508160021193908,
    0.18385803943315632, 0.012873844040111326, 0.9999999947942628, 0.9999979511901692,
    0.9960946454625473, 0.7970480692818099, 0.5, 0.2893434729793852, 8.285281304856679e-05,
    1.8164597359036307e-08, 1.0, 1.0, 0.999999999989015, 0.981541751366985, 0.5,
    0.08165101754200486, 9.554826107308369e-22, 1.2908792364000172e-43, 1.0, 1.0,
    0.9999999999957037, 0.9833755907757802, 0.5, 0.07746044400416854, 1.460304326150814e-22,
    2.4307611198101487e-45, 1.0, 1.0, 1.0, 0.9999998857414673, 0.5, 0.00027323339220771824,
    1.954554467133275e-123, 1.0967622198216837e-260, 1.0, 1.0, 1.0, 1.0, 0.5,
    5.394480713431894e-89, 0.0, 0.0
])


@jax.jit
def _methods(x, q, k, kq):
    return {"pdf": V.pdf(x, k), "logpdf": V.logpdf(x, k), "cdf": V.cdf(x, k),
            "sf": V.sf(x, k), "logcdf": V.logcdf(x, k), "logsf": V.logsf(x, k),
            "ppf": V.ppf(q, kq), "isf": V.isf(q, kq), "entropy": V.entropy(k),
            "stats": V.stats(k, moments="mvsk")}


def test_against_scipy_and_mpmath():
    assert V is wss.vonmises_line
    with jax.enable_x64(True):
        x = np.tile(XS, len(KAPPAS))
        k = np.repeat(KAPPAS, len(XS))
        kq = np.repeat(KAPPAS, len(QS))
        got = _methods(x, np.tile(QS, len(KAPPAS)), k, kq)
        ref = ss.vonmises_line
        for m in ("pdf", "logpdf"):
            assert got[m].dtype == np.float64
            np.testing.assert_allclose(np.asarray(got[m]), getattr(ref, m)(x, k), rtol=1e-12,
                                       err_msg=m)
        # against mpmath (scipy's cdf is off by up to 3e-6 at kappa = 51): the series are
        # accurate in absolute terms (2e-16), relative only down to ~1e-30
        for m, want in (("cdf", CDF_MP), ("sf", SF_MP)):
            assert got[m].dtype == np.float64
            np.testing.assert_allclose(np.asarray(got[m]), want, rtol=1e-13, atol=2e-16,
                                       err_msg=m)
        # in log space where the absolute accuracy of the series is relative enough
        for m, want in (("logcdf", CDF_MP), ("logsf", SF_MP)):
            ok = want > 1e-15  # beyond, the series give absolute accuracy only
            err = np.abs(np.asarray(got[m])[ok] - np.log(want[ok]))
            bad = err > 1e-12 * np.abs(np.log(want[ok])) + 1e-15 + 2e-16 / want[ok]
            assert not bad.any(), (m, np.flatnonzero(ok)[bad], err[bad])
        # round trips: cdf(ppf(q)) = q, sf(isf(q)) = q; the cdf's absolute accuracy
        # (1e-17) bounds the relative one at q = 1e-9
        back = np.asarray(V.cdf(got["ppf"], kq))
        np.testing.assert_allclose(back, np.tile(QS, len(KAPPAS)), rtol=1e-7)
        np.testing.assert_allclose(np.asarray(got["isf"]), -np.asarray(got["ppf"]), rtol=0)
        np.testing.assert_allclose(np.asarray(got["entropy"]), ref.entropy(k),
                                   rtol=1e-11, atol=1e-13)
        mean, var, skew, kurt = (np.asarray(s) for s in got["stats"])
        assert np.all(mean == 0) and np.all(skew == 0)
        for kappa, (m2, ex) in MPMATH_MOMENTS.items():
            i = np.flatnonzero(k == kappa)[0]
            np.testing.assert_allclose(var[i], m2, rtol=1e-13, err_msg=f"var {kappa}")
            # the Fourier sum of x^4 cancels against pi^4/5 (~20): 1e-12 absolute
            np.testing.assert_allclose(kurt[i], ex, rtol=1e-11, atol=1e-11,
                                       err_msg=f"kurtosis {kappa}")


def test_tails_relative_accuracy():
    # mpmath quadrature (50 digits) of the upper tail, large-kappa expansion
    with jax.enable_x64(True):
        got = np.asarray(V.sf(np.array([1.0, 0.05]), np.array([300.0, 1e4])))
    np.testing.assert_allclose(got, [3.4896867124629803e-62, 2.8752009008460507e-07],
                               rtol=1e-8)  # 2e-9 at 3e-62: the expansion's truncation


def test_float32_support_rvs_and_nan():
    x = np.array([-2.0, 0.3, 4.0], np.float32)
    k = np.array([2.0, 2.0, -1.0], np.float32)
    cdf, pdf = jax.jit(lambda x, k: (V.cdf(x, k), V.pdf(x, k)))(x, k)
    assert cdf.dtype == pdf.dtype == np.float32
    np.testing.assert_allclose(np.asarray(cdf[:2]), ss.vonmises_line.cdf(x[:2], 2.0),
                               rtol=2e-6, atol=1e-7)  # float32: a few ulps
    assert np.isnan(cdf[2]) and np.isnan(pdf[2])  # kappa <= 0
    assert float(V.pdf(np.float32(4.0), np.float32(2.0))) == 0.0  # outside (not periodic)
    lo, hi = V.support(3.0, loc=1.0, scale=2.0)
    np.testing.assert_allclose([float(lo), float(hi)], [1.0 - 2 * np.pi, 1.0 + 2 * np.pi],
                               rtol=1e-7)
    draws = np.asarray(V.rvs(jax.random.key(1), np.float32(4.0), size=(2000,)))
    again = np.asarray(V.rvs(jax.random.key(1), np.float32(4.0), size=(2000,)))
    np.testing.assert_array_equal(draws, again)
    m2 = ss.vonmises_line.var(4.0)
    assert abs(draws.mean()) < 6 * np.sqrt(m2 / 2000)  # 6 standard errors
    assert abs(draws.var() / m2 - 1) < 0.2  # ~6 standard errors of a variance of 2000 draws


def test_gradients():
    with jax.enable_x64(True):
        check_grads(V.cdf, (np.array([-0.7, 1.2]), np.array([1.5, 60.0])), order=1,
                    modes=("rev",), atol=1e-6, rtol=1e-6, eps=1e-5)
