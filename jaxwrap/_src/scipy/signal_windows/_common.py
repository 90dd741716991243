"""Shared helpers of the scipy.signal.windows modules: the length rule, host
constants, the periodic (``sym=False``) extension, traced scalar parameters."""

from __future__ import annotations

import operator

import numpy as np

from ... import dtypes, lax
from ...numpy import _util

__all__: list[str] = []

STATIC = ("M", "sym", "xp", "device")


# --- length, dtype and constants -------------------------------------------------------------
def length(name: str, M) -> int:
    """scipy's rule: a non-negative integer (an integral float is accepted)."""
    try:
        n = operator.index(M)
    except TypeError:
        if not isinstance(M, (float, np.floating)):
            raise TypeError(f"{name}(): window length 'M' must be an integer, got "
                            f"{type(M).__name__}") from None
        if not float(M).is_integer():
            raise ValueError(f"{name}(): window length 'M' must be a non-negative integer, "
                             f"got {M}") from None
        n = int(M)
    if n < 0:
        raise ValueError(f"{name}(): window length 'M' must be a non-negative integer, got {n}")
    return n


def const(values, dt):
    """A host float64 array as a constant of dtype ``dt`` (rounded once)."""
    return lax.convert_element_type(np.asarray(values, np.float64).astype(dt), dt, False)


def ones(M: int, dt):
    return lax.broadcast_in_dim(np.array(1, dt), (M,), ())


def extended(M: int, sym) -> int:
    """Length of the symmetric window to compute: ``M``, or ``M + 1`` if periodic."""
    return M if sym else M + 1


def truncate(w, M: int):
    return w if w.shape[0] == M else lax.slice(w, (0,), (M,))


def host(name: str, M, sym, formula):
    """A window computed on the host: ``formula(N)`` is the symmetric float64
    window of length ``N >= 2``."""
    M = length(name, M)
    dt = dtypes.default_float_dtype()
    if M <= 1:
        return ones(M, dt)
    w = np.asarray(formula(extended(M, sym)), np.float64)
    return const(w[:M], dt)


def centered(N: int):
    """``n - (N - 1) / 2`` for n < N (exact in binary: integers and halves)."""
    return np.arange(N, dtype=np.float64) - (N - 1) / 2.0


def params(name: str, **params):
    """Check and promote traced scalar parameters to one floating dtype (default
    float for Python numbers / integers; float32 stays float32), not weak."""
    names, vals = list(params), list(params.values())
    _util.check_arraylike(name, *vals, argnames=names)
    out = []
    for a, an in zip(_util.promote_dtypes_inexact(*vals), names):
        a = _util.asarray(a, name=name)
        if a.ndim != 0:
            raise ValueError(f"{name}(): argument {an!r} must be a scalar, got shape {a.shape}")
        if dtypes.is_complex(a.dtype):
            raise TypeError(f"{name}(): argument {an!r} must be real, got {a.dtype}")
        out.append(lax.convert_element_type(a, a.dtype, False))
    return out


def static_number(name: str, argname: str, v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        raise TypeError(f"{name}(): argument {argname!r} must be a real number (static), got "
                        f"{type(v).__name__}") from None


XP_DOC = """    xp, device : optional
        Accepted for scipy compatibility and ignored: the result is always a
        jax array on jax's default device."""

