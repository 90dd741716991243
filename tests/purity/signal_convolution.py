"""Argument sets for the API-wide purity test: jaxwrap.scipy.signal convolution,
order filters and resampling.  convolve, correlate, fftconvolve, oaconvolve,
convolve2d, correlate2d, deconvolve, medfilt, medfilt2d, wiener and upfirdn are
covered by the generic argument sets; the entries below also reach the scan paths
(more than 128 taps) and the non-default boundaries."""

from __future__ import annotations

import numpy as np

from . import Closed

_X = np.linspace(0.1, 0.9, 20, dtype=np.float32)
_LONG = np.linspace(-1.0, 1.0, 300, dtype=np.float32)
_M = np.linspace(0.0, 1.0, 30, dtype=np.float32).reshape(6, 5)
_K = np.array([[1.0, 2.0, 0.5], [0.5, -1.0, 1.0]], np.float32)

_SIGNAL = {
    "convolve": ((_LONG, _LONG[:200]), {"method": "direct"}),
    "correlate2d": ((_M, _K), {"mode": "same", "boundary": "symm"}),
    "convolve2d": ((_M, _K), {"boundary": "wrap"}),
    "oaconvolve": ((_LONG, _X[:7]), {}),
    "order_filter": ((_M, [[1, 0, 1], [1, 1, 0], [0, 1, 1]], 2), {}),  # domain: static list
    "resample": ((_X, 7), {"window": "hann"}),
    "resample_poly": ((_X, 3, 2), {"padtype": "median"}),
    "upfirdn": ((_LONG, _X, 2, 3), {"mode": "antisymmetric"}),
    "correlation_lags": Closed((5, 3), {}, "lengths are static: the lags are a constant"),
}

SPECIAL = {f"jaxwrap.scipy.signal.{k}": v for k, v in _SIGNAL.items()}
