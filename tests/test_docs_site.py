"""The documentation site's generators (tools/docs_*.py), without a Sphinx build.

The build itself runs in CI (``bash scripts/docs.sh``, warnings as errors, in
.ci/run); these tests pin what the generated pages must contain: every public
name documented with its scope link, the scope page equal to the manifest, the
figures' data equal to the benchmark JSON.
"""

from __future__ import annotations

import html
import importlib
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jaxwrap import scope  # noqa: E402
from tools import docs_api, docs_bench_plots, docs_scope  # noqa: E402


@pytest.fixture(scope="module")
def pages():
    return docs_api.pages()


def test_reference_covers_every_facade_module_of_the_manifest(pages):
    modules = {p.module for p in pages}
    for ref in scope._manifest().names:
        facade = scope.facade_name(ref)
        if importlib.util.find_spec(facade) is not None:
            assert facade in modules, facade
    assert {"jaxwrap.random", "jaxwrap.scope", "jaxwrap_extend.core",
            "jaxwrap_extend.interpreters.mlir", "jaxwrap.scipy.stats.norm"} <= modules


def test_every_public_name_is_documented(tmp_path, pages):
    counts = docs_api.write_reference(tmp_path)
    assert counts == {"pages": len(pages), "names": sum(len(p.names) for p in pages)}
    for page in pages:
        text = (tmp_path / f"{page.module}.rst").read_text()
        mod = importlib.import_module(page.module)
        for name in page.names:
            obj = getattr(mod, name)
            if isinstance(obj, type(mod)):
                assert f":doc:`{name} <{obj.__name__}>`" in text
            else:
                # an autodoc directive with the full name, or a py: directive
                # with the short name inside the page's py:module
                assert re.search(rf"^\.\. (auto\w+:: {re.escape(page.module)}\.|py:\w+:: )"
                                 rf"{re.escape(name)}$", text, re.M), (page.module, name)
    index = (tmp_path / "index.rst").read_text()
    stats = (tmp_path / "jaxwrap.scipy.stats.rst").read_text()
    for p in pages:  # in the index, or (a distribution) in its module page's toctree
        assert f"   {p.module}\n" in (stats if p.scope_entry_of_module else index), p.module


def test_public_functions_use_autodoc_and_link_their_scope_entry(tmp_path):
    docs_api.write_reference(tmp_path)
    text = (tmp_path / "jaxwrap.numpy.rst").read_text()
    entry = text.split(".. autofunction:: jaxwrap.numpy.einsum\n", 1)[1].split("\n.. ", 1)[0]
    anchor = docs_api.scope_anchor("numpy.einsum")
    assert f"<../scope.html#{anchor}>`__ (implemented)" in entry
    norm = (tmp_path / "jaxwrap.scipy.stats.norm.rst").read_text()
    assert ".. autofunction:: jaxwrap.scipy.stats.norm.logpdf" in norm
    assert docs_api.scope_anchor("scipy.stats.norm") in norm


def test_scope_page_is_the_manifest(tmp_path):
    out = tmp_path / "scope.rst"
    n = docs_scope.write_scope_page(out)
    text = out.read_text()
    want = [e for m in scope._manifest().names for e in scope.entries(m)]
    assert n == len(want)
    rows = re.findall(r'<tr id="([^"]+)" data-module="([^"]+)" data-status="([^"]+)">', text)
    assert len({r[0] for r in rows}) == len(rows) == len(want)  # anchors unique
    by_id = {r[0]: r for r in rows}
    for e in want:
        _, module, status = by_id[docs_api.scope_anchor(e.name)]
        assert (module, status) == (e.module, e.status)
        if e.reason:
            assert html.escape(e.reason, quote=True) in text
    for mod in scope._manifest().names:
        c = scope.coverage(mod)
        assert (f"   * - ``{mod}``\n     - {c['implemented']}\n     - {c['planned']}\n"
                f"     - {c['out_of_scope']}\n     - {c['total']}\n") in text
    assert 'id="scope-search"' in text and 'id="scope-status"' in text


def test_plain_text_docstrings_are_escaped_outside_code():
    lines = [
        "Scaled by exp(-|Re z|), shape (*batch, n).",
        "Keep *emphasis* and ``|literal|`` and `x|y`.",
        "",
        ">>> abs(-1) | 0",
        "Example::",
        "",
        "    |x| stays",
    ]
    docs_api.plain_text_docstring(None, "function", "f", None, {}, lines)
    assert lines[0] == r"Scaled by exp(-\|Re z\|), shape (\*batch, n)."
    assert lines[1] == "Keep *emphasis* and ``|literal|`` and `x|y`."
    assert lines[3] == ">>> abs(-1) | 0" and lines[6] == "    |x| stays"


def test_benchmark_figures_plot_the_json(tmp_path):
    row = {"name": "add", "ratio": 1.1, "spread": 0.2, "busy_cores": 0.0, "seconds": {}}
    slow = dict(row, name="take", ratio=0.5, spread=0.1, busy_cores=1.0)
    summary = {"target": 1.0, "value": 0.8, "measure": "median over functions of the ratio"}
    data = {"environment": {"jax": "0.10.2", "busy_rows": []}, "config": {"quick": True},
            "suites": {"eager": {"rows": [row, slow], "summary": summary}}}
    src = tmp_path / "bench.json"
    src.write_text(json.dumps(data))
    out = tmp_path / "figures"
    assert docs_bench_plots.write_figures(src, out) == ["eager"]
    plotted = json.loads((out / "bench_eager.json").read_text())
    assert [(r["name"], r["ratio"], r["spread"], r["busy"]) for r in plotted["rows"]] == [
        ("add", 1.1, 0.2, False), ("take", 0.5, 0.1, True)]
    assert plotted["noise_band"] == pytest.approx(0.15)
    assert (out / "bench_eager.png").read_bytes()[:4] == b"\x89PNG"
    page = (out / "index.rst").read_text()
    assert ".. image:: bench_eager.png" in page and ":download:`bench_eager.json" in page


def test_committed_benchmark_data_is_a_benchmarks_run_result():
    data = json.loads(docs_bench_plots.DATA.read_text())
    assert {"environment", "config", "suites"} <= set(data)
    assert {"eager", "trace", "compiled"} & set(data["suites"])
