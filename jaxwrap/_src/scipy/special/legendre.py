"""Legendre functions (scipy >= 1.15 API) and spherical harmonics.

One core, :func:`_assoc`: for integer degree ``n >= 0`` and order ``|m| <= n``

    P_n^m(x) = sign * g(n, m) * s**|m| * C_{n-|m|}^{(|m| + 1/2)}(x)

(DLMF 14.3.21 with 18.5.10), where ``s = sqrt(1 - x**2)`` (branch cut 2),
``sqrt(x**2 - 1)`` (branch cut 3) or ``|sin(theta)|`` (spherical forms),
``C`` is the Gegenbauer polynomial (the bounded recurrence of
``_orth``, which also gives every derivative in x), and ``g`` collects the
integer factors: ``(2|m| - 1)!!`` (unnormalized, m >= 0), that times
``(n - |m|)! / (n + |m|)!`` (m < 0, DLMF 14.9.3), or the normalized
``sqrt((2n + 1) / 2 * (n - |m|)! / (n + |m|)!) * (2|m| - 1)!!`` computed as
a product of ratios each <= 1 (no factorial overflows).  ``sign`` is the
Condon-Shortley phase ``(-1)^m`` for ``m > 0`` on branch cut 2 (scipy's
convention; none on branch cut 3).

``diff_n`` derivatives (up to 2, like scipy) come from forward-mode
differentiation of the same code (``jax.jvp``), so they cost one extra pass
each.  Degrees and orders are integers (data, traced allowed); the order loop
runs ``max(|m|)`` steps, capped like the polynomial recurrence at
``_orth.N_MAX``.  Real arguments only: a complex ``z`` raises TypeError.
"""

from __future__ import annotations

import functools
import math
import operator

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes
from ...numpy import _util
from ...numpy._util import public
from ._orth import N_MAX, evaluate

__all__ = [
    "assoc_legendre_p", "assoc_legendre_p_all", "legendre_p", "legendre_p_all", "lpmv",
    "sph_harm_y", "sph_harm_y_all", "sph_legendre_p", "sph_legendre_p_all",
]

_NORMS = {"none": None, "norm": 0.5, "sph": 0.25 / math.pi}   # norm: (2n+1) * this


def _order_factor(n, mu, neg, norm):
    """g(n, m) of the module docstring: a product over i = 1 .. |m| (bounded loop)."""
    dt = mu.dtype
    k = jnp.subtract(n, mu)
    stop = jnp.minimum(jnp.max(mu), N_MAX) if np.size(mu) else 0

    def body(state):
        i, g = state
        fi = jnp.astype(i, dt)
        odd = jnp.subtract(jnp.multiply(2.0, fi), 1.0)                    # 2i - 1
        a = jnp.add(k, odd)                                                # k + 2i - 1
        pair = jnp.multiply(a, jnp.add(a, 1.0))                            # (k+2i-1)(k+2i)
        if norm is None:
            f = jnp.where(neg, jnp.true_divide(odd, pair), odd)
        else:
            f = jnp.true_divide(odd, jnp.sqrt(pair))
        g = jnp.where(jnp.less_equal(fi, mu), jnp.multiply(g, f), g)
        return jnp.add(i, np.int32(1)), g

    _, g = jax.lax.while_loop(lambda s: jnp.less_equal(s[0], stop), body,
                              (np.int32(1), jnp.ones_like(mu)))
    if norm is not None:
        g = jnp.multiply(g, jnp.sqrt(jnp.multiply(jnp.add(jnp.multiply(2.0, n), 1.0), norm)))
    return g


def _assoc(n, m, x, s, norm, cs_phase):
    """P_n^m(x) given s (see the module docstring); n, m int32, x and s float, broadcast."""
    dt = x.dtype
    mu_i = jnp.abs(m)
    ok = jnp.logical_and(jnp.greater_equal(n, 0), jnp.less_equal(mu_i, n))
    n_i = jnp.where(ok, n, np.int32(0))
    mu_i = jnp.where(ok, mu_i, np.int32(0))
    mu = jnp.astype(mu_i, dt)
    nf = jnp.astype(n_i, dt)
    neg = jnp.less(m, 0)
    g = _order_factor(nf, mu, neg, norm)
    c = evaluate("gegenbauer", jnp.subtract(n_i, mu_i), x, jnp.add(mu, 0.5))
    has_m = jnp.greater(mu_i, 0)
    # s**|m| with a safe base where |m| = 0 (0**0 and its derivative)
    spow = jnp.where(has_m, jnp.power(jnp.where(has_m, s, 1.0), mu), 1.0)
    val = jnp.multiply(jnp.multiply(g, spow), c)
    if cs_phase:   # (-1)^m for m > 0; for m < 0 it cancels the (-1)^m of DLMF 14.9.3
        flip = jnp.logical_and(jnp.logical_not(neg), jnp.equal(jnp.remainder(mu_i, 2), 1))
        val = jnp.where(flip, jnp.negative(val), val)
    return jnp.where(ok, val, jnp.zeros_like(val))


# --- argument handling ----------------------------------------------------------------
def _ints(name, argnames, *vals):
    out = []
    for v, an in zip(vals, argnames):
        _util.check_arraylike(name, v, argnames=[an])
        a = _util.asarray(v, name=name)
        if not (dtypes.issubdtype(a.dtype, np.integer) or a.dtype == np.bool_):
            raise TypeError(f"{name}(): {an} must be an integer array, got dtype {a.dtype}")
        lim = N_MAX + 2
        out.append(jnp.astype(jnp.clip(a, -lim, lim), np.int32))
    return out


def _real(name, argname, z):
    _util.check_arraylike(name, z, argnames=[argname])
    z = _util.asarray(z, name=name)
    if dtypes.issubdtype(z.dtype, np.complexfloating):
        raise TypeError(f"{name}(): complex {argname} is not supported (real arguments only)")
    return _util.promote_dtypes_inexact(z)[0]


def _diff_n(name, diff_n) -> int:
    try:
        d = operator.index(diff_n)
    except TypeError:
        raise TypeError(f"{name}(): diff_n must be an integer, got {type(diff_n).__name__}") \
            from None
    if not 0 <= d <= 2:
        raise ValueError(f"{name}(): diff_n must be 0, 1 or 2, got {d}")
    return d


def _with_derivatives(f, z, d):
    """Stack f(z), f'(z), f''(z) (elementwise f) on a new leading axis of length d + 1."""
    return jnp.stack(_derivatives(f, z, d))


def _derivatives(f, z, d):
    """[f(z), f'(z), f''(z)][:d + 1] for an elementwise f (forward-mode jvp)."""
    outs = [f(z)]
    if d >= 1:
        one = jnp.ones_like(z)
        d1 = lambda t: jax.jvp(f, (t,), (one,))[1]
        outs.append(d1(z))
        if d >= 2:
            outs.append(jax.jvp(d1, (z,), (one,))[1])
    return outs


def _s_of(x, branch_cut):
    """sqrt(1 - x^2) (cut 2) or sqrt(x^2 - 1) (cut 3), NaN off the cut's real range."""
    one_m = jnp.multiply(jnp.subtract(1.0, x), jnp.add(1.0, x))     # 1 - x^2 without cancellation
    s2 = one_m if branch_cut == 2 else jnp.negative(one_m)
    return jnp.sqrt(s2)


def _branch(name, branch_cut) -> int:
    if branch_cut not in (2, 3):
        raise ValueError(f"{name}(): branch_cut must be 2 or 3, got {branch_cut!r}")
    return int(branch_cut)


def _assoc_z(n, m, z, branch_cut, norm):
    def f(t):
        s = _s_of(t, branch_cut)
        # off the real range of the cut only m = 0 is real (scipy: NaN for m != 0)
        val = _assoc(n, m, t, jnp.where(jnp.isnan(s), 0.0, s), norm, branch_cut == 2)
        bad = jnp.logical_and(jnp.isnan(s), jnp.logical_and(jnp.not_equal(m, 0),
                                                             jnp.less_equal(jnp.abs(m), n)))
        return jnp.where(bad, jnp.full_like(val, np.nan), val)
    return f


def _sph(n, m, theta):
    def f(t):
        return _assoc(n, m, jnp.cos(t), jnp.abs(jnp.sin(t)), _NORMS["sph"], True)
    return f


# --- public functions ----------------------------------------------------------------
def _static_sizes(argnames):
    """Check the static degree / order arguments before jax.jit hashes them, so
    a bad one raises an error that names the function and the argument."""
    def deco(jitted):
        name = jitted.__name__

        @functools.wraps(jitted)
        def wrapper(*args, **kwargs):
            args = list(args)
            for i, an in enumerate(argnames):
                if i < len(args):
                    args[i] = _static_degree(name, an, args[i])
                elif an in kwargs:
                    kwargs[an] = _static_degree(name, an, kwargs[an])
            return jitted(*args, **kwargs)
        return wrapper
    return deco



@public(static=("diff_n",))
def legendre_p(n, z, *, diff_n=0):
    """Legendre polynomial ``P_n(z)`` and its derivatives.

    Parameters
    ----------
    n : array_like of int
        Degree, ``n >= 0``.
    z : array_like
        Real points.
    diff_n : int, optional
        Also return the derivatives up to this order (0, 1 or 2).

    Returns
    -------
    jax.Array, shape ``(diff_n + 1,) + broadcast(n, z).shape``
        ``P_n(z)``, ``P_n'(z)``, ... along the first axis (scipy's layout).

    Examples
    --------
    >>> from jaxwrap.scipy.special import legendre_p
    >>> print(legendre_p(2, 0.5, diff_n=1))
    [-0.125  1.5  ]
    """
    d = _diff_n("legendre_p", diff_n)
    (n,) = _ints("legendre_p", ("n",), n)
    z = _real("legendre_p", "z", z)
    n, z = _util.broadcast_arrays("legendre_p", n, z)
    return _with_derivatives(lambda t: evaluate("legendre", n, t), z, d)


@_static_sizes(['n'])
@public(static=("n", "diff_n"))
def legendre_p_all(n, z, *, diff_n=0):
    """All Legendre polynomials ``P_0 .. P_n`` at ``z`` and their derivatives.

    Parameters
    ----------
    n : int
        Highest degree (a static Python int).
    z : array_like
        Real points.
    diff_n : int, optional
        Derivatives up to this order (0, 1 or 2).

    Returns
    -------
    jax.Array, shape ``(diff_n + 1, n + 1) + z.shape``

    Examples
    --------
    >>> from jaxwrap.scipy.special import legendre_p_all
    >>> print(legendre_p_all(2, 0.5)[0])
    [ 1.     0.5   -0.125]
    """
    d = _diff_n("legendre_p_all", diff_n)
    n = _static_degree("legendre_p_all", "n", n)
    z = _real("legendre_p_all", "z", z)
    deg = jnp.reshape(jnp.arange(n + 1, dtype=np.int32), (n + 1,) + (1,) * z.ndim)
    deg, zz = _util.broadcast_arrays("legendre_p_all", deg, z)
    return _with_derivatives(lambda t: evaluate("legendre", deg, t), zz, d)


def _static_degree(name, argname, n) -> int:
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"{name}(): {argname} must be a static Python int, got "
                        f"{type(n).__name__}") from None
    if n < 0:
        raise ValueError(f"{name}(): {argname} must be >= 0, got {n}")
    return n


@public(static=("branch_cut", "norm", "diff_n"))
def assoc_legendre_p(n, m, z, *, branch_cut=2, norm=False, diff_n=0):
    """Associated Legendre function of the first kind ``P_n^m(z)`` (integer degree, order).

    Parameters
    ----------
    n : array_like of int
        Degree, ``n >= 0``.
    m : array_like of int
        Order; ``|m| > n`` gives 0.
    z : array_like
        Real points.
    branch_cut : {2, 3}, optional
        2: ``(1 - z**2)**(m/2)`` with the Condon-Shortley phase, for ``|z| <= 1``;
        3: ``(z**2 - 1)**(m/2)``, for ``|z| >= 1``.  NaN off that range for
        ``m != 0`` (complex values are not supported).
    norm : bool, optional
        Multiply by ``sqrt((2n + 1) (n - m)! / (2 (n + m)!))`` (orthonormal on [-1, 1]).
    diff_n : int, optional
        Derivatives in z up to this order (0, 1 or 2).

    Returns
    -------
    jax.Array, shape ``(diff_n + 1,) + broadcast(n, m, z).shape``

    Examples
    --------
    >>> from jaxwrap.scipy.special import assoc_legendre_p
    >>> print(assoc_legendre_p(2, 1, 0.5))
    [-1.299038]
    """
    name = "assoc_legendre_p"
    d = _diff_n(name, diff_n)
    bc = _branch(name, branch_cut)
    n, m = _ints(name, ("n", "m"), n, m)
    z = _real(name, "z", z)
    n, m, z = _util.broadcast_arrays(name, n, m, z)
    return _with_derivatives(_assoc_z(n, m, z, bc, _NORMS["norm"] if norm else None), z, d)


def _orders(m: int):
    """scipy's order layout of the _all functions: 0, 1, .., m, -m, .., -1."""
    return np.concatenate([np.arange(m + 1), np.arange(-m, 0)]).astype(np.int32)


def _grid(name, n, m, z):
    deg = np.arange(n + 1, dtype=np.int32).reshape((n + 1, 1) + (1,) * z.ndim)
    ords = _orders(m).reshape((1, 2 * m + 1) + (1,) * z.ndim)
    return _util.broadcast_arrays(name, jnp.asarray(deg), jnp.asarray(ords), z)


@_static_sizes(['n', 'm'])
@public(static=("n", "m", "branch_cut", "norm", "diff_n"))
def assoc_legendre_p_all(n, m, z, *, branch_cut=2, norm=False, diff_n=0):
    """All associated Legendre functions up to degree ``n`` and order ``|m|``.

    Parameters
    ----------
    n, m : int
        Highest degree and order (static Python ints, ``m >= 0``).
    z : array_like
        Real points.
    branch_cut, norm, diff_n
        As in :func:`assoc_legendre_p`.

    Returns
    -------
    jax.Array, shape ``(diff_n + 1, n + 1, 2m + 1) + z.shape``
        Orders along the third axis in the order ``0, 1, .., m, -m, .., -1``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import assoc_legendre_p_all
    >>> print(assoc_legendre_p_all(1, 1, 0.5)[0, 1])
    [ 0.5       -0.8660254  0.4330127]
    """
    name = "assoc_legendre_p_all"
    d = _diff_n(name, diff_n)
    bc = _branch(name, branch_cut)
    n = _static_degree(name, "n", n)
    m = _static_degree(name, "m", m)
    z = _real(name, "z", z)
    deg, ords, zz = _grid(name, n, m, z)
    return _with_derivatives(_assoc_z(deg, ords, zz, bc, _NORMS["norm"] if norm else None),
                             zz, d)


@public(static=("diff_n",))
def sph_legendre_p(n, m, theta, *, diff_n=0):
    """Spherical Legendre function: ``Y_n^m(theta, 0)``, real.

    ``sqrt((2n + 1) (n - m)! / (4 pi (n + m)!)) P_n^m(cos(theta))`` with the
    Condon-Shortley phase.

    Parameters
    ----------
    n, m : array_like of int
        Degree ``n >= 0`` and order (``|m| > n`` gives 0).
    theta : array_like
        Polar angle.
    diff_n : int, optional
        Derivatives in theta up to this order (0, 1 or 2).

    Returns
    -------
    jax.Array, shape ``(diff_n + 1,) + broadcast(n, m, theta).shape``

    Examples
    --------
    >>> from jaxwrap.scipy.special import sph_legendre_p
    >>> print(round(float(sph_legendre_p(0, 0, 1.0)[0]), 6))
    0.282095
    """
    name = "sph_legendre_p"
    d = _diff_n(name, diff_n)
    n, m = _ints(name, ("n", "m"), n, m)
    theta = _real(name, "theta", theta)
    n, m, theta = _util.broadcast_arrays(name, n, m, theta)
    return _with_derivatives(_sph(n, m, theta), theta, d)


@_static_sizes(['n', 'm'])
@public(static=("n", "m", "diff_n"))
def sph_legendre_p_all(n, m, theta, *, diff_n=0):
    """All spherical Legendre functions up to degree ``n`` and order ``|m|``.

    Parameters
    ----------
    n, m : int
        Highest degree and order (static Python ints).
    theta : array_like
        Polar angle.
    diff_n : int, optional
        Derivatives in theta up to this order.

    Returns
    -------
    jax.Array, shape ``(diff_n + 1, n + 1, 2m + 1) + theta.shape``
        Orders ``0, 1, .., m, -m, .., -1`` along the third axis.

    Examples
    --------
    >>> from jaxwrap.scipy.special import sph_legendre_p_all
    >>> sph_legendre_p_all(2, 1, 0.3).shape
    (1, 3, 3)
    """
    name = "sph_legendre_p_all"
    d = _diff_n(name, diff_n)
    n = _static_degree(name, "n", n)
    m = _static_degree(name, "m", m)
    theta = _real(name, "theta", theta)
    deg, ords, th = _grid(name, n, m, theta)
    return _with_derivatives(_sph(deg, ords, th), th, d)


def _harmonic(n, m, theta, phi, d):
    """Y, and for d >= 1 its gradient / Hessian in (theta, phi) on trailing axes."""
    dt = theta.dtype
    cdt = dtypes.to_complex_dtype(dt)
    p = _derivatives(_sph(n, m, theta), theta, d)               # d^k/dtheta^k
    mf = jnp.astype(m, dt)
    ang = jnp.multiply(mf, phi)
    e = jnp.astype(jnp.cos(ang), cdt)
    e = jnp.add(e, jnp.multiply(jnp.astype(jnp.sin(ang), cdt), np.asarray(1j, cdt)))
    im = jnp.multiply(jnp.astype(mf, cdt), np.asarray(1j, cdt))      # d/dphi = i m
    y = [jnp.multiply(jnp.astype(p[k], cdt), e) for k in range(d + 1)]
    if d == 0:
        return y[0]
    grad = jnp.stack([y[1], jnp.multiply(im, y[0])], axis=-1)
    if d == 1:
        return y[0], grad
    y_pp = jnp.multiply(jnp.multiply(im, im), y[0])
    y_tp = jnp.multiply(im, y[1])
    hess = jnp.stack([jnp.stack([y[2], y_tp], axis=-1), jnp.stack([y_tp, y_pp], axis=-1)],
                     axis=-2)
    return y[0], grad, hess


@public(static=("diff_n", "n_max"))
def _sph_harm_y(n, m, theta, phi, diff_n, n_max):
    name = "sph_harm_y"
    n, m = _ints(name, ("n", "m"), n, m)
    if n_max is not None:            # jax's n_max: degrees above it are clipped to it
        n = jnp.minimum(n, np.int32(n_max))
    theta = _real(name, "theta", theta)
    phi = _real(name, "phi", phi)
    theta, phi = _util.promote_dtypes_inexact(theta, phi)
    n, m, theta, phi = _util.broadcast_arrays(name, n, m, theta, phi)
    return _harmonic(n, m, theta, phi, diff_n)


def sph_harm_y(n, m, theta, phi, diff_n=None, n_max=None):
    """Spherical harmonic ``Y_n^m(theta, phi)`` (scipy >= 1.15 convention).

    ``Y_n^m = sqrt((2n + 1) (n - m)! / (4 pi (n + m)!)) P_n^m(cos theta) exp(i m phi)``
    with the Condon-Shortley phase; ``theta`` is the polar angle, ``phi`` the
    azimuth.

    Parameters
    ----------
    n, m : array_like of int
        Degree ``n >= 0`` and order (``|m| > n`` gives 0).
    theta, phi : array_like
        Polar and azimuthal angles.
    diff_n : int or None, optional
        None or 0: the values.  1 or 2: also the gradient (and Hessian) in
        ``(theta, phi)`` on trailing axes, as scipy returns them (jax.scipy
        does not support derivatives).
    n_max : int, optional
        jax's static bound on ``n``: degrees above it are clipped to it.  Not
        needed here (the loop bound comes from the data).

    Returns
    -------
    jax.Array (complex) or tuple of them (with ``diff_n >= 1``)

    Notes
    -----
    Scalar arguments give a 0-d result like scipy (jax.scipy returns shape (1,)).

    Examples
    --------
    >>> from jaxwrap.scipy.special import sph_harm_y
    >>> print(round(float(sph_harm_y(0, 0, 0.3, 0.4).real), 6))
    0.282095
    """
    d = 0 if diff_n is None else _diff_n("sph_harm_y", diff_n)
    if n_max is not None:
        n_max = _static_degree("sph_harm_y", "n_max", n_max)
    return _sph_harm_y(n, m, theta, phi, d, n_max)


@_static_sizes(['n', 'm'])
@public(static=("n", "m", "diff_n"))
def sph_harm_y_all(n, m, theta, phi, *, diff_n=0):
    """All spherical harmonics up to degree ``n`` and order ``|m|``.

    Parameters
    ----------
    n, m : int
        Highest degree and order (static Python ints).
    theta, phi : array_like
        Polar and azimuthal angles.
    diff_n : int, optional
        0, 1 or 2 (gradient / Hessian in ``(theta, phi)`` on trailing axes).

    Returns
    -------
    jax.Array or tuple, shape ``(n + 1, 2m + 1) + broadcast(theta, phi).shape`` (+ derivative axes)
        Orders ``0, 1, .., m, -m, .., -1`` along the second axis.

    Examples
    --------
    >>> from jaxwrap.scipy.special import sph_harm_y_all
    >>> sph_harm_y_all(2, 1, 0.3, 0.4).shape
    (3, 3)
    """
    name = "sph_harm_y_all"
    d = _diff_n(name, diff_n)
    n = _static_degree(name, "n", n)
    m = _static_degree(name, "m", m)
    theta = _real(name, "theta", theta)
    phi = _real(name, "phi", phi)
    theta, phi = _util.promote_dtypes_inexact(theta, phi)
    theta, phi = _util.broadcast_arrays(name, theta, phi)
    deg, ords, th = _grid(name, n, m, theta)
    ph = _util.broadcast_to(phi, th.shape)
    return _harmonic(deg, ords, th, ph, d)


@public
def lpmv(m, v, x, out=None):
    """Associated Legendre function ``P_v^m(x)`` of integer order, for ``|x| <= 1``.

    scipy's older interface (Condon-Shortley phase included).

    Parameters
    ----------
    m : array_like
        Order (integral values; others give NaN).
    v : array_like
        Degree: integral values are supported (a non-integral degree gives NaN;
        scipy evaluates a hypergeometric series there).
    x : array_like
        Points in [-1, 1] (NaN outside).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import lpmv
    >>> print(round(float(lpmv(1, 2, 0.5)), 6))
    -1.299038
    """
    _util.check_out("lpmv", out)
    _util.check_arraylike("lpmv", m, v, x, argnames=["m", "v", "x"])
    vals = [_util.asarray(a, name="lpmv") for a in (m, v, x)]
    for a, an in zip(vals, ("m", "v", "x")):
        if dtypes.issubdtype(a.dtype, np.complexfloating):
            raise TypeError(f"lpmv(): complex {an} is not supported")
    m, v, x = _util.broadcast_arrays("lpmv", *_util.promote_dtypes_inexact(*vals))
    integral = jnp.logical_and(jnp.equal(m, jnp.floor(m)), jnp.equal(v, jnp.floor(v)))
    lim = float(N_MAX + 2)
    mi = jnp.astype(jnp.clip(jnp.where(integral, m, 0.0), -lim, lim), np.int32)
    vi = jnp.astype(jnp.clip(jnp.where(integral, v, 0.0), -lim, lim), np.int32)
    vi = jnp.where(jnp.less(vi, 0), jnp.subtract(np.int32(-1), vi), vi)   # P_{-v-1} = P_v
    val = _assoc_z(vi, mi, x, 2, None)(x)
    bad = jnp.logical_or(jnp.logical_not(integral), jnp.greater(jnp.abs(x), 1.0))
    return jnp.where(bad, jnp.full_like(val, np.nan), val)
