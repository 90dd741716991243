"""decimate: anti-alias filter, then keep every q-th sample.

The filters are designed on the host with numpy (their size is static):

- ftype='iir' (default): an order-8 Chebyshev type I lowpass with 0.05 dB
  ripple and cutoff 0.8/q (of Nyquist), as second-order sections, run with
  sosfiltfilt (zero phase) or sosfilt.  ``_cheby1_host`` is the textbook
  design: the analog prototype's poles on an ellipse, the bilinear transform
  with frequency pre-warping, conjugate pole pairs grouped into sections
  (Oppenheim & Schafer, "Discrete-Time Signal Processing", 3rd ed., sec. 7.1-7.2;
  Parks & Burrus, "Digital Filter Design", 1987, ch. 7).
- ftype='fir': a Hamming-windowed sinc lowpass of ``n + 1`` taps (default
  n = 20 q) with cutoff 1/q (``_fir_design.firwin_host``), applied as a
  centred (zero-phase) or causal convolution and downsampled.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from ... import dtypes, lax
from ...numpy import _util
from ...numpy._util import public
from . import filtering as F

__all__ = ["decimate"]


def _cheby1_host(N: int, rp: float, Wn: float) -> np.ndarray:
    """Digital Chebyshev type I lowpass as second-order sections (float64, host).

    ``N``: order; ``rp``: passband ripple in dB; ``Wn``: cutoff as a fraction of the
    Nyquist frequency.  Returns ``sos`` of shape ``(ceil(N / 2), 6)``, sections ordered
    from the poles farthest from the unit circle to the nearest.
    """
    eps = math.sqrt(10.0 ** (rp / 10.0) - 1.0)
    mu = math.asinh(1.0 / eps) / N
    theta = np.pi * (2.0 * np.arange(1, N + 1) - 1.0) / (2.0 * N)
    poles = -math.sinh(mu) * np.sin(theta) + 1j * math.cosh(mu) * np.cos(theta)
    gain = np.prod(-poles).real
    if N % 2 == 0:
        gain /= math.sqrt(1.0 + eps * eps)        # passband starts at the ripple's bottom
    # lowpass to cutoff: pre-warped analog frequency for the bilinear transform (fs = 2)
    warped = 4.0 * math.tan(math.pi * Wn / 2.0)
    poles = poles * warped
    gain *= warped ** N
    # bilinear transform s = 4 (z - 1) / (z + 1): zeros at s = inf map to z = -1
    zpoles = (4.0 + poles) / (4.0 - poles)
    gain *= np.prod(1.0 / (4.0 - poles)).real
    upper = zpoles[zpoles.imag > 1e-12]            # one of each conjugate pair
    real = zpoles[np.abs(zpoles.imag) <= 1e-12].real
    sections = []
    for p in upper[np.argsort(np.abs(upper))]:
        sections.append([1.0, 2.0, 1.0, 1.0, -2.0 * p.real, abs(p) ** 2])
    for p in real:
        sections.insert(0, [1.0, 1.0, 0.0, 1.0, -p, 0.0])
    sos = np.array(sections)
    sos[0, :3] *= gain
    return sos


def _check(name, q, n, ftype):
    try:
        q = operator.index(q)
    except TypeError:
        raise TypeError(f"{name}(): `q` must be an integer, got {type(q).__name__}") from None
    if q < 1:
        raise ValueError(f"{name}(): `q` must be a positive integer, got {q}")
    if n is not None:
        try:
            n = operator.index(n)
        except TypeError:
            raise TypeError(f"{name}(): `n` must be an integer or None, got "
                            f"{type(n).__name__}") from None
        if n < 1:
            raise ValueError(f"{name}(): `n` must be positive, got {n}")
    if not isinstance(ftype, str):
        raise TypeError(f"{name}(): `ftype` must be 'iir' or 'fir'; filter objects (dlti) "
                        "are not supported: design the filter and use sosfiltfilt / "
                        "filtfilt, then slice")
    if ftype not in ("iir", "fir"):
        raise ValueError(f"{name}(): `ftype` must be 'iir' or 'fir', got {ftype!r}")
    return q, n


@public(static=("q", "n", "ftype", "axis", "zero_phase"))
def _decimate(x, q, n=None, ftype="iir", axis=-1, zero_phase=True):
    name = "decimate"
    q, n = _check(name, q, n, ftype)
    _util.check_arraylike(name, x, argnames=["x"])
    x = _util.asarray(x, name=name)
    if x.ndim == 0:
        raise ValueError(f"{name}(): `x` must be at least 1-D")
    (x,) = _util.promote_dtypes_inexact(x)
    if x.dtype == np.float16:
        x = lax.convert_element_type(x, dtypes.canonicalize_dtype(np.float64), False)
    axis = _util.canonicalize_axis(axis, x.ndim, name)
    length = x.shape[axis]
    n_out = -(-length // q)
    real = np.finfo(x.dtype).dtype
    if ftype == "iir":
        sos = np.asarray(_cheby1_host(8 if n is None else n, 0.05, 0.8 / q), real)
        y = F._sosfiltfilt(sos, x, axis, _default_edge=3 * _ntaps(sos)) if zero_phase \
            else F.sosfilt(sos, x, axis)
        start = 0
    else:
        from ._fir_design import firwin_host   # sibling module, host-side design
        taps = 20 * q if n is None else n
        b = np.asarray(firwin_host(taps + 1, 1.0 / q, window="hamming"), real)
        xt = F._time_first(x, axis)
        zi = lax.full(xt.shape[1:] + (taps,), 0, x.dtype)
        # causal: lfilter's output; zero phase: the full convolution read from the centre
        # tap on, with the input zero-padded so every output has its samples
        half = taps // 2 if zero_phase else 0
        if half:
            xt = lax.pad(xt, np.array(0, x.dtype), ((0, half, 0),) + ((0, 0, 0),) * (x.ndim - 1))
        y, _ = F._fir(b, xt, zi)
        y = F._time_back(y, axis)
        start = half
    sl_start = [0] * x.ndim
    sl_stop = list(y.shape)
    strides = [1] * x.ndim
    sl_start[axis] = start
    sl_stop[axis] = start + (n_out - 1) * q + 1
    strides[axis] = q
    return lax.slice(y, tuple(sl_start), tuple(sl_stop), tuple(strides))


def _ntaps(sos: np.ndarray) -> int:
    """sosfiltfilt's default tap count for concrete ``sos``."""
    zeros = min(int((sos[:, 2] == 0).sum()), int((sos[:, 5] == 0).sum()))
    return 2 * sos.shape[0] + 1 - zeros


def decimate(x, q, n=None, ftype="iir", axis=-1, zero_phase=True):
    """Downsample a signal by an integer factor after an anti-aliasing filter.

    Parameters
    ----------
    x : array_like
        Signal to downsample.
    q : int
        Downsampling factor.
    n : int, optional
        Filter order: default 8 for 'iir', ``20 * q`` for 'fir'.
    ftype : {'iir', 'fir'}, default 'iir'
        Chebyshev type I IIR filter (0.05 dB ripple, cutoff ``0.8 / q``) or
        Hamming-windowed FIR filter (cutoff ``1 / q``).  Filter objects are not
        accepted (TypeError): filter with your own coefficients and slice.
    axis : int, default -1
        Axis to downsample.
    zero_phase : bool, default True
        Filter forward and backward (IIR) or centred (FIR), so that the output
        is not shifted.

    Returns
    -------
    jax.Array
        ``ceil(x.shape[axis] / q)`` samples along ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.decimate(jnp.ones(40), 4).shape
    (10,)
    """
    _check("decimate", q, n, ftype)
    return _decimate(x, q, n, ftype, axis, zero_phase)
