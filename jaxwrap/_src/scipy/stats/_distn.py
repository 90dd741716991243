"""The distribution base: one table entry per distribution, every method derived.

A distribution is a :class:`Continuous` or :class:`Discrete` entry holding
functions of the *standardized* variable (``z = (x - loc) / scale``, or
``k = x - loc``) and the shape parameters, all already promoted to one
inexact dtype and broadcast to one shape.  :func:`build` turns an entry into a
namespace of public functions with scipy's signatures (``norm.logpdf(x,
loc=0, scale=1)``); the derivations live here once:

* support: formulas see ``z`` clipped into the support, so cdf/sf and their
  logs come out right (0, 1, -inf) beyond it; logpdf is -inf outside;
* fallbacks: cdf from exp(logcdf) or 1 - sf, logsf from log(sf) or
  log1p(-cdf), isf from ppf(1 - q), ..., the stable form is used when the
  entry has one;
* NaN for invalid parameters (``valid`` false, scale <= 0) and for
  probabilities outside [0, 1]; never an exception from traced code;
* loc/scale, moments, moment(n), stats, interval, entropy, median, std and
  rvs (drawn with jaxwrap.random; the standardized draw is the same bits as
  jax.random's sampler for the same key);
* moments and entropy the entry has no closed form for: numerically, from its
  quantile functions (``_quadrature``: a fixed tanh-sinh rule on the
  probability scale), NaN where ``has_moment`` says a moment diverges.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import operator
import types
from collections.abc import Callable
from typing import Any

import numpy as np

from ... import dtypes
from ...numpy import _util
from . import _ops as O

Fn = Callable[..., Any]
_P = inspect.Parameter


@dataclasses.dataclass(frozen=True)
class Continuous:
    """A continuous distribution on the standardized variable ``z``.

    Every function takes ``(z, *shapes)`` (or ``(q, *shapes)``, or
    ``(*shapes)`` for moments) as arrays of one shape and dtype; moments may
    return Python numbers.  ``support`` gives the standardized support
    ``(lo, hi)`` as numbers or as a function of the shapes.  ``sample(key,
    *shapes, shape, dtype)`` draws standardized variates.
    """
    name: str
    summary: str
    logpdf: Fn
    shapes: tuple[str, ...] = ()
    support: tuple | Fn = (-math.inf, math.inf)
    valid: Fn | None = None
    cdf: Fn | None = None
    logcdf: Fn | None = None
    sf: Fn | None = None
    logsf: Fn | None = None
    ppf: Fn | None = None
    isf: Fn | None = None
    mean: Fn | None = None
    var: Fn | None = None
    skew: Fn | None = None
    kurtosis: Fn | None = None
    entropy: Fn | None = None
    sample: Fn | None = None
    argnames: dict = dataclasses.field(default_factory=dict)  # jax's names, e.g. {"ppf": "p"}
    example: tuple = ()  # shape-parameter values for the docstring examples
    periodic: bool = False  # density defined on the whole line (circular laws, like scipy)
    # numeric moments/entropy (_quadrature) where the fields above are None:
    has_moment: Fn | None = None  # (r, *shapes) -> bool: E|Z|^r finite (NaN otherwise)
    quad_split: Fn | None = None  # (*shapes) -> probability where the quantile has a kink
    discrete = False


@dataclasses.dataclass(frozen=True)
class Discrete:
    """A discrete distribution on the integers ``k = x - loc`` (see Continuous).

    ``logpmf`` is called at integer ``k`` inside the support, ``cdf`` /
    ``sf`` (and logs) at integer ``k`` in ``[lo, hi)``.  ``ppf`` is optional:
    without it the quantile is found by a bounded bracketing search on cdf.
    """
    name: str
    summary: str
    logpmf: Fn
    shapes: tuple[str, ...] = ()
    support: tuple | Fn = (0, math.inf)
    valid: Fn | None = None
    cdf: Fn | None = None
    logcdf: Fn | None = None
    sf: Fn | None = None
    logsf: Fn | None = None
    ppf: Fn | None = None
    mean: Fn | None = None
    var: Fn | None = None
    skew: Fn | None = None
    kurtosis: Fn | None = None
    entropy: Fn | None = None
    sample: Fn | None = None
    argnames: dict = dataclasses.field(default_factory=dict)
    example: tuple = ()
    discrete = True


# --- shared pieces -------------------------------------------------------------------------
def _support(d, s, like):
    lo, hi = d.support(*s) if callable(d.support) else d.support
    lo = O.full(like, lo) if isinstance(lo, (int, float)) else lo
    hi = O.full(like, hi) if isinstance(hi, (int, float)) else hi
    return lo, hi


def _bad(d, s, scale=None):
    """True where a parameter is invalid (or NaN)."""
    bad = None
    if d.valid is not None:
        bad = O.not_(d.valid(*s))
    if scale is not None:
        b = O.not_(O.gt(scale, 0.0))  # also true for NaN
        bad = b if bad is None else O.or_(bad, b)
    for p in s:
        b = O.isnan(p)
        bad = b if bad is None else O.or_(bad, b)
    return bad


def _finish(v, bad, *nan_inputs):
    if bad is not None:
        v = O.nan_where(bad, v)
    for a in nan_inputs:
        v = O.nan_where(O.isnan(a), v)
    return v


def _as(v, like):
    return O.full(like, v) if isinstance(v, (int, float)) else v


def _derived(d):
    """The distribution functions of z, each from the most stable source the
    entry has (None for all of them when it has no cdf at all)."""
    if d.cdf is None and d.logcdf is None and d.sf is None and d.logsf is None:
        return dict.fromkeys(("cdf", "sf", "logcdf", "logsf", "ppf", "isf"))

    def cdf(z, *s):
        if d.cdf is not None:
            return d.cdf(z, *s)
        if d.logcdf is not None:
            return O.exp(d.logcdf(z, *s))
        return O.sub(1.0, sf(z, *s))

    def sf(z, *s):
        if d.sf is not None:
            return d.sf(z, *s)
        if d.logsf is not None:
            return O.exp(d.logsf(z, *s))
        return O.sub(1.0, cdf(z, *s))

    def logcdf(z, *s):
        if d.logcdf is not None:
            return d.logcdf(z, *s)
        if d.logsf is not None and d.cdf is None:
            return O.log1mexp(d.logsf(z, *s))
        # log(cdf), or log1p(-sf) where cdf is near 1 (relative accuracy of small sf)
        c = cdf(z, *s)
        return O.where(O.gt(c, 0.5), O.log1p(O.neg(sf(z, *s))), O.log(c))

    def logsf(z, *s):
        if d.logsf is not None:
            return d.logsf(z, *s)
        if d.logcdf is not None and d.sf is None:
            return O.log1mexp(d.logcdf(z, *s))
        q = sf(z, *s)
        return O.where(O.gt(q, 0.5), O.log1p(O.neg(cdf(z, *s))), O.log(q))

    out = {"cdf": cdf, "sf": sf, "logcdf": logcdf, "logsf": logsf}
    ppf, isf = d.ppf, getattr(d, "isf", None)
    if d.discrete:
        out["ppf"] = out["isf"] = True  # by search (or ppf's closed form)
    else:
        out["ppf"] = ppf or (isf and (lambda q, *s: isf(O.sub(1.0, q), *s)))
        out["isf"] = isf or (ppf and (lambda q, *s: ppf(O.sub(1.0, q), *s)))
    return out


# --- continuous methods (arrays in, promoted and broadcast) --------------------------------
def _c_logpdf(d, x, *s, loc, scale):
    z = O.div(O.sub(x, loc), scale)
    lo, hi = _support(d, s, z)
    if d.periodic:
        return _finish(O.sub(d.logpdf(z, *s), O.log(scale)), _bad(d, s, scale), x, loc)
    inside = O.and_(O.ge(z, lo), O.le(z, hi))
    v = O.sub(d.logpdf(O.clip(z, lo, hi), *s), O.log(scale))
    v = O.where(inside, v, -math.inf)
    return _finish(v, _bad(d, s, scale), x, loc)


def _c_pdf(d, x, *s, loc, scale):
    return O.exp(_c_logpdf(d, x, *s, loc=loc, scale=scale))


def _c_dist(which):
    def f(d, x, *s, loc, scale):
        z = O.div(O.sub(x, loc), scale)
        lo, hi = _support(d, s, z)
        v = _derived(d)[which](O.clip(z, lo, hi), *s)
        return _finish(v, _bad(d, s, scale), x, loc)
    return f


def _c_quantile(which):
    def f(d, q, *s, loc, scale):
        fn = _derived(d)[which]
        if fn is None:
            raise NotImplementedError(f"{d.name}.{which} is not available")
        lo, hi = _support(d, s, q)
        first, last = (lo, hi) if which == "ppf" else (hi, lo)
        qc = O.clip(q, 0.0, 1.0)
        z = O.where(O.eq(qc, 0.0), first, O.where(O.eq(qc, 1.0), last, fn(qc, *s)))
        v = O.add(loc, O.mul(scale, z))
        bad = O.or_(O.lt(q, 0.0), O.gt(q, 1.0))
        return _finish(O.nan_where(bad, v), _bad(d, s, scale), q, loc)
    return f


# laws left without numeric moments, with the reason
_NO_QUADRATURE = {
    # the density has a kink at every multiple of 1/n (n a traced parameter): a fixed
    # rule reaches only ~1e-5 there
    "ksone",
}


def _numeric(d):
    """True when the entry's missing moments come from _quadrature (a
    continuous law with both quantile functions)."""
    if d.discrete or d.periodic or d.name in _NO_QUADRATURE:
        return False
    der = _derived(d)
    return bool(der["ppf"] and der["isf"])


_ORDER = {"mean": 1, "var": 2, "skew": 3, "kurtosis": 4}


def _moment_std(d, k, s, like, cache=None):
    """Standardized moment function k (mean, var, skew, kurtosis, entropy):
    the entry's closed form, else the numeric one (one quadrature gives all
    four moments; ``cache`` shares it between the calls of one trace)."""
    fn = getattr(d, k)
    if fn is not None:
        return _as(fn(*s), like)
    if not _numeric(d):
        raise NotImplementedError(f"{d.name}.{k} is not available")
    from . import _quadrature
    der = _derived(d)
    if k == "entropy":
        return _quadrature.entropy(der["ppf"], der["isf"], d.logpdf, s, like, d.quad_split)
    if cache is None:
        cache = {}
    if "stats" not in cache:
        cache["stats"] = dict(zip(("mean", "var", "skew", "kurtosis"), _quadrature.stats(
            der["ppf"], der["isf"], s, like, d.quad_split)))
    v = cache["stats"][k]
    if d.has_moment is not None:
        v = O.nan_where(O.not_(d.has_moment(_ORDER[k], *s)), v)
    return v


def _c_mean(d, *s, loc, scale, cache=None):
    v = O.add(loc, O.mul(scale, _moment_std(d, "mean", s, loc, cache)))
    return _finish(v, _bad(d, s, scale), loc)


def _c_var(d, *s, loc, scale, cache=None):
    v = O.mul(O.square(scale), _moment_std(d, "var", s, loc, cache))
    return _finish(v, _bad(d, s, scale), loc)


def _c_std(d, *s, loc, scale):
    return O.sqrt(_c_var(d, *s, loc=loc, scale=scale))


def _c_entropy(d, *s, loc, scale):
    v = O.add(_moment_std(d, "entropy", s, loc), O.log(scale))
    return _finish(v, _bad(d, s, scale), loc)


def _raw_moments(d, s, like, n):
    """Non-central standardized moments E[Z^j], j = 0..n (n <= 4), from
    mean, variance, skewness and excess kurtosis."""
    cache = {}
    mu = _moment_std(d, "mean", s, like, cache)
    out = [O.full(like, 1.0), mu]
    if n >= 2:
        var = _moment_std(d, "var", s, like, cache)
        out.append(O.add(var, O.square(mu)))
    if n >= 3:
        c3 = O.mul(_moment_std(d, "skew", s, like, cache), O.power(var, 1.5))
        out.append(O.add(O.add(c3, O.mul(3.0, O.mul(mu, var))), O.mul(mu, O.square(mu))))
    if n >= 4:
        c4 = O.mul(O.add(_moment_std(d, "kurtosis", s, like, cache), 3.0), O.square(var))
        m4 = O.add(c4, O.mul(4.0, O.mul(mu, c3)))
        m4 = O.add(m4, O.mul(6.0, O.mul(O.square(mu), var)))
        out.append(O.add(m4, O.square(O.square(mu))))
    return out


def _moment(d, n, *s, loc, scale):
    """E[(loc + scale Z)^n] by the binomial expansion over raw moments of Z."""
    raw = _raw_moments(d, s, loc, n)
    total = None
    for j in range(n + 1):
        term = O.mul(float(math.comb(n, j)), raw[j])
        if j:
            term = O.mul(term, O.power(scale, float(j)))
        if n - j:
            term = O.mul(term, O.power(loc, float(n - j)))
        # loc == 0 contributes only the j == n term (avoids 0 * inf)
        if n - j:
            term = O.where(O.eq(loc, 0.0), 0.0, term)
        total = term if total is None else O.add(total, term)
    return _finish(total, _bad(d, s, scale), loc)


# --- discrete methods ----------------------------------------------------------------------
def _d_logpmf(d, x, *s, loc):
    k = O.sub(x, loc)
    lo, hi = _support(d, s, k)
    inside = O.and_(O.and_(O.ge(k, lo), O.le(k, hi)), O.is_integer(k))
    v = O.where(inside, d.logpmf(O.clip(O.floor(k), lo, hi), *s), -math.inf)
    return _finish(v, _bad(d, s), x, loc)


def _d_pmf(d, x, *s, loc):
    return O.exp(_d_logpmf(d, x, *s, loc=loc))


_BELOW = {"cdf": 0.0, "sf": 1.0, "logcdf": -math.inf, "logsf": 0.0}
_ABOVE = {"cdf": 1.0, "sf": 0.0, "logcdf": 0.0, "logsf": -math.inf}


def _d_dist(which):
    def f(d, x, *s, loc):
        k = O.floor(O.sub(x, loc))
        lo, hi = _support(d, s, k)
        inner = _derived(d)[which](O.clip(k, lo, O.sub(hi, 1.0)), *s)
        v = O.where(O.lt(k, lo), _BELOW[which], O.where(O.ge(k, hi), _ABOVE[which], inner))
        return _finish(v, _bad(d, s), x, loc)
    return f


_SEARCH_STEPS = 64  # per phase: 2^64 exceeds every count a float can index


def _d_search(d, q, s, lo, hi, upper):
    """Smallest integer k in [lo, hi] with cdf(k) >= q (upper=False), or with
    sf(k) <= q (upper=True).

    One loop of 3 x 64 steps, each evaluating the distribution function once
    (so it is compiled once): phase 0 doubles the step downwards until the
    predicate fails at ``a``, phase 1 doubles upwards until it holds at ``b``,
    phase 2 bisects [a, b] to width 1.  64 steps per phase bound every
    bracket a float64 count can need; steps after convergence change nothing.
    """
    from ...control import fori_loop
    f = _derived(d)["sf" if upper else "cdf"]

    def done(k):  # the predicate, monotone in k
        val = f(O.clip(k, lo, O.sub(hi, 1.0)), *s)
        val = O.where(O.ge(k, hi), 0.0 if upper else 1.0, val)
        val = O.where(O.lt(k, lo), 1.0 if upper else 0.0, val)
        return O.le(val, q) if upper else O.ge(val, q)

    start = O.where(O.isfinite(lo), O.maximum(lo, 0.0), 0.0)
    start = O.where(O.isfinite(hi), O.minimum(start, hi), start)
    floor_ = O.sub(lo, 1.0)

    def step(i, state):
        a, b, phase = state  # phase 0., 1., 2. (floats of q's dtype)
        mid = O.floor(O.mul(0.5, O.add(a, b)))
        p0, p1 = O.eq(phase, 0.0), O.eq(phase, 1.0)
        point = O.where(p0, a, O.where(p1, b, mid))
        ok = done(point)
        width = O.maximum(O.sub(b, a), 1.0)
        # phase 0: predicate holds at a -> move the bracket down; else go to phase 1
        a0 = O.where(ok, O.maximum(O.sub(a, O.mul(2.0, width)), floor_), a)
        b0 = O.where(ok, a, b)
        ph0 = O.where(O.or_(O.not_(ok), O.le(a, floor_)), O.full(phase, 1.0), 0.0)
        # phase 1: predicate fails at b -> move the bracket up; else go to phase 2
        a1 = O.where(ok, a, b)
        b1 = O.where(ok, b, O.minimum(O.add(b, O.mul(2.0, width)), hi))
        ph1 = O.where(O.or_(ok, O.ge(b, hi)), O.full(phase, 2.0), 1.0)
        # phase 2: bisection while b - a > 1
        more = O.gt(O.sub(b, a), 1.0)
        a2 = O.where(O.and_(more, O.not_(ok)), mid, a)
        b2 = O.where(O.and_(more, ok), mid, b)
        na = O.where(p0, a0, O.where(p1, a1, a2))
        nb = O.where(p0, b0, O.where(p1, b1, b2))
        nph = O.where(p0, ph0, O.where(p1, ph1, phase))
        return na, nb, nph

    init = (O.sub(start, 1.0), start, O.full(q, 0.0))
    _, b, _ = fori_loop(0, 3 * _SEARCH_STEPS, step, init)
    return b


def _d_quantile(which):
    upper = which == "isf"

    def f(d, q, *s, loc):
        lo, hi = _support(d, s, q)
        qc = O.clip(q, 0.0, 1.0)
        if d.ppf is not None and not upper:
            # closed form, then one correction step against rounding
            k = O.clip(O.ceil(d.ppf(qc, *s)), lo, hi)
            der = _derived(d)
            prev = O.sub(k, 1.0)
            prev_ok = O.and_(O.ge(prev, lo), O.ge(der["cdf"](O.clip(prev, lo, hi), *s), qc))
            k = O.where(prev_ok, prev, k)
        else:
            k = _d_search(d, qc, s, lo, hi, upper)
        first, last = (O.sub(lo, 1.0), hi) if not upper else (hi, O.sub(lo, 1.0))
        k = O.where(O.eq(qc, 0.0), first, O.where(O.eq(qc, 1.0), last, k))
        v = O.add(k, loc)
        bad = O.or_(O.lt(q, 0.0), O.gt(q, 1.0))
        return _finish(O.nan_where(bad, v), _bad(d, s), q, loc)
    return f


def _d_mean(d, *s, loc):
    return _finish(O.add(loc, _moment_std(d, "mean", s, loc)), _bad(d, s), loc)


def _d_var(d, *s, loc):
    return _finish(_moment_std(d, "var", s, loc), _bad(d, s), loc)


def _d_std(d, *s, loc):
    return O.sqrt(_d_var(d, *s, loc=loc))


def _d_entropy(d, *s, loc):
    return _finish(_moment_std(d, "entropy", s, loc), _bad(d, s), loc)


def _d_moment(d, n, *s, loc):
    return _moment(d, n, *s, loc=loc, scale=O.full(loc, 1.0))


def _skew_or_kurt(k):
    def f(d, *s, cache=None, **ls):
        loc = ls["loc"]
        v = _moment_std(d, k, s, loc, cache)
        return _finish(v, _bad(d, s, ls.get("scale")), loc)
    return f


# --- building the public functions ---------------------------------------------------------
# method -> (implementation on arrays, first argument name or None, returns)
CONTINUOUS_METHODS = {
    "logpdf": (_c_logpdf, "x", "Log of the probability density function"),
    "pdf": (_c_pdf, "x", "Probability density function"),
    "cdf": (_c_dist("cdf"), "x", "Cumulative distribution function"),
    "logcdf": (_c_dist("logcdf"), "x", "Log of the cumulative distribution function"),
    "sf": (_c_dist("sf"), "x", "Survival function (1 - cdf)"),
    "logsf": (_c_dist("logsf"), "x", "Log of the survival function"),
    "ppf": (_c_quantile("ppf"), "q", "Percent point function (inverse of cdf)"),
    "isf": (_c_quantile("isf"), "q", "Inverse survival function (inverse of sf)"),
    "mean": (_c_mean, None, "Mean"),
    "var": (_c_var, None, "Variance"),
    "std": (_c_std, None, "Standard deviation"),
    "entropy": (_c_entropy, None, "Differential entropy"),
}
DISCRETE_METHODS = {
    "logpmf": (_d_logpmf, "k", "Log of the probability mass function"),
    "pmf": (_d_pmf, "k", "Probability mass function"),
    "cdf": (_d_dist("cdf"), "k", "Cumulative distribution function"),
    "logcdf": (_d_dist("logcdf"), "k", "Log of the cumulative distribution function"),
    "sf": (_d_dist("sf"), "k", "Survival function (1 - cdf)"),
    "logsf": (_d_dist("logsf"), "k", "Log of the survival function"),
    "ppf": (_d_quantile("ppf"), "q", "Percent point function (inverse of cdf)"),
    "isf": (_d_quantile("isf"), "q", "Inverse survival function (inverse of sf)"),
    "mean": (_d_mean, None, "Mean"),
    "var": (_d_var, None, "Variance"),
    "std": (_d_std, None, "Standard deviation"),
    "entropy": (_d_entropy, None, "Entropy"),
}
_DIST_METHODS = ("cdf", "sf", "logcdf", "logsf", "ppf", "isf")
METHOD_NAMES = tuple(CONTINUOUS_METHODS) + ("pmf", "logpmf", "median", "moment", "stats",
                                            "interval", "support", "rvs")


def _signature(d, first):
    params = [] if first is None else [_P(first, _P.POSITIONAL_OR_KEYWORD)]
    params += [_P(s, _P.POSITIONAL_OR_KEYWORD) for s in d.shapes]
    params.append(_P("loc", _P.POSITIONAL_OR_KEYWORD, default=0))
    if not d.discrete:
        params.append(_P("scale", _P.POSITIONAL_OR_KEYWORD, default=1))
    return params


def _binder(d, public_name, params):
    sig = inspect.Signature(params)
    names = [p.name for p in params]

    def bind(args, kwargs):
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{public_name}(): {e}") from None
        bound.apply_defaults()
        return sig, names, [bound.arguments[n] for n in names]
    return sig, bind


def _promote(public_name, names, values):
    _util.check_arraylike(public_name, *values, argnames=names)
    for n, v in zip(names, values):
        if dtypes.dtype(v).kind == "c" if _util.is_arraylike(v) else False:
            raise TypeError(f"{public_name}(): {n} must be real, got a complex array")
    return _util.promote_args_inexact(public_name, *values)


def _make_method(d, method, impl, first, what):
    public_name = f"{d.name}.{method}"
    first = d.argnames.get(method, first)
    params = _signature(d, first)
    sig, bind = _binder(d, public_name, params)
    nlead = 0 if first is None else 1
    nshape = len(d.shapes)

    def core(*arrays):
        lead = arrays[:nlead + nshape]
        rest = arrays[nlead + nshape:]
        if d.discrete:
            return impl(d, *lead, loc=rest[0])
        return impl(d, *lead, loc=rest[0], scale=rest[1])
    jitted = _util.public(core)

    def fn(*args, **kwargs):
        _, names, values = bind(args, kwargs)
        return jitted(*_promote(public_name, names, values))

    _finish_fn(fn, d, method, sig, what)
    return fn


def _make_static_method(d, method, impl, static_name, check_static, what):
    """Methods with one static (hashable) argument before the arrays: moment(order, ...),
    stats(..., moments=), interval(confidence, ...)."""
    public_name = f"{d.name}.{method}"
    params = _signature(d, None)
    if method == "stats":
        params.append(_P("moments", _P.POSITIONAL_OR_KEYWORD, default="mv"))
    else:
        params.insert(0, _P(static_name, _P.POSITIONAL_OR_KEYWORD))
    sig, bind = _binder(d, public_name, params)

    def core(*arrays, static):
        shapes, rest = arrays[:len(d.shapes)], arrays[len(d.shapes):]
        kw = {"loc": rest[0]} if d.discrete else {"loc": rest[0], "scale": rest[1]}
        return impl(d, static, *shapes, **kw)
    jitted = _util.public(core, static=("static",))

    def fn(*args, **kwargs):
        _, names, values = bind(args, kwargs)
        if method == "stats":
            static, arrays, anames = values[-1], values[:-1], names[:-1]
        else:
            static, arrays, anames = values[0], values[1:], names[1:]
        static = check_static(public_name, static)
        return jitted(*_promote(public_name, anames, arrays), static=static)

    _finish_fn(fn, d, method, sig, what)
    return fn


def _check_order(public_name, n):
    try:
        n = operator.index(n)
    except TypeError:
        raise TypeError(f"{public_name}(): order must be an integer, got "
                        f"{type(n).__name__}") from None
    if not 0 <= n <= 4:
        raise ValueError(f"{public_name}(): order must be between 0 and 4, got {n}")
    return n


def _check_moments(public_name, m):
    if not isinstance(m, str) or not m or set(m) - set("mvsk"):
        raise ValueError(f"{public_name}(): moments must be a string of 'm', 'v', 's', 'k', "
                         f"got {m!r}")
    return "".join(c for c in "mvsk" if c in m)


def _moment_impl(d, n, *s, **ls):
    if d.discrete:
        return _d_moment(d, n, *s, loc=ls["loc"])
    return _moment(d, n, *s, **ls)


_STAT_IMPL = {"m": "mean", "v": "var", "s": "skew", "k": "kurtosis"}


def _stats_impl(d, which, *s, **ls):
    table = DISCRETE_METHODS if d.discrete else CONTINUOUS_METHODS
    out = []
    cache = {} if not d.discrete else None  # one quadrature for all four (numeric laws)
    kw = {} if d.discrete else {"cache": cache}
    for c in which:
        if c in "mv":
            out.append(table[_STAT_IMPL[c]][0](d, *s, **ls, **kw))
        else:
            out.append(_skew_or_kurt(_STAT_IMPL[c])(d, *s, **ls, **kw))
    return tuple(out)


def _interval_impl(d, _, conf, *s, **ls):
    table = DISCRETE_METHODS if d.discrete else CONTINUOUS_METHODS
    ppf = table["ppf"][0]
    bad = O.or_(O.lt(conf, 0.0), O.gt(conf, 1.0))
    lo_q = O.mul(0.5, O.sub(1.0, conf))
    hi_q = O.mul(0.5, O.add(1.0, conf))
    return (O.nan_where(bad, ppf(d, lo_q, *s, **ls)), O.nan_where(bad, ppf(d, hi_q, *s, **ls)))


def _median_impl(d, *s, **ls):
    table = DISCRETE_METHODS if d.discrete else CONTINUOUS_METHODS
    return table["ppf"][0](d, O.full(ls["loc"], 0.5), *s, **ls)


def _support_impl(d, *s, **ls):
    loc = ls["loc"]
    lo, hi = _support(d, s, loc)
    bad = _bad(d, s, ls.get("scale"))
    if d.discrete:
        return (_finish(O.add(lo, loc), bad), _finish(O.add(hi, loc), bad))
    scale = ls["scale"]
    return (_finish(O.add(loc, O.mul(scale, lo)), bad), _finish(O.add(loc, O.mul(scale, hi)), bad))


def _make_rvs(d):
    public_name = f"{d.name}.rvs"
    params = [_P("key", _P.POSITIONAL_OR_KEYWORD)] + _signature(d, None)
    params.append(_P("size", _P.POSITIONAL_OR_KEYWORD, default=None))
    sig, bind = _binder(d, public_name, params)

    def core(key, *arrays, shape):
        shapes, rest = arrays[:len(d.shapes)], arrays[len(d.shapes):]
        bc = [_util.broadcast_to(a, shape) for a in arrays]
        shapes, rest = bc[:len(d.shapes)], bc[len(d.shapes):]
        dt = rest[0].dtype
        if d.sample is not None:
            z = d.sample(key, *shapes, shape=shape, dtype=dt)
        else:  # inversion of a uniform draw
            from .... import random
            u = random.uniform(key, shape, dt)
            zero = O.full(u, 0.0)
            z = (_d_quantile("ppf")(d, u, *shapes, loc=zero) if d.discrete else
                 _c_quantile("ppf")(d, u, *shapes, loc=zero, scale=O.full(u, 1.0)))
        bad = _bad(d, shapes, None if d.discrete else rest[1])
        if d.discrete:
            return _finish(O.add(O.cast(z, rest[0]), rest[0]), bad)
        return _finish(O.add(rest[0], O.mul(rest[1], O.cast(z, rest[0]))), bad)
    jitted = _util.public(core, static=("shape",))

    def fn(*args, **kwargs):
        _, names, values = bind(args, kwargs)
        key, values, names, size = values[0], values[1:-1], names[1:-1], values[-1]
        arrays = _promote(public_name, names, values)
        pshape = _util.shape(arrays[0])
        if size is None:
            shape = pshape
        else:
            shape = (size,) if isinstance(size, (int, np.integer)) else tuple(
                operator.index(n) for n in size)
            if _util.broadcast_shapes(public_name, shape, pshape) != shape:
                raise ValueError(f"{public_name}(): size {shape} does not contain the "
                                 f"parameters' broadcast shape {pshape}")
        return jitted(key, *arrays, shape=shape)

    _finish_fn(fn, d, "rvs", sig, "Random variates")
    return fn


def _finish_fn(fn, d, method, sig, what):
    fn.__name__ = fn.__qualname__ = method
    fn.__module__ = f"jaxwrap.scipy.stats.{d.name}"
    fn.__signature__ = sig
    fn.__doc__ = _docstring(d, method, sig, what)


# --- docstrings ---------------------------------------------------------------------------
_ARG_DOC = {
    "x": "array_like\n    Points at which to evaluate.",
    "k": "array_like\n    Points at which to evaluate (integers; others give probability 0).",
    "q": "array_like\n    Probabilities in [0, 1] (NaN outside).",
    "p": "array_like\n    Probabilities in [0, 1] (NaN outside).",
    "loc": "array_like, optional\n    Location parameter (shifts the distribution).",
    "scale": "array_like, optional\n    Scale parameter, > 0 (NaN otherwise).",
    "key": "jax.Array\n    A PRNG key (jaxwrap.random.key / PRNGKey).",
    "size": "int or tuple of ints, optional\n    Output shape; default: the parameters' "
            "broadcast shape.",
    "order": "int\n    Order of the non-central moment, 0 to 4 (static).",
    "moments": "str, optional\n    Which of mean ('m'), variance ('v'), skew ('s') and excess "
               "kurtosis ('k') to return (static).",
    "confidence": "array_like\n    Probability mass of the central interval, in [0, 1].",
}
_RETURNS = {
    "stats": "tuple of jax.Array\n    The requested moments, in the order m, v, s, k.",
    "interval": "tuple of jax.Array\n    The end points (ppf((1 - confidence)/2), "
                "ppf((1 + confidence)/2)).",
    "support": "tuple of jax.Array\n    The lower and upper end of the support.",
}
_EXAMPLE = {
    "logpdf": ("v = {d}.logpdf(x{a})", "bool(jnp.allclose(jnp.exp(v), {d}.pdf(x{a})))"),
    "pdf": ("v = {d}.pdf(x{a})", "bool(jnp.all(v >= 0))"),
    "logpmf": ("v = {d}.logpmf(x{a})", "bool(jnp.allclose(jnp.exp(v), {d}.pmf(x{a})))"),
    "pmf": ("v = {d}.pmf(x{a})", "bool(jnp.all((v >= 0) & (v <= 1)))"),
    "cdf": ("v = {d}.cdf(x{a})", "bool(jnp.allclose(v + {d}.sf(x{a}), 1.0))"),
    "sf": ("v = {d}.sf(x{a})", "bool(jnp.allclose(v, 1.0 - {d}.cdf(x{a}), atol=1e-6))"),
    "logcdf": ("v = {d}.logcdf(x{a})", "bool(jnp.allclose(jnp.exp(v), {d}.cdf(x{a})))"),
    "logsf": ("v = {d}.logsf(x{a})", "bool(jnp.allclose(jnp.exp(v), {d}.sf(x{a})))"),
    "ppf": ("v = {d}.ppf(0.25{a})", "bool(jnp.allclose({d}.cdf(v{a}), 0.25, atol={tol}))"),
    "isf": ("v = {d}.isf(0.25{a})", "bool(jnp.allclose({d}.sf(v{a}), 0.25, atol={tol}))"),
    "mean": ("v = {d}.mean({a0})",
             "bool(jnp.allclose(v, {d}.stats({a0}moments='m')[0], equal_nan=True))"),
    "var": ("v = {d}.var({a0})", "bool(jnp.allclose(jnp.sqrt(v), {d}.std({a0}), equal_nan=True))"),
    "std": ("v = {d}.std({a0})", "bool(jnp.allclose(v * v, {d}.var({a0}), equal_nan=True))"),
    "entropy": ("v = {d}.entropy({a0})", "v.shape"),
    "median": ("v = {d}.median({a0})", "bool(jnp.allclose(v, {d}.ppf(0.5{a})))"),
    "moment": ("v = {d}.moment(1{a})", "bool(jnp.allclose(v, {d}.mean({a0}), equal_nan=True))"),
    "stats": ("m, v = {d}.stats({a0}moments='mv')",
              "bool(jnp.allclose(v, {d}.var({a0}), equal_nan=True))"),
    "interval": ("lo, hi = {d}.interval(0.5{a})", "bool(jnp.all(lo <= hi))"),
    "support": ("lo, hi = {d}.support({a0})", "bool(jnp.all(lo < hi))"),
    "rvs": ("v = {d}.rvs(jaxwrap.random.key(0){a}, size=(3,))", "v.shape"),
}


def _docstring(d, method, sig, what):
    kind = "discrete" if d.discrete else "continuous"
    lines = [f"{what} of the {d.summary} ({kind}).", "", "Parameters", "----------"]
    for p in sig.parameters.values():
        doc = _ARG_DOC.get(p.name)
        if doc is None:
            doc = "array_like\n    Shape parameter of the distribution."
        lines.append(f"{p.name} : {doc}")
    ret = _RETURNS.get(method, "jax.Array\n    The values, broadcast over the array "
                       "arguments, in their promoted floating dtype; NaN for invalid "
                       "parameters.")
    lines += ["", "Returns", "-------", f"out : {ret}"]
    ex_args = "".join(f", {v!r}" for v in d.example)
    ex_args0 = "".join(f"{v!r}, " for v in d.example)
    x = "jnp.array([0.0, 1.0, 2.0])" if d.discrete else _example_x(d)
    setup, check = _EXAMPLE[method]
    tol = "0.51" if d.discrete else "1e-5"
    want = {"entropy": "()", "rvs": "(3,)"}.get(method, "True")
    if d.discrete and method == "ppf":  # the smallest k with cdf(k) >= q
        check = "bool(jnp.all({d}.cdf(v{a}) >= 0.25))"
    if d.discrete and method == "isf":  # the smallest k with sf(k) <= q
        check = "bool(jnp.all({d}.sf(v{a}) <= 0.25))"
    if method == "mean" and d.var is None:  # no stats() to compare with (vonmises)
        check, want = "v.shape", "()"
    lines += ["", "Examples", "--------", ">>> import jaxwrap", ">>> import jaxwrap.numpy as jnp",
              f">>> from jaxwrap.scipy.stats import {d.name}", f">>> x = {x}",
              ">>> " + setup.format(d=d.name, a=ex_args, a0=ex_args0, tol=tol),
              ">>> " + check.format(d=d.name, a=ex_args, a0=ex_args0, tol=tol), want]
    return "\n".join(lines) + "\n"


def _example_x(d):
    if callable(d.support):
        return "jnp.array([0.2, 0.5, 0.7])"
    lo, hi = d.support
    if lo == -math.inf:
        return "jnp.array([-1.0, 0.5, 2.0])"
    if hi == math.inf:
        return f"jnp.array([{lo + 0.5}, {lo + 1.0}, {lo + 2.5}])"
    return f"jnp.array([{lo + 0.2 * (hi - lo)}, {lo + 0.5 * (hi - lo)}, {lo + 0.7 * (hi - lo)}])"


# --- the namespace ---------------------------------------------------------------------------
def build(d) -> types.SimpleNamespace:
    """The public functions of one distribution, as a namespace."""
    table = DISCRETE_METHODS if d.discrete else CONTINUOUS_METHODS
    ns = {}
    for method, (impl, first, what) in table.items():
        if method in _DIST_METHODS and not _derived(d)[method]:
            continue
        numeric = _numeric(d)
        if method in ("mean", "var", "std") and not numeric and (
                d.mean is None or (method != "mean" and d.var is None)):
            continue
        if method == "entropy" and d.entropy is None and not numeric:
            continue
        ns[method] = _make_method(d, method, impl, first, what)
    if "ppf" in ns:
        ns["median"] = _make_method(d, "median", lambda d_, *s, **ls: _median_impl(d_, *s, **ls),
                                    None, "Median")
        ns["interval"] = _make_interval(d)
    if (d.mean is not None and d.var is not None) or _numeric(d):
        ns["moment"] = _make_static_method(d, "moment", _moment_impl, "order", _check_order,
                                           "Non-central moment")
        ns["stats"] = _make_static_method(d, "stats", _stats_impl, "moments", _check_moments,
                                          "Mean, variance, skew and/or kurtosis")
    ns["support"] = _make_method(d, "support", lambda d_, *s, **ls: _support_impl(d_, *s, **ls),
                                 None, "Support")
    if d.sample is not None or "ppf" in ns:
        ns["rvs"] = _make_rvs(d)
    return types.SimpleNamespace(**ns)


def _make_interval(d):
    """interval(confidence, *shapes, loc, scale): confidence is an array argument."""
    params = [_P("confidence", _P.POSITIONAL_OR_KEYWORD)] + _signature(d, None)
    public_name = f"{d.name}.interval"
    sig, bind = _binder(d, public_name, params)

    def core(conf, *arrays):
        shapes, rest = arrays[:len(d.shapes)], arrays[len(d.shapes):]
        kw = {"loc": rest[0]} if d.discrete else {"loc": rest[0], "scale": rest[1]}
        return _interval_impl(d, None, conf, *shapes, **kw)
    jitted = _util.public(core)

    def fn(*args, **kwargs):
        _, names, values = bind(args, kwargs)
        return jitted(*_promote(public_name, names, values))

    _finish_fn(fn, d, "interval", sig, "Central interval with the given probability mass")
    return fn
