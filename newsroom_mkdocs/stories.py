"""Story pages: their bodies rendered when their pages are written.

MkDocs reads and renders every page before it writes the first one, and
keeps each page's Markdown and HTML to the end of the build: for a national
portal's stories, most of the build's memory. A story's page is a
``StoryPage``, whose rendering in MkDocs' first pass renders nothing; its
body is rendered as MkDocs renders a page (the page_markdown and
page_content events included) shortly before its page is written, and let go
once it is (``WrittenStory``). In a build, a worker forked from it renders
the bodies a few pages ahead on the next core (``newsroom/speed/ahead.py``).
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from newsroom.render.site import Generated
from newsroom.speed.ahead import Ahead
from newsroom.speed.ahead import possible as ahead_possible
from newsroom_mkdocs import private

if TYPE_CHECKING:
    from newsroom_mkdocs.language import Language

log = logging.getLogger("mkdocs.hooks.news")

NO_TOC = get_toc([])  # (nothing changes a table of contents once made)

# Story bodies rendered at once (one Markdown page after another is faster
# than each between two theme pages), how far ahead the worker may go, and
# how many chunks a worker makes before the next is forked (see Ahead). A
# worker is forked for a language of as many stories as the setting
# render_ahead says (64-5000 in mkdocs.yml). Below, it is not worth a
# process. Above, it gained nothing: at 10,000 stories a language, one build
# each by hand, 55.9 s with it and 55.6 s without, and a peak of 382 MB of
# memory against 350 MB (bench/NOTES.md).
AHEAD_CHUNK = 16
AHEAD_WINDOW = 6
AHEAD_LIFETIME = 24


class StoryPage(Page):
    """A story's page, whose body is rendered when the page is written."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", NO_TOC, set()

    def render_body(self, config: MkDocsConfig, files: Files) -> None:
        super().render(config, files)


class WrittenStory:
    """What MkDocs still reads of a written story's page: its links to
    anchors (checked at the end of the build) and the anchors it has."""

    __slots__ = ("file", "links_to_anchors", "present_anchor_ids")
    validate_anchor_links = Page.validate_anchor_links

    def __init__(self, page: Page) -> None:
        self.file = page.file
        self.links_to_anchors = page.links_to_anchors
        self.present_anchor_ids = page.present_anchor_ids


def render_body(page: Page, generated: Generated, config: MkDocsConfig, files: Files) -> str:
    page.markdown = config.plugins.on_page_markdown(generated.markdown, page=page, config=config, files=files)
    if isinstance(page, StoryPage):
        page.render_body(config, files)
    else:  # not made a StoryPage in on_nav (not expected)
        page.render(config, files)
    return config.plugins.on_page_content(page.content, page=page, config=config, files=files)


class Bodies:
    """The story bodies of one language build, in the order MkDocs writes
    their pages: rendered here when asked for, or ahead by ``Ahead``."""

    def __init__(self, language: Language, config: MkDocsConfig) -> None:
        self.language = language
        self.config = config
        self.ahead: Ahead | None = None

    def start(self) -> None:
        """Every page is read: the pages are written from here on."""
        self.close()
        language, config = self.language, self.config
        stories = language.story_files
        if language.build.process.dirty or not stories:
            return  # a preview, or a dirty build, writes only the pages that changed
        self.ahead = Ahead(len(stories), functools.partial(self._made, config),
                           chunk=AHEAD_CHUNK, window=AHEAD_WINDOW, lifetime=AHEAD_LIFETIME, niceness=19)
        least, most = language.site.settings.render_ahead
        if least <= len(stories) <= most and ahead_possible() and alike_in_a_worker(config):
            self.ahead.start()
        # else: the build renders every chunk itself, when it reaches it

    def close(self) -> None:
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None

    def body(self, page: Page) -> str:
        """A story's body, with what MkDocs' rendering sets on its page."""
        language = self.language
        index = language.upcoming.get(page.file.dest_uri)
        if self.ahead is None or index is None:
            generated = language.site.by_dest[page.file.dest_uri]
            html, problems = language.site.clean_body(
                generated, render_body(page, generated, self.config, language.files))
            language.build.text_problems += problems
            return html
        html, problems, page.toc, page.present_anchor_ids, links, title = self.ahead.get(index)
        language.build.text_problems += problems
        private.set_title_from_render(page, title)
        page.links_to_anchors = None if links is None else {
            language.files.get_file_from_path(uri): anchors for uri, anchors in links.items()}
        return html

    def _made(self, config: MkDocsConfig, index: int) -> tuple:
        """The body of the language's story ``index``; run by ``Ahead``, in the
        build's worker or in the build. What the page holds of it is sent (or,
        in the build, set again from it): a worker would keep every body it
        rendered. The files its links to anchors point to go by their path
        (the worker's files are copies)."""
        language = self.language
        page = language.story_files[index].page
        generated = language.site.by_dest[page.file.dest_uri]
        html, problems = language.site.clean_body(generated, render_body(page, generated, config, language.files))
        links = None if page.links_to_anchors is None else {
            file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}
        body = (html, problems, page.toc, page.present_anchor_ids, links, private.title_from_render(page))
        # (Not None: MkDocs' page.title is None for a page without Markdown;
        # the worker's pages, as the build has them, hold the placeholder.)
        page.markdown = ""
        page.content = page.links_to_anchors = None
        page.toc, page.present_anchor_ids = NO_TOC, set()
        return body


def alike_in_a_worker(config: MkDocsConfig) -> bool:
    """Whether a story's body rendered in a worker leaves nothing undone in
    the build: what the worker changes stays in the worker, so every
    handler of the events it runs (page_markdown, page_content) must be one
    known to keep nothing (mkdocs-static-i18n's admonition titles, the news
    hooks). A plugin that, say, collects every page's HTML in on_page_content
    would miss the worker's: with one, the build renders every body itself."""
    for event in ("page_markdown", "page_content"):
        for handler in config.plugins.events[event]:
            if getattr(handler, "__module__", "").endswith("news_hooks.py"):
                continue
            owner = getattr(handler, "__self__", None)
            if owner is not None and type(owner).__module__.startswith("mkdocs_static_i18n."):
                continue
            log.info("Story bodies are rendered by the build alone: %s handles on_%s",
                     private.event_origin(config.plugins, handler), event)
            return False
    return True
