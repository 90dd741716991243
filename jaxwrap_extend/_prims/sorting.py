"""jaxwrap primitives: sorting family (being written)."""

__all__: list[str] = []
