"""scipy.special's error functions and normal-distribution functions.

One table row per function: its real kernel, its complex kernel (or None),
its derivative and its docstring.  The kernels live in private modules:

* ``_errfun_real``: erfcx on x >= 0 (a Chebyshev series, Shepherd &
  Laframboise 1981) and erfc, ndtr, log_ndtr from it with exp(-x^2)
  taken from an exact split of x^2: full relative accuracy in the tails,
  where XLA's erfc loses up to 1e15 ULP (float64) or underflows (float32);
  erf is XLA's (1 ULP in float64, 4 in float32).
* ``_errfun_inv``: ndtri, ndtri_exp, erfinv, erfcinv: Wichura's AS 241
  rational approximations (no iteration), an asymptotic fixed point for
  ndtri_exp below y = -700.
* ``_errfun_complex``: the Faddeeva function (Weideman 1994 inside
  |z| < 7, Laplace continued fraction outside) and the complex forms.
* ``_errfun_extra``: fresnel, voigt_profile, owens_t.

float16/bfloat16 arguments are computed in float32 and rounded back.
Complex arguments are accepted by erf, erfc, erfcx, erfi, dawsn and wofz;
the other functions raise TypeError naming the argument.
"""

from __future__ import annotations

import inspect

import math

import jax
import numpy as np

from ... import dtypes
from ... import lax as L
from ...numpy import _util
from ...numpy._util import public
from . import _errfun_complex as C
from . import _errfun_extra as X
from . import _errfun_inv as I
from . import _errfun_real as R
from . import _fresnel_complex as FC
from . import _ndtr_complex as N
from ._errfun_real import SQRT_PI, c

__all__ = [
    "dawsn", "erf", "erfc", "erfcinv", "erfcx", "erfi", "erfinv", "fresnel", "log_ndtr",
    "ndtr", "ndtri", "ndtri_exp", "owens_t", "voigt_profile", "wofz",
]


# --- argument handling ------------------------------------------------------------------------
def _kind(dt) -> str:
    dt = np.dtype(dt)
    if dtypes.issubdtype(dt, np.complexfloating):
        return "complex"
    return "float" if dtypes.issubdtype(dt, np.floating) else "int"


def promote(name, argnames, args, *, complex_ok=False, to_complex=False):
    """Check, promote to one inexact dtype (integers/bools to the default float),
    broadcast; returns (arrays, compute dtype, result dtype, weak)."""
    _util.check_arraylike(name, *args, argnames=list(argnames))
    for a, an in zip(args, argnames):
        if not complex_ok and _kind(dtypes.dtype(a)) == "complex":
            raise TypeError(f"{name}(): complex arguments are not supported; {an} has dtype "
                            f"{np.dtype(dtypes.dtype(a)).name}")
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    dt = np.dtype(dtypes.to_complex_dtype(dt) if to_complex else dtypes.to_inexact_dtype(dt))
    # float16 / bfloat16 are computed in float32 (complex32 does not exist)
    work = dt if dt in (np.float32, np.float64, np.complex64, np.complex128) else np.dtype(np.float32)
    arrs = [_util.asarray(_util._convert(a, work, False)) for a in args]
    return _util.broadcast_arrays(name, *arrs), dt, weak


def finish(out, dt, weak):
    if isinstance(out, tuple):
        return tuple(finish(o, dt, weak) for o in out)
    if out.dtype != dt or weak:
        out = L.convert_element_type(out, dt, weak)
    return out


def with_jvp(fun, deriv):
    """``fun(x)`` with derivative ``deriv(x, fun(x))`` (a custom_jvp, so the
    branches and iterations of the kernel are never differentiated)."""
    f = jax.custom_jvp(fun)

    @f.defjvp
    def _jvp(primals, tangents):
        (x,), (t,) = primals, tangents
        ans = f(x)
        return ans, L.mul(t, deriv(x, ans))

    return f


def _doc(summary, param, returns, example, notes=""):
    notes = f"\nNotes\n-----\n{notes}\n" if notes else ""
    return f"""{summary}

Parameters
----------
{param}

Returns
-------
jax.Array
    {returns}
{notes}
Examples
--------
>>> import jaxwrap.scipy.special as sp
{example}
"""


def _make(name, real, cplx, deriv, summary, returns, example, *, argname="x",
          notes="", to_complex=False):
    real_f = with_jvp(real, deriv) if real is not None else None
    cplx_f = with_jvp(cplx, deriv) if cplx is not None else None

    # the argument keeps its public name (ndtri(p=...), wofz(z=...)), as in jax
    sig = inspect.Signature([inspect.Parameter(argname, inspect.Parameter.POSITIONAL_OR_KEYWORD)])

    def fn(*args, **kwargs):
        (x,) = sig.bind(*args, **kwargs).args
        (x,), dt, weak = promote(name, (argname,), (x,), complex_ok=cplx is not None,
                                 to_complex=to_complex)
        f = cplx_f if _kind(x.dtype) == "complex" else real_f
        return finish(f(x), dt, weak)

    fn.__signature__ = sig
    fn.__name__ = fn.__qualname__ = name
    param = f"{argname} : array_like\n    {'Real or complex' if cplx else 'Real'} argument."
    fn.__doc__ = _doc(summary, param, returns, example, notes)
    return public(fn)


# --- derivatives (x, ans) -> d ans / dx ----------------------------------------------------------
def _gauss(x):
    """exp(-x^2), accurate for real and complex x."""
    return C.exp_neg_sq(x) if _kind(x.dtype) == "complex" else R.exp_neg_sq(x)


def _d_erf(x, ans):
    return L.mul(_gauss(x), c(x, 2 / SQRT_PI))


def _d_erfc(x, ans):
    return L.mul(_gauss(x), c(x, -2 / SQRT_PI))


def _d_erfcx(x, ans):  # 2 x erfcx(x) - 2/sqrt(pi)
    direct = L.sub(L.mul(L.mul(x, ans), c(x, 2.0)), c(x, 2 / SQRT_PI))
    if _kind(x.dtype) == "complex":
        return direct
    # The difference cancels for large x (relative error ~ eps x^2); past x = 100 use
    # its asymptotic series -1/(sqrt(pi) x^2) (1 - 3/(2x^2) + 15/(4x^4) - 105/(8x^6))
    # (DLMF 7.12.1 differentiated), whose next term is below 1e-18 relative there.
    big = L.gt(x, c(x, 100.0))
    xs = L.max(x, c(x, 100.0))  # the series is only used (and only safe) past 100
    u = L.div(c(x, 1.0), L.mul(xs, xs))
    poly = L.add(c(x, 1.0), L.mul(u, L.add(c(x, -1.5), L.mul(u, L.add(c(x, 3.75),
                                                                      L.mul(u, c(x, -13.125)))))))
    asym = L.mul(L.mul(poly, u), c(x, -1 / SQRT_PI))
    return L.select_n(big, direct, asym)


def _d_erfi(x, ans):  # 2/sqrt(pi) exp(x^2)
    e = L.div(c(x, 1.0), C.exp_neg_sq(x)) if _kind(x.dtype) == "complex" else R.exp_sq(x)
    return L.mul(e, c(x, 2 / SQRT_PI))


def _d_dawsn(x, ans):  # 1 - 2 x F(x)
    return L.sub(c(x, 1.0), L.mul(L.mul(x, ans), c(x, 2.0)))


def _d_wofz(z, ans):  # -2 z w(z) + 2i/sqrt(pi)
    return L.add(L.mul(L.mul(z, ans), c(z, -2.0)), c(z, 2j / SQRT_PI))


def _d_ndtr(x, ans):
    if _kind(x.dtype) == "complex":
        return L.mul(C.exp_neg_sq(L.mul(x, c(x, R.INV_SQRT2))), c(x, 1 / math.sqrt(2 * math.pi)))
    return L.mul(R.exp_neg_sq(x, 0.5), c(x, 1 / math.sqrt(2 * math.pi)))


def _d_log_ndtr(x, ans):
    if _kind(x.dtype) == "complex":  # phi(x) / Phi(x) = exp(-x^2/2 - log Phi(x)) / sqrt(2 pi)
        e = L.sub(L.mul(L.mul(x, x), c(x, -0.5)), ans)
        return L.mul(L.exp(e), c(x, 1 / math.sqrt(2 * math.pi)))
    return R.mills_inv(x)


def _d_ndtri(p, x):  # 1/phi(x)
    return L.mul(R.exp_sq(L.mul(x, c(x, R.INV_SQRT2))), c(x, math.sqrt(2 * math.pi)))


def _d_ndtri_exp(y, x):  # Phi(x)/phi(x)
    return L.div(c(x, 1.0), R.mills_inv(x))


def _d_erfinv(y, x):
    return L.mul(R.exp_sq(x), c(x, SQRT_PI / 2))


def _d_erfcinv(y, x):
    return L.mul(R.exp_sq(x), c(x, -SQRT_PI / 2))


# --- the table --------------------------------------------------------------------------------
erf = _make(
    "erf", R.erf, C.erf, _d_erf, "The error function, 2/sqrt(pi) * integral of exp(-t**2) "
    "from 0 to x.", "erf(x), in (-1, 1) for real x.", ">>> round(sp.erf(0.5).item(), 6)\n0.5205")
erfc = _make(
    "erfc", R.erfc, C.erfc, _d_erfc, "The complementary error function, 1 - erf(x).",
    "erfc(x), accurate relative to its own size in the right tail.",
    ">>> round(float(sp.erfc(1.0)), 6)\n0.157299")
erfcx = _make(
    "erfcx", lambda x: R.erfcx(x), C.erfcx, _d_erfcx,
    "The scaled complementary error function, exp(x**2) * erfc(x).",
    "erfcx(x); about 1/(x sqrt(pi)) for large x (never underflows to 0).",
    ">>> round(sp.erfcx(10.0).item(), 6)\n0.056141")
erfi = _make(
    "erfi", X.erfi_real, C.erfi, _d_erfi, "The imaginary error function, -i erf(i x).",
    "erfi(x).", ">>> round(sp.erfi(1.0).item(), 6)\n1.650426")
dawsn = _make(
    "dawsn", X.dawsn_real, C.dawsn, _d_dawsn,
    "Dawson's integral, exp(-x**2) * integral of exp(t**2) from 0 to x.",
    "F(x) = sqrt(pi)/2 exp(-x**2) erfi(x).", ">>> round(sp.dawsn(1.0).item(), 6)\n0.53808")
wofz = _make(
    "wofz", None, C.wofz, _d_wofz, "The Faddeeva function w(z) = exp(-z**2) erfc(-i z).",
    "w(z), complex (real arguments are promoted to complex).",
    ">>> w = sp.wofz(1j)\n>>> round(float(w.real), 6), round(float(w.imag), 6)\n(0.427584, 0.0)",
    argname="z", to_complex=True,
    notes="Weideman's rational approximation (1994) for |z| < 7 and the Laplace continued\n"
          "fraction outside, in the upper half-plane; w(z) = 2 exp(-z**2) - w(-z) below it.")
ndtr = _make(
    "ndtr", R.ndtr, N.ndtr, _d_ndtr,
    "The standard normal distribution function, the integral of the Gaussian density "
    "from -inf to x.", "Phi(x), accurate relative to its size in the left tail.",
    ">>> float(sp.ndtr(0.0))\n0.5")
log_ndtr_ = _make(
    "log_ndtr", R.log_ndtr, N.log_ndtr, _d_log_ndtr, "The logarithm of the standard normal "
    "distribution function.", "log Phi(x); exact to rounding in both tails.",
    ">>> round(sp.log_ndtr(-40.0).item(), 3)\n-804.608")
ndtri = _make(
    "ndtri", I.ndtri, None, _d_ndtri, "The inverse of the standard normal distribution "
    "function.", "x with Phi(x) = p; NaN outside [0, 1].",
    ">>> round(sp.ndtri(0.975).item(), 6)\n1.959964", argname="p")
ndtri_exp = _make(
    "ndtri_exp", I.ndtri_exp, None, _d_ndtri_exp, "The inverse of log_ndtr.",
    "x with log Phi(x) = y; NaN for y > 0.", ">>> round(sp.ndtri_exp(-1e4).item(), 4)\n-141.3798",
    argname="y")
erfinv = _make(
    "erfinv", I.erfinv, None, _d_erfinv, "The inverse of the error function.",
    "The y with erf(y) = x; NaN outside [-1, 1].",
    ">>> round(sp.erfinv(0.5).item(), 6)\n0.476936", argname="x")  # jax calls it x (scipy: y)
erfcinv = _make(
    "erfcinv", I.erfcinv, None, _d_erfcinv, "The inverse of the complementary error "
    "function.", "x with erfc(x) = y; NaN outside [0, 2].",
    ">>> round(sp.erfcinv(1e-10).item(), 6)\n4.572825", argname="y")


def log_ndtr(x, series_order=3):
    if not isinstance(series_order, int) or isinstance(series_order, bool):
        raise TypeError(f"log_ndtr(): series_order must be a Python int, got "
                        f"{type(series_order).__name__}")
    if not 0 <= series_order <= 30:
        raise ValueError(f"log_ndtr(): series_order must be in [0, 30], got {series_order}")
    return log_ndtr_(x)


log_ndtr.__doc__ = log_ndtr_.__doc__.replace(
    "    Real or complex argument.\n",
    "    Real or complex argument.\nseries_order : int, optional\n    Accepted for jax.scipy.special "
    "compatibility (0 to 30); the result does not\n    depend on it: both tails use erfcx, "
    "not an asymptotic series.\n", 1)


# --- functions of several arguments / results: closed-form partial derivatives -------------
def _fresnel_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    out = _fresnel_k(x)
    phase = L.mul(L.mul(x, x), c(x, math.pi / 2))  # dS = sin(pi x^2/2), dC = cos(...)
    return out, (L.mul(t, L.sin(phase)), L.mul(t, L.cos(phase)))


def _fresnel_any(x):
    return FC.fresnel(x) if _kind(x.dtype) == "complex" else X.fresnel(x)


_fresnel_k = jax.custom_jvp(_fresnel_any)
_fresnel_k.defjvp(_fresnel_jvp)


def _owens_jvp(primals, tangents):
    (h, a), (th, ta) = primals, tangents
    out = _owens_k(h, a)
    # dT/dh = -phi(h) (Phi(ah) - 1/2) = -phi(h) erf(ah/sqrt2)/2
    dh = L.mul(L.mul(R.exp_neg_sq(h, 0.5), R.erf(L.mul(L.mul(a, h), c(h, R.INV_SQRT2)))),
               c(h, -0.5 / math.sqrt(2 * math.pi)))
    # dT/da = exp(-h^2 (1 + a^2)/2) / (2 pi (1 + a^2))
    a2 = L.add(c(a, 1.0), L.mul(a, a))
    da = L.div(L.mul(R.exp_neg_sq(h, 0.5), R.exp_neg_sq(L.mul(h, a), 0.5)),
               L.mul(a2, c(a, 2 * math.pi)))
    return out, L.add(L.mul(th, dh), L.mul(ta, da))


_owens_k = jax.custom_jvp(X.owens_t)
_owens_k.defjvp(_owens_jvp)


# --- functions of several arguments / several results (``_errfun_extra``) ---------------------
@public
def fresnel(x):
    """The Fresnel integrals S(x) and C(x).

    S(x) is the integral of sin(pi t**2 / 2) and C(x) of cos(pi t**2 / 2)
    from 0 to x.

    Parameters
    ----------
    x : array_like
        Real or complex argument.

    Returns
    -------
    S, C : tuple of jax.Array
        The two integrals (scipy's order), odd in x, both tending to 1/2 along the
        positive real axis (entire functions of complex x).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> s, c = sp.fresnel(1.0)
    >>> round(s.item(), 6), round(c.item(), 6)
    (0.438259, 0.779893)
    """
    (x,), dt, weak = promote("fresnel", ("x",), (x,), complex_ok=True)
    return finish(_fresnel_k(x), dt, weak)


@public
def voigt_profile(x, sigma, gamma):
    """The Voigt profile: a normal density of standard deviation ``sigma``
    convolved with a Cauchy density of half width ``gamma``.

    Parameters
    ----------
    x : array_like
        Real argument.
    sigma : array_like
        Standard deviation of the normal part.
    gamma : array_like
        Half width at half maximum of the Cauchy part.

    Returns
    -------
    jax.Array
        Re w((x + i gamma)/(sigma sqrt 2)) / (sigma sqrt(2 pi)); the Cauchy
        density when sigma = 0, the normal density when gamma = 0.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.voigt_profile(1.0, 1.0, 1.0).item(), 6)
    0.165796
    """
    (x, s, g), dt, weak = promote("voigt_profile", ("x", "sigma", "gamma"), (x, sigma, gamma))
    return finish(X.voigt_profile(x, s, g), dt, weak)


@public
def owens_t(h, a):
    """Owen's T function, T(h, a) = 1/(2 pi) * integral from 0 to a of
    exp(-h**2 (1 + x**2) / 2) / (1 + x**2).

    Parameters
    ----------
    h : array_like
        Real argument.
    a : array_like
        Real argument.

    Returns
    -------
    jax.Array
        T(h, a).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.owens_t(0.5, 1.0).item(), 6)
    0.106671
    """
    (h, a), dt, weak = promote("owens_t", ("h", "a"), (h, a))
    return finish(_owens_k(h, a), dt, weak)
