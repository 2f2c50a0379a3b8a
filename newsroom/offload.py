"""A language build's news parts rendered beside MkDocs, in a forked helper.

MkDocs renders one page after another in one process; the machine has more
than one core. While MkDocs renders a language's Markdown and theme, a helper
process forked from the build (so it holds the same loaded stories and plan)
renders the news engine's parts of the same pages (each page's <head> part,
each story's header and footer, the listings in the navigation: pure
functions of the plan) and sends them back in the order MkDocs asks for them.
Once the language's pages are rendered it writes the framed listing pages and
the language's feeds and calendars, while the build goes on with the next
language.

``Inline`` does the same in the build's own process, for the preview (which
re-renders only what changed) and where ``fork`` does not exist.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from . import outputs
from .frames import Frames, write_framed
from .site import Generated, NewsSite, Parts

CHUNK = 32  # pages per message


class Inline:
    """Parts rendered when asked for, in this process."""

    def __init__(self, site: NewsSite) -> None:
        self.site = site
        self._parts: dict[str, Parts] = {}

    def parts(self, dest_uri: str) -> Parts:
        parts = self._parts.get(dest_uri)
        if parts is None:
            parts = self._parts[dest_uri] = self.site.parts(self.site.by_dest[dest_uri])
        return parts

    def head(self, dest_uri: str) -> str:
        """A page's <head> part; the last thing asked of a page."""
        head = self.parts(dest_uri).head
        self._parts.pop(dest_uri, None)
        return head

    def write(self, frames: Frames, site_dir: Path,
              skip: Callable[[Generated, str], bool] | None = None) -> None:
        """The framed listing pages, feeds and calendars of the language."""
        write_framed(self.site, frames, site_dir, skip=skip)
        outputs.write_language_outputs(self.site, site_dir)

    def join(self) -> None:
        pass


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Offload(Inline):
    """Parts rendered ahead by a forked helper process."""

    def __init__(self, site: NewsSite) -> None:
        super().__init__(site)
        context = multiprocessing.get_context("fork")
        self._inbox, child_out = context.Pipe(duplex=False)
        child_in, self._outbox = context.Pipe(duplex=False)
        self._process = context.Process(target=_helper, args=(site, child_out, child_in),
                                        name=f"newsroom-{site.lang}", daemon=True)
        self._process.start()
        child_out.close()
        child_in.close()
        self._streaming = True
        self._written = False
        self._sender: threading.Thread | None = None
        self._end: tuple[str, str | None] | None = None

    def _receive(self) -> None:
        try:
            kind, payload = self._inbox.recv()
        except (EOFError, OSError):
            kind, payload = "failed", "the helper process ended without a word"
        if kind == "parts":
            self._parts.update(payload)
        elif kind == "parts-end":
            self._streaming = False
        else:  # "written" or "failed"
            self._streaming = False
            self._end = (kind, payload)

    def parts(self, dest_uri: str) -> Parts:
        while self._streaming and dest_uri not in self._parts:
            self._receive()
        # Whatever the helper did not send (a page it could not render) is
        # rendered here; a failure is reported by join().
        return super().parts(dest_uri)

    def write(self, frames: Frames, site_dir: Path,
              skip: Callable[[Generated, str], bool] | None = None) -> None:
        """Hand the frames to the helper, which writes the framed listings and
        the feeds and calendars in the background."""
        if skip is not None:
            raise ValueError("a helper process writes every page")
        self._written = True
        if self._end is None:
            # In a thread: the helper reads them once it is done with what it
            # is doing, and the build must not wait for that.
            self._sender = threading.Thread(target=self._outbox.send, args=((frames, str(site_dir)),),
                                            daemon=True)
            self._sender.start()

    def join(self) -> None:
        """Wait for the helper; raise if it failed."""
        if not self._written:
            self._process.terminate()
            self._process.join()
            raise RuntimeError(f"the {self.site.lang} news pages were never written (a bug in the hooks)")
        while self._end is None:
            self._receive()
        if self._sender is not None:
            self._sender.join()
        self._process.join()
        self._outbox.close()
        self._inbox.close()
        kind, payload = self._end
        if kind != "written":
            raise RuntimeError(f"rendering the {self.site.lang} news pages failed:\n{payload}")


def background_priority() -> None:
    """Lower this process's scheduling priority: background work must not
    slow down the build it runs beside."""
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


def _helper(site: NewsSite, out: Connection, inbox: Connection) -> None:
    background_priority()
    try:
        chunk: dict[str, Parts] = {}
        for page in site.pages:
            if site.is_framed(page):
                continue  # needed only once the frames exist, below
            chunk[page.dest_uri] = site.parts(page)
            if len(chunk) >= CHUNK:
                out.send(("parts", chunk))
                chunk = {}
        out.send(("parts", chunk))
        out.send(("parts-end", None))
        # While MkDocs renders the rest of the language: everything else that
        # does not need the frames (nothing is written before the build has
        # cleaned the site folder and sent the frames).
        framed = {page.dest_uri: site.parts(page) for page in site.pages if site.is_framed(page)}
        files = outputs.language_outputs(site)
        frames, site_dir = inbox.recv()
        write_framed(site, frames, Path(site_dir), parts=lambda page: framed[page.dest_uri])
        outputs.write_files(files, Path(site_dir))
        out.send(("written", None))
    except BaseException:  # reported to the build, which fails
        out.send(("failed", traceback.format_exc()))
    finally:
        out.close()
