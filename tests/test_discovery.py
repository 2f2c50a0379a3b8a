"""Issue 5: feeds, calendars, structured data, hreflang and the sitemap,
parsed back from the built fixture site."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import feedparser
import pytest
from icalendar import Calendar

from conftest import FIXTURE_EPOCH, FIXTURE_SEARCH_BUNDLE, FIXTURES, html_pages, search_bundles
from test_news import PREFIX, PUBLISHED, UNPUBLISHED, languages_of, story_url

SITE = "http://127.0.0.1:8000/"
KYIV = ZoneInfo("Europe/Kyiv")
CATEGORIES = ["forum", "roundtable", "finance", "vacancy", "programme"]


def parse_feed(path: Path):
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    return parsed


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("kind", ["rss.xml", "atom.xml"])
def test_language_feeds(fixture_site, lang, kind):
    feed = parse_feed(fixture_site.site / f"{PREFIX[lang]}news/{kind}")
    links = [e.link for e in feed.entries]
    # Newest first, all published stories (fewer than 20 here), links to the
    # story in the feed's language or, untranslated, to its original.
    expected = []
    for ident in PUBLISHED:
        shown = lang if lang in languages_of(ident) else ({"uk", "en"} - {lang}).pop()
        expected.append(SITE + story_url(ident, shown))
    assert links == expected
    assert feed.feed.title.startswith("Новини" if lang == "uk" else "News")
    assert feed.feed.language == lang if kind == "rss.xml" else True
    titles = {e.link: e.title for e in feed.entries}
    if lang == "en":
        assert titles[SITE + story_url("2025-11-02-ukrainian-only", "uk")].endswith("(in Ukrainian)")
        assert titles[SITE + story_url("2025-11-01-both-languages", "en")] == "Communities forum in Poltava"
    newest = datetime(2025, 12, 10, tzinfo=KYIV)
    updated = feed.feed.get("updated_parsed")
    assert updated is not None
    assert datetime(*updated[:6], tzinfo=ZoneInfo("UTC")) == newest.astimezone(ZoneInfo("UTC"))


def test_category_feeds_hold_only_their_category(fixture_site):
    for lang in ("uk", "en"):
        for category in CATEGORIES:
            for kind in ("rss.xml", "atom.xml"):
                feed = parse_feed(fixture_site.site / f"{PREFIX[lang]}news/category/{category}/{kind}")
                for entry in feed.entries:
                    assert [t.term for t in entry.tags] == [category] or kind == "rss.xml"
        forum = parse_feed(fixture_site.site / f"{PREFIX[lang]}news/category/forum/rss.xml")
        assert [e.link.rstrip("/").rsplit("/", 1)[-1] for e in forum.entries] == [
            "published-today", "event-past", "both-languages"]


def test_feeds_are_byte_identical_when_nothing_changed(fixture_site, tmp_path):
    """The feed's date is its newest entry's, not the build time."""
    from conftest import build, make_project

    project = make_project(tmp_path / "p", FIXTURES / "site" / "news", page_size=3)
    again = build(project, epoch=FIXTURE_EPOCH + 86400 * 3)
    for name in ("news/rss.xml", "news/atom.xml", "en/news/rss.xml", "news/category/forum/atom.xml"):
        assert (again.site / name).read_bytes() == (fixture_site.site / name).read_bytes(), name


def test_feed_holds_the_latest_20(tmp_path):
    """More than 20 stories: the feed holds the newest 20, newest first."""
    from conftest import load_news
    from newsroom.outputs.feeds import feed
    from newsroom.render.site import NewsSite

    catalog, settings = load_news(tmp_path, {
        f"2025/2025-10-{day:02d}-story-{day}": {"uk": f"---\ntitle: Новина {day}\ncategory: forum\n---\n\nТекст {day}.\n"}
        for day in range(1, 26)})
    site = NewsSite(catalog, settings, "uk", datetime(2025, 12, 1, tzinfo=KYIV), "Site")
    rss, atom = feed(site, site.plan.entries, "news/", "Новини")
    for data in (rss, atom):
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        assert [e.title for e in parsed.entries] == [f"Новина {d}" for d in range(25, 5, -1)]


def test_every_page_links_its_language_feeds(fixture_site):
    for path in html_pages(fixture_site.site):
        url = str(path.relative_to(fixture_site.site))
        lang = "en" if url.startswith("en/") else "uk"
        links = fixture_site.html(url).css('head link[rel="alternate"][type="application/rss+xml"]')
        targets = {urljoin("http://x/" + url, l.attributes["href"]) for l in links}
        assert f"http://x/{PREFIX[lang]}news/rss.xml" in targets, url


def test_events_calendar(fixture_site):
    for lang in ("uk", "en"):
        cal = Calendar.from_ical((fixture_site.site / f"{PREFIX[lang]}news/events.ics").read_bytes())
        events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
        assert set(events) == {"2025-11-05-event-upcoming@127.0.0.1", "2025-11-06-event-past@127.0.0.1"}
        upcoming = events["2025-11-05-event-upcoming@127.0.0.1"]
        assert str(upcoming["SUMMARY"]) == ("Круглий стіл про громади" if lang == "uk" else "Roundtable on communities")
        start = upcoming.decoded("DTSTART")
        assert start == datetime(2025, 12, 20, 10, 0, tzinfo=KYIV)
        assert upcoming.decoded("DTEND") == datetime(2025, 12, 20, 14, 0, tzinfo=KYIV)
        # The English calendar reads the place the translation gives (issue 26).
        assert str(upcoming["LOCATION"]) == ("Київ" if lang == "uk" else "Kyiv")
        assert SITE + story_url("2025-11-05-event-upcoming", lang) in str(upcoming["DESCRIPTION"])
        past = events["2025-11-06-event-past@127.0.0.1"]
        assert past.decoded("DTSTART") == date(2025, 11, 10) and past.decoded("DTEND") == date(2025, 11, 12)


def test_event_pages_link_their_own_calendar(fixture_site):
    for lang in ("uk", "en"):
        url = story_url("2025-11-05-event-upcoming", lang)
        link = fixture_site.html(url).css_first("a.news-calendar")
        target = fixture_site.site / urljoin("http://x/" + url, link.attributes["href"])[len("http://x/"):]
        cal = Calendar.from_ical(target.read_bytes())
        assert [str(e["UID"]) for e in cal.walk("VEVENT")] == ["2025-11-05-event-upcoming@127.0.0.1"]


def jsonld(tree):
    return [json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]')]


def test_structured_data(fixture_site):
    article = jsonld(fixture_site.html(story_url("2025-11-01-both-languages", "en")))
    assert [b["@type"] for b in article] == ["NewsArticle"]
    assert article[0]["headline"] == "Communities forum in Poltava"
    assert article[0]["inLanguage"] == "en" and article[0]["datePublished"].startswith("2025-11-01")
    assert article[0]["publisher"]["name"]
    event = jsonld(fixture_site.html(story_url("2025-11-05-event-upcoming", "uk")))
    assert [b["@type"] for b in event] == ["NewsArticle", "Event"]
    assert event[1]["startDate"] == "2025-12-20T10:00+02:00" and event[1]["endDate"] == "2025-12-20T14:00+02:00"
    assert event[1]["location"]["name"] == "Київ" and event[1]["eventStatus"].endswith("EventScheduled")
    job = jsonld(fixture_site.html(story_url("2025-11-07-vacancy-open", "en")))
    assert [b["@type"] for b in job] == ["NewsArticle", "JobPosting"]
    assert job[1]["validThrough"].startswith("2025-12-31") and job[1]["datePosted"] == "2025-11-07"
    assert job[1]["hiringOrganization"]["name"] == "WM4U"


def test_open_graph_and_twitter_meta_on_every_page(fixture_site):
    for path in html_pages(fixture_site.site):
        url = str(path.relative_to(fixture_site.site))
        if url.endswith("404.html"):
            continue
        tree = fixture_site.html(url)
        meta = {m.attributes.get("property") or m.attributes.get("name"): m.attributes.get("content")
                for m in tree.css("head meta")}
        lang = "en" if url.startswith("en/") else "uk"
        assert meta["og:locale"] == {"uk": "uk_UA", "en": "en_GB"}[lang], url
        for key in ("og:title", "og:description", "og:type", "og:url", "twitter:card", "twitter:title"):
            assert meta.get(key), (url, key)
    story = fixture_site.html(story_url("2025-11-01-both-languages", "uk"))
    image = story.css_first('meta[property="og:image"]').attributes["content"]
    assert image == SITE + "news/2025/11/01/both-languages/photo.share.jpg"  # the 1200x630 copy (issue 22)
    alternates = [m.attributes["content"] for m in story.css('meta[property="og:locale:alternate"]')]
    assert alternates == ["en_GB"]


def hreflang_links(tree) -> dict[str, str]:
    return {l.attributes["hreflang"]: l.attributes["href"]
            for l in tree.css('head link[rel="alternate"][hreflang]')}


def test_hreflang_is_reciprocal(fixture_site):
    for path in html_pages(fixture_site.site):
        url = str(path.relative_to(fixture_site.site))
        if url.endswith("404.html"):
            continue
        links = hreflang_links(fixture_site.html(url))
        here = SITE + url.removesuffix("index.html")
        assert "x-default" in links, url
        langs = {k: v for k, v in links.items() if k != "x-default"}
        assert langs.get("en" if url.startswith("en/") else "uk") == here, url
        for lang, href in langs.items():
            target = href[len(SITE):]
            assert fixture_site.exists(target), (url, href)
            assert hreflang_links(fixture_site.html(target)) == links, (url, target)
    only = hreflang_links(fixture_site.html(story_url("2025-11-02-ukrainian-only", "uk")))
    assert set(only) == {"uk", "x-default"}


def test_sitemap_lists_every_published_page_with_reciprocal_alternates(fixture_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(fixture_site.site / "sitemap.xml").getroot()
    entries = {}
    for node in root.findall("s:url", ns):
        loc = node.find("s:loc", ns).text
        entries[loc] = {l.get("hreflang"): l.get("href") for l in node.findall("x:link", ns)}
    pages = {SITE + str(p.relative_to(fixture_site.site)).removesuffix("index.html")
             for p in html_pages(fixture_site.site) if not p.name == "404.html"}
    assert set(entries) == pages
    for loc, alternates in entries.items():
        for lang, href in alternates.items():
            assert href in entries, (loc, href)
            assert entries[href] == alternates, (loc, href)
    for ident in UNPUBLISHED:
        assert not any(ident[11:] in loc for loc in entries)
    for ident in PUBLISHED:
        for lang in languages_of(ident):
            assert SITE + story_url(ident, lang) in entries


def test_page_not_found_in_each_language(fixture_site):
    uk, en = fixture_site.html("404.html"), fixture_site.html("en/404.html")
    assert uk.css_first("html").attributes["lang"] == "uk" and en.css_first("html").attributes["lang"] == "en"
    assert uk.css_first(".md-content h1").text() == "Сторінку не знайдено"
    assert en.css_first(".md-content h1").text() == "Page not found"


def test_calendar_start_and_end_have_one_type(tmp_path):
    """A timed start with an all-day end (or the reverse) still gives DTSTART
    and DTEND of one type (RFC 5545)."""
    from newsroom.model.stories import Story, Version
    from newsroom.outputs.feeds import calendar
    from newsroom.model.plan import Entry
    from newsroom.content.schema import Event
    from newsroom.settings import Settings

    class Site:
        settings = Settings(root=tmp_path)

    version = Version("uk", "Подія", None, None, Version.compress("Текст"), "x/uk.md", Version.compress("Текст"))
    for event, start, end in (
        (Event(start=datetime(2025, 12, 20, 10, 0), end=date(2025, 12, 22)),
         datetime(2025, 12, 20, 10, 0, tzinfo=KYIV), datetime(2025, 12, 23, 0, 0, tzinfo=KYIV)),
        (Event(start=date(2025, 12, 20), end=datetime(2025, 12, 21, 18, 0)),
         datetime(2025, 12, 20, 0, 0, tzinfo=KYIV), datetime(2025, 12, 21, 18, 0, tzinfo=KYIV)),
        (Event(start=date(2025, 12, 20)), date(2025, 12, 20), date(2025, 12, 21)),
    ):
        story = Story(id="2025-12-01-x", day=date(2025, 12, 1), slug="x", folder="x", original="uk",
                      category="forum", event=event, versions={"uk": version})
        ics = calendar(Site(), [Entry(story, version, "uk", "news/2025/12/01/x/")], "Події")
        item = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
        assert item.decoded("DTSTART") == start and item.decoded("DTEND") == end
        assert type(item.decoded("DTSTART")) is type(item.decoded("DTEND"))


def test_events_page_offers_the_calendar(fixture_site):
    for lang in ("uk", "en"):
        url = f"{PREFIX[lang]}news/events/"
        link = fixture_site.html(url).css_first("a.news-calendar-all")
        target = urljoin("http://x/" + url, link.attributes["href"])[len("http://x/"):]
        assert target == f"{PREFIX[lang]}news/events.ics"
        assert (fixture_site.site / target).is_file()


# -- search bundles ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["uk", "en"])
def test_search_bundles_hold_every_page_once(fixture_site, lang):
    """The search index comes in bundles of at most FIXTURE_SEARCH_BUNDLE pages
    (newsroom/search.py); every published story of the language is in exactly
    one of them, no listing, draft or future story is in any, and the search
    page merges every bundle but the first, which it loads itself."""
    bundles = search_bundles(fixture_site.site, lang)
    assert len(bundles) >= 2
    assert all(0 < len(bundle) <= FIXTURE_SEARCH_BUNDLE for bundle in bundles)
    urls = [url.lstrip("/") for bundle in bundles for url in bundle]
    assert len(urls) == len(set(urls))
    stories = {story_url(ident, lang) for ident in PUBLISHED if lang in languages_of(ident)}
    assert stories <= set(urls)
    assert not [url for url in urls if "/page/" in url or url.rstrip("/").endswith("news")]
    assert not [url for ident in UNPUBLISHED for url in urls if story_url(ident, lang) == url]
    prefix = "" if lang == "uk" else f"{lang}/"
    search_page = fixture_site.html(f"{prefix}search/")
    root = search_page.css_first("#site-search")
    merged = [root.attributes["data-bundle"], *root.attributes["data-more"].split()]
    assert merged[0].endswith(f"{prefix}pagefind/")
    assert [path.rsplit("pagefind/", 1)[1] for path in merged[1:]] == [
        f"{number}/" for number in range(2, len(bundles) + 1)]
    for path in merged:
        assert (fixture_site.page_path(f"{prefix}search/").parent / path / "pagefind-entry.json").resolve().is_file()
