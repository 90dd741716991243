"""Benchmark rows: jaxwrap.scipy.special's gamma / beta family where jax.scipy.special also
has the function (gammainc, gammaincc, betainc), on 1e6 float32 points."""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _gamma_points(rng: np.random.Generator):
    a = np.exp(rng.uniform(np.log(0.1), np.log(100.0), N)).astype(np.float32)
    return a, (a * rng.uniform(0.2, 3.0, N)).astype(np.float32)


def _beta_points(rng: np.random.Generator):
    a = np.exp(rng.uniform(np.log(0.2), np.log(50.0), (2, N))).astype(np.float32)
    return a[0], a[1], rng.uniform(0.01, 0.99, N).astype(np.float32)


def _sp(xp):
    return sibling(xp, "scipy.special")


COMPILED: list[Row] = [
    # jax is up to ~200 ULP off on these points (tests/test_special_gamma.py): compare loosely.
    Row("special_gammainc_1e6", _gamma_points, lambda xp, a, x: _sp(xp).gammainc(a, x),
        rtol=1e-3, atol=1e-6),
    Row("special_gammaincc_1e6", _gamma_points, lambda xp, a, x: _sp(xp).gammaincc(a, x),
        rtol=1e-3, atol=1e-6),
    Row("special_betainc_1e6", _beta_points, lambda xp, a, b, x: _sp(xp).betainc(a, b, x),
        rtol=1e-3, atol=1e-6),
]
