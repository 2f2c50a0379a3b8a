"""``python -m newsroom new``: a new story folder with its front matter filled in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsroom.model import urls
from newsroom.content.loader import load_uncached
from newsroom.content.story import PLACEHOLDERS
from newsroom.settings import Settings, build_now
from newsroom.model.slugs import SLUG_RE, slugify


class ScaffoldError(Exception):
    """Why a story could not be created, said for an editor."""


@dataclass(frozen=True)
class Created:
    folder: Path
    files: list[Path]
    url: str


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: safe for colons, quotes, ``#``,
    leading dashes and words like ``no`` (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


UK_TEMPLATE = """\
---
title: {title}
category: {category}
# Необов'язкові поля: приберіть «# » на початку рядка, щоб увімкнути поле.
# summary: "Одне-два речення для списків новин (інакше береться перший абзац)"
# tags: [Полтава, бюджет]
# region: poltava
# source: "Хто опублікував новину"
# time: "09:30"
# draft: true
# event:
#   start: {day}
#   end: {day}
#   place: "Місце проведення"
#   url: https://example.org/
# deadline: {day}
---

{placeholder} Перший абзац показується у списках новин.
"""

EN_TEMPLATE = """\
---
title: {title}{translate}
# A translation carries only what differs from uk.md: title, summary, source.
# category, tags, region, time, draft, event and deadline are written once, in uk.md.
# summary: "One or two sentences for the news listings (otherwise the first paragraph)"
# source: "Who published the story"
---

{placeholder} The first paragraph is shown in the news listings.
"""


def clean_title(title: str) -> str:
    text = " ".join(title.split())
    if not text:
        raise ScaffoldError("the title is empty: give the story's title in quotes, "
                            "for example: new \"Форум громад у Полтаві\" --category forum")
    return text


def create_story(settings: Settings, title: str, category: str, *, day: date | None = None,
                 en: bool = False, en_title: str | None = None, slug: str | None = None) -> Created:
    """Create ``news/<YYYY>/<YYYY-MM-DD>-<slug>/uk.md`` (and ``en.md``)."""
    title = clean_title(title)
    categories = load_uncached(settings).catalog.categories
    if not categories:
        raise ScaffoldError(f"no categories could be read from {settings.dir}/categories.yml; "
                            "run 'python -m newsroom check' to see why")
    if category not in categories:
        raise ScaffoldError(f"{category!r} is not a category; use one of: {', '.join(categories)} "
                            f"({settings.dir}/categories.yml)")
    day = day or build_now(settings.tz).date()
    slug = slug if slug is not None else slugify(title)
    if not slug:
        raise ScaffoldError("the title gives no slug (it has no letters or digits); "
                            "give one with --slug, such as --slug forum-u-poltavi")
    if not SLUG_RE.match(slug):
        raise ScaffoldError(f"the slug {slug!r} breaks the rules; use lowercase Latin letters, "
                            "digits and single hyphens, such as forum-u-poltavi")
    folder = settings.news_dir / f"{day:%Y}" / f"{day.isoformat()}-{slug}"
    if folder.exists():
        raise ScaffoldError(f"{folder.relative_to(settings.root).as_posix()} already exists; "
                            "nothing was changed. Edit that story, or choose another title, "
                            "--slug or --date")
    folder.mkdir(parents=True)
    files = [folder / "uk.md"]
    files[0].write_text(UK_TEMPLATE.format(title=quote(title), category=category, day=day.isoformat(),
                                           placeholder=PLACEHOLDERS["uk"]), encoding="utf-8")
    if en:
        files.append(folder / "en.md")
        english = clean_title(en_title) if en_title else title
        translate = "" if en_title else "\n# Translate the title above into English."
        files[1].write_text(EN_TEMPLATE.format(title=quote(english), translate=translate,
                                               placeholder=PLACEHOLDERS["en"]), encoding="utf-8")
    return Created(folder, files, "/" + urls.story(day, slug))
