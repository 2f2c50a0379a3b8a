"""The listing entries a ``mkdocs build --dirty`` rendered, kept for the next.

A listing entry (``Renderer.entry`` in ``render/fragments.py``) is one
story's HTML in one language's listings. It depends on the story, the
language and the engine (its code and templates, the term files, the
settings), and on nothing else: not on the build's clock, nor on the page
that shows it (its links start with the root marker). A dirty build that
adds one story at N = 10000 per language rewrites about 1,400 listing pages
and rendered about 29,000 entries for them, most of them its first of
each story (1.6 s of the build).

The rules:

- Entries are kept per language: a story's id -> (its identity, the entry
  as the renderer holds it).
- A kept entry is reused only when its story's identity now is the one
  recorded: a story is known by the bytes it was read from
  (``speed/story_cache.py``), so any change to its files renders it again.
- A story without an identity (not read through the story cache) is
  neither reused nor kept.
- The engine is not part of the entry's record: when it changes, the build
  is a full one and starts with nothing kept (``speed/incremental.py``).

``entry_cache: false`` in ``extra.news`` (or ``NEWSROOM_SPEED=off``)
renders every entry; ``tests/test_kept_entries.py`` checks the rules, and
``tests/test_incremental.py`` that dirty builds equal clean ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsroom.model.stories import Story

Kept = dict[str, tuple[int, bytes]]  # story id -> (its identity, its entry)


def reusable(kept: Mapping[str, tuple[int, bytes]], stories: Iterable[Story],
             identities: Mapping[str, int]) -> dict[str, bytes]:
    """The kept entries of ``stories`` read from the bytes they were kept for."""
    found = {}
    for story in stories:
        record = kept.get(story.id)
        if record is not None and record[0] == identities.get(story.folder):
            found[story.id] = record[1]
    return found


def to_keep(entries: Mapping[str, bytes], stories: Iterable[Story], identities: Mapping[str, int]) -> Kept:
    """The entries of ``stories`` (story id -> entry) with their identities."""
    kept: Kept = {}
    for story in stories:
        entry = entries.get(story.id)
        identity = identities.get(story.folder)
        if entry is not None and identity is not None:
            kept[story.id] = (identity, entry)
    return kept
