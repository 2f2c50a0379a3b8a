"""Load and validate news/: every problem of every file, reported together."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsroom.content import frontmatter

from newsroom.model import urls
from newsroom.model.excerpt import excerpt
from newsroom.model.stories import Catalog, Event, Story, Term, Version
from newsroom.content.problems import Problem, rel
from newsroom.content.schema import NEUTRAL_FIELDS, OriginalMeta, TranslationMeta, validate
from newsroom.content.schema import Event as MetaEvent
from newsroom.settings import Settings
from newsroom.speed import pool
from newsroom.model.slugs import SLUG_RE, slugify
from newsroom.content.strictyaml import load_mapping

FOLDER_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.*)$")
YEAR_RE = re.compile(r"^\d{4}$")
TAXONOMY_FILES = {"categories": "categories.yml", "regions": "regions.yml"}
OPTIONAL_FILES = {"tags": "tags.yml"}
IGNORED = {"README.md", ".gitkeep", ".DS_Store"}
# What news/ may hold besides year folders.
KNOWN_FILES = set(TAXONOMY_FILES.values()) | set(OPTIONAL_FILES.values()) | IGNORED
# Files the site writes at a story's URL: an attachment of that name would be overwritten.
RESERVED_ASSETS = {"index.html", "event.ics"}


@dataclass
class Loaded:
    catalog: Catalog
    problems: list[Problem]


def _load_terms(file: Path, root: Path, languages: tuple[str, ...], required: bool,
                problems: list[Problem]) -> dict[str, Term]:
    shown = rel(file, root)
    if not file.exists():
        if required:
            problems.append(Problem(shown, None, "file", "is missing",
                                    f"create it with one entry per id and a label in {', '.join(languages)}"))
        return {}
    text, decode_problems = frontmatter.decode(file.read_bytes(), shown)
    if text is None:
        problems.extend(decode_problems)
        return {}
    data, lines, found = load_mapping(text, path=shown)
    problems.extend(found)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "file", "expected one entry per id, such as 'forum: {uk: Форуми, en: Forums}'"))
        return {}
    terms: dict[str, Term] = {}
    for key, value in data.items():
        line = lines.get((str(key),))
        term_id = str(key)
        if required and not SLUG_RE.match(term_id):
            problems.append(Problem(shown, line, term_id, "is not a valid id",
                                    "use lowercase Latin letters, digits and single hyphens"))
            continue
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip()
                                                   for lang in (languages if required else ())):
            problems.append(Problem(shown, line, term_id,
                                    f"needs a label in each language ({', '.join(languages)})",
                                    "write, for example, uk: Форуми and en: Forums on indented lines"))
            continue
        terms[term_id] = Term(term_id, {lang: str(label).strip() for lang, label in value.items()
                                        if isinstance(label, str) and label.strip()})
    return terms


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


def load(settings: Settings, reuse: bool = True) -> Loaded:
    """Load news/ once per content state (both language builds share it).
    ``reuse=False``: a build, which loads news/ once, and keeps nothing for
    a later load (nor looks at each folder's files to know it again)."""
    if not reuse:
        forget()
        try:
            return load_uncached(settings, _scan(settings.news_dir, states=False))
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


def load_uncached(settings: Settings, tree: _Tree | None = None) -> Loaded:
    root = settings.root
    news_dir = settings.news_dir
    languages = settings.languages
    problems: list[Problem] = []
    categories = _load_terms(news_dir / TAXONOMY_FILES["categories"], root, languages, True, problems)
    regions = _load_terms(news_dir / TAXONOMY_FILES["regions"], root, languages, True, problems)
    tag_labels = _load_terms(news_dir / OPTIONAL_FILES["tags"], root, languages, False, problems)
    terms_key = (settings.root, settings.dir, settings.languages, settings.timezone,
                 tuple((k, tuple(sorted(t.labels.items()))) for k, t in categories.items()),
                 tuple((k, tuple(sorted(t.labels.items()))) for k, t in regions.items()))
    stories: list[Story] = []
    by_url: dict[str, Path] = {}
    if not news_dir.is_dir():
        return Loaded(Catalog([], categories, regions, {}), problems)
    tree = tree or _scan(news_dir)
    for entry in tree.top:
        if entry.name in KNOWN_FILES or entry.name.startswith("."):
            continue
        if not entry.is_dir() or not YEAR_RE.match(entry.name):
            problems.append(Problem(rel(entry, root), None, "folder",
                                    "is not a year folder",
                                    "stories go in news/<YYYY>/<YYYY-MM-DD>-<slug>/"))
    folders, states = tree.folders, tree.states
    _load_changed(folders, states, settings, categories, regions, terms_key)
    for folder, year in folders:
        story, found = _load_story_cached(folder, year, settings, categories, regions, terms_key,
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
    tags = _tag_terms(stories, tag_labels, languages)
    return Loaded(Catalog(stories, categories, regions, tags), problems)


# Story folder -> (what it held, what loading it gave): a preview (mkdocs
# serve) reloads only the folders that changed since the last build.
_STORIES: dict[str, tuple] = {}


def _state(folder: Path) -> tuple | None:
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(folder)))
    except OSError:
        return None


def _load_changed(folders: list[tuple[Path, str]], states: dict[Path, tuple | None], settings: Settings,
                  categories: dict[str, Term], regions: dict[str, Term], terms_key: tuple) -> None:
    """Read the folders not in the cache into it, by a pool of processes
    when there are many (``speed/pool.py``); the rest are read one by one."""
    todo = []
    for folder, year in folders:
        state = states[folder]
        cached = _STORIES.get(str(folder))
        if state is not None and (cached is None or cached[0] != (year, terms_key, state)):
            todo.append((folder, year, state))
    results = pool.read_all([(folder, year) for folder, year, _ in todo],
                            functools.partial(_load_one, settings=settings, categories=categories, regions=regions),
                            least=settings.reading_pool)
    for (folder, year, state), result in zip(todo, results or ()):
        _STORIES[str(folder)] = ((year, terms_key, state), result)


def _load_one(item: tuple[Path, str], settings: Settings, categories: dict[str, Term],
              regions: dict[str, Term]) -> tuple[Story | None, list[Problem]]:
    folder, year = item
    return load_story(folder, year, settings, categories, regions)


def _load_story_cached(folder: Path, year: str, settings: Settings, categories: dict[str, Term],
                       regions: dict[str, Term], terms_key: tuple,
                       state: tuple | None) -> tuple[Story | None, list[Problem]]:
    if state is None:
        return load_story(folder, year, settings, categories, regions)
    key = (year, terms_key, state)
    cached = _STORIES.get(str(folder))
    if cached is not None and cached[0] == key:
        result = cached[1]
    else:
        result = load_story(folder, year, settings, categories, regions)
    _STORIES[str(folder)] = (key, result)
    return result


def _tag_terms(stories: list[Story], labels: dict[str, Term], languages: tuple[str, ...]) -> dict[str, Term]:
    """Tags by slug; a tag's label is its text, or its English label from tags.yml,
    or, for other languages, the official transliteration (never Cyrillic under lang=en)."""
    terms: dict[str, Term] = {}
    for story in reversed(stories):  # oldest first: the first spelling wins
        for tag in story.tags:
            slug = slugify(tag) or "tag"
            if slug in terms:
                continue
            given = labels.get(tag)
            names = {}
            for lang in languages:
                if given and given.labels.get(lang):
                    names[lang] = given.labels[lang]
                elif lang == "uk" or not re.search(r"[\u0400-\u04FF]", tag):
                    names[lang] = tag
                else:
                    latin = " ".join(slug.split("-"))
                    names[lang] = latin[:1].upper() + latin[1:] if tag[:1].isupper() else latin
            terms[slug] = Term(slug, names)
    return terms


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


def _folder_problems(folder: Path, year: str, shown: str) -> tuple[date | None, str | None, list[Problem]]:
    m = FOLDER_RE.match(folder.name)
    if not folder.is_dir():
        return None, None, [Problem(shown, None, "folder",
                                    "is a file where a story folder was expected",
                                    "put each story in its own folder <YYYY-MM-DD>-<slug>/")]
    if not m:
        return None, None, [Problem(shown, None, "folder",
                                    "the name is not <YYYY-MM-DD>-<slug>",
                                    "name the folder like 2025-12-04-forum-u-poltavi")]
    problems = []
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        day = None
        problems.append(Problem(shown, None, "folder",
                                f"{m[1]}-{m[2]}-{m[3]} is not a real date",
                                "write the publication date as YYYY-MM-DD"))
    slug = m[4]
    if not SLUG_RE.match(slug):
        problems.append(Problem(shown, None, "folder",
                                f"the slug {slug!r} breaks the rules",
                                "use lowercase Latin letters, digits and single hyphens, such as forum-u-poltavi"))
    if m[1] != year:
        problems.append(Problem(shown, None, "folder",
                                f"the date's year {m[1]} differs from the year folder {year}",
                                f"move the story to news/{m[1]}/"))
    return day, slug, problems


def load_story(folder: Path, year: str, settings: Settings, categories: dict[str, Term],
               regions: dict[str, Term]) -> tuple[Story | None, list[Problem]]:
    root = settings.root
    shown = rel(folder, root)
    day, slug, problems = _folder_problems(folder, year, shown)
    if not folder.is_dir():
        return None, problems
    languages = settings.languages
    files: dict[str, Path] = {}
    assets: list[str] = []
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or item.name in IGNORED:
            continue
        if item.suffix.lower() == ".md":
            lang = item.stem
            if lang in languages and item.name == f"{lang}.md":
                files[lang] = item
            else:
                problems.append(Problem(rel(item, root), None, "file",
                                        "is not a language file",
                                        f"name the story's files {' or '.join(l + '.md' for l in languages)}"))
        elif item.is_file():
            if item.name.lower() in RESERVED_ASSETS:
                problems.append(Problem(rel(item, root), None, "file",
                                        f"the site writes its own {item.name.lower()} in the story's folder",
                                        "rename the file"))
                continue
            assets.append(item.name)
    if not files:
        problems.append(Problem(shown, None, "folder", "holds no story",
                                f"add {' and/or '.join(l + '.md' for l in languages)}"))
        return None, problems
    original_lang = next(lang for lang in languages if lang in files)
    metas: dict[str, tuple[Any, dict, frontmatter.Source]] = {}
    for lang, file in files.items():
        source, found = frontmatter.read(file, rel(file, root))
        problems.extend(found)
        if source is None:
            continue
        data, lines, found = load_mapping(source.yaml_text, path=source.path, first_line=source.yaml_first_line)
        problems.extend(found)
        if data is None:
            continue
        model = OriginalMeta if lang == original_lang else TranslationMeta
        meta, found = validate(model, data, path=source.path, lines=lines,
                               first_line=source.yaml_first_line, tz=settings.tz)
        problems.extend(found)
        if meta is not None:
            metas[lang] = (meta, lines, source)
    if original_lang not in metas:
        if not problems:  # never drop a story without saying so
            problems.append(Problem(rel(files[original_lang], root), None, "file",
                                    "could not be read as a story",
                                    "compare it with a working story's file"))
        return None, problems
    # Checks against the catalog and the folder run even when something else
    # is wrong already: editors see every problem of the story at once.
    original, lines, source = metas[original_lang]
    problems.extend(_check_original(original, lines, source.path, day, categories, regions))
    for lang, (meta, tlines, tsource) in metas.items():
        if lang == original_lang:
            continue
        for name in NEUTRAL_FIELDS:
            value = getattr(meta, name)
            expected = getattr(original, name)
            if name == "draft":  # no draft field means draft: false
                value = None if value is None else bool(value)
                expected = bool(expected)
            if value is not None and value != expected:
                problems.append(Problem(
                    tsource.path, tlines.get((name,)), name,
                    f"differs from {rel(files[original_lang], root)}",
                    f"write {name} only in {original_lang}.md, or give it the same value here"))
    if problems or day is None or slug is None:
        return None, problems
    versions = {
        lang: Version(lang, meta.title, meta.summary, meta.source, Version.compress(src.body), src.path,
                      Version.compress(excerpt(meta.summary, src.body)))
        for lang, (meta, _, src) in sorted(metas.items(), key=lambda item: languages.index(item[0]))
    }
    story = Story(
        id=folder.name, day=day, slug=slug, folder=shown, original=original_lang,
        category=original.category, tags=tuple(original.tags or ()), region=original.region,
        time=original.time, draft=bool(original.draft), event=_event(original.event),
        deadline=original.deadline, versions=versions, assets=tuple(assets),
    )
    return story, []


def _event(event: MetaEvent | None) -> Event | None:
    return None if event is None else Event(event.start, event.end, event.place, event.url)


def _check_original(meta: OriginalMeta, lines: dict, path: str, day: date | None,
                    categories: dict[str, Term], regions: dict[str, Term]) -> list[Problem]:
    problems = []
    if meta.category not in categories:
        problems.append(Problem(path, lines.get(("category",)), "category",
                                f"{meta.category!r} is not a category",
                                f"use one of: {', '.join(categories)} (news/categories.yml)"))
    if meta.region is not None and meta.region not in regions:
        problems.append(Problem(path, lines.get(("region",)), "region",
                                f"{meta.region!r} is not a region",
                                "use an id from news/regions.yml, such as poltava"))
    if meta.deadline is not None and day is not None and meta.deadline < day:
        problems.append(Problem(path, lines.get(("deadline",)), "deadline",
                                f"{meta.deadline.isoformat()} is before the publication date {day.isoformat()}",
                                "check the deadline or the date in the folder name"))
    event = meta.event
    if event is not None and event.end is not None:
        start, end = event.start, event.end
        if isinstance(end, datetime):  # a moment: not before the start (its day's beginning)
            before = end < (start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time()))
        else:  # a whole day: not before the start's day
            before = end < (start.date() if isinstance(start, datetime) else start)
        if before:
            problems.append(Problem(path, lines.get(("event", "end")), "event.end",
                                    "the event ends before it starts",
                                    "check event.start and event.end"))
    return problems
