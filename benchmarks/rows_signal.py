"""Benchmark rows: jaxwrap.scipy.signal convolution and resampling (compiled workloads).

Ratios are against jax.scipy.signal where jax has the function (convolve,
fftconvolve); resample_poly has no jax counterpart, so its row compares with
scipy on the host.  ``convolve`` with method='auto' picks the FFT at this size
(jaxwrap's static cost model) while jax's 'auto' means direct, so the direct
method has its own row.  The filtering rows are in rows_signal_filter.py.
"""

from __future__ import annotations

from benchmarks.table import Row, arrays, mat, sibling

LONG, TAPS = 100_000, 1_000


def _sig(xp):
    return sibling(xp, "scipy.signal")


COMPILED: list[Row] = [
    Row("convolve_auto_1e5x1e3", arrays([(LONG,), (TAPS,)]),
        lambda xp, x, h: _sig(xp).convolve(x, h), rtol=1e-3, atol=1e-2,
        doc="jaxwrap: FFT by the cost model; jax: direct (lax.conv)"),
    Row("convolve_direct_1e5x1e3", arrays([(LONG,), (TAPS,)]),
        lambda xp, x, h: _sig(xp).convolve(x, h, method="direct"), rtol=1e-3, atol=1e-2,
        doc="jaxwrap: scan over blocks of 128 fused taps; jax: lax.conv"),
    Row("fftconvolve_1e5x1e3", arrays([(LONG,), (TAPS,)]),
        lambda xp, x, h: _sig(xp).fftconvolve(x, h), rtol=1e-3, atol=1e-2),
    Row("convolve2d_512x512_5x5", arrays([(512, 512), (5, 5)]),
        lambda xp, x, h: _sig(xp).convolve2d(x, h, mode="same"), rtol=1e-3, atol=1e-3),
    Row("resample_poly_1e5_3_2", mat(LONG),
        lambda xp, x: _sig(xp).resample_poly(x, 3, 2), rtol=1e-3, atol=1e-3,
        doc="no jax.scipy.signal.resample_poly: ratio against scipy (host)"),
]
