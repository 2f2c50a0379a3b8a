"""The editors' commands: ``python -m newsroom new | check | status``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_EPOCH, FIXTURES, REPO, build, make_project
from newsroom.editors.cli import main
from newsroom.content.loader import load_uncached
from newsroom.settings import from_mkdocs_yml

FIXTURE_NEWS = FIXTURES / "site" / "news"


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run a command in this process: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse refusing an argument
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", FIXTURE_NEWS)


def story_folders(project: Path) -> set[str]:
    return {p.relative_to(project / "news").as_posix() for p in (project / "news").glob("*/*") if p.is_dir()}


# -- new -------------------------------------------------------------------------

def test_new_story_passes_check_and_is_published_by_the_build(project, capsys):
    code, out, err = run(capsys, "new", "Форум громад у Полтаві", "--category", "forum",
                         "--date", "2025-12-09", "--en-title", "Community forum in Poltava",
                         "--root", str(project))
    assert code == 0, err
    folder = project / "news" / "2025" / "2025-12-09-forum-hromad-u-poltavi"
    assert sorted(p.name for p in folder.iterdir()) == ["en.md", "uk.md"]
    assert "news/2025/2025-12-09-forum-hromad-u-poltavi/uk.md" in out
    assert out.strip().splitlines()[-1] == "Next: write the story in the file(s), then run: make check"

    # As new left it, the story is not ready: check says what to replace.
    code, out, err = run(capsys, "check", "--root", str(project))
    assert code == 1
    assert "news/2025/2025-12-09-forum-hromad-u-poltavi/uk.md:19: text: still holds the paragraph that " \
           "new wrote to be replaced; replace it with the story's text" in out
    assert "en.md:9: text: still holds the paragraph" in out
    _write_text(folder)

    code, out, err = run(capsys, "check", "--root", str(project))
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("OK:")

    built = build(project)  # SOURCE_DATE_EPOCH: 2025-12-10 in Kyiv
    page = built.html("news/2025/12/09/forum-hromad-u-poltavi/")
    assert page.css_first("h1").text(strip=True) == "Форум громад у Полтаві"
    english = built.html("en/news/2025/12/09/forum-hromad-u-poltavi/")
    assert english.css_first("h1").text(strip=True) == "Community forum in Poltava"
    assert english.css_first("html").attributes["lang"] == "en"
    # Listed on the first page of the news in both languages.
    for listing, title in (("news/", "Форум громад у Полтаві"), ("en/news/", "Community forum in Poltava")):
        links = [a.text(strip=True) for a in built.html(listing).css("main a")]
        assert title in links, (listing, links)


def _write_text(folder) -> None:
    """What an editor does after new: the story's text in place of the placeholder."""
    from newsroom.content.story import PLACEHOLDERS

    for lang, placeholder in PLACEHOLDERS.items():
        file = folder / f"{lang}.md"
        if file.exists():
            file.write_text(file.read_text(encoding="utf-8").replace(placeholder, "Текст." if lang == "uk" else "Text."),
                            encoding="utf-8")


def test_new_front_matter_is_what_the_loader_reads(project, capsys):
    # Colons, quotes, '#', a leading dash and words YAML reads as yes/no or dates.
    title = '- Заява: «так» чи "ні"? no # 2025-12-04'
    code, _, err = run(capsys, "new", title, "--category", "finance", "--date", "2025-12-08",
                       "--en", "--root", str(project))
    assert code == 0, err
    folder = next((project / "news/2025").glob("2025-12-08-*"))
    _write_text(folder)
    loaded = load_uncached(from_mkdocs_yml(project))
    # Until the editor translates it, en.md holds the Ukrainian title: not published.
    assert [(p.path.rsplit("/", 1)[-1], p.field, p.message) for p in loaded.problems] == [
        ("en.md", "title", f"is the same as in news/2025/{folder.name}/uk.md")]
    assert not any(s.id.startswith("2025-12-08-") for s in loaded.catalog.stories)
    (folder / "en.md").write_text((folder / "en.md").read_text(encoding="utf-8").replace(
        "title: " + json.dumps(title, ensure_ascii=False), 'title: "- Statement: yes or no? # 2025-12-04"'),
        encoding="utf-8")
    loaded = load_uncached(from_mkdocs_yml(project))
    assert loaded.problems == []
    story = next(s for s in loaded.catalog.stories if s.id.startswith("2025-12-08-"))
    assert story.category == "finance"
    assert story.versions["uk"].title == title
    assert story.versions["en"].title == "- Statement: yes or no? # 2025-12-04"
    assert story.id == "2025-12-08-zaiava-tak-chy-ni-no-2025-12-04"
    text = (project / "news/2025" / story.id / "uk.md").read_text(encoding="utf-8")
    assert "# summary:" in text and "# event:" in text and "# deadline:" in text


def test_new_without_en_makes_only_the_ukrainian_file(project, capsys):
    code, _, err = run(capsys, "new", "Круглий стіл", "--category", "roundtable",
                       "--date", "2025-12-08", "--root", str(project))
    assert code == 0, err
    folder = project / "news/2025/2025-12-08-kruhlyi-stil"
    assert [p.name for p in folder.iterdir()] == ["uk.md"]


@pytest.mark.parametrize("title, slug", [("Полтава", "poltava"), ("Київ", "kyiv"), ("Згорани", "zghorany"),
                                         ("Розгон, Яготин і Юрій!", "rozghon-yahotyn-i-yurii")])
def test_new_slug_follows_the_official_transliteration(project, capsys, title, slug):
    code, _, err = run(capsys, "new", title, "--category", "forum", "--date", "2025-12-08",
                       "--root", str(project))
    assert code == 0, err
    assert (project / "news/2025" / f"2025-12-08-{slug}" / "uk.md").is_file()


def test_new_cuts_a_long_slug_at_a_word_boundary(project, capsys):
    title = "Мінфін у листопаді забезпечив перерахування міжбюджетних трансфертів місцевим бюджетам громад"
    code, _, err = run(capsys, "new", title, "--category", "finance", "--date", "2025-12-08",
                       "--root", str(project))
    assert code == 0, err
    [folder] = [f for f in story_folders(project) if f.startswith("2025/2025-12-08-")]
    slug = folder.split("/")[1][len("2025-12-08-"):]
    assert len(slug) <= 60
    full = "minfin-u-lystopadi-zabezpechyv-pererakhuvannia-mizhbiudzhetnykh-transfertiv-mistsevym-biudzhetam-hromad"
    assert full.startswith(slug + "-")  # whole words only


def test_new_defaults_to_today_in_kyiv(project, capsys, monkeypatch):
    # 2025-12-09 22:30 UTC is already 2025-12-10 00:30 in Kyiv.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1765319400))
    code, _, err = run(capsys, "new", "Полтава", "--category", "forum", "--root", str(project))
    assert code == 0, err
    assert (project / "news/2025/2025-12-10-poltava/uk.md").is_file()


def test_new_refuses_to_overwrite_a_story(project, capsys):
    args = ("new", "Полтава", "--category", "forum", "--date", "2025-12-08", "--root", str(project))
    assert run(capsys, *args)[0] == 0
    file = project / "news/2025/2025-12-08-poltava/uk.md"
    file.write_text("---\ntitle: Edited\ncategory: forum\n---\n\nThe editor's text.\n", encoding="utf-8")
    code, out, err = run(capsys, *args, "--en")
    assert code == 1
    assert "news/2025/2025-12-08-poltava already exists" in err
    assert file.read_text(encoding="utf-8").endswith("The editor's text.\n")
    assert not (file.parent / "en.md").exists()


def test_new_rejects_an_unknown_category_and_a_bad_date(project, capsys):
    before = story_folders(project)
    code, _, err = run(capsys, "new", "Полтава", "--category", "sport", "--root", str(project))
    assert code == 1
    assert "'sport' is not a category" in err and "forum" in err
    code, _, err = run(capsys, "new", "Полтава", "--category", "forum", "--date", "2025-02-30",
                       "--root", str(project))
    assert code == 2
    assert "not a real date" in err
    code, _, err = run(capsys, "new", "«»", "--category", "forum", "--root", str(project))
    assert code == 1
    assert "--slug" in err
    assert story_folders(project) == before


def test_python_m_newsroom_runs_from_the_project(project):
    """The entry point as editors and pre-commit call it."""
    environ = dict(os.environ, SOURCE_DATE_EPOCH=str(FIXTURE_EPOCH), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "newsroom", "new", "Київ", "--category", "programme"],
                            cwd=project, capture_output=True, text=True, env=environ)
    assert result.returncode == 0, result.stderr
    assert (project / "news/2025/2025-12-10-kyiv/uk.md").is_file()
    _write_text(project / "news/2025/2025-12-10-kyiv")
    result = subprocess.run([sys.executable, "-m", "newsroom", "check", "news/2025/2025-12-10-kyiv/uk.md"],
                            cwd=project, capture_output=True, text=True, env=environ)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK:")


# -- check -----------------------------------------------------------------------

GOOD = "---\ntitle: \"Форум громад\"\ncategory: forum\n{extra}---\n\nПерший абзац новини.\n"

# folder -> ({file: content}, the `path:line: field: message` a problem line must start with,
# [and words it must hold where the field named may vary]).
BROKEN: dict[str, tuple] = {
    "2025/2025-12-01-yaml-syntax": ({"uk.md": "---\ntitle: Форум: громад\ncategory: forum\n---\n\nТекст.\n"},
                                    "uk.md:2: ", "YAML syntax error"),
    "2025/2025-12-01-unclosed": ({"uk.md": "---\ntitle: Форум\ncategory: forum\n\nТекст.\n"},
                                 "uk.md:1: front matter: the front matter block is not closed"),
    "2025/2025-12-01-unknown-key": ({"uk.md": GOOD.format(extra="titel: Форум\n")},
                                    "uk.md:4: titel: is not a known field"),
    "2025/2025-12-01-missing-title": ({"uk.md": "---\ncategory: forum\n---\n\nТекст.\n"},
                                      "uk.md:2: title: is required"),
    "2025/2025-12-01-missing-category": ({"uk.md": "---\ntitle: Форум\n---\n\nТекст.\n"},
                                         "uk.md:2: category: is required"),
    "2025/2025-13-45-not-a-date": ({"uk.md": GOOD.format(extra="")},
                                   "news/2025/2025-13-45-not-a-date: folder: 2025-13-45 is not a real date"),
    "2025/2025-12-01-Bad_Slug": ({"uk.md": GOOD.format(extra="")},
                                 "news/2025/2025-12-01-Bad_Slug: folder: the slug 'Bad_Slug' breaks the rules"),
    "2025/2025-12-01-bad-time": ({"uk.md": GOOD.format(extra="time: 25:00\n")}, "uk.md:4: time: "),
    "2025/2025-12-01-bad-deadline": ({"uk.md": GOOD.format(extra="deadline: 2025-02-30\n")},
                                     "uk.md:4: deadline: "),
    "2025/2025-12-01-bad-event-date": ({"uk.md": GOOD.format(extra="event:\n  start: someday\n")},
                                       "uk.md:5: event.start: "),
    "2025/2025-12-01-event-ends-early": (
        {"uk.md": GOOD.format(extra="event:\n  start: 2025-12-15\n  end: 2025-12-14\n")},
        "uk.md:6: event.end: the event ends before it starts"),
    "2025/2025-12-01-deadline-early": ({"uk.md": GOOD.format(extra="deadline: 2025-11-30\n")},
                                       "uk.md:4: deadline: 2025-11-30 is before the publication date 2025-12-01"),
    "2025/2025-12-01-unknown-category": ({"uk.md": "---\ntitle: Форум\ncategory: sport\n---\n\nТекст.\n"},
                                         "uk.md:3: category: 'sport' is not a category"),
    "2025/2025-12-01-unknown-region": ({"uk.md": GOOD.format(extra="region: atlantis\n")},
                                       "uk.md:4: region: 'atlantis' is not a region"),
    "2025/2025-12-01-javascript-url": (
        {"uk.md": GOOD.format(extra="event:\n  start: 2025-12-15\n  url: javascript:alert(1)\n")},
        "uk.md:6: event.url: "),
    "2025/2025-12-01-translation-disagrees": (
        {"uk.md": GOOD.format(extra=""), "en.md": "---\ntitle: Forum\ncategory: finance\n---\n\nText.\n"},
        "en.md:3: category: differs from"),
    "2025/2025-12-01-ua-file": ({"uk.md": GOOD.format(extra=""), "ua.md": GOOD.format(extra="")},
                                "ua.md: file: is not a language file"),
    "2025/2025-12-01-empty-file": ({"uk.md": ""}, "uk.md: file: the file is empty"),
    "2025/2025-12-01-not-utf8": ({"uk.md": GOOD.format(extra="").encode("cp1251")},
                                 "uk.md:2: file: the file is not UTF-8"),
    "2025/2025-12-01-draft-no": ({"uk.md": GOOD.format(extra="draft: no\n")}, "uk.md:4: draft: "),
    "2025/2025-12-01-duplicate-key": ({"uk.md": GOOD.format(extra="title: Інший\n")},
                                      "uk.md:4: title: the key appears twice"),
    "2025/2025-12-01-bare-date": ({"uk.md": "---\ntitle: 2025-12-04\ncategory: forum\n---\n\nТекст.\n"},
                                  "uk.md:2: title: expected text"),
    "2024/2025-12-01-same-url": ({"uk.md": GOOD.format(extra="")}, "news/2024/2025-12-01-same-url: folder"),
    "2025/2025-12-01-same-url": ({"uk.md": GOOD.format(extra="")},
                                 "news/2025/2025-12-01-same-url: folder: would be published at "
                                 "/news/2025/12/01/same-url/"),
}


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURE_NEWS / name, news / name)
    for folder, (files, *_) in BROKEN.items():
        (news / folder).mkdir(parents=True)
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (news / folder / name).write_bytes(data)
    return make_project(tmp_path / "project", news)


def test_check_names_every_problem_with_file_line_and_field(broken_project, capsys):
    code, out, _ = run(capsys, "check", "--root", str(broken_project))
    assert code == 1
    lines = out.strip().splitlines()
    for folder, (files, fragment, *words) in BROKEN.items():
        where = fragment if fragment.startswith("news/") else f"news/{folder}/{fragment}"
        assert any(line.startswith(where) and all(w in line for w in words) for line in lines), (where, out)
    # Every problem line says what to do about it.
    problems = [line for line in lines if line.startswith("news/")]
    assert all("; " in line for line in problems), problems
    assert lines[-1] not in problems  # the summary comes last
    code, out_uk, _ = run(capsys, "check", "--lang", "uk", "--root", str(broken_project))
    assert code == 1
    # Every line in Ukrainian (issue 23), with the same file, line and field.
    from newsroom.content.checks import run_checks

    problems = run_checks(broken_project).problems
    assert out_uk.splitlines()[:-1] == [p.format("uk") for p in problems]
    assert all(uk != en and uk.split(": ")[0] == en.split(": ")[0]
               for uk, en in zip(out_uk.splitlines()[:-1], lines[:-1]))
    assert out_uk.splitlines()[-1] != lines[-1]


def test_the_build_rejects_what_check_rejects(broken_project, capsys):
    code, out, _ = run(capsys, "check", "--root", str(broken_project))
    assert code == 1
    built = build(broken_project, check=False)
    assert built.result.returncode != 0
    log = built.result.stdout + built.result.stderr
    # The same code reports the same problems: every line of `check` is in the build's error.
    for line in out.strip().splitlines()[:-1]:
        assert line in log, line


def test_check_rejects_a_knowledge_page_at_a_news_url(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    (docs / "uk/news").mkdir()
    (docs / "uk/news/index.md").write_text("---\ntitle: Новини\n---\n\nТекст.\n", encoding="utf-8")
    (docs / "en/broken.md").write_text("---\ndescription: no title\n---\n\nText.\n", encoding="utf-8")
    project = make_project(tmp_path / "project", FIXTURE_NEWS, docs=docs)
    code, out, _ = run(capsys, "check", "--root", str(project))
    assert code == 1
    assert "docs/uk/news/index.md: url: " in out
    assert "docs/en/broken.md:2: title: " in out
    assert build(project, check=False).result.returncode != 0


def test_check_accepts_the_real_content_quickly(capsys):
    import time

    start = time.perf_counter()
    code, out, _ = run(capsys, "check", "--root", str(REPO))
    assert code == 0, out
    assert out.startswith("OK:")
    assert time.perf_counter() - start < 5


# -- status ----------------------------------------------------------------------

def git(repo: Path, *args: str, when: str | None = None) -> None:
    environ = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
                   GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if when:
        environ.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=repo, env=environ, check=True, capture_output=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_status_reports_stale_and_missing_translations(tmp_path, capsys):
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "news").mkdir()
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURE_NEWS / name, repo / "news" / name)
    story = "---\ntitle: \"{title}\"\n{extra}---\n\n{body}\n"
    stale = repo / "news/2025/2025-12-01-stale"
    fresh = repo / "news/2025/2025-12-02-fresh"
    lonely = repo / "news/2025/2025-12-03-lonely"
    write(stale / "uk.md", story.format(title="Застаріла", extra="category: forum\n", body="Текст."))
    write(stale / "en.md", story.format(title="Stale", extra="", body="Text."))
    write(fresh / "uk.md", story.format(title="Свіжа", extra="category: forum\n", body="Текст."))
    write(fresh / "en.md", story.format(title="Fresh", extra="", body="Text."))
    write(lonely / "uk.md", story.format(title="Без перекладу", extra="category: forum\n", body="Текст."))
    write(repo / "docs/uk/index.md", "---\ntitle: Головна\n---\n\nТекст.\n")
    write(repo / "docs/en/index.md", "---\ntitle: Home\n---\n\nText.\n")
    write(repo / "docs/uk/about.md", "---\ntitle: Про сайт\n---\n\nТекст.\n")
    write(repo / "docs/uk/programme.md", "---\ntitle: Програма\n---\n\nТекст.\n")
    write(repo / "docs/en/programme.md", "---\ntitle: Programme\n---\n\nText.\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "all", when="2025-12-01T10:00:00+02:00")
    # The originals change after their translations...
    write(stale / "uk.md", story.format(title="Застаріла", extra="category: forum\n", body="Новий текст."))
    git(repo, "commit", "-q", "-am", "story changed", when="2025-12-03T10:00:00+02:00")
    write(repo / "docs/uk/programme.md", "---\ntitle: Програма\n---\n\nНовий текст.\n")
    git(repo, "commit", "-q", "-am", "page changed", when="2025-12-05T10:00:00+02:00")
    # ...a translation catches up with its original...
    write(fresh / "uk.md", story.format(title="Свіжа", extra="category: forum\n", body="Новий текст."))
    git(repo, "commit", "-q", "-am", "fresh changed", when="2025-12-06T10:00:00+02:00")
    write(fresh / "en.md", story.format(title="Fresh", extra="", body="New text."))
    git(repo, "commit", "-q", "-am", "fresh translated", when="2025-12-07T10:00:00+02:00")
    # ...and an original is being edited, not committed yet.
    write(repo / "docs/uk/index.md", "---\ntitle: Головна\n---\n\nНовий текст.\n")

    code, out, _ = run(capsys, "status", "--root", str(repo))
    assert code == 0
    lines = out.splitlines()

    def line_of(fragment: str) -> int:
        found = [i for i, line in enumerate(lines) if fragment in line]
        assert len(found) == 1, (fragment, out)
        return found[0]

    # Missing translations: the Ukrainian-only story and page.
    assert "news/2025/2025-12-03-lonely/" in lines[line_of("lonely")] and "en.md" in lines[line_of("lonely")]
    assert "docs/en/about.md" in lines[line_of("docs/uk/about.md")]
    # Stale translations, newest change of the original first; the fresh one is not listed.
    index, programme, story_line = (line_of("docs/en/index.md"), line_of("docs/en/programme.md"),
                                    line_of("news/2025/2025-12-01-stale/en.md"))
    assert index < programme < story_line
    assert "2025-12-01 10:00" in lines[story_line] and "2025-12-03 10:00" in lines[story_line]
    assert "2025-12-05 10:00" in lines[programme]
    assert "not committed" in lines[index]
    assert "fresh" not in out

    code, out_uk, _ = run(capsys, "status", "--lang", "uk", "--root", str(repo))
    assert code == 0
    assert "Бракує перекладу" in out_uk and "news/2025/2025-12-01-stale/en.md" in out_uk

    # Once the stale translations are updated and committed, only the missing ones remain.
    write(stale / "en.md", story.format(title="Stale", extra="", body="New text."))
    write(repo / "docs/en/programme.md", "---\ntitle: Programme\n---\n\nNew text.\n")
    git(repo, "commit", "-q", "-am", "translations", when="2025-12-08T10:00:00+02:00")
    write(repo / "docs/en/index.md", "---\ntitle: Home\n---\n\nNew text.\n")  # uncommitted: changed now
    code, out, _ = run(capsys, "status", "--root", str(repo))
    assert code == 0
    for path in ("news/2025/2025-12-01-stale/en.md", "docs/en/programme.md", "docs/en/index.md"):
        assert path not in out, out
    assert "lonely" in out and "docs/uk/about.md" in out


def test_status_outside_git_still_lists_missing_translations(project, capsys):
    code, out, _ = run(capsys, "status", "--root", str(project))
    assert code == 0
    assert "news/2025/2025-11-02-ukrainian-only/" in out
    assert "news/2025/2025-11-03-english-only/" in out
