"""Distances between 1-D empirical distributions (scipy.stats): the first
Wasserstein distance and the energy distance.

Both come from the two weighted empirical CDFs evaluated between the pooled,
sorted sample values: ``W1 = integral |U - V|`` and ``E = sqrt(2 integral
(U - V)^2)`` (Ramdas, Garcia & Cuturi 2017, "On Wasserstein two-sample
testing and related families of nonparametric tests", sec. 2-3).
"""

from __future__ import annotations

import jaxwrap.numpy as jnp

from ...numpy._util import check_arraylike, public

__all__ = ["energy_distance", "wasserstein_distance"]


def _cdf_at(values, weights, points):
    """The weighted empirical CDF of ``values`` at ``points`` (right-continuous)."""
    order = jnp.argsort(values)
    sv = jnp.take(values, order)
    if weights is None:
        w = jnp.ones_like(values)
    else:
        w = jnp.take(weights, order)
    cw = jnp.concatenate([jnp.zeros((1,), values.dtype), jnp.cumsum(w)])
    i = jnp.searchsorted(sv, points, side="right")
    return jnp.divide(jnp.take(cw, i), jnp.take(cw, values.shape[0]))


@public(static=("p",))
def _cdf_distance(p, u, v, uw, vw):
    pooled = jnp.sort(jnp.concatenate([u, v]))
    deltas = jnp.diff(pooled)
    at = jnp.take(pooled, jnp.arange(pooled.shape[0] - 1))
    d = jnp.abs(jnp.subtract(_cdf_at(u, uw, at), _cdf_at(v, vw, at)))
    if p == 1:
        return jnp.sum(jnp.multiply(d, deltas))
    return jnp.sqrt(jnp.multiply(2, jnp.sum(jnp.multiply(jnp.square(d), deltas))))


def _args(name, u_values, v_values, u_weights, v_weights):
    check_arraylike(name, u_values, v_values, argnames=("u_values", "v_values"))
    arrs = [jnp.asarray(u_values), jnp.asarray(v_values)]
    for wname, w in (("u_weights", u_weights), ("v_weights", v_weights)):
        if w is not None:
            check_arraylike(name, w, argnames=(wname,))
        arrs.append(None if w is None else jnp.asarray(w))
    dt = jnp.result_type(*[a for a in arrs if a is not None], float)
    arrs = [None if a is None else jnp.astype(a, dt) for a in arrs]
    names = ("u_values", "v_values", "u_weights", "v_weights")
    for n, a in zip(names, arrs):
        if a is not None and a.ndim != 1:
            raise ValueError(f"{name}(): {n} must be 1-D, got shape {a.shape}")
        if a is not None and a.shape[0] == 0:
            raise ValueError(f"{name}(): {n} must not be empty")
    for vals, w, n in ((arrs[0], arrs[2], "u_weights"), (arrs[1], arrs[3], "v_weights")):
        if w is not None and w.shape != vals.shape:
            raise ValueError(f"{name}(): {n} must have the shape of the values, "
                             f"got {w.shape} and {vals.shape}")
    return arrs


def wasserstein_distance(u_values, v_values, u_weights=None, v_weights=None):
    """First Wasserstein (earth mover's) distance between two 1-D empirical
    distributions (scipy.stats.wasserstein_distance).

    Parameters
    ----------
    u_values, v_values : array_like
        1-D samples.
    u_weights, v_weights : array_like, optional
        Non-negative weights of the samples (default equal).

    Returns
    -------
    Array
        ``integral |U(t) - V(t)| dt`` of the two CDFs.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.wasserstein_distance(jnp.array([0.0, 1.0, 3.0]), jnp.array([5.0, 6.0, 8.0])))
    5.0
    """
    return _cdf_distance(1, *_args("wasserstein_distance", u_values, v_values, u_weights,
                                   v_weights))


def energy_distance(u_values, v_values, u_weights=None, v_weights=None):
    """Energy distance between two 1-D empirical distributions
    (scipy.stats.energy_distance).

    Parameters
    ----------
    u_values, v_values : array_like
        1-D samples.
    u_weights, v_weights : array_like, optional
        Non-negative weights of the samples (default equal).

    Returns
    -------
    Array
        ``sqrt(2 integral (U(t) - V(t))^2 dt)`` of the two CDFs.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> import jaxwrap.scipy.stats as st
    >>> float(st.energy_distance(jnp.array([0.0]), jnp.array([2.0])))
    2.0
    """
    return _cdf_distance(2, *_args("energy_distance", u_values, v_values, u_weights,
                                   v_weights))
