"""jaxwrap.scipy.special's orthogonal polynomials (orthopoly.py): accuracy
against mpmath (tests/data/special/orthopoly.json), transformations and
derivatives in x through the harness, scipy's conventions (negative and
real degrees), Gauss rules against scipy, and argument errors."""

from __future__ import annotations

import doctest
import json
import pathlib

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as sp

import jaxwrap.scipy.special as S
from jaxwrap._src.scipy.special import orthopoly
from tests import accuracy
from tests.harness import check

# --- accuracy ----------------------------------------------------------------------
# Max ULP per (function, region, dtype); "*" matches any.  Values come from
# the forward three-term recurrence: each of the n <= 50 steps rounds a few
# times (typically ~sqrt(n) ulps in all, up to ~n), and the parameters enter
# every coefficient, so the looser rows below are recurrence error growth;
# scipy's max on the same points is in brackets (scipy computes float32
# input in float64, so float32 rows have no comparison).  "near_zero" points
# sit next to one of the n zeros of p_n, where any method's relative error
# is the condition number |x p'(x) / p(x)| (> 4 (n + 1) there) times a few ulps.
BUDGETS = {
    ("*", "typical", "float64"): 16,
    ("*", "typical", "float32"): 64,
    ("*", "outside", "float64"): 32,          # |x| > 1: monotone growth, no zeros
    ("*", "large_n", "float64"): 1024,        # n = 100 .. 1000, oscillatory
    ("*", "edge", "float64"): 256,            # 1 - |x| down to 1e-14 (scipy up to 2958)
    ("*", "real_n", "float64"): 256,          # cos(nu arccos x): nu * ulp(arccos x)
    ("*", "near_zero", "float64"): 1024,
    ("eval_jacobi", "near_zero", "float64"): 8192,  # n = 1: (a+b+2) x + (a-b) cancels (223)
    ("eval_chebyt", "near_zero", "float64"): 2048,  # cond ~ 1e3 next to x = 1 (2453)
    ("eval_chebyt", "typical", "float64"): 32,         # recurrence growth (14)
    ("eval_chebyu", "typical", "float64"): 32,         # (22)
    ("eval_legendre", "typical", "float64"): 32,       # (22)
    ("eval_sh_legendre", "typical", "float64"): 48,    # (48)
    ("eval_gegenbauer", "typical", "float64"): 80,     # (475)
    ("eval_jacobi", "typical", "float64"): 128,        # (255)
    ("eval_sh_jacobi", "typical", "float64"): 160,     # (346)
    ("eval_laguerre", "typical", "float64"): 32,       # (18)
    ("eval_genlaguerre", "typical", "float64"): 80,    # (77)
    ("assoc_laguerre", "typical", "float64"): 768,     # sample not split at zeros (986)
    ("assoc_legendre_p", "normalized", "float64"): 16,
    # Y_n^m: exp(i m phi) rounds m * phi (|m| <= 160, phi <= 2 pi), a phase error of
    # ~|m| ulps relative to |Y|; scipy 122 / 153 ulps, jax 529 on the large_n points
    ("sph_harm_y", "typical", "float64"): 256,
    ("sph_harm_y", "typical", "float32"): 256,
    ("sph_harm_y", "large_n", "float64"): 512,
    ("eval_sh_legendre", "typical", "float32"): 128,   # recurrence growth, float32 spacing
    ("eval_genlaguerre", "typical", "float32"): 192,
}


def budget(case) -> float:
    for key in ((case.function, case.region, case.dtype), ("*", case.region, case.dtype)):
        if key in BUDGETS:
            return BUDGETS[key]
    raise KeyError(f"no budget for {case.id}")


CASES = accuracy.load("orthopoly")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_accuracy(case):
    accuracy.check_case(case, budget(case))


# --- transformations: eager, jit, vmap, purity, derivatives in x -------------------
_R = np.random.default_rng(7)


def _x(lo, hi, shape, dt):
    return _R.uniform(lo, hi, shape).astype(dt)


# (function, scipy reference, args maker(dtype), index of x, gradient order)
TRANSFORMS = [
    ("eval_legendre", lambda dt: (np.array([0, 1, 5, 12]), _x(-1, 1, (3, 4), dt)), 1, 2),
    ("eval_chebyt", lambda dt: (np.array([3, 7]), _x(-0.9, 0.9, (2,), dt)), 1, 1),
    ("eval_chebyu", lambda dt: (np.array([2, 9]), _x(-0.9, 0.9, (2,), dt)), 1, 1),
    ("eval_sh_chebyu", lambda dt: (np.array([2, 9]), _x(0.1, 0.9, (2,), dt)), 1, 1),
    ("eval_jacobi", lambda dt: (np.array([4, 9]), _x(0, 2, (2,), dt), _x(-0.5, 2, (2,), dt),
                                _x(-1, 1, (2,), dt)), 3, 1),
    ("eval_sh_jacobi", lambda dt: (np.array([3, 6]), _x(2, 3, (2,), dt), _x(0.5, 1, (2,), dt),
                                   _x(0, 1, (2,), dt)), 3, 1),
    ("eval_gegenbauer", lambda dt: (np.array([4, 9]), _x(0.2, 2, (2,), dt),
                                    _x(-1, 1, (2,), dt)), 2, 1),
    ("eval_genlaguerre", lambda dt: (np.array([4, 9]), _x(0, 2, (2,), dt), _x(0, 5, (2,), dt)),
     2, 1),
    ("eval_hermite", lambda dt: (np.array([5, 8]), _x(-2, 2, (2,), dt)), 1, 1),
    ("eval_hermitenorm", lambda dt: (np.array([5, 8]), _x(-2, 2, (2,), dt)), 1, 1),
    ("assoc_laguerre", lambda dt: (_x(0, 5, (2,), dt), np.array([3, 6]), _x(0, 2, (2,), dt)),
     0, 1),
]


@pytest.mark.parametrize("name,make,xi,order", TRANSFORMS, ids=[t[0] for t in TRANSFORMS])
def test_transforms(name, make, xi, order):
    with jax.enable_x64(True):
        args = make(np.float64)
        check(getattr(S, name), getattr(sp, name), args, grad=order, grad_argnums=[xi])
    args = make(np.float32)
    # scipy computes in float64; ours stays float32 (jax's rule): default float32 tolerance;
    # jit / vmap / purity were covered by the float64 run
    check(getattr(S, name), getattr(sp, name), args, check_dtype=np.float32, jit=False,
          vmap=False, purity=False)


def test_derivative_identities():
    # d/dx P_n^(a,b) = (n + a + b + 1) / 2 P_{n-1}^(a+1,b+1) and friends (DLMF 18.9.15-18.9.20),
    # checked against scipy's values of the shifted family, third derivative included
    with jax.enable_x64(True):
        x = np.linspace(-0.9, 0.9, 5)
        # the three derivatives in one jitted program (eager grads compile their forward
        # and backward parts apart: 1.5 s of CPU instead of 0.5 s)
        d3, dt, dl = jax.jit(lambda x, x1: (
            jax.vmap(jax.grad(jax.grad(jax.grad(lambda t: S.eval_legendre(6, t)))))(x),
            jax.vmap(jax.grad(lambda t: S.eval_chebyt(7, t)))(x),
            jax.vmap(jax.grad(lambda t: S.eval_genlaguerre(5, 0.5, t)))(x1)))(x, x + 1)
        # P_6''' = 15 C_3^(7/2)
        np.testing.assert_allclose(d3, 15 * sp.eval_gegenbauer(3, 3.5, x), rtol=1e-12)
        np.testing.assert_allclose(dt, 7 * sp.eval_chebyu(6, x), rtol=1e-12)
        np.testing.assert_allclose(dl, -sp.eval_genlaguerre(4, 1.5, x + 1), rtol=1e-12)
        with pytest.raises(NotImplementedError, match="parameter"):
            jax.grad(lambda a: S.eval_jacobi(3, a, 0.5, 0.2))(0.3)


# --- scipy's conventions -----------------------------------------------------------------
CONVENTIONS = [("eval_chebyt", ()), ("eval_chebyu", ()), ("eval_chebyc", ()), ("eval_chebys", ()),
               ("eval_sh_chebyt", ()), ("eval_sh_chebyu", ()), ("eval_legendre", ()),
               ("eval_sh_legendre", ()), ("eval_hermite", ()), ("eval_hermitenorm", ()),
               ("eval_laguerre", ()), ("eval_genlaguerre", (0.5,)), ("eval_gegenbauer", (0.7,)),
               ("eval_jacobi", (0.5, 0.3)), ("eval_sh_jacobi", (2.0, 0.5))]


@pytest.mark.parametrize("name,params", CONVENTIONS, ids=[c[0] for c in CONVENTIONS])
def test_scipy_conventions(name, params):
    # negative degrees (reflections, 0 or NaN as scipy), parameters out of range (NaN)
    lo, hi = (0.0, 1.0) if "sh_" in name else (-0.95, 0.95)
    x = np.linspace(lo, hi, 5)
    n = np.array([-4, -3, -2, -1, 0, 1, 2, 17])[:, None]
    with jax.enable_x64(True):
        got = getattr(S, name)(n, *params, x)
        assert got.dtype == np.float64
        np.testing.assert_allclose(got, getattr(sp, name)(n, *params, x), rtol=1e-13, atol=1e-13)


def test_parameter_domains():
    with jax.enable_x64(True):
        x = np.array([0.3, 0.7])
        for args in [(3, -0.5), (3, -0.7), (0, -0.5), (3, 0.0)]:
            np.testing.assert_allclose(S.eval_gegenbauer(*args, x), sp.eval_gegenbauer(*args, x),
                                       rtol=1e-13)
        for args in [(3, -1.0), (0, -1.5), (2, -0.99)]:
            np.testing.assert_allclose(S.eval_genlaguerre(*args, x), sp.eval_genlaguerre(*args, x),
                                       rtol=1e-13)


def test_real_degree():
    with jax.enable_x64(True):
        # a negative degree: U_nu = -U_{-2-nu} (its sign was lost for non-integral nu)
        nu = np.array([0.5, -2.25, 7.75])[:, None]
        # x >= -0.5: scipy's hyp2f1 loses digits towards x = -1 (T_7.75(-0.9) is off by
        # 3e-9); the accuracy case "real_n" checks ours there against mpmath
        x = np.array([-0.5, -0.2, 0.4, 1.0, 1.7])
        # the shifted ones at x < 0 too: scipy's 2F1 form at z > 1, inf (was NaN)
        xsh = np.array([-0.4, -0.05, 0.7, 1.0, 1.35])
        for name in ("eval_chebyt", "eval_chebyu", "eval_sh_chebyt", "eval_sh_chebyu"):
            xx = xsh if "sh_" in name else x
            # atol: T_2.25(-0.5) = cos(3 pi / 2) = 0, both sides give +-4e-16
            np.testing.assert_allclose(getattr(S, name)(nu, xx), getattr(sp, name)(nu, xx),
                                       rtol=1e-12, atol=2e-15)
        # the other families: scipy's hypergeometric forms (hyp2f1 / hyp1f1) for a
        # non-integral degree, the polynomial for an integral float; against mpmath
        nu = np.array([3.0, 2.5, 5.75, -1.3, 0.3, 9.2])
        x = np.array([0.3, -0.6, 0.95, 0.1, -0.99, 0.45])
        jac, lag = jax.jit(lambda n, t: (S.eval_jacobi(n, 0.5, 0.2, t),
                                         S.eval_genlaguerre(n, 0.7, 4 * t + 4)))(nu, x)
        mjac = [float(mp.jacobi(n, 0.5, 0.2, t)) for n, t in zip(nu, x)]
        mlag = [float(mp.laguerre(n, 0.7, 4 * t + 4)) for n, t in zip(nu, x)]
        # the real 2F1's error (c - a - b = alpha - 2 nu - beta: its 1 - x connection
        # formula loses digits near integers), measured 2e-12 on random points
        np.testing.assert_allclose(jac, mjac, rtol=1e-11)
        # the real 1F1 series at a = -nu < 0, x > 0 alternates (cancellation), 1.4e-13
        np.testing.assert_allclose(lag, mlag, rtol=1e-12)


# Non-integral Legendre degrees (issue 10): tests/data/legendre_real_degree.json (made
# by ``python tools/make_legendre_refs.py``): the interior, next to x = +-1, and x > 1
_LEG = json.loads((pathlib.Path(__file__).parent / "data"
                   / "legendre_real_degree.json").read_text())


def test_legendre_real_degree_against_mpmath():
    nu, x, ref = np.array(_LEG["points"]).T
    with jax.enable_x64(True):
        got = np.asarray(S.eval_legendre(nu, x))
    err = np.abs(got - ref) / np.abs(ref)
    # measured max 2.8e-14, median 2.2e-16; scipy 1.17 on the same points: max 4.5e-5
    # (interior, |nu| ~ 50), 6.6e-10 (next to x = -1), 2.3e-13 (x > 1); the old 2F1
    # path: up to 1e9 in the interior
    assert err.max() <= 1e-13, (err.max(), nu[np.argmax(err)], x[np.argmax(err)])


def test_real_degree_at_minus_one():
    # x = -1 with a non-integral degree (and the shifted / scaled variants' ends):
    # U: scipy's inf with the sign of nu + 1 (was -6.6e15 for nu = 0.3); T: cos(pi nu),
    # exactly 0 for half-integral nu as scipy's (was 3e-16)
    nu = np.array([0.3, -0.3, 2.5, -1.5, -2.5, 3.7, -3.7, 0.5, -0.5, 10.25])
    with jax.enable_x64(True):
        for name, x in [("eval_chebyt", -1.0), ("eval_chebyu", -1.0), ("eval_chebyc", -2.0),
                        ("eval_chebys", -2.0), ("eval_sh_chebyt", 0.0),
                        ("eval_sh_chebyu", 0.0)]:
            got = np.asarray(getattr(S, name)(nu, x))
            np.testing.assert_allclose(got, getattr(sp, name)(nu, x), rtol=1e-15, atol=0,
                                       err_msg=name)


def test_large_degree_is_bounded():
    with jax.enable_x64(True):
        n = np.array([10**9, 2**16 + 1], np.int64)
        assert np.all(np.isnan(S.eval_legendre(n, 0.3)))       # above the static cap
        t = S.eval_chebyt(n, 0.3)                              # trigonometric form
        np.testing.assert_allclose(t, np.cos(n * np.arccos(0.3)), rtol=1e-6)
        np.testing.assert_allclose(S.eval_chebyu(2**16 + 1, -1.0), -(2**16 + 2), rtol=1e-12)
        # overflow gives inf of the right sign, never inf - inf = NaN (scipy: NaN at -inf)
        big = S.eval_hermite(np.array([300, 60, 61]), np.array([50.0, -np.inf, -np.inf]))
        np.testing.assert_array_equal(big, [np.inf, np.inf, -np.inf])
        assert np.isnan(S.eval_legendre(5, np.nan))


def test_errors():
    with pytest.raises(TypeError, match="eval_hermite.*n"):
        S.eval_hermite(2.0, 0.5)
    with pytest.raises(TypeError, match="eval_hermite.*complex x"):  # scipy: real x only
        S.eval_hermite(2, 0.5j)
    with pytest.raises(TypeError, match="eval_jacobi.*complex alpha"):
        S.eval_jacobi(2, 0.5j, 0.5, 0.3j)
    with pytest.raises(TypeError, match="eval_jacobi.*alpha"):
        S.eval_jacobi(2, "a", 0.5, 0.3)
    with pytest.raises(ValueError, match="eval_chebyt"):
        S.eval_chebyt(np.arange(3), np.zeros(4))
    with pytest.raises(ValueError, match="roots_legendre.*positive"):
        S.roots_legendre(0)
    with pytest.raises(ValueError, match="roots_legendre.*positive"):
        S.roots_legendre(2.5)
    with pytest.raises(ValueError, match="roots_jacobi.*alpha"):
        S.roots_jacobi(3, -1.0, 0.0)
    with pytest.raises(ValueError, match="roots_sh_jacobi"):
        S.roots_sh_jacobi(3, 1.0, 2.5)
    with pytest.raises(TypeError, match="roots_genlaguerre.*alpha"):
        jax.jit(lambda a: S.roots_genlaguerre(3, a))(0.5)


# --- Gauss rules --------------------------------------------------------------------
ROOTS = [("roots_legendre", ()), ("roots_sh_legendre", ()), ("roots_chebyt", ()),
         ("roots_chebyu", ()), ("roots_chebyc", ()), ("roots_chebys", ()),
         ("roots_sh_chebyt", ()), ("roots_sh_chebyu", ()), ("roots_hermite", ()),
         ("roots_hermitenorm", ()), ("roots_laguerre", ()), ("roots_genlaguerre", (1.5,)),
         ("roots_gegenbauer", (0.7,)), ("roots_jacobi", (0.5, -0.3)),
         ("roots_sh_jacobi", (2.5, 1.2))]


@pytest.mark.parametrize("name,params", ROOTS, ids=[r[0] for r in ROOTS])
def test_roots(name, params):
    n = {"roots_legendre": 40, "roots_hermite": 24, "roots_jacobi": 21}.get(name, 9)
    with jax.enable_x64(True):
        x, w, mu = getattr(S, name)(n, *params, mu=True)
        xs, ws, mus = getattr(sp, name)(n, *params, mu=True)
        assert x.dtype == w.dtype == mu.dtype == np.float64 and x.shape == w.shape == (n,)
        # scipy's middle Chebyshev U node is 6e-17, ours exactly 0: absolute 1e-15 there
        np.testing.assert_allclose(x, xs, rtol=1e-13, atol=1e-15)
        # scipy's weights are off by up to ~1e-11 at the ends (vs mpmath at n = 200: ours
        # <= 1.3e3 ulp, scipy's 2.9e5)
        np.testing.assert_allclose(w, ws, rtol=1e-11)
        np.testing.assert_allclose(mu, mus, rtol=1e-15)
        one = getattr(S, name)(1, *params)
        # atol: scipy's one-node Chebyshev S rule sits at 1.2e-16 instead of 0
        np.testing.assert_allclose(one, getattr(sp, name)(1, *params), rtol=1e-15, atol=2e-16)
    x32, w32 = getattr(S, name)(5, *params)
    assert x32.dtype == w32.dtype == np.float32
    np.testing.assert_allclose(x32, getattr(sp, name)(5, *params)[0], rtol=2e-6, atol=1e-7)


def test_roots_exactness():
    # an n-point Gauss rule integrates x^k, k < 2n, exactly: Hermite moments
    # Gamma((k+1)/2) for even k, Laguerre moments k!
    with jax.enable_x64(True):
        x, w = S.roots_hermite(12)
        for k in (0, 2, 10, 22):
            assert abs(float(np.sum(w * np.asarray(x) ** k)) / sp.gamma((k + 1) / 2) - 1) < 1e-13
        x, w = S.roots_laguerre(10)
        for k in (0, 3, 19):
            assert abs(float(np.sum(w * np.asarray(x) ** k)) / sp.factorial(k) - 1) < 1e-13


def test_aliases():
    for alias, name in [("p_roots", "roots_legendre"), ("h_roots", "roots_hermite"),
                        ("j_roots", "roots_jacobi"), ("us_roots", "roots_sh_chebyu"),
                        ("la_roots", "roots_genlaguerre"), ("cg_roots", "roots_gegenbauer")]:
        assert getattr(S, alias) is getattr(S, name)
        assert getattr(sp, alias) is getattr(sp, name)


def test_docstring_examples():
    # Op by op (``jax.disable_jit``): the examples call each function once on small
    # shapes no other test compiles; op by op the per-primitive programs are shared by
    # all the functions (4.3 s of CPU, measured, against 5.8 s compiled as called)
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = finder.find(orthopoly, globs=dict(vars(orthopoly)))
    runner_total = sum(len(t.examples) for t in tests)
    with jax.disable_jit():
        for t in tests:
            runner.run(t)
    assert runner_total >= 30
    assert runner.summarize(verbose=False).failed == 0
