"""Argument sets for the API-wide purity test: jaxwrap.scipy.special's
orthogonal polynomials, Gauss rules and Legendre functions (integer degrees,
static rule sizes)."""

from __future__ import annotations

import numpy as np

_N = np.array([0, 3, 7], np.int32)
_M = np.array([0, -1, 2], np.int32)
_X = np.linspace(-0.9, 0.9, 3, dtype=np.float32)
_P = np.array([0.5, 1.5, 2.5], np.float32)
_Q = np.array([0.5, 0.75, 1.0], np.float32)
_NF = np.array([2.0, 3.5, 7.0], np.float32)

_SPECIAL = {
    "eval_jacobi": ((_N, _P, _Q, _X), {}), "eval_sh_jacobi": ((_N, _P + 1, _Q, _X / 2 + 0.5), {}),
    "eval_gegenbauer": ((_N, _P, _X), {}), "eval_genlaguerre": ((_N, _P, _X + 1), {}),
    "assoc_laguerre": ((_X + 1, _N, _P), {}),
    "eval_chebyt": ((_NF, _X), {}),          # a float degree takes the trigonometric path too
    "eval_chebyu": ((_NF, _X), {}),
    "legendre_p": ((_N, _X), {"diff_n": 2}), "legendre_p_all": ((3, _X), {"diff_n": 1}),
    "assoc_legendre_p": ((_N, _M, _X), {"norm": True, "diff_n": 1}),
    "assoc_legendre_p_all": ((3, 2, _X), {"branch_cut": 3}),
    "sph_legendre_p": ((_N, _M, _P), {"diff_n": 1}), "sph_legendre_p_all": ((3, 2, _P), {}),
    "sph_harm_y": ((_N, _M, _P, _Q), {"diff_n": 2}), "sph_harm_y_all": ((2, 1, _P, _Q), {}),
    "lpmv": ((_M.astype(np.float32), _N.astype(np.float32), _X), {}),
}
for _name in ("chebyc", "chebys", "sh_chebyt", "sh_chebyu", "legendre", "sh_legendre",
              "hermite", "hermitenorm", "laguerre"):
    _SPECIAL[f"eval_{_name}"] = ((_N, _X / 2 + 0.5), {})
for _name, _args in [("chebyc", ()), ("chebys", ()), ("chebyt", ()), ("chebyu", ()),
                     ("gegenbauer", (0.7,)), ("genlaguerre", (0.5,)), ("hermite", ()),
                     ("hermitenorm", ()), ("jacobi", (0.5, -0.3)), ("laguerre", ()),
                     ("legendre", ()), ("sh_chebyt", ()), ("sh_chebyu", ()),
                     ("sh_jacobi", (2.5, 1.2)), ("sh_legendre", ())]:
    _SPECIAL[f"roots_{_name}"] = ((4, *_args), {"mu": True})
_ALIASES = {"c": "chebyc", "cg": "gegenbauer", "h": "hermite", "he": "hermitenorm",
            "j": "jacobi", "js": "sh_jacobi", "l": "laguerre", "la": "genlaguerre",
            "p": "legendre", "ps": "sh_legendre", "s": "chebys", "t": "chebyt",
            "ts": "sh_chebyt", "u": "chebyu", "us": "sh_chebyu"}
for _alias, _name in _ALIASES.items():
    _SPECIAL[f"{_alias}_roots"] = _SPECIAL[f"roots_{_name}"]

SPECIAL = {f"jaxwrap.scipy.special.{k}": v for k, v in _SPECIAL.items()}
