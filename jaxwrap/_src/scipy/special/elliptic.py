"""scipy.special's elliptic integrals and Jacobi elliptic functions: ellipk,
ellipkm1, ellipe, ellipkinc, ellipeinc, ellipj and Carlson's symmetric
integrals elliprc, elliprd, elliprf, elliprg, elliprj (real arguments; complex ones for
elliprc/rd/rf/rg in ``_carlson_complex``, for elliprj in ``_carlson_rj_complex``).

Methods (references, not code, are the sources):

* complete K: ``pi / (2 AGM(1, sqrt(1 - m)))`` (DLMF 19.8.5), with ``1 - m``
  passed directly by ellipkm1 so tiny ``p`` keeps its precision;
* complete E: ``E(m) = (p/3) (R_D(0, p, 1) + R_D(0, 1, p))`` with ``p = 1 - m``
  (DLMF 19.25.1): both terms positive, no cancellation near m = 1;
* incomplete F, E: Carlson's forms (DLMF 19.25.5, 19.25.7, and for
  0 < m <= 1 the all-positive form 19.25.10), after reducing phi to
  [-pi/2, pi/2] with the quasi-periodicity F(phi + n pi) = F(phi) + 2 n K(m);
* R_F, R_D, R_J: Carlson's duplication theorem with his fifth-order series
  (B. C. Carlson, "Numerical computation of real or complex elliptic
  integrals", Numer. Algorithms 10 (1995)), iterated a *static* number of
  times (see _DUP_STEPS); R_C in closed form (DLMF 19.2.17-19.2.20);
  R_G from R_F and R_D with the median argument last (Carlson 1995, eq. 1.?:
  all terms non-negative); R_J's Cauchy principal value for p < 0 by
  Carlson 1995 eq. (4.5)'s transformation to a positive parameter;
* ellipj: descending Landen transformation via the AGM (Abramowitz & Stegun 16.4).
"""

from __future__ import annotations

import math

import jax
import numpy as np

from ... import lax as L
from ...control import fori_loop
from ...numpy import _util
from ...numpy._util import public
from . import _carlson_complex as _CC
from . import _elem_util as U
from .elementary import agm_positive

__all__ = ["ellipe", "ellipeinc", "ellipj", "ellipk", "ellipkinc", "ellipkm1", "elliprc",
           "elliprd", "elliprf", "elliprg", "elliprj"]


def _jnp():
    import jaxwrap.numpy as jnp
    return jnp


def _where(c, x, y):
    return _util.where(c, x, y)


def _or(*cs):
    out = cs[0]
    for c in cs[1:]:
        out = _jnp().logical_or(out, c)
    return out


def _and(*cs):
    out = cs[0]
    for c in cs[1:]:
        out = _jnp().logical_and(out, c)
    return out


def _doc(summary, params, returns, example):
    return f"""{summary}

Parameters
----------
{params}

Returns
-------
{returns}

Examples
--------
>>> import jaxwrap.scipy.special as sp
{example}
"""


# --- Carlson's duplication ---------------------------------------------------------------------
# Each duplication step moves the arguments to their common mean: once their ratio is
# O(1) the relative spread shrinks by 4 per step, and Carlson's fifth-order series
# leaves an error of about spread**6, so from spread 1 it takes log4(eps**(-1/6)) ~ 4.5
# steps (float64; ~2 in float32).  Before that, arguments of very different size
# approach each other doubly exponentially (the ratio is roughly square-rooted per
# step): 11 steps from a ratio of 2**2100 (the float64 range including subnormals) to
# O(1).  Measured against mpmath, 16 steps (float64) and 10 (float32) reach full
# accuracy over the whole range; two more are taken for margin.
_DUP_STEPS = {np.dtype(np.float64): 18, np.dtype(np.float32): 12}


@jax.custom_jvp
def _sqrt0(x):
    """sqrt whose derivative at 0 is taken as 0: Carlson's iterations start from zero
    arguments (ellipe's R_D(0, p, 1)) that are constants, and sqrt's 1/(2 sqrt 0) times
    their zero tangent would be NaN."""
    return L.sqrt(x)


@_sqrt0.defjvp
def _sqrt0_jvp(primals, tangents):
    (x,), (dx,) = primals, tangents
    y = L.sqrt(x)
    pos = L.gt(y, U.c(y, 0))
    d = L.div(dx, L.mul(U.c(y, 2), _util.where(pos, y, U.c(y, 1))))
    return y, _util.where(pos, d, U.c(d, 0))


def _quarter(v, lam):
    return L.add(L.mul(v, U.c(v, 0.25)), L.mul(lam, U.c(v, 0.25)))


def _lambda(x, y, z):
    sqrt = L.sqrt if U.is_complex(x) else _sqrt0  # complex: principal roots (_carlson_complex)
    sx, sy, sz = sqrt(x), sqrt(y), sqrt(z)
    return L.add(L.add(L.mul(sx, sy), L.mul(sx, sz)), L.mul(sy, sz)), (sx, sy, sz)


def _rf_core(x, y, z):
    """R_F for x, y, z >= 0 with at most one zero (no checks)."""
    n = _DUP_STEPS[U.real_dtype(x)]

    def body(_, s):
        x, y, z = s
        lam, _sq = _lambda(x, y, z)
        return _quarter(x, lam), _quarter(y, lam), _quarter(z, lam)

    x, y, z = fori_loop(0, n, body, (x, y, z))
    third = U.c(x, 1 / 3)
    a = L.add(L.add(L.mul(x, third), L.mul(y, third)), L.mul(z, third))
    X = L.div(L.sub(a, x), a)
    Y = L.div(L.sub(a, y), a)
    Z = L.neg(L.add(X, Y))
    e2 = L.sub(L.mul(X, Y), L.mul(Z, Z))
    e3 = L.mul(L.mul(X, Y), Z)
    # 1 - E2/10 + E3/14 + E2^2/24 - 3 E2 E3/44  (Carlson 1995, eq. 2.2)
    poly = L.add(L.add(L.sub(U.c(x, 1), L.mul(e2, U.c(x, 0.1))), L.mul(e3, U.c(x, 1 / 14))),
                 L.sub(L.mul(L.mul(e2, e2), U.c(x, 1 / 24)), L.mul(L.mul(e2, e3), U.c(x, 3 / 44))))
    return L.div(poly, L.sqrt(a))


def _rd_poly(e2, e3, e4, e5):
    # 1 - 3E2/14 + E3/6 + 9E2^2/88 - 3E4/22 - 9E2E3/52 + 3E5/26
    c = lambda v: U.c(e2, v)  # noqa: E731
    t = L.sub(c(1), L.mul(e2, c(3 / 14)))
    t = L.add(t, L.mul(e3, c(1 / 6)))
    t = L.add(t, L.mul(L.mul(e2, e2), c(9 / 88)))
    t = L.sub(t, L.mul(e4, c(3 / 22)))
    t = L.sub(t, L.mul(L.mul(e2, e3), c(9 / 52)))
    return L.add(t, L.mul(e5, c(3 / 26)))


def _rd_core(x, y, z):
    """R_D(x, y, z) for x, y >= 0 (at most one zero), z > 0 (no checks)."""
    n = _DUP_STEPS[U.real_dtype(x)]

    def body(_, s):
        x, y, z, acc, f = s
        lam, (_, _, sz) = _lambda(x, y, z)
        acc = L.add(acc, L.div(f, L.mul(sz, L.add(z, lam))))
        return _quarter(x, lam), _quarter(y, lam), _quarter(z, lam), acc, L.mul(f, U.c(f, 0.25))

    zero = _util.full_like(x, 0)
    x, y, z, acc, f = fori_loop(0, n, body, (x, y, z, zero, _util.full_like(x, 1)))
    a = L.add(L.add(L.mul(x, U.c(x, 0.2)), L.mul(y, U.c(x, 0.2))), L.mul(z, U.c(x, 0.6)))
    X = L.div(L.sub(a, x), a)
    Y = L.div(L.sub(a, y), a)
    Z = L.div(L.neg(L.add(X, Y)), U.c(x, 3))
    xy = L.mul(X, Y)
    z2 = L.mul(Z, Z)
    e2 = L.sub(xy, L.mul(U.c(x, 6), z2))
    e3 = L.mul(L.sub(L.mul(U.c(x, 3), xy), L.mul(U.c(x, 8), z2)), Z)
    e4 = L.mul(L.mul(U.c(x, 3), L.sub(xy, z2)), z2)
    e5 = L.mul(xy, L.mul(z2, Z))
    tail = L.div(L.mul(f, _rd_poly(e2, e3, e4, e5)), L.mul(a, L.sqrt(a)))
    return L.add(tail, L.mul(U.c(x, 3), acc))


def _rc_core(x, y):
    """R_C(x, y) for x >= 0, y != 0 (Cauchy principal value for y < 0), DLMF 19.2.17-19.2.20."""
    np_ = _jnp()
    neg = L.lt(y, U.c(y, 0))
    # y < 0: R_C(x, y) = sqrt(x / (x - y)) R_C(x - y, -y)
    xx = _where(neg, L.sub(x, y), x)
    yy = _where(neg, L.neg(y), y)
    scale = _where(neg, _sqrt0(L.div(x, _where(neg, L.sub(x, y), U.c(x, 1)))), U.c(x, 1))
    # with t = (y - x) / x ... use the ratio form: R_C(x, y) = g(x/y) / sqrt(y)
    r = L.div(xx, yy)  # in [0, inf)
    one = U.c(r, 1)
    d = L.sub(one, r)  # 1 - x/y
    lt = L.gt(d, U.c(d, 0))
    # x < y: acos(sqrt(x/y)) / sqrt(y - x) = atan(sqrt(d/r)) / sqrt(d) / sqrt(y)
    sd = _sqrt0(L.abs(d))
    sds = _where(L.eq(sd, U.c(sd, 0)), one, sd)
    g_lt = L.div(np_.arctan2(sd, _sqrt0(r)), sds)
    # x = y: g = 1, written as 1 + d/6 (its first-order term) to keep the derivative
    g_eq = L.add(one, L.mul(d, U.c(d, 1 / 6)))
    # x > y: acosh(sqrt(x/y)) / sqrt(x - y); for x/y < 2 as atanh(sqrt((r - 1)/r)) (r - 1 exact)
    rs = _where(L.eq(r, U.c(r, 0)), one, r)
    near = _and(L.lt(r, U.c(r, 2)), L.le(d, U.c(d, 0)))
    g_near = np_.arctanh(_sqrt0(L.div(_where(near, L.neg(d), U.c(d, 0)), rs)))
    g_far = np_.arccosh(_sqrt0(_where(L.lt(r, U.c(r, 2)), U.c(r, 2), rs)))
    g_gt = L.div(_where(L.lt(r, U.c(r, 2)), g_near, g_far), sds)
    g = _where(lt, g_lt, g_gt)
    g = _where(L.eq(d, U.c(d, 0)), g_eq, g)
    return L.mul(scale, L.div(g, _sqrt0(yy)))


def _rc1_complex(one, y):
    """R_C(1, y) for complex y = 1 + e: atan(sqrt e) / sqrt e (DLMF 19.2.19 continued to
    the plane cut along e <= -1; even in sqrt e, so either root), and for |e| < 1/16
    its series sum_k (-e)^k / (2k + 1), 14 terms (float64; 7 in float32: 16^-k below eps)."""
    e = L.sub(y, one)
    small = L.lt(L.abs(e), U.c(L.abs(e), 1 / 16))
    es = _where(small, e, U.c(e, 1))
    sq = L.sqrt(_where(small, U.c(e, 1), e))
    far = L.div(_jnp().arctan(sq), sq)
    terms = 14 if U.is_f64(e) else 7
    ser = U.c(e, 1 / (2 * terms - 1))
    for k in range(terms - 2, -1, -1):
        ser = L.add(U.c(e, 1 / (2 * k + 1)), L.mul(L.neg(es), ser))
    return _where(small, ser, far)


def _rj_core(x, y, z, p):
    """R_J(x, y, z, p) for x, y, z >= 0 (at most one zero), p > 0 (no checks); complex
    arguments in Carlson's domain (``_carlson_rj_complex``): principal square roots and
    the complex R_C."""
    n = _DUP_STEPS[U.real_dtype(x)]
    cplx = U.is_complex(x)
    sqrt = L.sqrt if cplx else _sqrt0
    rc = _rc1_complex if cplx else _rc_core
    a0 = L.mul(L.add(L.add(L.add(x, y), z), L.mul(U.c(p, 2), p)), U.c(x, 0.2))
    delta = L.mul(L.mul(L.sub(p, x), L.sub(p, y)), L.sub(p, z))

    def body(_, s):
        x, y, z, p, a, acc, f, f3 = s
        lam, (sx, sy, sz) = _lambda(x, y, z)
        sp = sqrt(p)
        d = L.mul(L.mul(L.add(sp, sx), L.add(sp, sy)), L.add(sp, sz))
        e = L.div(L.mul(f3, delta), L.mul(d, d))
        acc = L.add(acc, L.div(L.mul(f, rc(_util.full_like(e, 1), L.add(U.c(e, 1), e))), d))
        return (_quarter(x, lam), _quarter(y, lam), _quarter(z, lam), _quarter(p, lam),
                _quarter(a, lam), acc, L.mul(f, U.c(f, 0.25)), L.mul(f3, U.c(f3, 1 / 64)))

    zero = _util.full_like(x, 0)
    one = _util.full_like(x, 1)
    x, y, z, p, a, acc, f, _ = fori_loop(0, n, body, (x, y, z, p, a0, zero, one, one))
    X = L.div(L.sub(a, x), a)
    Y = L.div(L.sub(a, y), a)
    Z = L.div(L.sub(a, z), a)
    P = L.mul(L.neg(L.add(L.add(X, Y), Z)), U.c(x, 0.5))
    p2 = L.mul(P, P)
    xyz = L.mul(L.mul(X, Y), Z)
    e2 = L.sub(L.add(L.add(L.mul(X, Y), L.mul(X, Z)), L.mul(Y, Z)), L.mul(U.c(x, 3), p2))
    e3 = L.add(L.add(xyz, L.mul(L.mul(U.c(x, 2), e2), P)), L.mul(U.c(x, 4), L.mul(p2, P)))
    e4 = L.mul(L.add(L.add(L.mul(U.c(x, 2), xyz), L.mul(e2, P)), L.mul(U.c(x, 3), L.mul(p2, P))), P)
    e5 = L.mul(xyz, p2)
    tail = L.div(L.mul(f, _rd_poly(e2, e3, e4, e5)), L.mul(a, L.sqrt(a)))
    return L.add(tail, L.mul(U.c(x, 6), acc))


def _nonneg_ok(*vs):
    """All >= 0 and at most one of them zero."""
    zeros = None
    for v in vs:
        z = L.convert_element_type(L.eq(v, U.c(v, 0)), v.dtype, False)
        zeros = z if zeros is None else L.add(zeros, z)
    return _and(*(L.ge(v, U.c(v, 0)) for v in vs), L.le(zeros, U.c(zeros, 1)))


def _any_nan(*vs):
    return _or(*(_jnp().isnan(v) for v in vs))


def _any_inf(*vs):
    return _or(*(_jnp().isinf(v) for v in vs))


def _safe(ok, *vs):
    return tuple(_where(ok, v, U.c(v, 1)) for v in vs)


# --- Carlson's public functions --------------------------------------------------------------------
@public
@U.elementwise("elliprf", ("x", "y", "z"), complex_ok=True)
def elliprf(x, y, z):
    if U.is_complex(x):
        return _CC.elliprf(x, y, z)
    ok = _nonneg_ok(x, y, z)
    fin = _and(ok, _jnp().logical_not(_any_inf(x, y, z)))
    v = _rf_core(*_safe(fin, x, y, z))
    v = _where(fin, v, _where(ok, U.c(v, 0), U.c(v, np.inf)))  # an infinite argument: 0
    v = _where(_and(_jnp().logical_not(ok), _nonneg_ok_loose(x, y, z)), U.c(v, np.inf), v)
    return _where(_or(_any_nan(x, y, z), _negative(x, y, z)), U.c(v, np.nan), v)


def _negative(*vs):
    return _or(*(L.lt(v, U.c(v, 0)) for v in vs))


def _nonneg_ok_loose(*vs):
    return _and(*(L.ge(v, U.c(v, 0)) for v in vs))


elliprf.__doc__ = _doc(
    "Carlson's symmetric elliptic integral of the first kind R_F(x, y, z).",
    "x, y, z : array_like\n    Real, non-negative arguments; at most one may be 0.  Complex\n"
    "    arguments off the negative real axis are accepted (NaN on it, as in scipy).",
    "jax.Array\n    ``R_F``; ``inf`` when two arguments are 0, NaN for negative ones.",
    ">>> round(sp.elliprf(0.0, 1.0, 1.0).item(), 6)\n1.570796")


@public
@U.elementwise("elliprd", ("x", "y", "z"), complex_ok=True)
def elliprd(x, y, z):
    if U.is_complex(x):
        return _CC.elliprd(x, y, z)
    ok = _and(_nonneg_ok(x, y), L.gt(z, U.c(z, 0)))
    fin = _and(ok, _jnp().logical_not(_any_inf(x, y, z)))
    v = _rd_core(*_safe(fin, x, y, z))
    v = _where(fin, v, _where(ok, U.c(v, 0), U.c(v, np.inf)))
    return _where(_or(_any_nan(x, y, z), _negative(x, y, z)), U.c(v, np.nan), v)


elliprd.__doc__ = _doc(
    "Carlson's symmetric elliptic integral of the second kind R_D(x, y, z).",
    "x, y : array_like\n    Real, non-negative; at most one may be 0 (or complex, off the\n"
    "    negative real axis).\nz : array_like\n    Real, positive (or complex, nonzero).",
    "jax.Array\n    ``R_D``; ``inf`` at the singular points, NaN for negative arguments.",
    ">>> round(sp.elliprd(0.0, 2.0, 1.0).item(), 4)\n1.7972")


@public
@U.elementwise("elliprc", ("x", "y"), complex_ok=True)
def elliprc(x, y):
    if U.is_complex(x):
        return _CC.elliprc(x, y)
    ok = _and(L.ge(x, U.c(x, 0)), L.ne(y, U.c(y, 0)), L.is_finite(x), L.is_finite(y))
    xs, ys = _where(ok, x, U.c(x, 1)), _where(ok, y, U.c(y, 1))
    v = _rc_core(xs, ys)
    v = _where(ok, v, U.c(v, 0))  # an infinite argument: 0
    # y = 0 (R_C diverges) gives NaN, scipy's convention
    return _where(_or(_any_nan(x, y), L.lt(x, U.c(x, 0)), L.eq(y, U.c(y, 0))), U.c(v, np.nan), v)


elliprc.__doc__ = _doc(
    "Carlson's degenerate integral R_C(x, y) = R_F(x, y, y).",
    "x : array_like\n    Real, non-negative (or complex, off the negative real axis).\n"
    "y : array_like\n    Real or complex, non-zero "
    "(the Cauchy principal value is returned for y < 0).",
    "jax.Array\n    ``R_C``.", ">>> round(sp.elliprc(0.0, 1.0).item(), 6)\n1.570796")


def _sort3(a, b, c):
    lo = L.min(L.min(a, b), c)
    hi = L.max(L.max(a, b), c)
    mid = L.max(L.min(a, b), L.min(L.max(a, b), c))
    return lo, mid, hi


def _rj_value(x, y, z, p):
    # Cauchy principal value for p < 0 (Carlson 1995, sec. 4): with x <= y <= z and
    # q = y + (z - y)(y - x)/(y - p) > 0,
    # (y - p) R_J(x,y,z,p) = (q - y) R_J(x,y,z,q) + 3 (R_C(xz/y, pq/y) - R_F(x,y,z))
    neg = L.lt(p, U.c(p, 0))
    lo, mid, hi = _sort3(x, y, z)
    ym = _where(neg, L.sub(mid, p), U.c(p, 1))
    b = L.div(L.mul(L.sub(hi, mid), L.sub(mid, lo)), ym)
    q = L.add(mid, b)
    rj = _rj_core(x, y, z, _where(neg, q, p))
    mids = _where(neg, mid, U.c(mid, 1))
    rc = _rc_core(L.div(L.mul(lo, hi), mids), _where(neg, L.div(L.mul(p, q), mids), U.c(p, -1)))
    pv = L.div(L.add(L.mul(b, rj), L.mul(U.c(x, 3), L.sub(rc, _rf_core(x, y, z)))), ym)
    return _where(neg, pv, rj)


@public
@U.elementwise("elliprj", ("x", "y", "z", "p"), complex_ok=True)
def elliprj(x, y, z, p):
    if U.is_complex(x):
        from . import _carlson_rj_complex  # imports this module's cores
        return _carlson_rj_complex.elliprj(x, y, z, p)
    ok = _and(_nonneg_ok(x, y, z), L.ne(p, U.c(p, 0)))
    fin = _and(ok, _jnp().logical_not(_any_inf(x, y, z, p)))
    xs, ys, zs, ps = _safe(fin, x, y, z, p)
    # R_J is homogeneous of degree -3/2: scale by a power of 2 so that the products of
    # the duplication (delta = (p-x)(p-y)(p-z), its square...) cannot overflow
    np_ = _jnp()
    big = L.max(L.max(L.max(xs, ys), zs), L.abs(ps))
    e = L.convert_element_type(L.floor(np_.log2(big)), np.int32, False)
    sc = np_.ldexp(_util.full_like(x, 1), L.neg(e))
    v = _rj_value(L.mul(xs, sc), L.mul(ys, sc), L.mul(zs, sc), L.mul(ps, sc))
    v = L.mul(v, L.mul(sc, L.sqrt(sc)))
    v = _where(fin, v, _where(ok, U.c(v, 0), U.c(v, np.inf)))
    return _where(_or(_any_nan(x, y, z, p), _negative(x, y, z)), U.c(v, np.nan), v)


elliprj.__doc__ = _doc(
    "Carlson's symmetric elliptic integral of the third kind R_J(x, y, z, p).",
    "x, y, z : array_like\n    Real, non-negative; at most one may be 0.  Complex: Carlson's\n"
    "    domain (Re x, y, z >= 0 and Re p > 0; or p off (-inf, 0] with x, y, z real\n"
    "    non-negative, or two of them conjugate and the third real non-negative);\n"
    "    NaN outside it, as in scipy.\n"
    "p : array_like\n    Real, non-zero (Cauchy principal value for p < 0), or complex.",
    "jax.Array\n    ``R_J``.", ">>> round(sp.elliprj(1.0, 1.0, 1.0, 1.0).item(), 6)\n1.0")


@public
@U.elementwise("elliprg", ("x", "y", "z"), complex_ok=True)
def elliprg(x, y, z):
    if U.is_complex(x):
        return _CC.elliprg(x, y, z)
    np_ = _jnp()
    # 2 R_G(x,y,z) = z R_F - (x - z)(y - z) R_D(x,y,z)/3 + sqrt(x y / z), z the median
    # (Carlson 1995; DLMF 19.21.10): every term >= 0.
    lo, mid, hi = _sort3(x, y, z)
    ok = _and(L.ge(lo, U.c(lo, 0)), L.gt(mid, U.c(mid, 0)), L.is_finite(hi))
    lo_s, mid_s, hi_s = _safe(ok, lo, mid, hi)
    rf = _rf_core(lo_s, hi_s, mid_s)
    rd = _rd_core(lo_s, hi_s, mid_s)
    t = L.sub(L.mul(mid_s, rf), L.div(L.mul(L.mul(L.sub(lo_s, mid_s), L.sub(hi_s, mid_s)), rd),
                                      U.c(x, 3)))
    t = L.add(t, L.sqrt(L.div(L.mul(lo_s, hi_s), mid_s)))
    v = L.mul(t, U.c(t, 0.5))
    # two zeros: R_G(0, 0, w) = sqrt(w)/2
    v = _where(_and(L.ge(lo, U.c(lo, 0)), L.eq(mid, U.c(mid, 0))), L.mul(L.sqrt(hi), U.c(hi, 0.5)), v)
    v = _where(np_.isinf(hi), U.c(v, np.inf), v)
    return _where(_or(_any_nan(x, y, z), _negative(x, y, z)), U.c(v, np.nan), v)


elliprg.__doc__ = _doc(
    "Carlson's completely symmetric elliptic integral of the second kind R_G(x, y, z).",
    "x, y, z : array_like\n    Real, non-negative arguments (or complex, off the negative\n"
    "    real axis).",
    "jax.Array\n    ``R_G``.", ">>> round(sp.elliprg(0.0, 1.0, 1.0).item(), 6)\n0.785398")


# --- complete integrals ----------------------------------------------------------------------------
def _k_of_p(p):
    """K as a function of p = 1 - m >= 0 (pi / (2 AGM(1, sqrt p)))."""
    np_ = _jnp()
    ok = _and(L.gt(p, U.c(p, 0)), L.is_finite(p))
    a = agm_positive(_util.full_like(p, 1), L.sqrt(_where(ok, p, U.c(p, 1))))
    v = L.div(U.c(p, math.pi / 2), a)
    v = _where(ok, v, _where(L.eq(p, U.c(p, 0)), U.c(v, np.inf), U.c(v, 0)))
    return _where(_or(np_.isnan(p), L.lt(p, U.c(p, 0))), U.c(v, np.nan), v)


@public
@U.elementwise("ellipk", ("m",))
def ellipk(m):
    return _k_of_p(L.sub(U.c(m, 1), m))


@public
@U.elementwise("ellipkm1", ("p",))
def ellipkm1(p):
    return _k_of_p(p)


ellipk.__doc__ = _doc(
    "Complete elliptic integral of the first kind K(m).",
    "m : array_like\n    Parameter (m = k**2); NaN for m > 1.",
    "jax.Array\n    ``K(m)``; ``inf`` at m = 1.", ">>> round(sp.ellipk(0.0).item(), 6)\n1.570796")
ellipkm1.__doc__ = _doc(
    "Complete elliptic integral of the first kind near m = 1: K(1 - p).",
    "p : array_like\n    Complementary parameter p = 1 - m (accurate for tiny p).",
    "jax.Array\n    ``K(1 - p)``; ``inf`` at p = 0.",
    ">>> round(sp.ellipkm1(1.0).item(), 6)\n1.570796")


def _e_of_p(p):
    """E(1 - p) = (p/3) (R_D(0, p, 1) + R_D(0, 1, p)) for p > 0 (DLMF 19.25.1)."""
    np_ = _jnp()
    ok = _and(L.gt(p, U.c(p, 0)), L.is_finite(p))
    ps = _where(ok, p, U.c(p, 1))
    zero = _util.full_like(p, 0)
    one = _util.full_like(p, 1)
    v = L.mul(L.mul(ps, U.c(p, 1 / 3)), L.add(_rd_core(zero, ps, one), _rd_core(zero, one, ps)))
    v = _where(ok, v, _where(L.eq(p, U.c(p, 0)), U.c(v, 1), U.c(v, np.inf)))
    return _where(_or(np_.isnan(p), L.lt(p, U.c(p, 0))), U.c(v, np.nan), v)


@public
@U.elementwise("ellipe", ("m",))
def ellipe(m):
    return _e_of_p(L.sub(U.c(m, 1), m))


ellipe.__doc__ = _doc(
    "Complete elliptic integral of the second kind E(m).",
    "m : array_like\n    Parameter (m = k**2); NaN for m > 1.",
    "jax.Array\n    ``E(m)``; 1 at m = 1.", ">>> round(sp.ellipe(0.0).item(), 6)\n1.570796")


# --- incomplete integrals --------------------------------------------------------------------------
_PI2 = {np.dtype(np.float64): (3.141592653589793, 1.2246467991473532e-16),
        np.dtype(np.float32): (3.1415927410125732, -8.742278012618954e-08)}


def _reduce_phi(phi):
    """(psi, n): phi = n pi + psi, psi in [-pi/2, pi/2] (pi in two parts)."""
    hi, lo = _PI2[U.real_dtype(phi)]
    n = _jnp().rint(L.div(phi, U.c(phi, hi)))
    psi = L.sub(L.sub(phi, L.mul(n, U.c(phi, hi))), L.mul(n, U.c(phi, lo)))
    return psi, n


def _incomplete(phi, m, second: bool):
    np_ = _jnp()
    psi, n = _reduce_phi(phi)
    s, c = L.sin(psi), L.abs(L.cos(psi))
    p = L.sub(U.c(m, 1), m)
    s2, c2 = L.mul(s, s), L.mul(c, c)
    delta2 = L.add(c2, L.mul(p, s2))  # 1 - m sin^2, without cancellation for m <= 1
    ok = _and(L.ge(delta2, U.c(m, 0)), L.is_finite(phi), L.is_finite(m))
    c2s, d2s = _where(ok, c2, U.c(c2, 1)), _where(ok, delta2, U.c(m, 1))
    one = _util.full_like(m, 1)
    # where two arguments of R_F vanish (psi = +-pi/2 and m = 1) F is infinite
    two_zero = _and(L.eq(c2, U.c(c2, 0)), L.eq(delta2, U.c(m, 0)))
    c2s = _where(two_zero, one, c2s)
    d2s = _where(two_zero, one, d2s)
    rf = _rf_core(c2s, d2s, one)
    if not second:
        part = L.mul(s, rf)
        part = _where(two_zero, L.mul(L.sign(s), U.c(s, np.inf)), part)
        full = _k_of_p(p)
    else:
        rd = _rd_core(c2s, d2s, one)
        s3 = L.mul(s2, s)
        # m <= 0: sin R_F - (m/3) sin^3 R_D (DLMF 19.25.9's Legendre form), both terms >= 0
        plain = L.sub(L.mul(s, rf), L.mul(L.mul(m, U.c(m, 1 / 3)), L.mul(s3, rd)))
        # 0 < m <= 1: p sin R_F + (m p/3) sin^3 R_D(c^2, 1, D^2) + m sin cos / D (DLMF 19.25.10)
        rd2 = _rd_core(c2s, one, d2s)
        dd = L.sqrt(d2s)
        pos = L.add(L.add(L.mul(L.mul(p, s), rf),
                          L.mul(L.mul(L.mul(m, p), U.c(m, 1 / 3)), L.mul(s3, rd2))),
                    L.div(L.mul(L.mul(m, s), c), dd))
        use_pos = _and(L.gt(m, U.c(m, 0)), L.le(m, U.c(m, 1)))
        part = _where(use_pos, pos, plain)
        part = _where(two_zero, s, part)  # m = 1, psi = +-pi/2: E = sin psi
        full = _e_of_p(p)
    periodic = _where(L.eq(n, U.c(n, 0)), U.c(n, 0), L.mul(L.mul(U.c(n, 2), n), full))
    v = L.add(part, periodic)
    v = _where(ok, v, U.c(v, np.nan))
    return _where(_or(np_.isnan(phi), np_.isnan(m)), U.c(v, np.nan), v)


@public
@U.elementwise("ellipkinc", ("phi", "m"))
def ellipkinc(phi, m):
    return _incomplete(phi, m, False)


@public
@U.elementwise("ellipeinc", ("phi", "m"))
def ellipeinc(phi, m):
    return _incomplete(phi, m, True)


ellipkinc.__doc__ = _doc(
    "Incomplete elliptic integral of the first kind F(phi | m).",
    "phi : array_like\n    Amplitude (radians); F(phi + n pi) = F(phi) + 2 n K(m).\n"
    "m : array_like\n    Parameter; NaN where 1 - m sin(phi)**2 < 0.",
    "jax.Array\n    ``F(phi | m)``.", ">>> round(sp.ellipkinc(1.0, 0.0).item(), 6)\n1.0")
ellipeinc.__doc__ = _doc(
    "Incomplete elliptic integral of the second kind E(phi | m).",
    "phi : array_like\n    Amplitude (radians); E(phi + n pi) = E(phi) + 2 n E(m).\n"
    "m : array_like\n    Parameter; NaN where 1 - m sin(phi)**2 < 0.",
    "jax.Array\n    ``E(phi | m)``.", ">>> round(sp.ellipeinc(1.0, 0.0).item(), 6)\n1.0")


# --- Jacobi elliptic functions ---------------------------------------------------------------------
@public
@U.elementwise("ellipj", ("u", "m"))
def ellipj(u, m):
    np_ = _jnp()
    n = {np.dtype(np.float64): 20, np.dtype(np.float32): 14}[U.real_dtype(u)]  # as agm's
    ok = _and(L.ge(m, U.c(m, 0)), L.lt(m, U.c(m, 1)))
    ms = _where(ok, m, U.c(m, 0))
    a0 = _util.full_like(u, 1)
    b0 = L.sqrt(L.sub(U.c(m, 1), ms))

    # descending Landen: a_{k+1} = (a+b)/2, b_{k+1} = sqrt(ab), c_{k+1} = (a-b)/2 (A&S 16.4)
    def down(_, s):
        a, b = s
        return L.mul(L.add(a, b), U.c(a, 0.5)), L.sqrt(L.mul(a, b))

    def step(carry, _):
        a, b = carry
        na, nb = down(None, (a, b))
        return (na, nb), L.div(L.mul(L.sub(a, b), U.c(a, 0.5)), na)  # c_{k+1}/a_{k+1}

    (an, _), ratios = jax.lax.scan(step, (a0, b0), None, length=n)
    phi = L.mul(L.mul(an, U.c(u, 2.0 ** n)), u)

    def up(phi_prev, ratio):
        # phi_{k-1} = (phi_k + asin(c_k/a_k sin phi_k)) / 2
        nxt = L.mul(L.add(phi_prev, np_.arcsin(L.mul(ratio, L.sin(phi_prev)))), U.c(u, 0.5))
        return nxt, phi_prev

    phi0, phis = jax.lax.scan(up, phi, ratios, reverse=True)
    phi1 = _first_of(phis)
    sn, cn = L.sin(phi0), L.cos(phi0)
    # dn^2 = 1 - m sn^2 = cn^2 + (1 - m) sn^2: no cancellation (phi1 is kept for the record)
    del phi1
    dn = L.sqrt(L.add(L.mul(cn, cn), L.mul(L.mul(b0, b0), L.mul(sn, sn))))
    # m = 1: sn = tanh u, cn = dn = sech u, ph = gd(u) = 2 atan(tanh(u/2))
    m1 = L.eq(m, U.c(m, 1))
    sech = L.div(U.c(u, 1), L.cosh(u))
    sn = _where(m1, L.tanh(u), sn)
    cn = _where(m1, sech, cn)
    dn = _where(m1, sech, dn)
    ph = _where(m1, L.mul(U.c(u, 2), L.atan(L.tanh(L.mul(u, U.c(u, 0.5))))), phi0)
    bad = _or(np_.logical_and(np_.logical_not(ok), np_.logical_not(m1)), np_.isnan(u), np_.isnan(m))
    nan = U.c(u, np.nan)
    return tuple(_where(bad, nan, v) for v in (sn, cn, dn, ph))


def _first_of(stack):
    """stack[0] of a scan's stacked outputs, with structural primitives."""
    start = (0,) * stack.ndim
    limit = (1,) + tuple(stack.shape[1:])
    return L.reshape(L.slice(stack, start, limit), tuple(stack.shape[1:]))


ellipj.__doc__ = _doc(
    "Jacobi elliptic functions sn, cn, dn and the amplitude ph of ``u`` for parameter ``m``.",
    "u : array_like\n    Argument.\nm : array_like\n    Parameter, 0 <= m <= 1 (NaN otherwise).",
    "(sn, cn, dn, ph) : tuple of jax.Array\n    ``sn = sin(ph)``, ``cn = cos(ph)``, "
    "``dn = sqrt(1 - m sn**2)``.",
    ">>> [round(v.item(), 6) for v in sp.ellipj(0.5, 0.0)]\n[0.479426, 0.877583, 1.0, 0.5]")
