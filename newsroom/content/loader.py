"""Load and validate news/: every problem of every file, reported together.

The loader scans news/, reads the term files (``terms.py``) and each story
folder (``story.py``), and keeps, for a preview, what it read of each folder
until the folder changes.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsroom.content.problems import Problem, rel
from newsroom.content.story import FOLDER_RE, IGNORED, load_story
from newsroom.content.terms import TERM_FILES, Terms, load_terms, tag_terms
from newsroom.model import urls
from newsroom.model.slugs import SLUG_RE
from newsroom.model.stories import Catalog, Story
from newsroom.settings import Settings
from newsroom.speed import pool
from newsroom.speed.story_cache import StoryCache

YEAR_RE = re.compile(r"^\d{4}$")
# What news/ may hold besides year folders.
KNOWN_FILES = {spec.file for spec in TERM_FILES} | IGNORED


@dataclass
class Loaded:
    catalog: Catalog
    problems: list[Problem]


@dataclass
class _Tree:
    """One look at news/: its entries, the story folders (with their year
    folder) and what each holds, and from these a cheap fingerprint of the
    whole (for reuse across language builds and preview rebuilds)."""

    top: list[Path]
    folders: list[tuple[Path, str]]
    states: dict[Path, tuple | None]
    signature: tuple


# Path text -> Path of the story folders of the last scan: a preview rescans
# news/ on every rebuild, and making thousands of Path objects anew is a
# noticeable part of that.
_PATHS: dict[str, Path] = {}


def _scan(news_dir: Path, states: bool = True) -> _Tree:
    """``states``: each folder's files, sizes and times (for reuse); without,
    only whether it is a folder (``()``) or not (None): a build loads once."""
    global _PATHS
    top = sorted(news_dir.iterdir()) if news_dir.is_dir() else []
    entries, folders = [], []
    paths: dict[str, Path] = {}
    kinds: dict[Path, tuple | None] = {}
    for entry in top:
        if entry.is_dir():
            entries.append((entry.name, None))
            if YEAR_RE.match(entry.name):
                base = str(entry)
                with os.scandir(base) as items:
                    found = sorted((item.name, item.is_dir()) for item in items)  # the order of Path objects in one folder
                for name, is_dir in found:
                    if name.startswith("."):
                        continue
                    text = f"{base}/{name}"
                    path = paths[text] = _PATHS.get(text) or Path(text)
                    folders.append((path, entry.name))
                    kinds[path] = () if is_dir else None
        else:
            stat = entry.stat()
            entries.append((entry.name, (stat.st_size, stat.st_mtime_ns)))
    _PATHS = paths
    if not states:
        return _Tree(top, folders, kinds, ())
    states = {folder: _state(folder) for folder, _ in folders}
    signature = (tuple(entries), tuple((str(folder), states[folder]) for folder, _ in folders))
    return _Tree(top, folders, states, signature)


_CACHE: dict[tuple, Loaded] = {}


def load(settings: Settings, reuse: bool = True, kept: StoryCache | None = None) -> Loaded:
    """Load news/ once per content state (both language builds share it).
    ``reuse=False``: a build, which loads news/ once, and keeps nothing for
    a later load (nor looks at each folder's files to know it again);
    ``kept``: what the last ``--dirty`` build read (``speed/story_cache.py``)."""
    if not reuse:
        forget()
        try:
            return load_uncached(settings, _scan(settings.news_dir, states=False), kept)
        finally:
            forget()
    tree = _scan(settings.news_dir)
    key = (str(settings.news_dir.resolve()), settings.languages, settings.timezone, tree.signature)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = load_uncached(settings, tree)
    return _CACHE[key]


def forget() -> None:
    """Let go of what a later ``load`` would reuse: a build loads news/ once
    (at N = 10000 the folders' paths and states, and each story as read,
    hold about 15 MB besides the catalog)."""
    global _PATHS
    _CACHE.clear()
    _STORIES.clear()
    _PATHS = {}


def load_uncached(settings: Settings, tree: _Tree | None = None, kept: StoryCache | None = None) -> Loaded:
    root = settings.root
    news_dir = settings.news_dir
    languages = settings.languages
    problems: list[Problem] = []
    terms = load_terms(news_dir, root, languages, problems, fast=settings.fast_checks)
    terms_key = (settings.root, settings.dir, settings.languages, settings.timezone, terms.key())
    stories: list[Story] = []
    by_url: dict[str, Path] = {}
    if not news_dir.is_dir():
        return Loaded(Catalog([], terms.categories, terms.regions, {}, terms.authors), problems)
    tree = tree or _scan(news_dir)
    for entry in tree.top:
        if entry.name in KNOWN_FILES or entry.name.startswith("."):
            continue
        if not entry.is_dir() or not YEAR_RE.match(entry.name):
            problems.append(Problem(rel(entry, root), None, "folder",
                                    "is not a year folder",
                                    "stories go in news/<YYYY>/<YYYY-MM-DD>-<slug>/"))
    folders, states = tree.folders, tree.states
    _load_changed(folders, states, settings, terms, terms_key, kept)
    for folder, year in folders:
        story, found = _load_story_cached(folder, year, settings, terms, terms_key,
                                          states[folder])
        problems.extend(found)
        # Two folders at one URL are an error naming both, even when one of
        # them has other problems too (such as a wrong year folder).
        # A folder (the scan's state of a file is None) named with a valid date and slug.
        path = None if states[folder] is None else _name_url(folder.name)
        if path is not None:
            if path in by_url:
                problems.append(Problem(rel(folder, root), None, "folder",
                                        f"would be published at /{path}, like {rel(by_url[path], root)}",
                                        "give one of the stories another slug or date"))
                continue
            by_url[path] = folder
        if story is not None:
            stories.append(story)
    stories.sort(key=lambda s: s.sort_key, reverse=True)
    problems += alias_problems(stories, root)
    tags = tag_terms(stories, terms.tags, languages)
    return Loaded(Catalog(stories, terms.categories, terms.regions, tags, terms.authors), problems)


# Story folder -> (what it held, what loading it gave): a preview (mkdocs
# serve) reloads only the folders that changed since the last build.
_STORIES: dict[str, tuple] = {}


def _state(folder: Path) -> tuple | None:
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder)))
    except OSError:
        return None


def _load_changed(folders: list[tuple[Path, str]], states: dict[Path, tuple | None], settings: Settings,
                  terms: Terms, terms_key: tuple, kept: StoryCache | None = None) -> None:
    """Read the folders not in the cache into it, by a pool of processes
    when there are many (``speed/pool.py``); the rest are read one by one.
    ``kept``: the folders the last ``--dirty`` build read, reused where
    their files are the same."""
    todo = []
    for folder, year in folders:
        state = states[folder]
        cached = _STORIES.get(str(folder))
        if state is not None and (cached is None or cached[0] != (year, terms_key, state)):
            todo.append((folder, year, state))
    one = functools.partial(_load_one, settings=settings, terms=terms)
    items = [(folder, year) for folder, year, _ in todo]
    if kept is None:
        results = pool.read_all(items, one, least=settings.reading_pool)
    else:
        results = kept.read_all(items, lambda some: pool.read_all(some, one, least=settings.reading_pool)
                                or [one(item) for item in some])
    for (folder, year, state), result in zip(todo, results or ()):
        _STORIES[str(folder)] = ((year, terms_key, state), result)


def _load_one(item: tuple[Path, str], settings: Settings, terms: Terms) -> tuple[Story | None, list[Problem]]:
    folder, year = item
    return load_story(folder, year, settings, terms)


def _load_story_cached(folder: Path, year: str, settings: Settings, terms: Terms, terms_key: tuple,
                       state: tuple | None) -> tuple[Story | None, list[Problem]]:
    if state is None:
        return load_story(folder, year, settings, terms)
    key = (year, terms_key, state)
    cached = _STORIES.get(str(folder))
    if cached is not None and cached[0] == key:
        result = cached[1]
    else:
        result = load_story(folder, year, settings, terms)
    _STORIES[str(folder)] = (key, result)
    return result


def alias_problems(stories: list[Story], root: Path) -> list[Problem]:
    """An alias (an old address that redirects to its story) may not be an
    address a story has now, nor another story's alias."""
    live = {urls.story(s.day, s.slug): s for s in stories}
    taken: dict[str, Story] = {}
    problems = []
    for story in sorted(stories, key=lambda s: s.id):
        for alias in story.aliases:
            other = live.get(alias)
            if other is not None:
                what = "this story's own address" if other is story else f"the address of {other.folder}"
                problems.append(_alias_problem(story, root, f"/{alias} is {what}",
                                               "remove it: only an address the story no longer has redirects"))
            elif alias in taken:
                problems.append(_alias_problem(story, root, f"/{alias} is already an alias of {taken[alias].folder}",
                                               "an old address can lead to one story only: remove it here or there"))
            else:
                taken[alias] = story
    return problems


def _alias_problem(story: Story, root: Path, message: str, hint: str) -> Problem:
    path = story.versions[story.original].path
    line = None
    try:
        for number, text in enumerate((root / path).read_text(encoding="utf-8-sig").splitlines(), start=1):
            if text.startswith("aliases:"):
                line = number
                break
    except OSError:
        pass
    return Problem(path, line, "aliases", message, hint)


def story_path(name: str) -> str | None:
    """The path a story folder's name asks for (``news/YYYY/MM/DD/slug/``),
    when its date and slug are valid."""
    return _name_url(name)


@functools.lru_cache(maxsize=65536)
def _name_url(name: str) -> str | None:
    """The URL a story folder's name asks for, when its date and slug are valid."""
    m = FOLDER_RE.match(name)
    if not m or not SLUG_RE.match(m[4]):
        return None
    try:
        return urls.story(date(int(m[1]), int(m[2]), int(m[3])), m[4])
    except ValueError:
        return None


