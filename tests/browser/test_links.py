"""linkchecker (PyPI) over the served fixture site and real site: every
internal link, image, stylesheet, script, feed and calendar resolves. It
starts at both languages' home pages and at sitemap.xml (which lists the pages
no other page links, such as month archives); other hosts are not checked."""

from __future__ import annotations

import functools
import re
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .browserkit import html_files, need_linkchecker

CONFIG = """[checking]
threads=4
# The local servers send a "LinkChecker" header, which allows more than
# linkchecker's default of 10 requests a second.
maxrequestspersecond=200
"""


def run_linkchecker(tmp_path, base: str, *starts: str) -> tuple[subprocess.CompletedProcess, int]:
    linkchecker = need_linkchecker()
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [linkchecker, "--config", str(config), "--no-warnings", "--no-status",
         "--ignore-url", f"^(?!{re.escape(base)})", *starts],
        capture_output=True, text=True, timeout=300)
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    return result, int(checked.group(2)) if checked else 0


@pytest.mark.parametrize("name", ("fixture", "real"))
def test_no_broken_links(request, tmp_path, name):
    served = request.getfixturevalue(f"served_{name}")
    result, checked = run_linkchecker(tmp_path, served.base, served.url(""), served.url("en/"),
                                      served.url("sitemap.xml"))
    assert result.returncode == 0, f"linkchecker found broken links:\n{result.stdout}\n{result.stderr}"
    assert "0 errors found" in result.stdout, result.stdout
    # It went through the whole site, not just the start pages.
    assert checked >= len(html_files(served.site)), result.stdout


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass

    def end_headers(self):
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


def test_linkchecker_reports_a_broken_link(tmp_path):
    """The same command fails on a site with a missing stylesheet and page."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title>'
        '<link rel="stylesheet" href="missing.css"></head>'
        '<body><a href="gone/">gone</a> <a href="https://example.invalid/">elsewhere</a></body></html>',
        encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        (tmp_path / "run").mkdir()
        result, _ = run_linkchecker(tmp_path / "run", base, base)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 1, result.stdout
    assert "missing.css" in result.stdout and "gone/" in result.stdout
    assert "2 errors found" in result.stdout, result.stdout
