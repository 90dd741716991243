"""Shared machinery for jaxwrap's primitive set.

``define`` makes a primitive and registers its abstract eval and lowering in
one call; families add their JVP / transpose / batching rules right after, in
one block per primitive.  The helpers here (dtype kinds, abstract-value and
constant helpers) are what every family file uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from jax import dtypes as jdtypes

from .. import _jax
from ..core import Primitive, ShapedArray
from ..interpreters import mlir
from ..interpreters.mlir import aval_to_ir_type, hlo


class PrimitiveSet:
    """jaxwrap's primitives by name: ``primitives.add_p``, ``primitives['add']``."""

    def __init__(self):
        self._by_name: dict[str, Primitive] = {}

    def add(self, prim: Primitive) -> None:
        if prim.name in self._by_name:
            raise ValueError(f"primitive {prim.name!r} defined twice")
        self._by_name[prim.name] = prim

    def __getattr__(self, attr):
        if attr.endswith("_p") and attr[:-2] in self.__dict__.get("_by_name", {}):
            return self._by_name[attr[:-2]]
        raise AttributeError(f"no jaxwrap primitive {attr!r}")

    def __getitem__(self, name: str) -> Primitive:
        return self._by_name[name]

    def __contains__(self, name) -> bool:
        return (name.name if isinstance(name, Primitive) else name) in self._by_name

    def __iter__(self):
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def __dir__(self):
        return [n + "_p" for n in self._by_name]


registry = PrimitiveSet()


def define(name: str, abstract_eval: Callable, lowering: Callable | None, *,
           multiple_results: bool = False) -> Primitive:
    """Make jaxwrap primitive ``name`` with its abstract eval and (default) lowering."""
    prim = Primitive(name, multiple_results=multiple_results)
    prim.def_abstract_eval(abstract_eval)
    if lowering is not None:
        mlir.register_lowering(prim, lowering)
    registry.add(prim)
    return prim


# --- dtype kinds ---------------------------------------------------------------
# Named once; rows of the family tables refer to them.
BOOL, SINT, UINT, FLOAT, COMPLEX = "bool", "int", "uint", "float", "complex"
INT = (SINT, UINT)
INTEGRAL = (BOOL, SINT, UINT)
INEXACT = (FLOAT, COMPLEX)
NUMERIC = (SINT, UINT, FLOAT, COMPLEX)
REAL_NUMERIC = (SINT, UINT, FLOAT)
ANY = (BOOL, SINT, UINT, FLOAT, COMPLEX)


def kind(dtype) -> str:
    """The kind of ``dtype``: 'bool', 'int', 'uint', 'float' or 'complex'."""
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return BOOL
    if jdtypes.issubdtype(dtype, np.signedinteger):
        return SINT
    if jdtypes.issubdtype(dtype, np.unsignedinteger):
        return UINT
    if jdtypes.issubdtype(dtype, np.complexfloating):
        return COMPLEX
    if jdtypes.issubdtype(dtype, np.floating):
        return FLOAT
    raise TypeError(f"unsupported dtype {dtype}")


def flat_kinds(kinds) -> frozenset:
    out = set()
    for k in (kinds if isinstance(kinds, (tuple, list, set, frozenset)) else (kinds,)):
        out.update(flat_kinds(k) if isinstance(k, tuple) else {k})
    return frozenset(out)


def check_kind(prim_name: str, dtype, kinds, what: str = "operand") -> None:
    if kind(dtype) not in flat_kinds(kinds):
        raise TypeError(f"{prim_name} does not accept {what} of dtype {np.dtype(dtype).name} "
                        f"(accepts {', '.join(sorted(flat_kinds(kinds)))})")


def real_dtype(dtype) -> np.dtype:
    """The real counterpart of a complex dtype (others unchanged)."""
    dtype = np.dtype(dtype)
    return np.finfo(dtype).dtype if kind(dtype) == COMPLEX else dtype


def complex_dtype(dtype) -> np.dtype:
    return np.dtype(np.complex128) if np.dtype(dtype) == np.float64 else np.dtype(np.complex64)


# --- abstract values, constants --------------------------------------------------
def aval(shape, dtype, weak_type: bool = False) -> ShapedArray:
    return ShapedArray(tuple(int(d) for d in shape), np.dtype(dtype), weak_type=weak_type)


def aval_of(x):
    return _jax.typeof(x)


def same_shapes(prim_name: str, avals) -> tuple:
    shapes = {a.shape for a in avals}
    if len(shapes) != 1:
        raise TypeError(f"{prim_name} requires operands of equal shape, got "
                        f"{', '.join(str(a.shape) for a in avals)}")
    return shapes.pop()


def same_dtypes(prim_name: str, avals) -> np.dtype:
    dts = {np.dtype(a.dtype) for a in avals}
    if len(dts) != 1:
        raise TypeError(f"{prim_name} requires operands of equal dtype, got "
                        f"{', '.join(np.dtype(a.dtype).name for a in avals)}")
    return dts.pop()


def const(x, value):
    """A scalar constant with ``x``'s dtype (a numpy scalar: a literal in jaxprs).

    Weakly typed where ``x`` is (jax's ``full_like`` rule): a derivative rule's
    constants then keep a Python scalar's weak type, as jax's rules do, e.g. the
    gradient of tanh at 1.5.  Only that case costs an equation (the conversion)."""
    a = aval_of(x)
    c = np.array(value, dtype=a.dtype)
    if not a.weak_type:
        return c
    from .elementwise import convert_element_type
    return convert_element_type(c, a.dtype, weak_type=True)


def full(shape, value, dtype):
    """An array of ``shape`` filled with ``value`` (jaxwrap primitives only)."""
    from .structural import broadcast_in_dim
    return broadcast_in_dim(np.array(value, dtype=dtype), tuple(shape), ())


def full_like(x, value):
    """An array like ``x`` filled with ``value``, weakly typed where ``x`` is."""
    a = aval_of(x)
    if not a.weak_type:
        return full(a.shape, value, a.dtype)
    from .structural import broadcast_in_dim
    return broadcast_in_dim(const(x, value), tuple(a.shape), ())


def zeros_like_aval(a):
    return full(a.shape, 0, a.dtype)


def instantiate(t, like):
    """A tangent/cotangent as an array: symbolic zeros become zeros like ``like``."""
    if type(t) is _jax.Zero:
        return zeros_like_aval(t.aval)
    return t


def is_zero(t) -> bool:
    return type(t) is _jax.Zero


def tangent_dtype_is_float0(a) -> bool:
    return kind(a.dtype) in INTEGRAL


# --- lowering helpers ------------------------------------------------------------
def out_type(ctx, i: int = 0):
    return aval_to_ir_type(ctx.avals_out[i])


def lower_op(op_cls) -> Callable:
    """Lowering for a StableHLO/CHLO op that infers its result type from operands."""
    def rule(ctx, *args, **params):
        return op_cls(*args).results
    rule.__name__ = f"lower_{op_cls.__name__}"
    return rule


def lower_typed(op_cls) -> Callable:
    """Lowering for an op that needs the result type spelled out."""
    def rule(ctx, *args, **params):
        return [op_cls(out_type(ctx), *args).result]
    return rule


def splat(ctx, value, i: int = 0):
    return mlir.splat(ctx, value, i)


def normalize_tuple(xs: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(x) for x in xs)


hlo = hlo
