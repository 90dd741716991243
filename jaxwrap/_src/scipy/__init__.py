"""Implementations behind the jaxwrap.scipy facades (one module group per scipy module)."""
