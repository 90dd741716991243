"""mpmath references for the Airy and Struve functions (airy, airye, struve,
modstruve).

``airy`` / ``airye`` return four outputs: each is one pseudo-function here
(``airy.ai``, ``airy.aip``, ``airy.bi``, ``airy.bip``, ``airye.eai``, ...); the
test picks the output.  airye's scaling: eAi = Ai e^{zeta}, eAi' = Ai' e^{zeta},
eBi = Bi e^{-zeta}, eBi' = Bi' e^{-zeta}, zeta = (2/3) x^{3/2} (x > 0).

Points next to the zeros of the oscillating functions are left out (relative
error is meaningless there; tests/test_special_airy_struve.py checks them in
absolute error): for Airy at x < 0, points where |f| < 0.2 of the envelope
sqrt(Ai^2 + Bi^2) (sqrt(Ai'^2 + Bi'^2) for the derivatives); for Struve,
points with a sign change of f within +-0.3.  Struve points whose value is
subnormal in the case's dtype are left out too: XLA's CPU backend flushes
subnormal results to zero.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.special_refs.make import Case

_rng = np.random.default_rng(20261207)
N = 40


def _airy(i):
    return lambda x: (mp.airyai(x), mp.airyai(x, 1), mp.airybi(x), mp.airybi(x, 1))[i]


def _airye(i):
    def f(x):
        v = _airy(i)(x)
        if x <= 0:
            return v
        z = mp.mpf(2) / 3 * x ** mp.mpf(1.5)
        return v * mp.exp(z if i < 2 else -z)
    return f


_AIRY = {"airy.ai": _airy(0), "airy.aip": _airy(1), "airy.bi": _airy(2), "airy.bip": _airy(3),
         "airye.eai": _airye(0), "airye.eaip": _airye(1), "airye.ebi": _airye(2),
         "airye.ebip": _airye(3)}


def _away_from_airy_zeros(name, xs, dt):
    i = ["ai", "aip", "bi", "bip"].index(name.split(".")[1].lstrip("e"))
    keep = []
    with mp.workdps(30):
        for x in xs:
            xv = mp.mpf(float(np.asarray(x, dt)))
            if xv < 0:
                a, b = _airy(i % 2)(xv), _airy(i % 2 + 2)(xv)
                if abs(_airy(i)(xv)) < 0.2 * mp.sqrt(a * a + b * b):
                    continue
            keep.append(x)
    return keep


def _airy_cases(dt):
    out = []
    big = 100.0 if dt == "float64" else 25.0
    regions = {
        "typical": lambda: list(_rng.uniform(-10, 10, 3 * N)),
        "tiny": lambda: [s * t for s, t in zip(_rng.choice([-1.0, 1.0], N),
                                              np.exp(_rng.uniform(np.log(1e-30), np.log(1e-3), N)))],
        "large_positive": lambda: list(_rng.uniform(10, big, N)),
        "large_negative": lambda: list(-np.exp(_rng.uniform(np.log(10), np.log(1e4), 3 * N))),
    }
    for name in _AIRY:
        for region, make in regions.items():
            if name.startswith("airye") and region == "large_positive":
                xs = list(np.exp(_rng.uniform(np.log(10), np.log(1e8), N)))
            else:
                xs = make()
            xs = _away_from_airy_zeros(name, xs, dt)[:N]
            out.append(Case(name, region, dt, [xs], _AIRY[name]))
    return out


def _sign_change(f, v, x, d=0.3):
    with mp.workdps(30):
        return f(v, x - d) * f(v, x + d) <= 0 if x > d else False


def _struve_cases(dt):
    out = []
    f32 = dt == "float32"
    for name, ref in (("struve", mp.struveh), ("modstruve", mp.struvel)):
        regions = {
            "typical": (lambda n: _rng.uniform(-2, 10, n), lambda n: _rng.uniform(0, 50, n)),
            "small_x": (lambda n: _rng.uniform(-2, 10, n),
                        lambda n: np.exp(_rng.uniform(np.log(1e-20), np.log(0.5), n))),
            "large_x": (lambda n: _rng.uniform(-2, 10, n),
                        lambda n: np.exp(_rng.uniform(np.log(50), np.log(80 if f32 else 600), n))),
            "large_order": (lambda n: _rng.uniform(10, 25 if f32 else 40, n),
                            lambda n: _rng.uniform(0.1, 80, n)),
            "negative_x": (lambda n: _rng.integers(-2, 8, n).astype(float),
                           lambda n: -_rng.uniform(0.1, 30, n)),
        }
        for region, (mv, mx) in regions.items():
            v, x = mv(3 * N), mx(3 * N)
            pairs = []
            for a, b in zip(v, x):
                a32, b32 = float(np.asarray(a, dt)), float(np.asarray(b, dt))
                if name == "struve" and abs(b32) > 3 and _sign_change(ref, mp.mpf(a32), mp.mpf(abs(b32))):
                    continue
                if name == "modstruve" and _sign_change(ref, mp.mpf(a32), mp.mpf(abs(b32))):
                    continue
                with mp.workdps(30):
                    val = abs(ref(mp.mpf(a32), mp.mpf(b32))) if b32 >= 0 else abs(
                        ref(mp.mpf(a32), mp.mpf(-b32)))
                if val < np.finfo(dt).tiny:   # XLA's CPU flushes subnormal results to 0
                    continue
                pairs.append((a, b))
            pairs = pairs[:N]
            out.append(Case(name, region, dt, [[p[0] for p in pairs], [p[1] for p in pairs]], ref))
    return out


def cases():
    out = []
    for dt in ("float32", "float64"):
        out += _airy_cases(dt) + _struve_cases(dt)
    return out
