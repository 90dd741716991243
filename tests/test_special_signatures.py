"""Drop-in: every name of jax.scipy.special and jax.scipy.stats exists in jaxwrap
with jax's parameters (jaxwrap may add keywords after them, e.g. scipy's
``exact=``), so keyword calls written for jax keep working."""

from __future__ import annotations

import inspect

import jax.scipy.special as jsp
import jax.scipy.stats as jst
import numpy as np
import pytest

import jaxwrap.scipy.special as sp
import jaxwrap.scipy.stats as st

SPECIAL = sorted(n for n in dir(jsp) if not n.startswith("_"))
STATS = sorted(n for n in dir(jst) if not n.startswith("_"))


def _params(fn):
    return [p.name for p in inspect.signature(fn).parameters.values()]


def _compatible(ours, theirs) -> bool:
    """jax's positional parameters lead ours in order; its keyword-only ones exist."""
    o = inspect.signature(ours).parameters
    t = inspect.signature(theirs).parameters
    pos = [n for n, p in t.items() if p.kind != p.KEYWORD_ONLY]
    kw = [n for n, p in t.items() if p.kind == p.KEYWORD_ONLY]
    return list(o)[:len(pos)] == pos and all(n in o for n in kw)


@pytest.mark.parametrize("name", SPECIAL)
def test_special_name_and_parameters(name):
    assert _compatible(getattr(sp, name), getattr(jsp, name)), (
        inspect.signature(getattr(sp, name)), inspect.signature(getattr(jsp, name)))


@pytest.mark.parametrize("name", STATS)
def test_stats_name_and_methods(name):
    theirs, ours = getattr(jst, name), getattr(st, name)
    if inspect.isclass(theirs):  # gaussian_kde: compare instances (attributes and methods)
        data = np.linspace(-1.0, 2.0, 7, dtype=np.float32)
        a, b = theirs(data), ours(data)
        public = [m for m in dir(a) if not m.startswith("_")]
        assert not [m for m in public if not hasattr(b, m)]
        return
    if inspect.isfunction(theirs):  # mode, rankdata, sem
        assert _compatible(ours, theirs)
        return
    methods = [m for m in dir(theirs) if not m.startswith("_")
               and inspect.isfunction(getattr(theirs, m))
               and getattr(theirs, m).__module__.startswith("jax.")]
    for m in methods:
        assert hasattr(ours, m), f"{name}.{m} missing"
        assert _compatible(getattr(ours, m), getattr(theirs, m)), f"{name}.{m}"
