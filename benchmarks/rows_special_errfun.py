"""Benchmark rows: jaxwrap.scipy.special's error and normal-distribution
functions that jax.scipy.special also has, on 1e6 float32 points (complex64
for wofz)."""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _points(*ranges):
    def setup(rng: np.random.Generator):
        return tuple(rng.uniform(lo, hi, N).astype(np.float32) for lo, hi in ranges)
    return setup


def _complex(rng: np.random.Generator):
    z = rng.uniform(-6, 6, N) + 1j * rng.uniform(-6, 6, N)
    return (z.astype(np.complex64),)


def _sp(xp):
    return sibling(xp, "scipy.special")


# name: range of the argument (within jax's accurate domain, so the values agree)
_UNARY = {"erf": (-4, 4), "erfc": (-4, 4), "erfcx": (-3, 9), "erfinv": (-0.99, 0.99),
          "ndtr": (-6, 6), "ndtri": (0.001, 0.999), "log_ndtr": (-20, 5), "dawsn": (-8, 8)}

COMPILED: list[Row] = [
    *(Row(f"special_{name}_1e6", _points(rng_),
          lambda xp, x, name=name: getattr(_sp(xp), name)(x), rtol=1e-3, atol=1e-5)
      for name, rng_ in _UNARY.items()),
    Row("special_wofz_1e6", _complex, lambda xp, z: _sp(xp).wofz(z), rtol=1e-3, atol=1e-5),
    Row("special_owens_t_1e6", _points((-5, 5), (-3, 3)),
        lambda xp, h, a: _sp(xp).owens_t(h, a), rtol=1e-3, atol=1e-6),
]
