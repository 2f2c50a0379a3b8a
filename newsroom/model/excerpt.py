"""Excerpts: the summary, or the first paragraph of the story as plain text."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import markdown

_SKIP = re.compile(r"^(#|<!--|!\[|\||```|~~~|>|[-*+] |\d+\. |\{)")
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _md() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list"])


def first_paragraph(body: str) -> str:
    """The first paragraph block of Markdown source (not a heading, image, list...)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    for block in blocks:
        if not _SKIP.match(block):
            return block
    return blocks[0] if blocks else ""


# Characters that may start Markdown or HTML syntax inside a paragraph.
_SYNTAX = re.compile(r"[\\`*_{}\[\]<>!&|~#]|^\s{4}|  \n|^\s*(?:[-+>=]|\d+[.)])(?:\s|$)|^[-=]+\s*$",
                     re.MULTILINE)


def to_text(markdown_text: str) -> str:
    """Markdown inline source to plain text (links keep their words).

    A paragraph without any Markdown or HTML syntax is its own text, so the
    Markdown converter runs only for paragraphs that need it."""
    if not _SYNTAX.search(markdown_text):
        return _SPACE.sub(" ", markdown_text).strip()
    md = _md()
    html = md.reset().convert(markdown_text)
    return _SPACE.sub(" ", unescape(_TAGS.sub("", html))).strip()


def excerpt(summary: str | None, body: str) -> str:
    return summary if summary else to_text(first_paragraph(body))


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary, ending with "…", when longer than ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else text[:limit]
    return cut.rstrip(" ,;:.–—-") + "…"
