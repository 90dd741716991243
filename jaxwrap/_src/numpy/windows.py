"""numpy's window functions: bartlett, blackman, hamming, hanning, kaiser.

The window length ``M`` is static (it is the output shape); ``kaiser``'s
``beta`` may be traced.  Windows are computed in the default float dtype (or
``beta``'s, for kaiser) from the symmetric sample positions
``n = 1 - M, 3 - M, ..., M - 1`` over ``M - 1``.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from .. import dtypes, lax
from ._util import asarray, check_arraylike, promote_dtypes_inexact, public
from .numeric import i0

__all__ = ["bartlett", "blackman", "hamming", "hanning", "kaiser"]


def _length(name, M):
    if isinstance(M, (float, np.floating)) and float(M).is_integer():
        M = int(M)
    try:
        return operator.index(M)
    except TypeError:
        raise TypeError(f"{name}(): window length 'M' must be an integer, got "
                        f"{type(M).__name__}") from None


def _positions(M):
    """``(2k + 1 - M) / (M - 1)`` for k < M: symmetric positions in [-1, 1].

    ``M`` is static, so the positions (and the cosine windows) are compile-time
    constants, computed on the host in float64 and rounded once to the result
    dtype (more accurate than evaluating the cosines in float32)."""
    return (2.0 * np.arange(M) + 1 - M) / (M - 1)


def _constant(values, dt):
    return lax.convert_element_type(np.asarray(values, np.float64).astype(dt), dt, False)


def _trivial(M, dt):
    """Windows of length 0 and 1 (no positions to scale)."""
    return lax.broadcast_in_dim(np.array(1, dt), (max(M, 0),), ())


def _cosine_window(name, M, coeffs):
    """``sum_k coeffs[k] * cos(k * pi * t)`` at the symmetric positions ``t``."""
    M = _length(name, M)
    dt = dtypes.default_float_dtype()
    if M <= 1:
        return _trivial(M, dt)
    t = _positions(M) * math.pi
    return _constant(sum(c * np.cos(k * t) for k, c in enumerate(coeffs)), dt)


_DOC = """{summary}

    Parameters
    ----------
    M : int
        Number of points (static); ``M <= 0`` gives an empty array.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, default float dtype; symmetric, with
        maximum 1 {peak}.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.{name}(5)
    {example}
    """


def _doc(summary, peak, example):
    def deco(f):
        f.__doc__ = _DOC.format(summary=summary, peak=peak, name=f.__name__, example=example)
        return f
    return deco


@public(static=("M",))
@_doc("The Bartlett (triangular) window: ``1 - |n| / (M - 1)``.",
      "in the middle (zero at both ends)",
      "Array([0. , 0.5, 1. , 0.5, 0. ], dtype=float32)")
def bartlett(M):
    M = _length("bartlett", M)
    dt = dtypes.default_float_dtype()
    if M <= 1:
        return _trivial(M, dt)
    return _constant(1.0 - np.abs(_positions(M)), dt)


@public(static=("M",))
@_doc("The Blackman window: ``0.42 + 0.5 cos(pi t) + 0.08 cos(2 pi t)``.",
      "in the middle",
      "Array([-1.3877788e-17,  3.4000000e-01,  1.0000000e+00,  3.4000000e-01,\n"
      "           -1.3877788e-17], dtype=float32)")
def blackman(M):
    return _cosine_window("blackman", M, (0.42, 0.5, 0.08))


@public(static=("M",))
@_doc("The Hamming window: ``0.54 + 0.46 cos(pi t)``.",
      "in the middle",
      "Array([0.08, 0.54, 1.  , 0.54, 0.08], dtype=float32)")
def hamming(M):
    return _cosine_window("hamming", M, (0.54, 0.46))


@public(static=("M",))
@_doc("The Hann window: ``0.5 + 0.5 cos(pi t)``.",
      "in the middle",
      "Array([0. , 0.5, 1. , 0.5, 0. ], dtype=float32)")
def hanning(M):
    return _cosine_window("hanning", M, (0.5, 0.5))


@public(static=("M",))
def kaiser(M, beta):
    """The Kaiser window: ``I0(beta * sqrt(1 - t**2)) / I0(beta)``.

    Parameters
    ----------
    M : int
        Number of points (static); ``M <= 0`` gives an empty array.
    beta : scalar
        Shape parameter (may be traced): 0 is rectangular, larger is narrower.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``beta``'s floating dtype (default float
        for Python/integer ``beta``).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.kaiser(5, 2.0)
    Array([0.43867633, 0.8347615 , 1.        , 0.8347615 , 0.43867633], dtype=float32)
    """
    name = "kaiser"
    M = _length(name, M)
    check_arraylike(name, beta, argnames=("beta",))
    (b,) = promote_dtypes_inexact(beta)
    b = asarray(b)
    if b.ndim != 0:
        raise ValueError(f"{name}(): argument 'beta' must be a scalar, got shape {b.shape}")
    if dtypes.is_complex(b.dtype):
        raise TypeError(f"{name}(): argument 'beta' must be real, got {b.dtype}")
    b = lax.convert_element_type(b, b.dtype, False)
    dt = b.dtype
    if M <= 1:
        return _trivial(M, dt)
    t = _positions(M)
    r = _constant(np.sqrt(np.maximum(1.0 - t * t, 0.0)), dt)
    return lax.div(i0(lax.mul(b, r)), i0(b))
