"""Benchmark rows: jaxwrap.scipy.special's Legendre family where jax.scipy.special also
has the function (sph_harm_y), on 1e6 float32 points.  jax has none of the eval_* /
roots_* functions, so they have no row."""

from __future__ import annotations

import numpy as np
import scipy.special

from benchmarks.table import Row, sibling

N = 1_000_000
N_MAX = 16


def _harmonic_points(rng: np.random.Generator):
    n = rng.integers(0, N_MAX + 1, N).astype(np.int32)
    m = np.floor(rng.uniform(-1, 1, N) * (n + 1)).astype(np.int32)
    m = np.clip(m, -n, n)
    th = rng.uniform(0, np.pi, N).astype(np.float32)
    ph = rng.uniform(0, 2 * np.pi, N).astype(np.float32)
    return n, m, th, ph


def _sp(xp):
    return sibling(xp, "scipy.special")


COMPILED: list[Row] = [
    # jax needs the static bound n_max under jit; scipy has no such argument
    Row("special_sph_harm_y_1e6", _harmonic_points,
        lambda xp, n, m, th, ph: _sp(xp).sph_harm_y(n, m, th, ph, n_max=N_MAX),
        host=lambda xp, n, m, th, ph: scipy.special.sph_harm_y(n, m, th, ph),
        rtol=1e-3, atol=1e-5),
]
