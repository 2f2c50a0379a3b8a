"""The search index: each language's pages indexed by Pagefind into that
language's own bundles (``pagefind/``, ``en/pagefind/``), so a search from a
Ukrainian page only finds Ukrainian pages.

Pagefind holds everything it indexes in memory until it writes its bundle:
about 150 KB for each page of a few thousand words, 1.4 GB for 10,000 stories.
A language's pages are therefore indexed in bundles of at most
``Settings.search_bundle`` pages (``pagefind/``, then ``pagefind/2/``,
``pagefind/3/``, ...), which the search page merges in the reader's browser
(Pagefind's ``mergeIndex``). One bundle is indexed at a time, in the
background, as soon as its pages are rendered: the build goes on while it
runs, and never holds more than one Pagefind.

Pagefind reads small HTML files (a page's title and the HTML of its content)
written to memory (/dev/shm) where the machine has it: much faster than whole
themed pages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

from markupsafe import escape

from .offload import background_priority


def bundle_count(pages: int, per_bundle: int) -> int:
    """How many bundles ``pages`` pages make (at least one)."""
    return max(1, -(-pages // per_bundle))


def bundle_path(number: int) -> str:
    """Where bundle ``number`` (0-based) lies in a language's ``pagefind/``."""
    return "" if number == 0 else f"{number + 1}/"


class _Job:
    """One run of Pagefind over one bundle's pages."""

    def __init__(self, source: Path, output: Path) -> None:
        self.source = source
        self.output = output
        self.process: subprocess.Popen | None = None
        self.log = None
        self.returncode: int | None = None
        self.message = ""

    def start(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(self.source), "--output-path", str(self.output),
             "--silent"], stdout=self.log, stderr=subprocess.STDOUT,
            preexec_fn=background_priority if os.name == "posix" else None)

    def done(self) -> None:
        assert self.process is not None and self.log is not None
        self.returncode = self.process.wait()
        self.log.seek(0)
        self.message = self.log.read().decode("utf-8", errors="replace")
        self.log.close()
        # Its pages are indexed: they are not needed any more.
        shutil.rmtree(self.source, ignore_errors=True)


class Indexer:
    """Runs Pagefind jobs one after another, in the background: a job starts
    when the one before has ended, checked whenever a page is added."""

    def __init__(self) -> None:
        self._waiting: deque[_Job] = deque()
        self._running: _Job | None = None

    def submit(self, job: _Job) -> None:
        self._waiting.append(job)
        self.poll()

    def poll(self) -> None:
        if self._running is not None and self._running.process.poll() is not None:
            self._running.done()
            self._running = None
        if self._running is None and self._waiting:
            self._running = self._waiting.popleft()
            self._running.start()

    def wait(self) -> None:
        """Until every job submitted has ended."""
        while self._running is not None:
            self._running.process.wait()
            self.poll()

    def cancel(self) -> None:
        self._waiting.clear()
        if self._running is not None:
            self._running.process.kill()
            self._running.done()
            self._running = None


class SearchSource:
    """The searchable pages of one language build, ``pages`` in all, as they
    are rendered; each full bundle is handed to the indexer at once."""

    def __init__(self, lang: str, pages: int, per_bundle: int, output: Path, indexer: Indexer) -> None:
        shm = Path("/dev/shm")
        where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        self.lang = lang
        self.pages = pages
        self.per_bundle = per_bundle
        self.bundles = bundle_count(pages, per_bundle)
        self.output = output
        self.indexer = indexer
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-search-", dir=where))
        self.added = 0
        self.jobs: list[_Job] = []

    def add(self, dest_uri: str, title: str, html: str) -> None:
        number = self.added // self.per_bundle
        if number >= self.bundles:
            raise RuntimeError(f"search index ({self.lang}): more pages than the {self.pages} counted "
                               f"(a bug in the hooks): {dest_uri}")
        path = self.folder / str(number) / dest_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f'<!doctype html><html lang="{escape(self.lang)}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head><body data-pagefind-body>"
            f"<h1>{escape(title)}</h1>{html}</body></html>", encoding="utf-8")
        self.added += 1
        self.indexer.poll()

    def _index(self, number: int) -> None:
        job = _Job(self.folder / str(number), self.output / bundle_path(number))
        self.jobs.append(job)
        self.indexer.submit(job)

    def start(self) -> None:
        """Every page is added: index the last bundle."""
        if self.added != self.pages:
            raise RuntimeError(f"search index ({self.lang}): {self.added} pages added of the "
                               f"{self.pages} counted (a bug in the hooks)")
        for number in range(self.bundles):
            self._index(number)

    def finish(self) -> None:
        """Wait for every bundle; fail if Pagefind failed."""
        try:
            self.indexer.wait()
            for job in self.jobs:
                if job.returncode != 0:
                    raise RuntimeError(f"Pagefind failed on {job.output}:\n{job.message}")
                # Pagefind writes its entry file from a hash map, in no stable
                # order; sorted, two builds are byte-identical.
                entry = job.output / "pagefind-entry.json"
                data = json.loads(entry.read_text(encoding="utf-8"))
                entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                                 encoding="utf-8")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def discard(self) -> None:
        self.indexer.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)
