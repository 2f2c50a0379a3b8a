"""A build's news parts rendered beside MkDocs, in a helper process.

MkDocs renders one page after another in one process; the machine has more
than one core. While MkDocs renders a language's Markdown and theme, a helper
process renders the news engine's parts of the same pages (each page's <head>
part, each story's header and footer, the listings in the navigation: pure
functions of the plan) and sends them back in the order MkDocs asks for them,
a few messages ahead of it (the build holds no more than that). While the
build has enough, the helper writes the framed listing pages (once the build
has sent their frames); then the rest of them and the language's feeds and
calendars, while the build goes on with the next language.

The helper is a new Python process (``python -m newsroom.speed.offload``), started
once per build, given the catalog once, and then each language build in turn.
It is not forked from the build: a forked process shares the build's memory
only until either writes to it, and both write all the time (reference counts),
so each would end up holding its own copy of most of the other's.

``Inline`` does the same in the build's own process, for the preview (which
re-renders only what changed), and on one core or off POSIX systems.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from newsroom.outputs import feeds as outputs
from newsroom.speed.frames import Frames, framed_pages, write_framed, write_framed_page
from newsroom.speed.memory import give_back_memory
from newsroom.model.stories import Catalog
from newsroom.settings import Settings
from newsroom.render.site import Generated, NewsSite, Parts

CHUNK = 32  # pages per message
AHEAD = 2   # messages rendered ahead of the build, besides the one being sent

# The folder that holds the newsroom package: the helper imports it from there.
_PACKAGE_PARENT = Path(__file__).resolve().parents[2]


def helper_possible() -> bool:
    """A helper process pays where there is a second core (POSIX: pipes passed by descriptor)."""
    return (os.cpu_count() or 1) > 1 and os.name == "posix"


class Inline:
    """Parts rendered when asked for, in this process."""

    def __init__(self, site: NewsSite) -> None:
        self.site: NewsSite | None = site
        self.lang = site.lang
        self._parts: dict[str, Parts] = {}

    def release(self) -> None:
        """The language's pages are all rendered: let its site go (the next
        language build has its own)."""
        self.site = None
        self._parts = {}

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
              skip: Callable[[Generated, str], bool] | None = None) -> list[str]:
        """The framed listing pages, feeds and calendars of the language;
        the feeds' and calendars' paths."""
        write_framed(self.site, frames, site_dir, skip=skip)
        return outputs.write_language_outputs(self.site, site_dir)

    def join(self) -> None:
        pass


class Helper:
    """The helper process of one build: given the catalog once, it serves the
    language builds one after another (``Offload``). Messages from it name
    their language; each goes to that language's ``Offload``."""

    def __init__(self, catalog: Catalog, settings: Settings) -> None:
        from_parent, to_child = os.pipe()  # (read end, write end)
        from_child, to_parent = os.pipe()
        env = dict(os.environ)
        # This newsroom package, whatever the current folder holds (PYTHONSAFEPATH:
        # python -m does not put the current folder first on sys.path).
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PACKAGE_PARENT), env.get("PYTHONPATH")) if p)
        env["PYTHONSAFEPATH"] = "1"
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "newsroom.speed.offload", str(from_parent), str(to_parent)],
                pass_fds=(from_parent, to_parent), env=env, stdin=subprocess.DEVNULL)
        finally:
            os.close(from_parent)
            os.close(to_parent)
        self._outbox = Connection(to_child, readable=False)
        self._inbox = Connection(from_child, writable=False)
        self.builds: dict[str, Offload] = {}
        # One thread sends everything, in order: the build never waits for the
        # helper to read (it reads the frames once it is done with what it does).
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._sender = threading.Thread(target=_send_all, args=(self._queue, self._outbox),
                                        name="newsroom-helper-send", daemon=True)
        self._sender.start()
        self.send(("catalog", catalog.without_bodies(), settings))  # the build renders the bodies

    def send(self, message: tuple) -> None:
        self._queue.put(message)

    def receive(self) -> None:
        """Read one message from the helper and hand it to its language."""
        try:
            lang, kind, payload = self._inbox.recv()
        except (EOFError, OSError):
            for build in self.builds.values():
                build.received("failed", "the helper process ended without a word")
            return
        self.builds[lang].received(kind, payload)

    def close(self) -> None:
        """Let the helper end: it is done with every language."""
        self._queue.put(None)
        self._sender.join()
        self._outbox.close()  # the end of the build, for the helper
        self._inbox.close()
        # It has written everything by now (each language said so): the build
        # does not wait for it to exit (Popen reaps it later).

    def exited(self) -> int:
        """Wait for the helper process to exit (after ``close``); its exit code."""
        return self._process.wait()

    def kill(self) -> None:
        """A failed build: stop the helper where it is."""
        self._process.kill()
        self._process.wait()
        self._queue.put(None)
        self._outbox.close()
        self._inbox.close()


class Offload(Inline):
    """One language build's parts, rendered ahead by the build's helper."""

    def __init__(self, site: NewsSite, helper: Helper) -> None:
        super().__init__(site)
        self.helper = helper
        helper.builds[site.lang] = self
        helper.send(("site", site.lang, site.now, site.site_name))
        self._streaming = True
        self._written = False
        self._end: tuple[str, str | None] | None = None

    def received(self, kind: str, payload) -> None:
        if kind == "parts":
            self._parts.update(payload)
        elif kind == "parts-end":
            self._streaming = False
        elif self._end is None:  # "written" or "failed"
            self._streaming = False
            self._end = (kind, payload)

    def parts(self, dest_uri: str) -> Parts:
        while self._streaming and dest_uri not in self._parts:
            self.helper.receive()
        # Whatever the helper did not send (a page it could not render) is
        # rendered here; a failure is reported by join().
        return super().parts(dest_uri)

    def write(self, frames: Frames, site_dir: Path,
              skip: Callable[[Generated, str], bool] | None = None) -> list[str]:
        """Hand the frames to the helper, which writes the framed listings and
        the feeds and calendars in the background."""
        if skip is not None:
            raise ValueError("a helper process writes every page")
        self._written = True
        if self._end is None:
            self.helper.send((frames, str(site_dir)))
        return []  # (written by the helper; a dirty build, which needs them, renders in-process)

    def join(self) -> None:
        """Wait for the helper to be done with this language; raise if it failed."""
        if not self._written:
            raise RuntimeError(f"the {self.lang} news pages were never written (a bug in the hooks)")
        while self._end is None:
            self.helper.receive()
        kind, payload = self._end
        if kind != "written":
            raise RuntimeError(f"rendering the {self.lang} news pages failed:\n{payload}")


def background_priority() -> None:
    """Lower this process's scheduling priority: background work must not
    slow down the build it runs beside."""
    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


def serve(inbox: Connection, out: Connection) -> None:
    """The helper process: the catalog, then each language build in turn."""
    background_priority()
    try:
        _, catalog, settings = inbox.recv()
        while True:
            _, lang, now, site_name = inbox.recv()
            # What the language before held, before this one's site is made
            # (here, not after that language: after the last, the build
            # waits for this process to exit).
            give_back_memory()
            _language(NewsSite(catalog, settings, lang, now, site_name), out, inbox)
    except EOFError:  # the build closed its end: it is over (done, failed or stopped)
        pass


def _language(site: NewsSite, out: Connection, inbox: Connection) -> None:  # (66 lines: two closures share its state)
    """Send the parts of the pages MkDocs renders, a little ahead of it (a
    thread sends them: it waits while the build has enough); while it waits,
    write the framed listing pages, once the build has sent their frames;
    then the rest of them and the feeds and calendars."""
    ahead: queue.Queue = queue.Queue(maxsize=AHEAD)
    sender = threading.Thread(target=_send_all, args=(ahead, out, (site.lang,)), daemon=True)
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
        if target is None:  # the frames are still to come: read them, or they are taken for the next language
            try:
                inbox.recv()
            except (EOFError, OSError):
                pass
    finally:
        if sender.is_alive():
            put(None, work=False)
        sender.join()


def _send_all(messages: queue.Queue | queue.SimpleQueue, out: Connection, prefix: tuple = ()) -> None:
    """Send each message (after ``prefix``) until a None; a thread of either
    end, so that neither waits for the other to read."""
    while (message := messages.get()) is not None:
        try:
            out.send((*prefix, *message))
        except OSError:  # the other end is gone (the build: receive() says so)
            return
        except Exception:  # a message that cannot be sent: close this end,
            # so that the other end's wait ends (EOFError) instead of lasting
            # for ever; the traceback is printed, the build fails.
            traceback.print_exc()
            out.close()
            return


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
    # Everything it wrote is closed: end without tearing down its objects one
    # by one (about 80 ms at N = 1000, which the end of the build waited for).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
