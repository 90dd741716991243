"""Bessel functions of real order and complex argument (private kernels).

One core computes the scaled pair

    ie = exp(-Re w) I_a(w),   ke = exp(w) K_a(w),   a >= 0, Re w >= 0,

and every public variant is a rotation / continuation of it:

* K_mu, K_{mu+1} for mu = a - round(a) in [-1/2, 1/2):
  Temme's series (N. M. Temme, "On the numerical evaluation of the modified
  Bessel function of the third kind", J. Comput. Phys. 19 (1975) 324-337) for
  |w| <= 2, and for |w| < 3.5 next to the imaginary axis (Re w <= 1), where
  its cancellation is at most exp(2 Re w) ~ 7; elsewhere Steed's continued
  fraction CF2 (I. J. Thompson and A. R. Barnett, "Modified Bessel functions
  I_v(z) and K_v(z) of real order and complex argument", Comput. Phys.
  Commun. 47 (1987) 245-257).  Temme: 20 terms, the k-th term is bounded by
  (|w|/2)^(2k) / (k!)^2 < 1e-27 at |w| = 3.5.  CF2: 100 terms; measured
  against scipy on the edge of its region (|w| ~ 2, arg w ~ 60 degrees, the
  slowest point) the truncation error is below 1e-15.
* forward recurrence in the order K_{b+1} = K_{b-1} + (2b/w) K_b (DLMF
  10.29.1), stable for the dominant K in Re w >= 0; at most _NMAX steps
  (orders up to _NMAX + 1/2; larger orders give NaN).
* I_a from the Wronskian I_a K_{a+1} + I_{a+1} K_a = 1/w (DLMF 10.28.2) with
  the ratio I_{a+1}/I_a from its continued fraction (DLMF 10.33.1), summed
  backwards from depth _NCF1 = 400: measured, 1.2 |w| + 30 terms give full
  double accuracy, so the fraction serves |w| <= 300.
* |w| > 300: Hankel's expansion of I (DLMF 10.40.5, 30 terms) where
  a^2 <= 4 |w|: the k-th term is then below 2^k / k! (largest ~2, so little
  cancellation; 2^30 / 30! < 1e-23).  The rest of that region (order above
  2 sqrt|w| with |w| > 300, e.g. a > 35 at |w| = 300) gives NaN.
* K_mu for |w| >= 18 (9 in float32): Hankel's expansion (DLMF 10.40.2).

Rotations (Im z >= 0 after conj symmetry f(conj z) = conj f(z); the other
half-plane by conjugation, H1 <-> H2; Im z = -0.0 counts as the upper side,
as in scipy): J_a(z) = e^{a pi i/2} I_a(-iz) (DLMF 10.27.6), H1_a(z) =
(2/(pi i)) e^{-a pi i/2} K_a(-iz) (DLMF 10.27.8), Y = -i (H1 - J), H2 = 2J - H1;
I and K for Re z < 0 by DLMF 10.34.1-2 with m = 1; negative orders by DLMF
10.4.6-7 and 10.27.2-3.  Derivatives in z from the recurrences (DLMF 10.6.1,
10.29.1); the derivative in the order is NaN.
"""

from __future__ import annotations

import math

import jax
import numpy as np

from ... import control
from ... import lax as L
from ._gamma_complex import _ZETA

_NMAX = 100      # forward-recurrence steps for K: orders up to 100.5
_NCF1 = 400      # depth of the I-ratio continued fraction: |w| <= 300
_NCF2 = 100      # Steed's CF2 terms
_NTEMME = 20     # Temme series terms
_NASYM = 30      # Hankel expansion terms for I
_NKASYM = 40     # at most, for K (|w| >= 18: 2|w| terms give exp(-2|w|) < 3e-16)
# |w| from which K_mu comes from Hankel's expansion (error ~ exp(-2|w|) below the dtype's
# eps); Steed's CF2 below it (its partial numerators overflow float32 beyond |w| ~ 15)
_KBIG = {np.dtype(np.float32): 9.0, np.dtype(np.float64): 18.0}
_BIG = 300.0     # |w| beyond which I comes from Hankel's expansion
_EULER = 0.57721566490153286061


def _rgamma1p_coeffs(n):
    """Taylor coefficients of 1/Gamma(1 + x): exp(gamma x - sum_k (-1)^k zeta(k) x^k / k)
    (DLMF 5.7.3), the exponential of a series by g' = l' g."""
    lc = [0.0, _EULER] + [-((-1) ** k) * _ZETA[k - 2] / k for k in range(2, n + 1)]
    d = [1.0]
    for m in range(1, n + 1):
        d.append(math.fsum(k * lc[k] * d[m - k] for k in range(1, m + 1)) / m)
    return d


_D = _rgamma1p_coeffs(30)   # |mu| <= 1/2: d_30 0.5^30 is far below 1e-20


# --- a small expression wrapper for complex arithmetic -----------------------------------------
class Z:
    """Wraps a real or complex array; operators bind jaxwrap primitives, Python numbers
    (complex included) become constants of the array's dtype."""
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a.a if isinstance(a, Z) else a

    @property
    def dtype(self):
        return np.dtype(self.a.dtype)

    def _o(self, y):
        if isinstance(y, Z):
            y = y.a
        if isinstance(y, (bool, int, float, complex, np.number)):
            return L.broadcast_in_dim(np.array(y, self.dtype), tuple(np.shape(self.a)), ())
        return y

    def _b(self, f, y, rev=False):
        x, y = self.a, self._o(y)
        if rev:
            x, y = y, x
        kx, ky = np.dtype(x.dtype).kind, np.dtype(y.dtype).kind
        if kx != ky:
            # mixed real / complex: act on the parts (a complex product or quotient expands to
            # many more ops, and XLA's compile time grows with them)
            if f in (L.mul, L.div) and ky != "c":
                return Z(L.complex(f(L.real(x), y), f(L.imag(x), y)))
            if f is L.mul:
                return Z(L.complex(L.mul(x, L.real(y)), L.mul(x, L.imag(y))))
            if f in (L.add, L.sub) and ky != "c":
                return Z(L.complex(f(L.real(x), y), L.imag(x)))
            if f is L.add:
                return Z(L.complex(L.add(x, L.real(y)), L.imag(y)))
            x, y = _tocomplex(x), _tocomplex(y)
        return Z(f(x, y))

    def __add__(self, y): return self._b(L.add, y)
    def __radd__(self, y): return self._b(L.add, y, True)
    def __sub__(self, y): return self._b(L.sub, y)
    def __rsub__(self, y): return self._b(L.sub, y, True)
    def __mul__(self, y): return self._b(L.mul, y)
    def __rmul__(self, y): return self._b(L.mul, y, True)
    def __truediv__(self, y): return self._b(L.div, y)
    def __rtruediv__(self, y): return self._b(L.div, y, True)
    def __neg__(self): return Z(L.neg(self.a))
    def __lt__(self, y): return Z(L.lt(self.a, self._o(y)))
    def __le__(self, y): return Z(L.le(self.a, self._o(y)))
    def __gt__(self, y): return Z(L.gt(self.a, self._o(y)))
    def __ge__(self, y): return Z(L.ge(self.a, self._o(y)))
    def eq(self, y): return Z(L.eq(self.a, self._o(y)))
    def __and__(self, y): return Z(L.and_(self.a, y.a))
    def __or__(self, y): return Z(L.or_(self.a, y.a))
    def __invert__(self): return Z(L.not_(self.a))

    @property
    def re(self): return Z(L.real(self.a))

    @property
    def im(self): return Z(L.imag(self.a))

    def conj(self): return Z(L.conj(self.a))


def _tocomplex(x):
    if np.dtype(x.dtype).kind == "c":
        return x
    return L.complex(x, L.mul(x, np.array(0, x.dtype)))


jax.tree_util.register_pytree_node(Z, lambda e: ((e.a,), None), lambda _, ch: Z(ch[0]))


def _u(f):
    return lambda x: Z(f(x.a))


exp, log, sqrt, sin, cos = _u(L.exp), _u(L.log), _u(L.sqrt), _u(L.sin), _u(L.cos)
absz, floor = _u(L.abs), _u(L.floor)


def cx(re, im=None):
    """complex(re, im) from real Z's (im = 0 when omitted)."""
    im = re * 0.0 if im is None else im
    return Z(L.complex(re.a, im.a))


def where(cond, x, y):
    like = x if isinstance(x, Z) else y
    xa = like._o(x)
    ya = like._o(y)
    return Z(L.select_n(cond.a, ya, xa))


def expi(t):
    """exp(i t) for real t."""
    return cx(cos(t), sin(t))


def sinpi(v):
    """sin(pi v), exactly 0 at integers (v reduced to [-1/2, 1/2] first)."""
    n = Z(L.round(v.a, 1))
    s = sin((v - n) * math.pi)
    odd = ~(n * 0.5 - floor(n * 0.5)).eq(0.0)
    return where(odd, -s, s)


def cospi(v):
    n = Z(L.round(v.a, 1))
    f = v - n
    c = sin((0.5 - absz(f)) * math.pi)      # 1/2 - |f| is exact: accurate near the zeros
    odd = ~(n * 0.5 - floor(n * 0.5)).eq(0.0)
    return where(odd, -c, c)


def _poly(x, coef):
    acc = x * 0.0 + coef[-1]
    for a in reversed(coef[:-1]):
        acc = acc * x + a
    return acc


# --- the core: scaled I_a and K_a for a >= 0, Re w >= 0 ----------------------------------------
# Each series / continued fraction is a "part": (count, init, step, finish), step(k, carry)
# for k = 1 .. count (k a float array of the real dtype).  _core runs all parts of one
# kernel in ONE scan (XLA's compile time grows with the number of loops, ~1.5 s each).
def _temme(mu, w):
    """K_mu(w), K_{mu+1}(w) (unscaled), |w| <= 3.5, |mu| <= 1/2 (Temme 1975)."""
    mu2 = mu * mu
    odd = [_D[j] for j in range(1, 31, 2)]
    even = [_D[j] for j in range(0, 31, 2)]
    g1 = -_poly(mu2, odd)                     # (1/G(1-mu) - 1/G(1+mu)) / (2 mu)
    g2 = _poly(mu2, even)                     # (1/G(1-mu) + 1/G(1+mu)) / 2
    gp = g2 - mu * g1                         # 1/G(1+mu)
    gm = g2 + mu * g1                         # 1/G(1-mu)
    pimu = mu * math.pi
    small = absz(pimu) < 1e-4
    ps = where(small, 1.0, pimu)
    fact = where(small, 1.0 + pimu * pimu / 6.0, ps / sin(ps))           # pi mu / sin(pi mu)
    x2 = w * 0.5
    d = -log(x2)
    e = mu * d
    ee = exp(e)
    eeinv = exp(-e)
    small_e = absz(e) < 0.5
    es = where(small_e, 1.0, e)
    sinhc = where(small_e, _poly(e * e, [1.0 / math.factorial(2 * k + 1) for k in range(10)]),
                  (ee - eeinv) * 0.5 / es)     # sinh(e)/e; 10 terms: 0.25^10/21! < 1e-25
    cosh = (ee + eeinv) * 0.5
    ff = (g1 * cosh + g2 * sinhc * d) * fact
    p = ee * 0.5 / gp
    q = eeinv * 0.5 / gm
    c = w * 0.0 + 1.0
    dd = x2 * x2

    def step(fi, carry):
        ff, p, q, c, s0, s1 = carry
        ff = (ff * fi + p + q) / (fi * fi - mu2)
        c = c * dd / fi
        p = p / (fi - mu)
        q = q / (fi + mu)
        return ff, p, q, c, s0 + c * ff, s1 + c * (p - ff * fi)

    def finish(carry):
        return carry[4], carry[5] * 2.0 / w

    return _NTEMME, (ff, p, q, c, ff, p), step, finish


def _cf2(mu, w):
    """exp(w) K_mu(w), exp(w) K_{mu+1}(w) by Steed's CF2 (Thompson & Barnett 1987)."""
    a1 = mu * mu * -1.0 + 0.25
    b = (w + 1.0) * 2.0
    d = 1.0 / b
    zero = w * 0.0
    q = zero + a1

    def step(fi, carry):
        a, cc, q1, q2, q, b, d, delh, h, s = carry
        a = a - fi * 2.0
        cc = -cc * a / (fi + 1.0)
        qn = (q1 - b * q2) / a
        q1, q2 = q2, qn
        q = q + cc * qn
        # cc grows like i! and q1, q2 decay like 1/i!: only their products enter, so rescale
        # by sc = max(|cc|, 1) to keep both in range (float32 overflows at i ~ 34 otherwise)
        sc = Z(L.max(absz(cc).a, np.array(1.0, a.dtype)))
        cc, q1, q2 = cc / sc, q1 * sc, q2 * sc
        b = b + 2.0
        d = 1.0 / (b + d * a)
        delh = (b * d - 1.0) * delh
        return a, cc, q1, q2, q, b, d, delh, h + delh, s + q * delh

    def finish(carry):
        h, s = carry[8], carry[9]
        k0 = sqrt(math.pi / 2.0 / w) / s
        return k0, k0 * (w + mu + 0.5 - h * a1) / w

    init = (-a1, zero + a1, zero, zero + 1.0, q, b, d, d, d, q * d + 1.0)
    return _NCF2 - 1, init, step, finish


def _cf1(a, w):
    """I_{a+1}(w) / I_a(w): 1/(2(a+1)/w + 1/(2(a+2)/w + ...)) summed from depth _NCF1 up."""
    two_w = 2.0 / w

    def step(fk, r):
        k = fk * -1.0 + float(_NCF1 + 1)          # k = _NCF1 .. 1
        return 1.0 / (two_w * (a + k) + r)
    return _NCF1, w * 0.0, step, lambda r: r


def _hankel_k(mu, w):
    """exp(w) K_mu(w), exp(w) K_{mu+1}(w) for |w| >= _KBIG, |mu| <= 1/2 (DLMF 10.40.2).
    The terms fall while k < 2|w| (ratio ~ k / (2|w|)) to the smallest one, ~exp(-2|w|):
    terms past k = 2|w| are left out; at most _NKASYM."""
    t = 1.0 / w
    kmax = absz(w) * 2.0
    m0, m1 = mu * mu * 4.0, (mu + 1.0) * (mu + 1.0) * 4.0
    one = w * 0.0 + 1.0

    def step(fk, carry):
        t0, s0, t1, s1 = carry
        odd2 = (fk * 2.0 - 1.0) * (fk * 2.0 - 1.0)
        t0 = t0 * t * ((m0 - odd2) / (fk * 8.0))
        t1 = t1 * t * ((m1 - odd2) / (fk * 8.0))
        use = kmax >= fk
        return t0, where(use, s0 + t0, s0), t1, where(use, s1 + t1, s1)

    def finish(carry):
        r = sqrt(math.pi / 2.0 / w)
        return carry[1] * r, carry[3] * r

    return _NKASYM, (one, one, one, one), step, finish


def _hankel_i(a, w):
    """exp(-Re w) I_a(w) for |w| > 300, a^2 <= 4 |w| (DLMF 10.40.5)."""
    m = a * a * 4.0
    t = 1.0 / w
    one = w * 0.0 + 1.0

    def step(fk, carry):
        term, s1, s2, sg = carry
        term = term * t * ((m - (fk * 2.0 - 1.0) * (fk * 2.0 - 1.0)) / (fk * 8.0))
        return term, s1 + term * sg, s2 + term, -sg

    def finish(carry):
        _, s1, s2, _ = carry
        # e^w S1 + i e^{+-a pi i} e^{-w} S2, over sqrt(2 pi w); + for Im w >= 0
        up = w.im >= 0.0
        sgn = where(up, w.re * 0.0 + 1.0, -1.0)
        rot = cx(cospi(a), sinpi(a) * sgn) * cx(w.re * 0.0, sgn)
        far = exp(w.re * -2.0) * expi(w.im * -2.0)
        r = 1.0 / sqrt(w * (2.0 * math.pi))
        return (s1 + rot * far * s2) * expi(w.im) * r

    return _NASYM, (one, one, one, a * 0.0 - 1.0), step, finish


def _run(parts, like):
    """All parts in one scan of the longest count; a part stops after its own count."""
    n = max(p[0] for p in parts)

    def body(j, carries):
        fk = like * 0.0 + Z(L.convert_element_type(L.add(j, np.int32(1)), like.dtype, False))
        out = []
        for (count, _, step, _), carry in zip(parts, carries):
            new = step(fk, carry)
            if count < n:
                go = fk <= float(count)
                new = jax.tree_util.tree_map(lambda x, y, go=go: where(go, x, y), new, carry,
                                             is_leaf=lambda x: isinstance(x, Z))
            out.append(new)
        return tuple(out)

    carries = control.fori_loop(0, n, body, tuple(p[1] for p in parts))
    return [p[3](c) for p, c in zip(parts, carries)]


def _core(a, w):
    """(exp(-Re w) I_a(w), exp(w) K_a(w)) for 0 <= a, Re w >= 0, 0 < |w| < inf."""
    n = floor(a + 0.5)
    mu = a - n
    aw = absz(w)
    tem = (aw <= 2.0) | ((w.re <= 1.0) & (aw < 3.5))
    far = aw >= _KBIG[mu.dtype]
    big = aw > _BIG
    (kt0, kt1), (kc0, kc1), (kh0, kh1), r, i_a = _run([
        _temme(mu, where(tem, w, 1.0)),
        _cf2(mu, where(tem | far, 4.0, w)),
        _hankel_k(mu, where(far, w, 20.0)),
        _cf1(a, where(big, 1.0, w)),
        _hankel_i(a, where(big, w, 1000.0))], mu)
    et = exp(where(tem, w, 1.0))
    k0 = where(tem, kt0 * et, where(far, kh0, kc0))
    k1 = where(tem, kt1 * et, where(far, kh1, kc1))
    winv = 1.0 / w

    def up(j, carry):
        k0, k1 = carry
        fj = mu * 0.0 + Z(L.convert_element_type(j, mu.dtype, False))
        go = fj <= n
        k2 = k0 + k1 * winv * ((mu + fj) * 2.0)
        return where(go, k1, k0), where(go, k2, k1)

    k0, k1 = control.fori_loop(1, _NMAX + 1, up, (k0, k1))
    i_w = expi(w.im) / (w * (k1 + r * k0))
    ie = where(big, where(a * a <= aw * 4.0, i_a, complex(np.nan, np.nan)), i_w)
    bad = a > _NMAX + 0.5
    nan = complex(np.nan, np.nan)
    return where(bad, nan, ie), where(bad, nan, k0)


# --- the variants ------------------------------------------------------------------------------
_NAMES = ("jv", "jve", "yv", "yve", "iv", "ive", "kv", "kve",
          "hankel1", "hankel1e", "hankel2", "hankel2e")


def _eval(name, v, z):
    """The named function of real order v (any sign) and complex z, as a Z."""
    v, z = Z(v), Z(z)
    nan = complex(np.nan, np.nan)
    low = z.im < 0.0
    zu = where(low, z.conj(), z)                          # Im zu >= 0 (or -0.0)
    a = absz(v)
    neg = v < 0.0
    s, c = sinpi(a), cospi(a)
    x, y = zu.re, zu.im
    fin = (absz(x) < np.inf) & (absz(y) < np.inf) & (a < np.inf)
    zero = x.eq(0.0) & y.eq(0.0)
    ok = fin & ~zero
    if name[0] in "jyh":
        w = cx(y, -x)                                      # -i zu, Re w = Im zu >= 0
        ie, ke = _core(a, where(ok, w, 1.0))
        jve = expi(a * (math.pi / 2)) * ie
        h1e = expi(a * (-math.pi / 2)) * ke * complex(0.0, -2.0 / math.pi)
        # Y e^{-Im zu} = -i (H1 e^{-Im zu} - jve), H1 e^{-Im zu} = h1e e^{i x - 2 y}
        h1s = h1e * expi(x) * exp(y * -2.0)
        yve = (h1s - jve) * complex(0.0, -1.0)
        h2e = jve * expi(x) * 2.0 - h1s * expi(x)
        # negative orders (DLMF 10.4.6-7)
        jn = jve * c - yve * s
        yn = jve * s + yve * c
        jve, yve = where(neg, jn, jve), where(neg, yn, yve)
        h1e = where(neg, h1e * cx(c, s), h1e)
        h2e = where(neg, h2e * cx(c, -s), h2e)
        h1e, h2e = where(low, h2e.conj(), h1e), where(low, h1e.conj(), h2e)
        jve = where(low, jve.conj(), jve)
        yve = where(low, yve.conj(), yve)
        out = {"jve": jve, "yve": yve, "hankel1e": h1e, "hankel2e": h2e}
        if name in out:
            r = out[name]
        else:
            # unscaled: J, Y carry e^{|Im z|}; H1 = h1e e^{iz}, H2 = h2e e^{-iz}
            ay = absz(z.im)
            zi = z * complex(0.0, 1.0)
            r = {"jv": lambda: jve * exp(ay), "yv": lambda: yve * exp(ay),
                 "hankel1": lambda: h1e * exp(zi), "hankel2": lambda: h2e * exp(-zi)}[name]()
        # z = 0: J_0 = 1, J_a = 0 (a > 0 or a negative integer), Y = -inf (v >= 0)
        isint = (a - floor(a)).eq(0.0)
        if name in ("jv", "jve"):
            z0 = where(a.eq(0.0), 1.0 + 0j, where(neg & ~isint, nan, r * 0.0))
        elif name == "yv":
            odd = ~(a * 0.5 - floor(a * 0.5)).eq(0.0)          # Y_{-n} = (-1)^n Y_n
            z0 = where(neg & ~isint, nan, where(neg & odd, r * 0.0 + np.inf, r * 0.0 - np.inf))
        else:
            z0 = r * 0.0 + nan
    else:
        left = x < 0.0
        w = where(left, -zu, zu)
        ie, ke = _core(a, where(ok, w, 1.0))
        eap = cx(c, s)                                     # e^{a pi i}
        ive = where(left, ie * eap, ie)
        kve = where(left, eap.conj() * ke * exp(zu * 2.0) - expi(y) * ie * complex(0.0, math.pi),
                    ke)
        # I_{-a} = I_a + (2/pi) sin(a pi) K_a: in ive's scale K e^{-|Re z|} = kve e^{-zu - |x|}
        kterm = kve * exp(-zu - absz(x)) * (s * (2.0 / math.pi))
        ive = where(neg & ~s.eq(0.0), ive + kterm, ive)
        ive = where(low, ive.conj(), ive)
        kve = where(low, kve.conj(), kve)
        r = {"ive": lambda: ive, "kve": lambda: kve,
             "iv": lambda: ive * exp(absz(x)), "kv": lambda: kve * exp(-z)}[name]()
        isint = (a - floor(a)).eq(0.0)
        if name in ("iv", "ive"):
            z0 = where(a.eq(0.0), 1.0 + 0j, where(neg & ~isint, nan, r * 0.0))
        else:
            z0 = r * 0.0 + nan
    r = where(zero & fin, z0, r)
    return where(fin, r, nan).a


# --- derivatives in z (custom_jvp), NaN in the order ------------------------------------------
def _three(name, v, z):
    """f(v - 1, z), f(v, z), f(v + 1, z) from ONE evaluation on the stacked orders (one
    kernel, so a jit of the jvp compiles the core once)."""
    one = np.array(1, v.dtype)
    shape = (1,) + tuple(np.shape(v))
    vv = L.concatenate([L.reshape(L.sub(v, one), shape), L.reshape(v, shape),
                        L.reshape(L.add(v, one), shape)], 0)
    zz = L.concatenate([L.reshape(z, shape)] * 3, 0)
    out = _eval(name, vv, zz)
    n = len(shape)
    return [L.reshape(L.slice(out, (i,) + (0,) * (n - 1), (i + 1,) + shape[1:]), shape[1:])
            for i in range(3)]


def _dz(name, z, lo, y, hi, tz):
    """The tangent of f(v, z) along tz (real-linear where the scaling is not holomorphic)."""
    lo, y, hi, tz, z = Z(lo), Z(y), Z(hi), Z(tz), Z(z)
    half_diff = (lo - hi) * 0.5          # C' for C = J, Y, H1, H2 (DLMF 10.6.1)
    half_sum = (lo + hi) * 0.5           # I', -K' (DLMF 10.29.1)
    if name in ("jv", "yv", "hankel1", "hankel2"):
        return half_diff * tz
    if name == "iv":
        return half_sum * tz
    if name == "kv":
        return -half_sum * tz
    if name in ("jve", "yve"):      # e^{-|Im z|}: d|Im z| = sign(Im z) Im(dz)
        return half_diff * tz - y * cx(Z(L.sign(z.im.a)) * tz.im)
    if name == "ive":               # e^{-|Re z|}
        return half_sum * tz - y * cx(Z(L.sign(z.re.a)) * tz.re)
    if name == "kve":               # e^{z} K
        return (y - half_sum) * tz
    if name == "hankel1e":          # e^{-iz} H1
        return (half_diff - y * complex(0.0, 1.0)) * tz
    return (half_diff + y * complex(0.0, 1.0)) * tz          # hankel2e: e^{iz} H2


def _make(name):
    from jax.custom_derivatives import SymbolicZero

    g = jax.custom_jvp(lambda v, z: _eval(name, v, z))

    def rule(primals, tangents):
        v, z = primals
        tv, tz = tangents
        if isinstance(tz, SymbolicZero):
            y = g(v, z)
            dy = Z(y) * 0.0
        else:
            lo, y, hi = _three(name, v, z)
            dy = _dz(name, z, lo, y, hi, tz)
        if not isinstance(tv, SymbolicZero):
            dy = dy + cx(Z(tv)) * complex(np.nan, np.nan)
        return y, dy.a

    g.defjvp(rule, symbolic_zeros=True)
    return g


_FUN = {name: _make(name) for name in _NAMES}


def bessel(name, v, z):
    """``name`` (one of _NAMES) at real order ``v`` and complex ``z`` (same precision,
    broadcast already); the public wrappers in bessel.py call this."""
    return _FUN[name](v, z)
