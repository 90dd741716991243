"""scipy.signal's frequency responses: freqz, freqz_sos (sosfreqz), freqz_zpk,
freqs, freqs_zpk and group_delay.

Digital responses evaluate ``sum_k c[k] z**-k`` at ``z = exp(i w)`` as one
weighted sum against ``exp(-i w k)`` (each power computed directly from its
phase, not by repeated products); for an FIR filter on a static number of
points ``freqz`` takes the FFT of the zero-padded coefficients instead, as
scipy does.  Analog responses use Horner's rule at ``s = i w``.  Frequency
grids with a static number of points are host constants; ``freqs`` and
``freqs_zpk`` choose theirs from the poles and zeros, which must then be
concrete.

``plot`` must be None: a callable cannot run under jit; plot the returned
``(w, h)`` instead.
"""

from __future__ import annotations

import math
import operator

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes, lax
from ...numpy._util import check_arraylike, promote_dtypes_inexact, public
from .detrending import slice_last

__all__ = ["freqs", "freqs_zpk", "freqz", "freqz_sos", "freqz_zpk", "group_delay",
           "sosfreqz"]

_TWO_PI = 2 * math.pi


# --- argument checks -------------------------------------------------------------------------
def _arrays(name: str, **arrays):
    check_arraylike(name, *arrays.values(), argnames=tuple(arrays))
    return [jnp.atleast_1d(jnp.asarray(v)) for v in arrays.values()]


def _count(v):
    """``v`` as a static point count, or None when it is an array of frequencies."""
    if isinstance(v, (bool, np.bool_)):
        return None
    try:
        return operator.index(v)
    except TypeError:
        return None


def _points(name: str, argname: str, v, default: int):
    if v is None:
        v = default
    n = _count(v)
    if n is not None and n < 0:
        raise ValueError(f"{name}(): `{argname}` must be nonnegative, got {n}")
    return n


def _check_plot(name: str, plot):
    if plot is not None:
        raise ValueError(f"{name}(): `plot` must be None: a callable cannot run under jit; "
                         "plot the returned (w, h) instead")


def _check_fs(name: str, fs):
    check_arraylike(name, fs, argnames=("fs",))
    if np.ndim(fs) != 0:
        raise ValueError(f"{name}(): sampling frequency `fs` must be a single scalar, got "
                         f"shape {np.shape(fs)}")
    try:
        v = float(np.asarray(fs))
    except Exception:       # traced: no value check
        return fs
    if not v > 0 or not math.isfinite(v):
        raise ValueError(f"{name}(): sampling frequency `fs` must be positive and finite, "
                         f"got {v}")
    return fs


def _freq_array(name: str, w):
    check_arraylike(name, w, argnames=("worN",))
    if isinstance(w, complex):
        w = w.real
    return jnp.atleast_1d(jnp.asarray(w))


def _cast(x, dt):
    return jnp.asarray(x, dtype=dt)


def _real_dtype(dt):
    return jnp.real(jnp.zeros((), dt)).dtype


# --- evaluation cores ------------------------------------------------------------------------
def _powers(w, k: int, cdt):
    """``exp(-i w j)`` for ``j < k``: shape ``(k,) + w.shape``."""
    j = np.arange(k).reshape((k,) + (1,) * w.ndim)
    ph = jnp.multiply(w, j.astype(w.dtype))
    return _cast(lax.complex(jnp.cos(ph), jnp.negative(jnp.sin(ph))), cdt)


def _zpoly(c, w, cdt):
    """``sum_k c[k] exp(-i w k)``; the trailing axes of ``c`` broadcast with ``w``."""
    k, rest = c.shape[0], c.shape[1:]
    nd = max(len(rest), w.ndim)
    e = _powers(w, k, cdt)
    e = jnp.reshape(e, (k,) + (1,) * (nd - w.ndim) + w.shape)
    c = jnp.reshape(c, (k,) + (1,) * (nd - len(rest)) + rest)
    return jnp.sum(jnp.multiply(c, e), axis=0)


def _grid(n: int, whole: bool, endpoint: bool, rdt):
    return np.linspace(0, _TWO_PI if whole else math.pi, n, endpoint=endpoint).astype(rdt)


def _to_hz(w, fs):
    return jnp.multiply(w, _cast(jnp.divide(fs, _TWO_PI), w.dtype))


def _from_hz(w, fs):
    return _cast(jnp.divide(jnp.multiply(w, _TWO_PI), fs), w.dtype)


@public(static=("n", "whole", "nyquist"))
def _freqz(b, a, worN, fs, *, n, whole, nyquist):
    b, a = promote_dtypes_inexact(b, a)
    cdt = dtypes.to_complex_dtype(b.dtype)
    rdt = _real_dtype(cdt)
    fs = jnp.asarray(fs, dtype=rdt)
    if n is None:
        w = _from_hz(jnp.asarray(worN, dtype=rdt), fs)
    else:
        w = jnp.asarray(_grid(n, whole, nyquist and not whole, rdt))
        n_fft = n if whole else (2 * (n - 1) if nyquist else 2 * n)
        if a.size == 1 and (b.ndim == 1 or b.shape[-1] == 1) and n_fft >= b.shape[0] > 0 \
                and n_fft > 0:
            return _to_hz(w, fs), _fir_fft(b, a, n, n_fft, whole)
    h = jnp.divide(_zpoly(b, w, cdt), _zpoly(a, w, cdt))
    return _to_hz(w, fs), h


def _fir_fft(b, a, n: int, n_fft: int, whole: bool):
    """The FIR response on the FFT grid (``b`` along axis 0)."""
    real = not dtypes.is_complex(b.dtype)
    bt = jnp.moveaxis(b, 0, -1)
    if real:
        h = jnp.fft.rfft(bt, n=n_fft, axis=-1)
    else:
        h = jnp.fft.fft(bt, n=n_fft, axis=-1)
    h = slice_last(h, 0, min(n, h.shape[-1]))
    if real and whole:
        stop = h.shape[-1] if n_fft % 2 else h.shape[-1] - 1
        h = jnp.concatenate([h, jnp.conj(jnp.flip(slice_last(h, 1, stop), axis=-1))], axis=-1)
    h = jnp.divide(h, jnp.reshape(a, ()))
    if b.ndim > 1:      # coefficients (K, ..., 1): drop the 1, frequencies last
        return jnp.reshape(h, h.shape[:-2] + h.shape[-1:]) if h.shape[-2] == 1 else h
    return h


def freqz(b, a=1, worN=512, whole=False, plot=None, fs=_TWO_PI, include_nyquist=False):
    """Frequency response of a digital filter ``B(z) / A(z)``.

    Parameters
    ----------
    b, a : array_like
        Numerator and denominator coefficients in increasing powers of
        ``z**-1``.  With more than one dimension the coefficients run along the
        first axis and the other axes broadcast with the frequencies.
    worN : int or array_like, optional
        Number of equally spaced frequencies (static; default 512), or the
        frequencies themselves (in the units of ``fs``).
    whole : bool, optional
        Frequencies from 0 to ``fs`` instead of 0 to ``fs / 2``.
    plot : None
        Must be None (a callable cannot run under jit).
    fs : float, optional
        Sampling frequency (default ``2 pi``: radians per sample).
    include_nyquist : bool, optional
        With ``whole=False`` and a point count, include ``fs / 2``.

    Returns
    -------
    w : jax.Array
        Frequencies.
    h : jax.Array
        Complex frequency response.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import freqz
    >>> w, h = freqz(jnp.array([0.5, 0.5]), worN=3)
    >>> jnp.abs(h).round(4)
    Array([1.   , 0.866, 0.5  ], dtype=float32)
    """
    name = "freqz"
    _check_plot(name, plot)
    b, a = _arrays(name, b=b, a=a)
    fs = _check_fs(name, fs)
    n = _points(name, "worN", worN, 512)
    w = None if n is not None else _freq_array(name, worN)
    return _freqz(b, a, w, fs, n=n, whole=bool(whole), nyquist=bool(include_nyquist))


def _validate_sos(name: str, sos):
    check_arraylike(name, sos, argnames=("sos",))
    sos = jnp.asarray(sos)
    if sos.ndim == 1:
        sos = jnp.reshape(sos, (1, -1))
    if sos.ndim != 2 or sos.shape[1] != 6:
        raise ValueError(f"{name}(): `sos` must have shape (n_sections, 6), got {sos.shape}")
    if sos.shape[0] == 0:
        raise ValueError(f"{name}(): cannot compute frequencies with no sections")
    try:
        a0 = np.asarray(sos)[:, 3]
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        return sos
    if not np.all(a0 == 1):
        raise ValueError(f"{name}(): `sos[:, 3]` should be all ones")
    return sos


@public(static=("n", "whole"))
def _freqz_sos(sos, worN, fs, *, n, whole):
    (sos,) = promote_dtypes_inexact(sos)
    cdt = dtypes.to_complex_dtype(sos.dtype)
    rdt = _real_dtype(cdt)
    fs = jnp.asarray(fs, dtype=rdt)
    if n is None:
        w = _from_hz(jnp.asarray(worN, dtype=rdt), fs)
    else:
        w = jnp.asarray(_grid(n, whole, False, rdt))
    coef = jnp.transpose(sos)                       # (6, n_sections): powers first
    num = _zpoly(_slice_first(coef, 0, 3), jnp.reshape(w, w.shape + (1,)), cdt)
    den = _zpoly(_slice_first(coef, 3, 6), jnp.reshape(w, w.shape + (1,)), cdt)
    return _to_hz(w, fs), jnp.prod(jnp.divide(num, den), axis=-1)


def _slice_first(x, start: int, stop: int):
    return jnp.moveaxis(slice_last(jnp.moveaxis(x, 0, -1), start, stop), -1, 0)


def freqz_sos(sos, worN=512, whole=False, fs=_TWO_PI):
    """Frequency response of a digital filter in second-order sections.

    Parameters
    ----------
    sos : array_like
        Second-order sections, shape ``(n_sections, 6)``: ``[b0, b1, b2, 1, a1, a2]``.
    worN : int or array_like, optional
        Number of frequencies (static; default 512) or the frequencies.
    whole : bool, optional
        Frequencies from 0 to ``fs`` instead of 0 to ``fs / 2``.
    fs : float, optional
        Sampling frequency (default ``2 pi``).

    Returns
    -------
    w : jax.Array
        Frequencies.
    h : jax.Array
        Complex frequency response (the product over the sections).

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import freqz_sos
    >>> w, h = freqz_sos(jnp.array([[0.5, 0.5, 0.0, 1.0, 0.0, 0.0]]), worN=3)
    >>> jnp.abs(h).round(4)
    Array([1.   , 0.866, 0.5  ], dtype=float32)
    """
    name = "freqz_sos"
    sos = _validate_sos(name, sos)
    fs = _check_fs(name, fs)
    n = _points(name, "worN", worN, 512)
    w = None if n is not None else _freq_array(name, worN)
    return _freqz_sos(sos, w, fs, n=n, whole=bool(whole))


def sosfreqz(sos, worN=512, whole=False, fs=_TWO_PI):
    """Frequency response of second-order sections (an alias of ``freqz_sos``).

    Parameters
    ----------
    sos : array_like
        Second-order sections, shape ``(n_sections, 6)``.
    worN : int or array_like, optional
        Number of frequencies (default 512) or the frequencies.
    whole : bool, optional
        Frequencies from 0 to ``fs``.
    fs : float, optional
        Sampling frequency (default ``2 pi``).

    Returns
    -------
    w, h : jax.Array
        Frequencies and complex response.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import sosfreqz
    >>> w, h = sosfreqz(jnp.array([[1.0, 0.0, 0.0, 1.0, -0.5, 0.0]]), worN=2)
    >>> jnp.abs(h).round(4)
    Array([2.    , 0.8944], dtype=float32)
    """
    return freqz_sos(sos, worN, whole, fs)


@public(static=("n", "whole"))
def _freqz_zpk(z, p, k, worN, fs, *, n, whole):
    z, p, k = promote_dtypes_inexact(z, p, k)
    cdt = dtypes.to_complex_dtype(z.dtype)
    rdt = _real_dtype(cdt)
    fs = jnp.asarray(fs, dtype=rdt)
    if n is None:
        w = _from_hz(jnp.asarray(worN, dtype=rdt), fs)
    else:
        w = jnp.asarray(_grid(n, whole, False, rdt))
    zw = lax.complex(jnp.cos(w), jnp.sin(w))
    h = jnp.multiply(_cast(k, cdt), jnp.divide(_from_roots(zw, z), _from_roots(zw, p)))
    return _to_hz(w, fs), h


def _from_roots(x, r):
    """``prod_j (x - r[j])`` (1 for no roots)."""
    d = jnp.subtract(jnp.reshape(x, (1,) + x.shape), jnp.reshape(r, r.shape + (1,) * x.ndim))
    return jnp.prod(d, axis=0)


def _check_zpk(name, z, p, k):
    z, p = _arrays(name, z=z, p=p)
    check_arraylike(name, k, argnames=("k",))
    k = jnp.asarray(k)
    if k.size != 1:
        raise ValueError(f"{name}(): `k` must be a single scalar gain, got shape {k.shape}")
    if z.ndim != 1 or p.ndim != 1:
        raise ValueError(f"{name}(): zeros `z` and poles `p` must be 1-D, got shapes "
                         f"{z.shape} and {p.shape}")
    return z, p, jnp.reshape(k, ())


def freqz_zpk(z, p, k, worN=512, whole=False, fs=_TWO_PI):
    """Frequency response of a digital filter given by zeros, poles and gain.

    Parameters
    ----------
    z, p : array_like
        Zeros and poles (1-D).
    k : float
        Gain.
    worN : int or array_like, optional
        Number of frequencies (static; default 512) or the frequencies.
    whole : bool, optional
        Frequencies from 0 to ``fs`` instead of 0 to ``fs / 2``.
    fs : float, optional
        Sampling frequency (default ``2 pi``).

    Returns
    -------
    w : jax.Array
        Frequencies.
    h : jax.Array
        Complex frequency response ``k prod(e^{iw} - z) / prod(e^{iw} - p)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import freqz_zpk
    >>> w, h = freqz_zpk(jnp.array([-1.0]), jnp.array([0.0]), 0.5, worN=2)
    >>> jnp.abs(h).round(4)
    Array([1.    , 0.7071], dtype=float32)
    """
    name = "freqz_zpk"
    z, p, k = _check_zpk(name, z, p, k)
    fs = _check_fs(name, fs)
    n = _points(name, "worN", worN, 512)
    w = None if n is not None else _freq_array(name, worN)
    return _freqz_zpk(z, p, k, w, fs, n=n, whole=bool(whole))


# --- analog responses ------------------------------------------------------------------------
def _host(name: str, argname: str, v) -> np.ndarray:
    try:
        return np.asarray(v)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        raise TypeError(f"{name}(): choosing the frequencies needs concrete `{argname}`; pass "
                        "the frequencies as `worN` to use traced coefficients") from None


def _findfreqs(zeros: np.ndarray, poles: np.ndarray, n: int) -> np.ndarray:
    """scipy's log-spaced analog grid: from a decade below the slowest to half a
    decade above the fastest pole / zero in the upper half plane (zeros beyond
    1e5 ignored; a pole at -1000 when there is none; roots at 0 count as 1)."""
    ep = np.atleast_1d(poles).astype(complex)
    tz = np.atleast_1d(zeros).astype(complex)
    if ep.size == 0:
        ep = np.array([-1000.0 + 0j])
    ez = np.concatenate([ep[ep.imag >= 0], tz[(np.abs(tz) < 1e5) & (tz.imag >= 0)]])
    at_zero = (np.abs(ez) < 1e-10).astype(float)
    hi = np.round(np.log10(np.max(3 * np.abs(ez.real + at_zero) + 1.5 * ez.imag)) + 0.5)
    lo = np.round(np.log10(0.1 * np.min(np.abs((ez + at_zero).real) + 2 * ez.imag)) - 0.5)
    return np.logspace(lo, hi, n)


@public
def _freqs(b, a, w):
    b, a = promote_dtypes_inexact(b, a)
    w = _cast(w, _real_dtype(dtypes.to_complex_dtype(b.dtype)))
    s = lax.complex(jnp.zeros_like(w), w)
    return w, jnp.divide(jnp.polyval(_cast(b, s.dtype), s), jnp.polyval(_cast(a, s.dtype), s))


def freqs(b, a, worN=200, plot=None):
    """Frequency response of an analog filter ``B(s) / A(s)`` at ``s = i w``.

    Parameters
    ----------
    b, a : array_like
        Numerator and denominator coefficients, highest power first (1-D).
    worN : int or array_like, optional
        Number of frequencies (default 200; then ``b`` and ``a`` must be concrete,
        the grid is chosen from the poles and zeros) or the angular frequencies.
    plot : None
        Must be None (a callable cannot run under jit).

    Returns
    -------
    w : jax.Array
        Angular frequencies.
    h : jax.Array
        Complex frequency response.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import freqs
    >>> w, h = freqs(jnp.array([1.0]), jnp.array([1.0, 1.0]), worN=jnp.array([0.0, 1.0]))
    >>> jnp.abs(h).round(4)
    Array([1.    , 0.7071], dtype=float32)
    """
    name = "freqs"
    _check_plot(name, plot)
    b, a = _arrays(name, b=b, a=a)
    if b.ndim != 1 or a.ndim != 1:
        raise ValueError(f"{name}(): `b` and `a` must be 1-D, got shapes {b.shape} and "
                         f"{a.shape}")
    n = _points(name, "worN", worN, 200)
    if n is None:
        w = _freq_array(name, worN)
    else:
        hb, ha = _host(name, "b", b), _host(name, "a", a)
        w = _findfreqs(np.roots(hb), np.roots(ha), n)
        w = w.astype(_real_dtype(dtypes.to_complex_dtype(promote_dtypes_inexact(b, a)[0].dtype)))
    return _freqs(b, a, w)


@public
def _freqs_zpk(z, p, k, w):
    z, p, k = promote_dtypes_inexact(z, p, k)
    w = _cast(w, _real_dtype(dtypes.to_complex_dtype(z.dtype)))
    s = lax.complex(jnp.zeros_like(w), w)
    h = jnp.divide(_from_roots(s, _cast(z, s.dtype)), _from_roots(s, _cast(p, s.dtype)))
    return w, jnp.multiply(_cast(k, s.dtype), h)


def freqs_zpk(z, p, k, worN=200):
    """Frequency response of an analog filter given by zeros, poles and gain.

    Parameters
    ----------
    z, p : array_like
        Zeros and poles (1-D).
    k : float
        Gain.
    worN : int or array_like, optional
        Number of frequencies (default 200; then ``z`` and ``p`` must be concrete)
        or the angular frequencies.

    Returns
    -------
    w : jax.Array
        Angular frequencies.
    h : jax.Array
        Complex frequency response ``k prod(iw - z) / prod(iw - p)``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import freqs_zpk
    >>> w, h = freqs_zpk(jnp.array([]), jnp.array([-1.0]), 1.0, worN=jnp.array([0.0, 1.0]))
    >>> jnp.abs(h).round(4)
    Array([1.    , 0.7071], dtype=float32)
    """
    name = "freqs_zpk"
    z, p, k = _check_zpk(name, z, p, k)
    n = _points(name, "worN", worN, 200)
    if n is None:
        w = _freq_array(name, worN)
    else:
        w = _findfreqs(_host(name, "z", z), _host(name, "p", p), n)
        w = w.astype(_real_dtype(dtypes.to_complex_dtype(promote_dtypes_inexact(z, p)[0].dtype)))
    return _freqs_zpk(z, p, k, w)


# --- group delay -----------------------------------------------------------------------------
@public(static=("n", "whole"))
def _group_delay(b, a, worN, fs, *, n, whole):
    b, a = promote_dtypes_inexact(b, a)
    cdt = dtypes.to_complex_dtype(b.dtype)
    rdt = _real_dtype(cdt)
    fs = jnp.asarray(fs, dtype=rdt)
    if n is None:
        w = _from_hz(jnp.asarray(worN, dtype=rdt), fs)
    else:
        w = jnp.asarray(_grid(n, whole, False, rdt))
    # B(z) conj(A(1/conj z)) z^-(len(a)-1) = C(z); the delay of C minus the degree of A
    # (Shpak's method): tau = Re(sum k c_k z^-k / sum c_k z^-k) - (len(a) - 1).
    c = jnp.convolve(b, jnp.conj(jnp.flip(a)))
    cr = jnp.multiply(c, np.arange(c.shape[0]).astype(rdt))
    # Horner's rule in z = exp(-i w): near a zero of B on the unit circle num and den
    # cancel heavily, and Horner's running sums (deflation) keep more of them than
    # a sum of directly computed powers.
    z = lax.complex(jnp.cos(w), jnp.negative(jnp.sin(w)))
    num = jnp.polyval(jnp.flip(_cast(cr, cdt)), z)
    den = jnp.polyval(jnp.flip(_cast(c, cdt)), z)
    gd = jnp.subtract(jnp.real(jnp.divide(num, den)), float(a.shape[0] - 1))
    gd = jnp.where(jnp.isfinite(gd), gd, jnp.zeros_like(gd))
    return _to_hz(w, fs), gd


def group_delay(system, w=512, whole=False, fs=_TWO_PI):
    """Group delay ``-d(phase)/dw`` of a digital filter, in samples.

    Parameters
    ----------
    system : tuple of array_like
        ``(b, a)``: numerator and denominator coefficients (1-D).
    w : int or array_like, optional
        Number of frequencies (static; default 512) or the frequencies.
    whole : bool, optional
        Frequencies from 0 to ``fs`` instead of 0 to ``fs / 2``.
    fs : float, optional
        Sampling frequency (default ``2 pi``).

    Returns
    -------
    w : jax.Array
        Frequencies.
    gd : jax.Array
        Group delay in samples.  Where the delay is singular (the denominator
        vanishes) it is 0, as in scipy; scipy also warns, which traced code
        cannot do.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import group_delay
    >>> w, gd = group_delay((jnp.array([0.0, 0.0, 1.0]), jnp.array([1.0])), w=3)
    >>> gd
    Array([2., 2., 2.], dtype=float32)
    """
    name = "group_delay"
    try:
        b, a = system
    except (TypeError, ValueError):
        raise TypeError(f"{name}(): `system` must be a pair (b, a)") from None
    b, a = _arrays(name, b=b, a=a)
    if b.ndim != 1 or a.ndim != 1:
        raise ValueError(f"{name}(): `b` and `a` must be 1-D, got shapes {b.shape} and "
                         f"{a.shape}")
    fs = _check_fs(name, fs)
    n = _points(name, "w", w, 512)
    wa = None if n is not None else _freq_array(name, w)
    return _group_delay(b, a, wa, fs, n=n, whole=bool(whole))
