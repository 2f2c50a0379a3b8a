"""``python -m newsroom move``: a published story to another slug or date,
keeping its old address working.

The folder is renamed (with ``git mv`` inside a git work tree, so that its
history follows it) and its old address is added to ``aliases:`` in the
original's front matter: the site then publishes a redirect page there in
each language (``outputs/redirects.py``). The front matter is edited with
ruamel.yaml's round trip, which keeps its comments, quotes and order.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsroom.content import frontmatter
from newsroom.content.story import FOLDER_RE
from newsroom.model import urls
from newsroom.model.slugs import SLUG_RE
from newsroom.settings import Settings


class MoveError(Exception):
    """Why a story could not be moved, said for an editor."""


@dataclass(frozen=True)
class Moved:
    old: Path
    new: Path
    alias: str      # the old address, now a redirect
    url: str        # the new address
    git: bool


def find_story(settings: Settings, story: str) -> Path:
    """A story folder by its path, its folder name or its address."""
    text = story.strip().rstrip("/")
    candidates = [Path(text), settings.root / text]
    match = FOLDER_RE.match(Path(text).name)
    if match:
        candidates.append(settings.news_dir / match[1] / Path(text).name)
    parts = text.lstrip("/").split("/")
    if len(parts) == 5 and parts[0] == "news":  # news/YYYY/MM/DD/slug
        candidates.append(settings.news_dir / parts[1] / f"{parts[1]}-{parts[2]}-{parts[3]}-{parts[4]}")
    for candidate in candidates:
        if candidate.is_dir() and FOLDER_RE.match(candidate.name) and candidate.parent.parent == settings.news_dir:
            return candidate
    raise MoveError(f"no story folder {story!r}; give its folder, such as news/2025/2025-12-04-forum-u-poltavi")


def move_story(settings: Settings, story: str, *, slug: str | None = None, day: date | None = None) -> Moved:
    folder = find_story(settings, story)
    match = FOLDER_RE.match(folder.name)
    old_day = date(int(match[1]), int(match[2]), int(match[3]))
    old_slug = match[4]
    new_day, new_slug = day or old_day, slug or old_slug
    if not SLUG_RE.match(new_slug):
        raise MoveError(f"the slug {new_slug!r} breaks the rules; use lowercase Latin letters, digits and "
                        "single hyphens, such as forum-u-poltavi")
    if (new_day, new_slug) == (old_day, old_slug):
        raise MoveError("nothing to do: give a new --slug or --date")
    target = settings.news_dir / f"{new_day:%Y}" / f"{new_day.isoformat()}-{new_slug}"
    if target.exists():
        raise MoveError(f"{target.relative_to(settings.root).as_posix()} already exists; nothing was changed")
    alias = "/" + urls.story(old_day, old_slug)
    original = _original(folder, settings)
    _add_alias(original, alias)
    target.parent.mkdir(parents=True, exist_ok=True)
    git = _in_git(settings.root)
    if git:
        subprocess.run(["git", "mv", str(folder), str(target)], cwd=settings.root, check=True,
                       capture_output=True)
    else:
        folder.rename(target)
    return Moved(folder, target, alias, "/" + urls.story(new_day, new_slug), git)


def _original(folder: Path, settings: Settings) -> Path:
    for lang in settings.languages:
        for name in (f"{lang}.md", f"index.{lang}.md"):
            if (folder / name).is_file():
                return folder / name
    raise MoveError(f"{folder.relative_to(settings.root).as_posix()} holds no story file")


def _add_alias(file: Path, alias: str) -> None:
    """Add ``alias`` to the file's ``aliases:``, keeping the rest as written."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

    source, problems = frontmatter.read(file, file.name)
    if source is None:
        raise MoveError(f"{file.name}: {problems[0].message if problems else 'unreadable'}; run make check first")
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(source.yaml_text)
    aliases = data.get("aliases")
    if aliases is None:
        aliases = CommentedSeq()
        aliases.fa.set_flow_style()
        data["aliases"] = aliases
    if alias not in aliases:
        aliases.append(alias)
    out = io.StringIO()
    yaml.dump(data, out)
    text = file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    rest = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
    file.write_text(f"---\n{out.getvalue()}---\n{rest}", encoding="utf-8")


def _in_git(root: Path) -> bool:
    try:
        result = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root,
                                capture_output=True, text=True, check=False)
    except OSError:
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"
