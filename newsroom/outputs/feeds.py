"""Feeds and calendars of a language: RSS and Atom (feedgen), iCalendar
(icalendar)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markupsafe import escape

from newsroom.model import urls
from newsroom.model.labels import LABELS
from newsroom.model.plan import Entry
from newsroom.render.seo import published_at

if TYPE_CHECKING:
    from icalendar import Event as IcsEvent

    from newsroom.settings import Settings
    from newsroom.render.site import NewsSite

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _write(path: Path, data: bytes) -> None:
    """``data`` into ``path``, unless it holds them already (a ``--dirty``
    build finds most feeds and calendars as they were)."""
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def feed(site: NewsSite, entries: list[Entry], base: str, title: str) -> tuple[bytes, bytes]:
    """RSS 2.0 and Atom of the latest entries, dated by the newest entry."""
    settings = site.settings
    lang = site.lang
    t = LABELS[lang]
    home = urls.absolute(settings.site_url, urls.url(lang, base, settings.default_language))
    from feedgen.feed import FeedGenerator  # here: in a build, only the helper process writes feeds

    fg = FeedGenerator()
    fg.id(home)
    fg.title(f"{title} – {site.site_name}" if site.site_name else title)
    fg.subtitle(title)
    fg.link(href=home, rel="alternate")
    fg.language(lang)
    fg.generator("newsroom")
    latest = entries[: settings.feed_size]
    for entry in reversed(latest):  # feedgen prepends: add oldest first
        story, version = entry.story, entry.version
        link = urls.absolute(settings.site_url, entry.url)
        fe = fg.add_entry()
        fe.id(link)
        fe.guid(link, permalink=True)
        name = version.title if entry.translated else f"{version.title} ({t['lang_name_' + version.lang]})"
        fe.title(name)
        fe.link(href=link, rel="alternate", hreflang=version.lang)
        # Readers render RSS descriptions (and html summaries) as HTML: the
        # plain-text excerpt goes in escaped, so it shows as text.
        fe.summary(escape(version.excerpt), type="html")  # also the RSS description
        moment = published_at(story, settings)
        if not story.undated:  # (a date the source does not give is not published as one)
            fe.published(moment)
        fe.updated(moment)
        category = site.catalog.categories[story.category]
        fe.category(term=story.category, label=category.label(lang))
        for author in story.authors:  # (the source is where it was first published, not its author)
            fe.author(name=site.catalog.authors[author].label(lang))
    newest = published_at(latest[0].story, settings) if latest else EPOCH
    fg.updated(newest)
    fg.lastBuildDate(newest)
    fg.pubDate(newest)
    rss_url = urls.absolute(settings.site_url, urls.url(lang, base + urls.RSS, settings.default_language))
    atom_url = urls.absolute(settings.site_url, urls.url(lang, base + urls.ATOM, settings.default_language))
    fg.link(href=atom_url, rel="self")
    atom = fg.atom_str(pretty=True)
    fg.link(href=rss_url, rel="self", replace=True)
    fg.link(href=home, rel="alternate")
    return fg.rss_str(pretty=True), atom


def _uid(story_id: str, settings: Settings) -> str:
    host = urlsplit(settings.site_url).hostname or "localhost"
    return f"{story_id}@{host}"


def _ics_time(value: date | datetime, settings: Settings) -> date | datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=settings.tz).astimezone(timezone.utc)
    return value


def _vevent(site: NewsSite, entry: Entry) -> IcsEvent:
    settings = site.settings
    story, event = entry.story, entry.story.event
    assert event is not None
    from icalendar import Event as IcsEvent

    item = IcsEvent()
    item.add("uid", _uid(story.id, settings))
    item.add("dtstamp", published_at(story, settings).astimezone(timezone.utc))
    item.add("summary", entry.version.title)
    start, end = event.start, event.end
    if end is not None and isinstance(start, datetime) != isinstance(end, datetime):
        # RFC 5545: DTSTART and DTEND of one type. A date becomes midnight
        # (Kyiv) of its day; an end date, midnight after it.
        if not isinstance(start, datetime):
            start = datetime.combine(start, time(0, 0))
        if not isinstance(end, datetime):
            end = datetime.combine(end + timedelta(days=1), time(0, 0))
    elif end is not None and not isinstance(end, datetime):
        end = end + timedelta(days=1)  # all-day events end (exclusive) the day after
    elif end is None and not isinstance(start, datetime):
        end = start + timedelta(days=1)
    item.add("dtstart", _ics_time(start, settings))
    if end is not None:
        item.add("dtend", _ics_time(end, settings))
    place = entry.story.event_place(entry.version.lang)[0]
    if place:
        item.add("location", place)
    link = urls.absolute(settings.site_url, entry.url)
    item.add("url", event.url or link)
    item.add("description", f"{entry.version.excerpt}\n{link}")
    return item


# Each event serialised once (events.ics and its own .ics share it) and, in a
# preview, kept while its inputs stay the same: language -> (its inputs) ->
# VEVENT bytes, of the language's last build. A --dirty build keeps them for
# the next (``kept_events``, ``keep_events``): the inputs are spelled by value.
_VEVENTS: dict[str, dict[tuple, bytes]] = {}


def kept_events() -> dict[str, dict[tuple, bytes]]:
    return _VEVENTS


def keep_events(events: dict[str, dict[tuple, bytes]]) -> None:
    _VEVENTS.clear()
    _VEVENTS.update(events)


def _spelled(value: object) -> bytes:
    """A story by value, every field of it, its versions' included (its repr:
    a field added counts without being listed), in 16 bytes."""
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _event_key(site: NewsSite, entry: Entry) -> tuple:
    """Everything an event's VEVENT is made of."""
    settings = site.settings
    return (_spelled(entry.story), entry.version.lang, entry.url, settings.site_url, settings.timezone)


def _vevent_bytes(site: NewsSite, entry: Entry, cache: dict[tuple, bytes], previous: dict[tuple, bytes]) -> bytes:
    key = _event_key(site, entry)
    data = cache.get(key) or previous.get(key) or _vevent(site, entry).to_ical()
    cache[key] = data
    return data


def calendar(site: NewsSite, entries: list[Entry], name: str,
             cache: dict[tuple, bytes] | None = None, previous: dict[tuple, bytes] | None = None) -> bytes:
    """An iCalendar of the entries' events. ``cache`` collects each event's
    serialised VEVENT; ``previous`` is such a collection to reuse."""
    cache = {} if cache is None else cache
    end = b"END:VCALENDAR\r\n"
    head = cache.get(("head", name)) or (previous or {}).get(("head", name))
    if head is None:
        from icalendar import Calendar

        cal = Calendar()
        cal.add("prodid", "-//newsroom//U-LEAD community cooperation//EN")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", name)
        # What Calendar.to_ical() writes: its properties, then each component.
        head = cal.to_ical()
        assert head.endswith(end)
    cache[("head", name)] = head
    events = [_vevent_bytes(site, e, cache, previous or {}) for e in entries if e.story.event is not None]
    return head[: -len(end)] + b"".join(events) + end


def language_outputs(site: NewsSite) -> dict[str, bytes]:
    """Feeds, calendars and redirect pages of one language: output path -> content."""
    settings = site.settings
    lang = site.lang
    t = LABELS[lang]
    files: dict[str, bytes] = {}

    def out(path: str) -> str:
        return urls.url(lang, path, settings.default_language)

    plan = site.plan
    rss, atom = feed(site, plan.entries, urls.NEWS, t["feed_title"])
    files[out(urls.NEWS + urls.RSS)] = rss
    files[out(urls.NEWS + urls.ATOM)] = atom
    for category_id, category in site.catalog.categories.items():
        entries = [e for e in plan.entries if e.story.category == category_id]
        base = urls.term("category", category_id)
        rss, atom = feed(site, entries, base, t["feed_category"].format(label=category.label(lang)))
        files[out(base + urls.RSS)] = rss
        files[out(base + urls.ATOM)] = atom
    events = [e for e in plan.entries if e.story.event is not None]
    used: dict[tuple, bytes] = {}
    previous = _VEVENTS.get(lang, {})
    files[out(urls.ICS)] = calendar(site, events, f"{t['calendar_title']} – {site.site_name}", used, previous)
    for entry in events:
        if entry.translated:
            story = entry.story
            # Its own calendar (named by its title) is kept whole beside its VEVENT.
            key = ("own", *_event_key(site, entry))
            own = used[key] = previous.get(key) or calendar(site, [entry], entry.version.title, used, previous)
            files[out(urls.story_ics(story.day, story.slug))] = own
    _VEVENTS[lang] = used
    from newsroom.outputs.redirects import redirect_pages

    files.update(redirect_pages(site))
    return files


def write_files(files: dict[str, bytes], site_dir: Path) -> None:
    for path, data in files.items():
        _write(site_dir / path, data)


def write_language_outputs(site: NewsSite, site_dir: Path) -> list[str]:
    """Feeds and calendars of one language; their paths."""
    files = language_outputs(site)
    write_files(files, site_dir)
    return list(files)
