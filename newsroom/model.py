"""The stories as data: what the loader makes and everything else reads."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time


@dataclass(frozen=True, slots=True)
class Event:
    """When and where an event takes place (``event:`` of the front matter,
    validated by ``schema.Event``). A plain class, so that what reads the
    stories need not import the schema and pydantic (the helper process)."""

    start: date | datetime
    end: date | datetime | None = None
    place: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    """A story in one language."""

    lang: str
    title: str
    summary: str | None
    source: str | None
    body_z: bytes     # the body, UTF-8 and zlib-compressed: most of the memory of thousands of stories
    path: str         # of the Markdown file, relative to the project root
    excerpt: str

    @property
    def body(self) -> str:
        return zlib.decompress(self.body_z).decode("utf-8")

    @staticmethod
    def compress(body: str) -> bytes:
        # Level 1: a third of the size, several times faster to make than the default.
        return zlib.compress(body.encode("utf-8"), 1)


@dataclass(frozen=True, slots=True)
class Story:
    """One folder of news/: the same story in one or more languages."""

    id: str
    day: date
    slug: str
    folder: str
    original: str
    category: str
    tags: tuple[str, ...] = ()
    region: str | None = None
    time: time | None = None
    draft: bool = False
    event: Event | None = None
    deadline: date | None = None
    versions: dict[str, Version] = field(default_factory=dict)
    assets: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple:
        """Ascending key; listings show the reverse (newest first)."""
        return (self.day, self.time or time(0, 0), self.id)

    def version(self, lang: str) -> Version:
        """The version in ``lang``, or the original when untranslated."""
        return self.versions.get(lang) or self.versions[self.original]

    def is_published(self, today: date) -> bool:
        return not self.draft and self.day <= today

    @property
    def is_vacancy(self) -> bool:
        return self.category == "vacancy" or self.deadline is not None


def event_is_past(event: Event, now: datetime) -> bool:
    """Past from the first moment after its end (or its start day, without an end)."""
    last = event.end or event.start
    if isinstance(last, datetime):
        if event.end is None:
            return now.date() > last.date()
        return now.replace(tzinfo=None) > last
    return now.date() > last


def event_sort_key(event: Event) -> datetime:
    start = event.start
    return start if isinstance(start, datetime) else datetime.combine(start, time(0, 0))


def vacancy_is_open(story: Story, today: date) -> bool | None:
    """True while the deadline day lasts, False after, None without a deadline."""
    if story.deadline is None:
        return None
    return today <= story.deadline


@dataclass(frozen=True, slots=True)
class Term:
    """A label in each language: a category, a region, a tag."""

    id: str
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()))


@dataclass
class Catalog:
    """Everything loaded from news/."""

    stories: list[Story]
    categories: dict[str, Term]
    regions: dict[str, Term]
    tags: dict[str, Term]

    def without_bodies(self) -> Catalog:
        """The same catalog without the stories' bodies and source file paths
        (for a process that renders everything but the bodies, and reports no
        content errors)."""
        stories = [replace(story, versions={lang: replace(version, body_z=b"", path="")
                                            for lang, version in story.versions.items()})
                   for story in self.stories]
        return replace(self, stories=stories)
