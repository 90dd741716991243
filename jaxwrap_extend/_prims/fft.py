"""The FFT family: one primitive, ``fft``, for the four discrete Fourier transforms.

``fft(x, fft_type, fft_lengths)`` transforms the trailing ``len(fft_lengths)``
axes of ``x`` (1 to 3 of them: XLA's limit) and lowers to one
``stablehlo.fft``:

* ``FFT`` / ``IFFT``: complex -> complex of the same shape; IFFT includes the
  ``1/prod(fft_lengths)`` factor (numpy's "backward" normalisation).
* ``RFFT``: real -> complex; the trailing axes must be ``fft_lengths`` and the
  last one becomes ``n // 2 + 1`` (the non-redundant half spectrum).
* ``IRFFT``: complex -> real; the trailing axes must be
  ``fft_lengths[:-1] + (n // 2 + 1,)`` and the last one becomes ``n``.  Like
  XLA, the imaginary parts of the zero (and, for even ``n``, Nyquist)
  frequencies are ignored.

Every transform is linear (over the reals for RFFT/IRFFT), so the JVP pushes
the tangent through the same transform.  Transposes, with jax's convention
for complex cotangents (the pairing ``<a, b> = Re(sum a * b)``, no conjugate):

* the DFT matrix ``W[j, k] = exp(-2 pi i jk / n)`` is symmetric, so FFT is its
  own transpose, and likewise IFFT;
* RFFT = keep the first ``n//2 + 1`` outputs of the FFT of ``complex(x, 0)``;
  transposing each step: zero-pad the cotangent back to ``n``, FFT, real part;
* IRFFT of a half spectrum ``X`` is ``y_k = (1/N) Re sum_j w_j X_j e^{+2 pi i jk/n}``
  with weights ``w_j`` = 1 for ``j = 0`` (and ``j = n/2``, n even), 2 for the
  other half-spectrum bins (they stand for a conjugate pair); hence
  ``<ct, y> = Re sum_j X_j (w_j / N) conj(RFFT(ct))_j`` and the transpose is
  ``(w / N) * conj(RFFT(ct))`` (N = prod(fft_lengths)).

Batching moves the batch axis to the front: the transform acts only on the
trailing axes.
"""

from __future__ import annotations

import enum
import math

import numpy as np

from ..interpreters import ad, batching, mlir
from ..interpreters.mlir import hlo
from ._base import COMPLEX, FLOAT, aval, aval_of, check_kind, complex_dtype, define, real_dtype

__all__ = ["FftType", "fft"]


class FftType(enum.IntEnum):
    """The four transforms of the ``fft`` primitive (values match XLA's enum)."""

    FFT = 0
    IFFT = 1
    RFFT = 2
    IRFFT = 3


def _fft_type(fft_type) -> FftType:
    """FftType from an FftType, its name ("fft", "IRFFT", ...) or an enum with a name."""
    if isinstance(fft_type, FftType):
        return fft_type
    name = fft_type if isinstance(fft_type, str) else getattr(fft_type, "name", None)
    if isinstance(name, str) and name.upper() in FftType.__members__:
        return FftType[name.upper()]
    raise ValueError(f"fft: fft_type must be one of FFT, IFFT, RFFT, IRFFT (or their names), "
                     f"got {fft_type!r}")


# --- lazy access to the sibling families (they import each other) -----------------
def _ew():
    from . import elementwise
    return elementwise


def _st():
    from . import structural
    return structural


def _half(n: int) -> int:
    return n // 2 + 1


# --- fft --------------------------------------------------------------------------------
def _fft_abstract_eval(x, *, fft_type, fft_lengths):
    k = len(fft_lengths)
    if not 1 <= k <= 3:
        raise ValueError(f"fft: fft_lengths must have 1 to 3 entries (XLA's limit), got "
                         f"{fft_lengths}")
    if x.ndim < k:
        raise ValueError(f"fft: operand of rank {x.ndim} has fewer axes than fft_lengths "
                         f"{fft_lengths}")
    if any(n < 0 for n in fft_lengths):
        raise ValueError(f"fft: fft_lengths must be non-negative, got {fft_lengths}")
    lead, tail = tuple(x.shape[:-k]), tuple(x.shape[-k:])
    lengths = tuple(fft_lengths)
    if fft_type == FftType.RFFT:
        check_kind("fft (RFFT)", x.dtype, FLOAT)
        expect, out_tail, dtype = lengths, lengths[:-1] + (_half(lengths[-1]),), \
            complex_dtype(x.dtype)
    elif fft_type == FftType.IRFFT:
        check_kind("fft (IRFFT)", x.dtype, COMPLEX)
        expect, out_tail, dtype = lengths[:-1] + (_half(lengths[-1]),), lengths, \
            real_dtype(x.dtype)
    else:
        check_kind(f"fft ({fft_type.name})", x.dtype, COMPLEX)
        expect, out_tail, dtype = lengths, lengths, x.dtype
    if tail != expect:
        raise ValueError(f"fft ({fft_type.name}): the trailing axes of the operand must be "
                         f"{expect} for fft_lengths={lengths}, got {tail}")
    return aval(lead + out_tail, dtype, x.weak_type)


def _fft_lowering(ctx, x, *, fft_type, fft_lengths):
    op = hlo.FftOp(x, hlo.FftTypeAttr.get(fft_type.name), mlir.dense_int_array(fft_lengths),
                   results=[mlir.aval_to_ir_type(ctx.avals_out[0])])
    return [op.result]


def _rfft_transpose(ct, fft_lengths):
    # Zero-pad the half spectrum back to n, apply FFT (its own transpose), real part.
    n = fft_lengths[-1]
    ndim = len(np.shape(ct))
    cfg = ((0, 0, 0),) * (ndim - 1) + ((0, n - np.shape(ct)[-1], 0),)
    ew = _ew()
    full_ct = _st().pad(ct, np.zeros((), aval_of(ct).dtype), cfg)
    return ew.real(fft(full_ct, FftType.FFT, fft_lengths))


def _irfft_weights(fft_lengths, dtype):
    """w_j / N over the half spectrum: 1 at j = 0 (and n/2 for even n), else 2."""
    n = fft_lengths[-1]
    w = np.full(_half(n), 2.0)
    w[0] = 1.0
    if n % 2 == 0:
        w[-1] = 1.0
    return (w / math.prod(fft_lengths)).astype(dtype)


def _irfft_transpose(ct, fft_lengths):
    spec = fft(ct, FftType.RFFT, fft_lengths)
    ew = _ew()
    shape = tuple(np.shape(spec))
    dtype = aval_of(spec).dtype
    w = _st().broadcast_in_dim(_irfft_weights(fft_lengths, dtype), shape, (len(shape) - 1,))
    return ew.mul(w, ew.conj(spec))


def _fft_transpose(ct, x, *, fft_type, fft_lengths):
    if fft_type == FftType.RFFT:
        return [_rfft_transpose(ct, fft_lengths)]
    if fft_type == FftType.IRFFT:
        return [_irfft_transpose(ct, fft_lengths)]
    return [fft(ct, fft_type, fft_lengths)]   # FFT^T = FFT, IFFT^T = IFFT (symmetric DFT)


def _fft_batch(args, dims, *, fft_type, fft_lengths):
    (x,), (d,) = args, dims
    x = batching.moveaxis(x, d, 0)
    return fft_p.bind(x, fft_type=fft_type, fft_lengths=fft_lengths), 0


fft_p = define("fft", _fft_abstract_eval, _fft_lowering)
ad.deflinear(fft_p, _fft_transpose)
batching.primitive_batchers[fft_p] = _fft_batch


def fft(x, fft_type, fft_lengths):
    """The ``fft_type`` transform of the trailing ``len(fft_lengths)`` axes of ``x``.

    ``fft_type``: an ``FftType`` or one of "fft", "ifft", "rfft", "irfft";
    ``fft_lengths``: the logical transform length per axis (1 to 3 axes).
    """
    if isinstance(fft_lengths, (int, np.integer)):
        fft_lengths = (fft_lengths,)
    lengths = tuple(int(n) for n in fft_lengths)
    return fft_p.bind(x, fft_type=_fft_type(fft_type), fft_lengths=lengths)
