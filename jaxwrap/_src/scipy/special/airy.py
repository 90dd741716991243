"""scipy.special's Airy functions of real argument: airy, airye.

Both return the 4-tuple (Ai, Ai', Bi, Bi') of one kernel, ``_airy4``:

- |x| < 1: the Maclaurin series (DLMF 9.4.1-9.4.4),
  Ai = c1 f - c2 g, Bi = sqrt(3) (c1 f + c2 g), with
  f = sum 3^k (1/3)_k x^{3k} / (3k)!, g = sum 3^k (2/3)_k x^{3k+1} / (3k+1)!;
  for |x| <= 1 the k-th term is below 1/(3k)!, so TERMS = 8 (float64) / 5
  (float32) leave the first omitted term below eps/2 (1/24! < 1e-23, 1/15! < 1e-12).
  (Beyond |x| = 1 the series for x < 0 cancels: ~100 ULP at x = -2.)
- x >= 1: modified Bessel functions of order 1/3, 2/3 at zeta = (2/3) x^{3/2}
  (DLMF 9.6.1-9.6.4, with I_{-v} = I_v + (2/pi) sin(v pi) K_v, DLMF 10.27.2, so
  Bi has no cancellation), from the scaled kernels of ``_bessel_core.ik``;
  ``airye`` never forms e^{+-zeta}.
- x <= -1: Bessel functions J, Y of order 1/3, 2/3 at zeta = (2/3) |x|^{3/2}
  (DLMF 9.6.6-9.6.9 written with Y: J_{-v} = cos(v pi) J_v - sin(v pi) Y_v).
- x >= X_HUGE (zeta beyond float range): the leading terms of DLMF 9.7.5-9.7.8
  for the scaled functions (the first neglected term is O(1/zeta) < eps).

Limits: Ai(+inf) = Ai'(+inf) = 0, Bi(+inf) = Bi'(+inf) = inf, Ai(-inf) =
Bi(-inf) = 0; Ai'(-inf), Bi'(-inf) oscillate without bound: NaN.  (scipy
returns NaN at every infinite argument.)

Derivatives: ``jax.custom_jvp`` from Airy's equation w'' = x w (DLMF 9.2.1)
and, for the scaled functions, d zeta / dx = sqrt(x) (x > 0).

Complex arguments go to ``_airy_complex`` (modified and ordinary Bessel functions of
orders +-1/3, +-2/3 at complex zeta).
"""

from __future__ import annotations

import math
from fractions import Fraction

import jax
import numpy as np

from ... import lax as L
from ...numpy._util import public
from . import _bessel_core as C
from . import _bessel_expr as X
from ._bessel_expr import E, where
from . import _airy_complex
from ._elem_util import elementwise

__all__ = ["airy", "airye"]

_C1 = 0.3550280538878172392600632          # Ai(0) = 3^{-2/3} / Gamma(2/3)   (DLMF 9.2.3)
_C2 = 0.2588194037928067984051836          # -Ai'(0) = 3^{-1/3} / Gamma(1/3) (DLMF 9.2.4)
_S3 = math.sqrt(3.0)
_X_POS = 1.0                               # series below, K/I above (Ai's series cancels ~x)
_X_NEG = 1.0                               # series above -1, J/Y below (series cancels near -2)
_X_HUGE = {np.dtype(np.float64): 1e100, np.dtype(np.float32): 1e12}
_TERMS = {np.dtype(np.float64): 8, np.dtype(np.float32): 5}


# --- pieces -----------------------------------------------------------------------------------
def _series(x: E):
    """(Ai, Ai', Bi, Bi') from the Maclaurin series (DLMF 9.4)."""
    x3 = x * x * x
    tf, tfp, tg, tgp = X.full(x, 1.0), x * x * 0.5, x, X.full(x, 1.0)
    f, fp, g, gp = tf, tfp, tg, tgp
    for k in range(_TERMS[x.dtype]):
        # t_{k+1} / t_k:  f: x^3/((3k+2)(3k+3)),  f': x^3/((3k+3)(3k+5)) (from its k+1-st
        # term), g: x^3/((3k+3)(3k+4)),  g': x^3/((3k+1)(3k+3))
        tf = tf * x3 * (1.0 / ((3 * k + 2) * (3 * k + 3)))
        tfp = tfp * x3 * (1.0 / ((3 * k + 3) * (3 * k + 5)))
        tg = tg * x3 * (1.0 / ((3 * k + 3) * (3 * k + 4)))
        tgp = tgp * x3 * (1.0 / ((3 * k + 1) * (3 * k + 3)))
        f, fp, g, gp = f + tf, fp + tfp, g + tg, gp + tgp
    return (_C1 * f - _C2 * g, _C1 * fp - _C2 * gp,
            _S3 * (_C1 * f + _C2 * g), _S3 * (_C1 * fp + _C2 * gp))


def _stack2(a: E, b: E) -> E:
    shape = (1,) + a.shape
    return E(L.concatenate([L.reshape(a.a, shape), L.reshape(b.a, shape)], 0))


def _split2(s: E):
    n = len(s.shape)
    rest = s.shape[1:]
    lo = L.reshape(L.slice(s.a, (0,) * n, (1,) + rest), rest)
    hi = L.reshape(L.slice(s.a, (1,) + (0,) * (n - 1), (2,) + rest), rest)
    return E(lo), E(hi)


def _orders(z: E) -> E:
    return _stack2(X.full(z, 1.0 / 3.0), X.full(z, 2.0 / 3.0))


# --- zeta = (2/3) t^{3/2} as an unevaluated sum hi + lo ---------------------------------------
# Airy functions depend on x through e^{+-zeta} and the phase zeta: a rounding of zeta to
# the working precision alone moves them by ~zeta * eps relative (hundreds of ULPs for
# |x| ~ 30, 1e8 at |x| ~ 1e6).  zeta is computed with Dekker's exact products (Dekker 1971)
# and the kernels' results are moved from zeta_hi to zeta_hi + lo (see ``_correct``).
_SPLIT = {np.dtype(np.float64): 134217729.0, np.dtype(np.float32): 4097.0}   # 2^27+1, 2^12+1


def _split(a: E):
    t = a * _SPLIT[a.dtype]
    hi = t - (t - a)
    return hi, a - hi


def _two_prod(a: E, b: E):
    """(p, e) with p = fl(a b) and p + e = a b exactly (Dekker's algorithm)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _zeta(t: E):
    """(zeta_hi, zeta_lo) with zeta_hi + zeta_lo = (2/3) t^{3/2} to ~eps^2 relative."""
    s = X.sqrt(t)
    q, qe = _two_prod(s, s)
    ds = ((t - q) - qe) / (2.0 * s)                       # sqrt(t) = s + ds
    p, pe = _two_prod(t, s)
    e = pe + t * ds                                       # t^{3/2} = p + e
    c = float(np.asarray(2.0 / 3.0, t.dtype))
    c_lo = float(np.asarray(float(Fraction(2, 3) - Fraction(c)), t.dtype))   # 2/3 = c + c_lo
    hi, r = _two_prod(p, X.full(p, c))
    return hi, r + p * c_lo + e * c


def _correct(x: E, f, lo: E, dzeta: E, oscillating: bool):
    """The four functions, computed at zeta_hi, moved to zeta_hi + lo.  With
    F = P(x) G(zeta), P ~ |x|^p (p = 1/2 for Ai, Bi; 1 for Ai', Bi'):
    P G'(zeta) = (F' - F p / x) / zeta'(x), F' from w'' = x w (DLMF 9.2.1).
    x > 0 (G ~ e^{-+zeta}, lo <= eps zeta tiny there): first order, applied as
    F (1 + lo (F'/F - p/x) / zeta'), so that the correction of a tiny F does not
    underflow.  x < 0 (G'' = -G (1 + O(zeta^-2)), DLMF 10.17): a rotation,
    F cos(lo) + P G' sin(lo), since in float32 lo reaches 0.03 at |x| = 1e4."""
    d = _derivs(x, f, False)
    pw = (0.5, 1.0, 0.5, 1.0)
    if oscillating:
        cs, sn = X.cos(lo), X.sin(lo)
        return tuple(fi * cs + (di - fi * (p / x)) / dzeta * sn for fi, di, p in zip(f, d, pw))
    c = lo / dzeta
    ok = [(X.abs(fi) > 0.0) & (X.abs(fi) < np.inf) for fi in f]   # 0 / inf stay as they are
    return tuple(where(k, fi + fi * (c * (di / where(k, fi, 1.0) - p / x)), fi)
                 for fi, di, p, k in zip(f, d, pw, ok))


def _derivs(x, f, scaled: bool):
    """d/dx of (Ai, Ai', Bi, Bi') or, scaled, of their e^{-+zeta} multiples (x > 0 there)."""
    ai, aip, bi, bip = f
    d = [aip, x * ai, bip, x * bi]                        # w'' = x w (DLMF 9.2.1)
    if scaled:
        s = X.sqrt(X.maximum(x, 0.0))                     # zeta' = sqrt(x); 0 for x <= 0
        d = [d[0] + s * ai, d[1] + s * aip, d[2] - s * bi, d[3] - s * bip]
    return d


def _positive(x: E, scaled: bool):
    """x >= X_POS through I and K of orders 1/3, 2/3 (DLMF 9.6.1-9.6.4)."""
    sx = X.sqrt(x)
    zeta, lo = _zeta(x)
    i, k = C.ik(_orders(x), _stack2(zeta, zeta), want_i=True)
    i1, i2 = _split2(i)                     # e^{-zeta} I_{1/3}, e^{-zeta} I_{2/3}
    k1, k2 = _split2(k)                     # e^{zeta} K_{1/3}, e^{zeta} K_{2/3}
    r = sx * (1.0 / _S3)                    # sqrt(x/3)
    q = x * (1.0 / _S3)                     # x / sqrt(3)
    e2 = X.exp(zeta * -2.0)
    eai = r * k1 * (1.0 / math.pi)
    eaip = -(q * k2) * (1.0 / math.pi)
    ebi = r * (2.0 * i1 + (_S3 / math.pi) * k1 * e2)
    ebip = q * (2.0 * i2 + (_S3 / math.pi) * k2 * e2)
    if scaled:
        # the scaled functions change with zeta only as zeta^{-1/2} (1 + O(1/zeta)): the
        # rounding of zeta (lo <= eps zeta) moves them by < eps/4 -- no correction
        return eai, eaip, ebi, ebip
    em = X.exp(-zeta)
    eh = X.exp(zeta * 0.5)                  # e^{zeta} in two halves: no early overflow
    f = eai * em, eaip * em, ebi * eh * eh, ebip * eh * eh
    return _correct(x, f, lo, sx, oscillating=False)


def _negative(x: E):
    """x <= -X_NEG through J and Y of orders 1/3, 2/3 (DLMF 9.6.6-9.6.9)."""
    z = -x
    sz = X.sqrt(z)
    zeta, lo = _zeta(z)
    j, y = C.jy(_orders(z), _stack2(zeta, zeta))
    j1, j2 = _split2(j)
    y1, y2 = _split2(y)
    h, hz = sz * 0.5, z * 0.5
    f = (h * (j1 - y1 * (1.0 / _S3)), hz * (j2 + y2 * (1.0 / _S3)),
         -(h * (j1 * (1.0 / _S3) + y1)), hz * (j2 * (1.0 / _S3) - y2))
    return _correct(x, f, lo, -sz, oscillating=True)


def _huge(x: E):
    """Scaled functions for x >= X_HUGE: leading terms of DLMF 9.7.5-9.7.8."""
    q = X.sqrt(X.sqrt(x))                   # x^{1/4}
    c = 0.5 / math.sqrt(math.pi)
    return c / q, -c * q, (2.0 * c) / q, (2.0 * c) * q


def _airy4(x: E, scaled: bool):
    dt = x.dtype
    huge = _X_HUGE[dt]
    small = (x > -_X_NEG) & (x < _X_POS)
    pos = (x >= _X_POS) & (x < huge)
    neg = x <= -_X_NEG
    xs = where(small, x, 0.0)
    s = _series(xs)
    if scaled:   # e^{zeta} for Ai, Ai' and e^{-zeta} for Bi, Bi' where 0 < x < X_POS
        zs = X.maximum(xs, 0.0)
        zs = zs * X.sqrt(zs) * (2.0 / 3.0)
        ep, em = X.exp(zs), X.exp(-zs)
        s = (s[0] * ep, s[1] * ep, s[2] * em, s[3] * em)
    p = _positive(where(pos, x, 2.0), scaled)
    n = _negative(where(neg & (x > -huge), x, -3.0))
    hx = _huge(where(x >= huge, x, huge))
    out = []
    for idx in range(4):
        r = where(small, s[idx], where(neg, n[idx], p[idx]))
        if scaled:
            # the scaling is e^{+-Re zeta}; zeta is imaginary for x < 0, so there it is 1
            top = hx[idx]
        else:
            top = X.full(x, (0.0, 0.0, np.inf, np.inf)[idx])
        r = where(x >= huge, top, r)
        # x -> -inf: Ai, Bi -> 0; Ai', Bi' oscillate without bound
        r = where(x.eq(-np.inf), (0.0, np.nan, 0.0, np.nan)[idx], r)
        r = where(neg & (x <= -huge) & x.ne(-np.inf), np.nan, r)   # phase zeta beyond float range
        out.append(where(X.isnan(x), np.nan, r))
    return tuple(out)


def _make(scaled: bool):
    @jax.custom_jvp
    def f(x):
        return tuple(v.a for v in _airy4(E(x), scaled))

    @f.defjvp
    def _jvp(primals, tangents):
        (x,), (tx,) = primals, tangents
        out = f(x)
        d = _derivs(E(x), tuple(E(o) for o in out), scaled)
        return out, tuple(L.mul(di.a, tx) for di in d)
    return f


_airy = _make(False)
_airye = _make(True)


@public
@elementwise("airy", ["z"], complex_ok=True)
def airy(z):
    """Airy functions Ai, Bi and their derivatives at a real argument.

    Parameters
    ----------
    z : array_like
        Real or complex argument.

    Returns
    -------
    Ai, Aip, Bi, Bip : tuple of jax.Array
        Ai(z), Ai'(z), Bi(z), Bi'(z).

    Examples
    --------
    >>> from jaxwrap.scipy.special import airy
    >>> ai, aip, bi, bip = airy(1.0)
    >>> print(f"{float(ai):.5f} {float(aip):.5f} {float(bi):.5f} {float(bip):.5f}")
    0.13529 -0.15915 1.20742 0.93244
    """
    if np.dtype(z.dtype).kind == "c":
        return _airy_complex.airy(z, scaled=False)
    return _airy(z)


@public
@elementwise("airye", ["z"], complex_ok=True)
def airye(z):
    """Exponentially scaled Airy functions and their derivatives at a real argument.

    With zeta = (2/3) z^{3/2}: eAi = Ai e^{zeta}, eAip = Ai' e^{zeta},
    eBi = Bi e^{-|Re zeta|}, eBip = Bi' e^{-|Re zeta|} (for z < 0 zeta is
    imaginary and the scaled functions equal the unscaled ones).

    Parameters
    ----------
    z : array_like
        Real or complex argument.

    Returns
    -------
    eAi, eAip, eBi, eBip : tuple of jax.Array
        The scaled Ai(z), Ai'(z), Bi(z), Bi'(z).

    Examples
    --------
    >>> from jaxwrap.scipy.special import airye
    >>> eai, eaip, ebi, ebip = airye(100.0)
    >>> print(f"{float(eai):.6f} {float(ebi):.6f}")
    0.089197 0.178431
    """
    if np.dtype(z.dtype).kind == "c":
        return _airy_complex.airy(z, scaled=True)
    return _airye(z)
