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
Syntax errors are put in plain words by ``yaml_errors``.
"""

from __future__ import annotations

import bisect
import re
import warnings
from datetime import datetime, timezone
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import ScannerError

from newsroom.content.problems import Problem
from newsroom.content.yaml_errors import (
    _TAB_ERROR,
    _UNCLOSED,
    _character_problem,
    _key_as_written,
    _swallowed_line,
    _syntax_problem,
    _unclosed_problem,
)
from newsroom.content.yaml_fast import FastReader

KeyLines = dict[tuple[str, ...], int]

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
