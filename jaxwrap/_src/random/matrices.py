"""Multivariate normal and random orthogonal matrices.
"""

from __future__ import annotations

import operator

from jaxwrap._src import dtypes as _dtypes
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

from ._common import _check_shape, _dtype_arg, _shape_arg
from .bits import _normal
from .keys import _run

__all__ = ["multivariate_normal", "orthogonal"]


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


# jax.random's out_sharding= keyword on the samplers that take it (_sharding.py)
from ._sharding import add_out_sharding  # noqa: E402

add_out_sharding(globals())
