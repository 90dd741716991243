"""Make the mpmath reference files of the special-function accuracy suite.

Each family has a module ``tools/special_refs/<family>.py`` with a function
``cases()`` returning a list of :class:`Case`.  This script evaluates every
case with mpmath at ``DPS`` decimal digits and writes
``tests/data/special/<family>.json``::

    python -m tools.special_refs.make gamma errfun      # some families
    python -m tools.special_refs.make                   # all of them

Inputs are rounded to the case's dtype *before* the reference is computed,
so the reference is the exact value at the point jaxwrap actually sees.
Expected values are stored as decimal strings with 25 significant digits
(``"nan"``, ``"inf"``, ``"-inf"`` where the true value is not finite);
complex values as ``[re, im]``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import mpmath
import numpy as np

DPS = 60  # working precision; 25 digits are stored
DIGITS = 25
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "data" / "special"


@dataclass
class Case:
    """Points of one function in one region, for one dtype.

    function  public name in jaxwrap.scipy.special
    region    "typical" or a short name of the hard region ("tiny", "near_pole",
              "large_order", "x_near_a", "tail", "complex", ...)
    dtype     "float32" / "float64" / "complex64" / "complex128": the inputs'
              dtype (integer-valued orders may be float too; see int_args)
    args      one sequence per argument, all the same length
    ref       mpmath function of the (mpf/mpc) arguments
    int_args  positions of arguments passed as Python ints to ``ref`` and as
              int32/int64 arrays to jaxwrap (orders n of jn, expn, ...)
    note      how the reference is defined where it is not obvious
    """

    function: str
    region: str
    dtype: str
    args: Sequence[Sequence[float]]
    ref: Callable
    int_args: tuple[int, ...] = ()
    note: str = ""
    kwargs: dict = field(default_factory=dict)


def _round(v, dtype: str, is_int: bool):
    if is_int:
        return int(v)
    dt = np.dtype(dtype)
    if dt.kind == "c":
        z = dt.type(complex(v))
        return complex(z)
    return float(dt.type(float(v)))


def _fmt(v) -> str | list[str]:
    if isinstance(v, mpmath.mpc):
        if v.imag == 0:
            return [_fmt(v.real), "0"]
        return [_fmt(v.real), _fmt(v.imag)]
    if isinstance(v, (list, tuple)):
        return [_fmt(e) for e in v]
    v = mpmath.mpf(v)
    if mpmath.isnan(v):
        return "nan"
    if mpmath.isinf(v):
        return "inf" if v > 0 else "-inf"
    return mpmath.nstr(v, DIGITS, min_fixed=1, max_fixed=0, strip_zeros=False)


def _arg_json(v):
    if isinstance(v, complex):
        return [repr(v.real), repr(v.imag)]
    return v if isinstance(v, int) else repr(v)


def evaluate(case: Case) -> dict:
    n = len(case.args[0])
    assert all(len(a) == n for a in case.args), case.function
    cols = [[_round(v, case.dtype, i in case.int_args) for v in a] for i, a in enumerate(case.args)]
    expected = []
    with mpmath.workdps(DPS):
        for row in zip(*cols):
            mp = [v if isinstance(v, int) else (mpmath.mpc(v) if isinstance(v, complex)
                                                 else mpmath.mpf(v)) for v in row]
            try:
                val = case.ref(*mp)
            except (ZeroDivisionError, ValueError, OverflowError):
                val = mpmath.mpf("nan")
            expected.append(_fmt(val))
    return {"function": case.function, "region": case.region, "dtype": case.dtype,
            "int_args": list(case.int_args), "note": case.note, "kwargs": case.kwargs,
            "args": [[_arg_json(v) for v in c] for c in cols], "expected": expected}


def families() -> list[str]:
    here = Path(__file__).parent
    return sorted(i.name for i in pkgutil.iter_modules([str(here)]) if i.name != "make")


def make(family: str) -> Path:
    mod = importlib.import_module(f"tools.special_refs.{family}")
    data = {
        "generated_by": f"python -m tools.special_refs.make {family}",
        "mpmath": mpmath.__version__, "dps": DPS,
        "cases": [evaluate(c) for c in mod.cases()],
    }
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{family}.json"
    # one case per line: reviewable diffs, small files
    head = {k: v for k, v in data.items() if k != "cases"}
    body = ",\n".join(json.dumps(c) for c in data["cases"])
    path.write_text(json.dumps(head)[:-1] + ', "cases": [\n' + body + "\n]}\n")
    return path


def main(argv: Sequence[str]) -> int:
    for fam in argv or families():
        path = make(fam)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
