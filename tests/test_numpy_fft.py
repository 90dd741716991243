"""jaxwrap.numpy.fft against numpy.fft (reference) and jax.numpy.fft (peer: values and
dtypes), eagerly, under jit and vmap, with primitive purity and numerical gradients
(tests/harness.check); then the primitive's transposes against jax.lax.fft, the
optimized HLO against jax's, and bad input.

Rows run in float32 / complex64 and, under ``jax.enable_x64``, float64 / complex128,
``JAXWRAP_NUM_CASES`` dtypes per row, rotating.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import jaxwrap.numpy as wnp
from jaxwrap._src import lax as wlax
from tests.harness import NUM_CASES, assert_close, check

wf = wnp.fft
F32, F64, C64, C128 = (np.dtype(t) for t in (np.float32, np.float64, np.complex64,
                                               np.complex128))
ANY = (F32, C128, C64, F64)
REAL = (F32, F64)
CPLX = (C64, C128)
TOL = {F32: 2e-4, C64: 2e-4, F64: 1e-10, C128: 1e-10}


class Row(NamedTuple):
    id: str
    name: str
    shape: tuple
    kwargs: dict = {}
    grad: int = 0
    dtypes: tuple = ANY


ROWS = [
    Row("fft", "fft", (3, 8), grad=1),
    Row("fft_n_pad_axis0", "fft", (5, 3), {"n": 7, "axis": 0}),
    Row("fft_n_crop_ortho", "fft", (2, 9), {"n": 6, "norm": "ortho"}, grad=1),
    Row("ifft_forward", "ifft", (4, 6), {"norm": "forward"}, grad=1),
    Row("ifft_backward_n", "ifft", (7,), {"n": 10, "norm": "backward"}),
    Row("fft2", "fft2", (2, 4, 6)),
    Row("fft2_s_axes", "fft2", (4, 3, 5), {"s": (5, 2), "axes": (0, 2)}),
    Row("ifft2_ortho", "ifft2", (3, 4), {"norm": "ortho"}),
    Row("fftn_all", "fftn", (2, 3, 4), grad=1),
    Row("fftn_4d", "fftn", (2, 3, 2, 3)),
    Row("fftn_s_axes", "fftn", (3, 4, 5), {"s": [4, 2], "axes": [2, 0]}, grad=1),
    Row("ifftn_forward", "ifftn", (3, 2, 4), {"axes": (1, 2), "norm": "forward"}),
    Row("rfft", "rfft", (3, 8), grad=1, dtypes=REAL),
    Row("rfft_odd_axis0", "rfft", (7, 2), {"axis": 0, "norm": "ortho"}, grad=1, dtypes=REAL),
    Row("rfft_n", "rfft", (6,), {"n": 9}, dtypes=REAL),
    Row("irfft", "irfft", (3, 5), grad=1, dtypes=CPLX),
    Row("irfft_odd_n", "irfft", (2, 5), {"n": 9, "norm": "forward"}, grad=1, dtypes=CPLX),
    Row("irfft_axis0_ortho", "irfft", (4, 3), {"axis": 0, "norm": "ortho"}, dtypes=CPLX),
    Row("rfft2", "rfft2", (2, 4, 6), dtypes=REAL),
    Row("irfft2_s", "irfft2", (3, 4), {"s": (3, 5)}, dtypes=CPLX),
    Row("rfftn", "rfftn", (3, 4, 6), {"axes": (2, 0)}, grad=1, dtypes=REAL),
    Row("rfftn_4d", "rfftn", (2, 3, 2, 4), dtypes=REAL),
    Row("irfftn", "irfftn", (3, 4, 4), {"norm": "ortho"}, dtypes=CPLX),
    Row("irfftn_4d_s", "irfftn", (2, 3, 2, 3), {"s": (2, 3, 3, 5), "axes": (0, 1, 2, 3)},
        dtypes=CPLX),
    Row("hfft", "hfft", (2, 5), grad=1, dtypes=CPLX),
    Row("hfft_n_ortho", "hfft", (6,), {"n": 7, "norm": "ortho"}, dtypes=CPLX),
    Row("ihfft", "ihfft", (3, 8), {"norm": "forward"}, grad=1, dtypes=REAL),
    Row("fftshift", "fftshift", (3, 5)),
    Row("ifftshift_axes", "ifftshift", (3, 5), {"axes": 1}),
]
BY_ID = {r.id: r for r in ROWS}


def _gen(rng, shape, dt):
    x = rng.standard_normal(shape)
    if np.dtype(dt).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return np.asarray(x).astype(dt)


def _sample(dts, i, k):
    return [dts[(i + j) % len(dts)] for j in range(min(k, len(dts)))]


CASES = [(r.id, dt) for i, r in enumerate(ROWS)
         for dt in _sample(r.dtypes, i, max(1, NUM_CASES - 2))]


@pytest.mark.parametrize("row_id,dtype", CASES, ids=[f"{r}-{d}" for r, d in CASES])
def test_against_numpy_and_jax(row_id, dtype):
    row = BY_ID[row_id]
    wide = np.dtype(dtype).itemsize >= (8 if np.dtype(dtype).kind == "f" else 16)
    with jax.enable_x64(wide):
        args = (_gen(np.random.default_rng(len(row_id)), row.shape, dtype),)
        first = CASES[[c[0] for c in CASES].index(row_id)][1] == dtype
        check(getattr(wf, row.name), getattr(np.fft, row.name), args, kwargs=row.kwargs,
              peer=getattr(jnp.fft, row.name), tol=TOL,
              grad=row.grad if first else 0, grad_tol=1e-4)


# --- dtype promotion (jax.numpy.fft's rules) ------------------------------------------------
@pytest.mark.parametrize("x64", (False, True))
@pytest.mark.parametrize("name,dt", [("fft", np.int32), ("fft", np.bool_), ("fft", np.float32),
                                     ("rfft", np.int16), ("ifft", np.float64),
                                     ("irfft", np.complex64), ("hfft", np.float32),
                                     ("ihfft", np.uint8)])
def test_dtypes_match_jax(name, dt, x64):
    with jax.enable_x64(x64):
        x = np.arange(6).astype(dt)
        got, want = getattr(wf, name)(x), getattr(jnp.fft, name)(x)
        assert got.dtype == want.dtype
        assert_close(got, np.asarray(want), tol=1e-4)


def test_frequencies():
    for n, d in [(1, 1.0), (4, 1.0), (7, 0.25), (10, 3.0)]:
        assert_close(wf.fftfreq(n, d), np.fft.fftfreq(n, d),
                     check_dtype=jnp.fft.fftfreq(n, d).dtype)
        assert_close(wf.rfftfreq(n, d), np.fft.rfftfreq(n, d),
                     check_dtype=jnp.fft.rfftfreq(n, d).dtype)
    assert wf.fftfreq(4, dtype=np.float16).dtype == np.float16
    with jax.enable_x64(True):
        assert wf.rfftfreq(5).dtype == np.float64
    # d may be traced
    assert_close(jax.jit(lambda d: wf.fftfreq(5, d))(2.0), np.fft.fftfreq(5, 2.0))
    assert wf.fftfreq(3, device=jax.devices()[0]).shape == (3,)


# --- the primitive's derivatives against jax.lax.fft ----------------------------------------
@pytest.mark.parametrize("fft_type,in_shape,lengths", [
    ("fft", (2, 6), (6,)), ("ifft", (3, 4), (3, 4)), ("rfft", (3, 7), (7,)),
    ("rfft", (2, 3, 6), (3, 6)), ("irfft", (2, 4), (6,)), ("irfft", (2, 4), (7,)),
    ("irfft", (3, 2, 2, 3), (2, 2, 4)),
])
def test_primitive_transpose_vs_jax(fft_type, in_shape, lengths):
    rng = np.random.default_rng(1)
    with jax.enable_x64(True):
        dt = np.float64 if fft_type == "rfft" else np.complex128
        x = _gen(rng, in_shape, dt)
        ours = lambda a: wlax.fft(a, fft_type, lengths)  # noqa: E731
        theirs = lambda a: jax.lax.fft(a, fft_type.upper(), lengths)  # noqa: E731
        out = theirs(x)
        assert_close(ours(x), np.asarray(out))
        check_grads(ours, (x,), order=2, modes=("fwd", "rev"))
        ct = _gen(rng, out.shape, out.dtype)
        assert_close(jax.vjp(ours, x)[1](ct)[0], np.asarray(jax.vjp(theirs, x)[1](ct)[0]))
        # batching: the batch axis anywhere but the transformed ones
        xs = np.stack([x, 2 * x], axis=0)
        assert_close(jax.vmap(ours)(xs), np.asarray(jax.vmap(theirs)(xs)))


def test_same_hlo_as_jax():
    x = np.ones((4, 8), np.float32)
    for name in ("fft", "rfft", "fft2"):
        def text(mod, name=name):
            hlo = jax.jit(getattr(mod, name)).lower(x).compile().as_text()
            return sorted(line.split("=", 1)[1].split(",")[0].strip() for line in
                          hlo.splitlines() if " fft(" in line)
        assert text(wf) == text(jnp.fft) and text(wf), name


# --- bad input ------------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc,match", [
    (lambda: wf.fft(np.ones(4), norm="bogus"), ValueError, "norm"),
    (lambda: wf.rfftn(np.ones((2, 2)), norm="unitary"), ValueError, "norm"),
    (lambda: wf.fft(np.ones(4), n=0), ValueError, "n"),
    (lambda: wf.irfft(np.ones(1)), ValueError, "n"),
    (lambda: wf.fftn(np.ones((2, 2)), s=(2, 0)), ValueError, "s"),
    (lambda: wf.fft(np.ones(4), axis=1), np.exceptions.AxisError, "axes"),
    (lambda: wf.fft2(np.ones(4)), np.exceptions.AxisError, "axes"),
    (lambda: wf.fftn(np.ones((2, 2)), axes=(0, 0)), ValueError, "axes"),
    (lambda: wf.fftn(np.ones((2, 2)), s=(2,), axes=(0, 1)), ValueError, "s"),
    (lambda: wf.rfft(np.ones(4, np.complex64)), TypeError, "a"),
    (lambda: wf.fft(np.ones(4), out=np.ones(4)), NotImplementedError, "out"),
    (lambda: wf.fft(np.ones(4), n=2.5), TypeError, "n"),
    (lambda: wf.fftfreq(0), ValueError, "n"),
    (lambda: wf.fftfreq(4, dtype=np.int32), ValueError, "dtype"),
    (lambda: wf.fftshift(np.ones(3), axes=2), np.exceptions.AxisError, "axes"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
