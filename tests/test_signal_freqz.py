"""jaxwrap.scipy.signal frequency responses (freqz, freqz_sos, sosfreqz, freqz_zpk,
freqs, freqs_zpk, group_delay) and the chirp z-transform (czt, czt_points,
zoom_fft): scipy.signal as the reference (float64 with x64 on), jit / vmap /
gradients / purity through the harness, bad input, doctests."""

from __future__ import annotations

import doctest

import jax
import numpy as np
import pytest
import scipy.signal as ss

import jaxwrap.scipy.signal as wss
from jaxwrap._src.scipy.signal import czt as czt_module
from jaxwrap._src.scipy.signal import freq_response as freq_module
from tests.harness import assert_close, check, jax_dtype, stable_seed

RNG = np.random.default_rng(stable_seed("signal_freqz"))
B = RNG.standard_normal(7)
A = np.array([1.0, -0.5, 0.2])
SOS = ss.butter(6, 0.3, output="sos")
ZPK = ss.butter(5, 0.3, output="zpk")
BA_ANALOG = ss.butter(4, 2.0, analog=True)
ZPK_ANALOG = ss.butter(4, 2.0, analog=True, output="zpk")
X = RNG.standard_normal((3, 37)) + 1j * RNG.standard_normal((3, 37))


def _same(actual, expected, tol=None):
    """Values and dtypes (the reference's dtype as jax gives it) of a result tree."""
    dts = tuple(jax_dtype(np.asarray(e).dtype) for e in expected) \
        if isinstance(expected, tuple) else jax_dtype(np.asarray(expected).dtype)
    assert_close(actual, expected, tol, dts, err="vs scipy")


FREQZ_CASES = [
    ((B,), dict()),                                         # FIR: rfft path
    ((B,), dict(worN=33, whole=True)),                      # rfft + mirrored half
    ((B,), dict(worN=17, include_nyquist=True)),
    ((B + 1j * B,), dict(worN=16, whole=True)),             # complex FIR: fft path
    ((B, A), dict(worN=64)),                                # IIR: polynomial path
    ((B, A), dict(worN=np.linspace(0, 100, 9), fs=200.0)),  # given frequencies
    ((RNG.standard_normal((5, 3, 1)),), dict(worN=16)),     # stacked FIR filters
]


@pytest.mark.parametrize("args, kw", FREQZ_CASES, ids=range(len(FREQZ_CASES)))
def test_freqz_vs_scipy(args, kw):
    with jax.enable_x64(True):
        _same(wss.freqz(*args, **kw), ss.freqz(*args, **kw), tol=1e-12)


def test_sos_zpk_analog_vs_scipy():
    w = np.array([0.1, 0.2, 0.45])
    with jax.enable_x64(True):
        _same(wss.freqz_sos(SOS, worN=64), ss.freqz_sos(SOS, worN=64))
        _same(wss.sosfreqz(SOS, worN=w, fs=1.0), ss.sosfreqz(SOS, worN=w, fs=1.0))
        _same(wss.freqz_zpk(*ZPK, worN=64, whole=True), ss.freqz_zpk(*ZPK, worN=64, whole=True))
        _same(wss.freqz_zpk(*ZPK, worN=w, fs=3.0), ss.freqz_zpk(*ZPK, worN=w, fs=3.0))
        _same(wss.freqs(*BA_ANALOG, worN=50), ss.freqs(*BA_ANALOG, worN=50))
        _same(wss.freqs(*BA_ANALOG, worN=w), ss.freqs(*BA_ANALOG, worN=w))
        _same(wss.freqs_zpk(*ZPK_ANALOG), ss.freqs_zpk(*ZPK_ANALOG))


def test_group_delay_vs_scipy():
    b, a = ss.butter(4, 0.3)
    with jax.enable_x64(True):
        # near w = pi the fourfold zero of b makes the delay ill-conditioned (|num/den|
        # ~ 650 while the real part is 0.67): relative 1e-7 there, as for scipy itself
        _same(wss.group_delay((b, a), w=64), ss.group_delay((b, a), w=64), tol=1e-7)
        w = np.array([0.1, 0.4])
        _same(wss.group_delay((b, a), w=w, fs=2.0), ss.group_delay((b, a), w=w, fs=2.0))
        # singular (the denominator vanishes at w = pi): 0 there, as scipy
        with pytest.warns(UserWarning):
            expected = ss.group_delay(([1.0, 1.0], [1.0]), w=4, whole=True)
        _same(wss.group_delay(([1.0, 1.0], [1.0]), w=4, whole=True), expected)


CZT_CASES = [dict(), dict(m=50), dict(m=20, w=np.exp(-0.05j), a=np.exp(0.3j)),
             dict(m=20, w=0.99 * np.exp(-0.05j), a=1.1)]


@pytest.mark.parametrize("kw", CZT_CASES, ids=range(len(CZT_CASES)))
def test_czt_vs_scipy(kw):
    with jax.enable_x64(True):
        _same(wss.czt(X, **kw), ss.czt(X, **kw), tol=1e-12)


def test_zoom_fft_and_points_vs_scipy():
    with jax.enable_x64(True):
        _same(wss.zoom_fft(X, 0.5), ss.zoom_fft(X, 0.5), tol=1e-12)
        _same(wss.zoom_fft(X.T, [0.2, 0.7], m=64, endpoint=True, fs=3.0, axis=0),
              ss.zoom_fft(X.T, [0.2, 0.7], m=64, endpoint=True, fs=3.0, axis=0), tol=1e-12)
        w, a = 0.9 * np.exp(-0.1j), 0.5j
        _same(wss.czt_points(7, w, a), ss.czt_points(7, w, a))
        _same(wss.czt_points(7), ss.czt_points(7))


def test_czt_long_zoom_accuracy():
    # a 1e4-point zoom: the chirp phase is reduced in extended precision, so the
    # error stays at the FFT's level against a direct DFT at a few bins
    x = RNG.standard_normal(10_000)
    k = np.array([0, 4321, 9999])
    f = 0.1 + 0.2 * k / 10_000
    exact = np.exp(-1j * np.pi * np.outer(f, np.arange(10_000))) @ x
    with jax.enable_x64(True):
        ours = np.asarray(wss.zoom_fft(x, [0.1, 0.3], m=10_000))[k]
    np.testing.assert_allclose(ours, exact, rtol=1e-11, atol=1e-11 * np.abs(exact).max())


# --- float32, transformations, gradients (harness) -----------------------------------------
def test_czt_harness_with_grad():
    x = X[0].astype(np.complex64)
    check(lambda v: wss.czt(v, m=16), lambda v: ss.czt(v, m=16), [x],
          tol=1e-5, grad=1)     # float32: Bluestein's three FFTs
    check(lambda v: wss.zoom_fft(v, [0.1, 0.4]), lambda v: ss.zoom_fft(v, [0.1, 0.4]),
          [np.real(x).astype(np.float32)], tol=2e-5)   # float32 real input, complex64 result


def test_freqz_harness_with_grad():
    b = B.astype(np.float32)
    a = A.astype(np.float32)
    check(lambda u, v: wss.freqz(u, v, worN=16), lambda u, v: ss.freqz(u, v, worN=16), [b, a],
          tol=1e-5, check_dtype=(np.float32, np.complex64), grad=1)  # float32 sums
    w = np.array([0.1, 0.3], np.float32)
    check(lambda u, v, f: wss.freqz(u, v, worN=f), lambda u, v, f: ss.freqz(u, v, worN=f),
          [b, a, w], tol=1e-5, check_dtype=(np.float32, np.complex64))  # scipy keeps float64
    check(lambda s: wss.freqz_sos(s, worN=8), lambda s: ss.freqz_sos(s, worN=8),
          [SOS.astype(np.float32)], tol=1e-4,   # float32 product of 3 section ratios
          check_dtype=(np.float32, np.complex64), vmap_argnums=())
    check(lambda u, v: wss.group_delay((u, v), w=8), lambda u, v: ss.group_delay((u, v), w=8),
          [b, a], tol=1e-4,   # float32: ratio of two polynomials near cancellation
          check_dtype=(np.float32, np.float32))


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("call, exc, match", [
    (lambda: wss.freqz(B, plot=print), ValueError, "plot"),
    (lambda: wss.freqs(B, A, plot=print), ValueError, "plot"),
    (lambda: wss.freqz(B, worN=-1), ValueError, "worN"),
    (lambda: wss.freqz(B, fs=-1.0), ValueError, "fs"),
    (lambda: wss.freqz_sos(np.ones((2, 5))), ValueError, "sos"),
    (lambda: wss.freqz_sos(np.array([[1, 0, 0, 2, 0, 0.0]])), ValueError, "sos"),
    (lambda: wss.freqz_zpk([0.5], [0.1], [1.0, 2.0]), ValueError, "k"),
    (lambda: wss.group_delay(B), TypeError, "system"),
    (lambda: wss.czt(X, m=0), ValueError, "m"),
    (lambda: wss.czt(X, axis=2), np.exceptions.AxisError, "axis"),
    (lambda: wss.zoom_fft(X, [0.1, 0.2, 0.3]), ValueError, "fn"),
    (lambda: jax.jit(lambda b: wss.freqs(b, A))(B), TypeError, "b"),
])
def test_bad_input_raises(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = [t for m in (freq_module, czt_module) for t in finder.find(m) if t.examples]
    for t in tests:
        runner.run(t)
    assert {t.name.rsplit(".", 1)[-1] for t in tests} >= set(freq_module.__all__
                                                           + czt_module.__all__)
    assert runner.summarize(verbose=False).failed == 0
