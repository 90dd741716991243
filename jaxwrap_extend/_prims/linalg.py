"""Linear-algebra primitives: factorizations and structured solves.

cholesky, lu, lu_pivots_to_permutation, qr, eigh, eig, svd, schur, hessenberg,
householder_product, triangular_solve, tridiagonal, tridiagonal_solve.

Every primitive acts on the trailing two axes (one for vectors) and maps over
any leading "batch" axes, which must agree between operands.  Operands must be
float32/float64/complex64/complex128 (the types the LAPACK / cuSOLVER kernels
take).  The wrappers at the end of the file have the signatures of
``jax.lax.linalg``'s functions and return the same tuples.

Lowering: every primitive lowers through ``linalg_bridge`` (jax's kernel for
the platform, traced with ``mlir.lower_fun``).  Batching: the vmapped axis is
moved to the front of every operand (unbatched operands are broadcast), and the
primitive binds once, since batch axes are native.

Differentiation (JVP rules written with jaxwrap primitives; reverse mode comes
from jax transposing the linear part).  Which derivatives exist:

* cholesky -- Murray (2016), "Differentiation of the Cholesky decomposition":
  dL = L Phi(L^-1 dA L^-H), Phi = lower triangle with the diagonal halved.
  The tangent is assumed Hermitian (the wrapper symmetrizes the input).
* lu -- from P A = L U: L^-1 P dA U^-1 = L^-1 dL + dU U^-1, split into its
  strictly lower and upper parts; rectangular inputs handle the extra rows of
  L (tall) or columns of U (wide) with one more triangular solve.  Undefined
  (nan) when U is singular.
* qr -- Walter & Lehmann (2018) / Seeger et al. (2017) for m >= n with the
  reduced Q (or square input); wide inputs (m < n) through the square leading
  block (dR2 = dQ^H A2 + Q^H dA2); the complete Q of a tall matrix through
  LAPACK's compact-WY completion (see ``_complete_q_jvp``), as jax.
* eigh -- dw = Re diag(V^H dA V), dV = V (F o V^H dA V) with
  F_ij = 1/(w_j - w_i) off the diagonal: infinite for repeated eigenvalues
  (the eigenvectors are then not differentiable functions of A).  Only for the
  full spectrum (no ``subset_by_index``).
* eig -- eigenvalues only: dw = diag(V^-1 dA V) (undefined for a defective
  matrix).  Eigenvector derivatives are not implemented (their phase is a
  LAPACK convention): NotImplementedError when vectors are asked for.
* svd -- Townsend (2016) "Differentiating the singular value decomposition",
  Seeger et al. (2017) for the complex phase term: ds = Re diag(U^H dA V);
  dU, dV from F_ij = 1/(s_j^2 - s_i^2) (infinite for repeated singular values)
  plus the projections onto the complement of U / V (division by s: undefined
  for zero singular values of a rectangular matrix).  Singular values alone
  are always differentiable where distinct-or-not; vectors only for the
  reduced SVD (or square inputs) of the full spectrum.
* triangular_solve -- dX = op(A)^-1 (dB - op(dA) X) (left side) or
  (dB - X op(dA)) op(A)^-1; linear in b, with transpose = solve against
  op(A)^T.
* tridiagonal_solve -- dX = T^-1 (dB - dT X); linear in b, transpose = solve
  with the transposed tridiagonal matrix.
* lu_pivots_to_permutation: integer result, zero derivative.
* schur, hessenberg, householder_product, tridiagonal: no derivative
  (NotImplementedError naming the primitive), like jax.
"""

from __future__ import annotations

import numpy as np

from ..interpreters import ad, batching
from . import linalg_bridge
from ._base import COMPLEX, aval, aval_of, define, kind, real_dtype

__all__ = ["cholesky", "eig", "eigh", "geqrf", "hessenberg", "householder_product", "lu",
           "lu_pivots_to_permutation", "qr", "schur", "svd", "triangular_solve", "tridiagonal",
           "tridiagonal_solve"]

_DTYPES = tuple(np.dtype(d) for d in (np.float32, np.float64, np.complex64, np.complex128))
_PRECISION = ("HIGHEST", "HIGHEST")  # derivatives of factorizations need full precision


def _st():
    from . import structural
    return structural


def _ew():
    from . import elementwise
    return elementwise


def _dot():
    from . import dot
    return dot


# --- abstract-eval helpers --------------------------------------------------------------
def _check_dtype(prim: str, what: str, a) -> np.dtype:
    dt = np.dtype(a.dtype)
    if dt not in _DTYPES:
        raise TypeError(f"{prim}: {what} must be float32, float64, complex64 or complex128, "
                        f"got {dt.name}")
    return dt


def _check_matrix(prim: str, what: str, a, square: bool = False):
    """``a`` has at least two axes (square trailing ones if asked); its dtype."""
    dt = _check_dtype(prim, what, a)
    if len(a.shape) < 2:
        raise ValueError(f"{prim}: {what} must have at least 2 dimensions, got shape "
                         f"{tuple(a.shape)}")
    if square and a.shape[-1] != a.shape[-2]:
        raise ValueError(f"{prim}: {what} must be a (batch of) square matri(ces), got shape "
                         f"{tuple(a.shape)}")
    return dt


def _check_batch(prim: str, avals, names, cores) -> tuple[int, ...]:
    """Leading (batch) axes of several operands, with ``cores`` trailing axes each."""
    batches = [tuple(a.shape[:len(a.shape) - c]) for a, c in zip(avals, cores)]
    if any(b != batches[0] for b in batches):
        raise ValueError(f"{prim}: batch dimensions of {', '.join(names)} must agree, got "
                         + ", ".join(str(b) for b in batches))
    return batches[0]


def _check_subset(prim: str, subset, n: int):
    if subset is None:
        return n
    lo, hi = subset
    if not 0 <= lo <= hi <= n:
        raise ValueError(f"{prim}: subset_by_index={subset} must satisfy "
                         f"0 <= start <= end <= {n}")
    return hi - lo


# --- JVP helpers (jaxwrap primitives only) -------------------------------------------------
def _shape(x):
    return tuple(aval_of(x).shape)


def _dtype(x):
    return np.dtype(aval_of(x).dtype)


def _is_complex(x) -> bool:
    return kind(_dtype(x)) == COMPLEX


def _c(x, v):
    """A scalar constant of ``x``'s dtype (broadcast by the elementwise wrappers)."""
    return np.array(v, dtype=_dtype(x))


def _zeros(shape, dtype):
    return _st().broadcast_in_dim(np.array(0, dtype), tuple(shape), ())


def _mm(a, b):
    """Batched matrix product over equal leading axes."""
    nb = len(_shape(a)) - 2
    batch = tuple(range(nb))
    return _dot().dot_general(a, b, (((nb + 1,), (nb,)), (batch, batch)), precision=_PRECISION)


def _mT(x):
    n = len(_shape(x))
    return _st().transpose(x, tuple(range(n - 2)) + (n - 1, n - 2))


def _conj(x):
    return _ew().conj(x) if _is_complex(x) else x


def _mH(x):
    return _conj(_mT(x))


def _to(x, dtype):
    dtype = np.dtype(dtype)
    if _dtype(x) == dtype:
        return x
    if kind(dtype) == COMPLEX and not _is_complex(x):
        x = _ew().convert_element_type(x, real_dtype(dtype))
        return _ew().complex(x, _ew().mul(x, np.array(0, _dtype(x))))
    return _ew().convert_element_type(x, dtype)


def _index_mask(shape, pred):
    """Boolean (..., m, n) mask from ``pred(rows, cols)`` on int32 index grids."""
    st = _st()
    m, n = shape[-2:]
    rows = st.iota(np.int32, (m, n), 0)
    cols = st.iota(np.int32, (m, n), 1)
    mask = pred(rows, cols)
    if len(shape) > 2:
        mask = st.broadcast_in_dim(mask, tuple(shape), (len(shape) - 2, len(shape) - 1))
    return mask


def _keep(x, pred):
    """``x`` where ``pred(row, col)``, zero elsewhere."""
    mask = _index_mask(_shape(x), pred)
    return _st().select_n(mask, _zeros(_shape(x), _dtype(x)), x)


def _tril(x, k: int = 0):
    ew = _ew()
    return _keep(x, lambda r, c: ew.le(ew.sub(c, r), np.array(k, np.int32)))


def _triu(x, k: int = 0):
    ew = _ew()
    return _keep(x, lambda r, c: ew.ge(ew.sub(c, r), np.array(k, np.int32)))


def _eye_like(shape, dtype):
    mask = _index_mask(shape, _ew().eq)
    return _st().select_n(mask, _zeros(shape, dtype), _st().broadcast_in_dim(
        np.array(1, dtype), tuple(shape), ()))


def _diag(x):
    """Main diagonal of the trailing (m, n) axes: (..., min(m, n))."""
    st = _st()
    *lead, m, n = _shape(x)
    lead, k = tuple(lead), min(m, n)
    nl = len(lead)
    block = st.slice(x, (0,) * (nl + 2), lead + (k, n))
    flat = st.reshape(block, lead + (k * n,))
    if k == 0:
        return st.reshape(flat, lead + (0,))
    return st.slice(flat, (0,) * (nl + 1), lead + ((k - 1) * (n + 1) + 1,),
                    (1,) * nl + (n + 1,))


def _diag_embed(v, shape=None):
    """(..., k) -> (..., k, k) (or ``shape``) with ``v`` on the main diagonal."""
    st = _st()
    vs = _shape(v)
    shape = tuple(shape) if shape is not None else vs + vs[-1:]
    nl = len(vs) - 1
    # each column j holds v_j: broadcast along rows, then keep the diagonal
    k = vs[-1]
    full = st.broadcast_in_dim(v, shape[:-2] + (k, k), tuple(range(nl)) + (nl + 1,))
    out = _keep(full, _ew().eq)
    if shape[-2:] != (k, k):
        out = st.pad(out, np.array(0, _dtype(v)),
                     [(0, 0, 0)] * nl + [(0, shape[-2] - k, 0), (0, shape[-1] - k, 0)])
    return out


def _scale_cols(x, v):
    """x[..., i, j] * v[..., j]."""
    s = _shape(x)
    vb = _st().broadcast_in_dim(v, s, tuple(range(len(s) - 2)) + (len(s) - 1,))
    return _ew().mul(x, vb)


def _scale_rows(x, v):
    """x[..., i, j] * v[..., i]."""
    s = _shape(x)
    vb = _st().broadcast_in_dim(v, s, tuple(range(len(s) - 1)))
    return _ew().mul(x, vb)


def _sub_block(x, r0, r1, c0, c1):
    s = _shape(x)
    nl = len(s) - 2
    return _st().slice(x, (0,) * nl + (r0, c0), s[:-2] + (r1, c1))


def _pad_to(x, rows, cols):
    s = _shape(x)
    nl = len(s) - 2
    return _st().pad(x, np.array(0, _dtype(x)),
                     [(0, 0, 0)] * nl + [(0, rows - s[-2], 0), (0, cols - s[-1], 0)])


def _permutation_matrix(perm, n, dtype, rows: bool = True):
    """One-hot matrix P of ``perm`` (..., k): P[i, j] = (perm[i] == j) (rows=True),
    or (perm[j] == i) (rows=False); so P @ x == x[perm] and x @ P == x[:, perm]."""
    st, ew = _st(), _ew()
    ps = _shape(perm)
    nl = len(ps) - 1
    k = ps[-1]
    if rows:
        shape = ps[:-1] + (k, n)
        p = st.broadcast_in_dim(perm, shape, tuple(range(nl)) + (nl,))
        idx = st.iota(_dtype(perm), shape, nl + 1)
    else:
        shape = ps[:-1] + (n, k)
        p = st.broadcast_in_dim(perm, shape, tuple(range(nl)) + (nl + 1,))
        idx = st.iota(_dtype(perm), shape, nl)
    return ew.convert_element_type(ew.eq(p, idx), dtype)


def _zero_tangent(out):
    return ad.Zero(aval_of(out).to_tangent_aval())


def _tangent(t, like):
    """An array for a possibly-symbolic-zero tangent."""
    if type(t) is ad.Zero:
        return _zeros(_shape(like), _dtype(like))
    return t


def _lu_solve(lu_, perm, b):
    """Solve A x = b from A's LU factors (square A; b (..., n, k))."""
    n = _shape(lu_)[-1]
    pb = _mm(_permutation_matrix(perm, n, _dtype(b)), b)
    y = triangular_solve(lu_, pb, left_side=True, lower=True, unit_diagonal=True)
    return triangular_solve(lu_, y, left_side=True, lower=False)


def _no_jvp(name: str, why: str):
    def rule(primals, tangents, **params):
        raise NotImplementedError(f"jaxwrap: the derivative of {name} is not implemented: {why}")
    return rule


def _batch_at_front(prim):
    """Batching: batch axis first on every operand (broadcast if unbatched); bind."""
    def rule(args, dims, **params):
        size = batching.batch_size(args, dims)
        args = [batching.bdim_at_front(x, d, size) for x, d in zip(args, dims)]
        out = prim.bind(*args, **params)
        return (out, [0] * len(out)) if prim.multiple_results else (out, 0)
    return rule


def _define(name, abstract_eval, multiple_results=True):
    prim = define(name, abstract_eval, linalg_bridge.lowering(name, multiple_results),
                  multiple_results=multiple_results)
    batching.primitive_batchers[prim] = _batch_at_front(prim)
    return prim


# --- cholesky ---------------------------------------------------------------------------------
def _cholesky_abstract_eval(x):
    dt = _check_matrix("cholesky", "operand", x, square=True)
    return aval(x.shape, dt)


cholesky_p = _define("cholesky", _cholesky_abstract_eval, multiple_results=False)


def _cholesky_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    L = cholesky_p.bind(x)
    if type(t) is ad.Zero:
        return L, _zero_tangent(L)
    # Murray (2016): L^-1 dA L^-H = Phi^{-1}(L^-1 dL), Phi = lower part, diagonal halved
    tmp = triangular_solve(L, t, left_side=True, lower=True)
    tmp = triangular_solve(L, tmp, left_side=False, lower=True, transpose_a=True,
                           conjugate_a=True)
    phi = _ew().sub(_tril(tmp), _ew().mul(_diag_embed(_diag(tmp)), _c(tmp, 0.5)))
    return L, _mm(L, phi)


ad.primitive_jvps[cholesky_p] = _cholesky_jvp


# --- lu ---------------------------------------------------------------------------------------
def _lu_abstract_eval(x):
    dt = _check_matrix("lu", "operand", x)
    *lead, m, n = x.shape
    lead = tuple(lead)
    return [aval(x.shape, dt), aval(lead + (min(m, n),), np.int32), aval(lead + (m,), np.int32)]


lu_p = _define("lu", _lu_abstract_eval)


def _lu_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    lu_, piv, perm = lu_p.bind(x)
    outs = [lu_, piv, perm]
    int_zero = [_zero_tangent(piv), _zero_tangent(perm)]
    if type(t) is ad.Zero:
        return outs, [_zero_tangent(lu_)] + int_zero
    ew = _ew()
    *_, m, n = _shape(x)
    k = min(m, n)
    pa = _mm(_permutation_matrix(perm, m, _dtype(t)), t)  # P dA
    l1 = _sub_block(lu_, 0, k, 0, k)
    u = _triu(_sub_block(lu_, 0, k, 0, n))  # k x n
    u1 = _sub_block(u, 0, k, 0, k)
    # L1^-1 (P dA)_11 U1^-1 = L1^-1 dL1 + dU1 U1^-1
    xm = triangular_solve(l1, _sub_block(pa, 0, k, 0, k), left_side=True, lower=True,
                          unit_diagonal=True)
    xm = triangular_solve(u1, xm, left_side=False, lower=False)
    l1_unit = ew.add(_tril(l1, -1), _eye_like(_shape(l1), _dtype(l1)))
    dl = _mm(l1_unit, _tril(xm, -1))  # k x k, strictly lower
    du = _mm(_triu(xm), u1)  # k x k, upper
    if m > n:  # extra rows of L: (P dA)_21 = dL2 U1 + L2 dU1
        l2 = _sub_block(lu_, k, m, 0, k)
        rhs = ew.sub(_sub_block(pa, k, m, 0, n), _mm(l2, du))
        dl2 = triangular_solve(u1, rhs, left_side=False, lower=False)
        dl = _st().concatenate([dl, dl2], len(_shape(x)) - 2)
    elif n > m:  # extra columns of U: (P dA)_12 = dL1 U2 + L1 dU2
        u2 = _sub_block(lu_, 0, k, k, n)
        rhs = ew.sub(_sub_block(pa, 0, k, k, n), _mm(dl, u2))
        du2 = triangular_solve(l1, rhs, left_side=True, lower=True, unit_diagonal=True)
        du = _st().concatenate([du, du2], len(_shape(x)) - 1)
    dlu = ew.add(_pad_to(_tril(dl, -1), m, n), _pad_to(du, m, n))
    return outs, [dlu] + int_zero


ad.primitive_jvps[lu_p] = _lu_jvp


def _lu_pivots_to_permutation_abstract_eval(pivots, *, permutation_size):
    name = "lu_pivots_to_permutation"
    if np.dtype(pivots.dtype) != np.int32:
        raise TypeError(f"{name}: pivots must be int32, got {np.dtype(pivots.dtype).name}")
    if len(pivots.shape) < 1 or pivots.shape[-1] > permutation_size:
        raise ValueError(f"{name}: pivots of shape {tuple(pivots.shape)} need at least one "
                         f"axis of at most permutation_size={permutation_size} entries")
    return aval(tuple(pivots.shape[:-1]) + (permutation_size,), np.int32)


lu_pivots_to_permutation_p = _define("lu_pivots_to_permutation",
                                     _lu_pivots_to_permutation_abstract_eval,
                                     multiple_results=False)
ad.defjvp_zero(lu_pivots_to_permutation_p)  # an integer result


# --- qr ---------------------------------------------------------------------------------------
def _qr_abstract_eval(x, *, pivoting, full_matrices):
    dt = _check_matrix("qr", "operand", x)
    *lead, m, n = x.shape
    lead = tuple(lead)
    k = m if full_matrices else min(m, n)
    out = [aval(lead + (m, k), dt), aval(lead + (k, n), dt)]
    if pivoting:
        out.append(aval(lead + (n,), np.int32))
    return out


qr_p = _define("qr", _qr_abstract_eval)


def _thin_qr_jvp(q, r, t):
    """(dQ, dR) for A = Q R with Q (..., m, n) orthonormal columns, R (..., n, n)
    invertible upper triangular, m >= n.  Walter & Lehmann (2018): with
    C = Q^H dA R^-1, Omega = tril(C,-1) - tril(C,-1)^H (+ the imaginary
    diagonal of C for complex inputs) is Q^H dQ."""
    ew = _ew()
    dx_rinv = triangular_solve(r, t, left_side=False, lower=False)
    c = _mm(_mH(q), dx_rinv)
    low = _tril(c, -1)
    omega = ew.sub(low, _mH(low))
    if _is_complex(c):
        dg = _diag(c)
        omega = ew.add(omega, _diag_embed(ew.sub(dg, _to(ew.real(dg), _dtype(c)))))
    dq = ew.add(_mm(q, ew.sub(omega, c)), dx_rinv)
    dr = _mm(ew.sub(c, omega), r)
    return dq, dr


def _complete_q_jvp(q, dq1, n):
    """Tangent of the last p = m - n columns of the complete Q (m, m) of a tall
    input, given the tangent dQ1 of its first n columns.

    Those columns are not unique; LAPACK's (geqrf + orgqr) come from the compact
    WY form Q = I - V T V^H (Schreiber & Van Loan 1989), V = [V1; V2] unit lower
    trapezoidal (m, n).  Comparing blocks: Q1 - E_n = -V T V1^H and
    Q2 = E_p - V T V2^H (E_n, E_p the first n / last p columns of I), so with
    Z = V2 V1^-1 = Q_pn (Q_nn - I)^-1 the completion is a function of Q1 alone:
    Q2 = E_p - (E_n - Q1) Z^H.  Differentiating,
    dZ = (dQ_pn - Z dQ_nn) (Q_nn - I)^-1 and dQ2 = dQ1 Z^H - (E_n - Q1) dZ^H
    (the same result as Roberts & Roberts 2024, arXiv:2409.13374, Eq. 32-33).
    Undefined (NaN/inf) where a Householder scale tau is 0 (Q_nn - I singular),
    where LAPACK's completion is itself not differentiable."""
    ew = _ew()
    m = _shape(q)[-1]
    q1 = _sub_block(q, 0, m, 0, n)
    q_nn, q_pn = _sub_block(q1, 0, n, 0, n), _sub_block(q1, n, m, 0, n)
    dq_nn, dq_pn = _sub_block(dq1, 0, n, 0, n), _sub_block(dq1, n, m, 0, n)
    eye_n = _eye_like(_shape(q_nn), _dtype(q))
    g = _mH(ew.sub(q_nn, eye_n))                 # (Q_nn - I)^H
    lu_, _, perm = lu(g)
    zh = _lu_solve(lu_, perm, _mH(q_pn))         # Z^H = (Q_nn - I)^-H Q_pn^H
    dzh = _lu_solve(lu_, perm, _mH(ew.sub(dq_pn, _mm(_mH(zh), dq_nn))))   # dZ^H
    e_n = _pad_to(eye_n, m, n)
    return ew.sub(_mm(dq1, zh), _mm(ew.sub(e_n, q1), dzh))


def _qr_jvp(primals, tangents, *, pivoting, full_matrices):
    (x,), (t,) = primals, tangents
    outs = qr_p.bind(x, pivoting=pivoting, full_matrices=full_matrices)
    q, r = outs[0], outs[1]
    extra = [_zero_tangent(outs[2])] if pivoting else []
    if type(t) is ad.Zero:
        return outs, [_zero_tangent(q), _zero_tangent(r)] + extra
    *_, m, n = _shape(x)
    if pivoting:  # A P = Q R: permute the tangent's columns the same way
        t = _mm(t, _permutation_matrix(outs[2], n, _dtype(t), rows=False))
    if m < n:
        # Wide: A = Q [R1 R2] with A1 = Q R1 square (the thin rule) and
        # R2 = Q^H A2, so dR2 = dQ^H A2 + Q^H dA2 (Walter & Lehmann 2018, sec. 3.3;
        # Roberts & Roberts 2020).  ``x`` is permuted like ``t`` for pivoting.
        xp = _mm(x, _permutation_matrix(outs[2], n, _dtype(x), rows=False)) if pivoting else x
        dq, dr1 = _thin_qr_jvp(q, _sub_block(r, 0, m, 0, m), _sub_block(t, 0, m, 0, m))
        x2, t2 = _sub_block(xp, 0, m, m, n), _sub_block(t, 0, m, m, n)
        dr2 = _ew().add(_mm(_mH(dq), x2), _mm(_mH(q), t2))
        nl = len(_shape(x)) - 2
        dr = _st().concatenate([dr1, dr2], nl + 1)
        return outs, [dq, dr] + extra
    if not full_matrices or m == n:
        dq, dr = _thin_qr_jvp(q, r, t)
        return outs, [dq, dr] + extra
    # tall, complete Q: the reduced part by the thin rule, the completion from it
    dq1, dr_nn = _thin_qr_jvp(_sub_block(q, 0, m, 0, n), _sub_block(r, 0, n, 0, n), t)
    dq2 = _complete_q_jvp(q, dq1, n)
    nl = len(_shape(x)) - 2
    dq = _st().concatenate([dq1, dq2], nl + 1)
    dr = _pad_to(dr_nn, m, n)
    return outs, [dq, dr] + extra


ad.primitive_jvps[qr_p] = _qr_jvp


# --- eigh -------------------------------------------------------------------------------------
def _eigh_abstract_eval(x, *, lower, sort_eigenvalues, subset_by_index):
    dt = _check_matrix("eigh", "operand", x, square=True)
    *lead, n, _ = x.shape
    k = _check_subset("eigh", subset_by_index, n)
    lead = tuple(lead)
    return [aval(lead + (n, k), dt), aval(lead + (k,), real_dtype(dt))]


eigh_p = _define("eigh", _eigh_abstract_eval)


def _eigh_jvp(primals, tangents, *, lower, sort_eigenvalues, subset_by_index):
    (x,), (t,) = primals, tangents
    v, w = eigh_p.bind(x, lower=lower, sort_eigenvalues=sort_eigenvalues,
                       subset_by_index=subset_by_index)
    if type(t) is ad.Zero:
        return [v, w], [_zero_tangent(v), _zero_tangent(w)]
    n = _shape(x)[-1]
    if subset_by_index is not None and tuple(subset_by_index) != (0, n):
        raise NotImplementedError("jaxwrap: the derivative of eigh with subset_by_index is "
                                  "not implemented (only the full spectrum)")
    ew = _ew()
    vhtv = _mm(_mH(v), _mm(t, v))
    dw = ew.real(_diag(vhtv)) if _is_complex(vhtv) else _diag(vhtv)
    dv = _mm(v, ew.mul(_gap_inverse(w, squared=False, dtype=_dtype(v)), vhtv))
    return [v, w], [dv, dw]


def _gap_inverse(w, squared: bool, dtype):
    """F_ij = 1 / (w_j - w_i) (or 1 / (w_j^2 - w_i^2)), zero on the diagonal, as ``dtype``."""
    st, ew = _st(), _ew()
    s = _shape(w)
    n, nl = s[-1], len(s) - 1
    if squared:
        w = ew.mul(w, w)
    shape = s + (n,)
    wj = st.broadcast_in_dim(w, shape, tuple(range(nl)) + (nl + 1,))
    wi = st.broadcast_in_dim(w, shape, tuple(range(nl)) + (nl,))
    eye = _index_mask(shape, ew.eq)
    ones = st.broadcast_in_dim(np.array(1, _dtype(w)), shape, ())
    diff = st.select_n(eye, ew.sub(wj, wi), ones)
    f = st.select_n(eye, ew.div(ones, diff), _zeros(shape, _dtype(w)))
    return _to(f, dtype)


ad.primitive_jvps[eigh_p] = _eigh_jvp


# --- eig --------------------------------------------------------------------------------------
def _eig_abstract_eval(x, *, compute_left_eigenvectors, compute_right_eigenvectors):
    dt = _check_matrix("eig", "operand", x, square=True)
    cdt = dt if kind(dt) == COMPLEX else np.dtype(np.complex128 if dt == np.float64
                                                   else np.complex64)
    *lead, n, _ = x.shape
    lead = tuple(lead)
    out = [aval(lead + (n,), cdt)]
    out += [aval(lead + (n, n), cdt)] * (int(compute_left_eigenvectors)
                                         + int(compute_right_eigenvectors))
    return out


eig_p = _define("eig", _eig_abstract_eval)


def _eig_jvp(primals, tangents, *, compute_left_eigenvectors, compute_right_eigenvectors):
    (x,), (t,) = primals, tangents
    outs = eig_p.bind(x, compute_left_eigenvectors=compute_left_eigenvectors,
                      compute_right_eigenvectors=compute_right_eigenvectors)
    if type(t) is ad.Zero:
        return outs, [_zero_tangent(o) for o in outs]
    if compute_left_eigenvectors or compute_right_eigenvectors:
        raise NotImplementedError(
            "jaxwrap: the derivative of eig's eigenvectors is not implemented (their scale "
            "and phase are a kernel convention); differentiate eigenvalues only "
            "(jaxwrap.numpy.linalg.eigvals)")
    w, vr = eig_p.bind(x, compute_left_eigenvectors=False, compute_right_eigenvectors=True)
    cdt = _dtype(w)
    lu_, _, perm = lu_p.bind(vr)
    dw = _diag(_lu_solve(lu_, perm, _mm(_to(t, cdt), vr)))  # diag(V^-1 dA V)
    return outs, [dw]


ad.primitive_jvps[eig_p] = _eig_jvp


# --- svd --------------------------------------------------------------------------------------
def _svd_abstract_eval(x, *, full_matrices, compute_uv, subset_by_index):
    dt = _check_matrix("svd", "operand", x)
    *lead, m, n = x.shape
    lead = tuple(lead)
    k = min(m, n)
    if subset_by_index is not None and full_matrices:
        raise ValueError("svd: subset_by_index requires full_matrices=False")
    ks = _check_subset("svd", subset_by_index, k)
    out = [aval(lead + (ks,), real_dtype(dt))]
    if compute_uv:
        ku, kv = (m, n) if full_matrices else (ks, ks)
        out += [aval(lead + (m, ku), dt), aval(lead + (kv, n), dt)]
    return out


svd_p = _define("svd", _svd_abstract_eval)


def _svd_jvp(primals, tangents, *, full_matrices, compute_uv, subset_by_index):
    (x,), (t,) = primals, tangents
    outs = svd_p.bind(x, full_matrices=full_matrices, compute_uv=compute_uv,
                      subset_by_index=subset_by_index)
    if type(t) is ad.Zero:
        return outs, [_zero_tangent(o) for o in outs]
    *_, m, n = _shape(x)
    k = min(m, n)
    if subset_by_index is not None and tuple(subset_by_index) != (0, k):
        raise NotImplementedError("jaxwrap: the derivative of svd with subset_by_index is "
                                  "not implemented (only the full spectrum)")
    if compute_uv and full_matrices and m != n:
        raise NotImplementedError(
            "jaxwrap: the derivative of svd's singular vectors needs full_matrices=False for "
            f"a non-square input (got shape {_shape(x)}): the completed bases are not unique")
    ew = _ew()
    s, u, vh = svd_p.bind(x, full_matrices=False, compute_uv=True, subset_by_index=None)
    v = _mH(vh)
    dt = _dtype(x)
    dp = _mm(_mH(u), _mm(t, v))  # U^H dA V, k x k
    ds = ew.real(_diag(dp)) if _is_complex(dp) else _diag(dp)
    if not compute_uv:
        return outs, [ds]
    # Townsend (2016): F_ij = 1/(s_j^2 - s_i^2);
    # dU = U (F o (dP S + S dP^H)) + (I - U U^H) dA V S^-1, and symmetrically for V.
    f = _gap_inverse(s, squared=True, dtype=dt)
    sc = _to(s, dt)
    dps = _scale_cols(dp, sc)          # dP S
    sdp = _scale_rows(dp, sc)          # S dP
    du = _mm(u, ew.mul(f, ew.add(dps, _mH(dps))))
    dv = _mm(v, ew.mul(f, ew.add(sdp, _mH(sdp))))
    s_inv = _safe_reciprocal(s)
    if _is_complex(dp):
        # the phase of (u_i, v_i) pairs: Im(diag dP) / s goes to dU (Seeger et al. 2017)
        dg = _diag(dp)
        im = ew.sub(dg, _to(ew.real(dg), dt))
        du = ew.add(du, _mm(u, _diag_embed(ew.mul(im, _to(s_inv, dt)))))
    if m > n:
        dav = _mm(t, v)
        du = ew.add(du, _scale_cols(ew.sub(dav, _mm(u, _mm(_mH(u), dav))), _to(s_inv, dt)))
    elif n > m:
        dahu = _mm(_mH(t), u)
        dv = ew.add(dv, _scale_cols(ew.sub(dahu, _mm(v, _mm(vh, dahu))), _to(s_inv, dt)))
    return outs, [ds, du, _mH(dv)]


def _safe_reciprocal(s):
    """1/s, with 0 where s == 0 (a zero singular value's vector has no defined derivative;
    keep the finite part of the formula rather than inf * 0)."""
    ew, st = _ew(), _st()
    zero = _zeros(_shape(s), _dtype(s))
    is0 = ew.eq(s, zero)
    ones = st.broadcast_in_dim(np.array(1, _dtype(s)), _shape(s), ())
    return st.select_n(is0, ew.div(ones, st.select_n(is0, s, ones)), zero)


ad.primitive_jvps[svd_p] = _svd_jvp


# --- schur, hessenberg, householder_product, tridiagonal: no derivatives ---------------------
def _schur_abstract_eval(x, *, compute_schur_vectors, sort_eig_vals, select_callable):
    dt = _check_matrix("schur", "operand", x, square=True)
    return [aval(x.shape, dt)] * (2 if compute_schur_vectors else 1)


schur_p = _define("schur", _schur_abstract_eval)
ad.primitive_jvps[schur_p] = _no_jvp("schur", "the Schur form is not a smooth function of "
                                     "the matrix in general (reordering, complex pairs)")


def _geqrf_abstract_eval(a):
    dt = _check_matrix("geqrf", "operand", a)
    *lead, m, n = a.shape
    return [aval(a.shape, dt), aval(tuple(lead) + (min(m, n),), dt)]


geqrf_p = _define("geqrf", _geqrf_abstract_eval)
ad.primitive_jvps[geqrf_p] = _no_jvp("geqrf", "the Householder representation has no "
                                     "implemented derivative; differentiate qr instead")


def _hessenberg_abstract_eval(a):
    dt = _check_matrix("hessenberg", "operand", a, square=True)
    *lead, n, _ = a.shape
    return [aval(a.shape, dt), aval(tuple(lead) + (max(n - 1, 0),), dt)]


hessenberg_p = _define("hessenberg", _hessenberg_abstract_eval)
ad.primitive_jvps[hessenberg_p] = _no_jvp("hessenberg", "the Householder representation "
                                          "has no implemented derivative")


def _householder_product_abstract_eval(a, taus):
    dt = _check_matrix("householder_product", "a", a)
    if np.dtype(taus.dtype) != dt:
        raise TypeError(f"householder_product: taus must have a's dtype {dt.name}, got "
                        f"{np.dtype(taus.dtype).name}")
    _check_batch("householder_product", (a, taus), ("a", "taus"), (2, 1))
    m, n = a.shape[-2:]
    if not (m >= n >= taus.shape[-1]):
        raise ValueError(f"householder_product: need m >= n >= k for a of shape "
                         f"{tuple(a.shape)} and taus of shape {tuple(taus.shape)}")
    return aval(a.shape, dt)


householder_product_p = _define("householder_product", _householder_product_abstract_eval,
                                multiple_results=False)
ad.primitive_jvps[householder_product_p] = _no_jvp(
    "householder_product", "differentiate qr instead")


def _tridiagonal_abstract_eval(a, *, lower):
    dt = _check_matrix("tridiagonal", "operand", a, square=True)
    *lead, n, _ = a.shape
    lead = tuple(lead)
    rdt = real_dtype(dt)
    return [aval(a.shape, dt), aval(lead + (n,), rdt), aval(lead + (max(n - 1, 0),), rdt),
            aval(lead + (max(n - 1, 0),), dt)]


tridiagonal_p = _define("tridiagonal", _tridiagonal_abstract_eval)
ad.primitive_jvps[tridiagonal_p] = _no_jvp("tridiagonal", "the Householder reduction has no "
                                           "implemented derivative; use eigh")


# --- triangular_solve -------------------------------------------------------------------------
def _triangular_solve_abstract_eval(a, b, *, left_side, lower, transpose_a, conjugate_a,
                                    unit_diagonal):
    name = "triangular_solve"
    dt = _check_matrix(name, "a", a, square=True)
    _check_matrix(name, "b", b)
    if np.dtype(b.dtype) != dt:
        raise TypeError(f"{name}: a and b must have equal dtypes, got {dt.name} and "
                        f"{np.dtype(b.dtype).name}")
    _check_batch(name, (a, b), ("a", "b"), (2, 2))
    m = a.shape[-1]
    axis = -2 if left_side else -1
    if b.shape[axis] != m:
        raise ValueError(f"{name}: b of shape {tuple(b.shape)} does not fit a of shape "
                         f"{tuple(a.shape)} with left_side={left_side} (b.shape[{axis}] must "
                         f"be {m})")
    return aval(b.shape, dt)


triangular_solve_p = _define("triangular_solve", _triangular_solve_abstract_eval,
                             multiple_results=False)


def _op_a(a, transpose_a, conjugate_a):
    if transpose_a:
        a = _mT(a)
    return _conj(a) if conjugate_a else a


def _triangular_solve_jvp(primals, tangents, **params):
    (a, b), (ta, tb) = primals, tangents
    x = triangular_solve_p.bind(a, b, **params)
    if type(ta) is ad.Zero and type(tb) is ad.Zero:
        return x, _zero_tangent(x)
    ew = _ew()
    rhs = _tangent(tb, b)
    if type(ta) is not ad.Zero:
        # only the triangle the kernel reads carries information
        k = 1 if params["unit_diagonal"] else 0
        ta = _tril(ta, -k) if params["lower"] else _triu(ta, k)
        opd = _op_a(ta, params["transpose_a"], params["conjugate_a"])
        rhs = ew.sub(rhs, _mm(opd, x) if params["left_side"] else _mm(x, opd))
    return x, triangular_solve_p.bind(a, rhs, **params)


def _triangular_solve_transpose(ct, a, b, **params):
    if ad.is_undefined_primal(a):
        raise NotImplementedError("triangular_solve is linear in b only; it cannot be "
                                  "transposed with respect to a")
    if type(ct) is ad.Zero:
        return [None, ad.Zero(b.aval)]
    # X = op(A)^-1 B (or B op(A)^-1): the transpose solves against op(A)^T
    ctb = triangular_solve_p.bind(a, ct, **{**params, "transpose_a": not params["transpose_a"]})
    return [None, ctb]


ad.primitive_jvps[triangular_solve_p] = _triangular_solve_jvp
ad.deftranspose(triangular_solve_p, _triangular_solve_transpose)


# --- tridiagonal_solve ------------------------------------------------------------------------
def _tridiagonal_solve_abstract_eval(dl, d, du, b, *, perturb_singular):
    name = "tridiagonal_solve"
    dt = _check_matrix(name, "b", b)
    for what, v in (("dl", dl), ("d", d), ("du", du)):
        if np.dtype(v.dtype) != dt:
            raise TypeError(f"{name}: {what} must have b's dtype {dt.name}, got "
                            f"{np.dtype(v.dtype).name}")
        if len(v.shape) < 1 or v.shape[-1] != b.shape[-2]:
            raise ValueError(f"{name}: {what} of shape {tuple(v.shape)} must have "
                             f"b.shape[-2] = {b.shape[-2]} entries on its last axis")
    _check_batch(name, (dl, d, du, b), ("dl", "d", "du", "b"), (1, 1, 1, 2))
    return aval(b.shape, dt)


tridiagonal_solve_p = _define("tridiagonal_solve", _tridiagonal_solve_abstract_eval,
                              multiple_results=False)


def _shift(x, axis: int, down: bool):
    st = _st()
    s = _shape(x)
    m = s[axis]
    if m == 0:
        return x
    lo = [0] * len(s)
    hi = list(s)
    if down:
        hi[axis] = m - 1
    else:
        lo[axis] = 1
    part = st.slice(x, tuple(lo), tuple(hi))
    cfg = [(0, 0, 0)] * len(s)
    cfg[axis] = (1, 0, 0) if down else (0, 1, 0)
    return st.pad(part, np.array(0, _dtype(x)), cfg)


def _tridiagonal_matmul(dl, d, du, x):
    """T x for the tridiagonal T with sub/main/super diagonals dl, d, du (dl[0], du[-1]
    unused); x (..., m, n)."""
    st, ew = _st(), _ew()
    s = _shape(x)
    nl = len(s) - 2
    dims = tuple(range(nl + 1))

    def col(v):
        return st.broadcast_in_dim(v, s, dims)

    out = ew.mul(col(d), x)
    out = ew.add(out, ew.mul(col(dl), _shift(x, nl, down=True)))
    return ew.add(out, ew.mul(col(du), _shift(x, nl, down=False)))


def _tridiagonal_solve_jvp(primals, tangents, *, perturb_singular):
    dl, d, du, b = primals
    x = tridiagonal_solve_p.bind(dl, d, du, b, perturb_singular=perturb_singular)
    if all(type(t) is ad.Zero for t in tangents):
        return x, _zero_tangent(x)
    tdl, td, tdu, tb = (_tangent(t, p) for t, p in zip(tangents, primals))
    rhs = _ew().sub(tb, _tridiagonal_matmul(tdl, td, tdu, x))
    return x, tridiagonal_solve_p.bind(dl, d, du, rhs, perturb_singular=perturb_singular)


def _tridiagonal_solve_transpose(ct, dl, d, du, b, *, perturb_singular):
    if any(ad.is_undefined_primal(v) for v in (dl, d, du)):
        raise NotImplementedError("tridiagonal_solve is linear in b only")
    if type(ct) is ad.Zero:
        return [None, None, None, ad.Zero(b.aval)]
    # T^T has sub-diagonal du shifted down and super-diagonal dl shifted up
    nl = len(_shape(dl)) - 1
    dlt, dut = _shift(du, nl, down=True), _shift(dl, nl, down=False)
    return [None, None, None, tridiagonal_solve_p.bind(dlt, d, dut, ct,
                                                       perturb_singular=perturb_singular)]


ad.primitive_jvps[tridiagonal_solve_p] = _tridiagonal_solve_jvp
ad.deftranspose(tridiagonal_solve_p, _tridiagonal_solve_transpose)


# --- wrappers: the signatures of jax.lax.linalg --------------------------------------------
def _symmetrize(name, x):
    a = aval_of(x)
    _check_matrix(name, "operand", a, square=True)
    ew = _ew()
    return ew.mul(ew.add(x, _mH(x)), _c(x, 0.5))


def cholesky(x, *, symmetrize_input: bool = True):
    """Lower Cholesky factor L of Hermitian positive-definite ``x`` (x = L L^H).

    Non-positive-definite input gives NaNs (no error: the kernel's status is not
    inspected).  With ``symmetrize_input`` the factor is of (x + x^H) / 2.
    """
    if symmetrize_input:
        x = _symmetrize("cholesky", x)
    return cholesky_p.bind(x)


def lu(x):
    """LU with partial pivoting: ``(lu, pivots, permutation)``.

    ``lu`` packs the unit lower L (below the diagonal) and U; ``pivots`` are the
    LAPACK row swaps, ``permutation`` the resulting row order (x[perm] = L U).
    """
    return tuple(lu_p.bind(x))


def lu_pivots_to_permutation(pivots, permutation_size: int):
    """The row order produced by applying LAPACK row swaps ``pivots`` to
    ``range(permutation_size)`` (int32)."""
    return lu_pivots_to_permutation_p.bind(pivots, permutation_size=int(permutation_size))


def qr(x, *, pivoting: bool = False, full_matrices: bool = True):
    """QR factorization: ``(q, r)`` or, with ``pivoting``, ``(q, r, p)`` with x[:, p] = q r."""
    return tuple(qr_p.bind(x, pivoting=bool(pivoting), full_matrices=bool(full_matrices)))


def _canon_subset(subset_by_index):
    if subset_by_index is None:
        return None
    lo, hi = subset_by_index
    return (int(lo), int(hi))


def eigh(x, *, lower: bool = True, symmetrize_input: bool = True,
         sort_eigenvalues: bool = True, subset_by_index=None):
    """Eigendecomposition of a Hermitian matrix: ``(v, w)`` with x v = v diag(w)."""
    if symmetrize_input:
        x = _symmetrize("eigh", x)
    v, w = eigh_p.bind(x, lower=bool(lower), sort_eigenvalues=bool(sort_eigenvalues),
                       subset_by_index=_canon_subset(subset_by_index))
    return v, w


def eig(x, *, compute_left_eigenvectors: bool = True, compute_right_eigenvectors: bool = True):
    """General eigendecomposition: ``[w, vl?, vr?]`` (complex)."""
    return list(eig_p.bind(x, compute_left_eigenvectors=bool(compute_left_eigenvectors),
                           compute_right_eigenvectors=bool(compute_right_eigenvectors)))


def svd(x, *, full_matrices: bool = True, compute_uv: bool = True, subset_by_index=None):
    """Singular value decomposition: ``(u, s, vh)`` (or ``s`` alone), s descending."""
    outs = svd_p.bind(x, full_matrices=bool(full_matrices), compute_uv=bool(compute_uv),
                      subset_by_index=_canon_subset(subset_by_index))
    if not compute_uv:
        return outs[0]
    s, u, vh = outs
    return u, s, vh


def schur(x, *, compute_schur_vectors: bool = True, sort_eig_vals: bool = False,
          select_callable=None):
    """Schur form ``[T, Z?]`` with x = Z T Z^H (CPU only, like jax)."""
    return list(schur_p.bind(x, compute_schur_vectors=bool(compute_schur_vectors),
                             sort_eig_vals=bool(sort_eig_vals), select_callable=select_callable))


def geqrf(a):
    """QR in LAPACK geqrf's Householder form: ``(a, taus)``, R in the upper
    triangle of ``a`` and the reflectors below it (``householder_product``
    turns them into Q)."""
    h, taus = geqrf_p.bind(a)
    return h, taus


def hessenberg(a):
    """Hessenberg reduction in LAPACK's packed form: ``(a, taus)``."""
    h, taus = hessenberg_p.bind(a)
    return h, taus


def householder_product(a, taus):
    """The product of Householder reflectors stored in ``a`` / ``taus`` (LAPACK orgqr)."""
    return householder_product_p.bind(a, taus)


def triangular_solve(a, b, *, left_side: bool = False, lower: bool = False,
                     transpose_a: bool = False, conjugate_a: bool = False,
                     unit_diagonal: bool = False):
    """Solve op(a) x = b (``left_side``) or x op(a) = b, with triangular ``a``."""
    return triangular_solve_p.bind(a, b, left_side=bool(left_side), lower=bool(lower),
                                   transpose_a=bool(transpose_a),
                                   conjugate_a=bool(conjugate_a),
                                   unit_diagonal=bool(unit_diagonal))


def tridiagonal(a, *, lower: bool = True):
    """Reduction of a Hermitian matrix to real symmetric tridiagonal form: ``(a, d, e, taus)``."""
    return tuple(tridiagonal_p.bind(a, lower=bool(lower)))


def tridiagonal_solve(dl, d, du, b, *, perturb_singular: bool = False):
    """Solve T x = b for the tridiagonal T with diagonals ``dl`` (dl[0] unused), ``d``,
    ``du`` (du[-1] unused)."""
    return tridiagonal_solve_p.bind(dl, d, du, b, perturb_singular=bool(perturb_singular))
