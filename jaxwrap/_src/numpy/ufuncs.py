"""numpy's elementwise (ufunc-style) functions, one table row each.

A row is ``name = _unary(name, promotion, impl, summary)`` (or ``_binary``):
``promotion`` says how arguments are promoted ('inexact': integers go to the
default float; 'numeric': the common dtype; 'int': integers and bools only;
'real': no complex; ...), ``impl`` works on already-promoted, broadcast
arrays; ``numeric=True`` turns booleans into integers first, ``weak=False``
marks the few functions whose result jax types strongly even for Python
scalars.  ``_make`` adds the public wrapper: argument checks, promotion,
broadcasting, jit dispatch and a numpy-style docstring.

Semantics follow numpy, except where jax deliberately differs (dtypes follow
jax's promotion and 32-bit defaults; integer overflow wraps; division of an
integer by zero does not raise).
"""

from __future__ import annotations

import builtins
import functools
import math

import jax
import numpy as np

from .. import dtypes, lax
from ._util import (
    broadcast_arrays,
    broadcast_shapes,
    check_arraylike,
    const,
    full_like,
    is_arraylike,
    public,
    where,
)
from .complex_special import annex_g
from .dtype_utils import finfo

_PROMOTIONS = {
    # name: (accepted kinds after promotion, to-inexact?)
    "inexact": ("bool", "int", "uint", "float", "complex"),
    "numeric": ("bool", "int", "uint", "float", "complex"),
    "real": ("bool", "int", "uint", "float"),
    "float": ("bool", "int", "uint", "float"),
    "int": ("bool", "int", "uint"),
    "any": ("bool", "int", "uint", "float", "complex"),
}


def _kind(dt):
    dt = np.dtype(dt)
    if dt == np.bool_:
        return "bool"
    if dtypes.issubdtype(dt, np.signedinteger):
        return "int"
    if dtypes.issubdtype(dt, np.unsignedinteger):
        return "uint"
    if dtypes.issubdtype(dt, np.complexfloating):
        return "complex"
    return "float"


# Binary ufuncs whose implementation binds one primitive that takes a rank-0 operand
# next to an array, or operands of one rank with size-1 axes (jaxwrap_extend's binary
# elementwise primitives): those operands are not broadcast (no broadcast_in_dim
# equation, like jax's jaxprs).
_SCALAR_OPERANDS = frozenset({
    "add", "subtract", "multiply", "divide", "true_divide", "equal", "not_equal", "less",
    "less_equal", "greater", "greater_equal", "maximum", "minimum", "logical_and",
    "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "arctan2",
    "atan2",
})


def _promote(name, promotion, args, numeric=False):
    """Check, promote and broadcast; returns (arrays, weak) with jax's weak-type flag.

    ``numeric``: booleans become the default-int kind first (jax's
    ``to_numeric_dtype``), for arithmetic that has no boolean meaning.
    """
    check_arraylike(name, *args)
    from ._util import asarray
    # Python lists and tuples are arrays, as in numpy (jax.numpy rejects them).
    args = tuple(asarray(a, name=name) if isinstance(a, (list, tuple)) else a for a in args)
    dt, weak = dtypes.result_type(*args, return_weak_type_flag=True)
    if _kind(dt) not in _PROMOTIONS[promotion]:
        types = ", ".join(np.dtype(dtypes.dtype(a)).name for a in args)
        raise TypeError(f"{name}() not supported for input dtype(s) {types} "
                        f"({promotion} arguments expected)")
    if promotion in ("inexact", "float"):
        dt = dtypes.to_inexact_dtype(dt)
    elif numeric:
        dt = dtypes.to_numeric_dtype(dt)
    from ._util import _convert
    # keep_weak: a weak operand of the right dtype is not cast to strong (jax neither);
    # _weaken sets the result's flag.
    out = [_convert(a, dt, weak, True) for a in args]
    if len(out) > 1 and jax.config.jax_numpy_rank_promotion != "allow":
        _check_rank_promotion(name, [np.shape(a) for a in out])
    if name in _SCALAR_OPERANDS and len(out) == 2:
        r0, r1 = np.ndim(out[0]), np.ndim(out[1])
        if r0 == 0 or r1 == 0 or r0 == r1:
            broadcast_shapes(name, np.shape(out[0]), np.shape(out[1]))  # checks them
            return out, weak
    return broadcast_arrays(name, *out), weak


def _check_rank_promotion(name, shapes):
    """jax_numpy_rank_promotion='raise' / 'warn': operands of different nonzero ranks
    (scalars broadcast freely) raise ValueError / warn, with jax's wording."""
    if len({len(s) for s in shapes if s}) < 2:
        return
    shown = " ".join(str(tuple(s)) for s in shapes)
    link = "see https://docs.jax.dev/en/latest/rank_promotion_warning.html."
    if jax.config.jax_numpy_rank_promotion == "raise":
        raise ValueError(f"Operands could not be broadcast together for {name} on shapes "
                         f"{shown} and with the config option jax_numpy_rank_promotion="
                         f"'raise'. For more information, {link}")
    import warnings
    warnings.warn(f"Following NumPy automatic rank promotion for {name} on shapes {shown}. "
                  "Set the jax_numpy_rank_promotion config option to 'allow' to disable "
                  f"this warning; for more information, {link}", UserWarning, stacklevel=2)


def _weaken(out, weak):
    """jax's rule for the result: weakly typed when every input was (so constants
    inside an implementation, or a bool/real result dtype, do not drop it), strong
    otherwise (an implementation may pass a weak operand through)."""
    if isinstance(out, tuple):
        return tuple(_weaken(o, weak) for o in out)
    if dtypes.is_weakly_typed(out) == weak:
        return out
    return lax.convert_element_type(out, out.dtype, weak)


_DOC = """{summary}

Parameters
----------
{params}

Returns
-------
out : jax.Array
    {returns}

See Also
--------
numpy.{name}

Notes
-----
Arguments are promoted with jax's rules ({promotion} promotion) and broadcast
like numpy. Differences from NumPy: no ``out``/``where``/``dtype`` keywords
(arrays are immutable; use ``jaxwrap.numpy.where`` and ``astype``).
{extra}
Examples
--------
>>> import jaxwrap.numpy as jwnp
>>> jwnp.{name}({example})  # doctest: +SKIP
"""


def _compare_keys(name, x1, x2, negate=False):
    """equal / not_equal of typed PRNG keys, as jax.numpy: keys of one implementation
    compare by their raw uint32 data (equal when every word is); a strongly typed
    bool of the broadcast key shape. Anything else next to a key is a TypeError."""
    import jaxwrap_extend.random as xr
    if not (xr.is_typed_key(x1) and xr.is_typed_key(x2)) or x1.dtype != x2.dtype:
        types = ", ".join(str(getattr(a, "dtype", type(a).__name__)) for a in (x1, x2))
        raise TypeError(f"{name}() does not accept dtypes {types} (typed PRNG keys compare "
                        "only with keys of the same implementation)")
    nd = len(xr.impl_of_typed_key(x1).key_shape)
    (d1, d2), _ = _promote(name, "any", (xr.random_unwrap(x1), xr.random_unwrap(x2)))
    prim, reduce = (lax.ne, lax.reduce_or) if negate else (lax.eq, lax.reduce_and)
    words = prim(d1, d2)
    return reduce(words, tuple(range(words.ndim - nd, words.ndim)))


def _make(name, nargs, promotion, impl, summary, returns="the element-wise result.",
          extra="", nout=1, numeric=False, weak=True, precheck=None, keys=False):
    argnames = ("x",) if nargs == 1 else ("x1", "x2")
    params = "\n".join(f"{a} : array_like" for a in argnames)

    def run(args):
        if keys and any(dtypes._is_extended(getattr(a, "dtype", None)) for a in args):
            return _compare_keys(name, *args, negate=(name == "not_equal"))
        promoted, is_weak = _promote(name, promotion, args, numeric)
        return _weaken(impl(*promoted), is_weak and weak)

    if nargs == 1:
        def f(x, /):
            return run((x,))
    else:
        def f(x1, x2, /):
            return run((x1, x2))
    f.__name__ = f.__qualname__ = name
    f.__module__ = "jaxwrap.numpy"
    example = "[0.5, 1.0]" if nargs == 1 else "[0.5, 1.0], 2.0"
    f.__doc__ = _DOC.format(summary=summary, params=params, returns=returns, name=name,
                            promotion=promotion, extra=extra, example=example)
    jitted = public(f)
    if name in _PLAIN:
        return jitted
    if precheck is not None:
        # Checks of concrete (host) argument values, outside the jit where they are known.
        def checked(*args):
            precheck(*args)
            return jitted(*args)
        functools.update_wrapper(checked, jitted)
        return _builtin_ufunc(checked, nargs, nout, name)
    return _builtin_ufunc(jitted, nargs, nout, name)


# Plain functions in numpy (not np.ufunc objects), so plain functions here too: code that
# walks the namespace for ufuncs and looks up numpy's counterpart must not find them.
_PLAIN = frozenset({"fix", "isposinf", "isneginf", "real", "imag"})


def _builtin_ufunc(jitted, nin, nout, name):
    # A plain function: ufunc_object.py wraps jax.numpy's 14 ufunc objects around
    # these (the module above this one, so that imports run one way).
    _BUILTIN[name] = (jitted, nin, nout)
    return jitted


_BUILTIN: dict = {}


def _unary(name, promotion, impl, summary, **kw):
    return _make(name, 1, promotion, impl, summary, **kw)


def _binary(name, promotion, impl, summary, **kw):
    return _make(name, 2, promotion, impl, summary, **kw)


# --- implementations that are more than one primitive --------------------------------------
def _is_complex(x):
    return _kind(x.dtype) == "complex"


def _is_exact(x):
    return _kind(x.dtype) in ("bool", "int", "uint")


def _inf_like(x, sign=1):
    return full_like(x, sign * np.inf)


def _add(x, y):
    return lax.or_(x, y) if x.dtype == np.bool_ else lax.add(x, y)


def _subtract(x, y):
    if x.dtype == np.bool_:
        raise TypeError("subtract() with boolean arguments is not supported; use "
                        "logical_xor or bitwise_xor")
    return lax.sub(x, y)


def _multiply(x, y):
    return lax.and_(x, y) if x.dtype == np.bool_ else lax.mul(x, y)


def _negative(x):
    if x.dtype == np.bool_:
        raise TypeError("negative() with a boolean argument is not supported; use "
                        "logical_not or bitwise_invert")
    return lax.neg(x)


def _signbit(x):
    if _is_exact(x):
        return lax.lt(x, const(x, 0)) if _kind(x.dtype) == "int" else full_like(x, False, bool)
    # The sign bit itself, so -0.0 and -nan count as negative like numpy.
    bits = {2: np.int16, 4: np.int32, 8: np.int64}[np.dtype(x.dtype).itemsize]
    return lax.lt(lax.bitcast_convert_type(x, bits), np.array(0, bits))


def _copysign(x, y):
    ax = lax.abs(x)
    return where(_signbit(y), lax.neg(ax), ax)


def _int_by_zero(y, r, zero=None):
    """Integer division by zero gives 0, quotient and remainder alike (numpy's answer,
    chosen over XLA's -1 / dividend / all-ones so that jaxwrap agrees with numpy).
    ``zero``: an array of zeros like ``r`` to share with the caller's compares."""
    zero = full_like(r, 0) if zero is None else zero
    return where(lax.eq(y, zero), zero, r)


def _int_floor_fix(x, y, r, zero):
    """Where truncating division must be corrected to floor division: a nonzero
    remainder ``r`` (it has x's sign) with x and y of opposite signs, both sign bits
    tested by one xor and one compare.  Testing x rather than r lets XLA put the
    division and the remainder in one fusion (r's sign: three, 40% longer compile)."""
    return lax.and_(lax.ne(r, zero), lax.lt(lax.xor(x, y), zero))


def _floor_divide(x, y):
    if _is_exact(x):
        if _kind(x.dtype) == "uint":
            return _int_by_zero(y, lax.div(x, y))
        # One zero array serves every compare and the result at y == 0: each
        # scalar literal would lower to its own constant and broadcast.
        q, zero = lax.div(x, y), full_like(x, 0)
        q = where(_int_floor_fix(x, y, lax.rem(x, y), zero), lax.sub(q, full_like(q, 1)), q)
        return _int_by_zero(y, q, zero)
    if _is_complex(x):
        raise TypeError("floor_divide() is not supported for complex inputs")
    return _float_floor_divide(x, y)


# Float floor division and remainder follow numpy's npy_divmod (numpy/_core/src/npymath):
# start from the exact fmod, move the remainder to the divisor's sign, round the quotient.
# floor_divide and remainder each build only their half of it (neither lowers the other's
# dead code), and the sign tests use sign(): sign(a) * sign(b) < 0 holds exactly
# when a and b are both nonzero with opposite signs (false for zeros and NaN), and
# there it is the place where the remainder must move to y's sign.

def _float_floor_divide(x, y):
    # Shared zero and one arrays: each scalar literal would lower to its own
    # constant and broadcast.
    zero, one = full_like(x, 0), full_like(x, 1)
    sy = lax.sign(y)
    mod = lax.rem(x, y)
    div = lax.div(lax.sub(x, mod), y)
    div = where(lax.lt(lax.mul(lax.sign(mod), sy), zero), lax.sub(div, one), div)
    floordiv = lax.floor(div)
    # div is within rounding of an integer: numpy rounds it to nearest, ties down.
    floordiv = where(lax.gt(lax.sub(div, floordiv), const(x, 0.5)), lax.add(floordiv, one),
                     floordiv)
    # A zero quotient is signed like x / y: sign(x) * sign(y) * 0 (x / y itself
    # there kept the division out of the main fusion: 4 fusions, 25% longer compile).
    floordiv = where(lax.eq(div, zero), lax.mul(lax.mul(lax.sign(x), sy), zero), floordiv)
    # A zero divisor gives x / y (an inf or nan), like numpy.
    return where(lax.eq(y, zero), lax.div(x, y), floordiv)


def _float_mod(x, y):
    mod = lax.rem(x, y)
    p = lax.mul(lax.sign(mod), lax.sign(y))
    # Moved, the remainder has y's sign.  Otherwise p is 1 (mod has y's sign), a zero
    # (mod is a zero: mod * p is then the zero signed like y, as numpy wants) or nan
    # (mod is nan, and mod * p keeps that very nan, sign bit included).
    return where(lax.lt(p, const(x, 0)), lax.add(mod, y), lax.mul(mod, p))


def _float_divmod(x, y):
    return _float_floor_divide(x, y), _float_mod(x, y)


def _remainder(x, y):
    if _is_exact(x):
        if _kind(x.dtype) != "int":
            return _int_by_zero(y, lax.rem(x, y))
        r, zero = lax.rem(x, y), full_like(x, 0)
        return _int_by_zero(y, where(_int_floor_fix(x, y, r, zero), lax.add(r, y), r), zero)
    if _is_complex(x):
        raise TypeError("remainder() is not supported for complex inputs")
    return _float_remainder(x, y)


@jax.custom_jvp
def _float_remainder(x, y):
    return _float_mod(x, y)


@_float_remainder.defjvp
def _float_remainder_jvp(primals, tangents):
    # d(x mod y) = dx - floor(x / y) dy, also at the multiples of y, where the value is a
    # signed-zero constant (numpy's sign) that would otherwise cut the derivative to 0;
    # jax.numpy's derivative is the same.
    (x, y), (tx, ty) = primals, tangents
    return _float_mod(x, y), lax.sub(tx, lax.mul(_float_floor_divide(x, y), ty))


def _fmod(x, y):
    return _int_by_zero(y, lax.rem(x, y)) if _is_exact(x) else lax.rem(x, y)


def _divmod(x, y):
    return _floor_divide(x, y), _remainder(x, y)


# Integer power x ** y wraps modulo 2**n (n the bit width), like numpy's.  Straight-line
# code, no loop: the low 6 bits of y by square-and-multiply, the rest in closed form.
# With w = x**64 and y = 64 q + r:  x**y = x**r * w**q.
# * Even x: w = 0 (mod 2**n, n <= 64), so x**y = 0 once q >= 1.
# * Odd x: x**(2**k) = 1 (mod 2**(k+2)) for k >= 1 (induction: x**2 = 1 mod 8, and
#   (1 + 2**m t)**2 = 1 + 2**(m+1) t + 2**(2m) t**2), so d = w - 1 is divisible by 2**8
#   and the binomial series w**q = sum_j C(q, j) d**j ends after j = J = n/8 - 1 terms
#   modulo 2**n; C(q, j) d**j needs C(q, j) only modulo 2**(n - 8j).
# C(q, j) = q (q-1) ... (q-j+1) / j! with j! = 2**s * o, o odd: the product modulo 2**n,
# shifted right by s, is C(q, j) * o modulo 2**(n-s) (s < j <= 8j), and times the inverse
# of o modulo 2**n it is C(q, j) there.  jax.numpy 0.10.2 reads only y's low 6 bits.
_POW_LOW_BITS = 6


def _power(x, y):
    if not _is_exact(x):
        return lax.pow(x, y)
    # x and y have one integer dtype of 8 bits or more here (promotion; booleans become
    # integers), so constants are shared between them (a literal lowers to a constant
    # and a broadcast per use).
    nbits = np.dtype(x.dtype).itemsize * 8
    one, zero = full_like(y, 1), full_like(y, 0)
    consts = {0: zero, 1: one}

    def c(v):   # each constant once
        if v not in consts:
            consts[v] = full_like(y, v)
        return consts[v]

    signed = _kind(y.dtype) == "int"
    if signed:
        # A negative exponent gives 0, except 1 for base 1 and +-1 for base -1 (jax's
        # rule for array exponents): y & 1 keeps the parity, so x ** (y & 1) is then
        # right for x = +-1, and every other base's result is set to 0 below.
        neg = lax.lt(y, zero)
        y = where(neg, lax.and_(y, one), y)
    acc, base = _pow_low_bits(x, y, one, zero, _POW_LOW_BITS)
    w = lax.mul(base, base)                                   # x ** 64
    q = lax.shift_right_logical(y, c(_POW_LOW_BITS))
    d = lax.sub(w, one)
    # Horner form of 1 + d (C(q,1) + d (C(q,2) + ... d C(q,J))); J <= 7 terms.
    n_terms = nbits // 8 - 1
    coefs, prod = [], q
    for j in range(1, n_terms + 1):
        if j > 1:
            prod = lax.mul(prod, lax.sub(q, c(j - 1)))
        fact = math.factorial(j)
        s = (fact & -fact).bit_length() - 1
        odd = fact >> s
        coef = lax.shift_right_logical(prod, c(s)) if s else prod
        if odd != 1:
            inv = builtins.pow(odd, -1, 1 << nbits)   # "pow" is the ufunc here
            if signed and inv >= 1 << (nbits - 1):
                inv -= 1 << nbits
            coef = lax.mul(coef, c(inv))
        coefs.append(coef)
    if coefs:
        inner = coefs[-1]
        for coef in reversed(coefs[:-1]):
            inner = lax.add(coef, lax.mul(d, inner))
        acc = lax.mul(acc, lax.add(one, lax.mul(d, inner)))
    # Even x with y >= 64 (x ** 64 is 0 exactly for those) gives 0.
    zero_out = lax.and_(lax.eq(w, zero), lax.ne(q, zero))
    if signed:
        zero_out = lax.or_(zero_out, lax.and_(neg, lax.ne(lax.abs(x), one)))
    return where(zero_out, zero, acc)


def _pow_low_bits(x, e, one, zero, nbits):
    """(x ** (e mod 2**nbits), x ** (2**(nbits-1))) by ``nbits`` unrolled
    square-and-multiply steps (static count); the first step multiplies nothing."""
    acc, base = where(lax.ne(lax.and_(e, one), zero), x, one), x
    for _ in range(nbits - 1):
        base = lax.mul(base, base)
        e = lax.shift_right_logical(e, one)
        acc = where(lax.ne(lax.and_(e, one), zero), lax.mul(acc, base), acc)
    return acc, base


def _check_int_power(name):
    """numpy's ValueError for an integer base raised to a negative integer exponent that is
    known on the host (a Python or numpy value); traced or device exponents give 0 for
    bases other than 1 and -1 (jax's rule for array exponents)."""
    def check(x1, x2, /):
        if isinstance(x2, (jax.Array, list, tuple)) or not is_arraylike(x2):
            return
        if isinstance(x1, (list, tuple)):
            try:
                x1 = np.asarray(x1)
            except Exception:   # holds tracers: the dtype check is left to the call
                return
        if not is_arraylike(x1) or getattr(x1, "dtype", None) == object:
            return
        dt = dtypes.result_type(x1, x2)
        if _kind(dt) in ("int", "uint", "bool") and np.any(np.asarray(x2) < 0):
            raise ValueError(f"{name}(): integers to negative integer powers are not "
                             f"allowed (argument 'x2' has a negative value)")
    return check


def _true_divide(x, y):
    return lax.div(x, y)


def _reciprocal(x):
    return lax.div(full_like(x, 1), x)


def _absolute(x):
    if x.dtype == np.bool_ or _kind(x.dtype) == "uint":
        return x
    return lax.abs(x)


def _sign(x):
    if x.dtype == np.bool_:
        raise TypeError("sign() is not supported for boolean inputs")
    if _is_complex(x):
        # numpy 2: z / |z|, and 0 at 0.
        a = lax.abs(x)
        zero = lax.eq(a, const(a, 0))
        safe = where(zero, full_like(a, 1), a)
        r = lax.div(x, lax.complex(safe, full_like(safe, 0)))
        return where(zero, full_like(x, 0), r)
    if _kind(x.dtype) == "float":
        # numpy: sign(-0.0) is +0.0 (XLA's sign keeps the zero's sign); one zero
        # serves the compare and the select.
        zero = full_like(x, 0)
        return where(lax.eq(x, zero), zero, lax.sign(x))
    return lax.sign(x)


_c99_log = annex_g("log", lax.log)   # complex special values of C99 Annex G (complex_special.py)


def _log_base(x, base):
    ln = _c99_log(x)
    if _is_complex(x):
        # Divide the parts by the real constant: a complex division by (c + 0j)
        # turns the imaginary part of log(0) = -inf + 0j into NaN.
        re = lax.real(ln)
        c = const(re, math.log(base))
        return lax.complex(lax.div(re, c), lax.div(lax.imag(ln), c))
    return lax.div(ln, const(x, math.log(base)))


def _log2(x):
    return _log_base(x, 2)


def _log10(x):
    return _log_base(x, 10)


def _sin(x):
    if not _is_complex(x):
        return lax.sin(x)
    # sin(a + ib) = sin(a) cosh(b) + i cos(a) sinh(b), with a == 0 kept exact
    # (0 * cosh(inf) would be NaN; C99 / numpy give sin(+-0 + i inf) = +-0 + i inf).
    a, b = lax.real(x), lax.imag(x)
    zero = lax.eq(a, const(a, 0))
    re = where(zero, a, lax.mul(lax.sin(a), lax.cosh(b)))
    im = lax.mul(lax.cos(a), lax.sinh(b))
    return lax.complex(re, im)


def _cos(x):
    if not _is_complex(x):
        return lax.cos(x)
    # cos(a + ib) = cos(a) cosh(b) - i sin(a) sinh(b); at a == 0 the imaginary part
    # is the signed zero -a*sign(b), sign(-0) = -1 (C99 / numpy: cos(0 + i inf) = inf - 0j).
    a, b = lax.real(x), lax.imag(x)
    zero = lax.eq(a, const(a, 0))
    re = lax.mul(lax.cos(a), lax.cosh(b))
    im_zero = where(_signbit(b), a, lax.neg(a))
    im = where(zero, im_zero, lax.neg(lax.mul(lax.sin(a), lax.sinh(b))))
    return lax.complex(re, im)


def _logaddexp_complex(x, y):
    """Principal log(exp(x) + exp(y)) for complex x, y (jax's answer), without
    overflow: big + log1p(exp(small - big)) with ``big`` the operand of larger real
    part, the imaginary part then wrapped into (-pi, pi] with atan2(sin, cos)."""
    first = lax.ge(lax.real(x), lax.real(y))
    big, small = where(first, x, y), where(first, y, x)
    t = lax.add(big, lax.log1p(lax.exp(lax.sub(small, big))))
    re, im = lax.real(t), lax.imag(t)
    return lax.complex(re, lax.atan2(lax.sin(im), lax.cos(im)))


def _logaddexp(x, y):
    if _is_complex(x):
        return _logaddexp_complex(x, y)
    return _logaddexp_real(x, y)


@jax.custom_jvp
def _logaddexp_real(x, y):
    amax = lax.max(x, y)
    delta = lax.sub(x, y)
    isnan = lax.ne(delta, delta)   # both infinite of the same sign, or a NaN
    return where(isnan, lax.add(x, y),
                 lax.add(amax, lax.log1p(lax.exp(lax.neg(lax.abs(delta))))))


def _logaddexp_weights(x, y, out, exp):
    """(exp(x - out), exp(y - out)) with exp = exp or exp2: the partial derivatives of
    logaddexp(2). +inf counts as 0 there (jax.numpy's rule), so that a +inf operand
    gets a finite weight instead of exp(inf - inf) = NaN."""
    def fin(v):
        return where(lax.eq(v, const(v, np.inf)), const(v, 0), v)
    o = fin(out)
    return exp(lax.sub(fin(x), o)), exp(lax.sub(fin(y), o))


def _def_logaddexp_jvp(fn, exp):
    """d fn = dx e^(x - out) + dy e^(y - out) (exp2 for logaddexp2), as jax.numpy
    defines it: the formula's max and |x - y| split the derivative wrongly at x == y
    (0, not 1/2)."""
    @fn.defjvp
    def jvp(primals, tangents):
        (x, y), (tx, ty) = primals, tangents
        out = fn(x, y)
        wx, wy = _logaddexp_weights(x, y, out, exp)
        return out, lax.add(lax.mul(tx, wx), lax.mul(ty, wy))


_def_logaddexp_jvp(_logaddexp_real, lax.exp)


def _logaddexp2(x, y):
    if _is_complex(x):   # log2(2**x + 2**y) = logaddexp(x ln2, y ln2) / ln2
        ln2 = const(x, math.log(2))
        return lax.div(_logaddexp_complex(lax.mul(x, ln2), lax.mul(y, ln2)), ln2)
    return _logaddexp2_real(x, y)


@jax.custom_jvp
def _logaddexp2_real(x, y):
    ln2 = const(x, math.log(2))
    amax = lax.max(x, y)
    delta = lax.sub(x, y)
    isnan = lax.ne(delta, delta)
    return where(isnan, lax.add(x, y),
                 lax.add(amax, lax.div(lax.log1p(lax.exp2(lax.neg(lax.abs(delta)))), ln2)))


_def_logaddexp_jvp(_logaddexp2_real, lax.exp2)


def _hypot(x, y):
    x, y = lax.abs(x), lax.abs(y)
    big, small = lax.max(x, y), lax.min(x, y)
    safe = where(lax.eq(big, const(big, 0)), full_like(big, 1), big)
    r = lax.div(small, safe)
    out = lax.mul(big, lax.sqrt(lax.add(const(r, 1), lax.mul(r, r))))
    out = where(lax.eq(big, const(big, 0)), big, out)
    # IEEE hypot: an infinite operand wins even over a NaN.
    inf = lax.or_(lax.eq(x, const(x, np.inf)), lax.eq(y, const(y, np.inf)))
    return where(inf, full_like(big, np.inf), out)


def _deg2rad(x):
    return lax.mul(x, const(x, math.pi / 180))


def _rad2deg(x):
    return lax.mul(x, const(x, 180 / math.pi))


def _round_to_int_kind(f):
    def impl(x):
        return x if _is_exact(x) else f(x)
    return impl


def _trunc(x):
    return where(lax.lt(x, const(x, 0)), lax.ceil(x), lax.floor(x))


def _fix(x):
    return _trunc(x)


def _rint(x):
    if _is_complex(x):
        return lax.complex(lax.round(lax.real(x), 1), lax.round(lax.imag(x), 1))
    return lax.round(x, 1)


def _compare(prim, ordered):
    def impl(x, y):
        if _is_complex(x) and ordered:
            # numpy orders complex numbers lexicographically (real, then imag).
            xr, yr, xi, yi = lax.real(x), lax.real(y), lax.imag(x), lax.imag(y)
            return lax.or_(prim(xr, yr), lax.and_(lax.eq(xr, yr), prim(xi, yi)))
        return prim(x, y)
    return impl


def _maxmin(prim, strict):
    def impl(x, y):
        if _is_complex(x):
            pick = _compare(strict, True)(x, y)
            out = where(pick, x, y)
            nan_x = lax.ne(x, x)
            return where(nan_x, x, where(lax.ne(y, y), y, out))
        return prim(x, y)
    return impl


def _isnan(x):
    if _is_exact(x):
        return full_like(x, False, np.bool_)
    return lax.ne(x, x)


def _isinf(x):
    if _is_exact(x):
        return full_like(x, False, np.bool_)
    if _is_complex(x):
        return lax.or_(_isinf(lax.real(x)), _isinf(lax.imag(x)))
    return lax.eq(lax.abs(x), const(x, np.inf))


def _isfinite(x):
    if _is_exact(x):
        return full_like(x, True, np.bool_)
    if _is_complex(x):
        return lax.and_(lax.is_finite(lax.real(x)), lax.is_finite(lax.imag(x)))
    return lax.is_finite(x)


def _isposinf(x):
    if _is_complex(x):
        raise TypeError("isposinf() is not defined for complex inputs")
    return full_like(x, False, np.bool_) if _is_exact(x) else lax.eq(x, const(x, np.inf))


def _isneginf(x):
    if _is_complex(x):
        raise TypeError("isneginf() is not defined for complex inputs")
    return full_like(x, False, np.bool_) if _is_exact(x) else lax.eq(x, const(x, -np.inf))


# fmax / fmin pick x where it wins or y is NaN, else y: ties (and -0 vs 0) go to y, and so
# does the whole gradient at a tie, as in jax.numpy (maximum/minimum split it in halves).
def _fmax(x, y):
    return where(lax.or_(lax.gt(x, y), _isnan(y)), x, y)


def _fmin(x, y):
    return where(lax.or_(lax.lt(x, y), _isnan(y)), x, y)


def _to_bool(x):
    return x if x.dtype == np.bool_ else lax.ne(x, const(x, 0))


def _logical(prim):
    return lambda x, y: prim(_to_bool(x), _to_bool(y))


def _logical_not(x):
    return lax.not_(_to_bool(x))


def _invert(x):
    return lax.not_(x)


def _shift(prim_signed, prim_unsigned):
    def impl(x, y):
        return (prim_signed if _kind(x.dtype) == "int" else prim_unsigned)(x, y)
    return impl


def _bitwise_count(x):
    if x.dtype == np.bool_:
        return lax.convert_element_type(x, np.uint8)
    if _kind(x.dtype) == "int":
        x = lax.abs(x)   # numpy counts the bits of the magnitude
    return lax.convert_element_type(lax.population_count(x), np.uint8)


def _conjugate(x):
    return lax.conj(x) if _is_complex(x) else x


def _real(x):
    return lax.real(x) if _is_complex(x) else x


def _imag(x):
    return lax.imag(x) if _is_complex(x) else full_like(x, 0)


def _nextafter(x, y):
    return lax.nextafter(x, y)


def _spacing(x):
    nmant, nbits, _ = _float_bits(x.dtype)
    ibits = {16: np.int16, 32: np.int32, 64: np.int64}[nbits]
    bits = lax.bitcast_convert_type(x, ibits)
    consts = {}

    def c(v):
        # One array per distinct constant: every scalar literal or full_like would
        # lower to a constant and a broadcast of its own.
        if v not in consts:
            consts[v] = full_like(bits, v)
        return consts[v]

    # One step away from zero: 2x has x's sign and a larger magnitude wherever
    # that matters (x = 0 is handled below; inf and nan give nan as numpy wants).
    big = lax.sub(lax.nextafter(x, lax.add(x, x)), x)
    # Where the answer is subnormal (exponent field E <= nmant) float arithmetic
    # is unusable on a CPU that flushes subnormals (and treats subnormal inputs as
    # zero), so the answer is built from bits: one unit in the last place is
    # 2**(max(E, 1) - 1) subnormal units, signed like x (numpy: spacing(-0.) > 0).
    one = c(1)
    magnitude = lax.and_(bits, c((1 << (nbits - 1)) - 1))
    field = lax.shift_right_logical(magnitude, c(nmant))
    ulp = lax.shift_left(one, lax.sub(lax.max(field, one), one))
    # bits - 1 < -1 exactly for negative x other than -0.0 (whose bits - 1 wraps).
    negative = lax.lt(lax.sub(bits, one), c(-1))
    ulp = where(negative, lax.or_(ulp, c(-(1 << (nbits - 1)))), ulp)
    return where(lax.le(field, c(nmant)), lax.bitcast_convert_type(ulp, x.dtype), big)


def _heaviside(x, h0):
    # max(sign(x), 0) is 0 below zero, 1 above and a nan at a nan (sign and max both
    # propagate nans; its sign and payload are not kept, numpy's neither); one zero
    # serves the max and the compare.
    zero = full_like(x, 0)
    return where(lax.eq(x, zero), h0, lax.max(lax.sign(x), zero))


def _float_bits(dt):
    fi = finfo(dt)
    return int(fi.nmant), int(fi.bits), int(-fi.minexp + 1)


def _frexp(x):
    if _is_complex(x):
        raise TypeError("frexp() is not defined for complex inputs")
    return _frexp_core(x)


@jax.custom_jvp
def _frexp_core(x):
    return _frexp_bits(x)


@_frexp_core.defjvp
def _frexp_jvp(primals, tangents):
    # x = m * 2**e with e piecewise constant: dm = dx * 2**-e (jax's convention,
    # also at 0, inf and nan, where e = 0); the integer exponent has no tangent.
    (x,), (t,) = primals, tangents
    m, e = _frexp_core(x)
    dm = _ldexp_impl(t, lax.neg(e))
    return (m, e), (dm, np.zeros(e.shape, jax.dtypes.float0))


def _frexp_bits(x):
    fi = finfo(x.dtype)
    nmant = int(fi.nmant)
    nbits = np.dtype(x.dtype).itemsize * 8
    ibits = {16: np.int16, 32: np.int32, 64: np.int64}[nbits]
    bias = (1 << (nbits - nmant - 2)) - 1

    # Integer operations only: a CPU that flushes subnormals to zero would
    # erase them in any float arithmetic (numpy gives frexp(2**-149) exactly).
    # Each constant is built once and shared (a literal lowers to a constant and a
    # broadcast per use).
    bits = lax.bitcast_convert_type(x, ibits)
    mag = lax.and_(bits, full_like(bits, (1 << (nbits - 1)) - 1))      # |x|'s bits, >= 0
    zero, shift = full_like(mag, 0), full_like(mag, nmant)
    # A subnormal's magnitude is shifted left until its top set bit is the implicit
    # one (bit nmant); then its exponent field reads 1 and its mantissa is in place.
    # Normal numbers have their top bit at nmant or above: no shift.
    k = lax.max(lax.sub(lax.clz(mag), full_like(mag, nbits - 1 - nmant)), zero)
    norm = lax.shift_left(mag, k)
    # frexp's exponent: the field less (bias - 1), less the shift k.
    e1 = lax.sub(lax.shift_right_logical(norm, shift), full_like(mag, bias - 1))
    # The mantissa keeps its bits and gets the field bias - 1 (0.5 <= |m| < 1): the
    # field drops by e1; x's sign bit (bits ^ mag) is put back.
    mbits = lax.or_(lax.sub(norm, lax.shift_left(e1, shift)), lax.xor(bits, mag))
    # +-0, inf and nan are returned as they are, with exponent 0.
    inf_bits = ((1 << (nbits - nmant - 1)) - 1) << nmant
    special = lax.or_(lax.eq(mag, zero), lax.ge(mag, full_like(mag, inf_bits)))
    m = lax.bitcast_convert_type(where(special, bits, mbits), x.dtype)
    e = where(special, zero, lax.sub(e1, k))
    return m, (e if e.dtype == np.int32 else lax.convert_element_type(e, np.int32))


def _ldexp_impl(x, n):
    # x * 2**n in three exact power-of-two steps, so no factor overflows while the
    # product is finite.  |n| is clamped first: past the bound the result is 0 or
    # inf (or x at 0, inf, nan) whatever the mantissa, and the exponent then fits
    # any integer type.
    fi = finfo(x.dtype)
    bound = int(fi.maxexp) - int(fi.minexp) + int(fi.nmant) + 2
    if n.dtype == np.bool_ or np.dtype(n.dtype).itemsize < 4:
        n = lax.convert_element_type(n, np.int32)   # lossless
    if _kind(n.dtype) == "int":
        n = lax.max(n, const(n, -bound))
    n = lax.min(n, const(n, bound))
    if n.dtype != np.int32:
        n = lax.convert_element_type(n, np.int32)
    n1 = lax.div(n, const(n, 3))
    rest = lax.sub(n, n1)
    n2 = lax.div(rest, const(n, 2))
    n3 = lax.sub(rest, n2)
    # Each part is at most ceil(bound / 3) + 1 in magnitude, inside the normal
    # exponent range of IEEE binary16/32/64 and bfloat16 (checked here), so its power
    # of two is built from bits: three shifts instead of three exp2 expansions.
    top = -(-bound // 3) + 1
    fast = (_kind(x.dtype) == "float" and np.dtype(x.dtype).itemsize in (2, 4, 8)
            and top <= int(fi.maxexp) - 1 and -top >= int(fi.minexp))
    if not fast:
        for part in (n1, n2, n3):
            x = lax.mul(x, lax.exp2(lax.convert_element_type(part, x.dtype)))
        return x
    # 2**k: the biased exponent shifted into place (exact, and no float arithmetic
    # that could flush); the two constants are shared by the three parts.
    nmant, nbits, _ = _float_bits(x.dtype)
    ibits = {16: np.int16, 32: np.int32, 64: np.int64}[nbits]
    bias, shift = full_like(n, int(fi.maxexp) - 1, ibits), full_like(n, nmant, ibits)
    for part in (n1, n2, n3):
        k = lax.convert_element_type(part, ibits) if ibits != np.int32 else part
        x = lax.mul(x, lax.bitcast_convert_type(lax.shift_left(lax.add(k, bias), shift),
                                                x.dtype))
    return x


@public
def _ldexp(x1, x2, /):
    """Return ``x1 * 2**x2``, element-wise.

    Parameters
    ----------
    x1 : array_like
        Mantissas (converted to an inexact type).
    x2 : array_like of int
        Exponents.

    Returns
    -------
    out : jax.Array

    Examples
    --------
    >>> import jaxwrap.numpy as jwnp
    >>> jwnp.ldexp(3.0, 2)  # doctest: +SKIP
    Array(12., dtype=float32)
    """
    check_arraylike("ldexp", x1, x2)
    if _kind(dtypes.dtype(x2)) not in ("int", "uint", "bool"):
        raise TypeError("ldexp(): x2 must be an integer array")
    (x,), _ = _promote("ldexp", "inexact", (x1,))
    n = x2 if hasattr(x2, "dtype") else np.asarray(x2, dtypes.default_int_dtype())
    x, n = broadcast_arrays("ldexp", x, n)
    return _ldexp_impl(x, n)   # strongly typed, like jax.numpy.ldexp


def _modf(x):
    zero = full_like(x, 0)   # shared by the compare and the signed zero
    t = where(lax.lt(x, zero), lax.ceil(x), lax.floor(x))   # _trunc(x)
    # C's modf: the fractional part carries x's sign, also when it is zero
    # (modf(-2.0) is (-0.0, -2.0)) and at infinities.  x - t is exact and nonzero
    # with x's sign unless x is an integer or infinite, that is unless t == x; there
    # sign(x) * 0 is the zero signed like x (a nan x fails t == x and gives x - t).
    return where(lax.eq(t, x), lax.mul(lax.sign(x), zero), lax.sub(x, t)), t


def _angle(x):
    if _is_complex(x):
        return lax.atan2(lax.imag(x), lax.real(x))
    return lax.atan2(full_like(x, 0), x)


def _float_power(x, y):
    return lax.pow(x, y)


# The ufunc class, its methods (reduce, accumulate, reduceat, outer, at) and jax's 14
# ufunc objects live in ufunc_object.py, above this module: here every element-wise
# function is a plain jitted function.


# --- the table -----------------------------------------------------------------------------------
#                name              promotion  implementation          summary
add = _binary("add", "numeric", _add, "Add arguments element-wise.")
subtract = _binary("subtract", "numeric", _subtract, "Subtract arguments element-wise.")
multiply = _binary("multiply", "numeric", _multiply, "Multiply arguments element-wise.")
divide = _binary("divide", "inexact", _true_divide, "Divide arguments element-wise (true division).")
true_divide = _binary("true_divide", "inexact", _true_divide, "Divide arguments element-wise.")
_INT_DIV_ZERO = ("\nInteger division by zero gives 0, for the quotient and the remainder "
                 "alike (numpy's answer;\nXLA's would be -1, the dividend or all-ones); "
                 "numpy also warns, jaxwrap does not.\n")
_INT_POW = ("\nAn integer base with a negative integer exponent raises ValueError when the "
            "exponent is a\nPython or numpy value (numpy's rule); a jax array or traced "
            "exponent gives 0 there\n(1 and -1 for bases 1 and -1), as jax does.\n")
floor_divide = _binary("floor_divide", "numeric", _floor_divide,
                       "Largest integer smaller or equal to the division of the inputs.",
                       numeric=True, extra=_INT_DIV_ZERO)
remainder = _binary("remainder", "numeric", _remainder,
                    "Element-wise remainder of division, with the sign of the divisor.",
                    numeric=True, extra=_INT_DIV_ZERO)
mod = _binary("mod", "numeric", _remainder, "Element-wise remainder (alias of remainder).",
              numeric=True, extra=_INT_DIV_ZERO)
fmod = _binary("fmod", "real", _fmod,
               "Element-wise remainder with the sign of the dividend (C fmod).", numeric=True,
               extra=_INT_DIV_ZERO)
divmod = _binary("divmod", "real", _divmod, "Return (floor_divide, remainder) at once.",
                 nout=2, returns="tuple of two arrays.", numeric=True, extra=_INT_DIV_ZERO)
power = _binary("power", "numeric", _power,
                "First array elements raised to powers from the second.", numeric=True,
                extra=_INT_POW, precheck=_check_int_power("power"))
pow = _binary("pow", "numeric", _power, "Alias of power (Array API name).", numeric=True,
              extra=_INT_POW, precheck=_check_int_power("pow"))
float_power = _binary("float_power", "inexact", _float_power,
                      "First array elements raised to powers, computed in floating point.")
negative = _unary("negative", "numeric", _negative, "Numerical negative, element-wise.")
positive = _unary("positive", "numeric", lambda x: x, "Numerical positive (a copy), element-wise.")
absolute = _unary("absolute", "numeric", _absolute, "Absolute value, element-wise.")
abs = _unary("abs", "numeric", _absolute, "Absolute value, element-wise.")
fabs = _unary("fabs", "float", lax.abs, "Absolute value of real floats, element-wise.")
sign = _unary("sign", "numeric", _sign, "Sign of a number (z/|z| for complex), element-wise.")
square = _unary("square", "numeric", lambda x: lax.mul(x, x), "Square of the input, element-wise.",
                numeric=True)
reciprocal = _unary("reciprocal", "numeric", _reciprocal, "Reciprocal 1/x, element-wise.",
                    numeric=True)
sqrt = _unary("sqrt", "inexact", annex_g("sqrt", lax.sqrt), "Non-negative square root, element-wise.")
cbrt = _unary("cbrt", "float", lax.cbrt, "Cube root, element-wise.")
exp = _unary("exp", "inexact", annex_g("exp", lax.exp), "Exponential, element-wise.")
exp2 = _unary("exp2", "inexact", lax.exp2, "2**x, element-wise.")
expm1 = _unary("expm1", "inexact", annex_g("expm1", lax.expm1), "exp(x) - 1, accurate for small x.")
log = _unary("log", "inexact", _c99_log, "Natural logarithm, element-wise.")
log2 = _unary("log2", "inexact", _log2, "Base-2 logarithm, element-wise.", weak=False)
log10 = _unary("log10", "inexact", _log10, "Base-10 logarithm, element-wise.", weak=False)
log1p = _unary("log1p", "inexact", annex_g("log1p", lax.log1p), "log(1 + x), accurate for small x.")
logaddexp = _binary("logaddexp", "inexact", _logaddexp,
                    "log(exp(x1) + exp(x2)), computed stably.")
logaddexp2 = _binary("logaddexp2", "inexact", _logaddexp2,
                     "log2(2**x1 + 2**x2), computed stably.")
sin = _unary("sin", "inexact", annex_g("sin", _sin), "Trigonometric sine, element-wise.")
cos = _unary("cos", "inexact", annex_g("cos", _cos), "Trigonometric cosine, element-wise.")
tan = _unary("tan", "inexact", annex_g("tan", lax.tan), "Trigonometric tangent, element-wise.")
arcsin = _unary("arcsin", "inexact", annex_g("arcsin", lax.asin), "Inverse sine, element-wise.")
arccos = _unary("arccos", "inexact", annex_g("arccos", lax.acos), "Inverse cosine, element-wise.")
arctan = _unary("arctan", "inexact", annex_g("arctan", lax.atan), "Inverse tangent, element-wise.")
asin = _unary("asin", "inexact", annex_g("arcsin", lax.asin), "Inverse sine (Array API name).")
acos = _unary("acos", "inexact", annex_g("arccos", lax.acos), "Inverse cosine (Array API name).")
atan = _unary("atan", "inexact", annex_g("arctan", lax.atan), "Inverse tangent (Array API name).")
arctan2 = _binary("arctan2", "float", lax.atan2, "Quadrant-aware arctan(x1/x2), element-wise.")
atan2 = _binary("atan2", "float", lax.atan2, "Quadrant-aware arctan(x1/x2) (Array API name).")
hypot = _binary("hypot", "float", _hypot, "sqrt(x1**2 + x2**2) without undue overflow.")
sinh = _unary("sinh", "inexact", annex_g("sinh", lax.sinh), "Hyperbolic sine, element-wise.")
cosh = _unary("cosh", "inexact", annex_g("cosh", lax.cosh), "Hyperbolic cosine, element-wise.")
tanh = _unary("tanh", "inexact", annex_g("tanh", lax.tanh), "Hyperbolic tangent, element-wise.")
arcsinh = _unary("arcsinh", "inexact", annex_g("arcsinh", lax.asinh), "Inverse hyperbolic sine, element-wise.")
arccosh = _unary("arccosh", "inexact", annex_g("arccosh", lax.acosh), "Inverse hyperbolic cosine, element-wise.")
arctanh = _unary("arctanh", "inexact", annex_g("arctanh", lax.atanh), "Inverse hyperbolic tangent, element-wise.")
asinh = _unary("asinh", "inexact", annex_g("arcsinh", lax.asinh), "Inverse hyperbolic sine (Array API name).")
acosh = _unary("acosh", "inexact", annex_g("arccosh", lax.acosh), "Inverse hyperbolic cosine (Array API name).")
atanh = _unary("atanh", "inexact", annex_g("arctanh", lax.atanh), "Inverse hyperbolic tangent (Array API name).")
deg2rad = _unary("deg2rad", "float", _deg2rad, "Convert angles from degrees to radians.")
radians = _unary("radians", "float", _deg2rad, "Convert angles from degrees to radians.")
rad2deg = _unary("rad2deg", "float", _rad2deg, "Convert angles from radians to degrees.")
degrees = _unary("degrees", "float", _rad2deg, "Convert angles from radians to degrees.")
floor = _unary("floor", "real", _round_to_int_kind(lax.floor), "Floor, element-wise.")
ceil = _unary("ceil", "real", _round_to_int_kind(lax.ceil), "Ceiling, element-wise.")
trunc = _unary("trunc", "real", _round_to_int_kind(_trunc), "Truncate toward zero, element-wise.")
fix = _unary("fix", "real", _round_to_int_kind(_fix), "Round toward zero, element-wise.")
rint = _unary("rint", "inexact", _rint,
              "Round to the nearest integer (halves to even), element-wise.")
_KEYS = ("\nTyped PRNG keys (``jax.random.key``) of one implementation compare by their "
         "key data,\nas in jax.numpy.\n")
equal = _binary("equal", "any", lax.eq, "Return (x1 == x2) element-wise.", keys=True,
                extra=_KEYS)
not_equal = _binary("not_equal", "any", lax.ne, "Return (x1 != x2) element-wise.", keys=True,
                    extra=_KEYS)
less = _binary("less", "any", _compare(lax.lt, True), "Return (x1 < x2) element-wise.")
less_equal = _binary("less_equal", "any", _compare(lax.le, True), "Return (x1 <= x2) element-wise.")
greater = _binary("greater", "any", _compare(lax.gt, True), "Return (x1 > x2) element-wise.")
greater_equal = _binary("greater_equal", "any", _compare(lax.ge, True),
                        "Return (x1 >= x2) element-wise.")
maximum = _binary("maximum", "any", _maxmin(lax.max, lax.gt),
                  "Element-wise maximum; NaNs propagate.")
minimum = _binary("minimum", "any", _maxmin(lax.min, lax.lt),
                  "Element-wise minimum; NaNs propagate.")
fmax = _binary("fmax", "any", _fmax, "Element-wise maximum; NaNs are ignored when possible.")
fmin = _binary("fmin", "any", _fmin, "Element-wise minimum; NaNs are ignored when possible.")
logical_and = _binary("logical_and", "any", _logical(lax.and_), "Truth value of x1 AND x2.")
logical_or = _binary("logical_or", "any", _logical(lax.or_), "Truth value of x1 OR x2.")
logical_xor = _binary("logical_xor", "any", _logical(lax.xor), "Truth value of x1 XOR x2.")
logical_not = _unary("logical_not", "any", _logical_not, "Truth value of NOT x.")
bitwise_and = _binary("bitwise_and", "int", lax.and_, "Bit-wise AND, element-wise.")
bitwise_or = _binary("bitwise_or", "int", lax.or_, "Bit-wise OR, element-wise.")
bitwise_xor = _binary("bitwise_xor", "int", lax.xor, "Bit-wise XOR, element-wise.")
invert = _unary("invert", "int", _invert, "Bit-wise NOT, element-wise.")
bitwise_not = _unary("bitwise_not", "int", _invert, "Bit-wise NOT, element-wise.")
bitwise_invert = _unary("bitwise_invert", "int", _invert, "Bit-wise NOT (Array API name).")
left_shift = _binary("left_shift", "int", _shift(lax.shift_left, lax.shift_left),
                     "Shift bits to the left, element-wise.", numeric=True)
right_shift = _binary("right_shift", "int",
                      _shift(lax.shift_right_arithmetic, lax.shift_right_logical),
                      "Shift bits to the right, element-wise.", numeric=True)
bitwise_left_shift = _binary("bitwise_left_shift", "int", _shift(lax.shift_left, lax.shift_left),
                             "Shift bits to the left (Array API name).", numeric=True)
bitwise_right_shift = _binary("bitwise_right_shift", "int",
                              _shift(lax.shift_right_arithmetic, lax.shift_right_logical),
                              "Shift bits to the right (Array API name).", numeric=True)
bitwise_count = _unary("bitwise_count", "int", _bitwise_count,
                       "Number of 1-bits in the absolute value, element-wise.", weak=False)
isnan = _unary("isnan", "any", _isnan, "Test for NaN, element-wise.")
isinf = _unary("isinf", "any", _isinf, "Test for positive or negative infinity.", weak=False)
isfinite = _unary("isfinite", "any", _isfinite, "Test for finiteness (not inf, not NaN).")
isposinf = _unary("isposinf", "any", _isposinf, "Test for positive infinity.", weak=False)
isneginf = _unary("isneginf", "any", _isneginf, "Test for negative infinity.", weak=False)
signbit = _unary("signbit", "real", _signbit, "True where the sign bit is set (incl. -0.0).",
                 weak=False)
copysign = _binary("copysign", "float", _copysign, "x1 with the sign of x2, element-wise.")
nextafter = _binary("nextafter", "float", _nextafter, "Next representable value after x1 toward x2.")
spacing = _unary("spacing", "float", _spacing, "Distance to the nearest adjacent number.",
                 weak=False)
heaviside = _binary("heaviside", "float", _heaviside, "Heaviside step function (x2 at x1 == 0).")
frexp = _unary("frexp", "float", _frexp, "Decompose into mantissa and twos exponent.",
               nout=2, returns="tuple (mantissa, exponent) with x == mantissa * 2**exponent.",
               weak=False)  # jax: both parts strongly typed
modf = _unary("modf", "float", _modf, "Fractional and integral parts, element-wise.",
              nout=2, returns="tuple (fractional, integral).")
conjugate = _unary("conjugate", "numeric", _conjugate, "Complex conjugate, element-wise.")
conj = _unary("conj", "numeric", _conjugate, "Complex conjugate, element-wise.")
real = _unary("real", "any", _real, "Real part of the argument.")
imag = _unary("imag", "any", _imag, "Imaginary part of the argument.")


ldexp = _builtin_ufunc(_ldexp, 2, 1, "ldexp")
