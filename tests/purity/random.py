"""Purity cases for jaxwrap.random: every sampler called on a raw uint32 key.

Typed keys (``key``, ``wrap_key_data``) are jax's extended-dtype arrays: making
one binds jax's ``random_wrap`` (reading one, ``random_unwrap``), by design;
their rows allow exactly those primitives.  Everything computed on the key
data is checked here.
"""

from __future__ import annotations

import numpy as np

from tests.purity import Foreign, NotArray

_WRAP = frozenset({"random_wrap"})

_K = np.array([0, 42], np.uint32)
_A = np.array([0.5, 1.5, 3.0], np.float32)
_P = np.array([0.2, 0.3, 0.5], np.float32)
_LOGITS = np.log(_P)

_CASES = {
    "PRNGKey": ((np.int32(3),), {}),
    "key": Foreign((np.int32(3),), {}, _WRAP, "returns a typed key, made by jax"),
    "wrap_key_data": Foreign((_K,), {}, _WRAP, "returns a typed key, made by jax"),
    "key_impl": NotArray((_K,), {}, "returns a name"),
    "key_data": ((_K,), {}),
    "split": ((_K, 3), {}),
    "fold_in": ((_K, np.uint32(5)), {}),
    "bits": ((_K, (4,)), {}),
    "uniform": ((_K, (4,)), {}),
    "normal": ((_K, (4,)), {}),
    "truncated_normal": ((_K, -1.0, 1.0, (4,)), {}),
    "bernoulli": ((_K, 0.3, (4,)), {}),
    "rademacher": ((_K, (4,)), {}),
    "randint": ((_K, (4,), 0, 9), {}),
    "exponential": ((_K, (4,)), {}),
    "laplace": ((_K, (4,)), {}),
    "logistic": ((_K, (4,)), {}),
    "cauchy": ((_K, (4,)), {}),
    "gumbel": ((_K, (4,)), {}),
    "pareto": ((_K, 2.0, (4,)), {}),
    "rayleigh": ((_K, 2.0, (4,)), {}),
    "wald": ((_K, 2.0, (4,)), {}),
    "triangular": ((_K, 0.0, 0.5, 1.0, (4,)), {}),
    "geometric": ((_K, 0.3, (4,)), {}),
    "lognormal": ((_K, 0.5, (4,)), {}),
    "weibull_min": ((_K, 1.0, 2.0, (4,)), {}),
    "maxwell": ((_K, (4,)), {}),
    "double_sided_maxwell": ((_K, 0.0, 1.0, (4,)), {}),
    "gamma": ((_K, _A), {}),
    "loggamma": ((_K, _A), {}),
    "chisquare": ((_K, _A), {}),
    "f": ((_K, _A, 2.0), {}),
    "t": ((_K, _A), {}),
    "beta": ((_K, _A, 2.0), {}),
    "dirichlet": ((_K, _A), {}),
    "generalized_normal": ((_K, 1.5, (4,)), {}),
    "ball": ((_K, 3, 2, (2,)), {}),
    "poisson": ((_K, _A), {}),
    "categorical": ((_K, _LOGITS), {"shape": (4,)}),
    "choice": ((_K, 5, (4,)), {"p": _P[[0, 1, 2, 0, 1]] / 1.2}),
    "permutation": ((_K, _A), {}),
    "multivariate_normal": ((_K, _A, np.diag(_A)), {}),
    "orthogonal": ((_K, 3), {}),
    "binomial": ((_K, np.float32(10.0), _P), {}),
    "multinomial": ((_K, np.float32(10.0), _P), {}),
    "clone": ((_K,), {}),
    "key_dtype": NotArray((), {}, "returns a dtype"),
}

SPECIAL = {f"jaxwrap.random.{k}": v for k, v in _CASES.items()}
