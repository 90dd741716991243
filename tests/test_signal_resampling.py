"""jaxwrap.scipy.signal resampling (upfirdn, resample, resample_poly) and the host FIR
design helper against scipy.signal.

Cases are sampled: each row mixes a length parity (odd / even / prime), a rate pair,
a dtype and an axis.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.signal as ss
from jax.test_util import check_grads

import jaxwrap.scipy.signal as jss
from jaxwrap._src.scipy.signal._fir_design import firwin_host, window_host
from tests.harness import assert_close, check, stable_seed

# FFT round trips and ~60-tap filters in float32: a few ulps of the largest value per
# term, so float32 gets 10x its default tolerance.
TOL32 = {np.dtype(np.float32): 2e-4, np.dtype(np.complex64): 2e-4}


def _data(shape, dtype, *parts):
    rng = np.random.default_rng(stable_seed(*parts, shape, np.dtype(dtype).name))
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def _x64(dtype):
    return jax.enable_x64(np.dtype(dtype) in (np.float64, np.complex128))


# --- the host FIR design ---------------------------------------------------------------------
FIRWIN = [
    (5, 0.5, {}),
    (61, 0.2, dict(window=("kaiser", 5.0))),
    (31, [0.2, 0.5], dict(pass_zero=False, window="hann")),
    (31, [0.2, 0.5], dict(window="blackman")),             # band stop: passes Nyquist
    (40, [0.1, 0.3], dict(fs=2.0, pass_zero="bandpass", window="bartlett")),
    (21, 0.25, dict(width=0.1)),
    (31, 0.3, dict(pass_zero="highpass", window="boxcar")),
]


def test_firwin_host_matches_scipy():
    for numtaps, cutoff, kw in FIRWIN:
        h = firwin_host(numtaps, cutoff, **kw)
        np.testing.assert_allclose(h, ss.firwin(numtaps, cutoff, **kw), rtol=0, atol=1e-15,
                                   err_msg=f"{numtaps} {cutoff} {kw}")
        assert h.dtype == np.float64
    for w in ("hann", "hamming", ("kaiser", 3.0), "blackman", "bartlett", "boxcar"):
        for sym in (True, False):
            np.testing.assert_allclose(window_host(w, 9, sym=sym),
                                       ss.get_window(w, 9, fftbins=not sym), rtol=0,
                                       atol=1e-15)
    with pytest.raises(ValueError, match="numtaps"):
        firwin_host(30, 0.3, pass_zero=False)            # high-pass needs an odd length
    with pytest.raises(ValueError, match="cutoff"):
        firwin_host(11, 1.2)
    with pytest.raises(ValueError, match="window"):
        firwin_host(11, 0.2, window="no-such-window")


# --- upfirdn ---------------------------------------------------------------------------------
UPFIRDN = [  # (len h, x shape, up, down, axis, dtype, mode)
    (7, (23,), 3, 2, -1, np.float32, "constant"),
    (8, (4, 16), 1, 3, 1, np.float64, "symmetric"),
    (5, (13, 3), 4, 7, 0, np.complex64, "reflect"),
    (1, (10,), 2, 1, 0, np.float64, "edge"),
    (12, (2, 9, 3), 5, 5, 1, np.float64, "wrap"),
    (6, (3,), 3, 1, 0, np.float64, "antisymmetric"),        # extension wider than x
    (9, (2, 4), 2, 3, 1, np.float64, "smooth"),
    (5, (8,), 1, 2, 0, np.float32, "line"),
    (9, (17,), 2, 3, 0, np.float32, "antireflect"),
    (300, (40,), 2, 3, 0, np.float64, "constant"),          # > 128 taps per phase: scan
]


@pytest.mark.parametrize("nh,shape,up,down,axis,dtype,mode", UPFIRDN)
def test_upfirdn(nh, shape, up, down, axis, dtype, mode):
    with _x64(dtype):
        h = _data((nh,), np.float64 if dtype == np.complex128 else
                  np.dtype(dtype).type(0).real.dtype, "h")
        x = _data(shape, dtype, "x")
        got = jss.upfirdn(h, x, up, down, axis, mode, 0.5)
        assert_close(got, ss.upfirdn(h, x, up, down, axis, mode, 0.5), TOL32,
                     check_dtype=np.dtype(dtype))


# Sampled from up, down in {1, 2, 3, 5, 7} x len(h) in {1, 2, 4, 7, 12} x len(x) in
# {1, 2, 5, 13} x the nine modes (a 250-case sweep of that grid matched scipy; these are
# the shapes where the polyphase bookkeeping differs: fewer taps than phases, taps not a
# multiple of up, x shorter than h, one output sample, down > up * len(x)).  scipy's C
# code dies with SIGFPE on 'reflect' / 'antireflect' for a one-sample x, so those use two.
UPFIRDN_SWEEP = [  # (up, down, len h, len x, mode)
    (1, 1, 1, 1, "constant"), (2, 1, 1, 5, "symmetric"), (3, 1, 2, 2, "reflect"),
    (5, 2, 4, 1, "edge"), (2, 3, 7, 2, "wrap"), (1, 7, 12, 5, "antireflect"),
    (7, 5, 12, 1, "antisymmetric"), (5, 3, 7, 13, "smooth"), (3, 5, 4, 2, "line"),
    (5, 7, 2, 1, "constant"), (7, 7, 7, 5, "reflect"), (3, 2, 12, 13, "antisymmetric"),
    (1, 3, 2, 13, "edge"), (7, 1, 4, 2, "smooth"),
]


def test_upfirdn_phase_sweep():
    with jax.enable_x64(True):
        for up, down, nh, nx, mode in UPFIRDN_SWEEP:
            h, x = _data((nh,), np.float64, "sh"), _data((nx,), np.float64, "sx")
            assert_close(jss.upfirdn(h, x, up, down, mode=mode, cval=0.5),
                         ss.upfirdn(h, x, up, down, mode=mode, cval=0.5),
                         check_dtype=np.float64, err=str((up, down, nh, nx, mode)))


def test_upfirdn_transforms():
    """jit, vmap, purity and gradients in the signal and the filter."""
    h, x = _data((5,), np.float32, "th"), _data((12,), np.float32, "tx")
    check(jss.upfirdn, ss.upfirdn, [h, x], kwargs=dict(up=3, down=2), tol=TOL32, grad=1)


# --- resample (Fourier) ----------------------------------------------------------------------
RESAMPLE = [  # (x shape, num, axis, dtype, window, domain)
    ((16,), 7, 0, np.float32, None, "time"),
    ((13,), 26, 0, np.float64, "hann", "time"),
    ((8, 3), 11, 0, np.complex128, ("kaiser", 3.0), "time"),
    ((2, 10), 4, 1, np.complex64, None, "freq"),
    ((7,), 7, 0, np.float64, None, "time"),
    ((12,), 18, 0, np.complex128, "hamming", "time"),
]


@pytest.mark.parametrize("shape,num,axis,dtype,window,domain", RESAMPLE)
def test_resample(shape, num, axis, dtype, window, domain):
    with _x64(dtype):
        x = _data(shape, dtype, "rx")
        got = jss.resample(x, num, axis=axis, window=window, domain=domain)
        ref = ss.resample(x, num, axis=axis, window=window, domain=domain)
        assert_close(got, ref, TOL32, check_dtype=ref.dtype)


def test_resample_positions_and_array_window():
    with jax.enable_x64(True):
        x, t = _data((10, 3), np.float64, "rt"), np.linspace(0.0, 2.0, 10)
        assert_close(jss.resample(x, 15, t=t), ss.resample(x, 15, t=t),
                     check_dtype=(np.float64, np.float64))
        w = np.hanning(10)
        assert_close(jss.resample(x[:, 0], 6, window=w), ss.resample(x[:, 0], 6, window=w),
                     check_dtype=np.float64)


# --- resample_poly ---------------------------------------------------------------------------
RESAMPLE_POLY = [  # (x shape, up, down, axis, dtype, keywords)
    ((33,), 3, 2, 0, np.float32, {}),
    ((10, 4), 1, 7, 0, np.float64, dict(padtype="mean")),
    ((4, 64), 5, 3, 1, np.float64, dict(window="hamming", padtype="median")),
    ((29,), 2, 1, 0, np.complex64, dict(padtype="constant", cval=0.5)),
    ((30, 2), 4, 6, 0, np.float64, dict(padtype="edge")),                # gcd 2
    ((21,), 3, 2, 0, np.float64, dict(window=np.linspace(0.1, 1.0, 9), padtype="maximum")),
]


@pytest.mark.parametrize("shape,up,down,axis,dtype,kw", RESAMPLE_POLY)
def test_resample_poly(shape, up, down, axis, dtype, kw):
    with _x64(dtype):
        x = _data(shape, dtype, "px")
        got = jss.resample_poly(x, up, down, axis, **kw)
        ref = ss.resample_poly(x, up, down, axis, **kw)
        assert_close(got, ref, TOL32, check_dtype=np.dtype(dtype))


def test_resample_poly_transforms():
    """jit and vmap (harness), and gradients in the signal (filter designed on the host)."""
    x = _data((20,), np.float32, "gx")
    check(jss.resample_poly, ss.resample_poly, [x], kwargs=dict(up=3, down=2), tol=TOL32,
          jit=False)
    with jax.enable_x64(True):
        check_grads(lambda v: jss.resample_poly(v, 3, 2), (x.astype(np.float64),), order=1,
                    modes=["rev"])


def test_resample_int_input_promotes():
    x = np.arange(12, dtype=np.int32)
    got = jss.resample_poly(x, 2, 1)
    assert got.dtype == np.float32          # jax's default float (float64 under x64)
    assert_close(got, ss.resample_poly(x.astype(np.float32), 2, 1), TOL32,
                 check_dtype=np.float32)


# --- bad input -------------------------------------------------------------------------------
ERRORS = [
    (ValueError, "up", lambda: jss.upfirdn(np.ones(3), np.ones(5), up=0)),
    (TypeError, "down", lambda: jss.upfirdn(np.ones(3), np.ones(5), down=1.5)),
    (ValueError, "'h'", lambda: jss.upfirdn(np.ones((2, 2)), np.ones(5))),
    (ValueError, "mode", lambda: jss.upfirdn(np.ones(3), np.ones(5), mode="mirror")),
    (np.exceptions.AxisError, "axis", lambda: jss.upfirdn(np.ones(3), np.ones(5), axis=2)),
    (ValueError, "domain", lambda: jss.resample(np.ones(5), 3, domain="space")),
    (TypeError, "num", lambda: jss.resample(np.ones(5), 3.5)),
    (ValueError, "window", lambda: jss.resample(np.ones(5), 3, window=np.ones(4))),
    (ValueError, "padtype", lambda: jss.resample_poly(np.ones(5), 2, 1, padtype="zero")),
    (ValueError, "cval", lambda: jss.resample_poly(np.ones(5), 2, 1, padtype="mean", cval=1)),
    (ValueError, "window", lambda: jss.resample_poly(np.ones(5), 2, 1, window=np.ones((2, 2)))),
    (ValueError, "window", lambda: jss.resample_poly(np.ones(5), 2, 1, window="nope")),
]


@pytest.mark.parametrize("exc,word,call", ERRORS, ids=[f"{e[1]}-{i}" for i, e in enumerate(ERRORS)])
def test_bad_input(exc, word, call):
    with pytest.raises(exc, match=word):
        call()
