"""jaxwrap.scipy.signal convolutions and order filters against scipy.signal (and
jax.scipy.signal as a peer where jax has the function).

Cases are sampled, not enumerated: each distinct shape / mode is a separate XLA
program, so every table row covers several axes of variation at once (dtype,
odd/even/prime length, rank, mode, method, boundary).
"""

from __future__ import annotations

import jax
import jax.scipy.signal as jsig
import numpy as np
import pytest
import scipy.signal as ss

import jaxwrap.scipy.signal as jss
from jaxwrap._src.scipy.signal import convolution as C
from tests.harness import assert_close, check, jax_dtype, stable_seed

# Sums of up to ~1000 products (and FFT round trips) in float32: the rounding error
# grows with the number of terms, so float32 gets 10x its default tolerance.
TOL32 = {np.dtype(np.float32): 2e-4, np.dtype(np.complex64): 2e-4}


def _data(shape, dtype, *parts):
    rng = np.random.default_rng(stable_seed(*parts, shape, np.dtype(dtype).name))
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def _compare(ours, ref, dtype):
    """Values vs the scipy reference and the dtype jax's rules give (not scipy's:
    integer inputs are promoted to floats, like jax.scipy.signal)."""
    assert_close(ours, ref, TOL32, check_dtype=jax_dtype(np.result_type(dtype, np.float32)),
                 check_kind=False)   # the dtype is checked against jax's rule instead


# (function, scipy reference, shape1, shape2, dtype, keywords)
CASES = [
    (jss.convolve, ss.convolve, (31,), (7,), np.float32, dict(mode="full", method="direct")),
    (jss.convolve, ss.convolve, (16,), (23,), np.complex128,
     dict(mode="same", method="fft")),
    (jss.convolve, ss.convolve, (6, 9), (4, 3), np.float64, dict(mode="valid", method="auto")),
    (jss.convolve, ss.convolve, (5, 4, 3), (2, 3, 2), np.float32, dict(mode="same")),
    (jss.convolve, ss.convolve, (300,), (200,), np.float64, dict(mode="same", method="direct")),
    (jss.convolve, ss.convolve, (12,), (5,), np.int32, dict(mode="full")),
    (jss.correlate, ss.correlate, (13,), (17,), np.complex64, dict(mode="valid", method="direct")),
    (jss.correlate, ss.correlate, (8, 6), (3, 4), np.float64, dict(mode="same", method="fft")),
    (jss.correlate, ss.correlate, (29,), (4,), np.float32, dict(mode="full", method="auto")),
    (jss.fftconvolve, ss.fftconvolve, (4, 50, 3), (1, 7, 3), np.float64,
     dict(mode="same", axes=1)),
    (jss.fftconvolve, ss.fftconvolve, (11, 8), (3, 8), np.complex64, dict(mode="valid")),
    (jss.oaconvolve, ss.oaconvolve, (1000,), (31,), np.float32, dict(mode="full")),
    (jss.oaconvolve, ss.oaconvolve, (600, 5), (17, 1), np.complex128, dict(mode="same", axes=0)),
    (jss.oaconvolve, ss.oaconvolve, (9,), (40,), np.float64, dict(mode="valid")),
    (jss.convolve2d, ss.convolve2d, (7, 8), (3, 4), np.float32, dict(mode="same", boundary="wrap")),
    (jss.convolve2d, ss.convolve2d, (5, 6), (4, 7), np.complex128,
     dict(mode="full", boundary="fill", fillvalue=1.5)),
    (jss.convolve2d, ss.convolve2d, (3, 5), (6, 8), np.float64, dict(mode="valid", boundary="symm")),
    (jss.correlate2d, ss.correlate2d, (6, 7), (2, 4), np.float64, dict(mode="same", boundary="symm")),
    (jss.correlate2d, ss.correlate2d, (4, 5), (5, 6), np.complex128, dict(mode="valid")),
    (jss.correlate2d, ss.correlate2d, (5, 5), (3, 2), np.float32,
     dict(mode="full", boundary="wrap")),
]


@pytest.mark.parametrize("fn,ref,s1,s2,dtype,kw", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_matches_scipy(fn, ref, s1, s2, dtype, kw):
    with jax.enable_x64(np.dtype(dtype).itemsize == 8 and np.dtype(dtype).kind == "f"
                        or np.dtype(dtype) == np.complex128):
        x, h = _data(s1, dtype, "x"), _data(s2, dtype, "h")
        if np.dtype(dtype).kind == "i":
            x, h = (np.round(v * 5).astype(dtype) for v in (x, h))
        kw_ref = {k: v for k, v in kw.items() if k != "method"}
        _compare(fn(x, h, **kw), ref(x, h, **kw_ref), dtype)


# jax.scipy.signal as a peer; eager, jit, vmap, purity and gradients in one call.
PEER_CASES = [
    (jss.convolve, jsig.convolve, ss.convolve, (9,), (4,), dict(mode="same"), 1),
    (jss.correlate, jsig.correlate, ss.correlate, (6, 5), (3, 3), dict(mode="full"), 0),
    (jss.fftconvolve, jsig.fftconvolve, ss.fftconvolve, (10,), (5,), dict(mode="valid"), 0),
    (jss.convolve2d, jsig.convolve2d, ss.convolve2d, (5, 4), (2, 3), dict(mode="same"), 0),
    # jax.scipy.signal supports boundary='fill' only; the other boundaries vs scipy above
    (jss.correlate2d, jsig.correlate2d, ss.correlate2d, (4, 6), (3, 2), dict(mode="full"), 0),
]


@pytest.mark.parametrize("fn,peer,ref,s1,s2,kw,grad", PEER_CASES,
                         ids=[c[0].__name__ for c in PEER_CASES])
def test_against_jax_peer(fn, peer, ref, s1, s2, kw, grad):
    x, h = _data(s1, np.float32, "px"), _data(s2, np.float32, "ph")
    # float32 FFT round trips vs scipy's float32 results: a few ulps of the largest value
    check(fn, ref, [x, h], kwargs=kw, peer=peer, tol=TOL32, grad=grad,
          vmap=grad == 1, jit=grad == 1)


def test_long_kernel_paths_and_grad():
    """More than 128 taps: the n-d direct method scans over blocks of taps, the 1-D one
    is a matrix product; gradients of both inputs through each."""
    with jax.enable_x64(True):
        x, h = _data((40, 9), np.float64, "lx"), _data((3, 50), np.float64, "lh")
        _compare(jss.convolve(x, h, "full", "direct"), ss.convolve(x, h, "full"), np.float64)
        from jax.test_util import check_grads
        # 3 x 43 = 129 taps: a scan over 3 blocks; forward mode (reverse mode of the
        # unrolled path is checked by the jax-peer case above, and costs 5x the compile)
        a, b = _data((5, 50), np.float64, "ga"), _data((3, 43), np.float64, "gb")
        check_grads(lambda a, b: jss.convolve(a, b, "valid", "direct"), (a, b), order=1,
                    modes=["fwd"])
        # 1-D, more than 128 taps: one Toeplitz matrix product
        a, b = _data((150,), np.float64, "ta"), _data((130,), np.float64, "tb")
        _compare(jss.correlate(a, b, "same", "direct"), ss.correlate(a, b, "same"), np.float64)
        check_grads(lambda a, b: jss.convolve(a, b, "same", "direct"), (a, b), order=1,
                    modes=["rev"])


def test_auto_method_cost_model():
    x, w = np.zeros(100_000, np.float32), np.zeros(1000, np.float32)
    wins = [(0, 100_999)]
    assert C._choose(x, w, wins, (0,)) == "fft"
    assert C._choose(x[:1000], w[:10], [(0, 1009)], (0,)) == "direct"
    assert [C._fast_len(n) for n in (1, 7, 11, 97, 1000, 1025)] == [1, 8, 12, 100, 1000, 1080]


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_correlation_lags(mode):
    for n1, n2 in [(5, 3), (3, 6), (4, 4)]:
        got = jss.correlation_lags(n1, n2, mode)
        assert_close(got, ss.correlation_lags(n1, n2, mode), check_dtype=jax_dtype(np.int64))


def test_deconvolve():
    with jax.enable_x64(True):
        s, d = _data((9,), np.float64, "ds"), _data((4,), np.float64, "dd")
        q, r = jss.deconvolve(s, d)
        q_ref, r_ref = ss.deconvolve(s, d)
        assert_close((q, r), (q_ref, r_ref), check_dtype=(np.float64, np.float64))
        q, r = jss.deconvolve(s[:3], d)          # divisor longer: empty quotient
        assert q.shape == (0,) and np.array_equal(np.asarray(r), s[:3])
    # under jit a zero leading coefficient cannot raise: it gives non-finite values
    q, _ = jax.jit(jss.deconvolve)(np.array([1.0, 2.0, 3.0], np.float32),
                                   np.array([0.0, 1.0], np.float32))
    assert not np.all(np.isfinite(np.asarray(q)))


# --- order filters -----------------------------------------------------------------------------
def test_medfilt_order_filter():
    x = _data((9, 8), np.float32, "med")
    assert_close(jss.medfilt(x, (3, 5)), ss.medfilt(x, (3, 5)), check_dtype=np.float32)
    assert_close(jss.medfilt2d(x, 5), ss.medfilt2d(x, 5), check_dtype=np.float32)
    xi = np.round(_data((15,), np.float32, "medi") * 9).astype(np.int32)
    assert_close(jss.medfilt(xi), ss.medfilt(xi), check_dtype=np.int32)   # ints stay ints
    dom = np.array([[1, 0, 1], [0, 1, 0], [1, 1, 1]])
    assert_close(jss.order_filter(x, dom, 4), ss.order_filter(x, dom, 4), check_dtype=np.float32)
    # vmap and purity (the sort-based filter is differentiable but piecewise: no grad check)
    check(jss.medfilt, ss.medfilt, [x[0]], kwargs=dict(kernel_size=5), jit=False)


def test_wiener():
    with jax.enable_x64(True):
        x = _data((10, 7), np.float64, "wiener")
        assert_close(jss.wiener(x), ss.wiener(x), check_dtype=np.float64)
        assert_close(jss.wiener(x, (3, 5), 0.1), ss.wiener(x, (3, 5), 0.1),
                     check_dtype=np.float64)
    x32 = x.astype(np.float32)
    assert_close(jss.wiener(x32, 5), ss.wiener(x32, 5).astype(np.float32), TOL32,
                 check_dtype=np.float32)


# --- bad input ---------------------------------------------------------------------------------
ERRORS = [
    (ValueError, "in1", lambda: jss.convolve(np.ones(3), np.ones((2, 2)))),
    (ValueError, "mode", lambda: jss.correlate(np.ones(3), np.ones(2), mode="middle")),
    (ValueError, "method", lambda: jss.convolve(np.ones(3), np.ones(2), method="fast")),
    (ValueError, "valid", lambda: jss.convolve(np.ones((3, 1)), np.ones((1, 3)), "valid")),
    (ValueError, "boundary", lambda: jss.convolve2d(np.ones((3, 3)), np.ones((2, 2)),
                                                    boundary="zero")),
    (ValueError, "2-D", lambda: jss.correlate2d(np.ones(3), np.ones(2))),
    (ValueError, "axes", lambda: jss.fftconvolve(np.ones((2, 3)), np.ones((2, 3)), axes=(0, 0))),
    (ValueError, "incompatible", lambda: jss.fftconvolve(np.ones((2, 3)), np.ones((3, 3)),
                                                         axes=1)),
    (ValueError, "divisor", lambda: jss.deconvolve(np.ones(3), np.array([0.0, 1.0]))),
    (ValueError, "kernel_size", lambda: jss.medfilt(np.ones(5), 4)),
    (ValueError, "kernel_size", lambda: jss.medfilt2d(np.ones((5, 5)), (3, 2))),
    (ValueError, "domain", lambda: jss.order_filter(np.ones(5), np.ones(2), 0)),
    (ValueError, "rank", lambda: jss.order_filter(np.ones(5), np.ones(3), 3)),
    (TypeError, "in1", lambda: jss.convolve("abc", np.ones(2))),
    (TypeError, "volume", lambda: jss.medfilt(np.ones(3, np.complex64))),
]


@pytest.mark.parametrize("exc,word,call", ERRORS, ids=[f"{e[1]}-{i}" for i, e in enumerate(ERRORS)])
def test_bad_input(exc, word, call):
    with pytest.raises(exc, match=word):
        call()
