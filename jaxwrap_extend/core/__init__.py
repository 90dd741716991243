"""Primitives, abstract values and the Jaxpr IR (the counterpart of jax.extend.core).

* ``Primitive``, ``ShapedArray``, ``MissingRuleError``: define new operations
  (rules are registered with ``jaxwrap_extend.interpreters``).
* ``primitives``: jaxwrap's own primitive set, by name (``primitives.add_p``).
* The Jaxpr IR: ``Jaxpr``, ``ClosedJaxpr``, ``JaxprEqn``, ``Var``,
  ``Literal``, ``DropVar``; stage with ``make_jaxpr``; build explicitly with
  ``JaxprBuilder`` (``arg``, ``const``, ``literal``, ``add``, ``inline``,
  ``build``) or ``new_var`` / ``new_jaxpr_eqn`` / ``new_jaxpr``; check with
  ``check_jaxpr``; print with ``pp_jaxpr`` / ``pp_eqn``; run with
  ``jaxpr_as_fun`` / ``eval_jaxpr`` / ``interpret``; walk with
  ``walk_eqns`` / ``walk_jaxprs`` / ``subjaxprs``.
* ``inline_jit``: ``jax.jit(f, inline=True)`` that, under a jaxpr-building trace,
  emits a cached jaxpr of ``f`` straight into the trace (the dispatch of
  jaxwrap's public functions).
* Abstract-value helpers: ``get_aval``, ``mapped_aval`` / ``unmapped_aval``
  (remove / insert a batch axis), ``primal_dtype_to_tangent_dtype``.
* ``sharding_rules``: output-sharding rules for ``Primitive.def_sharding_rule``
  (jax's Explicit mesh axes).
"""

from .._jax import (
    AbstractValue as AbstractValue,
)
from .._jax import (
    ClosedJaxpr as ClosedJaxpr,
)
from .._jax import (
    DropVar as DropVar,
)
from .._jax import (
    Effect as Effect,
)
from .._jax import (
    Jaxpr as Jaxpr,
)
from .._jax import (
    JaxprEqn as JaxprEqn,
)
from .._jax import (
    JaxprTypeError as JaxprTypeError,
)
from .._jax import (
    Literal as Literal,
)
from .._jax import (
    ShapedArray as ShapedArray,
)
from .._jax import (
    Token as Token,
)
from .._jax import (
    Var as Var,
)
from .._jax import (
    get_aval as get_aval,
)
from .._jax import (
    mapped_aval as mapped_aval,
)
from .._jax import (
    new_jaxpr_eqn as new_jaxpr_eqn,
)
from .._jax import (
    no_effects as no_effects,
)
from .._jax import (
    primal_dtype_to_tangent_dtype as primal_dtype_to_tangent_dtype,
)
from .._jax import (
    unmapped_aval as unmapped_aval,
)
from . import sharding_rules as sharding_rules
from ._jaxpr import (
    JaxprBuilder as JaxprBuilder,
)
from ._jaxpr import (
    JaxprCheckError as JaxprCheckError,
)
from ._jaxpr import (
    check_jaxpr as check_jaxpr,
)
from ._jaxpr import (
    eval_jaxpr as eval_jaxpr,
)
from ._jaxpr import (
    interpret as interpret,
)
from ._jaxpr import (
    jaxpr_as_fun as jaxpr_as_fun,
)
from ._jaxpr import (
    make_jaxpr as make_jaxpr,
)
from ._jaxpr import (
    new_jaxpr as new_jaxpr,
)
from ._jaxpr import (
    pp_eqn as pp_eqn,
)
from ._jaxpr import (
    pp_jaxpr as pp_jaxpr,
)
from ._jaxpr import (
    primitives_used as primitives_used,
)
from ._jaxpr import (
    subjaxprs as subjaxprs,
)
from ._jaxpr import (
    walk_eqns as walk_eqns,
)
from ._jaxpr import (
    walk_jaxprs as walk_jaxprs,
)
from ._inline import (
    inline_jit as inline_jit,
)
from ._primitive import (
    MissingRuleError as MissingRuleError,
)
from ._primitive import (
    Primitive as Primitive,
)


def new_var(aval) -> Var:
    """A fresh jaxpr variable of type ``aval`` (see also ``JaxprBuilder``)."""
    from .. import _jax
    return _jax.new_var(aval)


def __getattr__(name):
    # ``core.primitives`` is jaxwrap's primitive set, imported on first use so
    # that defining a user primitive does not pay for building all of them.
    if name == "primitives":
        from .. import _prims
        return _prims.registry
    raise AttributeError(f"module 'jaxwrap_extend.core' has no attribute '{name}'")
