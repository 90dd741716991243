"""scipy.fft's real trigonometric transforms: dct / idct / dst / idst, types 1-4, and
their N-D forms dctn / idctn / dstn / idstn.

Every type is ONE ``fft`` primitive call with linear-cost pre- and post-processing
(slices, reversals, concatenations, elementwise twiddles), so the JVP and the
transpose come from the ``fft`` primitive's rules:

- DCT-II: Makhoul's even/odd reordering, a real FFT of length N, a quarter-sample
  twiddle (J. Makhoul, "A fast cosine transform in one and two dimensions",
  IEEE Trans. ASSP 28(1), 1980).  The real FFT gives the terms k <= N/2; the rest
  follow from y[N-k] = -2 Im(w^k V[k]).
- DCT-III: Makhoul's inverse: the twiddled half spectrum x[k] - i x[N-k] through
  an inverse real FFT of length N, then the reordering undone.
- DCT-I: the real FFT of the even extension [x, x[N-2:0:-1]] (length 2(N-1)).
- DCT-IV, even N: a complex FFT of length N/2 of the pairs x[2m] + i x[N-1-2m]
  between two twiddles; odd N: the half-sample shifted DFT of length 2N,
  y[k] = 2 Re(exp(-i pi (2k+1)/(4N)) DFT_2N(x[m] exp(-i pi m/(2N)))[k])
  (both in V. Britanak, P. Yip & K. R. Rao, "Discrete Cosine and Sine
  Transforms", Academic Press 2007, ch. 4).
- DST-I: the real FFT of the odd extension [0, x, 0, -x[::-1]] (length 2(N+1)).
- DST-II/III/IV from the DCTs by sign alternation and reversal:
  DST-II(x) = rev(DCT-II((-1)^n x)), DST-III(x) = (-1)^k DCT-III(rev x),
  DST-IV(x) = (-1)^k DCT-IV(rev x).

Definitions, normalisations and ``orthogonalize`` are scipy.fft's: the
unnormalised ("backward") forward transform; 'ortho' divides by sqrt(M) and
'forward' by M, with M = 2(N-1) for DCT-I, 2(N+1) for DST-I and 2N otherwise;
the inverse of type t is type {1: 1, 2: 3, 3: 2, 4: 4} with the opposite
normalisation.  ``orthogonalize`` (default: ``norm == 'ortho'``) scales the
boundary terms that make the 'ortho' matrices orthogonal.

Real input gives real output (float32 stays float32; integers, bools and half
precision become jax's default float, at least float32); complex input
transforms its real and imaginary parts.  ``overwrite_x`` and ``workers`` are
accepted and ignored.

Difference from scipy 1.17: for complex input scipy drops ``orthogonalize``
(its complex path transforms the two parts with the default for ``norm``);
here it applies to complex input as documented, so ``dct(x)`` of complex
``x`` is always ``dct(x.real) + 1j * dct(x.imag)``.
"""

from __future__ import annotations

import math

import numpy as np

from ... import dtypes, lax
from ...numpy import fft as _np
from ...numpy._util import asarray, canonicalize_axis, check_arraylike, public

__all__ = ["dct", "idct", "dst", "idst", "dctn", "idctn", "dstn", "idstn"]

_TYPES = (1, 2, 3, 4)
_INVERSE_TYPE = {1: 1, 2: 3, 3: 2, 4: 4}


# --- constants (host numpy, static sizes) ---------------------------------------------------------
def _const(values, dtype):
    return np.asarray(values).astype(dtype)


def _on_last(x, vec):
    """``x * vec`` with the host vector ``vec`` along the last axis."""
    v = lax.broadcast_in_dim(_const(vec, x.dtype), x.shape, (x.ndim - 1,))
    return lax.mul(x, v)


def _sl(x, start: int, stop: int, step: int = 1):
    """``x[..., start:stop:step]`` (static)."""
    nd = x.ndim
    return lax.slice(x, (0,) * (nd - 1) + (start,), x.shape[:-1] + (stop,),
                     (1,) * (nd - 1) + (step,))


def _rev(x):
    return lax.rev(x, (x.ndim - 1,))


def _cat(*parts):
    parts = [p for p in parts if p.shape[-1] > 0]
    return parts[0] if len(parts) == 1 else lax.concatenate(parts, parts[0].ndim - 1)


def _zeros_like_last(x, n: int):
    return lax.broadcast_in_dim(np.zeros((), x.dtype), x.shape[:-1] + (n,), ())


def _complex_dtype(dt):
    return np.dtype(np.complex128 if np.dtype(dt) == np.float64 else np.complex64)


def _interleave(even, odd):
    """``y[..., 0::2] = even``, ``y[..., 1::2] = odd`` (``odd`` as long or one shorter)."""
    m, n = even.shape[-1], even.shape[-1] + odd.shape[-1]
    if odd.shape[-1] < m:
        odd = _cat(odd, _zeros_like_last(odd, 1))
    nd = even.ndim
    pair = lax.concatenate([lax.expand_dims(even, (nd,)), lax.expand_dims(odd, (nd,))], nd)
    return _sl(lax.reshape(pair, even.shape[:-1] + (2 * m,)), 0, n)


def _alt(n: int):
    return np.where(np.arange(n) % 2 == 0, 1.0, -1.0)


# --- the unnormalised forward transforms along the last axis, real input --------------------------
def _dct1(x):
    n = x.shape[-1]
    e = _cat(x, _rev(_sl(x, 1, n - 1)))               # even extension, length 2(n - 1)
    return lax.real(lax.fft(e, "rfft", (2 * (n - 1),)))


def _dct2(x):
    n = x.shape[-1]
    v = _cat(_sl(x, 0, n, 2), _rev(_sl(x, 1, n, 2)))   # Makhoul's reordering
    V = lax.fft(v, "rfft", (n,))                      # V[0 .. n//2]
    k = np.arange(n // 2 + 1)
    Z = _on_last(V, 2 * np.exp(-0.5j * np.pi * k / n))
    head = lax.real(Z)                                 # y[k],     k = 0 .. n//2
    tail = lax.neg(lax.imag(_sl(Z, 1, (n + 1) // 2)))  # y[n - k], k = 1 .. ceil(n/2) - 1
    return _cat(head, _rev(tail))


def _dct3(x):
    n = x.shape[-1]
    h = n // 2 + 1
    a = _sl(x, 0, h)                                          # x[k],     k = 0 .. n//2
    b = _cat(_zeros_like_last(x, 1), _rev(_sl(x, n - h + 1, n)))  # x[n - k] (x[n] = 0)
    k = np.arange(h)
    V = _on_last(lax.complex(a, lax.neg(b)), n * np.exp(0.5j * np.pi * k / n))
    u = lax.fft(V, "irfft", (n,))
    # undo the reordering: y[2m] = u[m], y[2m + 1] = u[n - 1 - m]
    m = (n + 1) // 2
    return _interleave(_sl(u, 0, m), _rev(_sl(u, m, n)))


def _dct4(x):
    n = x.shape[-1]
    if n % 2:
        return _dct4_odd(x)
    # even n: one complex FFT of length n/2 on z[m] = (x[2m] + i x[n-1-2m]) w[m]; then
    # y[2k] = 2 Re(u[k]) and y[n-1-2k] = -2 Im(u[k]) with u[k] = Z[k] exp(-i pi k/n)
    h = n // 2
    m = np.arange(h)
    z = lax.complex(_sl(x, 0, n, 2), _rev(_sl(x, 1, n, 2)))
    z = _on_last(z, np.exp(-0.25j * np.pi * (4 * m + 1) / n))
    u = _on_last(lax.fft(z, "fft", (h,)), 2 * np.exp(-1j * np.pi * m / n))
    return _interleave(lax.real(u), lax.neg(_rev(lax.imag(u))))


def _dct4_odd(x):
    # y[k] = 2 Re(exp(-i pi (2k+1)/(4n)) F[k]), F the length-2n DFT of
    # x[m] exp(-i pi m/(2n)) zero-padded (the half-sample shifted DFT)
    n = x.shape[-1]
    k = np.arange(n)
    c = lax.convert_element_type(x, _complex_dtype(x.dtype), False)
    c = _cat(_on_last(c, np.exp(-0.5j * np.pi * k / n)), _zeros_like_last(c, n))
    F = _sl(lax.fft(c, "fft", (2 * n,)), 0, n)
    return lax.real(_on_last(F, 2 * np.exp(-0.25j * np.pi * (2 * k + 1) / n)))


def _dst1(x):
    n = x.shape[-1]
    z = _zeros_like_last(x, 1)
    e = _cat(z, x, z, lax.neg(_rev(x)))                 # odd extension, length 2(n + 1)
    E = lax.fft(e, "rfft", (2 * (n + 1),))
    return lax.neg(lax.imag(_sl(E, 1, n + 1)))


def _dst2(x):
    return _rev(_dct2(_on_last(x, _alt(x.shape[-1]))))


def _dst3(x):
    return _on_last(_dct3(_rev(x)), _alt(x.shape[-1]))


def _dst4(x):
    return _on_last(_dct4(_rev(x)), _alt(x.shape[-1]))


_CORE = {("dct", 1): _dct1, ("dct", 2): _dct2, ("dct", 3): _dct3, ("dct", 4): _dct4,
         ("dst", 1): _dst1, ("dst", 2): _dst2, ("dst", 3): _dst3, ("dst", 4): _dst4}

# orthogonalize: (input scale, output scale) per transform, as {index: factor};
# the scale that makes the 'ortho' matrix orthogonal.
_R2 = math.sqrt(2.0)
_ORTHO = {
    ("dct", 1): ({0: _R2, -1: _R2}, {0: 1 / _R2, -1: 1 / _R2}),
    ("dct", 2): ({}, {0: 1 / _R2}),
    ("dct", 3): ({0: _R2}, {}),
    ("dst", 2): ({}, {-1: 1 / _R2}),
    ("dst", 3): ({-1: _R2}, {}),
}


def _boundary(x, where: dict):
    if not where:
        return x
    vec = np.ones(x.shape[-1])
    for i, f in where.items():
        vec[i] = f
    return _on_last(x, vec)


def _norm_factor(family: str, t: int, n: int, norm, inverse: bool) -> float:
    m = 2 * (n - 1) if (family, t) == ("dct", 1) else 2 * (n + 1) if (family, t) == ("dst", 1) \
        else 2 * n
    if norm == "ortho":
        return 1 / math.sqrt(m)
    scaled = (norm == "forward") != inverse   # forward scales the forward transform only
    if norm in (None, "backward"):
        scaled = inverse
    return 1 / m if scaled else 1.0


def _last_axis(family: str, t: int, x, norm, ortho: bool, inverse: bool):
    """The (normalised) transform of real ``x`` along its last axis."""
    n = x.shape[-1]
    tt = _INVERSE_TYPE[t] if inverse else t
    pre, post = _ORTHO.get((family, tt), ({}, {})) if ortho else ({}, {})
    y = _boundary(_CORE[family, tt](_boundary(x, pre)), post)
    f = _norm_factor(family, t, n, norm, inverse)
    return y if f == 1.0 else lax.mul(y, np.array(f, y.dtype))


def _one_axis(family, t, x, axis, n, norm, ortho, inverse):
    nd = x.ndim
    if n is not None:
        x = _np._resize(x, axis, n)
    perm = tuple(i for i in range(nd) if i != axis) + (axis,)
    moved = perm != tuple(range(nd))
    if moved:
        x = lax.transpose(x, perm)
    if dtypes.issubdtype(x.dtype, np.complexfloating):
        y = lax.complex(_last_axis(family, t, lax.real(x), norm, ortho, inverse),
                        _last_axis(family, t, lax.imag(x), norm, ortho, inverse))
    else:
        y = _last_axis(family, t, x, norm, ortho, inverse)
    if moved:
        y = lax.transpose(y, tuple(int(i) for i in np.argsort(perm)))
    return y


def _input(name, x):
    x = asarray(x, name=name)
    dt = x.dtype
    if not dtypes.issubdtype(dt, np.complexfloating):
        target = dtypes.to_inexact_dtype(dt)
        if np.dtype(target).itemsize < 4:      # the fft primitive computes in float32 / float64
            target = np.dtype(np.float32)
        if target != dt:
            x = lax.convert_element_type(x, target, False)
    return x


def _jitted(name: str, family: str, inverse: bool):
    def impl(x, type, s, axes, norm, orthogonalize):
        x = _input(name, x)
        if x.ndim == 0:
            raise ValueError(f"{name}(): `x` must have at least one dimension")
        for ax, n in zip(axes, s):
            length = x.shape[ax] if n is None else n
            if length < 1 or length == 1 and (family, type) == ("dct", 1):
                raise ValueError(f"{name}(): invalid number of data points ({length}) along "
                                 f"axis {ax}" + (" (type 1 needs at least 2)" if length == 1
                                                 else ""))
        for ax, n in zip(axes, s):
            x = _one_axis(family, type, x, ax, n, norm, orthogonalize, inverse)
        return x
    impl.__name__ = impl.__qualname__ = name
    return public(impl, static=("type", "s", "axes", "norm", "orthogonalize"))


_JIT = {f"{inv}{fam}{nd}": _jitted(f"{inv}{fam}{nd}", fam, inv == "i")
        for fam in ("dct", "dst") for inv in ("", "i") for nd in ("", "n")}


# --- argument checks (static, before tracing) -----------------------------------------------------
def _check_type(name, type):
    if isinstance(type, bool) or not isinstance(type, (int, np.integer)):
        raise TypeError(f"{name}(): `type` must be an integer 1, 2, 3 or 4, got {type!r}")
    if int(type) not in _TYPES:
        raise ValueError(f"{name}(): invalid `type` {int(type)}; must be 1, 2, 3 or 4")
    return int(type)


def _prepare(name, x, type, norm, orthogonalize):
    check_arraylike(name, x, argnames=("x",))
    type = _check_type(name, type)
    _np._check_norm(name, norm)
    ortho = norm == "ortho" if orthogonalize is None else bool(orthogonalize)
    return type, ortho


def _call_1d(name, x, type, n, axis, norm, orthogonalize):
    type, ortho = _prepare(name, x, type, norm, orthogonalize)
    n = _np._opt_int(name, "n", n)
    axis = _np._opt_int(name, "axis", axis)
    nd = np.ndim(x) if not hasattr(x, "ndim") else x.ndim
    if nd == 0:
        raise ValueError(f"{name}(): `x` must have at least one dimension")
    if n is not None and n < 1:
        raise ValueError(f"{name}(): invalid number of data points ({n}); `n` must be at "
                         "least 1")
    axis = canonicalize_axis(axis, nd, name, "axis")
    return _JIT[name](x, type, (n,), (axis,), norm, ortho)


def _call_nd(name, x, type, s, axes, norm, orthogonalize):
    type, ortho = _prepare(name, x, type, norm, orthogonalize)
    s = _np._opt_ints(name, "s", s)
    axes = _np._opt_ints(name, "axes", axes)
    nd = np.ndim(x) if not hasattr(x, "ndim") else x.ndim
    axes = _np._resolve_axes(name, nd, s, axes)
    if s is None:
        s = (None,) * len(axes)
    else:
        for n in s:
            if n < 1 and n != -1:
                raise ValueError(f"{name}(): invalid number of data points ({n}) in `s`; "
                                 "each must be at least 1 (or -1 for the input's length)")
        s = tuple(None if n == -1 else n for n in s)
    return _JIT[name](x, type, s, axes, norm, ortho)


# --- docstrings -----------------------------------------------------------------------------------
_DOC = """{summary}

Parameters
----------
x : array_like
    Input array (real or complex; complex input transforms the real and
    imaginary parts).
type : {{1, 2, 3, 4}}, optional
    Transform type (default 2).
{size}
norm : {{None, 'backward', 'ortho', 'forward'}}, optional
    Normalisation (scipy's meaning): 'backward' (default) leaves the forward
    transform unscaled, 'forward' scales it by 1/M, 'ortho' by 1/sqrt(M)
    (M = 2(N-1) for DCT-I, 2(N+1) for DST-I, else 2N); the inverse gets
    the complementary scale.
overwrite_x : bool, optional
    Ignored (jax arrays are immutable).
workers : int, optional
    Ignored (XLA chooses its own threads).
orthogonalize : bool, optional
    Scale the boundary terms so that the 'ortho' transform is orthogonal
    (default: ``norm == 'ortho'``).

Returns
-------
jax.Array
    {returns}  Real input gives a real result of its float dtype.

Examples
--------
>>> import jaxwrap.numpy as jnp
>>> from jaxwrap.scipy.fft import {imports}
>>> {example}
{result}
"""

_SIZE_1D = """n : int, optional
    Length of the transform: the input is cropped or zero-padded to it.
axis : int, optional
    Axis to transform (default: the last)."""
_SIZE_ND = """s : sequence of ints, optional
    Length per transformed axis (-1: the input's length); the input is
    cropped or zero-padded to it.
axes : sequence of ints, optional
    Axes to transform (default: all, or the last ``len(s)``)."""


def _doc(name, summary, returns, example, result, nd=False):
    def deco(f):
        imports = f"{name[1:]}, {name}" if name.startswith("i") else name
        f.__doc__ = _DOC.format(imports=imports, summary=summary, returns=returns,
                                example=example, result=result,
                                size=_SIZE_ND if nd else _SIZE_1D)
        return f
    return deco


@_doc("dct", "Discrete cosine transform of type 1, 2, 3 or 4 along one axis.",
      "The transform along ``axis``.", "dct(jnp.array([1.0, 2.0, 3.0, 4.0]), norm='ortho')",
      "Array([ 5.       , -2.2304423,  0.       , -0.1585127], dtype=float32)")
def dct(x, type=2, n=None, axis=-1, norm=None, overwrite_x=False, workers=None,
        orthogonalize=None):
    return _call_1d("dct", x, type, n, axis, norm, orthogonalize)


@_doc("idct", "Inverse discrete cosine transform (``idct(dct(x, t), t) == x``).",
      "The inverse transform along ``axis``.",
      "idct(dct(jnp.array([1.0, 2.0, 3.0, 4.0]), type=3), type=3).round(5)",
      "Array([1., 2., 3., 4.], dtype=float32)")
def idct(x, type=2, n=None, axis=-1, norm=None, overwrite_x=False, workers=None,
         orthogonalize=None):
    return _call_1d("idct", x, type, n, axis, norm, orthogonalize)


@_doc("dst", "Discrete sine transform of type 1, 2, 3 or 4 along one axis.",
      "The transform along ``axis``.", "dst(jnp.array([1.0, 1.0, 1.0, 1.0])).round(4)",
      "Array([5.2263, 0.    , 2.1648, 0.    ], dtype=float32)")
def dst(x, type=2, n=None, axis=-1, norm=None, overwrite_x=False, workers=None,
        orthogonalize=None):
    return _call_1d("dst", x, type, n, axis, norm, orthogonalize)


@_doc("idst", "Inverse discrete sine transform (``idst(dst(x, t), t) == x``).",
      "The inverse transform along ``axis``.",
      "idst(dst(jnp.array([1.0, 2.0, 3.0, 4.0]), type=4), type=4).round(5)",
      "Array([1., 2., 3., 4.], dtype=float32)")
def idst(x, type=2, n=None, axis=-1, norm=None, overwrite_x=False, workers=None,
         orthogonalize=None):
    return _call_1d("idst", x, type, n, axis, norm, orthogonalize)


@_doc("dctn", "N-dimensional discrete cosine transform (one axis after another).",
      "The transform over ``axes``.", "dctn(jnp.ones((2, 3)), type=1)[0, 0]",
      "Array(8., dtype=float32)", nd=True)
def dctn(x, type=2, s=None, axes=None, norm=None, overwrite_x=False, workers=None, *,
         orthogonalize=None):
    return _call_nd("dctn", x, type, s, axes, norm, orthogonalize)


@_doc("idctn", "N-dimensional inverse discrete cosine transform.",
      "The inverse transform over ``axes``.", "idctn(dctn(jnp.ones((2, 2)))).round(4)",
      "Array([[1., 1.],\n       [1., 1.]], dtype=float32)", nd=True)
def idctn(x, type=2, s=None, axes=None, norm=None, overwrite_x=False, workers=None,
          orthogonalize=None):
    return _call_nd("idctn", x, type, s, axes, norm, orthogonalize)


@_doc("dstn", "N-dimensional discrete sine transform (one axis after another).",
      "The transform over ``axes``.", "dstn(jnp.ones((2, 2)), type=1)[0, 0]",
      "Array(12., dtype=float32)", nd=True)
def dstn(x, type=2, s=None, axes=None, norm=None, overwrite_x=False, workers=None,
         orthogonalize=None):
    return _call_nd("dstn", x, type, s, axes, norm, orthogonalize)


@_doc("idstn", "N-dimensional inverse discrete sine transform.",
      "The inverse transform over ``axes``.", "idstn(dstn(jnp.ones((2, 2)))).round(4)",
      "Array([[1., 1.],\n       [1., 1.]], dtype=float32)", nd=True)
def idstn(x, type=2, s=None, axes=None, norm=None, overwrite_x=False, workers=None,
          orthogonalize=None):
    return _call_nd("idstn", x, type, s, axes, norm, orthogonalize)
