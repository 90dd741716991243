"""Summary statistics of scipy.stats: moments, means, mode and ranks.

Every reduction takes scipy's ``axis`` (``None`` flattens), ``keepdims`` and
``nan_policy``:

* ``'propagate'``: NaNs flow into the result, as numpy's reductions do;
* ``'omit'``: NaNs are masked out (``where=`` of the underlying reductions),
  so shapes stay static and the call works under jit;
* ``'raise'``: checked on concrete inputs only (a ValueError like scipy's);
  under tracing the values are unknown, so it raises a TypeError naming the
  function and the argument.

Differences from scipy: ``rankdata`` returns floats for every method (jax's
choice: scipy's result dtype depends on whether the data holds a NaN, which
a static-shape library cannot know).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import check_arraylike, public

__all__ = ["gmean", "hmean", "kurtosis", "mode", "moment", "pmean", "rankdata", "sem", "skew",
           "variation", "zmap", "zscore"]


class ModeResult(NamedTuple):
    mode: jax.Array
    count: jax.Array


# --- argument handling -----------------------------------------------------------------
_POLICIES = ("propagate", "omit", "raise")


def _policy(name: str, nan_policy: str) -> str:
    if nan_policy not in _POLICIES:
        raise ValueError(f"{name}(): nan_policy must be one of {_POLICIES}, got {nan_policy!r}")
    return nan_policy


def _checked(name: str, a, nan_policy: str, argname: str = "a"):
    """``a`` as an inexact array (ints promote like scipy); the 'raise' policy checked."""
    check_arraylike(name, a, argnames=(argname,))
    try:
        a = jnp.asarray(a)
    except OverflowError as e:   # a Python int beyond int32/int64: name this function
        raise OverflowError(f"{name}(): argument {argname!r}: {e}") from None
    if not jnp.issubdtype(a.dtype, jnp.inexact):
        a = jnp.astype(a, jnp.result_type(float))
    if _policy(name, nan_policy) == "raise":
        if isinstance(a, jax.core.Tracer):
            raise TypeError(f"{name}(): nan_policy='raise' needs concrete values of {argname}; "
                            "use 'propagate' or 'omit' under jit")
        if bool(np.isnan(np.asarray(a)).any()):
            raise ValueError(f"{name}(): the input {argname} contains NaN values")
    return a


def _flat(a, axis):
    """(a, axis) with axis=None turned into a flattened array and axis 0."""
    return (jnp.ravel(a), 0) if axis is None else (a, axis)


def _kept(out, ndim, axis_was_none, keepdims):
    """scipy's keepdims for axis=None: every input axis kept, each of length 1."""
    return jnp.reshape(out, (1,) * ndim) if axis_was_none and keepdims and ndim else out


def _mask(a, nan_policy):
    return jnp.logical_not(jnp.isnan(a)) if nan_policy == "omit" else None


def _count(a, axis, mask, keepdims):
    if mask is None:
        n = a.shape[axis] if a.ndim else 1
        return jnp.full(jnp.sum(a, axis=axis, keepdims=keepdims).shape, n, a.dtype)
    return jnp.astype(jnp.sum(mask, axis=axis, keepdims=keepdims), a.dtype)


def _mean(a, axis, mask, keepdims):
    return jnp.mean(a, axis=axis, keepdims=keepdims, where=mask)


def _central(a, order: int, axis, mask, keepdims, center=None):
    """The ``order``-th central moment (about ``center``, default the mean)."""
    c = _mean(a, axis, mask, True) if center is None else jnp.asarray(center, a.dtype)
    d = jnp.subtract(a, c)
    return jnp.mean(jnp.power(d, order), axis=axis, keepdims=keepdims, where=mask)


# --- moments -----------------------------------------------------------------------------
@public(static=("order", "axis", "nan_policy", "keepdims"))
def _moment(a, center, order, axis, nan_policy, keepdims):
    mask = _mask(a, nan_policy)
    if order == 0:
        return jnp.ones_like(_mean(a, axis, mask, keepdims))
    if order == 1 and center is None:
        m = _mean(a, axis, mask, keepdims)
        # exactly 0 like scipy, NaN where the data has one (propagate)
        return jnp.where(jnp.isnan(m), m, jnp.zeros_like(m))
    return _central(a, order, axis, mask, keepdims, center)


def moment(a, order=1, axis=0, nan_policy="propagate", *, center=None, keepdims=False):
    """Central moment of ``a`` of a given order (scipy.stats.moment).

    Parameters
    ----------
    a : array_like
        Data.
    order : int, optional
        Order of the moment (static). Order 1 about the mean is 0.
    axis : int or None, optional
        Axis along which to compute; None flattens.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    center : array_like, optional
        Point about which the moment is taken (default: the mean).
    keepdims : bool, optional

    Returns
    -------
    Array
        ``mean((a - center) ** order)`` along ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.moment(jnp.array([1.0, 2.0, 3.0, 4.0]), order=2))
    1.25
    """
    a = _checked("moment", a, nan_policy)
    if isinstance(order, (list, tuple)):
        return jnp.stack([moment(a, o, axis, nan_policy, center=center, keepdims=keepdims)
                          for o in order])
    if int(order) != order or order < 0:
        raise ValueError(f"moment(): order must be a non-negative integer, got {order!r}")
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    return _kept(_moment(a, center, int(order), axis, nan_policy, keepdims), nd, none, keepdims)


@public(static=("axis", "bias", "nan_policy", "keepdims"))
def _skew(a, axis, bias, nan_policy, keepdims):
    mask = _mask(a, nan_policy)
    m2 = _central(a, 2, axis, mask, keepdims)
    m3 = _central(a, 3, axis, mask, keepdims)
    g1 = jnp.divide(m3, jnp.power(m2, 1.5))
    if bias:
        return g1
    n = _count(a, axis, mask, keepdims)
    # G1 = sqrt(n (n - 1)) / (n - 2) g1, defined for n > 2 (Joanes & Gill 1998)
    adj = jnp.divide(jnp.sqrt(jnp.multiply(n, jnp.subtract(n, 1))), jnp.subtract(n, 2))
    return jnp.where(jnp.greater(n, 2), jnp.multiply(adj, g1), g1)


def skew(a, axis=0, bias=True, nan_policy="propagate", *, keepdims=False):
    """Sample skewness, ``m3 / m2**1.5`` (scipy.stats.skew).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    bias : bool, optional
        False applies the adjusted Fisher-Pearson correction.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.skew(jnp.array([1.0, 2.0, 10.0]))), 4)
    0.6746
    """
    a = _checked("skew", a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    return _kept(_skew(a, axis, bool(bias), nan_policy, keepdims), nd, none, keepdims)


@public(static=("axis", "fisher", "bias", "nan_policy", "keepdims"))
def _kurtosis(a, axis, fisher, bias, nan_policy, keepdims):
    mask = _mask(a, nan_policy)
    m2 = _central(a, 2, axis, mask, keepdims)
    m4 = _central(a, 4, axis, mask, keepdims)
    b2 = jnp.divide(m4, jnp.square(m2))
    if not bias:
        n = _count(a, axis, mask, keepdims)
        # G2 = ((n + 1) g2 + 6) (n - 1) / ((n - 2)(n - 3)), g2 = b2 - 3, for n > 3
        g2 = jnp.subtract(b2, 3)
        num = jnp.multiply(jnp.add(jnp.multiply(jnp.add(n, 1), g2), 6), jnp.subtract(n, 1))
        den = jnp.multiply(jnp.subtract(n, 2), jnp.subtract(n, 3))
        b2 = jnp.where(jnp.greater(n, 3), jnp.add(jnp.divide(num, den), 3), b2)
    return jnp.subtract(b2, 3) if fisher else b2


def kurtosis(a, axis=0, fisher=True, bias=True, nan_policy="propagate", *, keepdims=False):
    """Sample kurtosis, ``m4 / m2**2`` (minus 3 if ``fisher``) (scipy.stats.kurtosis).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    fisher : bool, optional
        True gives the excess kurtosis (0 for a normal distribution).
    bias : bool, optional
        False applies the unbiased (k-statistic based) correction.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.kurtosis(jnp.array([1.0, 2.0, 3.0, 4.0]))), 4)
    -1.36
    """
    a = _checked("kurtosis", a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    return _kept(_kurtosis(a, axis, bool(fisher), bool(bias), nan_policy, keepdims), nd, none,
                 keepdims)


@public(static=("axis", "ddof", "nan_policy", "keepdims"))
def _sem(a, axis, ddof, nan_policy, keepdims):
    mask = _mask(a, nan_policy)
    n = _count(a, axis, mask, keepdims)
    sd = jnp.std(a, axis=axis, ddof=ddof, keepdims=keepdims, where=mask)
    return jnp.divide(sd, jnp.sqrt(n))


def sem(a, axis=0, ddof=1, nan_policy="propagate", *, keepdims=False):
    """Standard error of the mean, ``std(a, ddof) / sqrt(n)`` (scipy.stats.sem).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    ddof : int, optional
        Delta degrees of freedom of the standard deviation (default 1).
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.sem(jnp.array([1.0, 2.0, 3.0, 4.0]))), 5)
    0.6455
    """
    a = _checked("sem", a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    return _kept(_sem(a, axis, int(ddof), nan_policy, keepdims), nd, none, keepdims)


@public(static=("axis", "ddof", "nan_policy"))
def _zmap(scores, compare, axis, ddof, nan_policy):
    mask = _mask(compare, nan_policy)
    mn = _mean(compare, axis, mask, True)
    sd = jnp.std(compare, axis=axis, ddof=ddof, keepdims=True, where=mask)
    return jnp.divide(jnp.subtract(scores, mn), sd)


def zmap(scores, compare, axis=0, ddof=0, nan_policy="propagate"):
    """Z-scores of ``scores`` relative to the mean and std of ``compare`` (scipy.stats.zmap).

    Parameters
    ----------
    scores, compare : array_like
    axis : int or None, optional
    ddof : int, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional

    Returns
    -------
    Array
        Shaped like ``scores``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.zmap(jnp.array([2.0]), jnp.array([1.0, 3.0])).tolist()
    [0.0]
    """
    scores = _checked("zmap", scores, "propagate", "scores")
    compare = _checked("zmap", compare, nan_policy, "compare")
    scores, compare = jnp.asarray(scores), jnp.asarray(compare)
    dt = jnp.result_type(scores, compare)
    scores, compare = jnp.astype(scores, dt), jnp.astype(compare, dt)
    if axis is None:
        return _zmap(scores, jnp.ravel(compare), 0, int(ddof), nan_policy)
    return _zmap(scores, compare, axis, int(ddof), nan_policy)


def zscore(a, axis=0, ddof=0, nan_policy="propagate"):
    """Z-score of each value: ``(a - mean) / std`` along ``axis`` (scipy.stats.zscore).

    Parameters
    ----------
    a : array_like
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
    >>> st.zscore(jnp.array([1.0, 3.0])).tolist()
    [-1.0, 1.0]
    """
    a = _checked("zscore", a, nan_policy)
    return zmap(a, a, axis=axis, ddof=ddof, nan_policy=nan_policy)


def variation(a, axis=0, nan_policy="propagate", ddof=0, *, keepdims=False):
    """Coefficient of variation, ``std(a, ddof) / mean(a)`` (scipy.stats.variation).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    ddof : int, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.variation(jnp.array([1.0, 3.0])))
    0.5
    """
    a = _checked("variation", a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    return _kept(_variation(a, axis, nan_policy, int(ddof), keepdims), nd, none, keepdims)


@public(static=("axis", "nan_policy", "ddof", "keepdims"))
def _variation(a, axis, nan_policy, ddof, keepdims):
    mask = _mask(a, nan_policy)
    sd = jnp.std(a, axis=axis, ddof=ddof, keepdims=keepdims, where=mask)
    return jnp.divide(sd, _mean(a, axis, mask, keepdims))


# --- generalized means ---------------------------------------------------------------------
@public(static=("axis", "nan_policy", "keepdims"))
def _weighted_mean(x, weights, axis, nan_policy, keepdims):
    mask = _mask(x, nan_policy)
    if weights is None:
        return _mean(x, axis, mask, keepdims)
    w = jnp.broadcast_to(jnp.astype(weights, x.dtype), x.shape)
    if mask is not None:
        w = jnp.where(mask, w, jnp.zeros_like(w))
        x = jnp.where(mask, x, jnp.zeros_like(x))
    return jnp.divide(jnp.sum(jnp.multiply(w, x), axis=axis, keepdims=keepdims),
                      jnp.sum(w, axis=axis, keepdims=keepdims))


def _means_args(name, a, dtype, weights, nan_policy, axis):
    a = _checked(name, a, nan_policy)
    if dtype is not None:
        a = jnp.astype(a, dtype)
    if weights is not None:
        check_arraylike(name, weights, argnames=("weights",))
        weights = jnp.asarray(weights)
        if axis is None:
            weights = jnp.ravel(jnp.broadcast_to(weights, a.shape))
    a, axis = _flat(a, axis)
    return a, weights, axis


def pmean(a, p, *, axis=0, dtype=None, weights=None, nan_policy="propagate", keepdims=False):
    """Power mean ``(sum w a**p / sum w) ** (1/p)`` (scipy.stats.pmean); p = 0 is ``gmean``.

    Parameters
    ----------
    a : array_like
        Non-negative data.
    p : float
        The power (static).
    axis : int or None, optional
    dtype : dtype, optional
    weights : array_like, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.pmean(jnp.array([1.0, 3.0]), 2.0)) ** 2, 4)
    5.0
    """
    if isinstance(p, (int, float, np.number)) and float(p) == 0.0:
        return gmean(a, axis=axis, dtype=dtype, weights=weights, nan_policy=nan_policy,
                     keepdims=keepdims)
    check_arraylike("pmean", p, argnames=("p",))
    nd, none = jnp.ndim(a), axis is None
    a, weights, axis = _means_args("pmean", a, dtype, weights, nan_policy, axis)
    out = _pmean(a, jnp.asarray(p, a.dtype), weights, axis, nan_policy, keepdims)
    return _kept(out, nd, none, keepdims)


@public(static=("axis", "nan_policy", "keepdims"))
def _pmean(a, p, weights, axis, nan_policy, keepdims):
    # p may be traced: the power mean, with its p -> 0 limit (gmean) where p is 0
    zero = jnp.equal(p, 0)
    safe_p = jnp.where(zero, jnp.ones_like(p), p)
    powered = _weighted_mean(jnp.power(a, safe_p), weights, axis, nan_policy, keepdims)
    geo = jnp.exp(_weighted_mean(jnp.log(a), weights, axis, nan_policy, keepdims))
    return jnp.where(zero, geo, jnp.power(powered, jnp.reciprocal(safe_p)))


def gmean(a, axis=0, dtype=None, weights=None, *, nan_policy="propagate", keepdims=False):
    """Weighted geometric mean, ``exp(mean(log a))`` (scipy.stats.gmean).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    dtype : dtype, optional
    weights : array_like, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.gmean(jnp.array([1.0, 4.0])))
    2.0
    """
    nd, none = jnp.ndim(a), axis is None
    a, weights, axis = _means_args("gmean", a, dtype, weights, nan_policy, axis)
    out = jnp.exp(_weighted_mean(jnp.log(a), weights, axis, nan_policy, keepdims))
    return _kept(out, nd, none, keepdims)


def hmean(a, axis=0, dtype=None, *, weights=None, nan_policy="propagate", keepdims=False):
    """Weighted harmonic mean, ``1 / mean(1 / a)`` (scipy.stats.hmean).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    dtype : dtype, optional
    weights : array_like, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.hmean(jnp.array([1.0, 4.0, 4.0])))
    2.0
    """
    nd, none = jnp.ndim(a), axis is None
    a, weights, axis = _means_args("hmean", a, dtype, weights, nan_policy, axis)
    out = jnp.reciprocal(_weighted_mean(jnp.reciprocal(a), weights, axis, nan_policy, keepdims))
    return _kept(out, nd, none, keepdims)


# --- mode and ranks -------------------------------------------------------------------------
def _rows(a, axis):
    """``a`` with ``axis`` last, flattened to (rows, n), and the shape of the rows."""
    a = jnp.moveaxis(a, axis, -1)
    lead = a.shape[:-1]
    return jnp.reshape(a, (math.prod(lead), a.shape[-1])), lead


def _tie_groups(s, same_as_previous):
    """For rows ``s`` sorted along the last axis: the first and last index (in
    sorted order) of each element's group of equal values.

    ``same_as_previous`` (rows, n - 1) says where s[i] equals s[i - 1].  Group
    starts are carried forward with a running max, group ends backward with a
    running min, so the whole computation is batched and O(n).
    """
    rows, n = s.shape
    idx = jnp.broadcast_to(jnp.arange(n), (rows, n))
    first = jnp.ones((rows, 1), bool)
    starts = jnp.concatenate([first, jnp.logical_not(same_as_previous)], axis=1)
    ends = jnp.concatenate([jnp.logical_not(same_as_previous), first], axis=1)
    lo = L.cummax(jnp.where(starts, idx, jnp.zeros_like(idx)), 1)
    hi = L.cummin(jnp.where(ends, idx, jnp.full_like(idx, n - 1)), 1, reverse=True)
    return lo, hi, starts


def _neighbours_equal(s, nan_equal):
    n = s.shape[-1]
    rows = s.shape[0]
    later, earlier = L.slice(s, (0, 1), (rows, n)), L.slice(s, (0, 0), (rows, n - 1))
    same = jnp.equal(later, earlier)
    if nan_equal and jnp.issubdtype(s.dtype, jnp.inexact):
        same = jnp.logical_or(same, jnp.logical_and(jnp.isnan(later), jnp.isnan(earlier)))
    return same


@public(static=("axis", "keepdims"))
def _mode(a, axis, keepdims):
    rows, lead = _rows(a, axis)
    n = rows.shape[-1]
    cdt = jnp.result_type(int)
    shape = list(lead)
    if keepdims:
        shape.insert(axis, 1)
    shape = tuple(shape)
    if n == 0:  # scipy: NaN with count 0
        return ModeResult(jnp.full(shape, jnp.nan, a.dtype), jnp.zeros(shape, cdt))
    s = jnp.sort(rows, axis=-1)  # NaNs sort last and count as one value, as in scipy
    lo, hi, _ = _tie_groups(s, _neighbours_equal(s, nan_equal=True))
    cnt = jnp.add(jnp.subtract(hi, lo), 1)
    i = jnp.argmax(cnt, axis=-1, keepdims=True)  # first maximum: the smallest tied mode
    m = jnp.take_along_axis(s, i, axis=-1)
    c = jnp.astype(jnp.take_along_axis(cnt, i, axis=-1), cdt)
    return ModeResult(jnp.reshape(m, shape), jnp.reshape(c, shape))


def mode(a, axis=0, nan_policy="propagate", keepdims=False):
    """Most common value along ``axis`` and its count (scipy.stats.mode).

    Ties give the smallest value; NaNs count as one value (scipy's rule).

    Parameters
    ----------
    a : array_like
    axis : int or None, optional
    nan_policy : {'propagate'}, optional
        Only 'propagate' (like jax.scipy.stats.mode); 'omit' would need a
        data-dependent number of values.
    keepdims : bool, optional

    Returns
    -------
    ModeResult
        Named tuple ``(mode, count)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.mode(jnp.array([3, 1, 3, 2])).mode.tolist()
    3
    """
    check_arraylike("mode", a, argnames=("a",))
    if nan_policy != "propagate":
        _policy("mode", nan_policy)
        raise NotImplementedError(f"mode(): nan_policy={nan_policy!r} is not supported; "
                                  "use 'propagate'")
    a = jnp.asarray(a)
    if axis is None:
        res = _mode(jnp.ravel(a), 0, False)
        if keepdims:  # scipy keeps every axis of the input, each of length 1
            res = ModeResult(*(jnp.reshape(r, (1,) * a.ndim) for r in res))
        return res
    if a.ndim == 0:
        a = jnp.reshape(a, (1,))
    if not -a.ndim <= axis < a.ndim:
        raise np.exceptions.AxisError(f"mode(): axis {axis} is out of bounds for array of "
                                      f"dimension {a.ndim}")
    return _mode(a, int(axis) % a.ndim, bool(keepdims))


_RANK_METHODS = ("average", "min", "max", "dense", "ordinal")


@public(static=("method", "axis", "nan_policy"))
def _rankdata(a, method, axis, nan_policy):
    rows, lead = _rows(a, axis)
    n = rows.shape[-1]
    fdt = jnp.result_type(float)
    order = jnp.argsort(rows, axis=-1, stable=True)
    where_sorted = jnp.argsort(order, axis=-1, stable=True)  # inverse permutation
    if method == "ordinal":
        rank = jnp.astype(jnp.add(where_sorted, 1), fdt)
    else:
        s = jnp.take_along_axis(rows, order, axis=-1)
        lo, hi, starts = _tie_groups(s, _neighbours_equal(s, nan_equal=False))
        if method == "min":
            r = jnp.add(lo, 1)
        elif method == "max":
            r = jnp.add(hi, 1)
        elif method == "average":
            r = jnp.multiply(jnp.astype(jnp.add(jnp.add(lo, hi), 2), fdt), 0.5)
        else:  # dense: the number of groups up to this one
            r = jnp.cumsum(jnp.astype(starts, fdt), axis=-1)
        rank = jnp.astype(jnp.take_along_axis(r, where_sorted, axis=-1), fdt)
    if jnp.issubdtype(a.dtype, jnp.inexact):
        nan = jnp.isnan(rows)
        if nan_policy == "omit":
            rank = jnp.where(nan, jnp.full_like(rank, jnp.nan), rank)
        else:  # propagate: a NaN makes the whole slice NaN
            rank = jnp.where(jnp.any(nan, axis=-1, keepdims=True), jnp.full_like(rank, jnp.nan),
                             rank)
    out = jnp.reshape(rank, lead + (n,))
    return jnp.moveaxis(out, -1, axis)


def rankdata(a, method="average", *, axis=None, nan_policy="propagate"):
    """Ranks of the data, 1 for the smallest (scipy.stats.rankdata).

    Parameters
    ----------
    a : array_like
    method : {'average', 'min', 'max', 'dense', 'ordinal'}, optional
        How ties are ranked.
    axis : int or None, optional
        None ranks the flattened array.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
        'propagate' gives NaN ranks for a slice holding a NaN; 'omit' ranks
        the other values and gives NaN at the NaNs.

    Returns
    -------
    Array
        Float ranks (see the module notes), shaped like ``a`` (flat for
        ``axis=None``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.rankdata(jnp.array([3.0, 1.0, 3.0, 2.0])).tolist()
    [3.5, 1.0, 3.5, 2.0]
    """
    check_arraylike("rankdata", a, argnames=("a",))
    if method not in _RANK_METHODS:
        raise ValueError(f"rankdata(): method must be one of {_RANK_METHODS}, got {method!r}")
    a = jnp.asarray(a)
    if _policy("rankdata", nan_policy) == "raise":
        _checked("rankdata", a, "raise")
    if axis is None:
        a, axis = jnp.ravel(a), 0
    if a.ndim == 0:
        a = jnp.reshape(a, (1,))
    if not -a.ndim <= axis < a.ndim:
        raise np.exceptions.AxisError(f"rankdata(): axis {axis} is out of bounds for array of "
                                      f"dimension {a.ndim}")
    if a.size == 0:
        return jnp.zeros(a.shape, jnp.result_type(float))
    return _rankdata(a, method, axis % a.ndim, nan_policy)
