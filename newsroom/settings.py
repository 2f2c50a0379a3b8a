"""Site settings of the news engine, kept in ``mkdocs.yml`` under ``extra.news``."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    root: Path = Path(".")
    dir: str = "news"
    page_size: int = Field(10, ge=1)
    timezone: str = "Europe/Kyiv"
    latest: int = Field(5, ge=1)
    read_more: int = Field(4, ge=0)
    feed_size: int = Field(20, ge=1)
    excerpt_chars: int = Field(200, ge=20)
    programme_data: str = "data/programme.yml"
    docs_dir: str = "docs"
    site_url: str = "http://127.0.0.1:8000/"
    languages: tuple[str, ...] = ("uk", "en")
    show_drafts: bool = False
    # Listing pages outside the navigation are written into a frame the theme
    # renders once per folder depth (much faster); false renders each one.
    frames: bool = True
    # Pages per search bundle: Pagefind holds a bundle's pages in memory while
    # it indexes them (about 150 KB each); the browser merges the bundles.
    search_bundle: int = Field(500, ge=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)
        return value

    @field_validator("site_url")
    @classmethod
    def _slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def news_dir(self) -> Path:
        return self.root / self.dir


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


def from_mkdocs_yml(root: Path, **overrides: Any) -> Settings:
    """Settings for the command-line tools, read from ``root/mkdocs.yml``."""
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_ConfigLoader)  # noqa: S506 - safe loader subclass
    languages = ("uk", "en")
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"]["languages"]
            default = [item["locale"] for item in langs if item.get("default")]
            languages = tuple(default + [item["locale"] for item in langs if not item.get("default")])
    news = dict((config.get("extra") or {}).get("news") or {})
    news.update(overrides)
    return Settings(root=root, site_url=config.get("site_url") or "http://127.0.0.1:8000/",
                    docs_dir=config.get("docs_dir", "docs"), languages=languages, **news)


def build_now(tz: ZoneInfo) -> datetime:
    """The build clock: SOURCE_DATE_EPOCH when set, else now, in the site's zone."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz)
    return datetime.now(tz)
