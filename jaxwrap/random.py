"""Pseudo-random numbers with explicit keys: jaxwrap's ``jax.random``.

Same functions and signatures as ``jax.random``.  For threefry keys (jax's
default generator) every sampler gives bit-for-bit the values of
``jax.random`` for the same key, shape and dtype: keys, splits and bits come
from :mod:`jaxwrap_extend.random` and the samplers follow jax's algorithms
step by step (uniform floats from the top mantissa bits, normals through
``erf_inv``, gamma by Marsaglia and Tsang's squeeze method, Poisson by Knuth's
product method below 10 and Hörmann's transformed rejection (PTRS) above...).

Keys.  Both kinds ``jax.random`` accepts work: typed keys (``key(seed)``,
dtype ``key<fry>``; jax's own typed keys interoperate both ways) and raw
uint32 keys of shape (2,) (``PRNGKey(seed)``).  A function returning keys
returns the kind it was given.  Raw keys stay inside jaxwrap's primitives;
typed keys cross into jax only through ``random_wrap`` / ``random_unwrap``.
"""

from __future__ import annotations

import functools
import inspect
import math
import operator
from collections.abc import Sequence

import jax
import ml_dtypes
import numpy as np

import jaxwrap_extend.random as _xr
from jaxwrap._src import dtypes as _dtypes
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

__all__ = [
    "PRNGKey", "ball", "bernoulli", "beta", "binomial", "bits", "categorical", "cauchy",
    "chisquare", "choice", "clone", "dirichlet", "double_sided_maxwell", "exponential", "f",
    "fold_in", "gamma", "generalized_normal", "geometric", "gumbel", "key", "key_data",
    "key_dtype", "key_impl", "laplace", "loggamma", "logistic", "lognormal", "maxwell",
    "multinomial", "multivariate_normal", "normal", "orthogonal", "pareto", "permutation",
    "poisson", "rademacher", "randint", "rayleigh", "split", "t", "triangular",
    "truncated_normal", "uniform", "wald", "weibull_min", "wrap_key_data",
]


# --- keys ------------------------------------------------------------------------------
class _Key:
    """A single key during a computation: its implementation and raw uint32 data."""

    __slots__ = ("impl", "data")

    def __init__(self, impl, data):
        self.impl, self.data = impl, data

    def bits(self, bit_width: int, shape):
        return self.impl.random_bits(self.data, bit_width, tuple(shape))

    def split(self, num=2):
        """``num`` subkeys (a list) from one split, like jax's ``k1, k2 = split(key)``."""
        data = self.impl.split(self.data, (num,))
        nd = len(self.impl.key_shape)
        return [_Key(self.impl, L.reshape(L.slice(data, (i,) + (0,) * nd,
                                                  (i + 1,) + self.impl.key_shape),
                                          self.impl.key_shape)) for i in range(num)]


def _unwrap(name: str, key, allow_batched: bool = False):
    """(impl, raw data, was typed) of a key argument, checked."""
    if _xr.is_typed_key(key):
        impl, data, typed = _xr.impl_of_typed_key(key), _xr.random_unwrap(key), True
    else:
        if not _util.is_arraylike(key):
            raise TypeError(f"{name}: unexpected PRNG key type {type(key).__name__}")
        # Raw keys belong to the default generator (jax_default_prng_impl), like in jax.
        data, impl, typed = _util.asarray(key), _resolve_impl(None), False
        nd = len(impl.key_shape)
        if data.dtype != np.uint32 or tuple(data.shape[data.ndim - nd:]) != impl.key_shape:
            raise TypeError(f"{name}: a raw key must be a uint32 array of shape "
                            f"(..., {', '.join(map(str, impl.key_shape))}) "
                            f"(jaxwrap.random.PRNGKey); got {data.dtype}{list(data.shape)}")
    batch = tuple(data.shape[: data.ndim - len(impl.key_shape)])
    if batch and not allow_batched:
        raise ValueError(f"{name} accepts a single key, but was given a key array of shape "
                         f"{batch} != (). Use jax.vmap for batching.")
    return impl, data, typed


@functools.cache
def _jit(fn, static: tuple[str, ...]):
    return jax.jit(fn, static_argnames=static, inline=True)


def _run(name: str, fn, key, *args, **static):
    """``fn(_Key, *args, **static)`` for a single key, jitted (and inlined under traces)."""
    impl, data, _ = _unwrap(name, key)
    return _jit(_on_data, tuple(sorted(static)) + ("_fn", "_impl"))(
        data, *args, _fn=fn, _impl=impl, **static)


def _on_data(data, *args, _fn, _impl, **static):
    return _fn(_Key(_impl, data), *args, **static)


def _resolve_impl(impl):
    if impl is None:
        return _xr.impl_by_name(jax.config.jax_default_prng_impl)
    if isinstance(impl, _xr.PRNGImpl):
        return impl
    if isinstance(impl, str):
        return _xr.impl_by_name(impl)
    if _xr._jax.is_key_dtype(impl):
        return _xr.impl_of_typed_key(impl)
    raise TypeError(f"unrecognized type {type(impl).__name__} for specifying PRNG "
                    f"implementation.")


def _seed_data(name: str, seed, impl):
    if _xr.is_typed_key(seed):
        raise TypeError(f"{name} accepts a scalar seed, but was given a PRNG key.")
    if np.ndim(seed):
        raise TypeError(f"{name} accepts a scalar seed, but was given an array of shape "
                        f"{np.shape(seed)} != (). Use jax.vmap for batching")
    seed = _xr.canonical_seed(seed)
    return _jit(_seed_fn, ("_impl",))(seed, _impl=impl)


def _seed_fn(seed, *, _impl):
    return _impl.seed(seed)


def key(seed, *, impl=None, dtype=None):
    """A typed PRNG key (dtype ``key<fry>`` for threefry) from an integer seed.

    Parameters
    ----------
    seed : int or integer scalar array
        64-bit seeds use all their bits, narrower ones are widened.
    impl, dtype : str or PRNG implementation, optional
        The generator (default: ``jax_default_prng_impl``, threefry2x32).

    Returns
    -------
    A scalar typed key array, the same as ``jax.random.key(seed)``.

    >>> import jaxwrap.random as jr
    >>> jr.key_data(jr.key(42)).tolist()
    [0, 42]
    """
    if dtype is not None:
        if impl is not None:
            raise ValueError("Cannot specify both `impl` and `dtype` arguments to key")
        impl = dtype
    impl = _resolve_impl(impl)
    return _xr.random_wrap(_seed_data("key", seed, impl), impl=impl)


def PRNGKey(seed, *, impl=None):  # noqa: N802 (jax's name)
    """A raw uint32 key (shape (2,) for threefry) from an integer seed.

    >>> import jaxwrap.random as jr
    >>> jr.PRNGKey(42).tolist()
    [0, 42]
    """
    return _seed_data("PRNGKey", seed, _resolve_impl(impl))


def key_data(keys):
    """The raw uint32 data of (typed or raw) keys."""
    impl, data, typed = _unwrap("key_data", keys, allow_batched=True)
    return data


def wrap_key_data(key_bits_array, *, impl=None, dtype=None):
    """Typed keys over raw uint32 key data of shape (..., *key_shape)."""
    if dtype is not None:
        if impl is not None:
            raise ValueError("Cannot specify both `impl` and `dtype` arguments to wrap_key_data")
        impl = dtype
    return _xr.random_wrap(_util.asarray(key_bits_array), impl=_resolve_impl(impl))


def key_impl(keys):
    """The name of the generator of ``keys`` (a PRNGImpl for unregistered ones)."""
    impl, _, _ = _unwrap("key_impl", keys, allow_batched=True)
    return impl.name if _xr.prngs.get(impl.name) is impl else impl


def key_dtype(impl=None):
    """The dtype of typed keys of ``impl`` (default generator: ``key<fry>``)."""
    return _xr.key_dtype(_resolve_impl(impl))


def clone(key):
    """A copy of ``key`` (keys are immutable values; jax uses this for key-reuse checks)."""
    impl, data, typed = _unwrap("clone", key, allow_batched=True)
    return key


def _rewrap(impl, data, typed):
    return _xr.random_wrap(data, impl=impl) if typed else data


def split(key, num=2):
    """Split a key into ``num`` new keys (``num`` an int or a shape).

    >>> import jaxwrap.random as jr
    >>> jr.split(jr.PRNGKey(0)).shape
    (2, 2)
    """
    impl, data, typed = _unwrap("split", key)
    shape = tuple(num) if isinstance(num, Sequence) else (operator.index(num),)
    out = _jit(_split_fn, ("shape", "_impl"))(data, shape=shape, _impl=impl)
    return _rewrap(impl, out, typed)


def _split_fn(data, *, shape, _impl):
    return _impl.split(data, shape)


def fold_in(key, data):
    """A new key from ``key`` and the integer ``data`` (taken modulo 2**32)."""
    impl, kdata, typed = _unwrap("fold_in", key)
    if np.ndim(data):
        raise TypeError(f"fold_in accepts a scalar, but was given an array of shape "
                        f"{np.shape(data)} != (). Use jax.vmap for batching.")
    if isinstance(data, (int, np.integer)):
        data = np.asarray(data).astype(np.uint32)
    out = _jit(_fold_in_fn, ("_impl",))(kdata, data, _impl=impl)
    return _rewrap(impl, out, typed)


def _fold_in_fn(kdata, data, *, _impl):
    return _impl.fold_in(kdata, L.convert_element_type(data, np.uint32))


# --- argument helpers --------------------------------------------------------------------
def _shape_arg(name: str, shape) -> tuple[int, ...]:
    try:
        return tuple(operator.index(d) for d in (shape if isinstance(shape, Sequence)
                                                 else (shape,)))
    except TypeError:
        raise TypeError(f"{name}: shape must be a sequence of integers, got {shape!r}") from None


def _dtype_arg(name: str, dtype, kind: str, default=float) -> np.dtype:
    dt = _dtypes.check_user_dtype(default if dtype is None else dtype, name)
    ok = {"float": np.floating, "inexact": np.inexact, "int": np.integer,
          "uint": np.unsignedinteger}[kind]
    if not jax.dtypes.issubdtype(dt, ok):
        article = "a float" if kind == "float" else "an " + kind
        raise ValueError(f"dtype argument to `{name}` must be {article} dtype, got {dt}")
    return dt


def _check_shape(name: str, shape, *param_shapes) -> None:
    if param_shapes:
        out = _util.broadcast_shapes(name, tuple(shape), *param_shapes)
        if out != tuple(shape):
            raise ValueError(f"{name} parameter shapes must be broadcast-compatible with shape "
                             f"argument, and the result of broadcasting the shapes must equal "
                             f"the shape argument, but got result {out} for shape argument "
                             f"{tuple(shape)}.")


def _broadcast_shape(name, shape, *args):
    shapes = [np.shape(a) for a in args]
    if shape is None:
        return _util.broadcast_shapes(name, *shapes) if shapes else ()
    shape = _shape_arg(name, shape)
    _check_shape(name, shape, *shapes)
    return shape


def _arr(x, dtype):
    """``x`` as an array of ``dtype`` (Python / numpy values become constants)."""
    if isinstance(x, jax.Array):
        return x if x.dtype == dtype else L.convert_element_type(x, dtype)
    if isinstance(x, (list, tuple)):
        return L.convert_element_type(_util.asarray(x), dtype)
    return np.asarray(x, dtype=dtype)


def _c(x, v):
    return np.array(v, dtype=np.dtype(x.dtype))


def _bc(x, shape):
    """Broadcast ``x`` (shape already checked) to ``shape``."""
    return _util.broadcast_to(x, tuple(shape))


def _select(pred, on_true, on_false):
    return L.select_n(pred, on_false, on_true)


def _finfo(dtype):
    return ml_dtypes.finfo(dtype)


_UINT = {8: np.uint8, 16: np.uint16, 32: np.uint32, 64: np.uint64}


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


# --- continuous distributions from uniforms --------------------------------------------------
def _sampler(name, body, kind="float", default=float):
    """A public sampler ``f(key, shape=(), dtype=None)`` computing ``body(k, shape, dtype)``."""
    def fn(key, shape=(), dtype=None):
        dt = _dtype_arg(name, dtype, kind, default)
        return _run(name, _shape_dtype_body, key, shape=_shape_arg(name, shape), dtype=dt,
                    _body=body)
    fn.__name__ = fn.__qualname__ = name
    return fn


def _shape_dtype_body(k, *, shape, dtype, _body):
    return _body(k, shape, dtype)


def _exponential(k, shape, dtype):
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=dtype)
    return L.neg(L.log1p_hlo(L.neg(u)))   # -log(1 - u), in (0, inf)


def _laplace(k, shape, dtype):
    u = _uniform(k, -1.0 + float(_finfo(dtype).epsneg), 1.0, shape=shape, dtype=dtype)
    return L.mul(L.sign(u), L.log1p_hlo(L.neg(L.abs(u))))


def _logistic(k, shape, dtype):
    x = _uniform(k, float(_finfo(dtype).tiny), 1.0, shape=shape, dtype=dtype)
    return L.sub(L.log(x), L.log1p_hlo(L.neg(x)))


def _cauchy(k, shape, dtype):
    u = _uniform(k, float(_finfo(dtype).eps), 1.0, shape=shape, dtype=dtype)
    return L.tan(L.mul(_c(u, np.pi), L.sub(u, _c(u, 0.5))))


def _rows2(x, shape):
    """The two rows of an array of shape (2, *shape)."""
    return [L.reshape(L.slice(x, (i,) + (0,) * len(shape), (i + 1,) + tuple(shape)), shape)
            for i in (0, 1)]


def _bits64_to_float32(hi, lo):
    """The float32 nearest below the 64-bit fraction 0.hi lo (hi, lo uint32 words),
    built from the leading one bit: exponent from the leading-zero count."""
    u = functools.partial(np.array, dtype=np.uint32)
    hz, lz = L.clz(hi), L.clz(lo)
    all_hi_zero = L.eq(hz, u(32))
    tail = _select(all_hi_zero, L.shift_left(lo, lz), L.shift_right_logical(lo, L.sub(u(32), hz)))
    mant = L.or_(L.shift_left(hi, hz), tail)
    mant = L.and_(L.shift_right_logical(mant, u(8)), u((1 << 23) - 1))
    zeros = _select(all_hi_zero, L.add(u(32), lz), hz)
    expo = L.and_(L.shift_left(L.sub(u(126), zeros), u(23)), u((1 << 30) - (1 << 22)))
    return L.bitcast_convert_type(L.or_(expo, mant), np.float32)


def _gumbel(k, shape, dtype, mode="low"):
    fi = _finfo(dtype)
    if mode == "highest" and dtype == np.float32:
        # 64 random bits per sample; values below 1/2 are used as they are,
        # the others through their complement, so both tails keep full resolution.
        b0, b1 = _rows2(k.bits(32, (2,) + shape), shape)
        n0, n1 = L.not_(b0), L.not_(b1)
        n0 = L.add(n0, L.convert_element_type(L.eq(n1, np.uint32(0xFFFFFFFF)), np.uint32))
        n1 = L.add(n1, np.uint32(1))
        flip = L.lt(b0, np.uint32(1 << 31))
        x = _bits64_to_float32(_select(flip, b0, n0), _select(flip, b1, n1))
        return _select(flip, L.neg(L.log(L.neg(L.log1p_hlo(L.neg(x))))),
                       L.neg(L.log(L.neg(L.log(x)))))
    if mode == "low":
        u = _uniform(k, float(fi.tiny), 1.0, shape=shape, dtype=dtype)
        return L.neg(L.log(L.neg(L.log(u))))
    # 'high': a second uniform fills the low bits of small first draws.
    u = _uniform(k, 0.0, 1.0, shape=(2,) + shape, dtype=dtype)
    hi, lo = (L.reshape(L.slice(u, (i,) + (0,) * len(shape), (i + 1,) + shape), shape)
              for i in (0, 1))
    x = L.add(L.add(hi, L.mul(_c(lo, 2.0 ** -fi.nmant), lo)), _c(lo, fi.tiny))
    x = _select(L.ge(hi, _c(hi, 0.5)), hi, x)
    return L.neg(L.log(L.neg(L.log1p_hlo(L.neg(x)))))


exponential = _sampler("exponential", _exponential)
exponential.__doc__ = "Standard exponential samples (-log(1 - u))."
laplace = _sampler("laplace", _laplace)
laplace.__doc__ = "Standard Laplace samples."
logistic = _sampler("logistic", _logistic)
logistic.__doc__ = "Standard logistic samples (log(u / (1 - u)))."
cauchy = _sampler("cauchy", _cauchy)
cauchy.__doc__ = "Standard Cauchy samples (tan(pi (u - 1/2)))."


def gumbel(key, shape=(), dtype=None, mode=None):
    """Standard Gumbel samples (-log(-log u)); ``mode='high'`` resolves the far tail."""
    dt = _dtype_arg("gumbel", dtype, "float")
    if mode is None:
        mode = "high" if jax.config.jax_high_dynamic_range_gumbel else "low"
    if mode not in ("highest", "high", "low"):
        raise ValueError(f"Must provide valid mode for gumbel got: {mode}")
    return _run("gumbel", _gumbel_fn, key, shape=_shape_arg("gumbel", shape), dtype=dt,
                mode=mode)


def _gumbel_fn(k, *, shape, dtype, mode):
    return _gumbel(k, shape, dtype, mode)


def _param_sampler(name, body, params, kind="float"):
    """A public sampler ``f(key, *params, shape=None, dtype=None)`` (shape from params)."""
    P = inspect.Parameter
    sig = inspect.Signature(
        [P("key", P.POSITIONAL_OR_KEYWORD)]
        + [P(p, P.POSITIONAL_OR_KEYWORD) for p in params]
        + [P("shape", P.POSITIONAL_OR_KEYWORD, default=None),
           P("dtype", P.POSITIONAL_OR_KEYWORD, default=None)])

    def fn(*args, **kwargs):
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{name}(): {e}") from None
        bound.apply_defaults()
        a = bound.arguments
        values = [a[p] for p in params]
        dt = _dtype_arg(name, a["dtype"], kind, float if kind == "float" else int)
        shape = _broadcast_shape(name, a["shape"], *values)
        return _run(name, _params_body, a["key"], *values, shape=shape, dtype=dt, _body=body)
    fn.__name__ = fn.__qualname__ = name
    fn.__signature__ = sig
    return fn


def _params_body(k, *args, shape, dtype, _body):
    return _body(k, *args, shape=shape, dtype=dtype)


def _pareto(k, b, *, shape, dtype):
    b = _arr(b, dtype)
    return L.exp(L.div(_exponential(k, shape, dtype), _bc(b, shape)))


def _rayleigh(k, scale, *, shape, dtype):
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=dtype)
    scale = _bc(_arr(scale, dtype), shape)
    return L.mul(scale, L.sqrt(L.mul(L.log(u), _c(u, -2))))


def _wald(k, mean, *, shape, dtype):
    k1, k2 = k.split()
    mean = _bc(_arr(mean, dtype), shape)
    v = _normal_real(k1, shape, dtype)
    z = _uniform(k2, 0.0, 1.0, shape=shape, dtype=dtype)
    y = L.mul(v, v)
    y_sq = L.mul(y, y)
    mean_sq = L.mul(mean, mean)
    root = L.sqrt(L.add(L.mul(L.mul(_c(mean, 4), mean), y), L.mul(mean_sq, y_sq)))
    x = L.sub(L.add(mean, L.div(L.mul(mean_sq, y), _c(y, 2))),
              L.mul(L.div(mean, _c(mean, 2)), root))
    return _select(L.le(z, L.div(mean, L.add(mean, x))), x, L.div(mean_sq, x))


def _lognormal(k, sigma, *, shape, dtype):
    return L.exp(L.mul(_normal(k, shape=shape, dtype=dtype), _bc(_arr(sigma, dtype), shape)))


def _triangular(k, left, mode, right, *, shape, dtype):
    left, mode, right = (_bc(_arr(v, dtype), shape) for v in (left, mode, right))
    fc = L.div(L.sub(mode, left), L.sub(right, left))
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=dtype)
    out1 = L.add(left, L.sqrt(L.mul(L.mul(u, L.sub(right, left)), L.sub(mode, left))))
    out2 = L.sub(right, L.sqrt(L.mul(L.mul(L.sub(_c(u, 1), u), L.sub(right, left)),
                                     L.sub(right, mode))))
    return _select(L.lt(u, fc), out1, out2)


def _geometric(k, p, *, shape, dtype):
    (p,) = _util.promote_dtypes_inexact(p)
    p = _util.asarray(p)
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=p.dtype)
    u = _select(L.eq(u, _c(u, 0)), L.broadcast_in_dim(_c(u, 1), shape, ()), u)
    l1p = _bc(L.log1p_hlo(L.neg(p)), shape)
    g = L.add(L.floor(L.div(L.log(u), l1p)), _c(u, 1))
    return L.convert_element_type(g, dtype)


pareto = _param_sampler("pareto", _pareto, ('b',))
pareto.__doc__ = "Pareto samples of shape parameter ``b`` (exp(E / b), E exponential)."
rayleigh = _param_sampler("rayleigh", _rayleigh, ('scale',))
rayleigh.__doc__ = "Rayleigh samples of ``scale``."
wald = _param_sampler("wald", _wald, ('mean',))
wald.__doc__ = "Wald (inverse Gaussian) samples of ``mean`` (Michael, Schucany, Haas 1976)."
triangular = _param_sampler("triangular", _triangular, ('left', 'mode', 'right'))
triangular.__doc__ = "Triangular samples on [left, right] with ``mode``."
geometric = _param_sampler("geometric", _geometric, ('p',), kind="int")
geometric.__doc__ = "Geometric samples (trials to first success, probability ``p``)."


_ONE_F32 = np.float32(1)


def lognormal(key, sigma=_ONE_F32, shape=None, dtype=None):
    """Log-normal samples exp(sigma N)."""
    dt = _dtype_arg("lognormal", dtype, "inexact")
    shape = _broadcast_shape("lognormal", shape, sigma)
    return _run("lognormal", _lognormal, key, sigma, shape=shape, dtype=dt)


def weibull_min(key, scale, concentration, shape=(), dtype=None):
    """Weibull samples: scale * E**(1/concentration), E exponential."""
    dt = _dtype_arg("weibull_min", dtype, "float")
    # jax evaluates 1.0 / concentration before conversion: in Python for
    # Python numbers, in the array's dtype for arrays.
    inv = (1.0 / concentration if isinstance(concentration, (int, float))
           else None)
    return _run("weibull_min", _weibull_min, key, scale, concentration,
                shape=_shape_arg("weibull_min", shape), dtype=dt, inv=inv)


def _weibull_min(k, scale, concentration, *, shape, dtype, inv):
    u = _uniform(k, 0, 1, shape=shape, dtype=dtype)
    e = L.neg(L.log1p_hlo(L.neg(u)))
    if inv is None:
        (c,) = _util.promote_dtypes_inexact(concentration)
        expo = L.div(_c(c, 1.0), c)
    else:
        expo = inv
    e, expo = _util.promote_dtypes(e, expo)
    e, expo = _util.broadcast_arrays("weibull_min", e, expo)
    x = L.pow(e, expo)
    x, scale = _util.promote_dtypes(x, scale)
    x, scale = _util.broadcast_arrays("weibull_min", x, scale)
    return L.mul(x, scale)


def maxwell(key, shape=(), dtype=None):
    """Maxwell samples: the norm of a 3-d standard normal vector."""
    dt = _dtype_arg("maxwell", dtype, "float")
    return _run("maxwell", _maxwell, key, shape=_shape_arg("maxwell", shape), dtype=dt)


def _maxwell(k, *, shape, dtype):
    x = _normal_real(k, shape + (3,), dtype)
    return L.sqrt(L.reduce_sum(L.mul(x, x), (len(shape),)))


def double_sided_maxwell(key, loc, scale, shape=(), dtype=None):
    """Double-sided Maxwell samples (a random sign times a Maxwell sample), scaled."""
    dt = _dtype_arg("double_sided_maxwell", dtype, "float")
    return _run("double_sided_maxwell", _double_sided_maxwell, key, loc, scale,
                shape=_shape_arg("double_sided_maxwell", shape), dtype=dt)


def _double_sided_maxwell(k, loc, scale, *, shape, dtype):
    params = _util.broadcast_shapes("double_sided_maxwell", np.shape(loc), np.shape(scale))
    shape = (shape or params) + params  # jax's rule: parameter shape appended
    km, kr = k.split()
    m = _maxwell(km, shape=shape, dtype=dtype)
    sign = _rademacher(kr, shape=shape, dtype=dtype)
    x = L.mul(sign, m)
    x, scale = _util.promote_dtypes(x, scale)
    x, scale = _util.broadcast_arrays("double_sided_maxwell", x, scale)
    x = L.mul(x, scale)
    x, loc = _util.promote_dtypes(x, loc)
    x, loc = _util.broadcast_arrays("double_sided_maxwell", x, loc)
    return L.add(x, loc)


# --- gamma family (Marsaglia & Tsang 2000) --------------------------------------------------
def _gamma_one(k, alpha, log_space):
    """One Gamma(alpha) sample: Marsaglia & Tsang, "A simple method for generating
    gamma variables" (ACM TOMS 2000), boosted by U**(1/alpha) for alpha < 1."""
    one, zero = _c(alpha, 1), _c(alpha, 0)
    third = _c(alpha, 1.0 / 3.0)
    dtype = np.dtype(alpha.dtype)
    boost_mask = L.ge(alpha, one)
    alpha_orig = alpha
    alpha = _select(boost_mask, alpha, L.add(alpha, one))
    d = L.sub(alpha, third)
    c = L.div(third, L.sqrt(d))

    def keep_going(state):
        _, X, V, U = state
        # Reject unless the squeeze test or the full log test accepts.
        squeeze = L.ge(U, L.sub(one, L.mul(_c(X, 0.0331), L.mul(X, X))))
        full = L.ge(L.log(U), L.add(L.mul(X, _c(X, 0.5)),
                                    L.mul(d, L.add(L.sub(one, V), L.log(V)))))
        return L.and_(squeeze, full)

    def draw(state):
        kd = state[0]
        nk = _Key(k.impl, kd).split(3)

        def positive_v(s):
            kk, _, _ = s
            kk2, sub = _Key(k.impl, kk).split()
            x = _normal_real(sub, (), dtype)
            return kk2.data, x, L.add(one, L.mul(x, c))

        _, x, v = jax.lax.while_loop(lambda s: L.le(s[2], zero), positive_v,
                                     (nk[1].data, zero, _c(alpha, -1)))
        X = L.mul(x, x)
        V = L.mul(L.mul(v, v), v)
        U = _uniform(nk[2], 0.0, 1.0, shape=(), dtype=dtype)
        return nk[0].data, X, V, U

    kk, sub = k.split()
    _, _, V, _ = jax.lax.while_loop(keep_going, draw, (kk.data, zero, one, _c(alpha, 2)))
    if log_space:
        log_samples = L.neg(_exponential(sub, (), dtype))
        no_boost = L.or_(boost_mask, L.eq(log_samples, zero))
        log_boost = _select(no_boost, zero, L.mul(log_samples, L.div(one, alpha_orig)))
        return L.add(L.add(L.log(d), L.log(V)), log_boost)
    samples = L.sub(one, _uniform(sub, 0.0, 1.0, shape=(), dtype=dtype))
    boost = _select(boost_mask, one, L.pow(samples, L.div(one, alpha_orig)))
    return L.mul(L.mul(d, V), boost)


def _gamma(k, a, *, shape, dtype, log_space=False):
    a = _bc(_arr(a, dtype), shape)
    return L.random_gamma(k.data, a, impl=k.impl, log_space=log_space, sampler=_gamma_sampler,
                          sample_grad=_gamma_sample_grad)


def _gamma_sampler(impl, kd, alpha, log_space):
    return _gamma_one(_Key(impl, kd), alpha, log_space)


# Derivative of a Gamma(a) sample x with respect to a, the level P(a, x) of the
# regularized lower incomplete gamma function held fixed (implicit
# reparameterization).  With P = S exp(A) (series, x small) or 1 - P = H exp(A)
# (continued fraction, x > max(1, a)), A = a log x - x - lgamma(a), and
# dP/dx = exp(A) / x:
#     dx/da = -x (S' + S (log x - digamma(a)))     or     x (H' + H (log x - digamma(a)))
# S' and H' (derivatives in a) are accumulated alongside S and H (forward mode
# by hand), so the loops can stop when both have converged.
def _gamma_series(a, x):
    """S = sum_n x^n / (a (a+1) ... (a+n)) and dS/da."""
    eps = _c(a, _finfo(a.dtype).eps)

    def cond(s):
        i, term, dterm, tot, dtot = s
        big = L.or_(L.gt(L.abs(term), L.mul(eps, L.abs(tot))),
                    L.gt(L.abs(dterm), L.mul(eps, L.abs(dtot))))
        return L.and_(_any(big), L.lt(i, np.int32(10000)))

    def body(s):
        i, term, dterm, tot, dtot = s
        an = L.add(a, L.convert_element_type(i, a.dtype))
        r = L.div(x, an)
        dterm = L.mul(r, L.sub(dterm, L.div(term, an)))
        term = L.mul(term, r)
        return L.add(i, np.int32(1)), term, dterm, L.add(tot, term), L.add(dtot, dterm)

    t0 = L.div(_c(a, 1), a)
    dt0 = L.neg(L.mul(t0, t0))
    out = jax.lax.while_loop(cond, body, (np.int32(1), t0, dt0, t0, dt0))
    return out[3], out[4]


def _gamma_cfrac(a, x):
    """H of 1 - P = H exp(A) by Lentz's continued fraction, and dH/da."""
    fi = _finfo(a.dtype)
    tiny, eps = _c(a, float(fi.tiny) * 1e4), _c(a, float(fi.eps))

    def clamp(v, dv):
        small = L.lt(L.abs(v), tiny)
        return _select(small, _full(v, tiny), v), _select(small, _full(dv, 0), dv)

    def cond(s):
        i, *_, delta, ddelta, h, dh = s
        big = L.or_(L.gt(L.abs(L.sub(delta, _c(delta, 1))), eps),
                    L.gt(L.abs(L.mul(ddelta, h)), L.mul(eps, L.abs(dh))))
        return L.and_(_any(big), L.lt(i, np.int32(10000)))

    def body(s):
        i, b, c, dc, d, dd, _, _, h, dh = s
        fi_ = L.convert_element_type(i, a.dtype)
        an = L.mul(L.neg(fi_), L.sub(fi_, a))     # -i (i - a)
        dan = fi_
        b = L.add(b, _c(b, 2))                     # db/da = -1 throughout
        D, dD = clamp(L.add(L.mul(an, d), b), L.sub(L.add(L.mul(dan, d), L.mul(an, dd)), _c(b, 1)))
        C, dC = clamp(L.add(b, L.div(an, c)),
                      L.sub(L.sub(L.div(dan, c), L.div(L.mul(an, dc), L.mul(c, c))), _c(b, 1)))
        d = L.div(_c(D, 1), D)
        dd = L.neg(L.mul(dD, L.mul(d, d)))
        delta = L.mul(d, C)
        ddelta = L.add(L.mul(dd, C), L.mul(d, dC))
        dh = L.add(L.mul(dh, delta), L.mul(h, ddelta))
        h = L.mul(h, delta)
        return L.add(i, np.int32(1)), b, C, dC, d, dd, delta, ddelta, h, dh

    b = L.sub(L.add(x, _c(x, 1)), a)
    d = L.div(_c(b, 1), b)
    dd = L.mul(d, d)
    init = (np.int32(1), b, _full(b, 1 / float(tiny)), _full(b, 0), d, dd, _full(b, 2), _full(b, 0),
            d, dd)
    out = jax.lax.while_loop(cond, body, init)
    return out[8], out[9]


def _gamma_sample_grad(a, sample, log_space):
    a = L.convert_element_type(a, sample.dtype)
    if log_space:
        logx = sample
        x = L.exp(sample)
    else:
        x = sample
        logx = L.log(_select(L.gt(x, _c(x, 0)), x, _full(x, 1)))
    use_cf = L.and_(L.gt(x, _c(x, 1)), L.gt(x, a))
    safe = _select(L.gt(a, _c(a, 0)), a, _full(a, 1))
    xs = _select(use_cf, _full(x, 0.5), x)       # series where the series is used
    xc = _select(use_cf, x, L.add(safe, _c(a, 2)))  # fraction where it is used
    S, dS = _gamma_series(safe, xs)
    H, dH = _gamma_cfrac(safe, xc)
    shift = L.sub(logx, L.digamma(safe))
    dlogx = _select(use_cf, L.add(dH, L.mul(H, shift)), L.neg(L.add(dS, L.mul(S, shift))))
    bad = L.or_(L.or_(L.le(a, _c(a, 0)), L.ne(a, a)), L.ne(sample, sample))
    if log_space:
        out = dlogx
    else:
        out = _select(L.eq(x, _c(x, 0)), _full(x, 0), L.mul(x, dlogx))
    return _select(bad, _full(out, np.nan), out)


gamma = _param_sampler("gamma", _gamma, ('a',))
gamma.__doc__ = ("Gamma(a) samples (Marsaglia & Tsang).  Not differentiable in ``a`` in "
                 "jaxwrap (jax uses implicit reparameterization).")


def _loggamma(k, a, *, shape, dtype):
    return _gamma(k, a, shape=shape, dtype=dtype, log_space=True)


loggamma = _param_sampler("loggamma", _loggamma, ('a',))
loggamma.__doc__ = "log of Gamma(a) samples, accurate for small ``a``."


def _chisquare(k, df, *, shape, dtype):
    half = L.div(_arr(df, dtype), np.array(2, dtype))
    return L.mul(L.exp(_loggamma(k, half, shape=shape, dtype=dtype)), np.array(2, dtype))


chisquare = _param_sampler("chisquare", _chisquare, ('df',))
chisquare.__doc__ = "Chi-square samples with ``df`` degrees of freedom (2 Gamma(df/2))."


def _f(k, dfnum, dfden, *, shape, dtype):
    dfden, dfnum = _arr(dfden, dtype), _arr(dfnum, dtype)
    kd, kn = k.split()
    num = L.div(_chisquare(kn, dfnum, shape=shape, dtype=dtype), _bc(dfnum, shape))
    den = L.div(_chisquare(kd, dfden, shape=shape, dtype=dtype), _bc(dfden, shape))
    return L.div(num, den)


f = _param_sampler("f", _f, ('dfnum', 'dfden'))
f.__doc__ = "F-distribution samples (ratio of scaled chi-squares)."


def _t(k, df, *, shape, dtype):
    df = _arr(df, dtype)
    kn, kg = k.split()
    n = _normal_real(kn, shape, dtype)
    half = L.div(df, np.array(2, dtype))
    g = _gamma(kg, half, shape=shape, dtype=dtype)
    return L.mul(n, L.sqrt(L.div(_bc(half, shape), g)))


t = _param_sampler("t", _t, ('df',))
t.__doc__ = "Student's t samples with ``df`` degrees of freedom."


def _beta(k, a, b, *, shape, dtype):
    a, b = _bc(_arr(a, dtype), shape), _bc(_arr(b, dtype), shape)
    ka, kb = k.split()
    lga = _loggamma(ka, a, shape=shape, dtype=dtype)
    lgb = _loggamma(kb, b, shape=shape, dtype=dtype)
    # Ratio of gammas in log space, scaled by the larger one.
    m = L.max(lga, lgb)
    ga, gb = L.exp(L.sub(lga, m)), L.exp(L.sub(lgb, m))
    return L.div(ga, L.add(ga, gb))


beta = _param_sampler("beta", _beta, ('a', 'b'))
beta.__doc__ = "Beta(a, b) samples."


def dirichlet(key, alpha, shape=None, dtype=None):
    """Dirichlet samples: softmax of log-gamma samples along the last axis."""
    dt = _dtype_arg("dirichlet", dtype, "float")
    if np.ndim(alpha) < 1:
        raise ValueError(f"dirichlet requires alpha.ndim >= 1, got alpha.ndim == "
                         f"{np.ndim(alpha)}")
    shape = tuple(np.shape(alpha)[:-1]) if shape is None else _shape_arg("dirichlet", shape)
    _check_shape("dirichlet", shape, np.shape(alpha)[:-1])
    return _run("dirichlet", _dirichlet, key, alpha, shape=shape, dtype=dt)


def _dirichlet(k, alpha, *, shape, dtype):
    full = shape + tuple(np.shape(alpha)[-1:])
    lg = _loggamma(k, alpha, shape=full, dtype=dtype)
    ax = len(full) - 1
    mx = L.broadcast_in_dim(L.reduce_max(lg, (ax,)), full, tuple(range(ax)))
    e = L.exp(L.sub(lg, mx))
    return L.div(e, L.broadcast_in_dim(L.reduce_sum(e, (ax,)), full, tuple(range(ax))))


def generalized_normal(key, p, shape=(), dtype=None):
    """Generalized normal samples of power ``p`` (sign * Gamma(1/p)**(1/p))."""
    dt = _dtype_arg("generalized_normal", dtype, "float")
    return _run("generalized_normal", _generalized_normal, key, p,
                shape=_shape_arg("generalized_normal", shape), dtype=dt)


def _generalized_normal(k, p, *, shape, dtype):
    k0, k1 = k.split()
    inv = _inv(p)
    g = _gamma(k0, inv, shape=shape, dtype=dtype)
    r = _rademacher(k1, shape=shape, dtype=dtype)
    return L.mul(r, _power(g, inv))


def _inv(p):
    """1 / p as jax computes it: in Python for Python numbers, else in p's dtype."""
    if isinstance(p, (int, float)):
        return 1 / p
    (p,) = _util.promote_dtypes_inexact(p)
    return L.div(_c(p, 1), p)


def _power(x, y):
    """jax.numpy.power's rules: concrete integer exponents multiply, others use pow."""
    if isinstance(y, (int, np.integer)) and not isinstance(y, bool):
        return _integer_pow(x, int(y))
    x, y = _util.promote_dtypes(x, y)
    x, y = _util.broadcast_arrays("power", x, y)
    return L.pow(x, y)


def _integer_pow(x, n):
    # Binary exponentiation, squaring from the low bit (jax.lax.integer_pow's order).
    if n == 0:
        return L.broadcast_in_dim(_c(x, 1), x.shape, ())
    neg, n = n < 0, abs(n)
    acc = None
    while n:
        if n & 1:
            acc = x if acc is None else L.mul(acc, x)
        n >>= 1
        if n:
            x = L.mul(x, x)
    return L.div(_c(acc, 1), acc) if neg else acc


def ball(key, d, p=2, shape=(), dtype=None):
    """Uniform samples from the unit ``p``-ball in ``d`` dimensions (Barthe et al. 2005)."""
    dt = _dtype_arg("ball", dtype, "float")
    d = operator.index(d)
    return _run("ball", _ball, key, p, shape=_shape_arg("ball", shape), dtype=dt, d=d)


def _ball(k, p, *, shape, dtype, d):
    k1, k2 = k.split()
    g = _generalized_normal(k1, p, shape=shape + (d,), dtype=dtype)
    e = _exponential(k2, shape, dtype)
    s = L.reduce_sum(_power(L.abs(g), p), (len(shape),))
    r = _power(L.add(s, e), _inv(p))
    return L.div(g, L.broadcast_in_dim(r, shape + (d,), tuple(range(len(shape)))))


# --- Poisson ---------------------------------------------------------------------------------
def poisson(key, lam, shape=None, dtype=None):
    """Poisson samples of rate ``lam`` (threefry keys only, like jax)."""
    dt = _dtypes.check_user_dtype(int if dtype is None else dtype, "poisson")
    impl, _, _ = _unwrap("poisson", key)
    if impl is not _xr.threefry_prng_impl:
        raise NotImplementedError(f"`poisson` is only implemented for the threefry2x32 RNG, "
                                  f"not {impl}")
    shape = tuple(np.shape(lam)) if shape is None else _shape_arg("poisson", shape)
    _check_shape("poisson", shape, np.shape(lam))
    return _run("poisson", _poisson, key, lam, shape=shape, dtype=dt)


def _poisson(k, lam, *, shape, dtype):
    lam = _bc(_arr(lam, np.float32), shape)
    use_knuth = L.or_(L.ne(lam, lam), L.lt(lam, _c(lam, 10)))
    full = lambda v: L.broadcast_in_dim(_c(lam, v), shape, ())  # noqa: E731
    lam_knuth = _select(use_knuth, lam, full(0.0))
    lam_rej = _select(use_knuth, full(1e5), lam)
    out = _select(use_knuth, _poisson_knuth(k, lam_knuth, shape, dtype),
                  _poisson_rejection(k, lam_rej, shape, dtype))
    return _select(L.eq(lam, _c(lam, 0)), L.broadcast_in_dim(np.array(0, dtype), shape, ()), out)


def _any(x):
    return L.reduce_or(x, tuple(range(x.ndim))) if x.ndim else x


def _poisson_knuth(k, lam, shape, dtype):
    # Knuth: multiply uniforms until the product drops below exp(-lam).
    impl = k.impl

    def body(s):
        i, n, kd, log_prod = s
        kk, sub = _Key(impl, kd).split()
        n = _select(L.gt(log_prod, L.neg(lam)), L.add(n, np.array(1, dtype)), n)
        u = _uniform(sub, 0.0, 1.0, shape=shape, dtype=np.float32)
        return L.add(i, np.int32(1)), n, kk.data, L.add(log_prod, L.log(u))

    def cond(s):
        i, _, _, log_prod = s
        return L.and_(_any(L.gt(log_prod, L.neg(lam))), L.lt(i, np.int32(np.iinfo(np.int32).max)))

    init = (np.int32(0), L.broadcast_in_dim(np.array(0, dtype), shape, ()), k.data,
            L.broadcast_in_dim(np.float32(0), shape, ()))
    n = jax.lax.while_loop(cond, body, init)[1]
    return L.sub(n, np.array(1, dtype))


def _poisson_rejection(k, lam, shape, dtype):
    # Hörmann, "The transformed rejection method for generating Poisson random
    # variables" (1993), algorithm PTRS.
    impl = k.impl
    c = functools.partial(_c, lam)
    log_lam = L.log(lam)
    b = L.add(c(0.931), L.mul(c(2.53), L.sqrt(lam)))
    a = L.add(c(-0.059), L.mul(c(0.02483), b))
    inv_alpha = L.add(c(1.1239), L.div(c(1.1328), L.sub(b, c(3.4))))
    v_r = L.sub(c(0.9277), L.div(c(3.6224), L.sub(b, c(2))))

    def body(s):
        i, k_out, accepted, kd = s
        kk, s0, s1 = _Key(impl, kd).split(3)
        u = L.sub(_uniform(s0, 0.0, 1.0, shape=shape, dtype=lam.dtype), c(0.5))
        v = _uniform(s1, 0.0, 1.0, shape=shape, dtype=lam.dtype)
        us = L.sub(c(0.5), L.abs(u))
        kk_ = L.floor(L.add(L.add(L.mul(L.add(L.div(L.mul(c(2), a), us), b), u), lam), c(0.43)))
        s_ = L.log(L.div(L.mul(v, inv_alpha), L.add(L.div(a, L.mul(us, us)), b)))
        t_ = L.sub(L.add(L.neg(lam), L.mul(kk_, log_lam)), L.lgamma(L.add(kk_, c(1))))
        accept1 = L.and_(L.ge(us, c(0.07)), L.le(v, v_r))
        reject = L.or_(L.lt(kk_, c(0)), L.and_(L.lt(us, c(0.013)), L.gt(v, us)))
        accept = L.or_(accept1, L.and_(L.not_(reject), L.le(s_, t_)))
        return (L.add(i, np.int32(1)), _select(accept, kk_, k_out), L.or_(accepted, accept),
                kk.data)

    def cond(s):
        i, _, accepted, _ = s
        return L.and_(_any(L.not_(accepted)), L.lt(i, np.int32(np.iinfo(np.int32).max)))

    init = (np.int32(0), L.broadcast_in_dim(c(-1), shape, ()),
            L.broadcast_in_dim(np.bool_(False), shape, ()), k.data)
    return L.convert_element_type(jax.lax.while_loop(cond, body, init)[1], dtype)


# --- categorical -------------------------------------------------------------------------------
def categorical(key, logits, axis=-1, shape=None, replace=True, mode=None):
    """Samples from categorical distributions given by ``logits`` along ``axis``
    (the Gumbel-max trick; without replacement, the top-k of perturbed logits)."""
    logits = _util.asarray(logits)
    ndim = logits.ndim
    if not -ndim <= axis < ndim:
        raise _util.AxisError(f"categorical: axis {axis} is out of bounds for logits of "
                              f"rank {ndim}")
    axis %= ndim
    batch = tuple(np.delete(np.array(logits.shape, dtype=int), axis).tolist())
    shape = batch if shape is None else _shape_arg("categorical", shape)
    _check_shape("categorical", shape, batch)
    if mode is None:
        mode = "high" if jax.config.jax_high_dynamic_range_gumbel else "low"
    if not replace:
        k = math.prod(shape[: len(shape) - len(batch)])
        if k > logits.shape[axis]:
            raise ValueError(f"Number of samples without replacement ({k}) cannot exceed "
                             f"number of categories ({logits.shape[axis]}).")
    return _run("categorical", _categorical, key, logits, shape=shape, axis=axis, mode=mode,
                replace=bool(replace))


def _categorical(k, logits, *, shape, axis, mode, replace):
    nb = logits.ndim - 1
    prefix = shape[: len(shape) - nb]
    dt = np.dtype(logits.dtype)
    if not replace:
        pert = L.add(logits, _gumbel(k, logits.shape, dt, mode))
        perm = tuple(i for i in range(logits.ndim) if i != axis) + (axis,)
        idx = _top_k_indices(L.transpose(pert, perm), math.prod(prefix))
        last = idx.ndim - 1
        return L.reshape(L.transpose(idx, (last,) + tuple(range(last))), shape)
    lshape = list(shape[len(shape) - nb:])
    lshape.insert(axis, logits.shape[axis])
    full = prefix + tuple(lshape)
    g = _gumbel(k, full, dt, mode)
    lg = L.broadcast_in_dim(logits, full, tuple(range(len(prefix), len(full))))
    return L.argmax(L.add(g, lg), len(prefix) + axis, _dtypes.default_int_dtype())


def choice(key, a, shape=(), replace=True, p=None, axis=0, mode=None):
    """Random samples from ``a`` along ``axis`` (or from ``arange(a)`` for an int).

    ``p`` gives the probabilities; ``replace=False`` draws distinct entries.
    """
    if not isinstance(shape, Sequence):
        raise TypeError(f"shape argument of choice must be a sequence, got {shape}")
    shape = _shape_arg("choice", shape)
    if np.ndim(a) == 0:
        n, arr = operator.index(a), None
    else:
        arr = _util.asarray(a)
        if not -arr.ndim <= axis < arr.ndim:
            raise _util.AxisError(f"choice: axis {axis} is out of bounds for rank {arr.ndim}")
        axis %= arr.ndim
        n = arr.shape[axis]
    draws = math.prod(shape)
    if draws and n <= 0:
        raise ValueError("a must be greater than 0 unless no samples are taken")
    if not replace and draws > n:
        raise ValueError(f"Cannot take a larger sample (size {draws}) than population "
                         f"(size {n}) when 'replace=False'")
    if p is not None and np.shape(p) != (n,):
        raise ValueError(f"p must be None or a 1D vector with the same size as a.shape[axis]. "
                         f"p has shape {np.shape(p)} and a.shape[axis] is {n}.")
    if mode is None:
        mode = "high" if jax.config.jax_high_dynamic_range_gumbel else "low"
    return _run("choice", _choice, key, arr, p, shape=shape, n=n, axis=axis,
                replace=bool(replace), mode=mode)


def _choice(k, arr, p, *, shape, n, axis, replace, mode):
    from jaxwrap._src.numpy import indexing
    idt = _dtypes.default_int_dtype()
    draws = math.prod(shape)
    out_shape = shape if arr is None else arr.shape[:axis] + shape + arr.shape[axis + 1:]
    if draws == 0:
        return L.broadcast_in_dim(np.zeros((), idt if arr is None else arr.dtype), out_shape, ())
    if p is None and not replace:
        x = L.iota(idt, (n,)) if arr is None else arr
        x = _shuffle(k, x, axis if arr is not None else 0) if (arr is None or arr.ndim == 1) \
            else _permutation(k, x, axis=axis, independent=False)
        lim = list(x.shape)
        lim[axis if arr is not None else 0] = draws
        return L.reshape(L.slice(x, (0,) * x.ndim, tuple(lim)), out_shape)
    if p is None:
        ind = _randint(k, 0, n, shape=shape, dtype=idt)
    else:
        (p,) = _util.promote_dtypes_inexact(p)
        p = _util.asarray(p)
        if replace:
            cum = L.cumsum(p, 0)
            total = L.reshape(L.slice(cum, (n - 1,), (n,)), ())
            u = _uniform(k, 0.0, 1.0, shape=shape, dtype=p.dtype)
            r = L.mul(total, L.sub(_c(cum, 1), u))
            # searchsorted(cum, r, side='left'): how many cumulative sums are < r.
            full = shape + (n,)
            below = L.lt(L.broadcast_in_dim(cum, full, (len(shape),)),
                         L.broadcast_in_dim(r, full, tuple(range(len(shape)))))
            ind = L.reduce_sum(L.convert_element_type(below, idt), (len(shape),))
        else:
            g = L.add(_gumbel(k, (n,), np.dtype(p.dtype), mode), L.log(p))
            ind = L.convert_element_type(_top_k_indices(g, draws), idt)
    if arr is None:
        return L.reshape(ind, out_shape)
    return L.reshape(indexing.take(arr, L.reshape(ind, (draws,)), axis), out_shape)


# --- permutations, matrices ------------------------------------------------------------------
def _shuffle(k, x, axis):
    # Sort by random 32-bit keys, repeated so that collisions (ties keep their
    # order) are rare: ceil(3 log(n) / log(2**32 - 1)) rounds.
    n = math.prod(x.shape)
    rounds = int(np.ceil(3 * np.log(max(1, n)) / np.log(np.iinfo(np.uint32).max)))
    for _ in range(rounds):
        k, sub = k.split()
        _, x = L.sort_key_val(sub.bits(32, x.shape), x, axis)
    return x


def permutation(key, x, axis=0, independent=False):
    """A random permutation of ``arange(x)`` (an int) or of ``x`` along ``axis``.

    With ``independent=True`` every slice along ``axis`` is shuffled on its own.
    """
    if not _util.is_arraylike(x):
        raise TypeError(f"permutation: x must be an integer or an array, got {type(x).__name__}")
    if np.ndim(x) == 0:
        if not np.issubdtype(_dtypes.dtype(x), np.integer):
            raise TypeError("x must be an integer or at least 1-dimensional")
        r = operator.index(x)
        return _run("permutation", _permutation_range, key, r=r)
    nd = np.ndim(x)
    if not -nd <= axis < nd:
        raise _util.AxisError(f"permutation: axis {axis} is out of bounds for rank {nd}")
    return _run("permutation", _permutation, key, x, axis=axis % nd,
                independent=bool(independent))


def _permutation_range(k, *, r):
    return _shuffle(k, L.iota(_dtypes.default_int_dtype(), (r,)), 0)


def _permutation(k, x, *, axis, independent):
    x = _util.asarray(x)
    if independent or x.ndim == 1:
        return _shuffle(k, x, axis)
    from jaxwrap._src.numpy import indexing
    ind = _shuffle(k, L.iota(_dtypes.default_int_dtype(), (x.shape[axis],)), 0)
    return indexing.take(x, ind, axis, unique_indices=True)


def _top_k_indices(x, k):
    """Indices of the ``k`` largest entries along the last axis, largest first
    (ties: lower index first), as jax.lax.top_k orders them."""
    n = x.shape[-1]
    idx = L.broadcast_in_dim(L.iota(np.int32, (n,)), x.shape, (x.ndim - 1,))
    _, order = L.sort((L.neg(x), idx), x.ndim - 1, True, 1)
    return L.slice(order, (0,) * x.ndim, x.shape[:-1] + (k,))


def multivariate_normal(key, mean, cov, shape=None, dtype=None, method="cholesky"):
    """Multivariate normal samples: mean + factor @ z, with cov = factor factor^T
    (``method``: 'cholesky', 'eigh' or 'svd')."""
    if method not in ("svd", "eigh", "cholesky"):
        raise ValueError("method must be one of {'svd', 'eigh', 'cholesky'}")
    mean, cov = _util.promote_dtypes_inexact(mean, cov)
    mean, cov = _util.asarray(mean), _util.asarray(cov)
    dt = mean.dtype if dtype is None else _dtype_arg("multivariate_normal", dtype, "float")
    if mean.ndim < 1:
        raise ValueError(f"multivariate_normal requires mean.ndim >= 1, got mean.ndim == "
                         f"{mean.ndim}")
    if cov.ndim < 2:
        raise ValueError(f"multivariate_normal requires cov.ndim >= 2, got cov.ndim == "
                         f"{cov.ndim}")
    n = mean.shape[-1]
    if cov.shape[-2:] != (n, n):
        raise ValueError(f"multivariate_normal requires cov.shape == (..., n, n) for n={n}, "
                         f"but got cov.shape == {cov.shape}.")
    if shape is None:
        shape = _util.broadcast_shapes("multivariate_normal", mean.shape[:-1], cov.shape[:-2])
    else:
        shape = _shape_arg("multivariate_normal", shape)
        _check_shape("normal", shape, mean.shape[:-1], cov.shape[:-2])
    return _run("multivariate_normal", _multivariate_normal, key, mean, cov, shape=shape,
                dtype=dt, method=method)


def _multivariate_normal(k, mean, cov, *, shape, dtype, method):
    from jaxwrap._src.numpy import linalg, tensor, ufuncs
    if method == "svd":
        u, s, _ = linalg.svd(cov)
        factor = ufuncs.multiply(u, ufuncs.sqrt(L.expand_dims(s, (s.ndim - 1,))))
    elif method == "eigh":
        w, v = linalg.eigh(cov)
        factor = ufuncs.multiply(v, ufuncs.sqrt(L.expand_dims(w, (w.ndim - 1,))))
    else:
        factor = linalg.cholesky(cov)
    z = _normal(k, shape=shape + mean.shape[-1:], dtype=dtype)
    return ufuncs.add(mean, tensor.einsum("...ij,...j->...i", factor, z))


def orthogonal(key, n, shape=(), dtype=None, m=None):
    """Random matrices with orthonormal columns (rows if n < m), Haar-distributed
    (Mezzadri, "How to generate random matrices from the classical compact groups", 2007)."""
    n = operator.index(n)
    m = n if m is None else operator.index(m)
    dt = _dtypes.check_user_dtype(float if dtype is None else dtype, "orthogonal")
    return _run("orthogonal", _orthogonal, key, shape=_shape_arg("orthogonal", shape),
                dtype=dt, n=n, m=m)


def _orthogonal(k, *, shape, dtype, n, m):
    from jaxwrap._src.numpy import linalg, ufuncs
    z = _normal(k, shape=shape + (max(n, m), min(n, m)), dtype=dtype)
    q, r = linalg.qr(z)
    d = linalg.diagonal(r)
    x = ufuncs.multiply(q, L.expand_dims(ufuncs.sign(d), (d.ndim - 1,)))
    if n < m:
        perm = tuple(range(x.ndim - 2)) + (x.ndim - 1, x.ndim - 2)
        x = L.transpose(x, perm)
    return x


# --- binomial ------------------------------------------------------------------------------------
# Stirling-series tails log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]
# for k = 0..9 (Kachitvichyanukul & Schmeiser 1988, table in BTRS).
_STIRLING_TAIL = (0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
                  0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
                  0.0118967099458917, 0.0104112652619720, 0.00925546218271273,
                  0.00833056343336287)


def _stirling_tail(k):
    use_table = L.le(k, _c(k, 9))
    k = L.clamp(_c(k, 0), k, _c(k, 9))
    kp1sq = L.mul(L.add(k, _c(k, 1)), L.add(k, _c(k, 1)))
    inner = L.div(L.sub(_c(k, 1.0 / 360), L.div(_c(k, 1.0 / 1260), kp1sq)), kp1sq)
    approx = L.div(L.sub(_c(k, 1.0 / 12), inner), L.add(k, _c(k, 1)))
    k = L.floor(k)
    table = L.broadcast_in_dim(_c(k, _STIRLING_TAIL[0]), k.shape, ())
    for i, v in enumerate(_STIRLING_TAIL[1:], 1):  # exact lookup by selects
        table = _select(L.eq(k, _c(k, i)), L.broadcast_in_dim(_c(k, v), k.shape, ()), table)
    return _select(use_table, table, approx)


def _full(x, v, dtype=None):
    dtype = np.dtype(x.dtype if dtype is None else dtype)
    return L.broadcast_in_dim(np.array(v, dtype), x.shape, ())


def _binomial_inversion(k, count, prob, shape, dtype):
    # Sum geometric waiting times until they pass count (Devroye 1986, X.4).
    impl = k.impl
    l1mp = L.log1p_hlo(L.neg(prob))
    imax = np.int32(np.iinfo(np.int32).max)

    def body(s):
        i, num, total, kd = s
        sub, nk = _Key(impl, kd).split()
        num = _select(L.le(total, count), L.add(num, _c(num, 1)), num)
        u = _uniform(sub, 0.0, 1.0, shape=shape, dtype=prob.dtype)
        total = L.add(total, L.ceil(L.div(L.log(u), l1mp)))
        return L.add(i, np.int32(1)), num, total, nk.data

    def cond(s):
        i, _, total, _ = s
        return L.and_(_any(L.le(total, count)), L.lt(i, imax))

    init = (np.int32(0), _full(prob, 0), _full(prob, 0), k.data)
    n = jax.lax.while_loop(cond, body, init)[1]
    return L.convert_element_type(L.sub(n, _c(n, 1)), dtype)


def _btrs(k, count, prob, shape, dtype):
    # Hörmann, "The generation of binomial random variates" (1993): BTRS.
    impl = k.impl
    c_ = functools.partial(_c, prob)
    one_m_p = L.sub(c_(1), prob)
    stddev = L.sqrt(L.mul(L.mul(count, prob), one_m_p))
    b = L.add(c_(1.15), L.mul(c_(2.53), stddev))
    a = L.add(L.add(c_(-0.0873), L.mul(c_(0.0248), b)), L.mul(c_(0.01), prob))
    c = L.add(L.mul(count, prob), c_(0.5))
    v_r = L.sub(c_(0.92), L.div(c_(4.2), b))
    r = L.div(prob, one_m_p)
    alpha = L.mul(L.add(c_(2.83), L.div(c_(5.1), b)), stddev)
    m = L.floor(L.mul(L.add(count, c_(1)), prob))
    imax = np.int32(np.iinfo(np.int32).max)
    st_m, st_nm = _stirling_tail(m), _stirling_tail(L.sub(count, m))
    cm1 = L.add(L.sub(count, m), c_(1))

    def body(s):
        i, k_out, accepted, kd = s
        nk, s0, s1 = _Key(impl, kd).split(3)
        u = _uniform(s0, 0.0, 1.0, shape=shape, dtype=prob.dtype)
        v = _uniform(s1, 0.0, 1.0, shape=shape, dtype=prob.dtype)
        u = L.sub(u, c_(0.5))
        us = L.sub(c_(0.5), L.abs(u))
        accept1 = L.and_(L.ge(us, c_(0.07)), L.le(v, v_r))
        kk = L.floor(L.add(L.mul(L.add(L.div(L.mul(c_(2), a), us), b), u), c))
        reject = L.or_(L.lt(kk, c_(0)), L.gt(kk, count))
        v = L.log(L.div(L.mul(v, alpha), L.add(L.div(a, L.mul(us, us)), b)))
        ck1 = L.add(L.sub(count, kk), c_(1))
        t1 = L.mul(L.add(m, c_(0.5)), L.log(L.div(L.add(m, c_(1)), L.mul(r, cm1))))
        t2 = L.mul(L.add(count, c_(1)), L.log(L.div(cm1, ck1)))
        t3 = L.mul(L.add(kk, c_(0.5)), L.log(L.div(L.mul(r, ck1), L.add(kk, c_(1)))))
        ub = L.add(L.add(L.add(t1, t2), t3), st_m)
        ub = L.sub(L.sub(L.add(ub, st_nm), _stirling_tail(kk)), _stirling_tail(L.sub(count, kk)))
        accept = L.or_(accept1, L.and_(L.not_(reject), L.le(v, ub)))
        return (L.add(i, np.int32(1)), _select(accept, kk, k_out), L.or_(accepted, accept),
                nk.data)

    def cond(s):
        i, _, accepted, _ = s
        return L.and_(_any(L.not_(accepted)), L.lt(i, imax))

    init = (np.int32(0), _full(prob, -1), _full(prob, False, np.bool_), k.data)
    return L.convert_element_type(jax.lax.while_loop(cond, body, init)[1], dtype)


def binomial(key, n, p, shape=None, dtype=None):
    """Binomial samples: successes in ``n`` trials of probability ``p`` (floats).

    Inversion by geometric waiting times when n min(p, 1-p) <= 10, else
    Hörmann's BTRS rejection; invalid parameters give NaN, n = inf gives inf.
    """
    _util.check_arraylike("binomial", n, p)
    dt = _dtype_arg("binomial", dtype, "float")
    shape = _broadcast_shape("binomial", shape, n, p)
    return _run("binomial", _binomial, key, n, p, shape=shape, dtype=dt)


def _binomial(k, count, prob, *, shape, dtype):
    (prob,) = _util.promote_dtypes_inexact(prob)
    prob = _bc(_util.asarray(prob), shape)
    count = _bc(_arr(count, np.dtype(prob.dtype)), shape)
    c_ = functools.partial(_c, prob)
    p_lt_half = L.lt(prob, c_(0.5))
    q = _select(p_lt_half, prob, L.sub(c_(1.0), prob))
    bad_count = L.or_(L.ne(count, count), L.lt(count, c_(0.0)))
    count_inf = L.eq(L.abs(count), c_(np.inf))
    q_nan, q_neg = L.ne(q, q), L.lt(q, c_(0.0))
    q = _select(L.or_(q_nan, q_neg), _full(q, 0.01), q)
    use_inv = L.or_(bad_count, L.le(L.mul(count, q), c_(10.0)))
    count = L.floor(count)
    count_inv = _select(use_inv, count, _full(count, 0.0))
    count_btrs = _select(use_inv, _full(count, 1e4), count)
    q_btrs = _select(use_inv, _full(q, 0.5), q)
    out = _select(use_inv, _binomial_inversion(k, count_inv, q, shape, dtype),
                  _btrs(k, count_btrs, q_btrs, shape, dtype))
    invalid = L.or_(L.or_(q_neg, q_nan), bad_count)
    out = _select(invalid, _full(out, np.nan), out)
    out = _select(L.and_(count_inf, L.not_(invalid)), _full(out, np.inf), out)
    keep = L.or_(L.or_(L.or_(p_lt_half, bad_count), q_nan), count_inf)
    return _select(keep, out, L.sub(L.convert_element_type(count, dtype), out))


def multinomial(key, n, p, *, shape=None, dtype=None, unroll=1):
    """Multinomial counts of ``n`` trials over the categories of ``p`` (last axis):
    a binomial draw per category from the remaining trials (a scan)."""
    _util.check_arraylike("multinomial", n, p)
    n, p = _util.promote_dtypes_inexact(n, p)
    shape = tuple(np.shape(p)) if shape is None else _shape_arg("multinomial", shape)
    dt = None if dtype is None else _dtype_arg("multinomial", dtype, "float")
    return _run("multinomial", _multinomial, key, n, p, shape=shape, dtype=dt, unroll=unroll)


def _multinomial(k, n, p, *, shape, dtype, unroll):
    from jaxwrap._src.numpy import shape as shp
    n, p = _util.asarray(n), _util.asarray(p)
    n, p = _bc(n, shape[:-1]), _bc(p, shape)
    p = shp.moveaxis(p, -1, 0)
    remaining = L.cumsum(p, 0, True)
    ratios = L.div(p, _select(L.eq(remaining, _c(remaining, 0)), _full(remaining, 1), remaining))
    keys = k.impl.split(k.data, (ratios.shape[0],))
    impl = k.impl

    def step(rem, ratio_key):
        ratio, kd = ratio_key
        ratio = L.min(L.max(ratio, _c(ratio, 0)), _c(ratio, 1))
        count = _binomial(_Key(impl, kd), rem, ratio, shape=tuple(rem.shape),
                          dtype=np.dtype(rem.dtype))
        return L.sub(rem, count), count

    _, counts = jax.lax.scan(step, n, (ratios, keys), unroll=unroll)
    counts = shp.moveaxis(counts, 0, -1)
    return counts if dtype is None else L.convert_element_type(counts, dtype)
