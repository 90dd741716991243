"""Benchmark rows: jaxwrap.scipy.special's wright_bessel, log_wright_bessel and smirnov on
1e6 float32 points.  jax.scipy.special has none of them: the jax column reports the
missing function and the ratio is against scipy.special on the host."""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _abx(rng: np.random.Generator):
    return (rng.uniform(0.1, 3.0, N).astype(np.float32),
            rng.uniform(0.0, 3.0, N).astype(np.float32),
            rng.uniform(0.0, 20.0, N).astype(np.float32))


def _nd(rng: np.random.Generator):
    # sample sizes up to 100: the exact sum's loop runs to the largest n in the array
    return (rng.integers(1, 100, N).astype(np.float32),
            rng.uniform(0.0, 0.5, N).astype(np.float32))


def _sp(xp):
    return sibling(xp, "scipy.special")


COMPILED: list[Row] = [
    Row("special_wright_bessel_1e6", _abx, lambda xp, a, b, x: _sp(xp).wright_bessel(a, b, x)),
    Row("special_log_wright_bessel_1e6", _abx,
        lambda xp, a, b, x: _sp(xp).log_wright_bessel(a, b, x)),
    Row("special_smirnov_1e6", _nd, lambda xp, n, d: _sp(xp).smirnov(n, d)),
]
