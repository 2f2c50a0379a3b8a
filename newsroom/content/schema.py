"""The editors' contract: the front matter of a story, as declared models.

``OriginalMeta`` is the front matter of a story's original (``uk.md``, or the
only language file); ``TranslationMeta`` that of a translation, which carries
only what differs (a neutral field repeated there must be equal).
Validation errors become ``Problem`` objects naming the file, line and field.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, time
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, PlainValidator, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

from newsroom.content.problems import Problem
from newsroom.content.strictyaml import KeyLines

TRANSLATED_FIELDS = ("title", "summary", "source", "image_alt")


def _err(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, datetime | date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return repr(value)


def _text(value: Any) -> str:
    if value is None:
        raise _err("text", "is empty; write the text or remove the field")
    if not isinstance(value, str):
        raise _err("text", f"expected text but YAML read {_describe(value)}; put the value in quotes")
    value = value.strip()
    if not value:
        raise _err("text", "is empty; write the text or remove the field")
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _err("flag", f"expected true or false, got {_describe(value)}; write true or false")


_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _clock(value: Any) -> time:
    if isinstance(value, str) and (m := _CLOCK.match(value.strip())):
        return time(int(m[1]), int(m[2]))
    raise _err("clock", f"expected a time of day HH:MM (Kyiv time) such as '09:30', got {_describe(value)}; "
                        "write hours 00-23 and minutes 00-59, for example time: 09:30")


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        raise _err("day", "expected a date without a time, such as 2025-12-15; remove the time")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DAY.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _err("day", f"expected a real date YYYY-MM-DD such as 2025-12-15, got {_describe(value)}; "
                      "check that the month has that day")


def _when(value: Any, info: ValidationInfo) -> date | datetime:
    """A date, or a date and time of day in Kyiv time (naive datetime)."""
    tz = (info.context or {}).get("tz")
    if isinstance(value, datetime):
        if value.tzinfo is not None and tz is not None:
            value = value.astimezone(tz).replace(tzinfo=None)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if _DAY.match(text):
                return date.fromisoformat(text)
            if m := _WHEN.match(text):
                return datetime.fromisoformat(f"{m[1]}T{int(m[2]):02d}:{m[3]}:{m[4] or '00'}")
        except ValueError:
            pass
    raise _err("when", "expected a real date YYYY-MM-DD or a date and time 'YYYY-MM-DD HH:MM' "
                       f"(Kyiv time), got {_describe(value)}; "
                       "check that the month has that day, for example start: 2025-12-15 10:00")


def _url(value: Any) -> str:
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise _err("url", f"expected a web address starting with http:// or https://, got {text!r}; "
                          "write the full address of a web page, such as https://example.org/forum")
    return text


def _texts(value: Any, kind: str, expected: str, item: str) -> list[str]:
    """A list of texts, each once (``item``: how a problem names one)."""
    if not isinstance(value, list):
        raise _err(kind, expected)
    found: list[str] = []
    for index, entry in enumerate(value):
        try:
            text = _text(entry)
        except PydanticCustomError as exc:
            raise _err(kind, f"{item} {index + 1}: {exc.message()}") from None
        if text not in found:
            found.append(text)
    return found


def _tags(value: Any) -> list[str]:
    return _texts(value, "tags", "expected a list; write the tags in square brackets, such as tags: [Полтава, бюджет]",
                  "tag")


def _ids(value: Any) -> list[str]:
    return _texts(value, "ids", "expected a list of ids; write them in square brackets, such as authors: "
                                "[ivan-petrenko]", "item")


_ALIAS = re.compile(r"^/?news/(\d{4})/(\d{2})/(\d{2})/([a-z0-9]+(?:-[a-z0-9]+)*)/?$")


def _aliases(value: Any) -> list[str]:
    """Old paths of a story, as ``news/YYYY/MM/DD/slug/``."""
    if not isinstance(value, list):
        raise _err("aliases", "expected a list of the story's old addresses, such as "
                              "aliases: [/news/2025/12/04/old-slug/]")
    found: list[str] = []
    for index, item in enumerate(value):
        text = _text(item).strip()
        match = _ALIAS.match(text)
        if match is None:
            raise _err("aliases", f"item {index + 1}: {text!r} is not a story's address; write it as "
                                  "/news/YYYY/MM/DD/slug/, as it was published")
        try:
            date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise _err("aliases", f"item {index + 1}: {text!r} has no real date") from None
        path = f"news/{match[1]}/{match[2]}/{match[3]}/{match[4]}/"
        if path not in found:
            found.append(path)
    return found


Text = Annotated[str, PlainValidator(_text)]
Flag = Annotated[bool, PlainValidator(_flag)]
Clock = Annotated[time, PlainValidator(_clock)]
Day = Annotated[date, PlainValidator(_day)]
When = Annotated[date | datetime, PlainValidator(_when)]
Url = Annotated[str, PlainValidator(_url)]
Tags = Annotated[list[str], PlainValidator(_tags)]
Ids = Annotated[list[str], PlainValidator(_ids)]
Aliases = Annotated[list[str], PlainValidator(_aliases)]


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: When
    end: When | None = None
    place: Text | None = None
    url: Url | None = None


class TranslatedEvent(BaseModel):
    """``event:`` in a translation: the same start, end and url as the
    original's, if repeated; its own ``place``, in its language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: When | None = None
    end: When | None = None
    place: Text | None = None
    url: Url | None = None


class TranslationMeta(BaseModel):
    """Front matter of a translation: title, summary, source; neutral fields only if equal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    summary: Text | None = None
    source: Text | None = None
    image_alt: Text | None = None
    category: Text | None = None
    tags: Tags | None = None
    region: Text | None = None
    authors: Ids | None = None
    source_url: Url | None = None
    undated: Flag | None = None
    image: Text | None = None
    aliases: Aliases | None = None
    time: Clock | None = None
    draft: Flag | None = None
    event: TranslatedEvent | None = None
    deadline: Day | None = None


class OriginalMeta(TranslationMeta):
    """Front matter of a story's original (``uk.md``, or the only file)."""

    category: Text
    event: Event | None = None


ALLOWED_FIELDS = tuple(OriginalMeta.model_fields)
# Written once, in the original; a translation may repeat one only with the same value.
NEUTRAL_FIELDS = tuple(name for name in ALLOWED_FIELDS if name not in TRANSLATED_FIELDS)
EVENT_FIELDS = tuple(Event.model_fields)

_HINTS = {
    "title": "write the story's title, for example title: \"Форум громад у Полтаві\"",
    "category": "write one of the category ids from news/categories.yml",
    "start": "write the date the event starts, for example start: 2025-12-15",
}


def _line(lines: KeyLines, loc: tuple[str, ...], default: int) -> int:
    for size in range(len(loc), 0, -1):
        if loc[:size] in lines:
            return lines[loc[:size]]
    return default


def validate(model: type[BaseModel], data: Any, *, path: str, lines: KeyLines, first_line: int,
             tz: ZoneInfo) -> tuple[BaseModel | None, list[Problem]]:
    """Validate front matter ``data``; every error becomes a Problem."""
    if not isinstance(data, dict):
        return None, [Problem(path, first_line, "front matter",
                              f"expected fields such as 'title: ...', got {_describe(data)}",
                              "write one field per line: name, colon, value")]
    try:
        return model.model_validate(data, context={"tz": tz}), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(str(part) for part in error["loc"])
            field = ".".join(part if part.strip() else repr(part) for part in loc)
            line = _line(lines, loc, first_line)
            kind = error["type"]
            if kind == "missing":
                problems.append(Problem(path, line, field, "is required", _HINTS.get(loc[-1], "add it")))
            elif kind == "invalid_key":
                allowed = EVENT_FIELDS if len(loc) > 1 else ALLOWED_FIELDS
                problems.append(Problem(path, line, field, "is not a known field",
                                        f"allowed fields: {', '.join(allowed)}"))
            elif kind == "extra_forbidden":
                allowed = EVENT_FIELDS if len(loc) > 1 else ALLOWED_FIELDS
                close = difflib.get_close_matches(loc[-1], allowed, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(Problem(path, line, field, "is not a known field",
                                        f"{hint}allowed fields: {', '.join(allowed)}"))
            elif kind == "model_type" or kind == "model_attributes_type":
                problems.append(Problem(path, line, field,
                                        f"expected a group of fields ({', '.join(EVENT_FIELDS)})",
                                        "indent start:, end:, place:, url: under it"))
            else:
                message, _, hint = error["msg"].partition("; ")
                problems.append(Problem(path, line, field, message,
                                        hint or "see the editors' guide for what this field takes"))
        return None, problems
