"""Argument sets for the API-wide purity test: exponential integrals,
hypergeometric functions and Lambert W (jaxwrap.scipy.special)."""

from __future__ import annotations

import numpy as np

_X = np.array([0.3, 0.7, 1.5], np.float32)
_N = np.array([0, 2, 5], np.int32)

_P = "jaxwrap.scipy.special."
SPECIAL = {
    _P + "expn": ((_N, _X), {}),
    _P + "hyp2f1": ((_X, _X + 1, _X + 2.5, _X - 0.9), {}),
    _P + "lambertw": ((_X,), {"k": -1}),
}
