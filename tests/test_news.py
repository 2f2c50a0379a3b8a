"""Issue 3: the news engine on the scenario fixture site (page size 3,
today = 2025-12-10 12:00 Kyiv), checked through the built HTML."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin

import pytest

from conftest import FIXTURES, html_pages

NEWS = FIXTURES / "site" / "news"
# Newest first: (date, time, id) descending.
PUBLISHED = [
    "2025-12-10-published-today",
    "2025-11-11-vacancy-deadline-today",
    "2025-11-09-same-day-evening",
    "2025-11-09-same-day-morning",
    "2025-11-08-vacancy-closed",
    "2025-11-07-vacancy-open",
    "2025-11-06-event-past",
    "2025-11-05-event-upcoming",
    "2025-11-03-english-only",
    "2025-11-02-ukrainian-only",
    "2025-11-01-both-languages",
    "2024-12-31-last-year",
]
UNPUBLISHED = ["2025-11-04-draft", "2026-01-15-future"]
PREFIX = {"uk": "", "en": "en/"}


def story_url(ident: str, lang: str) -> str:
    y, m, d, slug = ident[:4], ident[5:7], ident[8:10], ident[11:]
    return f"{PREFIX[lang]}news/{y}/{m}/{d}/{slug}/"


def languages_of(ident: str) -> set[str]:
    folder = NEWS / ident[:4] / ident
    return {p.stem for p in folder.glob("*.md")}


def resolve(base: str, href: str) -> str:
    return urljoin("http://x/" + base, href)[len("http://x/"):]


def ident_of(url: str) -> str:
    parts = url.rstrip("/").split("/")
    if parts[0] == "en":
        parts = parts[1:]
    return f"{parts[1]}-{parts[2]}-{parts[3]}-{parts[4]}"


def walk_listing(site, url: str) -> list[list[str]]:
    """Story ids on each page of a listing, following its "older" links."""
    pages, seen = [], set()
    while url and url not in seen:
        seen.add(url)
        tree = site.html(url)
        pages.append([ident_of(resolve(url, a.attributes["href"]))
                      for a in tree.css(".md-content .news-entry__title a")])
        older = tree.css_first(".news-pager__older")
        url = resolve(url, older.attributes["href"]) if older else None
    return pages


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_full_listing_is_newest_first_and_paginated(fixture_site, lang):
    pages = walk_listing(fixture_site, PREFIX[lang] + "news/")
    assert pages == [PUBLISHED[i:i + 3] for i in range(0, len(PUBLISHED), 3)]
    assert fixture_site.exists(PREFIX[lang] + "news/page/4/")
    assert not fixture_site.exists(PREFIX[lang] + "news/page/5/")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_pager_goes_to_the_last_page_and_back(fixture_site, lang):
    url = PREFIX[lang] + "news/page/4/"
    tree = fixture_site.html(url)
    assert tree.css_first(".news-pager__older") is None
    newer = resolve(url, tree.css_first(".news-pager__newer").attributes["href"])
    assert newer == PREFIX[lang] + "news/page/3/"
    assert fixture_site.html(url).css_first('.news-pager [aria-current="page"]').text() == "4"


def expected_terms(ident: str) -> dict[str, list[str]]:
    import yaml

    from newsroom.model.slugs import slugify

    folder = NEWS / ident[:4] / ident
    original = folder / ("uk.md" if (folder / "uk.md").exists() else "en.md")
    meta = yaml.safe_load(original.read_text(encoding="utf-8").split("---")[1])
    terms = {"category": [meta["category"]], "year": [ident[:4]], "month": [ident[:7]]}
    terms["tag"] = [slugify(t) for t in meta.get("tags", [])]
    terms["region"] = [meta["region"]] if meta.get("region") else []
    return terms


def taxonomy_url(kind: str, term: str) -> str:
    if kind == "year":
        return f"news/{term}/"
    if kind == "month":
        return f"news/{term[:4]}/{term[5:7]}/"
    return f"news/{kind}/{term}/"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_story_is_listed_once_in_each_of_its_taxonomies(fixture_site, lang):
    listings: dict[str, Counter] = {}
    for ident in PUBLISHED:
        for kind, terms in expected_terms(ident).items():
            for term in terms:
                url = PREFIX[lang] + taxonomy_url(kind, term)
                if url not in listings:
                    listings[url] = Counter(i for page in walk_listing(fixture_site, url) for i in page)
                assert listings[url][ident] == 1, (url, ident)
    for url, counts in listings.items():
        assert not set(counts) & set(UNPUBLISHED), url
        assert all(n == 1 for n in counts.values()), url


def test_unpublished_stories_appear_nowhere(fixture_site):
    for ident in UNPUBLISHED:
        for lang in ("uk", "en"):
            assert not fixture_site.exists(story_url(ident, lang))
    slugs = [ident[11:] for ident in UNPUBLISHED]
    for path in fixture_site.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for slug in slugs:
                assert f"/{slug}/" not in text, (path, slug)


def test_story_pages_exist_only_in_their_languages(fixture_site):
    for ident in PUBLISHED:
        for lang in ("uk", "en"):
            assert fixture_site.exists(story_url(ident, lang)) == (lang in languages_of(ident)), (ident, lang)


def test_untranslated_stories_are_listed_in_the_other_language_and_labelled(fixture_site):
    tree = fixture_site.html("en/news/page/4/")
    entries = {ident_of(resolve("en/news/page/4/", a.attributes["href"])): a
               for a in tree.css(".news-entry__title a")}
    uk_only = entries["2025-11-02-ukrainian-only"]
    assert resolve("en/news/page/4/", uk_only.attributes["href"]) == story_url("2025-11-02-ukrainian-only", "uk")
    assert uk_only.attributes["lang"] == "uk"
    article = [n for n in tree.css(".news-entry") if n.css_first(f'a[href$="ukrainian-only/"]')][0]
    assert article.css_first(".news-badge--lang").text(strip=True) == "in Ukrainian"
    tree = fixture_site.html("news/page/3/")
    article = [n for n in tree.css(".news-entry") if n.css_first('a[href$="english-only/"]')][0]
    assert article.css_first(".news-badge--lang").text(strip=True) == "англійською"
    link = article.css_first(".news-entry__title a")
    assert resolve("news/page/3/", link.attributes["href"]) == story_url("2025-11-03-english-only", "en")


def test_language_switcher_never_leads_to_a_missing_page(fixture_site):
    for path in html_pages(fixture_site.site):
        url = str(path.relative_to(fixture_site.site))
        if url.endswith("404.html"):
            continue
        for link in fixture_site.html(url).css("a.md-select__link"):
            target = resolve(url, link.attributes["href"])
            assert fixture_site.exists(target), (url, target)
    # A Ukrainian-only story switches to the English news listing.
    url = story_url("2025-11-02-ukrainian-only", "uk")
    link = fixture_site.html(url).css_first('a.md-select__link[hreflang="en"]')
    assert resolve(url, link.attributes["href"]) == "en/news/"
    url = story_url("2025-11-01-both-languages", "en")
    link = fixture_site.html(url).css_first('a.md-select__link[hreflang="uk"]')
    assert resolve(url, link.attributes["href"]) == story_url("2025-11-01-both-languages", "uk")


def test_story_page_shows_date_category_tags_region_source(fixture_site):
    uk = fixture_site.html(story_url("2025-11-01-both-languages", "uk"))
    en = fixture_site.html(story_url("2025-11-01-both-languages", "en"))
    assert uk.css_first(".news-story__meta time").text() == "1 листопада 2025"  # no leading zero (issue 22)
    assert en.css_first(".news-story__meta time").text() == "1 November 2025"
    assert "Форуми" in uk.css_first(".news-story__meta").text() and "Forums" in en.css_first(".news-story__meta").text()
    assert "Полтавська область" in uk.css_first(".news-story__meta").text()
    assert "Poltava Oblast" in en.css_first(".news-story__meta").text()
    assert "Обласна рада" in uk.css_first(".news-story__meta").text()
    assert "Regional council" in en.css_first(".news-story__meta").text()
    assert [a.text(strip=True) for a in uk.css(".news-tags a")] == ["Полтава", "громада"]
    assert [a.attributes["href"].rstrip("/").rsplit("/", 1)[-1] for a in uk.css(".news-tags a")] == ["poltava", "hromada"]
    assert uk.css_first("h1").text() == "Форум громад у Полтаві"
    assert uk.css_first('.md-content picture.news-picture img[src="photo.960w.jpg"]') is not None
    assert (fixture_site.site / "news/2025/11/01/both-languages/photo.png").is_file()


def test_event_and_vacancy_states(fixture_site):
    def badge(ident, lang="uk"):
        return [b.attributes["class"] for b in fixture_site.html(story_url(ident, lang)).css(".news-box .news-badge")]

    assert badge("2025-11-05-event-upcoming") == ["news-badge news-badge--upcoming"]
    assert badge("2025-11-06-event-past") == ["news-badge news-badge--past"]
    assert badge("2025-11-07-vacancy-open") == ["news-badge news-badge--open"]
    assert badge("2025-11-11-vacancy-deadline-today") == ["news-badge news-badge--open"]
    assert badge("2025-11-08-vacancy-closed", "en") == ["news-badge news-badge--closed"]
    box = fixture_site.html(story_url("2025-11-05-event-upcoming", "en")).css_first(".news-box--event").text()
    assert "20 December 2025, 10:00–14:00" in box and "Kyiv" in box  # one date, a time range; the translation's place


def test_events_and_vacancies_pages_order(fixture_site):
    for lang in ("uk", "en"):
        events = [i for page in walk_listing(fixture_site, PREFIX[lang] + "news/events/") for i in page]
        # Upcoming (soonest first), then past (latest first): the 2024 programme
        # story has no event.
        assert events == ["2025-11-05-event-upcoming", "2025-11-06-event-past"]
        vacancies = [i for page in walk_listing(fixture_site, PREFIX[lang] + "news/vacancies/") for i in page]
        assert vacancies == ["2025-11-11-vacancy-deadline-today", "2025-11-07-vacancy-open",
                             "2025-11-08-vacancy-closed"]


def test_home_shows_latest_upcoming_events_and_open_vacancies(fixture_site):
    for lang in ("uk", "en"):
        tree = fixture_site.html(PREFIX[lang])
        def ids(selector):
            return [ident_of(resolve(PREFIX[lang], a.attributes["href"]))
                    for a in tree.css(f"{selector} .news-entry__title a")]
        assert ids(".news-home--latest") == PUBLISHED[:5]
        assert ids(".news-home--events") == ["2025-11-05-event-upcoming"]
        assert ids(".news-home--vacancies") == ["2025-11-11-vacancy-deadline-today", "2025-11-07-vacancy-open"]


def test_read_more_and_previous_next(fixture_site):
    url = story_url("2025-11-07-vacancy-open", "uk")
    tree = fixture_site.html(url)
    more = [ident_of(resolve(url, a.attributes["href"])) for a in tree.css(".news-more .news-entry__title a")]
    # "See also": its category's earlier stories (no earlier vacancy here),
    # then earlier stories of any category, newest first.
    assert more == PUBLISHED[6:10]
    for excerpt in tree.css(".news-more .news-entry__excerpt"):
        assert excerpt.text(strip=True)
    prev = resolve(url, tree.css_first(".news-prevnext__prev").attributes["href"])
    nxt = resolve(url, tree.css_first(".news-prevnext__next").attributes["href"])
    assert prev == story_url("2025-11-06-event-past", "uk")
    assert nxt == story_url("2025-11-08-vacancy-closed", "uk")
    url = story_url("2025-12-10-published-today", "uk")
    more = [ident_of(resolve(url, a.attributes["href"]))
            for a in fixture_site.html(url).css(".news-more .news-entry__title a")]
    # Two earlier forums (the event of 6 November, 1 November), and the two
    # newest earlier stories of other categories.
    assert more == ["2025-11-11-vacancy-deadline-today", "2025-11-09-same-day-evening",
                    "2025-11-06-event-past", "2025-11-01-both-languages"]


def test_archives_have_month_headings_in_the_nominative(fixture_site):
    uk = fixture_site.html("news/2025/")
    assert [h.text() for h in uk.css(".md-content h2")][:1] == ["Грудень 2025"]  # capitalised (issue 22)
    assert "Листопад 2025" in [h.text() for h in fixture_site.html("news/2025/page/2/").css(".md-content h2")]
    en = fixture_site.html("en/news/2025/11/")
    assert [h.text() for h in en.css(".md-content h2")] == ["November 2025"]


def test_stories_are_not_in_the_navigation(fixture_site):
    tree = fixture_site.html("news/")
    hrefs = [a.attributes.get("href", "") for a in tree.css("nav.md-nav--primary a")]
    assert hrefs and not any("/2025/" in h for h in hrefs)


def _primary_nav_targets(site, url: str) -> list[str]:
    tree = site.html(url)
    return [resolve(url, a.attributes["href"]) for a in tree.css(".md-sidebar--primary a[href]")
            if not a.attributes["href"].startswith("#")]


def test_story_pages_primary_navigation_leads_where_the_home_pages_does(fixture_site):
    """The primary navigation of story pages is rendered once for all those
    whose links to it come out the same (hooks: _primary_nav): on every
    story page each of its links leads where the home page's does."""
    for lang in ("uk", "en"):
        home = _primary_nav_targets(fixture_site, PREFIX[lang])
        assert len(home) >= 5
        stories = sorted(p.parent.relative_to(fixture_site.site).as_posix() + "/"
                         for p in (fixture_site.site / PREFIX[lang] / "news").glob("20*/*/*/*/index.html")
                         if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))  # (an alias's redirect)
        assert len(stories) >= 8
        for url in stories:
            assert _primary_nav_targets(fixture_site, url) == home, url
            nav = fixture_site.html(url).css_first(".md-sidebar--primary")
            assert not nav.css(".md-nav__item--active, .md-nav__link--active"), url


def test_listing_entries_show_date_category_title_excerpt(fixture_site):
    entry = fixture_site.html("en/news/").css_first(".news-entry")
    assert entry.css_first("time").text() == "10 December 2025"
    assert entry.css_first(".news-entry__meta a").text() == "Forums"
    assert entry.css_first(".news-entry__title").text(strip=True) == "Story published today"
    assert entry.css_first(".news-entry__excerpt").text(strip=True).startswith("First paragraph of the story")


def test_framed_listings_equal_listings_rendered_by_the_theme(fixture_site, tmp_path):
    """Listing pages written into a frame are byte for byte what the theme
    renders for each of them (the whole site is compared)."""
    from conftest import FIXTURE_SEARCH_BUNDLE, build, make_project

    project = make_project(tmp_path / "p", NEWS, page_size=3, search_bundle=FIXTURE_SEARCH_BUNDLE)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("    page_size: 3\n", "    page_size: 3\n    frames: false\n")
    config.write_text(text, encoding="utf-8")
    unframed = build(project)
    files = sorted(p.relative_to(fixture_site.site) for p in fixture_site.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(unframed.site) for p in unframed.site.rglob("*") if p.is_file())
    assert not any("_frame" in str(f) for f in files)
    for name in files:
        assert (fixture_site.site / name).read_bytes() == (unframed.site / name).read_bytes(), name
