"""jaxwrap.scipy.special's Legendre functions and spherical harmonics
(legendre.py) against scipy (values, shapes, layouts, diff_n, branch cuts)
and jax.scipy.special.sph_harm_y; transformations through the harness.
Accuracy against mpmath is in tests/test_special_orthopoly.py (same data file)."""

from __future__ import annotations

import doctest

import jax
import jax.scipy.special as jsp
import numpy as np
import pytest
import scipy.special as sp

import jaxwrap.scipy.special as S
from jaxwrap._src.scipy.special import legendre
from tests.harness import check

_N = np.arange(0, 7)[:, None, None]
_M = np.arange(-7, 8)[None, :, None]
_Z = np.array([-0.95, -0.3, 0.0, 0.45, 0.999])
# off [-1, 1]: branch cut 3 (NaN on cut 2 for m != 0).  z > 1 only: scipy 1.17 gives NaN
# on cut 3 at z < -1 for some (n, m) where the value is real (ours matches mpmath's legenp)
_ZO = np.array([1.2, 3.0])
_TH = np.array([0.1, 0.7, 2.0, 3.0])
_PH = np.array([0.3, 1.0, 4.0, 6.0])


def _close(a, b, rtol=1e-12):
    assert len(a) == len(b) if isinstance(b, tuple) else True
    if isinstance(b, tuple):
        for x, y in zip(a, b):
            _close(x, y, rtol)
        return
    a = np.asarray(a)
    assert a.shape == np.shape(b) and a.dtype == np.asarray(b).dtype
    np.testing.assert_allclose(a, b, rtol=rtol, atol=1e-13)


def test_against_scipy():
    d = 2   # values, first and second derivatives (shapes with diff_n=0: test_shapes)
    with jax.enable_x64(True):
        _close(S.legendre_p(_N[:, :, 0], _Z, diff_n=d), sp.legendre_p(_N[:, :, 0], _Z, diff_n=d))
        _close(S.legendre_p_all(5, _Z, diff_n=d), sp.legendre_p_all(5, _Z, diff_n=d))
        for norm in (False, True):
            _close(S.assoc_legendre_p(_N, _M, _Z, norm=norm, diff_n=d),
                   sp.assoc_legendre_p(_N, _M, _Z, norm=norm, diff_n=d))
        _close(S.assoc_legendre_p_all(4, 3, _Z, norm=True, diff_n=d),
               sp.assoc_legendre_p_all(4, 3, _Z, norm=True, diff_n=d))
        # |z| > 1: branch cut 2 is NaN for m != 0 (complex there; values only: scipy's
        # derivatives are NaN for |m| > n too, ours 0), cut 3 real
        _close(S.assoc_legendre_p(_N, _M, _ZO), sp.assoc_legendre_p(_N, _M, _ZO))
        _close(S.assoc_legendre_p(_N, _M, _ZO, norm=True, diff_n=d, branch_cut=3),
               sp.assoc_legendre_p(_N, _M, _ZO, norm=True, diff_n=d, branch_cut=3))
        _close(S.sph_legendre_p(_N, _M, _TH, diff_n=d), sp.sph_legendre_p(_N, _M, _TH, diff_n=d))
        _close(S.sph_legendre_p_all(4, 2, _TH, diff_n=d),
               sp.sph_legendre_p_all(4, 2, _TH, diff_n=d))
        _close(S.sph_harm_y(_N, _M, _TH, _PH, diff_n=d), sp.sph_harm_y(_N, _M, _TH, _PH, diff_n=d))
        _close(S.sph_harm_y_all(3, 2, _TH, _PH, diff_n=d),
               sp.sph_harm_y_all(3, 2, _TH, _PH, diff_n=d))


def test_shapes():
    z = np.zeros((2, 3))
    assert S.legendre_p(3, z).shape == (1, 2, 3)
    assert S.assoc_legendre_p_all(3, 2, z).shape == (1, 4, 5, 2, 3)
    assert S.sph_harm_y_all(3, 1, z, z, diff_n=1)[1].shape == (4, 3, 2, 3, 2)
    assert S.sph_harm_y(np.arange(3)[:, None], 0, z[0], 0.0).shape == (3, 3)


def test_lpmv():
    with jax.enable_x64(True):
        m = np.array([0.0, 1, 2, -1, 3, 5])[:, None]
        v = np.array([2.0, 3, 5, 4, 7, 3])[:, None]      # |m| > v gives 0
        _close(S.lpmv(m, v, _Z), sp.lpmv(m, v, _Z))
        assert np.isnan(S.lpmv(1, 2, 1.5))              # |x| > 1: NaN like scipy
        assert np.isnan(S.lpmv(0, 2.5, 0.5))             # real degree: not supported (NaN)


def test_sph_harm_y_jax_signature():
    n, m = np.array([2, 3, 5, 0]), np.array([1, -2, 5, 0])
    th, ph = np.array([0.3, 0.5, 1.2, 2.0], np.float32), np.array([0.4, 1.0, 5.0, 2.0], np.float32)
    # jax's positional (n, m, theta, phi, diff_n, n_max) and its dtype (complex64)
    check(S.sph_harm_y, None, (n, m, th, ph), peer=jsp.sph_harm_y, tol=1e-5)
    out = S.sph_harm_y(n, m, th, ph, None, 5)
    np.testing.assert_allclose(out, jsp.sph_harm_y(n, m, th, ph, None, 5), rtol=1e-5)
    # jax clips degrees above n_max to n_max (|m| <= n_max: jax's values are undefined beyond)
    m3 = np.minimum(m, 3)
    np.testing.assert_allclose(S.sph_harm_y(n, m3, th, ph, n_max=3),
                               jsp.sph_harm_y(np.minimum(n, 3), m3, th, ph), rtol=1e-5,
                               atol=1e-6)
    # a scalar gives a 0-d result like scipy (jax.scipy returns shape (1,))
    assert S.sph_harm_y(2, 1, 0.3, 0.4).shape == ()


def test_transforms_and_gradients():
    n = np.array([[1, 4, 6]])
    m = np.array([[1, -2, 3]])
    with jax.enable_x64(True):
        z = np.array([[-0.4], [0.2], [0.7]])
        check(lambda n_, m_, z_: S.assoc_legendre_p(n_, m_, z_, norm=True),
              lambda n_, m_, z_: sp.assoc_legendre_p(n_, m_, z_, norm=True),
              (n, m, z), grad=1, grad_argnums=[2])
        # diff_n agrees with jax's own derivatives of the value
        g = jax.vmap(jax.grad(lambda t: S.legendre_p(5, t)[0]))(z[:, 0])
        np.testing.assert_allclose(S.legendre_p(5, z[:, 0], diff_n=1)[1], g, rtol=1e-13)
    z32 = np.array([0.1, -0.6], np.float32)
    out = S.assoc_legendre_p(3, 2, z32)
    assert out.dtype == np.float32 and out.shape == (1, 2)
    assert S.sph_harm_y(n, m, z32[:, None], z32[:, None]).dtype == np.complex64


def test_errors():
    with pytest.raises(TypeError, match="assoc_legendre_p.*complex z"):
        S.assoc_legendre_p(2, 1, 0.5 + 0.1j)
    with pytest.raises(TypeError, match="legendre_p.*n must be an integer"):
        S.legendre_p(2.0, 0.5)
    with pytest.raises(ValueError, match="branch_cut"):
        S.assoc_legendre_p(2, 1, 0.5, branch_cut=1)
    with pytest.raises(ValueError, match="diff_n"):
        S.sph_legendre_p(2, 1, 0.5, diff_n=3)
    with pytest.raises(TypeError, match="legendre_p_all.*n must be a static"):
        S.legendre_p_all(np.array([2]), 0.5)
    with pytest.raises(ValueError, match="sph_harm_y"):
        S.sph_harm_y(np.arange(3), 0, np.zeros(2), 0.0)


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = finder.find(legendre, globs=dict(vars(legendre)))
    for t in tests:
        runner.run(t)
    assert sum(len(t.examples) for t in tests) >= 9
    assert runner.summarize(verbose=False).failed == 0
