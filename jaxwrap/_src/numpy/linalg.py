"""numpy.linalg on jaxwrap's factorization primitives.

Every function reduces to the primitives of ``jaxwrap_extend._prims.linalg``
(lu, cholesky, qr, eigh, eig, svd, triangular_solve) plus products and
reductions.  All act on stacks of matrices (the last two axes) and work under
jit, vmap and autodiff.

Singular and ill-conditioned input (a documented difference from NumPy):
NumPy raises ``LinAlgError`` when a factorization fails on its (always
concrete) input; jaxwrap, like jax.numpy, never inspects array values, so the
same call works traced or not and costs no device-to-host sync: ``solve`` and
``inv`` of a singular matrix give inf/nan, ``cholesky`` of a matrix that is not
positive definite gives nan, ``det`` gives 0 and ``slogdet`` (0, -inf).
``LinAlgError`` (numpy's class, a ValueError) is raised for *static*
problems NumPy also reports with it: too few dimensions or non-square
matrices.

Derivatives: ``solve``, ``inv``, ``det`` and ``pinv`` have their own JVPs
(``det``'s goes through the adjugate, so it is correct for singular
matrices too; ``pinv``'s is Golub & Pereyra's (1973) formula); the others
differentiate through the primitives' rules (see the linalg primitive family
for where derivatives are undefined: repeated eigenvalues / singular values,
eigenvectors of ``eig``).
"""

from __future__ import annotations

import operator
from typing import NamedTuple

import jax
import numpy as np

from .. import dtypes, lax
from . import reductions, tensor, ufuncs
from ._util import (
    asarray,
    broadcast_shapes,
    broadcast_to,
    canonicalize_axis,
    check_arraylike,
    check_out,
    promote_dtypes,
    promote_dtypes_inexact,
    public,
    where,
)
from .shape import matrix_transpose
from .tensor import matmul, tensordot, vecdot

try:  # numpy's own result types, so isinstance checks against numpy's work
    from numpy.linalg._linalg import (
        EighResult,
        EigResult,
        QRResult,
        SlogdetResult,
        SVDResult,
    )
except ImportError:  # pragma: no cover  (older numpy)
    class EigResult(NamedTuple):
        eigenvalues: jax.Array
        eigenvectors: jax.Array

    class EighResult(NamedTuple):
        eigenvalues: jax.Array
        eigenvectors: jax.Array

    class QRResult(NamedTuple):
        Q: jax.Array
        R: jax.Array

    class SlogdetResult(NamedTuple):
        sign: jax.Array
        logabsdet: jax.Array

    class SVDResult(NamedTuple):
        U: jax.Array
        S: jax.Array
        Vh: jax.Array

LinAlgError = np.linalg.LinAlgError

__all__ = ["LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eig", "eigh", "eigvals",
           "eigvalsh", "inv", "lstsq", "matmul", "matrix_norm", "matrix_power", "matrix_rank",
           "matrix_transpose", "multi_dot", "norm", "outer", "pinv", "qr", "slogdet", "solve",
           "svd", "svdvals", "tensordot", "tensorinv", "tensorsolve", "trace", "vecdot",
           "vector_norm"]

_KERNEL_DTYPES = tuple(np.dtype(d) for d in (np.float32, np.float64, np.complex64,
                                              np.complex128))


# --- argument handling ------------------------------------------------------------------------
def _inexact(name: str, argname: str, a):
    """``a`` as an inexact array (jax's promotion: integers go to the default float)."""
    check_arraylike(name, a, argnames=[argname])
    (x,) = promote_dtypes_inexact(asarray(a, name=name))
    return x


def _kernel_input(name: str, argname: str, a, square: bool = False):
    """A stack of matrices the factorization kernels accept."""
    x = _inexact(name, argname, a)
    if x.ndim < 2:
        raise LinAlgError(f"{name}(): {argname} must have at least 2 dimensions (a matrix or "
                          f"a stack of matrices), got shape {x.shape}")
    if square and x.shape[-1] != x.shape[-2]:
        raise LinAlgError(f"{name}(): the last 2 dimensions of {argname} must be square, got "
                          f"shape {x.shape}")
    if x.dtype not in _KERNEL_DTYPES:
        if dtypes.issubdtype(x.dtype, np.complexfloating):
            x = lax.convert_element_type(x, np.complex64)
        else:  # float16 / bfloat16: the kernels start at single precision
            x = lax.convert_element_type(x, np.float32)
    return x


def _real_dtype(dt):
    dt = np.dtype(dt)
    return np.finfo(dt).dtype if dt.kind == "c" else dt


def _is_complex(x) -> bool:
    return np.dtype(x.dtype).kind == "c"


def _mH(x):
    x = matrix_transpose(x)
    return lax.conj(x) if _is_complex(x) else x


def _diag(x):
    """Main diagonals of a stack of matrices, as the last axis."""
    return tensor.diagonal(x, 0, -2, -1)


def _eye(n: int, batch, dtype):
    eye = lax.convert_element_type(lax.eq(lax.iota(np.int32, (n, n), 0),
                                          lax.iota(np.int32, (n, n), 1)), dtype)
    if batch:
        eye = lax.broadcast_in_dim(eye, tuple(batch) + (n, n), (len(batch), len(batch) + 1))
    return eye


def _one_hot_rows(perm, n: int, dtype):
    """P with P[..., i, j] = (perm[..., i] == j): ``P @ b`` is ``b[..., perm, :]``."""
    shape = perm.shape + (n,)
    nl = perm.ndim
    p = lax.broadcast_in_dim(perm, shape, tuple(range(nl)))
    return lax.convert_element_type(lax.eq(p, lax.iota(perm.dtype, shape, nl)), dtype)


def _permute_rows(b, perm):
    """``b[..., perm, :]`` for a (..., n, k) ``b`` and (..., n) ``perm``: one gather
    (the permutation is valid by construction, so no bounds handling)."""
    if 0 in b.shape:  # nothing to move (a gather's slice sizes must fit the operand)
        return b
    nb = b.ndim - 2
    batch = tuple(range(nb))
    dnums = lax.GatherDimensionNumbers(
        offset_dims=(nb + 1,), collapsed_slice_dims=(nb,), start_index_map=(nb,),
        operand_batching_dims=batch, start_indices_batching_dims=batch)
    idx = lax.reshape(perm, perm.shape + (1,))
    return lax.gather(b, idx, dnums, (1,) * (nb + 1) + (b.shape[-1],),
                      indices_are_sorted=False, unique_indices=True,
                      mode=lax.GatherScatterMode.PROMISE_IN_BOUNDS)


def _lu_solve(lu_, perm, b):
    """Solve A x = b given A's LU factors; ``b`` is (..., n, k) with A's batch shape."""
    pb = _permute_rows(b, perm)
    y = lax.triangular_solve(lu_, pb, left_side=True, lower=True, unit_diagonal=True)
    return lax.triangular_solve(lu_, y, left_side=True, lower=False)


def _pivot_sign(pivots, dtype):
    """(-1)^(number of row swaps) of LAPACK pivots, as ``dtype``."""
    swaps = lax.ne(pivots, lax.iota(pivots.dtype, pivots.shape, pivots.ndim - 1))
    count = reductions.sum(swaps, axis=-1)
    odd = lax.eq(lax.rem(count, np.array(2, count.dtype)), np.array(1, count.dtype))
    return lax.select_n(odd, _ones(odd.shape, dtype), _full(odd.shape, -1, dtype))


def _full(shape, value, dtype):
    return lax.broadcast_in_dim(np.array(value, dtype), tuple(shape), ())


def _ones(shape, dtype):
    return _full(shape, 1, dtype)


# --- solve, inv, det, slogdet -----------------------------------------------------------------
@jax.custom_jvp
def _solve_matrix(a, b):
    lu_, _, perm = lax.lu(a)
    return _lu_solve(lu_, perm, b)


@_solve_matrix.defjvp
def _solve_matrix_jvp(primals, tangents):
    # x = A^-1 b  =>  dx = A^-1 (db - dA x), reusing A's LU factors
    a, b = primals
    da, db = tangents
    lu_, _, perm = lax.lu(a)
    x = _lu_solve(lu_, perm, b)
    return x, _lu_solve(lu_, perm, lax.sub(db, matmul(da, x)))


@public
def solve(a, b):
    """Solve the linear system ``a @ x == b`` for ``x``.

    Parameters
    ----------
    a : array_like, (..., M, M)
        Coefficient matrices.
    b : array_like, (M,) or (..., M, K)
        Right-hand sides: a vector when ``b`` is 1-d, else a stack of matrices
        (the Array API rule of NumPy 2); batch axes broadcast against ``a``'s.

    Returns
    -------
    jax.Array
        ``x`` with shape (..., M) or (..., M, K).

    Notes
    -----
    Differences from NumPy: a singular ``a`` gives inf/nan entries instead of
    raising ``LinAlgError`` (values are never inspected, so this works under jit).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.linalg.solve(jnp.array([[2.0, 0.0], [0.0, 4.0]]), jnp.array([2.0, 2.0]))
    Array([1. , 0.5], dtype=float32)
    """
    name = "solve"
    check_arraylike(name, a, b, argnames=["a", "b"])
    a = _kernel_input(name, "a", a, square=True)
    b = asarray(b, name=name)
    a, b = promote_dtypes(a, b)
    m = a.shape[-1]
    if b.ndim == 1:
        if b.shape[0] != m:
            raise ValueError(f"solve(): b of shape {b.shape} does not match a of shape "
                             f"{a.shape} (b must have {m} entries)")
        batch = a.shape[:-2]
        bm = broadcast_to(lax.reshape(b, (m, 1)), batch + (m, 1))
        return lax.reshape(_solve_matrix(a, bm), batch + (m,))
    if b.shape[-2] != m:
        raise ValueError(f"solve(): b of shape {b.shape} does not match a of shape {a.shape} "
                         f"(b.shape[-2] must be {m}; a 1-d b is a vector, anything else a "
                         "stack of matrices)")
    batch = broadcast_shapes(name, a.shape[:-2], b.shape[:-2])
    a = broadcast_to(a, batch + a.shape[-2:])
    b = broadcast_to(b, batch + b.shape[-2:])
    return _solve_matrix(a, b)


@jax.custom_jvp
def _inv(a):
    lu_, _, perm = lax.lu(a)
    p = _one_hot_rows(perm, a.shape[-1], a.dtype)  # A^-1 = U^-1 L^-1 P
    y = lax.triangular_solve(lu_, p, left_side=True, lower=True, unit_diagonal=True)
    return lax.triangular_solve(lu_, y, left_side=True, lower=False)


@_inv.defjvp
def _inv_jvp(primals, tangents):
    (a,), (da,) = primals, tangents
    x = _inv(a)
    return x, lax.neg(matmul(x, matmul(da, x)))


@public
def inv(a):
    """Inverse of a (stack of) square matrices.

    Parameters
    ----------
    a : array_like, (..., M, M)

    Returns
    -------
    jax.Array
        ``ainv`` with ``a @ ainv == eye(M)``.

    Notes
    -----
    Differences from NumPy: a singular matrix gives inf/nan instead of raising.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.linalg.inv(jnp.array([[2.0, 0.0], [0.0, 4.0]]))
    Array([[0.5 , 0.  ],
           [0.  , 0.25]], dtype=float32)
    """
    return _inv(_kernel_input("inv", "a", a, square=True))


def _lu_det_parts(a):
    lu_, piv, _ = lax.lu(a)
    return _diag(lu_), _pivot_sign(piv, a.dtype)


@jax.custom_jvp
def _det(a):
    d, sign = _lu_det_parts(a)
    return lax.mul(reductions.prod(d, axis=-1), sign)


def _exclusive_products(s):
    """prod_{j != i} s_j along the last axis, without division (zeros allowed)."""
    ax = nl = s.ndim - 1
    n = s.shape[-1]
    if n <= 1:
        return _ones(s.shape, s.dtype)
    one = np.array(1, s.dtype)
    fwd = lax.cumprod(s, ax)
    bwd = lax.cumprod(s, ax, reverse=True)
    # before[i] = prod_{j<i}, after[i] = prod_{j>i}
    before = lax.pad(lax.slice(fwd, (0,) * s.ndim, s.shape[:-1] + (n - 1,)), one,
                     [(0, 0, 0)] * nl + [(1, 0, 0)])
    after = lax.pad(lax.slice(bwd, (0,) * nl + (1,), s.shape), one,
                    [(0, 0, 0)] * nl + [(0, 1, 0)])
    return lax.mul(before, after)


def _adjugate(a):
    """adj(a) = det(a) a^-1, valid for singular ``a`` too.

    With a = U S V^H: adj(a) = det(U) det(V^H) V diag(prod_{j != i} s_j) U^H.
    """
    u, s, vh = lax.svd(a, full_matrices=False)
    phase = lax.mul(_det(u), _det(vh))
    cof = _exclusive_products(s)
    cof = lax.convert_element_type(cof, a.dtype)
    scaled = lax.mul(_mH(vh), lax.broadcast_in_dim(cof, vh.shape, tuple(range(vh.ndim - 2))
                                                   + (vh.ndim - 1,)))
    adj = matmul(scaled, _mH(u))
    return lax.mul(adj, lax.broadcast_in_dim(phase, adj.shape, tuple(range(adj.ndim - 2))))


@_det.defjvp
def _det_jvp(primals, tangents):
    # d det(A) = trace(adj(A) dA)  (Jacobi's formula)
    (a,), (da,) = primals, tangents
    out = _det(a)
    if a.shape[-1] == 1:   # adj of a 1x1 matrix is [[1]]: d det = da (no SVD to transpose)
        return out, lax.reshape(da, da.shape[:-2])
    return out, reductions.sum(lax.mul(matrix_transpose(_adjugate(a)), da), axis=(-2, -1))


@public
def det(a):
    """Determinant of a (stack of) square matrices.

    Computed from the LU factorization (the product of U's diagonal and the
    pivots' sign).  The derivative uses the adjugate (Jacobi's formula), so it
    is finite for singular matrices too.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.linalg.det(jnp.array([[2.0, 1.0], [0.0, 3.0]]))
    Array(6., dtype=float32)
    """
    return _det(_kernel_input("det", "a", a, square=True))


def _slogdet_qr(a):
    """Diagonal of R and det(Q) from geqrf's Householder form: Q = H_1 ... H_n with
    H_i = I - tau_i v_i v_i^H, det(H_i) = 1 - tau_i |v_i|^2 (matrix determinant
    lemma; v_i has a unit leading entry and the packed column below the diagonal)."""
    h, tau = lax.geqrf(a)
    n = a.shape[-1]
    below = lax.lt(lax.iota(np.int32, (n, n), 1), lax.iota(np.int32, (n, n), 0))
    below = lax.broadcast_in_dim(below, a.shape, (a.ndim - 2, a.ndim - 1))
    vnorm2 = lax.add(reductions.sum(where(below, _abs2(h), np.array(0, _real_dtype(a.dtype))),
                                    axis=-2), np.array(1, _real_dtype(a.dtype)))
    det_h = lax.sub(np.array(1, a.dtype), lax.mul(tau, lax.convert_element_type(vnorm2, a.dtype)))
    return _diag(h), reductions.prod(det_h, axis=-1)


def _slogdet_impl(a, method):
    d, sign = (_slogdet_qr if method == "qr" else _lu_det_parts)(a)
    absd = lax.abs(d)
    logdet = reductions.sum(lax.log(absd), axis=-1)
    if _is_complex(d):
        unit = lax.div(d, lax.convert_element_type(absd, d.dtype))
    else:
        unit = lax.sign(d)
    sign = lax.mul(sign, reductions.prod(unit, axis=-1))
    singular = reductions.any(lax.eq(d, np.array(0, d.dtype)), axis=-1)
    sign = where(singular, np.array(0, sign.dtype), sign)
    logdet = where(singular, np.array(-np.inf, logdet.dtype), logdet)
    return SlogdetResult(sign, logdet)


_slogdet = jax.custom_jvp(_slogdet_impl, nondiff_argnums=(1,))


@_slogdet.defjvp
def _slogdet_jvp(method, primals, tangents):
    # d log det A = tr(A^-1 dA): its real part moves log|det A|, its imaginary
    # part the phase (d sign = i Im(tr) sign); the same for either method.
    (a,), (da,) = primals, tangents
    sign, logdet = _slogdet(a, method)
    lu_, _, perm = lax.lu(a)
    tr = reductions.sum(_diag(_lu_solve(lu_, perm, da)), axis=-1)
    if _is_complex(a):
        dlog = lax.real(tr)
        dsign = lax.mul(sign, lax.complex(np.array(0, dlog.dtype), lax.imag(tr)))
    else:
        dlog = tr
        dsign = lax.mul(sign, np.array(0, sign.dtype))
    return SlogdetResult(sign, logdet), SlogdetResult(dsign, dlog)


@public(static=("method",))
def slogdet(a, *, method=None):
    """Sign and natural log of the absolute value of the determinant.

    Parameters
    ----------
    a : array_like, (..., M, M)
    method : {None, 'lu', 'qr'}, optional
        The factorization: LU with partial pivoting (the default) or
        Householder QR (jax.numpy's option; slower, but no pivoting).

    Returns
    -------
    SlogdetResult
        ``(sign, logabsdet)``; for a singular matrix ``(0, -inf)``.
        ``sign`` is complex of modulus 1 for complex input.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.linalg.slogdet(jnp.array([[2.0, 0.0], [0.0, 3.0]]), method="qr").logabsdet
    Array(1.7917595, dtype=float32)
    """
    if method not in (None, "lu", "qr"):
        raise ValueError(f"slogdet(): unsupported method={method!r}; expected None, 'lu' or "
                         "'qr'")
    a = _kernel_input("slogdet", "a", a, square=True)
    return _slogdet(a, "qr" if method == "qr" else "lu")


# --- factorizations ---------------------------------------------------------------------------
@public(static=("upper", "symmetrize_input"))
def cholesky(a, /, *, upper=False, symmetrize_input=True):
    """Cholesky factor of a Hermitian positive-definite matrix.

    Parameters
    ----------
    a : array_like, (..., M, M)
    upper : bool, default False
        Return the upper factor U (a = U^H U) instead of the lower L (a = L L^H).
    symmetrize_input : bool, default True
        Factor (a + a^H) / 2 (as jax.numpy), which also makes the derivative
        symmetric.

    Notes
    -----
    Differences from NumPy: a matrix that is not positive definite gives nan
    instead of raising ``LinAlgError``.
    """
    a = _kernel_input("cholesky", "a", a, square=True)
    L = lax.cholesky(a, symmetrize_input=symmetrize_input)
    return _mH(L) if upper else L


def _lower_flag(name, UPLO):
    if UPLO is None or UPLO == "L":
        return True
    if UPLO == "U":
        return False
    raise ValueError(f"{name}(): UPLO must be 'L' or 'U', got {UPLO!r}")


@public(static=("UPLO", "symmetrize_input"))
def eigh(a, UPLO=None, symmetrize_input=True):
    """Eigenvalues and eigenvectors of a Hermitian matrix.

    Returns
    -------
    EighResult
        ``(eigenvalues, eigenvectors)``, eigenvalues ascending (real), the
        columns of ``eigenvectors`` orthonormal.

    Notes
    -----
    With ``symmetrize_input`` (default, as jax.numpy) the decomposition is of
    (a + a^H) / 2 and ``UPLO`` has no effect; with ``symmetrize_input=False``
    only the triangle ``UPLO`` names is read.
    """
    lower = _lower_flag("eigh", UPLO)
    a = _kernel_input("eigh", "a", a, square=True)
    v, w = lax.eigh(a, lower=lower, symmetrize_input=symmetrize_input)
    return EighResult(w, v)


@public(static=("UPLO", "symmetrize_input"))
def eigvalsh(a, UPLO="L", *, symmetrize_input=True):
    """Eigenvalues of a Hermitian matrix, ascending (see ``eigh``)."""
    return eigh(a, UPLO, symmetrize_input).eigenvalues


@public
def eig(a):
    """Eigenvalues and right eigenvectors of a general square matrix.

    Returns
    -------
    EigResult
        ``(eigenvalues, eigenvectors)``, always complex (as jax.numpy; NumPy
        returns real arrays when all eigenvalues are real).

    Notes
    -----
    Runs on CPU only (like jax.numpy).  Eigenvalues are differentiable,
    eigenvectors are not.
    """
    a = _kernel_input("eig", "a", a, square=True)
    w, v = lax.eig(a, compute_left_eigenvectors=False)
    return EigResult(w, v)


@public
def eigvals(a):
    """Eigenvalues of a general square matrix (complex; see ``eig``)."""
    a = _kernel_input("eigvals", "a", a, square=True)
    return lax.eig(a, compute_left_eigenvectors=False, compute_right_eigenvectors=False)[0]


@public(static=("full_matrices", "compute_uv", "hermitian", "subset_by_index"))
def svd(a, full_matrices=True, compute_uv=True, hermitian=False, subset_by_index=None):
    """Singular value decomposition ``a = U @ diag(S) @ Vh``.

    Parameters
    ----------
    a : array_like, (..., M, N)
    full_matrices : bool, default True
        U (..., M, M) and Vh (..., N, N); otherwise K = min(M, N) columns/rows.
    compute_uv : bool, default True
        Return only S when False.
    hermitian : bool, default False
        Accepted for NumPy compatibility; the general kernel is used (same
        singular values; vectors may differ by a phase).
    subset_by_index : (int, int), optional
        Only singular values with indices in [start, end) (descending order;
        requires ``full_matrices=False``).

    Returns
    -------
    SVDResult or jax.Array
        ``(U, S, Vh)`` with S descending, or S.
    """
    del hermitian
    a = _kernel_input("svd", "a", a)
    if subset_by_index is not None:
        subset_by_index = tuple(operator.index(i) for i in subset_by_index)
    out = lax.svd(a, full_matrices=full_matrices, compute_uv=compute_uv,
                  subset_by_index=subset_by_index)
    return SVDResult(*out) if compute_uv else out


@public
def svdvals(x, /):
    """Singular values of a (stack of) matrices, descending."""
    return lax.svd(_kernel_input("svdvals", "x", x), compute_uv=False)


_QR_MODES = ("reduced", "complete", "r", "raw")


@public(static=("mode",))
def qr(a, mode="reduced"):
    """QR factorization ``a = Q @ R``.

    Parameters
    ----------
    a : array_like, (..., M, N)
    mode : {'reduced', 'complete', 'r', 'raw'}
        'reduced': Q (..., M, K), R (..., K, N) with K = min(M, N);
        'complete': Q (..., M, M), R (..., M, N); 'r': R alone (K rows);
        'raw': LAPACK geqrf's Householder form as NumPy returns it.

    Returns
    -------
    QRResult or jax.Array, or for 'raw' the tuple ``(h, tau)``
        ``h`` (..., N, M) is geqrf's packed matrix transposed (NumPy hands
        back LAPACK's Fortran-order array, which reads as the transpose):
        R in its lower triangle, the reflectors above the diagonal;
        ``tau`` (..., K) the reflector scales.

    Notes
    -----
    Derivatives exist for every shape and mode but 'raw' (none, like jax's
    geqrf): wide input through its leading square block, 'complete' Q of a
    tall input through LAPACK's Householder completion, as jax.
    """
    if mode not in _QR_MODES:
        raise ValueError(f"qr(): unrecognized mode {mode!r}; expected one of "
                         f"{', '.join(_QR_MODES)}")
    a = _kernel_input("qr", "a", a)
    if mode == "raw":
        h, tau = lax.geqrf(a)
        return matrix_transpose(h), tau
    q, r = lax.qr(a, full_matrices=(mode == "complete"))
    return r if mode == "r" else QRResult(q, r)


# --- least squares, pseudo-inverse, rank, condition number ----------------------------------
def _default_rtol(a):
    return float(max(a.shape[-2:]) * np.finfo(a.dtype).eps)


def lstsq(a, b, rcond=None, *, numpy_resid=False):
    """Least-squares solution of ``a @ x = b``.

    Parameters
    ----------
    a : array_like, (M, N)
    b : array_like, (M,) or (M, K)
    rcond : float, optional
        Singular values below ``rcond * largest`` count as zero; default
        ``eps * max(M, N)`` (NumPy's); negative means machine epsilon.
    numpy_resid : bool, default False
        False (jax.numpy's rule, fixed shapes under jit): the residuals are
        always returned.  True: NumPy's rule, an empty array when the rank is
        below N or M <= N (needs concrete input).

    Returns
    -------
    x, residuals, rank, s
    """
    x, resid, rank, s = _lstsq(a, b, rcond)
    if numpy_resid:
        m, n = np.shape(a)[-2:]
        if int(rank) < n or m <= n:
            resid = _empty(resid.dtype)
    return x, resid, rank, s


def _empty(dtype):
    return jax.device_put(np.zeros((0,), dtype))


@public
def _lstsq(a, b, rcond):
    name = "lstsq"
    check_arraylike(name, a, b, argnames=["a", "b"])
    a, b = promote_dtypes_inexact(asarray(a, name=name), asarray(b, name=name))
    if a.ndim != 2:
        raise LinAlgError(f"lstsq(): a must be two-dimensional, got shape {a.shape}")
    if b.ndim not in (1, 2):
        raise LinAlgError(f"lstsq(): b must be one- or two-dimensional, got shape {b.shape}")
    if a.shape[0] != b.shape[0]:
        raise LinAlgError(f"lstsq(): a of shape {a.shape} and b of shape {b.shape} must have "
                          "the same number of rows")
    a = _kernel_input(name, "a", a)
    b = lax.convert_element_type(b, a.dtype) if b.dtype != a.dtype else b
    vector = b.ndim == 1
    if vector:
        b = lax.reshape(b, (b.shape[0], 1))
    m, n = a.shape
    rdt = _real_dtype(a.dtype)
    if rcond is None:
        rc = np.array(np.finfo(rdt).eps * max(m, n), rdt)
    else:
        rc = asarray(rcond, name=name)
        rc = lax.convert_element_type(rc, rdt) if rc.dtype != rdt else rc
        rc = where(lax.lt(rc, np.array(0, rdt)), np.array(np.finfo(rdt).eps, rdt), rc)
    u, s, vh = lax.svd(a, full_matrices=False)
    k = s.shape[0]
    if k:
        smax = lax.reshape(lax.slice(s, (0,), (1,)), ())
        # s > 0 too: for a zero matrix (smax = 0) nothing is kept, so x = 0 (the
        # minimum-norm solution) and rank = 0, as numpy and jax
        keep = lax.and_(lax.ge(s, ufuncs.multiply(rc, smax)), lax.gt(s, np.array(0, rdt)))
    else:
        keep = lax.eq(s, s)
    rank = reductions.sum(keep)
    s_inv = where(keep, lax.div(_ones(s.shape, rdt), where(keep, s, np.array(1, rdt))),
                  np.array(0, rdt))
    s_inv = lax.convert_element_type(s_inv, a.dtype)
    utb = matmul(_mH(u), b, precision="highest")
    x = matmul(_mH(vh), lax.mul(lax.broadcast_in_dim(s_inv, utb.shape, (0,)), utb),
               precision="highest")
    r = lax.sub(b, matmul(a, x, precision="highest"))
    resid = reductions.sum(_abs2(r), axis=0)
    if vector:
        x = lax.reshape(x, (n,))
    return x, resid, rank, s


def _abs2(x):
    if _is_complex(x):
        re, im = lax.real(x), lax.imag(x)
        return lax.add(lax.mul(re, re), lax.mul(im, im))
    return lax.mul(x, x)


def _rtol_column(rtol, s):
    """``rtol`` (scalar or per-matrix array) broadcast as (..., 1) against ``s``."""
    rt = asarray(rtol)
    rdt = s.dtype
    rt = lax.convert_element_type(rt, rdt) if rt.dtype != rdt else rt
    batch = s.shape[:-1]
    shape = broadcast_shapes("rtol", rt.shape, batch)
    if shape != batch:
        raise ValueError(f"rtol/rcond of shape {rt.shape} does not broadcast to the batch "
                         f"shape {batch}")
    return lax.broadcast_in_dim(broadcast_to(rt, batch), batch + (1,), tuple(range(len(batch))))


def _largest(s):
    """s[..., :1] (the largest singular value, kept as an axis)."""
    return lax.slice(s, (0,) * s.ndim, s.shape[:-1] + (min(1, s.shape[-1]),))


@jax.custom_jvp
def _pinv(a, rtol):
    u, s, vh = lax.svd(a, full_matrices=False)
    if s.shape[-1] == 0:
        return _mH(lax.broadcast_in_dim(np.array(0, a.dtype), a.shape, ()))
    cutoff = lax.mul(_rtol_column(rtol, s), _largest(s))
    cutoff = lax.broadcast_in_dim(cutoff, s.shape, tuple(range(s.ndim)))
    big = lax.gt(s, cutoff)
    s_inv = where(big, lax.div(_ones(s.shape, s.dtype), where(big, s, np.array(1, s.dtype))),
                  np.array(0, s.dtype))
    s_inv = lax.convert_element_type(s_inv, a.dtype)
    v = _mH(vh)
    scaled = lax.mul(v, lax.broadcast_in_dim(s_inv, v.shape, tuple(range(v.ndim - 2))
                                             + (v.ndim - 1,)))
    return matmul(scaled, _mH(u), precision="highest")


def _chain(*mats):
    """Product of a chain of (stacks of) matrices in the cheapest association
    order for their static shapes, so that no intermediate is larger than it
    must be (e.g. never m x m for a tall m x n operand)."""
    dims = [mats[0].shape[-2]] + [x.shape[-1] for x in mats]
    split = _chain_order(dims)

    def product(i, j):
        if i == j:
            return mats[i]
        s = split[i][j]
        return matmul(product(i, s), product(s + 1, j), precision="highest")

    return product(0, len(mats) - 1)


@_pinv.defjvp
def _pinv_jvp(primals, tangents):
    # Golub & Pereyra (1973): for fixed rank,
    # dP = -P dA P + P P^H dA^H (I - A P) + (I - P A) dA^H P^H P,
    # expanded so that no identity (m x m or n x n) is formed and each product
    # chain is associated by shape: memory stays O(m n) for tall or wide ``a``.
    a, rtol = primals
    da, _ = tangents
    p = _pinv(a, rtol)
    dah, ph = _mH(da), _mH(p)
    t1 = _chain(p, da, p)
    t2 = lax.sub(_chain(p, ph, dah), _chain(p, ph, dah, a, p))
    t3 = lax.sub(_chain(dah, ph, p), _chain(p, a, dah, ph, p))
    return p, lax.add(lax.sub(t2, t1), t3)


@public(static=("hermitian",))
def pinv(a, rcond=None, hermitian=False, *, rtol=None):
    """Moore-Penrose pseudo-inverse, from the SVD.

    Parameters
    ----------
    a : array_like, (..., M, N)
    rcond, rtol : array_like, optional
        Singular values at most ``rtol * largest`` are treated as zero (one
        of the two may be given; they mean the same).  Default
        ``10 * max(M, N) * eps`` (jax.numpy's; NumPy's 1e-15 is below float32
        resolution).
    hermitian : bool
        Accepted for NumPy compatibility (the general SVD is used).
    """
    del hermitian
    if rcond is not None and rtol is not None:
        raise ValueError("pinv(): give at most one of 'rcond' and 'rtol'")
    a = _kernel_input("pinv", "a", a)
    tol = rtol if rtol is not None else rcond
    if tol is None:
        tol = 10.0 * _default_rtol(a)
    tol = asarray(tol, name="pinv")
    tol = lax.convert_element_type(tol, _real_dtype(a.dtype))
    return _pinv(a, tol)


@public(static=("hermitian",))
def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """Rank of a (stack of) matrices: the number of singular values above a threshold.

    Parameters
    ----------
    A : array_like, (..., M, N) (or < 2-d: rank 1 unless all zero)
    tol : array_like, optional
        Absolute threshold.
    rtol : array_like, optional
        Relative threshold (times the largest singular value); default
        ``max(M, N) * eps``.  At most one of ``tol`` and ``rtol``.
    hermitian : bool
        Accepted for NumPy compatibility.
    """
    del hermitian
    if tol is not None and rtol is not None:
        raise ValueError("matrix_rank(): give at most one of 'tol' and 'rtol'")
    x = _inexact("matrix_rank", "A", A)
    if x.ndim < 2:
        return lax.convert_element_type(reductions.any(lax.ne(x, np.array(0, x.dtype))),
                                        dtypes.default_int_dtype())
    x = _kernel_input("matrix_rank", "A", x)
    s = lax.svd(x, compute_uv=False)
    if s.shape[-1] == 0:
        return reductions.sum(lax.eq(s, s), axis=-1)
    if tol is None:
        rt = _default_rtol(x) if rtol is None else rtol
        thresh = lax.mul(_rtol_column(rt, s), _largest(s))
    else:
        thresh = _rtol_column(tol, s)
    thresh = lax.broadcast_in_dim(thresh, s.shape, tuple(range(s.ndim)))
    return reductions.sum(lax.gt(s, thresh), axis=-1)


@public(static=("p",))
def cond(x, p=None):
    """Condition number of a (stack of) matrices in the norm ``p``.

    ``p`` in {None, 2, -2} uses the singular values (any shape); other orders
    ('fro', 'nuc', inf, -inf, 1, -1) need square matrices and use
    ``norm(x) * norm(inv(x))``.  Singular matrices give inf (like NumPy).
    """
    x = _kernel_input("cond", "x", x)
    if p in (None, 2, -2):
        s = lax.svd(x, compute_uv=False)
        k = s.shape[-1]
        first = lax.slice(s, (0,) * s.ndim, s.shape[:-1] + (1,))
        last = lax.slice(s, (0,) * (s.ndim - 1) + (k - 1,), s.shape)
        r = lax.div(last, first) if p == -2 else lax.div(first, last)
        return lax.reshape(r, s.shape[:-1])
    if x.shape[-1] != x.shape[-2]:
        raise LinAlgError(f"cond(): p={p!r} needs square matrices, got shape {x.shape}")
    r = lax.mul(_matrix_norm(x, p, keepdims=False),
                _matrix_norm(_inv(x), p, keepdims=False))
    # a singular matrix: inf, unless the input itself holds nan
    had_nan = reductions.any(ufuncs.isnan(x), axis=(-2, -1))
    return where(lax.and_(ufuncs.isnan(r), lax.not_(had_nan)), np.array(np.inf, r.dtype), r)


# --- norms ------------------------------------------------------------------------------------
def _abs(x):
    return lax.abs(x)


def _vector_norm(x, ord, axes, keepdims):
    """p-norm of ``x`` over ``axes`` (all treated as one flattened vector)."""
    ax = axes
    if ord is None or ord == 2:
        return lax.sqrt(reductions.sum(_abs2(x), axis=ax, keepdims=keepdims))
    a = _abs(x)
    if ord == np.inf:
        return reductions.max(a, axis=ax, keepdims=keepdims)
    if ord == -np.inf:
        return reductions.min(a, axis=ax, keepdims=keepdims)
    if ord == 0:
        nz = lax.convert_element_type(lax.ne(a, np.array(0, a.dtype)), a.dtype)
        return reductions.sum(nz, axis=ax, keepdims=keepdims)
    if ord == 1:
        return reductions.sum(a, axis=ax, keepdims=keepdims)
    if isinstance(ord, str):
        raise ValueError(f"norm(): invalid norm order {ord!r} for vectors")
    p = np.array(ord, a.dtype)
    total = reductions.sum(lax.pow(a, lax.broadcast_in_dim(p, a.shape, ())), axis=ax,
                           keepdims=keepdims)
    return lax.pow(total, lax.broadcast_in_dim(np.array(1.0 / ord, a.dtype), total.shape, ()))


def _matrix_norm(x, ord, keepdims, axes=(-2, -1)):
    """Matrix norm over the two ``axes`` (rows, cols)."""
    nd = x.ndim
    row, col = (canonicalize_axis(a, nd, "norm") for a in axes)
    if row == col:
        raise ValueError("norm(): duplicate axes given")
    if ord is None or ord == "fro":
        return lax.sqrt(reductions.sum(_abs2(x), axis=(row, col), keepdims=keepdims))
    if ord in (1, -1, np.inf, -np.inf):
        # 1: max column sum (sum over rows); inf: max row sum (sum over columns)
        summed_ax, other_ax = (row, col) if ord in (1, -1) else (col, row)
        sums = reductions.sum(_abs(x), axis=summed_ax, keepdims=True)
        pick = reductions.max if ord in (1, np.inf) else reductions.min
        out = pick(sums, axis=other_ax, keepdims=True)
        if not keepdims:
            out = lax.reshape(out, tuple(d for i, d in enumerate(out.shape)
                                         if i not in (row, col)))
        return out
    if ord in (2, -2, "nuc"):
        rest = [i for i in range(nd) if i not in (row, col)]
        moved = lax.transpose(x, tuple(rest) + (row, col))
        s = lax.svd(_kernel_input("norm", "x", moved), compute_uv=False)
        s = lax.convert_element_type(s, _real_dtype(x.dtype)) \
            if s.dtype != _real_dtype(x.dtype) else s
        if ord == "nuc":
            out = reductions.sum(s, axis=-1)
        elif s.shape[-1] == 0:
            out = reductions.sum(s, axis=-1)
        else:
            k = s.shape[-1]
            i = 0 if ord == 2 else k - 1
            out = lax.reshape(lax.slice(s, (0,) * (s.ndim - 1) + (i,),
                                        s.shape[:-1] + (i + 1,)), s.shape[:-1])
        if keepdims:
            out = lax.reshape(out, tuple(1 if i in (row, col) else d
                                         for i, d in enumerate(x.shape)))
        return out
    raise ValueError(f"norm(): invalid norm order {ord!r} for matrices")


def _norm_axes(name, axis, nd):
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        return tuple(canonicalize_axis(a, nd, name) for a in axis)
    try:
        return (canonicalize_axis(axis, nd, name),)
    except TypeError:
        raise TypeError(f"{name}(): 'axis' must be None, an integer or a tuple of integers, "
                        f"got {axis!r}") from None


def _static_ord(ord):
    if isinstance(ord, (np.generic, np.ndarray)) and np.ndim(ord) == 0:
        return ord.item()
    return ord


@public(static=("ord", "axis", "keepdims"))
def norm(x, ord=None, axis=None, keepdims=False):
    """Matrix or vector norm (NumPy's rules for ``ord`` and ``axis``).

    Parameters
    ----------
    x : array_like
    ord : {None, 'fro', 'nuc', inf, -inf, 0, 1, -1, 2, -2, float}, optional
    axis : None, int or 2-tuple of ints
        An int: vector norms along it; a pair: matrix norms; None: the whole
        array as a vector (``ord=None``) or, for 1-d/2-d ``x``, its vector or
        matrix norm.
    keepdims : bool

    Returns
    -------
    jax.Array
        Real, of ``x``'s (inexact) precision.
    """
    x = _inexact("norm", "x", x)
    if axis is None:
        if ord is None:
            out = lax.sqrt(reductions.sum(_abs2(x), keepdims=keepdims))
            return out
        if x.ndim not in (1, 2):
            raise ValueError(f"norm(): improper number of dimensions to norm: ord={ord!r} "
                             f"needs a 1-d or 2-d x (or an explicit axis), got shape {x.shape}")
        axes = tuple(range(x.ndim))
    else:
        axes = _norm_axes("norm", axis, x.ndim)
    if len(axes) == 1:
        if isinstance(ord, str):
            raise ValueError(f"norm(): invalid norm order {ord!r} for vectors")
        return _vector_norm(x, ord, axes, keepdims)
    if len(axes) == 2:
        return _matrix_norm(x, ord, keepdims, axes)
    raise ValueError(f"norm(): improper number of dimensions to norm: axis={axis!r}")


@public(static=("axis", "keepdims", "ord"))
def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """Vector norm over ``axis`` (None: all axes; a tuple: those axes as one vector)."""
    x = _inexact("vector_norm", "x", x)
    if isinstance(ord, str):
        raise ValueError(f"vector_norm(): invalid norm order {ord!r} for vectors")
    axes = tuple(range(x.ndim)) if axis is None else _norm_axes("vector_norm", axis, x.ndim)
    if x.ndim == 0:
        x = lax.reshape(x, (1,))
        axes = (0,)
        out = _vector_norm(x, ord, axes, keepdims=False)
        return out
    return _vector_norm(x, ord, axes, keepdims)


@public(static=("keepdims", "ord"))
def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """Matrix norm of a stack of matrices (the last two axes)."""
    x = _inexact("matrix_norm", "x", x)
    if x.ndim < 2:
        raise ValueError(f"matrix_norm(): x must have at least 2 dimensions, got shape "
                         f"{x.shape}")
    return _matrix_norm(x, ord, keepdims)


# --- products and structure -----------------------------------------------------------------
@public(static=("n",))
def matrix_power(a, n):
    """Raise a (stack of) square matrices to the integer power ``n``.

    ``n < 0`` inverts first; ``n == 0`` gives identities.  Uses repeated
    squaring (about 2 log2|n| products).
    """
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"matrix_power(): exponent n must be an integer, got {n!r}") from None
    x = _inexact("matrix_power", "a", a) if n < 0 else asarray(a, name="matrix_power")
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        raise LinAlgError(f"matrix_power(): a must be a (stack of) square matrices, got shape "
                          f"{x.shape}")
    if n == 0:
        return _eye(x.shape[-1], x.shape[:-2], x.dtype)
    if n < 0:
        x = _inv(_kernel_input("matrix_power", "a", x))
        n = -n
    result = None
    base = x
    while n:
        if n & 1:
            result = base if result is None else matmul(result, base)
        n >>= 1
        if n:
            base = matmul(base, base)
    return result


def _chain_order(dims):
    """Matrix-chain order (classic O(k^3) dynamic programme): split[i][j]."""
    k = len(dims) - 1
    cost = [[0] * k for _ in range(k)]
    split = [[0] * k for _ in range(k)]
    for length in range(1, k):
        for i in range(k - length):
            j = i + length
            best = None
            for s in range(i, j):
                c = cost[i][s] + cost[s + 1][j] + dims[i] * dims[s + 1] * dims[j + 1]
                if best is None or c < best:
                    best, split[i][j] = c, s
            cost[i][j] = best
    return split


@public(static=("precision",))
def _multi_dot(arrays, *, precision):
    dims = [arrays[0].shape[0]] + [a.shape[1] for a in arrays]
    split = _chain_order(dims)

    def product(i, j):
        if i == j:
            return arrays[i]
        s = split[i][j]
        return matmul(product(i, s), product(s + 1, j), precision=precision)

    return product(0, len(arrays) - 1)


def multi_dot(arrays, *, out=None, precision=None):
    """Product of two or more matrices in the cheapest association order.

    The first array may be 1-d (a row vector) and the last 1-d (a column
    vector); the others must be 2-d.
    """
    check_out("multi_dot", out)
    arrays = list(arrays)
    if len(arrays) < 2:
        raise ValueError("multi_dot(): expecting at least two arrays")
    check_arraylike("multi_dot", *arrays)
    arrays = promote_dtypes(*[asarray(a, name="multi_dot") for a in arrays])
    first_vec, last_vec = arrays[0].ndim == 1, arrays[-1].ndim == 1
    if first_vec:
        arrays[0] = lax.reshape(arrays[0], (1,) + arrays[0].shape)
    if last_vec:
        arrays[-1] = lax.reshape(arrays[-1], arrays[-1].shape + (1,))
    for i, a in enumerate(arrays):
        if a.ndim != 2:
            raise LinAlgError(f"multi_dot(): array {i} has {a.ndim} dimensions; expected 2 "
                              "(the first and last may be 1-d)")
    for i in range(len(arrays) - 1):
        if arrays[i].shape[1] != arrays[i + 1].shape[0]:
            raise ValueError(f"multi_dot(): shapes {arrays[i].shape} and "
                             f"{arrays[i + 1].shape} of arrays {i} and {i + 1} are not aligned")
    outv = _multi_dot(arrays, precision=precision)
    if first_vec and last_vec:
        return lax.reshape(outv, ())
    if first_vec:
        return lax.reshape(outv, outv.shape[1:])
    if last_vec:
        return lax.reshape(outv, outv.shape[:1])
    return outv


@public(static=("axis",))
def cross(x1, x2, /, *, axis=-1):
    """Cross product of 3-element vectors along ``axis`` (after broadcasting)."""
    name = "cross"
    check_arraylike(name, x1, x2, argnames=["x1", "x2"])
    a, b = promote_dtypes(asarray(x1, name=name), asarray(x2, name=name))
    shp = broadcast_shapes(name, a.shape, b.shape)
    if not shp:
        raise ValueError("cross(): x1 and x2 must have at least one dimension")
    ax = canonicalize_axis(axis, len(shp), name)
    if shp[ax] != 3:
        raise ValueError(f"cross(): x1 and x2 must have size 3 along axis {axis}, got "
                         f"broadcast shape {shp}")
    if a.dtype == np.bool_:
        raise TypeError("cross(): boolean inputs are not supported")
    a, b = broadcast_to(a, shp), broadcast_to(b, shp)

    def comp(v, i):
        lo = [0] * len(shp)
        hi = list(shp)
        lo[ax], hi[ax] = i, i + 1
        return lax.slice(v, tuple(lo), tuple(hi))

    a0, a1, a2 = (comp(a, i) for i in range(3))
    b0, b1, b2 = (comp(b, i) for i in range(3))
    c0 = lax.sub(lax.mul(a1, b2), lax.mul(a2, b1))
    c1 = lax.sub(lax.mul(a2, b0), lax.mul(a0, b2))
    c2 = lax.sub(lax.mul(a0, b1), lax.mul(a1, b0))
    return lax.concatenate([c0, c1, c2], ax)


@public(static=("offset",))
def diagonal(x, /, *, offset=0):
    """Diagonals of a stack of matrices (the last two axes), as the last axis."""
    x = asarray(x, name="diagonal")
    if x.ndim < 2:
        raise ValueError(f"diagonal(): x must have at least 2 dimensions, got shape {x.shape}")
    return tensor.diagonal(x, offset, -2, -1)


@public(static=("offset", "dtype"))
def trace(x, /, *, offset=0, dtype=None):
    """Sum of the diagonals of a stack of matrices (the last two axes)."""
    x = asarray(x, name="trace")
    if x.ndim < 2:
        raise ValueError(f"trace(): x must have at least 2 dimensions, got shape {x.shape}")
    return tensor.trace(x, offset, -2, -1, dtype)


@public
def outer(x1, x2, /):
    """Outer product of two 1-d vectors."""
    a, b = asarray(x1, name="outer"), asarray(x2, name="outer")
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"outer(): x1 and x2 must be 1-dimensional, got shapes {a.shape} "
                         f"and {b.shape}")
    return tensor.outer(a, b)


@public(static=("ind",))
def tensorinv(a, ind=2):
    """Inverse of ``a`` seen as a linear map from its first ``ind`` axes' space.

    The result has shape ``a.shape[ind:] + a.shape[:ind]`` with
    ``tensordot(tensorinv(a), a, ind)`` the identity.
    """
    ind = operator.index(ind)
    x = _inexact("tensorinv", "a", a)
    if ind <= 0:
        raise ValueError(f"tensorinv(): ind must be a positive integer, got {ind}")
    rows, cols = x.shape[:ind], x.shape[ind:]
    nr, nc = int(np.prod(rows)), int(np.prod(cols))
    if nr != nc:
        raise LinAlgError(f"tensorinv(): a of shape {x.shape} with ind={ind} is not square "
                          f"({nr} x {nc})")
    m = _kernel_input("tensorinv", "a", lax.reshape(x, (nr, nc)), square=True)
    return lax.reshape(_inv(m), cols + rows)


@public(static=("axes",))
def tensorsolve(a, b, axes=None):
    """Solve ``tensordot(a, x, x.ndim) == b`` for ``x``.

    ``axes``: axes of ``a`` moved to the end first (they belong to ``x``).
    """
    name = "tensorsolve"
    check_arraylike(name, a, b, argnames=["a", "b"])
    a, b = promote_dtypes_inexact(asarray(a, name=name), asarray(b, name=name))
    if axes is not None:
        axes = tuple(canonicalize_axis(ax, a.ndim, name, "axes") for ax in axes)
        rest = [i for i in range(a.ndim) if i not in axes]
        a = lax.transpose(a, tuple(rest) + axes)
    xshape = a.shape[b.ndim:]
    nx = int(np.prod(xshape))
    nb = int(np.prod(b.shape))
    if nx != nb or int(np.prod(a.shape)) != nx * nx:
        raise LinAlgError(f"tensorsolve(): a of shape {a.shape} is not square as a map from "
                          f"x's {xshape} to b's {b.shape}")
    m = _kernel_input(name, "a", lax.reshape(a, (nb, nx)), square=True)
    bv = lax.convert_element_type(lax.reshape(b, (nb, 1)), m.dtype)
    return lax.reshape(_solve_matrix(m, bv), xshape)

