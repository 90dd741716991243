"""where, clip, nan_to_num, round/around and angle against numpy (reference)
and jax.numpy (peer), eagerly, under jit and vmap, with gradients for where
and clip, plus bad input."""

from __future__ import annotations

import warnings

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import selection as S
from tests.harness import check

F, I, C, B = np.float32, np.int32, np.complex64, np.bool_


def _draw(shape, dtype, seed=0, scale=3.0):
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dtype.kind in "iu":
        return rng.integers(-9 if dtype.kind == "i" else 0, 10, shape).astype(dtype)
    x = rng.uniform(-scale, scale, shape)
    if dtype.kind == "c":
        x = x + 1j * rng.uniform(-scale, scale, shape)
    return x.astype(dtype)


# --- where -------------------------------------------------------------------------------
@pytest.mark.parametrize("sc,sx,sy,dx,dy", [
    ((5,), (5,), (5,), F, F), ((3, 1), (1, 4), (), F, F), ((2, 3), (3,), (2, 1), I, F),
    ((4,), (4,), (4,), C, F), ((2, 2), (2, 2), (), I, I), ((), (3,), (3,), B, B)], ids=str)
def test_where(sc, sx, sy, dx, dy):
    cond = _draw(sc, B, 1)
    x, y = _draw(sx, dx, 2), _draw(sy, dy, 3)
    grad = 1 if np.dtype(dx).kind == np.dtype(dy).kind == "f" else 0
    check(S.where, np.where, (cond, x, y), peer=jnp.where, grad=grad, grad_argnums=(1, 2))


def test_where_condition_and_scalars():
    # non-boolean condition: non-zero (and NaN) count as true
    cond = np.array([0.0, 2.0, np.nan, -1.0], F)
    check(S.where, np.where, (cond, np.arange(4, dtype=F), np.float32(-1)), peer=jnp.where)
    # Python scalars stay weak: the array's dtype wins
    out = S.where(np.array([True, False]), np.array([1, 2], np.int8), 5)
    assert out.dtype == jnp.where(np.array([True, False]), np.array([1, 2], np.int8), 5).dtype
    out = S.where(True, 1.0, 2)
    ref = jnp.where(True, 1.0, 2)
    assert out.dtype == ref.dtype and float(out) == 1.0


def test_where_one_argument_is_nonzero():
    c = np.array([[0, 3, 0], [1, 0, 2]])
    check(lambda c: S.where(c), np.nonzero, [c], peer=jnp.where, jit=False, vmap=False,
          purity=False)
    check(lambda c: S.where(c, size=4, fill_value=-1),
          lambda c: tuple(np.concatenate([i, [-1]]) for i in np.nonzero(c)), [c],
          peer=lambda c: jnp.where(c, size=4, fill_value=-1), vmap=False)
    with pytest.raises(jax.errors.ConcretizationTypeError, match="size"):
        jax.jit(S.where)(c)


def test_where_errors():
    with pytest.raises(ValueError, match="both or neither"):
        S.where(np.array([1, 0]), 1.0)
    with pytest.raises(ValueError, match="where.*broadcast"):
        S.where(np.ones(3, bool), np.ones(2), np.ones(3))
    with pytest.raises(TypeError, match="where.*x"):
        S.where(np.ones(3, bool), "a", 1.0)


# --- clip --------------------------------------------------------------------------------
@pytest.mark.parametrize("sa,lo,hi,dt", [
    ((6,), -1.0, 1.5, F), ((2, 3), "arr", None, F), ((2, 3), None, "arr", F),
    ((4,), 2, 6, I), ((3, 4), "arr", "arr", F), ((5,), 0.5, 2.5, I)], ids=str)
def test_clip(sa, lo, hi, dt):
    a = _draw(sa, dt, 4)
    lo = _draw(sa[-1:], F, 5, 1.0) - 1 if isinstance(lo, str) else lo
    hi = _draw(sa[-1:], F, 6, 1.0) + 1 if isinstance(hi, str) else hi
    fn = lambda a: S.clip(a, lo, hi)
    check(fn, lambda a: np.clip(a, lo, hi), (a,), peer=lambda a: jnp.clip(a, lo, hi),
          grad=1 if dt == F else 0)


def test_clip_bounds_gradient_and_order():
    a, lo, hi = _draw((5,), F, 1), np.float32(-0.7), np.float32(0.9)
    check(S.clip, np.clip, (a, lo, hi), peer=jnp.clip, grad=1)
    # min > max gives max, like numpy; NaN propagates
    x = np.array([0.0, np.nan, 5.0], F)
    np.testing.assert_array_equal(S.clip(x, 3.0, 1.0), np.clip(x, 3.0, 1.0))
    np.testing.assert_array_equal(S.clip(x, min=1.0), np.clip(x, min=1.0))
    np.testing.assert_array_equal(S.clip(x, max=np.nan), np.clip(x, max=np.nan))
    np.testing.assert_array_equal(S.clip(x), x)


def test_clip_deprecated_names_and_errors():
    x = np.arange(7, dtype=np.int16)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        out = S.clip(a=x, a_min=2, a_max=4)
    assert any(issubclass(r.category, DeprecationWarning) and "a_min" in str(r.message)
               for r in w)
    np.testing.assert_array_equal(out, np.clip(x, 2, 4))
    with pytest.raises(ValueError, match="clip.*arr"):
        S.clip()
    with pytest.raises(ValueError, match="clip.*complex"):
        S.clip(np.ones(2, C), 0, 1)
    with pytest.raises(ValueError, match="clip.*'max'.*complex"):
        S.clip(np.ones(2), 0, 1j)
    with pytest.raises(TypeError, match="clip.*both"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        S.clip(np.ones(3), 0, a_min=1)
    with pytest.raises(TypeError, match="clip"):
        S.clip("abc", 0, 1)


# --- nan_to_num ----------------------------------------------------------------------------
SPECIAL = np.array([np.nan, np.inf, -np.inf, 1.5, -2.0, 0.0], F)


@pytest.mark.parametrize("kw", [{}, {"nan": 5.0, "posinf": 1.0, "neginf": -1.0}, {"nan": -3}],
                         ids=str)
def test_nan_to_num_float(kw):
    check(S.nan_to_num, np.nan_to_num, (SPECIAL,), kwargs=kw, peer=jnp.nan_to_num)


def test_nan_to_num_other_dtypes():
    z = np.empty(SPECIAL.shape, C)
    z.real, z.imag = SPECIAL, SPECIAL[::-1]
    check(S.nan_to_num, np.nan_to_num, (z,), peer=jnp.nan_to_num)
    check(S.nan_to_num, np.nan_to_num, (SPECIAL.astype(np.float16),), peer=jnp.nan_to_num)
    xi = _draw((4,), I, 1)
    check(S.nan_to_num, np.nan_to_num, (xi,), peer=jnp.nan_to_num)
    xb = _draw((4,), B, 1)
    np.testing.assert_array_equal(S.nan_to_num(xb), xb)
    # gradient passes through the finite entries
    check(S.nan_to_num, np.nan_to_num, (_draw((5,), F, 2),), grad=1)
    with pytest.raises(TypeError, match="nan_to_num.*nan"):
        S.nan_to_num(SPECIAL, nan="x")


# --- round / around -------------------------------------------------------------------------
@pytest.mark.parametrize("x,decimals", [
    (np.array([0.5, 1.5, 2.5, -0.5, -1.5, 3.7, -3.2], F), 0),
    (np.array([2.675, 1.005, -0.125, 0.375, 12.34567], F), 2),
    (np.array([1234.5, 15.0, 25.0, -35.0, 44.9], F), -1),
    (np.array([1234.5, 150.0, 250.0, -3512.0], F), -2),
    (np.array([0.25 + 1.35j, -2.5 - 0.5j], C), 1),
    (np.array([0.5, 1.5, 2.25, 2.5], np.float16), 1),
    (np.array([1.0, 2.5], F), 50),
], ids=lambda v: str(v) if isinstance(v, int) else str(v.dtype))
def test_round_float(x, decimals):
    # beyond the type's resolution rounding is a no-op (numpy overflows to nan there)
    ref = None if decimals > 30 else np.round
    check(S.round, ref, (x,), kwargs={"decimals": decimals}, peer=jnp.round, tol=1e-5,
          vmap=False)


@pytest.mark.parametrize("x,decimals", [
    (np.arange(-35, 40, 5, dtype=np.int32), -1),
    (np.array([1249, 1250, 1350, -1250, -1251, 7], np.int32), -2),
    (np.array([127, -128, 55, 45, -45], np.int8), -1),
    (np.array([250, 255, 5, 15], np.uint8), -1),
    (np.array([127, -100], np.int8), -3),
    (np.array([3, -7], np.int32), 2),
], ids=lambda v: str(v) if isinstance(v, int) else str(v.dtype))
def test_round_int(x, decimals):
    # jax.numpy does not implement negative decimals for integers: numpy is the oracle
    check(S.round, np.round, (x,), kwargs={"decimals": decimals}, vmap=False)
    assert S.round(x, decimals).dtype == x.dtype


def test_round_misc():
    x = _draw((3, 4), F, 7)
    check(S.around, np.around, (x,), kwargs={"decimals": 1}, peer=jnp.around, tol=1e-5)
    b = np.array([True, False])
    np.testing.assert_array_equal(S.round(b), b)
    out = S.round(2.5)
    assert float(out) == 2.0 and out.dtype == jnp.round(2.5).dtype
    with pytest.raises(TypeError, match="round.*decimals"):
        S.round(x, 1.5)
    with pytest.raises(NotImplementedError, match="out"):
        S.round(x, 0, np.empty_like(x))


# --- angle ---------------------------------------------------------------------------------
@pytest.mark.parametrize("dt,deg", [(C, False), (C, True), (F, False), (I, False), (B, True)],
                         ids=str)
def test_angle(dt, deg):
    z = _draw((2, 3), dt, 8)
    check(S.angle, lambda z, deg: np.angle(z, deg=deg).astype(np.float32), (z,),
          kwargs={"deg": deg}, peer=jnp.angle, tol=1e-5, grad=1 if dt == C else 0)


def test_angle_scalars():
    for z in (1.0, -2, 1j, -1 - 1j):
        out, ref = S.angle(z), jnp.angle(z)
        assert out.dtype == ref.dtype
        np.testing.assert_allclose(out, ref, rtol=1e-6)
    with pytest.raises(TypeError, match="angle"):
        S.angle("x")
