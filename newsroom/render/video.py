"""Click-to-play videos in story bodies (issue 22, "Video").

``videos(html, lang, poster, title)`` takes a body's HTML *as the sanitizer
wrote it* (``content/sanitize.py``) and turns each paragraph that is only a
YouTube or Vimeo link -- the editor pasted the link on its own line -- into a
click-to-play block. It runs after sanitizing, so the block (whose classes and
``data-`` attributes the allowlist would strip) is never stripped (issue 24).

The paragraphs it reads are those Python-Markdown writes (with toc,
attr_list, tables, admonition, fenced_code) and nh3 serialises:

- ``<p>https://youtu.be/ID</p>``: a bare link, as text;
- ``<p><a href="URL" rel="noopener noreferrer">text</a></p>``: a link written
  as ``[text](URL)`` or ``<URL>`` (the text may hold em, strong, code, ...).

A paragraph with any attribute, anything else beside the link (text, a
picture, a second link), or inside a list item or table stays as it was;
so does every link whose video id is not valid:

- YouTube: 11 characters of ``[A-Za-z0-9_-]``, from ``youtube.com/watch?v=``
  (one ``v``), ``youtu.be/``, ``youtube.com/shorts/``, ``youtube.com/embed/``,
  on ``youtube.com``, ``www.youtube.com`` or ``m.youtube.com``;
- Vimeo: digits, from ``vimeo.com/<id>`` (or ``www.``) or
  ``player.vimeo.com/video/<id>``;
- http or https only; no user, password or port; other query parameters
  (``si=``, ``t=``) and the fragment are allowed and ignored.

The block (``block``) -- its HTML is in the docstring of ``block`` -- is a
``<figure>`` holding the original link twice: as the poster (an ``<a>``: it
works without JavaScript) and in the caption, so feeds and search show the
link. ``docs/uk/assets/news-video.js`` turns the poster into a ``<button>``
that, on click, puts an ``<iframe>`` to youtube-nocookie.com or
player.vimeo.com in its place; nothing is requested from the video host
before. The poster is the story's picture or a placeholder drawn by
``news-video.css``: never a picture of the video host. No inline script and
no style attribute: a strict Content-Security-Policy allows it.

Every value is escaped (markupsafe); ``videos`` of its own output changes
nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from markupsafe import Markup

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{1,12}")
YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com"})
# Where a paragraph may stand to become a video: the body itself, a quote,
# an admonition (a div). Not a list item or a table cell: a list of links
# is a list.
CONTAINERS = frozenset({"div", "blockquote"})
# What the text of a link may hold (Markdown's inline markup).
INLINE = frozenset({"em", "strong", "code", "mark", "sup", "sub", "abbr"})
VOID = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "source", "col", "area", "base",
                  "embed", "param", "track"})
REL = "noopener noreferrer"

LABELS = {
    "uk": {"video": "Відео", "play": "Відтворити відео: {}", "watch": "Дивитися на {}: "},
    "en": {"video": "Video", "play": "Play video: {}", "watch": "Watch on {}: "},
}
PROVIDERS = {"youtube": "YouTube", "vimeo": "Vimeo"}


@dataclass(frozen=True)
class Video:
    """A video of a link: its host ("youtube", "vimeo") and id."""

    provider: str
    id: str
    portrait: bool = False  # a YouTube Short

    @property
    def embed(self) -> str:
        """The address of the player (what the script puts in the iframe)."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.id}?autoplay=1"


def _segments(path: str) -> list[str] | None:
    """The path's segments ("/shorts/ID/" -> ["shorts", "ID"]); None when odd."""
    parts = path.split("/")
    if parts[0] != "":
        return None
    parts = parts[1:]
    if len(parts) > 1 and parts[-1] == "":
        parts = parts[:-1]  # one trailing slash
    return parts if all(parts) else None


def video_of(url: str) -> Video | None:
    """The video a link points to, or None: see the module's rules."""
    if not url or not url.isascii() or not url.isprintable() or any(c in url for c in " \\\"'<>`"):
        return None
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or port is not None or not host:
        return None
    if parts.netloc.lower() != host:  # user, password, port or other decoration
        return None
    path = _segments(parts.path)
    if path is None:
        return None
    found: Video | None = None
    if host in YOUTUBE_HOSTS:
        if path == ["watch"]:
            try:
                values = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False).get("v", [])
            except ValueError:
                return None
            if len(values) == 1:
                found = Video("youtube", values[0])
        elif len(path) == 2 and path[0] in ("shorts", "embed"):
            found = Video("youtube", path[1], portrait=path[0] == "shorts")
    elif host == "youtu.be":
        if len(path) == 1:
            found = Video("youtube", path[0])
    elif host in VIMEO_HOSTS:
        if len(path) == 1:
            found = Video("vimeo", path[0])
    elif host == "player.vimeo.com":
        if len(path) == 2 and path[0] == "video":
            found = Video("vimeo", path[1])
    if found is None:
        return None
    pattern = YOUTUBE_ID if found.provider == "youtube" else VIMEO_ID
    return found if pattern.fullmatch(found.id) else None


def _is_url(text: str) -> bool:
    return bool(re.match(r"(?i)https?://", text.strip()))


def block(video: Video, href: str, text: str, lang: str, poster: str | None, title: str) -> Markup:
    """The click-to-play block of one video; ``href`` the editor's link,
    ``text`` its text. In Ukrainian, without a poster::

        <figure class="news-video news-video--youtube" data-news-video="youtube" data-news-video-id="ID">
        <a class="news-video__poster" href="URL" rel="noopener noreferrer" aria-label="Відтворити відео: T" data-pagefind-ignore>
        <span class="news-video__placeholder"></span>
        <span class="news-video__play" aria-hidden="true"></span>
        <span class="news-video__title">T</span>
        </a>
        <figcaption class="news-video__caption">Дивитися на YouTube: <a href="URL" rel="noopener noreferrer">text</a></figcaption>
        </figure>

    With a poster, ``<img class="news-video__image" src="poster" alt=""
    loading="lazy" decoding="async">`` stands in the placeholder's place.
    A YouTube Short has the class ``news-video--portrait`` too.
    """
    words = LABELS.get(lang, LABELS["en"])
    title = " ".join((title or "").split()) or words["video"]
    name = PROVIDERS[video.provider]
    classes = f"news-video news-video--{video.provider}" + (" news-video--portrait" if video.portrait else "")
    picture = (Markup('<img class="news-video__image" src="{}" alt="" loading="lazy" decoding="async">')
               .format(poster) if poster else Markup('<span class="news-video__placeholder"></span>'))
    lines = [
        Markup('<figure class="{}" data-news-video="{}" data-news-video-id="{}">').format(
            classes, video.provider, video.id),
        Markup('<a class="news-video__poster" href="{}" rel="{}" aria-label="{}" data-pagefind-ignore>').format(
            href, REL, words["play"].format(title)),
        picture,
        Markup('<span class="news-video__play" aria-hidden="true"></span>'),
        Markup('<span class="news-video__title">{}</span>').format(title),
        Markup("</a>"),
        Markup('<figcaption class="news-video__caption">{}<a href="{}" rel="{}">{}</a></figcaption>').format(
            words["watch"].format(name), href, REL, text or href),
        Markup("</figure>"),
    ]
    return Markup("\n").join(lines)


@dataclass
class _Paragraph:
    start: int                   # offset of "<p>" in the HTML
    parents: tuple[str, ...]     # the open elements around it
    events: list                 # ("start", tag, attrs) | ("end", tag) | ("data", text) | ("other",)


class _Finder(HTMLParser):
    """Finds the paragraphs (``<p>`` without attributes) and what each holds."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in html.split("\n"):
            self.lines.append(self.lines[-1] + len(line) + 1)
        self.html = html
        self.stack: list[str] = []
        self.current: _Paragraph | None = None
        self.found: list[tuple[int, int, _Paragraph]] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.current is not None:
            self.current.events.append(("start", tag, attrs))
        elif tag == "p" and not attrs and (self.get_starttag_text() or "") == "<p>":
            self.current = _Paragraph(self._offset(), tuple(self.stack), [])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if self.current is not None:
            self.current.events.append(("start", tag, attrs))
            self.current.events.append(("end", tag))

    def handle_endtag(self, tag):
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]
        if self.current is None:
            return
        if tag == "p":
            start = self._offset()
            end = self.html.find(">", start) + 1
            if self.html[start:end] == "</p>":
                self.found.append((self.current.start, end, self.current))
            self.current = None
        else:
            self.current.events.append(("end", tag))

    def handle_data(self, data):
        if self.current is not None:
            self.current.events.append(("data", data))

    def _other(self, *_):
        if self.current is not None:
            self.current.events.append(("other",))

    handle_comment = handle_decl = handle_pi = unknown_decl = _other


def _link(events: list) -> tuple[str, str] | None:
    """(href, text) when a paragraph's events are one link alone: the bare
    URL as text, or one <a href> holding only text and inline markup."""
    if all(kind == "data" for kind, *_ in events):
        url = "".join(e[1] for e in events).strip()
        return (url, url) if url and not any(c.isspace() for c in url) else None
    while events and events[0][0] == "data" and not events[0][1].strip():
        events = events[1:]
    while events and events[-1][0] == "data" and not events[-1][1].strip():
        events = events[:-1]
    if len(events) < 2 or events[0][:2] != ("start", "a") or events[-1] != ("end", "a"):
        return None
    href = dict(events[0][2]).get("href")
    text = []
    for event in events[1:-1]:
        if event[0] == "data":
            text.append(event[1])
        elif event[0] not in ("start", "end") or event[1] not in INLINE:
            return None
    return (href, " ".join("".join(text).split())) if href else None


# Every video address names one of these (video_of's hosts); a body that
# names none has no video.
_HOST_WORDS = re.compile("youtube|youtu[.]be|vimeo", re.IGNORECASE)


def videos(html: str, lang: str, poster: str | None, title: str) -> str:
    """``html`` (a body's sanitized HTML) with each paragraph that is only a
    YouTube or Vimeo link made a click-to-play video block (``block``), in the
    page's language ``lang`` ("uk" or "en"); ``poster``: the address of the
    story's picture (None: a placeholder); ``title``: the story's title.

    A block's title is the link's own text when the editor named the link
    (``[Round table](https://vimeo.com/1)``), else ``title``, else "Відео" /
    "Video"; two blocks of one title in a body are numbered ("Title (1)",
    "Title (2)") so that their buttons' names differ. All else is left as it
    was, byte for byte."""
    if "<p>" not in html or _HOST_WORDS.search(html) is None:
        return html  # (no video host named: most bodies, without parsing them)
    words = LABELS.get(lang, LABELS["en"])
    found = []
    for start, end, paragraph in _Finder(html).found:
        if set(paragraph.parents) - CONTAINERS:
            continue
        link = _link(paragraph.events)
        video = video_of(link[0].strip()) if link else None
        if video is not None:
            href, text = link[0].strip(), link[1]
            named = text if text and not _is_url(text) else ""
            name = " ".join((named or title or "").split()) or words["video"]
            found.append((start, end, video, href, text, name))
    # Two videos of one name are told apart: "Title (1)", "Title (2)".
    count = Counter(item[5] for item in found)
    seen: Counter = Counter()
    pieces, last = [], 0
    for start, end, video, href, text, name in found:
        seen[name] += 1
        shown = f"{name} ({seen[name]})" if count[name] > 1 else name
        pieces += [html[last:start], str(block(video, href, text, lang, poster, shown))]
        last = end
    return "".join(pieces) + html[last:] if pieces else html
