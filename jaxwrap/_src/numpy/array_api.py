"""jaxwrap.numpy: array_api (being written)."""

__all__: list[str] = []
