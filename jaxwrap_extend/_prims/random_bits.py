"""jaxwrap primitives: random_bits family (being written)."""

__all__: list[str] = []
