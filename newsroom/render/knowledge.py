"""The knowledge pages' generated parts: the programme's figures (from one
data file), the project pages' list, and the home page's news blocks.

A knowledge page asks for them with a marker on a line of its own, such as
``<!-- programme:figures -->``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, field_validator

from newsroom.content import frontmatter

from newsroom.model import urls
from newsroom.model.dates import long_date, month_name
from newsroom.content.problems import ContentError, Problem, rel
from newsroom.content.schema import Text, validate
from newsroom.settings import Settings
from newsroom.content.strictyaml import load_mapping

if TYPE_CHECKING:
    from newsroom.render.site import NewsSite

MARKER = re.compile(r"<!--\s*(programme:figures|projects:list|news:latest|news:events|news:vacancies|search:ui)\s*-->")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


class Figure(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    value: int | str | tuple[str, str]
    label: dict[str, str]

    @field_validator("value")
    @classmethod
    def _value(cls, value: Any) -> Any:
        if isinstance(value, str):
            if not (_MONTH.match(value) or date.fromisoformat(value)):
                raise ValueError("expected a number, YYYY-MM-DD, YYYY-MM or [YYYY-MM, YYYY-MM]")
        if isinstance(value, tuple):
            for part in value:
                if not _MONTH.match(part):
                    raise ValueError("a range is [YYYY-MM, YYYY-MM]")
        return value

    def display(self, lang: str) -> str:
        """The value as readers see it in ``lang``."""
        value = self.value
        if isinstance(value, int):
            return str(value)
        if isinstance(value, tuple):
            start, end = (date(int(v[:4]), int(v[5:7]), 1) for v in value)
            if start.year == end.year:
                return f"{month_name(start, lang).rsplit(' ', 1)[0]} – {month_name(end, lang)}"
            return f"{month_name(start, lang)} – {month_name(end, lang)}"
        if _MONTH.match(value):
            return month_name(date(int(value[:4]), int(value[5:7]), 1), lang)
        return long_date(date.fromisoformat(value), lang)


class Programme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    figures: list[Figure]


def load_programme(settings: Settings) -> Programme:
    import yaml

    path = settings.root / settings.programme_data
    with open(path, encoding="utf-8") as handle:
        return Programme.model_validate(yaml.safe_load(handle))


class ProjectMeta(BaseModel):
    """Front matter of a funded project's page (docs/<lang>/projects/<name>.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    description: Text | None = None
    community: Text
    area: Text
    period: Text
    results: Text


def read_project(path: Path, shown: str, settings: Settings) -> tuple[ProjectMeta | None, list[Problem]]:
    source, problems = frontmatter.read(path, shown)
    if source is None:
        return None, problems
    data, lines, problems = load_mapping(source.yaml_text, path=shown, first_line=source.yaml_first_line,
                                         fast=settings.fast_checks)
    if data is None or problems:
        return None, problems
    meta, problems = validate(ProjectMeta, data, path=shown, lines=lines,
                              first_line=source.yaml_first_line, tz=settings.tz)
    return meta, problems  # type: ignore[return-value]


def project_pages(files: list[tuple[str, str, str]], lang: str, settings: Settings) -> list[dict[str, Any]]:
    """The project pages of ``lang`` (src_uri, abs path, url), sorted by title."""
    projects, problems = [], []
    for src_uri, abs_path, url in files:
        if re.fullmatch(rf"{lang}/projects/(?!index\.md$)[^/]+\.md", src_uri):
            meta, found = read_project(Path(abs_path), rel(Path(abs_path), settings.root), settings)
            problems += found
            if meta is not None:
                projects.append({"title": meta.title, "community": meta.community, "area": meta.area,
                                 "period": meta.period, "results": meta.results, "url": url})
    if problems:
        raise ContentError(problems)
    return sorted(projects, key=lambda p: p["title"])


def fill_markers(html: str, site: NewsSite, current: str, projects: list[dict[str, Any]],
                 search_bundles: int = 1) -> str:
    if "<!--" not in html:
        return html

    def replace(match: re.Match) -> str:
        name = match[1]
        if name == "programme:figures":
            programme = load_programme(site.settings)
            figures = [{"id": f.id, "label": f.label.get(site.lang, ""), "value": f.display(site.lang)}
                       for f in programme.figures]
            return site.renderer.fragment("figures.html", current, figures=figures)
        if name == "search:ui":
            from urllib.parse import urlsplit

            from newsroom.outputs.search import bundle_path

            from newsroom.render.website import search_engine

            return site.renderer.fragment("search_ui.html", current,
                                          base_path=urlsplit(site.settings.site_url).path or "/",
                                          engine=search_engine(site.settings, site.lang),
                                          more_bundles=[bundle_path(n) for n in range(1, search_bundles)])
        if name == "projects:list":
            items = [dict(p, link=urls.relative(p["url"], current)) for p in projects]
            return site.renderer.fragment("projects.html", current, projects=items)
        return site.home_block(name.split(":")[1], current)

    return MARKER.sub(lambda m: str(Markup(replace(m))), html)
