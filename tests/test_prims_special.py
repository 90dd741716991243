"""The special-function primitives (jaxwrap_extend/_prims/special.py): abstract
eval, JVPs against finite differences and mpmath, batching, bounded loops, and
the constant tables against their generators."""

from __future__ import annotations

import jax
import mpmath as mp
import numpy as np
import pytest
from jax.test_util import check_grads

from jaxwrap_extend._prims import special as S
from tools.special_refs.gamma import temme_coefficients

F32, F64 = np.float32, np.float64

# (primitive wrapper, number of operands, valid sample operands (float64), params)
ROWS = [
    (S.igamma, (np.array([0.7, 3.0, 25.0]), np.array([0.4, 5.0, 23.0])), {}),
    (S.igammac, (np.array([0.7, 3.0, 25.0]), np.array([0.4, 5.0, 23.0])), {}),
    (S.igamma_grad_a, (np.array([0.7, 3.0, 25.0]), np.array([0.4, 5.0, 23.0])), {}),
    (S.random_gamma_grad, (np.array([0.7, 3.0, 25.0]), np.array([0.4, 5.0, 23.0])), {}),
    (S.igammainv, (np.array([0.7, 3.0, 25.0]), np.array([0.2, 0.5, 0.9])), {"upper": False}),
    (S.igammainv, (np.array([0.7, 3.0, 25.0]), np.array([0.2, 0.5, 0.9])), {"upper": True}),
    (S.betainc, (np.array([0.7, 3.0, 25.0]), np.array([2.5, 1.5, 30.0]), np.array([0.3, 0.6, 0.45])), {}),
    (S.betaincc, (np.array([0.7, 3.0, 25.0]), np.array([2.5, 1.5, 30.0]), np.array([0.3, 0.6, 0.45])), {}),
    (S.betainc_grad, (np.array([0.7, 3.0, 25.0]), np.array([2.5, 1.5, 30.0]), np.array([0.3, 0.6, 0.45])),
     {"da": 1, "db": 0}),
    (S.betaincinv, (np.array([0.7, 3.0, 25.0]), np.array([2.5, 1.5, 30.0]), np.array([0.2, 0.6, 0.9])),
     {"upper": False}),
]
IDS = [f"{r[0].__name__}-{i}" for i, r in enumerate(ROWS)]


def _in_threes(fn, *cols, **params):
    """``fn`` on the 1-d columns ``cols`` in calls of the ROWS' shape (3,) (the last call padded
    with its last point): the primitives compiled at that shape by test_jvp are reused (each
    primitive's kernel is a separate XLA compile of seconds, per shape)."""
    n = len(cols[0])
    size = -(-n // 3) * 3
    padded = [np.pad(np.asarray(c, np.float64), (0, size - n), mode="edge") for c in cols]
    out = [np.asarray(fn(*(c[i:i + 3] for c in padded), **params)) for i in range(0, size, 3)]
    return np.concatenate(out)[:n]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_abstract_eval(row):
    fn, args, params = row
    for dt in (F32, F64):
        with jax.enable_x64(dt == F64):
            out = jax.eval_shape(lambda *a: fn(*a, **params), *(a.astype(dt) for a in args))
            assert out.shape == (3,) and out.dtype == dt
    with jax.enable_x64(True), pytest.raises(TypeError, match="equal dtype"):
        fn(*(a.astype(F32) for a in args[:-1]), args[-1].astype(F64), **params)
    with pytest.raises(TypeError, match="int32"):
        fn(*(a.astype(np.int32) for a in args), **params)


# Derivative primitives (igamma_grad_a, betainc_grad) are checked against mpmath below
# instead: finite differences of them would compile their third derivatives.
JVP_ROWS = [r for r in ROWS if r[0] not in (S.igamma_grad_a, S.betainc_grad, S.igammac)]


@pytest.mark.parametrize("row", JVP_ROWS, ids=lambda r: r[0].__name__ + str(r[2].get("upper", "")))
def test_jvp(row):
    fn, args, params = row
    with jax.enable_x64(True):
        # first order, forward and reverse, against central differences
        check_grads(lambda *a: fn(*a, **params), args, order=1, modes=("fwd", "rev"),
                    atol=1e-6, rtol=1e-6)


@pytest.mark.parametrize("row", [ROWS[0], ROWS[6]], ids=lambda r: r[0].__name__)
def test_vmap(row):
    fn, args, params = row
    with jax.enable_x64(True):
        f = lambda *a: fn(*a, **params)   # noqa: E731
        batched = jax.vmap(f)(*(np.stack([a, a * 1.01]) for a in args))
        loop = np.stack([f(*args), f(*(a * 1.01 for a in args))])
        np.testing.assert_allclose(np.asarray(batched), np.asarray(loop), rtol=1e-14)


def test_derivative_primitives_against_mpmath():
    # first and second derivatives in the shape parameters (nested forward-mode derivatives
    # of the kernels), at points of every branch: small-a series, series, continued
    # fraction, Temme's expansion; beta on both sides of the symmetry switch.  (In calls of
    # shape (3,): the derivative kernels test_jvp compiled are reused.)
    with jax.enable_x64(True):
        a, x = np.array([0.6, 4.0, 2.5, 40.0]), np.array([1.3, 2.0, 9.0, 37.0])
        for order in (1, 2):
            got = _in_threes(S.igamma_grad_a, a, x, order=order)
            ref = [float(mp.diff(lambda t: mp.gammainc(t, 0, xi, regularized=True), ai, order))
                   for ai, xi in zip(a, x)]
            np.testing.assert_allclose(got, ref, rtol=1e-9)
        a, b, x = np.array([2.0, 0.5, 30.0]), np.array([3.0, 7.5, 20.0]), np.array([0.3, 0.05, 0.7])
        for da, db in ((1, 0), (0, 1), (1, 1)):
            got = np.asarray(S.betainc_grad(a, b, x, da=da, db=db))
            ref = [float(mp.diff(lambda s, t: mp.betainc(s, t, 0, xi, regularized=True),
                                 (ai, bi), (da, db))) for ai, bi, xi in zip(a, b, x)]
            np.testing.assert_allclose(got, ref, rtol=1e-9)


def test_integer_shape_parameters_keep_their_derivative():
    # The fractions terminate at integer a (gamma) / b (beta); their derivatives do not.
    with jax.enable_x64(True):
        a, x = np.array([1.0, 5.0, 3.0]), np.array([2.0, 20.0, 7.0])
        ref = [float(mp.diff(lambda t: mp.gammainc(t, 0, xi, regularized=True), ai))
               for ai, xi in zip(a, x)]
        np.testing.assert_allclose(np.asarray(S.igamma_grad_a(a, x)), ref, rtol=1e-12)
        a, b, x = np.array([5.0, 2.0, 3.0]), np.array([5.0, 3.0, 4.0]), np.array([0.99, 0.7, 0.1])
        ref = [float(mp.diff(lambda t: mp.betainc(ai, t, 0, xi, regularized=True), bi))
               for ai, bi, xi in zip(a, b, x)]
        np.testing.assert_allclose(np.asarray(S.betainc_grad(a, b, x, da=0, db=1)), ref,
                                   rtol=1e-12)


def test_extreme_inputs_terminate_and_follow_scipy():
    import scipy.special as sp
    vals = np.array([0.0, 1e-300, 1e-30, 0.5, 1.0, 30.0, 1e5, 1e30, 1e300, np.inf, np.nan, -1.0])
    a, x = (v.ravel() for v in np.meshgrid(vals, vals))
    # (in calls of shape (3,), reusing the kernels compiled by test_jvp; a few hundred
    # dispatches cost far less than one more compile of a kernel)
    with jax.enable_x64(True):
        p, q = _in_threes(S.igamma, a, x), _in_threes(S.igammac, a, x)
    with np.errstate(all="ignore"):
        ps, qs = sp.gammainc(a, x), sp.gammaincc(a, x)
    # same NaN pattern and values within 1e-12 wherever both are defined
    np.testing.assert_array_equal(np.isnan(p), np.isnan(ps))
    np.testing.assert_allclose(p, ps, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(q, qs, rtol=1e-12, atol=1e-300)
    u = np.array([0.0, 1e-300, 0.3, 0.5, 1 - 1e-16, 1.0, np.nan, 2.0])
    aa, bb, xx = (v.ravel() for v in np.meshgrid(vals, vals, u))
    with jax.enable_x64(True):
        i = _in_threes(S.betainc, aa, bb, xx)
    with np.errstate(all="ignore"):
        ref = sp.betainc(aa, bb, xx)
    invalid = ((aa < 0) | (bb < 0) | (xx < 0) | (xx > 1) | np.isnan(aa + bb + xx)
               | ((aa == 0) & (bb == 0)) | (np.isinf(aa) & np.isinf(bb)))
    assert np.all(np.isnan(i) == invalid)
    assert np.all((i[~invalid] >= 0) & (i[~invalid] <= 1))
    # scipy agrees at the edges (x = 0 or 1, a or b zero or infinite) and for ordinary values;
    # (0.5, 0.5, 1 - 1e-16) is excluded: scipy returns 1 - 9e-9, the value is 1 - 6.7e-9.
    ok = ~invalid & np.isfinite(ref) & ~((aa == 0.5) & (bb == 0.5) & (xx == 1 - 1e-16)) \
        & (aa < 1e30) & (bb < 1e30) & (aa > 1e-30) & (bb > 1e-30) | ((xx == 0) | (xx == 1)) & ~invalid
    np.testing.assert_allclose(i[ok], ref[ok], rtol=1e-12, atol=1e-300)


def test_temme_table_matches_its_generator():
    # The coefficients are exact rationals: a smaller truncation gives the leading block.
    small = np.array(temme_coefficients(4, 10))
    np.testing.assert_array_equal(np.array(S._TEMME_D)[:4, :10], small)


def test_zeta_table():
    with mp.workdps(30):
        ref = [float(mp.zeta(k) - 1) for k in range(2, 2 + len(S._ZETA_M1))]
    np.testing.assert_allclose(S._ZETA_M1, ref, rtol=2e-16)
