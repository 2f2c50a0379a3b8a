"""Search in a real browser (issue 5): the Pagefind UI on /search/ and
/en/search/. A Ukrainian search finds Ukrainian pages only, by the beginning
of a word; an English one English pages only; drafts and future stories are
never found.

And the search box in every page's header (issue 22), in both languages, on a
phone (375 px) and a desktop (1280 px): it finds a story with its date, Enter
opens /search/?q=… filled in, nothing is fetched before it is focused, '/'
focuses it, it is a plain GET form without JavaScript, works with the
keyboard alone and passes axe while open."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest

from newsroom.model.dates import long_date

from .browserkit import LANGS, SCREENSHOTS, WIDTHS, Tab, Watch, helpers, is_story, open_tab, search

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


# --- the header's search box on every page (issue 22) ------------------------------------

# The fixture's story in both languages, found by a word of its title.
STORY = "news/2025/11/01/both-languages/"
STORY_DAY = date(2025, 11, 1)
TITLE = {"uk": "Форум громад у Полтаві", "en": "Communities forum in Poltava"}
WORD = {"uk": "Полтав", "en": "Poltava"}
# A word in pages of more than one of the fixture's bundles.
COMMON = {"uk": "громад", "en": "communit"}
ALL_RESULTS = {"uk": "Усі результати", "en": "All results"}
LABEL = {"uk": "Пошук на сайті", "en": "Search the site"}
# Where the tests start from: a page that is neither the story nor the search page.
START = "news/2025/11/06/event-past/"
# Material's breakpoint under which the box is an icon (60em at 16 px).
PHONE = 960


def lang_path(lang: str, path: str = "") -> str:
    return ("" if lang == "uk" else f"{lang}/") + path


def search_page(served, lang: str) -> str:
    return served.url(lang_path(lang, "search/"))


def box(tab):
    return tab.page.locator("form.news-search input[name=q]")


def pagefind_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if "/pagefind/" in url]


def open_box(tab) -> None:
    """Open the header's box as a reader does: on a phone, tap its icon; on
    a desktop, click the box."""
    page = tab.page
    if tab.width < PHONE:
        assert not box(tab).is_visible() or box(tab).bounding_box()["width"] <= 2, "the box shows on a phone"
        page.locator("form.news-search label.news-search__icon").click()
    else:
        box(tab).click()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'news-search-q'")
    field = box(tab).bounding_box()
    assert field is not None and field["width"] >= 150, f"the open box is {field} wide at {tab.width}px"
    assert field["x"] >= 0 and field["x"] + field["width"] <= tab.width, (field, tab.width)


def header_results(tab, word: str) -> list[dict]:
    """Wait for the header's results of ``word`` and return them."""
    page = tab.page
    page.wait_for_function(
        """q => { const s = document.querySelector('form.news-search .news-search__status');
                  const text = s ? s.textContent.trim() : '';
                  return text.includes(q) && /^\\d/.test(text)
                         && !document.querySelector('.news-search__results[aria-busy="true"]')
                         && document.querySelectorAll('.news-search__result').length > 0; }""",
        arg=word)
    return page.locator("form.news-search .news-search__result a").evaluate_all(
        """links => links.map(a => ({
              href: a.href,
              title: a.querySelector('.news-search__title').textContent.trim(),
              date: (a.querySelector('time') || {}).textContent || null,
              datetime: a.querySelector('time') ? a.querySelector('time').getAttribute('datetime') : null,
              marks: [...a.querySelectorAll('.news-search__excerpt mark')].map(m => m.textContent)}))""")


def header_count(tab) -> int:
    text = tab.page.inner_text("form.news-search .news-search__status")
    count = re.match(r"\s*(\d+)", text)
    assert count, text
    return int(count.group(1))


def page_results(tab, word: str) -> tuple[int, list[str], str]:
    """The search page's Pagefind UI once it shows the results of ``word``:
    their count, titles and the box's text."""
    page = tab.page
    page.wait_for_function(
        """q => { const m = document.querySelector('#site-search .pagefind-ui__message');
                  const text = m ? m.textContent.trim() : '';
                  return text.includes(q) && /^(\\d|Нічого не знайдено|No results)/.test(text)
                         && !document.querySelector('#site-search .pagefind-ui__loading'); }""",
        arg=word)
    message = page.inner_text("#site-search .pagefind-ui__message")
    count = re.match(r"\s*(\d+)", message)
    total = int(count.group(1)) if count else 0
    results = page.locator("#site-search .pagefind-ui__result")
    while True:   # every result loaded ("load more"), their titles too
        page.wait_for_function(
            "n => document.querySelectorAll('#site-search .pagefind-ui__result').length >= n"
            " && !document.querySelector('#site-search .pagefind-ui__loading')", arg=min(total, 5))
        if results.count() >= total:
            break
        shown = results.count()
        page.locator("#site-search .pagefind-ui__button").click()
        page.wait_for_function(
            "n => document.querySelectorAll('#site-search .pagefind-ui__result').length > n", arg=shown)
    titles = [t.strip() for t in page.locator(
        "#site-search .pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title").all_inner_texts()]
    return total, titles, page.input_value("#site-search input[type=text]")


def recorded(browser, width: int, *, javascript: bool = True) -> tuple[Tab, list[str]]:
    """A watched tab at ``width`` that records every URL it requests."""
    context = browser.new_context(viewport={"width": width, "height": 800 if width < PHONE else 900},
                                  service_workers="block", java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return Tab(context, page, Watch(context, page), width), urls


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_header_box_finds_a_story(served_fixture, browser, lang, width):
    """From any page, on a phone and a desktop: a word of a story's title
    finds it under the header's box, with its date and the word marked; Enter
    opens the search page with the same query and its results."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab, urls = recorded(browser, width)
    try:
        tab.goto(served_fixture.url(lang_path(lang, START)))
        assert tab.lang == lang
        assert not pagefind_requests(urls), "Pagefind loaded before the box was focused"
        open_box(tab)
        box(tab).press_sequentially(WORD[lang], delay=20)
        found = header_results(tab, WORD[lang])
        story = served_fixture.url(lang_path(lang, STORY))
        hit = [r for r in found if r["href"] == story]
        assert hit, found
        assert hit[0]["title"] == TITLE[lang]
        assert hit[0]["date"] == long_date(STORY_DAY, lang) and hit[0]["datetime"] == STORY_DAY.isoformat()
        assert hit[0]["marks"] and all(m.lower().startswith(WORD[lang].lower()) for m in hit[0]["marks"]), hit
        # Only the language's own pages.
        assert all(under_en(r["href"]) == (lang == "en") for r in found), found
        everything = tab.page.locator("form.news-search .news-search__all")
        assert everything.is_visible() and everything.inner_text().strip() == ALL_RESULTS[lang]
        target = urljoin(tab.page.url, everything.get_attribute("href"))
        assert target.split("?")[0] == search_page(served_fixture, lang)
        assert parse_qs(urlsplit(target).query) == {"q": [WORD[lang]]}
        tab.check_layout()
        tab.screenshot(SCREENSHOTS / f"{lang}-{width}px-header-search.png")
        # Enter: the search page, its box filled in, the results shown.
        tab.settle()
        box(tab).press("Enter")
        tab.page.wait_for_url(lambda url: url.split("?")[0] == search_page(served_fixture, lang), wait_until="load")
        assert parse_qs(urlsplit(tab.page.url).query)["q"] == [WORD[lang]]
        count, titles, value = page_results(tab, WORD[lang])
        assert value == WORD[lang] and count >= 1 and TITLE[lang] in titles, (value, count, titles)
        tab.settle()
        tab.check_layout()
    finally:
        tab.close()
    tab.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_search_page_opens_with_the_query(served_fixture, browser, lang, width):
    """/search/?q=… opens with the box filled in and the results shown; the
    address follows the box as the reader types (replaceState: no new
    history entry), so it can be shared."""
    tab, _ = recorded(browser, width)
    try:
        tab.goto(search_page(served_fixture, lang) + "?q=" + quote(WORD[lang]))
        count, titles, value = page_results(tab, WORD[lang])
        assert value == WORD[lang] and count >= 1 and TITLE[lang] in titles, (value, count, titles)
        # The date of a story, in the page's language.
        tags = tab.page.locator("#site-search .pagefind-ui__result-tag").all_inner_texts()
        assert any(long_date(STORY_DAY, lang) in tag for tag in tags), tags
        length = tab.page.evaluate("history.length")
        field = tab.page.locator("#site-search input[type=text]")
        field.fill(COMMON[lang])
        field.press("End")
        page_results(tab, COMMON[lang])
        tab.page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=COMMON[lang])
        assert tab.page.evaluate("history.length") == length
        field.fill("")
        field.press("End")
        tab.page.wait_for_function("() => !new URL(location.href).searchParams.has('q')")
        # The shared address shows the same.
        tab.settle()
        tab.goto(search_page(served_fixture, lang) + "?q=" + quote(COMMON[lang]))
        assert page_results(tab, COMMON[lang])[2] == COMMON[lang]
        tab.settle()
    finally:
        tab.close()
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_fetched_before_the_box_is_focused(served_fixture, browser, lang):
    """No Pagefind file on any page view; focusing the box loads Pagefind and
    every bundle of the page's language (and of no other)."""
    tab, urls = recorded(browser, 1280)
    try:
        for path in ("", "news/", START, "about/"):
            tab.goto(served_fixture.url(lang_path(lang, path)))
            tab.page.mouse.wheel(0, 400)
            tab.settle()
            assert not pagefind_requests(urls), (path, pagefind_requests(urls))
        box(tab).focus()
        bundles = len(helpers.search_bundles(served_fixture.built.site, lang))
        assert bundles >= 2
        root = served_fixture.url(lang_path(lang, "pagefind/"))
        wanted = [root + "pagefind.js"] + [root + ("" if n == 0 else f"{n + 1}/") + "pagefind-entry.json"
                                           for n in range(bundles)]
        for _ in range(200):
            if all(any(url.split("?")[0] == want for url in urls) for want in wanted):
                break
            tab.page.wait_for_timeout(50)
        fetched = pagefind_requests(urls)
        assert all(any(url.split("?")[0] == want for url in fetched) for want in wanted), (wanted, fetched)
        assert all(url.startswith(root) for url in fetched), fetched   # the page's language only
        tab.settle()
    finally:
        tab.close()
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_shortcuts_focus_the_box(served_fixture, tab, lang):
    """'/', 's' and 'f' focus the box as in Material for MkDocs, without
    typing themselves; not while the reader types in another field."""
    page = tab.page
    tab.goto(served_fixture.url(lang_path(lang, START)))
    for key in ("/", "s", "f"):
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.id") == "news-search-q", key
        assert box(tab).input_value() == ""
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.id") != "news-search-q"
    # Typing in another field (the search page's own box): the keys are typed.
    tab.settle()
    tab.goto(search_page(served_fixture, lang))
    field = page.locator("#site-search input[type=text]")
    field.click()
    page.keyboard.type("s/f")
    assert field.input_value() == "s/f"
    assert page.evaluate("document.activeElement.id") != "news-search-q"
    # On the search page, '/' goes to the page's own box.
    page.locator("h1").first.click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.closest('#site-search') !== null")
    tab.settle()
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_header_box_with_the_keyboard_only(served_fixture, tab, lang):
    """Tab reaches the box; the results are announced (a live status) and
    reached with the arrow keys; Enter opens one; Escape closes them."""
    page = tab.page
    tab.goto(served_fixture.url(lang_path(lang, START)))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "news-search-q":
            break
    else:
        raise AssertionError("Tab never reached the search box")
    status = page.locator("form.news-search .news-search__status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert page.locator("#news-search-q").evaluate("el => el.labels[0].textContent.trim()") == LABEL[lang]
    page.keyboard.type(WORD[lang])
    header_results(tab, WORD[lang])
    page.keyboard.press("Escape")
    assert page.locator("#news-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "news-search-q"
    page.keyboard.type(" ")          # the results again
    header_results(tab, WORD[lang])
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert first.startswith(served_fixture.url(lang_path(lang, "news/"))), first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "news-search-q"
    page.keyboard.press("ArrowDown")
    tab.settle()
    page.keyboard.press("Enter")
    page.wait_for_url(first, wait_until="load")
    tab.landed()
    assert is_story(page.url)
    tab.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_header_form_without_javascript(served_fixture, browser, lang, width):
    """Without JavaScript the header's box is a plain GET form to the
    language's search page (name "q"), usable on a phone too."""
    tab, urls = recorded(browser, width, javascript=False)
    try:
        tab.goto(served_fixture.url(lang_path(lang, START)))
        form = tab.page.locator("form.news-search")
        assert form.count() == 1 and form.get_attribute("method") == "get"
        assert form.get_attribute("role") == "search"
        assert form.evaluate("f => f.action") == search_page(served_fixture, lang)
        assert box(tab).get_attribute("type") == "search"
        open_box(tab)
        box(tab).press_sequentially(WORD[lang])
        assert not pagefind_requests(urls)
        box(tab).press("Enter")
        tab.page.wait_for_url(lambda url: url.split("?")[0] == search_page(served_fixture, lang), wait_until="load")
        assert parse_qs(urlsplit(tab.page.url).query) == {"q": [WORD[lang]]}
        assert tab.page.locator("noscript").count() >= 1
        tab.settle()
    finally:
        tab.close()
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_header_searches_every_bundle(served_fixture, tab, lang):
    """The header counts as many results as the search page, which merges
    the language's bundles (test_search_merges_the_bundles)."""
    tab.goto(served_fixture.url(lang_path(lang, START)))
    box(tab).focus()
    box(tab).press_sequentially(COMMON[lang])
    header_results(tab, COMMON[lang])
    in_header = header_count(tab)
    assert len(tab.page.locator(".news-search__result").all()) == min(in_header, 6)
    tab.settle()
    tab.goto(search_page(served_fixture, lang) + "?q=" + quote(COMMON[lang]))
    assert page_results(tab, COMMON[lang])[0] == in_header
    tab.settle()
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_one_function_shapes_every_query(served_fixture, tab, lang):
    """The header and the search page both ask Pagefind what
    newsSearch.expandQuery(term, lang) returns: the one place a
    Ukrainian-aware search plugs into."""
    page = tab.page
    swap = """([lang, word]) => { const plain = window.newsSearch.expandQuery;
        window.newsSearch.expandQuery = (term, asked) =>
            asked === lang && term.trim() === 'zzqx' ? word : plain(term, asked); }"""
    tab.goto(served_fixture.url(lang_path(lang, START)))
    assert page.evaluate("window.newsSearch.expandQuery('  Полтав \\n громад ', 'uk')") == "Полтав громад"
    page.evaluate(swap, [lang, WORD[lang]])
    box(tab).focus()
    box(tab).press_sequentially("zzqx")
    found = header_results(tab, "zzqx")
    assert served_fixture.url(lang_path(lang, STORY)) in [r["href"] for r in found], found
    tab.settle()
    tab.goto(search_page(served_fixture, lang))
    page.evaluate(swap, [lang, WORD[lang]])
    field = page.locator("#site-search input[type=text]")
    field.fill("zzqx")
    field.press("End")
    count, titles, _ = page_results(tab, "zzqx")
    assert count >= 1 and TITLE[lang] in titles, titles
    tab.settle()
    tab.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_open_header_box_is_accessible(served_fixture, browser, lang, width):
    """axe-core over a page with the header's box open and its results
    shown: no violation of impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import serious

    tab, _ = recorded(browser, width)
    try:
        tab.goto(served_fixture.url(lang_path(lang, START)))
        open_box(tab)
        box(tab).press_sequentially(WORD[lang])
        header_results(tab, WORD[lang])
        problems = serious(Axe().run(tab.page).response)
        assert not problems, "\n".join(problems)
        tab.settle()
    finally:
        tab.close()
    tab.watch.assert_clean()


def test_real_site_header_search_on_a_phone(served_real, browser):
    """The real site's header box, on a phone, in both languages."""
    tab, urls = recorded(browser, 375)
    try:
        for lang in LANGS:
            tab.goto(served_real.url(lang_path(lang)))
            assert not pagefind_requests(urls)
            open_box(tab)
            box(tab).press_sequentially(COMMON[lang])
            found = header_results(tab, COMMON[lang])
            assert found and all(under_en(r["href"]) == (lang == "en") for r in found), found
            tab.check_layout()
            tab.screenshot(SCREENSHOTS / f"{lang}-375px-header-search-real.png")
            tab.settle()
            urls.clear()
    finally:
        tab.close()
    tab.watch.assert_clean()
