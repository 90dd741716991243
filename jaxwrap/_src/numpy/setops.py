"""jaxwrap.numpy: setops (being written)."""

__all__: list[str] = []
