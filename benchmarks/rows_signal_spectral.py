"""Benchmark rows: jaxwrap.scipy.signal spectral analysis (compiled workloads).

stft and welch on 1e6 float32 samples with 256-sample Hann segments and the
default half overlap: the segments are one gather of whole windows (fused with
the centring and the window multiply), transformed by one rfft; welch's |X|**2
is one elementwise pass before the mean.  The ratio is against jax.scipy.signal;
the host reference is scipy.signal.
"""

from __future__ import annotations

from benchmarks.table import Row, mat, sibling

N = 1_000_000


def _sig(xp):
    return sibling(xp, "scipy.signal")


COMPILED: list[Row] = [
    Row("stft_1e6", mat(N), lambda xp, x: _sig(xp).stft(x, nperseg=256)[2],
        rtol=1e-3, atol=1e-4, doc="complex64 STFT, 256-point Hann segments, half overlap"),
    Row("welch_1e6", mat(N), lambda xp, x: _sig(xp).welch(x, nperseg=256)[1],
        rtol=1e-3, atol=1e-6, doc="float32 PSD, mean of 7811 segment periodograms"),
    Row("welch_median_1e6", mat(N),
        lambda xp, x: _sig(xp).welch(x, nperseg=256, average="median")[1],
        rtol=1e-3, atol=1e-6, doc="median average (a sort over the segments)"),
]
