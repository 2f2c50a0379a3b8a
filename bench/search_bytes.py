"""Bytes a reader downloads for one search, with the Ukrainian word forms
(issue 27) and without them (the search as it was), measured in Chromium.

    python bench/search_bytes.py [--out bench/search-bytes.md]

Builds the repository's site twice (the second with ``extra.news.word_forms:
[]``, through a configuration that INHERITs mkdocs.yml), serves each on
127.0.0.1, opens the home page, types each query into the header's search box
and adds up every response the page receives from the moment the box is
focused until the results are shown (Chromium's network log: the sizes of the
bodies as sent; this server compresses nothing, Pagefind's files are gzip
already). Writes a Markdown table, which ``run.py`` puts in RESULTS.md, with
the table of forms' total size (as written, and gzip-compressed, which is how
a host that compresses JSON sends it).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
QUERIES = ["Полтава", "громада", "стажування", "бюджет громади", "посадовців", "Варшава"]
CHROMIUM = "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(site: Path, word_forms: bool) -> None:
    config = REPO / "mkdocs.yml"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1:8000/")
    if word_forms:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    else:
        config = REPO / ".bench-search-off.yml"
        config.write_text("INHERIT: mkdocs.yml\nextra:\n  news:\n    word_forms: []\n", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "--site-dir", str(site)]
    try:
        subprocess.run(command, cwd=REPO, env=env, check=True)
    finally:
        if not word_forms:
            config.unlink(missing_ok=True)


def measure(site: Path, queries: list[str]) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base, wait_until="load")
                seen: list = []
                page.on("requestfinished", lambda request: seen.append(request))
                box = page.locator("#news-search-q")
                box.click()
                box.press_sequentially(query, delay=30)
                page.wait_for_function(
                    """() => { const s = document.querySelector('form.news-search .news-search__status');
                               return s && /^\\d|Нічого/.test(s.textContent.trim())
                                 && !document.querySelector('.news-search__results[aria-busy="true"]'); }""")
                page.wait_for_timeout(300)  # the excerpts' fragments
                page.wait_for_load_state("networkidle")
                sizes[query] = sum(request.sizes()["responseBodySize"] for request in seen)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return sizes


def table_size(site: Path) -> tuple[int, int, int]:
    """The table of forms: files, bytes, bytes gzip-compressed."""
    folder = site / "wordforms"
    files = [p for p in folder.glob("*.json")]
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)
    return len(files), raw, packed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BENCH / "search-bytes.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="search-bytes-"))
    try:
        with_forms, without = work / "forms", work / "plain"
        build(with_forms, True)
        build(without, False)
        after = measure(with_forms, QUERIES)
        before = measure(without, QUERIES)
        files, raw, packed = table_size(with_forms)
        biggest = max((p.stat().st_size for p in (with_forms / "wordforms").glob("*.json")), default=0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "## Search: bytes per query (issue 27)",
        "",
        "The repository's site; the header's box, one query per fresh browser context "
        "(everything fetched from the box's focus to the results), in Chromium. "
        "\"Before\": the same site built with `word_forms: []` (Pagefind alone).",
        "",
        "| query | before (bytes) | with word forms (bytes) | ratio | target ≤ 1.5 |",
        "|---|---:|---:|---:|---|",
    ]
    for query in QUERIES:
        ratio = after[query] / before[query] if before[query] else float("nan")
        lines.append(f"| {query} | {before[query]:,} | {after[query]:,} | {ratio:.2f} | "
                     f"{'met' if ratio <= 1.5 else 'not met'} |")
    lines += ["", f"The table of forms: {files} files, {raw:,} bytes as written ({packed:,} gzip-compressed); "
              f"the largest file {biggest:,} bytes. A query fetches `index.json` and one file per word.", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
