"""jaxwrap.scipy.special wright_bessel, log_wright_bessel and smirnov.

Accuracy against mpmath (tests/data/special/wright_ks.json, made by
``python -m tools.special_refs.make wright_ks``); jax.scipy.special has none
of the three, so scipy.special is the peer for edges and the harness.
"""

from __future__ import annotations

import dataclasses
import functools
import warnings

import jax
import numpy as np
import pytest
import scipy.special as ssp

import jaxwrap.scipy.special as sp
from tests import accuracy
from tests.harness import check

CASES = accuracy.load("wright_ks")

# Max-ULP budgets per (function, region, dtype), (function, region) or function.
# Both functions sum positive terms exp(l_k) whose logs l_k are formed from pieces
# (k log x, lgamma(k + 1), ...) larger than l_k itself: a term's relative error is
# about eps * |k log x| (wright) or eps * |log sf| (smirnov's far tail, where the
# terms are exp(-600)).  Measured maxima are in the comments.
BUDGET = {
    # Phi for x <= 20: measured 29 (float64), 44 (float32)
    ("wright_bessel", "typical", "float32"): 64.0, "wright_bessel": 48.0,
    # x ~ 1e-30: the series' first terms; measured 11 / 28
    ("wright_bessel", "tiny_x", "float32"): 48.0,
    # a < 0.1, x up to 500: dominant k ~ x, eps k log x ~ 1700 ULP (scipy: 1577)
    ("wright_bessel", "small_a"): 2048.0,
    # Phi up to 1e300 (float64) / 1e38 (float32): measured 83 / 95
    ("wright_bessel", "large_x"): 128.0,
    # absolute error ~ eps * k log x in a log of the same size: measured 24 / 55
    "log_wright_bessel": 32.0, ("log_wright_bessel", "typical", "float32"): 96.0,
    ("log_wright_bessel", "huge_x", "float32"): 64.0,
    # Loader's binomial terms: measured 139 (float64 typical: sf = 5e-81, exp of -185),
    # 47 (large n), 1170 (tail, sf ~ 1e-258: exp of -593), float32 58..71
    "smirnov": 192.0, ("smirnov", "tail", "float64"): 2048.0,
}


def _budget(case):
    for key in ((case.function, case.region, case.dtype), (case.function, case.region),
                case.function):
        if key in BUDGET:
            return BUDGET[key]
    raise KeyError(case.id)


def _normal_range(case):
    """The points whose reference is 0 or a normal number of the dtype: XLA on CPU
    flushes subnormal results to zero, so those points are left out."""
    tiny = np.finfo(case.dtype).tiny
    e = case.expected
    keep = ~((np.abs(e) < tiny) & (e != 0))
    return dataclasses.replace(case, args=[a[keep] for a in case.args], expected=e[keep])


@functools.cache
def _batched(function, dtype):
    """One compiled call per (function, dtype) over the points of all its regions
    (compiles dominate the run time); returns {region: values}."""
    cases = [_normal_range(c) for c in CASES if (c.function, c.dtype) == (function, dtype)]
    args = [np.concatenate(cols) for cols in zip(*(c.args for c in cases))]
    with jax.enable_x64(dtype == "float64"):
        out = np.asarray(getattr(sp, function)(*args))
    bounds = np.cumsum([0] + [len(c.expected) for c in cases])
    return {c.region: out[lo:hi] for c, lo, hi in zip(cases, bounds[:-1], bounds[1:])}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_accuracy(case):
    values = _batched(case.function, case.dtype)[case.region]
    accuracy.check_case(_normal_range(case), _budget(case), fn=lambda *args: values)


# --- transformations: eager / jit / vmap / grad / purity --------------------------------------
_R = np.random.default_rng(3)
_A = _R.uniform(0.2, 2.0, (2, 3))
_B = _R.uniform(0.2, 2.0, (2, 3))
_X = _R.uniform(0.1, 8.0, (2, 3))


def test_wright_harness():
    # wright_bessel only: log_wright_bessel shares its kernel (and the accuracy cases call
    # both).  Gradients: test_derivatives (check_grads through the 192-term window
    # compiles for ~25 s, over the CI budget).  1e-12: measured <= 20 ULP (the budgets)
    with jax.enable_x64(True):
        check(sp.wright_bessel, ssp.wright_bessel, (_A, _B, _X), tol=1e-12)


def test_smirnov_harness():
    n = np.array([[1.0, 3.0, 10.0], [25.0, 60.0, 200.0]])
    d = np.array([[0.3, 0.2, 0.15], [0.1, 0.08, 0.05]])
    with jax.enable_x64(True):
        # the derivative (in d only: n is an integer count) is in test_derivatives;
        # check_grads here would compile six more programs of the n-term loop
        check(sp.smirnov, ssp.smirnov, (n, d), tol=1e-13)


def test_derivatives():
    """All three partial derivatives (one compiled program) against central differences
    of scipy (step 1e-6: truncation ~1e-12, rounding ~1e-10 relative) and the identity
    d/dx Phi(a, b; x) = Phi(a, a + b; x); smirnov's d-derivative likewise."""
    with jax.enable_x64(True):
        a, b, x = 0.7, 1.3, 3.0
        ga, gb, gx = jax.jit(jax.grad(sp.wright_bessel, (0, 1, 2)))(a, b, x)
        np.testing.assert_allclose(gx, ssp.wright_bessel(a, a + b, x), rtol=1e-13)
        h = 1e-6
        fa = (ssp.wright_bessel(a + h, b, x) - ssp.wright_bessel(a - h, b, x)) / (2 * h)
        fb = (ssp.wright_bessel(a, b + h, x) - ssp.wright_bessel(a, b - h, x)) / (2 * h)
        np.testing.assert_allclose([ga, gb], [fa, fb], rtol=1e-8)
        gd = jax.grad(sp.smirnov, 1)(7.0, 0.3)
        fd = (ssp.smirnov(7, 0.3 + h) - ssp.smirnov(7, 0.3 - h)) / (2 * h)
        np.testing.assert_allclose(gd, fd, rtol=1e-8)


# --- edge values against scipy -----------------------------------------------------------------
_WRIGHT_EDGES = (
    [0.0, 0.0, 1.0, 1.0, -1.0, 1.0, 1.0, np.nan, 2.0, 0.0, 1.0, 3.0],
    [0.0, 2.0, 0.0, 1.0, 1.0, -1.0, 1.0, 1.0, 0.0, 1.0, np.inf, 0.0],
    [1.0, 5.0, 0.0, 0.0, 1.0, 1.0, -1.0, 1.0, 0.5, 750.0, 1.0, np.inf],
)


@pytest.mark.parametrize("name", ["wright_bessel", "log_wright_bessel"])
def test_wright_edges(name):
    with jax.enable_x64(True), np.errstate(all="ignore"):
        got = getattr(sp, name)(*(np.asarray(v) for v in _WRIGHT_EDGES))
        want = getattr(ssp, name)(*_WRIGHT_EDGES)
    assert got.dtype == np.float64
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-13, equal_nan=True)


def test_smirnov_edges():
    warnings.simplefilter("ignore", RuntimeWarning)  # scipy warns as it truncates n = 2.5
    n = [5.0, 5.0, 5.0, 5.0, 2.5, 0.0, -1.0, np.inf, np.nan, 1.0, 3.0]
    d = [-0.1, 0.0, 1.0, 1.1, 0.3, 0.3, 0.3, 0.1, 0.2, 0.5, np.nan]
    with jax.enable_x64(True), np.errstate(all="ignore"):
        got = sp.smirnov(np.asarray(n), np.asarray(d))
        want = ssp.smirnov(n, d)
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-14, equal_nan=True)


def test_dtypes_and_promotion():
    # integers promote to the default float; float32 stays float32 (jax's lattice)
    assert sp.smirnov(np.int32(3), np.float32(0.5)).dtype == np.float32
    assert sp.wright_bessel(1, 1, 2).dtype == np.float32
    with jax.enable_x64(True):
        assert sp.smirnov(np.int64(3), 0.5).dtype == np.float64


def test_bad_arguments():
    with pytest.raises(TypeError, match="wright_bessel.*b"):
        sp.wright_bessel(1.0, 1j, 2.0)
    with pytest.raises(TypeError, match="smirnov.*d"):
        sp.smirnov(3, "x")
    with pytest.raises(ValueError, match="smirnov"):
        sp.smirnov(np.ones(2), np.ones(3))


def test_huge_inputs_return_finite_or_limit():
    """No input loops without bound: huge n takes the asymptotic form, huge x a wide
    trapezoidal window; the values stay finite (or the right infinity)."""
    with jax.enable_x64(True):
        n = np.array([1e9, 2e4, 1e4])
        d = np.array([1e-5, 0.01, 0.01])
        got = np.asarray(sp.smirnov(n, d))
        # asymptotic form above n = 1e4: relative error ~2e-5 at sqrt(n) d ~ 1 (module doc)
        np.testing.assert_allclose(got, ssp.smirnov(n.astype(int), d), rtol=5e-5)
        # log Phi where |log of a term| ~ 1e31 (a running log-sum-exp keeps it finite);
        # a -> 0: log Phi -> x - lgamma(b)
        a = np.array([0.5, 2.0, 1e-3, 1e-30, 1e-30])
        x = np.array([1e300, 1e300, 1e5, 1e30, 1e4])
        lw = np.asarray(sp.log_wright_bessel(a, 1.0, x))
        assert np.all(np.isfinite(lw)) and np.all(lw > 0)
        np.testing.assert_allclose(lw[3:], x[3:], rtol=1e-12)
        assert np.isinf(sp.wright_bessel(0.5, 1.0, 1e300))
