"""vonmises_fisher and normal_inverse_gamma of scipy.stats.

Published as namespaces (``NAMESPACES``) like ``multivariate.py``, so that
``tools/gen_facades.py`` writes the modules ``jaxwrap.scipy.stats.<name>``.

* von Mises-Fisher on the unit sphere S^{p-1} (Mardia & Jupp 2000, 9.3.4):
  ``log f(x) = log C_p(kappa) + kappa mu.x`` with
  ``log C_p = nu log kappa - (p/2) log(2 pi) - log I_nu(kappa)``, ``nu = p/2 - 1``.
  For kappa >= 1, ``log I_nu = log ive(nu, kappa) + kappa``; below 1 the
  power series ``I_nu(k) = (k/2)^nu sum_j (k^2/4)^j / (j! Gamma(nu + j + 1))``
  (DLMF 10.25.2) with the ``(k/2)^nu`` factor cancelled analytically, so
  kappa -> 0 gives the uniform law without 0 * inf.  Its terms shrink by at
  least 1/(4 j^2) for kappa <= 1 and nu >= 0, so 10 terms leave < 1e-20.
  Entropy: ``-log C_p - kappa A_p``, ``A_p = I_{p/2} / I_{p/2-1}``.
  Draws: Wood (1994) rejection sampling of ``w = mu.x`` (a Beta((p-1)/2,
  (p-1)/2) proposal, drawn as a ratio of chi-squares of normals) with a
  static 32 rounds drawn at once: its acceptance rate is above 0.65 for
  every p >= 2 and kappa >= 0 (measured on p in 2..200, kappa in
  0..1e8), so all 32 fail with probability < 0.35^32 <
  3e-15, and such a draw is NaN.  The tangent direction is uniform, and a
  Householder reflection maps the pole (the one of +-e_p away from mu, so
  that the reflection is well conditioned) onto mu.
* normal-inverse-gamma (Bernardo & Smith 1994, 5.2): ``s2 ~ InvGamma(a, b)``,
  ``x | s2 ~ N(mu, s2 / lmbda)``; moments as scipy states them (NaN where
  they do not exist).
"""

from __future__ import annotations

import math
import types

import numpy as np

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import public
from .matrix_variate import _nan_unless, _scalar, _size
from .multivariate import _Entry, _inexact, _promote

__all__: list[str] = []  # published through NAMESPACES

_LOG_2PI = math.log(2 * math.pi)
_SERIES_TERMS = 10  # power series of I_nu below kappa = 1: terms fall by 1/(4 j^2)
_HANKEL_TERMS = 20  # large-argument expansion of I_nu: see _vmf_parts
_WOOD_ROUNDS = 32  # Wood (1994) rejection rounds: acceptance > 0.65, failure < 3e-15


# --- von Mises-Fisher ------------------------------------------------------------------------
def _bessel_series(nu, kappa):
    """log I_nu(kappa) - nu log(kappa / 2), power series (DLMF 10.25.2), kappa < 1."""
    q = jnp.multiply(0.25, jnp.square(kappa))
    term, total = jnp.ones_like(kappa), jnp.ones_like(kappa)
    for j in range(1, _SERIES_TERMS + 1):
        term = jnp.multiply(term, jnp.divide(q, j * (nu + j)))
        total = jnp.add(total, term)
    return jnp.subtract(jnp.log(total), math.lgamma(nu + 1.0))


def _hankel_series(nu, kappa):
    """log ive(nu, kappa) and kappa (1 - I_{nu+1} / I_nu) from the large-argument expansion
    ive(nu, k) ~ (2 pi k)^-1/2 sum_j (-1)^j a_j(nu) / k^j (DLMF 10.40.1, 10.17.1): with
    sum = S, kappa (1 - A) = nu + 1/2 + sum_j (-1)^j j a_j / k^j / S, exact for p = 3."""
    total, weighted = jnp.ones_like(kappa), jnp.zeros_like(kappa)
    coef = 1.0  # (-1)^j a_j(nu), a Python float: nu is static
    power = jnp.ones_like(kappa)
    inv = jnp.divide(1.0, kappa)
    for j in range(1, _HANKEL_TERMS + 1):
        coef = -coef * (4.0 * nu * nu - (2.0 * j - 1.0) ** 2) / (8.0 * j)
        power = jnp.multiply(power, inv)
        total = jnp.add(total, jnp.multiply(coef, power))
        weighted = jnp.add(weighted, jnp.multiply(j * coef, power))
    log_ive = jnp.subtract(jnp.log(total), jnp.multiply(0.5, jnp.log(
        jnp.multiply(2 * math.pi, kappa))))
    return log_ive, jnp.add(nu + 0.5, jnp.divide(weighted, total))


def _vmf_parts(p, kappa):
    """(g, h): g = log C_p(kappa) + kappa, h = kappa (1 - A_p(kappa)), kappa >= 0.

    Three regimes: the power series below kappa = 1; ive between; the
    large-argument expansion from kappa = max(100, 5 nu^2) on, where its terms
    fall by at least 1/10 each, so _HANKEL_TERMS = 20 of them leave < 1e-20
    (and kappa - kappa A no longer cancels).
    """
    from ..special.bessel import ive
    nu = 0.5 * p - 1.0
    const = -0.5 * p * _LOG_2PI
    big = max(100.0, 5.0 * nu * nu)
    small, large = jnp.less(kappa, 1.0), jnp.greater_equal(kappa, big)
    ks = jnp.where(small, kappa, jnp.zeros_like(kappa))
    s0, s1 = _bessel_series(nu, ks), _bessel_series(nu + 1.0, ks)
    ratio = jnp.multiply(jnp.multiply(0.5, ks), jnp.exp(jnp.subtract(s1, s0)))
    g_small = jnp.add(jnp.subtract(nu * math.log(2.0) + const, s0), ks)
    h_small = jnp.multiply(ks, jnp.subtract(1.0, ratio))
    km = jnp.where(jnp.logical_or(small, large), jnp.full_like(kappa, 2.0), kappa)
    i0, i1 = ive(nu, km), ive(nu + 1.0, km)
    g_mid = jnp.subtract(jnp.add(jnp.multiply(nu, jnp.log(km)), const), jnp.log(i0))
    h_mid = jnp.multiply(km, jnp.subtract(1.0, jnp.divide(i1, i0)))
    kl = jnp.where(large, kappa, jnp.full_like(kappa, big))
    log_ive, h_large = _hankel_series(nu, kl)
    g_large = jnp.subtract(jnp.add(jnp.multiply(nu, jnp.log(kl)), const), log_ive)
    g = jnp.where(small, g_small, jnp.where(large, g_large, g_mid))
    h = jnp.where(small, h_small, jnp.where(large, h_large, h_mid))
    return g, h


def _vmf_args(name, x, mu, kappa):
    if mu is None:
        raise ValueError(f"{name}(): mu (a unit vector) is required")
    mu = _inexact(name, "mu", mu)
    kappa = _scalar(name, "kappa", kappa)
    if mu.ndim != 1 or mu.shape[0] < 2:
        raise ValueError(f"{name}(): mu must be a vector of length >= 2, got shape {mu.shape}")
    if x is None:
        return _promote(mu, kappa)
    x = _inexact(name, "x", x)
    if x.ndim == 0 or x.shape[-1] != mu.shape[0]:
        raise ValueError(f"{name}(): the last axis of x must have length {mu.shape[0]}, got "
                         f"shape {x.shape}")
    return _promote(x, mu, kappa)


def _unit_ok(v, axis=-1):
    tol = float(np.sqrt(np.finfo(v.dtype).eps))
    return jnp.less_equal(jnp.abs(jnp.subtract(jnp.sqrt(jnp.sum(jnp.square(v), axis=axis)), 1)),
                          tol)


@public
def _vmf_logpdf(x, mu, kappa):
    g, _ = _vmf_parts(mu.shape[0], kappa)
    # log C + kappa mu.x = g + kappa (mu.x - 1): no kappa - kappa cancellation at the mode
    out = jnp.add(g, jnp.multiply(kappa, jnp.subtract(jnp.sum(jnp.multiply(x, mu), axis=-1),
                                                      1.0)))
    ok = jnp.logical_and(jnp.logical_and(_unit_ok(x), _unit_ok(mu)),
                         jnp.greater_equal(kappa, 0))
    return _nan_unless(ok, out)


@public
def _vmf_entropy(mu, kappa):
    g, h = _vmf_parts(mu.shape[0], kappa)
    out = jnp.subtract(h, g)  # -log C - kappa A = -(log C + kappa) + kappa (1 - A)
    return _nan_unless(jnp.logical_and(_unit_ok(mu), jnp.greater_equal(kappa, 0)), out)


def vmf_logpdf(x, mu=None, kappa=1):
    """Log density of the von Mises-Fisher distribution on the unit sphere.

    Parameters
    ----------
    x : array_like
        Unit vectors, the dimension ``p >= 2`` on the last axis.
    mu : array_like
        Mean direction, a unit vector of length ``p`` (required).
    kappa : scalar
        Concentration, ``kappa >= 0`` (0 is the uniform law on the sphere).

    Returns
    -------
    Array
        Over the leading axes of ``x``; NaN for ``kappa < 0`` or vectors that
        are not of unit length (scipy raises).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import vonmises_fisher
    >>> mu = jnp.array([0.0, 0.0, 1.0])
    >>> round(float(vonmises_fisher.logpdf(mu, mu, 2.0)), 4)
    -1.1262
    """
    return _vmf_logpdf(*_vmf_args("vonmises_fisher.logpdf", x, mu, kappa))


def vmf_pdf(x, mu=None, kappa=1):
    """Density of the von Mises-Fisher distribution, ``exp(logpdf)``.

    Parameters
    ----------
    x, mu, kappa : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import vonmises_fisher
    >>> mu = jnp.array([0.0, 0.0, 1.0])
    >>> round(float(vonmises_fisher.pdf(mu, mu, 2.0)), 4)
    0.3242
    """
    return jnp.exp(_vmf_logpdf(*_vmf_args("vonmises_fisher.pdf", x, mu, kappa)))


def vmf_entropy(mu=None, kappa=1):
    """Differential entropy of the von Mises-Fisher distribution.

    Parameters
    ----------
    mu : array_like
        Mean direction (unit vector; only its length matters).
    kappa : scalar
        Concentration, ``kappa >= 0``.

    Returns
    -------
    Array
        ``-log C_p(kappa) - kappa A_p(kappa)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import vonmises_fisher
    >>> round(float(vonmises_fisher.entropy(jnp.array([0.0, 0.0, 1.0]), 0.0)), 4)
    2.531
    """
    return _vmf_entropy(*_vmf_args("vonmises_fisher.entropy", None, mu, kappa))


def vmf_rvs(key, mu=None, kappa=1, size=None):
    """Random draws from the von Mises-Fisher distribution (Wood 1994).

    Parameters
    ----------
    key : PRNG key
    mu, kappa : array_like
        As for ``logpdf``.
    size : int or tuple of ints, optional
        Batch shape of the draws (the dimension ``p`` is appended).

    Returns
    -------
    Array
        Unit vectors; NaN for invalid parameters (and, with probability
        below 3e-15, for a draw whose 32 rejection rounds all fail).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import vonmises_fisher
    >>> vonmises_fisher.rvs(jr.key(0), jnp.array([0.0, 1.0, 0.0]), 5.0, size=4).shape
    (4, 3)
    """
    import jaxwrap.random as jr

    from .kde import _split2
    mu, kappa = _vmf_args("vonmises_fisher.rvs", None, mu, kappa)
    p, dt = mu.shape[0], mu.dtype
    batch = _size(size)
    k1, rest = _split2(key)
    k2, k3 = _split2(rest)
    # Wood (1994): b, x0 = (1 - b) / (1 + b), c = kappa x0 + (p - 1) log(1 - x0^2)
    pm1 = float(p - 1)
    b = jnp.divide(pm1, jnp.add(jnp.multiply(2.0, kappa),
                                jnp.sqrt(jnp.add(jnp.multiply(4.0, jnp.square(kappa)),
                                                 pm1 * pm1))))
    one_m_x0 = jnp.divide(jnp.multiply(2.0, b), jnp.add(1.0, b))
    x0 = jnp.subtract(1.0, one_m_x0)
    c = jnp.add(jnp.multiply(kappa, x0),
                jnp.multiply(pm1, jnp.log(jnp.divide(jnp.multiply(4.0, b),
                                                     jnp.square(jnp.add(1.0, b))))))
    rounds = (_WOOD_ROUNDS,) + batch
    # Z ~ Beta((p-1)/2, (p-1)/2) as |n1|^2 / (|n1|^2 + |n2|^2), n1, n2 ~ N(0, I_{p-1}):
    # a ratio of chi-squares with p - 1 degrees of freedom, from normals alone
    n12 = jnp.sum(jnp.square(jr.normal(k1, (2,) + rounds + (p - 1,), dt)), axis=-1)
    s1 = jnp.squeeze(jnp.take(n12, jnp.array([0]), axis=0), 0)
    z = jnp.divide(s1, jnp.sum(n12, axis=0))
    u = jr.uniform(k2, rounds, dt)
    den = jnp.subtract(1.0, jnp.multiply(jnp.subtract(1.0, b), z))
    one_m_w = jnp.divide(jnp.multiply(jnp.multiply(2.0, b), z), den)  # 1 - w, kept exact
    w = jnp.subtract(1.0, one_m_w)
    one_m_x0w = jnp.add(one_m_x0, jnp.multiply(x0, one_m_w))
    accept = jnp.greater_equal(
        jnp.subtract(jnp.add(jnp.multiply(kappa, w), jnp.multiply(pm1, jnp.log(one_m_x0w))), c),
        jnp.log(u))
    first = jnp.argmax(accept, axis=0)
    pick = jnp.expand_dims(first, 0)
    w = jnp.squeeze(jnp.take_along_axis(w, pick, axis=0), 0)
    one_m_w = jnp.squeeze(jnp.take_along_axis(one_m_w, pick, axis=0), 0)
    w = jnp.where(jnp.any(accept, axis=0), w, jnp.full_like(w, jnp.nan))
    # a uniform tangent direction, then y = (sqrt(1 - w^2) v, s w) about the pole s e_p
    v = jr.normal(k3, batch + (p - 1,), dt)
    v = jnp.divide(v, jnp.sqrt(jnp.sum(jnp.square(v), axis=-1, keepdims=True)))
    radial = jnp.sqrt(jnp.multiply(one_m_w, jnp.add(1.0, w)))
    last = jnp.astype(jnp.equal(jnp.arange(p), p - 1), dt)  # e_p
    mu_p = jnp.sum(jnp.multiply(mu, last))
    s = jnp.where(jnp.less(mu_p, 0), jnp.ones_like(kappa), jnp.negative(jnp.ones_like(kappa)))
    y = jnp.concatenate([jnp.multiply(jnp.expand_dims(radial, -1), v),
                         jnp.expand_dims(jnp.multiply(s, w), -1)], axis=-1)
    # Householder reflection taking s e_p to mu: u = s e_p - mu, |u|^2 = 2 + 2 |mu_p| >= 2
    uvec = jnp.subtract(jnp.multiply(s, last), mu)
    proj = jnp.divide(jnp.sum(jnp.multiply(y, uvec), axis=-1, keepdims=True),
                      jnp.sum(jnp.square(uvec)))
    out = jnp.subtract(y, jnp.multiply(jnp.multiply(2.0, proj), uvec))
    ok = jnp.logical_and(_unit_ok(mu), jnp.greater_equal(kappa, 0))
    return _nan_unless(ok, out)


# --- normal-inverse-gamma --------------------------------------------------------------------
def _nig_args(name, names, *vals):
    arrs = [_inexact(name, n, v) for n, v in zip(names, vals)]
    try:
        shape = jnp.broadcast_shapes(*(a.shape for a in arrs))
    except ValueError:
        raise ValueError(f"{name}(): the shapes of {', '.join(names)} do not broadcast: "
                         f"{[a.shape for a in arrs]}") from None
    return [jnp.broadcast_to(a, shape) for a in _promote(*arrs)]


def _nig_valid(lmbda, a, b):
    return jnp.logical_and(jnp.greater(lmbda, 0), jnp.logical_and(jnp.greater(a, 0),
                                                                    jnp.greater(b, 0)))


@public
def _nig_logpdf(x, s2, mu, lmbda, a, b):
    pos = jnp.greater(s2, 0)
    s = jnp.where(pos, s2, jnp.ones_like(s2))
    quad = jnp.add(jnp.multiply(2.0, b), jnp.multiply(lmbda, jnp.square(jnp.subtract(x, mu))))
    out = jnp.subtract(
        jnp.add(jnp.multiply(0.5, jnp.subtract(jnp.log(lmbda), _LOG_2PI)),
                jnp.subtract(jnp.multiply(a, jnp.log(b)), L.lgamma(a))),
        jnp.add(jnp.multiply(jnp.add(a, 1.5), jnp.log(s)), jnp.divide(quad, jnp.multiply(2.0, s))))
    out = jnp.where(pos, out, jnp.full_like(out, -jnp.inf))
    return _nan_unless(_nig_valid(lmbda, a, b), out)


@public
def _nig_moments(mu, lmbda, a, b):
    am1 = jnp.subtract(a, 1)
    ok = _nig_valid(lmbda, a, b)
    ok1 = jnp.logical_and(ok, jnp.greater(a, 1))
    ok2 = jnp.logical_and(ok, jnp.greater(a, 2))
    mean = (_nan_unless(ok1, mu), _nan_unless(ok1, jnp.divide(b, am1)))
    var = (_nan_unless(ok1, jnp.divide(b, jnp.multiply(am1, lmbda))),
           _nan_unless(ok2, jnp.divide(jnp.square(b),
                                       jnp.multiply(jnp.square(am1), jnp.subtract(a, 2)))))
    return mean, var


_NIG_PARAMS = ("mu", "lmbda", "a", "b")


def nig_logpdf(x, s2, mu=0, lmbda=1, a=1, b=1):
    """Log density of the normal-inverse-gamma distribution.

    Parameters
    ----------
    x : array_like
        Values of the normal variable.
    s2 : array_like
        Values of the variance, ``s2 > 0`` (``-inf`` elsewhere).
    mu : array_like, optional
        Mean of ``x``.
    lmbda : array_like, optional
        Precision multiplier: ``x | s2 ~ N(mu, s2 / lmbda)``, positive.
    a, b : array_like, optional
        Shape and scale of the inverse gamma law of ``s2``, positive.

    Returns
    -------
    Array
        Broadcast over all arguments; NaN for invalid parameters.

    Examples
    --------
    >>> from jaxwrap.scipy.stats import normal_inverse_gamma
    >>> round(float(normal_inverse_gamma.logpdf(0.1, 2.0, 0.0, 1.0, 1.0, 1.0)), 4)
    -3.1543
    """
    return _nig_logpdf(*_nig_args("normal_inverse_gamma.logpdf", ("x", "s2") + _NIG_PARAMS,
                                  x, s2, mu, lmbda, a, b))


def nig_pdf(x, s2, mu=0, lmbda=1, a=1, b=1):
    """Density of the normal-inverse-gamma distribution, ``exp(logpdf)``.

    Parameters
    ----------
    x, s2, mu, lmbda, a, b : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> from jaxwrap.scipy.stats import normal_inverse_gamma
    >>> round(float(normal_inverse_gamma.pdf(0.1, 2.0)), 4)
    0.0427
    """
    return jnp.exp(_nig_logpdf(*_nig_args("normal_inverse_gamma.pdf", ("x", "s2") + _NIG_PARAMS,
                                          x, s2, mu, lmbda, a, b)))


def nig_mean(mu=0, lmbda=1, a=1, b=1):
    """Means of ``x`` and ``s2`` under the normal-inverse-gamma distribution.

    Parameters
    ----------
    mu, lmbda, a, b : array_like, optional
        As for ``logpdf``.

    Returns
    -------
    tuple of Array
        ``(mu, b / (a - 1))``, both NaN for ``a <= 1`` (scipy's convention).

    Examples
    --------
    >>> from jaxwrap.scipy.stats import normal_inverse_gamma
    >>> [float(m) for m in normal_inverse_gamma.mean(0.5, 2.0, 3.0, 1.5)]
    [0.5, 0.75]
    """
    return _nig_moments(*_nig_args("normal_inverse_gamma.mean", _NIG_PARAMS, mu, lmbda, a, b))[0]


def nig_var(mu=0, lmbda=1, a=1, b=1):
    """Variances of ``x`` and ``s2`` under the normal-inverse-gamma distribution.

    Parameters
    ----------
    mu, lmbda, a, b : array_like, optional
        As for ``logpdf``.

    Returns
    -------
    tuple of Array
        ``(b / ((a - 1) lmbda), b^2 / ((a - 1)^2 (a - 2)))``; NaN where a
        moment does not exist (``a <= 1``, resp. ``a <= 2``).

    Examples
    --------
    >>> from jaxwrap.scipy.stats import normal_inverse_gamma
    >>> [float(v) for v in normal_inverse_gamma.var(0.5, 2.0, 3.0, 1.5)]
    [0.375, 0.5625]
    """
    return _nig_moments(*_nig_args("normal_inverse_gamma.var", _NIG_PARAMS, mu, lmbda, a, b))[1]


def nig_rvs(key, mu=0, lmbda=1, a=1, b=1, size=None):
    """Random draws from the normal-inverse-gamma distribution (jaxwrap.random).

    Parameters
    ----------
    key : PRNG key
    mu, lmbda, a, b : array_like, optional
        As for ``logpdf``.
    size : int or tuple of ints, optional
        Shape of the draws (default: the broadcast shape of the parameters).

    Returns
    -------
    tuple of Array
        ``(x, s2)``: ``s2 = b / G`` with ``G ~ Gamma(a)``, ``x = mu + sqrt(s2 /
        lmbda) Z`` with ``Z`` standard normal; NaN for invalid parameters.

    Examples
    --------
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import normal_inverse_gamma
    >>> x, s2 = normal_inverse_gamma.rvs(jr.key(0), 0.0, 1.0, 3.0, 2.0, size=5)
    >>> x.shape, s2.shape
    ((5,), (5,))
    """
    import jaxwrap.random as jr

    from .kde import _split2
    mu, lmbda, a, b = _nig_args("normal_inverse_gamma.rvs", _NIG_PARAMS, mu, lmbda, a, b)
    shape = mu.shape if size is None else _size(size)
    try:
        jnp.broadcast_shapes(shape, mu.shape)
    except ValueError:
        raise ValueError(f"normal_inverse_gamma.rvs(): size {shape} does not fit parameters "
                         f"of shape {mu.shape}") from None
    kg, kz = _split2(key)
    g = jr.gamma(kg, jnp.broadcast_to(a, shape), shape, mu.dtype)
    s2 = jnp.divide(b, g)
    x = jnp.add(mu, jnp.multiply(jnp.sqrt(jnp.divide(s2, lmbda)),
                                 jr.normal(kz, shape, mu.dtype)))
    ok = _nig_valid(lmbda, a, b)
    return _nan_unless(ok, x), _nan_unless(ok, s2)


TABLE = {
    "vonmises_fisher": _Entry(summary="von Mises-Fisher distribution"),
    "normal_inverse_gamma": _Entry(summary="normal-inverse-gamma distribution"),
}

NAMESPACES = {
    "vonmises_fisher": types.SimpleNamespace(logpdf=vmf_logpdf, pdf=vmf_pdf, entropy=vmf_entropy,
                                             rvs=vmf_rvs),
    "normal_inverse_gamma": types.SimpleNamespace(logpdf=nig_logpdf, pdf=nig_pdf, mean=nig_mean,
                                                  var=nig_var, rvs=nig_rvs),
}
