"""YAML for editors, without YAML's surprises.

The parsing is ``ruamel.yaml``'s (YAML 1.2): ``yes``/``no``/``on``/``off``
and times such as ``10:30`` stay text, so a schema can reject them with a
clear message. On top of it this module reports what YAML accepts silently
or explains badly: a key written twice (naming both lines), an alias, a
stray quote left at the end of a value, a quote never closed (on the line
where it opens, not where the parser gives up), a tab used for indentation.
It remembers the line of every key so that errors can name it.

Front matter of the usual shapes takes a fast path (``yaml_fast``: libyaml,
the same result); every other text, and every problem, comes from here.
"""

from __future__ import annotations

import bisect
import re
import warnings
from datetime import datetime, timezone
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import ScannerError
from ruamel.yaml.tokens import ScalarToken

from newsroom.content.problems import Problem
from newsroom.content.yaml_fast import FastReader

KeyLines = dict[tuple[str, ...], int]

_TAB_ERROR = "found character '\\t' that cannot start any token"
_MAX_TAB_RETRIES = 64  # tabs between words or at the end of a line, read as spaces

# An anchor (&name) given twice is harmless without aliases, which are reported.
warnings.filterwarnings("ignore", category=ReusedAnchorWarning)


class _Constructor(SafeConstructor):
    """ruamel.yaml's safe constructor with plain values where YAML would fail:
    an impossible date (2026-13-45) stays text for the schema to reject, and
    a value of only ``=`` or ``<<`` is text."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            value = super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)
        if isinstance(value, datetime) and value.tzinfo is not None:
            offset = value.utcoffset()
            value = value.replace(tzinfo=timezone.utc if not offset else timezone(offset))
        return value

    def construct_plain_text(self, node: Any) -> Any:
        if isinstance(node, ScalarNode):
            return self.construct_scalar(node)
        return self.construct_undefined(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:value", _Constructor.construct_plain_text)
_Constructor.add_constructor("tag:yaml.org,2002:merge", _Constructor.construct_plain_text)


def _yaml() -> YAML:
    """A fresh loader per text: a YAML object keeps a record of every document it read."""
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = True  # reported below, with both lines
    return yaml


_FAST = FastReader(_yaml())  # its resolver and constructor type plain values as the plain path does


class _Text:
    """The text being read: its lines, and the line of a character."""

    def __init__(self, text: str, first_line: int):
        self.text = text
        self.first_line = first_line
        self.lines = text.split("\n")
        self._starts = [0]
        for line in self.lines[:-1]:
            self._starts.append(self._starts[-1] + len(line) + 1)

    def index_line(self, index: int) -> int:
        """The 0-based line of character ``index`` (only "\\n" ends a line)."""
        return bisect.bisect_right(self._starts, index) - 1

    def column(self, index: int) -> int:
        return index - self._starts[self.index_line(index)]

    def line(self, index: int) -> int:
        """The line in the file of character ``index``."""
        return self.first_line + self.index_line(index)


# -- reading --------------------------------------------------------------------


def load_mapping(text: str, *, path: str, first_line: int = 1,
                 fast: bool = True) -> tuple[Any, KeyLines, list[Problem]]:
    """Parse ``text`` (whose first line is line ``first_line`` of ``path``).

    Returns the data, the line of each key path, and the problems found.
    The data is ``None`` only with a problem saying why (a syntax error).
    With ``fast``, front matter of the usual shapes is read with libyaml
    (``yaml_fast``), with the same result; any other text, and every text
    with a problem, is read by the plain path below (``fast=False``).
    """
    if fast:
        found = _FAST.load(text, first_line)
        if found is not None:
            return found[0], found[1], []
    return _load_plain(text, path=path, first_line=first_line)


def _load_plain(text: str, *, path: str, first_line: int) -> tuple[Any, KeyLines, list[Problem]]:
    """The plain path: ruamel.yaml in pure Python, and every check and message."""
    lines: KeyLines = {}
    problems: list[Problem] = []
    source = _Text(text, first_line)
    try:
        for attempt in range(_MAX_TAB_RETRIES + 1):
            loader = _yaml()
            try:
                node = loader.compose(source.text)
                break
            except ScannerError as exc:
                # ruamel.yaml's scanner refuses a tab between words or at the end of a
                # line, where YAML allows one: read it as a space. A tab in the
                # indentation is an error, named below.
                index = exc.problem_mark.index if exc.problem_mark is not None else -1
                if (exc.problem != _TAB_ERROR or attempt == _MAX_TAB_RETRIES
                        or _is_indentation_tab(source, index)):
                    raise
                source = _Text(source.text[:index] + " " + source.text[index + 1:], first_line)
        if node is None:
            return {}, lines, problems
        if not _walk(node, (), source, lines, problems, path):
            return None, lines, problems
        if any(problem.message == _UNCLOSED for problem in problems):
            return None, lines, problems  # the fields after the quote were read as part of its value
        data = loader.constructor.construct_document(node)
        if data is None:  # a document of only ~, null or an empty anchor: no fields
            data = {}
    except MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, source, path))
        return None, lines, problems
    except ReaderError as exc:
        problems.append(_character_problem(exc, source, path))
        return None, lines, problems
    except (YAMLError, ValueError, OverflowError, TypeError, RecursionError, IndexError) as exc:
        problems.append(Problem(path, first_line, "front matter",
                                f"YAML syntax error: this front matter cannot be read as fields ({type(exc).__name__})",
                                "simplify it: plain fields (name: value), lists and groups only"))
        return None, lines, problems
    return data, lines, problems


def _is_indentation_tab(source: _Text, index: int) -> bool:
    """Whether the tab at ``index`` is in the indentation of a line that has a field or a value."""
    line, column = source.lines[source.index_line(index)], source.column(index)
    rest = line[column:].lstrip(" \t")
    return not line[:column].strip(" \t") and bool(rest) and not rest.startswith("#")


def _walk(node: Node, prefix: tuple[str, ...], source: _Text, lines: KeyLines,
          problems: list[Problem], path: str, visited: set[int] | None = None) -> bool:
    """Record key lines, duplicate keys and stray quotes; False when the
    document cannot be read as plain fields (an alias, a key that is not a word)."""
    visited = set() if visited is None else visited
    if id(node) in visited:
        # An alias (*name) repeats a node: editors never need one, and a few
        # nested aliases can make a tiny file expand to gigabytes.
        problems.append(Problem(
            path, lines.get(prefix, source.first_line), _field(prefix) or "front matter",
            "uses a YAML alias (*name), which stories do not support",
            "write the value out in full instead of & and *",
        ))
        return False
    visited.add(id(node))
    ok = True
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(
                    path, source.line(key_node.start_mark.index), _field(prefix) or "front matter",
                    "a field name is a list or a group, not a word",
                    "write one field per line: name, colon, value",
                ))
                ok = False
                continue
            key = str(key_node.value)
            line = source.line(key_node.start_mark.index)
            if key in seen:
                problems.append(Problem(
                    path, line, _field((*prefix, key)),
                    f"the key appears twice (also on line {seen[key]})",
                    "keep one of them",
                ))
            else:
                seen[key] = line
                lines[(*prefix, key)] = line
            ok = _walk(value_node, (*prefix, key), source, lines, problems, path, visited) and ok
        if len(seen) < len(node.value) and ok:
            # A key written twice keeps its last value, as YAML libraries usually do.
            last = {str(k.value): n for n, (k, _) in enumerate(node.value)}
            node.value = [pair for n, pair in enumerate(node.value) if last[str(pair[0].value)] == n]
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            ok = _walk(item, (*prefix, str(index)), source, lines, problems, path, visited) and ok
    elif isinstance(node, ScalarNode) and prefix:
        found = _quote_problem(node, prefix, source, path)
        if found is not None:
            problems.append(found)
    return ok


def _field(prefix: tuple[str, ...]) -> str:
    return ".".join(part if part.strip() else repr(part) for part in prefix)


# -- quotes -----------------------------------------------------------------------

_UNCLOSED = "YAML syntax error: a quoted text starts on this line and is never closed"
_KEY_LINE = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*) *:(?: |\t|$)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0500-\u052f]")


def _quote_problem(node: ScalarNode, prefix: tuple[str, ...], source: _Text, path: str) -> Problem | None:
    """A value with a quote mark that pairs with nothing (``title: Форум громад"``),
    or a quoted value whose quote, never closed on its line, swallowed the fields after it."""
    value = node.value
    start, end = node.start_mark.index, node.end_mark.index
    field = _field(prefix)
    if node.style in ('"', "'"):
        if _swallowed_line(source, start, end) is None:
            return None
        return _unclosed_problem(source, start, path, field)
    if node.style is not None or node.tag != "tag:yaml.org,2002:str" or not isinstance(value, str):
        return None  # block text (| or >) may hold anything; numbers and dates have no quotes
    key = _key_as_written(prefix)
    ends_stray = (value.endswith('"') and value.count('"') % 2 == 1) or (
        value.endswith("'") and len(value) > 1 and _CYRILLIC.match(value[-2]) is not None)
    if ends_stray:
        quote = value[-1]
        at = source.text.rfind(quote, start, end)
        return Problem(path, source.line(at if at >= 0 else start), field,
                       "the value ends with a quote mark that is never opened",
                       f'put the whole value in quotes, {key}: "…", or remove the quote at the end')
    if value.count('"') % 2 == 1:
        at = source.text.rfind('"', start, end)
        return Problem(path, source.line(at if at >= 0 else start), field,
                       "a quote mark in the value is never closed",
                       f"close it after the quoted words or remove it "
                       f"(quotes inside a value are best written «»: {key}: Форум «Громади»)")
    return None


def _key_as_written(prefix: tuple[str, ...]) -> str:
    """The key as an editor writes it on its line: ``place`` for event.place."""
    for part in reversed(prefix):
        if not part.isdigit():
            return part
    return "title"


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
        for token in _yaml().scan(source.text):
            if token.start_mark.index > index:
                break
            if (isinstance(token, ScalarToken) and token.style in ('"', "'")
                    and _swallowed_line(source, token.start_mark.index, token.end_mark.index) is not None):
                return token.start_mark.index
    except (YAMLError, RecursionError, ValueError, TypeError):
        pass
    return None


# -- syntax errors ------------------------------------------------------------------

_GROUP_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*) *: *(?:#.*)?$")

_TAB = ("YAML syntax error: a tab is used for indentation (a tab character at the start of the line)",
        "use spaces: delete the tab and indent with spaces, like the lines around it")
_RESERVED = ("YAML syntax error: a value starts with a character YAML reserves (such as @ ` % * & ! | >)",
             "put the whole value in quotes")


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


def _syntax_problem(exc: MarkedYAMLError, source: _Text, path: str) -> Problem:
    """A syntax error as editors can act on it: the line where the mistake
    starts, the field on that line, and plain words for the usual mistakes."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    index = mark.index if mark is not None else 0
    line_index = source.index_line(index)

    def at(line: int, message: str, hint: str, field: str | None = None) -> Problem:
        name = field or _field_on_line(source, line) or "front matter"
        return Problem(path, source.first_line + line, name, message, hint)

    if problem == _TAB_ERROR:
        return Problem(path, source.first_line + line_index, "front matter", *_TAB)
    if "quoted scalar" in context and exc.context_mark is not None and (
            "end of stream" in problem or "document separator" in problem):
        return _unclosed_problem(source, exc.context_mark.index, path)
    swallowing = _swallowing_quote_before(source, index)
    if swallowing is not None:
        return _unclosed_problem(source, swallowing, path)
    opened = exc.context_mark
    if ("flow sequence" in context or "flow mapping" in context) and opened is not None:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        what = "list" if bracket == "[" else "group"
        opened_line = source.index_line(opened.index)
        field = _field_on_line(source, opened_line)
        if "<stream end>" in problem:
            # Named where the front matter ends, where YAML finds the list still open.
            where = f"line {source.first_line + opened_line}" + (f" ({field})" if field else "")
            return at(line_index, f"YAML syntax error: the {bracket} opened on {where} is never closed",
                      f"put the value in quotes if it is text ({field or 'title'}: \"{bracket}…\"), "
                      f"or close the {what} with {closing} on the same line", field="front matter")
        return at(opened_line, f"YAML syntax error: a value that starts with {bracket} is read as a {what}, "
                               "and this one is not written as one",
                  f"put the value in quotes if it is text ({field or 'title'}: \"{bracket}…\"), "
                  f"or separate the {what}'s items with commas and close it with {closing}")
    if "simple key" in context and exc.context_mark is not None:
        line = source.index_line(exc.context_mark.index)
        return at(line, "YAML syntax error: this line is not a field (name: value), nor part of the value above",
                  "join it to the line above if it continues that value (or put the whole value in quotes), "
                  "or else write it as name: value", field=_field_above(source, line))
    if "mapping values are not allowed" in problem:
        return at(line_index, "YAML syntax error: a value contains a colon followed by a space, "
                              "or a line is indented more than the field before it",
                  'put text containing ": " in quotes, for example title: "Форум: громади", '
                  "and start each field at the same indentation")
    if "expected <block end>" in problem or "expected the node content" in problem:
        text_line = source.lines[line_index] if line_index < len(source.lines) else ""
        start = _value_start(text_line)
        column = source.column(index)
        if "'<scalar>'" in problem and start is not None and start < column:
            key = (_field_on_line(source, line_index) or "title").rsplit(".", 1)[-1]
            if text_line[start] in "\"'":
                end = _closing_quote(text_line, start)
                if end is not None and end < column:
                    if text_line[start] == "'":
                        return at(line_index, "YAML syntax error: the value goes on after its closing quote "
                                              "(an apostrophe inside single quotes ends them)",
                                  f'write the apostrophe as ’, or put the whole value in double quotes: {key}: "…"')
                    return at(line_index, "YAML syntax error: the value goes on after its closing quote",
                              f'put the whole value in quotes and use «» for the quotes inside it: '
                              f'{key}: "«…» …"')
            if text_line[start] in "[{":
                bracket, closing, what = ("[", "]", "list") if text_line[start] == "[" else ("{", "}", "group")
                return at(line_index, f"YAML syntax error: a value that starts with {bracket} "
                                      f"is read as a {what}, and text goes on after it",
                          f'put the whole value in quotes: {key}: "{bracket}…{closing} …"')
        if "expected the node content" in problem:
            return at(line_index, *_RESERVED)
        if "'-'" in problem or "block sequence start" in problem or "'?'" in problem:
            return at(line_index, "YAML syntax error: a list item (- …) and fields (name: value) are mixed here",
                      "start each field at the beginning of the line, and write a list under its field, "
                      "one item per line starting with '- '", field=_field_above(source, line_index))
        return at(line_index, "YAML syntax error: this line is indented differently from the fields above it",
                  "start each field at the beginning of the line (and event's fields two spaces in)")
    if ("cannot start any token" in problem or "undefined alias" in problem or "anchor" in context
            or "alias" in context or "tag" in context or "block scalar" in context
            or "directive" in context or "mapping keys are not allowed" in problem):
        return at(line_index, *_RESERVED)
    if isinstance(exc, ConstructorError) and "constructor for the tag" in problem:
        return at(line_index, "YAML syntax error: a value starts with '!', which YAML reads as a type tag",
                  "put the whole value in quotes")
    if "unknown escape character" in problem or "escape sequence" in problem:
        return at(line_index, "YAML syntax error: a backslash in double quotes starts an unknown escape",
                  "use single quotes, or write the backslash twice")
    if "document start" in problem:
        directive = next((n for n, line in enumerate(source.lines) if line.startswith("%")), line_index)
        return at(directive, *_RESERVED)
    if "found another document" in problem:
        return at(line_index, "YAML syntax error: a second '---' line inside the front matter",
                  "keep one '---' line before the fields and one after them")
    return at(line_index, "YAML syntax error: this line cannot be read as a field (name: value)",
              "check quotes, colons and indentation on this line or the one before "
              "(put text containing ': ' or starting with a quote in quotes)")


def _character_problem(exc: ReaderError, source: _Text, path: str) -> Problem:
    """A character YAML does not allow (a control character pasted with the text)."""
    index = exc.position if isinstance(exc.position, int) else 0
    line = source.index_line(min(max(index, 0), len(source.text)))
    code = exc.character if isinstance(exc.character, int) else 0
    return Problem(path, source.first_line + line, _field_on_line(source, line) or "front matter",
                   f"YAML syntax error: an invisible character (U+{code:04X}) that YAML does not allow",
                   "delete it: retype the text around it (it usually comes with text copied from another program)")
