"""Complex Spence function, spence(z) = Li_2(1 - z), with scipy's branch cut
along z in (-inf, 0) (w = 1 - z in (1, inf)).

Li_2(w) on the whole plane by the standard maps onto |w| <= 1, Re w <= 1/2
(Lewin, "Polylogarithms and associated functions", 1981, ch. 1;
't Hooft & Veltman, Nucl. Phys. B153 (1979) 365):

* |w| > 1: Li_2(w) = -Li_2(1/w) - pi^2/6 - log^2(-w)/2 (DLMF 25.12.4);
* Re w > 1/2: Li_2(w) = pi^2/6 - log(w) log(1 - w) - Li_2(1 - w) (DLMF 25.12.6);
* otherwise the Bernoulli series in u = -log(1 - w) (|u| <= log 2 + pi/3 < 1.8):
  Li_2(w) = u - u^2/4 + sum_k B_2k u^(2k+1) / (2k+1)!; the terms fall like
  (|u| / 2 pi)^(2k) and 15 of them leave below 1e-18 relative.

The work is done for Im w >= +0 (w = 1 - z taken as conj(z)'s mirror, so that
z = x + 0j with x < 0 gets the lower side of the cut as in scipy) and the
result conjugated back; log(-w) = log(w) - i pi there.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ... import lax as L
from ._errfun_real import c, where
from ._gamma_complex import _B, _log1p, _lower

_PI2_6 = math.pi ** 2 / 6
_NB = 15
_COEF = [0.0, 1.0, -0.25] + [x for k in range(1, _NB + 1)
                              for x in (float(Fraction(_B[2 * k]) / math.factorial(2 * k + 1)), 0.0)]


def _poly(u, coef):
    acc = L.broadcast_in_dim(c(u, coef[-1]), tuple(u.shape), ())
    for a in reversed(coef[:-1]):
        acc = L.add(L.mul(acc, u), c(u, a))
    return acc


def _li2_base(w):
    """Li_2(w) for |w| <= 1, Re w <= 1/2."""
    return _poly(L.neg(_log1p(L.neg(w))), _COEF)


def _li2_disk(v, omv):
    """Li_2(v) for |v| <= 1, given omv = 1 - v computed without cancellation."""
    right = L.gt(L.real(v), c(L.real(v), 0.5))
    vl = where(right, c(v, 0.0), v)
    om = where(right, omv, c(v, 0.25))
    log_v = _log1p(L.neg(om))
    refl = L.sub(L.sub(c(v, _PI2_6), L.mul(log_v, L.log(om))), _li2_base(om))
    refl = where(L.eq(om, c(v, 0.0)), c(v, _PI2_6), refl)
    return where(right, refl, _li2_base(vl))


def spence(z):
    x, y = L.real(z), L.imag(z)
    # w = 1 - z, mirrored into the closed upper half-plane: Im z > 0 or z = x + 0j
    flip = L.not_(_lower(z))
    w = L.complex(L.sub(c(x, 1.0), x), L.abs(y))
    omw = L.complex(x, L.neg(L.abs(y)))                 # 1 - w, exact
    outside = L.gt(L.abs(w), c(x, 1.0))
    wo = where(outside, w, c(z, 2.0))
    inv = L.div(c(z, 1.0), wo)
    om_inv = L.div(L.neg(where(outside, omw, c(z, -1.0))), wo)   # 1 - 1/w = -(1 - w)/w
    lw = L.sub(L.log(wo), c(z, 1j * math.pi))           # log(-w), Im w >= 0
    far = L.sub(L.neg(L.add(_li2_disk(inv, om_inv), c(z, _PI2_6))),
                L.mul(L.mul(lw, lw), c(z, 0.5)))
    near = _li2_disk(where(outside, c(z, 0.0), w), where(outside, c(z, 1.0), omw))
    out = where(outside, far, near)
    out = where(flip, L.conj(out), out)
    big = L.or_(L.eq(L.abs(x), c(x, math.inf)), L.eq(L.abs(y), c(y, math.inf)))
    nan = L.or_(L.ne(x, x), L.ne(y, y))
    return where(L.or_(big, nan), c(z, complex(math.nan, math.nan)), out)
