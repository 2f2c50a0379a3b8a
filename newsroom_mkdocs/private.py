"""Every use of MkDocs' private API, in one place, each named and explained.

MkDocs 1.6 has no public way to do these; ``tests/test_mkdocs_private.py``
fails when a new MkDocs changes any of them (the lock pins MkDocs, and
``mkdocs<2`` bounds it).
"""

from __future__ import annotations

from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page


def clear_url_cache() -> None:
    """MkDocs caches the split path of every URL it made a link relative to,
    without limit (``mkdocs.utils._norm_parts``, an ``lru_cache``): a
    finished language's are not needed by the next."""
    mkdocs_utils._norm_parts.cache_clear()


class UrlCache:
    """That cache grows by every page written (3.4 MB traced partway through
    a language at N = 10000): emptied after every ``every`` pages, it holds
    no more than those pages add, and the few URLs every page links to (the
    navigation's) are split again once."""

    def __init__(self, every: int = 1000) -> None:
        self.every = every
        self.pages = 0

    def page_written(self) -> None:
        self.pages += 1
        if self.pages % self.every == 0:
            clear_url_cache()


def title_from_render(page: Page) -> str | None:
    """The title MkDocs takes from a page's first heading when it renders it
    (``Page._title_from_render``; ``page.title`` reads it): a story body
    rendered elsewhere (the worker, ``speed/ahead.py``) brings it back."""
    return page._title_from_render


def set_title_from_render(page: Page, title: str | None) -> None:
    page._title_from_render = title


def event_origin(plugins: Any, handler: Any) -> Any:
    """Which plugin or hook registered ``handler``
    (``PluginCollection._event_origins``), for a log line."""
    return plugins._event_origins.get(handler, handler)


def become(page: Page, cls: type[Page]) -> None:
    """Make ``page`` an instance of ``cls``, a subclass of ``Page`` that adds
    no state: MkDocs makes every page itself (in ``get_navigation``), and a
    story's page must render its body later than MkDocs renders it."""
    assert issubclass(cls, type(page)) and "__init__" not in vars(cls)
    page.__class__ = cls


def empty(file: File) -> None:
    """Let go of everything a ``File`` holds (its page, its content): a
    finished language build's list of files still refers to it, and reads
    nothing of it any more (``File`` has no public way to drop its page)."""
    vars(file).clear()
