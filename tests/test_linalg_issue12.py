"""Issue 12's linear-algebra items, each against numpy / scipy / jax.numpy 0.10.2
(or finite differences for derivatives): singular sqrtm, lstsq of a zero
matrix, qr derivatives for wide input and the complete Q, pinv's JVP memory,
det's gradient on 1x1 matrices, batched cho_solve / rsf2csf / qr_multiply,
funm's compile cache, solve_sylvester(method=, tol=) under jit,
slogdet(method='qr') and polar(method='qdwh').

Compiles dominate the run time, so every check batches its cases into one call.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.linalg as JL
import numpy as np
import pytest
import scipy.linalg as SL

import jaxwrap.numpy as wnp
import jaxwrap.scipy.linalg as L
from tests.harness import assert_close, assert_pure

wl = wnp.linalg
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def _rand(rng, shape, complex_=False):
    x = rng.standard_normal(shape)
    return x + 1j * rng.standard_normal(shape) if complex_ else x


# --- 1. sqrtm of singular matrices ---------------------------------------------------------
def test_sqrtm_singular():
    # a zero eigenvalue: the Denman-Beavers iteration needs inverses, so these take the
    # Schur route; a repeated zero eigenvalue needs the 0/0 case of the recurrence
    mats = np.stack([np.diag([0.0, 1.0, 4.0]), np.diag([0.0, 0.0, 4.0]),
                     np.array([[4.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 9.0]]),
                     np.outer([1.0, 2.0, 1.0], [1.0, 0.5, 2.0]),     # rank one
                     np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 1.0]])])
    with jax.enable_x64(True):
        got = L.sqrtm(mats)
        want = np.stack([np.asarray(JL.sqrtm(m)) for m in mats[:4]])
        # the Schur-based root: a few ulps of the largest entry after n^2 products
        assert_close(got[:4], want, tol=1e-12, check_dtype=np.complex128)
        assert_close(got[:4] @ got[:4], mats[:4].astype(complex), tol=1e-12)
        # a nilpotent Jordan block has no square root: NaN (as jax)
        assert np.isnan(np.asarray(got[4])).all()
    got32 = L.sqrtm(mats[:1].astype(np.float32))
    assert_close(got32, want[:1].astype(np.complex64), check_dtype=np.complex64)


# --- 2. lstsq of a zero matrix --------------------------------------------------------------
def test_lstsq_zero_matrix():
    with jax.enable_x64(True):
        for shape in [(3, 2), (2, 3)]:
            a, b = np.zeros(shape), np.arange(1.0, shape[0] + 1)
            x, res, rank, s = wl.lstsq(a, b)
            xj, resj, rankj, sj = jnp.linalg.lstsq(a, b)
            assert_close(x, xj, check_dtype=np.float64)
            assert_close(res, resj, check_dtype=np.float64)
            assert int(rank) == int(rankj) == 0
            assert_close(x, np.linalg.lstsq(a, b)[0])


# --- 3. qr derivatives: wide input, complete Q ---------------------------------------------
QR_CASES = [((2, 3, 5), "reduced", False), ((3, 5), "complete", True), ((6, 3), "complete", True),
            ((2, 5, 2), "complete", False)]


def _fd(f, x, t, h=1e-6):
    """Central difference of ``f`` at ``x`` along ``t`` (error O(h^2) ~ 1e-12 here)."""
    return jax.tree.map(lambda p, m: (p - m) / (2 * h), f(x + h * t), f(x - h * t))


@pytest.mark.parametrize("shape,mode,cplx", QR_CASES, ids=[f"{s}-{m}-{c}" for s, m, c in QR_CASES])
def test_qr_jvp_wide_and_complete(shape, mode, cplx):
    rng = np.random.default_rng(12)
    x, t = _rand(rng, shape, cplx), _rand(rng, shape, cplx)
    with jax.enable_x64(True):
        def f(a):
            return tuple(wl.qr(a, mode=mode))
        _, dw = jax.jvp(f, (x,), (t,))
        _, dj = jax.jvp(lambda a: tuple(jnp.linalg.qr(a, mode=mode)), (x,), (t,))
        for got, want, fd in zip(dw, dj, _fd(f, x, t)):
            assert_close(got, want, tol=1e-12, check_dtype=want.dtype)
            # finite differences: truncation h^2 and rounding eps/h, about 1e-9 here
            assert_close(got, fd, tol=1e-7)


def test_qr_grad_wide_pivoted_and_complete():
    rng = np.random.default_rng(13)
    w = np.arange(25.0).reshape(5, 5) / 25
    with jax.enable_x64(True):
        tall, wide = rng.standard_normal((5, 2)), rng.standard_normal((2, 4))
        g = jax.grad(lambda a: (wl.qr(a, mode="complete")[0] ** 2 * w).sum())(tall)
        gj = jax.grad(lambda a: (jnp.linalg.qr(a, mode="complete")[0] ** 2 * w).sum())(tall)
        assert_close(g, gj, tol=1e-12, check_dtype=np.float64)
        # column pivoting on a wide input (scipy.linalg.qr): against finite differences
        t = rng.standard_normal(wide.shape)

        def f(a):
            q, r, _ = L.qr(a, pivoting=True)
            return q, r
        _, d = jax.jvp(f, (wide,), (t,))
        for got, fd in zip(d, _fd(f, wide, t)):
            assert_close(got, fd, tol=1e-7)   # finite differences, as above


# --- 4. pinv's JVP in O(m n) memory ---------------------------------------------------------
def _largest_intermediate(jaxpr) -> int:
    best = 0
    for eqn in jaxpr.eqns:
        for v in eqn.outvars:
            best = max(best, int(np.prod(getattr(v.aval, "shape", ()))))
        for p in eqn.params.values():
            inner = getattr(p, "jaxpr", None)
            if inner is not None:
                best = max(best, _largest_intermediate(getattr(inner, "jaxpr", inner)))
    return best


@pytest.mark.parametrize("shape", [(400000, 2), (2, 400000)])
def test_pinv_jvp_memory(shape):
    # tracing only: before the fix the tangent formed a 400000 x 400000 matrix (1.28 TB)
    x = jax.ShapeDtypeStruct(shape, np.float32)
    fwd = jax.make_jaxpr(lambda a: jax.jvp(wl.pinv, (a,), (a,)))(x)
    rev = jax.make_jaxpr(jax.grad(lambda a: wl.pinv(a).sum()))(x)
    assert _largest_intermediate(fwd.jaxpr) <= 400000 * 2
    assert _largest_intermediate(rev.jaxpr) <= 400000 * 2


def test_pinv_jvp_values():
    rng = np.random.default_rng(4)
    with jax.enable_x64(True):
        for shape in [(2, 3, 5)]:   # tall input: test_numpy_linalg's pinv gradient row
            x, t = rng.standard_normal(shape), rng.standard_normal(shape)
            _, got = jax.jvp(wl.pinv, (x,), (t,))
            _, want = jax.jvp(jnp.linalg.pinv, (x,), (t,))
            assert_close(got, want, tol=1e-12, check_dtype=np.float64)


# --- 5. det's gradient on 1x1 matrices ------------------------------------------------------
def test_det_grad_1x1():
    a = np.array([[[2.0]], [[-3.0]]], np.float32)
    g = jax.grad(lambda x: wl.det(x).sum())(a)
    assert_close(g, jax.grad(lambda x: jnp.linalg.det(x).sum())(a), check_dtype=np.float32)


# --- 6. batching in scipy.linalg ------------------------------------------------------------
def test_batched_cho_solve_rsf2csf_qr_multiply():
    rng = np.random.default_rng(6)
    with jax.enable_x64(True):
        s = rng.standard_normal((2, 3, 3))
        spd = s @ s.transpose(0, 2, 1) + 3 * np.eye(3)
        c, b = np.linalg.cholesky(spd), rng.standard_normal((2, 3, 2))
        assert_close(L.cho_solve((c, True), b), JL.cho_solve((c, True), b), tol=1e-12,
                     check_dtype=np.float64)
        # rsf2csf on stacked real Schur forms (one per matrix, from scipy)
        a = rng.standard_normal((3, 4, 4))
        tz = [SL.schur(m) for m in a]
        t, z = np.stack([p[0] for p in tz]), np.stack([p[1] for p in tz])
        got, want = L.rsf2csf(t, z), JL.rsf2csf(t, z)
        for g, w in zip(got, want):
            assert_close(g, w, tol=1e-12, check_dtype=np.complex128)
        # qr_multiply: a stack of a against one c (broadcast), left and right
        a = rng.standard_normal((2, 5, 3))
        for c, mode in [(rng.standard_normal((4, 5)), "right"),
                        (rng.standard_normal((3, 2)), "left")]:
            got, want = L.qr_multiply(a, c, mode=mode), JL.qr_multiply(a, c, mode=mode)
            for g, w in zip(got, want):
                assert_close(g, w, tol=1e-12, check_dtype=np.float64)


# --- 7. funm's cache, solve_sylvester, slogdet(method='qr'), polar(method='qdwh') ----------
def test_funm_does_not_recompile():
    compiles = []

    def listener(name, *_, **__):
        if "backend_compile" in name:
            compiles.append(name)

    a = np.array([[1.0, 2.0], [0.0, 3.0]], np.float32)
    eye = np.eye(2, dtype=np.float32)
    first = L.funm(a, wnp.exp)
    jax.monitoring.register_event_duration_secs_listener(listener)
    try:
        second = L.funm(a + eye, wnp.exp)    # exp(a + I) = e exp(a)
        L.funm(a + 2 * eye, wnp.exp)
    finally:
        jax.monitoring.unregister_event_duration_listener(listener)
    assert compiles == []
    assert_close(first, SL.funm(a.astype(np.float64), np.exp).astype(np.complex64),
                 check_dtype=np.complex64)
    assert_close(second, np.exp(1) * np.asarray(first))


def test_solve_sylvester_methods_under_jit():
    rng = np.random.default_rng(7)
    a, b = rng.standard_normal((2, 3, 3)), rng.standard_normal((4, 4)) + 3 * np.eye(4)
    q = rng.standard_normal((2, 3, 4))
    want = np.stack([SL.solve_sylvester(a[i], b, q[i]) for i in range(2)])
    with jax.enable_x64(True):
        for method in ("schur", "eigen"):
            fn = jax.jit(lambda a, b, q, m=method: L.solve_sylvester(a, b, q, method=m))
            assert_close(fn(a, b, q), want, tol=1e-11, check_dtype=np.float64)
            # eigenvalue sums within tol of zero: NaN, as jax.scipy
            sing = L.solve_sylvester(np.eye(2), -np.eye(2), np.ones((2, 2)), method=method)
            assert np.isnan(np.asarray(sing)).all()
        assert_pure(lambda a, b, q: L.solve_sylvester(a, b, q, method="eigen"), a[0], b, q[0])
    with pytest.raises(ValueError, match="solve_sylvester.*method"):
        L.solve_sylvester(a[0], b, q[0], method="bartels")


def test_slogdet_qr():
    rng = np.random.default_rng(8)
    with jax.enable_x64(True):
        for cplx in (False, True):
            a = _rand(rng, (3, 4, 4), cplx)
            got = wl.slogdet(a, method="qr")
            want = np.linalg.slogdet(a)
            dt = np.complex128 if cplx else np.float64
            assert_close(got.sign, want.sign, tol=1e-12, check_dtype=dt)
            assert_close(got.logabsdet, want.logabsdet, tol=1e-12, check_dtype=np.float64)
        a = rng.standard_normal((4, 4))
        g = jax.grad(lambda x: wl.slogdet(x, method="qr").logabsdet)(a)
        assert_close(g, np.linalg.inv(a).T, tol=1e-12)
        s, ld = wl.slogdet(np.zeros((2, 2)), method="qr")
        assert float(s) == 0 and float(ld) == -np.inf
    a32 = rng.standard_normal((4, 4)).astype(np.float32)
    got, want = wl.slogdet(a32, method="qr"), jnp.linalg.slogdet(a32, method="qr")
    assert_close(got.sign, want.sign, check_dtype=np.float32)
    assert_close(got.logabsdet, want.logabsdet, check_dtype=np.float32)


def test_polar_qdwh():
    rng = np.random.default_rng(9)
    with jax.enable_x64(True):
        for shape, side, cplx in [((4, 4), "right", False), ((5, 3), "left", True),
                                  ((2, 3, 5), "right", False)]:
            a = _rand(rng, shape, cplx)
            u, p = L.polar(a, side, method="qdwh")
            us, ps = L.polar(a, side, method="svd")
            dt = np.complex128 if cplx else np.float64
            assert_close(u, us, tol=1e-12, check_dtype=dt)
            assert_close(p, ps, tol=1e-12, check_dtype=dt)
            if shape == (4, 4):   # jax's qdwh refuses some shape / side pairs
                uj, pj = JL.polar(a, side, method="qdwh")
                assert_close(u, uj, tol=1e-12)
                assert_close(p, pj, tol=1e-12)
    a32 = rng.standard_normal((3, 3)).astype(np.float32)
    u, p = L.polar(a32, method="qdwh")
    sref = SL.polar(a32.astype(np.float64))
    # float32: seven Halley steps of QR products, a few ulps per step
    assert_close(u, sref[0].astype(np.float32), tol=1e-5, check_dtype=np.float32)
    assert_close(p, sref[1].astype(np.float32), tol=1e-5, check_dtype=np.float32)
    with pytest.raises(ValueError, match="polar.*method"):
        L.polar(a32, method="newton")
