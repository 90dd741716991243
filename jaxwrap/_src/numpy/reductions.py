"""numpy's reductions: sums, products, extrema, statistics, cumulative scans,
their NaN-ignoring variants, and the closeness / equality tests.

One core does every monoid reduction: ``_reduce(name, op, x, axes, ...)``
takes a row of ``_OPS`` (the reduction primitive, the binary op that folds in
``initial``, the value masked-out elements take) and handles ``dtype=``
(with jax's integer promotion), the ``where=`` mask, ``initial=`` and
``keepdims``.  The statistics share ``_mean_core`` and ``_var`` (the
nan-variants mask NaNs out), the scans share ``_cumulative``, and
argmin/argmax share ``_arg``.

Semantics are numpy's except where jax deliberately differs: sums and
products of small integers and bools accumulate in the default integer
(``promote_integers``), defaults are 32-bit unless x64 is on, and results are
computed with static shapes (so e.g. ``nanargmax`` of an all-NaN slice gives
-1 instead of raising, and ``average`` with weights summing to zero gives
NaN/inf instead of ``ZeroDivisionError``).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

import numpy as np

from .. import dtypes, lax
from . import ufuncs
from ._util import (
    asarray,
    broadcast_shapes,
    broadcast_to,
    canonicalize_axes,
    canonicalize_axis,
    check_arraylike,
    check_out,
    full_like,
    promote_args_inexact,
    promote_dtypes_inexact,
    public,
)
from ._util import where as _select

__all__ = [
    "all", "allclose", "amax", "amin", "any", "argmax", "argmin", "array_equal", "array_equiv",
    "average", "count_nonzero", "cumprod", "cumsum", "cumulative_prod", "cumulative_sum",
    "isclose", "max", "mean", "min", "nanargmax", "nanargmin", "nancumprod", "nancumsum",
    "nanmax", "nanmean", "nanmin", "nanprod", "nanstd", "nansum", "nanvar", "prod", "ptp", "std",
    "sum", "var",
]


# --- docstring snippets --------------------------------------------------------------------
_SNIPPETS = {
    "a": "a : array_like\n        Input array.",
    "axis": "axis : None, int or tuple of ints, optional\n"
            "        Axes to reduce over; None (the default) reduces over all axes.",
    "axis1": "axis : int, optional\n"
             "        Axis to work along; None (the default) works on the flattened array.",
    "dtype": "dtype : dtype, optional\n"
             "        Dtype of the accumulator and of the result.",
    "out": "out : None\n        Not supported (jax arrays are immutable); must be None.",
    "keepdims": "keepdims : bool, default False\n"
                "        Keep the reduced axes as axes of length one, so the result broadcasts\n"
                "        against ``a``.",
    "initial": "initial : scalar, optional\n"
               "        Starting value of the reduction, combined with the result.",
    "where": "where : array_like of bool, optional\n"
             "        Only elements where this mask (broadcast against ``a``) is True take part.",
    "ddof": "ddof : int or float, default 0\n"
            "        Delta degrees of freedom: the divisor is ``N - ddof`` for ``N`` elements.",
    "correction": "correction : int or float, optional\n"
                  "        Array API name of ``ddof``; give at most one of the two.",
    "mean": "mean : array_like, optional\n"
            "        Precomputed mean (broadcastable against ``a``, e.g. from\n"
            "        ``keepdims=True``), used instead of computing it.",
    "promote": "promote_integers : bool, default True\n"
               "        jax extension: when ``dtype`` is None, accumulate bools and integers\n"
               "        narrower than the default integer in the default (u)int.",
}


_F = TypeVar("_F", bound=Callable[..., Any])


def _doc(f: _F) -> _F:
    """Fill the shared parameter snippets into ``f``'s docstring; set its public module."""
    f.__doc__ = f.__doc__.format(**_SNIPPETS)
    f.__module__ = "jaxwrap.numpy"
    return f


# --- argument normalisation -----------------------------------------------------------------
def _arr(name, a, argname="a"):
    check_arraylike(name, a, argnames=(argname,))
    return asarray(a, name=name)


def _axes(name, axis, nd):
    return tuple(sorted(canonicalize_axes(axis, nd, name)))


def _user_dtype(name, dtype):
    return None if dtype is None else dtypes.check_user_dtype(dtype, name)


def _mask(name, where, shape):
    """The ``where=`` argument as a bool array of ``shape`` (or None)."""
    if where is None:
        return None
    w = _arr(name, where, "where")
    if w.dtype != np.bool_:
        raise TypeError(f"{name}(): argument 'where' must be a boolean array, got dtype "
                        f"{w.dtype}")
    if broadcast_shapes(name, w.shape, shape) != tuple(shape):
        raise ValueError(f"{name}(): argument 'where' of shape {w.shape} does not broadcast "
                         f"to the input shape {tuple(shape)}")
    return broadcast_to(w, tuple(shape))


def _check_static(name, argname, value, kinds, what):
    if not isinstance(value, kinds) or isinstance(value, (complex, np.complexfloating)):
        raise TypeError(f"{name}(): argument '{argname}' must be {what}, got "
                        f"{type(value).__name__}")


def _check_bool(name, argname, value):
    _check_static(name, argname, value, (bool, np.bool_, int, np.integer), "a bool")


# --- dtype rules ----------------------------------------------------------------------------------
def _promoted_int(dt):
    """jax's promote_integers: bools and narrow integers accumulate in the default (u)int."""
    dt = np.dtype(dt)
    if dt == np.bool_:
        return dtypes.default_int_dtype()
    if dtypes.is_unsigned(dt):
        du = dtypes.default_uint_dtype()
        return du if dtypes.itemsize_bits(dt) < dtypes.itemsize_bits(du) else dt
    if dtypes.is_signed(dt):
        di = dtypes.default_int_dtype()
        return di if dtypes.itemsize_bits(dt) < dtypes.itemsize_bits(di) else dt
    return dt


def _upcast_f16(dt):
    """Half-precision floats accumulate in float32, like jax."""
    dt = np.dtype(dt)
    return np.dtype(np.float32) if dtypes.is_floating(dt) and dtypes.itemsize_bits(dt) < 32 \
        else dt


def _cast(x, dt):
    """``x`` as a (strongly typed) array of ``dt``."""
    dt = np.dtype(dt)
    if x.dtype == dt and not dtypes.is_weakly_typed(x):
        return x
    if dt == np.bool_ and x.dtype != np.bool_:
        return lax.ne(x, np.zeros((), x.dtype))
    return lax.convert_element_type(x, dt, False)


def _real_dtype(dt):
    return {np.dtype(np.complex64): np.dtype(np.float32),
            np.dtype(np.complex128): np.dtype(np.float64)}.get(np.dtype(dt), np.dtype(dt))


# --- shape helpers ---------------------------------------------------------------------------
def _kept(nd, axes):
    return tuple(i for i in range(nd) if i not in axes)


def _keepdims_shape(shape, axes):
    return tuple(1 if i in axes else d for i, d in enumerate(shape))


def _expand(r, shape, axes):
    """Broadcast a reduction result back to ``shape`` (the input's)."""
    return lax.broadcast_in_dim(r, tuple(shape), _kept(len(shape), axes))


def _size(shape, axes):
    return math.prod(shape[i] for i in axes)


def _fill(x, value):
    return full_like(x, value)


def _is_inexact(x):
    return dtypes.is_inexact(x.dtype)


# --- the reduction core -------------------------------------------------------------------------
def _lowest(dt):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return False
    if dtypes.is_integer(dt):
        return np.iinfo(dt).min
    return complex(-np.inf, -np.inf) if dtypes.is_complex(dt) else -np.inf


def _highest(dt):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return True
    if dtypes.is_integer(dt):
        return np.iinfo(dt).max
    return complex(np.inf, np.inf) if dtypes.is_complex(dt) else np.inf


def _extremum(x, axes, is_max):
    """max/min over ``axes``; complex values compare lexicographically (real, then
    imaginary), like numpy, and a NaN anywhere gives NaN."""
    if not axes:
        return x
    red = lax.reduce_max if is_max else lax.reduce_min
    if not dtypes.is_complex(x.dtype):
        return red(x, axes)
    re, im = lax.real(x), lax.imag(x)
    best_re = red(re, axes)
    hit = lax.eq(re, _expand(best_re, x.shape, axes))
    im = _select(hit, im, _fill(im, (_lowest if is_max else _highest)(im.dtype)))
    out = lax.complex(best_re, red(im, axes))
    any_nan = lax.reduce_or(ufuncs.isnan(x), axes)
    return _select(any_nan, _fill(out, complex(np.nan, np.nan)), out)


def _bool_or_add(x, y):
    return lax.or_(x, y) if x.dtype == np.bool_ else lax.add(x, y)


def _bool_and_mul(x, y):
    return lax.and_(x, y) if x.dtype == np.bool_ else lax.mul(x, y)


class _Op(NamedTuple):
    ufunc: str                      # numpy's name of the binary op, for messages
    reduce: Callable                # reduce(x, axes) on the computation dtype
    combine: Callable               # folds ``initial`` into the result
    fill: Callable                  # dtype -> value that masked-out elements take
    has_identity: bool              # False: empty reductions need ``initial``


def _reduce_sum(x, axes):
    if x.dtype == np.bool_:
        return lax.reduce_or(x, axes)
    out = lax.reduce_sum(x, axes)
    if _is_inexact(x) and math.prod(x.shape[a] for a in axes) == 1:
        # XLA folds a sum over one element into a copy (and x + 0.0 into x),
        # keeping -0.0; numpy's sum starts from +0.0.  Replace zeros by +0.0.
        zero = lax.broadcast_in_dim(np.array(0, out.dtype), out.shape, ())
        out = lax.select_n(lax.eq(out, zero), out, zero)
    return out


def _reduce_prod(x, axes):
    return lax.reduce_and(x, axes) if x.dtype == np.bool_ else lax.reduce_prod(x, axes)


_OPS = {
    "sum": _Op("add", _reduce_sum, _bool_or_add, lambda dt: 0, True),
    "prod": _Op("multiply", _reduce_prod, _bool_and_mul, lambda dt: 1, True),
    "max": _Op("maximum", lambda x, axes: _extremum(x, axes, True), ufuncs.maximum,
               _lowest, False),
    "min": _Op("minimum", lambda x, axes: _extremum(x, axes, False), ufuncs.minimum,
               _highest, False),
    "all": _Op("logical_and", lax.reduce_and, lax.and_, lambda dt: True, True),
    "any": _Op("logical_or", lax.reduce_or, lax.or_, lambda dt: False, True),
}


def _reduce(name, op, x, axes, *, dtype=None, keepdims=False, initial=None, where=None,
            promote_integers=False, upcast_f16=False):
    """Reduce ``x`` (an array) over the canonical ``axes`` with the monoid ``op``.

    ``dtype`` (checked) is the result dtype; None means ``x``'s, promoted by
    jax's ``promote_integers`` rule when asked.  Masked-out elements take the
    op's fill value; ``initial`` is folded in after the reduction.
    """
    op = _OPS[op] if isinstance(op, str) else op
    if not op.has_identity and initial is None:
        if _size(x.shape, axes) == 0:
            raise ValueError(f"{name}(): zero-size array to reduction operation {op.ufunc} "
                             "which has no identity; pass initial=")
        if where is not None:
            raise ValueError(f"{name}(): reduction operation {op.ufunc} has no identity, so "
                             "a where= mask needs initial=")
    result_dtype = np.dtype(x.dtype if dtype is None else dtype)
    if dtype is None and promote_integers:
        result_dtype = _promoted_int(result_dtype)
    comp = _upcast_f16(result_dtype) if upcast_f16 else result_dtype
    x = _cast(x, comp)
    w = _mask(name, where, x.shape)
    if w is not None:
        x = _select(w, x, _fill(x, op.fill(comp)))
    out = op.reduce(x, axes) if axes else x
    if initial is not None:
        init = _arr(name, initial, "initial")
        if init.ndim != 0:
            raise ValueError(f"{name}(): argument 'initial' must be a scalar, got shape "
                             f"{init.shape}")
        init = lax.broadcast_in_dim(_cast(init, comp), out.shape, ())
        out = _cast(op.combine(init, out), comp)
    if keepdims:
        out = lax.reshape(out, _keepdims_shape(x.shape, axes))
    return _cast(out, result_dtype)


def _count(x_shape, axes, keepdims, mask, dtype):
    """How many elements each reduction sees: a rank-0 constant without a mask
    (elementwise primitives broadcast it), else the masked count per slice."""
    if mask is None:
        return np.array(_size(x_shape, axes), dtype)
    return _reduce("count", "sum", mask, axes, dtype=dtype, keepdims=keepdims)


def _and_masks(a, b):
    if a is None:
        return b
    return a if b is None else lax.and_(a, b)


# --- sum, prod, max, min, all, any -------------------------------------------------------------
@public(static=("axis", "dtype", "keepdims", "promote_integers"))
@_doc
def sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None,
        promote_integers=True):
    """Sum of array elements over the given axes.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {keepdims}
    {initial}
    {where}
    {promote}

    Returns
    -------
    jax.Array
        The sum; an empty reduction gives 0.

    Notes
    -----
    Differences from NumPy: without ``dtype``, bools and small integers
    accumulate in jax's default integer (int32 unless x64 is enabled) rather
    than numpy's int64; float16/bfloat16 accumulate in float32.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.sum([[1, 2], [3, 4]], axis=0)
    Array([4, 6], dtype=int32)
    >>> jnp.sum([1.0, 2.0, 3.0], where=[True, False, True])
    Array(4., dtype=float32)
    """
    check_out("sum", out)
    x = _arr("sum", a)
    return _reduce("sum", "sum", x, _axes("sum", axis, x.ndim), dtype=_user_dtype("sum", dtype),
                   keepdims=keepdims, initial=initial, where=where,
                   promote_integers=promote_integers, upcast_f16=True)


@public(static=("axis", "dtype", "keepdims", "promote_integers"))
@_doc
def prod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None,
         promote_integers=True):
    """Product of array elements over the given axes.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {keepdims}
    {initial}
    {where}
    {promote}

    Returns
    -------
    jax.Array
        The product; an empty reduction gives 1.

    Notes
    -----
    Differences from NumPy: integer accumulation as in :func:`sum`. The
    gradient is exact at zeros (no division by the product).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.prod([[1., 2.], [3., 4.]], axis=1)
    Array([ 2., 12.], dtype=float32)
    """
    check_out("prod", out)
    x = _arr("prod", a)
    return _reduce("prod", "prod", x, _axes("prod", axis, x.ndim),
                   dtype=_user_dtype("prod", dtype), keepdims=keepdims, initial=initial,
                   where=where, promote_integers=promote_integers, upcast_f16=True)


def _max_min(name, op, a, axis, out, keepdims, initial, where):
    check_out(name, out)
    x = _arr(name, a)
    return _reduce(name, op, x, _axes(name, axis, x.ndim), keepdims=keepdims, initial=initial,
                   where=where)


@public(static=("axis", "keepdims"))
@_doc
def max(a, axis=None, out=None, keepdims=False, initial=None, where=None):
    """Maximum of array elements over the given axes (NaN propagates).

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {initial}
    {where}
        Needs ``initial``: the maximum has no identity.

    Returns
    -------
    jax.Array
        The maximum, of ``a``'s dtype.

    Raises
    ------
    ValueError
        If a reduced axis is empty and no ``initial`` is given.

    Notes
    -----
    Complex numbers compare lexicographically, like numpy.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.max([[1, 5], [3, 2]], axis=1)
    Array([5, 3], dtype=int32)
    >>> jnp.max([1.0, 7.0], initial=10.0)
    Array(10., dtype=float32)
    """
    return _max_min("max", "max", a, axis, out, keepdims, initial, where)


@public(static=("axis", "keepdims"))
@_doc
def min(a, axis=None, out=None, keepdims=False, initial=None, where=None):
    """Minimum of array elements over the given axes (NaN propagates).

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {initial}
    {where}
        Needs ``initial``: the minimum has no identity.

    Returns
    -------
    jax.Array
        The minimum, of ``a``'s dtype.

    Raises
    ------
    ValueError
        If a reduced axis is empty and no ``initial`` is given.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.min([[1, 5], [3, 2]], axis=0)
    Array([1, 2], dtype=int32)
    """
    return _max_min("min", "min", a, axis, out, keepdims, initial, where)


@public(static=("axis", "keepdims"))
@_doc
def amax(a, axis=None, out=None, keepdims=False, initial=None, where=None):
    """Maximum of array elements over the given axes (alias of :func:`max`).

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {initial}
    {where}

    Returns
    -------
    jax.Array
        The maximum.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.amax([3, 9, 4])
    Array(9, dtype=int32)
    """
    return _max_min("amax", "max", a, axis, out, keepdims, initial, where)


@public(static=("axis", "keepdims"))
@_doc
def amin(a, axis=None, out=None, keepdims=False, initial=None, where=None):
    """Minimum of array elements over the given axes (alias of :func:`min`).

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {initial}
    {where}

    Returns
    -------
    jax.Array
        The minimum.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.amin([3, 9, 4])
    Array(3, dtype=int32)
    """
    return _max_min("amin", "min", a, axis, out, keepdims, initial, where)


def _logical(name, op, a, axis, out, keepdims, where):
    check_out(name, out)
    x = _cast(_arr(name, a), np.bool_)
    return _reduce(name, op, x, _axes(name, axis, x.ndim), keepdims=keepdims, where=where)


@public(static=("axis", "keepdims"))
@_doc
def all(a, axis=None, out=None, keepdims=False, *, where=None):
    """Whether all elements along the given axes are true (nonzero).

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {where}

    Returns
    -------
    jax.Array
        A bool array; an empty reduction gives True.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.all([[1, 0], [2, 3]], axis=1)
    Array([False,  True], dtype=bool)
    """
    return _logical("all", "all", a, axis, out, keepdims, where)


@public(static=("axis", "keepdims"))
@_doc
def any(a, axis=None, out=None, keepdims=False, *, where=None):
    """Whether any element along the given axes is true (nonzero).

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {where}

    Returns
    -------
    jax.Array
        A bool array; an empty reduction gives False.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.any([[0, 0], [2, 0]], axis=1)
    Array([False,  True], dtype=bool)
    """
    return _logical("any", "any", a, axis, out, keepdims, where)


@public(static=("axis", "keepdims"))
@_doc
def ptp(a, axis=None, out=None, keepdims=False):
    """Range of values (maximum minus minimum) along the given axes.

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}

    Returns
    -------
    jax.Array
        ``max(a) - min(a)``, of ``a``'s dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.ptp([[4, 9, 2], [1, 1, 1]], axis=1)
    Array([7, 0], dtype=int32)
    """
    check_out("ptp", out)
    x = _arr("ptp", a)
    if x.dtype == np.bool_:
        raise TypeError("ptp(): not supported for boolean arrays (it subtracts); convert "
                        "the input to an integer dtype first")
    axes = _axes("ptp", axis, x.ndim)
    hi = _reduce("ptp", "max", x, axes, keepdims=keepdims)
    lo = _reduce("ptp", "min", x, axes, keepdims=keepdims)
    return lax.sub(hi, lo)


@public(static=("axis", "keepdims"))
@_doc
def count_nonzero(a, axis=None, *, keepdims=False):
    """Number of nonzero elements along the given axes.

    Parameters
    ----------
    {a}
    {axis}
    {keepdims}

    Returns
    -------
    jax.Array
        The counts, of jax's default integer dtype (int32 unless x64 is on;
        numpy returns intp).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.count_nonzero([[0, 1, 7], [0, 0, 3]], axis=1)
    Array([2, 1], dtype=int32)
    """
    x = _cast(_arr("count_nonzero", a), np.bool_)
    return _reduce("count_nonzero", "sum", x, _axes("count_nonzero", axis, x.ndim),
                   dtype=dtypes.default_int_dtype(), keepdims=keepdims)


# --- argmin / argmax --------------------------------------------------------------------------
def _arg(name, a, axis, out, keepdims, is_max, ignore_nan=False):
    check_out(name, out)
    keepdims = False if keepdims is None else keepdims  # jax's default spelling
    _check_bool(name, "keepdims", keepdims)
    x = _arr(name, a)
    nd = x.ndim
    if axis is None:
        v, ax = lax.reshape(x, (x.size,)), 0
    else:
        v, ax = x, canonicalize_axis(axis, nd, name)
    if v.shape[ax] == 0:
        raise ValueError(f"{name}(): attempt to get {name} of an empty sequence")
    all_nan = None
    if ignore_nan and _is_inexact(v):
        nan = ufuncs.isnan(v)
        all_nan = lax.reduce_and(nan, (ax,))
        v = _select(nan, _fill(v, (_lowest if is_max else _highest)(v.dtype)), v)
    idx = dtypes.default_int_dtype()
    if dtypes.is_complex(v.dtype):
        # The first position holding the (lexicographic) extremum, or the first NaN.
        best = _expand(_extremum(v, (ax,), is_max), v.shape, (ax,))
        nan = ufuncs.isnan(v)
        hit = _select(_expand(lax.reduce_or(nan, (ax,)), v.shape, (ax,)), nan, lax.eq(v, best))
        res = lax.argmax(hit, ax, idx)
    else:
        res = (lax.argmax if is_max else lax.argmin)(v, ax, idx)
    if all_nan is not None:
        res = _select(all_nan, _fill(res, -1), res)
    if keepdims:
        res = lax.reshape(res, (1,) * nd if axis is None else _keepdims_shape(x.shape, (ax,)))
    return res


@public(static=("axis", "keepdims"))
@_doc
def argmax(a, axis=None, out=None, *, keepdims=False):
    """Index of the first maximum along an axis.

    Parameters
    ----------
    {a}
    {axis1}
    {out}
    {keepdims}

    Returns
    -------
    jax.Array
        Indices (jax's default integer dtype). A NaN counts as the maximum,
        so the first NaN wins, like numpy.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.argmax([[1, 9, 9], [4, 0, 2]], axis=1)
    Array([1, 0], dtype=int32)
    """
    return _arg("argmax", a, axis, out, keepdims, True)


@public(static=("axis", "keepdims"))
@_doc
def argmin(a, axis=None, out=None, *, keepdims=False):
    """Index of the first minimum along an axis.

    Parameters
    ----------
    {a}
    {axis1}
    {out}
    {keepdims}

    Returns
    -------
    jax.Array
        Indices (jax's default integer dtype). A NaN counts as the minimum,
        so the first NaN wins, like numpy.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.argmin([3.0, 1.0, 1.0])
    Array(1, dtype=int32)
    """
    return _arg("argmin", a, axis, out, keepdims, False)


@public(static=("axis", "keepdims"))
@_doc
def nanargmax(a, axis=None, out=None, *, keepdims=False):
    """Index of the first maximum along an axis, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis1}
    {out}
    {keepdims}

    Returns
    -------
    jax.Array
        Indices (jax's default integer dtype).

    Notes
    -----
    Differences from NumPy: an all-NaN slice gives -1 instead of raising
    ValueError (the check would depend on the values, not the shapes).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanargmax([float('nan'), 2.0, 5.0])
    Array(2, dtype=int32)
    """
    return _arg("nanargmax", a, axis, out, keepdims, True, ignore_nan=True)


@public(static=("axis", "keepdims"))
@_doc
def nanargmin(a, axis=None, out=None, *, keepdims=False):
    """Index of the first minimum along an axis, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis1}
    {out}
    {keepdims}

    Returns
    -------
    jax.Array
        Indices (jax's default integer dtype).

    Notes
    -----
    Differences from NumPy: an all-NaN slice gives -1 instead of raising.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanargmin([float('nan'), 2.0, 5.0])
    Array(1, dtype=int32)
    """
    return _arg("nanargmin", a, axis, out, keepdims, False, ignore_nan=True)


# --- NaN-ignoring sum / prod / max / min -------------------------------------------------------
def _nan_to(x, value):
    """``x`` with its NaNs replaced by ``value`` (only inexact arrays have NaNs)."""
    if not _is_inexact(x):
        return x
    return _select(ufuncs.isnan(x), _fill(x, value), x)


@public(static=("axis", "dtype", "keepdims"))
@_doc
def nansum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None):
    """Sum over the given axes, treating NaNs as zero.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {keepdims}
    {initial}
    {where}

    Returns
    -------
    jax.Array
        The sum; all-NaN or empty slices give 0.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nansum([1.0, float('nan'), 3.0])
    Array(4., dtype=float32)
    """
    check_out("nansum", out)
    x = _arr("nansum", a)
    return _reduce("nansum", "sum", _nan_to(x, 0), _axes("nansum", axis, x.ndim),
                   dtype=_user_dtype("nansum", dtype), keepdims=keepdims, initial=initial,
                   where=where, promote_integers=True, upcast_f16=True)


@public(static=("axis", "dtype", "keepdims"))
@_doc
def nanprod(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None):
    """Product over the given axes, treating NaNs as one.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {keepdims}
    {initial}
    {where}

    Returns
    -------
    jax.Array
        The product; all-NaN or empty slices give 1.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanprod([2.0, float('nan'), 3.0])
    Array(6., dtype=float32)
    """
    check_out("nanprod", out)
    x = _arr("nanprod", a)
    return _reduce("nanprod", "prod", _nan_to(x, 1), _axes("nanprod", axis, x.ndim),
                   dtype=_user_dtype("nanprod", dtype), keepdims=keepdims, initial=initial,
                   where=where, promote_integers=True, upcast_f16=True)


def _nan_extremum(name, is_max, a, axis, out, keepdims, initial, where):
    check_out(name, out)
    x = _arr(name, a)
    axes = _axes(name, axis, x.ndim)
    op = "max" if is_max else "min"
    if not _is_inexact(x):
        return _reduce(name, op, x, axes, keepdims=keepdims, initial=initial, where=where)
    fill = (_lowest if is_max else _highest)(x.dtype)
    res = _reduce(name, op, _nan_to(x, fill), axes, keepdims=keepdims, initial=initial,
                  where=where)
    if initial is None:  # (with initial, an all-NaN slice gives initial, like numpy)
        all_nan = _reduce(name, "all", ufuncs.isnan(x), axes, keepdims=keepdims)
        res = _select(all_nan, _fill(res, np.nan), res)
    return res


@public(static=("axis", "keepdims"))
@_doc
def nanmax(a, axis=None, out=None, keepdims=False, initial=None, where=None):
    """Maximum over the given axes, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {initial}
    {where}
        Needs ``initial``.

    Returns
    -------
    jax.Array
        The maximum; an all-NaN slice gives NaN (numpy also warns).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanmax([1.0, float('nan'), 3.0])
    Array(3., dtype=float32)
    """
    return _nan_extremum("nanmax", True, a, axis, out, keepdims, initial, where)


@public(static=("axis", "keepdims"))
@_doc
def nanmin(a, axis=None, out=None, keepdims=False, initial=None, where=None):
    """Minimum over the given axes, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis}
    {out}
    {keepdims}
    {initial}
    {where}
        Needs ``initial``.

    Returns
    -------
    jax.Array
        The minimum; an all-NaN slice gives NaN (numpy also warns).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanmin([1.0, float('nan'), 3.0])
    Array(1., dtype=float32)
    """
    return _nan_extremum("nanmin", False, a, axis, out, keepdims, initial, where)


# --- mean, var, std (and the NaN-ignoring versions) -----------------------------------------
def _mean_core(name, x, axes, dtype, keepdims, where, ignore_nan):
    """Mean of ``x`` over ``axes`` in ``dtype`` (None: ``x``'s dtype made inexact)."""
    result_dtype = dtypes.to_inexact_dtype(x.dtype) if dtype is None else np.dtype(dtype)
    comp = _upcast_f16(result_dtype)
    mask = _mask(name, where, x.shape)
    if ignore_nan and _is_inexact(x):
        mask = _and_masks(mask, lax.not_(ufuncs.isnan(x)))
        x = _nan_to(x, 0)
    total = _reduce(name, "sum", x, axes, dtype=comp, keepdims=keepdims, where=mask)
    n = _count(x.shape, axes, keepdims, mask, comp)
    return _cast(lax.div(total, n), result_dtype)


def _mean(name, a, axis, dtype, out, keepdims, where, ignore_nan):
    check_out(name, out)
    x = _arr(name, a)
    return _mean_core(name, x, _axes(name, axis, x.ndim), _user_dtype(name, dtype), keepdims,
                      where, ignore_nan)


@public(static=("axis", "dtype", "keepdims"))
@_doc
def mean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=None):
    """Arithmetic mean over the given axes.

    Parameters
    ----------
    {a}
    {axis}
    dtype : dtype, optional
        Dtype of the computation and result; by default ``a``'s dtype, with
        bools and integers going to the default float.
    {out}
    {keepdims}
    {where}

    Returns
    -------
    jax.Array
        The mean; an empty slice gives NaN (numpy also warns).

    Notes
    -----
    Differences from NumPy: integers average in float32 (float64 with x64),
    not float64; float16 accumulates in float32.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.mean([[1, 2], [3, 5]], axis=0)
    Array([2. , 3.5], dtype=float32)
    """
    return _mean("mean", a, axis, dtype, out, keepdims, where, False)


@public(static=("axis", "dtype", "keepdims"))
@_doc
def nanmean(a, axis=None, dtype=None, out=None, keepdims=False, *, where=None):
    """Arithmetic mean over the given axes, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {keepdims}
    {where}

    Returns
    -------
    jax.Array
        The mean of the non-NaN elements; an all-NaN slice gives NaN.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanmean([1.0, float('nan'), 4.0])
    Array(2.5, dtype=float32)
    """
    return _mean("nanmean", a, axis, dtype, out, keepdims, where, True)


def _ddof(name, ddof, correction):
    _check_static(name, "ddof", ddof, (numbers.Real, np.integer, np.floating), "a number")
    if correction is None:
        return ddof
    _check_static(name, "correction", correction, (numbers.Real, np.integer, np.floating),
                  "a number")
    if ddof != 0:
        raise ValueError(f"{name}(): 'ddof' and 'correction' can't be given together")
    return correction


def _var_dtypes(name, a_dtype, dtype):
    """(computation dtype, result dtype) of var/std, following jax."""
    if dtype is not None:
        if dtypes.is_complex(a_dtype) and not dtypes.is_complex(dtype):
            raise ValueError(f"{name}(): a real 'dtype' ({np.dtype(dtype).name}) for complex "
                             "input is not supported; pass a complex dtype or none")
        return _upcast_f16(dtype), np.dtype(dtype)
    if not dtypes.is_inexact(a_dtype):
        dt = dtypes.to_inexact_dtype(a_dtype)
        return _upcast_f16(dt), dt
    return _upcast_f16(a_dtype), _real_dtype(a_dtype)


def _var(name, a, axis, dtype, out, ddof, keepdims, where, mean, correction, ignore_nan,
         sqrt=False):
    check_out(name, out)
    ddof = _ddof(name, ddof, correction)
    _check_bool(name, "keepdims", keepdims)
    x = _arr(name, a)
    axes = _axes(name, axis, x.ndim)
    comp, result_dtype = _var_dtypes(name, x.dtype, _user_dtype(name, dtype))
    x = _cast(x, comp)
    mask = _mask(name, where, x.shape)
    if ignore_nan and _is_inexact(x):
        mask = _and_masks(mask, lax.not_(ufuncs.isnan(x)))
        x = _nan_to(x, 0)  # before centering, so no NaN reaches a gradient
    if mean is None:
        m = _mean_core(name, x, axes, comp, True, mask, False)
    else:
        m = _cast(_arr(name, mean, "mean"), comp)
        broadcast_shapes(name, m.shape, x.shape)
    m = broadcast_to(m, x.shape) if m.shape != x.shape else m
    centered = lax.sub(x, m)
    if dtypes.is_complex(comp):
        sq = lax.real(lax.mul(centered, lax.conj(centered)))
    else:
        sq = lax.mul(centered, centered)
    if mask is not None:
        sq = _select(mask, sq, _fill(sq, 0))
    acc = sq.dtype
    total = _reduce(name, "sum", sq, axes, keepdims=keepdims)
    # Like jax, a divisor N - ddof <= 0 gives NaN (numpy: inf or NaN, and a warning).
    if mask is None:
        n = _size(x.shape, axes) - ddof
        res = lax.div(total, np.array(n, acc)) if n > 0 else _fill(total, np.nan)
    else:
        n = lax.sub(_count(x.shape, axes, keepdims, mask, acc), np.array(ddof, acc))
        res = _select(lax.gt(n, np.zeros((), acc)), lax.div(total, n), _fill(total, np.nan))
    if sqrt:
        res = lax.sqrt(res) if dtypes.is_inexact(res.dtype) else res
    return _cast(res, result_dtype)


_VAR_STATIC = ("axis", "dtype", "keepdims", "ddof", "correction")


@public(static=_VAR_STATIC)
@_doc
def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None, mean=None,
        correction=None):
    """Variance over the given axes.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {ddof}
    {keepdims}
    {where}
    {mean}
    {correction}

    Returns
    -------
    jax.Array
        The variance ``sum(|a - mean|**2) / (N - ddof)``; real for complex input.

    Notes
    -----
    Differences from NumPy: integers compute in the default float; a divisor
    ``N - ddof <= 0`` gives NaN (numpy gives inf or NaN with a warning); a
    real ``dtype`` for complex input raises ValueError, like jax.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.var([1.0, 2.0, 3.0, 4.0])
    Array(1.25, dtype=float32)
    >>> jnp.var([1.0, 2.0, 3.0, 4.0], ddof=1)
    Array(1.6666667, dtype=float32)
    """
    return _var("var", a, axis, dtype, out, ddof, keepdims, where, mean, correction, False)


@public(static=_VAR_STATIC)
@_doc
def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None, mean=None,
        correction=None):
    """Standard deviation over the given axes (square root of :func:`var`).

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {ddof}
    {keepdims}
    {where}
    {mean}
    {correction}

    Returns
    -------
    jax.Array
        The standard deviation; real for complex input.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.std([1.0, 3.0])
    Array(1., dtype=float32)
    """
    return _var("std", a, axis, dtype, out, ddof, keepdims, where, mean, correction, False,
                sqrt=True)


@public(static=_VAR_STATIC)
@_doc
def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None,
           mean=None, correction=None):
    """Variance over the given axes, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {ddof}
    {keepdims}
    {where}
    {mean}
    {correction}

    Returns
    -------
    jax.Array
        The variance of the non-NaN elements; NaN where fewer than ``ddof + 1``
        remain.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanvar([1.0, float('nan'), 3.0])
    Array(1., dtype=float32)
    """
    return _var("nanvar", a, axis, dtype, out, ddof, keepdims, where, mean, correction, True)


@public(static=_VAR_STATIC)
@_doc
def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None,
           mean=None, correction=None):
    """Standard deviation over the given axes, ignoring NaNs.

    Parameters
    ----------
    {a}
    {axis}
    {dtype}
    {out}
    {ddof}
    {keepdims}
    {where}
    {mean}
    {correction}

    Returns
    -------
    jax.Array
        The standard deviation of the non-NaN elements.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nanstd([1.0, float('nan'), 3.0])
    Array(1., dtype=float32)
    """
    return _var("nanstd", a, axis, dtype, out, ddof, keepdims, where, mean, correction, True,
                sqrt=True)


# --- average -------------------------------------------------------------------------------------
@public(static=("axis", "returned", "keepdims"))
@_doc
def average(a, axis=None, weights=None, returned=False, *, keepdims=False):
    """Weighted average over the given axes.

    Parameters
    ----------
    {a}
    {axis}
    weights : array_like, optional
        Weights of ``a``'s shape, or (when they differ) of the shape of ``a``
        along ``axis`` (in the order given). None: all weights are one.
    returned : bool, default False
        Also return the sum of the weights (broadcast to the average's shape).
    {keepdims}

    Returns
    -------
    jax.Array or tuple of jax.Array
        The average, and with ``returned`` the weight sums.

    Notes
    -----
    Differences from NumPy: weights summing to zero give NaN/inf instead of
    ZeroDivisionError (the check would depend on values).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.average([1.0, 2.0, 4.0], weights=[3.0, 1.0, 0.0])
    Array(1.25, dtype=float32)
    """
    _check_bool("average", "returned", returned)
    x = _arr("average", a)
    axes = _axes("average", axis, x.ndim)
    if weights is None:
        avg = _mean_core("average", x, axes, None, keepdims, None, False)
        wsum = lax.broadcast_in_dim(np.array(_size(x.shape, axes), avg.dtype), avg.shape, ())
    else:
        x, w = promote_dtypes_inexact(x, _arr("average", weights, "weights"))
        if w.shape != x.shape:
            if axis is None:
                raise TypeError("average(): 'axis' must be given when the shapes of 'a' and "
                                "'weights' differ")
            order = canonicalize_axes(axis, x.ndim, "average")  # in the order given
            if w.shape != tuple(x.shape[i] for i in order):
                raise ValueError(f"average(): shape of 'weights' {w.shape} is not consistent "
                                 f"with the shape of 'a' {x.shape} along axis {axis}")
            w = lax.transpose(w, tuple(int(i) for i in np.argsort(order)))
            w = lax.reshape(w, tuple(d if i in axes else 1 for i, d in enumerate(x.shape)))
            w = broadcast_to(w, x.shape)
        wsum = _reduce("average", "sum", w, axes, keepdims=keepdims)
        avg = lax.div(_reduce("average", "sum", lax.mul(x, w), axes, keepdims=keepdims), wsum)
    if returned:
        return avg, (broadcast_to(wsum, avg.shape) if wsum.shape != avg.shape else wsum)
    return avg


# --- cumulative reductions ------------------------------------------------------------------------
def _cumulative(name, prim, a, axis, dtype, out, *, promote_integers, nan_fill=None,
                include_initial=False, array_api=False):
    check_out(name, out)
    x = _arr(name, a, "x" if array_api else "a")
    if array_api:
        _check_bool(name, "include_initial", include_initial)
        if x.ndim == 0:
            raise ValueError(f"{name}(): the input must have at least one dimension, got a "
                             "0-d array")
        if axis is None:
            if x.ndim > 1:
                raise ValueError(f"{name}(): 'axis' must be given for an input of rank "
                                 f"{x.ndim} (it is optional only for 1-d input)")
            axis = 0
    elif axis is None:
        x, axis = lax.reshape(x, (x.size,)), 0
    ax = canonicalize_axis(axis, x.ndim, name)
    dtype = _user_dtype(name, dtype)
    if nan_fill is not None:
        x = _nan_to(x, nan_fill)
    result_dtype = np.dtype(x.dtype if dtype is None else dtype)
    if (dtype is None and promote_integers) or result_dtype == np.bool_:
        result_dtype = _promoted_int(result_dtype)
    if dtype == np.bool_:
        x = _cast(x, np.bool_)
    res = prim(_cast(x, result_dtype), ax)
    if dtype == np.bool_:  # bools accumulate in the default int, then cast back
        res = _cast(res, np.bool_)
    if include_initial:
        shape = tuple(1 if i == ax else d for i, d in enumerate(res.shape))
        first = lax.broadcast_in_dim(np.array(0 if prim is lax.cumsum else 1, res.dtype),
                                     shape, ())
        res = lax.concatenate([first, res], ax)
    return res


@public(static=("axis", "dtype"))
@_doc
def cumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum along an axis.

    Parameters
    ----------
    {a}
    {axis1}
    {dtype}
    {out}

    Returns
    -------
    jax.Array
        Running sums, of ``a``'s shape (1-d when ``axis`` is None).

    Notes
    -----
    Differences from NumPy: like jax, integers keep their dtype (numpy widens
    small integers to int64); bools accumulate in the default integer.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.cumsum([[1, 2], [3, 4]])
    Array([ 1,  3,  6, 10], dtype=int32)
    """
    return _cumulative("cumsum", lax.cumsum, a, axis, dtype, out, promote_integers=False)


@public(static=("axis", "dtype"))
@_doc
def cumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product along an axis.

    Parameters
    ----------
    {a}
    {axis1}
    {dtype}
    {out}

    Returns
    -------
    jax.Array
        Running products, of ``a``'s shape (1-d when ``axis`` is None).

    Notes
    -----
    Differences from NumPy: integer dtypes as in :func:`cumsum`. The gradient
    is exact at zeros.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.cumprod([[1, 2], [3, 4]], axis=1)
    Array([[ 1,  2],
           [ 3, 12]], dtype=int32)
    """
    return _cumulative("cumprod", lax.cumprod, a, axis, dtype, out, promote_integers=False)


@public(static=("axis", "dtype"))
@_doc
def nancumsum(a, axis=None, dtype=None, out=None):
    """Cumulative sum along an axis, treating NaNs as zero.

    Parameters
    ----------
    {a}
    {axis1}
    {dtype}
    {out}

    Returns
    -------
    jax.Array
        Running sums.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nancumsum([1.0, float('nan'), 2.0])
    Array([1., 1., 3.], dtype=float32)
    """
    return _cumulative("nancumsum", lax.cumsum, a, axis, dtype, out, promote_integers=False,
                       nan_fill=0)


@public(static=("axis", "dtype"))
@_doc
def nancumprod(a, axis=None, dtype=None, out=None):
    """Cumulative product along an axis, treating NaNs as one.

    Parameters
    ----------
    {a}
    {axis1}
    {dtype}
    {out}

    Returns
    -------
    jax.Array
        Running products.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.nancumprod([2.0, float('nan'), 3.0])
    Array([2., 2., 6.], dtype=float32)
    """
    return _cumulative("nancumprod", lax.cumprod, a, axis, dtype, out, promote_integers=False,
                       nan_fill=1)


@public(static=("axis", "dtype", "include_initial"))
@_doc
def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Cumulative sum along an axis (Array API).

    Parameters
    ----------
    x : array_like
        Input array, at least 1-d.
    axis : int, optional
        Axis to accumulate along; may be omitted only for 1-d input.
    {dtype}
    {out}
    include_initial : bool, default False
        Start the result with the sum of no elements (0), so the axis grows
        by one.

    Returns
    -------
    jax.Array
        Running sums. Without ``dtype``, bools and small integers accumulate
        in the default integer.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.cumulative_sum([1, 2, 3], include_initial=True)
    Array([0, 1, 3, 6], dtype=int32)
    """
    return _cumulative("cumulative_sum", lax.cumsum, x, axis, dtype, out, promote_integers=True,
                       include_initial=include_initial, array_api=True)


@public(static=("axis", "dtype", "include_initial"))
@_doc
def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """Cumulative product along an axis (Array API).

    Parameters
    ----------
    x : array_like
        Input array, at least 1-d.
    axis : int, optional
        Axis to accumulate along; may be omitted only for 1-d input.
    {dtype}
    {out}
    include_initial : bool, default False
        Start the result with the product of no elements (1), so the axis
        grows by one.

    Returns
    -------
    jax.Array
        Running products.

    Notes
    -----
    Without ``dtype``, bools and small integers accumulate in the default
    integer (unsigned ones in the default unsigned integer), as the Array API
    standard asks and as ``cumulative_sum`` and numpy's ``cumprod`` do;
    jax.numpy 0.10.2 keeps the input's integer dtype here.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.cumulative_prod([1, 2, 3], include_initial=True)
    Array([1, 1, 2, 6], dtype=int32)
    """
    return _cumulative("cumulative_prod", lax.cumprod, x, axis, dtype, out,
                       promote_integers=True, include_initial=include_initial, array_api=True)


# --- closeness and equality -----------------------------------------------------------------------
def _has_key(a, b):
    """Whether ``a`` or ``b`` is a typed PRNG key array (compared by equality, as in jax)."""
    return dtypes._is_extended(getattr(a, "dtype", None)) or \
        dtypes._is_extended(getattr(b, "dtype", None))


def _isclose(a, b, rtol, atol, equal_nan):
    if _has_key(a, b):
        # typed PRNG keys (jax.numpy): close means equal; tolerances and NaNs do not apply
        return ufuncs._compare_keys("isclose", a, b)
    a, b = promote_args_inexact("isclose", _arr("isclose", a), _arr("isclose", b, "b"))
    real = _real_dtype(a.dtype)
    rtol = _cast(_arr("isclose", rtol, "rtol"), real) if not dtypes.is_python_scalar(rtol) \
        else np.array(rtol, real)
    atol = _cast(_arr("isclose", atol, "atol"), real) if not dtypes.is_python_scalar(atol) \
        else np.array(atol, real)
    diff = ufuncs.absolute(ufuncs.subtract(a, b))
    tol = ufuncs.add(atol, ufuncs.multiply(rtol, ufuncs.absolute(b)))
    close = ufuncs.logical_and(ufuncs.less_equal(diff, tol), ufuncs.isfinite(b))
    # Equal values are close (this covers equal infinities).
    close = ufuncs.logical_or(close, lax.eq(a, b))
    if equal_nan:
        close = ufuncs.logical_or(close, lax.and_(ufuncs.isnan(a), ufuncs.isnan(b)))
    return close


@public(static=("equal_nan",))
@_doc
def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Element-wise test whether ``a`` and ``b`` are equal within a tolerance.

    ``a`` is close to ``b`` when ``|a - b| <= atol + rtol * |b|`` (not
    symmetric, like numpy), or when they are equal (so equal infinities are
    close).

    Parameters
    ----------
    a, b : array_like
        Inputs, broadcast against each other.
    rtol, atol : array_like
        Relative and absolute tolerance.
    equal_nan : bool, default False
        Count two NaNs as close.

    Returns
    -------
    jax.Array
        Bool array of the broadcast shape.

    Notes
    -----
    Inputs are promoted to an inexact dtype with jax's rules (float32 for
    integers unless x64 is on), so tolerances apply at that precision.
    Typed PRNG keys are close when they are equal (jax.numpy's rule).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.isclose([1.0, 1.1], [1.0, 1.0])
    Array([ True, False], dtype=bool)
    """
    _check_bool("isclose", "equal_nan", equal_nan)
    return _isclose(a, b, rtol, atol, equal_nan)


@public(static=("equal_nan",))
@_doc
def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Whether all elements of ``a`` and ``b`` are close (see :func:`isclose`).

    Parameters
    ----------
    a, b : array_like
        Inputs, broadcast against each other.
    rtol, atol : array_like
        Relative and absolute tolerance.
    equal_nan : bool, default False
        Count two NaNs as close.

    Returns
    -------
    jax.Array
        A 0-d bool array (numpy returns a Python bool).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.allclose([1.0, 2.0], [1.0, 2.0 + 1e-7])
    Array(True, dtype=bool)
    """
    _check_bool("allclose", "equal_nan", equal_nan)
    close = _isclose(a, b, rtol, atol, equal_nan)
    return _reduce("allclose", "all", close, tuple(range(close.ndim)))


@public(static=("equal_nan",))
@_doc
def array_equal(a1, a2, equal_nan=False):
    """Whether two arrays have the same shape and equal elements.

    Parameters
    ----------
    a1, a2 : array_like
        Inputs.
    equal_nan : bool, default False
        Count NaNs in the same places as equal.

    Returns
    -------
    jax.Array
        A 0-d bool array; False when the shapes differ.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.array_equal([1, 2], [1, 2])
    Array(True, dtype=bool)
    >>> jnp.array_equal([1, 2], [[1, 2]])
    Array(False, dtype=bool)
    """
    _check_bool("array_equal", "equal_nan", equal_nan)
    x, y = _arr("array_equal", a1, "a1"), _arr("array_equal", a2, "a2")
    if x.shape != y.shape:
        return np.array(False)
    eq = ufuncs.equal(x, y)
    if equal_nan and not _has_key(x, y):   # keys are never NaN
        eq = ufuncs.logical_or(eq, lax.and_(ufuncs.isnan(x), ufuncs.isnan(y)))
    return _reduce("array_equal", "all", eq, tuple(range(eq.ndim)))


@public
@_doc
def array_equiv(a1, a2):
    """Whether two arrays are equal after broadcasting against each other.

    Parameters
    ----------
    a1, a2 : array_like
        Inputs.

    Returns
    -------
    jax.Array
        A 0-d bool array; False when the shapes do not broadcast.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.array_equiv([1, 2], [[1, 2], [1, 2]])
    Array(True, dtype=bool)
    """
    x, y = _arr("array_equiv", a1, "a1"), _arr("array_equiv", a2, "a2")
    try:
        broadcast_shapes("array_equiv", x.shape, y.shape)
    except ValueError:
        return np.array(False)
    eq = ufuncs.equal(x, y)
    return _reduce("array_equiv", "all", eq, tuple(range(eq.ndim)))

