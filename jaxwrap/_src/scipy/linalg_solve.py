"""scipy.linalg's solvers and the functions built on them: solve (general,
symmetric, positive definite, triangular, diagonal, banded), the
factor-then-solve pairs (cho_solve, lu_solve), inv, det, least squares,
pseudo-inverses, norms, structured solvers (circulant, Toeplitz, banded),
Sylvester / Lyapunov equations, Procrustes and subspace angles.

Triangular solves are jaxwrap's ``triangular_solve`` primitive; LU and
Cholesky come from the decompositions module.  ``overwrite_*`` and
``check_finite`` are accepted and ignored (see linalg_decomp).
"""

from __future__ import annotations

import jax
import numpy as np

from .. import dtypes, lax
from ..numpy import _util
from ..numpy._util import public
from . import linalg_common as C
from . import linalg_decomp as D
from .linalg_special import _broadcast_batch, dft

__all__ = [
    "cho_solve", "det", "inv", "lstsq", "lu_solve", "norm", "orthogonal_procrustes", "pinv",
    "pinvh", "qr_multiply", "solve", "solve_banded", "solve_circulant",
    "solve_continuous_lyapunov", "solve_discrete_lyapunov", "solve_lyapunov", "solve_sylvester",
    "solve_toeplitz", "solve_triangular", "solveh_banded", "subspace_angles",
]


# --- right-hand sides ----------------------------------------------------------------------------
def _rhs(name, a, b):
    """Promote ``a`` (..., n, n) and ``b`` (..., n, k) or (..., n); broadcast
    their batch axes.  Returns (a, b as a matrix stack, was_vector)."""
    b = C.inexact(name, b, "b")
    a, b = C.promote(a, b)
    vector = b.ndim == 1 or b.ndim == a.ndim - 1
    if vector:
        b = lax.expand_dims(b, (b.ndim,))
    if b.ndim < 2 or b.shape[-2] != a.shape[-1]:
        raise ValueError(f"{name}(): incompatible dimensions: a has shape {a.shape}, b has "
                         f"shape {b.shape if not vector else b.shape[:-1]}")
    a, b = _broadcast_batch(name, a, b, 2, 2)
    return a, b, vector


def _finish(x, vector):
    return lax.squeeze(x, (x.ndim - 1,)) if vector else x


def tri_solve(a, b, *, lower, trans=0, unit_diagonal=False):
    """``op(a) x = b`` for triangular ``a`` and a matrix stack ``b``."""
    return lax.triangular_solve(a, b, left_side=True, lower=lower, transpose_a=trans != 0,
                                conjugate_a=trans == 2, unit_diagonal=unit_diagonal)


def permute_rows(b, perm):
    """``b[..., perm, :]`` (a gather whose batch axes walk in lockstep)."""
    nb = b.ndim - 2
    idx = lax.expand_dims(perm, (perm.ndim,))
    dn = lax.GatherDimensionNumbers(
        offset_dims=(nb + 1,), collapsed_slice_dims=(nb,), start_index_map=(nb,),
        operand_batching_dims=tuple(range(nb)), start_indices_batching_dims=tuple(range(nb)))
    return lax.gather(b, idx, dn, (1,) * (nb + 1) + (b.shape[-1],), unique_indices=True,
                      indices_are_sorted=False)


def _inverse_perm(perm):
    # inv[perm[i]] = i, read off the permutation matrix.
    p = D.perm_matrix(perm, np.int32)
    n = perm.shape[-1]
    cols = C.bmask(lax.iota(np.int32, (n, n), 1), p.shape)
    return lax.convert_element_type(lax.reduce_sum(lax.mul(p, cols), (p.ndim - 1,)),
                                    perm.dtype, False)


def lu_solve_perm(packed, perm, b, trans=0):
    """Solve with the packed LU factors and the row permutation (``a[perm] = L U``)."""
    if trans == 0:
        x = permute_rows(b, perm)
        x = tri_solve(packed, x, lower=True, unit_diagonal=True)
        return tri_solve(packed, x, lower=False)
    # a^T = U^T L^T P^T: solve with U^T, then L^T, then undo the permutation.
    x = tri_solve(packed, b, lower=False, trans=trans)
    x = tri_solve(packed, x, lower=True, trans=trans, unit_diagonal=True)
    return permute_rows(x, _inverse_perm(perm))


def pivots_to_perm(piv, m):
    """The row permutation of LAPACK-style (0-based) pivots: apply the swaps
    ``i <-> piv[i]`` in order to ``arange(m)`` (the ``lu_pivots_to_permutation``
    primitive: the platform's kernel, as jax.scipy's lu_solve uses)."""
    return lax.lu_pivots_to_permutation(lax.convert_element_type(piv, np.int32, False), m)


# --- triangular / factored solves ----------------------------------------------------------------
_TRANS = {0: 0, 1: 1, 2: 2, "N": 0, "T": 1, "C": 2}


@public(static=("trans", "lower", "unit_diagonal", "overwrite_b", "check_finite"))
def solve_triangular(a, b, trans=0, lower=False, unit_diagonal=False, overwrite_b=False,
                     check_finite=True):
    """Solve ``op(a) x = b`` for triangular ``a``.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
        Triangular matrix; only the triangle named by ``lower`` is read.
    b : array_like, shape (..., n, k) or (..., n)
    trans : {0, 1, 2, 'N', 'T', 'C'}
        ``op(a)`` is ``a``, ``a^T`` or ``a^H``.
    lower : bool
        Use the lower triangle of ``a``.
    unit_diagonal : bool
        Assume the diagonal of ``a`` is all ones (it is not read).
    overwrite_b, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    jax.Array
        The solution, shaped like ``b``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.solve_triangular([[2.0, 0.0], [1.0, 1.0]], [2.0, 3.0], lower=True)
    Array([1., 2.], dtype=float32)
    """
    if trans not in _TRANS:
        raise ValueError(f"solve_triangular(): trans must be 0, 1, 2, 'N', 'T' or 'C', got "
                         f"{trans!r}")
    a = C.matrix("solve_triangular", a)
    a, b, vec = _rhs("solve_triangular", a, b)
    x = tri_solve(a, b, lower=bool(lower), trans=_TRANS[trans],
                  unit_diagonal=bool(unit_diagonal))
    return _finish(x, vec)


def _cho_pair(name, c_and_lower):
    if not isinstance(c_and_lower, (tuple, list)) or len(c_and_lower) != 2:
        raise TypeError(f"{name}(): c_and_lower must be a pair (c, lower) as returned by "
                        "cho_factor")
    c, lower = c_and_lower
    return c, bool(lower)


@public(static=("lower", "overwrite_b", "check_finite"))
def _cho_solve(c, b, lower, overwrite_b, check_finite):
    c = C.matrix("cho_solve", c, "c")
    c, b, vec = _rhs("cho_solve", c, b)
    # a = L L^H: solve L y = b, then L^H x = y (or U^H y = b, U x = y).
    x = tri_solve(c, b, lower=lower, trans=0 if lower else 2)
    x = tri_solve(c, x, lower=lower, trans=2 if lower else 0)
    return _finish(x, vec)


def cho_solve(c_and_lower, b, overwrite_b=False, check_finite=True):
    """Solve ``a x = b`` given the Cholesky factorization from :func:`cho_factor`.

    Parameters
    ----------
    c_and_lower : (jax.Array, bool)
        The factor and its ``lower`` flag.
    b : array_like, shape (..., n, k) or (..., n)
    overwrite_b, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    jax.Array
        The solution, shaped like ``b``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.cho_solve(linalg.cho_factor([[4.0, 2.0], [2.0, 5.0]]), [2.0, 1.0])
    Array([0.5, 0. ], dtype=float32)
    """
    c, lower = _cho_pair("cho_solve", c_and_lower)
    return _cho_solve(c, b, lower, overwrite_b, check_finite)


@public(static=("trans", "overwrite_b", "check_finite"))
def _lu_solve(packed, piv, b, trans, overwrite_b, check_finite):
    packed = C.matrix("lu_solve", packed, "lu")
    piv = C.arr("lu_solve", piv, "piv")
    if not dtypes.is_integer(piv.dtype) or piv.shape != packed.shape[:-1]:
        raise ValueError(f"lu_solve(): piv must be integer pivots of shape {packed.shape[:-1]}, "
                         f"got {piv.dtype}{piv.shape}")
    packed, b, vec = _rhs("lu_solve", packed, b)
    piv = _util.broadcast_to(piv, packed.shape[:-1])
    perm = pivots_to_perm(piv, packed.shape[-1])
    return _finish(lu_solve_perm(packed, perm, b, trans), vec)


def lu_solve(lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
    """Solve ``op(a) x = b`` given the LU factorization from :func:`lu_factor`.

    Parameters
    ----------
    lu_and_piv : (jax.Array, jax.Array)
        Packed factors and pivot indices.
    b : array_like, shape (..., n, k) or (..., n)
    trans : {0, 1, 2}
        Solve with ``a``, ``a^T`` or ``a^H``.
    overwrite_b, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.lu_solve(linalg.lu_factor([[1.0, 2.0], [3.0, 4.0]]), [1.0, 1.0])
    Array([-1.,  1.], dtype=float32)
    """
    if trans not in (0, 1, 2):
        raise ValueError(f"lu_solve(): trans must be 0, 1 or 2, got {trans!r}")
    if not isinstance(lu_and_piv, (tuple, list)) or len(lu_and_piv) != 2:
        raise TypeError("lu_solve(): lu_and_piv must be a pair (lu, piv) as returned by "
                        "lu_factor")
    packed, piv = lu_and_piv
    return _lu_solve(packed, piv, b, trans, overwrite_b, check_finite)


# --- solve ---------------------------------------------------------------------------------------
_ASSUME = {
    None: "gen", "gen": "gen", "general": "gen", "tridiagonal": "gen",
    "sym": "sym", "symmetric": "sym", "her": "her", "hermitian": "her",
    "pos": "pos", "positive definite": "pos", "diagonal": "diagonal",
    "upper triangular": "upper", "lower triangular": "lower",
}


def solve_gen(a, b):
    """LU solve of matrix stacks (batch axes already broadcast)."""
    packed, _, perm = lax.lu(a)
    return lu_solve_perm(packed, perm, b)


@public(static=("lower", "overwrite_a", "overwrite_b", "check_finite", "assume_a", "transposed"))
def solve(a, b, lower=False, overwrite_a=False, overwrite_b=False, check_finite=True,
          assume_a=None, transposed=False):
    """Solve the linear system ``a x = b`` for square ``a``.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    b : array_like, shape (..., n, k) or (..., n)
    lower : bool
        For symmetric / Hermitian / positive-definite ``a``: read the lower
        triangle (default: upper), as LAPACK does.
    assume_a : str, optional
        'gen' (LU with partial pivoting, default), 'sym', 'her', 'pos'
        (Cholesky), 'diagonal', 'upper triangular', 'lower triangular';
        'tridiagonal' uses the general solver.
    transposed : bool
        Solve ``a^T x = b`` instead (complex ``a`` too, where scipy raises).
    overwrite_a, overwrite_b, check_finite : bool
        Accepted and ignored.

    Returns
    -------
    jax.Array
        The solution, shaped like ``b``; singular ``a`` gives inf / NaN
        (scipy raises LinAlgError, impossible under jit).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.solve([[3.0, 2.0], [1.0, 2.0]], [2.0, -2.0]), 4)
    Array([ 2., -2.], dtype=float32)
    """
    if assume_a not in _ASSUME:
        raise ValueError(f"solve(): assume_a must be one of {sorted(k for k in _ASSUME if k)}, "
                         f"got {assume_a!r}")
    kind = _ASSUME[assume_a]
    a = C.matrix("solve", a)
    a, b, vec = _rhs("solve", a, b)
    if transposed:
        a = C.mT(a)
        if kind in ("upper", "lower"):
            kind = "lower" if kind == "upper" else "upper"
    if kind == "gen":
        x = solve_gen(a, b)
    elif kind in ("sym", "her"):
        if kind == "her":
            full = D.hermitize(a, lower)
        else:
            full = lax.add(C.triangle(a, lower), C.mT(C.triangle(a, lower, -1 if lower else 1)))
        x = solve_gen(full, b)
    elif kind == "pos":
        c = D.chol(a, lower)
        x = tri_solve(c, b, lower=lower, trans=0 if lower else 2)
        x = tri_solve(c, x, lower=lower, trans=2 if lower else 0)
    elif kind == "diagonal":
        d = C.diagonal(a)
        x = lax.div(b, lax.broadcast_in_dim(d, b.shape, tuple(range(b.ndim - 1))))
    else:
        x = tri_solve(a, b, lower=(kind == "lower"))
    return _finish(x, vec)


@public(static=("overwrite_a", "check_finite"))
def inv(a, overwrite_a=False, check_finite=True):
    """Inverse of a square matrix (LU with partial pivoting).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.inv([[1.0, 2.0], [3.0, 4.0]]), 4)
    Array([[-2. ,  1. ],
           [ 1.5, -0.5]], dtype=float32)
    """
    a = C.matrix("inv", a)
    return solve_gen(a, C.eye_like(a))


@public(static=("overwrite_a", "check_finite"))
def det(a, overwrite_a=False, check_finite=True):
    """Determinant of a square matrix, from its LU factorization.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.det([[1.0, 2.0], [3.0, 4.0]]), 4)
    Array(-2., dtype=float32)
    """
    a = C.matrix("det", a)
    n = a.shape[-1]
    packed, piv, _ = lax.lu(a)
    swaps = lax.ne(piv, lax.broadcast_in_dim(lax.iota(piv.dtype, (n,), 0), piv.shape,
                                            (piv.ndim - 1,)))
    count = lax.reduce_sum(lax.convert_element_type(swaps, np.int32, False), (piv.ndim - 1,))
    odd = lax.eq(lax.rem(count, C.full(count.shape, 2, np.int32)), C.full(count.shape, 1, np.int32))
    sign = C.select(odd, C.full(count.shape, -1, a.dtype), C.full(count.shape, 1, a.dtype))
    return lax.mul(sign, lax.reduce_prod(C.diagonal(packed), (a.ndim - 2,)))


# --- least squares and pseudo-inverses ----------------------------------------------------------
def _cutoff(s, atol, rtol, default_rtol):
    smax = lax.reduce_max(s, (s.ndim - 1,))
    rtol = default_rtol if rtol is None and atol is None else (rtol or 0.0)
    cut = lax.max(lax.broadcast_in_dim(np.array(atol or 0.0, s.dtype), smax.shape, ()),
                  lax.mul(np.array(rtol, s.dtype), smax))
    return lax.broadcast_in_dim(cut, s.shape, tuple(range(s.ndim - 1)))


def _inv_above(s, cut):
    """1 / s where s > cut, else 0 (and the count of such s)."""
    keep = lax.gt(s, cut)
    safe = C.select(keep, s, C.full(s.shape, 1, s.dtype))
    inv = C.select(keep, lax.div(C.full(s.shape, 1, s.dtype), safe), C.full(s.shape, 0, s.dtype))
    rank = lax.reduce_sum(lax.convert_element_type(keep, np.int32, False), (s.ndim - 1,))
    return inv, rank


@public(static=("atol", "rtol", "return_rank", "check_finite"))
def _pinv(a, atol, rtol, return_rank, check_finite):
    a = C.matrix("pinv", a, square=False)
    u, s, vh = lax.svd(a, full_matrices=False, compute_uv=True, subset_by_index=None)
    m, n = a.shape[-2:]
    cut = _cutoff(s, atol, rtol, max(m, n) * C.eps(s.dtype))
    sinv, rank = _inv_above(s, cut)
    b = C.mm(C.scale_cols(C.mH(vh), lax.convert_element_type(sinv, a.dtype, False)), C.mH(u))
    return (b, rank) if return_rank else b


def _tol(name, argname, v):
    if v is None or isinstance(v, (int, float, np.integer, np.floating)):
        return None if v is None else float(v)
    raise TypeError(f"{name}(): {argname} must be a float or None (traced tolerances are not "
                    f"supported), got {type(v).__name__}")


def pinv(a, *, atol=None, rtol=None, return_rank=False, check_finite=True):
    """Moore-Penrose pseudo-inverse from the SVD.

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    atol, rtol : float, optional
        Singular values at or below ``max(atol, rtol * s_max)`` are treated
        as zero; default ``rtol = max(m, n) * eps``.
    return_rank : bool
        Also return the effective rank (a traced integer).
    check_finite : bool
        Accepted and ignored.

    Returns
    -------
    B or (B, rank)

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.pinv([[1.0, 2.0], [2.0, 4.0]]), 4)
    Array([[0.04, 0.08],
           [0.08, 0.16]], dtype=float32)
    """
    return _pinv(a, _tol("pinv", "atol", atol), _tol("pinv", "rtol", rtol), bool(return_rank),
                 check_finite)


@public(static=("atol", "rtol", "lower", "return_rank", "check_finite"))
def _pinvh(a, atol, rtol, lower, return_rank, check_finite):
    a = C.matrix("pinvh", a)
    v, w = lax.eigh(a, lower=lower, symmetrize_input=False, sort_eigenvalues=True,
                    subset_by_index=None)
    aw = lax.abs(w)
    cut = _cutoff(aw, atol, rtol, a.shape[-1] * C.eps(aw.dtype))
    keep = lax.gt(aw, cut)
    safe = C.select(keep, w, C.full(w.shape, 1, w.dtype))
    winv = C.select(keep, lax.div(C.full(w.shape, 1, w.dtype), safe), C.full(w.shape, 0, w.dtype))
    rank = lax.reduce_sum(lax.convert_element_type(keep, np.int32, False), (w.ndim - 1,))
    b = C.mm(C.scale_cols(v, lax.convert_element_type(winv, a.dtype, False)), C.mH(v))
    return (b, rank) if return_rank else b


def pinvh(a, atol=None, rtol=None, lower=True, return_rank=False, check_finite=True):
    """Pseudo-inverse of a Hermitian matrix from its eigendecomposition.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
        Hermitian; only the triangle named by ``lower`` is read.
    atol, rtol : float, optional
        Eigenvalues with ``|w| <= max(atol, rtol * max|w|)`` are dropped;
        default ``rtol = n * eps``.
    lower, return_rank, check_finite
        As in scipy (``check_finite`` ignored).

    Returns
    -------
    B or (B, rank)

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.pinvh([[1.0, 2.0], [2.0, 4.0]]), 4)
    Array([[0.04, 0.08],
           [0.08, 0.16]], dtype=float32)
    """
    return _pinvh(a, _tol("pinvh", "atol", atol), _tol("pinvh", "rtol", rtol), bool(lower),
                  bool(return_rank), check_finite)


@public(static=("cond", "overwrite_a", "overwrite_b", "check_finite", "lapack_driver"))
def _lstsq(a, b, cond, overwrite_a, overwrite_b, check_finite, lapack_driver):
    a = C.matrix("lstsq", a, square=False, batch=False)
    b = C.inexact("lstsq", b, "b")
    a, b = C.promote(a, b)
    vec = b.ndim == 1
    if vec:
        b = lax.expand_dims(b, (1,))
    if b.ndim != 2 or b.shape[0] != a.shape[0]:
        raise ValueError(f"lstsq(): incompatible dimensions: a has shape {a.shape}, b has shape "
                         f"{b.shape}")
    u, s, vh = lax.svd(a, full_matrices=False, compute_uv=True, subset_by_index=None)
    cut = _cutoff(s, None, cond, C.eps(s.dtype))
    sinv, rank = _inv_above(s, cut)
    x = C.mm(C.scale_cols(C.mH(vh), lax.convert_element_type(sinv, a.dtype, False)),
             C.mm(C.mH(u), b))
    r = lax.sub(b, C.mm(a, x))
    resid = lax.reduce_sum(lax.real(lax.mul(r, C.conj(r))) if C.is_complex(r) else lax.mul(r, r),
                           (0,))
    if vec:
        x = lax.squeeze(x, (1,))
        resid = lax.reshape(resid, (1,)) if resid.ndim else resid
    return x, resid, rank, s


def lstsq(a, b, cond=None, overwrite_a=False, overwrite_b=False, check_finite=True,
          lapack_driver=None):
    """Least-squares solution of ``a x = b`` (minimum norm), from the SVD.

    Parameters
    ----------
    a : array_like, shape (m, n)
    b : array_like, shape (m,) or (m, k)
    cond : float, optional
        Singular values below ``cond * s_max`` are treated as zero
        (default: machine epsilon).
    overwrite_a, overwrite_b, check_finite, lapack_driver
        Accepted and ignored.

    Returns
    -------
    (x, residues, rank, s)
        ``residues`` is always the squared 2-norm of ``b - a x`` per column
        (scipy returns an empty array unless ``m > n`` and ``a`` has full
        rank: a data-dependent shape); ``rank`` is a traced integer.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> x, res, rank, s = linalg.lstsq([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 2.0, 2.0])
    >>> [round(v, 4) for v in x.tolist()]  # intercept, slope
    [1.1667, 0.5]
    """
    if lapack_driver not in (None, "gelsd", "gelsy", "gelss"):
        raise ValueError(f"lstsq(): unknown lapack_driver {lapack_driver!r}")
    return _lstsq(a, b, _tol("lstsq", "cond", cond), overwrite_a, overwrite_b, check_finite,
                  lapack_driver)


# --- norm ----------------------------------------------------------------------------------------
def _abs2(x):
    return lax.real(lax.mul(x, lax.conj(x))) if C.is_complex(x) else lax.mul(x, x)


def _vector_norm(x, ord, axes):
    ax = lax.abs(x)
    if ord is None or ord == 2:
        return lax.sqrt(lax.reduce_sum(_abs2(x), axes))
    if ord == np.inf:
        return lax.reduce_max(ax, axes)
    if ord == -np.inf:
        return lax.reduce_min(ax, axes)
    if ord == 0:
        return lax.reduce_sum(lax.convert_element_type(
            lax.ne(ax, C.full(ax.shape, 0, ax.dtype)), ax.dtype, False), axes)
    if ord == 1:
        return lax.reduce_sum(ax, axes)
    p = np.array(ord, ax.dtype)
    s = lax.reduce_sum(lax.pow(ax, lax.broadcast_in_dim(p, ax.shape, ())), axes)
    return lax.pow(s, lax.broadcast_in_dim(np.array(1.0 / ord, ax.dtype), s.shape, ()))


def _matrix_norm(x, ord, rax, cax):
    ax = lax.abs(x)
    if ord in (None, "fro", "f"):
        return lax.sqrt(lax.reduce_sum(_abs2(x), (rax, cax)))
    if ord in (1, -1):
        s = lax.reduce_sum(ax, (rax,))
        c = cax - (1 if cax > rax else 0)
        return (lax.reduce_max if ord == 1 else lax.reduce_min)(s, (c,))
    if ord in (np.inf, -np.inf):
        s = lax.reduce_sum(ax, (cax,))
        r = rax - (1 if rax > cax else 0)
        return (lax.reduce_max if ord == np.inf else lax.reduce_min)(s, (r,))
    nd = x.ndim
    rest = tuple(i for i in range(nd) if i not in (rax, cax))
    y = lax.transpose(x, rest + (rax, cax))
    s = lax.svd(y, full_matrices=False, compute_uv=False, subset_by_index=None)
    if ord == "nuc":
        return lax.reduce_sum(s, (s.ndim - 1,))
    return (lax.reduce_max if ord == 2 else lax.reduce_min)(s, (s.ndim - 1,))


_MATRIX_ORDS = (None, "fro", "f", "nuc", 1, -1, 2, -2, np.inf, -np.inf)


@public(static=("ord", "axis", "keepdims", "check_finite"))
def _norm(a, ord, axis, keepdims, check_finite):
    x = C.inexact("norm", a)
    nd = x.ndim
    if axis is None:
        if ord is None:
            out = lax.sqrt(lax.reduce_sum(_abs2(x), tuple(range(nd))))
            axes = tuple(range(nd))
        elif nd == 1:
            axes = (0,)
            out = _vector_norm(x, ord, axes)
        elif nd == 2:
            axes = (0, 1)
            out = _matrix_norm(x, ord, 0, 1)
        else:
            raise ValueError("norm(): improper number of dimensions to norm (give axis)")
    else:
        axes = _util.canonicalize_axes(axis, nd, "norm")
        if len(axes) == 1:
            if isinstance(ord, str):
                raise ValueError(f"norm(): invalid norm order {ord!r} for vectors")
            out = _vector_norm(x, ord, axes)
        elif len(axes) == 2:
            if ord not in _MATRIX_ORDS:
                raise ValueError(f"norm(): invalid norm order {ord!r} for matrices")
            out = _matrix_norm(x, ord, axes[0], axes[1])
        else:
            raise ValueError("norm(): improper number of dimensions to norm")
    if keepdims:
        shp = tuple(1 if i in axes else d for i, d in enumerate(x.shape))
        out = lax.reshape(out, shp)
    return out


def norm(a, ord=None, axis=None, keepdims=False, check_finite=True):
    """Matrix or vector norm (numpy.linalg.norm's orders).

    Parameters
    ----------
    a : array_like
    ord : {None, 'fro', 'nuc', inf, -inf, 0, 1, -1, 2, -2, other number}
    axis : int or (int, int), optional
    keepdims : bool
    check_finite : bool
        Accepted and ignored.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.norm([[1.0, 2.0], [3.0, 4.0]], 1)
    Array(6., dtype=float32)
    """
    if isinstance(axis, list):
        axis = tuple(axis)
    if isinstance(ord, float) and abs(ord) != np.inf and ord == int(ord):
        ord = int(ord)
    return _norm(a, ord, axis, bool(keepdims), check_finite)


# --- structured systems --------------------------------------------------------------------------
def _fourier(n, dtype):
    return dft(n, dtype=dtype)


@public(static=("singular", "tol", "caxis", "baxis", "outaxis"))
def _solve_circulant(c, b, singular, tol, caxis, baxis, outaxis):
    from ..numpy.shape import moveaxis
    c = C.inexact("solve_circulant", c, "c")
    b = C.inexact("solve_circulant", b, "b")
    c, b = C.promote(c, b)
    c = moveaxis(c, caxis, -1)
    b = moveaxis(b, baxis, 0)
    n = c.shape[-1]
    if b.shape[0] != n:
        raise ValueError(f"solve_circulant(): b must have length {n} along baxis, got {b.shape}")
    cdt = dtypes.to_complex_dtype(c.dtype)
    # A circulant matrix is diagonalized by the DFT (Davis, "Circulant
    # matrices", 1979): C = F^-1 diag(F c) F, so x = F^-1 ((F b) / (F c)).
    f = _fourier(n, cdt)
    lam = C.mm(lax.convert_element_type(c, cdt, False), C.mT(f))       # (..., n)
    bb = lax.reshape(b, (n, int(np.prod(b.shape[1:], dtype=int))))
    fb = C.mm(f, lax.convert_element_type(bb, cdt, False))             # (n, k)
    mag = lax.abs(lam)
    # Near-zero Fourier modes (scipy's test): |lambda| <= tol, default n eps max|lambda|.
    t = tol if tol is not None else n * C.eps(mag.dtype) * 1.0
    cut = lax.mul(np.array(t, mag.dtype), lax.reduce_max(mag, (mag.ndim - 1,))) if tol is None \
        else lax.broadcast_in_dim(np.array(t, mag.dtype), mag.shape[:-1], ())
    cut = lax.broadcast_in_dim(cut, mag.shape, tuple(range(mag.ndim - 1)))
    small = lax.le(mag, cut)
    lam_safe = C.select(small, C.full(lam.shape, 1, cdt), lam)
    # 'lstsq' drops those modes; 'raise' (scipy raises LinAlgError) gives NaN, which the
    # inverse DFT spreads to every entry of that solution (no DFT entry is zero).
    fill = 0 if singular == "lstsq" else complex(np.nan, np.nan)
    inv = C.select(small, C.full(lam.shape, fill, cdt),
                   lax.div(C.full(lam.shape, 1, cdt), lam_safe))
    batch = lam.shape[:-1]
    k = fb.shape[-1]
    nb = len(batch)
    scaled = lax.mul(lax.broadcast_in_dim(fb, batch + (n, k), (nb, nb + 1)),
                     lax.broadcast_in_dim(inv, batch + (n, k), tuple(range(nb)) + (nb,)))
    x = lax.div(C.mm(C.conj(f), scaled), np.array(n, cdt))
    if not C.is_complex(c):
        x = lax.real(x)
    x = lax.reshape(x, batch + b.shape)
    # scipy puts the batch axes of c first, then b's axes with baxis -> outaxis.
    return moveaxis(x, nb, outaxis)


def solve_circulant(c, b, singular="raise", tol=None, caxis=-1, baxis=0, outaxis=0):
    """Solve ``C x = b`` for the circulant matrix ``C = circulant(c)``.

    Parameters
    ----------
    c : array_like
        First column(s) of the circulant matrix (along ``caxis``).
    b : array_like
        Right-hand side(s), length n along ``baxis``.
    singular : {'raise', 'lstsq'}
        'lstsq' drops the Fourier modes with ``|lambda| <= tol`` (a
        least-squares solution); 'raise' cannot raise under jit and returns
        NaN for a (near) singular ``C``, where scipy raises LinAlgError.
    tol : float, optional
        Default ``n * eps * max|lambda|``.
    caxis, baxis, outaxis : int
        Axes of ``c`` / ``b`` holding the vectors, and of the output.

    Returns
    -------
    jax.Array

    Notes
    -----
    Uses the DFT diagonalization with the DFT as a (static) matrix product,
    O(n^2) per right-hand side.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.solve_circulant([2.0, 1.0, 0.0], [1.0, 1.0, 1.0])
    Array([0.33333334, 0.33333334, 0.33333334], dtype=float32)
    """
    if singular not in ("raise", "lstsq"):
        raise ValueError(f"solve_circulant(): singular must be 'raise' or 'lstsq', got "
                         f"{singular!r}")
    return _solve_circulant(c, b, singular, _tol("solve_circulant", "tol", tol), int(caxis),
                            int(baxis), int(outaxis))


def _levinson(c, r, b):
    """Solve ``T x = b`` for the Toeplitz T = toeplitz(c, r) by the Levinson
    recursion (Levinson 1947; Durbin 1960; Golub & Van Loan, Alg. 4.7.3 for
    the nonsymmetric case): O(n^2) work with forward / backward vectors of
    growing length kept in fixed-size buffers."""
    n = c.shape[0]
    k = b.shape[1]
    dt = c.dtype
    t0 = lax.reshape(C.slice_last(c, 0, 1), ())
    idx = lax.iota(np.int32, (n,), 0)
    zero_n = C.full((n,), 0, dt)
    e0 = C.select(lax.eq(idx, C.full((n,), 0, np.int32)), C.full((n,), 1, dt), zero_n)
    f = lax.div(e0, lax.broadcast_in_dim(t0, (n,), ()))          # forward vector
    g = f                                                         # backward vector
    x = lax.div(C.select(lax.broadcast_in_dim(lax.eq(idx, C.full((n,), 0, np.int32)), (n, k), (0,)),
                         b, C.full((n, k), 0, dt)), lax.broadcast_in_dim(t0, (n, k), ()))

    revc = lax.pad(lax.rev(c, (0,)), np.array(0, dt), [(0, n, 0)])
    rshift = lax.pad(C.slice_last(r, 1, n), np.array(0, dt), [(0, 1, 0)])   # r[j + 1]

    def body(m, carry):
        m = lax.convert_element_type(m, np.int32, False)
        f, g, x = carry
        lane = lax.lt(idx, lax.broadcast_in_dim(m, (n,), ()))
        cm = lax.dynamic_slice(revc, (lax.sub(np.int32(n - 1), m),), (n,))  # c[m - j]
        # Extending to order m + 1: T [f; 0] = [e_1; ef] and T [0; g] = [eg; e_m].
        ef = lax.reduce_sum(C.select(lane, lax.mul(cm, f), zero_n), (0,))
        eg = lax.reduce_sum(C.select(lane, lax.mul(rshift, g), zero_n), (0,))
        one = np.array(1, dt)
        denom = lax.sub(one, lax.mul(ef, eg))
        # f' = (f_ext - ef * g_shift) / denom ; g' = (g_shift - eg * f_ext) / denom,
        # where f_ext = [f, 0] and g_shift = [0, g].
        g_shift = lax.pad(lax.slice(g, (0,), (n - 1,)), np.array(0, dt), [(1, 0, 0)])
        f_new = lax.div(lax.sub(f, lax.mul(ef, g_shift)), denom)
        g_new = lax.div(lax.sub(g_shift, lax.mul(eg, f)), denom)
        # x' = [x, 0] + (b[m] - sum_j T[m, j] x[j]) g'
        ex = lax.reduce_sum(C.select(lax.broadcast_in_dim(lane, (n, k), (0,)),
                                     lax.mul(lax.broadcast_in_dim(cm, (n, k), (0,)), x),
                                     C.full((n, k), 0, dt)), (0,))
        bm = lax.reshape(lax.dynamic_slice(b, (m, np.int32(0)), (1, k)), (k,))
        x_new = lax.add(x, lax.mul(lax.broadcast_in_dim(g_new, (n, k), (0,)),
                                   lax.broadcast_in_dim(lax.sub(bm, ex), (n, k), (1,))))
        return f_new, g_new, x_new

    _, _, x = C.fori_loop(1, n, body, (f, g, x))
    return x


@public(static=("check_finite",))
def _solve_toeplitz(c, r, b, check_finite):
    b = C.inexact("solve_toeplitz", b, "b")
    c, r, b = C.promote(c, r, b)
    n = c.shape[0]
    vec = b.ndim == 1
    if vec:
        b = lax.expand_dims(b, (1,))
    if b.shape[0] != n:
        raise ValueError(f"solve_toeplitz(): b must have {n} rows, got shape {b.shape}")
    shp = b.shape
    x = _levinson(c, r, lax.reshape(b, (n, int(np.prod(shp[1:], dtype=int)))))
    x = lax.reshape(x, shp)
    return lax.squeeze(x, (1,)) if vec else x


def solve_toeplitz(c_or_cr, b, check_finite=True):
    """Solve ``T x = b`` for a Toeplitz matrix by Levinson recursion, O(n^2).

    Parameters
    ----------
    c_or_cr : array_like or (c, r)
        First column (then ``r = conj(c)``), or first column and first row.
    b : array_like, shape (n,) or (n, ...)
    check_finite : bool
        Accepted and ignored.

    Returns
    -------
    jax.Array
        Shaped like ``b``.

    Notes
    -----
    Like scipy's, the Levinson recursion needs every leading principal
    submatrix of T to be nonsingular (true for positive-definite T); it is
    not pivoted.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> x = linalg.solve_toeplitz(([2.0, 1.0], [2.0, 0.5]), [1.0, 1.0])
    >>> [round(v, 4) for v in x.tolist()]
    [0.4286, 0.2857]
    """
    if isinstance(c_or_cr, tuple):
        c, r = c_or_cr
        c = C.inexact("solve_toeplitz", c, "c")
        r = C.inexact("solve_toeplitz", r, "r")
    else:
        c = C.inexact("solve_toeplitz", c_or_cr, "c_or_cr")
        r = C.conj(c)
    c = lax.reshape(c, (int(np.prod(c.shape, dtype=int)),))
    r = lax.reshape(r, (int(np.prod(r.shape, dtype=int)),))
    if c.shape != r.shape:
        raise ValueError(f"solve_toeplitz(): c and r must have the same length, got {c.shape} "
                         f"and {r.shape}")
    return _solve_toeplitz(c, r, b, check_finite)


def _banded_dense(name, ab, lu_):
    """Dense (n, n) matrix of LAPACK band storage: a[i, j] = ab[u + i - j, j]."""
    lo, up = lu_
    rows, n = ab.shape
    if rows != lo + up + 1:
        raise ValueError(f"{name}(): ab must have l + u + 1 = {lo + up + 1} rows, got {rows}")
    out = C.full((n, n), 0, ab.dtype)
    for r in range(rows):
        k = up - r  # diagonal offset j - i
        if abs(k) >= n:
            continue
        d = lax.slice(ab, (r, max(k, 0)), (r + 1, n + min(k, 0)))      # band row r, valid part
        m = C.diag_embed(lax.reshape(d, (n - abs(k),)))
        pad = [(0, k, 0), (k, 0, 0)] if k >= 0 else [(-k, 0, 0), (0, -k, 0)]
        out = lax.add(out, lax.pad(m, np.array(0, ab.dtype), pad))
    return out


@public(static=("l_and_u", "overwrite_ab", "overwrite_b", "check_finite"))
def _solve_banded(l_and_u, ab, b, overwrite_ab, overwrite_b, check_finite):
    ab = C.inexact("solve_banded", ab, "ab")
    if ab.ndim != 2:
        raise ValueError(f"solve_banded(): ab must be 2-d, got shape {ab.shape}")
    a = _banded_dense("solve_banded", ab, l_and_u)
    a, b, vec = _rhs("solve_banded", a, b)
    return _finish(solve_gen(a, b), vec)


def solve_banded(l_and_u, ab, b, overwrite_ab=False, overwrite_b=False, check_finite=True):
    """Solve ``a x = b`` for a banded ``a`` given in LAPACK band storage.

    Parameters
    ----------
    l_and_u : (int, int)
        Number of nonzero lower and upper diagonals.
    ab : array_like, shape (l + u + 1, n)
        ``ab[u + i - j, j] == a[i, j]``.
    b : array_like, shape (n,) or (n, k)
    overwrite_ab, overwrite_b, check_finite
        Accepted and ignored.

    Returns
    -------
    jax.Array

    Notes
    -----
    XLA has no banded kernels: the band is expanded to a dense matrix and
    solved by LU (O(n^3) instead of O(n (l + u)^2)).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> ab = [[0.0, 1.0, 1.0], [2.0, 2.0, 2.0], [1.0, 1.0, 0.0]]  # tridiagonal
    >>> x = linalg.solve_banded((1, 1), ab, [1.0, 1.0, 1.0])
    >>> [round(v, 4) for v in x.tolist()]
    [0.5, 0.0, 0.5]
    """
    try:
        lo, up = (int(v) for v in l_and_u)
    except (TypeError, ValueError):
        raise TypeError("solve_banded(): l_and_u must be a pair of ints") from None
    return _solve_banded((lo, up), ab, b, overwrite_ab, overwrite_b, check_finite)


@public(static=("overwrite_ab", "overwrite_b", "lower", "check_finite"))
def solveh_banded(ab, b, overwrite_ab=False, overwrite_b=False, lower=False, check_finite=True):
    """Solve ``a x = b`` for a Hermitian positive-definite banded ``a``.

    Parameters
    ----------
    ab : array_like, shape (u + 1, n)
        Upper form ``ab[u + i - j, j] == a[i, j]`` (i <= j), or with
        ``lower=True`` ``ab[i - j, j] == a[i, j]`` (i >= j).
    b : array_like, shape (n,) or (n, k)
    lower : bool
    overwrite_ab, overwrite_b, check_finite
        Accepted and ignored.

    Returns
    -------
    jax.Array

    Notes
    -----
    The band is expanded to a dense matrix and solved by Cholesky.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> x = linalg.solveh_banded([[0.0, 1.0, 1.0], [4.0, 4.0, 4.0]], [1.0, 1.0, 1.0])
    >>> [round(v, 4) for v in x.tolist()]
    [0.2143, 0.1429, 0.2143]
    """
    ab = C.inexact("solveh_banded", ab, "ab")
    if ab.ndim != 2:
        raise ValueError(f"solveh_banded(): ab must be 2-d, got shape {ab.shape}")
    u = ab.shape[0] - 1
    tri = _banded_dense("solveh_banded", ab, (u, 0) if lower else (0, u))
    a, b, vec = _rhs("solveh_banded", tri, b)
    c = D.chol(a, bool(lower))
    x = tri_solve(c, b, lower=bool(lower), trans=0 if lower else 2)
    x = tri_solve(c, x, lower=bool(lower), trans=2 if lower else 0)
    return _finish(x, vec)


# --- Sylvester / Lyapunov ------------------------------------------------------------------------
def _sylvester_triangular(t, s, f):
    """Solve ``T Y + Y S = F`` for upper-triangular T (m, m), S (n, n),
    column by column (Bartels & Stewart, CACM 15, 1972):
    ``(T + S[k, k] I) y_k = f_k - sum_{j<k} S[j, k] y_j``."""
    m, n = t.shape[-1], s.shape[-1]
    eye = C.eye(m, t.dtype)
    col = lax.iota(np.int32, (n,), 0)

    def body(k, y):
        k = lax.convert_element_type(k, np.int32, False)
        skk = lax.reshape(lax.dynamic_slice(s, (k, k), (1, 1)), ())
        sk = lax.reshape(lax.dynamic_slice(s, (np.int32(0), k), (n, 1)), (n,))
        sk = C.select(lax.lt(col, lax.broadcast_in_dim(k, (n,), ())), sk, C.full((n,), 0, s.dtype))
        fk = lax.dynamic_slice(f, (np.int32(0), k), (m, 1))
        rhs = lax.sub(fk, C.mm(y, lax.reshape(sk, (n, 1))))
        lhs = lax.add(t, lax.mul(eye, lax.broadcast_in_dim(skk, (m, m), ())))
        yk = tri_solve(lhs, rhs, lower=False)
        return lax.dynamic_update_slice(y, yk, (np.int32(0), k))

    return C.fori_loop(0, n, body, C.full((m, n), 0, t.dtype))


def _sylvester_2d(a, b, q, method, tol):
    """``a x + x b = q`` for one (m, m), (n, n), (m, n) triple of one complex
    dtype; NaN when some ``|eig(a)_i + eig(b)_j| < tol`` (``tol`` None: no check)."""
    if method == "schur":
        # Bartels-Stewart on the complex Schur forms a = U T U^H, b = V S V^H
        t, u = lax.schur(a, compute_schur_vectors=True, sort_eig_vals=False,
                         select_callable=None)
        s, v = lax.schur(b, compute_schur_vectors=True, sort_eig_vals=False,
                         select_callable=None)
        y = _sylvester_triangular(t, s, C.mm(C.mH(u), C.mm(q, v)))
        x = C.mm(u, C.mm(y, C.mH(v)))
        wa, wb = C.diagonal(t), C.diagonal(s)
    else:
        # eigendecompositions a = P Da P^-1, b = R Db R^-1: with F = P^-1 q R,
        # Y_ij = F_ij / (Da_i + Db_j) and x = P Y R^-1 (diagonalizable a, b)
        wa, p = lax.eig(a, compute_left_eigenvectors=False)
        wb, r = lax.eig(b, compute_left_eigenvectors=False)
        f = solve_gen(p, C.mm(q, r))
        x = C.mm(p, C.mm(lax.div(f, _pair_sums(wa, wb)), solve_gen(r, C.eye_like(r))))
    if tol is None:
        return x
    close = lax.reduce_or(lax.lt(lax.abs(_pair_sums(wa, wb)), tol), (0, 1))
    return C.select(lax.broadcast_in_dim(close, x.shape, ()), C.full(x.shape, np.nan, x.dtype), x)


def _pair_sums(wa, wb):
    """(m, n) matrix of ``wa_i + wb_j``."""
    shape = (wa.shape[0], wb.shape[0])
    return lax.add(lax.broadcast_in_dim(wa, shape, (0,)), lax.broadcast_in_dim(wb, shape, (1,)))


def _sylvester(name, a, b, q, method, tol):
    if method not in ("schur", "eigen"):
        raise ValueError(f"{name}(): method must be 'schur' or 'eigen', got {method!r}")
    a = C.matrix(name, a, "a")
    b = C.matrix(name, b, "b")
    q = C.inexact(name, q, "q")
    m, n = a.shape[-1], b.shape[-1]
    if q.ndim < 2 or q.shape[-2:] != (m, n):
        raise ValueError(f"{name}(): q must have shape (..., {m}, {n}), got {q.shape}")
    a, b, q = C.promote(a, b, q)
    batch = _util.broadcast_shapes(name, a.shape[:-2], b.shape[:-2], q.shape[:-2])
    real = not C.is_complex(a)
    cdt = dtypes.to_complex_dtype(a.dtype)
    flat = [lax.convert_element_type(lax.reshape(_util.broadcast_to(v, batch + v.shape[-2:]),
                                                 (int(np.prod(batch)),) + v.shape[-2:]), cdt,
                                     False) for v in (a, b, q)]
    if tol is not None:
        tol = lax.convert_element_type(C.inexact(name, tol, "tol"), C.real_dtype(cdt), False)
        if tol.ndim:
            raise ValueError(f"{name}(): tol must be a scalar, got shape {tol.shape}")
    one = lambda a, b, q: _sylvester_2d(a, b, q, method, tol)   # noqa: E731
    if batch:
        x = jax.vmap(one)(*flat)
    else:   # no vmap for one matrix: its batching rules bind jax's own primitives
        x = one(*(lax.reshape(v, v.shape[1:]) for v in flat))
    x = lax.reshape(x, batch + (m, n))
    return lax.real(x) if real else x


@public(static=("method",))
def solve_sylvester(a, b, q, *, method="schur", tol=1e-8):
    """Solve the Sylvester equation ``a x + x b = q``.

    Parameters
    ----------
    a : array_like, shape (..., m, m)
    b : array_like, shape (..., n, n)
    q : array_like, shape (..., m, n)
        Leading (batch) axes broadcast against each other.
    method : {'schur', 'eigen'}
        'schur' (default, scipy's algorithm): Bartels-Stewart on the complex
        Schur forms.  'eigen': through the eigendecompositions of ``a`` and
        ``b``; faster, but only for diagonalizable, well-conditioned
        eigenvectors (jax.scipy's option).
    tol : float
        As jax.scipy: the result is NaN when an eigenvalue of ``a`` plus one
        of ``b`` is within ``tol`` of zero (the equation is then singular or
        nearly so).

    Returns
    -------
    jax.Array, shape (..., m, n)
        Complex when any input is complex; real otherwise.

    Notes
    -----
    Both methods need XLA's Schur or eigen decomposition, CPU only.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.solve_sylvester([[1.0, 0.0], [0.0, 2.0]], [[3.0]], [[4.0], [5.0]])
    Array([[1.],
           [1.]], dtype=float32)
    """
    return _sylvester("solve_sylvester", a, b, q, method, tol)


@public
def solve_continuous_lyapunov(a, q):
    """Solve the continuous Lyapunov equation ``a x + x a^H = q``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> X = linalg.solve_continuous_lyapunov([[-1.0, 0.0], [0.0, -2.0]], jnp.eye(2))
    >>> [round(v, 4) for v in jnp.diag(X).tolist()]
    [-0.5, -0.25]
    """
    a = C.matrix("solve_continuous_lyapunov", a, batch=False)
    return _sylvester("solve_continuous_lyapunov", a, C.mH(a), q, "schur", None)


solve_lyapunov = solve_continuous_lyapunov


@public(static=("method",))
def _solve_discrete_lyapunov(a, q, method):
    a = C.matrix("solve_discrete_lyapunov", a, batch=False)
    q = C.matrix("solve_discrete_lyapunov", q, "q", batch=False)
    if q.shape != a.shape:
        raise ValueError(f"solve_discrete_lyapunov(): q must have shape {a.shape}, got {q.shape}")
    a, q = C.promote(a, q)
    n = a.shape[0]
    if method is None:
        method = "direct" if n < 10 else "bilinear"
    if method == "direct":
        # vec(x) = (I - kron(a, conj(a)))^-1 vec(q) (row-major vec).
        ca = C.conj(a)
        kr = lax.reshape(lax.mul(lax.broadcast_in_dim(a, (n, n, n, n), (0, 2)),
                                 lax.broadcast_in_dim(ca, (n, n, n, n), (1, 3))), (n * n, n * n))
        lhs = lax.sub(C.eye(n * n, a.dtype), kr)
        x = solve_gen(lhs, lax.reshape(q, (n * n, 1)))
        return lax.reshape(x, (n, n))
    # Bilinear (Cayley) map to a continuous equation (Popov 1964):
    # b = (a^H - I)(a^H + I)^-1,  c = 2 (a + I)^-1 q (a^H + I)^-1,
    # then b^H x + x b = -c.
    eye = C.eye(n, a.dtype)
    ah = C.mH(a)
    api = lax.add(a, eye)
    bmat = solve_gen(lax.add(ah, eye), lax.sub(ah, eye))   # commuting factors
    right = C.mH(solve_gen(api, C.mH(q)))                  # q (a^H + I)^-1
    cmat = lax.mul(np.array(2, a.dtype), solve_gen(api, right))
    return solve_sylvester(C.mH(bmat), bmat, lax.neg(cmat))


def solve_discrete_lyapunov(a, q, method=None):
    """Solve the discrete Lyapunov equation ``a x a^H - x + q = 0``.

    Parameters
    ----------
    a, q : array_like, shape (n, n)
    method : {None, 'direct', 'bilinear'}
        'direct' solves the n^2 x n^2 Kronecker system; 'bilinear' maps to a
        continuous Lyapunov equation (Schur based, CPU only).  Default:
        'direct' for n < 10, like scipy.

    Returns
    -------
    jax.Array, shape (n, n)

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> X = linalg.solve_discrete_lyapunov([[0.5, 0.0], [0.0, 0.5]], jnp.eye(2))
    >>> [round(v, 4) for v in jnp.diag(X).tolist()]
    [1.3333, 1.3333]
    """
    if method not in (None, "direct", "bilinear"):
        raise ValueError(f"solve_discrete_lyapunov(): method must be 'direct' or 'bilinear', "
                         f"got {method!r}")
    return _solve_discrete_lyapunov(a, q, method)


# --- Procrustes / subspace angles / qr_multiply --------------------------------------------------
@public(static=("check_finite",))
def orthogonal_procrustes(A, B, check_finite=True):
    """The unitary ``R`` minimizing ``||A R - B||_F`` (Schonemann 1966).

    Parameters
    ----------
    A, B : array_like, shape (m, n)
    check_finite : bool
        Accepted and ignored.

    Returns
    -------
    (R, scale)
        ``R = U V^H`` from the SVD ``A^H B = U S V^H``; ``scale = sum(S)``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> R, scale = linalg.orthogonal_procrustes([[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]])
    >>> [[round(abs(v), 4) for v in row] for row in R.tolist()], round(float(scale), 4)
    ([[0.0, 1.0], [1.0, 0.0]], 2.0)
    """
    A = C.matrix("orthogonal_procrustes", A, "A", square=False, batch=False)
    B = C.matrix("orthogonal_procrustes", B, "B", square=False, batch=False)
    if A.shape != B.shape:
        raise ValueError(f"orthogonal_procrustes(): A and B must have the same shape, got "
                         f"{A.shape} and {B.shape}")
    A, B = C.promote(A, B)
    u, s, vh = lax.svd(C.mm(C.mH(A), B), full_matrices=False, compute_uv=True,
                       subset_by_index=None)
    return C.mm(u, vh), lax.reduce_sum(s, (0,))


@public
def subspace_angles(A, B):
    """Principal angles between the column spaces of ``A`` and ``B``, descending.

    Parameters
    ----------
    A : array_like, shape (m, p)
    B : array_like, shape (m, q)

    Returns
    -------
    jax.Array, shape (min(p, q),)
        Angles in radians, largest first.

    Notes
    -----
    Knyazev & Argentati's algorithm (SIAM J. Sci. Comput. 23, 2002): cosines
    from the SVD of ``QA^H QB`` for the large angles, sines from the
    residual ``QB - QA QA^H QB`` for the small ones.  Orthonormal bases come
    from thin QR, so ``A`` and ``B`` must have full column rank (scipy's
    rank-revealing ``orth`` has a data-dependent shape).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> round(float(linalg.subspace_angles([[1.0], [0.0]], [[1.0], [1.0]])[0]), 4)  # pi / 4
    0.7854
    """
    A = C.matrix("subspace_angles", A, "A", square=False, batch=False)
    B = C.matrix("subspace_angles", B, "B", square=False, batch=False)
    if A.shape[0] != B.shape[0]:
        raise ValueError(f"subspace_angles(): A and B must have the same number of rows, got "
                         f"{A.shape} and {B.shape}")
    A, B = C.promote(A, B)
    qa, _ = lax.qr(A, pivoting=False, full_matrices=False)
    qb, _ = lax.qr(B, pivoting=False, full_matrices=False)
    if qa.shape[1] < qb.shape[1]:
        qa, qb = qb, qa
    qa_h_qb = C.mm(C.mH(qa), qb)
    sigma = lax.svd(qa_h_qb, full_matrices=False, compute_uv=False, subset_by_index=None)
    resid = lax.sub(qb, C.mm(qa, qa_h_qb))
    mu = lax.svd(resid, full_matrices=False, compute_uv=False, subset_by_index=None)
    rdt = sigma.dtype
    one = C.full(sigma.shape, 1, rdt)
    # Angles descending: cos = sigma reversed (ascending), sin = mu
    # (descending); asin is accurate for the small angles, acos for the rest.
    cos = lax.rev(sigma, (0,))
    small_angle = lax.ge(lax.mul(cos, cos), C.full(sigma.shape, 0.5, rdt))
    return C.select(small_angle, lax.asin(lax.min(mu, one)), lax.acos(lax.min(cos, one)))


@public(static=("mode", "pivoting", "conjugate", "overwrite_a", "overwrite_c"))
def qr_multiply(a, c, mode="right", pivoting=False, conjugate=False, overwrite_a=False,
                overwrite_c=False):
    """QR-decompose ``a`` and multiply ``c`` by ``Q``.

    Parameters
    ----------
    a : array_like, shape (..., m, n)
    c : array_like
        ``mode='left'``: shape (..., k, p) for ``Q @ c``; ``mode='right'``:
        shape (..., p, m) for ``c @ Q``; ``k = min(m, n)``.  Leading axes
        broadcast against ``a``'s (as jax.scipy).  A 1-d ``c`` is a column
        (left) or row (right) vector, and the product is 1-d.
    mode : {'left', 'right'}
    pivoting : bool
        Column pivoting; the permutation is returned too.
    conjugate : bool
        Use ``conj(Q)``.
    overwrite_a, overwrite_c : bool
        Accepted and ignored.

    Returns
    -------
    (CQ, R) or (CQ, R, P)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> cq, r = linalg.qr_multiply([[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]])
    """
    if mode not in ("left", "right"):
        raise ValueError(f"qr_multiply(): mode must be 'left' or 'right', got {mode!r}")
    a = C.matrix("qr_multiply", a, square=False)
    c = C.inexact("qr_multiply", c, "c")
    a, c = C.promote(a, c)
    onedim = c.ndim == 1   # a column (left) or row (right) vector, raveled back at the end
    if onedim:
        c = lax.expand_dims(c, (1,) if mode == "left" else (0,))
    m, n = a.shape[-2:]
    if mode == "left" and c.shape[-2] != min(m, n):
        raise ValueError(f"qr_multiply(): c must have {min(m, n)} rows for mode='left', got "
                         f"shape {c.shape}")
    if mode == "right" and c.shape[-1] != m:
        raise ValueError(f"qr_multiply(): c must have {m} columns for mode='right', got shape "
                         f"{c.shape}")
    a, c = _broadcast_batch("qr_multiply", a, c, 2, 2)
    out = lax.qr(a, pivoting=bool(pivoting), full_matrices=False)
    q, r = out[0], out[1]
    if conjugate:
        q = C.conj(q)
    cq = C.mm(q, c) if mode == "left" else C.mm(c, q)
    if onedim:
        cq = lax.reshape(cq, cq.shape[:-2] + (cq.shape[-2] * cq.shape[-1],))
    return (cq, r, out[2]) if pivoting else (cq, r)
