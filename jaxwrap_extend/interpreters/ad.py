"""Forward- and reverse-mode differentiation rules for primitives.

``defjvp(prim, *rules)``: one rule per operand, ``rule(t, *primals, **params)``
gives that operand's contribution to the output tangent. ``defjvp2`` rules also
receive the primal output first. ``deflinear(prim, transpose_rule)`` marks a
primitive linear in all operands. ``primitive_jvps`` / ``primitive_transposes``
are the registries (keyed by primitive).
"""

from __future__ import annotations

from .. import _jax
from .._jax import (
    UndefinedPrimal as UndefinedPrimal,
)
from .._jax import (
    Zero as Zero,
)
from .._jax import (
    add_tangents as add_tangents,
)
from .._jax import (
    instantiate_zeros as _jax_instantiate_zeros,
)
from .._jax import (
    is_undefined_primal as is_undefined_primal,
)
from .._jax import (
    primitive_jvps as primitive_jvps,
)
from .._jax import (
    primitive_transposes as primitive_transposes,
)
from ..core._primitive import is_placeholder


def defjvp(prim, *jvp_rules) -> None:
    """Register per-operand JVP rules ``rule(t, *primals, **params)`` (None: no dependence)."""
    _jax.ad_defjvp(prim, *jvp_rules)


def defjvp2(prim, *jvp_rules) -> None:
    """Like defjvp, with rules ``rule(t, primal_out, *primals, **params)``."""
    _jax.ad_defjvp2(prim, *jvp_rules)


def defjvp_zero(prim) -> None:
    """The output does not depend differentiably on any input (e.g. integer results)."""
    _jax.ad_defjvp_zero(prim)


def deflinear(prim, transpose_rule) -> None:
    """Mark ``prim`` linear; ``transpose_rule(ct, *operands, **params)`` returns
    one cotangent per operand (None for operands that are not linear inputs)."""
    _jax.ad_deflinear2(prim, transpose_rule)


def defbilinear(prim, lhs_rule, rhs_rule) -> None:
    """Mark ``prim`` bilinear; the rules give the cotangent of the lhs / rhs."""
    _jax.ad_defbilinear(prim, lhs_rule, rhs_rule)


def deftranspose(prim, transpose_rule) -> None:
    """Register only a transpose rule (the JVP is registered separately)."""
    primitive_transposes[prim] = transpose_rule


def instantiate_zeros(tangent):
    """Turn a symbolic ``Zero`` tangent into an array of zeros (others unchanged)."""
    return _jax_instantiate_zeros(tangent)


def has_jvp(prim) -> bool:
    """Whether a real JVP (forward-mode) rule is registered for a primitive.

    Parameters
    ----------
    prim : Primitive
        The primitive to look up.

    Returns
    -------
    bool
        False while only the placeholder rule that every new ``Primitive``
        starts with (it raises a "no JVP rule" error) is registered.

    Examples
    --------
    >>> from jaxwrap_extend import core
    >>> from jaxwrap_extend.interpreters import ad
    >>> p = core.Primitive("my_double")
    >>> ad.has_jvp(p)
    False
    >>> ad.defjvp(p, lambda t, x: t)
    >>> ad.has_jvp(p)
    True
    """
    return not is_placeholder(primitive_jvps.get(prim))


def has_transpose(prim) -> bool:
    """Whether a real transpose rule (for reverse mode) is registered for a primitive.

    Parameters
    ----------
    prim : Primitive
        The primitive to look up.

    Returns
    -------
    bool
        False while only the placeholder rule that every new ``Primitive``
        starts with is registered.

    Examples
    --------
    >>> from jaxwrap_extend import core
    >>> from jaxwrap_extend.interpreters import ad
    >>> p = core.Primitive("my_scale")
    >>> ad.has_transpose(p)
    False
    >>> ad.deflinear(p, lambda ct, x: [ct])
    >>> ad.has_transpose(p)
    True
    """
    return not is_placeholder(primitive_transposes.get(prim))
