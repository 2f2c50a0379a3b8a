"""Reproducible and safe to publish (issue 4).

- Two builds of the same content with the same SOURCE_DATE_EPOCH, in
  different folders, are byte-identical, file by file.
- A failed build never leaves a half-written site: ``make build`` builds
  into site.tmp and moves it into place only on success.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_PAGE_SIZE, FIXTURE_SEARCH_BUNDLE, FIXTURES, REPO, build, make_project
from conftest import site_files as tree


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    """The fixture site again, from another folder, same SOURCE_DATE_EPOCH."""
    project = make_project(tmp_path_factory.mktemp("again") / "elsewhere" / "project",
                           FIXTURES / "site" / "news", page_size=FIXTURE_PAGE_SIZE,
                           search_bundle=FIXTURE_SEARCH_BUNDLE)
    return build(project)


PAGEFIND_ENTRIES = {"uk": "pagefind/pagefind-entry.json", "en": "en/pagefind/pagefind-entry.json"}


def test_two_builds_are_byte_identical(fixture_site, second_build):
    assert fixture_site.root != second_build.root
    first, second = tree(fixture_site.site), tree(second_build.site)
    assert len(first) > 100
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []


def test_pagefind_entry_is_written_in_a_stable_order(fixture_site, second_build):
    """Pagefind writes its entry file from a hash map, in an order that changes
    from run to run; the build rewrites it with sorted keys."""
    for built in (fixture_site, second_build):
        for lang, entry in PAGEFIND_ENTRIES.items():
            raw = (built.site / entry).read_bytes()
            data = json.loads(raw)
            assert set(data["languages"]) == {lang}  # one bundle per language
            canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            assert raw.decode("utf-8") == canonical


def test_no_build_path_leaks_into_the_output(fixture_site, second_build):
    for built in (fixture_site, second_build):
        for name, data in tree(built.site).items():
            assert str(built.root).encode() not in data, name
            assert str(built.root.resolve()).encode() not in data, name


# -- a failed build leaves the published site alone ---------------------------

def _make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO),
               SOURCE_DATE_EPOCH="1765360800", SITE_URL="http://127.0.0.1:8000/")
    venv = Path(sys.executable).parent.parent
    # The running venv and node_modules are set up already: `-o` keeps make
    # from installing them again.
    return subprocess.run(["make", "-C", str(project), f"VENV={venv}", "-o", f"{venv}/.installed",
                           "-o", "node_modules/.installed", *targets], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def make_project_dir(tmp_path_factory):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    project = make_project(tmp_path_factory.mktemp("make") / "project", FIXTURES / "site" / "news",
                           page_size=FIXTURE_PAGE_SIZE)
    shutil.copy(REPO / "Makefile", project / "Makefile")
    shutil.copy(REPO / "requirements.lock", project / "requirements.lock")
    shutil.copy(REPO / "package-lock.json", project / "package-lock.json")
    (project / "node_modules").symlink_to(REPO / "node_modules")  # (the web editor's files)
    return project


def test_make_build_replaces_the_site_only_on_success(make_project_dir):
    project = make_project_dir
    dry = _make(project, "-n", "build")
    assert "pip install" not in dry.stdout and "mkdocs build --strict --site-dir site.tmp" in dry.stdout, dry.stdout
    ok = _make(project, "build")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    site = project / "site"
    assert (site / "news" / "index.html").is_file()
    assert not (project / "site.tmp").exists()
    before = tree(site)

    # A bad story: the build fails and site/ stays exactly as it was.
    bad = project / "news" / "2025" / "2025-12-09-broken"
    bad.mkdir()
    (bad / "uk.md").write_text('---\ntitle: "Зламана\ncategory: forum\n---\n\nТекст.\n', encoding="utf-8")
    failed = _make(project, "build")
    assert failed.returncode != 0
    assert "news/2025/2025-12-09-broken/uk.md:2: title: YAML syntax error" in failed.stdout + failed.stderr
    assert tree(site) == before
    assert not (site / "news" / "2025" / "12" / "09").exists()

    # Fixed: the new build replaces the site whole.
    shutil.rmtree(bad)
    (project / "news" / "2025" / "2025-12-09-fixed").mkdir()
    (project / "news" / "2025" / "2025-12-09-fixed" / "uk.md").write_text(
        '---\ntitle: "Виправлена"\ncategory: forum\n---\n\nТекст.\n', encoding="utf-8")
    again = _make(project, "build")
    assert again.returncode == 0, again.stdout + again.stderr
    assert (site / "news" / "2025" / "12" / "09" / "fixed" / "index.html").is_file()
    assert not (project / "site.tmp").exists()
