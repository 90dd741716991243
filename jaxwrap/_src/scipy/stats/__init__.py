"""scipy.stats's families, one module each; ``jaxwrap.scipy.stats`` is the
package facade over them (written by ``tools/gen_facades.py``).

A module either exports functions in ``__all__`` (re-exported at package
level) or holds distribution tables and exposes ``NAMESPACES`` (name ->
namespace of methods, built by ``_distn.build``); each of those becomes a
generated module ``jaxwrap/scipy/stats/<name>.py``.  Modules starting with
``_`` hold shared helpers and export nothing public.
"""
