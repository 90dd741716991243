"""scipy.linalg's special matrices and structural helpers.

Constructors with array arguments (toeplitz, hankel, circulant, companion,
fiedler, leslie, ...) are batched over leading axes like jax.scipy's and
built from structural primitives: the matrices whose entries depend only on
``i + j`` (or ``i - j``) are *sliding windows* of one vector, taken with a
broadcast / reshape / slice trick instead of a gather.  Constructors of a
static size (hilbert, pascal, hadamard, ...) are exact host constants
(Python integers / float64, then cast to jax's default dtypes).
"""

from __future__ import annotations

import math
import operator

import numpy as np

from .. import dtypes, lax
from ..numpy import _util
from ..numpy._util import public
from . import linalg_common as C

__all__ = [
    "bandwidth", "block_diag", "circulant", "companion", "convolution_matrix", "dft", "diagsvd",
    "fiedler", "fiedler_companion", "hadamard", "hankel", "helmert", "hilbert", "invhilbert",
    "invpascal", "ishermitian", "issymmetric", "khatri_rao", "leslie", "matmul_toeplitz",
    "pascal", "toeplitz",
]


# --- helpers -----------------------------------------------------------------------------
def _size(name: str, argname: str, n, minimum: int = 0) -> int:
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"{name}(): {argname} must be an integer, got {type(n).__name__}") from None
    if n < minimum:
        raise ValueError(f"{name}(): {argname} must be >= {minimum}, got {n}")
    return n


def _vector(name: str, argname: str, v, min_len: int = 0):
    v = C.arr(name, v, argname)
    if v.ndim == 0:
        v = lax.reshape(v, (1,))
    if v.shape[-1] < min_len:
        raise ValueError(f"{name}(): {argname} must have at least {min_len} entries along its "
                         f"last axis, got shape {v.shape}")
    return v


def _windows(v, m: int, n: int):
    """``W[..., i, j] = v[..., i + j]`` for i < m, j < n (needs len(v) >= m + n - 1).

    Repeating v (length L) m + 1 times and reading the flat copy with row
    stride L + 1 shifts each row by one: entry (i, j) lands on
    v[(i + j) mod L], which is v[i + j] while i + j < L.
    """
    batch = v.shape[:-1]
    L = v.shape[-1]
    nb = len(batch)
    if m == 0 or n == 0 or L == 0:
        return C.full(batch + (m, n), 0, v.dtype)
    rep = lax.broadcast_in_dim(v, batch + (m + 1, L), tuple(range(nb)) + (nb + 1,))
    flat = lax.reshape(rep, batch + ((m + 1) * L,))
    flat = C.slice_last(flat, 0, m * (L + 1))
    grid = lax.reshape(flat, batch + (m, L + 1))
    return C.slice_last(grid, 0, n)


def _broadcast_batch(name: str, a, b, core_a: int = 1, core_b: int = 1):
    """Broadcast the leading (batch) axes of ``a`` and ``b`` against each other."""
    ba, bb = a.shape[:a.ndim - core_a], b.shape[:b.ndim - core_b]
    batch = _util.broadcast_shapes(name, ba, bb)
    a = _util.broadcast_to(a, batch + a.shape[a.ndim - core_a:])
    b = _util.broadcast_to(b, batch + b.shape[b.ndim - core_b:])
    return a, b


def _host_constant(values: np.ndarray, dtype):
    """A host-computed matrix as a jax array of ``dtype`` (jax's canonical dtype)."""
    return np.asarray(values).astype(dtypes.canonicalize_dtype(dtype))


# --- Toeplitz / Hankel family ---------------------------------------------------------------
@public
def toeplitz(c, r=None):
    """Construct a Toeplitz matrix (constant along each diagonal).

    Parameters
    ----------
    c : array_like, shape (..., m)
        First column.
    r : array_like, shape (..., n), optional
        First row; ``r[..., 0]`` is ignored (the diagonal is ``c[..., 0]``).
        Default ``conj(c)``.

    Returns
    -------
    jax.Array, shape (..., m, n)
        ``T[..., i, j] = c[..., i - j]`` for ``i >= j``, else ``r[..., j - i]``.

    Notes
    -----
    Batched over leading axes (scipy >= 1.17 and jax.scipy do the same).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.toeplitz([1, 2, 3], [1, 4, 5])
    Array([[1, 4, 5],
           [2, 1, 4],
           [3, 2, 1]], dtype=int32)
    """
    c = _vector("toeplitz", "c", c)
    r = C.conj(c) if r is None else _vector("toeplitz", "r", r)
    c, r = _util.promote_dtypes(c, r)
    c, r = _broadcast_batch("toeplitz", c, r)
    m, n = c.shape[-1], r.shape[-1]
    if n == 0 or m == 0:
        return C.full(c.shape[:-1] + (m, n), 0, c.dtype)
    # vals = [c_{m-1}, ..., c_0, r_1, ..., r_{n-1}]; T[i, j] = vals[m - 1 - i + j].
    vals = lax.concatenate([lax.rev(c, (c.ndim - 1,)), C.slice_last(r, 1, n)], c.ndim - 1)
    w = _windows(vals, m, n)
    return lax.rev(w, (w.ndim - 2,))


@public
def hankel(c, r=None):
    """Construct a Hankel matrix (constant along each anti-diagonal).

    Parameters
    ----------
    c : array_like, shape (..., m)
        First column.
    r : array_like, shape (..., n), optional
        Last row; ``r[..., 0]`` is ignored. Default zeros of ``c``'s length.

    Returns
    -------
    jax.Array, shape (..., m, n)
        ``H[..., i, j] = c[..., i + j]`` for ``i + j < m``, else ``r[..., i + j - m + 1]``.

    Notes
    -----
    Batched over leading axes like jax.scipy (scipy 1.17 ravels n-d input).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.hankel([1, 2, 3], [3, 4, 5])
    Array([[1, 2, 3],
           [2, 3, 4],
           [3, 4, 5]], dtype=int32)
    """
    c = _vector("hankel", "c", c)
    r = C.zeros_like(c) if r is None else _vector("hankel", "r", r)
    c, r = _util.promote_dtypes(c, r)
    c, r = _broadcast_batch("hankel", c, r)
    m, n = c.shape[-1], r.shape[-1]
    if n == 0 or m == 0:
        return C.full(c.shape[:-1] + (m, n), 0, c.dtype)
    vals = lax.concatenate([c, C.slice_last(r, 1, n)], c.ndim - 1)
    return _windows(vals, m, n)


@public
def circulant(c):
    """Construct a circulant matrix: each column is the previous one rotated down.

    Parameters
    ----------
    c : array_like, shape (..., n)
        First column.

    Returns
    -------
    jax.Array, shape (..., n, n)
        ``C[..., i, j] = c[..., (i - j) % n]``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.circulant([1, 2, 3])
    Array([[1, 3, 2],
           [2, 1, 3],
           [3, 2, 1]], dtype=int32)
    """
    c = _vector("circulant", "c", c)
    n = c.shape[-1]
    if n == 0:
        return C.full(c.shape[:-1] + (0, 0), 0, c.dtype)
    rc = lax.rev(c, (c.ndim - 1,))
    vals = lax.concatenate([rc, C.slice_last(rc, 0, n - 1)], c.ndim - 1)
    w = _windows(vals, n, n)
    return lax.rev(w, (w.ndim - 2,))


@public(static=("n", "mode"))
def convolution_matrix(a, n, mode="full"):
    """Construct the matrix ``A`` with ``A @ v == convolve(a, v, mode)`` for ``v`` of length n.

    Parameters
    ----------
    a : array_like, shape (m,)
        The kernel.
    n : int
        Length of the vectors the matrix acts on.
    mode : {'full', 'valid', 'same'}
        As in numpy.convolve.

    Returns
    -------
    jax.Array
        Shape ``(m + n - 1, n)`` ('full'), ``(max(m, n), n)`` ('same') or
        ``(max(m, n) - min(m, n) + 1, n)`` ('valid').

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.convolution_matrix([1, 2], 3)
    Array([[1, 0, 0],
           [2, 1, 0],
           [0, 2, 1],
           [0, 0, 2]], dtype=int32)
    """
    a = C.arr("convolution_matrix", a)
    n = _size("convolution_matrix", "n", n, 1)
    if a.ndim != 1 or a.shape[0] == 0:
        raise ValueError(f"convolution_matrix(): a must be a non-empty 1-d array, got shape "
                         f"{a.shape}")
    if mode not in ("full", "valid", "same"):
        raise ValueError(f"convolution_matrix(): mode must be 'full', 'valid' or 'same', "
                         f"got {mode!r}")
    m = a.shape[0]
    col = lax.pad(a, np.array(0, a.dtype), [(0, n - 1, 0)])
    row = lax.pad(C.slice_last(a, 0, 1), np.array(0, a.dtype), [(0, n - 1, 0)])
    full = toeplitz(col, row)
    lo = 0 if mode == "full" else (min(m, n) - 1) // 2 if mode == "same" else min(m, n) - 1
    rows = {"full": m + n - 1, "same": max(m, n), "valid": max(m, n) - min(m, n) + 1}[mode]
    return lax.slice(full, (lo, 0), (lo + rows, n))


# --- companion-type matrices -------------------------------------------------------------------
@public
def companion(a):
    """Construct the companion matrix of a polynomial.

    Parameters
    ----------
    a : array_like, shape (..., n)
        Polynomial coefficients, highest power first; ``n >= 2`` and
        ``a[..., 0]`` nonzero.

    Returns
    -------
    jax.Array, shape (..., n - 1, n - 1)
        First row ``-a[..., 1:] / a[..., 0]``, ones on the first subdiagonal;
        its eigenvalues are the roots of the polynomial.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.companion([1, -10, 31, -30])
    Array([[ 10., -31.,  30.],
           [  1.,   0.,   0.],
           [  0.,   1.,   0.]], dtype=float32)
    """
    a = C.inexact("companion", _vector("companion", "a", a, 2), "a")
    nd = a.ndim
    n = a.shape[-1] - 1
    batch = a.shape[:-1]
    lead = C.slice_last(a, 0, 1)
    first = lax.neg(lax.div(C.slice_last(a, 1, n + 1), lax.broadcast_in_dim(
        lead, batch + (n,), tuple(range(nd)))))
    first = lax.reshape(first, batch + (1, n))
    rest = lax.convert_element_type(C.diag_mask((n - 1, n), 0), a.dtype, False)
    rest = lax.broadcast_in_dim(rest, batch + (n - 1, n), (nd - 1, nd))
    return lax.concatenate([first, rest], nd - 1)


@public
def fiedler(a):
    """Construct the symmetric Fiedler matrix ``F[..., i, j] = |a[..., i] - a[..., j]|``.

    Parameters
    ----------
    a : array_like, shape (..., n)
        Coefficients.

    Returns
    -------
    jax.Array, shape (..., n, n)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.fiedler([1, 4, 12])
    Array([[ 0,  3, 11],
           [ 3,  0,  8],
           [11,  8,  0]], dtype=int32)
    """
    a = _vector("fiedler", "a", a)
    nd = a.ndim
    shp = a.shape + (a.shape[-1],)
    rows = lax.broadcast_in_dim(a, shp, tuple(range(nd - 1)) + (nd - 1,))
    cols = lax.broadcast_in_dim(a, shp, tuple(range(nd - 1)) + (nd,))
    return lax.abs(lax.sub(rows, cols))


@public
def fiedler_companion(a):
    """Construct the Fiedler companion matrix: a pentadiagonal matrix whose
    eigenvalues are the roots of the polynomial ``a`` (M. Fiedler, "A note on
    companion matrices", LAA 372, 2003).

    Parameters
    ----------
    a : array_like, shape (..., n)
        Polynomial coefficients, highest power first; ``a[..., 0]`` nonzero.

    Returns
    -------
    jax.Array, shape (..., n - 1, n - 1)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.fiedler_companion([1, -10, 31, -30])
    Array([[ 10., -31.,   1.],
           [  1.,   0.,   0.],
           [  0.,  30.,   0.]], dtype=float32)
    """
    a = C.inexact("fiedler_companion", _vector("fiedler_companion", "a", a), "a")
    nd = a.ndim
    batch = a.shape[:-1]
    n = a.shape[-1] - 1
    if n <= 0:
        return C.full(batch + (0, 0), 0, a.dtype)
    lead = lax.broadcast_in_dim(C.slice_last(a, 0, 1), a.shape, tuple(range(nd)))
    a = lax.div(a, lead)
    # Row-indexed coefficient vectors: entry (i, i + 1) for even i holds
    # -a[i + 2]; entry (i, i - 1) for even i >= 2 holds -a[i + 1].
    pad = lax.pad(lax.neg(a), np.array(0, a.dtype), [(0, 0, 0)] * (nd - 1) + [(0, 3, 0)])
    sup = C.slice_last(pad, 2, 2 + n)
    sub = C.slice_last(pad, 1, 1 + n)
    shp = batch + (n, n)
    i = lax.iota(np.int32, (n, n), 0)
    j = lax.iota(np.int32, (n, n), 1)
    k = lambda v: lax.broadcast_in_dim(np.int32(v), (n, n), ())  # noqa: E731
    even = lax.eq(lax.rem(i, k(2)), k(0))
    odd = lax.not_(even)
    d = lax.sub(j, i)
    on_sup = lax.and_(even, lax.eq(d, k(1)))
    on_sub = lax.and_(lax.and_(even, lax.ge(i, k(2))), lax.eq(d, k(-1)))
    ones = lax.or_(lax.and_(even, lax.eq(d, k(2))),
                   lax.or_(lax.and_(lax.and_(odd, lax.ge(i, k(3))), lax.eq(d, k(-2))),
                           lax.and_(lax.eq(i, k(1)), lax.eq(j, k(0)))))
    corner = lax.and_(lax.eq(i, k(0)), lax.eq(j, k(0)))
    rowvec = lambda v: lax.broadcast_in_dim(v, shp, tuple(range(nd - 1)) + (nd - 1,))  # noqa: E731
    zero = C.full(shp, 0, a.dtype)
    out = C.select(on_sup, rowvec(sup), zero)
    out = C.select(on_sub, rowvec(sub), out)
    out = C.select(ones, C.full(shp, 1, a.dtype), out)
    a1 = lax.broadcast_in_dim(C.slice_last(pad, 1, 2), shp, tuple(range(nd - 1)) + (nd,))
    return C.select(corner, a1, out)


@public
def leslie(f, s):
    """Construct a Leslie matrix (age-structured population model).

    Parameters
    ----------
    f : array_like, shape (..., n)
        Fecundity coefficients (first row).
    s : array_like, shape (..., n - 1)
        Survival coefficients (first subdiagonal).

    Returns
    -------
    jax.Array, shape (..., n, n)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.leslie([0.1, 2.0, 1.0], [0.2, 0.8])
    Array([[0.1, 2. , 1. ],
           [0.2, 0. , 0. ],
           [0. , 0.8, 0. ]], dtype=float32)
    """
    f = _vector("leslie", "f", f, 1)
    s = _vector("leslie", "s", s)
    n = f.shape[-1]
    if s.shape[-1] != n - 1:
        raise ValueError(f"leslie(): s must have one entry fewer than f along the last axis, got "
                         f"f.shape={f.shape}, s.shape={s.shape}")
    f, s = _util.promote_dtypes(f, s)
    f, s = _broadcast_batch("leslie", f, s)
    nd = f.ndim
    batch = f.shape[:-1]
    first = lax.reshape(f, batch + (1, n))
    if n == 1:
        return first
    rest = lax.broadcast_in_dim(s, batch + (n - 1, n), tuple(range(nd - 1)) + (nd - 1,))
    rest = C.select(C.diag_mask((n - 1, n), 0), rest, C.zeros_like(rest))
    return lax.concatenate([first, rest], nd - 1)


# --- block / product helpers --------------------------------------------------------------------
@public
def block_diag(*arrs):
    """Build a block-diagonal matrix from the given arrays.

    Parameters
    ----------
    *arrs : array_like
        Up to 2-d each; scalars are 1 x 1 blocks and 1-d arrays 1 x n blocks.

    Returns
    -------
    jax.Array
        The blocks on the diagonal, zeros elsewhere; dtype promoted over all
        blocks. No blocks give an empty ``(1, 0)`` array.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.block_diag([[1, 2]], 3)
    Array([[1, 2, 0],
           [0, 0, 3]], dtype=int32)
    """
    if not arrs:
        return C.full((1, 0), 0, dtypes.default_float_dtype())
    blocks = []
    for i, a in enumerate(arrs):
        a = C.arr("block_diag", a, f"arrs[{i}]")
        if a.ndim > 2:
            raise ValueError(f"block_diag(): arrs[{i}] has more than 2 dimensions, shape {a.shape}")
        blocks.append(lax.reshape(a, (1,) * (2 - a.ndim) + a.shape))
    blocks = _util.promote_dtypes(*blocks)
    width = sum(b.shape[1] for b in blocks)
    zero = np.array(0, blocks[0].dtype)
    rows, left = [], 0
    for b in blocks:
        right = width - left - b.shape[1]
        rows.append(lax.pad(b, zero, [(0, 0, 0), (left, right, 0)]))
        left += b.shape[1]
    return lax.concatenate(rows, 0) if len(rows) > 1 else rows[0]


@public
def khatri_rao(a, b):
    """Khatri-Rao product: the column-wise Kronecker product.

    Parameters
    ----------
    a : array_like, shape (n, k)
    b : array_like, shape (m, k)

    Returns
    -------
    jax.Array, shape (n * m, k)
        Column ``j`` is ``kron(a[:, j], b[:, j])``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.khatri_rao([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    Array([[ 5, 12],
           [ 7, 16],
           [15, 24],
           [21, 32]], dtype=int32)
    """
    a = C.arr("khatri_rao", a, "a")
    b = C.arr("khatri_rao", b, "b")
    if a.ndim != 2 or b.ndim != 2:
        raise ValueError(f"khatri_rao(): a and b must be 2-d, got shapes {a.shape} and {b.shape}")
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"khatri_rao(): a and b must have the same number of columns, got "
                         f"{a.shape[1]} and {b.shape[1]}")
    a, b = _util.promote_dtypes(a, b)
    n, k = a.shape
    m = b.shape[0]
    prod = lax.mul(lax.broadcast_in_dim(a, (n, m, k), (0, 2)),
                   lax.broadcast_in_dim(b, (n, m, k), (1, 2)))
    return lax.reshape(prod, (n * m, k))


@public(static=("M", "N"))
def diagsvd(s, M, N):
    """Build the ``(M, N)`` matrix Sigma of an SVD from the singular values ``s``.

    Parameters
    ----------
    s : array_like, shape (k,)
        Singular values; ``k`` must equal ``M`` or ``N``.
    M, N : int
        Shape of the result.

    Returns
    -------
    jax.Array, shape (M, N)
        ``s`` on the main diagonal, zeros elsewhere.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.diagsvd([1.0, 2.0], 3, 2)
    Array([[1., 0.],
           [0., 2.],
           [0., 0.]], dtype=float32)
    """
    s = C.arr("diagsvd", s, "s")
    M = _size("diagsvd", "M", M)
    N = _size("diagsvd", "N", N)
    if s.ndim != 1 or s.shape[0] not in (M, N):
        raise ValueError(f"diagsvd(): length of s must be M or N ({M}, {N}), got shape {s.shape}")
    k = s.shape[0]
    d = C.diag_embed(s)
    return lax.pad(d, np.array(0, s.dtype), [(0, M - k, 0), (0, N - k, 0)])


@public
def matmul_toeplitz(c_or_cr, x, check_finite=False, workers=None):
    """Multiply a Toeplitz matrix by ``x`` without forming it on the host.

    Parameters
    ----------
    c_or_cr : array_like or tuple (c, r)
        First column ``c`` (then ``r = conj(c)``), or the pair (first column,
        first row) as in :func:`toeplitz`.
    x : array_like, shape (n,) or (n, k)
        The matrix or vector to multiply.
    check_finite, workers
        Accepted for compatibility and ignored.

    Returns
    -------
    jax.Array
        ``toeplitz(c, r) @ x``.

    Notes
    -----
    scipy uses an FFT-based O(n log n) product; here the Toeplitz matrix is
    formed with structural ops and multiplied by XLA's matmul, which is exact
    (no FFT round-off) and fast for moderate n.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.matmul_toeplitz(([1., 2.], [1., 3.]), [1., 1.])
    Array([4., 3.], dtype=float32)
    """
    if isinstance(c_or_cr, tuple):
        c, r = c_or_cr
        c = _vector("matmul_toeplitz", "c", c)
        r = _vector("matmul_toeplitz", "r", r)
    else:
        c = _vector("matmul_toeplitz", "c_or_cr", c_or_cr)
        r = C.conj(c)
    if c.ndim != 1 or r.ndim != 1:
        raise ValueError("matmul_toeplitz(): c and r must be 1-d")
    x = C.arr("matmul_toeplitz", x, "x")
    if x.ndim not in (1, 2) or x.shape[0] != r.shape[0]:
        raise ValueError(f"matmul_toeplitz(): x must be 1-d or 2-d with {r.shape[0]} rows, got "
                         f"shape {x.shape}")
    t, x = _util.promote_dtypes_inexact(toeplitz(c, r), x)
    return C.mm(t, x)


# --- predicates --------------------------------------------------------------------------------
def _square_for_predicate(name: str, a):
    a = C.arr(name, a)
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ValueError(f"{name}(): a must be a square matrix (or a stack of them), got shape "
                         f"{a.shape}")
    return a


def _tolerance_arg(name, argname, v):
    if v is None:
        return 0.0
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    raise TypeError(f"{name}(): {argname} must be a float or None, got {type(v).__name__}")


def _is_sym(name: str, a, atol, rtol, hermitian: bool):
    a = _square_for_predicate(name, a)
    atol = _tolerance_arg(name, "atol", atol)
    rtol = _tolerance_arg(name, "rtol", rtol)
    return _is_sym_impl(a, atol, rtol, hermitian)


@public(static=("atol", "rtol", "hermitian"))
def _is_sym_impl(a, atol, rtol, hermitian):
    at = C.mH(a) if hermitian else C.mT(a)
    if atol == 0.0 and rtol == 0.0:
        ok = lax.eq(a, at)
    else:
        x, y = (a, at) if dtypes.is_inexact(a.dtype) else C.promote(a, at)
        diff = lax.abs(lax.sub(x, y))
        bound = lax.add(C.full(diff.shape, atol, diff.dtype),
                        lax.mul(C.full(diff.shape, rtol, diff.dtype), lax.abs(y)))
        ok = lax.le(diff, bound)
    return lax.reduce_and(ok, (a.ndim - 2, a.ndim - 1))


def issymmetric(a, atol=None, rtol=None):
    """Check whether a square matrix equals its transpose.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    atol, rtol : float, optional
        Tolerances: ``|a[i, j] - a[j, i]| <= atol + rtol * |a[j, i]|``.
        Default: exact comparison.

    Returns
    -------
    jax.Array of bool, shape (...)
        A traced boolean (scipy returns a Python bool); batched over leading axes.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.issymmetric([[1, 2], [2, 1]])
    Array(True, dtype=bool)
    """
    return _is_sym("issymmetric", a, atol, rtol, False)


def ishermitian(a, atol=None, rtol=None):
    """Check whether a square matrix equals its conjugate transpose.

    Parameters
    ----------
    a : array_like, shape (..., n, n)
    atol, rtol : float, optional
        Tolerances, as in :func:`issymmetric`.

    Returns
    -------
    jax.Array of bool, shape (...)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.ishermitian([[1, 2j], [-2j, 1]])
    Array(True, dtype=bool)
    """
    return _is_sym("ishermitian", a, atol, rtol, True)


@public
def bandwidth(a):
    """Lower and upper bandwidth of a matrix: the farthest nonzero diagonals.

    Parameters
    ----------
    a : array_like, shape (..., m, n)

    Returns
    -------
    (lower, upper) : tuple of jax.Array of int
        ``lower`` is the largest ``i - j`` and ``upper`` the largest ``j - i``
        over the nonzero entries (0 when none).  Traced integers, batched over
        leading axes (scipy returns Python ints).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.bandwidth([[1, 2, 0], [0, 3, 4], [0, 0, 5]])
    (Array(0, dtype=int32), Array(1, dtype=int32))
    """
    a = C.arr("bandwidth", a)
    if a.ndim < 2:
        raise ValueError(f"bandwidth(): a must be at least 2-d, got shape {a.shape}")
    shp = a.shape
    m, n = shp[-2:]
    nz = lax.ne(a, C.full(shp, 0, a.dtype))
    i = lax.iota(np.int32, (m, n), 0)
    j = lax.iota(np.int32, (m, n), 1)
    axes = (a.ndim - 2, a.ndim - 1)
    zero = C.full(shp, 0, np.int32)
    lower = lax.reduce_max(C.select(nz, C.bmask(lax.sub(i, j), shp), zero), axes)
    upper = lax.reduce_max(C.select(nz, C.bmask(lax.sub(j, i), shp), zero), axes)
    return lower, upper


# --- static-size constructors (exact host constants) -------------------------------------------
@public(static=("n", "scale", "dtype"))
def _dft(n, scale, dtype):
    jk = np.outer(np.arange(n), np.arange(n)) % max(n, 1)  # exact phase index
    m = np.exp(-2j * np.pi * jk / max(n, 1))
    m = m / {None: 1.0, "sqrtn": math.sqrt(n), "n": float(n)}[scale]
    return _host_constant(m, dtype)


def dft(n, scale=None, *, dtype=None):
    """Discrete Fourier transform matrix: ``dft(n) @ x == fft(x)``.

    Parameters
    ----------
    n : int
        Size.
    scale : {None, 'sqrtn', 'n'}
        Divide by 1, ``sqrt(n)`` or ``n``.
    dtype : complex dtype, optional
        Default jax's default complex type.

    Returns
    -------
    jax.Array, shape (n, n)

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.dft(2), 4)
    Array([[ 1.+0.j,  1.+0.j],
           [ 1.+0.j, -1.-0.j]], dtype=complex64)
    """
    n = _size("dft", "n", n)
    if scale not in (None, "sqrtn", "n"):
        raise ValueError(f"dft(): scale must be None, 'sqrtn' or 'n', got {scale!r}")
    dt = dtypes.default_complex_dtype() if dtype is None else \
        dtypes.check_user_dtype(dtype, "dft")
    return _dft(n, scale, np.dtype(dt))


@public(static=("n", "dtype"))
def _hadamard(n, dtype):
    # Sylvester's construction: H[i, j] = (-1) ** popcount(i & j).
    i = np.arange(n)
    bits = np.bitwise_and.outer(i, i)
    parity = np.zeros_like(bits)
    while bits.any():
        parity ^= bits & 1
        bits >>= 1
    return _host_constant(1 - 2 * parity, dtype)


def hadamard(n, dtype=int):
    """Sylvester's Hadamard matrix of order ``n`` (a power of 2).

    Parameters
    ----------
    n : int
        Order; must be a power of 2 (or 1).
    dtype : dtype, optional
        Default ``int`` (jax's default integer type).

    Returns
    -------
    jax.Array, shape (n, n)
        Entries +-1, ``H @ H.T == n * I``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.hadamard(2)
    Array([[ 1,  1],
           [ 1, -1]], dtype=int32)
    """
    n = _size("hadamard", "n", n, 1)
    if n & (n - 1):
        raise ValueError(f"hadamard(): n must be a positive power of 2, got {n}")
    return _hadamard(n, np.dtype(dtypes.check_user_dtype(dtype, "hadamard")))


@public(static=("n", "full"))
def _helmert(n, full):
    h = np.zeros((n, n))
    if n:
        h[0] = 1.0 / math.sqrt(n)
    for i in range(1, n):
        h[i, :i] = 1.0 / math.sqrt(i * (i + 1))
        h[i, i] = -i / math.sqrt(i * (i + 1))
    return _host_constant(h if full else h[1:], dtypes.default_float_dtype())


def helmert(n, full=False):
    """The Helmert matrix of order ``n``: an orthogonal matrix whose first row is constant.

    Parameters
    ----------
    n : int
        Order.
    full : bool
        Return the full ``(n, n)`` matrix; by default the ``(n - 1, n)``
        matrix without the constant first row.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.helmert(2)
    Array([[ 0.70710677, -0.70710677]], dtype=float32)
    """
    return _helmert(_size("helmert", "n", n), C.check_bool("helmert", "full", full))


@public(static=("n",))
def _hilbert(n):
    i = np.arange(n)
    return _host_constant(1.0 / (i[:, None] + i[None, :] + 1.0), dtypes.default_float_dtype())


def hilbert(n):
    """The Hilbert matrix ``H[i, j] = 1 / (i + j + 1)`` of order ``n``.

    Parameters
    ----------
    n : int

    Returns
    -------
    jax.Array, shape (n, n)

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.hilbert(2), 4)
    Array([[1.    , 0.5   ],
           [0.5   , 0.3333]], dtype=float32)
    """
    return _hilbert(_size("hilbert", "n", n))


def _invhilbert_exact(n: int) -> list[list[int]]:
    # Closed form (Choi, "Tricks or treats with the Hilbert matrix", 1983):
    # (-1)^(i+j) (i+j+1) C(n+i, n-j-1) C(n+j, n-i-1) C(i+j, i)^2.
    return [[(-1) ** (i + j) * (i + j + 1) * math.comb(n + i, n - j - 1)
             * math.comb(n + j, n - i - 1) * math.comb(i + j, i) ** 2
             for j in range(n)] for i in range(n)]


@public(static=("n", "exact"))
def _invhilbert(n, exact):
    vals = _invhilbert_exact(n)
    if exact:
        dt = dtypes.default_int_dtype()
        hi = int(np.iinfo(dt).max)
        if any(abs(v) > hi for row in vals for v in row):
            raise OverflowError(f"invhilbert(): the exact inverse of order {n} does not fit in "
                                f"{np.dtype(dt).name}")
        return np.array(vals, dtype=dt).reshape(n, n)
    return _host_constant(np.array([[float(v) for v in r] for r in vals]).reshape(n, n),
                          dtypes.default_float_dtype())


def invhilbert(n, exact=False):
    """Inverse of the Hilbert matrix of order ``n`` (exact integers computed on the host).

    Parameters
    ----------
    n : int
    exact : bool
        Return integers (jax's default integer type; OverflowError when they
        do not fit) instead of floats.

    Returns
    -------
    jax.Array, shape (n, n)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.invhilbert(2)
    Array([[ 4., -6.],
           [-6., 12.]], dtype=float32)
    """
    return _invhilbert(_size("invhilbert", "n", n), C.check_bool("invhilbert", "exact", exact))


def _pascal_kind(name, kind):
    kind = "symmetric" if kind is None else kind
    if kind not in ("symmetric", "lower", "upper"):
        raise ValueError(f"{name}(): kind must be 'symmetric', 'lower' or 'upper', got {kind!r}")
    return kind


def _pascal_lower(n: int, sign: bool) -> np.ndarray:
    return np.array([[(-1) ** (i + j) * math.comb(i, j) if sign else math.comb(i, j)
                      for j in range(n)] for i in range(n)], dtype=object).reshape(n, n)


@public(static=("n", "kind", "inverse"))
def _pascal(n, kind, inverse):
    low = _pascal_lower(n, inverse)
    if kind == "lower":
        m = low
    elif kind == "upper":
        m = low.T
    else:  # P = L L^T, so inv(P) = inv(L)^T inv(L)
        m = low.T.dot(low) if inverse else low.dot(low.T)
    return _host_constant(m.astype(np.float64), dtypes.default_float_dtype())


def pascal(n, kind="symmetric", exact=True):
    """The Pascal matrix of binomial coefficients.

    Parameters
    ----------
    n : int
    kind : {'symmetric', 'lower', 'upper'}
        ``C(i + j, i)``, ``C(i, j)`` or its transpose.
    exact : bool
        Accepted for compatibility: the entries are computed exactly on the
        host and returned as jax's default float type (like jax.scipy;
        scipy returns integers when ``exact``).

    Returns
    -------
    jax.Array, shape (n, n)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.pascal(3)
    Array([[1., 1., 1.],
           [1., 2., 3.],
           [1., 3., 6.]], dtype=float32)
    """
    return _pascal(_size("pascal", "n", n), _pascal_kind("pascal", kind), False)


def invpascal(n, kind="symmetric", exact=True):
    """Inverse of the Pascal matrix (exact integers computed on the host).

    Parameters
    ----------
    n : int
    kind : {'symmetric', 'lower', 'upper'}
    exact : bool
        Accepted for compatibility (see :func:`pascal`).

    Returns
    -------
    jax.Array, shape (n, n)

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.invpascal(3)
    Array([[ 3., -3.,  1.],
           [-3.,  5., -2.],
           [ 1., -2.,  1.]], dtype=float32)
    """
    return _pascal(_size("invpascal", "n", n), _pascal_kind("invpascal", kind), True)
