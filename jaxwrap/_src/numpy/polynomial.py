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
from ._util import asarray, broadcast_shapes, broadcast_to, check_arraylike, promote_dtypes, \
    promote_dtypes_inexact, public
from .numeric import convolve

__all__ = [
    "poly", "polyadd", "polyder", "polydiv", "polyint", "polymul", "polysub", "polyval",
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
        1-D roots (a square matrix is not supported yet: its eigenvalues
        would be the roots).

    Returns
    -------
    jax.Array
        ``len(seq_of_zeros) + 1`` coefficients, highest power first, floating
        point (complex roots give complex coefficients, even in conjugate
        pairs: the dtype cannot depend on values).

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
    if r.ndim != 1:
        raise ValueError(f"{name}(): argument 'seq_of_zeros' must be 1-D (the roots), got "
                         f"shape {r.shape}")
    n = r.shape[0]
    zero = np.array(0, r.dtype)
    a = lax.pad(lax.broadcast_in_dim(np.array(1, r.dtype), (1,), ()), zero, ((0, n, 0),))
    if n == 0:
        return lax.reshape(a, ())

    def step(k, a):
        # multiply by (x - r_k): a - r_k * (a shifted one power down)
        rk = lax.broadcast_in_dim(lax.reshape(lax.dynamic_slice(r, (k,), (1,)), ()), a.shape, ())
        shifted = lax.pad(a, zero, ((1, -1, 0),))
        return lax.sub(a, lax.mul(rk, shifted))

    return jax.lax.fori_loop(0, n, step, a)


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

    def step(k, s):
        # synthetic division: the next quotient coefficient cancels r[k]
        qs, r = s
        d = lax.div(lax.dynamic_slice(r, (k,), (1,)), lead)
        seg = lax.dynamic_slice(r, (k,), (n + 1,))
        seg = lax.sub(seg, lax.mul(lax.broadcast_in_dim(lax.reshape(d, ()), (n + 1,), ()), den))
        return lax.dynamic_update_slice(qs, d, (k,)), lax.dynamic_update_slice(r, seg, (k,))

    return jax.lax.fori_loop(0, steps, step, (q, num))


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


_ = dtypes
