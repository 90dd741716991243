"""numpy.fft (and the Array API fft extension) on jaxwrap's ``fft`` primitive.

One core, ``_transform``, serves every transform: it checks ``norm``, the
axes and the lengths, crops or zero-pads each transformed axis to its length
(jaxwrap slice / pad), moves the axes to the end (jaxwrap transpose), applies
the primitive over at most 3 trailing axes at a time (XLA's limit), moves them
back and applies the normalisation.  ``fft``/``fft2``/``rfftn``/... only
choose the transform kind and the default axes.  ``hfft``/``ihfft`` are
``irfft``/``rfft`` of the conjugate with the normalisation direction swapped.

Dtypes follow jax.numpy.fft: complex transforms promote to the complex type
of the input (float32, integers and bools -> complex64; with x64 float64 ->
complex128), ``rfft*`` take real input only, ``irfft*`` return the real type.

Differences from NumPy: results are complex64 / float32 unless x64 is enabled
(numpy computes in double precision); ``out`` must be None.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from .. import dtypes, lax
from . import ufuncs
from ._util import asarray, canonicalize_axis, check_arraylike, check_out, public
from .shape import _api, roll

__all__ = [
    "fft", "ifft", "fft2", "ifft2", "fftn", "ifftn",
    "rfft", "irfft", "rfft2", "irfft2", "rfftn", "irfftn",
    "hfft", "ihfft", "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]

_NORMS = (None, "backward", "ortho", "forward")
_SWAP = {None: "forward", "backward": "forward", "ortho": "ortho", "forward": "backward"}
_MAX_AXES = 3   # stablehlo.fft transforms at most 3 trailing axes per op

# The transform kinds: (primitive fft_type, is forward, input kind).
_C2C, _IC2C, _R2C, _C2R = "fft", "ifft", "rfft", "irfft"
_FORWARD = {_C2C: True, _IC2C: False, _R2C: True, _C2R: False}


# --- argument checks (all static) ----------------------------------------------------------
def _check_norm(name: str, norm) -> None:
    if norm not in _NORMS:
        raise ValueError(f"{name}(): invalid norm value {norm!r}; should be 'backward', "
                         "'ortho' or 'forward' (or None)")


def _opt_int(name: str, argname: str, v):
    if v is None:
        return None
    try:
        return operator.index(v)
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be an integer or None, got "
                        f"{type(v).__name__}") from None


def _opt_ints(name: str, argname: str, v):
    """None, or a tuple of ints (the hashable, static form of ``s`` / ``axes``)."""
    if v is None:
        return None
    if isinstance(v, (int, np.integer)):
        raise TypeError(f"{name}(): `{argname}` must be a sequence of integers, got an int")
    try:
        return tuple(operator.index(e) for e in v)
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be a sequence of integers, got "
                        f"{v!r}") from None


def _resolve_axes(name: str, nd: int, s, axes) -> tuple[int, ...]:
    if axes is None:
        axes = tuple(range(nd)) if s is None else tuple(range(nd - len(s), nd))
        if s is not None and len(s) > nd:
            raise ValueError(f"{name}(): `s` has {len(s)} entries for an array of dimension "
                             f"{nd}")
    else:
        axes = tuple(canonicalize_axis(a, nd, name, "axes") for a in axes)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{name}(): repeated axes are not supported in `axes`, got "
                             f"{axes}")
        if s is not None and len(s) != len(axes):
            raise ValueError(f"{name}(): `s` and `axes` must have the same length, got "
                             f"{len(s)} and {len(axes)}")
    return axes


def _input(name: str, a, kind: str):
    """``a`` as an array of the dtype the transform ``kind`` computes in."""
    check_arraylike(name, a, argnames=("a",))
    a = asarray(a, name=name)
    dt = a.dtype
    if kind == _R2C:
        if dtypes.issubdtype(dt, np.complexfloating):
            raise TypeError(f"{name}(): `a` must be real, got dtype {dt}; use fft for "
                            "complex input")
        # stablehlo.fft computes in float32/float64: half precision is widened.
        target = dtypes.to_inexact_dtype(dt)
        if np.dtype(target).itemsize < 4:
            target = np.dtype(np.float32)
    else:
        target = dtypes.to_complex_dtype(dt)
    return a if dt == target else lax.convert_element_type(a, target, False)


# --- the core ---------------------------------------------------------------------------------
def _resize(x, axis: int, length: int):
    """Crop ``x`` along ``axis`` to ``length``, or zero-pad it at the end."""
    n = x.shape[axis]
    if n == length:
        return x
    if n > length:
        return lax.slice(x, (0,) * x.ndim, x.shape[:axis] + (length,) + x.shape[axis + 1:])
    cfg = tuple((0, length - n if i == axis else 0, 0) for i in range(x.ndim))
    return lax.pad(x, np.zeros((), x.dtype), cfg)


def _on_axes(x, fft_type: str, axes: tuple[int, ...], lengths: tuple[int, ...]):
    """The primitive over ``axes`` (at most 3), moved to the end and back."""
    nd = x.ndim
    rest = tuple(i for i in range(nd) if i not in axes)
    perm = rest + axes
    x = lax.transpose(x, perm)
    x = lax.fft(x, fft_type, lengths)
    return lax.transpose(x, tuple(int(i) for i in np.argsort(perm)))


def _chunks(axes, lengths):
    """Consecutive groups of at most 3 axes, the last group holding the last axis."""
    k = len(axes)
    cut = list(range(k % _MAX_AXES or _MAX_AXES, k + 1, _MAX_AXES))
    if not cut or cut[0] != 0:
        cut = [0] + cut
    return [(axes[i:j], lengths[i:j]) for i, j in zip(cut, cut[1:]) if j > i]


def _scale(x, kind: str, norm, n_total: int):
    if norm in (None, "backward"):
        return x
    # XLA's inverse transforms already divide by N ("backward").
    if norm == "ortho":
        factor = 1 / math.sqrt(n_total) if _FORWARD[kind] else math.sqrt(n_total)
    else:   # "forward"
        factor = 1 / n_total if _FORWARD[kind] else n_total
    return lax.mul(x, np.array(factor, x.dtype))


def _transform(name: str, a, kind: str, s, axes, norm):
    """The ``kind`` transform of ``a`` over ``axes`` with lengths ``s`` (numpy semantics)."""
    _check_norm(name, norm)
    x = _input(name, a, kind)
    axes = _resolve_axes(name, x.ndim, s, axes)
    if not axes:
        return x
    if s is None:
        s = tuple(x.shape[ax] for ax in axes)
        if kind == _C2R:
            s = s[:-1] + (2 * (s[-1] - 1),)
    for ax, n in zip(axes, s):
        if n < 1:
            arg = "n" if len(axes) == 1 else "s"
            raise ValueError(f"{name}(): invalid number of data points ({n}) along axis {ax}; "
                             f"`{arg}` must be at least 1")
    for ax, n in zip(axes, s):
        last = kind == _C2R and ax == axes[-1]
        x = _resize(x, ax, n // 2 + 1 if last else n)
    groups = _chunks(axes, s)
    if kind == _R2C:
        # the real-to-complex transform first (on the last axes), then complex ones
        x = _on_axes(x, _R2C, *groups[-1])
        for g in groups[:-1]:
            x = _on_axes(x, _C2C, *g)
    elif kind == _C2R:
        for g in groups[:-1]:
            x = _on_axes(x, _IC2C, *g)
        x = _on_axes(x, _C2R, *groups[-1])
    else:
        for g in groups:
            x = _on_axes(x, kind, *g)
    return _scale(x, kind, norm, math.prod(s))


# --- public transforms ----------------------------------------------------------------------
_STATIC = ("n", "axis", "norm")
_STATIC_N = ("s", "axes", "norm")


def _one_axis(name, a, kind, n, axis, norm, out):
    check_out(name, out)
    n = _opt_int(name, "n", n)
    axis = _opt_int(name, "axis", axis)
    return _transform(name, a, kind, None if n is None else (n,), (axis,), norm)


def _n_axes(name, a, kind, s, axes, norm, out):
    check_out(name, out)
    return _transform(name, a, kind, _opt_ints(name, "s", s), _opt_ints(name, "axes", axes),
                      norm)


_DOC_1D = """{summary}

Parameters
----------
a : array_like
    Input array{input}.
n : int, optional
    {n_doc}
axis : int, optional
    Axis to transform (default: the last).
norm : {{None, 'backward', 'ortho', 'forward'}}, optional
    Normalisation direction (numpy's meaning; None is 'backward').
out : None
    Only None (jax arrays are immutable).

Returns
-------
jax.Array
    {returns}

Examples
--------
>>> import jaxwrap.numpy as jnp
>>> {example}
"""

_DOC_ND = """{summary}

Parameters
----------
a : array_like
    Input array{input}.
s : sequence of ints, optional
    {n_doc}
axes : sequence of ints, optional
    Axes to transform (default: {axes_doc}).  The last of them is the axis
    of the real (half-spectrum) transform where there is one.
norm : {{None, 'backward', 'ortho', 'forward'}}, optional
    Normalisation direction (numpy's meaning; None is 'backward').
out : None
    Only None (jax arrays are immutable).

Returns
-------
jax.Array
    {returns}

Examples
--------
>>> import jaxwrap.numpy as jnp
>>> {example}
"""

_C_IN = ""
_R_IN = " (real; complex input is a TypeError)"
_N_C = "Length of the transform: the input is cropped or zero-padded to it."
_N_R = ("Length of the real output signal (default ``2 * (m - 1)`` for ``m`` input "
        "points); the input is cropped or zero-padded to ``n // 2 + 1``.")
_S_C = "Length per transformed axis: the input is cropped or zero-padded to it."
_S_R = ("Output length per axis; the last axis of the input is cropped or padded to "
        "``s[-1] // 2 + 1`` (default ``s[-1] = 2 * (m - 1)``).")


def _doc(template, **fields):
    def deco(f):
        f.__doc__ = template.format(**fields)
        return f
    return deco


@public(static=_STATIC)
@_doc(_DOC_1D, summary="One-dimensional discrete Fourier transform.", input=_C_IN, n_doc=_N_C,
      returns="The complex transform along ``axis``.",
      example=("jnp.fft.fft(jnp.ones(4))\n"
               "Array([4.+0.j, 0.+0.j, 0.+0.j, 0.+0.j], dtype=complex64)"))
def fft(a, n=None, axis=-1, norm=None, out=None):
    return _one_axis("fft", a, _C2C, n, axis, norm, out)


@public(static=_STATIC)
@_doc(_DOC_1D, summary="One-dimensional inverse discrete Fourier transform.", input=_C_IN,
      n_doc=_N_C, returns="The complex inverse transform along ``axis``.",
      example=("jnp.fft.ifft(jnp.fft.fft(jnp.arange(4.0))).real\n"
               "Array([0., 1., 2., 3.], dtype=float32)"))
def ifft(a, n=None, axis=-1, norm=None, out=None):
    return _one_axis("ifft", a, _IC2C, n, axis, norm, out)


@public(static=_STATIC)
@_doc(_DOC_1D, summary="One-dimensional discrete Fourier transform of real input.",
      input=_R_IN, n_doc=_N_C,
      returns="The ``n // 2 + 1`` non-negative frequency terms along ``axis``.",
      example=("jnp.fft.rfft(jnp.arange(4.0)).shape\n"
               "(3,)"))
def rfft(a, n=None, axis=-1, norm=None, out=None):
    return _one_axis("rfft", a, _R2C, n, axis, norm, out)


@public(static=_STATIC)
@_doc(_DOC_1D, summary="Inverse of ``rfft``: a real signal from its half spectrum.",
      input=" (the non-negative frequency terms)", n_doc=_N_R,
      returns="The real signal of length ``n`` along ``axis``.",
      example=("jnp.fft.irfft(jnp.fft.rfft(jnp.arange(4.0)))\n"
               "Array([0., 1., 2., 3.], dtype=float32)"))
def irfft(a, n=None, axis=-1, norm=None, out=None):
    return _one_axis("irfft", a, _C2R, n, axis, norm, out)


@public(static=_STATIC)
@_doc(_DOC_1D, summary="Transform of a signal with Hermitian symmetry (a real spectrum).",
      input=" (the first half of a Hermitian-symmetric signal)", n_doc=_N_R,
      returns="The real spectrum of length ``n`` along ``axis``.",
      example=("jnp.fft.hfft(jnp.array([1.0, 2.0, 1.0]))\n"
               "Array([ 6.,  0., -2.,  0.], dtype=float32)"))
def hfft(a, n=None, axis=-1, norm=None, out=None):
    _check_norm("hfft", norm)
    a = _input("hfft", a, _C2C)
    return _one_axis("hfft", lax.conj(a), _C2R, n, axis, _SWAP[norm], out)


@public(static=_STATIC)
@_doc(_DOC_1D, summary="Inverse of ``hfft``: the half signal of a real spectrum.",
      input=_R_IN, n_doc=_N_C,
      returns="The ``n // 2 + 1`` first terms of the Hermitian signal along ``axis``.",
      example=("jnp.fft.ihfft(jnp.array([4.0, 0.0, 0.0, 0.0]))\n"
               "Array([1.-0.j, 1.-0.j, 1.-0.j], dtype=complex64)"))
def ihfft(a, n=None, axis=-1, norm=None, out=None):
    _check_norm("ihfft", norm)
    return lax.conj(_one_axis("ihfft", a, _R2C, n, axis, _SWAP[norm], out))


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="Two-dimensional discrete Fourier transform.", input=_C_IN,
      n_doc=_S_C, axes_doc="the last two", returns="The complex transform over ``axes``.",
      example=("jnp.fft.fft2(jnp.ones((2, 2)))\n"
               "Array([[4.+0.j, 0.+0.j],\n"
               "       [0.+0.j, 0.+0.j]], dtype=complex64)"))
def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _n_axes("fft2", a, _C2C, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="Two-dimensional inverse discrete Fourier transform.", input=_C_IN,
      n_doc=_S_C, axes_doc="the last two",
      returns="The complex inverse transform over ``axes``.",
      example=("jnp.fft.ifft2(jnp.ones((2, 2)))\n"
               "Array([[1.+0.j, 0.+0.j],\n"
               "       [0.+0.j, 0.+0.j]], dtype=complex64)"))
def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _n_axes("ifft2", a, _IC2C, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="N-dimensional discrete Fourier transform.", input=_C_IN, n_doc=_S_C,
      axes_doc="all, or the last ``len(s)``",
      returns="The complex transform over ``axes``.",
      example=("jnp.fft.fftn(jnp.ones((2, 2, 2)))[0, 0, 0]\n"
               "Array(8.+0.j, dtype=complex64)"))
def fftn(a, s=None, axes=None, norm=None, out=None):
    return _n_axes("fftn", a, _C2C, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="N-dimensional inverse discrete Fourier transform.", input=_C_IN,
      n_doc=_S_C, axes_doc="all, or the last ``len(s)``",
      returns="The complex inverse transform over ``axes``.",
      example=("jnp.fft.ifftn(jnp.ones((2, 2, 2)))[0, 0, 0]\n"
               "Array(1.+0.j, dtype=complex64)"))
def ifftn(a, s=None, axes=None, norm=None, out=None):
    return _n_axes("ifftn", a, _IC2C, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="Two-dimensional discrete Fourier transform of real input.",
      input=_R_IN, n_doc=_S_C, axes_doc="the last two",
      returns="The transform; the last axis keeps ``s[-1] // 2 + 1`` terms.",
      example=("jnp.fft.rfft2(jnp.ones((2, 4))).shape\n"
               "(2, 3)"))
def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _n_axes("rfft2", a, _R2C, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="Inverse of ``rfft2``.", input=" (a half spectrum)", n_doc=_S_R,
      axes_doc="the last two", returns="The real signal over ``axes``.",
      example=("jnp.fft.irfft2(jnp.fft.rfft2(jnp.ones((2, 4))))\n"
               "Array([[1., 1., 1., 1.],\n"
               "       [1., 1., 1., 1.]], dtype=float32)"))
def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    return _n_axes("irfft2", a, _C2R, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="N-dimensional discrete Fourier transform of real input.",
      input=_R_IN, n_doc=_S_C, axes_doc="all, or the last ``len(s)``",
      returns="The transform; the last axis keeps ``s[-1] // 2 + 1`` terms.",
      example=("jnp.fft.rfftn(jnp.ones((2, 2, 4))).shape\n"
               "(2, 2, 3)"))
def rfftn(a, s=None, axes=None, norm=None, out=None):
    return _n_axes("rfftn", a, _R2C, s, axes, norm, out)


@_api(static=_STATIC_N, convert={"s": _opt_ints, "axes": _opt_ints})
@_doc(_DOC_ND, summary="Inverse of ``rfftn``.", input=" (a half spectrum)", n_doc=_S_R,
      axes_doc="all, or the last ``len(s)``", returns="The real signal over ``axes``.",
      example=("jnp.fft.irfftn(jnp.fft.rfftn(jnp.ones((2, 2, 4)))).shape\n"
               "(2, 2, 4)"))
def irfftn(a, s=None, axes=None, norm=None, out=None):
    return _n_axes("irfftn", a, _C2R, s, axes, norm, out)


# --- frequencies and shifts -------------------------------------------------------------------
def _freq_args(name: str, n, dtype):
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"{name}(): `n` must be an integer, got {type(n).__name__}") from None
    if n < 1:
        raise ValueError(f"{name}(): `n` must be at least 1, got {n}")
    dt = dtypes.default_float_dtype() if dtype is None else dtypes.check_user_dtype(dtype, name)
    if not dtypes.issubdtype(dt, np.inexact):
        raise ValueError(f"{name}(): `dtype` must be a floating or complex dtype, got {dt}")
    return n, dt


def _freqs(k, n: int, d, dt):
    """``k / (d * n)`` in dtype ``dt`` (``d`` may be traced)."""
    k = lax.convert_element_type(k, dt, False)
    return ufuncs.divide(k, ufuncs.multiply(asarray(d, dt), np.array(n, dt)))


@public(static=("n", "dtype"))
def _fftfreq(n, d, dtype):
    # [0, 1, ..., (n-1)//2, -(n//2), ..., -1]: an iota, shifted by n past the middle
    k = lax.iota(np.int32, n, 0)
    k = lax.select_n(lax.lt(k, np.int32((n + 1) // 2)), lax.sub(k, np.int32(n)), k)
    return _freqs(k, n, d, dtype)


@public(static=("n", "dtype"))
def _rfftfreq(n, d, dtype):
    return _freqs(lax.iota(np.int32, n // 2 + 1, 0), n, d, dtype)


def _put(x, device):
    import jax
    return x if device is None else jax.device_put(x, device)


def fftfreq(n, d=1.0, *, dtype=None, device=None):
    """Sample frequencies of the discrete Fourier transform (cycles per unit of ``d``).

    Parameters
    ----------
    n : int
        Window length.
    d : scalar, optional
        Sample spacing (default 1.0).
    dtype : dtype, optional
        Floating result dtype (default: jax's default float).
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        ``[0, 1, ..., (n-1)//2, -(n//2), ..., -1] / (d * n)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fft.fftfreq(4)
    Array([ 0.  ,  0.25, -0.5 , -0.25], dtype=float32)
    """
    n, dt = _freq_args("fftfreq", n, dtype)
    return _put(_fftfreq(n, d, dt), device)


def rfftfreq(n, d=1.0, *, dtype=None, device=None):
    """Sample frequencies of ``rfft`` (the non-negative ones).

    Parameters
    ----------
    n : int
        Window length.
    d : scalar, optional
        Sample spacing (default 1.0).
    dtype : dtype, optional
        Floating result dtype (default: jax's default float).
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        ``[0, 1, ..., n // 2] / (d * n)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fft.rfftfreq(4)
    Array([0.  , 0.25, 0.5 ], dtype=float32)
    """
    n, dt = _freq_args("rfftfreq", n, dtype)
    return _put(_rfftfreq(n, d, dt), device)


def _shift(name: str, x, axes, sign: int):
    check_arraylike(name, x, argnames=("x",))
    x = asarray(x, name=name)
    if axes is None:
        axes = tuple(range(x.ndim))
    elif isinstance(axes, (int, np.integer)):
        axes = (canonicalize_axis(axes, x.ndim, name, "axes"),)
    else:
        axes = tuple(canonicalize_axis(a, x.ndim, name, "axes") for a in axes)
    if not axes:
        return x
    return roll(x, tuple(sign * (x.shape[a] // 2) for a in axes), axes)


def fftshift(x, axes=None):
    """Move the zero-frequency term to the centre of the spectrum.

    Parameters
    ----------
    x : array_like
        Input array (e.g. an ``fft`` result).
    axes : int or sequence of ints, optional
        Axes to shift (default: all).

    Returns
    -------
    jax.Array
        ``x`` rolled by ``n // 2`` along each axis.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fft.fftshift(jnp.fft.fftfreq(4))
    Array([-0.5 , -0.25,  0.  ,  0.25], dtype=float32)
    """
    return _shift("fftshift", x, axes, 1)


def ifftshift(x, axes=None):
    """Inverse of ``fftshift`` (they differ for odd lengths).

    Parameters
    ----------
    x : array_like
        Input array.
    axes : int or sequence of ints, optional
        Axes to shift (default: all).

    Returns
    -------
    jax.Array
        ``x`` rolled by ``-(n // 2)`` along each axis.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> jnp.fft.ifftshift(jnp.fft.fftshift(jnp.fft.fftfreq(5)))
    Array([ 0. ,  0.2,  0.4, -0.4, -0.2], dtype=float32)
    """
    return _shift("ifftshift", x, axes, -1)

