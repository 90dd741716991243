"""Shared machinery of the orthogonal-polynomial family (orthopoly.py, legendre.py).

- :class:`V`: an array with arithmetic operators that call jaxwrap.numpy, so
  recurrence coefficients read like the formulas they come from and still
  bind only jaxwrap primitives.
- :func:`recurrence`: ``p_n(x)`` from a three-term recurrence
  ``p_{k+1} = (A_k x + B_k) p_k - C_k p_{k-1}``, run in a bounded
  ``while_loop`` (``max(n) - 1 <= N_MAX`` steps).
- One row per polynomial family (:data:`FAMILIES`): ``p_1``, the recurrence
  coefficients and the derivative in x written as another member of the
  families (DLMF 18.9.15-18.9.20), so every order of derivative works.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import jax
import numpy as np
from jax.custom_derivatives import SymbolicZero

import jaxwrap.numpy as jnp

# Static cap on the recurrence: degrees above it give NaN (Chebyshev
# polynomials use their trigonometric forms instead).  2**16 steps of a few
# vector operations stay well under a second on a CPU, so no input hangs.
N_MAX = 1 << 16


class V:
    """Arithmetic on arrays through jaxwrap.numpy (``V(a) + 1`` is ``jnp.add(a, 1)``)."""

    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a.a if isinstance(a, V) else a

    def __add__(self, o):
        return V(jnp.add(self.a, _raw(o)))

    def __radd__(self, o):
        return V(jnp.add(_raw(o), self.a))

    def __sub__(self, o):
        return V(jnp.subtract(self.a, _raw(o)))

    def __rsub__(self, o):
        return V(jnp.subtract(_raw(o), self.a))

    def __mul__(self, o):
        return V(jnp.multiply(self.a, _raw(o)))

    def __rmul__(self, o):
        return V(jnp.multiply(_raw(o), self.a))

    def __truediv__(self, o):
        return V(jnp.true_divide(self.a, _raw(o)))

    def __rtruediv__(self, o):
        return V(jnp.true_divide(_raw(o), self.a))

    def __neg__(self):
        return V(jnp.negative(self.a))


def _raw(o):
    return o.a if isinstance(o, V) else o


def recurrence(n, x, p1, coef, params=()):
    """``p_n(x)`` with ``p_0 = 1``, ``p_1 = p1(x, *params)`` and
    ``p_{k+1} = (A x + B) p_k - C p_{k-1}``, ``(A, B, C) = coef(k, *params)``.

    ``n`` is an int32 array (broadcast with ``x`` and ``params``) with
    ``0 <= n <= N_MAX``; the loop runs ``max(n) - 1`` steps and every
    element keeps its value once its own degree is reached.
    """
    x = V(x)
    ps = [V(p) for p in params]
    one = jnp.ones_like(x.a)
    first = _raw(p1(x, *ps))
    if np.size(x.a) == 0:
        return x.a
    stop = jnp.minimum(jnp.max(n), np.int32(N_MAX))

    def cond(state):
        return jnp.less(state[0], stop)

    def body(state):
        k, pm, p = state
        a, b, c = coef(V(jnp.astype(k, x.a.dtype)), *ps)
        grow = a * x + b
        nxt = _raw(grow * V(p) - c * V(pm))
        # once p_k overflows, inf - inf would give NaN: keep the overflow's sign
        nxt = jnp.where(jnp.logical_and(jnp.isinf(p), jnp.isnan(nxt)),
                        _raw(grow * V(p)), nxt)
        go = jnp.less(k, n)
        return jnp.add(k, np.int32(1)), jnp.where(go, p, pm), jnp.where(go, nxt, p)

    _, _, p = jax.lax.while_loop(cond, body, (np.int32(1), one, first))
    return jnp.where(jnp.equal(n, 0), one, p)


# --- families: p_1, recurrence coefficients, derivative -------------------------------
@dataclass(frozen=True)
class Family:
    name: str
    p1: Callable
    coef: Callable
    # d/dx p_n(x; params) = scale(n, params) * p_{n-1}(x; shift(params)) of family `dfam`
    dscale: Callable
    dfam: str
    dshift: Callable


def _jacobi_coef(k, a, b):  # DLMF 18.9.2
    s = 2 * k + a + b
    den = 2 * (k + 1) * (k + a + b + 1) * s
    return ((s + 1) * (s + 2) * s / den, (s + 1) * (a * a - b * b) / den,
            2 * (k + a) * (k + b) * (s + 2) / den)


def _sh_jacobi_coef(k, p, q):
    # Monic Jacobi recurrence (Chihara 1978, ch. V.2; Gautschi 2004, Table 1.1)
    # for P^(a,b) with a = p - q, b = q - 1, moved from [-1, 1] to [0, 1].
    a, b = p - q, q - 1
    s = 2 * k + a + b
    ak = (b * b - a * a) / (s * (s + 2))
    bk = 4 * k * (k + a) * (k + b) * (k + a + b) / (s * s * (s + 1) * (s - 1))
    return 1.0, -(1 + ak) / 2, bk / 4


def _sh_jacobi_p1(x, p, q):
    a, b = p - q, q - 1
    return x - (1 + (b - a) / (a + b + 2)) / 2


FAMILIES = {f.name: f for f in [
    Family("jacobi", lambda x, a, b: ((a + b + 2) * x + (a - b)) / 2, _jacobi_coef,
           lambda n, a, b: (n + a + b + 1) / 2, "jacobi", lambda a, b: (a + 1, b + 1)),
    Family("gegenbauer", lambda x, al: 2 * al * x,  # DLMF 18.9.7
           lambda k, al: (2 * (k + al) / (k + 1), 0.0, (k + 2 * al - 1) / (k + 1)),
           lambda n, al: 2 * al, "gegenbauer", lambda al: (al + 1,)),
    Family("legendre", lambda x: x, lambda k: ((2 * k + 1) / (k + 1), 0.0, k / (k + 1)),
           lambda n: 1.0, "gegenbauer", lambda: (1.5,)),
    Family("chebyt", lambda x: x, lambda k: (2.0, 0.0, 1.0),
           lambda n: n, "chebyu", lambda: ()),
    Family("chebyu", lambda x: 2 * x, lambda k: (2.0, 0.0, 1.0),
           lambda n: 2.0, "gegenbauer", lambda: (2.0,)),
    Family("genlaguerre", lambda x, al: 1 + al - x,  # DLMF 18.9.13
           lambda k, al: (-1 / (k + 1), (2 * k + al + 1) / (k + 1), (k + al) / (k + 1)),
           lambda n, al: -1.0, "genlaguerre", lambda al: (al + 1,)),
    Family("hermite", lambda x: 2 * x, lambda k: (2.0, 0.0, 2 * k),  # DLMF 18.9.20
           lambda n: 2 * n, "hermite", lambda: ()),
    Family("hermitenorm", lambda x: x, lambda k: (1.0, 0.0, k),  # DLMF 18.9.21
           lambda n: n, "hermitenorm", lambda: ()),
    Family("sh_jacobi", _sh_jacobi_p1, _sh_jacobi_coef,
           lambda n, p, q: n, "sh_jacobi", lambda p, q: (p + 2, q + 1)),
]}


def _make_core(fam: Family):
    @jax.custom_jvp
    def core(n, x, *params):
        """p_n(x) of the family for int32 ``n`` (negative n gives 0)."""
        ok = jnp.greater_equal(n, 0)
        val = recurrence(jnp.maximum(n, np.int32(0)), x, fam.p1, fam.coef, params)
        return jnp.where(ok, val, jnp.zeros_like(val))

    def jvp(primals, tangents):
        n, x, *params = primals
        _, dx, *dparams = tangents
        for i, t in enumerate(dparams):
            if not isinstance(t, SymbolicZero):
                raise NotImplementedError(
                    f"derivative of the {fam.name} polynomial with respect to its parameter "
                    f"{i + 1} is not implemented (only the derivative in x is)")
        y = core(n, x, *params)
        if isinstance(dx, SymbolicZero):
            return y, jnp.zeros_like(y)
        nm1 = jnp.subtract(n, np.int32(1))
        scale = _raw(fam.dscale(V(jnp.astype(n, x.dtype)), *map(V, params)))
        shifted = [_raw(p) for p in fam.dshift(*map(V, params))]
        shifted = [jnp.broadcast_to(jnp.astype(p, x.dtype), x.shape) for p in shifted]
        dy = jnp.multiply(scale, CORES[fam.dfam](nm1, x, *shifted))
        return y, jnp.multiply(dy, dx)

    core.defjvp(jvp, symbolic_zeros=True)
    return core


CORES = {name: _make_core(fam) for name, fam in FAMILIES.items()}


def evaluate(family: str, n, x, *params):
    """``p_n(x)`` of ``family`` for broadcast int32 ``n`` (``n < 0`` gives 0,
    ``n > N_MAX`` NaN), floating ``x`` and parameters of x's dtype."""
    big = jnp.greater(n, np.int32(N_MAX))
    val = CORES[family](jnp.where(big, np.int32(0), n), x, *params)
    return jnp.where(big, jnp.full_like(val, np.nan), val)
