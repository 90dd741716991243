"""Argument sets for the API-wide purity test: jaxwrap.scipy.signal spectral
analysis, detrend, the chirp z-transform and the frequency responses.  The
entries reach the paths the generic (2, 3) arrays miss: real segment lengths,
the median average, the gather used for large overlaps, the FFT path of freqz,
given frequencies for the analog responses (which need concrete coefficients
only to choose a grid)."""

from __future__ import annotations

import numpy as np

from . import Closed

_S = np.sin(np.linspace(0.0, 20.0, 64)).astype(np.float32)
_S2 = np.cos(np.linspace(0.0, 13.0, 64)).astype(np.float32)
_Z = (np.linspace(-1.0, 1.0, 45) + 0.5j).astype(np.complex64).reshape(9, 5)
_T = np.linspace(0.0, 10.0, 30, dtype=np.float32)
_F = np.linspace(0.5, 3.0, 7, dtype=np.float32)
_B = np.array([0.2, 0.5, 0.2], np.float32)
_A = np.array([1.0, -0.3, 0.1], np.float32)
_W = np.linspace(0.1, 3.0, 5, dtype=np.float32)
_SOS = np.array([[0.2, 0.4, 0.2, 1.0, -0.3, 0.1], [1.0, 2.0, 1.0, 1.0, -0.5, 0.2]], np.float32)
_ZR = np.array([-1.0, -1.0], np.float32)
_PR = np.array([0.5, -0.2], np.float32)

_SIGNAL = {
    "stft": ((_S,), {"nperseg": 16, "boundary": "odd"}),
    "istft": ((_Z,), {}),
    "welch": ((_S,), {"nperseg": 16, "average": "median", "detrend": "linear"}),
    "csd": ((_S, _S2), {"nperseg": 40, "noverlap": 39}),
    "periodogram": ((_S,), {"nfft": 50}),
    "spectrogram": ((_S,), {"nperseg": 16, "mode": "phase"}),
    "coherence": ((_S, _S2), {"nperseg": 16}),
    "lombscargle": ((_T, _S[:30], _F), {"floating_mean": True, "normalize": "amplitude"}),
    "detrend": ((_S,), {"bp": (20, 41)}),
    "czt": ((_Z,), {"m": 7, "w": 0.9 - 0.1j, "a": 1.1}),
    "zoom_fft": ((_S,), {"fn": [0.1, 0.4], "m": 20}),
    "czt_points": Closed((8,), {"w": 0.9 - 0.1j}, "m, w and a are static: host points"),
    "freqz": ((_B, _A), {"worN": 16}),
    "freqz_sos": ((_SOS,), {"worN": 16}),
    "sosfreqz": ((_SOS, _W), {"fs": 7.0}),
    "freqz_zpk": ((_ZR, _PR, np.float32(0.5)), {"whole": True}),
    "freqs": ((_B, _A, _W), {}),
    "freqs_zpk": ((_ZR, _PR, 2.0, _W), {}),
    "group_delay": (((_B, _A),), {"w": 16}),
}

SPECIAL = {f"jaxwrap.scipy.signal.{k}": v for k, v in _SIGNAL.items()}
