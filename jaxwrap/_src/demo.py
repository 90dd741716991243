"""``python -m jaxwrap demo``: runs examples/quickstart.py (shipped here too)."""

from __future__ import annotations

import importlib.util
import pathlib


def main() -> int:
    here = pathlib.Path(__file__).resolve()
    path = here.parents[2] / "examples" / "quickstart.py"
    if not path.exists():
        raise SystemExit("examples/quickstart.py not found: run the demo from a source checkout")
    spec = importlib.util.spec_from_file_location("jaxwrap_quickstart", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.main()
