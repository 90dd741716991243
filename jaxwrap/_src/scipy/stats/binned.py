"""Binned statistics of scipy.stats: binned_statistic, binned_statistic_2d,
binned_statistic_dd.

The number of bins is static (an int, or the length of explicit edges);
the edges themselves, the range and the data may be traced.  Each point
gets a bin number per dimension (``searchsorted``: 0 below the first edge,
``nbins + 1`` above the last or NaN; the last bin is closed), linearized
over the ``nbins + 2`` slots of every dimension like scipy's.  The
statistics come from one sort of the values by (bin, value):

* count, sum, mean, std: ``bincount`` over the linear bin numbers
  (std in two passes, about the bin means);
* min, max, median: the first, last and middle values of each bin's run
  in the sorted order.  A NaN sorts last in its bin, as in scipy: 'max' is
  then NaN, 'min' and 'median' are taken over the order with the NaN last.

Empty bins give NaN (0 for 'count' and 'sum'), as in scipy.

Differences from scipy: a callable ``statistic`` would be called on each
bin's values, whose number depends on the data, so only the callables that
name a supported statistic (``np.mean``, ``jnp.median``, ``len``...) are
accepted.  scipy puts a point within ``1e-6`` bin widths above the last
edge into the last bin; here only a point equal to the last edge is.
scipy raises for a non-finite sample; so does jaxwrap on concrete input,
while under tracing a NaN position falls in the outliers' slot ``nbins + 1``.
"""

from __future__ import annotations

import math
import operator
from typing import NamedTuple

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ... import lax as L
from ...numpy._util import check_arraylike, public

__all__ = ["binned_statistic", "binned_statistic_2d", "binned_statistic_dd"]


class BinnedStatisticResult(NamedTuple):
    statistic: jax.Array
    bin_edges: jax.Array
    binnumber: jax.Array


class BinnedStatistic2dResult(NamedTuple):
    statistic: jax.Array
    x_edge: jax.Array
    y_edge: jax.Array
    binnumber: jax.Array


class BinnedStatisticddResult(NamedTuple):
    statistic: jax.Array
    bin_edges: list
    binnumber: jax.Array


_STATISTICS = ("mean", "std", "median", "count", "sum", "min", "max")


def _callable_names():
    """Callables accepted for ``statistic``: those that compute a supported one."""
    out = {len: "count"}
    for mod in (np, jnp):
        for stat, fns in (("mean", ("mean",)), ("std", ("std",)), ("median", ("median",)),
                          ("sum", ("sum",)), ("min", ("min", "amin")),
                          ("max", ("max", "amax")), ("count", ("size",))):
            for f in fns:
                if hasattr(mod, f):
                    out[getattr(mod, f)] = stat
    return out


def _statistic(name, statistic):
    if callable(statistic):
        try:
            return _callable_names()[statistic]
        except (KeyError, TypeError):
            raise NotImplementedError(
                f"{name}(): a callable statistic is called on each bin's values, whose number "
                "depends on the data, so it cannot be traced; use one of "
                f"{_STATISTICS} (or numpy's function of that name)") from None
    if statistic not in _STATISTICS:
        raise ValueError(f"{name}(): statistic must be one of {_STATISTICS} or a callable, "
                         f"got {statistic!r}")
    return statistic


# --- the core: bin numbers and the statistic over every slot ------------------------------------
def _edges(x, nbins, given, rng):
    """Edges of one dimension: ``given``, else ``nbins + 1`` evenly spaced over
    ``rng`` (default the data's min and max); a zero-width range is widened by
    0.5 on each side (scipy's rule)."""
    if given is not None:
        return given
    if rng is None:
        lo, hi = jnp.min(x), jnp.max(x)
    else:
        lo, hi = (jnp.asarray(r, x.dtype) for r in rng)
    flat = jnp.equal(lo, hi)
    lo = jnp.where(flat, jnp.subtract(lo, 0.5), lo)
    hi = jnp.where(flat, jnp.add(hi, 0.5), hi)
    return jnp.linspace(lo, hi, nbins + 1, dtype=x.dtype)


def _bin_index(x, edges):
    """numpy.digitize(x, edges) with the last bin closed: 0 below, len(edges) above or NaN."""
    k = jnp.searchsorted(edges, x, side="right")
    top = jnp.squeeze(L.slice(edges, (edges.shape[0] - 1,), edges.shape), 0)
    return jnp.subtract(k, jnp.astype(jnp.equal(x, top), k.dtype))


def _run_stat(stat, v, lin, cnt):
    """min, max or median of each slot from the values sorted by (slot, value)."""
    order = jnp.argsort(v, stable=True)                   # NaNs last
    order = jnp.take(order, jnp.argsort(jnp.take(lin, order), stable=True))
    sv = jnp.take(v, order)
    icnt = jnp.astype(cnt, lin.dtype)
    start = jnp.subtract(jnp.cumsum(icnt), icnt)
    top = max(v.shape[0] - 1, 0)

    def at(offset):
        return jnp.take(sv, jnp.clip(jnp.add(start, offset), 0, top))

    if stat == "min":
        out = at(jnp.zeros_like(icnt))
    elif stat == "max":
        out = at(jnp.subtract(icnt, 1))
    else:
        half = jnp.floor_divide(jnp.subtract(icnt, 1), 2)
        out = jnp.multiply(jnp.add(at(half), at(jnp.floor_divide(icnt, 2))), 0.5)
    return out


def _slot_stat(stat, v, lin, slots, cnt):
    """The statistic of one row of values over all ``slots`` linear bins."""
    if stat in ("min", "max", "median"):
        out = _run_stat(stat, v, lin, cnt)
        return jnp.where(jnp.equal(cnt, 0), jnp.full_like(out, np.nan), out)
    total = jnp.bincount(lin, v, length=slots)
    if stat == "sum":
        return total
    mean = jnp.divide(total, cnt)                         # 0 / 0: NaN for an empty bin
    if stat == "mean":
        return mean
    dev = jnp.square(jnp.subtract(v, jnp.take(mean, lin)))
    return jnp.sqrt(jnp.divide(jnp.bincount(lin, dev, length=slots), cnt))


@public(static=("nbins", "stat", "expand"))
def _binned(sample, values, given, ranges, binnumber, nbins, stat, expand):
    """sample (N, D); values (V, N) or None; given / ranges: per dimension, explicit
    edges / a (lo, hi) pair or None; binnumber: linear bin numbers to reuse, or None."""
    n, d = sample.shape
    fdt = sample.dtype
    cols = [jnp.squeeze(L.slice(sample, (0, i), (n, i + 1)), 1) for i in range(d)]
    edges = [_edges(c, nbins[i], given[i], ranges[i]) for i, c in enumerate(cols)]
    dims = tuple(b + 2 for b in nbins)
    idt = jnp.result_type(int)
    if binnumber is None:
        ks = [jnp.astype(_bin_index(c, e), idt) for c, e in zip(cols, edges)]
        lin = ks[0]
        for k, size in zip(ks[1:], dims[1:]):
            lin = jnp.add(jnp.multiply(lin, size), k)
    else:
        lin = jnp.astype(binnumber, idt)
        ks = None
    slots = math.prod(dims)
    cnt = jnp.astype(jnp.bincount(lin, length=slots), fdt if values is None else values.dtype)
    if stat == "count":
        rows = [cnt] if values is None else [cnt] * values.shape[0]
    else:
        rows = [_slot_stat(stat, jnp.squeeze(L.slice(values, (r, 0), (r + 1, n)), 0), lin,
                           slots, cnt) for r in range(values.shape[0])]
    out = jnp.reshape(jnp.stack(rows), (len(rows),) + dims)
    out = L.slice(out, (0,) + (1,) * d, (len(rows),) + tuple(b + 1 for b in nbins))
    if expand:
        if ks is None:
            ks = [jnp.astype(k, idt) for k in jnp.unravel_index(lin, dims)]
        number = jnp.stack(ks)
    else:
        number = lin
    return out, edges, number


# --- argument handling ----------------------------------------------------------------------------
def _float(name, x, argname):
    check_arraylike(name, x, argnames=(argname,))
    x = jnp.asarray(x)
    if jnp.issubdtype(x.dtype, jnp.complexfloating):
        raise TypeError(f"{name}(): {argname} must be real, got dtype {x.dtype}")
    if not jnp.issubdtype(x.dtype, jnp.inexact):
        x = jnp.astype(x, jnp.result_type(float))
    return x


def _is_scalar(b):
    return not isinstance(b, (list, tuple)) and np.ndim(b) == 0


def _nbins(name, b):
    try:
        k = operator.index(b)
    except TypeError:
        if isinstance(b, (float, np.floating)) and float(b).is_integer():
            k = int(b)
        else:
            raise TypeError(f"{name}(): bins must be ints or sequences of edges, got "
                            f"{b!r}") from None
    if k < 1:
        raise ValueError(f"{name}(): the number of bins must be positive, got {k}")
    return k


def _dd(name, sample, values, statistic, bins, range, expand_binnumbers, previous=None):
    """Normalize scipy's arguments (sample (N, D); values (N,) or (V, N); bins an int,
    or per dimension an int or edges; range per dimension) and call the core."""
    stat = _statistic(name, statistic)
    sample = _float(name, sample, "sample")
    if sample.ndim == 1:
        sample = jnp.reshape(sample, (-1, 1))
    if sample.ndim != 2:
        raise ValueError(f"{name}(): sample must be (N, D) or D sequences of N values, got "
                         f"shape {sample.shape}")
    n, d = sample.shape
    one_row = True
    if values is None:
        if stat != "count":
            raise ValueError(f"{name}(): values are needed for statistic {stat!r}")
    else:
        values = _float(name, values, "values")
        one_row = values.ndim <= 1
        values = jnp.reshape(values, (1, -1)) if one_row else values
        if values.ndim != 2 or values.shape[-1] != n:
            raise ValueError(f"{name}(): the number of values ({values.shape[-1:]}) must match "
                             f"the number of sample points ({n})")
        dt = jnp.result_type(sample, values)
        sample, values = jnp.astype(sample, dt), jnp.astype(values, dt)
    if previous is not None:
        if not isinstance(previous, BinnedStatisticddResult) and not hasattr(previous,
                                                                            "bin_edges"):
            raise TypeError(f"{name}(): binned_statistic_result must be a result of "
                            "binned_statistic_dd")
        if previous.binnumber.ndim != 1:
            raise ValueError(f"{name}(): to reuse binned_statistic_result, it must have "
                             "been made with expand_binnumbers=False")
        bins = list(previous.bin_edges)
        range = None
    if _is_scalar(bins):
        bins = [bins] * d
    if len(bins) != d:
        raise ValueError(f"{name}(): bins must have one entry per dimension ({d}), got "
                         f"{len(bins)}")
    given, nbins = [], []
    for b in bins:
        if _is_scalar(b):
            given.append(None)
            nbins.append(_nbins(name, b))
        else:
            e = jnp.astype(_float(name, b, "bins"), sample.dtype)
            if e.ndim != 1 or e.shape[0] < 2:
                raise ValueError(f"{name}(): bin edges must be 1-D with at least 2 values, "
                                 f"got shape {e.shape}")
            given.append(e)
            nbins.append(e.shape[0] - 1)
    if not isinstance(sample, jax.core.Tracer) and not bool(np.isfinite(np.asarray(sample)).all()):
        raise ValueError(f"{name}(): sample contains non-finite values")
    if range is None:
        ranges = [None] * d
    else:
        ranges = [None if r is None else tuple(r) for r in range]
        if len(ranges) != d or any(r is not None and len(r) != 2 for r in ranges):
            raise ValueError(f"{name}(): range must hold one (lower, upper) pair per "
                             f"dimension ({d}), got {range!r}")
    binnumber = None if previous is None else previous.binnumber
    out, edges, number = _binned(sample, values, tuple(given), tuple(ranges), binnumber,
                                 tuple(nbins), stat, bool(expand_binnumbers))
    if one_row:
        out = jnp.squeeze(out, 0)
    return out, list(edges), number


_DOC = """{summary}

    Parameters
    ----------
{params}
    statistic : {{'mean', 'std', 'median', 'count', 'sum', 'min', 'max'}} or callable, optional
        The statistic of the values in each bin (std with ddof 0); empty bins
        give NaN (0 for 'count' and 'sum').  A callable must be numpy's (or
        jaxwrap.numpy's) function of one of these names, or ``len``.
    bins : int or sequence, optional
{bins}
    range : {range}, optional
        The outer edges when ``bins`` gives numbers; default the data's min
        and max.{extra}

    Returns
    -------
    {result}
        Named tuple{fields}; ``binnumber`` says which bin each point is in
        (0 and ``nbins + 1`` are the outliers' slots).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
{example}
    """


def binned_statistic(x, values, statistic="mean", bins=10, range=None):
    x = _float("binned_statistic", x, "x")
    if x.ndim != 1:
        raise ValueError(f"binned_statistic(): x must be 1-D, got shape {x.shape}")
    if range is not None:
        if len(range) != 2:
            raise ValueError(f"binned_statistic(): range must be (lower, upper), got {range!r}")
        range = [range]
    out, edges, number = _dd("binned_statistic", x, values, statistic, [bins], range, False)
    return BinnedStatisticResult(out, edges[0], number)


def binned_statistic_2d(x, y, values, statistic="mean", bins=10, range=None,
                        expand_binnumbers=False):
    name = "binned_statistic_2d"
    x, y = _float(name, x, "x"), _float(name, y, "y")
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"{name}(): x and y must be 1-D of one length, got shapes {x.shape} "
                         f"and {y.shape}")
    if _is_scalar(bins) or len(bins) != 2:   # a count, or one array of edges, for both axes
        bins = [bins, bins]
    sample = jnp.stack([x, y], axis=1) if x.dtype == y.dtype else jnp.stack(
        [jnp.astype(x, jnp.result_type(x, y)), jnp.astype(y, jnp.result_type(x, y))], axis=1)
    out, edges, number = _dd(name, sample, values, statistic, bins, range, expand_binnumbers)
    return BinnedStatistic2dResult(out, edges[0], edges[1], number)


def binned_statistic_dd(sample, values, statistic="mean", bins=10, range=None,
                        expand_binnumbers=False, binned_statistic_result=None):
    name = "binned_statistic_dd"
    if isinstance(sample, (list, tuple)):   # scipy: a sequence holds D coordinate arrays
        check_arraylike(name, sample, argnames=("sample",))
        sample = jnp.transpose(jnp.atleast_2d(jnp.asarray(sample)))
    out, edges, number = _dd(name, sample, values, statistic, bins, range, expand_binnumbers,
                             binned_statistic_result)
    return BinnedStatisticddResult(out, edges, number)


binned_statistic.__doc__ = _DOC.format(
    summary="A binned statistic of ``values`` over bins of ``x`` (scipy.stats.binned_statistic)"
            ";\n    a histogram that sums, averages... the values in each bin.",
    params="    x : array_like\n        1-D positions.\n    values : array_like\n"
           "        Shaped like ``x``, or (V, N) for V statistics at once.",
    bins="        The number of equal bins (static), or the edges (the last bin is closed).",
    range="(float, float)", extra="",
    result="BinnedStatisticResult", fields=" ``(statistic, bin_edges, binnumber)``",
    example="    >>> r = st.binned_statistic(jnp.array([0.0, 1.0, 2.0, 3.0]), "
            "jnp.array([1.0, 2.0, 3.0, 4.0]),\n    ...                         "
            "'sum', bins=2)\n    >>> r.statistic.tolist(), r.binnumber.tolist()\n"
            "    ([3.0, 7.0], [1, 1, 2, 2])")
binned_statistic_2d.__doc__ = _DOC.format(
    summary="A binned statistic of ``values`` over a 2-D grid of bins of ``(x, y)``\n"
            "    (scipy.stats.binned_statistic_2d).",
    params="    x, y : array_like\n        1-D coordinates of the points.\n"
           "    values : array_like\n        Shaped like ``x``, or (V, N).",
    bins="        int, [int, int], one array of edges, or [edges_x, edges_y] (static counts).",
    range="[[xmin, xmax], [ymin, ymax]]",
    extra="\n    expand_binnumbers : bool, optional\n        True returns the bin number "
          "per dimension, shape (2, N).",
    result="BinnedStatistic2dResult", fields=" ``(statistic, x_edge, y_edge, binnumber)``",
    example="    >>> r = st.binned_statistic_2d(jnp.array([0.0, 1.0]), jnp.array([0.0, 1.0]),\n"
            "    ...                            jnp.array([5.0, 7.0]), 'count', bins=2)\n"
            "    >>> r.statistic.tolist()\n    [[1.0, 0.0], [0.0, 1.0]]")
binned_statistic_dd.__doc__ = _DOC.format(
    summary="A binned statistic of ``values`` over a D-dimensional grid of bins\n"
            "    (scipy.stats.binned_statistic_dd).",
    params="    sample : array_like\n        (N, D) points, or D sequences of N coordinates.\n"
           "    values : array_like\n        (N,) or (V, N).",
    bins="        int, D ints, or D arrays of edges (static counts).",
    range="sequence of D (lower, upper) pairs",
    extra="\n    expand_binnumbers : bool, optional\n        True returns the bin number per "
          "dimension, shape (D, N).\n    binned_statistic_result : BinnedStatisticddResult, "
          "optional\n        A previous result whose edges and (linear) bin numbers are reused.",
    result="BinnedStatisticddResult", fields=" ``(statistic, bin_edges, binnumber)``",
    example="    >>> r = st.binned_statistic_dd(jnp.array([[0.0, 0.0], [1.0, 1.0]]),\n"
            "    ...                            jnp.array([5.0, 7.0]), 'max', bins=2)\n"
            "    >>> r.statistic.tolist()\n    [[5.0, nan], [nan, 7.0]]")
