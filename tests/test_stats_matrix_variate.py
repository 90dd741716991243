"""jaxwrap.scipy.stats wishart, invwishart, matrix_normal, matrix_t, vonmises_fisher and
normal_inverse_gamma against scipy.stats (float64, x64 on) and mpmath.

Compiles dominate the run time, so every law's methods are evaluated inside one
jax.jit, on a few random SPD matrices (stable seeds).  Tolerances: relative
1e-12 unless TOL says otherwise, with the reason.
"""

from __future__ import annotations

import doctest
import math

import jax
import mpmath
import numpy as np
import pytest
import scipy.special as sp
import scipy.stats as ss
from jax.test_util import check_grads

import jaxwrap.scipy.stats as wss
from tests.harness import assert_pure, check, stable_seed
from tests.test_stats_distributions import _assert_rel

RTOL = 1e-12
TOL = {
    # vMF entropy subtracts kappa A_p from -log C_p; both are O(kappa) while the
    # entropy is O(log kappa): ~kappa/|H| ulps are lost in the ive regime
    "vmf_entropy": 1e-13 * 30,
    # pdf = exp(logpdf): its relative error is the absolute error of the logpdf, up to
    # ~4 x that of a logpdf of |value| ~ 4 at the mode of a concentrated law
    "vmf_pdf": 1e-12 * 4,
}

LAWS = ("wishart", "invwishart", "matrix_normal", "matrix_t", "vonmises_fisher",
        "normal_inverse_gamma")


def _spd(p, tag):
    rng = np.random.default_rng(stable_seed("mv-spd", p, tag))
    a = rng.normal(size=(p, p))
    return a @ a.T + p * np.eye(p)


# --- Wishart and inverse Wishart -------------------------------------------------------------
def _iw_entropy(df, scale):
    """Entropy of IW_p(df, S) from its definition (Gupta & Nagar 2000, 3.4.1) with
    E log|X| = log|S| - psi_p(df/2) - p log 2; scipy 1.17's invwishart.entropy is off by
    (p + 1) log 2 (checked by Monte Carlo in test_wishart_laws_against_scipy)."""
    p = scale.shape[0]
    logdet = np.linalg.slogdet(scale)[1]
    psi_p = sum(sp.digamma(df / 2 - i / 2) for i in range(p))
    e_logdet = logdet - psi_p - p * math.log(2)
    return (-df / 2 * logdet + df * p / 2 * math.log(2) + sp.multigammaln(df / 2, p)
            + (df + p + 1) / 2 * e_logdet + df * p / 2)


@pytest.mark.parametrize("law,df", [("wishart", 4.5), ("invwishart", 7.5)])
def test_wishart_laws_against_scipy(law, df):
    ref = getattr(ss, law)
    scale = _spd(3, law)
    x = np.stack([ref.rvs(df, scale, random_state=i) for i in range(5)], -1)  # (3, 3, 5)
    ns = getattr(wss, law)

    @jax.jit
    def run(x, df, scale, x1, scale1):
        out = {m: getattr(ns, m)(x, df, scale) for m in ("logpdf", "pdf")}
        out.update({m: getattr(ns, m)(df, scale) for m in ("mean", "mode", "var", "entropy")})
        out["logpdf1"] = ns.logpdf(x1, df, scale1)  # p = 1: scalar points and moments
        out["mean1"] = ns.mean(df, scale1)
        return out

    with jax.enable_x64(True):
        x1 = np.array([0.3, 1.7, 4.0])
        got = run(x, df, scale, x1, 1.3)
        bad = run(x, 1.5, scale, x1, 1.3)  # df <= p - 1: NaN, no raise
    for m in ("logpdf", "pdf", "mean", "mode", "var"):
        _assert_rel(got[m], getattr(ref, m)(x, df, scale) if m in ("logpdf", "pdf")
                    else getattr(ref, m)(df, scale), RTOL, f"{law}.{m}")
    _assert_rel(got["logpdf1"], ref.logpdf(x1, df, 1.3), RTOL, f"{law}.logpdf p=1")
    _assert_rel(got["mean1"], ref.mean(df, 1.3), RTOL, f"{law}.mean p=1")
    assert got["mean1"].shape == ()
    if law == "wishart":
        _assert_rel(got["entropy"], ref.entropy(df, scale), RTOL, f"{law}.entropy")
    else:
        _assert_rel(got["entropy"], _iw_entropy(df, scale), RTOL, f"{law}.entropy")
        # Monte Carlo: -mean log f over 20000 scipy draws, within 5 standard errors
        draws = ref.rvs(df, scale, size=20000, random_state=7)
        lp = ref.logpdf(np.moveaxis(draws, 0, -1), df, scale)
        assert abs(-lp.mean() - float(got["entropy"])) < 5 * lp.std() / math.sqrt(lp.size)
        assert abs(ref.entropy(df, scale) - float(got["entropy"]) - 4 * math.log(2)) < 1e-10
    assert all(np.all(np.isnan(np.asarray(v))) for k, v in bad.items() if k[-1] != "1")


def test_wishart_errors():
    with pytest.raises(ValueError, match="x"):
        wss.wishart.logpdf(np.eye(3), 4.0, np.eye(2))
    with pytest.raises(ValueError, match="df"):
        wss.invwishart.mean(np.ones(2), np.eye(2))
    with pytest.raises(ValueError, match="scale"):
        wss.wishart.logpdf(np.eye(2), 4.0, np.ones((2, 3)))
    with pytest.raises(TypeError, match="scale"):
        wss.wishart.entropy(4.0, "s")


# --- matrix normal and matrix t --------------------------------------------------------------
def test_matrix_normal_and_t_against_scipy():
    rng = np.random.default_rng(stable_seed("mn"))
    u, v = _spd(2, "row"), _spd(3, "col")
    mean = rng.normal(size=(2, 3))
    x = rng.normal(size=(5, 2, 3)) * 2
    dfs = np.array([0.7, 5.0, 40.0, -1.0])  # the last is invalid: NaN
    mn, mt = wss.matrix_normal, wss.matrix_t

    @jax.jit
    def run(x, mean, u, v, dfs):
        xt = jax.numpy.swapaxes(x, 1, 2)
        return {"mn_logpdf": mn.logpdf(x, mean, u, v), "mn_pdf": mn.pdf(x, mean, u, v),
                "mn_entropy": mn.entropy(u, v),
                # both sides of the Gram-matrix choice (m < n and m > n)
                "mt": jax.vmap(lambda d: (mt.logpdf(x, mean, u, v, d), mt.pdf(x, mean, u, v, d),
                                          mt.logpdf(xt, mean.T, v, u, d)))(dfs)}

    with jax.enable_x64(True):
        got = run(x, mean, u, v, dfs)
    _assert_rel(got["mn_logpdf"], ss.matrix_normal.logpdf(x, mean, u, v), RTOL, "mn.logpdf")
    _assert_rel(got["mn_pdf"], ss.matrix_normal.pdf(x, mean, u, v), RTOL, "mn.pdf")
    _assert_rel(got["mn_entropy"], ss.matrix_normal.entropy(u, v), RTOL, "mn.entropy")
    wide, pdf, tall = got["mt"]
    for i, d in enumerate(dfs[:3]):
        _assert_rel(wide[i], ss.matrix_t.logpdf(x, mean, u, v, d), RTOL, f"mt {d}")
        _assert_rel(pdf[i], ss.matrix_t.pdf(x, mean, u, v, d), RTOL, f"mt.pdf {d}")
        _assert_rel(tall[i], ss.matrix_t.logpdf(np.swapaxes(x, 1, 2), mean.T, v, u, d), RTOL,
                    f"mt tall {d}")
    assert np.all(np.isnan(np.asarray(wide[3]))) and np.all(np.isnan(np.asarray(tall[3])))
    with pytest.raises(ValueError, match="X"):
        mn.logpdf(np.ones((2, 2)), mean, u, v)
    with pytest.raises(ValueError, match="col_spread"):
        mt.logpdf(x, mean, u, np.eye(2), 3.0)
    with pytest.raises(ValueError, match="mean"):
        mn.logpdf(x, np.ones(3), u, v)


def test_matrix_normal_harness():
    rng = np.random.default_rng(stable_seed("mn-harness"))
    u, v = _spd(2, "hr").astype(np.float32), _spd(2, "hc").astype(np.float32)
    check(lambda xx, m: wss.matrix_normal.logpdf(xx, m, u, v),
          lambda xx, m: ss.matrix_normal.logpdf(xx, m, u, v),
          [rng.normal(size=(2, 2)).astype(np.float32), np.zeros((2, 2), np.float32)],
          tol=1e-5,  # float32 against float64 scipy: two triangular solves and a log
          vmap_argnums=[0])


# --- von Mises-Fisher ------------------------------------------------------------------------
# kappa = 0 (the uniform law), the series / ive / large-kappa regimes, and an invalid -1
KAPPAS = np.array([0.0, 1e-6, 0.5, 1.0, 3.0, 30.0, 150.0, 1e4, -1.0])


def _vmf_entropy_mp(p, kappa):
    """mpmath (50 digits): the entropy -log C_p(kappa) - kappa A_p(kappa)."""
    with mpmath.workdps(50):
        k, nu = mpmath.mpf(float(kappa)), mpmath.mpf(p) / 2 - 1
        log_c = nu * mpmath.log(k) - mpmath.mpf(p) / 2 * mpmath.log(2 * mpmath.pi) \
            - mpmath.log(mpmath.besseli(nu, k))
        a = mpmath.besseli(nu + 1, k) / mpmath.besseli(nu, k)
        return float(-log_c - k * a)


def test_vmf_against_scipy_and_mpmath(p=5):
    """p = 5: a generic order nu = 3/2 (p = 3 makes the large-kappa expansion exact and
    p = 2 is the circle; both run in the docstring examples and the rvs/gradient tests)."""
    rng = np.random.default_rng(stable_seed("vmf", p))
    mu = rng.normal(size=p)
    mu /= np.linalg.norm(mu)
    x = rng.normal(size=(6, p))
    x /= np.linalg.norm(x, axis=-1, keepdims=True)
    x[0] = mu  # the mode
    x[5] *= 2  # off the sphere: NaN (scipy raises)
    vmf = wss.vonmises_fisher

    @jax.jit
    def run(x, mu, kappas):  # one vmap: one copy of the Bessel code in the program
        return jax.vmap(lambda k: (vmf.logpdf(x, mu, k), vmf.pdf(x, mu, k),
                                   vmf.entropy(mu, k)))(kappas)

    with jax.enable_x64(True):
        logpdf, pdf, entropy = run(x, mu, KAPPAS)
    log_area = math.log(2) + p / 2 * math.log(math.pi) - math.lgamma(p / 2)
    for i, k in enumerate(KAPPAS):
        if k > 0:
            want = np.append(ss.vonmises_fisher.logpdf(x[:5], mu, k), np.nan)
            h = _vmf_entropy_mp(p, k)
        elif k == 0:  # the uniform law (scipy refers to uniform_direction there)
            want, h = np.append(np.full(5, -log_area), np.nan), log_area
        else:
            want, h = np.full(6, np.nan), np.nan
        _assert_rel(logpdf[i], want, RTOL, f"logpdf {k}")
        _assert_rel(pdf[i], np.exp(want), TOL["vmf_pdf"], f"pdf {k}")
        _assert_rel(entropy[i], h, TOL["vmf_entropy"], f"entropy {k}")
    # scipy agrees on the entropy where it is accurate (it loses digits for large kappa)
    _assert_rel(entropy[4], ss.vonmises_fisher.entropy(mu, KAPPAS[4]), RTOL, "vs scipy")


def test_vmf_errors():
    with pytest.raises(ValueError, match="mu"):
        wss.vonmises_fisher.logpdf(np.ones(3), None, 1.0)
    with pytest.raises(ValueError, match="x"):
        wss.vonmises_fisher.logpdf(np.ones(2), np.array([0.0, 0.0, 1.0]), 1.0)
    with pytest.raises(ValueError, match="kappa"):
        wss.vonmises_fisher.entropy(np.array([0.0, 1.0]), np.ones(2))


# --- normal-inverse-gamma --------------------------------------------------------------------
def test_nig_against_scipy():
    rng = np.random.default_rng(stable_seed("nig"))
    x = rng.normal(size=(4, 3)) * 2
    s2 = rng.gamma(1.5, size=(4, 3))
    params = (np.array([0.3, -1.0, 2.0]), 1.7, np.array([0.6, 1.5, 4.2]), 0.9)
    nig = wss.normal_inverse_gamma

    @jax.jit
    def run(x, s2, *params):
        return {"logpdf": nig.logpdf(x, s2, *params), "pdf": nig.pdf(x, s2, *params),
                "mean": nig.mean(*params), "var": nig.var(*params),
                "edge": nig.logpdf(x[0], jax.numpy.array([-1.0, 0.0, 1.0]), *params),
                "bad": nig.logpdf(x, s2, 0.0, -1.0, 1.0, 1.0)}

    with jax.enable_x64(True):
        got = run(x, s2, *params)
    for m in ("logpdf", "pdf"):
        _assert_rel(got[m], getattr(ss.normal_inverse_gamma, m)(x, s2, *params), RTOL, m)
    for m in ("mean", "var"):  # (x, s2) pairs, NaN where a moment does not exist
        for g, r in zip(got[m], getattr(ss.normal_inverse_gamma, m)(*params)):
            _assert_rel(g, r, RTOL, m)
    _assert_rel(got["edge"], ss.normal_inverse_gamma.logpdf(x[0], [-1.0, 0.0, 1.0], *params),
                RTOL, "s2 <= 0")
    assert np.all(np.isnan(np.asarray(got["bad"])))
    with pytest.raises(ValueError, match="do not broadcast"):
        nig.logpdf(np.ones(2), np.ones(3))


# --- gradients -------------------------------------------------------------------------------
def test_gradients():
    """check_grads (float64, first order, reverse mode) of each logpdf in the
    point and the parameters, at one point each; matrices enter as B B^T + I."""
    rng = np.random.default_rng(stable_seed("mv-grad"))
    b, c = rng.normal(size=(2, 2)), rng.normal(size=(2, 2)) * 0.5
    eye = np.eye(2)

    def spd(a):
        return a @ a.T + eye

    def laws(b, c, df, xx, m, y, kappas, nig):
        mu = np.array([0.6, 0.0, 0.8])
        x = y / jax.numpy.linalg.norm(y)  # on the sphere
        return jax.numpy.concatenate([jax.numpy.stack([
            wss.wishart.logpdf(spd(b), df, spd(c)), wss.invwishart.logpdf(spd(b), df, spd(c)),
            wss.matrix_normal.logpdf(xx, m, spd(c), eye),
            wss.matrix_t.logpdf(xx, m, spd(c), eye, df),
            wss.normal_inverse_gamma.logpdf(*nig)]),
            # one point per kappa regime (series, ive, large-kappa expansion)
            jax.vmap(lambda k: wss.vonmises_fisher.logpdf(x, mu, k))(kappas)])

    args = (b, c, 4.3, rng.normal(size=(2, 2)), rng.normal(size=(2, 2)),
            np.array([0.3, 0.4, 0.9]), np.array([0.5, 5.0, 300.0]),
            np.array([0.4, 1.3, -0.2, 1.7, 2.5, 0.8]))
    with jax.enable_x64(True):
        # one jitted function: three programs (primal, jvp, vjp) instead of one per call
        check_grads(jax.jit(laws), args, order=1, modes=("rev",), atol=1e-6, rtol=1e-6)


# --- sampling --------------------------------------------------------------------------------
def test_rvs_moments():
    """Sample means within 5 standard errors (fixed keys), shapes, dtypes, reproducibility."""
    n = 20000
    scale = _spd(2, "rvs") / 2
    u, v = _spd(2, "rvs-u") / 2, _spd(3, "rvs-v") / 3
    mean = np.arange(6.0).reshape(2, 3)
    mu = np.array([0.6, -0.8, 0.0])

    @jax.jit
    def run(key):
        ks = jax.random.split(key, 6)
        return {"w": wss.wishart.rvs(ks[0], 5.0, scale, size=n),
                "iw": wss.invwishart.rvs(ks[1], 9.0, scale, size=n),
                "mn": wss.matrix_normal.rvs(ks[2], mean, u, v, size=n),
                "mt": wss.matrix_t.rvs(ks[3], mean, u, v, 7.0, size=n),
                "vmf": wss.vonmises_fisher.rvs(ks[4], mu, 2.5, size=n),
                "nig": wss.normal_inverse_gamma.rvs(ks[5], 0.5, 2.0, 5.0, 1.5, size=n)}

    with jax.enable_x64(True):
        out = jax.tree.map(np.asarray, run(jax.random.key(11)))
        again = run(jax.random.key(11))
    np.testing.assert_array_equal(np.asarray(again["vmf"]), out["vmf"])  # reproducible

    def near(draws, want, what):
        draws = np.asarray(draws)
        se = draws.std(0) / math.sqrt(draws.shape[0])
        assert draws.dtype == np.float64, what
        assert np.all(np.abs(draws.mean(0) - want) <= 5 * se + 1e-12), (what, draws.mean(0), want)

    assert out["w"].shape == (n, 2, 2) and out["mt"].shape == (n, 2, 3)
    near(out["w"], ss.wishart.mean(5.0, scale), "wishart")
    near(out["iw"], ss.invwishart.mean(9.0, scale), "invwishart")
    near(out["mn"], mean, "matrix_normal")
    near(out["mt"], mean, "matrix_t")
    # second moments: Var(vec X) is V (x) U for the matrix normal, V (x) U / (df - 2) for
    # the matrix t (the mixing of the row covariance); a 10% band is > 5 standard errors
    # of a variance estimate from 20000 draws of these laws
    for key, f in (("mn", 1.0), ("mt", 1 / 5.0)):
        cov = np.cov(out[key].reshape(n, -1).T)
        np.testing.assert_allclose(np.diag(cov), f * np.diag(np.kron(u, v)), rtol=0.1,
                                   err_msg=key)
    assert out["vmf"].shape == (n, 3)
    np.testing.assert_allclose(np.linalg.norm(out["vmf"], axis=-1), 1.0, rtol=1e-14)
    a3 = 1 / math.tanh(2.5) - 1 / 2.5  # E x = A_3(kappa) mu, A_3 = coth k - 1/k
    near(out["vmf"], a3 * mu, "vonmises_fisher")
    near(out["nig"][0], 0.5, "nig x")
    near(out["nig"][1], 1.5 / 4.0, "nig s2")
    with jax.enable_x64(True):
        w1 = wss.wishart.rvs(jax.random.key(0), 3.0, 2.0, size=(2, 4))
    assert w1.shape == (2, 4) and w1.dtype == np.float64  # p = 1: scalar draws, like scipy


# --- purity and docstrings -------------------------------------------------------------------
def test_every_method_is_pure():
    f32 = np.float32
    s, x = _spd(2, "pure").astype(f32), np.eye(2, dtype=f32)
    key = np.asarray(jax.random.PRNGKey(0))  # a raw uint32 key, traced as data
    df = f32(4.0)
    for law in ("wishart", "invwishart"):
        ns = getattr(wss, law)
        for m in ("logpdf", "pdf"):
            assert_pure(getattr(ns, m), x, df, s)
        for m in ("mean", "mode", "var", "entropy"):
            assert_pure(getattr(ns, m), df, s)
        assert_pure(lambda k, d, sc: ns.rvs(k, d, sc, size=(3,)), key, df, s)
    m = np.zeros((2, 2), f32)
    for fn in (wss.matrix_normal.logpdf, wss.matrix_normal.pdf):
        assert_pure(fn, x, m, s, s)
    assert_pure(wss.matrix_normal.entropy, s, s)
    assert_pure(lambda k, mm: wss.matrix_normal.rvs(k, mm, s, s, size=2), key, m)
    for fn in (wss.matrix_t.logpdf, wss.matrix_t.pdf):
        assert_pure(fn, x, m, s, s, df)
    assert_pure(lambda k, mm: wss.matrix_t.rvs(k, mm, s, s, df, size=2), key, m)
    mu = np.array([0.0, 1.0], f32)
    for fn in (wss.vonmises_fisher.logpdf, wss.vonmises_fisher.pdf):
        assert_pure(fn, x, mu, df)
    assert_pure(wss.vonmises_fisher.entropy, mu, df)
    assert_pure(lambda k, mm: wss.vonmises_fisher.rvs(k, mm, df, size=2), key, mu)
    nig = wss.normal_inverse_gamma
    args = (f32(0.1), f32(0.5), f32(0.0), f32(1.0), f32(2.0), f32(1.0))
    for fn in (nig.logpdf, nig.pdf):
        assert_pure(fn, *args)
    for fn in (nig.mean, nig.var):
        assert_pure(fn, *args[2:])
    assert_pure(lambda k, *a: nig.rvs(k, *a, size=3), key, *args[2:])


@pytest.mark.parametrize("name", LAWS)
def test_docstring_examples(name):
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    mod = getattr(wss, name)
    for m in mod.__all__:
        tests = finder.find(getattr(mod, m), f"{name}.{m}", globs={})
        assert sum(len(t.examples) for t in tests) >= 2, f"{name}.{m} has no example"
        for test in tests:
            runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
