"""Fit the rational factor of the Lanczos-type gamma form used by jaxwrap's comb.

For z >= 0 and a shift g,

    Gamma(z + 1) = sqrt(2 pi) t^(z + 1/2) e^(-t) A_g(z),   t = z + g + 1/2,

(Lanczos 1964, SIAM J. Numer. Anal. B 1, 86; the form of Pugh's 2004 thesis)
where A_g -> 1 as z -> inf.  Lanczos writes A_g as a sum of partial fractions
c_i / (z + i), a rational function of v = 1 / (z + 1); here A_g is fitted
directly as P(v) / Q(v) on v in [0, 1] (all z >= 0) in relative error by the
linearised least-squares + Lawson iteration of ``tools.fit_rational.fit``.
The degrees and g per dtype are the smallest found whose approximation error
stays below the dtype's rounding (printed: the fit error and that of the
Horner evaluation in the dtype).

Usage::

    python -m tools.fit_gamma_ratio     # prints the tables pasted into combinatorics.py
"""

from __future__ import annotations

import mpmath as mp
import numpy as np

from tools.fit_rational import _wrap, check, fit

mp.mp.dps = 40

# dtype: (g, degree of P and Q)
SPECS = {"float32": (2, 3), "float64": (4, 6)}


def a_g(g):
    """A_g as a function of v = 1 / (z + 1)."""
    g = mp.mpf(g)

    def f(v):
        if v == 0:
            return mp.mpf(1)
        z = 1 / v - 1
        t = z + g + mp.mpf(1) / 2
        return mp.gamma(z + 1) / (mp.sqrt(2 * mp.pi) * mp.exp((z + mp.mpf(1) / 2) * mp.log(t) - t))
    return f


def main():
    for dt, (g, n) in SPECS.items():
        f = a_g(g)
        pc, qc, _, err = fit(f, 0, 1, n, n, npts=80, iters=15, center=False)
        err_dt = check(f, 0, 1, pc, qc, (0.0, 1.0), 400, np.dtype(dt).type)
        print(f"# {dt}: g = {g}, degrees ({n}, {n}); max relative error of the fit "
              f"{err:.1e}, of its {dt} Horner evaluation {err_dt:.1e}")
        print(f"{dt!r}: ({g!r},\n{_wrap(pc)},\n{_wrap(qc)}),")


if __name__ == "__main__":
    main()
