"""Lambert W and Wright omega.

* ``lambertw(z, k)``: the branch k of the inverse of w e^w (Corless, Gonnet,
  Hare, Jeffrey & Knuth 1996, "On the Lambert W function").  Start: the
  series about the branch point -1/e (their eq. 4.22) for k = 0, -1 near it,
  ``log1p(z)`` for k = 0 near the origin, the asymptotic form
  L1 - ln L1, L1 = ln z + 2 pi i k (their eq. 4.20) elsewhere; then a static
  number of Halley steps (their eq. 5.9), 8 in float64 / 6 in float32:
  Halley converges cubically, and from these starts 5 steps reach the
  rounding level everywhere we measured (the extra steps are margin).
* ``wrightomega(z)``: the solution of w + ln w = z (Corless & Jeffrey 2002;
  Lawrence, Corless & Jeffrey 2012).  For Re z <= -5, |Im z| < pi: the series
  of W_0(e^z) (10 terms).  Elsewhere start from e^z for Re z <= -2, the series
  about z = 1 for |z - 1| small, z - ln z elsewhere; then 4 iterations of
  Fritsch, Shafer & Crowley (1973), which converges quartically.  Accuracy is
  reduced next to the lines Im z = +-pi, Re z <= -1, where omega is not
  analytic.

``wright_bessel`` and ``log_wright_bessel`` are not provided here (see the
scope manifest).
"""

from __future__ import annotations

import math

import jax
import numpy as np

from ... import dtypes
from ...numpy._util import public
from . import _hyp_base as B
from ._hyp_base import add, c, div, eq, exp, full, le, log, lt, mul, neg, sub, where

__all__ = ["lambertw", "wrightomega"]

_E = float(np.e)
_INV_E = float(1 / np.e)
# 1/e as hi + lo for float64 and float32 (mpmath)
_INV_E_HI_LO = ((0.36787944117144233, -1.2428753672788363e-17),
                (0.3678794503211975, -9.149755188170102e-09))
# W about the branch point in p = sqrt(2 (e z + 1)) (Corless et al. 1996, 4.22)
_BRANCH_SERIES = (-1.0, 1.0, -1 / 3, 11 / 72, -43 / 540, 769 / 17280, -221 / 8505)


def _complex_dtype(x):
    return np.complex128 if B.is64(x) else np.complex64


def _real_of(z):
    return np.float64 if B.is64(z) else np.float32


def _cplx(re, im):
    return B.L.complex(re, im)


def _lambertw_core(z, k):
    """W_k(z) for complex z and an integer array k (same shape)."""
    rdt = _real_of(z)
    kf = B.L.convert_element_type(k, rdt, False)
    zero_r = full(kf, 0)
    # distance to the branch point: p = sqrt(2 (e z + 1)) (Corless et al. 4.22),
    # with e z + 1 = e (z + 1/e) from 1/e = hi + lo (z + hi is exact near -1/e)
    hi, lo = _INV_E_HI_LO[0] if B.is64(z) else _INV_E_HI_LO[1]
    q = add(mul(add(z, c(z, hi)), c(z, _E)), c(z, _E * lo))
    p = B.sqrt(mul(c(z, 2), q))
    k0 = eq(kf, c(kf, 0))
    p = where(k0, p, neg(p))
    branch = B.horner(p, _BRANCH_SERIES)
    # asymptotic: L1 - ln L1, L1 = ln z + 2 pi i k
    l1 = add(B.L.log(z), _cplx(zero_r, mul(kf, c(kf, 2 * np.pi))))
    asym = sub(l1, B.L.log(l1))
    # the branch point joins W_0 with W_-1 (Im z >= 0) and with W_1 (Im z < 0)
    upper = B.L.ge(B.L.imag(z), c(kf, 0))
    sheet = B.or_(k0, B.or_(B.and_(eq(kf, c(kf, -1)), upper),
                            B.and_(eq(kf, c(kf, 1)), B.not_(upper))))
    near_bp = B.and_(le(B.L.abs(q), c(kf, 0.6)), sheet)
    small = B.and_(B.and_(k0, le(B.L.abs(z), c(kf, 1.5))), B.L.ge(B.L.real(z), c(kf, -0.25)))
    w = where(near_bp, branch, where(small, B.L.log1p(z), asym))

    def halley(i, w):
        ew = exp(w)
        f = sub(mul(w, ew), z)
        w1 = add(w, c(w, 1))
        den = sub(mul(ew, w1), div(mul(add(w, c(w, 2)), f), mul(c(w, 2), w1)))
        step = div(f, den)
        ok = B.L.is_finite(B.L.abs(step))
        return where(ok, sub(w, step), w)

    w = B.loop(B.nterms(z, 6, 8), halley, w)
    # next to the branch point Halley's residual w e^w - z cancels; the series
    # (its next term ~ p^7) is exact there
    w = where(B.and_(near_bp, lt(B.L.abs(p), c(kf, 0.003 if B.is64(z) else 0.03))), branch, w)
    # exact values: the branch point, the origin, infinities, NaN
    bp = eq(z, c(z, -_INV_E))
    w = where(B.and_(bp, B.or_(k0, eq(kf, c(kf, -1)))), full(w, -1), w)
    zz = eq(z, c(z, 0))
    w = where(zz, where(k0, full(w, 0), full(w, -np.inf)), w)
    inf = B.isinf(B.L.abs(z))
    w = where(inf, add(full(w, np.inf), _cplx(zero_r, mul(kf, c(kf, 2 * np.pi)))), w)
    return w


@jax.custom_jvp
def _lambertw(z, k):
    return _lambertw_core(z, k)


@_lambertw.defjvp
def _lambertw_jvp(primals, tangents):
    z, k = primals
    t, _ = tangents
    w = _lambertw(z, k)
    # W' = W / (z (1 + W)) = 1 / (e^W (1 + W))
    d = div(c(w, 1), mul(exp(w), add(w, c(w, 1))))
    return w, mul(t, d)


@public
def lambertw(z, k=0, tol=1e-8):
    """Lambert W function: the branch ``k`` of the inverse of ``w * exp(w)``.

    Parameters
    ----------
    z : array_like
        Real or complex argument.
    k : int or array_like of int, optional
        Branch index (0: principal branch, real for ``z >= -1/e``; -1: the
        other real branch on ``-1/e <= z < 0``).
    tol : float, optional
        Accepted for scipy compatibility; the iteration count is fixed and
        reaches the rounding level, so ``tol`` is not used.

    Returns
    -------
    Array
        Complex ``W_k(z)`` (complex64 for float32 / complex64 input), like scipy.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> w = sp.lambertw(1.0)
    >>> print(f"{float(w.real):.6f}")
    0.567143
    """
    del tol
    (z,) = B.prepare("lambertw", ("z",), z, complex_ok=True)
    kd = dtypes.canonicalize_dtype(np.int64)
    k = B.prepare_int("lambertw", "k", k, kd)
    cdt = _complex_dtype(z)
    was_real = np.dtype(z.dtype).kind != "c"
    zc = B.L.convert_element_type(z, cdt, False)
    zc, k = B.broadcast("lambertw", zc, k)
    w = _lambertw(zc, k)
    if was_real:
        # real results on the real branches: no rounding residue in Im
        zr = B.L.real(zc)
        real_res = B.or_(B.and_(eq(k, full(k, 0)), B.L.ge(zr, c(zr, -_INV_E))),
                         B.and_(eq(k, full(k, -1)), B.and_(B.L.ge(zr, c(zr, -_INV_E)),
                                                            lt(zr, c(zr, 0)))))
        w = where(real_res, _cplx(B.L.real(w), full(zr, 0)), w)
    return w


# --- Wright omega ----------------------------------------------------------------------
def _wrightomega_core(z):
    one = c(z, 1)
    if np.dtype(z.dtype).kind == "c":
        re = B.L.real(z)
        zl = where(B.or_(eq(z, c(z, 0)), B.L.lt(B.L.abs(z), c(re, 0.5))), full(z, 1), z)
    else:
        re = z
        zl = where(B.L.le(z, c(z, 0.5)), full(z, 1), z)
    d = sub(z, one)
    series = add(add(one, mul(d, c(z, 0.5))), mul(mul(d, d), c(z, 1 / 16)))  # omega about 1
    asym = sub(zl, log(zl))
    im = B.L.imag(z) if np.dtype(z.dtype).kind == "c" else full(re, 0)
    # omega ~ e^z as Re z -> -inf only on the strip |Im z| < pi; z - ln z elsewhere
    small = B.and_(B.L.le(re, c(re, -2)), lt(B.abs_(im), c(re, np.pi)))
    near1 = B.L.le(B.L.abs(d), c(re, 1.5))
    w = where(small, exp(z), where(near1, series, asym))

    def fsc(i, w):
        # Fritsch, Shafer & Crowley: r = z - w - ln w,
        # w <- w (1 + r / (1 + w) (q - r) / (q - 2 r)), q = 2 (1 + w) (1 + w + 2 r / 3)
        r = sub(sub(z, w), log(w))
        w1 = add(one, w)
        q = mul(mul(c(z, 2), w1), add(w1, mul(c(z, 2 / 3), r)))
        fac = div(mul(div(r, w1), sub(q, r)), sub(q, mul(c(z, 2), r)))
        new = mul(w, add(one, fac))
        return where(B.L.is_finite(B.L.abs(new)), new, w)

    w = B.loop(4, fsc, w)
    # Re z <= -5, |Im z| < pi: omega = W_0(e^z) = sum_n (-n)^{n-1} / n! e^{nz}
    # (Corless et al. 1996, 3.1); |e^{z+1}| < 0.02, so 10 terms reach the
    # rounding level where the residual z - ln w of the iteration cancels.
    tail = B.and_(B.L.le(re, c(re, -5)), lt(B.abs_(im), c(re, np.pi)))
    t = exp(where(tail, z, full(z, -5)))
    coeffs = [0.0] + [(-n) ** (n - 1) / math.factorial(n) for n in range(1, 11)]
    w = where(tail, B.horner(t, coeffs), w)
    # limits: omega(+inf) = inf, omega(-inf) = 0
    if np.dtype(z.dtype).kind != "c":
        w = where(eq(z, c(z, np.inf)), full(z, np.inf), w)
        w = where(eq(z, c(z, -np.inf)), full(z, 0), w)
    return w


@jax.custom_jvp
def _wrightomega(z):
    return _wrightomega_core(z)


@_wrightomega.defjvp
def _wrightomega_jvp(primals, tangents):
    (z,), (t,) = primals, tangents
    w = _wrightomega(z)
    return w, mul(t, div(w, add(w, c(w, 1))))  # omega' = omega / (1 + omega)


@public
def wrightomega(z):
    """Wright omega function: the solution ``w`` of ``w + log(w) = z``.

    Parameters
    ----------
    z : array_like
        Real or complex argument.

    Returns
    -------
    Array
        ``omega(z)``, real for real input.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> print(f"{float(sp.wrightomega(1.0)):.6f}")
    1.000000
    """
    (z,) = B.prepare("wrightomega", ("z",), z, complex_ok=True)
    return _wrightomega(z)
