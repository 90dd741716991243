"""Make tests/data/legendre_real_degree.json: mpmath references for scipy's
eval_legendre(nu, x) at non-integral degrees, where the 2F1 form cancels.

    python tools/make_legendre_refs.py      # rewrites tests/data/legendre_real_degree.json

How the points are chosen (deterministic, numpy seed 20261208): nu uniform in
[-50, 50] (non-integral), and x in three groups of 16: uniform in (-1, 1) (the
interior, where the old 2F1 path and scipy were up to 1e9 / 1e21 relative off),
1 -+ 10**U(-12, -1) (next to the end points, the logarithmic 1 - z connection) and
1 + 10**U(-10, 2) (x > 1).  A point whose value is within 1e-3 of the largest
|P_nu| on the sample is kept only where |P_nu(x)| > 1e-3 (next to a zero of P_nu any
method's relative error is the condition number times a few ulps).  References:
mpmath.legenp(nu, 0, x, type=2) (the Ferrers function, = 2F1(-nu, nu + 1; 1;
(1 - x) / 2)) for |x| < 1 and type=3 for x > 1, at mp.dps = 40, rounded to float64.
The file records the mpmath version and the settings.
"""

from __future__ import annotations

import pathlib

import mpmath
import numpy as np
from ref_points import write_points

SEED = 20261208
PER_GROUP = 16
DPS = 40
OUT = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data" / "legendre_real_degree.json"


def _ref(nu, x):
    with mpmath.workdps(DPS):
        t = 2 if abs(x) < 1 else 3
        return float(mpmath.legenp(mpmath.mpf(nu), 0, mpmath.mpf(x), type=t))


def main():
    rng = np.random.default_rng(SEED)
    groups = [lambda: float(rng.uniform(-1, 1)),
              lambda: float(rng.choice([-1.0, 1.0]) * (1 - 10 ** rng.uniform(-12, -1))),
              lambda: float(1 + 10 ** rng.uniform(-10, 2))]
    rows = []
    for draw in groups:
        kept = 0
        while kept < PER_GROUP:
            nu = float(rng.uniform(-50, 50))
            x = draw()
            if nu == np.floor(nu):
                continue
            v = _ref(nu, x)
            if not (np.isfinite(v) and abs(v) > 1e-3):
                continue
            rows.append([nu, x, v])
            kept += 1
    head = {
        "made_by": "python tools/make_legendre_refs.py",
        "how": (f"mpmath.legenp(nu, 0, x, type=2 for |x| < 1, 3 for x > 1) at mp.dps={DPS} "
                f"on the float64 inputs, rounded to float64; seed {SEED}, {PER_GROUP} points "
                "each with x in (-1, 1), 1 -+ 10**U(-12, -1), 1 + 10**U(-10, 2); nu in "
                "[-50, 50] non-integral; |value| > 1e-3"),
        "mpmath": mpmath.__version__,
        "columns": ["nu", "x", "eval_legendre"],
    }
    write_points(OUT, head, rows)


if __name__ == "__main__":
    main()
