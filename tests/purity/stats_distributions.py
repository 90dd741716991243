"""Purity-test arguments for jaxwrap.scipy.stats's distributions.

The distributions are submodules of jaxwrap.scipy.stats (``stats.norm``),
which the API-wide walk skips; every method of every distribution is traced
and checked by ``tests/test_stats_distributions.py::test_every_method_is_pure``
instead, so no package-level function needs an entry here.
"""

SPECIAL: dict = {}
