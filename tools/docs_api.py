"""Generate the API reference pages of the documentation site.

``docs/conf.py`` calls `write_reference` at every build; it writes
``docs/reference/`` (ignored by git): one page per public module with a
summary table and, for every public name, its signature and docstring
(Sphinx autodoc, numpy-style sections through napoleon) followed by a link to
the name's entry on the scope page.

The module list comes from the scope manifest (every reference module with a
name table whose jaxwrap facade exists), plus ``jaxwrap.random``, the
distribution modules of ``jaxwrap.scipy.stats`` (``__object_modules__``),
``jaxwrap.scope`` and the public modules of ``jaxwrap_extend``; the names of
each module come from `jaxwrap.scope.public_names`. Nothing here lists names
by hand.

Run ``python tools/docs_api.py --count`` to print the documented / public
name counts.
"""

from __future__ import annotations

import argparse
import re
import dataclasses
import importlib
import inspect
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jaxwrap import scope  # noqa: E402

OUT = ROOT / "docs" / "reference"

#: jaxwrap_extend's public modules (the package's docstring lists them; the
#: lazily loaded ones are in ``jaxwrap_extend._LAZY``).
EXTEND_PARENT = "jaxwrap_extend"


@dataclasses.dataclass
class Page:
    module: str  # importable module name, e.g. "jaxwrap.numpy.linalg"
    title: str
    reference: str | None  # the manifest module it mirrors ("numpy.linalg"), if any
    names: list[str]
    group: str  # which index section the page belongs to
    scope_entry_of_module: bool = False  # names map to one scope entry (stats distributions)


def _extend_modules() -> list[str]:
    pkg = importlib.import_module(EXTEND_PARENT)
    out = ["jaxwrap_extend.core"]
    interp = importlib.import_module("jaxwrap_extend.interpreters")
    for sub in ("mlir", "ad", "batching"):
        if hasattr(interp, sub) or importlib.util.find_spec(f"jaxwrap_extend.interpreters.{sub}"):
            out.append(f"jaxwrap_extend.interpreters.{sub}")
    out += [f"{EXTEND_PARENT}.{m}" for m in getattr(pkg, "_LAZY", ())]
    core = importlib.import_module("jaxwrap_extend.core")
    if hasattr(core, "sharding_rules"):
        out.append("jaxwrap_extend.core.sharding_rules")
    return out


#: Typing helpers a module imports for its annotations are not its API.
_NOT_API_MODULES = ("typing", "collections.abc")


def _names(mod: types.ModuleType) -> list[str]:
    return [
        n
        for n in scope.public_names(mod)
        if getattr(getattr(mod, n), "__module__", None) not in _NOT_API_MODULES
    ]


def pages() -> list[Page]:
    """Every page of the API reference, in the order of the index."""
    out: list[Page] = []
    for ref in sorted(scope._manifest().names):
        facade = scope.facade_name(ref)
        try:
            mod = importlib.import_module(facade)
        except ImportError:
            continue  # a manifest module with no facade (e.g. "scipy" itself)
        group = "numpy" if ref.startswith("numpy") else "scipy"
        out.append(Page(facade, facade, ref, _names(mod), group))
        for obj_mod in getattr(mod, "__object_modules__", ()):
            sub = importlib.import_module(f"{facade}.{obj_mod}")
            out.append(
                Page(
                    sub.__name__,
                    sub.__name__,
                    ref,
                    _names(sub),
                    f"{facade} distributions",
                    scope_entry_of_module=True,
                )
            )
    for name, group in (("jaxwrap.random", "jaxwrap"), ("jaxwrap.scope", "jaxwrap")):
        mod = importlib.import_module(name)
        out.append(Page(name, name, None, _names(mod), group))
    for name in _extend_modules():
        mod = importlib.import_module(name)
        out.append(Page(name, name, None, _names(mod), "jaxwrap_extend"))
    return out


def _ours(obj: object) -> bool:
    mod = getattr(obj, "__module__", None) or ""
    return mod.split(".")[0] in ("jaxwrap", "jaxwrap_extend")


def _first_line(obj: object) -> str:
    """The docstring's first paragraph as one line of reStructuredText: its
    ``literals`` kept, plain-text ``|``, ``*`` and ``name_`` escaped."""
    doc = inspect.getdoc(obj) or ""
    line = doc.strip().split("\n\n")[0].replace("\n", " ").strip()
    parts = _LITERAL.split(line)
    return "".join(
        p if k % 2 else re.sub(r"(?<=\w)_(?=\W|$)", r"\\_", _escape_text(p))
        for k, p in enumerate(parts)
    )


def _escape(text: str) -> str:
    """Plain text safe inside reStructuredText (no roles, emphasis or links)."""
    for ch in ("\\", "`", "*", "_", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def scope_anchor(name: str) -> str:
    """The HTML id of a manifest entry's row on the scope page (case kept:
    ``numpy.Inf`` and ``numpy.inf`` are two entries)."""
    return "scope-" + name.replace(".", "-")


def _scope_line(page: Page, name: str) -> str | None:
    if page.reference is None:
        return None
    key = page.module.rpartition(".")[2] if page.scope_entry_of_module else name
    full = f"{page.reference}.{key}"
    try:
        entry = scope.lookup(full)
    except KeyError:
        return "Scope: not a name of the reference module (a jax-only addition)."
    note = f" Notes: {_escape(entry.notes)}" if entry.notes and not page.scope_entry_of_module else ""
    url = f"../scope.html#{scope_anchor(entry.name)}"
    url = url[:-1] + "\\_" if url.endswith("_") else url  # else read as a reference name
    return (
        f"Scope: `{_escape(entry.name)} <{url}>`__ "
        f"({entry.status.replace('_', ' ')}).{note}"
    )


def _kind(obj: object) -> str:
    if isinstance(obj, type):
        return "class"
    if callable(obj):
        return "function"
    return "data"


def _entry(page: Page, name: str) -> list[str]:
    mod = importlib.import_module(page.module)
    obj = getattr(mod, name)
    full = f"{page.module}.{name}"
    kind = _kind(obj)
    scope_line = _scope_line(page, name)
    body: list[str] = []
    if isinstance(obj, types.ModuleType):  # a distribution object of scipy.stats
        return [f"* :doc:`{obj.__name__}` (distribution)", ""]
    if kind == "function" and _ours(obj if inspect.isroutine(obj) else type(obj)) and _documentable(obj):
        lines = [f".. autofunction:: {full}", ""]
    elif kind == "class" and _ours(obj) and inspect.getdoc(obj):
        lines = [f".. autoclass:: {full}", "   :members:", ""]
    else:
        # Re-exports of jax / numpy objects, dtypes and constants: their own
        # docstrings belong to other projects (and are not numpy-style).
        directive = "py:class" if kind == "class" else ("py:function" if kind == "function" else "py:data")
        lines = [f".. {directive}:: {name}", ""]  # short name: inside ``py:module``
        origin = getattr(obj, "__module__", None)
        qual = getattr(obj, "__qualname__", None)
        if kind == "data":
            r = repr(obj)
            body.append(f"Value: ``{r if len(r) < 60 else type(obj).__name__}``.")
        elif origin and qual and not _ours(obj):
            body.append(f"Re-export of ``{origin}.{qual}``.")
        else:
            first = _first_line(obj)
            body.append(first or "(no docstring)")
    if scope_line:
        body.append(scope_line)
    for b in body:
        lines += [f"   {b}", ""]
    return lines


def _documentable(obj: object) -> bool:
    """Autodoc can show it: it has a signature (a missing docstring shows as none)."""
    try:
        inspect.signature(obj)
    except (TypeError, ValueError):
        return False
    return True


def _page_text(page: Page) -> str:
    mod = importlib.import_module(page.module)
    title = page.title
    doc = inspect.getdoc(mod) or ""
    summary = _escape(doc.strip().split("\n\n")[0].replace("\n", " ")) if doc else ""
    out = [title, "=" * len(title), "", f".. py:module:: {page.module}", ""]
    if summary:
        out += [summary, ""]
    if page.reference:
        cov = scope.coverage(page.reference)
        if not page.scope_entry_of_module:
            out += [
                f"Mirrors ``{page.reference}``: {cov['implemented']} names implemented, "
                f"{cov['planned']} planned, {cov['out_of_scope']} out of scope "
                f"(see the :doc:`scope page <../scope>`).",
                "",
            ]
    out += [f"{len(page.names)} public names.", ""]
    if page.names:
        out += [".. list-table::", "   :widths: 25 75", ""]
        for n in page.names:
            obj = getattr(mod, n)
            if isinstance(obj, types.ModuleType):
                ref, desc = f":doc:`{n} <{obj.__name__}>`", "distribution"
            else:
                ref, desc = f":py:obj:`{n} <{page.module}.{n}>`", _first_line(obj) if _ours(obj) else ""
            out += [f"   * - {ref}", f"     - {desc}"]
        out.append("")
    out += ["Reference", "---------", ""]
    for n in page.names:
        out += _entry(page, n)
    return "\n".join(out) + "\n"


# ---- docstrings as reStructuredText

_LITERAL = re.compile(r"(``.+?``|`[^`]+`_*|:\w+:`[^`]+`)")
_EMPH_START = re.compile(r"(?<![\w*\\])\*(?=[^\s*])")


def _escape_text(seg: str) -> str:
    seg = seg.replace("|", r"\|")
    # an emphasis start with no end on the line: ``*name`` in a shape or signature
    out, pos = [], 0
    for m in _EMPH_START.finditer(seg):
        rest = seg[m.end() :]
        if not re.search(r"(?<=[^\s*\\])\*(?![\w*])", rest):
            out.append(seg[pos : m.start()] + r"\*")
            pos = m.end()
    out.append(seg[pos:])
    return "".join(out)


def plain_text_docstring(app, what, name, obj, options, lines):
    """Sphinx ``autodoc-process-docstring`` hook: escape plain-text markup in place.

    jaxwrap's docstrings are numpy-style plain text: ``|x|`` means an absolute
    value and ``(*batch, n)`` a shape, which reStructuredText would read as a
    substitution and an unclosed emphasis. Outside code (doctest lines,
    double-backquoted literals, roles, literal blocks after ``::``), ``|`` and an
    emphasis start with no end on its line are escaped; nothing else changes.
    """
    in_block = False
    block_indent = 0
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if in_block:
            if stripped and indent <= block_indent:
                in_block = False
            else:
                continue
        if stripped.startswith((">>>", "...")) or not stripped:
            continue
        if stripped.startswith("..") or stripped.startswith(":"):
            continue  # directives and field lists
        parts = _LITERAL.split(line)
        lines[i] = "".join(p if k % 2 else _escape_text(p) for k, p in enumerate(parts))
        if stripped.endswith("::"):
            in_block, block_indent = True, indent


GROUP_TITLES = {
    "numpy": "jaxwrap.numpy",
    "scipy": "jaxwrap.scipy",
    "jaxwrap": "jaxwrap.random and jaxwrap.scope",
    "jaxwrap_extend": "jaxwrap_extend",
}


def write_reference(out: Path = OUT) -> dict[str, int]:
    """Write every reference page (and the index) under `out`; return counts."""
    out.mkdir(parents=True, exist_ok=True)
    all_pages = pages()
    written = set()
    groups: dict[str, list[str]] = {}
    subpages: dict[str, list[str]] = {}
    for page in all_pages:
        if page.scope_entry_of_module:
            subpages.setdefault(page.module.rpartition(".")[0], []).append(page.module)
    for page in all_pages:
        text = _page_text(page)
        if page.module in subpages:  # the distribution pages sit under their module's page
            text += "\n.. toctree::\n   :hidden:\n\n" + "".join(f"   {m}\n" for m in subpages[page.module])
        path = out / f"{page.module}.rst"
        if not path.exists() or path.read_text() != text:  # keep mtimes: incremental builds
            path.write_text(text)
        written.add(path.name)
        if not page.scope_entry_of_module:
            groups.setdefault(page.group, []).append(page.module)
    for stale in out.glob("*.rst"):
        if stale.name not in written and stale.name != "index.rst":
            stale.unlink()
    idx = ["API reference", "=============", ""]
    idx += [
        "Generated from the code at build time (``tools/docs_api.py``): every public name of",
        "every jaxwrap module, with its signature, its docstring and a link to its entry on",
        "the :doc:`scope page <../scope>`.",
        "",
    ]
    for group, mods in groups.items():
        title = GROUP_TITLES.get(group, group)
        idx += [title, "-" * len(title), "", ".. toctree::", "   :maxdepth: 1", ""]
        idx += [f"   {m}" for m in mods]
        idx.append("")
    text = "\n".join(idx) + "\n"
    path = out / "index.rst"
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return counts(all_pages)


def counts(all_pages: list[Page] | None = None) -> dict[str, int]:
    all_pages = pages() if all_pages is None else all_pages
    names = sum(len(p.names) for p in all_pages)
    return {"pages": len(all_pages), "names": names}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--count", action="store_true", help="print page and name counts")
    p.add_argument("--out", default=str(OUT))
    args = p.parse_args(argv)
    c = write_reference(Path(args.out)) if not args.count else counts()
    print(f"{c['pages']} reference pages, {c['names']} documented names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
