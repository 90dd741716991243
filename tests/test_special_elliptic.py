"""jaxwrap.scipy.special elliptic integrals, Jacobi elliptic functions and
Carlson's symmetric integrals (real arguments).

Accuracy against mpmath (tests/data/special/elliptic.json, made by
``python -m tools.special_refs.make elliptic``), transformations through the
differential harness, conventions against scipy (quasi-periodicity in phi,
m < 0, m near 1, principal values) and argument errors.  jax.scipy.special has
none of these functions, so there is no peer.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.special as ssp

import jaxwrap.scipy.special as sp
from tests import accuracy
from tests.harness import DEEP, check

CASES = accuracy.load("elliptic")

# Max-ULP budgets; the default is the family's 16 ULP (float64 typical domain, issue 10).
DEFAULT_BUDGET = 16.0
BUDGET = {
    # F and E beyond pi/2 add 2 n K(m) (or 2 n E(m)) to the reduced part; the
    # reduced amplitude psi = phi - n pi carries the rounding of n pi (two-term pi)
    # and for |phi| up to 20 the sum of terms of opposite signs cancels a little.
    ("ellipkinc", "periodic"): 32.0, ("ellipeinc", "periodic"): 32.0,
    # m within 1e-15 of 1 and phi near pi/2: 1 - m sin^2 = cos^2 + p sin^2 is
    # exact, but cos(psi) of a psi near pi/2 has the absolute error of psi.
    ("ellipkinc", "m_near_one"): 64.0, ("ellipeinc", "m_near_one"): 64.0,
    # R_J's principal value: (q - y) R_J(q) + 3 (R_C - R_F) cancels (Carlson 1995 sec. 4).
    ("elliprj", "negative_p"): 256.0,
    # Jacobi functions by descending Landen: the amplitude is rebuilt by 14-20
    # asin steps; cn and dn near their zeros / for m near 1 lose relative accuracy.
    "ellipj.cn": 256.0, "ellipj.sn": 64.0, "ellipj.dn": 64.0, "ellipj.ph": 32.0,
}

def _budget(case):
    for key in ((case.function, case.region), case.function):
        if key in BUDGET:
            return BUDGET[key]
    return DEFAULT_BUDGET


@pytest.mark.parametrize("case", CASES, ids=[f"{c.id}-{c.region}-{i}" for i, c in enumerate(CASES)])
def test_accuracy(case):
    accuracy.check_case(case, _budget(case), peer=False)


# --- shared inputs ---------------------------------------------------------------------------
# Every compile of these kernels costs seconds, so the tests below call each function on the
# accuracy cases' padded length (``accuracy._call`` pads a case's points to 64), reusing the
# programs compiled there (float32 and float64); only vmap and the derivatives compile anew.
_N = accuracy._BUCKET


def _pad(*cols, dtype=np.float64):
    """The 1-d columns ``cols`` padded (with their last point) to the accuracy cases'
    length, as ``dtype`` arrays."""
    return [np.pad(np.asarray(c, dtype), (0, _N - len(c)), mode="edge") for c in cols]


def _padded(fn, *cols, dtype=np.float64):
    """``fn`` on the padded columns, the padding sliced off (every output of a tuple)."""
    out = fn(*_pad(*cols, dtype=dtype))
    n = len(cols[0])
    if isinstance(out, tuple):
        return tuple(np.asarray(o)[:n] for o in out)
    return np.asarray(out)[:n]


_R = np.random.default_rng(3)
_M = _R.uniform(-2.0, 0.9, (2, 3))
_PHI = _R.uniform(-1.4, 1.4, (2, 3))
_P1, _P2, _P3, _P4 = (_R.uniform(0.2, 3.0, (2, 3)) for _ in range(4))

HARNESS = [
    ("ellipk", (_M,)), ("ellipkm1", (_P1,)), ("ellipe", (_M,)), ("ellipkinc", (_PHI, _M)),
    ("ellipeinc", (_PHI, _M)), ("elliprc", (_P1, _P2)), ("elliprd", (_P1, _P2, _P3)),
    ("elliprf", (_P1, _P2, _P3)), ("elliprg", (_P1, _P2, _P3)), ("elliprj", (_P1, _P2, _P3, _P4)),
]


# Every function is an elementwise composition of the same few cores (elliptic.py): the
# duplication loops of R_F, R_D, R_C (fori_loop), the AGM of K, the Landen scan of ellipj.  Their
# batching is those loops' and the elementwise primitives' batching rules, so vmap (and with it
# the traced path at the public boundary) runs on one function per core (VMAP_FOR); the others
# (the same cores behind other argument maps) get values, dtypes, purity and gradients (the
# gradient check calls them with tracers), and everything in a deep run.
CORES = {  # function -> the cores it is built on
    "ellipk": {"agm"}, "ellipkm1": {"agm"}, "ellipe": {"rd"}, "ellipkinc": {"rf", "agm"},
    "ellipeinc": {"rf", "rd"}, "elliprc": {"rc"}, "elliprd": {"rd"}, "elliprf": {"rf"},
    "elliprg": {"rf", "rd"}, "elliprj": {"rc", "rj"}, "ellipj": {"landen"},
}
VMAP_FOR = {"ellipk", "elliprf", "elliprd", "elliprc", "ellipj"}


def test_vmap_rows_cover_every_core():
    """Every core but R_J's loop (elliprj: vmap in a deep run; its derivative is the
    file's most expensive compile) is vmapped through one function."""
    assert set(CORES) == {h[0] for h in HARNESS} | {"ellipj"}
    assert set().union(*CORES.values()) - {"rj"} == set().union(*(CORES[n] for n in VMAP_FOR))


@pytest.mark.parametrize("name,args", HARNESS, ids=[h[0] for h in HARNESS])
def test_harness(name, args):
    fn = getattr(sp, name)
    # the six points repeated to the accuracy cases' length: the plain calls (and the
    # numerical differences of the gradient check) reuse the accuracy executables
    args = tuple(np.resize(a.ravel(), _N) for a in args)
    full = DEEP or name in VMAP_FOR
    with jax.enable_x64(True):
        check(fn, getattr(ssp, name), args, grad=1, vmap=full, jit=DEEP)
    a32 = tuple(a.astype(np.float32) for a in args)
    out = getattr(sp, name)(*a32)
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.asarray(out), getattr(ssp, name)(*a32), rtol=2e-6)


def test_ellipj_harness():
    # the gradient check differentiates all four outputs at once (a random cotangent on each)
    u = np.resize((_PHI * 2).ravel(), _N)
    m = np.resize((np.abs(_M) / 2.5).ravel(), _N)
    with jax.enable_x64(True):
        check(sp.ellipj, ssp.ellipj, (u, m), grad=1)


EDGES = {
    "ellipk": ([1.0, 1.5, -np.inf, 0.0, np.nan],),
    "ellipkm1": ([0.0, -0.5, 1.0, np.inf],),
    "ellipe": ([1.0, 1.5, 0.0, -1e300, np.nan],),
    "ellipkinc": ([0.0, 10.0, -10.0, 1.0, 1.0], [0.5, 0.5, 0.3, 1.0, 2.0]),
    "ellipeinc": ([0.0, 10.0, -10.0, 1.0, 3.0], [0.5, 0.5, 0.3, 1.0, 1.0]),
    "elliprf": ([0.0, 0.0, 1.0, -1.0, np.inf], [0.0, 1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0, 1.0]),
    "elliprc": ([0.0, 1.0, 1.0, -1.0, 2.0], [1.0, 0.0, -2.0, 1.0, 2.0]),
    "elliprd": ([0.0, 1.0, 1.0, -1.0], [1.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 1.0]),
    "elliprg": ([0.0, 0.0, 1.0, -1.0, 2.0], [0.0, 0.0, 1.0, 1.0, 3.0], [0.0, 4.0, 1.0, 1.0, 0.0]),
    "elliprj": ([1.0, 0.0, 1.0, 1.0], [2.0, 1.0, 2.0, 2.0], [3.0, 2.0, 3.0, 3.0], [1.0, 3.0, -1.0, -0.5]),
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_edges(name):
    # padded like the accuracy cases, so the float64 program compiled there is reused
    args = [np.asarray(a, np.float64) for a in EDGES[name]]
    with jax.enable_x64(True), np.errstate(all="ignore"):
        got = _padded(getattr(sp, name), *args)
        want = getattr(ssp, name)(*args)
    assert got.dtype == np.float64
    # 1e-13: the principal values of elliprj cancel (see BUDGET)
    np.testing.assert_allclose(got, want, rtol=1e-13, atol=0, equal_nan=True, err_msg=name)


def test_ellipj_edges():
    with jax.enable_x64(True), np.errstate(all="ignore"):
        u = np.array([0.0, 1.0, 1.0, 1.0, 2.0])
        m = np.array([0.5, 0.0, 1.0, 1.5, -0.5])
        for i, (got, want) in enumerate(zip(_padded(sp.ellipj, u, m), ssp.ellipj(u, m))):
            np.testing.assert_allclose(got, want, rtol=1e-14, equal_nan=True, err_msg=str(i))


def test_m_above_one():
    """m > 1 with 1 - m sin(phi)**2 >= 0: the integrals are real (mpmath); scipy gives NaN."""
    import mpmath
    with jax.enable_x64(True):
        got_f = float(_padded(sp.ellipkinc, [0.5], [3.0])[0])
        got_e = float(_padded(sp.ellipeinc, [0.5], [3.0])[0])
    assert got_f == pytest.approx(float(mpmath.ellipf(0.5, 3)), rel=4e-16)
    assert got_e == pytest.approx(float(mpmath.ellipe(0.5, 3)), rel=4e-16)
    # 1 - 2 sin(1)**2 < 0 (float32, the float32 accuracy executable)
    assert np.isnan(_padded(sp.ellipkinc, [1.0], [2.0], dtype=np.float32)[0])


def test_quasi_periodicity():
    """F(phi + n pi | m) = F(phi | m) + 2 n K(m), E likewise: every (n, m) in one call."""
    m0, ns = np.array([0.3, -2.0, 0.9]), np.array([0, 1, -2, 5])
    m = np.tile(m0, len(ns))
    phi = np.repeat(0.4 + ns * np.pi, len(m0))
    n = np.repeat(ns, len(m0))
    with jax.enable_x64(True):
        for inc, complete in ((sp.ellipkinc, sp.ellipk), (sp.ellipeinc, sp.ellipe)):
            got = _padded(inc, phi, m)
            whole = _padded(complete, m)
            np.testing.assert_allclose(got[len(m0):], np.tile(got[:len(m0)], len(ns) - 1)
                                       + 2 * n[len(m0):] * whole[len(m0):], rtol=1e-14,
                                       err_msg=f"{inc.__name__}: n, m = "
                                               f"{list(zip(n[len(m0):], m[len(m0):]))}")


def test_errors():
    with pytest.raises(TypeError, match="elliprj"):
        sp.elliprj("x", 1.0, 1.0, 1.0)
    with pytest.raises(TypeError, match="ellipk"):
        sp.ellipk("m")
    with pytest.raises(ValueError, match="ellipkinc"):
        sp.ellipkinc(np.ones(2), np.ones(3))
