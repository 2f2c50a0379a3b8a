"""Helpers of the browser tests: the tools they need, the sites served on
127.0.0.1, and a Playwright page that records everything that goes wrong."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# The shared helpers of tests/conftest.py (make_project, build, ...), loaded
# by path under a name of their own, whatever name pytest gave that conftest.
if "_site_test_helpers" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("_site_test_helpers",
                                                   REPO / "tests" / "conftest.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["_site_test_helpers"] = _module
    _spec.loader.exec_module(_module)
helpers = sys.modules["_site_test_helpers"]

CI = os.environ.get("CI", "").strip().lower() == "true"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Screenshots for people to look at (the README names this folder).
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
WIDTHS = (375, 1280)
LANGS = ("uk", "en")
OTHER = {"uk": "en", "en": "uk"}


# --- tools -------------------------------------------------------------------------

def missing(what: str) -> None:
    """A tool is missing: skip locally (saying what to install), fail in CI."""
    if CI:
        pytest.fail(f"{what} (CI=true: a missing tool is a failure)", pytrace=False)
    pytest.skip(what)


def need_chromium() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing(f"{CHROMIUM} is missing: apt-get install chromium")
    return CHROMIUM


def need_java() -> str:
    java = shutil.which("java")
    if java is None:
        missing("a Java runtime is missing (for the Nu HTML checker): "
                "apt-get install default-jre-headless")
    return java


def need_vnu() -> Path:
    if not VNU_JAR.is_file():
        missing(f"{VNU_JAR.relative_to(REPO)} is missing: run `npm ci` "
                "(package-lock.json pins vnu-jar)")
    return VNU_JAR


def need_linkchecker() -> str:
    candidate = Path(sys.executable).parent / "linkchecker"
    found = str(candidate) if candidate.is_file() else shutil.which("linkchecker")
    if found is None:
        missing("linkchecker is missing: install requirements.lock into the venv (make setup)")
    return found


# --- serving a built site ------------------------------------------------------------

class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar",
        ".xml": "application/xml",
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".css": "text/css",
    }

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # Lets linkchecker send more than its default of 10 requests a second.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


@dataclass
class Served:
    """A built site served on http://127.0.0.1:<port>/."""
    name: str
    built: object          # tests/conftest.py's Built
    base: str              # "http://127.0.0.1:<port>/"
    server: ThreadingHTTPServer = field(repr=False)

    @property
    def site(self) -> Path:
        return self.built.site

    def url(self, path: str = "") -> str:
        return urljoin(self.base, path.lstrip("/"))

    def path_of(self, url: str) -> str:
        """The site-relative path of an absolute URL on this site."""
        assert url.startswith(self.base), f"{url} is not on {self.base}"
        return url[len(self.base):]

    def lang_root(self, lang: str) -> str:
        return self.url("" if lang == "uk" else "en/")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(tmp: Path, name: str, *, news: Path | None, page_size: int | None,
          epoch: int | None, search_bundle: int | None = None) -> Served:
    """Build a project made by conftest's make_project with site_url set to
    the port it is then served on."""
    site_dir = tmp / "site"
    site_dir.mkdir(parents=True)
    # Bind first, so the port is ours; then build with site_url on that port.
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(site_dir)))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        project = helpers.make_project(tmp / "project", news, page_size=page_size,
                                       search_bundle=search_bundle)
        built = helpers.build(project, epoch=epoch, site=site_dir, env={"SITE_URL": base})
    except BaseException:
        server.server_close()
        raise
    threading.Thread(target=server.serve_forever, name=f"serve-{name}", daemon=True).start()
    return Served(name, built, base, server)


def html_files(site: Path) -> list[Path]:
    return helpers.html_pages(site)


# --- a watched browser page -------------------------------------------------------------

class Watch:
    """Records, on every page a test visits, console errors, uncaught
    exceptions, failed requests, HTTP errors and requests to any host but
    127.0.0.1 (those are also blocked)."""

    def __init__(self, context, page):
        self.problems: list[str] = []
        self.page = page
        self.pending: set = set()
        page.on("request", lambda request: self.pending.add(request))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))
        context.route("**/*", self._route)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(
            f"uncaught exception on {page.url}: {error}"))
        page.on("requestfailed", lambda request: self.problems.append(
            f"request failed on {page.url}: {request.method} {request.url} ({request.failure})"))
        page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.problems.append(f"request to another host from {self.page.url}: {url}")
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def _console(self, message):
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            self.problems.append(f"console error on {self.page.url}: {message.text} ({where})")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url} (on {self.page.url})")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@dataclass
class Tab:
    """A browser page at a given width, watched; every page it lands on is
    checked for horizontal scrolling."""
    context: object
    page: object
    watch: Watch
    width: int
    visited: list = field(default_factory=list)

    def goto(self, url: str):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        self.landed()
        return response

    def follow(self, locator) -> None:
        """Click a link and wait until the next page has settled."""
        before = self.page.url
        locator.click()
        self.page.wait_for_url(lambda url: url != before, wait_until="load")
        self.landed()

    def settle(self, quiet: float = 0.15, timeout: float = 15.0) -> None:
        """Wait until no request has been in flight for `quiet` seconds (the
        theme fetches sitemap.xml after load; leaving earlier would abort it).
        Like Playwright's "networkidle", without its fixed half second."""
        deadline = time.monotonic() + timeout
        since = None
        while time.monotonic() < deadline:
            now = time.monotonic()
            if self.watch.pending:
                since = None
            elif since is None:
                since = now
            elif now - since >= quiet:
                return
            self.page.wait_for_timeout(25)
        raise AssertionError(f"{self.page.url}: requests still in flight after {timeout}s: "
                             + ", ".join(r.url for r in self.watch.pending))

    def landed(self) -> None:
        self.settle()
        self.visited.append(self.page.url)
        self.check_layout()

    def check_layout(self) -> None:
        scroll, inner = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, (f"horizontal scroll at {self.width}px on {self.page.url}: "
                                 f"scrollWidth {scroll} > innerWidth {inner}")

    def screenshot(self, path) -> None:
        """A full-page screenshot from the top (the theme's header is sticky)."""
        self.page.evaluate("window.scrollTo(0, 0)")
        self.page.wait_for_timeout(100)
        self.page.screenshot(path=str(path), full_page=True)

    @property
    def lang(self) -> str:
        return self.page.get_attribute("html", "lang")

    def alternate(self, lang: str) -> str | None:
        """The absolute URL of this page's <link rel=alternate hreflang=lang>."""
        link = self.page.locator(f'head link[rel="alternate"][hreflang="{lang}"]')
        return link.get_attribute("href") if link.count() else None

    def close(self) -> None:
        self.context.close()


def open_tab(browser, width: int = 1280, height: int = 900) -> Tab:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return Tab(context, page, Watch(context, page), width)


STORY = re.compile(r"(^|/)news/\d{4}/\d{2}/\d{2}/[^/]+/$")


def is_story(url: str) -> bool:
    return STORY.search(urlsplit(url).path) is not None


# --- the search page ------------------------------------------------------------------

@dataclass
class Results:
    message: str
    pages: list[str]          # absolute page URLs, without fragments, in order
    marks: set[str]           # the words Pagefind highlighted in the excerpts
    titles: list[str]


def search(tab, served, lang: str, query: str) -> Results:
    """Type `query` into the search page of `lang`, wait for the results,
    load them all and return them."""
    page = tab.page
    tab.goto(served.url("search/" if lang == "uk" else "en/search/"))
    assert tab.lang == lang
    box = page.locator("#site-search input[type=text]")
    box.fill(query)
    box.press("End")   # the UI reads input events; a key press after fill() is what a reader sends
    message = page.locator(".pagefind-ui__message")
    # Pagefind says "Пошук за запитом: …" while searching, then "12 результатів
    # на запит: …" / "1 result for …", or "Нічого не знайдено …" / "No results …".
    page.wait_for_function(
        """q => { const m = document.querySelector('#site-search .pagefind-ui__message');
                  const text = m ? m.textContent.trim() : '';
                  return text.includes(q) && /^(\\d|Нічого не знайдено|No results)/.test(text); }""",
        arg=query)
    count = re.match(r"\s*(\d+)", message.inner_text())
    total = int(count.group(1)) if count else 0
    results = page.locator("#site-search .pagefind-ui__result")
    while True:
        # Results appear, then their titles and excerpts load.
        page.wait_for_function(
            "n => document.querySelectorAll('#site-search .pagefind-ui__result').length >= n"
            " && !document.querySelector('#site-search .pagefind-ui__loading')",
            arg=min(total, max(results.count(), 1)) if total else 0)
        if results.count() >= total:
            break
        shown = results.count()
        page.locator("#site-search .pagefind-ui__button").click()   # "load more"
        page.wait_for_function(
            "n => document.querySelectorAll('#site-search .pagefind-ui__result').length > n",
            arg=shown)
    assert results.count() == total, f"{total} results announced, {results.count()} shown"
    tab.settle()
    tab.check_layout()
    hrefs = page.locator("#site-search .pagefind-ui__result-link").evaluate_all(
        "els => els.map(e => e.href)")
    pages = []
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if url not in pages:
            pages.append(url)
    marks = set(page.locator("#site-search .pagefind-ui__result-excerpt mark").all_inner_texts())
    titles = page.locator("#site-search .pagefind-ui__result > .pagefind-ui__result-inner "
                          "> .pagefind-ui__result-title").all_inner_texts()
    return Results(message.inner_text(), pages, {m.strip(" .,:;!?«»“”\"'()") for m in marks},
                   [t.strip() for t in titles])
