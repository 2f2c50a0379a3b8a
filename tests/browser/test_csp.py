"""Every page carries a Content-Security-Policy that Chromium enforces with
zero violations (issue 24): every kind of page, both languages, the search
with results, the 404 page. Chromium reports each violation as a
``securitypolicyviolation`` event, recorded here before the page's own
scripts run."""

from __future__ import annotations

import pytest

from .browserkit import LANGS, open_tab

RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""

PAGES = {
    "home": "",
    "listing": "news/",
    "listing, page 2": "news/page/2/",
    "category": "news/category/forum/",
    "tag": "news/tag/poltava/",
    "region": "news/region/poltava/",
    "archive": "news/2025/",
    "events": "news/events/",
    "vacancies": "news/vacancies/",
    "story with pictures": "news/2025/11/01/both-languages/",
    "knowledge page": "programme/",
}


def _violations(tab) -> list[str]:
    return tab.page.evaluate("() => window.__violations")


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_violates_its_policy(browser, served_fixture, lang):
    tab = open_tab(browser)
    tab.context.add_init_script(RECORD)
    prefix = "" if lang == "uk" else "en/"
    try:
        for kind, path in PAGES.items():
            tab.goto(served_fixture.url(prefix + path))
            policy = tab.page.locator('meta[http-equiv="Content-Security-Policy"]')
            assert policy.count() == 1, kind
            content = policy.get_attribute("content")
            assert "'unsafe-inline'" not in content and "object-src 'none'" in content, kind
            assert _violations(tab) == [], kind
        # A story with a video, after the click (its player from the video host).
        tab.goto(served_fixture.url(prefix + "news/2025/11/06/event-past/"))
        tab.page.locator(".news-video button, .news-video__poster").first.click()
        tab.page.wait_for_selector(".news-video iframe", state="attached")
        src = tab.page.locator(".news-video iframe").first.get_attribute("src")
        assert src.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        assert _violations(tab) == [], "video"
        # The search, with results (Pagefind runs as WebAssembly).
        tab.goto(served_fixture.url(prefix + "search/?q=Poltava" if lang == "en" else "search/?q=Полтав"))
        tab.page.wait_for_selector(".pagefind-ui__result, .news-search__result", timeout=15_000)
        assert _violations(tab) == [], "search"
        # The page not found (the test server answers a missing page with its
        # own; a host serves the site's 404.html).
        tab.goto(served_fixture.url(prefix + "404.html"))
        assert _violations(tab) == [], "404"
    finally:
        tab.close()
