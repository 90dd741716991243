"""The one adapter between jaxwrap and jax's internals.

Every import from ``jax._src`` in the whole project lives in this file, so a
jax upgrade that moves or renames an internal touches only this module.  The
rest of ``jaxwrap_extend`` imports the names below; ``jaxwrap`` itself never
imports from here directly (it goes through ``jaxwrap_extend``'s public
modules).

Tested range: jax/jaxlib 0.10.x (see pyproject.toml).  Where versions differ,
branch here on ``JAX_VERSION``.
"""

from __future__ import annotations

import jax

JAX_VERSION: tuple[int, ...] = tuple(int(p) for p in jax.__version__.split(".")[:3] if p.isdigit())

# --- core IR and the primitive machinery ------------------------------------
from jax._src import core as _core
from jax._src import dispatch as _dispatch
from jax._src import source_info_util as _source_info_util

Primitive = _core.Primitive
ShapedArray = _core.ShapedArray
AbstractValue = _core.AbstractValue
Jaxpr = _core.Jaxpr
ClosedJaxpr = _core.ClosedJaxpr
JaxprEqn = _core.JaxprEqn
Var = _core.Var
Literal = _core.Literal
DropVar = _core.DropVar
Tracer = _core.Tracer
JaxprTypeError = _core.JaxprTypeError
jaxpr_as_fun = _core.jaxpr_as_fun
check_jaxpr = _core.check_jaxpr
eval_jaxpr = _core.eval_jaxpr
new_jaxpr_eqn = _core.new_jaxpr_eqn
subjaxprs = _core.subjaxprs
jaxprs_in_params = _core.jaxprs_in_params
typeof = _core.typeof
get_aval = _core.typeof
no_effects = _core.no_effects
pp_jaxpr = _core.pp_jaxpr
is_constant_dim = _core.is_constant_dim
concrete_or_error = _core.concrete_or_error
ConcretizationTypeError = _core.ConcretizationTypeError
source_info_current = _source_info_util.current

# Compile-and-run a single primitive (the default eager rule).
apply_primitive = _dispatch.apply_primitive


def new_var(aval):
    """A fresh jaxpr variable of type ``aval`` (the constructor moved across versions)."""
    return _core.Var(aval)


def is_tracer(x) -> bool:
    return isinstance(x, _core.Tracer)


# --- lowering ------------------------------------------------------------------
from jax._src.interpreters import mlir as _mlir
from jax._src.lib.mlir import ir as ir  # noqa: F401  (re-exported)
from jax._src.lib.mlir.dialects import chlo as chlo  # noqa: F401
from jax._src.lib.mlir.dialects import func as func_dialect  # noqa: F401
from jax._src.lib.mlir.dialects import hlo as hlo  # noqa: F401

register_lowering = _mlir.register_lowering
default_lowerings = _mlir._lowerings
platform_lowerings = _mlir._platform_specific_lowerings
LoweringRuleContext = _mlir.LoweringRuleContext
lower_fun = _mlir.lower_fun
ir_constant = _mlir.ir_constant


def aval_to_ir_type(aval) -> ir.Type:
    """The MLIR tensor type of a ShapedArray.

    jax 0.10 threads a ModuleContext through its own helper (for a cache); the
    type itself depends only on shape and dtype, so build it directly.
    """
    return ir.RankedTensorType.get(tuple(aval.shape), _mlir.dtype_to_ir_type(aval.dtype))

dtype_to_ir_type = _mlir.dtype_to_ir_type
dense_int_array = _mlir.dense_int_array
i64_attr = _mlir.i64_attr
i32_attr = _mlir.i32_attr
module_to_string = _mlir.module_to_string


def expand_platform(platform: str) -> tuple[str, ...]:
    """'gpu' -> ('cuda', 'rocm'); other names unchanged."""
    from jax._src import xla_bridge
    return tuple(xla_bridge.expand_platform_alias(platform))


# --- autodiff ------------------------------------------------------------------
from jax._src import ad_util as _ad_util
from jax._src.interpreters import ad as _ad

Zero = _ad_util.Zero
SymbolicZero = _ad_util.SymbolicZero
primitive_jvps = _ad.primitive_jvps
primitive_transposes = _ad.primitive_transposes
UndefinedPrimal = _ad.UndefinedPrimal
is_undefined_primal = _ad.is_undefined_primal
instantiate_zeros = _ad.instantiate_zeros
add_tangents = _ad.add_tangents
ad_defjvp = _ad.defjvp
ad_defjvp2 = _ad.defjvp2
ad_deflinear2 = _ad.deflinear2
ad_defbilinear = _ad.defbilinear
ad_defjvp_zero = _ad.defjvp_zero
zeros_like_aval = _ad_util.zeros_like_aval


# --- batching ------------------------------------------------------------------
from jax._src.interpreters import batching as _batching

not_mapped = None  # jax uses None for an unbatched operand
fancy_primitive_batchers = _batching.fancy_primitive_batchers


def register_batcher(prim, rule):
    """Register ``rule(args, dims, **params) -> (out, out_dim)`` for ``prim``.

    jax's newer batchers receive axis data first; we adapt the classic form,
    and short-circuit the all-unbatched case so rules never see it.
    """
    def wrapped(axis_data, vals, dims, **params):
        if all(d is None for d in dims):
            out = prim.bind(*vals, **params)
            return (out, [None] * len(out)) if prim.multiple_results else (out, None)
        return rule(vals, dims, **params)
    wrapped.jaxwrap_rule = rule
    fancy_primitive_batchers[prim] = wrapped


def registered_batcher(prim):
    w = fancy_primitive_batchers.get(prim)
    return None if w is None else getattr(w, "jaxwrap_rule", w)


# --- sharding (types only; used by jaxwrap_extend.sharding) ----------------------
def xla_op_sharding_proto():
    from jax._src.lib import xla_client
    return xla_client.OpSharding
