"""Benchmark rows: jaxwrap.scipy.special's log-space, elementary and combinatorial
functions that jax.scipy.special also has, on 1e6 float32 points (reductions on
1000 x 1000)."""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _points(*ranges):
    def setup(rng: np.random.Generator):
        return tuple(rng.uniform(lo, hi, N).astype(np.float32) for lo, hi in ranges)
    return setup


def _matrix(rng: np.random.Generator):
    return (rng.normal(size=(1000, 1000)).astype(np.float32) * np.float32(3),)


def _sp(xp):
    return sibling(xp, "scipy.special")


_UNARY = {"expit": (-20, 20), "logit": (0.001, 0.999), "entr": (0.001, 10)}
_BINARY = {"xlogy": ((-5, 5), (0.01, 10)), "xlog1py": ((-5, 5), (-0.9, 10)),
           "rel_entr": ((0.01, 10), (0.01, 10)), "kl_div": ((0.01, 10), (0.01, 10)),
           "boxcox": ((0.01, 10), (-2, 2)), "boxcox1p": ((-0.9, 10), (-2, 2))}

COMPILED: list[Row] = [
    *(Row(f"special_{name}_1e6", _points(rng_),
          lambda xp, x, name=name: getattr(_sp(xp), name)(x), rtol=1e-4, atol=1e-6)
      for name, rng_ in _UNARY.items()),
    *(Row(f"special_{name}_1e6", _points(*rngs),
          lambda xp, x, y, name=name: getattr(_sp(xp), name)(x, y), rtol=1e-4, atol=1e-6)
      for name, rngs in _BINARY.items()),
    Row("special_comb_1e6", lambda rng: (np.floor(rng.uniform(0, 60, N)).astype(np.float32),
                                         np.floor(rng.uniform(0, 10, N)).astype(np.float32)),
        lambda xp, n, k: _sp(xp).comb(n, k), rtol=1e-4, atol=1e-6),
    # non-integer arguments: jaxwrap's comb then takes its lgamma branch (the row above,
    # all small integers, runs the exact product alone)
    Row("special_comb_real_1e6", _points((0, 60), (0, 10)),
        lambda xp, n, k: _sp(xp).comb(n, k), rtol=1e-3, atol=1e-6),
    Row("special_factorial_1e6", lambda rng: (np.floor(rng.uniform(0, 30, N)).astype(np.float32),),
        lambda xp, n: _sp(xp).factorial(n), rtol=1e-4, atol=1e-6),
    Row("special_logsumexp_1000x1000", _matrix, lambda xp, a: _sp(xp).logsumexp(a, axis=1),
        rtol=1e-5, atol=1e-6),
    Row("special_softmax_1000x1000", _matrix, lambda xp, a: _sp(xp).softmax(a, axis=1),
        rtol=1e-5, atol=1e-7),
    Row("special_log_softmax_1000x1000", _matrix, lambda xp, a: _sp(xp).log_softmax(a, axis=1),
        rtol=1e-5, atol=1e-5),
]
