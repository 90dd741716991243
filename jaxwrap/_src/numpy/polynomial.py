"""numpy's main-namespace polynomial functions (coefficients highest power
first): poly, polyval, polyfit, polyadd, polysub, polymul, polydiv, polyder,
polyint, roots.

Shapes are static, so results keep their full length where numpy trims
leading zeros (``polydiv``'s remainder, ``roots``' leading zeros): the
``trim_leading_zeros=`` / ``strip_zeros=`` options trim, like jax, but only on
concrete (non-traced) values.  Integer coefficients are promoted to floating
point wherever a division or a convolution is involved, like jax.
"""

from __future__ import annotations

import operator

import jax
import numpy as np

from .. import dtypes, lax
from . import ufuncs
from ._util import (
    asarray,
    broadcast_shapes,
    broadcast_to,
    check_arraylike,
    promote_dtypes,
    promote_dtypes_inexact,
    public,
)
from .numeric import convolve, vander

__all__ = [
    "poly", "polyadd", "polyder", "polydiv", "polyfit", "polyint", "polymul", "polysub",
    "polyval", "roots",
]


def _coeffs(name, p, argname="p"):
    check_arraylike(name, p, argnames=(argname,))
    v = asarray(p, name=name)
    if v.ndim == 0:
        v = lax.reshape(v, (1,))
    if v.ndim != 1:
        raise ValueError(f"{name}(): argument '{argname}' must be a 1-D array of coefficients, "
                         f"got shape {v.shape}")
    return v


def _order(name, argname, m):
    try:
        m = operator.index(m)
    except TypeError:
        raise TypeError(f"{name}(): argument '{argname}' must be an integer, got "
                        f"{type(m).__name__}") from None
    if m < 0:
        raise ValueError(f"{name}(): order '{argname}' must be non-negative, got {m}")
    return m


def _trim_front(name, x, tol=0.0):
    """Drop leading (near-)zeros of a concrete 1-D array, keeping at least one entry."""
    if isinstance(x, jax.core.Tracer):
        raise ValueError(f"{name}(): trimming leading zeros needs concrete values; it has a "
                         "data-dependent shape, so it cannot be done under jit/vmap/grad")
    host = np.asarray(x)
    nz = np.flatnonzero(np.abs(host) > tol)
    start = int(nz[0]) if nz.size else max(host.shape[0] - 1, 0)
    return lax.slice(x, (start,), (x.shape[0],)) if start else x


def _pad_front(x, n):
    return lax.pad(x, np.array(0, x.dtype), ((n - x.shape[0], 0, 0),)) if x.shape[0] < n else x


# --- poly ------------------------------------------------------------------------------------
@public
def poly(seq_of_zeros):
    """Coefficients of the monic polynomial with the given roots.

    Parameters
    ----------
    seq_of_zeros : array_like
        1-D roots, or a square matrix (its eigenvalues are the roots).

    Returns
    -------
    jax.Array
        ``len(seq_of_zeros) + 1`` coefficients, highest power first, floating
        point.  Complex roots give complex coefficients even when they come in
        conjugate pairs (the dtype cannot depend on values); a real matrix
        gives real coefficients.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.poly(jnp.array([1., 2., 3.]))
    Array([ 1., -6., 11., -6.], dtype=float32)
    """
    name = "poly"
    check_arraylike(name, seq_of_zeros, argnames=("seq_of_zeros",))
    (r,) = promote_dtypes_inexact(asarray(seq_of_zeros, name=name))
    r = asarray(r)
    if r.ndim == 0:
        r = lax.reshape(r, (1,))
    real_matrix = False
    if r.ndim == 2 and r.shape[0] == r.shape[1] and r.shape[0] > 0:
        # the characteristic polynomial of a matrix: its eigenvalues are the roots
        real_matrix = not dtypes.is_complex(r.dtype)
        r = _linalg().eigvals(r)
    if r.ndim != 1:
        raise ValueError(f"{name}(): argument 'seq_of_zeros' must be 1-D (the roots) or a "
                         f"non-empty square matrix, got shape {r.shape}")
    n = r.shape[0]
    zero = np.array(0, r.dtype)
    a = lax.pad(lax.broadcast_in_dim(np.array(1, r.dtype), (1,), ()), zero, ((0, n, 0),))
    if n == 0:
        return lax.reshape(a, ())

    def step(a, rk):
        # multiply by (x - r_k): a - r_k * (a shifted one power down)
        shifted = lax.pad(a, zero, ((1, -1, 0),))
        return lax.sub(a, lax.mul(lax.broadcast_in_dim(rk, a.shape, ()), shifted)), None

    out = jax.lax.scan(step, a, r)[0]
    # a real matrix has a real characteristic polynomial (its complex roots pair up)
    return lax.real(out) if real_matrix else out


def _linalg():
    from . import linalg  # imported late: linalg is a sibling family module
    return linalg


# --- polyval -----------------------------------------------------------------------------------
@public(static=("unroll",))
def polyval(p, x, *, unroll=16):
    """Evaluate a polynomial at ``x`` (Horner's scheme).

    Parameters
    ----------
    p : array_like
        Coefficients, highest power first, along the leading axis (further axes
        broadcast against ``x``).
    x : array_like
        Points to evaluate at.
    unroll : int, default 16
        jax extension: how many Horner steps the loop unrolls.

    Returns
    -------
    jax.Array
        ``p[0] * x**(n-1) + ... + p[n-1]``, in the promoted dtype of ``p`` and ``x``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.polyval(jnp.array([3, 0, 1]), jnp.array([1, 2]))
    Array([ 4, 13], dtype=int32)
    """
    name = "polyval"
    check_arraylike(name, p, x, argnames=("p", "x"))
    c, v = (asarray(u) for u in promote_dtypes(asarray(p, name=name), asarray(x, name=name)))
    if c.ndim == 0:
        c = lax.reshape(c, (1,))
    shape = broadcast_shapes(name, c.shape[1:], v.shape)
    v = broadcast_to(v, shape)
    y = lax.broadcast_in_dim(np.array(0, c.dtype), shape, ())

    def step(y, ck):
        return lax.add(lax.mul(y, v), broadcast_to(ck, shape)), None

    return jax.lax.scan(step, y, c, unroll=max(1, int(unroll)))[0]


# --- polyadd, polysub, polymul ----------------------------------------------------------------
def _add_sub(name, op, a1, a2):
    x, y = _coeffs(name, a1, "a1"), _coeffs(name, a2, "a2")
    x, y = (asarray(u) for u in promote_dtypes(x, y))
    n = max(x.shape[0], y.shape[0])
    return op(_pad_front(x, n), _pad_front(y, n))


@public
def polyadd(a1, a2):
    """Sum of two polynomials (coefficients highest power first).

    Parameters
    ----------
    a1, a2 : array_like
        1-D coefficients; the shorter is padded with leading zeros.

    Returns
    -------
    jax.Array
        Coefficients of ``a1 + a2``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.polyadd(jnp.array([1, 2]), jnp.array([9, 5, 4]))
    Array([9, 6, 6], dtype=int32)
    """
    return _add_sub("polyadd", lax.add, a1, a2)


@public
def polysub(a1, a2):
    """Difference of two polynomials (coefficients highest power first).

    Parameters
    ----------
    a1, a2 : array_like
        1-D coefficients; the shorter is padded with leading zeros.

    Returns
    -------
    jax.Array
        Coefficients of ``a1 - a2``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.polysub(jnp.array([2, 10, -2]), jnp.array([3, 10, -4]))
    Array([-1,  0,  2], dtype=int32)
    """
    return _add_sub("polysub", lax.sub, a1, a2)


@public
def _polymul(a1, a2):
    return convolve(_coeffs("polymul", a1, "a1"), _coeffs("polymul", a2, "a2"))


def polymul(a1, a2, *, trim_leading_zeros=False):
    """Product of two polynomials (coefficients highest power first).

    Parameters
    ----------
    a1, a2 : array_like
        1-D coefficients.
    trim_leading_zeros : bool, default False
        jax extension: drop leading zeros of the result (concrete inputs only:
        the length depends on the values).

    Returns
    -------
    jax.Array
        Coefficients of ``a1 * a2`` (floating point, like jax).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.polymul(jnp.array([1., 2.]), jnp.array([1., -2.]))
    Array([ 1.,  0., -4.], dtype=float32)
    """
    out = _polymul(a1, a2)
    return _trim_front("polymul", out) if trim_leading_zeros else out


polymul.__module__ = "jaxwrap.numpy"


# --- polydiv -------------------------------------------------------------------------------------
@public
def _polydiv(u, v):
    name = "polydiv"
    num, den = _coeffs(name, u, "u"), _coeffs(name, v, "v")
    num, den = (asarray(t) for t in promote_dtypes_inexact(num, den))
    m, n = num.shape[0] - 1, den.shape[0] - 1
    steps = max(m - n + 1, 0)
    q = lax.broadcast_in_dim(np.array(0, num.dtype), (max(m - n + 1, 1),), ())
    if steps == 0:
        return q, num
    lead = lax.reshape(lax.slice(den, (0,), (1,)), ())

    def step(s, k):
        # synthetic division: the next quotient coefficient cancels r[k]
        qs, r = s
        d = lax.div(lax.dynamic_slice(r, (k,), (1,)), lead)
        seg = lax.dynamic_slice(r, (k,), (n + 1,))
        seg = lax.sub(seg, lax.mul(lax.broadcast_in_dim(lax.reshape(d, ()), (n + 1,), ()), den))
        return (lax.dynamic_update_slice(qs, d, (k,)),
                lax.dynamic_update_slice(r, seg, (k,))), None

    return jax.lax.scan(step, (q, num), lax.iota(np.int32, (steps,)))[0]


def polydiv(u, v, *, trim_leading_zeros=False):
    """Quotient and remainder of polynomial division (highest power first).

    Parameters
    ----------
    u : array_like
        1-D dividend coefficients.
    v : array_like
        1-D divisor coefficients (leading coefficient nonzero).
    trim_leading_zeros : bool, default False
        jax extension: drop the remainder's leading near-zeros, as numpy does
        (concrete inputs only).

    Returns
    -------
    q, r : jax.Array
        Quotient (length ``max(len(u) - len(v) + 1, 1)``) and remainder, which
        keeps ``len(u)`` entries with leading zeros (numpy trims them).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> q, r = jnp.polydiv(jnp.array([3., 5., 2.]), jnp.array([2., 1.]))
    >>> q, r
    (Array([1.5 , 1.75], dtype=float32), Array([0.  , 0.  , 0.25], dtype=float32))
    """
    q, r = _polydiv(u, v)
    if trim_leading_zeros:
        r = _trim_front("polydiv", r, float(np.sqrt(np.finfo(r.dtype).eps)))
    return q, r


polydiv.__module__ = "jaxwrap.numpy"


# --- polyder, polyint ----------------------------------------------------------------------------
def _powers(n, dt):
    """``[n, n-1, ..., 1]`` in ``dt``."""
    return lax.sub(np.array(n, dt), lax.iota(dt, (n,)))


@public(static=("m",))
def polyder(p, m=1):
    """The m-th derivative of a polynomial (coefficients highest power first).

    Parameters
    ----------
    p : array_like
        1-D coefficients.
    m : int, default 1
        Order of the derivative (static, non-negative).

    Returns
    -------
    jax.Array
        ``max(len(p) - m, 0)`` coefficients, floating point (like jax).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.polyder(jnp.array([1., 1., 1., 1.]))
    Array([3., 2., 1.], dtype=float32)
    """
    name = "polyder"
    m = _order(name, "m", m)
    (c,) = promote_dtypes_inexact(_coeffs(name, p))
    c = asarray(c)
    for _ in range(m):
        n = c.shape[0] - 1
        if n <= 0:
            return lax.slice(c, (0,), (0,))
        c = lax.mul(lax.slice(c, (0,), (n,)), _powers(n, c.dtype))
    return c


@public(static=("m",))
def polyint(p, m=1, k=None):
    """The m-th antiderivative of a polynomial (coefficients highest power first).

    Parameters
    ----------
    p : array_like
        1-D coefficients.
    m : int, default 1
        Order of the antiderivative (static, non-negative).
    k : scalar or array_like of length m, optional
        Integration constants, the first for the first integration (default 0).

    Returns
    -------
    jax.Array
        ``len(p) + m`` coefficients, floating point.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.polyint(jnp.array([3., 2., 1.]), k=5.)
    Array([1., 1., 1., 5.], dtype=float32)
    """
    name = "polyint"
    m = _order(name, "m", m)
    check_arraylike(name, 0 if k is None else k, argnames=("k",))
    c, kk = (asarray(t) for t in promote_dtypes_inexact(_coeffs(name, p),
                                                          asarray(0 if k is None else k)))
    if kk.ndim == 0 or kk.shape == (1,):
        kk = lax.broadcast_in_dim(lax.reshape(kk, ()), (m,), ())
    if kk.shape != (m,):
        raise ValueError(f"{name}(): argument 'k' must be a scalar or have length m = {m}, got "
                         f"shape {kk.shape}")
    kk = lax.convert_element_type(kk, c.dtype, False)
    for i in range(m):
        n = c.shape[0]
        c = lax.concatenate([lax.div(c, _powers(n, c.dtype)), lax.slice(kk, (i,), (i + 1,))], 0)
    return c



# --- polyfit -------------------------------------------------------------------------------------
@public(static=("deg", "rcond", "full", "cov"))
def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Least-squares polynomial fit of degree ``deg`` to the points ``(x, y)``.

    Parameters
    ----------
    x : array_like
        1-D sample points.
    y : array_like
        Sample values: 1-D, or 2-D with one data set per column.
    deg : int
        Degree of the polynomial (static).
    rcond : float, optional
        Relative cutoff for small singular values (default ``len(x) * eps``).
    full : bool, default False
        Also return the diagnostics of the least-squares solve.
    w : array_like, optional
        1-D weights applied to the unsquared residuals.
    cov : bool or 'unscaled', default False
        Also return the covariance of the coefficients (scaled by the residual
        variance unless 'unscaled').

    Returns
    -------
    p : jax.Array
        Coefficients, highest power first (shape ``(deg + 1,)`` or
        ``(deg + 1, K)``).
    residuals, rank, singular_values, rcond : jax.Array
        With ``full=True``: the lstsq diagnostics (residuals always present,
        like jax).
    V : jax.Array
        With ``cov``: covariance of the coefficients.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.round(jnp.polyfit(jnp.array([0., 1., 2., 3.]), jnp.array([1., 3., 5., 7.]), 1), 4)
    Array([2., 1.], dtype=float32)
    """
    name = "polyfit"
    deg = _order(name, "deg", deg)
    order = deg + 1
    check_arraylike(name, x, y, argnames=("x", "y"))
    xv, yv = (asarray(t) for t in promote_dtypes_inexact(asarray(x, name=name),
                                                         asarray(y, name=name)))
    if xv.ndim != 1:
        raise TypeError(f"{name}(): expected a 1-D vector for 'x', got shape {xv.shape}")
    if xv.shape[0] == 0:
        raise TypeError(f"{name}(): expected a non-empty vector for 'x'")
    if yv.ndim not in (1, 2):
        raise TypeError(f"{name}(): expected a 1-D or 2-D array for 'y', got shape {yv.shape}")
    if xv.shape[0] != yv.shape[0]:
        raise TypeError(f"{name}(): expected 'x' and 'y' to have the same length, got "
                        f"{xv.shape[0]} and {yv.shape[0]}")
    npts = xv.shape[0]
    if rcond is None:
        rcond = npts * float(np.finfo(dtypes.to_floating_dtype(xv.dtype)).eps)
    lhs = vander(xv, order)
    lhs = lax.convert_element_type(lhs, yv.dtype) if lhs.dtype != yv.dtype else lhs
    rhs = yv
    if w is not None:
        check_arraylike(name, w, argnames=("w",))
        wv = asarray(w)
        if wv.ndim != 1:
            raise TypeError(f"{name}(): expected a 1-D array for weights 'w'")
        if wv.shape[0] != npts:
            raise TypeError(f"{name}(): expected 'w' and 'y' to have the same length")
        wv = lax.convert_element_type(wv, lhs.dtype, False)
        lhs = lax.mul(lhs, lax.broadcast_in_dim(wv, lhs.shape, (0,)))
        rhs = lax.mul(rhs, lax.broadcast_in_dim(wv, rhs.shape, (0,)))
    # scale the columns to unit norm: improves the conditioning of the solve
    mag = lax.mul(lhs, ufuncs.conj(lhs)) if dtypes.is_complex(lhs.dtype) else lax.mul(lhs, lhs)
    scale = lax.sqrt(lax.reduce_sum(mag, (0,)))
    lhs = lax.div(lhs, lax.broadcast_in_dim(scale, lhs.shape, (1,)))
    la = _linalg()
    c, resids, rank, s = la.lstsq(lhs, rhs, rcond)
    c = lax.div(c, lax.broadcast_in_dim(scale, c.shape, (0,)))
    if full:
        return c, resids, rank, s, np.array(rcond, dtypes.to_floating_dtype(xv.dtype))
    if not cov:
        return c
    gram = lax.dot_general(ufuncs.conj(lhs) if dtypes.is_complex(lhs.dtype) else lhs, lhs,
                           (((0,), (0,)), ((), ())))
    vbase = la.inv(gram)
    vbase = lax.div(vbase, lax.mul(lax.broadcast_in_dim(scale, vbase.shape, (0,)),
                                   lax.broadcast_in_dim(scale, vbase.shape, (1,))))
    if cov == "unscaled":
        fac = lax.broadcast_in_dim(np.array(1, resids.dtype), resids.shape or (1,), ())
    else:
        if npts <= order:
            raise ValueError(f"{name}(): the number of data points ({npts}) must exceed "
                             f"order ({order}) to scale the covariance matrix")
        fac = lax.div(resids, np.array(npts - order, resids.dtype))
    fac = lax.convert_element_type(fac, vbase.dtype)
    if yv.ndim == 1:
        return c, lax.mul(vbase, lax.broadcast_in_dim(lax.reshape(fac, ()), vbase.shape, ())
                          if fac.size == 1 else fac)
    k = yv.shape[1]
    full_shape = vbase.shape + (k,)
    return c, lax.mul(lax.broadcast_in_dim(vbase, full_shape, (0, 1)),
                      lax.broadcast_in_dim(lax.reshape(fac, (k,)), full_shape, (2,)))


# --- roots ----------------------------------------------------------------------------------------
def _companion_roots(p):
    """Eigenvalues of the companion matrix of ``p`` (``p[0] != 0``)."""
    n = p.shape[0] - 1
    cdt = dtypes.to_complex_dtype(p.dtype)
    if n < 1:
        return lax.broadcast_in_dim(np.array(0, cdt), (0,), ())
    first = lax.div(lax.neg(lax.slice(p, (1,), (n + 1,))),
                    lax.broadcast_in_dim(lax.reshape(lax.slice(p, (0,), (1,)), ()), (n,), ()))
    row = lax.iota(np.int32, (n, n), 0)
    col = lax.iota(np.int32, (n, n), 1)
    sub = lax.convert_element_type(lax.eq(row, lax.add(col, np.int32(1))), p.dtype)
    a = lax.select_n(lax.eq(row, np.int32(0)), sub, lax.broadcast_in_dim(first, (n, n), (1,)))
    return _linalg().eigvals(a)


@public
def _roots_stripped(p):
    return _companion_roots(p)


@public
def _roots_padded(p):
    # Leading zeros (a data-dependent count k) are rotated to the end, which
    # adds k roots at 0; those k are then reported as NaN, like jax.
    n = p.shape[0]
    zero = lax.eq(p, np.array(0, p.dtype))
    nz = lax.convert_element_type(lax.not_(zero), np.int32)
    k = lax.reduce_sum(lax.sub(np.int32(1), lax.cummax(nz, 0)), (0,))
    all_zero = lax.eq(k, np.int32(n))
    one = lax.broadcast_in_dim(np.array(1, p.dtype), (n,), ())
    p = lax.select_n(lax.broadcast_in_dim(all_zero, (n,), ()), p, one)
    rolled = lax.dynamic_slice(lax.concatenate([p, p], 0), (lax.rem(k, np.int32(n)),), (n,))
    r = _companion_roots(rolled)
    m = r.shape[0]
    is_zero = lax.eq(r, np.array(0, r.dtype))
    _, r = lax.sort_key_val(is_zero, r, dimension=0)
    keep = lax.lt(lax.iota(np.int32, (m,)), lax.broadcast_in_dim(lax.sub(np.int32(m), k),
                                                                 (m,), ()))
    nan = lax.broadcast_in_dim(np.array(complex(np.nan, np.nan), r.dtype), (m,), ())
    return lax.select_n(keep, nan, r)


def roots(p, *, strip_zeros=True):
    """Roots of a polynomial (coefficients highest power first).

    Parameters
    ----------
    p : array_like
        1-D coefficients.
    strip_zeros : bool, default True
        jax extension: strip leading zeros first, like numpy (needs concrete
        ``p``: the number of roots depends on it).  With False (usable under
        jit), each leading zero gives a NaN root instead.

    Returns
    -------
    jax.Array
        The roots (complex), eigenvalues of the companion matrix.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.sort_complex(jnp.roots(jnp.array([1., -3., 2.])))
    Array([1.+0.j, 2.+0.j], dtype=complex64)
    """
    name = "roots"
    check_arraylike(name, p, argnames=("p",))
    (c,) = promote_dtypes_inexact(asarray(p, name=name))
    c = asarray(c)
    if c.ndim == 0:
        c = lax.reshape(c, (1,))
    if c.ndim != 1:
        raise ValueError(f"{name}(): argument 'p' must be 1-D, got shape {c.shape}")
    cdt = dtypes.to_complex_dtype(c.dtype)
    if c.shape[0] < 2:
        return jax.device_put(np.zeros((0,), cdt))
    if not strip_zeros:
        return _roots_padded(c)
    if isinstance(c, jax.core.Tracer):
        raise ValueError(f"{name}(): stripping leading zeros needs concrete coefficients; "
                         "under jit/vmap/grad pass strip_zeros=False (leading zeros then "
                         "give NaN roots)")
    host = np.asarray(c)
    nz = np.flatnonzero(host)
    if nz.size == 0:
        return jax.device_put(np.zeros((0,), cdt))
    return _roots_stripped(lax.slice(c, (int(nz[0]),), (c.shape[0],)))


roots.__module__ = "jaxwrap.numpy"
