"""The gamma family (Marsaglia & Tsang 2000) and what is built on it:
loggamma, chi-square, F, Student's t, beta, Dirichlet, generalized normal,
and the p-ball.
"""

from __future__ import annotations

import operator

import jax
import numpy as np

from jaxwrap._src import lax as L

from ._common import (
    _any,
    _arr,
    _bc,
    _c,
    _check_shape,
    _dtype_arg,
    _finfo,
    _full,
    _inv,
    _param_sampler,
    _power,
    _select,
    _shape_arg,
)
from .bits import _normal_real, _rademacher, _uniform
from .continuous import _exponential
from .keys import _Key, _run

__all__ = [
    "ball",
    "beta",
    "chisquare",
    "dirichlet",
    "f",
    "gamma",
    "generalized_normal",
    "loggamma",
    "t",
]


# --- gamma family (Marsaglia & Tsang 2000) --------------------------------------------------
def _gamma_one(k, alpha, log_space):
    """One Gamma(alpha) sample: Marsaglia & Tsang, "A simple method for generating
    gamma variables" (ACM TOMS 2000), boosted by U**(1/alpha) for alpha < 1."""
    one, zero = _c(alpha, 1), _c(alpha, 0)
    third = _c(alpha, 1.0 / 3.0)
    dtype = np.dtype(alpha.dtype)
    boost_mask = L.ge(alpha, one)
    alpha_orig = alpha
    alpha = _select(boost_mask, alpha, L.add(alpha, one))
    d = L.sub(alpha, third)
    c = L.div(third, L.sqrt(d))

    def keep_going(state):
        _, X, V, U = state
        # Reject unless the squeeze test or the full log test accepts.
        squeeze = L.ge(U, L.sub(one, L.mul(_c(X, 0.0331), L.mul(X, X))))
        full = L.ge(L.log(U), L.add(L.mul(X, _c(X, 0.5)),
                                    L.mul(d, L.add(L.sub(one, V), L.log(V)))))
        return L.and_(squeeze, full)

    def draw(state):
        kd = state[0]
        nk = _Key(k.impl, kd).split(3)

        def positive_v(s):
            kk, _, _ = s
            kk2, sub = _Key(k.impl, kk).split()
            x = _normal_real(sub, (), dtype)
            return kk2.data, x, L.add(one, L.mul(x, c))

        _, x, v = jax.lax.while_loop(lambda s: L.le(s[2], zero), positive_v,
                                     (nk[1].data, zero, _c(alpha, -1)))
        X = L.mul(x, x)
        V = L.mul(L.mul(v, v), v)
        U = _uniform(nk[2], 0.0, 1.0, shape=(), dtype=dtype)
        return nk[0].data, X, V, U

    kk, sub = k.split()
    _, _, V, _ = jax.lax.while_loop(keep_going, draw, (kk.data, zero, one, _c(alpha, 2)))
    if log_space:
        log_samples = L.neg(_exponential(sub, (), dtype))
        no_boost = L.or_(boost_mask, L.eq(log_samples, zero))
        log_boost = _select(no_boost, zero, L.mul(log_samples, L.div(one, alpha_orig)))
        return L.add(L.add(L.log(d), L.log(V)), log_boost)
    samples = L.sub(one, _uniform(sub, 0.0, 1.0, shape=(), dtype=dtype))
    boost = _select(boost_mask, one, L.pow(samples, L.div(one, alpha_orig)))
    return L.mul(L.mul(d, V), boost)


def _gamma(k, a, *, shape, dtype, log_space=False):
    a = _replicated(_bc(_arr(a, dtype), shape))
    return L.random_gamma(k.data, a, impl=k.impl, log_space=log_space, sampler=_gamma_sampler,
                          sample_grad=_gamma_sample_grad)


def _replicated(a):
    """``a``, resharded to replicated if its type carries an Explicit-axes sharding.

    The random_gamma primitive draws one subkey per element from a replicated
    key and vmaps the sampler over (subkeys, elements): under Explicit axes a
    sharded ``a`` would meet replicated keys in that vmap, which jax rejects.
    jax.random.gamma's result is replicated there too (it maps with a scan), so
    this matches it.  Auto axes (the partitioner's choice) keep ``a`` as is.
    """
    sharding = getattr(jax.typeof(a), "sharding", None)
    spec = getattr(sharding, "spec", None)
    if spec is None or all(s is None for s in spec):
        return a
    explicit = jax.sharding.AxisType.Explicit
    if not any(t == explicit for t in getattr(sharding.mesh, "axis_types", ())):
        return a
    return jax.sharding.reshard(a, jax.sharding.PartitionSpec())


def _gamma_sampler(impl, kd, alpha, log_space):
    return _gamma_one(_Key(impl, kd), alpha, log_space)


# Derivative of a Gamma(a) sample x with respect to a, the level P(a, x) of the
# regularized lower incomplete gamma function held fixed (implicit
# reparameterization).  With P = S exp(A) (series, x small) or 1 - P = H exp(A)
# (continued fraction, x > max(1, a)), A = a log x - x - lgamma(a), and
# dP/dx = exp(A) / x:
#     dx/da = -x (S' + S (log x - digamma(a)))     or     x (H' + H (log x - digamma(a)))
# S' and H' (derivatives in a) are accumulated alongside S and H (forward mode
# by hand), so the loops can stop when both have converged.
def _gamma_series(a, x):
    """S = sum_n x^n / (a (a+1) ... (a+n)) and dS/da."""
    eps = _c(a, _finfo(a.dtype).eps)

    def cond(s):
        i, term, dterm, tot, dtot = s
        big = L.or_(L.gt(L.abs(term), L.mul(eps, L.abs(tot))),
                    L.gt(L.abs(dterm), L.mul(eps, L.abs(dtot))))
        return L.and_(_any(big), L.lt(i, np.int32(10000)))

    def body(s):
        i, term, dterm, tot, dtot = s
        an = L.add(a, L.convert_element_type(i, a.dtype))
        r = L.div(x, an)
        dterm = L.mul(r, L.sub(dterm, L.div(term, an)))
        term = L.mul(term, r)
        return L.add(i, np.int32(1)), term, dterm, L.add(tot, term), L.add(dtot, dterm)

    t0 = L.div(_c(a, 1), a)
    dt0 = L.neg(L.mul(t0, t0))
    out = jax.lax.while_loop(cond, body, (np.int32(1), t0, dt0, t0, dt0))
    return out[3], out[4]


def _gamma_cfrac(a, x):
    """H of 1 - P = H exp(A) by Lentz's continued fraction, and dH/da."""
    fi = _finfo(a.dtype)
    tiny, eps = _c(a, float(fi.tiny) * 1e4), _c(a, float(fi.eps))

    def clamp(v, dv):
        small = L.lt(L.abs(v), tiny)
        return _select(small, _full(v, tiny), v), _select(small, _full(dv, 0), dv)

    def cond(s):
        i, *_, delta, ddelta, h, dh = s
        big = L.or_(L.gt(L.abs(L.sub(delta, _c(delta, 1))), eps),
                    L.gt(L.abs(L.mul(ddelta, h)), L.mul(eps, L.abs(dh))))
        return L.and_(_any(big), L.lt(i, np.int32(10000)))

    def body(s):
        i, b, c, dc, d, dd, _, _, h, dh = s
        fi_ = L.convert_element_type(i, a.dtype)
        an = L.mul(L.neg(fi_), L.sub(fi_, a))     # -i (i - a)
        dan = fi_
        b = L.add(b, _c(b, 2))                     # db/da = -1 throughout
        D, dD = clamp(L.add(L.mul(an, d), b), L.sub(L.add(L.mul(dan, d), L.mul(an, dd)), _c(b, 1)))
        C, dC = clamp(L.add(b, L.div(an, c)),
                      L.sub(L.sub(L.div(dan, c), L.div(L.mul(an, dc), L.mul(c, c))), _c(b, 1)))
        d = L.div(_c(D, 1), D)
        dd = L.neg(L.mul(dD, L.mul(d, d)))
        delta = L.mul(d, C)
        ddelta = L.add(L.mul(dd, C), L.mul(d, dC))
        dh = L.add(L.mul(dh, delta), L.mul(h, ddelta))
        h = L.mul(h, delta)
        return L.add(i, np.int32(1)), b, C, dC, d, dd, delta, ddelta, h, dh

    b = L.sub(L.add(x, _c(x, 1)), a)
    d = L.div(_c(b, 1), b)
    dd = L.mul(d, d)
    init = (np.int32(1), b, _full(b, 1 / float(tiny)), _full(b, 0), d, dd, _full(b, 2), _full(b, 0),
            d, dd)
    out = jax.lax.while_loop(cond, body, init)
    return out[8], out[9]


def _gamma_sample_grad(a, sample, log_space):
    a = L.convert_element_type(a, sample.dtype)
    if log_space:
        logx = sample
        x = L.exp(sample)
    else:
        x = sample
        logx = L.log(_select(L.gt(x, _c(x, 0)), x, _full(x, 1)))
    use_cf = L.and_(L.gt(x, _c(x, 1)), L.gt(x, a))
    safe = _select(L.gt(a, _c(a, 0)), a, _full(a, 1))
    xs = _select(use_cf, _full(x, 0.5), x)       # series where the series is used
    xc = _select(use_cf, x, L.add(safe, _c(a, 2)))  # fraction where it is used
    S, dS = _gamma_series(safe, xs)
    H, dH = _gamma_cfrac(safe, xc)
    shift = L.sub(logx, L.digamma(safe))
    dlogx = _select(use_cf, L.add(dH, L.mul(H, shift)), L.neg(L.add(dS, L.mul(S, shift))))
    bad = L.or_(L.or_(L.le(a, _c(a, 0)), L.ne(a, a)), L.ne(sample, sample))
    if log_space:
        out = dlogx
    else:
        out = _select(L.eq(x, _c(x, 0)), _full(x, 0), L.mul(x, dlogx))
    return _select(bad, _full(out, np.nan), out)


gamma = _param_sampler("gamma", _gamma, ('a',))
gamma.__doc__ = ("Gamma(a) samples (Marsaglia & Tsang).  Not differentiable in ``a`` in "
                 "jaxwrap (jax uses implicit reparameterization).")


def _loggamma(k, a, *, shape, dtype):
    return _gamma(k, a, shape=shape, dtype=dtype, log_space=True)


loggamma = _param_sampler("loggamma", _loggamma, ('a',))
loggamma.__doc__ = "log of Gamma(a) samples, accurate for small ``a``."


def _chisquare(k, df, *, shape, dtype):
    half = L.div(_arr(df, dtype), np.array(2, dtype))
    return L.mul(L.exp(_loggamma(k, half, shape=shape, dtype=dtype)), np.array(2, dtype))


chisquare = _param_sampler("chisquare", _chisquare, ('df',))
chisquare.__doc__ = "Chi-square samples with ``df`` degrees of freedom (2 Gamma(df/2))."


def _f(k, dfnum, dfden, *, shape, dtype):
    dfden, dfnum = _arr(dfden, dtype), _arr(dfnum, dtype)
    kd, kn = k.split()
    num = L.div(_chisquare(kn, dfnum, shape=shape, dtype=dtype), _bc(dfnum, shape))
    den = L.div(_chisquare(kd, dfden, shape=shape, dtype=dtype), _bc(dfden, shape))
    return L.div(num, den)


f = _param_sampler("f", _f, ('dfnum', 'dfden'))
f.__doc__ = "F-distribution samples (ratio of scaled chi-squares)."


def _t(k, df, *, shape, dtype):
    df = _arr(df, dtype)
    kn, kg = k.split()
    n = _normal_real(kn, shape, dtype)
    half = L.div(df, np.array(2, dtype))
    g = _gamma(kg, half, shape=shape, dtype=dtype)
    return L.mul(n, L.sqrt(L.div(_bc(half, shape), g)))


t = _param_sampler("t", _t, ('df',))
t.__doc__ = "Student's t samples with ``df`` degrees of freedom."


def _beta(k, a, b, *, shape, dtype):
    a, b = _bc(_arr(a, dtype), shape), _bc(_arr(b, dtype), shape)
    ka, kb = k.split()
    lga = _loggamma(ka, a, shape=shape, dtype=dtype)
    lgb = _loggamma(kb, b, shape=shape, dtype=dtype)
    # Ratio of gammas in log space, scaled by the larger one.
    m = L.max(lga, lgb)
    ga, gb = L.exp(L.sub(lga, m)), L.exp(L.sub(lgb, m))
    return L.div(ga, L.add(ga, gb))


beta = _param_sampler("beta", _beta, ('a', 'b'))
beta.__doc__ = "Beta(a, b) samples."


def dirichlet(key, alpha, shape=None, dtype=None):
    """Dirichlet samples: softmax of log-gamma samples along the last axis."""
    dt = _dtype_arg("dirichlet", dtype, "float")
    if np.ndim(alpha) < 1:
        raise ValueError(f"dirichlet requires alpha.ndim >= 1, got alpha.ndim == "
                         f"{np.ndim(alpha)}")
    shape = tuple(np.shape(alpha)[:-1]) if shape is None else _shape_arg("dirichlet", shape)
    _check_shape("dirichlet", shape, np.shape(alpha)[:-1])
    return _run("dirichlet", _dirichlet, key, alpha, shape=shape, dtype=dt)


def _dirichlet(k, alpha, *, shape, dtype):
    full = shape + tuple(np.shape(alpha)[-1:])
    lg = _loggamma(k, alpha, shape=full, dtype=dtype)
    ax = len(full) - 1
    mx = L.broadcast_in_dim(L.reduce_max(lg, (ax,)), full, tuple(range(ax)))
    e = L.exp(L.sub(lg, mx))
    return L.div(e, L.broadcast_in_dim(L.reduce_sum(e, (ax,)), full, tuple(range(ax))))


def generalized_normal(key, p, shape=(), dtype=None):
    """Generalized normal samples of power ``p`` (sign * Gamma(1/p)**(1/p))."""
    dt = _dtype_arg("generalized_normal", dtype, "float")
    return _run("generalized_normal", _generalized_normal, key, p,
                shape=_shape_arg("generalized_normal", shape), dtype=dt)


def _generalized_normal(k, p, *, shape, dtype):
    k0, k1 = k.split()
    inv = _inv(p)
    g = _gamma(k0, inv, shape=shape, dtype=dtype)
    r = _rademacher(k1, shape=shape, dtype=dtype)
    return L.mul(r, _power(g, inv))


def ball(key, d, p=2, shape=(), dtype=None):
    """Uniform samples from the unit ``p``-ball in ``d`` dimensions (Barthe et al. 2005)."""
    dt = _dtype_arg("ball", dtype, "float")
    d = operator.index(d)
    return _run("ball", _ball, key, p, shape=_shape_arg("ball", shape), dtype=dt, d=d)


def _ball(k, p, *, shape, dtype, d):
    k1, k2 = k.split()
    g = _generalized_normal(k1, p, shape=shape + (d,), dtype=dtype)
    e = _exponential(k2, shape, dtype)
    s = L.reduce_sum(_power(L.abs(g), p), (len(shape),))
    r = _power(L.add(s, e), _inv(p))
    return L.div(g, L.broadcast_in_dim(r, shape + (d,), tuple(range(len(shape)))))


# jax.random's out_sharding= keyword on the samplers that take it (_sharding.py)
from ._sharding import add_out_sharding  # noqa: E402

add_out_sharding(globals())
