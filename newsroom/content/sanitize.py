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
"""

from __future__ import annotations

import html as htmllib
import string
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3

_NONE: frozenset[str] = frozenset()
ATTRIBUTES: dict[str, frozenset[str]] = {
    **{f"h{n}": frozenset({"id"}) for n in range(1, 7)},
    **dict.fromkeys(("th", "td"), frozenset({"style", "colspan", "rowspan"})),
    **dict.fromkeys(("p", "div"), frozenset({"class"})),
    "a": frozenset({"href", "title", "rel"}), "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title", "width", "height"}),
    **dict.fromkeys(("em strong code pre blockquote ul ol li hr br table thead tbody tfoot tr"
                     " caption sup sub mark figure figcaption").split(), _NONE),
}
TAGS = frozenset(ATTRIBUTES)
ADMONITION_TYPES = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq"
    " warning caution attention failure fail missing danger error bug example quote cite".split())
CLASSES = {"div": ADMONITION_TYPES | {"admonition", "toc", "inline", "end"},
           "p": frozenset({"admonition-title"})}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ALIGNMENTS = frozenset({"left", "right", "center", "justify", "start", "end"})
NUMBERS = frozenset({"width", "height", "colspan", "rowspan"})
RAW_TEXT = ("script", "style", "iframe", "noembed", "noframes", "noscript", "xmp", "textarea",
            "title", "plaintext")
SUBTREES = frozenset({"svg", "math", "template", "select"})
DROPPED_WITH_CONTENT = frozenset(RAW_TEXT) | SUBTREES
REL = "noopener noreferrer"

_HINTS = {  # (English, Ukrainian)
    "code": ("a story cannot run code; remove it", "матеріал не може виконувати код; приберіть це"),
    "video": ("paste the video link on its own line", "вставте посилання на відео окремим рядком"),
    "look": ("the look comes from the site's theme; remove it", "вигляд задає тема сайту; приберіть це"),
    "form": ("a story cannot hold a form; link to the form instead", "матеріал не може містити форму; дайте посилання на неї"),
    "page": ("a story cannot change the page or send readers elsewhere; remove it",
             "матеріал не може змінювати сторінку чи переспрямовувати читачів; приберіть це"),
    "picture": ("put the picture in the story's folder and write ![description](file name)",
                "покладіть зображення в теку матеріалу й напишіть ![опис](назва файлу)"),
    "other": ("remove it or write it in Markdown", "приберіть це або запишіть засобами Markdown"),
    "remove": ("remove it", "приберіть це"),
    "link": ("link only to http, https, mailto or tel addresses or to a page of the site",
             "посилайтеся лише на адреси http, https, mailto, tel або на сторінки сайту"),
    "image": ("put the picture in the story's folder and use its file name, or use an https address",
              "покладіть зображення в теку матеріалу й укажіть назву файлу або адресу https"),
    "rel": (f'remove it; links to other sites get rel="{REL}" by themselves', "приберіть це"),
    "number": ("give a whole number", "укажіть ціле число"),
    "note": ("use a note type: " + ", ".join(sorted(ADMONITION_TYPES)),
             "оберіть тип примітки: " + ", ".join(sorted(ADMONITION_TYPES))),
    "align": ("only text-align is kept in tables; the rest of the look comes from the site's theme",
              "у таблицях лишається тільки text-align; решту вигляду задає тема сайту"),
    "illformed": ("this HTML is not well-formed or not allowed here; write it in Markdown",
                  "цей HTML неправильний або тут не дозволений; запишіть це засобами Markdown"),
}
_TAG_HINTS = {tag: _HINTS[hint] for hint, tags in (
    ("code", "script noscript template applet"), ("video", "iframe frame frameset object embed video audio"),
    ("look", "style link font center"), ("page", "meta base html head body title"),
    ("form", "form input button select textarea option label fieldset isindex keygen output"),
    ("picture", "svg math picture source canvas")) for tag in tags.split()}


@dataclass(frozen=True)
class Removal:
    """One thing removed from a story body, for the editor."""

    what: str          # "<iframe>", "the onerror attribute of <img>", "a javascript: link"
    line: int | None   # 1-based line of the Markdown file where it is
    hint_en: str       # what to do instead
    message_uk: str    # the message in Ukrainian: what was removed
    hint_uk: str       # the hint in Ukrainian

    def message(self, lang: str = "en") -> str:
        """What was removed, "<iframe> is not allowed", without the hint."""
        return self.message_uk if lang == "uk" else f"{self.what} is not allowed"

    def hint(self, lang: str = "en") -> str:
        """What to do instead."""
        return self.hint_uk if lang == "uk" else self.hint_en


def _removal(what: str, uk: str, hint: str | tuple[str, str]) -> Removal:
    hint_en, hint_uk = _HINTS[hint] if isinstance(hint, str) else hint
    return Removal(what, None, hint_en, f"{uk} не дозволено", hint_uk)


def _element(tag: str, hint: str | None = None) -> Removal:
    return _removal(f"<{tag}>", f"тег <{tag}>", hint or _TAG_HINTS.get(tag, _HINTS["other"]))


def _attribute(tag: str, name: str, hint: str | None = None) -> Removal:
    hint = hint or ("code" if name.startswith("on") else "look" if name == "style" else "remove")
    return _removal(f"the {name} attribute of <{tag}>", f"атрибут {name} у <{tag}>", hint)


def _short(value: str, limit: int = 60) -> str:
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scheme(url: str) -> str:
    """The URL's scheme in lower case as a browser reads it; "" when relative."""
    text = "".join(c for c in url if c not in "\t\n\r").strip("".join(map(chr, range(33))))
    head, colon, _ = text.partition(":")
    return head.lower() if colon and not any(c in head for c in "/?#\\") else ""


def _is_external(href: str) -> bool:
    text = "".join(c for c in href if c not in "\t\n\r").strip().replace("\\", "/")
    scheme = _scheme(text)
    return scheme in ("", "http", "https") and text[len(scheme) + bool(scheme):].startswith("//")


def _in_folder(src: str, assets: Collection[str]) -> bool:
    # (``assets`` may also list a file's link exactly as the site wrote it
    # from the page, ``../`` included: the caller vouches for those.)
    if src in assets:
        return True
    name = unquote(src.strip()).removeprefix("./")
    return not (name.startswith("/") or "\\" in name or ".." in name.split("/")) and name in assets


def _decide(tag: str, name: str, value: str, assets: Collection[str]) -> tuple[str | None, Removal | None]:
    """The value kept of one attribute (None: dropped) and what to report."""
    if name not in ATTRIBUTES.get(tag, _NONE):
        return None, _attribute(tag, name)
    scheme = _scheme(value) if name in ("href", "src") else ""
    if name == "href" and scheme and scheme not in LINK_SCHEMES:
        return None, _removal(f"a {_short(scheme, 20)}: link", f"посилання {_short(scheme, 20)}:", "link")
    if name == "src" and scheme != "https" and not (scheme == "" and _in_folder(value, assets)):
        return None, _removal(f"the image {_short(value)}", f"зображення {_short(value)}", "image")
    if name == "rel" and value.split() != REL.split():
        return None, _attribute(tag, name, "rel")
    if name in NUMBERS and not (value.isascii() and value.isdigit()):
        return None, _attribute(tag, name, "number")
    if name == "class":
        good = [t for t in value.split() if t in CLASSES[tag]]
        bad = " ".join(t for t in value.split() if t not in CLASSES[tag])
        return (value, None) if not bad else (" ".join(good) or None, _removal(
            f"the class {bad} of <{tag}>", f"клас {bad} у <{tag}>", "note" if tag == "div" else "remove"))
    if name == "style":
        good, bad = [], []
        for prop, _, val in (d.partition(":") for d in value.split(";") if d.strip()):
            prop, val = prop.strip().lower(), val.strip().lower()
            (good if prop == "text-align" and val in ALIGNMENTS else bad).append(f"{prop}: {val}")
        what = _short("; ".join(bad), 40)
        return (value, None) if not bad else (
            "; ".join(good) or None, _removal(f"the style {what} of <{tag}>", f"стиль {what} у <{tag}>", "align"))
    return value, None


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


def _clean(html: str, assets: Collection[str]) -> str:
    return nh3.clean(html, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                     attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                     attribute_filter=lambda tag, name, value: _decide(tag, name, value, assets)[0],
                     url_schemes=set(LINK_SCHEMES), filter_style_properties={"text-align"},
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
             first_line: int = 1) -> tuple[str, list[Removal]]:
    """Sanitize ``html``, rendered from ``markdown`` (a story's body, whose first
    line is line ``first_line`` of its file); ``assets`` are the names of the
    files in the story's folder. Returns the safe HTML and every removal, in
    order of lines."""
    folder = frozenset(assets)
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
