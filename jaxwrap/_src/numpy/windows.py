"""jaxwrap.numpy: windows (being written)."""

__all__: list[str] = []
