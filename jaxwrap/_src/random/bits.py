"""Raw bits, uniform and normal floats, truncated normals, Bernoulli,
Rademacher and integers: the building blocks of every other sampler.
"""

from __future__ import annotations

import jax
import numpy as np

from jaxwrap._src import dtypes as _dtypes
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

from ._common import (
    _UINT,
    _arr,
    _bc,
    _broadcast_shape,
    _c,
    _check_shape,
    _dtype_arg,
    _finfo,
    _select,
    _shape_arg,
)
from .keys import _run

__all__ = ["bernoulli", "bits", "normal", "rademacher", "randint", "truncated_normal", "uniform"]


# --- bits, uniform, normal ------------------------------------------------------------------
def bits(key, shape=(), dtype=None):
    """Uniform random bits: unsigned integers of ``dtype`` (default uint32, uint64 with x64)."""
    dt = _dtypes.default_uint_dtype() if dtype is None else _dtypes.check_user_dtype(dtype, "bits")
    if not np.issubdtype(dt, np.unsignedinteger):
        raise ValueError(f"dtype argument to `bits` must be an unsigned int dtype, got {dt}")
    return _run("bits", _bits, key, shape=_shape_arg("bits", shape), bit_width=dt.itemsize * 8)


def _bits(k, *, shape, bit_width):
    return k.bits(bit_width, shape)


def uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0):
    """Uniform floats in [minval, maxval).

    >>> import jaxwrap.random as jr
    >>> float(jr.uniform(jr.key(0)))  # same as jax.random.uniform  # doctest: +ELLIPSIS
    0.947667...
    """
    dt = _dtype_arg("uniform", dtype, "float")
    return _run("uniform", _uniform, key, minval, maxval, shape=_shape_arg("uniform", shape),
                dtype=dt)


def _uniform(k, minval, maxval, *, shape, dtype):
    # Mantissa bits from the top of random bits, OR'ed into the exponent of 1.0,
    # give a float in [1, 2); minus 1: [0, 1) with nmant bits of resolution.
    minval, maxval = _arr(minval, dtype), _arr(maxval, dtype)
    _check_shape("uniform", shape, np.shape(minval), np.shape(maxval))
    fi = _finfo(dtype)
    nbits, nmant = fi.bits, fi.nmant
    rng_bits = 8 if nmant < 8 else nbits
    udt = np.dtype(_UINT[nbits])
    b = k.bits(rng_bits, shape)
    if rng_bits != nbits:
        b = L.convert_element_type(b, udt)
    one_bits = np.array(1.0, dtype).view(udt)
    fbits = L.or_(L.shift_right_logical(b, np.array(rng_bits - nmant, udt)), one_bits)
    floats = L.sub(L.bitcast_convert_type(fbits, dtype), np.array(1.0, dtype))
    lo, hi = _bc(minval, shape), _bc(maxval, shape)
    return L.max(lo, L.add(L.mul(floats, L.sub(hi, lo)), lo))


def normal(key, shape=(), dtype=None):
    """Standard normal samples (real or complex ``dtype``)."""
    dt = _dtype_arg("normal", dtype, "inexact")
    return _run("normal", _normal, key, shape=_shape_arg("normal", shape), dtype=dt)


def _normal(k, *, shape, dtype):
    if np.issubdtype(dtype, np.complexfloating):
        rdt = np.dtype(np.finfo(dtype).dtype)
        kr, ki = k.split()
        z = L.complex(_normal_real(kr, shape, rdt), _normal_real(ki, shape, rdt))
        return L.div(z, np.array(np.sqrt(2), dtype))
    return _normal_real(k, shape, dtype)


def _normal_real(k, shape, dtype):
    # Inverse-CDF: sqrt(2) erfinv(u) with u uniform on (-1, 1).
    lo = np.array(-1.0 + float(_finfo(dtype).epsneg), dtype)
    u = _uniform(k, lo, 1.0, shape=shape, dtype=dtype)
    return L.mul(np.array(np.sqrt(2), dtype), L.erf_inv(u))


def truncated_normal(key, lower, upper, shape=None, dtype=None):
    """Normal samples truncated to (lower, upper)."""
    dt = _dtype_arg("truncated_normal", dtype, "float")
    shape = _broadcast_shape("truncated_normal", shape, lower, upper)
    return _run("truncated_normal", _truncated_normal, key, lower, upper, shape=shape, dtype=dt)


def _truncated_normal(k, lower, upper, *, shape, dtype):
    s2 = np.array(np.sqrt(2), dtype)
    lower, upper = _arr(lower, dtype), _arr(upper, dtype)
    a, b = L.erf(L.div(lower, s2)), L.erf(L.div(upper, s2))
    u = _uniform(k, a, b, shape=shape, dtype=dtype)
    out = L.mul(s2, L.erf_inv(u))
    # Keep the open interval despite rounding.
    lo = L.nextafter(lower, np.full(np.shape(lower), np.inf, dtype))
    hi = L.nextafter(upper, np.full(np.shape(upper), -np.inf, dtype))
    return L.min(_bc(hi, shape), L.max(_bc(lo, shape), out))


def bernoulli(key, p=0.5, shape=None, mode="low"):
    """Booleans that are True with probability ``p``."""
    if mode not in ("high", "low"):
        raise ValueError(f"got mode={mode!r}, expected 'high' or 'low'")
    dt = _dtypes.dtype(p, canonicalize=True)
    if not jax.dtypes.issubdtype(dt, np.floating):
        raise TypeError(f"bernoulli probability `p` must have a floating dtype, got {dt}.")
    shape = tuple(np.shape(p)) if shape is None else _shape_arg("bernoulli", shape)
    _check_shape("bernoulli", shape, np.shape(p))
    return _run("bernoulli", _bernoulli, key, p, shape=shape, mode=mode, dtype=dt)


def _bernoulli(k, p, *, shape, mode, dtype):
    p = _bc(_arr(p, dtype), shape)
    if mode == "high":
        # Two uniforms: u1 + u2 * 2**-nmant resolves tiny probabilities.
        u = _uniform(k, 0.0, 1.0, shape=(2,) + shape, dtype=dtype)
        u1, u2 = (L.reshape(L.slice(u, (i,) + (0,) * len(shape), (i + 1,) + shape), shape)
                  for i in (0, 1))
        u2 = L.mul(u2, np.array(2.0 ** -_finfo(dtype).nmant, dtype))
        return L.lt(u2, L.sub(p, u1))
    return L.lt(_uniform(k, 0.0, 1.0, shape=shape, dtype=dtype), p)


def rademacher(key, shape=(), dtype=None):
    """Random signs, -1 or +1 with equal probability."""
    dt = _dtypes.check_user_dtype(int if dtype is None else dtype, "rademacher")
    return _run("rademacher", _rademacher, key, shape=_shape_arg("rademacher", shape), dtype=dt)


def _rademacher(k, *, shape, dtype):
    fdt = _dtypes.default_float_dtype()
    b = L.convert_element_type(_bernoulli(k, 0.5, shape=shape, mode="low", dtype=fdt), dtype)
    return L.sub(L.mul(_c(b, 2), b), _c(b, 1))


# --- integers ---------------------------------------------------------------------------
def _clip_convert(val, dtype):
    """``val`` clipped to the range of both dtypes, then converted to ``dtype``."""
    a, b = np.iinfo(dtype), np.iinfo(val.dtype)
    lo, hi = max(a.min, b.min), min(a.max, b.max)
    return L.convert_element_type(L.min(L.max(val, _c(val, lo)), _c(val, hi)), dtype)


def randint(key, shape, minval, maxval, dtype=None):
    """Uniform integers in [minval, maxval)."""
    dt = _dtypes.check_user_dtype(int if dtype is None else dtype, "randint")
    if not np.issubdtype(dt, np.integer):
        raise TypeError(f"randint only accepts integer dtypes, got {dt}")
    shape = _shape_arg("randint", shape)
    return _run("randint", _randint_outer, key, minval, maxval, shape=shape, dtype=dt)


def _randint_outer(k, minval, maxval, *, shape, dtype):
    info = np.iinfo(dtype)
    if info.bits < 32:
        # Narrow integers are sampled as int32 and converted.
        i32 = np.dtype(np.int32)
        minval = L.min(L.max(_arr(minval, i32), np.int32(info.min)), np.int32(info.max))
        maxval = L.min(L.max(_arr(maxval, i32), np.int32(info.min)), np.int32(info.max + 1))
        return L.convert_element_type(_randint(k, minval, maxval, shape=shape, dtype=i32), dtype)
    return _randint(k, minval, maxval, shape=shape, dtype=dtype)


def _randint(k, minval, maxval, *, shape, dtype):
    _check_shape("randint", shape, np.shape(minval), np.shape(maxval))
    minval, maxval = _util.asarray(minval), _util.asarray(maxval)
    if not np.issubdtype(minval.dtype, np.integer):
        minval = L.convert_element_type(minval, _dtypes.default_int_dtype())
    if not np.issubdtype(maxval.dtype, np.integer):
        maxval = L.convert_element_type(maxval, _dtypes.default_int_dtype())
    top = _clip_convert(np.array(np.iinfo(dtype).max, dtype), maxval.dtype)
    maxval_out_of_range = L.gt(maxval, top)
    minval, maxval = _clip_convert(minval, dtype), _clip_convert(maxval, dtype)
    minval, maxval = _bc(minval, shape), _bc(maxval, shape)
    maxval_out_of_range = _bc(maxval_out_of_range, shape)
    nbits = np.iinfo(dtype).bits
    k1, k2 = k.split()
    higher, lower = k1.bits(nbits, shape), k2.bits(nbits, shape)
    udt = np.dtype(_UINT[nbits])
    span = L.convert_element_type(L.sub(maxval, minval), udt)
    one = np.array(1, udt)
    span = _select(L.le(maxval, minval), L.broadcast_in_dim(one, shape, ()), span)
    # maxval above the dtype's range: the top value is reachable too.
    span = _select(L.and_(maxval_out_of_range, L.gt(maxval, minval)), L.add(span, one), span)
    # Combine two draws modulo span: (hi mod span) * (2**nbits mod span) + lo mod span.
    mult = L.rem(np.array(2 ** (nbits // 2), udt), span)
    mult = L.rem(L.mul(mult, mult), span)
    off = L.add(L.mul(L.rem(higher, span), mult), L.rem(lower, span))
    off = L.rem(off, span)
    return L.add(minval, L.convert_element_type(off, dtype))


# jax.random's out_sharding= keyword on the samplers that take it (_sharding.py)
from ._sharding import add_out_sharding  # noqa: E402

add_out_sharding(globals())
