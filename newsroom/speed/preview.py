"""The preview's memory of what it wrote (``mkdocs serve --dirty``).

A preview rebuilds the whole site model on every edit but writes only the
generated pages whose inputs changed since it last wrote them. A page's
inputs are summed up by ``fingerprint``: its title, description and
switcher, and every story it shows, each taken whole (``digest`` walks the
fields of the stories' dataclasses, so a field added to ``Story``,
``Version``, ``Event`` or ``Term`` counts without being listed here), with
what the clock decides about it (an event past, a vacancy open). A
``--dirty`` build may name each story by the bytes it was read from instead
(``identities``: its folder -> a digest of its files, from
``speed/story_cache.py``): a story read from the same bytes by the same
engine is the same story, and the build need not walk its fields.

``Fingerprints`` keeps them for the process (a preview's rebuilds). A
fingerprint is recorded once its page is written (``written``), so a rebuild
that fails halfway leaves no page marked as up to date that was not written.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime
from collections.abc import Callable
from typing import Any

from newsroom.model.plan import Entry, StoryPage
from newsroom.model.stories import event_is_past, vacancy_is_open
from newsroom.render.site import Generated, NewsSite


def digest(value: Any) -> Any:
    """A hashable value that differs whenever any field of ``value`` (a
    dataclass, recursively; dicts, lists and tuples of them) differs."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(digest(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, dict):
        return ("dict", *sorted((digest(k), digest(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("seq", *(digest(item) for item in value))
    if isinstance(value, bytes):
        # A text, compressed (a story's body): its own digest, so that the
        # page's (``stable_digest``, a repr) does not spell its bytes out.
        return ("bytes", hashlib.blake2b(value, digest_size=16).digest())
    return value


class Fingerprints:
    """Language and page -> the fingerprint of the page as last written."""

    def __init__(self, stable: bool = False, identities: dict[str, int] | None = None) -> None:
        # Python's hash() differs from process to process: a fingerprint kept
        # for the next build (speed/incremental.py) is a digest of its repr.
        self._value = stable_digest if stable else hash
        self.written: dict[tuple[str, str], int] = {}
        self.unwritten: dict[tuple[str, str], int] = {}
        self._site: NewsSite | None = None
        # id of a story -> (the story, its digest): a story is immutable, so
        # its digest is made once while it lives (a preview's rebuilds reuse
        # the stories of the folders that did not change, in both languages).
        self._digests: dict[Any, Any] = {}
        self._identities = identities or {}  # a story's folder -> its files' digest

    def changed(self, site: NewsSite, page: Generated, *extra: object, written: bool = False) -> bool:
        """Whether ``page``'s inputs (and ``extra``) changed since it was last
        written; ``written``: it is written right after (else ``wrote``
        records it once it is)."""
        key = (site.lang, page.dest_uri)
        if site is not self._site:
            self._site = site
            live = {id(story) for story in site.catalog.stories}
            self._digests = {k: v for k, v in self._digests.items() if k in live}  # (not "labels": the site's)
        value = self._value((fingerprint(site, page, self._digests, self._value, self._identities), *extra))
        changed = self.written.get(key) != value
        (self.written if written else self.unwritten)[key] = value
        return changed

    def unchanged(self, site: NewsSite) -> Callable[[Generated, str], bool]:
        """``skip(page, frame)`` for the framed pages: whether a page is as
        last written (if not, it is recorded as written: it is written right
        after). A frame (a whole page's HTML, about 14 KB) stands in its
        pages' fingerprints as its digest, made once per frame (spelt out in
        each, it was 0.6 s of a --dirty build at N = 10000)."""
        digests: dict[str, int] = {}

        def skip(page: Generated, frame: str) -> bool:
            known = digests.get(frame)
            if known is None:
                known = digests[frame] = stable_digest(frame)
            return not self.changed(site, page, known, written=True)
        return skip

    def forget(self, pages: list[tuple[str, str]]) -> None:
        """These pages (language, file) were overwritten: write them anew."""
        for key in pages:
            self.written.pop(key, None)

    def wrote(self, lang: str, dest_uri: str) -> None:
        value = self.unwritten.pop((lang, dest_uri), None)
        if value is not None:
            self.written[(lang, dest_uri)] = value


def stable_digest(value: Any) -> int:
    """The same number for the same value in any process (its repr's blake2b)."""
    return int.from_bytes(hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest(),
                          "big")


def _entry_key(entry: Entry, now: datetime, stories: dict[int, Any], compact: Callable[[Any], int],
               identities: dict[str, int]) -> tuple:
    story = entry.story
    found = stories.get(id(story))
    if found is not None and found[0] is story:
        whole = found[1]
    else:
        # One number per story, made once: a page's fingerprint holds
        # numbers, not the stories' fields again (a listing of 20 stories,
        # their bodies included, was 1.6 s of a --dirty build at N = 1000).
        # The bytes it was read from, where known, spare walking its fields
        # (1.5 s of a --dirty build at N = 10000).
        known = identities.get(story.folder)
        whole = ("read", known) if known is not None else compact(digest(story))
        stories[id(story)] = (story, whole)
    return (whole, entry.version.lang, entry.lang, entry.url,
            event_is_past(story.event, now) if story.event else None,
            vacancy_is_open(story, now.date()))


def _entry_number(entry: Entry, now: datetime, stories: dict[Any, Any], compact: Callable[[Any], int],
                  identities: dict[str, int]) -> int:
    """``_entry_key`` made a number, once per entry of the site (a story is
    listed on several pages: its page, "Read more" blocks, listings)."""
    memo = ("entry", id(entry))
    found = stories.get(memo)
    if found is not None and found[0] is entry:
        return found[1]
    number = compact(_entry_key(entry, now, stories, compact, identities))
    stories[memo] = (entry, number)
    return number


def fingerprint(site: NewsSite, page: Generated, stories: dict[int, Any] | None = None,
                compact: Callable[[Any], int] = hash, identities: dict[str, int] | None = None) -> tuple:
    """What a generated page's HTML depends on (``stories``: digests of the
    site's stories already made, each ``compact``-ed to a number;
    ``identities``: stories known by the bytes they were read from)."""
    now = site.now
    spec = page.spec
    stories = {} if stories is None else stories
    identities = identities or {}
    if isinstance(spec, StoryPage):
        # Its title, description and switcher are its story's (its version's
        # title and excerpt, the languages it is in): a story known by the
        # bytes it was read from has them in its number.
        own = () if spec.story.folder in identities else (
            page.title, page.description, tuple(sorted(page.switch.items())))
        key: tuple = (
            "story", *own,
            _entry_number(site.plan.entries_by_id[spec.story.id], now, stories, compact, identities),
            tuple(_entry_number(e, now, stories, compact, identities) for e in spec.read_more),
            _entry_number(spec.previous, now, stories, compact, identities) if spec.previous else None,
            _entry_number(spec.next, now, stories, compact, identities) if spec.next else None,
        )
    else:
        key = ("listing", page.title, spec.number, spec.count,
               tuple(_entry_number(e, now, stories, compact, identities) for e in spec.entries),
               tuple((h, tuple(e.story.id for e in items)) for h, items in spec.sections))
    labels = stories.get("labels")  # the terms' labels, on every page: one number, made once
    if labels is None:
        labels = stories["labels"] = compact(site.labels_key)
    return (labels, key)
