"""Purity-test arguments for sorting, searching and set operations: the
data-dependent sizes need a static ``size=`` to be traced."""

from __future__ import annotations

import numpy as np

_X = np.array([[0.5, 0.0, 0.2], [0.0, 0.9, 0.5]], np.float32)
_A = np.array([3, 1, 3, 2, 5], np.int32)
_B = np.array([2, 5, 7], np.int32)

_NP = {
    "nonzero": ((_X,), {"size": 4, "fill_value": -1}),
    "flatnonzero": ((_X,), {"size": 4}),
    "argwhere": ((_X,), {"size": 4, "fill_value": 0}),
    "extract": ((_X > 0.1, _X), {"size": 3}),
    "searchsorted": ((np.sort(_X.ravel()), _X), {"side": "right"}),
    "unique": ((_A,), {"size": 4, "return_index": True, "return_inverse": True,
                       "return_counts": True, "fill_value": 0}),
    "unique_all": ((_A,), {"size": 4}),
    "unique_counts": ((_A,), {"size": 4}),
    "unique_inverse": ((_A,), {"size": 4}),
    "unique_values": ((_A,), {"size": 4}),
    "intersect1d": ((_A, _B), {"size": 3, "return_indices": True}),
    "union1d": ((_A, _B), {"size": 6}),
    "setdiff1d": ((_A, _B), {"size": 3}),
    "setxor1d": ((_A, _B), {"size": 4}),
    "isin": ((_A, _B), {"method": "binary_search"}),
}
SPECIAL = {f"jaxwrap.numpy.{k}": v for k, v in _NP.items()}
