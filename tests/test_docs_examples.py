"""The ``Examples`` sections of public docstrings run as doctests.

Every public name the documentation site shows (``tools/docs_api.pages``) whose
docstring has examples is a candidate; one function object counts once (an
alias such as ``psi`` / ``digamma`` is one candidate). Many modules' own test
files already run their modules' examples (special, stats, signal, fft); this
file covers the whole API with a seeded sample, stratified over the reference
pages so that every module is drawn from:

* ``JAXWRAP_DOCTEST_SAMPLE`` (default 20): docstrings per run, drawn from the
  modules in turn (about 20 modules: every one is drawn from);
* ``JAXWRAP_DOCTEST_SEED`` (default 0): which sample;
* ``JAXWRAP_DOCTEST_ALL=1``: every candidate (``python tools/docs_doctest_all.py``
  does the same outside pytest and lists the failures).

Each docstring runs in a fresh namespace, as a reader of the site would run it:
its examples import what they use (the defining module's globals would also
hide mistakes, e.g. special's ``round`` shadowing the builtin in ``agm``'s).
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import os
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import docs_api  # noqa: E402

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def candidates() -> dict[str, list[tuple[str, object]]]:
    """Stratum -> [(qualified name, object)] of the public names with examples.

    A stratum is the reference module a page mirrors (the distribution pages
    of scipy.stats are one stratum with scipy.stats), else the page's module.
    """
    seen: set[int] = set()
    out: dict[str, list[tuple[str, object]]] = {}
    parser = doctest.DocTestParser()
    for page in docs_api.pages():
        mod = importlib.import_module(page.module)
        for name in page.names:
            obj = getattr(mod, name)
            if id(obj) in seen or inspect.ismodule(obj) or not docs_api._ours(obj):
                continue  # a re-export (numpy's LinAlgError ...) has another project's examples
            doc = obj.__doc__ if (inspect.isroutine(obj) or inspect.isclass(obj)) else None
            if not doc and callable(obj) and not inspect.isclass(obj):
                doc = getattr(obj, "__doc__", None)
            if not isinstance(doc, str) or not parser.get_examples(doc):
                continue
            seen.add(id(obj))
            out.setdefault(page.reference or page.module, []).append((f"{page.module}.{name}", obj))
    return out


def sample(cands: dict[str, list[tuple[str, object]]], k: int, seed: int) -> list[tuple[str, object]]:
    """`k` candidates (all when k <= 0): one per stratum first, then uniformly."""
    rng = random.Random(seed)
    flat = [c for items in cands.values() for c in items]
    if k <= 0 or k >= len(flat):
        return flat
    # strata in turn, a random unused docstring of each, until k are drawn: every
    # module gets about k / len(strata), whatever its size (scipy.stats alone has
    # two thirds of the docstrings)
    pools = {s: rng.sample(items, len(items)) for s, items in cands.items()}
    order = rng.sample(list(pools), len(pools))
    picked: list[tuple[str, object]] = []
    while len(picked) < k:
        for s in order:
            if pools[s] and len(picked) < k:
                picked.append(pools[s].pop())
    return picked


def run_example(name: str, obj: object) -> tuple[int, str]:
    """Run one docstring's examples; return (number of failures, report)."""
    import io

    doc = obj.__doc__
    test = doctest.DocTestParser().get_doctest(doc, {}, name, None, 0)
    buf = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=buf.write)
    return runner.failures, buf.getvalue()


#: Docstrings whose examples fail as a reader runs them (fresh namespace), as
#: listed by ``python tools/docs_doctest_all.py``: name -> why. They are bugs in
#: those docstrings, for their owners to fix; the xfail is strict, so a fixed
#: example fails here until its line is deleted. (Emptied 2026-12-07: the missing
#: imports were added and the printed values rounded to what float32 resolves.)
KNOWN_BROKEN: dict[str, str] = {}


def _selected() -> list:
    cands = candidates()
    if os.environ.get("JAXWRAP_DOCTEST_ALL") == "1":
        picked = sample(cands, 0, 0)
    else:
        k = int(os.environ.get("JAXWRAP_DOCTEST_SAMPLE", "20"))
        picked = sample(cands, k, int(os.environ.get("JAXWRAP_DOCTEST_SEED", "0")))
    return [
        pytest.param(n, o, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BROKEN[n]))
        if n in KNOWN_BROKEN else (n, o)
        for n, o in picked
    ]


def test_every_page_has_examples_to_draw_from():
    # a reference page of functions whose docstrings have no examples at all
    # would silently drop out of the sample
    cands = candidates()
    empty = [
        p.module
        for p in docs_api.pages()
        if p.group in ("numpy", "scipy") and (p.reference or p.module) not in cands
        and any(callable(getattr(importlib.import_module(p.module), n)) for n in p.names)
    ]
    assert not empty, f"pages without any docstring example: {empty}"
    assert sum(map(len, cands.values())) > 1000


def test_sample_is_stratified_and_seeded():
    cands = candidates()
    a, b = sample(cands, 40, 1), sample(cands, 40, 1)
    assert [n for n, _ in a] == [n for n, _ in b] and len(a) == 40
    assert len({n for n, _ in a}) == 40
    assert [n for n, _ in sample(cands, 40, 2)] != [n for n, _ in a]
    strata = {s for s, items in cands.items() for n, _ in items if n in {m for m, _ in a}}
    assert len(strata) == len(cands)  # every module drawn from


def test_a_wrong_example_fails():
    def f():
        """Doc.

        >>> 1 + 1
        3
        """

    failures, report = run_example("f", f)
    assert failures == 1 and "Expected" in report


@pytest.mark.parametrize("name, obj", _selected(), ids=lambda v: v if isinstance(v, str) else "")
def test_docstring_example(name, obj):
    failures, report = run_example(name, obj)
    assert failures == 0, report
