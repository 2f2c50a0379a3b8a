"""The one place that builds URLs and output paths (Pelican's url/save_as).

A *path* is site-relative and language-neutral, such as ``news/page/2/``;
``url(lang, path)`` puts it under the language's prefix (``en/`` for English),
``dest(lang, path)`` names the file written for it.
"""

from __future__ import annotations

from datetime import date

NEWS = "news/"


def prefix(lang: str, default_language: str) -> str:
    return "" if lang == default_language else f"{lang}/"


def url(lang: str, path: str, default_language: str = "uk") -> str:
    return prefix(lang, default_language) + path


def dest(lang: str, path: str, default_language: str = "uk") -> str:
    target = url(lang, path, default_language)
    return target + "index.html" if target.endswith("/") or not target else target


def story(day: date, slug: str) -> str:
    return f"{NEWS}{day:%Y/%m/%d}/{slug}/"


def paged(base: str, page: int) -> str:
    """Page 1 is the base itself; later pages are ``base/page/N/``."""
    return base if page <= 1 else f"{base}page/{page}/"


def term(kind: str, term_id: str) -> str:
    """The base path of a taxonomy term's listing."""
    if kind == "all":
        return NEWS
    if kind == "year":
        return f"{NEWS}{term_id}/"
    if kind == "month":  # term_id is YYYY-MM
        return f"{NEWS}{term_id[:4]}/{term_id[5:7]}/"
    return f"{NEWS}{kind}/{term_id}/"


EVENTS = f"{NEWS}events/"
VACANCIES = f"{NEWS}vacancies/"
RSS = "rss.xml"
ATOM = "atom.xml"
ICS = f"{NEWS}events.ics"


def story_ics(day: date, slug: str) -> str:
    return f"{story(day, slug)}event.ics"


def normal(site_path: str) -> str:
    """MkDocs calls the home page "./" or ""; use ""."""
    return site_path[2:] if site_path.startswith("./") else site_path


def absolute(site_url: str, site_path: str) -> str:
    """An absolute URL; MkDocs names the home page "./"."""
    path = normal(site_path.lstrip("/"))
    return site_url.rstrip("/") + "/" + path


def relative(target: str, current: str) -> str:
    """``target`` as a link from the page at ``current`` (both site-relative),
    the way MkDocs writes links, so the site works under any base path."""
    import posixpath

    base = current if current.endswith("/") or not current else posixpath.dirname(current) + "/"
    link = posixpath.relpath("/" + target, "/" + base)
    if (target.endswith("/") or not target) and not link.endswith("/"):
        link += "/"
    return "./" if link == "./" or link == "." else link
