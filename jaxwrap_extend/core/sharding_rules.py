"""Sharding rules: the output sharding of a primitive, for jax's Explicit axes.

With an Explicit mesh (``jax.make_mesh``'s default in jax 0.10) every value's
type carries its sharding (``f32[8@x,4]``).  A primitive whose abstract
evaluation returns plain ShapedArrays produces replicated-typed values there;
``Primitive.def_sharding_rule(rule)`` adds ``rule(*avals, **params) ->
NamedSharding`` (a list for multiple results), applied only when an operand is
explicitly sharded.  The rules below cover the common shapes of operations;
each factory takes the names of the params it reads, so a rule fits any
primitive whose params are named differently.
"""

from __future__ import annotations

from collections.abc import Callable

from jax.sharding import NamedSharding, PartitionSpec

from .. import _jax

__all__ = ["elementwise", "like_operand", "reduction", "cumulative", "transpose",
           "broadcast_in_dim", "reshape", "dot_general", "replicated", "ShardingTypeError"]

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


def cumulative(axis_param: str = "axis") -> Callable:
    """A scan along ``params[axis_param]`` (cumsum, ...): sharded like the
    operand, which must not be sharded along the scanned axis."""
    def rule(operand, *rest, **params):
        axis = params[axis_param] % len(operand.shape)
        if _spec(operand)[axis] is not None:
            raise ShardingTypeError(
                f"a scan along axis {axis} needs that axis unsharded; got "
                f"{operand.str_short(short_dtypes=True)} (reshard it first)")
        return operand.sharding
    return rule


def broadcast_in_dim(shape_param: str = "shape",
                     dims_param: str = "broadcast_dimensions") -> Callable:
    """Operand dimension ``i`` becomes output dimension ``dims[i]`` and keeps its
    sharding; new dimensions are unsharded."""
    def rule(operand, *rest, **params):
        shape, dims = params[shape_param], params[dims_param]
        spec = [None] * len(shape)
        for s, d in zip(_spec(operand), dims):
            spec[d] = s
        return NamedSharding(operand.sharding.mesh, PartitionSpec(*spec))
    return rule


def reshape(sizes_param: str = "new_sizes") -> Callable:
    """A reshape: a sharded axis may be split (sharding on the major part) or
    merged with unsharded minor axes, as jax allows; else ShardingTypeError."""
    def rule(operand, **params):
        return _jax.reshape_sharding_rule(operand, params[sizes_param])
    return rule


def dot_general(dims_param: str = "dimension_numbers") -> Callable:
    """dot_general with ``((lhs_contract, rhs_contract), (lhs_batch, rhs_batch))``:
    batch then free dimensions keep their shardings; a contraction over
    sharded dimensions is ambiguous and raises ShardingTypeError."""
    def rule(lhs, rhs, **params):
        return _jax.dot_general_sharding_rule(lhs, rhs, params[dims_param])
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
