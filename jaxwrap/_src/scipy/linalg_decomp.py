"""scipy.linalg's decompositions: Cholesky, LU, QR / RQ, Schur, Hessenberg,
symmetric / general eigenproblems, SVD, polar, and the conversions around
them (rsf2csf, cdf2rdf).

Every factorization is one of jaxwrap's linalg primitives (``jaxwrap._src.lax``:
cholesky, lu, qr, eigh, eig, svd, schur, hessenberg, householder_product),
whose kernels are the platform's (LAPACK / cuSOLVER); the code here adapts
scipy's conventions (``lower=``, permutation matrices, ``mode=``, generalized
problems) with jaxwrap primitives.  Arguments ``overwrite_*`` and
``check_finite`` are accepted and ignored, as in jax.scipy: arrays are
immutable and checking finiteness would need a host round trip.
"""

from __future__ import annotations

import math

import jax
import numpy as np

from .. import dtypes, lax
from ..numpy import _util
from ..numpy._util import public
from ..numpy.indexing import take_along_axis
from . import linalg_common as C

__all__ = [
    "cdf2rdf", "cho_factor", "cholesky", "eig", "eigh", "eigh_tridiagonal", "eigvals",
    "eigvalsh", "eigvalsh_tridiagonal", "hessenberg", "lu", "lu_factor", "polar", "qr", "rq",
    "rsf2csf", "schur", "svd", "svdvals",
]


# --- Cholesky ---------------------------------------------------------------------------------
def chol(a, lower: bool):
    """Cholesky factor of ``a`` reading its ``lower`` (or upper) triangle."""
    if lower:
        return lax.cholesky(a, symmetrize_input=False)
    return C.mH(lax.cholesky(C.mH(a), symmetrize_input=False))


@public(static=("lower", "overwrite_a", "check_finite"))
def cholesky(a, lower=False, overwrite_a=False, check_finite=True):
    """Cholesky decomposition ``a = U^H U`` (or ``L L^H`` with ``lower=True``).

    Parameters
    ----------
    a : array_like, shape (..., n, n)
        Hermitian positive-definite matrices; only the triangle named by
        ``lower`` is read.
    lower : bool
        Return the lower factor ``L`` instead of the upper ``U``.
    overwrite_a, check_finite : bool
        Accepted for compatibility and ignored.

    Returns
    -------
    jax.Array, shape (..., n, n)
        The triangular factor; NaNs where ``a`` is not positive definite
        (scipy raises LinAlgError, which cannot be raised under jit).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.cholesky([[4.0, 2.0], [2.0, 5.0]])
    Array([[2., 1.],
           [0., 2.]], dtype=float32)
    """
    return chol(C.matrix("cholesky", a), lower)


@public(static=("lower", "overwrite_a", "check_finite"))
def _cho_factor(a, lower, overwrite_a, check_finite):
    return chol(C.matrix("cho_factor", a), lower)


def cho_factor(a, lower=False, overwrite_a=False, check_finite=True):
    """Cholesky factorization for :func:`cho_solve`.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
        Hermitian positive-definite matrices.
    lower : bool
        Compute the lower factor.
    overwrite_a, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    (c, lower) : (jax.Array, bool)
        The factor (its other triangle is zero, where scipy leaves garbage)
        and the flag to pass on to :func:`cho_solve`.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> c, low = linalg.cho_factor([[4.0, 2.0], [2.0, 5.0]])
    """
    return _cho_factor(a, bool(lower), overwrite_a, check_finite), bool(lower)


# --- LU ---------------------------------------------------------------------------------------
def lu_parts(a):
    """(lu, pivots, permutation) of a stack of (m, n) matrices."""
    return lax.lu(a)


def _unit_lower(lu, k):
    """The unit lower-trapezoidal (m, k) factor stored in ``lu``."""
    m = lu.shape[-2]
    part = C.slice_last(lu, 0, k)
    strict = C.select(C.diag_mask((m, k), 0, lax.lt), part, C.zeros_like(part))
    return lax.add(strict, lax.convert_element_type(C.bmask(C.diag_mask((m, k)), part.shape),
                                                    lu.dtype, False))


def perm_matrix(perm, dtype):
    """``P`` with ``P[r, i] = (perm[i] == r)``, so that ``a = P @ a[perm]``."""
    n = perm.shape[-1]
    nd = perm.ndim
    shp = perm.shape[:-1] + (n, n)
    rows = lax.broadcast_in_dim(lax.iota(perm.dtype, (n, n), 0), shp, (nd - 1, nd))
    cols = lax.broadcast_in_dim(perm, shp, tuple(range(nd - 1)) + (nd,))
    return lax.convert_element_type(lax.eq(rows, cols), dtype, False)


@public(static=("permute_l", "overwrite_a", "check_finite", "p_indices"))
def lu(a, permute_l=False, overwrite_a=False, check_finite=True, p_indices=False):
    """LU decomposition with partial pivoting, ``a = P @ L @ U``.

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    permute_l : bool
        Return ``(P @ L, U)`` instead of ``(P, L, U)``.
    overwrite_a, check_finite : bool
        Accepted and ignored.
    p_indices : bool
        Return the permutation as row indices ``p`` (``a = L[p] @ U``)
        instead of a matrix.

    Returns
    -------
    (p, l, u) or (pl, u)
        ``l`` unit lower trapezoidal (m, k), ``u`` upper trapezoidal (k, n),
        ``k = min(m, n)``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> p, l, u = linalg.lu([[1.0, 2.0], [3.0, 4.0]])
    """
    a = C.matrix("lu", a, square=False)
    m, n = a.shape[-2:]
    k = min(m, n)
    packed, _, perm = lu_parts(a)
    low = _unit_lower(packed, k)
    up = C.triangle(lax.slice(packed, (0,) * a.ndim, packed.shape[:-2] + (k, n)), lower=False)
    p = perm_matrix(perm, a.dtype)
    if permute_l:
        return C.mm(p, low), up
    if p_indices:
        # row r of a is row inv(perm)[r] of L @ U.
        inv = lax.reduce_sum(lax.mul(lax.convert_element_type(p, perm.dtype, False),
                                     C.bmask(lax.iota(perm.dtype, (m, m), 1), p.shape)),
                             (p.ndim - 1,))
        return inv, low, up
    return p, low, up


@public(static=("overwrite_a", "check_finite"))
def lu_factor(a, overwrite_a=False, check_finite=True):
    """LU factorization for :func:`lu_solve` (LAPACK's packed form).

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    overwrite_a, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    (lu, piv) : (jax.Array, jax.Array)
        ``L`` (unit diagonal implied) and ``U`` packed in one matrix, and the
        0-based pivot indices: row i was swapped with row ``piv[i]``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> lu_, piv = linalg.lu_factor([[1.0, 2.0], [3.0, 4.0]])
    """
    a = C.matrix("lu_factor", a)
    packed, piv, _ = lu_parts(a)
    return packed, piv


# --- QR / RQ ----------------------------------------------------------------------------------
_QR_MODES = ("full", "r", "economic", "raw")


@public(static=("overwrite_a", "lwork", "mode", "pivoting", "check_finite"))
def qr(a, overwrite_a=False, lwork=None, mode="full", pivoting=False, check_finite=True):
    """QR decomposition ``a = Q @ R`` (with column pivoting ``a[:, P] = Q @ R``).

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    mode : {'full', 'r', 'economic', 'raw'}
        Full ``Q`` (m, m) and ``R`` (m, n); only ``R``; ``Q`` (m, k) and
        ``R`` (k, n) with ``k = min(m, n)``; or ``Q`` in LAPACK's Householder
        form ``(h, tau)`` (``h`` (m, n) holds ``R`` on and above its diagonal
        and the reflectors below it) and ``R`` (k, n).
    pivoting : bool
        Column pivoting; also returns the permutation ``P`` (indices).
    overwrite_a, lwork, check_finite
        Accepted and ignored.

    Returns
    -------
    (Q, R), (R,), ((h, tau), R), or with pivoting (Q, R, P) / (R, P) /
    ((h, tau), R, P)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> q, r = linalg.qr([[1.0, 2.0], [3.0, 4.0]])
    """
    if mode not in _QR_MODES:
        raise ValueError(f"qr(): mode must be one of {_QR_MODES}, got {mode!r}")
    a = C.matrix("qr", a, square=False)
    if mode == "raw":
        return _qr_raw(a, bool(pivoting))
    out = lax.qr(a, pivoting=bool(pivoting), full_matrices=(mode != "economic"))
    q, r = out[0], out[1]
    if mode == "r":
        return (r, out[2]) if pivoting else (r,)
    return (q, r, out[2]) if pivoting else (q, r)


def _qr_raw(a, pivoting):
    # The pivoted Householder form (LAPACK's geqp3) is geqrf's on the columns
    # in pivot order: the pivoted QR supplies the order.
    perm = None
    if pivoting:
        perm = lax.qr(a, pivoting=True, full_matrices=False)[2]
        nb = a.ndim - 2
        idx = lax.broadcast_in_dim(perm, a.shape, tuple(range(nb)) + (nb + 1,))
        a = take_along_axis(a, idx, axis=-1)
    h, tau = lax.geqrf(a)
    r = C.triangle(C.slice_last(h, 0, min(a.shape[-2:]), axis=-2), lower=False)
    return ((h, tau), r, perm) if pivoting else ((h, tau), r)


@public(static=("overwrite_a", "lwork", "mode", "check_finite"))
def rq(a, overwrite_a=False, lwork=None, mode="full", check_finite=True):
    """RQ decomposition ``a = R @ Q`` (R upper trapezoidal, Q unitary rows).

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    mode : {'full', 'r', 'economic'}
        ``R`` (m, n) and ``Q`` (n, n); only ``R``; or ``R`` (m, k) and ``Q``
        (k, n), ``k = min(m, n)``.
    overwrite_a, lwork, check_finite
        Accepted and ignored.

    Returns
    -------
    (R, Q) or (R,)

    Notes
    -----
    Computed from the QR decomposition of the row-reversed conjugate
    transpose: if ``(J a)^H = Q1 R1`` then ``a = (J R1^H J)(J Q1^H)`` with
    ``J`` the exchange matrices.  Signs of rows of ``Q`` may differ from
    LAPACK's ``?gerqf``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> r, q = linalg.rq([[1.0, 2.0], [3.0, 4.0]])
    """
    if mode not in ("full", "r", "economic"):
        raise ValueError(f"rq(): mode must be 'full', 'r' or 'economic', got {mode!r}")
    a = C.matrix("rq", a, square=False)
    nd = a.ndim
    flipped = C.mH(lax.rev(a, (nd - 2,)))
    q1, r1 = lax.qr(flipped, pivoting=False, full_matrices=(mode == "full"))
    r = lax.rev(C.mH(r1), (nd - 2, nd - 1))
    q = lax.rev(C.mH(q1), (nd - 2,))
    return (r,) if mode == "r" else (r, q)


# --- Schur / Hessenberg -----------------------------------------------------------------------
@public(static=("output", "lwork", "overwrite_a", "sort", "check_finite"))
def schur(a, output="real", lwork=None, overwrite_a=False, sort=None, check_finite=True):
    """Schur decomposition ``a = Z @ T @ Z^H``.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    output : {'real', 'complex'}
        Real Schur form (quasi-triangular ``T`` for real input) or complex
        (triangular ``T``).
    sort : None
        Eigenvalue reordering is not supported (it needs LAPACK's ``?trsen``).
    lwork, overwrite_a, check_finite
        Accepted and ignored.

    Returns
    -------
    (T, Z) : (jax.Array, jax.Array)

    Notes
    -----
    XLA implements the Schur decomposition on CPU only.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> t, z = linalg.schur([[1.0, 2.0], [3.0, 4.0]])
    """
    if output not in ("real", "complex", "r", "c"):
        raise ValueError(f"schur(): output must be 'real' or 'complex', got {output!r}")
    if sort is not None:
        raise NotImplementedError("schur(): sort= (eigenvalue reordering) is not supported")
    a = C.matrix("schur", a)
    if output in ("complex", "c"):
        a = lax.convert_element_type(a, dtypes.to_complex_dtype(a.dtype), False)
    t, z = lax.schur(a, compute_schur_vectors=True, sort_eig_vals=False, select_callable=None)
    return t, z


@public(static=("calc_q", "overwrite_a", "check_finite"))
def hessenberg(a, calc_q=False, overwrite_a=False, check_finite=True):
    """Upper Hessenberg form ``a = Q @ H @ Q^H``.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    calc_q : bool
        Also return the unitary ``Q``.
    overwrite_a, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    H or (H, Q)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> h = linalg.hessenberg([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])
    """
    a = C.matrix("hessenberg", a)
    n = a.shape[-1]
    packed, taus = lax.hessenberg(a)
    h = C.triangle(packed, lower=False, k=-1)
    if not calc_q:
        return h
    if n <= 1:
        return h, C.eye_like(a)
    nd = a.ndim
    # The reflectors are stored below the first subdiagonal: Q = diag(1, Q').
    vecs = lax.slice(packed, (0,) * (nd - 2) + (1, 0), packed.shape[:-2] + (n, n - 1))
    q = lax.householder_product(vecs, taus)
    zero = np.array(0, a.dtype)
    q = lax.pad(q, zero, [(0, 0, 0)] * (nd - 2) + [(1, 0, 0), (1, 0, 0)])
    i = lax.iota(np.int32, (n, n), 0)
    j = lax.iota(np.int32, (n, n), 1)
    zero_i = C.full((n, n), 0, np.int32)
    e00 = lax.convert_element_type(lax.and_(lax.eq(i, zero_i), lax.eq(j, zero_i)), a.dtype, False)
    corner = lax.add(q, C.bmask(e00, q.shape))
    return h, corner


def _rotate(x, i, rot, rows: bool):
    """Apply the 2x2 ``rot`` to rows (or columns) i, i + 1 of square ``x``."""
    n = x.shape[-1]
    idx = lax.iota(np.int32, (n,), 0)
    sel0 = lax.eq(idx, lax.broadcast_in_dim(i, (n,), ()))
    sel1 = lax.eq(idx, lax.broadcast_in_dim(lax.add(i, np.int32(1)), (n,), ()))
    if rows:
        r0 = lax.dynamic_slice(x, (i, np.int32(0)), (1, n))
        r1 = lax.dynamic_slice(x, (lax.add(i, np.int32(1)), np.int32(0)), (1, n))
        new0 = lax.add(lax.mul(rot[0][0], r0), lax.mul(rot[0][1], r1))
        new1 = lax.add(lax.mul(rot[1][0], r0), lax.mul(rot[1][1], r1))
        m0 = lax.broadcast_in_dim(sel0, (n, n), (0,))
        m1 = lax.broadcast_in_dim(sel1, (n, n), (0,))
        x = lax.select_n(m0, x, lax.broadcast_in_dim(lax.reshape(new0, (n,)), (n, n), (1,)))
        return lax.select_n(m1, x, lax.broadcast_in_dim(lax.reshape(new1, (n,)), (n, n), (1,)))
    c0 = lax.dynamic_slice(x, (np.int32(0), i), (n, 1))
    c1 = lax.dynamic_slice(x, (np.int32(0), lax.add(i, np.int32(1))), (n, 1))
    new0 = lax.add(lax.mul(rot[0][0], c0), lax.mul(rot[1][0], c1))
    new1 = lax.add(lax.mul(rot[0][1], c0), lax.mul(rot[1][1], c1))
    m0 = lax.broadcast_in_dim(sel0, (n, n), (1,))
    m1 = lax.broadcast_in_dim(sel1, (n, n), (1,))
    x = lax.select_n(m0, x, lax.broadcast_in_dim(lax.reshape(new0, (n,)), (n, n), (0,)))
    return lax.select_n(m1, x, lax.broadcast_in_dim(lax.reshape(new1, (n,)), (n, n), (0,)))


def _rsf2csf_2d(t, z):

    n = t.shape[-1]
    rdt = C.real_dtype(t.dtype)
    tiny = np.array(np.finfo(rdt).eps, rdt)

    def at(x, i, j):
        return lax.reshape(lax.dynamic_slice(x, (i, j), (1, 1)), ())

    def body(k, tz):
        k = lax.convert_element_type(k, np.int32, False)
        t, z = tz
        m = lax.sub(np.int32(n - 1), k)  # m = n-1, ..., 1
        mm1 = lax.sub(m, np.int32(1))
        a, b = at(t, mm1, mm1), at(t, mm1, m)
        c, d = at(t, m, mm1), at(t, m, m)
        bulge = lax.gt(lax.abs(c), lax.mul(tiny, lax.add(lax.abs(a), lax.abs(d))))
        # The eigenvalue mu of the 2x2 block with positive imaginary part (the
        # one LAPACK lists first); the Givens rotation built from (mu - d, c)
        # triangularizes the block (Golub & Van Loan, sec. 7.4).
        half = np.array(0.5, t.dtype)
        p = lax.mul(half, lax.sub(a, d))
        disc = lax.sqrt(lax.add(lax.mul(p, p), lax.mul(b, c)))
        mu = lax.add(lax.mul(half, lax.add(a, d)), disc)
        x, y = lax.sub(mu, d), c
        r = lax.sqrt(lax.add(lax.mul(x, lax.conj(x)), lax.mul(y, lax.conj(y))))
        r = lax.select_n(lax.eq(r, C.full((), 0, r.dtype)), r, C.full((), 1, r.dtype))
        cs, sn = lax.div(x, r), lax.div(y, r)
        rot = ((lax.conj(cs), lax.conj(sn)), (lax.neg(sn), cs))
        rot_h = ((cs, lax.neg(lax.conj(sn))), (sn, lax.conj(cs)))
        t2 = _rotate(t, mm1, rot, rows=True)
        t2 = _rotate(t2, mm1, rot_h, rows=False)
        z2 = _rotate(z, mm1, rot_h, rows=False)
        # The rotation leaves exactly zero (up to round-off) at (m, m - 1).
        i = lax.iota(np.int32, (n, n), 0)
        j = lax.iota(np.int32, (n, n), 1)
        hit = lax.and_(lax.eq(i, lax.broadcast_in_dim(m, (n, n), ())),
                       lax.eq(j, lax.broadcast_in_dim(mm1, (n, n), ())))
        t2 = lax.select_n(hit, t2, C.full((n, n), 0, t.dtype))
        keep = lax.broadcast_in_dim(bulge, (n, n), ())
        return lax.select_n(keep, t, t2), lax.select_n(keep, z, z2)

    if n < 2:
        return t, z
    return C.fori_loop(0, n - 1, body, (t, z))


@public(static=("check_finite",))
def rsf2csf(T, Z, check_finite=True):
    """Convert a real Schur form to the complex Schur form.

    Parameters
    ----------
    T, Z : array_like, shape (..., n, n)
        A real Schur decomposition ``a = Z T Z^T`` (``T`` quasi-triangular);
        leading (batch) axes broadcast against each other.
    check_finite : bool
        Accepted and ignored.

    Returns
    -------
    (T, Z) : complex jax.Arrays
        ``T`` upper triangular and ``Z`` unitary with ``a = Z T Z^H``.

    Notes
    -----
    Each 2x2 diagonal block (a complex-conjugate eigenvalue pair) is
    triangularized by a complex Givens rotation, from the bottom up.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> t, z = linalg.rsf2csf(*linalg.schur([[0.0, 1.0], [-1.0, 0.0]]))
    """
    T = C.matrix("rsf2csf", T, "T")
    Z = C.matrix("rsf2csf", Z, "Z")
    if T.shape[-1] != Z.shape[-1]:
        raise ValueError(f"rsf2csf(): T and Z must have the same matrix shape, got {T.shape} "
                         f"and {Z.shape}")
    T, Z = C.promote(T, Z)
    cdt = dtypes.to_complex_dtype(T.dtype)
    batch = _util.broadcast_shapes("rsf2csf", T.shape[:-2], Z.shape[:-2])
    n = T.shape[-1]
    T, Z = (lax.convert_element_type(
        lax.reshape(_util.broadcast_to(v, batch + (n, n)), (int(np.prod(batch)), n, n)), cdt,
        False) for v in (T, Z))
    if not batch:   # no vmap for one matrix: its batching rules bind jax's own primitives
        return _rsf2csf_2d(lax.reshape(T, (n, n)), lax.reshape(Z, (n, n)))
    T, Z = jax.vmap(_rsf2csf_2d)(T, Z)
    return lax.reshape(T, batch + (n, n)), lax.reshape(Z, batch + (n, n))


# --- eigenproblems -------------------------------------------------------------------------------
def _solve_tri(a, b, *, lower, left_side=True, transpose_a=False, conjugate_a=False):
    return lax.triangular_solve(a, b, left_side=left_side, lower=lower, transpose_a=transpose_a,
                                conjugate_a=conjugate_a, unit_diagonal=False)


def _subset(name, w, v, subset_by_index, n):
    if subset_by_index is None:
        return w, v
    try:
        lo, hi = (int(i) for i in subset_by_index)
    except (TypeError, ValueError):
        raise ValueError(f"{name}(): subset_by_index must be a pair of ints") from None
    if not 0 <= lo <= hi < n:
        raise ValueError(f"{name}(): subset_by_index must satisfy 0 <= lo <= hi < {n}, got "
                         f"{(lo, hi)}")
    w = C.slice_last(w, lo, hi + 1)
    v = None if v is None else C.slice_last(v, lo, hi + 1)
    return w, v


def eigh_core(name, a, b, lower, type, subset_by_index):
    """Hermitian (generalized) eigenproblem: (w, v) with eigenvalues ascending.

    The generalized problems reduce to a standard one with the Cholesky
    factor ``B = L L^H`` (Golub & Van Loan, sec. 8.7): type 1 ``A v = w B v``
    uses ``L^-1 A L^-H``; types 2 (``A B v = w v``) and 3 (``B A v = w v``)
    use ``L^H A L``; eigenvectors are mapped back so that ``v^H B v = I``
    (types 1, 2) or ``v^H B^-1 v = I`` (type 3), scipy's normalization.
    """
    a = C.matrix(name, a)
    n = a.shape[-1]
    if b is None:
        v, w = lax.eigh(a, lower=lower, symmetrize_input=False, sort_eigenvalues=True,
                        subset_by_index=None)
        return _subset(name, w, v, subset_by_index, n)
    b = C.matrix(name, b, "b")
    if b.shape[-2:] != a.shape[-2:]:
        raise ValueError(f"{name}(): a and b must have the same matrix shape, got {a.shape} "
                         f"and {b.shape}")
    a, b = C.promote(a, b)
    from .linalg_special import _broadcast_batch
    a, b = _broadcast_batch(name, a, b, 2, 2)
    # Only the named triangle of a and b is referenced (LAPACK's ?sygv).
    a = hermitize(a, lower)
    low = chol(b, lower)
    L = low if lower else C.mH(low)
    if type == 1:
        c = _solve_tri(L, a, lower=True)
        c = _solve_tri(L, c, lower=True, left_side=False, transpose_a=True,
                       conjugate_a=C.is_complex(L))
    else:
        c = C.mm(C.mH(L), C.mm(a, L))
    c = hermitize(c, True)
    y, w = lax.eigh(c, lower=True, symmetrize_input=False, sort_eigenvalues=True,
                    subset_by_index=None)
    if type == 3:
        v = C.mm(L, y)
    else:
        v = _solve_tri(L, y, lower=True, transpose_a=True, conjugate_a=C.is_complex(L))
    return _subset(name, w, v, subset_by_index, n)


def hermitize(a, lower: bool):
    """The Hermitian matrix whose ``lower`` (or upper) triangle is that of ``a``."""
    tri = C.triangle(a, lower=lower)
    strict = C.triangle(a, lower=lower, k=-1 if lower else 1)
    out = lax.add(tri, C.mH(strict))
    if C.is_complex(out):  # the diagonal of a Hermitian matrix is real
        d = C.bmask(C.diag_mask(a.shape[-2:]), a.shape)
        out = C.select(d, lax.complex(lax.real(out), C.full(out.shape, 0, C.real_dtype(out.dtype))),
                       out)
    return out


_EIGH_TYPES = (1, 2, 3)


def _check_eigh_args(name, type, eigvals, subset_by_value, driver):
    if type not in _EIGH_TYPES:
        raise ValueError(f"{name}(): type must be 1, 2 or 3, got {type!r}")
    if eigvals is not None:
        raise ValueError(f"{name}(): eigvals= was removed from scipy; use subset_by_index")
    if subset_by_value is not None:
        raise ValueError(f"{name}(): subset_by_value gives a data-dependent number of "
                         "eigenvalues; use subset_by_index or mask the full spectrum")


@public(static=("lower", "eigvals_only", "overwrite_a", "overwrite_b", "type", "check_finite",
                "subset_by_index", "subset_by_value", "driver", "turbo", "eigvals"))
def _eigh(a, b, lower, eigvals_only, overwrite_a, overwrite_b, type, check_finite,
          subset_by_index, subset_by_value, driver, turbo, eigvals):
    w, v = eigh_core("eigh", a, b, lower, type, subset_by_index)
    return w if eigvals_only else (w, v)


def _hashable_pair(p):
    return None if p is None else tuple(p)


def eigh(a, b=None, *, lower=True, eigvals_only=False, overwrite_a=False, overwrite_b=False,
         type=1, check_finite=True, subset_by_index=None, subset_by_value=None, driver=None,
         turbo=True, eigvals=None):
    """Eigenvalues / eigenvectors of a Hermitian matrix or a Hermitian-definite pencil.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
        Hermitian matrix; only the triangle named by ``lower`` is read.
    b : array_like, shape (..., n, n), optional
        Hermitian positive-definite matrix of the generalized problem.
    lower : bool
        Read the lower (default) or upper triangle.
    eigvals_only : bool
        Return only the eigenvalues.
    type : {1, 2, 3}
        Generalized problem: ``a v = w b v``, ``a b v = w v`` or ``b a v = w v``.
    subset_by_index : (int, int), optional
        Inclusive range of eigenvalue indices (ascending order) to return.
    subset_by_value : None
        Not supported (data-dependent count).
    overwrite_a, overwrite_b, check_finite, driver, turbo, eigvals
        Accepted and ignored (``eigvals`` must be None).

    Returns
    -------
    w or (w, v)
        Eigenvalues ascending (real), eigenvectors in the columns of ``v``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> w, v = linalg.eigh([[2.0, 1.0], [1.0, 2.0]])
    """
    _check_eigh_args("eigh", type, eigvals, subset_by_value, driver)
    return _eigh(a, b, bool(lower), bool(eigvals_only), overwrite_a, overwrite_b, type,
                 check_finite, _hashable_pair(subset_by_index), None, driver, turbo, None)


def eigvalsh(a, b=None, *, lower=True, overwrite_a=False, overwrite_b=False, type=1,
             check_finite=True, subset_by_index=None, subset_by_value=None, driver=None):
    """Eigenvalues of a Hermitian matrix or a Hermitian-definite pencil.

    Parameters
    ----------
    a, b, lower, type, subset_by_index, ...
        As in :func:`eigh`.

    Returns
    -------
    jax.Array
        Eigenvalues in ascending order.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.eigvalsh([[2.0, 1.0], [1.0, 2.0]])
    Array([1., 3.], dtype=float32)
    """
    _check_eigh_args("eigvalsh", type, None, subset_by_value, driver)
    return _eigh(a, b, bool(lower), True, overwrite_a, overwrite_b, type, check_finite,
                 _hashable_pair(subset_by_index), None, driver, True, None)


def _tridiag_dense(name, d, e):
    d = C.inexact(name, d, "d")
    e = C.inexact(name, e, "e")
    if d.ndim != 1 or e.ndim != 1 or e.shape[0] != max(d.shape[0] - 1, 0):
        raise ValueError(f"{name}(): d must be 1-d of length n and e of length n - 1, got shapes "
                         f"{d.shape} and {e.shape}")
    d, e = C.promote(d, e)
    n = d.shape[0]
    dense = C.diag_embed(d)
    if n > 1:
        sub = lax.pad(C.diag_embed(e), np.array(0, e.dtype), [(1, 0, 0), (0, 1, 0)])
        dense = lax.add(dense, lax.add(sub, C.mH(sub)))
    return dense


def _tridiag_select(name, select, select_range, n):
    if select in ("a", "all", 0):
        return None
    if select in ("i", "index", 2):
        if select_range is None:
            raise ValueError(f"{name}(): select='i' needs select_range=(lo, hi)")
        return tuple(int(i) for i in select_range)
    raise ValueError(f"{name}(): select must be 'a' or 'i' (select='v' gives a data-dependent "
                     f"number of eigenvalues), got {select!r}")


@public(static=("eigvals_only", "select", "select_range", "check_finite", "tol", "lapack_driver"))
def _eigh_tridiagonal(d, e, eigvals_only, select, select_range, check_finite, tol,
                      lapack_driver):
    a = _tridiag_dense("eigh_tridiagonal", d, e)
    sub = _tridiag_select("eigh_tridiagonal", select, select_range, a.shape[-1])
    w, v = eigh_core("eigh_tridiagonal", a, None, True, 1, sub)
    return w if eigvals_only else (w, v)


def eigh_tridiagonal(d, e, eigvals_only=False, select="a", select_range=None,
                     check_finite=True, tol=0.0, lapack_driver="auto"):
    """Eigenvalues / eigenvectors of a real symmetric tridiagonal matrix.

    Parameters
    ----------
    d : array_like, shape (n,)
        Diagonal.
    e : array_like, shape (n - 1,)
        Off-diagonal.
    eigvals_only : bool
        Return only the eigenvalues.
    select : {'a', 'i'}
        All eigenvalues, or those with indices in ``select_range`` (inclusive).
    select_range : (int, int), optional
    check_finite, tol, lapack_driver
        Accepted and ignored.

    Returns
    -------
    w or (w, v)

    Notes
    -----
    The tridiagonal matrix is expanded and handed to the dense Hermitian
    eigensolver (XLA has no tridiagonal eigensolver kernel), so unlike
    jax.scipy eigenvectors are available too.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.eigh_tridiagonal([2.0, 2.0], [1.0], eigvals_only=True)
    Array([1., 3.], dtype=float32)
    """
    rng = None if select_range is None else tuple(select_range)
    return _eigh_tridiagonal(d, e, bool(eigvals_only), select, rng, check_finite, float(tol),
                             lapack_driver)


def eigvalsh_tridiagonal(d, e, select="a", select_range=None, check_finite=True, tol=0.0,
                         lapack_driver="auto"):
    """Eigenvalues of a real symmetric tridiagonal matrix (see :func:`eigh_tridiagonal`).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.eigvalsh_tridiagonal([2.0, 2.0], [1.0])
    Array([1., 3.], dtype=float32)
    """
    return eigh_tridiagonal(d, e, True, select, select_range, check_finite, tol, lapack_driver)


@public(static=("left", "right", "overwrite_a", "overwrite_b", "check_finite",
                "homogeneous_eigvals"))
def eig(a, b=None, left=False, right=True, overwrite_a=False, overwrite_b=False,
        check_finite=True, homogeneous_eigvals=False):
    """Eigenvalues and right / left eigenvectors of a general square matrix.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    b : None
        The generalized problem needs the QZ algorithm, which XLA lacks.
    left, right : bool
        Return left eigenvectors ``vl`` (``vl^H a = w vl^H``) and/or right
        ones (``a vr = w vr``); columns normalized to unit 2-norm.
    homogeneous_eigvals : bool
        Return eigenvalues as ``(w, 1)`` pairs, shape (..., 2, n).
    overwrite_a, overwrite_b, check_finite
        Accepted and ignored.

    Returns
    -------
    w, or (w, vr), (w, vl), (w, vl, vr)
        Complex eigenvalues (unordered) and eigenvectors.

    Notes
    -----
    XLA implements the nonsymmetric eigensolver on CPU only.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> w, v = linalg.eig([[0.0, 1.0], [-1.0, 0.0]])
    """
    if b is not None:
        raise NotImplementedError("eig(): the generalized problem (b=) needs the QZ algorithm, "
                                  "which XLA does not provide")
    a = C.matrix("eig", a)
    out = lax.eig(a, compute_left_eigenvectors=bool(left),
                  compute_right_eigenvectors=bool(right))
    w = out[0]
    if homogeneous_eigvals:
        nd = w.ndim
        w = lax.concatenate([lax.expand_dims(w, (nd - 1,)),
                             lax.expand_dims(C.full(w.shape, 1, w.dtype), (nd - 1,))], nd - 1)
    rest = tuple(out[1:])
    return (w,) + rest if rest else w


def eigvals(a, b=None, overwrite_a=False, check_finite=True, homogeneous_eigvals=False):
    """Eigenvalues of a general square matrix (see :func:`eig`).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.eigvals([[0.0, 1.0], [-1.0, 0.0]])
    Array([0.+1.j, 0.-1.j], dtype=complex64)
    """
    return eig(a, b, left=False, right=False, overwrite_a=overwrite_a,
               check_finite=check_finite, homogeneous_eigvals=homogeneous_eigvals)


@public
def cdf2rdf(w, v):
    """Convert complex eigenvalues / eigenvectors to a real block-diagonal form.

    Parameters
    ----------
    w : array_like, shape (..., n)
        Eigenvalues, complex-conjugate pairs adjacent (as :func:`eig` returns).
    v : array_like, shape (..., n, n)
        Matching eigenvectors (columns).

    Returns
    -------
    (wr, vr) : real jax.Arrays
        ``wr`` block diagonal (a 2x2 block ``[[re, im], [-im, re]]`` per pair)
        and ``vr`` (minus the imaginary and the real part of the pair's vector) with
        ``a @ vr = vr @ wr``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> wr, vr = linalg.cdf2rdf(*linalg.eig([[0.0, 1.0], [-1.0, 0.0]]))
    """
    w = C.arr("cdf2rdf", w, "w")
    v = C.arr("cdf2rdf", v, "v")
    if w.ndim < 1 or v.ndim != w.ndim + 1 or v.shape[-2:] != (w.shape[-1],) * 2:
        raise ValueError(f"cdf2rdf(): expected w of shape (..., n) and v of shape (..., n, n), "
                         f"got {w.shape} and {v.shape}")
    w, v = C.promote(w, v)
    cdt = dtypes.to_complex_dtype(w.dtype)
    w = lax.convert_element_type(w, cdt, False)
    v = lax.convert_element_type(v, cdt, False)
    n = w.shape[-1]
    nd = w.ndim
    re, im = lax.real(w), lax.imag(w)
    rdt = re.dtype
    cplx = lax.ne(im, C.full(im.shape, 0, rdt))
    # The complex entries pair up in order: the 1st, 3rd, ... open a pair.
    rank = lax.cumsum(lax.convert_element_type(cplx, np.int32, False), nd - 1)
    odd = lax.eq(lax.rem(rank, C.full(rank.shape, 2, np.int32)), C.full(rank.shape, 1, np.int32))
    first = lax.and_(cplx, odd)
    zero = C.full(im.shape, 0, rdt)
    sup = C.select(first, im, zero)                  # wr[j, j+1] = im(w[j])
    nxt = lax.pad(C.slice_last(im, 1, n), np.array(0, rdt), [(0, 0, 0)] * (nd - 1) + [(0, 1, 0)])
    sub = C.select(first, nxt, zero)                 # wr[j+1, j] = im(w[j+1])
    wr = C.diag_embed(re)
    if n > 1:
        pad = [(0, 0, 0)] * (nd - 1)
        up = lax.pad(C.diag_embed(C.slice_last(sup, 0, n - 1)), np.array(0, rdt),
                     pad + [(0, 1, 0), (1, 0, 0)])
        lo = lax.pad(C.diag_embed(C.slice_last(sub, 0, n - 1)), np.array(0, rdt),
                     pad + [(1, 0, 0), (0, 1, 0)])
        wr = lax.add(wr, lax.add(up, lo))
    # A pair v = x + iy (w = re + i im) spans [-y, x]: a [-y, x] = [-y, x] [[re, im], [-im, re]].
    colmask = lax.broadcast_in_dim(first, v.shape, tuple(range(nd - 1)) + (nd,))
    vr = C.select(colmask, lax.neg(lax.imag(v)), lax.real(v))
    return wr, vr


# --- SVD / polar ------------------------------------------------------------------------------
@public(static=("full_matrices", "compute_uv", "overwrite_a", "check_finite", "lapack_driver"))
def svd(a, full_matrices=True, compute_uv=True, overwrite_a=False, check_finite=True,
        lapack_driver="gesdd"):
    """Singular value decomposition ``a = U @ diag(s) @ Vh``.

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    full_matrices : bool
        ``U`` (m, m) and ``Vh`` (n, n), else (m, k) and (k, n), ``k = min(m, n)``.
    compute_uv : bool
        Return only ``s`` when False.
    overwrite_a, check_finite, lapack_driver
        Accepted and ignored (XLA picks the algorithm).

    Returns
    -------
    (U, s, Vh) or s
        Singular values in descending order.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> u, s, vh = linalg.svd([[1.0, 2.0], [3.0, 4.0]])
    """
    if lapack_driver not in ("gesdd", "gesvd"):
        raise ValueError(f"svd(): lapack_driver must be 'gesdd' or 'gesvd', got {lapack_driver!r}")
    a = C.matrix("svd", a, square=False)
    out = lax.svd(a, full_matrices=bool(full_matrices), compute_uv=bool(compute_uv),
                  subset_by_index=None)
    return tuple(out) if compute_uv else out


@public(static=("overwrite_a", "check_finite"))
def svdvals(a, overwrite_a=False, check_finite=True):
    """Singular values of a matrix, in descending order.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.svdvals([[3.0, 0.0], [0.0, 4.0]])
    Array([4., 3.], dtype=float32)
    """
    a = C.matrix("svdvals", a, square=False)
    return lax.svd(a, full_matrices=False, compute_uv=False, subset_by_index=None)


def _qdwh_weights(l0: float, max_iterations: int | None):
    """Static (a, b, c) of each dynamically weighted Halley step (Nakatsukasa,
    Bai & Gygi 2010, eqs. 3.4-3.6), from a lower bound ``l0`` on the smallest
    singular value of the scaled matrix.  The bound's own recurrence
    l <- l (a + b l^2) / (1 + c l^2) says when every singular value in
    [l0, 1] is within ``l0`` of 1; the paper shows at most 6 steps for
    l0 >= 1e-16, and one more step is taken at the end (cubic convergence
    then reaches rounding level).  Computed on the host in float64."""
    out, l = [], l0
    limit = 10 if max_iterations is None else max_iterations
    while len(out) < limit:
        l2 = l * l
        d = (4.0 * (1.0 - l2) / (l2 * l2)) ** (1.0 / 3.0)
        sd = math.sqrt(1.0 + d)
        a = sd + 0.5 * math.sqrt(8.0 - 4.0 * d + 8.0 * (2.0 - l2) / (l2 * sd))
        b = (a - 1.0) ** 2 / 4.0
        c = a + b - 1.0
        out.append((a, b, c))
        if 1.0 - l <= l0:   # this was the extra step after convergence
            break
        l = min(1.0, l * (a + b * l2) / (1.0 + c * l2))
    return out


def _qdwh_unitary(a, eps, max_iterations):
    """The unitary polar factor of a tall (m >= n) matrix stack by QDWH:
    X <- (b/c) X + (a - b/c) / sqrt(c) Q1 Q2^H with [sqrt(c) X; I] = [Q1; Q2] R
    (Nakatsukasa, Bai & Gygi 2010), from X0 = a / ||a||_F."""
    m, n = a.shape[-2:]
    rdt = C.real_dtype(a.dtype)
    fro = lax.sqrt(lax.reduce_sum(lax.real(lax.mul(a, C.conj(a))) if C.is_complex(a)
                                  else lax.mul(a, a), (a.ndim - 2, a.ndim - 1)))
    fro = lax.select_n(lax.gt(fro, C.full(fro.shape, 0, rdt)), C.full(fro.shape, 1, rdt), fro)
    x = lax.div(a, lax.broadcast_in_dim(lax.convert_element_type(fro, a.dtype, False), a.shape,
                                        tuple(range(a.ndim - 2))))
    eye = lax.broadcast_in_dim(C.eye(n, a.dtype), a.shape[:-2] + (n, n), (a.ndim - 2, a.ndim - 1))
    l0 = C.eps(rdt) if eps is None else float(eps)
    for wa, wb, wc in _qdwh_weights(l0, max_iterations):
        stacked = lax.concatenate([lax.mul(x, np.array(math.sqrt(wc), a.dtype)), eye], a.ndim - 2)
        q, _ = lax.qr(stacked, full_matrices=False)
        q1 = C.slice_last(q, 0, m, axis=-2)
        q2 = C.slice_last(q, m, m + n, axis=-2)
        x = lax.add(lax.mul(x, np.array(wb / wc, a.dtype)),
                    lax.mul(C.mm(q1, C.mH(q2)), np.array((wa - wb / wc) / math.sqrt(wc), a.dtype)))
    return x


@public(static=("side", "method", "eps", "max_iterations"))
def polar(a, side="right", *, method="svd", eps=None, max_iterations=None):
    """Polar decomposition ``a = u @ p`` (side='right') or ``a = p @ u`` ('left').

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    side : {'right', 'left'}
    method : {'svd', 'qdwh'}
        'svd' (default, scipy's method): from ``a = W S V^H``, ``u = W V^H``
        and ``p = V S V^H`` (right) or ``W S W^H`` (left).  'qdwh' (jax.scipy's
        default): the QR-based dynamically weighted Halley iteration, only
        QR factorizations and products, then ``p = u^H a`` / ``a u^H``.
    eps : float, optional
        'qdwh' only: the assumed lower bound on ``sigma_min(a) / ||a||_F``,
        which fixes the number of steps; default the dtype's epsilon.
        Smaller singular values converge more slowly.
    max_iterations : int, optional
        'qdwh' only: a cap on the number of steps (default 10; 6 suffice
        for the default ``eps``).

    Returns
    -------
    (u, p)
        ``u`` with orthonormal columns (rows if m < n), ``p`` Hermitian
        positive semidefinite.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> u, p = linalg.polar([[1.0, -1.0], [2.0, 4.0]])
    """
    if side not in ("right", "left"):
        raise ValueError(f"polar(): side must be 'right' or 'left', got {side!r}")
    if method not in ("svd", "qdwh"):
        raise ValueError(f"polar(): method must be 'svd' or 'qdwh', got {method!r}")
    if max_iterations is not None and (not isinstance(max_iterations, int | np.integer)
                                       or max_iterations < 1):
        raise ValueError(f"polar(): max_iterations must be a positive int, got {max_iterations!r}")
    a = C.matrix("polar", a, square=False)
    if method == "qdwh":
        m, n = a.shape[-2:]
        u = (_qdwh_unitary(a, eps, max_iterations) if m >= n
             else C.mH(_qdwh_unitary(C.mH(a), eps, max_iterations)))
        p = C.mm(C.mH(u), a) if side == "right" else C.mm(a, C.mH(u))
        p = lax.mul(lax.add(p, C.mH(p)), np.array(0.5, p.dtype))   # exactly Hermitian
        return u, p
    w, s, vh = lax.svd(a, full_matrices=False, compute_uv=True, subset_by_index=None)
    u = C.mm(w, vh)
    s = lax.convert_element_type(s, a.dtype, False)
    if side == "right":
        p = C.mm(C.mH(vh), C.scale_rows(vh, s))
    else:
        p = C.mm(C.scale_cols(w, s), C.mH(w))
    return u, p
