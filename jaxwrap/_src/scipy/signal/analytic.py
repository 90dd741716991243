"""Analytic signals and envelopes: hilbert, hilbert2, envelope.

All three work in the frequency domain on jaxwrap's fft (jaxwrap.numpy.fft):
the analytic signal keeps the DC (and, for even lengths, the Nyquist) bin,
doubles the positive frequencies and zeroes the negative ones (Marple, "Computing
the discrete-time analytic signal via FFT", IEEE Trans. Signal Process. 47, 1999);
hilbert2 applies such a mask along two axes ("single-orthant" transform, Hahn,
"Multidimensional complex signals with single-orthant spectra", Proc. IEEE 80,
1992), zeroing an even length's Nyquist bin as scipy 1.17 does.  envelope
keeps a band of bins ``bp_in`` of the (analytic) spectrum, shifts it to
baseband and takes the magnitude, resampling by zero-padding or cropping the
band.  Lengths and bands are static; the masks are host constants.
"""

from __future__ import annotations

import operator

import numpy as np

from ... import dtypes, lax
from ...numpy import _util
from ...numpy import fft as _fft
from ...numpy._util import public

__all__ = ["envelope", "hilbert", "hilbert2"]


def _analytic_mask(n: int) -> np.ndarray:
    """1 at DC (and Nyquist for even n), 2 at positive frequencies, 0 at negative ones."""
    h = np.zeros(n)
    h[0] = 1.0
    if n % 2 == 0:
        h[n // 2] = 1.0
        h[1:n // 2] = 2.0
    else:
        h[1:(n + 1) // 2] = 2.0
    return h


def _orthant_mask(n: int) -> np.ndarray:
    """hilbert2's per-axis factor (scipy 1.17): 1 at DC, 2 at bins 1..(n+1)//2 - 1, 0 from
    there on -- the unpaired Nyquist bin of an even n included."""
    h = np.zeros(n)
    h[0] = 1.0
    h[1:(n + 1) // 2] = 2.0
    return h


def _real_input(name, x, argname="x"):
    _util.check_arraylike(name, x, argnames=[argname])
    x = _util.asarray(x, name=name)
    if dtypes.issubdtype(x.dtype, np.complexfloating):
        raise ValueError(f"{name}(): `{argname}` must be real, got dtype {x.dtype}")
    (x,) = _util.promote_dtypes_inexact(x)
    return x


def _length(name, n, argname="N"):
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"{name}(): `{argname}` must be an integer, got "
                        f"{type(n).__name__}") from None
    if n <= 0:
        raise ValueError(f"{name}(): `{argname}` must be positive, got {n}")
    return n


def _scale_axis(x, mask, axis):
    """``x`` times the host vector ``mask`` along ``axis``."""
    m = np.asarray(mask, x.dtype)
    return lax.mul(x, lax.broadcast_in_dim(m, x.shape, (axis,)))


@public(static=("N", "axis"))
def hilbert(x, N=None, axis=-1):
    """Analytic signal of a real signal, by the FFT.

    Parameters
    ----------
    x : array_like
        Real signal.
    N : int, optional
        Number of Fourier components; ``x`` is cropped or zero-padded to it.
        Default ``x.shape[axis]``.
    axis : int, default -1
        Axis along which to transform.

    Returns
    -------
    jax.Array
        The complex analytic signal ``x + i H(x)``, of length ``N`` along ``axis``.

    Examples
    --------
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.hilbert([1.0, 0.0, -1.0, 0.0])
    Array([ 1.+0.j,  0.+1.j, -1.+0.j,  0.-1.j], dtype=complex64)
    """
    name = "hilbert"
    x = _real_input(name, x)
    if x.ndim == 0:
        raise ValueError(f"{name}(): `x` must be at least 1-D")
    axis = _util.canonicalize_axis(axis, x.ndim, name)
    n = x.shape[axis] if N is None else _length(name, N)
    spec = _fft.fft(x, n, axis)
    return _fft.ifft(_scale_axis(spec, _analytic_mask(n), axis), None, axis)


@public(static=("N", "axes"))
def hilbert2(x, N=None, axes=(-2, -1)):
    """2-D analytic signal ("single-orthant" transform) of a real array.

    Parameters
    ----------
    x : array_like
        Real input; a 1-D input is taken as one row.
    N : int or tuple of two ints, optional
        Output lengths along ``axes`` (crop or zero-pad); default ``x``'s.
    axes : tuple of two ints, default (-2, -1)
        Axes to transform along.

    Returns
    -------
    jax.Array
        The complex 2-D analytic signal.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.signal as jss
    >>> jss.hilbert2(jnp.ones((2, 2))).real
    Array([[1., 1.],
           [1., 1.]], dtype=float32)
    """
    name = "hilbert2"
    x = _real_input(name, x)
    if x.ndim < 2:
        x = lax.reshape(x, (1,) * (2 - x.ndim) + x.shape)
    if not isinstance(axes, tuple) or len(axes) != 2:
        raise ValueError(f"{name}(): `axes` must be a tuple of two ints, got {axes!r}")
    axes = tuple(_util.canonicalize_axis(a, x.ndim, name, "axes") for a in axes)
    if axes[0] == axes[1]:
        raise ValueError(f"{name}(): `axes` must be two different axes, got {axes}")
    if N is None:
        lengths = tuple(x.shape[a] for a in axes)
    elif isinstance(N, tuple):
        if len(N) != 2:
            raise ValueError(f"{name}(): `N` must be an int or a tuple of two ints, got {N!r}")
        lengths = tuple(_length(name, v) for v in N)
    else:
        lengths = (_length(name, N),) * 2
    spec = _fft.fftn(x, lengths, axes)
    for a, n in zip(axes, lengths):
        spec = _scale_axis(spec, _orthant_mask(n), a)
    return _fft.ifftn(spec, None, axes)


# --- envelope -----------------------------------------------------------------------------------
def _band(name, bp_in, n):
    if not isinstance(bp_in, tuple) or len(bp_in) != 2 or not all(
            v is None or isinstance(v, (int, np.integer)) and not isinstance(v, bool)
            for v in bp_in):
        raise ValueError(f"{name}(): `bp_in` must be a 2-tuple of ints or None, got {bp_in!r}")
    lo = -(n // 2) if bp_in[0] is None else int(bp_in[0])
    hi = (n + 1) // 2 if bp_in[1] is None else int(bp_in[1])
    if not -n // 2 <= lo < hi <= (n + 1) // 2:
        raise ValueError(f"{name}(): `bp_in` must satisfy -n//2 <= bp_in[0] < bp_in[1] <= "
                         f"(n+1)//2 for n = {n}, got {bp_in}")
    return lo, hi


def _circular(x, lo, hi):
    """Bins of signed frequency lo..hi-1 of the last axis (FFT order), in that order."""
    n, nd = x.shape[-1], x.ndim

    def take(a, b):
        return lax.slice(x, (0,) * (nd - 1) + (a,), x.shape[:-1] + (b,))

    if lo >= 0:
        return take(lo, hi)
    if hi <= 0:
        return take(n + lo, n + hi)
    return lax.concatenate([take(n + lo, n), take(0, hi)], nd - 1)


@public(static=("bp_in", "n_out", "squared", "residual", "axis"))
def envelope(z, bp_in=(1, None), *, n_out=None, squared=False, residual="lowpass", axis=-1):
    """Envelope (instantaneous amplitude) of a real or complex signal.

    The spectrum of ``z`` (made analytic for real input) is restricted to the
    band of bins ``bp_in[0]:bp_in[1]``, shifted to baseband and transformed
    back; the envelope is its magnitude.

    Parameters
    ----------
    z : array_like
        Real or complex signal.
    bp_in : tuple of (int or None, int or None), default (1, None)
        Band of the input band-pass filter in multiples of ``1 / (n T)``, with
        ``-n//2 <= bp_in[0] < bp_in[1] <= (n+1)//2``; None means that bound.
        The default removes the mean and the negative frequencies.
    n_out : int, optional
        Number of output samples (Fourier resampling); default ``n``.
    squared : bool, default False
        Return the squared envelope.
    residual : {'lowpass', 'all', None}, default 'lowpass'
        Also return what the band-pass removed: everything ('all'), or only the
        frequencies below the band ('lowpass').
    axis : int, default -1
        Time axis.

    Returns
    -------
    jax.Array
        The envelope, or with a residual an array of shape ``(2, ...)``
        stacking the envelope and the residual.

    Notes
    -----
    For complex ``z`` with a residual, ``n_out`` must equal the input length
    (the frequency-domain resampling of a complex residual is not supported).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.signal as jss
    >>> t = jnp.arange(8) / 8
    >>> jss.envelope(2 * jnp.cos(2 * jnp.pi * 2 * t), residual=None).round(4)
    Array([2., 2., 2., 2., 2., 2., 2., 2.], dtype=float32)
    """
    name = "envelope"
    _util.check_arraylike(name, z, argnames=["z"])
    z = _util.asarray(z, name=name)
    (z,) = _util.promote_dtypes_inexact(z)
    if z.ndim == 0:
        raise ValueError(f"{name}(): `z` must be at least 1-D")
    axis = _util.canonicalize_axis(axis, z.ndim, name)
    n = z.shape[axis]
    if n == 0:
        raise ValueError(f"{name}(): `z` must have samples along axis {axis}")
    lo, hi = _band(name, bp_in, n)
    if n_out is not None and (not isinstance(n_out, (int, np.integer)) or n_out <= 0):
        raise ValueError(f"{name}(): `n_out` must be a positive integer or None, got {n_out!r}")
    if residual not in ("lowpass", "all", None):
        raise ValueError(f"{name}(): `residual` must be 'lowpass', 'all' or None, got "
                         f"{residual!r}")
    m = n if n_out is None else int(n_out)
    is_complex = dtypes.issubdtype(z.dtype, np.complexfloating)
    if is_complex and residual is not None and m != n:
        raise ValueError(f"{name}(): a residual of a complex `z` needs n_out == {n} "
                         "(frequency-domain resampling of complex residuals is not supported)")
    perm = tuple(i for i in range(z.ndim) if i != axis) + (axis,)
    back = tuple(perm.index(i) for i in range(z.ndim))
    zt = lax.transpose(z, perm)
    last = zt.ndim - 1
    pos = np.arange(n)
    signed = np.where(pos < (n + 1) // 2, pos, pos - n)     # signed frequency of each bin
    spec = _fft.fft(zt, None, last)
    if not is_complex:
        # analytic spectrum: the bins rfft gives (0..n//2) kept, the positive ones of the
        # band (or below its upper edge when it holds 0) doubled, the rest zero
        gain = np.where(pos <= n // 2, 1.0, 0.0)
        if lo > 0:
            gain[lo:hi] *= 2.0
        elif hi > 0:
            gain[1:hi] *= 2.0
        spec = _scale_axis(spec, gain, last)
    base = _fft.ifft(_circular(spec, lo, hi), m, last)
    if m != n:
        base = lax.mul(base, np.array(m / n, base.dtype))
    re, im = lax.real(base), lax.imag(base)
    env = lax.add(lax.mul(re, re), lax.mul(im, im)) if squared else lax.abs(base)
    env = lax.transpose(env, back)
    if residual is None:
        return env
    keep = (signed < lo) | (signed >= hi)
    if residual == "lowpass":
        keep &= signed < lo
    res_spec = _scale_axis(spec, keep.astype(np.float64), last)
    if is_complex:
        res = _fft.ifft(res_spec, None, last)
    else:
        res = _fft.irfft(_nyquist_fix(res_spec, n, m), m, last)
        if m != n:
            res = lax.mul(res, np.array(m / n, res.dtype))
    res = lax.transpose(res, back)
    env = lax.convert_element_type(env, res.dtype, False)
    return lax.concatenate([lax.expand_dims(env, (0,)), lax.expand_dims(res, (0,))], 0)


def _nyquist_fix(spec, n, m):
    """The real residual's spectrum (length n, FFT order) ready for an irfft to ``m``
    samples: an unpaired middle bin ``min(n, m) // 2`` (even) is doubled when shrinking
    and halved when growing, as Fourier resampling splits / merges it."""
    k = min(n, m)
    if m != n and k % 2 == 0:
        scale = np.ones(n)
        scale[k // 2] = 2.0 if m < n else 0.5
        spec = _scale_axis(spec, scale, spec.ndim - 1)
    return spec
