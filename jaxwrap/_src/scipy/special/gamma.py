"""scipy.special's gamma / beta / zeta family.

The incomplete gamma and beta functions are jaxwrap primitives
(``jaxwrap_extend/_prims/special.py``: series, continued fractions and
Temme's uniform expansion, with derivatives in every argument); the rest is
written here with jaxwrap functions.  Functions are one table row each where
they are plain elementwise maps: (name, argument names, kernel, summary).
"""

from __future__ import annotations

import numpy as np

from ... import dtypes, lax
from ...numpy import _util
from ...numpy._util import public
from . import _gamma_complex as _GC
from . import errfun as _ef

_c = _util.const
_where = _util.where

__all__ = ["beta", "betainc", "betaincc", "betaincinv", "betainccinv", "betaln", "binom",
           "digamma", "gamma", "gammainc", "gammaincc", "gammainccinv", "gammaincinv", "gammaln",
           "gammasgn", "loggamma", "multigammaln", "poch", "polygamma", "psi", "rgamma", "zeta",
           "zetac"]


# --- argument handling ---------------------------------------------------------------------
def real_args(name: str, argnames, args):
    """Check, promote (integers/bools to the default float) and broadcast real arguments.

    A complex argument raises TypeError naming it (these functions have no complex form)."""
    _util.check_arraylike(name, *args, argnames=argnames)
    for n, a in zip(argnames, args):
        if not isinstance(a, (list, tuple)) and dtypes.issubdtype(dtypes.dtype(a),
                                                                   np.complexfloating):
            raise TypeError(f"{name}(): argument {n} must be real, got dtype "
                            f"{np.dtype(dtypes.dtype(a)).name}")
    return _util.promote_args_inexact(name, *args)


def _complex_arg(x) -> bool:
    """Whether ``x`` is complex (bad input falls through to real_args, which reports it)."""
    if isinstance(x, (list, tuple)):
        return False
    try:
        return bool(dtypes.issubdtype(dtypes.dtype(x), np.complexfloating))
    except (TypeError, ValueError):
        return False


def _complex_call(name, kernel, x):
    """Complex path: check and broadcast ``x``, run ``kernel`` (complex64 stays complex64)."""
    (z,), dt, weak = _ef.promote(name, ("x",), (x,), complex_ok=True)
    return _ef.finish(kernel(z), dt, weak)


def _d_loggamma(z, ans):
    return _GC.digamma(z)


def _d_gamma(z, ans):
    return lax.mul(ans, _GC.digamma(z))


def _d_rgamma(z, ans):
    return lax.neg(lax.mul(ans, _GC.digamma(z)))


# complex kernels with holomorphic derivatives (custom_jvp: the branches are never differentiated)
_loggamma_c = _ef.with_jvp(_GC.loggamma, _d_loggamma)
_gamma_c = _ef.with_jvp(_GC.gamma, _d_gamma)
_rgamma_c = _ef.with_jvp(_GC.rgamma, _d_rgamma)


# --- incomplete gamma ----------------------------------------------------------------------
@public
def gammainc(a, x):
    """Regularized lower incomplete gamma function P(a, x).

    ``P(a, x) = 1/Gamma(a) * integral_0^x t**(a-1) exp(-t) dt`` for a >= 0, x >= 0
    (NaN elsewhere; ``P(0, x) = 1`` for x > 0).

    Parameters
    ----------
    a : array_like
        Shape parameter, a >= 0.
    x : array_like
        Upper limit of integration, x >= 0.

    Returns
    -------
    jax.Array
        P(a, x), with the promoted floating dtype of the arguments.

    Notes
    -----
    Differentiable in both ``a`` and ``x``.  Accurate for tiny ``a`` and for
    large ``a`` with x close to a (Temme's uniform expansion, DLMF 8.12).

    Examples
    --------
    >>> from jaxwrap.scipy.special import gammainc
    >>> print(f"{float(gammainc(2.0, 1.0)):.6f}")
    0.264241
    """
    a, x = real_args("gammainc", ("a", "x"), (a, x))
    return lax.igamma(a, x)


@public
def gammaincc(a, x):
    """Regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).

    Computed directly (not as ``1 - P``), so it keeps its relative accuracy
    in the upper tail.

    Parameters
    ----------
    a : array_like
        Shape parameter, a >= 0.
    x : array_like
        Lower limit of integration, x >= 0.

    Returns
    -------
    jax.Array
        Q(a, x).

    Examples
    --------
    >>> from jaxwrap.scipy.special import gammaincc
    >>> print(f"{float(gammaincc(2.0, 30.0)):.5e}")
    2.90086e-12
    """
    a, x = real_args("gammaincc", ("a", "x"), (a, x))
    return lax.igammac(a, x)


# --- incomplete beta ------------------------------------------------------------------------
@public
def betainc(a, b, x):
    """Regularized incomplete beta function I_x(a, b).

    ``I_x(a, b) = 1/B(a, b) * integral_0^x t**(a-1) (1-t)**(b-1) dt`` for
    a, b >= 0 (not both 0) and 0 <= x <= 1; NaN elsewhere.

    Parameters
    ----------
    a, b : array_like
        Shape parameters, >= 0.
    x : array_like
        Upper limit of integration, in [0, 1].

    Returns
    -------
    jax.Array
        I_x(a, b).

    Notes
    -----
    Differentiable in ``a``, ``b`` and ``x``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import betainc
    >>> print(f"{float(betainc(2.0, 3.0, 0.4)):.5f}")
    0.52480
    """
    a, b, x = real_args("betainc", ("a", "b", "x"), (a, b, x))
    return lax.betainc(a, b, x)


@public
def betaincc(a, b, x):
    """Complement of the regularized incomplete beta function, 1 - I_x(a, b).

    Computed directly (not as ``1 - I``), so it keeps its relative accuracy
    where I_x(a, b) is close to 1.

    Parameters
    ----------
    a, b : array_like
        Shape parameters, >= 0.
    x : array_like
        In [0, 1].

    Returns
    -------
    jax.Array
        1 - I_x(a, b).

    Examples
    --------
    >>> from jaxwrap.scipy.special import betaincc
    >>> print(f"{float(betaincc(2.0, 3.0, 0.4)):.5f}")
    0.47520
    """
    a, b, x = real_args("betaincc", ("a", "b", "x"), (a, b, x))
    return lax.betaincc(a, b, x)




# --- inverses ---------------------------------------------------------------------------------
@public
def gammaincinv(a, y):
    """Inverse of the regularized lower incomplete gamma function in x.

    Returns x >= 0 with ``gammainc(a, x) == y``.

    Parameters
    ----------
    a : array_like
        Shape parameter, a > 0.
    y : array_like
        Probability in [0, 1].

    Returns
    -------
    jax.Array
        x (0 at y = 0, inf at y = 1, NaN outside the domain).

    Notes
    -----
    Safeguarded Newton iteration in log x on whichever of P(a, x) = y and
    Q(a, x) = 1 - y has the smaller target (a fixed number of steps), from
    Wilson-Hilferty or tail power-law starting values.  Differentiable in
    ``a`` (implicit differentiation) and ``y``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import gammaincinv
    >>> print(f"{float(gammaincinv(2.0, 0.5)):.6f}")
    1.678347
    """
    a, y = real_args("gammaincinv", ("a", "y"), (a, y))
    return lax.igammainv(a, y, upper=False)


@public
def gammainccinv(a, y):
    """Inverse of the regularized upper incomplete gamma function in x.

    Returns x >= 0 with ``gammaincc(a, x) == y``.

    Parameters
    ----------
    a : array_like
        Shape parameter, a > 0.
    y : array_like
        Probability in [0, 1].

    Returns
    -------
    jax.Array
        x (inf at y = 0, 0 at y = 1, NaN outside the domain).

    Examples
    --------
    >>> from jaxwrap.scipy.special import gammainccinv
    >>> print(f"{float(gammainccinv(2.0, 1e-10)):.4f}")
    26.3340
    """
    a, y = real_args("gammainccinv", ("a", "y"), (a, y))
    return lax.igammainv(a, y, upper=True)


@public
def betaincinv(a, b, y):
    """Inverse of the regularized incomplete beta function in x.

    Returns x in [0, 1] with ``betainc(a, b, x) == y``.

    Parameters
    ----------
    a, b : array_like
        Shape parameters, > 0.
    y : array_like
        Probability in [0, 1].

    Returns
    -------
    jax.Array
        x (NaN outside the domain).

    Notes
    -----
    Safeguarded Newton iteration in log x (or log(1 - x) in the upper half)
    from the tails' power laws; differentiable in ``a``, ``b`` and ``y``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import betaincinv
    >>> print(f"{float(betaincinv(2.0, 3.0, 0.5248)):.6f}")
    0.400000
    """
    a, b, y = real_args("betaincinv", ("a", "b", "y"), (a, b, y))
    return lax.betaincinv(a, b, y, upper=False)


@public
def betainccinv(a, b, y):
    """Inverse of the complemented regularized incomplete beta function in x.

    Returns x in [0, 1] with ``betaincc(a, b, x) == y``.

    Parameters
    ----------
    a, b : array_like
        Shape parameters, > 0.
    y : array_like
        Probability in [0, 1].

    Returns
    -------
    jax.Array
        x (NaN outside the domain).

    Examples
    --------
    >>> from jaxwrap.scipy.special import betainccinv
    >>> print(f"{float(betainccinv(2.0, 3.0, 0.4752)):.6f}")
    0.400000
    """
    a, b, y = real_args("betainccinv", ("a", "b", "y"), (a, b, y))
    return lax.betaincinv(a, b, y, upper=True)


# --- gamma and friends on the reals --------------------------------------------------------------
# gamma, rgamma, loggamma and digamma/psi also take complex arguments (``_gamma_complex``).
@public
def gamma(x):
    """Gamma function.

    Parameters
    ----------
    x : array_like
        Real or complex argument.

    Returns
    -------
    jax.Array
        Gamma(x): inf at +-0 (with the zero's sign), NaN at the negative integers and -inf,
        overflow to inf from x = 171.62.  Complex x: exp(loggamma(x)), NaN at the poles.

    Notes
    -----
    Argument reduction to [1.5, 2.5] and a series there, Stirling's formula from 20 on,
    the reflection formula below 0.

    Examples
    --------
    >>> from jaxwrap.scipy.special import gamma
    >>> print(f"{float(gamma(4.5)):.5f}")
    11.63173
    """
    if _complex_arg(x):
        return _complex_call("gamma", _gamma_c, x)
    (x,) = real_args("gamma", ("x",), (x,))
    return lax.gamma(x)


@public
def rgamma(x):
    """Reciprocal of the gamma function, 1 / Gamma(x) (0 at the poles of Gamma).

    Parameters
    ----------
    x : array_like
        Real or complex argument.

    Returns
    -------
    jax.Array
        1 / Gamma(x).

    Examples
    --------
    >>> from jaxwrap.scipy.special import rgamma
    >>> print(float(rgamma(-2.0)))
    0.0
    """
    if _complex_arg(x):
        return _complex_call("rgamma", _rgamma_c, x)
    (x,) = real_args("rgamma", ("x",), (x,))
    return lax.rgamma(x)


@public
def gammaln(x):
    """Logarithm of the absolute value of the gamma function, ln |Gamma(x)|.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    jax.Array
        ln |Gamma(x)| (inf at the poles).

    Notes
    -----
    Accurate to a few ULP for x > 0, including next to the zeros at 1 and 2.

    Examples
    --------
    >>> from jaxwrap.scipy.special import gammaln
    >>> print(f"{float(gammaln(0.5)):.6f}")
    0.572365
    """
    (x,) = real_args("gammaln", ("x",), (x,))
    return lax.gammaln(x)


@public
def loggamma(x):
    """Principal branch of the logarithm of the gamma function.

    For real x > 0 this is ``gammaln(x)``; like scipy, real x < 0 gives NaN (the principal
    branch is complex there).  For complex x it is the branch analytic off the cut
    (-inf, 0] with loggamma(x + 1) = loggamma(x) + log(x); the sign of a zero imaginary
    part picks the side of the cut, as in scipy.

    Parameters
    ----------
    x : array_like
        Real or complex argument.

    Returns
    -------
    jax.Array
        log Gamma(x) (NaN at the poles; complex64 stays complex64).

    Notes
    -----
    Complex x: Stirling's series, the recurrence, reflection and a Taylor series about
    2 (Hare 1997); see ``jaxwrap/_src/scipy/special/_gamma_complex.py``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import loggamma
    >>> print(f"{float(loggamma(10.0)):.6f}")
    12.801827
    >>> print(f"{complex(loggamma(-0.5 + 0j)):.6f}")
    1.265512-3.141593j
    """
    if _complex_arg(x):
        return _complex_call("loggamma", _loggamma_c, x)
    (x,) = real_args("loggamma", ("x",), (x,))
    return _where(lax.lt(x, _c(x, 0)), _c(x, np.nan), lax.gammaln(x))


@public
def gammasgn(x):
    """Sign of the gamma function.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    jax.Array
        1 or -1 (the sign of Gamma(x); -1 at -0.0), NaN at the negative integers, -inf and NaN.

    Examples
    --------
    >>> from jaxwrap.scipy.special import gammasgn
    >>> print(float(gammasgn(-0.5)), float(gammasgn(-1.5)))
    -1.0 1.0
    """
    (x,) = real_args("gammasgn", ("x",), (x,))
    one = _util.full_like(x, 1.0)
    fl = lax.floor(x)
    odd = lax.ne(lax.sub(fl, lax.mul(_c(x, 2), lax.floor(lax.mul(fl, _c(x, 0.5))))), _c(x, 0))
    neg = _where(odd, lax.neg(one), one)
    zero = _where(lax.lt(lax.div(one, x), _c(x, 0)), lax.neg(one), one)   # sign of the zero
    out = _where(lax.gt(x, _c(x, 0)), one, neg)
    out = _where(lax.eq(x, _c(x, 0)), zero, out)
    bad = lax.or_(lax.and_(lax.lt(x, _c(x, 0)), lax.eq(fl, x)), lax.ne(x, x))
    return _where(bad, _c(x, np.nan), out)


@public
def digamma(x):
    """Digamma function psi(x), the logarithmic derivative of the gamma function.

    Parameters
    ----------
    x : array_like
        Real or complex argument.

    Returns
    -------
    jax.Array
        psi(x) (-inf at 0, NaN at the negative integers; complex x: NaN at the poles).

    Notes
    -----
    Accurate next to the positive root x0 = 1.4616... (a Taylor series about it).

    Examples
    --------
    >>> from jaxwrap.scipy.special import digamma
    >>> print(f"{float(digamma(1.0)):.6f}")
    -0.577216
    """
    if _complex_arg(x):
        return _complex_call("digamma", _GC.digamma, x)
    (x,) = real_args("digamma", ("x",), (x,))
    return lax.psi(x)


psi = digamma


def _int_valued(x):
    return lax.eq(lax.floor(x), x)


@public
def polygamma(n, x):
    """Polygamma function, the n-th derivative of the digamma function.

    psi^(n)(x) = (-1)^(n+1) n! zeta(n + 1, x) for n >= 1, and digamma(x) for n = 0.

    Parameters
    ----------
    n : array_like
        Non-negative integer order (NaN elsewhere).
    x : array_like
        Real argument; negative x is supported down to -9990.

    Returns
    -------
    jax.Array
        psi^(n)(x).

    Examples
    --------
    >>> from jaxwrap.scipy.special import polygamma
    >>> print(f"{float(polygamma(1, 1.0)):.6f}")
    1.644934
    """
    n, x = real_args("polygamma", ("n", "x"), (n, x))
    one = _util.full_like(x, 1.0)
    n1 = lax.add(n, one)
    fact = lax.gamma(n1)
    sign = _where(_int_valued(lax.mul(n, _c(n, 0.5))), lax.neg(one), one)   # (-1)^(n+1)
    higher = lax.mul(lax.mul(sign, fact), lax.zeta(_where(lax.gt(n, _c(n, 0)), n1, _c(n, 2.0)),
                                                     x, continued=False))
    out = _where(lax.eq(n, _c(n, 0)), lax.psi(x), higher)
    bad = lax.or_(lax.lt(n, _c(n, 0)), lax.not_(_int_valued(n)))
    return _where(bad, _c(x, np.nan), out)


@public(static=("d",))
def multigammaln(a, d):
    """Logarithm of the multivariate gamma function of dimension ``d``.

    ln Gamma_d(a) = d (d - 1) / 4 ln(pi) + sum_{j=0}^{d-1} ln Gamma(a - j/2).

    Parameters
    ----------
    a : array_like
        Real argument (the result is finite for a > (d - 1) / 2).
    d : int
        Dimension (static).

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import multigammaln
    >>> print(f"{float(multigammaln(3.0, 2)):.6f}")
    1.550195
    """
    import operator
    try:
        d = operator.index(d)
    except TypeError:
        raise TypeError(f"multigammaln(): d must be an integer, got {type(d).__name__}") from None
    if d < 1:
        raise ValueError(f"multigammaln(): d must be a positive integer, got {d}")
    (a,) = real_args("multigammaln", ("a",), (a,))
    out = _util.full_like(a, d * (d - 1) / 4 * np.log(np.pi))
    for j in range(d):
        out = lax.add(out, lax.gammaln(lax.sub(a, _c(a, j / 2))))
    return out


# --- beta ------------------------------------------------------------------------------------
@public
def betaln(a, b):
    """Natural logarithm of the absolute value of the beta function.

    Parameters
    ----------
    a, b : array_like
        Real arguments.

    Returns
    -------
    jax.Array
        ln |B(a, b)|.

    Notes
    -----
    For positive arguments Stirling's series is applied to the large ones, so that
    ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b) never cancels.

    Examples
    --------
    >>> from jaxwrap.scipy.special import betaln
    >>> print(f"{float(betaln(1e4, 2.0)):.5f}")
    -18.42078
    """
    a, b = real_args("betaln", ("a", "b"), (a, b))
    return lax.betaln(a, b)


@public
def beta(a, b):
    """Beta function B(a, b) = Gamma(a) Gamma(b) / Gamma(a + b).

    Parameters
    ----------
    a, b : array_like
        Real arguments (negative non-integers included).

    Returns
    -------
    jax.Array
        B(a, b).

    Examples
    --------
    >>> from jaxwrap.scipy.special import beta
    >>> print(f"{float(beta(-0.5, 2.0)):.6f}")
    -4.000000
    """
    a, b = real_args("beta", ("a", "b"), (a, b))
    s = lax.add(a, b)
    # positive arguments: exp(betaln) (betaln is accurate, and small next to the sizes of the
    # ln Gamma terms); otherwise products of gamma values where they are in range
    zero = _c(a, 0)
    pos = lax.and_(lax.gt(a, zero), lax.gt(b, zero))
    lim = _c(a, 30 if a.dtype == np.float32 else 150)
    small = lax.and_(lax.lt(lax.max(lax.abs(a), lax.abs(b)), lim), lax.lt(lax.abs(s), lim))
    direct = lax.mul(lax.gamma(a), lax.mul(lax.gamma(b), lax.rgamma(s)))
    sign = lax.mul(lax.mul(gammasgn(a), gammasgn(b)), gammasgn(s))
    via_log = lax.mul(_where(pos, _util.full_like(a, 1.0), sign), lax.exp(lax.betaln(a, b)))
    return _where(lax.and_(small, lax.not_(pos)), direct, via_log)


@public
def poch(z, m):
    """Pochhammer symbol (rising factorial) (z)_m = Gamma(z + m) / Gamma(z).

    Parameters
    ----------
    z, m : array_like
        Real arguments.

    Returns
    -------
    jax.Array
        (z)_m; 1 for m = 0.

    Examples
    --------
    >>> from jaxwrap.scipy.special import poch
    >>> print(float(poch(3.0, 2.0)))
    12.0
    """
    z, m = real_args("poch", ("z", "m"), (z, m))
    s = lax.add(z, m)
    zero, one = _c(z, 0), _util.full_like(z, 1.0)
    lim = _c(z, 30 if z.dtype == np.float32 else 150)
    # z, z + m > 0: Gamma(m) / B(z, m) for m > 0, B(z + m, -m) / Gamma(-m) for m < 0 (betaln
    # does not cancel the large ln Gamma terms); otherwise a ratio of gamma values
    pos = lax.and_(lax.gt(z, zero), lax.gt(s, zero))
    mp_ = lax.gt(m, zero)
    am = _where(mp_, m, lax.neg(m))
    am = _where(lax.eq(am, zero), one, am)
    zb = _where(mp_, z, s)
    zb = _where(pos, zb, one)
    lg = lax.sub(lax.gammaln(am), lax.betaln(zb, am))
    sgn = gammasgn(am)
    via_beta = _where(mp_, lax.mul(sgn, lax.exp(lg)), lax.div(lax.exp(lax.neg(lg)), sgn))
    small = lax.and_(lax.lt(lax.abs(z), lim), lax.lt(lax.abs(s), lim))
    direct = lax.mul(lax.gamma(s), lax.rgamma(z))
    sign = lax.mul(gammasgn(s), gammasgn(z))
    big = lax.mul(sign, lax.exp(lax.sub(lax.gammaln(s), lax.gammaln(z))))
    out = _where(pos, via_beta, _where(small, direct, big))
    return _where(lax.eq(m, zero), one, out)


@public
def binom(x, y):
    """Binomial coefficient as a function of real arguments,
    Gamma(x + 1) / (Gamma(y + 1) Gamma(x - y + 1)).

    Parameters
    ----------
    x, y : array_like
        Real arguments.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import binom
    >>> print(f"{float(binom(5.0, 2.0)):.6f}")
    10.000000
    """
    x, y = real_args("binom", ("x", "y"), (x, y))
    one = _util.full_like(x, 1.0)
    # 1 / ((x + 1) B(x - y + 1, y + 1))
    out = lax.div(one, lax.mul(lax.add(x, one), beta(lax.add(lax.sub(x, y), one), lax.add(y, one))))
    # integer arguments give integers (as scipy, whose integer path multiplies exactly)
    ints = lax.and_(_int_valued(x), _int_valued(y))
    out = _where(ints, lax.round(out, 1), out)
    return _where(lax.eq(y, _c(y, 0)), one, out)


# --- zeta ------------------------------------------------------------------------------------
def _riemann_zeta(x):
    """zeta(x): Euler-Maclaurin for x >= -1, the functional equation
    zeta(x) = 2^x pi^(x-1) sin(pi x / 2) Gamma(1 - x) zeta(1 - x) (DLMF 25.4.1) below (in log
    form where Gamma(1 - x) would overflow)."""
    one = _util.full_like(x, 1.0)
    low = lax.lt(x, _c(x, -1))
    xs = _where(low, _c(x, 0.5), x)
    direct = lax.zeta(xs, one, continued=True)
    xl = _where(low, x, _c(x, -3.0))
    s1 = lax.sub(one, xl)
    half = lax.mul(xl, _c(x, 0.5))
    # sin(pi x / 2) by the exact reduction of x / 2 (zero at the even negative integers)
    r = lax.sub(half, lax.mul(_c(x, 2.0), lax.round(lax.mul(half, _c(x, 0.5)), 1)))
    sinv = lax.sin(lax.mul(r, _c(x, np.pi)))
    z1 = lax.zeta(s1, one, continued=False)
    lim = _c(x, 30 if x.dtype == np.float32 else 160)
    prod = lax.mul(lax.mul(lax.pow(_util.full_like(x, 2.0), xl),
                           lax.pow(_util.full_like(x, np.pi), lax.sub(xl, one))),
                   lax.mul(sinv, lax.mul(lax.gamma(s1), z1)))
    logf = lax.add(lax.sub(lax.mul(xl, _c(x, np.log(2 * np.pi))), _c(x, np.log(np.pi))),
                   lax.gammaln(s1))
    via_log = lax.mul(lax.mul(sinv, z1), lax.exp(logf))
    refl = _where(lax.lt(s1, lim), prod, via_log)
    return _where(low, refl, direct)


@public
def zeta(x, q=None):
    """Riemann zeta function (``q`` None) or Hurwitz zeta function zeta(x, q).

    Parameters
    ----------
    x : array_like
        Order; the Hurwitz form needs x > 1 (NaN below, inf at 1).
    q : array_like, optional
        Shift; negative non-integer q down to -9990 is supported.

    Returns
    -------
    jax.Array

    Notes
    -----
    Euler-Maclaurin summation; the Riemann form is continued to x < 1 (zeta(-1) = -1/12).
    Differentiable in ``q`` only.

    Examples
    --------
    >>> from jaxwrap.scipy.special import zeta
    >>> print(f"{float(zeta(2.0)):.6f}", f"{float(zeta(2.0, 2.0)):.6f}")
    1.644934 0.644934
    """
    if q is None:
        (x,) = real_args("zeta", ("x",), (x,))
        return _riemann_zeta(x)
    x, q = real_args("zeta", ("x", "q"), (x, q))
    return lax.zeta(x, q, continued=False)


@public
def zetac(x):
    """Riemann zeta function minus 1, accurate where zeta(x) is close to 1.

    Parameters
    ----------
    x : array_like
        Real argument.

    Returns
    -------
    jax.Array
        zeta(x) - 1.

    Examples
    --------
    >>> from jaxwrap.scipy.special import zetac
    >>> print(f"{float(zetac(40.0)):.5e}")
    9.09495e-13
    """
    (x,) = real_args("zetac", ("x",), (x,))
    big = lax.gt(x, _c(x, 1))
    xb = _where(big, x, _c(x, 2.0))
    tail = lax.zeta(xb, _util.full_like(x, 2.0), continued=False)   # sum_{k >= 2} k^-x
    return _where(big, tail, lax.sub(_riemann_zeta(x), _c(x, 1.0)))
