"""What a text may carry: a story's or a knowledge page's Markdown, rendered
as the site renders it, through the allowlist (``sanitize.py``).

The build sanitises each body as it renders it (``newsroom_mkdocs``); ``check``
renders and sanitises every body here, with the Markdown extensions of
``mkdocs.yml`` (and MkDocs' own: toc, tables, fenced_code), so that an editor
sees every removal before publishing. Every removal is a ``Problem``: file,
line, what was removed, what to do instead. A knowledge page's generated
parts (``<!-- news:latest -->`` and the like) are markers, not content: they
are kept aside while its HTML is sanitised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from newsroom.content import frontmatter
from newsroom.content.pictures import text_picture_problems
from newsroom.content.problems import Problem
from newsroom.content.sanitize import sanitize

# MkDocs renders every page with these, besides those of mkdocs.yml.
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
_MARKER = re.compile(r"<!--\s*((?:programme|projects|news|search):[a-z]+)\s*-->")
_KEPT = re.compile("\ue020([a-z]+:[a-z]+)\ue020")


def clean(html: str, markdown: str, path: str, first_line: int, assets: Collection[str] = (),
          lang: str = "en", fast: bool = True) -> tuple[str, list[Problem]]:
    """The HTML of a text, sanitised, and a Problem per removal (``first_line``:
    the line of the file where ``markdown`` starts)."""
    marked = _MARKER.sub(lambda m: f"\ue020{m[1]}\ue020", html)
    safe, removals = sanitize(marked, markdown, assets=assets, first_line=first_line, fast=fast)
    problems = [Problem(path, r.line, "text", r.message(lang), r.hint(lang)) for r in removals]
    return _KEPT.sub(lambda m: f"<!-- {m[1]} -->", safe), problems


def renderer(root: Path) -> Callable[[str], str]:
    """Markdown to HTML as the site's pages are rendered (mkdocs.yml's
    ``markdown_extensions`` and MkDocs' own)."""
    import markdown

    from newsroom.settings import read_mkdocs_yml

    names: list[str] = list(MKDOCS_EXTENSIONS)
    configs: dict[str, dict] = {}
    for item in read_mkdocs_yml(root).get("markdown_extensions") or []:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if config:
            configs[name] = config
    engine = markdown.Markdown(extensions=names, extension_configs=configs)

    def render(text: str) -> str:
        engine.reset()
        return engine.convert(text)

    return render


def file_problems(files: Iterable[tuple[Path, str, Collection[str]]], render: Callable[[str], str],
                  lang: str = "en") -> list[Problem]:
    """Every removal in the bodies of ``files`` (file, path as shown, the
    names beside it that pictures may use)."""
    problems: list[Problem] = []
    for file, shown, assets in files:
        source, found = frontmatter.read(file, shown)
        if source is None:
            continue  # reported by the front matter's own check
        text = "\n" + source.body  # as the site renders it (see Generated.markdown)
        html, found = clean(render(text), text, shown, source.body_line - 1, assets, lang)
        problems += found + text_picture_problems(html, file.parent, text, shown, source.body_line - 1)
    return problems
