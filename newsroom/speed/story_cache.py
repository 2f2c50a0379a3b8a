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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FILE = "stories.pickle"
VERSION = 2


def folder_key(folder: Path) -> tuple | None:
    """Every file of ``folder`` by name and content; None when it holds a
    folder or cannot be read."""
    try:
        with os.scandir(folder) as entries:
            found = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
        key = []
        for name, is_dir in found:
            if is_dir:
                return None
            with open(os.path.join(folder, name), "rb") as handle:
                key.append((name, hashlib.file_digest(handle, "sha256").digest()))
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
        self._results: dict[str, Any] = {}  # folder -> what reading it gave, this build
        self.changed = False
        try:
            with open(self.path, "rb") as handle:
                version, kept_engine, entries = pickle.load(handle)
            if version == VERSION and kept_engine == engine:
                self.entries = entries
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            pass
        self.reused = 0

    def read_all(self, items: Sequence[tuple[Path, str]],
                 read: Callable[[Sequence[tuple[Path, str]]], list[Any]]) -> list[Any]:
        """What ``read`` gives for each (folder, year) of ``items``, in order:
        kept entries whose key still holds, the others read by ``read`` (all
        of them at once, so that it may use a pool)."""
        keys = [(year, folder_key(folder)) for folder, year in items]
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
        if todo or entries.keys() != self.entries.keys():
            self.changed = True
        self.entries = entries
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
            pickle.dump((VERSION, self.engine, self.entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self.changed = False
