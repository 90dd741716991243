"""Argument sets for the API-wide purity test: jaxwrap.scipy.signal's linear filters,
Savitzky-Golay, analytic signals and decimate.  The entries pass initial states (the
paths with ``zi``), a derivative with 'interp' edges, a resampled envelope with a
residual, and the default IIR decimation."""

from __future__ import annotations

import numpy as np

from . import Closed

_S = np.sin(np.linspace(0.0, 20.0, 64)).astype(np.float32)
_B = np.array([0.2, 0.5, 0.2], np.float32)
_A = np.array([1.0, -0.3, 0.1], np.float32)
_ZI = np.array([0.1, -0.2], np.float32)
_SOS = np.array([[0.2, 0.4, 0.2, 1.0, -0.3, 0.1], [1.0, 2.0, 1.0, 1.0, -0.5, 0.2]], np.float32)
_ZSOS = np.array([[0.1, 0.2], [0.3, -0.1]], np.float32)

_SIGNAL = {
    "lfilter": ((_B, _A, _S, -1, _ZI), {}),
    "lfiltic": ((_B, _A, _ZI, _ZI[:1]), {}),
    "lfilter_zi": ((_B, _A), {}),
    "filtfilt": ((_B, _A, _S), {"padtype": "even"}),
    "sosfilt": ((_SOS, _S, -1, _ZSOS), {}),
    "sosfilt_zi": ((_SOS,), {}),
    "sosfiltfilt": ((_SOS, _S), {}),
    "savgol_coeffs": Closed((7, 2), {"deriv": 1},
                            "sizes are static: host-side least squares"),
    "savgol_filter": ((_S, 7, 2), {"deriv": 1}),
    "hilbert": ((_S,), {"N": 70}),
    "hilbert2": ((_S.reshape(8, 8),), {"N": (6, 10)}),
    "envelope": ((_S,), {"bp_in": (2, 10), "n_out": 40, "residual": "all"}),
    "decimate": ((_S, 4), {}),
}

SPECIAL = {f"jaxwrap.scipy.signal.{k}": v for k, v in _SIGNAL.items()}
