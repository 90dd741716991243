"""The differential harness (tests/harness.py) must fail when the library is wrong.

Each test feeds ``check`` / ``assert_close`` a deliberately wrong function and
asserts that the harness rejects it: a comparison that cannot fail checks
nothing.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax import custom_batching

from jaxwrap._src import lax as L
from tests import harness
from tests.harness import assert_close, check, stable_seed, tolerance


def _fails(fn, *args, match=None, **kwargs):
    with pytest.raises(AssertionError, match=match):
        fn(*args, **kwargs)


# --- dtypes ---------------------------------------------------------------------------------------
def test_int_result_never_equals_a_float_reference():
    _fails(assert_close, np.array([1, 2], np.int32), np.array([1.7, 2.9]), match="integer")
    # even when the values happen to agree
    _fails(assert_close, np.array([1, 2], np.int32), np.array([1.0, 2.0]), match="integer")


def test_bool_result_never_equals_a_float_or_int_reference():
    _fails(assert_close, np.array([True, True]), np.array([0.5, 3.0]), match="bool")
    _fails(assert_close, np.array([True, False]), np.array([1, 0]), match="bool")


def test_result_dtype_checked_without_a_peer():
    x = np.array([0.5, 1.5], np.float32)
    # a float16 result where numpy (and so jax's rule) gives float32
    _fails(check, lambda v: L.convert_element_type(L.sin(v), np.float16, False), np.sin, [x],
           vmap=False, purity=False, match="dtype")
    # an int32 result where numpy gives bool
    _fails(check, lambda v: L.convert_element_type(L.gt(v, np.float32(1)), np.int32, False),
           lambda v: v > 1, [x], vmap=False, purity=False)
    # and the right answer passes: numpy's float64 maps to float32 without x64
    check(lambda v: L.mul(v, np.float32(2)), lambda v: np.asarray(v, np.float64) * 2, [x],
          vmap=False, purity=False)


def test_explicit_expected_dtype():
    x = np.array([1, 2], np.int32)
    check(lambda v: L.convert_element_type(v, np.float32, False), lambda v: v.astype(np.float64),
          [x], check_dtype=np.float32, vmap=False, purity=False)
    _fails(check, lambda v: L.convert_element_type(v, np.float32, False),
           lambda v: v.astype(np.float64), [x], check_dtype=np.int32, vmap=False, purity=False)


def test_weak_type_checked_against_the_peer():
    x = np.array([1.0, 2.0], np.float32)
    _fails(check, lambda v, s: L.convert_element_type(L.mul(v, s), np.float32, True), None,
           [x, np.float32(2)], peer=lambda v, s: jnp.multiply(v, s), vmap=False, purity=False,
           match="weak_type")


def test_float64_default_tolerance_is_sharp():
    with jax.enable_x64(True):
        x = np.linspace(0.5, 1.5, 4)
        _fails(check, lambda v: L.add(L.sin(v), np.float64(1e-9)), np.sin, [x], vmap=False,
               purity=False)
        check(lambda v: L.sin(v), np.sin, [x], vmap=False, purity=False)


def test_tolerances():
    assert tolerance(np.int8) == tolerance(np.bool_) == 0
    assert tolerance(np.float32) == 2e-5 and tolerance(np.float64) == 1e-12
    assert tolerance(jax.dtypes.bfloat16) > tolerance(np.float16)
    with pytest.raises(TypeError, match="no default tolerance"):
        tolerance(np.dtype([("a", np.int32), ("b", np.float32)]))
    # a narrower float reference sets the bar (numpy's float16 sqrt of int8)
    assert_close(np.sqrt(np.float32([2.0])), np.sqrt(np.float16([2.0])))


# --- vmap: a batching rule that mixes entries up -----------------------------------------------
def _swapping_batch_rule(f):
    """``f`` with a vmap rule that rotates the batch: a wrong batching rule."""
    g = custom_batching.custom_vmap(f)

    @g.def_vmap
    def rule(axis_size, in_batched, x):
        out = jax.vmap(f)(x)
        return jnp.roll(out, 1, axis=0), in_batched[0]

    return g


@pytest.mark.parametrize("x", [
    np.array([1.0, -2.0, 3.0], np.float32),
    np.array([1 + 2j, -2 + 0.5j, 3 - 1j], np.complex64),
    np.array([3, -1, 4, 7], np.int32),
    np.array([3, 1, 4, 7], np.uint8),
    np.array([True, False, False]),
    np.array(5, np.int16),
    np.array(True),
], ids=lambda x: f"{x.dtype}-{x.ndim}d")
def test_vmap_check_catches_mixed_up_batches(x):
    f = _swapping_batch_rule(lambda v: L.mul(v, v) if v.dtype != np.bool_ else L.not_(v))
    _fails(harness._check_vmap, f, [x], {}, None, None, match="vmap")
    # the same function with jax's own (right) batching passes
    harness._check_vmap(lambda v: L.mul(v, v) if v.dtype != np.bool_ else L.not_(v), [x], {},
                        None, None)


def test_perturbed_copies_differ_and_keep_the_domain():
    rng = np.random.default_rng(0)
    idx = np.array([0, 2, 1, 2], np.int32)          # indices into a length-3 axis
    for k in (1, 2):
        p = harness.perturb(idx, k, rng)
        assert not np.array_equal(p, idx) and set(p.tolist()) <= {0, 1, 2}
    nonzero = np.array(-3, np.int8)
    assert harness.perturb(nonzero, 1, rng) == -4 and harness.perturb(nonzero, 2, rng) == -5
    assert harness.perturb(np.array(127, np.int8), 1, rng) == 127     # clipped, not wrapped
    z = np.array([1 + 1j], np.complex64)
    assert harness.perturb(z, 1, rng).imag != z.imag


# --- gradients and seeds -----------------------------------------------------------------------
def test_wrong_gradient_fails():
    @jax.custom_jvp
    def f(v):
        return L.sin(v)

    f.defjvp(lambda p, t: (L.sin(p[0]), L.mul(L.cos(p[0]), L.mul(t[0], np.float64(1.001)))))
    _fails(check, f, None, [np.array([0.3, 0.7], np.float32)], grad=1, jit=False, vmap=False,
           purity=False)


def test_stable_seed():
    # the same in every process (hash(str) is salted per process): a fixed CRC-32
    assert stable_seed("sin") == 3083047850
    assert stable_seed((2, 3), 1) == stable_seed("(2, 3)", "1")
