"""``get_window`` in scipy.signal's namespace (the windows live in
``jaxwrap._src.scipy.signal_windows``)."""

from __future__ import annotations

from ..signal_windows.windows import get_window

__all__ = ["get_window"]
