"""Problems found in content, reported to editors all together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: ``path:line: field: message; hint``."""

    path: str
    line: int | None
    field: str
    message: str
    hint: str = ""

    def format(self, lang: str = "en") -> str:
        """The line an editor reads; ``lang="uk"``: the message and the hint
        in Ukrainian (``messages.py``), the path, line and field as they are."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        message, hint = self.message, self.hint
        if lang != "en":
            from newsroom.content.messages import translate

            message, hint = translate(message, lang), translate(hint, lang)
        text = f"{where}: {self.field}: {message}"
        return f"{text}; {hint}" if hint else text


class ContentError(Exception):
    """Raised with every problem of a run, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field))
        lines = [p.format() for p in self.problems]
        count = len(lines)
        head = f"{count} problem{'s' if count != 1 else ''} in the news content:"
        super().__init__("\n".join([head, *lines]))


def rel(path: Path, root: Path) -> str:
    """A path as editors see it: relative to the repository, with slashes."""
    try:
        return path.relative_to(root).as_posix()  # the usual case: no file system calls
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
