"""Carlson's symmetric integral of the third kind R_J(x, y, z, p) for complex arguments.

Carlson's duplication algorithm (B. C. Carlson, "Numerical computation of real or
complex elliptic integrals", Numer. Algorithms 10 (1995) 13-26, sec. 2 and Algorithm 3;
DLMF 19.36.1) holds for complex arguments with principal square roots and the principal
R_C(1, 1 + e) in its sum, in the domain the paper proves it for:

* Re x, Re y, Re z >= 0 (at most one of them zero) and Re p > 0; or
* p nonzero, off the negative real axis, and either x, y, z real non-negative, or two of
  them nonzero complex conjugates (off the negative real axis) and the third real
  non-negative.

Outside it the result is NaN, as in scipy (the sum of R_C terms can cross a branch cut
there).  All-real arguments (zero imaginary parts) with p < 0 give the Cauchy principal
value through the real algorithm, as scipy.  The static step count is the real one
(``elliptic._DUP_STEPS``).  Two zero arguments among x, y, z: inf; an infinite argument
(the others finite): 0, the limit.  The arguments are scaled by a power of two first
(R_J is homogeneous of degree -3/2) so the products of the duplication cannot overflow.
"""

from __future__ import annotations

import itertools
import math

from ... import lax as L
from ._errfun_real import c, where

_NAN = complex(math.nan, math.nan)


def _E():
    from . import elliptic  # the cores; imported late (elliptic imports this module)
    return elliptic


def _all(*cs):
    out = cs[0]
    for v in cs[1:]:
        out = L.and_(out, v)
    return out


def _any(*cs):
    out = cs[0]
    for v in cs[1:]:
        out = L.or_(out, v)
    return out


def _zero_im(v):
    im = L.imag(v)
    return L.eq(im, c(im, 0.0))


def _nonneg_real(v):
    re = L.real(v)
    return L.and_(_zero_im(v), L.ge(re, c(re, 0.0)))


def _on_cut(v):
    """On the closed negative real axis (zero included), or NaN."""
    re = L.real(v)
    return _any(L.and_(_zero_im(v), L.le(re, c(re, 0.0))), L.ne(v, v))


def _domain(x, y, z, p):
    """Carlson's sufficient conditions (1995, Algorithm 3)."""
    re = [L.real(v) for v in (x, y, z)]
    rp = L.real(p)
    a = _all(*(L.ge(r, c(r, 0.0)) for r in re), L.gt(rp, c(rp, 0.0)))
    reals = _all(*(_nonneg_real(v) for v in (x, y, z)))
    pair = None
    for u, v, w in itertools.permutations((x, y, z)):
        cond = _all(L.eq(u, L.conj(v)), L.not_(_on_cut(u)), _nonneg_real(w))
        pair = cond if pair is None else L.or_(pair, cond)
    b = L.and_(L.not_(_on_cut(p)), L.or_(reals, pair))
    return L.or_(a, b)


def elliprj(x, y, z, p):
    """R_J for promoted, broadcast complex arrays."""
    E = _E()
    absv = [L.abs(v) for v in (x, y, z, p)]
    inf = _any(*(L.eq(a, c(a, math.inf)) for a in absv))
    nan = _any(*(L.ne(v, v) for v in (x, y, z, p)))
    zeros = [L.eq(v, c(v, 0.0)) for v in (x, y, z)]
    two0 = _any(L.and_(zeros[0], zeros[1]), L.and_(zeros[0], zeros[2]),
                L.and_(zeros[1], zeros[2]))
    ok = _all(_domain(x, y, z, p), L.not_(inf), L.not_(nan), L.not_(two0))
    xs, ys, zs, ps = (where(ok, v, c(v, 1.0)) for v in (x, y, z, p))
    # scale by 2**-e, e = floor(log2(max |arg|)), so the products cannot overflow
    big = L.max(L.max(L.abs(xs), L.abs(ys)), L.max(L.abs(zs), L.abs(ps)))
    e = L.floor(L.div(L.log(big), c(big, math.log(2.0))))
    sc = L.exp2(L.neg(e))                          # an exact power of two
    scc = L.convert_element_type(sc, x.dtype, False)
    v = E._rj_core(L.mul(xs, scc), L.mul(ys, scc), L.mul(zs, scc), L.mul(ps, scc))
    v = L.mul(v, L.convert_element_type(L.mul(sc, L.sqrt(sc)), x.dtype, False))
    # all-real arguments with p < 0: the real algorithm's Cauchy principal value
    pv = _all(*(_nonneg_real(u) for u in (x, y, z)), _zero_im(p),
              L.lt(L.real(p), c(L.real(p), 0.0)))
    rr = [where(pv, L.real(u), c(L.real(u), 1.0)) for u in (x, y, z, p)]
    vr = E.elliprj(*rr)
    v = where(pv, L.convert_element_type(vr, x.dtype, False), v)
    ok = L.or_(ok, pv)
    dom = _domain(x, y, z, p)
    v = where(L.and_(L.and_(dom, inf), L.not_(nan)), c(v, 0.0), v)
    v = where(L.and_(L.and_(dom, two0), L.not_(nan)), c(v, complex(math.inf, 0.0)), v)
    return where(L.or_(ok, L.and_(L.and_(dom, L.not_(nan)), L.or_(inf, two0))), v, c(v, _NAN))

