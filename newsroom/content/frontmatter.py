"""Split a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsroom.content.problems import Problem

FENCE = "---"


@dataclass(frozen=True)
class Source:
    """A Markdown file read as text, its front matter not parsed yet."""

    path: str
    yaml_text: str
    yaml_first_line: int
    body: str
    body_line: int = 1  # the line of the file where the body starts


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM), CRLF or LF: normalised text, or a problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(
            path, line, "file",
            f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02x} on this line cannot be read"
            + _guess_encoding(raw),
            "save the file with the UTF-8 encoding (in most editors: Save as, Encoding: UTF-8)",
        )]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _guess_encoding(raw: bytes) -> str:
    """Name the usual culprits of Ukrainian text saved without UTF-8."""
    for encoding, name in (("utf-16", "UTF-16"), ("cp1251", "Windows-1251")):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" or any("\u0400" <= ch <= "\u04ff" for ch in text):
            return f" (it looks like {name})"
    return ""


def split(raw: bytes, path: str) -> tuple[Source | None, list[Problem]]:
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, None, "file", "the file is empty",
                              "write the front matter (title, category) and the story, or delete the file")]
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [Problem(path, 1, "front matter",
                              "the file does not start with a front matter block",
                              "make the first line exactly '---', then the fields, then a line '---'")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            rest = lines[index + 1:]
            blank = next((n for n, line in enumerate(rest) if line.strip("\n")), len(rest))
            body = "\n".join(rest).strip("\n") + "\n"
            return Source(path, yaml_text, 2, body, index + 2 + blank), []
    return None, [Problem(path, 1, "front matter",
                          "the front matter block is not closed",
                          "add a line '---' after the last field, before the story text")]


def read(file: Path, display_path: str) -> tuple[Source | None, list[Problem]]:
    return split(file.read_bytes(), display_path)
