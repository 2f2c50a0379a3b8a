"""An allowlist sanitizer for the HTML rendered from a story's Markdown.

``sanitize(html, markdown, assets=..., first_line=...)`` returns the safe HTML and one
``Removal`` per thing removed: the line of the Markdown file where it is, what it is and what
to do instead, in English and Ukrainian (``message(lang)``: "<iframe> is not allowed";
``hint(lang)``: "paste the video link on its own line").

Rules (tests/test_sanitize.py checks each one):

1. Tags kept: those of ``ATTRIBUTES`` -- what Markdown and its ``toc``, ``attr_list``,
   ``tables`` and ``admonition`` extensions produce (p, h1-h6, em, strong, a, img, ul, ol, li,
   blockquote, pre, code, hr, br, table, thead, tbody, tr, th, td, div) and the harmless tags
   editors use: sup, sub, abbr, mark, caption, tfoot, figure, figcaption.
2. Attributes kept, per tag: ``id`` on headings; ``href``, ``title`` on a (``rel`` only as
   "noopener noreferrer"); ``src``, ``alt``, ``title``, ``width``, ``height`` on img; ``title``
   on abbr; ``style``, ``colspan``, ``rowspan`` on th/td, the style holding only ``text-align``
   (left, right, center, justify, start, end); ``class`` on div and p, with only the classes
   of ``CLASSES`` (admonitions, ``[TOC]``). Width, height, colspan, rowspan: whole numbers.
3. Links: ``LINK_SCHEMES`` (http, https, mailto, tel) and relative links (``#fragment`` too).
   Links to other sites (absolute http/https, or ``//``) get ``rel="noopener noreferrer"``.
4. Images: a file of the story's folder (a name in ``assets``: no ``..``, no leading ``/``)
   or an ``https:`` address.
5. Everything else is removed and reported, one ``Removal`` each: other tags (script, style,
   iframe, object, embed, form, input, meta, base, link, svg, math, ...), event handlers and
   other attributes, javascript:/vbscript:/data: URLs. The attributes of a removed tag, and
   all inside a removed svg, math, template or select, go with it in one report.
6. The content of script, style, the other raw-text tags and svg, math, template, select
   (``DROPPED_WITH_CONTENT``) goes with the tag; that of other removed tags stays as text.
7. HTML comments are removed silently: they are not content.
8. Code spans and code blocks are Markdown's escaped text: they pass unchanged and are never
   reported.
9. Nothing is dropped silently: what nh3 removed that the walker did not foresee is reported
   too ("not well-formed"), at the nearest line found.
10. Sanitizing the output again changes nothing and reports nothing.

How: nh3 (ammonia) makes the output, with ``_decide`` as its attribute filter. A
``html.parser`` walker applies the same ``_decide`` to report, and finds each removal's line
by searching its raw text in the Markdown from a moving cursor (case-insensitively, entities
decoded, whitespace ignored; the body's first line when not found). The elements and
attributes of nh3's output are counted against a permissive nh3 pass (the input as ammonia's
parser sees it) and against the walker's forecast.

Fast path (``fast=True``, the default; ``fast=False``: always the full path above, with the
same result). When the body is plain HTML and nothing is to be removed, one nh3 pass and a few
regular expressions give the answer; otherwise the full path runs. Plain (``_tokens``): every
"<" opens a start tag ``<name name="value">`` (a "/" before ">" allowed) or an end tag
``</name>``, names of letters, digits, "-", values in double quotes without "<" or ">"; every
"&" is a decimal or hex reference to a character Python and html5ever both keep, or a named
one with its ";"; no CR, NUL or byte-order mark. On plain HTML whose start tags are all in the
allowlist, html.parser and html5ever read the tokens ``_tokens`` reads (no comment, no raw-text
or foreign element, references decoded alike). ``_fast`` checks that (a) ``_decide`` keeps each
attribute of each start tag as it is and (b) the tokens of nh3's output S are the input's, but
for th/td styles, which nh3 rewrites ("text-align: center;" to "text-align:center"): there
``_style`` checks that nh3 makes S's style of the input's and keeps S's as it is. The full
path then gives S with rel added, and no removal:
- the walker reports nothing (a);
- nh3 on S gives S, so the loop stops at S: from S's tokens the parser builds the input's
  tree (it reads no attribute value of these tags) but with the styles nh3 made, and ammonia
  (4.1: ``clean_child``, ``adjust_node_attributes``) cleans each attribute by its tag, name
  and value alone, and keeps those styles as they are;
- nothing is unexplained. nh3 keeps every element: the parser makes them from the tokens, or
  implies a tbody, tr, p or br, or copies an a, em, strong or code; none is an SVG or MathML
  name. nh3 keeps every attribute: it would drop a (tag, name, value) wherever it is, and (b)
  each of the input's (styles aside) is in S; th/td are never implied or copied, so S's
  styles, as many as the input's, are all of the tree's. The permissive pass drops nothing
  either (it allows more): both passes and the walker count the same elements and attributes;
- S's <a> tags are the input's, in order, with their attributes: rel goes where ``_Census``
  puts it.
tests/test_sanitize.py checks that both paths agree on every vector, construct and story, and
on random Markdown and HTML, and that clean bodies take the fast path.
"""

from __future__ import annotations

import html as htmllib
import re
import string
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from html.parser import HTMLParser

import nh3

from newsroom.content.sanitize_rules import (  # noqa: F401 (the allowlist is this module's too)
    ADMONITION_TYPES, ALIGNMENTS, ATTRIBUTES, CLASSES, DROPPED_WITH_CONTENT, LINK_SCHEMES, NUMBERS,
    RAW_TEXT, REL, SUBTREES, TAGS, Removal, _attribute, _attributes, _clean, _decide, _element,
    _is_external, _scheme, _TAG_HINTS, _token, _tokens)


def _norm(text: str) -> str:
    return "".join(c for c in text.lower() if not c.isspace())


class _Locator:
    """Finds raw text in the Markdown: entities decoded, case and whitespace ignored."""

    def __init__(self, markdown: str, first_line: int):
        self.source, self.first_line, self.cursor = markdown, first_line, 0
        self.masks: list[tuple[int, int]] = []
        chars, index, i = [], [], 0
        while i < len(markdown):
            end = i + 1
            if markdown[i] == "&":
                while end < len(markdown) and end - i < 40 and (markdown[end].isalnum() or markdown[end] == "#"):
                    end += 1
                end += end < len(markdown) and markdown[end] == ";"
            piece = htmllib.unescape(markdown[i:end])
            if piece == markdown[i:end]:
                piece, end = markdown[i], i + 1
            for c in _norm(piece):
                chars.append(c)
                index.append(i)
            i = end
        self.text, self.index = "".join(chars), index

    def find(self, needles: list[str], start: int | None = None) -> tuple[int, int] | None:
        """(position, length) of the first needle found, from the cursor, then from the top."""
        for needle in filter(None, map(_norm, needles)):
            for origin in (self.cursor, 0) if start is None else (start,):
                pos = self.text.find(needle, origin)
                while pos >= 0 and any(s <= pos < e for s, e in self.masks):
                    pos = self.text.find(needle, pos + 1)
                if pos >= 0:
                    return pos, len(needle)
        return None

    def line(self, pos: int | None) -> int:
        if pos is None or not self.index:
            return self.first_line
        return self.first_line + self.source.count("\n", 0, self.index[min(pos, len(self.index) - 1)])

    def lines(self, needles: list[str]) -> list[int]:
        """Every line where the first needle found is."""
        found, lines = self.find(needles, 0), []
        needle = self.text[found[0]:sum(found)] if found else ""
        while found:
            lines.append(self.line(found[0]))
            found = self.find([needle], found[0] + 1)
        return lines

    def enter(self, tag: str, needles: list[str]) -> None:
        """Moves the cursor to the next raw ``<tag`` if the needles are found inside it
        (a Markdown link or image has no raw tag: the cursor stays)."""
        anchor = self.find([f"<{tag}"])
        inside = anchor and self.find(needles, anchor[0])
        end = self.text.find("<", anchor[0] + 1) if anchor else -1
        if inside and (end < 0 or inside[0] < end):
            self.cursor = anchor[0]

    def locate(self, removal: Removal, needles: list[str]) -> Removal:
        found = self.find(needles)
        if found:
            self.cursor = sum(found)
        return replace(removal, line=self.line(found[0] if found else None))


class _Walker(HTMLParser):
    """Walks the input with the allowlist: reports removals, counts what stays."""

    CDATA_CONTENT_ELEMENTS = RAW_TEXT

    def __init__(self, assets: Collection[str], locator: _Locator):
        super().__init__(convert_charrefs=True)
        self.assets, self.where = assets, locator
        self.removals: list[Removal] = []
        self.kept, self.removed = Counter(), Counter()
        self.reported: dict[tuple[str, ...], set[int | None]] = {}
        self.skip: list[str] = []  # open svg, math, template, select
        self.code = 0
        self.tags: set[str] = set()
        self.schemes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = "img" if tag == "image" else tag  # as HTML parsers do
        self.tags.add(tag)
        self.schemes.update(filter(None, (_scheme(v or "") for _, v in attrs)))
        if self.skip or tag not in TAGS:
            if not self.skip:
                self._report((tag,), _element(tag), [f"<{tag}", tag])
            self.skip += [tag] if tag in SUBTREES else []
            self.removed.update([(tag,), *((tag, name) for name, _ in attrs)])
            return
        self.code += tag in ("code", "pre")
        self.kept[(tag,)] += 1
        found, first = [], {}
        for name, value in attrs:
            first.setdefault(name, value)  # the first of duplicate attributes counts
        for name, value in first.items():
            kept, removal = _decide(tag, name, value or "", self.assets)
            self.removed[(tag, name)] += kept is None
            self.kept[(tag, name)] += kept is not None
            if removal:
                found.append(((tag, name), removal, _needles(name, value or "")))
        if found:
            self.where.enter(tag, found[0][2])
        for key, removal, needles in found:
            self._report(key, removal, needles)

    def _report(self, key: tuple[str, ...], removal: Removal, needles: list[str]) -> None:
        removal = self.where.locate(removal, needles)
        self.removals.append(removal)
        self.reported.setdefault(key, set()).add(removal.line)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skip:
            del self.skip[len(self.skip) - 1 - self.skip[::-1].index(tag):]
        elif not self.skip and tag in ("code", "pre") and self.code:
            self.code -= 1

    def handle_data(self, data: str) -> None:
        found = self.where.find([data]) if self.code and not self.skip and len(_norm(data)) > 1 else None
        if found:  # code is text: its words are not where removals are
            self.where.masks.append((found[0], sum(found)))


def _needles(name: str, value: str) -> list[str]:
    """What to search in the Markdown for a removed attribute, best first."""
    if name in ("href", "src"):
        return [value, f"{_scheme(value)}:" if _scheme(value) else "", name]
    if name == "class":
        return [*(f"!!! {t}" for t in value.split()), *(f".{t}" for t in value.split()), name]
    return [f"{name}=", name]


class _Census(HTMLParser):
    """Counts the elements and attributes of nh3's output; finds external links."""

    CDATA_CONTENT_ELEMENTS = RAW_TEXT

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.counts: Counter = Counter()
        self.inserts: list[tuple[int, int]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[(tag,)] += 1
        names = dict(reversed(attrs))
        self.counts.update((tag, name) for name in names if tag in TAGS)
        if tag == "a" and "rel" not in names and _is_external(names.get("href") or ""):
            line, column = self.getpos()
            self.inserts.append((line, column + len(self.get_starttag_text() or "") - 1))


def _permissive(html: str, walker: _Walker) -> str:
    """The input as ammonia's HTML parser sees it, with (almost) nothing removed."""
    return nh3.clean(html, tags=set(TAGS | walker.tags | set(_TAG_HINTS)), clean_content_tags=set(),
                     attributes={}, generic_attribute_prefixes=set(string.ascii_lowercase),
                     url_schemes=set(LINK_SCHEMES | {"javascript", "vbscript", "data"} | walker.schemes),
                     link_rel=None, strip_comments=True)


def _with_rel(text: str, inserts: list[tuple[int, int]]) -> str:
    """Adds rel to the external links at the (line, column) ends of their start tags."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    for line, column in reversed(inserts):
        at = starts[line - 1] + column
        text = f'{text[:at]} rel="{REL}"{text[at:]}'
    return text


def _unexplained(walker: _Walker, seen: Counter, kept: Counter) -> list[Removal]:
    """What nh3 removed that the walker did not report, at the nearest line found:
    the first line with the raw tag (or attribute) and no report of the same kind."""
    removals = []
    for key, count in (((seen - kept) - walker.removed) | (walker.kept - kept)).items():
        removal = _element(key[0], "illformed") if len(key) == 1 else _attribute(*key, "illformed")
        needles = [f"<{key[0]}", f"{key[1]}=", key[1]] if len(key) == 2 else [f"<{key[0]}", key[0]]
        lines = walker.where.lines(needles)
        fresh = [n for n in lines if n not in walker.reported.get(key, ())]
        line = (fresh or lines or [walker.where.first_line])[0]
        removals += [replace(removal, line=line)] * count
    return removals


def sanitize(html: str, markdown: str, *, assets: Collection[str] = (),
             first_line: int = 1, fast: bool = True) -> tuple[str, list[Removal]]:
    """Sanitize ``html``, rendered from ``markdown`` (a story's body, whose first
    line is line ``first_line`` of its file); ``assets`` are the names of the
    files in the story's folder. Returns the safe HTML and every removal, in
    order of lines. ``fast=False``: always the full path (the same result)."""
    folder = frozenset(assets)
    found = _fast(html, folder) if fast else None
    if found is not None:
        return found, []
    return _full(html, markdown, folder, first_line)


def _full(html: str, markdown: str, folder: frozenset[str], first_line: int) -> tuple[str, list[Removal]]:
    """The reference path: the walker, nh3 until stable, the censuses."""
    walker = _Walker(folder, _Locator(markdown, first_line))
    walker.feed(html)
    walker.close()
    cleaned = _clean(html, folder)
    for _ in range(3):  # misnested input: until parsing the output again changes nothing
        again = _clean(cleaned, folder)
        if again == cleaned:
            break
        cleaned = again
    census = _Census(cleaned)
    extra = _unexplained(walker, _Census(_permissive(html, walker)).counts, census.counts)
    removals = sorted(walker.removals + extra, key=lambda r: r.line or 0)
    return _with_rel(cleaned, census.inserts), removals


# --- the fast path (the module docstring says why its result is the full path's) ---

_LINK = re.compile(r'<a((?: [a-z-]++="[^"]*+")*+)>')


def _fast(html: str, folder: frozenset[str]) -> str | None:
    """The full path's output when it removes nothing, found with one nh3 pass; None
    when that is not certain (then the full path runs)."""
    read = _tokens(html)
    if read is None or not {name.lower() for _, name, _, _, _ in read[1] if name} <= TAGS:
        return None
    known: dict[tuple[str, str, str], str | None] = {}
    for name, raw in {(name, raw) for _, name, raw, _, _ in read[1] if raw}:
        for key, value in _attributes(raw):
            kept, removal = _decide(name.lower(), key, value, folder)
            if removal:
                return None
            known[(name.lower(), key, value)] = kept
    cleaned = _clean(html, folder, known)
    again = _tokens(cleaned) if cleaned != html else read
    if again is None or len(again[1]) != len(read[1]) or htmllib.unescape(again[0]) != htmllib.unescape(read[0]):
        return None
    if again[1] != read[1] and any(mine != theirs and _token(mine, True) != _token(theirs)
                                   for mine, theirs in zip(read[1], again[1])):
        return None
    # The tokens are the same: the <a> of the output are those of the input, in order.
    links = [dict(_attributes(raw)) for _, name, raw, _, _ in read[1] if name in ("a", "A")]
    ends = [link.end() - 1 for link in _LINK.finditer(cleaned)]
    if len(ends) != len(links):
        return None
    pieces, start = [], 0
    for at, attrs in zip(ends, links):
        if "rel" not in attrs and _is_external(attrs.get("href") or ""):
            pieces += (cleaned[start:at], f' rel="{REL}"')
            start = at
    return "".join(pieces) + cleaned[start:]
