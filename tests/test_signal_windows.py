"""jaxwrap.scipy.signal.windows and get_window against scipy.signal.windows.

Every window over a few lengths (0, 1, even, odd) and both ``sym``, in float64
(x64) and float32; the traced shape parameters under jit / vmap / grad; every
accepted spelling of get_window; bad input."""

from __future__ import annotations

import doctest
import warnings

import jax
import numpy as np
import pytest
import scipy.signal as ss
import scipy.signal.windows as sw

import jaxwrap.numpy as jnp
import jaxwrap.scipy.signal as js
from jaxwrap._src.scipy.signal_windows import windows as W
from jaxwrap._src.scipy.signal_windows import windows_param as WP
from jaxwrap.scipy.signal import windows as jw
from tests.harness import assert_close, check

# name -> positional parameters after M (a few sets of them for the traced ones)
WINDOWS = {
    "barthann": [()], "bartlett": [()], "blackman": [()], "blackmanharris": [()],
    "bohman": [()], "boxcar": [()], "cosine": [()], "flattop": [()], "hamming": [()],
    "hann": [()], "lanczos": [()], "nuttall": [()], "parzen": [()], "triang": [()],
    "chebwin": [(100,), (60,)],
    "taylor": [(), (6, 45, False)],
    "kaiser": [(0.0,), (8.6,)],
    "gaussian": [(2.5,)],
    "general_gaussian": [(1.5, 3.0), (0.5, 2.0)],
    "general_hamming": [(0.6,)],
    "general_cosine": [([0.4, 0.3, 0.2, 0.1],)],
    "tukey": [(0.5,), (0.0,), (1.5,), (0.3,)],
    "exponential": [(None, 2.0)],
}
LENGTHS = (0, 1, 6, 17)


def _cases():
    for name, params in WINDOWS.items():
        for p in params:
            yield pytest.param(name, p, id=f"{name}{p}")


def _both(name, args, M, sym, **kw):
    return getattr(jw, name)(M, *args, sym=sym, **kw), getattr(sw, name)(M, *args, sym=sym, **kw)


def _grid(name, args, lengths, syms):
    """All (M, sym) variants of one window in ONE compiled program (compiles
    dominate the cost; the parameters are traced where the window allows)."""
    fn = getattr(jw, name)
    traced = [i for i, a in enumerate(args) if isinstance(a, float)]

    def run(*tr):
        full = list(args)
        for i, v in zip(traced, tr):
            full[i] = v
        return [fn(M, *full, sym=sym) for M in lengths for sym in syms]

    return jax.jit(run)(*[args[i] for i in traced])


@pytest.mark.parametrize("name,args", list(_cases()))
def test_window_matches_scipy(name, args):
    syms = (True, False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)   # chebwin's low-attenuation note
        with jax.enable_x64(True):
            got = _grid(name, args, LENGTHS, syms)
        # float32: one length, both kinds; against scipy's float64 at float32's tolerance
        got32 = _grid(name, args, (9,), syms)
        refs = [getattr(sw, name)(M, *args, sym=sym) for M in LENGTHS for sym in syms]
        refs32 = [getattr(sw, name)(9, *args, sym=sym) for sym in syms]
    for g, r, (M, sym) in zip(got, refs, [(M, s) for M in LENGTHS for s in syms]):
        assert_close(g, r, None, np.float64, err=f"{name}{args} M={M} sym={sym}")
    for g, r, sym in zip(got32, refs32, syms):
        assert_close(g, r, None, np.float32, err=f"{name}{args} float32 sym={sym}")


def test_window_large_and_exponential_center():
    with jax.enable_x64(True):
        for name, args in (("chebwin", (80,)), ("taylor", ()), ("kaiser", (14.0,)),
                           ("tukey", (0.25,)), ("cosine", ())):
            got, ref = _both(name, args, 1000, True)
            assert_close(got, ref, None, np.float64, err=f"{name} M=1000")
        for M in (0, 1, 8, 9):
            got, ref = _both("exponential", (3.0, 2.0), M, False)
            assert_close(got, ref, None, np.float64, err=f"exponential center M={M}")


def test_kaiser_bessel_derived():
    lengths = (0, 2, 8, 64)
    with jax.enable_x64(True):
        got = jax.jit(lambda b: [jw.kaiser_bessel_derived(M, b) for M in lengths])(4.0)
    for g, M in zip(got, lengths):
        assert_close(g, sw.kaiser_bessel_derived(M, 4.0), None, np.float64, err=f"M={M}")
    got = jw.kaiser_bessel_derived(16, np.float32(3.0))
    assert_close(got, sw.kaiser_bessel_derived(16, 3.0), None, np.float32)
    # Princen-Bradley: w[n]**2 + w[n + M/2]**2 == 1
    w = np.asarray(got)
    np.testing.assert_allclose(w[:8] ** 2 + w[8:] ** 2, 1.0, rtol=2e-6)   # float32 rounding


# --- traced parameters: eager/jit/vmap, gradients ----------------------------------------------
def _ref(name, M, sym=True):
    def ref(*params):
        return getattr(sw, name)(M, *[float(p) for p in params], sym=sym)
    return ref


@pytest.mark.parametrize("name,M,params,grad", [
    ("kaiser", 9, (5.0,), 1),
    ("gaussian", 8, (2.0,), 1),
    ("tukey", 11, (0.6,), 1),
    ("general_gaussian", 9, (1.2, 2.5), 1),
    ("general_hamming", 7, (0.6,), 0),
    ("kaiser_bessel_derived", 10, (3.0,), 1),
])
def test_traced_parameters(name, M, params, grad):
    fn = getattr(jw, name)
    args = [np.float64(p) for p in params]
    with jax.enable_x64(True):
        check(lambda *p: fn(M, *p), _ref(name, M), args, grad=grad, check_dtype=np.float64)
    # float32 parameters keep float32
    assert fn(M, *[np.float32(p) for p in params]).dtype == np.float32


def test_traced_general_cosine_and_exponential():
    a = np.array([0.5, 0.3, 0.2])
    with jax.enable_x64(True):
        check(lambda a: jw.general_cosine(8, a, sym=False),
              lambda a: sw.general_cosine(8, a, sym=False), [a], grad=1, check_dtype=np.float64)
        check(lambda c, t: jw.exponential(8, c, t, sym=False),
              lambda c, t: sw.exponential(8, float(c), float(t), sym=False),
              [np.float64(2.5), np.float64(3.0)], grad=1, check_dtype=np.float64)
    assert jw.general_cosine(5, np.array([0.5, 0.5], np.float32)).dtype == np.float32


def test_tukey_parameter_edges_under_jit():
    f = jax.jit(lambda a: jw.tukey(9, a))
    with jax.enable_x64(True):
        for a in (-0.5, 0.0, 1e-9, 0.999, 1.0, 3.0):
            assert_close(f(np.float64(a)), sw.tukey(9, a), None, np.float64, err=f"alpha={a}")
        g = jax.grad(lambda a: jnp.sum(jw.tukey(9, a)))
        assert np.isfinite(g(np.float64(0.0))) and np.isfinite(g(np.float64(1.0)))


# --- get_window -------------------------------------------------------------------------------
_PARAMS = {"chebwin": (70,), "gaussian": (1.7,), "general_cosine": ((0.5, 0.3, 0.2),),
           "general_gaussian": (1.5, 2.0), "general_hamming": (0.7,), "kaiser": (6.0,),
           "kaiser_bessel_derived": (3.0,), "exponential": (None, 2.5), "taylor": (5, 40),
           "tukey": (0.3,)}


def _spelling_cases():
    for alias, (fn, needs) in W._WINDOWS.items():
        params = _PARAMS.get(fn.__name__, ())
        if needs is not False:
            yield (alias, *params) if params else alias
        if needs is not True:
            yield alias


def test_get_window_every_spelling():
    calls = []
    for window in _spelling_cases():
        base = window if isinstance(window, str) else window[0]
        kbd = base in ("kaiser bessel derived", "kaiser_bessel_derived", "kbd")
        for fftbins in ((False,) if kbd else (True, False)):   # kbd is only symmetric
            calls.append((window, 8 if kbd else 9, fftbins))
    for window in ("hann_periodic", "hamming_symmetric", ("tukey_periodic", 0.4), 4.5, 0):
        calls += [(window, 7, True), (window, 7, False)]
    assert len(calls) > 90
    with jax.enable_x64(True):   # every spelling in one compiled program
        got = jax.jit(lambda: [js.get_window(w, n, fftbins=f) for w, n, f in calls])()
    for g, (w, n, f) in zip(got, calls):
        assert_close(g, ss.get_window(w, n, fftbins=f), None, np.float64,
                     err=f"{w!r} Nx={n} fftbins={f}")
    assert js.get_window("hann", 16).dtype == np.float32
    assert js.get_window is jw.get_window


@pytest.mark.parametrize("window,Nx,kw,exc,match", [
    ("nonexistent", 8, {}, ValueError, "unknown window"),
    ("hann", 0, {}, ValueError, "Nx"),
    ("hann", 2.5, {}, ValueError, "Nx"),
    ("hann", 8, {"fftbins": 1}, ValueError, "fftbins"),
    (("hann", 1.0), 8, {}, ValueError, "no parameters"),
    ("kaiser", 8, {}, ValueError, "needs parameters"),
    ((3, 1.0), 8, {}, ValueError, "first entry"),
    ([1, 2], 8, {}, ValueError, "window"),
    (("dpss", 3.0), 8, {}, NotImplementedError, "scipy.signal.windows.dpss"),
])
def test_get_window_errors(window, Nx, kw, exc, match):
    with pytest.raises(exc, match=match):
        js.get_window(window, Nx, **kw)
    if exc is ValueError:   # scipy refuses the same calls with the same type
        with pytest.raises(ValueError):
            ss.get_window(window, Nx, **kw)


# --- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc,match", [
    (lambda: jw.hann(-1), ValueError, "hann.*'M'"),
    (lambda: jw.hann(2.5), ValueError, "hann.*'M'"),
    (lambda: jw.hann("5"), TypeError, "hann.*'M'"),
    (lambda: jw.kaiser(5, np.ones(2)), ValueError, "kaiser.*'beta'"),
    (lambda: jw.kaiser(5, 1j), TypeError, "kaiser.*'beta'"),
    (lambda: jw.gaussian(5, "a"), TypeError, "gaussian.*std"),
    (lambda: jw.exponential(5, 2.0), ValueError, "exponential.*'center'"),
    (lambda: jw.kaiser_bessel_derived(5, 2.0), ValueError, "even"),
    (lambda: jw.kaiser_bessel_derived(4, 2.0, sym=False), ValueError, "sym"),
    (lambda: jw.general_cosine(5, np.ones((2, 2))), ValueError, "general_cosine.*'a'"),
    (lambda: jw.taylor(5, nbar=2.5), TypeError, "taylor.*'nbar'"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_chebwin_warns_like_scipy_and_integral_float_length():
    with pytest.warns(UserWarning, match="45 dB"):
        jw.chebwin(8, 30)
    with jax.enable_x64(True):
        assert_close(jw.hann(7.0), sw.hann(7), None, np.float64)   # scipy's hann takes no float M
    assert jw.hann(np.int64(6)).shape == (6,)
    assert jw.hann(5, xp=None, device=None).shape == (5,)


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    n = 0
    for name in W.__all__ + WP.__all__:
        for test in finder.find(getattr(jw, name), name, globs={}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 2 * len(W.__all__ + WP.__all__)
    assert runner.summarize(verbose=False).failed == 0
