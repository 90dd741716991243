"""Categorical draws, choice and permutations.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

import jax
import numpy as np

from jaxwrap._src import dtypes as _dtypes
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

from ._common import _c, _check_shape, _shape_arg
from .bits import _randint, _uniform
from .continuous import _gumbel
from .keys import _run

__all__ = ["categorical", "choice", "permutation"]


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


# jax.random's out_sharding= keyword on the samplers that take it (_sharding.py)
from ._sharding import add_out_sharding  # noqa: E402

add_out_sharding(globals())
