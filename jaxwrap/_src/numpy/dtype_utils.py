"""Public dtype functions of jaxwrap.numpy: promotion, casting, dtype queries.

Promotion follows jax's lattice (see jaxwrap/_src/dtypes.py); casting
questions and machine limits follow numpy, extended to the ml_dtypes types
(bfloat16, float8 ...) as jax.numpy does.
"""

from __future__ import annotations

from typing import Any

import jax
import ml_dtypes
import numpy as np

from jaxwrap._src import dtypes as _dt

__all__ = ["can_cast", "dtype", "finfo", "iinfo", "isdtype", "issubdtype", "promote_types",
           "result_type"]

# jax.numpy.dtype is numpy.dtype itself (a class, so isinstance checks work).
dtype = np.dtype


def result_type(*args: Any) -> np.dtype:
    """Return the dtype that results from combining `args` under jax's promotion rules.

    Parameters
    ----------
    *args : array_like or dtype_like
        Arrays, scalars or dtypes. Python scalars and weakly typed arrays do
        not widen the other operands.

    Returns
    -------
    numpy.dtype
        The promoted dtype, canonicalized for the ``jax_enable_x64`` setting.

    Differences from NumPy
    ----------------------
    Uses jax's promotion lattice: e.g. int8 with a Python float gives the
    default float dtype, and 64-bit results become 32-bit unless x64 is on.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.result_type('int8', 'uint8')
    dtype('int16')
    >>> jnp.result_type('float16', 2.0)
    dtype('float16')
    >>> jnp.result_type('bfloat16', 'float16')
    dtype('float32')
    """
    return _dt.result_type(*args)


def promote_types(a: Any, b: Any) -> np.dtype:
    """Return the dtype to which a binary operation on `a` and `b` casts.

    Parameters
    ----------
    a, b : dtype_like
        Dtypes. The Python types ``int``, ``float`` and ``complex`` act as
        weak types and never widen the other argument.

    Returns
    -------
    numpy.dtype
        The least upper bound of `a` and `b` on jax's promotion lattice.

    Raises
    ------
    jax.dtypes.TypePromotionError
        If no implicit promotion exists (e.g. between two float8 types).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.promote_types('int32', 'float32')
    dtype('float32')
    >>> jnp.promote_types('uint8', int)
    dtype('uint8')
    """
    return _dt.promote_types(a, b)


_CASTING = ("no", "equiv", "safe", "same_kind", "unsafe")


def can_cast(from_: Any, to: Any, casting: str = "safe") -> bool:
    """Return whether a cast from `from_` to `to` is allowed under `casting`.

    Parameters
    ----------
    from_ : dtype_like or array
        The source dtype, or an array whose dtype is used. Python scalars
        are rejected, as in NumPy 2.
    to : dtype_like
        The target dtype.
    casting : {'no', 'equiv', 'safe', 'same_kind', 'unsafe'}, optional
        The casting rule, as in :func:`numpy.can_cast`.

    Returns
    -------
    bool

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.can_cast('int8', 'float32')
    True
    >>> jnp.can_cast('float32', 'bfloat16')
    False
    >>> jnp.can_cast('float32', 'bfloat16', casting='same_kind')
    True
    """
    if casting not in _CASTING:
        raise ValueError(f"can_cast() argument `casting` must be one of {_CASTING}, "
                         f"got {casting!r}")
    if _dt.is_python_scalar(from_):
        raise TypeError("can_cast() argument `from_` cannot be a Python scalar (as in "
                        "NumPy 2); pass a dtype or an array")
    if isinstance(from_, (jax.Array, np.ndarray, np.generic)):
        src = from_.dtype
    else:
        src = _dt._as_np_dtype(from_, "can_cast() argument `from_`")
    dst = _dt._as_np_dtype(to, "can_cast() argument `to`")
    return bool(np.can_cast(src, dst, casting))


def issubdtype(a: Any, b: Any) -> bool:
    """Return whether dtype `a` is `b` or below it in the numpy type hierarchy.

    Parameters
    ----------
    a, b : dtype_like or abstract numpy scalar type
        E.g. ``'float32'``, ``jnp.bfloat16``, ``np.floating``, ``np.integer``.

    Returns
    -------
    bool

    Differences from NumPy
    ----------------------
    The ml_dtypes types are placed in numpy's hierarchy: bfloat16 and the
    float8 types are ``np.floating``, int4 is ``np.signedinteger``.
    jax's extended dtypes (PRNG keys) are supported.

    Examples
    --------
    >>> import numpy as np
    >>> import jaxwrap.numpy as jnp
    >>> jnp.issubdtype('bfloat16', np.floating)
    True
    >>> jnp.issubdtype('int8', np.unsignedinteger)
    False
    """
    return _dt.issubdtype(a, b)


# Array API kind names and the dtypes each one covers.
_KINDS: dict[str, frozenset[np.dtype]] = {
    "bool": frozenset(_dt.BOOL_DTYPES),
    "signed integer": frozenset(_dt.SIGNED_DTYPES),
    "unsigned integer": frozenset(_dt.UNSIGNED_DTYPES),
    "integral": frozenset(_dt.INTEGER_DTYPES),
    "real floating": frozenset(_dt.FLOAT_DTYPES),
    "complex floating": frozenset(_dt.COMPLEX_DTYPES),
    "numeric": frozenset(_dt.NUMERIC_DTYPES),
}


def isdtype(dtype: Any, kind: Any) -> bool:
    """Return whether `dtype` is of the given `kind` (Array API).

    Parameters
    ----------
    dtype : dtype_like
        The dtype to classify (not an array: pass ``x.dtype``).
    kind : str, dtype_like, or tuple of them
        A dtype (compared for equality) or one of ``'bool'``,
        ``'signed integer'``, ``'unsigned integer'``, ``'integral'``,
        ``'real floating'``, ``'complex floating'``, ``'numeric'``. A tuple
        matches if any entry does.

    Returns
    -------
    bool

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.isdtype('bfloat16', 'real floating')
    True
    >>> jnp.isdtype('uint8', ('signed integer', 'bool'))
    False
    """
    the_dtype = _dt._as_np_dtype(dtype, "isdtype() argument `dtype`")
    for k in kind if isinstance(kind, tuple) else (kind,):
        if isinstance(k, str) and k in _KINDS:
            if the_dtype in _KINDS[k]:
                return True
            continue
        try:
            kind_dtype = np.dtype(k)
        except TypeError:
            if isinstance(k, str):
                raise ValueError(f"isdtype() argument `kind`: unknown kind {k!r}; expected "
                                 f"one of {list(_KINDS)} or a dtype") from None
            raise TypeError(f"isdtype() argument `kind` must be a kind name, a dtype or a "
                            f"tuple of those, got {k!r}") from None
        if the_dtype == kind_dtype:
            return True
    return False


def _info_dtype(x: Any) -> Any:
    # Arrays and scalars stand for their dtype, as in numpy; dtype-likes
    # (incl. jaxwrap.numpy scalar types) are normalized so ml_dtypes knows them.
    if isinstance(x, (jax.Array, np.ndarray, np.generic)):
        return x.dtype
    try:
        return np.dtype(x)
    except TypeError:
        return x  # let numpy / ml_dtypes word the error


def finfo(dtype: Any) -> np.finfo:
    """Machine limits for a floating (or complex) dtype.

    Parameters
    ----------
    dtype : dtype_like or array
        A float or complex dtype, including bfloat16 and the float8/6/4
        types; complex dtypes describe their real component.

    Returns
    -------
    numpy.finfo
        With numpy's attributes: ``bits``, ``eps``, ``max``, ``min``,
        ``tiny``, ``smallest_normal``, ``resolution``, ``dtype`` ...

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.finfo('bfloat16').bits
    16
    >>> float(jnp.finfo('float8_e4m3fn').max)
    448.0
    """
    try:
        return ml_dtypes.finfo(_info_dtype(dtype))
    except (TypeError, ValueError) as e:
        raise type(e)(f"finfo() argument `dtype`: {e}") from None


def iinfo(int_type: Any) -> np.iinfo:
    """Machine limits for an integer dtype.

    Parameters
    ----------
    int_type : dtype_like or array
        An integer dtype, including int4/uint4 and the other sub-byte types.

    Returns
    -------
    numpy.iinfo
        With numpy's attributes: ``bits``, ``min``, ``max``, ``dtype``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.iinfo('int4').max
    7
    >>> jnp.iinfo('uint8').max
    255
    """
    try:
        return ml_dtypes.iinfo(_info_dtype(int_type))
    except (TypeError, ValueError) as e:
        raise type(e)(f"iinfo() argument `int_type`: {e}") from None
