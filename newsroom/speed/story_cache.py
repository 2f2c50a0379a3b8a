"""Story folders as the last ``mkdocs build --dirty`` read them, kept for the
next one, which reads again only the folders whose files changed.

Reading a story (its front matter parsed and checked, its pictures opened)
is most of the time a ``--dirty`` build spends when little changed: at
N = 10000 per language, 10,500 folders. The rules:

- A folder's entry is its *key* and what reading it gave (the story, or
  None, and its problems). The key is every file's name with a digest of its
  bytes, and the year folder: content, never a file's time (a fresh clone
  gives every file a new one). A folder that holds a folder is never kept
  (what a story folder may hold is the loader's to judge, each time).
- A file's digest is read again from its bytes unless the last build saw
  the very same file: the same size, modification and change times (to the
  nanosecond), inode and device. Editing, copying, moving, checking out or
  ``touch``-ing a file changes its change time, which no tool sets back.
  A file that changed less than ``SETTLED_NS`` before the last build looked
  at it is read again in any case: the kernel stamps files with a clock
  that moves in ticks, so a second write in the same tick would leave the
  times as they were (git's "racily clean" files).
- The cache is for one engine: the loader's code, the term files, the
  settings (``engine_fingerprint`` of ``speed/incremental.py``). Any other
  engine's cache is not read.
- It holds the folders of the last build only: a folder gone is forgotten.
- ``identities`` names each story by its folder and files, for the pages'
  fingerprints (``speed/preview.py``).
- ``save`` writes the file anew (atomically) only when an entry changed.

``read_all(folders, read)``, with ``read`` the loader's own reading of a
folder, returns exactly what ``[read(f) for f in folders]`` would
(``tests/test_story_cache.py``); ``story_cache: false`` in ``extra.news``
(or ``NEWSROOM_SPEED=off``) reads every folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FILE = "stories.pickle"
VERSION = 3
SETTLED_NS = 2 * 10**9  # (two seconds: many ticks of the kernel's file clock)

Seen = dict[str, tuple[tuple[int, ...], bytes]]  # a file's path -> (its stat, the digest of its bytes)


def folder_key(folder: Path, seen: Seen | None = None, now: Seen | None = None,
               settled_before: int = 0) -> tuple | None:
    """Every file of ``folder`` by name and content; None when it holds a
    folder or cannot be read. ``seen``: the files the last build saw (their
    digests are taken as they were when their stat is); ``now``: what this
    build sees, for the next (the files whose change time is before
    ``settled_before``)."""
    try:
        with os.scandir(folder) as entries:
            found = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
        key = []
        for name, is_dir in found:
            if is_dir:
                return None
            path = os.path.join(folder, name)
            stat = os.stat(path)
            signature = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
            last = seen.get(path) if seen is not None else None
            if last is not None and last[0] == signature:
                digest = last[1]
            else:
                with open(path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").digest()
            if now is not None and stat.st_ctime_ns < settled_before and stat.st_mtime_ns < settled_before:
                now[path] = (signature, digest)
            key.append((name, digest))
        return tuple(key)
    except OSError:
        return None


class StoryCache:
    def __init__(self, folder: Path, engine: str) -> None:
        self.path = folder / FILE
        self.engine = engine
        # folder -> (its key, what reading it gave, pickled: a build that
        # changed one folder pickles that one, not all of them again)
        self.entries: dict[str, tuple[tuple, bytes]] = {}
        self.files: Seen = {}  # the files the last build saw (``folder_key``)
        self._results: dict[str, Any] = {}  # folder -> what reading it gave, this build
        self.changed = False
        try:
            with open(self.path, "rb") as handle:
                version, kept_engine, entries, files = pickle.load(handle)
            if version == VERSION and kept_engine == engine:
                self.entries, self.files = entries, files
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            pass
        self.reused = 0

    def read_all(self, items: Sequence[tuple[Path, str]],
                 read: Callable[[Sequence[tuple[Path, str]]], list[Any]]) -> list[Any]:
        """What ``read`` gives for each (folder, year) of ``items``, in order:
        kept entries whose key still holds, the others read by ``read`` (all
        of them at once, so that it may use a pool)."""
        files: Seen = {}
        settled_before = time.time_ns() - SETTLED_NS
        keys = [(year, folder_key(folder, self.files, files, settled_before)) for folder, year in items]
        results: list[Any] = [None] * len(items)
        todo = []
        packed: list[bytes | None] = [None] * len(items)
        for index, ((folder, _), key) in enumerate(zip(items, keys)):
            kept = self.entries.get(str(folder))
            if key[1] is not None and kept is not None and kept[0] == key:
                packed[index] = kept[1]
                results[index] = pickle.loads(kept[1])
            else:
                todo.append(index)
        self.reused = len(items) - len(todo)
        for index, result in zip(todo, read([items[i] for i in todo])):
            results[index] = result
            packed[index] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        entries = {str(folder): (key, data) for (folder, _), key, data in zip(items, keys, packed)
                   if key[1] is not None}
        self._results = {str(folder): result for (folder, _), key, result in zip(items, keys, results)
                         if key[1] is not None}
        if todo or entries.keys() != self.entries.keys() or files != self.files:
            self.changed = True
        self.entries, self.files = entries, files
        return results

    def identities(self, name: Callable[[Any], str | None]) -> dict[str, int]:
        """A number for each folder of this build, by ``name(what reading it
        gave)`` (None: not named), that differs whenever its name, year or
        any of its files does: what ``speed/preview.py`` knows a story by."""
        found = {}
        for folder, (key, _) in self.entries.items():
            if folder not in self._results:  # (read_all names this build's folders)
                continue
            named = name(self._results[folder])
            if named is not None:
                found[named] = int.from_bytes(hashlib.blake2b(repr((folder, key)).encode("utf-8", "surrogatepass"),
                                                              digest_size=16).digest(), "big")
        return found

    def save(self) -> None:
        if not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{FILE}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump((VERSION, self.engine, self.entries, self.files), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self.changed = False
