"""Argument sets for the API-wide purity test: jaxwrap.scipy.signal.windows,
get_window and the waveforms (jaxwrap.scipy.signal).  The parameterless windows
(``hann(3)``), sawtooth, square, gausspulse and unit_impulse are covered by
the generic argument sets."""

from __future__ import annotations

import numpy as np

_B = np.float32(2.5)
_T = np.linspace(0.1, 0.9, 6, dtype=np.float32)
_A = np.array([0.5, 0.3, 0.2], np.float32)

_WINDOWS = {
    "kaiser": ((8, _B), {}), "kaiser_bessel_derived": ((8, _B), {}),
    "gaussian": ((8, _B), {}), "general_gaussian": ((8, _B, _B), {}),
    "general_hamming": ((8, np.float32(0.6)), {}), "general_cosine": ((8, _A), {}),
    "tukey": ((8, np.float32(0.4)), {}), "exponential": ((8, None, _B), {}),
    "chebwin": ((8, 60), {}), "get_window": ((("kaiser", 4.0), 8), {}),
}
_SIGNAL = {
    "get_window": ((("tukey", 0.3), 8), {}),
    "chirp": ((_T, _B, np.float32(1.0), np.float32(4.0)), {"method": "hyperbolic"}),
    "sweep_poly": ((_T, _A), {}),
}

SPECIAL = {f"jaxwrap.scipy.signal.windows.{k}": v for k, v in _WINDOWS.items()}
SPECIAL.update({f"jaxwrap.scipy.signal.{k}": v for k, v in _SIGNAL.items()})
