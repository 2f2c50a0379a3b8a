"""Dates in the reader's language, by Babel."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date, format_time

# As newsrooms write them: "4 грудня 2025" (genitive, no leading zero),
# "4 December 2025".
DAY_FORMATS = {"uk": "d MMMM y", "en": "d MMMM y"}


@lru_cache(maxsize=8192)
def long_date(day: date, lang: str) -> str:
    return format_date(day, DAY_FORMATS.get(lang, "d MMMM y"), locale=lang)


@lru_cache(maxsize=1024)
def month_name(day: date, lang: str) -> str:
    """Month headings in the nominative: "грудень 2025", "December 2025"."""
    return format_date(day, "LLLL y", locale=lang)


def month_heading(day: date, lang: str) -> str:
    """A month as a heading, capitalised: «Грудень 2025», "December 2025"."""
    name = month_name(day.replace(day=1), lang)  # (one entry per month in month_name's cache)
    return name[:1].upper() + name[1:]


def event_when(start: date | datetime, end: date | datetime | None, lang: str) -> str:
    """An event's time: within one day, its date once with the time range
    ("3 грудня 2026, 10:00–13:00"); else start – end."""
    if end is None:
        return when(start, lang)
    if isinstance(start, datetime) and isinstance(end, datetime) and start.date() == end.date():
        return f"{when(start, lang)}–{_clock(end, lang)}"
    if not isinstance(start, datetime) and not isinstance(end, datetime) and start == end:
        return long_date(start, lang)
    return f"{when(start, lang)} – {when(end, lang)}"


def _clock(moment: datetime, lang: str) -> str:
    return format_time(moment.time(), "HH:mm", locale=lang)


def when(value: date | datetime, lang: str) -> str:
    if isinstance(value, datetime):
        return f"{long_date(value.date(), lang)}, {_clock(value, lang)}"
    return long_date(value, lang)
