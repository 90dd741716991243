"""Purity-test arguments for jaxwrap.numpy.fft: inputs that exercise the paths the
generic argument sets miss (complex half spectra, cropping / padding, more than 3
axes split into several fft ops, a traced sample spacing)."""

from __future__ import annotations

import numpy as np

_C = (np.linspace(-1.0, 1.0, 24) + 0.5j * np.linspace(1.0, 0.0, 24)).astype(np.complex64)
_R4 = np.linspace(-1.0, 1.0, 48, dtype=np.float32).reshape(2, 2, 3, 4)

_FFT = {
    "irfft": ((_C.reshape(4, 6),), {"n": 9, "norm": "ortho"}),
    "irfftn": ((_C.reshape(2, 3, 2, 2),), {"s": (2, 3, 2, 4), "axes": (0, 1, 2, 3)}),
    "rfftn": ((_R4,), {"norm": "forward"}),
    "fftn": ((_R4,), {"s": (3, 2, 3, 5), "axes": (3, 0, 1, 2)}),
    "hfft": ((_C.reshape(3, 8),), {"n": 7, "norm": "forward"}),
    "fftfreq": ((7, np.array(0.5, np.float32)), {}),
    "rfftfreq": ((8, np.array(2.0, np.float32)), {}),
}
SPECIAL = {f"jaxwrap.numpy.fft.{k}": v for k, v in _FFT.items()}
