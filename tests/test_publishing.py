"""Publishing (issue 23): ``make build`` never silently writes the local
address into canonical links, feeds and the sitemap."""

from __future__ import annotations

import os
import subprocess

from conftest import REPO


def _make_build(ci: str) -> subprocess.CompletedProcess:
    """``make build``'s first step, the address check (make site-url)."""
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    environ["CI"] = ci
    assert "build: setup node_modules/.installed site-url" in (REPO / "Makefile").read_text(encoding="utf-8")
    return subprocess.run(["make", "-s", "site-url"], cwd=REPO, capture_output=True, text=True, env=environ)


def test_make_build_without_site_url_fails_in_ci():
    result = _make_build("true")
    assert result.returncode != 0
    assert "error: SITE_URL is not set" in result.stderr


def test_make_build_without_site_url_warns_loudly_elsewhere():
    result = _make_build("")
    assert result.returncode == 0
    assert "WARNING: SITE_URL is not set" in result.stderr and "http://127.0.0.1:8000/" in result.stderr


def test_the_documented_exit_codes_are_the_real_ones(tmp_path):
    """EDITORS.md: 0 done, 1 refused or problems found, 2 the command mistyped."""
    import shutil
    import sys

    from conftest import FIXTURES

    guide = (REPO / "EDITORS.md").read_text(encoding="utf-8")
    assert "0 when it did\nwhat was asked" in guide and "1 when it refused or found\nproblems" in guide
    assert "2 when the command itself was mistyped" in guide
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "site" / "news", project / "news")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")

    def run(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "newsroom", *args, "--root", str(project)], cwd=REPO,
                              capture_output=True, text=True).returncode

    assert run("check") == 0
    assert run("new", "Форум", "--category", "nonexistent") == 1
    assert run("move", "news/2025/no-such-folder", "--slug", "x") == 1
    assert run("new", "--category", "forum") == 2  # no title
    assert run("check", "--no-such-option") == 2
    assert run("status") == 0
    (project / "news/2025/2025-11-02-ukrainian-only/uk.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    assert run("check") == 1
