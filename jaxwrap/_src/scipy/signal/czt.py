"""scipy.signal's chirp z-transform: czt, czt_points and zoom_fft.

The CZT evaluates ``X[k] = sum_n x[n] a**-n w**(n k)`` for ``k < m`` by
Bluestein's identity ``n k = (n**2 + k**2 - (k - n)**2) / 2`` (Rabiner, Schafer
& Rader, "The chirp z-transform algorithm", IEEE Trans. Audio Electroacoust.
17, 1969): premultiply by ``a**-n w**(n**2/2)``, convolve with the chirp
``w**(-j**2/2)`` (one FFT product of length ``>= n + m - 1``), postmultiply by
``w**(k**2/2)``.

``m``, ``w`` and ``a`` are static, so the chirps (and the FFT of the
convolution kernel) are host constants computed in complex128 and rounded
once; for the default ``w = exp(-2j pi / m)`` the exponent ``k**2`` is reduced
modulo ``2 m`` in integers first, so long transforms keep their phase
accuracy.  The result is linear in ``x`` (gradients come from the FFT
primitive).
"""

from __future__ import annotations

import cmath
import math
import operator

import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes
from ...numpy._util import check_arraylike, public
from .convolution import _fast_len
from .detrending import slice_last

__all__ = ["czt", "czt_points", "zoom_fft"]


def _count(name: str, argname: str, v, default=None) -> int:
    if v is None:
        return default
    try:
        v = operator.index(v)
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be a positive integer, got "
                        f"{type(v).__name__}") from None
    if v < 1:
        raise ValueError(f"{name}(): `{argname}` must be a positive integer, got {v}")
    return v


def _scalar(name: str, argname: str, v) -> complex:
    """A static complex scalar (host value)."""
    try:
        return complex(np.asarray(v).item())
    except Exception:
        raise TypeError(f"{name}(): `{argname}` must be a static (concrete) complex scalar"
                        ) from None


def _chirp(m: int, w, count: int) -> np.ndarray:
    """``w**(k**2 / 2)`` for ``k < count`` in complex128.

    ``w`` is None (``exp(-2j pi / m)``: ``k**2`` reduced modulo ``2 m`` in exact
    integers), ``("turns", s)`` for ``w = exp(-2j pi s)`` (the phase ``s k**2``
    reduced modulo 1 in extended precision) or ``("w", w)`` (complex power)."""
    k = np.arange(count, dtype=np.int64)
    if w is None:
        return np.exp(-1j * math.pi * ((k * k) % (2 * m)) / m)
    kind, v = w
    if kind == "turns":
        ph = np.longdouble(v) * (k * k).astype(np.longdouble) / 2
        ph = ph - np.round(ph)
        return np.exp(-2j * math.pi * ph.astype(np.float64))
    return np.power(complex(v), (k.astype(np.float64) ** 2) / 2.0)


def _plan(n: int, m: int, w, a):
    """Host constants: premultiplier (n), kernel spectrum (L), postmultiplier (m)."""
    wk2 = _chirp(m, w, max(m, n))
    pre = np.power(complex(a), -np.arange(n, dtype=np.float64)) * wk2[:n]
    kernel = np.concatenate([1.0 / wk2[n - 1:0:-1], 1.0 / wk2[:m]])
    size = _fast_len(n + m - 1)
    return pre, np.fft.fft(kernel, size), wk2[:m], size


@public(static=("m", "w", "a", "axis"))
def _czt(x, *, m, w, a, axis):
    cdt = dtypes.to_complex_dtype(dtypes.to_inexact_dtype(x.dtype))
    x = jnp.moveaxis(jnp.asarray(x, dtype=cdt), axis, -1)
    n = x.shape[-1]
    pre, kspec, post, size = _plan(n, m, w, a)
    y = jnp.fft.fft(jnp.multiply(x, pre.astype(cdt)), n=size, axis=-1)
    conv = jnp.fft.ifft(jnp.multiply(y, kspec.astype(cdt)), axis=-1)
    out = jnp.multiply(slice_last(conv, n - 1, n - 1 + m), post.astype(cdt))
    return jnp.moveaxis(out, -1, axis)


def _axis(name: str, x, axis) -> int:
    try:
        axis = operator.index(axis)
    except TypeError:
        raise TypeError(f"{name}(): `axis` must be an integer, got {axis!r}") from None
    if not -x.ndim <= axis < x.ndim:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for array of "
                                      f"dimension {x.ndim}")
    return axis % x.ndim


def czt(x, m=None, w=None, a=1 + 0j, *, axis=-1):
    """Chirp z-transform: the z-transform at ``m`` points on a spiral.

    Computes ``X[k] = sum_n x[n] * z_k**-n`` with ``z_k = a * w**-k`` (see
    ``czt_points``) by Bluestein's algorithm.

    Parameters
    ----------
    x : array_like
        Signal.
    m : int, optional
        Number of output points (default: the length of ``x`` along ``axis``).
    w : complex, optional
        Ratio between points (static); default ``exp(-2j pi / m)``, equally spaced
        points around the unit circle (then ``czt`` is the DFT).
    a : complex, optional
        Starting point (static; default 1).
    axis : int, optional
        Axis to transform (default: the last).

    Returns
    -------
    jax.Array
        The transform (complex), ``m`` points along ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import czt
    >>> x = jnp.array([1.0, 2.0, 0.0, -1.0])
    >>> bool(jnp.allclose(czt(x), jnp.fft.fft(x), atol=1e-5))
    True
    """
    name = "czt"
    check_arraylike(name, x, argnames=("x",))
    xa = jnp.asarray(x)
    if xa.ndim == 0:
        raise ValueError(f"{name}(): `x` must have at least one dimension")
    axis = _axis(name, xa, axis)
    n = xa.shape[axis]
    if n < 1:
        raise ValueError(f"{name}(): `x` has no samples along axis {axis}")
    m = _count(name, "m", m, n)
    w = None if w is None else ("w", _scalar(name, "w", w))
    a = _scalar(name, "a", a)
    return _czt(xa, m=m, w=w, a=a, axis=axis)


def czt_points(m, w=None, a=1 + 0j):
    """The points ``z_k = a * w**-k`` (``k < m``) where ``czt`` evaluates the z-transform.

    Parameters
    ----------
    m : int
        Number of points.
    w : complex, optional
        Ratio between points (default ``exp(-2j pi / m)``).
    a : complex, optional
        Starting point (default 1).

    Returns
    -------
    jax.Array
        The points, in the default complex dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import czt_points
    >>> czt_points(4).round(6)
    Array([ 1.+0.j,  0.+1.j, -1.+0.j, -0.-1.j], dtype=complex64)
    """
    name = "czt_points"
    m = _count(name, "m", m)
    a = _scalar(name, "a", a)
    k = np.arange(m, dtype=np.float64)
    if w is None:
        pts = a * np.exp(2j * math.pi * k / m)
    else:
        pts = a * np.power(_scalar(name, "w", w), -k)
    return jnp.asarray(pts.astype(dtypes.to_complex_dtype(dtypes.default_float_dtype())))


def zoom_fft(x, fn, m=None, *, fs=2, endpoint=False, axis=-1):
    """The DFT of ``x`` on a frequency range: ``m`` equally spaced points of ``fn``.

    Parameters
    ----------
    x : array_like
        Signal.
    fn : float or (float, float)
        The range ``[0, fn]`` or ``[fn[0], fn[1]]`` (static, in the units of ``fs``).
    m : int, optional
        Number of points (default: the length of ``x`` along ``axis``).
    fs : float, optional
        Sampling frequency (static; default 2, so that ``fn=1`` is Nyquist).
    endpoint : bool, optional
        Include the upper end of the range (default False).
    axis : int, optional
        Axis to transform (default: the last).

    Returns
    -------
    jax.Array
        The transform (complex), ``m`` points along ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import zoom_fft
    >>> x = jnp.array([1.0, 2.0, 0.0, -1.0])
    >>> bool(jnp.allclose(zoom_fft(x, 2.0), jnp.fft.fft(x), atol=1e-5))
    True
    """
    name = "zoom_fft"
    check_arraylike(name, x, argnames=("x",))
    xa = jnp.asarray(x)
    if xa.ndim == 0:
        raise ValueError(f"{name}(): `x` must have at least one dimension")
    axis = _axis(name, xa, axis)
    n = xa.shape[axis]
    m = _count(name, "m", m, n)
    try:
        f = np.asarray(fn, dtype=np.float64)
        fs = float(fs)
    except Exception:
        raise TypeError(f"{name}(): `fn` and `fs` must be static real numbers") from None
    if f.size == 1:
        f1, f2 = 0.0, float(f.ravel()[0])
    elif f.shape == (2,):
        f1, f2 = float(f[0]), float(f[1])
    else:
        raise ValueError(f"{name}(): `fn` must be a scalar or a sequence of 2 numbers, got "
                         f"shape {f.shape}")
    span = (f2 - f1) / (fs * ((m - 1) if endpoint and m > 1 else m))
    a = cmath.exp(2j * math.pi * f1 / fs)
    return _czt(xa, m=m, w=("turns", span), a=a, axis=axis)
