"""Benchmark rows: jaxwrap.scipy.linalg (compiled workloads).

The factor-then-solve rows time only the solve: their setup factors on the
host (numpy / scipy) and passes the factors in.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg

from benchmarks.table import Row, sibling

N = 256
K = 64


def _expm_arg(n: int):
    def setup(rng: np.random.Generator):
        # 1-norm around 3: Pade degree 7 plus a couple of squarings in float32.
        return ((rng.standard_normal((n, n)) / n).astype(np.float32) * np.float32(3),)
    return setup


def _triangular(n: int, k: int):
    def setup(rng: np.random.Generator):
        a = np.tril(rng.standard_normal((n, n))) + n * np.eye(n)
        return a.astype(np.float32), rng.standard_normal((n, k)).astype(np.float32)
    return setup


def _cholesky(n: int, k: int):
    def setup(rng: np.random.Generator):
        m = rng.standard_normal((n, n))
        c = np.linalg.cholesky(m @ m.T + n * np.eye(n))
        return c.astype(np.float32), rng.standard_normal((n, k)).astype(np.float32)
    return setup


def _lu(n: int, k: int):
    def setup(rng: np.random.Generator):
        lu, piv = scipy.linalg.lu_factor(rng.standard_normal((n, n)) + n * np.eye(n))
        return (lu.astype(np.float32), piv.astype(np.int32),
                rng.standard_normal((n, k)).astype(np.float32))
    return setup


def _sl(xp):
    return sibling(xp, "scipy.linalg")


COMPILED: list[Row] = [
    *(Row(f"expm_{n}", _expm_arg(n), lambda xp, a: _sl(xp).expm(a), rtol=1e-3, atol=1e-4)
      for n in (64, 256, 1024)),
    Row(f"solve_triangular_{N}", _triangular(N, K),
        lambda xp, a, b: _sl(xp).solve_triangular(a, b, lower=True)),
    Row(f"cho_solve_{N}", _cholesky(N, K),
        lambda xp, c, b: _sl(xp).cho_solve((c, True), b), rtol=1e-3, atol=1e-4),
    Row(f"lu_solve_{N}", _lu(N, K),
        lambda xp, lu, piv, b: _sl(xp).lu_solve((lu, piv), b), rtol=1e-3, atol=1e-4),
]
