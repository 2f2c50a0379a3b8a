"""The search index: each language's pages indexed by Pagefind into that
language's own bundles (``pagefind/``, ``en/pagefind/``), so a search from a
Ukrainian page only finds Ukrainian pages.

Pagefind holds everything it indexes in memory until it writes its bundle:
about 150 KB for each page of a few thousand words, 1.3 GB for 10,000 stories.
A language's pages are therefore indexed in bundles of
``Settings.search_bundle`` pages, the last holding the rest and split into
smaller ones (see ``bundle_sizes``)
(``pagefind/``, then ``pagefind/2/``, ``pagefind/3/``, ...), which the search
page merges in the reader's browser (Pagefind's ``mergeIndex``). Each bundle
is indexed as soon as its pages are rendered, in the background while the
build goes on, one after another: never more than one Pagefind at a time,
but two once the build has nothing left to do but wait for them (``hurry``).

Pagefind reads small HTML files (a page's title and the HTML of its content)
written to memory (/dev/shm) where the machine has it: much faster than whole
themed pages. A story's page also carries its date as Pagefind metadata
(``result_meta``), which the header's results and the search page show.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import itertools
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from markupsafe import escape

from newsroom.model.dates import long_date
from newsroom.outputs import wordforms
from newsroom.outputs.wordforms import WordForms


# The last bundle of a language is indexed only once its last page is
# rendered, so the build waits for it: half a bundle, then a quarter, are
# split off the rest while at least this many pages are left after them (a
# bundle of few pages answers a search with whatever shorter word it has).
TAPER_FROM = 50


# A story's page: <lang>/news/YYYY/MM/DD/<slug>/index.html (dest_uri), the
# day its page shows (model/urls.py's story()).
_STORY_PAGE = re.compile(r"^(?:[^/]+/)?news/(\d{4})/(\d{2})/(\d{2})/[^/]+/index\.html$")


def result_meta(dest_uri: str, lang: str) -> str:
    """Pagefind metadata of a page's search result, as HTML: for a story,
    ``date`` (as its page writes it, "4 грудня 2025") and ``datetime``
    (2025-12-04, for ``<time datetime>``); nothing for other pages."""
    found = _STORY_PAGE.match(dest_uri)
    if found is None:
        return ""
    try:
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return ""
    return (f'<span data-pagefind-meta="date:{escape(long_date(day, lang))}"></span>'
            f'<span data-pagefind-meta="datetime:{day.isoformat()}"></span>')


@functools.lru_cache(maxsize=64)
def bundle_sizes(pages: int, per_bundle: int) -> tuple[int, ...]:
    """How many of ``pages`` pages each bundle holds (at least one bundle):
    bundles of ``per_bundle`` pages, the last holding the rest, from which
    half a bundle, then a quarter, are split off (less to index after the
    last page) while ``TAPER_FROM`` pages are left after each. Every
    boundary stays in place as pages are added at the end (a new story: the
    stories come oldest first), so a new page changes the last bundle only
    (two, when it makes a new piece), which a ``--dirty`` build indexes
    again (bundles as equal in size as they could be moved every boundary:
    every bundle indexed again for one story; a rest split by its quarters,
    the last three)."""
    count = max(1, -(-pages // per_bundle))
    sizes = [per_bundle] * (count - 1)
    rest = pages - per_bundle * (count - 1)
    for piece in (per_bundle // 2, per_bundle // 4):
        if piece < TAPER_FROM or rest - piece < TAPER_FROM:
            break
        sizes.append(piece)
        rest -= piece
    return tuple(sizes + [rest])


def bundle_count(pages: int, per_bundle: int) -> int:
    """How many bundles ``pages`` pages make (at least one)."""
    return len(bundle_sizes(pages, per_bundle))


@functools.lru_cache(maxsize=64)
def _bundle_ends(pages: int, per_bundle: int) -> tuple[int, ...]:
    return tuple(itertools.accumulate(bundle_sizes(pages, per_bundle)))


def bundle_of(index: int, pages: int, per_bundle: int) -> int:
    """The bundle (0-based) of the ``index``-th of ``pages`` pages (the last
    for an index past the pages)."""
    ends = _bundle_ends(pages, per_bundle)
    return min(bisect.bisect_right(ends, index), len(ends) - 1)


def bundle_path(number: int) -> str:
    """Where bundle ``number`` (0-based) lies in a language's ``pagefind/``."""
    return "" if number == 0 else f"{number + 1}/"


@functools.lru_cache(maxsize=1)
def _pagefind() -> tuple[str, ...]:
    """How to run Pagefind: its binary, found as ``python -m pagefind`` finds
    it (``pagefind.service.get_executable``, whose module is not imported:
    it imports asyncio, about 50 ms of every build), or else ``python -m
    pagefind`` itself (which starts a Python only to run it, once per bundle)."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        return (given,)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            binary = importlib.import_module(package).get_executable()
        except (ImportError, FileNotFoundError):
            continue
        return (str(Path(binary).absolute()),)
    return (sys.executable, "-m", "pagefind")


def _pagefind_command(source: Path, output: Path) -> list[str]:
    command = [*_pagefind(), "--site", str(source), "--output-path", str(output), "--silent"]
    # At the lowest scheduling priority: below the build it runs beside and
    # below the helper process (niced by 10), whose parts the build waits for
    # (at N = 2000, three builds each by hand: 11.09-11.59 s against
    # 11.33-11.96 s at 10). (Started from the indexer's thread, so not through
    # Popen's preexec_fn, which is unsafe in a process with threads.)
    nice = shutil.which("nice") if os.name == "posix" else None
    return [nice, "-n", "19", *command] if nice else command


def _pagefind_env() -> dict[str, str]:
    """Pagefind's environment: its allocator (jemalloc) with one arena
    instead of one per thread, unless one is set already: on a bundle of 500
    story pages, 76 MB instead of 84 MB at its peak, in the same time
    (measured by hand: three runs with, two without)."""
    env = dict(os.environ)
    env.setdefault("_RJEM_MALLOC_CONF", "narenas:1")
    return env


class _Job:
    """One run of Pagefind over one bundle's pages."""

    def __init__(self, source: Path, output: Path) -> None:
        self.source = source
        self.output = output
        self.returncode: int | None = None
        self.message = ""
        self.cancelled = False
        self.ended = threading.Event()
        self.process: subprocess.Popen | None = None
        self._starting = threading.Lock()  # a cancel waits until Pagefind is started (or not)

    def run(self, remove: Callable[[Path], object] | None = None) -> None:
        """Index the bundle, then remove its pages (by ``remove``, if given)."""
        try:
            with tempfile.TemporaryFile() as log:
                with self._starting:
                    if self.cancelled:
                        self.returncode, self.message = -1, "cancelled"
                        return
                    _clear(self.output)
                    self.process = subprocess.Popen(_pagefind_command(self.source, self.output),
                                                    stdout=log, stderr=subprocess.STDOUT, env=_pagefind_env())
                self.returncode = self.process.wait()
                log.seek(0)
                self.message = log.read().decode("utf-8", errors="replace")
        except OSError as error:
            self.returncode, self.message = -1, str(error)
        finally:
            # Its pages are indexed: they are not needed any more.
            (remove or _remove)(self.source)
            self.ended.set()

    def cancel(self) -> None:
        with self._starting:
            self.cancelled = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()


def _clear(output: Path) -> None:
    """A bundle's output folder emptied before Pagefind writes it; the first
    bundle's (``pagefind/``) holds the others' (``pagefind/2/``, ...): kept."""
    if not output.is_dir():
        return
    for entry in output.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            if not entry.name.isdigit():
                shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _remove(folder: Path) -> None:
    """A bundle's pages removed, by rm(1) where there is one: Python's rmtree
    takes the interpreter's lock for each of the thousands of files and
    folders, from the build's process (about 2 s of it at N = 10000)."""
    rm = _rm()
    if rm is not None:
        try:
            if subprocess.run([rm, "-rf", "--", str(folder)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _rm() -> str | None:
    return shutil.which("rm") if os.name == "posix" else None


class Indexer:
    """Runs Pagefind jobs one after another, in a background thread.

    A job's pages, once indexed, are removed by another thread, so that the
    next job starts at once: a thread of a process whose main thread renders
    pages waits for the interpreter's lock after each file it removes (up to
    its switch interval, 5 ms), and removing a bundle's pages took 0.2 to
    0.4 s at N = 1000, which held up every bundle after it."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._trash: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._remover: threading.Thread | None = None

    def submit(self, job: _Job) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="pagefind", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _remove_later(self, folder: Path) -> None:
        if self._remover is None:
            self._remover = threading.Thread(target=self._empty_trash, name="pagefind-pages", daemon=True)
            self._remover.start()
        self._trash.put(folder)

    def _empty_trash(self) -> None:
        while True:
            _remove(self._trash.get())

    def _work(self) -> None:
        while True:
            self._jobs.get().run(remove=self._remove_later)

    def hurry(self, after: Callable[[], object] | None = None) -> None:
        """The build has nothing left to do but wait for its index: run the
        bundles still waiting two at a time (one more worker, until none is
        left). They are mostly the last and smallest ones (``bundle_sizes``).
        The second worker starts once ``after`` returns: the build's helper
        process has exited, which held more memory than a second Pagefind takes."""
        threading.Thread(target=self._drain, args=(after,), name="pagefind-hurry", daemon=True).start()

    def _drain(self, after: Callable[[], object] | None) -> None:
        if after is not None:
            after()
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            job.run(remove=self._remove_later)


class SearchSource:
    """The searchable pages of one language build, ``pages`` in all (counted
    before they are rendered), written as they are rendered; each bundle is
    handed to the indexer as soon as it is full."""

    def __init__(self, lang: str, pages: int, per_bundle: int, output: Path, indexer: Indexer,
                 forms: WordForms | None = None) -> None:
        shm = Path("/dev/shm")
        where = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
        self.lang = lang
        self.pages = pages
        self.per_bundle = per_bundle
        self.bundles = bundle_count(pages, per_bundle)
        self.output = output
        self.indexer = indexer
        self.forms = forms  # the language's word forms (outputs/wordforms.py), if its search knows them
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-search-", dir=where))
        self.added = 0
        self.jobs: list[_Job] = []
        self._folders: set[str] = set()  # made already
        self._start = f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'

    def add(self, dest_uri: str, title: str, html: str, terms: tuple[str, ...] = ()) -> None:
        """A page to index: its title, the HTML of its text, and the names of
        its terms (which the word forms' tokens carry, not its text)."""
        # Pages past the count (none, unless MkDocs renders a page the count
        # missed) go into the last bundle (bundle_of), indexed once all are in.
        number = bundle_of(self.added, self.pages, self.per_bundle)
        title = escape(title)
        text = f"<h1>{title}</h1>{result_meta(dest_uri, self.lang)}{html}"
        if self.forms is not None:
            text += self.forms.block(text, terms)
        self.write(number, dest_uri, f'{self._start}<title>{title}</title></head><body data-pagefind-body>'
                   f"{text}</body></html>".encode("utf-8"))
        self.added += 1
        if number < self.bundles - 1 and bundle_of(self.added, self.pages, self.per_bundle) != number:
            self._submit(number)  # full: indexed in the background while the build goes on

    def write(self, number: int, dest_uri: str, record: bytes) -> None:
        """A page's record (the small HTML file Pagefind reads) into its bundle."""
        path = f"{self.folder}/{number}/{dest_uri}"
        folder = path.rpartition("/")[0]
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        with open(path, "wb") as handle:
            handle.write(record)

    def _submit(self, number: int) -> None:
        source = self.folder / str(number)
        source.mkdir(parents=True, exist_ok=True)  # an empty bundle is still a bundle
        job = _Job(source, self.output / bundle_path(number))
        self.jobs.append(job)
        self.indexer.submit(job)

    def start(self) -> None:
        """Every page is added: index the last bundle (and any the pages
        added did not fill: the search page loads every bundle counted);
        write the table of word forms."""
        submitted = {job.output for job in self.jobs}
        for number in range(self.bundles):
            if self.output / bundle_path(number) not in submitted:
                self._submit(number)
        self.write_forms()

    def write_forms(self) -> None:
        if self.forms is not None:
            self.forms.write(self.output.parent / wordforms.FOLDER)

    def finish(self) -> None:
        """Wait for every bundle; fail if Pagefind failed."""
        try:
            for job in self.jobs:
                job.ended.wait()
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
        """A failed build: stop its Pagefind runs and drop its pages."""
        for job in self.jobs:
            job.cancel()
        for job in self.jobs:
            job.ended.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
