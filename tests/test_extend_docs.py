"""Every ```python block of docs/extend.md runs, in order, in one namespace
(from the repository root, so the guide's relative paths resolve); the
blocks' own asserts are the checks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "extend.md"


def _blocks(text: str) -> list[tuple[int, str]]:
    """(line number, source) of each ```python block."""
    out = []
    for m in re.finditer(r"^```python\n(.*?)^```", text, flags=re.S | re.M):
        out.append((text.count("\n", 0, m.start()) + 2, m.group(1)))
    return out


def test_guide_has_the_steps():
    text = GUIDE.read_text()
    for heading in ("A primitive and its eager rule", "Abstract evaluation", "Lowering",
                    "Per-platform lowering", "JVP", "transposition", "Batching",
                    "FFI", "jaxprs", "Sharding", "Backends"):
        assert heading in text, heading
    assert len(_blocks(text)) >= 12


def test_guide_snippets_run(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "extend_guide"}
    for line, source in _blocks(GUIDE.read_text()):
        # Padding makes tracebacks show the guide's own line numbers.
        code = compile("\n" * (line - 1) + source, str(GUIDE), "exec")
        exec(code, namespace)  # a failing assert points at docs/extend.md:<line>
    assert "doc_mul_add" in capsys.readouterr().out
