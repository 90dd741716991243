"""Shared helpers of jaxwrap.scipy.linalg: argument checks that name the
function and argument, and small matrix utilities written with jaxwrap
primitives (transpose of the last two axes, identity, diagonal, products)."""

from __future__ import annotations

import numpy as np

from .. import dtypes, lax

# pure versions of jax.lax's cond / switch / fori_loop, used as C.cond etc. by the linalg modules
from ..control import cond, fori_loop, switch, switch_in_range  # noqa: F401
from ..numpy import _util
from ..numpy.tensor import matmul as _matmul

__all__: list[str] = []


def arr(name: str, a, argname: str = "a"):
    """``a`` as an array; TypeError naming ``name``/``argname`` otherwise."""
    _util.check_arraylike(name, a, argnames=[argname])
    return _util.asarray(a, name=name)


def inexact(name: str, a, argname: str = "a"):
    """``a`` as an array of an inexact dtype (integers go to the default float)."""
    a = arr(name, a, argname)
    dt = dtypes.to_inexact_dtype(a.dtype)
    return a if a.dtype == dt else lax.convert_element_type(a, dt, False)


def matrix(name: str, a, argname: str = "a", *, square: bool = True, batch: bool = True):
    """An inexact stack of matrices; ValueError naming the argument when it is
    not at least 2-d (or exactly 2-d when ``batch`` is False) or not square."""
    a = inexact(name, a, argname)
    if a.ndim < 2 or (not batch and a.ndim != 2):
        want = "at least 2" if batch else "exactly 2"
        raise ValueError(f"{name}(): {argname} must have {want} dimensions, got shape {a.shape}")
    if square and a.shape[-1] != a.shape[-2]:
        raise ValueError(f"{name}(): {argname} must be square, got shape {a.shape}")
    return a


def promote(*xs):
    """Promote arrays to one common inexact dtype."""
    return _util.promote_dtypes_inexact(*xs)


def mT(x):
    """Swap the last two axes."""
    nd = x.ndim
    return lax.transpose(x, tuple(range(nd - 2)) + (nd - 1, nd - 2))


def is_complex(x) -> bool:
    return np.issubdtype(x.dtype, np.complexfloating)


def conj(x):
    return lax.conj(x) if is_complex(x) else x


def mH(x):
    """Conjugate transpose of the last two axes."""
    return conj(mT(x))


def mm(a, b, precision=None):
    return _matmul(a, b, precision=precision)


def const(x, value):
    return np.array(value, dtype=x.dtype)


def full(shape, value, dtype):
    return lax.broadcast_in_dim(np.array(value, dtype=dtype), tuple(shape), ())


def zeros_like(x):
    return full(x.shape, 0, x.dtype)


def eye(n: int, dtype, batch_shape=()):
    i = lax.iota(np.int32, (n, n), 0)
    j = lax.iota(np.int32, (n, n), 1)
    e = lax.convert_element_type(lax.eq(i, j), dtype, False)
    if batch_shape:
        nb = len(batch_shape)
        e = lax.broadcast_in_dim(e, tuple(batch_shape) + (n, n), (nb, nb + 1))
    return e


def eye_like(x):
    return eye(x.shape[-1], x.dtype, x.shape[:-2])


def diag_mask(shape2, k: int = 0, op=lax.eq):
    """Boolean (m, n) mask of ``op(j - i, k)``."""
    i = lax.iota(np.int32, tuple(shape2), 0)
    j = lax.iota(np.int32, tuple(shape2), 1)
    return op(lax.sub(j, i), lax.broadcast_in_dim(np.int32(k), tuple(shape2), ()))


def bmask(mask, shape):
    """Broadcast a trailing (m, n) mask to ``shape``."""
    nd = len(shape)
    return lax.broadcast_in_dim(mask, tuple(shape), (nd - 2, nd - 1))


def select(mask, x, y):
    """``x`` where ``mask`` else ``y`` (mask broadcast over leading axes)."""
    if mask.shape != x.shape:
        mask = bmask(mask, x.shape)
    if not hasattr(y, "shape") or y.shape != x.shape:
        y = lax.broadcast_in_dim(np.asarray(y, x.dtype), x.shape, ()) if np.ndim(y) == 0 else y
    return lax.select_n(mask, y, x)


def triangle(x, lower: bool, k: int = 0):
    """The lower (``j - i <= k``) or upper (``j - i >= k``) triangle of ``x``."""
    mask = diag_mask(x.shape[-2:], k, lax.le if lower else lax.ge)
    return select(mask, x, zeros_like(x))


def diagonal(x):
    """Main diagonal of the last two axes, shape (..., min(m, n))."""
    m, n = x.shape[-2:]
    k = min(m, n)
    if (m, n) != (k, k):
        x = lax.slice(x, (0,) * x.ndim, x.shape[:-2] + (k, k))
    masked = select(diag_mask((k, k)), x, zeros_like(x))
    return lax.reduce_sum(masked, (x.ndim - 1,))


def diag_embed(d, n: int | None = None):
    """(..., k) -> (..., k, k) with ``d`` on the diagonal."""
    k = d.shape[-1]
    nd = d.ndim
    full_ = lax.broadcast_in_dim(d, d.shape + (k,), tuple(range(nd - 1)) + (nd - 1,))
    return select(diag_mask((k, k)), full_, zeros_like(full_))


def scale_cols(x, d):
    """``x @ diag(d)``: column j of x times d[..., j]."""
    nd = x.ndim
    return lax.mul(x, lax.broadcast_in_dim(d, x.shape, tuple(range(nd - 2)) + (nd - 1,)))


def scale_rows(x, d):
    """``diag(d) @ x``."""
    nd = x.ndim
    return lax.mul(x, lax.broadcast_in_dim(d, x.shape, tuple(range(nd - 2)) + (nd - 2,)))


def real_dtype(dt):
    return np.finfo(dt).dtype


def eps(dt) -> float:
    return float(np.finfo(dt).eps)


def slice_last(x, start: int, stop: int, axis: int = -1):
    axis = axis % x.ndim
    starts = [0] * x.ndim
    limits = list(x.shape)
    starts[axis], limits[axis] = start, stop
    return lax.slice(x, tuple(starts), tuple(limits))


def check_bool(name: str, argname: str, v) -> bool:
    if not isinstance(v, (bool, np.bool_)):
        raise TypeError(f"{name}(): {argname} must be a bool, got {type(v).__name__}")
    return bool(v)

