"""Argument sets for the API-wide purity test (tests/test_architecture.py).

Each module here (one per family) defines ``SPECIAL``: fully qualified public
name -> ``(args, kwargs)`` to call it with, or ``None`` for functions that do
not return arrays.  NumPy arrays among ``args`` become the traced inputs.
Functions that the generic argument sets already cover need no entry.
"""

from __future__ import annotations

import importlib
import pkgutil


def purity_special() -> dict:
    out: dict = {}
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        clash = out.keys() & mod.SPECIAL.keys()
        if clash:
            raise ValueError(f"tests/purity/{info.name}.py: names listed twice: {sorted(clash)}")
        out.update(mod.SPECIAL)
    return out
