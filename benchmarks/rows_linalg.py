"""Benchmark rows: jaxwrap.numpy.linalg (compiled workloads).

Every factorization lowers through the bridge to jax's own kernels, so these
rows measure what jaxwrap adds around them (symmetrization, pivots, solves).
Sizes 64, 256 and 1024 for every function (a 1024 eigh / svd / lstsq takes
0.2-1 s per call on a 2-core CPU, so those rows dominate the suite's time),
plus one batched solve.
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row

SIZES = (64, 256, 1024)


def _general(n: int, k: int | None = None):
    """A well-conditioned n x n matrix (and an n-vector / n x k right-hand side)."""
    def setup(rng: np.random.Generator):
        a = (rng.standard_normal((n, n)) + n ** 0.5 * np.eye(n)).astype(np.float32)
        if k is None:
            return (a,)
        b = rng.standard_normal((n,) if k == 0 else (n, k)).astype(np.float32)
        return a, b
    return setup


def _hpd(n: int):
    def setup(rng: np.random.Generator):
        m = rng.standard_normal((n, n))
        return ((m @ m.T / n + np.eye(n)).astype(np.float32),)
    return setup


def _tall(n: int):
    def setup(rng: np.random.Generator):
        return (rng.standard_normal((2 * n, n)).astype(np.float32),
                rng.standard_normal((2 * n,)).astype(np.float32))
    return setup


def _batched(batch: int, n: int):
    def setup(rng: np.random.Generator):
        a = rng.standard_normal((batch, n, n)) + n ** 0.5 * np.eye(n)
        return a.astype(np.float32), rng.standard_normal((batch, n, 1)).astype(np.float32)
    return setup


def _tuple(x):
    return tuple(x)


COMPILED: list[Row] = [
    *(Row(f"linalg_solve_{n}", _general(n, 0), lambda xp, a, b: xp.linalg.solve(a, b),
          rtol=1e-3, atol=1e-4) for n in SIZES),
    *(Row(f"linalg_inv_{n}", _general(n), lambda xp, a: xp.linalg.inv(a), rtol=1e-3,
          atol=1e-4) for n in SIZES),
    *(Row(f"linalg_det_{n}", _general(n),
          lambda xp, a: xp.linalg.det(xp.divide(a, np.float32(a.shape[0] ** 0.5))),
          rtol=1e-3, atol=1e-4) for n in SIZES),
    *(Row(f"linalg_slogdet_{n}", _general(n), lambda xp, a: _tuple(xp.linalg.slogdet(a)),
          rtol=1e-3, atol=1e-3) for n in SIZES),
    *(Row(f"linalg_cholesky_{n}", _hpd(n), lambda xp, a: xp.linalg.cholesky(a), rtol=1e-3,
          atol=1e-4) for n in SIZES),
    *(Row(f"linalg_qr_{n}", _general(n), lambda xp, a: _tuple(xp.linalg.qr(a)), rtol=1e-3,
          atol=1e-3) for n in SIZES),
    *(Row(f"linalg_eigh_{n}", _hpd(n), lambda xp, a: xp.linalg.eigh(a).eigenvalues,
          rtol=1e-3, atol=1e-3) for n in SIZES),
    *(Row(f"linalg_svd_{n}", _general(n), lambda xp, a: xp.linalg.svd(a, compute_uv=False),
          rtol=1e-3, atol=1e-3) for n in SIZES),
    *(Row(f"linalg_lstsq_{n}", _tall(n), lambda xp, a, b: xp.linalg.lstsq(a, b)[0],
          rtol=1e-2, atol=1e-3) for n in SIZES),
    Row("linalg_solve_batched_64x32", _batched(64, 32),
        lambda xp, a, b: xp.linalg.solve(a, b), rtol=1e-3, atol=1e-4),
]
