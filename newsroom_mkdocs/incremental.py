"""``mkdocs build --dirty`` made incremental (``newsroom/speed/incremental.py``):
what the last build left for this one, and what this one leaves for the next.

A dirty build writes only the generated pages whose fingerprints changed
(and every knowledge page), renders in the build's own process (no helper
process, no worker: they would render every page), removes what the engine
wrote for pages that are gone, and records each page's fingerprint and the
hashes of its inline scripts (for ``_headers``).
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.outputs import feeds
from newsroom.outputs.sitemap import SITEMAP_FILES
from newsroom.settings import Settings
from newsroom.speed.preview import Fingerprints
from newsroom.speed.kept_entries import reusable, to_keep
from newsroom.speed.story_cache import StoryCache
from newsroom.speed.incremental import (State, empty, engine_fingerprint, load_state, remove_stale, save_state,
                                         why_full)

if TYPE_CHECKING:
    from newsroom.render.site import NewsSite
    from newsroom_mkdocs.build import Build

log = logging.getLogger("mkdocs.hooks.news")


def _sizes(site_dir: Path, names: tuple[str, ...]) -> tuple[int, ...]:
    """The files' sizes (-1: not there)."""
    return tuple(p.stat().st_size if (p := site_dir / name).is_file() else -1 for name in names)


def engine_of(settings: Settings) -> str:
    """The engine's fingerprint, the settings included (every field but the
    project's folder, from the dataclass)."""
    shared = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name != "root"}
    return engine_fingerprint(settings.root, settings.news_dir, extra=tuple(sorted(
        (name, repr(value)) for name, value in shared.items())))


def kept_stories(settings: Settings, engine: str) -> StoryCache | None:
    """The story folders the last ``--dirty`` build read (``speed/story_cache.py``)."""
    return StoryCache(settings.root / settings.build_cache, engine) if settings.story_cache else None


class Incremental:
    def __init__(self, build: Build, site_dir: Path, engine: str, kept: StoryCache | None = None) -> None:
        settings = build.settings
        self.folder = settings.root / settings.build_cache
        self.site_dir = site_dir
        self.engine = engine
        state = load_state(self.folder)
        reason = why_full(state, self.engine, site_dir, self.folder)
        if reason is not None:
            log.info("Full build: %s", reason)
            empty(site_dir)
            shutil.rmtree(self.folder / "search", ignore_errors=True)
            state = State(self.engine)
        else:
            log.info("Incremental build: only the pages whose inputs changed are written")
        self.full = reason is not None
        self.state = state
        feeds.keep_events(state.events)
        # Stories read from the same bytes are known by them (speed/story_cache.py).
        identities = kept.identities(lambda read: read[0].folder if read[0] is not None else None) if kept else None
        self.identities = identities or {}
        self.keeps_entries = settings.entry_cache
        build.process.fingerprints = Fingerprints(stable=True, identities=identities)
        build.process.fingerprints.written = dict(state.pages)

    def reuse_entries(self, site: NewsSite) -> None:
        """The listing entries the last build rendered of the stories read
        from the same bytes (``speed/kept_entries.py``)."""
        if self.keeps_entries:
            site.renderer.reuse_entries(
                reusable(self.state.entries.get(site.lang, {}), site.catalog.stories, self.identities))

    def keep_entries(self, site: NewsSite) -> None:
        """A language's entries, once its pages are all written, for the next build."""
        if self.keeps_entries:
            self.state.entries[site.lang] = to_keep(site.renderer.rendered_entries(), site.catalog.stories,
                                                    self.identities)

    def sitemap_as_it_was(self, digest: str, site_dir: Path) -> bool:
        """Whether the last build wrote the sitemap of these entries, and its
        files are there as written (then it is not written again: 0.5 s at
        N = 10000)."""
        return self.state.sitemap == (digest, _sizes(site_dir, SITEMAP_FILES))

    def sitemap_written(self, digest: str, site_dir: Path) -> None:
        self.state.sitemap = (digest, _sizes(site_dir, SITEMAP_FILES))

    def finish(self, build: Build, expected: set[str], roots: list[str], pages: set[tuple[str, str]]) -> None:
        """Remove what no page of this build wrote under ``roots``; record the
        fingerprints of this build's ``pages`` (language, file)."""
        removed = remove_stale(self.site_dir, roots, expected)
        if removed:
            log.info("Removed %d file(s) of pages that are gone", len(removed))
        self.state.search = {search.lang: search.digests for search in build.searches
                             if hasattr(search, "digests")}
        self.state.events = dict(feeds.kept_events())
        written = build.process.fingerprints.written
        self.state.pages = {key: value for key, value in written.items() if key in pages}
        save_state(self.folder, self.state)
