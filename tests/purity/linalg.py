"""Purity-test arguments for jaxwrap.numpy.linalg (square / positive-definite inputs)."""

import numpy as np

_A = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], np.float32)
_B = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(3, 2)
_V = np.linspace(0.1, 0.9, 3, dtype=np.float32)
_T = (np.linspace(0.5, 2.0, 36, dtype=np.float32).reshape(2, 3, 6)
      + np.eye(6, dtype=np.float32).reshape(2, 3, 6))

_LINALG = {
    "cholesky": ((_A,), {}),
    "det": ((_A,), {}),
    "eig": ((_A,), {}),
    "eigh": ((_A,), {}),
    "eigvals": ((_A,), {}),
    "eigvalsh": ((_A,), {}),
    "inv": ((_A,), {}),
    "matrix_power": ((_A, 3), {}),
    "multi_dot": (([_A, _B, _B.T],), {}),
    "slogdet": ((_A,), {}),
    "solve": ((_A, _B), {}),
    "tensorsolve": ((_T.reshape(2, 3, 2, 3), _B.reshape(2, 3)), {}),
    "tensorinv": ((_T.reshape(6, 2, 3),), {"ind": 1}),
    "lstsq": ((_B, _V), {}),
    "pinv": ((_B,), {}),
    "cond": ((_A,), {"p": 1}),
}
SPECIAL = {f"jaxwrap.numpy.linalg.{k}": v for k, v in _LINALG.items()}
