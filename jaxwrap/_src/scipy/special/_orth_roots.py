"""Gauss quadrature nodes and weights of the classical weight functions.

``gauss(alpha, beta, mu0, symmetric, dtype)``: given the monic recurrence
``p_{k+1} = (x - alpha_k) p_k - beta_k p_{k-1}`` (host float64 arrays,
``beta_0`` unused) and the weight's total mass ``mu0``:

1. Golub & Welsch (1969): the nodes are the eigenvalues of the symmetric
   tridiagonal Jacobi matrix ``J = tridiag(sqrt(beta_k), alpha_k,
   sqrt(beta_k))`` (jaxwrap.scipy.linalg.eigh_tridiagonal).
2. Newton's method on the orthonormal polynomial ``q_n`` (three steps: the
   eigenvalues are within ``eps * ||J||`` of the nodes, and each step squares
   the relative error, so two would do; the third costs little).
3. Weights by Christoffel-Darboux: ``w_i = mu0 / sum_k q_k(x_i)**2`` (Gautschi
   2004, Thm 1.46), a sum of positive terms, accurate to a few ulps.

The recurrence for ``q_k`` rescales ``q`` by a power of two whenever it
grows past ``2**_SCALE[dtype]`` (Hermite and Laguerre polynomials at their
outer nodes grow like ``exp(x**2 / 2)``), keeping the exponent per node, so
weights that underflow give 0 and none give NaN.
"""

from __future__ import annotations

import math

import jax
import numpy as np

import jaxwrap.numpy as jnp

NEWTON_STEPS = 3
_SCALE = {np.dtype(np.float32): 40, np.dtype(np.float64): 300}


def _sweep(x, alpha, sb, scale_bits):
    """q_n, q_n' at every x (columns) and sum_{k<n} q_k^2 with its power-of-two exponent."""
    dt = x.dtype
    n = alpha.shape[0]
    big = float(2.0 ** scale_bits)
    small = float(2.0 ** -scale_bits)
    # rows k = 0 .. n-1: alpha_k, sqrt(beta_k), sqrt(beta_{k+1})
    sb_k = np.concatenate([[0.0], sb]).astype(dt)
    sb_k1 = np.concatenate([sb, [1.0]]).astype(dt)
    coef = (alpha.astype(dt), sb_k, sb_k1)
    zeros = jnp.zeros_like(x)
    init = (jnp.ones_like(x), zeros, zeros, zeros, zeros, jnp.zeros(x.shape, np.int32))

    def step(carry, c):
        q, qm, d, dm, s, e = carry          # q_k, q_{k-1}, q_k', q_{k-1}', sum, exponent
        a, b, b1 = c
        s = jnp.add(s, jnp.multiply(q, q))
        xa = jnp.subtract(x, a)
        qn = jnp.true_divide(jnp.subtract(jnp.multiply(xa, q), jnp.multiply(b, qm)), b1)
        dn = jnp.true_divide(jnp.add(q, jnp.subtract(jnp.multiply(xa, d), jnp.multiply(b, dm))),
                             b1)
        over = jnp.greater(jnp.abs(qn), big)
        f = jnp.where(over, small, 1.0)
        f2 = jnp.where(over, small * small, 1.0)
        new = (jnp.multiply(qn, f), jnp.multiply(q, f), jnp.multiply(dn, f), jnp.multiply(d, f),
               jnp.multiply(s, f2), jnp.add(e, jnp.where(over, np.int32(scale_bits), np.int32(0))))
        return new, None

    (q, _, d, _, s, e), _ = jax.lax.scan(step, init, coef)
    del n
    return q, d, s, e


def gauss(alpha, beta, mu0: float, symmetric: bool, dtype):
    """Nodes (ascending) and weights of the n-point Gauss rule, n = len(alpha)."""
    from ..linalg_decomp import eigh_tridiagonal

    dt = np.dtype(dtype)
    n = len(alpha)
    sb = np.sqrt(np.asarray(beta[1:], np.float64))
    if n == 1:
        x = jnp.asarray(np.asarray(alpha, np.float64).astype(dt))
    else:
        x = eigh_tridiagonal(np.asarray(alpha, np.float64).astype(dt), sb.astype(dt),
                             eigvals_only=True)
    scale_bits = _SCALE[dt]
    for _ in range(NEWTON_STEPS):
        q, d, _, _ = _sweep(x, np.asarray(alpha, np.float64), sb, scale_bits)
        step = jnp.true_divide(q, d)
        x = jnp.subtract(x, jnp.where(jnp.isfinite(step), step, 0.0))
    if symmetric:
        x = jnp.true_divide(jnp.subtract(x, jnp.flip(x)), 2.0)
    _, _, s, e = _sweep(x, np.asarray(alpha, np.float64), sb, scale_bits)
    w = jnp.ldexp(jnp.true_divide(dt.type(mu0), s), jnp.multiply(e, np.int32(-2)))
    if symmetric:
        w = jnp.true_divide(jnp.add(w, jnp.flip(w)), 2.0)
    return x, w


# --- monic recurrence coefficients (host, float64) ---------------------------------
def jacobi_coefs(n: int, a: float, b: float):
    """Monic Jacobi recurrence on [-1, 1] (Gautschi 2004, Table 1.1)."""
    k = np.arange(n, dtype=np.float64)
    s = 2 * k + a + b
    with np.errstate(all="ignore"):
        alpha = (b * b - a * a) / (s * (s + 2))
        beta = 4 * k * (k + a) * (k + b) * (k + a + b) / (s * s * (s + 1) * (s - 1))
    alpha[0] = (b - a) / (a + b + 2)
    if n > 1:  # k = 1 without the factor (k + a + b) / (s - 1) = 1 that cancels
        beta[1] = 4 * (1 + a) * (1 + b) / ((2 + a + b) ** 2 * (3 + a + b))
    beta[0] = 0.0
    return alpha, beta


def jacobi_mu0(a: float, b: float) -> float:
    return math.exp((a + b + 1) * math.log(2) + math.lgamma(a + 1) + math.lgamma(b + 1)
                    - math.lgamma(a + b + 2))
