"""The special-function accuracy suite's measuring stick.

Reference files (``tests/data/special/<family>.json``) are written by
``python -m tools.special_refs.make <family>`` from mpmath at 60 digits; see
that script for the format.  Here a case is evaluated with jaxwrap (and with
jax.scipy.special / scipy.special on the same points, where they have the
function) and its error measured in ULPs of the case's dtype:

    err = |actual - expected| / ulp(expected)

with ``ulp`` the spacing of the dtype at ``expected`` (never below the
smallest subnormal).  A non-finite or out-of-range expected value must be
matched exactly (inf by the same inf, nan by nan), so "NaN where the true
value is finite" is an infinite error.  Complex values use the norm-wise
error ``|a - e| / ulp(max(|Re e|, |Im e|))``.

``check_case`` asserts a budget and the rule "never worse than jax": the max
error may exceed jax's on the same points only by ``PEER_SLACK`` ULPs.
With ``JAXWRAP_ACCURACY_OUT=file.jsonl`` every measurement is appended to
that file (``python tools/special_accuracy_report.py --from-jsonl file.jsonl`` turns it into
docs/special.md).
"""

from __future__ import annotations

import functools
import importlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import jax
import numpy as np

DATA = Path(__file__).parent / "data" / "special"
PEER_SLACK = 4.0  # ULPs by which jaxwrap may exceed jax's max error (ties of rounding)
_INT = {"float32": np.int32, "float64": np.int64, "complex64": np.int32, "complex128": np.int64}


@dataclass
class Case:
    function: str
    region: str
    dtype: str
    args: list[np.ndarray]
    expected: np.ndarray  # float64 or complex128
    note: str = ""
    kwargs: dict | None = None

    @property
    def id(self) -> str:
        return f"{self.function}-{self.region}-{self.dtype}"


def _parse(v):
    if isinstance(v, list):
        return complex(float(v[0]), float(v[1]))
    return float(v)


@functools.cache
def load(family: str) -> tuple[Case, ...]:
    raw = json.loads((DATA / f"{family}.json").read_text())
    out = []
    for c in raw["cases"]:
        args = []
        for i, col in enumerate(c["args"]):
            if i in c["int_args"]:
                args.append(np.asarray(col, _INT[c["dtype"]]))
            else:
                args.append(np.asarray([_parse(v) for v in col], c["dtype"]))
        exp = [_parse(v) for v in c["expected"]]
        dt = np.complex128 if any(isinstance(v, complex) for v in exp) else np.float64
        out.append(Case(c["function"], c["region"], c["dtype"], args, np.asarray(exp, dt),
                        c.get("note", ""), c.get("kwargs") or {}))
    return tuple(out)


def _real_of(dtype) -> np.dtype:
    dt = np.dtype(dtype)
    return np.dtype(np.float32) if dt in (np.float32, np.complex64) else np.dtype(np.float64)


def ulp_error(actual, expected, dtype) -> np.ndarray:
    """Per-point error in ULPs of ``dtype`` (see the module docstring)."""
    rdt = _real_of(dtype)
    fi = np.finfo(rdt)
    a = np.asarray(actual)
    e = np.asarray(expected)
    if np.iscomplexobj(e) or np.iscomplexobj(a):
        a, e = a.astype(np.complex128), e.astype(np.complex128)
        mag = np.maximum(np.abs(e.real), np.abs(e.imag))
        diff = np.abs(a - e)
        finite_e = np.isfinite(e.real) & np.isfinite(e.imag) & (mag <= fi.max)
        same = (a == e) | (np.isnan(a) & np.isnan(e))
    else:
        a, e = a.astype(np.float64), e.astype(np.float64)
        mag = np.abs(e)
        diff = np.abs(a - e)
        finite_e = np.isfinite(e) & (mag <= fi.max)
        # a finite value beyond the dtype's range rounds to +-inf in that dtype
        with np.errstate(over="ignore"):
            e_dt = e.astype(rdt).astype(np.float64)
        same = (a == e) | (a == e_dt) | (np.isnan(a) & np.isnan(e))
    with np.errstate(all="ignore"):
        ulp = np.maximum(np.spacing(mag.astype(rdt)).astype(np.float64),
                         float(fi.smallest_subnormal))
        err = np.where(finite_e, diff / ulp, np.where(same, 0.0, np.inf))
    return np.where(np.isnan(err), np.inf, err)


_BUCKET = 64  # points per call are padded to a multiple of this


def _call(fn, case: Case):
    """``fn`` on the case's points.  The columns are padded (repeating the last point) to a
    multiple of ``_BUCKET``, so the regions of one function and dtype share one array shape
    and XLA compiles each function's programs once, not once per region (the compiles
    dominate the suite's time); the padding is sliced off the result."""
    x64 = _real_of(case.dtype) == np.float64
    n = len(case.args[0]) if case.args else 0
    size = -(-n // _BUCKET) * _BUCKET
    args = [np.pad(a, (0, size - n), mode="edge") if np.ndim(a) == 1 and n else a
            for a in case.args]
    with jax.enable_x64(x64):
        out = np.asarray(fn(*args, **(case.kwargs or {})))
    return out[..., :n] if n else out


# Functions returning a tuple: a case named "<function>.<part>" measures one element.
COMPONENTS = {"airy": ("ai", "aip", "bi", "bip"), "airye": ("eai", "eaip", "ebi", "ebip"),
              "ellipj": ("sn", "cn", "dn", "ph")}


def peer_function(module: str, name: str):
    """``module.name`` if it exists (``jax.scipy.special``, ``scipy.special``), else None;
    ``name`` may be ``"<function>.<part>"`` of a tuple-valued function (COMPONENTS)."""
    base, _, part = name.partition(".")
    try:
        f = getattr(importlib.import_module(module), base)
    except (ImportError, AttributeError):
        return None
    if not part:
        return f
    i = COMPONENTS[base].index(part)
    return lambda *args, **kwargs: f(*args, **kwargs)[i]


@dataclass
class Measure:
    case: Case
    max_ulp: float
    median_ulp: float
    worst_args: tuple
    peer_max_ulp: float | None
    scipy_max_ulp: float | None


def measure(case: Case, fn=None, *, peer: bool = True, scipy: bool = True) -> Measure:
    """Errors of jaxwrap (``fn`` or jaxwrap.scipy.special.<function>), jax and scipy."""
    fn = fn or peer_function("jaxwrap.scipy.special", case.function)
    err = ulp_error(_call(fn, case), case.expected, case.dtype)
    worst = int(np.argmax(err))
    peer_err = sp_err = None
    jfn = peer_function("jax.scipy.special", case.function) if peer else None
    if jfn is not None:
        try:
            peer_err = float(np.max(ulp_error(_call(jfn, case), case.expected, case.dtype)))
        except Exception:  # jax's signature differs or it rejects the dtype
            peer_err = None
    sfn = peer_function("scipy.special", case.function) if scipy else None
    if sfn is not None:
        with np.errstate(all="ignore"):
            try:
                got = sfn(*case.args, **(case.kwargs or {}))
                sp_err = float(np.max(ulp_error(got, case.expected, case.dtype)))
            except Exception:
                sp_err = None
    m = Measure(case, float(np.max(err)), float(np.median(err)),
                tuple(np.asarray(a)[worst].item() for a in case.args), peer_err, sp_err)
    _record(m)
    return m


def _record(m: Measure) -> None:
    path = os.environ.get("JAXWRAP_ACCURACY_OUT")
    if not path:
        return
    row = {"function": m.case.function, "region": m.case.region, "dtype": m.case.dtype,
           "n": int(m.case.expected.size), "jaxwrap": m.max_ulp, "jax": m.peer_max_ulp,
           "scipy": m.scipy_max_ulp, "median": m.median_ulp}
    with open(path, "a") as f:
        f.write(json.dumps(row) + "\n")


def check_case(case: Case, budget: float, fn=None, *, peer: bool = True,
               peer_slack: float = PEER_SLACK) -> Measure:
    """Assert ``case`` meets ``budget`` ULPs and is never worse than jax's max error
    (plus ``peer_slack`` ULPs) on the same points."""
    m = measure(case, fn, peer=peer)
    assert m.max_ulp <= budget, (
        f"{case.id}: max error {m.max_ulp:.3g} ULP > budget {budget:g} at args {m.worst_args}"
        f" (jax {m.peer_max_ulp}, scipy {m.scipy_max_ulp})")
    if m.peer_max_ulp is not None:
        assert m.max_ulp <= m.peer_max_ulp + peer_slack, (
            f"{case.id}: {m.max_ulp:.3g} ULP, worse than jax.scipy.special's "
            f"{m.peer_max_ulp:.3g} at args {m.worst_args}")
    return m
