"""Real-browser tests of the built sites (issue 7, and issue 5's search).

The fixture site (tests/fixtures/site/news, page size 3) and the real site
are each built with ``mkdocs build --strict`` and served over HTTP on
127.0.0.1, on a port chosen before the build so that the absolute URLs in the
pages (canonical, hreflang, sitemap) name the host and port they are served
on. Debian's Chromium (/usr/bin/chromium) is driven by Playwright for Python
with ``executable_path``: Playwright never downloads a browser.

Tools these tests need: /usr/bin/chromium (``apt-get install chromium``), a
Java runtime for the Nu HTML checker (``apt-get install default-jre-headless``),
node_modules/vnu-jar (``npm ci``) and linkchecker (in requirements.lock).
Locally a missing tool skips the tests that need it, saying what to install;
with CI=true a missing tool fails, and so does any skipped test in this folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .browserkit import CHROMIUM, CHROMIUM_ARGS, CI, HERE, helpers, need_chromium, open_tab, serve


def _ours(item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _ours(item):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With CI=true a skipped browser test is a failure: the tools must be there."""
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and _ours(item):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped with CI=true, which counts as a failure: {reason}"


@pytest.fixture(scope="session")
def served_fixture(tmp_path_factory):
    """The scenario fixture site ("today" 2025-12-10 12:00 in Kyiv, page size 3)."""
    served = serve(tmp_path_factory.mktemp("browser-fixture"), "fixture",
                   news=helpers.FIXTURES / "site" / "news",
                   page_size=helpers.FIXTURE_PAGE_SIZE, epoch=helpers.FIXTURE_EPOCH,
                   search_bundle=helpers.FIXTURE_SEARCH_BUNDLE)
    yield served
    served.close()


@pytest.fixture(scope="session")
def served_real(tmp_path_factory):
    """The repository's own site, dated like conftest's real_site (the build's day)."""
    served = serve(tmp_path_factory.mktemp("browser-real"), "real",
                   news=None, page_size=None, epoch=None)
    yield served
    served.close()


@pytest.fixture(scope="session")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    """A fresh 1280 px wide page. Tests call tab.watch.assert_clean() at the
    end; teardown checks again so nothing that went wrong goes unseen."""
    tab = open_tab(browser)
    yield tab
    tab.close()
    tab.watch.assert_clean()
