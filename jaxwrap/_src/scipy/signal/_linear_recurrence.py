"""The linear recurrence behind lfilter / sosfilt, in two forms.

A filter with normalised coefficients ``b[0..K]``, ``a[0..K]`` (``a[0] == 1``,
both zero-padded to one length) in transposed direct form II keeps a state
``z`` of length ``K`` (Oppenheim & Schafer, "Discrete-Time Signal
Processing", 3rd ed., sec. 6.5)::

    y[t]   = b[0] x[t] + z[0, t-1]
    z[i,t] = b[i+1] x[t] + z[i+1, t-1] - a[i+1] y[t]      (z[K, .] = 0)

Eliminating ``y`` gives the state-space form ``z[t] = A z[t-1] + B x[t]`` with
the companion matrix ``A`` (``A[i, 0] = -a[i+1]``, ones on the
superdiagonal) and ``B = b[1:] - a[1:] b[0]``.  This state is scipy's, so
``zi`` / ``zf`` are interchangeable with scipy.signal's.

- ``tdf2_scan``: the sequential form, one ``jax.lax.scan`` step per sample
  (O(n K) work, n sequential steps).
- ``tdf2_assoc``: the parallel form, a prefix scan of the affine maps
  ``s -> A s + u[t]`` under composition ``(A2, u2) o (A1, u1) = (A2 A1,
  A2 u1 + u2)`` (Blelloch, "Prefix sums and their applications", 1990).  The
  filter is time-invariant, so at every level of the odd/even recursion all
  elements carry the same matrix ``A^(2^level)``: it is one K x K matrix per
  level, not one per element, and the work is O(n K^2) over log2(n) levels.
  Written with jaxwrap slices and dot_general (``jax.lax.associative_scan``
  binds jax's own slicing primitives).  The powers come from repeated
  squaring, which loses accuracy for a companion matrix far from normal
  (high orders, poles near 1): callers use it for K <= 2 only (filtering.py).

Both take the time axis first: ``x`` of shape ``(n, *batch)`` and ``zi`` of
shape ``(*batch, K)``; they return ``y`` like ``x`` and ``zf`` like ``zi``.
"""

from __future__ import annotations

import jax
import numpy as np

from ... import lax

__all__: list[str] = []


# --- small helpers on the time-first layout --------------------------------------------------
def _take0(x, start, stop, step=1):
    """``x[start:stop:step]`` along axis 0."""
    nd = x.ndim
    return lax.slice(x, (start,) + (0,) * (nd - 1), (stop,) + x.shape[1:],
                     (step,) + (1,) * (nd - 1))


def _bcast(v, shape, axes):
    """``v`` broadcast to ``shape``, its axes landing on ``axes``."""
    return lax.broadcast_in_dim(v, shape, axes)


def _last(v, shape):
    """A 1-d ``v`` broadcast along the last axis of ``shape``."""
    return _bcast(v, shape, (len(shape) - 1,))


def _scalar(v, shape):
    return _bcast(v, shape, ())


def _matvec(s, m):
    """``m @ s`` for each vector ``s[..., :]`` (``m`` is K x K)."""
    return lax.dot_general(s, m, (((s.ndim - 1,), (1,)), ((), ())), precision="highest")


def _matmul(p, q):
    return lax.dot_general(p, q, (((1,), (0,)), ((), ())), precision="highest")


def companion(a):
    """The K x K transition matrix ``A`` of the state ``z`` (``a`` normalised, length K+1)."""
    k = a.shape[0] - 1
    col = lax.reshape(lax.neg(lax.slice(a, (1,), (k + 1,))), (k, 1))
    col = lax.pad(col, np.array(0, a.dtype), ((0, 0, 0), (0, k - 1, 0)))
    return lax.add(col, np.eye(k, k=1, dtype=a.dtype))


def input_gain(b, a):
    """``B = b[1:] - a[1:] b[0]`` (length K)."""
    k = a.shape[0] - 1
    b0 = lax.broadcast_in_dim(lax.slice(b, (0,), (1,)), (k,), (0,))
    return lax.sub(lax.slice(b, (1,), (k + 1,)), lax.mul(lax.slice(a, (1,), (k + 1,)), b0))


def _b0(b):
    return lax.reshape(lax.slice(b, (0,), (1,)), ())


# --- the sequential form ---------------------------------------------------------------------
def _stepper(b, a, bshape):
    """One transposed-direct-form-II step ``(z, x[t]) -> (z', y[t])`` for a batch of
    shape ``bshape`` (``z``: ``(*bshape, K)``)."""
    k = a.shape[0] - 1
    zshape = bshape + (k,)
    last = len(bshape)
    b0 = _scalar(_b0(b), bshape)
    b_rest = _last(lax.slice(b, (1,), (k + 1,)), zshape)
    a_rest = _last(lax.slice(a, (1,), (k + 1,)), zshape)
    zero = np.array(0, b.dtype)
    batch_axes = tuple(range(last))

    def step(z, xt):
        z0 = lax.reshape(lax.slice(z, (0,) * (last + 1), bshape + (1,)), bshape)
        y = lax.add(lax.mul(b0, xt), z0)
        shifted = lax.pad(lax.slice(z, (0,) * last + (1,), zshape), zero,
                          ((0, 0, 0),) * last + ((0, 1, 0),))
        xk, yk = _bcast(xt, zshape, batch_axes), _bcast(y, zshape, batch_axes)
        return lax.sub(lax.add(shifted, lax.mul(b_rest, xk)), lax.mul(a_rest, yk)), y

    return step


def tdf2_scan(b, a, x, zi):
    """Filter ``x`` (time first) with one scan step per sample; returns (y, zf)."""
    zf, y = jax.lax.scan(_stepper(b, a, x.shape[1:]), zi, x)
    return y, zf


def tdf2_scan_cascade(bs, as_, x, zi):
    """A cascade of filters (``bs[i]``, ``as_[i]``, all of one order K) in one scan:
    each step runs every section on the previous one's output.  ``zi`` has shape
    ``(n_sections, *batch, K)``; returns (y, zf) with zf like zi.  The carry is a tuple
    of per-section states (1.5x faster on CPU than one stacked array, which needs a
    slice and a concatenate per step)."""
    bshape = x.shape[1:]
    steps = [_stepper(b, a, bshape) for b, a in zip(bs, as_)]
    z0 = tuple(lax.reshape(_take0(zi, i, i + 1), zi.shape[1:]) for i in range(len(steps)))

    def step(z, xt):
        out = []
        for st, zs in zip(steps, z):
            znew, xt = st(zs, xt)
            out.append(znew)
        return tuple(out), xt

    zf, y = jax.lax.scan(step, z0, x)
    return y, lax.concatenate([lax.expand_dims(v, (0,)) for v in zf], 0)


# --- the parallel form -----------------------------------------------------------------------
def _prefix(u, m):
    """Inclusive prefix of ``s[t] = m s[t-1] + u[t]`` (``s[-1] = 0``) along axis 0 of
    ``u`` (shape ``(n, *batch, K)``): Blelloch's odd/even recursion, log2(n) levels
    (static: the recursion depth is fixed by the static length)."""
    n = u.shape[0]
    if n < 2:
        return u
    half = n // 2
    evens = _take0(u, 0, 2 * half, 2)          # u[0], u[2], ...
    odds = _take0(u, 1, 2 * half, 2)           # u[1], u[3], ...
    # pair (2i, 2i+1) -> s[2i+1] relative to s[2i-1]: m u[2i] + u[2i+1], map m^2
    odd_s = _prefix(lax.add(_matvec(evens, m), odds), _matmul(m, m))   # s[1], s[3], ...
    # s[2i] = m s[2i-1] + u[2i] for i >= 1, s[0] = u[0]
    n_even = n - half
    rest = _take0(u, 2, n, 2)                  # u[2], u[4], ...
    even_s = lax.concatenate(
        [_take0(u, 0, 1), lax.add(_matvec(_take0(odd_s, 0, n_even - 1), m), rest)], 0)
    # interleave: even_s[0], odd_s[0], even_s[1], odd_s[1], ...
    if n_even > half:
        odd_s = lax.pad(odd_s, np.array(0, u.dtype), ((0, 1, 0),) + ((0, 0, 0),) * (u.ndim - 1))
    both = lax.concatenate([lax.expand_dims(even_s, (1,)), lax.expand_dims(odd_s, (1,))], 1)
    both = lax.reshape(both, (2 * n_even,) + u.shape[1:])
    return _take0(both, 0, n)


def tdf2_assoc(b, a, x, zi):
    """Filter ``x`` (time first) with a parallel prefix scan; returns (y, zf)."""
    k = a.shape[0] - 1
    n = x.shape[0]
    bshape = x.shape[1:]
    m = companion(a)
    shape = x.shape + (k,)
    u = lax.mul(_last(input_gain(b, a), shape), _bcast(x, shape, tuple(range(x.ndim))))
    # fold the initial state into the first input: s[0] = A zi + B x[0]
    first = lax.add(_take0(u, 0, 1), lax.expand_dims(_matvec(zi, m), (0,)))
    u = lax.concatenate([first, _take0(u, 1, n)], 0) if n > 1 else first
    s = _prefix(u, m)
    # y[t] = b[0] x[t] + s[t-1, 0] with s[-1] = zi
    prev = lax.concatenate([lax.expand_dims(zi, (0,)), _take0(s, 0, n - 1)], 0)
    prev0 = lax.reshape(lax.slice(prev, (0,) * prev.ndim, prev.shape[:-1] + (1,)), x.shape)
    y = lax.add(lax.mul(_scalar(_b0(b), x.shape), x), prev0)
    zf = lax.reshape(_take0(s, n - 1, n), bshape + (k,))
    return y, zf
