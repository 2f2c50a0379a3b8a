"""The story folders a ``--dirty`` build keeps for the next (``newsroom/speed/story_cache.py``):
the rules of its docstring, and the loader's result the same with it and without."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import FIXTURES
from newsroom.content.loader import load
from newsroom.settings import Settings
from newsroom.speed.story_cache import StoryCache


def _folders(tmp: Path) -> list[tuple[Path, str]]:
    items = []
    for index in range(4):
        folder = tmp / "news" / "2025" / f"2025-01-0{index + 1}-story"
        folder.mkdir(parents=True)
        (folder / "uk.md").write_text(f"text {index}", encoding="utf-8")
        items.append((folder, "2025"))
    return items


class Reader:
    def __init__(self) -> None:
        self.read: list[Path] = []

    def __call__(self, items):
        self.read += [folder for folder, _ in items]
        return [(folder.name, (folder / "uk.md").read_text(encoding="utf-8")) for folder, _ in items]


def _again(tmp: Path, items, engine: str = "e1"):
    cache = StoryCache(tmp / "cache", engine)
    reader = Reader()
    results = cache.read_all(items, reader)
    cache.save()
    return results, reader.read, cache


def test_a_second_build_reads_no_folder_and_gets_the_same(tmp_path):
    items = _folders(tmp_path)
    first, read, _ = _again(tmp_path, items)
    assert read == [folder for folder, _ in items]
    second, read, cache = _again(tmp_path, items)
    assert read == [] and second == first and cache.reused == len(items)


def test_content_decides_not_the_files_time(tmp_path):
    items = _folders(tmp_path)
    _again(tmp_path, items)
    file = items[1][0] / "uk.md"
    stat = file.stat()
    file.write_text("TEXT 1", encoding="utf-8")  # the same size ...
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ... and time, other bytes
    touched = items[2][0] / "uk.md"
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**12))  # a new time, the same bytes
    results, read, _ = _again(tmp_path, items)
    assert read == [items[1][0]]
    assert results[1] == (items[1][0].name, "TEXT 1")


def test_a_new_file_in_a_folder_reads_it_again(tmp_path):
    items = _folders(tmp_path)
    _again(tmp_path, items)
    (items[3][0] / "photo.jpg").write_bytes(b"not yet a picture")
    _, read, _ = _again(tmp_path, items)
    assert read == [items[3][0]]


def test_a_folder_holding_a_folder_is_always_read(tmp_path):
    items = _folders(tmp_path)
    (items[0][0] / "inner").mkdir()
    _again(tmp_path, items)
    _, read, _ = _again(tmp_path, items)
    assert read == [items[0][0]]


def test_another_engine_or_year_reads_everything(tmp_path):
    items = _folders(tmp_path)
    _again(tmp_path, items)
    _, read, _ = _again(tmp_path, items, engine="e2")
    assert len(read) == len(items)
    moved = [(folder, "2024") for folder, _ in items]
    _, read, _ = _again(tmp_path, moved, engine="e2")
    assert len(read) == len(items)


def test_a_folder_gone_is_forgotten_and_an_unchanged_cache_is_not_written(tmp_path):
    items = _folders(tmp_path)
    _again(tmp_path, items)
    _, _, cache = _again(tmp_path, items[1:])
    assert set(cache.entries) == {str(folder) for folder, _ in items[1:]}
    written = cache.path.stat().st_mtime_ns
    os.utime(cache.path, ns=(written - 10**9, written - 10**9))
    _, read, cache = _again(tmp_path, items[1:])
    assert read == [] and cache.path.stat().st_mtime_ns == written - 10**9


def test_a_broken_cache_file_is_read_as_none(tmp_path):
    items = _folders(tmp_path)
    _again(tmp_path, items)
    (tmp_path / "cache" / "stories.pickle").write_bytes(b"not a pickle")
    results, read, _ = _again(tmp_path, items)
    assert len(read) == len(items) and results[0] == (items[0][0].name, "text 0")


def test_the_loader_gives_the_same_with_the_cache(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "site" / "news", project / "news")
    settings = Settings(root=project)
    plain = load(settings, reuse=False)
    first = StoryCache(tmp_path / "cache", "e")
    loaded_first = load(settings, reuse=False, kept=first)
    first.save()
    again = StoryCache(tmp_path / "cache", "e")
    loaded_again = load(settings, reuse=False, kept=again)
    folders = sum(1 for year in (project / "news").iterdir() if year.is_dir() for _ in year.iterdir())
    assert first.reused == 0 and again.reused == folders > 10
    for loaded in (loaded_first, loaded_again):
        assert loaded.catalog.stories == plain.catalog.stories
        assert loaded.problems == plain.problems
    # An edit: that story, and only it, is read again.
    story = next(s for s in plain.catalog.stories if "uk" in s.versions)
    file = project / story.versions["uk"].path
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("\n---\n", "\n---\n\nA new first line.\n\n", 1), encoding="utf-8")
    third = StoryCache(tmp_path / "cache", "e")
    loaded_third = load(settings, reuse=False, kept=third)
    assert third.reused == folders - 1
    assert loaded_third.catalog.stories == load(settings, reuse=False).catalog.stories != plain.catalog.stories


def test_identities_name_each_folder_by_its_files_and_follow_every_change(tmp_path):
    items = _folders(tmp_path)
    _, _, cache = _again(tmp_path, items)
    first = cache.identities(lambda read: read[0])   # named by the folder's name, as the reader gives it
    assert sorted(first) == sorted(folder.name for folder, _ in items) and len(set(first.values())) == len(items)
    assert cache.identities(lambda read: None) == {}
    _, _, cache = _again(tmp_path, items)
    assert cache.identities(lambda read: read[0]) == first  # the same bytes: the same numbers
    (items[0][0] / "uk.md").write_text("changed", encoding="utf-8")
    (items[1][0] / "en.md").write_text("added", encoding="utf-8")
    _, _, cache = _again(tmp_path, items)
    after = cache.identities(lambda read: read[0])
    assert {name for name in first if after[name] != first[name]} == {items[0][0].name, items[1][0].name}
    # The same bytes in another folder are another story (its date and slug are its folder's).
    moved = tmp_path / "news" / "2025" / "2025-02-01-story"
    shutil.copytree(items[2][0], moved)
    _, _, cache = _again(tmp_path, items[:2] + [(moved, "2025")] + items[3:])
    assert cache.identities(lambda read: read[0])[moved.name] != first[items[2][0].name]


class Digests:
    """Counts the files whose bytes are digested (``hashlib.file_digest``)."""

    def __init__(self, monkeypatch) -> None:
        import hashlib

        self.paths: list[str] = []
        real = hashlib.file_digest

        def counted(handle, name):
            self.paths.append(handle.name)
            return real(handle, name)

        monkeypatch.setattr(hashlib, "file_digest", counted)


def test_a_file_seen_as_it_is_is_not_read_but_any_change_to_it_is(tmp_path, monkeypatch):
    from newsroom.speed import story_cache

    monkeypatch.setattr(story_cache, "SETTLED_NS", 0)  # (the files below are a moment old)
    items = _folders(tmp_path)
    _again(tmp_path, items)
    digests = Digests(monkeypatch)
    _, read, _ = _again(tmp_path, items)
    assert digests.paths == [] and read == []
    # Other bytes of the same size, the modification time set back: the change time moved.
    file = items[1][0] / "uk.md"
    stat = file.stat()
    file.write_text("TEXT 1", encoding="utf-8")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # The same bytes, another file (a copy, as a fresh clone makes).
    copied = items[2][0] / "uk.md"
    shutil.copy(copied, tmp_path / "copy")
    os.replace(tmp_path / "copy", copied)
    results, read, _ = _again(tmp_path, items)
    assert sorted(digests.paths) == sorted([str(file), str(copied)])
    assert read == [items[1][0]] and results[1] == (items[1][0].name, "TEXT 1")
    digests.paths.clear()
    _, read, _ = _again(tmp_path, items)
    assert digests.paths == [] and read == []


def test_a_file_changed_just_before_a_build_is_read_again_by_the_next(tmp_path, monkeypatch):
    # The kernel's file clock moves in ticks: a write in the tick of the last
    # build's look would leave the times as they were. Files younger than
    # SETTLED_NS (two seconds) when a build looks are read by the next again.
    items = _folders(tmp_path)
    _again(tmp_path, items)
    digests = Digests(monkeypatch)
    _, read, cache = _again(tmp_path, items)
    assert read == [] and len(digests.paths) == len(items) and cache.files == {}
