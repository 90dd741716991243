"""Trimmed statistics of scipy.stats: tmean/tvar/tstd/tsem/tmin/tmax (values
outside ``limits`` masked out) and trim_mean/trim1/trimboth (a static
proportion cut from the sorted data).

Masking keeps shapes static, so everything works under jit; the limits may
be traced.  ``trim1``/``trimboth`` return the kept values sorted (scipy's
order is unspecified).
"""

from __future__ import annotations

import numpy as np

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import check_arraylike, public
from .descriptive import _kept
from .summary import _checked, _flat

__all__ = ["tmax", "tmean", "tmin", "trim1", "trim_mean", "trimboth", "tsem", "tstd", "tvar"]


def _slice_in_dim(a, start, stop, axis):
    lo = [0] * a.ndim
    hi = list(a.shape)
    lo[axis], hi[axis] = start, stop
    return L.slice(a, tuple(lo), tuple(hi))


def _within(a, lo, hi, inc_lo, inc_hi, nan_policy):
    """Mask of the values inside the limits; NaNs stay in under 'propagate'."""
    keep = jnp.ones(a.shape, bool)
    if lo is not None:
        keep = jnp.logical_and(keep, (jnp.greater_equal if inc_lo else jnp.greater)(a, lo))
    if hi is not None:
        keep = jnp.logical_and(keep, (jnp.less_equal if inc_hi else jnp.less)(a, hi))
    if nan_policy != "omit" and jnp.issubdtype(a.dtype, jnp.inexact):
        keep = jnp.logical_or(keep, jnp.isnan(a))
    return keep


@public(static=("stat", "inclusive", "axis", "ddof", "nan_policy", "keepdims"))
def _tstat(stat, a, lo, hi, inclusive, axis, ddof, nan_policy, keepdims):
    keep = _within(a, lo, hi, inclusive[0], inclusive[1], nan_policy)
    if stat == "mean":
        return jnp.mean(a, axis=axis, keepdims=keepdims, where=keep)
    sd = jnp.var(a, axis=axis, ddof=ddof, keepdims=keepdims, where=keep)
    if stat == "var":
        return sd
    sd = jnp.sqrt(sd)
    if stat == "std":
        return sd
    n = jnp.astype(jnp.sum(keep, axis=axis, keepdims=keepdims), a.dtype)
    return jnp.divide(sd, jnp.sqrt(n))


def _targs(name, a, limits, inclusive, axis, nan_policy):
    a = _checked(name, a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    if limits is None:
        lo = hi = None
    else:
        if len(limits) != 2:
            raise ValueError(f"{name}(): limits must be a pair (lower, upper), got {limits!r}")
        lo, hi = limits
    if len(inclusive) != 2:
        raise ValueError(f"{name}(): inclusive must be a pair of bools, got {inclusive!r}")
    return a, lo, hi, (bool(inclusive[0]), bool(inclusive[1])), axis, nd, none


_TDOC = """Trimmed {what} of the values inside ``limits`` (scipy.stats.t{name}).

    Parameters
    ----------
    a : array_like
    limits : (lower, upper) or None, optional
        Values outside are ignored; either bound may be None.
    inclusive : (bool, bool), optional
        Whether values equal to each bound are kept.
    axis : int or None, optional{ddof}
    nan_policy : {{'propagate', 'omit', 'raise'}}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.t{name}(jnp.arange(10.0), (2, 7))), 6)
    {example}
    """
_DDOF = "\n    ddof : int, optional\n        Delta degrees of freedom (default 1)."


def tmean(a, limits=None, inclusive=(True, True), axis=None, *, nan_policy="propagate",
          keepdims=False):
    a, lo, hi, inc, axis, nd, none = _targs("tmean", a, limits, inclusive, axis, nan_policy)
    return _kept(_tstat("mean", a, lo, hi, inc, axis, 0, nan_policy, bool(keepdims)), nd,
                 none, keepdims)


def tvar(a, limits=None, inclusive=(True, True), axis=0, ddof=1, *, nan_policy="propagate",
         keepdims=False):
    a, lo, hi, inc, axis, nd, none = _targs("tvar", a, limits, inclusive, axis, nan_policy)
    return _kept(_tstat("var", a, lo, hi, inc, axis, int(ddof), nan_policy, bool(keepdims)), nd,
                 none, keepdims)


def tstd(a, limits=None, inclusive=(True, True), axis=0, ddof=1, *, nan_policy="propagate",
         keepdims=False):
    a, lo, hi, inc, axis, nd, none = _targs("tstd", a, limits, inclusive, axis, nan_policy)
    return _kept(_tstat("std", a, lo, hi, inc, axis, int(ddof), nan_policy, bool(keepdims)), nd,
                 none, keepdims)


def tsem(a, limits=None, inclusive=(True, True), axis=0, ddof=1, *, nan_policy="propagate",
         keepdims=False):
    a, lo, hi, inc, axis, nd, none = _targs("tsem", a, limits, inclusive, axis, nan_policy)
    return _kept(_tstat("sem", a, lo, hi, inc, axis, int(ddof), nan_policy, bool(keepdims)), nd,
                 none, keepdims)


tmean.__doc__ = _TDOC.format(what="mean", name="mean", ddof="", example="4.5")
tvar.__doc__ = _TDOC.format(what="variance", name="var", ddof=_DDOF, example="3.5")
tstd.__doc__ = _TDOC.format(what="standard deviation", name="std", ddof=_DDOF,
                            example="1.870829")
tsem.__doc__ = _TDOC.format(what="standard error of the mean", name="sem", ddof=_DDOF,
                            example="0.763763")


@public(static=("largest", "axis", "inclusive", "nan_policy", "keepdims"))
def _textreme(a, bound, largest, axis, inclusive, nan_policy, keepdims):
    if largest:
        keep = _within(a, None, bound, True, inclusive, nan_policy)
    else:
        keep = _within(a, bound, None, inclusive, True, nan_policy)
    if jnp.issubdtype(a.dtype, jnp.inexact):
        fill = -np.inf if largest else np.inf
    else:
        info = jnp.iinfo(a.dtype)
        fill = info.min if largest else info.max
    red = jnp.max if largest else jnp.min
    out = red(jnp.where(keep, a, jnp.full_like(a, fill)), axis=axis, keepdims=keepdims)
    if jnp.issubdtype(a.dtype, jnp.inexact):  # NaN where no value is within the limit
        out = jnp.where(jnp.any(keep, axis=axis, keepdims=keepdims), out,
                        jnp.full_like(out, np.nan))
    return out


def _textreme_args(name, a, axis, nan_policy):
    check_arraylike(name, a, argnames=("a",))
    a = jnp.asarray(a)
    if jnp.issubdtype(a.dtype, jnp.inexact) or nan_policy != "propagate":
        _checked(name, a, nan_policy)
    return _flat(a, axis) + (a.ndim, axis is None)


def tmin(a, lowerlimit=None, axis=0, inclusive=True, nan_policy="propagate", *,
         keepdims=False):
    """Minimum of the values above ``lowerlimit`` (scipy.stats.tmin).

    Parameters
    ----------
    a : array_like
        Integer data keeps its dtype.
    lowerlimit : scalar or None, optional
    axis : int or None, optional
    inclusive : bool, optional
        Whether a value equal to the limit is kept.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> int(st.tmin(jnp.arange(10), 3, inclusive=False))
    4
    """
    a, axis, nd, none = _textreme_args("tmin", a, axis, nan_policy)
    out = _textreme(a, lowerlimit, False, axis, bool(inclusive), nan_policy, bool(keepdims))
    return _kept(out, nd, none, keepdims)


def tmax(a, upperlimit=None, axis=0, inclusive=True, nan_policy="propagate", *,
         keepdims=False):
    """Maximum of the values below ``upperlimit`` (scipy.stats.tmax).

    Parameters
    ----------
    a : array_like
        Integer data keeps its dtype.
    upperlimit : scalar or None, optional
    axis : int or None, optional
    inclusive : bool, optional
        Whether a value equal to the limit is kept.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> int(st.tmax(jnp.arange(10), 7))
    7
    """
    a, axis, nd, none = _textreme_args("tmax", a, axis, nan_policy)
    out = _textreme(a, upperlimit, True, axis, bool(inclusive), nan_policy, bool(keepdims))
    return _kept(out, nd, none, keepdims)


# --- proportion trimming ----------------------------------------------------------------------
@public(static=("proportiontocut", "axis", "nan_policy", "keepdims"))
def _trim_mean(a, proportiontocut, axis, nan_policy, keepdims):
    s = jnp.sort(a, axis=axis)  # NaNs sort last
    n_static = a.shape[axis]
    shape = [1] * a.ndim
    shape[axis] = n_static
    idx = jnp.reshape(jnp.arange(n_static), shape)
    if nan_policy == "omit":
        # a per-slice count: cut floor(p n) from each end of the non-NaN values
        n = jnp.sum(jnp.logical_not(jnp.isnan(s)), axis=axis, keepdims=True)
        cut = jnp.astype(jnp.floor(jnp.multiply(jnp.astype(n, a.dtype), proportiontocut)),
                         n.dtype)
        keep = jnp.logical_and(jnp.greater_equal(idx, cut),
                               jnp.less(idx, jnp.subtract(n, cut)))
        return jnp.mean(s, axis=axis, keepdims=keepdims, where=keep)
    cut = int(proportiontocut * n_static)
    kept = _slice_in_dim(s, cut, n_static - cut, axis=axis)
    m = jnp.mean(kept, axis=axis, keepdims=keepdims)
    anynan = jnp.any(jnp.isnan(a), axis=axis, keepdims=keepdims)
    return jnp.where(anynan, jnp.full_like(m, np.nan), m)


def _cut_args(name, a, proportiontocut, axis, nan_policy="propagate"):
    a = _checked(name, a, nan_policy)
    nd, none = a.ndim, axis is None
    a, axis = _flat(a, axis)
    if a.ndim == 0:
        a = jnp.reshape(a, (1,))
    if not -a.ndim <= axis < a.ndim:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for array of "
                                      f"dimension {a.ndim}")
    p = float(proportiontocut)
    return a, p, axis % a.ndim, nd, none


def trim_mean(a, proportiontocut, axis=0, *, nan_policy="propagate", keepdims=False):
    """Mean after cutting ``proportiontocut`` of the sorted values from both ends
    (scipy.stats.trim_mean).

    Parameters
    ----------
    a : array_like
    proportiontocut : float
        Static fraction (``int(p * n)`` values) cut from each end.
    axis : int or None, optional
    nan_policy : {'propagate', 'omit', 'raise'}, optional
        'omit' cuts the fraction of each slice's non-NaN values.
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.trim_mean(jnp.array([0.0, 1.0, 2.0, 3.0, 100.0]), 0.2))
    2.0
    """
    a, p, axis, nd, none = _cut_args("trim_mean", a, proportiontocut, axis, nan_policy)
    if p >= 0.5:
        raise ValueError(f"trim_mean(): proportiontocut must be below 0.5, got {p}")
    return _kept(_trim_mean(a, p, axis, nan_policy, bool(keepdims)), nd, none, keepdims)


@public(static=("start", "stop", "axis"))
def _sorted_slice(a, start, stop, axis):
    return _slice_in_dim(jnp.sort(a, axis=axis), start, stop, axis=axis)


def trimboth(a, proportiontocut, axis=0):
    """Cut ``proportiontocut`` of the values from both ends (scipy.stats.trimboth).

    Parameters
    ----------
    a : array_like
    proportiontocut : float
        Static fraction (``int(p * n)`` values) cut from each end.
    axis : int or None, optional

    Returns
    -------
    Array
        The kept values, sorted along ``axis`` (scipy's order is unspecified).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.trimboth(jnp.array([4.0, 0.0, 3.0, 1.0, 2.0]), 0.2).tolist()
    [1.0, 2.0, 3.0]
    """
    a, p, axis, _, _ = _cut_args("trimboth", a, proportiontocut, axis)
    n = a.shape[axis]
    cut = int(p * n)
    if cut >= n - cut:
        raise ValueError(f"trimboth(): proportiontocut {p} is too big")
    return _sorted_slice(a, cut, n - cut, axis)


def trim1(a, proportiontocut, tail="right", axis=0):
    """Cut ``proportiontocut`` of the values from one end (scipy.stats.trim1).

    Parameters
    ----------
    a : array_like
    proportiontocut : float
        Static fraction (``int(p * n)`` values) cut.
    tail : {'right', 'left'}, optional
        Which end: 'right' cuts the largest values.
    axis : int or None, optional

    Returns
    -------
    Array
        The kept values, sorted along ``axis`` (scipy's order is unspecified).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.trim1(jnp.array([4.0, 0.0, 3.0, 1.0, 2.0]), 0.4, tail="left").tolist()
    [2.0, 3.0, 4.0]
    """
    if tail not in ("right", "left"):
        raise ValueError(f"trim1(): tail must be 'right' or 'left', got {tail!r}")
    a, p, axis, _, _ = _cut_args("trim1", a, proportiontocut, axis)
    n = a.shape[axis]
    cut = int(p * n)
    if p >= 1:
        return _sorted_slice(a, 0, 0, axis)
    if tail == "right":
        return _sorted_slice(a, 0, n - cut, axis)
    return _sorted_slice(a, cut, n, axis)
