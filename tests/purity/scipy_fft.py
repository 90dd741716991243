"""Purity-test arguments for jaxwrap.scipy.fft: the fast-length helpers return host
integers; the real transforms are traced for every type, on complex input (both parts
transformed) with the orthogonalising scale; the Hermitian n-d transforms on complex
half spectra."""

from __future__ import annotations

import numpy as np

from tests.purity import NotArray

_C = (np.linspace(-1.0, 1.0, 24) + 0.5j * np.linspace(1.0, 0.0, 24)).astype(np.complex64)
_R = np.linspace(-1.0, 1.0, 24, dtype=np.float32).reshape(2, 3, 4)
_INT = "returns a Python int (a static transform length), not an array"

_FFT = {
    "next_fast_len": NotArray((13,), {"real": True}, _INT),
    "prev_fast_len": NotArray((13,), {}, _INT),
    "hfftn": ((_C.reshape(2, 3, 4),), {"s": (2, 3, 5), "norm": "ortho"}),
    "ihfft2": ((_R,), {"s": (3, 5), "norm": "forward"}),
    "dct": ((_C.reshape(4, 6),), {"type": 1, "norm": "ortho"}),
    "idct": ((_C.reshape(4, 6),), {"type": 3, "n": 7}),
    "dst": ((_R,), {"type": 4, "axis": 1, "norm": "forward"}),
    "idst": ((_R,), {"type": 2, "orthogonalize": True}),
    "dctn": ((_R,), {"type": 4, "s": (5, 3), "axes": (2, 0)}),
    "idctn": ((_C.reshape(2, 3, 4),), {"type": 2, "norm": "ortho"}),
    "dstn": ((_R,), {"type": 1, "axes": (0, 1)}),
    "idstn": ((_R,), {"type": 3, "norm": "ortho"}),
    "fftfreq": ((7, np.array(0.5, np.float32)), {}),
    "rfftfreq": ((8, np.array(2.0, np.float32)), {}),
}
SPECIAL = {f"jaxwrap.scipy.fft.{k}": v for k, v in _FFT.items()}
