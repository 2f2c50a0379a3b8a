"""YAML syntax errors in plain words, for ``strictyaml``.

ruamel.yaml names a syntax error where its parser gives up, in parser's
terms. This module finds the line where the mistake starts (a quote never
closed, a bracket never closed, a value that goes on after its closing
quote), the field on that line, and says what to do. It also holds the
quote helpers that ``strictyaml``'s own checks share with it. The text
being read is a ``strictyaml._Text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.tokens import ScalarToken

from newsroom.content.problems import Problem

if TYPE_CHECKING:
    from newsroom.content.strictyaml import _Text

_TAB_ERROR = "found character '\\t' that cannot start any token"
_UNCLOSED = "YAML syntax error: a quoted text starts on this line and is never closed"
_KEY_LINE = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*) *:(?: |\t|$)")
_GROUP_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*) *: *(?:#.*)?$")

_TAB = ("YAML syntax error: a tab is used for indentation (a tab character at the start of the line)",
        "use spaces: delete the tab and indent with spaces, like the lines around it")
_RESERVED = ("YAML syntax error: a value starts with a character YAML reserves (such as @ ` % * & ! | >)",
             "put the whole value in quotes")
_UNREADABLE = ("YAML syntax error: this line cannot be read as a field (name: value)",
               "check quotes, colons and indentation on this line or the one before "
               "(put text containing ': ' or starting with a quote in quotes)")


# -- lines, fields and quotes ------------------------------------------------------


def _key_as_written(prefix: tuple[str, ...]) -> str:
    """The key as an editor writes it on its line: ``place`` for event.place."""
    for part in reversed(prefix):
        if not part.isdigit():
            return part
    return "title"


def _field_on_line(source: _Text, index: int) -> str | None:
    """The field named on line ``index`` (with its group, such as
    event.start), or None when that line does not start with a field name."""
    if not 0 <= index < len(source.lines):
        return None
    m = _KEY_LINE.match(source.lines[index])
    if not m:
        return None
    key, indent = m[2], len(m[1])
    if indent:
        for above in reversed(source.lines[:index]):
            parent = _GROUP_LINE.match(above)
            if parent and len(parent[1]) < indent:
                return f"{parent[2]}.{key}"
            if above.strip() and len(above) - len(above.lstrip(" ")) < indent:
                break
    return key


def _field_above(source: _Text, index: int) -> str | None:
    """The field on line ``index`` or, for a line that names none, the field of the nearest line above."""
    for line in range(min(index, len(source.lines) - 1), -1, -1):
        field = _field_on_line(source, line)
        if field:
            return field
    return None


def _swallowed_line(source: _Text, start: int, end: int) -> int | None:
    """For a quoted value from ``start`` to ``end`` spanning lines: the first
    of its later lines that reads as a field of its own (``summary: …``, no
    deeper than the line where the quote opens), else None."""
    first, last = source.index_line(start), source.index_line(max(end - 1, start))
    if first == last:
        return None
    opening = source.lines[first]
    indent = len(opening) - len(opening.lstrip(" "))
    for index in range(first + 1, last + 1):
        m = _KEY_LINE.match(source.lines[index])
        if m and len(m[1]) <= indent:
            return index
    return None


def _unclosed_problem(source: _Text, index: int, path: str, field: str | None = None) -> Problem:
    """A quote opened at ``index`` and never closed on its line."""
    quote = source.text[index] if index < len(source.text) and source.text[index] in "\"'" else '"'
    line_index = source.index_line(index)
    item = source.lines[line_index].lstrip(" ").startswith("- ")
    field = field or _field_on_line(source, line_index) or _field_above(source, line_index) or "front matter"
    key = "-" if item and not _KEY_LINE.match(source.lines[line_index]) else _key_as_written(tuple(field.split(".")))
    return Problem(path, source.first_line + line_index, field, _UNCLOSED,
                   f"close it at the end of the value: {key}: {quote}…{quote}".replace("-: ", "- "))


def _swallowing_quote_before(source: _Text, index: int) -> int | None:
    """The start of the first quoted value before ``index`` that spans lines
    and swallowed a line that reads as a field: a quote that the editor did
    not close on its line, and that a later quote closed."""
    try:
        # Only the reader and the scanner run here: strictyaml's constructor
        # and its duplicate-key setting play no part in the tokens.
        for token in YAML(typ="safe", pure=True).scan(source.text):
            if token.start_mark.index > index:
                break
            if (isinstance(token, ScalarToken) and token.style in ('"', "'")
                    and _swallowed_line(source, token.start_mark.index, token.end_mark.index) is not None):
                return token.start_mark.index
    except (YAMLError, RecursionError, ValueError, TypeError):
        pass
    return None


def _closing_quote(line: str, start: int) -> int | None:
    """The index of the quote that closes the one at ``start`` on ``line``."""
    quote = line[start]
    at = start + 1
    while at < len(line):
        ch = line[at]
        if quote == '"' and ch == "\\":
            at += 2
            continue
        if ch == quote:
            if quote == "'" and line[at + 1:at + 2] == "'":
                at += 2
                continue
            return at
        at += 1
    return None


def _value_start(line: str) -> int | None:
    """Where the value starts on a ``name: value`` (or ``- value``) line."""
    m = _KEY_LINE.match(line)
    at = m.end() if m else (len(line) - len(line.lstrip(" -")) if line.lstrip().startswith("- ") else None)
    if at is None:
        return None
    while at < len(line) and line[at] in " \t":
        at += 1
    return at if at < len(line) else None


# -- syntax errors ------------------------------------------------------------------


class _Failure:
    """A syntax error being explained: ruamel.yaml's words for it, and where it is."""

    def __init__(self, exc: MarkedYAMLError, source: _Text, path: str):
        self.exc = exc
        self.problem = exc.problem or ""
        self.context = exc.context or ""
        mark = exc.problem_mark or exc.context_mark
        self.index = mark.index if mark is not None else 0
        self.line_index = source.index_line(self.index)
        self.source = source
        self.path = path

    def at(self, line: int, message: str, hint: str, field: str | None = None) -> Problem:
        """The problem on 0-based ``line``, named by ``field`` or by the field on that line."""
        name = field or _field_on_line(self.source, line) or "front matter"
        return Problem(self.path, self.source.first_line + line, name, message, hint)

    def here(self, message: str, hint: str, field: str | None = None) -> Problem:
        """The problem on the line where the parser gave up."""
        return self.at(self.line_index, message, hint, field)


def _syntax_problem(exc: MarkedYAMLError, source: _Text, path: str) -> Problem:
    """A syntax error as editors can act on it: the line where the mistake
    starts, the field on that line, and plain words for the usual mistakes.
    Each kind in ``_KINDS`` in turn, the first that recognizes the error."""
    failure = _Failure(exc, source, path)
    for kind in _KINDS:
        found = kind(failure)
        if found is not None:
            return found
    return failure.here(*_UNREADABLE)


def _tab(f: _Failure) -> Problem | None:
    if f.problem != _TAB_ERROR:
        return None
    return Problem(f.path, f.source.first_line + f.line_index, "front matter", *_TAB)


def _quote_at_end(f: _Failure) -> Problem | None:
    """A quote still open where the front matter ends."""
    if "quoted scalar" in f.context and f.exc.context_mark is not None and (
            "end of stream" in f.problem or "document separator" in f.problem):
        return _unclosed_problem(f.source, f.exc.context_mark.index, f.path)
    return None


def _swallowing_quote(f: _Failure) -> Problem | None:
    """A quote not closed on its line, closed by a later quote: the error comes after it."""
    swallowing = _swallowing_quote_before(f.source, f.index)
    return None if swallowing is None else _unclosed_problem(f.source, swallowing, f.path)


def _flow(f: _Failure) -> Problem | None:
    """A value starting with [ or { that is not a list or a group as YAML writes them."""
    opened = f.exc.context_mark
    if not ("flow sequence" in f.context or "flow mapping" in f.context) or opened is None:
        return None
    bracket = "[" if "sequence" in f.context else "{"
    closing = "]" if bracket == "[" else "}"
    what = "list" if bracket == "[" else "group"
    opened_line = f.source.index_line(opened.index)
    field = _field_on_line(f.source, opened_line)
    if "<stream end>" in f.problem:
        # Named where the front matter ends, where YAML finds the list still open.
        where = f"line {f.source.first_line + opened_line}" + (f" ({field})" if field else "")
        return f.here(f"YAML syntax error: the {bracket} opened on {where} is never closed",
                      f"put the value in quotes if it is text ({field or 'title'}: \"{bracket}…\"), "
                      f"or close the {what} with {closing} on the same line", field="front matter")
    return f.at(opened_line, f"YAML syntax error: a value that starts with {bracket} is read as a {what}, "
                             "and this one is not written as one",
                f"put the value in quotes if it is text ({field or 'title'}: \"{bracket}…\"), "
                f"or separate the {what}'s items with commas and close it with {closing}")


def _not_a_field(f: _Failure) -> Problem | None:
    """A line that is neither name: value nor the rest of the value above."""
    if "simple key" not in f.context or f.exc.context_mark is None:
        return None
    line = f.source.index_line(f.exc.context_mark.index)
    return f.at(line, "YAML syntax error: this line is not a field (name: value), nor part of the value above",
                "join it to the line above if it continues that value (or put the whole value in quotes), "
                "or else write it as name: value", field=_field_above(f.source, line))


def _colon(f: _Failure) -> Problem | None:
    if "mapping values are not allowed" not in f.problem:
        return None
    return f.here("YAML syntax error: a value contains a colon followed by a space, "
                  "or a line is indented more than the field before it",
                  'put text containing ": " in quotes, for example title: "Форум: громади", '
                  "and start each field at the same indentation")


def _misplaced(f: _Failure) -> Problem | None:
    """Something where the parser expected a field or the end of a group."""
    if "expected <block end>" not in f.problem and "expected the node content" not in f.problem:
        return None
    found = _text_after_value(f)
    if found is not None:
        return found
    if "expected the node content" in f.problem:
        return f.here(*_RESERVED)
    if "'-'" in f.problem or "block sequence start" in f.problem or "'?'" in f.problem:
        return f.here("YAML syntax error: a list item (- …) and fields (name: value) are mixed here",
                      "start each field at the beginning of the line, and write a list under its field, "
                      "one item per line starting with '- '", field=_field_above(f.source, f.line_index))
    return f.here("YAML syntax error: this line is indented differently from the fields above it",
                  "start each field at the beginning of the line (and event's fields two spaces in)")


def _text_after_value(f: _Failure) -> Problem | None:
    """Text going on after a value's closing quote, or after its closing ] or }."""
    text_line = f.source.lines[f.line_index] if f.line_index < len(f.source.lines) else ""
    start = _value_start(text_line)
    column = f.source.column(f.index)
    if "'<scalar>'" not in f.problem or start is None or start >= column:
        return None
    key = (_field_on_line(f.source, f.line_index) or "title").rsplit(".", 1)[-1]
    if text_line[start] in "\"'":
        end = _closing_quote(text_line, start)
        if end is not None and end < column:
            if text_line[start] == "'":
                return f.here("YAML syntax error: the value goes on after its closing quote "
                              "(an apostrophe inside single quotes ends them)",
                              f'write the apostrophe as ’, or put the whole value in double quotes: {key}: "…"')
            return f.here("YAML syntax error: the value goes on after its closing quote",
                          f'put the whole value in quotes and use «» for the quotes inside it: '
                          f'{key}: "«…» …"')
    if text_line[start] in "[{":
        bracket, closing, what = ("[", "]", "list") if text_line[start] == "[" else ("{", "}", "group")
        return f.here(f"YAML syntax error: a value that starts with {bracket} "
                      f"is read as a {what}, and text goes on after it",
                      f'put the whole value in quotes: {key}: "{bracket}…{closing} …"')
    return None


def _reserved(f: _Failure) -> Problem | None:
    """A value starting with a character YAML reserves (an alias, an anchor, a tag, | or >, %)."""
    if ("cannot start any token" in f.problem or "undefined alias" in f.problem or "anchor" in f.context
            or "alias" in f.context or "tag" in f.context or "block scalar" in f.context
            or "directive" in f.context or "mapping keys are not allowed" in f.problem):
        return f.here(*_RESERVED)
    return None


def _tag(f: _Failure) -> Problem | None:
    if not (isinstance(f.exc, ConstructorError) and "constructor for the tag" in f.problem):
        return None
    return f.here("YAML syntax error: a value starts with '!', which YAML reads as a type tag",
                  "put the whole value in quotes")


def _escape(f: _Failure) -> Problem | None:
    if "unknown escape character" not in f.problem and "escape sequence" not in f.problem:
        return None
    return f.here("YAML syntax error: a backslash in double quotes starts an unknown escape",
                  "use single quotes, or write the backslash twice")


def _directive(f: _Failure) -> Problem | None:
    """A %directive line: named on that line, not where the parser gave up."""
    if "document start" not in f.problem:
        return None
    directive = next((n for n, line in enumerate(f.source.lines) if line.startswith("%")), f.line_index)
    return f.at(directive, *_RESERVED)


def _second_document(f: _Failure) -> Problem | None:
    if "found another document" not in f.problem:
        return None
    return f.here("YAML syntax error: a second '---' line inside the front matter",
                  "keep one '---' line before the fields and one after them")


# In this order: the first that recognizes the error explains it (the quote
# checks first, since an unclosed quote makes the parser fail further down).
_KINDS: tuple[Callable[[_Failure], Problem | None], ...] = (
    _tab, _quote_at_end, _swallowing_quote, _flow, _not_a_field, _colon, _misplaced,
    _reserved, _tag, _escape, _directive, _second_document,
)


def _character_problem(exc: ReaderError, source: _Text, path: str) -> Problem:
    """A character YAML does not allow (a control character pasted with the text)."""
    index = exc.position if isinstance(exc.position, int) else 0
    line = source.index_line(min(max(index, 0), len(source.text)))
    code = exc.character if isinstance(exc.character, int) else 0
    return Problem(path, source.first_line + line, _field_on_line(source, line) or "front matter",
                   f"YAML syntax error: an invisible character (U+{code:04X}) that YAML does not allow",
                   "delete it: retype the text around it (it usually comes with text copied from another program)")
