"""The multivariate hypergeometric distribution of scipy.stats.

Published as a namespace (``NAMESPACES``) like ``multivariate.py``.  Drawing
``n`` objects without replacement from an urn holding ``m[i]`` objects of
type ``i`` (Johnson, Kotz & Balakrishnan, "Discrete Multivariate
Distributions", 1997, ch. 39):

* log pmf = sum_i log C(m_i, x_i) - log C(M, n), M = sum m, each log
  binomial written with ``betaln`` (no lgamma cancellation);
* mean n m_i / M; cov n (M - n) / (M - 1) (delta_ij p_i - p_i p_j), p = m / M;
* draws: one conditional hypergeometric draw per category (the law of x_i
  given x_1..x_{i-1} is hypergeom(M - m_1 - ... - m_{i-1}, m_i, n - x_1 - ...)).

Counts are floats of the promoted dtype (like jax's discrete laws); invalid
parameters (negative or non-integer m or n, n > M) give NaN; x that are not
non-negative integers summing to n give -inf.
"""

from __future__ import annotations

import types

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import check_arraylike, public
from .multivariate import _Entry, _inexact, _promote

__all__: list[str] = []  # published through NAMESPACES


def _args(name, m, n, x=None):
    check_arraylike(name, m, n, argnames=("m", "n"))
    m, n = _inexact(name, "m", m), _inexact(name, "n", n)
    if m.ndim == 0:
        raise ValueError(f"{name}(): m must have at least one dimension")
    if x is None:
        return _promote(m, n)
    x = _inexact(name, "x", x)
    if x.ndim == 0 or x.shape[-1] != m.shape[-1]:
        raise ValueError(f"{name}(): the last axis of x must have length {m.shape[-1]} "
                         f"(that of m), got shape {x.shape}")
    return _promote(x, m, n)


def _is_count(v):
    return jnp.logical_and(jnp.greater_equal(v, 0), jnp.equal(jnp.floor(v), v))


def _lbinom(a, b):
    """log C(a, b) = -log(a + 1) - betaln(a - b + 1, b + 1) for 0 <= b <= a."""
    return jnp.subtract(jnp.negative(jnp.log1p(a)),
                        L.betaln(jnp.add(jnp.subtract(a, b), 1), jnp.add(b, 1)))


def _valid(m, n):
    total = jnp.sum(m, axis=-1)
    return jnp.logical_and(jnp.all(_is_count(m), axis=-1),
                           jnp.logical_and(_is_count(n), jnp.less_equal(n, total)))


@public
def _logpmf(x, m, n):
    total = jnp.sum(m, axis=-1)
    inside = jnp.logical_and(jnp.greater_equal(x, 0), jnp.less_equal(x, m))
    ok = jnp.logical_and(jnp.all(jnp.logical_and(inside, _is_count(x)), axis=-1),
                         jnp.equal(jnp.sum(x, axis=-1), n))
    xs = jnp.clip(x, 0, m)  # keeps the log binomials finite where x is outside
    terms = jnp.sum(_lbinom(m, xs), axis=-1)
    ns = jnp.clip(n, 0, total)
    logp = jnp.subtract(terms, _lbinom(total, ns))
    out = jnp.where(ok, logp, jnp.full_like(logp, -jnp.inf))
    return jnp.where(_valid(m, n), out, jnp.full_like(out, jnp.nan))


@public
def _moments(m, n):
    total = jnp.sum(m, axis=-1, keepdims=True)
    nn = jnp.expand_dims(n, -1)
    p = jnp.divide(m, jnp.where(jnp.equal(total, 0), jnp.ones_like(total), total))
    mean = jnp.multiply(nn, p)
    big = jnp.greater(total, 1)  # M <= 1: no spread
    f = jnp.where(big, jnp.divide(jnp.multiply(nn, jnp.subtract(total, nn)),
                                  jnp.where(big, jnp.subtract(total, 1), jnp.ones_like(total))),
                  jnp.zeros_like(total))
    var = jnp.multiply(f, jnp.multiply(p, jnp.subtract(1, p)))
    outer = jnp.multiply(jnp.expand_dims(p, -1), jnp.expand_dims(p, -2))
    eye = jnp.eye(m.shape[-1], dtype=m.dtype)
    cov = jnp.multiply(jnp.expand_dims(f, -1),
                       jnp.subtract(jnp.multiply(eye, jnp.expand_dims(p, -1)), outer))
    valid = jnp.expand_dims(_valid(m, n), -1)
    nan = jnp.full_like(mean, jnp.nan)
    return (jnp.where(valid, mean, nan), jnp.where(valid, var, nan),
            jnp.where(jnp.expand_dims(valid, -1), cov, jnp.full_like(cov, jnp.nan)))


def logpmf(x, m, n):
    """Log probability mass of the multivariate hypergeometric distribution.

    Parameters
    ----------
    x : array_like
        Counts drawn of each type, the types on the last axis.
    m : array_like
        Number of objects of each type in the urn (last axis), non-negative integers.
    n : array_like
        Number of objects drawn, an integer in [0, sum(m)].

    Returns
    -------
    jax.Array
        ``-inf`` where x is not a vector of non-negative integers ``x <= m``
        summing to ``n``; NaN for invalid parameters.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_hypergeom
    >>> m = jnp.array([10.0, 5.0, 7.0])
    >>> round(float(multivariate_hypergeom.logpmf(jnp.array([3.0, 1.0, 2.0]), m, 6.0)), 4)
    -1.7786
    """
    return _logpmf(*_args("multivariate_hypergeom.logpmf", m, n, x))


def pmf(x, m, n):
    """Probability mass of the multivariate hypergeometric distribution, ``exp(logpmf)``.

    Parameters
    ----------
    x, m, n : array_like
        As for ``logpmf``.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_hypergeom
    >>> m = jnp.array([10.0, 5.0, 7.0])
    >>> round(float(multivariate_hypergeom.pmf(jnp.array([3.0, 1.0, 2.0]), m, 6.0)), 4)
    0.1689
    """
    return jnp.exp(_logpmf(*_args("multivariate_hypergeom.pmf", m, n, x)))


def mean(m, n):
    """Mean counts of the multivariate hypergeometric distribution, ``n m / sum(m)``.

    Parameters
    ----------
    m, n : array_like
        As for ``logpmf``.

    Returns
    -------
    jax.Array
        Shape of ``m`` broadcast with ``n``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_hypergeom
    >>> multivariate_hypergeom.mean(jnp.array([6.0, 2.0]), 4.0).tolist()
    [3.0, 1.0]
    """
    return _moments(*_args("multivariate_hypergeom.mean", m, n))[0]


def var(m, n):
    """Variance of each count of the multivariate hypergeometric distribution.

    Parameters
    ----------
    m, n : array_like
        As for ``logpmf``.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_hypergeom
    >>> [round(v, 6) for v in multivariate_hypergeom.var(jnp.array([6.0, 2.0]), 4.0).tolist()]
    [0.428571, 0.428571]
    """
    return _moments(*_args("multivariate_hypergeom.var", m, n))[1]


def cov(m, n):
    """Covariance matrix of the counts of the multivariate hypergeometric distribution.

    Parameters
    ----------
    m, n : array_like
        As for ``logpmf``.

    Returns
    -------
    jax.Array
        Shape ``(..., K, K)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_hypergeom
    >>> multivariate_hypergeom.cov(jnp.array([6.0, 2.0, 3.0]), 4.0).shape
    (3, 3)
    """
    return _moments(*_args("multivariate_hypergeom.cov", m, n))[2]


def _rvs_core(key, m, n, *, shape):
    from .discrete_more import NAMESPACES as _D
    hyper = _D["hypergeom"]
    from .... import random as jr
    k = m.shape[-1]
    mb = jnp.broadcast_to(m, shape + (k,))
    left_n = jnp.broadcast_to(n, shape)
    left_m = jnp.sum(mb, axis=-1)
    cols = []
    for i in range(k - 1):
        mi = jnp.take(mb, i, axis=-1)
        # x_i | earlier draws ~ hypergeom(objects left, m_i, draws left), by inversion
        u = jr.uniform(jr.fold_in(key, i), shape, m.dtype)
        safe_m = jnp.maximum(left_m, 1)
        xi = hyper.ppf(u, safe_m, jnp.minimum(mi, safe_m), jnp.clip(left_n, 0, safe_m))
        xi = jnp.where(jnp.equal(left_m, 0), jnp.zeros_like(xi), xi)
        cols.append(xi)
        left_n = jnp.subtract(left_n, xi)
        left_m = jnp.subtract(left_m, mi)
    cols.append(left_n)
    out = jnp.stack(cols, axis=-1)
    valid = jnp.expand_dims(jnp.broadcast_to(_valid(m, n), shape), -1)
    return jnp.where(valid, out, jnp.full_like(out, jnp.nan))


_rvs_jit = public(_rvs_core, static=("shape",))


def rvs(key, m, n, size=None):
    """Random draws from the multivariate hypergeometric distribution.

    Parameters
    ----------
    key : jax.Array
        A PRNG key (jaxwrap.random.key / PRNGKey).
    m, n : array_like
        As for ``logpmf``.
    size : int or tuple of ints, optional
        Shape of the batch of draws; default: the parameters' broadcast batch shape.

    Returns
    -------
    jax.Array
        Counts of shape ``size + (K,)`` (floats), NaN for invalid parameters.

    Examples
    --------
    >>> import jaxwrap
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import multivariate_hypergeom
    >>> x = multivariate_hypergeom.rvs(jaxwrap.random.key(0), jnp.array([6.0, 2.0, 3.0]), 4.0,
    ...                                size=5)
    >>> x.shape, bool(jnp.all(jnp.sum(x, axis=-1) == 4))
    ((5, 3), True)
    """
    name = "multivariate_hypergeom.rvs"
    m, n = _args(name, m, n)
    batch = jnp.broadcast_shapes(m.shape[:-1], n.shape)
    if size is None:
        shape = batch
    else:
        shape = (int(size),) if jnp.ndim(size) == 0 else tuple(int(s) for s in size)
        if jnp.broadcast_shapes(shape, batch) != shape:
            raise ValueError(f"{name}(): size {shape} does not contain the parameters' "
                             f"batch shape {batch}")
    return _rvs_jit(key, m, n, shape=shape)


TABLE = {"multivariate_hypergeom": _Entry(summary="multivariate hypergeometric distribution")}

NAMESPACES = {
    "multivariate_hypergeom": types.SimpleNamespace(logpmf=logpmf, pmf=pmf, mean=mean, var=var,
                                                    cov=cov, rvs=rvs),
}
