"""Slugs by the official Ukrainian transliteration (Cabinet of Ministers
resolution No. 55 of 27 January 2010), via the maintained ``translitua``."""

from __future__ import annotations

import re
from functools import lru_cache

from translitua import UkrainianKMU, translit

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@lru_cache(maxsize=65536)
def slugify(text: str, max_length: int = 60) -> str:
    """«Полтава» -> ``poltava``; cut at a word boundary to ``max_length``."""
    latin = translit(text, UkrainianKMU).lower()
    words = re.findall(r"[a-z0-9]+", latin)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug
