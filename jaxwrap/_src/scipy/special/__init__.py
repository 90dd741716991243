"""scipy.special's families, one module each; ``jaxwrap.scipy.special`` is the
facade over their ``__all__`` (written by ``tools/gen_facades.py``).

Modules starting with ``_`` hold shared helpers and export nothing public.
"""
