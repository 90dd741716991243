"""Complex Fresnel integrals S(z), C(z) (scipy's ``fresnel`` order: S, C).

|z| >= 1: from the complex error function (``_errfun_complex``), DLMF 7.3.22,
C(z) + i S(z) = (1 + i)/2 erf(zeta),  zeta = sqrt(pi)/2 (1 - i) z, and, C and S
having real Taylor coefficients, C(z) - i S(z) = (1 - i)/2 erf(sqrt(pi)/2 (1 + i) z).
|z| < 1: the Maclaurin series (DLMF 7.6.4, 7.6.6), where the difference of the two
erf values would cancel (S ~ pi z^3 / 6):
S(z) = sum (-1)^n (pi/2)^(2n+1) z^(4n+3) / ((2n+1)! (4n+3)),
C(z) = sum (-1)^n (pi/2)^(2n) z^(4n+1) / ((2n)! (4n+1)); 12 terms leave
(pi/2)^24 / 24! < 1e-19 on |z| < 1.
"""

from __future__ import annotations

import math

from ... import lax as L
from . import _errfun_complex as C
from ._errfun_real import c, where

_A = math.sqrt(math.pi) / 2
_NS = 12
_S = [(-1) ** n * (math.pi / 2) ** (2 * n + 1) / (math.factorial(2 * n + 1) * (4 * n + 3))
      for n in range(_NS)]
_C = [(-1) ** n * (math.pi / 2) ** (2 * n) / (math.factorial(2 * n) * (4 * n + 1))
      for n in range(_NS)]


def _poly(u, coef):
    acc = L.broadcast_in_dim(c(u, coef[-1]), tuple(u.shape), ())
    for a in reversed(coef[:-1]):
        acc = L.add(L.mul(acc, u), c(u, a))
    return acc


def fresnel(z):
    small = L.lt(L.abs(z), c(L.real(z), 1.0))
    zb = where(small, c(z, 2.0), z)
    e1 = C.erf(L.mul(zb, c(z, _A * (1 - 1j))))
    e2 = C.erf(L.mul(zb, c(z, _A * (1 + 1j))))
    p, m = L.mul(e1, c(z, (1 + 1j) / 4)), L.mul(e2, c(z, (1 - 1j) / 4))
    cc = L.add(p, m)
    ss = L.mul(L.sub(p, m), c(z, -1j))
    zs = where(small, z, c(z, 0.0))
    z4 = L.mul(L.mul(zs, zs), L.mul(zs, zs))
    s_ser = L.mul(_poly(z4, _S), L.mul(L.mul(zs, zs), zs))
    c_ser = L.mul(_poly(z4, _C), zs)
    return where(small, s_ser, ss), where(small, c_ser, cc)
