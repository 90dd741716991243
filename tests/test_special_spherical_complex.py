"""Spherical Bessel functions of complex argument (issue 10): spherical_jn / yn / in / kn.

Values and derivatives against mpmath (30 digits) on sampled complex points: |z| from
1e-3 to 1e2 with any phase, orders 0..40, and points next to both sides of the negative
real axis (signed zero imaginary parts included), one jitted call per function, dtype
and derivative flag.  Special points (z = 0, infinities, NaN, negative orders, orders
above the kernel's limit) against scipy in the same call.  The holomorphic derivative
(jax.grad) against derivative=True on a few points.
"""

from __future__ import annotations

import functools

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as ss

import jaxwrap.scipy.special as js
from tests import harness

mp.mp.dps = 30
_MP = {"j": mp.besselj, "y": mp.bessely, "i": mp.besseli, "k": mp.besselk}
KINDS = ["j", "y", "i", "k"]


def _points():
    rng = np.random.default_rng(harness.stable_seed("spherical_complex"))
    m = 80
    r = 10 ** rng.uniform(-3, 2, m)
    z = r * np.exp(1j * rng.uniform(-np.pi, np.pi, m))
    cut = -rng.uniform(0.1, 50, 20) + 1j * rng.choice([-1, 1], 20) * 10 ** rng.uniform(-10, 0, 20)
    axis = -rng.uniform(0.1, 50, 8) + 0j
    z = np.concatenate([z, cut, axis, np.conj(axis)])    # conj: Im z = -0.0
    n = np.concatenate([rng.integers(0, 41, m), rng.integers(0, 20, len(z) - m)])
    return n.astype(np.int64), z


# special points, compared with scipy (which gives the same there): z = 0, real infinities,
# NaN, a negative order, an order above the kernel's limit (NaN: scipy has a value)
_SPECIAL_Z = np.array([0j, 0j, 0j, complex(np.inf, 0), complex(-np.inf, 0), complex(np.nan, 0),
                       1 + 1j])
_SPECIAL_N = np.array([0, 1, 2, 1, 2, 0, -1], np.int64)


@functools.cache
def _ref(kind):
    """mpmath values f_n(z) and derivatives (DLMF 10.51.2 / 10.51.5 at 30 digits)."""
    n, z = _points()

    def f(nn, zm):
        if nn < 0:
            return mp.mpc(0)
        # sqrt(pi/2) / sqrt(z): the side of the cut of sqrt(z) matches J_{n+1/2}(z)'s
        return mp.sqrt(mp.pi / 2) / mp.sqrt(zm) * _MP[kind](nn + mp.mpf(1) / 2, zm)

    val, der, scale = [], [], []
    for nn, zz in zip(n, z):
        zm = mp.mpc(zz.real, zz.imag)
        lo, mid, hi = f(nn - 1, zm), f(nn, zm), f(nn + 1, zm)
        s = {"j": -1, "y": -1, "i": 1, "k": -1}[kind]
        d = (nn * lo + s * (nn + 1) * hi) / (2 * nn + 1)
        if kind == "k":
            d = -(nn * lo + (nn + 1) * hi) / (2 * nn + 1)
        val.append(complex(mid))
        der.append(complex(d))
        # the size of the two terms: the derivative's condition near its zeros
        scale.append(max(abs(d), float((nn * abs(lo) + (nn + 1) * abs(hi)) / (2 * nn + 1))))
    return np.array(val), np.array(der), np.array(scale)


def _rel(got, want, scale=None):
    return np.abs(got - want) / (np.abs(want) if scale is None else scale)


# the derivatives of y and i take the code path of j's (the sign of the second term
# differs), so j and k cover them: one compile fewer each
@pytest.mark.parametrize("kind, derivative", [(k, False) for k in KINDS]
                         + [("j", True), ("k", True)])
def test_complex128_vs_mpmath(kind, derivative):
    name = f"spherical_{kind}n"
    n, z = _points()
    nn = np.concatenate([n, _SPECIAL_N])
    zz = np.concatenate([z, _SPECIAL_Z])
    fn = functools.partial(getattr(js, name), derivative=derivative)
    if kind == "y":
        # y's values through jax.vmap (the batching rules; the same single compile)
        fn = jax.vmap(fn)
    with jax.enable_x64(True):
        out = fn(nn, zz)
    assert out.dtype == np.complex128
    out = np.array(out)
    want = _ref(kind)[derivative]
    m = len(n)
    # the complex kernel's error (as scipy's, measured max 1.1e-13 on these points): the
    # oscillatory functions near the negative real axis at |z| ~ 50 carry |z| eps;
    # derivatives relative to the size of their two terms (cancellation near its zeros)
    err = _rel(out[:m], want, _ref(kind)[2] if derivative else None)
    assert err.max() < 4e-13, (err.max(), n[err.argmax()], z[err.argmax()])
    spec = getattr(ss, name)(_SPECIAL_N, _SPECIAL_Z, derivative=derivative)
    if kind == "k" and derivative:
        # k_n'(-inf): scipy NaN; the limit of -(n k_{n-1} + (n+1) k_{n+1}) / (2n+1) is +inf
        assert out[m + 4] == np.inf
        out[m + 4] = spec[4]
    np.testing.assert_array_equal(out[m:], spec)


def test_complex64_vs_mpmath():
    n, z = _points()
    out = js.spherical_jn(n.astype(np.int32), z.astype(np.complex64))
    assert out.dtype == np.complex64
    out = np.asarray(out)
    want = _ref("j")[0]
    # values inside complex64's range, away from its overflow boundary: the kernel's
    # intermediate factor e^{|Im z|} overflows before the value does
    keep = (np.abs(want) > 1e-30) & (np.abs(want) < 1e30) & (np.abs(z.imag) < 80)
    # relative to the envelope e^{|Im z|} / |z| of j_n (|z| > n), not to |j_n| itself,
    # which vanishes at the real zeros: the complex64 kernel's error is |z| eps of it
    scale = np.maximum(np.abs(want), np.exp(np.abs(z.imag)) / np.abs(z))
    err = _rel(out[keep], want[keep], scale[keep])
    assert err.max() < 1e-5, err.max()
    # underflow (|z| << n): j_n gives 0 there, never NaN
    assert not np.isnan(out[np.abs(want) < 1e-30]).any()


def test_grad_and_purity():
    # the holomorphic derivative of the value against derivative=True (scipy); the
    # jaxpr of the complex path holds jaxwrap primitives only (tracing, no compile)
    n = np.array([0, 1, 3, 7], np.int64)
    z = np.array([0.5 + 0.5j, -2.0 + 1.0j, 3.0 - 4.0j, -6.0 - 0.1j])
    with jax.enable_x64(True):
        g = jax.vmap(jax.grad(lambda zz, k: js.spherical_kn(k, zz), holomorphic=True))(z, n)
    # grad: K's recurrence rule through the kernel and the sqrt factor's derivative
    np.testing.assert_allclose(np.asarray(g), ss.spherical_kn(n, z, derivative=True), rtol=1e-12)
    for kind in KINDS:
        harness.assert_pure(getattr(js, f"spherical_{kind}n"), n, z)


def test_bad_input():
    with pytest.raises(TypeError, match="spherical_jn.*n"):
        js.spherical_jn(1 + 0j, 1 + 1j)
