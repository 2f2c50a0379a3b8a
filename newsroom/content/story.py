"""One story folder read and validated: its name, its language files,
their front matter against the schema and the term files."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsroom.content import frontmatter
from newsroom.content.pictures import is_picture_name, read_picture
from newsroom.content.problems import Problem, rel
from newsroom.content.schema import Event as MetaEvent
from newsroom.content.schema import NEUTRAL_FIELDS, OriginalMeta, TranslationMeta, validate
from newsroom.content.strictyaml import load_mapping
from newsroom.content.terms import Terms
from newsroom.model.excerpt import excerpt
from newsroom.model.slugs import SLUG_RE
from newsroom.model.stories import Event, Picture, Story, Version
from newsroom.settings import Settings

FOLDER_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.*)$")
IGNORED = {"README.md", ".gitkeep", ".DS_Store"}
# The paragraphs `new` (and the web editor's template) write for the editor
# to replace: a story still holding one is not published.
PLACEHOLDERS = {
    "uk": "Замініть цей абзац текстом новини.",
    "en": "Replace this paragraph with the story's text.",
}
# Files the site writes at a story's URL: an attachment of that name would be overwritten.
RESERVED_ASSETS = {"index.html", "event.ics"}


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


def load_story(folder: Path, year: str, settings: Settings, terms: Terms) -> tuple[Story | None, list[Problem]]:
    root = settings.root
    shown = rel(folder, root)
    day, slug, problems = _folder_problems(folder, year, shown)
    if not folder.is_dir():
        return None, problems
    languages = settings.languages
    files, assets = _folder_files(folder, settings, problems)
    if not files:
        problems.append(Problem(shown, None, "folder", "holds no story",
                                f"add {' and/or '.join(l + '.md' for l in languages)}"))
        return None, problems
    original_lang = next(lang for lang in languages if lang in files)
    metas = _read_metas(files, original_lang, settings, problems)
    if original_lang not in metas:
        if not problems:  # never drop a story without saying so
            problems.append(Problem(rel(files[original_lang], root), None, "file",
                                    "could not be read as a story",
                                    "compare it with a working story's file"))
        return None, problems
    # Checks against the catalog and the folder run even when something else
    # is wrong already: editors see every problem of the story at once.
    original, lines, source = metas[original_lang]
    problems.extend(_check_original(original, lines, source.path, day, terms))
    pictures = _pictures(folder, assets)
    problems.extend(_lead_picture_problems(original, lines, source.path, pictures))
    problems.extend(_translation_problems(metas, original_lang, rel(files[original_lang], root)))
    problems.extend(_unfinished(metas, original_lang, rel(files[original_lang], root)))
    if problems or day is None or slug is None:
        return None, problems
    versions = {
        lang: Version(lang, meta.title, meta.summary, meta.source, Version.compress(src.body), src.path,
                      Version.compress(excerpt(meta.summary, src.body)),
                      place=meta.event.place if lang != original_lang and meta.event else None,
                      body_line=src.body_line, image_alt=meta.image_alt)
        for lang, (meta, _, src) in sorted(metas.items(), key=lambda item: languages.index(item[0]))
    }
    # The neutral fields, by name (a field not given takes Story's default):
    # a field added to the schema and to Story needs nothing here.
    neutral = {name: _neutral(getattr(original, name)) for name in NEUTRAL_FIELDS
               if getattr(original, name) is not None}
    story = Story(id=folder.name, day=day, slug=slug, folder=shown, original=original_lang,
                  versions=versions, assets=tuple(assets),
                  pictures=tuple(p for p, _, _ in pictures.values() if p is not None), **neutral)
    return story, []


def _folder_files(folder: Path, settings: Settings, problems: list[Problem]) -> tuple[dict[str, Path], list[str]]:
    """A story folder's language files and its assets (files kept beside them)."""
    root, languages = settings.root, settings.languages
    files: dict[str, Path] = {}
    spellings: dict[str, list[Path]] = {}
    assets: list[str] = []
    for item in sorted(folder.iterdir()):
        if item.name.startswith(".") or item.name in IGNORED:
            continue
        if item.suffix.lower() == ".md":
            lang, spelling = _language_file(item.name, languages)
            if lang is not None:
                files[lang] = item
                spellings.setdefault(spelling, []).append(item)
            else:
                problems.append(Problem(rel(item, root), None, "file",
                                        "is not a language file",
                                        f"name the story's files {' or '.join(l + '.md' for l in languages)} "
                                        f"(or, as the web editor writes them, "
                                        f"{' or '.join('index.' + l + '.md' for l in languages)})"))
        elif item.is_file():
            if item.name.lower() in RESERVED_ASSETS:
                problems.append(Problem(rel(item, root), None, "file",
                                        f"the site writes its own {item.name.lower()} in the story's folder",
                                        "rename the file"))
                continue
            assets.append(item.name)
    if len(spellings) > 1:
        short, long_ = spellings["short"], spellings["index"]
        problems.append(Problem(rel(long_[0], root), None, "file",
                                f"mixes two spellings of the language files with {rel(short[0], root)}",
                                "keep one spelling per story: uk.md and en.md, or index.uk.md and index.en.md"))
    return files, assets


def _language_file(name: str, languages: tuple[str, ...]) -> tuple[str | None, str]:
    """The language of a story's Markdown file, and its spelling: ``uk.md``
    ("short") or ``index.uk.md`` ("index", as the web editor writes it)."""
    for lang in languages:
        if name == f"{lang}.md":
            return lang, "short"
        if name == f"index.{lang}.md":
            return lang, "index"
    return None, ""


def _read_metas(files: dict[str, Path], original_lang: str, settings: Settings,
                problems: list[Problem]) -> dict[str, tuple[Any, dict, frontmatter.Source]]:
    """Each language file's front matter, validated (the original's against
    its schema, a translation's against its own)."""
    metas: dict[str, tuple[Any, dict, frontmatter.Source]] = {}
    for lang, file in files.items():
        source, found = frontmatter.read(file, rel(file, settings.root))
        problems.extend(found)
        if source is None:
            continue
        data, lines, found = load_mapping(source.yaml_text, path=source.path, first_line=source.yaml_first_line,
                                          fast=settings.fast_checks)
        problems.extend(found)
        if data is None:
            continue
        model = OriginalMeta if lang == original_lang else TranslationMeta
        meta, found = validate(model, data, path=source.path, lines=lines,
                               first_line=source.yaml_first_line, tz=settings.tz)
        problems.extend(found)
        if meta is not None:
            metas[lang] = (meta, lines, source)
    return metas


def _translation_problems(metas: dict[str, tuple[Any, dict, frontmatter.Source]], original_lang: str,
                          original_path: str) -> list[Problem]:
    """A translation repeats a neutral field only with the original's value."""
    original = metas[original_lang][0]
    problems = []
    for lang, (meta, lines, source) in metas.items():
        if lang == original_lang:
            continue
        for name in NEUTRAL_FIELDS:
            value = getattr(meta, name)
            expected = getattr(original, name)
            if name == "draft":  # no draft field means draft: false
                value = None if value is None else bool(value)
                expected = bool(expected)
            if name == "event" and value is not None:
                problems += _event_problems(value, expected, source.path, lines, original_lang, original_path)
                continue
            if value is not None and value != expected:
                problems.append(Problem(
                    source.path, lines.get((name,)), name, f"differs from {original_path}",
                    f"write {name} only in {original_lang}.md, or give it the same value here"))
    return problems


def _event_problems(event: Any, original: Any, path: str, lines: dict, original_lang: str,
                    original_path: str) -> list[Problem]:
    """A translation's ``event:`` gives its own place; its start, end and url,
    if repeated, are the original's."""
    problems = []
    for name in ("start", "end", "url"):
        value = getattr(event, name)
        if value is not None and (original is None or value != getattr(original, name)):
            problems.append(Problem(path, lines.get(("event", name)) or lines.get(("event",)), f"event.{name}",
                                    f"differs from {original_path}",
                                    f"write event.{name} only in {original_lang}.md, or give it the same value here"))
    if original is None:
        problems.append(Problem(path, lines.get(("event",)), "event", f"{original_path} announces no event",
                                f"write the event in {original_lang}.md first"))
    return problems


def _unfinished(metas: dict[str, tuple[Any, dict, frontmatter.Source]], original_lang: str,
                original_path: str) -> list[Problem]:
    """What `new` leaves for the editor: its placeholder paragraph, and a
    translation's title copied from the original."""
    problems = []
    original_title = metas[original_lang][0].title
    for lang, (meta, lines, source) in metas.items():
        for text in PLACEHOLDERS.values():
            at = source.body.find(text)
            if at >= 0:
                problems.append(Problem(source.path, source.body_line + source.body.count("\n", 0, at), "text",
                                        "still holds the paragraph that new wrote to be replaced",
                                        "replace it with the story's text"))
        if lang != original_lang and meta.title == original_title:
            problems.append(Problem(source.path, lines.get(("title",)), "title",
                                    f"is the same as in {original_path}",
                                    "translate the title, or delete this file until the story is translated"))
    return problems


def _neutral(value: Any) -> Any:
    """A validated front-matter value as the model holds it: lists as
    tuples, the event as ``model.Event``."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, MetaEvent):
        return _event(value)
    return value


def _event(event: MetaEvent | None) -> Event | None:
    return None if event is None else Event(event.start, event.end, event.place, event.url)


def _pictures(folder: Path, assets: list[str]) -> dict[str, tuple[Picture | None, str, str]]:
    """The folder's image files, read (``content/pictures.py``)."""
    return {name: read_picture(folder / name) for name in assets if is_picture_name(name)}


def _lead_picture_problems(meta: OriginalMeta, lines: dict, path: str,
                           pictures: dict[str, tuple[Picture | None, str, str]]) -> list[Problem]:
    """``image:`` names a fit picture of the folder, described by ``image_alt:``."""
    if meta.image is None:
        if meta.image_alt is not None:
            return [Problem(path, lines.get(("image_alt",)), "image_alt", "describes no picture",
                            "add image: with the picture's file name, or remove image_alt")]
        return []
    problems = []
    line = lines.get(("image",))
    if meta.image not in pictures:
        problems.append(Problem(path, line, "image", f"{meta.image!r} is not a picture in the story's folder",
                                "put the JPEG, PNG or WebP file beside uk.md and write its file name"))
    else:
        picture, message, hint = pictures[meta.image]
        if message:
            problems.append(Problem(path, line, "image", f"{meta.image} {message}", hint))
    if not meta.image_alt:
        problems.append(Problem(path, line, "image_alt", "is required with image",
                                "describe the picture for people who cannot see it, e.g. "
                                "image_alt: \"Учасники форуму в залі обласної ради\""))
    return problems


def _check_original(meta: OriginalMeta, lines: dict, path: str, day: date | None,
                    terms: Terms) -> list[Problem]:
    categories, regions = terms.categories, terms.regions
    problems = []
    for author in meta.authors or ():
        if author not in terms.authors:
            known = f"one of: {', '.join(terms.authors)}" if terms.authors else "an id you add there first"
            problems.append(Problem(path, lines.get(("authors",)), "authors",
                                    f"{author!r} is not an author in news/authors.yml",
                                    f"use {known} (news/authors.yml)"))
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
