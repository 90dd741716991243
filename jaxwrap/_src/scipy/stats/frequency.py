"""Percentiles and frequency tables of scipy.stats: scoreatpercentile,
percentileofscore, cumfreq and relfreq.

Everything keeps static shapes: ``limit`` of scoreatpercentile masks values
to NaN and takes a NaN-ignoring quantile; the frequency tables bin with a
fixed ``numbins``.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ...numpy._util import check_arraylike, public
from .summary import _checked, _policy

__all__ = ["cumfreq", "percentileofscore", "relfreq", "scoreatpercentile"]


class CumfreqResult(NamedTuple):
    cumcount: jax.Array
    lowerlimit: jax.Array
    binsize: jax.Array
    extrapoints: jax.Array


class RelfreqResult(NamedTuple):
    frequency: jax.Array
    lowerlimit: jax.Array
    binsize: jax.Array
    extrapoints: jax.Array


_SCORE_METHODS = {"fraction": "linear", "lower": "lower", "higher": "higher"}


@public(static=("method", "axis", "limited"))
def _score(a, per, lo, hi, method, axis, limited):
    q = jnp.divide(jnp.astype(per, a.dtype), 100)
    if not limited:
        return jnp.quantile(a, q, axis=axis, method=method)
    keep = jnp.logical_and(jnp.greater_equal(a, lo), jnp.less_equal(a, hi))
    return jnp.nanquantile(jnp.where(keep, a, jnp.full_like(a, np.nan)), q, axis=axis,
                           method=method)


def scoreatpercentile(a, per, limit=(), interpolation_method="fraction", axis=None):
    """The value below which ``per`` percent of the data lie (scipy.stats.scoreatpercentile).

    Parameters
    ----------
    a : array_like
        Data; with ``limit`` it is flattened (``axis`` is ignored, as in scipy).
    per : array_like
        Percentiles in [0, 100]; an array gives one result per entry (first axes).
    limit : (lower, upper), optional
        Only values inside the closed interval are used.
    interpolation_method : {'fraction', 'lower', 'higher'}, optional
        'fraction' interpolates linearly between the neighbouring values.
    axis : int or None, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.scoreatpercentile(jnp.arange(1.0, 101.0), 50)), 3)
    50.5
    """
    a = _checked("scoreatpercentile", a, "propagate")
    check_arraylike("scoreatpercentile", per, argnames=("per",))
    if interpolation_method not in _SCORE_METHODS:
        raise ValueError("scoreatpercentile(): interpolation_method must be one of "
                         f"{tuple(_SCORE_METHODS)}, got {interpolation_method!r}")
    if limit and len(limit) != 2:
        raise ValueError(f"scoreatpercentile(): limit must be () or a pair, got {limit!r}")
    lo, hi = limit if limit else (None, None)
    if axis is None or limit:  # like scipy, a limit selects from the flattened data
        a, axis = jnp.ravel(a), 0
    return _score(a, per, lo, hi, _SCORE_METHODS[interpolation_method], axis, bool(limit))


_KINDS = ("rank", "weak", "strict", "mean")


@public(static=("kind", "nan_policy"))
def _pos(a, score, kind, nan_policy):
    s = jnp.ravel(score)
    col = jnp.expand_dims(a, 1)
    row = jnp.expand_dims(s, 0)
    dt = a.dtype
    left = jnp.astype(jnp.sum(jnp.less(col, row), axis=0), dt)
    right = jnp.astype(jnp.sum(jnp.less_equal(col, row), axis=0), dt)
    nan_a = jnp.isnan(a)
    if nan_policy == "omit":
        n = jnp.astype(jnp.sum(jnp.logical_not(nan_a)), dt)
    else:
        n = jnp.asarray(a.shape[0], dt)
    if kind == "rank":
        # ties share the average rank; a score not in the data counts half a step
        extra = jnp.astype(jnp.greater(right, left), dt)
        p = jnp.multiply(jnp.divide(jnp.add(jnp.add(left, right), extra), n), 50)
    elif kind == "weak":
        p = jnp.multiply(jnp.divide(right, n), 100)
    elif kind == "strict":
        p = jnp.multiply(jnp.divide(left, n), 100)
    else:
        p = jnp.multiply(jnp.divide(jnp.add(left, right), n), 50)
    bad = jnp.isnan(s)
    if nan_policy == "propagate":
        bad = jnp.logical_or(bad, jnp.any(nan_a))
    p = jnp.where(bad, jnp.full_like(p, np.nan), p)
    return jnp.reshape(p, jnp.shape(score))


def percentileofscore(a, score, kind="rank", nan_policy="propagate"):
    """Percentile rank of ``score`` relative to the data ``a``
    (scipy.stats.percentileofscore).

    Parameters
    ----------
    a : array_like
        1-D data.
    score : array_like
        Scores; the result has their shape.
    kind : {'rank', 'weak', 'strict', 'mean'}, optional
        'weak': percent of values <= score; 'strict': < score; 'mean': the
        average of the two; 'rank': ties get their average rank.
    nan_policy : {'propagate', 'omit', 'raise'}, optional

    Returns
    -------
    Array
        Percentages in [0, 100].

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.percentileofscore(jnp.array([1.0, 2.0, 3.0, 4.0]), 3.0))
    75.0
    """
    a = _checked("percentileofscore", a, nan_policy)
    check_arraylike("percentileofscore", score, argnames=("score",))
    if kind not in _KINDS:
        raise ValueError(f"percentileofscore(): kind must be one of {_KINDS}, got {kind!r}")
    _policy("percentileofscore", nan_policy)
    if a.ndim != 1:
        raise ValueError(f"percentileofscore(): a must be 1-D, got shape {a.shape}")
    score = jnp.asarray(score)
    dt = jnp.result_type(a, score)
    if not jnp.issubdtype(dt, jnp.inexact):
        dt = jnp.result_type(float)
    return _pos(jnp.astype(a, dt), jnp.astype(score, dt), kind, nan_policy)


@public(static=("numbins", "auto_limits"))
def _histogram(a, lo, hi, weights, numbins, auto_limits):
    if auto_limits:
        # the data range widened by half a bin each side (scipy's default limits)
        amin, amax = jnp.min(a), jnp.max(a)
        pad = jnp.divide(jnp.subtract(amax, amin), 2 * (numbins - 1))
        lo, hi = jnp.subtract(amin, pad), jnp.add(amax, pad)
    else:
        lo, hi = jnp.asarray(lo, a.dtype), jnp.asarray(hi, a.dtype)
    binsize = jnp.divide(jnp.subtract(hi, lo), numbins)
    inside = jnp.logical_and(jnp.greater_equal(a, lo), jnp.less_equal(a, hi))
    idx = jnp.floor(jnp.divide(jnp.subtract(a, lo), binsize))
    # the upper limit itself belongs to the last bin (a closed last bin, as np.histogram)
    idx = jnp.astype(jnp.clip(jnp.where(inside, idx, jnp.zeros_like(idx)), 0, numbins - 1),
                     jnp.int32)
    w = jnp.ones_like(a) if weights is None else jnp.astype(weights, a.dtype)
    w = jnp.where(inside, w, jnp.zeros_like(w))
    counts = jnp.bincount(idx, weights=w, length=numbins)
    extra = jnp.sum(jnp.logical_not(inside), dtype=jnp.result_type(int))
    return counts, lo, binsize, extra


def _freq_args(name, a, numbins, defaultreallimits, weights):
    a = jnp.ravel(_checked(name, a, "propagate"))
    if int(numbins) != numbins or numbins < 1:
        raise ValueError(f"{name}(): numbins must be a positive integer, got {numbins!r}")
    if weights is not None:
        check_arraylike(name, weights, argnames=("weights",))
        weights = jnp.ravel(jnp.asarray(weights))
        if weights.shape != a.shape:
            raise ValueError(f"{name}(): weights must have the size of a, got "
                             f"{weights.shape[0]} and {a.shape[0]}")
    if defaultreallimits is None:
        if numbins < 2:
            raise ValueError(f"{name}(): numbins must be at least 2 without "
                             "defaultreallimits")
        return a, None, None, weights, int(numbins), True
    lo, hi = defaultreallimits
    return a, lo, hi, weights, int(numbins), False


def cumfreq(a, numbins=10, defaultreallimits=None, weights=None):
    """Cumulative frequency histogram (scipy.stats.cumfreq).

    Parameters
    ----------
    a : array_like
        Data (flattened).
    numbins : int, optional
        Number of bins (static).
    defaultreallimits : (lower, upper), optional
        The histogram range; default the data range widened by half a bin
        on each side.
    weights : array_like, optional
        Weight of each value (default 1).

    Returns
    -------
    CumfreqResult
        ``(cumcount, lowerlimit, binsize, extrapoints)``; ``extrapoints`` is
        the number of values outside the range.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.cumfreq(jnp.array([1.0, 2.0, 2.0, 4.0]), numbins=3).cumcount.tolist()
    [1.0, 3.0, 4.0]
    """
    counts, lo, size, extra = _histogram(*_freq_args("cumfreq", a, numbins, defaultreallimits,
                                                     weights))
    return CumfreqResult(jnp.cumsum(counts), lo, size, extra)


def relfreq(a, numbins=10, defaultreallimits=None, weights=None):
    """Relative frequency histogram: bin counts over the number of values
    (scipy.stats.relfreq).

    Parameters
    ----------
    a : array_like
        Data (flattened).
    numbins : int, optional
        Number of bins (static).
    defaultreallimits : (lower, upper), optional
        The histogram range; default the data range widened by half a bin
        on each side.
    weights : array_like, optional
        Weight of each value (default 1).

    Returns
    -------
    RelfreqResult
        ``(frequency, lowerlimit, binsize, extrapoints)``; the counts are
        divided by ``len(a)`` (the first axis, as in scipy).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.relfreq(jnp.array([1.0, 2.0, 2.0, 4.0]), numbins=3).frequency.tolist()
    [0.25, 0.5, 0.25]
    """
    counts, lo, size, extra = _histogram(*_freq_args("relfreq", a, numbins,
                                                     defaultreallimits, weights))
    n = np.shape(a)[0] if np.ndim(a) else 1  # scipy divides by the length of the first axis
    return RelfreqResult(jnp.divide(counts, n), lo, size, extra)
