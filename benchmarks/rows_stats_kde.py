"""Benchmark rows: jaxwrap.scipy.stats.gaussian_kde (compiled).

The estimator is built inside the compiled function from 1e3 float32 centres
and evaluated at 1e4 float32 points (a 1e4 x 1e3 kernel matrix), against
jax.scipy.stats.gaussian_kde and scipy.stats.gaussian_kde on the host.
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

CENTRES, POINTS = 1_000, 10_000


def _one_d(rng: np.random.Generator):
    return (rng.normal(size=CENTRES).astype(np.float32),
            (1.5 * rng.normal(size=POINTS)).astype(np.float32))


def _two_d(rng: np.random.Generator):
    return (rng.normal(size=(2, CENTRES)).astype(np.float32),
            (1.5 * rng.normal(size=(2, POINTS))).astype(np.float32))


def _logpdf(xp, centres, points):
    return sibling(xp, "scipy.stats").gaussian_kde(centres).logpdf(points)


COMPILED: list[Row] = [
    Row("stats_gaussian_kde_logpdf_1e4x1e3", _one_d, _logpdf, rtol=1e-4, atol=1e-4,
        doc="1-D, Scott's bandwidth, built and evaluated in one compiled call"),
    Row("stats_gaussian_kde_logpdf_2d_1e4x1e3", _two_d, _logpdf, rtol=1e-4, atol=1e-4,
        doc="2-D, Scott's bandwidth"),
]
