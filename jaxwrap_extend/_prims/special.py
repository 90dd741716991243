"""Special-function primitives (scipy.special's kernels), defined from tables.

Same pattern as ``elementwise.py``: one row per primitive (name, accepted
dtype kinds, lowering, JVP per operand), turned by the builders of that
module into a primitive with abstract eval, lowering, JVP and batching.
Lowerings emit CHLO where XLA has the op, otherwise ``mlir.lower_fun`` of an
implementation written with jaxwrap primitives (every loop statically
bounded).
"""

from __future__ import annotations

__all__: list[str] = []
