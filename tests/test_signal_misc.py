"""jaxwrap.scipy.signal: savgol_coeffs, savgol_filter, hilbert, hilbert2, envelope and
decimate against scipy.signal."""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.signal as ss

import jaxwrap.scipy.signal as jss
from jaxwrap._src.scipy.signal.decimation import _cheby1_host
from tests.harness import assert_close, check, stable_seed


def _rng(*parts):
    return np.random.default_rng(stable_seed(*parts))


# --- Savitzky-Golay ------------------------------------------------------------------------------
def test_savgol_coeffs():
    with jax.enable_x64(True):
        for args in [(5, 2), (6, 3), (7, 2, 1, 0.5), (4, 1, 0, 1.0, 1), (9, 3, 2, 1.0, None, "dot"),
                     (5, 2, 3)]:
            assert_close(jss.savgol_coeffs(*args), ss.savgol_coeffs(*args),
                         check_dtype=np.float64, err=str(args))
    # without x64 the coefficients are float32 (scipy: float64)
    assert_close(jss.savgol_coeffs(7, 3), ss.savgol_coeffs(7, 3).astype(np.float32),
                 check_dtype=np.float32)


def test_savgol_filter_modes():
    x = _rng("savgol").normal(size=(3, 30))
    with jax.enable_x64(True):
        for mode, (wl, po, dv) in zip(("interp", "mirror", "constant", "nearest", "wrap"),
                                      ((6, 3, 1), (5, 2, 0), (11, 4, 2), (4, 2, 0), (7, 2, 1))):
            assert_close(jss.savgol_filter(x, wl, po, dv, 0.5, axis=1, mode=mode, cval=1.5),
                         ss.savgol_filter(x, wl, po, dv, 0.5, axis=1, mode=mode, cval=1.5),
                         check_dtype=np.float64, err=mode)
        # interp edges, derivative, along axis 0: all transformations
        check(lambda x: jss.savgol_filter(x, 7, 3, 1, axis=0),
              lambda x: ss.savgol_filter(x, 7, 3, 1, axis=0), (x.T[:12],), grad=1)
    # float32 stays float32; a window longer than x is fine outside 'interp'
    x32 = x[0, :5].astype(np.float32)
    assert_close(jss.savgol_filter(x32, 7, 2, mode="mirror"),
                 ss.savgol_filter(x32, 7, 2, mode="mirror"), check_dtype=np.float32)


# --- analytic signals ----------------------------------------------------------------------------
def test_hilbert():
    x = _rng("hilbert").normal(size=(3, 10))
    with jax.enable_x64(True):
        for n in (None, 7):
            assert_close(jss.hilbert(x, n), ss.hilbert(x, n), check_dtype=np.complex128)
        check(lambda x: jss.hilbert(x, 12, axis=0), lambda x: ss.hilbert(x, 12, axis=0),
              (x.T,), grad=1)
    x32 = x.astype(np.float32)
    assert_close(jss.hilbert(x32), ss.hilbert(x32).astype(np.complex64),
                 check_dtype=np.complex64)


def test_hilbert2():
    x = _rng("hilbert2").normal(size=(4, 5, 6))
    with jax.enable_x64(True):
        for n, axes in ((None, (-2, -1)), ((3, 8), (0, 2))):
            assert_close(jss.hilbert2(x, n, axes), ss.hilbert2(x, n, axes),
                         check_dtype=np.complex128)
        check(lambda x: jss.hilbert2(x, 6), lambda x: ss.hilbert2(x, 6), (x[0],))
        assert_close(jss.hilbert2(x[0, 0]), ss.hilbert2(x[0, 0]), check_dtype=np.complex128)


ENVELOPE_CASES = [  # (length, complex, bp_in, n_out, residual, squared)
    (10, False, (1, None), None, "lowpass", False),
    (11, False, (2, 4), 16, "all", True),
    (10, False, (-3, 2), 7, "lowpass", False),
    (11, True, (-4, -1), None, "all", False),
    (10, True, (-3, 2), 21, None, True),
]


@pytest.mark.parametrize("n,cplx,bp,n_out,residual,squared", ENVELOPE_CASES)
def test_envelope(n, cplx, bp, n_out, residual, squared):
    rng = _rng("envelope", n, cplx, bp)
    z = rng.normal(size=(2, n)) + (1j * rng.normal(size=(2, n)) if cplx else 0)
    kw = dict(n_out=n_out, residual=residual, squared=squared)
    with jax.enable_x64(True):
        out = jss.envelope(z, bp, **kw)
        ref = ss.envelope(z, bp, **kw)
        assert_close(out, ref, check_dtype=ref.dtype)
    # along axis 0, float32
    z32 = z.T.astype(np.complex64 if cplx else np.float32)
    out = jss.envelope(z32, bp, axis=0, **kw)
    ref = ss.envelope(z32, bp, axis=0, **kw)
    assert_close(out, ref, check_dtype=np.result_type(ref.dtype, np.float32))


def test_envelope_transformations():
    z = _rng("envelope-t").normal(size=(12,))
    with jax.enable_x64(True):
        # squared envelope: smooth in z (|.| has a kink at 0)
        check(lambda z: jss.envelope(z, (1, 5), squared=True, residual="all"),
              lambda z: ss.envelope(z, (1, 5), squared=True, residual="all"), (z,), grad=1)


# --- decimate ------------------------------------------------------------------------------------
def test_cheby1_host_matches_scipy_design():
    # same frequency response as scipy's design (the sections may be paired differently)
    for n, rp, wn in ((8, 0.05, 0.4), (5, 1.0, 0.3), (1, 0.5, 0.5)):
        _, ours = ss.sosfreqz(_cheby1_host(n, rp, wn))
        _, ref = ss.sosfreqz(ss.cheby1(n, rp, wn, output="sos"))
        np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("q,ftype,zero_phase,n", [
    (2, "iir", True, None), (3, "iir", False, 5), (4, "fir", True, None), (3, "fir", False, 8),
])
def test_decimate(q, ftype, zero_phase, n):
    x = _rng("decimate", q, ftype).normal(size=(2, 61))
    with jax.enable_x64(True):
        assert_close(jss.decimate(x, q, n, ftype, axis=1, zero_phase=zero_phase),
                     ss.decimate(x, q, n, ftype, axis=1, zero_phase=zero_phase),
                     check_dtype=np.float64)
    if q == 2:
        x32 = x.T.astype(np.float32)
        # 2 x 4 IIR sections of feedback: ten times float32's default tolerance
        assert_close(jss.decimate(x32, q, axis=0), ss.decimate(x32, q, axis=0),
                     tol=1e-4, check_dtype=np.float32)


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc,match", [
    (lambda: jss.savgol_coeffs(5, 5), ValueError, "polyorder"),
    (lambda: jss.savgol_coeffs(5, 2, pos=7), ValueError, "pos"),
    (lambda: jss.savgol_coeffs(5, 2, use="x"), ValueError, "use"),
    (lambda: jss.savgol_coeffs(5.5, 2), TypeError, "window_length"),
    (lambda: jss.savgol_filter(np.ones(4), 5, 2), ValueError, "window_length"),
    (lambda: jss.savgol_filter(np.ones(9), 5, 2, mode="reflect"), ValueError, "mode"),
    (lambda: jss.hilbert(np.ones(4) + 1j), ValueError, "real"),
    (lambda: jss.hilbert(np.ones(4), N=0), ValueError, "N"),
    (lambda: jss.hilbert2(np.ones((4, 4)), axes=(1, -1)), ValueError, "axes"),
    (lambda: jss.envelope(np.ones(8), (3, 2)), ValueError, "bp_in"),
    (lambda: jss.envelope(np.ones(8), residual="x"), ValueError, "residual"),
    (lambda: jss.envelope(np.ones(8), n_out=0), ValueError, "n_out"),
    (lambda: jss.decimate(np.ones(40), 2, ftype=ss.dlti([1.0], [1.0, 0.5])), TypeError,
     "ftype"),
    (lambda: jss.decimate(np.ones(40), 2, ftype="x"), ValueError, "ftype"),
    (lambda: jss.decimate(np.ones(40), 2.5), TypeError, "q"),
    (lambda: jss.decimate(np.ones(40), 0), ValueError, "q"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
