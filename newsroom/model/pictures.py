"""The copies of a picture the site publishes, by name: a few widths in WebP
and JPEG (for ``srcset``), a 1200x630 crop for shared links, and the
picture itself with its metadata removed. Pure: the names and sizes follow
from the picture's width and height (``outputs/pictures.py`` makes the
files, ``render/pictures.py`` the HTML)."""

from __future__ import annotations

from newsroom.model.stories import Picture

WIDTHS = (480, 960, 1440)   # and the picture's own width, up to LARGEST
LARGEST = 1920
SHARE = (1200, 630)         # og:image / twitter:image
FORMATS = ("webp", "jpg")   # WebP, and JPEG for browsers without it


def widths(picture: Picture) -> tuple[int, ...]:
    """The widths of a picture's copies, narrowest first."""
    largest = min(picture.width, LARGEST)
    return tuple(w for w in WIDTHS if w < largest) + (largest,)


def fallback_width(picture: Picture) -> int:
    """The copy a browser without ``srcset`` shows (and a video's poster): the
    second width, or the only one."""
    steps = widths(picture)
    return steps[min(1, len(steps) - 1)]


def height_at(picture: Picture, width: int) -> int:
    return max(1, round(picture.height * width / picture.width))


def stem(picture: Picture) -> str:
    return picture.name.rsplit(".", 1)[0]


def copy_name(picture: Picture, width: int, fmt: str) -> str:
    """``photo.960w.webp``: a copy's file name, beside the picture."""
    return f"{stem(picture)}.{width}w.{fmt}"


def share_name(picture: Picture) -> str:
    return f"{stem(picture)}.share.jpg"


def copies(picture: Picture) -> list[tuple[str, int, int, str]]:
    """Every copy of a picture: (file name, width, height, format); format
    "share" is the 1200x630 crop, "original" the picture without its metadata."""
    found = [(copy_name(picture, w, fmt), w, height_at(picture, w), fmt)
             for w in widths(picture) for fmt in FORMATS]
    found.append((share_name(picture), *SHARE, "share"))
    found.append((picture.name, picture.width, picture.height, "original"))
    return found
