"""Type tests and conversion: isreal, iscomplex, isrealobj, iscomplexobj,
isscalar, iterable, astype."""

from __future__ import annotations

import jax
import numpy as np

from .. import dtypes, lax
from ._util import asarray, check_arraylike, full_like, public

__all__ = ["astype", "iscomplex", "iscomplexobj", "isreal", "isrealobj", "isscalar", "iterable",
           "ndarray"]

#: The array type of jaxwrap.numpy: results are plain ``jax.Array``s.
ndarray = jax.Array


def _is_complex_dtype(x) -> bool:
    if isinstance(x, (list, tuple)):
        x = asarray(x)
    return dtypes.issubdtype(dtypes.dtype(x), np.complexfloating)


@public
def isreal(x, /):
    """Return a bool array, True where ``x`` has no imaginary part.

    Parameters
    ----------
    x : array_like

    Returns
    -------
    out : jax.Array of bool
        ``imag(x) == 0``; all True for real input.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.isreal(jwnp.array([1 + 1j, 2 + 0j]))
    Array([False,  True], dtype=bool)
    """
    check_arraylike("isreal", x)
    x = asarray(x)
    if not _is_complex_dtype(x):
        return full_like(x, True, np.bool_)
    return lax.eq(lax.imag(x), np.array(0, lax.imag(x).dtype))


@public
def iscomplex(x, /):
    """Return a bool array, True where ``x`` has a non-zero imaginary part.

    Parameters
    ----------
    x : array_like

    Returns
    -------
    out : jax.Array of bool

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.iscomplex(jwnp.array([1 + 1j, 2 + 0j]))
    Array([ True, False], dtype=bool)
    """
    check_arraylike("iscomplex", x)
    x = asarray(x)
    if not _is_complex_dtype(x):
        return full_like(x, False, np.bool_)
    return lax.ne(lax.imag(x), np.array(0, lax.imag(x).dtype))


def isrealobj(x, /) -> bool:
    """True if ``x`` does not have a complex dtype (whatever its values).

    Parameters
    ----------
    x : array_like

    Returns
    -------
    bool

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.isrealobj(1.0), jwnp.isrealobj(1j)
    (True, False)
    """
    return not _is_complex_dtype(x)


def iscomplexobj(x, /) -> bool:
    """True if ``x`` has a complex dtype (whatever its values).

    Parameters
    ----------
    x : array_like

    Returns
    -------
    bool

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.iscomplexobj(1j)
    True
    """
    if x is None:   # numpy and jax: an object array, not complex
        return False
    return _is_complex_dtype(x)


def isscalar(element) -> bool:
    """True if ``element`` is a scalar: a Python/numpy scalar or a 0-d array.

    Parameters
    ----------
    element : object

    Returns
    -------
    bool

    Notes
    -----
    Differences from NumPy: like jax.numpy, 0-d arrays count as scalars
    (numpy says False for them), since jax has no separate scalar type.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.isscalar(1.0), jwnp.isscalar(jwnp.asarray(1.0)), jwnp.isscalar([1.0])
    (True, True, False)
    """
    if isinstance(element, (np.ndarray, jax.Array)) or hasattr(element, "__jax_array__"):
        return np.ndim(element) == 0
    return isinstance(element, (bool, int, float, complex, np.generic))


def iterable(y) -> bool:
    """True if ``iter(y)`` works (0-d arrays are not iterable).

    Parameters
    ----------
    y : object

    Returns
    -------
    bool

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.iterable([1, 2]), jwnp.iterable(2)
    (True, False)
    """
    try:
        iter(y)
    except TypeError:
        return False
    return True


@public(static=("dtype", "copy", "device"))
def _astype(x, dtype, copy, device):
    del copy, device
    return lax.convert_element_type(x, dtype, False) if x.dtype != dtype else x


def astype(x, dtype, /, *, copy: bool = False, device=None):
    """Convert an array to ``dtype`` (the Array API / numpy 2 function).

    Parameters
    ----------
    x : array_like
    dtype : dtype_like or None
        Target dtype (64-bit types follow ``jax_enable_x64``); None means the
        default float dtype, as in jax.
    copy : bool, optional
        False (default): ``x`` itself is returned when it already has
        ``dtype``; True: always a new array.  (jax arrays are immutable, so
        sharing is never observable through the values.)
    device : optional
        Where to place the result (a jax Device or Sharding).

    Returns
    -------
    out : jax.Array
        ``x`` converted to ``dtype``; complex to real keeps the real part,
        float to int truncates toward zero.

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.astype(jwnp.array([1.7, -1.7]), jwnp.int32)
    Array([ 1, -1], dtype=int32)
    """
    check_arraylike("astype", x)
    # dtype=None: jax's default float dtype (jax.numpy.astype does the same)
    dt = dtypes.check_user_dtype(float if dtype is None else dtype, "astype")
    if (not copy and device is None and isinstance(x, jax.Array) and x.dtype == dt
            and not dtypes.is_weakly_typed(x)):
        return x   # nothing to convert, and copy=False allows returning x itself (as jax)
    out = _astype(asarray(x, name="astype"), dt, bool(copy), None)
    return jax.device_put(out, device) if device is not None else out
