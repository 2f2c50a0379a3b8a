"""The fast path of ``strictyaml.load_mapping``: front matter of the usual shapes, read with libyaml.

``strictyaml`` reads YAML with ruamel.yaml in pure Python (YAML 1.2, node
positions, careful messages): correct, but about 20 times slower than
libyaml, and a build reads tens of thousands of front matters. This module
reads the usual front matter with libyaml's parser (PyYAML's C extension)
and gives exactly what the plain path would give, or None when it cannot
guarantee that: the plain path then reads the text, and every problem is
reported by the plain path alone.

What it reads: a block mapping of fields whose names are words written at
the start of their line and followed by a colon; whose values are
one-line scalars (plain, '…' or "…"), lists of them (one-line [..] or
- items) or groups of such fields (``event:``). libyaml parses YAML 1.1,
ruamel.yaml 1.2; on this subset the two agree on the structure, and
every scalar is checked against its text as written (so no escape, folded
line or comment went into it). Plain scalars are then typed by the plain
path's own resolver and constructor (YAML 1.2: ``yes`` stays text, ``017``
is 17, ``2026-13-45`` stays text).

Anything else is a doubt, and a doubt means None: a parse error, an anchor,
alias or tag, a directive or document marker, a key written twice, a value
on several lines, block text (| or >), a flow mapping, a character outside
the plain printable set (tab, CR, NEL, LS/PS, BOM, controls), a value with
a quote mark the plain path would look at, a very long line or text.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.nodes import ScalarNode

try:
    from yaml.cyaml import CParser
    from yaml.events import (DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                             ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent,
                             StreamStartEvent)
except ImportError:  # PyYAML without libyaml: every text takes the plain path
    CParser = None

KeyLines = dict[tuple[str, ...], int]

# Characters of plain printable text; anything else (tab, CR, NEL, LS, PS, BOM, DEL,
# control characters, surrogates) is read differently by YAML 1.1 and 1.2, or by the plain path.
_DOUBT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_LONG_LINE = re.compile("[^\n]{1000}")
_MAX_TEXT = 20_000
_MAX_DEPTH = 4  # groups of fields inside groups
_MAX_KEY = 128
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain value starting with one is left to the plain path
_STR = "tag:yaml.org,2002:str"
_CACHE_SIZE = 4096


class _Doubt(Exception):
    """The text is not of the shapes the fast path reads: the plain path reads it."""


class FastReader:
    """Reads the usual front matter with libyaml; types plain scalars with
    the plain path's resolver and constructor (those of ``loader``, a ruamel
    ``YAML`` object made as the plain path makes it, and never used to parse,
    so that it stays at YAML 1.2)."""

    def __init__(self, loader: Any):
        self._resolver = loader.resolver
        self._constructor = loader.constructor
        self._tags: dict[str, tuple[Any, bool]] = {}

    def load(self, text: str, first_line: int) -> tuple[dict[str, Any], KeyLines] | None:
        """The data and key lines the plain path gives for ``text`` (which then has no problem), or None."""
        if CParser is None or len(text) > _MAX_TEXT or _DOUBT.search(text) is not None:
            return None
        if len(text) >= 1000 and _LONG_LINE.search(text) is not None:
            return None
        try:
            return _Document(self, text, first_line).read()
        except Exception:  # noqa: BLE001 - a doubt of any kind: the plain path reads it, and names the problem
            return None

    def tag(self, value: str) -> tuple[Any, bool]:
        """The plain path's tag for a plain scalar (YAML 1.2), and whether it is text."""
        found = self._tags.get(value)
        if found is None:
            tag = self._resolver.resolve(ScalarNode, value, (True, False))
            found = (tag, tag == _STR)
            if len(self._tags) >= _CACHE_SIZE:
                self._tags.clear()
            self._tags[value] = found
        return found

    def plain(self, value: str) -> Any:
        """A plain scalar typed as the plain path types it."""
        tag, is_str = self.tag(value)
        if is_str:
            return value
        return self._constructor.construct_non_recursive_object(ScalarNode(tag, value))


class _Document:
    """One text's events, read into data and key lines (or a _Doubt)."""

    def __init__(self, reader: FastReader, text: str, first_line: int):
        self.reader = reader
        self.text = text
        self.first_line = first_line
        self.next = CParser(text).get_event
        self.lines: KeyLines = {}

    def expect(self, kind: type) -> Any:
        event = self.next()
        if type(event) is not kind:
            raise _Doubt
        return event

    def read(self) -> tuple[dict[str, Any], KeyLines]:
        self.expect(StreamStartEvent)
        start = self.expect(DocumentStartEvent)
        if start.explicit or start.version is not None or start.tags:
            raise _Doubt  # '---', %YAML, %TAG
        data = self.mapping(self.expect(MappingStartEvent), (), 0)
        if self.expect(DocumentEndEvent).explicit:
            raise _Doubt  # '...'
        self.expect(StreamEndEvent)  # one document only
        return data, self.lines

    def mapping(self, start: Any, prefix: tuple[str, ...], depth: int) -> dict[str, Any]:
        if start.anchor is not None or start.tag is not None or start.flow_style or depth > _MAX_DEPTH:
            raise _Doubt
        data: dict[str, Any] = {}
        while True:
            event = self.next()
            if type(event) is MappingEndEvent:
                return data
            key = self.key(event)
            if key in data:
                raise _Doubt  # written twice: the plain path names both lines
            self.lines[(*prefix, key)] = self.first_line + event.start_mark.line
            data[key] = self.value(self.next(), (*prefix, key), depth)

    def key(self, event: Any) -> str:
        """A field name: a one-line string scalar at the start of its line, right before its colon."""
        if type(event) is not ScalarEvent:
            raise _Doubt  # a list or a group as a key
        start, end = event.start_mark, event.end_mark
        if (end.index - start.index > _MAX_KEY or self.text[start.index - start.column:start.index].strip(" ")
                or not self.text.startswith(":", end.index)):
            raise _Doubt  # '? key', '- key: …', 'key : …'
        if not event.style and not self.reader.tag(event.value)[1]:
            raise _Doubt  # 1:, null:, <<:, =: and the like
        return self.scalar(event, flow=False)

    def value(self, event: Any, prefix: tuple[str, ...], depth: int) -> Any:
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event, flow=False)
        if kind is SequenceStartEvent:
            return self.sequence(event)
        if kind is MappingStartEvent:
            return self.mapping(event, prefix, depth + 1)
        raise _Doubt  # an alias

    def sequence(self, start: Any) -> list[Any]:
        """A list of one-line scalars: - items, or [..] on one line."""
        if start.anchor is not None or start.tag is not None:
            raise _Doubt
        flow = bool(start.flow_style)
        items: list[Any] = []
        while True:
            event = self.next()
            if type(event) is SequenceEndEvent:
                if flow and event.end_mark.line != start.start_mark.line:
                    raise _Doubt
                return items
            if type(event) is not ScalarEvent:
                raise _Doubt  # lists of lists or of groups
            items.append(self.scalar(event, flow=flow))

    def scalar(self, event: Any, flow: bool) -> Any:
        """A one-line scalar whose value is its text as written (less its quotes)."""
        start, end = event.start_mark, event.end_mark
        if event.anchor is not None or event.tag is not None or start.line != end.line:
            raise _Doubt
        value, style = event.value, event.style
        written = self.text[start.index:end.index]
        if style == '"' or style == "'":
            if len(written) < 2 or written[0] != style or written[-1] != style:
                raise _Doubt
            inner = written[1:-1] if style == '"' else written[1:-1].replace("''", "'")
            if inner != value:
                raise _Doubt  # an escape (\n, \/, \N, \_, \L, \P …) or a folded line
            return value  # quoted: a string, on one line, closed where it opens
        if (style or written != value or (value and value[0] in _INDICATORS)
                or (flow and ":" in value) or '"' in value or value.endswith("'")):
            raise _Doubt  # block text; a quote the plain path looks at; a colon inside [..]
        return self.reader.plain(value)
