"""Purity-test arguments for the statistics / numeric / polynomial / window families."""

import numpy as np

_X = np.linspace(0.1, 0.9, 6, dtype=np.float32)
_M = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(2, 3)
_P = np.array([1.0, -3.0, 2.0], np.float32)

_S = {
    "interp": ((_X, np.sort(_X), _X * 2), {}),
    "kaiser": ((5, np.float32(2.0)), {}),
    "polyfit": ((_X, _X * 3, 2), {}),
    "roots": ((_P,), {"strip_zeros": False}),
    "poly": ((_P,), {}),
    "polydiv": ((_X, _P), {}),
    "bincount": ((np.array([0, 2, 1, 2], np.int32),), {"length": 4}),
    "histogram": ((_X,), {"bins": 4}),
    "histogram2d": ((_X, _X), {"bins": 3}),
    "histogramdd": ((_M.T,), {"bins": 2}),
    "histogram_bin_edges": ((_X,), {"bins": 4}),
    "digitize": ((_X, np.array([0.0, 0.5, 1.0], np.float32)), {}),
    "quantile": ((_M, np.float32(0.3)), {"axis": 1, "method": "hazen"}),
    "nanquantile": ((_M, np.array([0.2, 0.7], np.float32)), {"axis": 0}),
    "percentile": ((_M, np.float32(30.0)), {"method": "inverted_cdf"}),
    "nanpercentile": ((_M, np.float32(30.0)), {"axis": 1}),
    "convolve": ((_X, _P), {"mode": "same"}),
    "correlate": ((_X, _P), {"mode": "full"}),
    "gradient": ((np.outer(_X, _X), np.float32(0.5)), {"edge_order": 2}),
    "cross": ((_M, _M[::-1]), {}),
}

SPECIAL = {f"jaxwrap.numpy.{k}": v for k, v in _S.items()}
