"""The MkDocs process: what lives as long as ``mkdocs build`` or ``mkdocs
serve`` runs, across a preview's rebuilds.

MkDocs calls hooks as module functions; ``hooks/news_hooks.py`` keeps no
state of its own and asks ``current()`` for the process, which holds the
build under way (``Build``), which holds the language under way
(``Language``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsroom.outputs.search import Indexer
from newsroom.render.fragments import MemoryBytecodeCache
from newsroom.speed.preview import Fingerprints

if TYPE_CHECKING:
    from newsroom_mkdocs.build import Build


class Process:
    """One ``mkdocs`` command."""

    def __init__(self, command: str = "build", dirty: bool = False) -> None:
        self.command = command
        self.dirty = dirty                          # --dirty: write only the pages whose inputs changed
        self.templates = MemoryBytecodeCache()      # the theme's, compiled once per process
        self.fingerprints = Fingerprints()          # a dirty preview's pages as last written
        self.observer: Any = None                   # mkdocs serve: the native file watcher
        self.indexer = Indexer()                    # runs Pagefind, one bundle at a time
        self.build: Build | None = None             # the build under way, or the last one

    @property
    def serve(self) -> bool:
        return self.command == "serve"

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None


_CURRENT: list[Process] = []  # the one Process of this interpreter (MkDocs' hooks are module functions)


def start(command: str, dirty: bool) -> Process:
    _CURRENT[:] = [Process(command, dirty)]
    return _CURRENT[0]


def current() -> Process:
    """The process, started by on_startup (made here if a caller skipped it)."""
    if not _CURRENT:
        start("build", False)
    return _CURRENT[0]
