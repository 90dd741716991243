"""jaxwrap.scipy.special distribution functions (bdtr ... stdtrit, kolmogorov).

Accuracy against mpmath (tests/data/special/cdflib.json, made by
``python -m tools.special_refs.make cdflib``), transformations and
derivatives through the differential harness, scipy's values at the edges
of the parameter domains (NaN rules, ends of the support), argument errors.
jax.scipy.special has none of these functions, so there is no jax peer.
"""

from __future__ import annotations

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as ssp

import jaxwrap.scipy.special as sp
from tests import accuracy
from tests.harness import DEEP, check

CASES = accuracy.load("cdflib")

# Every function here is one or two calls of the incomplete gamma / beta
# primitives (gamma.py) plus a few roundings of their arguments (x/2,
# dfn x/(dfd + dfn x), ...), so their error is that of the primitives at the
# shifted arguments: up to ~70 ULP measured in the typical domain (float64
# and float32), more in the tails, where the budget for distribution
# tails (1024 ULP) applies.
DEFAULT_BUDGET = 128.0
BUDGET = {
    ("bdtr", "lower_tail"): 1024.0, ("bdtrc", "upper_tail"): 1024.0,
    ("chdtrc", "upper_tail"): 1024.0, ("fdtrc", "upper_tail"): 1024.0,
    ("pdtr", "lower_tail"): 1024.0, ("stdtr", "far_tail"): 1024.0,
    ("stdtrit", "tail"): 1024.0, ("kolmogorov", "tail"): 1024.0,
    # Known weakness of the incomplete beta primitive (gamma.py's betainc /
    # betaincc, not of these compositions): with one parameter large (a = 88,
    # b = 20 in float32) it loses up to 7.6e3 ULP.  Tighten when it improves.
    ("bdtrc", "upper_tail", "float32"): 8192.0,
    # stdtr for large df uses Hill's normal transformation (cdflib.py), whose
    # truncation error is below 1 ULP there; what is left is rounding in z,
    # amplified by z^2 ~ t^2 in Phi(-z): measured 23 ULP (float64) and 14.6 ULP
    # (float32) on these points (scipy: 18 / 18.6); it was 7.2e5 / 6.5e3 ULP
    # through betainc.
    ("stdtr", "large_df"): 32.0,
}


def _budget(case):
    for key in ((case.function, case.region, case.dtype), (case.function, case.region),
                case.function):
        if key in BUDGET:
            return BUDGET[key]
    return DEFAULT_BUDGET


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_accuracy(case):
    accuracy.check_case(case, _budget(case))


# --- transformations and derivatives ---------------------------------------------------------
_R = np.random.default_rng(1)
_K = np.array([[0.0, 2.0, 5.0], [3.0, 7.0, 1.0]])
_N = np.array([[10.0, 12.0, 9.0], [8.0, 15.0, 20.0]])
_PR = _R.uniform(0.1, 0.9, (2, 3))
_POS = _R.uniform(0.5, 8, (2, 3))
_POS2 = _R.uniform(0.5, 8, (2, 3))

ROWS = [
    # name, args, argnums differentiated (float64, first order)
    ("bdtr", (_K, _N, _PR), (2,)), ("bdtrc", (_K, _N, _PR), (2,)),
    ("bdtri", (_K, _N, _PR), (2,)), ("nbdtr", (_K, _N, _PR), (2,)),
    ("nbdtrc", (_K, _N, _PR), (2,)), ("nbdtri", (_K, _N, _PR), (2,)),
    ("chdtr", (_POS, _POS2), (0, 1)), ("chdtrc", (_POS, _POS2), (0, 1)),
    ("chdtri", (_POS, _PR), (1,)), ("gdtr", (_POS, _POS2, _PR * 3), (0, 2)),
    ("gdtrc", (_POS, _POS2, _PR * 3), (0, 2)), ("fdtr", (_POS, _POS2, _PR * 3), (2,)),
    ("fdtrc", (_POS, _POS2, _PR * 3), (2,)), ("fdtri", (_POS, _POS2, _PR), (2,)),
    ("pdtr", (_K, _POS), (1,)), ("pdtrc", (_K, _POS), (1,)), ("pdtri", (_K, _PR), (1,)),
    ("stdtr", (_POS, _R.uniform(-4, 4, (2, 3))), (1,)), ("stdtrit", (_POS, _PR), (1,)),
    ("kolmogorov", (_POS / 4,), (0,)),
]


# Each function is an elementwise composition of incomplete gamma / beta primitives (or their
# inverses) with a few arithmetic primitives, so its batching is those primitives' batching
# rules and its derivative their JVP rules chained through jax's AD of the arithmetic.  vmap
# (and with it the traced path at the public boundary) and the gradient check run on one
# function per primitive (EVERY_WAY_FOR), differentiated in every argument the primitive's
# rule is reached through here; the other functions (the same primitives behind other argument
# maps) get values in both dtypes, dtypes and purity, and everything in a deep run.
# gammainc (in a and x) and betainc (in x) are vmapped and differentiated by
# tests/test_special_gamma.py (ELSEWHERE, asserted below), so chdtr / bdtrc would repeat them.
PRIMITIVES = {  # function -> the gamma.py primitives it is built on (and its own code)
    "bdtr": {"betaincc"}, "bdtrc": {"betainc"}, "bdtri": {"betainccinv"},
    "nbdtr": {"betainc"}, "nbdtrc": {"betaincc"}, "nbdtri": {"betaincinv"},
    "fdtr": {"betainc", "betaincc"}, "fdtrc": {"betainc", "betaincc"},
    "fdtri": {"betaincinv", "betainccinv"},
    "chdtr": {"gammainc"}, "chdtrc": {"gammaincc"}, "chdtri": {"gammainccinv"},
    "gdtr": {"gammainc"}, "gdtrc": {"gammaincc"}, "pdtr": {"gammaincc"}, "pdtrc": {"gammainc"},
    "pdtri": {"gammainccinv"},
    # Student t: its own argument maps and tails around the beta primitives (cdflib.py)
    "stdtr": {"stdtr", "betainc", "betaincc"},
    "stdtrit": {"stdtrit", "betaincinv", "betainccinv"}, "kolmogorov": {"kolmogorov"},
}
EVERY_WAY_FOR = {"chdtrc", "chdtri", "stdtr", "stdtrit", "kolmogorov"}
ELSEWHERE = {"gammainc", "betainc"}


def test_every_way_rows_cover_every_primitive():
    assert set(PRIMITIVES) == {r[0] for r in ROWS}
    assert set().union(*PRIMITIVES.values()) == \
        set().union(*(PRIMITIVES[n] for n in EVERY_WAY_FOR)) | ELSEWHERE
    # the representatives are differentiated in every argument their primitive is reached
    # through here: chdtrc in a and x (as chdtr, gdtr, pdtr ...), the others in x / y
    assert {r[0]: r[2] for r in ROWS}["chdtrc"] == (0, 1)
    from tests.test_special_gamma import EVERY_WAY   # ELSEWHERE: vmap and gradients there
    rows = {r[0]: r for r in EVERY_WAY}
    assert all(rows[n][3] >= 1 and rows[n][4] for n in ELSEWHERE)
    assert len(rows["gammainc"][1]) == 2 and len(rows["betainc"][1]) == 3


@pytest.mark.parametrize("name,args,argnums", ROWS, ids=[r[0] for r in ROWS])
def test_transforms(name, args, argnums):
    fn, ref = getattr(sp, name), getattr(ssp, name)
    # The points repeated to the accuracy cases' length: the plain calls reuse the
    # programs compiled there (compiles are most of this file's time).
    args = [np.resize(a.ravel(), accuracy._BUCKET) for a in args]
    full = DEEP or name in EVERY_WAY_FOR
    # The reference is scipy in float64: the default 1e-12 tolerance is the
    # float64 check; float32 is compared at its default 2e-5.
    with jax.enable_x64(True):
        check(fn, ref, list(args), grad=1 if full else 0, grad_argnums=argnums,
              check_dtype=np.float64, vmap=full, jit=full)
    # float32: values and dtype (jit / vmap / gradients are the float64 run's; DEEP)
    check(fn, ref, [a.astype(np.float32) for a in args], check_dtype=np.float32, jit=DEEP,
          vmap=DEEP)


# --- scipy's edge values -------------------------------------------------------------------------
EDGES = {
    "bdtr": ([-1, 0, 2.7, 5, 6, 2, 2, np.nan, 2, 2], [5, 5, 5, 5, 5, 5.5, -1, 5, 5, 5],
             [0.3] * 8 + [0.0, 1.0]),
    "bdtrc": ([-1, 0, 2.7, 5, 6, 2, 2, 2], [5, 5, 5, 5, 5, 5.5, 5, 5], [0.3] * 6 + [0.0, 1.0]),
    "bdtri": ([-1, 0, 2.7, 5, 2, 2, 2, 2], [5, 5, 5, 5, 5.5, 5, 5, 5],
              [0.4, 0.4, 0.4, 0.4, 0.4, 0.0, 1.0, 1.2]),
    "chdtr": ([-1, 0, 1, 2, 3.5], [1, 1, -1, 0, 2.2]),
    "chdtrc": ([-1, 0, 1, 2, 3.5], [1, 1, -1, 0, 2.2]),
    "chdtri": ([0, 1, 2, 2, 3.5], [0.5, 0.5, 0, 1, 0.2]),
    "fdtr": ([-1, 0, 1, 1, np.inf, 2.5], [1, 1, 0, 1, 2, 3.3], [1, 1, 1, -1, 1, 0.7]),
    "fdtrc": ([-1, 0, 1, 1, 2.5], [1, 1, 0, 1, 3.3], [1, 1, 1, -1, 0.7]),
    "fdtri": ([1, 1, 1, 0, 2.5], [1, 1, 1, 1, 3.3], [0, 1, 0.5, 0.5, 0.9]),
    "gdtr": ([-1, 0, 1, 1, 1, 2], [1, 1, 0, -1, 1, 3], [1, 1, 1, 1, -1, 1.2]),
    "gdtrc": ([-1, 0, 1, 1, 1, 2], [1, 1, 0, -1, 1, 3], [1, 1, 1, 1, -1, 1.2]),
    "nbdtr": ([-1, 0, 2.7, 2, 2, 2, 2], [5, 5, 5, 0, 5.5, 5, 5], [0.3] * 5 + [0.0, 1.0]),
    "nbdtrc": ([-1, 0, 2.7, 2], [5, 5, 5, 0], [0.3] * 4),
    "nbdtri": ([-1, 0, 2.7, 2], [5, 5, 5, 5.5], [0.3] * 4),
    "pdtr": ([-1, 0, 2.7, 2, 2], [1, 1, 1, 0, -1]),
    "pdtrc": ([-1, 0, 2.7, 2, 2], [1, 1, 1, 0, -1]),
    "pdtri": ([-1, 0, 2.7, 2, 2], [0.5, 0.5, 0.5, 0, 1]),
    "stdtr": ([0, -1, 1, np.inf, 3, 5, 1e12, 1e5, 1e5, 1e5, np.inf, 1e10],
              [1, 1, 1, 1, -np.inf, -2.0, -4.8, np.inf, -np.inf, -1e200, -np.inf, 0.0]),
    # stdtrit(1, 0): scipy 1.17 answers +inf; the limit is -inf (tested below)
    "stdtrit": ([0, 1, 1, np.inf, 5, 5, 1e12], [0.5, 1, 0.3, 0.3, 0.01, 0.8, 1e-6]),
    "kolmogorov": ([-1, 0, 0.1, 0.5, 0.99, 1, 1.5, np.inf, np.nan],),
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_edges(name):
    args = [np.asarray(a, np.float64) for a in EDGES[name]]
    # padded like the accuracy cases, so the float64 program compiled there is reused
    n = len(args[0])
    padded = [np.pad(a, (0, accuracy._BUCKET - n), mode="edge") for a in args]
    with jax.enable_x64(True):
        got = np.asarray(getattr(sp, name)(*padded))[:n]
    with np.errstate(all="ignore"):
        want = getattr(ssp, name)(*args)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0, equal_nan=True)


def _stdtr_mp(df, t):
    with mp.workdps(40):
        df, t = mp.mpf(float(df)), mp.mpf(float(t))
        tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + t * t), regularized=True) / 2
        return float(tail if t < 0 else 1 - tail)


def test_stdtr_hill_tails():
    # Hill's transformation (large df) out to where the tail underflows (y = z^2 up
    # to ~1400), around its switch points, and at t = 0.  Its truncation error is
    # below 1 ULP there (cdflib.py); rounding in z costs ~y ULP through Phi(-z) ~
    # exp(-y/2) (scipy: up to ~1e3 ULP at y ~ 1400), so the bound is 8 + 3 y ULP.
    df = np.array([150.0, 1e3, 2e3, 5e3, 2e4, 4.9e4, 5.1e4, 3e5, 1e7, 1e9, 1e11, 5e4, 8e4, 2e5])
    t = np.array([-3.0, -5.0, 7.0, -20.0, -30.0, -37.0, 36.0, -37.0, -37.0, 2.5, -37.0,
                  0.0, 1e-9, -0.3])
    want = np.array([_stdtr_mp(a, b) for a, b in zip(df, t)])
    n = len(df)
    padded = [np.pad(a, (0, accuracy._BUCKET - n), mode="edge") for a in (df, t)]
    with jax.enable_x64(True):
        got = np.asarray(sp.stdtr(*padded))[:n]
        # the derivative in t at t = 0 is the density there (jitted: an eager grad
        # compiles its forward and backward parts apart, 2.7 s of CPU instead of 1 s)
        g0 = float(jax.jit(jax.grad(sp.stdtr, 1))(8e4, 0.0))
    y = (df - 0.5) * np.log1p(t * t / df)
    ulp = np.abs(got - want) / np.spacing(want)  # all normal numbers (y <= 1370)
    assert np.all(ulp <= 8 + 3 * y), (ulp, y)
    with mp.workdps(40):
        pdf0 = float(mp.gamma(mp.mpf(40000.5)) / mp.gamma(40000) / mp.sqrt(8e4 * mp.pi))
    np.testing.assert_allclose(g0, pdf0, rtol=1e-12)


def test_stdtrit_limits():
    # padded like the accuracy cases, so the float64 program compiled there is reused
    df, p = np.full(accuracy._BUCKET, 3.0), np.resize([0.0, 1.0], accuracy._BUCKET)
    with jax.enable_x64(True):
        np.testing.assert_array_equal(np.asarray(sp.stdtrit(df, p))[:2], [-np.inf, np.inf])


def test_errors_and_dtypes():
    with pytest.raises(TypeError, match="bdtr.*p"):
        sp.bdtr(1, 5, 0.5j)
    with pytest.raises(TypeError, match="stdtr"):
        sp.stdtr(1.0)
    with pytest.raises(ValueError, match="chdtr"):
        sp.chdtr(np.ones(3), np.ones(2))
    # result dtypes, traced only (the values of these kernels are checked above)
    assert jax.eval_shape(sp.bdtr, np.int32(2), np.int32(5), np.float32(0.3)).dtype == np.float32
    with jax.enable_x64(True):
        assert jax.eval_shape(sp.pdtr, 2, 1.0).dtype == np.float64
