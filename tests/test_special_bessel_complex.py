"""Bessel functions of real order and complex argument (issue 10): jv, jve, yv, yve, iv,
ive, kv, kve, hankel1, hankel1e, hankel2, hankel2e, jn; Airy functions airy, airye.

Compile time dominates (one Bessel core costs several seconds of XLA compile), so each
test is ONE jitted call: values and holomorphic derivatives (jax.jvp, whose rule evaluates
the orders v-1, v, v+1 in one stacked call) of all twelve functions at once, so the
program holds one core per family (J/Y/H and I/K).  References: mpmath at 30 digits for
the unscaled functions, scipy (Amos) for the scaled forms, the derivatives (jvp, yvp, ivp,
kvp, h1vp, h2vp), the two sides of the branch cut and the special values.
"""

from __future__ import annotations

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as ss

import jaxwrap.scipy.special as js
from tests import harness

NAMES = ("jv", "jve", "yv", "yve", "iv", "ive", "kv", "kve",
         "hankel1", "hankel1e", "hankel2", "hankel2e")
DERIV = {"jv": ss.jvp, "yv": ss.yvp, "iv": ss.ivp, "kv": ss.kvp,
         "hankel1": ss.h1vp, "hankel2": ss.h2vp}
MP = {"jv": mp.besselj, "yv": mp.bessely, "iv": mp.besseli, "kv": mp.besselk,
      "hankel1": mp.hankel1, "hankel2": mp.hankel2}


def _points(seed, n):
    """(v, z): orders in [-10, 50], |z| in 1e-3 .. 1e2 in all directions, then points next
    to the cut (Im z = +-0.0 and +-1e-9), on the imaginary axis, around the switch between
    the small- and large-|z| methods (|z| ~ 2 .. 4, ~18), and |z| in 300 .. 1e4 with the
    orders that Hankel's expansion serves there (v^2 <= 4|z|)."""
    rng = np.random.default_rng(seed)
    r = 10 ** rng.uniform(-3, 2, n)
    z = [r * np.exp(1j * rng.uniform(-np.pi, np.pi, n))]
    v = [rng.uniform(-10, 50, n)]
    m = n // 4
    x = -10 ** rng.uniform(-2, 1.5, m)
    z.append(x + 1j * rng.choice([0.0, -0.0, 1e-9, -1e-9], m))
    v.append(rng.uniform(-5, 10, m))
    z.append(1j * rng.uniform(-30, 30, m))
    v.append(rng.uniform(-5, 20, m))
    z.append(rng.uniform(2, 4, m) * np.exp(1j * rng.uniform(-np.pi, np.pi, m)))
    v.append(rng.uniform(-3, 3, m))
    z.append(rng.uniform(17, 19, m) * np.exp(1j * rng.uniform(-np.pi, np.pi, m)))
    v.append(rng.uniform(-3, 30, m))
    big = 10 ** rng.uniform(2.5, 4, m)
    z.append(big * np.exp(1j * rng.uniform(-np.pi, np.pi, m)))
    v.append(rng.uniform(-10, 1, m) * np.minimum(1, 2 * np.sqrt(big) / 10))
    return np.concatenate(v), np.concatenate(z)


# special values and the sides of the cut, compared with scipy (NaN where scipy gives NaN)
SPECIAL_V = np.array([0.0, 1.0, -0.5, -1.0, 2.5, 0.3, 0.3, 0.3, 0.3, np.nan, 0.3, -2.0])
SPECIAL_Z = np.array([0j, 0j, 0j, 0j, complex(-2, 0.0), complex(-2, -0.0), complex(-2, 1e-300),
                      complex(-2, -1e-300), complex(np.inf, 0), 1 + 1j, complex(np.nan, 0),
                      complex(-3, -0.0)])


def _all(v, z, tz):
    """Every function's value and its tangent along tz (plus jn, and kv's tangent in the
    order, NaN), in one program: the stacked orders v-1, v, v+1 share one core per family."""
    out = {k: jax.jvp(lambda zz, k=k: getattr(js, k)(v, zz), (z,), (tz,)) for k in NAMES}
    out["jn"] = jax.jvp(lambda zz: js.jn(v, zz), (z,), (tz,))
    out["dkv_dv"] = jax.jvp(js.kv, (v, z), (v * 0 + 1, tz))[1]
    return out


def _relerr(got, ref):
    """Relative error where the reference is finite and representable."""
    got = np.asarray(got).astype(np.complex128)
    ok = np.isfinite(ref) & (np.abs(ref) > 1e-290) & (np.abs(ref) < 1e290)
    with np.errstate(invalid="ignore", divide="ignore"):
        e = np.abs(got - ref) / np.abs(ref)
    return np.where(ok, e, 0.0), ok


def test_complex128_against_mpmath_scipy_and_derivatives():
    with jax.enable_x64(True):
        v, z = _points(0, 64)
        ns = len(SPECIAL_V)
        tz = np.ones(len(z) + ns, complex)
        out = jax.jit(_all)(np.concatenate([SPECIAL_V, v]), np.concatenate([SPECIAL_Z, z]), tz)
    special = {k: np.asarray(val[0])[:ns] for k, val in out.items() if k != "dkv_dv"}
    assert np.all(np.isnan(np.asarray(out["dkv_dv"])))       # no derivative in the order
    out = {k: (val[0][ns:], val[1][ns:]) for k, val in out.items() if k != "dkv_dv"}
    for k, got in special.items():
        ref = getattr(ss, k)(SPECIAL_V, SPECIAL_Z)
        both_nan = np.isnan(got) & np.isnan(ref)
        assert np.all(np.isclose(got, ref, rtol=1e-13, atol=0) | both_nan), (k, got, ref)
    assert all(out[k][0].dtype == np.complex128 and out[k][1].dtype == np.complex128
               for k in NAMES)
    moderate = np.abs(z) <= 100
    # mpmath on a subsample (its own cost), |z| <= 100
    idx = np.flatnonzero(moderate)[::2]
    for k, f in MP.items():
        ref = np.array([complex(f(mp.mpf(a), mp.mpc(b.real, b.imag))) for a, b in zip(v[idx], z[idx])])
        e, ok = _relerr(out[k][0][idx], ref)
        # measured max 1.0e-14 over 3000 points (scipy's own: 7e-14): the rotations
        # e^{i a pi / 2}, e^{i x} and the continuation formulas carry a few ulp each
        assert e.max() < 4e-14, (k, e.max(), v[idx][np.argmax(e)], z[idx][np.argmax(e)])
        assert np.all(np.isfinite(out[k][0][idx]) | ~ok), k
    for k in NAMES + ("jn",):
        ref = getattr(ss, k)(v, z)
        e, ok = _relerr(out[k][0], ref)
        # scipy (Amos) itself is off by up to 7e-14 for |z| <= 100; beyond, the phase
        # e^{i Im z} of both carries |z| eps (1.6e-12 measured at |z| ~ 8e3)
        assert e[moderate].max() < 1.5e-13, (k, e[moderate].max())
        assert e.max() < 4e-12, (k, e.max(), v[np.argmax(e)], z[np.argmax(e)])
        assert np.all(np.isfinite(out[k][0]) | ~ok), k
    for k, d in DERIV.items():
        e, _ = _relerr(out[k][1], d(v, z))
        # C' = (C_{v-1} -+ C_{v+1}) / 2 cancels near the zeros of the derivative; scipy's
        # jvp has the same form and error
        assert np.percentile(e[moderate], 99) < 2e-13 and e[moderate].max() < 1e-11, (k, e.max())


def test_complex64_against_scipy():
    v, z = _points(1, 64)
    small = np.abs(z) <= 100
    v, z = v[small].astype(np.float32), z[small].astype(np.complex64)
    names = ("jv", "jve", "yv", "yve", "hankel1", "hankel1e", "hankel2", "hankel2e")
    # under vmap (over rows of 4) inside the jit: the batching path at no extra compile
    out = jax.jit(jax.vmap(lambda v, z: {k: getattr(js, k)(v, z) for k in names}))(
        v[: len(v) // 4 * 4].reshape(-1, 4), z[: len(z) // 4 * 4].reshape(-1, 4))
    v, z = v[: len(v) // 4 * 4], z[: len(z) // 4 * 4]
    out = {k: np.asarray(val).reshape(-1) for k, val in out.items()}
    for k in names:
        assert out[k].dtype == np.complex64, k
        # reference at the float32-rounded arguments
        ref = getattr(ss, k)(v.astype(np.float64), z.astype(np.complex128))
        e, ok = _relerr(out[k], ref)
        ok &= (np.abs(ref) > 1e-30) & (np.abs(ref) < 1e30)   # representable in complex64
        # measured max 9e-6 over 3000 points: ~70 ulp from the phase rotations of |z| ~ 100
        # and the cancellation J_{-a} = cos(a pi) J_a - sin(a pi) Y_a
        assert np.where(ok, e, 0).max() < 3e-5, (k, e.max())
        assert np.all(np.isfinite(np.asarray(out[k])) | ~ok), k


def test_airy_complex128():
    rng = np.random.default_rng(2)
    r = 10 ** rng.uniform(-3, 1.7, 48)
    z = np.concatenate([r * np.exp(1j * rng.uniform(-np.pi, np.pi, 48)),
                        [0j, -2 + 0j, -3.5 + 1e-9j, 1e-5j, 4 * np.exp(2j * np.pi / 3), complex(np.nan, 0)]])
    tz = np.ones_like(z)
    with jax.enable_x64(True):
        (a, da), (e, de) = jax.jit(lambda z, tz: (jax.jvp(js.airy, (z,), (tz,)),
                                                 jax.jvp(js.airye, (z,), (tz,))))(z, tz)
    a, da, e, de = ([np.asarray(x) for x in t] for t in (a, da, e, de))
    assert all(x.dtype == np.complex128 for x in a + e)
    fin = np.isfinite(z)
    assert np.all(np.isnan(np.stack(a + e)[:, ~fin]))
    z, a, da, e, de = z[fin], *([x[fin] for x in t] for t in (a, da, e, de))
    for i, f in enumerate([mp.airyai, lambda q: mp.airyai(q, 1), mp.airybi,
                           lambda q: mp.airybi(q, 1)]):
        ref = np.array([complex(f(mp.mpc(q.real, q.imag))) for q in z])
        err, ok = _relerr(a[i], ref)
        # measured max 2.1e-14 over 400 points: the Bessel kernels' error plus the
        # rotation and exponential of zeta = (2/3) z^{3/2} (|zeta| up to 90 here)
        assert err.max() < 5e-14, (i, err.max(), z[np.argmax(err)])
        assert np.all(np.isfinite(a[i]) | ~ok)
    ref = ss.airye(z)
    for i in range(4):
        err, ok = _relerr(e[i], ref[i])
        assert err.max() < 1.5e-13, (i, err.max())    # scipy's own error ~7e-14
    # holomorphic derivatives: Ai' and Bi', and z Ai, z Bi (Airy's equation, DLMF 9.2.1)
    for got, want in [(da[0], a[1]), (da[1], z * a[0]), (da[2], a[3]), (da[3], z * a[2])]:
        # the rule itself; 1e-15: z * Ai rounds differently in XLA (FMA) than in numpy
        np.testing.assert_allclose(got, want, rtol=1e-15, atol=0)
    # the scaled forms' tangents against central differences of scipy's airye
    h = 1e-6
    fd = (np.array(ss.airye(z + h)) - np.array(ss.airye(z - h))) / (2 * h)
    away = np.abs(z) > 1e-3      # zeta ~ z^{3/2}: the quotient's error is O(sqrt h) at 0
    for i in range(4):
        err = np.abs(de[i] - fd[i])[away] / np.maximum(np.abs(fd[i][away]), 1e-3)
        assert err.max() < 1e-7, (i, err.max())     # the difference quotient's own error


def test_errors_and_purity():
    with pytest.raises(TypeError, match="v"):
        js.jv(1j, 1.0 + 1j)
    with pytest.raises(TypeError, match="n"):
        js.jn(1j, 1.0 + 1j)
    v = np.array([0.5, -2.5, 3.0], np.float32)
    z = np.array([1 + 1j, -2 + 0.5j, 0.3 - 3j], np.complex64)
    for k in NAMES:                      # tracing only: no compile
        harness.assert_pure(getattr(js, k), v, z)
    harness.assert_pure(js.airy, z)
    harness.assert_pure(js.airye, z)


def test_derivative_functions_of_complex_z():
    """jvp / kvp / h2vp with complex z: the stacked-order sums over the complex kernels,
    against scipy (n = 1 and 2; one program per function; yvp, ivp and h1vp are the
    same sum over kernels the other tests check)."""
    v = np.array([0.0, 1.5, -2.5, 4.0])
    z = np.array([1 + 1j, -2 + 0.5j, 0.3 - 3j, 7 + 2j])
    with jax.enable_x64(True):
        for name in ("jvp", "kvp", "h2vp"):
            f, ref = getattr(js, name), getattr(ss, name)
            got = jax.jit(lambda a, b, f=f: (f(a, b, 1), f(a, b, 2)))(v, z)
            for n, g in zip((1, 2), got):
                assert g.dtype == np.complex128
                np.testing.assert_allclose(np.asarray(g), ref(v, z, n), rtol=1e-12,
                                           err_msg=f"{name} n={n}")
    with pytest.raises(TypeError, match="v"):
        js.jvp(1j, 1.0 + 1j)
