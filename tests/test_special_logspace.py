"""jaxwrap.scipy.special reductions in log space: logsumexp, softmax, log_softmax.

Semantics (axis, keepdims, b with negative weights, return_sign, where=,
infinities) against jax.scipy.special and scipy.special; accuracy against
mpmath where jax loses digits (a dominant term); transformations and
gradients (with b= and where=) through the harness; logit's derivative at the
ends of [0, 1] against jax's.  The other checks of the elementwise log-space
functions (xlogy, kl_div, ...) are in tests/test_special_elementary.py.
"""

from __future__ import annotations

import jax
import jax.scipy.special as jsp
import mpmath
import numpy as np
import pytest
import scipy.special as ssp
from jax.test_util import check_grads

import jaxwrap.scipy.special as sp
from tests.accuracy import ulp_error
from tests.harness import assert_close, assert_pure, check

_R = np.random.default_rng(1)
_A = _R.normal(size=(3, 4)) * 3
_B = _R.uniform(-1, 2, size=(3, 4))
_W = _R.uniform(size=(3, 4)) > 0.3

LSE_KWARGS = [
    {}, {"axis": 0}, {"axis": 1}, {"axis": -1, "keepdims": True}, {"axis": (0, 1)},
    {"b": _B}, {"b": _B, "axis": 1, "return_sign": True}, {"b": np.abs(_B), "axis": 0},
    {"where": _W, "axis": 1}, {"where": _W, "b": _B, "axis": 0, "return_sign": True},
    {"b": 2.0}, {"return_sign": True, "keepdims": True},
]


@pytest.mark.parametrize("kw", LSE_KWARGS, ids=[str(sorted(k)) for k in LSE_KWARGS])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_logsumexp_semantics(kw, dtype):
    a = _A.astype(dtype)
    kw = {k: (v.astype(dtype) if isinstance(v, np.ndarray) and v.dtype.kind == "f" else v)
          for k, v in kw.items()}
    with jax.enable_x64(dtype == np.float64):
        got = sp.logsumexp(a, **kw)
        want = jsp.logsumexp(a, **kw)
        dts = jax.tree.map(lambda v: np.asarray(v).dtype, want)
        assert_close(got, jax.tree.map(np.asarray, want), None, dts, err="logsumexp vs jax")
        if "where" not in kw:  # scipy.special.logsumexp has no where=
            assert_close(got, ssp.logsumexp(a, **kw), None, None, err="logsumexp vs scipy")


def test_logsumexp_transforms():
    with jax.enable_x64(True):
        check(lambda a, b: sp.logsumexp(a, axis=1, b=b), lambda a, b: ssp.logsumexp(a, axis=1, b=b),
              (_A, np.abs(_B) + 0.1), grad=1)
        check(lambda a: sp.logsumexp(a, axis=0, where=_W), None, (_A,), grad=1, vmap=False)
        check(lambda a: sp.logsumexp(a, axis=1, b=_B, return_sign=True)[0],
              lambda a: ssp.logsumexp(a, axis=1, b=_B, return_sign=True)[0], (_A,), grad=1)
        # ties at the maximum with different weights: the derivative is the softmax
        a = np.array([1.0, 1.0, 0.0])
        b = np.array([1.0, 3.0, 2.0])
        g = jax.grad(lambda a: sp.logsumexp(a, b=b))(a)
        w = b * np.exp(a)
        np.testing.assert_allclose(np.asarray(g), w / w.sum(), rtol=1e-15)
        check_grads(lambda b: sp.logsumexp(a, b=b), (b,), order=2, modes=("rev",))


def test_logsumexp_edges():
    with jax.enable_x64(True):
        rows = np.array([[-np.inf, -np.inf], [np.inf, 0.0], [np.nan, 0.0], [np.inf, np.inf],
                         [-np.inf, 1.0], [1e308, 1e308]])
        assert_close(sp.logsumexp(rows, axis=1), np.asarray(jsp.logsumexp(rows, axis=1)), None,
                     np.float64)
        b = np.array([[1.0, -1.0], [1.0, -1.0], [0.0, 1.0]])
        a = np.array([[2.0, 2.0], [1.0, 0.0], [5.0, 1.0]])
        out, sign = sp.logsumexp(a, axis=1, b=b, return_sign=True)
        o2, s2 = jsp.logsumexp(a, axis=1, b=b, return_sign=True)
        assert_close(out, np.asarray(o2), None, np.float64)
        assert_close(sign, np.asarray(s2), None, np.float64)
        # a negative sum without return_sign: NaN
        assert np.isnan(np.asarray(sp.logsumexp(np.array([0.0, 1.0]), b=np.array([1.0, -1.0]))))
        # everything masked: -inf
        assert np.asarray(sp.logsumexp(_A, where=np.zeros_like(_W))) == -np.inf


def _mp_lse(a, b=None):
    with mpmath.workdps(50):
        s = mpmath.fsum((1 if b is None else mpmath.mpf(bi)) * mpmath.exp(mpmath.mpf(ai))
                        for ai, bi in zip(a, b if b is not None else a))
        return float(mpmath.log(abs(s)))


def test_logsumexp_dominant_term_accuracy():
    """log(e^0 + sum of tiny terms): the small terms must not be rounded away."""
    rng = np.random.default_rng(5)
    rows = [np.concatenate([[0.0], rng.uniform(-45, -20, 7)]) for _ in range(20)]
    rows += [np.concatenate([[5.0, 5.0], rng.uniform(-30, -10, 6)]) for _ in range(10)]
    a = np.stack(rows)
    b = rng.uniform(0.5, 2, a.shape)
    b[:20, 0] = 1.0  # weight 1 (ties: weights 1/2 + 1/2) at the maximum: the result is log1p(tiny)
    b[20:, :2] = 0.5
    a[20:, :2] = 0.0
    with jax.enable_x64(True):
        for bb in (None, b):
            got = np.asarray(sp.logsumexp(a, axis=1, b=bb))
            want = np.array([_mp_lse(r, None if bb is None else br)
                             for r, br in zip(a, bb if bb is not None else a)])
            ours = ulp_error(got, want, np.float64).max()
            theirs = ulp_error(np.asarray(jsp.logsumexp(a, axis=1, b=bb)), want, np.float64).max()
            # log(1 + tiny) from a sum rounded to 1 loses all of tiny's digits (jax: ~1e6 ULP)
            assert ours <= 2.0, ours
            assert theirs > 100 * ours  # the comparison can fail: jax really is worse here


def test_logsumexp_one_sum_path_accuracy():
    """Results with |out| >= 1 (or S >= 4) take the one-sum form (the split sits behind a
    cond): still within an ULP of mpmath, and its derivative is the softmax; a batch with one result near
    0 takes the split form for every row (rows 0-5 the same values both times)."""
    rng = np.random.default_rng(7)
    a = rng.normal(size=(6, 40)) * 3 + 12.0
    near0 = np.concatenate([[0.0], rng.uniform(-40, -25, 39)])
    for dtype in (np.float32, np.float64):
        with jax.enable_x64(dtype == np.float64):
            x = a.astype(dtype)
            want = np.array([_mp_lse(r) for r in x.astype(np.float64)])
            fast = np.asarray(sp.logsumexp(x, axis=1))
            both = np.asarray(sp.logsumexp(np.vstack([x, near0.astype(dtype)[None]]), axis=1))
            assert fast.dtype == dtype
            assert ulp_error(fast, want, dtype).max() <= 1.0
            assert ulp_error(both[:6], want, dtype).max() <= 1.0
            assert ulp_error(both[6:], [_mp_lse(near0.astype(dtype).astype(np.float64))], dtype).max() <= 2.0
            g = np.asarray(jax.grad(lambda v: sp.logsumexp(v, axis=1).sum())(x))
            np.testing.assert_allclose(g, ssp.softmax(x.astype(np.float64), axis=1),
                                       rtol=10 * np.finfo(dtype).eps, atol=0)


def test_log_softmax_accuracy():
    rng = np.random.default_rng(6)
    a = np.concatenate([np.zeros((10, 1)), rng.uniform(-40, -20, (10, 5))], axis=1)
    with jax.enable_x64(True):
        got = np.asarray(sp.log_softmax(a, axis=1))
        lse = np.array([_mp_lse(r) for r in a])
        want = np.array([[float(mpmath.mpf(v) - mpmath.mpf(l)) for v in r] for r, l in zip(a, lse)])
        # the dominant entry is -log1p(tiny): relative accuracy matters there
        assert ulp_error(got[:, 0], want[:, 0], np.float64).max() <= 2.0
        assert ulp_error(got, want, np.float64).max() <= 2.0


def test_log_softmax_ties_at_max():
    """1, 2, 3 and 5 entries at the maximum beside tiny ones: B (the count, found as
    round(S - R) when S < 4) must be exact for log B + log1p(R/B) to keep R's digits."""
    rng = np.random.default_rng(8)
    a = rng.uniform(-40, -18, (8, 7))
    for i, nmax in enumerate((1, 2, 3, 5, 1, 2, 3, 5)):
        a[i, :nmax] = 0.0 if i < 4 else 7.5
    for dtype in (np.float32, np.float64):
        with jax.enable_x64(dtype == np.float64):
            x = a.astype(dtype)
            got = np.asarray(sp.log_softmax(x, axis=1))
            want = []
            with mpmath.workdps(50):  # log S unrounded: the results at 7.5 are ~1e-15
                for r in x.astype(np.float64):
                    lse = mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(v)) for v in r))
                    want.append([float(mpmath.mpf(v) - lse) for v in r])
            assert got.dtype == dtype
            assert ulp_error(got, want, dtype).max() <= 2.0


@pytest.mark.parametrize("fname", ["softmax", "log_softmax"])
@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
def test_softmax_family(fname, axis):
    fn, peer, ref = getattr(sp, fname), getattr(jsp, fname), getattr(ssp, fname)
    with jax.enable_x64(True):
        check(lambda x: fn(x, axis=axis), lambda x: ref(x, axis=axis), (_A,),
              peer=lambda x: peer(x, axis=axis), grad=1 if axis == 1 else 0, vmap=axis in (None, 1))
    a32 = _A.astype(np.float32)
    out = fn(a32, axis=axis)
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.asarray(out), ref(a32, axis=axis), rtol=2e-6, atol=1e-7)


def test_softmax_default_axis_matches_jax():
    with jax.enable_x64(True):
        np.testing.assert_allclose(np.asarray(sp.softmax(_A)), np.asarray(jsp.softmax(_A)), rtol=1e-15)
        np.testing.assert_allclose(np.asarray(sp.log_softmax(_A)), np.asarray(jsp.log_softmax(_A)),
                                   rtol=1e-14)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_logit_derivative_matches_jax(dtype):
    # jax gives logit a custom rule, 1 / (p (1 - p)): +inf at p = 0 and p = 1 (the
    # autodiff of a two-form expression would give NaN there)
    p = np.array([0.0, 1.0, 1e-30, 0.25, 0.5, 0.75, 0.9, 1 - 2 ** -20, -0.5, 1.5, np.nan],
                 dtype)
    with jax.enable_x64(dtype == np.float64):
        for mode in (jax.grad, lambda f: (lambda x: jax.jvp(f, (x,), (np.ones((), dtype),))[1])):
            got = np.asarray(jax.jit(jax.vmap(mode(sp.logit)))(p))
            want = np.asarray(jax.jit(jax.vmap(mode(jsp.logit)))(p))
            assert got.dtype == want.dtype == dtype
            np.testing.assert_array_equal(got[:2], [np.inf, np.inf])
            np.testing.assert_allclose(got, want, rtol=4 * np.finfo(dtype).eps)
        # the value is unchanged by the rule: -inf, inf at the ends
        np.testing.assert_array_equal(np.asarray(sp.logit(p[:2])), [-np.inf, np.inf])


def _mp_entr(p, q, kl):
    p, q = mpmath.mpf(float(p)), mpmath.mpf(float(q))
    v = p * mpmath.log(p / q)
    return float(v - p + q if kl else v)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_rel_entr_kl_div_extremes(dtype):
    # the quotient p/q overflowing or underflowing, p + q overflowing next to p = q, and
    # p ~ q: against mpmath (one jitted call per function)
    fi = np.finfo(dtype)
    big, tiny = fi.max, fi.smallest_normal
    pairs = [(big, big * 0.75), (big * 0.75, big), (big, tiny), (tiny, big), (big, 1.0),
             (1.0, big), (tiny * 3, tiny), (1.0, 1.0 + 2 * fi.eps), (2.5, 1.5), (0.5, 0.3),
             (7.0, 3.0), (1e-3, 5.0)]
    p = np.array([a for a, _ in pairs], dtype)
    q = np.array([b for _, b in pairs], dtype)
    mpmath.mp.dps = 50
    with jax.enable_x64(dtype == np.float64):
        for name, kl in (("rel_entr", False), ("kl_div", True)):
            got = np.asarray(jax.jit(getattr(sp, name))(p, q))
            want = np.array([_mp_entr(a, b, kl) for a, b in zip(p, q)])
            assert got.dtype == dtype
            with np.errstate(invalid="ignore"):  # (inf - inf where both overflow)
                err = ulp_error(got, want, dtype)
            # 4 ulp: the elementary-composition budget of the accuracy suite (kl_div's
            # x log(x/y) - x + y cancels up to 6-fold at (7, 3): 16 there, as its typical budget)
            budget = np.where((p == 7.0) & kl, 16.0, 4.0)
            assert np.all(err <= budget), (name, dtype, err)


def test_purity_with_keywords():
    assert_pure(lambda a, b: sp.logsumexp(a, axis=1, b=b, where=_W, return_sign=True), _A, _B)
    assert_pure(lambda a: sp.log_softmax(a, axis=0), _A)


def test_errors():
    with pytest.raises(TypeError, match="logsumexp.*a"):
        sp.logsumexp("x")
    with pytest.raises(np.exceptions.AxisError, match="logsumexp"):
        sp.logsumexp(_A, axis=2)
    with pytest.raises(ValueError, match="logsumexp"):
        sp.logsumexp(_A, b=np.ones(3))
    with pytest.raises(TypeError, match="where"):
        sp.logsumexp(_A, where=np.ones((3, 4)))
    with pytest.raises(TypeError, match="softmax"):
        sp.softmax(np.ones(3, np.complex64))
