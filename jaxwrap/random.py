"""jaxwrap.random: jax.random's key-based API on jaxwrap's primitives.

Same functions and signatures as ``jax.random``; for threefry keys every
sampler gives bit-for-bit ``jax.random``'s values.  The implementation is in
``jaxwrap._src.random`` (keys, bits, one module per sampler family).
"""

from jaxwrap._src.random import PRNGKey as PRNGKey
from jaxwrap._src.random import ball as ball
from jaxwrap._src.random import bernoulli as bernoulli
from jaxwrap._src.random import beta as beta
from jaxwrap._src.random import binomial as binomial
from jaxwrap._src.random import bits as bits
from jaxwrap._src.random import categorical as categorical
from jaxwrap._src.random import cauchy as cauchy
from jaxwrap._src.random import chisquare as chisquare
from jaxwrap._src.random import choice as choice
from jaxwrap._src.random import clone as clone
from jaxwrap._src.random import dirichlet as dirichlet
from jaxwrap._src.random import double_sided_maxwell as double_sided_maxwell
from jaxwrap._src.random import exponential as exponential
from jaxwrap._src.random import f as f
from jaxwrap._src.random import fold_in as fold_in
from jaxwrap._src.random import gamma as gamma
from jaxwrap._src.random import generalized_normal as generalized_normal
from jaxwrap._src.random import geometric as geometric
from jaxwrap._src.random import gumbel as gumbel
from jaxwrap._src.random import key as key
from jaxwrap._src.random import key_data as key_data
from jaxwrap._src.random import key_dtype as key_dtype
from jaxwrap._src.random import key_impl as key_impl
from jaxwrap._src.random import laplace as laplace
from jaxwrap._src.random import loggamma as loggamma
from jaxwrap._src.random import logistic as logistic
from jaxwrap._src.random import lognormal as lognormal
from jaxwrap._src.random import maxwell as maxwell
from jaxwrap._src.random import multinomial as multinomial
from jaxwrap._src.random import multivariate_normal as multivariate_normal
from jaxwrap._src.random import normal as normal
from jaxwrap._src.random import orthogonal as orthogonal
from jaxwrap._src.random import pareto as pareto
from jaxwrap._src.random import permutation as permutation
from jaxwrap._src.random import poisson as poisson
from jaxwrap._src.random import rademacher as rademacher
from jaxwrap._src.random import randint as randint
from jaxwrap._src.random import rayleigh as rayleigh
from jaxwrap._src.random import split as split
from jaxwrap._src.random import t as t
from jaxwrap._src.random import triangular as triangular
from jaxwrap._src.random import truncated_normal as truncated_normal
from jaxwrap._src.random import uniform as uniform
from jaxwrap._src.random import wald as wald
from jaxwrap._src.random import weibull_min as weibull_min
from jaxwrap._src.random import wrap_key_data as wrap_key_data

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
