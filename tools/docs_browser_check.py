"""Check the built site in headless Chromium (no screenshots, no webdriver).

    python tools/docs_browser_check.py [docs/_build/html]

Serves the site on a local port, loads pages in ``chromium --headless
--dump-dom`` (which runs the pages' JavaScript) and checks the rendered DOM:

* the home page and the API reference load (their titles are there);
* Sphinx's search page, asked for ``einsum``, lists ``jaxwrap.numpy.einsum``;
* the scope page's filter (``?q=einsum``) leaves only the matching rows visible
  and says how many.

Exits non-zero with the failed checks; exits 2 when no Chromium is installed
(Debian: ``apt-get install chromium``).
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    return None


def dump_dom(browser: str, url: str, budget_ms: int = 15000) -> str:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           f"--virtual-time-budget={budget_ms}", "--dump-dom", url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else ROOT / "docs" / "_build" / "html").resolve()
    browser = _browser()
    if browser is None:
        print("no Chromium found (apt-get install chromium)")
        return 2
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    failed = []

    def check(what: str, ok: bool) -> None:
        print(("ok    " if ok else "FAIL  ") + what, flush=True)
        if not ok:
            failed.append(what)

    try:
        home = dump_dom(browser, f"{base}/index.html")
        check("home page loads", "jaxwrap" in home and "Porting from jax.numpy" in home)
        ref = dump_dom(browser, f"{base}/reference/jaxwrap.numpy.html")
        check("jaxwrap.numpy reference loads", 'id="jaxwrap.numpy.einsum"' in ref)
        search = dump_dom(browser, f"{base}/search.html?q=einsum")
        hits = re.findall(r'<li[^>]*>\s*<a[^>]*href="([^"]*)"', search)
        check("search for einsum finds jaxwrap.numpy.einsum",
              any("jaxwrap.numpy.html#jaxwrap.numpy.einsum" in h for h in hits))
        scope = dump_dom(browser, f"{base}/scope.html?q=einsum")
        rows = re.findall(r'<tr id="(scope-[^"]+)"([^>]*)>', scope)
        shown = [r for r, attrs in rows if "display: none" not in attrs]
        count = re.search(r'id="scope-count">(\d+) of (\d+) names<', scope)
        check("scope table filters to the einsum rows",
              "scope-numpy-einsum" in shown and len(shown) < len(rows) / 10
              and count is not None and int(count.group(1)) == len(shown) < len(rows))
    finally:
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
