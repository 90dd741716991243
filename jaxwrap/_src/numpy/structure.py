"""jaxwrap.numpy: structure (being written)."""

__all__: list[str] = []
