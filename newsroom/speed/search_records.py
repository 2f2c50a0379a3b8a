"""The search index of a ``mkdocs build --dirty`` (``speed/incremental.py``):
only the bundles whose pages changed are indexed again.

A dirty build renders only the pages whose inputs changed, but a bundle of
the index is made from every page in it. So each page's record (the small
HTML file Pagefind reads, ``outputs/search.py``) is kept in the build's
cache folder, and a bundle is indexed again only when what it holds (its
pages, in order, and their records) differs from the last build's, by a
digest kept in the build's state. Each record's own digest is kept beside
the records (a record written now is digested as it is written), so that
the records of a bundle that did not change are not read again. A page is in the bundle of its position in
the language's searchable pages, as in a clean build; the stories come oldest
first, so that a new story changes the last bundles only.

The table of word forms (``outputs/wordforms.py``) holds the words of every
page, rendered now or not. Its inputs are kept per bundle (``_words/``): the
union of the bundle's words under the bundle's digest, and each page's
words. A bundle as it was gives its union (its pages' words are not read);
in a bundle that changed, a page not rendered now gives the words kept for
it, and a page rendered now (or not known) is read from its record.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from newsroom.outputs.pagefind import Indexer
from newsroom.outputs.search import SearchSource, bundle_of, bundle_path
from newsroom.outputs.wordforms import WordForms

WORDS = "_words"  # in the records' folder: per bundle, its words' union and each page's words
DIGESTS = "_digests.json"  # and each record's digest


class RecordedSearch(SearchSource):
    """A language's search index made from its pages' records: the pages
    rendered now, and the others' from the last build."""

    def __init__(self, lang: str, order: list[str], per_bundle: int, output: Path, indexer: Indexer,
                 records: Path, previous: dict[int, str], forms: WordForms | None = None) -> None:
        super().__init__(lang, len(order), per_bundle, output, indexer, forms)
        self.order = order
        self.position = {dest: i for i, dest in enumerate(order)}
        self.records = records
        self.previous = previous
        self.digests: dict[int, str] = {}
        self._fresh: dict[str, str] = {}  # a record written now -> its digest

    def write(self, number: int, dest_uri: str, record: bytes) -> None:
        """A rendered page's record, kept (a bundle's pages are written for
        Pagefind in ``start``, in the order a clean build writes them: the
        index depends on it)."""
        path = self.records / dest_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(record)
        self._fresh[dest_uri] = hashlib.sha256(record).hexdigest()

    def _submit(self, number: int) -> None:
        """(Every bundle waits for ``start``: the pages come in any order.)"""

    def start(self) -> None:
        """Every rendered page is in: the others' records from the last build;
        the bundles that differ from the last build's are indexed."""
        # Each kept record's digest, beside the records: a bundle whose
        # records are all as they were is not read at all.
        sums_file = self.records / DIGESTS
        kept: dict[str, str] = json.loads(sums_file.read_text(encoding="utf-8")) if sums_file.is_file() else {}
        sums: dict[str, str] = {}
        members: dict[int, list[str]] = {}
        for index, dest in enumerate(self.order):
            members.setdefault(bundle_of(index, self.pages, self.per_bundle), []).append(dest)
        for number in range(self.bundles):
            dests = members.get(number, [])
            read: dict[str, bytes] = {}

            def record(dest: str) -> bytes:
                if dest not in read:
                    read[dest] = (self.records / dest).read_bytes()
                return read[dest]

            digest = hashlib.sha256()
            for dest in dests:
                sums[dest] = self._fresh.get(dest) or kept.get(dest) or hashlib.sha256(record(dest)).hexdigest()
                digest.update(dest.encode("utf-8") + b"\0" + bytes.fromhex(sums[dest]))
            self.digests[number] = digest.hexdigest()
            if self.forms is not None:
                self._note_words(number, dests, record)
            output = self.output / bundle_path(number)
            if self.previous.get(number) == self.digests[number] and (output / "pagefind-entry.json").is_file():
                continue
            for dest in dests:
                SearchSource.write(self, number, dest, record(dest))
            SearchSource._submit(self, number)
        self._remove_extra_bundles()
        self.records.mkdir(parents=True, exist_ok=True)
        sums_file.write_text(json.dumps(sums), encoding="utf-8")
        self.write_forms()

    def _note_words(self, number: int, dests: list[str], record: Callable[[str], bytes]) -> None:
        """A bundle's words for the table of word forms (see the docstring)."""
        assert self.forms is not None
        folder = self.records / WORDS
        union_file, pages_file = folder / f"{number}.union", folder / f"{number}.json"
        digest = self.digests[number]
        kept_digest, _, union = (union_file.read_text(encoding="utf-8") if union_file.is_file() else "").partition("\n")
        if kept_digest == digest:
            self.forms.note(None, union.split())
            return
        known: dict[str, str] = json.loads(pages_file.read_text(encoding="utf-8")) if pages_file.is_file() else {}
        words: dict[str, str] = {}
        for dest in dests:
            if dest in self._fresh or dest not in known:
                words[dest] = " ".join(sorted(self.forms.note(record(dest).decode("utf-8"))))
            else:
                words[dest] = known[dest]
                self.forms.note(None, known[dest].split())
        folder.mkdir(parents=True, exist_ok=True)
        pages_file.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
        every = sorted({word for page in words.values() for word in page.split()})
        union_file.write_text(digest + "\n" + " ".join(every), encoding="utf-8")

    def _remove_extra_bundles(self) -> None:
        """Bundles past this build's count (the index shrank) are gone, and
        their words."""
        if self.output.is_dir():
            for entry in self.output.iterdir():
                if entry.is_dir() and entry.name.isdigit() and int(entry.name) > self.bundles:
                    shutil.rmtree(entry)
        words = self.records / WORDS
        if words.is_dir():
            for entry in words.iterdir():
                if int(entry.name.split(".")[0]) >= self.bundles:
                    entry.unlink()
