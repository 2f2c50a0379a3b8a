"""Phones and desktops: at 375 px and 1280 px no page scrolls sideways, and
screenshots of home, a listing and a story in both languages at both widths
are saved under test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from .browserkit import LANGS, SCREENSHOTS, WIDTHS, open_tab


def first_story(served, lang: str) -> str:
    """The newest story in `lang` on the news page (a site path)."""
    listing = "news/" if lang == "uk" else "en/news/"
    link = served.built.html(listing).css_first(".news-entry__title a:not([hreflang])")
    assert link is not None, f"{served.name}: no {lang} story on {listing}"
    return served.path_of(urljoin(served.url(listing), link.attributes["href"]))


KINDS = [
    # (kind, pattern of the site path without the language prefix)
    ("home", r""),
    ("knowledge page", r"(programme|projects|about)/"),
    ("news", r"news/"),
    ("news page 2", r"news/page/2/"),
    ("category", r"news/category/[^/]+/"),
    ("tag", r"news/tag/[^/]+/"),
    ("region", r"news/region/[^/]+/"),
    ("year", r"news/\d{4}/"),
    ("month", r"news/\d{4}/\d{2}/"),
    ("events", r"news/events/"),
    ("vacancies", r"news/vacancies/"),
    ("story", r"news/\d{4}/\d{2}/\d{2}/[^/]+/"),
    ("search", r"search/"),
]


def one_page_of_each_kind(served, lang: str) -> dict[str, str]:
    """A site path for each kind of page that the site has in `lang`, and
    the event and vacancy stories besides a plain one."""
    prefix = "" if lang == "uk" else "en/"
    paths = sorted(str(p.parent.relative_to(served.site)) + "/"
                   for p in served.site.rglob("index.html") if "pagefind" not in p.parts)
    paths = ["" if p == "./" else p for p in paths]
    chosen = {}
    for kind, pattern in KINDS:
        for path in paths:
            if not path.startswith(prefix) or (lang == "uk" and path.startswith("en/")):
                continue
            if re.fullmatch(pattern, path[len(prefix):]):
                chosen.setdefault(kind, path)
    for kind, css in (("event story", ".news-box--event"), ("vacancy story", ".news-box--vacancy")):
        for path in paths:
            if (path.startswith(prefix) and not (lang == "uk" and path.startswith("en/"))
                    and re.fullmatch(r"news/\d{4}/\d{2}/\d{2}/[^/]+/", path[len(prefix):])
                    and served.built.html(path).css_first(css) is not None):
                chosen[kind] = path
                break
    chosen["page not found"] = f"{prefix}404.html"
    return chosen


def assert_rows(tab) -> None:
    """A story's tags and the pager's page numbers are laid out as rows that
    wrap, lined up with the page's heading: not indented and stacked like
    the theme's content lists."""
    heading_left = tab.page.locator("h1").first.evaluate("e => e.getBoundingClientRect().left")
    for selector in (".news-tags", ".news-pager ol"):
        for box in tab.page.locator(selector).evaluate_all(
                "els => els.map(e => ({display: getComputedStyle(e).display,"
                " left: e.getBoundingClientRect().left,"
                " first: e.firstElementChild && e.firstElementChild.getBoundingClientRect().left}))"):
            assert box["display"] == "flex", f"{tab.page.url}: {selector} is {box['display']}"
            assert abs(box["first"] - box["left"]) < 1, f"{tab.page.url}: {selector} items indented"
            if selector == ".news-tags":
                assert abs(box["left"] - heading_left) < 1, f"{tab.page.url}: {selector} indented"
    # The pager's numbers: targets a finger can hit (WCAG 2.5.8: 24 px at
    # least), on one line with the current page's.
    targets = tab.page.locator(".news-pager ol a, .news-pager ol [aria-current]").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {width: r.width, height: r.height, middle: r.top + r.height / 2}; })")
    for target in targets:
        assert target["width"] >= 24 and target["height"] >= 24, f"{tab.page.url}: a page link of {target}"
    rows = sorted({round(t["middle"]) for t in targets})
    assert all(b - a > 20 for a, b in zip(rows, rows[1:])), f"{tab.page.url}: page links not on one line: {rows}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ("fixture", "real"))
def test_no_sideways_scroll_on_a_phone(request, browser, name, lang):
    served = request.getfixturevalue(f"served_{name}")
    pages = one_page_of_each_kind(served, lang)
    for kind in ("home", "news", "category", "story", "event story", "vacancy story", "search"):
        assert kind in pages, f"{name} has no {kind} page in {lang}"
    tab = open_tab(browser, width=375, height=812)
    try:
        for kind, path in pages.items():
            if kind == "page not found":
                # Served as a page of its own here; a host serves it with 404.
                tab.page.goto(served.url(path), wait_until="load")
                tab.landed()
            else:
                tab.goto(served.url(path))
            assert_rows(tab)
    finally:
        tab.close()
    tab.watch.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_screenshots(served_real, browser, lang, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    root = "" if lang == "uk" else "en/"
    pages = {"home": root, "listing": f"{root}news/", "story": first_story(served_real, lang)}
    tab = open_tab(browser, width=width, height=812 if width < 600 else 900)
    try:
        for kind, path in pages.items():
            tab.goto(served_real.url(path))       # checks for sideways scroll
            assert tab.lang == lang
            assert_rows(tab)
            target = SCREENSHOTS / f"{lang}-{width}px-{kind}.png"
            tab.screenshot(target)
            assert target.stat().st_size > 10_000, f"{target} looks empty"
    finally:
        tab.close()
    tab.watch.assert_clean()
