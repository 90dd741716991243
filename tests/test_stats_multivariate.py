"""jaxwrap.scipy.stats multivariate_t and dirichlet_multinomial against scipy.stats (float64)."""

from __future__ import annotations

import doctest

import jax
import numpy as np
import pytest
import scipy.stats as ss

import jaxwrap.scipy.stats as wss
from tests.harness import assert_close, assert_pure, check, stable_seed

F64 = np.dtype(np.float64)


def _spd(d, tag):
    rng = np.random.default_rng(stable_seed("spd", d, tag))
    a = rng.normal(size=(d, d))
    return a @ a.T + d * np.eye(d), rng.normal(size=d), rng.normal(size=(6, d)) * 2


# --- multivariate t -------------------------------------------------------------------------
@pytest.mark.parametrize("d,df", [(1, 0.7), (2, 3.0), (3, 12.5), (3, np.inf)])
def test_mvt_against_scipy(d, df):
    shape, loc, x = _spd(d, df)
    with jax.enable_x64(True):
        for m in ("logpdf", "pdf"):
            got = getattr(wss.multivariate_t, m)(x, loc, shape, df)
            ref = getattr(ss.multivariate_normal, m)(x, loc, shape) if np.isinf(df) else \
                getattr(ss.multivariate_t, m)(x, loc, shape, df)  # scipy's t has no df=inf here
            assert_close(got, ref, check_dtype=F64, err=m)
        # scalar / diagonal shape, default loc, points without the axis in one dimension
        xs = x[0] if d > 1 else x[:, 0]
        ref = ss.multivariate_normal.logpdf(xs, cov=2.0 * np.eye(d)) if np.isinf(df) else \
            ss.multivariate_t.logpdf(xs, shape=2.0 * np.eye(d), df=df)
        assert_close(wss.multivariate_t.logpdf(xs, shape=np.full(d, 2.0), df=df),
                     np.asarray(ref), check_dtype=F64)


def test_mvt_float32_bad_df_and_errors():
    shape, loc, x = _spd(2, "f32")
    out = wss.multivariate_t.logpdf(x.astype(np.float32), loc.astype(np.float32),
                                    shape.astype(np.float32), np.float32(4.0))
    assert out.dtype == np.float32
    assert_close(out, ss.multivariate_t.logpdf(x, loc, shape, 4.0),
                 tol=1e-5)  # float32 against float64: a Cholesky solve and a log1p
    assert np.all(np.isnan(wss.multivariate_t.logpdf(x, loc, shape, -1.0)))
    with pytest.raises(ValueError, match="shape"):
        wss.multivariate_t.logpdf(x, loc, np.eye(3), 2.0)
    with pytest.raises(ValueError, match="x"):
        wss.multivariate_t.logpdf(np.ones((2, 3)), loc, shape, 2.0)
    with pytest.raises(ValueError, match="df"):
        wss.multivariate_t.logpdf(x, loc, shape, np.ones(2))
    with pytest.raises(TypeError, match="loc"):
        wss.multivariate_t.logpdf(x, "a", shape, 2.0)


def test_mvt_harness():
    shape, loc, x = _spd(2, "harness")
    check(lambda xx, ll, ss_, df: wss.multivariate_t.logpdf(xx, ll, ss_, df),
          lambda xx, ll, ss_, df: ss.multivariate_t.logpdf(xx, ll, ss_, df),
          [x.astype(np.float32), loc.astype(np.float32), shape.astype(np.float32),
           np.float32(3.5)],
          tol=1e-5,  # float32 against float64 scipy: a Cholesky solve and a log1p
          grad=1, vmap_argnums=[0, 1])


def test_mvt_rvs_moments():
    shape, loc, _ = _spd(2, "rvs")
    with jax.enable_x64(True):
        draws = np.asarray(wss.multivariate_t.rvs(jax.random.key(3), loc, shape, 6.0,
                                                  size=40000))
        assert draws.shape == (40000, 2) and draws.dtype == np.float64
        # Monte Carlo with 40000 draws: mean to ~5 standard errors, covariance
        # df/(df-2) shape to 8% (the t's fourth moment makes its estimate noisy)
        se = np.sqrt(np.diag(shape) * 1.5 / 40000)
        np.testing.assert_allclose(draws.mean(0), loc, atol=float(5 * se.max()))
        np.testing.assert_allclose(np.cov(draws.T), shape * 1.5, rtol=0.08,
                                   atol=0.08 * float(np.max(shape)))
        same = wss.multivariate_t.rvs(jax.random.key(3), loc, shape, 6.0, size=40000)
        np.testing.assert_array_equal(np.asarray(same), draws)  # reproducible
        normal = np.asarray(wss.multivariate_t.rvs(jax.random.key(4), loc, shape, np.inf,
                                                   size=(3, 5)))
        assert normal.shape == (3, 5, 2) and np.all(np.isfinite(normal))


# --- Dirichlet-multinomial -------------------------------------------------------------------
DM = [(np.array([0.5, 2.0, 1.3]), 6), (np.array([3.0, 0.2]), 11), (np.ones(4) * 7.5, 3)]


@pytest.mark.parametrize("alpha,n", DM, ids=lambda v: str(v))
def test_dm_against_scipy(alpha, n):
    rng = np.random.default_rng(stable_seed("dm", n))
    k = alpha.size
    x = rng.multinomial(n, np.ones(k) / k, size=5).astype(np.float64)
    with jax.enable_x64(True):
        for m in ("logpmf", "pmf"):
            assert_close(getattr(wss.dirichlet_multinomial, m)(x, alpha, np.float64(n)),
                         getattr(ss.dirichlet_multinomial, m)(x, alpha, n), check_dtype=F64,
                         err=m)
        for m in ("mean", "var", "cov"):
            assert_close(getattr(wss.dirichlet_multinomial, m)(alpha, np.float64(n)),
                         getattr(ss.dirichlet_multinomial, m)(alpha, n), check_dtype=F64,
                         err=m)
        # off the support: counts not summing to n, negative or fractional counts
        bad = np.array([[n + 1.0] + [0.0] * (k - 1), [-1.0, n + 1.0] + [0.0] * (k - 2),
                        [0.5, n - 0.5] + [0.0] * (k - 2)])
        assert np.all(np.asarray(wss.dirichlet_multinomial.logpmf(bad, alpha, float(n)))
                      == -np.inf)


def test_dm_invalid_dtypes_errors_and_harness():
    alpha = np.array([0.5, 2.0, 1.3], np.float32)
    x = np.array([2.0, 1.0, 3.0], np.float32)
    assert np.isnan(wss.dirichlet_multinomial.logpmf(x, -alpha, 6.0))
    assert np.isnan(wss.dirichlet_multinomial.logpmf(x, alpha, 6.5))
    assert np.all(np.isnan(wss.dirichlet_multinomial.mean(-alpha, 6.0)))
    assert wss.dirichlet_multinomial.mean(np.array([1, 3]), 4).dtype == np.float32
    with pytest.raises(ValueError, match="x"):
        wss.dirichlet_multinomial.logpmf(np.ones(2), alpha, 6.0)
    with pytest.raises(ValueError, match="alpha"):
        wss.dirichlet_multinomial.mean(np.float32(1.0), 6.0)
    check(lambda xx, aa, nn: wss.dirichlet_multinomial.logpmf(xx, aa, nn),
          lambda xx, aa, nn: ss.dirichlet_multinomial.logpmf(xx, aa, int(nn)),
          [x, alpha, np.float32(6.0)],
          tol=1e-5,  # float32 against float64 scipy: sums of log-gammas
          grad=1, grad_argnums=[1], vmap_argnums=[1])


# --- purity and docstrings -----------------------------------------------------------------
def test_every_method_is_pure():
    shape, loc, x = (a.astype(np.float32) for a in _spd(2, "pure"))
    df = np.float32(3.0)
    key = np.asarray(jax.random.PRNGKey(0))  # a raw uint32 key, traced as data
    mt, dm = wss.multivariate_t, wss.dirichlet_multinomial
    assert_pure(mt.logpdf, x, loc, shape, df)
    assert_pure(mt.pdf, x, loc, shape, df)
    assert_pure(lambda k, l_, s, d: mt.rvs(k, l_, s, d, size=(3,)), key, loc, shape, df)
    alpha, n, c = np.array([0.5, 2.0], np.float32), np.float32(3.0), np.array([1.0, 2.0],
                                                                               np.float32)
    for m in ("logpmf", "pmf"):
        assert_pure(getattr(dm, m), c, alpha, n)
    for m in ("mean", "var", "cov"):
        assert_pure(getattr(dm, m), alpha, n)


@pytest.mark.parametrize("name", ["multivariate_t", "dirichlet_multinomial"])
def test_docstring_examples(name):
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    mod = getattr(wss, name)
    n = 0
    for m in mod.__all__:
        for test in finder.find(getattr(mod, m), f"{name}.{m}", globs={}):
            runner.run(test)
            n += len(test.examples)
    assert n >= 3 * len(mod.__all__)
    assert runner.summarize(verbose=False).failed == 0
