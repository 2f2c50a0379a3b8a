"""One language build: the news pages MkDocs writes in one language.

mkdocs-static-i18n runs the whole build once per language. A ``Language``
lives from that language's on_pre_build to the next language's (or the end
of the build), and lets go of what it holds when it ends (``release``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from newsroom.content import bodies, frontmatter
from newsroom.content.checks import generated_url_collisions
from newsroom.content.problems import ContentError
from newsroom.model import urls
from newsroom.model.pictures import copies
from newsroom.outputs.search import SearchSource, bundle_count
from newsroom.outputs.wordforms import WordForms
from newsroom.render import knowledge, website
from newsroom.render.site import Generated, NewsSite
from newsroom.settings import build_now
from newsroom.speed.frames import (
    FRAME_CONTENT, FRAME_DESCRIPTION, FRAME_HEAD, FRAME_TITLE, Frames, frame_alternate, frame_for,
    remove_frame_pages)
from newsroom.speed.navigation import PrimaryNav
from newsroom.speed.search_records import RecordedSearch
from newsroom.speed.offload import Inline, Offload
from newsroom_mkdocs import private
from newsroom_mkdocs.files import Link, i18n_attributes, knowledge_alternates, nav_files
from newsroom_mkdocs.stories import NO_TOC, Bodies, StoryPage, WrittenStory
from newsroom_mkdocs.story_frames import StoryFrames

if TYPE_CHECKING:
    from newsroom_mkdocs.build import Build


class Language:
    """The news pages of one language build, from its files to its outputs."""

    def __init__(self, build: Build, lang: str, config: MkDocsConfig) -> None:
        self.build = build
        settings = build.settings
        self.lang = lang
        self.site: NewsSite = NewsSite(build.loaded.catalog, settings, lang, build_now(settings.tz), config.site_name)
        # A build renders the news parts of its pages in a helper process on
        # the next core; a preview renders the few pages that changed in-process.
        self.parts: Inline = Offload(self.site, build.helper) if build.helper is not None else Inline(self.site)
        if build.incremental is not None:
            build.incremental.reuse_entries(self.site)
        self.news_url = self.site.url(urls.NEWS)      # (the end of the build reads it; ``let_go``)
        self.files: Files | None = None               # the language build's files (from on_env)
        self.story_files: list[File] = []             # its stories' files (in the order MkDocs writes them)
        self.upcoming: dict[str, int] = {}            # dest_uri -> index in story_files
        self.frames: dict[str, str] = {}              # frame dest_uri -> frame path
        self.frame_html: Frames = {}
        self.story_frames = StoryFrames(self)
        self.written = False                          # its framed listings, feeds and calendars
        self.url_cache = private.UrlCache()           # MkDocs' split URLs, emptied now and then
        self.search: SearchSource | None = None       # made in on_files, once the pages to search are known
        self.projects: list[dict[str, Any]] = []
        self.page_keys: set[tuple[str, str]] = set()  # (lang, file) of every page of this language build
        self.outputs: set[str] = set()                # what the engine writes under news/ (for a dirty build)
        self.news_pages: list[str] = []               # its generated pages outside frames, in order (dest_uri)
        # A --dirty build (or preview) leaves the generated pages it does not
        # write out of MkDocs' files (speed switch unchanged_outside).
        self.omits = build.process.dirty and settings.unchanged_outside
        self.in_nav = nav_files(config.nav)  # (never left out: the navigation names them)
        self.bodies = Bodies(self, config)
        self.nav = PrimaryNav(lambda dest: (g := self.site.by_dest.get(dest)) is not None and g.is_story,
                              enabled=settings.nav_cache)

    # -- files ------------------------------------------------------------------
    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        site, lang = self.site, self.lang
        problems = generated_url_collisions(site, {f.dest_uri: f.src_uri for f in files})
        if problems:
            raise PluginError(str(ContentError(problems)))
        # What every page shows besides its own inputs: the header's search
        # reads the index's bundles, as many as the searchable pages make.
        pages = sum(1 for f in files.documentation_pages() if self.searchable(f))
        self.shared = bundle_count(pages + sum(1 for p in site.pages if p.is_story), site.settings.search_bundle)
        paths = set()
        for page in site.pages:
            self.build.sitemap.add(page.url, page.alternates)
            if site.is_framed(page):
                paths.add(frame_for(site, page))
                self.outputs.add(page.dest_uri)
            else:
                self._add_page(page, files, config)
        paths.update(self.story_frames.frame_paths())
        for path in sorted(paths, key=lambda p: (p.count("/"), p)):
            file = File.generated(config, f"{lang}/{path}index.md", content="\n", inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = urls.dest(lang, path, site.settings.default_language)
            i18n_attributes(file, lang, {other: Link(frame_alternate(other)) for other in site.settings.languages})
            files.append(file)
            self.frames[file.dest_uri] = path
        if paths and isinstance(self.parts, Offload):
            # In a build the frames are rendered first, so that the helper writes
            # the framed listings while MkDocs renders everything else (a
            # preview renders them last: the edited page first).
            for file in [f for f in files.documentation_pages() if f.dest_uri not in self.frames]:
                files.remove(file)
                files.append(file)
        for file in files.documentation_pages():
            if file.generated_by is None and getattr(file, "locale", None) == lang and hasattr(file, "alternates"):
                self.build.sitemap.add(urls.normal(file.url), knowledge_alternates(file))
        if self.build.process.dirty:
            # A preview rewrites only the generated pages an edit changed, but
            # every knowledge page (the home page lists the latest stories).
            for file in files.documentation_pages():
                if file.generated_by is None:
                    file.is_modified = lambda: True  # type: ignore[method-assign]
        self.page_keys = {(lang, f.dest_uri) for f in files.documentation_pages()}
        self.page_keys.update((lang, dest) for dest in self.news_pages)  # (those left out of the files too)
        self.page_keys.update((lang, page.dest_uri) for page in site.pages if site.is_framed(page))
        self._start_search(files, config)
        try:
            self.projects = knowledge.project_pages(
                [(f.src_uri, f.abs_src_path, f.url) for f in files if f.abs_src_path], lang, site.settings)
        except ContentError as error:
            raise PluginError(str(error)) from None
        return files

    def _add_page(self, page: Generated, files: Files, config: MkDocsConfig) -> None:
        """A generated page's file; a story's body is read and rendered only
        when its page is written (on_page_context): MkDocs reads this
        placeholder before that."""
        site, lang = self.site, self.lang
        self.outputs.add(page.dest_uri)
        self.news_pages.append(page.dest_uri)
        process = self.build.process
        changed = process.fingerprints.changed(site, page, self.shared) if process.dirty else True
        if changed or not self.omits or page.src_uri[len(lang) + 1:] in self.in_nav:
            file = File.generated(config, page.src_uri, content="\n", inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = page.dest_uri
            i18n_attributes(file, lang, {other: Link(url) for other, url in page.switch.items()})
            if page.is_story:
                # Its page becomes a StoryPage in on_nav. (The reordering in
                # add_files keeps the stories' order: the order MkDocs writes them in.)
                self.story_files.append(file)
                self.story_frames.add(page)
            if process.dirty:
                file.is_modified = lambda changed=changed: changed  # type: ignore[method-assign]
            files.append(file)
        if page.is_story:
            story = page.spec.story
            self.outputs.update(urls.story(story.day, story.slug) + name
                                for picture in story.pictures for name, *_ in copies(picture))
            for name in story.assets:
                asset = File.generated(config, page.src_uri.rsplit("/", 1)[0] + "/" + name,
                                       abs_src_path=str(site.settings.root / story.folder / name))
                asset.dest_uri = urls.story(story.day, story.slug) + name
                self.outputs.add(asset.dest_uri)
                i18n_attributes(asset, lang, {})
                files.append(asset)

    def _start_search(self, files: Files, config: MkDocsConfig) -> None:
        process = self.build.process
        if process.serve and process.dirty:  # a quick --dirty preview skips the search index
            return
        # The pages MkDocs renders: a preview also renders the drafts (draft_docs).
        inclusion = InclusionLevel.is_in_serve if process.serve else InclusionLevel.is_included
        # The knowledge pages in MkDocs' order, then the news engine's (added
        # last, in the site's order; a --dirty build may leave some out of the files).
        ours = set(self.news_pages)
        order = [file.dest_uri for file in files.documentation_pages(inclusion=inclusion)
                 if file.dest_uri not in ours and self.searchable(file)]
        order += [dest for dest in self.news_pages if self.site.by_dest[dest].is_story]
        settings = self.site.settings
        output = Path(config.site_dir) / urls.url(self.lang, "pagefind/", settings.default_language)
        incremental = self.build.incremental
        forms = None
        if self.lang in settings.word_forms:  # «Полтава» finds «у Полтаві» (outputs/wordforms.py)
            forms = WordForms(self.build.process.analyser(self.lang), self.site.search_names())
        if incremental is not None:  # a dirty build: only the bundles whose pages changed
            self.search = RecordedSearch(self.lang, order, settings.search_bundle, output, self.build.process.indexer,
                                         incremental.folder / "search" / self.lang,
                                         incremental.state.search.get(self.lang, {}), forms)
        else:
            self.search = SearchSource(self.lang, len(order), settings.search_bundle, output,
                                       self.build.process.indexer, forms)

    def searchable(self, file: File) -> bool:
        if file.dest_uri in self.frames:
            return False
        return self.site.searchable(file.dest_uri, getattr(file, "norm_src_uri", file.src_uri))

    def on_nav(self) -> None:
        for file in self.story_files:
            if type(file.page) is Page:
                private.become(file.page, StoryPage)
        self.upcoming = {file.dest_uri: i for i, file in enumerate(self.story_files)}

    def on_env(self, files: Files, env: Any) -> None:
        self.files = files
        self.story_frames.env = env
        self.nav.html, self.nav.depth = {}, None
        self.bodies.start()

    # -- pages ------------------------------------------------------------------
    def page_markdown(self, page: Page) -> None:
        if page.file.dest_uri in self.frames:
            page.meta.update({"title": Markup(FRAME_TITLE), "description": Markup(FRAME_DESCRIPTION)})
            return
        generated = self.site.by_dest.get(page.file.dest_uri)
        if generated is not None and not page.meta:  # (a story's body rendered later: set already)
            page.meta.update(self.site.meta(generated))
            self.story_frames.mark(page)

    def page_content(self, html: str, page: Page) -> str:
        site = self.site
        if page.file.dest_uri in self.frames:
            return FRAME_CONTENT
        if page.file.dest_uri in site.by_dest:
            return html  # completed in on_page_context
        html = self._clean_knowledge(html, page)
        if self.search is not None and self.searchable(page.file):
            self.search.add(page.file.dest_uri, page.title or "", html)
        return knowledge.fill_markers(html, site, page.url, self.projects,
                                      search_bundles=self.search.bundles if self.search else 1)

    def _clean_knowledge(self, html: str, page: Page) -> str:
        """A knowledge page's text follows the stories' rules (``content/bodies.py``)."""
        path = page.file.abs_src_path
        if not path or page.file.generated_by is not None:
            return html
        source, _ = frontmatter.read(Path(path), f"docs/{page.file.src_uri}")
        first = source.body_line - 1 if source is not None else 0
        html, problems = bodies.clean(html, "\n" + (page.markdown or ""), f"docs/{page.file.src_uri}", first,
                                      [p.name for p in Path(path).parent.iterdir() if p.is_file()],
                                      fast=self.site.settings.fast_checks)
        self.build.text_problems += problems
        return html

    def page_context(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        site = self.site
        if self.search is not None:  # the header's search: where the language's index is
            context["news_search"] = website.search_context(site.settings, self.lang, self.search.bundles)
        generated = site.by_dest.get(page.file.dest_uri)
        if page.file.dest_uri in self.frames:
            context["news_head"] = Markup(FRAME_HEAD)
            self.story_frames.prepare_frame(page, self.frames[page.file.dest_uri])
        elif generated is not None:
            # A generated page's content is made here, as its page is written:
            # the helper's parts arrive in this order, and nothing is held for long.
            html = page.content or ""
            if generated.is_story:
                html = self.bodies.body(page)
                if self.search is not None:
                    self.search.add(page.file.dest_uri, generated.title, site.search_record(generated, html),
                                    site.search_terms(generated))
            page.content = site.content(self.parts.parts(page.file.dest_uri), html)
            head = self.parts.head(page.file.dest_uri)
            context["news_head"] = Markup(head)
            if generated.is_story:
                self.story_frames.fill(page, generated, head, context, config)
        else:  # a knowledge page; the home page says how to search the site (JSON-LD WebSite)
            home = getattr(page.file, "norm_src_uri", page.file.src_uri) == "index.md"
            context["news_head"] = site.page_head(
                page.url, page.title or site.site_name,
                page.meta.get("description") or config.site_description or "", knowledge_alternates(page.file),
                jsonld=[website.website_jsonld(config.site_name, site.settings, self.lang)] if home else None)
        return context

    def post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = self.build.with_policy(output, (self.lang, page.file.dest_uri))
        self.story_frames.written(page)
        path = self.frames.get(page.file.dest_uri)
        if path is not None:
            self.frame_html[(self.lang, path)] = (output, page.canonical_url or "")
            if len(self.frame_html) == len(self.frames):
                self.write(config)
        elif page.file.dest_uri in self.site.by_dest:
            self.build.process.fingerprints.wrote(self.lang, page.file.dest_uri)
            self.url_cache.page_written()
            # A generated page is written once its output exists; MkDocs would
            # keep its Markdown and HTML in memory to the end of the build.
            page.markdown = None
            page.content = None
            page.file.content_string = ""
            page.meta = {}  # its escaped title and description
            page.toc = NO_TOC
            if isinstance(page, StoryPage) and not self.build.process.serve:
                # MkDocs keeps every page to the end of the language build only to
                # check the links to anchors: only what that check reads stays.
                page.file.page = WrittenStory(page)  # type: ignore[assignment]
        return output

    # -- the end ----------------------------------------------------------------
    def write(self, config: MkDocsConfig) -> None:
        """Once the language's frames exist: its framed listings, feeds and
        calendars (in the background in a build). Once per language build."""
        if self.written:
            return
        # A quick preview or --dirty build rewrites only what changed.
        skip = self.build.process.fingerprints.unchanged(self.site) if self.build.process.dirty else None
        self.outputs.update(self.parts.write(self.frame_html, Path(config.site_dir), skip=skip) or ())
        self.written = True

    def end(self, config: MkDocsConfig) -> None:
        """Its pages are all rendered (on_post_build, or the next language's
        on_pre_build): index the search bundles not yet handed over, write
        what is left, remove the frame pages (MkDocs wrote them after
        on_post_page)."""
        self.bodies.close()
        self.story_frames.report()
        if self.search is not None:
            self.build.searches.append(self.search)
            self.search.start()
            self.search = None
            self.build.process.forget_analyser(self.lang)
        self.write(config)
        if self.build.incremental is not None:
            self.build.incremental.keep_entries(self.site)
        remove_frame_pages(self.frames, Path(config.site_dir))

    def release(self) -> None:
        """The next language starts, but this one's build is still on its stack
        (mkdocs-static-i18n runs it from its on_post_build), holding every file
        and page it made: let go of what no later language reads."""
        self.bodies.close()
        self.parts.release()
        for file in self.story_files:
            file.page = None
        self.story_files, self.upcoming = [], {}
        if self.files is not None and self.site.settings.release_memory:
            # The files the news engine added to it (stories, listings, frames,
            # assets: about 1.3 KB each) are still listed by that build, which
            # reads nothing of them any more: they are emptied (with their pages).
            for file in [f for f in self.files if f.generated_by is not None]:
                self.files.remove(file)
                private.empty(file)
        self.files = None
        self.nav = None  # type: ignore[assignment]

    def let_go(self) -> None:
        """After ``release``, in a build (not a preview, which reads its sites
        again): the language's news site too (its plan and pages), which
        would otherwise be held through the next language's build (at N =
        10000, by hand: the build's peak PSS 228 MB instead of 240)."""
        self.site = None  # type: ignore[assignment]
