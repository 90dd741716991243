"""scipy.fft's Fourier transforms: fft, rfft, hfft and their inverses, 1-D, 2-D and N-D.

All of them run on the numpy.fft core (``jaxwrap._src.numpy.fft._transform``,
the ``fft`` primitive over at most 3 axes at a time).  scipy's Hermitian
transforms of several axes, which numpy lacks, follow numpy's 1-D rule:
``hfftn(x)`` is ``irfftn(conj(x))`` and ``ihfftn(x)`` is ``conj(rfftn(x))``,
each with the normalisation direction swapped.

scipy's extra arguments: ``overwrite_x`` and ``workers`` are accepted and
ignored (jax arrays are immutable; XLA chooses its own threads); ``plan``
must be None, else NotImplementedError as in scipy.

Dtypes follow jax.numpy.fft: float32 (and integer, bool, half) input gives
complex64 / float32 results; float64 input gives complex128 / float64 only
with x64 enabled.  (scipy also keeps single precision single.)
"""

from __future__ import annotations

from ... import lax
from ...numpy import fft as _np
from ...numpy._util import check_arraylike, public

__all__ = [
    "fft", "ifft", "fft2", "ifft2", "fftn", "ifftn",
    "rfft", "irfft", "rfft2", "irfft2", "rfftn", "irfftn",
    "hfft", "ihfft", "hfft2", "ihfft2", "hfftn", "ihfftn",
]

# Transform kinds: numpy.fft's four, plus the two Hermitian ones built on them.
_HERM, _IHERM = "hfft", "ihfft"


def _run(name: str, x, kind: str, s, axes, norm):
    if kind == _HERM:
        # a Hermitian signal's spectrum: irfft of the conjugate, opposite normalisation
        x = _np._input(name, x, _np._C2C)
        return _np._transform(name, lax.conj(x), _np._C2R, s, axes, _np._SWAP[norm])
    if kind == _IHERM:
        return lax.conj(_np._transform(name, x, _np._R2C, s, axes, _np._SWAP[norm]))
    return _np._transform(name, x, kind, s, axes, norm)


def _jitted(name: str, kind: str):
    """The compiled-and-inlined core of the public function ``name``."""
    def impl(x, s, axes, norm):
        return _run(name, x, kind, s, axes, norm)
    impl.__name__ = impl.__qualname__ = name   # errors are labelled with the public name
    return public(impl, static=("s", "axes", "norm"))


def check_plan(name: str, plan) -> None:
    if plan is not None:
        raise NotImplementedError(f"{name}(): `plan` must be None; precomputed plans are not "
                                  "supported (as in scipy.fft)")


def _args(name: str, x, norm, plan):
    check_plan(name, plan)
    check_arraylike(name, x, argnames=("x",))
    _np._check_norm(name, norm)


def _call_1d(name, x, n, axis, norm, plan):
    _args(name, x, norm, plan)
    n = _np._opt_int(name, "n", n)
    axis = _np._opt_int(name, "axis", axis)
    return _JIT[name](x, None if n is None else (n,), (axis,), norm)


def _call_nd(name, x, s, axes, norm, plan):
    _args(name, x, norm, plan)
    return _JIT[name](x, _np._opt_ints(name, "s", s), _np._opt_ints(name, "axes", axes), norm)


# name -> kind, one row per public function
_KIND = {
    "fft": _np._C2C, "ifft": _np._IC2C, "rfft": _np._R2C, "irfft": _np._C2R,
    "hfft": _HERM, "ihfft": _IHERM,
}
_KIND.update({f"{k}2": v for k, v in list(_KIND.items())})
_KIND.update({f"{k[:-1]}n": v for k, v in list(_KIND.items()) if k.endswith("2")})
_JIT = {name: _jitted(name, kind) for name, kind in _KIND.items()}


# --- docstrings ---------------------------------------------------------------------------------
_COMMON = """norm : {{None, 'backward', 'ortho', 'forward'}}, optional
    Normalisation: 'backward' (default) scales only the inverse by 1/n,
    'forward' only the forward transform, 'ortho' both by 1/sqrt(n).
overwrite_x : bool, optional
    Ignored (jax arrays are immutable).
workers : int, optional
    Ignored (XLA chooses its own threads).
plan : None
    Only None (scipy accepts no plan either).

Returns
-------
jax.Array
    {returns}

Examples
--------
>>> import jaxwrap.numpy as jnp
>>> from jaxwrap.scipy import fft as sfft
>>> {example}
{result}
"""

_DOC_1D = """{summary}

Parameters
----------
x : array_like
    Input array{input}.
n : int, optional
    {n_doc}
axis : int, optional
    Axis to transform (default: the last).
""" + _COMMON

_DOC_ND = """{summary}

Parameters
----------
x : array_like
    Input array{input}.
s : sequence of ints, optional
    {n_doc}
axes : sequence of ints, optional
    Axes to transform (default: {axes_doc}).  The half-spectrum axis of a
    real or Hermitian transform is the last of them.
""" + _COMMON

_C_IN = ""
_R_IN = " (real; complex input is a TypeError)"
_N_C = "Transform length: the input is cropped or zero-padded to it."
_N_R = ("Length of the real output (default ``2 * (m - 1)`` for ``m`` input points); "
        "the input is cropped or zero-padded to ``n // 2 + 1``.")
_S_C = "Length per transformed axis: the input is cropped or zero-padded to it."
_S_R = ("Output length per axis; the last axis of the input is cropped or padded to "
        "``s[-1] // 2 + 1`` (default ``s[-1] = 2 * (m - 1)``).")


def _doc(template, **fields):
    def deco(f):
        f.__doc__ = template.format(**fields)
        return f
    return deco


# --- 1-D ----------------------------------------------------------------------------------------
@_doc(_DOC_1D, summary="One-dimensional discrete Fourier transform.", input=_C_IN, n_doc=_N_C,
      returns="The complex transform along ``axis``.",
      example="sfft.fft(jnp.array([1.0, 2.0, 3.0, 4.0]))",
      result="Array([10.+0.j, -2.+2.j, -2.+0.j, -2.-2.j], dtype=complex64)")
def fft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_1d("fft", x, n, axis, norm, plan)


@_doc(_DOC_1D, summary="One-dimensional inverse discrete Fourier transform.", input=_C_IN,
      n_doc=_N_C, returns="The complex inverse transform along ``axis``.",
      example="sfft.ifft(jnp.array([4.0, 0.0, 0.0, 0.0]))",
      result="Array([1.+0.j, 1.+0.j, 1.+0.j, 1.+0.j], dtype=complex64)")
def ifft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_1d("ifft", x, n, axis, norm, plan)


@_doc(_DOC_1D, summary="One-dimensional discrete Fourier transform of real input.",
      input=_R_IN, n_doc=_N_C,
      returns="The ``n // 2 + 1`` non-negative frequency terms along ``axis``.",
      example="sfft.rfft(jnp.array([1.0, 2.0, 3.0, 4.0]))",
      result="Array([10.+0.j, -2.+2.j, -2.+0.j], dtype=complex64)")
def rfft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_1d("rfft", x, n, axis, norm, plan)


@_doc(_DOC_1D, summary="Inverse of ``rfft``: a real signal from its half spectrum.",
      input=" (the non-negative frequency terms)", n_doc=_N_R,
      returns="The real signal of length ``n`` along ``axis``.",
      example="sfft.irfft(jnp.array([10.0, -2.0 + 2.0j, -2.0]))",
      result="Array([1., 2., 3., 4.], dtype=float32)")
def irfft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_1d("irfft", x, n, axis, norm, plan)


@_doc(_DOC_1D, summary="Transform of a signal with Hermitian symmetry (a real spectrum).",
      input=" (the first half of a Hermitian-symmetric signal)", n_doc=_N_R,
      returns="The real spectrum of length ``n`` along ``axis``.",
      example="sfft.hfft(jnp.array([1.0, 2.0, 1.0]))",
      result="Array([ 6.,  0., -2.,  0.], dtype=float32)")
def hfft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_1d("hfft", x, n, axis, norm, plan)


@_doc(_DOC_1D, summary="Inverse of ``hfft``: the half signal of a real spectrum.",
      input=_R_IN, n_doc=_N_C,
      returns="The ``n // 2 + 1`` first terms of the Hermitian signal along ``axis``.",
      example="sfft.ihfft(jnp.array([4.0, 0.0, 0.0, 0.0]))",
      result="Array([1.-0.j, 1.-0.j, 1.-0.j], dtype=complex64)")
def ihfft(x, n=None, axis=-1, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_1d("ihfft", x, n, axis, norm, plan)


# --- 2-D ----------------------------------------------------------------------------------------
@_doc(_DOC_ND, summary="Two-dimensional discrete Fourier transform.", input=_C_IN, n_doc=_S_C,
      axes_doc="the last two", returns="The complex transform over ``axes``.",
      example="sfft.fft2(jnp.ones((2, 2)))",
      result="Array([[4.+0.j, 0.+0.j],\n       [0.+0.j, 0.+0.j]], dtype=complex64)")
def fft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("fft2", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Two-dimensional inverse discrete Fourier transform.", input=_C_IN,
      n_doc=_S_C, axes_doc="the last two", returns="The complex inverse over ``axes``.",
      example="sfft.ifft2(jnp.ones((2, 2))).real",
      result="Array([[1., 0.],\n       [0., 0.]], dtype=float32)")
def ifft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("ifft2", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Two-dimensional discrete Fourier transform of real input.",
      input=_R_IN, n_doc=_S_C, axes_doc="the last two",
      returns="The transform; the last axis keeps ``s[-1] // 2 + 1`` terms.",
      example="sfft.rfft2(jnp.ones((2, 4))).shape", result="(2, 3)")
def rfft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("rfft2", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Inverse of ``rfft2``.", input=" (a half spectrum)", n_doc=_S_R,
      axes_doc="the last two", returns="The real signal over ``axes``.",
      example="sfft.irfft2(sfft.rfft2(jnp.ones((2, 4)))).shape", result="(2, 4)")
def irfft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *,
           plan=None):
    return _call_nd("irfft2", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Two-dimensional transform of a Hermitian-symmetric signal.",
      input=" (the half signal along the last axis)", n_doc=_S_R, axes_doc="the last two",
      returns="The real spectrum over ``axes``.",
      example="sfft.hfft2(jnp.ones((2, 3))).shape", result="(2, 4)")
def hfft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *,
          plan=None):
    return _call_nd("hfft2", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Inverse of ``hfft2``.", input=_R_IN, n_doc=_S_C,
      axes_doc="the last two", returns="The half Hermitian signal over ``axes``.",
      example="sfft.ihfft2(jnp.ones((2, 4))).shape", result="(2, 3)")
def ihfft2(x, s=None, axes=(-2, -1), norm=None, overwrite_x=False, workers=None, *,
           plan=None):
    return _call_nd("ihfft2", x, s, axes, norm, plan)


# --- N-D ----------------------------------------------------------------------------------------
_ALL = "all, or the last ``len(s)``"


@_doc(_DOC_ND, summary="N-dimensional discrete Fourier transform.", input=_C_IN, n_doc=_S_C,
      axes_doc=_ALL, returns="The complex transform over ``axes``.",
      example="sfft.fftn(jnp.ones((2, 2, 2)))[0, 0, 0]",
      result="Array(8.+0.j, dtype=complex64)")
def fftn(x, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("fftn", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="N-dimensional inverse discrete Fourier transform.", input=_C_IN,
      n_doc=_S_C, axes_doc=_ALL, returns="The complex inverse over ``axes``.",
      example="sfft.ifftn(jnp.ones((2, 2, 2)))[0, 0, 0]",
      result="Array(1.+0.j, dtype=complex64)")
def ifftn(x, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("ifftn", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="N-dimensional discrete Fourier transform of real input.",
      input=_R_IN, n_doc=_S_C, axes_doc=_ALL,
      returns="The transform; the last axis keeps ``s[-1] // 2 + 1`` terms.",
      example="sfft.rfftn(jnp.ones((2, 2, 4))).shape", result="(2, 2, 3)")
def rfftn(x, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("rfftn", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Inverse of ``rfftn``.", input=" (a half spectrum)", n_doc=_S_R,
      axes_doc=_ALL, returns="The real signal over ``axes``.",
      example="sfft.irfftn(jnp.ones((2, 2, 3))).shape", result="(2, 2, 4)")
def irfftn(x, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("irfftn", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="N-dimensional transform of a Hermitian-symmetric signal.",
      input=" (the half signal along the last axis)", n_doc=_S_R, axes_doc=_ALL,
      returns="The real spectrum over ``axes``.",
      example="sfft.hfftn(jnp.ones((2, 2, 3))).shape", result="(2, 2, 4)")
def hfftn(x, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("hfftn", x, s, axes, norm, plan)


@_doc(_DOC_ND, summary="Inverse of ``hfftn``.", input=_R_IN, n_doc=_S_C, axes_doc=_ALL,
      returns="The half Hermitian signal over ``axes``.",
      example="sfft.ihfftn(jnp.ones((2, 2, 4))).shape", result="(2, 2, 3)")
def ihfftn(x, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *, plan=None):
    return _call_nd("ihfftn", x, s, axes, norm, plan)
