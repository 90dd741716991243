"""Descriptive statistics of scipy.stats beyond the moments: describe,
geometric z-score and std, spread (iqr, median_abs_deviation), k-statistics,
entropy and the Box-Cox / Yeo-Johnson log-likelihoods.

Axis, ``keepdims`` and ``nan_policy`` follow ``summary.py``: 'omit' masks
NaNs (static shapes, works under jit), 'raise' checks concrete inputs only.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import numpy as np

import jaxwrap.numpy as jnp
from jaxwrap.scipy import special as sp

from ...numpy._util import check_arraylike, public
from .summary import _central, _checked, _count, _flat, _kept, _kurtosis, _mask, _mean, _skew

__all__ = ["describe", "entropy", "gstd", "gzscore", "iqr", "kstat", "kstatvar",
           "median_abs_deviation", "boxcox_llf", "yeojohnson_llf"]


class DescribeResult(NamedTuple):
    nobs: object
    minmax: tuple
    mean: jax.Array
    variance: jax.Array
    skewness: jax.Array
    kurtosis: jax.Array


# --- describe -------------------------------------------------------------------------------
@public(static=("axis", "ddof", "bias", "nan_policy"))
def _describe(a, axis, ddof, bias, nan_policy):
    mask = _mask(a, nan_policy)
    if mask is None:
        lo, hi = jnp.min(a, axis=axis), jnp.max(a, axis=axis)
    else:
        lo, hi = jnp.nanmin(a, axis=axis), jnp.nanmax(a, axis=axis)
    mean = _mean(a, axis, mask, False)
    var = jnp.var(a, axis=axis, ddof=ddof, where=mask)
    sk = _skew(a, axis, bias, nan_policy, False)
    ku = _kurtosis(a, axis, True, bias, nan_policy, False)
    n = None if mask is None else jnp.sum(mask, axis=axis)
    return n, (lo, hi), mean, var, sk, ku


def describe(a, axis=0, ddof=1, bias=True, nan_policy="propagate"):
    """Number of observations, min/max, mean, variance, skewness and kurtosis
    (scipy.stats.describe).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
        None flattens.
    ddof : int, optional
        Delta degrees of freedom of the variance (default 1).
    bias : bool, optional
        False corrects skewness and kurtosis for statistical bias.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
        With 'omit', ``nobs`` is an integer array of the counts per slice.

    Returns
    -------
    DescribeResult
        Named tuple ``(nobs, minmax, mean, variance, skewness, kurtosis)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> r = st.describe(jnp.array([1.0, 2.0, 3.0, 4.0]))
    >>> r.nobs, float(r.mean), round(float(r.variance), 4)
    (4, 2.5, 1.6667)
    """
    a, axis = _flat(_checked("describe", a, nan_policy), axis)
    if a.ndim == 0:
        a, axis = jnp.reshape(a, (1,)), 0
    if not -a.ndim <= axis < a.ndim:
        raise np.exceptions.AxisError(f"describe(): axis {axis} is out of bounds for array "
                                      f"of dimension {a.ndim}")
    if a.shape[axis] == 0:
        raise ValueError("describe(): the input a must not be empty along axis")
    n, minmax, mean, var, sk, ku = _describe(a, axis % a.ndim, int(ddof), bool(bias),
                                             nan_policy)
    return DescribeResult(a.shape[axis] if n is None else n, minmax, mean, var, sk, ku)


# --- geometric z-score and standard deviation -------------------------------------------------
def gzscore(a, *, axis=0, ddof=0, nan_policy="propagate"):
    """Geometric z-score: the z-score of ``log(a)`` (scipy.stats.gzscore).

    Parameters
    ----------
    a : array_like
        Positive data.
    axis : int or None, optional
    ddof : int, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional

    Returns
    -------
    Array
        Shaped like ``a``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> [round(v, 4) for v in st.gzscore(jnp.array([1.0, 100.0])).tolist()]
    [-1.0, 1.0]
    """
    from .summary import zscore
    a = _checked("gzscore", a, nan_policy)
    return zscore(jnp.log(a), axis=axis, ddof=ddof, nan_policy=nan_policy)


@public(static=("axis", "ddof", "nan_policy", "keepdims"))
def _gstd(a, axis, ddof, nan_policy, keepdims):
    la = jnp.log(a)
    return jnp.exp(jnp.std(la, axis=axis, ddof=ddof, keepdims=keepdims,
                           where=_mask(la, nan_policy)))


def gstd(a, axis=0, ddof=1, *, keepdims=False, nan_policy="propagate"):
    """Geometric standard deviation, ``exp(std(log(a), ddof))`` (scipy.stats.gstd).

    Parameters
    ----------
    a : array_like
        Positive data (non-positive values give NaN).
    axis : int or None, optional
    ddof : int, optional
    keepdims : bool, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.gstd(jnp.array([1.0, 100.0]), ddof=0)), 6)
    10.0
    """
    a = _checked("gstd", a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    return _kept(_gstd(a, axis, int(ddof), nan_policy, bool(keepdims)), nd, none, keepdims)


# --- spread -----------------------------------------------------------------------------------
# scale='normal': the interquartile range and the median absolute deviation of the
# standard normal, 2 ndtri(3/4) and ndtri(3/4), as exact decimal constants
_IQR_NORMAL = 1.3489795003921634
_MAD_NORMAL = 0.6744897501960817
_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _scale(name, scale, normal):
    if isinstance(scale, str):
        if scale != "normal":
            raise ValueError(f"{name}(): scale must be a number or 'normal', got {scale!r}")
        return normal
    return scale


@public(static=("axis", "lo", "hi", "nan_policy", "interpolation", "keepdims"))
def _iqr(x, scale, axis, lo, hi, nan_policy, interpolation, keepdims):
    q = jnp.asarray([lo / 100.0, hi / 100.0], x.dtype)
    quant = jnp.nanquantile if nan_policy == "omit" else jnp.quantile
    pr = quant(x, q, axis=axis, method=interpolation, keepdims=keepdims)
    d = jnp.subtract(jnp.take(pr, 1, axis=0), jnp.take(pr, 0, axis=0))
    return jnp.divide(d, jnp.asarray(scale, x.dtype))


def iqr(x, axis=None, rng=(25, 75), scale=1.0, nan_policy="propagate",
        interpolation="linear", keepdims=False):
    """Interquartile range: the difference of the ``rng`` percentiles (scipy.stats.iqr).

    Parameters
    ----------
    x : array_like
    axis : int, tuple of ints or None, optional
    rng : pair of floats, optional
        The percentiles (static, in [0, 100]).
    scale : float or 'normal', optional
        The range is divided by it; 'normal' makes it a consistent estimator
        of the standard deviation of normal data.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    interpolation : {'linear', 'lower', 'higher', 'midpoint', 'nearest'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.iqr(jnp.arange(1.0, 6.0)))
    2.0
    """
    x = _checked("iqr", x, nan_policy, "x")
    if len(rng) != 2 or not 0 <= rng[0] <= rng[1] <= 100:
        raise ValueError(f"iqr(): rng must be two increasing percentiles in [0, 100], got {rng!r}")
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(f"iqr(): interpolation must be one of {_INTERPOLATIONS}, "
                         f"got {interpolation!r}")
    scale = _scale("iqr", scale, _IQR_NORMAL)
    if isinstance(axis, list):
        axis = tuple(axis)
    return _iqr(x, scale, axis, float(rng[0]), float(rng[1]), nan_policy, interpolation,
                bool(keepdims))


@public(static=("axis", "nan_policy", "keepdims"))
def _mad(x, center, scale, axis, nan_policy, keepdims):
    med = jnp.nanmedian if nan_policy == "omit" else jnp.median
    c = med(x, axis=axis, keepdims=True) if center is None else center
    dev = jnp.abs(jnp.subtract(x, c))
    return jnp.divide(med(dev, axis=axis, keepdims=keepdims), jnp.asarray(scale, x.dtype))


def median_abs_deviation(x, axis=0, center=None, scale=1.0, nan_policy="propagate", *,
                         keepdims=False):
    """Median absolute deviation from ``center`` (scipy.stats.median_abs_deviation).

    Parameters
    ----------
    x : array_like
    axis : int or None, optional
    center : callable, optional
        ``center(x, axis=axis, keepdims=True)``-compatible function giving the
        central value (called as ``center(x, axis=axis)``); default the median.
    scale : float or 'normal', optional
        The result is divided by it; 'normal' gives a consistent estimator
        of the standard deviation of normal data.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.median_abs_deviation(jnp.array([1.0, 2.0, 3.0, 4.0, 100.0])))
    1.0
    """
    x = _checked("median_abs_deviation", x, nan_policy, "x")
    nd, none = x.ndim, axis is None
    x, axis = _flat(x, axis)
    scale = _scale("median_abs_deviation", scale, _MAD_NORMAL)
    c = None
    if center is not None:
        if not callable(center):
            raise TypeError("median_abs_deviation(): center must be a callable")
        c = jnp.expand_dims(center(x, axis=axis), axis)
    return _kept(_mad(x, c, scale, axis, nan_policy, bool(keepdims)), nd, none, keepdims)


# --- k-statistics -------------------------------------------------------------------------------
@public(static=("order", "axis", "nan_policy", "keepdims"))
def _kstat(a, order, axis, nan_policy, keepdims):
    # Unbiased estimators of the cumulants (Kendall & Stuart, Advanced Theory of
    # Statistics vol. 1, sec. 12.9), written with central sums M_r = sum (x - mean)^r
    # instead of power sums: k_r is shift invariant for r >= 2, which removes the
    # cancellation of the power-sum form.
    mask = _mask(a, nan_policy)
    n = _count(a, axis, mask, keepdims)
    if order == 1:
        return _mean(a, axis, mask, keepdims)
    m2 = jnp.multiply(_central(a, 2, axis, mask, keepdims), n)
    n1, n2, n3 = (jnp.subtract(n, k) for k in (1, 2, 3))
    if order == 2:
        return jnp.divide(m2, n1)
    if order == 3:
        m3 = jnp.multiply(_central(a, 3, axis, mask, keepdims), n)
        return jnp.divide(jnp.multiply(n, m3), jnp.multiply(n1, n2))
    m4 = jnp.multiply(_central(a, 4, axis, mask, keepdims), n)
    num = jnp.subtract(jnp.multiply(jnp.multiply(n, jnp.add(n, 1)), m4),
                       jnp.multiply(jnp.multiply(3, n1), jnp.square(m2)))
    return jnp.divide(num, jnp.multiply(jnp.multiply(n1, n2), n3))


def _kstat_args(name, data, n, axis, nan_policy):
    data = _checked(name, data, nan_policy, "data")
    if n not in (1, 2, 3, 4):
        raise ValueError(f"{name}(): n must be 1, 2, 3 or 4, got {n!r}")
    return _flat(data, axis) + (data.ndim, axis is None)


def kstat(data, n=2, *, axis=None, nan_policy="propagate", keepdims=False):
    """The n-th k-statistic, the unbiased estimator of the n-th cumulant (scipy.stats.kstat).

    Parameters
    ----------
    data : array_like
    n : {1, 2, 3, 4}, optional
    axis : int or None, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.kstat(jnp.array([1.0, 2.0, 3.0, 4.0]))), 4)
    1.6667
    """
    data, axis, nd, none = _kstat_args("kstat", data, n, axis, nan_policy)
    return _kept(_kstat(data, int(n), axis, nan_policy, bool(keepdims)), nd, none, keepdims)


@public(static=("order", "axis", "nan_policy", "keepdims"))
def _kstatvar(data, order, axis, nan_policy, keepdims):
    n = _count(data, axis, _mask(data, nan_policy), keepdims)
    k2 = _kstat(data, 2, axis, nan_policy, keepdims)
    if order == 1:
        return jnp.divide(k2, n)
    # unbiased estimate of var(k2) from k2 and k4 (Kendall & Stuart, sec. 12.15)
    k4 = _kstat(data, 4, axis, nan_policy, keepdims)
    num = jnp.add(jnp.multiply(jnp.multiply(2, n), jnp.square(k2)),
                  jnp.multiply(jnp.subtract(n, 1), k4))
    return jnp.divide(num, jnp.multiply(n, jnp.add(n, 1)))


def kstatvar(data, n=2, *, axis=None, nan_policy="propagate", keepdims=False):
    """Unbiased estimate of the variance of the k-statistic ``kstat(data, n)``
    (scipy.stats.kstatvar).

    Parameters
    ----------
    data : array_like
    n : {1, 2}, optional
    axis : int or None, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.kstatvar(jnp.array([1.0, 2.0, 3.0, 4.0]), n=1)), 6)
    0.416667
    """
    if n not in (1, 2):
        raise ValueError(f"kstatvar(): n must be 1 or 2, got {n!r}")
    data, axis, nd, none = _kstat_args("kstatvar", data, n, axis, nan_policy)
    return _kept(_kstatvar(data, int(n), axis, nan_policy, bool(keepdims)), nd, none,
                 keepdims)


# --- entropy ------------------------------------------------------------------------------------
@public(static=("axis", "nan_policy", "keepdims"))
def _entropy(pk, qk, base, axis, nan_policy, keepdims):
    mask = _mask(pk, nan_policy)
    if qk is not None and mask is not None:
        mask = jnp.logical_and(mask, jnp.logical_not(jnp.isnan(qk)))

    def normalized(p):
        zero = jnp.zeros_like(p)
        p = p if mask is None else jnp.where(mask, p, zero)
        return jnp.divide(p, jnp.sum(p, axis=axis, keepdims=True))

    pk = normalized(pk)
    if qk is None:
        terms = sp.entr(pk)
    else:
        terms = sp.rel_entr(pk, normalized(qk))
    s = jnp.sum(terms, axis=axis, keepdims=keepdims, where=mask)
    if base is not None:
        s = jnp.divide(s, jnp.log(jnp.asarray(base, s.dtype)))
    return s


def entropy(pk, qk=None, base=None, axis=0, *, nan_policy="propagate", keepdims=False):
    """Shannon entropy of ``pk``, or the relative entropy (Kullback-Leibler
    divergence) of ``pk`` from ``qk`` (scipy.stats.entropy).

    ``pk`` and ``qk`` are normalized to sum to 1 along ``axis``.

    Parameters
    ----------
    pk : array_like
        Non-negative weights of a discrete distribution.
    qk : array_like, optional
        A second distribution, broadcastable with ``pk``.
    base : float, optional
        Logarithm base (default e).
    axis : int or None, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.entropy(jnp.array([1.0, 1.0]), base=2))
    1.0
    """
    pk = _checked("entropy", pk, nan_policy, "pk")
    if qk is not None:
        qk = _checked("entropy", qk, nan_policy, "qk")
        dt = jnp.result_type(pk, qk)
        shape = np.broadcast_shapes(pk.shape, qk.shape)
        pk = jnp.broadcast_to(jnp.astype(pk, dt), shape)
        qk = jnp.broadcast_to(jnp.astype(qk, dt), shape)
        if axis is None:
            qk = jnp.ravel(qk)
    nd, none = pk.ndim, axis is None
    pk, axis = _flat(pk, axis)
    return _kept(_entropy(pk, qk, base, axis, nan_policy, bool(keepdims)), nd, none, keepdims)


# --- power-transform log-likelihoods ------------------------------------------------------------
def _power(lmb, logx):
    """``(exp(lmb * logx) - 1) / lmb`` with its limit ``logx`` at lmb = 0 (expm1
    keeps it accurate for small lmb)."""
    zero = jnp.equal(lmb, 0)
    safe = jnp.where(zero, jnp.ones_like(lmb), lmb)
    return jnp.where(zero, logx, jnp.divide(jnp.expm1(jnp.multiply(safe, logx)), safe))


@public(static=("kind", "axis", "nan_policy", "keepdims"))
def _llf(kind, lmb, data, axis, nan_policy, keepdims):
    mask = _mask(data, nan_policy)
    lmb = jnp.asarray(lmb, data.dtype)
    if kind == "boxcox":
        # llf = (lmb - 1) sum log x - n/2 log var(y), y = boxcox(x, lmb) (Box & Cox 1964)
        logx = jnp.log(data)
        y, jac = _power(lmb, logx), logx
    else:
        # Yeo & Johnson (2000): log1p(|x|) on each side, lambda and 2 - lambda
        pos = jnp.greater_equal(data, 0)
        lp = jnp.log1p(jnp.abs(data))
        two = jnp.subtract(2, lmb)
        y = jnp.where(pos, _power(lmb, lp), jnp.negative(_power(two, lp)))
        jac = jnp.multiply(jnp.sign(data), lp)
    n = _count(data, axis, mask, keepdims)
    var = jnp.var(y, axis=axis, keepdims=keepdims, where=mask)
    s = jnp.sum(jac, axis=axis, keepdims=keepdims, where=mask)
    return jnp.subtract(jnp.multiply(jnp.subtract(lmb, 1), s),
                        jnp.multiply(jnp.multiply(n, 0.5), jnp.log(var)))


def _llf_args(name, lmb, data, axis, nan_policy):
    check_arraylike(name, lmb, argnames=("lmb",))
    data = _checked(name, data, nan_policy, "data")
    return _flat(data, axis) + (data.ndim, axis is None)


def boxcox_llf(lmb, data, *, axis=0, keepdims=False, nan_policy="propagate"):
    """Log-likelihood of the Box-Cox transformation with parameter ``lmb``
    (scipy.stats.boxcox_llf).

    Parameters
    ----------
    lmb : float
        The transformation parameter (may be traced).
    data : array_like
        Positive data.
    axis : int or None, optional
    keepdims : bool, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.boxcox_llf(1.0, jnp.array([1.0, 2.0, 3.0]))), 4)
    0.6082
    """
    data, axis, nd, none = _llf_args("boxcox_llf", lmb, data, axis, nan_policy)
    return _kept(_llf("boxcox", lmb, data, axis, nan_policy, bool(keepdims)), nd, none, keepdims)


def yeojohnson_llf(lmb, data, *, axis=0, nan_policy="propagate", keepdims=False):
    """Log-likelihood of the Yeo-Johnson transformation with parameter ``lmb``
    (scipy.stats.yeojohnson_llf).

    Parameters
    ----------
    lmb : float
        The transformation parameter (may be traced).
    data : array_like
    axis : int or None, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.yeojohnson_llf(1.0, jnp.array([-1.0, 0.0, 2.0]))), 4)
    -0.6627
    """
    data, axis, nd, none = _llf_args("yeojohnson_llf", lmb, data, axis, nan_policy)
    return _kept(_llf("yeojohnson", lmb, data, axis, nan_policy, bool(keepdims)), nd, none, keepdims)

