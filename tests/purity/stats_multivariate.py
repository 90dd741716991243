"""Purity-test arguments for jaxwrap.scipy.stats's multivariate distributions and gaussian_kde.

The distributions (multivariate_t, dirichlet_multinomial) are submodules of
jaxwrap.scipy.stats and gaussian_kde is a class, all of which the API-wide
walk skips; their methods are traced and checked in
``tests/test_stats_multivariate.py::test_every_method_is_pure`` and
``tests/test_stats_kde.py::test_purity`` instead.
"""

SPECIAL: dict = {}
