"""Purity argument sets for the indexing family (jaxwrap/_src/numpy/indexing.py)."""

from __future__ import annotations

import numpy as np

import jaxwrap.numpy as jwnp
from tests.purity import NotArray

_X = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(2, 3)
_Y = np.linspace(1.1, 1.9, 6, dtype=np.float32).reshape(2, 3)
_V = np.linspace(0.1, 0.9, 3, dtype=np.float32)
_I = np.array([[2, 0, 1], [1, 1, 0]], np.int32)
_P = "jaxwrap.numpy."

SPECIAL = {
    _P + "at": NotArray((_X,), {}, "returns the index-update helper (its methods are "
                                   "tested directly)"),
    _P + "take": ((_X, _I), {"axis": 1}),
    _P + "take_along_axis": ((_X, _I), {"axis": 1}),
    _P + "put": ((_X, _I, _Y), {"inplace": False}),
    _P + "put_along_axis": ((_X, _I[:, :1], _Y[:, :1]), {"axis": 1, "inplace": False}),
    _P + "choose": ((np.array([0, 1, 1], np.int32), [_V, _V]), {"mode": "clip"}),
    _P + "compress": ((np.array([True, False, True]), _X), {"axis": 1, "size": 2}),
    _P + "select": (([_X > 0.5], [_X], _Y), {}),
    _P + "piecewise": ((_X, [_X > 0.5], [jwnp.sin, 0.0]), {}),
    _P + "place": ((_X, _X > 0.5, _V), {"inplace": False}),
    _P + "fill_diagonal": ((_X, _V), {"inplace": False}),
    _P + "ix_": ((_I[0], _I[1]), {}),
    _P + "unravel_index": ((_I, (2, 3)), {}),
    _P + "ravel_multi_index": (((_I, _I), (3, 3)), {"mode": "clip"}),
    _P + "diag_indices_from": ((np.zeros((3, 3), np.float32),), {}),
    _P + "mask_indices": ((3, jwnp.triu), {"size": 6}),
}
