"""Special matrices and structural helpers of jaxwrap.scipy.linalg against
scipy.linalg (reference) and jax.scipy.linalg (peer: values and dtypes),
eagerly, under jit and vmap, with primitive purity; then bad input.
"""

from __future__ import annotations

import jax.scipy.linalg as JL
import numpy as np
import pytest
import scipy.linalg as SL

import jaxwrap.scipy.linalg as L
from tests.harness import assert_close, check

F, D, C64, I = np.float32, np.float64, np.complex64, np.int32
RNG = np.random.default_rng(0)


def _v(shape, dtype=F):
    x = RNG.normal(size=shape)
    if np.issubdtype(dtype, np.complexfloating):
        x = x + 1j * RNG.normal(size=shape)
    if np.issubdtype(dtype, np.integer):
        x = RNG.integers(-5, 6, shape)
    return np.asarray(x).astype(dtype)


def _poly(shape, dtype=F):
    """Polynomial coefficients with a leading coefficient away from zero."""
    a = _v(shape, dtype)
    a[..., 0] = 1.5
    return a


def _batched(ref, core=1):
    """scipy reference applied over the leading axes of every argument."""
    def f(*args, **kw):
        arrs = [np.asarray(a) for a in args]
        batch = np.broadcast_shapes(*(a.shape[:a.ndim - core] for a in arrs))
        if not batch:
            return ref(*arrs, **kw)
        arrs = [np.broadcast_to(a, batch + a.shape[a.ndim - core:]) for a in arrs]
        out = [ref(*(a[idx] for a in arrs), **kw) for idx in np.ndindex(batch)]
        return np.stack(out).reshape(batch + out[0].shape)
    return f


# name, args, peer has it, scipy reference (None: scipy's own function), check kwargs
ROWS = [
    ("toeplitz", lambda: (_v(4), _v(3)), {}),
    ("toeplitz", lambda: (_v((2, 4), C64),), {}),
    ("toeplitz", lambda: (_v(3, I), _v(5, I)), {}),
    ("hankel", lambda: (_v(4), _v(3)), {}),
    ("hankel", lambda: (_v(3, I),), {}),
    ("circulant", lambda: (_v((2, 5)),), {}),
    ("circulant", lambda: (_v(1, I),), {}),
    ("companion", lambda: (_poly(4),), {}),
    ("companion", lambda: (_poly((2, 3), D),), {}),
    ("fiedler", lambda: (_v((2, 4)),), {}),
    ("fiedler", lambda: (_v(4, I),), {}),
    ("fiedler_companion", lambda: (_poly(6),), {}),
    ("fiedler_companion", lambda: (_poly(3),), {}),
    ("fiedler_companion", lambda: (_poly((2, 5), D),), {}),
    ("leslie", lambda: (_v(4), _v(3)), {}),
    ("leslie", lambda: (_v((2, 3)), _v((2, 2))), {}),
    ("block_diag", lambda: (_v((2, 3)), _v(2), np.float32(3.0)), {}),
    ("block_diag", lambda: (_v((2, 2), I), _v((1, 3), C64)), {}),
]


def _scipy_ref(name, args):
    ref = getattr(SL, name)
    if name in ("toeplitz", "hankel", "fiedler", "fiedler_companion", "circulant", "companion",
                "leslie"):
        return _batched(ref)
    return ref


@pytest.mark.parametrize("row", range(len(ROWS)))
def test_constructor(row):
    name, make, kw = ROWS[row]
    args = make()
    fn = getattr(L, name)
    vmap = name != "block_diag"
    check(fn, _scipy_ref(name, args), args, kwargs=kw, peer=getattr(JL, name), vmap=vmap,
          tol={np.dtype(F): 1e-5, np.dtype(C64): 1e-5})


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("m,n", [(3, 5), (5, 3), (4, 4)])
def test_convolution_matrix(mode, m, n):
    a = _v(m)
    check(lambda a: L.convolution_matrix(a, n, mode),
          lambda a: SL.convolution_matrix(a, n, mode), (a,),
          peer=lambda a: JL.convolution_matrix(a, n, mode), vmap=False)


@pytest.mark.parametrize("fn,args,kw", [
    ("hilbert", (5,), {}), ("invhilbert", (4,), {}), ("helmert", (5,), {}),
    ("helmert", (4,), {"full": True}), ("hadamard", (8,), {}), ("dft", (5,), {}),
    ("dft", (4,), {"scale": "sqrtn"}), ("pascal", (5,), {}), ("pascal", (4,), {"kind": "lower"}),
    ("invpascal", (5,), {}), ("invpascal", (4,), {"kind": "upper"}),
])
def test_static_constructor(fn, args, kw):
    out = getattr(L, fn)(*args, **kw)
    ref = getattr(SL, fn)(*args, **kw)
    peer = getattr(JL, fn)(*args, **kw)
    assert out.dtype == peer.dtype
    # values against scipy without casting its answer; the dtype is jax's (checked above:
    # pascal's exact integers come in jax's default float, as the manifest says)
    assert_close(out, ref, tol=2e-6, check_kind=False)


def test_invhilbert_exact():
    out = L.invhilbert(4, exact=True)
    np.testing.assert_array_equal(np.asarray(out), SL.invhilbert(4, exact=True).astype(np.int64))


def test_khatri_rao_diagsvd_matmul_toeplitz():
    a, b = _v((3, 2)), _v((4, 2))
    check(L.khatri_rao, SL.khatri_rao, (a, b), vmap=False)
    s = _v(2)
    check(lambda s: L.diagsvd(s, 3, 2), lambda s: SL.diagsvd(s, 3, 2), (s,))
    c, r, x = _v(4), _v(4), _v((4, 3))
    check(lambda c, r, x: L.matmul_toeplitz((c, r), x),
          lambda c, r, x: SL.matmul_toeplitz((c, r), x), (c, r, x), tol=1e-5)
    check(lambda c, x: L.matmul_toeplitz(c, x), lambda c, x: SL.matmul_toeplitz(c, x),
          (_v(3, C64), _v(3, C64)), tol=1e-5)


def test_predicates():
    s = _v((4, 4))
    s = s + s.T
    ns = _v((4, 4))
    h = _v((3, 3), C64)
    h = h + h.conj().T
    for a in (s, ns, h):
        for fn in ("issymmetric", "ishermitian"):
            assert bool(getattr(L, fn)(a)) == getattr(SL, fn)(a)
    pert = s + np.float32(1e-3) * _v((4, 4))
    assert bool(L.issymmetric(pert, atol=1e-2)) == SL.issymmetric(pert, atol=1e-2)
    assert bool(L.issymmetric(pert, rtol=1e-8)) == SL.issymmetric(pert, rtol=1e-8)
    stack = np.stack([s, ns])
    np.testing.assert_array_equal(L.issymmetric(stack), SL.issymmetric(stack))
    check(L.issymmetric, None, (s,), vmap=True)


def test_bandwidth():
    a = np.triu(np.tril(_v((5, 6)), 2), -1)
    got = L.bandwidth(a)
    assert tuple(int(v) for v in got) == SL.bandwidth(a)
    z = np.zeros((3, 3), F)
    assert tuple(int(v) for v in L.bandwidth(z)) == SL.bandwidth(z)


@pytest.mark.parametrize("call,exc", [
    (lambda: L.companion([1.0]), ValueError),
    (lambda: L.leslie([1.0, 2.0], [1.0, 2.0]), ValueError),
    (lambda: L.hadamard(6), ValueError),
    (lambda: L.convolution_matrix([1.0, 2.0], 3, mode="bad"), ValueError),
    (lambda: L.convolution_matrix(np.ones((2, 2)), 3), ValueError),
    (lambda: L.khatri_rao(np.ones((2, 2)), np.ones((2, 3))), ValueError),
    (lambda: L.diagsvd([1.0, 2.0], 3, 3), ValueError),
    (lambda: L.issymmetric(np.ones((2, 3))), ValueError),
    (lambda: L.block_diag(np.ones((2, 2, 2))), ValueError),
    (lambda: L.pascal(3, kind="diag"), ValueError),
    (lambda: L.hilbert(2.5), TypeError),
    (lambda: L.toeplitz("abc"), TypeError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()
