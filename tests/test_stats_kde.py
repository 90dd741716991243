"""jaxwrap.scipy.stats.gaussian_kde against scipy.stats.gaussian_kde (float64) and jax's class."""

from __future__ import annotations

import doctest

import jax
import jax.scipy.stats as jss
import numpy as np
import pytest
import scipy.stats as ss
from jax.test_util import check_grads

from jaxwrap.scipy.stats import gaussian_kde
from tests.harness import assert_close, assert_pure, impure_primitives, stable_seed


def _data(d, n, weighted, tag=""):
    rng = np.random.default_rng(stable_seed("kde", d, n, weighted, tag))
    data = rng.normal(size=(d, n)) if d > 1 else rng.normal(size=n)
    w = rng.uniform(0.2, 1.0, size=n) if weighted else None
    pts = rng.normal(size=(d, 9)) * 1.5
    return data, w, pts


CASES = [(1, 25, True, "silverman"), (2, 30, True, None), (3, 20, False, 0.4),
         (2, 15, False, lambda k: 0.7 * k.neff ** (-1 / 6))]  # jax's class has no scotts_factor


@pytest.mark.parametrize("d,n,weighted,bw", CASES,
                         ids=[f"d{c[0]}-n{c[1]}-w{c[2]}-{'fn' if callable(c[3]) else c[3]}"
                              for c in CASES])  # stable ids: xdist workers must agree
def test_values_against_scipy_and_jax(d, n, weighted, bw):
    data, w, pts = _data(d, n, weighted)
    with jax.enable_x64(True):
        ours = gaussian_kde(data, bw, w)
        ref = ss.gaussian_kde(data, bw, w)
        peer = jss.gaussian_kde(data, bw, w)
        assert (ours.d, ours.n) == (ref.d, ref.n)
        assert_close(ours.factor, np.float64(ref.factor), check_dtype=np.dtype(np.float64))
        assert_close(ours.neff, np.float64(ref.neff), check_dtype=np.dtype(np.float64))
        assert_close(ours.covariance, ref.covariance, check_dtype=np.dtype(np.float64))
        assert_close(ours.inv_cov, ref.inv_cov, check_dtype=np.dtype(np.float64))
        assert_close(ours.weights, ref.weights, check_dtype=np.dtype(np.float64))
        p = pts if d > 1 else pts[0]
        for m in ("logpdf", "evaluate", "pdf", "__call__"):
            got = getattr(ours, m)(p)
            assert_close(got, getattr(ref, m)(p), check_dtype=np.dtype(np.float64), err=m)
            assert_close(got, np.asarray(getattr(peer, m)(p)), check_dtype=np.dtype(np.float64),
                         err=m)
        mean, cov = pts[:, 0], np.eye(d) * 0.5 + 0.1
        assert_close(ours.integrate_gaussian(mean, cov), np.float64(ref.integrate_gaussian(mean, cov)),
                     check_dtype=np.dtype(np.float64))
        other = _data(d, 7, True, "other")
        assert_close(ours.integrate_kde(gaussian_kde(other[0], None, other[1])),
                     np.float64(ref.integrate_kde(ss.gaussian_kde(other[0], None, other[1]))),
                     check_dtype=np.dtype(np.float64))
        if d == 1:
            for lo, hi in [(-0.5, 1.0), (-np.inf, 0.3), (2.0, np.inf), (1.0, -1.0)]:
                assert_close(ours.integrate_box_1d(lo, hi), np.float64(ref.integrate_box_1d(lo, hi)),
                             check_dtype=np.dtype(np.float64))


def test_far_points_log_density_stays_finite():
    data, _, _ = _data(1, 30, False)
    with jax.enable_x64(True):
        ours = gaussian_kde(data, 0.3)
        x = np.array([60.0, -80.0])
        got = ours.logpdf(x)
        assert np.all(np.isfinite(got)) and np.all(np.asarray(ours.pdf(x)) == 0)
        assert_close(got, ss.gaussian_kde(data, 0.3).logpdf(x), check_dtype=np.dtype(np.float64))


def test_float32_stays_float32_and_int_promotes():
    data, w, pts = _data(2, 20, True)
    ours = gaussian_kde(data.astype(np.float32), None, w.astype(np.float32))
    out = ours.logpdf(pts.astype(np.float32))
    assert out.dtype == np.float32 and ours.covariance.dtype == np.float32
    assert_close(out, ss.gaussian_kde(data, None, w).logpdf(pts),
                 tol=2e-4)  # float32 data and points against float64 scipy: the covariance's rounding
    ki = gaussian_kde(np.array([0, 1, 3, 4], np.int32))
    assert ki.dataset.dtype == np.float32 and ki.logpdf(np.array([1.0], np.float32)).dtype == np.float32
    with jax.enable_x64(True):
        assert gaussian_kde(np.array([0, 1, 3, 4])).dataset.dtype == np.float64


def test_pytree_jit_vmap():
    data, w, pts = _data(2, 25, True)
    with jax.enable_x64(True):
        kde = gaussian_kde(data, None, w)
        leaves, tree = jax.tree.flatten(kde)
        assert len(leaves) == 6
        back = jax.tree.unflatten(tree, leaves)
        assert_close(back.logpdf(pts), np.asarray(kde.logpdf(pts)), check_dtype=np.dtype(np.float64))
        f = jax.jit(lambda k, x: k.logpdf(x))
        assert_close(f(kde, pts), np.asarray(kde.logpdf(pts)), check_dtype=np.dtype(np.float64))
        # constructed inside jit from traced data
        g = jax.jit(lambda dd, ww, x: gaussian_kde(dd, "silverman", ww).logpdf(x))
        assert_close(g(data, w, pts), ss.gaussian_kde(data, "silverman", w).logpdf(pts),
                     check_dtype=np.dtype(np.float64))
        # vmap over one point at a time (shape (d,) is one point, scipy's rule)
        v = jax.vmap(lambda x: kde.logpdf(x)[0], in_axes=1)(pts)
        assert_close(v, np.asarray(kde.logpdf(pts)), check_dtype=np.dtype(np.float64))
        # vmap over the data sets
        stack = np.stack([data, data * 1.5, data + 0.2])
        vv = jax.vmap(lambda dd: gaussian_kde(dd).logpdf(pts))(stack)
        for i in range(3):
            assert_close(vv[i], ss.gaussian_kde(stack[i]).logpdf(pts),
                         check_dtype=np.dtype(np.float64))


def test_grads():
    data, w, pts = _data(2, 6, True)
    pts = pts[:, :3]
    with jax.enable_x64(True):
        kde = gaussian_kde(data, None, w)
        check_grads(lambda x: kde.logpdf(x), (pts,), order=2, modes=["rev"])
        check_grads(lambda dd, ww: gaussian_kde(dd, None, ww).logpdf(pts), (data, w), order=1,
                    modes=["rev"])
        check_grads(lambda lo: gaussian_kde(data[0]).integrate_box_1d(lo, 1.0), (-0.3,), order=1,
                    modes=["rev"])


def test_resample_same_bits_as_jax_and_moments():
    data, w, _ = _data(2, 20, True)
    key = jax.random.key(7)
    with jax.enable_x64(True):
        ours = gaussian_kde(data, None, w)
        # jax's class with the same leaves (its covariance may differ from ours in the
        # last bit; the draws are compared for the same parameters)
        leaves = (ours.neff, ours.dataset, ours.weights, ours.covariance, ours.inv_cov)
        peer = jss.gaussian_kde.tree_unflatten(None, leaves)
        for shape in [(), (5,)]:
            got = ours.resample(key, shape)
            assert got.shape == (2,) + shape and got.dtype == np.float64
            np.testing.assert_array_equal(np.asarray(got), np.asarray(peer.resample(key, shape)))
        assert ours.resample(key, (3, 4)).shape == (2, 3, 4)
        draws = np.asarray(ours.resample(jax.random.key(1), (40000,)))
        mean = np.sum(ours.weights * data, axis=1)
        cov = np.cov(data, aweights=w, bias=True) + np.asarray(ours.covariance)
        # Monte Carlo: 40000 draws, standard error of the mean ~ 0.005 here
        np.testing.assert_allclose(draws.mean(axis=1), mean, atol=0.03)
        np.testing.assert_allclose(np.cov(draws), cov, atol=0.05)  # ~4 standard errors


def test_set_bandwidth_and_factors():
    data, _, pts = _data(3, 30, False)
    with jax.enable_x64(True):
        ours, ref = gaussian_kde(data), ss.gaussian_kde(data)
        assert_close(ours.scotts_factor(), np.float64(ref.scotts_factor()),
                     check_dtype=np.dtype(np.float64))
        assert_close(ours.silverman_factor(), np.float64(ref.silverman_factor()),
                     check_dtype=np.dtype(np.float64))
        for bw in ["silverman", 0.2, None]:
            ours.set_bandwidth(bw)
            ref.set_bandwidth(bw)
            assert_close(ours.covariance_factor(), np.float64(ref.covariance_factor()),
                         check_dtype=np.dtype(np.float64))
            assert_close(ours.logpdf(pts), ref.logpdf(pts), check_dtype=np.dtype(np.float64))


def test_errors():
    with pytest.raises(TypeError, match="dataset"):
        gaussian_kde("abc")
    with pytest.raises(ValueError, match="multiple elements"):
        gaussian_kde(np.array([1.0]))
    with pytest.raises(ValueError, match="weights"):
        gaussian_kde(np.arange(4.0), weights=np.ones(3))
    with pytest.raises(ValueError, match="bw_method"):
        gaussian_kde(np.arange(4.0), bw_method="wide")
    kde = gaussian_kde(np.arange(8.0).reshape(2, 4) ** 1.3)
    with pytest.raises(ValueError, match="dimension"):
        kde.logpdf(np.ones((3, 2)))
    with pytest.raises(ValueError, match="1-D"):
        kde.integrate_box_1d(0.0, 1.0)
    with pytest.raises(ValueError, match="mean"):
        kde.integrate_gaussian(np.zeros(3), np.eye(2))
    with pytest.raises(ValueError, match="dimensions"):
        kde.integrate_kde(gaussian_kde(np.arange(4.0)))
    with pytest.raises(NotImplementedError):
        kde.integrate_box(np.zeros(2), np.ones(2))


def test_purity():
    data, w, pts = _data(2, 10, True)
    data, w, pts = data.astype(np.float32), w.astype(np.float32), pts.astype(np.float32)
    other = gaussian_kde(pts)
    assert_pure(lambda dd, ww, x: gaussian_kde(dd, None, ww).logpdf(x), data, w, pts)
    assert_pure(lambda dd, ww, x: gaussian_kde(dd, "silverman", ww)(x), data, w, pts)
    assert_pure(lambda dd, m: gaussian_kde(dd).integrate_gaussian(m, np.eye(2, dtype=np.float32)),
                data, pts[:, 0])
    assert_pure(lambda dd: gaussian_kde(dd).integrate_kde(other), data)
    assert_pure(lambda d1: gaussian_kde(d1).integrate_box_1d(-1.0, 0.5), data[0])
    key = np.asarray(jax.random.PRNGKey(0))  # a raw uint32 key, traced as data
    assert_pure(lambda k, dd, ww: gaussian_kde(dd, None, ww).resample(k, (3,)), key, data, w)
    typed = jax.random.key(0)  # typed keys: jax's wrap/unwrap by design (tests/purity/random.py)
    assert impure_primitives(lambda dd: gaussian_kde(dd).resample(typed, (3,)), data) <= \
        {"random_wrap", "random_unwrap"}


def test_docstring_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    n = 0
    for test in finder.find(gaussian_kde, "gaussian_kde", globs={}):
        runner.run(test)
        n += len(test.examples)
    assert n >= 30
    assert runner.summarize(verbose=False).failed == 0
