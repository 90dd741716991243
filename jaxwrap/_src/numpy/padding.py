"""numpy.pad: every mode, built per axis from slices, reversals, reductions
and one concatenate (pad widths are static, as in jax)."""

from __future__ import annotations

import operator

import numpy as np

from .. import dtypes, lax
from . import reductions
from ._util import asarray, broadcast_to, check_arraylike, public

__all__ = ["pad"]

_MODES = ("constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum",
          "reflect", "symmetric", "wrap", "empty")


def _pairs(value, nd, name, argname, cast=operator.index):
    """numpy's pad-width broadcasting: scalar, (v,), (before, after) or per axis."""
    arr = np.asarray(value, dtype=object)
    try:
        arr = np.broadcast_to(arr, (nd, 2))
    except ValueError:
        raise ValueError(f"{name}(): {argname} of shape {arr.shape} cannot be broadcast to "
                         f"({nd}, 2)") from None
    try:
        out = tuple((cast(a), cast(b)) for a, b in arr)
    except TypeError:
        raise TypeError(f"{name}(): {argname} must hold integers") from None
    if cast is operator.index and any(v < 0 for p in out for v in p):
        raise ValueError(f"{name}(): {argname} cannot contain negative values")
    return out


def _take(x, axis, start, stop):
    start_idx = [0] * x.ndim
    limit = list(x.shape)
    start_idx[axis], limit[axis] = start, stop
    return lax.slice(x, tuple(start_idx), tuple(limit))


def _axis_pair(values, nd, axis, dtype):
    """(before, after) scalars for ``axis`` from per-axis pad values (broadcast to (nd, 2))."""
    row = _take(broadcast_to(asarray(values), (nd, 2)), 0, axis, axis + 1)
    return tuple(lax.convert_element_type(lax.reshape(_take(row, 1, i, i + 1), ()), dtype)
                 for i in (0, 1))


def _cat(parts, axis):
    parts = [p for p in parts if p.shape[axis] > 0]
    return parts[0] if len(parts) == 1 else lax.concatenate(parts, axis)


def _repeat_edge(x, axis, index, count):
    edge = _take(x, axis, index, index + 1)
    shape = list(x.shape)
    shape[axis] = count
    return broadcast_to(edge, tuple(shape))


def _odd(chunk, out, axis, index):
    """reflect_type='odd': the chunk reflected through the current edge value,
    ``2 * edge - chunk`` (numpy's definition), in the array's dtype."""
    edge = broadcast_to(_take(out, axis, index, index + 1), chunk.shape)
    return lax.sub(lax.add(edge, edge), chunk)


def _mirror(x, axis, before, after, include_edge, odd=False):
    """Reflect (include_edge=False) or symmetric (True) padding, repeated as
    numpy does when the pad is wider than the array; ``odd`` for reflect_type='odd'."""
    n = x.shape[axis]
    period = n if include_edge else n - 1
    if period <= 0:   # a single element: reflection repeats it
        return _cat([_repeat_edge(x, axis, 0, before), x, _repeat_edge(x, axis, 0, after)], axis)
    out = x
    while before > 0 or after > 0:
        cur = out.shape[axis]
        lo = min(before, period)
        hi = min(after, period)
        off = 0 if include_edge else 1
        left = lax.rev(_take(out, axis, off, off + lo), (axis,)) if lo else None
        right = lax.rev(_take(out, axis, cur - off - hi, cur - off), (axis,)) if hi else None
        if odd:
            left = _odd(left, out, axis, 0) if lo else None
            right = _odd(right, out, axis, cur - 1) if hi else None
        out = _cat([p for p in (left, out, right) if p is not None], axis)
        before, after = before - lo, after - hi
    return out


def _wrap(x, axis, before, after):
    n = x.shape[axis]
    out = x
    while before > 0 or after > 0:
        lo, hi = min(before, n), min(after, n)
        left = _take(x, axis, n - lo, n) if lo else None
        right = _take(x, axis, 0, hi) if hi else None
        out = _cat([p for p in (left, out, right) if p is not None], axis)
        before, after = before - lo, after - hi
    return out


def _median(a, axis, keepdims):
    from .statistics import median   # statistics builds on sorting; imported late
    return median(a, axis=axis, keepdims=keepdims)


def _stat(x, axis, before, after, length, fn):
    n = x.shape[axis]
    lb, la = length
    lb = n if lb is None else max(1, min(lb, n))
    la = n if la is None else max(1, min(la, n))
    left = fn(_take(x, axis, 0, lb), axis=axis, keepdims=True)
    right = fn(_take(x, axis, n - la, n), axis=axis, keepdims=True)
    if fn in (reductions.mean, _median) and dtypes.issubdtype(x.dtype, np.integer):
        # numpy rounds (half to even) a mean or median before casting it back to ints.
        left, right = lax.round(left, 1), lax.round(right, 1)
    left = asarray(left, x.dtype)
    right = asarray(right, x.dtype)
    shape_b, shape_a = list(x.shape), list(x.shape)
    shape_b[axis], shape_a[axis] = before, after
    return _cat([broadcast_to(left, tuple(shape_b)), x, broadcast_to(right, tuple(shape_a))], axis)


def _linear_ramp(x, axis, before, after, end_values):
    n = x.shape[axis]
    parts = []
    for count, edge_index, end, flip in ((before, 0, end_values[0], False),
                                         (after, n - 1, end_values[1], True)):
        if count == 0:
            parts.append(None)
            continue
        edge = lax.convert_element_type(_take(x, axis, edge_index, edge_index + 1),
                                        dtypes.to_inexact_dtype(x.dtype))
        end = lax.convert_element_type(asarray(end), edge.dtype)
        shape = [1] * x.ndim
        shape[axis] = count
        # numpy: linspace(end, edge, count, endpoint=False) on the left side, i.e.
        # end + i * ((edge - end) / count), in that order of operations.
        steps = lax.reshape(np.arange(count, dtype=edge.dtype), tuple(shape))
        full = list(x.shape)
        full[axis] = count
        steps = broadcast_to(steps, tuple(full))
        e = broadcast_to(edge, tuple(full))
        v = broadcast_to(end, tuple(full))
        step = lax.div(lax.sub(e, v), lax.convert_element_type(np.array(count), edge.dtype))
        ramp = lax.add(v, lax.mul(steps, step))
        if flip:
            ramp = lax.rev(ramp, (axis,))
        if not dtypes.issubdtype(x.dtype, np.inexact):
            # integers: numpy's (>= 2.0) and jax's linspace round toward -inf
            ramp = lax.floor(ramp)
        parts.append(lax.convert_element_type(ramp, x.dtype))
    return _cat([p for p in (parts[0], x, parts[1]) if p is not None], axis)


@public(static=("pad_width", "mode", "stat_length", "reflect_type"))
def _pad(array, pad_width, mode, constant_values, stat_length, end_values, reflect_type):
    out = _pad_modes(array, pad_width, mode, constant_values, stat_length, end_values,
                     reflect_type)
    if dtypes.is_weakly_typed(array) and not dtypes.is_weakly_typed(out):
        # jax keeps the weak type of a weakly typed input in every mode (the pad
        # values are cast to the input's dtype, not promoted with it).
        out = lax.convert_element_type(out, out.dtype, True)
    return out


def _pad_modes(array, pad_width, mode, constant_values, stat_length, end_values, reflect_type):
    x = array
    if mode in ("constant", "empty"):
        cv = constant_values if mode == "constant" else 0
        cvals = asarray(cv)
        if np.ndim(cvals) == 0:
            config = tuple((b, a, 0) for b, a in pad_width)
            return lax.pad(x, lax.convert_element_type(cvals, x.dtype), config)
        for axis, (b, a) in enumerate(pad_width):
            shape_b, shape_a = list(x.shape), list(x.shape)
            shape_b[axis], shape_a[axis] = b, a
            vb, va = _axis_pair(cvals, x.ndim, axis, x.dtype)
            x = _cat([lax.broadcast_in_dim(vb, tuple(shape_b), ()), x,
                      lax.broadcast_in_dim(va, tuple(shape_a), ())], axis)
        return x
    for axis, (b, a) in enumerate(pad_width):
        if b == 0 and a == 0:
            continue
        if x.shape[axis] == 0:
            raise ValueError(f"pad(): can't extend empty axis {axis} using mode {mode!r}")
        if mode == "edge":
            x = _cat([_repeat_edge(x, axis, 0, b), x, _repeat_edge(x, axis, x.shape[axis] - 1, a)],
                     axis)
        elif mode in ("reflect", "symmetric"):
            x = _mirror(x, axis, b, a, include_edge=(mode == "symmetric"),
                        odd=(reflect_type == "odd"))
        elif mode == "wrap":
            x = _wrap(x, axis, b, a)
        elif mode == "linear_ramp":
            ends = _axis_pair(end_values, x.ndim, axis, dtypes.to_inexact_dtype(x.dtype))
            x = _linear_ramp(x, axis, b, a, ends)
        else:
            fn = {"maximum": reductions.max, "minimum": reductions.min,
                  "mean": reductions.mean, "median": _median}[mode]
            x = _stat(x, axis, b, a, stat_length[axis], fn)
    return x


def _pad_callable(x, widths, fn, kwargs):
    """numpy's (and jax's) rule for a callable mode: pad with zeros, then, one axis
    after the other, replace every 1-d vector along that axis by
    ``fn(vector, (before, after), axis, kwargs)``."""
    from .structure import apply_along_axis
    x = _pad(x, widths, "constant", 0, ((None, None),) * x.ndim, 0, "even")
    for axis in range(x.ndim):
        x = apply_along_axis(lambda v, ax=axis: fn(v, widths[ax], ax, kwargs), axis, x)
    return x


def pad(array, pad_width, mode="constant", **kwargs):
    """Pad an array.

    Parameters
    ----------
    array : array_like
    pad_width : int or sequence
        Static widths: ``n``, ``(before, after)``, or one pair per axis.
    mode : str or callable, optional
        'constant' (default), 'edge', 'linear_ramp', 'maximum', 'mean',
        'median', 'minimum', 'reflect', 'symmetric', 'wrap' or 'empty' (zeros);
        or ``f(vector, (before, after), axis, kwargs) -> vector``, applied to
        every 1-d slice of the zero-padded array, axis after axis (numpy's
        rule; ``vector`` is a jax array, and the other keywords are
        ``kwargs``).
    constant_values, end_values : array_like, optional
        For 'constant' and 'linear_ramp' (scalar, pair or one pair per axis).
    stat_length : int or sequence, optional
        For 'maximum', 'mean', 'median', 'minimum': how many edge values to use.
    reflect_type : {'even', 'odd'}, optional
        For 'reflect' and 'symmetric': 'odd' reflects through the edge value
        (``2 * edge - mirrored``).

    Returns
    -------
    out : jax.Array

    Notes
    -----
    Differences from NumPy: 'empty' fills with zeros.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.pad(jwnp.array([1, 2, 3]), (2, 1), mode="reflect")  # doctest: +SKIP
    Array([3, 2, 1, 2, 3, 2], dtype=int32)
    """
    check_arraylike("pad", array)
    x = asarray(array, name="pad")
    if callable(mode):
        return _pad_callable(x, _pairs(pad_width, x.ndim, "pad", "pad_width"), mode, kwargs)
    if mode not in _MODES:
        raise ValueError(f"pad(): mode {mode!r} is not supported; use one of {_MODES}")
    allowed = {"constant": {"constant_values"}, "linear_ramp": {"end_values"},
               "maximum": {"stat_length"}, "mean": {"stat_length"}, "median": {"stat_length"},
               "minimum": {"stat_length"}, "reflect": {"reflect_type"},
               "symmetric": {"reflect_type"}}.get(mode, set())
    bad = set(kwargs) - allowed
    if bad:
        raise ValueError(f"pad(): unsupported keyword(s) {sorted(bad)} for mode {mode!r}")
    widths = _pairs(pad_width, x.ndim, "pad", "pad_width")
    stat = kwargs.get("stat_length")
    stat_pairs = _pairs(stat, x.ndim, "pad", "stat_length") if stat is not None \
        else ((None, None),) * x.ndim
    reflect_type = kwargs.get("reflect_type", "even")
    if reflect_type not in ("even", "odd"):
        raise ValueError(f"pad(): reflect_type must be 'even' or 'odd', got {reflect_type!r}")
    return _pad(x, widths, mode, kwargs.get("constant_values", 0), stat_pairs,
                kwargs.get("end_values", 0), reflect_type)
