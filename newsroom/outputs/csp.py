"""The Content-Security-Policy of every page, as a ``<meta http-equiv>`` (so
that it works on any static host, GitHub Pages included) and, for hosts that
read one (Netlify, Cloudflare Pages), a ``_headers`` file.

Scripts run only from the site itself, and the theme's few inline scripts by
the SHA-256 of their text, computed from each written page (never
``'unsafe-inline'``); ``'wasm-unsafe-eval'`` because Pagefind's search runs
as WebAssembly; frames only from the two video hosts a story's video may
play from (``render/video.py``), and only after the reader's click; no
plugins, no ``<base>``, forms only to the site. Story texts cannot add a
script anyway (``content/sanitize.py``): the policy is the second wall.

The page templates carry ``MARKER`` as the meta's content; ``fill`` puts
the page's own policy in its place.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

MARKER = "\ue030csp\ue030"
VIDEO_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
_DATA_TYPES = ("application/ld+json", "application/json")


class _InlineScripts(HTMLParser):
    """The text of every inline script a browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.texts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            values = dict(attrs)
            kind = (values.get("type") or "").strip().lower()
            runs = "src" not in values and kind not in _DATA_TYPES
            self._open = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.texts.append("".join(self._open))
            self._open = None


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` a browser would run: the
    plain path, by the standard library's HTML parser."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.texts


_SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def inline_scripts_fast(html: str) -> list[str] | None:
    """The same, found by looking for ``<script`` in the page (the pages are
    the theme's and the engine's, whose texts never hold one: the sanitizer
    sees to that): about 30 times faster than the parser. None when the page
    holds anything that could make the two differ (a comment, a CDATA
    section, a script not closed): the caller then asks the parser."""
    if "<!--" in html or "<![CDATA[" in html:
        return None
    texts = []
    for match in _SCRIPT.finditer(html):
        end = html.find("</script", match.end())
        if end < 0 or html.find("<script", match.end(), end) >= 0:
            return None
        values = {m[1].lower(): (m[2] if m[2] is not None else m[3] if m[3] is not None else m[4] or "")
                  for m in _ATTRIBUTE.finditer(match[1])}
        kind = values.get("type", "").strip().lower()
        if "src" not in values and kind not in _DATA_TYPES:
            texts.append(html[match.end():end])
    return texts


def script_hashes(html: str, fast: bool = True) -> list[str]:
    """``'sha256-…'`` of each inline script of ``html``, in order, once each."""
    texts = inline_scripts_fast(html) if fast else None
    if texts is None:
        texts = inline_scripts(html)
    found = ("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
             for text in texts)
    return list(dict.fromkeys(found))


def policy(hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes, "'wasm-unsafe-eval'"]),
        "style-src 'self'",
        "img-src 'self' https: data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src " + " ".join(VIDEO_HOSTS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def fill(html: str, fast: bool = True) -> tuple[str, list[str]]:
    """The page with its policy in place of ``MARKER``, and its hashes."""
    if MARKER not in html:
        return html, []
    hashes = script_hashes(html, fast)
    return html.replace(MARKER, policy(hashes), 1), hashes


def write_headers(hashes: set[str], site_dir: Path) -> None:
    """``_headers``: the same policy as an HTTP header on every page, with
    the hashes of every page's inline scripts (the header is one for all)."""
    text = "/*\n  Content-Security-Policy: " + policy(sorted(hashes)) + "\n"
    (site_dir / "_headers").write_text(text, encoding="utf-8")
