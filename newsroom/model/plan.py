"""What the site holds in one language: story pages, listings, home blocks.

``plan(catalog, settings, lang, now)`` is a pure function of its inputs;
rendering and writing happen elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsroom.model import urls
from newsroom.model.labels import label
from newsroom.model.stories import Catalog, Story, Term, Version, event_is_past, event_sort_key, vacancy_is_open
from newsroom.settings import Settings
from newsroom.model.taxonomy import Taxonomy, taxonomies


@dataclass(frozen=True, slots=True)
class Entry:
    """A story as listed in one language."""

    story: Story
    version: Version      # the version shown: the reader's language, else the original
    lang: str             # the listing's language
    url: str              # site-relative URL of the shown version's page

    @property
    def translated(self) -> bool:
        return self.version.lang == self.lang


PAGER_AROUND = 2  # pages linked either side of the current one


@dataclass
class Listing:
    """One page of a paginated listing."""

    kind: str             # all, category, tag, region, year, month, events, vacancies
    term: str
    base: str             # language-neutral path of page 1
    path: str             # language-neutral path of this page
    title: str
    entries: list[Entry]
    number: int = 1
    count: int = 1
    by_month: bool = False
    sections: list[tuple[str, list[Entry]]] = field(default_factory=list)
    term_label: str = ""

    def page_path(self, number: int) -> str:
        return urls.paged(self.base, number)

    def pager(self, around: int = PAGER_AROUND) -> list[int | None]:
        """The page numbers its pager shows: the first, the last, and
        ``around`` either side of this one; None where numbers are left out
        (a gap of one number shows that number). A listing of 500 pages
        links 7 to 9 of them from each, not 500."""
        shown = sorted({1, self.count, *range(max(1, self.number - around),
                                               min(self.count, self.number + around) + 1)})
        numbers: list[int | None] = []
        before = 0
        for number in shown:
            if number - before == 2:
                numbers.append(before + 1)
            elif number - before > 2:
                numbers.append(None)
            numbers.append(number)
            before = number
        return numbers


@dataclass(slots=True)
class StoryPage:
    story: Story
    version: Version
    path: str
    category: Term
    read_more: tuple[Entry, ...]
    previous: Entry | None
    next: Entry | None


@dataclass
class Plan:
    lang: str
    now: datetime
    published: list[Story]
    stories: list[StoryPage]
    listings: list[Listing]
    latest: list[Entry]
    upcoming_events: list[Entry]
    open_vacancies: list[Entry]
    entries: list[Entry]
    taxonomies: list[Taxonomy]

    def taxonomy(self, kind: str) -> Taxonomy:
        """The taxonomy of that kind ("category", "tag", ...)."""
        return next(t for t in self.taxonomies if t.kind == kind)

    @property
    def entries_by_id(self) -> dict[str, Entry]:
        if not hasattr(self, "_by_id"):
            self._by_id = {e.story.id: e for e in self.entries}
        return self._by_id


def entry(story: Story, lang: str, settings: Settings) -> Entry:
    version = story.version(lang)
    return Entry(story, version, lang, urls.url(version.lang, urls.story(story.day, story.slug),
                                               settings.default_language))


def visible(stories: list[Story], now: datetime, show_drafts: bool = False) -> list[Story]:
    """Published stories (not drafts, not dated after today), newest first."""
    today = now.date()
    return [s for s in stories
            if (s.is_published(today) or (show_drafts and s.draft and s.day <= today))]


def paginate(kind: str, term: str, title: str, entries: list[Entry], size: int,
             by_month: bool = False, term_label: str = "") -> list[Listing]:
    base = urls.term(kind, term) if kind not in ("events", "vacancies") else (
        urls.EVENTS if kind == "events" else urls.VACANCIES)
    chunks = [entries[i:i + size] for i in range(0, len(entries), size)] or [[]]
    return [Listing(kind, term, base, urls.paged(base, n), title, chunk, n, len(chunks), by_month,
                    term_label=term_label)
            for n, chunk in enumerate(chunks, start=1)]


def see_also(entries: list[Entry], count: int) -> dict[str, tuple[Entry, ...]]:
    """Each story's "Read more" ("See also"): the ``count`` stories of its
    category published before it, newest first, and if its category has
    fewer, the stories of any category published before it. Only earlier
    stories: a new story changes no other story's page but its neighbour's
    (speed/incremental.py: publishing one story rewrites few pages)."""
    positions: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):  # newest first
        positions.setdefault(entry.story.category, []).append(index)
    related: dict[str, tuple[Entry, ...]] = {}
    for category, indexes in positions.items():
        for rank, index in enumerate(indexes):
            chosen = indexes[rank + 1: rank + 1 + count]
            if len(chosen) < count:
                taken = set(chosen)
                for other in range(index + 1, len(entries)):
                    if len(chosen) == count:
                        break
                    if other not in taken:
                        chosen.append(other)
                chosen.sort()
            related[entries[index].story.id] = tuple(entries[i] for i in chosen)
    return related


def plan(catalog: Catalog, settings: Settings, lang: str, now: datetime) -> Plan:
    today = now.date()
    published = visible(catalog.stories, now, settings.show_drafts)
    entries = [entry(s, lang, settings) for s in published]
    by_id = {e.story.id: e for e in entries}
    size = settings.page_size

    listings: list[Listing] = paginate("all", "", label(lang, "news"), entries, size)
    kinds = taxonomies(catalog)
    for taxonomy in kinds:
        for term, stories in taxonomy.classify(published).items():
            listings += paginate(taxonomy.kind, term, taxonomy.title(term, lang),
                                 [by_id[s.id] for s in stories], size, taxonomy.by_month,
                                 taxonomy.term_label(term, lang))

    with_events = [e for e in entries if e.story.event is not None]
    upcoming = sorted((e for e in with_events if not event_is_past(e.story.event, now)),
                      key=lambda e: (event_sort_key(e.story.event), e.story.id))
    past = sorted((e for e in with_events if event_is_past(e.story.event, now)),
                  key=lambda e: (event_sort_key(e.story.event), e.story.id), reverse=True)
    events = paginate("events", "", label(lang, "events"), upcoming + past, size)
    soon = {e.story.id for e in upcoming}
    for page in events:
        page.sections = [(label(lang, "upcoming_events"), [e for e in page.entries if e.story.id in soon]),
                         (label(lang, "past_events"), [e for e in page.entries if e.story.id not in soon])]
    listings += events

    vacancies = [e for e in entries if e.story.is_vacancy]
    open_ = sorted((e for e in vacancies if vacancy_is_open(e.story, today)),
                   key=lambda e: (e.story.deadline, e.story.id))
    undated = [e for e in vacancies if vacancy_is_open(e.story, today) is None]
    closed = sorted((e for e in vacancies if vacancy_is_open(e.story, today) is False),
                    key=lambda e: (e.story.deadline, e.story.id), reverse=True)
    vacancy_pages = paginate("vacancies", "", label(lang, "vacancies"), open_ + undated + closed, size)
    state = {e.story.id: kind for kind, group in (("open", open_), ("undated", undated), ("closed", closed))
             for e in group}
    for page in vacancy_pages:
        page.sections = [(label(lang, f"{key}_vacancies"), [e for e in page.entries if state[e.story.id] == kind])
                         for kind, key in (("open", "open"), ("undated", "no_deadline"), ("closed", "closed"))]
    listings += vacancy_pages

    stories: list[StoryPage] = []
    own = [e for e in entries if e.translated]
    related = see_also(entries, settings.read_more)
    for index, item in enumerate(own):
        story = item.story
        stories.append(StoryPage(
            story=story, version=item.version, path=urls.story(story.day, story.slug),
            category=catalog.categories[story.category], read_more=related[story.id],
            previous=own[index + 1] if index + 1 < len(own) else None,
            next=own[index - 1] if index > 0 else None,
        ))

    return Plan(lang, now, published, stories, listings, entries[: settings.latest],
                upcoming[: settings.latest], (open_ + undated)[: settings.latest], entries, kinds)
