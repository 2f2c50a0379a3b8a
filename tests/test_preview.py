"""The editors' preview: ``mkdocs serve --dirty`` (what ``make serve`` runs)
shows an edited story on its page and in the listings, keeps serving while a
story has an error, and shows the story again once it is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import FIXTURE_EPOCH, FIXTURE_PAGE_SIZE, FIXTURES, REPO, make_project

STORY = "news/2025/2025-12-10-published-today"
STORY_URL = "news/2025/12/10/published-today/"
OLD_TITLE = "Новина, опублікована сьогодні"
NEW_TITLE = "Новина з оновленим заголовком"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _titles(html: str) -> list[str]:
    return [node.text(strip=True) for node in HTMLParser(html).css(".news-entry__title a")]


def _links(html: str) -> list[str]:
    return [node.attributes.get("href") for node in HTMLParser(html).css(".news-entry__title a")]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("preview"), FIXTURES / "site" / "news",
                           page_size=FIXTURE_PAGE_SIZE)
    port = _free_port()
    log = project / "serve.log"
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO),
                   SOURCE_DATE_EPOCH=str(FIXTURE_EPOCH))
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")],
            cwd=project, env=environ, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: _get(base + "news/"), 180, "the preview to serve")
        yield project, base, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _builds(log: Path) -> int:
    """Rebuilds ended. (Not "Documentation built in ... seconds": MkDocs
    drops a log message it has logged before, so a rebuild as long as an
    earlier one, to the hundredth of a second, says nothing.)"""
    return log.read_text(encoding="utf-8", errors="replace").count("Reloading browsers")


def test_an_edited_story_shows_on_its_page_and_in_the_listing(preview):
    project, base, log = preview
    before = _get(base + "news/")
    assert OLD_TITLE in _titles(before)
    story_file = project / STORY / "uk.md"
    text = story_file.read_text(encoding="utf-8")
    story_file.write_text(text.replace(f'title: "{OLD_TITLE}"', f'title: "{NEW_TITLE}"')
                          .replace("Перший абзац", "Оновлений перший абзац"), encoding="utf-8")
    page = _wait_for(lambda: (html := _get(base + STORY_URL)) and NEW_TITLE in html and html, 60,
                     "the edited story's page")
    assert "Оновлений перший абзац" in page
    listing = _wait_for(lambda: (html := _get(base + "news/")) and NEW_TITLE in _titles(html) and html, 60,
                        "the listing to show the new title")
    # The same stories in the same order, the edited one with its new title
    # and excerpt; the old title is nowhere in the listing.
    assert _links(listing) == _links(before)
    assert OLD_TITLE not in _titles(listing)
    entry = next(n for n in HTMLParser(listing).css("article.news-entry")
                 if n.css_first(".news-entry__title").text(strip=True) == NEW_TITLE)
    assert entry.css_first(".news-entry__excerpt").text(strip=True).startswith("Оновлений перший абзац")
    # The category listing (a listing page written into a frame) too.
    category = _get(base + "news/category/forum/")
    assert NEW_TITLE in _titles(category) and OLD_TITLE not in _titles(category)
    # The English version is its own text: unchanged.
    assert NEW_TITLE not in (_get(base + "en/" + STORY_URL) or "")
    # Every page that shows the story: the home page's latest news, and the
    # link to the next story on the page of the one before it (issue 23; the
    # newest story is in no other story's "See also", which lists earlier ones).
    home = _wait_for(lambda: (html := _get(base)) and NEW_TITLE in _titles(html) and html, 60,
                     "the home page to show the new title")
    assert OLD_TITLE not in _titles(home)
    other = _get(base + "news/2025/11/11/vacancy-deadline-today/")
    nearby = HTMLParser(other).css_first(".news-prevnext__next").text(strip=True)
    assert NEW_TITLE in nearby and OLD_TITLE not in nearby


def test_a_broken_story_is_reported_and_the_preview_keeps_serving(preview):
    project, base, log = preview
    story_file = project / STORY / "uk.md"
    good = story_file.read_text(encoding="utf-8")
    builds = _builds(log)
    story_file.write_text(good.replace("category: forum", "category: [forum"), encoding="utf-8")
    _wait_for(lambda: "CONTENT ERROR" in log.read_text(encoding="utf-8", errors="replace"), 60,
              "the content error in the terminal")
    _wait_for(lambda: _builds(log) > builds, 60, "the rebuild with the error to end")
    assert f"{STORY}/uk.md:4: front matter: YAML syntax error" in log.read_text(encoding="utf-8", errors="replace")
    # Still serving, without the broken story in its listings, on the home
    # pages, or at its address, which says why (issue 23).
    assert _get(base) is not None
    assert not any("published-today" in link for link in _links(_get(base + "news/")))
    for home in (base, base + "en/"):
        assert not any("published-today" in link for link in _links(_get(home)))
    for url in (STORY_URL, "en/" + STORY_URL):
        page = HTMLParser(_get(base + url))
        assert page.css_first("h1").text() in ("Новина з помилками", "A story with errors")
        assert any(f"{STORY}/uk.md:4: front matter" in li.text() for li in page.css("li"))
    story_file.write_text(good, encoding="utf-8")
    _wait_for(lambda: any("published-today" in link for link in _links(_get(base + "news/") or "")), 60,
              "the story to come back to the listing")
    assert f"FIXED: {STORY} is back in the preview" in log.read_text(encoding="utf-8", errors="replace")
    assert OLD_TITLE in (_get(base + STORY_URL) or "") or NEW_TITLE in (_get(base + STORY_URL) or "")


def test_a_stopped_preview_leaves_no_temporary_folder_and_no_dirty_warnings(tmp_path):
    import tempfile

    project = make_project(tmp_path / "p", FIXTURES / "site" / "news", page_size=FIXTURE_PAGE_SIZE)
    temp = Path(tempfile.gettempdir())
    before = {p.name for p in temp.glob("mkdocs_*")}
    port = _free_port()
    log = tmp_path / "serve.log"
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=str(FIXTURE_EPOCH))
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")], cwd=project, env=environ, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_for(lambda: _get(f"http://127.0.0.1:{port}/news/"), 180, "the preview to serve")
        assert {p.name for p in temp.glob("mkdocs_*")} - before  # its site, while it serves
    finally:
        process.terminate()  # SIGTERM, as a test runner or a process manager stops it
        process.wait(timeout=30)
    assert {p.name for p in temp.glob("mkdocs_*")} - before == set()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "'dirty' build" not in text and "stale files" not in text


# -- the file watcher -------------------------------------------------------

from newsroom.speed.watch import watch_natively  # noqa: E402


def _server(root: Path):
    from mkdocs.livereload import LiveReloadServer

    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(root))


def _rebuild_wanted(server, timeout: float) -> bool:
    with server._rebuild_cond:
        wanted = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=timeout)
        server._want_rebuild = False
    return wanted


@pytest.mark.skipif(sys.platform != "linux", reason="file events (inotify) are Linux's")
def test_watch_paths_by_file_events_and_only_changes_rebuild(tmp_path):
    news = tmp_path / "news"
    story = news / "2025" / "2025-12-10-story"
    story.mkdir(parents=True)
    (story / "uk.md").write_text("---\n---\nтекст\n", encoding="utf-8")
    server = _server(tmp_path)
    native = watch_natively(server, [str(news)])
    assert native is not None
    try:
        assert not server.observer.emitters  # nothing left for MkDocs' polling
        assert [emitter.watch.path for emitter in native.emitters] == [str(news)]
        for _ in range(20_000):  # the build reads every story: more reads than the event queue holds
            (story / "uk.md").read_bytes()
        assert not _rebuild_wanted(server, 1.0)
        (story / "uk.md").write_text("---\n---\nзмінений текст\n", encoding="utf-8")
        assert _rebuild_wanted(server, 5.0)
        new = news / "2025" / "2025-12-11-new"
        new.mkdir()
        (new / "en.md").write_text("---\n---\ntext\n", encoding="utf-8")
        assert _rebuild_wanted(server, 5.0)
        time.sleep(0.3)
        _rebuild_wanted(server, 0)
        story.rename(tmp_path / "moved-out")  # a story folder taken out of news/
        assert _rebuild_wanted(server, 5.0)
    finally:
        native.stop()
        native.join()


@pytest.mark.skipif(sys.platform != "linux", reason="file events (inotify) are Linux's")
def test_watch_falls_back_to_polling_when_file_events_are_refused(tmp_path, monkeypatch):
    from watchdog.observers import Observer

    news = tmp_path / "news"
    news.mkdir()

    def refuse(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(Observer, "start", refuse)
    server = _server(tmp_path)
    assert watch_natively(server, [str(news)]) is None
    server.watch(str(news))  # what MkDocs does next
    assert [emitter.watch.path for emitter in server.observer.emitters] == [str(news)]
