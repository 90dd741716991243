"""numpy's order statistics, correlations and histograms: median, quantile,
percentile (and their NaN-ignoring variants), cov, corrcoef, the histogram
family, bincount and digitize.

Quantiles: one core (``_quantile``) sorts the reduced axes (moved last and
merged) and evaluates numpy's 13 ``method=`` definitions (Hyndman & Fan,
"Sample quantiles in statistical packages", 1996) from a *virtual index*
``v`` into the sorted sample: discrete methods pick one order statistic,
continuous ones interpolate between ``floor(v)`` and ``floor(v) + 1`` with a
method-specific weight.  The order statistics are read with one batched
gather; ``median`` of a NaN-free sample reads its two middle elements with
static slices instead.

Histograms: integer ``bins`` give equal-width bins whose index is computed
arithmetically (then corrected against the exact edges, like numpy); explicit
edges use ``searchsorted``.  Counts are accumulated with ``scatter_add``.

Static-shape differences from numpy (jax's semantics): ``bincount`` needs a
static ``length=`` under jit (it is read from the data only on concrete
inputs); string bin estimators are not supported (the number of bins would
depend on the data); values that numpy rejects after looking at them (q
outside [0, 1], negative weights, negative bincount inputs) are not checked:
q is clipped into range, negative weights give NaN, negative bincount inputs
count as 0.  Unweighted histogram counts are integers, like numpy's
(jax.numpy.histogram returns floats).
"""

from __future__ import annotations

import builtins
import math
import operator

import jax
import numpy as np

from .. import dtypes, lax
from . import ufuncs
from ._util import (
    asarray,
    canonicalize_axes,
    check_arraylike,
    check_out,
    promote_dtypes_inexact,
    public,
)
from ._util import where as _select
from .sorting import searchsorted

__all__ = [
    "bincount", "corrcoef", "cov", "digitize", "histogram", "histogram2d",
    "histogram_bin_edges", "histogramdd", "median", "nanmedian", "nanpercentile",
    "nanquantile", "percentile", "quantile",
]


def _arr(name, x, argname="a"):
    check_arraylike(name, x, argnames=(argname,))
    return asarray(x, name=name)


def _c(x, value):
    return np.array(value, dtype=x.dtype)


def _full(shape, value, dt):
    return lax.broadcast_in_dim(np.array(value, dt), tuple(shape), ())


def _last(x):
    """``x[..., -1]``."""
    n = x.shape[-1]
    start = (0,) * (x.ndim - 1) + (n - 1,)
    return lax.squeeze(lax.slice(x, start, x.shape), (x.ndim - 1,))


def _at(x, i):
    """``x[..., i]`` for a static ``i``."""
    start = (0,) * (x.ndim - 1) + (i,)
    limit = x.shape[:-1] + (i + 1,)
    return lax.squeeze(lax.slice(x, start, limit), (x.ndim - 1,))


# --- quantiles ------------------------------------------------------------------------------
# Continuous methods: v = n q + alpha + q (1 - alpha - beta) - 1 (H&F's (alpha, beta)).
_CONTINUOUS = {
    "interpolated_inverted_cdf": (0.0, 1.0),
    "hazen": (0.5, 0.5),
    "weibull": (0.0, 0.0),
    "linear": (1.0, 1.0),
    "median_unbiased": (1.0 / 3, 1.0 / 3),
    "normal_unbiased": (3.0 / 8, 3.0 / 8),
}
_METHODS = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation",
            *_CONTINUOUS, "lower", "higher", "midpoint", "nearest")


def _split(V, scale):
    """``(floor(V / scale), frac)`` with the floor exact: XLA turns a division by a
    constant into a multiplication by its (inexact) reciprocal, so the quotient
    is corrected with exact integer multiples of ``scale``."""
    if scale == 1:
        j = ufuncs.floor(V)
        return j, lax.sub(V, j)
    s = _c(V, scale)
    one = _c(V, 1)
    j = ufuncs.floor(lax.div(V, s))
    j = _select(lax.le(lax.mul(lax.add(j, one), s), V), lax.add(j, one), j)
    j = _select(lax.gt(lax.mul(j, s), V), lax.sub(j, one), j)
    return j, lax.div(lax.sub(V, lax.mul(j, s)), s)


def _order_statistics(method, n, p, scale):
    """For ``method`` at quantile ``p / scale`` of samples of size ``n`` (both
    broadcast): the lower order statistic (as a float index) and the weight of
    the next one (None: the method picks one order statistic).

    The virtual index ``v`` is formed scaled, ``V = scale * v``, from ``p``
    directly, so percentiles hit order statistics exactly like numpy's float64
    arithmetic does (e.g. the 50th percentile of 6 values, v = 2)."""
    mul, add, sub = lax.mul, lax.add, lax.sub
    one, half = _c(p, 1.0), _c(p, 0.5)
    sc = _c(p, scale)
    if method in _CONTINUOUS:
        alpha, beta = _CONTINUOUS[method]
        if method == "linear":
            V = mul(sub(n, one), p)
        else:
            V = sub(add(mul(n, p), add(_c(p, alpha * scale), mul(p, _c(p, 1 - alpha - beta)))),
                    sc)
        return _split(V, scale)
    if method in ("lower", "higher", "nearest", "midpoint"):
        j, frac = _split(mul(sub(n, one), p), scale)
        zero = lax.eq(frac, _c(frac, 0))
        if method == "lower":
            return j, None
        if method == "higher":
            return _select(zero, j, add(j, one)), None
        if method == "nearest":      # round half to even, like numpy's around
            odd = lax.eq(ufuncs.mod(j, _c(j, 2.0)), one)
            up = lax.or_(lax.gt(frac, half), lax.and_(lax.eq(frac, half), odd))
            return _select(up, add(j, one), j), None
        return j, _select(zero, _c(frac, 0.0), half)
    # The step methods decide "does n p / scale land on an order statistic (or halfway)?"
    # by comparisons with the rounded product m = n p only: XLA contracts n p - c into one
    # fused multiply-add, which skips the rounding of n p (numpy's float64 arithmetic
    # rounds it: 10 * 0.1 - 1 is 0 there, 5.6e-17 fused).
    m = mul(n, p)
    j0 = _split(m, scale)[0]                       # floor(m / scale), exact
    exact = lax.eq(m, mul(j0, sc))
    if method == "averaged_inverted_cdf":          # v = m - 1
        return sub(j0, one), _select(exact, half, one)
    if method == "inverted_cdf":                   # the next order statistic unless exact
        return _select(exact, sub(j0, one), j0), None
    # closest_observation, v = m - 1.5: halfway (v exact) takes the even order statistic
    # (1-based), else the nearest one
    two_m, mid = mul(m, _c(p, 2.0)), mul(add(mul(j0, _c(p, 2.0)), one), sc)
    is_half, past_half = lax.eq(two_m, mid), lax.ge(two_m, mid)
    j = sub(j0, one)
    odd = lax.eq(ufuncs.mod(j, _c(j, 2.0)), one)
    return _select(is_half, _select(odd, j, j0), _select(past_half, j0, j)), None


def _gather_last(x, idx):
    """``take_along_axis(x, idx, -1)`` for ``x`` of shape B + (n,), ``idx`` B + (k,)."""
    nb = x.ndim - 1
    dn = lax.GatherDimensionNumbers(offset_dims=(), collapsed_slice_dims=(nb,),
                                    start_index_map=(nb,),
                                    operand_batching_dims=tuple(range(nb)),
                                    start_indices_batching_dims=tuple(range(nb)))
    return lax.gather(x, lax.expand_dims(idx, (idx.ndim,)), dn, (1,) * (nb + 1),
                      indices_are_sorted=False, unique_indices=False,
                      mode=lax.GatherScatterMode.PROMISE_IN_BOUNDS)


def _reduce_axes_last(name, x, axis):
    """Move the reduced axes of ``x`` to the end, merged into one; return the
    array, the canonical axes and the kept shape."""
    axes = tuple(sorted(canonicalize_axes(axis, x.ndim, name)))
    kept = tuple(i for i in range(x.ndim) if i not in axes)
    kshape = tuple(x.shape[i] for i in kept)
    n = math.prod(x.shape[i] for i in axes)
    if axes != tuple(range(x.ndim - len(axes), x.ndim)):
        x = lax.transpose(x, kept + axes)
    return lax.reshape(x, kshape + (n,)), axes, kshape


def _weights_like(name, w, a_shape, axis, axes):
    w = _arr(name, w, "weights")
    if w.shape == tuple(a_shape):
        return w
    if axis is not None and w.shape == tuple(a_shape[i] for i in axes):
        return lax.broadcast_in_dim(w, tuple(a_shape), axes)
    raise ValueError(f"{name}(): 'weights' of shape {w.shape} must have the shape of 'a' "
                     f"{tuple(a_shape)} or of its reduced axes")


def _quantile(name, a, q, axis, method, keepdims, ignore_nan, weights, scale=1):
    if method not in _METHODS:
        raise ValueError(f"{name}(): 'method' must be one of {', '.join(_METHODS)}; got "
                         f"{method!r}")
    x = _arr(name, a)
    q = _arr(name, q, "q")
    if dtypes.is_complex(x.dtype) or dtypes.is_complex(q.dtype):
        raise TypeError(f"{name}(): 'a' and 'q' must be real, got complex input")
    if weights is not None and method != "inverted_cdf":
        raise ValueError(f"{name}(): only method='inverted_cdf' supports 'weights', got "
                         f"method={method!r}")
    x, qv = (asarray(t) for t in promote_dtypes_inexact(x, q))
    if x.ndim == 0:
        x = lax.reshape(x, (1,))
    qv = lax.convert_element_type(qv, qv.dtype, False)
    a_shape = x.shape
    if weights is not None:
        axes0 = tuple(sorted(canonicalize_axes(axis, x.ndim, name)))
        w = _weights_like(name, weights, a_shape, axis, axes0)
        if dtypes.is_complex(w.dtype):
            raise TypeError(f"{name}(): 'weights' must be real")
        w = lax.convert_element_type(w, x.dtype, False)
        w, _, _ = _reduce_axes_last(name, w, axis)
    x, axes, kshape = _reduce_axes_last(name, x, axis)
    n = x.shape[-1]
    if n == 0:
        raise ValueError(f"{name}(): cannot take a quantile of an empty slice")
    q_shape = qv.shape
    qf = lax.reshape(qv, (math.prod(q_shape),))
    k = qf.shape[0]
    if weights is not None:
        x, w = lax.sort_key_val(x, w, dimension=-1)
    else:
        x = lax.sort(x, dimension=-1)
    nan = ufuncs.isnan(x)
    count = lax.reduce_sum(lax.convert_element_type(lax.not_(nan), x.dtype), (x.ndim - 1,))
    bshape = kshape + (k,)
    qb = lax.broadcast_in_dim(qf, bshape, (len(kshape),))
    nb = (lax.broadcast_in_dim(count, bshape, tuple(range(len(kshape)))) if ignore_nan
          else _full(bshape, n, x.dtype))
    top = lax.sub(nb, _c(nb, 1))                      # last valid position
    if weights is not None:
        frac_q = qb if scale == 1 else lax.div(qb, _c(qb, scale))
        result = _weighted_inverted_cdf(x, w, nan, frac_q, top)
    else:
        lo, g = _order_statistics(method, nb, qb, scale)
        clip = lambda t: lax.clamp(_c(t, 0), t, lax.max(top, _c(top, 0)))  # noqa: E731
        as_idx = lambda t: lax.convert_element_type(clip(t), np.int32)      # noqa: E731
        result = _gather_last(x, as_idx(lo))
        if g is not None:
            hi_val = _gather_last(x, as_idx(lax.add(lo, _c(lo, 1))))
            result = _lerp(result, hi_val, g)
    if ignore_nan:
        bad = lax.eq(nb, _c(nb, 0))
    else:
        bad = lax.broadcast_in_dim(lax.reduce_or(nan, (x.ndim - 1,)), bshape,
                                   tuple(range(len(kshape))))
    result = _select(bad, _c(result, np.nan), result)
    # B + (k,) -> q_shape + B (+ kept size-1 axes)
    result = lax.transpose(result, (len(kshape),) + tuple(range(len(kshape))))
    if keepdims:
        out_b = tuple(1 if i in axes else a_shape[i] for i in range(len(a_shape)))
    else:
        out_b = kshape
    return lax.reshape(result, q_shape + out_b)


def _lerp(a, b, t):
    """a + (b - a) t, evaluated from the nearer end (exact at t = 0 and t = 1)."""
    d = lax.sub(b, a)
    return _select(lax.ge(t, _c(t, 0.5)), lax.sub(b, lax.mul(d, lax.sub(_c(t, 1), t))),
                   lax.add(a, lax.mul(d, t)))


def _weighted_inverted_cdf(x, w, nan, qb, top):
    """Smallest sorted value whose cumulative weight reaches ``q`` of the total."""
    bad_w = lax.or_(lax.lt(w, _c(w, 0)), ufuncs.isnan(w))
    w = _select(lax.or_(bad_w, nan), _c(w, 0), w)
    cw = lax.cumsum(w, x.ndim - 1)
    total = _last(cw)
    nb = x.ndim - 1
    target = lax.mul(qb, lax.broadcast_in_dim(total, qb.shape, tuple(range(nb))))
    # count of cumulative weights below the target = searchsorted(cw, target, 'left')
    full = qb.shape + (x.shape[-1],)
    below = lax.lt(lax.broadcast_in_dim(cw, full, tuple(range(nb)) + (nb + 1,)),
                   lax.broadcast_in_dim(target, full, tuple(range(nb + 1))))
    idx = lax.reduce_sum(lax.convert_element_type(below, x.dtype), (nb + 1,))
    idx = lax.clamp(_c(idx, 0), idx, lax.max(top, _c(top, 0)))
    out = _gather_last(x, lax.convert_element_type(idx, np.int32))
    any_bad = lax.broadcast_in_dim(lax.reduce_or(bad_w, (nb,)), qb.shape, tuple(range(nb)))
    return _select(any_bad, _c(out, np.nan), out)


_QDOC = """{summary}

    Parameters
    ----------
    a : array_like
        Input data (real).
    q : array_like of float
        {qdesc}; any shape (it leads the result's shape).
    axis : None, int or tuple of ints, optional
        Axes to reduce over (default: all).
    out : None
        Not supported; must be None.
    overwrite_input : bool
        Ignored (jax arrays are immutable).
    method : str, default 'linear'
        One of numpy's methods: 'inverted_cdf', 'averaged_inverted_cdf',
        'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull',
        'linear', 'median_unbiased', 'normal_unbiased', 'lower', 'higher',
        'midpoint', 'nearest'.
    keepdims : bool, default False
        Keep the reduced axes with length one.
    weights : array_like, optional
        Weights of ``a``'s elements (its shape, or that of the reduced axes);
        only with ``method='inverted_cdf'``.

    Returns
    -------
    jax.Array
        Shape ``q.shape`` followed by the non-reduced shape; floating point.
        {nan}

    Notes
    -----
    Differences from NumPy: ``q`` is not checked against its range (values are
    clipped into the sample); negative weights give NaN instead of an error.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.{name}(jnp.array([1., 2., 3., 4.]), {qex})
    {example}
    """


def _qdoc(summary, qdesc, nan, qex, example):
    def deco(f):
        f.__doc__ = _QDOC.format(summary=summary, qdesc=qdesc, nan=nan, qex=qex,
                                 example=example, name=f.__name__)
        return f
    return deco


_NAN_PROP = "A slice holding a NaN gives NaN."
_NAN_SKIP = "NaNs are ignored; an all-NaN slice gives NaN."


@public(static=("axis", "overwrite_input", "method", "keepdims"))
@_qdoc("The q-th quantiles of the data along the given axes.",
       "Quantiles, in [0, 1]", _NAN_PROP, "0.25", "Array(1.75, dtype=float32)")
def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
             keepdims=False, *, weights=None):
    check_out("quantile", out)
    return _quantile("quantile", a, q, axis, method, keepdims, False, weights)


@public(static=("axis", "overwrite_input", "method", "keepdims"))
@_qdoc("The q-th quantiles of the data along the given axes, ignoring NaNs.",
       "Quantiles, in [0, 1]", _NAN_SKIP, "0.25", "Array(1.75, dtype=float32)")
def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                keepdims=False, *, weights=None):
    check_out("nanquantile", out)
    return _quantile("nanquantile", a, q, axis, method, keepdims, True, weights)


@public(static=("axis", "overwrite_input", "method", "keepdims"))
@_qdoc("The q-th percentiles of the data along the given axes.",
       "Percentiles, in [0, 100]", _NAN_PROP, "25", "Array(1.75, dtype=float32)")
def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
               keepdims=False, *, weights=None):
    check_out("percentile", out)
    return _quantile("percentile", a, q, axis, method, keepdims, False, weights, 100)


@public(static=("axis", "overwrite_input", "method", "keepdims"))
@_qdoc("The q-th percentiles of the data along the given axes, ignoring NaNs.",
       "Percentiles, in [0, 100]", _NAN_SKIP, "25", "Array(1.75, dtype=float32)")
def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                  keepdims=False, *, weights=None):
    check_out("nanpercentile", out)
    return _quantile("nanpercentile", a, q, axis, method, keepdims, True, weights, 100)


@public(static=("axis", "overwrite_input", "keepdims"))
def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """The median along the given axes (NaN if a slice holds a NaN).

    Parameters
    ----------
    a : array_like
        Input data (real).
    axis : None, int or tuple of ints, optional
        Axes to reduce over (default: all).
    out : None
        Not supported; must be None.
    overwrite_input : bool
        Ignored.
    keepdims : bool, default False
        Keep the reduced axes with length one.

    Returns
    -------
    jax.Array
        The medians (mean of the two middle values for an even count).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.median(jnp.array([[1., 5., 2.], [4., 3., 6.]]), axis=1)
    Array([2., 4.], dtype=float32)
    """
    name = "median"
    check_out(name, out)
    x = _arr(name, a)
    if dtypes.is_complex(x.dtype):
        raise TypeError(f"{name}(): 'a' must be real, got complex input")
    (x,) = promote_dtypes_inexact(x)
    x = asarray(x)
    if x.ndim == 0:
        x = lax.reshape(x, (1,))
    a_shape = x.shape
    x, axes, kshape = _reduce_axes_last(name, x, axis)
    n = x.shape[-1]
    if n == 0:
        raise ValueError(f"{name}(): cannot take the median of an empty slice")
    s = lax.sort(x, dimension=-1)
    # the sample is sorted, so the two middle order statistics are static slices
    lo, hi = _at(s, (n - 1) // 2), _at(s, n // 2)
    out_ = lo if n % 2 else lax.mul(lax.add(lo, hi), _c(lo, 0.5))
    out_ = _select(ufuncs.isnan(_last(s)), _c(out_, np.nan), out_)   # NaNs sort last
    if keepdims:
        out_ = lax.reshape(out_, tuple(1 if i in axes else a_shape[i]
                                       for i in range(len(a_shape))))
    return out_


@public(static=("axis", "overwrite_input", "keepdims"))
def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """The median along the given axes, ignoring NaNs.

    Parameters
    ----------
    a : array_like
        Input data (real).
    axis : None, int or tuple of ints, optional
        Axes to reduce over (default: all).
    out : None
        Not supported; must be None.
    overwrite_input : bool
        Ignored.
    keepdims : bool, default False
        Keep the reduced axes with length one.

    Returns
    -------
    jax.Array
        The medians of the non-NaN values (NaN for an all-NaN slice).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanmedian(jnp.array([1., jnp.nan, 3., 4.]))
    Array(3., dtype=float32)
    """
    check_out("nanmedian", out)
    return _quantile("nanmedian", a, 0.5, axis, "midpoint", keepdims, True, None)


# --- cov, corrcoef --------------------------------------------------------------------------------
def _as_2d(x):
    return lax.reshape(x, (1,) * (2 - x.ndim) + x.shape) if x.ndim < 2 else x


def _matmul_conj(x, y):
    """x @ conj(y).T for 2-D x, y."""
    if dtypes.is_complex(y.dtype):
        y = ufuncs.conj(y)
    return lax.dot_general(x, y, (((1,), (1,)), ((), ())))


@public(static=("rowvar", "bias", "ddof", "dtype"))
def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None,
        dtype=None):
    """Covariance matrix of variables given by observations.

    Parameters
    ----------
    m : array_like
        1-D or 2-D: each row a variable, each column an observation (the
        transpose if ``rowvar`` is False).
    y : array_like, optional
        More variables, laid out like ``m``.
    rowvar : bool, default True
        Whether rows (True) or columns are the variables.
    bias : bool, default False
        Normalise by ``N`` instead of ``N - 1``.
    ddof : int, optional
        Overrides ``bias``: the divisor is ``N - ddof``.
    fweights : array_like of int, optional
        1-D frequency weights (repeat counts) of the observations.
    aweights : array_like, optional
        1-D observation weights (relative importance).
    dtype : dtype, optional
        Result dtype (default: floating point of the inputs).

    Returns
    -------
    jax.Array
        The covariance matrix (a scalar for a single variable).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.cov(jnp.array([[0., 1., 2.], [2., 1., 0.]]))
    Array([[ 1., -1.],
           [-1.,  1.]], dtype=float32)
    """
    name = "cov"
    x = _arr(name, m, "m")
    if x.ndim > 2:
        raise ValueError(f"{name}(): argument 'm' has more than 2 dimensions")
    parts = [x]
    if y is not None:
        yy = _arr(name, y, "y")
        if yy.ndim > 2:
            raise ValueError(f"{name}(): argument 'y' has more than 2 dimensions")
        parts.append(yy)
    if ddof is not None and not isinstance(ddof, (int, np.integer)):
        raise ValueError(f"{name}(): 'ddof' must be an integer, got {ddof!r}")
    parts = [asarray(t) for t in promote_dtypes_inexact(*parts)]
    if dtype is not None:
        dt = dtypes.to_inexact_dtype(dtypes.check_user_dtype(dtype, name))
        parts = [lax.convert_element_type(t, dt, False) for t in parts]
    xs = []
    for t in parts:
        t = _as_2d(t)
        if not rowvar and t.shape[0] != 1:
            t = lax.transpose(t, (1, 0))
        xs.append(t)
    if len(xs) == 2 and xs[0].shape[1] != xs[1].shape[1]:
        raise ValueError(f"{name}(): 'm' and 'y' must have the same number of observations, "
                         f"got {xs[0].shape[1]} and {xs[1].shape[1]}")
    X = lax.concatenate(xs, 0) if len(xs) == 2 else xs[0]
    nvar, nobs = X.shape
    if ddof is None:
        ddof = 0 if bias else 1
    rdt = dtypes.to_floating_dtype(X.dtype) if dtypes.is_complex(X.dtype) else X.dtype
    w = None
    for wname, wv in (("fweights", fweights), ("aweights", aweights)):
        if wv is None:
            continue
        wa = _arr(name, wv, wname)
        if wname == "fweights" and not (dtypes.is_integer(wa.dtype) or wa.dtype == np.bool_):
            raise TypeError(f"{name}(): 'fweights' must be integers, got dtype {wa.dtype}")
        if wa.ndim != 1 or wa.shape[0] != nobs:
            raise ValueError(f"{name}(): '{wname}' must be 1-D with one entry per observation "
                             f"({nobs}), got shape {wa.shape}")
        wa = lax.convert_element_type(wa, rdt, False)
        w = wa if w is None else lax.mul(w, wa)
    if w is None:
        avg = lax.div(lax.reduce_sum(X, (1,)), _c(X, nobs))
        fact = lax.convert_element_type(np.array(nobs - ddof, rdt), rdt)
    else:
        w_sum = lax.reduce_sum(w, (0,))
        wx = lax.mul(X, lax.convert_element_type(
            lax.broadcast_in_dim(w, X.shape, (1,)), X.dtype))
        avg = lax.div(lax.reduce_sum(wx, (1,)), lax.convert_element_type(w_sum, X.dtype))
        if ddof == 0:
            fact = w_sum
        elif aweights is None:
            fact = lax.sub(w_sum, _c(w_sum, ddof))
        else:
            aw = lax.convert_element_type(_arr(name, aweights, "aweights"), rdt, False)
            fact = lax.sub(w_sum, lax.div(lax.mul(_c(w_sum, ddof),
                                                  lax.reduce_sum(lax.mul(w, aw), (0,))), w_sum))
    fact = lax.max(fact, _c(fact, 0))
    Xc = lax.sub(X, lax.broadcast_in_dim(avg, X.shape, (0,)))
    Xw = Xc if w is None else lax.mul(Xc, lax.convert_element_type(
        lax.broadcast_in_dim(w, X.shape, (1,)), X.dtype))
    c = _matmul_conj(Xc, Xw)          # numpy: X @ (X * w).conj().T
    c = lax.div(c, lax.convert_element_type(fact, c.dtype))
    return lax.reshape(c, ()) if nvar == 1 else c


@public(static=("rowvar", "dtype"))
def corrcoef(x, y=None, rowvar=True, dtype=None):
    """Pearson correlation coefficients.

    Parameters
    ----------
    x : array_like
        1-D or 2-D variables (rows, unless ``rowvar`` is False).
    y : array_like, optional
        More variables, laid out like ``x``.
    rowvar : bool, default True
        Whether rows (True) or columns are the variables.
    dtype : dtype, optional
        Result dtype.

    Returns
    -------
    jax.Array
        The correlation matrix, real parts clipped to [-1, 1].

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.corrcoef(jnp.array([[0., 1., 2.], [2., 1., 0.]]))
    Array([[ 1., -1.],
           [-1.,  1.]], dtype=float32)
    """
    c = cov(x, y, rowvar, dtype=dtype)
    if c.ndim == 0:
        return lax.div(c, c)
    n = c.shape[0]
    eye = lax.eq(lax.iota(np.int32, (n, n), 0), lax.iota(np.int32, (n, n), 1))
    d = lax.reduce_sum(_select(eye, c, _c(c, 0)), (1,))
    sd = lax.sqrt(ufuncs.real(d) if dtypes.is_complex(d.dtype) else d)
    sd = lax.convert_element_type(sd, c.dtype)
    c = lax.div(c, lax.broadcast_in_dim(sd, (n, n), (0,)))
    c = lax.div(c, lax.broadcast_in_dim(sd, (n, n), (1,)))
    one = np.array(1, dtypes.to_floating_dtype(c.dtype) if dtypes.is_complex(c.dtype)
                   else c.dtype)
    if dtypes.is_complex(c.dtype):
        re = lax.clamp(-one, ufuncs.real(c), one)
        im = lax.clamp(-one, ufuncs.imag(c), one)
        return lax.complex(re, im)
    return lax.clamp(-one, c, one)


# --- bincount, digitize ---------------------------------------------------------------------------
def _scatter_add_1d(length, idx, updates):
    """``zeros(length).at[idx].add(updates)``; out-of-range indices are dropped."""
    dn = lax.ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,),
                                     scatter_dims_to_operand_dims=(0,))
    zeros = _full((length,), 0, updates.dtype)
    if length == 0 or idx.size == 0:   # nothing to add (XLA rejects a scatter into (0,))
        return zeros
    return lax.scatter_add(zeros, lax.expand_dims(idx, (1,)), updates, dn,
                           mode=lax.GatherScatterMode.FILL_OR_DROP)


@public(static=("length",))
def _bincount(x, weights, length):
    name = "bincount"
    v = _arr(name, x, "x")
    if v.ndim != 1:
        raise ValueError(f"{name}(): argument 'x' must be 1-D, got shape {v.shape}")
    if not (dtypes.is_integer(v.dtype) or v.dtype == np.bool_):
        raise TypeError(f"{name}(): argument 'x' must be integers, got dtype {v.dtype}")
    if v.dtype == np.bool_:
        v = lax.convert_element_type(v, np.int32, False)
    # Clip in x's own dtype before narrowing to int32, so that large (e.g. uint32 or
    # int64) values land past the last bin and are dropped instead of wrapping around;
    # values that fit in int32 need no clip (the scatter drops indices >= length).
    if np.iinfo(v.dtype).max > np.iinfo(np.int32).max:
        v = lax.min(v, _c(v, length))
    if dtypes.is_signed(v.dtype):
        v = lax.max(v, _c(v, 0))        # jax's rule: negative values count as 0
    idx = lax.convert_element_type(v, np.int32, False) if v.dtype != np.int32 else v
    if weights is None:
        upd = _full(idx.shape, 1, dtypes.default_int_dtype())
    else:
        upd = _arr(name, weights, "weights")
        if upd.shape != v.shape:
            raise ValueError(f"{name}(): 'weights' must have the shape of 'x' {v.shape}, got "
                             f"{upd.shape}")
        if upd.dtype == np.bool_:
            upd = lax.convert_element_type(upd, dtypes.default_int_dtype(), False)
    return _scatter_add_1d(length, idx, upd)


def bincount(x, weights=None, minlength=0, *, length=None):
    """Count occurrences of each value in an array of non-negative ints.

    Parameters
    ----------
    x : array_like of int
        1-D input.
    weights : array_like, optional
        Weights, same shape as ``x``: ``out[n]`` sums the weights where ``x == n``.
    minlength : int, default 0
        Minimum number of bins.
    length : int, optional
        jax extension: the exact number of bins (static).  Required under
        jit/vmap/grad, where the largest value of ``x`` is not known; values
        ``>= length`` are dropped.

    Returns
    -------
    jax.Array
        Counts (default int) or summed weights (floating point).

    Notes
    -----
    Differences from NumPy: negative values count as 0 instead of raising
    (jax's rule; the check would need the data).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.bincount(jnp.array([0, 1, 1, 3]))
    Array([1, 2, 0, 1], dtype=int32)
    >>> jnp.bincount(jnp.array([0, 1, 1, 3]), length=3)
    Array([1, 2, 0], dtype=int32)
    """
    name = "bincount"
    try:
        minlength = operator.index(minlength)
    except TypeError:
        raise TypeError(f"{name}(): 'minlength' must be an integer") from None
    if minlength < 0:
        raise ValueError(f"{name}(): 'minlength' must be non-negative, got {minlength}")
    if length is None:
        check_arraylike(name, x, argnames=("x",))
        if isinstance(x, jax.core.Tracer):
            raise ValueError(f"{name}(): under jit/vmap/grad the number of bins must be static: "
                             "pass length=")
        host = np.asarray(x)
        top = int(host.max()) + 1 if host.size else 0
        length = builtins.max(minlength, top)
    else:
        try:
            length = operator.index(length)
        except TypeError:
            raise TypeError(f"{name}(): 'length' must be an integer") from None
        if length < 0:
            raise ValueError(f"{name}(): 'length' must be non-negative, got {length}")
    return _bincount(x, weights, length)


bincount.__module__ = "jaxwrap.numpy"


@public(static=("right", "method"))
def digitize(x, bins, right=False, *, method=None):
    """Indices of the bins to which each value belongs.

    Parameters
    ----------
    x : array_like
        Values to bin.
    bins : array_like
        1-D monotonic (increasing or decreasing) bin edges.
    right : bool, default False
        Whether intervals include their right edge instead of their left.
    method : str, optional
        jax extension: the :func:`searchsorted` method.

    Returns
    -------
    jax.Array
        Integer bin indices, shape of ``x``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.digitize(jnp.array([0.2, 6.4, 3.0]), jnp.array([0., 1., 2.5, 4.]))
    Array([1, 4, 3], dtype=int32)
    """
    name = "digitize"
    xv, b = _arr(name, x, "x"), _arr(name, bins, "bins")
    if b.ndim != 1:
        raise ValueError(f"{name}(): 'bins' must be 1-D, got shape {b.shape}")
    if dtypes.is_complex(xv.dtype) or dtypes.is_complex(b.dtype):
        raise TypeError(f"{name}(): complex input is not supported")
    n = b.shape[0]
    if n == 0:
        return _full(xv.shape, 0, dtypes.default_int_dtype())
    side = "left" if right else "right"
    kw = {} if method is None else {"method": method}
    inc = searchsorted(b, xv, side=side, **kw)
    dec = lax.sub(_c(inc, n), searchsorted(lax.rev(b, (0,)), xv, side=side, **kw))
    increasing = lax.ge(_last(b), _at(b, 0))
    return _select(increasing, inc, dec)


# --- histograms -----------------------------------------------------------------------------------
def _static_bins(name, bins):
    if isinstance(bins, str):
        raise NotImplementedError(f"{name}(): string values of 'bins' ({bins!r}) are not "
                                  "supported: the number of bins would depend on the data; "
                                  "pass an int or the bin edges")
    if (isinstance(bins, (np.ndarray, jax.Array)) and bins.ndim == 0
            and bins.dtype.kind in "iu"):
        try:   # a concrete 0-d integer array counts as an int, as in jax (bins=jnp.array(3))
            bins = int(bins)
        except jax.errors.ConcretizationTypeError:
            raise TypeError(f"{name}(): a traced 0-d 'bins' cannot set the number of bins; "
                            "pass a Python int or the bin edges") from None
    if isinstance(bins, (int, np.integer)) and not isinstance(bins, bool):
        if bins < 1:
            raise ValueError(f"{name}(): 'bins' must be a positive integer, got {bins}")
        return int(bins)
    return None


def _check_range(name, rng):
    """numpy's checks of a concrete ``range=`` pair (traced pairs cannot be checked)."""
    if rng is None:
        return
    if len(rng) != 2:
        raise ValueError(f"{name}(): 'range' must be a pair (min, max)")
    if any(isinstance(v, jax.core.Tracer) for v in rng):
        return
    lo, hi = (float(np.asarray(v)) for v in rng)
    if not (np.isfinite(lo) and np.isfinite(hi)):
        raise ValueError(f"{name}(): 'range' [{lo}, {hi}] is not finite")
    if lo > hi:
        raise ValueError(f"{name}(): 'range' max must be larger than min, got {rng}")


def _range_pair(name, data, rng, dt):
    """(first, last) edge as rank-0 arrays of ``dt``."""
    if rng is None:
        if data.size == 0:
            lo, hi = np.array(0, dt), np.array(1, dt)
        else:
            lo = lax.convert_element_type(lax.reduce_min(data, tuple(range(data.ndim))), dt)
            hi = lax.convert_element_type(lax.reduce_max(data, tuple(range(data.ndim))), dt)
    else:
        if len(rng) != 2:
            raise ValueError(f"{name}(): 'range' must be a pair (min, max)")
        lo, hi = (lax.convert_element_type(asarray(v), dt, False) for v in rng)
    same = lax.eq(lo, hi)
    half = np.array(0.5, dt)
    return (_select(same, lax.sub(lo, half), lo), _select(same, lax.add(hi, half), hi))


def _edges(name, data, bins, rng, dt):
    """Bin edges and, for equal-width bins, (lo, hi, nbins); else None."""
    nb = _static_bins(name, bins)
    if nb is None:
        e = _arr(name, bins, "bins")
        if e.ndim != 1 or e.shape[0] < 2:
            raise ValueError(f"{name}(): 'bins' must be an int or a 1-D array of at least 2 "
                             f"edges, got shape {e.shape}")
        return lax.convert_element_type(e, dt, False), None
    lo, hi = _range_pair(name, data, rng, dt)
    k = lax.iota(dt, (nb + 1,))
    lo_b, hi_b = (lax.broadcast_in_dim(t, (nb + 1,), ()) for t in (lo, hi))
    step = lax.div(lax.sub(hi_b, lo_b), _c(hi_b, nb))
    e = _select(lax.eq(k, _c(k, nb)), hi_b, lax.add(lax.mul(k, step), lo_b))
    return e, (lo, hi, nb)


def _bin_index(data, edges, uniform):
    """Bin of each value (int32), or ``nbins`` (out of range, dropped) for values
    outside [first edge, last edge]; the last bin includes its right edge."""
    nbins = edges.shape[0] - 1
    if uniform is None:
        i = lax.sub(searchsorted(edges, data, side="right"), np.int32(1))
        i = lax.convert_element_type(i, np.int32)
        last = _at(edges, nbins)
        i = _select(lax.eq(data, lax.broadcast_in_dim(last, data.shape, ())),
                    _c(i, nbins - 1), i)
    else:
        lo, hi, nb = uniform
        shp = data.shape
        lo_b, hi_b = (lax.broadcast_in_dim(t, shp, ()) for t in (lo, hi))
        step = lax.div(lax.sub(hi_b, lo_b), _c(hi_b, nb))
        f = lax.div(lax.sub(data, lo_b), step)
        f = lax.clamp(_c(f, -1), f, _c(f, nb + 1))      # also maps NaN -> handled below
        i = lax.convert_element_type(ufuncs.floor(f), np.int32)
        i = lax.clamp(np.int32(0), i, np.int32(nb - 1))
        # rounding can put a value one bin off: compare with the exact edges
        fi = lax.convert_element_type(i, data.dtype)

        def edge(k):
            e = lax.add(lax.mul(k, step), lo_b)
            return _select(lax.eq(k, _c(k, nb)), hi_b, e)

        i = _select(lax.lt(data, edge(fi)), lax.sub(i, np.int32(1)), i)
        fi = lax.convert_element_type(i, data.dtype)
        up = lax.and_(lax.ge(data, edge(lax.add(fi, _c(fi, 1)))), lax.ne(i, np.int32(nb - 1)))
        i = _select(up, lax.add(i, np.int32(1)), i)
        inside = lax.and_(lax.ge(data, lo_b), lax.le(data, hi_b))
        return _select(inside, i, np.int32(nbins))
    first = lax.broadcast_in_dim(_at(edges, 0), data.shape, ())
    last = lax.broadcast_in_dim(_at(edges, nbins), data.shape, ())
    inside = lax.and_(lax.ge(data, first), lax.le(data, last))
    return _select(inside, i, np.int32(nbins))


def _hist_weights(name, weights, shape, dt):
    if weights is None:
        return _full(shape, 1, dt)
    w = _arr(name, weights, "weights")
    if w.shape != tuple(shape):
        raise ValueError(f"{name}(): 'weights' must have the shape of the data {tuple(shape)}, "
                         f"got {w.shape}")
    return lax.convert_element_type(w, dtypes.result_type(w.dtype, dt), False)


def _data(name, a, argname="a"):
    v = _arr(name, a, argname)
    if dtypes.is_complex(v.dtype):
        raise TypeError(f"{name}(): complex input '{argname}' is not supported")
    (v,) = promote_dtypes_inexact(v)
    v = lax.convert_element_type(asarray(v), asarray(v).dtype, False)
    return v


@public(static=("bins",))
def _histogram_bin_edges(a, bins, range, weights):
    name = "histogram_bin_edges"
    x = _data(name, a)
    x = lax.reshape(x, (x.size,))
    return _edges(name, x, bins, range, x.dtype)[0]


def _hashable_bins(bins):
    """Ints and strings are static (they fix the number of bins); arrays are data."""
    return isinstance(bins, (int, np.integer, str)) and not isinstance(bins, bool)


def histogram_bin_edges(a, bins=10, range=None, weights=None):  # noqa: A002
    """The bin edges :func:`histogram` would use.

    Parameters
    ----------
    a : array_like
        Input data (flattened).
    bins : int or array_like, default 10
        Number of equal-width bins (static), or the edges themselves.
    range : (float, float), optional
        Lower and upper edge (default: the data's min and max).
    weights : array_like, optional
        Ignored (numpy uses them only for string estimators).

    Returns
    -------
    jax.Array
        The edges, floating point.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.histogram_bin_edges(jnp.array([0., 1., 4.]), bins=4)
    Array([0., 1., 2., 3., 4.], dtype=float32)
    """
    _check_range("histogram_bin_edges", range)
    if _hashable_bins(bins):
        return _histogram_bin_edges(a, bins, range, weights)
    return _histogram_bin_edges_arr(a, bins, range)


@public
def _histogram_bin_edges_arr(a, bins, range):  # noqa: A002
    name = "histogram_bin_edges"
    x = _data(name, a)
    e = _arr(name, bins, "bins")
    return _edges(name, x, e, range, x.dtype)[0]


histogram_bin_edges.__module__ = "jaxwrap.numpy"


def _density(counts, edges_list):
    """Counts / (total * bin volume)."""
    if not dtypes.is_inexact(counts.dtype):
        counts = lax.convert_element_type(counts, edges_list[0].dtype)
    total = lax.reduce_sum(counts, tuple(range(counts.ndim)))
    out = lax.div(counts, lax.broadcast_in_dim(total, counts.shape, ()))
    for d, e in enumerate(edges_list):
        n = e.shape[0]
        width = lax.sub(lax.slice(e, (1,), (n,)), lax.slice(e, (0,), (n - 1,)))
        out = lax.div(out, lax.broadcast_in_dim(lax.convert_element_type(width, out.dtype),
                                                out.shape, (d,)))
    return out


def _histdd(name, sample, bins_list, ranges, weights, density):
    """sample: (N, D) floating; bins_list: per-dim int or edges array."""
    npts, ndim = sample.shape
    dt = sample.dtype
    # unweighted counts are integers, like numpy's (jax.numpy.histogram gives floats)
    w = _hist_weights(name, weights, (npts,), dtypes.default_int_dtype()
                      if weights is None and not density else dt)
    flat = None
    edges_list, sizes = [], []
    for d in builtins.range(ndim):
        col = lax.reshape(lax.slice(sample, (0, d), (npts, d + 1)), (npts,))
        e, uni = _edges(name, col, bins_list[d], ranges[d], dt)
        idx = _bin_index(col, e, uni)
        nb = e.shape[0] - 1
        edges_list.append(e)
        sizes.append(nb)
        out_of_range = lax.eq(idx, np.int32(nb))
        if flat is None:
            flat, dropped = idx, out_of_range
        else:
            flat = lax.add(lax.mul(flat, np.int32(nb)), idx)
            dropped = lax.or_(dropped, out_of_range)
    total = math.prod(sizes)
    flat = _select(dropped, np.int32(total), flat)
    counts = lax.reshape(_scatter_add_1d(total, flat, w), tuple(sizes))
    if density:
        counts = _density(counts, edges_list)
    return counts, edges_list


def _split_bins(name, bins, ndim):
    """Per-dimension bins: one int for all, or a sequence of D ints / edge arrays."""
    if _static_bins(name, bins) is not None:
        return [bins] * ndim
    if isinstance(bins, (list, tuple)) and len(bins) == ndim:
        return list(bins)
    raise ValueError(f"{name}(): 'bins' must be an int or a sequence of {ndim} bin "
                     "specifications")


def _static_spec(bins):
    """Split ``bins`` into a static part (ints per dimension) and array edges.  A concrete
    0-d integer array is a count, as in jax (``bins=jnp.array(3)``)."""
    if (isinstance(bins, (np.ndarray, jax.Array)) and bins.ndim == 0 and bins.dtype.kind in "iu"
            and not isinstance(bins, jax.core.Tracer)):
        bins = int(bins)
    if isinstance(bins, (list, tuple)):
        static = tuple(b if _hashable_bins(b) else None for b in bins)
        arrays = tuple(None if _hashable_bins(b) else b for b in bins)
        return static, arrays
    if _hashable_bins(bins):
        return bins, None
    return None, bins


def _merge_spec(static, arrays):
    if isinstance(static, tuple):
        return [s if s is not None else a for s, a in zip(static, arrays)]
    return static if static is not None else arrays


@public(static=("static_bins", "density"))
def _histogram(a, static_bins, array_bins, range, weights, density):  # noqa: A002
    name = "histogram"
    bins = _merge_spec(static_bins, array_bins)
    x = _data(name, a)
    x = lax.reshape(x, (x.size,))
    w = None
    if weights is not None:
        w = _arr(name, weights, "weights")
        if w.shape != asarray(a).shape:
            raise ValueError(f"{name}(): 'weights' must have the shape of 'a' "
                             f"{asarray(a).shape}, got {w.shape}")
        w = lax.reshape(w, (x.size,))
    counts, edges = _histdd(name, lax.reshape(x, (x.size, 1)), [bins], [range], w, density)
    return counts, edges[0]


def histogram(a, bins=10, range=None, weights=None, density=None):  # noqa: A002
    """Histogram of a data set.

    Parameters
    ----------
    a : array_like
        Input data (flattened).
    bins : int or array_like, default 10
        Number of equal-width bins (static) or the monotonically increasing
        edges.  Every bin is half-open ``[e_i, e_{i+1})`` except the last,
        which includes its right edge.
    range : (float, float), optional
        Lower and upper edge for integer ``bins`` (default: the data's min and max).
    weights : array_like, optional
        A weight per value (shape of ``a``), summed instead of counting.
    density : bool, optional
        Normalise so the histogram integrates to 1.

    Returns
    -------
    hist : jax.Array
        Counts (default int, like numpy; jax.numpy gives floats), weight sums
        or densities.
    bin_edges : jax.Array
        The ``len(hist) + 1`` edges.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.histogram(jnp.array([1., 2., 1.]), bins=[0, 1, 2, 3])
    (Array([0, 2, 1], dtype=int32), Array([0., 1., 2., 3.], dtype=float32))
    """
    static, arrays = _static_spec(bins)
    if isinstance(static, str):
        _static_bins("histogram", static)
    _check_range("histogram", range)
    return _histogram(a, static, arrays, range, weights, bool(density))


histogram.__module__ = "jaxwrap.numpy"


@public(static=("static_bins", "density"))
def _histogramdd(sample, static_bins, array_bins, range, weights, density):  # noqa: A002
    name = "histogramdd"
    bins = _merge_spec(static_bins, array_bins)
    if isinstance(sample, (list, tuple)) and sample and all(np.ndim(s) == 1 for s in sample):
        cols = [_data(name, s, "sample") for s in sample]
        cols = [asarray(c) for c in promote_dtypes_inexact(*cols)]
        x = lax.concatenate([lax.reshape(c, (c.shape[0], 1)) for c in cols], 1)
    else:
        x = _data(name, sample, "sample")
        if x.ndim == 1:
            x = lax.reshape(x, (x.shape[0], 1))
        if x.ndim != 2:
            raise ValueError(f"{name}(): 'sample' must be 2-D (N, D), got shape {x.shape}")
    ndim = x.shape[1]
    bl = _split_bins(name, bins, ndim)
    rl = [None] * ndim if range is None else list(range)
    if len(rl) != ndim:
        raise ValueError(f"{name}(): 'range' must have one entry per dimension ({ndim})")
    return _histdd(name, x, bl, rl, weights, density)


def histogramdd(sample, bins=10, range=None, weights=None, density=None):  # noqa: A002
    """Multidimensional histogram.

    Parameters
    ----------
    sample : array_like
        Shape ``(N, D)``: N points in D dimensions (or a sequence of D 1-D arrays).
    bins : int, sequence of ints or sequence of arrays, default 10
        Bins per dimension: a count (static) or the edges.
    range : sequence of (float, float) or None, optional
        Per-dimension outer edges for integer bins.
    weights : array_like, optional
        A weight per point.
    density : bool, optional
        Normalise to a density.

    Returns
    -------
    hist : jax.Array
        D-dimensional counts (default int), weight sums or densities.
    edges : list of jax.Array
        The edges of each dimension.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> h, e = jnp.histogramdd(jnp.array([[0., 0.], [1., 1.], [1., 0.]]), bins=2)
    >>> h
    Array([[1, 0],
           [1, 1]], dtype=int32)
    """
    static, arrays = _static_spec(bins)
    for r in range or ():
        _check_range("histogramdd", r)
    return _histogramdd(sample, static, arrays, range, weights, bool(density))


histogramdd.__module__ = "jaxwrap.numpy"


def histogram2d(x, y, bins=10, range=None, weights=None, density=None):  # noqa: A002
    """Two-dimensional histogram of the points ``(x[i], y[i])``.

    Parameters
    ----------
    x, y : array_like
        1-D coordinates of the points.
    bins : int, array_like or [int or array_like, int or array_like], default 10
        Bins for both dimensions, or for each.
    range : [[xmin, xmax], [ymin, ymax]], optional
        Outer edges for integer bins.
    weights : array_like, optional
        A weight per point.
    density : bool, optional
        Normalise to a density.

    Returns
    -------
    hist : jax.Array
        Shape ``(nx, ny)`` counts (default int), weight sums or densities.
    xedges, yedges : jax.Array
        Edges along each dimension.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> h, xe, ye = jnp.histogram2d(jnp.array([0., 1.]), jnp.array([1., 1.]), bins=2)
    >>> h
    Array([[0, 1],
           [0, 1]], dtype=int32)
    """
    name = "histogram2d"
    check_arraylike(name, x, y, argnames=("x", "y"))
    if np.ndim(x) != 1 or np.ndim(y) != 1 or np.shape(x) != np.shape(y):
        raise ValueError(f"{name}(): 'x' and 'y' must be 1-D of equal length, got shapes "
                         f"{np.shape(x)} and {np.shape(y)}")
    if not (_static_bins(name, bins) is not None or (
            isinstance(bins, (list, tuple)) and len(bins) == 2)):
        bins = [bins, bins]
    h, edges = histogramdd([x, y], bins, range, weights, density)
    return h, edges[0], edges[1]


histogram2d.__module__ = "jaxwrap.numpy"
