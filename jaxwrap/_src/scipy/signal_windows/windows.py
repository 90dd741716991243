"""scipy.signal.windows: the windows without traced parameters, and ``get_window``.

The length ``M`` is static (it is the output shape).  Windows without a
continuous parameter, and those whose parameter decides the shape of the
computation (chebwin's attenuation, taylor's ``nbar``/``sll``), are computed
on the host in float64 and rounded once to the default float dtype: exact
host constants, like numpy's windows in ``jaxwrap.numpy``.  Windows with a
continuous shape parameter (kaiser's ``beta``, gaussian's ``std``, tukey's
``alpha``, ...) take it as a possibly traced scalar: they live in
``windows_param.py``; ``get_window`` (here) reaches both.

Every window follows one convention: ``M <= 1`` gives ``ones(M)``; with
``sym=False`` (periodic, for spectral analysis) the symmetric window of
length ``M + 1`` is computed and its last sample dropped.

dpss (Slepian tapers: a tridiagonal eigenproblem per call) is out of scope;
``get_window('dpss', ...)`` says so.
"""

from __future__ import annotations

import math
import numbers
import operator
import warnings

import numpy as np

from ...numpy._util import public
from ._common import STATIC as _STATIC
from ._common import XP_DOC as _XP_DOC
from ._common import centered as _centered
from ._common import host as _host
from ._common import static_number as _static_number
from .windows_param import (
    exponential,
    gaussian,
    general_cosine,
    general_gaussian,
    general_hamming,
    kaiser,
    kaiser_bessel_derived,
    tukey,
)

__all__ = [
    "barthann", "bartlett", "blackman", "blackmanharris", "bohman", "boxcar", "chebwin",
    "cosine", "flattop", "get_window", "hamming", "hann", "lanczos", "nuttall", "parzen",
    "taylor", "triang",
]


# --- host formulas (float64, symmetric, length N >= 2) ----------------------------------------
def _cosine_sum(coeffs):
    """``sum_k a_k cos(k t)`` at ``t = linspace(-pi, pi, N)`` (Harris 1978, eq. 31)."""
    def formula(N):
        t = np.linspace(-math.pi, math.pi, N)
        return sum(a * np.cos(k * t) for k, a in enumerate(coeffs))
    return formula


def _triang(N):
    # 1 - |n - c| / ceil(N / 2): reaches 1 at the centre (odd N), never 0 at the ends.
    return 1.0 - np.abs(_centered(N)) / ((N + 1) // 2)


def _bartlett(N):
    return 1.0 - np.abs(_centered(N)) / ((N - 1) / 2.0)


def _parzen(N):
    # Piecewise cubic (de la Vallee Poussin) window, Harris 1978 eq. 36.
    r = np.abs(_centered(N)) / (N / 2.0)
    inner = 1.0 - 6.0 * r**2 + 6.0 * r**3
    outer = 2.0 * (1.0 - r) ** 3
    return np.where(np.abs(_centered(N)) <= (N - 1) / 4.0, inner, outer)


def _bohman(N):
    # Convolution of two half-cosine lobes, Harris 1978 eq. 37; zero at both ends.
    x = np.abs(np.linspace(-1.0, 1.0, N))
    w = (1.0 - x) * np.cos(math.pi * x) + np.sin(math.pi * x) / math.pi
    w[0] = w[-1] = 0.0
    return w


def _barthann(N):
    # Modified Bartlett-Hann (Ha & Pearce 1989).
    f = np.abs(np.arange(N) / (N - 1.0) - 0.5)
    return 0.62 - 0.48 * f + 0.38 * np.cos(2.0 * math.pi * f)


def _cosine(N):
    return np.sin(math.pi * (np.arange(N) + 0.5) / N)


def _lanczos(N):
    x = _centered(N) / ((N - 1) / 2.0)
    return np.sinc(x)


def _chebwin_formula(at: float):
    """Dolph-Chebyshev window (Dolph 1946; Lynch 1997, "The Dolph-Chebyshev
    window: a simple optimal filter"): the frequency response is sampled as
    ``T_{N-1}(beta cos(pi k / N))`` with ``cosh((N-1) acosh beta) = 10**(at/20)``
    and the window is its inverse DFT, centred and normalised to a peak of 1."""
    def formula(N):
        order = N - 1.0
        beta = math.cosh(math.acosh(10.0 ** (abs(at) / 20.0)) / order)
        x = beta * np.cos(math.pi * np.arange(N) / N)
        ax = np.minimum(np.abs(x), 1.0)
        big = np.abs(x) > 1.0
        with np.errstate(invalid="ignore", over="ignore"):
            outside = np.cosh(order * np.arccosh(np.where(big, np.abs(x), 1.0)))
        sign = np.where((x < 0) & (N % 2 == 0), -1.0, 1.0)  # T_n(-x) = (-1)^n T_n(x)
        p = np.where(big, sign * outside, np.cos(order * np.arccos(np.sign(x) * ax)))
        # Centre the impulse response at (N - 1) / 2 (a half-sample shift for even N).
        k = np.arange(N)
        w = np.real(np.fft.ifft(p * np.exp(-1j * math.pi * k * (N - 1) / N)))
        w = 0.5 * (w + w[::-1])  # exact symmetry
        return w / np.max(w)
    return formula


def _taylor_formula(nbar: int, sll: float, norm: bool):
    """Taylor window (Taylor 1955; Carrara, Goodman & Majewski 1995, "Spotlight
    Synthetic Aperture Radar", appendix D.2): ``1 + 2 sum_m F_m cos(2 pi m x)``."""
    A = math.acosh(10.0 ** (sll / 20.0)) / math.pi
    s2 = nbar**2 / (A**2 + (nbar - 0.5) ** 2)
    m = np.arange(1, nbar, dtype=np.float64)
    F = np.empty(nbar - 1)
    for i, mi in enumerate(m):
        others = np.delete(m, i)
        num = np.prod(1.0 - mi**2 / s2 / (A**2 + (m - 0.5) ** 2))
        den = 2.0 * np.prod(1.0 - mi**2 / others**2)
        F[i] = (-1.0) ** (i) * num / den

    def formula(N):
        def W(n):
            return 1.0 + 2.0 * np.cos(2.0 * math.pi * np.outer(n - N / 2.0 + 0.5, m) / N) @ F
        w = W(np.arange(N, dtype=np.float64))
        return w / W(np.array([(N - 1) / 2.0]))[0] if norm else w
    return formula


# --- docstrings ------------------------------------------------------------------------------
_SIMPLE_DOC = """{summary}

    Parameters
    ----------
    M : int
        Number of points (static); 0 gives an empty array, 1 gives ``[1.]``.
    sym : bool, optional
        True (default): symmetric, for filter design.  False: periodic (the
        symmetric window of length ``M + 1`` without its last point), for
        spectral analysis.
{xp}

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, in the default float dtype (float32 unless
        x64 is enabled; scipy returns float64).

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.{name}({M})
    {example}
    """


def _simple(name: str, formula, summary: str, example: str, sym_kwonly: bool = False):
    """A public parameterless window ``name(M, sym=True, *, xp=None, device=None)``."""
    if sym_kwonly:
        def window(M, *, sym=True, xp=None, device=None):
            return _host(name, M, sym, formula)
    else:
        def window(M, sym=True, *, xp=None, device=None):
            return _host(name, M, sym, formula)
    window.__name__ = window.__qualname__ = name
    window.__doc__ = _SIMPLE_DOC.format(summary=summary, xp=_XP_DOC, name=name, M=example[0],
                                        example=example[1])
    return public(window, static=_STATIC)


# --- the parameterless windows (one row each) --------------------------------------------------
boxcar = _simple("boxcar", np.ones, "The rectangular (boxcar) window: all ones.",
                 (5, "Array([1., 1., 1., 1., 1.], dtype=float32)"))
triang = _simple("triang", _triang,
                 "The triangular window, nonzero at both ends (unlike bartlett).",
                 (4, "Array([0.25, 0.75, 0.75, 0.25], dtype=float32)"))
bartlett = _simple("bartlett", _bartlett, "The Bartlett window: a triangle, zero at both ends.",
                   (5, "Array([0. , 0.5, 1. , 0.5, 0. ], dtype=float32)"))
parzen = _simple("parzen", _parzen, "The Parzen window: a piecewise cubic (Harris 1978).",
                 (4, "Array([0.03125, 0.71875, 0.71875, 0.03125], dtype=float32)"))
bohman = _simple("bohman", _bohman,
                 "The Bohman window: the convolution of two half-cosine lobes.",
                 (4, "Array([0.        , 0.60899776, 0.60899776, 0.        ], dtype=float32)"))
barthann = _simple("barthann", _barthann, "The modified Bartlett-Hann window.",
                   (5, "Array([0. , 0.5, 1. , 0.5, 0. ], dtype=float32)"))
cosine = _simple("cosine", _cosine, "The cosine (sine) window: a half period of a sine.",
                 (5, "Array([0.309017, 0.809017, 1.      , 0.809017, 0.309017], dtype=float32)"))
lanczos = _simple("lanczos", _lanczos, "The Lanczos (sinc) window: the main lobe of sinc.",
                  (3, "Array([3.8981717e-17, 1.0000000e+00, 3.8981717e-17], dtype=float32)"),
                  sym_kwonly=True)
hann = _simple("hann", _cosine_sum((0.5, 0.5)),
               "The Hann window: ``0.5 + 0.5 cos(t)``, t from -pi to pi.",
               (5, "Array([0. , 0.5, 1. , 0.5, 0. ], dtype=float32)"))
hamming = _simple("hamming", _cosine_sum((0.54, 0.46)),
                  "The Hamming window: ``0.54 + 0.46 cos(t)``, t from -pi to pi.",
                  (5, "Array([0.08, 0.54, 1.  , 0.54, 0.08], dtype=float32)"))
blackman = _simple("blackman", _cosine_sum((0.42, 0.50, 0.08)),
                   "The Blackman window: a three-term cosine sum.",
                   (3, "Array([-1.3877788e-17,  1.0000000e+00, -1.3877788e-17], dtype=float32)"))
nuttall = _simple("nuttall", _cosine_sum((0.3635819, 0.4891775, 0.1365995, 0.0106411)),
                  "Nuttall's minimum four-term Blackman-Harris window (Nuttall 1981).",
                  (4, "Array([3.628000e-04, 5.292298e-01, 5.292298e-01, 3.628000e-04], "
                   "dtype=float32)"))
blackmanharris = _simple("blackmanharris", _cosine_sum((0.35875, 0.48829, 0.14128, 0.01168)),
                         "The four-term Blackman-Harris window (Harris 1978).",
                         (4, "Array([6.00000e-05, 5.20575e-01, 5.20575e-01, 6.00000e-05], "
                          "dtype=float32)"))
flattop = _simple("flattop", _cosine_sum((0.21557895, 0.41663158, 0.277263158, 0.083578947,
                                          0.006947368)),
                  "The flat top window: a five-term cosine sum with a flat passband.",
                  (4, "Array([-0.00042105,  0.19821054,  0.19821054, -0.00042105], "
                   "dtype=float32)"))


# --- windows of static parameters (host) -------------------------------------------------------
@public(static=("M", "at", "sym", "xp", "device"))
def chebwin(M, at, sym=True, *, xp=None, device=None):
    """The Dolph-Chebyshev window: the narrowest main lobe for an equiripple
    sidelobe level of ``-at`` dB.

    Parameters
    ----------
    M : int
        Number of points (static).
    at : float
        Sidelobe attenuation in dB (static; its absolute value is used).  Below
        about 45 dB the window is a poor choice for spectral analysis, and a
        UserWarning says so, as scipy does.
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, default float dtype, peak 1.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.chebwin(4, 100)
    Array([0.33372343, 1.        , 1.        , 0.33372343], dtype=float32)
    """
    at = _static_number("chebwin", "at", at)
    if abs(at) < 45:
        warnings.warn("chebwin(): with an attenuation below about 45 dB the equivalent noise "
                      "bandwidth is not monotonic in the attenuation; this window is not suited "
                      "to spectral analysis", UserWarning, stacklevel=3)
    return _host("chebwin", M, sym, _chebwin_formula(at))


@public(static=("M", "nbar", "sll", "norm", "sym", "xp", "device"))
def taylor(M, nbar=4, sll=30, norm=True, sym=True, *, xp=None, device=None):
    """The Taylor window, used in radar: ``nbar - 1`` nearly constant sidelobes
    ``sll`` dB below the main lobe, then decaying ones.

    Parameters
    ----------
    M : int
        Number of points (static).
    nbar : int, optional
        Number of nearly constant-level sidelobes next to the main lobe (static).
    sll : float, optional
        Sidelobe suppression in dB, a positive number (static).
    norm : bool, optional
        Scale so that the middle of the window is 1 (default).
    sym : bool, optional
        Symmetric (default) or periodic (``sym=False``).
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(M,)``, default float dtype.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import windows
    >>> windows.taylor(4)
    Array([0.37815535, 0.90545386, 0.90545386, 0.37815535], dtype=float32)
    """
    name = "taylor"
    try:
        nbar = operator.index(nbar)
    except TypeError:
        raise TypeError(f"{name}(): argument 'nbar' must be an integer, got "
                        f"{type(nbar).__name__}") from None
    if nbar < 1:
        raise ValueError(f"{name}(): argument 'nbar' must be >= 1, got {nbar}")
    sll = _static_number(name, "sll", sll)
    return _host(name, M, sym, _taylor_formula(nbar, sll, bool(norm)))


# --- get_window --------------------------------------------------------------------------------
# Accepted names -> (window, parameters: False = none, True = required, None = optional).
_OUT_OF_SCOPE = ("dpss",)
_WINDOWS = {}
for _names, _entry in [
    (("barthann", "brthan", "bth"), (barthann, False)),
    (("bartlett", "bart", "brt"), (bartlett, False)),
    (("blackman", "black", "blk"), (blackman, False)),
    (("blackmanharris", "blackharr", "bkh"), (blackmanharris, False)),
    (("bohman", "bman", "bmn"), (bohman, False)),
    (("boxcar", "box", "ones", "rect", "rectangular"), (boxcar, False)),
    (("chebwin", "cheb"), (chebwin, True)),
    (("cosine", "halfcosine"), (cosine, False)),
    (("exponential", "poisson"), (exponential, None)),
    (("flattop", "flat", "flt"), (flattop, False)),
    (("gaussian", "gauss", "gss"), (gaussian, True)),
    (("general cosine", "general_cosine"), (general_cosine, True)),
    (("general gaussian", "general_gaussian", "general gauss", "general_gauss", "ggs"),
     (general_gaussian, True)),
    (("general hamming", "general_hamming"), (general_hamming, True)),
    (("hamming", "hamm", "ham"), (hamming, False)),
    (("hann", "han"), (hann, False)),
    (("kaiser", "ksr"), (kaiser, True)),
    (("kaiser bessel derived", "kaiser_bessel_derived", "kbd"), (kaiser_bessel_derived, True)),
    (("lanczos", "sinc"), (lanczos, False)),
    (("nuttall", "nutl", "nut"), (nuttall, False)),
    (("parzen", "parz", "par"), (parzen, False)),
    (("taylor", "taylorwin"), (taylor, None)),
    (("triangle", "triang", "tri"), (triang, False)),
    (("tukey", "tuk"), (tukey, None)),
]:
    _WINDOWS.update(dict.fromkeys(_names, _entry))


@public(static=("window", "Nx", "fftbins", "xp", "device"))
def get_window(window, Nx, fftbins=True, *, xp=None, device=None):
    """A window by name, as scipy's ``get_window``.

    Parameters
    ----------
    window : str, tuple or float
        A window name (``'hann'``, ``'hamming'``, ... and scipy's aliases such
        as ``'han'``, ``'rect'``, ``'ksr'``), a tuple ``(name, *params)`` for a
        window with parameters (``('kaiser', 8.6)``, ``('tukey', 0.25)``), or a
        number, the ``beta`` of a Kaiser window.  A ``'_periodic'`` or
        ``'_symmetric'`` suffix on the name overrides ``fftbins``.  Static.
    Nx : int
        Number of points, positive (static).
    fftbins : bool, optional
        True (default): a periodic window, for spectral analysis; False: a
        symmetric one, for filter design.
    xp, device : optional
        Accepted for scipy compatibility and ignored.

    Returns
    -------
    jax.Array
        The window, shape ``(Nx,)``, default float dtype.

    Raises
    ------
    ValueError
        Unknown window names, missing or unexpected parameters, ``Nx`` not a
        positive integer (scipy's exception types).
    NotImplementedError
        ``'dpss'``, out of jaxwrap's scope (use scipy.signal.windows.dpss on the host).

    Examples
    --------
    >>> from jaxwrap.scipy.signal import get_window
    >>> get_window('hann', 4)
    Array([0. , 0.5, 1. , 0.5], dtype=float32)
    >>> get_window(('tukey', 0.5), 5, fftbins=False)
    Array([0., 1., 1., 1., 0.], dtype=float32)
    """
    name = "get_window"
    if isinstance(Nx, bool) or not isinstance(Nx, numbers.Integral) or Nx <= 0:
        raise ValueError(f"{name}(): argument 'Nx' must be a positive integer, got {Nx!r}")
    Nx = int(Nx)
    if not isinstance(fftbins, bool):
        raise ValueError(f"{name}(): argument 'fftbins' must be a bool, got {fftbins!r}")
    if not isinstance(window, (str, tuple)):
        try:
            beta = float(window)
        except (TypeError, ValueError):
            raise ValueError(f"{name}(): argument 'window' must be a str, a tuple or a float, "
                             f"got {window!r}") from None
        return kaiser(Nx, beta, not fftbins)
    if isinstance(window, tuple) and (not window or not isinstance(window[0], str)):
        raise ValueError(f"{name}(): the first entry of the tuple 'window' must be a str, got "
                         f"{window!r}")
    sym = not fftbins
    wname = window if isinstance(window, str) else window[0]
    for suffix, s in (("_symmetric", True), ("_periodic", False)):
        if wname.endswith(suffix):
            sym, wname = s, wname[: -len(suffix)]
            break
    if wname in _OUT_OF_SCOPE:
        raise NotImplementedError(f"{name}(): window {wname!r} is out of jaxwrap's scope; "
                                  f"compute it on the host with scipy.signal.windows.{wname}")
    if wname not in _WINDOWS:
        raise ValueError(f"{name}(): unknown window type {wname!r} in argument 'window'")
    func, needs = _WINDOWS[wname]
    args = window[1:] if isinstance(window, tuple) else ()
    if args and needs is False:
        raise ValueError(f"{name}(): window {wname!r} takes no parameters, got {window!r}")
    if not args and needs is True:
        raise ValueError(f"{name}(): window {wname!r} needs parameters, got {window!r}")
    return func(Nx, *args, sym=sym)
