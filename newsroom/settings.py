"""Site settings of the news engine, kept in ``mkdocs.yml`` under ``extra.news``."""

from __future__ import annotations

import os

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import yaml
from annotated_types import Ge


# NEWSROOM_SPEED values that turn every speed mechanism off.
SPEED_OFF = ("off", "0", "false", "no")


@dataclass(frozen=True)
class Settings:
    """The settings, a plain dataclass: the helper process is sent them and
    does not import pydantic. ``Settings.validated`` checks values read from
    a file (pydantic, against the annotations below)."""

    # For pydantic, when it validates: no setting it does not know.
    __pydantic_config__ = {"extra": "forbid"}

    root: Path = Path(".")
    dir: str = "news"
    page_size: Annotated[int, Ge(1)] = 10
    timezone: str = "Europe/Kyiv"
    latest: Annotated[int, Ge(1)] = 5
    read_more: Annotated[int, Ge(0)] = 4
    feed_size: Annotated[int, Ge(1)] = 20
    excerpt_chars: Annotated[int, Ge(20)] = 200
    programme_data: str = "data/programme.yml"
    docs_dir: str = "docs"
    site_url: str = "http://127.0.0.1:8000/"
    languages: tuple[str, ...] = ("uk", "en")
    show_drafts: bool = False
    # The web editor (Decap CMS) at admin/, served from the site itself
    # (outputs/admin.py; needs node_modules/, installed by npm ci).
    web_editor: bool = True
    # Pages per search bundle: Pagefind holds a bundle's pages in memory while
    # it indexes them (about 150 KB each); the browser merges the bundles.
    search_bundle: Annotated[int, Ge(1)] = 500
    # Languages whose search understands word forms (outputs/wordforms.py:
    # «Полтава» finds «у Полтаві»), by a pymorphy3 dictionary of that language.
    word_forms: tuple[str, ...] = ("uk",)
    # -- Speed (``newsroom.speed``). Every mechanism produces the same site as
    # its plain in-process path; ``speed: false`` (or NEWSROOM_SPEED=off in
    # the environment) turns them all off at once, each switch below turns
    # off one.
    speed: bool = True
    # A build's news parts rendered in a helper process (speed/offload.py).
    helper: bool = True
    # Listing pages outside the navigation are written into a frame the theme
    # renders once per folder depth (speed/frames.py); false renders each one.
    frames: bool = True
    # A story page whose table of contents is empty is written into the frame
    # of its depth too (newsroom_mkdocs/story_frames.py).
    story_frames: bool = True
    # A build renders a language's story bodies ahead of their pages in a
    # worker process on the next core when the language has at least the
    # first and at most the second number of stories (speed/ahead.py).
    render_ahead: tuple[Annotated[int, Ge(0)], Annotated[int, Ge(0)]] = (64, 5000)
    # The theme's primary navigation rendered once per URL shape on story
    # pages (speed/navigation.py).
    nav_cache: bool = True
    # news/ read by a pool of processes when at least this many story folders
    # are new (speed/pool.py); 0: never.
    reading_pool: Annotated[int, Ge(0)] = 400
    # What a finished language build holds let go of before the next
    # (speed/memory.py).
    release_memory: bool = True
    # Pictures' copies made on this many background threads while the build
    # renders (outputs/pictures.py); 0: made when they are written.
    picture_threads: Annotated[int, Ge(0)] = 2
    # Where the pictures' copies are kept between builds (by the digest of
    # each picture's bytes), relative to the project.
    picture_cache: str = ".cache/pictures"
    # Front matter read, and story texts checked, by a fast path for what
    # they usually are (content/yaml_fast.py, the fast path of
    # content/sanitize.py), with the same results.
    fast_checks: bool = True
    # What a build records for the next ``mkdocs build --dirty`` (the pages'
    # fingerprints), relative to the project (speed/incremental.py).
    build_cache: str = ".cache/newsroom"
    # A ``--dirty`` build reuses the story folders the last one read whose
    # files are the same, byte for byte (speed/story_cache.py).
    story_cache: bool = True
    # And the listing entries the last one rendered of those stories
    # (speed/kept_entries.py).
    entry_cache: bool = True
    # A --dirty build or preview hands MkDocs only the generated pages it writes: the
    # others (written by an earlier build, as they would be now) cost MkDocs
    # nothing (about 1.5 s at N = 10000 per language).
    unchanged_outside: bool = True
    # Templates compiled once, kept in the build's cache folder for the next
    # build (render/fragments.py: MemoryBytecodeCache).
    template_cache: bool = True
    # A mkdocs build that succeeded exits without the interpreter's teardown
    # (newsroom_mkdocs/process.py: Process.end).
    quick_exit: bool = True

    def __post_init__(self) -> None:
        ZoneInfo(self.timezone)  # an unknown zone raises here
        if os.environ.get("NEWSROOM_SPEED", "").strip().lower() in SPEED_OFF:
            object.__setattr__(self, "speed", False)
        if not self.speed:  # the one switch: every mechanism on its plain path
            for name, plain in PLAIN_PATHS.items():
                object.__setattr__(self, name, plain)
        if not self.site_url.endswith("/"):
            object.__setattr__(self, "site_url", self.site_url + "/")

    @classmethod
    def validated(cls, **values: Any) -> Settings:
        """Settings from values read from a file: a wrong type, a value out of
        range or an unknown name raises pydantic's ValidationError, naming it."""
        from pydantic import TypeAdapter

        return TypeAdapter(cls).validate_python(values)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def news_dir(self) -> Path:
        return self.root / self.dir


# Each speed switch's value when speed is off: the plain in-process path.
PLAIN_PATHS: dict[str, Any] = {"helper": False, "frames": False, "story_frames": False, "render_ahead": (1, 0), "nav_cache": False,
                               "reading_pool": 0, "release_memory": False, "picture_threads": 0,
                               "fast_checks": False, "story_cache": False, "entry_cache": False,
                               "unchanged_outside": False, "template_cache": False, "quick_exit": False}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: ``!ENV [NAME, default]`` gives the default
    (or the variable), other tags are ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import os

    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(root: Path) -> dict[str, Any]:
    """``root/mkdocs.yml`` as data, without MkDocs."""
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 - safe loader subclass


def from_mkdocs_yml(root: Path, **overrides: Any) -> Settings:
    """Settings for the command-line tools, read from ``root/mkdocs.yml``."""
    config = read_mkdocs_yml(root)
    languages = ("uk", "en")
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"]["languages"]
            default = [item["locale"] for item in langs if item.get("default")]
            languages = tuple(default + [item["locale"] for item in langs if not item.get("default")])
    news = dict((config.get("extra") or {}).get("news") or {})
    news.update(overrides)
    return Settings.validated(root=root, site_url=config.get("site_url") or "http://127.0.0.1:8000/",
                    docs_dir=config.get("docs_dir", "docs"), languages=languages, **news)


def build_now(tz: ZoneInfo) -> datetime:
    """The build clock: SOURCE_DATE_EPOCH when set, else now, in the site's zone."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz)
    return datetime.now(tz)
