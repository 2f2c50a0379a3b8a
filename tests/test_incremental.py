"""``mkdocs build --dirty`` is incremental and equals a clean build (issue 25).

A sequence of edits on the fixture site (every kind the issue lists); after
each, the site built with ``--dirty`` on top of the previous one is compared,
file by file and byte for byte, with a clean build of the same tree; and a
property test draws random sequences of edits. The engine is copied into the
project (not linked), so that an edit can change a template."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_EPOCH, FIXTURES, REPO
from conftest import site_files as tree

DAY = 86_400
STORY = "news/2025/2025-11-09-same-day-morning"


def _project(tmp: Path) -> Path:
    project = tmp / "project"
    project.mkdir(parents=True)
    for name in ("newsroom", "newsroom_mkdocs", "hooks", "overrides"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("data", "docs", "admin", "node_modules"):
        (project / name).symlink_to(REPO / name)
    shutil.copytree(FIXTURES / "site" / "news", project / "news")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("    page_size: 20\n", "    page_size: 3\n").replace(
        "    search_bundle: 500\n", "    search_bundle: 5\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(REPO / "requirements.lock", project / "requirements.lock")
    return project


def _build(project: Path, site: Path, epoch: int, dirty: bool, plain: bool = False) -> str:
    """``plain``: every speed mechanism on its plain path (NEWSROOM_SPEED=off),
    the --dirty build's own included."""
    environ = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "NEWSROOM_SPEED")}
    environ.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(epoch))
    if plain:
        environ["NEWSROOM_SPEED"] = "off"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command + (["--dirty"] if dirty else []), cwd=project, capture_output=True,
                            text=True, env=environ)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


def _same_as_clean(project: Path, site: Path, tmp: Path, epoch: int, step: str, plain: bool = False) -> str:
    """A --dirty build (on the plain paths: ``plain``) the same as a clean build."""
    clean = tmp / f"clean-{step}"
    # The clean build beside the dirty one (two cores; they share only the
    # pictures' and templates' caches, written by atomic renames).
    with ThreadPoolExecutor(1) as pool:
        beside = pool.submit(_build, project, clean, epoch, False)
        log = _build(project, site, epoch, dirty=True, plain=plain)
        beside.result()
    dirty_files, clean_files = tree(site), tree(clean)
    assert sorted(dirty_files) == sorted(clean_files), (step, set(dirty_files) ^ set(clean_files))
    differ = [name for name in clean_files if clean_files[name] != dirty_files[name]]
    assert differ == [], (step, differ[:10])
    shutil.rmtree(clean)
    return log


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _story(project: Path, folder: str, uk: str, en: str | None = None) -> None:
    target = project / "news" / folder
    target.mkdir(parents=True)
    (target / "uk.md").write_text(uk, encoding="utf-8")
    if en:
        (target / "en.md").write_text(en, encoding="utf-8")


def _picture(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (800, 500), (30, 120, 200)).save(path)


EDITS = {
    "add a story": lambda p: _story(p, "2025/2025-12-08-nova-novyna",
                                    "---\ntitle: Нова новина\ncategory: finance\ntags: [бюджет]\n---\n\nТекст.\n",
                                    "---\ntitle: A new story\n---\n\nText.\n"),
    "edit a story's text": lambda p: _edit(p / STORY / "uk.md", "Перший абзац", "Змінений перший абзац"),
    "change a title": lambda p: _edit(p / STORY / "en.md", 'title: "', 'title: "Changed: '),
    "change category, tags and region": lambda p: _edit(p / STORY / "uk.md", "category: finance",
                                                        "category: forum\ntags: [бюджет]\nregion: lviv"),
    "add a translation": lambda p: (p / "news/2025/2025-11-02-ukrainian-only/en.md").write_text(
        "---\ntitle: Budget of the Poltava community\n---\n\nText.\n", encoding="utf-8"),
    "remove a translation": lambda p: (p / "news/2025/2025-11-02-ukrainian-only/en.md").unlink(),
    "make a story a draft": lambda p: _edit(p / STORY / "uk.md", "---\n\n", "draft: true\n---\n\n"),
    "and back": lambda p: _edit(p / STORY / "uk.md", "draft: true\n", ""),
    "delete a story": lambda p: shutil.rmtree(p / "news/2025/2025-11-03-english-only"),
    "move a story": lambda p: subprocess.run(
        [sys.executable, "-m", "newsroom", "move", "news/2025/2025-11-08-vacancy-closed", "--slug", "moved",
         "--root", str(p)], cwd=p, check=True, capture_output=True),
    "add a picture": lambda p: (_picture(p / STORY / "hall.png"),
                                _edit(p / STORY / "uk.md", "---\n\n", "image: hall.png\nimage_alt: Зала\n---\n\n")),
    "rename a category": lambda p: _edit(p / "news/categories.yml", "Форуми", "Форуми громад"),
    "change a template": lambda p: _edit(p / "newsroom/render/templates/entry.html", 'class="news-entry__excerpt"',
                                          'class="news-entry__excerpt news-entry__excerpt--x"'),
}


@pytest.mark.slow
def test_every_edit_built_dirty_equals_a_clean_build(tmp_path):
    project = _project(tmp_path)
    site = tmp_path / "site"
    log = _same_as_clean(project, site, tmp_path, FIXTURE_EPOCH, "first")
    assert "Full build: no previous site" in log
    log = _same_as_clean(project, site, tmp_path, FIXTURE_EPOCH, "nothing changed")
    assert "Incremental build" in log
    epoch = FIXTURE_EPOCH
    for name, edit in EDITS.items():
        edit(project)
        log = _same_as_clean(project, site, tmp_path, epoch, name)
        full = "Full build" in log
        assert full == (name in ("rename a category", "change a template")), (name, log[-500:])
    # The clock: past the vacancy's deadline (2025-12-31) and the event's end (2025-12-20).
    epoch = FIXTURE_EPOCH + 25 * DAY
    log = _same_as_clean(project, site, tmp_path, epoch, "the clock moves on")
    assert "Incremental build" in log


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["add a story", "edit a story's text", "change a title",
                                 "change category, tags and region", "add a translation", "make a story a draft",
                                 "delete a story", "add a picture"]), min_size=2, max_size=3, unique=True))
def test_random_edit_sequences_built_dirty_equal_clean_builds(tmp_path_factory, sequence):
    tmp = tmp_path_factory.mktemp("random")
    project = _project(tmp)
    site = tmp / "site"
    # The dirty builds on the plain paths here (the proof above takes the fast ones).
    _build(project, site, FIXTURE_EPOCH, dirty=True, plain=True)
    for step, name in enumerate(sequence):
        EDITS[name](project)
        _same_as_clean(project, site, tmp, FIXTURE_EPOCH + step * DAY, name, plain=True)


def test_remove_stale_removes_only_what_no_page_wrote_under_the_engines_folders(tmp_path):
    from newsroom.speed.incremental import remove_stale

    for name in ("news/index.html", "news/a/index.html", "news/b/x.html", "en/news/feed.xml",
                 "en/news/c/d/e.html", "keep.html", "en/keep.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    removed = remove_stale(tmp_path, ["en/news/", "news/"], {"news/index.html", "news/a/index.html",
                                                             "en/news/feed.xml"})
    assert sorted(removed) == ["en/news/c/d/e.html", "news/b/x.html"]
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["en/keep.html", "en/news/feed.xml", "keep.html", "news/a/index.html", "news/index.html"]
    assert not (tmp_path / "en/news/c").exists() and not (tmp_path / "news/b").exists()  # emptied folders go
