"""Every elementwise function of jaxwrap.numpy against numpy (reference) and
jax.numpy (peer: values and dtypes), eagerly, under jit and vmap, with
gradients where smooth.  One row per function."""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxwrap._src.numpy import ufuncs as U
from tests.harness import NUM_CASES, check, stable_seed

# Domains: how to draw inputs for a function.
DOMAINS = {
    "real": lambda rng, s: rng.uniform(-3, 3, s),
    "pos": lambda rng, s: rng.uniform(0.2, 3, s),
    "unit": lambda rng, s: rng.uniform(-0.9, 0.9, s),
    "gt1": lambda rng, s: rng.uniform(1.2, 3, s),
    "small": lambda rng, s: rng.uniform(-1.5, 1.5, s),
    "nonzero": lambda rng, s: rng.choice([-1, 1], s) * rng.uniform(0.5, 3, s),
    "int": lambda rng, s: rng.integers(-5, 6, s),
    "posint": lambda rng, s: rng.integers(1, 6, s),
    "shift": lambda rng, s: rng.integers(0, 5, s),
}

F, I, B, C = np.float32, np.int32, np.bool_, np.complex64
F64, F16, BF16 = np.float64, np.float16, jax.dtypes.bfloat16
I8, U8, U16, U32 = np.int8, np.uint8, np.uint16, np.uint32
# Beyond the dtypes a row lists: float rows also run float64 (with x64 on) and, rotating
# over the rows, float16 or bfloat16; integer rows one of int8 / uint8 / uint16 / uint32.
# So every dtype is used across the table in every CI run, at a few cases per row.
_EXTRA_FLOAT, _EXTRA_INT = (F16, BF16), (I8, U8, U16, U32)


def _with_extra_dtypes(dts, k):
    extra = []
    if F in dts:
        extra += [F64, _EXTRA_FLOAT[k % len(_EXTRA_FLOAT)]]
    if I in dts:
        extra.append(_EXTRA_INT[k % len(_EXTRA_INT)])
    return tuple(dts) + tuple(extra)

# name, domain(s), dtypes, grad order, reference (default: numpy's same name)
UNARY = [
    ("negative", "real", (F, I, C), 2, None),
    ("positive", "real", (F, I), 1, None),
    ("absolute", "nonzero", (F, I, C), 1, None),
    ("abs", "nonzero", (F, I), 1, None),
    ("fabs", "nonzero", (F,), 1, None),
    ("sign", "nonzero", (F, I, C), 0, None),
    ("square", "real", (F, I, C), 2, None),
    ("reciprocal", "nonzero", (F, C), 2, None),
    ("sqrt", "pos", (F, I, C), 2, None),
    ("cbrt", "nonzero", (F,), 1, None),
    ("exp", "small", (F, I, C), 2, None),
    ("exp2", "small", (F, C), 2, None),
    ("expm1", "small", (F,), 2, None),
    ("log", "pos", (F, I, C), 2, None),
    ("log2", "pos", (F, C), 2, None),
    ("log10", "pos", (F, C), 2, None),
    ("log1p", "pos", (F,), 2, None),
    ("sin", "real", (F, I, C), 2, None),
    ("cos", "real", (F, C), 2, None),
    ("tan", "unit", (F, C), 2, None),
    ("arcsin", "unit", (F,), 2, None),
    ("arccos", "unit", (F,), 2, None),
    ("arctan", "real", (F,), 2, None),
    ("asin", "unit", (F,), 1, np.arcsin),
    ("acos", "unit", (F,), 1, np.arccos),
    ("atan", "real", (F,), 1, np.arctan),
    ("sinh", "small", (F, C), 2, None),
    ("cosh", "small", (F,), 2, None),
    ("tanh", "real", (F, C), 2, None),
    ("arcsinh", "real", (F,), 2, None),
    ("arccosh", "gt1", (F,), 2, None),
    ("arctanh", "unit", (F,), 2, None),
    ("asinh", "real", (F,), 1, np.arcsinh),
    ("acosh", "gt1", (F,), 1, np.arccosh),
    ("atanh", "unit", (F,), 1, np.arctanh),
    ("deg2rad", "real", (F, I), 1, None),
    ("radians", "real", (F,), 1, None),
    ("rad2deg", "real", (F,), 1, None),
    ("degrees", "real", (F,), 1, None),
    ("floor", "real", (F, I), 0, None),
    ("ceil", "real", (F, I), 0, None),
    ("trunc", "real", (F, I), 0, None),
    ("fix", "real", (F,), 0, None),
    ("rint", "real", (F, I), 0, None),
    ("logical_not", "int", (I, B, F), 0, None),
    ("invert", "int", (I, B), 0, None),
    ("bitwise_not", "int", (I,), 0, None),
    ("bitwise_invert", "int", (I,), 0, np.bitwise_not),
    ("bitwise_count", "int", (I,), 0, None),
    ("isnan", "real", (F, I, C), 0, None),
    ("isinf", "real", (F, I), 0, None),
    ("isfinite", "real", (F, I, C), 0, None),
    ("isposinf", "real", (F,), 0, None),
    ("isneginf", "real", (F,), 0, None),
    ("signbit", "real", (F, I), 0, None),
    ("spacing", "nonzero", (F,), 0, None),
    ("frexp", "real", (F,), 0, None),
    ("modf", "real", (F,), 1, None),
    ("conjugate", "real", (F, C), 1, None),
    ("conj", "real", (C,), 1, None),
    ("real", "real", (F, C), 1, np.real),
    ("imag", "real", (F, C), 1, np.imag),
]

BINARY = [
    ("add", ("real", "real"), (F, I, B, C), 2, None),
    ("subtract", ("real", "real"), (F, I, C), 2, None),
    ("multiply", ("real", "real"), (F, I, B, C), 2, None),
    ("divide", ("real", "nonzero"), (F, I, C), 2, None),
    ("true_divide", ("real", "nonzero"), (F,), 1, None),
    ("floor_divide", ("real", "nonzero"), (F, I), 0, None),
    ("remainder", ("real", "nonzero"), (F, I), 0, None),
    ("mod", ("real", "nonzero"), (F, I), 0, None),
    ("fmod", ("real", "nonzero"), (F, I), 0, None),
    ("divmod", ("real", "nonzero"), (F, I), 0, None),
    ("power", ("pos", "small"), (F, C), 2, None),
    ("pow", ("pos", "small"), (F,), 1, np.power),
    ("float_power", ("pos", "small"), (F,), 1, None),
    ("logaddexp", ("real", "real"), (F,), 2, None),
    ("logaddexp2", ("real", "real"), (F,), 2, None),
    ("arctan2", ("real", "nonzero"), (F,), 2, None),
    ("atan2", ("real", "nonzero"), (F,), 1, np.arctan2),
    ("hypot", ("real", "nonzero"), (F,), 2, None),
    ("equal", ("int", "int"), (F, I, B, C), 0, None),
    ("not_equal", ("int", "int"), (F, I, C), 0, None),
    ("less", ("int", "int"), (F, I, B, C), 0, None),
    ("less_equal", ("int", "int"), (F, I), 0, None),
    ("greater", ("int", "int"), (F, I, C), 0, None),
    ("greater_equal", ("int", "int"), (F, I), 0, None),
    ("maximum", ("real", "real"), (F, I, B), 1, None),
    ("minimum", ("real", "real"), (F, I), 1, None),
    ("fmax", ("real", "real"), (F, I), 1, None),
    ("fmin", ("real", "real"), (F,), 1, None),
    ("logical_and", ("int", "int"), (I, B, F), 0, None),
    ("logical_or", ("int", "int"), (I, B), 0, None),
    ("logical_xor", ("int", "int"), (I, B), 0, None),
    ("bitwise_and", ("int", "int"), (I, B), 0, None),
    ("bitwise_or", ("int", "int"), (I, B), 0, None),
    ("bitwise_xor", ("int", "int"), (I, B), 0, None),
    ("left_shift", ("int", "shift"), (I,), 0, None),
    ("right_shift", ("int", "shift"), (I,), 0, None),
    ("bitwise_left_shift", ("int", "shift"), (I,), 0, np.left_shift),
    ("bitwise_right_shift", ("int", "shift"), (I,), 0, np.right_shift),
    ("copysign", ("real", "real"), (F,), 1, None),
    ("nextafter", ("real", "real"), (F,), 0, None),
    ("heaviside", ("real", "real"), (F,), 0, None),
]

SHAPES_1 = [(), (5,), (2, 3), (0,)]
SHAPES_2 = [((), ()), ((4,), (4,)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((0,), ())]


def _draw(domain, shape, dtype, seed):
    rng = np.random.default_rng(seed)
    x = DOMAINS[domain](rng, shape)
    if np.dtype(dtype) == np.bool_:
        return (np.asarray(x) > 0)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * DOMAINS[domain](rng, shape) * 0.5
    return np.asarray(x).astype(dtype)


def _sample(items):
    items = list(items)
    return items[: max(NUM_CASES, 1) + 1] if len(items) > NUM_CASES + 1 else items


def _peer(name):
    return getattr(jnp, name, None)


def _cases(table, shapes):
    # Walk dtypes and shapes together so every dtype of a row runs at least
    # once (and more combinations as NUM_CASES grows); gradients on the first.
    for idx, (name, dom, dts, grad, ref) in enumerate(table):
        dts = _with_extra_dtypes(dts, idx)
        n = max(len(dts), min(NUM_CASES + 1, len(dts) * len(shapes)))
        combos = list(itertools.product(dts, shapes))
        picked = [(dts[k % len(dts)], shapes[k % len(shapes)]) for k in range(len(dts))]
        picked += [c for c in combos if c not in picked][: n - len(picked)]
        for k, (dt, shp) in enumerate(picked):
            yield pytest.param(name, dom, dt, shp, grad if k == 0 else 0, ref,
                               id=f"{name}-{np.dtype(dt).name}-{shp}")


def _tol(name, dt):
    # float32 / complex64: transcendental functions (complex ones especially) differ
    # from numpy's by up to ~1e3 ulp on these inputs (measured), so 2e-4 rather than
    # the harness's 2e-5.  float16 / bfloat16: jax evaluates in float32 and rounds
    # once, numpy rounds each step in the narrow type: a few ulps apart (default tol).
    return 2e-4 if np.dtype(dt) in (np.float32, np.complex64) else None


def _x64(dt):
    """x64 on for a float64 case (off, its inputs would silently become float32)."""
    return jax.enable_x64(np.dtype(dt) == np.float64)


def _light(dt):
    """The extra dtypes check values and dtypes (plain call, outer jit, numpy, jax);
    vmap and purity do not depend on the dtype and run on the row's own dtypes."""
    return {"vmap": False, "purity": False} if dt in (F64, F16, BF16, *_EXTRA_INT) else {}


@pytest.mark.parametrize("name,dom,dt,shape,grad,ref", list(_cases(UNARY, SHAPES_1)))
def test_unary(name, dom, dt, shape, grad, ref):
    fn = getattr(U, name)
    ref = ref or getattr(np, name)
    if np.dtype(dt).kind in "iub" and dom not in ("int", "shift", "posint"):
        dom = {"pos": "posint", "gt1": "posint"}.get(dom, "int")
    x = _draw(dom, shape, dt, stable_seed(name))
    with _x64(dt):
        check(fn, ref, (x,), peer=_peer(name), tol=_tol(name, dt),
              grad=grad if np.dtype(dt).kind == "f" and shape != (0,) else 0, **_light(dt))


@pytest.mark.parametrize("name,dom,dt,shape,grad,ref", list(_cases(BINARY, SHAPES_2)))
def test_binary(name, dom, dt, shape, grad, ref):
    fn = getattr(U, name)
    ref = ref or getattr(np, name)
    doms = [d if np.dtype(dt).kind not in "iub" or d in ("int", "shift", "posint")
            else ("posint" if d in ("pos", "nonzero") else "int") for d in dom]
    x = _draw(doms[0], shape[0], dt, 1)
    y = _draw(doms[1], shape[1], dt, 2)
    if name in ("floor_divide", "remainder", "mod", "fmod", "divmod") and np.dtype(dt).kind in "iu":
        y = np.where(y == 0, 1, y).astype(dt)
    with _x64(dt):
        check(fn, ref, (x, y), peer=_peer(name), tol=_tol(name, dt),
              grad=grad if np.dtype(dt).kind == "f" and shape[0] != (0,) else 0, **_light(dt))


def test_ldexp():
    x = np.array([0.5, -3.0, 1.5, 0.0], np.float32)
    n = np.array([3, -2, 100, 5], np.int32)
    check(U.ldexp, np.ldexp, (x, n), peer=jnp.ldexp, vmap_argnums=(0, 1))


# --- weak types and promotion through the ufuncs ------------------------------------------------
@pytest.mark.parametrize("a,b", [
    (np.float32(1), 2), (np.int8(3), 2.5), (np.float16(1), np.int32(4)), (1, 2.0), (True, 3),
    (np.uint8(3), np.int8(-1)), (np.complex64(1j), 2.0), (np.bfloat16(1) if hasattr(np, "bfloat16") else 1.0, 1),
])
def test_promotion_matches_jax(a, b):
    out = U.add(a, b)
    peer = jnp.add(a, b)
    assert out.dtype == peer.dtype
    assert out.weak_type == peer.weak_type


# --- edge values --------------------------------------------------------------------------------------
EDGE = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-40, -1e-40, 1.0, -1.0], np.float32)


@pytest.mark.parametrize("name", ["signbit", "isnan", "isinf", "isfinite", "sign", "floor", "rint",
                                  "spacing", "frexp", "modf", "sqrt", "exp", "log", "cbrt",
                                  "absolute", "isposinf", "isneginf"])
def test_edge_values_unary(name):
    with np.errstate(all="ignore"):
        expected = getattr(np, name)(EDGE)
    got = getattr(U, name)(EDGE)
    if isinstance(expected, tuple):
        for g, e in zip(got, expected):
            np.testing.assert_array_equal(np.asarray(g)[np.isfinite(EDGE) & (np.abs(EDGE) > 1e-30)],
                                          e[np.isfinite(EDGE) & (np.abs(EDGE) > 1e-30)])
        return
    # XLA on CPU flushes float32 subnormals (inputs and results), like jax:
    # those entries are compared with jax.numpy instead of numpy.
    normal = np.abs(EDGE) != np.float32(1e-40)
    np.testing.assert_allclose(np.asarray(got)[normal], expected[normal], rtol=1e-6,
                               equal_nan=True)


@pytest.mark.parametrize("name", ["maximum", "minimum", "fmax", "fmin", "copysign", "logaddexp",
                                  "hypot", "remainder", "floor_divide", "arctan2", "heaviside"])
def test_edge_values_binary(name):
    x, y = np.meshgrid(EDGE, EDGE)
    with np.errstate(all="ignore"):
        expected = getattr(np, name)(x, y)
    got = np.asarray(getattr(U, name)(x, y))
    normal = (np.abs(x) != np.float32(1e-40)) & (np.abs(y) != np.float32(1e-40))
    np.testing.assert_allclose(got[normal], expected[normal], rtol=1e-6, equal_nan=True)


# Complex special values (Array API special cases / C99 Annex G, as numpy): sin/cos at a zero
# real part with an infinite imaginary part, log2/log10 at 0 and infinities (dividing by a
# complex constant used to turn the +-0 / finite imaginary part into NaN).
_CZ = np.array([complex(a, b) for a in (0.0, -0.0, 1.0, -2.5, np.inf)
                for b in (0.0, -0.0, 1.0, -1.0, np.inf, -np.inf)], np.complex64)


def _assert_same_complex(got, expected):
    got = np.asarray(got)
    assert got.dtype == expected.dtype
    for g, e in ((got.real, expected.real), (got.imag, expected.imag)):
        np.testing.assert_allclose(g, e, rtol=1e-6, equal_nan=True)
        zero = e == 0
        np.testing.assert_array_equal(np.signbit(g[zero]), np.signbit(e[zero]))


@pytest.mark.parametrize("name", ["sin", "cos", "log2", "log10"])
def test_edge_values_complex(name):
    z = _CZ
    if name in ("sin", "cos"):
        z = z[np.isfinite(z.real)]      # sin/cos(inf + ib): NaN parts differ from numpy's
    with np.errstate(all="ignore"):
        expected = getattr(np, name)(z)
    _assert_same_complex(getattr(U, name)(z), expected)
    _assert_same_complex(jax.jit(getattr(U, name))(z), expected)


# --- bad input ----------------------------------------------------------------------------------------
def test_bad_input_messages():
    with pytest.raises(TypeError, match="bitwise_and"):
        U.bitwise_and(np.float32(1), np.float32(2))
    with pytest.raises(ValueError, match="broadcast"):
        U.add(np.ones(3), np.ones(4))
    with pytest.raises(TypeError, match="add"):
        U.add("a", 1)
    with pytest.raises(TypeError):
        U.subtract(np.array([True]), np.array([False]))
