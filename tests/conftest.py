"""Session-wide test hooks.

Bounding what a long-lived test process keeps of XLA.  Every executable XLA
compiles holds about three memory mappings (code and data) for as long as
jax's caches keep it.  A pytest-xdist worker runs thousands of tests and
compiles tens of thousands of programs; one reached Linux's
``vm.max_map_count`` (65530: 61k mappings and 8 GB resident were measured)
and the next compile segfaulted inside ``backend_compile`` (seen in CI and
locally, in a different test each time).  So at the end of each test module,
once the process holds more than ``_MAX_MAPS`` mappings, jax's caches are
cleared: the executables are freed with their mappings.  Inside a long module
the count is read every ``_EVERY`` tests, against a higher mark.  Programs shared by
the next module are recompiled, which costs far less than clearing after
every module.
"""

from __future__ import annotations

import gc

import jax
import pytest

_MAX_MAPS = 20000
_MAX_MAPS_IN_MODULE = 40000
_EVERY = 25
_seen = [0]


def _maps() -> int | None:
    try:
        with open("/proc/self/maps", "rb") as f:
            return sum(1 for _ in f)
    except OSError:  # no procfs (macOS): no count, so clear at every module end
        return None


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    _seen[0] += 1
    module_end = nextitem is None or nextitem.module is not item.module
    if not module_end and _seen[0] % _EVERY:
        return
    n, limit = _maps(), (_MAX_MAPS if module_end else _MAX_MAPS_IN_MODULE)
    if (n is None and module_end) or (n is not None and n > limit):
        jax.clear_caches()
        gc.collect()
