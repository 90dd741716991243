"""Make tests/data/hyp1f1_neg_a.json: mpmath references for real hyp1f1(a, b, x) with
non-integer a < 0, b > 0, x > 0, where the Kummer series cancels.

    python tools/make_hyp1f1_refs.py          # rewrites tests/data/hyp1f1_neg_a.json
    python tools/make_hyp1f1_refs.py --large-x  # rewrites tests/data/hyp1f1_neg_a_large_x.json

--large-x: LARGE_COUNT points (numpy seed 20261208): a uniform in [-100, 0)
(non-integer), b uniform in (0, 100], x uniform in (260, 1000] (where the one-term
asymptotic expansion stood before, 100 % off), kept where the value is a normal
float64; references mpmath.hyp1f1 at mp.dps = 50 on the float64 inputs.

How the points are chosen (deterministic, numpy seed 20261207): a uniform in
[-100, 0), b log-uniform in [0.01, 100], x uniform in (0, 200]; a point is kept when
its series loses at least three digits (sum |term| / |sum| > 1e3, summed here in
float64) and its value is a normal float64; 150 such points, plus the points named in
issue 10.  References: mpmath.hyp1f1 at mp.dps = 50 on the float64 inputs (exactly as
stored), rounded to float64, and again at the inputs rounded to float32 (the float32
test's reference).  The file records the mpmath version and the settings.
"""

from __future__ import annotations

import math
import pathlib
import sys

import mpmath
import numpy as np
from ref_points import write_points

SEED = 20261207
COUNT = 150
DPS = 50
OUT = pathlib.Path(__file__).resolve().parents[1] / "tests" / "data" / "hyp1f1_neg_a.json"
ISSUE_POINTS = [(-43.5, 50.0, 65.0), (-49.7, 47.5, 70.0), (-20.3, 3.5, 30.0),
                (-30.2, 0.5, 100.0), (-5.5, 2.0, 40.0), (-10.5, 1.0, 5.0),
                (-100.3, 20.0, 10.0)]


def _cancellation(a, b, x):
    """sum |t_k| / |sum t_k| of the Kummer series in float64 (at most 5000 terms)."""
    t = s = sa = 1.0
    for k in range(5000):
        r = (a + k) * x / ((b + k) * (k + 1))
        t *= r
        s += t
        sa += abs(t)
        if abs(t) < 1e-17 * abs(s) and abs(r) < 1:
            break
    return sa / abs(s) if s else math.inf


def main():
    rng = np.random.default_rng(SEED)
    pts = []
    while len(pts) < COUNT:
        a = -float(rng.uniform(0, 100))
        b = float(np.exp(rng.uniform(np.log(0.01), np.log(100))))
        x = float(rng.uniform(0, 200))
        if a == math.floor(a) or _cancellation(a, b, x) < 1e3:
            continue
        pts.append((a, b, x))
    rows = []
    with mpmath.workdps(DPS):
        for a, b, x in ISSUE_POINTS + pts:
            v = float(mpmath.hyp1f1(mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)))
            # the same at the float32-rounded inputs (the float32 test's reference)
            a32, b32, x32 = (float(np.float32(t)) for t in (a, b, x))
            v32 = float(mpmath.hyp1f1(mpmath.mpf(a32), mpmath.mpf(b32), mpmath.mpf(x32)))
            if v != 0 and math.isfinite(v) and abs(v) > 2.3e-308:
                rows.append([a, b, x, v, v32])
    head = {
        "made_by": "python tools/make_hyp1f1_refs.py",
        "how": (f"mpmath.hyp1f1 at mp.dps={DPS} on the float64 inputs, rounded to float64; "
                f"issue 10's points, then {COUNT} seeded points (seed {SEED}) whose Kummer "
                "series loses >= 3 digits: a in [-100, 0) non-integer, b log-uniform in "
                "[0.01, 100], x in (0, 200]"),
        "mpmath": mpmath.__version__,
        "columns": ["a", "b", "x", "hyp1f1", "hyp1f1 at float32(a), float32(b), float32(x)"],
    }
    write_points(OUT, head, rows)


LARGE_SEED = 20261208
LARGE_COUNT = 24
OUT_LARGE = OUT.with_name("hyp1f1_neg_a_large_x.json")


def main_large_x():
    rng = np.random.default_rng(LARGE_SEED)
    rows = []
    with mpmath.workdps(DPS):
        while len(rows) < LARGE_COUNT:
            a = -float(rng.uniform(0, 100))
            b = float(rng.uniform(0, 100))
            x = float(rng.uniform(260, 1000))
            if a == math.floor(a) or b == 0:
                continue
            v = float(mpmath.hyp1f1(mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)))
            if v != 0 and math.isfinite(v) and abs(v) > 2.3e-308:
                rows.append([a, b, x, v])
    head = {
        "made_by": "python tools/make_hyp1f1_refs.py --large-x",
        "how": (f"mpmath.hyp1f1 at mp.dps={DPS} on the float64 inputs, rounded to float64; "
                f"{LARGE_COUNT} seeded points (seed {LARGE_SEED}): a in [-100, 0) "
                "non-integer, b in (0, 100], x in (260, 1000], all uniform"),
        "mpmath": mpmath.__version__,
        "columns": ["a", "b", "x", "hyp1f1"],
    }
    write_points(OUT_LARGE, head, rows)


if __name__ == "__main__":
    if "--large-x" in sys.argv[1:]:
        main_large_x()
    else:
        main()
