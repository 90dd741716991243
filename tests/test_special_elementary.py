"""jaxwrap.scipy.special elementary, log-space (elementwise) and combinatorial functions.

Accuracy against mpmath (tests/data/special/elementary.json, made by
``python -m tools.special_refs.make elementary``), transformations through the
differential harness, edge values against scipy, the exact (host) forms of the
combinatorial functions, and argument errors.
"""

from __future__ import annotations

import jax
import jax.scipy.special as jsp
import mpmath
import numpy as np
import pytest
import scipy.special as ssp

import jaxwrap.scipy.special as sp
from tests import accuracy
from tests.harness import check

CASES = accuracy.load("elementary")

# Max-ULP budgets per (function, region) or function; default: elementary
# compositions <= 4 ULP (float64 typical domain, issue 10).
DEFAULT_BUDGET = 4.0
BUDGET = {
    # x*log(y) and x*log1p(y): two roundings plus log's, and near y = 1 the
    # product of a tiny log with x.
    "xlogy": 6.0, "xlog1py": 6.0,
    # kl_div away from x ~ y is x log(x/y) - x + y: the sum cancels by up to a
    # factor ~6 (u = (x-y)/y = 1/2, the edge of the series region).
    ("kl_div", "typical"): 16.0,
    # (x^lambda - 1)/lambda = expm1(lambda log x)/lambda: log's error scaled by
    # |lambda log x| (up to ~10) in expm1's argument.
    "boxcox": 16.0, "boxcox1p": 16.0, "inv_boxcox": 16.0, "inv_boxcox1p": 16.0,
    # powm1 beyond |y log x| = 1/2 is pow(x, y) - 1, pow's error of a few ulp of
    # x**y carried into x**y - 1 (|x**y - 1| >= 0.4 |x**y|).
    "powm1": 8.0,
    # exprel for large x: exp(x/2)^2/x, three roundings and exp's error at 350.
    "exprel": 8.0,
    # degree functions: the conversion to radians (two-term pi/180) and sin/cos
    # of the reduced argument; tan/cot divide two of them.
    "tandg": 6.0, "cotdg": 6.0,
    # radian: three terms added before the conversion (cancellation of d and m/60).
    "radian": 8.0,
    # agm with arguments 1e600 apart: 20 rounding steps of sqrt and mean.
    ("agm", "extreme"): 8.0,
    # diric = sin(n x/2)/(n sin(x/2)): near the zeros of sin(n x/2) the error of
    # its argument (n x/2 rounded) is amplified; |x| <= 10, n < 20.
    "diric": 1024.0,
    # comb beyond 20 factors uses a Lanczos-type gamma ratio whose exponent terms are
    # ~log C + k: their rounding (~eps (log C + k)) becomes relative error (measured
    # 59 ulp float64 here; exp(lgamma differences) as jax.scipy: 837).
    ("comb", "integer"): 128.0,
    # perm multiplies up to 60 factors here (k <= 60): one rounding each.
    ("perm", "integer"): 64.0,
    ("comb", "non_integer"): 32.0,  # same form (measured 12 ulp; 419 with lgamma)
    # factorial at non-integers: exp(lgamma(n + 1)), same reason.
    ("factorial", "non_integer"): 512.0,
    # factorialk with k = 5000 multiplies up to 171 factors: one rounding each.
    ("factorialk", "integer_k5000"): 64.0,
    # float32 sindg at |x| up to 1e5: exact reduction, then sin of the float32
    # argument.
}
# float32 cases measure against the float32 point but jax (and we) compute in
# float32; a few functions need more room there.
BUDGET_F32 = {
    "cosm1": 4.0, "logit": 4.0,
}


def _budget(case):
    for key in ((case.function, case.region), case.function):
        if key in BUDGET:
            return BUDGET[key]
    return DEFAULT_BUDGET


@pytest.mark.parametrize("case", CASES, ids=[f"{c.id}-{c.region}-{i}" for i, c in enumerate(CASES)])
def test_accuracy(case):
    accuracy.check_case(case, _budget(case))


# --- transformations: eager / jit / vmap / grad / purity -----------------------------------
_R = np.random.default_rng(0)
_POS = _R.uniform(0.2, 3.0, (2, 3))
_POS2 = _R.uniform(0.2, 3.0, (2, 3))
_ANY = _R.uniform(-3.0, 3.0, (2, 3))
_UNIT = _R.uniform(0.1, 0.9, (2, 3))

# name, args maker, grad order (0: not differentiable / piecewise constant)
HARNESS = [
    ("xlogy", (_ANY, _POS), 2), ("xlog1py", (_ANY, _POS), 2), ("entr", (_POS,), 2),
    ("rel_entr", (_POS, _POS2), 2), ("kl_div", (_POS, _POS2), 2),
    ("huber", (_POS, _ANY), 1), ("pseudo_huber", (_POS, _ANY), 2),
    ("expit", (_ANY,), 2), ("logit", (_UNIT,), 2), ("log_expit", (_ANY,), 2),
    ("softplus", (_ANY,), 2), ("boxcox", (_POS, _ANY), 2), ("boxcox1p", (_POS, _ANY), 2),
    ("inv_boxcox", (_POS, _ANY * 0.2), 2), ("inv_boxcox1p", (_POS, _ANY * 0.2), 2),
    ("exp10", (_ANY,), 2), ("exp2", (_ANY,), 1), ("expm1", (_ANY,), 2), ("log1p", (_POS,), 2),
    ("cbrt", (_POS,), 2), ("cosm1", (_ANY,), 2), ("powm1", (_POS, _ANY), 2),
    ("exprel", (_ANY,), 2), ("sindg", (_ANY * 100,), 2), ("cosdg", (_ANY * 100,), 2),
    ("tandg", (_ANY * 10,), 1), ("cotdg", (_ANY * 10 + 50,), 1), ("radian", (_ANY, _POS, _POS2), 1),
    ("round", (_ANY,), 0), ("agm", (_POS, _POS2), 2), ("comb", (_POS * 10, _POS), 1),
    ("perm", (_POS * 10, _POS), 1), ("factorial", (_POS * 5,), 1),
]


# second-order gradient checks for the functions with hand-written derivatives
GRAD2 = {"xlogy", "kl_div", "logit"}


def _peer(name):
    # jax's comb / factorial are exp(lgamma(...)): ~1e-6 off in float32 (ours exact)
    return None if name in ("comb", "factorial") else getattr(jsp, name, None)


@pytest.mark.parametrize("name,args,grad", HARNESS, ids=[h[0] for h in HARNESS])
def test_harness(name, args, grad):
    """float64: eager, jit, vmap, purity and gradients (orders 1, 2 in GRAD2)."""
    fn = getattr(sp, name)
    with jax.enable_x64(True):
        check(fn, getattr(ssp, name), args, peer=_peer(name),
              grad=(2 if name in GRAD2 else 1) if grad else 0)


@pytest.mark.parametrize("name,args,grad", HARNESS, ids=[h[0] for h in HARNESS])
def test_float32(name, args, grad):
    """float32 stays float32; values against scipy and jax (eager only: the float64
    test covers the transformations)."""
    args = tuple(a.astype(np.float32) for a in args)
    check(getattr(sp, name), getattr(ssp, name), args, peer=_peer(name), jit=False, vmap=False,
          purity=False)
    assert getattr(sp, name)(*args).dtype == np.float32


def test_complex_forms():
    z = np.array([0.3 + 0.4j, -2.0 + 1e-3j, 1e-8 - 1e-8j], np.complex128)
    y = np.array([1.5 - 0.5j, 2.0 + 0.0j, 0.5 + 3j], np.complex128)
    with jax.enable_x64(True):
        for name, args in (("expm1", (z,)), ("log1p", (z,)), ("xlogy", (z, y)), ("xlog1py", (z, y))):
            got = getattr(sp, name)(*args)
            want = getattr(ssp, name)(*args)
            assert got.dtype == np.complex128, name
            np.testing.assert_allclose(np.asarray(got), want, rtol=1e-14, err_msg=name)


# --- edge values against scipy -------------------------------------------------------------
EDGES = {
    "xlogy": ([0.0, 0.0, 1.0, 2.0, np.nan, 0.0], [0.0, np.nan, 0.0, -1.0, 1.0, np.inf]),
    "xlog1py": ([0.0, 0.0, 1.0, 2.0], [-1.0, np.nan, -1.0, -2.0]),
    "entr": ([0.0, -1.0, np.inf, np.nan],),
    "rel_entr": ([0.0, 0.0, 1.0, -1.0, 1.0, np.nan, np.inf], [0.0, 1.0, 0.0, 1.0, -1.0, 1.0, 1.0]),
    "kl_div": ([0.0, 0.0, 1.0, -1.0, 1.0, np.nan], [0.0, 2.0, 0.0, 1.0, -1.0, 1.0]),
    "huber": ([-1.0, 0.0, 1.0, np.inf], [1.0, 1.0, np.inf, 2.0]),
    "pseudo_huber": ([-1.0, 0.0, 1.0, 2.0], [1.0, 1.0, 0.0, 3.0]),
    "expit": ([-np.inf, np.inf, np.nan, -800.0, 800.0],),
    "logit": ([0.0, 1.0, -0.5, 1.5, np.nan],),
    "log_expit": ([-np.inf, np.inf, -800.0, 800.0],),
    "boxcox": ([0.0, 0.0, 0.0, -1.0, 1.0], [1.0, 0.0, -1.0, 1.0, 0.0]),
    "boxcox1p": ([-1.0, -1.0, -2.0, 0.0], [1.0, 0.0, 1.0, 0.0]),
    "inv_boxcox": ([0.0, 1.0, -2.0], [0.0, -0.5, 0.5]),
    "inv_boxcox1p": ([0.0, 1.0, -2.0], [0.0, -0.5, 0.5]),
    "exp10": ([-np.inf, np.inf, 400.0, -400.0, 0.0, 22.0, 308.0],),
    "exp2": ([-np.inf, np.inf, 1024.0, -1080.0, 0.0, 1023.0],),
    "cosm1": ([0.0, np.inf, np.nan],),
    "powm1": ([0.0, -2.0, -2.0, 1.0, 2.0, np.nan, 0.0, np.inf], [0.0, 3.0, 0.5, np.nan, 0.0, 0.0, -1.0, 1.0]),
    "exprel": ([0.0, 1e-300, 800.0, -800.0, np.inf, -np.inf],),
    "sindg": ([0.0, 90.0, 180.0, 270.0, 360.0, -90.0, 30.0, 1e300],),
    "cosdg": ([0.0, 90.0, 180.0, 270.0, 360.0, -90.0, 60.0],),
    "tandg": ([0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, -45.0],),
    "cotdg": ([0.0, 45.0, 90.0, 135.0, 180.0, -45.0],),
    "round": ([0.5, 1.5, 2.5, -0.5, -1.5, np.nan],),
    "agm": ([1.0, -1.0, 0.0, 1.0, np.inf, 1.0, 3.0], [2.0, -2.0, 3.0, -1.0, 1.0, np.inf, 3.0]),
    "comb": ([10.0, 10.0, -1.0, 10.0, 5.0], [3.0, 11.0, 3.0, -1.0, 5.0]),
    "perm": ([10.0, 10.0, -1.0, 10.0, 5.0], [3.0, 11.0, 3.0, -1.0, 5.0]),
    "factorial": ([-1.0, 0.0, 170.0, 171.0, 0.5],),
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_edges(name):
    args = [np.asarray(a, np.float64) for a in EDGES[name]]
    with jax.enable_x64(True), np.errstate(all="ignore"):
        got = np.asarray(getattr(sp, name)(*args))
        want = getattr(ssp, name)(*args)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=0, equal_nan=True, err_msg=name)


def test_beyond_scipy():
    """Points where scipy's formulas overflow or return garbage: the true values."""
    with jax.enable_x64(True):
        got = sp.pseudo_huber(np.array([1.0, 1e-200, 1.0]), np.array([1e200, 1e200, np.inf]))
        np.testing.assert_allclose(np.asarray(got), [1e200 - 1.0, 1.0, np.inf], rtol=1e-15)
        assert np.isnan(np.asarray(sp.sindg(np.inf)))  # scipy: 0.0
        assert np.asarray(sp.exprel(709.9)) == pytest.approx(float(mpmath.exp(709.9) / 709.9), rel=1e-15)


def test_exactness():
    with jax.enable_x64(True):
        assert np.asarray(sp.tandg(np.array([45.0, -45.0, 225.0]))).tolist() == [1.0, -1.0, 1.0]
        assert np.asarray(sp.exp10(np.arange(23.0))).tolist() == [10.0 ** k for k in range(23)]
        assert np.asarray(sp.exp2(np.arange(-50.0, 50.0))).tolist() == [2.0 ** k for k in range(-50, 50)]
        n = np.arange(30.0)
        assert np.asarray(sp.factorial(n)).tolist() == [float(ssp.factorial(int(v), exact=True)) for v in n]
        # products of <= 20 factors are exact while the partial products stay below 2**53
        k = np.array([0, 1, 5, 13, 20, 30, 37, 50], np.float64)
        assert np.asarray(sp.comb(np.full(k.shape, 50.0), k)).tolist() == \
            [float(ssp.comb(50, int(v), exact=True)) for v in k]


def test_comb_factorial_branches():
    """The lgamma / gamma-ratio forms sit behind whole-array conds: mixed arrays (one
    point of each kind), all-integer arrays and vmap (both branches, selected) agree with
    scipy on every point."""
    n = np.array([5.0, 2.5, -1.0, np.nan, 0.0, 170.0, 171.0, 30.0])
    ref = ssp.factorial(n)
    with jax.enable_x64(True):
        np.testing.assert_allclose(sp.factorial(n), ref, rtol=1e-13)
        np.testing.assert_allclose(jax.vmap(sp.factorial)(n), ref, rtol=1e-13)
        N = np.array([50.0, 50.0, 10.5, 200.0, 7.0, 3.0, 1e6, 4.0])
        k = np.array([3.0, 30.0, 2.25, 100.0, 0.0, 5.0, 2.0, 4.0])
        ref = ssp.comb(N, k)
        # comb(200, 100) by the gamma ratio: ~eps (log C + k) ~ 1e-13 relative (budget above)
        np.testing.assert_allclose(sp.comb(N, k), ref, rtol=3e-13)
        np.testing.assert_allclose(jax.vmap(sp.comb)(N, k), ref, rtol=3e-13)
        ints = np.array([0, 1, 2, 7]), np.array([0, 1, 1, 3])  # product form only
        assert np.asarray(sp.comb(*(a.astype(float) for a in ints))).tolist() == [1.0, 1.0, 2.0, 35.0]
        assert np.asarray(sp.comb(np.array([0.5, 3.5]), np.array([0.0, 3.5]))).tolist() == [1.0, 1.0]


def test_weak_and_promotion():
    assert sp.expit(1).dtype == np.float32  # ints go to the default float
    assert sp.expit(np.float32(1)).dtype == np.float32
    with jax.enable_x64(True):
        for v in (1, np.int32(1)):
            assert sp.expit(v).dtype == jsp.expit(v).dtype, v
            assert sp.comb(v, v).dtype == jsp.comb(v, v).dtype, v
        assert sp.xlogy(np.float32(2), 3.0).dtype == np.float32  # the Python scalar is weak
        assert sp.agm(np.float32(1), np.float32(2)).dtype == np.float32


# --- combinatorics: exact (host) forms, static orders -----------------------------------------
def test_exact_forms():
    assert sp.comb(10, 3, exact=True) == 120 and isinstance(sp.comb(10, 3, exact=True), int)
    assert sp.comb(10, 3, exact=True, repetition=True) == ssp.comb(10, 3, exact=True, repetition=True)
    assert sp.comb(3, 10, exact=True) == 0
    assert sp.perm(10, 3, exact=True) == 720
    assert sp.factorial(25, exact=True) == ssp.factorial(25, exact=True)
    np.testing.assert_array_equal(sp.factorial(np.array([3, 4, -1]), exact=True),
                                  ssp.factorial(np.array([3, 4, -1]), exact=True))
    big = sp.factorial(np.array([30, 3]), exact=True)
    assert big.dtype == object and big[0] == ssp.factorial(30, exact=True)
    assert sp.factorial2(7, exact=True) == 105 and sp.factorialk(7, 3, exact=True) == 28
    assert sp.stirling2(10, 3, exact=True) == 9330
    got = sp.stirling2(np.array([10, 50, 5]), np.array([3, 2, 7]), exact=True)
    want = ssp.stirling2(np.array([10, 50, 5]), np.array([3, 2, 7]), exact=True)
    assert got.tolist() == want.tolist()
    with jax.enable_x64(True):
        f = np.asarray(sp.stirling2(np.array([10, 50, 100]), np.array([3, 2, 50])))
        exact = [float(ssp.stirling2(n, k, exact=True)) for n, k in ((10, 3), (50, 2), (100, 50))]
        assert f.dtype == np.float64 and f.tolist() == exact


def test_multifactorials_match_scipy():
    n = np.array([-3.0, -1.0, 0.0, 1.0, 7.0, 8.0, 300.0, 301.0, 5000.0])
    with jax.enable_x64(True):
        # correctly rounded exact values (scipy's float forms are a few ulp off)
        for k in (2, 3, 7, 1000):
            want = [float(v) if v < 2 ** 1024 else np.inf
                    for v in ssp.factorialk(n.astype(int), k, exact=True).tolist()]
            got = sp.factorial2(n) if k == 2 else sp.factorialk(n, k)
            np.testing.assert_array_equal(np.asarray(got), want)
        assert np.isnan(np.asarray(sp.factorial2(2.5)))  # non-integers: NaN (scipy raises)


def test_bernoulli_euler():
    with jax.enable_x64(True):
        for n in (0, 1, 4, 30, 300):
            b = sp.bernoulli(n)
            assert b.dtype == np.float64 and b.shape == (n + 1,)
            # correctly rounded (scipy's B_4 is already 1.7e-12 off)
            want_b = [float(mpmath.bernoulli(k)) if k != 1 else -0.5 for k in range(n + 1)]
            want_e = [float(mpmath.eulernum(k)) for k in range(n + 1)]
            np.testing.assert_array_equal(np.asarray(b), want_b)
            np.testing.assert_array_equal(np.asarray(sp.euler(n)), want_e)
    b32 = sp.bernoulli(10)
    assert b32.dtype == np.float32
    # jax's float32 Bernoulli numbers are off by ~1e-6 relative; ours are correctly rounded
    want = [float(mpmath.bernoulli(k)) if k != 1 else -0.5 for k in range(11)]
    np.testing.assert_array_equal(np.asarray(b32), np.asarray(want, np.float32))


def test_errors():
    with pytest.raises(TypeError, match="expit"):
        sp.expit("a")
    with pytest.raises(TypeError, match="complex"):
        sp.expit(1j)
    with pytest.raises(TypeError, match="agm.*b"):
        sp.agm(1.0, 1j)
    with pytest.raises(ValueError, match="bernoulli"):
        sp.bernoulli(-1)
    with pytest.raises(TypeError, match="bernoulli"):
        jax.jit(sp.bernoulli)(3)
    with pytest.raises(TypeError, match="comb.*N"):
        jax.jit(lambda n: sp.comb(n, 2, exact=True))(5)
    with pytest.raises(ValueError, match="factorialk"):
        sp.factorialk(5, 0)
    with pytest.raises(NotImplementedError, match="extend"):
        sp.factorial(5.0, extend="complex")
    with pytest.raises(ValueError, match="broadcast"):
        sp.xlogy(np.ones(3), np.ones(4))
