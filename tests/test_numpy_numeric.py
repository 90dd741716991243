"""Numerical math and window functions of jaxwrap.numpy (diff, gradient, cross,
trapezoid, convolve/correlate, interp, unwrap, sinc, i0, gcd/lcm, vander,
bartlett/blackman/hamming/hanning/kaiser) against numpy (reference) and
jax.numpy (peer: values and dtypes), eagerly, under jit and vmap, with
primitive purity; then gradients, accuracy of i0, and bad input.

One row per call: the function, its argument builder, keyword arguments and
whether jax.numpy is a valid peer (it lacks some numpy options).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import mpmath
import numpy as np
import pytest

from jaxwrap._src.numpy import numeric as N
from jaxwrap._src.numpy import windows as W
from tests.harness import assert_close, check

F, I, C = np.float32, np.int32, np.complex64
AxisError = np.exceptions.AxisError


def _rng(seed=0):
    return np.random.default_rng(seed)


def _normal(*shape, dtype=F, seed=0):
    r = _rng(seed)
    x = r.normal(size=shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * r.normal(size=shape)
    if np.dtype(dtype).kind in "iu":
        x = r.integers(-9, 10, shape)
    return np.asarray(x).astype(dtype)


def _coords(n, seed=1):
    return np.cumsum(_rng(seed).uniform(0.5, 1.5, n)).astype(F)


class Row(NamedTuple):
    fn: str
    args: Callable                   # () -> list of positional arguments
    kwargs: dict = {}
    peer: bool = True                # jax.numpy has the same call
    ref: Callable | None = None      # default: numpy's function of the same name
    tol: float | None = None
    vmap: bool = True


ROWS = [
    Row("diff", lambda: [_normal(4, 5)]),
    Row("diff", lambda: [_normal(4, 5, dtype=I)], {"n": 2, "axis": 0}),
    Row("diff", lambda: [_normal(3, 4)], {"prepend": 1.0, "append": _normal(3, 2)}),
    Row("diff", lambda: [np.array([True, False, False, True])]),
    Row("ediff1d", lambda: [_normal(3, 4)], {"to_begin": np.array([1.0, 2.0], F), "to_end": 3.0}),
    Row("gradient", lambda: [_normal(4, 5)]),
    Row("gradient", lambda: [_normal(6), 0.5], {"edge_order": 2}, peer=False),
    Row("gradient", lambda: [_normal(4, 5), _coords(4), _coords(5, 2)]),
    Row("gradient", lambda: [_normal(4, 5), _coords(5)], {"axis": 1, "edge_order": 2},
        peer=False),
    Row("gradient", lambda: [_normal(4, 5, dtype=I), 2.0], {"axis": 0}),
    Row("cross", lambda: [_normal(4, 3), _normal(3, seed=1)]),
    Row("cross", lambda: [_normal(4, 3), _normal(4, 2, seed=1)]),
    Row("cross", lambda: [_normal(4, 2), _normal(4, 2, seed=1)],
        peer=False),   # numpy 2 deprecates 2-vector pairs; jax refuses axisc there
    Row("cross", lambda: [_normal(3, 4), _normal(2, 3, 1, seed=1)],
        {"axisa": 0, "axisb": 1, "axisc": 0}),
    Row("cross", lambda: [_normal(3, 2, dtype=I), _normal(3, 2, dtype=I, seed=1)], {"axis": 0}),
    Row("trapezoid", lambda: [_normal(4, 5)]),
    Row("trapezoid", lambda: [_normal(4, 5), _coords(5)]),
    Row("trapezoid", lambda: [_normal(4, 5), np.tile(_coords(4)[:, None], 5)], {"axis": 0}),
    Row("trapezoid", lambda: [_normal(4, 5, dtype=I)], {"dx": 0.3, "axis": 0}),
    Row("convolve", lambda: [_normal(10), _normal(3, seed=1)]),
    Row("convolve", lambda: [_normal(3), _normal(10, seed=1)], {"mode": "same"}),
    Row("convolve", lambda: [_normal(9, dtype=C), _normal(4, dtype=C, seed=1)],
        {"mode": "valid"}),
    Row("convolve", lambda: [_normal(300), _normal(200, seed=1)], {"mode": "same"},
        tol=1e-4, vmap=False),     # > 128 taps: the scanned path
    Row("convolve", lambda: [_normal(7, dtype=I), _normal(3, dtype=I, seed=1)]),
    Row("correlate", lambda: [_normal(10), _normal(4, seed=1)]),
    Row("correlate", lambda: [_normal(4, dtype=C), _normal(10, dtype=C, seed=1)],
        {"mode": "full"}),
    Row("correlate", lambda: [_normal(5, dtype=C), _normal(8, dtype=C, seed=1)],
        {"mode": "same"}),
    Row("correlate", lambda: [_normal(8), _normal(8, seed=1)], {"mode": "same"}),
    Row("interp", lambda: [np.linspace(-1, 11, 30).astype(F), np.sort(_normal(12) * 3 + 5),
                           _normal(12, seed=2)]),
    Row("interp", lambda: [np.linspace(-1, 11, 30).astype(F), np.sort(_normal(12) * 3 + 5),
                           _normal(12, seed=2)], {"left": -5.0, "right": 7.0}),
    Row("interp", lambda: [np.linspace(-5, 15, 30).astype(F), _normal(12) * 3,
                           _normal(12, seed=2)], {"period": 4.0}, vmap=False),
    Row("interp", lambda: [np.linspace(0, 1, 7).astype(F), np.array([0.0, 0.5, 1.0], F),
                           _normal(3, dtype=C)]),
    Row("unwrap", lambda: [np.cumsum(_rng().uniform(-4, 4, (3, 10)), axis=1).astype(F)]),
    Row("unwrap", lambda: [np.cumsum(_rng().uniform(-4, 4, (6, 3)), axis=0).astype(F)],
        {"axis": 0, "discont": 4.0, "period": 5.0}),
    Row("unwrap", lambda: [np.array([0, 3, 7, 1, 9], I)],
        ref=lambda p: np.unwrap(p.astype(np.float64))),
    Row("sinc", lambda: [np.array([0.0, 1e-5, -0.3, 1.0, 2.5, -7.25], F)]),
    Row("sinc", lambda: [_normal(5, dtype=C)]),
    Row("i0", lambda: [np.linspace(-30, 30, 41).astype(F)], tol=1e-5),
    Row("i0", lambda: [np.array([0, 1, -5, 19], I)], tol=1e-5),
    Row("gcd", lambda: [np.array([12, -20, 0, 7, 0], I), np.array([[8], [-6]], I)]),
    Row("gcd", lambda: [np.array([12, 20, 0, 255], np.uint8), np.array([8, 6, 5, 15], np.uint8)]),
    Row("lcm", lambda: [np.array([12, -20, 0, 7], I), np.array([[8], [-6]], I)]),
    Row("vander", lambda: [_normal(4)], {"N": 3}),
    Row("vander", lambda: [_normal(3, dtype=I)], {"increasing": True}),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.fn}-{i}" for i, r in enumerate(ROWS)])
def test_against_numpy_and_jax(row):
    fn = getattr(N, row.fn)
    ref = row.ref or getattr(np, row.fn)
    peer = getattr(jnp, row.fn) if row.peer else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(fn, ref, row.args(), kwargs=row.kwargs, peer=peer, tol=row.tol, vmap=row.vmap)


# --- windows -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bartlett", "blackman", "hamming", "hanning"])
@pytest.mark.parametrize("M", [0, 1, 2, 5, 8])
def test_windows(name, M):
    out = getattr(W, name)(M)
    assert_close(out, getattr(np, name)(M), tol=1e-6)
    assert_close(out, getattr(jnp, name)(M), tol=1e-6, check_dtype=np.float32)


@pytest.mark.parametrize("M", [0, 1, 4, 7])
@pytest.mark.parametrize("beta", [0.0, 2.0, 14.0])
def test_kaiser(M, beta):
    check(lambda b: W.kaiser(M, b), lambda b: np.kaiser(M, float(b)), [np.float32(beta)],
          peer=lambda b: jnp.kaiser(M, b), tol=1e-5, vmap=M > 1)


def test_windows_under_jit_and_grad():
    assert_close(jax.jit(W.hanning, static_argnums=0)(6), np.hanning(6), tol=1e-6)
    # d/dbeta of the kaiser window, by central differences in float64
    with jax.enable_x64(True):
        g = jax.jit(jax.grad(lambda b: W.kaiser(7, b).sum()))(3.0)
        num = (np.kaiser(7, 3.0 + 1e-6).sum() - np.kaiser(7, 3.0 - 1e-6).sum()) / 2e-6
        assert abs(g - num) < 1e-6


# --- i0 accuracy against mpmath -------------------------------------------------------------------
def test_i0_accuracy():
    x = np.concatenate([np.linspace(-40, 40, 161), [19.999, 20.0, 20.001, 100.0, 700.0]])
    expected = np.array([float(mpmath.besseli(0, mpmath.mpf(float(v)))) for v in x])
    with jax.enable_x64(True):
        got = np.asarray(N.i0(x))
    assert np.max(np.abs(got - expected) / expected) < 4e-15
    got32 = np.asarray(N.i0(x[np.abs(x) < 80].astype(F)))
    ref32 = expected[np.abs(x) < 80]
    assert np.max(np.abs(got32 - ref32) / ref32) < 2e-6


# --- gradients ------------------------------------------------------------------------------------
GRADS = [
    ("gradient", lambda: [_normal(4, 5)], {}),
    ("gradient", lambda: [_normal(6), _coords(6)], {"edge_order": 2}),
    ("trapezoid", lambda: [_normal(3, 5), _coords(5)], {}),
    ("convolve", lambda: [_normal(8), _normal(3, seed=1)], {"mode": "same"}),
    ("correlate", lambda: [_normal(6), _normal(9, seed=1)], {"mode": "full"}),
    ("interp", lambda: [np.array([0.3, 1.7, 2.2], F), np.array([0.0, 1.0, 2.0, 3.0], F),
                        _normal(4)], {}),
    ("cross", lambda: [_normal(2, 3), _normal(2, 3, seed=1)], {}),
    ("sinc", lambda: [np.array([0.0, 0.4, -1.3], F)], {}),
    ("i0", lambda: [np.array([0.0, 1.5, -7.0, 25.0], F)], {}),
    ("unwrap", lambda: [np.array([0.0, 3.0, 6.5, 0.5], F)], {}),
    ("diff", lambda: [_normal(3, 4)], {"n": 2}),
    ("vander", lambda: [_normal(3)], {"N": 4}),
]


@pytest.mark.parametrize("name,args,kwargs", GRADS,
                         ids=[f"{g[0]}-{i}" for i, g in enumerate(GRADS)])
def test_grad(name, args, kwargs):
    # jitted, so the many evaluations of the numerical check reuse one executable
    fn = jax.jit(lambda *a: getattr(N, name)(*a, **kwargs))
    fn.__name__ = name
    order = 2 if name in ("sinc", "trapezoid", "cross", "diff") else 1
    check(fn, None, args(), grad=order, jit=False, vmap=False, purity=False)


def test_sinc_second_derivative_at_zero():
    d2 = jax.grad(jax.grad(N.sinc))(0.0)
    np.testing.assert_allclose(d2, -np.pi ** 2 / 3, rtol=1e-5)


# --- bad input ------------------------------------------------------------------------------------
X = np.ones((2, 3), F)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: N.diff(X, axis=2), AxisError, r"diff\(\).*axis"),
    (lambda: N.diff(np.float32(1)), ValueError, "one-dimensional"),
    (lambda: N.diff(X, n=-1), ValueError, "'n'"),
    (lambda: N.diff(X, n=1.5), TypeError, "'n'"),
    (lambda: N.diff(X, prepend=np.ones((3, 3), F)), ValueError, "prepend"),
    (lambda: N.gradient(X, axis=3), AxisError, r"gradient\(\).*axis"),
    (lambda: N.gradient(X, edge_order=3), ValueError, "edge_order"),
    (lambda: N.gradient(X, 1.0, 2.0, 3.0), TypeError, "spacing"),
    (lambda: N.gradient(X, np.ones(4, F), 1.0), ValueError, "match the length"),
    (lambda: N.gradient(np.ones(2, F), edge_order=2), ValueError, "too small"),
    (lambda: N.cross(np.ones(4, F), np.ones(3, F)), ValueError, "dimension"),
    (lambda: N.cross(X, X, axisa=4), AxisError, "axisa"),
    (lambda: N.cross(np.ones((2, 3)), np.ones((4, 3))), ValueError, "broadcast"),
    (lambda: N.trapezoid(X, np.ones(4, F)), ValueError, "'x'"),
    (lambda: N.trapezoid(X, axis=-3), AxisError, "axis"),
    (lambda: N.convolve(X, X), ValueError, "1-D"),
    (lambda: N.convolve(np.ones(3), np.ones(2), mode="bad"), ValueError, "mode"),
    (lambda: N.correlate(np.ones(0), np.ones(2)), ValueError, "empty"),
    (lambda: N.interp(X, np.ones(3, F), np.ones(4, F)), ValueError, "same length"),
    (lambda: N.interp(X, np.ones((3, 1), F), np.ones(3, F)), ValueError, "1-D"),
    (lambda: N.interp(X, np.ones(3, F), np.ones(3, F), left="nope"), ValueError, "left"),
    (lambda: N.unwrap(X, axis=2), AxisError, "axis"),
    (lambda: N.i0(np.ones(2, C)), TypeError, "complex"),
    (lambda: N.gcd(np.ones(2, F), 2), TypeError, "integers"),
    (lambda: N.lcm(np.ones(2, I), np.ones(3, I)), ValueError, "broadcast"),
    (lambda: N.vander(X), ValueError, "one-dimensional"),
    (lambda: N.vander(np.ones(3), N=-1), ValueError, "'N'"),
    (lambda: W.hanning(2.5), TypeError, "'M'"),
    (lambda: W.kaiser(4, np.ones(2)), ValueError, "beta"),
    (lambda: N.sinc("x"), TypeError, "sinc"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
