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


# --- staging a cached jaxpr into the current trace (jaxwrap_extend.core.inline_jit) --
from jax._src import config as _config
from jax._src import dtypes as _dtypes
from jax._src.interpreters import partial_eval as _pe

_DynamicJaxprTrace = _pe.DynamicJaxprTrace
_disable_jit = _config.disable_jit
trace_context = _config.trace_context      # the config state jit's caches key on
canonicalize_value = _dtypes.canonicalize_value


_EvalTrace = _core.EvalTrace


def current_trace():
    """(kind, trace): kind is "staging" for a jaxpr-building trace (``jit``,
    ``make_jaxpr``, lowering) with jit enabled, "eval" for concrete evaluation or
    when jit is disabled, "other" for the transformation traces (grad, vmap, ...)."""
    t = _core.trace_ctx.trace
    if _disable_jit.value:
        return "eval", t
    tt = type(t)
    if tt is _DynamicJaxprTrace:
        return "staging", t
    if tt is _EvalTrace:
        return "eval", t
    return "other", t


# jit's C++ dispatch object: built by jax.jit from (name, function, cache-miss callback,
# static argnums/argnames, global cache key, pytree registry, shard fallback, cache).
try:
    from jax._src.lib import _jax as _xla_ext
    _make_pjit = _xla_ext.pjit
except (ImportError, AttributeError):      # a jax without it: inline_jit's Python path
    _make_pjit = None
_PJIT_STATE = ("function_name", "fun", "cache_miss", "static_argnums", "static_argnames",
               "global_cache_key", "pytree_registry", "shard_arg_fallback", "cache")


def jit_with_staging_rule(jitted, staged, on_error=None):
    """``jitted`` (a ``jax.jit`` object) rebuilt so that its cache misses under a
    jaxpr-building trace call ``staged(trace, args, kwargs)`` instead of jit's staging.
    ``on_error(exc)``, if given, sees every exception a cache miss raises (tracing,
    jit's argument checks) and may raise another in its place.

    Everything else is ``jitted``'s: the same function, static arguments, options and
    C++ compile cache (jax keys that cache on the function and options, so the two
    objects share compiled executables), and jax's own cache-miss path for eager calls,
    ``grad``/``vmap`` and disabled jit. An eager call that hits the cache never enters
    Python: the ``jax.jit`` object is called directly, as ``jax.numpy``'s functions are.
    Under a staging trace jit's C++ dispatch always misses (the trace is part of its
    key), so every such call reaches ``staged``.

    Returns None where this jax does not expose the pieces (the caller then keeps a
    Python-level dispatch).
    """
    if _make_pjit is None:
        return None
    try:
        state = jitted.__getstate__()
        parts = [state[k] for k in _PJIT_STATE]
    except (AttributeError, KeyError, TypeError):
        return None
    jax_miss = state["cache_miss"]
    trace_ctx, staging, disabled = _core.trace_ctx, _DynamicJaxprTrace, _disable_jit

    def cache_miss(*args, **kwargs):
        # current_trace()'s test for "staging", written out: this runs on every call
        # under a staging trace
        trace = trace_ctx.trace
        try:
            if type(trace) is not staging or disabled.value:
                return jax_miss(*args, **kwargs)
            # (outputs, no fast-path data: nothing to cache for a trace, no PGLE
            # rebuild); the 3-tuple is jax 0.10's cache-miss protocol.
            return staged(trace, args, kwargs), None, False
        except Exception as e:
            if on_error is not None:
                on_error(e)
            raise

    parts[2] = cache_miss
    try:    # the constructor's arguments as jax 0.10-0.11.1 take them (checked in both)
        fast = _make_pjit(*parts)
    except TypeError:
        return None
    # wraps' attributes and jit's (_fun, _jit_info: .lower / .trace / .eval_shape work)
    fast.__dict__.update(jitted.__dict__)
    return fast


def inline_closed_jaxpr(trace, closed, leaves):
    """Emit ``closed``'s equations into ``trace`` on ``leaves`` (tracers or canonical
    values) and return its outputs as tracers: what jit's staging rule does for an
    ``inline=True`` call, without the jit machinery around it."""
    src = _source_info_util.current()
    ins = [trace.to_jaxpr_tracer(x, src) for x in leaves]
    # Its outputs are tracers of ``trace`` already (inputs, new constants or emitted
    # equations' results), so they are returned as they are.
    return _pe.inline_jaxpr_into_trace(trace, src, closed.jaxpr, closed.consts, *ins)


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


# --- jaxpr building and printing (used by jaxwrap_extend.core) -------------------
Token = _core.Token
Effect = _core.Effect
typecompat = _core.typecompat
mapped_aval = _core.mapped_aval          # (size, axis, aval): drop a mapped axis
unmapped_aval = _core.unmapped_aval      # (size, axis, aval): insert one
primal_dtype_to_tangent_dtype = _core.primal_dtype_to_tangent_dtype


def new_literal(value, aval):
    """A jaxpr literal (an inline scalar constant) of type ``aval``."""
    return _core.Literal(value, aval)


def new_jaxpr(constvars, invars, outvars, eqns, effects=frozenset(), name="JaxprBuilder"):
    """A Jaxpr with the debug info jax wants (argument names, result paths)."""
    debug = _core.DebugInfo(name, None, tuple(f"arg{i}" for i in range(len(invars))),
                            tuple(f"result[{i}]" for i in range(len(outvars))))
    return _core.Jaxpr(constvars, invars, outvars, eqns, effects, debug)


def pp_with_names(jaxpr):
    """Print ``jaxpr`` and return (text, eqn_printer); the printer names
    variables exactly as the text does, so an equation quoted in an error
    message matches the listing."""
    context = _core.JaxprPpContext()
    settings = _core.JaxprPpSettings()
    text = _core.pp_jaxpr(jaxpr, context, settings).format()
    return text, lambda eqn: _core.pp_eqn(eqn, context, settings).format()


# --- backends (used by jaxwrap_extend.backend) -----------------------------------
from jax.extend import backend as _jex_backend

backends = _jex_backend.backends
get_backend = _jex_backend.get_backend
clear_backends = _jex_backend.clear_backends
backend_xla_version = _jex_backend.backend_xla_version
get_default_device = _jex_backend.get_default_device
clear_in_memory_compilation_cache = _jex_backend.clear_in_memory_compilation_cache
get_compile_options = _jex_backend.get_compile_options


# --- sharding (used by jaxwrap_extend.sharding) ----------------------------------
from jax._src import sharding_impls as _sharding_impls
from jax._src.lib import xla_client as _xla_client

OpSharding = _xla_client.OpSharding
HloSharding = _xla_client.HloSharding
GSPMDSharding = _sharding_impls.GSPMDSharding
parse_flatten_op_sharding = _sharding_impls.parse_flatten_op_sharding


def xla_op_sharding_proto():
    return OpSharding


def sharding_to_hlo(sharding, ndim: int):
    """The XLA HloSharding of a jax Sharding for an array of rank ``ndim``."""
    return sharding._to_xla_hlo_sharding(ndim)


# Sharding in types (jax's Explicit mesh axes): an aval's ``sharding`` is a
# NamedSharding over an AbstractMesh.  Used by jaxwrap_extend.core's sharding rules.
from jax._src import named_sharding as _named_sharding
from jax._src.lax import lax as _lax

ShardingTypeError = _core.ShardingTypeError
DuplicateSpecError = _named_sharding.DuplicateSpecError  # a spec names a mesh axis twice
broadcasting_sharding_rule = _lax.broadcasting_sharding_rule


def dot_general_sharding_rule(lhs, rhs, dimension_numbers):
    """jax's output sharding for dot_general (raises on ambiguous contractions)."""
    return _lax._dot_general_sharding_rule(lhs, rhs, dimension_numbers=dimension_numbers,
                                           precision=None, preferred_element_type=None,
                                           out_sharding=None)


def reshape_sharding_rule(operand, new_sizes):
    """jax's output sharding for reshape (splits / merges of sharded axes)."""
    return _lax._reshape_sharding_rule(operand, new_sizes=tuple(new_sizes), dimensions=None,
                                       sharding=None)


def has_explicit_sharding(avals) -> bool:
    """Whether any of ``avals`` is typed with a mesh that has Explicit axes."""
    for a in avals:
        sharding = getattr(a, "sharding", None)
        mesh = getattr(sharding, "mesh", None)
        if mesh is not None and not mesh.empty and mesh._any_axis_explicit:
            return True
    return False


# --- control flow (used by jaxwrap.scipy.linalg) ---------------------------------
from jax._src.lax.control_flow import conditionals as _conditionals


def switch_in_range(index, branches, *operands):
    """``jax.lax.switch`` for an int32 scalar ``index`` already known to be in
    range: binds only jax's structural ``cond`` (jax.lax.switch first binds a
    ``clamp``, which would break jaxwrap's primitive purity)."""
    return _conditionals._switch_internal(index, tuple(branches), tuple(operands),
                                          branches_platforms=None)


# --- linear-algebra kernels jax.lax.linalg does not export (used by _prims/linalg_bridge) ----
from jax._src.lax import linalg as _lax_linalg

geqrf = _lax_linalg.geqrf  # (a, taus): LAPACK geqrf's Householder form


# --- random / PRNG ---------------------------------------------------------------
# (owned by the random work: jaxwrap_extend.random and jaxwrap.random)
# jax's typed key arrays (``jax.random.key``) have an extended dtype whose
# element is a PRNG implementation; reading their bits (``random_unwrap``) and
# making them (``random_wrap``) are jax primitives.  jaxwrap computes on the
# raw uint32 key data and only crosses into typed keys here.
from jax._src.random import prng as _prng


def is_typed_key(x) -> bool:
    """Whether ``x`` is a jax typed key array (dtype ``key<...>``)."""
    dt = getattr(x, "dtype", None)
    return dt is not None and isinstance(dt, _prng.KeyTy)


def typed_key_impl(x):
    """The jax PRNGImpl behind a typed key array (or a key dtype)."""
    dt = x if isinstance(x, _prng.KeyTy) else x.dtype
    return dt._impl


def is_key_dtype(dt) -> bool:
    return isinstance(dt, _prng.KeyTy)


def random_unwrap(keys):
    """The uint32 data of typed keys (jax's ``random_unwrap`` primitive)."""
    return _prng.random_unwrap(keys)


def random_wrap(data, jax_impl):
    """Typed keys over uint32 ``data`` (jax's ``random_wrap`` primitive)."""
    return _prng.random_wrap(data, impl=jax_impl)


def jax_prng_impls() -> dict:
    """jax's registered PRNG implementations by name."""
    return dict(_prng.prngs)


def make_jax_prng_impl(key_shape, seed, split, random_bits, fold_in, name, tag):
    """A jax PRNGImpl (unregistered) whose operations are the given functions."""
    return _prng.PRNGImpl(key_shape=tuple(key_shape), seed=seed, split=split,
                          random_bits=random_bits, fold_in=fold_in, name=name, tag=tag)


def key_dtype(jax_impl):
    """The typed-key dtype (``key<tag>``) of a jax PRNGImpl."""
    return _prng.KeyTy(jax_impl)
