"""Special-function primitives (scipy.special's kernels), defined from tables.

Same pattern as ``elementwise.py``: one row per primitive (name, lowering
kernel, JVP per operand), turned by ``_special`` into a primitive with
abstract eval, lowering, JVP and batching (``defbroadcasting``).  Operands
have one shape and one float dtype; broadcasting and promotion belong to the
scipy layer.  Lowerings are ``mlir.lower_fun`` of kernels written with
jaxwrap's primitives; every loop is statically bounded (the bound and its
reason are stated next to the loop).

Kernels are written with ``_V``, a thin box whose arithmetic operators bind
jaxwrap's primitives, so that formulas read like formulas.

Derivatives in a shape parameter have no closed form; the primitives that
give them (``igamma_grad_a``, ``betainc_grad``) carry a static ``order`` and
lower to the forward-mode derivative of the kernel (Boik & Robison-Cox 1998
do the same by hand for the beta continued fraction): the series, continued
fractions and asymptotic expansions below are differentiated term by term.
The JVP of such a primitive in its shape parameter is the same primitive
with ``order + 1``.
"""

from __future__ import annotations

import math

import jax
import ml_dtypes
import numpy as np

from ..interpreters import ad, batching, mlir
from . import elementwise as E
from . import reductions as R
from . import structural as S
from ._base import FLOAT, aval, check_kind, define, same_dtypes, same_shapes

__all__ = ["betainc", "betaincc", "betainc_grad", "igamma", "igamma_grad_a", "igammac",
           "random_gamma_grad", "igammainv", "betaincinv", "gammaln", "gamma", "rgamma", "psi", "zeta", "betaln"]


# --- _V: arithmetic on jaxwrap primitives -------------------------------------------------
@jax.tree_util.register_pytree_node_class
class _V:
    """An array whose operators bind jaxwrap's elementwise primitives."""

    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v.v if isinstance(v, _V) else v

    def tree_flatten(self):
        return (self.v,), None

    @classmethod
    def tree_unflatten(cls, aux, children):
        return cls(children[0])

    @property
    def dtype(self):
        return np.dtype(self.v.dtype)

    @property
    def shape(self):
        return tuple(self.v.shape)

    def _o(self, o):
        if isinstance(o, _V):
            return o.v
        if isinstance(o, (int, float, np.generic)):
            return np.array(o, self.dtype)
        return o

    def _bin(self, op, o, rev=False):
        a, b = self.v, self._o(o)
        return _V(op(b, a) if rev else op(a, b))

    def __add__(self, o): return self._bin(E.add, o)
    def __radd__(self, o): return self._bin(E.add, o, True)
    def __sub__(self, o): return self._bin(E.sub, o)
    def __rsub__(self, o): return self._bin(E.sub, o, True)
    def __mul__(self, o): return self._bin(E.mul, o)
    def __rmul__(self, o): return self._bin(E.mul, o, True)
    def __truediv__(self, o): return self._bin(E.div, o)
    def __rtruediv__(self, o): return self._bin(E.div, o, True)
    def __neg__(self): return _V(E.neg(self.v))
    def __lt__(self, o): return self._bin(E.lt, o)
    def __le__(self, o): return self._bin(E.le, o)
    def __gt__(self, o): return self._bin(E.gt, o)
    def __ge__(self, o): return self._bin(E.ge, o)
    def eq(self, o): return self._bin(E.eq, o)
    def __and__(self, o): return self._bin(E.and_, o)
    def __or__(self, o): return self._bin(E.or_, o)
    def __invert__(self): return _V(E.not_(self.v))


def _un(op):
    return lambda x: _V(op(x.v))


exp, log, log1p, expm1, sqrt, erfc = map(_un, (E.exp, E.log, E.log1p, E.expm1, E.sqrt, E.erfc))
fabs, floor, sin, cos, tan = map(_un, (E.abs, E.floor, E.sin, E.cos, E.tan))


def where(c, a, b, like=None):
    """``a`` where ``c`` else ``b`` (``a``/``b`` may be Python numbers; if both are, ``like``
    gives the dtype)."""
    ref = a if isinstance(a, _V) else (b if isinstance(b, _V) else like)
    a = a.v if isinstance(a, _V) else _full(ref, a)
    b = b.v if isinstance(b, _V) else _full(ref, b)
    return _V(S.select_n(c.v, b, a))


def _full(ref, value):
    return S.broadcast_in_dim(np.array(value, ref.dtype), ref.shape, ())


def full(ref, value):
    return _V(_full(ref, value))


def isnan(x):
    return _V(E.ne(x.v, x.v))


def _eps(x):
    return float(ml_dtypes.finfo(x.dtype).eps)


def _is64(x):
    return x.dtype == np.float64


def horner(x, coeffs):
    """sum_k coeffs[k] x**k."""
    out = full(x, coeffs[-1])
    for c in coeffs[-2::-1]:
        out = out * x + c
    return out


def _any(mask):
    return R.reduce_or(E.convert_element_type(mask.v, np.bool_), tuple(range(len(mask.shape))))


def bounded_loop(max_iter: int, done, body, init):
    """Run ``body(i, state)`` while some element is not ``done(state)``, at most
    ``max_iter`` times (a static bound).  ``body`` must leave elements that are
    already done unchanged."""
    def cond(c):
        i, s = c
        return E.and_(E.lt(i, np.int32(max_iter)), _any(~done(s)))

    def step(c):
        i, s = c
        return E.add(i, np.int32(1)), body(i, s)

    return jax.lax.while_loop(cond, step, (np.int32(0), init))[1]


# --- building blocks ---------------------------------------------------------------------
_EULER = 0.5772156649015329
# zeta(k) - 1 for k = 2, 3, ... (mpmath, 17 digits; tests/test_prims_special.py checks them).
_ZETA_M1 = (
    0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
    0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
    0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
    6.124813505870483e-05, 3.058823630702049e-05, 1.528225940865187e-05, 7.637197637899763e-06,
    3.81729326499984e-06, 1.908212716553939e-06, 9.539620338727962e-07, 4.769329867878064e-07,
    2.38450502727733e-07, 1.1921992596531106e-07, 5.960818905125948e-08, 2.980350351465228e-08,
    1.4901554828365043e-08, 7.45071178983543e-09, 3.725334024788457e-09, 1.862659723513049e-09,
    9.313274324196682e-10, 4.656629065033784e-10, 2.3283118336765053e-10, 1.164155017270052e-10,
    5.820772087902701e-11, 2.9103850444971e-11, 1.4551921891041985e-11, 7.275959835057482e-12,
    3.637979547378651e-12, 1.818989650307066e-12, 9.094947840263888e-13, 4.547473783042154e-13,
)
# ln Gamma(2 + b) = ln Gamma(1 + b) + log1p(b) = (1 - gamma) b + sum_{k>=2} (-1)^k (zeta(k) - 1) b^k / k
# (DLMF 5.7.3 plus the series of log1p); for |b| <= 1/2 the terms fall like 4^-k: 26 terms
# reach 1e-17.
_LGAMMA2P = (0.0, 1 - _EULER) + tuple((-1) ** k * _ZETA_M1[k - 2] / k for k in range(2, 28))

# Stirling's series for ln Gamma(a) - ((a - 1/2) ln a - a + ln(2 pi)/2) = sum B_2j / (2j (2j-1) a^(2j-1))
# (DLMF 5.11.1); for a >= 10 ten terms are below 1e-19 of the sum.
_STIRLING = (1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156,
             -3617 / 122400, 43867 / 244188, -174611 / 125400)
_LN_SQRT_2PI = 0.5 * math.log(2 * math.pi)


def stirling_corr(a):
    """ln Gamma(a) - ((a - 1/2) ln a - a + ln(2 pi)/2), for a >= 10."""
    r = 1 / a
    return r * horner(r * r, _STIRLING)


def lgamma1p(a):
    """ln Gamma(1 + a), a > -1, accurate (relatively) near a = 0 and a = 1."""
    return _lgamma_core(1 + a, a)


def log1pmx(u):
    """log(1 + u) - u without cancellation near 0.

    With r = u / (2 + u): log(1 + u) = 2 atanh(r) = 2 (r + r^3/3 + ...), and
    2 r - u = -u r, so log1p(u) - u = -u r + 2 r^3 (1/3 + r^2/5 + ...).
    For |u| <= 1/2, r^2 <= 1/9: 18 terms reach 1e-17.
    """
    small = fabs(u) <= 0.5
    us = where(small, u, 0.0)
    r = us / (us + 2)
    r2 = r * r
    ser = -us * r + 2 * r * r2 * horner(r2, [1 / (2 * k + 3) for k in range(18)])
    return where(small, ser, log1p(u) - u)


def log_ratio_m1(n, d):
    """log(r) - (r - 1) for r = n / d > 0: the series of ``log1pmx`` on u = (n - d) / d where
    |u| <= 1/2 (n - d is exact there), else from the rounded ratio (1 + u would lose digits
    near u = -1)."""
    r = n / d
    u = (n - d) / d
    near = fabs(u) <= 0.5
    rf = where(near, 2.0, r)
    return where(near, log1pmx(where(near, u, 0.0)), log(rf) - (rf - 1))


def _half_eta_sq_over_u_sq(u):
    """2 (u - log1p(u)) / u^2, smooth through u = 0 (used for eta = u sqrt(.))."""
    small = fabs(u) <= 0.5
    us = where(small, u, 0.5)
    r = us / (us + 2)
    s = horner(r * r, [1 / (2 * k + 3) for k in range(18)])
    q = us + 2
    ser = 2 / q - 4 * us * s / (q * q * q)
    ul = where(small, 1.0, u)
    return where(small, ser, -2 * log1pmx(ul) / (ul * ul))


# --- gamma, log-gamma, digamma on the reals ------------------------------------------------------
# XLA's lgamma is ~400 ULP off for positive x and ~4000 near its zeros x = 1, 2; its digamma
# ~1400 near its root (measured against mpmath, 2026-12).  These kernels reduce to [1.5, 2.5]
# (ln Gamma: the series of ln Gamma(2 + b) above) or [1, 2] (psi: Taylor series about its
# positive root x0, whose coefficients psi^(k)(x0) / k! come from mpmath), with Stirling's
# series from 10 on and the reflection formulas below 0.
_PSI_ROOT = (1.4616321449683622, 9.549995429965697e-17)   # x0 = hi + lo
_PSI_ROOT_SERIES = (  # psi^(k)(x0) / k!; |x - x0| <= 0.54, radius 1.46: 40 terms below 1e-17
    0.0, 0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652,
    0.10782405069126237, -0.07219956125645471, 0.04880428816414311, -0.03316112647484736,
    0.022597648232218104, -0.01542476590494896, 0.010538791616612175, -0.007204534386356869,
    0.004926781395729853, -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972,
    0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602, -0.0003454680251063077,
    0.00023635601564027053, -0.00016170622091974803, 0.0001106337276874741, -7.569179582195066e-05,
    5.178575795222081e-05, -3.5430070947659604e-05, 2.424006611860132e-05, -1.6584242271854135e-05,
    1.134638458466385e-05, -7.762817668462094e-06, 5.3110609208898636e-06, -3.6336507898010456e-06,
    2.486022733129538e-06, -1.7008538854332607e-06, 1.1636675363548843e-06, -7.96142543124197e-07,
    5.446941930669446e-07, -3.7266161283438227e-07, 2.549626552021554e-07)
# psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k) (DLMF 5.15.8); for x >= 10, 9 terms < 1e-19.
_PSI_ASYMP = (1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12,
              -3617 / 8160, 43867 / 14364)
_REDUCE = 10   # steps of the recurrences to [1.5, 2.5] / [1, 2] from below 10


def sinpi(x):
    """sin(pi x), exact at the integers and accurate near them."""
    r = x - 2 * _V(E.round(E.mul((x * 0.5).v, np.array(1, x.dtype)), 1))   # r in [-1, 1]
    ar = fabs(r)
    fold = where(ar > 0.5, 1 - ar, ar)                       # sin(pi r) = sin(pi (1 - |r|))
    v = sin(fold * math.pi)
    return where(r < 0, -v, v)


def cospi(x):
    """cos(pi x), exact zeros at the half-integers: cos(pi r) = sin(pi (1/2 - |r|)) with
    1/2 - |r| exact for |r| >= 1/4."""
    r = x - 2 * _V(E.round(E.mul((x * 0.5).v, np.array(1, x.dtype)), 1))
    ar = fabs(r)
    return where(ar <= 0.25, cos(ar * math.pi), sin((0.5 - ar) * math.pi))


def _reduce_up_down(x, lo, hi):
    """z in [lo, hi) (for 0 < x < 10 + hi) with Gamma(x) = Gamma(z) p / q, q the product of at
    most two factors below lo, p of at most _REDUCE above hi."""
    z, p, q = x, full(x, 1.0), full(x, 1.0)
    for _ in range(2):
        m = z < lo
        q, z = where(m, q * z, q), where(m, z + 1, z)
    for _ in range(_REDUCE):
        m = z >= hi
        z = where(m, z - 1, z)
        p = where(m, p * z, p)
    return z, p, q


def _lgamma_core(x, a):
    """ln Gamma(x) for x > 0, given also a = x - 1 (exact where the series below needs it:
    a caller either has x exact, and then x - 1 is exact on [0.5, 2.5], or has a exact).

    One evaluation of the series of ln Gamma(2 + b) for every x, with the argument b chosen
    per region (one copy of each piece keeps the compiled program small):
      x < 0.5:          ln Gamma(2 + x) - log1p(x) - log(x)      (b = x)
      0.5 <= x < 1.5:   ln Gamma(2 + a) - log1p(a)               (b = a, |a| <= 1/2)
      1.5 <= x < 2.5:   ln Gamma(2 + (a - 1))                    (b = a - 1)
      2.5 <= x < 10:    down to z in [1.5, 2.5) by at most 8 unit steps, + log of their product
      x >= 10:          Stirling's series (DLMF 5.11.1).
    """
    small, mid, near = x < 0.5, x < 1.5, x < 2.5
    red = (x < 10) & ~near
    z = where(red, x, 2.0)
    p = full(x, 1.0)
    for _ in range(8):      # x < 10 reaches [1.5, 2.5) in at most 8 steps
        m = z >= 2.5
        z = where(m, z - 1, z)
        p = where(m, p * z, p)
    b = where(small, x, where(mid, a, where(near, a - 1, z - 2)))
    xs = where(small, x, 1.0)
    corr = where(small, -log1p(xs) - log(xs), where(mid, -log1p(where(mid, a, 0.0)),
                                                    where(near, 0.0, log(p))))
    series = horner(b, _LGAMMA2P) + corr
    xb = where(x < 10, 10.0, x)
    big = (xb - 0.5) * log(xb) - xb + _LN_SQRT_2PI + stirling_corr(xb)
    return where(x < 10, series, big)


def _gammaln_pos(x):
    """ln Gamma(x), x > 0."""
    return _lgamma_core(x, x - 1)


def _gammaln_kernel(x):
    pos = x > 0
    xn = where(pos, -0.5, x)
    # one ln Gamma for both signs: x itself, or 1 - x for the reflection
    # ln |Gamma(x)| = ln(pi / |sin(pi x)|) - ln Gamma(1 - x)
    lg = _gammaln_pos(where(pos, x, 1 - xn))
    out = where(pos, lg, log(math.pi / fabs(sinpi(xn))) - lg)
    pole = (x <= 0) & floor(x).eq(x)
    return where(pole, np.inf, where(x.eq(-np.inf), -np.inf, out))


def _gamma_pos(x):
    """Gamma(x), x > 0: the reduction for x < 20, else sqrt(2 pi) (x^(x/2 - 1/4) e^(-x/2))^2
    e^s(x) (Stirling; the square keeps the intermediate in range up to the overflow at 171.6)."""
    small = x < 20
    xs = where(small, x, 2.0)
    z, p, q = _reduce_up_down(xs, 1.5, 2.5)
    # the reduction above steps at most 10 times; twice more for x in [12.5, 20)
    for _ in range(8):
        m = z >= 2.5
        z = where(m, z - 1, z)
        p = where(m, p * z, p)
    near = exp(horner(z - 2, _LGAMMA2P)) * p / q
    xb = where(small, 20.0, x)
    h = _V(E.pow(xb.v, (xb * 0.5 - 0.25).v)) * exp(xb * -0.5)
    big = h * h * exp(stirling_corr(xb)) * math.sqrt(2 * math.pi)
    return where(small, near, where(x > 171.7, np.inf, big))


def _gamma_kernel(x, reciprocal=False):
    pos = x > 0
    xn = where(pos, -0.5, x)
    g1 = _gamma_pos(1 - xn)                        # Gamma(x) = pi / (sin(pi x) Gamma(1 - x))
    sp = sinpi(xn)
    if reciprocal:
        out = where(pos, 1 / _gamma_pos(where(pos, x, 1.0)), sp * g1 / math.pi)
        return where(x.eq(np.inf) | x.eq(-np.inf), 0.0, out)
    out = where(pos, _gamma_pos(where(pos, x, 1.0)), math.pi / (sp * g1))
    zero = x.eq(0)
    neg_int = (x < 0) & floor(x).eq(x)
    out = where(zero, 1 / x, out)                    # +-inf with the sign of the zero
    return where(neg_int | x.eq(-np.inf), np.nan, out)


def _psi_pos(x):
    small = x < 10
    xs = where(small, x, 2.0)
    # to z in [1, 2): psi(x) = psi(z) + sum 1/(z+k) (up) or - 1/x (x < 1)
    acc = where(xs < 1, -1 / xs, 0.0)
    z = where(xs < 1, xs + 1, xs)
    for _ in range(_REDUCE):
        m = z >= 2
        z = where(m, z - 1, z)
        acc = where(m, acc + 1 / z, acc)
    # psi(z) = P(d - lo), d = z - hi (exact), = P(d) - P'(d) lo = P(d) - c1 lo + O(d lo): the
    # correction is folded into the constant term (XLA would fold a separate "- lo" away).
    hi = float(np.array(_PSI_ROOT[0], x.dtype))                 # the root split in x's dtype
    lo = (_PSI_ROOT[0] - hi) + _PSI_ROOT[1]
    d = z - hi
    near = horner(d, (-_PSI_ROOT_SERIES[1] * lo,) + _PSI_ROOT_SERIES[1:]) + acc
    xb = where(small, 10.0, x)
    r = 1 / (xb * xb)
    big = log(xb) - 0.5 / xb - r * horner(r, _PSI_ASYMP)
    return where(small, near, big)


def _psi_kernel(x):
    pos = x > 0
    xn = where(pos, -0.5, x)
    refl = _psi_pos(1 - xn) - math.pi * cospi(xn) / sinpi(xn)   # DLMF 5.5.4
    out = where(pos, _psi_pos(where(pos, x, 1.0)), refl)
    out = where(x.eq(0), -np.inf, out)
    return where(((x < 0) & floor(x).eq(x)) | x.eq(-np.inf), np.nan, out)


def _trigamma(x):
    """psi'(x): XLA's polygamma(1, .) for x > 0 (2 ULP), reflection below (DLMF 5.15.6)."""
    pos = x > 0
    one = full(x, 1.0)
    xp = where(pos, x, 1 - x)
    t = _V(E.polygamma(one.v, xp.v))
    s = sinpi(where(pos, 0.5, x))
    return where(pos, t, math.pi ** 2 / (s * s) - t)


# --- Hurwitz zeta ---------------------------------------------------------------------------------
# Euler-Maclaurin summation (DLMF 2.10.1 applied to sum (q + k)^-s): terms summed up to w = q + k >= 10, the tail
# integral and M Bernoulli corrections at w.  With w >= 10 and M = 8, the remainder is below 1e-17 of
# the sum for s <= 60 (|B_18| (s)_17 / (18! (q+N)^(s+17))).
_ZETA_W, _ZETA_M = 10.0, 8
_ZETA_SUM_MAX = 10_000   # direct terms until q + k >= 10 + s: up to 10^4 (q > -9990)
_B2J_FACT = tuple(float(v) for v in (  # B_2j / (2j)!
    1 / 12, -1 / 720, 1 / 30240, -1 / 1209600, 1 / 47900160, -691 / 1307674368000,
    1 / 74724249600, -3617 / 10670622842880000))


def _zeta_kernel(s, q, *, continued=False):
    """zeta(s, q) = sum_k (q + k)^-s for s > 1 and q not a pole (q <= 0 integer): the terms
    are summed until q + k >= 10 (at most _ZETA_SUM_MAX of them), then Euler-Maclaurin."""
    # terms with q + k < 0 (polygamma at negative x): defined for integer s only
    odd = (s - 2 * floor(s * 0.5)).eq(1)
    int_s = floor(s).eq(s)
    ok = (q > -_ZETA_SUM_MAX + _ZETA_W) & ~isnan(q)
    q0 = where(ok, q, 1.0)

    # The remainder after M Bernoulli terms is ~ (s)_(2M+1) / w^(2M+1) |B_2M+2| / (2M+2)! of
    # w^-s: sum directly up to w >= 10 + s (float64: below 1e-16) or 10 + s/2 (float32: below
    # 1e-8, and w^-s stays clear of float32's subnormals)
    w_min = where(s > 0, s * (1.0 if _is64(s) else 0.5) + _ZETA_W, _ZETA_W)

    def done(st):
        return (q0 + st[0]) >= w_min

    def body(i, st):
        k, tot = st
        b = q0 + k
        mag = _V(E.pow(fabs(b).v, (-s).v))
        term = where(b < 0, where(int_s, where(odd, -mag, mag), np.nan), mag)
        fin = done(st)
        return where(fin, k, k + 1), where(fin, tot, tot + term)

    k, tot = bounded_loop(_ZETA_SUM_MAX, done, body, (full(q, 0.0), full(q, 0.0)))
    w = q0 + k
    wms = _V(E.pow(w.v, (-s).v))
    tot = tot + w * wms / (s - 1) + 0.5 * wms
    fac = s * wms / w                       # s (s+1) ... (s+2j-2) w^(-s-2j+1), j = 1
    for j in range(_ZETA_M):
        tot = tot + _B2J_FACT[j] * fac
        fac = fac * (s + 2 * j + 1) * (s + 2 * j + 2) / (w * w)
    pole = (q <= 0) & floor(q).eq(q)
    out = where(s.eq(1) | pole, np.inf, tot)
    # ``continued``: s < 1 too (the Euler-Maclaurin form is the analytic continuation; its
    # remainder stays below 1e-16 for s >= -12 at w >= 10); scipy's zeta(s, q) is NaN there
    bad = ((s < -12) | (q <= 0) if continued else (s < 1)) | ~ok | isnan(s)
    return where(bad, np.nan, where(q.eq(np.inf), 0.0, out))


def _zeta_ds(t, s, q, **p):
    raise NotImplementedError("zeta: the derivative in the order s is not implemented")


def _zeta_dq(t, s, q, **p):
    return E.neg(E.mul(t, E.mul(s, zeta(E.add(s, np.array(1, s.dtype)), q, **p))))


# --- incomplete gamma P(a, x), Q(a, x) ---------------------------------------------------------
# Temme's uniform expansion (DLMF 8.12.3-8.12.4, Temme 1979): coefficients d[k][n] of
# c_k(eta) = sum_n d[k][n] eta^n, from DLMF 8.12.8-8.12.9 by exact power-series arithmetic
# (tools/special_refs/gamma.py: temme_coefficients(13, 30) regenerates this table).  Used for
# a >= 30, 0.7 <= x/a <= 1.4, where |eta| <= 0.36: the Taylor series (radius 2 sqrt(pi)) is
# below 1e-17 after 18 terms (1e-8 after 8), and the a^-k series after 10 terms (5 in float32):
# d[k][0] 30^-k < 2e-18 at k = 10.
_TEMME_A, _TEMME_LO, _TEMME_HI = 30.0, 0.7, 1.4
_TEMME_KN = {np.dtype(np.float32): (5, 8), np.dtype(np.float64): (10, 18)}
_SERIES_MAX = 160   # x < a + 1, a < 30 or x/a < 0.7: terms fall like exp(-n^2 / 2a) or 0.7^n
_CF_MAX = 200       # x >= a + 1: the worst cases (a ~ 30, x ~ 31; x/a = 1.4) take < 100 steps


def _prefactor(a, x):
    """x^a e^-x / Gamma(a + 1), for a > 0, x > 0 (Temme's form for a >= 10)."""
    big = a >= 10
    ab = where(big, a, 10.0)
    t_big = exp(ab * log_ratio_m1(x, ab) - stirling_corr(ab)) / sqrt(2 * math.pi * ab)
    as_ = where(big, 1.0, a)
    # exp(a ln x - ln Gamma(1 + a)) exp(-x): the large exponents are rounded separately;
    # the first is capped where exp(-x) is 0 anyway.
    e1 = as_ * log(x) - lgamma1p(as_)
    e1 = where(e1 > 700, 700.0, e1)
    t_small = exp(e1) * exp(-x)
    return where(big, t_big, t_small)


def _gamma_series(a, x):
    """sum_{n>=0} x^n / ((a+1) ... (a+n)) (DLMF 8.7.1)."""
    eps = _eps(a)

    def done(s):
        term, tot = s
        return term <= tot * eps

    def body(i, s):
        term, tot = s
        nxt = term * x / (a + E.convert_element_type(E.add(i, np.int32(1)), a.dtype))
        fin = done(s)
        return where(fin, term, nxt), where(fin, tot, tot + nxt)

    one = full(a, 1.0)
    return bounded_loop(_SERIES_MAX, done, body, (one, one))[1]


def _gamma_cf(a, x, shadow=False):
    """Gamma(a, x) e^x x^-a by Legendre's continued fraction (DLMF 8.9.2, even part),
    1 / (x+1-a - 1(1-a) / (x+3-a - 2(2-a) / (x+5-a - ...))), evaluated forward by the
    modified Lentz method (Thompson & Barnett 1986).

    For an integer a the fraction terminates (the numerator n(n-a) vanishes at n = a) but
    its derivatives in a do not: kernels that are differentiated (``shadow``) also run the
    fraction at a nudged a and stop only when both have converged."""
    eps, tiny = _eps(a), float(ml_dtypes.finfo(a.dtype).tiny) * 1e8

    def nz(v):
        return where(fabs(v) < tiny, tiny, v)

    def done(s):
        ok = fabs(s[0][3] - 1) <= eps
        return (ok & (fabs(s[1][3] - 1) <= eps)) if shadow else ok

    def step(i, s, a):
        h, c, d, delta, b = s
        n = _V(E.convert_element_type(E.add(i, np.int32(1)), a.dtype))
        an = -n * (n - a)
        b2 = b + 2
        d2 = 1 / nz(an * d + b2)
        c2 = nz(b2 + an / c)
        return h * (c2 * d2), c2, d2, c2 * d2, b2

    def body(i, s):
        fin = done(s)
        return tuple(tuple(where(fin, o, n) for o, n in zip(st, step(i, st, av)))
                     for st, av in zip(s, (a, a_s)))

    def start(a):
        b = x + 1 - a
        d = 1 / nz(b)
        return (d, full(a, 1 / tiny), d, full(a, 2.0), b)

    a_s = a * (1 + 2.0 ** -6) if shadow else a
    init = (start(a), start(a_s)) if shadow else (start(a),)
    return bounded_loop(_CF_MAX, done, body, init)[0][0]


def _temme_sum(eta, a):
    """sum_k c_k(eta) a^-k."""
    ia = 1 / a
    k, n = _TEMME_KN[a.dtype]
    coeffs = [horner(eta, row[:n]) for row in _TEMME_D[:k]]
    out = coeffs[-1]
    for c in coeffs[-2::-1]:
        out = out * ia + c
    return out


def _igamma_pq(a, x, shadow=False):
    """(P(a, x), Q(a, x)), each to full relative accuracy where it is not tiny next to 1."""
    nan = (~(a >= 0)) | (~(x >= 0)) | (a.eq(0) & x.eq(0)) | (a.eq(np.inf) & x.eq(np.inf))
    p_edge = where(x.eq(0) | a.eq(np.inf), 0.0, where(a.eq(0) | x.eq(np.inf), 1.0, 0.5, like=x))
    edge = x.eq(0) | a.eq(0) | x.eq(np.inf) | a.eq(np.inf)
    ok = ~(nan | edge)
    a = where(ok, a, 1.0)
    x = where(ok, x, 0.5)

    lam = x / a
    temme = (a >= _TEMME_A) & (lam >= _TEMME_LO) & (lam <= _TEMME_HI)
    small = (~temme) & (a < 1) & (x <= 1.5)
    series = (~temme) & (~small) & (x < a + 1)
    cf = (~temme) & (~small) & (~series)

    # Series for P, continued fraction for Q; the complement by subtraction where the
    # computed one is the larger (P <= 0.87 on the series side, Q <= 0.45 on the other).
    xs, as_ = where(series, x, 0.5), where(series, a, 1.0)
    p_ser = _prefactor(as_, xs) * _gamma_series(as_, xs)
    xc, ac = where(cf, x, 3.0), where(cf, a, 1.0)
    q_cf = _prefactor(ac, xc) * ac * _gamma_cf(ac, xc, shadow)

    # a < 1, x <= 1.5 (Gautschi 1979; DLMF 8.7.3): P = x^a/Gamma(a+1) (1 + a T),
    # T = sum_{n>=1} (-x)^n / (n! (a + n)); Q = -expm1(a ln x - lnGamma(1+a)) - x^a/Gamma(a+1) a T.
    # 30 terms: 1.5^30 / 30! < 1e-24.
    xm, am = where(small, x, 1.0), where(small, a, 0.5)
    term, t_sum = full(xm, 1.0), full(xm, 0.0)
    for n in range(1, 31):
        term = term * (-xm) / n
        t_sum = t_sum + term / (am + n)
    u = am * log(xm) - lgamma1p(am)
    xa = exp(u)
    p_small = xa * (1 + am * t_sum)
    q_small = -expm1(u) - xa * am * t_sum

    # Temme (DLMF 8.12.3-8.12.4): Q = erfc(eta sqrt(a/2)) / 2 + R, P = erfc(-eta sqrt(a/2)) / 2 - R.
    at, ut = where(temme, a, 100.0), where(temme, (x - a) / a, 0.0)
    eta = ut * sqrt(_half_eta_sq_over_u_sq(ut))
    z = eta * sqrt(at * 0.5)
    r = exp(at * log1pmx(ut)) / sqrt(2 * math.pi * at) * _temme_sum(eta, at)
    q_t = 0.5 * erfc(z) + r
    p_t = 0.5 * erfc(-z) - r

    p = where(temme, p_t, where(small, p_small, where(series, p_ser, 1 - q_cf)))
    q = where(temme, q_t, where(small, q_small, where(series, 1 - p_ser, q_cf)))
    p = where(nan, np.nan, where(edge, p_edge, p))
    q = where(nan, np.nan, where(edge, 1 - p_edge, q))
    return p, q


def _dp_dx(a, x):
    """dP/dx = x^(a-1) e^-x / Gamma(a)."""
    return exp((a - 1) * log(x) - x - _gammaln_pos(a))


# --- regularized incomplete beta I_x(a, b) ----------------------------------------------------------
_BETA_CF_MAX = 1000  # CF steps ~ sqrt(max(a, b)) near the mean; 1000 covers a, b up to ~1e5


def _stacked(f, *xs):
    """``f`` applied to each of ``xs`` (one shape) through ONE call on their stack: a kernel
    needed several times in one formula is compiled once, not once per use."""
    stack = S.concatenate([S.expand_dims(x.v, (0,)) for x in xs], 0)
    out = f(_V(stack)).v
    return [_V(S.squeeze(S.slice(out, (i,) + (0,) * len(xs[0].shape),
                                 (i + 1,) + tuple(xs[0].shape)), (0,)))
            for i in range(len(xs))]


def _lbeta(a, b):
    """ln |B(a, b)|: Stirling's form where both a, b >= 10 (no cancellation of the big
    ln Gamma terms), ln Gamma(b) - ln Gamma(a + b) in Stirling form where only the larger
    one is >= 10, and ln |Gamma(a)| + ln |Gamma(b)| - ln |Gamma(a + b)| otherwise (negative
    arguments included); the ln Gamma values come from one stacked evaluation."""
    pos = (a > 0) & (b > 0)
    both = pos & (a >= 10) & (b >= 10)
    ab, bb = where(both, a, 10.0), where(both, b, 10.0)
    s = ab + bb
    # (a-1/2) ln a + (b-1/2) ln b - (a+b-1/2) ln(a+b) + ln sqrt(2 pi) + s(a) + s(b) - s(a+b)
    # with the logarithms of a + b split off, so the large terms never cancel:
    big = (-(ab - 0.5) * log1p(bb / ab) - bb * log1p(ab / bb) - 0.5 * log(bb) + _LN_SQRT_2PI
           + stirling_corr(ab) + stirling_corr(bb) - stirling_corr(s))
    # one large: lo = min, hi = max >= 10: lnG(hi) - lnG(lo+hi) = -lo ln(hi) - (lo+hi-1/2) log1p(lo/hi)
    #                                                              + lo + s(hi) - s(lo+hi)
    lo_ = where(a < b, a, b)
    hi_ = where(a < b, b, a)
    one = pos & (~both) & (hi_ >= 10)
    lo, hi = where(one, lo_, 1.0), where(one, hi_, 10.0)
    direct = ~(both | one)
    ad, bd = where(direct, a, 1.0), where(direct, b, 1.0)
    g_a, g_b, g_ab = _stacked(_gammaln_kernel, where(one, lo, ad), bd, ad + bd)
    mixed = (g_a - lo * log(hi) - (lo + hi - 0.5) * log1p(lo / hi) + lo
             + stirling_corr(hi) - stirling_corr(lo + hi))
    return where(both, big, where(one, mixed, g_a + g_b - g_ab))


def _beta_prefactor(a, b, x):
    """x^a (1 - x)^b / B(a, b), 0 < x < 1."""
    both = (a >= 10) & (b >= 10)
    ab, bb = where(both, a, 10.0), where(both, b, 10.0)
    s = ab + bb
    x0 = ab / s
    # a ln(x/x0) + b ln((1-x)/(1-x0)) = a L(x/x0) + b L((1-x)/(1-x0)) with L(r) = ln r - (r - 1)
    # (the linear terms cancel: a (x/x0 - 1) = -b ((1-x)/(1-x0) - 1))
    e = ab * log_ratio_m1(x, x0) + bb * log_ratio_m1(1 - x, bb / s)
    corr = stirling_corr(ab) + stirling_corr(bb) - stirling_corr(s)
    big = exp(e - corr) * sqrt(ab / (2 * math.pi)) * sqrt(bb / s)   # no overflow of a b
    as_, bs = where(both, 1.0, a), where(both, 1.0, b)
    small = exp(as_ * log(x) + bs * log1p(-x) - _lbeta(as_, bs))
    return where(both, big, small)


def _beta_cf(a, b, x, shadow=False):
    """1 / (1 + d1 / (1 + d2 / (1 + ...))) of DLMF 8.17.22, modified Lentz.  For an integer
    b the fraction terminates (d_2m = 0 at m = b); ``shadow`` as in ``_gamma_cf``."""
    eps, tiny = _eps(a), float(ml_dtypes.finfo(a.dtype).tiny) * 1e8

    def nz(v):
        return where(fabs(v) < tiny, tiny, v)

    def done(s):
        ok = fabs(s[0][3] - 1) <= eps
        return (ok & (fabs(s[1][3] - 1) <= eps)) if shadow else ok

    def coef(k, b):       # d_k, k >= 1
        m = floor(k * 0.5)
        odd = ~(k - 2 * m).eq(0)
        a2m = a + 2 * m
        d_even = m * (b - m) * x / ((a2m - 1) * a2m)
        d_odd = -(a + m) * (a + b + m) * x / (a2m * (a2m + 1))
        return where(odd, d_odd, d_even)

    def step(i, s, b):
        h, c, d, delta = s
        k = _V(E.convert_element_type(E.add(i, np.int32(1)), a.dtype))
        dk = coef(k, b)
        d2 = 1 / nz(1 + dk * d)
        c2 = nz(1 + dk / c)
        return h * (c2 * d2), c2, d2, c2 * d2

    def body(i, s):
        fin = done(s)
        return tuple(tuple(where(fin, o, n) for o, n in zip(st, step(i, st, bv)))
                     for st, bv in zip(s, (b, b_s)))

    one = full(a, 1.0)
    start = (one, full(a, 1 / tiny), one, full(a, 2.0))
    b_s = b * (1 + 2.0 ** -6) if shadow else b
    init = (start, start) if shadow else (start,)
    return bounded_loop(_BETA_CF_MAX, done, body, init)[0][0]


def _betainc_pair(a, b, x, shadow=False):
    """(I_x(a, b), 1 - I_x(a, b)), each accurate where it is not close to 1."""
    nan = (~(a >= 0)) | (~(b >= 0)) | (~(x >= 0)) | (~(x <= 1)) | (a.eq(0) & b.eq(0)) \
        | (a.eq(np.inf) & b.eq(np.inf))
    # edges: x = 0 -> 0, x = 1 -> 1, a = 0 -> 1, b = 0 -> 0, a = inf -> 0, b = inf -> 1
    i_edge = where(x.eq(0), 0.0, where(x.eq(1), 1.0, where(
        b.eq(0) | a.eq(np.inf), 0.0, where(a.eq(0) | b.eq(np.inf), 1.0, 0.5, like=x))))
    edge = x.eq(0) | x.eq(1) | a.eq(0) | b.eq(0) | a.eq(np.inf) | b.eq(np.inf)
    ok = ~(nan | edge)
    a, b, x = where(ok, a, 1.0), where(ok, b, 1.0), where(ok, x, 0.5)
    # the fraction converges fast for x < (a + 1) / (a + b + 2); otherwise use the symmetry
    # I_x(a, b) = 1 - I_{1-x}(b, a)
    swap = x * (a + b + 2) > a + 1
    # a parameter below 1/10 puts nearly all the mass at one end: the fraction whose first
    # parameter is the small one is close to 1 and its complement would cancel, so keep the
    # small parameter second (the fraction still converges, more slowly, for every x < 1).
    tiny = (a < 0.1) | (b < 0.1)
    swap = (tiny & (a < b)) | (~tiny & swap)
    aa, bb = where(swap, b, a), where(swap, a, b)
    xx = where(swap, 1 - x, x)
    pre = _beta_prefactor(aa, bb, xx)
    # the fraction stays O(1) where the prefactor underflows (it may overflow internally for
    # parameters near the float range, so do not multiply 0 by it)
    val = where(pre.eq(0), 0.0, pre / aa * _beta_cf(aa, bb, xx, shadow))
    i = where(swap, 1 - val, val)
    ic = where(swap, val, 1 - val)
    # With a and b beyond 1e8 the fraction would need ~1e4 steps or more: normal
    # approximation (relative error ~ min(a, b)^-1/2; a known limitation).
    huge = (a > 1e8) & (b > 1e8)
    s_ = where(huge, a + b, 4.0)
    mu = where(huge, a, 2.0) / s_
    z = (x - mu) / (sqrt(mu * (1 - mu) / (s_ + 1)) * math.sqrt(2.0))
    i = where(huge, 0.5 * erfc(-z), i)
    ic = where(huge, 0.5 * erfc(z), ic)
    i = where(nan, np.nan, where(edge, i_edge, i))
    ic = where(nan, np.nan, where(edge, 1 - i_edge, ic))
    return i, ic


def _dbeta_dx(a, b, x):
    """dI/dx = x^(a-1) (1 - x)^(b-1) / B(a, b)."""
    return exp((a - 1) * log(x) + (b - 1) * log1p(-x) - _lbeta(a, b))


# --- inverses -----------------------------------------------------------------------------------
_INV_STEPS = 40  # safeguarded Newton: quadratic once close; the bisection fallback (geometric while
                 # the bracket spans decades) reaches the Newton basin well inside this bound


def _normal_quantile(p):
    """A rough standard normal quantile (initial guesses only)."""
    pc = where(p <= 0, 1e-300 if _is64(p) else 1e-38, where(p >= 1, 1.0, p))
    return _V(E.erf_inv((2 * pc - 1).v)) * math.sqrt(2.0)


def _newton_solve(g, x0, lo, hi, unit=False):
    """Solve g(x) = 0 for an increasing g given as ``g(x) -> (r, xn)``, where r has the sign
    of g and ``xn`` is the Newton iterate, keeping a bracket [lo, hi] and bisecting
    (geometrically across decades) when the Newton iterate leaves it.  ``unit``: the root lies
    in (0, 1), so the bracket's top is 1.

    An element whose Newton step has shrunk to a few ulps is frozen: at the root the sign of
    r is rounding noise, and a noisy iterate just outside a collapsed bracket would otherwise
    send a converged element back to bisection (seen in a batch, where XLA's vectorized log
    rounds differently from the scalar one)."""
    tol = 8 * _eps(x0)

    def body(i, s):
        x, lo, hi, fin = s
        r, xn = g(x)
        lo = where(r < 0, x, lo)
        hi = where(r > 0, x, hi)
        good = (xn >= lo) & (xn <= hi) & ~isnan(xn)
        lo_pos = lo > 0
        geo = sqrt(where(lo_pos, lo, 1.0) * where(hi < np.inf, hi, 1.0))
        mid = where(~lo_pos, hi * 0.0625,
                    where(hi.eq(np.inf), lo * 16,
                          where(hi > lo * 4, geo, 0.5 * (lo + hi))))
        if unit:   # near 1 bisect 1 - x geometrically too
            top = (1 - lo) > (1 - hi) * 4
            mid = where((lo >= 0.5) & top, 1 - sqrt((1 - lo) * (1 - hi)), mid)
        small = fabs(xn - x) <= tol * fabs(x)
        if unit:
            small = small | (fabs(xn - x) <= tol * (1 - x))
        settle = r.eq(0) | (small & ~isnan(xn))
        xn = where(good | settle, xn, mid)
        xn = where(r.eq(0), x, xn)
        return where(fin, x, xn), lo, hi, fin | settle

    from jax.lax import fori_loop  # control flow only (inside a lowering)
    return fori_loop(0, _INV_STEPS, body, (x0, lo, hi, x0 < x0))[0]   # x0 < x0: all False


def _igammainv_kernel(a, p, *, upper):
    """x with P(a, x) = p (``upper``: Q(a, x) = p)."""
    bad = ~(a > 0) | ~(p >= 0) | ~(p <= 1)
    q = 1 - p
    pl, pu = (q, p) if upper else (p, q)       # target of P and of Q
    use_q = pu < pl                            # solve the equation with the smaller target
    a_ = where(bad, 1.0, a)
    pl_, pu_ = where(bad, 0.5, pl), where(bad, 0.5, pu)
    # initial guesses: Wilson-Hilferty; power law of the lower tail, x^a / Gamma(a+1) = p;
    # exponential upper tail, Gamma(a, x) ~ x^(a-1) e^-x.
    z = where(use_q, -_normal_quantile(pu_), _normal_quantile(pl_))
    c = 1 / (9 * a_)
    wh = a_ * (1 - c + z * sqrt(c)) * (1 - c + z * sqrt(c)) * (1 - c + z * sqrt(c))
    lo_g = exp((log(where(pl_ > 0, pl_, 1.0)) + lgamma1p(a_)) / a_)
    lq = -log(where(pu_ > 0, pu_, 1.0)) - _gammaln_pos(a_)
    hi_g = where(lq > 1, lq + (a_ - 1) * log(where(lq > 1, lq, 1.0)), 1.0)
    x0 = where((wh > 0) & (a_ >= 1) & (fabs(z) < 5), wh,
               where(use_q, where(hi_g > a_, hi_g, a_ + 1), lo_g))
    x0 = where(x0 > 0, x0, 1e-3)

    def g(x):
        pp, qq = _igamma_pq(a_, x)
        dens = _dp_dx(a_, x)
        # log form: r = ln(P / p) (or ln(q / Q), increasing in x); Newton step r / r'
        r = where(use_q, log(pu_) - log(qq), log(pp) - log(pl_))
        # Newton in ln x (exact for the power law x^a of the lower tail): dr/d(ln x) = x r'
        rp = where(use_q, dens / qq, dens / pp) * x
        return r, x * exp(-r / rp)

    x = _newton_solve(g, x0, full(a_, 0.0), full(a_, np.inf))
    # below the smallest subnormal the power law underflows: the answer rounds to 0
    x = where((~use_q) & lo_g.eq(0), 0.0, x)
    x = where(pl.eq(0), 0.0, where(pu.eq(0), np.inf, x))
    return where(bad, np.nan, x)


def _betaincinv_kernel(a, b, y, *, upper):
    """x with I_x(a, b) = y (``upper``: 1 - I_x(a, b) = y)."""
    bad = ~(a > 0) | ~(b > 0) | ~(y >= 0) | ~(y <= 1)
    yc = 1 - y
    yl, yu = (yc, y) if upper else (y, yc)
    a_, b_ = where(bad, 1.0, a), where(bad, 1.0, b)
    yl_, yu_ = where(bad, 0.5, yl), where(bad, 0.5, yu)
    use_u = yu_ < yl_
    # initial guesses: the power laws of the two tails, x^a / (a B) = y and
    # (1-x)^b / (b B) = 1 - y, each capped at the mean, the one on the target's side.
    lb = _lbeta(a_, b_)
    xm = a_ / (a_ + b_)
    xl = exp((log(where(yl_ > 0, yl_, 1.0)) + log(a_) + lb) / a_)
    xu = 1 - exp((log(where(yu_ > 0, yu_, 1.0)) + log(b_) + lb) / b_)
    im = _betainc_pair(a_, b_, xm)[0]
    x0 = where(yl_ < im, where(xl < xm, xl, xm), where(xu > xm, xu, xm))
    x0 = where((x0 > 0) & (x0 < 1), x0, xm)

    def g(x):
        i, ic = _betainc_pair(a_, b_, x)
        dens = _dbeta_dx(a_, b_, x)
        r = where(use_u, log(yu_) - log(ic), log(i) - log(yl_))
        # Newton in ln x (lower side) or ln(1 - x) (upper side): exact for the power laws
        rl = dens / i * x
        ru = dens / ic * (1 - x)
        return r, where(use_u, 1 - (1 - x) * exp(r / ru), x * exp(-r / rl))

    x = _newton_solve(g, x0, full(a_, 0.0), full(a_, 1.0), unit=True)
    x = where((~use_u) & xl.eq(0), 0.0, x)
    x = where(yl.eq(0), 0.0, where(yu.eq(0), 1.0, x))
    return where(bad, np.nan, x)


# --- builders ----------------------------------------------------------------------------------------
def _abstract_eval(name):
    def rule(*args, **params):
        shape = same_shapes(name, args)
        dtype = same_dtypes(name, args)
        check_kind(name, dtype, FLOAT)
        return aval(shape, dtype, all(a.weak_type for a in args))
    return rule


def _lowering(kernel):
    def impl(*args, **params):
        return kernel(*map(_V, args), **params).v

    def rule(ctx, *args, **params):
        return mlir.lower_fun(lambda *xs: impl(*xs, **params), multiple_results=False)(ctx, *args)
    return rule


def _special(name, kernel, jvps, **defaults):
    """Row -> primitive: ``kernel(*_V operands, **params) -> _V``; ``jvps`` one rule per
    operand, ``rule(t, *operands, **params)`` (raw arrays)."""
    prim = define(name, _abstract_eval(name), _lowering(kernel))
    ad.defjvp(prim, *jvps)
    batching.defbroadcasting(prim)

    def bind(*args, **params):
        from .elementwise import _broadcast_scalars
        return prim.bind(*_broadcast_scalars(args), **{**defaults, **params})
    bind.__name__ = name
    bind.__doc__ = f"Bind jaxwrap's special-function primitive ``{name}``."
    bind.p = prim
    return bind


def _derivative(f, argnum: int, n: int):
    """The n-th derivative of ``f`` (raw arrays -> raw array) in argument ``argnum``,
    by nested forward-mode differentiation."""
    if n == 0:
        return f
    g = _derivative(f, argnum, n - 1)

    def h(*args):
        tangents = [_full(a, 0.0) for a in args]
        tangents[argnum] = _full(args[argnum], 1.0)
        return jax.jvp(g, tuple(args), tuple(tangents))[1]
    return h


def _raw(f):
    """A ``_V`` formula as a function of raw arrays."""
    return lambda *args: f(*map(_V, args)).v


def _times(f):
    """JVP rule ``t * f(*primals)``."""
    return lambda t, *args, **params: E.mul(t, f(*args, **params))


def _partial_x_igamma(a, x):
    """dP/dx, with its limits at x = 0 (inf for a < 1, 1 for a = 1, 0 for a > 1)."""
    pos = x > 0
    xs = where(pos, x, 1.0)
    at0 = where(a < 1, np.inf, where(a.eq(1), 1.0, 0.0, like=a))
    return where(pos, _dp_dx(a, xs), at0)


def _partial_x_betainc(a, b, x):
    inside = (x > 0) & (x < 1)
    xs = where(inside, x, 0.5)
    return where(inside, _dbeta_dx(a, b, xs), 0.0)


# --- the table ----------------------------------------------------------------------------------------
def _igamma_kernel(a, x):
    return _igamma_pq(a, x)[0]


def _igammac_kernel(a, x):
    return _igamma_pq(a, x)[1]


def _igamma_grad_a_kernel(a, x, *, order):
    p = _raw(lambda a, x: _igamma_pq(a, x, shadow=True)[0])
    return _V(_derivative(p, 0, order)(a.v, x.v))


def _random_gamma_grad_kernel(a, x):
    # Implicit reparameterization: P(a, x) held fixed, dx/da = -(dP/da) / (dP/dx).
    dpda = _igamma_grad_a_kernel(a, x, order=1)
    return -dpda / _partial_x_igamma(a, x)


def _betainc_kernel(a, b, x):
    return _betainc_pair(a, b, x)[0]


def _betainc_grad_kernel(a, b, x, *, da, db):
    i = _raw(lambda a, b, x: _betainc_pair(a, b, x, shadow=True)[0])
    f = _derivative(_derivative(i, 0, da), 1, db)
    return _V(f(a.v, b.v, x.v))


def _igamma_da(t, a, x, **p):
    return E.mul(t, igamma_grad_a(a, x, order=1))


def _igamma_dx(t, a, x, **p):
    return E.mul(t, _raw(_partial_x_igamma)(a, x))


def _grad_a_da(t, a, x, *, order):
    return E.mul(t, igamma_grad_a(a, x, order=order + 1))


def _grad_a_dx(t, a, x, *, order):
    return E.mul(t, _derivative(_raw(_partial_x_igamma), 0, order)(a, x))


def _rgg_expr(a, x):
    return E.neg(E.div(igamma_grad_a(a, x, order=1), _raw(_partial_x_igamma)(a, x)))


def _rgg_jvp(argnum):
    def rule(t, a, x):
        primals = (a, x)
        tangents = tuple(t if i == argnum else _full(v, 0.0) for i, v in enumerate(primals))
        return jax.jvp(_rgg_expr, primals, tangents)[1]
    return rule


def _betainc_jvp(which):
    def rule(t, a, b, x, da=0, db=0):
        if which == "x":
            f = _derivative(_derivative(_raw(_partial_x_betainc), 0, da), 1, db)
            return E.mul(t, f(a, b, x))
        d = (da + 1, db) if which == "a" else (da, db + 1)
        return E.mul(t, betainc_grad(a, b, x, da=d[0], db=d[1]))
    return rule


def _neg(rule):
    return lambda *args, **params: E.neg(rule(*args, **params))


def _inv_gamma_da(t, a, p, *, upper):
    # P(a, x) (or Q) held fixed: dx/da = -(dP/da) / (dP/dx)
    return E.mul(t, random_gamma_grad(a, igammainv(a, p, upper=upper)))


def _inv_gamma_dp(t, a, p, *, upper):
    x = igammainv(a, p, upper=upper)
    d = E.div(t, _raw(_partial_x_igamma)(a, x))
    return E.neg(d) if upper else d


def _inv_beta_d(argnum):
    def rule(t, a, b, y, *, upper):
        x = betaincinv(a, b, y, upper=upper)
        dens = _raw(_partial_x_betainc)(a, b, x)
        if argnum == 2:
            d = E.div(t, dens)
            return E.neg(d) if upper else d
        g = betainc_grad(a, b, x, da=1 - argnum, db=argnum)
        return E.neg(E.mul(t, E.div(g, dens)))
    return rule


def _betaln_kernel(a, b):
    """ln |B(a, b)| (``_lbeta``), -inf where one argument is +inf and the other positive."""
    inf = (a.eq(np.inf) & (b > 0)) | (b.eq(np.inf) & (a > 0))
    return where(inf, -np.inf, _lbeta(a, b))


def _betaln_jvp(argnum):
    def rule(t, a, b):
        return E.mul(t, E.sub(psi((a, b)[argnum]), psi(E.add(a, b))))
    return rule


def _gammaln_jvp(t, x):
    return E.mul(t, psi(x))


def _gamma_jvp(t, x):
    return E.mul(t, E.mul(gamma(x), psi(x)))


def _rgamma_jvp(t, x):
    return E.neg(E.mul(t, E.mul(rgamma(x), psi(x))))


#  name                 kernel                       JVP per operand
gammaln = _special("gammaln", _gammaln_kernel, (_gammaln_jvp,))
gamma = _special("gamma", _gamma_kernel, (_gamma_jvp,))
rgamma = _special("rgamma", lambda x: _gamma_kernel(x, reciprocal=True), (_rgamma_jvp,))
psi = _special("psi", _psi_kernel, (_times(lambda x: _raw(_trigamma)(x)),))
betaln = _special("betaln", _betaln_kernel, (_betaln_jvp(0), _betaln_jvp(1)))
zeta = _special("zeta", _zeta_kernel, (_zeta_ds, _zeta_dq), continued=False)
igamma = _special("igamma", _igamma_kernel, (_igamma_da, _igamma_dx))
igammac = _special("igammac", _igammac_kernel,
                   (lambda t, a, x: E.neg(_igamma_da(t, a, x)),
                    lambda t, a, x: E.neg(_igamma_dx(t, a, x))))
igamma_grad_a = _special("igamma_grad_a", _igamma_grad_a_kernel, (_grad_a_da, _grad_a_dx),
                         order=1)
random_gamma_grad = _special("random_gamma_grad", _random_gamma_grad_kernel,
                             (_rgg_jvp(0), _rgg_jvp(1)))
betainc = _special("betainc", _betainc_kernel,
                   (_betainc_jvp("a"), _betainc_jvp("b"), _betainc_jvp("x")))
betaincc = _special("betaincc", lambda a, b, x: _betainc_pair(a, b, x)[1],
                    tuple(_neg(_betainc_jvp(w)) for w in "abx"))
igammainv = _special("igammainv", _igammainv_kernel, (_inv_gamma_da, _inv_gamma_dp), upper=False)
betaincinv = _special("betaincinv", _betaincinv_kernel,
                      (_inv_beta_d(0), _inv_beta_d(1), _inv_beta_d(2)), upper=False)
betainc_grad = _special("betainc_grad", _betainc_grad_kernel,
                        (_betainc_jvp("a"), _betainc_jvp("b"), _betainc_jvp("x")))


# Temme's d[k][n] (see _temme_sum); generated, do not edit by hand.
_TEMME_D = (
    (-0.3333333333333333, 0.08333333333333333, -0.014814814814814815, 0.0011574074074074073, 0.0003527336860670194, -0.0001787551440329218, 3.919263178522438e-05, -2.185448510679992e-06, -1.85406221071516e-06, 8.296711340953087e-07, -1.7665952736826078e-07, 6.707853543401498e-09, 1.0261809784240309e-08, -4.382036018453353e-09, 9.14769958223679e-10, -2.5514193994946248e-11, -5.830772132550426e-11, 2.4361948020667415e-11, -5.0276692801141755e-12, 1.1004392031956135e-13, 3.371763262400985e-13, -1.392388722418162e-13, 2.8534893807047445e-14, -5.139111834242572e-16, -1.9752288294349442e-15, 8.099521156704561e-16, -1.6522531216398162e-16, 2.5305430097478883e-18, 1.1686939738559576e-17, -4.770037049820485e-18),
    (-0.001851851851851852, -0.003472222222222222, 0.0026455026455026454, -0.0009902263374485596, 0.00020576131687242798, -4.018775720164609e-07, -1.8098550334489977e-05, 7.64916091608111e-06, -1.6120900894563446e-06, 4.647127802807434e-09, 1.378633446915721e-07, -5.752545603517705e-08, 1.1951628599778148e-08, -1.7543241719747647e-11, -1.0091543710600413e-09, 4.162792991842583e-10, -8.56390702649298e-11, 6.067215101604758e-14, 7.1624989648114856e-12, -2.933186643771437e-12, 5.996696365683689e-13, -2.1671786527323313e-16, -4.978339972369262e-14, 2.0291628823713425e-14, -4.13125571381061e-15, 8.286516239883097e-19, 3.4100308869333327e-16, -1.3854195302893971e-16, 2.812346653228875e-17, -3.406444194143029e-21),
    (0.004133597883597883, -0.0026813271604938273, 0.0007716049382716049, 2.0093878600823047e-06, -0.0001073665322636516, 5.2923448829120125e-05, -1.2760635188618728e-05, 3.423578734096138e-08, 1.3721957309062934e-06, -6.298992138380055e-07, 1.4280614206064242e-07, -2.0477098421990866e-10, -1.409252991086752e-08, 6.228974084922022e-09, -1.3670488396617114e-09, 9.428356159014678e-13, 1.2872252400089318e-10, -5.5645956134363323e-11, 1.197593554636698e-11, -4.1689782251838634e-15, -1.0940640427884595e-12, 4.662239946390136e-13, -9.905105763906907e-14, 1.8931876768373515e-17, 8.859221872591127e-15, -3.737820398046405e-15, 7.868833639035156e-16, -9.000027395741211e-20, -6.928881229347671e-17, 2.9020384270164786e-17),
    (0.0006494341563786008, 0.00022947209362139917, -0.0004691894943952557, 0.00026772063206283885, -7.561801671883977e-05, -2.396505113867297e-07, 1.1082654115347302e-05, -5.6749528269915965e-06, 1.4230900732435883e-06, -2.7861080291528143e-11, -1.6958404091930278e-07, 8.099464905388083e-08, -1.9111168485973655e-08, 2.3928620439808118e-12, 2.0620131815488797e-09, -9.460496661855133e-10, 2.1541049775774907e-10, -1.388823336813903e-14, -2.1894761681963938e-11, 9.790998951171684e-12, -2.178219188018096e-12, 6.208819573407901e-17, 2.126978363279737e-13, -9.344688791517433e-14, 2.045367122678285e-14, -2.58260790403495e-19, -1.9405297673344544e-15, 8.415979290484816e-16, -1.8200430439538226e-16, 1.0735443641247309e-21),
    (-0.0008618882909167117, 0.0007840392217200666, -0.0002990724803031902, -1.4638452578843418e-06, 6.641498215465122e-05, -3.968365047179435e-05, 1.1375726970678419e-05, 2.507497226237533e-10, -1.6954149536558305e-06, 8.907507532205309e-07, -2.292934834000805e-07, 2.956794137544049e-11, 2.8865829742708783e-08, -1.4189739437803219e-08, 3.4463580499464896e-09, -2.3024517174528067e-13, -3.9409233028046403e-10, 1.86023389685045e-10, -4.356323005056618e-11, 1.278600101629623e-15, 4.67927502665792e-12, -2.149246470613483e-12, 4.908815614809652e-13, -6.33859148489156e-18, -5.045332069080094e-14, 2.2722958222901286e-14, -5.096082608472402e-15, 3.0552097557171355e-20, 5.069021676310552e-16, -2.249383695648181e-16),
    (-0.00033679855336635813, -6.972813758365857e-05, 0.0002772753244959392, -0.00019932570516188847, 6.797780477937208e-05, 1.419062920643967e-07, -1.3594048189768693e-05, 8.018470256334202e-06, -2.291481176508095e-06, -3.252473551298454e-10, 3.4652846491085265e-07, -1.8447187191171344e-07, 4.8240967037894184e-08, -1.7989466721743514e-14, -6.306194500013523e-09, 3.162417628774568e-09, -7.840924253697429e-10, 5.192679165254041e-15, 9.358944242306784e-11, -4.513426216163278e-11, 1.0799129993116828e-11, -3.661886712685252e-17, -1.210902069055155e-12, 5.680743584990564e-13, -1.3249659916340829e-13, 1.8987240764284076e-19, 1.4193390236794701e-14, -6.523214701424697e-15, 1.4925242636202885e-15, -8.800389458732369e-22),
    (0.0005313079364639922, -0.0005921664373536939, 0.0002708782096718045, 7.902353232660328e-07, -8.153969367561969e-05, 5.61168275310625e-05, -1.8329116582843375e-05, -3.0796134506033047e-09, 3.465155368803609e-06, -2.0291327396058603e-06, 5.788792863149004e-07, 2.338630673826657e-13, -8.828600746330484e-08, 4.7435958880408125e-08, -1.2545415020710383e-08, 8.649648858010293e-14, 1.6846058979264062e-09, -8.575492823577594e-10, 2.1598224929232125e-10, -7.613230520476153e-16, -2.6639822008536144e-11, 1.3065700536611057e-11, -3.1799163902367977e-12, 4.710976121367431e-18, 3.6902800842763465e-13, -1.7612674046201426e-13, 4.179066786051478e-14, -2.5344679379178804e-20, -4.632065942001605e-15, 2.165145485964643e-15),
    (0.00034436760689237765, 5.171790908260592e-05, -0.00033493161081142234, 0.0002812695154763237, -0.00010976582244684731, -1.2741009095484485e-07, 2.7744451511563645e-05, -1.8263488805711332e-05, 5.7876949497350525e-06, 4.93875893393627e-10, -1.0595367014026043e-06, 6.166714376110408e-07, -1.7562973359060463e-07, -1.297447328701544e-12, 2.695423606288966e-08, -1.4578352908731272e-08, 3.887645959386175e-09, -3.881002251019412e-17, -5.327994173877286e-10, 2.7437977643314844e-10, -6.995796092070568e-11, 2.589986387486848e-17, 8.856689099669639e-12, -4.403168815871311e-12, 1.0865561947091654e-12, -2.0467988447416678e-19, -1.2969794421692939e-13, 6.278922059147728e-14, -1.5112948371679396e-14, 1.1708345473797399e-21),
    (-0.0006526239185953094, 0.0008394987206720873, -0.000438297098541721, -6.969091458420552e-07, 0.00016644846642067547, -0.00012783517679769218, 4.629953263691304e-05, 4.557909867922708e-09, -1.0595271125805195e-05, 6.783342904865167e-06, -2.1075476666258803e-06, -1.7213731432817144e-11, 3.773587741611098e-07, -2.1867506700122867e-07, 6.220228804018927e-08, 6.597703826733e-16, -9.590386497425686e-09, 5.213214492280807e-09, -1.3991589583935709e-09, 5.382058999060575e-16, 1.9484714275467745e-10, -1.0127287556389682e-10, 2.6077347197254926e-11, -5.090418699993299e-18, -3.3721464474854593e-12, 1.6953089140808568e-12, -4.2316254586191543e-13, 3.3823327480704694e-20, 5.171393693611211e-14, -2.5337819883238846e-14),
    (-0.0005967612901927463, -7.204895416020011e-05, 0.0006782308837667328, -0.0006401475260262758, 0.00027750107634328704, 1.819700838046515e-07, -8.479507117068503e-05, 6.105192082501531e-05, -2.1073920183404862e-05, -8.858589014125599e-10, 4.5284535953805374e-06, -2.8427815022504407e-06, 8.708234177864641e-07, 3.6886101871706966e-12, -1.534469519070206e-07, 8.862466778790695e-08, -2.5184812301826817e-08, -1.0225912098215092e-14, 3.896947075815478e-09, -2.1267304792235634e-09, 5.737013552805138e-10, -1.8877498501697116e-19, -8.093153869465787e-11, 4.23827232834492e-11, -1.1002224534207725e-11, 2.3327607706802836e-19, 1.4479903729175772e-12, -7.347967787383142e-13, 1.8518691673758749e-13, -1.9887568468966824e-21),
    (0.0013324454494800656, -0.0019144384985654776, 0.0011089369134596636, 9.9324041226423e-07, -0.0005087450129309319, 0.00042735056665392886, -0.00016858853767910798, -8.1301893922785e-09, 4.5284402370562144e-05, -3.127053674781734e-05, 1.044986828530338e-05, 4.8435226265680926e-11, -2.148256587345626e-06, 1.329369701097492e-06, -4.029569309210103e-07, -1.756787766632329e-13, 7.014504316366825e-08, -4.040787734999483e-08, 1.1474026743371964e-08, 3.964274685356394e-18, -1.7804938269892715e-09, 9.748026254873165e-10, -2.6405338676507616e-10, 5.79487516340376e-18, 3.764774955354384e-11, -1.983951296757828e-11, 5.185233656748139e-12, -5.749162558269406e-20, -6.926251638432814e-13, 3.542815745370807e-13),
    (0.001579727660730835, 0.00016251626278391583, -0.0020633421035543276, 0.00213896861856891, -0.0010108559391263003, -3.99127055299192e-07, 0.0003623502508476469, -0.00028143901463712157, 0.00010449513336495887, 2.12114184918303e-09, -2.5779417251947842e-05, 1.7281818956040464e-05, -5.641377387290428e-06, -1.1024320105776174e-11, 1.1223224418895174e-06, -6.869339637952674e-07, 2.0653236975414888e-07, 4.6714772409838506e-14, -3.5609886164949055e-08, 2.0470855345905963e-08, -5.809173863328336e-09, -1.3328212875828647e-16, 9.035460439133513e-10, -4.959878251733084e-10, 1.3481607129399748e-10, -1.670378498659395e-21, -1.939350490392558e-11, 1.027416566641991e-11, -2.700750630126185e-12, 3.3260696116585926e-21),
    (-0.004072512119514016, 0.00640336283380807, -0.004041016108167662, -2.1837328028662328e-06, 0.002174044180125464, -0.001970044051841889, 0.0008359546974796246, 1.9445447567109655e-08, -0.000257793871204217, 0.00019009987368139304, -6.769649993743896e-05, -1.4440629666426571e-10, 1.5712512518742267e-05, -1.0304008744776894e-05, 3.304517767401387e-06, 7.982976024232571e-13, -6.4097794149313e-07, 3.8894624761300054e-07, -1.161834764494887e-07, -2.8168086305964423e-15, 1.9878012911297094e-08, -1.1407719956357511e-08, 3.2355857064185554e-09, 4.1759462466484876e-20, -5.042311271810582e-10, 2.7740247286170716e-10, -7.562101761668138e-11, 9.6044764345341e-20, 1.0960864115705617e-11, -5.833137061908712e-12),
)
