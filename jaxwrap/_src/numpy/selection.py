"""Choosing and replacing values: where, clip, nan_to_num, round/around, angle.

All of them are elementwise: arguments are checked, promoted with jax's
rules, broadcast like numpy, then computed with jaxwrap primitives (or the
ufuncs built on them).
"""

from __future__ import annotations

import math
import operator
import warnings

import ml_dtypes
import numpy as np

from .. import dtypes, lax
from . import ufuncs
from ._util import (
    asarray,
    broadcast_arrays,
    broadcast_to,
    check_arraylike,
    check_out,
    const,
    full_like,
    promote_dtypes,
    public,
    shape,
)

__all__ = ["angle", "around", "clip", "nan_to_num", "round", "where"]


def _select(cond, x, y):
    """x where cond else y; ``cond`` is boolean and all shapes are equal."""
    return lax.select_n(cond, y, x)


def _as_bool(name, condition):
    c = asarray(condition, name=name)
    if c.dtype != np.bool_:
        c = lax.ne(c, const(c, 0))
    return c


# --- where ---------------------------------------------------------------------------------------
def where(condition, x=None, y=None, /, *, size=None, fill_value=None):
    """Pick elements from ``x`` where ``condition`` holds and from ``y`` elsewhere.

    Parameters
    ----------
    condition : array_like
        Where true (non-zero), take ``x``; elsewhere ``y``.
    x, y : array_like
        The values to choose from.  ``condition``, ``x`` and ``y`` broadcast
        together.
    size, fill_value :
        Only for the one-argument form, ``where(condition)``, which is
        ``nonzero(condition, size=size, fill_value=fill_value)``.

    Returns
    -------
    out : jax.Array
        Broadcast shape of the three arguments, dtype ``result_type(x, y)``.

    Raises
    ------
    ValueError
        If only one of ``x`` and ``y`` is given, or the shapes do not
        broadcast.

    Notes
    -----
    Differences from NumPy: dtypes follow jax's promotion.  The one-argument
    form has a data-dependent shape: pass a static ``size`` (and optionally
    ``fill_value``) to use it under ``jax.jit``, as with ``nonzero``.
    Gradients flow to ``x`` and ``y`` only through the elements selected.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.where(jwnp.arange(4) > 1, 1.0, -1.0)
    Array([-1., -1.,  1.,  1.], dtype=float32, weak_type=True)
    """
    if x is None and y is None:
        from .sorting import nonzero  # sorting imports this module's helpers

        return nonzero(condition, size=size, fill_value=fill_value)
    if x is None or y is None:
        raise ValueError("where(): either both or neither of x and y must be given")
    if size is not None or fill_value is not None:
        raise ValueError("where(): size and fill_value apply only to the one-argument form")
    return _where(condition, x, y)


@public
def _where(condition, x, y):
    name = "where"
    check_arraylike(name, condition, x, y, argnames=("condition", "x", "y"))
    c = _as_bool(name, condition)
    x, y = promote_dtypes(x, y)
    c, x, y = broadcast_arrays(name, c, x, y)
    return _select(c, x, y)



# --- clip ----------------------------------------------------------------------------------------
def _is_complex_arg(v):
    return v is not None and dtypes.is_complex(dtypes.dtype(v))


@public
def clip(arr=None, /, min=None, max=None, *, a=None, a_min=None, a_max=None):
    """Limit the values of an array to the interval ``[min, max]``.

    Parameters
    ----------
    arr : array_like
        Values to clip.
    min, max : array_like, optional
        Lower and upper bounds, broadcast against ``arr``; ``None`` means no
        bound on that side.  Where ``min > max`` the result is ``max``.
    a, a_min, a_max : deprecated
        numpy 1.x names of ``arr``, ``min`` and ``max``; they still work but
        warn (DeprecationWarning).

    Returns
    -------
    out : jax.Array
        Broadcast shape; dtype ``result_type(arr, min, max)``.  NaNs (in
        ``arr`` or a bound) propagate.

    Raises
    ------
    ValueError
        If ``arr`` is missing or any argument is complex.

    Notes
    -----
    Differences from NumPy: jax's promotion; no ``out``.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.clip(jwnp.arange(5), 1, 3)
    Array([1, 1, 2, 3, 3], dtype=int32)
    """
    name = "clip"
    for old, new, val, cur in (("a", "arr", a, arr), ("a_min", "min", a_min, min),
                               ("a_max", "max", a_max, max)):
        if val is not None:
            warnings.warn(f"clip(): the '{old}' keyword is deprecated; use '{new}'",
                          DeprecationWarning, stacklevel=3)
            if cur is not None:
                raise TypeError(f"clip(): got values for both '{new}' and its deprecated "
                                f"alias '{old}'")
    arr = a if a is not None else arr
    min = a_min if a_min is not None else min
    max = a_max if a_max is not None else max
    if arr is None:
        raise ValueError("clip(): no input array was given (argument 'arr')")
    check_arraylike(name, arr)
    for argname, v in (("arr", arr), ("min", min), ("max", max)):
        if v is not None:
            check_arraylike(name, v, argnames=(argname,))
        if _is_complex_arg(v):
            raise ValueError(f"clip(): argument '{argname}' is complex; complex numbers are not "
                             "ordered (clip the real or imaginary part instead)")
    out = asarray(arr, name=name)
    if min is not None:
        out = ufuncs.maximum(min, out)
    if max is not None:
        out = ufuncs.minimum(max, out)
    return out


# --- nan_to_num ----------------------------------------------------------------------------------
def _replace_nonfinite(x, nan, posinf, neginf):
    info = ml_dtypes.finfo(x.dtype)

    def value(v, default):
        v = asarray(default if v is None else v, name="nan_to_num")
        v = lax.convert_element_type(v, x.dtype) if v.dtype != x.dtype else v
        return broadcast_to(v, shape(x))

    x = _select(lax.ne(x, x), value(nan, 0.0), x)
    x = _select(lax.eq(x, const(x, np.inf)), value(posinf, float(info.max)), x)
    return _select(lax.eq(x, const(x, -np.inf)), value(neginf, float(info.min)), x)


@public(static=("copy",))
def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """Replace NaN with ``nan`` and infinities with ``posinf`` / ``neginf``.

    Parameters
    ----------
    x : array_like
        Input; integer and boolean arrays are returned unchanged.
    copy : bool, optional
        Ignored (jax arrays are immutable, so the result is always new).
    nan : scalar, optional
        Replacement for NaN.  Default 0.0.
    posinf, neginf : scalar, optional
        Replacements for +inf and -inf.  Default: the largest and the most
        negative finite value of ``x``'s dtype.

    Returns
    -------
    out : jax.Array
        Same shape and dtype as ``x``.  Complex inputs are treated part by
        part (real and imaginary).

    Notes
    -----
    Differences from NumPy: ``copy=False`` does not work in place.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.nan_to_num(jwnp.array([jwnp.nan, jwnp.inf, 1.0]))
    Array([0.0000000e+00, 3.4028235e+38, 1.0000000e+00], dtype=float32)
    """
    del copy
    name = "nan_to_num"
    check_arraylike(name, x)
    for argname, v in (("nan", nan), ("posinf", posinf), ("neginf", neginf)):
        if v is not None:
            check_arraylike(name, v, argnames=(argname,))
    x = asarray(x, name=name)
    if not dtypes.is_inexact(x.dtype):
        return x
    if dtypes.is_complex(x.dtype):
        re = _replace_nonfinite(lax.real(x), nan, posinf, neginf)
        im = _replace_nonfinite(lax.imag(x), nan, posinf, neginf)
        return lax.complex(re, im)
    return _replace_nonfinite(x, nan, posinf, neginf)


# --- round ---------------------------------------------------------------------------------------
def _round_float(x, decimals):
    if decimals == 0:
        return lax.round(x, 1)
    dt = x.dtype
    if dt.itemsize < 4:  # float16 / bfloat16: scale in float32 so 10**decimals stays exact
        x = lax.convert_element_type(x, np.float32)
    # numpy's recipe: scale by 10**|decimals|, round half to even, scale back.
    factor = const(x, 10.0 ** abs(decimals))
    if decimals > 0:
        out = lax.div(lax.round(lax.mul(x, factor), 1), factor)
    else:
        out = lax.mul(lax.round(lax.div(x, factor), 1), factor)
    return lax.convert_element_type(out, dt) if out.dtype != dt else out


def _round_int(x, decimals):
    """Round integers to a multiple of 10**-decimals, halves to even (like numpy)."""
    f = 10 ** (-decimals)
    info = np.iinfo(x.dtype)
    if f > info.max:
        return full_like(x, 0)
    fx = const(x, f)
    q = lax.div(x, fx)                      # truncated quotient
    r = lax.sub(x, lax.mul(q, fx))
    if dtypes.is_signed(x.dtype):           # make it the floor quotient, 0 <= r < f
        neg = lax.lt(r, const(r, 0))
        q = _select(neg, lax.sub(q, const(q, 1)), q)
        r = _select(neg, lax.add(r, fx), r)
    rest = lax.sub(fx, r)                   # compare r with f - r: no overflow
    odd = lax.ne(lax.and_(q, const(q, 1)), const(q, 0))
    up = lax.or_(lax.gt(r, rest), lax.and_(lax.eq(r, rest), odd))
    q = _select(up, lax.add(q, const(q, 1)), q)
    return lax.mul(q, fx)                   # wraps on overflow, like numpy


@public(static=("decimals",))
def round(a, decimals=0, out=None):
    """Round to the given number of decimals, halves to the nearest even value.

    Parameters
    ----------
    a : array_like
    decimals : int, optional
        Number of decimal places (negative: round to tens, hundreds, ...).
        Default 0.  Must be a static Python int.
    out : None
        Not supported.

    Returns
    -------
    out : jax.Array
        Same shape and dtype as ``a``.  Complex numbers round their real and
        imaginary parts separately; integers are unchanged for
        ``decimals >= 0``; booleans are returned unchanged.

    Notes
    -----
    Like NumPy, a float is scaled by ``10**decimals``, rounded half to even
    and scaled back, so results can differ from exact decimal rounding by an
    ulp.  Differences from NumPy: booleans stay boolean (NumPy returns
    float16); no ``out``.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.round(jwnp.array([0.5, 1.5, 2.5]))  # halves go to the even neighbour
    Array([0., 2., 2.], dtype=float32)
    """
    name = "round"
    check_out(name, out)
    check_arraylike(name, a)
    try:
        decimals = operator.index(decimals)
    except TypeError:
        raise TypeError(f"round(): decimals must be an integer, got "
                        f"{type(decimals).__name__}") from None
    x = asarray(a, name=name)
    dt = x.dtype
    if dt == np.bool_:
        return x
    if dtypes.is_integer(dt):
        return x if decimals >= 0 else _round_int(x, decimals)
    if decimals > math.log10(float(ml_dtypes.finfo(dt).max)):
        return x  # finer than the type resolves: nothing to round
    if dtypes.is_complex(dt):
        return lax.complex(_round_float(lax.real(x), decimals),
                           _round_float(lax.imag(x), decimals))
    return _round_float(x, decimals)


@public(static=("decimals",))
def around(a, decimals=0, out=None):
    """Round to the given number of decimals (alias of ``round``).

    Parameters
    ----------
    a : array_like
    decimals : int, optional
        Default 0.
    out : None
        Not supported.

    Returns
    -------
    out : jax.Array

    Notes
    -----
    See ``round``; same semantics.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.around(jwnp.array([2.5, 3.5]))
    Array([2., 4.], dtype=float32)
    """
    return round(a, decimals, out)


# --- angle ---------------------------------------------------------------------------------------
@public(static=("deg",))
def angle(z, deg=False):
    """Counterclockwise angle of complex numbers from the positive real axis.

    Parameters
    ----------
    z : array_like
    deg : bool, optional
        Degrees instead of radians.  Default False.

    Returns
    -------
    out : jax.Array
        ``arctan2(imag(z), real(z))``, in (-pi, pi].  Real inputs give 0 or
        pi; integers and booleans compute in the default float type.

    Notes
    -----
    Differences from NumPy: integer inputs give jax's default float
    (float32 unless ``jax_enable_x64``) rather than NumPy's float16/float64.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.angle(jwnp.array([1j, -1.0]))
    Array([1.5707964, 3.1415927], dtype=float32)
    """
    name = "angle"
    check_arraylike(name, z)
    z = asarray(z, name=name)
    if dtypes.is_complex(z.dtype):
        re, im = lax.real(z), lax.imag(z)
    else:
        re = z
        if not dtypes.is_inexact(z.dtype):
            re = lax.convert_element_type(z, dtypes.to_inexact_dtype(z.dtype),
                                          dtypes.is_weakly_typed(z))
        im = full_like(re, 0)
        if dtypes.is_weakly_typed(re):
            im = lax.convert_element_type(im, im.dtype, True)
    out = lax.atan2(im, re)
    return ufuncs.degrees(out) if deg else out
