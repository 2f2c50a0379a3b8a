"""A preview's pages for the stories it leaves out while they have errors
(``mkdocs serve``): at each such story's address, in each language, a page
that says so and lists its problems, so that neither the old page nor a
"not found" is shown where the editor looks for the story."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from newsroom.content.loader import story_path
from newsroom.content.problems import Problem
from newsroom.model import urls
from newsroom.model.labels import LABELS
from newsroom.render.fragments import environment

if TYPE_CHECKING:
    from newsroom.render.site import NewsSite


def broken_stories(problems: list[Problem]) -> dict[str, list[str]]:
    """Story folder (as editors see it) -> its problems, formatted."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        parts = PurePosixPath(problem.path).parts
        if len(parts) >= 3 and parts[0] == "news" and parts[1].isdigit():
            found.setdefault("/".join(parts[:3]), []).append(problem.format())
    return found


def broken_dests(broken: dict[str, list[str]], settings) -> list[tuple[str, str]]:
    """(language, file written) of the pages at the broken stories' addresses."""
    found = []
    for folder in broken:
        path = story_path(PurePosixPath(folder).name)
        if path is not None:
            found += [(lang, urls.dest(lang, path, settings.default_language)) for lang in settings.languages]
    return found


def write_broken_pages(broken: dict[str, list[str]], site: NewsSite, site_dir: Path) -> None:
    settings = site.settings
    for folder, lines in broken.items():
        path = story_path(PurePosixPath(folder).name)
        if path is None:
            continue  # a folder name that gives no address: nothing was published for it
        for lang in settings.languages:
            html = environment().get_template("broken.html").render(problems=lines, t=LABELS[lang], lang=lang)
            target = site_dir / urls.dest(lang, path, settings.default_language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(str(html), encoding="utf-8")
