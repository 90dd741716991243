"""Sphinx configuration of jaxwrap's documentation site (``bash scripts/docs.sh``).

Theme furo; napoleon (bundled with Sphinx) reads the numpy-style docstrings;
myst-parser reads the Markdown guides. The API reference, the scope page and
the benchmark figures are generated at every build by ``tools/docs_*.py``
(into ``reference/``, ``scope.rst`` and ``figures/``, all ignored by git).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("JAX_PLATFORMS", "cpu")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import docs_api, docs_bench_plots, docs_scope  # noqa: E402

import jaxwrap  # noqa: E402

_counts = docs_api.write_reference()
docs_scope.write_scope_page()
docs_bench_plots.write_figures()

project = "jaxwrap"
author = "the jaxwrap developers"
copyright = "the jaxwrap developers; Apache-2.0"
release = getattr(jaxwrap, "__version__", "")

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
root_doc = "index"

html_theme = "furo"
html_title = f"jaxwrap {release}"
html_static_path = ["_static"]
html_css_files = ["jaxwrap.css"]
html_js_files = ["scope_filter.js"]
html_copy_source = False  # smaller site; the sources are in the repository
html_show_sourcelink = False

# numpy-style docstrings; ``Attributes`` as fields so they do not clash with
# autodoc's own member entries.
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_ivar = True
napoleon_use_rtype = False
napoleon_preprocess_types = False

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"undoc-members": False}
add_module_names = False

myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]


# -- Docstrings written as plain text ---------------------------------------
# ``|x|`` (an absolute value) and ``(*batch, n)`` (a shape) would read as a
# substitution and an unclosed emphasis: see tools.docs_api.plain_text_docstring.


def setup(app):
    app.connect("autodoc-process-docstring", docs_api.plain_text_docstring, priority=400)
    return {"parallel_read_safe": True}
