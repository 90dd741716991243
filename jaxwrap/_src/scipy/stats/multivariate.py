"""Multivariate distributions of scipy.stats with jax.scipy.stats's functions:
multivariate_normal, dirichlet and multinomial.

Each is published as a namespace (``NAMESPACES``) so that the generated
module ``jaxwrap.scipy.stats.<name>`` has its methods, as in jax.scipy.stats.
Log densities are written on a Cholesky factor (multivariate normal) or in
log-gamma form (Dirichlet, multinomial), so they stay finite where the
density underflows.
"""

from __future__ import annotations

import math
import types

import numpy as np

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import check_arraylike, public

__all__: list[str] = []  # published through NAMESPACES

_LOG_2PI = math.log(2 * math.pi)


def _inexact(name, argname, x):
    check_arraylike(name, x, argnames=(argname,))
    x = jnp.asarray(x)
    return x if jnp.issubdtype(x.dtype, jnp.inexact) else jnp.astype(x, jnp.result_type(float))


def _promote(*xs):
    dt = jnp.result_type(*xs)
    return [jnp.astype(x, dt) for x in xs]


def _xlogy(x, y):
    """x log y with 0 log 0 = 0 (the convention of the densities below)."""
    safe = jnp.where(jnp.equal(x, 0), jnp.ones_like(y), y)
    return jnp.where(jnp.equal(x, 0), jnp.zeros_like(x), jnp.multiply(x, jnp.log(safe)))


# --- multivariate normal -------------------------------------------------------------------
@public
def _mvn_logpdf(x, mean, cov):
    if mean.ndim == 0:  # one dimension, scalar variance
        d = jnp.subtract(x, mean)
        return jnp.multiply(-0.5, jnp.add(jnp.divide(jnp.square(d), cov),
                                          jnp.add(_LOG_2PI, jnp.log(cov))))
    n = mean.shape[-1]
    if cov.ndim < 2:  # a variance per dimension (or one for all), like jax
        var = jnp.broadcast_to(cov, (n,))
        z = jnp.divide(jnp.subtract(x, mean), jnp.sqrt(var))
        half_logdet = jnp.multiply(0.5, jnp.sum(jnp.log(var)))
    else:
        chol = jnp.linalg.cholesky(cov)
        d = jnp.subtract(x, mean)
        batch = jnp.broadcast_shapes(d.shape[:-1], chol.shape[:-2])
        d = jnp.broadcast_to(d, batch + (n,))
        chol = jnp.broadcast_to(chol, batch + (n, n))
        z = jnp.squeeze(_solve_lower(chol, jnp.expand_dims(d, -1)), -1)
        half_logdet = jnp.sum(jnp.log(jnp.diagonal(chol, axis1=-2, axis2=-1)), axis=-1)
    maha = jnp.sum(jnp.square(z), axis=-1)
    return jnp.subtract(jnp.multiply(-0.5, jnp.add(maha, n * _LOG_2PI)), half_logdet)


def _solve_lower(chol, b):
    from ..linalg_solve import solve_triangular
    return solve_triangular(chol, b, lower=True)


def _mvn_args(name, x, mean, cov):
    x = _inexact(name, "x", x)
    mean = _inexact(name, "mean", mean)
    cov = _inexact(name, "cov", cov)
    x, mean, cov = _promote(x, mean, cov)
    if mean.ndim and cov.ndim >= 2 and cov.shape[-1] != mean.shape[-1]:
        raise ValueError(f"{name}(): cov of shape {cov.shape} does not match mean of shape "
                         f"{mean.shape}")
    if mean.ndim and cov.ndim >= 2 and cov.shape[-2] != cov.shape[-1]:
        raise ValueError(f"{name}(): cov must be square in its last two axes, got {cov.shape}")
    return x, mean, cov


def mvn_logpdf(x, mean, cov, allow_singular=None):
    """Log density of the multivariate normal distribution.

    Parameters
    ----------
    x : array_like
        Points, with the dimension on the last axis.
    mean : array_like
        Mean vector (a scalar for the one-dimensional case).
    cov : array_like
        Covariance matrix, positive definite (or a variance per dimension).
    allow_singular : None
        Accepted for compatibility with jax; singular covariances are not
        supported (jax's rule).

    Returns
    -------
    Array
        ``log N(x; mean, cov)`` over the leading axes of ``x``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_normal
    >>> round(float(multivariate_normal.logpdf(jnp.zeros(2), jnp.zeros(2), jnp.eye(2))), 6)
    -1.837877
    """
    if allow_singular not in (None, False):
        raise NotImplementedError("multivariate_normal.logpdf(): allow_singular=True is not "
                                  "supported")
    return _mvn_logpdf(*_mvn_args("multivariate_normal.logpdf", x, mean, cov))


def mvn_pdf(x, mean, cov):
    """Density of the multivariate normal distribution, ``exp(logpdf)``.

    Parameters
    ----------
    x, mean, cov : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_normal
    >>> round(float(multivariate_normal.pdf(jnp.zeros(1), jnp.zeros(1), jnp.eye(1))), 6)
    0.398942
    """
    return jnp.exp(_mvn_logpdf(*_mvn_args("multivariate_normal.pdf", x, mean, cov)))


@public
def _mvn_entropy(mean, cov):
    n = mean.shape[-1] if mean.ndim else 1
    _, logdet = jnp.linalg.slogdet(cov) if cov.ndim >= 2 else (None, jnp.log(cov))
    return jnp.multiply(0.5, jnp.add(logdet, n * (1.0 + _LOG_2PI)))


def mvn_entropy(mean=None, cov=1):
    """Differential entropy of the multivariate normal distribution.

    Parameters
    ----------
    mean : array_like, optional
        Mean vector (only its length matters).
    cov : array_like
        Covariance matrix.

    Returns
    -------
    Array
        ``(log det(2 pi e cov)) / 2``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_normal
    >>> round(float(multivariate_normal.entropy(jnp.zeros(1), jnp.eye(1))), 6)
    1.418939
    """
    cov = _inexact("multivariate_normal.entropy", "cov", cov)
    mean = jnp.zeros(cov.shape[-1:], cov.dtype) if mean is None else \
        _inexact("multivariate_normal.entropy", "mean", mean)
    return _mvn_entropy(*_promote(mean, cov))


def mvn_rvs(key, mean=None, cov=1, size=None):
    """Random draws from the multivariate normal distribution (jaxwrap.random).

    Parameters
    ----------
    key : PRNG key
    mean, cov : array_like
    size : int or tuple of ints, optional
        Batch shape of the draws (the dimension is appended).

    Returns
    -------
    Array
        The same bits as ``jax.random.multivariate_normal(key, mean, cov, size)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import multivariate_normal
    >>> multivariate_normal.rvs(jr.key(0), jnp.zeros(2), jnp.eye(2), size=3).shape
    (3, 2)
    """
    import jaxwrap.random as jr
    cov = _inexact("multivariate_normal.rvs", "cov", cov)
    mean = jnp.zeros(cov.shape[-1:], cov.dtype) if mean is None else \
        _inexact("multivariate_normal.rvs", "mean", mean)
    shape = None if size is None else ((size,) if isinstance(size, int) else tuple(size))
    return jr.multivariate_normal(key, mean, cov, shape)


# --- Dirichlet ---------------------------------------------------------------------------------
def _dirichlet_args(name, x, alpha):
    x, alpha = _promote(_inexact(name, "x", x), _inexact(name, "alpha", alpha))
    if alpha.ndim != 1:
        raise ValueError(f"{name}(): alpha must be one-dimensional, got shape {alpha.shape}")
    k = alpha.shape[0]
    if x.ndim == 0 or x.shape[0] not in (k, k - 1):
        raise ValueError(f"{name}(): the first axis of x must have length {k} or {k - 1} "
                         f"(len(alpha)), got shape {x.shape}")
    return x, alpha


@public
def _dirichlet_logpdf(x, alpha):
    k = alpha.shape[0]
    if x.shape[0] == k - 1:  # the last coordinate is implied, as in scipy
        x = jnp.concatenate([x, jnp.subtract(1, jnp.sum(x, axis=0, keepdims=True))], axis=0)
    a = jnp.reshape(alpha, (k,) + (1,) * (x.ndim - 1))
    log_norm = jnp.subtract(L.lgamma(jnp.sum(alpha)), jnp.sum(L.lgamma(alpha)))
    logp = jnp.add(jnp.sum(_xlogy(jnp.subtract(a, 1), x), axis=0), log_norm)
    # outside the simplex the density is 0 (jax's rule; scipy raises)
    eps = 10 * float(np.finfo(x.dtype).eps) * k
    inside = jnp.logical_and(jnp.all(jnp.greater_equal(x, 0), axis=0),
                             jnp.less_equal(jnp.abs(jnp.subtract(jnp.sum(x, axis=0), 1)), eps))
    valid = jnp.all(jnp.greater(alpha, 0))
    out = jnp.where(inside, logp, jnp.full_like(logp, -jnp.inf))
    return jnp.where(valid, out, jnp.full_like(out, jnp.nan))


def dirichlet_logpdf(x, alpha):
    """Log density of the Dirichlet distribution.

    Parameters
    ----------
    x : array_like
        Points on the simplex, the K coordinates on the first axis (K - 1
        coordinates imply the last one).
    alpha : array_like
        Concentration parameters, shape (K,), positive.

    Returns
    -------
    Array
        ``-inf`` outside the simplex, NaN for a non-positive ``alpha``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet
    >>> round(float(dirichlet.logpdf(jnp.array([0.2, 0.8]), jnp.array([2.0, 2.0]))), 4)
    -0.0408
    """
    return _dirichlet_logpdf(*_dirichlet_args("dirichlet.logpdf", x, alpha))


def dirichlet_pdf(x, alpha):
    """Density of the Dirichlet distribution, ``exp(logpdf)``.

    Parameters
    ----------
    x, alpha : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet
    >>> round(float(dirichlet.pdf(jnp.array([0.2, 0.8]), jnp.array([2.0, 2.0]))), 4)
    0.96
    """
    return jnp.exp(_dirichlet_logpdf(*_dirichlet_args("dirichlet.pdf", x, alpha)))


@public
def _dirichlet_moments(alpha):
    a0 = jnp.sum(alpha)
    mean = jnp.divide(alpha, a0)
    var = jnp.divide(jnp.multiply(mean, jnp.subtract(1, mean)), jnp.add(a0, 1))
    k = alpha.shape[0]
    ent = jnp.add(jnp.subtract(jnp.sum(L.lgamma(alpha)), L.lgamma(a0)),
                  jnp.subtract(jnp.multiply(jnp.subtract(a0, k), L.digamma(a0)),
                               jnp.sum(jnp.multiply(jnp.subtract(alpha, 1), L.digamma(alpha)))))
    return mean, var, ent


def _alpha(name, alpha):
    alpha = _inexact(name, "alpha", alpha)
    if alpha.ndim != 1:
        raise ValueError(f"{name}(): alpha must be one-dimensional, got shape {alpha.shape}")
    return alpha


def dirichlet_mean(alpha):
    """Mean of the Dirichlet distribution, ``alpha / sum(alpha)``.

    Parameters
    ----------
    alpha : array_like

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet
    >>> dirichlet.mean(jnp.array([1.0, 3.0])).tolist()
    [0.25, 0.75]
    """
    return _dirichlet_moments(_alpha("dirichlet.mean", alpha))[0]


def dirichlet_var(alpha):
    """Variance of each coordinate of the Dirichlet distribution.

    Parameters
    ----------
    alpha : array_like

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet
    >>> dirichlet.var(jnp.array([1.0, 1.0])).tolist()
    [0.0833333358168602, 0.0833333358168602]
    """
    return _dirichlet_moments(_alpha("dirichlet.var", alpha))[1]


def dirichlet_entropy(alpha):
    """Differential entropy of the Dirichlet distribution.

    Parameters
    ----------
    alpha : array_like

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet
    >>> abs(float(dirichlet.entropy(jnp.array([1.0, 1.0])))) < 1e-6
    True
    """
    return _dirichlet_moments(_alpha("dirichlet.entropy", alpha))[2]


def dirichlet_rvs(key, alpha, size=None):
    """Random draws from the Dirichlet distribution (jaxwrap.random).

    Parameters
    ----------
    key : PRNG key
    alpha : array_like
    size : int or tuple of ints, optional

    Returns
    -------
    Array
        The same bits as ``jax.random.dirichlet(key, alpha, size)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import dirichlet
    >>> dirichlet.rvs(jr.key(0), jnp.ones(3), size=2).shape
    (2, 3)
    """
    import jaxwrap.random as jr
    shape = None if size is None else ((size,) if isinstance(size, int) else tuple(size))
    return jr.dirichlet(key, _alpha("dirichlet.rvs", alpha), shape)


# --- multinomial ---------------------------------------------------------------------------------
@public
def _multinomial_logpmf(x, n, p):
    logp = jnp.add(L.lgamma(jnp.add(n, 1)),
                   jnp.sum(jnp.subtract(_xlogy(x, p), L.lgamma(jnp.add(x, 1))), axis=-1))
    ok = jnp.logical_and(jnp.equal(jnp.sum(x, axis=-1), n),
                         jnp.all(jnp.greater_equal(x, 0), axis=-1))
    return jnp.where(ok, logp, jnp.full_like(logp, -jnp.inf))


def _multinomial_args(name, x, n, p):
    x = _inexact(name, "x", x)
    n = _inexact(name, "n", n)
    p = _inexact(name, "p", p)
    if p.ndim == 0:
        raise ValueError(f"{name}(): p must have at least one dimension")
    return _promote(x, n, p)


def multinomial_logpmf(x, n, p):
    """Log probability mass of the multinomial distribution.

    Parameters
    ----------
    x : array_like
        Counts, the categories on the last axis.
    n : array_like
        Number of trials.
    p : array_like
        Category probabilities (last axis).

    Returns
    -------
    Array
        ``-inf`` where the counts do not sum to ``n``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multinomial
    >>> round(float(multinomial.logpmf(jnp.array([1.0, 1.0]), 2.0, jnp.array([0.5, 0.5]))), 6)
    -0.693147
    """
    return _multinomial_logpmf(*_multinomial_args("multinomial.logpmf", x, n, p))


def multinomial_pmf(x, n, p):
    """Probability mass of the multinomial distribution, ``exp(logpmf)``.

    Parameters
    ----------
    x, n, p : array_like
        As for ``logpmf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multinomial
    >>> round(float(multinomial.pmf(jnp.array([1.0, 1.0]), 2.0, jnp.array([0.5, 0.5]))), 6)
    0.5
    """
    return jnp.exp(_multinomial_logpmf(*_multinomial_args("multinomial.pmf", x, n, p)))


class _Entry(types.SimpleNamespace):
    pass


TABLE = {
    "multivariate_normal": _Entry(summary="multivariate normal distribution"),
    "dirichlet": _Entry(summary="Dirichlet distribution"),
    "multinomial": _Entry(summary="multinomial distribution"),
}

NAMESPACES = {
    "multivariate_normal": types.SimpleNamespace(logpdf=mvn_logpdf, pdf=mvn_pdf,
                                                 entropy=mvn_entropy, rvs=mvn_rvs),
    "dirichlet": types.SimpleNamespace(logpdf=dirichlet_logpdf, pdf=dirichlet_pdf,
                                       mean=dirichlet_mean, var=dirichlet_var,
                                       entropy=dirichlet_entropy, rvs=dirichlet_rvs),
    "multinomial": types.SimpleNamespace(logpmf=multinomial_logpmf, pmf=multinomial_pmf),
}
