"""The special functions the distributions use, in one place.

The normal-distribution kernels (ndtr, log_ndtr, ndtri) are short enough to
keep here on jaxwrap's erf/erfc/erf_inv primitives.  The incomplete gamma and
beta functions (and their inverses) belong to ``jaxwrap._src.scipy.special``;
``_sp(module, name)`` imports them on first use, so a distribution whose
special function has not landed yet fails with a NotImplementedError naming
it instead of breaking the whole package at import time.
"""

from __future__ import annotations

import importlib
import math

import jax

from . import _ops as O

_LOG_SQRT_2PI = 0.5 * O.LOG_2PI


def _sp(module: str, name: str):
    try:
        mod = importlib.import_module(f"jaxwrap._src.scipy.special.{module}")
        return getattr(mod, name)
    except (ImportError, AttributeError):
        raise NotImplementedError(
            f"this method needs jaxwrap.scipy.special.{name}, which is not available yet"
        ) from None


def special(module: str, name: str):
    """A function calling ``jaxwrap._src.scipy.special.<module>.<name>`` (looked up lazily)."""
    def f(*args):
        return _sp(module, name)(*args)
    f.__name__ = name
    return f


gammainc = special("gamma", "gammainc")
gammaincc = special("gamma", "gammaincc")
gammaincinv = special("gamma", "gammaincinv")
gammainccinv = special("gamma", "gammainccinv")
betainc = special("gamma", "betainc")
betaincc = special("gamma", "betaincc")
betaincinv = special("gamma", "betaincinv")
betainccinv = special("gamma", "betainccinv")
i0e = special("bessel", "i0e")
i1e = special("bessel", "i1e")


# --- the normal distribution ------------------------------------------------------------
def ndtr(x):
    """Phi(x) = erfc(-x / sqrt 2) / 2: relative accuracy in both tails (erfc is)."""
    return O.mul(0.5, O.erfc(O.mul(x, -1.0 / O.SQRT2)))


@jax.custom_jvp
def log_ndtr(x):
    """log Phi(x).

    Right of zero: log1p(-Phi(-x)).  Down to the point where erfc would
    underflow (x = -20 in float64, -10 in float32): log(Phi(x)).  Below: the
    asymptotic series (DLMF 7.12.1)
    Phi(x) = phi(x)/|x| * sum_k (-1)^k (2k-1)!! / x^(2k), 8 terms; the first
    omitted term is below 15!!/20^16 = 3e-15 (float64) and 15!!/10^16 = 2e-10
    (float32) relative.
    """
    cut = -10.0 if O.is_f32(x) else -20.0
    xs = O.minimum(x, cut)  # series argument, kept in its region
    w = O.div(1.0, O.square(xs))
    coeffs = [1.0]
    for k in range(1, 8):  # (-1)^k (2k-1)!!
        coeffs.append(-coeffs[-1] * (2 * k - 1))
    series = O.polyval(coeffs[::-1], w)
    tail = O.sub(O.sub(O.log(series), O.add(O.mul(0.5, O.square(xs)), _LOG_SQRT_2PI)),
                 O.log(O.neg(xs)))
    xm = O.maximum(x, cut)
    mid = O.where(O.gt(xm, 0.0), O.log1p(O.neg(ndtr(O.neg(xm)))), O.log(ndtr(xm)))
    return O.where(O.lt(x, cut), tail, mid)


@jax.custom_jvp
def ndtri(p):
    """Phi^-1(p): a start from erf_inv (centre) or the tail asymptote, then
    three Newton steps on log Phi(x) = log p in the lower half (mirrored for
    p > 1/2), which converge quadratically from either start."""
    upper = O.gt(p, 0.5)
    q = O.where(upper, O.sub(1.0, p), p)  # q <= 1/2, exact for p >= 1/4
    return O.where(upper, O.neg(_ndtri_lower(q, O.log(q))), _ndtri_lower(q, O.log(q)))


@jax.custom_jvp
def ndtri_exp(logp):
    """Phi^-1(exp(logp)), with the lower tail taken in log space."""
    p = O.exp(logp)
    upper = O.gt(logp, -O.LOG_2)
    lower = _ndtri_lower(p, logp)
    q = O.neg(O.expm1(logp))  # 1 - p, accurate near p = 1
    return O.where(upper, O.neg(_ndtri_lower(q, O.log(q))), lower)


def _ndtri_lower(q, logq):
    """x <= 0 with Phi(x) = q for q in [0, 1/2] (logq = log q)."""
    centre = O.mul(O.SQRT2, O.erf_inv(O.sub(O.mul(2.0, q), 1.0)))
    # Tail start: x ~ -sqrt(t - log t - log 2pi), t = -2 log q (from DLMF 7.12.1).
    t = O.maximum(O.mul(-2.0, logq), 2.0)
    tail = O.neg(O.sqrt(O.maximum(O.sub(O.sub(t, O.log(t)), O.LOG_2PI), 0.0)))
    x = O.where(O.gt(q, 0.01), centre, tail)
    x = O.minimum(x, 0.0)
    for _ in range(3):  # Newton on g(x) = log Phi(x) - log q, g' = phi(x)/Phi(x)
        lphi = log_ndtr(x)
        ratio = O.exp(O.sub(O.sub(O.mul(-0.5, O.square(x)), _LOG_SQRT_2PI), lphi))
        x = O.sub(x, O.div(O.sub(lphi, logq), ratio))
        x = O.minimum(x, 0.0)
    x = O.where(O.eq(q, 0.0), -math.inf, x)
    return O.where(O.eq(q, 0.5), 0.0, x)


# Derivatives in closed form (the iterations above are not differentiated):
# (log Phi)'(x) = phi(x) / Phi(x);  (Phi^-1)'(p) = 1 / phi(x);  d x / d log p = p / phi(x).
def _log_phi(x):
    return O.sub(O.mul(-0.5, O.square(x)), _LOG_SQRT_2PI)


@log_ndtr.defjvp
def _log_ndtr_jvp(primals, tangents):
    (x,), (t,) = primals, tangents
    y = log_ndtr(x)
    return y, O.mul(t, O.exp(O.sub(_log_phi(x), y)))


@ndtri.defjvp
def _ndtri_jvp(primals, tangents):
    (p,), (t,) = primals, tangents
    x = ndtri(p)
    return x, O.mul(t, O.exp(O.neg(_log_phi(x))))


@ndtri_exp.defjvp
def _ndtri_exp_jvp(primals, tangents):
    (lp,), (t,) = primals, tangents
    x = ndtri_exp(lp)
    return x, O.mul(t, O.exp(O.sub(lp, _log_phi(x))))
