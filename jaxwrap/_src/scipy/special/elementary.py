"""scipy.special's elementary functions: cbrt, exp2, exp10, expm1, log1p,
cosm1, powm1, exprel, the degree-argument trigonometric functions (sindg,
cosdg, tandg, cotdg), radian, round, diric and agm.

Accuracy notes:

* exp10: ``x ln 10`` is formed as an unevaluated sum ``p + e`` (Dekker's
  exact product, Dekker 1971) and ``exp(p) (1 + e)``; integer powers of ten
  that are exact in the dtype are returned exactly.  exp2: ``2**n exp(f ln 2)``
  with ``n = round(x)``, so integer arguments are exact.
* degree functions: the argument is reduced exactly (``fmod`` by 360, then
  by multiples of 90 to [-45, 45]) before conversion to radians, so multiples
  of 90 give exact zeros / ones / infinities and ``tandg(45) == 1`` like scipy.
* cosm1 is ``-2 sin(x/2)**2``; powm1 is ``expm1(y log x)`` while that is
  below 1/2 in magnitude and ``x**y - 1`` beyond; exprel is
  ``expm1(x) / x`` (``exp(x/2) (exp(x/2) / x)`` above 700, no overflow).
* agm iterates a static number of times: the log of the ratio of the two
  means halves at each step (at most 11 steps from the widest float64 ratio
  2**2100 to a ratio of 2), then convergence is quadratic (5 more steps to
  2**-53): 20 steps in float64, 14 in float32.
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from ...control import fori_loop
from ...numpy import _util
from ...numpy._util import public
from . import _elem_util as U

__all__ = [
    "agm", "cbrt", "cosdg", "cosm1", "cotdg", "diric", "exp10", "exp2", "expm1", "exprel",
    "log1p", "powm1", "radian", "round", "sinc", "sindg", "tandg",
]

# scipy.special.sinc is numpy.sinc (the normalized sinc, sin(pi x) / (pi x)).
from jaxwrap._src.numpy.numeric import sinc as sinc  # noqa: E402


def _jnp():
    import jaxwrap.numpy as jnp
    return jnp


def _where(cond, x, y):
    return _util.where(cond, x, y)


def _doc(summary, params, returns, example):
    return f"""{summary}

Parameters
----------
{params}

Returns
-------
jax.Array
    {returns}

Examples
--------
>>> import jaxwrap.scipy.special as sp
{example}
"""


# --- exponentials and logarithms ------------------------------------------------------------
def _two_prod(x, c_hi: float, c_lo: float):
    """(p, e) with p + e = x * (c_hi + c_lo) to about twice the working precision
    (Dekker's splitting; |x| must be small enough for x * 2**27 not to overflow)."""
    t = 134217729.0 if U.is_f64(x) else 4097.0  # 2**27 + 1 / 2**12 + 1
    p = L.mul(x, U.c(x, c_hi))
    xs = L.mul(x, U.c(x, t))
    xh = L.sub(xs, L.sub(xs, x))
    xl = L.sub(x, xh)
    ch = float(np.asarray(c_hi * t, x.dtype) - (np.asarray(c_hi * t, x.dtype) - np.asarray(c_hi, x.dtype)))
    cl = float(np.asarray(c_hi, x.dtype) - np.asarray(ch, x.dtype))
    e = L.add(L.add(L.add(L.sub(L.mul(xh, U.c(x, ch)), p), L.mul(xh, U.c(x, cl))),
                    L.mul(xl, U.c(x, ch))), L.mul(xl, U.c(x, cl)))
    return p, L.add(e, L.mul(x, U.c(x, c_lo)))


# ln 10 as a sum of two floats of each dtype (from mpmath at 50 digits)
_LN10 = {np.dtype(np.float64): (2.302585092994046, -2.1707562233822494e-16),
         np.dtype(np.float32): (2.3025851249694824, -3.1975435632602967e-08)}
# largest k with 10**k exact in the dtype
_EXACT_POW10 = {np.dtype(np.float64): 22, np.dtype(np.float32): 10}


@public
@U.elementwise("exp10", ("x",))
def exp10(x):
    dt = U.real_dtype(x)
    hi, lo = _LN10[dt]
    xc = L.clamp(U.c(x, -400.0), x, U.c(x, 400.0))  # beyond: 0 or inf anyway; no overflow in the split
    p, e = _two_prod(xc, hi, lo)
    ep = L.exp(p)
    v = _where(_jnp().isinf(ep), ep, L.add(ep, L.mul(ep, e)))
    v = _where(L.gt(x, U.c(x, 400.0)), U.c(x, np.inf), v)
    kmax = _EXACT_POW10[dt]
    table = np.asarray([10.0 ** k for k in range(kmax + 1)], dt)
    exact = _jnp().logical_and(L.eq(L.floor(x), x),
                               _jnp().logical_and(L.ge(x, U.c(x, 0)), L.le(x, U.c(x, kmax))))
    idx = L.convert_element_type(L.clamp(U.c(x, 0), _where(exact, x, U.c(x, 0)), U.c(x, kmax)),
                                 np.int32, False)
    v = _where(exact, _jnp().take(table, idx), v)
    return _where(_jnp().isnan(x), x, v)


exp10.__doc__ = _doc("Compute ``10**x`` elementwise.", "x : array_like\n    Real argument.",
                     "``10**x``; exact at integer powers representable in the dtype.",
                     ">>> sp.exp10(3.0).item()\n1000.0")


@public
@U.elementwise("exp2", ("x",))
def exp2(x):
    np_ = _jnp()
    xc = L.clamp(U.c(x, -1200.0), x, U.c(x, 1200.0))
    n = np_.rint(xc)
    f = L.sub(xc, n)
    v = np_.ldexp(L.exp(L.mul(f, U.c(x, math.log(2)))), L.convert_element_type(n, np.int32, False))
    return _where(np_.isnan(x), x, v)


exp2.__doc__ = _doc("Compute ``2**x`` elementwise.", "x : array_like\n    Real argument.",
                    "``2**x``; exact at integers.", ">>> sp.exp2(10.0).item()\n1024.0")


@public
@U.elementwise("expm1", ("x",), complex_ok=True)
def expm1(x):
    return _jnp().expm1(x)


expm1.__doc__ = _doc("Compute ``exp(x) - 1`` accurately for small ``x``.",
                     "x : array_like\n    Real or complex argument.", "``exp(x) - 1``.",
                     ">>> round(float(sp.expm1(1e-10) / 1e-10), 5)\n1.0")


@public
@U.elementwise("log1p", ("x",), complex_ok=True)
def log1p(x):
    return _jnp().log1p(x)


log1p.__doc__ = _doc("Compute ``log(1 + x)`` accurately for small ``x``.",
                     "x : array_like\n    Real or complex argument.", "``log(1 + x)``.",
                     ">>> round(float(sp.log1p(1e-10) / 1e-10), 5)\n1.0")


@public
@U.elementwise("cbrt", ("x",))
def cbrt(x):
    return L.cbrt(x)


cbrt.__doc__ = _doc("Real cube root.", "x : array_like\n    Real argument.",
                    "The real cube root of ``x`` (negative for negative ``x``).",
                    ">>> sp.cbrt(-27.0).item()\n-3.0")


@public
@U.elementwise("cosm1", ("x",))
def cosm1(x):
    s = L.sin(L.mul(x, U.c(x, 0.5)))
    return L.mul(U.c(x, -2.0), L.mul(s, s))


cosm1.__doc__ = _doc("Compute ``cos(x) - 1`` accurately for small ``x``.",
                     "x : array_like\n    Real argument (radians).", "``cos(x) - 1``.",
                     ">>> float(sp.cosm1(1e-5) / 1e-11)  # about -5: no cancellation\n-4.99...")


@public
@U.elementwise("powm1", ("x", "y"))
def powm1(x, y):
    np_ = _jnp()
    pos = L.gt(x, U.c(x, 0))
    z = L.mul(y, L.log(_where(pos, x, U.c(x, 1))))
    small = np_.logical_and(pos, L.lt(L.abs(z), U.c(z, 0.5)))
    near = L.expm1(_where(small, z, U.c(z, 0)))
    far = L.sub(L.pow(x, y), U.c(x, 1))
    v = _where(small, near, far)
    zero = np_.logical_or(L.eq(y, U.c(y, 0)), L.eq(x, U.c(x, 1)))
    return _where(zero, U.c(v, 0), v)


powm1.__doc__ = _doc(
    "Compute ``x**y - 1`` accurately when ``x**y`` is close to 1.",
    "x : array_like\n    Base (negative bases need integer ``y``, else NaN).\n"
    "y : array_like\n    Exponent.",
    "``x**y - 1``; 0 where ``y == 0`` or ``x == 1``.", ">>> sp.powm1(2.0, 3.0).item()\n7.0")


@public
@U.elementwise("exprel", ("x",))
def exprel(x):
    zero = L.eq(x, U.c(x, 0))
    xs = _where(zero, U.c(x, 1), x)
    v = L.div(L.expm1(xs), xs)
    big = L.gt(x, U.c(x, 700.0 if U.is_f64(x) else 85.0))
    h = L.exp(L.mul(xs, U.c(x, 0.5)))
    v = _where(big, L.mul(h, L.div(h, xs)), v)
    v = _where(L.eq(x, U.c(x, np.inf)), x, v)
    return _where(zero, U.c(x, 1), v)


exprel.__doc__ = _doc("Relative error exponential ``(exp(x) - 1) / x`` (1 at 0).",
                      "x : array_like\n    Real argument.", "``(exp(x) - 1) / x``.",
                      ">>> sp.exprel(0.0).item()\n1.0")


# --- degrees -------------------------------------------------------------------------------------
_DEG = {np.dtype(np.float64): (0.017453292519943295, 2.9486522708701687e-19),
        np.dtype(np.float32): (0.01745329238474369, 1.3519960151420207e-10)}


def _reduce_degrees(x):
    """(y, j): x = y + 90 j (mod 360) exactly, y in [-45, 45], j in {0, 1, 2, 3}."""
    np_ = _jnp()
    r = np_.fmod(x, U.c(x, 360.0))
    q = np_.rint(L.div(r, U.c(r, 90.0)))
    y = L.sub(r, L.mul(q, U.c(q, 90.0)))
    j = L.sub(q, L.mul(L.floor(L.div(q, U.c(q, 4.0))), U.c(q, 4.0)))
    return y, j


def _sin_cos_deg(y):
    hi, lo = _DEG[U.real_dtype(y)]
    t = L.add(L.mul(y, U.c(y, hi)), L.mul(y, U.c(y, lo)))
    return L.sin(t), L.cos(t)


def _quadrant(j, vals):
    """vals[j] for j in {0, 1, 2, 3} (float j)."""
    out = vals[3]
    for k in (2, 1, 0):
        out = _where(L.eq(j, U.c(j, k)), vals[k], out)
    return out


def _tan_cot(x, cot: bool):
    y, j = _reduce_degrees(x)
    s, c = _sin_cos_deg(y)
    odd = _jnp().logical_or(L.eq(j, U.c(j, 1)), L.eq(j, U.c(j, 3)))
    use_cs = odd if not cot else _jnp().logical_not(odd)
    # tan: s/c on even quadrants, -c/s on odd ones; cot the reciprocal
    num = _where(use_cs, L.neg(c), s) if not cot else _where(use_cs, c, L.neg(s))
    den = _where(use_cs, s, c)
    at0 = L.eq(y, U.c(y, 0))
    q = L.div(num, _where(_jnp().logical_and(use_cs, at0), U.c(y, 1), den))
    q = _where(_jnp().logical_and(use_cs, at0), U.c(y, np.inf), q)  # poles: +inf like scipy
    # tan(45 deg) is exactly +-1: fix the value, keep the derivative of the formula
    at45 = L.eq(L.abs(y), U.c(y, 45.0))
    sgn = L.sign(y)
    exact = _where(odd, L.neg(sgn), sgn)
    return L.add(q, _where(at45, L.sub(exact, U.stop_gradient(q)), U.c(q, 0)))


@public
@U.elementwise("sindg", ("x",))
def sindg(x):
    y, j = _reduce_degrees(x)
    s, c = _sin_cos_deg(y)
    return _quadrant(j, (s, c, L.neg(s), L.neg(c)))


@public
@U.elementwise("cosdg", ("x",))
def cosdg(x):
    y, j = _reduce_degrees(x)
    s, c = _sin_cos_deg(y)
    return _quadrant(j, (c, L.neg(s), L.neg(c), s))


@public
@U.elementwise("tandg", ("x",))
def tandg(x):
    return _tan_cot(x, False)


@public
@U.elementwise("cotdg", ("x",))
def cotdg(x):
    return _tan_cot(x, True)


for _f, _what, _ex in ((sindg, "Sine", ">>> sp.sindg(90.0).item()\n1.0"),
                       (cosdg, "Cosine", ">>> sp.cosdg(60.0).item()\n0.5"),
                       (tandg, "Tangent", ">>> sp.tandg(45.0).item()\n1.0"),
                       (cotdg, "Cotangent", ">>> sp.cotdg(45.0).item()\n1.0")):
    _f.__doc__ = _doc(f"{_what} of an angle in degrees.",
                      "x : array_like\n    Angle in degrees (reduced exactly modulo 360).",
                      f"{_what.lower()} of ``x`` degrees; exact at multiples of 90 degrees "
                      "(and 45 for tandg/cotdg), ``inf`` at poles.", _ex)


@public
@U.elementwise("radian", ("d", "m", "s"))
def radian(d, m, s):
    hi, lo = _DEG[U.real_dtype(d)]
    deg = L.add(d, L.add(L.div(m, U.c(m, 60.0)), L.div(s, U.c(s, 3600.0))))
    return L.add(L.mul(deg, U.c(deg, hi)), L.mul(deg, U.c(deg, lo)))


radian.__doc__ = _doc("Convert degrees, arcminutes and arcseconds to radians.",
                      "d : array_like\n    Degrees.\nm : array_like\n    Arcminutes.\n"
                      "s : array_like\n    Arcseconds.",
                      "the angle in radians.", ">>> round(sp.radian(180, 0, 0).item(), 6)\n3.141593")


@public
@U.elementwise("round", ("x",))
def round(x):  # noqa: A001  (scipy's name)
    return _jnp().rint(x)


round.__doc__ = _doc("Round to the nearest integer; halves go to the even integer.",
                     "x : array_like\n    Real argument.", "``x`` rounded (as a float).",
                     ">>> sp.round(2.5).item(), sp.round(3.5).item()\n(2.0, 4.0)")


# --- diric ---------------------------------------------------------------------------------------
@public
@U.elementwise("diric", ("x", "n"))
def diric(x, n):
    np_ = _jnp()
    bad = np_.logical_or(L.le(n, U.c(n, 0)), L.ne(L.floor(n), n))
    half = L.mul(x, U.c(x, 0.5))
    sh = L.sin(half)
    tol = U.c(x, 1e-11 if U.is_f64(x) else 1e-7)  # below it: the limit at x = 2 pi k
    at_pole = L.lt(L.abs(sh), tol)
    v = L.div(L.sin(L.mul(n, half)), L.mul(n, _where(at_pole, U.c(sh, 1), sh)))
    k = np_.rint(L.div(x, U.c(x, 2 * math.pi)))
    odd = L.eq(np_.fmod(L.mul(k, L.sub(n, U.c(n, 1))), U.c(n, 2)), U.c(n, 0))
    lim = _where(odd, U.c(x, 1), U.c(x, -1))
    v = _where(at_pole, lim, v)
    return _where(bad, U.c(v, np.nan), v)


diric.__doc__ = _doc(
    "Periodic sinc (Dirichlet kernel) ``sin(n x / 2) / (n sin(x / 2))``.",
    "x : array_like\n    Argument.\nn : array_like\n    Positive integer order (NaN otherwise).",
    "the kernel; ``(-1)**(k (n - 1))`` at ``x = 2 pi k``.",
    ">>> sp.diric(0.0, 3).item()\n1.0")


# --- agm -------------------------------------------------------------------------------------------
_AGM_STEPS = {np.dtype(np.float64): 20, np.dtype(np.float32): 14}


def agm_positive(a, b):
    """AGM of positive finite a, b (a static number of steps, see the module notes)."""
    def body(_, ab):
        x, y = ab
        return (L.add(L.mul(x, U.c(x, 0.5)), L.mul(y, U.c(y, 0.5))),
                L.mul(L.sqrt(x), L.sqrt(y)))
    return fori_loop(0, _AGM_STEPS[U.real_dtype(a)], body, (a, b))[0]


@public
@U.elementwise("agm", ("a", "b"))
def agm(a, b):
    np_ = _jnp()
    aa, ab = L.abs(a), L.abs(b)
    ok = np_.logical_and(np_.logical_and(L.gt(aa, U.c(a, 0)), L.gt(ab, U.c(b, 0))),
                         np_.logical_and(L.is_finite(a), L.is_finite(b)))
    one = U.c(a, 1)
    v = agm_positive(_where(ok, aa, one), _where(ok, ab, one))
    has_zero = np_.logical_or(L.eq(a, U.c(a, 0)), L.eq(b, U.c(b, 0)))
    has_inf = np_.logical_or(np_.isinf(a), np_.isinf(b))
    v = _where(has_inf, U.c(v, np.inf), v)
    v = _where(has_zero, _where(has_inf, U.c(v, np.nan), U.c(v, 0)), v)
    v = L.mul(v, L.sign(a))
    opposite = L.lt(L.mul(L.sign(a), L.sign(b)), U.c(a, 0))
    return _where(np_.logical_or(opposite, np_.logical_or(np_.isnan(a), np_.isnan(b))),
                  U.c(v, np.nan), v)


agm.__doc__ = _doc("Arithmetic-geometric mean of ``a`` and ``b``.",
                   "a, b : array_like\n    Real arguments of the same sign (NaN otherwise).",
                   "the common limit of the arithmetic and geometric mean iteration.",
                   ">>> round(sp.agm(1.0, 2.0).item(), 6)\n1.456791")
