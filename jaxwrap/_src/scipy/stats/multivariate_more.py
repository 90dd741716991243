"""More multivariate distributions of scipy.stats: multivariate_t and dirichlet_multinomial.

Published as namespaces (``NAMESPACES``) like ``multivariate.py``, so that
``tools/gen_facades.py`` writes the modules ``jaxwrap.scipy.stats.<name>``.

* multivariate t (Kotz & Nadarajah 2004, eq. 1.1): the log density is written
  on a Cholesky factor of the shape matrix, ``log1p`` of the scaled
  Mahalanobis distance; ``df = inf`` is the multivariate normal limit.
  Draws: ``loc + z / sqrt(w / df)``, ``z ~ N(0, shape)``, ``w ~ chi2(df)``.
* Dirichlet-multinomial (Johnson, Kotz & Balakrishnan 1997, ch. 35.13): the
  log pmf in log-gamma form; moments from the compound of the multinomial
  with the Dirichlet.
"""

from __future__ import annotations

import math
import types

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import check_arraylike, public
from .multivariate import _Entry, _inexact, _promote

__all__: list[str] = []  # published through NAMESPACES

_LOG_PI = math.log(math.pi)
_LOG_2PI = math.log(2 * math.pi)


# --- multivariate t ------------------------------------------------------------------------
def _mvt_args(name, x, loc, shape, df):
    """x (..., d), loc (d,), shape (d, d), df (): promoted, scipy's conventions."""
    shape = _inexact(name, "shape", shape)
    df = _inexact(name, "df", df)
    if df.ndim != 0:
        raise ValueError(f"{name}(): df must be a scalar, got shape {df.shape}")
    if loc is not None:
        loc = _inexact(name, "loc", loc)
        if loc.ndim > 1:
            raise ValueError(f"{name}(): loc must be a vector, got shape {loc.shape}")
        d = max(loc.size, 1)
    else:
        d = shape.shape[-1] if shape.ndim else 1
    if shape.ndim > 2:
        raise ValueError(f"{name}(): shape must be a matrix, got shape {shape.shape}")
    if shape.ndim == 2 and shape.shape != (d, d):
        raise ValueError(f"{name}(): shape must have shape ({d}, {d}), got {shape.shape}")
    if shape.ndim == 1 and shape.shape[0] != d:
        raise ValueError(f"{name}(): shape must have length {d}, got {shape.shape[0]}")
    loc = jnp.zeros((d,), shape.dtype) if loc is None else jnp.reshape(loc, (d,))
    if shape.ndim == 0:
        shape = jnp.multiply(shape, jnp.eye(d, dtype=shape.dtype))
    elif shape.ndim == 1:
        shape = jnp.diag(shape)
    if x is None:
        loc, shape, df = _promote(loc, shape, df)
        return loc, shape, df, d
    x = _inexact(name, "x", x)
    if d == 1 and (x.ndim == 0 or x.shape[-1] != 1):  # points given without the axis
        x = jnp.expand_dims(x, -1)
    if x.shape[-1] != d:
        raise ValueError(f"{name}(): the last axis of x must have length {d}, got {x.shape}")
    x, loc, shape, df = _promote(x, loc, shape, df)
    return x, loc, shape, df


@public
def _mvt_logpdf(x, loc, shape, df):
    from ..linalg_solve import solve_triangular
    d = loc.shape[0]
    chol = jnp.linalg.cholesky(shape)
    diff = jnp.subtract(x, loc)
    flat = jnp.reshape(diff, (-1, d))
    z = solve_triangular(chol, jnp.transpose(flat), lower=True)  # (d, m)
    maha = jnp.reshape(jnp.sum(jnp.square(z), axis=0), diff.shape[:-1])
    half_logdet = jnp.sum(jnp.log(jnp.diagonal(chol)))
    finite_df = jnp.where(jnp.isinf(df), jnp.ones_like(df), df)
    log_t = jnp.subtract(
        jnp.subtract(L.lgamma(jnp.multiply(0.5, jnp.add(finite_df, d))),
                     L.lgamma(jnp.multiply(0.5, finite_df))),
        jnp.add(jnp.multiply(0.5 * d, jnp.add(jnp.log(finite_df), _LOG_PI)),
                jnp.multiply(jnp.multiply(0.5, jnp.add(finite_df, d)),
                             jnp.log1p(jnp.divide(maha, finite_df)))))
    log_normal = jnp.multiply(-0.5, jnp.add(maha, d * _LOG_2PI))
    out = jnp.subtract(jnp.where(jnp.isinf(df), log_normal, log_t), half_logdet)
    return jnp.where(jnp.greater(df, 0), out, jnp.full_like(out, jnp.nan))


def mvt_logpdf(x, loc=None, shape=1, df=1):
    """Log density of the multivariate t distribution.

    Parameters
    ----------
    x : array_like
        Points, the dimension on the last axis (for one dimension the axis may
        be left out).
    loc : array_like, optional
        Location vector (default zeros).
    shape : array_like
        Positive definite shape matrix (a scalar or a vector means a
        multiple of the identity or a diagonal).
    df : scalar
        Degrees of freedom, positive; ``inf`` gives the normal density.

    Returns
    -------
    Array
        Over the leading axes of ``x``; NaN for ``df <= 0``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_t
    >>> round(float(multivariate_t.logpdf(jnp.zeros(2), jnp.zeros(2), jnp.eye(2), 3.0)), 6)
    -1.837877
    """
    return _mvt_logpdf(*_mvt_args("multivariate_t.logpdf", x, loc, shape, df))


def mvt_pdf(x, loc=None, shape=1, df=1):
    """Density of the multivariate t distribution, ``exp(logpdf)``.

    Parameters
    ----------
    x, loc, shape, df : array_like
        As for ``logpdf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_t
    >>> round(float(multivariate_t.pdf(jnp.zeros(1), df=1.0)), 6)
    0.31831
    """
    return jnp.exp(_mvt_logpdf(*_mvt_args("multivariate_t.pdf", x, loc, shape, df)))


def mvt_rvs(key, loc=None, shape=1, df=1, size=None):
    """Random draws from the multivariate t distribution (jaxwrap.random).

    Parameters
    ----------
    key : PRNG key
    loc, shape, df : array_like
        As for ``logpdf``.
    size : int or tuple of ints, optional
        Batch shape of the draws (the dimension is appended).

    Returns
    -------
    Array
        ``loc + z / sqrt(w / df)`` with ``z ~ N(0, shape)``, ``w ~ chi2(df)``
        (``w / df = 1`` for ``df = inf``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.random as jr
    >>> from jaxwrap.scipy.stats import multivariate_t
    >>> multivariate_t.rvs(jr.key(0), jnp.zeros(2), jnp.eye(2), 4.0, size=3).shape
    (3, 2)
    """
    import jaxwrap.random as jr

    from .kde import _split2
    loc, shp, df, d = _mvt_args("multivariate_t.rvs", None, loc, shape, df)
    batch = () if size is None else ((size,) if isinstance(size, int) else tuple(size))
    kz, kw = _split2(key)
    z = jr.multivariate_normal(kz, jnp.zeros((d,), shp.dtype), shp, batch, dtype=shp.dtype)
    finite_df = jnp.where(jnp.isinf(df), jnp.ones_like(df), df)
    w = jr.chisquare(kw, finite_df, batch, dtype=shp.dtype)
    scale = jnp.where(jnp.isinf(df), jnp.ones_like(w), jnp.sqrt(jnp.divide(w, finite_df)))
    return jnp.add(loc, jnp.divide(z, jnp.expand_dims(scale, -1)))


# --- Dirichlet-multinomial -----------------------------------------------------------------
def _dm_args(name, alpha, n, x=None):
    check_arraylike(name, alpha, n, argnames=("alpha", "n"))
    alpha, n = _inexact(name, "alpha", alpha), _inexact(name, "n", n)
    if alpha.ndim == 0:
        raise ValueError(f"{name}(): alpha must have at least one dimension")
    if x is None:
        return _promote(alpha, n)
    x = _inexact(name, "x", x)
    if x.ndim == 0 or x.shape[-1] != alpha.shape[-1]:
        raise ValueError(f"{name}(): the last axis of x must have length {alpha.shape[-1]} "
                         f"(that of alpha), got shape {x.shape}")
    return _promote(x, alpha, n)


@public
def _dm_logpmf(x, alpha, n):
    a0 = jnp.sum(alpha, axis=-1)
    terms = jnp.subtract(L.lgamma(jnp.add(x, alpha)),
                         jnp.add(L.lgamma(alpha), L.lgamma(jnp.add(x, 1))))
    logp = jnp.add(jnp.subtract(jnp.add(L.lgamma(a0), L.lgamma(jnp.add(n, 1))),
                                L.lgamma(jnp.add(n, a0))), jnp.sum(terms, axis=-1))
    ok = jnp.logical_and(jnp.equal(jnp.sum(x, axis=-1), n),
                         jnp.all(jnp.logical_and(jnp.greater_equal(x, 0),
                                                 jnp.equal(jnp.floor(x), x)), axis=-1))
    out = jnp.where(ok, logp, jnp.full_like(logp, -jnp.inf))
    valid = jnp.logical_and(jnp.all(jnp.greater(alpha, 0), axis=-1),
                            jnp.logical_and(jnp.greater_equal(n, 0),
                                            jnp.equal(jnp.floor(n), n)))
    return jnp.where(valid, out, jnp.full_like(out, jnp.nan))


@public
def _dm_moments(alpha, n):
    a0 = jnp.sum(alpha, axis=-1, keepdims=True)
    nn = jnp.expand_dims(n, -1)
    p = jnp.divide(alpha, a0)
    mean = jnp.multiply(nn, p)
    c = jnp.divide(jnp.multiply(nn, jnp.add(nn, a0)), jnp.add(a0, 1))  # n (n + A) / (1 + A)
    var = jnp.multiply(c, jnp.multiply(p, jnp.subtract(1, p)))
    outer = jnp.multiply(jnp.expand_dims(p, -1), jnp.expand_dims(p, -2))
    eye = jnp.eye(alpha.shape[-1], dtype=alpha.dtype)
    cov = jnp.multiply(jnp.expand_dims(c, -1),
                       jnp.subtract(jnp.multiply(eye, jnp.expand_dims(p, -1)), outer))
    valid = jnp.logical_and(jnp.all(jnp.greater(alpha, 0), axis=-1, keepdims=True),
                            jnp.greater_equal(nn, 0))
    nan = jnp.full_like(mean, jnp.nan)
    return (jnp.where(valid, mean, nan), jnp.where(valid, var, nan),
            jnp.where(jnp.expand_dims(valid, -1), cov, jnp.full_like(cov, jnp.nan)))


def dm_logpmf(x, alpha, n):
    """Log probability mass of the Dirichlet-multinomial distribution.

    Parameters
    ----------
    x : array_like
        Counts, the categories on the last axis.
    alpha : array_like
        Concentration parameters (last axis), positive.
    n : array_like
        Number of trials, a non-negative integer.

    Returns
    -------
    Array
        ``-inf`` where the counts are not non-negative integers summing to
        ``n``; NaN for invalid parameters.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet_multinomial
    >>> round(float(dirichlet_multinomial.logpmf(jnp.array([1.0, 1.0]), jnp.ones(2), 2.0)), 4)
    -1.0986
    """
    return _dm_logpmf(*_dm_args("dirichlet_multinomial.logpmf", alpha, n, x))


def dm_pmf(x, alpha, n):
    """Probability mass of the Dirichlet-multinomial distribution, ``exp(logpmf)``.

    Parameters
    ----------
    x, alpha, n : array_like
        As for ``logpmf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet_multinomial
    >>> round(float(dirichlet_multinomial.pmf(jnp.array([2.0, 0.0]), jnp.ones(2), 2.0)), 6)
    0.333333
    """
    return jnp.exp(_dm_logpmf(*_dm_args("dirichlet_multinomial.pmf", alpha, n, x)))


def dm_mean(alpha, n):
    """Mean of the Dirichlet-multinomial distribution, ``n alpha / sum(alpha)``.

    Parameters
    ----------
    alpha, n : array_like
        As for ``logpmf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet_multinomial
    >>> dirichlet_multinomial.mean(jnp.array([1.0, 3.0]), 4.0).tolist()
    [1.0, 3.0]
    """
    return _dm_moments(*_dm_args("dirichlet_multinomial.mean", alpha, n))[0]


def dm_var(alpha, n):
    """Variance of each count of the Dirichlet-multinomial distribution.

    Parameters
    ----------
    alpha, n : array_like
        As for ``logpmf``.

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet_multinomial
    >>> [round(v, 6) for v in dirichlet_multinomial.var(jnp.array([1.0, 1.0]), 2.0).tolist()]
    [0.666667, 0.666667]
    """
    return _dm_moments(*_dm_args("dirichlet_multinomial.var", alpha, n))[1]


def dm_cov(alpha, n):
    """Covariance matrix of the counts of the Dirichlet-multinomial distribution.

    Parameters
    ----------
    alpha, n : array_like
        As for ``logpmf``.

    Returns
    -------
    Array
        Shape ``(..., K, K)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import dirichlet_multinomial
    >>> dirichlet_multinomial.cov(jnp.array([1.0, 1.0]), 2.0).shape
    (2, 2)
    """
    return _dm_moments(*_dm_args("dirichlet_multinomial.cov", alpha, n))[2]


TABLE = {
    "multivariate_t": _Entry(summary="multivariate t distribution"),
    "dirichlet_multinomial": _Entry(summary="Dirichlet-multinomial distribution"),
}

NAMESPACES = {
    "multivariate_t": types.SimpleNamespace(logpdf=mvt_logpdf, pdf=mvt_pdf, rvs=mvt_rvs),
    "dirichlet_multinomial": types.SimpleNamespace(logpmf=dm_logpmf, pmf=dm_pmf, mean=dm_mean,
                                                   var=dm_var, cov=dm_cov),
}
