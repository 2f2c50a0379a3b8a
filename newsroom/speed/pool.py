"""Story folders read by a pool of forked processes.

A build reads every story folder of news/ once; at a national portal's size
that is most of a second per thousand folders. ``read_all`` reads them on
every core (at most four processes), the calling process reading the first
share itself while the others read the rest. It returns exactly what reading
them one after another would (``read_one`` for each item, in order): the
loader (``content/loader.py``) uses it only to fill its cache, and reads
whatever it returns None for itself.

Forked, so the readers inherit ``read_one`` and its arguments without
pickling them; POSIX only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

_READ_ONE: Callable[[Any], Any] | None = None  # what the forked readers inherit


def possible() -> bool:
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def read_all(items: Sequence[Any], read_one: Callable[[Any], Any], least: int) -> list[Any] | None:
    """``[read_one(item) for item in items]`` on every core, or None when
    there are fewer than ``least`` items (0: never), or no fork."""
    import multiprocessing

    if not least or len(items) < least or not possible():
        return None
    global _READ_ONE
    _READ_ONE = read_one
    processes = min(os.cpu_count() or 1, 4)
    own = len(items) // processes
    try:
        with multiprocessing.get_context("fork").Pool(processes - 1) as pool:
            theirs = pool.map_async(_read, items[own:], chunksize=max(16, len(items) // (8 * processes)))
            return [read_one(item) for item in items[:own]] + theirs.get()
    finally:
        _READ_ONE = None


def _read(item: Any) -> Any:
    assert _READ_ONE is not None
    return _READ_ONE(item)
