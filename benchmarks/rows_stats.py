"""Benchmark rows: jaxwrap.scipy.stats distributions (compiled, 1e6 float32 points).

Each row calls one distribution method through ``sibling(xp, "scipy.stats")``:
jaxwrap.scipy.stats for the candidate, jax.scipy.stats for the peer and
scipy.stats on the host.  t.cdf and beta.ppf have no jax.scipy counterpart (jax
0.10.2 has neither), so they are not rows here (the runner needs the peer).
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

VEC = 1_000_000


def _points(lo: float, hi: float):
    def setup(rng: np.random.Generator):
        return (rng.uniform(lo, hi, VEC).astype(np.float32),)
    return setup


def _counts(mu: float):
    def setup(rng: np.random.Generator):
        return (rng.poisson(mu, VEC).astype(np.float32),)
    return setup


def _st(xp):
    return sibling(xp, "scipy.stats")


COMPILED: list[Row] = [
    Row("stats_norm_logpdf_1e6", _points(-5, 5), lambda xp, x: _st(xp).norm.logpdf(x)),
    Row("stats_norm_cdf_1e6", _points(-5, 5), lambda xp, x: _st(xp).norm.cdf(x)),
    Row("stats_norm_ppf_1e6", _points(1e-6, 1 - 1e-6), lambda xp, x: _st(xp).norm.ppf(x),
        rtol=1e-4, atol=1e-4),
    Row("stats_norm_logcdf_1e6", _points(-30, 5), lambda xp, x: _st(xp).norm.logcdf(x)),
    Row("stats_t_logpdf_1e6", _points(-20, 20), lambda xp, x: _st(xp).t.logpdf(x, 4.5)),
    Row("stats_gamma_logpdf_1e6", _points(0.01, 20), lambda xp, x: _st(xp).gamma.logpdf(x, 2.5)),
    Row("stats_gamma_cdf_1e6", _points(0.01, 20), lambda xp, x: _st(xp).gamma.cdf(x, 2.5),
        rtol=1e-3, atol=1e-5),
    Row("stats_poisson_logpmf_1e6", _counts(7.0), lambda xp, k: _st(xp).poisson.logpmf(k, 7.0)),
]
