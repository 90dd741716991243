"""scipy.fft's helpers: sample frequencies, spectrum shifts and fast transform lengths.

``fftfreq`` / ``rfftfreq`` / ``fftshift`` / ``ifftshift`` are numpy.fft's
(``jaxwrap._src.numpy.fft``) with scipy's signatures.  ``next_fast_len`` /
``prev_fast_len`` are host computations on Python integers: the nearest
length whose prime factors are all at most 11 (complex transforms) or 5
(real transforms), the lengths scipy's pocketfft backend handles fastest;
they return the same integers as scipy.
"""

from __future__ import annotations

import operator

from ...numpy import fft as _np

__all__ = ["fftfreq", "rfftfreq", "fftshift", "ifftshift", "next_fast_len", "prev_fast_len"]


def fftfreq(n, d=1.0, *, xp=None, device=None):
    """Sample frequencies of the discrete Fourier transform (cycles per unit of ``d``).

    Parameters
    ----------
    n : int
        Window length.
    d : scalar, optional
        Sample spacing (default 1.0); may be a traced value.
    xp : module, optional
        Ignored: the result is always a jax array.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        ``[0, 1, ..., (n-1)//2, -(n//2), ..., -1] / (d * n)`` in jax's default
        float dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.fft import fftfreq
    >>> fftfreq(4)
    Array([ 0.  ,  0.25, -0.5 , -0.25], dtype=float32)
    """
    return _np.fftfreq(n, d, device=device)


def rfftfreq(n, d=1.0, *, xp=None, device=None):
    """Sample frequencies of ``rfft`` (the non-negative ones).

    Parameters
    ----------
    n : int
        Window length.
    d : scalar, optional
        Sample spacing (default 1.0); may be a traced value.
    xp : module, optional
        Ignored: the result is always a jax array.
    device : jax.Device or jax.sharding.Sharding, optional
        Where to place the result.

    Returns
    -------
    jax.Array
        ``[0, 1, ..., n // 2] / (d * n)``.

    Examples
    --------
    >>> from jaxwrap.scipy.fft import rfftfreq
    >>> rfftfreq(4)
    Array([0.  , 0.25, 0.5 ], dtype=float32)
    """
    return _np.rfftfreq(n, d, device=device)


# scipy.fft's shifts are numpy.fft's (same signature and semantics): the same objects.
fftshift = _np.fftshift
ifftshift = _np.ifftshift


# --- fast lengths ---------------------------------------------------------------------------------
# scipy's limits: a C ssize_t, and lengths whose 11-fold product fits a 64-bit size_t
_SSIZE_MAX = 2**63 - 1
_MAX_TARGET = (2**64 - 1) // 11 + 1
_PRIMES = {True: (3, 5), False: (3, 5, 7, 11)}   # odd primes allowed besides 2, by `real`


def _target(name: str, target) -> int:
    try:
        t = operator.index(target)
    except TypeError:
        raise TypeError(f"{name}(): `target` must be an integer, got "
                        f"{type(target).__name__}") from None
    if t < 0:
        raise ValueError(f"{name}(): `target` must be positive (or 0), got {t}")
    if t > _SSIZE_MAX:
        raise OverflowError(f"{name}(): `target` {t} does not fit a C ssize_t")
    if t > _MAX_TARGET:
        raise ValueError(f"{name}(): `target` {t} is too large to perform an FFT")
    return t


def _odd_parts(t: int, primes: tuple[int, ...], limit: int):
    """Every product of powers of ``primes`` up to ``limit`` (a finite walk: each
    prime's exponent is at most log(limit) / log(p))."""
    out = [1]
    for p in primes:
        new = []
        for m in out:
            while m <= limit:
                new.append(m)
                m *= p
        out = new
    return out


def next_fast_len(target, real=False):
    """The smallest fast FFT length at least ``target``.

    Parameters
    ----------
    target : int
        Minimum length (0 gives 0).
    real : bool, optional
        True for real transforms (lengths of the form 2^a 3^b 5^c); else
        complex ones (prime factors up to 11).

    Returns
    -------
    int
        A Python integer, as scipy.fft.next_fast_len gives.

    Examples
    --------
    >>> from jaxwrap.scipy.fft import next_fast_len
    >>> next_fast_len(13), next_fast_len(13, real=True)
    (14, 15)
    """
    t = _target("next_fast_len", target)
    if t <= 6:          # 0..6 are all fast
        return t
    best = 1 << (t - 1).bit_length()      # the next power of two bounds the answer
    for m in _odd_parts(t, _PRIMES[bool(real)], best):
        # the smallest m * 2^k >= t
        q = -(-t // m)
        cand = m << (q - 1).bit_length()
        best = min(best, cand)
    return best


def prev_fast_len(target, real=False):
    """The largest fast FFT length at most ``target``.

    Parameters
    ----------
    target : int
        Maximum length (0 gives 0).
    real : bool, optional
        True for real transforms (lengths of the form 2^a 3^b 5^c); else
        complex ones (prime factors up to 11).

    Returns
    -------
    int
        A Python integer, as scipy.fft.prev_fast_len gives.

    Examples
    --------
    >>> from jaxwrap.scipy.fft import prev_fast_len
    >>> prev_fast_len(13), prev_fast_len(17, real=True)
    (12, 16)
    """
    t = _target("prev_fast_len", target)
    if t <= 6:
        return t
    best = 1 << (t.bit_length() - 1)      # the previous power of two bounds the answer
    for m in _odd_parts(t, _PRIMES[bool(real)], t):
        # the largest m * 2^k <= t
        cand = m << ((t // m).bit_length() - 1)
        best = max(best, cand)
    return best
