"""Dtype categories and type promotion for jaxwrap.

jaxwrap promotes dtypes the way jax does, not the way numpy does.  The rules
are a partial order (the "promotion lattice") over the supported dtypes plus
three *weak* nodes that stand for Python scalars; the dtype of a mixed
operation is the least upper bound of its operands on that lattice.

Sources for the rules mirrored here (read, not copied):

* "Type promotion semantics", https://docs.jax.dev/en/latest/type_promotion.html
* jax 0.10, ``jax/_src/dtypes.py``: lattice edges, the x64-off variant of the
  lattice, the "strict" lattice, weak-type handling in ``result_type``.

Everything here is data plus a few small functions:

* the categories (``SIGNED_DTYPES`` ...), defined once;
* the lattice as an edge table (``_STANDARD_EDGES``), from which the upper
  bound sets, the full pair table (``promotion_table``) and every promotion
  are derived;
* ``dtype`` / ``result_type`` / ``promote_types`` and friends, which only map
  their arguments onto lattice nodes and look the answer up.

Configuration (``jax_enable_x64``, ``jax_numpy_dtype_promotion``,
``jax_explicit_x64_dtypes``) is read from ``jax.config`` at call time, so
``jax.enable_x64(...)`` and ``jax.numpy_dtype_promotion(...)`` contexts apply.
"""

from __future__ import annotations

import functools
import os
import sys
import types
import warnings
from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

import jax
import ml_dtypes
import numpy as np

__all__ = [
    "ALL_DTYPES", "BOOL_DTYPES", "COMPLEX_DTYPES", "CUSTOM_FLOAT_DTYPES", "FLOAT_DTYPES",
    "INEXACT_DTYPES", "INTEGER_DTYPES", "NUMERIC_DTYPES", "SIGNED_DTYPES",
    "SMALL_FLOAT_DTYPES", "SUBBYTE_INT_DTYPES", "UNSIGNED_DTYPES", "WEAK_TYPES",
    "TypePromotionError", "bfloat16", "canonicalize_dtype", "check_user_dtype",
    "default_complex_dtype", "default_float_dtype", "default_int_dtype", "default_uint_dtype",
    "dtype", "is_bool", "is_complex", "is_floating", "is_inexact", "is_integer", "is_numeric",
    "is_python_scalar", "is_signed", "is_unsigned", "is_weakly_typed", "issubdtype",
    "itemsize_bits", "lattice_edges", "promote_types", "promotion_table", "result_type",
    "to_complex_dtype", "to_floating_dtype", "to_inexact_dtype", "to_numeric_dtype",
    "upper_bounds", "x64_enabled",
]

# jax's own exception class (public as jax.dtypes.TypePromotionError, a ValueError),
# so code that catches jax's promotion failures also catches ours.
TypePromotionError = jax.dtypes.TypePromotionError

# --------------------------------------------------------------------------
# Dtype categories, defined once.
# --------------------------------------------------------------------------

def _ml(*names: str) -> tuple[np.dtype, ...]:
    """ml_dtypes types by name; names the installed ml_dtypes lacks are skipped."""
    return tuple(np.dtype(getattr(ml_dtypes, n)) for n in names if hasattr(ml_dtypes, n))


def _np(*names: str) -> tuple[np.dtype, ...]:
    return tuple(np.dtype(n) for n in names)


bfloat16 = np.dtype(ml_dtypes.bfloat16)

BOOL_DTYPES = _np("bool")
# Sub-byte integers: jax supports int2/int4 (and int1 when ml_dtypes has it);
# they take part in no implicit promotion except with weak ints.
SUBBYTE_SIGNED = _ml("int1", "int2", "int4")
SUBBYTE_UNSIGNED = _ml("uint1", "uint2", "uint4")
SUBBYTE_INT_DTYPES = SUBBYTE_SIGNED + SUBBYTE_UNSIGNED
SIGNED_DTYPES = SUBBYTE_SIGNED + _np("int8", "int16", "int32", "int64")
UNSIGNED_DTYPES = SUBBYTE_UNSIGNED + _np("uint8", "uint16", "uint32", "uint64")
INTEGER_DTYPES = UNSIGNED_DTYPES + SIGNED_DTYPES
# Floats narrower than 16 bits (fp8 / fp6 / fp4 variants jax supports): like
# the sub-byte ints, they promote implicitly only with weak floats.
SMALL_FLOAT_DTYPES = _ml(
    "float4_e2m1fn", "float6_e2m3fn", "float6_e3m2fn", "float8_e3m4", "float8_e4m3",
    "float8_e8m0fnu", "float8_e4m3b11fnuz", "float8_e4m3fn", "float8_e4m3fnuz",
    "float8_e5m2", "float8_e5m2fnuz",
)
# Floats whose scalar types come from ml_dtypes and are NOT subclasses of
# np.floating (so numpy's own issubdtype gets them wrong).
CUSTOM_FLOAT_DTYPES = SMALL_FLOAT_DTYPES + (bfloat16,)
FLOAT_DTYPES = CUSTOM_FLOAT_DTYPES + _np("float16", "float32", "float64")
COMPLEX_DTYPES = _np("complex64", "complex128")
INEXACT_DTYPES = FLOAT_DTYPES + COMPLEX_DTYPES
NUMERIC_DTYPES = INTEGER_DTYPES + INEXACT_DTYPES
ALL_DTYPES = BOOL_DTYPES + NUMERIC_DTYPES

# The weak nodes of the lattice are the Python scalar types themselves:
# int -> "i*", float -> "f*", complex -> "c*" in the jax documentation.
WEAK_TYPES: tuple[type, ...] = (int, float, complex)
_PY_SCALAR_TYPES: tuple[type, ...] = (bool, int, float, complex)

_SUPPORTED = frozenset(ALL_DTYPES)
_SIGNED = frozenset(SIGNED_DTYPES)
_UNSIGNED = frozenset(UNSIGNED_DTYPES)
_FLOATING = frozenset(FLOAT_DTYPES)
_COMPLEX = frozenset(COMPLEX_DTYPES)
_NARROW = frozenset(SMALL_FLOAT_DTYPES + SUBBYTE_INT_DTYPES)
_CUSTOM_FLOAT_TYPES = frozenset(d.type for d in CUSTOM_FLOAT_DTYPES)
_SUBBYTE_SIGNED_TYPES = frozenset(d.type for d in SUBBYTE_SIGNED)
_SUBBYTE_UNSIGNED_TYPES = frozenset(d.type for d in SUBBYTE_UNSIGNED)

_B, _I8, _I16, _I32, _I64 = _np("bool", "int8", "int16", "int32", "int64")
_U8, _U16, _U32, _U64 = _np("uint8", "uint16", "uint32", "uint64")
_F16, _F32, _F64, _C64, _C128 = _np("float16", "float32", "float64", "complex64", "complex128")

# --------------------------------------------------------------------------
# Configuration, read at call time.
# --------------------------------------------------------------------------

def x64_enabled() -> bool:
    """Whether 64-bit dtypes are enabled (``jax_enable_x64``)."""
    return bool(jax.config.jax_enable_x64)


def _strict() -> bool:
    # jax_numpy_dtype_promotion is a str enum: 'standard' or 'strict'.
    return jax.config.jax_numpy_dtype_promotion == "strict"


def _explicit_x64_mode() -> str:
    # jax_explicit_x64_dtypes is an enum WARN / ERROR / ALLOW (default WARN).
    mode = jax.config.jax_explicit_x64_dtypes
    return str(getattr(mode, "name", mode)).lower()


def default_int_dtype() -> np.dtype:
    return _I64 if x64_enabled() else _I32


def default_uint_dtype() -> np.dtype:
    return _U64 if x64_enabled() else _U32


def default_float_dtype() -> np.dtype:
    return _F64 if x64_enabled() else _F32


def default_complex_dtype() -> np.dtype:
    return _C128 if x64_enabled() else _C64


# The dtype a Python scalar type stands for (bool is not weak, but is here).
_PY_DEFAULTS = {
    bool: lambda: _B, int: default_int_dtype, float: default_float_dtype,
    complex: default_complex_dtype,
}

# --------------------------------------------------------------------------
# The promotion lattice, as data.
# --------------------------------------------------------------------------
#
# Each node maps to the nodes immediately above it.  Reading guide: bool sits
# under weak int; weak int sits under every integer; unsigned n promotes with
# signed n to signed 2n; 64-bit ints meet floats only at weak float, which
# sits under every float and under weak complex.  Sub-byte ints and
# sub-16-bit floats hang off the weak nodes with nothing above them, so they
# promote only with themselves and with Python scalars.

_STANDARD_EDGES: Mapping[Any, tuple[Any, ...]] = types.MappingProxyType({
    _B: (int,),
    int: (_U8, _I8, *SUBBYTE_INT_DTYPES),
    _U8: (_U16, _I16),
    _U16: (_U32, _I32),
    _U32: (_U64, _I64),
    _U64: (float,),
    _I8: (_I16,),
    _I16: (_I32,),
    _I32: (_I64,),
    _I64: (float,),
    float: (bfloat16, _F16, complex, *SMALL_FLOAT_DTYPES),
    bfloat16: (_F32,),
    _F16: (_F32,),
    _F32: (_F64, _C64),
    _F64: (_C128,),
    complex: (_C64,),
    _C64: (_C128,),
})

# With x64 off, uint32 x int32 must not form int64 from 32-bit inputs, so the
# edge uint32 -> int64 becomes uint32 -> int32 (jax does the same).
_X32_OVERRIDES: Mapping[Any, tuple[Any, ...]] = types.MappingProxyType({_U32: (_U64, _I32)})

# jax_numpy_dtype_promotion='strict': only Python scalars promote implicitly.
_STRICT_EDGES: Mapping[Any, tuple[Any, ...]] = types.MappingProxyType({
    int: (float, *INTEGER_DTYPES),
    float: (complex, *FLOAT_DTYPES),
    complex: COMPLEX_DTYPES,
})

_NODES: tuple[Any, ...] = (*WEAK_TYPES, *ALL_DTYPES)
_NODE_SET = frozenset(_NODES)


@functools.cache
def lattice_edges(x64: bool = True, strict: bool = False) -> Mapping[Any, tuple[Any, ...]]:
    """Every lattice node mapped to the nodes immediately above it."""
    edges = dict(_STRICT_EDGES if strict else _STANDARD_EDGES)
    if not strict and not x64:
        edges.update(_X32_OVERRIDES)
    return types.MappingProxyType({n: edges.get(n, ()) for n in _NODES})


@functools.cache
def upper_bounds(x64: bool = True, strict: bool = False) -> Mapping[Any, frozenset[Any]]:
    """Every node mapped to the set of nodes >= it (reflexive-transitive closure)."""
    edges = lattice_edges(x64, strict)
    ubs: dict[Any, frozenset[Any]] = {}

    def visit(node: Any, path: tuple[Any, ...]) -> frozenset[Any]:
        # Identity, not ==: numpy says np.dtype('float64') == float.
        if any(node is p for p in path):
            raise AssertionError(f"cycle in the promotion lattice at {node}")
        if node not in ubs:
            ubs[node] = frozenset({node}).union(*(visit(m, (*path, node)) for m in edges[node]))
        return ubs[node]

    for n in _NODES:
        visit(n, ())
    return types.MappingProxyType(ubs)


def _least_upper_bound_of(nodes: Iterable[Any], ubs: Mapping[Any, frozenset[Any]]) -> Any:
    """The least common upper bound of `nodes` on the order `ubs`, or None."""
    common = frozenset.intersection(*(ubs[n] for n in nodes))
    least = [c for c in common if common <= ubs[c]]
    if len(least) > 1:  # a well-formed lattice has at most one
        raise AssertionError(f"promotion lattice is ill-formed: {nodes} -> {least}")
    return least[0] if least else None


@functools.cache
def promotion_table(x64: bool = True, strict: bool = False) -> Mapping[tuple[Any, Any], Any]:
    """The full pair table derived from the lattice.

    Maps every ordered pair of nodes (dtypes and the weak types int, float,
    complex) to their least upper bound, or to None where no implicit
    promotion exists.  All promotions in jaxwrap are looked up here.
    """
    ubs = upper_bounds(x64, strict)
    return types.MappingProxyType(
        {(a, b): _least_upper_bound_of((a, b), ubs) for a in _NODES for b in _NODES})


def _node_name(n: Any) -> str:
    return f"{n.__name__}*" if isinstance(n, type) else str(n)


def _no_promotion_message(nodes: Iterable[Any], strict: bool) -> str:
    names = ", ".join(_node_name(n) for n in nodes)
    msg = f"no implicit type promotion exists between {names}"
    if strict:
        return (f"{msg} under jax_numpy_dtype_promotion='strict'; cast explicitly, or "
                "use jax_numpy_dtype_promotion='standard'.")
    narrow = [n for n in nodes if n in _NARROW]
    if narrow:
        return (f"{msg}: sub-byte integers and floats narrower than 16 bits never "
                f"promote implicitly (to avoid silent widening); cast explicitly, e.g. "
                f"x.astype('float32').")
    return f"{msg}; cast the operands explicitly to the type you want."


def _lub(nodes: Iterable[Any], x64: bool, strict: bool) -> Any:
    """Least upper bound of lattice nodes, by reduction over the pair table.

    Pairwise reduction equals the n-ary bound: joins are associative, and if
    some pair has no common upper bound neither does the whole set.
    """
    nodes = tuple(nodes)
    table = promotion_table(x64, strict)
    for n in nodes:
        if n not in _NODE_SET:
            raise ValueError(f"dtype {n} does not take part in type promotion")
    out = nodes[0]
    for n in nodes[1:]:
        out = table[out, n]
        if out is None:
            raise TypePromotionError(_no_promotion_message(dict.fromkeys(nodes), strict))
    return out


# --------------------------------------------------------------------------
# Converting arguments to dtypes.
# --------------------------------------------------------------------------

_TO_32BIT = {_I64: _I32, _U64: _U32, _F64: _F32, _C128: _C64}


def _as_np_dtype(x: Any, where: str) -> np.dtype:
    """np.dtype(x) for a dtype-like `x`, or a TypeError that says `where`."""
    if isinstance(x, np.dtype):
        return x
    if isinstance(x, (jax.Array, np.ndarray)):
        raise TypeError(f"{where} must be a dtype, not an array; pass x.dtype instead")
    try:
        return np.dtype(x)
    except (TypeError, ValueError) as e:
        raise TypeError(f"{where}: {x!r} is not a valid dtype ({e})") from None


def canonicalize_dtype(dtype: Any) -> np.dtype:
    """The dtype jax would use for `dtype`: 64-bit types become 32-bit when x64 is off."""
    dt = _as_np_dtype(dtype, "canonicalize_dtype() argument `dtype`")
    return dt if x64_enabled() else _TO_32BIT.get(dt, dt)


def _canonicalize_explicit(dt: np.dtype, fun_name: str) -> np.dtype:
    """Canonicalize a dtype the user asked for by name, per jax_explicit_x64_dtypes."""
    if x64_enabled() or dt not in _TO_32BIT:
        return dt
    mode = _explicit_x64_mode()
    if mode == "allow":
        return dt
    narrow = _TO_32BIT[dt]
    msg = (f"{fun_name}: dtype {dt} was requested, but 64-bit dtypes are disabled "
           f"(jax_enable_x64 is off)")
    if mode == "error":
        raise ValueError(f"{msg}. Enable jax_enable_x64 or jax_explicit_x64_dtypes='allow'.")
    warnings.warn(f"{msg}; using {narrow} instead. Set jax_enable_x64 to keep 64-bit types.",
                  UserWarning, stacklevel=_user_stacklevel())
    return narrow


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _user_stacklevel() -> int:
    """The warnings stacklevel of the first caller outside the jaxwrap package."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame, level = frame.f_back, level + 1
    return level


def _check_supported(dt: np.dtype, x: Any, where: str) -> np.dtype:
    if dt not in _SUPPORTED:
        raise TypeError(f"{where}: {x!r} has dtype {dt}, which jaxwrap does not support "
                        "(only bool and numeric dtypes are)")
    return dt


def _is_extended(dt: Any) -> bool:
    # jax's extended dtypes (e.g. PRNG key dtypes) are not np.dtype instances;
    # their scalar type derives from the public jax.dtypes.extended.
    return not isinstance(dt, np.dtype) and _issubclass(getattr(dt, "type", None),
                                                       jax.dtypes.extended)


def dtype(x: Any, canonicalize: bool = False, *, where: str = "dtype()") -> np.dtype:
    """The dtype of an array, scalar, or dtype-like.

    * jax arrays and tracers: their dtype, as is (never canonicalized: a value
      that already is 64-bit stays 64-bit).
    * Python scalars and the types bool/int/float/complex: jax's default dtype
      for that kind (int32 / float32 / complex64 unless x64 is on).
    * numpy arrays and scalars, strings, numpy/ml_dtypes scalar types, dtypes:
      their numpy dtype, canonicalized only when `canonicalize` is true.

    Raises ValueError for None and TypeError for anything else, naming `where`.
    """
    if x is None:
        raise ValueError(f"{where}: None has no dtype")
    if isinstance(x, jax.Array):
        return x.dtype
    if type(x) in _PY_DEFAULTS:
        return _PY_DEFAULTS[type(x)]()
    if isinstance(x, type) and x in _PY_DEFAULTS:
        return _PY_DEFAULTS[x]()
    if isinstance(x, (np.ndarray, np.generic)):
        dt = _check_supported(x.dtype, x, where)
        return canonicalize_dtype(dt) if canonicalize else dt
    if isinstance(x, _PY_SCALAR_TYPES):  # a subclass, e.g. an IntEnum member
        return _PY_DEFAULTS[next(t for t in _PY_SCALAR_TYPES if isinstance(x, t))]()
    if isinstance(x, (str, np.dtype, type)):
        dt = _check_supported(_as_np_dtype(x, where), x, where)
        return _canonicalize_explicit(dt, where) if canonicalize else dt
    dt = getattr(x, "dtype", None)
    if _is_extended(dt):
        return dt
    if not isinstance(dt, np.dtype):
        raise TypeError(f"{where}: cannot determine the dtype of {x!r} "
                        f"(type {type(x).__name__}); expected an array, a scalar or a dtype")
    dt = _check_supported(dt, x, where)
    return canonicalize_dtype(dt) if canonicalize else dt


def check_user_dtype(dtype: Any, fun_name: str, arg_name: str = "dtype") -> np.dtype:
    """Validate and canonicalize a `dtype=` argument of public function `fun_name`.

    Python types map to jax's defaults (``float`` -> float32 unless x64);
    explicit 64-bit dtypes follow jax_explicit_x64_dtypes (warn by default).
    """
    where = f"{fun_name}() argument `{arg_name}`"
    if dtype is None:
        raise ValueError(f"{where} must be given (got None)")
    if isinstance(dtype, type) and dtype in _PY_DEFAULTS:
        return _PY_DEFAULTS[dtype]()
    dt = _check_supported(_as_np_dtype(dtype, where), dtype, where)
    return _canonicalize_explicit(dt, f"{fun_name}()")


def is_python_scalar(x: Any) -> bool:
    """Whether `x` is a Python bool, int, float or complex (not a subclass such as np.float64)."""
    return type(x) in _PY_SCALAR_TYPES


def is_weakly_typed(x: Any) -> bool:
    """Whether `x` is weakly typed: a Python int/float/complex, or a weak jax array.

    Python bools are not weak (as in jax; bool is the bottom of the lattice,
    so weakness would change nothing).
    """
    t = type(x)
    if t is int or t is float or t is complex:
        return True
    if isinstance(x, jax.Array):
        return bool(jax.typeof(x).weak_type)
    return False


# --------------------------------------------------------------------------
# Promotion.
# --------------------------------------------------------------------------

def _weak_node(dt: Any) -> Any:
    """The lattice node of a weakly typed value of dtype `dt`."""
    if dt in _SIGNED or dt in _UNSIGNED:
        return int
    if dt in _FLOATING:
        return float
    if dt in _COMPLEX:
        return complex
    return dt  # bool (weak bool is just bool), or an unsupported dtype


def _weak_default(dt: Any) -> np.dtype:
    """The dtype a weakly typed result of dtype `dt` is reported as."""
    if dt in _SIGNED:
        return default_int_dtype()
    if dt in _UNSIGNED:  # jax keeps the kind: a weak uint result is uint32/uint64
        return default_uint_dtype()
    if dt in _FLOATING:
        return default_float_dtype()
    return default_complex_dtype()


def _operand(x: Any, i: int) -> tuple[Any, bool]:
    """(dtype, weak) of the i-th argument of result_type."""
    if x is None:
        return default_float_dtype(), False
    if x is int or x is float or x is complex:
        return _PY_DEFAULTS[x](), True
    t = type(x)
    if t in _PY_DEFAULTS:
        return _PY_DEFAULTS[t](), t is not bool
    if isinstance(x, jax.Array):
        return x.dtype, bool(jax.typeof(x).weak_type)
    return dtype(x, canonicalize=True, where=f"result_type() argument {i}"), False


@functools.lru_cache(maxsize=4096)
def _promote_operands(operands: tuple[tuple[Any, bool], ...], x64: bool,
                      strict: bool) -> tuple[Any, bool, bool]:
    """(result node, weak, from_lattice) for (dtype, weak) operands."""
    dts = tuple(d for d, _ in operands)
    weak = tuple(w for _, w in operands)
    if len(operands) == 1:
        return dts[0], weak[0], False
    if all(d == dts[0] for d in dts) and not all(weak):
        # Same dtype, at least one strong: no lattice needed (this also lets
        # equal extended dtypes, e.g. PRNG keys, through).
        return dts[0], False, False
    if all(weak) and not strict:
        # All weak: promote the dtypes as if strong, then mark the result weak.
        # (Joining the weak nodes instead would lose e.g. weak int16.)
        return _lub(dict.fromkeys(dts), x64, strict), True, True
    nodes = dict.fromkeys(_weak_node(d) if w else d for d, w in operands)
    out = _lub(nodes, x64, strict)
    return out, isinstance(out, type), True


@overload
def result_type(*args: Any, return_weak_type_flag: Literal[False] = False) -> np.dtype: ...


@overload
def result_type(*args: Any, return_weak_type_flag: Literal[True]) -> tuple[np.dtype, bool]: ...


def result_type(*args: Any, return_weak_type_flag: bool = False) -> Any:
    """The dtype jax's promotion rules give to an operation on `args`.

    Arguments may be arrays (jax or numpy), tracers, Python or numpy scalars,
    dtype-likes, or None (the default float dtype).  Python scalars, the
    Python types int/float/complex, and weak jax arrays are weak operands;
    everything else is strong.  The result is canonicalized for x64.

    With ``return_weak_type_flag=True`` returns ``(dtype, weak)``, where
    `weak` says whether the result is itself weakly typed.
    """
    if not args:
        raise ValueError("result_type() requires at least one array, scalar or dtype")
    operands = tuple(_operand(x, i) for i, x in enumerate(args))
    out, weak, from_lattice = _promote_operands(operands, x64_enabled(), _strict())
    if isinstance(out, type):  # a weak Python type node
        out = _PY_DEFAULTS[out]()
    elif from_lattice:
        out = _canonicalize_explicit(out, "result_type()")
    weak = weak and out != _B
    if weak:
        out = _weak_default(out)
    return (out, weak) if return_weak_type_flag else out


def _promotion_node(x: Any, where: str) -> Any:
    # Identity, not equality: np.dtype('int64') == int is True in numpy.
    if x is int or x is float or x is complex:
        return x
    dt = _as_np_dtype(x, where)
    if dt not in _SUPPORTED:
        raise ValueError(f"{where}: dtype {dt} does not take part in type promotion")
    return dt


def promote_types(a: Any, b: Any) -> np.dtype:
    """The dtype both `a` and `b` promote to (jax's lattice, no canonicalization).

    The Python types int, float and complex are weak: they never widen the
    other operand.  Like jax, the inputs are not canonicalized, and a result
    that is a weak type is reported as numpy reports that Python type
    (e.g. ``promote_types(float, float)`` is float64 even with x64 off).
    """
    na = _promotion_node(a, "promote_types() argument `a`")
    nb = _promotion_node(b, "promote_types() argument `b`")
    return np.dtype(_lub((na, nb), x64_enabled(), _strict()))


# --------------------------------------------------------------------------
# Dtype transforms and predicates.
# --------------------------------------------------------------------------

def to_inexact_dtype(dt: Any) -> np.dtype:
    """The dtype an integer/bool `dt` computes in when it must be inexact.

    bool and integers of at most 32 bits -> float32, 64-bit integers ->
    float64, inexact dtypes unchanged.  Not canonicalized (jax neither).
    """
    dt = _as_np_dtype(dt, "to_inexact_dtype() argument")
    if dt == _B or dt in _SIGNED or dt in _UNSIGNED:
        return _F64 if dt.itemsize == 8 else _F32
    return dt


def to_floating_dtype(dt: Any) -> np.dtype:
    """Like to_inexact_dtype, but complex dtypes map to their real component dtype."""
    dt = to_inexact_dtype(dt)
    return {_C64: _F32, _C128: _F64}.get(dt, dt)


def to_complex_dtype(dt: Any) -> np.dtype:
    """complex128 for 64-bit numeric dtypes, complex64 for everything else."""
    inexact = to_inexact_dtype(dt)
    return _C128 if inexact in (_F64, _C128) else _C64


def to_numeric_dtype(dt: Any) -> np.dtype:
    """bool -> int32; numeric dtypes unchanged."""
    dt = _as_np_dtype(dt, "to_numeric_dtype() argument")
    return _I32 if dt == _B else dt


def itemsize_bits(dt: Any) -> int:
    """Bits per element (itemsize is wrong for sub-byte types); bool counts as 8."""
    dt = _as_np_dtype(dt, "itemsize_bits() argument")
    if dt == _B:
        return 8
    if dt in _SIGNED or dt in _UNSIGNED:
        return ml_dtypes.iinfo(dt).bits
    if dt in _FLOATING:
        return ml_dtypes.finfo(dt).bits
    if dt in _COMPLEX:
        return 2 * ml_dtypes.finfo(dt).bits
    raise TypeError(f"itemsize_bits(): unsupported dtype {dt}")


def _category_predicate(members: frozenset[np.dtype], doc: str):
    def predicate(dt: Any) -> bool:
        return (dt if isinstance(dt, np.dtype) else _as_np_dtype(dt, "dtype")) in members
    predicate.__doc__ = doc
    return predicate


is_bool = _category_predicate(frozenset(BOOL_DTYPES), "Whether `dt` is bool.")
is_signed = _category_predicate(_SIGNED, "Whether `dt` is a signed integer dtype.")
is_unsigned = _category_predicate(_UNSIGNED, "Whether `dt` is an unsigned integer dtype.")
is_integer = _category_predicate(_SIGNED | _UNSIGNED, "Whether `dt` is an integer dtype.")
is_floating = _category_predicate(_FLOATING, "Whether `dt` is a real floating dtype.")
is_complex = _category_predicate(_COMPLEX, "Whether `dt` is a complex dtype.")
is_inexact = _category_predicate(_FLOATING | _COMPLEX, "Whether `dt` is floating or complex.")
is_numeric = _category_predicate(frozenset(NUMERIC_DTYPES), "Whether `dt` is numeric (not bool).")


# --------------------------------------------------------------------------
# issubdtype, aware of ml_dtypes and jax's extended dtypes.
# --------------------------------------------------------------------------

def _issubclass(a: Any, b: Any) -> bool:
    return isinstance(a, type) and issubclass(a, b)


def _scalar_type(x: Any, where: str) -> Any:
    if _issubclass(x, np.generic):
        return x
    if _is_extended(x):
        return x.type
    return _as_np_dtype(x, where).type


# Abstract numpy classes each custom scalar type belongs to.  The ml_dtypes
# scalar types derive from np.generic only, so numpy alone would say that
# bfloat16 is not np.floating; jax answers as if they sat in numpy's tree.
_FLOAT_PARENTS = frozenset({np.floating, np.inexact, np.number, np.generic})
_SIGNED_PARENTS = frozenset({np.signedinteger, np.integer, np.number, np.generic})
_UNSIGNED_PARENTS = frozenset({np.unsignedinteger, np.integer, np.number, np.generic})


def issubdtype(a: Any, b: Any) -> bool:
    """Whether dtype `a` is `b` or sits below it in numpy's type hierarchy.

    Like numpy.issubdtype, but bfloat16 and the fp8/fp6/fp4 types count as
    np.floating, int2/int4 as np.signedinteger, uint2/uint4 as
    np.unsignedinteger, and jax's extended dtypes (PRNG keys) work.
    """
    if _issubclass(b, jax.dtypes.extended):
        return _issubclass(_scalar_type(a, "issubdtype() argument `a`"), b)
    if _is_extended(b):
        return _is_extended(a) and a == b
    at = _scalar_type(a, "issubdtype() argument `a`")
    bt = _scalar_type(b, "issubdtype() argument `b`")
    if at in _CUSTOM_FLOAT_TYPES:
        return bt is at or bt in _FLOAT_PARENTS
    if at in _SUBBYTE_SIGNED_TYPES:
        return bt is at or bt in _SIGNED_PARENTS
    if at in _SUBBYTE_UNSIGNED_TYPES:
        return bt is at or bt in _UNSIGNED_PARENTS
    return bool(np.issubdtype(at, bt))
