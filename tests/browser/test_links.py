"""linkchecker (PyPI) over the served fixture site and real site: every
internal link, image, stylesheet, script, feed and calendar resolves. It
starts at both languages' home pages, sitemap.xml and every built page;
other hosts are not checked."""

from __future__ import annotations

import csv
import functools
import io
import re
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .browserkit import html_files, need_linkchecker

CONFIG = """[checking]
threads=4
# The local servers send a "LinkChecker" header, which allows more than
# linkchecker's default of 10 requests a second.
maxrequestspersecond=200
"""


def run_linkchecker(tmp_path, base: str, *starts: str) -> tuple[subprocess.CompletedProcess, list]:
    """Run linkchecker on other-host-free URLs; return the run and every URL
    it reported (--verbose: the valid ones too), as dicts of its CSV columns."""
    linkchecker = need_linkchecker()
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [linkchecker, "--config", str(config), "--no-warnings", "--no-status", "--verbose",
         "--output", "csv", "--ignore-url", f"^(?!{re.escape(base)})", *starts],
        capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stdout.splitlines(keepends=True) if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("".join(lines)), delimiter=";"))
    return result, rows


def page_url(served, path: Path) -> str:
    relative = path.relative_to(served.site).as_posix()
    return served.url(relative.removesuffix("index.html"))


@pytest.mark.parametrize("name", ("fixture", "real"))
def test_no_broken_links(request, tmp_path, name):
    served = request.getfixturevalue(f"served_{name}")
    pages = [page_url(served, path) for path in html_files(served.site)]
    # Start at the home pages, the sitemap and every page (no page escapes
    # the check for want of a link to it).
    result, rows = run_linkchecker(tmp_path, served.base, served.url(""), served.url("en/"),
                                   served.url("sitemap.xml"), *pages)
    assert rows, f"no report from linkchecker:\n{result.stdout}\n{result.stderr}"
    broken = [f"{row['url'] or row['urlname']} (linked from {row['parentname'] or 'the start'}): "
              f"{row['result']}" for row in rows if row["valid"] != "True"]
    assert not broken, "broken links:\n" + "\n".join(broken)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    checked = {row["url"] for row in rows if row["valid"] == "True"}
    assert not [page for page in pages if page not in checked]
    # Every kind of resource was among what it checked.
    kinds = {
        "stylesheet": r"\.css$", "script": r"\.js$", "image": r"\.(png|svg|jpe?g|webp)$",
        "RSS feed": r"/news/rss\.xml$", "Atom feed": r"/news/atom\.xml$",
        "English feed": r"/en/news/rss\.xml$", "category feed": r"/news/category/[^/]+/rss\.xml$",
    }
    if name == "fixture":
        kinds.update({"event calendar": r"/event\.ics$", "story image": r"/both-languages/photo\.\d+w\.jpg$"})
    missing = [kind for kind, pattern in kinds.items()
               if not any(re.search(pattern, url) for url in checked)]
    assert not missing, f"linkchecker checked no {missing}"


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
        result, rows = run_linkchecker(tmp_path / "run", base, base)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 1, result.stdout
    broken = sorted(row["url"] for row in rows if row["valid"] == "False")
    assert broken == [base + "gone/", base + "missing.css"], rows
