"""Lowering primitives to StableHLO: the registry, the dialects, helpers.

``register_lowering(prim, rule, platform=None)`` registers
``rule(ctx, *operands, **params) -> list of ir.Value``; a platform-specific
rule ('cpu', 'cuda', 'rocm', 'tpu', or 'gpu' for both GPUs) wins over the
default one.  ``lowering_rules(prim)`` answers what is registered.

``lower_fun(fun, multiple_results)`` turns a Python function of jax /
jaxwrap operations into a lowering rule (the function is traced on the
operands' types and its jaxpr lowered in place); ``register_lowering_fun``
registers one in a single call.  ``stablehlo_text`` shows what a function
lowers to, for any platform, without that platform's hardware.
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


def register_lowering_fun(prim, fun: Callable, platform: str | None = None) -> None:
    """Lower ``prim`` by tracing ``fun(*operands, **params)``, a Python function
    written with jaxwrap (or jax) operations, and inlining its lowering.

    ``fun`` returns one array (a list of arrays for a multiple-results
    primitive).  Convenient for primitives that are fused or dispatched
    differently per platform but have a reference formulation.
    """
    register_lowering(prim, lower_fun(fun, multiple_results=prim.multiple_results),
                      platform=platform)


def stablehlo_text(fun: Callable, *args, platforms: tuple[str, ...] | None = None,
                   **kwargs) -> str:
    """The StableHLO module of ``jax.jit(fun)(*args, **kwargs)``, as text.

    ``platforms`` (e.g. ``("tpu",)`` or ``("cpu", "cuda")``) lowers for those
    platforms, which need not be present; several give one module that
    switches on the platform at run time.
    """
    import jax
    traced = jax.jit(fun).trace(*args, **kwargs)
    lowered = (traced.lower() if platforms is None
               else traced.lower(lowering_platforms=tuple(platforms)))
    return lowered.as_text()
