"""Generate the scope page of the documentation site from ``jaxwrap/scope.toml``.

``docs/conf.py`` calls `write_scope_page` at every build; it writes
``docs/scope.rst`` (ignored by git) through `jaxwrap.scope`'s API:

* the verdict of every numpy / scipy module;
* per mirrored module, the implemented / planned / out-of-scope counts;
* one table of every name (status, rubric axes, reason, alternative, notes)
  that ``docs/_static/scope_filter.js`` filters by text, module and status.
  Each row's id is `tools.docs_api.scope_anchor` of the name, the target of
  the "Scope:" link under every entry of the API reference.
"""

from __future__ import annotations

import html
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jaxwrap import scope  # noqa: E402
from tools.docs_api import scope_anchor  # noqa: E402

OUT = ROOT / "docs" / "scope.rst"


def _e(text: str) -> str:
    return html.escape(text or "", quote=True)


def _axes(entry: scope.ScopeEntry) -> str:
    return ", ".join(f"{n} {a}" for n, a in zip(entry.axis_numbers, entry.axes, strict=True))


def _api_link(entry: scope.ScopeEntry) -> str:
    target = entry.jaxwrap_name
    if not target or entry.kind == "module":
        return ""
    module = scope.facade_name(entry.module)
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return _e(target)
    if entry.short_name in getattr(mod, "__object_modules__", ()):
        href = f"reference/{module}.{entry.short_name}.html"
    else:
        href = f"reference/{module}.html#{module}.{entry.short_name}"
    return f'<a href="{_e(href)}"><code>{_e(target)}</code></a>'


def _rst_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        out.append(f"   * - {row[0]}")
        out += [f"     - {c}" for c in row[1:]]
    return out + [""]


def _rst(text: str) -> str:
    for ch in ("\\", "`", "*", "_", "|"):
        text = text.replace(ch, "\\" + ch)
    return text or "\\-"


def page_text() -> str:
    modules = scope.modules()
    named = sorted(scope._manifest().names)
    rows_html: list[str] = []
    for mod in named:
        for e in scope.entries(mod):
            rows_html.append(
                f'<tr id="{scope_anchor(e.name)}" data-module="{_e(mod)}" data-status="{e.status}">'
                f"<td><code>{_e(e.name)}</code></td><td>{_e(e.kind)}</td>"
                f'<td class="scope-{e.status}">{e.status.replace("_", " ")}</td>'
                f"<td>{_e(_axes(e))}</td><td>{_e(e.reason)}</td><td>{_e(e.alternative)}</td>"
                f"<td>{_e(e.notes)}</td><td>{_api_link(e)}</td></tr>"
            )
    total = {k: 0 for k in ("implemented", "planned", "out_of_scope", "total")}
    count_rows = []
    for mod in named:
        c = scope.coverage(mod)
        for k in total:
            total[k] += c[k]
        count_rows.append(
            [f"``{mod}``", str(c["implemented"]), str(c["planned"]), str(c["out_of_scope"]), str(c["total"])]
        )
    count_rows.append(["**all**", *(f"**{total[k]}**" for k in ("implemented", "planned", "out_of_scope", "total"))])
    module_rows = [
        [f"``{m.name}``", m.status.replace("_", " "), _rst(_axes(m)), _rst(m.reason), _rst(m.alternative)]
        for m in modules
    ]
    options = "".join(f'<option value="{_e(m)}">{_e(m)}</option>' for m in named)
    meta = scope._manifest().data.get("meta", {})
    refs = ", ".join(f"{k} {v}" for k, v in meta.items())
    out = [
        "Scope",
        "=====",
        "",
        "What jaxwrap provides, generated at build time from the manifest ``jaxwrap/scope.toml``",
        "(``tools/docs_scope.py``, through :py:mod:`jaxwrap.scope`). Every public name of the",
        f"reference modules ({_rst(refs)}) is *implemented*, *planned* or *out of scope*; an",
        "out-of-scope name gives the rubric axes that decide it (1 xla_alignment, 2 array_api,",
        "3 downstream, 4 complexity, 5 functional, 6 importance), a reason and what to use",
        "instead. The same answers come from Python (``jaxwrap.scope.lookup(name)``) and from",
        "the command line (``python -m jaxwrap scope NAME``).",
        "",
        "Names per module",
        "----------------",
        "",
        *_rst_table(["module", "implemented", "planned", "out of scope", "total"], count_rows),
        "Every name",
        "----------",
        "",
        "Type to filter by name, reason or alternative; pick a module or a status.",
        "",
        ".. raw:: html",
        "",
        '   <div class="scope-filter">',
        '   <input type="search" id="scope-search" placeholder="filter, e.g. einsum or optimize" '
        'aria-label="filter names">',
        '   <select id="scope-module" aria-label="module"><option value="">every module</option>'
        f"{options}</select>",
        '   <select id="scope-status" aria-label="status"><option value="">every status</option>'
        '<option value="implemented">implemented</option><option value="planned">planned</option>'
        '<option value="out_of_scope">out of scope</option></select>',
        '   <span id="scope-count"></span>',
        "   </div>",
        '   <div class="scope-table-wrap"><table class="scope-table" id="scope-table">',
        "   <thead><tr><th>name</th><th>kind</th><th>status</th><th>axes</th><th>reason</th>"
        "<th>alternative</th><th>notes</th><th>jaxwrap</th></tr></thead><tbody>",
        *(f"   {r}" for r in rows_html),
        "   </tbody></table></div>",
        "",
        "Modules",
        "-------",
        "",
        "The verdict on every numpy and scipy module. Importing an out-of-scope module from",
        "jaxwrap fails with an error that quotes this verdict.",
        "",
        *_rst_table(["module", "status", "axes", "reason", "alternative"], module_rows),
    ]
    return "\n".join(out) + "\n"


def write_scope_page(out: Path = OUT) -> int:
    """Write the scope page; return the number of names in its table."""
    text = page_text()
    if not out.exists() or out.read_text() != text:
        out.write_text(text)
    return text.count("<tr id=")


if __name__ == "__main__":
    print(f"{write_scope_page()} names on the scope page")
