"""The pictures' copies (``model/pictures.py``), made with Pillow and kept by
the digest of the picture's bytes in a cache folder, so that a picture made
once costs nothing on the next build: the build copies them into the site.

Every copy is written without the picture's metadata (EXIF, with its GPS
position and camera data; XMP; text chunks): only the pixels, and an sRGB
ICC profile where the picture had one, are kept. The same picture gives the
same bytes (Pillow's encoders are deterministic).

``Pictures`` makes the copies a build needs: in the build's own process
when it writes them (``threads=0``), or on background threads from the
moment the build knows its stories (Pillow lets go of the interpreter lock
while it decodes, resizes and encodes); the files are the same either way.
"""

from __future__ import annotations

import os
import filecmp
import shutil
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from newsroom.model import urls
from newsroom.model.pictures import SHARE, copies
from newsroom.model.stories import Picture, Story

QUALITY = {"webp": 80, "jpg": 85, "share": 85}


def cache_path(cache: Path, picture: Picture, name: str) -> Path:
    return cache / picture.digest[:2] / f"{picture.digest}-{name}"


def make_copies(source: Path, picture: Picture, cache: Path) -> None:
    """Every copy of ``picture`` (read from ``source``) into ``cache``, if
    not there yet."""
    todo = [c for c in copies(picture) if not cache_path(cache, picture, c[0]).exists()]
    if not todo:
        return
    from PIL import Image, ImageOps

    with Image.open(source) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)  # as the camera held it, without the orientation tag
    rgb = _flattened(image)
    for name, width, height, fmt in todo:
        target = cache_path(cache, picture, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + f".{os.getpid()}.tmp")
        if fmt == "original":
            _save(image, temporary, picture.kind)
        elif fmt == "share":
            _save(ImageOps.fit(rgb, SHARE, Image.Resampling.LANCZOS), temporary, "JPEG", QUALITY["share"])
        else:
            copy = rgb.resize((width, height), Image.Resampling.LANCZOS) if width != rgb.width else rgb
            _save(copy, temporary, "WEBP" if fmt == "webp" else "JPEG", QUALITY[fmt])
        os.replace(temporary, target)


def _flattened(image):
    """RGB, transparency on white (JPEG has none)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _save(image, target: Path, kind: str, quality: int = 90) -> None:
    """Pixels (and the colour profile): no EXIF, XMP or text chunks are passed on."""
    options: dict = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if kind == "JPEG":
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
        options.update(quality=quality, optimize=True, progressive=True)
    elif kind == "WEBP":
        options.update(quality=quality, method=4)
    image.save(target, format=kind, **options)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def _same(made: Path, target: Path) -> bool:
    """Whether ``target`` holds ``made``'s bytes already (by content, never by time)."""
    try:
        return target.stat().st_size == made.stat().st_size and filecmp.cmp(made, target, shallow=False)
    except FileNotFoundError:
        return False


class Pictures:
    """The copies of the pictures of a build's published stories."""

    def __init__(self, stories: Iterable[Story], root: Path, cache: Path, threads: int = 0) -> None:
        self.jobs = [(story, picture) for story in stories for picture in story.pictures]
        self.root = root
        self.cache = cache
        self._pool: ThreadPoolExecutor | None = None
        self._futures: list[Future] = []
        if threads and self.jobs:
            self._pool = ThreadPoolExecutor(threads, thread_name_prefix="newsroom-pictures")
            self._futures = [self._pool.submit(self._make, story, picture) for story, picture in self.jobs]

    def _make(self, story: Story, picture: Picture) -> None:
        make_copies(self.root / story.folder / picture.name, picture, self.cache)

    def write(self, site_dir: Path, placed: set[tuple[str, str]] | None = None) -> set[tuple[str, str]]:
        """Every copy into the site, beside its story's page (the picture
        itself replaces the file MkDocs copied there, with its metadata);
        what it placed: (the copy, site-relative; the cache file it came
        from). ``placed``: what the last build placed into this site (a
        ``--dirty`` build's record), left as it is when it came from the
        same cache file (named by the picture's digest) and is there."""
        now: set[tuple[str, str]] = set()
        try:
            if self._pool is None:
                for story, picture in self.jobs:
                    self._make(story, picture)
            for future in self._futures:
                future.result()  # a picture that failed fails the build here
        finally:
            self.close()
        placed = placed or set()
        for story, picture in self.jobs:
            where = urls.story(story.day, story.slug)
            folder = site_dir / where
            folder.mkdir(parents=True, exist_ok=True)
            for name, *_ in copies(picture):
                made, target = cache_path(self.cache, picture, name), folder / name
                mark = (where + name, made.name)
                now.add(mark)
                # A --dirty build finds most in place; the picture's own name,
                # which MkDocs may have copied over again, is compared byte for byte.
                if name != picture.name and mark in placed and _size(target) == _size(made) is not None:
                    continue
                if not _same(made, target):
                    shutil.copyfile(made, target)
        return now

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
