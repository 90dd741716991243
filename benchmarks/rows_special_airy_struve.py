"""Benchmark rows: jaxwrap.scipy.special's Airy and Struve functions (airy, airye, struve,
modstruve) on 1e6 float32 points.  jax.scipy.special has none of them: the jax column
reports the missing function and the ratio is against scipy.special on the host."""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _x(lo: float, hi: float):
    def setup(rng: np.random.Generator):
        return (rng.uniform(lo, hi, N).astype(np.float32),)
    return setup


def _vx(rng: np.random.Generator):
    return (rng.uniform(-2.0, 10.0, N).astype(np.float32),
            rng.uniform(0.0, 50.0, N).astype(np.float32))


def _sp(xp):
    return sibling(xp, "scipy.special")


COMPILED: list[Row] = [
    Row("special_airy_1e6", _x(-30.0, 30.0), lambda xp, x: _sp(xp).airy(x)),
    Row("special_airye_1e6", _x(0.0, 100.0), lambda xp, x: _sp(xp).airye(x)),
    Row("special_struve_1e6", _vx, lambda xp, v, x: _sp(xp).struve(v, x)),
    Row("special_modstruve_1e6", _vx, lambda xp, v, x: _sp(xp).modstruve(v, x)),
]
