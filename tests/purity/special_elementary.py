"""Argument sets for the API-wide purity test: jaxwrap.scipy.special's
log-space, elementary, elliptic and combinatorial functions that the generic
argument sets do not cover (four arguments, keywords, host computations)."""

from __future__ import annotations

import numpy as np

_P = np.array([0.5, 1.5, 2.5], np.float32)
_Q = np.array([0.75, 1.0, 3.0], np.float32)
_W = np.array([1.0, -0.5, 2.0], np.float32)

_SPECIAL = {
    "elliprj": ((_P, _Q, _P + 1, _Q), {}),
    "logsumexp": ((_P,), {"b": _W, "return_sign": True}),
    "factorialk": ((_Q * 4, 3), {}),
    "stirling2": ((10, 3), {}),  # a host computation (exact integers): concrete arguments only
}
SPECIAL = {f"jaxwrap.scipy.special.{k}": v for k, v in _SPECIAL.items()}
