"""Scalar types (``jaxwrap.numpy.float32`` ...) and constants.

As in jax.numpy, a scalar type is a class whose call makes a 0-d (or n-d)
jax array of that dtype: ``float32(3)`` is ``Array(3., dtype=float32)``.  It
compares equal to, hashes like and converts (``np.dtype(float32)``) as the
numpy type, so it can be used wherever a dtype is expected.
"""

from __future__ import annotations

import ml_dtypes as _ml
import numpy as np

from .. import dtypes


class _ScalarMeta(type):
    dtype: np.dtype

    def __hash__(cls):
        return hash(cls.dtype.type)

    def __eq__(cls, other):
        return cls is other or cls.dtype.type == other

    def __ne__(cls, other):
        # not cls.__eq__(other): that finds object.__eq__ on the class, unbound
        return not _ScalarMeta.__eq__(cls, other)

    def __call__(cls, x=0):
        from ._util import asarray
        return asarray(x, dtype=cls.dtype, name=cls.__name__)

    def __instancecheck__(cls, instance):
        return isinstance(instance, cls.dtype.type)


def _scalar_type(name: str, np_type) -> type:
    dt = np.dtype(np_type)
    doc = (f"A jaxwrap scalar type for dtype {dt.name}.\n\nCalling it converts its argument to "
           f"a jax array of dtype {dt.name}:\n\n>>> import jaxwrap.numpy as jwnp\n"
           f">>> jwnp.{name}(1)  # doctest: +SKIP\n")
    return _ScalarMeta(name, (object,), {"dtype": dt, "__doc__": doc, "__module__": "jaxwrap.numpy"})


bool_ = _scalar_type("bool", np.bool_)   # named "bool", as jax's jnp.bool_
bool = bool_
int8 = _scalar_type("int8", np.int8)
int16 = _scalar_type("int16", np.int16)
int32 = _scalar_type("int32", np.int32)
int64 = _scalar_type("int64", np.int64)
uint8 = _scalar_type("uint8", np.uint8)
uint16 = _scalar_type("uint16", np.uint16)
uint32 = _scalar_type("uint32", np.uint32)
uint64 = _scalar_type("uint64", np.uint64)
float16 = _scalar_type("float16", np.float16)
float32 = _scalar_type("float32", np.float32)
float64 = _scalar_type("float64", np.float64)
bfloat16 = _scalar_type("bfloat16", dtypes.bfloat16)
complex64 = _scalar_type("complex64", np.complex64)
# jax's extension types (ml_dtypes): narrow floats and sub-byte integers.
float8_e3m4 = _scalar_type("float8_e3m4", _ml.float8_e3m4)
float8_e4m3 = _scalar_type("float8_e4m3", _ml.float8_e4m3)
float8_e4m3b11fnuz = _scalar_type("float8_e4m3b11fnuz", _ml.float8_e4m3b11fnuz)
float8_e4m3fn = _scalar_type("float8_e4m3fn", _ml.float8_e4m3fn)
float8_e4m3fnuz = _scalar_type("float8_e4m3fnuz", _ml.float8_e4m3fnuz)
float8_e5m2 = _scalar_type("float8_e5m2", _ml.float8_e5m2)
float8_e5m2fnuz = _scalar_type("float8_e5m2fnuz", _ml.float8_e5m2fnuz)
float8_e8m0fnu = _scalar_type("float8_e8m0fnu", _ml.float8_e8m0fnu)
float6_e2m3fn = _scalar_type("float6_e2m3fn", _ml.float6_e2m3fn)
float6_e3m2fn = _scalar_type("float6_e3m2fn", _ml.float6_e3m2fn)
float4_e2m1fn = _scalar_type("float4_e2m1fn", _ml.float4_e2m1fn)
int1 = _scalar_type("int1", _ml.int1)
int2 = _scalar_type("int2", _ml.int2)
int4 = _scalar_type("int4", _ml.int4)
uint1 = _scalar_type("uint1", _ml.uint1)
uint2 = _scalar_type("uint2", _ml.uint2)
uint4 = _scalar_type("uint4", _ml.uint4)
complex128 = _scalar_type("complex128", np.complex128)
# Aliases jax keeps although NumPy 2 removed them.
float_ = float64
complex_ = complex128
# numpy's C-named aliases
int_ = int64
uint = uint64
intp = int64
uintp = uint64
byte = int8
ubyte = uint8
short = int16
ushort = uint16
intc = int32
uintc = uint32
long = int64
ulong = uint64
longlong = int64
ulonglong = uint64
half = float16
single = float32
double = float64
csingle = complex64
cdouble = complex128

# The abstract type hierarchy is numpy's own (used with issubdtype).
generic = np.generic
number = np.number
integer = np.integer
signedinteger = np.signedinteger
unsignedinteger = np.unsignedinteger
inexact = np.inexact
floating = np.floating
complexfloating = np.complexfloating
character = np.character
flexible = np.flexible
object_ = np.object_

# Constants
pi = np.pi
e = np.e
euler_gamma = np.euler_gamma
inf = np.inf
nan = np.nan
newaxis = None
little_endian = np.little_endian
