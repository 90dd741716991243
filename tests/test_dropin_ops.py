"""Drop-in fidelity (issue 12), options and values of jaxwrap.numpy functions: each
check compares with jax.numpy 0.10.2 itself (and numpy where it defines the answer),
values and dtypes."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import jaxwrap.numpy as wnp


def _same(got, want, **tol):
    """Same structure, shapes and dtypes; equal values (or close, with ``tol``)."""
    got, want = jax.tree_util.tree_leaves(got), jax.tree_util.tree_leaves(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape, (g, w)
        if tol:
            np.testing.assert_allclose(np.asarray(g), np.asarray(w), **tol)
        else:
            np.testing.assert_array_equal(np.asarray(g), np.asarray(w))


# --- take_along_axis: jax's modes and wrap_negative_indices --------------------------------
_X = np.arange(1.0, 7.0, dtype=np.float32).reshape(2, 3)
_I = np.array([[-1, 0, 2, 5, -4], [1, -2, -3, 3, 0]], np.int32)
_I_IN = np.array([[-1, 0, 2, 1, -3], [1, -2, -3, 2, 0]], np.int32)   # within [-3, 3)


@pytest.mark.parametrize("mode", ["fill", "clip", "one_hot", "promise_in_bounds"])
def test_take_along_axis_modes_like_jax(mode):
    idx = _I_IN if mode == "promise_in_bounds" else _I
    for wrap in (None, False):
        fill = -7.0 if mode in ("fill", "one_hot") else None
        kw = dict(axis=1, mode=mode, fill_value=fill, wrap_negative_indices=wrap)
        _same(wnp.take_along_axis(_X, idx, **kw), jnp.take_along_axis(_X, idx, **kw))


def test_take_along_axis_clip_without_wrapping_clips_negatives():
    got = wnp.take_along_axis(_X, _I, axis=1, mode="clip", wrap_negative_indices=False)
    np.testing.assert_array_equal(got, np.take_along_axis(_X, np.clip(_I, 0, 2), axis=1))


# --- pad --------------------------------------------------------------------------------------
def _pad_fn(vector, pad_width, iaxis, kwargs):
    vector = vector.at[:pad_width[0]].set(kwargs.get("v", 10))
    if pad_width[1]:
        vector = vector.at[-pad_width[1]:].set(-1)
    return vector


@pytest.mark.parametrize("widths,kw", [(1, {}), (((1, 0), (0, 2)), {"v": 5})], ids=["1", "pairs"])
def test_pad_callable_mode_like_jax_and_numpy(widths, kw):
    x = np.arange(6, dtype=np.int32).reshape(2, 3)
    got = wnp.pad(x, widths, _pad_fn, **kw)
    _same(got, jnp.pad(x, widths, _pad_fn, **kw))
    np.testing.assert_array_equal(np.asarray(got), np.pad(x, widths, _np_pad_fn, **kw))


def _np_pad_fn(vector, pad_width, iaxis, kwargs):   # numpy's in-place flavour
    vector[:pad_width[0]] = kwargs.get("v", 10)
    if pad_width[1]:
        vector[-pad_width[1]:] = -1


def test_pad_linear_ramp_integers_like_numpy():
    # numpy (and jax, in most cases) floor the ramp of integer input; sampled cases
    rng = np.random.default_rng(1)
    for _ in range(3):
        a = rng.integers(-50, 50, size=(3, 2)).astype(np.int32)
        pw = tuple((int(rng.integers(0, 5)), int(rng.integers(0, 5))) for _ in range(2))
        ev = tuple((int(rng.integers(-30, 30)), int(rng.integers(-30, 30))) for _ in range(2))
        got = wnp.pad(a, pw, mode="linear_ramp", end_values=ev)
        want = np.pad(a, pw, mode="linear_ramp", end_values=ev)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(np.asarray(got), want)
    a = np.array([[-24, -16, 33], [8, 0, 17]], np.int32)
    pw, ev = ((2, 4), (3, 0)), ((-22, 2), (19, -26))
    _same(wnp.pad(a, ((4, 4), (1, 1)), mode="linear_ramp", end_values=((22, -5), (-14, 19))),
          jnp.pad(a, ((4, 4), (1, 1)), mode="linear_ramp", end_values=((22, -5), (-14, 19))))
    # here jax 0.10.2 differs from numpy by one in two cells; numpy defines the answer
    np.testing.assert_array_equal(np.asarray(wnp.pad(a, pw, mode="linear_ramp", end_values=ev)),
                                  np.pad(a, pw, mode="linear_ramp", end_values=ev))


# --- stacking, trapezoid, logaddexp, vectorize, index tricks ---------------------------------
@pytest.mark.parametrize("name", ["hstack", "vstack", "dstack"])
def test_stack_dtype_under_jit(name):
    x = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    f = lambda m: jax.jit(lambda a: getattr(m, name)([a, a], dtype=jnp.int32))  # noqa: E731
    _same(f(wnp)(x), f(jnp)(x))


_Y2 = np.arange(6.0, dtype=np.float32).reshape(2, 3)
_TRAP = [
    (np.arange(3.0, dtype=np.float32), _Y2 ** 2, -1),      # x has more dimensions than y
    (np.ones((4, 2, 3), np.float32), _Y2 ** 2, -1),
    (np.ones((4, 2, 3), np.float32), _Y2 ** 2, -2),
    (_Y2, np.arange(3.0, dtype=np.float32)[None, :] ** 2, 1),
    (np.arange(4.0, dtype=np.float32).reshape(4, 1), _Y2, 0),
]


@pytest.mark.parametrize("y,x,axis", _TRAP, ids=[f"t{i}" for i in range(len(_TRAP))])
def test_trapezoid_broadcasting_x_like_jax(y, x, axis):
    got = wnp.trapezoid(y, x=x, axis=axis)
    _same(got, jnp.trapezoid(y, x=x, axis=axis))
    np.testing.assert_allclose(np.asarray(got), np.trapezoid(y, x=x, axis=axis), rtol=1e-6)


@pytest.mark.parametrize("name", ["logaddexp", "logaddexp2"])
def test_logaddexp_complex_like_jax(name):
    rng = np.random.default_rng(0)
    z = (rng.normal(size=(2, 64)) * 3 + 1j * rng.normal(size=(2, 64)) * 3).astype(np.complex64)
    big = np.array([100 + 1j, -100 + 2j, 1000 + 0j], np.complex64)   # exp would overflow
    x = np.concatenate([z[0], big])
    y = np.concatenate([z[1], big - np.complex64(1 - 2j)])
    # the principal branch of the logarithm computed two ways: a few ulps apart
    _same(getattr(wnp, name)(x, y), getattr(jnp, name)(x, y), rtol=5e-6, atol=1e-6)


def test_vectorize_none_arguments_pass_through():
    x = np.arange(6.0, dtype=np.float32).reshape(2, 3)
    for call in (lambda m: m.vectorize(lambda a, b: a + (0 if b is None else b))(x, None),
                 lambda m: m.vectorize(lambda a, b=None: a * (2 if b is None else b))(x, b=None)):
        _same(call(wnp), call(jnp))


_TRICKS = [
    lambda m: m.r_["r", 1:3, [5]], lambda m: m.c_["r", 1:3, [5, 6]],
    lambda m: m.r_["c", 1:3, [5, 6]], lambda m: m.c_["c", [1, 2], [5, 6]],
    lambda m: m.mgrid[:], lambda m: m.ogrid[:], lambda m: m.mgrid[1:],
    lambda m: m.mgrid[2:5, 1:], lambda m: m.ogrid[3::2, :2],
]


def test_index_tricks_like_jax():
    for k, f in enumerate(_TRICKS):
        got, want = f(wnp), f(jnp)
        assert type(got) is type(want) or isinstance(got, jax.Array), k
        _same(got, want)


# --- values and gradients ---------------------------------------------------------------------
def test_frexp_jvp_like_jax():
    x = np.array([3.0, 0.1, -5.0, 0.0, np.inf, 1e-3], np.float32)
    t = np.ones_like(x)
    _same(jax.jvp(lambda v: wnp.frexp(v)[0], (x,), (t,)),
          jax.jvp(lambda v: jnp.frexp(v)[0], (x,), (t,)))


def test_det_gradient_1x1_like_jax():
    with jax.enable_x64(True):
        a = np.array([[[3.0]], [[-2.0]]])
        _same(jax.grad(lambda m: wnp.linalg.det(m).sum())(a),
              jax.grad(lambda m: jnp.linalg.det(m).sum())(a))


def test_lstsq_zero_matrix_like_jax():
    a, b = np.zeros((3, 2), np.float32), np.ones(3, np.float32)
    got, want = wnp.linalg.lstsq(a, b), jnp.linalg.lstsq(a, b)
    _same(got, want)
    x, _, rank, _ = np.linalg.lstsq(a, b)
    np.testing.assert_array_equal(np.asarray(got[0]), x)
    assert int(got[2]) == rank == 0


def test_interp_gradient_at_nearly_coincident_points_like_jax():
    xp = np.array([0.0, 1.0, 1.0 + 1e-7, 2.0], np.float32)
    fp = np.array([0.0, 1.0, 3.0, 4.0], np.float32)
    x = np.array([1.0, 1.00000005, 1.0 + 1e-7, 0.5], np.float32)
    g = lambda m: jax.vmap(jax.grad(m.interp, (0, 1)), (0, None, None))(x, xp, fp)  # noqa: E731
    got = g(wnp)
    assert all(np.all(np.isfinite(np.asarray(v))) for v in got)
    _same(got, g(jnp))
