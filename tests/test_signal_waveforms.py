"""jaxwrap.scipy.signal waveforms against scipy.signal: chirp, gausspulse,
sawtooth, square, sweep_poly, unit_impulse (grids of points in float64 and
float32, jit / vmap / gradients, bad input)."""

from __future__ import annotations

import doctest

import jax
import numpy as np
import pytest
import scipy.signal as ss

import jaxwrap.scipy.signal as js
from jaxwrap._src.scipy.signal import waveforms as WF
from tests.harness import assert_close, check

T = np.linspace(0.0, 3.0, 257)
METHODS = ("linear", "quadratic", "logarithmic", "hyperbolic")
# (f0, t1, f1) sets: rising, falling, and f0 == f1 (the special case of log / hyperbolic)
SWEEPS = ((1.5, 2.0, 4.0), (4.0, 2.0, 1.5), (2.0, 2.0, 2.0), (-1.0, 2.5, -3.0))


def test_chirp_matches_scipy():
    cases = [(m, sw, vz, cplx) for m in METHODS for sw in SWEEPS
             for vz in (True, False) for cplx in (False, True)
             if not (m == "hyperbolic" and sw[0] * sw[2] < 0)]

    def run(t):   # every case in one compiled program
        return [js.chirp(t, *sw, method=m, phi=25.0, vertex_zero=vz, complex=c)
                for m, sw, vz, c in cases]

    with jax.enable_x64(True):
        got = jax.jit(run)(T)
    for g, (m, sw, vz, c) in zip(got, cases):
        ref = ss.chirp(T, *sw, method=m, phi=25.0, vertex_zero=vz, complex=c)
        assert_close(g, ref, None, np.complex128 if c else np.float64, err=f"{m} {sw} {vz}")
    # float32: phases here stay below 2 pi * 13, so float32 rounding of the phase
    # (~13 * 2 pi * 6e-8 = 5e-6) keeps within the float32 default tolerance
    t32 = T.astype(np.float32)
    got32 = jax.jit(lambda t: [js.chirp(t, 1.5, 2.0, 4.0, method=m) for m in METHODS])(t32)
    for g, m in zip(got32, METHODS):
        assert_close(g, ss.chirp(t32.astype(np.float64), 1.5, 2.0, 4.0, method=m), None,
                     np.float32, err=f"float32 {m}")


@pytest.mark.parametrize("method", ["linear", "logarithmic", "hyperbolic"])
def test_chirp_transforms_and_gradients(method):
    t = np.linspace(0.1, 1.9, 7)
    with jax.enable_x64(True):
        check(lambda t, f0, f1: js.chirp(t, f0, 2.0, f1, method=method),
              lambda t, f0, f1: ss.chirp(t, float(f0), 2.0, float(f1), method=method),
              [t, np.float64(1.5), np.float64(3.0)], grad=1, vmap_argnums=(0,),
              check_dtype=np.float64)


def test_chirp_traced_invalid_gives_nan_and_aliases():
    f = jax.jit(lambda f0: js.chirp(T[:5], f0, 1.0, 2.0, method="log"))
    assert np.all(np.isnan(f(-1.0)))
    g = jax.jit(lambda f1: js.chirp(T[:5], 1.0, 1.0, f1, method="hyp"))
    assert np.all(np.isnan(g(0.0)))
    with jax.enable_x64(True):
        for alias, m in (("li", "linear"), ("q", "quadratic"), ("lo", "logarithmic"),
                         ("hyp", "hyperbolic")):
            assert_close(js.chirp(T, 1.0, 2.0, 0.5, alias), ss.chirp(T, 1.0, 2.0, 0.5, m),
                         None, np.float64)
    assert js.chirp(np.arange(4), 1, 2, 3).dtype == np.float32   # ints promote to float


def test_gausspulse():
    t = np.linspace(-1e-3, 1e-3, 101)
    flags = [(q, e) for q in (False, True) for e in (False, True)]
    with jax.enable_x64(True):
        got = jax.jit(lambda t, fc: [js.gausspulse(t, fc, 0.4, -3, retquad=q, retenv=e)
                                     for q, e in flags])(t, 5000.0)
    for g, (q, e) in zip(got, flags):
        ref = ss.gausspulse(t, 5000, 0.4, -3, retquad=q, retenv=e)
        assert_close(tuple(g) if isinstance(g, tuple) else g,
                     tuple(ref) if isinstance(ref, tuple) else ref, None, None,
                     err=f"retquad={q} retenv={e}")
        assert all(np.asarray(v).dtype == np.float64 for v in jax.tree.leaves(g))
    for args in ((5000, 0.4, -3, -40), (1000, 0.5, -6, -60)):
        c = js.gausspulse("cutoff", *args)
        assert isinstance(c, float) and c == pytest.approx(ss.gausspulse("cutoff", *args),
                                                           rel=1e-14)
    assert js.gausspulse(t.astype(np.float32)).dtype == np.float32
    with jax.enable_x64(True):   # gradient in t and fc, in the scaled units where it is O(1)
        check(lambda t, fc: js.gausspulse(t, fc, 0.5), None,
              [np.linspace(-0.5, 0.5, 5), np.float64(1.2)], grad=1, vmap=False, purity=False)
    assert np.all(np.isnan(jax.jit(lambda bw: js.gausspulse(t[:3], 1000.0, bw))(-1.0)))


def _away_from_jumps(t, w, step):
    """Points of ``t`` not within ``step`` of a jump (float32 may fall on either side)."""
    tm = np.mod(t, 2 * np.pi)
    return (np.abs(tm - 2 * np.pi * w) > step) & (tm > step) & (2 * np.pi - tm > step)


def test_sawtooth_square():
    t = np.linspace(-10, 20, 1001)
    widths = (0.0, 0.3, 0.5, 1.0, 1.2, -0.1)
    with jax.enable_x64(True):
        got = jax.jit(lambda t, *w: [(js.sawtooth(t, x), js.square(t, x)) for x in w])(t, *widths)
    for (saw, sq), w in zip(got, widths):
        assert_close(saw, ss.sawtooth(t, w), None, np.float64, err=f"sawtooth width={w}")
        assert_close(sq, ss.square(t, w), None, np.float64, err=f"square duty={w}")
    # broadcast widths, float32 away from the jumps (a float32 rounding of t may cross them)
    t32 = t.astype(np.float32)
    w = np.linspace(0, 1, 7, dtype=np.float32)[:, None]
    saw = js.sawtooth(t32, w)
    sq = js.square(t32, w)
    keep = _away_from_jumps(t32.astype(np.float64), w.astype(np.float64), 1e-4)
    assert saw.dtype == sq.dtype == np.float32 and saw.shape == (7, 1001)
    t64, w64 = t32.astype(np.float64), w.astype(np.float64)
    assert_close(np.asarray(saw)[keep], ss.sawtooth(t64, w64)[keep], None, np.float32)
    assert_close(np.asarray(sq)[keep], ss.square(t64, w64)[keep], None, np.float32)
    with jax.enable_x64(True):   # gradient in t and width on the linear pieces
        check(js.sawtooth, ss.sawtooth, [np.array([0.5, 2.5, 4.0, 5.5]), np.float64(0.6)],
              grad=1, check_dtype=np.float64)


def test_sweep_poly():
    t = np.linspace(0, 2, 101)
    p = np.array([0.5, -1.0, 2.0, 3.0])
    with jax.enable_x64(True):
        check(lambda t, p: js.sweep_poly(t, p, phi=10.0),
              lambda t, p: ss.sweep_poly(t, p, phi=10.0), [t, p], grad=1,
              check_dtype=np.float64, grad_tol=1e-4)   # phases up to ~60 rad: finite differences
        assert_close(js.sweep_poly(t, np.poly1d(p)), ss.sweep_poly(t, np.poly1d(p)), None,
                     np.float64)
    assert js.sweep_poly(t.astype(np.float32), p.astype(np.float32)).dtype == np.float32


@pytest.mark.parametrize("shape,idx", [(5, None), (6, "mid"), ((3, 4), "mid"), ((3, 4), (1, -1)),
                                       ((4, 4), 2), ((2, 3, 4), None)])
def test_unit_impulse(shape, idx):
    got = js.unit_impulse(shape, idx)
    assert_close(got, ss.unit_impulse(shape, idx), None, np.float32)
    with jax.enable_x64(True):
        assert js.unit_impulse(shape, idx).dtype == np.float64
        assert_close(js.unit_impulse(shape, idx, dtype=np.complex64),
                     ss.unit_impulse(shape, idx, dtype=np.complex64), None, np.complex64)
        assert_close(js.unit_impulse(shape, idx, dtype=int), ss.unit_impulse(shape, idx, int),
                     None, np.int64)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: js.chirp(T, 1.0, 1.0, 2.0, method="cubic"), ValueError, "method"),
    (lambda: js.chirp(T, -1.0, 1.0, 2.0, method="logarithmic"), ValueError, "f0"),
    (lambda: js.chirp(T, 0.0, 1.0, 2.0, method="hyperbolic"), ValueError, "f0"),
    (lambda: js.chirp(T, np.ones(2), 1.0, 2.0), TypeError, "chirp.*'f0'"),
    (lambda: js.chirp(T, 1.0, 1.0, 2.0j), TypeError, "chirp.*'f1'"),
    (lambda: js.chirp("a", 1.0, 1.0, 2.0), TypeError, "chirp"),
    (lambda: js.gausspulse(T, fc=-1), ValueError, "'fc'"),
    (lambda: js.gausspulse(T, bw=0), ValueError, "'bw'"),
    (lambda: js.gausspulse(T, bwr=1), ValueError, "'bwr'"),
    (lambda: js.gausspulse("cutoff", tpr=3), ValueError, "'tpr'"),
    (lambda: js.gausspulse("cut"), ValueError, "cutoff"),
    (lambda: js.sawtooth("x"), TypeError, "sawtooth"),
    (lambda: js.square(T, 1j), TypeError, "square.*'duty'"),
    (lambda: js.sweep_poly(T, np.ones((2, 2))), ValueError, "sweep_poly.*'poly'"),
    (lambda: js.unit_impulse(4, 7), IndexError, "unit_impulse.*'idx'"),
    (lambda: js.unit_impulse((2, 3), (1,)), IndexError, "unit_impulse.*'idx'"),
    (lambda: js.unit_impulse(4, "end"), ValueError, "unit_impulse.*'idx'"),
    (lambda: js.unit_impulse(2.5), TypeError, "unit_impulse.*'shape'"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    n = 0
    for name in WF.__all__:
        for test in finder.find(getattr(js, name), name, globs={}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 3 * len(WF.__all__)
    assert runner.summarize(verbose=False).failed == 0
