"""Regression tests for the silent wrong answers and crashes of issue 14's table.

Each test compares values and dtypes exactly (integers) or to float32's default
tolerance, and fails on the behaviour the issue reported.
"""

import jax
import numpy as np
import pytest

import jaxwrap.numpy as jnp
import jaxwrap.scipy.linalg as jsl


def _same(actual, expected):
    assert isinstance(actual, jax.Array)
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert actual.shape == expected.shape
    np.testing.assert_array_equal(np.asarray(actual), expected)


# --- Python ints that do not fit the array's integer dtype ---------------------------
@pytest.mark.parametrize("fn, value", [
    (jnp.array, [2**31]), (jnp.asarray, [1, 2**40]), (jnp.array, 2**70),
    (jnp.array, [[1], [-2**31 - 1]]), (jnp.asarray, 2**31),
])
def test_python_int_overflow_raises_naming_the_function(fn, value):
    with pytest.raises(OverflowError, match=r"array\(\).*int32"):
        fn(value)


def test_python_int_overflow_explicit_dtype():
    with pytest.raises(OverflowError, match=r"array\(\).*uint8"):
        jnp.array([300], dtype=np.uint8)
    _same(jnp.array([255], dtype=np.uint8), np.array([255], np.uint8))


def test_python_int_in_range_unchanged():
    _same(jnp.array([2**31 - 1, -2**31]), np.array([2**31 - 1, -2**31], np.int32))
    with jax.enable_x64(True):
        _same(jnp.array([2**40]), np.array([2**40], np.int64))


# --- bincount ------------------------------------------------------------------------
def test_bincount_large_unsigned_values_are_dropped():
    x = np.array([1, 2**32 - 1, 2**31 + 2], np.uint32)
    _same(jnp.bincount(x, length=4), np.array([0, 1, 0, 0], np.int32))


def test_bincount_large_int64_values_are_dropped():
    with jax.enable_x64(True):
        x = np.array([0, 2**40, 3, -5], np.int64)
        # negative values count as 0 (jax's rule, documented); 2**40 is past the bins
        _same(jnp.bincount(x, length=4), np.array([2, 0, 0, 1], np.int64))


@pytest.mark.parametrize("length", [None, 0, 3])
def test_bincount_empty(length):
    x = np.array([], np.int32)
    expected = np.zeros(0 if length is None else length, np.int32)
    _same(jnp.bincount(x, length=length), expected)
    _same(jnp.bincount(x, weights=np.array([], np.float32), length=length),
          expected.astype(np.float32))


# --- integer division by zero: numpy's answer (0), documented ---------------------------
@pytest.mark.parametrize("dt", [np.int8, np.int32, np.uint8, np.uint32])
@pytest.mark.parametrize("name", ["floor_divide", "remainder", "mod", "fmod"])
def test_integer_division_by_zero_is_zero(name, dt):
    x = np.array([5, 7, 0, 1], dt)
    y = np.array([0, 0, 0, 2], dt)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = getattr(np, name)(x, y)
    _same(getattr(jnp, name)(x, y), expected)
    _same(jax.jit(getattr(jnp, name))(x, y), expected)
    assert "division by zero gives 0" in getattr(jnp, name).__doc__


def test_integer_division_by_zero_signed_and_scalars():
    x, y = np.array([5, -5], np.int32), np.array([0, 0], np.int32)
    _same(jnp.remainder(x, y), np.array([0, 0], np.int32))
    q, r = jnp.divmod(x, y)
    _same(q, np.array([0, 0], np.int32))
    _same(r, np.array([0, 0], np.int32))
    out = jnp.floor_divide(5, 0)
    assert out.dtype == np.int32 and int(out) == 0


def test_float_division_by_zero_unchanged():
    x, y = np.array([5.0, -5.0, 0.0], np.float32), np.zeros(3, np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        for name in ("floor_divide", "remainder", "fmod"):
            e = getattr(np, name)(x, y)
            a = getattr(jnp, name)(x, y)
            assert a.dtype == e.dtype
            np.testing.assert_array_equal(np.asarray(a), e)


# --- integer to a negative integer power ------------------------------------------------
@pytest.mark.parametrize("base, exp", [
    (np.array([2, 3]), -1), (2, -1), (np.array([2, 3], np.uint8), np.int8(-2)),
    (np.array([2, 3]), np.array([1, -1])), ([2, 3], -3),
])
def test_integer_negative_power_raises(base, exp):
    for fn in (jnp.power, jnp.pow):
        with pytest.raises(ValueError, match=r"pow(er)?\(\).*x2"):
            fn(base, exp)
    with pytest.raises(ValueError):
        np.power(base, exp)


def test_integer_power_allowed_cases():
    _same(jnp.power(np.array([2, 3], np.int32), 2), np.array([4, 9], np.int32))
    # float base: negative exponents are fine
    a = jnp.power(np.array([2.0, 4.0], np.float32), -1)
    assert a.dtype == np.float32
    np.testing.assert_array_equal(np.asarray(a), np.array([0.5, 0.25], np.float32))
    # a device (jax) exponent cannot be checked without a transfer: jax's answer
    _same(jnp.power(jnp.array([2, 1, -1, 3]), jnp.array([-1, -2, -3, 2])),
          np.array([0, 1, -1, 9], np.int32))


# --- scipy.linalg.qr(mode='raw') ---------------------------------------------------------
def test_qr_raw_reconstructs():
    a = np.random.default_rng(14).standard_normal((4, 3)).astype(np.float32)
    (h, tau), r = jsl.qr(a, mode="raw")
    assert h.shape == (4, 3) and tau.shape == (3,) and r.shape == (3, 3)
    h, tau = np.asarray(h), np.asarray(tau)
    # Q from the Householder reflectors H_i = I - tau_i v_i v_i^T (LAPACK's form)
    q = np.eye(4, dtype=np.float32)
    for i in range(3):
        v = np.zeros(4, np.float32)
        v[i] = 1.0
        v[i + 1:] = h[i + 1:, i]
        q = q @ (np.eye(4, dtype=np.float32) - tau[i] * np.outer(v, v))
    np.testing.assert_allclose(q[:, :3] @ np.asarray(r), a, rtol=2e-5, atol=2e-5)
    np.testing.assert_allclose(np.triu(h)[:3], np.asarray(r), rtol=0, atol=0)


# --- pad: mode='median' and reflect_type='odd' --------------------------------------------
_PAD_CASES = [
    ("median", {}), ("median", {"stat_length": 2}), ("median", {"stat_length": (1, 3)}),
    ("reflect", {"reflect_type": "odd"}), ("symmetric", {"reflect_type": "odd"}),
]


@pytest.mark.parametrize("mode, kw", _PAD_CASES)
@pytest.mark.parametrize("dt", [np.float32, np.int32, np.uint8])
@pytest.mark.parametrize("n, width", [(1, (2, 3)), (4, (2, 1)), (3, (7, 5))])
def test_pad_median_and_odd(mode, kw, dt, n, width):
    x = (np.random.default_rng(n).random(n) * 20).astype(dt)
    e = np.pad(x, width, mode=mode, **kw)
    a = jnp.pad(x, width, mode=mode, **kw)
    assert a.dtype == e.dtype
    np.testing.assert_allclose(np.asarray(a), e, rtol=2e-6 if dt == np.float32 else 0)


@pytest.mark.parametrize("mode, kw", _PAD_CASES)
def test_pad_median_and_odd_2d_jit(mode, kw):
    x = np.random.default_rng(2).random((3, 4)).astype(np.float32)
    e = np.pad(x, ((1, 2), (3, 1)), mode=mode, **kw)
    a = jax.jit(lambda v: jnp.pad(v, ((1, 2), (3, 1)), mode=mode, **kw))(x)
    assert a.dtype == e.dtype
    np.testing.assert_allclose(np.asarray(a), e, rtol=2e-6)
