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
    assert "build: setup site-url" in (REPO / "Makefile").read_text(encoding="utf-8")
    return subprocess.run(["make", "-s", "site-url"], cwd=REPO, capture_output=True, text=True, env=environ)


def test_make_build_without_site_url_fails_in_ci():
    result = _make_build("true")
    assert result.returncode != 0
    assert "error: SITE_URL is not set" in result.stderr


def test_make_build_without_site_url_warns_loudly_elsewhere():
    result = _make_build("")
    assert result.returncode == 0
    assert "WARNING: SITE_URL is not set" in result.stderr and "http://127.0.0.1:8000/" in result.stderr
