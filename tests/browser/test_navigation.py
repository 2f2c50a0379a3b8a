"""A reader's path through both sites in Chromium, in both languages: home,
a story, the other language, the pager, the archives. On every page: no
console error, no failed request, no request off 127.0.0.1, no horizontal
scroll (the ``tab`` fixture and Tab.landed check these)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from .browserkit import LANGS, OTHER, is_story

SITES = ("fixture", "real")


def site(request, name):
    return request.getfixturevalue(f"served_{name}")


def story_with_tags(served, lang: str) -> str:
    """The first story with tags that the `lang` news pages list (a site path)."""
    prefix = "" if lang == "uk" else "en/"
    listings = [f"{prefix}news/"]
    while served.built.exists(f"{prefix}news/page/{len(listings) + 1}/"):
        listings.append(f"{prefix}news/page/{len(listings) + 1}/")
    for listing in listings:
        # Stories in the listing's own language (an untranslated one carries hreflang).
        for link in served.built.html(listing).css(".news-entry__title a:not([hreflang])"):
            target = urljoin(served.url(listing), link.attributes["href"])
            path = served.path_of(target)
            if served.built.html(path).css_first(".news-story__header .news-tag"):
                return path
    pytest.fail(f"no story with tags in {served.name}'s {lang} news")


def switch_language(tab, other: str) -> str:
    """Use Material's language selector in the header to go to the `other`
    version of the current page; check it lands on the page's hreflang
    alternate and return that URL."""
    here = tab.page.url
    here_lang = tab.lang
    expected = tab.alternate(other)
    assert expected, f"{here} has no hreflang={other} alternate"
    link = tab.page.locator(f'.md-header .md-select__link[hreflang="{other}"]')
    assert link.count() == 1, f"{here}: no language selector link to {other}"
    assert urljoin(here, link.get_attribute("href")) == expected, (
        f"{here}: the language selector's {other} link is not the hreflang alternate")
    tab.page.locator(".md-header .md-select").hover()
    tab.follow(link)
    assert tab.page.url == expected
    assert tab.lang == other
    # The counterpart points back.
    assert tab.alternate(here_lang) == here
    return expected


def follow_story_from(tab, entries: str, other: str):
    """Follow, in order, the story links matched by `entries` on the current
    page until one leads to a story that also exists in `other`; return it."""
    start = tab.page.url
    hrefs = tab.page.locator(entries).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs, f"{start}: no story links ({entries})"
    for href in hrefs:
        link = tab.page.locator(f'{entries}[href="{href}"]').first
        title = link.inner_text().strip()
        tab.follow(link)
        assert is_story(tab.page.url), tab.page.url
        assert tab.page.locator("h1").first.inner_text().strip() == title
        if tab.alternate(other):
            return tab.page.url
        tab.goto(start)
    pytest.fail(f"no story linked from {start} exists in {other}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SITES)
def test_home_story_and_its_other_language(request, tab, name, lang):
    served = site(request, name)
    other = OTHER[lang]
    tab.goto(served.lang_root(lang))
    assert tab.lang == lang
    # Stories in the page's own language (an untranslated one carries hreflang).
    follow_story_from(tab, ".news-home .news-entry__title a:not([hreflang])", other)
    landed = switch_language(tab, other)
    assert is_story(landed)
    assert landed.startswith(served.url("en/")) == (other == "en")
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_second_news_page_switches_language(served_fixture, tab, lang):
    prefix = "" if lang == "uk" else "en/"
    tab.goto(served_fixture.url(f"{prefix}news/page/2/"))
    landed = switch_language(tab, OTHER[lang])
    other_prefix = "" if OTHER[lang] == "uk" else "en/"
    assert landed == served_fixture.url(f"{other_prefix}news/page/2/")
    assert tab.page.locator(".news-pager [aria-current=page]").inner_text() == "2"
    tab.watch.assert_clean()


def current_page(tab) -> int:
    return int(tab.page.locator(".news-pager [aria-current=page]").inner_text())


@pytest.mark.parametrize("lang", LANGS)
def test_page_through_news_and_back(served_fixture, tab, lang):
    first = served_fixture.lang_root(lang) + "news/"
    tab.goto(first)
    pages = int(tab.page.locator(".news-pager ol li").last.inner_text())  # (the pager always shows the last)
    assert pages >= 3, "the fixture site has at least three pages of news"
    seen = [tab.page.locator(".news-entry__title a").all_inner_texts()]
    assert current_page(tab) == 1
    while tab.page.locator("a.news-pager__older").count():
        number = current_page(tab)
        tab.follow(tab.page.locator("a.news-pager__older"))
        assert current_page(tab) == number + 1
        assert re.search(rf"/news/page/{number + 1}/$", tab.page.url), tab.page.url
        seen.append(tab.page.locator(".news-entry__title a").all_inner_texts())
    assert current_page(tab) == pages, "the older links end on the last page"
    titles = [title for page in seen for title in page]
    assert all(seen) and len(titles) == len(set(titles)), f"a story on two pages: {seen}"
    while tab.page.locator("a.news-pager__newer").count():
        number = current_page(tab)
        tab.follow(tab.page.locator("a.news-pager__newer"))
        assert current_page(tab) == number - 1
    assert tab.page.url == first
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SITES)
def test_archives(request, tab, name, lang):
    served = site(request, name)
    news = served.lang_root(lang) + "news/"
    story = served.url(story_with_tags(served, lang))
    tab.goto(story)
    assert tab.lang == lang

    def listing_opened(kind: str, heading: str):
        assert f"/news/{kind}/" in tab.page.url, tab.page.url
        assert heading in tab.page.locator("h1").first.inner_text()
        assert tab.page.locator(".news-entry").count() >= 1, f"{tab.page.url} lists nothing"

    # Its category ...
    category = tab.page.locator(".news-story__meta a[href*='category/']").first
    label = category.inner_text().strip()
    tab.follow(category)
    listing_opened("category", label)
    # ... and its first tag.
    tab.goto(story)
    tag = tab.page.locator(".news-story__header .news-tag").first
    label = tag.inner_text().strip()
    tab.follow(tag)
    listing_opened("tag", label)
    # A month archive: the story's own month lists stories of that month.
    year, month = re.search(r"/news/(\d{4})/(\d{2})/\d{2}/", story).groups()
    tab.goto(f"{news}{year}/{month}/")
    assert tab.lang == lang
    assert f"{year}" in tab.page.locator("h1").first.inner_text()
    listed = tab.page.locator(".news-entry__title a").evaluate_all("els => els.map(e => e.href)")
    assert listed and all(f"/news/{year}/{month}/" in href for href in listed), listed
    # Events and vacancies, from the site's navigation.
    for kind in ("events", "vacancies"):
        tab.follow(tab.page.locator(f'.md-sidebar--primary a.md-nav__link[href$="{kind}/"]').first)
        assert tab.page.url == f"{news}{kind}/"
        assert tab.lang == lang
        assert tab.page.locator("h1").count() == 1
    tab.watch.assert_clean()
