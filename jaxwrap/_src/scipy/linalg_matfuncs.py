"""scipy.linalg's matrix functions: expm (and its Frechet derivative), the
trigonometric / hyperbolic functions built on it, sqrtm, logm,
fractional_matrix_power, signm and the general funm.

Algorithms (all from the literature; no LAPACK-only steps, so everything but
funm runs on every XLA platform):

- expm: scaling and squaring with Pade approximants of degree 3..13 chosen
  from the 1-norm (N. J. Higham, "The scaling and squaring method for the
  matrix exponential revisited", SIAM J. Matrix Anal. Appl. 26, 2005); an
  XLA conditional runs only the chosen degree's products.
- expm_frechet: forward-mode derivative of that expm (the derivative of the
  approximant is the approximant of the Frechet derivative, Al-Mohy & Higham
  2009).
- sqrtm: Denman-Beavers iteration in product form with determinant scaling
  (Higham, "Functions of Matrices", SIAM 2008, sec. 6.3, eq. 6.29); for
  singular input (no inverse) the Schur method on CPU (Bjorck & Hammarling
  1983; Higham 2008, Alg. 6.3).
- logm: inverse scaling and squaring: repeated square roots until the matrix
  is near I, then the Pade approximant of log(1 + x) as Gauss-Legendre
  quadrature (Higham, "Evaluating Pade approximants of the matrix
  logarithm", SIAM J. Matrix Anal. Appl. 22, 2001; Kenney & Laub 1989).
- derivatives of sqrtm / logm: custom JVPs whose tangents are linear
  Sylvester solves X D + D X = E via the sign function of a block
  triangular matrix (Roberts 1980; Higham 2008, sec. 5.1 and 6.1), so
  reverse mode works although the primal iterations are while loops.
- signm: Newton iteration with determinant scaling (Kenney & Laub, "On
  scaling Newton's method for polar decomposition and the matrix sign
  function", SIAM J. Matrix Anal. Appl. 13, 1992).
- funm: Schur-Parlett recurrence (Parlett 1976) on the complex Schur form;
  XLA's Schur decomposition is CPU only.
"""

from __future__ import annotations

import math
from fractions import Fraction

import jax
import numpy as np

from .. import dtypes, lax
from ..numpy._util import public
from . import linalg_common as C
from .linalg_solve import solve_gen, tri_solve

__all__ = [
    "coshm", "cosm", "expm", "expm_frechet", "fractional_matrix_power", "funm", "logm", "signm",
    "sinhm", "sinm", "sqrtm", "tanhm", "tanm",
]

_HIGHEST = "highest"


def _dot(a, b):
    return C.mm(a, b, precision=_HIGHEST)


def _axpy(coefs, mats, dtype):
    """sum_k coefs[k] * mats[k] (Python float coefficients)."""
    out = None
    for c, m in zip(coefs, mats):
        if c == 0:
            continue
        term = lax.mul(np.array(c, dtype), m)
        out = term if out is None else lax.add(out, term)
    return out


def _per_matrix(fn, a, *rest):
    """Apply the 2-d ``fn`` over the leading axes of ``a`` (and of ``rest``)."""
    if a.ndim == 2:
        return fn(a, *rest)
    batch = a.shape[:-2]
    flat = [lax.reshape(x, (int(np.prod(batch)),) + x.shape[-2:]) for x in (a,) + rest]
    out = jax.vmap(fn)(*flat)
    return jax.tree.map(lambda o: lax.reshape(o, batch + o.shape[1:]), out)


def _norm1(a):
    """Matrix 1-norm (max column sum of |a|), a real scalar."""
    return lax.reduce_max(lax.reduce_sum(lax.abs(a), (a.ndim - 2,)), (a.ndim - 2,))


# --- expm -------------------------------------------------------------------------------------
def _pade_coefficients(m: int) -> list[float]:
    """Coefficients b_0..b_m of the [m/m] Pade approximant of exp, scaled so b_m = 1:
    p_j = (2m - j)! m! / ((2m)! j! (m - j)!)."""
    p = [Fraction(math.factorial(2 * m - j) * math.factorial(m),
                  math.factorial(2 * m) * math.factorial(j) * math.factorial(m - j))
         for j in range(m + 1)]
    return [float(v / p[m]) for v in p]


# Higham (2005), Table 2.3: largest 1-norm for which the degree-m approximant
# is accurate to unit roundoff, for double and single precision.
_THETA = {
    "double": ((3, 1.495585217958292e-2), (5, 2.539398330063230e-1),
               (7, 9.504178996162932e-1), (9, 2.097847961257068e0), (13, 5.371920351148152e0)),
    "single": ((3, 4.258730016922831e-1), (5, 1.880152677804762e0), (7, 3.925724783138660e0)),
}


def _pade_uv(a, m: int):
    """(U, V) of the degree-``m`` Pade approximant of exp at ``a``: p = V + U,
    q = V - U, from the even powers A^2, A^4, A^6 (and A^8 for m = 9) and
    one product with A for U; degree 13 reuses A^6 as in Higham (2005),
    eqs. 2.3 and 2.4, so it costs six products."""
    b = _pade_coefficients(m)
    dt = a.dtype
    eye = C.eye_like(a)
    powers = [eye, _dot(a, a)]
    for _ in range(1, min(m, 7) // 2):
        powers.append(_dot(powers[-1], powers[1]))
    if m == 9:
        powers.append(_dot(powers[-1], powers[1]))
    if m == 13:
        eye, a2, a4, a6 = powers
        odd = lax.add(_dot(a6, _axpy((b[13], b[11], b[9]), (a6, a4, a2), dt)),
                      _axpy((b[7], b[5], b[3], b[1]), (a6, a4, a2, eye), dt))
        even = lax.add(_dot(a6, _axpy((b[12], b[10], b[8]), (a6, a4, a2), dt)),
                       _axpy((b[6], b[4], b[2], b[0]), (a6, a4, a2, eye), dt))
    else:
        h = m // 2 + 1
        odd = _axpy([b[2 * j + 1] for j in range(h)], powers, dt)
        even = _axpy([b[2 * j] for j in range(h)], powers, dt)
    return _dot(a, odd), even


def _expm_impl(a, upper_triangular: bool, max_squarings: int, fast: bool):
    """Scaling and squaring.  ``fast``: only the needed squarings run (a while
    loop, not reverse-differentiable); otherwise 'max_squarings' guarded
    squarings run in a scan (the differentiable twin used for derivatives)."""
    rdt = C.real_dtype(a.dtype)
    table = _THETA["double" if np.dtype(rdt) == np.float64 else "single"]
    norm = _norm1(a)
    theta_max = table[-1][1]
    # s = max(0, floor(log2(norm / theta_max))), with float ops on the scalar.
    # floor (as jax.scipy does) rather than Higham's ceil: the scaled norm may
    # reach 2 * theta_max, which in practice keeps the error at the level of
    # scipy's (measured on random and triangular matrices, float32/float64)
    # and saves one squaring, i.e. one n^3 product, for most inputs.
    s = lax.max(lax.floor(lax.div(lax.log(lax.div(norm, np.array(theta_max, rdt))),
                                 np.array(math.log(2.0), rdt))), np.array(0, rdt))
    s = lax.select_n(lax.is_finite(s), np.array(0, rdt), s)   # norm 0 or NaN
    scaled = lax.div(a, lax.convert_element_type(lax.exp2(s), a.dtype, False))
    # Degree index: how many thresholds the (unscaled) norm exceeds.
    idx = None
    for _, th in table[:-1]:
        step = lax.convert_element_type(lax.ge(norm, np.array(th, rdt)), np.int32, False)
        idx = step if idx is None else lax.add(idx, step)
    # One branch per degree: only the chosen degree's products run (under
    # vmap with a batched index the switch becomes a select over all).
    u, v = C.switch_in_range(idx, [lambda x, m=m: _pade_uv(x, m) for m, _ in table], scaled)
    p, q = lax.add(v, u), lax.sub(v, u)
    s_int = lax.convert_element_type(s, np.int32, False)

    def finish(p, q):
        r = tri_solve(q, p, lower=False) if upper_triangular else solve_gen(q, p)
        # Undo the scaling: r <- r @ r, s times.
        if fast:
            # s_int <= max_squarings in this branch; the min shows the bound statically
            bound = lax.min(s_int, np.int32(max_squarings))
            _, r = jax.lax.while_loop(lambda c: lax.lt(c[0], bound),
                                      lambda c: (lax.add(c[0], np.int32(1)), _dot(c[1], c[1])),
                                      (np.int32(0), r))
            return r

        def square(i, r):
            keep = lax.broadcast_in_dim(lax.lt(i, s_int), r.shape, ())
            return lax.select_n(keep, r, _dot(r, r))
        return C.fori_loop(0, max_squarings, square, r)

    # More squarings than allowed: NaN, as a branch (no solve, no extra pass).
    too_big = lax.convert_element_type(lax.gt(s_int, np.int32(max_squarings)), np.int32, False)
    return C.switch_in_range(too_big, [finish, lambda p, q: C.full(p.shape, np.nan, p.dtype)],
                             p, q)


@jax.custom_jvp
def _expm_ad(a, upper_triangular, max_squarings):
    return _expm_impl(a, upper_triangular, max_squarings, True)


def _expm_ad_jvp(primals, tangents):
    a, upper, max_sq = primals
    # The tangent comes from the scan-based twin (same degree and squarings,
    # so the same function near a): linear ops only, hence transposable.
    _, t = jax.jvp(lambda x: _expm_impl(x, upper, max_sq, False), (a,), (tangents[0],))
    return _expm_impl(a, upper, max_sq, True), t


_expm_ad = jax.custom_jvp(_expm_ad.fun, nondiff_argnums=(1, 2))
_expm_ad.defjvp(lambda upper, max_sq, primals, tangents: _expm_ad_jvp(
    (primals[0], upper, max_sq), tangents))


def _expm_2d(a, upper_triangular: bool, max_squarings: int):
    return _expm_ad(a, upper_triangular, max_squarings)


@public(static=("upper_triangular", "max_squarings"))
def expm(A, *, upper_triangular=False, max_squarings=16):
    """Matrix exponential by scaling and squaring with Pade approximants.

    Parameters
    ----------
    A : array_like, shape (..., n, n)
    upper_triangular : bool
        ``A`` is upper triangular: the Pade step uses a triangular solve.
    max_squarings : int
        Upper bound on the squarings; beyond it the result is NaN.

    Returns
    -------
    jax.Array, shape (..., n, n)

    Notes
    -----
    Higham (2005): the degree (3, 5, 7, 9, 13 in double; 3, 5, 7 in single
    precision) and the number of squarings follow from the 1-norm of ``A``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.expm([[0.0, 1.0], [0.0, 0.0]])
    Array([[1., 1.],
           [0., 1.]], dtype=float32)
    """
    a = C.matrix("expm", A, "A")
    if a.shape[-1] == 0:
        return a
    return _per_matrix(lambda x: _expm_2d(x, bool(upper_triangular), int(max_squarings)), a)


@public(static=("method", "compute_expm", "check_finite"))
def expm_frechet(A, E, method=None, compute_expm=True, check_finite=True):
    """Frechet derivative of the matrix exponential of ``A`` in the direction ``E``.

    Parameters
    ----------
    A, E : array_like, shape (..., n, n)
    method : {None, 'SPS', 'blockEnlarge'}
        Accepted for compatibility: the derivative is always the
        forward-mode derivative of :func:`expm` (exact for its approximant).
    compute_expm : bool
        Also return ``expm(A)``.
    check_finite : bool
        Accepted and ignored.

    Returns
    -------
    (expm_A, expm_frechet_AE) or expm_frechet_AE

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> expm, frechet = linalg.expm_frechet([[1.0, 0.0], [0.0, 2.0]], [[0.0, 1.0], [0.0, 0.0]])
    >>> round(float(frechet[0, 1]), 4)  # (e**2 - e) / (2 - 1)
    4.6708
    """
    if method not in (None, "SPS", "blockEnlarge"):
        raise ValueError(f"expm_frechet(): method must be 'SPS' or 'blockEnlarge', got "
                         f"{method!r}")
    a = C.matrix("expm_frechet", A, "A")
    e = C.matrix("expm_frechet", E, "E")
    if a.shape != e.shape:
        raise ValueError(f"expm_frechet(): A and E must have the same shape, got {a.shape} and "
                         f"{e.shape}")
    a, e = C.promote(a, e)
    ea, l = _per_matrix(lambda x, t: jax.jvp(lambda y: _expm_2d(y, False, 16), (x,), (t,)), a, e)
    return (ea, l) if compute_expm else l


# --- functions of expm --------------------------------------------------------------------------
def _to_complex(a):
    return lax.convert_element_type(a, dtypes.to_complex_dtype(a.dtype), False)


def _expm_pm(a, imaginary: bool):
    """(expm(s a), expm(-s a)) with s = i or 1."""
    x = a
    if imaginary:
        x = _to_complex(a)
        x = lax.mul(x, lax.complex(np.array(0, C.real_dtype(x.dtype)),
                                   np.array(1, C.real_dtype(x.dtype))))
    return expm(x), expm(lax.neg(x))


def _half(x):
    return lax.mul(np.array(0.5, x.dtype), x)


def _trig(name, a, kind):
    a = C.matrix(name, a, "A")
    real = not C.is_complex(a)
    if kind in ("cos", "sin") and real:
        e = expm(lax.mul(_to_complex(a), lax.complex(np.array(0, a.dtype), np.array(1, a.dtype))))
        return lax.real(e) if kind == "cos" else lax.imag(e)
    plus, minus = _expm_pm(a, kind in ("cos", "sin"))
    if kind in ("cos", "cosh"):
        return _half(lax.add(plus, minus))
    diff = _half(lax.sub(plus, minus))
    if kind == "sin":  # (e^{iA} - e^{-iA}) / (2i)
        return lax.mul(diff, lax.complex(np.array(0, C.real_dtype(diff.dtype)),
                                         np.array(-1, C.real_dtype(diff.dtype))))
    return diff


def _quotient(num, den):
    return solve_gen(den, num)


@public
def cosm(A):
    """Matrix cosine, ``(expm(iA) + expm(-iA)) / 2`` (real part of expm(iA) for real A).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.cosm([[0.0, 0.0], [0.0, 0.0]])
    Array([[1., 0.],
           [0., 1.]], dtype=float32)
    """
    return _trig("cosm", A, "cos")


@public
def sinm(A):
    """Matrix sine, ``(expm(iA) - expm(-iA)) / 2i`` (imaginary part of expm(iA) for real A).

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.sinm([[0.0, 0.0], [0.0, 0.0]])
    Array([[0., 0.],
           [0., 0.]], dtype=float32)
    """
    return _trig("sinm", A, "sin")


@public
def tanm(A):
    """Matrix tangent, ``cosm(A)^-1 sinm(A)``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.tanm([[0.0, 0.0], [0.0, 0.0]])
    Array([[0., 0.],
           [0., 0.]], dtype=float32)
    """
    return _quotient(_trig("tanm", A, "sin"), _trig("tanm", A, "cos"))


@public
def coshm(A):
    """Matrix hyperbolic cosine, ``(expm(A) + expm(-A)) / 2``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.coshm([[0.0, 0.0], [0.0, 0.0]])
    Array([[1., 0.],
           [0., 1.]], dtype=float32)
    """
    return _trig("coshm", A, "cosh")


@public
def sinhm(A):
    """Matrix hyperbolic sine, ``(expm(A) - expm(-A)) / 2``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.sinhm([[0.0, 0.0], [0.0, 0.0]])
    Array([[0., 0.],
           [0., 0.]], dtype=float32)
    """
    return _trig("sinhm", A, "sinh")


@public
def tanhm(A):
    """Matrix hyperbolic tangent, ``coshm(A)^-1 sinhm(A)``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.tanhm([[0.0, 0.0], [0.0, 0.0]])
    Array([[0., 0.],
           [0., 0.]], dtype=float32)
    """
    return _quotient(_trig("tanhm", A, "sinh"), _trig("tanhm", A, "cosh"))


# --- iterations: square root, sign -----------------------------------------------------------
def _lu_inv_logdet(m):
    """inverse of m and log|det m| from one LU factorization."""
    packed, _, perm = lax.lu(m)
    from .linalg_solve import lu_solve_perm
    inv = lu_solve_perm(packed, perm, C.eye_like(m))
    logdet = lax.reduce_sum(lax.log(lax.abs(C.diagonal(packed))), (0,))
    return inv, logdet


def _iterate(step, init, conv, max_iter):
    """Run ``step`` until ``conv(state)`` or ``max_iter`` steps (a while loop)."""
    def cond(c):
        k, state, done = c
        return lax.and_(lax.lt(k, np.int32(max_iter)), lax.not_(done))

    def body(c):
        k, state, _ = c
        state = step(state)
        return lax.add(k, np.int32(1)), state, conv(state)

    _, state, _ = jax.lax.while_loop(cond, body, (np.int32(0), init, conv(init)))
    return state


def _db_sqrt(a):
    """Principal square root by the scaled product-form Denman-Beavers iteration:
    M <- (I + (mu^2 M + (mu^2 M)^-1) / 2) / 2,  X <- mu X (I + (mu^2 M)^-1) / 2,
    mu = |det M|^(-1/(2n)) while M is far from I (Higham 2008, eq. 6.29)."""
    n = a.shape[-1]
    rdt = C.real_dtype(a.dtype)
    eye = C.eye_like(a)
    tol = np.array(n * C.eps(rdt) * 10, rdt)

    def step(state):
        m, x, _ = state
        far = lax.gt(_norm1(lax.sub(m, eye)), np.array(1e-2, rdt))
        inv, logdet = _lu_inv_logdet(m)
        mu = lax.exp(lax.mul(np.array(-0.5 / n, rdt), logdet))
        mu = lax.select_n(lax.and_(far, lax.is_finite(mu)), np.array(1, rdt), mu)
        muc = lax.convert_element_type(mu, a.dtype, False)
        mu2 = lax.mul(muc, muc)
        inv = lax.div(inv, mu2)
        m_new = _half(lax.add(eye, _half(lax.add(lax.mul(mu2, m), inv))))
        x_new = lax.mul(muc, _half(_dot(x, lax.add(eye, inv))))
        return m_new, x_new, _norm1(lax.sub(m_new, eye))

    def conv(state):
        return lax.not_(lax.gt(state[2], tol))   # also stops on NaN

    init = (a, a, np.array(np.inf, rdt))
    _, x, res = _iterate(step, init, conv, 60)
    return x, res


def _schur_sqrt(a):
    """Principal square root by the Schur method (Bjorck & Hammarling 1983;
    Higham 2008, Alg. 6.3): a = Z T Z^H, U upper triangular with U^2 = T,
    U_ii = sqrt(T_ii) and, superdiagonal by superdiagonal,
    U_ij (U_ii + U_jj) = T_ij - sum_{i<k<j} U_ik U_kj.
    A zero denominator (a repeated zero eigenvalue) with a zero right-hand
    side gives U_ij = 0 (e.g. diag(0, 0, 1)); with a nonzero one no square
    root exists (a nilpotent Jordan block) and the entry is NaN."""
    t, z = lax.schur(a, compute_schur_vectors=True, sort_eig_vals=False, select_callable=None)
    n = a.shape[-1]
    u = C.diag_embed(lax.sqrt(C.diagonal(t)))
    d = C.diagonal(u)
    den = lax.add(lax.broadcast_in_dim(d, (n, n), (0,)), lax.broadcast_in_dim(d, (n, n), (1,)))
    zero = C.full((n, n), 0, a.dtype)
    i = lax.iota(np.int32, (n, n), 0)
    j = lax.iota(np.int32, (n, n), 1)

    def body(p, u):
        on = lax.eq(lax.sub(j, i), lax.broadcast_in_dim(p, (n, n), ()))
        rhs = lax.sub(t, _dot(u, u))   # u_ij is still 0 here: only i < k < j contribute
        dz = lax.eq(den, zero)
        val = lax.div(rhs, C.select(dz, C.full((n, n), 1, a.dtype), den))
        val = C.select(dz, C.select(lax.eq(rhs, zero), zero, C.full((n, n), np.nan, a.dtype)),
                       val)
        return C.select(on, val, u)

    u = C.fori_loop(1, n, body, u)
    return _dot(z, _dot(u, C.mH(z)))


def _sqrtm_2d(a):
    x, res = _db_sqrt(a)
    # The iteration cannot leave the real axis for real negative eigenvalues:
    # then rotate the spectrum off the branch cut, sqrt(A) = e^{it/2} sqrt(e^{-it} A),
    # which sends lambda < 0 to +i sqrt(|lambda|) (numpy's sqrt(-r + 0j)).
    rdt = C.real_dtype(a.dtype)
    bad = lax.not_(lax.le(res, np.array(math.sqrt(C.eps(rdt)), rdt)))
    t = 1e-3

    def rotated(a):
        ph = lax.complex(np.array(math.cos(t), rdt), np.array(-math.sin(t), rdt))
        y, res = _db_sqrt(lax.mul(ph, a))
        back = lax.complex(np.array(math.cos(t / 2), rdt), np.array(math.sin(t / 2), rdt))
        return lax.mul(back, y)

    return C.cond(bad, rotated, lambda a: x, a)


def _sqrtm_stack(a):
    """sqrtm of a (k, n, n) stack.  A singular matrix has no inverse for the
    iteration (NaN result): on CPU those matrices take the Schur method.  One
    conditional for the whole stack, so that the Schur path runs only when
    some matrix needs it (a per-matrix one becomes a select under vmap)."""
    x = _stacked(_sqrtm_2d, a)
    if jax.default_backend() != "cpu":   # XLA's Schur decomposition is CPU only
        return x
    finite = lax.reduce_and(lax.is_finite(lax.abs(x)), (1, 2))   # NaN/inf in either part
    return C.cond(lax.reduce_and(finite, (0,)), lambda a: x,
                  lambda a: lax.select_n(lax.broadcast_in_dim(finite, x.shape, (0,)),
                                         _stacked(_schur_sqrt, a), x), a)


def _stacked(fn, *xs):
    """The 2-d ``fn`` over (k, ...) stacks: jax.vmap, or a plain call for k = 1
    (vmap's batching rules for loops and conditionals bind jax's own primitives)."""
    if xs[0].shape[0] != 1:
        return jax.vmap(fn)(*xs)
    out = fn(*(lax.reshape(x, x.shape[1:]) for x in xs))
    return lax.reshape(out, (1,) + out.shape)


# --- derivatives of sqrtm and logm: linear Sylvester solves --------------------------------
# The primal iterations run in while loops (reverse mode cannot go through
# them), so both functions carry a custom JVP whose tangent is a fixed
# sequence of linear maps of the input tangent, which jax can transpose.
_SIGN_STEPS = 16   # scaled Newton for the sign function: quadratic after a few steps


def _sqrt_sylvester(x, c):
    """The solution D of ``X D + D X = C`` for ``X`` with spectrum in the open
    right half plane (the derivative of the square root: X = sqrtm(A),
    C = dA).  Roberts (1980): S = sign([[X, C], [0, -X]]) = [[I, 2D], [0, -I]]
    (S commutes with its argument, whose corner gives X (2D) + (2D) X = 2C).
    Newton's iteration Z <- (mu Z + (mu Z)^-1) / 2 on that block triangular
    matrix keeps the diagonal blocks at P and -P, where P runs the scaled
    Newton iteration for sign(X) = I (determinant scaling mu = |det P|^(-1/n),
    Kenney & Laub 1992), and maps the corner block linearly:
    Q <- (mu Q + P^-1 Q P^-1 / mu) / 2.  Once P = I the update is the identity,
    so a fixed step count is safe."""
    n = x.shape[-1]
    rdt = C.real_dtype(x.dtype)

    def step(i, carry):
        p, q = carry
        inv, logdet = _lu_inv_logdet(p)
        mu = lax.exp(lax.mul(np.array(-1.0 / n, rdt), logdet))
        mu = lax.select_n(lax.is_finite(mu), np.array(1, rdt), mu)
        muc = lax.convert_element_type(mu, x.dtype, False)
        rmu = lax.div(np.array(1, x.dtype), muc)
        p = _half(lax.add(lax.mul(muc, p), lax.mul(rmu, inv)))
        q = _half(lax.add(lax.mul(muc, q), lax.mul(rmu, _dot(inv, _dot(q, inv)))))
        return p, q

    _, q = C.fori_loop(0, _SIGN_STEPS, step, (x, c))
    return _half(q)


@jax.custom_jvp
def _sqrtm_ad(a):
    return _sqrtm_stack(a)


@_sqrtm_ad.defjvp
def _sqrtm_ad_jvp(primals, tangents):
    x = _sqrtm_ad(primals[0])
    return x, _stacked(_sqrt_sylvester, x, tangents[0])


@public(static=("disp", "blocksize"))
def sqrtm(A, disp=True, blocksize=64):
    """Principal matrix square root.

    Parameters
    ----------
    A : array_like, shape (..., n, n)
        Eigenvalues off the closed negative real axis give the principal
        root; a real negative eigenvalue gets ``+i sqrt(|lambda|)`` (scipy and
        jax.scipy may return ``-i sqrt(|lambda|)`` for real non-normal input:
        LAPACK's complex Schur form then carries a -0 imaginary part).
    disp, blocksize
        Accepted for compatibility and ignored.

    Returns
    -------
    jax.Array, complex, shape (..., n, n)
        Complex like jax.scipy's (scipy returns real when it can).

    Notes
    -----
    Scaled Denman-Beavers iteration (product form), so it runs on every
    platform (scipy and jax use the Schur method, CPU only in XLA).  The
    iteration inverts, so a singular matrix (a zero eigenvalue) falls back
    to the Schur method (Bjorck & Hammarling 1983) on CPU; elsewhere it
    gives NaN.  A matrix with no square root (a nilpotent Jordan block)
    gives NaN.
    Differentiable in forward and reverse mode: the derivative solves the
    Sylvester equation X dX + dX X = dA by a sign-function iteration.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.sqrtm([[4.0, 0.0], [0.0, 9.0]]), 4)
    Array([[2.+0.j, 0.+0.j],
           [0.+0.j, 3.+0.j]], dtype=complex64)
    """
    a = _to_complex(C.matrix("sqrtm", A, "A"))
    if a.shape[-1] == 0:
        return a
    k = int(np.prod(a.shape[:-2]))
    return lax.reshape(_sqrtm_ad(lax.reshape(a, (k,) + a.shape[-2:])), a.shape)


def _gauss_legendre(m: int):
    x, w = np.polynomial.legendre.leggauss(m)
    return (x + 1.0) / 2.0, w / 2.0


_LOGM_MAX_ROOTS = 40
_LOGM_NODES = 8


def _logm_roots(a):
    """Inverse scaling: square roots until ||X - I||_1 <= 0.25 (Higham 2001).
    Returns X, the count k and every root taken (k rows of a (max, n, n)
    buffer, for the derivative)."""
    rdt = C.real_dtype(a.dtype)
    eye = C.eye_like(a)
    buf = C.full((_LOGM_MAX_ROOTS,) + a.shape, 0, a.dtype)

    def step(state):
        x, k, buf = state
        x = _sqrtm_2d(x)
        buf = lax.dynamic_update_slice(buf, lax.broadcast_in_dim(x, (1,) + x.shape, (1, 2)),
                                       (k, np.int32(0), np.int32(0)))
        return x, lax.add(k, np.int32(1)), buf

    def conv(state):
        return lax.le(_norm1(lax.sub(state[0], eye)), np.array(0.25, rdt))

    return _iterate(step, (a, np.int32(0), buf), conv, _LOGM_MAX_ROOTS)


def _two_pow(k, dtype):
    rdt = C.real_dtype(dtype)
    return lax.convert_element_type(lax.exp2(lax.convert_element_type(k, rdt, False)), dtype,
                                    False)


def _logm_2d(a):
    x, k, _ = _logm_roots(a)
    eye = C.eye_like(a)
    y = lax.sub(x, eye)
    # log(I + Y) = int_0^1 Y (I + tY)^-1 dt, by 8-point Gauss-Legendre (= the [8/8] Pade).
    nodes, weights = _gauss_legendre(_LOGM_NODES)
    acc = C.full(a.shape, 0, a.dtype)
    for t, w in zip(nodes, weights):
        den = lax.add(eye, lax.mul(np.array(t, a.dtype), y))
        acc = lax.add(acc, lax.mul(np.array(w, a.dtype), solve_gen(den, y)))
    return lax.mul(_two_pow(k, a.dtype), acc)


@jax.custom_jvp
def _logm_ad(a):
    return _logm_2d(a)


@_logm_ad.defjvp
def _logm_ad_jvp(primals, tangents):
    """log A = 2^k log(R_k), R_j = sqrt(R_{j-1}), R_0 = A: the tangent runs
    dR_j through the square-root derivative (a Sylvester solve, linear) for
    j <= k, then the derivative of the quadrature formula, which is exact
    for it: d[Y (I + tY)^-1] = (I + tY)^-1 dY (I + tY)^-1."""
    a, = primals
    x, k, roots = _logm_roots(a)
    keep = [lambda r, d: d, _sqrt_sylvester]

    def through(d, xs):
        j, r = xs
        take = lax.convert_element_type(lax.lt(j, k), np.int32, False)
        return C.switch_in_range(take, keep, r, d), None

    d, _ = jax.lax.scan(through, tangents[0],
                        (lax.iota(np.int32, (_LOGM_MAX_ROOTS,), 0), roots))
    eye = C.eye_like(a)
    y = lax.sub(x, eye)
    nodes, weights = _gauss_legendre(_LOGM_NODES)
    acc = C.full(a.shape, 0, a.dtype)
    for t, w in zip(nodes, weights):
        inv, _ = _lu_inv_logdet(lax.add(eye, lax.mul(np.array(t, a.dtype), y)))
        acc = lax.add(acc, lax.mul(np.array(w, a.dtype), _dot(inv, _dot(d, inv))))
    return _logm_ad(a), lax.mul(_two_pow(k, a.dtype), acc)


@public(static=("disp",))
def logm(A, disp=True):
    """Principal matrix logarithm (inverse scaling and squaring).

    Parameters
    ----------
    A : array_like, shape (..., n, n)
        Nonsingular; eigenvalues off the closed negative real axis for the
        principal logarithm (real negative eigenvalues get ``+ i pi``).
    disp : bool
        Accepted; scipy's error estimate is not returned (``disp=False``
        returns ``(logm, nan)``).

    Returns
    -------
    jax.Array, complex, shape (..., n, n)
        Always complex (like jax.scipy's sqrtm; scipy returns real when it can).

    Notes
    -----
    Differentiable in forward and reverse mode (a custom JVP carries the
    tangent through the square roots' Sylvester equations and the
    quadrature); not at eigenvalues on the negative real axis.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> L = linalg.logm([[1.0, 0.0], [0.0, 2.0]])
    >>> round(float(L[1, 1].real), 4)
    0.6931
    """
    a = _to_complex(C.matrix("logm", A, "A"))
    out = a if a.shape[-1] == 0 else _per_matrix(_logm_ad, a)
    return out if disp else (out, C.full((), np.nan, C.real_dtype(a.dtype)))


def _int_power(a, p: int):
    """a ** p by binary powering (p a Python int; negative: of the inverse)."""
    if p < 0:
        a = solve_gen(a, C.eye_like(a))
        p = -p
    result = C.eye_like(a)
    base = a
    while p:
        if p & 1:
            result = _dot(result, base)
        p >>= 1
        if p:
            base = _dot(base, base)
    return result


@public(static=("t",))
def _fmp(A, t):
    a = C.matrix("fractional_matrix_power", A, "A")
    if float(t).is_integer():
        return _per_matrix(lambda x: _int_power(x, int(t)), a)
    a = _to_complex(a)
    lg = _per_matrix(_logm_ad, a)
    return expm(lax.mul(np.array(t, a.dtype), lg))


def fractional_matrix_power(A, t):
    """Matrix power ``A ** t`` for a real (static) exponent ``t``.

    Parameters
    ----------
    A : array_like, shape (..., n, n)
    t : float
        Integer values use repeated squaring (of the inverse for t < 0) and
        keep ``A``'s dtype; others compute ``expm(t logm(A))`` (complex).

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> jnp.round(linalg.fractional_matrix_power([[4.0, 0.0], [0.0, 9.0]], 0.5), 4)
    Array([[2.+0.j, 0.+0.j],
           [0.+0.j, 3.+0.j]], dtype=complex64)
    """
    if not isinstance(t, (int, float, np.integer, np.floating)):
        raise TypeError(f"fractional_matrix_power(): t must be a real number, got "
                        f"{type(t).__name__}")
    return _fmp(A, float(t))


def _signm_2d(a):
    n = a.shape[-1]
    rdt = C.real_dtype(a.dtype)
    tol = np.array(n * C.eps(rdt) * 10, rdt)

    def step(state):
        x, _ = state
        inv, logdet = _lu_inv_logdet(x)
        mu = lax.exp(lax.mul(np.array(-1.0 / n, rdt), logdet))
        mu = lax.select_n(lax.is_finite(mu), np.array(1, rdt), mu)
        muc = lax.convert_element_type(mu, a.dtype, False)
        x_new = _half(lax.add(lax.mul(muc, x), lax.div(inv, muc)))
        delta = lax.div(_norm1(lax.sub(x_new, x)), _norm1(x_new))
        return x_new, delta

    def conv(state):
        return lax.not_(lax.gt(state[1], tol))

    x, _ = _iterate(step, (a, np.array(np.inf, rdt)), conv, 100)
    # A last unscaled step polishes the converged iterate.
    inv, _ = _lu_inv_logdet(x)
    return _half(lax.add(x, inv))


@public(static=("disp",))
def signm(A, disp=True):
    """Matrix sign function (Newton iteration with determinant scaling).

    Parameters
    ----------
    A : array_like, shape (..., n, n)
        No eigenvalue on the imaginary axis.
    disp : bool
        Accepted; ``disp=False`` returns ``(signm, nan)`` (no error estimate).

    Returns
    -------
    jax.Array, shape (..., n, n)
        ``S`` with ``S @ S = I`` commuting with ``A``.

    Examples
    --------
    >>> from jaxwrap.scipy import linalg
    >>> linalg.signm([[2.0, 0.0], [0.0, -3.0]])
    Array([[ 1.,  0.],
           [ 0., -1.]], dtype=float32)
    """
    a = C.matrix("signm", A, "A")
    out = a if a.shape[-1] == 0 else _per_matrix(_signm_2d, a)
    return out if disp else (out, C.full((), np.nan, C.real_dtype(a.dtype)))


def _funm_2d(a, func):
    t, z = lax.schur(a, compute_schur_vectors=True, sort_eig_vals=False, select_callable=None)
    n = a.shape[-1]
    d = C.diagonal(t)
    fd = func(d)
    fd = lax.convert_element_type(fd, a.dtype, False) if fd.dtype != a.dtype else fd
    f = C.diag_embed(fd)
    i = lax.iota(np.int32, (n, n), 0)
    j = lax.iota(np.int32, (n, n), 1)
    # denominators T_jj - T_ii
    tjj = lax.broadcast_in_dim(d, (n, n), (1,))
    tii = lax.broadcast_in_dim(d, (n, n), (0,))
    den = lax.sub(tjj, tii)

    def body(p, f):
        # Parlett: F_ij (T_jj - T_ii) = (T F - F T)_ij on the p-th superdiagonal,
        # with F_ij still zero there (lower diagonals already filled).
        p = lax.convert_element_type(p, np.int32, False)
        on = lax.eq(lax.sub(j, i), lax.broadcast_in_dim(p, (n, n), ()))
        comm = lax.sub(_dot(t, f), _dot(f, t))
        safe = C.select(on, den, C.full((n, n), 1, a.dtype))
        return C.select(on, lax.div(comm, safe), f)

    f = C.fori_loop(1, n, body, f)
    return _dot(z, _dot(f, C.mH(z)))


@public(static=("func", "disp"))
def funm(A, func, disp=True):
    """Evaluate the matrix function of a scalar function ``func`` (Schur-Parlett).

    Parameters
    ----------
    A : array_like, shape (..., n, n)
    func : callable
        Vectorized scalar function, applied to the eigenvalues (a complex
        1-d array); write it with jaxwrap.numpy.
    disp : bool
        Accepted; ``disp=False`` returns ``(funm, nan)`` (no error estimate).

    Returns
    -------
    jax.Array, complex, shape (..., n, n)

    Notes
    -----
    Parlett's recurrence needs distinct eigenvalues (repeated or close ones
    give inf / NaN, as scipy's funm loses accuracy there).  XLA's Schur
    decomposition runs on CPU only.  ``func`` is a static argument (hashed by
    identity, as in jax.jit): calling again with the same function object and
    shapes reuses the compiled program.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import linalg
    >>> F = linalg.funm([[1.0, 2.0], [0.0, 3.0]], jnp.exp)
    >>> round(float(F[0, 1].real), 4)  # e**3 - e
    17.3673
    """
    if not callable(func):
        raise TypeError(f"funm(): func must be callable, got {type(func).__name__}")
    a = _to_complex(C.matrix("funm", A, "A"))
    out = a if a.shape[-1] == 0 else _per_matrix(lambda x: _funm_2d(x, func), a)
    return out if disp else (out, C.full((), np.nan, C.real_dtype(a.dtype)))
