"""What the adapter puts on MkDocs' files and reads of them: the attributes
mkdocs-static-i18n gives its own files (which a generated page must carry
too, so that its language switcher and alternates work), a knowledge page's
versions, and the files ``mkdocs.yml``'s navigation names."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File

from newsroom.model import urls


class Link:
    """An alternate for the language switcher: only its URL is read."""

    def __init__(self, url: str):
        self.url = url


def i18n_attributes(file: File, lang: str, alternates: dict[str, Any]) -> None:
    """What mkdocs-static-i18n puts on its own files (see its folder.create_i18n_file)."""
    file.locale = lang
    file.localization = lang
    file.locale_alternate_of = lang
    file.norm_src_uri = file.src_uri[len(lang) + 1:]
    file.alternates = alternates


def knowledge_alternates(file: File) -> dict[str, str]:
    """Language -> URL of the versions of a knowledge page that exist."""
    return {lang: urls.normal(f.url) for lang, f in getattr(file, "alternates", {}).items()
            if getattr(f, "locale", lang) == lang}


def nav_files(nav: Any) -> set[str]:
    """Every file the navigation of ``mkdocs.yml`` names (``nav``)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(set(), *(nav_files(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(set(), *(nav_files(item) for item in nav))
    return set()
