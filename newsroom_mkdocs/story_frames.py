"""Story pages written into a frame (speed switch ``story_frames``).

The theme renders a story's page as it renders a listing page outside the
navigation of the same depth under the same listing (``speed/frames.py``),
but for the story's own values: its title, description, canonical URL,
language switcher, head and content, and its table of contents. So a story
whose table of contents is empty is written as the frame of its depth with
those values filled in, instead of a run of the theme's templates (about
0.65 ms a page, most of what MkDocs spends on it besides the Markdown).

The rules:

1. A story page gets the template ``news-story.html`` (``overrides/``),
   which prints ``news_framed`` when the build has set it, and else is the
   theme's ``main.html``, as for any page.
2. ``news_framed`` is set when the frame of the story's depth has been
   rendered (a build renders the frames first; a preview renders them last,
   so its stories go through the theme), the story's table of contents is
   empty, and its content holds an ``<h1`` (the theme would add a title
   otherwise).
3. A framed story's inline scripts are its frame's: its Content-Security-
   Policy and the hashes recorded for it are the frame's.

``tests/test_house.py`` builds the sites with ``NEWSROOM_SPEED=off`` (every
story through the theme) and on, and compares them byte for byte.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.structure.pages import Page

from newsroom.render.site import Generated, Parts
from newsroom.speed.frames import frame_for, framed_html

if TYPE_CHECKING:
    from newsroom_mkdocs.language import Language

log = logging.getLogger("mkdocs.hooks.news")

TEMPLATE = "news-story.html"


class StoryFrames:
    """One language build's framed stories."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.enabled = language.site.settings.story_frames
        self.paths: dict[str, str] = {}  # story dest_uri -> its frame's path
        self._framed: set[str] = set()   # stories filled into their frame, not yet written
        self.count = 0                    # stories written into their frame
        self._reported = False

    def add(self, page: Generated) -> None:
        """A story MkDocs is to write."""
        if self.enabled:
            self.paths[page.dest_uri] = frame_for(self.language.site, page)

    def mark(self, page: Page) -> None:
        """Rule 1 (when MkDocs reads the page)."""
        if page.file.dest_uri in self.paths:
            page.meta["template"] = TEMPLATE

    def fill(self, page: Page, generated: Generated, head: str, context: dict) -> None:
        """Rule 2: ``news_framed`` in the page's template context, if it can be."""
        language = self.language
        path = self.paths.get(page.file.dest_uri)
        frame = language.frame_html.get((language.lang, path)) if path is not None else None
        content = page.content or ""
        if frame is None or next(iter(page.toc), None) is not None or "<h1" not in content:
            return
        html, canonical = frame
        context["news_framed"] = Markup(framed_html(language.site, generated, Parts(head, content, ""), html, canonical))
        self._framed.add(page.file.dest_uri)
        self.count += 1

    def written(self, page: Page) -> None:
        """Rule 3 (after the build has recorded the page's hashes)."""
        dest = page.file.dest_uri
        if dest not in self._framed:
            return
        self._framed.discard(dest)
        language = self.language
        path = self.paths[dest]
        frame_dest = next(d for d, p in language.frames.items() if p == path)
        hashes = language.build.script_hashes
        hashes[(language.lang, dest)] = hashes[(language.lang, frame_dest)]

    def report(self) -> None:
        """How many stories were framed (``mkdocs build -v``; tests read it)."""
        if self.enabled and not self._reported:
            self._reported = True
            log.debug("%s: %d of %d story pages written into their frame",
                      self.language.lang, self.count, len(self.paths))
