"""jaxwrap.scipy.special lambertw and wrightomega.

jax.scipy.special has neither; the oracle is mpmath (values computed here,
a few dozen points) and scipy.special for edges and dtypes.
"""

from __future__ import annotations

import jax
import mpmath as mp
import numpy as np
import pytest
import scipy.special as ssp

import jaxwrap.numpy as jnp
import jaxwrap.scipy.special as sp
from tests import accuracy
from tests.harness import check

_rng = np.random.default_rng(11)
_REAL = np.concatenate([[-1 / np.e + 1e-12, -0.3678, -0.2, -1e-8, 1e-12, 0.5, 1.0, 3.0],
                        np.exp(_rng.uniform(-20, 600, 16))])
_CPLX = (_rng.uniform(-30, 30, 16) + 1j * _rng.uniform(-30, 30, 16))
_CPLX = np.concatenate([_CPLX, [-0.36 + 1e-3j, -0.36 - 1e-3j, 1e-6j, -200 + 1e-9j]])

# Budgets in ULP (the norm-wise complex error of the accuracy module).  Next to
# the branch point -1/e (|z + 1/e| ~ 1e-5) W has a derivative ~ 1/sqrt(z + 1/e):
# the residual w e^w - z of the Halley step is only known to eps |z|, which
# moves W by up to ~eps / |1 + W|; measured 25 ULP at z = -0.3678.
LAMBERT_BUDGET = 32.0
OMEGA_BUDGET = 8.0


def _ref_w(z, k):
    with mp.workdps(40):
        return complex(mp.lambertw(mp.mpc(z), k))


@pytest.mark.parametrize("k", [0, -1, 1, 4])
def test_lambertw_accuracy(k):
    z = np.concatenate([_REAL + 0j, _CPLX])
    want = np.array([_ref_w(v, k) for v in z])
    with jax.enable_x64(True):
        got = np.asarray(sp.lambertw(z, k))
    assert got.dtype == np.complex128
    err = accuracy.ulp_error(got, want, np.complex128)
    assert np.max(err) <= LAMBERT_BUDGET, (k, np.max(err), z[np.argmax(err)])


def test_lambertw_float32():
    z = np.array([0.1, 1.0, 5.0, 100.0, -0.2], np.float32)
    got = np.asarray(sp.lambertw(z))
    assert got.dtype == np.complex64
    want = np.array([_ref_w(float(v), 0) for v in z])
    # complex64 Halley steps: each rounds at the float32 level (measured 9 ULP)
    assert np.max(accuracy.ulp_error(got, want, np.complex64)) <= 16


def test_lambertw_real_branches_are_real():
    with jax.enable_x64(True):
        w0 = np.asarray(sp.lambertw(np.array([-0.3, 0.0, 2.0])))
        wm = np.asarray(sp.lambertw(np.array([-0.3, -0.01]), -1))
    assert np.all(w0.imag == 0) and np.all(wm.imag == 0)


def test_lambertw_edges_match_scipy():
    # (-1/e itself is left out: the float64 number lies just below the branch
    # point, where scipy returns nan and we return the limit -1)
    z = np.array([0.0, np.inf, np.nan, -1.0, -5.0])
    with jax.enable_x64(True), np.errstate(all="ignore"):
        for k in (0, -1, 2):
            got = np.asarray(sp.lambertw(z, k))
            want = ssp.lambertw(z, k)
            np.testing.assert_allclose(got, want, rtol=1e-13, equal_nan=True)


def test_wrightomega_accuracy():
    x = np.concatenate([np.linspace(-30, 30, 13), np.exp(_rng.uniform(-5, 600, 8))])
    with mp.workdps(40):
        want = np.array([float(mp.re(mp.lambertw(mp.exp(mp.mpf(v))))) for v in x])
    wantc = ssp.wrightomega(_CPLX[:16])  # scipy's complex omega is accurate to a few ULP
    with jax.enable_x64(True):
        got = np.asarray(sp.wrightomega(x))
        gotc = np.asarray(sp.wrightomega(_CPLX[:16]))
    assert got.dtype == np.float64 and gotc.dtype == np.complex128
    assert np.max(accuracy.ulp_error(got, want, np.float64)) <= OMEGA_BUDGET
    assert np.max(accuracy.ulp_error(gotc, wantc, np.complex128)) <= OMEGA_BUDGET


def test_transforms():
    z = np.array([0.3, 1.0, 4.0, 20.0], np.float32)
    check(sp.wrightomega, ssp.wrightomega, [z], grad=1, tol=1e-5)
    check(lambda v: jnp.real(sp.lambertw(v)), lambda v: ssp.lambertw(v).real, [z], grad=1,
          tol=1e-5)
    zc = np.array([1 + 1j, -3 - 2j, 10j], np.complex128)
    with jax.enable_x64(True):
        check(lambda v: sp.lambertw(v, 1), lambda v: ssp.lambertw(v, 1), [zc], tol=1e-12,
              grad=1, vmap=False)


def test_errors():
    with pytest.raises(TypeError, match="lambertw"):
        sp.lambertw(1.0, 0.5)
    with pytest.raises(TypeError, match="wrightomega"):
        sp.wrightomega("x")
