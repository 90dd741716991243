"""scipy.signal.windows with continuous shape parameters: kaiser,
kaiser_bessel_derived, gaussian, general_gaussian, general_cosine,
general_hamming, tukey, exponential.

The parameters may be traced (jit, vmap, grad): the windows are written with
jaxwrap functions on host-constant sample positions and come out in the
parameters' floating dtype (the default float dtype for Python numbers and
integers; float32 stays float32).
"""

from __future__ import annotations

import math

import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes, lax
from ...numpy import _util
from ...numpy import windows as _npwin
from ...numpy._util import public
from ._common import STATIC as _STATIC
from ._common import centered as _centered
from ._common import const as _const
from ._common import extended as _extended
from ._common import length as _length
from ._common import ones as _ones
from ._common import params as _params
from ._common import truncate as _truncate

__all__ = [
    "exponential", "gaussian", "general_cosine", "general_gaussian", "general_hamming",
    "kaiser", "kaiser_bessel_derived", "tukey",
]


def _traced(name: str, M, sym, make, **params):
    """A window whose scalar parameters may be traced: ``make(N, dt, *params)``
    builds the symmetric window of length ``N >= 2`` in dtype ``dt``."""
    M = _length(name, M)
    ps = _params(name, **params)
    dt = ps[0].dtype
    if M <= 1:
        return _ones(M, dt)
    return _truncate(make(_extended(M, sym), dt, *ps), M)


@public(static=_STATIC)
def kaiser(M, beta, sym=True, *, xp=None, device=None):
    """The Kaiser window: ``I0(beta sqrt(1 - x**2)) / I0(beta)``, x from -1 to 1.

    Parameters
    ----------
    M : int
        Number of points (static).
    beta : float
        Shape parameter, may be traced (0: rectangular; larger: narrower).
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``beta``'s floating dtype (the default
        float dtype for a Python number).

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.kaiser(4, 2.0)
    Array([0.43867633, 0.92431396, 0.92431396, 0.43867633], dtype=float32)
    """
    return _traced("kaiser", M, sym, lambda N, dt, b: _npwin.kaiser(N, b), beta=beta)


@public(static=_STATIC)
def kaiser_bessel_derived(M, beta, *, sym=True, xp=None, device=None):
    """The Kaiser-Bessel derived window (for the MDCT; Princen-Bradley condition).

    The square root of the normalised running sum of a Kaiser window of
    ``M // 2 + 1`` points, mirrored.

    Parameters
    ----------
    M : int
        Number of points, even (static).
    beta : float
        Kaiser shape parameter, may be traced.
    sym : bool, optional
        Must be True: the window is only defined as symmetric (ValueError otherwise).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``beta``'s floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.kaiser_bessel_derived(4, 2.0)
    Array([0.48339167, 0.8754042 , 0.8754042 , 0.48339167], dtype=float32)
    """
    name = "kaiser_bessel_derived"
    if not sym:
        raise ValueError(f"{name}(): the window is only defined for sym=True")
    M = _length(name, M)
    if M % 2:
        raise ValueError(f"{name}(): the window is only defined for an even number of points, "
                         f"got M={M}")
    (b,) = _params(name, beta=beta)
    if M == 0:
        return _ones(0, b.dtype)
    c = jnp.cumsum(_npwin.kaiser(M // 2 + 1, b))
    half = jnp.sqrt(jnp.divide(lax.slice(c, (0,), (M // 2,)), lax.slice(c, (M // 2,), (M // 2 + 1,))))
    return jnp.concatenate([half, jnp.flip(half)])


def _gaussian(N, dt, std):
    n2 = _const(_centered(N) ** 2, dt)
    return jnp.exp(jnp.negative(jnp.divide(n2, jnp.multiply(2, jnp.square(std)))))


@public(static=_STATIC)
def gaussian(M, std, sym=True, *, xp=None, device=None):
    """The Gaussian window: ``exp(-n**2 / (2 std**2))``, n centred on the middle.

    Parameters
    ----------
    M : int
        Number of points (static).
    std : float
        Standard deviation in samples, may be traced.
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``std``'s floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.gaussian(4, 1.0)
    Array([0.32465246, 0.8824969 , 0.8824969 , 0.32465246], dtype=float32)
    """
    return _traced("gaussian", M, sym, _gaussian, std=std)


def _general_gaussian(N, dt, p, sig):
    n = _const(_centered(N), dt)
    zero = jnp.equal(n, 0)
    r = jnp.abs(jnp.divide(jnp.where(zero, 1, n), sig))  # 0**(2p) has a NaN p-derivative
    e = jnp.where(zero, 0, jnp.power(r, jnp.multiply(2, p)))
    return jnp.exp(jnp.multiply(-0.5, e))


@public(static=_STATIC)
def general_gaussian(M, p, sig, sym=True, *, xp=None, device=None):
    """The generalised Gaussian window: ``exp(-0.5 |n / sig|**(2 p))``.

    Parameters
    ----------
    M : int
        Number of points (static).
    p : float
        Shape, may be traced: 1 is the Gaussian, 0.5 a Laplace shape, large ``p``
        tends to a boxcar.
    sig : float
        Width in samples, may be traced.
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in the parameters' floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.general_gaussian(4, 1.5, 1.0)
    Array([0.1849814, 0.9394131, 0.9394131, 0.1849814], dtype=float32)
    """
    return _traced("general_gaussian", M, sym, _general_gaussian, p=p, sig=sig)


def _cos_table(N: int, K: int):
    """``cos(k t_n)``, t from -pi to pi, shape (N, K), float64 on the host."""
    t = np.linspace(-math.pi, math.pi, N)
    return np.cos(np.outer(t, np.arange(K)))


@public(static=("M", "sym"))
def general_cosine(M, a, sym=True):
    """A generic weighted sum of cosines: ``sum_k a[k] cos(k t)``, t from -pi to pi.

    Parameters
    ----------
    M : int
        Number of points (static).
    a : array_like
        The weights, a 1-D array (may be traced).
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``a``'s floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.general_cosine(5, [0.5, 0.5])
    Array([0. , 0.5, 1. , 0.5, 0. ], dtype=float32)
    """
    name = "general_cosine"
    M = _length(name, M)
    _util.check_arraylike(name, a, argnames=("a",))
    (a,) = _util.promote_dtypes_inexact(_util.asarray(a, name=name))
    if a.ndim != 1:
        raise ValueError(f"{name}(): argument 'a' must be 1-D, got shape {a.shape}")
    if dtypes.is_complex(a.dtype):
        raise TypeError(f"{name}(): argument 'a' must be real, got {a.dtype}")
    a = lax.convert_element_type(a, a.dtype, False)
    if M <= 1:
        return _ones(M, a.dtype)
    N = _extended(M, sym)
    # A broadcast multiply and sum, not a matmul: exact float32 on every backend.
    w = jnp.sum(jnp.multiply(_const(_cos_table(N, a.shape[0]), a.dtype), a), axis=1)
    return _truncate(w, M)


def _general_hamming(N, dt, alpha):
    c = _const(np.cos(np.linspace(-math.pi, math.pi, N)), dt)
    return jnp.add(jnp.multiply(alpha, jnp.subtract(1, c)), c)  # alpha + (1 - alpha) c


@public(static=_STATIC)
def general_hamming(M, alpha, sym=True, *, xp=None, device=None):
    """The generalised Hamming window: ``alpha + (1 - alpha) cos(t)``, t from -pi to pi.

    Parameters
    ----------
    M : int
        Number of points (static).
    alpha : float
        The constant term, may be traced (0.5: Hann, 0.54: Hamming).
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``alpha``'s floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.general_hamming(4, 0.6)
    Array([0.20000005, 0.8       , 0.8       , 0.20000005], dtype=float32)
    """
    return _traced("general_hamming", M, sym, _general_hamming, alpha=alpha)


def _tukey(N, dt, alpha):
    # Cosine tapers over the first and last alpha/2 of the window, flat in between
    # (Harris 1978, "tapered cosine"); alpha <= 0 is a boxcar, alpha >= 1 a Hann window.
    n = np.arange(N, dtype=np.float64)
    d = _const(np.minimum(n, N - 1 - n) / (N - 1), dt)  # distance to the nearest end, in [0, 1/2]
    pos = jnp.greater(alpha, 0)
    a = jnp.where(pos, jnp.minimum(alpha, 1), 1)
    taper = jnp.multiply(0.5, jnp.add(1, jnp.cos(jnp.multiply(
        math.pi, jnp.subtract(jnp.divide(jnp.multiply(2, d), a), 1)))))
    inside = jnp.logical_and(pos, jnp.less(jnp.multiply(2, d), a))
    return jnp.where(inside, taper, jnp.ones_like(taper))


@public(static=_STATIC)
def tukey(M, alpha=0.5, sym=True, *, xp=None, device=None):
    """The Tukey (tapered cosine) window: flat in the middle, cosine tapers at the ends.

    Parameters
    ----------
    M : int
        Number of points (static).
    alpha : float, optional
        Fraction of the window inside the tapers, may be traced: 0 or less is a
        boxcar, 1 or more a Hann window.
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in ``alpha``'s floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.tukey(5)
    Array([0., 1., 1., 1., 0.], dtype=float32)
    """
    return _traced("tukey", M, sym, _tukey, alpha=alpha)


@public(static=_STATIC)
def exponential(M, center=None, tau=1.0, sym=True, *, xp=None, device=None):
    """The exponential (Poisson) window: ``exp(-|n - center| / tau)``.

    Parameters
    ----------
    M : int
        Number of points (static).
    center : float, optional
        Position of the peak, may be traced; only with ``sym=False`` (ValueError
        otherwise).  Default: the middle of the window.
    tau : float, optional
        Decay length in samples, may be traced.
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in the parameters' floating dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.exponential(4)
    Array([0.22313017, 0.60653067, 0.60653067, 0.22313017], dtype=float32)
    """
    name = "exponential"
    if sym and center is not None:
        raise ValueError(f"{name}(): argument 'center' must be None when sym=True")

    def make(N, dt, tau, *center):
        if center:
            n = jnp.subtract(_const(np.arange(N, dtype=np.float64), dt), center[0])
        else:
            n = _const(_centered(N), dt)
        return jnp.exp(jnp.negative(jnp.divide(jnp.abs(n), tau)))

    if center is None:
        return _traced(name, M, sym, make, tau=tau)
    return _traced(name, M, sym, make, tau=tau, center=center)
