"""scipy.special's log-space and information-theory helpers: logsumexp,
softmax / log_softmax, xlogy / xlog1py, entr / rel_entr / kl_div, the
logistic family (expit, logit, log_expit, softplus), Huber losses and the
Box-Cox transforms.

Accuracy notes (the cancellations that naive formulas suffer):

* logsumexp / log_softmax: with m the maximum, the sum is split as
  ``B + R`` where ``B`` collects the terms at the maximum (each exactly
  ``b * exp(0)``) and ``R`` the rest, and ``log(B + R) = log|B| + log1p(R/B)``,
  so a dominant term does not drown the small ones in a rounded ``1 + R``
  (without ``b`` / ``where``: ``_log_sum_plain``, jax's one sum plus a masked
  one; logsumexp runs the split behind a ``cond`` only when a result is near 0).
* rel_entr / kl_div: for x close to y (within a factor 3/2 / 2), both are
  written with ``s = (x - y)/(x + y)`` (``x - y`` exact, Sterbenz's lemma) and
  the series of ``atanh(s)``: no log and no cancellation; elsewhere one log of
  a quotient of mantissas (see the comment above ``_NEAR``).
* logit: ``2 atanh(2p - 1)`` by its series for p in [3/8, 5/8] (2p - 1 exact),
  ``log(p / (1 - p))`` elsewhere.
"""

from __future__ import annotations

import math

import numpy as np

from ... import control
from ... import lax as L
from ...numpy import _util
from ...numpy._util import public
from . import _elem_util as U

__all__ = [
    "boxcox", "boxcox1p", "entr", "expit", "huber", "inv_boxcox", "inv_boxcox1p", "kl_div",
    "log_expit", "log_softmax", "logit", "logsumexp", "pseudo_huber", "rel_entr", "softmax",
    "softplus", "xlog1py", "xlogy",
]


def _jnp():
    import jaxwrap.numpy as jnp  # the public numpy layer (imported late: no cycle)
    return jnp


# --- xlogy / xlog1py ---------------------------------------------------------------------
def _xlog_core(logf, dlogf):
    def value(x, y):
        np_ = _jnp()
        # y == y: y is not NaN (one compare where not(isnan(y)) is two ops)
        zero = np_.logical_and(L.eq(x, U.c(x, 0)), L.eq(y, y))
        return _util.where(zero, U.c(x, 0), L.mul(x, logf(y)))

    def d_x(x, y, out):
        return logf(y)

    def d_y(x, y, out):
        return _util.where(L.eq(x, U.c(x, 0)), U.c(x, 0), L.mul(x, dlogf(y)))

    return U.with_derivatives(value, d_x, d_y)


_xlogy = _xlog_core(L.log, lambda y: L.div(U.c(y, 1), y))
_xlog1py = _xlog_core(lambda y: _jnp().log1p(y), lambda y: L.div(U.c(y, 1), L.add(U.c(y, 1), y)))


@public
@U.elementwise("xlogy", ("x", "y"), complex_ok=True)
def xlogy(x, y):
    """Compute ``x * log(y)``, with the value 0 where ``x == 0``.

    Parameters
    ----------
    x, y : array_like
        Real or complex arguments (broadcast together).

    Returns
    -------
    jax.Array
        ``x * log(y)``; 0 where ``x == 0`` and ``y`` is not NaN.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.xlogy(0.0, 0.0).item(), round(sp.xlogy(2.0, 3.0).item(), 5)
    (0.0, 2.19722)
    """
    return _xlogy(x, y)


@public
@U.elementwise("xlog1py", ("x", "y"), complex_ok=True)
def xlog1py(x, y):
    """Compute ``x * log1p(y)``, with the value 0 where ``x == 0``.

    Parameters
    ----------
    x, y : array_like
        Real or complex arguments (broadcast together).

    Returns
    -------
    jax.Array
        ``x * log(1 + y)``; 0 where ``x == 0`` and ``y`` is not NaN.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.xlog1py(0.0, -1.0).item(), round(sp.xlog1py(2.0, 1e-10).item(), 15)
    (0.0, 2e-10)
    """
    return _xlog1py(x, y)


# --- entropies ---------------------------------------------------------------------------
def _log_ratio_value(x, y):
    """log(x / y) for x, y > 0 without the rounding of x / y near 1 and without
    overflow/underflow of the quotient: log1p((x - y)/y) for x/y in [1/2, 2]
    (x - y exact), else log(mx / my) + (ex - ey) log 2 from frexp (one log)."""
    np_ = _jnp()
    r = L.div(x, y)
    near = np_.logical_and(L.ge(r, U.c(r, 0.5)), L.le(r, U.c(r, 2.0)))
    u = L.div(L.sub(x, y), y)
    mx, ex = np_.frexp(x)
    my, ey = np_.frexp(y)
    de = L.convert_element_type(L.sub(ex, ey), x.dtype, False)
    far = L.add(L.log(L.div(mx, my)), L.mul(de, U.c(x, math.log(2))))
    return _util.where(near, np_.log1p(_util.where(near, u, U.c(u, 0))), far)


# frexp's mantissa has no useful derivative: give log(x/y) its closed form
_log_ratio = U.with_derivatives(
    _log_ratio_value,
    lambda x, y, out: L.div(U.c(x, 1), x),
    lambda x, y, out: L.neg(L.div(U.c(y, 1), y)))


def _entr_value(x):
    # -x log x is NaN for NaN x and -inf at +inf as it stands; only x <= 0 is patched
    # (two compares and two selects: jax's form has one compare and an or more)
    v = L.neg(L.mul(x, L.log(x)))
    v = _util.where(L.eq(x, U.c(x, 0)), U.c(x, 0), v)
    return _util.where(L.lt(x, U.c(x, 0)), U.c(x, -np.inf), v)


_entr = U.with_derivatives(
    _entr_value, lambda x, out: L.neg(L.add(L.log(x), U.c(x, 1))))


@public
@U.elementwise("entr", ("x",))
def entr(x):
    """Elementwise entropy term ``-x log(x)``.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    jax.Array
        ``-x log x`` for ``x > 0``, 0 at ``x == 0``, ``-inf`` for ``x < 0``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.entr(0.0).item(), round(sp.entr(0.5).item(), 6)
    (0.0, 0.346574)
    """
    return _entr(x)


def _pos_pair(x, y):
    """(x > 0 and y > 0, x == 0 and y >= 0, x and y with 1 outside the first set)."""
    np_ = _jnp()
    both = np_.logical_and(L.gt(x, U.c(x, 0)), L.gt(y, U.c(y, 0)))
    zero = np_.logical_and(L.eq(x, U.c(x, 0)), L.ge(y, U.c(y, 0)))
    return both, zero, _util.where(both, x, U.c(x, 1)), _util.where(both, y, U.c(y, 1))


def _nan_of(x, y, v):
    np_ = _jnp()
    return _util.where(np_.logical_or(np_.isnan(x), np_.isnan(y)), U.c(v, np.nan), v)


# --- rel_entr / kl_div values ---------------------------------------------------------------
# With s = (x - y)/(x + y), x/y = (1 + s)/(1 - s) and log(x/y) = 2 atanh(s)
# = 2 s (1 + s^2 P(s^2)), P(q) = sum_k q^k / (2k + 3) (DLMF 4.6.4 with 4.37.24), so
#   rel_entr = x log(x/y) = 2 x s (1 + s^2 P),
#   kl_div = x log(x/y) - x + y = (x + y) s^2 + 2 x s^3 P
# (since 2x = (x + y)(1 + s) and 2y = (x + y)(1 - s)), and (x + y) s^2 = (x - y) s: no
# log and no cancellation.  Used for x/y in [1/w, w] (|s| <= (w - 1)/(w + 1); x - y exact
# by Sterbenz's lemma): the tail of P after K terms is below the rounding level when
# ((w - 1)/(w + 1))^(2K + 2) / (2K + 3) < eps:
#   kl_div, w = 2 (|s| <= 1/3): K = 16 (float64) / 7 (float32); a smaller window would
#   leave x log(x/y) - x + y cancelling more than 6-fold at its edge;
#   rel_entr, w = 3/2 (|s| <= 1/5): K = 10 / 4; x log(x/y) loses < 1.5 ulp beyond.
# Elsewhere log(x/y) = log(mx/my) + (ex - ey) log 2 with the exponents read from the bits
# (a few integer ops, cheaper than frexp; no overflow or underflow of the quotient);
# |log(x/y)| >= log(3/2) there, so the rounding of mx/my costs < 1.5 ulp.
# (XLA's CPU fusion keeps a division with several users out of the fused loop: each
# quotient below is used once, through a select.)
_NEAR = {  # function: (w, K float32, K float64)
    "kl_div": (2.0, 7, 16),
    "rel_entr": (1.5, 4, 10),
}


def _near_parts(x, y, fname):
    """For x, y > 0: (near, s, q, P(q), x - y): near where x/y is in [1/w, w] (``_NEAR``);
    there s = (x - y)/(x + y) and q = s^2, elsewhere s = q = 0.  Where x + y overflows,
    s = ((x - y)/2) / (x - (x - y)/2) (XLA would refactor x/2 + y/2 into (x + y)/2)."""
    w, k32, k64 = _NEAR[fname]
    near = _jnp().logical_and(L.le(L.mul(y, U.c(x, 1 / w)), x),  # (no inf: x w may overflow)
                              L.le(L.mul(x, U.c(x, 1 / w)), y))
    diff = L.sub(x, y)
    d = L.add(x, y)
    ov = L.eq(d, U.c(d, np.inf))
    hd = L.mul(diff, U.c(x, 0.5))
    s = _util.where(near, L.div(_util.where(ov, hd, diff), _util.where(ov, L.sub(x, hd), d)),
                    U.c(x, 0))
    q = L.mul(s, s)
    n = k64 if U.is_f64(x) else k32
    return near, s, q, U.horner(q, [1.0 / (2 * k + 3) for k in range(n)]), diff


# (mantissa bits, exponent bias, integer type) of the float formats
_FMT = {np.dtype(np.float32): (23, 127, np.int32), np.dtype(np.float64): (52, 1023, np.int64)}


def _split_exp(x):
    """(m, e) with x = m 2^e exactly for x > 0 (m in [1, 2) for normal x; also exact for
    subnormal x and the largest binade): e is the exponent field clamped to
    [1, 2 bias - 1] (minus the bias), m = x 2^-e with 2^-e built from its bits."""
    nm, bias, it = _FMT[np.dtype(x.dtype)]
    field = L.shift_right_logical(L.bitcast_convert_type(x, it), np.array(nm, it))
    e = L.clamp(np.array(1, it), field, np.array(2 * bias - 1, it))
    scale = L.bitcast_convert_type(L.shift_left(L.sub(np.array(2 * bias, it), e),
                                                np.array(nm, it)), x.dtype)
    return L.mul(x, scale), L.sub(e, np.array(bias, it))


def _log_quotient(x, y):
    """log(x/y) for x, y > 0: log(mx/my) + (ex - ey) log 2 (no overflow or underflow of
    the quotient; relative error < 1.5 ulp where |log(x/y)| >= log(3/2))."""
    mx, ex = _split_exp(x)
    my, ey = _split_exp(y)
    de = L.convert_element_type(L.sub(ex, ey), x.dtype, False)
    return L.add(L.log(L.div(mx, my)), L.mul(de, U.c(x, math.log(2))))


def _rel_entr_value(x, y):
    both, zero, xs, ys = _pos_pair(x, y)
    near, s, q, p, _ = _near_parts(xs, ys, "rel_entr")
    # (x s) 2, not (2 x) s: 2x may overflow where the result does not
    v_near = L.mul(L.mul(L.mul(xs, s), U.c(x, 2)), L.add(U.c(x, 1), L.mul(q, p)))
    v = _util.where(near, v_near, L.mul(xs, _log_quotient(xs, ys)))
    v = _util.where(both, v, _util.where(zero, U.c(x, 0), U.c(x, np.inf)))
    return _nan_of(x, y, v)


_rel_entr = U.with_derivatives(
    _rel_entr_value,
    lambda x, y, out: L.add(_log_ratio(x, y), U.c(x, 1)),
    lambda x, y, out: L.neg(L.div(x, y)))


@public
@U.elementwise("rel_entr", ("p", "q"))
def rel_entr(p, q):
    """Elementwise relative entropy term ``p log(p / q)``.

    Parameters
    ----------
    p, q : array_like
        Real arguments (broadcast together); the term is ``p log(p/q)``.

    Returns
    -------
    jax.Array
        ``p log(p/q)`` for ``p, q > 0``; 0 for ``p == 0, q >= 0``; ``inf`` otherwise.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.rel_entr(1.0, 2.0).item(), 6), sp.rel_entr(0.0, 1.0).item()
    (-0.693147, 0.0)
    """
    return _rel_entr(p, q)


def _kl_div_value(x, y):
    both, zero, xs, ys = _pos_pair(x, y)
    near, s, q, p, diff = _near_parts(xs, ys, "kl_div")
    lead = L.mul(diff, s)  # (x + y) s^2 = (x - y)^2 / (x + y), no overflow
    v_near = L.add(lead, L.mul(L.mul(L.mul(xs, L.mul(s, q)), U.c(x, 2)), p))
    # x log(x/y) + (y - x): no subnormal intermediate (flushed to zero by XLA's CPU code)
    # where the result is normal, as (x log(x/y) - x) + y has next to the smallest normal
    v_far = L.add(L.mul(xs, _log_quotient(xs, ys)), L.sub(ys, xs))
    v = _util.where(near, v_near, v_far)
    v = _util.where(both, v, _util.where(zero, y, U.c(x, np.inf)))
    return _nan_of(x, y, v)


_kl_div = U.with_derivatives(
    _kl_div_value,
    lambda x, y, out: _log_ratio(x, y),
    lambda x, y, out: L.sub(U.c(x, 1), L.div(x, y)))


@public
@U.elementwise("kl_div", ("p", "q"))
def kl_div(p, q):
    """Elementwise Kullback-Leibler divergence term ``p log(p/q) - p + q``.

    Parameters
    ----------
    p, q : array_like
        Real arguments (broadcast together).

    Returns
    -------
    jax.Array
        ``p log(p/q) - p + q`` for ``p, q > 0``; ``q`` for ``p == 0, q >= 0``;
        ``inf`` otherwise.  Accurate also for ``p`` close to ``q``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.kl_div(1.0, 2.0).item(), 6), sp.kl_div(0.0, 3.0).item()
    (0.306853, 3.0)
    """
    return _kl_div(p, q)


# --- Huber losses ------------------------------------------------------------------------
def _huber_value(delta, r):
    np_ = _jnp()
    a = L.abs(r)
    quad = L.mul(U.c(r, 0.5), L.mul(r, r))
    lin = L.mul(delta, L.sub(a, L.mul(U.c(r, 0.5), delta)))
    v = _util.where(L.le(a, delta), quad, lin)
    v = _util.where(L.lt(delta, U.c(delta, 0)), U.c(v, np.inf), v)
    return _util.where(np_.logical_or(np_.isnan(delta), np_.isnan(r)), U.c(v, np.nan), v)


_huber = U.with_derivatives(
    _huber_value,
    lambda d, r, out: _util.where(L.le(L.abs(r), d), U.c(r, 0),
                                  L.sub(L.abs(r), d)),
    lambda d, r, out: _util.where(L.le(L.abs(r), d), r, L.mul(d, L.sign(r))))


@public
@U.elementwise("huber", ("delta", "r"))
def huber(delta, r):
    """Huber loss: ``r**2 / 2`` for ``|r| <= delta``, else ``delta (|r| - delta/2)``.

    Parameters
    ----------
    delta : array_like
        Threshold between the quadratic and linear pieces.
    r : array_like
        Residuals.

    Returns
    -------
    jax.Array
        The loss; ``inf`` where ``delta < 0``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.huber(1.0, 0.5).item(), sp.huber(1.0, 3.0).item()
    (0.125, 2.5)
    """
    return _huber(delta, r)


def _pseudo_huber_value(delta, r):
    # delta^2 (sqrt(1 + t^2) - 1) with t = r/delta, written without cancellation as
    # |r| w with w = |r| / (sqrt(1 + t^2) + 1), and for |t| > 1 as
    # w = delta / (sqrt(1 + 1/t^2) + 1/|t|): no overflow of r^2 or t^2 (t = inf: w = delta).
    np_ = _jnp()
    a = L.abs(r)
    t = L.abs(L.div(r, delta))
    big = L.gt(t, U.c(t, 1))
    tb = _util.where(big, t, U.c(t, 2))
    ts = _util.where(big, U.c(t, 0), t)
    inv = L.div(U.c(t, 1), tb)
    w_big = L.div(delta, L.add(np_.hypot(U.c(t, 1), inv), inv))
    w_small = L.div(a, L.add(np_.hypot(U.c(t, 1), ts), U.c(t, 1)))
    v = L.mul(a, _util.where(big, w_big, w_small))
    v = _util.where(L.eq(delta, U.c(delta, 0)), U.c(v, 0), v)
    v = _util.where(L.lt(delta, U.c(delta, 0)), U.c(v, np.inf), v)
    return _util.where(np_.logical_or(np_.isnan(delta), np_.isnan(r)), U.c(v, np.nan), v)



def _ph_ddelta(d, r, out):
    # d/d delta [delta^2 (s - 1)] = 2 delta (s - 1) - r^2 / (delta s),  s = sqrt(1 + (r/d)^2)
    np_ = _jnp()
    s = np_.hypot(U.c(r, 1), L.div(r, d))
    return L.sub(L.div(L.mul(U.c(d, 2), out), d), L.div(L.mul(r, r), L.mul(d, s)))


_pseudo_huber = U.with_derivatives(
    _pseudo_huber_value, _ph_ddelta,
    lambda d, r, out: L.div(r, _jnp().hypot(U.c(r, 1), L.div(r, d))))


@public
@U.elementwise("pseudo_huber", ("delta", "r"))
def pseudo_huber(delta, r):
    """Pseudo-Huber loss ``delta**2 (sqrt(1 + (r/delta)**2) - 1)``.

    Parameters
    ----------
    delta : array_like
        Scale parameter.
    r : array_like
        Residuals.

    Returns
    -------
    jax.Array
        The loss (computed without cancellation); ``inf`` where ``delta < 0``,
        0 where ``delta == 0``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.pseudo_huber(1.0, 1.0).item(), 6)
    0.414214
    """
    return _pseudo_huber(delta, r)


# --- logistic family ---------------------------------------------------------------------
def _expit(x):
    # XLA's logistic (the op jax.scipy's expit binds): <= 1.9 ULP float32 / 2 ULP float64
    # against mpmath over the normal range (dense grid, x in [-87, 40] / [-708, 40]).
    # The split form 1/(1 + e^-|x|) vs e^-|x|/(1 + e^-|x|) was 1.6 / 2 ULP but took
    # 1.16x jax's time (two divisions and a select): not worth 0.3 ULP.
    return L.logistic(x)


@public
@U.elementwise("expit", ("x",))
def expit(x):
    """Logistic sigmoid ``1 / (1 + exp(-x))``.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    jax.Array
        ``expit(x)`` in [0, 1].

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.expit(0.0).item()
    0.5
    """
    return _expit(x)


# logit(p) = 2 atanh(t), t = 2p - 1 (exact for p >= 1/4), by its series
# 2t sum_k t^(2k)/(2k + 1) for |t| <= 1/4: the tail after K terms is below
# (1/16)^K/(2K + 1) < 2^-25 for K = 6 (float32) and < 2^-54 for K = 13 (float64).
_LOGIT_MID = 0.25
_LOGIT_TERMS = {np.dtype(np.float32): 6, np.dtype(np.float64): 13}


def _logit_value(p):
    # Outside |t| <= 1/4, log(p/q): |logit| >= 2 atanh(1/4) = 0.51, so the roundings of
    # q = 1 - p and of the quotient (relative ~2^-24 together) stay ~2 ulp of the result;
    # inside, the series (no log of a rounded quotient near 1, where jax loses all digits).
    # Every expensive op (the division, the log) is used once, so XLA fuses the whole
    # function into one loop (a correction term reusing p/q costs a second pass).
    one = U.c(p, 1)
    t = L.sub(L.add(p, p), one)
    t2 = L.mul(t, t)
    k = _LOGIT_TERMS.get(np.dtype(p.dtype), _LOGIT_TERMS[np.dtype(np.float32)])  # (f16: f32's)
    series = L.mul(L.add(t, t), U.horner(t2, [1.0 / (2 * j + 1) for j in range(k)]))
    mid = L.le(L.abs(t), U.c(p, _LOGIT_MID))
    return _util.where(mid, series, L.log(L.div(p, L.sub(one, p))))


# d/dp logit(p) = 1 / (p (1 - p)): +inf at 0 and 1 as jax's custom rule gives (autodiff of
# the two-form expression above would give NaN there)
_logit = U.with_derivatives(
    _logit_value, lambda p, out: L.div(U.c(p, 1), L.mul(p, L.sub(U.c(p, 1), p))))


@public
@U.elementwise("logit", ("x",))
def logit(x):
    """Log-odds ``log(x / (1 - x))``, the inverse of :func:`expit`.

    Parameters
    ----------
    x : array_like
        Probabilities; NaN outside [0, 1].

    Returns
    -------
    jax.Array
        ``logit(p)``; ``-inf`` at 0 and ``inf`` at 1.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.logit(0.5).item(), round(sp.logit(0.75).item(), 6)
    (0.0, 1.098612)
    """
    return _logit(x)


def _log1pexp(x):
    """log(1 + e^x) = max(x, 0) + log1p(e^-|x|)."""
    np_ = _jnp()
    return L.add(L.max(x, U.c(x, 0)), np_.log1p(L.exp(L.neg(L.abs(x)))))


@public
@U.elementwise("log_expit", ("x",))
def log_expit(x):
    """Logarithm of the logistic sigmoid, ``-log1p(exp(-x))``, without overflow.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    jax.Array
        ``log(expit(x))``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.log_expit(0.0).item(), 6), sp.log_expit(-100.0).item()
    (-0.693147, -100.0)
    """
    return L.neg(_log1pexp(L.neg(x)))


@public
def softplus(x, **kwargs):
    """Softplus ``log(1 + exp(x))``, without overflow.

    Parameters
    ----------
    x : array_like
        Real argument.
    **kwargs
        scipy's ufunc keywords are not supported (TypeError if given).

    Returns
    -------
    jax.Array
        ``log(1 + exp(x))``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.softplus(100.0).item()
    100.0
    """
    if kwargs:
        raise TypeError(f"softplus(): unsupported keyword arguments {sorted(kwargs)}")
    (x,), weak = U.promote("softplus", ("x",), (x,))
    return U.weaken(_log1pexp(x), weak)


# --- Box-Cox -------------------------------------------------------------------------------
# |lmbda| below this is treated as 0: the neglected term of expm1(l*t)/l - t is l t^2 / 2,
# below an ulp of t for |l t| < 2^-52 with |t| <= 745 (the range of log).
_LMBDA_ZERO = 1e-19


def _boxcox_core(logf, x, lmbda):
    t = logf(x)
    lz = L.lt(L.abs(lmbda), U.c(lmbda, _LMBDA_ZERO))
    ls = _util.where(lz, U.c(lmbda, 1), lmbda)
    return _util.where(lz, t, L.div(L.expm1(L.mul(ls, t)), ls))


def _inv_boxcox_core(expf, y, lmbda):
    np_ = _jnp()
    lz = L.lt(L.abs(lmbda), U.c(lmbda, _LMBDA_ZERO))
    ls = _util.where(lz, U.c(lmbda, 1), lmbda)
    return _util.where(lz, expf(y), expf(L.div(np_.log1p(L.mul(ls, y)), ls)))


@public
@U.elementwise("boxcox", ("x", "lmbda"))
def boxcox(x, lmbda):
    """Box-Cox transform ``(x**lmbda - 1) / lmbda`` (``log(x)`` for ``lmbda == 0``).

    Parameters
    ----------
    x : array_like
        Data (NaN for ``x < 0``).
    lmbda : array_like
        Transform parameter.

    Returns
    -------
    jax.Array
        The transformed data.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.boxcox(4.0, 0.5).item()
    2.0
    """
    return _boxcox_core(L.log, x, lmbda)


@public
@U.elementwise("boxcox1p", ("x", "lmbda"))
def boxcox1p(x, lmbda):
    """Box-Cox transform of ``1 + x``: ``((1 + x)**lmbda - 1) / lmbda``.

    Parameters
    ----------
    x : array_like
        Data (NaN for ``x < -1``); accurate for small ``x``.
    lmbda : array_like
        Transform parameter.

    Returns
    -------
    jax.Array
        The transformed data.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.boxcox1p(3.0, 0.5).item()
    2.0
    """
    return _boxcox_core(lambda v: _jnp().log1p(v), x, lmbda)


@public
@U.elementwise("inv_boxcox", ("y", "lmbda"))
def inv_boxcox(y, lmbda):
    """Inverse of :func:`boxcox`: ``(1 + lmbda y)**(1/lmbda)``.

    Parameters
    ----------
    y : array_like
        Transformed data.
    lmbda : array_like
        Transform parameter.

    Returns
    -------
    jax.Array
        ``x`` with ``boxcox(x, lmbda) == y``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.inv_boxcox(2.0, 0.5).item()
    4.0
    """
    return _inv_boxcox_core(L.exp, y, lmbda)


@public
@U.elementwise("inv_boxcox1p", ("y", "lmbda"))
def inv_boxcox1p(y, lmbda):
    """Inverse of :func:`boxcox1p`: ``(1 + lmbda y)**(1/lmbda) - 1``.

    Parameters
    ----------
    y : array_like
        Transformed data.
    lmbda : array_like
        Transform parameter.

    Returns
    -------
    jax.Array
        ``x`` with ``boxcox1p(x, lmbda) == y``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.inv_boxcox1p(2.0, 0.5).item()
    3.0
    """
    return _inv_boxcox_core(L.expm1, y, lmbda)


# --- logsumexp and softmax -------------------------------------------------------------------
def _dims(name, axis, nd):
    return _util.canonicalize_axes(axis, nd, name)


def _squeeze(x, dims, keepdims):
    return x if keepdims or not dims else L.squeeze(x, dims)


def _split_sum(np_, a, w, valid, dims):
    """The maximum m of ``a`` over ``valid`` entries and the weighted sum of
    ``w exp(a - m)`` split as (B, R): B over the entries at the maximum, R over
    the rest.  m has a zero derivative; B carries exp(a - m) (== 1) so that the
    derivative of log(B + R) is still the full softmax."""
    ninf = U.c(a, -np.inf)
    m = np_.max(_util.where(valid, a, ninf), axis=dims, keepdims=True)
    m = _util.broadcast_to(U.stop_gradient(m), a.shape)
    ms = _util.where(L.is_finite(m), m, U.c(m, 0))
    at_max = np_.logical_and(valid, L.eq(a, m))
    below = np_.logical_and(valid, np_.logical_not(at_max))
    e = L.exp(L.sub(_util.where(valid, a, ms), ms))  # masked entries: exp(0), never overflow
    t = L.mul(w, e)
    zero = U.c(t, 0)
    B = np_.sum(_util.where(at_max, t, zero), axis=dims, keepdims=True)
    R = np_.sum(_util.where(below, t, zero), axis=dims, keepdims=True)
    return m, ms, B, R


def _first(x, dims):
    """The reduced-shape (keepdims) view of an array constant along ``dims``."""
    if not dims:
        return x
    start = (0,) * x.ndim
    limit = tuple(1 if i in dims else d for i, d in enumerate(x.shape))
    return L.slice(x, start, limit)


def _log_abs_sum(np_, B, R):
    """(log|B + R|, sign(B + R)) via log|B| + log|1 + R/B|."""
    bz = L.eq(B, U.c(B, 0))
    Bs = _util.where(bz, U.c(B, 1), B)
    u = L.div(R, Bs)
    v = L.add(U.c(u, 1), u)
    big = L.gt(u, U.c(u, -0.5))
    l1 = np_.log1p(_util.where(big, u, U.c(u, 0)))
    l2 = L.log(L.abs(_util.where(big, U.c(v, 1), v)))
    logS = L.add(L.log(L.abs(Bs)), _util.where(big, l1, l2))
    sign = L.mul(L.sign(Bs), L.sign(v))
    logS = _util.where(bz, L.log(L.abs(R)), logS)
    sign = _util.where(bz, L.sign(R), sign)
    return logS, sign


# Below this sum the split log B + log1p(R / B) is taken (log S < 1.39 there, where a
# dominant term's R must keep its relative accuracy); above it log S itself is as
# accurate (an absolute error of a few eps in log S >= 1.39).  B, an integer, is found as
# round(S - R): the float sum S < 4 of n terms is off by at most (n - 1) ulp(4)/2, under
# 1/2 for n < 2^21 (float32; 2^50 float64), and XLA's blocked summation does far better.
_SPLIT_BELOW = 4.0


def _log_sum_plain(np_, a, dims, fast_ok=None):
    """(m, ms, log S) for S = sum exp(a - ms) over ``dims`` (no weights, no
    mask; m = max, ms = m where finite else 0; all without the reduced axes).

    Accurate form: S = B + R, B over the entries at the maximum (each exp(0) = 1
    exactly) and R over the rest, and log S = log B + log1p(R / B) where S is small:
    when one term dominates, log S ~ R is kept to relative accuracy, where jax's one
    rounded sum 1 + R loses it.  S is jax's one sum (XLA fuses exp into its
    reduction); R is a second, masked sum and B = round(S - R) (see _SPLIT_BELOW).
    B carries S - R's derivative, so the derivative is still the full softmax.
    (Measured on 1000 x 1000 float32, wall: ~1.4x jax, both sums in one fused
    pass; with the masked sum behind a cond that fires on data with a dominant term,
    as trained classifiers' logits have, 1.7x: log_softmax takes no cond.)

    ``fast_ok(ms, log S)`` (elementwise over the reduced shape), if given, says
    where log S itself is as accurate as the split for the caller's result; the
    masked sum then runs behind a ``cond`` only when some element with S < 4 needs
    it (the split changes nothing where S >= 4), so most calls cost jax's one sum.
    (Under vmap the cond becomes a select of both branches.)"""
    # reduced shapes without keepdims, broadcast back along the kept axes (as jax
    # does: a [n, 1] operand makes XLA's CPU reduction fusion several times slower)
    kept = tuple(i for i in range(a.ndim) if i not in dims)
    m1 = U.stop_gradient(np_.max(a, axis=dims))
    ms1 = _util.where(L.is_finite(m1), m1, U.c(m1, 0))

    def exp_shifted(a, ms1):
        return L.exp(L.sub(a, L.broadcast_in_dim(ms1, tuple(a.shape), kept)))

    S = np_.sum(exp_shifted(a, ms1), axis=dims)

    def split(a, ms1, S):
        e = exp_shifted(a, ms1)
        # e == 1 exactly at the maximum (and where a - m rounds to 0: the same sum)
        R = np_.sum(_util.where(L.eq(e, U.c(e, 1)), U.c(e, 0), e), axis=dims)
        D = L.sub(S, R)
        Dc = U.stop_gradient(D)
        B = L.add(L.round(Dc, 1), L.sub(D, Dc))  # the integer value, S - R's derivative
        # (S = 0 where every entry is -inf: B = R = 0 and _log_abs_sum gives -inf)
        small = _log_abs_sum(np_, B, R)[0]
        return _util.where(L.lt(S, U.c(S, _SPLIT_BELOW)), small, L.log(S))

    if fast_ok is None:
        return m1, ms1, split(a, ms1, S)
    # only `a` and reduced-shape values cross the cond: nothing of size a is materialised
    logS = L.log(S)
    need = np_.any(np_.logical_and(L.lt(S, U.c(S, _SPLIT_BELOW)),
                                   np_.logical_not(fast_ok(ms1, logS))))
    logS = control.cond(need, split, lambda a, ms1, S: L.log(S), a, ms1, S)
    return m1, ms1, logS


# logsumexp's result ms + log S where the one-sum form is as accurate as the split
# (measured on float32 rows of 3 to 1000 normal entries against a float64 reference:
# for |result| >= 1 both are within 2.3 ULP, the one sum's extra error being S's
# rounding, an absolute error of a few eps in log S).  A result near 0 with S < 4
# (where a dominant term's log1p(R/B) is the answer) takes the split: jax's one sum
# is up to ~1e3 ULP off there.  (A result near 0 by cancellation of ms and log S >= 1.39
# is ill-conditioned either way: the split does not help it.)
_LSE_FAST_MIN = 1.0


def _lse_fast_ok(ms, log_s):
    return L.ge(L.abs(L.add(ms, log_s)), U.c(log_s, _LSE_FAST_MIN))


def _lse_plain(np_, a, dims):
    """logsumexp without weights or mask: (value, sign), sign 1 (0 for an empty sum)."""
    m, ms, logS = _log_sum_plain(np_, a, dims, _lse_fast_ok)
    out = L.add(ms, logS)
    out = _util.where(L.eq(m, U.c(m, np.inf)), m, out)
    minf = L.eq(m, U.c(m, -np.inf))
    out = _util.where(minf, m, out)
    sign = _util.where(minf, U.c(out, 0), U.c(out, 1))
    nan = np_.isnan(m)
    keep = tuple(1 if i in dims else d for i, d in enumerate(a.shape))  # keepdims shape
    return (L.reshape(_util.where(nan, m, out), keep),
            L.reshape(_util.where(nan, m, sign), keep))


def _lse_real(np_, a, w, valid, dims):
    m, ms, B, R = _split_sum(np_, a, w, valid, dims)
    m, ms = _first(m, dims), _first(ms, dims)
    logS, sign = _log_abs_sum(np_, B, R)
    out = L.add(ms, logS)
    # non-finite maximum: +inf (sign of the weights there), -inf (empty sum), NaN
    pinf = L.eq(m, U.c(m, np.inf))
    minf = L.eq(m, U.c(m, -np.inf))
    out = _util.where(pinf, _util.where(L.eq(B, U.c(B, 0)), U.c(out, np.nan), U.c(out, np.inf)), out)
    sign = _util.where(pinf, L.sign(B), sign)
    out = _util.where(minf, U.c(out, -np.inf), out)
    sign = _util.where(minf, U.c(sign, 0), sign)
    nan = np_.isnan(m)
    return _util.where(nan, m, out), _util.where(nan, m, sign)


def _lse_complex(np_, a, w, valid, dims):
    re = L.real(a)
    m = np_.max(_util.where(valid, re, U.c(re, -np.inf)), axis=dims, keepdims=True)
    m = U.stop_gradient(_util.where(L.is_finite(m), m, U.c(m, 0)))
    mc = _util.broadcast_to(L.convert_element_type(m, a.dtype, False), a.shape)
    e = L.mul(w, L.exp(L.sub(_util.where(valid, a, mc), mc)))
    s = np_.sum(_util.where(valid, e, U.c(e, 0)), axis=dims, keepdims=True)
    return s, m


@public(static=("axis", "keepdims", "return_sign"))
def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None):
    """Logarithm of the sum of exponentials, ``log(sum(b * exp(a)))``, computed stably.

    Parameters
    ----------
    a : array_like
        Input (real or complex).
    axis : int or tuple of ints, optional
        Axes to reduce; all axes by default.
    b : array_like, optional
        Weights of the exponentials (may be negative), broadcast with ``a``.
    keepdims : bool, optional
        Keep the reduced axes with size 1.
    return_sign : bool, optional
        Also return the sign of the sum (the result is then ``log|sum|``).
    where : array_like of bool, optional
        Elements to include in the sum.

    Returns
    -------
    jax.Array or (jax.Array, jax.Array)
        The reduction; with ``return_sign`` a pair ``(log|s|, sign(s))``.
        Without ``return_sign`` a negative sum gives NaN.

    Notes
    -----
    The terms at the maximum and the rest are summed apart and combined with
    ``log1p``, so a dominant term keeps the small ones' contribution (relative
    accuracy of a result near 0, where jax's single rounded sum loses it).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> round(sp.logsumexp([0.0, 0.0]).item(), 6)
    0.693147
    >>> [round(v.item(), 6) for v in sp.logsumexp([1.0, 2.0], b=[1.0, -1.0], return_sign=True)]
    [1.541325, -1.0]
    """
    np_ = _jnp()
    name = "logsumexp"
    _util.check_arraylike(name, a, argnames=["a"])
    if b is not None:
        _util.check_arraylike(name, b, argnames=["b"])
        (a, w), weak = U.promote(name, ("a", "b"), (a, b), complex_ok=True)
    else:
        (a,), weak = U.promote(name, ("a",), (a,), complex_ok=True)
        w = _util.full_like(a, 1)
    if where is not None:
        _util.check_arraylike(name, where, argnames=["where"])
        mask = np_.asarray(where)
        if mask.dtype != np.bool_:
            raise TypeError(f"{name}(): where must be a boolean array, got {mask.dtype}")
        shp = _util.broadcast_shapes(name, a.shape, mask.shape)
        a, w, mask = (_util.broadcast_to(v, shp) for v in (a, w, mask))
    else:
        mask = _util.full_like(a, True, np.bool_)
    dims = _dims(name, axis, a.ndim)
    valid = np_.logical_and(mask, L.ne(w, U.c(w, 0)))
    if U.is_complex(a):
        s, m = _lse_complex(np_, a, w, valid, dims)
        if return_sign:
            out = L.add(L.log(L.abs(s)), m)
            sign = L.sign(s)
        else:
            out = L.add(L.log(s), L.convert_element_type(m, s.dtype, False))
            sign = None
    elif b is None and where is None:
        out, sign = _lse_plain(np_, a, dims)
    else:
        out, sign = _lse_real(np_, a, w, valid, dims)
    out = _squeeze(out, dims, keepdims)
    if return_sign:
        return U.weaken(out, weak), U.weaken(_squeeze(sign, dims, keepdims), weak)
    if sign is not None and b is not None:
        out = _util.where(L.lt(_squeeze(sign, dims, keepdims), U.c(out, 0)), U.c(out, np.nan), out)
    return U.weaken(out, weak)


def _softmax_parts(name, x, axis):
    (x,), weak = U.promote(name, ("x",), (x,))
    return x, _dims(name, axis, x.ndim), weak


@public(static=("axis",))
def softmax(x, axis=None):
    """Softmax ``exp(x) / sum(exp(x))`` over ``axis``.

    Parameters
    ----------
    x : array_like
        Real input.
    axis : int or tuple of ints, optional
        Axes of the normalisation; all axes by default (scipy's and
        jax.scipy.special's default).

    Returns
    -------
    jax.Array
        Same shape as ``x``, non-negative, summing to 1 over ``axis``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> [round(v, 6) for v in sp.softmax([0.0, 0.0, 0.0]).tolist()]
    [0.333333, 0.333333, 0.333333]
    """
    np_ = _jnp()
    x, dims, weak = _softmax_parts("softmax", x, axis)
    # jax's formula: the sum's rounding is relative to the sum, no split needed
    m = _util.broadcast_to(U.stop_gradient(np_.max(x, axis=dims, keepdims=True)), x.shape)
    e = L.exp(L.sub(x, m))
    return U.weaken(L.div(e, _util.broadcast_to(np_.sum(e, axis=dims, keepdims=True), x.shape)), weak)


@public(static=("axis",))
def log_softmax(x, axis=None):
    """Logarithm of :func:`softmax`, ``x - logsumexp(x)``, computed stably.

    Parameters
    ----------
    x : array_like
        Real input.
    axis : int or tuple of ints, optional
        Axes of the normalisation; all axes by default.

    Returns
    -------
    jax.Array
        Same shape as ``x``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> [round(v, 6) for v in sp.log_softmax([0.0, 0.0]).tolist()]
    [-0.693147, -0.693147]
    """
    np_ = _jnp()
    x, dims, weak = _softmax_parts("log_softmax", x, axis)
    m, _, logS = _log_sum_plain(np_, x, dims)
    kept = tuple(i for i in range(x.ndim) if i not in dims)
    # (x - m) - log S: exact x - m keeps the dominant entry's -log1p(tiny) accurate
    full = [L.broadcast_in_dim(v, tuple(x.shape), kept) for v in (m, logS)]
    return U.weaken(L.sub(L.sub(x, full[0]), full[1]), weak)
