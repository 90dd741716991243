"""Carlson's symmetric integrals R_F, R_D, R_C, R_G of complex arguments.

The duplication cores of ``elliptic.py`` (Carlson, "Numerical computation of real or
complex elliptic integrals", Numer. Algorithms 10 (1995) 13-26) hold unchanged for
complex arguments in the plane cut along the negative real axis, with principal square
roots (Carlson 1995, sec. 2-3); the static step count is the real one (the spread of the
arguments shrinks by the same factor per step).  As in scipy, an argument on the
negative real axis gives NaN (R_C's second argument excepted: Cauchy principal value,
DLMF 19.2.20), two zero arguments of R_F / R_D give inf.
R_G: 2 R_G = z R_F - (x - z)(y - z) R_D / 3 + sqrt(x) sqrt(y) / sqrt(z) (DLMF 19.21.10),
with a nonzero argument placed in z.
"""

from __future__ import annotations

import math

from ... import lax as L
from ._errfun_real import c, where

_NAN = complex(math.nan, math.nan)


def _E():
    from . import elliptic  # the cores; imported late (elliptic imports this module)
    return elliptic


def _cut(v):
    """v on the negative real axis (or NaN)."""
    re, im = L.real(v), L.imag(v)
    neg = L.and_(L.lt(re, c(re, 0.0)), L.eq(im, c(im, 0.0)))
    return L.or_(neg, L.or_(L.ne(re, re), L.ne(im, im)))


def _is0(v):
    return L.eq(v, c(v, 0.0))


def _n0(*vs):
    n = None
    for v in vs:
        z = L.convert_element_type(_is0(v), L.real(v).dtype, False)
        n = z if n is None else L.add(n, z)
    return n


def _safe(ok, *vs):
    return tuple(where(ok, v, c(v, 1.0)) for v in vs)


def elliprf(x, y, z):
    bad = L.or_(L.or_(_cut(x), _cut(y)), _cut(z))
    n0 = _n0(x, y, z)
    ok = L.and_(L.not_(bad), L.lt(n0, c(n0, 2.0)))
    v = _E()._rf_core(*_safe(ok, x, y, z))
    v = where(L.ge(n0, c(n0, 2.0)), c(v, math.inf), v)
    return where(bad, c(v, _NAN), v)


def elliprd(x, y, z):
    bad = L.or_(L.or_(_cut(x), _cut(y)), _cut(z))
    sing = L.or_(_is0(z), L.ge(_n0(x, y), c(L.real(x), 2.0)))
    ok = L.and_(L.not_(bad), L.not_(sing))
    v = _E()._rd_core(*_safe(ok, x, y, z))
    v = where(sing, c(v, math.inf), v)
    return where(bad, c(v, _NAN), v)


def elliprc(x, y):
    # y on the negative real axis: R_C(x, y) = sqrt(x / (x - y)) R_C(x - y, -y)
    yneg = L.and_(L.lt(L.real(y), c(L.real(y), 0.0)), L.eq(L.imag(y), c(L.real(y), 0.0)))
    xx = where(yneg, L.sub(x, y), x)
    yy = where(yneg, L.neg(y), y)
    scale = where(yneg, L.sqrt(L.div(x, where(yneg, xx, c(x, 1.0)))), c(x, 1.0))
    bad = L.or_(L.or_(_cut(x), L.and_(_cut(y), L.not_(yneg))), _is0(y))
    ok = L.not_(bad)
    xs, ys = _safe(ok, xx, yy)
    v = L.mul(scale, _E()._rf_core(xs, ys, ys))
    return where(bad, c(v, _NAN), v)


def elliprg(x, y, z):
    bad = L.or_(L.or_(_cut(x), _cut(y)), _cut(z))
    # a nonzero argument into z (R_G is symmetric)
    zx, zy = _is0(z), L.and_(_is0(z), _is0(x))
    x2, z2 = where(zx, z, x), where(zx, x, z)
    y2, z3 = where(zy, z2, y), where(zy, y, z2)
    n0 = _n0(x2, y2, z3)
    ok = L.and_(L.not_(bad), L.lt(n0, c(n0, 2.0)))
    xs, ys, zs = _safe(ok, x2, y2, z3)
    E = _E()
    rf, rd = E._rf_core(xs, ys, zs), E._rd_core(xs, ys, zs)
    t = L.sub(L.mul(zs, rf), L.div(L.mul(L.mul(L.sub(xs, zs), L.sub(ys, zs)), rd), c(x, 3.0)))
    t = L.add(t, L.div(L.mul(L.sqrt(xs), L.sqrt(ys)), L.sqrt(zs)))
    v = L.mul(t, c(t, 0.5))
    # two zeros: R_G(0, 0, w) = sqrt(w) / 2 (all zero: 0)
    v = where(L.ge(n0, c(n0, 2.0)), L.mul(L.sqrt(z3), c(z3, 0.5)), v)
    return where(bad, c(v, _NAN), v)
