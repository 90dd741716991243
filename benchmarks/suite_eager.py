"""Suite (a): eager dispatch latency of common functions on small concrete arrays.

What is measured is the per-call overhead of a public function called outside
jit: argument handling, promotion, cache lookup and dispatch of the compiled
computation. Arrays are small (32x32 float32) so compute is negligible.
Target: the median over rows of (candidate time / jax.numpy time) <= 1.0.

Add a function by adding a row.
"""

from __future__ import annotations

import numpy as np

from benchmarks.table import Row, arrays, family_rows, mat, no_args

N = 32
M1 = mat(N, N)
M2 = arrays([(N, N), (N, N)])
POS = mat(N, N, positive=True)


# Conversion rows: host values are closed over (the runner would device_put any
# argument the setup returns), so each call converts them afresh.
_HOST = {dt: np.arange(N * N).reshape(N, N).astype(dt) for dt in
         ("float32", "float64", "int32", "int64", "uint8", "bool", "complex64")}
_LIST = [[0.5 * i + j for j in range(4)] for i in range(4)]


def _conversion_rows() -> list[Row]:
    rows = [
        Row("asarray_py_float", no_args, lambda xp: xp.asarray(1.5)),
        Row("asarray_py_int", no_args, lambda xp: xp.asarray(3)),
        Row("asarray_py_bool", no_args, lambda xp: xp.asarray(True)),
        Row("asarray_list", no_args, lambda xp: xp.asarray([1.0, 2.0, 3.0])),
        Row("asarray_nested_list", no_args, lambda xp: xp.asarray(_LIST)),
        Row("asarray_jax_passthrough", M1, lambda xp, x: xp.asarray(x)),
        Row("array_np_float32", no_args, lambda xp: xp.array(_HOST["float32"])),
        Row("add_np_array", M1, lambda xp, x: xp.add(x, _HOST["float32"])),
        Row("add_py_int", M1, lambda xp, x: xp.add(x, 2)),
        Row("add_np_scalar", M1, lambda xp, x: xp.add(x, np.float32(2.0))),
    ]
    for dt, a in _HOST.items():
        rows.append(Row(f"asarray_np_{dt}", no_args, lambda xp, a=a: xp.asarray(a)))
    return rows


def _where_setup(rng: np.random.Generator):
    x, y = arrays([(N, N), (N, N)])(rng)
    return (x > 0, x, y)


_BASE: list[Row] = [
    # elementwise, binary
    Row("add", M2, lambda xp, x, y: xp.add(x, y)),
    Row("add_python_scalar", M1, lambda xp, x: xp.add(x, 1.5)),
    Row("subtract", M2, lambda xp, x, y: xp.subtract(x, y)),
    Row("multiply", M2, lambda xp, x, y: xp.multiply(x, y)),
    Row("divide", arrays([(N, N), (N, N)], positive=True), lambda xp, x, y: xp.divide(x, y)),
    Row("maximum", M2, lambda xp, x, y: xp.maximum(x, y)),
    Row("greater", M2, lambda xp, x, y: xp.greater(x, y)),
    # elementwise, unary
    Row("sin", M1, lambda xp, x: xp.sin(x)),
    Row("exp", M1, lambda xp, x: xp.exp(x)),
    Row("log", POS, lambda xp, x: xp.log(x)),
    Row("sqrt", POS, lambda xp, x: xp.sqrt(x)),
    Row("abs", M1, lambda xp, x: xp.abs(x)),
    Row("tanh", M1, lambda xp, x: xp.tanh(x)),
    Row("where", _where_setup, lambda xp, c, x, y: xp.where(c, x, y)),
    Row("clip", M1, lambda xp, x: xp.clip(x, -0.5, 0.5)),
    # reductions and scans
    Row("sum", M1, lambda xp, x: xp.sum(x), rtol=1e-5, atol=1e-4),
    Row("sum_axis0", M1, lambda xp, x: xp.sum(x, axis=0), rtol=1e-5, atol=1e-4),
    Row("mean", M1, lambda xp, x: xp.mean(x), rtol=1e-5, atol=1e-5),
    Row("max", M1, lambda xp, x: xp.max(x)),
    Row("argmax", M1, lambda xp, x: xp.argmax(x)),
    Row("cumsum", M1, lambda xp, x: xp.cumsum(x, axis=0), atol=1e-4),
    # structure
    Row("reshape", M1, lambda xp, x: xp.reshape(x, (N * N,))),
    Row("transpose", M1, lambda xp, x: xp.transpose(x)),
    Row("concatenate", M2, lambda xp, x, y: xp.concatenate([x, y], axis=0)),
    Row("stack", M2, lambda xp, x, y: xp.stack([x, y])),
    Row("astype_int32", M1, lambda xp, x: xp.astype(x, xp.int32)),
    # linear algebra
    Row("matmul", M2, lambda xp, x, y: xp.matmul(x, y), rtol=1e-4, atol=1e-4),
    Row("dot_vector", arrays([(N,), (N,)]), lambda xp, x, y: xp.dot(x, y), atol=1e-4),
    # creation
    Row("zeros", no_args, lambda xp: xp.zeros((N, N), dtype=xp.float32)),
    Row("arange", no_args, lambda xp: xp.arange(N * N)),
    Row("ones_like", M1, lambda xp, x: xp.ones_like(x)),
    # conversion (the front door of every call)
    *_conversion_rows(),
]

# The families after the foundation keep their rows in benchmarks/rows_<family>.py
# (EAGER lists); they are appended here.
ROWS: list[Row] = _BASE + family_rows("EAGER")
assert len({r.name for r in ROWS}) == len(ROWS)
