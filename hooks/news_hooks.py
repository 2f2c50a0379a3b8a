"""MkDocs hooks: adapt the ``newsroom`` package to MkDocs events.

mkdocs-static-i18n runs the whole build once per language; the language is
read from the i18n plugin from ``on_pre_build`` on. Everything else (loading,
validation, listings, rendering, feeds) lives in ``newsroom``.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsroom.content import checks

from newsroom.render import knowledge

from newsroom.outputs import files as outputs

from newsroom.model import urls
from newsroom.content.loader import Loaded, load  # noqa: E402
from newsroom.content.problems import ContentError, Problem  # noqa: E402
from newsroom.render.fragments import MemoryBytecodeCache  # noqa: E402
from newsroom.render.seo import feeds  # noqa: E402
from newsroom.settings import Settings, build_now  # noqa: E402
from jinja2 import pass_context  # noqa: E402
from markupsafe import Markup  # noqa: E402

from newsroom.speed.frames import (  # noqa: E402
    FRAME_CONTENT, FRAME_DESCRIPTION, FRAME_HEAD, FRAME_TITLE, Frames, frame_alternate, frame_path,
    remove_frame_pages)
from newsroom.speed.ahead import Ahead  # noqa: E402
from newsroom.speed.ahead import possible as ahead_possible  # noqa: E402
from newsroom.speed.memory import give_back_memory  # noqa: E402
from newsroom.speed.offload import Helper, Inline, Offload  # noqa: E402
from newsroom.outputs.search import Indexer, SearchSource  # noqa: E402
from newsroom.render.site import Generated, NewsSite, fingerprint  # noqa: E402

log = logging.getLogger("mkdocs.hooks.news")


class _State:
    command: str = "build"
    site: NewsSite | None = None
    loaded: Loaded | None = None                     # news/, loaded by the build's first language
    sitemap: outputs.Sitemap = outputs.Sitemap()
    projects: dict[str, list[dict[str, Any]]] = {}
    not_found: dict[str, str] = {}
    dirty: bool = False
    fingerprints: dict[tuple[str, str], int] = {}   # (lang, dest_uri) -> inputs of the page written
    unwritten: dict[tuple[str, str], int] = {}      # the same, of pages about to be rendered
    search: SearchSource | None = None               # the language being built
    searches: list[SearchSource] = []                 # indexes started
    indexer: Indexer = Indexer()                      # runs Pagefind, one bundle at a time
    frames: dict[str, tuple[int, str]] = {}          # frame dest_uri -> (depth, lang)
    frame_html: Frames = {}
    parts: Inline | None = None                      # the language being built
    parts_written: bool = False                      # its listings, feeds and calendars
    helpers: dict[str, Inline] = {}                  # language -> its parts' renderer
    helper: Helper | None = None                     # the build's helper process
    templates = MemoryBytecodeCache()                # the theme's, compiled once per process
    observer: Any = None                             # mkdocs serve: the native file watcher
    files: Files | None = None                       # the language build's files (from on_env)
    story_files: list[File] = []                      # its stories' files (in the order MkDocs writes them)
    upcoming: dict[str, int] = {}                    # dest_uri -> index in story_files
    ahead: Ahead | None = None                       # a build's story bodies, rendered ahead
    nav_html: dict[tuple, str] = {}                   # the primary navigation of story pages, by URL shape
    nav_depth: int | None = None                      # folders deep of the navigation's deepest target
    nav_pages: set[int] = set()                       # ids of the pages in the navigation


STATE = _State()


def on_startup(command: str, dirty: bool) -> None:
    # Having on_startup keeps this module (and STATE) across serve rebuilds.
    STATE.command = command
    STATE.dirty = dirty


def _i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def settings_for(config: MkDocsConfig) -> Settings:
    i18n = _i18n(config)
    languages = tuple([i18n.default_language] + [l for l in i18n.build_languages if l != i18n.default_language])
    news = dict(config.extra.get("news") or {})
    return Settings.validated(root=Path(config.config_file_path).resolve().parent, site_url=config.site_url or "http://127.0.0.1:8000/",
                    docs_dir=config.docs_dir, languages=languages,
                    show_drafts=STATE.command == "serve", **news)


def on_pre_build(config: MkDocsConfig) -> None:
    settings = settings_for(config)
    lang = _i18n(config).current_language
    if _i18n(config).building:
        # The language built before this one (mkdocs-static-i18n builds the
        # next from its on_post_build) has all its pages written by now: the
        # bundles of its search index not yet handed over can be indexed.
        _start_search(config)
        _write_language(config)
        if STATE.parts is not None:
            STATE.parts.release()
        _release_language()
    STATE.parts = None
    STATE.parts_written = False
    if not _i18n(config).building or STATE.loaded is None:
        # A build loads news/ once; a preview reloads what changed.
        STATE.loaded = load(settings, reuse=STATE.command == "serve")
    # else: the build's first language (the outer build) loaded news/ for this one
    loaded = STATE.loaded
    problems = list(loaded.problems)
    if lang == settings.default_language:
        # The same checks as `python -m newsroom check`: knowledge pages' front
        # matter and URL collisions, for every language at once.
        problems += checks.site_problems(settings, loaded.catalog)
    if problems:
        message = str(ContentError(problems))
        if STATE.command != "serve":
            raise PluginError(message)
        # Preview: say it plainly in the terminal and go on without the broken
        # stories, so the server keeps reloading as the editor fixes them.
        if lang == settings.default_language:
            sys.stderr.write(f"\nCONTENT ERROR (the stories below are left out of this preview)\n{message}\n\n")
    if lang == settings.default_language:
        STATE.sitemap = outputs.Sitemap()
        STATE.frames = {}
        STATE.searches = []
        STATE.helpers = {}
        _stop_helper(kill=True)  # a build before this one that did not end
    STATE.search = None  # made in on_files, once the pages to search are known
    STATE.site = None  # the language built before this one: not held while this one's is made
    STATE.site = NewsSite(loaded.catalog, settings, lang, build_now(settings.tz), config.site_name)
    # A build renders the news parts of its pages in a helper process on the
    # next core; a preview renders the few pages that changed in-process.
    if STATE.command != "serve" and (os.cpu_count() or 1) > 1 and os.name == "posix":
        if STATE.helper is None:
            STATE.helper = Helper(loaded.catalog, settings)
        STATE.parts = Offload(STATE.site, STATE.helper)
    else:
        STATE.parts = Inline(STATE.site)
    STATE.helpers[lang] = STATE.parts


def _release_language() -> None:
    """The language built before this one has written and checked its pages,
    but its build is still on the stack of this one (mkdocs-static-i18n runs
    it from its on_post_build), holding every file and page it made: let go
    of what no later language reads."""
    _stop_ahead()
    for file in STATE.story_files:
        file.page = None
    STATE.story_files = []
    STATE.upcoming = {}
    if STATE.files is not None:
        # The files the news engine added to it (stories, listings, frames,
        # assets: about 1.3 KB each) are still listed by that build (its
        # local list of the pages to write), which reads nothing of them any
        # more: they are emptied (with their pages).
        for file in [f for f in STATE.files if f.generated_by is not None]:
            STATE.files.remove(file)
            vars(file).clear()
        STATE.files = None
    if STATE.command != "serve" and STATE.site is not None and STATE.loaded is not None:
        # Its stories' bodies (a build's later languages render their own).
        STATE.loaded = replace(STATE.loaded, catalog=STATE.loaded.catalog.without_bodies((STATE.site.lang,)))
    # MkDocs caches the split path of every URL it made a link relative to,
    # without limit (mkdocs.utils._norm_parts): this language's are not needed
    # by the next.
    mkdocs_utils._norm_parts.cache_clear()
    give_back_memory()


def _i18n_attributes(file: File, lang: str, alternates: dict[str, Any]) -> None:
    """What mkdocs-static-i18n puts on its own files (see its folder.create_i18n_file)."""
    file.locale = lang
    file.localization = lang
    file.locale_alternate_of = lang
    file.norm_src_uri = file.src_uri[len(lang) + 1:]
    file.alternates = alternates


def _knowledge_alternates(file: File) -> dict[str, str]:
    """Language -> URL of the versions of a knowledge page that exist."""
    return {lang: urls.normal(f.url) for lang, f in getattr(file, "alternates", {}).items()
            if getattr(f, "locale", lang) == lang}


class _Link:
    """An alternate for the language switcher: only its URL is read."""

    def __init__(self, url: str):
        self.url = url


def _changed(site: NewsSite, page: Generated, *extra: object, written: bool = False) -> bool:
    """For ``mkdocs serve --dirty``: whether a generated page's inputs changed
    since it was last written. MkDocs itself takes every in-memory page as
    modified. The fingerprint is recorded once the page is written
    (``written``, or on_post_page), so a rebuild that fails halfway leaves no
    page marked as up to date that was not written."""
    key = (site.lang, page.dest_uri)
    value = hash((fingerprint(site, page), *extra))
    changed = STATE.fingerprints.get(key) != value
    if written:
        STATE.fingerprints[key] = value
    else:
        STATE.unwritten[key] = value
    return changed


def on_nav(nav, config: MkDocsConfig, files: Files):
    # MkDocs has made a Page for every file; a story's becomes a _StoryPage
    # (a subclass with no state of its own), whose body MkDocs' first pass
    # leaves unrendered. (Making them in on_files instead was measured to slow
    # a preview rebuild: see bench/NOTES.md.)
    for file in STATE.story_files:
        if type(file.page) is Page:
            file.page.__class__ = _StoryPage
    STATE.upcoming = {file.dest_uri: i for i, file in enumerate(STATE.story_files)}
    return nav


@event_priority(-200)
def on_env(env, config: MkDocsConfig, files: Files):
    env.bytecode_cache = STATE.templates
    env.globals["news_primary_nav"] = _primary_nav
    STATE.nav_html = {}
    STATE.nav_depth = None
    STATE.files = files
    # Every page is read: the pages are written from here on.
    _start_ahead(config)
    return env


_NO_TOC = get_toc([])  # (nothing changes a table of contents once made)


@pass_context
def _primary_nav(context, caller):
    """The primary navigation of a page (``caller``: Material's partial),
    rendered once for all the story pages whose links to it come out the
    same. A story is not in the navigation, so the partial marks nothing
    active on its page, and its links depend on the page only through the
    ``url`` filter: a link's relative form depends on how many folders deep
    the page is and on the folders it shares with the target, which, for
    targets at most ``depth`` folders deep, are among the page's first
    ``depth``."""
    page = context.get("page")
    site = STATE.site
    generated = site.by_dest.get(page.file.dest_uri) if site is not None and page is not None else None
    if generated is None or not generated.is_story:
        return caller()
    if STATE.nav_depth is None:
        nav = context.get("nav")
        STATE.nav_depth = _nav_depth(nav, context.get("config"))
        STATE.nav_pages = {id(item) for item in getattr(nav, "pages", None) or []}
    if id(page) in STATE.nav_pages:  # a story put in the navigation by hand: marked active there
        return caller()
    parts = page.url.strip("/").split("/")
    key = (len(parts), tuple(parts[:STATE.nav_depth]))
    html = STATE.nav_html.get(key)
    if html is None:
        html = STATE.nav_html[key] = caller()
    return html


def _nav_depth(nav, config) -> int:
    """How many folders deep the deepest target the navigation links to is
    (its pages, links and home; the theme's own files are under assets/, a
    folder no story's URL begins with)."""
    def depth(url: str | None) -> int:
        path = urlsplit(url or "").path.strip("/")
        return len(path.split("/")) if path else 0

    def items(children):
        for item in children or []:
            yield item
            yield from items(getattr(item, "children", None))

    home = ((config or {}).get("extra") or {}).get("homepage")
    urls = [getattr(item, "url", None) for item in items(getattr(nav, "items", None))]
    urls.append(getattr(getattr(nav, "homepage", None), "url", None))
    return max([depth(url) for url in urls + [home]] + [1])


class _StoryPage(Page):
    """A story's page, whose body is rendered when the page is written
    (``_render_story``): MkDocs' own rendering of every page before the first
    is written renders nothing for it."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", _NO_TOC, set()

    def render_body(self, config: MkDocsConfig, files: Files) -> None:
        super().render(config, files)


def _body(page: Page, html: str) -> tuple:
    """A story's body as rendered (by the build or its worker), with what
    MkDocs' rendering sets on the page besides it; the files its links to
    anchors point to by their path (the worker's files are copies)."""
    links = None if page.links_to_anchors is None else {
        file.src_uri: anchors for file, anchors in page.links_to_anchors.items()}
    return html, page.toc, page.present_anchor_ids, links, page._title_from_render


def _render_story(page: Page, config: MkDocsConfig) -> str:
    """A story's body, rendered as MkDocs renders a page (the page_markdown
    and page_content events included), shortly before its page is written.

    MkDocs reads and renders every page before it writes the first one, and
    keeps each page's Markdown and HTML to the end of the build: for a
    national portal's stories, most of the build's memory. Rendered here, a
    story's body is held only from a few pages before its own is written
    until it is (on_post_page lets it go). In a build, a worker process
    renders the bodies a few pages ahead on the next core (``Ahead``)."""
    index = STATE.upcoming.get(page.file.dest_uri)
    if STATE.ahead is None or index is None:  # a preview writes only the pages that changed
        return _render_body(page, STATE.site.by_dest[page.file.dest_uri], config)
    html, page.toc, page.present_anchor_ids, links, page._title_from_render = STATE.ahead.get(index)
    page.links_to_anchors = None if links is None else {
        STATE.files.get_file_from_path(uri): anchors for uri, anchors in links.items()}
    return html


def _story_body(config: MkDocsConfig, index: int) -> tuple:
    """The body of the language's story ``index`` (in the order MkDocs writes
    them); run by ``Ahead``, in the build's worker or in the build."""
    page = STATE.story_files[index].page
    html = _render_body(page, STATE.site.by_dest[page.file.dest_uri], config)
    body = _body(page, html)
    # What the page holds of it is sent (or, in the build, set again from it):
    # a worker would keep every body it rendered. (Not None: MkDocs' page.title
    # is None for a page without Markdown; the worker's pages, as the build
    # has them, hold the placeholder.)
    page.markdown = ""
    page.content = page.links_to_anchors = None
    page.toc, page.present_anchor_ids = _NO_TOC, set()
    return body


def _start_ahead(config: MkDocsConfig) -> None:
    _stop_ahead()
    if STATE.command == "serve" or not STATE.story_files:
        return
    STATE.ahead = Ahead(len(STATE.story_files), functools.partial(_story_body, config),
                        chunk=AHEAD_CHUNK, window=AHEAD_WINDOW,
                        lifetime=AHEAD_LIFETIME, niceness=19)
    least, most = STATE.site.settings.render_ahead
    if least <= len(STATE.story_files) <= most and ahead_possible() and _alike_in_a_worker(config):
        STATE.ahead.start()
    # else: the build renders every chunk itself, when it reaches it


def _alike_in_a_worker(config: MkDocsConfig) -> bool:
    """Whether a story's body rendered in a worker leaves nothing undone in
    the build: what the worker changes stays in the worker, so every
    handler of the events it runs (page_markdown, page_content) must be one
    known to keep nothing (mkdocs-static-i18n's admonition titles, these
    hooks). A plugin that, say, collects every page's HTML in on_page_content
    would miss the worker's: with one, the build renders every body itself."""
    for event in ("page_markdown", "page_content"):
        for handler in config.plugins.events[event]:
            if getattr(handler, "__module__", None) == __name__:
                continue
            owner = getattr(handler, "__self__", None)
            if owner is not None and type(owner).__module__.startswith("mkdocs_static_i18n."):
                continue
            log.info("Story bodies are rendered by the build alone: %s handles on_%s",
                     config.plugins._event_origins.get(handler, handler), event)
            return False
    return True


def _stop_ahead() -> None:
    if STATE.ahead is not None:
        STATE.ahead.close()
        STATE.ahead = None


# Story bodies rendered at once (one Markdown page after another is faster
# than each between two theme pages), how far ahead the worker may go, and
# how many chunks a worker makes before the next is forked (see Ahead).
AHEAD_CHUNK = 16
AHEAD_WINDOW = 6
AHEAD_LIFETIME = 24
# A worker is forked for a language of as many stories as the setting
# render_ahead says (64-5000 in mkdocs.yml). Below, it is not worth a
# process. Above, it gained nothing: at 10,000 stories a language, one build
# each by hand, 55.9 s with it and 55.6 s without, and a peak of 382 MB of
# memory against 350 MB (bench/NOTES.md).


def _render_body(page: Page, generated: Generated, config: MkDocsConfig) -> str:
    files = STATE.files
    page.markdown = config.plugins.on_page_markdown(generated.markdown, page=page, config=config, files=files)
    if isinstance(page, _StoryPage):
        page.render_body(config, files)
    else:  # not made a _StoryPage in on_nav (not expected)
        page.render(config, files)
    return config.plugins.on_page_content(page.content, page=page, config=config, files=files)


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = STATE.site
    assert site is not None
    lang = site.lang
    existing = {f.dest_uri: f.src_uri for f in files}
    problems = []
    for page in site.pages:
        if page.dest_uri in existing:
            problems.append(Problem(f"docs/{existing[page.dest_uri]}", None, "url",
                                    f"is published at /{page.url}, where the news engine puts "
                                    f"{'the story ' + page.spec.story.folder if page.is_story else 'a news listing'}",
                                    "rename or move the page"))
    if problems:
        raise PluginError(str(ContentError(problems)))
    depths = set()
    STATE.story_files = []
    for page in site.pages:
        STATE.sitemap.add(page.url, page.alternates)
        if site.is_framed(page):
            depths.add(page.depth)
            continue
        # A story's body is read and rendered only when its page is written
        # (on_page_context); MkDocs reads this placeholder before that.
        file = File.generated(config, page.src_uri, content="\n", inclusion=InclusionLevel.NOT_IN_NAV)
        file.dest_uri = page.dest_uri
        _i18n_attributes(file, lang, {other: _Link(url) for other, url in page.switch.items()})
        if page.is_story:
            # Its page becomes a _StoryPage in on_nav. (The reordering below
            # keeps the stories' order: the order MkDocs writes them in.)
            STATE.story_files.append(file)
        if STATE.dirty:
            changed = _changed(site, page)
            file.is_modified = lambda changed=changed: changed  # type: ignore[method-assign]
        files.append(file)
        if page.is_story:
            story = page.spec.story
            for name in story.assets:
                asset = File.generated(config, page.src_uri.rsplit("/", 1)[0] + "/" + name,
                                       abs_src_path=str(site.settings.root / story.folder / name))
                asset.dest_uri = urls.story(story.day, story.slug) + name
                _i18n_attributes(asset, lang, {})
                files.append(asset)
    for depth in sorted(depths):
        path = frame_path(depth)
        file = File.generated(config, f"{lang}/{path}index.md", content="\n", inclusion=InclusionLevel.NOT_IN_NAV)
        file.dest_uri = urls.dest(lang, path, site.settings.default_language)
        _i18n_attributes(file, lang, {other: _Link(frame_alternate(other)) for other in site.settings.languages})
        files.append(file)
        STATE.frames[file.dest_uri] = (depth, lang)
    if depths and isinstance(STATE.parts, Offload):
        # In a build the frames are rendered first, so that the helper writes
        # the framed listings while MkDocs renders everything else (a
        # preview renders them last: the edited page first).
        for file in [f for f in files.documentation_pages() if f.dest_uri not in STATE.frames]:
            files.remove(file)
            files.append(file)
    for file in files.documentation_pages():
        if file.generated_by is None and getattr(file, "locale", None) == lang and hasattr(file, "alternates"):
            STATE.sitemap.add(urls.normal(file.url), _knowledge_alternates(file))
    # A quick --dirty preview skips the search index.
    if not (STATE.command == "serve" and STATE.dirty):
        # The pages MkDocs renders: a preview also renders the drafts (draft_docs).
        inclusion = InclusionLevel.is_in_serve if STATE.command == "serve" else InclusionLevel.is_included
        searchable = sum(1 for file in files.documentation_pages(inclusion=inclusion) if _searchable(file))
        STATE.search = SearchSource(lang, searchable, site.settings.search_bundle,
                                    Path(config.site_dir) / urls.url(lang, "pagefind/", site.settings.default_language),
                                    STATE.indexer)
    try:
        STATE.projects[lang] = knowledge.project_pages(
            [(f.src_uri, f.abs_src_path, f.url) for f in files if f.abs_src_path],
            lang, site.settings)
    except ContentError as error:
        raise PluginError(str(error)) from None
    return files


def _searchable(file: File) -> bool:
    """Whether a page of this language build goes into its search index:
    stories and knowledge pages, not listings nor the search page itself."""
    generated = STATE.site.by_dest.get(file.dest_uri)
    if generated is not None:
        return generated.is_story
    return file.dest_uri not in STATE.frames and getattr(file, "norm_src_uri", file.src_uri) != "search.md"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.dest_uri in STATE.frames:
        page.meta.update({"title": Markup(FRAME_TITLE), "description": Markup(FRAME_DESCRIPTION)})
        return markdown
    generated = STATE.site.by_dest.get(page.file.dest_uri) if STATE.site else None
    if generated is not None and not page.meta:  # (a story's body rendered later: set already)
        page.meta.update(STATE.site.meta(generated))
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = STATE.site
    if page.file.dest_uri in STATE.frames:
        return FRAME_CONTENT
    if page.file.dest_uri in site.by_dest:
        return html  # completed in on_page_context
    if STATE.search is not None and _searchable(page.file):
        STATE.search.add(page.file.dest_uri, page.title or "", html)
    return knowledge.fill_markers(html, site, page.url, STATE.projects.get(site.lang, []),
                                  search_bundles=STATE.search.bundles if STATE.search else 1)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    site = STATE.site
    if page.file.dest_uri in STATE.frames:
        context["news_head"] = Markup(FRAME_HEAD)
    elif page.file.dest_uri in site.by_dest:
        # A generated page's content is made here, as its page is written: the
        # helper's parts arrive in this order, and nothing is held for long.
        generated = site.by_dest[page.file.dest_uri]
        html = page.content or ""
        if generated.is_story:
            html = _render_story(page, config)
            if STATE.search is not None:
                STATE.search.add(page.file.dest_uri, generated.title, html)
        page.content = site.content(STATE.parts.parts(page.file.dest_uri), html)
        context["news_head"] = Markup(STATE.parts.head(page.file.dest_uri))
    else:  # a knowledge page
        context["news_head"] = site.page_head(
            page.url, page.title or site.site_name,
            page.meta.get("description") or config.site_description or "",
            _knowledge_alternates(page.file))
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    frame = STATE.frames.get(page.file.dest_uri)
    if frame is not None:
        depth, lang = frame
        STATE.frame_html[(lang, depth)] = (output, page.canonical_url or "")
        if all((l, d) in STATE.frame_html for d, l in STATE.frames.values() if l == lang):
            _write_language(config)
    elif page.file.dest_uri in STATE.site.by_dest:
        key = (STATE.site.lang, page.file.dest_uri)
        if key in STATE.unwritten:
            STATE.fingerprints[key] = STATE.unwritten.pop(key)
        # A generated page is written once its output exists; MkDocs would keep
        # its Markdown and HTML in memory to the end of the build.
        page.markdown = None
        page.content = None
        page.file.content_string = ""
        page.meta = {}  # its escaped title and description
        page.toc = _NO_TOC
        if isinstance(page, _StoryPage) and STATE.command != "serve":
            # MkDocs keeps every page to the end of the language build only to
            # check the links to anchors: only what that check reads stays.
            page.file.page = _WrittenStory(page)  # type: ignore[assignment]
    return output


class _WrittenStory:
    """What MkDocs still reads of a written story's page: its links to
    anchors (checked at the end of the build) and the anchors it has."""

    __slots__ = ("file", "links_to_anchors", "present_anchor_ids")
    validate_anchor_links = Page.validate_anchor_links

    def __init__(self, page: Page) -> None:
        self.file = page.file
        self.links_to_anchors = page.links_to_anchors
        self.present_anchor_ids = page.present_anchor_ids


def _write_language(config: MkDocsConfig) -> None:
    """Once a language's frames exist: its framed listings, feeds and
    calendars (in the background in a build). Once per language build."""
    site = STATE.site
    if site is None or STATE.parts is None or STATE.parts_written:
        return
    site_dir = Path(config.site_dir)
    skip = None
    if STATE.dirty:
        # A quick preview rewrites only the listings that changed.
        def skip(page: Generated, frame: str) -> bool:
            return not _changed(site, page, frame, written=True)  # written right after
    STATE.parts.write(STATE.frame_html, site_dir, skip=skip)
    STATE.parts_written = True


def _start_search(config: MkDocsConfig) -> None:
    """Once a language's pages are all rendered: index the bundles not yet
    handed to the indexer (the last, and any the pages did not fill)."""
    if STATE.search is not None:
        STATE.searches.append(STATE.search)
        STATE.search.start()
        STATE.search = None


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html" and STATE.site is not None:
        # mkdocs-static-i18n leaves the language switcher of the last page
        # rendered; a 404 page's switcher leads to each language's home.
        i18n = _i18n(config)
        if getattr(i18n, "extra_alternate", None):
            config.extra.alternate = deepcopy(i18n.extra_alternate)  # what the theme reads
        site = STATE.site
        root = urlsplit(site.settings.site_url).path or "/"
        context["news_head"] = site.renderer.fragment("head_feeds.html", "", root=root,
                                                      feeds=feeds(site.lang, site.settings))
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Every language build renders the theme's 404.html to the site root;
    # keep each language's and write them in place at the end.
    if template_name == "404.html":
        STATE.not_found[STATE.site.lang] = output
    return output


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    # A nested language build (mkdocs-static-i18n runs them from its own
    # on_post_build, before this one of the outer build) is done here.
    _stop_ahead()
    _start_search(config)
    _write_language(config)
    site_dir = Path(config.site_dir)
    remove_frame_pages(STATE.frames, site_dir)  # written by MkDocs after on_post_page
    if _i18n(config).building:
        return
    settings = STATE.site.settings  # the same in every language build
    try:
        for helper in STATE.helpers.values():
            helper.join()
    except RuntimeError as error:
        _stop_helper(kill=True)
        raise PluginError(str(error)) from None
    finally:
        STATE.helpers = {}
    helper = STATE.helper
    _stop_helper()
    # The bundles left run two at a time once the helper has exited.
    STATE.indexer.hurry(after=helper.exited if helper is not None else None)
    # The sitemap too: reading its entries back holds about 30 MB for a
    # moment at N = 10000.
    if helper is not None:
        helper.exited()
    outputs.write_sitemap(STATE.sitemap, settings, site_dir)
    outputs.write_not_found(STATE.not_found, settings, site_dir)
    try:
        for search in STATE.searches:
            search.finish()
    except RuntimeError as error:
        raise PluginError(str(error)) from None
    finally:
        STATE.searches = []


def _stop_helper(kill: bool = False) -> None:
    if STATE.helper is not None:
        STATE.helper.kill() if kill else STATE.helper.close()
        STATE.helper = None


def on_build_error(error: Exception) -> None:
    _stop_ahead()
    _stop_helper(kill=True)
    STATE.helpers = {}
    # A failed build leaves no Pagefind running and no pages in /dev/shm.
    for search in STATE.searches + ([STATE.search] if STATE.search else []):
        search.discard()
    STATE.searches = []
    STATE.search = None


def on_serve(server, config: MkDocsConfig, builder):
    """Watch the paths of ``watch:`` (news/ among them) by the operating
    system's file events where it has them.

    MkDocs polls every watched file every 0.5 s, in the process that rebuilds;
    with a national portal's news/ (tens of thousands of files) each poll
    costs a noticeable share of a preview rebuild. MkDocs watches these paths
    right after this event; watching them first, on a native observer, leaves
    only docs/ and mkdocs.yml to its polling."""
    STATE.observer = watch_natively(server, [str(item) for item in config.watch])
    return server


class _Changes:
    """The part of a watchdog observer LiveReloadServer.watch() uses
    (schedule, unschedule), on a native observer, asking the system for
    changes only. Unfiltered, native events include every file opened or read:
    a build reads every story, which floods the system's event queue (and each
    overflow makes watchdog walk the whole tree again). A folder's own events
    (a story folder added, removed, renamed, or moved out of news/) are passed
    on as a change of that path: MkDocs' handler ignores folder events, and a
    folder moved out of the tree reports nothing about its files."""

    def __init__(self, observer) -> None:
        self.observer = observer

    def schedule(self, handler, path: str, recursive: bool = False):
        from watchdog import events

        class Changes(events.FileSystemEventHandler):
            def on_any_event(self, event) -> None:
                if event.is_directory:
                    event = events.FileModifiedEvent(event.src_path)
                handler.on_any_event(event)

        changes = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent,
                   events.FileMovedEvent, events.FileClosedEvent,
                   events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
        return self.observer.schedule(Changes(), path, recursive=recursive, event_filter=changes)

    def unschedule(self, watch) -> None:
        self.observer.unschedule(watch)


def watch_natively(server, paths: list[str]):
    """Schedule ``paths`` with the server's own rebuild handler on a native
    observer and start it; return it, or None (the server then polls them as
    usual) where the system has no native file events or refuses them."""
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    native = Observer()
    if isinstance(native, PollingObserver):
        return None
    polling = server.observer
    server.observer = _Changes(native)  # server.watch() schedules on server.observer
    try:
        for path in paths:
            server.watch(path)
        native.start()
    except OSError as error:  # e.g. the system's inotify watch limit
        log.info("Polling %s for changes (no file events: %s)", ", ".join(paths), error)
        native.stop()
        for path in paths:
            try:
                server.unwatch(path)
            except KeyError:  # its emitter failed to start and is gone already
                pass
        return None
    finally:
        server.observer = polling
    return native


def on_shutdown() -> None:
    if STATE.observer is not None:
        STATE.observer.stop()
        STATE.observer = None
