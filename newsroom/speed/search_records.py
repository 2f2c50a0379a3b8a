"""The search index of a ``mkdocs build --dirty`` (``speed/incremental.py``):
only the bundles whose pages changed are indexed again.

A dirty build renders only the pages whose inputs changed, but a bundle of
the index is made from every page in it. So each page's record (the small
HTML file Pagefind reads, ``outputs/search.py``) is kept in the build's
cache folder, and a bundle is indexed again only when what it holds (its
pages, in order, and their records) differs from the last build's, by a
digest kept in the build's state. A page is in the bundle of its position in
the language's searchable pages, as in a clean build; the stories come oldest
first, so that a new story changes the last bundles only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from newsroom.outputs.search import Indexer, SearchSource, bundle_of, bundle_path
from newsroom.outputs.wordforms import WordForms

WORDS = "_words.json"  # in the records' folder: each record's words


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
        self._fresh: set[str] = set()

    def write(self, number: int, dest_uri: str, record: bytes) -> None:
        """A rendered page's record, kept (a bundle's pages are written for
        Pagefind in ``start``, in the order a clean build writes them: the
        index depends on it)."""
        path = self.records / dest_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(record)
        self._fresh.add(dest_uri)

    def _submit(self, number: int) -> None:
        """(Every bundle waits for ``start``: the pages come in any order.)"""

    def start(self) -> None:
        """Every rendered page is in: the others' records from the last build;
        the bundles that differ from the last build's are indexed."""
        # Each record's words (for the table of word forms), kept beside the
        # records: an unchanged record's are not read again.
        cache = self.records / WORDS
        known: dict[str, str] = {}
        if self.forms is not None and cache.is_file():
            known = json.loads(cache.read_text(encoding="utf-8"))
        members: dict[int, list[str]] = {}
        for index, dest in enumerate(self.order):
            members.setdefault(bundle_of(index, self.pages, self.per_bundle), []).append(dest)
        for number in range(self.bundles):
            records = [(dest, (self.records / dest).read_bytes()) for dest in members.get(number, [])]
            if self.forms is not None:  # the table holds every page's words (rendered now or not)
                for dest, record in records:
                    if dest in self._fresh or dest not in known:
                        known[dest] = " ".join(sorted(self.forms.note(record.decode("utf-8"))))
                    else:
                        self.forms.note(None, known[dest].split())
            digest = hashlib.sha256()
            for dest, record in records:
                digest.update(dest.encode("utf-8") + b"\0" + hashlib.sha256(record).digest())
            self.digests[number] = digest.hexdigest()
            output = self.output / bundle_path(number)
            if self.previous.get(number) == self.digests[number] and (output / "pagefind-entry.json").is_file():
                continue
            for dest, record in records:
                SearchSource.write(self, number, dest, record)
            SearchSource._submit(self, number)
        self._remove_extra_bundles()
        if self.forms is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({dest: known[dest] for dest in self.order if dest in known},
                                        ensure_ascii=False), encoding="utf-8")
        self.write_forms()

    def _remove_extra_bundles(self) -> None:
        """Bundles past this build's count (the index shrank) are gone."""
        if self.output.is_dir():
            for entry in self.output.iterdir():
                if entry.is_dir() and entry.name.isdigit() and int(entry.name) > self.bundles:
                    shutil.rmtree(entry)
