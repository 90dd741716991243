"""Benchmark rows: gather / scatter through the numpy indexing family.

Indexing syntax is not a namespace function: ``_get`` / ``_add_at`` dispatch
on the namespace (jaxwrap's functional ``xp.at(x)[idx]``, jax's ``x.at[idx]``
or ``x[idx]``, numpy's ``np.add.at`` on a copy).
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row

VEC = 1_000_000
SMALL = 1000


def _get(xp, x, idx):
    if hasattr(xp, "at"):  # jaxwrap.numpy
        return xp.at(x)[idx].get()
    return x[idx]           # jax.numpy and numpy


def _add_at(xp, x, idx, v):
    if hasattr(xp, "at"):
        return xp.at(x)[idx].add(v)
    if xp is np:
        out = x.copy()
        np.add.at(out, idx, v)
        return out
    return x.at[idx].add(v)


def _ufunc_add_at(xp, z, idx, v):
    if xp is np:
        out = z.copy()
        np.add.at(out, idx, v)
        return out
    return xp.add.at(z, idx, v, inplace=False)


def _vec_and_indices(n: int, m: int, values: bool = False):
    def setup(rng: np.random.Generator):
        out = (rng.standard_normal(n).astype(np.float32),
               rng.integers(0, n, m).astype(np.int32))
        return out + ((rng.standard_normal(m).astype(np.float32),) if values else ())
    return setup


def _mat_and_along(n: int):
    def setup(rng: np.random.Generator):
        return (rng.standard_normal((n, n)).astype(np.float32),
                rng.integers(0, n, (n, n)).astype(np.int32))
    return setup


def _mat_rows_cols(n: int):
    def setup(rng: np.random.Generator):
        return (rng.standard_normal((n, n)).astype(np.float32),
                rng.integers(0, n, (n, 1)).astype(np.int32),
                rng.integers(0, n, (n,)).astype(np.int32))
    return setup


COMPILED: list[Row] = [
    Row("take_1e6", _vec_and_indices(VEC, VEC), lambda xp, x, i: xp.take(x, i),
        doc="gather of 1e6 random indices from a 1e6 vector"),
    Row("take_along_axis_1000x1000", _mat_and_along(1000),
        lambda xp, x, i: xp.take_along_axis(x, i, axis=1)),
    Row("scatter_add_1e6", _vec_and_indices(VEC, VEC, values=True),
        lambda xp, x, i, v: _add_at(xp, x, i, v), rtol=1e-3, atol=1e-4,
        doc="x.at[idx].add(v) with 1e6 random (repeated) indices"),
    Row("ufunc_add_at_1e6_into_1e5", _vec_and_indices(100_000, VEC, values=True),
        _ufunc_add_at, rtol=1e-3, atol=1e-4,
        doc="add.at(z, idx, v, inplace=False): 1e6 random (repeated) updates into 1e5"),
    Row("fancy_getitem_1000x1000", _mat_rows_cols(1000),
        lambda xp, x, r, c: _get(xp, x, (r, c)), doc="x[rows[:, None], cols]"),
]

EAGER: list[Row] = [
    Row("take_small", _vec_and_indices(SMALL, 100), lambda xp, x, i: xp.take(x, i)),
    Row("scatter_add_small", _vec_and_indices(SMALL, 100, values=True),
        lambda xp, x, i, v: _add_at(xp, x, i, v), rtol=1e-4, atol=1e-5),
    Row("getitem_small", _vec_and_indices(SMALL, 100), lambda xp, x, i: _get(xp, x, i)),
]
