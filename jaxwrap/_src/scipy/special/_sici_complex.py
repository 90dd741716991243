"""Complex sine/cosine and hyperbolic sine/cosine integrals, with scipy's branches.

Si and Cin(z) = sum_{n>=1} (-1)^(n+1) z^(2n) / (2n (2n)!) are entire; Ci(z) = gamma +
log z - Cin(z) (DLMF 6.2.13) has its cut along the negative real axis.  On the cut the
sign of a zero imaginary part picks the side (x + 0j: Ci(|x|) + i pi, x - 0j: - i pi),
as loggamma and spence do; scipy does this for |x| < 1 only and returns + i pi for
x - 0j beyond.  Ci(0) = -inf + nan j and Chi(0) likewise, as in scipy.

On the closed first quadrant (|z| >= 2), DLMF 6.5.5-6.5.6:
Si(z) = (E1(iz) - E1(-iz)) / (2i) + pi/2, Ci(z) = -(E1(iz) + E1(-iz)) / 2, with iz
formed exactly, so that on the imaginary axis iz = -y + 0i takes E1's upper side
(the limit from Re z > 0).  |z| < 2: the Maclaurin series (DLMF 6.6.5, 6.6.6),
14 terms (4^14 / (28 * 28!) < 1e-20).  Elsewhere by symmetry: Si is odd, Cin even,
both real on the real axis (f(conj z) = conj f(z)); Ci(z) = Ci(-z) + i pi sign for
Re z < 0.  Shi(z) = -i Si(iz) and Chi(z) = gamma + log z - Cin(iz) (DLMF 6.2.15-16).
"""

from __future__ import annotations

import math

from ... import lax as L
from ._errfun_real import c, where

_EULER = 0.57721566490153286061
_NS = 14
_SI = [(-1) ** n / ((2 * n + 1) * math.factorial(2 * n + 1)) for n in range(_NS)]
_CIN = [0.0] + [(-1) ** (n + 1) / (2 * n * math.factorial(2 * n)) for n in range(1, _NS)]


def _poly(u, coef):
    acc = L.broadcast_in_dim(c(u, coef[-1]), tuple(u.shape), ())
    for a in reversed(coef[:-1]):
        acc = L.add(L.mul(acc, u), c(u, a))
    return acc


def _at_zero(z, v):
    """v, with -inf + nan j at z = 0 (scipy's Ci(0), Chi(0))."""
    return where(L.eq(z, c(z, 0.0)), c(z, complex(-math.inf, math.nan)), v)


def _quadrant(z):
    """(|Re z| + i |Im z|, Re z < 0, conj flag): f(z) = f(zq) or conj f(zq) (times -1 for
    the odd Si when Re z < 0), conjugated when exactly one part is negative."""
    x, y = L.real(z), L.imag(z)
    xn, yn = L.lt(x, c(x, 0.0)), L.lt(y, c(y, 0.0))
    return L.complex(L.abs(x), L.abs(y)), xn, L.ne(xn, yn)


def _q1(zq, e1):
    """Si, Ci, Cin on the closed first quadrant."""
    small = L.lt(L.abs(zq), c(L.real(zq), 2.0))
    zb = where(small, c(zq, 2.0), zq)
    a, b = L.real(zb), L.imag(zb)
    ep, em = e1(L.complex(L.neg(b), a)), e1(L.complex(b, L.neg(a)))    # E1(iz), E1(-iz)
    si_b = L.add(L.mul(L.sub(ep, em), c(zq, -0.5j)), c(zq, math.pi / 2))
    ci_b = L.mul(L.add(ep, em), c(zq, -0.5))
    cin_b = L.sub(L.add(c(zq, _EULER), L.log(zb)), ci_b)
    zs = where(small, zq, c(zq, 0.5))
    z2 = L.mul(zs, zs)
    si_s = L.mul(_poly(z2, _SI), zs)
    cin_s = _poly(z2, _CIN)
    ci_s = L.sub(L.add(c(zq, _EULER), L.log(zs)), cin_s)
    return where(small, si_s, si_b), where(small, ci_s, ci_b), where(small, cin_s, cin_b)


def _cin(u, e1):
    uq, _, flip = _quadrant(u)
    _, _, cin = _q1(uq, e1)
    return where(flip, L.conj(cin), cin)


def sici(z, e1):
    zq, xn, flip = _quadrant(z)
    si, ci, _ = _q1(zq, e1)
    si, ci = where(flip, L.conj(si), si), where(flip, L.conj(ci), ci)
    si = where(xn, L.neg(si), si)
    y = L.imag(z)
    lower = L.or_(L.lt(y, c(y, 0.0)), L.and_(L.eq(y, c(y, 0.0)),
                                             L.lt(L.div(c(y, 1.0), y), c(y, 0.0))))  # -0.0
    ipi = where(lower, c(z, -1j * math.pi), c(z, 1j * math.pi))
    ci = where(xn, L.add(ci, ipi), ci)
    return si, _at_zero(z, ci)


def shichi(z, e1):
    iz = L.complex(L.neg(L.imag(z)), L.real(z))
    si, _ = sici(iz, e1)
    shi = L.complex(L.imag(si), L.neg(L.real(si)))                       # -i Si(iz)
    chi = L.sub(L.add(c(z, _EULER), L.log(z)), _cin(iz, e1))
    return shi, _at_zero(z, chi)
