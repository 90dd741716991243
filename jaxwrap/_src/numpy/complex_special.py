"""Complex special values (infinities, NaNs, signed zeros) of the elementary
functions, as C99 Annex G (G.6) and the Array API standard give them.

XLA's complex kernels are right for finite arguments off the branch cuts, but
an infinite or NaN part goes through ``inf * 0`` or ``inf - inf`` and comes out
NaN + NaN j, and on a branch cut the sign of a zero imaginary part is ignored
(``sqrt(-1 - 0j)`` gave ``+1j``).  ``annex_g(name, f)`` wraps the complex path
of ``f``:

* the inverse functions and sqrt are evaluated on the first quadrant
  (``|x| + i|y|``) and the result's signs restored from the symmetries
  f(conj z) = conj f(z) and, for the odd ones, f(-z) = -f(z) (Annex G states
  every function with these symmetries), which puts signed zeros on the right
  side of every cut;
* a table of rules per function then replaces the result where a part of the
  argument is infinite or NaN (or, for a few, zero).  Rules are stated for
  the first quadrant, in G.6's order; the first rule that applies wins.

sin, cos, tan, arcsin and arctan follow from the hyperbolic ones through
sin(z) = -i sinh(iz), cos(z) = cosh(iz), tan(z) = -i tanh(iz),
asin(z) = -i asinh(iz), atan(z) = -i atanh(iz) (G.6, introduction).
Where C99 leaves a sign unspecified, numpy's choice is taken; expm1, which C99
does not define, follows the Array API standard.  Real arguments are untouched,
and the finite complex path costs only the selects.
"""

from __future__ import annotations

import math

import numpy as np

from .. import lax
from ._util import full_like, where

_PI, _PI2, _PI4 = math.pi, math.pi / 2, math.pi / 4
INF, NAN = math.inf, math.nan


# --- predicates and values on the real and imaginary parts ---------------------------------
def _const(x, v):
    return full_like(x, v)


def _isnan(x):
    return lax.ne(x, x)


def _isinf(x):
    return lax.eq(lax.abs(x), _const(x, INF))


def _isfinite(x):
    return lax.is_finite(x)


def _iszero(x):
    return lax.eq(x, _const(x, 0.0))


def _not(m):
    return lax.not_(m)


def _and(*ms):
    out = ms[0]
    for m in ms[1:]:
        out = lax.and_(out, m)
    return out


def _signbit(x):
    # the sign bit of NaNs too: x < 0, or -0 (1/x = -inf)
    neg = lax.lt(x, _const(x, 0.0))
    negzero = _and(_iszero(x), lax.lt(lax.div(_const(x, 1.0), x), _const(x, 0.0)))
    return lax.or_(neg, negzero)


def _copysign(a, b):
    """|a| with b's sign (NaN b: b's sign bit, as C's copysign)."""
    aa = lax.abs(a)
    return where(_signbit(b), lax.neg(aa), aa)


# --- the rules: name -> function (x, y) on the first quadrant -> [(condition, re, im)] --------
# Values are Python floats or arrays; ``x`` and ``y`` are >= 0 (or NaN) here.
def _sinh_rules(x, y):
    bad_y = _not(_isfinite(y))
    # on the imaginary axis sinh(+0 + iy) = (+0 cos y) + i sin y: the zero's sign is cos y's
    return [(_and(_iszero(x), bad_y), x, NAN),          # sinh(+0 + i inf) = +-0 + i NaN
            (_and(_isinf(x), bad_y), INF, NAN),
            (_iszero(x), lax.mul(x, lax.cos(y)), lax.sin(y))]


def _cosh_rules(x, y):
    bad_y = _not(_isfinite(y))
    # cosh(+0 + iy) = cos y + i (+0 sin y)
    return [(_and(_iszero(x), bad_y), NAN, 0.0),
            (_and(_isinf(x), bad_y), INF, NAN),
            (_iszero(x), lax.cos(y), lax.mul(x, lax.sin(y)))]


def _tanh_rules(x, y):
    return [(_and(_iszero(x), _not(_isfinite(y))), x, NAN)]


def _asinh_rules(x, y):
    return [(_and(_isinf(x), _isinf(y)), INF, _PI4),
            (_and(_isinf(x), _isnan(y)), INF, NAN),
            (_and(_isinf(x), _isfinite(y)), INF, 0.0),
            (_and(_isnan(x), _isinf(y)), INF, NAN),
            (_and(_isnan(x), _iszero(y)), NAN, y),
            (_and(_isnan(x), _not(_iszero(y))), NAN, NAN),
            (_and(_isfinite(x), _isinf(y)), INF, _PI2),
            (_and(_isfinite(x), _isnan(y)), NAN, NAN)]


def _atanh_rules(x, y):
    return [(_and(_iszero(x), _isnan(y)), x, NAN),
            (_isinf(y), 0.0, _PI2),                      # any x, NaN included
            (_and(_isinf(x), _isnan(y)), 0.0, NAN),
            (_isinf(x), 0.0, _PI2),
            (_and(lax.eq(x, _const(x, 1.0)), _iszero(y)), INF, y),
            (lax.or_(_isnan(x), _isnan(y)), NAN, NAN)]


def _acosh_rules(x, y):   # y >= 0, x of either sign
    return [(_and(_isinf(x), _isinf(y)), INF,
             where(lax.lt(x, _const(x, 0.0)), _const(x, 3 * _PI4), _const(x, _PI4))),
            (_and(_isinf(x), _isnan(y)), INF, NAN),
            (_and(lax.lt(x, _const(x, 0.0)), _isinf(x)), INF, _PI),
            (_isinf(x), INF, 0.0),
            (_and(_isnan(x), _isinf(y)), INF, NAN),
            (_isinf(y), INF, _PI2),                      # finite x
            (_and(_iszero(x), _isnan(y)), NAN, _PI2),
            (lax.or_(_isnan(x), _isnan(y)), NAN, NAN)]


def _acos_rules(x, y):    # y >= 0, x of either sign
    neg = lax.lt(x, _const(x, 0.0))
    return [(_and(_isinf(x), _isinf(y)),
             where(neg, _const(x, 3 * _PI4), _const(x, _PI4)), -INF),
            (_and(_isinf(x), _isnan(y)), NAN, -INF),     # sign unspecified; numpy's
            (_and(neg, _isinf(x)), _PI, -INF),
            (_isinf(x), 0.0, -INF),
            (_and(_isnan(x), _isinf(y)), NAN, -INF),
            (_isinf(y), _PI2, -INF),
            (_and(_iszero(x), _isnan(y)), _PI2, NAN),
            (lax.or_(_isnan(x), _isnan(y)), NAN, NAN)]


def _sqrt_rules(x, y):    # y >= 0, x of either sign
    return [(_isinf(y), INF, y),
            (_and(_isinf(x), lax.lt(x, _const(x, 0.0)), _isnan(y)), NAN, INF),
            (_and(_isinf(x), _isnan(y)), INF, NAN)]


def _log_rules(x, y):     # y >= 0, x of either sign
    return [(_and(lax.or_(_isinf(x), _isinf(y)), lax.or_(_isnan(x), _isnan(y))), INF, NAN)]


def _exp_rules(x, y):     # any signs
    bad_y = _not(_isfinite(y))
    return [(_and(lax.eq(x, _const(x, INF)), bad_y), INF, NAN),
            (_and(lax.eq(x, _const(x, -INF)), bad_y), 0.0, _copysign(_const(y, 0.0), y)),
            (_iszero(y), lax.exp(x), y)]                # exp(x +- i0) = e^x +- i0


def _expm1_rules(x, y):   # any signs; the Array API standard's table
    bad_y = _not(_isfinite(y))
    return [(_and(lax.eq(x, _const(x, INF)), bad_y), INF, NAN),
            (_and(lax.eq(x, _const(x, -INF)), bad_y), -1.0, _copysign(_const(y, 0.0), y)),
            (_iszero(y), lax.expm1(x), y)]


# name -> (rules, symmetry): "odd" f(-z) = -f(z) and f(conj z) = conj f(z) (evaluated on
# |x| + i|y|); "conj" only the conjugate symmetry (evaluated on x + i|y|); None: as is.
_TABLE = {
    "sinh": (_sinh_rules, "odd"), "cosh": (_cosh_rules, "even"), "tanh": (_tanh_rules, "odd"),
    "arcsinh": (_asinh_rules, "odd"), "arctanh": (_atanh_rules, "odd"),
    "arccosh": (_acosh_rules, "conj"), "arccos": (_acos_rules, "conj"),
    "sqrt": (_sqrt_rules, "conj"), "log": (_log_rules, "conj"), "log1p": (_log_rules, "conj"),
    "exp": (_exp_rules, None), "expm1": (_expm1_rules, None),
}
# Signs of (Re, Im) of f on the closed first quadrant (+1: >= 0, -1: <= 0, 0: either),
# imposed on the kernel's result there: on a cut's edge (asin at 2.5 + 0j, reached from
# asinh's imaginary axis) the kernel may answer from the other side.
_QUADRANT = {"sinh": (0, 0), "cosh": (0, 0), "tanh": (0, 0), "arcsinh": (1, 1),
             "arctanh": (1, 1), "arccosh": (1, 1), "arccos": (0, -1), "sqrt": (1, 1),
             "log": (0, 1), "log1p": (0, 1), "exp": (0, 0), "expm1": (0, 0)}
# z -> i z and back: sin(z) = -i sinh(iz) etc.; cos(z) = cosh(iz) takes no -i
_ROTATED = {"sin": "sinh", "cos": "cosh", "tan": "tanh", "arcsin": "arcsinh",
            "arctan": "arctanh"}
_UNROTATED_RESULT = frozenset({"cos"})


def _signed(v, sign):
    if sign == 0:
        return v
    return lax.abs(v) if sign > 0 else lax.neg(lax.abs(v))


def _apply(rules, x, y, re, im):
    for cond, r, i in reversed(rules):
        r = _const(x, r) if isinstance(r, float) else r
        i = _const(x, i) if isinstance(i, float) else i
        re, im = where(cond, r, re), where(cond, i, im)
    return re, im


def _fixed(name, f, x, y):
    """(re, im) of f(x + iy) with Annex G's special values; f is the raw complex kernel."""
    rules, sym = _TABLE[name]
    if sym == "odd":
        ax, ay = lax.abs(x), lax.abs(y)
    elif sym in ("conj", "even"):
        ax, ay = (lax.abs(x) if sym == "even" else x), lax.abs(y)
    else:
        ax, ay = x, y
    w = f(lax.complex(ax, ay))
    re, im = (_signed(v, sign) for v, sign in zip((lax.real(w), lax.imag(w)), _QUADRANT[name]))
    re, im = _apply(rules(ax, ay), ax, ay, re, im)
    flip_y = _and(_signbit(y), _not(_isnan(y)))
    if sym == "odd":
        re = where(_and(_signbit(x), _not(_isnan(x))), lax.neg(re), re)
        im = where(flip_y, lax.neg(im), im)
    elif sym == "conj":
        im = where(flip_y, lax.neg(im), im)
    elif sym == "even":   # cosh(-z) = cosh(z), cosh(conj z) = conj cosh(z)
        flip = lax.ne(_and(_signbit(x), _not(_isnan(x))), flip_y)
        im = where(flip, lax.neg(im), im)
    return re, im


def annex_g(name: str, f):
    """``f`` (a complex-capable kernel) with C99 Annex G's special values on complex input."""
    base = _ROTATED.get(name, name)
    if base not in _TABLE:
        raise KeyError(name)

    def wrapped(z):
        if np.dtype(z.dtype).kind != "c":
            return f(z)
        x, y = lax.real(z), lax.imag(z)
        if base == name:
            re, im = _fixed(name, f, x, y)
            return lax.complex(re, im)
        # f(z) = -i g(i z), i z = -y + i x, -i (a + i b) = b - i a  (cos: f(z) = g(i z))
        plain = name in _UNROTATED_RESULT
        a, b = _fixed(base, _rotated_kernel(f, plain), lax.neg(y), x)
        return lax.complex(a, b) if plain else lax.complex(b, lax.neg(a))
    return wrapped


def _rotated_kernel(f, plain):
    """g with f(z) = -i g(i z), i.e. g(w) = i f(-i w) (plain: g(w) = f(-i w)): the
    hyperbolic function computed by the caller's trigonometric kernel."""
    def g(w):
        v = f(lax.complex(lax.imag(w), lax.neg(lax.real(w))))      # f(-i w)
        return v if plain else lax.complex(lax.neg(lax.imag(v)), lax.real(v))
    return g
