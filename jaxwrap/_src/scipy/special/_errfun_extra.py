"""Kernels of the real functions derived from the Faddeeva function and the
normal distribution: dawsn and erfi of real x, fresnel, voigt_profile,
owens_t.  Inputs are promoted float32/float64 arrays.

* dawsn(x): rational approximations on the three intervals of Cody, Paciorek
  & Thacher ("Chebyshev approximations for Dawson's integral", Math. Comp. 24,
  1970): |x| < 3.25: x P(x^2)/Q(x^2); 3.25 <= |x| < 6.25 and beyond:
  (1 + t P(t)/Q(t)) / (2|x|), t = 1/x^2, with our own near-minimax coefficients
  (``python -m tools.fit_rational dawsn``; max error 1-3 ulp).  The three
  coefficient sets are padded to one degree and selected per element, so each
  point evaluates one rational function (two divisions in all).
  erfi(x) = 2/sqrt(pi) exp(x^2) F(x) (exp(x^2) from an exact split of x^2);
  |x| < 0.7: DLMF 7.6.1 with the signs of the terms all positive.
* fresnel: C + iS = (1+i)/2 - (g + i f) exp(i pi x^2/2) with
  g + i f = (1+i)/2 w((1+i) sqrt(pi) x/2) (DLMF 7.5.10 and 7.2.9 written
  with w); the phase pi x^2/2 is reduced exactly (x^2 = hi^2 + rest with hi^2
  exact, hi^2 mod 4 exact).  |x| < 1.2: the Maclaurin series (DLMF 7.6.4,
  7.6.6), 18 terms (last term < 1e-18).
* voigt_profile: Re w((x + i|gamma|)/(|sigma| sqrt 2)) / (sigma sqrt(2 pi)),
  the Cauchy density for sigma = 0, the normal density for gamma = 0.
* owens_t: for |a| <= 1 the defining integral, on [0, min(|a|, B/|h|)]
  (beyond x = B/|h| the integrand is below exp(-B^2/2) of its maximum:
  B = 9 in float64, 6 in float32), by composite Gauss-Legendre (4 panels of
  12 nodes / 3 of 8; measured against mpmath: 1e-16 relative), the factor
  exp(-h^2/2) taken out and computed exactly; for |a| > 1 the identity
  T(h, a) = (Q(h) + Q(ah))/2 - Q(h) Q(ah) - T(ah, 1/a), Q = 1 - Phi, h >= 0
  (Owen 1956, eq. 2.3; the Q form avoids the cancellation of
  Phi(h)/2 + Phi(ah)/2 - Phi(h) Phi(ah) for large h).
"""

from __future__ import annotations

import math

import numpy as np

from ... import lax as L
from . import _errfun_complex as C
from ._errfun_real import INV_SQRT_PI, SQRT_PI, c, exp_neg_sq, exp_sq, ndtr_lower, where


def _odd_series(x, coef, nterms):
    x2 = L.mul(x, x)
    acc = L.broadcast_in_dim(c(x, coef(nterms - 1)), tuple(x.shape), ())
    for n in range(nterms - 2, -1, -1):
        acc = L.add(L.mul(acc, x2), c(x, coef(n)))
    return L.mul(acc, x)


# Dawson's integral: per dtype, per interval ((mid, 1/half), P, Q) with the rational
# function in u = (v - mid)/half, v = x^2 on [0, 3.25) and v = 1/x^2 beyond.
_DAWSN_SPLIT = (3.25, 6.25)
_DAWSN = {
    np.dtype(np.float64): [
        # small: v in [0, 10.5625], degrees (9, 10),
        # max relative error 6.7e-16 (float64 Horner)
        ((0.0, 1.0),
         [1.0, -0.09180392618440342, 0.04226615848159568, -0.0008524120967084467,
          0.0003525266677585248, 3.060245699634936e-06, 9.527466784321141e-07,
          1.9396145986826517e-08, 8.479824866656931e-10, 1.1334686523086904e-11],
         [1.0, 0.5748627404822623, 0.15884131880312163, 0.027935545833788926,
          0.0034863878868626338, 0.0003253129788504633, 2.3229100793871886e-05,
          1.2711690102082429e-06, 5.205131908566831e-08, 1.4858221801815845e-09,
          2.397254718338472e-11]),
        # mid: v in [0.0256, 0.0946746], degrees (10, 10),
        # max relative error 8.9e-16 (float64 Horner)
        ((0.060137278106508874, 28.954221491228072),
         [0.5539292752206735, 0.8547659534883958, 0.9977815632878044, 0.6521423105910976,
          0.38288064818336137, 0.135656294724108, 0.05309041682177773, 0.00955628238035701,
          0.003087100058467892, 0.00014065232073784935, 4.179909004780787e-05],
         [1.0, 1.4747968276420034, 1.6904416714834736, 1.0441675874271514, 0.5980091832065388,
          0.18801201994569908, 0.07355315382965663, 0.008839685566788427, 0.004009616121639271,
          -8.365186112353277e-05, 8.264452702662476e-05]),
        # large: v in [0, 0.0256], degrees (4, 4),
        # max relative error 5.1e-15 (float64 Horner)
        ((0.0, 1.0),
         [0.5000000000000023, -12.42313969423226, 87.90945476766976, -176.10620375801673,
          30.065427520493913],
         [1.0, -26.346279388440987, 211.58832859794654, -583.9213461537577, 429.2880082125497]),
    ],
    np.dtype(np.float32): [
        # small: v in [0, 10.5625], degrees (5, 6),
        # max relative error 2.6e-07 (float32 Horner)
        ((0.0, 1.0),
         [0.9999999943271031, -0.046714106268536754, 0.03529320395122113, 0.0009766707829637123,
          0.00021925733826784054, 9.61989364128197e-06],
         [1.0, 0.6199522995574009, 0.1819300540673707, 0.03312722344739142,
          0.004102341573254816, 0.0003441000756174028, 2.052997940000889e-05]),
        # mid: v in [0.0256, 0.0946746], degrees (5, 5),
        # max relative error 2.0e-07 (float32 Horner)
        ((0.060137278106508874, 28.954221491228072),
         [0.5539292760704557, -0.3103842999678486, 0.45263567014176215, -0.17954123634165348,
          0.0673526697599256, -0.002244153777313063],
         [1.0, -0.6286309989943234, 0.8499603129962481, -0.3785864959538681, 0.139882699582923,
          -0.011442142502235571]),
        # large: v in [0, 0.0256], degrees (2, 2),
        # max relative error 1.1e-07 (float32 Horner)
        ((0.0, 1.0),
         [0.5000000006187066, -3.034202625014135, 1.3036391499967566],
         [1.0, -7.56840308267229, 10.209277072039331]),
    ],
}


def _pad(coefs, n):
    return list(coefs) + [0.0] * (n - len(coefs))


def _pick(small, mid, a, b, d):
    """The constant a (small), b (mid) or d (beyond) per element."""
    return where(small, a, where(mid, b, d))


def dawsn_real(x):
    regions = _DAWSN[np.dtype(x.dtype)]
    ax = L.abs(x)
    small = L.lt(ax, c(x, _DAWSN_SPLIT[0]))
    mid = L.lt(ax, c(x, _DAWSN_SPLIT[1]))
    rcp = L.div(c(x, 1.0), ax)  # (inf at 0: only used beyond 3.25)
    v = where(small, L.mul(ax, ax), L.mul(rcp, rcp))
    (s0, i0), (s1, i1), (s2, i2) = (r[0] for r in regions)
    u = L.mul(L.sub(v, _pick(small, mid, c(x, s0), c(x, s1), c(x, s2))),
              _pick(small, mid, c(x, i0), c(x, i1), c(x, i2)))

    def horner(k):
        n = max(len(r[k]) for r in regions)
        cs = [_pad(r[k], n) for r in regions]
        acc = _pick(small, mid, *(c(x, a[-1]) for a in cs))
        for i in range(n - 2, -1, -1):
            acc = L.add(L.mul(acc, u), _pick(small, mid, *(c(x, a[i]) for a in cs)))
        return acc

    # one expression for all intervals (each intermediate used once keeps XLA's
    # elementwise fusion in one piece): m (c + w P/Q) with m = |x|, c = 0, w = 1 below
    # 3.25, m = 1/(2|x|), c = 1, w = t beyond
    m = where(small, ax, L.mul(rcp, c(x, 0.5)))
    w = where(small, c(x, 1.0), v)
    d = L.mul(m, L.add(where(small, c(x, 0.0), c(x, 1.0)), L.mul(w, L.div(horner(1), horner(2)))))
    return where(L.lt(x, c(x, 0.0)), L.neg(d), d)


def erfi_real(x):
    e = exp_sq(x)
    big = L.mul(L.mul(e, dawsn_real(x)), c(x, 2 * INV_SQRT_PI))
    # exp(x^2) overflows a little before erfi does (erfi ~ exp(x^2)/(x sqrt pi))
    big = where(L.is_finite(e), big, L.mul(L.sign(x), c(x, np.inf)))
    ser = _odd_series(x, lambda n: 2 * INV_SQRT_PI / (math.factorial(n) * (2 * n + 1)), 24)
    return where(L.lt(L.abs(x), c(x, 0.7)), ser, big)


# --- fresnel ------------------------------------------------------------------------------------
_FRESNEL_SMALL = 1.2
_FRESNEL_TERMS = 18
_HUGE = {np.dtype(np.float32): 1e8, np.dtype(np.float64): 1e16}  # beyond: S = C = 1/2


def _fresnel_series(x):
    h = math.pi / 2
    x4 = L.mul(L.mul(x, x), L.mul(x, x))

    def poly(coef):
        acc = L.broadcast_in_dim(c(x, coef[-1]), tuple(x.shape), ())
        for a in reversed(coef[:-1]):
            acc = L.add(L.mul(acc, x4), c(x, a))
        return acc

    n = range(_FRESNEL_TERMS)
    cc = [(-1) ** k * h ** (2 * k) / (math.factorial(2 * k) * (4 * k + 1)) for k in n]
    ss = [(-1) ** k * h ** (2 * k + 1) / (math.factorial(2 * k + 1) * (4 * k + 3)) for k in n]
    return L.mul(poly(ss), L.mul(L.mul(x, x), x)), L.mul(poly(cc), x)


def fresnel(x):
    ax = L.min(L.abs(x), c(x, _HUGE[np.dtype(x.dtype)]))
    u = L.mul(ax, c(x, SQRT_PI / 2))
    w = C.wofz(L.complex(u, u))
    gf = L.mul(w, c(w, (1 + 1j) / 2))  # g + i f
    hi, lo = C._split(ax)
    m = L.rem(L.mul(hi, hi), c(x, 4.0))  # exact
    rest = L.add(L.mul(L.mul(hi, lo), c(x, 2.0)), L.mul(lo, lo))
    phase = L.mul(L.add(m, rest), c(x, math.pi / 2))
    e = L.complex(L.cos(phase), L.sin(phase))
    v = L.mul(gf, e)
    s_big = L.sub(c(x, 0.5), L.imag(v))
    c_big = L.sub(c(x, 0.5), L.real(v))
    huge = L.ge(ax, c(x, _HUGE[np.dtype(x.dtype)]))
    s_big = where(huge, c(x, 0.5), s_big)
    c_big = where(huge, c(x, 0.5), c_big)
    s_ser, c_ser = _fresnel_series(L.min(ax, c(x, _FRESNEL_SMALL)))
    small = L.lt(ax, c(x, _FRESNEL_SMALL))
    s, cc = where(small, s_ser, s_big), where(small, c_ser, c_big)
    neg = L.lt(x, c(x, 0.0))
    s, cc = where(neg, L.neg(s), s), where(neg, L.neg(cc), cc)
    nan = L.ne(x, x)
    return where(nan, x, s), where(nan, x, cc)


# --- voigt profile ----------------------------------------------------------------------------
def voigt_profile(x, sigma, gamma):
    s, g = L.abs(sigma), L.abs(gamma)
    zero_s = L.eq(s, c(s, 0.0))
    zero_g = L.eq(g, c(g, 0.0))
    s_safe = where(zero_s, c(s, 1.0), s)
    k = L.div(c(x, 1 / math.sqrt(2)), s_safe)
    # Im z = |gamma| k >= 0: the upper half plane, where Re w is what is wanted
    w = C.wofz_upper_fine(L.complex(L.mul(x, k), L.mul(g, k)))
    v = L.div(L.real(w), L.mul(where(zero_s, c(s, 1.0), sigma), c(x, math.sqrt(2 * math.pi))))
    # gamma = 0: the normal density (exact exp, no Weideman error in the tail)
    gauss = L.div(exp_neg_sq(L.mul(x, k), 1.0),
                  L.mul(where(zero_s, c(s, 1.0), sigma), c(x, math.sqrt(2 * math.pi))))
    v = where(zero_g, gauss, v)
    g_safe = where(zero_g, c(g, 1.0), g)
    cauchy = L.div(g_safe, L.mul(L.add(L.mul(x, x), L.mul(g_safe, g_safe)), c(x, math.pi)))
    delta = where(L.eq(x, c(x, 0.0)), c(x, np.inf), c(x, 0.0))
    v0 = where(zero_g, delta, cauchy)
    return where(zero_s, v0, v)


# --- Owen's T -----------------------------------------------------------------------------------
# (panels, nodes per panel, B): composite Gauss-Legendre on [0, min(a, B/h)];
# one 48-node rule leaves 1e-14 (the Gaussian factor spans e^0..e^-40 across
# the interval), 4 panels of 12 nodes reach 1e-16 (measured with mpmath).
_OWENS = {np.dtype(np.float32): (3, 8, 6.0), np.dtype(np.float64): (4, 12, 9.0)}


def _owens_t_small_a(h, a):
    """T(h, a) for h >= 0 (finite or inf), 0 <= a <= 1."""
    panels, n, b = _OWENS[np.dtype(h.dtype)]
    t, wts = np.polynomial.legendre.leggauss(n)
    pos = L.gt(h, c(h, 0.0))
    xm = L.min(a, L.div(c(h, b), where(pos, h, c(h, 1.0))))
    xm = where(pos, xm, a)
    half = L.mul(xm, c(h, 0.5 / panels))  # half width of a panel
    acc = None
    for p in range(panels):
        for ti, wi in zip(t, wts):
            xi = L.mul(half, c(h, 2 * p + 1.0 + ti))
            hx = L.mul(h, xi)
            hx = where(L.is_finite(hx), hx, c(h, 0.0))
            f = L.div(exp_neg_sq(hx, 0.5), L.add(c(h, 1.0), L.mul(xi, xi)))
            term = L.mul(f, c(h, wi))
            acc = term if acc is None else L.add(acc, term)
    integral = L.mul(acc, half)
    return L.mul(L.mul(integral, exp_neg_sq(h, 0.5)), c(h, 1 / (2 * math.pi)))


def owens_t(h, a):
    ah_ = L.abs(h)
    aa = L.abs(a)
    small = L.le(aa, c(a, 1.0))
    inv = L.div(c(a, 1.0), where(small, c(a, 1.0), aa))
    # |a| > 1: T(h, a) = (Q(h) + Q(ah))/2 - Q(h) Q(ah) - T(ah, 1/a)
    hb = where(L.eq(ah_, c(h, 0.0)), c(h, 0.0), L.mul(ah_, where(small, c(a, 1.0), aa)))
    # one quadrature for both cases: T(|h|, |a|) or T(|ah|, 1/|a|)
    t_int = _owens_t_small_a(where(small, ah_, hb), where(small, aa, inv))
    qh = ndtr_lower(L.neg(ah_))
    qah = ndtr_lower(L.neg(hb))
    big = L.sub(L.sub(L.mul(L.add(qh, qah), c(h, 0.5)), L.mul(qh, qah)), t_int)
    t = where(small, t_int, big)
    t = where(L.lt(a, c(a, 0.0)), L.neg(t), t)
    nan = L.or_(L.ne(h, h), L.ne(a, a))
    return where(nan, c(h, np.nan), t)
