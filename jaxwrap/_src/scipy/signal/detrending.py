"""scipy.signal.detrend: remove a constant or a (piecewise) linear trend.

The linear fit is the closed-form least-squares line: with the sample
positions centred, ``tc = t - mean(t)``, the residual of ``x`` is
``(x - mean(x)) - tc * sum(tc * (x - mean(x))) / sum(tc**2)``.  The
positions (and ``tc / sum(tc**2)``) depend only on the static segment
lengths, so they are host constants; the data enter through one mean and one
weighted sum per segment, which keeps the function linear in ``x`` (its JVP
and transpose are those of the sums).

``_detrend_last`` is the core; the spectral functions call it on the last
axis of their segments.
"""

from __future__ import annotations

import operator

import numpy as np

import jaxwrap.numpy as jnp

from ... import lax
from ...numpy._util import check_arraylike, promote_dtypes_inexact, public

__all__ = ["detrend"]

_TYPES = {"linear": "linear", "l": "linear", "constant": "constant", "c": "constant"}


def _check_type(name: str, type) -> str:
    if not isinstance(type, str) or type not in _TYPES:
        raise ValueError(f"{name}(): trend `type` must be 'linear' or 'constant', got {type!r}")
    return _TYPES[type]


def slice_last(x, start: int, stop: int):
    """``x[..., start:stop]`` (static bounds) with the jaxwrap slice primitive."""
    lo = (0,) * (x.ndim - 1) + (start,)
    return lax.slice(x, lo, x.shape[:-1] + (stop,))


def _line_residual(x):
    """``x`` minus its least-squares line along the last (static-length) axis."""
    n = x.shape[-1]
    xc = jnp.subtract(x, jnp.mean(x, axis=-1, keepdims=True))
    if n < 2:               # one point: the line passes through it
        return xc
    tc = np.arange(n, dtype=np.float64) - (n - 1) / 2
    c = tc / np.dot(tc, tc)
    rdt = jnp.real(xc).dtype
    slope = jnp.sum(jnp.multiply(xc, c.astype(rdt)), axis=-1, keepdims=True)
    return jnp.subtract(xc, jnp.multiply(slope, tc.astype(rdt)))


def _detrend_last(x, type: str, bp: tuple[int, ...] = ()):
    """Detrend along the last axis; ``bp``: sorted interior breakpoints."""
    if type == "constant":
        return jnp.subtract(x, jnp.mean(x, axis=-1, keepdims=True))
    if not bp:
        return _line_residual(x)
    edges = (0,) + bp + (x.shape[-1],)
    pieces = [_line_residual(slice_last(x, a, b)) for a, b in zip(edges, edges[1:])]
    return jnp.concatenate(pieces, axis=-1)


def _breakpoints(name: str, bp, n: int) -> tuple[int, ...]:
    """scipy's breakpoints (0, bp..., n sorted and unique) minus the two ends."""
    try:
        vals = np.atleast_1d(np.asarray(bp))
    except Exception:
        raise TypeError(f"{name}(): `bp` must be static integers (a concrete int or "
                        "sequence), not a traced array") from None
    if vals.dtype.kind not in "iub" and not (vals.dtype.kind == "f" and
                                            np.all(vals == np.round(vals))):
        raise TypeError(f"{name}(): `bp` must hold integers, got dtype {vals.dtype}")
    vals = vals.astype(np.int64).ravel()
    if np.any(vals > n):
        raise ValueError(f"{name}(): breakpoints `bp` must be less than the length ({n}) of "
                         "the data along the given axis")
    pts = np.unique(np.concatenate([[0], vals, [n]]))
    return tuple(int(v) for v in pts if 0 < v < n)


@public(static=("axis", "type", "bp", "overwrite_data"))
def detrend(data, axis=-1, type="linear", bp=0, overwrite_data=None):
    """Remove a linear or constant trend from data along an axis.

    Parameters
    ----------
    data : array_like
        Input data.  Integers and bools are promoted to the default float type.
    axis : int, optional
        Axis along which to detrend (default: the last).
    type : {'linear', 'constant'}, optional
        'linear' (default) subtracts the least-squares line; 'constant'
        subtracts the mean.
    bp : int or sequence of ints, optional
        Static breakpoints for the linear fit: the line is fitted separately on
        each piece ``data[bp[i]:bp[i+1]]`` (0 and the length are added).
    overwrite_data : None or bool
        Ignored (jax arrays are immutable).

    Returns
    -------
    jax.Array
        The detrended data, same shape as ``data``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import detrend
    >>> x = jnp.array([1.0, 3.0, 5.0, 8.0])
    >>> detrend(x, type='constant')
    Array([-3.25, -1.25,  0.75,  3.75], dtype=float32)
    >>> detrend(x).round(3)
    Array([ 0.2, -0.1, -0.4,  0.3], dtype=float32)
    """
    name = "detrend"
    check_arraylike(name, data, argnames=("data",))
    type = _check_type(name, type)
    (x,) = promote_dtypes_inexact(jnp.asarray(data))
    if x.ndim == 0:
        raise ValueError(f"{name}(): `data` must have at least one dimension")
    try:
        axis = operator.index(axis)
    except TypeError:
        raise TypeError(f"{name}(): `axis` must be an integer, got {axis!r}") from None
    if not -x.ndim <= axis < x.ndim:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for array of "
                                      f"dimension {x.ndim}")
    moved = jnp.moveaxis(x, axis, -1)
    bps = _breakpoints(name, bp, moved.shape[-1]) if type == "linear" else ()
    return jnp.moveaxis(_detrend_last(moved, type, bps), -1, axis)
