"""Primitives, abstract values and the Jaxpr IR (the counterpart of jax.extend.core)."""

from .._jax import (
    AbstractValue as AbstractValue,
    ClosedJaxpr as ClosedJaxpr,
    DropVar as DropVar,
    Jaxpr as Jaxpr,
    JaxprEqn as JaxprEqn,
    JaxprTypeError as JaxprTypeError,
    Literal as Literal,
    ShapedArray as ShapedArray,
    Var as Var,
    new_jaxpr_eqn as new_jaxpr_eqn,
)
from ._primitive import (
    MissingRuleError as MissingRuleError,
    Primitive as Primitive,
)
from ._jaxpr import (
    check_jaxpr as check_jaxpr,
    eval_jaxpr as eval_jaxpr,
    jaxpr_as_fun as jaxpr_as_fun,
    make_jaxpr as make_jaxpr,
    pp_jaxpr as pp_jaxpr,
    primitives_used as primitives_used,
    subjaxprs as subjaxprs,
    walk_eqns as walk_eqns,
)


def __getattr__(name):
    # ``core.primitives`` is jaxwrap's primitive set, imported on first use so
    # that defining a user primitive does not pay for building all of them.
    if name == "primitives":
        from .. import _prims
        return _prims.registry
    raise AttributeError(f"module 'jaxwrap_extend.core' has no attribute '{name}'")
