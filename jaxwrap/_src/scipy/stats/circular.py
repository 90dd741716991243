"""Circular statistics of scipy.stats: circmean, circvar, circstd.

Samples on ``[low, high)`` are mapped to angles, and the statistics come
from the mean resultant vector ``(mean cos, mean sin)`` (Mardia & Jupp,
Directional Statistics, 2000, ch. 2): the mean direction is its angle, the
circular variance ``1 - R`` and the circular standard deviation
``sqrt(-2 log R)`` with ``R`` its length.
"""

from __future__ import annotations

import math

import jaxwrap.numpy as jnp

from ...numpy._util import public
from .descriptive import _kept
from .summary import _checked, _flat, _mask

__all__ = ["circmean", "circstd", "circvar"]

_TAU = 2 * math.pi


@public(static=("stat", "axis", "nan_policy", "normalize", "keepdims"))
def _circ(stat, x, high, low, axis, nan_policy, normalize, keepdims):
    mask = _mask(x, nan_policy)
    width = jnp.subtract(jnp.asarray(high, x.dtype), jnp.asarray(low, x.dtype))
    ang = jnp.multiply(jnp.divide(jnp.subtract(x, low), width), _TAU)
    s = jnp.mean(jnp.sin(ang), axis=axis, keepdims=keepdims, where=mask)
    c = jnp.mean(jnp.cos(ang), axis=axis, keepdims=keepdims, where=mask)
    if stat == "mean":
        m = jnp.arctan2(s, c)
        m = jnp.where(jnp.less(m, 0), jnp.add(m, _TAU), m)  # into [0, 2 pi)
        return jnp.add(jnp.multiply(jnp.divide(m, _TAU), width), low)
    r = jnp.minimum(jnp.hypot(s, c), 1)  # rounding can push R just above 1
    if stat == "var":
        return jnp.subtract(1, r)
    sd = jnp.sqrt(jnp.multiply(-2, jnp.log(r)))
    return sd if normalize else jnp.multiply(jnp.divide(width, _TAU), sd)


def _circ_call(stat, samples, high, low, axis, nan_policy, normalize, keepdims):
    x = _checked(f"circ{stat}", samples, nan_policy, "samples")
    nd, none = x.ndim, axis is None
    x, axis = _flat(x, axis)
    out = _circ(stat, x, high, low, axis, nan_policy, bool(normalize), bool(keepdims))
    return _kept(out, nd, none, keepdims)


_DOC = """Circular {what} of samples on ``[low, high)`` (scipy.stats.circ{name}).

    Parameters
    ----------
    samples : array_like
    high, low : float, optional
        The range of the samples (default ``[0, 2 pi)``).
    axis : int or None, optional
        None (the default) flattens.
    nan_policy : {{'propagate', 'omit', 'raise'}}, optional{extra}
    keepdims : bool, optional

    Returns
    -------
    Array
        {returns}

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.circ{name}(jnp.array([10.0, 30.0]), high=360)), 4)
    {example}
    """


def circmean(samples, high=_TAU, low=0, axis=None, nan_policy="propagate", *, keepdims=False):
    return _circ_call("mean", samples, high, low, axis, nan_policy, False, keepdims)


def circvar(samples, high=_TAU, low=0, axis=None, nan_policy="propagate", *, keepdims=False):
    return _circ_call("var", samples, high, low, axis, nan_policy, False, keepdims)


def circstd(samples, high=_TAU, low=0, axis=None, nan_policy="propagate", *, normalize=False,
            keepdims=False):
    return _circ_call("std", samples, high, low, axis, nan_policy, normalize, keepdims)


circmean.__doc__ = _DOC.format(what="mean", name="mean", extra="",
                               returns="The mean direction, in ``[low, high)``.",
                               example="20.0")
circvar.__doc__ = _DOC.format(what="variance", name="var", extra="",
                              returns="``1 - R``, in [0, 1].", example="0.0152")
circstd.__doc__ = _DOC.format(
    what="standard deviation", name="std",
    extra="\n    normalize : bool, optional\n        True gives the result in radians, "
          "not scaled to ``high - low``.",
    returns="``sqrt(-2 log R)`` scaled to the range.", example="10.0256")
