"""Argument sets for the API-wide purity test (tests/test_architecture.py).

Each module here (one per family) defines ``SPECIAL``: fully qualified public
name -> one of
- ``(args, kwargs)``: the call to trace; NumPy arrays among ``args`` become
  the traced inputs;
- ``NotArray(args, kwargs, reason)``: the function returns no array (a dtype,
  a Python number, a helper object); the test calls it and checks that;
- ``Closed(args, kwargs, reason)``: the output shape depends on values (or the
  input is a host object), so nothing can be traced; the arrays are closed
  over as constants and every primitive the call binds is still recorded;
- ``Foreign(args, kwargs, primitives, reason)``: the jaxpr may hold exactly
  these jax primitives, by design (e.g. making a typed PRNG key);
- ``Raises(args, kwargs, exception, reason)``: the name exists for drop-in use
  but refuses every call, as jax's does (``fromiter``); the test checks that.
Every entry is a call that the test makes: none passes with nothing checked.
Functions that the generic argument sets already cover need no entry.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import NamedTuple


class NotArray(NamedTuple):
    args: tuple
    kwargs: dict
    reason: str


class Closed(NamedTuple):
    args: tuple
    kwargs: dict
    reason: str


class Raises(NamedTuple):
    args: tuple
    kwargs: dict
    exception: type
    reason: str


class Foreign(NamedTuple):
    args: tuple
    kwargs: dict
    primitives: frozenset
    reason: str


def purity_special() -> dict:
    out: dict = {}
    for info in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        clash = out.keys() & mod.SPECIAL.keys()
        if clash:
            raise ValueError(f"tests/purity/{info.name}.py: names listed twice: {sorted(clash)}")
        out.update(mod.SPECIAL)
    return out
