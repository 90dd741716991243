"""Benchmark rows: jaxwrap.scipy.fft (compiled workloads).

The DCT-II rows against jax.scipy.fft (the peer) and scipy.fft (the host):
jaxwrap's DCT is Makhoul's reordering around one real FFT of length N (jax's
uses a complex FFT of length N), so the ratio should be well below 1.
"""

from __future__ import annotations

from benchmarks.table import Row, mat, sibling

VEC = 1 << 20
SIDE = 1024


def _fft(xp):
    return sibling(xp, "scipy.fft")


COMPILED: list[Row] = [
    Row("dct2_2^20", mat(VEC), lambda xp, x: _fft(xp).dct(x), rtol=1e-3, atol=1e-2,
        doc="type-II DCT of 2^20 float32 points"),
    Row("dct2_rows_1024x1024", mat(SIDE, SIDE), lambda xp, x: _fft(xp).dct(x, axis=-1),
        rtol=1e-3, atol=1e-2, doc="type-II DCT of each row"),
    Row("dctn_1024x1024", mat(SIDE, SIDE), lambda xp, x: _fft(xp).dctn(x), rtol=1e-3,
        atol=1e-1, doc="2-D type-II DCT (sums of 1e6 terms: looser absolute check)"),
]
