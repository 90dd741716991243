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

import numpy as np
from jax.sharding import NamedSharding, PartitionSpec

from .. import _jax

__all__ = ["elementwise", "like_operand", "reduction", "cumulative", "transpose",
           "broadcast_in_dim", "reshape", "dot_general", "replicated", "squeeze",
           "expand_dims", "resized", "matching", "sort", "top_k", "bitcast",
           "linalg", "triangular_solve", "gather", "scatter", "results", "stack", "unstack",
           "ShardingTypeError"]

ShardingTypeError = _jax.ShardingTypeError


def _spec(aval) -> tuple:
    spec = tuple(aval.sharding.spec)
    return spec + (None,) * (len(aval.shape) - len(spec))


def _named(aval, spec) -> NamedSharding:
    return NamedSharding(aval.sharding.mesh, PartitionSpec(*spec))


def _typename(aval) -> str:
    return aval.str_short(short_dtypes=True)


def _axis_size(mesh, entry) -> int:
    """Number of devices a spec entry (an axis name or a tuple of them) splits over."""
    sizes = dict(zip(mesh.axis_names, mesh.axis_sizes))
    names = entry if isinstance(entry, tuple) else (entry,)
    size = 1
    for n in names:
        size *= sizes[n]
    return size


def _mesh(avals):
    for a in avals:
        mesh = getattr(getattr(a, "sharding", None), "mesh", None)
        if mesh is not None and not mesh.empty:
            return mesh
    raise ValueError("sharding rule called without a sharded operand")


def elementwise(*avals, **params) -> NamedSharding:
    """Operands of one shape (or scalars): each dimension keeps the sharding the
    operands agree on; conflicting shardings raise ShardingTypeError."""
    try:
        return _jax.broadcasting_sharding_rule("elementwise", *avals)
    except _jax.DuplicateSpecError as e:  # e.g. f32[8@x,8] + f32[8,8@x]
        raise ShardingTypeError(
            f"elementwise operation on {', '.join(_typename(a) for a in avals)} would shard "
            f"two dimensions of its result over one mesh axis ({e.pspec}); reshard first"
        ) from e


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
    merged with unsharded minor axes, as jax allows; else ShardingTypeError.
    Size-1 dimensions hold no data, so where jax refuses a reshape that also
    adds or drops them (``(1, 8@x, 2, 3) -> (8, 6)``, as jaxwrap's tile
    emits), the rule is retried without them."""
    def rule(operand, **params):
        sizes = tuple(params[sizes_param])
        try:
            return _jax.reshape_sharding_rule(operand, sizes)
        except ShardingTypeError:
            if 1 not in operand.shape and 1 not in sizes:
                raise
        spec = _spec(operand)
        kept = [i for i, n in enumerate(operand.shape) if n != 1]
        core = operand.update(shape=tuple(operand.shape[i] for i in kept),
                              sharding=_named(operand, [spec[i] for i in kept]))
        core_sizes = tuple(n for n in sizes if n != 1)
        inner = iter(tuple(_jax.reshape_sharding_rule(core, core_sizes).spec)
                     + (None,) * len(core_sizes))
        return _named(operand, [None if n == 1 else next(inner) for n in sizes])
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


def squeeze(dims_param: str = "dimensions") -> Callable:
    """Dropping size-1 dimensions ``params[dims_param]``: the others keep theirs."""
    def rule(operand, **params):
        dropped = {d % max(len(operand.shape), 1) for d in params[dims_param]}
        return _named(operand, [s for i, s in enumerate(_spec(operand)) if i not in dropped])
    return rule


def expand_dims(dims_param: str = "dimensions") -> Callable:
    """Inserting size-1 dimensions at output positions ``params[dims_param]``:
    the new ones are unsharded, the operand's keep their shardings."""
    def rule(operand, **params):
        rank = len(operand.shape) + len(params[dims_param])
        new = {d % rank for d in params[dims_param]}
        it = iter(_spec(operand))
        return _named(operand, [None if i in new else next(it) for i in range(rank)])
    return rule


def resized(what: str, out_shape: Callable) -> Callable:
    """An operation that keeps the operand's layout but may change its extent
    (slice, pad, dynamic_slice): the output is sharded like the operand, so a
    sharded dimension whose size changes must stay divisible by its devices
    (jax has no uneven shardings in types).  ``out_shape(*avals, **params)``
    gives the output shape (the primitive's own shape rule)."""
    def rule(operand, *rest, **params):
        shape = out_shape(operand, *rest, **params)
        for i, (s, n, m) in enumerate(zip(_spec(operand), operand.shape, shape)):
            if s is not None and n != m and m % _axis_size(operand.sharding.mesh, s):
                raise ShardingTypeError(
                    f"{what} changes dimension {i} of {_typename(operand)}, sharded over "
                    f"{s!r}, to size {m}, which that sharding does not divide; reshard "
                    "or replicate that dimension first")
        return operand.sharding
    return rule


def matching(what: str, count: int | None = None) -> Callable:
    """The first ``count`` operands (all when None; later ones are scalars such
    as start indices) must be sharded alike; the output is sharded like them.
    Used for concatenate and dynamic_update_slice, where jax asks the same."""
    def rule(*avals, **params):
        shaped = [a for a in avals[:count] if not a.sharding.mesh.empty]
        if not shaped:
            return replicated(*avals)
        if any(_spec(a) != _spec(shaped[0]) for a in shaped[1:]):
            raise ShardingTypeError(
                f"{what}: the operands must be sharded alike, got "
                f"{', '.join(_typename(a) for a in shaped)}")
        return shaped[0].sharding
    return rule


def stack(axis_param: str = "axis") -> Callable:
    """Joining equally sharded operands along a new, unsharded axis
    ``params[axis_param]`` (stack)."""
    alike = matching("stack")

    def rule(*avals, **params):
        first = alike(*avals)
        if not avals or avals[0].sharding.mesh.empty:
            return first
        spec = list(_spec(avals[0]))
        spec.insert(params[axis_param], None)
        return NamedSharding(first.mesh, PartitionSpec(*spec))
    return rule


def unstack(axis_param: str = "axis") -> Callable:
    """Splitting along ``params[axis_param]`` (unstack): that axis must be unsharded;
    every piece keeps the other axes' shardings."""
    def rule(operand, **params):
        axis = params[axis_param]
        _unsharded_along("unstack", operand, axis)
        piece = _named(operand, [s for i, s in enumerate(_spec(operand)) if i != axis])
        return [piece] * operand.shape[axis]
    return rule


def _unsharded_along(what: str, aval, axis: int) -> None:
    if _spec(aval)[axis] is not None:
        raise ShardingTypeError(
            f"{what} along axis {axis} needs that axis unsharded; got {_typename(aval)} "
            "(reshard it first)")


def sort(dim_param: str = "dimension") -> Callable:
    """A sort along ``params[dim_param]`` of several equally shaped operands:
    each must be unsharded along that axis, and all sharded alike; every
    result is sharded like them."""
    def rule(*operands, **params):
        axis = params[dim_param] % len(operands[0].shape)
        for o in operands:
            _unsharded_along("sort", o, axis)
        # Operands typed without a mesh (an iota of positions) follow the others.
        return matching("sort")(*operands)
    return rule


def top_k(axis_param: str = "axis") -> Callable:
    """top_k along ``params[axis_param]``: values and indices are sharded like
    the operand, which must be unsharded along that axis."""
    def rule(operand, **params):
        _unsharded_along("top_k", operand, params[axis_param] % len(operand.shape))
        return operand.sharding
    return rule


def bitcast(dtype_param: str = "new_dtype") -> Callable:
    """bitcast_convert_type: a narrower result type adds an unsharded trailing
    dimension, a wider one consumes the trailing dimension (and its sharding)."""
    def rule(operand, **params):
        old = np.dtype(operand.dtype).itemsize
        new = np.dtype(params[dtype_param]).itemsize
        spec = _spec(operand)
        if old > new:
            spec = spec + (None,)
        elif old < new:
            spec = spec[:-1]
        return _named(operand, spec)
    return rule


def _batch_spec(what: str, avals, ranks) -> tuple:
    """The common sharding of the leading (batch) dimensions of ``avals``,
    whose last ``ranks[i]`` dimensions must be unsharded."""
    batch = []
    for i, (a, r) in enumerate(zip(avals, ranks)):
        spec = _spec(a)
        if any(s is not None for s in spec[len(spec) - r:]):
            raise ShardingTypeError(
                f"{what}: operand {i} must be unsharded on its last {r} (non-batch) "
                f"dimension(s); got {_typename(a)}")
        batch.append(spec[:len(spec) - r])
    if any(b != batch[0] for b in batch[1:]):
        raise ShardingTypeError(f"{what}: all operands must share one batch sharding; got "
                                f"{', '.join(_typename(a) for a in avals)}")
    return batch[0]


def linalg(*ranks: int, name: str = "linear algebra") -> Callable:
    """A batched matrix operation whose operand ``i`` has ``ranks[i]`` core
    (matrix or vector) dimensions after shared batch dimensions: the outputs
    keep the batch sharding and are unsharded elsewhere; sharded core
    dimensions raise (reshard first)."""
    def rule(*avals, **params):
        return _named(avals[0], _batch_spec(name, avals, ranks))  # jax pads to the rank
    return rule


def triangular_solve(left_param: str = "left_side",
                     transpose_param: str = "transpose_a") -> Callable:
    """``op(a) x = b`` (or ``x op(a) = b``): batch dimensions shared; the
    dimension the solve contracts over must be unsharded in ``a`` and ``b``;
    the result's other matrix dimensions keep their shardings."""
    def rule(a, b, **params):
        left, trans = bool(params[left_param]), bool(params[transpose_param])
        batch = _spec(a)[:-2]
        (a0, a1), (b0, b1) = _spec(a)[-2:], _spec(b)[-2:]
        if batch != _spec(b)[:-2]:
            raise ShardingTypeError("triangular_solve: a and b must share one batch "
                                    f"sharding; got {_typename(a)}, {_typename(b)}")
        contracted_a = (a0, a1)[left != trans]
        contracted_b = b0 if left else b1
        if contracted_a is not None or contracted_b is not None:
            raise ShardingTypeError("triangular_solve: the solved (contracted) dimension must "
                                    f"be unsharded; got {_typename(a)}, {_typename(b)}")
        kept_a = (a0, a1)[trans if left else not trans]
        return _named(a, batch + ((kept_a, b1) if left else (b0, kept_a)))
    return rule


def gather(dims_param: str = "dimension_numbers",
           sizes_param: str = "slice_sizes") -> Callable:
    """XLA gather: an output dimension is either a window dimension of the
    operand (sharded like it) or a batch dimension of the indices (sharded
    like them).  Unambiguous only when the operand is unsharded wherever the
    window is a strict slice, paired batching dimensions agree, and the
    indices are unsharded outside their batching dimensions."""
    def rule(operand, indices, **params):
        dn, sizes = params[dims_param], params[sizes_param]
        ospec, ispec = list(_spec(operand)), list(_spec(indices))
        sliced_sharded = any(ospec[d] is not None and sizes[d] != operand.shape[d]
                             for d in dn.start_index_map)
        pairs = list(zip(dn.operand_batching_dims, dn.start_indices_batching_dims))
        clash = any(None not in (ospec[o], ispec[i]) and ospec[o] != ispec[i] for o, i in pairs)
        loose = any(s is not None for i, s in enumerate(ispec)
                    if i not in dn.start_indices_batching_dims)
        if sliced_sharded or clash or loose:
            raise ShardingTypeError(
                "gather: the output sharding is ambiguous for operand "
                f"{_typename(operand)} and indices {_typename(indices)}; reshard so that "
                "the indexed dimensions and the indices' non-batch dimensions are unsharded")
        for o, i in pairs:
            ispec[i] = ispec[i] or ospec[o]
        window = iter(ospec[d] for d in range(len(ospec))
                      if d not in dn.collapsed_slice_dims and d not in dn.operand_batching_dims)
        batch = iter(ispec[:-1])  # the last indices dimension holds the index vectors
        rank = len(dn.offset_dims) + len(indices.shape) - 1
        spec = [next(window) if d in dn.offset_dims else next(batch) for d in range(rank)]
        return NamedSharding(_mesh((operand, indices)), PartitionSpec(*spec))
    return rule


def scatter(dims_param: str = "dimension_numbers") -> Callable:
    """XLA scatter, gather in reverse: the result is sharded like the operand,
    its unsharded dimensions taking the updates' (window) or the indices'
    (batching) sharding.  Unambiguous only when every pair of corresponding
    dimensions agrees, a strict-slice window is unsharded in both operand and
    updates, and the dimensions that scatter (may collide) are unsharded.
    Unlike jax.lax.scatter, updates unsharded along a whole-size window
    dimension count as sharded like the operand there (each device reads its
    own part, no communication): jax.numpy's ``.at[]`` gives its broadcast
    updates that sharding, which jaxwrap's broadcast cannot."""
    def rule(operand, indices, updates, **params):
        dn = params[dims_param]
        ospec, ispec, uspec = _spec(operand), _spec(indices), _spec(updates)
        scatter_dims = [d for d in range(len(uspec)) if d not in dn.update_window_dims]
        batch = [(o, ispec[i], uspec[scatter_dims[i]])
                 for o, i in zip(dn.operand_batching_dims, dn.scatter_indices_batching_dims)]
        window_dims = [d for d in range(len(ospec)) if d not in dn.inserted_window_dims
                       and d not in dn.operand_batching_dims]
        window = list(zip(window_dims, dn.update_window_dims))
        ubatch = {scatter_dims[i] for i in dn.scatter_indices_batching_dims}
        ok = (all(len({ospec[o], i, u} - {None}) <= 1 for o, i, u in batch)
              and all((ospec[o] is None and uspec[u] is None)
                      or (uspec[u] in (None, ospec[o]) and operand.shape[o] == updates.shape[u])
                      for o, u in window)
              and all(ospec[d] is None for d in dn.inserted_window_dims)
              and all(uspec[d] is None for d in scatter_dims if d not in ubatch)
              and all(s is None for d, s in enumerate(ispec)
                      if d not in dn.scatter_indices_batching_dims))
        if not ok:
            raise ShardingTypeError(
                "scatter: the output sharding is ambiguous for operand "
                f"{_typename(operand)}, indices {_typename(indices)} and updates "
                f"{_typename(updates)}; reshard so that corresponding dimensions agree and "
                "the scattered dimensions are unsharded")
        spec = list(ospec)
        for o, i, u in batch:
            spec[o] = spec[o] or i or u
        for o, u in window:
            spec[o] = spec[o] or uspec[u]
        return NamedSharding(_mesh((operand, indices, updates)), PartitionSpec(*spec))
    return rule


def results(*rules: Callable) -> Callable:
    """A multiple-result primitive whose result ``i`` is sharded by ``rules[i]``."""
    def rule(*avals, **params):
        return [r(*avals, **params) for r in rules]
    return rule
