"""Story pages written into a frame (speed switch ``story_frames``).

The theme renders a story's page as it renders a listing page outside the
navigation of the same depth under the same listing (``speed/frames.py``),
but for the story's own values: its title, description, canonical URL,
language switcher, head and content, and its table of contents. So a story
is written as the frame of its depth with those values filled in, instead of
a run of the theme's templates (about 0.65 ms a page, most of what MkDocs
spends on a page besides its Markdown).

The rules:

1. A story page gets the template ``news-story.html`` (``overrides/``),
   which prints ``news_framed`` when the build has set it, and else is the
   theme's ``main.html``, as for any page.
2. Each story's depth has two frames: one for a story without a table of
   contents, and one (``toc_frame``) rendered with a table of contents of
   one marker entry, ``MARKER_TOC``. In the second, the theme's table of
   contents (``partials/toc.html``, rendered apart with the marker) is
   replaced by the story's, rendered apart by the same template, and the
   theme's "skip to content" link's target by the story's first entry's.
3. ``news_framed`` is set when the story's frame has been rendered (a build
   renders the frames first; a preview renders them last, so its stories go
   through the theme), its content holds an ``<h1`` (the theme would add a
   title otherwise) and, for a story with a table of contents, the frame
   holds the marker's table of contents once and the skip link once besides.
4. A framed story's inline scripts are its frame's: its Content-Security-
   Policy and the hashes recorded for it are the frame's.

``tests/test_house.py`` builds the sites with ``NEWSROOM_SPEED=off`` (every
story through the theme) and on, compares them byte for byte, and checks
that stories with and without a table of contents were framed.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from newsroom.render.site import Generated, Parts
from newsroom.speed.frames import frame_for, framed_html, toc_frame

if TYPE_CHECKING:
    from newsroom_mkdocs.language import Language

log = logging.getLogger("mkdocs.hooks.news")

TEMPLATE = "news-story.html"
_TOC_ID = "\ue010toc\ue010"
MARKER_TOC = get_toc([{"level": 2, "id": _TOC_ID, "name": "\ue010toc-title\ue010", "children": []}])
_SKIP = f'href="#{_TOC_ID}"'
# The theme's table of contents, as base.html includes it.
_TOC_SOURCE = '{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}'


class StoryFrames:
    """One language build's framed stories."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.enabled = language.site.settings.story_frames
        self.paths: dict[str, str] = {}  # story dest_uri -> its frame's path (without a table of contents)
        self.env: Any = None             # the theme's (on_env)
        self._toc_template: Any = None
        self._toc_paths: set[str] = set()    # the frames for stories with a table of contents
        self._marker: str | None = None      # the theme's table of contents of MARKER_TOC
        self._markers: dict[str, bool] = {}  # toc frame path -> whether it holds the marker's parts once
        self._framed: dict[str, str] = {}    # stories filled into a frame, not yet written -> frame path
        self.count = [0, 0]                  # stories framed without, with a table of contents
        self._reported = False

    def add(self, page: Generated) -> None:
        """A story MkDocs is to write."""
        if self.enabled:
            self.paths[page.dest_uri] = frame_for(self.language.site, page)

    def frame_paths(self) -> set[str]:
        """The frames the stories need (rule 2)."""
        paths = set(self.paths.values())
        self._toc_paths = {toc_frame(path) for path in paths}
        return paths | self._toc_paths

    def mark(self, page: Page) -> None:
        """Rule 1 (when MkDocs reads the page)."""
        if page.file.dest_uri in self.paths:
            page.meta["template"] = TEMPLATE

    def prepare_frame(self, page: Page, path: str) -> None:
        """A frame page about to be rendered: the marker's table of contents
        in the frame for stories that have one."""
        if path in self._toc_paths:
            page.toc = MARKER_TOC

    def fill(self, page: Page, generated: Generated, head: str, context: dict, config: Any) -> None:
        """Rule 3: ``news_framed`` in the page's template context, if it can be."""
        language = self.language
        path = self.paths.get(page.file.dest_uri)
        content = page.content or ""
        if path is None or "<h1" not in content:
            return
        first = next(iter(page.toc), None)
        extra = None
        if first is not None:
            path = toc_frame(path)
        frame = language.frame_html.get((language.lang, path))
        if frame is None:
            return
        html, canonical = frame
        if first is not None:
            marker = self._marker = self._marker or self._toc(MARKER_TOC, config)
            once = html.count(marker) == 1 and html.count(_SKIP) == 1 + marker.count(_SKIP)
            if not self._markers.setdefault(path, once):
                return
            extra = {marker: self._toc(page.toc, config), _SKIP: f'href="{first.url}"'}
        context["news_framed"] = Markup(framed_html(language.site, generated, Parts(head, content, ""), html,
                                                    canonical, extra))
        self._framed[page.file.dest_uri] = path
        self.count[first is not None] += 1

    def _toc(self, toc: Any, config: Any) -> str:
        if self._toc_template is None:
            self._toc_template = self.env.from_string(_TOC_SOURCE)
        return self._toc_template.render(config=config, page=SimpleNamespace(toc=toc))

    def written(self, page: Page) -> None:
        """Rule 4 (after the build has recorded the page's hashes)."""
        path = self._framed.pop(page.file.dest_uri, None)
        if path is None:
            return
        language = self.language
        frame_dest = next(dest for dest, p in language.frames.items() if p == path)
        hashes = language.build.script_hashes
        hashes[(language.lang, page.file.dest_uri)] = hashes[(language.lang, frame_dest)]

    def report(self) -> None:
        """How many stories were framed (``mkdocs build -v``; tests read it)."""
        if self.enabled and not self._reported:
            self._reported = True
            log.debug("%s: %d of %d story pages written into their frame (%d with a table of contents)",
                      self.language.lang, sum(self.count), len(self.paths), self.count[1])
