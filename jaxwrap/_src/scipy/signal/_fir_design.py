"""Host-side FIR design for the resampling functions (private).

The filters that ``resample_poly`` and ``decimate`` apply are fixed by static
arguments (the rates, the number of taps, the window), so they are designed
once on the host with numpy in float64 and passed to the traced code as
constants.  Nothing here is traced and nothing here is public: full filter
design stays out of jaxwrap's scope (the manifest points to scipy.signal).

Method: the window method for linear-phase FIR filters (Oppenheim & Schafer,
*Discrete-Time Signal Processing*, 3rd ed., sec. 7.5): the ideal band-pass
impulse response is a difference of two sinc functions per pass band, centred
on ``(numtaps - 1) / 2`` and multiplied by a window.  Kaiser's empirical
formulas (Kaiser 1974; Oppenheim & Schafer eqs. 7.62-7.63) give ``beta`` from
a transition width.
"""

from __future__ import annotations

import math
import operator

import numpy as np

__all__: list[str] = []      # private module: nothing for the facade


# --- windows (symmetric unless sym=False) -------------------------------------------------------
def _cosine_sum(coeffs):
    def make(n):
        t = 2.0 * math.pi * np.arange(n) / (n - 1)
        return sum((-1) ** k * c * np.cos(k * t) for k, c in enumerate(coeffs))
    return make


# name -> (aliases, function of the length n >= 2 giving the symmetric window)
_WINDOWS = {
    "boxcar": (("rect", "rectangular", "ones"), lambda n: np.ones(n)),
    "hann": (("hanning", "han"), _cosine_sum((0.5, 0.5))),
    "hamming": (("hamm", "ham"), _cosine_sum((0.54, 0.46))),
    "blackman": (("black", "blk"), _cosine_sum((0.42, 0.5, 0.08))),
    "bartlett": (("bart", "brt"), lambda n: 1.0 - np.abs(2.0 * np.arange(n) / (n - 1) - 1.0)),
}
_ALIASES = {a: name for name, (aliases, _) in _WINDOWS.items() for a in (name, *aliases)}


def _kaiser(n, beta):
    """Kaiser window: ``I0(beta sqrt(1 - t^2)) / I0(beta)`` at symmetric t in [-1, 1]."""
    t = 2.0 * np.arange(n) / (n - 1) - 1.0
    return np.i0(beta * np.sqrt(np.clip(1.0 - t * t, 0.0, None))) / np.i0(beta)


def window_host(window, n: int, *, sym: bool = True, name: str = "firwin_host") -> np.ndarray:
    """The float64 window ``window`` of length ``n``.

    ``window`` is a name (``'hamming'``, ``'hann'``, ``'blackman'``,
    ``'bartlett'``, ``'boxcar'``), ``('kaiser', beta)``, or an explicit 1-D
    array of length ``n``.  ``sym=False`` gives the periodic (DFT-even)
    window: the symmetric window of length ``n + 1`` without its last sample.
    """
    if isinstance(window, np.ndarray | list) or hasattr(window, "__array__"):
        w = np.asarray(window, dtype=np.float64)
        if w.shape != (n,):
            raise ValueError(f"{name}(): 'window' array must have shape ({n},), got {w.shape}")
        return w
    if n <= 1:
        return np.ones(max(n, 0))
    m = n if sym else n + 1
    if isinstance(window, tuple):
        if len(window) == 2 and window[0] == "kaiser":
            w = _kaiser(m, float(window[1]))
        elif len(window) == 1:
            return window_host(window[0], n, sym=sym, name=name)
        else:
            raise ValueError(f"{name}(): unsupported 'window' {window!r}; use a name, "
                             "('kaiser', beta) or an array")
    elif isinstance(window, str) and window.lower() in _ALIASES:
        w = _WINDOWS[_ALIASES[window.lower()]][1](m)
    else:
        raise ValueError(f"{name}(): unsupported 'window' {window!r}; supported: "
                         f"{sorted(_WINDOWS)}, ('kaiser', beta) or an array")
    return w if sym else w[:-1]


def kaiser_beta(atten: float) -> float:
    """Kaiser's ``beta`` for a stop-band attenuation of ``atten`` dB (Kaiser 1974)."""
    if atten > 50:
        return 0.1102 * (atten - 8.7)
    if atten > 21:
        return 0.5842 * (atten - 21) ** 0.4 + 0.07886 * (atten - 21)
    return 0.0


def kaiser_atten(numtaps: int, width: float) -> float:
    """Attenuation (dB) a Kaiser-window filter of ``numtaps`` taps reaches with a
    transition ``width`` (a fraction of Nyquist): ``2.285 (N - 1) pi width + 7.95``."""
    return 2.285 * (numtaps - 1) * math.pi * width + 7.95


_PASS = {"lowpass": True, "bandstop": True, "highpass": False, "bandpass": False}


def firwin_host(numtaps, cutoff, *, window="hamming", pass_zero=True, scale=True,
                fs=None, width=None) -> np.ndarray:
    """Linear-phase FIR filter coefficients by the window method, in float64.

    Parameters
    ----------
    numtaps : int
        Number of taps (odd if the filter passes the Nyquist frequency).
    cutoff : float or 1-D sequence
        Band edges, increasing, strictly between 0 and the Nyquist frequency
        (``fs / 2``, or 1 when ``fs`` is None).
    window : str, ('kaiser', beta) or array, default 'hamming'
        The window multiplying the ideal response (see :func:`window_host`).
    pass_zero : bool or {'lowpass', 'highpass', 'bandpass', 'bandstop'}
        Whether the first band (from 0 to ``cutoff[0]``) passes.
    scale : bool, default True
        Scale so that the gain is exactly 1 at the centre of the first pass
        band (0, Nyquist, or the middle of the band).
    fs : float, optional
        Sampling frequency of ``cutoff``.
    width : float, optional
        Transition width; if given, a Kaiser window with the matching ``beta``
        replaces ``window``.

    Returns
    -------
    numpy.ndarray
        The ``numtaps`` coefficients (float64, symmetric).

    Examples
    --------
    >>> from jaxwrap._src.scipy.signal._fir_design import firwin_host
    >>> h = firwin_host(5, 0.5)
    >>> bool(abs(h.sum() - 1.0) < 1e-12), bool(np.allclose(h, h[::-1]))
    (True, True)
    """
    name = "firwin_host"
    try:
        numtaps = operator.index(numtaps)
    except TypeError:
        raise TypeError(f"{name}(): 'numtaps' must be an integer, got "
                        f"{type(numtaps).__name__}") from None
    if numtaps < 1:
        raise ValueError(f"{name}(): 'numtaps' must be at least 1, got {numtaps}")
    nyq = 1.0 if fs is None else 0.5 * float(fs)
    edges = np.atleast_1d(np.asarray(cutoff, dtype=np.float64)) / nyq
    if edges.ndim != 1 or edges.size == 0:
        raise ValueError(f"{name}(): 'cutoff' must be a scalar or a non-empty 1-D sequence")
    if np.any(edges <= 0) or np.any(edges >= 1):
        raise ValueError(f"{name}(): 'cutoff' must lie strictly between 0 and the Nyquist "
                         "frequency")
    if np.any(np.diff(edges) <= 0):
        raise ValueError(f"{name}(): 'cutoff' must be strictly increasing")
    if isinstance(pass_zero, str):
        if pass_zero not in _PASS:
            raise ValueError(f"{name}(): 'pass_zero' must be a bool or one of {sorted(_PASS)}")
        pass_zero = _PASS[pass_zero]
    pass_nyquist = (edges.size % 2 == 1) != bool(pass_zero)
    if pass_nyquist and numtaps % 2 == 0:
        raise ValueError(f"{name}(): a filter that passes the Nyquist frequency needs an "
                         f"odd 'numtaps', got {numtaps}")
    if width is not None:
        window = ("kaiser", kaiser_beta(kaiser_atten(numtaps, float(width) / nyq)))

    # pass bands as (left, right) pairs in units of Nyquist
    bands = np.concatenate([[0.0] if pass_zero else [], edges, [1.0] if pass_nyquist else []])
    bands = bands.reshape(-1, 2)
    m = np.arange(numtaps) - 0.5 * (numtaps - 1)
    # ideal response of a band [l, r]: r sinc(r m) - l sinc(l m)   (np.sinc(x) = sin(pi x)/(pi x))
    h = sum(r * np.sinc(r * m) - lft * np.sinc(lft * m) for lft, r in bands)
    h = h * window_host(window, numtaps, sym=True, name=name)
    if scale:
        lft, r = bands[0]
        f0 = 0.0 if lft == 0 else (1.0 if r == 1 else 0.5 * (lft + r))
        h = h / np.sum(h * np.cos(math.pi * m * f0))
    return h
