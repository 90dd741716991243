"""jaxwrap.random against jax.random: bit-for-bit equal samples.

One row per sampler: ``(name, args after the key, kwargs)``; each row is run
with jaxwrap.random and jax.random on the same keys (typed and raw), compared
with ``assert_array_equal``, and its jaxpr on a raw key is checked to hold
only jaxwrap primitives.  Then: the threefry2x32 primitive against jax's and
a numpy reference, key plumbing (split / fold_in / typed keys), jit and vmap
over keys, 64-bit types, and a few Kolmogorov-Smirnov checks against scipy.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import scipy.stats

import jaxwrap.random as wr
import jaxwrap_extend.random as xr
from jaxwrap_extend._prims.random_bits import threefry2x32, threefry2x32_reference
from tests.harness import NUM_CASES, assert_pure

jr = jax.random
SEEDS = [0, 42, 2**31 + 5, 123456789][: max(2, NUM_CASES)]
S = (3, 5)
A3 = np.array([0.3, 1.0, 5.0], np.float32)
LOGITS = np.log(np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], np.float32))
LAM = np.array([0.0, 0.5, 3.0, 12.0, 100.0], np.float32)
X = np.arange(24.0, dtype=np.float32).reshape(4, 6)
P5 = np.array([0.1, 0.2, 0.3, 0.2, 0.2], np.float32)
COV = np.array([[2.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 3.0]], np.float32)
BN = np.array([5.0, 20.0, 100.0, 1000.0, np.inf, -1.0, np.nan, 7.0], np.float32)
BP = np.array([0.3, 0.5, 0.8, 0.1, 0.5, 0.5, 0.5, np.nan], np.float32)

#  name                 args after key                          kwargs
ROWS = [
    ("bits", (S,), {}),
    ("bits", (S, jnp.uint8), {}),
    ("bits", ((7,), jnp.uint16), {}),
    ("uniform", ((1000,),), {}),
    ("uniform", (S,), {"minval": -2.0, "maxval": np.arange(5.0, dtype=np.float32)}),
    ("uniform", (S, jnp.float16), {}),
    ("uniform", (S, jnp.bfloat16), {}),
    ("normal", ((1000,),), {}),
    ("normal", (S, jnp.complex64), {}),
    ("normal", (S, jnp.float16), {}),
    ("truncated_normal", (-1.0, 2.0, (500,)), {}),
    ("bernoulli", (0.3, (500,)), {}),
    ("bernoulli", (np.float32(1e-3), (50,)), {"mode": "high"}),
    ("randint", (S, -2**31, 2**31 - 1), {}),
    ("randint", (S, -5, 300, jnp.int8), {}),
    ("randint", ((2, 3), np.array([0, 5, -3]), 7, jnp.uint32), {}),
    ("exponential", ((500,),), {}),
    ("laplace", ((500,),), {}),
    ("logistic", ((500,),), {}),
    ("cauchy", ((500,),), {}),
    ("gumbel", ((500,),), {}),
    ("gumbel", (S,), {"mode": "high"}),
    ("gumbel", ((200,),), {"mode": "highest"}),
    ("rademacher", (S,), {}),
    ("pareto", (2.5, S), {}),
    ("rayleigh", (2.5, S), {}),
    ("wald", (1.5, S), {}),
    ("triangular", (0.0, 0.3, 1.0, S), {}),
    ("geometric", (0.2, S), {}),
    ("lognormal", (0.5, S), {}),
    ("weibull_min", (2.0, 1.5, S), {}),
    ("gamma", (A3, (4, 3)), {}),
    ("loggamma", (0.2, S), {}),
    ("chisquare", (3.0, S), {}),
    ("f", (3.0, 5.0, S), {}),
    ("t", (3.0, S), {}),
    ("beta", (0.5, 2.0, S), {}),
    ("dirichlet", (A3, (4,)), {}),
    ("generalized_normal", (1.5, S), {}),
    ("ball", (3, 2, (4,)), {}),
    ("poisson", (LAM, (4, 5)), {}),
    ("categorical", (LOGITS,), {"shape": (6, 2)}),
    ("categorical", (LOGITS.T,), {"axis": 0}),
    ("choice", (10, (7,)), {}),
    ("choice", (np.arange(5.0, dtype=np.float32), (7,)), {"p": P5}),
    ("choice", (10, (4,)), {"replace": False}),
    ("choice", (X, (2,)), {"replace": False, "axis": 1}),
    ("choice", (5, (3,)), {"replace": False, "p": P5}),
    ("categorical", (LOGITS,), {"shape": (3, 2), "replace": False}),
    ("permutation", (10,), {}),
    ("permutation", (X,), {"axis": 1}),
    ("permutation", (X,), {"axis": 1, "independent": True}),
    ("multivariate_normal", (np.zeros(3, np.float32), COV, (5,)), {}),
    ("multivariate_normal", (np.ones(3, np.float32), COV, (2,)), {"method": "eigh"}),
    ("orthogonal", (4, (2,)), {}),
    ("orthogonal", (3,), {"m": 5}),
    ("binomial", (BN, BP), {}),
    ("binomial", (50.0, 0.4, (3, 4)), {}),
    ("multinomial", (np.array([10.0, 500.0], np.float32),
                     np.array([[0.2, 0.3, 0.5, 0.0], [0.1, 0.1, 0.1, 0.7]], np.float32)), {}),
]


def _ids(rows):
    return [f"{r[0]}-{i}" for i, r in enumerate(rows)]


@pytest.mark.parametrize("i", range(len(ROWS)), ids=_ids(ROWS))
def test_bit_exact(i):
    # Typed keys on even rows, raw keys on odd ones (each kind compiles anew).
    name, args, kwargs = ROWS[i]
    make_w, make_j = (wr.key, jr.key) if i % 2 == 0 else (wr.PRNGKey, jr.PRNGKey)
    for seed in SEEDS[:2]:
        got = getattr(wr, name)(make_w(seed), *args, **kwargs)
        want = getattr(jr, name)(make_j(seed), *args, **kwargs)
        assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, want.dtype)
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want), err_msg=name)


PURE_ROWS = ROWS[:: max(1, 6 - NUM_CASES)]


@pytest.mark.parametrize("row", PURE_ROWS, ids=_ids(PURE_ROWS))
def test_pure_on_raw_keys(row):
    name, args, kwargs = row
    assert_pure(lambda k: getattr(wr, name)(k, *args, **kwargs), np.array([0, 7], np.uint32))


def test_maxwell_close():
    # Bit-exactness here depends on XLA's fusion of the sum over 3 squares
    # (jax's loop-lowered threefry ends a fusion where jaxwrap's fuses on):
    # values agree to one ulp.
    for name, args in (("maxwell", ((500,),)), ("double_sided_maxwell", (1.0, 2.0, S))):
        got = getattr(wr, name)(wr.key(1), *args)
        want = getattr(jr, name)(jr.key(1), *args)
        np.testing.assert_allclose(got, want, rtol=3e-7)


# --- the threefry2x32 primitive -------------------------------------------------------------
def test_threefry_primitive():
    from jax.extend.random import threefry2x32_p as jax_threefry
    rng = np.random.default_rng(0)
    for shape in [(), (1,), (7,), (3, 4)]:
        k = rng.integers(0, 2**32, (2,), dtype=np.uint32)
        x1, x2 = (rng.integers(0, 2**32, shape, dtype=np.uint32) for _ in range(2))
        got = threefry2x32(k[0], k[1], x1, x2)
        want = jax_threefry.bind(k[0], k[1], x1, x2)
        ref = threefry2x32_reference(k[0], k[1], x1, x2)
        for g, w, r in zip(got, want, ref):
            np.testing.assert_array_equal(g, w)
            np.testing.assert_array_equal(g, r)
    # Known-answer test from the Random123 distribution (kat_vectors, threefry2x32_20).
    out = threefry2x32_reference(np.uint32(0x13198A2E), np.uint32(0x03707344),
                                 np.uint32(0x243F6A88), np.uint32(0x85A308D3))
    assert [int(o) for o in out] == [0xC4923A9C, 0x483DF7A0]


def test_threefry_primitive_transforms():
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 2**32, (4, 2), dtype=np.uint32)
    x1, x2 = (rng.integers(0, 2**32, (4, 6), dtype=np.uint32) for _ in range(2))
    # batched key scalars against unbatched and batched counters
    f = jax.vmap(threefry2x32, (0, 0, None, None))
    got = f(keys[:, 0], keys[:, 1], x1[0], x2[0])
    ref = threefry2x32_reference(keys[:, :1], keys[:, 1:], x1[0], x2[0])
    np.testing.assert_array_equal(got[0], ref[0])
    got = jax.vmap(threefry2x32, (None, None, 1, 1), 1)(keys[0, 0], keys[0, 1], x1, x2)
    np.testing.assert_array_equal(got[1], threefry2x32_reference(keys[0, 0], keys[0, 1], x1, x2)[1])
    got = jax.jit(jax.vmap(threefry2x32))(keys[:, 0], keys[:, 1], x1[:, 0], x2[:, 0])
    np.testing.assert_array_equal(got[0], threefry2x32_reference(keys[:, 0], keys[:, 1],
                                                                 x1[:, 0], x2[:, 0])[0])
    # integer outputs: zero (float0) tangents
    _, tan = jax.jvp(lambda a: threefry2x32(keys[0, 0], keys[0, 1], a, x2[0]), (x1[0],),
                     (np.zeros(6, jax.dtypes.float0),))
    assert tan[0].dtype == jax.dtypes.float0
    assert_pure(threefry2x32, keys[0, 0], keys[0, 1], x1, x2)
    with pytest.raises(TypeError, match="uint32"):
        threefry2x32(np.int32(1), keys[0, 1], x1, x2)


# --- keys ----------------------------------------------------------------------------------
@pytest.mark.parametrize("partitionable", [True, False])
def test_impl_ops(partitionable):
    from jax._src.random.threefry2x32 import threefry_2x32 as jax_threefry_2x32
    raw = np.array([7, 123456789], np.uint32)
    impl = xr.threefry_prng_impl

    def ours(k):
        out = [impl.split(k, s) for s in [(3,), (2, 3)]]
        out += [impl.random_bits(k, bw, s) for bw in (8, 16, 32) for s in [(), (2, 3)]]
        out += [impl.fold_in(k, np.uint32(77))]
        out += [xr.threefry_2x32(k, np.arange(n, dtype=np.uint32)) for n in (6, 7)]
        return out

    def theirs(k):
        out = [jr.split(k, s) for s in [(3,), (2, 3)]]
        out += [jr.bits(k, s, dt) for dt in (jnp.uint8, jnp.uint16, jnp.uint32)
                for s in [(), (2, 3)]]
        out += [jr.fold_in(k, 77)]
        out += [jax_threefry_2x32(k, np.arange(n, dtype=np.uint32)) for n in (6, 7)]
        return out

    with jax.threefry_partitionable(partitionable):
        for a, b in zip(jax.jit(ours)(raw), jax.jit(theirs)(raw)):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(wr.normal(raw, (9,)), jr.normal(raw, (9,)))


def test_keys():
    for s in [0, 42, -1, 2**40 + 5, np.uint8(200), np.int16(-3), np.int32(-7)]:
        np.testing.assert_array_equal(wr.key_data(wr.key(s)), jr.key_data(jr.key(s)))
        np.testing.assert_array_equal(wr.PRNGKey(s), jr.PRNGKey(s))
    k = wr.key(5)
    assert k.dtype == jr.key(5).dtype == wr.key_dtype() and wr.key_impl(k) == "threefry2x32"
    # keys pass both ways between jaxwrap.random and jax.random
    np.testing.assert_array_equal(jr.key_data(jr.split(k)), wr.key_data(wr.split(jr.key(5))))
    # clone copies a key: the same bits as jax.random.clone, for typed and raw keys
    np.testing.assert_array_equal(wr.key_data(wr.clone(k)), jr.key_data(jr.clone(k)))
    np.testing.assert_array_equal(wr.clone(wr.PRNGKey(5)), jr.PRNGKey(5))
    # split / fold_in return the kind of key they are given
    assert wr.split(k, (2, 3)).shape == (2, 3) and wr.split(wr.PRNGKey(5), 4).shape == (4, 2)
    np.testing.assert_array_equal(wr.key_data(wr.fold_in(k, 3)),
                                  jr.key_data(jr.fold_in(jr.key(5), 3)))
    np.testing.assert_array_equal(wr.fold_in(wr.PRNGKey(5), 2**32 + 3),
                                  jr.fold_in(jr.PRNGKey(5), 3))
    data = np.array([1, 2], np.uint32)
    np.testing.assert_array_equal(wr.uniform(wr.wrap_key_data(data), (4,)),
                                  jr.uniform(jr.wrap_key_data(data), (4,)))
    with pytest.raises(ValueError, match="single key"):
        wr.uniform(wr.split(k), (2,))
    with pytest.raises(TypeError, match="scalar seed"):
        wr.key(np.arange(2))
    with pytest.raises(TypeError, match="raw key"):
        wr.normal(np.array([1, 2], np.int32))
    with pytest.raises(ValueError, match="float"):
        wr.uniform(k, (2,), jnp.int32)


@pytest.mark.parametrize("impl", ["rbg", "unsafe_rbg"])
def test_rbg_impls(impl):
    # Keys, splits and fold-ins from threefry halves or RngBitGenerator rows;
    # bits from XLA's RngBitGenerator (platform-dependent, equal to jax's here).
    def ours(seed):
        k = wr.key(seed, impl=impl)
        k1, k2 = wr.split(k)
        return (wr.key_data(k), wr.key_data(wr.split(k, 3)), wr.key_data(wr.fold_in(k, 5)),
                wr.uniform(k1, (4,)), wr.normal(k2, (2, 3)), wr.bits(k, (5,), jnp.uint16))

    def theirs(seed):
        k = jr.key(seed, impl=impl)
        k1, k2 = jr.split(k)
        return (jr.key_data(k), jr.key_data(jr.split(k, 3)), jr.key_data(jr.fold_in(k, 5)),
                jr.uniform(k1, (4,)), jr.normal(k2, (2, 3)), jr.bits(k, (5,), jnp.uint16))

    for a, b in zip(jax.jit(ours)(7), jax.jit(theirs)(7)):
        np.testing.assert_array_equal(a, b)
    assert wr.key_impl(jr.key(1, impl=impl)) == impl
    assert wr.key(1, impl=impl).dtype == jr.key(1, impl=impl).dtype
    with jax.default_prng_impl(impl):  # raw keys follow the default generator
        np.testing.assert_array_equal(wr.PRNGKey(3), jr.PRNGKey(3))
        np.testing.assert_array_equal(wr.split(wr.PRNGKey(3)), jr.split(jr.PRNGKey(3)))


def test_other_jax_generators():
    # Generators only jax defines (philox...) are adopted: their own operations.
    for impl in ("philox4x32", "threefry4x32"):
        k = jr.key(0, impl=impl)
        assert wr.key_impl(k) == impl and wr.key(0, impl=impl).dtype == k.dtype
        np.testing.assert_array_equal(wr.normal(k, (3,)), jr.normal(k, (3,)))


def test_define_prng_impl():
    # A user-defined generator (threefry with its key words swapped) gets typed
    # keys that both jaxwrap.random and jax.random sample from.
    from jaxwrap._src import lax as wl
    t = xr.threefry_prng_impl

    def swap(k):
        return wl.rev(k, (0,))

    impl = xr.define_prng_impl(
        key_shape=(2,), seed=lambda s: swap(t.seed(s)), split=lambda k, sh: t.split(swap(k), sh),
        random_bits=lambda k, bw, sh: t.random_bits(swap(k), bw, sh),
        fold_in=lambda k, d: t.fold_in(swap(k), d), name="swapped", tag="sw")
    k = wr.key(3, impl=impl)
    assert str(k.dtype) == "key<sw>"
    np.testing.assert_array_equal(wr.key_data(k), [3, 0])
    np.testing.assert_array_equal(wr.uniform(k, (3,)), jr.uniform(k, (3,)))
    # its bits are threefry's for the swapped key data [0, 3]
    np.testing.assert_array_equal(wr.uniform(k, (3,)), wr.uniform(wr.PRNGKey(3), (3,)))


def test_jit_vmap_over_keys():
    keys = wr.split(wr.key(9), 4)
    got = jax.jit(jax.vmap(lambda k: wr.normal(k, (3,))))(keys)
    want = jax.vmap(lambda k: jr.normal(k, (3,)))(jr.split(jr.key(9), 4))
    np.testing.assert_array_equal(got, want)
    raw = wr.split(wr.PRNGKey(9), 4)
    got = jax.vmap(lambda k: wr.gamma(k, 0.7, (2,)))(raw)
    want = jax.vmap(lambda k: jr.gamma(k, 0.7, (2,)))(jr.split(jr.PRNGKey(9), 4))
    np.testing.assert_array_equal(got, want)
    got = jax.jit(lambda k: wr.split(k, 3))(wr.key(2))
    np.testing.assert_array_equal(wr.key_data(got), jr.key_data(jr.split(jr.key(2), 3)))


def test_x64():
    with jax.enable_x64(True):
        k, kj = wr.key(3), jr.key(3)
        for name, args in (("uniform", ((50,), jnp.float64)), ("normal", ((50,), jnp.float64)),
                           ("bits", ((5,), jnp.uint64)), ("randint", ((9,), -2**40, 2**40))):
            got, want = getattr(wr, name)(k, *args), getattr(jr, name)(kj, *args)
            assert got.dtype == want.dtype, name
            np.testing.assert_array_equal(got, want, err_msg=name)
        np.testing.assert_array_equal(wr.PRNGKey(2**40 + 5), jr.PRNGKey(2**40 + 5))


@pytest.mark.parametrize("name,args,cdf", [
    ("normal", (), scipy.stats.norm.cdf),
    ("exponential", (), scipy.stats.expon.cdf),
    ("gamma", (0.6,), scipy.stats.gamma(0.6).cdf),
])
def test_ks(name, args, cdf):
    x = np.asarray(getattr(wr, name)(wr.key(0), *args, shape=(2000,)) if args
                   else getattr(wr, name)(wr.key(0), (2000,)), np.float64)
    assert scipy.stats.kstest(x, cdf).pvalue > 1e-3


def test_gamma_grad_matches_jax():
    # Implicit reparameterization gradients of gamma samples (and of samplers
    # built on them) agree with jax's to float32 accuracy.
    a = jnp.array([0.3, 1.5, 10.0, 100.0], jnp.float32)
    for name, args in (("gamma", ()), ("beta", (2.0,))):
        def loss(lib, key, name=name, args=args):
            return lambda a: getattr(lib, name)(key, a, *args, shape=(8, 4)).sum()
        # each gradient in one jitted program (an eager grad of a jitted sampler compiles
        # its forward and backward parts separately)
        gw = jax.jit(jax.grad(loss(wr, wr.key(1))))(a)
        gj = jax.jit(jax.grad(loss(jr, jr.key(1))))(a)
        np.testing.assert_allclose(gw, gj, rtol=2e-4, err_msg=name)


def test_location_scale_grads_match_jax():
    cases = [
        lambda lib, k, x: lib.uniform(k, (5,), minval=x, maxval=x * 3 + 1),
        lambda lib, k, x: lib.truncated_normal(k, x - 2, x + 1, (5,)),
        lambda lib, k, x: lib.multivariate_normal(k, jnp.zeros(2), jnp.eye(2) * x, (3,)),
    ]
    # all cases in one jitted program per library (eager grads compile each part apart)
    def grads(lib, key):
        return jax.jit(lambda x: [jax.grad(lambda x, fn=fn: (fn(lib, key, x) ** 2).sum())(x)
                                  for fn in cases])(jnp.float32(1.3))
    for gw, gj in zip(grads(wr, wr.key(5)), grads(jr, jr.key(5))):
        np.testing.assert_allclose(gw, gj, rtol=1e-5)


def test_signatures_are_jax_randoms():
    """Every public function has jax.random's parameters, in order, with the same
    kinds (out_sharding keyword-only on the samplers that take it)."""
    import inspect

    def params(f):
        return [(p.name, p.kind) for p in inspect.signature(f).parameters.values()]

    names = [n for n in dir(jax.random) if not n.startswith("_") and n in dir(wr)
             and inspect.isfunction(getattr(jax.random, n))]
    assert len(names) >= 45, names
    diffs = {n: (params(getattr(wr, n)), params(getattr(jax.random, n))) for n in names
             if params(getattr(wr, n)) != params(getattr(jax.random, n))}
    assert not diffs, diffs


def test_out_sharding_arguments():
    k = wr.key(0)
    # None is the default; the values never depend on the keyword
    np.testing.assert_array_equal(wr.normal(k, (4,), out_sharding=None), wr.normal(k, (4,)))
    with pytest.raises(ValueError, match=r"normal\(\): out_sharding=.*needs a mesh"):
        wr.normal(k, (4,), out_sharding=jax.sharding.PartitionSpec("x"))
    with pytest.raises(TypeError, match=r"uniform\(\): out_sharding must be"):
        wr.uniform(k, (4,), out_sharding="x")
    # on one device a NamedSharding over a 1-device mesh works, eagerly and under jit
    mesh = jax.make_mesh((1,), ("x",))
    s = jax.sharding.NamedSharding(mesh, jax.sharding.PartitionSpec("x"))
    with jax.set_mesh(mesh):
        got = jax.jit(lambda k: wr.randint(k, (4,), 0, 9, out_sharding=s))(k)
        want = jax.random.randint(jax.random.key(0), (4,), 0, 9, out_sharding=s)
    np.testing.assert_array_equal(got, want)
    assert got.sharding.is_equivalent_to(want.sharding, 1)
