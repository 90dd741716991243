"""Suite (c): run time of compiled workloads (jax.jit, block_until_ready).

Each row is jitted once per implementation (compile time is not counted) and
the compiled call is timed. Here the candidate and jax.numpy differ only in
the StableHLO they emit, so the ratio tells whether the candidate's lowering
is as good as jax's. numpy runs the same function eagerly, for reference.
Target: candidate / jax.numpy <= 1.05 on every row.

Add a workload by adding a row.
"""

from __future__ import annotations

from benchmarks.table import Row, arrays, family_rows, mat

VEC = 1_000_000
SQ = mat(1000, 1000)


def _elementwise_chain(xp, x, y):
    # sin(x) * exp(-x**2) + tanh(y)
    return xp.add(xp.multiply(xp.sin(x), xp.exp(xp.negative(xp.square(x)))), xp.tanh(y))


def _where_clip(xp, x, y):
    big = xp.sqrt(xp.abs(x))
    small = xp.log1p(xp.abs(y))
    return xp.clip(xp.where(xp.greater(x, y), big, small), 0.1, 1.5)


def _softmax_rows(xp, x):
    e = xp.exp(xp.subtract(x, xp.max(x, axis=1, keepdims=True)))
    return xp.divide(e, xp.sum(e, axis=1, keepdims=True))


def _einsum_chain_host(np_, *ops):
    # numpy's einsum defaults to optimize=False (left to right); jax's picks an
    # order. Give numpy the same chance so its reference time is meaningful.
    return np_.einsum("ij,jk,kl->il", *ops, optimize=True)


def _einsum4_host(np_, *ops):
    return np_.einsum("ab,bc,cd,de->ae", *ops, optimize=True)


LOOSE = {"rtol": 1e-3, "atol": 1e-3}  # output check for matmul-like rows

# fmt: off
_BASE: list[Row] = [
    # elementwise over 1e6 float32
    Row("elementwise_chain_1e6", arrays([(VEC,), (VEC,)]), _elementwise_chain,
        doc="sin(x)*exp(-x**2)+tanh(y)"),
    Row("where_clip_1e6", arrays([(VEC,), (VEC,)]), _where_clip),
    # reductions over 1000x1000 float32
    Row("sum_axis0_1000x1000", SQ, lambda xp, x: xp.sum(x, axis=0), rtol=1e-4, atol=1e-3),
    Row("sum_axis1_1000x1000", SQ, lambda xp, x: xp.sum(x, axis=1), rtol=1e-4, atol=1e-3),
    Row("mean_1000x1000", SQ, lambda xp, x: xp.mean(x), rtol=1e-3, atol=1e-5),
    Row("max_axis1_1000x1000", SQ, lambda xp, x: xp.max(x, axis=1)),
    Row("argmax_axis0_1000x1000", SQ, lambda xp, x: xp.argmax(x, axis=0)),
    Row("var_axis0_1000x1000", SQ, lambda xp, x: xp.var(x, axis=0), rtol=1e-3, atol=1e-4),
    Row("softmax_rows_1000x1000", SQ, _softmax_rows, rtol=1e-4, atol=1e-6),
    # matmul
    Row("matmul_512", arrays([(512, 512), (512, 512)]),
        lambda xp, a, b: xp.matmul(a, b), **LOOSE),
    Row("matmul_batched_32x128", arrays([(32, 128, 128), (32, 128, 128)]),
        lambda xp, a, b: xp.matmul(a, b), **LOOSE),
    Row("matvec_1000", arrays([(1000, 1000), (1000,)]),
        lambda xp, a, v: xp.matmul(a, v), **LOOSE),
    # einsum
    Row("einsum_ij_jk_512", arrays([(512, 512), (512, 512)]),
        lambda xp, a, b: xp.einsum("ij,jk->ik", a, b), **LOOSE),
    Row("einsum_attention", arrays([(4, 8, 128, 64), (4, 8, 128, 64)]),
        lambda xp, q, k: xp.einsum("bhqd,bhkd->bhqk", q, k), **LOOSE),
    Row("einsum_rowdot", arrays([(1000, 1000), (1000, 1000)]),
        lambda xp, a, b: xp.einsum("ij,ij->i", a, b), **LOOSE),
    # The order matters: left to right builds a 1000x1000 intermediate,
    # contracting (jk,kl) first only a 10x10 one.
    Row("einsum_chain_order", arrays([(1000, 10), (10, 1000), (1000, 10)]),
        lambda xp, a, b, c: xp.einsum("ij,jk,kl->il", a, b, c),
        host=_einsum_chain_host, rtol=1e-3, atol=1e-2),
    Row("einsum_4operand", arrays([(64, 256), (256, 8), (8, 256), (256, 64)]),
        lambda xp, a, b, c, d: xp.einsum("ab,bc,cd,de->ae", a, b, c, d),
        host=_einsum4_host, rtol=1e-3, atol=1e-2),
]
# fmt: on

# The families after the foundation keep their rows in benchmarks/rows_<family>.py
# (COMPILED lists); they are appended here.
ROWS: list[Row] = _BASE + family_rows("COMPILED")
assert len({r.name for r in ROWS}) == len(ROWS)
