"""scipy.signal's linear filters: lfilter, lfiltic, lfilter_zi, filtfilt, sosfilt,
sosfilt_zi, sosfiltfilt.

The recurrence runs in transposed direct form II with scipy's state, so
``zi`` / ``zf`` are interchangeable with scipy's (``_linear_recurrence``).
A pure FIR filter (``len(a) == 1``) is a convolution (jaxwrap.numpy.convolve
per row).  An IIR filter runs as a sequential scan or as a parallel
associative scan, chosen by a static rule (``_use_assoc``):

    Measured on CPU (2 cores, jax 0.10.2, float32, compiled, best of 3):
        n        order  scan      assoc     scipy
        1e3      2      0.03 ms   0.08 ms   0.09 ms
        1e5      8      1.40 ms   4.96 ms   0.79 ms
        1e6      2      18.5 ms   17.4 ms   6.0 ms
        1e6      8      13.7 ms   63.4 ms   10.6 ms
    The sequential scan is as fast or faster on CPU at every size and order
    (XLA's CPU loop costs ~15 ns a step; the parallel form does O(K^2) work per
    sample), so CPU always scans.  On accelerators a step of a sequential loop
    costs microseconds, so the parallel form (log2(n) levels) is used from
    ``_ASSOC_MIN_LENGTH`` samples on -- but only for states of order K <= 2
    (sosfilt's sections, lfilter up to order 2).  Its matrix powers A^(2^j) come
    from repeated squaring of the companion matrix, which is far from normal
    for higher orders: measured in float32 against scipy in float64 (relative
    max error, 2^17 samples), scan vs parallel:
        butter(2, 0.3) 9e-8 / 1e-7     butter(2, 0.01) 4e-5 / 3e-4
        cheby1(4, 1, 0.2) 8e-6 / 1e-4  butter(6, 0.2) 1e-5 / 7e-4
        cheby1(8, 1, 0.2) (4096 samples) 5e-3 / NaN (the squared powers overflow)
        sos ellip(8, 0.5, 60, 0.1) 5e-6 / 8e-6   sos butter(8, 0.01) 6e-5 / 1e-3
    so high-order filters stay sequential (and are better run as sos anyway).
    In float32 the parallel form also loses accuracy on second-order sections
    whose poles lie near the unit circle.  Measured one section at a time (the
    sections of butter / cheby1 / ellip order-8 designs, low- and highpass,
    cutoffs 0.002 .. 0.995), 2^15 samples, max error relative to max |y|
    against scipy in float64, parallel form vs scan:
        pole radius <= 0.95         <= 2e-5 / <= 4e-6  (up to 10x the scan's;
                                    the scan is within 2x scipy's float32)
        0.95 .. 0.99                ~1e-4 / ~1e-5      (5x .. 35x)
        0.999 .. 0.9998             1e-2 .. 1e+4 / 5e-4 .. 1e-2 (useless)
    and in float64 at most 1e-10 (butter(8, 0.002) sos, 1e5 samples; scan
    1e-12).  So in 32-bit precision the parallel form needs the coefficients
    to be concrete (known on the host when the function is called) and every
    pole radius <= ``_ASSOC_F32_MAX_RADIUS``; otherwise (traced coefficients,
    poles closer to the unit circle) it scans.  64-bit filters take it from
    the length and order alone.

filtfilt's method='gust' solves Gustafsson's least-squares problem for the two
initial states with a pseudo-inverse (jaxwrap.numpy.linalg.pinv, an SVD).

Coefficient checks that need values (``a[0] == 0``; sosfiltfilt's default
``padlen``, which counts zero coefficients) are made when the coefficients
are concrete; under a trace ``a[0] == 0`` gives NaN / inf as the division
does, and sosfiltfilt assumes no zero coefficients.
"""

from __future__ import annotations

import jax
import numpy as np

from ... import lax
from ...numpy import _util
from ...numpy import linalg as _linalg
from ...numpy import numeric as _numeric
from ...numpy._util import public
from . import _linear_recurrence as R

__all__ = ["filtfilt", "lfilter", "lfilter_zi", "lfiltic", "sosfilt", "sosfilt_zi",
           "sosfiltfilt"]

# Below this length the parallel form's log-depth does not pay for its O(K^2) work even
# on an accelerator (not measured on a GPU in this session: no device was available).
_ASSOC_MIN_LENGTH = 4096
_PADTYPES = ("odd", "even", "constant", None)


_ASSOC_MAX_ORDER = 2
_ASSOC_F32_MAX_RADIUS = 0.95    # float32 parallel form: <= 2e-5 of max|y| (docstring table)


def _use_assoc(n: int, k: int, dtype, damped: bool, backend: str | None = None) -> bool:
    """The static choice between the two forms of the recurrence for ``n`` samples of
    an order-``k`` state of ``dtype``; ``damped``: the coefficients were concrete with
    every pole radius <= _ASSOC_F32_MAX_RADIUS (module docstring)."""
    backend = jax.default_backend() if backend is None else backend
    if backend == "cpu" or n < _ASSOC_MIN_LENGTH or k > _ASSOC_MAX_ORDER:
        return False
    return np.dtype(dtype).itemsize >= (16 if np.dtype(dtype).kind == "c" else 8) or damped


def _damped(a, sections: bool = False, backend: str | None = None) -> bool:
    """Whether the denominator(s) ``a`` (one vector, or the rows of an sos array when
    ``sections``) are concrete with every pole radius <= _ASSOC_F32_MAX_RADIUS.  Only
    asked off CPU (on CPU the scan is always chosen, so no host work is spent)."""
    if (jax.default_backend() if backend is None else backend) == "cpu":
        return False
    host = _concrete(a) if isinstance(a, jax.Array) else _concrete_nested(a)
    if host is None:
        return False
    rows = [r[3:6] for r in np.atleast_2d(host)] if sections else [np.atleast_1d(host)]
    try:
        radius = max((float(np.max(np.abs(np.roots(r)), initial=0.0)) for r in rows),
                     default=0.0)
    except (ValueError, np.linalg.LinAlgError):
        return False
    return radius <= _ASSOC_F32_MAX_RADIUS


# --- argument checks --------------------------------------------------------------------------
def _arr(name, v, argname):
    _util.check_arraylike(name, v, argnames=[argname])
    return _util.asarray(v, name=name)


def _coef(name, v, argname):
    """A 1-d, non-empty coefficient vector."""
    v = _arr(name, v, argname)
    if v.ndim == 0:
        v = lax.reshape(v, (1,))
    if v.ndim != 1 or v.shape[0] == 0:
        raise ValueError(f"{name}(): filter coefficients `{argname}` must be a non-empty 1-D "
                         f"array, got shape {v.shape}")
    return v


def _concrete(v):
    """The host value of ``v`` if it is concrete, else None."""
    try:
        return np.asarray(v)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        return None


def _check_a0(name, a):
    """ValueError naming `a` when a[0] is a concrete zero (traced: NaN from the division)."""
    if isinstance(a, (list, tuple)):
        a = [v for v in a]
        if not a:
            return
        a0 = _concrete(a[0]) if isinstance(a[0], jax.Array) else np.asarray(a[0])
    else:
        host = _concrete(a)
        a0 = None if host is None or host.size == 0 else host.reshape(-1)[0]
    if a0 is not None and np.ndim(a0) == 0 and a0 == 0:
        raise ValueError(f"{name}(): the first filter coefficient `a[0]` must be non-zero")


def _normalised(name, b, a, *extra):
    """b, a (and ``extra`` arrays) promoted to one inexact dtype, b and a divided by a[0]
    and zero-padded to one length K + 1."""
    b, a = _coef(name, b, "b"), _coef(name, a, "a")
    b, a, *extra = _util.promote_dtypes_inexact(b, a, *extra)
    a0 = lax.slice(a, (0,), (1,))
    b = lax.div(b, lax.broadcast_in_dim(a0, b.shape, (0,)))
    a = lax.div(a, lax.broadcast_in_dim(a0, a.shape, (0,)))
    n = max(a.shape[0], b.shape[0])
    zero = np.array(0, a.dtype)
    b = lax.pad(b, zero, ((0, n - b.shape[0], 0),))
    a_full = lax.pad(a, zero, ((0, n - a.shape[0], 0),))
    return b, a_full, a.shape[0] == 1, extra


def _state(name, zi, shape, axis, argname="zi"):
    """``zi`` broadcast to ``shape`` (x's shape with the time axis replaced by the
    state length), with the state axis moved last."""
    try:
        zi = _util.broadcast_to(zi, shape)
    except ValueError:
        raise ValueError(f"{name}(): `{argname}` must have shape {shape} (x's shape with "
                         f"axis {axis} replaced by the filter order), got {zi.shape}") from None
    return lax.transpose(zi, tuple(i for i in range(len(shape)) if i != axis) + (axis,))


def _time_first(x, axis):
    return lax.transpose(x, (axis,) + tuple(i for i in range(x.ndim) if i != axis))


def _time_back(y, axis):
    """Inverse of ``_time_first``: the time axis (first) goes back to ``axis``."""
    return lax.transpose(y, tuple(range(1, axis + 1)) + (0,) + tuple(range(axis + 1, y.ndim)))


def _state_back(z, axis):
    """Inverse of ``_state``'s transpose: the state axis (last) goes to ``axis``."""
    nd = z.ndim
    perm = [i for i in range(nd) if i != axis] + [axis]
    return lax.transpose(z, tuple(perm.index(i) for i in range(nd)))


# --- the core, time first -----------------------------------------------------------------------
def _fir(b, x, zi):
    """Pure FIR filter of ``x`` (time first) with state ``zi`` (``(*batch, K)``): the full
    convolution per batch row plus the initial state, whose entries leave one per step."""
    n, bshape = x.shape[0], x.shape[1:]
    k = b.shape[0] - 1
    rows = int(np.prod(bshape, dtype=int))
    xr = lax.reshape(lax.transpose(x, tuple(range(1, x.ndim)) + (0,)), (rows, n))
    full = jax.vmap(lambda r: _numeric.convolve(r, b))(xr)                  # (rows, n + k)
    zr = lax.reshape(zi, (rows, k))
    full = lax.add(full, lax.pad(zr, np.array(0, zr.dtype), ((0, 0, 0), (0, n, 0))))
    y = lax.transpose(lax.reshape(lax.slice(full, (0, 0), (rows, n)), bshape + (n,)),
                      (x.ndim - 1,) + tuple(range(x.ndim - 1)))
    zf = lax.reshape(lax.slice(full, (0, n), (rows, n + k)), bshape + (k,))
    return y, zf


def _run(b, a, fir, x, zi, assoc=None, damped=False):
    """y, zf of the normalised filter on time-first ``x`` from state ``zi`` (``assoc``:
    force the parallel (True) or sequential (False) form; None: ``_use_assoc`` with
    ``damped``)."""
    n, k = x.shape[0], b.shape[0] - 1
    if n == 0:
        return x, zi
    if k == 0:
        return lax.mul(lax.broadcast_in_dim(R._b0(b), x.shape, ()), x), zi
    if fir:
        return _fir(b, x, zi)
    assoc = _use_assoc(n, k, x.dtype, damped) if assoc is None else assoc
    return (R.tdf2_assoc if assoc else R.tdf2_scan)(b, a, x, zi)


def _signal(name, x, axis):
    x = _arr(name, x, "x")
    if x.ndim == 0:
        raise ValueError(f"{name}(): `x` must be at least 1-D")
    return x, _util.canonicalize_axis(axis, x.ndim, name)


# --- lfilter ----------------------------------------------------------------------------------
@public(static=("axis", "_damped"))
def _lfilter(b, a, x, axis=-1, zi=None, *, _damped=False):
    x, axis = _signal("lfilter", x, axis)
    extra = (x,) if zi is None else (x, _arr("lfilter", zi, "zi"))
    b, a, fir, extra = _normalised("lfilter", b, a, *extra)
    x = extra[0]
    k = b.shape[0] - 1
    zshape = x.shape[:axis] + (k,) + x.shape[axis + 1:]
    state = (lax.full(zshape[:axis] + zshape[axis + 1:] + (k,), 0, x.dtype) if zi is None
             else _state("lfilter", extra[1], zshape, axis))
    y, zf = _run(b, a, fir, _time_first(x, axis), state, damped=_damped)
    y = _time_back(y, axis)
    return y if zi is None else (y, _state_back(zf, axis))


def lfilter(b, a, x, axis=-1, zi=None):
    """Filter data along one axis with an IIR or FIR filter.

    Computes ``a[0] y[n] = sum_k b[k] x[n-k] - sum_{k>=1} a[k] y[n-k]`` in
    transposed direct form II (scipy's state convention).

    Parameters
    ----------
    b, a : array_like
        1-D numerator and denominator coefficients; ``a[0]`` must be non-zero.
    x : array_like
        Input signal, n-dimensional.
    axis : int, default -1
        Axis of ``x`` to filter along.
    zi : array_like, optional
        Initial state, of ``x``'s shape with ``axis`` replaced by
        ``max(len(a), len(b)) - 1`` (broadcastable to it).

    Returns
    -------
    y : jax.Array
        The filtered signal.
    zf : jax.Array
        The final state; returned only when ``zi`` is given.

    Notes
    -----
    A sequential scan over time, or (on accelerators, long signals, order <= 2)
    a parallel associative scan over the companion-matrix recurrence; FIR
    filters (``len(a) == 1``) are a convolution.  A traced ``a[0] == 0`` gives
    inf/NaN.  As in scipy, high-order filters are better run as second-order
    sections (:func:`sosfilt`), which also get the parallel form.  In float32
    the parallel form needs concrete coefficients with all poles within radius
    0.95 (it loses accuracy nearer the unit circle); otherwise it scans.

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.lfilter([1.0], [1.0, -0.5], [1.0, 0.0, 0.0, 0.0])
    Array([1.   , 0.5  , 0.25 , 0.125], dtype=float32)
    """
    _check_a0("lfilter", a)
    return _lfilter(b, a, x, axis, zi, _damped=_damped(a))


# --- initial conditions -------------------------------------------------------------------------
@public
def _lfilter_zi(b, a):
    b, a, fir, _ = _normalised("lfilter_zi", b, a)
    k = b.shape[0] - 1
    if k == 0:
        return lax.full((0,), 0, b.dtype)
    eye = np.eye(k, dtype=b.dtype)
    return _linalg.solve(lax.sub(eye, R.companion(a)), R.input_gain(b, a))


def lfilter_zi(b, a):
    """Initial state of lfilter for the steady state of a unit step response.

    Solves ``(I - A) zi = B`` for the transposed direct form II state, where
    ``A`` is the companion matrix of ``a`` and ``B = b[1:] - a[1:] b[0]``
    (after normalising by ``a[0]``).  Scale it by ``x[0]`` to start a filter
    in steady state.

    Parameters
    ----------
    b, a : array_like
        1-D numerator and denominator coefficients.

    Returns
    -------
    zi : jax.Array
        State of length ``max(len(a), len(b)) - 1``.

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.lfilter_zi([0.5], [1.0, -0.5])
    Array([0.5], dtype=float32)
    """
    _check_a0("lfilter_zi", a)
    return _lfilter_zi(b, a)


@public
def _lfiltic(b, a, y, x=None):
    name = "lfiltic"
    b, a = _coef(name, b, "b"), _coef(name, a, "a")
    yv = _arr(name, y, "y")
    yv = lax.reshape(yv, (int(np.prod(yv.shape, dtype=int)),))
    xv = None
    if x is not None:
        xv = _arr(name, x, "x")
        xv = lax.reshape(xv, (int(np.prod(xv.shape, dtype=int)),))
    m, n = b.shape[0] - 1, a.shape[0] - 1
    k = max(m, n)
    args = (b, a, yv) if xv is None else (b, a, yv, xv)
    b, a, yv, *rest = _util.promote_dtypes_inexact(*args)
    dt = b.dtype

    def fit(v, length):
        """``v`` cut or zero-padded to ``length``."""
        if v.shape[0] >= length:
            return lax.slice(v, (0,), (length,))
        return lax.pad(v, np.array(0, dt), ((0, length - v.shape[0], 0),))

    xs = fit(rest[0], m) if rest else None
    ys = fit(yv, n)
    zero = lax.full((1,), 0, dt)
    parts = []
    for i in range(k):
        acc = zero
        if xs is not None and i < m:
            acc = lax.add(acc, lax.reshape(lax.reduce_sum(
                lax.mul(lax.slice(b, (i + 1,), (m + 1,)), lax.slice(xs, (0,), (m - i,))),
                (0,)), (1,)))
        if i < n:
            acc = lax.sub(acc, lax.reshape(lax.reduce_sum(
                lax.mul(lax.slice(a, (i + 1,), (n + 1,)), lax.slice(ys, (0,), (n - i,))),
                (0,)), (1,)))
        parts.append(acc)
    if not parts:
        return lax.full((0,), 0, dt)
    zi = lax.concatenate(parts, 0)
    return lax.div(zi, lax.broadcast_in_dim(lax.slice(a, (0,), (1,)), (k,), (0,)))


def lfiltic(b, a, y, x=None):
    """Initial state for lfilter from past outputs and inputs.

    Parameters
    ----------
    b, a : array_like
        1-D numerator and denominator coefficients.
    y : array_like
        Past outputs, most recent first: ``y = [y[-1], y[-2], ...]``; padded
        with zeros (or cut) to ``len(a) - 1`` values.
    x : array_like, optional
        Past inputs, most recent first; zeros if omitted.

    Returns
    -------
    zi : jax.Array
        State of length ``max(len(a), len(b)) - 1`` for ``lfilter(..., zi=zi)``.

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.lfiltic([1.0], [1.0, -0.5], y=[2.0])
    Array([1.], dtype=float32)
    """
    _check_a0("lfiltic", a)
    return _lfiltic(b, a, y, x)


# --- forward-backward filtering -----------------------------------------------------------------
def _check_padtype(name, padtype):
    if padtype not in _PADTYPES:
        raise ValueError(f"{name}(): `padtype` must be 'odd', 'even', 'constant' or None, got "
                         f"{padtype!r}")


def _extend(x, edge, padtype):
    """``x`` (time first) extended by ``edge`` samples at both ends (scipy's odd, even and
    constant extensions)."""
    n = x.shape[0]
    if edge == 0 or padtype is None:
        return x
    first, last = R._take0(x, 0, 1), R._take0(x, n - 1, n)
    if padtype == "constant":
        shape = (edge,) + x.shape[1:]
        return lax.concatenate([lax.broadcast_in_dim(lax.reshape(first, x.shape[1:]), shape,
                                                     tuple(range(1, x.ndim))),
                                x,
                                lax.broadcast_in_dim(lax.reshape(last, x.shape[1:]), shape,
                                                     tuple(range(1, x.ndim)))], 0)
    left = lax.rev(R._take0(x, 1, edge + 1), (0,))            # x[edge], ..., x[1]
    right = lax.rev(R._take0(x, n - 1 - edge, n - 1), (0,))   # x[n-2], ..., x[n-1-edge]
    if padtype == "odd":
        shape = (edge,) + x.shape[1:]
        two_first = lax.mul(np.array(2, x.dtype), lax.broadcast_in_dim(
            lax.reshape(first, x.shape[1:]), shape, tuple(range(1, x.ndim))))
        two_last = lax.mul(np.array(2, x.dtype), lax.broadcast_in_dim(
            lax.reshape(last, x.shape[1:]), shape, tuple(range(1, x.ndim))))
        left, right = lax.sub(two_first, left), lax.sub(two_last, right)
    return lax.concatenate([left, x, right], 0)


def _outer(v, x0):
    """``v`` (state, ``(..., K)``) scaled by the batch values ``x0`` (``(*batch,)``):
    shape ``(..., *batch, K)`` for sos (leading section axis) or ``(*batch, K)``."""
    lead = v.ndim - 1
    shape = v.shape[:lead] + x0.shape + (v.shape[-1],)
    vb = lax.broadcast_in_dim(v, shape, tuple(range(lead)) + (len(shape) - 1,))
    xb = lax.broadcast_in_dim(x0, shape, tuple(range(lead, lead + x0.ndim)))
    return lax.mul(vb, xb)


def _edge(name, n, padtype, padlen, default):
    edge = default if padlen is None else padlen
    if padtype is None:
        edge = 0
    if edge < 0:
        raise ValueError(f"{name}(): `padlen` must be non-negative, got {padlen}")
    if n <= edge:
        raise ValueError(f"{name}(): the length of the input vector x ({n}) must be greater "
                         f"than padlen, which is {edge}")
    return edge


@public(static=("axis", "padtype", "padlen", "method", "irlen", "_damped"))
def _filtfilt(b, a, x, axis=-1, padtype="odd", padlen=None, method="pad", irlen=None, *,
              _damped=False):
    name = "filtfilt"
    if method not in ("pad", "gust"):
        raise ValueError(f"{name}(): `method` must be 'pad' or 'gust', got {method!r}")
    _check_padtype(name, padtype)
    x, axis = _signal(name, x, axis)
    b, a, fir, (x,) = _normalised(name, b, a, x)
    k = b.shape[0] - 1
    xt = _time_first(x, axis)
    if method == "gust":
        return _time_back(_gust(b, a, fir, xt, irlen), axis)
    edge = _edge(name, xt.shape[0], padtype, padlen, 3 * (k + 1))
    ext = _extend(xt, edge, padtype)
    zi = _lfilter_zi(b, a)
    y, _ = _run(b, a, fir, ext, _outer(zi, lax.reshape(R._take0(ext, 0, 1), ext.shape[1:])),
                damped=_damped)
    m = y.shape[0]
    y0 = lax.reshape(R._take0(y, m - 1, m), y.shape[1:])
    y, _ = _run(b, a, fir, lax.rev(y, (0,)), _outer(zi, y0), damped=_damped)
    y = lax.rev(y, (0,))
    return _time_back(R._take0(y, edge, m - edge), axis)


def _gust(b, a, fir, xt, irlen):
    """Forward-backward filtering with Gustafsson's initial conditions (F. Gustafsson,
    "Determining the initial states in forward-backward filtering", IEEE Trans. Signal
    Process. 44, 1996), time first.

    With F(x, z) the filter from state z and R time reversal, F(x, z) = F(x, 0) + O z
    (O: the free responses to the unit states).  Forward-backward with states (z1, z2)
    gives y_fb0 + R F(R O, 0) z1 + R O z2, backward-forward with (z2, z1) gives
    y_bf0 + F(R O, 0) z2 + O z1; (z1, z2) is the least-squares solution of their
    equality, fitted on the first and last ``irlen`` samples when ``irlen`` is given.
    """
    n, k = xt.shape[0], b.shape[0] - 1
    dt = xt.dtype
    if k == 0:
        g = lax.reshape(lax.mul(lax.slice(b, (0,), (1,)), lax.slice(b, (0,), (1,))), ())
        return lax.mul(lax.broadcast_in_dim(g, xt.shape, ()), xt)
    m = n if irlen is None or n <= 2 * irlen else int(irlen)

    def fwd(v):
        """F(v, 0) along axis 0."""
        zero = lax.full(v.shape[1:] + (k,), 0, dt)
        return _run(b, a, fir, v, zero)[0]

    def rev(v):
        return lax.rev(v, (0,))

    obs = _run(b, a, fir, lax.full((m, k), 0, dt), np.eye(k, dtype=dt))[0]      # (m, K)
    s = fwd(rev(obs))
    s_r, obs_r = rev(s), rev(obs)
    y_fb = rev(fwd(rev(fwd(xt))))
    y_bf = fwd(rev(fwd(rev(xt))))
    delta = lax.sub(y_bf, y_fb)
    if m == n:
        mat = lax.concatenate([lax.sub(s_r, obs), lax.sub(obs_r, s)], 1)          # (n, 2K)
        weights = lax.concatenate([s_r, obs_r], 1)
    else:
        zero = lax.full((m, k), 0, dt)
        mat = lax.concatenate([lax.concatenate([lax.sub(s_r, obs), zero], 1),
                               lax.concatenate([zero, lax.sub(obs_r, s)], 1)], 0)  # (2m, 2K)
        weights = lax.concatenate([lax.concatenate([s_r, zero], 1),
                                   lax.concatenate([zero, obs_r], 1)], 0)
        delta = lax.concatenate([R._take0(delta, 0, m), R._take0(delta, n - m, n)], 0)
    # least squares for every batch column at once: ic = pinv(M) delta, (2K, *batch)
    ic = lax.dot_general(_linalg.pinv(mat), delta, (((1,), (0,)), ((), ())),
                         precision="highest")
    fix = lax.dot_general(weights, ic, (((1,), (0,)), ((), ())), precision="highest")
    if m == n:
        return lax.add(y_fb, fix)
    rest = ((0, 0, 0),) * (xt.ndim - 1)
    zero = np.array(0, dt)
    head = lax.pad(R._take0(fix, 0, m), zero, ((0, n - m, 0),) + rest)
    tail = lax.pad(R._take0(fix, m, 2 * m), zero, ((n - m, 0, 0),) + rest)
    return lax.add(y_fb, lax.add(head, tail))


def filtfilt(b, a, x, axis=-1, padtype="odd", padlen=None, method="pad", irlen=None):
    """Zero-phase filtering: apply a filter forward, then backward.

    The signal is extended at both ends by ``padlen`` samples, each pass starts
    from the steady state (``lfilter_zi``) scaled by its first sample, and the
    extension is removed; the result has zero phase and the squared magnitude
    response of the filter.

    Parameters
    ----------
    b, a : array_like
        1-D numerator and denominator coefficients.
    x : array_like
        Signal to filter.
    axis : int, default -1
        Axis to filter along.
    padtype : {'odd', 'even', 'constant', None}, default 'odd'
        Extension at the ends; None for none.
    padlen : int, optional
        Extension length, default ``3 * max(len(a), len(b))``; it must be less
        than ``x.shape[axis]``.
    method : {'pad', 'gust'}, default 'pad'
        'pad': extend the signal and start from the steady state; 'gust':
        Gustafsson's initial conditions, chosen so that forward-backward and
        backward-forward filtering agree (``padtype``/``padlen`` are ignored).
    irlen : int, optional
        For 'gust': the length of the impulse response taken into account
        (only the first and last ``irlen`` samples are fitted); default all.

    Returns
    -------
    jax.Array
        The filtered signal, of ``x``'s shape.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.filtfilt([0.5, 0.5], [1.0], jnp.ones(8))
    Array([1., 1., 1., 1., 1., 1., 1., 1.], dtype=float32)
    """
    _check_a0("filtfilt", a)
    return _filtfilt(b, a, x, axis, padtype, padlen, method, irlen, _damped=_damped(a))


# --- second-order sections ----------------------------------------------------------------------
def _sos(name, sos, *extra):
    """sos as an (n, 6) inexact array (promoted with ``extra``), each section divided by
    its a0."""
    sos = _arr(name, sos, "sos")
    if sos.ndim != 2 or sos.shape[1] != 6 or sos.shape[0] == 0:
        raise ValueError(f"{name}(): `sos` must have shape (n_sections, 6), got {sos.shape}")
    sos, *extra = _util.promote_dtypes_inexact(sos, *extra)
    a0 = lax.slice(sos, (0, 3), (sos.shape[0], 4))
    sos = lax.div(sos, lax.broadcast_in_dim(lax.reshape(a0, (sos.shape[0],)), sos.shape, (0,)))
    return sos, extra


def _section(sos, i):
    b = lax.reshape(lax.slice(sos, (i, 0), (i + 1, 3)), (3,))
    a = lax.reshape(lax.slice(sos, (i, 3), (i + 1, 6)), (3,))
    return b, a


def _sos_run(sos, x, zi, assoc=None, damped=False):
    """The cascade on time-first ``x`` from states ``zi`` (``(n_sections, *batch, 2)``);
    ``assoc`` and ``damped`` as for ``_run``."""
    nsec = sos.shape[0]
    if x.shape[0] == 0:
        return x, zi
    if not (_use_assoc(x.shape[0], 2, x.dtype, damped) if assoc is None else assoc):
        bs, as_ = zip(*(_section(sos, i) for i in range(nsec)))
        return R.tdf2_scan_cascade(bs, as_, x, zi)
    zfs = []
    for i in range(nsec):
        b, a = _section(sos, i)
        x, zf = R.tdf2_assoc(b, a, x, lax.reshape(R._take0(zi, i, i + 1), zi.shape[1:]))
        zfs.append(lax.expand_dims(zf, (0,)))
    return x, lax.concatenate(zfs, 0)


@public(static=("axis", "_damped"))
def _sosfilt(sos, x, axis=-1, zi=None, *, _damped=False):
    name = "sosfilt"
    x, axis = _signal(name, x, axis)
    extra = (x,) if zi is None else (x, _arr(name, zi, "zi"))
    sos, extra = _sos(name, sos, *extra)
    x = extra[0]
    nsec = sos.shape[0]
    zshape = (nsec,) + x.shape[:axis] + (2,) + x.shape[axis + 1:]
    if zi is None:
        state = lax.full((nsec,) + x.shape[:axis] + x.shape[axis + 1:] + (2,), 0, x.dtype)
    else:
        state = _state(name, extra[1], zshape, axis + 1)
    y, zf = _sos_run(sos, _time_first(x, axis), state, damped=_damped)
    y = _time_back(y, axis)
    return y if zi is None else (y, _state_back(zf, axis + 1))


def sosfilt(sos, x, axis=-1, zi=None):
    """Filter data along one axis with cascaded second-order sections.

    Parameters
    ----------
    sos : array_like
        Shape ``(n_sections, 6)``: each row ``[b0, b1, b2, a0, a1, a2]``.
    x : array_like
        Input signal.
    axis : int, default -1
        Axis to filter along.
    zi : array_like, optional
        Initial states, shape ``(n_sections, ..., 2, ...)`` where ``..., 2, ...``
        is ``x``'s shape with ``axis`` replaced by 2.

    Returns
    -------
    y : jax.Array
        The filtered signal.
    zf : jax.Array
        The final states; returned only when ``zi`` is given.

    Notes
    -----
    One sequential scan runs every section per sample (on accelerators, long
    signals use a parallel associative scan per section: in float32 only when
    ``sos`` is concrete with every pole within radius 0.95, as the parallel
    form loses accuracy nearer the unit circle).  Differences from
    scipy: each section is divided by its ``a0`` (scipy requires ``a0 == 1``).

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.sosfilt([[1.0, 0.0, 0.0, 1.0, -0.5, 0.0]], [1.0, 0.0, 0.0])
    Array([1.  , 0.5 , 0.25], dtype=float32)
    """
    return _sosfilt(sos, x, axis, zi, _damped=_damped(sos, sections=True))


@public
def sosfilt_zi(sos):
    """Initial states of sosfilt for the steady state of a unit step response.

    Each section gets its lfilter_zi, scaled by the DC gain of the sections
    before it.

    Parameters
    ----------
    sos : array_like
        Second-order sections, shape ``(n_sections, 6)``.

    Returns
    -------
    zi : jax.Array
        Shape ``(n_sections, 2)``.

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.sosfilt_zi([[0.5, 0.0, 0.0, 1.0, -0.5, 0.0]])
    Array([[0.5, 0. ]], dtype=float32)
    """
    sos, _ = _sos("sosfilt_zi", sos)
    return _sos_zi(sos)


def _sos_zi(sos):
    scale = None
    out = []
    for i in range(sos.shape[0]):
        b, a = _section(sos, i)
        zi = _linalg.solve(lax.sub(np.eye(2, dtype=sos.dtype), R.companion(a)),
                           R.input_gain(b, a))
        if scale is not None:
            zi = lax.mul(lax.broadcast_in_dim(scale, (2,), ()), zi)
        gain = lax.div(lax.reduce_sum(b, (0,)), lax.reduce_sum(a, (0,)))
        scale = gain if scale is None else lax.mul(scale, gain)
        out.append(lax.reshape(zi, (1, 2)))
    return lax.concatenate(out, 0)


@public(static=("axis", "padtype", "padlen", "_default_edge", "_damped"))
def _sosfiltfilt(sos, x, axis=-1, padtype="odd", padlen=None, *, _default_edge=0,
                 _damped=False):
    name = "sosfiltfilt"
    _check_padtype(name, padtype)
    x, axis = _signal(name, x, axis)
    sos, (x,) = _sos(name, sos, x)
    xt = _time_first(x, axis)
    edge = _edge(name, xt.shape[0], padtype, padlen, _default_edge)
    ext = _extend(xt, edge, padtype)
    zi = _sos_zi(sos)
    y, _ = _sos_run(sos, ext, _outer(zi, lax.reshape(R._take0(ext, 0, 1), ext.shape[1:])),
                    damped=_damped)
    m = y.shape[0]
    y0 = lax.reshape(R._take0(y, m - 1, m), y.shape[1:])
    y, _ = _sos_run(sos, lax.rev(y, (0,)), _outer(zi, y0), damped=_damped)
    y = lax.rev(y, (0,))
    return _time_back(R._take0(y, edge, m - edge), axis)


def sosfiltfilt(sos, x, axis=-1, padtype="odd", padlen=None):
    """Zero-phase filtering with cascaded second-order sections, forward and backward.

    Parameters
    ----------
    sos : array_like
        Second-order sections, shape ``(n_sections, 6)``.
    x : array_like
        Signal to filter.
    axis : int, default -1
        Axis to filter along.
    padtype : {'odd', 'even', 'constant', None}, default 'odd'
        Extension at the ends; None for none.
    padlen : int, optional
        Extension length.  The default is scipy's ``3 * (2 * n_sections + 1 -
        min(#(b2 == 0), #(a2 == 0)))``; under a trace (values unknown) no
        coefficient is taken to be zero.

    Returns
    -------
    jax.Array
        The filtered signal, of ``x``'s shape.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.sosfiltfilt([[0.5, 0.5, 0.0, 1.0, 0.0, 0.0]], jnp.ones(8))
    Array([1., 1., 1., 1., 1., 1., 1., 1.], dtype=float32)
    """
    nsec = _util.shape(sos)[0] if _util.ndim(sos) == 2 else 1
    ntaps = 2 * nsec + 1
    host = _concrete(sos) if isinstance(sos, jax.Array) else \
        (np.asarray(sos) if not isinstance(sos, (list, tuple)) else _concrete_nested(sos))
    if host is not None and host.ndim == 2 and host.shape[1] == 6:
        ntaps -= int(min((host[:, 2] == 0).sum(), (host[:, 5] == 0).sum()))
    return _sosfiltfilt(sos, x, axis, padtype, padlen, _default_edge=3 * ntaps,
                        _damped=_damped(sos, sections=True))


def _concrete_nested(v):
    try:
        return np.asarray(v, dtype=complex if np.iscomplexobj(v) else float)
    except (TypeError, ValueError, jax.errors.TracerArrayConversionError,
            jax.errors.ConcretizationTypeError):
        return None
