"""Bessel functions: accuracy against mpmath (tests/data/special/bessel.json), the
differential harness (eager / jit / vmap / purity / gradients), special values,
zeros, bessel_jn and argument errors."""

from __future__ import annotations

import doctest

import jax
import jax.scipy.special as jsp
import mpmath as mp
import numpy as np
import pytest
import scipy.special as sp

import jaxwrap.scipy.special as S
from tests import accuracy
from tests.harness import DEEP, check

# --- accuracy budgets (ULPs of the case's dtype) ---------------------------------------------
# Defaults from the issue: non-oscillatory I/K <= 16 ULP; oscillatory J/Y <= 1024 ULP away
# from zeros (points near zeros are excluded by the generator and tested below in absolute
# error).  Each looser or tighter entry says why.
BUDGET = {
    "i0": 16, "i0e": 16, "i1": 16, "i1e": 16, "k0": 16, "k0e": 16, "k1": 16, "k1e": 16,
    "iv": 16, "ive": 16, "kv": 16, "kve": 16, "kn": 16, "spherical_in": 16, "spherical_kn": 16,
    "j0": 1024, "j1": 1024, "y0": 1024, "y1": 1024, "jv": 1024, "yv": 1024, "jn": 1024,
    "yn": 1024, "spherical_jn": 1024, "spherical_yn": 1024,
}
REGION_BUDGET = {
    # Large orders reach K_v / I_v through ~v steps of forward recurrence: the rounding
    # errors add up linearly in v (measured up to ~120 ULP at v = 300 in float64).
    ("kve", "large_order"): 256, ("ive", "large_order"): 256,
    # kn/spherical_kn/iv/kv reach orders up to 50 with the same recurrence (and the
    # unscaled forms add the rounding of exp(+-x), |x| <= 50: ~ |x| * eps relative).
    ("kn", "typical"): 64, ("iv", "typical"): 64, ("kv", "typical"): 64,
    ("spherical_kn", "typical"): 64, ("spherical_in", "typical"): 64,
    # i0/i1/k0/k1 unscaled at large x: e^{+-x} of an argument up to 700 carries the
    # argument's rounding, ~ x * eps/2 relative (jax's i0/i1 have the same).
    ("i0", "large_x"): 512, ("i1", "large_x"): 512, ("k0", "large_x"): 512, ("k1", "large_x"): 512,
}


def budget(case):
    return REGION_BUDGET.get((case.function, case.region), BUDGET[case.function])


CASES = accuracy.load("bessel")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_accuracy(case):
    accuracy.check_case(case, budget(case))


def test_budget_table_covers_every_case():
    assert {c.function for c in CASES} <= set(BUDGET)


# --- shared inputs ---------------------------------------------------------------------------
# Every compile of a Bessel kernel costs seconds, so the tests below call each function on
# as few distinct (shape, dtype) signatures as they can: the accuracy cases' padded length
# (64 points: ``accuracy._call``) for the harness's plain calls and the special-value, zero
# and large-argument checks (the compiled programs are cached for the whole file, which runs
# in one process).
_N = accuracy._BUCKET


def _cycle(values, dtype):
    """``values`` repeated to the accuracy cases' length."""
    return np.resize(np.asarray(values, dtype), _N)


_X32 = _cycle([0.5, 2.5, 7.0], np.float32)
_V32 = _cycle([0.0, 1.5, 3.0], np.float32)
_X64 = _cycle([0.3, 1.7, 4.2, 9.5, 15.0, 31.0], np.float64)
_V64 = _cycle([0.0, 1.5, 3.0, -2.5, 0.25, 7.0], np.float64)


def _batched(fn, shape, *cols, dtypes=None):
    """fn on the points given by the columns ``cols``, packed into arrays of ``shape``
    (padded with the last point; several calls if there are more points than fit), flat."""
    size = int(np.prod(shape))
    n = len(cols[0])
    dtypes = dtypes or [np.float64] * len(cols)
    out = []
    for lo in range(0, n, size):
        args = []
        for c, dt in zip(cols, dtypes):
            part = list(c[lo:lo + size])
            part += [part[-1]] * (size - len(part))
            args.append(np.array(part, dt).reshape(shape))
        out.append(np.asarray(fn(*args)).reshape(-1)[:min(size, n - lo)])
    return np.concatenate(out)


# --- zeros: absolute error relative to the envelope ---------------------------------------------
@pytest.mark.parametrize("name", ["j0", "j1", "y0", "y1"])
def test_near_zeros(name):
    """At the zeros the relative error is meaningless; the absolute error must stay within
    a few ulps of the envelope sqrt(J^2 + Y^2) (budget 64: the argument's own rounding
    moves the value by |f'| * ulp(x) ~ envelope * ulp(x), i.e. up to x/2 envelope-ulps
    before any error of ours, so the budget is relative to max(1, x) * eps)."""
    order = int(name[1])
    zero = mp.besseljzero if name[0] == "j" else mp.besselyzero
    ks = [1, 2, 5, 20, 100, 1000]
    with jax.enable_x64(True):
        xs = np.array([float(zero(order, k)) for k in ks])
        got = _batched(getattr(S, name), (_N,), xs)
    f = mp.besselj if name[0] == "j" else mp.bessely
    with mp.workdps(40):
        ref = np.array([float(f(order, mp.mpf(x))) for x in xs])
        env = np.array([float(mp.sqrt(mp.besselj(order, x) ** 2 + mp.bessely(order, x) ** 2))
                        for x in xs])
    err = np.abs(got - ref) / (env * np.finfo(np.float64).eps)
    assert np.all(err <= 64), (xs, err)


# --- the harness: eager, jit, vmap, purity, gradients -------------------------------------------

# Every real-argument function is a few cores behind argument handling (bessel.py's tables):
# the kernels _jv, _yv, _ive, _kve, the primitives bessel_i0e / bessel_i1e, the scalings
# exp(|x|) I and exp(-x) K, and the integer-order truncation of yn / kn.  vmap (and with it the
# traced path at the public boundary) and the gradient check run on one function per core
# (EVERY_WAY_FOR); the others (the same cores at other orders or argument maps) get values in
# both dtypes against scipy (and jax), dtypes and purity (DEEP: everything).
CORES = {
    "j0": {"jv"}, "j1": {"jv"}, "y0": {"yv"}, "y1": {"yv"}, "i0e": {"i0e"}, "i1e": {"i1e"},
    "i0": {"i0e", "scale_i"}, "i1": {"i1e", "scale_i"}, "k0e": {"kve"}, "k1e": {"kve"},
    "k0": {"kve", "scale_k"}, "k1": {"kve", "scale_k"},
    "jv": {"jv"}, "yv": {"yv"}, "ive": {"ive"}, "iv": {"ive", "scale_i"}, "kve": {"kve"},
    "kv": {"kve", "scale_k"}, "jve": {"jv"}, "yve": {"yv"},
    "jn": {"jv"}, "yn": {"int_order", "yv"}, "kn": {"int_order", "kve", "scale_k"},
}
EVERY_WAY_FOR = {"i0e", "i1e", "i0", "k0", "jv", "yv", "ive", "kve", "kn"}

UNARY = [  # name, jax peer (or None)
    ("i0", jsp.i0), ("i0e", jsp.i0e), ("i1", jsp.i1), ("i1e", jsp.i1e),
    ("j0", None), ("j1", None), ("y0", None), ("y1", None),
    ("k0", None), ("k0e", None), ("k1", None), ("k1e", None),
]
BINARY = ["jv", "yv", "iv", "kv", "ive", "kve", "jve", "yve"]
INTEGER = ["jn", "yn", "kn"]


def test_every_way_rows_cover_every_core():
    assert set(CORES) == {u[0] for u in UNARY} | set(BINARY) | set(INTEGER)
    assert set().union(*CORES.values()) == set().union(*(CORES[n] for n in EVERY_WAY_FOR))


@pytest.mark.parametrize("name,peer", UNARY, ids=[u[0] for u in UNARY])
def test_unary_harness(name, peer):
    fn, ref = getattr(S, name), getattr(sp, name)
    full = DEEP or name in EVERY_WAY_FOR
    # float32: values and dtype (jit / vmap / gradients are the float64 run's; DEEP)
    check(fn, ref, (_X32,), peer=peer, tol=2e-5, jit=DEEP, vmap=DEEP)
    with jax.enable_x64(True):
        check(fn, ref, (_X64,), peer=peer, grad=1 if full else 0, vmap=full, jit=DEEP)


@pytest.mark.parametrize("name", BINARY)
def test_binary_harness(name):
    fn, ref = getattr(S, name), getattr(sp, name)
    x = np.abs(_X64) + 0.1
    full = DEEP or name in EVERY_WAY_FOR
    with jax.enable_x64(True):
        # gradients in x only: the derivative in a real order has no closed form (NaN)
        check(fn, ref, (_V64, x), grad=1 if full else 0, grad_argnums=(1,), vmap=full,
              jit=DEEP)
    check(fn, ref, (_V32, _X32), tol=5e-5,  # float32, 10 ulp-ish
          jit=DEEP, vmap=DEEP)   # values and dtype; the float64 run traces (DEEP: both)


@pytest.mark.parametrize("name", INTEGER)
def test_integer_order(name):
    n = _cycle([0, 1, 3, 10, 40], np.int64)            # the accuracy cases' int64 orders
    x = _cycle([0.5, 2.0, 7.5, 12.0, 60.0], np.float64)
    full = DEEP or name in EVERY_WAY_FOR
    with jax.enable_x64(True):
        check(getattr(S, name), getattr(sp, name), (n, x), grad=1 if full else 0,
              grad_argnums=(1,), vmap=full, jit=DEEP)


@pytest.mark.parametrize("name", ["spherical_jn", "spherical_yn", "spherical_in", "spherical_kn"])
@pytest.mark.parametrize("derivative", [False, True])
def test_spherical(name, derivative):
    # the points repeated to the accuracy cases' length (int64 orders, float64 x); without
    # the keyword, the plain call is the accuracy case's own compiled program (``@public``
    # compiles ``f(n, z)`` and ``f(n, z, derivative=False)`` separately).  derivative=True is
    # the same kernel plus a derivative recurrence: vmap on derivative=False (DEEP: both).
    n = _cycle([0, 1, 2, 5, 12], np.int64)
    x = _cycle([0.5, 1.0, 3.0, 8.0, 20.0], np.float64)
    kwargs = {"derivative": True} if derivative else {}
    with jax.enable_x64(True):
        check(getattr(S, name), getattr(sp, name), (n, x), kwargs=kwargs, vmap_argnums=(1,),
              vmap=DEEP or not derivative, jit=DEEP)
        # derivative=True agrees with jax.grad of the function (in one jitted program: an
        # eager grad compiles its forward and backward parts apart)
        if not derivative:
            g = jax.jit(jax.vmap(jax.grad(lambda xx, nn: getattr(S, name)(nn, xx))))(x, n)
            np.testing.assert_allclose(g, getattr(sp, name)(n, x, derivative=True), rtol=1e-10)


# Orders 0 and 1 of the derivative: n = 2 puts three (six for h1vp/h2vp) Bessel
# kernels into one program, whose XLA compile crashed a CI-sized worker (segfault in
# backend_compile); the n-th derivative formula is the same sum for every n.
@pytest.mark.parametrize("name", ["jvp", "yvp", "ivp", "kvp", "h1vp", "h2vp"])
@pytest.mark.parametrize("n", [0, 1])
def test_derivatives(name, n):
    v = np.array([0.0, 1.5, 3.0, -2.5])
    x = np.array([0.7, 2.0, 9.0, 4.0])
    with jax.enable_x64(True):
        # no outer-jit run but in a deep run: the plain call is already compiled (``@public``
        # jits), and an outer jit compiles the same program once more
        check(getattr(S, name), getattr(sp, name), (v, x), kwargs={"n": n}, vmap=False, jit=DEEP)


@pytest.mark.parametrize("name", ["hankel1", "hankel2", "hankel1e", "hankel2e"])
def test_hankel(name):
    # one core (bessel._hankel: J and Y of the same kernel, the sign of Y, the optional scaling)
    # behind four names: vmap (the traced path) on hankel1e, which takes every step of it;
    # values, dtypes and purity for the others (DEEP: everything)
    v = np.array([0.0, 1.5, 3.0, -2.5])
    x = np.array([0.7, 2.0, 9.0, 40.0])
    full = DEEP or name == "hankel1e"
    with jax.enable_x64(True):
        out = check(getattr(S, name), lambda a, b: getattr(sp, name)(a, b + 0j), (v, x),
                    vmap=full, jit=DEEP)
        assert out.dtype == np.complex128
    # float32 -> complex64 (traced only: the values are the float64 run's kernels)
    v32, x32 = v.astype(np.float32), x.astype(np.float32)
    assert jax.eval_shape(getattr(S, name), v32, x32).dtype == np.complex64


# --- special values --------------------------------------------------------------------------
def test_special_values():
    inf, nan = np.inf, np.nan
    shape = (_N,)
    with jax.enable_x64(True):
        # orders 0 / 1 at x = 0
        for name, want in [("j0", 1.0), ("j1", 0.0), ("y0", -inf), ("k0", inf), ("i0", 1.0)]:
            got = np.asarray(getattr(S, name)(np.zeros(shape)))
            assert np.all(got == want) and got.dtype == np.float64, (name, got)
        # jv: limits, parity in x, NaN inputs, reflection, and extreme inputs (which must
        # never hang and give finite values)
        v = [-0.5, 2.0, 2.0, 3.0, 3.0, 0.5, nan, 1.0, -3.0, 0.0, 1e-300, 1e4, 1.5e4]
        x = [0.0, -1.5, 1.5, -1.5, 1.5, -1.0, 1.0, inf, 2.0, 1e-300, 1.0, 1e4, 1.0]
        j = _batched(S.jv, shape, v, x)
        assert j[0] == inf                              # J_{-1/2}(x) = sqrt(2/(pi x)) cos x
        assert j[1] == j[2] and j[3] == -j[4]           # even / odd integer order
        assert np.isnan(j[5]) and np.isnan(j[6]) and j[7] == 0.0
        # negative orders (reflection): integer orders exactly (-1)^n J_n
        np.testing.assert_allclose(j[8], -sp.jv(3.0, 2.0), rtol=1e-15)
        assert np.all(np.isfinite(j[9:])), j[9:]
        y = _batched(S.yv, shape, [1.0], [-1.0])
        k = _batched(S.kv, shape, [1.0], [-1.0])
        ke = _batched(S.kve, shape, [1.0], [inf])
        i = _batched(S.iv, shape, [-2.5], [2.0])
        assert np.isnan(y[0]) and np.isnan(k[0]) and ke[0] == 0.0
        np.testing.assert_allclose(i[0], sp.iv(-2.5, 2.0), rtol=1e-14)
        # spherical: the accuracy cases' (and test_spherical's) int64 / float64 signature
        dts = [np.int64, np.float64]
        sj = _batched(S.spherical_jn, shape, [0, -1], [0.0, 1.0], dtypes=dts)
        sy = _batched(S.spherical_yn, shape, [1], [0.0], dtypes=dts)
        assert sj[0] == 1.0 and np.isnan(sj[1]) and sy[0] == -inf


def test_large_orders_and_arguments():
    """Orders into the hundreds and x up to 1e4 (where jax's bessel_jn fails)."""
    v = np.array([0.0, 1.0, 60.0, 150.0, 400.0, 400.0, 35.5])
    x = np.array([1e4, 9999.5, 30.0, 120.0, 350.0, 1e4, 0.3])
    with jax.enable_x64(True):
        got = _batched(S.jv, (_N,), v, x)
    with mp.workdps(50):
        ref = np.array([float(mp.besselj(a, b)) for a, b in zip(v, x)])
    np.testing.assert_allclose(got, ref, rtol=1e-12)


# --- bessel_jn (jax's signature) ----------------------------------------------------------------
def test_bessel_jn_matches_jax_shape_and_values():
    z = np.array([0.0, 0.5, 2.0, 7.0], np.float32)
    ours, theirs = S.bessel_jn(z, v=3), jsp.bessel_jn(z, v=3)
    assert ours.shape == theirs.shape == (4, 4) and ours.dtype == theirs.dtype
    np.testing.assert_allclose(ours, sp.jv(np.arange(4)[:, None], z), rtol=2e-6, atol=1e-7)
    assert float(ours[0, 0]) == 1.0          # jax gives NaN for J0(0)


def test_bessel_jn_large():
    """Orders to 40 and x to 1e4 in one call (jax's n_iter=50 recurrence fails here)."""
    z = np.array([0.5, 30.0, 250.0, 1e4])
    with jax.enable_x64(True):
        out = np.asarray(S.bessel_jn(z, v=40, n_iter=5))
    with mp.workdps(30):
        ref = np.array([[float(mp.besselj(k, t)) for t in z] for k in range(41)])
    env = np.maximum(np.abs(ref), np.sqrt(2 / (np.pi * z)))
    # 1e-11 of the envelope: Miller's normalisation sum J_0 + 2 sum J_2k at x = 250 adds
    # ~sqrt(x) terms of size ~envelope, so its rounding is ~ sqrt(x) * 10 eps.
    assert np.all(np.abs(out - ref) <= 1e-11 * env), np.max(np.abs(out - ref) / env)


# --- errors --------------------------------------------------------------------------------------
def test_errors():
    # complex arguments: the real-only functions reject them, naming the argument (jv and
    # the other functions of complex z take a complex z, but not a complex order)
    with pytest.raises(TypeError, match="j0.*x"):
        S.j0(np.array([1.0 + 1.0j]))
    with pytest.raises(TypeError, match="jv.*v"):
        S.jv(1.0 + 1.0j, np.array([1.0 + 1.0j]))
    with pytest.raises(TypeError, match="bessel_jn.*v"):
        S.bessel_jn(1.0, v=1.5)
    with pytest.raises(ValueError, match="bessel_jn"):
        S.bessel_jn(1.0, v=-1)
    with pytest.raises(ValueError, match="jvp.*n"):
        S.jvp(1.0, 2.0, n=-1)
    with pytest.raises(TypeError, match="i0"):
        S.i0("a")


def test_order_derivative_is_nan_not_zero():
    with jax.enable_x64(True):
        v, x = np.float64(1.5), np.float64(2.0)
        # both derivatives in one jitted program (eagerly, each grad compiles its forward
        # and backward parts apart: four kernel-sized programs instead of one)
        dv, dx = jax.jit(lambda v, x: (jax.grad(S.jv, argnums=0)(v, x),
                                       jax.grad(S.jv, argnums=1)(v, x)))(v, x)
        assert np.isnan(float(dv))
        assert np.isfinite(float(dx))


def test_docstring_examples():
    """Every example runs and prints what its docstring says.  Op by op
    (``jax.disable_jit``): each example calls one function once on a scalar, and compiling
    a whole kernel per example (about 40 programs of 1-3 s) cost ~10x the op-by-op run,
    whose small per-primitive programs are shared by all the functions."""
    from jaxwrap._src.scipy.special import bessel as module
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    with jax.disable_jit():
        for name in module.__all__:
            t = parser.get_doctest(getattr(module, name).__doc__ or "", {}, name, None, 0)
            assert t.examples, f"{name} has no example"
            runner.run(t)
    assert runner.summarize(verbose=False).failed == 0
