"""Benchmark rows: statistics, histograms, numerical math (compiled workloads and
eager dispatch).

numpy has no ``length=``: its bincount reference drops it (host=...).
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, mat

VEC = 1_000_000
SMALL = 1000
Q3 = (0.1, 0.5, 0.9)


def _ints(n: int, high: int):
    def setup(rng: np.random.Generator):
        return (rng.integers(0, high, n).astype(np.int32),)
    return setup


def _ints_and_weights(n: int, high: int):
    def setup(rng: np.random.Generator):
        return (rng.integers(0, high, n).astype(np.int32),
                rng.standard_normal(n).astype(np.float32))
    return setup


def _signal_and_kernel(n: int, m: int):
    def setup(rng: np.random.Generator):
        return (rng.standard_normal(n).astype(np.float32),
                rng.standard_normal(m).astype(np.float32))
    return setup


def _interp_args(n: int, m: int):
    def setup(rng: np.random.Generator):
        xp_ = np.sort(rng.uniform(0, 10, m)).astype(np.float32)
        return (rng.uniform(-1, 11, n).astype(np.float32), xp_,
                rng.standard_normal(m).astype(np.float32))
    return setup


def _histogram(bins: int):
    # jax.numpy's counts are float32, numpy's and jaxwrap's integers: compare as float32
    def fn(xp, x):
        return xp.astype(xp.histogram(x, bins=bins)[0], xp.float32)
    return fn


def _quantile(xp, x):
    return xp.quantile(x, xp.asarray(Q3, dtype=xp.float32))


COMPILED: list[Row] = [
    Row("histogram_1e6", mat(VEC), _histogram(100)),
    Row("quantile_1e6", mat(VEC), _quantile),
    Row("median_axis1_1000x1000", mat(1000, 1000), lambda xp, x: xp.median(x, axis=1)),
    Row("bincount_1e6", _ints(VEC, 1000), lambda xp, x: xp.bincount(x, length=1000),
        host=lambda np_, x: np_.bincount(x, minlength=1000)),
    Row("bincount_weights_1e6_into_1e5", _ints_and_weights(VEC, 100_000),
        lambda xp, x, w: xp.bincount(x, w, length=100_000), rtol=1e-3, atol=1e-4,
        host=lambda np_, x, w: np_.bincount(x, w, minlength=100_000),
        doc="bincount(x, weights, length=1e5) of 1e6 values"),
    Row("cumsum_1e6", mat(VEC), lambda xp, x: xp.cumsum(x), rtol=1e-3, atol=1e-2),
    Row("cumsum_axis0_1000x1000", mat(1000, 1000), lambda xp, x: xp.cumsum(x, axis=0),
        rtol=1e-3, atol=1e-3),
    Row("convolve_1e4x100", _signal_and_kernel(10_000, 100), lambda xp, a, v: xp.convolve(a, v),
        rtol=1e-3, atol=1e-4),
    Row("interp_1e6", _interp_args(VEC, 1000), lambda xp, x, p, f: xp.interp(x, p, f)),
]

EAGER: list[Row] = [
    Row("quantile_small", mat(SMALL), _quantile),
    Row("histogram_small", mat(SMALL), _histogram(10)),
    Row("diff_small", mat(SMALL), lambda xp, x: xp.diff(x)),
]
