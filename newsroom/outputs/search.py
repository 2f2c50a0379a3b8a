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
import itertools
import json
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from markupsafe import escape

from newsroom.model.dates import long_date
from newsroom.outputs import wordforms
from newsroom.outputs.pagefind import Indexer, Job
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
        self.jobs: list[Job] = []
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
        job = Job(source, self.output / bundle_path(number))
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
        """The table of word forms, written once every page is added; then
        let go with the site's words it holds (nothing reads them after; the
        build lets go of the analyser too: ``Process.forget_analyser``)."""
        if self.forms is not None:
            self.forms.write(self.output.parent / wordforms.FOLDER)
            self.forms = None

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
