"""The sort primitive (jaxwrap_extend/_prims/sorting.py) against jax.lax.sort.

Values over dtypes (NaNs of both signs, -0.0, ties, bool, unsigned, complex),
several operands and keys, every dimension; eager and jit; vmap with the batch
axis anywhere; derivatives (forward and reverse, second order) by check_grads;
primitive purity of the jaxprs of the function, its vmap and its gradient;
bad parameters.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest
from jax import lax
from jax.test_util import check_grads

from jaxwrap._src import lax as jl
from jaxwrap_extend._prims import sorting as S
from jaxwrap_extend._prims._base import registry
from tests.harness import foreign_primitives, stable_seed

F32, F64, I32, U8, C64, B = (np.dtype(t) for t in (np.float32, np.float64, np.int32, np.uint8,
                                                  np.complex64, np.bool_))


def make(shape, dtype, rng):
    """Values with many ties; floats also get NaNs of both signs, +-0.0 and +-inf."""
    dtype = np.dtype(dtype)
    if dtype == B:
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        return rng.integers(0 if dtype.kind == "u" else -3, 4, shape).astype(dtype)
    pool = np.array([np.nan, -np.nan, 0.0, -0.0, np.inf, -np.inf, 1.5, -2.0, 1.5, 3.0])
    x = np.where(rng.random(shape) < 0.4, rng.choice(pool, shape), rng.integers(-3, 4, shape))
    if dtype.kind == "c":
        y = np.where(rng.random(shape) < 0.3, rng.choice(pool, shape), rng.integers(-2, 2, shape))
        z = np.empty(shape, dtype)
        z.real, z.imag = x, y
        return z
    return x.astype(dtype)


def _same(out, ref):
    out, ref = np.asarray(out), np.asarray(ref)
    assert out.dtype == ref.dtype and out.shape == ref.shape
    if out.dtype.kind in "fc":  # -0.0 vs 0.0 and NaN sign are equivalent; compare values
        np.testing.assert_array_equal(out, ref)
    else:
        np.testing.assert_array_equal(out, ref)


def test_registered():
    for p in (S.sort_p, S.top_k_p):
        assert p.name in registry and p.multiple_results


# --- values -------------------------------------------------------------------------------
SHAPES = [((9,), 0), ((4, 7), 1), ((4, 7), 0), ((2, 3, 5), 1), ((0, 3), 0), ((1,), 0)]


@pytest.mark.parametrize("dtype", [F32, F64, I32, U8, C64, B], ids=lambda d: d.name)
@pytest.mark.parametrize("shape,dim", SHAPES, ids=[f"{s}-{d}" for s, d in SHAPES])
def test_single_operand(dtype, shape, dim):
    # float64 really is float64: x64 on for that case (off, it would become float32)
    with jax.enable_x64(dtype == F64):
        x = make(shape, dtype, np.random.default_rng(stable_seed(shape, dim)))
        ref = lax.sort(x, dimension=dim)
        out = S.sort(x, dim)
        assert out.dtype == dtype
        _same(out, ref)
        _same(jax.jit(lambda v: S.sort(v, dim))(x), ref)
        # numpy's order too (NaNs last).  Complex numbers with a NaN part: numpy puts
        # them after every NaN-free value, jax.lax.sort (and this primitive) orders
        # them lexicographically with NaN last in each part.
        if dtype != C64:
            _same(out, np.sort(x, axis=dim))


@pytest.mark.parametrize("num_keys", [1, 2, 3])
@pytest.mark.parametrize("stable", [True, False])
def test_several_operands_and_keys(num_keys, stable):
    rng = np.random.default_rng(num_keys)
    ops = [make((5, 40), dt, rng) for dt in (I32, F32, C64)] + [rng.normal(size=(5, 40))]
    ops[-1] = ops[-1].astype(F32)
    got = S.sort(ops, 1, stable, num_keys)
    ref = lax.sort(ops, dimension=1, is_stable=True, num_keys=num_keys)
    assert isinstance(got, tuple) and len(got) == 4
    for k in range(num_keys):  # keys agree whatever the stability
        _same(got[k], ref[k])
    if stable:
        for g, r in zip(got, ref):
            _same(g, r)
    # the jit path and the key-value wrapper
    got = jax.jit(lambda *o: S.sort(o, -1, True, num_keys))(*ops)
    for g, r in zip(got, ref):
        _same(g, r)
    k, v = S.sort_key_val(ops[0], ops[3])
    kr, vr = lax.sort_key_val(ops[0], ops[3])
    _same(k, kr)
    _same(v, vr)


def test_total_order_nans_zeros_stability():
    nan = np.nan
    x = np.array([0.0, -nan, 1.0, -0.0, nan, -np.inf, 0.0, -0.0, np.inf, nan], F32)
    idx = np.arange(x.size, dtype=np.int32)
    keys, perm = S.sort((x, idx), 0)
    np.testing.assert_array_equal(perm, np.argsort(x, kind="stable"))
    np.testing.assert_array_equal(keys, np.sort(x))
    # complex: lexicographic, -0.0 == 0.0 in each part, NaN parts last in each part
    z = np.array([complex(1, nan), complex(nan, 0), complex(1, -1), complex(-0.0, 2),
                  complex(0.0, 1), complex(1, -1), complex(nan, nan)], C64)
    zs, zp = S.sort((z, np.arange(z.size, dtype=np.int32)), 0)
    np.testing.assert_array_equal(zp, np.argsort(z, kind="stable"))
    np.testing.assert_array_equal(zs, np.sort(z))


# --- vmap -------------------------------------------------------------------------------------
def test_vmap_any_axis():
    rng = np.random.default_rng(3)
    singles = [(make((4, 6), F32, rng), make((4, 6), I32, rng)) for _ in range(3)]

    def f(a, b):
        return S.sort((a, b), 1, True, 2)

    ref = [np.stack([np.asarray(f(*s)[i]) for s in singles]) for i in range(2)]
    for ax in range(3):
        a = np.stack([s[0] for s in singles], ax)
        b = np.stack([s[1] for s in singles], ax)
        out = jax.vmap(f, in_axes=(ax, ax))(a, b)
        for o, r in zip(out, ref):
            _same(o, r)
    # one operand unbatched
    a = np.stack([s[0] for s in singles])
    out = jax.vmap(f, in_axes=(0, None))(a, singles[0][1])
    ref0 = [f(s[0], singles[0][1]) for s in singles]
    for i in range(2):
        _same(out[i], np.stack([np.asarray(r[i]) for r in ref0]))
    jaxpr = jax.make_jaxpr(jax.vmap(f, in_axes=(0, None)))(a, singles[0][1])
    assert not foreign_primitives(jaxpr, vmapped=True)


# --- derivatives -----------------------------------------------------------------------------
def _distinct(shape, seed=0):
    n = int(np.prod(shape))
    return (np.random.default_rng(seed).permutation(n).reshape(shape) * 0.5 - n / 4)


@pytest.mark.parametrize("dim", [0, 1])
def test_grad_values(dim):
    with jax.enable_x64(True):
        x = _distinct((3, 4))
        w = np.random.default_rng(1).normal(size=(3, 4))
        check_grads(lambda v: S.sort(v, dim) * w, (x,), order=2, modes=("fwd", "rev"))
        # companions: the gradient flows through the permuted values, not the keys
        check_grads(lambda k, v: S.sort((k, v), dim)[1] ** 2, (x, w), order=2,
                    modes=("fwd", "rev"))
        g = jax.grad(lambda v: (S.sort(v, dim) * w).sum())(x)
        gr = jax.grad(lambda v: (lax.sort(v, dimension=dim) * w).sum())(x)
        np.testing.assert_allclose(g, gr)
        # unstable sorts differentiate consistently too (the JVP sorts stably)
        ties = np.array([1.0, 0.0, 1.0, 0.0])
        vals = np.arange(4.0)
        jac = jax.jacrev(lambda v: S.sort((ties, v), 0, False)[1])(vals)
        order = np.asarray(S.sort((ties, vals), 0, False)[1]).astype(int)
        np.testing.assert_array_equal(jac, np.eye(4)[order])


def test_grad_purity():
    x = _distinct((5,)).astype(F32)
    def total(v):
        return jl.reduce_sum(v, (0,))

    for f in (lambda v: total(S.sort(v, 0)),
              lambda v: total(jl.square(S.sort((v, jl.mul(v, v)), 0, True, 1)[1]))):
        def second(v, f=f):
            return total(jl.mul(jax.grad(f)(v), v))

        for g in (jax.grad(f), lambda v, f=f: jax.jvp(f, (v,), (v,)), jax.grad(second)):
            jaxpr = jax.make_jaxpr(g)(x)
            assert not foreign_primitives(jaxpr), foreign_primitives(jaxpr)


def test_lowering_is_one_sort():
    x = np.ones((3, 4), F32)
    text = jax.jit(lambda v: S.sort((v, v), 1)).lower(x).as_text()
    assert text.count("stablehlo.sort") == 1 and "dimension = 1" in text


# --- top_k ---------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [F32, I32, U8, B], ids=lambda d: d.name)
@pytest.mark.parametrize("shape,k,axis", [((9,), 4, 0), ((3, 7), 7, 1), ((5, 3), 2, 0),
                                          ((2, 6, 3), 0, 1)])
def test_top_k(dtype, shape, k, axis):
    x = make(shape, dtype, np.random.default_rng(k))
    ref = lax.top_k(x, k, axis=axis)
    for f in (lambda v: S.top_k(v, k, axis=axis), jax.jit(lambda v: S.top_k(v, k, axis=axis))):
        for o, r in zip(f(x), ref):
            _same(o, r)


def test_top_k_vmap_grad_purity():
    rng = np.random.default_rng(4)
    xs = make((3, 4, 6), F32, rng)
    for ax in (0, 1, 2):
        out = jax.vmap(lambda v: S.top_k(v, 2, axis=-1), in_axes=ax)(np.moveaxis(xs, 0, ax))
        for o, r in zip(out, lax.top_k(xs, 2)):
            _same(o, r)
    with jax.enable_x64(True):
        x = _distinct((3, 5))
        check_grads(lambda v: S.top_k(v, 3)[0], (x,), order=2, modes=("fwd", "rev"))
        check_grads(lambda v: S.top_k(v, 2, axis=0)[0], (x,), order=1, modes=("fwd", "rev"))
    x = _distinct((4,)).astype(F32)
    jaxpr = jax.make_jaxpr(jax.grad(lambda v: jl.reduce_sum(S.top_k(v, 2)[0], (0,))))(x)
    assert not foreign_primitives(jaxpr), foreign_primitives(jaxpr)


# --- bad parameters ----------------------------------------------------------------------------
X = np.ones((2, 3), F32)


@pytest.mark.parametrize("call,exc,match", [
    (lambda: S.sort(X, 2), ValueError, "dimension"),
    (lambda: S.sort((X, X), 0, True, 3), ValueError, "num_keys"),
    (lambda: S.sort((X, X), 0, True, 0), ValueError, "num_keys"),
    (lambda: S.sort((X, np.ones(3, F32)), 0), TypeError, "equal shapes"),
    (lambda: S.sort(np.float32(1), 0), TypeError, "scalar"),
    (lambda: S.sort((), 0), TypeError, "at least one"),
    (lambda: S.top_k(X, 4), ValueError, "'k'"),
    (lambda: S.top_k(X, 1, axis=2), ValueError, "axis"),
    (lambda: S.top_k(np.ones(3, C64), 1), TypeError, "complex"),
    (lambda: S.top_k(np.float32(1), 1), TypeError, "scalar"),
])
def test_bad_parameters(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
