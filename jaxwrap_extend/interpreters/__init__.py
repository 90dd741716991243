"""Transformation and lowering rules for primitives: ``mlir``, ``ad``, ``batching``."""

from . import ad as ad
from . import batching as batching
from . import mlir as mlir
