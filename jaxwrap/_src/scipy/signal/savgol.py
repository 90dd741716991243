"""Savitzky-Golay smoothing: savgol_coeffs and savgol_filter.

The filter fits, at every sample, a polynomial of degree ``polyorder`` to the
``window_length`` samples around it by least squares and evaluates it (or its
``deriv``-th derivative) there (Savitzky & Golay, Anal. Chem. 36, 1964).  The
fit is linear in the data, so it is one fixed set of weights: computed on the
host with numpy (the window is static) and applied as a convolution.  Mode
'interp' replaces the first and last ``window_length // 2`` outputs by the
polynomial fitted to the first / last window, again a fixed host matrix
applied with one dot_general.
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

from ... import dtypes, lax
from ...numpy import _util
from ...numpy import numeric as _numeric
from ...numpy._util import public

__all__ = ["savgol_coeffs", "savgol_filter"]

_MODES = ("mirror", "constant", "nearest", "wrap", "interp")


def _int(name, v, argname):
    try:
        return operator.index(v)
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be an integer, got "
                        f"{type(v).__name__}") from None


def _float(name, v, argname):
    try:
        return float(v)
    except (TypeError, jax.errors.ConcretizationTypeError,
            jax.errors.TracerArrayConversionError):
        raise TypeError(f"{name}(): `{argname}` must be a concrete real number") from None


def _check(name, window_length, polyorder, deriv, delta):
    wl = _int(name, window_length, "window_length")
    po = _int(name, polyorder, "polyorder")
    dv = _int(name, deriv, "deriv")
    if wl < 1:
        raise ValueError(f"{name}(): `window_length` must be positive, got {wl}")
    if po < 0 or po >= wl:
        raise ValueError(f"{name}(): `polyorder` must be in [0, window_length), got {po}")
    if dv < 0:
        raise ValueError(f"{name}(): `deriv` must be non-negative, got {dv}")
    return wl, po, dv, _float(name, delta, "delta")


def _powers_deriv(t, polyorder, deriv):
    """Rows: d^deriv/dt^deriv of t^k, k = 0..polyorder, at each t (host)."""
    t = np.asarray(t, dtype=np.float64)
    out = np.zeros((t.size, polyorder + 1))
    for k in range(deriv, polyorder + 1):
        out[:, k] = math.perm(k, deriv) * t ** (k - deriv)
    return out


def _host_coeffs(wl, po, dv, delta, pos, use):
    """Least-squares weights (float64, host): ``sum_j w[j] x[j]`` is the fitted
    polynomial's ``dv``-th derivative at ``pos`` for data at 0..wl-1."""
    if dv > po:
        return np.zeros(wl)
    t = np.arange(wl, dtype=np.float64) - pos
    vander = t[:, None] ** np.arange(po + 1)[None, :]           # (wl, po+1)
    fit = np.linalg.pinv(vander)                                 # (po+1, wl): data -> poly
    w = _powers_deriv([0.0], po, dv) @ fit / delta ** dv         # derivative at t = 0
    w = w[0]
    return w[::-1].copy() if use == "conv" else w


def savgol_coeffs(window_length, polyorder, deriv=0, delta=1.0, pos=None, use="conv", *,
                  xp=None, device=None):
    """Coefficients of a 1-D Savitzky-Golay FIR filter.

    Parameters
    ----------
    window_length : int
        Number of coefficients.
    polyorder : int
        Degree of the fitted polynomial, less than ``window_length``.
    deriv : int, default 0
        Order of the derivative to compute.
    delta : float, default 1.0
        Sample spacing (used when ``deriv > 0``).
    pos : int, optional
        Point of the window where the fit is evaluated; default the middle.
    use : {'conv', 'dot'}, default 'conv'
        'conv' orders the coefficients for convolution, 'dot' for a dot product.
    xp, device : optional
        Accepted for scipy compatibility; the result is a jax array on the
        default device (or ``device``).

    Returns
    -------
    jax.Array
        The ``window_length`` coefficients, in the default float dtype.

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> 35 * jss.savgol_coeffs(5, 2)
    Array([-3., 12., 17., 12., -3.], dtype=float32)
    """
    name = "savgol_coeffs"
    wl, po, dv, delta = _check(name, window_length, polyorder, deriv, delta)
    half, rem = divmod(wl, 2)
    if pos is None:
        pos = half if rem else half - 0.5
    elif not 0 <= pos < wl:
        raise ValueError(f"{name}(): `pos` must be in [0, window_length), got {pos}")
    if use not in ("conv", "dot"):
        raise ValueError(f"{name}(): `use` must be 'conv' or 'dot', got {use!r}")
    dt = dtypes.canonicalize_dtype(np.float64)
    w = np.asarray(_host_coeffs(wl, po, dv, delta, pos, use), dtype=dt)
    return jax.device_put(w, device) if device is not None else jax.device_put(w)


def _pad_mode(x, left, right, mode, cval):
    """``x`` (time last) extended by ``left``/``right`` samples with scipy.ndimage's
    boundary ``mode``."""
    n = x.shape[-1]
    nd = x.ndim

    def take(lo, hi):
        return lax.slice(x, (0,) * (nd - 1) + (lo,), x.shape[:-1] + (hi,))

    def idx(i):
        """Source index of the (possibly out-of-range) position ``i``."""
        if mode == "nearest":
            return min(max(i, 0), n - 1)
        if mode == "wrap":
            return i % n
        period = 2 * n - 2                       # mirror: d c b | a b c d | c b a
        if period == 0:
            return 0
        i = i % period
        return i if i < n else period - i

    if mode == "constant":
        c = lax.convert_element_type(cval, x.dtype, False) if isinstance(cval, jax.Array) \
            else np.array(cval, x.dtype)
        return lax.pad(x, c, ((0, 0, 0),) * (nd - 1) + ((left, right, 0),))
    pieces = [take(idx(i), idx(i) + 1) for i in range(-left, 0)]
    pieces.append(x)
    pieces += [take(idx(i), idx(i) + 1) for i in range(n, n + right)]
    return lax.concatenate(pieces, nd - 1) if len(pieces) > 1 else x


def _conv_last(x, w):
    """Valid convolution of every row (last axis) of ``x`` with the host vector ``w``."""
    shape = x.shape
    rows = int(np.prod(shape[:-1], dtype=int))
    xr = lax.reshape(x, (rows, shape[-1]))
    wj = np.asarray(w, x.dtype if x.dtype.kind != "c" else np.finfo(x.dtype).dtype)
    out = jax.vmap(lambda r: _numeric.convolve(r, wj, "valid"))(xr)
    return lax.reshape(out, shape[:-1] + (out.shape[-1],))


def _edge_matrix(wl, po, dv, delta, rows):
    """Host matrix mapping a window of ``wl`` samples to the fitted polynomial's
    ``dv``-th derivative at positions ``rows`` of that window."""
    t = np.arange(wl, dtype=np.float64)
    fit = np.linalg.pinv(t[:, None] ** np.arange(po + 1)[None, :])
    return _powers_deriv(np.asarray(rows, np.float64), po, dv) @ fit / delta ** dv


@public(static=("window_length", "polyorder", "deriv", "delta", "axis", "mode"))
def savgol_filter(x, window_length, polyorder, deriv=0, delta=1.0, axis=-1, mode="interp",
                  cval=0.0):
    """Smooth (or differentiate) data with a Savitzky-Golay filter.

    Parameters
    ----------
    x : array_like
        Data to filter.
    window_length : int
        Length of the filter window.
    polyorder : int
        Degree of the fitted polynomial, less than ``window_length``.
    deriv : int, default 0
        Order of the derivative to compute.
    delta : float, default 1.0
        Sample spacing (used when ``deriv > 0``).
    axis : int, default -1
        Axis to filter along.
    mode : {'interp', 'mirror', 'constant', 'nearest', 'wrap'}, default 'interp'
        Boundary handling: scipy.ndimage's extension modes, or 'interp', which
        fits a polynomial to the first and last windows (``window_length`` must
        then not exceed ``x.shape[axis]``).
    cval : float, default 0.0
        Fill value for ``mode='constant'``.

    Returns
    -------
    jax.Array
        The filtered data, of ``x``'s shape (integers become floats).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.savgol_filter(jnp.array([1., 2., 4., 7., 11.]), 3, 2)
    Array([ 1.,  2.,  4.,  7., 11.], dtype=float32)
    """
    name = "savgol_filter"
    if mode not in _MODES:
        raise ValueError(f"{name}(): `mode` must be one of {_MODES}, got {mode!r}")
    wl, po, dv, dl = _check(name, window_length, polyorder, deriv, delta)
    _util.check_arraylike(name, x, argnames=["x"])
    x = _util.asarray(x, name=name)
    if x.ndim == 0:
        raise ValueError(f"{name}(): `x` must be at least 1-D")
    (x,) = _util.promote_dtypes_inexact(x)
    axis = _util.canonicalize_axis(axis, x.ndim, name)
    n = x.shape[axis]
    if mode == "interp" and wl > n:
        raise ValueError(f"{name}(): with mode='interp', `window_length` ({wl}) must be at most "
                         f"the size of x along axis ({n})")
    perm = tuple(i for i in range(x.ndim) if i != axis) + (axis,)
    xt = lax.transpose(x, perm)
    w = _host_coeffs(wl, po, dv, dl, wl // 2 if wl % 2 else wl // 2 - 0.5, "conv")
    # ndimage.convolve1d centres a length-wl kernel so that wl // 2 samples come after
    # the output position and the rest before it
    left, right = wl - 1 - wl // 2, wl // 2
    if mode == "interp":
        y = _conv_last(_pad_mode(xt, left, right, "constant", 0.0), w)
        half = wl // 2
        if half:
            y = _fit_edges(xt, y, wl, po, dv, dl, half)
    else:
        y = _conv_last(_pad_mode(xt, left, right, mode, cval), w)
    inv = tuple(perm.index(i) for i in range(x.ndim))
    return lax.transpose(y, inv)


def _fit_edges(xt, y, wl, po, dv, dl, half):
    """Replace the first / last ``half`` outputs by the polynomial fitted to the first /
    last window (scipy's 'interp' mode)."""
    n, nd = xt.shape[-1], xt.ndim

    def apply(mat, lo):
        win = lax.slice(xt, (0,) * (nd - 1) + (lo,), xt.shape[:-1] + (lo + wl,))
        return lax.dot_general(win, np.asarray(mat, xt.dtype), (((nd - 1,), (1,)), ((), ())),
                               precision="highest")

    first = apply(_edge_matrix(wl, po, dv, dl, range(half)), 0)
    last = apply(_edge_matrix(wl, po, dv, dl, range(wl - half, wl)), n - wl)
    mid = lax.slice(y, (0,) * (nd - 1) + (half,), y.shape[:-1] + (n - half,))
    return lax.concatenate([first, mid, last], nd - 1)
