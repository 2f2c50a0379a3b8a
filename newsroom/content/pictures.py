"""Pictures of a story: the image files of its folder, read and checked
when the story is loaded.

A picture is a JPEG, PNG or WebP file in the story's folder, at least
``MIN_WIDTH`` pixels wide and at most ``MAX_BYTES`` large: the lead picture
(``image:`` in the front matter, described by ``image_alt:``) and any
picture the text shows (``![description](photo.jpg)``). Only the header of
each file is read here (its kind and size) and a digest of its bytes (the
key of its resized copies, ``outputs/pictures.py``).
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from dataclasses import replace
from pathlib import Path

from newsroom.content.problems import Problem
from newsroom.model.stories import Picture

MIN_WIDTH = 600
MAX_BYTES = 15 * 1024 * 1024
KINDS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def is_picture_name(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def read_picture(file: Path) -> tuple[Picture | None, str, str]:
    """The picture in ``file`` (None if it is not one of the kinds the site
    publishes), and what is wrong with it as a story's picture and how to
    fix it ("" when nothing)."""
    from PIL import Image, UnidentifiedImageError

    if not file.is_file():
        return None, "is not in the story's folder", "put the picture file in the story's folder, beside uk.md"
    size = file.stat().st_size
    data = file.read_bytes()
    try:
        from io import BytesIO

        with Image.open(BytesIO(data)) as image:
            kind, (width, height) = image.format or "", image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None, "is not a picture", "use a JPEG, PNG or WebP file"
    if kind not in KINDS:
        return None, f"is a {kind} file", "save it as JPEG, PNG or WebP"
    picture = Picture(file.name, width, height, kind, hashlib.sha256(data).hexdigest()[:20])
    problem, hint = "", ""
    if size > MAX_BYTES:
        problem = f"is {size / 1024 / 1024:.1f} MB, more than {MAX_BYTES // 1024 // 1024} MB"
        hint = "save a smaller copy (a photo 2000 px wide is enough)"
    elif width < MIN_WIDTH:
        problem, hint = f"is {width} px wide, less than {MIN_WIDTH} px", f"use a picture at least {MIN_WIDTH} px wide"
    return replace(picture, problem=problem, hint=hint), problem, hint


class ImageTags(HTMLParser):
    """The ``<img>`` tags of sanitised HTML, with where each starts and ends."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, dict[str, str]]] = []
        self._lines = [0]
        for line in html.split("\n")[:-1]:
            self._lines.append(self._lines[-1] + len(line) + 1)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            line, column = self.getpos()
            start = self._lines[line - 1] + column
            self.found.append((start, start + len(self.get_starttag_text() or ""), dict(attrs)))

    handle_startendtag = handle_starttag



def line_of(markdown: str, name: str, first_line: int) -> int:
    """The line of the file where ``name`` first appears in ``markdown``
    (which starts at ``first_line``), or ``first_line``."""
    at = markdown.find(name)
    return first_line + (markdown.count("\n", 0, at) if at >= 0 else 0)


def text_picture_problems(html: str, folder: Path, markdown: str, path: str, first_line: int) -> list[Problem]:
    """``check``: the pictures of its folder that a text shows must be fit
    pictures, described (the build makes them ``<picture>``s)."""
    problems = []
    for _, _, attrs in ImageTags(html).found:
        name = attrs.get("src") or ""
        if "/" in name or ":" in name or not name:
            continue  # an https picture (or one the sanitizer reported)
        line = line_of(markdown, name, first_line)
        picture, message, hint = read_picture(folder / name) if is_picture_name(name) else (None, "", "")
        if picture is None:
            problems.append(Problem(path, line, "text", f"{name} {message or 'is not a picture'}",
                                    hint or "use a JPEG, PNG or WebP file of the story's folder"))
        elif message:
            problems.append(Problem(path, line, "text", f"the picture {name} {message}", hint))
        elif not (attrs.get("alt") or "").strip():
            problems.append(Problem(path, line, "text", f"the picture {name} has no description",
                                    f"write it between the brackets: ![what the picture shows]({name})"))
    return problems
