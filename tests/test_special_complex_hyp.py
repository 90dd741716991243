"""Complex arguments of the orthogonal polynomials (eval_*), elliprj and the
hypergeometric functions hyp0f1 / hyp1f1 / hyp2f1 (issue 10).

Values against mpmath (30 digits) on sampled complex points, one jitted call per
function group and dtype; special values and domains against scipy; holomorphic
derivatives on a few points; complex64 dtypes.
"""

from __future__ import annotations

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as ss

import jax.numpy as jnp  # tests may use jax.numpy (here: tangents for jax.jvp)
import jaxwrap.scipy.special as js
from tests import harness

mp.mp.dps = 30


def _rel(got, ref, floor=1e-300):
    """Relative errors (where the reference is finite and representable)."""
    got = np.asarray(got).astype(np.complex128)
    ok = np.isfinite(ref) & (np.abs(ref) > floor) & (np.abs(ref) < 1 / floor)
    with np.errstate(invalid="ignore"):
        return np.where(ok, np.abs(got - ref) / np.where(ok, np.abs(ref), 1.0), 0.0)


def _mpc(v):
    return mp.mpc(complex(v).real, complex(v).imag)


# --- orthogonal polynomials ------------------------------------------------------------
# name, real parameters, mpmath reference of (n, params..., x)
def _mp_sh_jacobi(n, p, q, x):
    return mp.jacobi(n, p - q, q - 1, 2 * x - 1) / mp.binomial(2 * n + p - 1, n)


ORTH = {
    "eval_chebyt": ((), lambda n, x: mp.chebyt(n, x)),
    "eval_chebyu": ((), lambda n, x: mp.chebyu(n, x)),
    "eval_chebyc": ((), lambda n, x: 2 * mp.chebyt(n, x / 2)),
    "eval_chebys": ((), lambda n, x: mp.chebyu(n, x / 2)),
    "eval_sh_chebyt": ((), lambda n, x: mp.chebyt(n, 2 * x - 1)),
    "eval_sh_chebyu": ((), lambda n, x: mp.chebyu(n, 2 * x - 1)),
    "eval_legendre": ((), lambda n, x: mp.legendre(n, x)),
    "eval_sh_legendre": ((), lambda n, x: mp.legendre(n, 2 * x - 1)),
    "eval_laguerre": ((), lambda n, x: mp.laguerre(n, 0, x)),
    "eval_genlaguerre": ((0.7,), lambda n, a, x: mp.laguerre(n, a, x)),
    "eval_gegenbauer": ((1.3,), lambda n, a, x: mp.gegenbauer(n, a, x)),
    "eval_jacobi": ((0.5, -0.3), lambda n, a, b, x: mp.jacobi(n, a, b, x)),
    "eval_sh_jacobi": ((2.5, 1.2), _mp_sh_jacobi),
}
_ORTH_NAMES = sorted(ORTH)


def _orth_points(seed, m):
    rng = np.random.default_rng(seed)
    n = rng.integers(0, 25, m)
    x = 10 ** rng.uniform(-2, 0.7, m) * np.exp(1j * rng.uniform(-np.pi, np.pi, m))
    return n, x


def _orth_all(n, x):
    return tuple(getattr(js, f)(n, *ORTH[f][0], x) for f in _ORTH_NAMES)


def _orth_ref(name, n, x):
    params, f = ORTH[name]
    return np.array([complex(f(int(k), *params, _mpc(v))) for k, v in zip(n, x)])


# Forward recurrences off the real interval: the error grows about linearly with the
# degree (<= 24 here) from the rounding of each step; p_n's zeros sit on the real
# interval, so near them (|x| ~ 1, small imaginary part) the relative error is larger.
ORTH_TOL = {np.complex128: 2e-13, np.complex64: 1e-4}


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_orthopoly_complex_values(dtype):
    n, x = _orth_points(harness.stable_seed("orth", np.dtype(dtype).name), 30)
    x = x.astype(dtype)
    with jax.enable_x64(dtype == np.complex128):
        got = jax.jit(_orth_all)(n, x)
    for name, g in zip(_ORTH_NAMES, got):
        assert g.dtype == dtype, name
        ref = _orth_ref(name, n, x.astype(np.complex128))
        err = _rel(g, ref)
        i = int(np.argmax(err))
        assert err[i] <= ORTH_TOL[dtype], (name, n[i], x[i], err[i])


def test_orthopoly_complex_matches_scipy_conventions():
    """Negative and float degrees, NaN, against scipy; Hermite stays real-only."""
    x = np.array([0.3 + 0.4j, -2 + 1j, complex(np.nan, 0)])
    with jax.enable_x64(True):
        for name, n in [("eval_chebyt", -3), ("eval_chebyu", -3), ("eval_legendre", -3)]:
            params = ORTH[name][0]
            g, w = np.asarray(getattr(js, name)(n, *params, x)), getattr(ss, name)(n, *params, x)
            np.testing.assert_allclose(g, w, rtol=1e-14)
        # float degrees: test_orthopoly_complex_real_degree
        assert js.assoc_laguerre(np.complex64(1 + 1j), 2).dtype == np.complex64
    with pytest.raises(TypeError, match="eval_hermitenorm.*complex x"):
        js.eval_hermitenorm(2, 1j)


# Non-integral float degrees with complex x: scipy's hypergeometric forms (the complex
# hyp2f1 / hyp1f1).  One program for four families: Legendre and Jacobi (two 2F1 forms
# with and without the binomial factor), Chebyshev U (the factor nu + 1), Laguerre (1F1);
# the other families call the same forms.  Integral floats give the polynomials, NaN
# stays NaN.
REAL_DEGREE = ["eval_legendre", "eval_chebyu", "eval_jacobi", "eval_genlaguerre"]


def test_orthopoly_complex_real_degree():
    rng = np.random.default_rng(harness.stable_seed("orth_real_degree"))
    m = 24
    nu = rng.uniform(-2.5, 12, m)
    nu[:3] = [4.0, 3.0, 0.0]
    x = 10 ** rng.uniform(-2, 0.7, m) * np.exp(1j * rng.uniform(-np.pi, np.pi, m))
    x[-1] = complex(np.nan, 0)
    with jax.enable_x64(True):
        got = jax.jit(lambda n, v: tuple(getattr(js, f)(n, *ORTH[f][0], v)
                                         for f in REAL_DEGREE))(nu, x)
    for name, g in zip(REAL_DEGREE, got):
        assert g.dtype == np.complex128, name
        g = np.asarray(g)
        assert np.isnan(g[-1]), name
        params, f = ORTH[name]
        ref = np.array([complex(f(mp.mpf(k), *params, _mpc(v))) for k, v in zip(nu[:-1], x[:-1])])
        err = _rel(g[:-1], ref)
        i = int(np.argmax(err))
        # the complex 2F1's error at |x| up to 5 (its transformations' Gamma ratios and
        # the Taylor step near exp(+-i pi/3) in (1 - x) / 2), measured 8e-13
        assert err[i] <= 5e-12, (name, nu[i], x[i], err[i])


def test_orthopoly_holomorphic_grad():
    z = np.array([0.3 + 0.2j, -1.5 + 2j])
    with jax.enable_x64(True):
        # (jitted: an eager grad compiles its forward and backward parts apart)
        d = jax.jit(jax.vmap(jax.grad(lambda v: js.eval_jacobi(5, 0.5, 0.7, v),
                                      holomorphic=True)))(z)
        assert d.dtype == np.complex128
    ref = [complex(mp.diff(lambda v: mp.jacobi(5, 0.5, 0.7, v), _mpc(v))) for v in z]
    np.testing.assert_allclose(np.asarray(d), ref, rtol=1e-12)
    harness.assert_pure(js.eval_legendre, 3, z)


# --- elliprj ---------------------------------------------------------------------------
def _rj_points(seed, m):
    """Half in Re x, y, z >= 0 with Re p > 0; a quarter with real x, y, z and complex p;
    a quarter with a conjugate pair.  Moduli 1e-3 .. 1e3."""
    rng = np.random.default_rng(seed)

    def mag(k):
        return 10 ** rng.uniform(-3, 3, k)

    h, q = m // 2, m // 4
    right = [mag(h) * np.exp(1j * rng.uniform(-np.pi / 2, np.pi / 2, h)) for _ in range(4)]
    real = [mag(q) + 0j for _ in range(3)] + [mag(q) * np.exp(1j * rng.uniform(-3.1, 3.1, q))]
    u = mag(q) * np.exp(1j * rng.uniform(-3.1, 3.1, q))
    conj = [u, np.conj(u), mag(q) + 0j, mag(q) * np.exp(1j * rng.uniform(-3.1, 3.1, q))]
    return [np.concatenate([a, b, c]) for a, b, c in zip(right, real, conj)]


# Carlson's algorithm on these points: float64 ~30 ULP worst (the R_C terms of the sum
# cancel for p of phase near +-pi); complex64: the same in float32 ULP.
RJ_TOL = {np.complex128: 1e-13, np.complex64: 2e-5}

# Carlson's domain (NaN outside, as scipy), the principal value for all-real arguments
# with p < 0, two zeros (inf), an infinite argument (0), p = 0 (NaN), NaN
RJ_SPECIAL = np.array([(1, 2, 3, -1), (1, 2, 3, -1 + 1j), (1 + 1j, 1 - 1j, 3, -1 + 1j),
                       (-1 + 1j, 2, 3, 1j), (1 + 1j, 2, 3, -1 + 1j), (1 + 1j, 2, 3, -1),
                       (1 + 1j, 2, 3, 1), (0, 1, 1, 1), (0, 0, 1, 1), (1j, -1j, 0, 1),
                       (2, 3, 4, 0), (np.inf, 1, 2, 3), (np.nan, 1, 2, 3)], np.complex128).T


def _rj_and_dp(x, y, z, p):
    """R_J and its derivative in p (forward mode: a jvp along 1 is the complex
    derivative of a holomorphic function), one compiled program."""
    return jax.jvp(lambda v: js.elliprj(x, y, z, v), (p,), (jnp.ones_like(p),))


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
def test_elliprj_complex(dtype):
    pts = _rj_points(harness.stable_seed("rj", np.dtype(dtype).name), 48)
    m = len(pts[0])
    args = [np.concatenate([a, s]).astype(dtype) for a, s in zip(pts, RJ_SPECIAL)]
    with jax.enable_x64(dtype == np.complex128):
        if dtype == np.complex128:
            val, der = jax.jit(_rj_and_dp)(*args)
        else:  # values only (the derivative's program would double the compile time)
            val = der = jax.jit(js.elliprj)(*args)
        assert val.dtype == dtype and der.dtype == dtype
    val, der = np.asarray(val), np.asarray(der)
    ref = np.array([complex(mp.elliprj(*(_mpc(a[i]) for a in args))) for i in range(m)])
    err = _rel(val[:m], ref, 1e-30)
    i = int(np.argmax(err))
    assert err[i] <= RJ_TOL[dtype], ([a[i] for a in args], err[i])
    if dtype == np.complex64:
        return
    g, w = val[m:], ss.elliprj(*RJ_SPECIAL)
    np.testing.assert_array_equal(np.isnan(g), np.isnan(w))
    fin = ~np.isnan(w)
    np.testing.assert_allclose(g[fin], w[fin], rtol=1e-14, atol=1e-15)
    # d/dp R_J against mpmath's numerical derivative, on a few points of the right half
    dref = [complex(mp.diff(lambda v: mp.elliprj(*(_mpc(a[i]) for a in args[:3]), v),
                            _mpc(args[3][i]))) for i in range(3)]
    np.testing.assert_allclose(der[:3], dref, rtol=1e-10)


def test_elliprj_complex_purity():
    harness.assert_pure(js.elliprj, 1 + 1j, 2 - 0.5j, 0.5 + 0j, np.array([1.5 + 0.5j, 0.3 - 2j]))


# --- hypergeometric functions ----------------------------------------------------------
def _hyp_points(seed, m, rmax):
    """Parameters in [-5, 5] (a quarter of them with integer differences or a
    non-positive integer a), z of modulus 1e-2 .. rmax in every direction, a sixth of
    them next to exp(+-i pi/3) and on |1 - z| = 1 (2F1's hard places)."""
    rng = np.random.default_rng(seed)
    a, b, c = (np.round(rng.uniform(-5, 5, m), 2) for _ in range(3))
    q = m // 4
    b[:q // 2] = a[:q // 2] + rng.integers(-2, 3, q // 2)            # a - b an integer
    c[q // 2:q] = a[q // 2:q] + b[q // 2:q] + rng.integers(-2, 3, q - q // 2)
    a[q:q + q // 2] = -rng.integers(0, 12, q // 2)                   # polynomials
    z = 10 ** rng.uniform(-2, np.log10(rmax), m) * np.exp(1j * rng.uniform(-np.pi, np.pi, m))
    k = m // 6
    z[-k:] = np.exp(1j * np.pi / 3 * rng.choice([-1, 1], k)) * (1 + 0.05 * rng.normal(size=k))
    z[-2 * k:-k] = 1 + np.exp(1j * rng.uniform(-2.4, 2.4, k)) * rng.uniform(0.9, 1.1, k)
    return a, b, c, z


def _with_jvp(f):
    """(f(params, z), d f / d z) in one jitted call (forward mode along z)."""
    def g(*args):
        *ps, z = args
        return jax.jvp(lambda v: f(*ps, v), (z,), (jnp.ones_like(z),))
    return jax.jit(g)


# name: number of real parameters, mpmath function, |z| range
HYP = {
    "hyp2f1": (3, mp.hyp2f1, 100.0),
    "hyp1f1": (2, mp.hyp1f1, 200.0),
    "hyp0f1": (1, mp.hyp0f1, 600.0),
}


def _special_2f1():
    """The two sides of the cut (signed zeros), z = 1, z = 0, c a non-positive integer,
    polynomials on the cut, degenerate parameters."""
    zc = [2 + 0j, complex(2, -0.0), 1 + 0j, 0j, 5 + 1e-300j, -3 + 0j, 1.5 + 0j,
          complex(1.5, -0.0), 1.0000001 + 0j, complex(1.3, -0.0)]
    ps = [(1.0, 1.0, 2.0), (0.5, 0.5, 1.0), (0.3, 1.7, 4.2), (-3.0, 1.0, 1.5), (1.0, 2.0, -2.0),
          (0.5, 1.5, 1.2)]
    rows = [(*p, v) for p in ps for v in zc]
    return [np.array(col) for col in zip(*rows)]


# special points compared with scipy: z = 0, poles in b / v, polynomials, signed zeros
HYP_SPECIAL = {
    "hyp2f1": _special_2f1(),
    "hyp1f1": [np.array(v) for v in zip(*[(1.5, 2.5, 0j), (1.5, -2.0, 1 + 1j), (-3.0, 1.5, 7 - 2j),
                                          (-2.0, 0.5, -30 + 5j), (0.5, 1.5, complex(-3, -0.0))])],
    "hyp0f1": [np.array(v) for v in zip(*[(1.5, 0j), (2.5, complex(-4, 0.0)),
                                          (2.5, complex(-4, -0.0)), (-2.0, 1 + 1j), (0.5, 9j)])],
}


# points in the documented gaps (NaN): 1F1 at |z| = 20, 25 on the imaginary axis (the
# series would lose e^20, the asymptotic expansion's smallest term is ~1e-9); 0F1 with
# v = 12 at z = -100 (the series loses e^20; v^2 is large for |2 sqrt z| = 20)
HYP_GAPS = {
    "hyp2f1": [np.array(v) for v in zip(*[(1.0, 1.0, 2.0, np.exp(1j * np.pi / 3))])],
    "hyp1f1": [np.array(v) for v in zip(*[(1.5, 2.5, 20j), (-3.5, 4.5, 25j)])],
    "hyp0f1": [np.array(v) for v in zip(*[(12.0, -100 + 1j)])],
}


def _hyp_ref(name, ps, z):
    f = HYP[name][1]
    return np.array([complex(f(*(float(p[i]) for p in ps), _mpc(z[i]))) for i in range(len(z))])


def _hyp_dref(name, ps, z):
    """d/dz: 2F1 -> ab/c 2F1(a+1, b+1; c+1), 1F1 -> a/b 1F1(a+1; b+1), 0F1 -> 0F1(v+1)/v."""
    ps = [np.asarray(p, np.float64) for p in ps]
    coef = np.prod(ps[:-1], axis=0) / ps[-1] if len(ps) > 1 else 1 / ps[0]
    return coef * _hyp_ref(name, [p + 1 for p in ps], z)


# complex128: up to ~50 ULP where the two terms of a connection formula or of the
# asymptotic expansion partly cancel (scipy's error on the same points is of the same
# size or far larger), and polynomials of degree <= 11 whose terms cancel.
# complex64: the connection formulas' two terms cancel by up to ~1e3 for these
# parameters (a Gamma function next to a pole), in float32 arithmetic.
HYP_TOL = {np.complex128: 5e-12, np.complex64: 2e-3}


@pytest.mark.parametrize("dtype", [np.complex128, np.complex64])
@pytest.mark.parametrize("name", sorted(HYP))
def test_hyp_complex(name, dtype):
    """Values against mpmath, special points against scipy, d/dz on a few points:
    one compiled call (values and derivative) per function and dtype."""
    nparams, _, rmax = HYP[name]
    a, b, c, z = _hyp_points(harness.stable_seed(name, np.dtype(dtype).name), 36, rmax)
    m = len(z)
    rdt = np.float64 if dtype == np.complex128 else np.float32
    *sp, sz = HYP_SPECIAL[name]
    *gp, gz = HYP_GAPS[name]
    ps = [np.concatenate([p, q, r]).astype(rdt)
          for p, q, r in zip((a, b, c)[3 - nparams:], sp, gp)]
    z = np.concatenate([z, sz, gz]).astype(dtype)
    ns = len(sz)
    with jax.enable_x64(dtype == np.complex128):
        if dtype == np.complex128:
            val, der = _with_jvp(getattr(js, name))(*ps, z)
            assert der.dtype == dtype
        else:  # values only (the derivative's program would double the compile time)
            val = der = jax.jit(getattr(js, name))(*ps, z)
        assert val.dtype == dtype
    val, der = np.asarray(val), np.asarray(der)
    zz = z.astype(np.complex128)[:m]
    pm = [p[:m] for p in ps]
    ref = _hyp_ref(name, pm, zz)
    got = val[:m]
    # NaN only in the documented gaps (see the module docstrings), never elsewhere
    gap = np.isnan(got) & np.isfinite(ref)
    assert gap.sum() <= m // 6, (name, zz[gap])
    err = _rel(np.where(gap, ref, got), ref, 1e-30)
    i = int(np.argmax(err))
    assert err[i] <= HYP_TOL[dtype], (name, [p[i] for p in pm], zz[i], err[i])
    if dtype == np.complex64:
        return
    gaps = val[m + ns:]
    # hyp2f1 at exp(i pi / 3) itself (every |w| = 1): the Taylor step, no gap
    assert np.isnan(gaps).all() != (name == "hyp2f1"), (name, gaps)
    g, w = val[m:m + ns], getattr(ss, name)(*sp, sz)
    fin = np.isfinite(w)
    np.testing.assert_array_equal(np.isinf(g.real) | np.isnan(g), ~fin, err_msg=name)
    np.testing.assert_allclose(g[fin], w[fin], rtol=1e-13, err_msg=name)
    sub = np.flatnonzero(~np.isnan(got))[:6]       # the holomorphic derivative
    dref = _hyp_dref(name, [p[sub] for p in pm], zz[sub])
    np.testing.assert_allclose(der[sub], dref, rtol=1e-10)


def test_hyp_complex_errors():
    with pytest.raises(TypeError, match="hyp1f1.*complex a"):
        js.hyp1f1(1j, 2.0, 1j)
    with pytest.raises(TypeError, match="hyp0f1.*complex v"):
        js.hyp0f1(1j, 1j)


def test_hyp_complex_purity():
    z = np.array([0.5j, 3 + 1j])
    harness.assert_pure(js.hyp2f1, 1.0, 1.0, 2.0, z)
    harness.assert_pure(js.hyp1f1, 1.0, 2.0, z)
    harness.assert_pure(js.hyp0f1, 1.5, z)
