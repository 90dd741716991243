"""scipy.signal's waveforms: chirp, gausspulse, sawtooth, square, sweep_poly,
unit_impulse.

The signals are elementwise in ``t`` and differentiable in ``t`` and in their
continuous parameters (which may be traced).  Invalid parameter values given
as concrete host numbers raise scipy's ValueError; traced ones give NaN, as
the math would.  ``unit_impulse`` has a static shape and index.
"""

from __future__ import annotations

import math
import operator

import numpy as np

import jaxwrap.numpy as jnp

from ... import dtypes, lax
from ...numpy import _util
from ...numpy._util import public

__all__ = ["chirp", "gausspulse", "sawtooth", "square", "sweep_poly", "unit_impulse"]

_TWO_PI = 2.0 * math.pi


def _inexact(name: str, argnames, args, scalars=()):
    """Check, promote to one floating dtype (integers -> default float,
    float32 stays float32, Python numbers weak) and broadcast the arguments;
    the ones named in ``scalars`` must be 0-d."""
    _util.check_arraylike(name, *args, argnames=list(argnames))
    args = [_util.asarray(a, name=name) if isinstance(a, (list, tuple)) else a for a in args]
    for a, an in zip(args, argnames):
        if dtypes.is_complex(dtypes.dtype(a)):
            raise TypeError(f"{name}(): argument {an!r} must be real, got {dtypes.dtype(a)}")
        if an in scalars and np.ndim(a) != 0:
            raise TypeError(f"{name}(): argument {an!r} must be a scalar, got shape "
                            f"{np.shape(a)}")
    return _util.broadcast_arrays(name, *_util.promote_dtypes_inexact(*args))


def _host_value(x):
    """``x`` as a Python float when it is a host scalar (a Python or numpy number,
    never a jax array, which may be traced), else None."""
    if isinstance(x, (bool, int, float, np.number)) or (
            isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf"):
        return float(x)
    return None


def _safe(cond, x, fill):
    """``x`` where ``cond``, else ``fill`` (keeps NaN/inf out of unused branches,
    and of their gradients)."""
    return jnp.where(cond, x, fill)


# --- chirp ---------------------------------------------------------------------------------------
_CHIRP_METHODS = dict.fromkeys(("linear", "lin", "li"), "linear")
_CHIRP_METHODS.update(dict.fromkeys(("quadratic", "quad", "q"), "quadratic"))
_CHIRP_METHODS.update(dict.fromkeys(("logarithmic", "log", "lo"), "logarithmic"))
_CHIRP_METHODS.update(dict.fromkeys(("hyperbolic", "hyp"), "hyperbolic"))


def _chirp_phase(method, vertex_zero, t, f0, t1, f1):
    """Phase ``2 pi int_0^t f(s) ds`` of the instantaneous frequency ``f``."""
    if method == "linear":   # f(t) = f0 + (f1 - f0) t / t1
        rate = jnp.divide(jnp.subtract(f1, f0), t1)
        cyc = jnp.multiply(t, jnp.add(f0, jnp.multiply(0.5, jnp.multiply(rate, t))))
    elif method == "quadratic":
        rate = jnp.divide(jnp.subtract(f1, f0), jnp.square(t1))
        if vertex_zero:   # f(t) = f0 + rate t**2
            cyc = jnp.add(jnp.multiply(f0, t), jnp.divide(jnp.multiply(rate, jnp.power(t, 3)), 3))
        else:             # f(t) = f1 + rate (t1 - t)**2
            cube = jnp.subtract(jnp.power(jnp.subtract(t1, t), 3), jnp.power(t1, 3))
            cyc = jnp.add(jnp.multiply(f1, t), jnp.divide(jnp.multiply(rate, cube), 3))
    elif method == "logarithmic":
        # f(t) = f0 (f1/f0)**(t/t1); with L = log(f1/f0) the integral is
        # f0 t1 expm1(L t / t1) / L, written with expm1 so that f1 -> f0 is smooth.
        ok = jnp.greater(jnp.multiply(f0, f1), 0)
        L = jnp.log(_safe(ok, jnp.divide(f1, f0), 1))
        same = jnp.equal(L, 0)
        Ls = jnp.where(same, 1, L)
        g = jnp.divide(t, t1)
        frac = jnp.where(same, g, jnp.divide(jnp.expm1(jnp.multiply(g, Ls)), Ls))
        cyc = jnp.where(ok, jnp.multiply(jnp.multiply(f0, t1), frac), np.nan)
    else:  # hyperbolic: f(t) = f0 f1 t1 / ((f0 - f1) t + f1 t1)
        # With d = (f0 - f1) / (f1 t1) the integral is f0 log|1 + d t| / d.
        ok = jnp.logical_and(jnp.not_equal(f0, 0), jnp.not_equal(f1, 0))
        d = jnp.divide(jnp.subtract(f0, f1), _safe(ok, jnp.multiply(f1, t1), 1))
        same = jnp.equal(d, 0)
        ds = jnp.where(same, 1, d)
        u = jnp.multiply(ds, t)
        right = jnp.greater(u, -1)
        lg = jnp.where(right, jnp.log1p(_safe(right, u, 0)),
                       jnp.log(jnp.abs(jnp.add(1, _safe(right, 0, u)))))
        frac = jnp.where(same, t, jnp.divide(lg, ds))
        cyc = jnp.where(ok, jnp.multiply(f0, frac), np.nan)
    return jnp.multiply(_TWO_PI, cyc)


@public(static=("method", "vertex_zero", "complex"))
def _chirp(t, f0, t1, f1, phi, method, vertex_zero, complex):
    t, f0, t1, f1, phi = _inexact("chirp", ("t", "f0", "t1", "f1", "phi"), (t, f0, t1, f1, phi),
                                  scalars=("f0", "t1", "f1"))
    phase = jnp.add(_chirp_phase(method, vertex_zero, t, f0, t1, f1),
                    jnp.multiply(math.pi / 180.0, phi))
    if complex:
        return lax.complex(jnp.cos(phase), jnp.sin(phase))
    return jnp.cos(phase)


def chirp(t, f0, t1, f1, method="linear", phi=0, vertex_zero=True, *, complex=False):
    """A frequency-swept cosine: ``cos(2 pi int_0^t f(s) ds + phi)``.

    The instantaneous frequency ``f`` goes from ``f0`` at ``t = 0`` to ``f1``
    at ``t = t1``, linearly, quadratically, exponentially (``'logarithmic'``)
    or as a hyperbola.

    Parameters
    ----------
    t : array_like
        Times.
    f0, t1, f1 : float
        Frequency ``f0`` at time 0, frequency ``f1`` at time ``t1`` (scalars,
        may be traced).
    method : {'linear', 'quadratic', 'logarithmic', 'hyperbolic'}, optional
        The sweep (scipy's abbreviations 'lin', 'quad', 'log', 'hyp', ... work).
    phi : float, optional
        Phase offset in degrees.
    vertex_zero : bool, optional
        For 'quadratic': the vertex of the frequency parabola is at ``t = 0``
        (default) or at ``t = t1``.
    complex : bool, optional
        Return ``exp(1j * phase)`` instead of its real part.

    Returns
    -------
    jax.Array
        The signal, in the promoted floating (or complex) dtype of the inputs.

    Notes
    -----
    'logarithmic' needs ``f0 * f1 > 0`` and 'hyperbolic' nonzero ``f0`` and
    ``f1``: concrete host values that break this raise ValueError, as in scipy;
    traced ones give NaN.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import chirp
    >>> chirp(jnp.array([0.0, 0.25, 0.5]), f0=1.0, t1=1.0, f1=2.0)
    Array([ 1.        , -0.19509032, -0.70710665], dtype=float32)
    """
    kind = _CHIRP_METHODS.get(method) if isinstance(method, str) else None
    if kind is None:
        raise ValueError("chirp(): argument 'method' must be 'linear', 'quadratic', "
                         f"'logarithmic' or 'hyperbolic', got {method!r}")
    a, b = _host_value(f0), _host_value(f1)
    if kind == "logarithmic" and a is not None and b is not None and a * b <= 0:
        raise ValueError("chirp(): for a logarithmic chirp, 'f0' and 'f1' must be nonzero "
                         "and have the same sign")
    if kind == "hyperbolic" and (a == 0 or b == 0):
        raise ValueError("chirp(): for a hyperbolic chirp, 'f0' and 'f1' must be nonzero")
    return _chirp(t, f0, t1, f1, phi, kind, bool(vertex_zero), bool(complex))


# --- gausspulse ----------------------------------------------------------------------------------
def _gauss_rate(fc, bw, bwr):
    """``a`` of the envelope ``exp(-a t**2)``: the spectrum falls to ``bwr`` dB at
    ``fc (1 +- bw / 2)``.  Out of domain (fc < 0, bw <= 0, bwr >= 0): NaN."""
    ok = jnp.logical_and(jnp.logical_and(jnp.greater_equal(fc, 0), jnp.greater(bw, 0)),
                         jnp.less(bwr, 0))
    log_ref = jnp.multiply(math.log(10.0) / 20.0, _safe(ok, bwr, -1))   # log(10**(bwr/20))
    num = jnp.square(jnp.multiply(math.pi, jnp.multiply(fc, bw)))
    a = jnp.divide(num, jnp.multiply(-4.0, log_ref))
    return jnp.where(ok, a, np.nan)


@public(static=("retquad", "retenv"))
def _gausspulse(t, fc, bw, bwr, retquad, retenv):
    t, fc, bw, bwr = _inexact("gausspulse", ("t", "fc", "bw", "bwr"), (t, fc, bw, bwr))
    env = jnp.exp(jnp.negative(jnp.multiply(_gauss_rate(fc, bw, bwr), jnp.square(t))))
    arg = jnp.multiply(_TWO_PI, jnp.multiply(fc, t))
    out = (jnp.multiply(env, jnp.cos(arg)),)
    if retquad:
        out += (jnp.multiply(env, jnp.sin(arg)),)
    if retenv:
        out += (env,)
    return out[0] if len(out) == 1 else out


def gausspulse(t, fc=1000, bw=0.5, bwr=-6, tpr=-60, retquad=False, retenv=False):
    """A Gaussian-modulated sinusoid: ``exp(-a t**2) cos(2 pi fc t)``.

    Parameters
    ----------
    t : array_like or 'cutoff'
        Times; the string ``'cutoff'`` returns instead (as a Python float) the
        time after which the envelope stays below ``tpr`` dB.
    fc : float, optional
        Centre frequency in Hz (>= 0).
    bw : float, optional
        Fractional bandwidth in the frequency domain (> 0).
    bwr : float, optional
        Level in dB (< 0) at which the bandwidth ``bw`` is measured.
    tpr : float, optional
        Level in dB (< 0) for ``t='cutoff'``.
    retquad, retenv : bool, optional
        Also return the quadrature part ``exp(-a t**2) sin(2 pi fc t)`` and / or
        the envelope.

    Returns
    -------
    jax.Array or tuple of jax.Array or float
        The in-phase signal, followed by the quadrature part and the envelope
        when asked for; a Python float for ``t='cutoff'``.

    Notes
    -----
    Out-of-domain parameters raise ValueError when they are concrete host
    numbers (as in scipy) and give NaN when traced.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import gausspulse
    >>> gausspulse(jnp.array([0.0, 1e-4, 2e-4]), fc=5000)
    Array([ 1.       , -0.7999184,  0.4094329], dtype=float32)
    >>> round(gausspulse('cutoff', fc=5000), 8)
    0.00055626
    """
    for v, an, bad, rule in ((fc, "fc", lambda x: x < 0, ">= 0"),
                             (bw, "bw", lambda x: x <= 0, "> 0"),
                             (bwr, "bwr", lambda x: x >= 0, "< 0 dB")):
        h = _host_value(v)
        if h is not None and bad(h):
            raise ValueError(f"gausspulse(): argument {an!r} must be {rule}, got {h}")
    if isinstance(t, str):
        if t != "cutoff":
            raise ValueError(f"gausspulse(): a str argument 't' must be 'cutoff', got {t!r}")
        vals = [_host_value(v) for v in (fc, bw, bwr, tpr)]
        if any(v is None for v in vals):
            raise TypeError("gausspulse(): with t='cutoff', 'fc', 'bw', 'bwr' and 'tpr' must be "
                            "concrete scalars")
        fc_, bw_, bwr_, tpr_ = vals
        if tpr_ >= 0:
            raise ValueError(f"gausspulse(): argument 'tpr' must be < 0 dB, got {tpr_}")
        a = (math.pi * fc_ * bw_) ** 2 / (-4.0 * bwr_ * math.log(10.0) / 20.0)
        return math.sqrt(-tpr_ * math.log(10.0) / 20.0 / a)  # exp(-a t**2) = 10**(tpr/20)
    return _gausspulse(t, fc, bw, bwr, bool(retquad), bool(retenv))


# --- sawtooth, square ----------------------------------------------------------------------------
def _periodic_setup(name, argname, t, w):
    t, w = _inexact(name, ("t", argname), (t, w))
    bad = jnp.logical_or(jnp.greater(w, 1), jnp.less(w, 0))
    tmod = jnp.mod(t, _TWO_PI)
    rising = jnp.less(tmod, jnp.multiply(_TWO_PI, w))
    return t, w, bad, tmod, rising


@public
def sawtooth(t, width=1):
    """A sawtooth / triangle wave of period ``2 pi`` between -1 and 1.

    Parameters
    ----------
    t : array_like
        Times.
    width : array_like, optional
        Fraction of the period spent rising, in [0, 1] (1: sawtooth, 0.5:
        triangle); NaN outside.  Broadcast with ``t``.

    Returns
    -------
    jax.Array
        The wave, in the promoted floating dtype of ``t`` and ``width``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import sawtooth
    >>> sawtooth(jnp.array([0.0, 1.0, 3.0, 5.0]), 0.5)
    Array([-1.        , -0.36338025,  0.9098593 , -0.18309878], dtype=float32)
    """
    t, w, bad, tmod, rising = _periodic_setup("sawtooth", "width", t, width)
    up = jnp.subtract(jnp.divide(tmod, jnp.multiply(math.pi, _safe(rising, w, 1))), 1)
    wd = _safe(rising, 0, w)
    down = jnp.divide(jnp.subtract(jnp.multiply(math.pi, jnp.add(wd, 1)), tmod),
                      jnp.multiply(math.pi, jnp.subtract(1, wd)))
    return jnp.where(bad, np.nan, jnp.where(rising, up, down))


@public
def square(t, duty=0.5):
    """A square wave of period ``2 pi``: 1 for a fraction ``duty`` of the period, then -1.

    Parameters
    ----------
    t : array_like
        Times.
    duty : array_like, optional
        Duty cycle in [0, 1]; NaN outside.  Broadcast with ``t``.

    Returns
    -------
    jax.Array
        The wave, in the promoted floating dtype of ``t`` and ``duty``.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import square
    >>> square(jnp.array([0.0, 1.0, 4.0, 7.0]))
    Array([ 1.,  1., -1.,  1.], dtype=float32)
    """
    t, w, bad, tmod, rising = _periodic_setup("square", "duty", t, duty)
    one = jnp.ones_like(t)
    return jnp.where(bad, np.nan, jnp.where(rising, one, jnp.negative(one)))


# --- sweep_poly ----------------------------------------------------------------------------------
def sweep_poly(t, poly, phi=0):
    """A cosine whose instantaneous frequency is the polynomial ``poly(t)``.

    Parameters
    ----------
    t : array_like
        Times.
    poly : array_like or numpy.poly1d
        Frequency polynomial coefficients, highest power first (1-D, may be traced).
    phi : float, optional
        Phase offset in degrees.

    Returns
    -------
    jax.Array
        ``cos(2 pi int_0^t poly(s) ds + phi)``, in the promoted floating dtype.

    Examples
    --------
    >>> import jaxwrap.numpy as jnp
    >>> from jaxwrap.scipy.signal import sweep_poly
    >>> sweep_poly(jnp.array([0.0, 0.5, 1.0]), [1.0, 0.0, 1.0])
    Array([ 1.        , -0.96592575, -0.5000002 ], dtype=float32)
    """
    if isinstance(poly, np.poly1d):   # a host object: its coefficients, before jit
        poly = poly.coeffs
    return _sweep_poly(t, poly, phi)


@public
def _sweep_poly(t, poly, phi):
    name = "sweep_poly"
    _util.check_arraylike(name, t, poly, phi, argnames=("t", "poly", "phi"))
    p = _util.asarray(poly, name=name)
    if p.ndim != 1:
        raise ValueError(f"{name}(): argument 'poly' must be 1-D, got shape {p.shape}")
    t, p, phi = _util.promote_dtypes_inexact(t, p, phi)
    for a, an in ((t, "t"), (p, "poly"), (phi, "phi")):
        if dtypes.is_complex(dtypes.dtype(a)):
            raise TypeError(f"{name}(): argument {an!r} must be real, got {dtypes.dtype(a)}")
    phase = jnp.multiply(_TWO_PI, jnp.polyval(jnp.polyint(p), t))
    return jnp.cos(jnp.add(phase, jnp.multiply(math.pi / 180.0, phi)))


# --- unit_impulse --------------------------------------------------------------------------------
@public(static=("shape", "idx", "dtype"))
def unit_impulse(shape, idx=None, dtype=float):
    """The unit impulse (discrete delta): zeros with a single 1.

    Parameters
    ----------
    shape : int or tuple of int
        Output shape (static).
    idx : None, int, tuple of int or 'mid', optional
        Where the 1 goes: the origin (None, default), the same index along every
        axis (int), one index per axis (tuple), or the middle (``'mid'``:
        ``shape // 2``).  Negative indices count from the end.
    dtype : dtype, optional
        Output dtype; Python ``float`` is jax's default float dtype (float32
        unless x64 is enabled).

    Returns
    -------
    jax.Array
        The impulse.

    Examples
    --------
    >>> from jaxwrap.scipy.signal import unit_impulse
    >>> unit_impulse(5, 'mid')
    Array([0., 0., 1., 0., 0.], dtype=float32)
    """
    name = "unit_impulse"
    try:
        shp = (operator.index(shape),) if np.ndim(shape) == 0 else tuple(
            operator.index(s) for s in shape)
    except TypeError:
        raise TypeError(f"{name}(): argument 'shape' must be an int or a tuple of ints, got "
                        f"{shape!r}") from None
    if any(s < 0 for s in shp):
        raise ValueError(f"{name}(): argument 'shape' must be non-negative, got {shp}")
    dt = dtypes.check_user_dtype(dtype, name)
    if idx is None:
        ix = (0,) * len(shp)
    elif isinstance(idx, str):
        if idx != "mid":
            raise ValueError(f"{name}(): a str argument 'idx' must be 'mid', got {idx!r}")
        ix = tuple(s // 2 for s in shp)
    elif np.ndim(idx) == 0:
        ix = (operator.index(idx),) * len(shp)
    else:
        ix = tuple(operator.index(i) for i in idx)
    if len(ix) != len(shp):
        raise IndexError(f"{name}(): argument 'idx' has {len(ix)} entries for a shape of "
                         f"{len(shp)} axes")
    norm = []
    for i, s in zip(ix, shp):
        if not -s <= i < s:
            raise IndexError(f"{name}(): index {i} in 'idx' is out of bounds for an axis of "
                             f"size {s}")
        norm.append(i + s if i < 0 else i)
    hit = None
    for axis, i in enumerate(norm):
        eq = lax.eq(lax.iota(np.int32, shp, axis), np.array(i, np.int32))
        hit = eq if hit is None else lax.and_(hit, eq)
    if hit is None:   # a 0-d impulse
        return lax.convert_element_type(np.array(1, dt), dt, False)
    return lax.convert_element_type(hit, dt, False)
