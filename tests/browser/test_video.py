"""Click-to-play videos in Chromium (issue 22, "Video"), both languages,
phone and desktop: nothing is requested from any host but the site until the
reader clicks; then the player's iframe (youtube-nocookie.com,
player.vimeo.com) takes the poster's place, at the same size; the block is
keyboard-operable and named in the page's language; without JavaScript it is
a plain link; a strict Content-Security-Policy sees no violation.

The page. A small news folder (this file's ``STORY``: one story with a
YouTube and a Vimeo line in each language) is built with this repository's
code, theme and docs, and a copy of mkdocs.yml with ``MKDOCS_LINES`` (the
video script and styles) added where mkdocs.yml does not have them yet.
Until the build writes the blocks itself (``newsroom/render/video.py``'s
``videos`` wired into the build), the test writes them into the built story
pages: ``videos`` over each page's <article>, which holds the sanitized body,
with the test's poster on the Ukrainian page and the placeholder on the
English one. Once the build writes them, the pages are used as built. Where
the built pages carry no Content-Security-Policy yet (issue 24), the test adds
a strict one as a <meta> (the theme's inline scripts by hash, ``style-src
'self'``, frames from the two players only).

Offline: the video hosts are answered by the test with an empty 204; every
other host is blocked (browserkit's Watch), and every request is recorded.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browserkit import LANGS, WIDTHS, Served, _QuietHandler, helpers, open_tab

YT = "dQw4w9WgXcQ"
VIMEO = "76979871"
PLAYERS = {"youtube": f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1",
           "vimeo": f"https://player.vimeo.com/video/{VIMEO}?autoplay=1"}
VIDEO_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "ytimg.com", "googlevideo.com",
               "ggpht.com", "googleapis.com", "gstatic.com", "google.com", "doubleclick.net",
               "vimeo.com", "vimeocdn.com")
MKDOCS_LINES = {"extra_css": "  - assets/news-video.css", "extra_javascript": "  - assets/news-video.js"}
TITLES = {"uk": "Відео з форуму громад", "en": "Video of the communities forum"}
LABELS = {"uk": "Відтворити відео: {}", "en": "Play video: {}"}
VIMEO_TITLE = "Запис круглого столу"   # the Ukrainian Vimeo link is named
# The blocks' titles: the link's own text, or the story's title (numbered when
# two blocks would have the same).
BLOCK_TITLES = {"uk": [TITLES["uk"], VIMEO_TITLE], "en": [TITLES["en"] + " (1)", TITLES["en"] + " (2)"]}
STORY = {
    "uk": f"""---
title: "{TITLES['uk']}"
category: forum
---

Перший абзац новини про форум громад.

https://www.youtube.com/watch?v={YT}

Другий абзац із подробицями.

[{VIMEO_TITLE}](https://vimeo.com/{VIMEO})

Третій абзац.
""",
    "en": f"""---
title: "{TITLES['en']}"
---

First paragraph of the story about the communities forum.

<https://youtu.be/{YT}>

A second paragraph with details.

https://vimeo.com/{VIMEO}

A third paragraph.
""",
}
PATH = {"uk": "news/2025/12/10/video/", "en": "en/news/2025/12/10/video/"}
POSTER = "assets/test-video-poster.svg"
POSTER_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720" viewBox="0 0 16 9">'
              '<rect width="16" height="9" fill="#2e7d32"/><circle cx="4" cy="3" r="2" fill="#fdd835"/></svg>')
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


def _mkdocs_yml(text: str) -> str:
    """mkdocs.yml with the video script and styles (what the README asks
    for: ``MKDOCS_LINES``) where it lacks them."""
    for key, line in MKDOCS_LINES.items():
        if line.strip() in text:
            continue
        if re.search(rf"(?m)^{key}:\n", text):
            text = re.sub(rf"(?m)^({key}:\n(?:  - .*\n)*)", lambda m: m[1] + line + "\n", text, count=1)
        else:
            text = text.replace("\nmarkdown_extensions:", f"\n{key}:\n{line}\n\nmarkdown_extensions:", 1)
        assert line in text, key
    return text


def _policy(page: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(page) if body.strip())
    return ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
            f"script-src 'self' {hashes}; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def _write_blocks(site: Path, base: str) -> dict[str, str]:
    """Writes the blocks into the built story pages unless the build did;
    adds a CSP where there is none. How each page was made, by language."""
    from newsroom.render.video import videos

    (site / POSTER).write_text(POSTER_SVG, encoding="utf-8")
    how = {}
    for lang in LANGS:
        file = site / PATH[lang] / "index.html"
        page = file.read_text(encoding="utf-8")
        if 'class="news-video ' in page:
            how[lang] = "built"
        else:
            poster = base + POSTER if lang == "uk" else None
            page, count = ARTICLE.subn(lambda m: m[1] + videos(m[2], lang, poster, TITLES[lang]) + m[3], page)
            assert count == 1 and page.count('class="news-video ') == 2, f"{file}: no video paragraphs"
            how[lang] = "written by the test"
        if 'http-equiv="Content-Security-Policy"' not in page:
            meta = f'<meta http-equiv="Content-Security-Policy" content="{_policy(page)}">'
            page = page.replace("<head>", "<head>\n    " + meta, 1)
        file.write_text(page, encoding="utf-8")
    return how


@pytest.fixture(scope="module")
def served_video(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser-video")
    news = tmp / "news"
    news.mkdir()
    for name in ("categories.yml", "regions.yml", "authors.yml"):
        shutil.copy(helpers.FIXTURES / "site" / "news" / name, news / name)
    story = news / "2025" / "2025-12-10-video"
    story.mkdir(parents=True)
    for lang, text in STORY.items():
        (story / f"{lang}.md").write_text(text, encoding="utf-8")
    site = tmp / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        project = helpers.make_project(tmp / "project", news)
        config = project / "mkdocs.yml"
        config.write_text(_mkdocs_yml(config.read_text(encoding="utf-8")), encoding="utf-8")
        built = helpers.build(project, site=site, env={"SITE_URL": base})
        how = _write_blocks(site, base)
    except BaseException:
        server.server_close()
        raise
    threading.Thread(target=server.serve_forever, name="serve-video", daemon=True).start()
    served = Served("video", built, base, server)
    served.how = how
    yield served
    served.close()


# --- a watched tab that records every request ------------------------------------------

RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


class Recorder:
    """Every request the page (and its frames) makes; the video hosts are
    answered with an empty 204 (browserkit's Watch blocks all other hosts)."""

    def __init__(self, tab):
        self.tab, self.requests, self.played = tab, [], []
        tab.page.on("request", lambda request: self.requests.append(request.url))
        tab.page.route(self._is_video_host, self._answer)
        tab.page.add_init_script(RECORD)

    @staticmethod
    def _is_video_host(url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == h or host.endswith("." + h) for h in VIDEO_HOSTS)

    def _answer(self, route):
        self.played.append(route.request.url)
        route.fulfill(status=204, body="")

    def others(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"
                and urlsplit(url).scheme in ("http", "https", "ws", "wss")]

    def violations(self) -> list[str]:
        return self.tab.page.evaluate("() => window.__violations")


@pytest.fixture
def video_tab(browser, request):
    width = getattr(request, "param", 1280)
    tab = open_tab(browser, width=width)
    tab.recorder = Recorder(tab)
    yield tab
    tab.close()
    _assert_clean(tab)


def _assert_clean(tab):
    """browserkit's checks, but for the players' requests, which the
    test answers with 204 (Chromium calls an iframe's 204 an aborted load)."""
    problems = [p for p in tab.watch.problems
                if not (p.startswith("request failed") and any(u in p for u in PLAYERS.values()))]
    assert not problems, "\n".join(problems)


def _open(tab, served, lang):
    tab.goto(served.url(PATH[lang]))
    assert tab.lang == lang
    assert tab.page.locator("figure.news-video").count() == 2
    # Every block is upgraded by the script; scroll them into view (lazy
    # pictures load) and wait: still nothing from another host.
    tab.page.wait_for_function(
        "() => document.querySelectorAll('figure.news-video[data-news-video-ready] button.news-video__poster').length == 2")
    tab.page.locator("figure.news-video").last.scroll_into_view_if_needed()
    tab.page.wait_for_timeout(300)
    tab.settle()
    assert not tab.recorder.others(), tab.recorder.others()
    assert not tab.recorder.played


def _box(locator) -> tuple:
    box = locator.bounding_box()
    return tuple(round(box[k], 1) for k in ("x", "y", "width", "height"))


# --- tests ---------------------------------------------------------------------------------

def test_the_pages_have_blocks(served_video):
    """Says how the story pages got their blocks (built, or written by the test)."""
    for lang in LANGS:
        assert served_video.how[lang] in ("built", "written by the test")
        page = (served_video.site / PATH[lang] / "index.html").read_text(encoding="utf-8")
        assert "news-video.js" in page and "news-video.css" in page


@pytest.mark.parametrize("video_tab", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_from_the_video_host_before_the_click_and_the_player_after(served_video, video_tab, lang):
    tab, page = video_tab, video_tab.page
    _open(tab, served_video, lang)
    figures = page.locator("figure.news-video")
    youtube, vimeo = figures.nth(0), figures.nth(1)
    assert youtube.get_attribute("data-news-video") == "youtube"
    assert vimeo.get_attribute("data-news-video") == "vimeo"
    # The poster: the story's picture (uk) or the placeholder (en), from the site.
    if served_video.how[lang] == "written by the test":
        if lang == "uk":
            image = youtube.locator("img.news-video__image")
            assert image.evaluate("i => i.complete && i.naturalWidth > 0")
            assert image.evaluate("i => i.currentSrc").startswith(served_video.base)
        else:
            assert youtube.locator(".news-video__placeholder").is_visible()
    clicked = set()
    for figure, kind in ((youtube, "youtube"), (vimeo, "vimeo")):
        button = figure.locator("button.news-video__poster")
        button.scroll_into_view_if_needed()
        before = _box(button)
        assert before[2] > 0 and abs(before[3] - before[2] * 9 / 16) < 2  # 16:9
        assert page.locator("iframe").count() == (0 if kind == "youtube" else 1)
        assert set(tab.recorder.others()) == clicked  # nothing from this video's host yet
        button.click()
        clicked.add(PLAYERS[kind])
        frame = figure.locator("iframe.news-video__frame")
        frame.wait_for()
        assert frame.get_attribute("src") == PLAYERS[kind]
        assert frame.get_attribute("title")
        assert frame.get_attribute("allow") == "autoplay; fullscreen; picture-in-picture"
        assert frame.get_attribute("allowfullscreen") is not None
        assert frame.get_attribute("loading")
        assert _box(frame) == before, "the player is not where the poster was"
        page.wait_for_timeout(200)
    # After the clicks: the two players were asked for, and nothing else elsewhere.
    assert sorted(set(tab.recorder.played)) == sorted(PLAYERS.values())
    assert set(tab.recorder.others()) == set(PLAYERS.values())
    assert not tab.recorder.violations()
    tab.check_layout()


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_and_the_name_in_the_page_language(served_video, video_tab, lang):
    tab, page = video_tab, video_tab.page
    _open(tab, served_video, lang)
    names = [LABELS[lang].format(title) for title in BLOCK_TITLES[lang]]
    buttons = [page.get_by_role("button", name=name, exact=True) for name in names]
    assert [b.count() for b in buttons] == [1, 1]
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for step in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('figure.news-video')"):
            break
    else:
        pytest.fail("Tab never reached the video")
    focused = page.evaluate("() => [document.activeElement.tagName, document.activeElement.getAttribute('aria-label')]")
    assert focused == ["BUTTON", names[0]]
    assert buttons[0].evaluate("b => b === document.activeElement")
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert not tab.recorder.others()
    page.keyboard.press("Enter")
    frame = page.locator("figure.news-video").nth(0).locator("iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == PLAYERS["youtube"]
    assert frame.evaluate("f => f === document.activeElement"), "the focus was lost"
    # The other one by Space.
    buttons[1].focus()
    page.keyboard.press("Space")
    page.locator("figure.news-video").nth(1).locator("iframe").wait_for()
    assert page.locator("figure.news-video iframe").nth(1).get_attribute("src") == PLAYERS["vimeo"]
    assert not tab.recorder.violations()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_block_is_the_plain_link(served_video, browser, lang):
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    requests = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                   else route.abort("blockedbyclient"))
        page.goto(served_video.url(PATH[lang]), wait_until="load")
        link = page.get_by_role("link", name=LABELS[lang].format(BLOCK_TITLES[lang][0]), exact=True)
        assert link.count() == 1
        href = link.get_attribute("href")
        assert href in (f"https://www.youtube.com/watch?v={YT}", f"https://youtu.be/{YT}")
        caption = page.locator("figure.news-video").first.locator("figcaption a")
        assert caption.get_attribute("href") == href and caption.is_visible()
        assert not page.locator("iframe, button.news-video__poster").count()
        assert all(urlsplit(u).hostname == "127.0.0.1" for u in requests), requests
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violations_before_and_after_the_click(served_video, video_tab, lang):
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import serious

    tab = video_tab
    _open(tab, served_video, lang)
    axe = Axe()
    problems = serious(axe.run(tab.page).response)
    tab.page.locator("button.news-video__poster").first.click()
    tab.page.locator("iframe.news-video__frame").wait_for()
    problems += serious(axe.run(tab.page).response)
    assert not problems, "\n".join(problems)
    assert not tab.recorder.violations()


def test_valid_html_before_and_after_the_click(served_video, browser, tmp_path):
    """The Nu checker (as test_valid_html.py runs it) on the story pages as
    built and on their DOM after the script made the buttons and a click
    made a player."""
    import json
    import subprocess

    from .browserkit import need_java, need_vnu
    from .test_valid_html import is_material_toggle

    java, jar = need_java(), need_vnu()
    pages = [served_video.site / PATH[lang] / "index.html" for lang in LANGS]
    for lang in LANGS:
        tab = open_tab(browser)
        tab.recorder = Recorder(tab)
        try:
            _open(tab, served_video, lang)
            tab.page.locator("button.news-video__poster").first.click()
            tab.page.locator("iframe.news-video__frame").wait_for()
            assert tab.page.locator("figure.news-video button, figure.news-video iframe").count() == 2
            after = tmp_path / f"{lang}-after-click.html"
            after.write_text("<!doctype html>\n" + tab.page.evaluate("() => document.documentElement.outerHTML"),
                             encoding="utf-8")
            pages.append(after)
        finally:
            tab.close()
        _assert_clean(tab)
    result = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json",
                             *map(str, pages)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if not is_material_toggle(m)]
    assert not errors, "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}\n    "
                                 f"{m.get('extract', '').strip()}" for m in errors[:20])
