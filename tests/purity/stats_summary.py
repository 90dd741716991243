"""Purity-test arguments for jaxwrap.scipy.stats's summary statistics
(descriptive, trimmed, circular and distance modules)."""

import numpy as np

_X = np.linspace(0.1, 0.9, 6, dtype=np.float32).reshape(2, 3)
_U = np.linspace(-1.0, 1.0, 5, dtype=np.float32)
_V = np.linspace(-0.5, 2.0, 4, dtype=np.float32)

_S = {
    "describe": ((_X,), {"axis": 1}),
    "gzscore": ((_X,), {}),
    "gstd": ((_X,), {}),
    "iqr": ((_X,), {"axis": 0, "scale": "normal"}),
    "median_abs_deviation": ((_X,), {}),
    "kstat": ((_X,), {"n": 4}),
    "kstatvar": ((_X,), {"n": 2}),
    "entropy": ((_X, _X[::-1]), {"base": 2.0}),
    "boxcox_llf": ((np.float32(0.5), _X), {}),
    "yeojohnson_llf": ((np.float32(0.5), _X), {"axis": 1}),
    "tmean": ((_X,), {"limits": (0.2, 0.8)}),
    "tvar": ((_X,), {"limits": (0.2, None), "axis": None}),
    "tstd": ((_X,), {"limits": (None, 0.8)}),
    "tsem": ((_X,), {"limits": (0.1, 0.8), "inclusive": (False, True)}),
    "tmin": ((_X,), {"lowerlimit": 0.3}),
    "tmax": ((_X,), {"upperlimit": 0.5, "axis": 1}),
    "trim_mean": ((_X,), {"proportiontocut": 0.25, "axis": 1}),
    "trimboth": ((_X,), {"proportiontocut": 0.25, "axis": 1}),
    "trim1": ((_X,), {"proportiontocut": 0.25, "axis": 1}),
    "circmean": ((_X,), {"high": 1.0}),
    "circvar": ((_X,), {"axis": 0}),
    "circstd": ((_X,), {"axis": 1, "normalize": True}),
    "wasserstein_distance": ((_U, _V, _U, _V), {}),
    "energy_distance": ((_U, _V), {}),
}

SPECIAL = {f"jaxwrap.scipy.stats.{k}": v for k, v in _S.items()}

SPECIAL.update({f"jaxwrap.scipy.stats.{k}": v for k, v in {
    "scoreatpercentile": ((_X, np.array([10.0, 60.0], np.float32)), {"axis": 1}),
    "percentileofscore": ((_U, _V), {"kind": "mean"}),
    "cumfreq": ((_X,), {"numbins": 4}),
    "relfreq": ((_U,), {"numbins": 3, "defaultreallimits": (-1.0, 0.5), "weights": _U}),
}.items()})
