"""jaxwrap.scipy.special Airy and Struve functions: airy, airye, struve, modstruve.

Accuracy against mpmath (tests/data/special/airy_struve.json, made by
``python -m tools.special_refs.make airy_struve``), the oscillation zeros in
absolute error, transformations through the differential harness (eager / jit /
vmap / purity / gradients), edge values, errors and docstring examples.
jax.scipy.special has none of these functions: there is no jax peer.
"""

from __future__ import annotations

import doctest
import time

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as ssp

import jaxwrap.scipy.special as sp
from tests import accuracy
from tests.harness import NUM_CASES, check

CASES = accuracy.load("airy_struve")

# Max-ULP budgets per function (any region, both dtypes unless listed).  Issue 10 / the
# brief: Airy <= 64 ULP away from the oscillation zeros, Struve <= 1024.  Measured maxima
# are far below (Airy <= ~30, Struve <= ~110 float64; see the report / docs/special.md).
BUDGET = {"airy": 64.0, "airye": 64.0, "struve": 1024.0, "modstruve": 1024.0}
REGION_BUDGET: dict[tuple[str, str, str], float] = {}

_OUT = {"ai": 0, "aip": 1, "bi": 2, "bip": 3, "eai": 0, "eaip": 1, "ebi": 2, "ebip": 3}


def _pad(x, n=40, fill=1.0):
    """Pad to the accuracy cases' length, so that the compiled executables are reused
    (each distinct shape is a new XLA compile of the whole kernel)."""
    return np.concatenate([x, np.full(n - len(x), fill, x.dtype)])


def _budget(case):
    fam = case.function.split(".")[0]
    return REGION_BUDGET.get((case.function, case.region, case.dtype), BUDGET[fam])


@pytest.mark.parametrize("case", CASES, ids=[f"{c.id}-{i}" for i, c in enumerate(CASES)])
def test_accuracy(case):
    if "." not in case.function:
        accuracy.check_case(case, _budget(case))     # no jax peer: budget only
        return
    fam, out = case.function.split(".")
    i = _OUT[out]
    fn = getattr(sp, fam)
    m = accuracy.measure(case, lambda x: fn(x)[i], peer=False, scipy=False)
    assert m.max_ulp <= _budget(case), (case.id, m.max_ulp, m.worst_args)


def test_budget_table_covers_every_case():
    assert {c.function.split(".")[0] for c in CASES} <= set(BUDGET)


# --- the zeros of Ai, Ai', Bi, Bi' (x < 0): absolute error against the envelope -------------
def test_airy_near_zeros():
    """At a zero relative error is meaningless; the error must stay within a few ulps of
    the envelope M = sqrt(Ai^2 + Bi^2) (N = sqrt(Ai'^2 + Bi'^2) for the derivatives).
    Budget 16: measured <= 9 envelope-ulps on [-1e4, -1]."""
    ks = [1, 2, 3, 5, 10, 20, 50, 100, 500, 1000]   # 40 points: reuses the accuracy executable
    zeros = {0: [mp.airyaizero(k) for k in ks], 1: [mp.airyaizero(k, 1) for k in ks],
             2: [mp.airybizero(k) for k in ks], 3: [mp.airybizero(k, 1) for k in ks]}
    xs = np.array([float(z) for i in range(4) for z in zeros[i]])
    with jax.enable_x64(True):
        got = [np.asarray(o) for o in sp.airy(xs)]
    for i in range(4):
        sl = slice(i * len(ks), (i + 1) * len(ks))
        with mp.workdps(30):
            ref = [[mp.airyai(x), mp.airyai(x, 1), mp.airybi(x), mp.airybi(x, 1)] for x in xs[sl]]
        vals = np.array([float(r[i]) for r in ref])
        env = np.array([float(mp.sqrt(r[i % 2] ** 2 + r[i % 2 + 2] ** 2)) for r in ref])
        err = np.abs(got[i][sl] - vals) / (env * np.finfo(np.float64).eps)
        assert np.all(err <= 16), (i, xs[sl], err)


# --- transformations ------------------------------------------------------------------------
_X = np.array([-7.5, -1.6, -0.3, 0.4, 1.7, 6.0], np.float32)
_V = np.array([0.0, 1.0, 2.5, -0.7, 7.0, 12.0], np.float32)
_XS = np.array([0.3, 2.0, 5.0, 9.0, 15.0, 30.0], np.float32)


# A deep run (JAXWRAP_NUM_CASES >= 10) adds the checks whose compiles dominate CI time.
DEEP = NUM_CASES >= 10


def test_airy_transforms():
    # float32: values (vs scipy), dtype, jit, vmap, purity; float64: first and second
    # derivatives (Ai' is the derivative, Ai'' = x Ai).  airye shares the kernel: its
    # derivative rule is checked in float64 (scipy's airye is NaN at some x < 0: x > 0).
    check(sp.airy, ssp.airy, [_X], tol=1e-5)
    with jax.enable_x64(True):
        check(sp.airy, ssp.airy, [_X.astype(np.float64)], grad=1, jit=False, vmap=False,
              purity=False)
        if DEEP:   # airye's kernel is airy's (checked above); its compile costs ~1 min in CI
            check(sp.airye, ssp.airye, [np.abs(_X).astype(np.float64)], grad=1, jit=False,
                  vmap=False, purity=False)
        x = np.float64(-3.3)   # second derivative: Ai'' = x Ai
        d2 = jax.grad(jax.grad(lambda t: sp.airy(t)[0]))(x)
        assert abs(float(d2) - float(x * sp.airy(x)[0])) < 1e-14


def test_struve_transforms():
    # derivative in x (DLMF 11.4.24 / 11.4.28); the order's derivative is NaN (below)
    # float32 tolerance 2e-5 (~170 ULP): XLA's float32 pow (exp(y log x)) loses
    # ~|y log x| ULP in the series' leading power
    check(sp.struve, ssp.struve, [_V, _XS], tol=2e-5)
    if DEEP:   # float32 modstruve is measured by test_accuracy; this adds only a compile
        check(sp.modstruve, ssp.modstruve, [_V, _XS], tol=2e-5, jit=False, vmap=False)
    with jax.enable_x64(True):
        check(sp.struve, ssp.struve, [_V.astype(np.float64), _XS.astype(np.float64)], grad=1,
              grad_argnums=(1,), jit=False, vmap=False, purity=False)
        v, x = np.float64(2.3), np.float64(3.1)
        with mp.workdps(30):
            ref = float(mp.diff(lambda t: mp.struvel(v, t), x))
        got = float(jax.grad(sp.modstruve, argnums=1)(v, x))
        assert abs(got - ref) <= 1e-13 * abs(ref), (got, ref)
        assert np.isnan(float(jax.grad(sp.struve, argnums=0)(np.float64(1.5), np.float64(2.0))))


# --- edge values (padded to 40 points: the float64 accuracy executables are reused) ---------
def test_airy_edges():
    x = _pad(np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, 1e300, -1e300]))
    with jax.enable_x64(True):
        ai, aip, bi, bip = (np.asarray(o) for o in sp.airy(x))
        eai, eaip, ebi, ebip = (np.asarray(o) for o in sp.airye(x))
    s = ssp.airy(0.0)
    np.testing.assert_array_equal(ai[:5], [0.0, 0.0, np.nan, s[0], s[0]])
    np.testing.assert_array_equal(aip[:5], [0.0, np.nan, np.nan, s[1], s[1]])
    np.testing.assert_array_equal(bi[:5], [np.inf, 0.0, np.nan, s[2], s[2]])
    np.testing.assert_array_equal(bip[:5], [np.inf, np.nan, np.nan, s[3], s[3]])
    assert ai[5] == 0 and bi[5] == np.inf and np.isnan(ai[6])   # phase beyond float range
    # airye at huge x: the leading terms of the asymptotic expansions (DLMF 9.7.5-9.7.8)
    c = 0.5 / np.sqrt(np.pi)
    np.testing.assert_allclose([eai[5], eaip[5], ebi[5], ebip[5]],
                               [c * 1e-75, -c * 1e75, 2 * c * 1e-75, 2 * c * 1e75], rtol=1e-15)
    assert ai.dtype == eai.dtype == np.float64


def test_struve_edges():
    v = _pad(np.array([0.0, 1.0, -1.0, -1.5, -1.2, 2.5, 1.5, 0.5, 2.0, 3.0, 0.0, 0.5, 1e300]))
    x = _pad(np.array([0.0, 0.0, 0.0, 0.0, 0.0, np.inf, np.inf, np.inf, -1.0, -1.0, np.nan,
                       -1.0, 1e300]))
    with jax.enable_x64(True):
        h = np.asarray(sp.struve(v, x))
        m = np.asarray(sp.modstruve(v, x))
    # x = 0: the series' limit (scipy: inf at v = -1.5, where 1/Gamma(v+3/2) = 0 makes it 0)
    np.testing.assert_array_equal(h[:5], [0.0, 0.0, 2 / np.pi, 0.0, np.inf])
    np.testing.assert_array_equal(m[:5], [0.0, 0.0, 2 / np.pi, 0.0, np.inf])
    # x = inf: H_v -> (x/2)^{v-1} / (sqrt(pi) Gamma(v+1/2)); L_v -> inf (scipy: NaN for H)
    np.testing.assert_array_equal(h[5:8], [np.inf, np.inf, 0.0])
    np.testing.assert_array_equal(m[5:8], [np.inf, np.inf, np.inf])
    # x < 0: parity for integer orders as scipy; NaN for the others; NaN in, NaN out
    np.testing.assert_allclose(h[8:10], ssp.struve(v[8:10], x[8:10]), rtol=1e-14)
    np.testing.assert_allclose(m[8:10], ssp.modstruve(v[8:10], x[8:10]), rtol=1e-14)
    assert np.isnan(h[10]) and np.isnan(m[10]) and np.isnan(h[11]) and np.isnan(m[11])
    assert h.dtype == m.dtype == np.float64


def test_no_hang_float32():
    """inf, nan, huge and tiny arguments return at once (the loops are static)."""
    x = _pad(np.array([np.inf, -np.inf, np.nan, 3e38, -3e38, 3e-38, 0.0], np.float32))
    t = time.perf_counter()
    with jax.enable_x64(False):   # as the float32 accuracy cases: their executables are reused
        outs = list(sp.airy(x)) + list(sp.airye(x)) + [sp.struve(x, x), sp.modstruve(x, x)]
        jax.block_until_ready(outs)
    assert time.perf_counter() - t < 60
    assert all(o.dtype == np.float32 for o in outs)
    assert all(np.isfinite(np.asarray(o)[-1]) for o in outs)


def test_errors():
    # complex z is airy's complex form (tests/test_special_bessel_complex.py): the
    # dtype stays complex64; a string is still a TypeError naming the function
    assert sp.airy(np.complex64(1 + 1j))[0].dtype == np.complex64
    with pytest.raises(TypeError, match="airye"):
        sp.airye("a")
    with pytest.raises(TypeError, match="struve.*x"):
        sp.struve(1.0, np.complex64(1j))
    with pytest.raises(TypeError, match="modstruve"):
        sp.modstruve("a", 1.0)


def test_docstring_examples():
    from jaxwrap._src.scipy.special import airy, struve
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    for module in (airy, struve):
        for name in module.__all__:
            t = parser.get_doctest(getattr(module, name).__doc__ or "", {}, name, None, 0)
            assert t.examples, f"{name} has no example"
            runner.run(t)
    assert runner.summarize(verbose=False).failed == 0
