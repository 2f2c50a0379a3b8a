"""Every invalid story is rejected with its file, line and field (issue 4).

Each bad example lives in its own folder of ``tests/fixtures/bad/`` (see its
README). Every case is checked fast through ``load_uncached``; then one real
build of a project holding all bad stories at once must fail and name every
problem together, and one build with knowledge pages at the URLs of news
pages must fail naming both sides. A UTF-8 BOM and CRLF line endings are
accepted and published correctly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, build, make_project
from newsroom.content.loader import load_uncached
from newsroom.content.problems import ContentError, Problem
from newsroom.settings import Settings

BAD = FIXTURES / "bad"
SITE_NEWS = FIXTURES / "site" / "news"

S = "news/2025/2025-12-01-"  # the folder prefix shared by most cases

# case -> the problems expected: (path, line or None, field, words the message must contain).
# The problems found must be exactly these (no more, no fewer).
EXPECTED: dict[str, list[tuple[str, int | None, str, str]]] = {
    "yaml-unclosed-quote": [
        (f"{S}yaml-unclosed-quote/uk.md", 2, "title", "YAML syntax error: a quoted text starts on this line and is never closed")],
    "yaml-tab-indent": [
        (f"{S}yaml-tab-indent/uk.md", 5, "front matter", "YAML syntax error: a tab is used for indentation")],
    "yaml-stray-quote": [
        (f"{S}yaml-stray-quote/uk.md", 2, "title", "the value ends with a quote mark that is never opened")],
    "yaml-syntax-error": [
        (f"{S}yaml-syntax-error/uk.md", 2, "title", "YAML syntax error: a quoted text starts on this line and is never closed")],
    "yaml-colon-in-text": [
        (f"{S}yaml-colon-in-text/uk.md", 3, "title", "YAML syntax error: a value contains a colon followed by a space")],
    "unclosed-front-matter": [
        (f"{S}unclosed-front-matter/uk.md", 1, "front matter", "the front matter block is not closed")],
    "no-front-matter": [
        (f"{S}no-front-matter/uk.md", 1, "front matter", "does not start with a front matter block")],
    "unknown-key": [
        (f"{S}unknown-key/uk.md", 2, "titel", "is not a known field"),
        (f"{S}unknown-key/uk.md", 2, "title", "is required")],
    "missing-title": [
        (f"{S}missing-title/uk.md", 2, "title", "is required")],
    "missing-category": [
        (f"{S}missing-category/uk.md", 2, "category", "is required")],
    "folder-date-not-real": [
        ("news/2026/2026-13-45-folder-date-not-real", None, "folder", "2026-13-45 is not a real date")],
    "slug-uppercase": [
        (f"{S}Slug-Uppercase", None, "folder", "the slug 'Slug-Uppercase' breaks the rules")],
    "slug-double-hyphen": [
        (f"{S}slug--double-hyphen", None, "folder", "the slug 'slug--double-hyphen' breaks the rules")],
    "slug-cyrillic": [
        (f"{S}форум-громад", None, "folder", "the slug 'форум-громад' breaks the rules")],
    "bad-time": [
        (f"{S}bad-time/uk.md", 4, "time", "expected a time of day HH:MM (Kyiv time) such as '09:30', got '25:00'")],
    "bad-deadline": [
        (f"{S}bad-deadline/uk.md", 4, "deadline", "expected a real date YYYY-MM-DD such as 2025-12-15, got '2026-02-30'")],
    "bad-event-date": [
        (f"{S}bad-event-date/uk.md", 5, "event.start", "expected a real date YYYY-MM-DD or a date and time")],
    "event-ends-before-start": [
        (f"{S}event-ends-before-start/uk.md", 6, "event.end", "the event ends before it starts")],
    "deadline-before-publication": [
        (f"{S}deadline-before-publication/uk.md", 4, "deadline",
         "2025-11-30 is before the publication date 2025-12-01")],
    "unknown-category": [
        (f"{S}unknown-category/uk.md", 3, "category", "'forums' is not a category")],
    "unknown-region": [
        (f"{S}unknown-region/uk.md", 4, "region", "'poltavska' is not a region")],
    "event-url-javascript": [
        (f"{S}event-url-javascript/uk.md", 6, "event.url",
         "expected a web address starting with http:// or https://, got 'javascript:alert(1)'")],
    "event-url-ftp": [
        (f"{S}event-url-ftp/uk.md", 6, "event.url",
         "expected a web address starting with http:// or https://, got 'ftp://example.org/agenda.pdf'")],
    "translation-disagrees": [
        (f"{S}translation-disagrees/en.md", 3, "category",
         f"differs from {S}translation-disagrees/uk.md")],
    "language-file-ua": [
        (f"{S}language-file-ua/ua.md", None, "file", "is not a language file"),
        (f"{S}language-file-ua", None, "folder", "holds no story")],
    "language-file-index": [
        (f"{S}language-file-index/index.md", None, "file", "is not a language file")],
    "empty-file": [
        (f"{S}empty-file/uk.md", None, "file", "the file is empty")],
    "not-utf8": [
        (f"{S}not-utf8/uk.md", 2, "file", "the file is not UTF-8 text")],
    "draft-yes": [
        (f"{S}draft-yes/uk.md", 4, "draft", "expected true or false, got 'yes'")],
    "draft-no": [
        (f"{S}draft-no/uk.md", 4, "draft", "expected true or false, got 'no'")],
    "duplicate-keys": [
        (f"{S}duplicate-keys/uk.md", 4, "title", "the key appears twice (also on line 2)")],
    "bare-date-title": [
        (f"{S}bare-date-title/uk.md", 2, "title", "expected text but YAML read the date 2025-12-04")],
    "same-url": [
        ("news/2024/2025-12-01-same-url", None, "folder", "the date's year 2025 differs from the year folder 2024"),
        (f"{S}same-url", None, "folder",
         "would be published at /news/2025/12/01/same-url/, like news/2024/2025-12-01-same-url")],
    "asset-named-index-html": [
        (f"{S}asset-named-index-html/index.html", None, "file", "the site writes its own index.html")],
}

# Knowledge pages (docs/) at the URL of a news page: the build names both.
EXPECTED_DOCS: dict[str, list[str]] = {
    "knowledge-page-at-news-url": [
        "docs/uk/news/index.md: url: is published at /news/, where the news engine puts a news listing"],
    "knowledge-page-at-events-url": [
        "docs/uk/news/events.md: url: is published at /news/events/, where the news engine puts a news listing"],
    "knowledge-page-at-story-url": [
        "docs/uk/news/2025/11/01/both-languages/index.md: url: is published at /news/2025/11/01/both-languages/, "
        "where the news engine puts the story news/2025/2025-11-01-both-languages"],
    # The second language's collisions come together with the first's.
    "knowledge-page-at-english-story-url": [
        "docs/en/news/2025/11/01/both-languages/index.md: url: is published at /en/news/2025/11/01/both-languages/, "
        "where the news engine puts the story news/2025/2025-11-01-both-languages"],
}


def _where(path: str, line: int | None, field: str) -> str:
    return f"{path}:{line}: {field}: " if line else f"{path}: {field}: "


def news_with(tmp: Path, cases: list[str], *, with_site_stories: bool = False) -> Path:
    """A news/ in ``tmp`` with the fixture site's categories and regions
    (and, if asked, its stories) and the stories of the given bad cases."""
    news = tmp / "news"
    if with_site_stories:
        shutil.copytree(SITE_NEWS, news)
    else:
        news.mkdir(parents=True)
        for name in ("categories.yml", "regions.yml"):
            shutil.copy(SITE_NEWS / name, news / name)
    for case in cases:
        shutil.copytree(BAD / case / "news", news, dirs_exist_ok=True)
    return news


def load(root: Path):
    return load_uncached(Settings(root=root))


def test_every_bad_example_has_its_expectations():
    folders = {p.name for p in BAD.iterdir() if p.is_dir()}
    assert folders == set(EXPECTED) | set(EXPECTED_DOCS)
    for case in EXPECTED:
        assert (BAD / case / "news").is_dir(), case
    for case in EXPECTED_DOCS:
        assert (BAD / case / "docs").is_dir(), case


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_story_is_rejected_naming_file_line_field(case, tmp_path):
    news_with(tmp_path, [case])
    loaded = load(tmp_path)
    assert loaded.catalog.stories == [], "a bad story must not be published"
    found = {(p.path, p.line, p.field): p for p in loaded.problems}
    expected = {(path, line, field): words for path, line, field, words in EXPECTED[case]}
    assert set(found) == set(expected), "\n".join(p.format() for p in loaded.problems)
    for key, words in expected.items():
        problem = found[key]
        assert words in problem.message, problem.format()
        # Every problem tells the editor how to fix it, in the agreed shape.
        assert problem.hint, problem.format()
        assert problem.format() == f"{_where(*key)}{problem.message}; {problem.hint}"
        assert (tmp_path / problem.path).exists(), "the path is relative to the project"


def test_unknown_key_suggests_the_known_one(tmp_path):
    news_with(tmp_path, ["unknown-key"])
    [problem] = [p for p in load(tmp_path).problems if p.field == "titel"]
    assert "did you mean 'title'?" in problem.hint


def test_not_utf8_says_so_and_names_the_likely_encoding(tmp_path):
    news_with(tmp_path, ["not-utf8"])
    [problem] = load(tmp_path).problems
    assert "not UTF-8" in problem.message and "Windows-1251" in problem.message
    assert "UTF-8" in problem.hint


def test_all_bad_stories_together_every_problem_and_the_good_stories_kept(tmp_path):
    """All cases in one news/ with the fixture site's valid stories: every
    problem of every case is reported, and no valid story is lost."""
    news_with(tmp_path, sorted(EXPECTED), with_site_stories=True)
    loaded = load(tmp_path)
    expected = {(path, line, field) for case in EXPECTED.values() for path, line, field, _ in case}
    assert {(p.path, p.line, p.field) for p in loaded.problems} == expected
    good = load_uncached(Settings(root=SITE_NEWS.parent))
    assert good.problems == []
    assert sorted(s.id for s in loaded.catalog.stories) == sorted(s.id for s in good.catalog.stories)
    # ContentError, what the build raises, lists them all.
    text = str(ContentError(loaded.problems))
    assert text.startswith(f"{len(expected)} problems in the news content:")
    for problem in loaded.problems:
        assert problem.format() in text


@pytest.mark.parametrize("text, field, value", [
    ("source: no", "source", "no"),                  # YAML 1.1 would read false
    ("source: Yes", "source", "Yes"),
    ("source: off", "source", "off"),
    ("time: 10:30", "time", "10:30"),               # YAML 1.1 would read 630
    ("tags: [yes, no, on, Norway]", "tags", ("yes", "no", "on", "Norway")),
    ("draft: false", "draft", False),
])
def test_yaml_surprises_read_as_written(text, field, value, tmp_path):
    folder = tmp_path / "news" / "2025" / "2025-12-01-surprise"
    news_with(tmp_path, [])
    folder.mkdir(parents=True)
    (folder / "uk.md").write_text(f'---\ntitle: "Форум"\ncategory: forum\n{text}\n---\n\nТекст.\n',
                                  encoding="utf-8")
    loaded = load(tmp_path)
    assert loaded.problems == []
    [story] = loaded.catalog.stories
    got = story.version("uk").source if field == "source" else getattr(story, field)
    if field == "time":
        got = got.strftime("%H:%M")
    assert got == value


@pytest.mark.parametrize("text, field, words", [
    ("title: 2025", "title", "expected text but YAML read the number 2025"),
    ("title: 1.5", "title", "expected text but YAML read the number 1.5"),
    ("title: true", "title", "expected text but YAML read the yes/no value true"),
    ("title:", "title", "is empty"),
    ("title: [a, b]", "title", "expected text but YAML read a list"),
    ("time: 09:30:00", "time", "expected a time of day HH:MM"),
    ("tags: Полтава", "tags", "expected a list"),
    ("event: 2025-12-20", "event", "expected a group of fields"),
    ("event:\n  start: 2025-12-20\n  plase: Київ", "event.plase", "is not a known field"),
    ("title: &t Форум\nsummary: *t", "summary", "uses a YAML alias"),
    ("title: '@Форум'\nsource: @rada", "source", "YAML syntax error"),
    ("title: Форум\n\tsource: rada", "front matter", "a tab character"),
])
def test_more_bad_values_are_named(text, field, words, tmp_path):
    folder = tmp_path / "news" / "2025" / "2025-12-01-more"
    news_with(tmp_path, [])
    folder.mkdir(parents=True)
    head = "" if text.startswith("title") else 'title: "Форум"\n'
    (folder / "uk.md").write_text(f"---\ncategory: forum\n{head}{text}\n---\n\nТекст.\n", encoding="utf-8")
    problems = load(tmp_path).problems
    assert [p.field for p in problems] == [field], [p.format() for p in problems]
    assert words in problems[0].message
    assert problems[0].line is not None and problems[0].line >= 2


@pytest.mark.parametrize("front, expected", [
    ("~", {("title", 2), ("category", 2)}),
    ("null", {("title", 2), ("category", 2)}),
    ("&anchor", {("title", 2), ("category", 2)}),
    ("", {("title", 2), ("category", 2)}),
    ("- title\n- category", {("front matter", 2)}),
    ("Форум громад", {("front matter", 2)}),
])
def test_front_matter_that_is_not_fields_is_reported_never_dropped(front, expected, tmp_path):
    folder = tmp_path / "news" / "2025" / "2025-12-01-not-fields"
    news_with(tmp_path, [])
    folder.mkdir(parents=True)
    (folder / "uk.md").write_text(f"---\n{front}\n---\n\nТекст.\n" if front else "---\n---\n\nТекст.\n",
                                  encoding="utf-8")
    loaded = load(tmp_path)
    assert loaded.catalog.stories == []
    assert {(p.field, p.line) for p in loaded.problems} == expected, [p.format() for p in loaded.problems]


def test_every_problem_of_one_story_at_once(tmp_path):
    """A bad folder name does not hide the files' own problems, nor the
    checks against the catalog, nor a translation's disagreement."""
    folder = tmp_path / "news" / "2025" / "2025-12-01-Bad--Slug"
    news_with(tmp_path, [])
    folder.mkdir(parents=True)
    (folder / "uk.md").write_text('---\ntitle: "Форум"\ncategory: forums\nregion: nowhere\n---\n\nТекст.\n',
                                  encoding="utf-8")
    (folder / "en.md").write_text('---\ntitle: "Forum"\ntags: [a]\n---\n\nText.\n', encoding="utf-8")
    (folder / "ua.md").write_text('---\ntitle: "Форум"\n---\n', encoding="utf-8")
    shown = "news/2025/2025-12-01-Bad--Slug"
    assert {(p.path, p.line, p.field) for p in load(tmp_path).problems} == {
        (shown, None, "folder"),
        (f"{shown}/ua.md", None, "file"),
        (f"{shown}/uk.md", 3, "category"),
        (f"{shown}/uk.md", 4, "region"),
        (f"{shown}/en.md", 3, "tags"),
    }


def test_a_translation_may_repeat_neutral_fields_with_the_same_value(tmp_path):
    folder = tmp_path / "news" / "2025" / "2025-12-01-repeat"
    news_with(tmp_path, [])
    folder.mkdir(parents=True)
    (folder / "uk.md").write_text('---\ntitle: "Форум"\ncategory: forum\ntags: [a]\n---\n\nТекст.\n',
                                  encoding="utf-8")
    (folder / "en.md").write_text('---\ntitle: "Forum"\ncategory: forum\ntags: [a]\ndraft: false\n---\n\nText.\n',
                                  encoding="utf-8")
    loaded = load(tmp_path)
    assert loaded.problems == []
    assert [s.id for s in loaded.catalog.stories] == ["2025-12-01-repeat"]


# -- real builds ---------------------------------------------------------------

@pytest.fixture(scope="module")
def all_bad_build(tmp_path_factory):
    """One build of the fixture site plus every bad story."""
    tmp = tmp_path_factory.mktemp("all-bad")
    news = news_with(tmp / "src", sorted(EXPECTED), with_site_stories=True)
    project = make_project(tmp / "project", news, page_size=3)
    built = build(project, check=False)
    loaded = load(project)
    return built, loaded


def test_build_fails_naming_every_problem_together(all_bad_build):
    built, loaded = all_bad_build
    output = built.result.stdout + built.result.stderr
    assert built.result.returncode != 0, output
    count = sum(len(v) for v in EXPECTED.values())
    assert f"{count} problems in the news content:" in output
    for case in EXPECTED.values():
        for path, line, field, words in case:
            assert _where(path, line, field) in output, (path, line, field)
    # The build says exactly what the loader (and so `check`) says.
    assert len(loaded.problems) == count
    for problem in loaded.problems:
        assert problem.format() in output
    # Nothing was published from a failed build.
    assert not (built.site / "news" / "index.html").exists()


@pytest.fixture(scope="module")
def docs_collision_build(tmp_path_factory):
    """The fixture site with knowledge pages at the URLs of news pages."""
    tmp = tmp_path_factory.mktemp("docs-collision")
    docs = tmp / "docs"
    shutil.copytree(REPO / "docs", docs)
    for case in EXPECTED_DOCS:
        shutil.copytree(BAD / case / "docs", docs, dirs_exist_ok=True)
    project = make_project(tmp / "project", SITE_NEWS, docs=docs, page_size=3)
    return build(project, check=False)


def test_knowledge_page_at_a_news_url_fails_naming_both(docs_collision_build):
    """Every collision, in both languages, in one failed build."""
    output = docs_collision_build.result.stdout + docs_collision_build.result.stderr
    assert docs_collision_build.result.returncode != 0, output
    for lines in EXPECTED_DOCS.values():
        for line in lines:
            assert line in output
    assert not (docs_collision_build.site / "news" / "index.html").exists()


# -- accepted: a UTF-8 BOM and CRLF line endings ------------------------------

BOM_UK = ('---\r\ntitle: "Новина з BOM і CRLF"\r\ncategory: forum\r\nsummary: "Короткий опис з BOM"\r\n'
          'tags: [Полтава]\r\n---\r\n\r\nПерший абзац новини з BOM.\r\n\r\nДругий абзац.\r\n')
CRLF_EN = ('---\r\ntitle: "Story with CRLF"\r\nsource: Regional council\r\n---\r\n\r\n'
           'First paragraph with CRLF line endings.\r\n\r\nSecond paragraph.\r\n')
BOM_LF_UK = '---\ntitle: "Новина лише з BOM"\ncategory: finance\n---\n\nПерший абзац новини лише з BOM.\n'


@pytest.fixture(scope="module")
def accepted_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bom-crlf")
    news = tmp / "src" / "news"
    shutil.copytree(SITE_NEWS, news)
    both = news / "2025" / "2025-12-02-bom-crlf"
    both.mkdir()
    (both / "uk.md").write_bytes(b"\xef\xbb\xbf" + BOM_UK.encode("utf-8"))
    (both / "en.md").write_bytes(CRLF_EN.encode("utf-8"))
    only_bom = news / "2025" / "2025-12-03-bom-only"
    only_bom.mkdir()
    (only_bom / "uk.md").write_bytes(b"\xef\xbb\xbf" + BOM_LF_UK.encode("utf-8"))
    project = make_project(tmp / "project", news, page_size=3)
    return build(project)


def test_bom_and_crlf_files_load_without_problems(accepted_build):
    loaded = load(accepted_build.root)
    assert loaded.problems == []
    stories = {s.id: s for s in loaded.catalog.stories}
    story = stories["2025-12-02-bom-crlf"]
    assert story.version("uk").title == "Новина з BOM і CRLF"
    assert story.version("en").title == "Story with CRLF"
    assert story.tags == ("Полтава",)
    body = story.version("uk").body
    assert "\r" not in body and "\ufeff" not in body
    assert stories["2025-12-03-bom-only"].version("uk").title == "Новина лише з BOM"


@pytest.mark.parametrize("url, title, paragraph", [
    ("news/2025/12/02/bom-crlf/", "Новина з BOM і CRLF", "Перший абзац новини з BOM."),
    ("en/news/2025/12/02/bom-crlf/", "Story with CRLF", "First paragraph with CRLF line endings."),
    ("news/2025/12/03/bom-only/", "Новина лише з BOM", "Перший абзац новини лише з BOM."),
])
def test_bom_and_crlf_stories_are_published_correctly(accepted_build, url, title, paragraph):
    raw = accepted_build.page_path(url).read_text(encoding="utf-8")
    assert "\ufeff" not in raw and "\r" not in raw
    assert "---" not in accepted_build.html(url).css_first("article").text()
    tree = accepted_build.html(url)
    assert tree.css_first("h1").text(strip=True) == title
    assert title in tree.css_first("title").text()
    assert paragraph in [p.text(strip=True) for p in tree.css("article p")]


def test_no_bom_anywhere_in_the_built_site(accepted_build):
    for path in accepted_build.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json"):
            assert b"\xef\xbb\xbf" not in path.read_bytes(), path
    listing = accepted_build.html("news/")
    assert "Новина з BOM і CRLF" in [a.text(strip=True) for a in listing.css("a")]


def test_bodies_are_kept_compressed_and_the_helpers_catalog_leaves_out_bodies_and_paths(accepted_build):
    loaded = load(accepted_build.root)
    story = next(s for s in loaded.catalog.stories if s.id == "2025-12-02-bom-crlf")
    version = story.version("uk")
    text = (accepted_build.root / version.path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert version.body.startswith("Перший абзац новини з BOM.") and version.body in text
    assert len(version.body_z) < len(version.body.encode("utf-8"))
    light = loaded.catalog.without_bodies()
    assert [s.id for s in light.stories] == [s.id for s in loaded.catalog.stories]
    assert all(v.body_z is None and v.path == "" for s in light.stories for v in s.versions.values())
    light_version = next(s for s in light.stories if s.id == story.id).version("uk")
    assert (light_version.title, light_version.excerpt) == (version.title, version.excerpt)
    assert version.body_z and version.path  # the build's catalog keeps its bodies and paths


@pytest.mark.parametrize("render_ahead", [None, (1, 100_000)], ids=["default", "worker"])
def test_links_to_anchors_in_stories_are_still_checked_after_their_pages_are_written(tmp_path, render_ahead):
    """A written story's page is let go but for what MkDocs' check of links
    to anchors reads at the end of the build: that check still runs (MkDocs
    reports a missing anchor at its default level, info) and still finds the
    anchors that exist, also when the story's body was rendered by the worker
    (newsroom/ahead.py: its links and anchors are sent with the body)."""
    news = tmp_path / "news"
    shutil.copytree(FIXTURES / "site" / "news", news)
    folder = news / "2025" / "2025-11-20-anchors"
    folder.mkdir()
    (folder / "uk.md").write_text(
        "---\ntitle: Якорі\ncategory: forum\n---\n\n## Перший розділ {#first}\n\n"
        "[До розділу](#first) і [нікуди](#no-such-anchor).\n", encoding="utf-8")
    built = build(make_project(tmp_path / "project", news, render_ahead=render_ahead))
    log = built.result.stdout + built.result.stderr
    missing = [line for line in log.splitlines() if "contains a link" in line]
    assert len(missing) == 1, log
    assert "'#no-such-anchor', but there is no such anchor on this page" in missing[0]
