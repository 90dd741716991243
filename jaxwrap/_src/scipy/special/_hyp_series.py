"""Building blocks of the hypergeometric functions: the generalized
hypergeometric series with a bounded loop, Gamma-function ratios with signs,
and digamma by recurrence.  Private to ``hypergeometric.py`` / ``airy_struve.py``.
"""

from __future__ import annotations

import numpy as np

from . import _hyp_base as B
from ._hyp_base import abs_, add, c, div, eq, exp, full, le, lt, mul, ne, sub, where  # noqa: F401

# The loop of ``pfq_series`` stops at this many terms whatever the input: the
# callers only send arguments whose series reach the rounding level sooner
# (|x| <= 1/2 for 2F1: ~60 + |a b / c| terms; 1F1 / 0F1 below the asymptotic
# threshold: ~e |x| + |a| terms), so the cap only bounds hostile input
# (terminating series of degree > MAX_TERMS, NaN).
MAX_TERMS = 4000


def eps(x):
    return float(np.finfo(np.float64 if B.is64(x) else np.float32).eps)


def pfq_series(num, den, x, max_terms: int = MAX_TERMS, with_abs: bool = False):
    """sum_k prod_i (num_i)_k / prod_j (den_j)_k x^k / k!, summed until the term
    is below eps |sum| while the term ratio is below 1 (or the term is 0: a
    terminating series), for every element; at most ``max_terms`` terms.
    ``with_abs``: also sum_k |term_k| (the sum's rounding error is ~eps times it)."""
    e = c(x, eps(x))

    def flags(carry):
        t, s, k, r = carry[:4]
        small = B.and_(le(abs_(t), mul(e, abs_(s))), lt(r, c(x, 1)))
        done = B.or_(B.or_(small, eq(t, c(x, 0))), B.not_(B.L.is_finite(s)))
        return B.not_(done)

    def body(i, carry):
        t, s, k = carry[:3]
        ratio = div(x, add(k, c(x, 1)))
        for a in num:
            ratio = mul(ratio, add(a, k))
        for b in den:
            ratio = div(ratio, add(b, k))
        t = mul(t, ratio)
        out = (t, add(s, t), add(k, c(x, 1)), abs_(ratio))
        return out + ((add(carry[4], abs_(t)),) if with_abs else ())

    init = (full(x, 1), full(x, 1), full(x, 0), full(x, 2)) + ((full(x, 1),) if with_abs else ())
    res = B.bounded_while(flags, body, init, max_terms)
    return (res[1], res[4]) if with_abs else res[1]


def is_nonpos_int(a):
    return B.and_(le(a, c(a, 0)), eq(a, B.L.floor(a)))


def gamma_sign(x):
    """Sign of Gamma(x) (+1 for x > 0; (-1)^ceil(-x) between the poles)."""
    fl = B.L.floor(x)
    odd = ne(B.L.rem(fl, c(x, 2)), c(x, 0))
    return where(B.or_(B.L.gt(x, c(x, 0)), B.not_(odd)), full(x, 1), full(x, -1))


def lgamma(x):
    return B.L.lgamma(x)


def rgamma(x):
    """1 / Gamma(x), zero at the poles."""
    r = mul(gamma_sign(x), exp(B.neg(lgamma(x))))
    return where(is_nonpos_int(x), full(x, 0), r)


_SHIFT = {True: 30, False: 20}  # |x| up to which gamma_small applies (float64 / float32)


def gamma_small(x):
    """Gamma(x) for |x| <= 30 (float32: 20) by the recurrence from f in [1, 2):
    Gamma(f) prod (f + j) above, Gamma(f) / prod (f - j) below.  Gamma(f) =
    exp(lgamma(f)) with |lgamma(f)| < 0.13 keeps full precision, and the
    products add one rounding per step, where exp(lgamma(x)) would multiply
    the absolute error of lgamma(x) (~ulp(lgamma(x))) into a relative one."""
    fl = B.L.floor(x)
    f = add(sub(x, fl), c(x, 1))
    n = sub(fl, c(x, 1))
    g = exp(lgamma(f))
    num, den = full(x, 1), full(x, 1)
    for j in range(_SHIFT[B.is64(x)]):
        jj = c(x, j)
        num = mul(num, where(lt(jj, n), add(f, jj), full(x, 1)))
        den = mul(den, where(lt(jj, B.neg(n)), sub(f, c(x, j + 1)), full(x, 1)))
    return div(mul(g, num), den)


def gamma_ratio(num, den):
    """prod Gamma(num_i) / prod Gamma(den_j); zero where a denominator argument
    is a pole, inf where a numerator one is.  Arguments of modulus <= 30
    (float32: 20) go through ``gamma_small``, larger ones through log|Gamma|."""
    x = num[0] if num else den[0]
    lim = c(x, _SHIFT[B.is64(x)])
    ok = B.not_(B.L.ne(x, x))  # True (NaN elements go through either path)
    for v in (*num, *den):
        ok = B.and_(ok, le(abs_(v), lim))
    direct = full(x, 1)
    for a in num:
        direct = mul(direct, gamma_small(where(ok, a, full(x, 1.5))))
    for b in den:
        direct = div(direct, gamma_small(where(ok, b, full(x, 1.5))))
    for b in den:
        direct = where(is_nonpos_int(b), full(x, 0), direct)
    return where(ok, direct, _gamma_ratio_log(num, den))


def _gamma_ratio_log(num, den):
    x = num[0] if num else den[0]
    lg = full(x, 0)
    sg = full(x, 1)
    for a in num:
        lg = add(lg, lgamma(a))
        sg = mul(sg, gamma_sign(a))
    for b in den:
        lg = sub(lg, lgamma(b))
        sg = mul(sg, gamma_sign(b))
    r = mul(sg, exp(lg))
    for b in den:
        r = where(is_nonpos_int(b), full(x, 0), r)
    return r


def digamma(x):
    return B.L.digamma(x)
