"""Sharding rules: the output sharding of a primitive, for jax's Explicit axes.

With an Explicit mesh (``jax.make_mesh``'s default in jax 0.10) every value's
type carries its sharding (``f32[8@x,4]``).  A primitive whose abstract
evaluation returns plain ShapedArrays produces replicated-typed values there;
``Primitive.def_sharding_rule(rule)`` adds ``rule(*avals, **params) ->
NamedSharding`` (a list for multiple results), applied only when an operand is
explicitly sharded.  The rules below cover the common shapes of operations.
"""

from __future__ import annotations

from collections.abc import Callable

from jax.sharding import NamedSharding, PartitionSpec

from .. import _jax

__all__ = ["elementwise", "like_operand", "reduction", "transpose", "replicated",
           "ShardingTypeError"]

ShardingTypeError = _jax.ShardingTypeError


def _spec(aval) -> tuple:
    spec = tuple(aval.sharding.spec)
    return spec + (None,) * (len(aval.shape) - len(spec))


def _mesh(avals):
    for a in avals:
        mesh = getattr(getattr(a, "sharding", None), "mesh", None)
        if mesh is not None and not mesh.empty:
            return mesh
    raise ValueError("sharding rule called without a sharded operand")


def elementwise(*avals, **params) -> NamedSharding:
    """Operands of one shape (or scalars): each dimension keeps the sharding the
    operands agree on; conflicting shardings raise ShardingTypeError."""
    return _jax.broadcasting_sharding_rule("elementwise", *avals)


def like_operand(index: int = 0) -> Callable:
    """The output is sharded like operand ``index`` (same shape)."""
    def rule(*avals, **params):
        return avals[index].sharding
    return rule


def reduction(axes_param: str = "axes") -> Callable:
    """A reduction over ``params[axes_param]``: the reduced dimensions' shardings
    disappear (the result is summed across their devices)."""
    def rule(operand, *rest, **params):
        axes = {a % max(len(operand.shape), 1) for a in params[axes_param]}
        spec = [s for i, s in enumerate(_spec(operand)) if i not in axes]
        return NamedSharding(operand.sharding.mesh, PartitionSpec(*spec))
    return rule


def transpose(permutation_param: str = "permutation") -> Callable:
    """A permutation of the dimensions: the shardings move with them."""
    def rule(operand, **params):
        spec = _spec(operand)
        return NamedSharding(operand.sharding.mesh,
                             PartitionSpec(*(spec[i] for i in params[permutation_param])))
    return rule


def replicated(*avals, **params) -> NamedSharding:
    """A full copy of the output on every device of the operands' mesh."""
    return NamedSharding(_mesh(avals), PartitionSpec())
