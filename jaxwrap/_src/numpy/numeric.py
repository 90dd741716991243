"""jaxwrap.numpy: numeric (being written)."""

__all__: list[str] = []
