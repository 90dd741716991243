"""Sharding rules of jaxwrap's primitives, as one table (jax's Explicit axes).

Under an Explicit mesh every value's type carries its sharding; a primitive
with a rule here gives its outputs the sharding jax.numpy's equivalent would
have (``jaxwrap_extend.core.sharding_rules``). Primitives without a rule give
replicated-typed outputs (XLA still shards the computation).  Listed by family
rather than inside each family file so that the whole policy reads in one
place.
"""

from __future__ import annotations

from ..core import sharding_rules as sr
from . import dot, elementwise, reductions, structural
from ._base import registry

_SHAPE_CHANGING = {"bitcast_convert_type"}  # may add or drop a trailing dimension


def _defined_in(module) -> list[str]:
    """Names of the primitives a family module defines (as ``name_p`` or as a
    row wrapper carrying its primitive in ``.p``)."""
    found = {id(getattr(v, "p", v)) for v in vars(module).values()}
    return [p.name for p in registry if id(p) in found]


RULES = {
    **{n: sr.elementwise for n in _defined_in(elementwise) if n not in _SHAPE_CHANGING},
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
}
assert dot and reductions and structural  # imported so that their primitives exist

for _name, _rule in RULES.items():
    registry[_name].def_sharding_rule(_rule)
