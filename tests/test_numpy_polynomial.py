"""Main-namespace polynomial functions of jaxwrap.numpy (poly, polyval, polyfit,
polyadd, polysub, polymul, polydiv, polyder, polyint, roots) against numpy
(reference) and jax.numpy (peer: values and dtypes), eagerly, under jit and
vmap, with primitive purity; then gradients and bad input.

numpy trims leading zeros (polydiv's remainder, roots); jaxwrap keeps static
shapes like jax, so those references are padded / sorted before comparing.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import polynomial as P
from tests.harness import assert_close, check

F, I, C = np.float32, np.int32, np.complex64

_P = np.array([1.0, -2.5, 0.5, 3.0], F)
_Q = np.array([2.0, 1.0, -1.0], F)
_R = np.array([1.0, 2.0, -3.0, 0.5], F)


def _x(n=7, seed=0):
    return np.random.default_rng(seed).uniform(-1.5, 1.5, n).astype(F)


def _padded_polydiv(u, v):
    q, r = np.polydiv(u, v)
    return q, np.concatenate([np.zeros(len(u) - len(r)), r])


class Row(NamedTuple):
    fn: str
    args: Callable
    kwargs: dict = {}
    ref: Callable | None = None
    peer: bool = True
    tol: float | None = None
    vmap: bool = True


ROWS = [
    Row("poly", lambda: [_R]),
    Row("poly", lambda: [np.array([1 + 1j, 1 - 1j, 2], C)]),
    Row("poly", lambda: [np.zeros(0, F)], vmap=False),
    Row("polyval", lambda: [_P, _x()]),
    Row("polyval", lambda: [np.array([3, 0, 1], I), np.array([1, 2, -3], I)]),
    Row("polyval", lambda: [_P.astype(C), _x().astype(C)]),
    Row("polyadd", lambda: [_P, _Q]),
    Row("polyadd", lambda: [np.array([1, 2], I), np.array([9, 5, 4], I)]),
    Row("polysub", lambda: [_Q, _P]),
    Row("polymul", lambda: [_P, _Q]),
    Row("polymul", lambda: [np.array([1, 2], I), np.array([3, 0, 4], I)]),
    Row("polydiv", lambda: [_P, _Q], ref=_padded_polydiv, tol=1e-4),
    Row("polydiv", lambda: [_Q, _P], ref=_padded_polydiv),
    Row("polyder", lambda: [_P]),
    Row("polyder", lambda: [_P], {"m": 2}),
    Row("polyder", lambda: [_Q], {"m": 4}),
    Row("polyint", lambda: [_P]),
    Row("polyint", lambda: [_Q], {"m": 2, "k": np.array([1.0, -2.0], F)}, peer=False),
    Row("polyint", lambda: [_Q], {"m": 3, "k": 2.0}),
    Row("polyint", lambda: [_Q], {"m": 0}),
]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.fn}-{i}" for i, r in enumerate(ROWS)])
def test_against_numpy_and_jax(row):
    fn = getattr(P, row.fn)
    ref = row.ref or getattr(np, row.fn)
    peer = getattr(jnp, row.fn) if row.peer else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(fn, ref, row.args(), kwargs=row.kwargs, peer=peer, tol=row.tol, vmap=row.vmap)


@pytest.mark.parametrize("kwargs", [{}, {"w": True}, {"full": True}, {"cov": True},
                                    {"cov": "unscaled"}, {"two": True}, {"two": True, "cov": True}])
def test_polyfit(kwargs):
    kwargs = dict(kwargs)
    rng = np.random.default_rng(1)
    x = np.linspace(-1, 1, 12).astype(F)
    y = (3 * x ** 3 - x + 0.1 * rng.normal(size=12)).astype(F)
    if kwargs.pop("two", False):
        y = np.stack([y, 2 * y + 1], 1)
    args = [x, y]
    if kwargs.pop("w", False):
        args.append(rng.uniform(0.5, 2.0, 12).astype(F))

    def call(mod):
        return lambda x, y, *w: mod.polyfit(x, y, 3, w=w[0] if w else None, **kwargs)

    # numpy's lstsq leaves residuals empty when rank-deficient; not the case here
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(call(P), call(np), args, peer=call(jnp), tol=2e-4, vmap_argnums=(1,),
              check_dtype=not kwargs.get("full"))


def test_polydiv_and_polymul_trimming():
    q, r = P.polydiv(_P, _Q, trim_leading_zeros=True)
    eq, er = np.polydiv(_P, _Q)
    assert_close(q, eq, tol=1e-5)
    assert_close(r, er, tol=1e-4)
    assert_close(P.polymul(np.array([0.0, 1, 2], F), np.array([0.0, 3], F),
                           trim_leading_zeros=True),
                 np.polymul(np.array([0.0, 1, 2]), np.array([0.0, 3])), tol=1e-6)
    with pytest.raises(ValueError, match="concrete"):
        jax.jit(lambda u: P.polydiv(u, _Q, trim_leading_zeros=True))(_P)


def _sorted_roots(r):
    r = np.asarray(r)
    return r[np.lexsort((r.imag, r.real))]


@pytest.mark.parametrize("p", [
    np.array([1.0, -6.0, 11.0, -6.0], F),
    np.array([0.0, 0.0, 1.0, -3.0, 2.0, 0.0], F),
    np.array([1.0, 0.0, 4.0], F),
    np.array([2.0, 1.0], F),
    np.array([5.0], F),
    np.zeros(3, F),
])
def test_roots(p):
    got = P.roots(p)
    # jax's roots is always complex; numpy's is real when every root is: compare as
    # complex numbers (widening numpy's answer, not narrowing ours)
    expected = np.roots(p).astype(np.complex128)
    assert got.shape == expected.shape and got.dtype == jnp.roots(p).dtype == np.complex64
    assert_close(_sorted_roots(got), _sorted_roots(expected), tol=1e-4)
    # under jit: strip_zeros=False keeps the shape, leading zeros give NaN roots (like jax)
    if p.size > 1:
        assert_close(_sorted_roots(jax.jit(lambda c: P.roots(c, strip_zeros=False))(p)),
                     _sorted_roots(jnp.roots(p, strip_zeros=False)), tol=1e-4)


def test_poly_of_matrix():
    a = np.random.default_rng(2).normal(size=(4, 4)).astype(F)
    out = P.poly(a)
    assert out.dtype == np.float32      # a real matrix has a real characteristic polynomial
    assert_close(out, np.poly(a), tol=1e-4)


# --- gradients ----------------------------------------------------------------------------------
GRADS = [
    ("poly", lambda: [_R]),
    ("polyval", lambda: [_P, _x()]),
    ("polymul", lambda: [_P, _Q]),
    ("polydiv", lambda: [_P, _Q]),
    ("polyder", lambda: [_P]),
    ("polyint", lambda: [_Q]),
    ("polyadd", lambda: [_P, _Q]),
]


@pytest.mark.parametrize("name,args", GRADS, ids=[g[0] for g in GRADS])
def test_grad(name, args):
    fn = jax.jit(getattr(P, name))
    fn.__name__ = name
    check(fn, None, args(), grad=2 if name != "polydiv" else 1, jit=False, vmap=False,
          purity=False)


def test_grad_polyfit():
    x = np.linspace(-1, 1, 9).astype(F)
    y = np.cos(x).astype(F)
    fn = jax.jit(lambda y: P.polyfit(x, y, 2))
    fn.__name__ = "polyfit"
    check(fn, None, [y], grad=1, jit=False, vmap=False, purity=False)


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("call,exc,match", [
    (lambda: P.poly(np.ones((2, 3))), ValueError, "seq_of_zeros"),
    (lambda: P.polyval(np.ones((2, 3)), np.ones(4)), ValueError, "broadcast"),
    (lambda: P.polyadd(np.ones((2, 2)), np.ones(2)), ValueError, "a1"),
    (lambda: P.polyder(_P, m=-1), ValueError, "'m'"),
    (lambda: P.polyder(_P, m=1.5), TypeError, "'m'"),
    (lambda: P.polyint(_P, m=2, k=[1.0, 2.0, 3.0]), ValueError, "'k'"),
    (lambda: P.polyfit(_P, _P, -1), ValueError, "deg"),
    (lambda: P.polyfit(np.ones((2, 2)), np.ones(2), 1), TypeError, "'x'"),
    (lambda: P.polyfit(_P, np.ones(3), 1), TypeError, "same length"),
    (lambda: P.polyfit(_P, np.ones((4, 2, 2)), 1), TypeError, "'y'"),
    (lambda: P.polyfit(_P, _P, 3, cov=True), ValueError, "exceed"),
    (lambda: P.roots(np.ones((2, 2))), ValueError, "1-D"),
    (lambda: jax.jit(P.roots)(_P), ValueError, "strip_zeros"),
    (lambda: P.polymul("ab", _P), TypeError, "polymul"),
])
def test_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
