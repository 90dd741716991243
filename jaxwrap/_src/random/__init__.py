"""Pseudo-random numbers with explicit keys: the implementation of ``jaxwrap.random``.

Same functions and signatures as ``jax.random``.  For threefry keys (jax's
default generator) every sampler gives bit-for-bit the values of
``jax.random`` for the same key, shape and dtype: keys, splits and bits come
from :mod:`jaxwrap_extend.random` and the samplers follow jax's algorithms
step by step (uniform floats from the top mantissa bits, normals through
``erf_inv``, gamma by Marsaglia and Tsang's squeeze method, Poisson by Knuth's
product method below 10 and Hörmann's transformed rejection (PTRS) above...).

Keys.  Both kinds ``jax.random`` accepts work: typed keys (``key(seed)``,
dtype ``key<fry>``; jax's own typed keys interoperate both ways) and raw
uint32 keys of shape (2,) (``PRNGKey(seed)``).  A function returning keys
returns the kind it was given.  Raw keys stay inside jaxwrap's primitives;
typed keys cross into jax only through ``random_wrap`` / ``random_unwrap``.

Layout: ``keys`` (keys, split, fold_in, the jitted runner), ``_common``
(argument checks, sampler factories), ``bits`` (bits, uniform, normal,
integers), ``continuous``, ``gamma`` (the gamma family), ``discrete``
(Poisson, binomial, multinomial), ``choice`` (categorical, choice,
permutations), ``matrices`` (multivariate normal, orthogonal).
"""

from __future__ import annotations

from .bits import bernoulli as bernoulli
from .bits import bits as bits
from .bits import normal as normal
from .bits import rademacher as rademacher
from .bits import randint as randint
from .bits import truncated_normal as truncated_normal
from .bits import uniform as uniform
from .choice import categorical as categorical
from .choice import choice as choice
from .choice import permutation as permutation
from .continuous import cauchy as cauchy
from .continuous import double_sided_maxwell as double_sided_maxwell
from .continuous import exponential as exponential
from .continuous import geometric as geometric
from .continuous import gumbel as gumbel
from .continuous import laplace as laplace
from .continuous import logistic as logistic
from .continuous import lognormal as lognormal
from .continuous import maxwell as maxwell
from .continuous import pareto as pareto
from .continuous import rayleigh as rayleigh
from .continuous import triangular as triangular
from .continuous import wald as wald
from .continuous import weibull_min as weibull_min
from .discrete import binomial as binomial
from .discrete import multinomial as multinomial
from .discrete import poisson as poisson
from .gamma import ball as ball
from .gamma import beta as beta
from .gamma import chisquare as chisquare
from .gamma import dirichlet as dirichlet
from .gamma import f as f
from .gamma import gamma as gamma
from .gamma import generalized_normal as generalized_normal
from .gamma import loggamma as loggamma
from .gamma import t as t
from .keys import PRNGKey as PRNGKey
from .keys import clone as clone
from .keys import fold_in as fold_in
from .keys import key as key
from .keys import key_data as key_data
from .keys import key_dtype as key_dtype
from .keys import key_impl as key_impl
from .keys import split as split
from .keys import wrap_key_data as wrap_key_data
from .matrices import multivariate_normal as multivariate_normal
from .matrices import orthogonal as orthogonal

__all__ = [
    "PRNGKey",
    "ball",
    "bernoulli",
    "beta",
    "binomial",
    "bits",
    "categorical",
    "cauchy",
    "chisquare",
    "choice",
    "clone",
    "dirichlet",
    "double_sided_maxwell",
    "exponential",
    "f",
    "fold_in",
    "gamma",
    "generalized_normal",
    "geometric",
    "gumbel",
    "key",
    "key_data",
    "key_dtype",
    "key_impl",
    "laplace",
    "loggamma",
    "logistic",
    "lognormal",
    "maxwell",
    "multinomial",
    "multivariate_normal",
    "normal",
    "orthogonal",
    "pareto",
    "permutation",
    "poisson",
    "rademacher",
    "randint",
    "rayleigh",
    "split",
    "t",
    "triangular",
    "truncated_normal",
    "uniform",
    "wald",
    "weibull_min",
    "wrap_key_data",
]
