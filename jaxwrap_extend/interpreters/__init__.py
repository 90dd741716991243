"""Transformation and lowering rules for primitives: ``mlir``, ``ad``, ``batching``."""

from . import ad as ad, batching as batching, mlir as mlir
