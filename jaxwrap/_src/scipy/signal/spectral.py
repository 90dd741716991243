"""scipy.signal's spectral analysis: stft, istft, welch, csd, periodogram,
spectrogram, coherence and lombscargle.

One core, ``_spectral``, serves every windowed-segment estimator, with
scipy's semantics (``scipy.signal._spectral_helper`` is the behaviour
reference, not the code):

1. the analysed axis moves to the end; for a cross spectrum ``x`` and ``y``
   broadcast over the other axes and the shorter one is zero-padded;
2. ``boundary`` extends both ends by ``nperseg // 2`` samples (even / odd
   reflection, edge value, zeros) and ``padded`` zero-pads the end to a whole
   number of steps;
3. the segments ``x[i*step : i*step + nperseg]`` are one gather of whole
   windows at the ``nseg`` start indices (XLA fuses it with the centring and
   the window multiply into one pass; shifted slices concatenated cost two
   extra passes over the segments), a plain reshape without overlap;
4. each segment is detrended ('constant': minus its mean, taken from block sums
   of the signal so that the centring fuses into the FFT operand), windowed and
   transformed by one ``rfft`` / ``fft`` over all segments; ``|X|**2`` (or
   ``conj(X) Y``, both one elementwise pass from the complex spectra), the scaling
   (``1 / (fs * sum(w**2))`` for densities, ``1 / sum(w)**2`` for spectra,
   their square roots for the STFT) and the one-sided doubling follow as one
   multiply, and Welch's average runs over the segment axis before any
   transpose.

Window values come from ``get_window`` (scipy.signal.windows; strings and
tuples are periodic windows, as in scipy).  Every length (``nperseg``,
``noverlap``, ``nfft``, the number of segments) is static; ``fs`` and the
data may be traced.  Invalid static arguments raise scipy's exception types
naming the argument; the NOLA check of ``istft`` runs on the host when the
window is concrete and warns, as scipy does.

Dtypes follow jax.scipy.signal: the complex result type of the input (complex64
for float32, integers and bools without x64), real results and the frequency
and time arrays in its real counterpart.
"""

from __future__ import annotations

import operator
import warnings

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes, lax
from ...numpy._util import check_arraylike, promote_dtypes_inexact, public
from .detrending import _detrend_last, slice_last

__all__ = ["coherence", "csd", "istft", "lombscargle", "periodogram", "spectrogram", "stft",
           "welch"]

_BOUNDARIES = (None, "even", "odd", "constant", "zeros")
_MAX_BLOCKS = 16    # segment means from at most this many block sums each, else direct


# --- host-side argument resolution -----------------------------------------------------------
def _opt_int(name: str, argname: str, v):
    if v is None:
        return None
    try:
        return operator.index(v)
    except TypeError:
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return int(v)
        raise TypeError(f"{name}(): `{argname}` must be an integer or None, got "
                        f"{type(v).__name__}") from None


def _concrete(w):
    """Host values of ``w``, or None when it is traced."""
    try:
        return np.asarray(w)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        return None


def _get_window(window, n):
    from ..signal_windows.windows import get_window
    return get_window(window, n)


def _window(name: str, window, nperseg, input_length: int):
    """scipy's window/segment triage: the window array and ``nperseg``."""
    if input_length == 0:
        raise ValueError(f"{name}(): the input has no samples along `axis` (scipy returns "
                         "empty arrays; jaxwrap does not support empty input here)")
    if nperseg is not None and nperseg < 1:
        raise ValueError(f"{name}(): `nperseg` must be a positive integer, got {nperseg}")
    if isinstance(window, (str, tuple)):
        if nperseg is None:
            nperseg = 256
        if nperseg > input_length:
            warnings.warn(f"{name}(): nperseg = {nperseg} is greater than input length = "
                          f"{input_length}, using nperseg = {input_length}", stacklevel=3)
            nperseg = input_length
        return _get_window(window, nperseg), nperseg
    check_arraylike(name, window, argnames=("window",))
    win = jnp.asarray(window)
    if win.ndim != 1:
        raise ValueError(f"{name}(): `window` must be 1-D, got shape {win.shape}")
    if input_length < win.shape[0]:
        raise ValueError(f"{name}(): `window` (length {win.shape[0]}) is longer than the input "
                         f"signal ({input_length})")
    if nperseg is None:
        nperseg = win.shape[0]
    elif nperseg != win.shape[0]:
        raise ValueError(f"{name}(): the value specified for `nperseg` ({nperseg}) is "
                         f"different from the length of `window` ({win.shape[0]})")
    return win, nperseg


def _lengths(name: str, nperseg: int, noverlap, nfft):
    nfft = _opt_int(name, "nfft", nfft)
    noverlap = _opt_int(name, "noverlap", noverlap)
    if nfft is None:
        nfft = nperseg
    elif nfft < nperseg:
        raise ValueError(f"{name}(): `nfft` ({nfft}) must be greater than or equal to "
                         f"`nperseg` ({nperseg})")
    if noverlap is None:
        noverlap = nperseg // 2
    if not 0 <= noverlap < nperseg:
        raise ValueError(f"{name}(): `noverlap` ({noverlap}) must be non-negative and less "
                         f"than `nperseg` ({nperseg})")
    return noverlap, nfft


def _check_choice(name: str, argname: str, v, choices):
    if not isinstance(v, (str, type(None))) or v not in choices:
        raise ValueError(f"{name}(): unknown `{argname}` {v!r}; expected one of "
                         f"{', '.join(map(repr, choices))}")


def _check_detrend(name: str, detrend):
    if detrend is False or detrend is None or callable(detrend):
        return detrend or False
    if isinstance(detrend, str) and detrend in ("constant", "linear", "c", "l"):
        return detrend
    raise ValueError(f"{name}(): `detrend` must be False, 'constant', 'linear' or a callable, "
                     f"got {detrend!r}")


def _data(name: str, argname: str, v):
    check_arraylike(name, v, argnames=(argname,))
    return jnp.asarray(v)


def _axis(name: str, axis, nd: int) -> int:
    try:
        axis = operator.index(axis)
    except TypeError:
        raise TypeError(f"{name}(): `axis` must be an integer, got {axis!r}") from None
    if not -nd <= axis < nd:
        raise np.exceptions.AxisError(f"{name}(): axis {axis} is out of bounds for array of "
                                      f"dimension {nd}")
    return axis


def _sides(name: str, return_onesided, *arrays) -> bool:
    """One-sided spectra for real data only (scipy warns and goes two-sided)."""
    if not return_onesided:
        return False
    if any(dtypes.is_complex(a.dtype) for a in arrays):
        warnings.warn(f"{name}(): input data is complex, switching to return_onesided=False",
                      stacklevel=3)
        return False
    return True


# --- the core ----------------------------------------------------------------------------------
def _extend(x, n: int, boundary, name: str):
    """Extend the last axis by ``n`` samples at both ends (scipy's boundary modes)."""
    if boundary is None or n == 0:
        return x
    if boundary in ("even", "odd") and n > x.shape[-1] - 1:
        raise ValueError(f"{name}(): the boundary extension length ({n}) must not exceed the "
                         f"signal length minus one ({x.shape[-1] - 1})")
    width = ((0, 0),) * (x.ndim - 1) + ((n, n),)
    if boundary == "even":
        return jnp.pad(x, width, mode="reflect")
    if boundary == "odd":
        return jnp.pad(x, width, mode="reflect", reflect_type="odd")
    if boundary == "constant":
        return jnp.pad(x, width, mode="edge")
    return jnp.pad(x, width)


def _pad_end(x, total: int):
    if x.shape[-1] >= total:
        return x
    return jnp.pad(x, ((0, 0),) * (x.ndim - 1) + ((0, total - x.shape[-1]),))


def _segments(x, nperseg: int, step: int, centre: bool = False):
    """``(..., nseg, nperseg)`` segments of the last axis (static sizes);
    ``centre``: minus each segment's mean (scipy's 'constant' detrend)."""
    nseg = (x.shape[-1] - (nperseg - step)) // step
    k = -(-nperseg // step)
    if step == nperseg:         # no overlap: a reshape
        lead = x.shape[:-1]
        segs = jnp.reshape(slice_last(x, 0, nseg * step), lead + (nseg, nperseg))
    else:                       # one gather of whole windows at the starts i*step
        nb = x.ndim - 1
        dn = lax.GatherDimensionNumbers(offset_dims=tuple(range(nb)) + (nb + 1,),
                                        collapsed_slice_dims=(), start_index_map=(nb,))
        starts = (np.arange(nseg, dtype=np.int32) * np.int32(step))[:, None]
        segs = lax.gather(x, starts, dn, x.shape[:-1] + (nperseg,), indices_are_sorted=True)
    if centre and k > _MAX_BLOCKS:     # many short blocks per segment: the segments' own means
        return _detrend_last(segs, "constant")
    if centre:
        x = _pad_end(x, (nseg + k - 1) * step)
        segs = jnp.subtract(segs, _segment_means(x, nperseg, step, nseg, k))
    return segs


def _segment_means(x, nperseg: int, step: int, nseg: int, k: int):
    """Segment means from block sums of ``x`` (one pass over ``x``, not over the
    overlapping segments, so the centring fuses into the FFT operand): segment
    ``i`` is blocks ``i .. i+k-2`` of ``step`` samples plus the first ``rem``
    samples of block ``i+k-1``."""
    lead = x.shape[:-1]
    x = slice_last(x, 0, (nseg + k - 1) * step)
    blocks = jnp.reshape(x, lead + (nseg + k - 1, step))
    rem = nperseg - (k - 1) * step
    full = jnp.sum(blocks, axis=-1)
    part = full if rem == step else jnp.sum(slice_last(blocks, 0, rem), axis=-1)
    total = slice_last(part, k - 1, k - 1 + nseg)
    for r in range(k - 1):
        total = jnp.add(total, slice_last(full, r, r + nseg))
    return jnp.divide(jnp.expand_dims(total, -1), np.asarray(nperseg, total.dtype))


def _detrended(segs, detrend, axis: int):
    if detrend is False:
        return segs
    if callable(detrend):
        # scipy calls the function with the segment axis where the data axis was
        if axis == -1:
            return detrend(segs)
        return jnp.moveaxis(detrend(jnp.moveaxis(segs, -1, axis)), axis, -1)
    return _detrend_last(segs, "constant" if detrend in ("constant", "c") else "linear")


def _spectra(x, win, *, nperseg, noverlap, nfft, detrend, onesided, boundary, padded, axis,
             name):
    """Fourier transforms of the windowed segments: ``(..., nseg, nfreq)`` and the
    padded length (for the time axis)."""
    step = nperseg - noverlap
    x = _extend(x, nperseg // 2, boundary, name)
    if padded:
        nadd = (-(x.shape[-1] - nperseg) % step) % nperseg
        x = _pad_end(x, x.shape[-1] + nadd)
    length = x.shape[-1]
    if detrend in ("constant", "c"):
        segs = _segments(x, nperseg, step, centre=True)
    else:
        segs = _detrended(_segments(x, nperseg, step), detrend, axis)
    segs = jnp.multiply(segs, win)
    if onesided:
        return jnp.fft.rfft(jnp.real(segs), n=nfft, axis=-1), length
    return jnp.fft.fft(segs, n=nfft, axis=-1), length


def _broadcast_pair(name, x, y):
    """Broadcast ``x`` and ``y`` over all but the last axis; zero-pad the shorter."""
    try:
        outer = np.broadcast_shapes(x.shape[:-1], y.shape[:-1])
    except ValueError:
        raise ValueError(f"{name}(): `x` and `y` cannot be broadcast together (shapes "
                         f"{x.shape} and {y.shape} along the non-transformed axes)") from None
    n = max(x.shape[-1], y.shape[-1])
    x, y = (_pad_end(v, n) for v in (x, y))
    return (jnp.broadcast_to(x, outer + (n,)), jnp.broadcast_to(y, outer + (n,)))


@public(static=("nperseg", "noverlap", "nfft", "detrend", "onesided", "scaling", "mode",
                "boundary", "padded", "axis", "name", "average"))
def _spectral(x, y, fs, win, *, nperseg, noverlap, nfft, detrend, onesided, scaling, mode,
              boundary, padded, axis, name, average=None):
    """Frequencies, segment times and the (cross) spectra, scipy's layout: the
    frequency axis where ``axis`` was, segments last; with ``average`` the
    segments are averaged (before the axes move: no transpose of the spectra)."""
    same = y is None
    promoted = promote_dtypes_inexact(*((x,) if same else (x, y)))
    cdt = dtypes.to_complex_dtype(promoted[0].dtype)
    rdt = jnp.real(jnp.zeros((), cdt)).dtype
    x = jnp.moveaxis(promoted[0], axis, -1)
    fs = jnp.asarray(fs, dtype=rdt)
    if not same:
        y = jnp.moveaxis(promoted[1], axis, -1)
        x, y = _broadcast_pair(name, x, y)
    win = jnp.asarray(win, dtype=rdt)
    kw = dict(nperseg=nperseg, noverlap=noverlap, nfft=nfft, detrend=detrend,
              onesided=onesided, boundary=boundary, padded=padded, axis=axis, name=name)
    fx, length = _spectra(x, win, **kw)
    if mode == "psd" and same:      # |X|**2: one elementwise pass from the complex spectra
        res = jnp.real(jnp.multiply(jnp.conj(fx), fx))
    elif mode == "psd":
        res = jnp.multiply(jnp.conj(fx), _spectra(y, win, **kw)[0])
    else:
        res = fx
    if scaling == "density":
        scale = jnp.reciprocal(jnp.multiply(fs, jnp.sum(jnp.multiply(win, win))))
    else:
        scale = jnp.reciprocal(jnp.square(jnp.sum(win)))
    if mode == "stft":
        scale = jnp.sqrt(scale)
    if onesided and mode == "psd":  # one multiply: the scale times the one-sided doubling
        double = np.full(res.shape[-1], 2.0)
        double[0] = 1.0
        if nfft % 2 == 0:
            double[-1] = 1.0
        scale = jnp.multiply(scale, double.astype(rdt))
    res = jnp.multiply(res, scale)
    if average is not None:
        res = _average(name, res, average, axis=-2)
        res = jnp.moveaxis(res, -1, axis)
    else:
        res = jnp.moveaxis(res, -1, axis - 1 if axis < 0 else axis)
    k = np.arange(nfft // 2 + 1) if onesided else np.fft.fftfreq(nfft) * nfft
    freqs = jnp.multiply(np.asarray(k / nfft, rdt), fs)
    t = np.arange(nperseg / 2, length - nperseg / 2 + 1, nperseg - noverlap)
    if boundary is not None:
        t = t - nperseg / 2
    time = jnp.divide(np.asarray(t, rdt), fs)
    return freqs, time, res


def _run(name, x, y, fs, window, nperseg, noverlap, nfft, detrend, return_onesided, scaling,
         axis, mode, boundary=None, padded=False, average=None):
    """Resolve the static arguments on the host, then call the jitted core."""
    x = _data(name, "x", x)
    axis = _axis(name, axis, x.ndim)
    arrays = (x,)
    n = x.shape[axis]
    if y is not None:
        y = _data(name, "y", y)
        _axis(name, axis, y.ndim)
        arrays = (x, y)
        n = max(n, y.shape[axis])
    _check_choice(name, "scaling", scaling, ("density", "spectrum"))
    detrend = _check_detrend(name, detrend)
    win, nperseg = _window(name, window, _opt_int(name, "nperseg", nperseg), n)
    noverlap, nfft = _lengths(name, nperseg, noverlap, nfft)
    onesided = _sides(name, return_onesided, *arrays)
    return _spectral(x, y, fs, win, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
                     detrend=detrend, onesided=onesided, scaling=scaling, mode=mode,
                     boundary=boundary, padded=bool(padded), axis=axis, name=name,
                     average=average)


def _average(name: str, p, average, axis: int):
    """Mean or bias-corrected median over the segments (``axis``)."""
    nseg = p.shape[axis]
    if nseg == 1:
        return jnp.squeeze(p, axis=axis)
    if average == "mean":
        return jnp.mean(p, axis=axis)
    # The median of chi-squared(2) periodogram values is biased low; scipy divides by
    # 1 + sum_{i<=(n-1)/2} (1/(2i+1) - 1/(2i)) (Welch, Allen et al. 2012, appendix B).
    ii = 2.0 * np.arange(1, (nseg - 1) // 2 + 1)
    bias = 1.0 + np.sum(1.0 / (ii + 1) - 1.0 / ii)
    rdt = jnp.real(p).dtype
    if dtypes.is_complex(p.dtype):
        med = lax.complex(jnp.median(jnp.real(p), axis=axis),
                          jnp.median(jnp.imag(p), axis=axis))
    else:
        med = jnp.median(p, axis=axis)
    return jnp.divide(med, np.asarray(bias, rdt))


# --- public functions -------------------------------------------------------------------------
_PARAMS = """x : array_like
    Time series (integers and bools are promoted to the default float type).
fs : float or scalar array, optional
    Sampling frequency (default 1.0); may be traced.
window : str, tuple or array_like, optional
    A window name / (name, parameter) tuple for ``get_window`` (periodic), or the
    window values (length ``nperseg``).
nperseg : int, optional
    Segment length (static).
noverlap : int, optional
    Overlap between segments (default ``nperseg // 2``); must be less than ``nperseg``.
nfft : int, optional
    FFT length (default ``nperseg``), at least ``nperseg``.
detrend : False, 'constant', 'linear' or callable, optional
    How each segment is detrended.
return_onesided : bool, optional
    One-sided spectrum for real data (default); complex data are always two-sided.
axis : int, optional
    Axis of the time series (default: the last)."""


def welch(x, fs=1.0, window="hann", nperseg=None, noverlap=None, nfft=None,
          detrend="constant", return_onesided=True, scaling="density", axis=-1,
          average="mean"):
    """Power spectral density estimate by Welch's method (averaged periodograms).

    Parameters
    ----------
    {params}
    scaling : {{'density', 'spectrum'}}, optional
        Power spectral density (V**2/Hz) or power spectrum (V**2).
    average : {{'mean', 'median'}}, optional
        How the segment periodograms are averaged (the median is bias-corrected).

    Returns
    -------
    f : jax.Array
        Sample frequencies.
    Pxx : jax.Array
        Power spectral density or power spectrum, the frequency axis at ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import welch
    >>> x = jnp.cos(jnp.arange(64) * (jnp.pi / 4))
    >>> f, p = welch(x, nperseg=16)
    >>> int(jnp.argmax(p)), float(f[2])
    (2, 0.125)
    """
    return _csd("welch", x, None, fs, window, nperseg, noverlap, nfft, detrend,
                return_onesided, scaling, axis, average)


def csd(x, y, fs=1.0, window="hann", nperseg=None, noverlap=None, nfft=None,
        detrend="constant", return_onesided=True, scaling="density", axis=-1, average="mean"):
    """Cross power spectral density estimate by Welch's method.

    Parameters
    ----------
    {params}
    y : array_like
        Second time series (broadcast with ``x`` over the other axes; the shorter
        one is zero-padded).  None gives the power spectral density of ``x``.
    scaling : {{'density', 'spectrum'}}, optional
        Cross spectral density (V**2/Hz) or cross spectrum (V**2).
    average : {{'mean', 'median'}}, optional
        How the segment estimates are averaged (the median is bias-corrected,
        separately for the real and imaginary parts).

    Returns
    -------
    f : jax.Array
        Sample frequencies.
    Pxy : jax.Array
        Cross spectral density (complex), the frequency axis at ``axis``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import csd
    >>> x = jnp.sin(jnp.arange(32.0))
    >>> f, p = csd(x, jnp.cos(jnp.arange(32.0)), nperseg=8)
    >>> p.shape, p.dtype
    ((5,), dtype('complex64'))
    """
    return _csd("csd", x, None if y is x else y, fs, window, nperseg, noverlap, nfft, detrend,
                return_onesided, scaling, axis, average)


def _csd(name, x, y, fs, window, nperseg, noverlap, nfft, detrend, return_onesided, scaling,
         axis, average):
    """Welch's average of the (cross) periodograms; ``y=None``: of ``x`` with itself."""
    _check_choice(name, "average", average, ("mean", "median"))
    f, _, p = _run(name, x, y, fs, window, nperseg, noverlap, nfft, detrend, return_onesided,
                   scaling, axis, "psd", average=average)
    return f, p


def periodogram(x, fs=1.0, window="boxcar", nfft=None, detrend="constant",
                return_onesided=True, scaling="density", axis=-1):
    """Power spectral density estimate by a (windowed) periodogram.

    Parameters
    ----------
    x : array_like
        Time series.
    fs : float or scalar array, optional
        Sampling frequency (default 1.0).
    window : str, tuple or array_like, optional
        Window (default 'boxcar'; None means 'boxcar'); an array must have the
        length of the data along ``axis``.
    nfft : int, optional
        FFT length: a shorter one crops the data, a longer one zero-pads it.
    detrend : False, 'constant', 'linear' or callable, optional
        How the data are detrended.
    return_onesided : bool, optional
        One-sided spectrum for real data (default).
    scaling : {'density', 'spectrum'}, optional
        Power spectral density or power spectrum.
    axis : int, optional
        Axis of the time series (default: the last).

    Returns
    -------
    f : jax.Array
        Sample frequencies.
    Pxx : jax.Array
        Power spectral density or power spectrum.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import periodogram
    >>> f, p = periodogram(jnp.array([1.0, -1.0, 1.0, -1.0]))
    >>> p
    Array([0., 0., 4.], dtype=float32)
    """
    name = "periodogram"
    x = _data(name, "x", x)
    axis = _axis(name, axis, x.ndim)
    if window is None:
        window = "boxcar"
    n = x.shape[axis]
    nfft = _opt_int(name, "nfft", nfft)
    if nfft is None or nfft == n:
        nperseg = n
    elif nfft > n:
        nperseg = n
    else:
        x = jnp.moveaxis(slice_last(jnp.moveaxis(x, axis, -1), 0, nfft), -1, axis)
        nperseg, nfft = nfft, None
    if not isinstance(window, (str, tuple)):
        size = _data(name, "window", window).size
        if size != nperseg:
            raise ValueError(f"{name}(): the size of `window` ({size}) must be the length of "
                             f"the input along `axis` ({nperseg})")
    return _csd(name, x, None, fs, window, nperseg, 0, nfft, detrend, return_onesided,
                scaling, axis, "mean")


def spectrogram(x, fs=1.0, window=("tukey", 0.25), nperseg=None, noverlap=None, nfft=None,
                detrend="constant", return_onesided=True, scaling="density", axis=-1,
                mode="psd"):
    """Spectrogram: spectra of consecutive windowed segments.

    Parameters
    ----------
    {params}
    scaling : {{'density', 'spectrum'}}, optional
        Power spectral density or power spectrum ('psd' mode), or their square
        roots (the other modes).
    mode : {{'psd', 'complex', 'magnitude', 'angle', 'phase'}}, optional
        What is returned per segment; 'phase' is the angle unwrapped along the
        frequency axis.  ``noverlap`` defaults to ``nperseg // 8``.

    Returns
    -------
    f : jax.Array
        Sample frequencies.
    t : jax.Array
        Segment times.
    Sxx : jax.Array
        The spectrogram: the frequency axis at ``axis``, the segments last.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import spectrogram
    >>> f, t, s = spectrogram(jnp.ones(64), nperseg=16)
    >>> s.shape
    (9, 4)
    """
    name = "spectrogram"
    _check_choice(name, "mode", mode, ("psd", "complex", "magnitude", "angle", "phase"))
    xa = _data(name, "x", x)
    axis = _axis(name, axis, xa.ndim)
    win, nperseg = _window(name, window, _opt_int(name, "nperseg", nperseg), xa.shape[axis])
    if noverlap is None:
        noverlap = nperseg // 8
    f, t, s = _run(name, xa, None, fs, win, nperseg, noverlap, nfft, detrend, return_onesided,
                   scaling, axis, "psd" if mode == "psd" else "stft")
    if mode == "magnitude":
        s = jnp.abs(s)
    elif mode in ("angle", "phase"):
        s = jnp.angle(s)
        if mode == "phase":
            s = jnp.unwrap(s, axis=axis - 1 if axis < 0 else axis)
    return f, t, s


def coherence(x, y, fs=1.0, window="hann", nperseg=None, noverlap=None, nfft=None,
              detrend="constant", axis=-1):
    """Magnitude-squared coherence ``|Pxy|**2 / (Pxx * Pyy)`` by Welch's method.

    Parameters
    ----------
    {params}
    y : array_like
        Second time series.

    Returns
    -------
    f : jax.Array
        Sample frequencies.
    Cxy : jax.Array
        Coherence, in [0, 1].

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import coherence
    >>> x = jnp.sin(jnp.arange(64.0))
    >>> f, c = coherence(x, jnp.multiply(2.0, x), nperseg=16)
    >>> bool(jnp.allclose(c, 1.0, atol=1e-4))
    True
    """
    name = "coherence"
    kw = dict(fs=fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
              detrend=detrend, axis=axis)
    kw.update(return_onesided=True, scaling="density", average="mean")
    f, pxx = _csd(name, x, None, **kw)
    _, pyy = _csd(name, y, None, **kw)
    _, pxy = _csd(name, x, y, **kw)
    return f, jnp.divide(jnp.divide(jnp.square(jnp.abs(pxy)), pxx), pyy)


def stft(x, fs=1.0, window="hann", nperseg=256, noverlap=None, nfft=None, detrend=False,
         return_onesided=True, boundary="zeros", padded=True, axis=-1, scaling="spectrum"):
    """Short-time Fourier transform.

    Parameters
    ----------
    {params}
    boundary : {{'zeros', 'even', 'odd', 'constant', None}}, optional
        How both ends are extended by ``nperseg // 2`` samples, so that the first
        and last samples are centred in a segment (None: no extension).
    padded : bool, optional
        Zero-pad the end to a whole number of segments (default True).
    scaling : {{'spectrum', 'psd'}}, optional
        Each column as a magnitude spectrum (default) or a density (its square
        root).

    Returns
    -------
    f : jax.Array
        Sample frequencies.
    t : jax.Array
        Segment times.
    Zxx : jax.Array
        The STFT (complex): the frequency axis at ``axis``, the segments last.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import stft
    >>> f, t, z = stft(jnp.ones(32), nperseg=8)
    >>> z.shape, z.dtype
    ((5, 9), dtype('complex64'))
    """
    name = "stft"
    _check_choice(name, "boundary", boundary, _BOUNDARIES)
    if scaling not in ("spectrum", "psd"):
        raise ValueError(f"{name}(): `scaling` must be 'spectrum' or 'psd', got {scaling!r}")
    scaling = "density" if scaling == "psd" else "spectrum"
    return _run(name, x, None, fs, window, nperseg, noverlap, nfft, detrend, return_onesided,
                scaling, axis, "stft", boundary, padded)


@public(static=("nperseg", "noverlap", "nfft", "onesided", "boundary", "scaling",
                "time_axis", "freq_axis"))
def _istft(z, fs, win, *, nperseg, noverlap, nfft, onesided, boundary, scaling, time_axis,
           freq_axis):
    (z,) = promote_dtypes_inexact(z)
    cdt = dtypes.to_complex_dtype(z.dtype)
    z = jnp.asarray(z, dtype=cdt)
    rdt = jnp.real(jnp.zeros((), cdt)).dtype
    fs = jnp.asarray(fs, dtype=rdt)
    nd = z.ndim
    fa, ta = freq_axis % nd, time_axis % nd
    z = jnp.moveaxis(z, (fa, ta), (-2, -1))
    nseg = z.shape[-1]
    step = nperseg - noverlap
    if onesided:
        xs = jnp.fft.irfft(z, n=nfft, axis=-2)
    else:
        xs = jnp.fft.ifft(z, n=nfft, axis=-2)
    xs = jnp.swapaxes(slice_last(jnp.swapaxes(xs, -1, -2), 0, nperseg), -1, -2)
    win = jnp.asarray(win, dtype=rdt)
    if scaling == "spectrum":
        gain = jnp.sum(win)
    else:
        gain = jnp.sqrt(jnp.multiply(fs, jnp.sum(jnp.square(win))))
    segs = jnp.multiply(jnp.swapaxes(xs, -1, -2), jnp.multiply(win, gain))  # (..., nseg, nperseg)
    out = _overlap_add(segs, step)
    norm = _overlap_add(jnp.broadcast_to(jnp.square(win), (nseg, nperseg)), step)
    if boundary:
        h = nperseg // 2
        out = slice_last(out, h, out.shape[-1] - h)
        norm = slice_last(norm, h, norm.shape[-1] - h)
    safe = jnp.where(jnp.greater(norm, 1e-10), norm, jnp.ones_like(norm))
    out = jnp.divide(out, safe)
    if nd > 2 and ta != nd - 1:
        out = jnp.moveaxis(out, -1, ta - 1 if fa < ta else ta)
    return out


def _overlap_add(segs, step: int):
    """Sum of ``segs[..., i, :]`` placed at ``i * step`` (static sizes): the segments
    are cut into ``k`` blocks of ``step`` samples; block ``r`` of segment ``i`` lands in
    output block ``i + r``, so each ``r`` is one pad and one add."""
    nseg, nperseg = segs.shape[-2:]
    k = -(-nperseg // step)
    lead = segs.shape[:-2]
    if k * step != nperseg:
        segs = jnp.pad(segs, ((0, 0),) * (segs.ndim - 1) + ((0, k * step - nperseg),))
    total = None
    for r in range(k):
        block = slice_last(segs, r * step, (r + 1) * step)                  # (..., nseg, step)
        block = jnp.pad(block, ((0, 0),) * len(lead) + ((r, k - 1 - r), (0, 0)))
        total = block if total is None else jnp.add(total, block)
    out = jnp.reshape(total, lead + ((nseg + k - 1) * step,))
    return slice_last(out, 0, nperseg + (nseg - 1) * step)


def istft(Zxx, fs=1.0, window="hann", nperseg=None, noverlap=None, nfft=None,
          input_onesided=True, boundary=True, time_axis=-1, freq_axis=-2,
          scaling="spectrum"):
    """Inverse short-time Fourier transform (weighted overlap-add).

    Parameters
    ----------
    Zxx : array_like
        STFT of the signal, at least 2-D.
    fs : float or scalar array, optional
        Sampling frequency (default 1.0).
    window : str, tuple or array_like, optional
        The analysis window (default 'hann', periodic).
    nperseg : int, optional
        Segment length (default: from the number of frequencies).
    noverlap : int, optional
        Overlap (default ``nperseg // 2``).
    nfft : int, optional
        FFT length used by the STFT.
    input_onesided : bool, optional
        ``Zxx`` holds a one-sided spectrum (default) and the result is real.
    boundary : bool, optional
        The STFT extended the input at both ends: drop ``nperseg // 2`` samples at
        each end (default True).
    time_axis, freq_axis : int, optional
        Axes of the segments and of the frequencies.
    scaling : {'spectrum', 'psd'}, optional
        The scaling the STFT used.

    Returns
    -------
    t : jax.Array
        Output sample times.
    x : jax.Array
        The reconstructed signal.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import stft, istft
    >>> x = jnp.sin(jnp.arange(64.0))
    >>> t, y = istft(stft(x, nperseg=16)[2], nperseg=16)
    >>> bool(jnp.allclose(y, x, atol=1e-5))
    True

    Notes
    -----
    Where the window violates the NOLA condition (its shifted squares sum to
    zero somewhere), the division is skipped there, as in scipy; the check warns
    on the host when the window is concrete.
    """
    name = "istft"
    z = _data(name, "Zxx", Zxx)
    if z.ndim < 2:
        raise ValueError(f"{name}(): input stft `Zxx` must be at least 2-D, got {z.ndim}-D")
    ta = _axis(name, time_axis, z.ndim)
    fa = _axis(name, freq_axis, z.ndim)
    if ta % z.ndim == fa % z.ndim:
        raise ValueError(f"{name}(): `time_axis` and `freq_axis` must differ, got {ta} and {fa}")
    if scaling not in ("spectrum", "psd"):
        raise ValueError(f"{name}(): `scaling` must be 'spectrum' or 'psd', got {scaling!r}")
    nfreq, nseg = z.shape[fa], z.shape[ta]
    n_default = 2 * (nfreq - 1) if input_onesided else nfreq
    nperseg = _opt_int(name, "nperseg", nperseg)
    if nperseg is None:
        nperseg = n_default
    elif nperseg < 1:
        raise ValueError(f"{name}(): `nperseg` must be a positive integer, got {nperseg}")
    nfft = _opt_int(name, "nfft", nfft)
    if nfft is None:
        nfft = nperseg if input_onesided and nperseg == n_default + 1 else n_default
    if nfft < nperseg:
        raise ValueError(f"{name}(): `nfft` ({nfft}) must be greater than or equal to "
                         f"`nperseg` ({nperseg})")
    noverlap, _ = _lengths(name, nperseg, noverlap, nfft)
    if isinstance(window, (str, tuple)):
        win = _get_window(window, nperseg)
    else:
        check_arraylike(name, window, argnames=("window",))
        win = jnp.asarray(window)
        if win.ndim != 1:
            raise ValueError(f"{name}(): `window` must be 1-D, got shape {win.shape}")
        if win.shape[0] != nperseg:
            raise ValueError(f"{name}(): `window` must have length {nperseg}, got "
                             f"{win.shape[0]}")
    _nola_warning(name, _concrete(win), nperseg, noverlap, nseg, bool(boundary))
    x = _istft(z, fs, win, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
               onesided=bool(input_onesided), boundary=bool(boundary), scaling=scaling,
               time_axis=ta, freq_axis=fa)
    if input_onesided:
        x = jnp.real(x)
    rdt = jnp.real(x).dtype
    # scipy's time axis counts the first axis of the output
    time = jnp.divide(np.arange(x.shape[0], dtype=rdt),
                      jnp.asarray(fs, dtype=rdt))
    return time, x


def _nola_warning(name, w, nperseg, noverlap, nseg, boundary):
    """scipy's NOLA test on the host: the overlap-added squared window must be
    non-tiny everywhere in the output."""
    if w is None:
        return
    step = nperseg - noverlap
    norm = np.zeros(nperseg + (nseg - 1) * step)
    w2 = np.abs(np.asarray(w, np.float64)) ** 2
    for i in range(nseg):
        norm[i * step:i * step + nperseg] += w2
    if boundary:
        norm = norm[nperseg // 2:len(norm) - nperseg // 2]
    if np.any(norm <= 1e-10):
        warnings.warn(f"{name}(): NOLA condition failed, STFT may not be invertible."
                      + ("" if boundary else " Possibly due to missing boundary"),
                      stacklevel=3)


_LOMB_NORMALIZE = {False: "power", "power": "power", True: "normalize",
                   "normalize": "normalize", "amplitude": "amplitude"}


def _wsum(w, m):
    """``sum_n w[n] * m[n, :]``: a weighted sum over the samples (exact products,
    no reduced-precision matmul)."""
    return jnp.sum(jnp.multiply(jnp.reshape(w, (-1, 1)), m), axis=0)


@public(static=("precenter", "mode", "floating_mean"))
def _lomb(x, y, freqs, weights, *, precenter, mode, floating_mean):
    x, y, freqs, weights = promote_dtypes_inexact(x, y, freqs, weights)
    eps = np.finfo(x.dtype).epsneg
    total = jnp.sum(weights)
    bad = jnp.logical_or(jnp.any(jnp.less(weights, 0)), jnp.logical_not(jnp.greater(total, 0)))
    w = jnp.divide(weights, total)
    if precenter:
        y = jnp.subtract(y, jnp.mean(y))
    wt = jnp.multiply(jnp.reshape(x, (-1, 1)), jnp.reshape(freqs, (1, -1)))    # (N, F)
    wy = jnp.multiply(w, y)
    ybar = jnp.sum(wy)                                                        # ZK09 eq. 7

    def moments(c, s):
        cc = _wsum(w, jnp.square(c))                                          # eq. 13
        ss = jnp.subtract(1.0, cc)                                            # eq. 14
        cs = _wsum(w, jnp.multiply(c, s))                                     # eq. 15
        if floating_mean:
            cm, sm = _wsum(w, c), _wsum(w, s)                                 # eqs. 8, 9
            cc = jnp.subtract(cc, jnp.square(cm))
            ss = jnp.subtract(ss, jnp.square(sm))
            cs = jnp.subtract(cs, jnp.multiply(cm, sm))
            return cc, ss, cs, cm, sm
        return cc, ss, cs, None, None

    cc, ss, cs, _, _ = moments(jnp.cos(wt), jnp.sin(wt))
    # the phase tau that makes the cos/sin terms orthogonal (eq. 19)
    tau = jnp.multiply(0.5, jnp.arctan2(jnp.multiply(2.0, cs), jnp.subtract(cc, ss)))
    shifted = jnp.subtract(wt, jnp.reshape(tau, (1, -1)))
    c, s = jnp.cos(shifted), jnp.sin(shifted)
    yc, ys = _wsum(wy, c), _wsum(wy, s)                                       # eqs. 11, 12
    cc, ss, _, cm, sm = moments(c, s)
    if floating_mean:
        yc = jnp.subtract(yc, jnp.multiply(ybar, cm))
        ys = jnp.subtract(ys, jnp.multiply(ybar, sm))
    cc, ss = jnp.maximum(cc, eps), jnp.maximum(ss, eps)                      # no 0/0
    a, b = jnp.divide(yc, cc), jnp.divide(ys, ss)
    if mode == "amplitude":
        out = jnp.multiply(lax.complex(a, b), jnp.exp(lax.complex(jnp.zeros_like(tau), tau)))
    else:
        out = jnp.multiply(2.0, jnp.add(jnp.multiply(a, yc), jnp.multiply(b, ys)))
        if mode == "power":
            out = jnp.multiply(out, x.shape[0] / 4.0)
        else:
            yy = jnp.sum(jnp.multiply(wy, y))                                  # eq. 10
            if floating_mean:
                yy = jnp.subtract(yy, jnp.square(ybar))
            out = jnp.divide(jnp.multiply(out, 0.5), yy)                      # eq. 20
    return jnp.where(bad, jnp.full_like(out, np.nan), out)


def lombscargle(x, y, freqs, precenter=False, normalize=False, *, weights=None,
                floating_mean=False):
    """Generalized Lomb-Scargle periodogram of unevenly sampled data.

    A weighted least-squares fit of ``a cos(w t) + b sin(w t) (+ c)`` at each
    angular frequency, after Zechmeister & Kuerster, "The generalised
    Lomb-Scargle periodogram", A&A 496 (2009), eqs. 7-20.

    Parameters
    ----------
    x : array_like
        Sample times (1-D).
    y : array_like
        Measurements (1-D, same length as ``x``).
    freqs : array_like
        Angular frequencies (1-D).
    precenter : bool, optional
        Subtract the mean of ``y`` first (deprecated in scipy; use ``floating_mean``).
    normalize : {False, True, 'power', 'normalize', 'amplitude'}, optional
        Power in units of ``A**2 N / 4`` (False / 'power'), normalised to the
        weighted variance of ``y`` (True / 'normalize'), or the complex amplitude
        and phase ('amplitude').
    weights : array_like, optional
        Non-negative sample weights (default: all ones).  Invalid weights raise
        ValueError when concrete and give NaN when traced.
    floating_mean : bool, optional
        Fit the offset ``c`` at each frequency.

    Returns
    -------
    jax.Array
        The periodogram at ``freqs`` (complex for 'amplitude').

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import lombscargle
    >>> t = jnp.linspace(0.0, 10.0, 50)
    >>> p = lombscargle(t, jnp.sin(jnp.multiply(2.0, t)), jnp.array([1.0, 2.0, 3.0]))
    >>> int(jnp.argmax(p))
    1

    Differences from SciPy: computes in the inputs' floating dtype (float32
    stays float32), where scipy always uses float64.
    """
    name = "lombscargle"
    x, y, freqs = (_data(name, n, v) for n, v in (("x", x), ("y", y), ("freqs", freqs)))
    weights = jnp.ones_like(y) if weights is None else _data(name, "weights", weights)
    if not (x.ndim == 1 and x.size > 0 and x.shape == y.shape == weights.shape):
        raise ValueError(f"{name}(): `x`, `y` and `weights` must be 1-D arrays of equal "
                         f"non-zero length, got shapes {x.shape}, {y.shape}, {weights.shape}")
    if not (freqs.ndim == 1 and freqs.size > 0):
        raise ValueError(f"{name}(): `freqs` must be a 1-D array of non-zero length, got "
                         f"shape {freqs.shape}")
    if any(dtypes.is_complex(v.dtype) for v in (x, y, freqs, weights)):
        raise TypeError(f"{name}(): `x`, `y`, `freqs` and `weights` must be real")
    if not isinstance(normalize, (bool, str)) or normalize not in _LOMB_NORMALIZE:
        raise ValueError(f"{name}(): `normalize` must be False (or 'power'), True (or "
                         f"'normalize'), or 'amplitude', got {normalize!r}")
    host = _concrete(weights)
    if host is not None and not (np.all(host >= 0) and np.sum(host) > 0):
        raise ValueError(f"{name}(): `weights` must be non-negative with a positive sum")
    return _lomb(x, y, freqs, weights, precenter=bool(precenter),
                 mode=_LOMB_NORMALIZE[normalize], floating_mean=bool(floating_mean))


for _f in (welch, csd, spectrogram, coherence, stft):
    _f.__doc__ = _f.__doc__.replace("{params}", _PARAMS.replace("\n", "\n    ")).replace(
        "{{", "{").replace("}}", "}")
del _f
