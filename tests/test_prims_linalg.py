"""The linear-algebra primitives (jaxwrap_extend/_prims/linalg.py) against
jax.lax.linalg.

One row per primitive call: how to make its inputs, the jaxwrap and jax calls
(same signature), and, for differentiable ones, a gauge-invariant view of the
outputs for check_grads (eigen/singular vectors are only defined up to a
phase).  The rows drive: values vs jax (eager and jit, every inexact dtype,
batched), vmap vs a loop, primitive purity of the primal / JVP / VJP jaxprs,
gradients (float64 and complex128), and the optimized HLO, which must be
jax's own (the lowering is the bridge to jax's kernels).
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.lax.linalg as jl
import numpy as np
import pytest
from jax._src.lax import linalg as jax_internal_linalg
from jax.test_util import check_grads

from jaxwrap_extend._prims import linalg as P
from jaxwrap_extend._prims import linalg_bridge
from tests.harness import NUM_CASES, assert_close, foreign_primitives

F32, F64, C64, C128 = (np.dtype(t) for t in (np.float32, np.float64, np.complex64,
                                               np.complex128))
DTYPES = (F32, F64, C64, C128)
TOL = {F32: 2e-4, F64: 1e-10, C64: 2e-4, C128: 1e-10, np.dtype(np.int32): 0}


def _gen(rng, shape, dtype):
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def general(shape):
    return lambda rng, dt: (_gen(rng, shape, dt),)


def hpd(shape):
    """Hermitian positive definite (well conditioned)."""
    def make(rng, dt):
        a = _gen(rng, shape, dt)
        n = shape[-1]
        return ((a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)).astype(dt),)
    return make


def triangular(shape_a, shape_b, lower):
    def make(rng, dt):
        a = _gen(rng, shape_a, dt)
        n = shape_a[-1]
        a = (np.tril(a) if lower else np.triu(a)) + 3 * np.eye(n, dtype=dt)
        return a.astype(dt), _gen(rng, shape_b, dt)
    return make


def tridiag(batch, m, k):
    def make(rng, dt):
        dl, d, du = (_gen(rng, batch + (m,), dt) for _ in range(3))
        d = (d + 4).astype(dt)
        dl[..., 0] = 0
        du[..., -1] = 0
        return dl, d, du, _gen(rng, batch + (m, k), dt)
    return make


def householder(rng, dt):
    a = _gen(rng, (2, 5, 3), dt)
    return a, (_gen(rng, (2, 2), dt) * 0.5).astype(dt)


def pivots(rng, dt):
    """LAPACK-style pivots for 4 steps on 6 rows: step i swaps row i with a row >= i."""
    del dt
    return (np.maximum(np.arange(4), rng.integers(0, 6, (2, 4))).astype(np.int32),)


def _abs2(v):
    return (v * np.conj(v)).real if isinstance(v, np.ndarray) else jax.numpy.real(v * v.conj())


def _proj(a, b):
    """a[..., :, :1] @ b[..., :1, :] (invariant under a phase shared by the pair)."""
    return a[..., :, :1] * b[..., :1, :]


class Row(NamedTuple):
    id: str
    make: Callable
    kwargs: dict
    ours: Callable
    theirs: Callable
    grad_view: Callable | None = None  # outputs -> gauge-invariant arrays (None: no grads)
    dtypes: tuple = DTYPES


def _eigh_view(out):
    v, w = out
    return w, _abs2(v), _proj(v, jax.numpy.conj(jax.numpy.swapaxes(v, -1, -2)))


def _svd_view(out):
    u, s, vh = out
    return s, _proj(u, vh), (u * s[..., None, :]) @ vh


ROWS = [
    Row("cholesky", hpd((2, 4, 4)), {}, P.cholesky, jl.cholesky, lambda L: L),
    Row("cholesky_nosym", hpd((4, 4)), {"symmetrize_input": False}, P.cholesky, jl.cholesky),
    Row("lu_square", general((2, 4, 4)), {}, P.lu, jl.lu, lambda o: o[0]),
    Row("lu_tall", general((5, 3)), {}, P.lu, jl.lu, lambda o: o[0]),
    Row("lu_wide", general((2, 3, 5)), {}, P.lu, jl.lu, lambda o: o[0]),
    Row("qr_reduced_tall", general((2, 5, 3)), {"full_matrices": False}, P.qr, jl.qr,
        lambda o: o),
    Row("qr_full_square", general((4, 4)), {}, P.qr, jl.qr, lambda o: o),
    Row("qr_full_tall", general((5, 3)), {}, P.qr, jl.qr),
    Row("qr_wide", general((3, 5)), {"full_matrices": False}, P.qr, jl.qr),
    Row("qr_pivoting", general((2, 5, 4)), {"pivoting": True, "full_matrices": False}, P.qr,
        jl.qr, lambda o: o[:2]),
    # jax.lax.linalg exports no geqrf: the peer is jax's internal one
    Row("geqrf_tall", general((2, 5, 3)), {}, P.geqrf, jax_internal_linalg.geqrf),
    Row("geqrf_wide", general((3, 5)), {}, P.geqrf, jax_internal_linalg.geqrf),
    Row("eigh", hpd((2, 4, 4)), {}, P.eigh, jl.eigh, _eigh_view),
    Row("eigh_upper", hpd((4, 4)), {"lower": False, "symmetrize_input": False}, P.eigh,
        jl.eigh),
    Row("eig_values", general((2, 4, 4)),
        {"compute_left_eigenvectors": False, "compute_right_eigenvectors": False}, P.eig,
        jl.eig, lambda o: o[0]),
    Row("eig_vectors", general((4, 4)), {}, P.eig, jl.eig),
    Row("svd_full", general((2, 4, 4)), {}, P.svd, jl.svd, _svd_view),
    Row("svd_reduced_tall", general((5, 3)), {"full_matrices": False}, P.svd, jl.svd,
        _svd_view),
    Row("svd_reduced_wide", general((2, 3, 5)), {"full_matrices": False}, P.svd, jl.svd,
        _svd_view),
    Row("svd_values", general((2, 5, 3)), {"compute_uv": False}, P.svd, jl.svd, lambda s: s),
    Row("schur", general((2, 4, 4)), {}, P.schur, jl.schur, None, (F32, F64)),
    Row("hessenberg", general((2, 4, 4)), {}, P.hessenberg, jl.hessenberg),
    Row("householder_product", householder, {}, P.householder_product,
        jl.householder_product),
    Row("tridiagonal", hpd((2, 4, 4)), {}, P.tridiagonal, jl.tridiagonal),
    Row("lu_pivots_to_permutation", pivots, {"permutation_size": 6},
        P.lu_pivots_to_permutation, jl.lu_pivots_to_permutation, None, (np.dtype(np.int32),)),
    Row("triangular_left_lower", triangular((2, 4, 4), (2, 4, 3), True),
        {"left_side": True, "lower": True}, P.triangular_solve, jl.triangular_solve,
        lambda x: x),
    Row("triangular_right_upper_t", triangular((4, 4), (3, 4), False),
        {"transpose_a": True}, P.triangular_solve, jl.triangular_solve, lambda x: x),
    Row("triangular_left_conj_unit", triangular((2, 4, 4), (2, 4, 2), False),
        {"left_side": True, "conjugate_a": True, "transpose_a": True, "unit_diagonal": True},
        P.triangular_solve, jl.triangular_solve, lambda x: x),
    Row("tridiagonal_solve", tridiag((2,), 5, 3), {}, P.tridiagonal_solve,
        jl.tridiagonal_solve, lambda x: x),
]
BY_ID = {r.id: r for r in ROWS}
GRAD_ROWS = [r.id for r in ROWS if r.grad_view is not None]


def _args(row, dtype, seed=0):
    return row.make(np.random.default_rng(seed), dtype)


def _call(fn, row):
    return lambda *a: fn(*a, **row.kwargs)


def _close(ours, theirs, dtype):
    assert_close(jax.tree.map(np.asarray, ours), jax.tree.map(np.asarray, theirs),
                 TOL[np.dtype(dtype)])


# --- independent references: numpy and the identities each factorization satisfies --------
# The bridge lowers to jax.lax.linalg's kernels, so "equals jax" alone is a self-comparison;
# every row is also checked against numpy or against the defining identities, in float64 /
# complex128 arithmetic on the host.
def _H(x):
    return np.conj(np.swapaxes(x, -1, -2))


def _eye(n, like):
    return np.broadcast_to(np.eye(n), like.shape[:-2] + (n, n))


def _triu_k(x, k, rows):
    return np.triu(x, k)[..., :rows, :]


def _householder_q(v, taus, m, shift=0):
    """Q = H_0 H_1 ... H_{k-1}, H_i = I - tau_i u u^H with u = e_{i+shift} plus the part of
    column i of ``v`` below row i+shift (LAPACK's representation), built by loops."""
    q = np.zeros(v.shape[:-2] + (m, m), np.complex128)
    for idx in np.ndindex(*v.shape[:-2]):
        Q = np.eye(m, dtype=np.complex128)
        for i in range(taus.shape[-1]):
            u = np.zeros(m, np.complex128)
            u[i + shift] = 1
            u[i + shift + 1:] = v[idx][i + shift + 1:, i]
            Q = Q @ (np.eye(m) - taus[idx][i] * np.outer(u, np.conj(u)))
        q[idx] = Q
    return q


def _perm_from_pivots(piv, size):
    perm = np.zeros(piv.shape[:-1] + (size,), np.int64)
    for idx in np.ndindex(*piv.shape[:-1]):
        p = np.arange(size)
        for i, j in enumerate(piv[idx]):
            p[[i, j]] = p[[j, i]]
        perm[idx] = p
    return perm


def _tri_op(a, kw):
    """op(A) as triangular_solve uses it: one triangle, unit diagonal, conj, transpose."""
    t = np.tril(a) if kw.get("lower", False) else np.triu(a)
    if kw.get("unit_diagonal", False):
        t = t - np.diagonal(t, axis1=-2, axis2=-1)[..., None] * _eye(a.shape[-1], a) + _eye(
            a.shape[-1], a)
    if kw.get("conjugate_a", False):
        t = np.conj(t)
    return np.swapaxes(t, -1, -2) if kw.get("transpose_a", False) else t


def _bands(dl, d, du):
    m = d.shape[-1]
    out = np.zeros(d.shape + (m,), np.result_type(d, np.complex128))
    i = np.arange(m)
    out[..., i, i] = d
    out[..., i[1:], i[:-1]] = dl[..., 1:]
    out[..., i[:-1], i[1:]] = du[..., :-1]
    return out


def _poly(w):
    """Characteristic-polynomial coefficients of each batch row of eigenvalues (order-free)."""
    return np.stack([np.poly(r) for r in w.reshape(-1, w.shape[-1])]).reshape(
        w.shape[:-1] + (w.shape[-1] + 1,))


def _identities(row_id, args, out, kw):
    """(name, got, want) triples that must agree for the row's inputs and outputs."""
    a = np.asarray(args[0], np.complex128)
    o = [np.asarray(v, np.complex128) if np.asarray(v).dtype.kind in "fc" else np.asarray(v)
         for v in jax.tree.leaves(out)]
    kind = row_id.split("_")[0]
    if kind == "cholesky":
        (L,) = o
        return [("L L^H = A", L @ _H(L), a), ("lower", np.triu(L, 1), 0 * L),
                ("numpy", L, np.linalg.cholesky(a))]
    if kind == "lu" and row_id != "lu_pivots_to_permutation":
        lu, piv, perm = o
        m, n = a.shape[-2:]
        k = min(m, n)
        L = np.tril(lu[..., :, :k], -1) + np.eye(m, k)
        U = np.triu(lu[..., :k, :])
        rows = np.take_along_axis(a, perm[..., :, None].astype(np.int64), axis=-2)
        return [("A[perm] = L U", L @ U, rows), ("pivots -> perm", perm,
                                                _perm_from_pivots(piv, m)),
                ("|L| <= 1 (partial pivoting)", np.minimum(np.abs(L), 1 + 1e-6), np.abs(L))]
    if kind == "qr":
        q, r = o[:2]
        target = a
        if kw.get("pivoting"):
            target = np.take_along_axis(a, o[2][..., None, :].astype(np.int64), axis=-1)
        return [("Q R = A", q @ r, target), ("Q^H Q = I", _H(q) @ q, _eye(q.shape[-1], q)),
                ("R upper", np.tril(r, -1), 0 * r)]
    if kind == "geqrf":
        v, taus = o
        m = a.shape[-2]
        q = _householder_q(v, taus, m)
        return [("Q triu(a) = A", q @ np.triu(v), a)]
    if kind == "householder":
        v, taus = a, np.asarray(args[1], np.complex128)
        return [("product of reflectors", o[0], _householder_q(v, taus, v.shape[-2])[
            ..., :, :v.shape[-1]])]
    if kind == "eigh":
        v, w = o
        return [("A V = V diag(w)", a @ v, v * w[..., None, :]),
                ("V^H V = I", _H(v) @ v, _eye(v.shape[-1], v)),
                ("numpy eigvalsh", w, np.linalg.eigvalsh(a))]
    if kind == "eig":
        checks = [("char. polynomial", _poly(o[0]), _poly(np.linalg.eigvals(a)))]
        if len(o) == 3:
            w, vl, vr = o
            checks += [("A vr = vr diag(w)", a @ vr, vr * w[..., None, :]),
                       ("vl^H A = diag(w) vl^H", _H(vl) @ a, w[..., :, None] * _H(vl))]
        return checks
    if kind == "svd":
        s_np = np.linalg.svd(a, compute_uv=False)
        if len(o) == 1:
            return [("numpy singular values", o[0], s_np)]
        u, s, vh = o
        k = s.shape[-1]
        return [("U S Vh = A", (u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :], a),
                ("numpy singular values", s, s_np),
                ("U^H U = I", _H(u) @ u, _eye(u.shape[-1], u)),
                ("Vh Vh^H = I", vh @ _H(vh), _eye(vh.shape[-2], vh))]
    if kind == "schur":
        t, z = o
        return [("Z T Z^H = A", z @ t @ _H(z), a), ("Z unitary", _H(z) @ z, _eye(z.shape[-1], z)),
                ("T quasi-triangular", np.tril(t, -2), 0 * t)]
    if kind == "hessenberg":
        h, taus = o
        q = _householder_q(h, taus, a.shape[-1], shift=1)
        H = np.triu(h, -1)
        return [("Q H Q^H = A", q @ H @ _H(q), a)]
    if row_id == "tridiagonal_solve":
        dl, d, du, b = (np.asarray(v, np.complex128) for v in args)
        return [("M X = B", _bands(dl, d, du) @ o[0], b)]
    if kind == "tridiagonal":
        packed, d, e, taus = o
        pad = 0 * e[..., :1]
        T = _bands(np.concatenate([pad, e], -1), d, np.concatenate([e, pad], -1))
        q = _householder_q(packed, taus, a.shape[-1], shift=1)  # lower: reflectors below
        return [("eigenvalues of tridiag(d, e)", np.linalg.eigvalsh(T), np.linalg.eigvalsh(a)),
                ("Q T Q^H = A", q @ T @ _H(q), a)]
    if row_id == "lu_pivots_to_permutation":
        return [("swaps", o[0], _perm_from_pivots(np.asarray(args[0]), kw["permutation_size"]))]
    if kind == "triangular":
        b = np.asarray(args[1], np.complex128)
        x = o[0]
        t = _tri_op(a, kw)
        return [("op(A) X = B" if kw.get("left_side") else "X op(A) = B",
                 t @ x if kw.get("left_side") else x @ t, b)]
    raise AssertionError(f"no independent reference for row {row_id}")


def _check_identities(row_id, args, out, kw, dtype):
    t = TOL[np.dtype(dtype)]
    for name, got, want in _identities(row_id, args, out, kw):
        got, want = np.asarray(got), np.asarray(want)
        scale = max(1.0, float(np.abs(want).max(initial=0)))
        # residuals of a product of O(1)-conditioned factors: absolute error ~ t * max|A|
        np.testing.assert_allclose(got, want, rtol=t, atol=t * scale,
                                   err_msg=f"{row_id}: {name}")


# --- values against jax (the same kernels) and the independent references -------------------
def _sample(dts, i, k):
    """``k`` of the dtypes ``dts``, rotating with the row index ``i`` (all if k >= len)."""
    return [dts[(i + j) % len(dts)] for j in range(min(k, len(dts)))]


# every row in every dtype is NUM_CASES >= 4; CI runs two per row, rotating
VALUE_CASES = [(r.id, dt) for i, r in enumerate(ROWS) for dt in _sample(r.dtypes, i, NUM_CASES - 1)]
GRAD_CASES = [(r, dt) for i, r in enumerate(GRAD_ROWS)
              for dt in _sample((F64, C128), i, NUM_CASES - 2)]


@pytest.mark.parametrize("row_id,dtype", VALUE_CASES, ids=[f"{r}-{d}" for r, d in VALUE_CASES])
def test_matches_jax(row_id, dtype):
    row = BY_ID[row_id]
    # 64-bit cases run with x64 on: off, their inputs would silently become 32-bit
    with jax.enable_x64(dtype in (F64, C128)):
        args = _args(row, dtype)
        expected = _call(row.theirs, row)(*args)
        out = _call(row.ours, row)(*args)
        _close(out, expected, dtype)
        _close(jax.jit(_call(row.ours, row))(*args), expected, dtype)
        # jax returns lists for eig/schur: compare structure loosely, dtypes exactly
        for o, e in zip(jax.tree.leaves(out), jax.tree.leaves(expected)):
            assert o.dtype == e.dtype and o.shape == e.shape
        inexact = [o.dtype for o in jax.tree.leaves(out) if np.dtype(o.dtype).kind in "fc"]
        # and the precision is the input's (float64 really is float64)
        assert all(np.finfo(d).dtype == np.finfo(dtype).dtype for d in inexact), (inexact, dtype)
        _check_identities(row_id, args, out, row.kwargs, dtype)


@pytest.mark.parametrize("row_id", list(BY_ID))
def test_vmap_matches_loop(row_id):
    row = BY_ID[row_id]
    stacked = [np.stack(parts, axis=1) for parts in zip(*(_args(row, F64, s) for s in range(3)))]
    fn = _call(row.ours, row)
    with jax.enable_x64(True):
        out = jax.jit(jax.vmap(fn, in_axes=1))(*stacked)
        for k in range(3):
            single = fn(*[np.take(a, k, axis=1) for a in stacked])
            got = jax.tree.map(lambda v, k=k: np.asarray(v)[k], out)
            _close(got, single, F64)
        # unbatched first operand (broadcast by the rule) for multi-operand primitives
        if len(stacked) > 1:
            first = np.take(stacked[0], 0, axis=1)
            out = jax.jit(jax.vmap(fn, in_axes=(None,) + (1,) * (len(stacked) - 1)))(
                first, *stacked[1:])
            for k in range(3):
                single = fn(first, *[np.take(a, k, axis=1) for a in stacked[1:]])
                _close(jax.tree.map(lambda v, k=k: np.asarray(v)[k], out), single, F64)


@pytest.mark.parametrize("row_id", list(BY_ID))
def test_purity(row_id):
    row = BY_ID[row_id]
    args = _args(row, F32)
    fn = _call(row.ours, row)
    assert not foreign_primitives(jax.make_jaxpr(fn)(*args))
    assert not foreign_primitives(jax.make_jaxpr(jax.vmap(fn))(*[a[None] for a in args]),
                                  vmapped=True)
    if row.grad_view is None:
        return
    def view(*a):  # the differentiable outputs, untouched (no jax ops of the test's own)
        return [o for o in jax.tree.leaves(fn(*a)) if np.dtype(o.dtype).kind in "fc"]

    tangents = tuple(np.ones_like(a) for a in args)
    assert not foreign_primitives(jax.make_jaxpr(
        lambda *a: jax.jvp(view, a, tangents))(*args))
    assert not foreign_primitives(jax.make_jaxpr(
        lambda *a: jax.vjp(view, *a)[1](view(*a)))(*args))


@pytest.mark.parametrize("row_id,dtype", GRAD_CASES, ids=[f"{r}-{d}" for r, d in GRAD_CASES])
def test_grads(row_id, dtype):
    row = BY_ID[row_id]
    fn = _call(row.ours, row)
    with jax.enable_x64(True):
        args = _args(row, dtype)
        check_grads(jax.jit(lambda *a: row.grad_view(fn(*a))), args, order=1, modes=("fwd", "rev"),
                    atol=1e-4, rtol=1e-4, eps=1e-5)


# --- the bridge: the optimized HLO is jax's -------------------------------------------------
_INSTR = re.compile(r"^\s*(?:ROOT\s+)?%\S+\s*=\s*(.+?)\s+([a-z][\w-]*)\(")


def hlo_ops(fn, *args) -> collections.Counter:
    """Multiset of (opcode, result type, custom-call target) of the optimized HLO
    (names and metadata differ between two traces of the same program)."""
    out: collections.Counter = collections.Counter()
    for line in jax.jit(fn).lower(*args).compile().as_text().splitlines():
        m = _INSTR.match(line)
        if m:
            target = re.search(r'custom_call_target="([^"]+)"', line)
            out[(m.group(2), re.sub(r"\{[^}]*\}", "", m.group(1)),
                 target.group(1) if target else "")] += 1
    return out


@pytest.mark.parametrize("row_id", ["cholesky", "lu_square", "qr_reduced_tall", "eigh",
                                    "svd_full", "triangular_left_lower", "tridiagonal_solve",
                                    "eig_vectors", "geqrf_tall"])
def test_hlo_is_jax(row_id):
    row = BY_ID[row_id]
    args = _args(row, F32)
    assert hlo_ops(_call(row.ours, row), *args) == hlo_ops(_call(row.theirs, row), *args)


def test_bridge_covers_every_primitive():
    from jaxwrap_extend._prims import registry
    names = {p.name for p in (P.cholesky_p, P.lu_p, P.qr_p, P.eigh_p, P.eig_p, P.svd_p,
                              P.schur_p, P.hessenberg_p, P.householder_product_p,
                              P.triangular_solve_p, P.tridiagonal_p, P.tridiagonal_solve_p,
                              P.lu_pivots_to_permutation_p, P.geqrf_p)}
    assert names == set(linalg_bridge.KERNELS)
    assert all(n in registry for n in names)


# --- bad input --------------------------------------------------------------------------------
_M = np.eye(3, dtype=np.float32)
ERRORS = [
    ("int dtype", lambda: P.cholesky(np.eye(3, dtype=np.int32)), TypeError, "int32"),
    ("float16", lambda: P.lu(np.eye(3, dtype=np.float16)), TypeError, "float16"),
    ("vector", lambda: P.qr(np.ones(3, np.float32)), ValueError, "at least 2 dimensions"),
    ("not square", lambda: P.eigh(np.ones((2, 3), np.float32)), ValueError, "square"),
    ("batch mismatch", lambda: P.triangular_solve(np.ones((2, 3, 3), np.float32),
                                                  np.ones((4, 3, 2), np.float32),
                                                  left_side=True), ValueError, "batch"),
    ("b shape", lambda: P.triangular_solve(_M, np.ones((4, 2), np.float32), left_side=True),
     ValueError, "b of shape"),
    ("dtype mix", lambda: P.triangular_solve(_M, np.ones((3, 2), np.complex64), left_side=True),
     TypeError, "dtypes"),
    ("subset range", lambda: P.eigh(_M, subset_by_index=(2, 1)), ValueError, "subset_by_index"),
    ("svd subset full", lambda: P.svd(_M, subset_by_index=(0, 1)), ValueError,
     "full_matrices"),
    ("tridiagonal dtype", lambda: P.tridiagonal_solve(
        np.ones(3, np.complex64), np.ones(3, np.float32), np.ones(3, np.float32),
        np.ones((3, 1), np.float32)), TypeError, "dl"),
    ("tridiagonal length", lambda: P.tridiagonal_solve(
        np.ones(2, np.float32), np.ones(3, np.float32), np.ones(3, np.float32),
        np.ones((3, 1), np.float32)), ValueError, "dl"),
    ("householder taus", lambda: P.householder_product(np.ones((3, 2), np.float32),
                                                       np.ones(3, np.float32)), ValueError,
     "m >= n >= k"),
]


@pytest.mark.parametrize("case", ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_input(case):
    _, call, exc, match = case
    with pytest.raises(exc, match=match):
        call()


UNDEFINED_DERIVATIVES = [
    ("eig vectors", lambda a: P.eig(a)[2], (3, 3)),
    ("svd full rectangular", lambda a: P.svd(a)[0], (4, 3)),
    ("schur", lambda a: P.schur(a)[0], (3, 3)),
    ("hessenberg", lambda a: P.hessenberg(a)[0], (3, 3)),
    ("geqrf", lambda a: P.geqrf(a)[0], (4, 3)),
]


@pytest.mark.parametrize("case", UNDEFINED_DERIVATIVES, ids=[c[0] for c in UNDEFINED_DERIVATIVES])
def test_undefined_derivatives_raise(case):
    _, fn, shape = case
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    fn(x)  # the primal works
    with pytest.raises(NotImplementedError, match="derivative"):
        jax.jvp(fn, (x,), (x,))


def test_degenerate_inputs_do_not_crash():
    eye = np.eye(3, dtype=np.float32)
    v, w = P.eigh(eye)
    np.testing.assert_allclose(np.asarray(w), 1.0)
    s = P.svd(np.zeros((3, 2), np.float32), compute_uv=False)
    np.testing.assert_array_equal(np.asarray(s), 0.0)
    assert np.isnan(np.asarray(P.cholesky(-eye))).any()  # not positive definite: nan
    lu_, _, _ = P.lu(np.zeros((3, 3), np.float32))
    np.testing.assert_array_equal(np.asarray(lu_), 0.0)
    x = P.triangular_solve(np.zeros((3, 3), np.float32), np.ones((3, 1), np.float32),
                           left_side=True, lower=True)
    assert not np.isfinite(np.asarray(x)).all()
