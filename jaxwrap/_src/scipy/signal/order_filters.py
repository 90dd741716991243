"""scipy.signal's order-statistic filters: medfilt, medfilt2d, order_filter,
and the adaptive wiener filter.

Kernel sizes and domains are static.  The input is zero padded by half the
kernel on each side (scipy's rule), the ``k`` shifted slices of the padded
array selected by the domain are stacked on a new last axis, sorted (jaxwrap's
``sort`` primitive) and the requested rank is taken.  Memory is ``k`` times
the output; the sort is differentiable (the gradient flows to the selected
sample).  NaNs sort last, as in numpy.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from ... import dtypes, lax
from ...numpy import reductions, ufuncs
from ...numpy._util import asarray, check_arraylike, promote_dtypes_inexact, public
from .convolution import correlate

__all__ = ["medfilt", "medfilt2d", "order_filter", "wiener"]


def _array(name, x, argname):
    check_arraylike(name, x, argnames=(argname,))
    x = asarray(x, name=name)
    if dtypes.is_complex(x.dtype):
        raise TypeError(f"{name}(): complex '{argname}' is not supported (no ordering)")
    return x


def _sizes(name, size, nd, argname, default=3):
    """Static per-axis kernel sizes, each a positive odd integer."""
    if size is None:
        size = default
    sizes = (size,) * nd if np.ndim(size) == 0 else tuple(np.asarray(size).tolist())
    try:
        sizes = tuple(operator.index(s) for s in sizes)
    except TypeError:
        raise TypeError(f"{name}(): '{argname}' must be an integer or a sequence of "
                        "integers") from None
    if len(sizes) != nd:
        raise ValueError(f"{name}(): '{argname}' must have one entry per dimension of the "
                         f"input ({nd}), got {len(sizes)}")
    if any(s < 1 or s % 2 == 0 for s in sizes):
        raise ValueError(f"{name}(): each element of '{argname}' should be odd and positive, "
                         f"got {sizes}")
    return sizes


def _rank_filter(x, mask, rank):
    """``rank``-th smallest of the zero-padded neighbourhood selected by the boolean
    ``mask`` (a static numpy array of odd shape) around every sample of ``x``."""
    half = [s // 2 for s in mask.shape]
    xp = lax.pad(x, np.array(0, x.dtype), [(h, h, 0) for h in half])
    shifted = [lax.reshape(lax.slice(xp, j, tuple(i + n for i, n in zip(j, x.shape))),
                           x.shape + (1,))
               for j in zip(*np.nonzero(mask))]
    stack = lax.concatenate(shifted, x.ndim) if len(shifted) > 1 else shifted[0]
    ranked = lax.sort(stack, dimension=x.ndim)
    start = (0,) * x.ndim + (rank,)
    out = lax.slice(ranked, start, x.shape + (rank + 1,))
    return lax.reshape(out, x.shape)


@public(static=("kernel_size",))
def medfilt(volume, kernel_size=None):
    """Median filter of an N-dimensional array.

    Parameters
    ----------
    volume : array_like
        The input (real).
    kernel_size : int or sequence of ints, optional
        Odd window size per axis (default 3 on every axis).

    Returns
    -------
    jax.Array
        The median of each zero-padded window, with ``volume``'s shape and
        dtype (integers stay integers, like scipy).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.medfilt(jnp.array([2., 8., 3., 9., 1.]))
    Array([2., 3., 8., 3., 1.], dtype=float32)
    """
    name = "medfilt"
    x = _array(name, volume, "volume")
    sizes = _sizes(name, kernel_size, x.ndim, "kernel_size")
    if x.size == 0:
        return x
    return _rank_filter(x, np.ones(sizes, bool), math.prod(sizes) // 2)


@public(static=("kernel_size",))
def medfilt2d(input, kernel_size=3):
    """Median filter of a 2-D array.

    Parameters
    ----------
    input : array_like
        2-D input (real).
    kernel_size : int or pair of ints, default 3
        Odd window size per axis.

    Returns
    -------
    jax.Array
        The median of each zero-padded window (shape and dtype of ``input``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.medfilt2d(jnp.arange(9.).reshape(3, 3))
    Array([[0., 1., 0.],
           [1., 4., 2.],
           [0., 4., 0.]], dtype=float32)
    """
    name = "medfilt2d"
    x = _array(name, input, "input")
    if x.ndim != 2:
        raise ValueError(f"{name}(): 'input' must be 2-D, got {x.ndim}-D")
    sizes = _sizes(name, kernel_size, 2, "kernel_size")
    if x.size == 0:
        return x
    return _rank_filter(x, np.ones(sizes, bool), math.prod(sizes) // 2)


@public(static=("domain", "rank"))
def _order_filter(a, domain, rank):
    return _rank_filter(a, np.asarray(domain, bool), rank)


def order_filter(a, domain, rank):
    """Rank (order-statistic) filter of an N-dimensional array.

    Parameters
    ----------
    a : array_like
        The input (real).
    domain : array_like
        A concrete mask with ``a``'s rank and an odd length on every axis; its
        nonzero entries select the neighbours of each sample.
    rank : int
        Which element of the sorted neighbourhood to return (0: minimum), in
        ``[0, count_nonzero(domain))``.

    Returns
    -------
    jax.Array
        The filtered array (shape and dtype of ``a``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.order_filter(jnp.array([3., 1., 4., 1., 5.]), jnp.ones(3), 2)
    Array([3., 4., 4., 5., 5.], dtype=float32)
    """
    name = "order_filter"
    x = _array(name, a, "a")
    try:
        mask = np.asarray(domain) != 0
    except Exception:
        raise TypeError(f"{name}(): 'domain' must be a concrete array (it fixes the "
                        "filter's shape)") from None
    if mask.ndim != x.ndim:
        raise ValueError(f"{name}(): 'domain' must have the same number of dimensions as "
                         f"'a' ({x.ndim}), got {mask.ndim}")
    if any(s % 2 == 0 for s in mask.shape):
        raise ValueError(f"{name}(): each dimension of 'domain' should have an odd number "
                         f"of elements, got shape {mask.shape}")
    try:
        rank = operator.index(rank)
    except TypeError:
        raise TypeError(f"{name}(): 'rank' must be an integer") from None
    count = int(mask.sum())
    if not 0 <= rank < count:
        raise ValueError(f"{name}(): 'rank' must be within the filter footprint "
                         f"[0, {count}), got {rank}")
    if x.size == 0:
        return x
    return _order_filter(x, _nested(mask), rank)


def _nested(mask):
    return tuple(_nested(m) for m in mask) if mask.ndim > 1 else tuple(mask.tolist())


@public(static=("mysize",))
def wiener(im, mysize=None, noise=None):
    """Adaptive Wiener filter of an N-dimensional array.

    Each sample is pulled towards its local mean by ``1 - noise / local
    variance`` (and replaced by the local mean where the variance is below the
    noise power), over zero-padded windows of size ``mysize``.

    Parameters
    ----------
    im : array_like
        The input (real).
    mysize : int or sequence of ints, optional
        Window size per axis (default 3).
    noise : float, optional
        Noise power; by default the mean of the local variances.

    Returns
    -------
    jax.Array
        The filtered array (floating point).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.wiener(jnp.array([1., 5., 1., 5., 1.]), noise=0.).round(3)
    Array([1., 5., 1., 5., 1.], dtype=float32)
    """
    name = "wiener"
    x = _array(name, im, "im")
    (x,) = promote_dtypes_inexact(x)
    if mysize is None:
        mysize = 3
    sizes = (mysize,) * x.ndim if np.ndim(mysize) == 0 else tuple(mysize)
    try:
        sizes = tuple(operator.index(s) for s in sizes)
    except TypeError:
        raise TypeError(f"{name}(): 'mysize' must be an integer or a sequence of "
                        "integers") from None
    if len(sizes) != x.ndim or any(s < 1 for s in sizes):
        raise ValueError(f"{name}(): 'mysize' must hold one positive size per dimension of "
                         f"'im' ({x.ndim}), got {sizes}")
    ones = lax.broadcast_in_dim(np.array(1, x.dtype), sizes, ())
    scale = np.array(1.0 / math.prod(sizes), x.dtype)
    local_mean = ufuncs.multiply(correlate(x, ones, "same", "direct"), scale)
    local_sq = ufuncs.multiply(correlate(ufuncs.multiply(x, x), ones, "same", "direct"), scale)
    local_var = ufuncs.subtract(local_sq, ufuncs.multiply(local_mean, local_mean))
    if noise is None:
        noise = reductions.mean(local_var)
    else:
        check_arraylike(name, noise, argnames=("noise",))
        noise = lax.convert_element_type(asarray(noise, name=name), x.dtype)
    gain = ufuncs.subtract(np.array(1, x.dtype), ufuncs.divide(noise, local_var))
    res = ufuncs.add(ufuncs.multiply(ufuncs.subtract(x, local_mean), gain), local_mean)
    return ufuncs.where(ufuncs.less(local_var, noise), local_mean, res)
