"""Benchmark rows: jaxwrap.scipy.special exponential integrals and
hypergeometric functions (compiled, 1e6 float32 points).

Arguments stay where jax.scipy.special returns in time (its exp1 / expn hang
on arrays of tiny arguments) and is accurate enough for the output check.
expi has no row: jax's expi on 1e6 points did not finish within the quick
run's time on the shared machine (its exp1 on [0.5, 20] is ~50x slower than ours).
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, sibling

N = 1_000_000


def _u(*ranges):
    def setup(rng: np.random.Generator):
        return tuple(rng.uniform(lo, hi, N).astype(np.float32) for lo, hi in ranges)
    return setup


def _expn_args(rng: np.random.Generator):
    return (np.full(N, 3, np.int32), rng.uniform(0.5, 20, N).astype(np.float32))


def _sp(xp):
    return sibling(xp, "scipy.special")


COMPILED: list[Row] = [
    Row("special_exp1_1e6", _u((0.5, 20)), lambda xp, x: _sp(xp).exp1(x), rtol=1e-5, atol=1e-30),
    Row("special_expn_1e6", _expn_args, lambda xp, n, x: _sp(xp).expn(n, x), rtol=1e-5, atol=1e-30),
    Row("special_sici_1e6", _u((0.1, 50)), lambda xp, x: _sp(xp).sici(x), rtol=1e-4, atol=1e-6),
    Row("special_spence_1e6", _u((0, 10)), lambda xp, x: _sp(xp).spence(x), rtol=1e-5, atol=1e-6),
    Row("special_hyp1f1_1e6", _u((0.1, 3), (0.5, 4), (0, 30)),
        lambda xp, a, b, x: _sp(xp).hyp1f1(a, b, x), rtol=1e-4, atol=1e-6),
    Row("special_hyp2f1_1e6", _u((0.1, 3), (0.1, 3), (0.5, 4), (-0.9, 0.5)),
        lambda xp, a, b, c, x: _sp(xp).hyp2f1(a, b, c, x), rtol=1e-4, atol=1e-6),
]
