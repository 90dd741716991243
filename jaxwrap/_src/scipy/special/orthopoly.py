"""scipy.special's classical orthogonal polynomials: values (``eval_*``),
Gauss quadrature nodes and weights (``roots_*``) and scipy's short aliases.

Values: the degree ``n`` is data (an integer array, traced or not).  Every
polynomial is evaluated by its three-term recurrence (``_orth.recurrence``)
in a ``while_loop`` of ``max(n) - 1`` steps, capped at ``_orth.N_MAX =
2**16`` (larger degrees give NaN, except the Chebyshev polynomials, whose
trigonometric / hyperbolic forms hold for every n).  The recurrence is
forward-stable on the orthogonality interval, where the error grows about
linearly with n.  Derivatives in x come from the classical identities
(DLMF 18.9.15-18.9.20): the derivative of a family member is another member
of degree n - 1, so derivatives of every order work (jax.grad, jax.jacfwd).

Float degrees: an integral float ``n`` gives the polynomial; a non-integral
one gives scipy's definition there, the hypergeometric form (DLMF 18.5.7 and its
special cases: ``hyp2f1`` of (1 - x) / 2 for Jacobi, Gegenbauer, Legendre and
Chebyshev, ``hyp1f1`` for Laguerre; see ``_real_degree``), except for real x in
the Chebyshev families, which take the trigonometric form (``cos(n arccos x)``
etc.), and real x > -1 for Legendre, which takes series at the end points and the
degree recurrence (``_legendre_fn``: the 2F1 series cancels for large degrees).  These forms are compiled only into programs whose degree has a float
dtype (an integer ``n`` never reaches them).  Their derivative in x comes from
the hypergeometric functions' own rules (hypergeometric.py, DLMF 15.5.1, 13.3.15).

Complex x (scipy's complex loops: every ``eval_*`` but the Hermite ones, and
``assoc_laguerre``): the same recurrences, which are polynomial, hence analytic,
in x, and the same derivative identities (``jax.grad(..., holomorphic=True)``);
non-integral float degrees through the complex hyp2f1 / hyp1f1 (with their NaN
regions).  The degree and the parameters stay real.  Degrees above ``N_MAX``
give NaN.  Off the orthogonality interval p_n is the dominant solution of its
recurrence, so the forward recurrence stays stable in the complex plane too.

Roots: ``n`` is a static Python int.  Golub-Welsch (the eigenvalues of the
symmetric tridiagonal Jacobi matrix of the monic recurrence, Golub & Welsch
1969) give the nodes, which three Newton steps on the orthonormal recurrence
refine to full precision; the weights come from the Christoffel-Darboux
formula ``w_i = 1 / sum_k q_k(x_i)**2`` (q_k orthonormal), summed with a
running power-of-two scale so no term overflows.  Chebyshev nodes and
weights have closed forms and use them.
"""

from __future__ import annotations

import functools
import math
import operator

import jax
import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes
from ... import control
from ...numpy import _util
from ...numpy._util import public
from . import _hyp_series as _S
from . import _orth_roots
from . import hypergeometric as _hyp
from ._orth import N_MAX, V, evaluate
from .gamma import digamma

__all__ = [
    "assoc_laguerre", "eval_chebyc", "eval_chebys", "eval_chebyt", "eval_chebyu",
    "eval_gegenbauer", "eval_genlaguerre", "eval_hermite", "eval_hermitenorm", "eval_jacobi",
    "eval_laguerre", "eval_legendre", "eval_sh_chebyt", "eval_sh_chebyu", "eval_sh_jacobi",
    "eval_sh_legendre",
]


# --- argument handling -------------------------------------------------------------
def _prep(name, n, x, params=(), names=(), int_only=False, complex_x=True):
    """Check, promote and broadcast ``(n, x, *params)``.

    Returns ``(k, frac, x, params)``: ``k`` the degree as int32 (clipped to
    ``[-N_MAX - 2, N_MAX + 1]``, so out-of-range stays out of range), ``frac``
    a bool array marking non-integral float degrees (or None), and the floats
    promoted to one inexact dtype.
    """
    argnames = ("n", *names, "x")
    _util.check_arraylike(name, n, *params, x, argnames=argnames)
    n = _util.asarray(n, name=name)
    floats = [_util.asarray(a, name=name) for a in (*params, x)]
    for a, an in zip((n, *floats), argnames):
        # complex x as scipy (its 'dD->D' loops); the degree and parameters stay real
        if dtypes.issubdtype(a.dtype, np.complexfloating) and (an != "x" or not complex_x):
            raise TypeError(f"{name}(): complex {an} is not supported")
    n_float = dtypes.issubdtype(n.dtype, np.floating)
    if n_float and int_only:
        raise TypeError(f"{name}(): n must be an integer array, got dtype {n.dtype}")
    promoted = _util.promote_dtypes_inexact(*floats, *([n] if n_float else []))
    *fl, = _util.broadcast_arrays(name, n, *promoted)
    n, fl = fl[0], fl[1:]
    ix = len(params)                                      # fl = [*params, x, (n)]
    if dtypes.issubdtype(fl[ix].dtype, np.complexfloating):
        # complex x: the degree and the parameters were real; back to the real dtype of
        # x's precision, so that their comparisons stay real
        fl = [v if i == ix else jnp.real(v) for i, v in enumerate(fl)]
    if n_float:
        n = fl.pop()
        frac = jnp.not_equal(n, jnp.floor(n))
        lim = float(N_MAX + 2)
        k = jnp.astype(jnp.clip(jnp.where(frac, 0.0, n), -lim, lim - 1), np.int32)
    else:
        frac = None
        lim = N_MAX + 2
        k = jnp.astype(jnp.clip(jnp.astype(n, np.int64 if n.dtype.itemsize > 4 else np.int32),
                                -lim, lim - 1), np.int32)
    *params, x = fl
    return k, frac, x, params, n


def _nan_where(cond, val):
    nan = complex(np.nan, np.nan) if dtypes.issubdtype(val.dtype, np.complexfloating) else np.nan
    return jnp.where(cond, jnp.full_like(val, nan), val)


def _finish(val, frac, family=None, nu=None, x=None, params=()):
    """Non-integral float degrees: the hypergeometric form of ``family`` (see
    ``_real_degree``) there, the recurrence's value elsewhere."""
    if frac is None:
        return val
    # the form sees a harmless degree where the degree is integral (its value is unused)
    nu = jnp.where(frac, nu, 0.5)
    return jnp.where(frac, _real_degree(family, nu, x, params), val)


def _binom(n, k):
    """binom(n, k) = Gamma(n + 1) / (Gamma(k + 1) Gamma(n - k + 1)) for real n, k (0 at
    the poles of a denominator)."""
    return _S.gamma_ratio((jnp.add(n, 1.0),), (jnp.add(k, 1.0), jnp.add(jnp.subtract(n, k), 1.0)))


def _real_degree(family, nu, x, params):
    """scipy's definitions for a real degree nu: the hypergeometric forms (DLMF 18.5.7
    for Jacobi, and its special cases for Gegenbauer, Legendre and Chebyshev, DLMF
    18.5.9-10 and 15.9; DLMF 18.5.12 for Laguerre), real or complex x."""
    g = jnp.multiply(jnp.subtract(1.0, x), 0.5)
    mnu = jnp.negative(nu)
    if family == "legendre":
        if dtypes.issubdtype(x.dtype, np.complexfloating):
            return _hyp.hyp2f1(mnu, jnp.add(nu, 1.0), jnp.ones_like(nu), g)
        return _legendre_fn(nu, x)
    if family == "chebyt":
        return _hyp.hyp2f1(mnu, nu, jnp.full_like(nu, 0.5), g)
    if family == "chebyu":
        f = _hyp.hyp2f1(mnu, jnp.add(nu, 2.0), jnp.full_like(nu, 1.5), g)
        return jnp.multiply(jnp.add(nu, 1.0), f)
    if family == "jacobi":
        a, b = params
        f = _hyp.hyp2f1(mnu, jnp.add(jnp.add(nu, a), jnp.add(b, 1.0)), jnp.add(a, 1.0), g)
        val = jnp.multiply(_binom(jnp.add(nu, a), nu), f)
        # nu + a + 1 = 0, -1, ...: binom(nu + a, nu) sits on a pole of Gamma(nu + a + 1),
        # whose two sides give opposite infinities: NaN at every x, as scipy (we gave
        # +-inf by the side the rounding fell on)
        top = jnp.add(jnp.add(nu, a), 1.0)
        pole = jnp.logical_and(jnp.less_equal(top, 0.0), jnp.equal(top, jnp.floor(top)))
        return _nan_where(pole, val)
    if family == "gegenbauer":
        (al,) = params
        two = jnp.add(al, al)
        d = _S.gamma_ratio((jnp.add(nu, two),), (jnp.add(nu, 1.0), two))
        f = _hyp.hyp2f1(mnu, jnp.add(nu, two), jnp.add(al, 0.5), g)
        return jnp.multiply(d, f)
    if family == "sh_jacobi":                  # P^(p-q, q-1)(2x - 1) / binom(2 nu + p - 1, nu)
        p, q = params
        xs = jnp.subtract(jnp.add(x, x), 1.0)
        pj = _real_degree("jacobi", nu, xs, (jnp.subtract(p, q), jnp.subtract(q, 1.0)))
        return jnp.true_divide(pj, _binom(jnp.add(jnp.add(nu, nu), jnp.subtract(p, 1.0)), nu))
    (al,) = params                             # genlaguerre
    f = _hyp.hyp1f1(mnu, jnp.add(al, 1.0), x)
    return jnp.multiply(_binom(jnp.add(nu, al), nu), f)


# --- Legendre functions of real degree ------------------------------------------------
# scipy's eval_legendre(nu, x) for a non-integral nu is 2F1(-nu, nu + 1; 1; (1 - x) / 2),
# on -1 < x < 1 the Ferrers function P_nu(x) (DLMF 14.3.1).  That series cancels badly
# for large |nu| (its terms grow like I_0(2 nu sqrt(z)) while the sum is O(nu**-1/2)),
# and its 1 - z connection (c - a - b = 0, the logarithmic case) loses digits too: both
# scipy's and the old 2F1 path reached relative errors >> 1 at |nu| ~ 50, x ~ 0.  For
# x > -1 we instead reduce nu to nu >= -1/2 (P_{-nu-1} = P_nu, DLMF 14.9.5), split
# nu = m + f (m the nearest integer, |f| <= 1/2), and
# - next to x = +-1, where nu (nu + 1) t <= _LEG_T (t = (1 -+ x) / 2 <= 1/2), sum the
#   convergent series at nu itself (_legendre_series: terms ~ (nu**2 t)**k / k!**2, so
#   at most a factor I_0(2) / J_0(2) ~ 10 of cancellation away from the zeros);
# - elsewhere take P_f and P_{f-1} = P_{-f} from the same series (|degree| <= 1/2) and
#   run the degree recurrence (DLMF 14.10.3)
#       (mu + 1) P_{mu+1} = (2 mu + 1) x P_mu - mu P_{mu-1},   mu = f, ..., nu - 1,
#   m steps: on [-1, 1] P and Q have the same size (DLMF 14.15.11), so the recurrence
#   is neutrally stable and the error grows about linearly in m, as for integer
#   degrees; for x > 1 P is its dominant solution (stable), started from the 2F1 form
#   at the small degrees -f, f (accurate there).
# x <= -1 (scipy: inf), NaN x, |nu| > N_MAX and complex x keep the 2F1 form.
# Series terms: u_{k+1} / u_k = (k - nu)(k + 1 + nu) / (k + 1)**2 times t <= 1/2 is at
# most max(_LEG_T / (k + 1)**2, 1/2) in modulus, so term 56 is below 2**-56 ~ 1.4e-17 of
# the first (the log form's factor h_k - ln w grows only like ln k).
_LEG_TERMS = 56
_LEG_T = 1.0      # nu (nu + 1) t below which the series at nu itself is used


def _legendre_series(nu, m, f, x):
    """Ferrers ``P_nu(x)`` from its series at the nearer end point, ``nu = m + f``
    (``m`` integral, ``|f| <= 1/2``, ``nu >= -1/2``), ``-1 < x <= 1``; accurate where
    ``nu (nu + 1) t <= _LEG_T`` (or ``|nu| <= 1/2``), t = (1 -+ x) / 2.

    x >= 0: the 2F1 series sum_k u_k z**k in z = (1 - x) / 2 (DLMF 14.3.1),
    u_k = (-nu)_k (nu + 1)_k / k!**2.
    x < 0: its logarithmic 1 - z connection (c = a + b, DLMF 15.8.10 with m = 0) in
    w = (1 + x) / 2; with Gamma(-nu) Gamma(1 + nu) = -pi / sin(pi nu) and
    psi(k - nu) = psi(1 + nu - k) + pi cot(pi nu) (DLMF 5.5.4, pole-free for the k
    that matter) it reads, s = sin(pi nu) / pi,
        P_nu(x) = sum_k w**k [cos(pi nu) u_k - s (u_k (h_k - ln w) - v_k)],
        h_k = 2 psi(k + 1) - psi(k + 1 + nu),   v_k = u_k psi(1 + nu - k),
    where v_k runs through the poles of psi as a product: v_{k+1} = r_k v_k +
    u_k (k + 1 + nu) / (k + 1)**2, r_k = u_{k+1} / u_k.  cos(pi nu) = (-1)**m cos(pi f)
    and sin likewise, with f exact, so no pi * nu rounding.  _LEG_TERMS terms (static).
    """
    dt = x.dtype
    nv = V(nu)
    neg = jnp.less(x, 0.0)
    z = jnp.where(neg, 0.0, _raw(0.5 - 0.5 * V(x)))
    w = jnp.where(neg, _raw(0.5 + 0.5 * V(x)), 0.5)
    lw = jnp.log(w)
    sign = jnp.where(jnp.equal(jnp.remainder(m, 2.0), 0.0), 1.0, -1.0)
    c = jnp.multiply(sign, jnp.cos(jnp.multiply(np.pi, f)))
    s = jnp.true_divide(jnp.multiply(sign, jnp.sin(jnp.multiply(np.pi, f))), np.pi)
    euler = 0.5772156649015329
    psi1 = digamma(_raw(1.0 + nv))
    h0 = _raw(-2.0 * euler - V(psi1))
    b2 = _raw(V(h0) - V(lw) - V(psi1))              # u_0 (h_0 - ln w) - v_0

    def body(k, state):
        a, b, vb, h, sa, sb1, sb2 = state   # u_k z**k, u_k w**k, v_k w**k, h_k, sums to k
        kf = jnp.astype(k, dt)
        k1 = V(kf) + 1.0
        r = _raw((V(kf) - nv) * (k1 + nv) / (k1 * k1))
        vb = _raw((V(r) * V(vb) + V(b) * (k1 + nv) / (k1 * k1)) * V(w))
        a = jnp.multiply(a, jnp.multiply(r, z))
        b = jnp.multiply(b, jnp.multiply(r, w))
        h = _raw(V(h) + 2.0 / k1 - 1.0 / (k1 + nv))
        sa = jnp.add(sa, a)
        sb1 = jnp.add(sb1, b)
        sb2 = jnp.add(sb2, _raw(V(b) * (V(h) - V(lw)) - V(vb)))
        return a, b, vb, h, sa, sb1, sb2

    one = jnp.ones_like(x)
    init = (one, one, jnp.multiply(psi1, one), h0, one, one, b2)
    _, _, _, _, sa, sb1, sb2 = control.fori_loop(0, _LEG_TERMS, body, init)
    logform = jnp.subtract(jnp.multiply(c, sb1), jnp.multiply(s, sb2))
    return jnp.where(neg, logform, sa)


def _raw(v):
    return v.a if isinstance(v, V) else v


def _legendre_hyp(nu, x):
    g = jnp.multiply(jnp.subtract(1.0, x), 0.5)
    return _hyp.hyp2f1(jnp.negative(nu), jnp.add(nu, 1.0), jnp.ones_like(nu), g)


@jax.custom_jvp
def _legendre_fn(nu, x):
    """scipy's eval_legendre for real non-integral ``nu`` and real ``x``: the degree
    recurrence from ``P_{f-1}``, ``P_f`` (see above) for x > -1 and ``|nu| <= N_MAX``,
    a bounded loop of ``max(m) <= N_MAX`` steps; the 2F1 form elsewhere (x <= -1: inf
    as scipy; NaN x; larger degrees)."""
    inside = jnp.logical_and(jnp.greater(x, -1.0), jnp.less(x, np.inf))
    inside = jnp.logical_and(inside, jnp.less_equal(jnp.abs(nu), float(N_MAX)))
    xr = jnp.where(inside, x, 0.5)
    nr = jnp.where(inside, nu, 0.5)
    nr = jnp.where(jnp.less(nr, -0.5), jnp.subtract(-1.0, nr), nr)   # DLMF 14.9.5
    m = jnp.round(nr)
    f = jnp.subtract(nr, m)                # exact: m is the integer nearest nu
    mi = jnp.astype(m, np.int32)
    # start values P_{f-1} = P_{-f} and P_f: the series on (-1, 1]; for x > 1 the 2F1
    # form at these small degrees.  Stacked calls, so hyp2f1 and the series are
    # compiled once: the third row is the answer off the recurrence's domain (2F1) and
    # next to x = +-1 (the series at nu itself).
    out = jnp.greater(xr, 1.0)
    xo = jnp.where(out, xr, 2.0)
    xi = jnp.where(out, 0.5, xr)
    hyp = _legendre_hyp(jnp.stack([jnp.negative(f), f, nu]), jnp.stack([xo, xo, x]))
    zero = jnp.zeros_like(f)
    small = _legendre_series(jnp.stack([jnp.negative(f), f, nr]), jnp.stack([zero, zero, m]),
                             jnp.stack([jnp.negative(f), f, f]), jnp.stack([xi, xi, xi]))
    t = jnp.multiply(jnp.subtract(1.0, jnp.abs(xi)), 0.5)
    near = jnp.logical_and(jnp.logical_and(inside, jnp.logical_not(out)),
                           jnp.less_equal(jnp.multiply(jnp.multiply(nr, jnp.add(nr, 1.0)), t),
                                          _LEG_T))
    inside = jnp.logical_and(inside, jnp.logical_not(near))
    mi = jnp.where(inside, mi, np.int32(0))        # the loop runs only for the rest
    # (unstack, not hyp[0]: indexing would bind jax's own slice / squeeze)
    hyp, small = jnp.unstack(hyp), jnp.unstack(small)
    pm = jnp.where(out, hyp[0], small[0])
    p = jnp.where(out, hyp[1], small[1])
    if np.size(x) == 0:
        return p

    def cond(state):
        return jnp.less(state[0], stop)

    def body(state):
        k, pm, p = state
        mu = V(jnp.add(f, jnp.astype(k, x.dtype)))
        grow = (2.0 * mu + 1.0) * V(xr) * V(p)
        nxt = _raw((grow - mu * V(pm)) / (mu + 1.0))
        # x > 1: once P overflows, inf - inf would give NaN: keep the overflow's sign
        nxt = jnp.where(jnp.logical_and(jnp.isinf(p), jnp.isnan(nxt)), _raw(grow), nxt)
        go = jnp.less(k, mi)
        return jnp.add(k, np.int32(1)), jnp.where(go, p, pm), jnp.where(go, nxt, p)

    stop = jnp.max(mi)
    _, _, p = jax.lax.while_loop(cond, body, (np.int32(0), pm, p))
    return jnp.where(near, small[2], jnp.where(inside, p, hyp[2]))


@_legendre_fn.defjvp
def _legendre_fn_jvp(primals, tangents):
    # d/dx 2F1(-nu, nu + 1; 1; (1 - x) / 2) = nu (nu + 1) / 2 2F1(1 - nu, nu + 2; 2; .)
    # (DLMF 15.5.1), through hyp2f1's own custom_jvp, so higher derivatives work; the
    # derivative in nu has no closed form: NaN, as hyp2f1's in its parameters
    nu, x = primals
    dnu, dx = tangents
    y = _legendre_fn(nu, x)
    g = jnp.multiply(jnp.subtract(1.0, x), 0.5)
    c = jnp.multiply(jnp.multiply(nu, jnp.add(nu, 1.0)), 0.5)
    dy = jnp.multiply(jnp.multiply(c, _hyp.hyp2f1(jnp.subtract(1.0, nu), jnp.add(nu, 2.0),
                                                  jnp.full_like(nu, 2.0), g)), dx)
    dy = jnp.add(dy, jnp.multiply(dnu, np.nan))
    return y, jnp.astype(dy, y.dtype)


# --- Chebyshev: recurrence, and trigonometric forms for large or real degree --------
def _cheb_trig(kind, nu, x):
    """T_nu(x) / U_nu(x) for real nu from the trigonometric (|x| <= 1) and
    hyperbolic (|x| > 1) forms, DLMF 18.5.1-18.5.2 / their 2F1 continuations.
    Each branch sees only arguments inside its own domain (safe where), so
    derivatives of the branch not taken stay finite."""
    ax = jnp.abs(x)
    inside = jnp.less_equal(ax, 1.0)
    th = jnp.arccos(jnp.where(inside, x, 0.0))
    t = jnp.arccosh(jnp.where(inside, 2.0, ax))
    if kind == "t":
        v_in = jnp.cos(jnp.multiply(nu, th))
        v_out = jnp.cosh(jnp.multiply(nu, t))
    else:
        nu1 = jnp.add(nu, 1.0)
        s = jnp.sin(th)
        at_end = jnp.equal(s, 0.0)                # x = 1: the limit nu + 1
        v_in = jnp.where(at_end, nu1, jnp.true_divide(jnp.sin(jnp.multiply(nu1, th)),
                                                      jnp.where(at_end, 1.0, s)))
        v_out = jnp.true_divide(jnp.sinh(jnp.multiply(nu1, t)), jnp.sinh(t))
    return jnp.where(inside, v_in, v_out)


def _cheb(kind, name, n, x):
    k, frac, x, _, n = _prep(name, n, x)
    if kind == "t":                                       # T_{-n} = T_n
        m, sign = jnp.abs(k), None
        deg = jnp.abs(n)
    else:                                                 # U_{-n} = -U_{n-2}
        neg = jnp.less(k, 0)
        m = jnp.where(neg, jnp.subtract(np.int32(-2), k), k)
        sign = jnp.where(neg, -1.0, 1.0)
        deg = jnp.where(jnp.less(n, 0), jnp.subtract(-2, n), n)
    val = evaluate("chebyt" if kind == "t" else "chebyu", m, x)   # NaN above N_MAX
    if dtypes.issubdtype(x.dtype, np.complexfloating):
        # complex x: the recurrence (NaN above N_MAX); non-integral degrees: hyp2f1
        val = _finish(val, frac, "cheby" + kind, n, x)
        return val if sign is None else jnp.multiply(sign, val)
    # Integer degrees above N_MAX: trigonometric form at |x| and the parity
    # p_n(-x) = (-1)^n p_n(x); non-integral float degrees: the form at x itself
    # (x < -1: scipy's 2F1 continuation at z > 1, inf; see below).
    use = jnp.greater(m, np.int32(N_MAX))
    if frac is not None:
        use = jnp.logical_or(use, frac)
    xs = jnp.where(use, x, 0.5)         # the recurrence's points never reach the trig forms
    odd = jnp.not_equal(jnp.remainder(deg, 2), 0)
    trig = _cheb_trig(kind, jnp.astype(deg, x.dtype), jnp.abs(xs))
    trig = jnp.where(jnp.logical_and(jnp.less(xs, 0.0), odd), jnp.negative(trig), trig)
    if frac is not None:
        trig = jnp.where(frac, _cheb_trig(kind, deg, xs), trig)
        if sign is not None:    # U: deg = -2 - nu for nu < 0 needs U_nu = -U_{-2-nu} here
            sign = jnp.where(frac, jnp.where(jnp.less(n, 0), -1.0, 1.0), sign)
    val = jnp.where(use, trig, val)
    val = val if sign is None else jnp.multiply(sign, val)
    if frac is not None:
        # x < -1 (eval_sh_*: x < 0) with a non-integral degree: scipy's form there is
        # 2F1(-nu, nu; 1/2; z) (U: (nu + 1) 2F1(-nu, nu + 2; 3/2; z)) at z = (1 - x)/2 > 1,
        # which its real hyp2f1 (and ours) gives as inf: T = inf, U = inf with the
        # sign of nu + 1 (scipy 1.17: eval_sh_chebyt(2.5, -0.3) = inf)
        far = jnp.logical_and(frac, jnp.less(xs, -1.0))
        inf = np.inf if kind == "t" else jnp.multiply(jnp.sign(jnp.add(n, 1.0)), np.inf)
        val = jnp.where(far, inf, val)
        # x = -1 itself (z = 1).  U: sin((nu + 1) t) / sin t has no limit there (the two
        # sides give opposite infinities; from inside, mpmath's -inf for nu = 0.3), and
        # the trigonometric form gave sin(1.3 pi) / sin(fl(pi)) = -6.6e15.  scipy's 2F1
        # form diverges (c - a - b = -1/2) and gives inf with the sign of nu + 1: we take
        # scipy's value for drop-in fidelity (its eval_chebyu(0.3, -1) = inf).
        # T: Gauss's sum (DLMF 15.4.20) is cos(pi nu), finite; computed from the exact
        # reduction nu = m + f, cos(pi nu) = (-1)**m sin(pi (1/2 - |f|)), so that
        # half-integral degrees give 0 exactly, as scipy, not cos(fl(pi) nu) ~ 1e-16.
        at = jnp.logical_and(frac, jnp.equal(xs, -1.0))
        if kind == "t":
            m = jnp.round(n)
            f = jnp.abs(jnp.subtract(n, m))
            par = jnp.where(jnp.equal(jnp.remainder(m, 2.0), 0.0), 1.0, -1.0)
            edge = jnp.multiply(par, jnp.sin(jnp.multiply(np.pi, jnp.subtract(0.5, f))))
        else:
            edge = inf
        val = jnp.where(at, edge, val)
    return val


@public
def eval_chebyt(n, x, out=None):
    """Chebyshev polynomial of the first kind, ``T_n(x)``.

    Parameters
    ----------
    n : array_like
        Degree (integer; a non-integral float gives ``cos(n arccos x)``).
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported (jax arrays are immutable).

    Returns
    -------
    jax.Array
        ``T_n(x)``, in the promoted floating dtype of ``x``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_chebyt
    >>> print(eval_chebyt(3, 0.5))
    -1.0
    """
    _util.check_out("eval_chebyt", out)
    return _cheb("t", "eval_chebyt", n, x)


@public
def eval_chebyu(n, x, out=None):
    """Chebyshev polynomial of the second kind, ``U_n(x)``.

    Parameters
    ----------
    n : array_like
        Degree (integer; a non-integral float gives ``sin((n+1)t) / sin(t)``,
        ``x = cos(t)``).
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array
        ``U_n(x)``.

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_chebyu
    >>> print(eval_chebyu(2, 0.5))
    0.0
    """
    _util.check_out("eval_chebyu", out)
    return _cheb("u", "eval_chebyu", n, x)


@public
def eval_chebyc(n, x, out=None):
    """Chebyshev polynomial of the first kind on [-2, 2], ``C_n(x) = 2 T_n(x/2)``.

    Parameters
    ----------
    n, x : array_like
        Degree and points (x real or complex; a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_chebyc
    >>> print(eval_chebyc(2, 1.0))
    -1.0
    """
    _util.check_out("eval_chebyc", out)
    x = _half(x, "eval_chebyc")
    return jnp.multiply(2.0, _cheb("t", "eval_chebyc", n, x))


@public
def eval_chebys(n, x, out=None):
    """Chebyshev polynomial of the second kind on [-2, 2], ``S_n(x) = U_n(x/2)``.

    Parameters
    ----------
    n, x : array_like
        Degree and points (x real or complex; a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_chebys
    >>> print(eval_chebys(2, 1.0))
    0.0
    """
    _util.check_out("eval_chebys", out)
    return _cheb("u", "eval_chebys", n, _half(x, "eval_chebys"))


@public
def eval_sh_chebyt(n, x, out=None):
    """Shifted Chebyshev polynomial of the first kind, ``T_n(2x - 1)``.

    Parameters
    ----------
    n, x : array_like
        Degree and points (x real or complex; a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_sh_chebyt
    >>> print(eval_sh_chebyt(2, 1.0))
    1.0
    """
    _util.check_out("eval_sh_chebyt", out)
    return _cheb("t", "eval_sh_chebyt", n, _shift(x, "eval_sh_chebyt"))


@public
def eval_sh_chebyu(n, x, out=None):
    """Shifted Chebyshev polynomial of the second kind, ``U_n(2x - 1)``.

    Parameters
    ----------
    n, x : array_like
        Degree and points (x real or complex; a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_sh_chebyu
    >>> print(eval_sh_chebyu(2, 1.0))
    3.0
    """
    _util.check_out("eval_sh_chebyu", out)
    return _cheb("u", "eval_sh_chebyu", n, _shift(x, "eval_sh_chebyu"))


def _floatx(x, name):
    _util.check_arraylike(name, x, argnames=["x"])
    x = _util.asarray(x, name=name)
    return _util.promote_dtypes_inexact(x)[0]


def _half(x, name):
    return jnp.multiply(_floatx(x, name), 0.5)


def _shift(x, name):
    x = _floatx(x, name)
    return jnp.subtract(jnp.add(x, x), 1.0)


# --- Legendre, Gegenbauer, Jacobi, Laguerre, Hermite -------------------------------------
@public
def eval_legendre(n, x, out=None):
    """Legendre polynomial ``P_n(x)``.

    Parameters
    ----------
    n : array_like
        Degree (integer; ``P_{-n-1} = P_n``).  A non-integral float degree
        gives the Legendre function ``2F1(-n, n + 1; 1; (1 - x) / 2)``, as scipy.
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_legendre
    >>> print(eval_legendre(2, 0.5))
    -0.125
    """
    _util.check_out("eval_legendre", out)
    return _legendre("eval_legendre", n, x)


def _legendre(name, n, x):
    k, frac, x, _, nu = _prep(name, n, x)
    k = jnp.where(jnp.less(k, 0), jnp.subtract(np.int32(-1), k), k)
    return _finish(evaluate("legendre", k, x), frac, "legendre", nu, x)


@public
def eval_sh_legendre(n, x, out=None):
    """Shifted Legendre polynomial ``P_n(2x - 1)``.

    Parameters
    ----------
    n, x : array_like
        Degree and points (x real or complex; a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_sh_legendre
    >>> print(eval_sh_legendre(1, 0.25))
    -0.5
    """
    _util.check_out("eval_sh_legendre", out)
    return _legendre("eval_sh_legendre", n, _shift(x, "eval_sh_legendre"))


@public
def eval_gegenbauer(n, alpha, x, out=None):
    """Gegenbauer (ultraspherical) polynomial ``C_n^(alpha)(x)``.

    Parameters
    ----------
    n : array_like
        Degree (negative degrees give 0).
    alpha : array_like
        Parameter (``alpha = -1/2`` gives NaN for ``n != 0``, as in scipy).
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_gegenbauer
    >>> print(eval_gegenbauer(2, 1.0, 0.5))
    0.0
    """
    _util.check_out("eval_gegenbauer", out)
    k, frac, x, (al,), nu = _prep("eval_gegenbauer", n, x, (alpha,), ("alpha",))
    val = evaluate("gegenbauer", k, x, al)
    bad = jnp.logical_and(jnp.equal(al, -0.5), jnp.not_equal(k, 0))
    return _finish(_nan_where(bad, val), frac, "gegenbauer", nu, x, (al,))


@public
def eval_jacobi(n, alpha, beta, x, out=None):
    """Jacobi polynomial ``P_n^(alpha, beta)(x)``.

    Parameters
    ----------
    n : array_like
        Degree (negative degrees give 0).
    alpha, beta : array_like
        Parameters.
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_jacobi
    >>> print(eval_jacobi(1, 1.0, 0.0, 0.5))
    1.25
    """
    _util.check_out("eval_jacobi", out)
    k, frac, x, (a, b), nu = _prep("eval_jacobi", n, x, (alpha, beta), ("alpha", "beta"))
    return _finish(evaluate("jacobi", k, x, a, b), frac, "jacobi", nu, x, (a, b))


@public
def eval_sh_jacobi(n, p, q, x, out=None):
    """Shifted Jacobi polynomial ``G_n^(p, q)(x)`` (monic, orthogonal on [0, 1]).

    ``G_n^(p,q)(x) = P_n^(p-q, q-1)(2x - 1) / binom(2n + p - 1, n)``.

    Parameters
    ----------
    n : array_like
        Degree (negative degrees give NaN).
    p, q : array_like
        Parameters, ``p - q > -1`` and ``q > 0``.
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_sh_jacobi
    >>> print(round(float(eval_sh_jacobi(1, 2.0, 1.0, 0.5)), 6))
    0.166667
    """
    _util.check_out("eval_sh_jacobi", out)
    k, frac, x, (p, q), nu = _prep("eval_sh_jacobi", n, x, (p, q), ("p", "q"))
    val = evaluate("sh_jacobi", k, x, p, q)
    return _finish(_nan_where(jnp.less(k, 0), val), frac, "sh_jacobi", nu, x, (p, q))


@public
def eval_genlaguerre(n, alpha, x, out=None):
    """Generalized Laguerre polynomial ``L_n^(alpha)(x)``.

    Parameters
    ----------
    n : array_like
        Degree (negative degrees give 0).
    alpha : array_like
        Parameter, ``alpha > -1`` (NaN otherwise).
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_genlaguerre
    >>> print(eval_genlaguerre(1, 1.0, 0.5))
    1.5
    """
    _util.check_out("eval_genlaguerre", out)
    return _genlaguerre("eval_genlaguerre", n, alpha, x)


def _genlaguerre(name, n, alpha, x):
    k, frac, x, (al,), nu = _prep(name, n, x, (alpha,), ("alpha",))
    val = evaluate("genlaguerre", k, x, al)
    val = _finish(val, frac, "genlaguerre", nu, x, (al,))
    return _nan_where(jnp.less_equal(al, -1.0), val)


@public
def eval_laguerre(n, x, out=None):
    """Laguerre polynomial ``L_n(x)``.

    Parameters
    ----------
    n : array_like
        Degree (negative degrees give 0).
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_laguerre
    >>> print(eval_laguerre(1, 0.25))
    0.75
    """
    _util.check_out("eval_laguerre", out)
    k, frac, x, _, nu = _prep("eval_laguerre", n, x)
    zero = jnp.zeros_like(nu if frac is not None else jnp.real(x))
    return _finish(evaluate("genlaguerre", k, x, zero), frac, "genlaguerre", nu, x, (zero,))


@public
def assoc_laguerre(x, n, k=0.0):
    """Associated (generalized) Laguerre polynomial ``L_n^(k)(x)``.

    Same as :func:`eval_genlaguerre` with the arguments in the order
    ``(x, n, k)``.

    Parameters
    ----------
    x : array_like
        Points, real or complex (a non-integral float degree: scipy's hyp2f1 / hyp1f1 form).
    n : array_like
        Degree.
    k : array_like, optional
        Parameter, ``k > -1``.  Default 0.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import assoc_laguerre
    >>> print(assoc_laguerre(0.5, 1, 1.0))
    1.5
    """
    return _genlaguerre("assoc_laguerre", n, k, x)


def _hermite(name, family, n, x):
    k, _, x, _, _ = _prep(name, n, x, int_only=True, complex_x=False)  # scipy: real x only
    return _nan_where(jnp.less(k, 0), evaluate(family, k, x))


@public
def eval_hermite(n, x, out=None):
    """Physicists' Hermite polynomial ``H_n(x)``.

    Parameters
    ----------
    n : array_like of int
        Degree (negative degrees give NaN).
    x : array_like
        Points.
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_hermite
    >>> print(eval_hermite(2, 1.0))
    2.0
    """
    _util.check_out("eval_hermite", out)
    return _hermite("eval_hermite", "hermite", n, x)


@public
def eval_hermitenorm(n, x, out=None):
    """Probabilists' Hermite polynomial ``He_n(x)``.

    Parameters
    ----------
    n : array_like of int
        Degree (negative degrees give NaN).
    x : array_like
        Points.
    out : None
        Not supported.

    Returns
    -------
    jax.Array

    Examples
    --------
    >>> from jaxwrap.scipy.special import eval_hermitenorm
    >>> print(eval_hermitenorm(2, 2.0))
    3.0
    """
    _util.check_out("eval_hermitenorm", out)
    return _hermite("eval_hermitenorm", "hermitenorm", n, x)


# --- Gauss quadrature: roots_* ---------------------------------------------------------
def _order(name, n) -> int:
    try:
        n = operator.index(n)
    except TypeError:
        raise ValueError(f"{name}(): n must be a positive integer, got {n!r}") from None
    if n < 1:
        raise ValueError(f"{name}(): n must be a positive integer, got {n}")
    return n


def _scalar(name, argname, v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, jax.errors.ConcretizationTypeError):
        raise TypeError(f"{name}(): {argname} must be a concrete real scalar (the rule is "
                        f"computed for fixed parameters), got {type(v).__name__}") from None


def _float_dtype():
    return dtypes.canonicalize_dtype(np.float64)


def _cheb_rule(kind: str, n: int, shifted: bool):
    """Closed-form Chebyshev nodes (ascending) and weights, float64 host values.

    T: x_k = cos((2k+1) pi / 2n), w = pi / n;  U: x_k = cos(k pi / (n+1)),
    w = pi / (n+1) sin^2(k pi / (n+1)) (DLMF 3.5.22-3.5.23).  Written with the
    sine of an angle in [-pi/2, pi/2] (nodes exactly symmetric, weights
    accurate at the ends), and for [0, 1] with x = (1 + cos t) / 2 =
    sin^2(...), so the smallest shifted nodes keep their relative accuracy.
    """
    j = np.arange(n, dtype=np.float64)
    if kind == "t":
        w = np.full(n, np.pi / n)
        if shifted:
            return np.sin(np.pi * (2 * j + 1) / (4 * n)) ** 2, w
        return np.sin(np.pi * (2 * j - (n - 1)) / (2 * n)), w
    m = np.minimum(j + 1, n - j)
    w = np.pi / (n + 1) * np.sin(np.pi * m / (n + 1)) ** 2
    if shifted:
        return np.sin(np.pi * (j + 1) / (2 * (n + 1))) ** 2, w
    return np.sin(np.pi * (2 * j - (n - 1)) / (2 * (n + 1))), w


@functools.partial(public, static=("family", "n", "params", "dtype"))
def _gauss_rule(family, n, params, dtype):
    dt = np.dtype(dtype)
    if family in ("hermite", "hermitenorm"):
        beta = np.arange(n, dtype=np.float64) * (0.5 if family == "hermite" else 1.0)
        return _orth_roots.gauss(np.zeros(n), beta, 1.0, True, dt)
    if family == "genlaguerre":
        (al,) = params
        k = np.arange(n, dtype=np.float64)
        return _orth_roots.gauss(2 * k + al + 1, k * (k + al), 1.0, False, dt)
    a, b, shifted = params
    alpha, beta = _orth_roots.jacobi_coefs(n, a, b)
    if shifted:       # the same rule moved to [0, 1]: x = (t + 1) / 2
        alpha, beta = (1 + alpha) / 2, beta / 4
    return _orth_roots.gauss(alpha, beta, 1.0, not shifted and a == b, dt)


def _rule(name, family, n, params, mu0, mu, scale_x=1.0, shifted=False):
    """Nodes, weights (for a weight of total mass ``mu0``) and optionally mu0.

    ``_gauss_rule`` works with the unit mass; the weights are scaled here.
    """
    n = _order(name, n)
    dt = _float_dtype()
    if family in ("chebyt", "chebyu"):
        x, w = _cheb_rule(family[-1], n, shifted)
        x = jnp.asarray((x * scale_x).astype(dt))
        w = jnp.asarray((w * (mu0 / (np.pi if family == "chebyt" else np.pi / 2))).astype(dt))
    else:
        x, w = _gauss_rule(family, n, params, dt.name)
        w = jnp.multiply(w, dt.type(mu0))
    return (x, w, jnp.asarray(mu0, dt)) if mu else (x, w)


_ROOTS_DOC = """Gauss-{title} quadrature: nodes and weights.

    Nodes are the roots of the degree-``n`` {title} polynomial; with the
    weights they integrate ``f(x) {weight}`` over {interval} exactly for
    polynomials f of degree up to ``2n - 1``.

    Parameters
    ----------
    n : int
        Number of nodes (a static Python int >= 1).{params}
    mu : bool, optional
        Also return the integral of the weight function.

    Returns
    -------
    x : jax.Array, shape (n,)
        Nodes, ascending.
    w : jax.Array, shape (n,)
        Weights.
    mu : jax.Array, optional
        Sum of the weights (only with ``mu=True``).

    Examples
    --------
    >>> from jaxwrap.scipy.special import {name}
    >>> x, w = {name}({example})
    >>> print(round(float(w.sum()), 6))
    {total}
    """


def _doc(name, title, weight, interval, example, total, params=""):
    def deco(f):
        f.__doc__ = _ROOTS_DOC.format(name=name, title=title, weight=weight, interval=interval,
                                      example=example, total=total, params=params)
        f.__name__ = f.__qualname__ = name
        return f
    return deco


@_doc("roots_legendre", "Legendre", "", "[-1, 1]", "3", "2.0")
def roots_legendre(n, mu=False):
    return _rule("roots_legendre", "jacobi", n, (0.0, 0.0, False), 2.0, mu)


@_doc("roots_sh_legendre", "shifted Legendre", "", "[0, 1]", "3", "1.0")
def roots_sh_legendre(n, mu=False):
    return _rule("roots_sh_legendre", "jacobi", n, (0.0, 0.0, True), 1.0, mu)


@_doc("roots_chebyt", "Chebyshev (first kind)", "/ sqrt(1 - x**2)", "[-1, 1]", "3",
      "3.141593")
def roots_chebyt(n, mu=False):
    return _rule("roots_chebyt", "chebyt", n, (), np.pi, mu)


@_doc("roots_chebyu", "Chebyshev (second kind)", "* sqrt(1 - x**2)", "[-1, 1]", "3",
      "1.570796")
def roots_chebyu(n, mu=False):
    return _rule("roots_chebyu", "chebyu", n, (), np.pi / 2, mu)


@_doc("roots_chebyc", "Chebyshev C", "/ sqrt(1 - (x/2)**2)", "[-2, 2]", "3", "6.283185")
def roots_chebyc(n, mu=False):
    return _rule("roots_chebyc", "chebyt", n, (), 2 * np.pi, mu, scale_x=2.0)


@_doc("roots_chebys", "Chebyshev S", "* sqrt(1 - (x/2)**2)", "[-2, 2]", "3", "3.141593")
def roots_chebys(n, mu=False):
    return _rule("roots_chebys", "chebyu", n, (), np.pi, mu, scale_x=2.0)


@_doc("roots_sh_chebyt", "shifted Chebyshev (first kind)", "/ sqrt(x - x**2)", "[0, 1]", "3",
      "3.141593")
def roots_sh_chebyt(n, mu=False):
    return _rule("roots_sh_chebyt", "chebyt", n, (), np.pi, mu, shifted=True)


@_doc("roots_sh_chebyu", "shifted Chebyshev (second kind)", "* sqrt(x - x**2)", "[0, 1]", "3",
      "0.392699")
def roots_sh_chebyu(n, mu=False):
    return _rule("roots_sh_chebyu", "chebyu", n, (), np.pi / 8, mu, shifted=True)


@_doc("roots_hermite", "Hermite (physicists')", "* exp(-x**2)", "the real line", "3",
      "1.772454")
def roots_hermite(n, mu=False):
    return _rule("roots_hermite", "hermite", n, (), math.sqrt(math.pi), mu)


@_doc("roots_hermitenorm", "Hermite (probabilists')", "* exp(-x**2 / 2)", "the real line",
      "3", "2.506628")
def roots_hermitenorm(n, mu=False):
    return _rule("roots_hermitenorm", "hermitenorm", n, (), math.sqrt(2 * math.pi), mu)


@_doc("roots_laguerre", "Laguerre", "* exp(-x)", "[0, inf)", "3", "1.0")
def roots_laguerre(n, mu=False):
    return _rule("roots_laguerre", "genlaguerre", n, (0.0,), 1.0, mu)


@_doc("roots_genlaguerre", "generalized Laguerre", "* x**alpha * exp(-x)", "[0, inf)",
      "3, 0.5", "0.886227", "\n    alpha : float\n        Parameter, ``alpha > -1``.")
def roots_genlaguerre(n, alpha, mu=False):
    al = _scalar("roots_genlaguerre", "alpha", alpha)
    if not al > -1:
        raise ValueError(f"roots_genlaguerre(): alpha must be greater than -1, got {al}")
    return _rule("roots_genlaguerre", "genlaguerre", n, (al,), math.gamma(al + 1), mu)


@_doc("roots_gegenbauer", "Gegenbauer", "* (1 - x**2)**(alpha - 1/2)", "[-1, 1]", "3, 1.0",
      "1.570796", "\n    alpha : float\n        Parameter, ``alpha > -1/2``.")
def roots_gegenbauer(n, alpha, mu=False):
    al = _scalar("roots_gegenbauer", "alpha", alpha)
    if not al > -0.5:
        raise ValueError(f"roots_gegenbauer(): alpha must be greater than -0.5, got {al}")
    mu0 = math.exp(0.5 * math.log(math.pi) + math.lgamma(al + 0.5) - math.lgamma(al + 1))
    return _rule("roots_gegenbauer", "jacobi", n, (al - 0.5, al - 0.5, False), mu0, mu)


@_doc("roots_jacobi", "Jacobi", "* (1 - x)**alpha * (1 + x)**beta", "[-1, 1]", "3, 1.0, 1.0",
      "1.333333", "\n    alpha, beta : float\n        Parameters, both ``> -1``.")
def roots_jacobi(n, alpha, beta, mu=False):
    a = _scalar("roots_jacobi", "alpha", alpha)
    b = _scalar("roots_jacobi", "beta", beta)
    if not (a > -1 and b > -1):
        raise ValueError(f"roots_jacobi(): alpha and beta must be greater than -1, got "
                         f"alpha={a}, beta={b}")
    return _rule("roots_jacobi", "jacobi", n, (a, b, False), _orth_roots.jacobi_mu0(a, b), mu)


@_doc("roots_sh_jacobi", "shifted Jacobi", "* (1 - x)**(p1 - q1) * x**(q1 - 1)", "[0, 1]",
      "3, 2.0, 1.0", "0.5", "\n    p1, q1 : float\n        Parameters, ``p1 - q1 > -1`` and "
      "``q1 > 0``.")
def roots_sh_jacobi(n, p1, q1, mu=False):
    p = _scalar("roots_sh_jacobi", "p1", p1)
    q = _scalar("roots_sh_jacobi", "q1", q1)
    if not (p - q > -1 and q > 0):
        raise ValueError(f"roots_sh_jacobi(): p1 - q1 must be greater than -1 and q1 greater "
                         f"than 0, got p1={p}, q1={q}")
    a, b = p - q, q - 1
    mu0 = _orth_roots.jacobi_mu0(a, b) / 2 ** (a + b + 1)
    return _rule("roots_sh_jacobi", "jacobi", n, (a, b, True), mu0, mu)


# scipy's short names
c_roots, cg_roots, h_roots, he_roots = roots_chebyc, roots_gegenbauer, roots_hermite, \
    roots_hermitenorm
j_roots, js_roots, l_roots, la_roots = roots_jacobi, roots_sh_jacobi, roots_laguerre, \
    roots_genlaguerre
p_roots, ps_roots, s_roots, t_roots = roots_legendre, roots_sh_legendre, roots_chebys, \
    roots_chebyt
ts_roots, u_roots, us_roots = roots_sh_chebyt, roots_chebyu, roots_sh_chebyu

__all__ += [
    "c_roots", "cg_roots", "h_roots", "he_roots", "j_roots", "js_roots", "l_roots", "la_roots",
    "p_roots", "ps_roots", "roots_chebyc", "roots_chebys", "roots_chebyt", "roots_chebyu",
    "roots_gegenbauer", "roots_genlaguerre", "roots_hermite", "roots_hermitenorm",
    "roots_jacobi", "roots_laguerre", "roots_legendre", "roots_sh_chebyt", "roots_sh_chebyu",
    "roots_sh_jacobi", "roots_sh_legendre", "s_roots", "t_roots", "ts_roots", "u_roots",
    "us_roots",
]
