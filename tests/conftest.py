"""Shared test helpers: build a site (the real one or a fixture) with
``mkdocs build --strict`` into a temporary folder, and parse its HTML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# 2025-12-10 12:00 in Kyiv: the fixture site's "today".
FIXTURE_EPOCH = 1765360800
FIXTURE_PAGE_SIZE = 3
# Search bundles of 8 pages: the fixture's index comes in several bundles,
# merged in the browser, as a national portal's does (newsroom/search.py).
FIXTURE_SEARCH_BUNDLE = 8


@dataclass
class Built:
    root: Path          # the temporary project
    site: Path          # the built site
    result: subprocess.CompletedProcess

    def html(self, url: str) -> HTMLParser:
        """Parse the page at a site-relative URL such as 'en/news/'."""
        return HTMLParser(self.page_path(url).read_text(encoding="utf-8"))

    def page_path(self, url: str) -> Path:
        path = self.site / url
        return path / "index.html" if url.endswith("/") or url == "" else path

    def exists(self, url: str) -> bool:
        return self.page_path(url).is_file()


def load_news(root: Path, stories: dict[str, dict[str, str]]):
    """A news/ folder under ``root`` with the fixture site's categories and
    regions and the given stories (folder under news/ -> language -> file
    text), loaded without problems: (catalog, settings)."""
    from newsroom.content.loader import load_uncached
    from newsroom.settings import Settings

    news = root / "news"
    news.mkdir()
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURES / "site" / "news" / name, news / name)
    for folder, files in stories.items():
        (news / folder).mkdir(parents=True)
        for lang, text in files.items():
            (news / folder / f"{lang}.md").write_text(text, encoding="utf-8")
    settings = Settings(root=root)
    loaded = load_uncached(settings)
    assert not loaded.problems
    return loaded.catalog, settings


def make_project(tmp: Path, news: Path | None = None, *, docs: Path | None = None,
                 page_size: int | None = None, search_bundle: int | None = None,
                 render_ahead: tuple[int, int] | None = None) -> Path:
    """A project folder in ``tmp`` that uses this repository's code and theme
    with the given news/ (and docs/)."""
    tmp.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for name, value in (("page_size", page_size), ("search_bundle", search_bundle),
                        ("render_ahead", render_ahead)):
        if value is not None:
            text = f"[{value[0]}, {value[1]}]" if isinstance(value, tuple) else str(value)
            config, count = re.subn(rf"(?m)^(    {name}:) .*$", rf"\1 {text}", config)
            assert count == 1, name
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    for name in ("hooks", "overrides", "data", "newsroom", "newsroom_mkdocs"):
        (tmp / name).symlink_to(REPO / name)
    (tmp / "docs").symlink_to(docs or REPO / "docs")
    if news is not None:
        shutil.copytree(news, tmp / "news")
    else:
        (tmp / "news").symlink_to(REPO / "news")
    return tmp


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site: its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(project: Path, *, epoch: int | None = FIXTURE_EPOCH, check: bool = True,
          site: Path | None = None, env: dict | None = None, verbose: bool = False) -> Built:
    site = site or project / "site"
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    environ.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        environ["SOURCE_DATE_EPOCH"] = str(epoch)
    environ.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site), *(["-v"] if verbose else [])],
        capture_output=True, text=True, env=environ, cwd=project,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"build failed:\n{result.stdout}\n{result.stderr}")
    return Built(project, site, result)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Built:
    """The repository's own site, built once per session."""
    project = make_project(tmp_path_factory.mktemp("real"))
    return build(project, epoch=None)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Built:
    """The scenario fixture site (tests/fixtures/site/news), page size 3."""
    project = make_project(tmp_path_factory.mktemp("fixture"), FIXTURES / "site" / "news",
                           page_size=FIXTURE_PAGE_SIZE, search_bundle=FIXTURE_SEARCH_BUNDLE)
    return build(project)


def search_bundles(site: Path, lang: str) -> list[dict[str, dict]]:
    """The Pagefind bundles of a language as built (``pagefind/``, then
    ``pagefind/2/``, ...): for each, its fragments (one per page) by URL."""
    import gzip
    import json

    root = site / ("pagefind" if lang == "uk" else f"{lang}/pagefind")
    folders = [root] + sorted((p for p in root.iterdir() if p.is_dir() and p.name.isdigit()),
                              key=lambda p: int(p.name))
    bundles = []
    for folder in folders:
        fragments = {}
        for path in (folder / "fragment").glob("*.pf_fragment"):
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd")
            fragment = json.loads(data[len(b"pagefind_dcd"):])
            fragments[fragment["url"]] = fragment
        bundles.append(fragments)
    return bundles


def html_pages(site: Path) -> list[Path]:
    """The site's pages (not the search index's files, nor the small pages
    that redirect a moved story's old address: see redirect_pages)."""
    return sorted(p for p in site.rglob("*.html")
                  if "pagefind" not in p.parts and p.relative_to(site).parts[0] != "admin"
                  and p not in redirect_pages(site))


def redirect_pages(site: Path) -> set[Path]:
    """The pages at moved stories' old addresses (``aliases:``)."""
    return {p for p in site.rglob("index.html") if "pagefind" not in p.parts
            and p.stat().st_size < 2000 and 'http-equiv="refresh"' in p.read_text(encoding="utf-8")}
