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


def script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` of each inline script of ``html``, in order, once each."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    found = ("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
             for text in parser.texts)
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


def fill(html: str) -> tuple[str, list[str]]:
    """The page with its policy in place of ``MARKER``, and its hashes."""
    if MARKER not in html:
        return html, []
    hashes = script_hashes(html)
    return html.replace(MARKER, policy(hashes), 1), hashes


def write_headers(hashes: set[str], site_dir: Path) -> None:
    """``_headers``: the same policy as an HTTP header on every page, with
    the hashes of every page's inline scripts (the header is one for all)."""
    text = "/*\n  Content-Security-Policy: " + policy(sorted(hashes)) + "\n"
    (site_dir / "_headers").write_text(text, encoding="utf-8")
