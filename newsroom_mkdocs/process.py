"""The MkDocs process: what lives as long as ``mkdocs build`` or ``mkdocs
serve`` runs, across a preview's rebuilds.

MkDocs calls hooks as module functions; ``hooks/news_hooks.py`` keeps no
state of its own and asks ``current()`` for the process, which holds the
build under way (``Build``), which holds the language under way
(``Language``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from newsroom.outputs.pagefind import Indexer
from newsroom.outputs.wordforms import Analyser
from newsroom.render.fragments import MemoryBytecodeCache
from newsroom.speed.preview import Fingerprints

if TYPE_CHECKING:
    from newsroom_mkdocs.build import Build


class Process:
    """One ``mkdocs`` command."""

    def __init__(self, command: str = "build", dirty: bool = False) -> None:
        self.broken: set[str] = set()               # a preview's story folders left out (for "fixed")
        self.command = command
        self.dirty = dirty                          # --dirty: write only the pages whose inputs changed
        self.templates = MemoryBytecodeCache()      # the theme's, compiled once per process
        self.fingerprints = Fingerprints()          # a dirty preview's pages as last written
        self.observer: Any = None                   # mkdocs serve: the native file watcher
        self.indexer = Indexer()                    # runs Pagefind, one bundle at a time
        self.analysers: dict[str, Analyser] = {}    # word forms by language, each word analysed once
        self.build: Build | None = None             # the build under way, or the last one

    def analyser(self, lang: str) -> Analyser:
        """The morphological analyser of ``lang`` (outputs/wordforms.py),
        kept for the process: a preview's rebuilds analyse only new words."""
        if lang not in self.analysers:
            self.analysers[lang] = Analyser(lang)
        return self.analysers[lang]

    def forget_analyser(self, lang: str) -> None:
        """A build (not a preview) has written ``lang``'s table of word forms:
        no later language asks its analyser (pymorphy3's dictionary, about
        15 MB, and every word it was asked) anything."""
        if not self.serve:
            self.analysers.pop(lang, None)

    @property
    def serve(self) -> bool:
        return self.command == "serve"

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None

    def end(self) -> None:
        """The command is over (on_shutdown). A ``mkdocs build`` that succeeded
        (its build finished, no exception under way: MkDocs calls on_shutdown
        from a ``finally``, after its own strict check) exits here, its output
        flushed, without the interpreter's teardown, which frees the build's
        objects one by one: about 0.4 s of a --dirty build's 6.5 s at N = 10000
        (speed switch quick_exit). Everything the build writes is written by
        then (its helper, worker, pool and Pagefind runs have ended)."""
        self.stop()
        build = self.build
        if (self.command == "build" and build is not None and build.finished and build.settings.quick_exit
                and sys.exc_info()[0] is None):
            logging.shutdown()
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            os._exit(0)


_CURRENT: list[Process] = []  # the one Process of this interpreter (MkDocs' hooks are module functions)


def start(command: str, dirty: bool) -> Process:
    _CURRENT[:] = [Process(command, dirty)]
    if dirty:
        _quiet_dirty()
    if command == "serve":
        _stop_on_sigterm()
    return _CURRENT[0]


class _DirtyNoise(logging.Filter):
    """MkDocs' warnings about its own --dirty mode (by file times), which
    ``make serve`` and the incremental build use on purpose: the news engine
    decides itself which pages changed, by their inputs (``speed/preview.py``,
    ``speed/incremental.py``), and removes what is stale, so they say nothing
    true (and the warning would fail a strict build)."""

    NOISE = ("A 'dirty' build is being performed", "The directory contains stale files")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.NOISE)


def _quiet_dirty() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyNoise) for f in logger.filters):
        logger.addFilter(_DirtyNoise())


def _stop_on_sigterm() -> None:
    """A SIGTERM (a test or a process manager stopping a preview) ends it as
    Ctrl+C does, so that MkDocs removes its temporary site folder
    (``mkdocs_*`` in the temp folder)."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def current() -> Process:
    """The process, started by on_startup (made here if a caller skipped it)."""
    if not _CURRENT:
        start("build", False)
    return _CURRENT[0]
