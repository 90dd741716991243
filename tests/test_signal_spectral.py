"""jaxwrap.scipy.signal spectral analysis (stft, istft, welch, csd, periodogram,
spectrogram, coherence, lombscargle) and detrend: scipy.signal as the reference
(float64 cases with x64 on), jax.scipy.signal as a peer where it has the name,
jit / vmap / gradients / purity through the harness, bad input, doctests."""

from __future__ import annotations

import doctest
import warnings

import jax
import jax.scipy.signal as jss
import numpy as np
import pytest
import scipy.signal as ss

import jaxwrap.scipy.signal as wss
from jaxwrap._src.scipy.signal import detrending as detrending_module
from jaxwrap._src.scipy.signal import spectral as spectral_module
from tests.harness import assert_close, check, jax_dtype, stable_seed

RNG = np.random.default_rng(stable_seed("signal_spectral"))
X2 = RNG.standard_normal((2, 150))          # two series, even length
X1 = RNG.standard_normal(131)               # odd (prime) length
Y2 = RNG.standard_normal((2, 150))
XC = X1 + 1j * RNG.standard_normal(131)


def _same(actual, expected, tol=None):
    """Values and dtypes (the reference's dtype as jax gives it) of a result tree."""
    exp = expected if isinstance(expected, tuple) else (expected,)
    act = actual if isinstance(actual, tuple) else (actual,)
    dts = tuple(jax_dtype(np.asarray(e).dtype) for e in exp)
    assert_close(act, exp, tol, dts, err="vs scipy")


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _case_id(kw):
    return ",".join(f"{k}={v if isinstance(v, (str, int, tuple)) else type(v).__name__}"
                    for k, v in kw.items())


# --- float64 against scipy: one case per option value ----------------------------------------
STFT_CASES = [
    dict(nperseg=32),                                           # even, default overlap
    dict(nperseg=33, noverlap=10, window="hamming"),            # odd, custom overlap
    dict(nperseg=16, boundary="odd", detrend="linear"),
    dict(nperseg=16, boundary="constant", detrend="constant"),
    dict(nperseg=20, boundary=None, padded=False, nfft=31),
    dict(nperseg=16, boundary="even", return_onesided=False, scaling="psd"),
    dict(nperseg=40, noverlap=39),                              # many shifted slices: gather
    dict(nperseg=24, window=np.hanning(24), axis=0),
]


@pytest.mark.parametrize("kw", STFT_CASES, ids=lambda kw: _case_id(kw))
def test_stft_vs_scipy(kw):
    x = X2.T if kw.get("axis") == 0 else X2
    with jax.enable_x64(True):
        _same(wss.stft(x, **kw), ss.stft(x, **kw))


def test_stft_complex_input_two_sided():
    with jax.enable_x64(True):
        ours = _quiet(wss.stft, XC, nperseg=16)
        _same(ours, _quiet(ss.stft, XC, nperseg=16))
    assert ours[2].shape[0] == 16


WELCH_CASES = [
    dict(nperseg=32),
    dict(nperseg=33, noverlap=10, average="median"),            # odd number of segments
    dict(nperseg=20, nfft=31, detrend="linear", average="median"),   # even segment count
    dict(nperseg=16, scaling="spectrum", detrend=False, return_onesided=False),
    dict(nperseg=32, axis=0, window=("tukey", 0.5)),
    dict(nperseg=32, detrend=lambda s: s),                      # a callable
]


@pytest.mark.parametrize("kw", WELCH_CASES, ids=lambda kw: _case_id(kw))
def test_welch_vs_scipy(kw):
    x = X2.T if kw.get("axis") == 0 else X2
    with jax.enable_x64(True):
        # tolerance: sums of ~1e2 squared terms
        _same(wss.welch(x, fs=3.0, **kw), ss.welch(x, fs=3.0, **kw), tol=1e-11)


@pytest.mark.parametrize("average", ["mean", "median"])
def test_csd_vs_scipy(average):
    with jax.enable_x64(True):
        y = Y2[:, :120]                                          # shorter: zero-padded
        _same(wss.csd(X2, y, nperseg=32, average=average),
              ss.csd(X2, y, nperseg=32, average=average), tol=1e-11)  # sums of 1e2 terms


@pytest.mark.parametrize("kw", [dict(), dict(nfft=200), dict(nfft=100, window="hann"),
                                dict(scaling="spectrum", return_onesided=False, ints=True)])
def test_periodogram_vs_scipy(kw):
    kw = dict(kw)
    x = np.arange(131) % 7 if kw.pop("ints", False) else X1    # integers promote to float
    with jax.enable_x64(True):
        _same(wss.periodogram(x, **kw), ss.periodogram(x, **kw), tol=1e-11)  # 131-term sums


@pytest.mark.parametrize("mode", ["psd", "complex", "magnitude", "angle", "phase"])
def test_spectrogram_vs_scipy(mode):
    with jax.enable_x64(True):
        _same(wss.spectrogram(X2, nperseg=32, mode=mode),
              ss.spectrogram(X2, nperseg=32, mode=mode), tol=1e-11)  # angle of tiny bins


def test_coherence_vs_scipy():
    with jax.enable_x64(True):
        _same(wss.coherence(X2, Y2, nperseg=32), ss.coherence(X2, Y2, nperseg=32))


@pytest.mark.parametrize("kw", [dict(nperseg=32), dict(nperseg=33, noverlap=20),
                                dict(nperseg=32, nfft=40, scaling="psd")])
def test_istft_vs_scipy(kw):
    with jax.enable_x64(True):
        z = ss.stft(X2, **kw)[2]
        ours = wss.istft(z, **kw)
        _same(ours, ss.istft(z, **kw))
        np.testing.assert_allclose(np.asarray(ours[1])[:, :150], X2, atol=1e-12)


def test_istft_axes_and_two_sided():
    with jax.enable_x64(True):
        z = ss.stft(X2.T, nperseg=32, axis=0)[2]                # (freq, 2, time)
        _same(wss.istft(z, time_axis=-1, freq_axis=0), ss.istft(z, time_axis=-1, freq_axis=0))
        z2 = np.moveaxis(z, -1, 0)                               # (time, freq, 2)
        _same(wss.istft(z2, time_axis=0, freq_axis=1), ss.istft(z2, time_axis=0, freq_axis=1))
        zc = _quiet(ss.stft, XC, nperseg=16)[2]
        _same(wss.istft(zc, input_onesided=False), ss.istft(zc, input_onesided=False))


def test_istft_nola_warning():
    z = ss.stft(X1, nperseg=16, noverlap=0, boundary=None)[2]
    with pytest.warns(UserWarning, match="NOLA"):
        wss.istft(z, window="hann", noverlap=0, boundary=False, nperseg=16)


LOMB_CASES = [dict(), dict(normalize=True), dict(normalize="amplitude"),
              dict(floating_mean=True, normalize=True, weights=True),
              dict(precenter=True, weights=True)]


@pytest.mark.parametrize("kw", LOMB_CASES, ids=lambda kw: ",".join(kw) or "default")
def test_lombscargle_vs_scipy(kw):
    rng = np.random.default_rng(stable_seed("lomb"))
    t = np.sort(rng.uniform(0, 10, 40))
    y = np.sin(1.3 * t) + 0.3 + 0.1 * rng.standard_normal(40)
    f = np.linspace(0.1, 5, 30)
    kw = dict(kw)
    if kw.pop("weights", False):
        kw["weights"] = rng.uniform(0.5, 2, 40)
    with jax.enable_x64(True):
        expected = _quiet(ss.lombscargle, t, y, f, **kw)
        _same(wss.lombscargle(t, y, f, **kw), expected, tol=1e-11)  # 40-term sums, arctan2


@pytest.mark.parametrize("kw", [dict(), dict(type="constant"), dict(bp=[5, 20]),
                                dict(axis=0, bp=3)])
def test_detrend_vs_scipy(kw):
    x = X2.T if kw.get("axis") == 0 else X2
    with jax.enable_x64(True):
        _same(wss.detrend(x, **kw), ss.detrend(x, **kw))


# --- float32 and transformations through the harness (jax as peer) ---------------------------
def test_stft_harness_with_grad():
    x = X1[:40].astype(np.float32)
    check(lambda v: wss.stft(v, nperseg=16), lambda v: ss.stft(v, nperseg=16),
          [x], peer=lambda v: jss.stft(v, nperseg=16), tol=1e-5,  # float32 FFTs
          grad=1)


def test_welch_harness_with_grad():
    x = X1[:40].astype(np.float32)
    check(lambda v: wss.welch(v, nperseg=16), lambda v: ss.welch(v, nperseg=16),
          [x], peer=lambda v: jss.welch(v, nperseg=16),
          tol=1e-5,   # float32 sums of squared FFT values
          grad=1)


def test_csd_istft_detrend_harness():
    x, y = X2[:, :64].astype(np.float32), Y2[:, :64].astype(np.float32)
    check(lambda u, v: wss.csd(u, v, nperseg=16), lambda u, v: ss.csd(u, v, nperseg=16),
          [x, y], peer=lambda u, v: jss.csd(u, v, nperseg=16), tol=1e-5)  # float32 sums
    z = ss.stft(x, nperseg=16)[2].astype(np.complex64)
    check(lambda v: wss.istft(v, nperseg=16), lambda v: ss.istft(v, nperseg=16), [z],
          peer=lambda v: jss.istft(v, nperseg=16), tol=1e-5)  # float32 inverse FFTs
    check(lambda v: wss.detrend(v), lambda v: ss.detrend(v), [x], peer=jss.detrend)


def test_fs_traced_under_jit():
    f, p = jax.jit(lambda v, fs: wss.welch(v, fs=fs, nperseg=32))(X1.astype(np.float32), 4.0)
    ef, ep = ss.welch(X1, fs=4.0, nperseg=32)
    assert_close((f, p), (ef, ep), tol=1e-5, check_dtype=(np.float32, np.float32))  # float32


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("call, match", [
    (lambda: wss.stft(X1, nperseg=16, noverlap=16), "noverlap"),
    (lambda: wss.stft(X1, nperseg=0), "nperseg"),
    (lambda: wss.welch(np.zeros(0)), "no samples"),
    (lambda: wss.welch(X1, window=np.ones(10), nperseg=12), "nperseg"),
    (lambda: wss.welch(X1, window=np.ones((2, 4))), "window"),
    (lambda: wss.welch(X1, nperseg=16, nfft=8), "nfft"),
    (lambda: wss.welch(X1, nperseg=16, scaling="psd"), "scaling"),
    (lambda: wss.welch(X1, nperseg=16, average="max"), "average"),
    (lambda: wss.welch(X1, nperseg=16, detrend="quadratic"), "detrend"),
    (lambda: wss.stft(X1, boundary="wrap"), "boundary"),
    (lambda: wss.spectrogram(X1, mode="power"), "mode"),
    (lambda: wss.istft(np.ones(5)), "Zxx"),
    (lambda: wss.istft(np.ones((5, 4)), time_axis=0, freq_axis=-2), "axis"),
    (lambda: wss.detrend(X1, type="quadratic"), "type"),
    (lambda: wss.detrend(X1, bp=200), "bp"),
    (lambda: wss.lombscargle(X1, X1[:10], X1), "x"),
    (lambda: wss.lombscargle(X1, X1, X1, weights=-np.ones(131)), "weights"),
    (lambda: wss.lombscargle(X1, X1, X1, normalize="psd"), "normalize"),
])
def test_bad_input_raises(call, match):
    with pytest.raises(ValueError, match=match):
        _quiet(call)


def test_bad_types_and_axis():
    with pytest.raises(TypeError, match="nperseg"):
        wss.stft(X1, nperseg="16")
    with pytest.raises(np.exceptions.AxisError, match="axis"):
        wss.welch(X1, axis=1)
    with pytest.raises(TypeError, match="x"):
        wss.welch("abc")


def test_traced_bad_weights_give_nan():
    out = jax.jit(lambda w: wss.lombscargle(X1, X1, X1[:5], weights=w))(-np.ones(131))
    assert np.all(np.isnan(np.asarray(out)))


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = [t for m in (spectral_module, detrending_module) for t in finder.find(m)
             if t.examples]
    for t in tests:
        runner.run(t)
    names = spectral_module.__all__ + detrending_module.__all__
    assert {t.name.rsplit(".", 1)[-1] for t in tests} >= set(names)
    assert runner.summarize(verbose=False).failed == 0
