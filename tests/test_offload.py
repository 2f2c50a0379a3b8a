"""The helper process that renders a build's news parts (newsroom.offload):
it gives the same parts as the build's own process, serves the language
builds one after another, and a helper that dies is reported, not ignored."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from markupsafe import escape

from conftest import FIXTURES, build, load_news, make_project, site_files
from newsroom.outputs import feeds as outputs
from newsroom.speed.offload import Helper, Inline, Offload
from newsroom.render.site import NewsSite

KYIV = ZoneInfo("Europe/Kyiv")
NOW = datetime(2025, 12, 1, tzinfo=KYIV)


@pytest.fixture
def catalog(tmp_path):
    stories = {}
    for day in range(1, 41):
        files = {"uk": f"---\ntitle: Новина <{day}>\ncategory: forum\ntags: [Тег {day % 3}]\n---\n\nТекст {day}.\n"}
        if day % 2:
            files["en"] = f"---\ntitle: Story {day}\n---\n\nText {day}.\n"
        stories[f"2025/2025-10-{day % 28 + 1:02d}-story-{day}"] = files
    return load_news(tmp_path, stories)


def _frames(site: NewsSite) -> dict:
    from newsroom.speed.frames import FRAME_CONTENT, FRAME_HEAD, FRAME_TITLE, frame_for
    return {(site.lang, frame_for(site, page)): (f"<title>{FRAME_TITLE}</title>{FRAME_HEAD}{FRAME_CONTENT}", "CANONICAL")
            for page in site.pages}


def test_the_helper_serves_each_language_with_the_parts_the_build_would_render(catalog, tmp_path):
    catalog, settings = catalog
    helper = Helper(catalog, settings)
    try:
        for lang in ("uk", "en"):
            site = NewsSite(catalog, settings, lang, NOW, "Site")
            local = Inline(NewsSite(catalog, settings, lang, NOW, "Site"))
            offload = Offload(site, helper)
            out = tmp_path / "site"
            offload.write(_frames(site), out)
            rendered = [page for page in site.pages if not site.is_framed(page)]
            assert rendered
            for page in rendered:
                assert offload.parts(page.dest_uri) == local.parts(page.dest_uri)
                assert offload.head(page.dest_uri) == local.head(page.dest_uri)
            offload.join()
            framed = [page for page in site.pages if site.is_framed(page)]
            assert framed
            for page in framed:
                html = (out / page.dest_uri).read_text(encoding="utf-8")
                # The frame's markers are filled, the title escaped.
                assert "\ue010" not in html and "CANONICAL" not in html
                assert f"<title>{escape(page.title)}</title>" in html
            # The language's feeds and calendars, as the build's process would write them.
            for path, content in outputs.language_outputs(local.site).items():
                assert (out / path).read_bytes() == content
    finally:
        helper.close()
    assert helper._process.wait(timeout=30) == 0  # it ends once the build closes its end


def test_a_helper_that_dies_fails_the_build_and_the_pages_are_still_rendered(catalog, tmp_path):
    catalog, settings = catalog
    helper = Helper(catalog, settings)
    site = NewsSite(catalog, settings, "uk", NOW, "Site")
    offload = Offload(site, helper)
    offload.write(_frames(site), tmp_path / "site")
    helper._process.kill()
    helper._process.wait()
    page = next(page for page in site.pages if not site.is_framed(page))
    # What the helper did not send is rendered in the build's process.
    assert offload.parts(page.dest_uri) == Inline(site).parts(page.dest_uri)
    with pytest.raises(RuntimeError, match="the uk news pages failed:\nthe helper process ended without a word"):
        offload.join()
    helper.kill()


def test_pages_never_written_are_a_bug_said_plainly(catalog):
    catalog, settings = catalog
    helper = Helper(catalog, settings)
    offload = Offload(NewsSite(catalog, settings, "uk", NOW, "Site"), helper)
    with pytest.raises(RuntimeError, match="never written"):
        offload.join()
    helper.kill()
    assert helper._process.returncode is not None


def test_a_message_that_cannot_be_sent_fails_the_build_instead_of_hanging(catalog, tmp_path, capfd):
    catalog, settings = catalog
    helper = Helper(catalog, settings)
    site = NewsSite(catalog, settings, "uk", NOW, "Site")
    offload = Offload(site, helper)
    helper.send((lambda: None,))  # cannot be pickled: the sending thread stops there
    offload.write(_frames(site), tmp_path / "site")
    outcome: list[BaseException | None] = []

    def join() -> None:
        try:
            offload.join()
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - what the test looks at
            outcome.append(exc)

    waiter = threading.Thread(target=join, daemon=True)
    waiter.start()
    waiter.join(timeout=60)
    assert not waiter.is_alive(), "the build waited for ever for a helper that was sent nothing more"
    assert isinstance(outcome[0], RuntimeError)
    assert "rendering the uk news pages failed" in str(outcome[0])
    assert "pickle" in capfd.readouterr().err  # the reason is printed
    assert helper._process.wait(timeout=30) == 0


def _with_probe(project, probe: str):
    """Add the hook module ``probe`` to the project, after the news hooks."""
    (project / "probe_hook.py").write_text(probe, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  - hooks/news_hooks.py\n", "  - hooks/news_hooks.py\n  - probe_hook.py\n", 1), encoding="utf-8")


_PROBE = """
import gc, json, os, sys
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

@event_priority(-300)  # after the news hooks' own on_pre_build
def on_pre_build(config):
    i18n = config.plugins["i18n"]
    if not i18n.building:
        return
    from newsroom.content import loader
    from newsroom_mkdocs.process import current
    catalog = current().build.loaded.catalog
    gc.collect()
    report = {
        "lang": i18n.current_language,
        "bodies": {lang: sum(1 for s in catalog.stories for l, v in s.versions.items() if l == lang and v.body_z)
                   for lang in ("uk", "en")},
        "stories_cached": len(loader._STORIES),
        "uk_files_alive": sum(1 for o in gc.get_objects() if isinstance(o, File)
                              and getattr(o, "generated_by", None) and getattr(o, "locale", None) == "uk"),
    }
    with open(os.environ["PROBE_OUT"], "a", encoding="utf-8") as out:
        out.write(json.dumps(report) + "\\n")
"""


def test_a_build_lets_go_of_the_first_language_before_the_second(tmp_path):
    """mkdocs-static-i18n builds the second language from the first's
    on_post_build, so the first language's build stays on the stack: by the
    second's start the news engine has let go of what no later language reads
    (the files it added, the first language's story bodies, the loader's
    copy of each story for a preview's next rebuild)."""
    project = make_project(tmp_path / "project", FIXTURES / "site" / "news")
    _with_probe(project, _PROBE)
    out = tmp_path / "probe.jsonl"
    built = build(project, env={"PROBE_OUT": str(out)})
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["lang"] for r in reports] == ["en"]
    report = reports[0]
    assert report["bodies"]["uk"] == 0 and report["bodies"]["en"] > 5, report
    assert report["stories_cached"] == 0, report
    assert report["uk_files_alive"] == 0, report
    # ...and the site is whole: every story page of both languages written.
    assert (built.site / "news" / "index.html").exists() and (built.site / "en" / "news" / "index.html").exists()


_AHEAD_PROBE = """
import json, os, sys
from mkdocs.plugins import event_priority

@event_priority(-300)  # after the news hooks' own on_post_page
def on_post_page(output, page, config):
    from newsroom_mkdocs.process import current
    ahead = current().build.language.bodies.ahead
    if ahead is not None:
        path = os.environ["PROBE_OUT"]
        seen = json.load(open(path)) if os.path.exists(path) else {}
        seen[config.plugins["i18n"].current_language] = [ahead.workers, ahead.count, ahead.made_here]
        with open(path, "w") as out:
            json.dump(seen, out)
    return output
"""


def _news_with_more_stories(tmp_path):
    """The fixture site's news/ and 60 more stories in both languages, each
    with headings (a table of contents): several chunks of bodies a language."""
    news = tmp_path / "news"
    shutil.copytree(FIXTURES / "site" / "news", news)
    for n in range(60):
        folder = news / "2025" / f"2025-10-{n % 28 + 1:02d}-story-{n}"
        folder.mkdir()
        (folder / "uk.md").write_text(
            f"---\ntitle: Новина {n} <про громаду>\ncategory: forum\n---\n\nПерший абзац {n}.\n\n"
            f"## Подробиці {n}\n\nТекст із *наголосом* і [посиланням](https://example.org/{n}).\n",
            encoding="utf-8")
        (folder / "en.md").write_text(
            f"---\ntitle: Story {n}\n---\n\nFirst paragraph {n}.\n\n## Details {n}\n\nText.\n",
            encoding="utf-8")
    return news


def test_story_bodies_rendered_ahead_by_a_worker_make_the_same_site(tmp_path):
    news = _news_with_more_stories(tmp_path)
    alone = build(make_project(tmp_path / "alone", news, render_ahead=(0, 0)))
    project = make_project(tmp_path / "ahead", news, render_ahead=(1, 100_000))
    _with_probe(project, _AHEAD_PROBE)
    out = tmp_path / "probe.json"
    ahead = build(project, env={"PROBE_OUT": str(out)})
    seen = json.loads(out.read_text())
    assert set(seen) == {"uk", "en"}
    assert all(workers >= 1 and count >= 60 for workers, count, _ in seen.values()), seen
    # Some bodies were the worker's (it is handed the next chunks as the
    # build starts on one; the build waits for one about as long as it
    # takes to render one itself).
    assert sum(count - made_here for _, count, made_here in seen.values()) > 0, seen
    files, expected = site_files(ahead.site), site_files(alone.site)
    assert files.keys() == expected.keys()
    assert [name for name in files if files[name] != expected[name]] == []
    page = ahead.html("en/news/2025/10/03/story-2/")
    assert "Details 2" in [h.text(strip=True) for h in page.css("article h2")]
    # The table of contents (set on the page from the worker's rendering).
    assert "Details 2" in [a.text(strip=True) for a in page.css(".md-nav--secondary a")]


def test_a_broken_link_in_a_story_rendered_ahead_fails_the_strict_build(tmp_path):
    news = tmp_path / "news"
    shutil.copytree(FIXTURES / "site" / "news", news)
    story = news / "2025" / "2025-11-01-both-languages" / "uk.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nДив. [програму](../nema-takoi-storinky.md).\n",
                     encoding="utf-8")
    project = make_project(tmp_path / "project", news, render_ahead=(1, 100_000))
    _with_probe(project, _AHEAD_PROBE)
    out = tmp_path / "probe.json"
    built = build(project, check=False, env={"PROBE_OUT": str(out)})
    assert built.result.returncode != 0
    output = built.result.stdout + built.result.stderr
    assert "nema-takoi-storinky.md" in output, output
    assert "Aborted with 1 warnings in strict mode" in output, output
    assert json.loads(out.read_text())["uk"][0] >= 1  # a worker ran


_CONTENT_PROBE = _AHEAD_PROBE + """
@event_priority(-300)
def on_page_content(html, page, config, files):
    # A plugin that keeps what it sees: a worker's pages would never reach it.
    if "/20" in page.file.dest_uri:
        with open(os.environ["PROBE_OUT"] + ".content", "a") as out:
            out.write(page.file.dest_uri + "\\n")
    return html
"""


def test_a_plugin_that_keeps_page_content_keeps_every_story_body_in_the_build(tmp_path):
    news = _news_with_more_stories(tmp_path)
    project = make_project(tmp_path / "project", news, render_ahead=(1, 100_000))
    _with_probe(project, _CONTENT_PROBE)
    out = tmp_path / "probe.json"
    built = build(project, env={"PROBE_OUT": str(out)})
    seen = json.loads(out.read_text())
    assert all(workers == 0 and made_here == count for workers, count, made_here in seen.values()), seen
    # The plugin saw every story's body (each language's, in the build).
    content = Path(str(out) + ".content").read_text().splitlines()
    assert len(content) >= sum(count for _, count, _ in seen.values()) > 100
    assert "on_page_content" in built.result.stdout + built.result.stderr
