"""mpmath references for the error-function family
(jaxwrap/_src/scipy/special/errfun.py).

Regions: "typical" plus the hard ones: tails where erfc / ndtr / log_ndtr
are tiny (results kept above the dtype's smallest normal: XLA on CPU flushes
subnormals to zero), huge arguments of erfcx / dawsn, the inverses near 0
and 1, log_ndtr far left (log_ndtr(-40) included), complex meshes for the
functions with complex forms, large h for owens_t.

``erfcx_chebyshev()`` prints the Chebyshev coefficients used by
``jaxwrap/_src/scipy/special/_errfun_real.py`` (Shepherd & Laframboise 1981).
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261206)
N = 26


def _lin(lo, hi, n=N):
    return list(_rng.uniform(lo, hi, n))


def _log(lo, hi, n=N):
    return list(np.exp(_rng.uniform(np.log(lo), np.log(hi), n)))


def _signed_log(lo, hi, n=N):
    return [s * v for s, v in zip(_rng.choice([-1.0, 1.0], n), _log(lo, hi, n))]


def _box(re, im, n=N):
    return [complex(a, b) for a, b in zip(_lin(*re, n), _lin(*im, n))]


def _ring(rlo, rhi, n=N, th=(0.0, 2 * np.pi)):
    r = _log(rlo, rhi, n)
    t = _lin(*th, n)
    return [complex(a * np.cos(b), a * np.sin(b)) for a, b in zip(r, t)]


# --- references -----------------------------------------------------------------------------
def _w(z):
    return mp.exp(-z * z) * mp.erfc(-1j * z)


def _erfcx(z):
    if mp.im(z) == 0 and mp.re(z) > 1e6:  # asymptotic series; next term < 1e-48
        x = mp.re(z)
        return (1 - 1 / (2 * x * x) + 3 / (4 * x ** 4) - 15 / (8 * x ** 6)) / (x * mp.sqrt(mp.pi))
    return mp.exp(z * z) * mp.erfc(z)


def _dawsn(z):
    return mp.sqrt(mp.pi) / 2 * mp.exp(-z * z) * mp.erfi(z)


def _log_ndtr(x):
    if x < -1e3:  # DLMF 7.12.1 asymptotic series; next term < 1e-26
        s = 1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6 + 105 / x ** 8
        return -x * x / 2 - mp.log(-x) - mp.log(2 * mp.pi) / 2 + mp.log(s)
    return mp.log(mp.ncdf(x)) if x < 0 else mp.log1p(-mp.ncdf(-x))


def _ndtri_log(lp):
    """x < 0 with log Phi(x) = lp (lp <= log 1/2), Newton on log Phi at 60 digits."""
    if lp == -mp.inf:
        return -mp.inf
    x = -mp.sqrt(max(-2 * lp - mp.log(-2 * lp) - mp.log(2 * mp.pi), mp.mpf(1e-6)))
    for _ in range(200):
        g = mp.log(mp.ncdf(x)) - lp
        dx = g / (mp.npdf(x) / mp.ncdf(x))
        x -= dx
        if abs(dx) < mp.mpf(10) ** (-55) * max(1, abs(x)):
            break
    return x


def _ndtri(p):
    if p == mp.mpf(0.5):
        return mp.mpf(0)
    if p < 0.5:
        return _ndtri_log(mp.log(p))
    return -_ndtri_log(mp.log(1 - p))


def _ndtri_exp(y):
    if y < -mp.log(2):
        return _ndtri_log(y)
    return -_ndtri_log(mp.log(-mp.expm1(y)))


def _erfinv(y):
    if abs(y) < 0.5:
        return mp.erfinv(y)
    return mp.sign(y) * (-_ndtri((1 - abs(y)) / 2) / mp.sqrt(2))


def _erfcinv(z):
    return -_ndtri(z / 2) / mp.sqrt(2)


def _voigt(x, s, g):
    z = (x + 1j * g) / (s * mp.sqrt(2))
    return mp.re(_w(z)) / (s * mp.sqrt(2 * mp.pi))


def _owens_small(h, a):
    """The defining integral in u = h x (the Gaussian factor has unit width),
    on 30 subintervals; the integrand beyond u = 14 is below exp(-98)."""
    if a == 0:
        return mp.mpf(0)
    if h == 0:
        return mp.atan(a) / (2 * mp.pi)
    # exp(-h^2/2) stays outside: mpmath's quad stops at an absolute tolerance
    g = lambda u: mp.exp(-u * u / 2) / (1 + (u / h) ** 2) / h  # noqa: E731
    return mp.exp(-h * h / 2) * mp.quad(g, mp.linspace(0, min(a * h, 14), 30)) / (2 * mp.pi)


def _owens_t(h, a):
    s = mp.sign(a)
    h, a = abs(h), abs(a)
    if a <= 1:
        return s * _owens_small(h, a)
    qh, qah = mp.ncdf(-h), mp.ncdf(-a * h)
    return s * ((qh + qah) / 2 - qh * qah - _owens_small(a * h, 1 / a))


def _fresnel_s(x):
    return mp.fresnels(x)


def _fresnel_c(x):
    return mp.fresnelc(x)


def _representable(fn, pts, dtype, lo_ok=True):
    """Keep the points whose reference is finite and above the smallest normal
    (XLA's CPU flushes subnormal results to zero)."""
    rdt = np.float32 if dtype in ("float32", "complex64") else np.float64
    fi = np.finfo(rdt)
    keep = []
    with mp.workdps(30):
        for p in pts:
            v = fn(mp.mpc(p) if isinstance(p, complex) else mp.mpf(float(rdt(p))))
            m = max(abs(mp.re(v)), abs(mp.im(v)))
            if mp.isfinite(m) and m < fi.max / 4 and (m == 0 or m > fi.tiny * 16 or not lo_ok):
                keep.append(p)
    return keep


def cases():
    out = []
    for dt in ("float32", "float64"):
        f64 = dt == "float64"
        cdt = "complex128" if f64 else "complex64"
        tiny = 1e-300 if f64 else 1e-35
        erfc_max = 26.0 if f64 else 9.0
        ndtr_min = -37.0 if f64 else -13.0
        exp_max = 26.0 if f64 else 9.0
        p_min = 1e-300 if f64 else 1e-37
        eps1 = 1e-16 if f64 else 1e-7
        out += [
            Case("erf", "typical", dt, [_lin(-3, 3)], mp.erf),
            Case("erf", "tiny", dt, [_signed_log(tiny, 1e-3)], mp.erf),
            Case("erf", "large", dt, [_signed_log(2, 7)], mp.erf),
            Case("erfc", "typical", dt, [_lin(-3, 3)], mp.erfc),
            Case("erfc", "tail", dt, [_lin(3, erfc_max)], mp.erfc,
                 note="XLA's erfc loses relative accuracy here"),
            Case("erfc", "negative", dt, [_lin(-8, -1)], mp.erfc),
            Case("erfcx", "typical", dt, [_lin(-3, 3)], _erfcx),
            Case("erfcx", "large", dt, [_log(3, 1e6)], _erfcx,
                 note="float32 jax underflows to 0 for x > 9.2"),
            Case("erfcx", "huge", dt, [_log(1e6, 1e300 if f64 else 1e37)], _erfcx),
            Case("erfcx", "negative", dt, [_lin(-exp_max, -3)], _erfcx),
            Case("erfi", "typical", dt, [_lin(-3, 3)], mp.erfi),
            Case("erfi", "tiny", dt, [_signed_log(tiny, 1e-3)], mp.erfi),
            Case("erfi", "large", dt, [_signed_log(3, exp_max - 0.5)], mp.erfi),
            Case("dawsn", "typical", dt, [_lin(-5, 5)], _dawsn),
            Case("dawsn", "tiny", dt, [_signed_log(tiny, 1e-3)], _dawsn),
            Case("dawsn", "large", dt, [_signed_log(5, 1e300 if f64 else 1e37)], _dawsn),
            Case("ndtr", "typical", dt, [_lin(-5, 5)], mp.ncdf),
            Case("ndtr", "left_tail", dt, [_lin(ndtr_min, -5)], mp.ncdf),
            Case("ndtr", "right", dt, [_lin(5, 40)], mp.ncdf),
            Case("log_ndtr", "typical", dt, [_lin(-5, 5)], _log_ndtr,
                 note="jax's log_ndtr is 4-7% off here"),
            Case("log_ndtr", "left_tail", dt, [[-40.0] + _lin(-1e4, -5, N - 1)], _log_ndtr),
            Case("log_ndtr", "far_left", dt, [[-v for v in _log(1e4, 1e150 if f64 else 1e18)]],
                 _log_ndtr),
            Case("log_ndtr", "right_tail", dt, [_lin(5, 37.0 if f64 else 12.0)], _log_ndtr),
            Case("ndtri", "typical", dt, [_lin(0.01, 0.99)], _ndtri),
            Case("ndtri", "small_p", dt, [_log(p_min, 0.01)], _ndtri),
            Case("ndtri", "near_one", dt, [[1 - v for v in _log(eps1, 0.01)]], _ndtri),
            Case("ndtri", "near_half", dt, [[0.5 + v for v in _signed_log(1e-12, 0.05)]], _ndtri),
            Case("ndtri_exp", "typical", dt, [_lin(-5, -0.01)], _ndtri_exp),
            Case("ndtri_exp", "far_left", dt, [[-1e4] + [-v for v in _log(5, 1e4, N - 1)]],
                 _ndtri_exp),
            Case("ndtri_exp", "near_zero", dt, [[-v for v in _log(1e-30, 1e-2)]], _ndtri_exp),
            Case("erfinv", "typical", dt, [_lin(-0.9, 0.9)], _erfinv),
            Case("erfinv", "near_one", dt, [[s * (1 - v) for s, v in
                                              zip(_rng.choice([-1.0, 1.0], N), _log(eps1, 0.1))]],
                 _erfinv, note="XLA's erf_inv loses up to 5e5 ULP here"),
            Case("erfinv", "tiny", dt, [_signed_log(tiny, 1e-3)], _erfinv),
            Case("erfcinv", "typical", dt, [_lin(0.1, 1.9)], _erfcinv),
            Case("erfcinv", "small", dt, [_log(p_min, 0.1)], _erfcinv),
            Case("erfcinv", "near_two", dt, [[2 - v for v in _log(2 * eps1, 0.1)]], _erfcinv),
            Case("fresnel", "S_typical", dt, [_lin(-5, 5)], _fresnel_s),
            Case("fresnel", "C_typical", dt, [_lin(-5, 5)], _fresnel_c),
            Case("fresnel", "S_large", dt, [_log(5, 1e5)], _fresnel_s),
            Case("fresnel", "C_large", dt, [_log(5, 1e5)], _fresnel_c),
            Case("voigt_profile", "typical", dt, [_lin(-10, 10), _log(0.1, 5), _log(0.1, 5)],
                 _voigt),
            Case("owens_t", "typical", dt, [_lin(-5, 5), _lin(-5, 5)], _owens_t),
            Case("owens_t", "large_h", dt, [_lin(5, 35 if f64 else 12), _lin(0.01, 3)], _owens_t),
            Case("owens_t", "small_a", dt, [_lin(-3, 3), _signed_log(1e-10, 1e-2)], _owens_t),
        ]
        # complex meshes (wofz also near the real axis and in the lower half-plane)
        big = 25.0 if f64 else 8.0
        for name, ref in (("erf", mp.erf), ("erfc", mp.erfc), ("erfcx", _erfcx),
                          ("erfi", mp.erfi), ("dawsn", _dawsn), ("wofz", _w)):
            out.append(Case(name, "complex", cdt, [_representable(ref, _box((-4, 4), (-4, 4)), cdt)],
                            ref))
            out.append(Case(name, "complex_small", cdt, [_ring(1e-8, 0.7)], ref,
                            note="the formulas through w cancel near 0"))
            out.append(Case(name, "complex_large", cdt,
                            [_representable(ref, _ring(4, big, 36), cdt)], ref))
        out.append(Case("wofz", "near_real_axis", cdt,
                        [[complex(a, b) for a, b in zip(_lin(-10, 10), _log(1e-10, 0.1))]], _w))
        out.append(Case("wofz", "real", dt, [_lin(-10, 10)], _w,
                        note="real argument, complex result"))
    return out


def erfcx_chebyshev(k=3, nodes=60, tol=1e-19):
    """Chebyshev coefficients of (1 + 2x) erfcx(x) in t = (x - k)/(x + k)."""
    with mp.workdps(50):
        k = mp.mpf(k)
        ts = [mp.cos(mp.pi * (j + mp.mpf(1) / 2) / nodes) for j in range(nodes)]
        vals = [(1 + 2 * x) * _erfcx(x) for x in (k * (1 + t) / (1 - t) for t in ts)]
        c = [2 * mp.fsum(v * mp.cos(mp.pi * i * (j + mp.mpf(1) / 2) / nodes)
                         for j, v in enumerate(vals)) / nodes for i in range(nodes)]
        c[0] /= 2
        n = max(i for i, v in enumerate(c) if abs(v) > tol) + 1
        return [mp.nstr(v, 20) for v in c[:n]]


if __name__ == "__main__":
    print(",\n".join(erfcx_chebyshev()))
