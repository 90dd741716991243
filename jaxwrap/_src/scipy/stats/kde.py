"""Gaussian kernel density estimation: ``gaussian_kde``, jax.scipy.stats's pytree class.

The estimate is the mixture ``f(x) = sum_i w_i N(x; x_i, K)`` over the data
points ``x_i`` with normalized weights ``w_i`` and kernel covariance
``K = factor**2 * C``, ``C`` the weighted sample covariance of the data and
``factor`` the bandwidth (Scott 1992, ``neff**(-1/(d+4))``; Silverman 1986,
``(neff (d+2)/4)**(-1/(d+4))``; ``neff = 1 / sum w_i**2``).

Every evaluation goes through one core, :func:`_mixture_logpdf`: the points
and the centres are whitened with the Cholesky factor of the mixture
covariance, and the log density is a weighted log-sum-exp of the squared
distances, so it stays finite where the density underflows.  The products
of Gaussians (``integrate_gaussian``, ``integrate_kde``) are mixtures with
the summed covariance (the convolution of two normals is normal).
"""

from __future__ import annotations

import math

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ...numpy._util import check_arraylike, public

__all__ = ["gaussian_kde"]

_LOG_2PI = math.log(2 * math.pi)


@public
def _mixture_logpdf(points, centres, weights, cov):
    """log sum_i weights[i] N(points[:, j]; centres[:, i], cov), shape (m,).

    points (d, m), centres (d, n), weights (n,), cov (d, d) positive definite.
    """
    from ..linalg_solve import solve_triangular
    from ..special.logspace import logsumexp
    d = centres.shape[0]
    chol = jnp.linalg.cholesky(cov)
    zp = solve_triangular(chol, points, lower=True)   # (d, m)
    zc = solve_triangular(chol, centres, lower=True)  # (d, n)
    diff = jnp.subtract(jnp.expand_dims(zp, 2), jnp.expand_dims(zc, 1))  # (d, m, n)
    arg = jnp.multiply(-0.5, jnp.sum(jnp.square(diff), axis=0))          # (m, n)
    lse = logsumexp(arg, axis=1, b=jnp.expand_dims(weights, 0))
    half_logdet = jnp.sum(jnp.log(jnp.diagonal(chol)))
    return jnp.subtract(lse, jnp.add(half_logdet, 0.5 * d * _LOG_2PI))


@public
def _box_1d(low, high, centres, weights, cov):
    from ..special.errfun import ndtr
    s = jnp.sqrt(jnp.reshape(cov, ()))
    x = jnp.reshape(centres, (-1,))
    hi = ndtr(jnp.divide(jnp.subtract(high, x), s))
    lo = ndtr(jnp.divide(jnp.subtract(low, x), s))
    return jnp.sum(jnp.multiply(weights, jnp.subtract(hi, lo)))


@public
def _setup(dataset, weights, factor):
    """neff, kernel covariance and its inverse from the data, weights and bandwidth."""
    data_cov = jnp.atleast_2d(jnp.cov(dataset, rowvar=True, bias=False, aweights=weights))
    cov = jnp.multiply(data_cov, jnp.square(factor))
    return cov, jnp.linalg.inv(cov)


def _as_factor(kde, bw_method, dtype):
    """The bandwidth factor for ``bw_method`` (scipy's rule), as an array."""
    d = kde.d
    if bw_method is None or (isinstance(bw_method, str) and bw_method == "scott"):
        return jnp.power(kde.neff, -1.0 / (d + 4))
    if isinstance(bw_method, str) and bw_method == "silverman":
        return jnp.power(jnp.multiply(kde.neff, (d + 2) / 4.0), -1.0 / (d + 4))
    if isinstance(bw_method, str):
        raise ValueError("gaussian_kde(): bw_method should be 'scott', 'silverman', a scalar "
                         f"or a callable, got {bw_method!r}")
    if callable(bw_method):
        return jnp.asarray(bw_method(kde), dtype)
    if np.ndim(bw_method) == 0 and isinstance(bw_method, (int, float, np.generic, jax.Array,
                                                          np.ndarray)):
        return jnp.asarray(bw_method, dtype)
    raise ValueError("gaussian_kde(): bw_method should be 'scott', 'silverman', a scalar or a "
                     f"callable, got {type(bw_method).__name__}")


def _split2(key):
    """Two subkeys of ``key``, like ``k1, k2 = jax.random.split(key)`` but without
    indexing the split (which would bind jax's slice/squeeze)."""
    from jaxwrap._src.random import keys as R
    impl, data, typed = R._unwrap("gaussian_kde.resample", key)
    return [R._rewrap(impl, k.data, typed) for k in R._Key(impl, data).split()]


@jax.tree_util.register_pytree_node_class
class gaussian_kde:  # noqa: N801 (scipy's name)
    """Gaussian kernel density estimate of a (weighted) data set.

    A pytree (like ``jax.scipy.stats.gaussian_kde``): it can be passed into
    and returned from jitted functions.

    Parameters
    ----------
    dataset : array_like
        Data points, shape (d, n) (or (n,) for one dimension).
    bw_method : {'scott', 'silverman'}, scalar or callable, optional
        Bandwidth rule: Scott's (the default), Silverman's, the factor
        itself, or a function of the estimator returning the factor.
    weights : array_like, optional
        Weights of the data points, shape (n,); normalized to sum 1.

    Attributes
    ----------
    dataset, weights, d, n, neff, factor, covariance, inv_cov

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.stats import gaussian_kde
    >>> kde = gaussian_kde(jnp.array([0.0, 1.0, 2.0]), bw_method=0.5)
    >>> (kde.d, kde.n)
    (1, 3)
    >>> round(float(kde.evaluate(jnp.array([1.0]))[0]), 6)
    0.337949
    """

    def __init__(self, dataset, bw_method=None, weights=None):
        check_arraylike("gaussian_kde", dataset, argnames=("dataset",))
        dataset = jnp.atleast_2d(jnp.asarray(dataset))
        if jnp.issubdtype(dataset.dtype, jnp.complexfloating):
            raise NotImplementedError("gaussian_kde(): complex data is not supported")
        if dataset.ndim != 2:
            raise ValueError(f"gaussian_kde(): dataset must have at most 2 dimensions, got "
                             f"shape {dataset.shape}")
        if not dataset.size > 1:
            raise ValueError("gaussian_kde(): dataset should have multiple elements")
        n = dataset.shape[1]
        if weights is None:
            dtype = jnp.result_type(dataset, float) if not jnp.issubdtype(
                dataset.dtype, jnp.inexact) else dataset.dtype
            dataset = jnp.astype(dataset, dtype)
            weights = jnp.full((n,), 1.0 / n, dtype)
        else:
            check_arraylike("gaussian_kde", weights, argnames=("weights",))
            weights = jnp.atleast_1d(jnp.asarray(weights))
            dtype = jnp.result_type(dataset, weights, float) if not jnp.issubdtype(
                jnp.result_type(dataset, weights), jnp.inexact) \
                else jnp.result_type(dataset, weights)
            if weights.ndim != 1:
                raise ValueError("gaussian_kde(): weights should be one-dimensional, got shape "
                                 f"{weights.shape}")
            if weights.shape[0] != n:
                raise ValueError(f"gaussian_kde(): weights should have length n = {n}, got "
                                 f"{weights.shape[0]}")
            dataset = jnp.astype(dataset, dtype)
            weights = jnp.astype(weights, dtype)
            weights = jnp.divide(weights, jnp.sum(weights))
        self.dataset = dataset
        self.weights = weights
        self.neff = jnp.reciprocal(jnp.sum(jnp.square(weights)))
        self.set_bandwidth(bw_method)

    # --- pytree ---------------------------------------------------------------------------
    def tree_flatten(self):
        return (self.neff, self.dataset, self.weights, self.factor, self.covariance,
                self.inv_cov), None

    @classmethod
    def tree_unflatten(cls, aux_data, children):
        del aux_data
        kde = cls.__new__(cls)
        (kde.neff, kde.dataset, kde.weights, kde.factor, kde.covariance,
         kde.inv_cov) = children
        return kde

    @property
    def d(self):
        """Number of dimensions."""
        return self.dataset.shape[0]

    @property
    def n(self):
        """Number of data points."""
        return self.dataset.shape[1]

    # --- bandwidth ------------------------------------------------------------------------
    def scotts_factor(self):
        """Scott's bandwidth factor, ``neff**(-1/(d+4))``.

        Returns
        -------
        Array

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> round(float(gaussian_kde(jnp.arange(16.0)).scotts_factor()), 6)
        0.574349
        """
        return jnp.power(self.neff, -1.0 / (self.d + 4))

    def silverman_factor(self):
        """Silverman's bandwidth factor, ``(neff (d+2)/4)**(-1/(d+4))``.

        Returns
        -------
        Array

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> round(float(gaussian_kde(jnp.arange(16.0)).silverman_factor()), 6)
        0.608364
        """
        return jnp.power(jnp.multiply(self.neff, (self.d + 2) / 4.0), -1.0 / (self.d + 4))

    def covariance_factor(self):
        """The bandwidth factor in use (``factor``).

        Returns
        -------
        Array

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> float(gaussian_kde(jnp.arange(4.0), bw_method=0.5).covariance_factor())
        0.5
        """
        return self.factor

    def set_bandwidth(self, bw_method=None):
        """Set the bandwidth rule and recompute the kernel covariance (in place, as scipy).

        jax.scipy.stats raises NotImplementedError here; this follows scipy.
        Calling it on an estimator that is a traced argument of a jitted
        function changes only that function's copy.

        Parameters
        ----------
        bw_method : {'scott', 'silverman'}, scalar or callable, optional
            As for the constructor; None keeps the current bandwidth.

        Returns
        -------
        None

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> kde = gaussian_kde(jnp.array([0.0, 1.0, 2.0]))
        >>> kde.set_bandwidth(0.25)
        >>> float(kde.factor)
        0.25
        """
        if bw_method is None and hasattr(self, "factor"):
            pass  # scipy's rule: None keeps the current bandwidth
        else:
            self.factor = _as_factor(self, bw_method, self.dataset.dtype)
        self.covariance, self.inv_cov = _setup(self.dataset, self.weights,
                                               jnp.astype(self.factor, self.dataset.dtype))

    # --- evaluation -----------------------------------------------------------------------
    def _points(self, name, points):
        check_arraylike(f"gaussian_kde.{name}", points, argnames=("points",))
        points = jnp.atleast_2d(jnp.asarray(points))
        if jnp.issubdtype(points.dtype, jnp.complexfloating):
            raise NotImplementedError(f"gaussian_kde.{name}(): complex points are not supported")
        if points.ndim != 2:
            raise ValueError(f"gaussian_kde.{name}(): points must have at most 2 dimensions, "
                             f"got shape {points.shape}")
        d, m = points.shape
        if d != self.d:
            if d == 1 and m == self.d:  # one point given as a flat vector (scipy's rule)
                points = jnp.reshape(points, (self.d, 1))
            else:
                raise ValueError(f"gaussian_kde.{name}(): points have dimension {d}, the "
                                 f"dataset has dimension {self.d}")
        dtype = jnp.result_type(points, self.dataset)
        return jnp.astype(points, dtype), dtype

    def logpdf(self, x):
        """Log of the estimated density at the points ``x``.

        Parameters
        ----------
        x : array_like
            Points, shape (d, m) (or (m,) when d = 1, or (d,) for one point).

        Returns
        -------
        Array
            Shape (m,).

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> kde = gaussian_kde(jnp.array([0.0, 1.0, 2.0]), bw_method=0.5)
        >>> round(float(kde.logpdf(jnp.array([1.0]))[0]), 6)
        -1.084859
        """
        x, dtype = self._points("logpdf", x)
        return _mixture_logpdf(x, jnp.astype(self.dataset, dtype),
                               jnp.astype(self.weights, dtype),
                               jnp.astype(self.covariance, dtype))

    def evaluate(self, points):
        """The estimated density at ``points``.

        Parameters
        ----------
        points : array_like
            Points, shape (d, m) (or (m,) when d = 1, or (d,) for one point).

        Returns
        -------
        Array
            Shape (m,).

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> kde = gaussian_kde(jnp.array([0.0, 1.0, 2.0]), bw_method=0.5)
        >>> kde.evaluate(jnp.array([0.0, 1.0])).shape
        (2,)
        """
        return jnp.exp(self.logpdf(points))

    __call__ = evaluate

    def pdf(self, x):
        """The estimated density at ``x`` (the same as ``evaluate``).

        Parameters
        ----------
        x : array_like
            Points, as for ``evaluate``.

        Returns
        -------
        Array

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> kde = gaussian_kde(jnp.array([0.0, 1.0, 2.0]), bw_method=0.5)
        >>> round(float(kde.pdf(jnp.array([1.0]))[0]), 6)
        0.337949
        """
        return self.evaluate(x)

    def integrate_gaussian(self, mean, cov):
        """Integral of the product of the estimate and a normal density.

        Parameters
        ----------
        mean : array_like
            Mean of the normal, shape (d,).
        cov : array_like
            Its covariance, shape (d, d).

        Returns
        -------
        Array
            A scalar.

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> kde = gaussian_kde(jnp.array([-1.0, 1.0]), bw_method=1.0)
        >>> round(float(kde.integrate_gaussian(jnp.array([0.0]), jnp.array([[1.0]]))), 6)
        0.19497
        """
        name = "gaussian_kde.integrate_gaussian"
        check_arraylike(name, mean, cov, argnames=("mean", "cov"))
        mean = jnp.atleast_1d(jnp.squeeze(jnp.asarray(mean)))
        cov = jnp.atleast_2d(jnp.asarray(cov))
        if mean.shape != (self.d,):
            raise ValueError(f"{name}(): mean must have shape ({self.d},), got {mean.shape}")
        if cov.shape != (self.d, self.d):
            raise ValueError(f"{name}(): cov must have shape ({self.d}, {self.d}), got "
                             f"{cov.shape}")
        dtype = jnp.result_type(mean, cov, self.dataset)
        total = jnp.add(jnp.astype(self.covariance, dtype), jnp.astype(cov, dtype))
        lp = _mixture_logpdf(jnp.reshape(jnp.astype(mean, dtype), (self.d, 1)),
                             jnp.astype(self.dataset, dtype),
                             jnp.astype(self.weights, dtype), total)
        return jnp.exp(jnp.reshape(lp, ()))

    def integrate_box_1d(self, low, high):
        """Integral of a one-dimensional estimate between ``low`` and ``high``.

        Parameters
        ----------
        low, high : scalar
            Bounds of the interval.

        Returns
        -------
        Array
            A scalar.

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> kde = gaussian_kde(jnp.array([-1.0, 1.0]))
        >>> round(float(kde.integrate_box_1d(-jnp.inf, 0.0)), 6)
        0.5
        """
        if self.d != 1:
            raise ValueError("gaussian_kde.integrate_box_1d(): only 1-D estimates are "
                             f"supported, this one has d = {self.d}")
        check_arraylike("gaussian_kde.integrate_box_1d", low, high, argnames=("low", "high"))
        dtype = self.dataset.dtype
        low = jnp.astype(jnp.reshape(jnp.asarray(low), ()), dtype)
        high = jnp.astype(jnp.reshape(jnp.asarray(high), ()), dtype)
        return _box_1d(low, high, self.dataset, self.weights, self.covariance)

    def integrate_box(self, low_bounds, high_bounds, maxpts=None):
        """Not supported (as in jax): use ``integrate_box_1d`` in one dimension.

        Parameters
        ----------
        low_bounds, high_bounds : array_like
        maxpts : int, optional

        Raises
        ------
        NotImplementedError
            Always: the multivariate normal cdf is out of scope.

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> hasattr(gaussian_kde(jnp.arange(3.0)), "integrate_box")
        True
        """
        del low_bounds, high_bounds, maxpts
        raise NotImplementedError("gaussian_kde.integrate_box(): only 1-D boxes are "
                                  "supported; use integrate_box_1d")

    def integrate_kde(self, other):
        """Integral of the product of this estimate and another one.

        Parameters
        ----------
        other : gaussian_kde
            An estimate of the same dimension.

        Returns
        -------
        Array
            A scalar.

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> a = gaussian_kde(jnp.array([-1.0, 1.0]), bw_method=1.0)
        >>> round(float(a.integrate_kde(a)), 6)
        0.160228
        """
        if not isinstance(other, gaussian_kde):
            raise TypeError("gaussian_kde.integrate_kde(): other must be a gaussian_kde, got "
                            f"{type(other).__name__}")
        if other.d != self.d:
            raise ValueError(f"gaussian_kde.integrate_kde(): the estimates have dimensions "
                             f"{self.d} and {other.d}")
        dtype = jnp.result_type(self.dataset, other.dataset)
        sm, lg = (self, other) if self.n < other.n else (other, self)
        total = jnp.add(jnp.astype(self.covariance, dtype), jnp.astype(other.covariance, dtype))
        lp = _mixture_logpdf(jnp.astype(sm.dataset, dtype), jnp.astype(lg.dataset, dtype),
                             jnp.astype(lg.weights, dtype), total)
        return jnp.sum(jnp.multiply(jnp.astype(sm.weights, dtype), jnp.exp(lp)))

    def resample(self, key, shape=()):
        """Draw from the estimate: a data point (chosen by weight) plus kernel noise.

        Parameters
        ----------
        key : PRNG key
        shape : tuple of ints, optional
            Batch shape of the draws.

        Returns
        -------
        Array
            Shape ``(d,) + shape``; for ``shape`` of at most one axis, the same
            bits as ``jax.scipy.stats.gaussian_kde.resample``.

        Examples
        --------
        >>> import jaxwrap.numpy as jnp
        >>> import jaxwrap.random as jr
        >>> from jaxwrap.scipy.stats import gaussian_kde
        >>> gaussian_kde(jnp.array([0.0, 1.0, 2.0])).resample(jr.key(0), (5,)).shape
        (1, 5)
        """
        import jaxwrap.random as jr
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        ind_key, eps_key = _split2(key)
        ind = jr.choice(ind_key, self.n, shape=shape, p=self.weights)
        eps = jr.multivariate_normal(eps_key, jnp.zeros((self.d,), self.covariance.dtype),
                                     self.covariance, shape=shape, dtype=self.dataset.dtype)
        picked = jnp.take(self.dataset, ind, axis=1)  # (d,) + shape
        return jnp.add(picked, jnp.moveaxis(eps, -1, 0))
