"""Bessel-function primitives (exponentially scaled I0/I1, ...), defined from
tables like ``elementwise.py`` and ``special.py``."""

from __future__ import annotations

__all__: list[str] = []
