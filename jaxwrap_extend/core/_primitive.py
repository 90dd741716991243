"""jaxwrap's Primitive: jax's primitive plus defaults and errors that say what to do.

A ``Primitive`` is a real jax primitive (so ``jax.jit``, ``jax.grad``,
``jax.vmap`` and sharding treat it like any of jax's own); this subclass adds:

* a default eager rule: with no ``def_impl`` the primitive compiles itself
  (cached per shapes, dtypes and params, through jax's primitive dispatch);
* placeholder rules for the transformations, so a missing rule fails with an
  error that names the primitive and the registration call that fixes it,
  instead of a ``KeyError`` or a terse message from inside jax.
"""

from __future__ import annotations

from .. import _jax

# Every jaxwrap_extend Primitive ever made, by name (user primitives too);
# jaxwrap's own set is listed separately by ``core.primitives``.
_ALL: dict[str, Primitive] = {}


class MissingRuleError(NotImplementedError):
    """A primitive was used in a way that needs a rule nobody registered."""


def _missing(prim, what: str, fix: str):
    return MissingRuleError(
        f"primitive '{prim.name}' has no {what}; register one with {fix}")


class Primitive(_jax.Primitive):
    """A primitive operation, with its rules registered separately.

    Parameters
    ----------
    name : str
        The name shown in jaxprs.

    Notes
    -----
    Register rules with ``def_impl`` (optional), ``def_abstract_eval``,
    ``jaxwrap_extend.interpreters.mlir.register_lowering``,
    ``jaxwrap_extend.interpreters.ad.defjvp`` (and a transpose for linear
    primitives) and ``jaxwrap_extend.interpreters.batching`` rules.

    Examples
    --------
    >>> from jaxwrap_extend import core
    >>> p = core.Primitive("my_neg")
    >>> p
    my_neg
    """

    def __init__(self, name: str, *, multiple_results: bool = False):
        super().__init__(name)
        self.multiple_results = multiple_results
        self.shape_rule = None       # the rule given to def_abstract_eval
        self.sharding_rule = None    # the rule given to def_sharding_rule
        _ALL[name] = self
        _install_placeholders(self)

    def def_abstract_eval(self, rule):
        """Register ``rule(*avals, **params)`` -> output ShapedArray(s)."""
        self.shape_rule = rule
        self._install_abstract_eval()
        return rule

    def def_sharding_rule(self, rule):
        """Register ``rule(*avals, **params)`` -> the output NamedSharding(s).

        Used with jax's Explicit mesh axes (sharding in types): when an operand
        is explicitly sharded, the abstract evaluation's outputs get these
        shardings.  ``jaxwrap_extend.core.sharding_rules`` has the common
        ones (elementwise, reduction, transpose, like_operand, replicated).
        """
        self.sharding_rule = rule
        if self.shape_rule is not None:
            self._install_abstract_eval()
        return rule

    def _install_abstract_eval(self):
        shape_rule, sharding_rule = self.shape_rule, self.sharding_rule
        if sharding_rule is None:  # the common case costs nothing extra
            super().def_abstract_eval(shape_rule)
            return

        def abstract_eval(*avals, **params):
            out = shape_rule(*avals, **params)
            if not _jax.has_explicit_sharding(avals):
                return out
            sharding = sharding_rule(*avals, **params)
            if not self.multiple_results:
                return out.update(sharding=sharding)
            shardings = sharding if isinstance(sharding, (list, tuple)) else [sharding] * len(out)
            return [o.update(sharding=s) for o, s in zip(out, shardings)]

        super().def_abstract_eval(abstract_eval)

    # The default eager rule: compile this primitive alone and run it.  jax's
    # dispatch caches the executable per (avals, params).
    def impl(self, *args, **params):
        return _jax.apply_primitive(self, *args, **params)

    def abstract_eval(self, *args, **params):
        raise _missing(self, "abstract evaluation rule (output shape/dtype)",
                       f"{self.name}_p.def_abstract_eval(rule), where rule(*avals, **params) "
                       "returns a jaxwrap_extend.core.ShapedArray")


def _placeholder_lowering(prim):
    def rule(ctx, *args, **params):
        platforms = ", ".join(getattr(ctx.module_context, "platforms", ()) or ("?",))
        raise _missing(prim, f"lowering rule for platform(s) {platforms}",
                       f"jaxwrap_extend.interpreters.mlir.register_lowering({prim.name}_p, rule"
                       "[, platform=...])")
    rule.jaxwrap_placeholder = True
    return rule


def _placeholder_jvp(prim):
    def rule(primals, tangents, **params):
        raise _missing(prim, "JVP (differentiation) rule",
                       f"jaxwrap_extend.interpreters.ad.defjvp({prim.name}_p, ...) "
                       "(or defjvp2 / deflinear / primitive_jvps[...])")
    rule.jaxwrap_placeholder = True
    return rule


def _placeholder_transpose(prim):
    def rule(ct, *args, **params):
        raise _missing(prim, "transpose rule (needed for reverse-mode differentiation)",
                       f"jaxwrap_extend.interpreters.ad.deflinear({prim.name}_p, transpose_rule) "
                       "or ad.primitive_transposes[...] = rule")
    rule.jaxwrap_placeholder = True
    return rule


def _placeholder_batcher(prim):
    def rule(args, dims, **params):
        raise _missing(prim, "batching rule (needed by jax.vmap)",
                       f"jaxwrap_extend.interpreters.batching.defvectorized({prim.name}_p) / "
                       "defbroadcasting / defreducer / primitive_batchers[...] = rule")
    rule.jaxwrap_placeholder = True
    return rule


def _install_placeholders(prim):
    _jax.register_lowering(prim, _placeholder_lowering(prim))
    _jax.primitive_jvps[prim] = _placeholder_jvp(prim)
    _jax.primitive_transposes[prim] = _placeholder_transpose(prim)
    _jax.register_batcher(prim, _placeholder_batcher(prim))


def is_placeholder(rule) -> bool:
    """Whether a registered rule is missing or one of the placeholders.

    Every new ``Primitive`` starts with placeholder lowering, JVP, transpose
    and batching rules that raise an error naming the registration to add.

    Parameters
    ----------
    rule : callable or None
        A rule taken from one of the registries (None when absent).

    Returns
    -------
    bool
        True for None and for the placeholders, False for a real rule.

    Examples
    --------
    >>> from jaxwrap_extend import core
    >>> from jaxwrap_extend.interpreters import ad
    >>> p = core.Primitive("my_sin")
    >>> ad.is_placeholder(ad.primitive_jvps[p])
    True
    >>> ad.is_placeholder(lambda t, x: t)
    False
    """
    return rule is None or getattr(rule, "jaxwrap_placeholder", False)
