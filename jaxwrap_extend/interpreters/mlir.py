"""Lowering primitives to StableHLO: the registry, the dialects, helpers.

``register_lowering(prim, rule, platform=None)`` registers
``rule(ctx, *operands, **params) -> list of ir.Value``; a platform-specific
rule ('cpu', 'cuda', 'rocm', 'tpu', or 'gpu' for both GPUs) wins over the
default one.  ``lowering_rules(prim)`` answers what is registered.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .. import _jax
from .._jax import (
    LoweringRuleContext as LoweringRuleContext,
)
from .._jax import (
    aval_to_ir_type as aval_to_ir_type,
)
from .._jax import (
    chlo as chlo,
)
from .._jax import (
    dense_int_array as dense_int_array,
)
from .._jax import (
    dtype_to_ir_type as dtype_to_ir_type,
)
from .._jax import (
    hlo as hlo,
)
from .._jax import (
    i32_attr as i32_attr,
)
from .._jax import (
    i64_attr as i64_attr,
)
from .._jax import (
    ir as ir,
)
from .._jax import (
    lower_fun as lower_fun,
)
from .._jax import (
    module_to_string as module_to_string,
)
from ..core._primitive import is_placeholder

PLATFORMS = ("cpu", "cuda", "rocm", "tpu")


def register_lowering(prim, rule: Callable, platform: str | None = None, *,
                      inline: bool = True) -> None:
    """Register ``rule`` as ``prim``'s lowering, for all platforms or one.

    Parameters
    ----------
    prim : Primitive
    rule : callable
        ``rule(ctx, *operands, **params)`` returning a sequence of ``ir.Value``
        (one per output).
    platform : str, optional
        'cpu', 'cuda', 'rocm', 'tpu' or 'gpu'; None registers the default.
    """
    if platform is not None and platform not in PLATFORMS + ("gpu",):
        raise ValueError(f"register_lowering: unknown platform {platform!r}; "
                         f"expected one of {PLATFORMS + ('gpu',)} or None")
    _jax.register_lowering(prim, rule, platform=platform, inline=inline)


def lowering_rules(prim) -> dict[str | None, Callable]:
    """The lowering rules registered for ``prim``: {None: default, 'cpu': ..., ...}."""
    out: dict[str | None, Callable] = {}
    entry = _jax.default_lowerings.get(prim)
    if entry is not None and not is_placeholder(entry.rule):
        out[None] = entry.rule
    for platform, table in _jax.platform_lowerings.items():
        if prim in table:
            out[platform] = table[prim].rule
    return out


def has_lowering(prim, platform: str | None = None) -> bool:
    """Whether ``prim`` lowers on ``platform`` (None: has a default rule)."""
    rules = lowering_rules(prim)
    return None in rules or (platform is not None and platform in rules)


def ir_constant(value, dtype=None) -> ir.Value:
    """A StableHLO constant holding ``value`` (numpy-convertible)."""
    return _jax.ir_constant(np.asarray(value, dtype=dtype))


def full_like_aval(value, aval) -> ir.Value:
    """A constant of ``aval``'s shape and dtype filled with ``value``."""
    scalar = _jax.ir_constant(np.array(value, dtype=aval.dtype))
    if aval.shape == ():
        return scalar
    return hlo.broadcast_in_dim(aval_to_ir_type(aval), scalar, dense_int_array([]))


def splat(ctx: LoweringRuleContext, value, index: int = 0) -> ir.Value:
    """A constant like output ``index`` of the primitive being lowered."""
    return full_like_aval(value, ctx.avals_out[index])
