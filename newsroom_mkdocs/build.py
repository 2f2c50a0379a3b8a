"""One build: both languages, from the first language's on_pre_build to the
outer on_post_build (or on_build_error).

It loads news/ once, holds what spans the languages (the sitemap, the 404
pages, the helper process, the search indexes under way) and the language
under way, and writes what comes at the end.
"""

from __future__ import annotations

import sys
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from newsroom.content import checks
from newsroom.content.loader import load
from newsroom.content.problems import ContentError, Problem
from newsroom.outputs import csp
from newsroom.outputs import sitemap as outputs
from newsroom.outputs.search import SearchSource
from newsroom.render.fragments import environment
from newsroom.render.seo import feeds
from newsroom.model.plan import visible
from newsroom.outputs.admin import EditorNotInstalled, write_admin
from newsroom.outputs.pictures import Pictures
from newsroom.outputs.broken import broken_dests, broken_stories, write_broken_pages
from newsroom.settings import Settings, build_now
from newsroom.speed.memory import give_back_memory
from newsroom.speed.offload import Helper, helper_possible
from newsroom_mkdocs import private
from newsroom_mkdocs.incremental import Incremental, engine_of, kept_stories
from newsroom_mkdocs.language import Language
from newsroom_mkdocs.process import Process


def settings_for(config: MkDocsConfig, process: Process) -> Settings:
    i18n = config.plugins["i18n"]
    languages = tuple([i18n.default_language] + [l for l in i18n.build_languages if l != i18n.default_language])
    news = dict(config.extra.get("news") or {})
    return Settings.validated(root=Path(config.config_file_path).resolve().parent,
                              site_url=config.site_url or "http://127.0.0.1:8000/",
                              docs_dir=config.docs_dir, languages=languages, show_drafts=process.serve, **news)


class Build:
    def __init__(self, process: Process, config: MkDocsConfig) -> None:
        if process.build is not None:
            process.build.fail()  # a build before this one that did not end
        self.process = process
        self.settings = settings_for(config, process)
        # The theme's templates and the engine's, compiled by an earlier build.
        process.templates.folder = (self.settings.root / self.settings.build_cache / "templates"
                                    if self.settings.template_cache else None)
        environment().bytecode_cache = process.templates
        # A build loads news/ once; a preview reloads what changed; a --dirty
        # build reuses what the last one read of the folders that are the same.
        engine = engine_of(self.settings) if self.rebuilds_changed_only else ""
        kept = kept_stories(self.settings, engine) if engine else None
        self.loaded = load(self.settings, reuse=process.serve, kept=kept)
        if kept is not None:
            kept.save()
        self.sitemap = outputs.Sitemap()
        self.not_found: dict[str, str] = {}
        self.searches: list[SearchSource] = []        # indexes started
        self.languages: list[Language] = []
        self.text_problems: list[Problem] = []       # what the texts may not carry (content/bodies.py)
        # (language, page) -> the hashes of its inline scripts (outputs/csp.py)
        self.script_hashes: dict[tuple[str, str], tuple[str, ...]] = {}
        # Pages mostly share their scripts: one tuple for each set of hashes,
        # not a tuple and its strings held once per page.
        self._same_hashes: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.finished = False  # every output written (Process.end)
        self.helper: Helper | None = None
        self._broken: dict[str, list[str]] = {}      # a preview's stories left out: folder -> problems
        self._report_problems()
        # mkdocs build --dirty: only the pages whose inputs changed (incremental.py).
        self.incremental = Incremental(self, Path(config.site_dir), engine, kept) if engine else None
        if self.incremental is not None:
            self.script_hashes.update(self.incremental.state.hashes)
        if not process.dirty and self.settings.helper and helper_possible():
            self.helper = Helper(self.loaded.catalog, self.settings)
        now = build_now(self.settings.tz)
        self.pictures = Pictures(visible(self.loaded.catalog.stories, now, self.settings.show_drafts),
                                 self.settings.root, self.settings.root / self.settings.picture_cache,
                                 threads=self.settings.picture_threads)
        try:
            self.language = self._start_language(config)
        except BaseException:
            self._stop_helper(kill=True)
            raise

    @property
    def rebuilds_changed_only(self) -> bool:
        """``mkdocs build --dirty`` (a preview is dirty too, in memory)."""
        return self.process.dirty and not self.process.serve

    def _report_problems(self) -> None:
        """The same checks as ``python -m newsroom check``: the stories, the
        knowledge pages' front matter and URL collisions, every language at once."""
        problems = list(self.loaded.problems) + checks.site_problems(self.settings, self.loaded.catalog)
        if self.process.serve:
            self._broken = broken_stories(problems)
            # Their pages are overwritten by a page that says so: written anew once fixed.
            self.process.fingerprints.forget(broken_dests(self._broken, self.settings))
            for folder in sorted(self.process.broken - set(self._broken)):
                sys.stderr.write(f"FIXED: {folder} is back in the preview\n")
            self.process.broken = set(self._broken)
        if not problems:
            return
        message = str(ContentError(problems))
        if not self.process.serve:
            raise PluginError(message)
        # Preview: say it plainly in the terminal and go on without the broken
        # stories, so the server keeps reloading as the editor fixes them.
        sys.stderr.write(f"\nCONTENT ERROR (the stories below are left out of this preview)\n{message}\n\n")

    def _start_language(self, config: MkDocsConfig) -> Language:
        language = Language(self, config.plugins["i18n"].current_language, config)
        self.languages.append(language)
        return language

    def next_language(self, config: MkDocsConfig) -> None:
        """The language built before this one (mkdocs-static-i18n builds the
        next from its on_post_build) has all its pages written by now."""
        done = self.language
        done.end(config)
        done.release()
        if not self.process.serve and self.settings.release_memory:
            # Its stories' bodies (a build's later languages render their own),
            # and the memory given back; a --dirty build, in one process,
            # stays well under a clean build's without them (0.3 s at N = 10000).
            if not self.process.dirty:
                self.loaded = replace(self.loaded, catalog=self.loaded.catalog.without_bodies((done.lang,)))
            private.clear_url_cache()
            done.let_go()
            if not self.process.dirty:
                give_back_memory()
        self.language = self._start_language(config)

    # -- the 404 page -------------------------------------------------------------
    def not_found_context(self, context: dict, config: MkDocsConfig) -> dict:
        # mkdocs-static-i18n leaves the language switcher of the last page
        # rendered; a 404 page's switcher leads to each language's home.
        i18n = config.plugins["i18n"]
        if getattr(i18n, "extra_alternate", None):
            config.extra.alternate = deepcopy(i18n.extra_alternate)  # what the theme reads
        site = self.language.site
        root = urlsplit(site.settings.site_url).path or "/"
        context["news_head"] = site.renderer.fragment("head_feeds.html", "", root=root,
                                                      feeds=feeds(site.lang, site.settings))
        return context

    def not_found_written(self, output: str) -> str:
        # Every language build renders the theme's 404.html to the site root;
        # each language's is kept and written in place at the end.
        output = self.with_policy(output, (self.language.lang, "404.html"))
        self.not_found[self.language.lang] = output
        return output

    def with_policy(self, html: str, key: tuple[str, str]) -> str:
        """A written page with its Content-Security-Policy (``outputs/csp.py``)."""
        html, hashes = csp.fill(html, fast=self.settings.fast_checks)
        found = tuple(hashes)
        self.script_hashes[key] = self._same_hashes.setdefault(found, found)
        return html

    # -- the end ------------------------------------------------------------------
    def finish(self, config: MkDocsConfig) -> None:
        """The outer on_post_build: every language is written."""
        site_dir = Path(config.site_dir)
        self._report_text_problems()
        try:
            for language in self.languages:
                language.parts.join()
        except RuntimeError as error:
            self._stop_helper(kill=True)
            raise PluginError(str(error)) from None
        helper = self.helper
        self._stop_helper()
        # The bundles left run two at a time once the helper has exited.
        self.process.indexer.hurry(after=helper.exited if helper is not None else None)
        # The sitemap too: reading its entries back holds about 30 MB for a
        # moment at N = 10000.
        if helper is not None:
            helper.exited()
        placed = self.pictures.write(site_dir, self.incremental.state.pictures if self.incremental else None)
        if self.settings.web_editor:
            try:
                write_admin(self.settings, site_dir)
            except EditorNotInstalled as error:
                raise PluginError(str(error)) from None
        if self.process.serve:
            write_broken_pages(self._broken, self.languages[0].site, site_dir)
        sitemap = self.sitemap.digest()
        if self.incremental is None or not self.incremental.sitemap_as_it_was(sitemap, site_dir):
            outputs.write_sitemap(self.sitemap, self.settings, site_dir)
            if self.incremental is not None:
                self.incremental.sitemap_written(sitemap, site_dir)
        outputs.write_not_found(self.not_found, self.settings, site_dir)
        pages = set().union(*(l.page_keys for l in self.languages)) | {(l.lang, "404.html") for l in self.languages}
        hashes = {key: value for key, value in self.script_hashes.items() if key in pages}
        csp.write_headers(set().union(*hashes.values()), site_dir)
        try:
            for search in self.searches:
                search.finish()
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        if self.incremental is not None:  # (recorded only once everything is written)
            self.incremental.state.hashes = hashes
            self.incremental.state.pictures = placed
            self.incremental.finish(self, set().union(*(l.outputs for l in self.languages)),
                                    sorted({l.news_url for l in self.languages}), pages)
        self.searches = []
        self.finished = True

    def _report_text_problems(self) -> None:
        """Every removal from every text, together: a build fails (nothing is
        published otherwise than the editor saw it); a preview says so and
        shows the texts without what was removed."""
        problems = sorted(set(self.text_problems))
        if not problems:
            return
        message = str(ContentError(problems))
        if not self.process.serve:
            self.fail()
            raise PluginError(message)
        sys.stderr.write(f"\nCONTENT ERROR (shown without what is not allowed)\n{message}\n\n")

    def _stop_helper(self, kill: bool = False) -> None:
        if self.helper is not None:
            self.helper.kill() if kill else self.helper.close()
            self.helper = None

    def fail(self) -> None:
        """A failed build (or one that did not end): no helper, worker or
        Pagefind left running, no pages left in /dev/shm."""
        self.language.bodies.close()
        self.pictures.close()
        self._stop_helper(kill=True)
        language_search = [self.language.search] if self.language.search else []
        for search in self.searches + language_search:
            search.discard()
        self.searches = []
        self.language.search = None
