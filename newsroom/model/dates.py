"""Dates in the reader's language, by Babel."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_time

# The source's feed writes "04 грудня 2025" (genitive); English "4 December 2025".
DAY_FORMATS = {"uk": "dd MMMM y", "en": "d MMMM y"}


@lru_cache(maxsize=8192)
def long_date(day: date, lang: str) -> str:
    return format_date(day, DAY_FORMATS.get(lang, "d MMMM y"), locale=lang)


@lru_cache(maxsize=1024)
def month_name(day: date, lang: str) -> str:
    """Month headings in the nominative: "грудень 2025", "December 2025"."""
    return format_date(day, "LLLL y", locale=lang)


def when(value: date | datetime, lang: str) -> str:
    if isinstance(value, datetime):
        return f"{long_date(value.date(), lang)}, {format_time(value.time(), 'HH:mm', locale=lang)}"
    return long_date(value, lang)
