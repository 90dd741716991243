"""Benchmark rows: sorting, searching, unique (compiled workloads and eager dispatch).

numpy has no ``size=``: its reference calls drop it (host=...).
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, mat

VEC = 1_000_000
SMALL = 1000


def _ints(n: int, high: int):
    def setup(rng: np.random.Generator):
        return (rng.integers(0, high, n).astype(np.int32),)
    return setup


def _sorted_and_queries(n: int, m: int):
    def setup(rng: np.random.Generator):
        return (np.sort(rng.standard_normal(n)).astype(np.float32),
                rng.standard_normal(m).astype(np.float32))
    return setup


def _mask(n: int):
    def setup(rng: np.random.Generator):
        return (rng.random(n) < 0.3,)
    return setup


COMPILED: list[Row] = [
    Row("sort_1e6", mat(VEC), lambda xp, x: xp.sort(x)),
    Row("argsort_1e6", mat(VEC), lambda xp, x: xp.argsort(x)),
    Row("sort_axis1_1000x1000", mat(1000, 1000), lambda xp, x: xp.sort(x, axis=1)),
    Row("unique_size_1e5", _ints(100_000, 5000),
        lambda xp, x: xp.unique(x, size=5000, fill_value=-1),
        host=lambda np_, x: np_.unique(x)),
    Row("searchsorted_1e6", _sorted_and_queries(10_000, VEC),
        lambda xp, a, v: xp.searchsorted(a, v)),
    Row("nonzero_size_1e6", _mask(VEC), lambda xp, m: xp.nonzero(m, size=VEC // 2)[0],
        host=lambda np_, m: np_.nonzero(m)[0]),
]

EAGER: list[Row] = [
    Row("sort_small", mat(SMALL), lambda xp, x: xp.sort(x)),
    Row("argsort_small", mat(SMALL), lambda xp, x: xp.argsort(x)),
    Row("searchsorted_small", _sorted_and_queries(SMALL, 100),
        lambda xp, a, v: xp.searchsorted(a, v)),
    Row("unique_small_size", _ints(SMALL, 50), lambda xp, x: xp.unique(x, size=50),
        host=lambda np_, x: np_.unique(x)),
]
