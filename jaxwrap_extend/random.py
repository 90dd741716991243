"""PRNG implementations and key internals (the counterpart of ``jax.extend.random``).

A PRNG implementation (:class:`PRNGImpl`) is a key shape plus four functions
on *one* raw key, a uint32 array of shape ``key_shape``::

    seed(int[])                       -> key
    split(key, shape)                 -> keys of shape (*shape, *key_shape)
    fold_in(key, uint32[])            -> key
    random_bits(key, bit_width, shape) -> uint<bit_width>[*shape]

``threefry_prng_impl`` is jax's default generator, Threefry-2x32 (Salmon et
al., SC 2011) in counter mode, written with jaxwrap's primitives (the cipher
is the ``threefry2x32`` primitive); its keys, splits, fold-ins and bits are
bit-for-bit those of ``jax.random``, under both settings of
``jax_threefry_partitionable``.

Typed keys.  ``jax.random.key`` makes arrays of an extended dtype
(``key<fry>``) that only jax can define.  jaxwrap reuses them: ``random_wrap``
turns raw key data into jax typed keys (for ``threefry_prng_impl``, jax's own
``key<fry>`` dtype, so keys pass freely between jaxwrap.random and
jax.random), ``random_unwrap`` / ``key_data`` go back.  Those two conversions
are jax's ``random_wrap`` / ``random_unwrap`` primitives; everything computed
on the data is jaxwrap's.  Raw uint32 keys never leave jaxwrap's primitives.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import jax
import numpy as np

from . import _jax
from ._prims import elementwise as _ew
from ._prims import structural as _st
from ._prims.random_bits import rng_bit_generator as _rng_bit_generator
from ._prims.random_bits import threefry2x32 as _threefry2x32
from ._prims.random_bits import threefry2x32_p as threefry2x32_p

__all__ = [
    "PRNGImpl",
    "define_prng_impl",
    "key_data",
    "key_dtype",
    "key_impl",
    "prngs",
    "random_seed",
    "random_unwrap",
    "random_wrap",
    "rbg_prng_impl",
    "register_prng",
    "seed_with_impl",
    "threefry2x32_p",
    "threefry_2x32",
    "threefry_prng_impl",
    "unsafe_rbg_prng_impl",
]

UINT_DTYPES = {8: np.dtype(np.uint8), 16: np.dtype(np.uint16),
               32: np.dtype(np.uint32), 64: np.dtype(np.uint64)}
_U32 = np.dtype(np.uint32)


@dataclass(frozen=True, eq=False)
class PRNGImpl:
    """A PRNG implementation: key shape and the operations on one raw key."""

    key_shape: tuple[int, ...]
    seed: Callable
    split: Callable
    random_bits: Callable
    fold_in: Callable
    name: str = "<unnamed>"
    tag: str = "?"
    _jax_impl: list = field(default_factory=list, repr=False)  # lazily made jax mirror

    def __hash__(self) -> int:
        return hash(self.tag)

    def __str__(self) -> str:
        return self.tag


def define_prng_impl(*, key_shape, seed, split, random_bits, fold_in,
                     name: str = "<unnamed>", tag: str = "?") -> PRNGImpl:
    """A new PRNG implementation from its key shape and operations (see module doc)."""
    return PRNGImpl(tuple(int(d) for d in key_shape), seed, split, random_bits, fold_in,
                    name, tag)


prngs: dict[str, PRNGImpl] = {}


def register_prng(impl: PRNGImpl) -> None:
    """Make ``impl`` known by name (``jaxwrap.random.key(0, impl=name)``)."""
    if impl.name in prngs:
        raise ValueError(f"register_prng: a PRNG named {impl.name!r} is already registered")
    prngs[impl.name] = impl


# --- small helpers on raw uint32 data (jaxwrap primitives only) -----------------------
def _u32(x):
    return _ew.convert_element_type(x, _U32)


def _c(value, dtype=_U32):
    return np.array(value, dtype=dtype)


def _part(x, i: int):
    """Element ``i`` of a 1-d array, as a scalar."""
    return _st.reshape(_st.slice(x, (i,), (i + 1,)), ())


def _stack_last(a, b):
    shape = tuple(np.shape(a))
    return _st.concatenate([_st.reshape(a, shape + (1,)), _st.reshape(b, shape + (1,))],
                           len(shape))


def _iota_2x32(shape):
    """(high, low) 32-bit words of a row-major uint64 counter over ``shape``."""
    n = math.prod(shape)
    if n >= 2 ** 64:
        raise NotImplementedError("random bits array of size exceeding 2 ** 64")
    if n <= 2 ** 32:
        # The high word is zero; counting in uint32 gives the same bits cheaply.
        lo = _st.reshape(_st.iota(_U32, (n,)), tuple(shape))
        return _st.broadcast_in_dim(_c(0), tuple(shape), ()), lo
    u64 = np.dtype(np.uint64)
    counts = _st.reshape(_st.iota(u64, (n,)), tuple(shape))
    return _u32(_ew.shift_right_logical(counts, _c(32, u64))), _u32(counts)


def _partitionable() -> bool:
    return bool(jax.config.jax_threefry_partitionable)


# --- Threefry-2x32 ---------------------------------------------------------------------
def threefry_2x32(keypair, count):
    """Threefry-2x32 of the uint32 array ``count`` under ``keypair = (k1, k2)``.

    The flattened counts (padded with a zero to even length) are split in two
    halves that form the cipher's two input words; the two output words are
    concatenated and reshaped like ``count``.
    """
    if isinstance(keypair, (tuple, list)):
        k1, k2 = keypair
    else:
        k1, k2 = _part(keypair, 0), _part(keypair, 1)
    dts = [np.dtype(_jax.typeof(x).dtype) for x in (k1, k2, count)]
    if any(d != _U32 for d in dts):
        raise TypeError(f"threefry_2x32 requires uint32 arguments, got {[d.name for d in dts]}")
    shape = tuple(np.shape(count))
    n = math.prod(shape)
    flat = _st.reshape(count, (n,))
    if n % 2:
        flat = _st.concatenate([flat, _st.broadcast_in_dim(_c(0), (1,), ())], 0)
    half = (n + 1) // 2
    x1, x2 = _st.slice(flat, (0,), (half,)), _st.slice(flat, (half,), (2 * half,))
    y1, y2 = _threefry2x32(k1, k2, x1, x2)
    out = _st.concatenate([y1, y2], 0)
    if n % 2:
        out = _st.slice(out, (0,), (n,))
    return _st.reshape(out, shape)


def threefry_seed(seed):
    """The key of an integer seed: its high and low 32-bit words (high is 0 for <= 32 bits)."""
    dtype = np.dtype(_jax.typeof(seed).dtype)
    if np.shape(seed):
        raise TypeError(f"PRNG key seed must be a scalar; got shape {np.shape(seed)}")
    if not np.issubdtype(dtype, np.integer):
        raise TypeError(f"PRNG key seed must be an integer; got dtype {dtype.name}")
    if dtype.itemsize == 8:
        hi = _u32(_ew.shift_right_logical(seed, _c(32, dtype)))
    else:
        hi = _c(0)  # a logical shift by >= the bit width gives 0
    lo = _u32(seed)  # signed seeds are sign-extended, 64-bit ones truncated
    return _st.concatenate([_st.broadcast_in_dim(hi, (1,), ()),
                            _st.broadcast_in_dim(lo, (1,), ())], 0)


def threefry_split(key, shape):
    shape = tuple(int(d) for d in shape)
    if _partitionable():
        hi, lo = _iota_2x32(shape)
        b1, b2 = _threefry2x32(_part(key, 0), _part(key, 1), hi, lo)
        return _stack_last(b1, b2)
    n = math.prod(shape)
    return _st.reshape(threefry_2x32(key, _st.iota(_U32, (2 * n,))), shape + (2,))


def threefry_fold_in(key, data):
    # threefry_2x32(key, seed(data)) with the seed [0, data]: one cipher block.
    b1, b2 = _threefry2x32(_part(key, 0), _part(key, 1), _c(0), _u32(data))
    return _st.concatenate([_st.reshape(b1, (1,)), _st.reshape(b2, (1,))], 0)


def threefry_random_bits(key, bit_width, shape):
    """Uniform random bits of ``bit_width`` (8, 16, 32, 64) and ``shape``."""
    if bit_width not in UINT_DTYPES:
        raise TypeError("threefry_random_bits requires 8-, 16-, 32- or 64-bit field width")
    shape = tuple(int(d) for d in shape)
    dtype = UINT_DTYPES[bit_width]
    if _partitionable():
        # One cipher block per element, counter = its row-major index.
        hi, lo = _iota_2x32(shape)
        b1, b2 = _threefry2x32(_part(key, 0), _part(key, 1), hi, lo)
        if bit_width == 64:
            return _ew.or_(_ew.shift_left(_ew.convert_element_type(b1, dtype), _c(32, dtype)),
                           _ew.convert_element_type(b2, dtype))
        bits = _ew.xor(b1, b2)
        return bits if bit_width == 32 else _ew.convert_element_type(bits, dtype)
    return _threefry_random_bits_original(key, bit_width, shape)


def _threefry_random_bits_original(key, bit_width, shape):
    # The counter stream 0..m-1 through threefry_2x32, m words of 32 bits.
    dtype = UINT_DTYPES[bit_width]
    size = math.prod(shape)
    words = -(-bit_width * size // 32)
    if words >= 2 ** 32 - 1:
        raise NotImplementedError("random bits beyond 2**32 words (non-partitionable threefry)")
    bits = threefry_2x32(key, _st.iota(_U32, (words,)))
    if bit_width == 64:
        half = words // 2
        hi = _ew.convert_element_type(_st.slice(bits, (0,), (half,)), dtype)
        lo = _ew.convert_element_type(_st.slice(bits, (half,), (words,)), dtype)
        bits = _ew.or_(_ew.shift_left(hi, _c(32, dtype)), lo)
    elif bit_width in (8, 16):
        # Little-endian pieces of each word: bits.view(dtype)[:size].
        per = 32 // bit_width
        wide = _st.broadcast_in_dim(bits, (words, per), (0,))
        shifts = _ew.mul(_st.iota(_U32, (words, per), 1), _c(bit_width))
        pieces = _ew.and_(_ew.shift_right_logical(wide, shifts), _c(2 ** bit_width - 1))
        bits = _st.slice(_st.reshape(_ew.convert_element_type(pieces, dtype), (words * per,)),
                         (0,), (size,))
    return _st.reshape(bits, shape)


threefry_prng_impl = define_prng_impl(
    key_shape=(2,), seed=threefry_seed, split=threefry_split,
    random_bits=threefry_random_bits, fold_in=threefry_fold_in,
    name="threefry2x32", tag="fry")
register_prng(threefry_prng_impl)


# --- RBG: XLA's RngBitGenerator, keyed by two threefry half-keys -------------------------
# Keys are uint32[4]: two threefry keys.  Splits and fold-ins act on each half
# with threefry; bits come from XLA's RngBitGenerator (its default algorithm,
# so bits depend on the platform).  'unsafe_rbg' also splits and folds in with
# RngBitGenerator (faster, no statistical guarantee for derived keys).
def _halves(key):
    return _st.slice(key, (0,), (2,)), _st.slice(key, (2,), (4,))


def rbg_seed(seed):
    half = threefry_seed(seed)
    return _st.concatenate([half, half], 0)


def rbg_split(key, shape):
    shape = tuple(int(d) for d in shape)
    a, b = (threefry_split(h, shape) for h in _halves(key))
    return _st.concatenate([a, b], len(shape))


def rbg_fold_in(key, data):
    return _st.concatenate([threefry_fold_in(h, data) for h in _halves(key)], 0)


def rbg_random_bits(key, bit_width, shape):
    if bit_width not in UINT_DTYPES:
        raise TypeError("rbg_random_bits requires 8-, 16-, 32- or 64-bit field width")
    return _rng_bit_generator(key, tuple(shape), UINT_DTYPES[bit_width])[1]


def unsafe_rbg_split(key, shape):
    # Every tenth row of 10 * n RngBitGenerator words serves as a key.
    shape = tuple(int(d) for d in shape)
    n = math.prod(shape)
    _, rows = _rng_bit_generator(key, (10 * n, 4), _U32)
    return _st.reshape(_st.slice(rows, (0, 0), (10 * n, 4), (10, 1)), shape + (4,))


def unsafe_rbg_fold_in(key, data):
    _, rows = _rng_bit_generator(rbg_seed(_u32(data)), (10, 4), _U32)
    return _ew.xor(key, _st.reshape(_st.slice(rows, (9, 0), (10, 4)), (4,)))


rbg_prng_impl = define_prng_impl(
    key_shape=(4,), seed=rbg_seed, split=rbg_split, random_bits=rbg_random_bits,
    fold_in=rbg_fold_in, name="rbg", tag="rbg")
unsafe_rbg_prng_impl = define_prng_impl(
    key_shape=(4,), seed=rbg_seed, split=unsafe_rbg_split, random_bits=rbg_random_bits,
    fold_in=unsafe_rbg_fold_in, name="unsafe_rbg", tag="urbg")
register_prng(rbg_prng_impl)
register_prng(unsafe_rbg_prng_impl)
_BUILTIN = (threefry_prng_impl, rbg_prng_impl, unsafe_rbg_prng_impl)


# --- typed keys (jax's key<...> dtypes) ------------------------------------------------
def _jax_impl(impl: PRNGImpl):
    """The jax PRNGImpl that typed keys of ``impl`` carry."""
    if not impl._jax_impl:
        known = _jax.jax_prng_impls().get(impl.name)
        if any(impl is b for b in _BUILTIN) and known is not None:
            mirror = known  # jax's own key<fry>: keys interoperate with jax.random
        else:
            mirror = _jax.make_jax_prng_impl(impl.key_shape, impl.seed, impl.split,
                                             impl.random_bits, impl.fold_in, impl.name, impl.tag)
        impl._jax_impl.append(mirror)
        _BY_JAX_IMPL[id(mirror)] = impl
    return impl._jax_impl[0]


_BY_JAX_IMPL: dict[int, PRNGImpl] = {}


def impl_of_typed_key(keys) -> PRNGImpl:
    """The jaxwrap PRNGImpl of a jax typed key array (or key dtype).

    jax's threefry and rbg keys map to this module's implementations; keys
    made by ``random_wrap`` of a jaxwrap impl map back to it; other jax
    generators (philox...) are adopted as they are: their operations are jax's.
    """
    return _adopt(_jax.typed_key_impl(keys))


def _adopt(jimpl) -> PRNGImpl:
    for builtin in _BUILTIN:
        _jax_impl(builtin)
    impl = _BY_JAX_IMPL.get(id(jimpl))
    if impl is None:
        impl = define_prng_impl(key_shape=jimpl.key_shape, seed=jimpl.seed, split=jimpl.split,
                                random_bits=jimpl.random_bits, fold_in=jimpl.fold_in,
                                name=jimpl.name, tag=jimpl.tag)
        impl._jax_impl.append(jimpl)
        _BY_JAX_IMPL[id(jimpl)] = impl
        if _jax.jax_prng_impls().get(jimpl.name) is jimpl and jimpl.name not in prngs:
            prngs[jimpl.name] = impl  # a generator registered with jax, known by name
    return impl


def impl_by_name(name: str) -> PRNGImpl:
    """The implementation registered as ``name`` (here, or with jax: adopted)."""
    if name in prngs:
        return prngs[name]
    jimpl = _jax.jax_prng_impls().get(name)
    if jimpl is None:
        known = ", ".join(f'"{s}"' for s in {**_jax.jax_prng_impls(), **prngs})
        raise ValueError(f'unrecognized PRNG implementation "{name}". Did you mean one of: '
                         f"{known}?")
    return _adopt(jimpl)


def is_typed_key(x) -> bool:
    """Whether ``x`` is a typed key array (dtype ``key<...>``)."""
    return _jax.is_typed_key(x)


def random_wrap(base_arr, *, impl: PRNGImpl):
    """Typed keys over raw key data ``base_arr`` of shape (..., *impl.key_shape)."""
    nd = len(impl.key_shape)
    shape = tuple(np.shape(base_arr))
    if len(shape) < nd or shape[len(shape) - nd:] != impl.key_shape:
        raise TypeError(f"random_wrap: key data of shape {shape} does not end with the key "
                        f"shape {impl.key_shape} of {impl.name}")
    if np.dtype(_jax.typeof(base_arr).dtype) != _U32:
        raise TypeError(f"random_wrap: key data must be uint32, got "
                        f"{np.dtype(_jax.typeof(base_arr).dtype).name}")
    return _jax.random_wrap(base_arr, _jax_impl(impl))


def key_dtype(impl: PRNGImpl):
    """The dtype of typed keys of ``impl`` (``key<fry>`` for threefry)."""
    return _jax.key_dtype(_jax_impl(impl))


def random_unwrap(keys):
    """The raw uint32 data of typed keys, shape (*keys.shape, *key_shape)."""
    if not is_typed_key(keys):
        raise TypeError(f"random_unwrap: expected a typed key array, got "
                        f"{getattr(keys, 'dtype', type(keys).__name__)}")
    return _jax.random_unwrap(keys)


def key_data(keys):
    """Raw key data of typed keys; raw (uint32) keys are returned as they are."""
    return random_unwrap(keys) if is_typed_key(keys) else keys


def key_impl(keys) -> PRNGImpl:
    """The implementation of typed keys (raw keys are threefry keys)."""
    return impl_of_typed_key(keys) if is_typed_key(keys) else threefry_prng_impl


def canonical_seed(seed):
    """A Python int seed as a 64-bit integer, wrapped to 32 bits unless x64 (jax's rule)."""
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, (bool, np.bool_)):
        if isinstance(seed, int):
            seed = np.int64(seed)
        if np.dtype(seed.dtype).itemsize == 8 and not jax.config.jax_enable_x64:
            seed = seed.astype(np.uint32 if seed.dtype == np.uint64 else np.int32)
        return np.asarray(seed)
    return seed


def random_seed(seeds, impl: PRNGImpl = threefry_prng_impl):
    """A typed key from a scalar integer seed."""
    return random_wrap(impl.seed(canonical_seed(seeds)), impl=impl)


def seed_with_impl(impl: PRNGImpl, seed):
    """A typed key from an integer seed with a given PRNG implementation.

    ``random_seed`` with the arguments in the other order.

    Parameters
    ----------
    impl : PRNGImpl
        The implementation (e.g. ``threefry_prng_impl``).
    seed : int or integer array
        The seed; a Python int is wrapped to 32 bits unless x64 is enabled.

    Returns
    -------
    jax.Array
        A scalar typed key array of ``impl``'s key dtype.

    Examples
    --------
    >>> from jaxwrap_extend import random as xr
    >>> key = xr.seed_with_impl(xr.threefry_prng_impl, 0)
    >>> key.shape, xr.key_impl(key) is xr.threefry_prng_impl
    ((), True)
    """
    return random_seed(seed, impl)
