"""Sharding rules of jaxwrap's primitives, as one table (jax's Explicit axes).

Under an Explicit mesh every value's type carries its sharding; a primitive
with a rule here gives its outputs the sharding jax.numpy's equivalent would
have (``jaxwrap_extend.core.sharding_rules``); each rule is checked against
jax.lax's by tests/test_sharding.py.  Every primitive with an operand has one
(a primitive without would give replicated-typed outputs; XLA would still
shard the computation); iota has no operand.  Listed by family rather than
inside each family file so that the whole policy reads in one place.
"""

from __future__ import annotations

from ..core import sharding_rules as sr
from . import (
    dot,
    elementwise,
    fft,
    indexing,
    linalg,
    random_bits,
    reductions,
    sorting,
    special,
    special_bessel,
    structural,
)
from ._base import registry

_SHAPE_CHANGING = {"bitcast_convert_type"}  # may add or drop a trailing dimension


def _out_shape(name: str):
    """The output shape by primitive ``name``'s own shape rule (for ``sr.resized``)."""
    def shape(*avals, **params):
        return registry[name].shape_rule(*avals, **params).shape
    return shape


def _defined_in(module) -> list[str]:
    """Names of the primitives a family module defines (as ``name_p`` or as a
    row wrapper carrying its primitive in ``.p``)."""
    found = {id(getattr(v, "p", v)) for v in vars(module).values()}
    return [p.name for p in registry if id(p) in found]


RULES = {
    **{n: sr.elementwise for n in _defined_in(elementwise) if n not in _SHAPE_CHANGING},
    # special functions are elementwise (n-ary maps over equal shapes)
    **{n: sr.elementwise for n in _defined_in(special)},
    **{n: sr.elementwise for n in _defined_in(special_bessel)},
    "select_n": sr.elementwise,
    "clamp": sr.elementwise,
    **{n: sr.reduction("axes") for n in ("reduce_sum", "reduce_prod", "reduce_max",
                                         "reduce_min", "reduce_and", "reduce_or",
                                         "reduce_xor", "argmax", "argmin")},
    **{n: sr.cumulative("axis") for n in ("cumsum", "cumprod", "cummax", "cummin",
                                          "cumlogsumexp")},
    "transpose": sr.transpose("permutation"),
    "broadcast_in_dim": sr.broadcast_in_dim("shape", "broadcast_dimensions"),
    "reshape": sr.reshape("new_sizes"),
    "dot_general": sr.dot_general("dimension_numbers"),
    "bitcast_convert_type": sr.bitcast("new_dtype"),
    # random bits: gamma samples are shaped like ``a``; a new rng_bit_generator
    # state is sharded like the old, its bits are replicated
    "threefry2x32": sr.elementwise,
    "log1p_hlo": sr.elementwise,
    "random_gamma": sr.like_operand(1),
    "rng_bit_generator": sr.results(sr.like_operand(0), sr.replicated),
    # structural; iota has no operand, so its output is replicated as it is.
    "squeeze": sr.squeeze("dimensions"),
    "expand_dims": sr.expand_dims("dimensions"),
    "rev": sr.like_operand(0),
    **{n: sr.resized(what, _out_shape(n)) for n, what in (("slice", "slicing"),
                                                           ("pad", "padding"),
                                                           ("dynamic_slice", "dynamic_slice"))},
    "concatenate": sr.matching("concatenate"),
    "stack": sr.stack("axis"),
    "unstack": sr.unstack("axis"),
    "dynamic_update_slice": sr.matching("dynamic_update_slice", count=2),
    # indexing
    "gather": sr.gather("dimension_numbers", "slice_sizes"),
    **{n: sr.scatter("dimension_numbers") for n in ("scatter", "scatter_add", "scatter_sub",
                                                    "scatter_mul", "scatter_min",
                                                    "scatter_max")},
    # sorting
    "sort": sr.sort("dimension"),
    "top_k": sr.top_k("axis"),
    # linear algebra: batch dimensions keep their sharding, core ones must be unsharded
    **{n: sr.linalg(*ranks, name=n) for n, ranks in (
        ("cholesky", (2,)), ("lu", (2,)), ("lu_pivots_to_permutation", (1,)), ("qr", (2,)),
        ("eigh", (2,)), ("eig", (2,)), ("svd", (2,)), ("schur", (2,)), ("hessenberg", (2,)),
        ("geqrf", (2,)),
        ("householder_product", (2, 1)), ("tridiagonal", (2,)),
        ("tridiagonal_solve", (1, 1, 1, 2)))},
    "triangular_solve": sr.triangular_solve("left_side", "transpose_a"),
    # like jax.lax.fft: the operand's spec, transformed axes included
    "fft": sr.like_operand(0),
}
# imported so that their primitives exist
assert dot and fft and indexing and linalg and random_bits and reductions and sorting and structural

for _name, _rule in RULES.items():
    registry[_name].def_sharding_rule(_rule)
