"""Pagefind, run over one bundle of a language's pages at a time (``Job``),
one after another in the background (``Indexer``), at the lowest scheduling
priority: the pages a build writes for it (``outputs/search.py``) are
indexed while the build goes on, and removed once indexed."""

from __future__ import annotations

import functools
import importlib
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _pagefind() -> tuple[str, ...]:
    """How to run Pagefind: its binary, found as ``python -m pagefind`` finds
    it (``pagefind.service.get_executable``, whose module is not imported:
    it imports asyncio, about 50 ms of every build), or else ``python -m
    pagefind`` itself (which starts a Python only to run it, once per bundle)."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        return (given,)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            binary = importlib.import_module(package).get_executable()
        except (ImportError, FileNotFoundError):
            continue
        return (str(Path(binary).absolute()),)
    return (sys.executable, "-m", "pagefind")


def _pagefind_command(source: Path, output: Path) -> list[str]:
    command = [*_pagefind(), "--site", str(source), "--output-path", str(output), "--silent"]
    # At the lowest scheduling priority: below the build it runs beside and
    # below the helper process (niced by 10), whose parts the build waits for
    # (at N = 2000, three builds each by hand: 11.09-11.59 s against
    # 11.33-11.96 s at 10). (Started from the indexer's thread, so not through
    # Popen's preexec_fn, which is unsafe in a process with threads.)
    nice = shutil.which("nice") if os.name == "posix" else None
    return [nice, "-n", "19", *command] if nice else command


def _pagefind_env() -> dict[str, str]:
    """Pagefind's environment: its allocator (jemalloc) with one arena
    instead of one per thread, unless one is set already: on a bundle of 500
    story pages, 76 MB instead of 84 MB at its peak, in the same time
    (measured by hand: three runs with, two without)."""
    env = dict(os.environ)
    env.setdefault("_RJEM_MALLOC_CONF", "narenas:1")
    return env


class Job:
    """One run of Pagefind over one bundle's pages."""

    def __init__(self, source: Path, output: Path) -> None:
        self.source = source
        self.output = output
        self.returncode: int | None = None
        self.message = ""
        self.cancelled = False
        self.ended = threading.Event()
        self.process: subprocess.Popen | None = None
        self._starting = threading.Lock()  # a cancel waits until Pagefind is started (or not)

    def run(self, remove: Callable[[Path], object] | None = None) -> None:
        """Index the bundle, then remove its pages (by ``remove``, if given)."""
        try:
            with tempfile.TemporaryFile() as log:
                with self._starting:
                    if self.cancelled:
                        self.returncode, self.message = -1, "cancelled"
                        return
                    clear_output(self.output)
                    self.process = subprocess.Popen(_pagefind_command(self.source, self.output),
                                                    stdout=log, stderr=subprocess.STDOUT, env=_pagefind_env())
                self.returncode = self.process.wait()
                log.seek(0)
                self.message = log.read().decode("utf-8", errors="replace")
        except OSError as error:
            self.returncode, self.message = -1, str(error)
        finally:
            # Its pages are indexed: they are not needed any more.
            (remove or remove_pages)(self.source)
            self.ended.set()

    def cancel(self) -> None:
        with self._starting:
            self.cancelled = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()


def clear_output(output: Path) -> None:
    """A bundle's output folder emptied before Pagefind writes it; the first
    bundle's (``pagefind/``) holds the others' (``pagefind/2/``, ...): kept."""
    if not output.is_dir():
        return
    for entry in output.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            if not entry.name.isdigit():
                shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def remove_pages(folder: Path) -> None:
    """A bundle's pages removed, by rm(1) where there is one: Python's rmtree
    takes the interpreter's lock for each of the thousands of files and
    folders, from the build's process (about 2 s of it at N = 10000)."""
    rm = _rm()
    if rm is not None:
        try:
            if subprocess.run([rm, "-rf", "--", str(folder)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                return
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _rm() -> str | None:
    return shutil.which("rm") if os.name == "posix" else None


class Indexer:
    """Runs Pagefind jobs one after another, in a background thread.

    A job's pages, once indexed, are removed by another thread, so that the
    next job starts at once: a thread of a process whose main thread renders
    pages waits for the interpreter's lock after each file it removes (up to
    its switch interval, 5 ms), and removing a bundle's pages took 0.2 to
    0.4 s at N = 1000, which held up every bundle after it."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._trash: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self._remover: threading.Thread | None = None

    def submit(self, job: Job) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="pagefind", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _remove_later(self, folder: Path) -> None:
        if self._remover is None:
            self._remover = threading.Thread(target=self._empty_trash, name="pagefind-pages", daemon=True)
            self._remover.start()
        self._trash.put(folder)

    def _empty_trash(self) -> None:
        while True:
            remove_pages(self._trash.get())

    def _work(self) -> None:
        while True:
            self._jobs.get().run(remove=self._remove_later)

    def hurry(self, after: Callable[[], object] | None = None) -> None:
        """The build has nothing left to do but wait for its index: run the
        bundles still waiting two at a time (one more worker, until none is
        left). They are mostly the last and smallest ones (``bundle_sizes``).
        The second worker starts once ``after`` returns: the build's helper
        process has exited, which held more memory than a second Pagefind takes."""
        threading.Thread(target=self._drain, args=(after,), name="pagefind-hurry", daemon=True).start()

    def _drain(self, after: Callable[[], object] | None) -> None:
        if after is not None:
            after()
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            job.run(remove=self._remove_later)
