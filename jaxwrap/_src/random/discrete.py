"""Counts: Poisson (Knuth's product method, Hoermann's PTRS), binomial
(inversion, Kachitvichyanukul & Schmeiser's BTRS) and multinomial.
"""

from __future__ import annotations

import functools

import jax
import numpy as np

import jaxwrap_extend.random as _xr
from jaxwrap._src import dtypes as _dtypes
from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

from ._common import (
    _any,
    _arr,
    _bc,
    _broadcast_shape,
    _c,
    _check_shape,
    _dtype_arg,
    _full,
    _select,
    _shape_arg,
)
from .bits import _uniform
from .keys import _Key, _run, _unwrap

__all__ = ["binomial", "multinomial", "poisson"]


# --- Poisson ---------------------------------------------------------------------------------
def poisson(key, lam, shape=None, dtype=None):
    """Poisson samples of rate ``lam`` (threefry keys only, like jax)."""
    dt = _dtypes.check_user_dtype(int if dtype is None else dtype, "poisson")
    impl, _, _ = _unwrap("poisson", key)
    if impl is not _xr.threefry_prng_impl:
        raise NotImplementedError(f"`poisson` is only implemented for the threefry2x32 RNG, "
                                  f"not {impl}")
    shape = tuple(np.shape(lam)) if shape is None else _shape_arg("poisson", shape)
    _check_shape("poisson", shape, np.shape(lam))
    return _run("poisson", _poisson, key, lam, shape=shape, dtype=dt)


def _poisson(k, lam, *, shape, dtype):
    lam = _bc(_arr(lam, np.float32), shape)
    use_knuth = L.or_(L.ne(lam, lam), L.lt(lam, _c(lam, 10)))
    full = lambda v: L.broadcast_in_dim(_c(lam, v), shape, ())  # noqa: E731
    lam_knuth = _select(use_knuth, lam, full(0.0))
    lam_rej = _select(use_knuth, full(1e5), lam)
    out = _select(use_knuth, _poisson_knuth(k, lam_knuth, shape, dtype),
                  _poisson_rejection(k, lam_rej, shape, dtype))
    return _select(L.eq(lam, _c(lam, 0)), L.broadcast_in_dim(np.array(0, dtype), shape, ()), out)


def _poisson_knuth(k, lam, shape, dtype):
    # Knuth: multiply uniforms until the product drops below exp(-lam).
    impl = k.impl

    def body(s):
        i, n, kd, log_prod = s
        kk, sub = _Key(impl, kd).split()
        n = _select(L.gt(log_prod, L.neg(lam)), L.add(n, np.array(1, dtype)), n)
        u = _uniform(sub, 0.0, 1.0, shape=shape, dtype=np.float32)
        return L.add(i, np.int32(1)), n, kk.data, L.add(log_prod, L.log(u))

    def cond(s):
        i, _, _, log_prod = s
        return L.and_(_any(L.gt(log_prod, L.neg(lam))), L.lt(i, np.int32(np.iinfo(np.int32).max)))

    init = (np.int32(0), L.broadcast_in_dim(np.array(0, dtype), shape, ()), k.data,
            L.broadcast_in_dim(np.float32(0), shape, ()))
    n = jax.lax.while_loop(cond, body, init)[1]
    return L.sub(n, np.array(1, dtype))


def _poisson_rejection(k, lam, shape, dtype):
    # Hörmann, "The transformed rejection method for generating Poisson random
    # variables" (1993), algorithm PTRS.
    impl = k.impl
    c = functools.partial(_c, lam)
    log_lam = L.log(lam)
    b = L.add(c(0.931), L.mul(c(2.53), L.sqrt(lam)))
    a = L.add(c(-0.059), L.mul(c(0.02483), b))
    inv_alpha = L.add(c(1.1239), L.div(c(1.1328), L.sub(b, c(3.4))))
    v_r = L.sub(c(0.9277), L.div(c(3.6224), L.sub(b, c(2))))

    def body(s):
        i, k_out, accepted, kd = s
        kk, s0, s1 = _Key(impl, kd).split(3)
        u = L.sub(_uniform(s0, 0.0, 1.0, shape=shape, dtype=lam.dtype), c(0.5))
        v = _uniform(s1, 0.0, 1.0, shape=shape, dtype=lam.dtype)
        us = L.sub(c(0.5), L.abs(u))
        kk_ = L.floor(L.add(L.add(L.mul(L.add(L.div(L.mul(c(2), a), us), b), u), lam), c(0.43)))
        s_ = L.log(L.div(L.mul(v, inv_alpha), L.add(L.div(a, L.mul(us, us)), b)))
        t_ = L.sub(L.add(L.neg(lam), L.mul(kk_, log_lam)), L.lgamma(L.add(kk_, c(1))))
        accept1 = L.and_(L.ge(us, c(0.07)), L.le(v, v_r))
        reject = L.or_(L.lt(kk_, c(0)), L.and_(L.lt(us, c(0.013)), L.gt(v, us)))
        accept = L.or_(accept1, L.and_(L.not_(reject), L.le(s_, t_)))
        return (L.add(i, np.int32(1)), _select(accept, kk_, k_out), L.or_(accepted, accept),
                kk.data)

    def cond(s):
        i, _, accepted, _ = s
        return L.and_(_any(L.not_(accepted)), L.lt(i, np.int32(np.iinfo(np.int32).max)))

    init = (np.int32(0), L.broadcast_in_dim(c(-1), shape, ()),
            L.broadcast_in_dim(np.bool_(False), shape, ()), k.data)
    return L.convert_element_type(jax.lax.while_loop(cond, body, init)[1], dtype)


# --- binomial ------------------------------------------------------------------------------------
# Stirling-series tails log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]
# for k = 0..9 (Kachitvichyanukul & Schmeiser 1988, table in BTRS).
_STIRLING_TAIL = (0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
                  0.02079067210376509, 0.0166446911898211, 0.0138761288230707,
                  0.0118967099458917, 0.0104112652619720, 0.00925546218271273,
                  0.00833056343336287)


def _stirling_tail(k):
    use_table = L.le(k, _c(k, 9))
    k = L.clamp(_c(k, 0), k, _c(k, 9))
    kp1sq = L.mul(L.add(k, _c(k, 1)), L.add(k, _c(k, 1)))
    inner = L.div(L.sub(_c(k, 1.0 / 360), L.div(_c(k, 1.0 / 1260), kp1sq)), kp1sq)
    approx = L.div(L.sub(_c(k, 1.0 / 12), inner), L.add(k, _c(k, 1)))
    k = L.floor(k)
    table = L.broadcast_in_dim(_c(k, _STIRLING_TAIL[0]), k.shape, ())
    for i, v in enumerate(_STIRLING_TAIL[1:], 1):  # exact lookup by selects
        table = _select(L.eq(k, _c(k, i)), L.broadcast_in_dim(_c(k, v), k.shape, ()), table)
    return _select(use_table, table, approx)


def _binomial_inversion(k, count, prob, shape, dtype):
    # Sum geometric waiting times until they pass count (Devroye 1986, X.4).
    impl = k.impl
    l1mp = L.log1p_hlo(L.neg(prob))
    imax = np.int32(np.iinfo(np.int32).max)

    def body(s):
        i, num, total, kd = s
        sub, nk = _Key(impl, kd).split()
        num = _select(L.le(total, count), L.add(num, _c(num, 1)), num)
        u = _uniform(sub, 0.0, 1.0, shape=shape, dtype=prob.dtype)
        total = L.add(total, L.ceil(L.div(L.log(u), l1mp)))
        return L.add(i, np.int32(1)), num, total, nk.data

    def cond(s):
        i, _, total, _ = s
        return L.and_(_any(L.le(total, count)), L.lt(i, imax))

    init = (np.int32(0), _full(prob, 0), _full(prob, 0), k.data)
    n = jax.lax.while_loop(cond, body, init)[1]
    return L.convert_element_type(L.sub(n, _c(n, 1)), dtype)


def _btrs(k, count, prob, shape, dtype):
    # Hörmann, "The generation of binomial random variates" (1993): BTRS.
    impl = k.impl
    c_ = functools.partial(_c, prob)
    one_m_p = L.sub(c_(1), prob)
    stddev = L.sqrt(L.mul(L.mul(count, prob), one_m_p))
    b = L.add(c_(1.15), L.mul(c_(2.53), stddev))
    a = L.add(L.add(c_(-0.0873), L.mul(c_(0.0248), b)), L.mul(c_(0.01), prob))
    c = L.add(L.mul(count, prob), c_(0.5))
    v_r = L.sub(c_(0.92), L.div(c_(4.2), b))
    r = L.div(prob, one_m_p)
    alpha = L.mul(L.add(c_(2.83), L.div(c_(5.1), b)), stddev)
    m = L.floor(L.mul(L.add(count, c_(1)), prob))
    imax = np.int32(np.iinfo(np.int32).max)
    st_m, st_nm = _stirling_tail(m), _stirling_tail(L.sub(count, m))
    cm1 = L.add(L.sub(count, m), c_(1))

    def body(s):
        i, k_out, accepted, kd = s
        nk, s0, s1 = _Key(impl, kd).split(3)
        u = _uniform(s0, 0.0, 1.0, shape=shape, dtype=prob.dtype)
        v = _uniform(s1, 0.0, 1.0, shape=shape, dtype=prob.dtype)
        u = L.sub(u, c_(0.5))
        us = L.sub(c_(0.5), L.abs(u))
        accept1 = L.and_(L.ge(us, c_(0.07)), L.le(v, v_r))
        kk = L.floor(L.add(L.mul(L.add(L.div(L.mul(c_(2), a), us), b), u), c))
        reject = L.or_(L.lt(kk, c_(0)), L.gt(kk, count))
        v = L.log(L.div(L.mul(v, alpha), L.add(L.div(a, L.mul(us, us)), b)))
        ck1 = L.add(L.sub(count, kk), c_(1))
        t1 = L.mul(L.add(m, c_(0.5)), L.log(L.div(L.add(m, c_(1)), L.mul(r, cm1))))
        t2 = L.mul(L.add(count, c_(1)), L.log(L.div(cm1, ck1)))
        t3 = L.mul(L.add(kk, c_(0.5)), L.log(L.div(L.mul(r, ck1), L.add(kk, c_(1)))))
        ub = L.add(L.add(L.add(t1, t2), t3), st_m)
        ub = L.sub(L.sub(L.add(ub, st_nm), _stirling_tail(kk)), _stirling_tail(L.sub(count, kk)))
        accept = L.or_(accept1, L.and_(L.not_(reject), L.le(v, ub)))
        return (L.add(i, np.int32(1)), _select(accept, kk, k_out), L.or_(accepted, accept),
                nk.data)

    def cond(s):
        i, _, accepted, _ = s
        return L.and_(_any(L.not_(accepted)), L.lt(i, imax))

    init = (np.int32(0), _full(prob, -1), _full(prob, False, np.bool_), k.data)
    return L.convert_element_type(jax.lax.while_loop(cond, body, init)[1], dtype)


def binomial(key, n, p, shape=None, dtype=None):
    """Binomial samples: successes in ``n`` trials of probability ``p`` (floats).

    Inversion by geometric waiting times when n min(p, 1-p) <= 10, else
    Hörmann's BTRS rejection; invalid parameters give NaN, n = inf gives inf.
    """
    _util.check_arraylike("binomial", n, p)
    dt = _dtype_arg("binomial", dtype, "float")
    shape = _broadcast_shape("binomial", shape, n, p)
    return _run("binomial", _binomial, key, n, p, shape=shape, dtype=dt)


def _binomial(k, count, prob, *, shape, dtype):
    (prob,) = _util.promote_dtypes_inexact(prob)
    prob = _bc(_util.asarray(prob), shape)
    count = _bc(_arr(count, np.dtype(prob.dtype)), shape)
    c_ = functools.partial(_c, prob)
    p_lt_half = L.lt(prob, c_(0.5))
    q = _select(p_lt_half, prob, L.sub(c_(1.0), prob))
    bad_count = L.or_(L.ne(count, count), L.lt(count, c_(0.0)))
    count_inf = L.eq(L.abs(count), c_(np.inf))
    q_nan, q_neg = L.ne(q, q), L.lt(q, c_(0.0))
    q = _select(L.or_(q_nan, q_neg), _full(q, 0.01), q)
    use_inv = L.or_(bad_count, L.le(L.mul(count, q), c_(10.0)))
    count = L.floor(count)
    count_inv = _select(use_inv, count, _full(count, 0.0))
    count_btrs = _select(use_inv, _full(count, 1e4), count)
    q_btrs = _select(use_inv, _full(q, 0.5), q)
    out = _select(use_inv, _binomial_inversion(k, count_inv, q, shape, dtype),
                  _btrs(k, count_btrs, q_btrs, shape, dtype))
    invalid = L.or_(L.or_(q_neg, q_nan), bad_count)
    out = _select(invalid, _full(out, np.nan), out)
    out = _select(L.and_(count_inf, L.not_(invalid)), _full(out, np.inf), out)
    keep = L.or_(L.or_(L.or_(p_lt_half, bad_count), q_nan), count_inf)
    return _select(keep, out, L.sub(L.convert_element_type(count, dtype), out))


def multinomial(key, n, p, *, shape=None, dtype=None, unroll=1):
    """Multinomial counts of ``n`` trials over the categories of ``p`` (last axis):
    a binomial draw per category from the remaining trials (a scan)."""
    _util.check_arraylike("multinomial", n, p)
    n, p = _util.promote_dtypes_inexact(n, p)
    shape = tuple(np.shape(p)) if shape is None else _shape_arg("multinomial", shape)
    dt = None if dtype is None else _dtype_arg("multinomial", dtype, "float")
    return _run("multinomial", _multinomial, key, n, p, shape=shape, dtype=dt, unroll=unroll)


def _multinomial(k, n, p, *, shape, dtype, unroll):
    from jaxwrap._src.numpy import shape as shp
    n, p = _util.asarray(n), _util.asarray(p)
    n, p = _bc(n, shape[:-1]), _bc(p, shape)
    p = shp.moveaxis(p, -1, 0)
    remaining = L.cumsum(p, 0, True)
    ratios = L.div(p, _select(L.eq(remaining, _c(remaining, 0)), _full(remaining, 1), remaining))
    keys = k.impl.split(k.data, (ratios.shape[0],))
    impl = k.impl

    def step(rem, ratio_key):
        ratio, kd = ratio_key
        ratio = L.min(L.max(ratio, _c(ratio, 0)), _c(ratio, 1))
        count = _binomial(_Key(impl, kd), rem, ratio, shape=tuple(rem.shape),
                          dtype=np.dtype(rem.dtype))
        return L.sub(rem, count), count

    _, counts = jax.lax.scan(step, n, (ratios, keys), unroll=unroll)
    counts = shp.moveaxis(counts, 0, -1)
    return counts if dtype is None else L.convert_element_type(counts, dtype)


# jax.random's out_sharding= keyword on the samplers that take it (_sharding.py)
from ._sharding import add_out_sharding  # noqa: E402

add_out_sharding(globals())
