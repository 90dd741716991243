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
    """Phi^-1(p): scipy.special's kernel (rational approximations with a log-scale
    tail, a few ulp in both precisions down to 1e-300; it replaced three Newton
    steps on log Phi that cost 5.9x jax's norm.ppf)."""
    return _sp("_errfun_inv", "ndtri")(p)


@jax.custom_jvp
def ndtri_exp(logp):
    """Phi^-1(exp(logp)), with the lower tail taken in log space (the special kernel)."""
    return _sp("_errfun_inv", "ndtri_exp")(logp)


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
