"""``check``: validate news/ and the knowledge pages without a full build.

The stories go through exactly the loader the build uses
(``loader.load_uncached``); the knowledge pages' front matter goes through
the same front-matter splitter and strict YAML loader. A knowledge page
that would be written where the news engine writes a story or a listing is
an error naming both (MkDocs would silently overwrite one of them).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from newsroom.content import frontmatter

from newsroom.model import urls
from newsroom.render.knowledge import read_project
from newsroom.content.loader import YEAR_RE, load_uncached
from newsroom.model.stories import Catalog
from newsroom.model.plan import plan
from newsroom.content import bodies
from newsroom.content.problems import Problem, rel
from newsroom.content.schema import Text, validate
from newsroom.settings import Settings, build_now
from newsroom.content.strictyaml import load_mapping

if TYPE_CHECKING:
    from newsroom.render.site import NewsSite

# Front matter a knowledge page may carry: its own two fields and the keys
# Material for MkDocs reads (https://squidfunk.github.io/mkdocs-material/reference/).
PAGE_FIELDS = ("title", "description", "hide", "search", "template", "icon", "status", "subtitle")
PROJECT_PAGE = re.compile(r"^projects/(?!index\.md$)[^/]+\.md$")


class PageMeta(BaseModel):
    """The fields of a knowledge page that the site itself reads."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    title: Text | None = None
    description: Text | None = None


@dataclass
class CheckResult:
    problems: list[Problem]
    stories: int                      # story folders looked at
    pages: int                        # knowledge pages looked at
    catalog: Catalog | None = None
    files: set[str] = field(default_factory=set)   # files named by a problem

    @property
    def ok(self) -> bool:
        return not self.problems


def story_folders(settings: Settings) -> list[Path]:
    """Every folder under news/<YYYY>/, valid or not (what the loader looks at)."""
    news = settings.news_dir
    if not news.is_dir():
        return []
    return [folder for year in sorted(news.iterdir()) if year.is_dir() and YEAR_RE.match(year.name)
            for folder in sorted(year.iterdir()) if folder.is_dir() and not folder.name.startswith(".")]


def knowledge_pages(settings: Settings) -> dict[str, list[tuple[str, Path]]]:
    """Language -> [(path inside the language folder, file)] of docs/<lang>/**/*.md."""
    docs = settings.root / settings.docs_dir
    pages: dict[str, list[tuple[str, Path]]] = {}
    for lang in settings.languages:
        base = docs / lang
        if base.is_dir():
            pages[lang] = sorted((path.relative_to(base).as_posix(), path) for path in base.rglob("*.md")
                                 if not any(part.startswith(".") for part in path.relative_to(base).parts))
    return pages


def page_path(inside: str) -> str:
    """The site path MkDocs gives a page (directory URLs): ``x/y.md`` -> ``x/y/``,
    ``x/index.md`` (or ``x/README.md``) -> ``x/``."""
    path = PurePosixPath(inside)
    if path.name in ("index.md", "README.md"):
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return path.with_suffix("").as_posix() + "/"


def shown_page(lang: str, inside: str, settings: Settings) -> str:
    """A knowledge page's path as editors see it, such as docs/uk/about.md."""
    return f"{settings.docs_dir.rstrip('/')}/{lang}/{inside}"


def check_page(file: Path, shown: str, inside: str, settings: Settings) -> list[Problem]:
    """A knowledge page's front matter: readable, closed, title present, no unknown keys."""
    if PROJECT_PAGE.match(inside):
        return read_project(file, shown, settings)[1]
    source, problems = frontmatter.read(file, shown)
    if source is None:
        return problems
    data, lines, problems = load_mapping(source.yaml_text, path=shown, first_line=source.yaml_first_line,
                                         fast=settings.fast_checks)
    if data is None or problems:
        return problems
    meta, problems = validate(PageMeta, data, path=shown, lines=lines,
                              first_line=source.yaml_first_line, tz=settings.tz)
    if isinstance(data, dict):
        for key in data:
            if str(key) not in PAGE_FIELDS:
                close = difflib.get_close_matches(str(key), PAGE_FIELDS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(Problem(shown, lines.get((str(key),)), str(key), "is not a known field",
                                        f"{hint}allowed fields: {', '.join(PAGE_FIELDS)}"))
    if meta is not None and meta.title is None:  # type: ignore[attr-defined]
        problems.append(Problem(shown, lines.get(("title",), source.yaml_first_line), "title", "is required",
                                "write the page's title, for example title: Про сайт"))
    return problems


def url_collisions(catalog: Catalog, pages: dict[str, list[tuple[str, Path]]],
                   settings: Settings) -> list[Problem]:
    """Knowledge pages published where the news engine publishes a story or a listing."""
    default = settings.default_language
    under_news = {lang: [(inside, file) for inside, file in files
                         if page_path(inside).startswith(urls.NEWS)] for lang, files in pages.items()}
    if not any(under_news.values()):
        return []  # the news engine publishes only under news/
    pages = under_news
    taken: dict[str, str] = {}
    for story in catalog.stories:  # drafts and scheduled stories too: they will be published
        for lang in story.versions:
            taken[urls.url(lang, urls.story(story.day, story.slug), default)] = f"the story {story.folder}"
    now = build_now(settings.tz)
    for lang in settings.languages:
        for listing in plan(catalog, settings, lang, now).listings:
            taken.setdefault(urls.url(lang, listing.path, default), "a news listing")
    problems = []
    for lang, files in pages.items():
        for inside, file in files:
            target = urls.url(lang, page_path(inside), default)
            if target in taken:
                problems.append(Problem(shown_page(lang, inside, settings), None, "url",
                                        f"is published at /{target}, where the news engine puts {taken[target]}",
                                        "rename or move the page"))
    return problems


def generated_url_collisions(site: NewsSite, existing: dict[str, str]) -> list[Problem]:
    """The language build's own files (``existing``: the file written ->
    its source under docs/) at a place where the news engine writes one of
    its pages (checked again here, with the build's exact file names)."""
    problems = []
    for page in site.pages:
        if page.dest_uri in existing:
            problems.append(Problem(f"docs/{existing[page.dest_uri]}", None, "url",
                                    f"is published at /{page.url}, where the news engine puts "
                                    f"{'the story ' + page.spec.story.folder if page.is_story else 'a news listing'}",
                                    "rename or move the page"))
    return problems


def site_problems(settings: Settings, catalog: Catalog) -> list[Problem]:
    """The knowledge pages' front matter and the URL collisions between them and
    the news: what the build checks besides the stories (``loader``)."""
    problems = []
    pages = knowledge_pages(settings)
    for lang, files in pages.items():
        for inside, file in files:
            problems += check_page(file, shown_page(lang, inside, settings), inside, settings)
    return problems + url_collisions(catalog, pages, settings)


def text_problems(settings: Settings, pages: dict[str, list[tuple[str, Path]]]) -> list[Problem]:
    """What the texts of the stories and the knowledge pages may not carry
    (``bodies.py``): every removal, with its line. (The build finds the same
    as it renders each page.)"""
    def beside(file: Path) -> tuple[str, ...]:
        return tuple(p.name for p in file.parent.iterdir() if p.is_file() and p.suffix.lower() != ".md")

    files = [(file, rel(file, settings.root), beside(file))
             for folder in story_folders(settings) for file in sorted(folder.glob("*.md"))]
    files += [(file, shown_page(lang, inside, settings), beside(file))
              for lang, found in pages.items() for inside, file in found]
    return bodies.file_problems(files, bodies.renderer(settings.root))


def run(settings: Settings) -> CheckResult:
    """Every problem in news/ and in the knowledge pages, sorted by file and line."""
    loaded = load_uncached(settings)
    problems = list(loaded.problems) + site_problems(settings, loaded.catalog)
    pages = knowledge_pages(settings)
    problems += text_problems(settings, pages)
    problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field, p.message))
    return CheckResult(problems, len(story_folders(settings)), sum(len(f) for f in pages.values()),
                       loaded.catalog, {p.path for p in problems})


def run_checks(root: Path, settings: Settings | None = None) -> CheckResult:
    """``run`` for the project at ``root`` (settings read from its mkdocs.yml unless given)."""
    from newsroom.settings import from_mkdocs_yml

    return run(settings or from_mkdocs_yml(root))


_SUMMARY = {
    "en": {"ok": "OK: {stories} stories and {pages} knowledge pages checked, no problems.",
           "bad": "FAILED: {count} problem(s) in {files} file(s); fix each line above and run the check again."},
    "uk": {"ok": "Гаразд: перевірено новин: {stories}, сторінок: {pages}; проблем немає.",
           "bad": "ПОМИЛКИ: проблем: {count}, у файлах: {files}; виправте кожен рядок вище й запустіть перевірку знову."},
}


def summary(result: CheckResult, lang: str = "en") -> str:
    """The one line printed after the problems."""
    text = _SUMMARY.get(lang, _SUMMARY["en"])
    if result.ok:
        return text["ok"].format(stories=result.stories, pages=result.pages)
    return text["bad"].format(count=len(result.problems), files=len(result.files))
