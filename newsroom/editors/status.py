"""``python -m newsroom status``: what needs translating.

(a) stories and knowledge pages that exist in one language only;
(b) translations last changed (by git history) before their original,
    newest original change first. A file with uncommitted changes counts as
    changed now.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.content.loader import YEAR_RE
from newsroom.settings import Settings


@dataclass(frozen=True)
class Missing:
    kind: str            # "story" or "page"
    present: Path        # the file that exists
    missing: Path        # the translation that does not
    lang: str            # the missing language


@dataclass(frozen=True)
class Stale:
    kind: str
    original: Path
    translation: Path
    original_time: float
    translation_time: float
    original_pending: bool = False     # uncommitted changes (counted as now)


@dataclass
class Status:
    missing: list[Missing] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)
    git: bool = True
    stories: int = 0
    pages: int = 0


def _groups(settings: Settings) -> list[tuple[str, dict[str, Path], dict[str, Path]]]:
    """Every story and knowledge page: (kind, {lang: existing file}, {lang: expected file})."""
    langs = settings.languages
    groups = []
    news = settings.news_dir
    if news.is_dir():
        for year in sorted(p for p in news.iterdir() if p.is_dir() and YEAR_RE.match(p.name)):
            for folder in sorted(p for p in year.iterdir() if p.is_dir() and not p.name.startswith(".")):
                # The folder's spelling of the language files (index.uk.md, as the
                # web editor writes them, or uk.md).
                index = any((folder / f"index.{lang}.md").is_file() for lang in langs)
                expected = {lang: folder / (f"index.{lang}.md" if index else f"{lang}.md") for lang in langs}
                existing = {lang: f for lang, f in expected.items() if f.is_file()}
                if existing:
                    groups.append(("story", existing, expected))
    docs = settings.root / settings.docs_dir
    inside: set[str] = set()
    for lang in langs:
        if (docs / lang).is_dir():
            inside |= {f.relative_to(docs / lang).as_posix() for f in (docs / lang).rglob("*.md")
                       if not any(part.startswith(".") for part in f.relative_to(docs / lang).parts)}
    for name in sorted(inside):
        expected = {lang: docs / lang / name for lang in langs}
        existing = {lang: f for lang, f in expected.items() if f.is_file()}
        groups.append(("page", existing, expected))
    return groups


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root,
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def change_times(root: Path, paths: list[Path]) -> tuple[dict[Path, float], set[Path]] | None:
    """When each of ``paths`` last changed: its last commit's time, or now when
    it has uncommitted changes (or was never committed); and the set of those
    with uncommitted changes. None outside git."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    toplevel = Path(top.strip()).resolve()
    wanted: dict[str, Path] = {}
    for path in paths:
        try:
            wanted[path.resolve().relative_to(toplevel).as_posix()] = path
        except ValueError:
            continue
    now = time.time()
    times: dict[Path, float] = {}
    pending: set[Path] = set()
    # One pass over the history (newest first) instead of one `git log -1` per file.
    log = "" if not wanted else _git(toplevel, "log", "--format=\x01%ct", "--name-only", "--no-renames", "--",
               *sorted({p.split("/", 1)[0] for p in wanted})) or ""
    stamp = None
    for line in log.splitlines():
        if line.startswith("\x01"):
            stamp = float(line[1:])
        elif line and stamp is not None and line in wanted and wanted[line] not in times:
            times[wanted[line]] = stamp
    changed = _git(toplevel, "status", "--porcelain=v1", "-z", "--untracked-files=all") or ""
    entries = changed.split("\0")
    index = 0
    while index < len(entries):
        entry = entries[index]
        index += 1
        if len(entry) < 4:
            continue
        code, name = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            index += 1  # the old name follows
        if name in wanted:
            times[wanted[name]] = now
            pending.add(wanted[name])
    for path in wanted.values():
        if path not in times:  # never committed
            times[path] = now
            pending.add(path)
    return times, pending


def translation_status(settings: Settings) -> Status:
    status = Status()
    groups = _groups(settings)
    default = settings.default_language
    pairs: list[tuple[str, Path, Path]] = []
    for kind, existing, expected in groups:
        if kind == "story":
            status.stories += 1
        else:
            status.pages += 1
        original_lang = default if kind == "page" and default in existing else next(iter(existing))
        original = existing[original_lang]
        for lang, path in expected.items():
            if lang not in existing:
                status.missing.append(Missing(kind, original, path, lang))
            elif lang != original_lang:
                pairs.append((kind, original, path))
    found = change_times(settings.root, [p for _, o, t in pairs for p in (o, t)])
    if found is None:
        status.git = False
        return status
    times, pending = found
    for kind, original, translation in pairs:
        if original in times and translation in times and times[translation] < times[original]:
            status.stale.append(Stale(kind, original, translation, times[original], times[translation],
                                      original in pending))
    status.stale.sort(key=lambda s: (-s.original_time, str(s.translation)))
    return status


_TEXT = {
    "en": {
        "title": "Translation status: {stories} stor{ies}, {pages} knowledge page{s}",
        "missing": "Missing translations ({count}):",
        "no_missing": "No missing translations.",
        "story": "story {folder}: has {present}, no {missing}",
        "page": "page {present}: no {missing}",
        "stale": "Translations older than their original, newest first ({count}):",
        "no_stale": "No translation is older than its original.",
        "stale_line": "{translation} (changed {t}) is older than {original} (changed {o})",
        "pending": "now, not committed yet",
        "stale_hint": "Bring each translation up to date with its original, then commit it.",
        "no_git": "Not a git repository: cannot tell which translations are out of date.",
    },
    "uk": {
        "title": "Стан перекладів: новин {stories}, сторінок {pages}",
        "missing": "Бракує перекладу ({count}):",
        "no_missing": "Усе перекладено.",
        "story": "новина {folder}: є {present}, немає {missing}",
        "page": "сторінка {present}: немає {missing}",
        "stale": "Переклади, старіші за оригінал, від найновіших ({count}):",
        "no_stale": "Жоден переклад не старіший за оригінал.",
        "stale_line": "{translation} (змінено {t}) старіший за {original} (змінено {o})",
        "pending": "щойно, ще не закомічено",
        "stale_hint": "Оновіть кожен переклад за оригіналом і закомітьте його.",
        "no_git": "Це не git-репозиторій: неможливо визначити застарілі переклади.",
    },
}


def report(status: Status, settings: Settings, lang: str = "en") -> str:
    text = _TEXT.get(lang, _TEXT["en"])
    root = settings.root

    def shown(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    def when(stamp: float, zone: ZoneInfo = settings.tz) -> str:
        return datetime.fromtimestamp(stamp, zone).strftime("%Y-%m-%d %H:%M")

    lines = [text["title"].format(stories=status.stories, pages=status.pages,
                                  ies="y" if status.stories == 1 else "ies",
                                  s="" if status.pages == 1 else "s"), ""]
    if status.missing:
        lines.append(text["missing"].format(count=len(status.missing)))
        for item in status.missing:
            if item.kind == "story":
                lines.append("  " + text["story"].format(folder=shown(item.present.parent) + "/",
                                                          present=item.present.name, missing=item.missing.name))
            else:
                lines.append("  " + text["page"].format(present=shown(item.present), missing=shown(item.missing)))
    else:
        lines.append(text["no_missing"])
    lines.append("")
    if not status.git:
        lines.append(text["no_git"])
    elif status.stale:
        lines.append(text["stale"].format(count=len(status.stale)))
        for item in status.stale:
            lines.append("  " + text["stale_line"].format(
                translation=shown(item.translation), t=when(item.translation_time),
                original=shown(item.original),
                o=text["pending"] if item.original_pending else when(item.original_time)))
        lines.append(text["stale_hint"])
    else:
        lines.append(text["no_stale"])
    return "\n".join(lines)
