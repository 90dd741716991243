"""Airy functions of complex argument: (Ai, Ai', Bi, Bi') and the scaled forms (private).

With zeta = (2/3) z^{3/2} (principal powers), from the complex Bessel kernels of
``_bessel_complex`` (orders +-1/3, +-2/3 stacked in one call per family):

* |ph z| < 2 pi / 3: Ai = pi^{-1} sqrt(z/3) K_{1/3}(zeta), Ai' = -pi^{-1} (z/sqrt 3)
  K_{2/3}(zeta), Bi = sqrt(z/3) (I_{-1/3} + I_{1/3})(zeta), Bi' = (z/sqrt 3)
  (I_{-2/3} + I_{2/3})(zeta)  (DLMF 9.6.1-9.6.4; no cancellation in Bi);
* |ph(-z)| <= pi / 3, with y = -z and zeta = (2/3) y^{3/2}: Ai = (sqrt(y)/3)
  (J_{1/3} + J_{-1/3}), Ai' = (y/3)(J_{2/3} - J_{-2/3}), Bi = sqrt(y/3)
  (J_{-1/3} - J_{1/3}), Bi' = (y/sqrt 3)(J_{-2/3} + J_{2/3})  (DLMF 9.6.6-9.6.9);
* the lower half-plane by f(conj z) = conj f(z) (the functions are entire: both signs of
  a zero imaginary part give the same value); z = 0 from DLMF 9.2.3-9.2.4.

Scaled (scipy's airye): eAi = Ai e^{zeta}, eAi' = Ai' e^{zeta}, eBi = Bi e^{-|Re zeta|},
eBi' = Bi' e^{-|Re zeta|}; the scaled Bessel kernels supply the exponentials' moduli, so
no e^{+-zeta} is formed where it could overflow.  Derivatives (custom_jvp) from Airy's
equation w'' = z w (DLMF 9.2.1) and d zeta / dz = sqrt(z); for eBi, eBi' the scale
e^{-|Re zeta|} is not holomorphic and its term is real-linear in dz.
"""

from __future__ import annotations

import functools
import math

import jax
import numpy as np

from ... import lax as L
from . import _bessel_complex as B
from ._bessel_complex import Z, absz, cx, exp, sqrt, where

# Ai(0), Ai'(0), Bi(0), Bi'(0) (DLMF 9.2.3-9.2.4)
_AT0 = (0.355028053887817239, -0.258819403792806798, 0.614926627446000736,
        0.448288357353826357)
_S3 = math.sqrt(3.0)


def _four(name, zeta):
    """name at orders 1/3, 2/3, -1/3, -2/3 and argument zeta: one stacked call."""
    shape = tuple(np.shape(zeta.a))
    re = L.real(zeta.a)
    vs = [L.broadcast_in_dim(np.array(v, re.dtype), shape, ()) for v in (1 / 3, 2 / 3, -1 / 3, -2 / 3)]
    vv = L.concatenate([L.reshape(v, (1,) + shape) for v in vs], 0)
    zz = L.concatenate([L.reshape(zeta.a, (1,) + shape)] * 4, 0)
    out = B.bessel(name, vv, zz)
    n = len(shape)
    return [Z(L.reshape(L.slice(out, (i,) + (0,) * n, (i + 1,) + shape), shape)) for i in range(4)]


def _airy(z, scaled: bool):
    z = Z(z)
    low = z.im < 0.0
    zu = where(low, z.conj(), z)                          # Im zu >= 0
    x, y = zu.re, zu.im
    fin = (absz(x) < np.inf) & (absz(y) < np.inf)
    zero = x.eq(0.0) & y.eq(0.0)
    ok = fin & ~zero
    left = Z(L.atan2(y.a, x.a)) >= 2 * math.pi / 3
    # right sector: zeta from z
    zr = where(ok & ~left, zu, 1.0)
    sr = sqrt(zr)
    zeta = zr * sr * (2.0 / 3.0)
    k13, k23, _, _ = _four("kve", zeta)
    i13, i23, im13, im23 = _four("ive", zeta)
    r_ai = sr * k13 * (1.0 / (math.pi * _S3))
    r_aip = zr * k23 * (-1.0 / (math.pi * _S3))
    r_bi = sr * (im13 + i13) * (1.0 / _S3)
    r_bip = zr * (im23 + i23) * (1.0 / _S3)
    if not scaled:
        ea = exp(-zeta)                                    # Ai carries e^{-zeta}
        eb = exp(absz(zeta.re))                            # Bi carries e^{|Re zeta|}
        r_ai, r_aip, r_bi, r_bip = r_ai * ea, r_aip * ea, r_bi * eb, r_bip * eb
    # left sector: y = -z, zeta_y = (2/3) y^{3/2}; jve = J e^{-|Im zeta_y|}
    yl = where(ok & left, -zu, 1.0)
    sl = sqrt(yl)
    zy = yl * sl * (2.0 / 3.0)
    j13, j23, jm13, jm23 = _four("jve", zy)
    l_ai = sl * (j13 + jm13) * (1.0 / 3.0)
    l_aip = yl * (j23 - jm23) * (1.0 / 3.0)
    l_bi = sl * (jm13 - j13) * (1.0 / _S3)
    l_bip = yl * (jm23 + j23) * (1.0 / _S3)
    ay = absz(zy.im)
    if scaled:
        # e^{zeta_z} with zeta_z = -i zeta_y; Bi's scale e^{-|Re zeta_z|} cancels jve's
        ea = exp(cx(ay) + zy * complex(0.0, -1.0))
        l_ai, l_aip = l_ai * ea, l_aip * ea
    else:
        eb = exp(ay)
        l_ai, l_aip, l_bi, l_bip = l_ai * eb, l_aip * eb, l_bi * eb, l_bip * eb
    nan = complex(np.nan, np.nan)
    out = []
    for r, l_, v0 in zip((r_ai, r_aip, r_bi, r_bip), (l_ai, l_aip, l_bi, l_bip), _AT0):
        f = where(left, l_, r)
        f = where(low, f.conj(), f)
        f = where(zero, f * 0.0 + v0, f)
        out.append(where(fin, f, nan).a)
    return tuple(out)


@functools.partial(jax.custom_jvp, nondiff_argnums=(1,))
def _airy_d(z, scaled):
    return _airy(z, scaled)


@_airy_d.defjvp
def _airy_jvp(scaled, primals, tangents):
    (z,), (tz,) = primals, tangents
    out = _airy_d(z, scaled)
    ai, aip, bi, bip = (Z(o) for o in out)
    zz, t = Z(z), Z(tz)
    d = [aip * t, zz * ai * t, bip * t, zz * bi * t]        # w' and w'' = z w
    if scaled:
        rz = sqrt(zz)
        d[0] = d[0] + rz * ai * t                            # e^{zeta}: + sqrt(z) w dz
        d[1] = d[1] + rz * aip * t
        zeta_re = (zz * rz).re
        sg = cx(Z(L.sign(zeta_re.a)) * (rz * t).re)          # d|Re zeta| = sign Re(sqrt(z) dz)
        d[2] = d[2] - bi * sg
        d[3] = d[3] - bip * sg
    return out, tuple(x.a for x in d)


def airy(z, scaled: bool):
    """(Ai, Ai', Bi, Bi') at complex z (scaled as scipy's airye when ``scaled``)."""
    return _airy_d(z, scaled)
