"""Purity-test arguments for jaxwrap.scipy.special's gamma family functions that the generic
argument sets of tests/test_architecture.py do not fit."""

import numpy as np

_A = np.linspace(1.1, 1.9, 6, dtype=np.float32).reshape(2, 3)

SPECIAL = {
    "jaxwrap.scipy.special.multigammaln": ((_A, 2), {}),   # d is a static int
}
