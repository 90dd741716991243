"""Benchmark rows: jaxwrap.scipy.special's Bessel functions that jax.scipy.special also
has (i0, i0e, i1, i1e, bessel_jn), on 1e6 float32 points."""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _points(lo: float, hi: float):
    def setup(rng: np.random.Generator):
        return (rng.uniform(lo, hi, N).astype(np.float32),)
    return setup


def _sp(xp):
    return sibling(xp, "scipy.special")


COMPILED: list[Row] = [
    *(Row(f"special_{name}_1e6", _points(-30.0, 30.0) if name.endswith("e") else _points(-15.0, 15.0),
          lambda xp, x, name=name: getattr(_sp(xp), name)(x))
      for name in ("i0", "i0e", "i1", "i1e")),
    # jax's bessel_jn is accurate only for small x and orders (n_iter=50): compare there.
    Row("special_bessel_jn_v5_1e5", lambda rng: (rng.uniform(0.1, 10.0, N // 10).astype(np.float32),),
        lambda xp, x: _sp(xp).bessel_jn(x, v=5), host=False, rtol=1e-3, atol=1e-5),
]
