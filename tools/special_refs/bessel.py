"""mpmath references for the Bessel family (``python -m tools.special_refs.make bessel``).

Regions: "typical", "tiny" (x -> 0), "large_x", "large_order", "transition"
(x close to v), and, for the oscillatory J/Y, points are kept only away from
zeros (|f| >= 5% of the envelope sqrt(J^2 + Y^2) wherever x > |v|); accuracy
at the zeros is an absolute-error test in tests/test_special_bessel.py.
float32 cases keep only points whose value lies in float32's normal range.

mpmath's besselk/besseli lose digits for large orders even at 60 digits, so
``_stable`` re-evaluates at 2x and 4x the working precision until two results
agree to 30 digits.
"""

from __future__ import annotations

import mpmath as mp
import numpy as np
import scipy.special as sp

from tools.special_refs.make import Case

N = 40
_RNG = np.random.default_rng(20261206)


def _stable(f):
    def ref(*a):
        prev = None
        for dps in (60, 120, 240, 480):
            with mp.workdps(dps):
                val = f(*a)
            if prev is not None and (val == prev or abs(val - prev) <= abs(val) * mp.mpf(10) ** -30):
                return val
            prev = val
        return val
    return ref


J = _stable(lambda v, x: mp.besselj(v, x))
Y = _stable(lambda v, x: mp.bessely(v, x))
I = _stable(lambda v, x: mp.besseli(v, x))
K = _stable(lambda v, x: mp.besselk(v, x))
IE = _stable(lambda v, x: mp.besseli(v, x) * mp.exp(-abs(x)))
KE = _stable(lambda v, x: mp.besselk(v, x) * mp.exp(x))


def _sph(kind):
    def f(n, x):
        nu = mp.mpf(n) + mp.mpf(1) / 2
        c = mp.sqrt(mp.pi / (2 * x))
        return c * {"j": J, "y": Y, "i": I, "k": K}[kind](nu, x)
    return f


def _u(lo, hi, n=2 * N):
    return _RNG.uniform(lo, hi, n)


def _logu(lo, hi, n=2 * N):
    return np.exp(_RNG.uniform(np.log(lo), np.log(hi), n))


def _round(a, dtype):
    return [float(np.dtype(dtype).type(v)) for v in a]


def _filter(args, dtype, fn, oscillatory, int_args=(), keep=N):
    """Points (rounded to dtype) whose value (screened with scipy in float64: cheap, and
    only used to choose points) is finite, in the dtype's normal range and, where
    ``oscillatory``, not near a zero; at most ``keep``."""
    cols = [np.asarray(a, np.int64) if i in int_args else np.asarray(_round(a, dtype))
            for i, a in enumerate(args)]
    fi = np.finfo(dtype)
    with np.errstate(all="ignore"):
        val = getattr(sp, fn)(*cols)
        ok = np.isfinite(val) & (((np.abs(val) >= fi.tiny) & (np.abs(val) <= fi.max / 2)) | (val == 0))
        if oscillatory is not False:
            # oscillatory: True (args v, x), "sph" (n, x), or the order of a 1-arg function
            v, x = (cols[0], cols[1]) if len(cols) == 2 else (np.full_like(cols[0], oscillatory), cols[0])
            nu = np.abs(v) + (0.5 if oscillatory == "sph" else 0.0)
            env = np.hypot(sp.jv(nu, x), sp.yv(nu, x))
            if oscillatory == "sph":
                env = env * np.sqrt(np.pi / (2 * x))
            ok &= (x <= nu) | (np.abs(val) >= env / 20)
    idx = np.flatnonzero(ok)[:keep]
    return [[int(c[i]) if j in int_args else float(c[i]) for i in idx] for j, c in enumerate(cols)]


def _case(fn, region, dtype, args, ref, oscillatory=False, int_args=(), note=""):
    return Case(fn, region, dtype, _filter(args, dtype, fn, oscillatory, int_args), ref,
                int_args=tuple(int_args), note=note)


def _one(f):
    return lambda x: f(0, x)


def cases():
    out = []
    one = {"i0": lambda x: I(0, x), "i1": lambda x: I(1, x), "i0e": lambda x: IE(0, x),
           "i1e": lambda x: IE(1, x), "k0": lambda x: K(0, x), "k1": lambda x: K(1, x),
           "k0e": lambda x: KE(0, x), "k1e": lambda x: KE(1, x), "j0": lambda x: J(0, x),
           "j1": lambda x: J(1, x), "y0": lambda x: Y(0, x), "y1": lambda x: Y(1, x)}
    for dt in ("float32", "float64"):
        f64 = dt == "float64"
        big = 700.0 if f64 else 85.0
        for name in ("i0", "i1"):
            out.append(_case(name, "typical", dt, [_u(-20, 20)], one[name]))
            out.append(_case(name, "large_x", dt, [_u(20, big)], one[name]))
        for name in ("i0e", "i1e"):
            out.append(_case(name, "typical", dt, [_u(-20, 20)], one[name]))
            out.append(_case(name, "large_x", dt, [_logu(20, 1e6)], one[name]))
        for name in ("k0", "k1"):
            out.append(_case(name, "typical", dt, [_u(0.01, 20)], one[name]))
            out.append(_case(name, "tiny", dt, [_logu(1e-30, 1e-2)], one[name]))
            out.append(_case(name, "large_x", dt, [_u(20, big)], one[name]))
        for name in ("k0e", "k1e"):
            out.append(_case(name, "typical", dt, [_u(0.01, 20)], one[name]))
            out.append(_case(name, "large_x", dt, [_logu(20, 1e6)], one[name]))
        for name in ("j0", "j1", "y0", "y1"):
            out.append(_case(name, "typical", dt, [_u(0.01, 30)], one[name], oscillatory=float(name[1])))
            out.append(_case(name, "large_x", dt, [_logu(30, 1e4)], one[name], oscillatory=float(name[1])))
            out.append(_case(name, "tiny", dt, [_logu(1e-20, 1e-3)], one[name]))
        # real order
        out.append(_case("jv", "typical", dt, [_u(-10, 20), _u(0.1, 30)], J, oscillatory=True))
        out.append(_case("yv", "typical", dt, [_u(-10, 20), _u(0.1, 30)], Y, oscillatory=True))
        out.append(_case("jv", "large_order", dt, [_u(50, 300), _u(1, 400)], J, oscillatory=True))
        out.append(_case("yv", "large_order", dt, [_u(50, 300), _u(1, 400)], Y, oscillatory=True))
        vv = _u(20, 300)
        out.append(_case("jv", "transition", dt, [vv, vv * _u(0.9, 1.1)], J, oscillatory=True))
        out.append(_case("yv", "transition", dt, [vv, vv * _u(0.9, 1.1)], Y, oscillatory=True))
        out.append(_case("jv", "large_x", dt, [_u(0, 50), _logu(50, 1e4)], J, oscillatory=True))
        out.append(_case("yv", "large_x", dt, [_u(0, 50), _logu(50, 1e4)], Y, oscillatory=True))
        out.append(_case("jv", "tiny", dt, [_u(0, 5), _logu(1e-20, 1e-3)], J))
        out.append(_case("iv", "typical", dt, [_u(-10, 20), _u(0.01, 50)], I))
        out.append(_case("kv", "typical", dt, [_u(-10, 20), _u(0.01, 50)], K))
        out.append(_case("ive", "typical", dt, [_u(-10, 20), _u(0.01, 50)], IE))
        out.append(_case("kve", "typical", dt, [_u(-10, 20), _u(0.01, 50)], KE))
        out.append(_case("ive", "large_order", dt, [_u(50, 300), _u(1, 500)], IE))
        out.append(_case("kve", "large_order", dt, [_u(50, 300), _u(1, 500)], KE))
        out.append(_case("ive", "large_x", dt, [_u(0, 50), _logu(50, 1e5)], IE))
        out.append(_case("kve", "large_x", dt, [_u(0, 50), _logu(50, 1e5)], KE))
        out.append(_case("ive", "tiny", dt, [_u(0, 5), _logu(1e-20, 1e-3)], IE))
        out.append(_case("kve", "tiny", dt, [_u(0, 5), _logu(1e-20, 1e-3)], KE))
        # integer order
        out.append(_case("jn", "typical", dt, [_RNG.integers(0, 100, 2 * N), _u(0.1, 100)], J,
                         oscillatory=True, int_args=(0,)))
        out.append(_case("yn", "typical", dt, [_RNG.integers(0, 100, 2 * N), _u(0.1, 100)], Y,
                         oscillatory=True, int_args=(0,)))
        out.append(_case("kn", "typical", dt, [_RNG.integers(0, 50, 2 * N), _u(0.1, 50)], K, int_args=(0,)))
        for kind in "jyik":
            out.append(_case(f"spherical_{kind}n", "typical", dt, [_RNG.integers(0, 30, 2 * N), _u(0.1, 50)],
                             _sph(kind), oscillatory="sph" if kind in "jy" else False, int_args=(0,)))
    return out
