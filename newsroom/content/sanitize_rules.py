"""The rules of ``sanitize.py`` (split from it; its docstring states them): the
allowlist, the decision on each attribute (what is kept, what is removed, what
an editor is told), nh3's pass with them (``_clean``), and the plain HTML that
the fast path reads (``_tokens``: its grammar; why, in ``sanitize.py``)."""

from __future__ import annotations

import html as htmllib
import re
import threading
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from html.entities import html5 as _ENTITIES
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
_C0_SPACE = "".join(map(chr, range(33)))  # what a URL parser strips around a URL

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


_PATHISH = re.compile(r"[/?#\\]")  # a URL's scheme holds none of these


def _untabbed(url: str) -> str:
    """Without tabs and line breaks, as URL parsers read it."""
    return url.replace("\t", "").replace("\n", "").replace("\r", "")


def _scheme(url: str) -> str:
    """The URL's scheme in lower case as a browser reads it; "" when relative."""
    text = _untabbed(url).strip(_C0_SPACE)
    head, colon, _ = text.partition(":")
    return head.lower() if colon and not _PATHISH.search(head) else ""


def _is_external(href: str) -> bool:
    text = _untabbed(href).strip().replace("\\", "/")
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


def _clean(html: str, assets: Collection[str], known: dict | None = None) -> str:
    """nh3 with the allowlist; ``known``: ``_decide``'s kept values already found, by
    (tag, name, value) (the fast path's; ``_decide`` is a function of these). One
    ``nh3.Cleaner``, made once (building ammonia's allowlist on every call cost
    about a fifth of it), whose attribute filter reads this call's values."""
    _CALL.assets, _CALL.known = assets, known
    try:
        return _cleaner().clean(html)
    finally:
        _CALL.assets = _CALL.known = None


_CALL = threading.local()  # the assets and known values of the _clean under way (in this thread)


def _keep(tag: str, name: str, value: str) -> str | None:
    known, key = _CALL.known, (tag, name, value)
    return known[key] if known and key in known else _decide(tag, name, value, _CALL.assets)[0]


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                       attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                       attribute_filter=_keep, url_schemes=set(LINK_SCHEMES),
                       filter_style_properties={"text-align"}, link_rel=None, strip_comments=True)


# --- the fast path's grammar ------------------------------------------------------

# One tag and the text after it, possessive (no backtracking): a tag is read from its "<" on.
_TOKEN = re.compile(r'<(?:/([a-zA-Z][a-zA-Z0-9]*+)[\t\n\f ]*+|([a-zA-Z][a-zA-Z0-9]*+)'
                    r'((?:[\t\n\f ]++[a-zA-Z][a-zA-Z0-9-]*+="[^"<>]*+")*+)[\t\n\f ]*+(/?))>([^<]*+)')
_ATTR = re.compile(r'([a-zA-Z][a-zA-Z0-9-]*)="([^"]*)"')
_REF = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{0,31}));")
_STYLES: dict[tuple[str, str], str | None] = {}  # (th or td, style): nh3's style, None: not stable


def _plain(code: int) -> bool:
    """A character both Python and html5ever decode a reference to and keep: no control
    but tab and line feed, no surrogate, no noncharacter."""
    return (code in (9, 10) or 0x20 <= code < 0x7F or 0xA0 <= code < 0xD800
            or (0xE000 <= code <= 0x10FFFF and not 0xFDD0 <= code <= 0xFDEF and code & 0xFFFE != 0xFFFE))


def _tokens(text: str) -> tuple[str, list[tuple[str, ...]]] | None:
    """``text`` as its text up to the first tag and (end tag's name, start tag's name,
    attributes, "/" or "", text after it) per tag, if it is in the fast path's grammar:
    every "<" opens such a tag (values in double quotes; no comment), every "&" is a
    decimal, hex or named (";") reference that Python and html5ever decode alike; no CR,
    NUL or byte-order mark (html5ever changes them before it tokenizes). None otherwise."""
    if "\r" in text or "\0" in text or text.startswith("\ufeff"):
        return None
    if "&" in text:
        refs = _REF.findall(text)
        if len(refs) != text.count("&") or not all(
                f"{name};" in _ENTITIES if name else _plain(int(decimal) if decimal else int(hexa, 16))
                for decimal, hexa, name in refs):
            return None
    found = _TOKEN.findall(text)  # each match holds one "<": so none was skipped
    return (text.partition("<")[0], found) if len(found) == text.count("<") else None


@lru_cache(maxsize=4096)
def _attributes(raw: str) -> tuple[tuple[str, str], ...]:
    """The attributes of a start tag as html.parser and html5ever read them: names in
    lower case, values decoded, the first of duplicates."""
    attrs: dict[str, str] = {}
    for name, value in _ATTR.findall(raw):
        attrs.setdefault(name.lower(), htmllib.unescape(value) if "&" in value else value)
    return tuple(attrs.items())


def _token(token: tuple[str, ...], styles: bool = False) -> tuple:
    """A token as html5ever reads it (the self-closing "/" is nothing to an HTML element);
    ``styles``: with each th and td style as nh3 makes it."""
    end, name, raw, _, run = token
    attrs = _attributes(raw)
    if styles and name.lower() in ("th", "td"):
        attrs = tuple((n, _style(name.lower(), v) if n == "style" else v) for n, v in attrs)
    return end.lower(), name.lower(), attrs, htmllib.unescape(run)


def _style(tag: str, value: str) -> str | None:
    """What nh3 makes of a th or td style, if nh3 makes the same of that again; None
    otherwise. (ammonia cleans each attribute by its tag, name and value alone.)"""
    def clean(style: str) -> str | None:
        found = _tokens(_clean(f'<table><tr><{tag} style="{htmllib.escape(style)}"></{tag}></tr></table>', ()))
        cells = [dict(_attributes(t[2])) for t in found[1] if t[1] == tag] if found else []
        return cells[0].get("style") if len(cells) == 1 else None
    if (tag, value) not in _STYLES:
        made = clean(value)
        made = made if made is not None and clean(made) == made else None
        if len(_STYLES) > 4096:
            return made
        _STYLES[(tag, value)] = made
    return _STYLES[(tag, value)]
