"""scipy.special's combinatorial numbers: comb, perm, factorial, factorial2,
factorialk, stirling2, bernoulli, euler.

Floating-point forms (``exact=False``) are traceable elementwise functions:

* factorials at integer arguments are looked up in a table of correctly
  rounded values (built on the host from Python integers), so they are exact
  to half an ulp; non-integer ``factorial`` arguments use ``exp(lgamma)``;
* comb at integer arguments with ``min(k, N - k) <= 20`` is a product of at
  most 20 factors ordered so that every partial product is itself an integer:
  exact while below 2**53 (2**24 in float32), then within one rounding per
  factor; perm at integer k is a product of at most 171 (float64) / 35
  (float32) factors, enough for every finite result; other comb arguments use
  a Lanczos-type gamma ratio (``_comb_gamma``: two logs, no cancelling lgamma
  terms), other perm arguments ``exp`` of ``lgamma`` differences.

``exact=True`` forms are host computations with Python integers, like
scipy's: they need concrete arguments and raise TypeError under tracing.
bernoulli / euler take a static order and return host-computed constants.
stirling2 is a host computation in both modes (exact integers; the float form
is their correct rounding).
"""

from __future__ import annotations

import functools
import math
import operator
from fractions import Fraction

import jax
import numpy as np

from ... import control, dtypes
from ... import lax as L
from ...control import fori_loop
from ...numpy import _util
from ...numpy._util import public
from . import _elem_util as U

__all__ = ["bernoulli", "comb", "euler", "factorial", "factorial2", "factorialk", "perm",
           "stirling2"]


def _jnp():
    import jaxwrap.numpy as jnp
    return jnp


# --- host helpers --------------------------------------------------------------------------------
def _concrete(name: str, argname: str, v):
    """A numpy array of a concrete argument; TypeError naming it under tracing."""
    if isinstance(v, jax.core.Tracer):
        raise TypeError(f"{name}(): {argname} must be concrete (not traced) with exact=True; "
                        "the exact result is a Python integer computed on the host")
    _util.check_arraylike(name, v, argnames=[argname])
    return np.asarray(v)


def _host_int(name: str, argname: str, v) -> int:
    a = _concrete(name, argname, v)
    if a.ndim != 0:
        raise ValueError(f"{name}(): {argname} must be a scalar integer with exact=True")
    x = a.item()
    if isinstance(x, float) and not x.is_integer():
        raise ValueError(f"{name}(): non-integer {argname} with exact=True is not supported")
    if isinstance(x, complex):
        raise TypeError(f"{name}(): {argname} must be real")
    return int(x)


def _int_array(values, shape):
    """Python ints as an int64 array when they fit, else an object array (scipy's choice)."""
    flat = list(values)
    if all(-2**63 <= v < 2**63 for v in flat):
        return np.asarray(flat, dtype=np.int64).reshape(shape)
    out = np.empty(len(flat), dtype=object)
    out[:] = flat
    return out.reshape(shape)


def _order(name: str, n) -> int:
    """A static, non-negative integer order (bernoulli / euler)."""
    if isinstance(n, jax.core.Tracer):
        raise TypeError(f"{name}(): n must be a static integer, got a traced value")
    try:
        n = int(operator.index(n)) if not isinstance(n, (float, np.floating)) else int(n)
    except TypeError:
        a = np.asarray(n)
        if a.ndim != 0 or a.dtype.kind not in "iuf":
            raise TypeError(f"{name}(): n must be an integer, got {type(n).__name__}") from None
        n = int(a.item())
    if n < 0:
        raise ValueError(f"{name}(): n must be a non-negative integer, got {n}")
    return n


def _float_const(values):
    """Host float values as a jax array of the default float dtype (overflow -> inf)."""
    dt = dtypes.default_float_dtype()
    big = float(np.finfo(dt).max)

    def f(v):
        try:
            x = float(v)
        except OverflowError:
            return math.inf if v > 0 else -math.inf
        return x if abs(x) <= big or math.isinf(x) else math.copysign(math.inf, x)

    with np.errstate(over="ignore"):
        return _util.asarray(np.asarray([f(v) for v in values], dtype=np.float64).astype(dt))


# --- bernoulli / euler -----------------------------------------------------------------------
@functools.cache
def _bernoulli_exact(n: int) -> tuple[Fraction, ...]:
    # Akiyama-Tanigawa algorithm (Kaneko 2000) gives B_m with B_1 = +1/2; flip B_1.
    out = []
    row = []
    for m in range(n + 1):
        row.append(Fraction(1, m + 1))
        for j in range(m, 0, -1):
            row[j - 1] = j * (row[j - 1] - row[j])
        out.append(row[0])
    if n >= 1:
        out[1] = -out[1]
    return tuple(out)


def bernoulli(n):
    """Bernoulli numbers ``B_0, ..., B_n`` (with ``B_1 = -1/2``).

    Parameters
    ----------
    n : int
        Highest index (static, non-negative).

    Returns
    -------
    jax.Array, shape (n + 1,)
        The numbers, correctly rounded to the default float dtype (``inf``
        where they overflow).

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> [round(v, 6) for v in sp.bernoulli(4).tolist()]
    [1.0, -0.5, 0.166667, 0.0, -0.033333]
    """
    return _float_const(_bernoulli_exact(_order("bernoulli", n)))


@functools.cache
def _euler_exact(n: int) -> tuple[int, ...]:
    # sum_{k=0}^{m} C(2m, 2k) E_{2k} = 0 for m >= 1 (generating function sech); odd ones vanish.
    e = [0] * (n + 1)
    e[0] = 1
    for m in range(1, n // 2 + 1):
        e[2 * m] = -sum(math.comb(2 * m, 2 * k) * e[2 * k] for k in range(m))
    return tuple(e)


def euler(n):
    """Euler numbers ``E_0, ..., E_n``.

    Parameters
    ----------
    n : int
        Highest index (static, non-negative).

    Returns
    -------
    jax.Array, shape (n + 1,)
        The numbers, correctly rounded to the default float dtype.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.euler(6).tolist()
    [1.0, 0.0, -1.0, 0.0, 5.0, 0.0, -61.0]
    """
    return _float_const(_euler_exact(_order("euler", n)))


# --- multifactorial tables -----------------------------------------------------------------------
_TABLE_MAX = 4096  # longest table kept; multifactorials that grow slower use a product loop


@functools.cache
def _mf_table(k: int, dtype) -> np.ndarray | None:
    """n!(k) for n = 0, 1, ... up to the first value above the dtype's max, correctly
    rounded (None if that takes more than _TABLE_MAX entries)."""
    big = int(np.finfo(dtype).max)
    ints = []
    for n in range(_TABLE_MAX):
        v = n * ints[n - k] if n - k >= 1 else max(n, 1)
        ints.append(v)
        if v > big:
            vals = [float(x) if x <= big else math.inf for x in ints]
            with np.errstate(over="ignore"):
                return np.asarray(vals, dtype=np.float64).astype(dtype)
    return None


# float64 / float32: the product of J factors, each >= its index + 1, exceeds the max
# once J! does: 171! > 1.8e308 and 35! > 3.4e38.  So J factors bound every finite result.
_LOOP_FACTORS = {np.dtype(np.float64): 171, np.dtype(np.float32): 35}


def _multifactorial(n, k: int):
    """n!(k) for real n (NaN at non-integers, 0 for n < 0, 1 at n == 0)."""
    np_ = _jnp()
    dt = np.dtype(n.dtype)
    integral = L.eq(L.floor(n), n)
    table = _mf_table(k, dt)
    if table is not None:
        idx = L.convert_element_type(
            L.clamp(U.c(n, 0), _util.where(integral, n, U.c(n, 0)), U.c(n, len(table) - 1)),
            np.int32, False)
        v = np_.take(np.asarray(table), idx)
        v = _util.where(L.ge(n, U.c(n, len(table))), U.c(n, np.inf), v)
    else:
        # count = number of factors; the smallest is r = n - (count - 1) k in [1, k]
        J = _LOOP_FACTORS[dt]
        ns = _util.where(L.ge(n, U.c(n, 1)), n, U.c(n, 1))
        count = L.add(L.floor(L.div(L.sub(ns, U.c(n, 1)), U.c(n, k))), U.c(n, 1))
        r = L.sub(ns, L.mul(L.sub(count, U.c(n, 1)), U.c(n, k)))

        def body(j, acc):
            jf = L.convert_element_type(j, dt, False)
            f = L.add(r, L.mul(jf, U.c(n, k)))
            return _util.where(L.lt(jf, count), L.mul(acc, f), acc)

        v = fori_loop(0, J, body, _util.full_like(n, 1))
        v = _util.where(L.gt(count, U.c(n, J)), U.c(n, np.inf), v)
        v = _util.where(L.lt(n, U.c(n, 1)), U.c(n, 1), v)
    v = _util.where(L.lt(n, U.c(n, 0)), U.c(n, 0), v)
    return _util.where(np_.logical_or(np_.logical_not(integral), np_.isnan(n)),
                       U.c(n, np.nan), v)


def _exp_lgamma_ratio(num, dens):
    """exp(lgamma(num) - sum lgamma(dens)) for arguments >= 1."""
    t = L.lgamma(num)
    for d in dens:
        t = L.sub(t, L.lgamma(d))
    return L.exp(t)


def _factorial_value(n):
    np_ = _jnp()
    integral = L.eq(L.floor(n), n)
    pos = L.ge(n, U.c(n, 0))
    table = _multifactorial(_util.where(integral, n, U.c(n, 0)), 1)

    def with_gamma(n, table):
        ns = _util.where(pos, n, U.c(n, 0))
        return _util.where(integral, table, _exp_lgamma_ratio(L.add(ns, U.c(n, 1)), ()))

    # lgamma costs several times the table lookup: taken only when some point is a
    # positive non-integer (NaN and negative points never need it).  Under vmap the
    # cond becomes a select of both branches, the cost of the formula without it.
    need_gamma = np_.any(np_.logical_and(pos, np_.logical_not(integral)))
    v = control.cond(need_gamma, with_gamma, lambda n, table: table, n, table)
    v = _util.where(pos, v, U.c(n, 0))
    return _util.where(np_.isnan(n), n, v)


_factorial = U.with_derivatives(
    _factorial_value,
    lambda n, out: L.mul(out, L.digamma(L.add(_util.where(L.ge(n, U.c(n, 0)), n, U.c(n, 0)),
                                              U.c(n, 1)))))


def _check_extend(name, extend):
    if extend == "complex":
        raise NotImplementedError(
            f"{name}(): extend='complex' is not supported; use gamma(n + 1) (factorial) or "
            "exp of gammaln differences for the analytic continuation")
    if extend != "zero":
        raise ValueError(f"{name}(): extend must be 'zero' or 'complex', got {extend!r}")


@public
def _factorial_jit(n):
    (n,), weak = U.promote("factorial", ("n",), (n,))
    return U.weaken(_factorial(n), weak)


def factorial(n, exact=False, extend="zero"):
    """Factorial ``n!`` (``gamma(n + 1)`` at non-integers), 0 for ``n < 0``.

    Parameters
    ----------
    n : array_like
        Argument(s).
    exact : bool, optional
        If True, compute exactly on the host with Python integers (concrete
        integer ``n`` only; a Python int or an integer array).
    extend : {'zero'}, optional
        Negative arguments give 0 (scipy's default; 'complex' is not supported).

    Returns
    -------
    jax.Array or int
        ``n!``; with ``exact=False`` correctly rounded at integers, ``inf`` on overflow.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.factorial(5.0).item(), sp.factorial(25, exact=True)
    (120.0, 15511210043330985984000000)
    """
    _check_extend("factorial", extend)
    if exact:
        a = _concrete("factorial", "n", n)
        if a.dtype.kind not in "iub":
            raise ValueError("factorial(): exact=True requires integer n")
        vals = [math.factorial(int(v)) if v >= 0 else 0 for v in a.ravel().tolist()]
        return vals[0] if a.ndim == 0 and isinstance(n, (int, np.integer)) else _int_array(vals, a.shape)
    return _factorial_jit(n)


@public(static=("k",))
def _factorialk_jit(n, k):
    name = "factorial2" if k == 2 else "factorialk"
    (n,), weak = U.promote(name, ("n",), (n,))
    return U.weaken(_multifactorial(n, k), weak)


def _host_multifactorial(v: int, k: int) -> int:
    if v <= 0:
        return 1 if v == 0 else 0
    out = 1
    for f in range(v, 0, -k):
        out *= f
    return out


def _mf_public(name, n, k, exact, extend):
    _check_extend(name, extend)
    if exact:
        a = _concrete(name, "n", n)
        if a.dtype.kind not in "iub":
            raise ValueError(f"{name}(): exact=True requires integer n")
        vals = [_host_multifactorial(int(v), k) for v in a.ravel().tolist()]
        return vals[0] if a.ndim == 0 and isinstance(n, (int, np.integer)) else _int_array(vals, a.shape)
    return _factorialk_jit(n, k)


def factorial2(n, exact=False, extend="zero"):
    """Double factorial ``n!! = n (n - 2) (n - 4) ...``; 0 for ``n < 0``.

    Parameters
    ----------
    n : array_like
        Integer-valued argument(s) (NaN at non-integers).
    exact : bool, optional
        If True, compute exactly on the host (concrete integer ``n``).
    extend : {'zero'}, optional
        Negative arguments give 0 ('complex' is not supported).

    Returns
    -------
    jax.Array or int
        ``n!!``, correctly rounded; ``inf`` on overflow.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.factorial2(7.0).item(), sp.factorial2(7, exact=True)
    (105.0, 105)
    """
    return _mf_public("factorial2", n, 2, exact, extend)


def factorialk(n, k, exact=False, extend="zero"):
    """Multifactorial ``n!(k) = n (n - k) (n - 2k) ...``; 0 for ``n < 0``.

    Parameters
    ----------
    n : array_like
        Integer-valued argument(s) (NaN at non-integers).
    k : int
        Step (a positive Python integer).
    exact : bool, optional
        If True, compute exactly on the host (concrete integer ``n``).
    extend : {'zero'}, optional
        Negative arguments give 0 ('complex' is not supported).

    Returns
    -------
    jax.Array or int
        ``n!(k)``; ``inf`` on overflow.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.factorialk(7.0, 3).item(), sp.factorialk(7, 3, exact=True)
    (28.0, 28)
    """
    if isinstance(k, jax.core.Tracer):
        raise TypeError("factorialk(): k must be a static positive integer, got a traced value")
    try:
        k = operator.index(k)
    except TypeError:
        raise TypeError(f"factorialk(): k must be an integer, got {type(k).__name__}") from None
    if k < 1:
        raise ValueError(f"factorialk(): k must be a positive integer, got {k}")
    return _mf_public("factorialk", n, k, exact, extend)


# --- comb / perm ---------------------------------------------------------------------------------
_PROD_MAX = 20  # longest exact-integer product; beyond it the lgamma formula is used


def _falling_product(N, kk, start, steps: int):
    """prod_{i=1}^{kk} (start + i) / i  (comb)  -- every partial product is an integer, so
    multiplying before dividing keeps it exact below 2^mantissa.  Unrolled (``steps`` is
    static and small), each partial product used once (a factor 1 / 1 past kk): XLA
    fuses the chain into one elementwise pass (the loop made ``steps`` passes over
    memory).  inf where an intermediate overflows (the caller then takes the lgamma
    form).  (Two factors per division would halve the divisions, the main cost, but
    leave 2% of the exactly representable results off by an ulp.)"""
    acc = _util.full_like(N, 1)
    one = U.c(N, 1)
    for i in range(1, steps + 1):
        fi = U.c(N, i)
        on = L.le(fi, kk)
        acc = L.div(L.mul(acc, _util.where(on, L.add(start, fi), one)), _util.where(on, fi, one))
    return acc


# Gamma(z + 1) = sqrt(2 pi) t^(z + 1/2) e^-t A(z), t = z + g + 1/2 (Lanczos 1964), with A
# as a rational function P(v) / Q(v) of v = 1 / (z + 1) on all z >= 0, coefficients lowest
# order first.  Made by ``python -m tools.fit_gamma_ratio``: max relative error of the fit
# 3.6e-10 (float32, g = 2) and 5.6e-16 (float64, g = 4, in its float64 evaluation).
_GAMMA_RATIO = {
    np.dtype(np.float32): (2, [0.9999999996450207, 4.327970331500643, 6.242909825236768,
                               3.0049998067792494],
                           [1.0, 2.36963692355168, 1.3723385389461553, -8.578666659725657e-06]),
    np.dtype(np.float64): (4, [1.0, 20.823677611748487, 181.86142485605149, 852.6183174115234,
                               2262.8953134379017, 3222.8288149004825, 1923.5845692266607],
                           [1.0, 12.865344278415149, 65.16135858477605, 159.3407276344544,
                            183.87282788957276, 77.82811463448283, -2.530985436950892e-10]),
}


def _comb_gamma(N, kk):
    """C(N, kk) = Gamma(N + 1) / (Gamma(kk + 1) Gamma(m + 1)), m = N - kk >= kk >= 0, from the
    form above: with t_z = z + g + 1/2 (so t_N - t_m = kk and t_N - t_k - t_m = -(g + 1/2)),

        C = e^(g + 1/2) / sqrt(2 pi t_k) * (t_N / t_m)^(m + 1/2) (t_N / t_k)^kk
            * A(N) / (A(kk) A(m)),

    where (t_N / t_m)^(m + 1/2) = exp((m + 1/2) log1p(kk / t_m)).  Every term of the exponent
    is at most ~ log C + kk, so its rounding costs ~ (log C + kk) eps relative, where
    exp(lgamma(N + 1) - lgamma(kk + 1) - lgamma(m + 1)) loses ~ lgamma(N + 1) eps; and it
    takes two logs, one exp, one sqrt and seven divisions, against three lgammas' six logs,
    three reflections and 24 divisions."""
    g, pc, qc = _GAMMA_RATIO[np.dtype(N.dtype)]
    one, half = U.c(N, 1), U.c(N, 0.5)
    m = L.sub(N, kk)
    gh = U.c(N, g + 0.5)
    tn, tk, tm = L.add(N, gh), L.add(kk, gh), L.add(m, gh)

    def a_num_den(z):
        v = L.div(one, L.add(z, one))
        return U.horner(v, pc), U.horner(v, qc)

    pn, qn = a_num_den(N)
    pk, qk = a_num_den(kk)
    pm, qm = a_num_den(m)
    ratio = L.div(L.mul(pn, L.mul(qk, qm)), L.mul(qn, L.mul(pk, pm)))
    x = L.add(L.mul(L.add(m, half), L.log1p(L.div(kk, tm))), L.mul(kk, L.log(L.div(tn, tk))))
    pre = L.mul(ratio, L.rsqrt(L.mul(tk, U.c(N, 2 * math.pi))))
    # e^(x + g + 1/2) in two half steps: no overflow where the product with pre < 1 is finite
    h = L.exp(L.mul(L.add(x, gh), half))
    return L.mul(L.mul(h, pre), h)


def _comb_value(N, k):
    np_ = _jnp()
    integral = np_.logical_and(L.eq(L.floor(N), N), L.eq(L.floor(k), k))
    ok = np_.logical_and(np_.logical_and(L.ge(k, U.c(k, 0)), L.ge(N, U.c(N, 0))), L.le(k, N))
    Ns = _util.where(ok, N, U.c(N, 1))
    ks = _util.where(ok, k, U.c(k, 0))
    kk = L.min(ks, L.sub(Ns, ks))
    short = np_.logical_and(integral, L.le(kk, U.c(kk, _PROD_MAX)))

    # The product (20 divisions) is formed only when some valid point is an integer pair
    # with min(k, N - k) <= 20; otherwise inf, which routes every point to the gamma form.
    # Under vmap each cond becomes a select of both branches, the cost without it.
    prod = control.cond(np_.any(np_.logical_and(ok, short)),
                        lambda Ns, kk: _falling_product(Ns, kk, L.sub(Ns, kk), _PROD_MAX),
                        lambda Ns, kk: _util.full_like(Ns, np.inf), Ns, kk)
    use_prod = np_.logical_and(short, L.is_finite(prod))

    def with_gamma(Ns, kk, prod, use_prod):
        # kk == 0 (non-integer N): exactly 1, not the rounding of the formula
        gam = _util.where(L.eq(kk, U.c(kk, 0)), U.c(Ns, 1), _comb_gamma(Ns, kk))
        return _util.where(use_prod, prod, gam)

    # The gamma form is taken only when some valid point needs it (a non-integer,
    # min(k, N - k) > 20, or an overflowing product).
    need_gamma = np_.any(np_.logical_and(ok, np_.logical_not(use_prod)))
    v = control.cond(need_gamma, with_gamma, lambda Ns, kk, prod, use_prod: prod,
                     Ns, kk, prod, use_prod)
    v = _util.where(ok, v, U.c(v, 0))
    return _util.where(np_.logical_or(np_.isnan(N), np_.isnan(k)), U.c(v, np.nan), v)


@public(static=("repetition",))
def _comb_jit(N, k, repetition):
    (N, k), weak = U.promote("comb", ("N", "k"), (N, k))
    if repetition:
        N = L.sub(L.add(N, k), U.c(N, 1))
    return U.weaken(_comb_value(N, k), weak)


def comb(N, k, *, exact=False, repetition=False):
    """Number of combinations of ``N`` things taken ``k`` at a time, ``N! / (k! (N-k)!)``.

    Parameters
    ----------
    N : array_like
        Number of things.
    k : array_like
        Number of elements taken.
    exact : bool, optional
        If True, compute exactly on the host (scalar integers; a Python int).
    repetition : bool, optional
        Count combinations with repetition, ``comb(N + k - 1, k)``.

    Returns
    -------
    jax.Array or int
        The count; 0 where ``k > N`` (without repetition), ``N < 0`` or ``k < 0``.
        Non-integers use the gamma function.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.comb(10.0, 3.0).item(), sp.comb(10, 3, exact=True), sp.comb(10, 3, exact=True, repetition=True)
    (120.0, 120, 220)
    """
    if exact:
        n, kk = _host_int("comb", "N", N), _host_int("comb", "k", k)
        if repetition:
            n = n + kk - 1
        return math.comb(n, kk) if (n >= 0 and 0 <= kk <= n) else 0
    return _comb_jit(N, k, bool(repetition))


def _perm_value(N, k):
    # N (N-1) ... (N-k+1): k factors, each >= its distance from the end + 1, so the
    # product exceeds the dtype's max once k does J (171 / 35 = _LOOP_FACTORS): a
    # static loop of J multiplications covers every finite integer-k result, with one
    # rounding per factor (exact while below 2**53).  Non-integer k: exp(lgamma ratio).
    np_ = _jnp()
    integral = L.eq(L.floor(k), k)
    ok = np_.logical_and(np_.logical_and(L.ge(k, U.c(k, 0)), L.ge(N, U.c(N, 0))), L.le(k, N))
    Ns = _util.where(ok, N, U.c(N, 1))
    ks = _util.where(ok, k, U.c(k, 0))
    J = _LOOP_FACTORS[np.dtype(N.dtype)]

    def body(i, acc):
        fi = L.convert_element_type(i, N.dtype, False)
        return _util.where(L.lt(fi, ks), L.mul(acc, L.sub(Ns, fi)), acc)

    prod = fori_loop(0, J, body, _util.full_like(N, 1))
    prod = _util.where(L.gt(ks, U.c(ks, J)), U.c(prod, np.inf), prod)
    one = U.c(N, 1)
    gam = _exp_lgamma_ratio(L.add(Ns, one), (L.add(L.sub(Ns, ks), one),))
    v = _util.where(integral, prod, gam)
    v = _util.where(ok, v, U.c(v, 0))
    return _util.where(np_.logical_or(np_.isnan(N), np_.isnan(k)), U.c(v, np.nan), v)


@public
def _perm_jit(N, k):
    (N, k), weak = U.promote("perm", ("N", "k"), (N, k))
    return U.weaken(_perm_value(N, k), weak)


def perm(N, k, exact=False):
    """Number of permutations of ``N`` things taken ``k`` at a time, ``N! / (N-k)!``.

    Parameters
    ----------
    N : array_like
        Number of things.
    k : array_like
        Number of elements taken.
    exact : bool, optional
        If True, compute exactly on the host (scalar integers; a Python int).

    Returns
    -------
    jax.Array or int
        The count; 0 where ``k > N``, ``N < 0`` or ``k < 0``.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.perm(10.0, 3.0).item(), sp.perm(10, 3, exact=True)
    (720.0, 720)
    """
    if exact:
        n, kk = _host_int("perm", "N", N), _host_int("perm", "k", k)
        return math.perm(n, kk) if (n >= 0 and 0 <= kk <= n) else 0
    return _perm_jit(N, k)


# --- stirling2 -------------------------------------------------------------------------------------
def _stirling2_int(n: int, k: int) -> int:
    # S(n, k) = (1/k!) sum_j (-1)^(k-j) C(k, j) j^n, exact in integers
    if n < 0 or k < 0 or k > n:
        return 0
    if n == 0 or k == 0:
        return 1 if n == k else 0
    s = sum((-1) ** (k - j) * math.comb(k, j) * j ** n for j in range(k + 1))
    return s // math.factorial(k)


def stirling2(N, K, *, exact=False):
    """Stirling numbers of the second kind ``S(N, K)``: partitions of N items into K
    non-empty subsets.

    Parameters
    ----------
    N, K : array_like of int
        Concrete non-negative integers (broadcast together); other values give 0.
    exact : bool, optional
        If True return exact Python integers (an object array for array input),
        else their correct rounding to the default float dtype.

    Returns
    -------
    jax.Array, numpy.ndarray or int

    Notes
    -----
    A host computation in both modes (scipy's float form is an asymptotic
    approximation; this one is exact), so N and K must not be traced.

    Examples
    --------
    >>> import jaxwrap.scipy.special as sp
    >>> sp.stirling2(10, 3, exact=True), sp.stirling2(10.0, 3.0).item()
    (9330, 9330.0)
    """
    a = _concrete("stirling2", "N", N)
    b = _concrete("stirling2", "K", K)
    for arr, an in ((a, "N"), (b, "K")):
        if arr.dtype.kind not in "iubf":
            raise TypeError(f"stirling2(): {an} must be real integers, got dtype {arr.dtype}")
    a, b = np.broadcast_arrays(a, b)
    vals = [_stirling2_int(int(x), int(y)) if float(x).is_integer() and float(y).is_integer()
            else 0 for x, y in zip(a.ravel().tolist(), b.ravel().tolist())]
    if exact:
        if a.ndim == 0:
            return vals[0]
        out = np.empty(len(vals), dtype=object)
        out[:] = vals
        return out.reshape(a.shape)
    return L.reshape(_float_const(vals), a.shape)
