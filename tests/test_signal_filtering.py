"""jaxwrap.scipy.signal linear filters (lfilter, lfiltic, lfilter_zi, filtfilt, sosfilt,
sosfilt_zi, sosfiltfilt) against scipy.signal, and the two forms of the recurrence
(sequential scan, associative scan) against each other.

Filter coefficients come from scipy's designs (butter / cheby1 / ellip) in the tests only.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
import scipy.signal as ss
from jax.test_util import check_grads

import jaxwrap.scipy.signal as jss
from jaxwrap._src.scipy.signal import _linear_recurrence as R
from tests.harness import assert_close, assert_pure, check, stable_seed

# IIR recurrences accumulate rounding through their feedback: with poles at radius ~0.9
# an error is carried ~10 steps and amplified by the filter's gain, so float32 gets about
# ten times its default tolerance; float64 keeps the default.
TOL = {np.dtype(np.float32): 2e-4, np.dtype(np.complex64): 2e-4}

FILTERS = {
    "butter2": ss.butter(2, 0.3),
    "cheby1_5": ss.cheby1(5, 1, 0.4),
    "ellip4": ss.ellip(4, 0.5, 30, 0.25),
}


def _rng(*parts):
    return np.random.default_rng(stable_seed(*parts))


def _ba(name, dtype):
    b, a = FILTERS[name]
    return b.astype(dtype), a.astype(dtype)


def _zi_shape(shape, axis, k):
    s = list(shape)
    s[axis] = k
    return tuple(s)


# --- lfilter ----------------------------------------------------------------------------------
CASES = [  # (filter, dtype, shape, axis, with zi)
    ("butter2", np.float32, (40,), -1, False),
    ("cheby1_5", np.float64, (3, 33), 1, True),
    ("ellip4", np.float32, (17, 2, 3), 0, True),
    ("cheby1_5", np.float64, (2, 25, 2), -2, False),
]


@pytest.mark.parametrize("filt,dtype,shape,axis,with_zi", CASES)
def test_lfilter_matches_scipy(filt, dtype, shape, axis, with_zi):
    with jax.enable_x64(dtype == np.float64):
        rng = _rng("lfilter", filt, shape)
        b, a = _ba(filt, dtype)
        x = rng.normal(size=shape).astype(dtype)
        if with_zi:
            zi = rng.normal(size=_zi_shape(shape, axis, len(a) - 1)).astype(dtype)
            check(lambda b, a, x, zi: jss.lfilter(b, a, x, axis, zi),
                  lambda b, a, x, zi: ss.lfilter(b, a, x, axis, zi), (b, a, x, zi), tol=TOL,
                  vmap_argnums=(2, 3))
        else:
            check(lambda b, a, x: jss.lfilter(b, a, x, axis),
                  lambda b, a, x: ss.lfilter(b, a, x, axis), (b, a, x), tol=TOL)


def test_lfilter_unnormalised_fir_complex_and_int():
    rng = _rng("lfilter-misc")
    with jax.enable_x64(True):
        # a[0] != 1 and len(b) > len(a); complex signal
        b, a = np.array([0.5, 1.0, -0.3, 0.2]), np.array([2.0, -0.4])
        x = rng.normal(size=(2, 30)) + 1j * rng.normal(size=(2, 30))
        zi = rng.normal(size=(2, 3)) + 0j
        y, zf = jss.lfilter(b, a, x, -1, zi)
        ry, rzf = ss.lfilter(b, a, x, -1, zi)
        assert_close((y, zf), (ry, rzf), check_dtype=(np.complex128, np.complex128))
        # pure FIR (len(a) == 1) goes through the convolution path, with state
        b = rng.normal(size=6)
        zi = rng.normal(size=(3, 5))
        x = rng.normal(size=(3, 20))
        check(lambda b, x, zi: jss.lfilter(b, [3.0], x, -1, zi),
              lambda b, x, zi: ss.lfilter(b, [3.0], x, -1, zi), (b, x, zi),
              vmap_argnums=(1, 2))
        check_grads(lambda b, x, zi: jss.lfilter(b, [3.0], x, -1, zi), (b, x, zi), order=1,
                    modes=("rev",), eps=1e-5)
    # integer input promotes to the default float (float32 without x64)
    y = jss.lfilter(np.array([1, 1]), np.array([1]), np.arange(5))
    assert_close(y, np.array([0.0, 1, 3, 5, 7]), check_dtype=np.float32)


def test_lfilter_grad_through_b_a_x_zi():
    rng = _rng("lfilter-grad")
    b, a = FILTERS["cheby1_5"]
    x = rng.normal(size=(2, 9))
    zi = rng.normal(size=(2, 5))
    with jax.enable_x64(True):
        check_grads(lambda b, a, x, zi: jss.lfilter(b, a, x, -1, zi), (b, a, x, zi), order=1,
                    modes=("fwd", "rev"), eps=1e-5)


# --- the two forms of the recurrence ------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 6, 301])
def test_associative_form_matches_scan(n):
    rng = _rng("assoc", n)
    filt = "butter2" if n < 300 else "ellip4"
    with jax.enable_x64(True):
        b, a = (np.asarray(v) for v in FILTERS[filt])
        k = len(a) - 1
        x = rng.normal(size=(n, 3))
        zi = rng.normal(size=(3, k))
        ys, zs = jax.jit(R.tdf2_scan)(b, a, x, zi)
        ya, za = jax.jit(R.tdf2_assoc)(b, a, x, zi)
        assert_close((ya, za), (np.asarray(ys), np.asarray(zs)),
                     check_dtype=(np.float64, np.float64))
        ry, rz = ss.lfilter(b, a, x, axis=0, zi=zi.T)
        assert_close((ya, za), (ry, rz.T), check_dtype=(np.float64, np.float64))
    if n < 300:
        return
    # float32 on a longer signal, where the parallel form has many levels
    b, a = (np.asarray(v, np.float32) for v in FILTERS["cheby1_5"])
    x = rng.normal(size=(2000, 2)).astype(np.float32)
    zi = np.zeros((2, 5), np.float32)
    ya, za = jax.jit(R.tdf2_assoc)(b, a, x, zi)
    ry, rz = ss.lfilter(b, a, x, axis=0, zi=zi.T)
    assert_close((ya, za), (ry, rz.T), tol=TOL, check_dtype=(np.float32, np.float32))


def test_associative_form_grad_and_purity():
    rng = _rng("assoc-grad")
    b, a = FILTERS["butter2"]
    x = rng.normal(size=(5, 2))
    zi = rng.normal(size=(2, 2))
    with jax.enable_x64(True):
        check_grads(jax.jit(R.tdf2_assoc), (b, a, x, zi), order=1, modes=("rev",), eps=1e-5)
    assert_pure(R.tdf2_assoc, b, a, x, zi)
    assert_pure(R.tdf2_scan, b, a, x, zi)


# --- initial conditions ---------------------------------------------------------------------
def test_lfilter_zi_and_lfiltic():
    with jax.enable_x64(True):
        b, a = FILTERS["cheby1_5"]
        check(jss.lfilter_zi, ss.lfilter_zi, (b, a), grad=1, vmap=False)
        for b2, a2 in (([1.0, 2.0, 3.0], [2.0]), ([1.0], [1.0, -0.5, 0.1])):
            assert_close(jss.lfilter_zi(b2, a2), ss.lfilter_zi(b2, a2), check_dtype=np.float64)
        b, a = FILTERS["ellip4"]
        for y, x in (([1.0, -2.0], None), ([0.5, 1, 2, 3, 4, 5], [1.0, 2, 3])):
            y, x = np.asarray(y), None if x is None else np.asarray(x)
            assert_close(jss.lfiltic(b, 2 * a, y, x), ss.lfiltic(b, 2 * a, y, x),
                         check_dtype=np.float64)
        # the state lfiltic makes continues a filter where it stopped
        x = _rng("lfiltic").normal(size=20)
        y_full = ss.lfilter(b, a, x)
        zi = jss.lfiltic(b, a, y_full[9::-1], x[9::-1])
        assert_close(jss.lfilter(b, a, x[10:], zi=zi)[0], y_full[10:], check_dtype=np.float64)
    out = jss.lfiltic([1, 1], [1, -0.5], [1])
    assert out.dtype == np.float32
    assert_pure(jss.lfiltic, np.float32([1, 1]), np.float32([1, -0.5]), np.float32([1, 2]),
                np.float32([3]))


def test_sosfilt_zi():
    sos = ss.ellip(3, 0.5, 40, 0.3, output="sos")
    with jax.enable_x64(True):
        check(jss.sosfilt_zi, ss.sosfilt_zi, (sos,), vmap=False)
        check_grads(jss.sosfilt_zi, (sos,), order=1, modes=("rev",), eps=1e-5)


# --- filtfilt / sosfilt / sosfiltfilt ------------------------------------------------------------
def test_filtfilt_padtypes():
    rng = _rng("filtfilt")
    b, a = FILTERS["cheby1_5"]
    x = rng.normal(size=(3, 40))
    with jax.enable_x64(True):
        for padtype, padlen in (("even", 7), ("constant", None)):
            assert_close(jss.filtfilt(b, a, x, padtype=padtype, padlen=padlen),
                         ss.filtfilt(b, a, x, padtype=padtype, padlen=padlen),
                         check_dtype=np.float64, err=str(padtype))
        check(lambda b, a, x: jss.filtfilt(b, a, x, axis=0),
              lambda b, a, x: ss.filtfilt(b, a, x, axis=0), (b, a, x.T), vmap=False)
        # Gustafsson's method, over the whole signal and with a short impulse response
        for irlen in (None, 8):
            assert_close(jss.filtfilt(b, a, x, method="gust", irlen=irlen),
                         ss.filtfilt(b, a, x, method="gust", irlen=irlen),
                         check_dtype=np.float64, err=f"gust {irlen}")
        assert_pure(lambda b, a, x: jss.filtfilt(b, a, x, method="gust"), b, a, x)
        b2, a2 = FILTERS["butter2"]
        check_grads(lambda b, a, x: jss.filtfilt(b, a, x), (b2, a2, x[0, :12]), order=1,
                    modes=("rev",), eps=1e-5)
    # float32, FIR
    bf = np.array([0.25, 0.5, 0.25], np.float32)
    x32 = x.astype(np.float32)
    assert_close(jss.filtfilt(bf, np.float32([1.0]), x32), ss.filtfilt(bf, [1.0], x32),
                 check_dtype=np.float32)


def test_sosfilt_matches_scipy():
    rng = _rng("sosfilt")
    sos = ss.cheby1(8, 1, 0.3, output="sos")
    with jax.enable_x64(True):
        x = rng.normal(size=(3, 30, 2))
        zi = rng.normal(size=(4, 3, 2, 2))
        check(lambda s, x, zi: jss.sosfilt(s, x, 1, zi),
              lambda s, x, zi: ss.sosfilt(s, x, 1, zi), (sos, x, zi), vmap_argnums=(1, 2))
        small = (sos[:2], x[0, :6], zi[:2, 0])
        check_grads(lambda s, x, zi: jss.sosfilt(s, x, 0, zi), small, order=1,
                    modes=("rev",), eps=1e-5)
    s32, x32 = sos.astype(np.float32), rng.normal(size=50).astype(np.float32)
    assert_close(jss.sosfilt(s32, x32), ss.sosfilt(s32, x32), tol=TOL, check_dtype=np.float32)


def test_sosfiltfilt_matches_scipy():
    rng = _rng("sosfiltfilt")
    sos = ss.butter(5, 0.2, output="sos")        # odd order: one section with b2 = a2 = 0
    x = rng.normal(size=(2, 60))
    with jax.enable_x64(True):
        for padtype, padlen in (("odd", None),):
            assert_close(jss.sosfiltfilt(sos, x, padtype=padtype, padlen=padlen),
                         ss.sosfiltfilt(sos, x, padtype=padtype, padlen=padlen),
                         check_dtype=np.float64, err=str(padtype))
        check(lambda s, x: jss.sosfiltfilt(s, x, 0, padlen=12),
              lambda s, x: ss.sosfiltfilt(s, x, 0, padlen=12), (sos, x.T), vmap_argnums=(1,))


# --- transformations and bad input -------------------------------------------------------------
def test_jit_with_traced_coefficients():
    b, a = FILTERS["butter2"]
    x = _rng("traced").normal(size=16)
    with jax.enable_x64(True):
        y = jax.jit(jss.lfilter)(b, a, x)
        assert_close(y, ss.lfilter(b, a, x), check_dtype=np.float64)
        # a traced a[0] == 0 cannot raise: it gives non-finite values, as the division does
        bad = jax.jit(jss.lfilter)(b, np.array([0.0, 1.0, 0.5]), x)
        assert not np.isfinite(np.asarray(bad)).all()
        y = jax.jit(lambda s, x: jss.sosfiltfilt(s, x))(ss.butter(2, 0.3, output="sos"), x)
        assert_close(y, ss.sosfiltfilt(ss.butter(2, 0.3, output="sos"), x),
                     check_dtype=np.float64)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: jss.lfilter([1.0], [0.0, 1.0], np.ones(4)), ValueError, "a\\[0\\]"),
    (lambda: jss.lfilter_zi([1.0], [0.0, 1.0]), ValueError, "a\\[0\\]"),
    (lambda: jss.filtfilt([1.0], [0.0, 1.0], np.ones(40)), ValueError, "a\\[0\\]"),
    (lambda: jss.lfilter(np.ones((2, 2)), [1.0], np.ones(4)), ValueError, "`b`"),
    (lambda: jss.lfilter([1.0], [], np.ones(4)), ValueError, "`a`"),
    (lambda: jss.lfilter([1.0, 2.0], [1.0], np.ones((3, 4)), 0, np.ones((2, 4))),
     ValueError, "`zi`"),
    (lambda: jss.lfilter([1.0], [1.0], np.ones(4), axis=2), np.exceptions.AxisError, "axis"),
    (lambda: jss.lfilter("ab", [1.0], np.ones(4)), TypeError, "b"),
    (lambda: jss.sosfilt(np.ones((2, 5)), np.ones(4)), ValueError, "`sos`"),
    (lambda: jss.sosfilt_zi(np.ones(6)), ValueError, "`sos`"),
    (lambda: jss.sosfilt(np.ones((1, 6)), np.ones(4), zi=np.ones((2, 2))), ValueError, "`zi`"),
    (lambda: jss.filtfilt([1.0, 0.5], [1.0], np.ones(4)), ValueError, "padlen"),
    (lambda: jss.filtfilt([1.0, 0.5], [1.0], np.ones(40), padtype="zero"), ValueError,
     "padtype"),
    (lambda: jss.filtfilt([1.0, 0.5], [1.0], np.ones(40), method="x"), ValueError, "method"),
    (lambda: jss.sosfiltfilt(ss.butter(4, 0.2, output="sos"), np.ones(10)), ValueError,
     "padlen"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# --- accuracy on long signals, and the choice between the two forms ---------------------------
def _err(y, ref):
    """Max error relative to the largest output value (a pointwise relative error means
    nothing where the output crosses zero)."""
    return float(np.max(np.abs(np.asarray(y, np.float64) - ref)) / np.max(np.abs(ref)))


def test_long_signal_accuracy_and_form_choice():
    """1e5 samples, order-8 designs, against scipy in float64: the public functions
    (the scan on CPU) in float32 stay within twice scipy's own float32 error and in
    float64 near rounding; the parallel form (2^15 samples, one section: one compile per
    dtype) is accurate for damped poles and in float64, and the static rule sends
    float32 filters with poles near the unit circle to the scan."""
    from jaxwrap._src.scipy.signal import filtering as F
    rng = _rng("long")
    x64 = rng.normal(size=100_000)
    sos = ss.cheby1(8, 1, 0.05, output="sos")         # pole radii up to 0.995
    b, a = ss.butter(2, 0.3)
    refs = {"sosfilt": ss.sosfilt(sos, x64), "sosfiltfilt": ss.sosfiltfilt(sos, x64),
            "lfilter": ss.lfilter(b, a, x64), "filtfilt": ss.filtfilt(b, a, x64)}
    # float64: 1e-12 of max|y| (rounding carried by poles at radius 0.995 over 1e5 steps;
    # measured 7e-14); float32: measured 1.6e-5 / 3.1e-5 (sosfilt / sosfiltfilt) where
    # scipy's float32 gives 3.1e-5 / 4.0e-5, and ~1e-7 for the butter(2) ba filter.
    for dt, bound in ((np.float32, None), (np.float64, 1e-12)):
        with jax.enable_x64(dt == np.float64):
            s, bb, aa, x = sos.astype(dt), b.astype(dt), a.astype(dt), x64.astype(dt)
            got = {"sosfilt": jss.sosfilt(s, x), "sosfiltfilt": jss.sosfiltfilt(s, x),
                   "lfilter": jss.lfilter(bb, aa, x), "filtfilt": jss.filtfilt(bb, aa, x)}
            host = {"sosfilt": ss.sosfilt(s, x), "sosfiltfilt": ss.sosfiltfilt(s, x),
                    "lfilter": ss.lfilter(bb, aa, x), "filtfilt": ss.filtfilt(bb, aa, x)}
            for k, y in got.items():
                assert y.dtype == dt, k
                # float32: scipy's own float32 error (plus 1e-6 of headroom) is the yardstick
                limit = bound if bound else 2 * _err(host[k], refs[k]) + 1e-6
                assert _err(y, refs[k]) <= limit, (k, np.dtype(dt).name, _err(y, refs[k]))
    # the parallel form, one second-order section at a time
    n = 1 << 15
    xs = x64[:n]
    damped = ss.butter(8, 0.2, output="sos")[-1]         # pole radius 0.89
    near = ss.butter(8, 0.002, output="sos")[-1]          # pole radius 0.9988
    # float32 limit: measured 4.5e-7 (scan 2.6e-7, scipy's float32 3.1e-7), 4x headroom
    for sec, f32_limit in ((damped, 2e-6), (near, None)):
        bs, as_ = sec[:3] / sec[3], sec[3:] / sec[3]
        ref = ss.lfilter(bs, as_, xs)
        with jax.enable_x64(True):
            y64 = jax.jit(R.tdf2_assoc)(bs, as_, xs, np.zeros(2))[0]
            assert y64.dtype == np.float64
            assert _err(y64, ref) <= 1e-9         # ~1e-10 at radius 0.9988 (filtering.py)
        if f32_limit:
            v32 = [v.astype(np.float32) for v in (bs, as_, xs)]
            y32 = jax.jit(R.tdf2_assoc)(*v32, np.zeros(2, np.float32))[0]
            assert y32.dtype == np.float32
            assert _err(y32, ref) <= f32_limit, _err(y32, ref)
        radius = np.max(np.abs(np.roots(as_)))
        chosen = F._damped(sec[None], sections=True, backend="gpu")
        assert chosen == (radius <= F._ASSOC_F32_MAX_RADIUS) == (f32_limit is not None)
        assert F._use_assoc(n, 2, np.float32, chosen, backend="gpu") == chosen
        assert F._use_assoc(n, 2, np.float64, chosen, backend="gpu")
        assert not F._use_assoc(n, 2, np.float64, chosen, backend="cpu")
    # lfilter's vector a, and traced coefficients (radius unknown: the scan)
    a_damped, a_near = ss.butter(2, 0.3)[1], ss.butter(2, 0.002)[1]
    assert F._damped(a_damped, backend="gpu") and not F._damped(a_near, backend="gpu")
    seen = []
    jax.jit(lambda a: seen.append(F._damped(a, backend="gpu")) or a)(a_damped)
    assert seen == [False]
