"""Spherical Bessel functions of complex argument (private kernel of bessel.py).

    j_n(z) = sqrt(pi / (2z)) J_{n+1/2}(z),   y_n(z) = sqrt(pi / (2z)) Y_{n+1/2}(z),
    i_n(z) = sqrt(pi / (2z)) I_{n+1/2}(z),   k_n(z) = sqrt(pi / (2z)) K_{n+1/2}(z)

(DLMF 10.47.3-4, 10.47.7; k_n as scipy defines it, the modified spherical function of
the third kind of DLMF 10.47.9 up to normalization).  The cylinder functions of half-integer
order come from the complex kernel ``_bessel_complex`` (all the orders one call needs
stacked into one kernel call).  Every product above is single-valued (j_n, i_n are
entire; y_n, k_n meromorphic with their pole at 0): the branch cut of the kernel along
the negative real axis cancels that of sqrt(z), provided both take the same side.  The
kernel treats Im z = -0.0 as the upper side (scipy's convention), so sqrt(z) does too.

Small |z| loses nothing in this form: J_{n+1/2}(z) ~ (z/2)^{n+1/2} / Gamma(n+3/2)
relative-accurately, and the factor z^{-1/2} is exact.  z = 0 takes the limits
(j_0 = i_0 = 1, j_n = i_n = 0 for n > 0; y_n and k_n: NaN as scipy's complex loops).
Infinite z: on the real axis j_n, y_n -> 0, k_n(+inf) = 0, k_n(-inf) = -inf,
i_n(+-inf) = (+-1)^n inf; j_n, y_n -> 0 for an infinite real part and finite imaginary
part (the decay 1/|z| beats the bounded oscillation); otherwise NaN.

Derivatives (derivative=True): (2n+1) f_n' = n f_{n-1} - (n+1) f_{n+1} for j and y,
n i_{n-1} + (n+1) i_{n+1} for i, -(n k_{n-1} + (n+1) k_{n+1}) for k (DLMF 10.51.2,
10.51.5 combined); n = 0 gives -j_1, -y_1, i_1, -k_1.

Orders: n >= 0 (a negative n gives NaN), up to 100 (the kernel's order limit, 100.5;
above, NaN).  Where |z| << n the value under/overflows (complex64: from n ~ 20 at
|z| ~ 0.1): j_n and i_n give 0 there, y_n and k_n NaN (the kernel's overflow).
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from . import _bessel_complex as BC
from ._bessel_complex import Z, absz, cx, sqrt, where

_KERNEL = {"j": "jv", "y": "yv", "i": "iv", "k": "kv"}
_NAN = complex(math.nan, math.nan)


def _stacked(name, orders, z):
    """[BC.bessel(name, o, z) for o in orders] from ONE kernel call on the stacked orders."""
    shape = (1,) + tuple(np.shape(z))
    k = len(orders)
    vv = L.concatenate([L.reshape(o, shape) for o in orders], 0)
    zz = L.concatenate([L.reshape(z, shape)] * k, 0)
    out = BC.bessel(name, vv, zz)
    nd = len(shape)
    return [L.reshape(L.slice(out, (i,) + (0,) * (nd - 1), (i + 1,) + shape[1:]), shape[1:])
            for i in range(k)]


def _values(kind, orders, z):
    """f_m(z) for each integer-valued real array m in ``orders`` (m >= 0), z complex."""
    z = Z(z)
    x, y = z.re, z.im
    fin = (absz(x) < np.inf) & (absz(y) < np.inf)
    zero = x.eq(0.0) & y.eq(0.0)
    ok = fin & ~zero
    zs = where(ok, z, 1.0)
    # sqrt on the kernel's side of the cut: Im z = -0.0 counts as the upper side
    zu = cx(zs.re, where(zs.im.eq(0.0), 0.0, zs.im))
    f = sqrt(zu * (2.0 / math.pi))
    halves = [L.add(o, np.array(0.5, o.dtype)) for o in orders]
    cyl = _stacked(_KERNEL[kind], halves, zs.a)
    out = []
    for m, c in zip(orders, cyl):
        m = Z(m)
        r = Z(c) / f
        if kind in "ji":
            # the kernel's K_{m+1/2} overflows (NaN out of the kernel) where |z| << m and
            # the value underflows (complex64: m ~ 20 at |z| ~ 0.1): the limit 0 there
            under = ok & ~r.re.eq(r.re) & (absz(z) < m + 1.0) & (m <= 100.0)
            r = where(under, 0j, r)
        # z = 0: j_0 = i_0 = 1 and 0 above; y_n, k_n: NaN (scipy's complex loops)
        if kind in "ji":
            at0 = where(m.eq(0.0), 1.0 + 0j, r * 0.0)
        else:
            at0 = r * 0.0 + _NAN
        r = where(zero, at0, r)
        # infinite z (see the module docstring)
        odd = ~(m * 0.5 - BC.floor(m * 0.5)).eq(0.0)
        xinf = ~(absz(x) < np.inf)            # NaN included: masked below
        real_inf = xinf & y.eq(0.0)
        if kind in "jy":
            inf_val = where(absz(y) < np.inf, r * 0.0, r * 0.0 + _NAN)
        elif kind == "i":
            sgn = where((x < 0.0) & odd, x * 0.0 - 1.0, 1.0)
            inf_val = where(real_inf, cx(sgn * np.inf, y * 0.0), r * 0.0 + _NAN)
        else:
            inf_val = where(real_inf, where(x > 0.0, r * 0.0, r * 0.0 - np.inf), r * 0.0 + _NAN)
        r = where(fin, r, where(xinf, inf_val, r * 0.0 + _NAN))
        nan_in = ~(x.eq(x)) | ~(y.eq(y)) | (m < 0.0)
        out.append(where(nan_in, _NAN, r).a)
    return out


def spherical(kind, n, z, derivative):
    """j_n, y_n, i_n or k_n (``kind`` in 'jyik') at real integer-valued n and complex z,
    broadcast already; or its derivative in z."""
    if not derivative:
        return _values(kind, [n], z)[0]
    one = np.array(1.0, n.dtype)
    zero = np.array(0.0, n.dtype)
    lo_order = L.max(L.sub(n, one), L.broadcast_in_dim(zero, tuple(np.shape(n)), ()))
    lo, hi = (Z(v) for v in _values(kind, [lo_order, L.add(n, one)], z))
    nn = Z(n)
    # n f_{n-1}, exactly 0 at n = 0 (where f_{-1} is not evaluated)
    nlo = where(nn.eq(0.0), lo * 0.0, lo * nn)
    hi1 = hi * (nn + 1.0)
    if kind == "i":
        d = nlo + hi1
    elif kind == "k":
        d = -(nlo + hi1)
    else:
        d = nlo - hi1
    d = d / (nn * 2.0 + 1.0)
    return where(nn < 0.0, _NAN, d).a
