"""scipy.signal's resampling: upfirdn, resample (Fourier method) and
resample_poly (polyphase FIR).

Rates, lengths, axes, windows and modes are static; array values may be
traced.

``upfirdn`` is polyphase: with ``h_r[s] = h[s * up + r]`` (``r < up``), the
upsampled-then-filtered signal is ``c[q * up + r] = sum_s h_r[s] x[q - s]``,
so all ``up`` phases are one sum of ``ceil(len(h) / up)`` shifted slices of
``x`` (each multiplied by a length-``up`` vector of taps); interleaving the
phases is a reshape and downsampling a strided slice.  That costs
``len(x) * len(h)`` multiply-adds instead of ``up`` times more for filtering
the zero-stuffed signal.  Signal extension (``mode``) pads ``x`` itself, as
scipy does, before the zeros are stuffed.

``resample`` follows the Fourier method (scipy's documented algorithm):
keep the lowest ``min(num, len(x))`` frequency bins, split or merge the
unpaired Nyquist bin, and scale by ``num / len(x)``.  ``resample_poly``
designs its low-pass filter on the host (``_fir_design.firwin_host``).
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from ... import dtypes, lax
from ...numpy import fft as _fft_mod
from ...numpy import padding, reductions, shape, statistics, ufuncs
from ...numpy._util import (
    asarray,
    canonicalize_axis,
    check_arraylike,
    promote_dtypes_inexact,
    public,
)
from ._fir_design import firwin_host, window_host

__all__ = ["resample", "resample_poly", "upfirdn"]

_UNROLL = 128       # polyphase taps summed in one fused loop; longer filters scan over blocks


def _rate(name, v, argname):
    try:
        v = operator.index(v)
    except TypeError:
        raise TypeError(f"{name}(): '{argname}' must be an integer, got "
                        f"{type(v).__name__}") from None
    if v < 1:
        raise ValueError(f"{name}(): '{argname}' must be at least 1, got {v}")
    return v


def _to_last(x, axis):
    return shape.moveaxis(x, axis, -1) if axis != x.ndim - 1 else x


def _from_last(y, axis):
    return shape.moveaxis(y, -1, axis) if axis != y.ndim - 1 else y


def _const(values, dt):
    return lax.convert_element_type(np.asarray(values).astype(dt), dt, False)


# --- upfirdn ------------------------------------------------------------------------------------
def _extend(name, x, before, after, mode, cval):
    """``x`` (signal on the last axis) extended by ``before``/``after`` samples."""
    widths = ((0, 0),) * (x.ndim - 1) + ((before, after),)
    if mode == "constant":
        return padding.pad(x, widths, constant_values=lax.convert_element_type(cval, x.dtype))
    if mode in ("symmetric", "reflect", "edge", "wrap"):
        return padding.pad(x, widths, mode=mode)
    if mode == "antireflect":               # reflected through the edge value
        return padding.pad(x, widths, mode="reflect", reflect_type="odd")
    if mode == "antisymmetric":
        # mirrored with the edge sample and negated, i.e. the periodic extension of
        # [x, -reversed(x)] (period 2n, also for pads wider than x)
        n = x.shape[-1]
        y = lax.concatenate([x, ufuncs.negative(lax.rev(x, (x.ndim - 1,)))], x.ndim - 1)
        y = padding.pad(y, widths[:-1] + ((before, max(after - n, 0)),), mode="wrap")
        return _last(y, 0, before + n + after)
    if mode in ("smooth", "line"):          # straight-line continuation past each edge
        return _linear_extension(x, before, after, mode)
    raise ValueError(f"{name}(): 'mode' must be one of {sorted(_UPFIRDN_MODES)}, got {mode!r}")


_UPFIRDN_MODES = {"constant", "symmetric", "reflect", "edge", "wrap", "antireflect",
                  "antisymmetric", "smooth", "line"}


def _linear_extension(x, before, after, mode):
    """Extend along the last axis on straight lines: 'smooth' continues the slope of
    the two samples at each edge, 'line' the slope of the line through the first and
    last samples (NaN for a one-sample signal, as scipy's 0 / 0)."""
    n = x.shape[-1]
    first, last = _last(x, 0, 1), _last(x, n - 1, n)
    if mode == "smooth" and n == 1:        # scipy reads the missing neighbour as 0
        left_slope, right_slope = ufuncs.negative(first), first
    elif mode == "smooth":
        left_slope = ufuncs.subtract(_last(x, 1, 2), first)
        right_slope = ufuncs.subtract(last, _last(x, n - 2, n - 1))
    else:
        left_slope = right_slope = ufuncs.divide(ufuncs.subtract(last, first),
                                                 _const(n - 1, x.dtype))
    rdt = np.finfo(x.dtype).dtype
    left = ufuncs.add(first, ufuncs.multiply(left_slope, _const(np.arange(-before, 0), rdt)))
    right = ufuncs.add(last, ufuncs.multiply(right_slope, _const(np.arange(1, after + 1), rdt)))
    return lax.concatenate([left, x, right], x.ndim - 1)


def _phase_sum(xp, hp, nq):
    """``out[..., q, r] = sum_s hp[s, r] * xp[..., q + Lp - 1 - s]`` for q < nq.

    ``xp``: (..., nq + Lp - 1), ``hp``: (Lp, up)."""
    lp, up = hp.shape
    lead = xp.shape[:-1]
    out_shape = (*lead, nq, up)
    nd = len(out_shape)

    def term(xseg, hrow, s):
        # xseg[..., nq + B - 1] window starting at block offset, tap s within it
        xs = lax.slice(xseg, (0,) * len(lead) + (s,), (*lead, s + nq))
        xs = lax.broadcast_in_dim(xs, out_shape, tuple(range(nd - 1)))
        hs = lax.reshape(lax.slice(hrow, (s, 0), (s + 1, up)), (up,))
        return lax.mul(xs, lax.broadcast_in_dim(hs, out_shape, (nd - 1,)))

    def block_sum(xseg, hblk):
        terms = [term(xseg, hblk, s) for s in range(hblk.shape[0])]
        while len(terms) > 1:
            terms = [lax.add(terms[i], terms[i + 1]) if i + 1 < len(terms) else terms[i]
                     for i in range(0, len(terms), 2)]
        return terms[0]

    # reverse the taps so that the sum is a correlation: tap s' = Lp - 1 - s at offset s'
    hr = lax.rev(hp, (0,))
    if lp <= _UNROLL:
        return block_sum(xp, hr)
    nb = -(-lp // _UNROLL)
    extra = nb * _UNROLL - lp
    zero = np.array(0, xp.dtype)
    hr = lax.pad(hr, np.array(0, hr.dtype), ((0, extra, 0), (0, 0, 0)))
    xp = lax.pad(xp, zero, ((0, 0, 0),) * len(lead) + ((0, extra, 0),))

    def block(acc, b):
        start = lax.mul(b, np.int32(_UNROLL))
        zeros = (np.int32(0),) * len(lead)
        seg = lax.dynamic_slice(xp, (*zeros, start), (*lead, nq + _UNROLL - 1))
        hb = lax.dynamic_slice(hr, (start, np.int32(0)), (_UNROLL, up))
        return lax.add(acc, block_sum(seg, hb)), None

    acc = lax.broadcast_in_dim(lax.convert_element_type(zero, dtypes.result_type(xp, hp)),
                               out_shape, ())
    return jax.lax.scan(block, acc, lax.iota(np.int32, (nb,)))[0]


def _upfirdn(h, x, up, down, mode, cval):
    """upfirdn along the last axis of ``x`` (h, x of one dtype)."""
    n, taps = x.shape[-1], h.shape[0]
    lp = -(-taps // up)                     # taps per phase
    nq = n + lp - 1                         # outputs per phase (full convolution)
    need = -(-((n - 1) * up + taps) // down)    # scipy's output length
    hp = lax.reshape(lax.pad(h, np.array(0, h.dtype), ((0, lp * up - taps, 0),)), (lp, up))
    xp = _extend("upfirdn", x, lp - 1, lp - 1, mode, cval)
    c = lax.reshape(_phase_sum(xp, hp, nq), (*x.shape[:-1], nq * up))
    lead = x.shape[:-1]
    return lax.slice(c, (0,) * len(lead) + (0,), (*lead, (need - 1) * down + 1),
                     (1,) * len(lead) + (down,))


def _check_upfirdn_mode(name, mode):
    if mode not in _UPFIRDN_MODES:
        raise ValueError(f"{name}(): 'mode' must be one of {sorted(_UPFIRDN_MODES)}, got "
                         f"{mode!r}")


@public(static=("up", "down", "axis", "mode"))
def upfirdn(h, x, up=1, down=1, axis=-1, mode="constant", cval=0):
    """Upsample, apply an FIR filter, and downsample.

    Inserts ``up - 1`` zeros after every sample of ``x``, convolves with ``h``
    and keeps every ``down``-th sample, computed in polyphase form.

    Parameters
    ----------
    h : array_like
        1-D FIR filter coefficients.
    x : array_like
        The signal.
    up, down : int, default 1
        Upsampling and downsampling factors.
    axis : int, default -1
        The axis of ``x`` to filter.
    mode : str, default 'constant'
        Signal extension past the edges: 'constant' (with ``cval``),
        'symmetric', 'reflect', 'edge', 'wrap', 'antisymmetric', 'antireflect',
        'smooth' (the slope at each edge) or 'line' (the line through the end
        samples).
    cval : scalar, default 0
        Extension value for ``mode='constant'``.

    Returns
    -------
    jax.Array
        The output, of length ``ceil(((len(x) - 1) * up + len(h)) / down)``
        along ``axis`` (floating point; complex if either input is).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.upfirdn(jnp.array([1., 1.]), jnp.array([1., 2., 3.]), up=2)
    Array([1., 1., 2., 2., 3., 3.], dtype=float32)
    """
    name = "upfirdn"
    up, down = _rate(name, up, "up"), _rate(name, down, "down")
    _check_upfirdn_mode(name, mode)
    check_arraylike(name, h, x, argnames=("h", "x"))
    hh, xx = promote_dtypes_inexact(asarray(h, name=name), asarray(x, name=name))
    if hh.ndim != 1 or hh.shape[0] == 0:
        raise ValueError(f"{name}(): 'h' must be 1-D with non-zero length, got shape "
                         f"{hh.shape}")
    if xx.ndim == 0:
        raise ValueError(f"{name}(): 'x' must be at least 1-D")
    axis = canonicalize_axis(axis, xx.ndim, name)
    check_arraylike(name, cval, argnames=("cval",))
    cv = asarray(cval, name=name)
    if xx.shape[axis] == 0:
        return xx
    y = _upfirdn(hh, _to_last(xx, axis), up, down, mode, cv)
    return _from_last(y, axis)


# --- resample (Fourier) -------------------------------------------------------------------------
def _place(v, start, total):
    """``v`` (signal on the last axis) zero padded to sit at [start, start + len) of
    ``total`` samples."""
    nd = v.ndim
    cfg = ((0, 0, 0),) * (nd - 1) + ((start, total - start - v.shape[-1], 0),)
    return lax.pad(v, np.array(0, v.dtype), cfg)


def _last(v, lo, hi):
    return lax.slice(v, (0,) * (v.ndim - 1) + (lo,), (*v.shape[:-1], hi))


def _spectral_window(name, window, n):
    """The spectral weights (in FFT bin order) for ``resample``'s ``window``, on the
    host, or None."""
    if window is None:
        return None
    if callable(window):
        return np.asarray(window(np.fft.fftfreq(n)), dtype=np.float64)
    if isinstance(window, tuple) and window and not isinstance(window[0], str):
        window = np.asarray(window)        # an array frozen into a tuple by @public
    w = window_host(window, n, sym=False, name=name)
    return w if isinstance(window, np.ndarray) else np.fft.fftshift(w)


@public(static=("num", "axis", "window", "domain"))
def _resample(x, num, axis, window, domain):
    return _from_last(_resample_last(_to_last(x, axis), num, window, domain), axis)


def _resample_last(x, num, window, domain):
    name = "resample"
    n = x.shape[-1]
    m = min(num, n)
    m2 = m // 2 + 1
    W = _spectral_window(name, window, n)
    rdt = np.finfo(x.dtype).dtype
    if domain == "time" and not dtypes.is_complex(x.dtype):
        X = _fft_mod.rfft(x)
        gain = np.ones(m2)
        if W is not None:                   # fold the two-sided window onto rfft bins
            nx = X.shape[-1]
            W1 = W[:nx].copy()
            W1[1:] = 0.5 * (W[1:nx] + W[::-1][:nx - 1])
            gain = W1[:m2].copy()
        if m % 2 == 0 and num != n:         # the unpaired bin at m // 2
            gain[m // 2] *= 2.0 if num < n else 0.5
        X = ufuncs.multiply(_last(X, 0, m2), _const(gain * (num / n), rdt))
        return _fft_mod.irfft(X, num)
    X = _fft_mod.fft(x) if domain == "time" else x
    if W is not None:
        X = ufuncs.multiply(X, _const(W, rdt))
    low = _last(X, 0, m2)
    if m % 2 == 0 and n < num:              # split the unpaired bin into a pair
        low = ufuncs.multiply(low, _const(np.r_[np.ones(m2 - 1), 0.5], rdt))
    parts = [_place(low, 0, num)]
    if m2 < m:                              # negative frequencies
        parts.append(_place(_last(X, n - (m - m2), n), num - (m - m2), num))
    if m % 2 == 0 and num < n:              # merge the pair into one bin
        parts.append(_place(_last(X, n - m // 2, n - m // 2 + 1), m // 2, num))
    elif m % 2 == 0 and n < num:
        parts.append(_place(_last(low, m2 - 1, m2), num - m // 2, num))
    Y = parts[0]
    for p in parts[1:]:
        Y = ufuncs.add(Y, p)
    Y = ufuncs.multiply(Y, _const(num / n, rdt))
    return _fft_mod.ifft(Y, num)


def resample(x, num, t=None, axis=0, window=None, domain="time"):
    """Resample to ``num`` samples along an axis with the Fourier method.

    The signal is assumed periodic: its spectrum is truncated (or zero padded)
    to ``num`` bins, the unpaired Nyquist bin split or merged, and transformed
    back.

    Parameters
    ----------
    x : array_like
        The signal (or its FFT when ``domain='freq'``).
    num : int
        Number of output samples.
    t : array_like, optional
        Equally spaced sample positions of ``x``; if given, the positions of
        the output samples are returned too.
    axis : int, default 0
        The axis to resample.
    window : str, tuple, array or callable, optional
        Spectral weights: a window name or ``('kaiser', beta)`` (centred on
        frequency 0), an array of ``len(x)`` weights in FFT bin order, or a
        function of the bin frequencies (evaluated on the host).
    domain : {'time', 'freq'}, default 'time'
        Whether ``x`` is the signal or its (two-sided) spectrum.

    Returns
    -------
    jax.Array or (jax.Array, jax.Array)
        The resampled signal (real for real input in the time domain), and
        the new sample positions if ``t`` was given.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.resample(jnp.array([0., 1., 0., -1.]), 8)[:4].round(3)
    Array([0.   , 0.707, 1.   , 0.707], dtype=float32)
    """
    name = "resample"
    if domain not in ("time", "freq"):
        raise ValueError(f"{name}(): 'domain' must be 'time' or 'freq', got {domain!r}")
    try:
        num = operator.index(num)
    except TypeError:
        raise TypeError(f"{name}(): 'num' must be an integer, got {type(num).__name__}") from None
    if num < 1:
        raise ValueError(f"{name}(): 'num' must be at least 1, got {num}")
    check_arraylike(name, x, argnames=("x",))
    (xx,) = promote_dtypes_inexact(asarray(x, name=name))
    if xx.ndim == 0:
        raise ValueError(f"{name}(): 'x' must be at least 1-D")
    ax = canonicalize_axis(axis, xx.ndim, name)
    n = xx.shape[ax]
    if n == 0:
        raise ValueError(f"{name}(): 'x' has no samples along axis {axis}")
    if window is not None and not isinstance(window, str | tuple) and not callable(window):
        w = np.asarray(window, dtype=np.float64)       # arrays: static, via a tuple
        if w.shape != (n,):
            raise ValueError(f"{name}(): 'window' must have shape ({n},), got {w.shape}")
        window = tuple(w.tolist())
    y = _resample(xx, num, ax, window, domain)
    if t is None:
        return y
    check_arraylike(name, t, argnames=("t",))
    tt = asarray(t, name=name)
    t0 = lax.slice(tt, (0,), (1,))
    step = ufuncs.subtract(lax.slice(tt, (1,), (2,)), t0)
    pos = ufuncs.multiply(lax.iota(dtypes.to_inexact_dtype(tt.dtype), (num,)), n / num)
    return y, ufuncs.add(t0, ufuncs.multiply(step, pos))


# --- resample_poly ------------------------------------------------------------------------------
@public(static=("up", "down", "axis", "window", "padtype"))
def _resample_poly(x, h, up, down, axis, window, padtype, cval):
    name = "resample_poly"
    x = _to_last(x, axis)
    n = x.shape[-1]
    n_out = -(-n * up // down)
    if h is None:                           # designed on the host from static arguments
        half = 10 * max(up, down)
        hh = firwin_host(2 * half + 1, 1.0 / max(up, down), window=window) * up
        hh = _const(hh, np.finfo(x.dtype).dtype)
    else:
        hh = ufuncs.multiply(h, _const(up, h.dtype))
        half = (h.shape[0] - 1) // 2
    taps = hh.shape[0]
    # Zero padding of the filter so that output sample 0 sits at the filter's centre
    # (its group delay `half` in upsampled samples) and the output is long enough.
    pre = down - half % down
    drop = (half + pre) // down
    post = 0
    while _out_len(taps + pre + post, n, up, down) < n_out + drop:
        post += 1                           # bounded: each step lengthens the output
    hh = lax.pad(hh, np.array(0, hh.dtype), ((pre, post, 0),))
    if padtype in _UPFIRDN_MODES:
        y = _upfirdn(*_same_dtype(hh, x), up, down, padtype, cval)
    else:                                   # remove a background level, filter, restore it
        stat = {"mean": reductions.mean, "median": statistics.median,
                "maximum": reductions.max, "minimum": reductions.min}[padtype]
        bg = stat(x, axis=-1, keepdims=True)
        y = _upfirdn(*_same_dtype(hh, ufuncs.subtract(x, bg)), up, down, "constant",
                     _const(0, x.dtype))
        y = ufuncs.add(y, bg)
    return _from_last(_last(y, drop, drop + n_out), axis)


def _same_dtype(h, x):
    dt = dtypes.result_type(h, x)
    return lax.convert_element_type(h, dt), lax.convert_element_type(x, dt)


def _out_len(taps, n, up, down):
    return -(-((n - 1) * up + taps) // down)


_PADTYPES = _UPFIRDN_MODES | {"mean", "median", "maximum", "minimum"}


def resample_poly(x, up, down, axis=0, window=("kaiser", 5.0), padtype="constant", cval=None):
    """Resample by the rational factor ``up / down`` with a polyphase FIR filter.

    Parameters
    ----------
    x : array_like
        The signal.
    up, down : int
        Upsampling and downsampling factors (reduced by their gcd).
    axis : int, default 0
        The axis to resample.
    window : str, tuple or array_like, default ('kaiser', 5.0)
        The window of the low-pass filter designed on the host (cutoff
        ``1 / max(up, down)``, ``20 max(up, down) + 1`` taps), or the FIR
        coefficients themselves (1-D, may be traced).
    padtype : str, default 'constant'
        Signal extension: an :func:`upfirdn` mode, or 'mean', 'median',
        'maximum', 'minimum' (that statistic is removed before filtering and
        added back).
    cval : scalar, optional
        Extension value for ``padtype='constant'`` (default 0).

    Returns
    -------
    jax.Array
        ``ceil(len(x) * up / down)`` samples along ``axis`` (floating point).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy import signal
    >>> signal.resample_poly(jnp.ones(6), 2, 1).shape
    (12,)
    """
    name = "resample_poly"
    up, down = _rate(name, up, "up"), _rate(name, down, "down")
    if padtype not in _PADTYPES:
        raise ValueError(f"{name}(): 'padtype' must be one of {sorted(_PADTYPES)}, got "
                         f"{padtype!r}")
    if cval is not None and padtype != "constant":
        raise ValueError(f"{name}(): 'cval' has effect only with padtype='constant'")
    check_arraylike(name, x, argnames=("x",))
    (xx,) = promote_dtypes_inexact(asarray(x, name=name))
    if xx.ndim == 0:
        raise ValueError(f"{name}(): 'x' must be at least 1-D")
    ax = canonicalize_axis(axis, xx.ndim, name)
    g = math.gcd(up, down)
    up, down = up // g, down // g
    h = None
    if not (window is None or isinstance(window, str | tuple)):
        check_arraylike(name, window, argnames=("window",))
        h = asarray(window, name=name)
        if h.ndim != 1 or h.shape[0] == 0:
            raise ValueError(f"{name}(): an array 'window' must be 1-D and non-empty, got "
                             f"shape {h.shape}")
        (h,) = promote_dtypes_inexact(h)
        window = None
    else:
        window = "hamming" if window is None else window
        window_host(window, 3, name=name)   # validate now: errors name resample_poly
    check_arraylike(name, 0 if cval is None else cval, argnames=("cval",))
    cv = asarray(0 if cval is None else cval, name=name)
    if up == down == 1 or xx.shape[ax] == 0:
        return xx
    return _resample_poly(xx, h, up, down, ax, window, padtype, cv)
