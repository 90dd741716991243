"""XLA's array-sharding format and conversions to and from jax's shardings.

XLA describes how an array is split over devices with an ``OpSharding``
protocol buffer (``XlaOpShardingProto``); ``HloSharding`` is the same
description as an object with queries (``is_replicated``,
``tile_assignment_dimensions``, ...).  This format is more expressive than
jax's ``NamedSharding`` (a mesh plus a PartitionSpec); ``GSPMDSharding``
wraps any HloSharding as a jax Sharding.

Conversions::

    proto = to_op_sharding(named_sharding, ndim)     # jax -> OpSharding
    hlo = hlo_sharding(proto)                        # OpSharding / bytes / jax -> HloSharding
    named = from_op_sharding(proto, mesh)            # -> NamedSharding over mesh
    gspmd = from_op_sharding(proto, devices)         # -> GSPMDSharding over devices

``PositionalSharding`` no longer exists in jax 0.10; a positional layout is a
``GSPMDSharding`` (or a NamedSharding over a mesh of the same devices).
"""

from __future__ import annotations

import jax

from . import _jax

__all__ = [
    "XlaOpShardingProto", "HloSharding", "GSPMDSharding",
    "hlo_sharding", "to_op_sharding", "from_op_sharding", "is_replicated", "named_sharding",
    "get_op_sharding_from_serialized_proto", "get_hlo_sharding_from_serialized_proto",
    "get_serialized_proto_from_hlo_sharding",
]

XlaOpShardingProto = _jax.OpSharding
HloSharding = _jax.HloSharding
GSPMDSharding = _jax.GSPMDSharding


def get_op_sharding_from_serialized_proto(data: bytes) -> XlaOpShardingProto:
    """Parse a serialized OpSharding."""
    proto = XlaOpShardingProto()
    proto.ParseFromString(data)
    return proto


def get_hlo_sharding_from_serialized_proto(data: bytes) -> HloSharding:
    """Parse a serialized OpSharding into an HloSharding."""
    return HloSharding.from_proto(get_op_sharding_from_serialized_proto(data))


def get_serialized_proto_from_hlo_sharding(sharding: HloSharding) -> bytes:
    """Serialize an HloSharding as OpSharding bytes."""
    return sharding.to_proto().SerializeToString()


def hlo_sharding(sharding, ndim: int | None = None) -> HloSharding:
    """The HloSharding of ``sharding``.

    Parameters
    ----------
    sharding : jax.sharding.Sharding, XlaOpShardingProto, HloSharding, bytes or str
        A jax sharding (``ndim`` required: its HLO form depends on the array
        rank), an OpSharding proto or its serialized bytes, an HloSharding, or
        the text form XLA prints (e.g. ``"{devices=[2,1]<=[2]}"``).
    ndim : int, optional
        Rank of the array a jax sharding applies to.
    """
    if isinstance(sharding, HloSharding):
        return sharding
    if isinstance(sharding, XlaOpShardingProto):
        return HloSharding.from_proto(sharding)
    if isinstance(sharding, (bytes, bytearray)):
        return get_hlo_sharding_from_serialized_proto(bytes(sharding))
    if isinstance(sharding, str):
        return HloSharding.from_string(sharding)
    if isinstance(sharding, jax.sharding.Sharding):
        if ndim is None:
            raise TypeError("hlo_sharding: a jax Sharding needs ndim (the rank of the "
                            "array it shards)")
        return _jax.sharding_to_hlo(sharding, ndim)
    raise TypeError(f"hlo_sharding: expected a jax Sharding, OpSharding, HloSharding, bytes "
                    f"or str, got {type(sharding).__name__}")


def to_op_sharding(sharding, ndim: int | None = None) -> XlaOpShardingProto:
    """The OpSharding proto of ``sharding`` (see ``hlo_sharding`` for the inputs)."""
    return hlo_sharding(sharding, ndim).to_proto()


def is_replicated(sharding, ndim: int | None = None) -> bool:
    """Whether ``sharding`` keeps a full copy of the array on every device."""
    return hlo_sharding(sharding, ndim).is_replicated()


def from_op_sharding(sharding, mesh_or_devices, *, ndim: int | None = None,
                     memory_kind: str | None = None) -> jax.sharding.Sharding:
    """A jax Sharding for an OpSharding / HloSharding (or its bytes or text).

    Parameters
    ----------
    sharding : XlaOpShardingProto, HloSharding, bytes or str
    mesh_or_devices : jax.sharding.Mesh or sequence of devices
        With a Mesh, the result is a ``NamedSharding`` over it, and the
        sharding must be expressible as a PartitionSpec over that mesh (else
        ValueError).  With devices (in the order the proto's device ids refer
        to), the result is a ``GSPMDSharding``, which can express anything.
    ndim : int, optional
        Rank of the array; with a mesh, checks the spec's length.
    """
    hlo = hlo_sharding(sharding)
    if isinstance(mesh_or_devices, jax.sharding.Mesh):
        mesh = mesh_or_devices
        try:
            (spec,) = _jax.parse_flatten_op_sharding(hlo, mesh)
        except Exception as e:
            raise ValueError(f"from_op_sharding: {hlo} is not expressible as a PartitionSpec "
                             f"over mesh {dict(mesh.shape)}: {e}; pass the mesh's devices "
                             "instead to get a GSPMDSharding") from e
        named = jax.sharding.NamedSharding(mesh, spec, memory_kind=memory_kind)
        rank = ndim if ndim is not None else max(len(spec), _tiled_rank(hlo))
        exact = GSPMDSharding(list(mesh.devices.flat), hlo)
        if not named.is_equivalent_to(exact, rank):
            raise ValueError(f"from_op_sharding: {hlo} is not expressible as a PartitionSpec "
                             f"over mesh {dict(mesh.shape)} (closest: {spec}); pass the "
                             "mesh's devices instead to get a GSPMDSharding")
        return named
    devices = list(mesh_or_devices)
    if memory_kind is None:
        return GSPMDSharding(devices, hlo)
    return GSPMDSharding(devices, hlo, memory_kind=memory_kind)


def _tiled_rank(hlo) -> int:
    if not hlo.is_tiled():
        return 0
    dims = len(hlo.tile_assignment_dimensions())
    return dims - (1 if hlo.replicate_on_last_tile_dim() else 0) - len(hlo.subgroup_types())


def named_sharding(mesh: jax.sharding.Mesh, *spec) -> jax.sharding.NamedSharding:
    """``NamedSharding(mesh, PartitionSpec(*spec))``."""
    return jax.sharding.NamedSharding(mesh, jax.sharding.PartitionSpec(*spec))
