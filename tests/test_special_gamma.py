"""jaxwrap.scipy.special's gamma / beta family: accuracy against mpmath (tests/data/special/
gamma.json), scipy / jax as references under every transformation, errors, doctests."""

from __future__ import annotations

import doctest

import jax
import jax.scipy.special as jsp
import numpy as np
import scipy.stats
import pytest
import scipy.special as sp

import jaxwrap.scipy.special as wsp
from jaxwrap._src.scipy.special import gamma as gamma_module
from tests import accuracy
from tests.harness import DEEP, check

# --- accuracy budgets (max ULP over a case's points), float64 / float32 ----------------------------
# Default: 16 ULP in the typical domain (the budget for the gamma family).  Looser rows:
BUDGET = {
    # Results around 1e-20 .. 1e-40: exp() of an exponent of size 40..90 loses ~|exponent|/2 ULP
    # to the rounding of the exponent itself (scipy: 137 ULP on these points).
    ("gammaincc", "typical"): 96,
    ("gammainc", "typical"): 48,
    ("betainc", "typical"): 64,
    ("betaincc", "typical"): 64,
    ("gammainc", "integer"): 32,
    ("gammaincc", "integer"): 48,
    ("betainc", "integer"): 128,
    ("betaincc", "integer"): 96,
    # transition region, tails: the 1024-ULP budget (exponents up to ~700)
    ("gammainc", "x_near_a"): 64,
    ("gammaincc", "x_near_a"): 64,
    ("gammaincc", "upper_tail"): 1024,
    ("gammainc", "lower_tail"): 1024,
    ("betainc", "lower_tail"): 1024,
    ("betaincc", "lower_tail"): 16,
    ("betainc", "tiny_a"): 64,
    ("betaincc", "tiny_a"): 128,
    # a = b = 1e3 .. 1e5: the continued fraction takes ~sqrt(a) steps whose roundings add up
    ("betainc", "near_mean"): 1024,
    ("betaincc", "near_mean"): 1024,
    # ln|Gamma| next to its zeros at negative x (-2.457...): the reflection formula subtracts
    # numbers of size ~1 (scipy: 473 ULP on these points)
    ("gammaln", "negative"): 1024,
    # reflection formulas below 0 (psi: psi(1-x) - pi cot(pi x); beta: products of gammas)
    ("digamma", "negative"): 32,
    ("beta", "negative"): 32,
    # exp(betaln) / exp(ln Gamma - betaln): exponents of size 10..50 (scipy: 227 / 337 ULP)
    ("beta", "typical"): 64,
    ("poch", "typical"): 32,
    # zeta(x < -1) by the functional equation, in log form where Gamma(1 - x) overflows
    ("zetac", "negative"): 128,
}
DEFAULT_BUDGET = 16

CASES = accuracy.load("gamma")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_accuracy(case):
    accuracy.check_case(case, BUDGET.get((case.function, case.region), DEFAULT_BUDGET))


# --- shared inputs ------------------------------------------------------------------------------
# Every compile of these kernels costs seconds, so the tests below call each function on the
# accuracy cases' padded length (``accuracy._call`` pads to 64 points), reusing the programs
# compiled there (float32 and float64); the inverses, which have no accuracy cases, are
# compiled once at that length for all the tests that use them.
_N = accuracy._BUCKET


def _cycle(a):
    """The values of ``a`` (flattened) repeated to the accuracy cases' length."""
    return np.resize(np.asarray(a).ravel(), _N)


def _padded(fn, *cols):
    """fn on the 1-d columns ``cols`` padded (with their last point) to the accuracy cases'
    length; the padding is sliced off the result."""
    n = len(cols[0])
    out = fn(*[np.pad(np.asarray(c, np.float64), (0, _N - n), mode="edge") for c in cols])
    return np.asarray(out)[:n]


# --- transformations, references ----------------------------------------------------------------
_R = np.random.default_rng(0)
A = np.array([[0.3, 1.0, 2.5], [7.0, 12.0, 40.0]])
X = np.array([[0.2, 1.5, 2.0], [9.0, 10.0, 41.0]])
B = np.array([[0.7, 2.0, 3.5], [1.5, 20.0, 35.0]])
U = np.array([[0.1, 0.35, 0.5], [0.62, 0.8, 0.55]])


# (name, args, jax peer, gradient order, vmap): gradients in float64 only; the inverses'
# derivatives (implicit differentiation) are checked in tests/test_prims_special.py, and vmap
# once per primitive family, to keep compilations (the kernels are large) few.
P = np.array([[0.5, 2.0, 0.3], [1.5, 0.7, 4.0]])
EVERY_WAY = [
    ("gammainc", (A, X), jsp.gammainc, 1, True),
    ("gammaincc", (A, X), jsp.gammaincc, 0, False),
    ("betainc", (A, B, U), jsp.betainc, 1, True),
    ("betaincc", (A, B, U), None, 0, False),
    ("gammaincinv", (A, U), None, 0, False),
    ("gammainccinv", (A, U), None, 0, False),
    ("betaincinv", (A, B, U), None, 0, False),
    ("betainccinv", (A, B, U), None, 0, False),
    ("gamma", (P - 1.0,), jsp.gamma, 1, True),
    ("rgamma", (P - 1.0,), None, 1, False),
    ("gammaln", (P * 3,), jsp.gammaln, 1, False),
    ("loggamma", (P * 3,), None, 0, False),
    ("gammasgn", (P - 1.0,), jsp.gammasgn, 0, False),
    # P - 0.2, not closer to the pole at 0: check_grads' central difference (eps 1e-4) errs
    # by eps^2 psi'''(x) / 6 ~ 1e-8 / x^4, 1.5e-5 relative at x = 0.05 (the derivative itself
    # matches scipy's polygamma(1, x) to 1e-15 there)
    ("digamma", (P - 0.2,), jsp.digamma, 1, True),
    ("psi", (P * 2,), None, 0, False),
    ("polygamma", (np.array([[0.0, 1.0, 2.0], [3.0, 1.0, 4.0]]), P), None, 0, False),
    ("beta", (P, P.T.reshape(2, 3) + 0.5), jsp.beta, 1, False),
    ("betaln", (P, P.T.reshape(2, 3) + 0.5), jsp.betaln, 1, False),
    ("poch", (P * 3, P - 0.5), None, 0, False),
    ("binom", (P * 4, P), None, 0, False),
    ("zeta", (P + 1.5, P), None, 0, False),
    ("zetac", (P * 4 - 1,), None, 0, False),
]


# float64 for every row, float32 for two (float32 accuracy is measured by test_accuracy):
# every row compiles large kernels, and CI time is shared.
ROWS = [(*r, np.float64) for r in EVERY_WAY] + [(*r, np.float32) for r in EVERY_WAY
                                                   if r[0] in ("gammainc", "betainc")]


@pytest.mark.parametrize("name, args, peer, grad, vmap, dtype", ROWS,
                         ids=[f"{r[0]}-{np.dtype(r[-1]).name}" for r in ROWS])
def test_against_scipy_every_way(name, args, peer, grad, vmap, dtype):
    # The points repeated to the accuracy cases' length: the plain calls reuse the programs
    # compiled there.  The outer-jit run is made where the vmap run is (the harness: vmap
    # calls the function with tracers at its public boundary) and in a deep run: elsewhere
    # the plain call is already compiled (``@public`` jits), the purity check traces the
    # function abstractly, and an outer jit would compile the same program once more.
    # float32: values and dtype (vmap and gradients are the float64 run's; DEEP: all).
    f64 = dtype == np.float64
    args = tuple(_cycle(a).astype(dtype) for a in args)
    with jax.enable_x64(f64):
        check(getattr(wsp, name), getattr(sp, name), args, peer=peer,
              vmap=vmap and (f64 or DEEP), jit=DEEP, grad=grad if f64 else 0,
              # float32: the default 2e-5; float64: 1e-12 (scipy's own error is ~1e-14 here)
              tol={np.dtype(np.float32): 2e-5, np.dtype(np.float64): 1e-12})


def test_multigammaln():
    check(lambda a: wsp.multigammaln(a, 3), lambda a: sp.multigammaln(a, 3),
          (np.array([1.5, 2.0, 7.25], np.float32),), peer=lambda a: jsp.multigammaln(a, 3))
    with pytest.raises(ValueError, match="multigammaln"):
        wsp.multigammaln(2.0, 0)


def test_integer_arguments_promote_to_float():
    out = wsp.gammainc(2, 3)
    assert out.dtype == np.float32
    np.testing.assert_allclose(float(out), sp.gammainc(2, 3), rtol=1e-6)
    with jax.enable_x64(True):
        out = wsp.betainc(np.int64(2), 3, np.float64(0.25))
        assert out.dtype == np.float64
        np.testing.assert_allclose(float(out), sp.betainc(2, 3, 0.25), rtol=1e-15)


def test_bad_arguments():
    with pytest.raises(TypeError, match="gammainc.*x"):
        wsp.gammainc(1.0, 1j)
    with pytest.raises(TypeError, match="betainc.*a"):
        wsp.betainc(1j, 1.0, 0.5)
    with pytest.raises(TypeError, match="gammaincinv"):
        wsp.gammaincinv("a", 0.5)
    with pytest.raises(ValueError, match="betainc"):
        wsp.betainc(np.ones(2), np.ones(3), 0.5)


def test_domain_edges_like_scipy():
    # (padded to the accuracy cases' length: the compiled programs are reused)
    a = np.array([0.0, 0.0, 1.0, 1.0, np.inf, -1.0, 2.0, 2.0, np.nan])
    x = np.array([1.0, 0.0, 0.0, np.inf, 1.0, 1.0, -1.0, np.nan, 1.0])
    with jax.enable_x64(True):
        np.testing.assert_array_equal(_padded(wsp.gammainc, a, x), sp.gammainc(a, x))
        np.testing.assert_array_equal(_padded(wsp.gammaincc, a, x), sp.gammaincc(a, x))
        y = np.array([0.0, 1.0, 0.5, -0.1, 1.1, np.nan])
        aa = np.full(6, 2.0)
        for f in ("gammaincinv", "gammainccinv"):
            # the edges exactly; the interior y = 0.5 to an ulp or two
            got, want = _padded(getattr(wsp, f), aa, y), getattr(sp, f)(aa, y)
            np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
            np.testing.assert_allclose(got, want, rtol=1e-15)
        for f in ("betaincinv", "betainccinv"):
            got = _padded(getattr(wsp, f), aa, aa * 1.5, y)
            np.testing.assert_allclose(got, getattr(sp, f)(aa, aa * 1.5, y), rtol=1e-15)


def test_inverses_round_trip_in_the_tails():
    with jax.enable_x64(True):
        # every (a, y) pair in one call per function, padded to the accuracy cases' length
        a0 = np.array([1e-3, 0.5, 3.0, 80.0, 5e3])
        ys = np.array([1e-300, 1e-30, 1e-5, 0.3, 0.999])
        a, yy = np.tile(a0, len(ys)), np.repeat(ys, len(a0))
        x = _padded(wsp.gammaincinv, a, yy)
        # the true root underflows for small a and tiny y (scipy gives 0 too)
        np.testing.assert_array_equal(x == 0, sp.gammaincinv(a, yy) == 0)
        np.testing.assert_allclose(_padded(wsp.gammainc, a, x)[x > 0], yy[x > 0], rtol=1e-12)
        x = _padded(wsp.gammainccinv, a, yy)
        np.testing.assert_array_equal(x == 0, sp.gammainccinv(a, yy) == 0)
        np.testing.assert_allclose(_padded(wsp.gammaincc, a, x)[x > 0], yy[x > 0], rtol=1e-12)
        b = np.tile(a0[::-1] + 0.5, len(ys))
        x = _padded(wsp.betaincinv, a, b, yy)
        ok = (x > 0) & (x < 1)   # x may round to 0 or 1
        # near x = 1 an ulp of x moves betainc by pdf(x) * ulp: allow that conditioning
        slack = 4 * np.spacing(x) * scipy.stats.beta.pdf(x, a, b) + 1e-11 * yy
        err = np.abs(_padded(wsp.betainc, a, b, x) - yy)
        assert np.all(err[ok] <= slack[ok]), (yy[~(err <= slack) & ok], err, slack)


def test_jax_weaknesses_fixed():
    # points where jax.scipy.special is far off (measured in the accuracy data too)
    # (padded to the accuracy cases' length: the compiled programs are reused)
    with jax.enable_x64(True):
        q = _padded(wsp.gammaincc, [3.4e-10], [1.4657891988754272])[0]
        np.testing.assert_allclose(q, sp.gammaincc(3.4e-10, 1.4657891988754272), rtol=1e-13)
        p = _padded(wsp.gammainc, [1740.1840787311658], [1622.3288153117876])[0]
        np.testing.assert_allclose(p, sp.gammainc(1740.1840787311658, 1622.3288153117876),
                                   rtol=1e-13)


def test_docstring_examples():
    """Every example runs and prints what its docstring says.  Op by op
    (``jax.disable_jit``): each example calls one function on scalars, a shape no other
    test compiles, so under jit every example compiles a whole kernel (18.5 s of CPU for
    the module's ~45 examples, measured in this file's run); op by op the small
    per-primitive programs are shared by all the functions (14 s)."""
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = [t for t in finder.find(gamma_module) if t.examples]
    with jax.disable_jit():
        for t in tests:
            runner.run(t)
    distinct = {id(getattr(gamma_module, n)) for n in gamma_module.__all__}   # psi is digamma
    assert sum(len(t.examples) for t in tests) >= 2 * len(distinct)
    assert runner.summarize(verbose=False).failed == 0
