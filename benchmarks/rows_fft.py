"""Benchmark rows: numpy.fft (compiled workloads).

Each row should compile to the same single ``fft`` HLO op as jax.numpy.fft
(a convert to complex in front where the input is real).
"""

from __future__ import annotations

from benchmarks.table import Row, mat

VEC = 1_000_000

COMPILED: list[Row] = [
    Row("fft_1e6", mat(VEC), lambda xp, x: xp.fft.fft(x), rtol=1e-3, atol=1e-2,
        doc="complex64 transform of float32 input"),
    Row("rfft_1e6", mat(VEC), lambda xp, x: xp.fft.rfft(x), rtol=1e-3, atol=1e-2),
    Row("fft2_1024x1024", mat(1024, 1024), lambda xp, x: xp.fft.fft2(x), rtol=1e-3,
        atol=1e-2),
]
