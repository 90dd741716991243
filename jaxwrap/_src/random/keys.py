"""Keys: typed and raw PRNG keys, seeding, split and fold_in, and the jitted
single-key runner (``_run``) every sampler goes through.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence

import jax
import numpy as np

from jaxwrap_extend.core import inline_jit
import jaxwrap_extend.random as _xr
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

__all__ = [
    "PRNGKey",
    "clone",
    "fold_in",
    "key",
    "key_data",
    "key_dtype",
    "key_impl",
    "split",
    "wrap_key_data",
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
    return inline_jit(fn, static_argnames=static)


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


def key_dtype(impl_spec=None):
    """The dtype of typed keys of ``impl_spec`` (default generator: ``key<fry>``)."""
    return _xr.key_dtype(_resolve_impl(impl_spec))


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
