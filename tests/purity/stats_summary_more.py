"""Purity-test arguments for jaxwrap.scipy.stats's binned statistics and the
sort-based summaries (quantile, lmoment, differential_entropy, ...): calls
that reach the heavier paths ('omit', Harrell-Davis, Correa, medians)."""

import numpy as np

_X = np.linspace(0.1, 0.9, 24, dtype=np.float32).reshape(2, 12)[:, ::-1].copy()
_P = np.array([0.25, 0.5], np.float32)
_V = np.cos(np.linspace(0.0, 3.0, 12, dtype=np.float32))
_U = np.linspace(-1.0, 1.0, 12, dtype=np.float32)

SPECIAL = {f"jaxwrap.scipy.stats.{k}": v for k, v in {
    "quantile": ((_X, _P), {"axis": -1, "method": "harrell-davis", "nan_policy": "omit"}),
    "lmoment": ((_X,), {"axis": 1, "nan_policy": "omit"}),
    "differential_entropy": ((_X,), {"axis": 1, "method": "correa", "nan_policy": "omit"}),
    "directional_stats": ((_X.reshape(6, 4),), {}),
    "obrientransform": ((_V, _U), {}),
    "binned_statistic": ((_U, _V), {"statistic": "median", "bins": 3}),
    "binned_statistic_2d": ((_U, _V, _V), {"statistic": "std", "bins": [2, 3],
                                           "expand_binnumbers": True}),
    "binned_statistic_dd": ((_X.T, _V), {"statistic": "max", "bins": 2,
                                         "range": [(0.0, 1.0), (0.1, 0.8)]}),
}.items()}
