"""Nothing lost (issue 4): property-based tests.

Hypothesis generates valid sets of stories (dates around "today" and a year
boundary, uk/en/both, categories, tags whose spellings share a slug,
regions, drafts, future dates, events, deadlines, same-day stories ordered
by time) and writes them as a news/ folder. On the model (the loader and
``plan`` of each language): every published story appears exactly once in
its language's full listing and in each of its taxonomy and archive
listings, no unpublished story appears anywhere, the counts match the
folders, and the feeds hold the newest ``feed_size``. Then on a few built
sites, the same through the HTML, the sitemap and the feeds.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import feedparser
import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from lxml import etree

from conftest import FIXTURES, build, html_pages, make_project
from newsroom.outputs import feeds as outputs
from newsroom.model import urls
from newsroom.content.loader import load_uncached
from newsroom.model.plan import plan
from newsroom.settings import Settings
from newsroom.render.site import NewsSite
from newsroom.model.slugs import slugify

TZ = ZoneInfo("Europe/Kyiv")
NOW = datetime(2025, 12, 10, 12, 0, tzinfo=TZ)    # the fixture site's "today"
NOW_EPOCH = int(NOW.timestamp())
LANGS = ("uk", "en")
PREFIX = {"uk": "", "en": "en/"}
SITE_NEWS = FIXTURES / "site" / "news"

DAYS = [date(2024, 12, 20), date(2024, 12, 31), date(2025, 1, 1), date(2025, 3, 15), date(2025, 11, 30),
        date(2025, 12, 1), date(2025, 12, 9), date(2025, 12, 10), date(2025, 12, 11), date(2026, 1, 5)]
SLUGS = ["forum", "rada", "poltava", "a", "b-2", "zvit-za-rik"]
CATEGORIES = ["forum", "roundtable", "finance", "vacancy", "programme"]
REGIONS = ["poltava", "kyiv", "lviv"]
# Spellings that share a slug: one tag listing for both.
TAGS = ["Полтава", "Poltava", "бюджет", "Бюджет", "громада", "Energy", "energy", "ЦНАП"]
TIMES = [None, time(8, 0), time(9, 30), time(12, 0), time(18, 45)]


@dataclass(frozen=True)
class Spec:
    day: date
    slug: str
    langs: tuple[str, ...]
    category: str
    tags: tuple[str, ...] = ()
    region: str | None = None
    time: time | None = None
    draft: bool = False
    event: tuple | None = None          # (start, end or None, place or None)
    deadline: date | None = None
    repeat_neutral: bool = False        # the translation repeats category (same value)

    @property
    def id(self) -> str:
        return f"{self.day.isoformat()}-{self.slug}"

    @property
    def original(self) -> str:
        return self.langs[0]

    def published(self, now: datetime = NOW) -> bool:
        return not self.draft and self.day <= now.date()

    @property
    def sort_key(self) -> tuple:
        return (self.day, self.time or time(0, 0), self.id)

    @property
    def vacancy(self) -> bool:
        return self.category == "vacancy" or self.deadline is not None

    def title(self, lang: str) -> str:
        return f"{'Новина' if lang == 'uk' else 'Story'} {self.id}"

    def url(self, lang: str) -> str:
        """Where a listing in ``lang`` links: the story in that language, else its original."""
        shown = lang if lang in self.langs else self.original
        return f"{PREFIX[shown]}news/{self.day:%Y/%m/%d}/{self.slug}/"

    def terms(self) -> dict[str, set[str]]:
        return {
            "category": {self.category},
            "tag": {slugify(t) for t in self.tags},
            "region": {self.region} if self.region else set(),
            "year": {f"{self.day:%Y}"},
            "month": {f"{self.day:%Y-%m}"},
        }


@st.composite
def specs(draw, min_size: int = 0, max_size: int = 14) -> list[Spec]:
    keys = draw(st.lists(st.tuples(st.sampled_from(DAYS), st.sampled_from(SLUGS)),
                         min_size=min_size, max_size=max_size, unique=True))
    stories = []
    for day, slug in keys:
        category = draw(st.sampled_from(CATEGORIES))
        event = None
        if draw(st.booleans()):
            start_day = draw(st.sampled_from(DAYS))
            start = (datetime.combine(start_day, draw(st.sampled_from(TIMES[1:])))
                     if draw(st.booleans()) else start_day)
            end = None
            if draw(st.booleans()):
                start_date = start.date() if isinstance(start, datetime) else start
                end_day = draw(st.sampled_from([d for d in DAYS if d >= start_date] or [start_date]))
                end = end_day
                if isinstance(start, datetime) and end_day == start_date:
                    end = datetime.combine(end_day, time(23, 0))
            event = (start, end, draw(st.sampled_from([None, "Київ", "Полтава, вул. Соборності, 1"])))
        deadline = draw(st.sampled_from([None, None, day, date(2025, 12, 10), date(2026, 2, 1)]))
        if deadline is not None and deadline < day:
            deadline = day
        stories.append(Spec(
            day=day, slug=slug,
            langs=draw(st.sampled_from([("uk",), ("en",), ("uk", "en"), ("uk", "en")])),
            category=category,
            tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True))),
            region=draw(st.sampled_from([None, *REGIONS])),
            time=draw(st.sampled_from(TIMES)),
            draft=draw(st.booleans()) and draw(st.booleans()),
            event=event, deadline=deadline, repeat_neutral=draw(st.booleans()),
        ))
    return stories


def _yaml(value) -> str:
    if isinstance(value, datetime):
        return json.dumps(value.strftime("%Y-%m-%d %H:%M"))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return json.dumps(value.strftime("%H:%M"))
    return json.dumps(value, ensure_ascii=False)


def write_news(news: Path, stories: list[Spec]) -> None:
    news.mkdir(parents=True, exist_ok=True)
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(SITE_NEWS / name, news / name)
    for spec in stories:
        folder = news / f"{spec.day:%Y}" / spec.id
        folder.mkdir(parents=True)
        for lang in spec.langs:
            lines = [f"title: {_yaml(spec.title(lang))}"]
            if lang == spec.original:
                lines.append(f"category: {spec.category}")
                if spec.tags:
                    lines.append(f"tags: [{', '.join(_yaml(t) for t in spec.tags)}]")
                if spec.region:
                    lines.append(f"region: {spec.region}")
                if spec.time:
                    lines.append(f"time: {_yaml(spec.time)}")
                if spec.draft:
                    lines.append("draft: true")
                if spec.deadline:
                    lines.append(f"deadline: {_yaml(spec.deadline)}")
                if spec.event:
                    start, end, place = spec.event
                    lines += ["event:", f"  start: {_yaml(start)}"]
                    if end is not None:
                        lines.append(f"  end: {_yaml(end)}")
                    if place:
                        lines.append(f"  place: {_yaml(place)}")
            elif spec.repeat_neutral:
                lines.append(f"category: {spec.category}")
            body = "Перший абзац." if lang == "uk" else "First paragraph."
            (folder / f"{lang}.md").write_text("---\n" + "\n".join(lines) + f"\n---\n\n{body}\n",
                                               encoding="utf-8")


# -- on the model ---------------------------------------------------------------

def _listing_ids(p, kind: str, term: str) -> list[list[str]]:
    pages = sorted((l for l in p.listings if l.kind == kind and l.term == term), key=lambda l: l.number)
    assert [l.number for l in pages] == list(range(1, len(pages) + 1))
    assert all(l.count == len(pages) for l in pages)
    return [[e.story.id for e in l.entries] for l in pages]


def check_model(stories: list[Spec], root: Path, page_size: int, feed_size: int, now: datetime) -> None:
    config = Settings(root=root, page_size=page_size, feed_size=feed_size, latest=3)
    loaded = load_uncached(config)
    assert loaded.problems == [], [p.format() for p in loaded.problems]
    by_id = {s.id: s for s in stories}
    # Every folder is loaded, with its languages: nothing dropped.
    assert sorted(s.id for s in loaded.catalog.stories) == sorted(by_id)
    for story in loaded.catalog.stories:
        assert tuple(l for l in LANGS if l in story.versions) == by_id[story.id].langs

    published = sorted((s for s in stories if s.published(now)), key=lambda s: s.sort_key, reverse=True)
    hidden = {s.id for s in stories} - {s.id for s in published}
    for lang in LANGS:
        p = plan(loaded.catalog, config, lang, now)
        # The full listing: every published story once, newest first, full pages.
        pages = _listing_ids(p, "all", "")
        flat = [i for page in pages for i in page]
        assert flat == [s.id for s in published]
        assert len(pages) == max(1, math.ceil(len(published) / page_size))
        assert all(len(page) == page_size for page in pages[:-1])
        # Counts per language match the folders.
        assert len(p.entries) == len(published)
        assert sorted(sp.story.id for sp in p.stories) == sorted(s.id for s in published if lang in s.langs)
        for entry in p.entries:
            spec = by_id[entry.story.id]
            assert entry.url == spec.url(lang)
            assert entry.version.title == spec.title(lang if lang in spec.langs else spec.original)
        # Each taxonomy and archive listing: exactly its published stories, once each.
        expected: dict[tuple[str, str], list[str]] = {}
        for spec in published:
            for kind, terms in spec.terms().items():
                for term in terms:
                    expected.setdefault((kind, term), []).append(spec.id)
        found = {(l.kind, l.term) for l in p.listings if l.kind in ("category", "tag", "region", "year", "month")}
        assert found == set(expected)
        for (kind, term), ids in expected.items():
            assert [i for page in _listing_ids(p, kind, term) for i in page] == ids, (kind, term)
        # Events and vacancies: each once.
        events = [i for page in _listing_ids(p, "events", "") for i in page]
        assert Counter(events) == Counter(s.id for s in published if s.event)
        vacancies = [i for page in _listing_ids(p, "vacancies", "") for i in page]
        assert Counter(vacancies) == Counter(s.id for s in published if s.vacancy)
        # Nothing unpublished anywhere.
        everywhere = [e.story.id for l in p.listings for e in l.entries]
        everywhere += [sp.story.id for sp in p.stories]
        everywhere += [e.story.id for e in p.latest + p.upcoming_events + p.open_vacancies]
        everywhere += [e.story.id for sp in p.stories for e in sp.read_more]
        everywhere += [e.story.id for sp in p.stories for e in (sp.previous, sp.next) if e]
        assert hidden.isdisjoint(everywhere)
        assert [e.story.id for e in p.latest] == [s.id for s in published[:3]]
        # Feeds: the newest feed_size, all news and per category.
        site = NewsSite(loaded.catalog, config, lang, now, "Site")
        rss, atom = outputs.feed(site, site.plan.entries, urls.NEWS, "News")
        newest = [s.url(lang) for s in published[:feed_size]]
        for data in (rss, atom):
            parsed = feedparser.parse(data)
            assert parsed.bozo == 0
            assert [e.link for e in parsed.entries] == [urls.absolute(config.site_url, u) for u in newest]
        for category in CATEGORIES:
            entries = [e for e in site.plan.entries if e.story.category == category]
            rss, _ = outputs.feed(site, entries, urls.term("category", category), category)
            want = [s.url(lang) for s in published if s.category == category][:feed_size]
            assert [e.link for e in feedparser.parse(rss).entries] == \
                   [urls.absolute(config.site_url, u) for u in want]


# PROPERTY_EXAMPLES=2000 for a long run; the default keeps the suite quick.
@settings(max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(specs(), st.integers(1, 4), st.integers(1, 5),
       st.sampled_from([NOW, datetime(2025, 12, 10, 0, 0, tzinfo=TZ), datetime(2025, 12, 31, 23, 59, tzinfo=TZ),
                        datetime(2026, 1, 5, 9, 0, tzinfo=TZ)]))
def test_nothing_lost_on_the_model(stories, page_size, feed_size, now):
    with tempfile.TemporaryDirectory() as tmp:
        write_news(Path(tmp) / "news", stories)
        check_model(stories, Path(tmp), page_size, feed_size, now)


# -- on built sites ---------------------------------------------------------------

PAGE_SIZE = 2
FEED_SIZE = 3


def _resolve(base: str, href: str) -> str:
    return urljoin("http://x/" + base, href)[len("http://x/"):]


def walk(built, url: str) -> list[str]:
    """Story URLs listed on every page of a listing, following its "older" links."""
    found, seen = [], set()
    while url and url not in seen:
        seen.add(url)
        tree = built.html(url)
        found += [_resolve(url, a.attributes["href"]) for a in tree.css(".news-entry__title a")]
        older = tree.css_first("a[rel='next']")
        url = _resolve(url, older.attributes["href"]) if older else None
    return found


def check_site(stories: list[Spec], built) -> None:
    published = sorted((s for s in stories if s.published()), key=lambda s: s.sort_key, reverse=True)
    hidden = [s for s in stories if not s.published()]
    for lang in LANGS:
        pre = PREFIX[lang]
        assert walk(built, f"{pre}news/") == [s.url(lang) for s in published]
        expected: dict[str, list[str]] = {}
        for spec in published:
            for kind, terms in spec.terms().items():
                for term in terms:
                    expected.setdefault(urls.url(lang, urls.term(kind, term)), []).append(spec.url(lang))
        for listing, want in expected.items():
            assert walk(built, listing) == want, listing
        assert Counter(walk(built, f"{pre}news/events/")) == Counter(s.url(lang) for s in published if s.event)
        assert Counter(walk(built, f"{pre}news/vacancies/")) == Counter(s.url(lang) for s in published if s.vacancy)
        for spec in published:
            own = f"{pre}news/{spec.day:%Y/%m/%d}/{spec.slug}/"
            assert built.exists(own) == (lang in spec.langs), own
            if lang in spec.langs:
                assert built.html(own).css_first("article h1").text() == spec.title(lang)
        # Feeds: the newest FEED_SIZE, in order.
        for name in ("rss.xml", "atom.xml"):
            parsed = feedparser.parse((built.site / f"{pre}news/{name}").read_bytes())
            assert parsed.bozo == 0
            assert [e.link for e in parsed.entries] == \
                   [f"http://127.0.0.1:8000/{s.url(lang)}" for s in published[:FEED_SIZE]]
    # Unpublished stories: no page, and their titles nowhere.
    for spec in hidden:
        for lang in spec.langs:
            assert not built.exists(f"{PREFIX[lang]}news/{spec.day:%Y/%m/%d}/{spec.slug}/")
    titles = [spec.title(lang) for spec in hidden for lang in spec.langs]
    if titles:
        for path in built.site.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json"):
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not any(title in text for title in titles), path
    # The sitemap: every story page once, nothing unpublished.
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in etree.fromstring((built.site / "sitemap.xml").read_bytes()).findall("s:url/s:loc", ns)]
    assert len(locs) == len(set(locs))
    story_page = re.compile(r"http://127\.0\.0\.1:8000/(?:en/)?news/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/")
    story_locs = sorted(loc for loc in locs if story_page.fullmatch(loc))
    assert story_locs == sorted(f"http://127.0.0.1:8000/{PREFIX[lang]}news/{s.day:%Y/%m/%d}/{s.slug}/"
                                for s in published for lang in s.langs)
    assert set(html_pages(built.site))  # the site has pages


@pytest.mark.slow
@settings(max_examples=2, deadline=None, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(stories=specs(min_size=6, max_size=10))
def test_nothing_lost_on_a_built_site(stories, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("properties")
    write_news(tmp / "src" / "news", stories)
    project = make_project(tmp / "project", tmp / "src" / "news", page_size=PAGE_SIZE)
    config, count = re.subn(r"feed_size: \d+", f"feed_size: {FEED_SIZE}",
                            (project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert count == 1
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = build(project, epoch=NOW_EPOCH)
    check_site(stories, built)
