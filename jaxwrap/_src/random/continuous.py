"""Continuous distributions by transforming uniforms or normals:
exponential, Laplace, logistic, Cauchy, Gumbel, Pareto, Rayleigh, Wald,
triangular, geometric, log-normal, Weibull, Maxwell.
"""

from __future__ import annotations

import functools

import jax
import numpy as np

from jaxwrap._src import lax as L
from jaxwrap._src.numpy import _util

from ._common import (
    _arr,
    _bc,
    _broadcast_shape,
    _c,
    _dtype_arg,
    _finfo,
    _param_sampler,
    _sampler,
    _select,
    _shape_arg,
)
from .bits import _normal, _normal_real, _rademacher, _uniform
from .keys import _run

__all__ = [
    "cauchy",
    "double_sided_maxwell",
    "exponential",
    "geometric",
    "gumbel",
    "laplace",
    "logistic",
    "lognormal",
    "maxwell",
    "pareto",
    "rayleigh",
    "triangular",
    "wald",
    "weibull_min",
]


def _exponential(k, shape, dtype):
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=dtype)
    return L.neg(L.log1p_hlo(L.neg(u)))   # -log(1 - u), in (0, inf)


def _laplace(k, shape, dtype):
    u = _uniform(k, -1.0 + float(_finfo(dtype).epsneg), 1.0, shape=shape, dtype=dtype)
    return L.mul(L.sign(u), L.log1p_hlo(L.neg(L.abs(u))))


def _logistic(k, shape, dtype):
    x = _uniform(k, float(_finfo(dtype).tiny), 1.0, shape=shape, dtype=dtype)
    return L.sub(L.log(x), L.log1p_hlo(L.neg(x)))


def _cauchy(k, shape, dtype):
    u = _uniform(k, float(_finfo(dtype).eps), 1.0, shape=shape, dtype=dtype)
    return L.tan(L.mul(_c(u, np.pi), L.sub(u, _c(u, 0.5))))


def _rows2(x, shape):
    """The two rows of an array of shape (2, *shape)."""
    return [L.reshape(L.slice(x, (i,) + (0,) * len(shape), (i + 1,) + tuple(shape)), shape)
            for i in (0, 1)]


def _bits64_to_float32(hi, lo):
    """The float32 nearest below the 64-bit fraction 0.hi lo (hi, lo uint32 words),
    built from the leading one bit: exponent from the leading-zero count."""
    u = functools.partial(np.array, dtype=np.uint32)
    hz, lz = L.clz(hi), L.clz(lo)
    all_hi_zero = L.eq(hz, u(32))
    tail = _select(all_hi_zero, L.shift_left(lo, lz), L.shift_right_logical(lo, L.sub(u(32), hz)))
    mant = L.or_(L.shift_left(hi, hz), tail)
    mant = L.and_(L.shift_right_logical(mant, u(8)), u((1 << 23) - 1))
    zeros = _select(all_hi_zero, L.add(u(32), lz), hz)
    expo = L.and_(L.shift_left(L.sub(u(126), zeros), u(23)), u((1 << 30) - (1 << 22)))
    return L.bitcast_convert_type(L.or_(expo, mant), np.float32)


def _gumbel(k, shape, dtype, mode="low"):
    fi = _finfo(dtype)
    if mode == "highest" and dtype == np.float32:
        # 64 random bits per sample; values below 1/2 are used as they are,
        # the others through their complement, so both tails keep full resolution.
        b0, b1 = _rows2(k.bits(32, (2,) + shape), shape)
        n0, n1 = L.not_(b0), L.not_(b1)
        n0 = L.add(n0, L.convert_element_type(L.eq(n1, np.uint32(0xFFFFFFFF)), np.uint32))
        n1 = L.add(n1, np.uint32(1))
        flip = L.lt(b0, np.uint32(1 << 31))
        x = _bits64_to_float32(_select(flip, b0, n0), _select(flip, b1, n1))
        return _select(flip, L.neg(L.log(L.neg(L.log1p_hlo(L.neg(x))))),
                       L.neg(L.log(L.neg(L.log(x)))))
    if mode == "low":
        u = _uniform(k, float(fi.tiny), 1.0, shape=shape, dtype=dtype)
        return L.neg(L.log(L.neg(L.log(u))))
    # 'high': a second uniform fills the low bits of small first draws.
    u = _uniform(k, 0.0, 1.0, shape=(2,) + shape, dtype=dtype)
    hi, lo = (L.reshape(L.slice(u, (i,) + (0,) * len(shape), (i + 1,) + shape), shape)
              for i in (0, 1))
    x = L.add(L.add(hi, L.mul(_c(lo, 2.0 ** -fi.nmant), lo)), _c(lo, fi.tiny))
    x = _select(L.ge(hi, _c(hi, 0.5)), hi, x)
    return L.neg(L.log(L.neg(L.log1p_hlo(L.neg(x)))))


exponential = _sampler("exponential", _exponential)
exponential.__doc__ = "Standard exponential samples (-log(1 - u))."
laplace = _sampler("laplace", _laplace)
laplace.__doc__ = "Standard Laplace samples."
logistic = _sampler("logistic", _logistic)
logistic.__doc__ = "Standard logistic samples (log(u / (1 - u)))."
cauchy = _sampler("cauchy", _cauchy)
cauchy.__doc__ = "Standard Cauchy samples (tan(pi (u - 1/2)))."


def gumbel(key, shape=(), dtype=None, mode=None):
    """Standard Gumbel samples (-log(-log u)); ``mode='high'`` resolves the far tail."""
    dt = _dtype_arg("gumbel", dtype, "float")
    if mode is None:
        mode = "high" if jax.config.jax_high_dynamic_range_gumbel else "low"
    if mode not in ("highest", "high", "low"):
        raise ValueError(f"Must provide valid mode for gumbel got: {mode}")
    return _run("gumbel", _gumbel_fn, key, shape=_shape_arg("gumbel", shape), dtype=dt,
                mode=mode)


def _gumbel_fn(k, *, shape, dtype, mode):
    return _gumbel(k, shape, dtype, mode)


def _pareto(k, b, *, shape, dtype):
    b = _arr(b, dtype)
    return L.exp(L.div(_exponential(k, shape, dtype), _bc(b, shape)))


def _rayleigh(k, scale, *, shape, dtype):
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=dtype)
    scale = _bc(_arr(scale, dtype), shape)
    return L.mul(scale, L.sqrt(L.mul(L.log(u), _c(u, -2))))


def _wald(k, mean, *, shape, dtype):
    k1, k2 = k.split()
    mean = _bc(_arr(mean, dtype), shape)
    v = _normal_real(k1, shape, dtype)
    z = _uniform(k2, 0.0, 1.0, shape=shape, dtype=dtype)
    y = L.mul(v, v)
    y_sq = L.mul(y, y)
    mean_sq = L.mul(mean, mean)
    root = L.sqrt(L.add(L.mul(L.mul(_c(mean, 4), mean), y), L.mul(mean_sq, y_sq)))
    x = L.sub(L.add(mean, L.div(L.mul(mean_sq, y), _c(y, 2))),
              L.mul(L.div(mean, _c(mean, 2)), root))
    return _select(L.le(z, L.div(mean, L.add(mean, x))), x, L.div(mean_sq, x))


def _lognormal(k, sigma, *, shape, dtype):
    return L.exp(L.mul(_normal(k, shape=shape, dtype=dtype), _bc(_arr(sigma, dtype), shape)))


def _triangular(k, left, mode, right, *, shape, dtype):
    left, mode, right = (_bc(_arr(v, dtype), shape) for v in (left, mode, right))
    fc = L.div(L.sub(mode, left), L.sub(right, left))
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=dtype)
    out1 = L.add(left, L.sqrt(L.mul(L.mul(u, L.sub(right, left)), L.sub(mode, left))))
    out2 = L.sub(right, L.sqrt(L.mul(L.mul(L.sub(_c(u, 1), u), L.sub(right, left)),
                                     L.sub(right, mode))))
    return _select(L.lt(u, fc), out1, out2)


def _geometric(k, p, *, shape, dtype):
    (p,) = _util.promote_dtypes_inexact(p)
    p = _util.asarray(p)
    u = _uniform(k, 0.0, 1.0, shape=shape, dtype=p.dtype)
    u = _select(L.eq(u, _c(u, 0)), L.broadcast_in_dim(_c(u, 1), shape, ()), u)
    l1p = _bc(L.log1p_hlo(L.neg(p)), shape)
    g = L.add(L.floor(L.div(L.log(u), l1p)), _c(u, 1))
    return L.convert_element_type(g, dtype)


pareto = _param_sampler("pareto", _pareto, ('b',))
pareto.__doc__ = "Pareto samples of shape parameter ``b`` (exp(E / b), E exponential)."
rayleigh = _param_sampler("rayleigh", _rayleigh, ('scale',))
rayleigh.__doc__ = "Rayleigh samples of ``scale``."
wald = _param_sampler("wald", _wald, ('mean',))
wald.__doc__ = "Wald (inverse Gaussian) samples of ``mean`` (Michael, Schucany, Haas 1976)."
triangular = _param_sampler("triangular", _triangular, ('left', 'mode', 'right'))
triangular.__doc__ = "Triangular samples on [left, right] with ``mode``."
geometric = _param_sampler("geometric", _geometric, ('p',), kind="int")
geometric.__doc__ = "Geometric samples (trials to first success, probability ``p``)."


_ONE_F32 = np.float32(1)


def lognormal(key, sigma=_ONE_F32, shape=None, dtype=None):
    """Log-normal samples exp(sigma N)."""
    dt = _dtype_arg("lognormal", dtype, "inexact")
    shape = _broadcast_shape("lognormal", shape, sigma)
    return _run("lognormal", _lognormal, key, sigma, shape=shape, dtype=dt)


def weibull_min(key, scale, concentration, shape=(), dtype=None):
    """Weibull samples: scale * E**(1/concentration), E exponential."""
    dt = _dtype_arg("weibull_min", dtype, "float")
    # jax evaluates 1.0 / concentration before conversion: in Python for
    # Python numbers, in the array's dtype for arrays.
    inv = (1.0 / concentration if isinstance(concentration, (int, float))
           else None)
    return _run("weibull_min", _weibull_min, key, scale, concentration,
                shape=_shape_arg("weibull_min", shape), dtype=dt, inv=inv)


def _weibull_min(k, scale, concentration, *, shape, dtype, inv):
    u = _uniform(k, 0, 1, shape=shape, dtype=dtype)
    e = L.neg(L.log1p_hlo(L.neg(u)))
    if inv is None:
        (c,) = _util.promote_dtypes_inexact(concentration)
        expo = L.div(_c(c, 1.0), c)
    else:
        expo = inv
    e, expo = _util.promote_dtypes(e, expo)
    e, expo = _util.broadcast_arrays("weibull_min", e, expo)
    x = L.pow(e, expo)
    x, scale = _util.promote_dtypes(x, scale)
    x, scale = _util.broadcast_arrays("weibull_min", x, scale)
    return L.mul(x, scale)


def maxwell(key, shape=(), dtype=None):
    """Maxwell samples: the norm of a 3-d standard normal vector."""
    dt = _dtype_arg("maxwell", dtype, "float")
    return _run("maxwell", _maxwell, key, shape=_shape_arg("maxwell", shape), dtype=dt)


def _maxwell(k, *, shape, dtype):
    x = _normal_real(k, shape + (3,), dtype)
    return L.sqrt(L.reduce_sum(L.mul(x, x), (len(shape),)))


def double_sided_maxwell(key, loc, scale, shape=(), dtype=None):
    """Double-sided Maxwell samples (a random sign times a Maxwell sample), scaled."""
    dt = _dtype_arg("double_sided_maxwell", dtype, "float")
    return _run("double_sided_maxwell", _double_sided_maxwell, key, loc, scale,
                shape=_shape_arg("double_sided_maxwell", shape), dtype=dt)


def _double_sided_maxwell(k, loc, scale, *, shape, dtype):
    params = _util.broadcast_shapes("double_sided_maxwell", np.shape(loc), np.shape(scale))
    shape = (shape or params) + params  # jax's rule: parameter shape appended
    km, kr = k.split()
    m = _maxwell(km, shape=shape, dtype=dtype)
    sign = _rademacher(kr, shape=shape, dtype=dtype)
    x = L.mul(sign, m)
    x, scale = _util.promote_dtypes(x, scale)
    x, scale = _util.broadcast_arrays("double_sided_maxwell", x, scale)
    x = L.mul(x, scale)
    x, loc = _util.promote_dtypes(x, loc)
    x, loc = _util.broadcast_arrays("double_sided_maxwell", x, loc)
    return L.add(x, loc)


# jax.random's out_sharding= keyword on the samplers that take it (_sharding.py)
from ._sharding import add_out_sharding  # noqa: E402

add_out_sharding(globals())
