"""A language build's news parts rendered beside MkDocs, in a forked helper.

MkDocs renders one page after another in one process; the machine has more
than one core. While MkDocs renders a language's Markdown and theme, a helper
process forked from the build (so it holds the same loaded stories and plan)
renders the news engine's parts of the same pages (each page's <head> part,
each story's header and footer, the listings in the navigation: pure
functions of the plan) and sends them back in the order MkDocs asks for them,
a few messages ahead of it (the build holds no more than that). While the
build has enough, the helper writes the framed listing pages (once the build
has sent their frames); then the rest of them and the language's feeds and
calendars, while the build goes on with the next language.

``Inline`` does the same in the build's own process, for the preview (which
re-renders only what changed) and where ``fork`` does not exist.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from . import outputs
from .frames import Frames, framed_pages, write_framed, write_framed_page
from .site import Generated, NewsSite, Parts

CHUNK = 32  # pages per message
AHEAD = 2   # messages rendered ahead of the build, besides the one being sent


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
    """Send the parts of the pages MkDocs renders, a little ahead of it (a
    thread sends them: it waits while the build has enough); while it waits,
    write the framed listing pages, once the build has sent their frames;
    then the rest of them and the feeds and calendars."""
    background_priority()
    ahead: queue.Queue = queue.Queue(maxsize=AHEAD)
    sender = threading.Thread(target=_send_all, args=(ahead, out), daemon=True)
    sender.start()
    framed = framed_pages(site)
    target: tuple[Frames, Path] | None = None

    def write_one() -> bool:
        """Write the next framed listing page, if its frame is here."""
        nonlocal target
        if target is None:
            if not inbox.poll():
                return False
            frames, site_dir = inbox.recv()
            target = (frames, Path(site_dir))
        page = next(framed, None)
        if page is None:
            return False
        write_framed_page(site, page, *target)
        return True

    def put(message: tuple | None, work: bool = True) -> None:
        while True:
            while work and ahead.full() and write_one():
                pass
            try:
                ahead.put(message, timeout=0.05)
                return
            except queue.Full:
                if not sender.is_alive():
                    raise RuntimeError("the build stopped reading") from None

    try:
        chunk: dict[str, Parts] = {}
        for page in site.pages:
            if site.is_framed(page):
                continue  # written here, below
            chunk[page.dest_uri] = site.parts(page)
            if len(chunk) >= CHUNK:
                put(("parts", chunk))
                chunk = {}
        put(("parts", chunk))
        put(("parts-end", None))
        if target is None:  # nothing is written before the build has cleaned the site folder
            frames, site_dir = inbox.recv()
            target = (frames, Path(site_dir))
        for page in framed:
            write_framed_page(site, page, *target)
        outputs.write_files(outputs.language_outputs(site), target[1])
        put(("written", None), work=False)
    except BaseException:  # reported to the build, which fails
        if sender.is_alive():
            put(("failed", traceback.format_exc()), work=False)
    finally:
        if sender.is_alive():
            put(None, work=False)
        sender.join()
        out.close()


def _send_all(ahead: queue.Queue, out: Connection) -> None:
    while (message := ahead.get()) is not None:
        try:
            out.send(message)
        except OSError:  # the build is gone
            return
