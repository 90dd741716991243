"""Complex special values (C99 Annex G / the Array API standard) of the
elementary functions (jaxwrap/_src/numpy/complex_special.py), against numpy,
which follows Annex G, on every combination of signed zeros, +-1, +-2.5,
+-1e300, +-inf and NaN for the real and imaginary parts; signs of zeros and
infinities count.

Where Annex G leaves a sign unspecified and jaxwrap's symmetric choice differs
from numpy's, the case is listed in ``UNSPECIFIED`` and only the magnitudes
and NaN-ness are compared.  expm1, which C99 does not define, is checked
against the Array API standard's table (numpy answers inf + nan j for
expm1(inf + 0j), where the standard says inf + 0j).
"""

from __future__ import annotations

import jax
import numpy as np
import pytest

import jaxwrap.numpy as wnp

_V = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 1e300, -1e300, np.inf, -np.inf, np.nan]
Z = np.array([complex(a, b) for a in _V for b in _V])
NAMES = ["exp", "log", "log1p", "log2", "log10", "sqrt", "sin", "cos", "tan", "arcsin",
         "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh"]
INF, NAN = np.inf, np.nan
# (function, repr of the argument): the sign of the real (r) or imaginary (i) part is
# unspecified by Annex G and jaxwrap's symmetric choice differs from numpy's.
UNSPECIFIED = {
    ("sinh", "(-inf+infj)"): "r", ("sinh", "(-inf-infj)"): "r", ("sinh", "(-inf+nanj)"): "r",
    ("sin", "(inf-infj)"): "i", ("sin", "(-inf-infj)"): "i", ("sin", "(nan-infj)"): "i",
    ("arcsin", "(inf+nanj)"): "i", ("arcsin", "(-inf+nanj)"): "i",
    ("arctan", "(inf+nanj)"): "i", ("arctan", "(-inf+nanj)"): "i",
}


def _same(got, want, loose=""):
    # Annex G leaves the sign of a zero part unspecified whenever the other part is NaN
    if np.isnan(want.real) and want.imag == 0:
        loose += "i"
    if np.isnan(want.imag) and want.real == 0:
        loose += "r"

    def part(g, w, free):
        if np.isnan(w):
            return np.isnan(g)
        if free:
            g, w = abs(g), abs(w)
        if not np.isfinite(w) or w == 0:
            return g == w and (free or np.signbit(g) == np.signbit(w))
        return abs(g - w) <= 1e-12 * abs(w)
    return part(got.real, want.real, "r" in loose) and part(got.imag, want.imag, "i" in loose)


@pytest.mark.parametrize("name", NAMES)
def test_special_values_match_numpy(name):
    with jax.enable_x64(True):
        got = np.asarray(getattr(wnp, name)(Z))
    with np.errstate(all="ignore"):
        want = getattr(np, name)(Z)
    bad = [(z, g, w) for z, g, w in zip(Z, got, want)
           if not _same(g, w, UNSPECIFIED.get((name, repr(complex(z))), ""))]
    assert not bad, f"{name}: {len(bad)} cases, e.g. {bad[:4]}"


def _expm1_standard(z):
    """The Array API standard's special cases of expm1 (for Re, Im >= 0 or NaN; the other
    quadrants by conjugate symmetry), else numpy's finite value."""
    a, b = z.real, z.imag
    s0 = np.copysign(0.0, b)
    if a == INF and not np.isfinite(b):
        return complex(INF, NAN)
    if a == -INF and not np.isfinite(b):
        return complex(-1.0, s0)
    if a == -INF:
        return complex(-1.0, 0.0 * np.sign(np.sin(b)) if b != 0 else s0)
    if np.isnan(a):
        return complex(NAN, b if b == 0 else NAN)
    if b == 0:   # on the real axis: expm1(a) +- i0 (numpy: inf + nan j once e^a overflows)
        with np.errstate(over="ignore"):
            return complex(np.expm1(a), b)
    with np.errstate(all="ignore"):
        return np.expm1(z)


def test_expm1_follows_the_array_api_standard():
    with jax.enable_x64(True):
        got = np.asarray(wnp.expm1(Z))
    want = [_expm1_standard(z) for z in Z]
    # -inf + i b: -1 + 0 cis(b): the zero's sign is that of sin(b)... unspecified for b != 0
    bad = [(z, g, w) for z, g, w in zip(Z, got, want)
           if not _same(g, w, "i" if (z.real == -INF and np.isfinite(z.imag) and z.imag != 0)
                        else "")]
    assert not bad, bad[:4]


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128])
def test_finite_values_unchanged(dtype):
    """Off the special values the functions are numpy's to the dtype's precision."""
    rng = np.random.default_rng(0)
    z = (rng.standard_normal(64) * 3 + 1j * rng.standard_normal(64) * 3).astype(dtype)
    tol = 2e-5 if dtype == np.complex64 else 1e-12
    with jax.enable_x64(dtype == np.complex128):
        for name in NAMES:
            got = np.asarray(getattr(wnp, name)(z))
            assert got.dtype == dtype, name
            np.testing.assert_allclose(got, getattr(np, name)(z.astype(np.complex128)),
                                       rtol=tol, atol=tol, err_msg=name)


def test_gradients_pass_through():
    f = lambda x: wnp.abs(wnp.sqrt(wnp.exp(x + 1j)))  # noqa: E731
    g = jax.grad(f)(0.3)
    assert np.isclose(float(g), 0.5 * float(f(0.3)), rtol=1e-5)
