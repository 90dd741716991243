"""Sort-based summary statistics of scipy.stats: quantile, lmoment,
differential_entropy, plus directional_stats and obrientransform.

Every sort-based statistic works on rows: the reduced axis is moved last
and sorted (NaNs sort last).  ``nan_policy='omit'`` keeps the static shape:
``n``, the number of non-NaN values of each row, is an array, and every
index into the sorted row is clipped to ``[0, n - 1]``; ``'propagate'``
makes a row holding a NaN give NaN.  'raise' checks concrete inputs only
(see ``summary.py``).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import numpy as np

import jaxwrap.numpy as jnp
from jaxwrap.scipy import special as sp

from ... import lax as L
from ...numpy._util import check_arraylike, public
from .summary import _checked

__all__ = ["differential_entropy", "directional_stats", "lmoment", "obrientransform",
           "quantile"]


class DirectionalStats(NamedTuple):
    mean_direction: jax.Array
    mean_resultant_length: jax.Array


# --- rows: the reduced axis last, sorted ----------------------------------------------------
def _sorted_rows(y, nan_policy, already_sorted=False):
    """(sorted rows, n per row as floats, mask of the rows to make NaN).

    Under 'omit' the NaNs sort last and ``n`` counts the others; rows with
    no value left give NaN through the ``n == 0`` checks of the callers."""
    nan = jnp.isnan(y)
    s = y if already_sorted and nan_policy != "omit" else jnp.sort(y, axis=-1)
    if nan_policy == "omit":
        n = jnp.astype(jnp.sum(jnp.logical_not(nan), axis=-1), y.dtype)
        return s, n, jnp.equal(n, 0)
    n = jnp.full(y.shape[:-1], y.shape[-1], y.dtype)
    return s, n, jnp.any(nan, axis=-1)


def _take(s, idx):
    """``s[..., idx]`` for an integer index array shaped like ``s``'s rows."""
    return jnp.take_along_axis(s, jnp.astype(idx, jnp.result_type(int)), axis=-1)


def _nan_where(bad, v):
    return jnp.where(bad, jnp.full_like(v, np.nan), v)


def _axis_last(name, x, axis):
    """``x`` with ``axis`` moved last (axis None: flattened); AxisError naming ``name``."""
    if axis is None:
        return jnp.ravel(x)
    if x.ndim == 0:
        x = jnp.reshape(x, (1,))
    if not -x.ndim <= axis < x.ndim:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for array of "
                                      f"dimension {x.ndim}")
    return jnp.moveaxis(x, axis, -1)


def _keep(out, name, x_ndim, axis, keepdims, lead=0):
    """scipy's keepdims for a reduction along ``axis`` (``lead`` leading extra axes)."""
    if not keepdims:
        return out
    if axis is None:
        return jnp.reshape(out, out.shape[:lead] + (1,) * x_ndim)
    return jnp.expand_dims(out, lead + axis % max(x_ndim, 1))


# --- quantile ---------------------------------------------------------------------------------
# Hyndman & Fan (1996), "Sample quantiles in statistical packages": the
# estimate is (1 - g) y[j] + g y[j + 1] with index = p n + m - 1, j its
# floor; definitions 4-9 are continuous in p and differ only in m.
_HF_M = {
    "interpolated_inverted_cdf": lambda p: jnp.zeros_like(p),
    "hazen": lambda p: jnp.full_like(p, 0.5),
    "weibull": lambda p: p,
    "linear": lambda p: jnp.subtract(1, p),
    "median_unbiased": lambda p: jnp.add(jnp.divide(p, 3), 1 / 3),
    "normal_unbiased": lambda p: jnp.add(jnp.divide(p, 4), 3 / 8),
}
# definitions 1-3 (discontinuous): m and the step g from the fractional part
_HF_STEP = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation")
_ROUND = ("round_nearest", "round_outward", "round_inward")
_QUANTILE_METHODS = _HF_STEP + tuple(_HF_M) + ("harrell-davis",) + _ROUND


def _hf_index(method, p, n):
    """(j, g) of Hyndman & Fan's definition ``method``, j clipped into the row.

    The steps of definitions 1-3 are decided by comparing ``t = p n`` with
    its floor, never by subtracting from ``t``: XLA fuses ``p * n - 1`` into
    one FMA, which keeps the rounding error of the product (``0.1 * 10 - 1``
    is 5.6e-17, not 0) and would move a step."""
    t = jnp.multiply(p, n)
    if method in _HF_M:
        index = jnp.subtract(jnp.add(t, _HF_M[method](p)), 1)
        j = jnp.floor(index)
        g = jnp.subtract(index, j)
        below = jnp.less(index, 0)
    else:
        ft = jnp.floor(t)
        if method == "closest_observation":  # index = t - 1.5
            half = jnp.add(ft, 0.5)
            j = jnp.add(jnp.subtract(ft, 2), jnp.astype(jnp.greater_equal(t, half), p.dtype))
            odd = jnp.equal(jnp.remainder(j, 2), 1)   # an exact tie goes to the even statistic
            g = jnp.subtract(1, jnp.astype(jnp.logical_and(jnp.equal(t, half), odd), p.dtype))
            below = jnp.less(t, 1.5)
        else:  # index = t - 1
            j = jnp.subtract(ft, 1)
            up = jnp.astype(jnp.greater(t, ft), p.dtype)
            g = up if method == "inverted_cdf" else jnp.multiply(jnp.add(up, 1), 0.5)
            below = jnp.less(t, 1)
    g = jnp.where(below, jnp.zeros_like(g), g)
    j = jnp.clip(j, 0, jnp.subtract(n, 1))
    return j, g


def _round_index(method, p, n):
    """j = rnd(p n) for p < 0.5, else rnd(p n - 1), rounded as scipy's round_* methods;
    ``p n - 1`` is never formed (see ``_hf_index``): shifting by 1 commutes with
    floor and ceil, and with round half to even except at the halves."""
    t = jnp.multiply(p, n)
    low = jnp.less(p, 0.5)
    if method == "round_nearest":  # half to even, like numpy
        ft = jnp.floor(t)
        lo = jnp.round(t)
        tie = jnp.equal(t, jnp.add(ft, 0.5))
        even_below = jnp.equal(jnp.remainder(jnp.subtract(ft, 1), 2), 0)
        hi = jnp.where(tie, jnp.where(even_below, jnp.subtract(ft, 1), ft), jnp.subtract(lo, 1))
    elif method == "round_outward":
        lo, hi = jnp.floor(t), jnp.subtract(jnp.ceil(t), 1)
    else:
        lo, hi = jnp.ceil(t), jnp.subtract(jnp.floor(t), 1)
    return jnp.clip(jnp.where(low, lo, hi), 0, jnp.subtract(n, 1))


def _harrell_davis(s, p, n):
    """Harrell & Davis (1982): sum_i w_i y_(i), w_i = I_{i/n}(a, b) - I_{(i-1)/n}(a, b),
    a = p (n + 1), b = (1 - p)(n + 1); positions past ``n`` get weight 0.  The
    regularized incomplete beta function is evaluated once, at k/n for k = 0..N."""
    N = s.shape[-1]
    k = jnp.arange(N + 1, dtype=s.dtype)                             # (N + 1,)
    a = jnp.expand_dims(jnp.multiply(p, jnp.add(n, 1)), -1)          # (..., k, 1)
    b = jnp.expand_dims(jnp.multiply(jnp.subtract(1, p), jnp.add(n, 1)), -1)
    t = jnp.clip(jnp.divide(k, jnp.expand_dims(n, -1)), 0, 1)        # (..., 1, N + 1)
    # p = 0 or 1 make a or b zero: the limits put all mass on the first / last statistic
    edge = jnp.logical_or(jnp.less_equal(a, 0), jnp.less_equal(b, 0))
    one = jnp.ones_like(a)
    cdf = sp.betainc(jnp.where(edge, one, a), jnp.where(edge, one, b), t)
    step = jnp.where(jnp.less_equal(a, 0), jnp.greater(t, 0), jnp.greater_equal(t, 1))
    cdf = jnp.where(edge, jnp.astype(step, s.dtype), cdf)
    lead = cdf.shape[:-1]
    w = jnp.subtract(L.slice(cdf, (0,) * len(lead) + (1,), lead + (N + 1,)),
                     L.slice(cdf, (0,) * (len(lead) + 1), lead + (N,)))  # (..., k, N)
    finite = jnp.where(jnp.isnan(s), jnp.zeros_like(s), s)            # omitted NaNs: weight 0
    return jnp.sum(jnp.multiply(w, jnp.expand_dims(finite, -2)), axis=-1)


def _weighted_hf(method, y, w, p):
    """Hyndman & Fan with frequency weights: the estimate on the sample in which each
    value is repeated ``w`` times (for whole weights exactly ``np.repeat``; the same
    formulas serve fractional ones).  Sorted by value, with cumulative weights W and
    total T, the repeated sample's element at position v is y_(#{W <= v}); the
    index is p T + m - 1.  Zero weights and NaNs never count; p T is compared, never
    shifted (see ``_hf_index``)."""
    use = jnp.logical_and(jnp.logical_not(jnp.isnan(y)), jnp.greater(w, 0))
    order = jnp.argsort(jnp.where(use, y, jnp.full_like(y, np.inf)), axis=-1, stable=True)
    s = jnp.take_along_axis(y, order, axis=-1)
    ws = jnp.take_along_axis(jnp.where(use, w, jnp.zeros_like(w)), order, axis=-1)
    n = jnp.astype(jnp.sum(use, axis=-1, keepdims=True), y.dtype)
    cum = jnp.expand_dims(jnp.cumsum(ws, axis=-1), -2)                 # (..., 1, N)
    t = jnp.multiply(p, jnp.sum(ws, axis=-1, keepdims=True))          # p T, (..., k)
    m = _HF_M[method](p) if method in _HF_M else jnp.full_like(
        p, -0.5 if method == "closest_observation" else 0.0)
    shifted = jnp.subtract(cum, jnp.expand_dims(m, -1))               # W - m
    tt = jnp.expand_dims(t, -1)
    jp1 = jnp.astype(jnp.sum(jnp.less_equal(shifted, tt), axis=-1), y.dtype)
    j = jnp.astype(jnp.sum(jnp.less_equal(jnp.add(shifted, 1), tt), axis=-1), y.dtype)
    if method in _HF_M:
        jg = jnp.add(t, m)
        g = jnp.subtract(jg, jnp.floor(jg))
    else:
        ft = jnp.floor(t)
        if method == "closest_observation":
            odd = jnp.equal(jnp.remainder(j, 2), 1)
            exact = jnp.equal(t, jnp.add(ft, 0.5))
            g = jnp.subtract(1, jnp.astype(jnp.logical_and(exact, odd), p.dtype))
        else:
            up = jnp.astype(jnp.greater(t, ft), p.dtype)
            g = up if method == "inverted_cdf" else jnp.multiply(jnp.add(up, 1), 0.5)
        g = jnp.where(jnp.less(t, jnp.negative(m)), jnp.zeros_like(g), g)
    top = jnp.subtract(n, 1)
    return _take(s, jnp.clip(j, 0, top)), _take(s, jnp.clip(jp1, 0, top)), g


@public(static=("method", "nan_policy"))
def _quantile(y, p, w, method, nan_policy):
    s, n, bad = _sorted_rows(y, nan_policy)
    n = jnp.expand_dims(n, -1)
    if method == "harrell-davis":
        q = _harrell_davis(s, p, n)
    elif method in _ROUND:
        q = _take(s, _round_index(method, p, n))
    else:
        if w is None:
            j, g = _hf_index(method, p, n)
            lo = _take(s, j)
            hi = _take(s, jnp.minimum(jnp.add(j, 1), jnp.subtract(n, 1)))
        else:
            lo, hi, g = _weighted_hf(method, y, w, p)
        # (1 - g) lo + g hi, written so that g = 0 gives lo exactly even next to an inf
        q = jnp.where(jnp.equal(g, 0), lo, jnp.add(lo, jnp.multiply(g, jnp.subtract(hi, lo))))
        q = jnp.where(jnp.equal(g, 1), hi, q)
    out_of_range = jnp.logical_or(jnp.logical_not(jnp.logical_and(jnp.greater_equal(p, 0),
                                                                  jnp.less_equal(p, 1))),
                                  jnp.expand_dims(bad, -1))
    return _nan_where(out_of_range, q)


def quantile(x, p, *, method="linear", axis=0, nan_policy="propagate", keepdims=None,
             weights=None):
    """Sample quantiles of ``x`` at probabilities ``p`` along ``axis`` (scipy.stats.quantile).

    ``p`` broadcasts against ``x`` like an argument of a scipy reduction: its
    length along ``axis`` is the number of quantiles of each slice.

    Parameters
    ----------
    x : array_like
        Real data; integers promote to float.
    p : array_like
        Probabilities in [0, 1]; outside that range the quantile is NaN.
    method : str, optional
        Hyndman & Fan's 'inverted_cdf', 'averaged_inverted_cdf',
        'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull',
        'linear' (default), 'median_unbiased', 'normal_unbiased'; or
        'harrell-davis', 'round_nearest', 'round_outward', 'round_inward'.
    axis : int or None, optional
        None ravels ``x`` and ``p``.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool or None, optional
        None removes ``axis`` when ``p`` has length 1 along it; False
        requires that; True keeps it.
    weights : array_like, optional
        Non-negative frequency weights, broadcast against ``x``: whole
        weights give the quantile of the data repeated that many times.
        Only for Hyndman & Fan's methods (1-9).

    Returns
    -------
    Array
        The dtype of ``x`` and ``p`` together (a float type).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> st.quantile(jnp.array([[10.0, 8, 7, 5, 4], [0, 1, 2, 3, 5]]), 0.5, axis=-1).tolist()
    [7.0, 2.0]
    """
    name = "quantile"
    x = _checked(name, x, nan_policy, "x")
    check_arraylike(name, p, argnames=("p",))
    p = jnp.asarray(p)
    if method not in _QUANTILE_METHODS:
        raise ValueError(f"quantile(): method must be one of {_QUANTILE_METHODS}, "
                         f"got {method!r}")
    if weights is not None:
        if method == "harrell-davis" or method in _ROUND:
            raise ValueError(f"quantile(): method={method!r} does not support weights")
        check_arraylike(name, weights, argnames=("weights",))
        weights = jnp.asarray(weights)
        if not (jnp.issubdtype(weights.dtype, jnp.floating)
                or jnp.issubdtype(weights.dtype, jnp.integer)):
            raise TypeError(f"quantile(): weights must be real, got dtype {weights.dtype}")
        try:
            shape = np.broadcast_shapes(x.shape, weights.shape)
        except ValueError:
            raise ValueError(f"quantile(): weights of shape {weights.shape} do not broadcast "
                             f"against x of shape {x.shape}") from None
        x = jnp.broadcast_to(x, shape)
        weights = jnp.broadcast_to(weights, shape)
    if not jnp.issubdtype(p.dtype, jnp.floating):
        if not jnp.issubdtype(p.dtype, jnp.number):
            raise TypeError(f"quantile(): p must be real numbers, got dtype {p.dtype}")
    dt = jnp.result_type(x, p)
    if not jnp.issubdtype(dt, jnp.floating):
        raise TypeError(f"quantile(): x and p must be real, got {x.dtype} and {p.dtype}")
    x, p = jnp.astype(x, dt), jnp.astype(p, dt)
    w = None if weights is None else jnp.astype(weights, dt)
    if axis is None:
        nd = max(x.ndim, 1)
        x = jnp.reshape(x, (1,) * (nd - 1) + (x.size,))
        p = jnp.reshape(p, (1,) * (nd - 1) + (p.size,))
        w = None if w is None else jnp.reshape(w, x.shape)
        axis = -1
    nd = max(x.ndim, p.ndim, 1)
    x = jnp.reshape(x, (1,) * (nd - x.ndim) + x.shape)
    p = jnp.reshape(p, (1,) * (nd - p.ndim) + p.shape)
    w = None if w is None else jnp.reshape(w, x.shape)
    if not -nd <= axis < nd:
        raise np.exceptions.AxisError(f"quantile(): axis {axis} is out of bounds for array "
                                      f"of dimension {nd}")
    x, p = jnp.moveaxis(x, axis, -1), jnp.moveaxis(p, axis, -1)
    w = None if w is None else jnp.moveaxis(w, axis, -1)
    try:
        lead = np.broadcast_shapes(x.shape[:-1], p.shape[:-1])
    except ValueError:
        raise ValueError(f"quantile(): x and p do not broadcast outside axis {axis}: "
                         f"shapes {x.shape} and {p.shape} with the axis moved last") from None
    k = p.shape[-1]
    if keepdims is False and k != 1:
        raise ValueError("quantile(): keepdims may be False only if the length of p along "
                         "axis is 1")
    x = jnp.broadcast_to(x, lead + x.shape[-1:])
    p = jnp.broadcast_to(p, lead + (k,))
    w = None if w is None else jnp.broadcast_to(w, x.shape)
    if x.shape[-1] == 0:
        out = jnp.full(lead + (k,), np.nan, dt)
    else:
        out = _quantile(x, p, w, method, nan_policy)
    out = jnp.moveaxis(out, -1, axis)
    if not keepdims and k == 1:
        out = jnp.squeeze(out, axis)
    return out


# --- L-moments ----------------------------------------------------------------------------------
def _lmoment_coeffs(order: int) -> list[int]:
    """lambda_{k+1} = sum_j (-1)^(k-j) C(k, j) C(k+j, j) b_j (Hosking 1990, eq. 2.4)."""
    k = order - 1
    return [(-1) ** (k - j) * math.comb(k, j) * math.comb(k + j, j) for j in range(k + 1)]


@public(static=("orders", "sorted_", "standardize", "nan_policy"))
def _lmoment(y, orders, sorted_, standardize, nan_policy):
    s, n, bad = _sorted_rows(y, nan_policy, sorted_)
    s = jnp.where(jnp.isnan(s), jnp.zeros_like(s), s)       # omitted values: weight 0 below
    N = s.shape[-1]
    i = jnp.arange(1, N + 1, dtype=s.dtype)
    nn = jnp.expand_dims(n, -1)
    top = max(max(orders), 2)
    # probability-weighted moments b_r = (1/n) sum_i [C(i-1, r) / C(n-1, r)] y_(i)
    # (Hosking 1990, eq. 2.8 / Landwehr et al. 1979), undefined (NaN) for r >= n
    b, w = [], jnp.divide(jnp.ones_like(nn), nn)
    for r in range(top):
        if r:
            w = jnp.multiply(w, jnp.divide(jnp.subtract(i, r), jnp.subtract(nn, r)))
        valid = jnp.logical_and(jnp.less_equal(i, nn), jnp.greater(nn, r))
        br = jnp.sum(jnp.multiply(jnp.where(valid, w, jnp.zeros_like(w)), s), axis=-1)
        b.append(_nan_where(jnp.logical_or(bad, jnp.less_equal(n, r)), br))

    def lmom(order):
        terms = [jnp.multiply(b[j], float(c)) for j, c in enumerate(_lmoment_coeffs(order))]
        out = terms[0]
        for t in terms[1:]:
            out = jnp.add(out, t)
        return out

    l2 = lmom(2)
    outs = [jnp.divide(lmom(o), l2) if standardize and o >= 3 else lmom(o) for o in orders]
    return jnp.stack(outs)


def lmoment(sample, order=None, *, axis=0, sorted=False, standardize=True,
            nan_policy="propagate", keepdims=False):
    """Sample L-moments (scipy.stats.lmoment), from probability-weighted moments.

    Parameters
    ----------
    sample : array_like
    order : int or sequence of ints, optional
        Positive orders (static); default ``[1, 2, 3, 4]``.  A sequence adds a
        leading axis.
    axis : int or None, optional
    sorted : bool, optional
        True skips sorting (the data is increasing along ``axis``).
    standardize : bool, optional
        True divides orders 3 and up by the second L-moment (L-moment ratios).
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array
        NaN where an order exceeds the number of values.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> [round(v, 5) for v in st.lmoment(jnp.array([1.0, 2.0, 3.0, 5.0]), order=[1, 2]).tolist()]
    [2.75, 1.08333]
    """
    name = "lmoment"
    x = _checked(name, sample, nan_policy, "sample")
    scalar = order is not None and np.ndim(order) == 0
    orders = (1, 2, 3, 4) if order is None else tuple(np.atleast_1d(np.asarray(order)).tolist())
    if np.ndim(order) > 1 or not orders or any(
            not float(o).is_integer() or o <= 0 for o in orders):
        raise ValueError(f"lmoment(): order must be a scalar or non-empty 1D array of positive "
                         f"integers, got {order!r}")
    orders = tuple(int(o) for o in orders)
    nd = x.ndim
    y = _axis_last(name, x, axis)
    if y.shape[-1] == 0:
        out = jnp.full((len(orders),) + y.shape[:-1], np.nan, y.dtype)
    else:
        out = _lmoment(y, orders, bool(sorted), bool(standardize), nan_policy)
    out = _keep(out, name, nd, axis, keepdims, lead=1)
    return jnp.squeeze(out, 0) if scalar else out


# --- differential entropy ---------------------------------------------------------------------
# The m-spacing estimators, with X_(j) = X_(1) for j < 1 and X_(n) for j > n:
#   Vasicek (1976):  (1/n) sum_i log(n / (2m) (X_(i+m) - X_(i-m)))
#   van Es (1992):   1/(n-m) sum_{i<=n-m} log((n+1)/m (X_(i+m) - X_(i)))
#                    + sum_{k=m}^{n} 1/k + log m - log(n+1)
#   Ebrahimi, Pflughoeft & Soofi (1994): Vasicek with the factor 2 replaced by
#                    c_i = 1 + (i-1)/m (i <= m), 2, 1 + (n-i)/m (i > n-m)
#   Correa (1995):   -(1/n) sum_i log(sum_j (j-i)(X_(j) - Xbar_i)
#                                       / (n sum_j (X_(j) - Xbar_i)^2)), |j - i| <= m
# 'auto' picks van Es for n <= 10, Ebrahimi for n <= 1000 and Vasicek above
# (scipy's rule).  The window m defaults to floor(sqrt(n) + 0.5) and must
# satisfy 1 <= m < n/2; other windows give NaN.
_DE_METHODS = ("vasicek", "van es", "ebrahimi", "correa", "auto")


def _order_stat(s, n, j):
    """X_(j) (1-based) with j clipped into [1, n]: the ends repeat."""
    idx = jnp.subtract(jnp.clip(j, 1, n), 1)
    flat = jnp.reshape(idx, idx.shape[:-2] + (-1,)) if idx.ndim > s.ndim else idx
    out = _take(s, flat)
    return jnp.reshape(out, idx.shape)


def _de_spacing(method, s, n, m, i):
    valid = jnp.less_equal(i, n)
    zero = jnp.zeros_like(i)
    if method == "van es":
        keep = jnp.less_equal(i, jnp.subtract(n, m))
        d = jnp.subtract(_order_stat(s, n, jnp.add(i, m)), _order_stat(s, n, i))
        t = jnp.log(jnp.multiply(jnp.divide(jnp.add(n, 1), m), d))
        first = jnp.divide(jnp.sum(jnp.where(keep, t, zero), axis=-1, keepdims=True),
                           jnp.subtract(n, m))
        k = i  # 1..N: the harmonic tail sum_{k=m}^{n} 1/k
        tail = jnp.sum(jnp.where(jnp.logical_and(jnp.greater_equal(k, m), valid),
                                 jnp.reciprocal(k), zero), axis=-1, keepdims=True)
        return jnp.add(jnp.add(first, tail), jnp.subtract(jnp.log(m), jnp.log(jnp.add(n, 1))))
    d = jnp.subtract(_order_stat(s, n, jnp.add(i, m)), _order_stat(s, n, jnp.subtract(i, m)))
    if method == "vasicek":
        c = jnp.full_like(i, 2.0)
    else:  # ebrahimi
        c = jnp.where(jnp.less_equal(i, m), jnp.add(1, jnp.divide(jnp.subtract(i, 1), m)),
                      jnp.where(jnp.greater(i, jnp.subtract(n, m)),
                                jnp.add(1, jnp.divide(jnp.subtract(n, i), m)),
                                jnp.full_like(i, 2.0)))
    t = jnp.log(jnp.divide(jnp.multiply(n, d), jnp.multiply(c, m)))
    return jnp.divide(jnp.sum(jnp.where(valid, t, zero), axis=-1, keepdims=True), n)


def _de_correa(s, n, m, i, big_m):
    r = jnp.arange(-big_m, big_m + 1, dtype=s.dtype)                 # (W,) static window
    inside = jnp.less_equal(jnp.abs(r), jnp.expand_dims(m, -1))       # (..., 1, W)
    j = jnp.add(jnp.expand_dims(i, -1), r)                            # (N, W)
    xj = _order_stat(s, jnp.expand_dims(n, -1), jnp.broadcast_to(j, s.shape + r.shape))
    zero = jnp.zeros_like(xj)
    width = jnp.add(jnp.multiply(m, 2), 1)
    xbar = jnp.divide(jnp.sum(jnp.where(inside, xj, zero), axis=-1, keepdims=True),
                      jnp.expand_dims(width, -1))
    dev = jnp.where(inside, jnp.subtract(xj, xbar), zero)
    num = jnp.sum(jnp.multiply(r, dev), axis=-1)
    den = jnp.multiply(n, jnp.sum(jnp.square(dev), axis=-1))
    t = jnp.log(jnp.divide(num, den))
    valid = jnp.less_equal(i, n)
    return jnp.negative(jnp.divide(jnp.sum(jnp.where(valid, t, jnp.zeros_like(t)), axis=-1,
                                           keepdims=True), n))


@public(static=("window_length", "method", "nan_policy"))
def _differential_entropy(y, base, window_length, method, nan_policy):
    s, n, bad = _sorted_rows(y, nan_policy)
    N = s.shape[-1]
    n = jnp.expand_dims(n, -1)
    i = jnp.arange(1, N + 1, dtype=s.dtype)
    if window_length is None:
        m = jnp.floor(jnp.add(jnp.sqrt(n), 0.5))
        big_m = int(math.floor(math.sqrt(N) + 0.5))
    else:
        m = jnp.full_like(n, window_length)
        big_m = window_length
    if method == "auto":  # with 'omit', n is per row: compute the candidates, pick per row
        methods = ("van es",) if N <= 10 else ("van es", "ebrahimi") if N <= 1000 else \
            ("van es", "ebrahimi", "vasicek")
        vals = {k: _de_spacing(k, s, n, m, i) for k in methods}
        h = vals[methods[-1]]
        if len(methods) > 2:
            h = jnp.where(jnp.less_equal(n, 1000), vals["ebrahimi"], h)
        if len(methods) > 1:
            h = jnp.where(jnp.less_equal(n, 10), vals["van es"], h)
    elif method == "correa":
        h = _de_correa(s, n, m, i, big_m)
    else:
        h = _de_spacing(method, s, n, m, i)
    h = jnp.squeeze(h, -1)
    m, n = jnp.squeeze(m, -1), jnp.squeeze(n, -1)
    invalid = jnp.logical_or(bad, jnp.logical_or(jnp.less(m, 1),
                                                 jnp.greater_equal(jnp.multiply(m, 2), n)))
    h = _nan_where(invalid, h)
    return h if base is None else jnp.divide(h, jnp.log(jnp.asarray(base, h.dtype)))


def differential_entropy(values, *, window_length=None, base=None, axis=0, method="auto",
                         nan_policy="propagate", keepdims=False):
    """Estimate the differential entropy of a sample (scipy.stats.differential_entropy).

    Parameters
    ----------
    values : array_like
        Sample from a continuous distribution.
    window_length : int, optional
        The spacing ``m`` (static), ``1 <= m < n / 2``; default
        ``floor(sqrt(n) + 0.5)``.  Other values give NaN.
    base : float, optional
        Base of the logarithm (default e).
    axis : int or None, optional
    method : {'vasicek', 'van es', 'ebrahimi', 'correa', 'auto'}, optional
        The m-spacing estimator; 'auto' picks by sample size like scipy.
    nan_policy : {'propagate', 'omit', 'raise'}, optional
    keepdims : bool, optional

    Returns
    -------
    Array

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> round(float(st.differential_entropy(jnp.linspace(0.0, 1.0, 50))), 3)
    0.02
    """
    name = "differential_entropy"
    x = _checked(name, values, nan_policy, "values")
    if method not in _DE_METHODS:
        raise ValueError(f"{name}(): method must be one of {_DE_METHODS}, got {method!r}")
    if window_length is not None:
        if not float(window_length).is_integer():
            raise ValueError(f"{name}(): window_length must be an integer, "
                             f"got {window_length!r}")
        window_length = int(window_length)
    nd = x.ndim
    y = _axis_last(name, x, axis)
    if y.shape[-1] == 0:
        out = jnp.full(y.shape[:-1], np.nan, y.dtype)
    else:
        out = _differential_entropy(y, base, window_length, method, nan_policy)
    return _keep(out, name, nd, axis, keepdims)


# --- directional statistics and O'Brien's transform ------------------------------------------
@public(static=("normalize",))
def _directional(x, normalize):
    def norm(v):
        return jnp.sqrt(jnp.sum(jnp.square(v), axis=-1, keepdims=True))

    if normalize:
        x = jnp.divide(x, norm(x))
    mean = jnp.mean(x, axis=0)
    r = norm(mean)
    return DirectionalStats(jnp.divide(mean, r), jnp.squeeze(r, -1))


def directional_stats(samples, *, axis=0, normalize=True):
    """Mean direction and mean resultant length of vector data (scipy.stats.directional_stats).

    The mean of the (unit) vectors along ``axis`` is ``R`` times the mean
    direction, ``R`` in [0, 1] (Mardia & Jupp, Directional Statistics, 2000,
    sec. 9.2).

    Parameters
    ----------
    samples : array_like
        At least 2-D; the last axis holds the vector components.
    axis : int, optional
        The axis of the observations.
    normalize : bool, optional
        True scales every observation to unit length first.

    Returns
    -------
    DirectionalStats
        Named tuple ``(mean_direction, mean_resultant_length)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> res = st.directional_stats(jnp.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> round(float(res.mean_resultant_length), 6)
    0.707107
    """
    name = "directional_stats"
    x = _checked(name, samples, "propagate", "samples")
    if x.ndim < 2:
        raise ValueError(f"{name}(): samples must be at least two-dimensional, got shape "
                         f"{x.shape}")
    if not -x.ndim <= axis < x.ndim:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for array of "
                                      f"dimension {x.ndim}")
    return _directional(jnp.moveaxis(x, axis, 0), bool(normalize))


@public
def _obrien(a):
    n = a.shape[-1]
    dev = jnp.square(jnp.subtract(a, jnp.mean(a, axis=0)))
    ss = jnp.sum(dev, axis=0)
    # O'Brien (1981): r = ((n - 1.5) n (x - xbar)^2 - 0.5 s^2 (n - 1)) / ((n - 1)(n - 2)),
    # whose mean is the sample variance s^2; s^2 (n - 1) = sum (x - xbar)^2
    num = jnp.subtract(jnp.multiply(dev, (n - 1.5) * n), jnp.multiply(ss, 0.5))
    return jnp.divide(num, float((n - 1) * (n - 2)))


def obrientransform(*samples):
    """O'Brien's transform of each sample, for tests of equal variances
    (scipy.stats.obrientransform).

    Each value becomes ``((n - 1.5) n (x - mean)^2 - 0.5 sum((x - mean)^2))
    / ((n - 1)(n - 2))``: the mean of
    the transformed sample is its variance.

    Parameters
    ----------
    *samples : array_like
        One or more 1-D samples (scipy mixes the axes of an n-D sample).

    Returns
    -------
    Array or list of Arrays
        The samples stacked when they have one shape, else a list (scipy
        returns a NumPy object array there).

    Differences from scipy: scipy's check that each transformed mean equals
    the sample variance (a ValueError) is not made; the values are returned.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> [round(v, 4) for v in st.obrientransform(jnp.array([1.0, 2.0, 3.0, 4.0]))[0].tolist()]
    [3.3333, 0.0, 0.0, 3.3333]
    """
    name = "obrientransform"
    if not samples:
        raise TypeError(f"{name}() needs at least one sample")
    out = []
    for k, a in enumerate(samples):
        a = _checked(name, a, "propagate", f"samples[{k}]")
        if a.ndim != 1:
            raise ValueError(f"{name}(): samples[{k}] must be one-dimensional, got shape "
                             f"{a.shape}")
        out.append(_obrien(a))
    if all(o.shape == out[0].shape for o in out):
        return jnp.stack(out)
    return out
