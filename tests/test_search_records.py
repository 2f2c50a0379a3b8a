"""A --dirty build's search (``newsroom/speed/search_records.py``): the table
of word forms holds every page's words, rendered now or not, build after
build, whichever bundles changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsroom.outputs.wordforms import WordForms, page_words
from newsroom.speed.search_records import RecordedSearch


class Forms:
    """WordForms' bookkeeping of the site's words, without the dictionary."""

    note = WordForms.note

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.written: set[str] | None = None  # the words the table was written with

    def write(self, folder: Path) -> None:
        self.written = set(self.words)


class NoIndexer:
    def __init__(self) -> None:
        self.jobs = []

    def submit(self, job) -> None:
        self.jobs.append(job)


def _record(text: str) -> bytes:
    return f"<!doctype html><html><body data-pagefind-body><p>{text}</p></body></html>".encode()


def _build(tmp: Path, texts: dict[str, str], rendered: set[str], previous: dict[int, str]) -> RecordedSearch:
    """One build: ``rendered`` pages written now, the others' records kept."""
    indexer = NoIndexer()
    forms = Forms()
    search = RecordedSearch("uk", list(texts), 2, tmp / "site" / "pagefind", indexer, tmp / "records", previous,
                            forms)
    for number, dest in enumerate(texts):
        if dest in rendered:
            search.write(number // 2, dest, _record(texts[dest]))
    search.start()
    for job in indexer.jobs:  # (as if Pagefind wrote the bundle)
        job.output.mkdir(parents=True, exist_ok=True)
        (job.output / "pagefind-entry.json").write_text("{}")
    shutil.rmtree(search.folder)
    every = set().union(*(page_words(_record(text).decode())[0] for text in texts.values()))
    assert forms.written == every, (sorted((forms.written or set()) ^ every))
    assert search.forms is None  # written, then let go
    return search


def test_every_pages_words_are_in_the_table_whichever_bundles_changed(tmp_path):
    texts = {"a/index.html": "громада Полтава", "b/index.html": "бюджет громади", "c/index.html": "форум у Львові",
             "d/index.html": "вакансія", "e/index.html": "стажування"}
    first = _build(tmp_path, texts, set(texts), {})
    # Nothing rendered: every bundle as it was (each gives its union).
    again = _build(tmp_path, texts, set(), first.digests)
    assert again.digests == first.digests
    # One page of the first bundle rendered with other words; its neighbour is not rendered.
    texts["a/index.html"] = "нові слова"
    changed = _build(tmp_path, texts, {"a/index.html"}, again.digests)
    assert [n for n in changed.digests if changed.digests[n] != again.digests[n]] == [0]
    # Then nothing: the first bundle's union now holds its neighbour's words, kept, and the new ones.
    _build(tmp_path, texts, set(), changed.digests)
    # A page added at the end, and one fewer later.
    texts["f/index.html"] = "нова новина"
    added = _build(tmp_path, texts, {"f/index.html"}, changed.digests)
    del texts["f/index.html"]
    _build(tmp_path, texts, set(), added.digests)


def test_a_build_lets_go_of_the_analyser_once_its_table_is_written():
    """pymorphy3's dictionary (about 15 MB) and every word asked of it are
    not held through the next language's build; a preview keeps them, so
    that its rebuilds analyse only new words."""
    from newsroom_mkdocs.process import Process

    for command, kept in (("build", False), ("serve", True)):
        process = Process(command)
        analyser = process.analyser("uk")
        process.forget_analyser("uk")
        assert ("uk" in process.analysers) is kept
        assert (process.analyser("uk") is analyser) is kept
