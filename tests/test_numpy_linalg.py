"""jaxwrap.numpy.linalg against numpy.linalg (reference) and jax.numpy.linalg
(peer: values and dtypes), eagerly, under jit and vmap, with primitive purity
and numerical gradients (tests/harness.check).

One row per call: the function, its input maker, keywords, which references
apply, the gradient order.  Outputs that are only defined up to a phase
(eigenvectors, singular vectors) are compared through gauge-invariant views
(reconstructions, projectors) built with jaxwrap's own functions.  Rows run in
float32 / complex64 and, under ``jax.enable_x64``, float64 / complex128,
``JAXWRAP_NUM_CASES`` dtypes per row, rotating.

Then: reconstruction identities, singular / non-finite inputs, bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as wnp
from tests.harness import GRAD_MODES, NUM_CASES, assert_close, check, stable_seed

wl = wnp.linalg
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")

F32, F64, C64, C128 = (np.dtype(t) for t in (np.float32, np.float64, np.complex64,
                                               np.complex128))
INEXACT = (F32, C128, C64, F64)
REAL = (F32, F64)
TOL = {F32: 2e-4, C64: 2e-4, F64: 1e-9, C128: 1e-9}


# --- inputs -----------------------------------------------------------------------------------
def _gen(rng, shape, dt):
    x = rng.standard_normal(shape)
    if np.dtype(dt).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return np.asarray(x).astype(dt)


def mats(*shapes):
    """General matrices (well conditioned: a multiple of I added to square ones)."""
    def make(rng, dt):
        out = []
        for s in shapes:
            x = _gen(rng, s, dt)
            if len(s) >= 2 and s[-1] == s[-2]:
                x = (x + 3 * np.eye(s[-1])).astype(dt)
            out.append(x)
        return tuple(out)
    return make


def hpd(shape):
    def make(rng, dt):
        a = _gen(rng, shape, dt)
        n = shape[-1]
        return ((a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)).astype(dt),)
    return make


def _mH(x):
    return wnp.conj(wnp.swapaxes(x, -1, -2))


def _npH(x):
    return np.conj(np.swapaxes(x, -1, -2))


# gauge-invariant views (jaxwrap functions only, so purity holds)
def eigh_view(a, **kw):
    w, v = wl.eigh(a, **kw)
    return w, wnp.matmul(wnp.multiply(v, wnp.expand_dims(w, -2)), _mH(v))


def np_eigh_view(a, **kw):
    w, v = np.linalg.eigh(a)
    return w, (v * w[..., None, :]) @ _npH(v)


def svd_view(a):
    u, s, vh = wl.svd(a, full_matrices=False)
    k = s.shape[-1]
    first = np.eye(k, 1, dtype=s.dtype)  # selects u[..., :, 0] / vh[..., 0, :] by a product
    return s, wnp.matmul(wnp.multiply(u, wnp.expand_dims(s, -2)), vh), \
        wnp.matmul(wnp.matmul(u, first), wnp.matmul(first.T, vh))


def np_svd_view(a):
    u, s, vh = np.linalg.svd(a, full_matrices=False)
    return s, (u * s[..., None, :]) @ vh, u[..., :, :1] * vh[..., :1, :]


class Row(NamedTuple):
    id: str
    fn: Callable
    ref: Callable | None
    peer: Callable | None
    make: Callable
    kwargs: dict = {}
    grad: int = 0
    dtypes: tuple = INEXACT
    tol: float = 1.0  # scales TOL
    vmap: bool = True


def _plain(fn):
    """``fn`` with namedtuple results as plain tuples (the harness rebuilds tuples
    positionally)."""
    def wrapped(*args, **kwargs):
        out = fn(*args, **kwargs)
        return tuple(out) if isinstance(out, tuple) else out
    wrapped.__name__ = getattr(fn, "__name__", "fn")
    return wrapped


def _r(id, name, make, kwargs=None, grad=0, dtypes=INEXACT, tol=1.0, vmap=True, peer=True):
    return Row(id, _plain(getattr(wl, name)), getattr(np.linalg, name),
               _plain(getattr(jnp.linalg, name)) if peer else None, make, kwargs or {}, grad,
               dtypes, tol, vmap)


ROWS = [
    _r("solve_vector", "solve", mats((4, 4), (4,)), grad=1),
    _r("solve_batched", "solve", mats((2, 3, 3), (2, 3, 2)), grad=1),
    _r("solve_broadcast", "solve", mats((2, 3, 3), (3, 2))),
    _r("inv", "inv", mats((2, 4, 4)), grad=1),
    _r("det", "det", mats((2, 3, 3)), grad=1),
    _r("slogdet", "slogdet", mats((3, 3)), grad=1),
    _r("cholesky", "cholesky", hpd((2, 3, 3)), grad=1),
    _r("cholesky_upper", "cholesky", hpd((3, 3)), {"upper": True}),
    Row("eigh", eigh_view, np_eigh_view, None, hpd((2, 4, 4)), grad=1, tol=10),
    _r("eigvalsh", "eigvalsh", hpd((2, 4, 4)), grad=1, tol=10),
    _r("eigvalsh_upper", "eigvalsh", hpd((4, 4)), {"UPLO": "U"}, tol=10),
    Row("svd", svd_view, np_svd_view, None, mats((2, 4, 3)), grad=1, tol=10),
    Row("svd_wide", svd_view, np_svd_view, None, mats((3, 5)), grad=1, tol=10),
    _r("svdvals", "svdvals", mats((2, 3, 5)), grad=1, tol=10),
    _r("svd_values", "svd", mats((4, 3)), {"compute_uv": False}, tol=10),
    _r("qr_reduced", "qr", mats((5, 3)), grad=1, tol=10),
    _r("qr_complete", "qr", mats((2, 5, 3)), {"mode": "complete"}, tol=10),
    _r("qr_r", "qr", mats((2, 3, 5)), {"mode": "r"}, tol=10),
    _r("qr_raw_tall", "qr", mats((2, 5, 3)), {"mode": "raw"}, tol=10),
    _r("qr_raw_wide", "qr", mats((3, 5)), {"mode": "raw"}, tol=10),
    Row("lstsq", lambda a, b: wl.lstsq(a, b)[:2], lambda a, b: np.linalg.lstsq(a, b)[:2],
        lambda a, b: jnp.linalg.lstsq(a, b)[:2], mats((5, 3), (5, 2)), grad=1, tol=10,
        vmap=True),
    Row("lstsq_rank_s", lambda a, b: wl.lstsq(a, b, rcond=1e-3)[2:],
        lambda a, b: np.linalg.lstsq(a, b, rcond=1e-3)[2:],
        # the peer sets the rank's dtype: jax's default int (numpy's is always int32)
        lambda a, b: jnp.linalg.lstsq(a, b, rcond=1e-3)[2:], mats((5, 3), (5,)), tol=10),
    _r("pinv", "pinv", mats((2, 4, 3)), grad=1, tol=10),
    _r("matrix_rank", "matrix_rank", mats((2, 4, 3)), vmap=False),
    _r("cond", "cond", mats((2, 3, 3)), tol=10),
    _r("cond_1", "cond", mats((3, 3)), {"p": 1}, tol=10),
    _r("cond_fro", "cond", mats((3, 3)), {"p": "fro"}, tol=10),
    _r("norm_all", "norm", mats((2, 3, 4)), grad=1),
    _r("norm_vec_1", "norm", mats((5,)), {"ord": 1}),
    _r("norm_vec_inf_axis", "norm", mats((3, 4)), {"ord": np.inf, "axis": 0}),
    _r("norm_vec_3_keep", "norm", mats((3, 4)), {"ord": 3, "axis": 1, "keepdims": True},
       grad=1),
    _r("norm_vec_0", "norm", mats((3, 4)), {"ord": 0, "axis": -1}),
    _r("norm_vec_-inf", "norm", mats((3, 4)), {"ord": -np.inf, "axis": -1}),
    _r("norm_mat_fro", "norm", mats((2, 3, 4)), {"ord": "fro", "axis": (1, 2)}),
    _r("norm_mat_nuc", "norm", mats((2, 3, 4)), {"ord": "nuc", "axis": (2, 0)}, tol=10,
       grad=1),
    _r("norm_mat_2", "norm", mats((3, 4)), {"ord": 2}, tol=10),
    _r("norm_mat_-2_keep", "norm", mats((2, 3, 3)), {"ord": -2, "axis": (-1, -2),
                                                     "keepdims": True}, tol=10),
    _r("norm_mat_1", "norm", mats((2, 3, 4)), {"ord": 1, "axis": (1, 2)}),
    _r("norm_mat_-inf_keep", "norm", mats((2, 3, 4)), {"ord": -np.inf, "axis": (0, 2),
                                                       "keepdims": True}),
    _r("vector_norm", "vector_norm", mats((2, 3, 4)), {"ord": 3, "axis": (0, 2)}),
    _r("vector_norm_all", "vector_norm", mats((2, 3)), {}, grad=1),
    _r("matrix_norm_nuc", "matrix_norm", mats((2, 3, 4)), {"ord": "nuc"}, tol=10),
    _r("matrix_norm_inf", "matrix_norm", mats((2, 3, 4)), {"ord": np.inf, "keepdims": True}),
    _r("matrix_power_5", "matrix_power", mats((2, 3, 3)), {"n": 5}, grad=1, tol=10),
    _r("matrix_power_-2", "matrix_power", mats((3, 3)), {"n": -2}, tol=10),
    _r("matrix_power_0", "matrix_power", mats((2, 3, 3)), {"n": 0}),
    Row("multi_dot", lambda a, b, c, d: wl.multi_dot([a, b, c, d]),
        lambda a, b, c, d: np.linalg.multi_dot([a, b, c, d]),
        lambda a, b, c, d: jnp.linalg.multi_dot([a, b, c, d]),
        mats((4,), (4, 6), (6, 2), (2, 3)), grad=1, vmap=False),
    _r("cross", "cross", mats((2, 3), (4, 1, 3)), grad=1),
    _r("cross_axis", "cross", mats((3, 2), (3, 2)), {"axis": 0}),
    _r("diagonal", "diagonal", mats((2, 3, 4)), {"offset": 1}),
    _r("trace", "trace", mats((2, 4, 3)), {"offset": -1}, grad=1),
    _r("outer", "outer", mats((3,), (4,))),
    _r("tensordot", "tensordot", mats((2, 3, 4), (3, 4, 5)), {"axes": 2}),
    _r("vecdot", "vecdot", mats((2, 3), (2, 3))),
    _r("matmul", "matmul", mats((2, 3, 4), (4, 2))),
    _r("matrix_transpose", "matrix_transpose", mats((2, 3, 4))),
    _r("tensorinv", "tensorinv", mats((4, 2, 2)), {"ind": 1}, grad=1, tol=10),
    _r("tensorsolve", "tensorsolve", mats((2, 3, 6), (2, 3)), tol=10),
]
BY_ID = {r.id: r for r in ROWS}


def _sample(dts, i, k):
    return [dts[(i + j) % len(dts)] for j in range(min(k, len(dts)))]


# CI (NUM_CASES=3): one dtype per row, rotating; NUM_CASES >= 6: all four
CASES = [(r.id, dt) for i, r in enumerate(ROWS)
         for dt in _sample(r.dtypes, i, max(1, NUM_CASES - 2))]


@pytest.mark.parametrize("row_id,dtype", CASES, ids=[f"{r}-{d}" for r, d in CASES])
def test_against_numpy_and_jax(row_id, dtype):
    row = BY_ID[row_id]
    wide = np.dtype(dtype).itemsize >= (8 if np.dtype(dtype).kind == "f" else 16)
    tol = {d: t * row.tol for d, t in TOL.items()}
    with jax.enable_x64(wide):
        args = row.make(np.random.default_rng(stable_seed(row_id)), dtype)
        # the gradient check runs once per row (first sampled dtype), in float64
        first = CASES[[c[0] for c in CASES].index(row_id)][1] == dtype
        check(row.fn, row.ref, args, kwargs=row.kwargs, peer=row.peer, tol=tol,
              grad=row.grad if first else 0, vmap=row.vmap, grad_tol=1e-4)


# --- reconstruction identities ----------------------------------------------------------------
def _x64_args(shape, dt, seed=0):
    return _gen(np.random.default_rng(seed), shape, dt)


@pytest.mark.parametrize("dtype", (F64, C128), ids=str)
@pytest.mark.parametrize("shape", [(4, 4), (2, 5, 3), (3, 6)], ids=str)
def test_decomposition_identities(shape, dtype):
    with jax.enable_x64(True):
        a = _x64_args(shape, dtype)
        eye = lambda n: np.eye(n)  # noqa: E731
        q, r = wl.qr(a)
        np.testing.assert_allclose(np.asarray(q) @ np.asarray(r), a, atol=1e-10)
        np.testing.assert_allclose(np.triu(np.asarray(r)), np.asarray(r), atol=0)
        q, r = wl.qr(a, mode="complete")
        np.testing.assert_allclose(_npH(np.asarray(q)) @ np.asarray(q), eye(shape[-2]) +
                                   0 * np.asarray(q)[..., :1, :1], atol=1e-10)
        u, s, vh = wl.svd(a)
        k = min(shape[-2:])
        rec = (np.asarray(u)[..., :, :k] * np.asarray(s)[..., None, :]) @ np.asarray(vh)[..., :k, :]
        np.testing.assert_allclose(rec, a, atol=1e-10)
        np.testing.assert_allclose(np.asarray(s), np.linalg.svd(a, compute_uv=False), atol=1e-10)
        if shape[-1] == shape[-2]:
            w, v = wl.eig(a)
            v, w = np.asarray(v), np.asarray(w)
            np.testing.assert_allclose(a @ v, v * w[..., None, :], atol=1e-9)
            np.testing.assert_allclose(np.sort_complex(np.asarray(wl.eigvals(a))),
                                       np.sort_complex(np.linalg.eigvals(a)), atol=1e-9)
            h = a @ _npH(a)
            w, v = wl.eigh(h)
            v, w = np.asarray(v), np.asarray(w)
            np.testing.assert_allclose(h @ v, v * w[..., None, :], atol=1e-9)
            x = wl.solve(a, a)
            np.testing.assert_allclose(np.asarray(x), np.broadcast_to(eye(shape[-1]), x.shape),
                                       atol=1e-9)
            np.testing.assert_allclose(np.asarray(wl.inv(a)) @ a, eye(shape[-1]), atol=1e-9)
            sign, logdet = wl.slogdet(a)
            np.testing.assert_allclose(np.asarray(sign) * np.exp(np.asarray(logdet)),
                                       np.linalg.det(a), rtol=1e-9)


# --- derivatives that need care ---------------------------------------------------------------
def test_det_gradient_of_singular_matrix():
    # Jacobi's formula through the adjugate: finite where A^-1 does not exist
    with jax.enable_x64(True):
        a = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])
        g = jax.grad(wl.det)(a)
        np.testing.assert_allclose(np.asarray(g), np.asarray(jax.grad(jnp.linalg.det)(a)),
                                   atol=1e-9)
        adj = np.array([[np.linalg.det(np.delete(np.delete(a, i, 0), j, 1)) * (-1) ** (i + j)
                         for j in range(3)] for i in range(3)])
        np.testing.assert_allclose(np.asarray(g), adj, atol=1e-9)


def test_complex_gradients():
    from jax.test_util import check_grads
    with jax.enable_x64(True):
        rng = np.random.default_rng(1)
        a = _gen(rng, (3, 3), C128) + 3 * np.eye(3)
        b = _gen(rng, (3, 2), C128)
        for f, args in [(wl.solve, (a, b)), (wl.inv, (a,)), (wl.det, (a,)),
                        (lambda x: wl.slogdet(x)[1], (a,)), (wl.pinv, (a[:, :2],)),
                        (lambda x: wl.eigvalsh(x @ x.conj().T), (a,)), (wl.svdvals, (a,))]:
            # reverse mode (JVP rules, then their transposes) in CI; forward mode too in a
            # deep run, as the harness does (tests/harness.py: GRAD_MODES)
            check_grads(jax.jit(f), args, order=1, modes=GRAD_MODES, atol=1e-5, rtol=1e-5)


def test_degenerate_eigenvalues_have_undefined_vector_derivatives():
    # documented: the eigenvalues are differentiable, the vectors are not (inf/nan)
    eye = np.eye(3, dtype=np.float32)
    g = jax.jacfwd(lambda a: wl.eigh(a).eigenvalues)(eye)
    assert np.isfinite(np.asarray(g)).all()
    gv = jax.jacfwd(lambda a: wl.eigh(a).eigenvectors)(eye)
    assert not np.isfinite(np.asarray(gv)).all()


# --- singular, non-finite and ill-conditioned input -------------------------------------------
Z = np.zeros((3, 3), np.float32)
NAN = np.full((3, 3), np.nan, np.float32)
HILBERT = (1.0 / (np.arange(8)[:, None] + np.arange(8)[None, :] + 1)).astype(np.float32)


@pytest.mark.parametrize("name", ["solve", "inv", "det", "slogdet", "cholesky", "eigh", "svd",
                                  "qr", "pinv", "lstsq", "matrix_rank", "cond", "norm", "eig"])
@pytest.mark.parametrize("x", [Z, NAN, HILBERT], ids=["zeros", "nan", "hilbert"])
def test_never_crashes(name, x):
    fn = getattr(wl, name)
    args = (x, np.ones(x.shape[0], np.float32)) if name in ("solve", "lstsq") else (x,)
    out = jax.tree.leaves(fn(*args))  # eager calls are compiled: this is the jit path too
    expected = jax.tree.leaves(jax.eval_shape(getattr(jnp.linalg, name), *args))
    assert [o.shape for o in out] == [e.shape for e in expected]


def test_singular_semantics():
    # jax.numpy's (documented): no exception, values like jax / numpy's limits
    s, logdet = wl.slogdet(Z)
    assert float(s) == 0 and float(logdet) == -np.inf
    assert float(wl.det(Z)) == 0
    assert not np.isfinite(np.asarray(wl.inv(Z))).all()
    assert not np.isfinite(np.asarray(wl.solve(Z, np.ones(3, np.float32)))).all()
    assert float(wl.cond(Z)) == np.inf or np.isnan(float(wl.cond(Z)))
    assert float(wl.cond(Z, 1)) == np.inf
    assert int(wl.matrix_rank(Z)) == 0
    np.testing.assert_array_equal(np.asarray(wl.pinv(Z)), 0)
    assert np.isnan(np.asarray(wl.cholesky(-np.eye(2, dtype=np.float32)))).any()
    # float32 (x64 is off): cond(H4) = 1.6e4, so a backward-stable pinv is good to about
    # cond * eps = 1e-3 relative; measured 3.4e-5 elementwise against numpy's float32 SVD
    # (and 2.6e-5 against the exact inverse): 2e-4 leaves a margin of 6.
    got = wl.pinv(HILBERT[:4, :4].astype(np.float32))
    assert got.dtype == np.float32
    np.testing.assert_allclose(np.asarray(got),
                               np.linalg.pinv(HILBERT[:4, :4].astype(np.float32), rcond=4e-6),
                               rtol=2e-4)


def test_numpy_resid_rule():
    a = np.ones((3, 2), np.float32)  # rank 1 < n: numpy gives empty residuals
    b = np.arange(3, dtype=np.float32)
    assert wl.lstsq(a, b, numpy_resid=True)[1].shape == np.linalg.lstsq(a, b)[1].shape == (0,)
    assert wl.lstsq(a, b)[1].shape == (1,)


def test_result_types():
    a = np.eye(3, dtype=np.float32) * 2
    assert type(wl.eigh(a)).__name__ == "EighResult"
    assert isinstance(wl.svd(a), type(np.linalg.svd(a)))
    assert isinstance(wl.qr(a), type(np.linalg.qr(a)))
    assert isinstance(wl.slogdet(a), type(np.linalg.slogdet(a)))
    assert isinstance(wl.eig(a), type(np.linalg.eig(a)))
    assert issubclass(wl.LinAlgError, ValueError) and wl.LinAlgError is np.linalg.LinAlgError
    ints = np.eye(2, dtype=np.int32)
    assert wl.inv(ints).dtype == jnp.linalg.inv(ints).dtype


# --- bad input --------------------------------------------------------------------------------
_V3 = np.ones(3, np.float32)
_R23 = np.ones((2, 3), np.float32)
ERRORS = [
    ("inv 1-d", lambda: wl.inv(_V3), wl.LinAlgError, "inv.*a must have at least 2"),
    ("det not square", lambda: wl.det(_R23), wl.LinAlgError, "det.*square"),
    ("solve b shape", lambda: wl.solve(np.eye(3), np.ones((2, 2))), ValueError, "solve.*b"),
    ("solve vector b", lambda: wl.solve(np.eye(3), np.ones(2)), ValueError, "solve.*b"),
    ("cholesky not square", lambda: wl.cholesky(_R23), wl.LinAlgError, "cholesky.*square"),
    ("eigh UPLO", lambda: wl.eigh(np.eye(2), UPLO="X"), ValueError, "UPLO"),
    ("qr mode", lambda: wl.qr(np.eye(2), mode="fast"), ValueError, "mode"),
    ("slogdet method", lambda: wl.slogdet(np.eye(2), method="cholesky"), ValueError, "method"),
    ("norm vector ord", lambda: wl.norm(_V3, "fro"), ValueError, "order"),
    ("norm matrix ord", lambda: wl.norm(np.eye(2), 3), ValueError, "order"),
    ("norm ndim", lambda: wl.norm(np.ones((2, 2, 2)), 2), ValueError, "dimensions"),
    ("norm axis", lambda: wl.norm(np.eye(2), axis=(0, 1, 1)), ValueError, "axis"),
    ("norm axis range", lambda: wl.norm(np.eye(2), axis=3), np.exceptions.AxisError, "axis"),
    ("matrix_power n", lambda: wl.matrix_power(np.eye(2), 1.5), TypeError, "n"),
    ("matrix_power square", lambda: wl.matrix_power(_R23, 2), wl.LinAlgError, "square"),
    ("multi_dot one", lambda: wl.multi_dot([np.eye(2)]), ValueError, "two"),
    ("multi_dot shapes", lambda: wl.multi_dot([np.eye(2), np.eye(3)]), ValueError, "aligned"),
    ("cross size", lambda: wl.cross(np.ones(2), np.ones(2)), ValueError, "size 3"),
    ("outer 2-d", lambda: wl.outer(np.eye(2), np.ones(2)), ValueError, "1-dimensional"),
    ("lstsq rows", lambda: wl.lstsq(np.ones((3, 2)), np.ones(4)), wl.LinAlgError, "rows"),
    ("lstsq ndim", lambda: wl.lstsq(np.ones((2, 3, 2)), np.ones(3)), wl.LinAlgError,
     "two-dimensional"),
    ("pinv both", lambda: wl.pinv(np.eye(2), rcond=0.1, rtol=0.1), ValueError, "rcond"),
    ("matrix_rank both", lambda: wl.matrix_rank(np.eye(2), tol=0.1, rtol=0.1), ValueError,
     "tol"),
    ("tensorinv", lambda: wl.tensorinv(np.ones((2, 3)), ind=1), wl.LinAlgError, "square"),
    ("tensorsolve", lambda: wl.tensorsolve(np.ones((2, 3)), np.ones(2)), wl.LinAlgError,
     "square"),
    ("cond p", lambda: wl.cond(_R23, 1), wl.LinAlgError, "square"),
    ("not an array", lambda: wl.det("abc"), TypeError, "det"),
]


@pytest.mark.parametrize("case", ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_input(case):
    _, call, exc, match = case
    with pytest.raises(exc, match=match):
        call()


def test_vmap_and_jit_match_eager_for_solve_with_unbatched_matrix():
    rng = np.random.default_rng(0)
    a = _gen(rng, (3, 3), F32) + 3 * np.eye(3, dtype=np.float32)
    bs = _gen(rng, (5, 3), F32)
    out = jax.jit(jax.vmap(wl.solve, in_axes=(None, 0)))(a, bs)
    assert_close(out, np.stack([np.linalg.solve(a, b) for b in bs]), 1e-4)


@pytest.mark.parametrize("a_shape,b_shape", [((0, 1, 1), (0, 1, 1)), ((1, 1), (0, 1, 1)),
                                             ((2, 2), (2, 0)), ((0, 3, 3), (3,))])
def test_solve_empty_batches_and_columns(a_shape, b_shape):
    # zero-size batches or right-hand sides give empty results, like numpy / jax.numpy
    a = np.broadcast_to(np.eye(a_shape[-1], dtype=np.float32), a_shape)
    b = np.ones(b_shape, np.float32)
    got = wnp.linalg.solve(a, b)
    assert got.shape == np.linalg.solve(a, b).shape == jnp.linalg.solve(a, b).shape
