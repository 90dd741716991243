"""Argument sets for the API-wide purity test: jaxwrap.scipy.special's Bessel family.

Every other Bessel function takes one or two float arrays (the generic sets);
bessel_jn needs its keyword-only order ``v``.
"""

from __future__ import annotations

import numpy as np

_Z = np.linspace(0.1, 9.0, 6, dtype=np.float32).reshape(2, 3)

SPECIAL = {
    "jaxwrap.scipy.special.bessel_jn": ((_Z,), {"v": 3}),
}
