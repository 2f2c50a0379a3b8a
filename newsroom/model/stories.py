"""The stories as data: what the loader makes and everything else reads."""

from __future__ import annotations

import zlib
from collections.abc import Collection
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time
from typing import Any


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
class Picture:
    """An image file of a story's folder, as read (``content/pictures.py``)."""

    name: str
    width: int
    height: int
    kind: str        # JPEG, PNG or WEBP (Pillow's format name)
    digest: str      # of its bytes: the key of its resized copies
    problem: str = ""  # what breaks the rules of a story's picture (width, size), and the fix
    hint: str = ""

    @property
    def fit(self) -> bool:
        return not self.problem


@dataclass(frozen=True, slots=True)
class Version:
    """A story in one language."""

    lang: str
    title: str
    summary: str | None
    source: str | None
    body_z: bytes | None  # the body, UTF-8 and zlib-compressed: most of the memory of thousands of stories
    path: str         # of the Markdown file, relative to the project root
    excerpt_z: bytes  # the excerpt (``excerpt.excerpt``), the same way: half the memory of the text
    place: str | None = None  # a translation's own event place, in its language
    body_line: int = 1        # the line of the file where the body starts (for problems in it)
    image_alt: str | None = None  # a translation's own description of the lead picture

    @property
    def body(self) -> str:
        if self.body_z is None:
            raise BodyNotHere(f"the body of {self.path or self.lang} is not held by this process "
                              "(a helper process's catalog, or a language build already written): "
                              "derive what a listing needs from the body when the story is loaded")
        return zlib.decompress(self.body_z).decode("utf-8")

    @property
    def excerpt(self) -> str:
        return zlib.decompress(self.excerpt_z).decode("utf-8")

    def __reduce__(self) -> tuple:
        # Every field, in order (a field added later is pickled too); its
        # text as UTF-8 bytes: CPython's pickler, given a str, caches the
        # str's UTF-8 form in it for as long as it lives (the build's
        # catalog, sent to the helper process: about 9 MB at N = 10000);
        # encoding a str does not.
        return reduce_fields(self)

    @staticmethod
    def compress(text: str) -> bytes:
        # Level 1: a third of a body's size, several times faster to make
        # than the default; a window no larger than the text (not 32 KB):
        # 15 us instead of 68 us for a body of 6 KB, 5 instead of 51 for an
        # excerpt (the same bytes out; zlib.decompress reads the window's
        # size from them).
        data = text.encode("utf-8")
        return zlib.compress(data, 1, min(15, max(9, len(data).bit_length())))


class BodyNotHere(LookupError):
    """A story's body was asked for where it is not held (see ``Version.body``)."""


def reduce_fields(obj: Any) -> tuple:
    """``__reduce__`` of a dataclass, from its fields: every str as UTF-8
    bytes (marked, so that bytes fields stay bytes)."""
    values = [getattr(obj, f.name) for f in fields(obj)]
    texts = tuple(i for i, value in enumerate(values) if isinstance(value, str))
    for i in texts:
        values[i] = values[i].encode("utf-8")
    return (_from_fields, (type(obj), texts, tuple(values)))


def _from_fields(cls: type, texts: tuple[int, ...], values: tuple) -> Any:
    """An object pickled by ``reduce_fields``."""
    items = list(values)
    for i in texts:
        items[i] = items[i].decode("utf-8")
    return cls(*items)


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
    authors: tuple[str, ...] = ()
    source_url: str | None = None   # where it was first published (``source`` of each version names it)
    undated: bool = False           # the source gives no publication date: the folder's date is what it reports
    time: time | None = None
    draft: bool = False
    event: Event | None = None
    deadline: date | None = None
    image: str | None = None        # the lead picture: a file of the folder
    aliases: tuple[str, ...] = ()   # old paths (news/YYYY/MM/DD/slug/) that redirect to it
    versions: dict[str, Version] = field(default_factory=dict)
    assets: tuple[str, ...] = ()
    pictures: tuple[Picture, ...] = ()  # the folder's image files, read

    def picture(self, name: str | None) -> Picture | None:
        return next((p for p in self.pictures if p.name == name), None) if name else None

    def image_alt(self, lang: str) -> tuple[str | None, str]:
        """The lead picture's description in ``lang`` and the language it is
        in: a translation's own, else the original's."""
        own = self.versions.get(lang)
        if own is not None and own.image_alt:
            return own.image_alt, lang
        return self.versions[self.original].image_alt, self.original

    @property
    def sort_key(self) -> tuple:
        """Ascending key; listings show the reverse (newest first)."""
        return (self.day, self.time or time(0, 0), self.id)

    def version(self, lang: str) -> Version:
        """The version in ``lang``, or the original when untranslated."""
        return self.versions.get(lang) or self.versions[self.original]

    def event_place(self, lang: str) -> tuple[str | None, str]:
        """The event's place as shown in ``lang``, and the language it is in:
        a translation's own, else the original's."""
        own = self.versions.get(lang)
        if own is not None and own.place:
            return own.place, lang
        return (self.event.place if self.event else None), self.original

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
    # Other names readers search for (``also:`` in news/*.yml, in the
    # language the search understands: Полтавщина for Полтавська область).
    also: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()))


@dataclass
class Catalog:
    """Everything loaded from news/."""

    stories: list[Story]
    categories: dict[str, Term]
    regions: dict[str, Term]
    tags: dict[str, Term]
    authors: dict[str, Term] = field(default_factory=dict)

    def without_bodies(self, langs: Collection[str] | None = None) -> Catalog:
        """The same catalog without the bodies of the stories' versions in
        ``langs`` (a build whose pages in these languages are written).
        Without ``langs``: without any body nor source file path (for a
        process that renders everything but the bodies, and reports no
        content errors). A body left out raises when read (``BodyNotHere``):
        nothing reads "" for a body that exists."""
        if langs is None:
            stories = [replace(story, versions={lang: replace(version, body_z=None, path="")
                                                for lang, version in story.versions.items()})
                       for story in self.stories]
        else:
            stories = [replace(story, versions={lang: replace(version, body_z=None) if lang in langs else version
                                                for lang, version in story.versions.items()})
                       if any(lang in langs for lang in story.versions) else story
                       for story in self.stories]
        return replace(self, stories=stories)
