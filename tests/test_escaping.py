"""Every value is escaped wherever it lands (issue 4).

One build of a site whose stories carry hostile text in every field an
editor writes (title, summary, tags, source, event place and URL), in both
languages. Every output is parsed: no element, attribute or script was
injected, no template expression evaluated, and each value reads back
exactly as written (escaped once, not twice) in HTML, <title>, meta
description, Open Graph, Twitter cards, JSON-LD, RSS, Atom, iCalendar and
the sitemap.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar
from lxml import etree
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import FIXTURES, build, html_pages, make_project, search_bundles

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img": '"><img src=x onerror=alert(1)>',
    "mdlink": "[click](javascript:alert(1))",
    "jinja": "{{ 7*7 }}",
    "amp": "Tom & Jerry's <b>bold</b> &amp; more",
}
# The fields and their text; every value is unique per story and language.
UK = {"title": "Новина {p}", "summary": "Опис {p}", "source": "Джерело {p}", "place": "Місце {p}"}
EN = {"title": "Story {p}", "summary": "Summary {p}", "source": "Publisher {p}"}
EVENT_URL = 'https://example.org/x?q="><svg/onload=alert(1)>&r=<script>alert(1)</script>'
DAYS = {"script": "05", "img": "06", "mdlink": "07", "jinja": "08", "amp": "09"}


def quoted(value: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(value, ensure_ascii=False)


def values(lang: str, key: str) -> dict[str, str]:
    fields = UK if lang == "uk" else EN
    return {name: text.format(p=PAYLOADS[key]) for name, text in fields.items()}


def write_stories(news: Path) -> None:
    for key, payload in PAYLOADS.items():
        folder = news / "2025" / f"2025-12-{DAYS[key]}-payload-{key}"
        folder.mkdir(parents=True)
        uk, en = values("uk", key), values("en", key)
        (folder / "uk.md").write_text(
            "---\n"
            f"title: {quoted(uk['title'])}\n"
            f"summary: {quoted(uk['summary'])}\n"
            f"source: {quoted(uk['source'])}\n"
            "category: forum\n"
            f"tags: [{quoted(payload)}]\n"
            "deadline: 2025-12-31\n"
            "event:\n"
            "  start: 2025-12-20 10:00\n"
            "  end: 2025-12-20 12:00\n"
            f"  place: {quoted(uk['place'])}\n"
            f"  url: {quoted(EVENT_URL)}\n"
            "---\n\nПерший абзац.\n",
            encoding="utf-8")
        (folder / "en.md").write_text(
            "---\n"
            f"title: {quoted(en['title'])}\n"
            f"summary: {quoted(en['summary'])}\n"
            f"source: {quoted(en['source'])}\n"
            "---\n\nFirst paragraph.\n",
            encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("escaping")
    news = tmp / "src" / "news"
    shutil.copytree(FIXTURES / "site" / "news", news)
    write_stories(news)
    return build(make_project(tmp / "project", news, page_size=3))


def story_url(lang: str, key: str) -> str:
    return f"{'en/' if lang == 'en' else ''}news/2025/12/{DAYS[key]}/payload-{key}/"


CASES = [(lang, key) for lang in ("uk", "en") for key in PAYLOADS]


# -- no injection anywhere ----------------------------------------------------

def _injected(tree: HTMLParser) -> list[str]:
    found = []
    for node in tree.css("script"):
        text = node.text() or ""
        if "alert(1)" in text or "7*7" in text:
            if node.attributes.get("type") != "application/ld+json":
                found.append(f"script: {text[:80]}")
            else:
                try:
                    json.loads(text)
                except ValueError:
                    found.append(f"broken JSON-LD: {text[:80]}")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.lower().startswith("on"):  # no event handler attribute at all
                found.append(f"{node.tag} {name}={value}")
            if name.lower() in ("href", "src", "action", "formaction") and value and \
                    re.sub(r"\s", "", value).lower().startswith(("javascript:", "data:text/html")):
                found.append(f"{node.tag} {name}={value}")
    found += [f"img src={n.attributes.get('src')}" for n in tree.css("img[src='x']")]
    found += ["svg" for n in tree.css("svg") if "onload" in (n.attributes or {})]
    found += ["<b>" for n in tree.css("b") if "bold" in (n.text() or "")]
    return found


def test_the_detector_finds_each_injection():
    """The check below can fail: each payload, unescaped, is caught."""
    for payload in PAYLOADS.values():
        raw = f"<html><head><title>x</title></head><body><h1>{payload}</h1></body></html>"
        if payload == PAYLOADS["mdlink"]:
            raw = raw.replace("[click](javascript:alert(1))", '<a href="javascript:alert(1)">click</a>')
        if payload == PAYLOADS["jinja"]:
            continue  # text either way; see test_no_template_expression_evaluated
        assert _injected(HTMLParser(raw)), payload
    assert _injected(HTMLParser('<script type="application/ld+json">{"a": "</script><img src=x>"}</script>'))


def test_no_page_has_an_injected_element_attribute_or_script(site):
    pages = html_pages(site.site)
    assert len(pages) > 50
    problems = {}
    for page in pages:
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        found = _injected(tree)
        if found:
            problems[str(page.relative_to(site.site))] = found
    assert problems == {}


def test_search_index_holds_the_values_as_text(site):
    """Pagefind's fragments (gzip, "pagefind_dcd" + JSON) keep each story's
    title as the plain text written (its UI escapes text when showing it)."""
    by_url = {url.lstrip("/"): fragment for lang in ("uk", "en")
              for bundle in search_bundles(site.site, lang) for url, fragment in bundle.items()}
    for lang, key in CASES:
        fragment = by_url[story_url(lang, key)]
        title = values(lang, key)["title"]
        assert fragment["meta"]["title"] == title
        assert fragment["content"].startswith(title)
        assert "&lt;" not in fragment["meta"]["title"] and "&amp;amp;" not in fragment["content"]


def test_no_template_expression_evaluated(site):
    """{{ 7*7 }} stays literal: 49 appears nowhere the expression would have been."""
    words = [text.format(p="49") for text in (*UK.values(), *EN.values())]
    for path in site.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".txt"):
            data = path.read_bytes().decode("utf-8", errors="replace")
            for word in words:
                assert word not in data, (path, word)
    for lang in ("uk", "en"):
        assert site.html(story_url(lang, "jinja")).css_first("article h1").text() == values(lang, "jinja")["title"]


# -- each value reads back exactly, once escaped -------------------------------

@pytest.mark.parametrize("lang, key", CASES)
def test_story_page_shows_every_value_as_text(site, lang, key):
    tree = site.html(story_url(lang, key))
    v, uk = values(lang, key), values("uk", key)
    assert tree.css_first("article h1").text() == v["title"]
    header = tree.css_first(".news-story__header")
    text = header.text()
    assert v["source"] in text
    assert uk["place"] in text   # the place is neutral: written once, in uk.md
    assert [a.text(strip=True) for a in header.css(".news-tag")] == [PAYLOADS[key]]
    [event_link] = [a for a in header.css("a") if a.attributes.get("rel") == "noopener"]
    assert event_link.attributes["href"] == EVENT_URL


@pytest.mark.parametrize("lang, key", CASES)
def test_head_title_description_open_graph_twitter(site, lang, key):
    tree = site.html(story_url(lang, key))
    v = values(lang, key)
    assert v["title"] in tree.css_first("title").text()
    metas = {(m.attributes.get("name") or m.attributes.get("property")): m.attributes.get("content")
             for m in tree.css("head meta")}
    assert metas["description"] == v["summary"]
    assert metas["og:title"] == v["title"]
    assert metas["og:description"] == v["summary"]
    assert metas["twitter:title"] == v["title"]
    assert metas["twitter:description"] == v["summary"]


@pytest.mark.parametrize("lang, key", CASES)
def test_json_ld_values_equal_the_originals(site, lang, key):
    tree = site.html(story_url(lang, key))
    v, uk = values(lang, key), values("uk", key)
    blocks = [json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]')]
    by_type = {b["@type"]: b for b in blocks}
    assert set(by_type) == {"NewsArticle", "Event", "JobPosting"}
    article, event, job = by_type["NewsArticle"], by_type["Event"], by_type["JobPosting"]
    assert article["headline"] == event["name"] == job["title"] == v["title"]
    assert article["description"] == event["description"] == job["description"] == v["summary"]
    # The source is where the story was first published, never its author (issue 26).
    assert "author" not in article
    assert article["isBasedOn"]["name"] == job["hiringOrganization"]["name"] == v["source"]
    assert article["keywords"] == [PAYLOADS[key]]
    assert event["location"]["name"] == uk["place"]
    assert event["url"] == EVENT_URL
    raw = "".join(s.text() for s in tree.css('script[type="application/ld+json"]'))
    assert "<" not in raw and ">" not in raw, "no raw angle bracket can close the script"


def _anchor_texts(tree: HTMLParser) -> list[str]:
    return [a.text() for a in tree.css("a")]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_listings_home_tags_archives_show_titles_as_text(site, lang):
    prefix = "en/" if lang == "en" else ""
    pages = [f"{prefix}", f"{prefix}news/", f"{prefix}news/page/2/", f"{prefix}news/2025/",
             f"{prefix}news/2025/12/", f"{prefix}news/category/forum/", f"{prefix}news/events/",
             f"{prefix}news/vacancies/"]
    texts: list[str] = []
    for url in pages:
        tree = site.html(url)
        texts += [" ".join(a.text().split()) for a in tree.css("a")]
        texts += [" ".join(n.text().split()) for n in tree.css("h2, h3, li, p")]
    for key in PAYLOADS:
        title = " ".join(values(lang, key)["title"].split())
        assert any(title == t or title in t for t in texts), (lang, key)
    # Each tag has its page, titled with the tag's text.
    for key, payload in PAYLOADS.items():
        story = site.html(story_url(lang, key))
        [tag_link] = story.css(".news-tag")
        href = tag_link.attributes["href"]
        assert not href.lower().startswith("javascript")
        tag_page = (site.page_path(story_url(lang, key)).parent / href / "index.html").resolve()
        tree = HTMLParser(tag_page.read_text(encoding="utf-8"))
        assert payload in tree.css_first("article h1").text()
        assert payload in tree.css_first("title").text()
        assert values(lang, key)["title"] in [a.text() for a in tree.css("article a")]


# -- feeds, calendars, sitemap ---------------------------------------------------

FEEDS = ["news/rss.xml", "news/atom.xml", "news/category/forum/rss.xml", "news/category/forum/atom.xml"]
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def _feed_items(data: bytes) -> tuple[bool, dict[str, etree._Element]]:
    root = etree.fromstring(data)
    atom = root.tag.endswith("feed")
    items = root.findall("a:entry", ATOM) if atom else root.findall("channel/item")
    return atom, {(item.find("a:title", ATOM) if atom else item.find("title")).text: item for item in items}


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_are_valid_and_carry_values_as_text(site, lang, feed):
    data = (site.site / ("en/" if lang == "en" else "") / feed).read_bytes()
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    atom, by_title = _feed_items(data)
    for key in PAYLOADS:
        v = values(lang, key)
        assert v["title"] in by_title, (key, list(by_title))
        item = by_title[v["title"]]
        if atom:
            assert item.find("a:title", ATOM).get("type") in (None, "text")
            summary = item.find("a:summary", ATOM)
            text = html.unescape(summary.text) if summary.get("type") == "html" else summary.text
            assert text == v["summary"]
            assert item.find("a:author", ATOM) is None  # the source is never an author (issue 26)
            for content in item.findall("a:content", ATOM):
                assert content.get("type") in (None, "text") and content.text == v["summary"]
        else:
            assert html.unescape(item.find("description").text) in (v["summary"], html.unescape(v["summary"]))
            assert item.find("author") is None
        # A feed reader (feedparser) reads the title as written.
        link = item.find("a:link", ATOM).get("href") if atom else item.find("link").text
        [entry] = [e for e in parsed.entries if e.link == link]
        assert entry.title == v["title"]


def _rendered(markup: str) -> tuple[str, list[str]]:
    """What a reader shows for an HTML fragment: its text, and any elements in it."""
    tree = HTMLParser(f"<div id='fragment'>{markup}</div>")
    root = tree.css_first("#fragment")
    return root.text(), [node.tag for node in root.traverse() if node.tag not in ("div", "-text")]


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("feed", FEEDS)
def test_feed_readers_see_the_summary_as_text(site, lang, feed):
    """RSS readers render <description> as HTML, so text must arrive there
    HTML-escaped; Atom says which it is (type="text", or escaped "html")."""
    data = (site.site / ("en/" if lang == "en" else "") / feed).read_bytes()
    atom, by_title = _feed_items(data)
    for key in PAYLOADS:
        v = values(lang, key)
        item = by_title[v["title"]]
        node = item.find("a:summary", ATOM) if atom else item.find("description")
        if atom and node.get("type") in (None, "text"):
            assert node.text == v["summary"]
        else:
            text, elements = _rendered(node.text)
            assert elements == [], (feed, key, node.text)
            assert text == v["summary"], (feed, key)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_calendars_carry_values_as_text(site, lang):
    prefix = "en/" if lang == "en" else ""
    paths = [site.site / prefix / "news/events.ics"] + [
        site.site / story_url(lang, key) / "event.ics" for key in PAYLOADS]
    seen = set()
    for path in paths:
        calendar = Calendar.from_ical(path.read_bytes())
        for event in calendar.walk("VEVENT"):
            summary = str(event["SUMMARY"])
            for key in PAYLOADS:
                v, uk = values(lang, key), values("uk", key)
                if summary == v["title"]:
                    seen.add((path.name, key))
                    assert str(event["LOCATION"]) == uk["place"]
                    assert str(event["URL"]) == EVENT_URL
                    assert str(event["DESCRIPTION"]).startswith(v["summary"])
    assert {key for name, key in seen if name == "events.ics"} == set(PAYLOADS)
    assert {key for name, key in seen if name == "event.ics"} == set(PAYLOADS)


def test_sitemap_has_only_clean_urls(site):
    root = etree.fromstring((site.site / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    locs += [link.get("href") for link in root.findall("s:url/x:link", ns)]
    assert locs
    for loc in locs:
        assert re.fullmatch(r"http://127\.0\.0\.1:8000/[a-z0-9/._-]*", loc), loc
    for key in PAYLOADS:
        assert any(loc.endswith(story_url("uk", key)) for loc in locs)
