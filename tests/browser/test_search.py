"""Search in a real browser (issue 5): the Pagefind UI on /search/ and
/en/search/. A Ukrainian search finds Ukrainian pages only, by the beginning
of a word; an English one English pages only; drafts and future stories are
never found."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .browserkit import SCREENSHOTS, helpers, open_tab, search

DRAFT = "/news/2025/11/04/"          # tests/fixtures/site/news/2025/2025-11-04-draft
FUTURE = "/news/2026/01/15/"         # tests/fixtures/site/news/2026/2026-01-15-future


def under_en(url: str) -> bool:
    return urlsplit(url).path.startswith("/en/")


def test_ukrainian_search_finds_poltava_by_its_beginning(served_fixture, tab):
    found = search(tab, served_fixture, "uk", "Полтав")
    assert found.pages, found.message
    assert not [url for url in found.pages if under_en(url)], "an English page in Ukrainian results"
    both = served_fixture.url("news/2025/11/01/both-languages/")
    assert both in found.pages and "Форум громад у Полтаві" in found.titles
    assert served_fixture.url("news/2025/11/02/ukrainian-only/") in found.pages
    # Whole words that begin with the query are found and highlighted.
    assert "Полтаві" in found.marks and len(found.marks) >= 2, found.marks
    assert all(mark.lower().startswith("полтав") for mark in found.marks), found.marks
    assert not [url for url in found.pages if DRAFT in url or FUTURE in url]
    tab.watch.assert_clean()


def test_ukrainian_search_finds_hromady_and_hromadakh(served_fixture, tab):
    found = search(tab, served_fixture, "uk", "громад")
    assert found.pages, found.message
    assert not [url for url in found.pages if under_en(url)]
    assert {"громади", "громадах"} <= {mark.lower() for mark in found.marks}, found.marks
    assert all(mark.lower().startswith("громад") for mark in found.marks), found.marks
    assert not [url for url in found.pages if DRAFT in url or FUTURE in url]
    tab.watch.assert_clean()


def test_english_search_finds_english_pages_only(served_fixture, tab):
    found = search(tab, served_fixture, "en", "Poltava")
    assert found.pages, found.message
    assert all(under_en(url) for url in found.pages), found.pages
    assert served_fixture.url("en/news/2025/11/01/both-languages/") in found.pages
    # The Ukrainian-only story about Poltava is not in the English index.
    assert not [url for url in found.pages if "ukrainian-only" in url]
    found = search(tab, served_fixture, "en", "communit")
    assert found.pages and all(under_en(url) for url in found.pages), found.pages
    assert not [url for url in found.pages if DRAFT in url or FUTURE in url]
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang, query", [("uk", "громад"), ("en", "communit")])
def test_search_merges_the_bundles(served_fixture, tab, lang, query):
    """The fixture's index comes in several bundles (conftest's
    FIXTURE_SEARCH_BUNDLE); one search finds pages of more than one of them."""
    bundles = helpers.search_bundles(served_fixture.built.site, lang)
    assert len(bundles) >= 2
    found = search(tab, served_fixture, lang, query)
    paths = {urlsplit(url).path for url in found.pages}
    hit = [number for number, bundle in enumerate(bundles) if paths & set(bundle)]
    assert len(hit) >= 2, (hit, sorted(paths))
    # Every page found is in the language's own bundles.
    assert paths <= {url for bundle in bundles for url in bundle}, paths
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang, query", [
    ("uk", "Чернетка"), ("uk", "майбутнього"), ("en", "Draft story"), ("en", "future"),
])
def test_drafts_and_future_stories_are_not_found(served_fixture, tab, lang, query):
    # The built site has neither page; the index must not have them either.
    assert not served_fixture.built.exists(DRAFT.lstrip("/"))
    found = search(tab, served_fixture, lang, query)
    assert not [url for url in found.pages if DRAFT in url or FUTURE in url], found.pages
    assert not [title for title in found.titles
                if re.search(r"Чернетка|майбутнього|Draft story|from the future", title)]
    tab.watch.assert_clean()


def test_real_site_search_in_each_language(served_real, browser):
    """The real site's search, on a phone: Ukrainian finds Ukrainian pages,
    English English ones; screenshots of both result pages."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = open_tab(browser, width=375, height=812)
    try:
        for lang, query in (("uk", "громад"), ("en", "communit")):
            found = search(tab, served_real, lang, query)
            assert found.pages, f"{lang}: {found.message}"
            assert all(under_en(url) == (lang == "en") for url in found.pages), found.pages
            tab.screenshot(SCREENSHOTS / f"{lang}-375px-search.png")
    finally:
        tab.close()
    tab.watch.assert_clean()
