"""Frames: listing pages outside the navigation, written without the theme
(and story pages, by the same frames: ``newsroom_mkdocs/story_frames.py``).

Such pages differ, once the theme has rendered them, only in a few places.
The theme renders one frame per language and frame path with markers where
a page's own values go. A link's relative form depends on how many folders
deep the page is and on the folders it shares with the target; the theme
links a listing page outside the navigation to the pages in it, to the home
page and to its assets. So a frame stands for the listing pages of one depth
under one "root": the deepest of the listings in the navigation (such as
news/ or news/events/) that is one of their folders (``frame_for``). Each
listing page is then its frame with the markers replaced. The private-use
characters never come from the theme, and replacement is a single pass over
the frame only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from markupsafe import escape

from newsroom.model import urls
from newsroom.render.fragments import root_prefix
from newsroom.render.site import Generated, NewsSite, Parts

FRAME_TITLE = "\ue010title\ue010"
FRAME_DESCRIPTION = "\ue010description\ue010"
# (Inside an <h1> so that the theme adds no title heading of its own.)
FRAME_CONTENT = "<h1>\ue010content\ue010</h1>"
FRAME_HEAD = "\ue010head\ue010"

# (lang, frame path) -> (the frame page as the theme wrote it, its canonical URL)
Frames = dict[tuple[str, str], tuple[str, str]]


def frame_alternate(lang: str) -> str:
    return f"\ue010alt-{lang}\ue010"


def frame_for(site: NewsSite, page: Generated) -> str:
    """The language-neutral path of the frame of a framed listing page: as
    deep as the page, under the deepest unframed listing (a page in the
    navigation) among the page's folders."""
    roots = site.unframed_listings
    parts = page.path.split("/")[:-1]
    root = next(("/".join(parts[:n]) + "/" for n in range(len(parts) - 1, 0, -1)
                 if "/".join(parts[:n]) + "/" in roots), parts[0] + "/")
    return root + "_frame/" + "x/" * (page.depth - root.count("/") - 1)


def toc_frame(path: str) -> str:
    """The path of the frame for pages with a table of contents, beside
    ``path`` (a ``frame_for`` path): as deep, under the same root."""
    root, rest = path.rsplit("_frame/", 1)
    return root + "_frame_toc/" + rest


def fill_frame(frame: str, canonical: str, values: dict[str, str]) -> str:
    """``frame`` with each of the keys of ``values`` (``"canonical"``: the
    frame's own canonical URL) replaced by its value, in one pass."""
    values = dict(values)
    values[canonical] = values.pop("canonical")
    pieces = _pieces(frame, tuple(sorted(values)))
    filled = list(pieces)
    filled[1::2] = [values[key] for key in pieces[1::2]]
    return "".join(filled)


@functools.lru_cache(maxsize=64)
def _pieces(frame: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The frame cut at its keys, once per frame: text, key, text, ..., text
    (the longest key first where two begin at one place)."""
    pattern = re.compile("(" + "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True)) + ")")
    return tuple(pattern.split(frame))


def framed_html(site: NewsSite, page: Generated, parts: Parts, frame: str, canonical: str,
                extra: dict[str, str] | None = None) -> str:
    """A framed page (a listing, or a story: newsroom_mkdocs/story_frames.py):
    its frame with the page's own values filled in."""
    values = {
        FRAME_TITLE: str(escape(page.title)),
        FRAME_DESCRIPTION: str(escape(page.description)),
        FRAME_CONTENT: parts.before,
        FRAME_HEAD: parts.head,
        "canonical": urls.absolute(site.settings.site_url, page.url),
        # The switcher's links, relative as MkDocs writes them.
        **{root_prefix(page.url) + frame_alternate(lang): urls.relative(url, page.url)
           for lang, url in page.switch.items()},
        **(extra or {}),
    }
    return fill_frame(frame, canonical, values)


def remove_frame_pages(frame_dests: Iterable[str], site_dir: Path) -> None:
    """The frame pages themselves are not part of the site."""
    for dest in sorted(frame_dests, key=lambda d: d.count("/"), reverse=True):
        (site_dir / dest).unlink(missing_ok=True)
        folder = (site_dir / dest).parent
        while folder != site_dir and folder.exists() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def write_framed(site: NewsSite, frames: Frames, site_dir: Path,
                 parts: Callable[[Generated], Parts] | None = None,
                 skip: Callable[[Generated, str], bool] | None = None) -> None:
    """Write each framed listing page of ``site``'s language into ``site_dir``.
    ``skip(page, frame)`` lets a quick preview leave unchanged pages alone."""
    for page in framed_pages(site):
        write_framed_page(site, page, frames, site_dir, parts=parts, skip=skip)


def framed_pages(site: NewsSite) -> Iterator[Generated]:
    return (page for page in site.pages if site.is_framed(page))


def write_framed_page(site: NewsSite, page: Generated, frames: Frames, site_dir: Path,
                      parts: Callable[[Generated], Parts] | None = None,
                      skip: Callable[[Generated, str], bool] | None = None) -> None:
    frame, canonical = frames[(site.lang, frame_for(site, page))]
    if skip is not None and skip(page, frame):
        return
    target = site_dir / page.dest_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(framed_html(site, page, (parts or site.parts)(page), frame, canonical), encoding="utf-8")
