"""Benchmark rows for jaxwrap.random (compiled): samplers on 10**7 elements.

Keys are built from the same raw data ([0, 42]) in every namespace and wrapped
as typed keys inside the timed function (free under jit).  numpy has no
counterpart with the same bits, so the rows have no host column.
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 10**7


def _key_data(rng: np.random.Generator) -> tuple[np.ndarray]:
    return (np.array([0, 42], np.uint32),)


def _rnd(xp):
    return sibling(xp, "random")


def _key(xp, k):
    return _rnd(xp).wrap_key_data(k)


COMPILED = [
    Row("random_uniform_1e7", _key_data, lambda xp, k: _rnd(xp).uniform(_key(xp, k), (N,)),
        host=False, doc="uniform float32"),
    Row("random_normal_1e7", _key_data, lambda xp, k: _rnd(xp).normal(_key(xp, k), (N,)),
        host=False, doc="normal float32 (erf_inv)"),
    Row("random_threefry_bits_1e7", _key_data,
        lambda xp, k: _rnd(xp).bits(_key(xp, k), (N,)), host=False, doc="uint32 random bits"),
]
