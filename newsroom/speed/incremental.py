"""``mkdocs build --dirty``: the pages of a build whose inputs changed since
the last build, and none other, with the result of a clean build.

What decides it is content, never a file's time (a fresh clone gives every
file a new one):

- ``engine_fingerprint``: a digest of everything a page's HTML may depend on
  besides its stories: the engine's code and templates, the theme overrides,
  ``mkdocs.yml``, the lock, ``data/``, the knowledge pages (``docs/``: the
  navigation of every page), the term files of ``news/`` (labels on every
  page) and the site's address. When it differs from the last build's, or
  there was none, the build is a full one, from an empty site folder, and
  says why in one line.
- each generated page's fingerprint (``speed/preview.py``: its stories,
  field by field, and what the build's clock decides of them: an event
  past, a vacancy closed): a page is written when its fingerprint differs
  from the one recorded when it was last written. The knowledge pages are
  always written (few; the home page lists the latest stories).

``State`` is what one build leaves for the next, in the cache folder beside
the site (``Settings.build_cache``): the engine's fingerprint and each page's,
each event's VEVENT by its inputs (the calendars are written anew from
them, not serialised again), and the pictures' copies it placed (by the
cache file each came from: not compared byte for byte again).
Files the engine wrote for a page that no longer exists are removed
(``remove_stale``), so that the site holds the same files as a clean build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

STATE_FILE = "build-state.pickle"
# Every file under these (relative to the project) is part of the engine's
# fingerprint, besides mkdocs.yml, the lock and the term files of news/.
ENGINE_FOLDERS = ("newsroom", "newsroom_mkdocs", "hooks", "overrides", "data", "docs")
ENGINE_FILES = ("mkdocs.yml", "requirements.lock", "package-lock.json")
VERSION = 3  # of the state's format


@dataclass
class State:
    engine: str = ""
    pages: dict[tuple[str, str], int] = field(default_factory=dict)  # (lang, dest_uri) -> fingerprint
    hashes: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # -> its inline scripts' hashes
    search: dict[str, dict[int, str]] = field(default_factory=dict)  # lang -> bundle -> digest of its pages
    # lang -> an event's inputs -> its VEVENT (outputs/feeds.py: calendars are made anew from them)
    events: dict[str, dict[tuple, bytes]] = field(default_factory=dict)
    # the pictures' copies placed in the site: (site-relative file, the cache file it came from)
    pictures: set[tuple[str, str]] = field(default_factory=set)
    # lang -> story id -> (its identity, its listing entry) (speed/kept_entries.py)
    entries: dict[str, dict[str, tuple[int, bytes]]] = field(default_factory=dict)
    # the sitemap's entries' digest, and the sizes of the files written from them
    sitemap: tuple[str, tuple[int, ...]] = ("", ())
    version: int = VERSION


def engine_fingerprint(root: Path, news_dir: Path, extra: tuple = ()) -> str:
    """The digest of the engine, its configuration and the site's shared data."""
    digest = hashlib.sha256(repr(extra).encode("utf-8"))
    files = [root / name for name in ENGINE_FILES]
    for folder in ENGINE_FOLDERS:
        base = root / folder
        if base.is_dir():
            files += sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    if news_dir.is_dir():
        files += sorted(p for p in news_dir.iterdir() if p.is_file())
    for file in files:
        if file.is_file():
            digest.update(file.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def load_state(folder: Path) -> State | None:
    try:
        with open(folder / STATE_FILE, "rb") as handle:
            state = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return state if isinstance(state, State) and state.version == VERSION else None


def save_state(folder: Path, state: State) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / (STATE_FILE + f".{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, folder / STATE_FILE)


def why_full(state: State | None, engine: str, site_dir: Path, folder: Path) -> str | None:
    """Why this build must be a full one, or None when it can be incremental."""
    if not site_dir.is_dir() or not any(site_dir.iterdir()):
        return "no previous site"
    if state is None or not (folder / "search").is_dir():
        return "no record of the previous build"
    if state.engine != engine:
        return "the engine, its templates, mkdocs.yml, the lock, data/, docs/ or news/*.yml changed"
    return None


def remove_stale(site_dir: Path, roots: list[str], expected: set[str]) -> list[str]:
    """Every file under ``roots`` (site-relative folders the engine alone
    writes) that is not ``expected``, removed with the folders it leaves
    empty; the removed files, site-relative."""
    removed = []
    top = os.path.abspath(site_dir)
    prefix = len(top) + 1
    for root in roots:
        base = os.path.normpath(os.path.join(top, root))
        if not os.path.isdir(base):
            continue
        # Strings, not paths: at N = 10000 this walks 60,000 files. A folder
        # is empty once each of its files and folders is removed (no
        # listing of each folder again: 0.15 s there).
        gone: set[str] = set()  # folders removed
        for folder, folders, names in os.walk(base, topdown=False):
            inside = folder[prefix:].replace(os.sep, "/") + "/"
            left = sum(1 for name in folders if os.path.join(folder, name) not in gone)
            for name in names:
                relative = inside + name
                if relative not in expected:
                    os.unlink(os.path.join(folder, name))
                    removed.append(relative)
                else:
                    left += 1
            if folder != base and not left:
                os.rmdir(folder)
                gone.add(folder)
    return removed


def empty(site_dir: Path) -> None:
    """A full build starts from an empty site folder."""
    if site_dir.is_dir():
        for entry in site_dir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
