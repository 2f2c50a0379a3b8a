"""Items a process needs one after another, made ahead of it on the next core.

A build writes a language's story pages in order; each needs its body made
(Markdown rendered) first. ``Ahead`` forks a worker when the pages are about
to be written, and the build hands it chunks of items a little ahead of the
one it needs (at most ``window`` chunks at a time), while it renders the
theme around the items before them. Chunks not handed over, the build makes
itself when it reaches them; a chunk the worker has not sent by then, the
build waits for no longer than it took to make one itself, then makes it
too (the worker's copy is dropped: it may be slower, at the lowest
scheduling priority, than the build it serves), and the worker skips the
chunks the build has passed before it. So the two share the work by how
much of a core each has, and the results are the same whoever made them.

The worker is forked, so it has the build's state as it is at that moment,
but nothing it changes reaches the build: ``make`` must return everything
the build needs of an item. What the worker logs while making an item is
logged again by the build when it takes the item, where the build's handlers
count and show it as if it had been logged there.

A worker makes at most ``lifetime`` chunks, then exits, and the build forks
the next when it next asks for an item: a forked process shares the build's
memory only until either writes to it, and the build writes to most of it
all the time (reference counts, new objects), so a long-lived worker would
come to hold a copy of most of the build. For the same reason neither
process's garbage collector visits the objects the build had at the fork
(``gc.freeze``) until ``close``.

A worker forked while another thread of the build starts a process (the
search indexer) holds copies of that process's pipes until it exits, which
can delay that thread by at most a worker's life; it shares nothing else.

POSIX only (``os.fork``); ``possible()`` says whether it can run.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import time
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any

FREE, WORKER, DONE, HERE = 0, 1, 2, 3  # HERE: the build makes it (the worker failed on it)
_SKIPPED = "skipped"  # the worker's answer for a chunk the build has passed before it
_FIRST_PATIENCE = 0.05  # seconds: how long the build waits for a chunk before it has made one itself


def possible() -> bool:
    return os.name == "posix" and (os.cpu_count() or 1) > 1 and hasattr(os, "fork")


class _Worker:
    def __init__(self, pid: int, tasks: Connection, results: Connection) -> None:
        self.pid = pid
        self.tasks = tasks      # chunk numbers to make, sent to it
        self.results = results  # (chunk number, items or None), from it
        self.given = 0          # chunks handed to it


class Ahead:
    """``count`` items, item i made by ``make(i)``, in chunks of ``chunk``."""

    def __init__(self, count: int, make: Callable[[int], Any], chunk: int = 16, window: int = 6,
                 lifetime: int | None = None, niceness: int = 0) -> None:
        self.count = count
        self.make = make
        self.chunk = chunk
        self.window = window
        self.lifetime = lifetime
        self.niceness = niceness
        self.chunks = (count + chunk - 1) // chunk
        self._state = bytearray(self.chunks)  # FREE, WORKER (handed over, not received), DONE or HERE
        self._ready: dict[int, list] = {}
        self._worker: _Worker | None = None
        self._enabled = False
        self._patience = _FIRST_PATIENCE
        # The chunk the build is on, which the worker reads (without a lock:
        # one aligned word, written by the build only) to skip the chunks the
        # build has reached before it.
        self._at = get_context("fork").RawValue("l", -1)
        self.workers = 0    # workers started (for tests and notes)
        self.made_here = 0  # items the build made itself (for tests and notes)

    def start(self) -> None:
        """Make items ahead, from now on (a worker at a time)."""
        self._enabled = True
        self._fork()
        self._hand_over(-1)  # the first chunks, before the build needs any

    def get(self, index: int) -> Any:
        """Item ``index``, made by the worker or here."""
        number = index // self.chunk
        self._at.value = number
        self._collect(0)
        if self._worker is None and self._enabled and self._state.count(FREE, number + 1) >= self.window:
            self._fork()
        self._hand_over(number)
        if number not in self._ready:
            self._obtain(number)
        items = self._ready[number]
        offset = index - number * self.chunk
        item = items[offset]
        if item is None:  # taken already (asked for twice): made again
            self.made_here += 1
            return self.make(index)
        items[offset] = None
        if all(i is None for i in items):
            del self._ready[number]
        result, records = item
        for record in records:
            logging.getLogger(record.name).handle(record)
        return result

    def close(self) -> None:
        """Stop the worker (what it is making is dropped) and wait for it."""
        self._enabled = False
        self._end_worker(kill=True)
        self._ready = {}
        if self.workers:
            gc.unfreeze()

    # -- the build's side ------------------------------------------------

    def _fork(self) -> None:
        task_reader, task_writer = get_context("fork").Pipe(duplex=False)
        result_reader, result_writer = get_context("fork").Pipe(duplex=False)
        try:  # chunks in the pipe, not 64 KB: the worker seldom waits for the build to read
            import fcntl

            fcntl.fcntl(result_writer.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
        except (ImportError, OSError):
            pass
        parent = os.getpid()
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:  # no worker: the build makes every item
            gc.unfreeze()
            self._enabled = False
            for end in (task_reader, task_writer, result_reader, result_writer):
                end.close()
            return
        if pid == 0:  # the worker
            code = 0
            try:
                task_writer.close()
                result_reader.close()
                self._work(parent, task_reader, result_writer)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        task_reader.close()
        result_writer.close()
        self._worker = _Worker(pid, task_writer, result_reader)
        self.workers += 1

    def _hand_over(self, number: int) -> None:
        """Keep the worker ``window`` chunks past the one needed now."""
        worker = self._worker
        if worker is None or worker.tasks.closed:
            return
        waiting = self._state.count(WORKER)
        for candidate in range(number + 1, min(self.chunks, number + 1 + self.window)):
            if waiting >= self.window or worker.given == self.lifetime:
                break
            if self._state[candidate] == FREE:
                try:
                    worker.tasks.send(candidate)
                except OSError:  # it has gone: noticed when its results end
                    return
                self._state[candidate] = WORKER
                worker.given += 1
                waiting += 1
        if worker.given == self.lifetime:
            worker.tasks.close()  # it exits once it has sent them

    def _obtain(self, number: int) -> None:
        if self._state[number] == WORKER:
            deadline = time.monotonic() + self._patience
            while self._state[number] == WORKER:  # (until sent, refused, or the worker is gone)
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._collect(remaining):
                    break
        if number not in self._ready:
            started = time.monotonic()
            self._make_here(number)
            self._patience = time.monotonic() - started

    def _make_here(self, number: int) -> None:
        first = number * self.chunk
        last = min(self.count, first + self.chunk)
        self._state[number] = DONE
        self.made_here += last - first
        self._ready[number] = [(self.make(i), ()) for i in range(first, last)]

    def _collect(self, timeout: float) -> bool:
        """Take what the worker has sent (waiting up to ``timeout`` seconds
        for the first message); False if it has gone."""
        worker = self._worker
        if worker is None:
            return False
        while True:
            try:
                if not worker.results.poll(timeout):
                    return True
                number, items = worker.results.recv()
            except Exception:  # gone (EOFError, OSError), or what it sent cannot be read here
                self._end_worker(kill=True)
                return False
            timeout = 0
            if self._state[number] != WORKER:
                continue  # made here meanwhile
            if items == _SKIPPED:
                self._state[number] = FREE
            elif items is None:
                # It failed on this chunk: the build makes it when it gets
                # there (and fails there, naming the page, if it does).
                self._state[number] = HERE
            else:
                self._state[number] = DONE
                self._ready[number] = items

    def _end_worker(self, kill: bool = False) -> None:
        """The worker has gone (its results ended), or is to go (``kill``:
        whatever it is making is not needed, and it shares nothing with the
        build but its pipes)."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.tasks.close()
        worker.results.close()
        if kill:
            os.kill(worker.pid, signal.SIGKILL)
        os.waitpid(worker.pid, 0)
        # What it was handed and did not send is the build's to make.
        for number in range(self.chunks):
            if self._state[number] == WORKER:
                self._state[number] = FREE

    # -- the worker's side -----------------------------------------------

    def _work(self, parent: int, tasks: Connection, results: Connection) -> None:
        if self.niceness:
            os.nice(self.niceness)
        records: list[logging.LogRecord] = []
        _capture_logs(records)
        while True:
            try:
                number = tasks.recv()
            except (EOFError, OSError):
                return
            if os.getppid() != parent:
                return
            if number < self._at.value:  # the build is past it (and has made it)
                results.send((number, _SKIPPED))
                continue
            first = number * self.chunk
            try:
                items = []
                for i in range(first, min(self.count, first + self.chunk)):
                    items.append((self.make(i), tuple(records)))
                    records.clear()
            except Exception:
                items = None
                records.clear()
            try:
                results.send((number, items))
            except (pickle.PicklingError, TypeError, AttributeError):  # not picklable: made by the build
                results.send((number, None))


def _capture_logs(records: list[logging.LogRecord]) -> None:
    """In the worker: every logger's records go to ``records`` (made
    picklable), not to the build's terminal."""
    handler = _Keep(records)
    for logger in [logging.getLogger()] + [l for l in logging.Logger.manager.loggerDict.values()
                                            if isinstance(l, logging.Logger) and l.handlers]:
        for old in list(logger.handlers):
            logger.removeHandler(old)
        logger.addHandler(handler)


class _Keep(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        if any(kept is record for kept in self.records):  # met again as it propagates
            return
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)
