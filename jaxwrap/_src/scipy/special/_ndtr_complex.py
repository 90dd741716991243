"""Complex ndtr and log_ndtr on top of the Faddeeva function (``_errfun_complex``).

ndtr(z) = erfc(-z/sqrt2) / 2.  log_ndtr(z) = -t^2 + log w(i t) - log 2 with t = -z/sqrt2
(erfc(t) = exp(-t^2) w(i t), DLMF 7.2.3), so no exp(-t^2) is ever formed and large |z|
neither overflows nor underflows; the imaginary part is brought back to (-pi, pi] (the
principal branch of log ndtr, as scipy returns).  Where ndtr(z) is close to 1
(|ndtr(-z)| < 1/2, Re z > 0) log1p(-ndtr(-z)) keeps the small result's relative accuracy.
"""

from __future__ import annotations

import math

from ... import lax as L
from . import _errfun_complex as C
from ._errfun_real import c, where
from ._gamma_complex import _log1p

_S = 1 / math.sqrt(2)


def ndtr(z):
    return L.mul(C.erfc(L.mul(z, c(z, -_S))), c(z, 0.5))


def _wrap(v):
    """v - 2 pi round(v / 2 pi), into [-pi, pi]."""
    k = L.round(L.mul(v, c(v, 1 / (2 * math.pi))))
    return L.sub(v, L.mul(k, c(v, 2 * math.pi)))


def log_ndtr(z):
    x, y = L.real(z), L.imag(z)
    t = L.mul(z, c(z, -_S))
    lw = L.log(C.wofz(L.complex(L.neg(L.imag(t)), L.real(t))))   # log w(i t)
    re = L.add(L.add(L.mul(L.mul(L.sub(y, x), L.add(y, x)), c(x, 0.5)), L.real(lw)),
               c(x, -math.log(2)))
    im = _wrap(L.add(_wrap(L.neg(L.mul(x, y))), L.imag(lw)))
    main = L.complex(re, im)
    q = L.mul(C.erfc(L.mul(z, c(z, _S))), c(z, 0.5))               # ndtr(-z)
    near_one = L.and_(L.gt(x, c(x, 0.0)), L.lt(L.abs(q), c(x, 0.5)))
    small = _log1p(L.neg(where(near_one, q, c(z, 0.0))))
    return where(near_one, small, main)
