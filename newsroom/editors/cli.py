"""The editors' commands: ``python -m newsroom new | move | check | status``.

    python -m newsroom new "Форум громад у Полтаві" --category forum [--date 2025-12-04] [--en]
    python -m newsroom move news/2025/2025-12-04-forum-u-poltavi [--slug S] [--date D]
    python -m newsroom check [--lang uk] [files...]
    python -m newsroom status [--lang uk]

Each takes ``--root DIR`` (the folder holding mkdocs.yml; by default the
current folder or the nearest one above it that holds mkdocs.yml).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from newsroom.settings import Settings, from_mkdocs_yml


def find_root(start: Path) -> Path:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def _settings(args: argparse.Namespace) -> Settings:
    root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    if not (root / "mkdocs.yml").is_file():
        raise SystemExit(f"error: {root} holds no mkdocs.yml; run the command in the repository "
                         "or give it with --root DIR")
    return from_mkdocs_yml(root)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date YYYY-MM-DD, such as 2025-12-04") from None


def cmd_new(args: argparse.Namespace) -> int:
    from newsroom.editors.scaffold import ScaffoldError, create_story

    settings = _settings(args)
    try:
        created = create_story(settings, args.title, args.category, day=args.date, en=args.en,
                               en_title=args.en_title, slug=args.slug)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for file in created.files:
        print(f"created {file.relative_to(settings.root).as_posix()}")
    english = f" and /en{created.url}" if len(created.files) > 1 else ""
    print(f"The story will be published at {created.url}{english} on its date.")
    print("Next: write the story in the file(s), then run: make check")
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    from newsroom.editors.move import MoveError, move_story

    settings = _settings(args)
    try:
        moved = move_story(settings, args.story, slug=args.slug, day=args.date)
    except MoveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    how = "git mv" if moved.git else "renamed"
    print(f"moved {moved.old.relative_to(settings.root).as_posix()} -> "
          f"{moved.new.relative_to(settings.root).as_posix()} ({how})")
    print(f"The story is now published at {moved.url}; {moved.alias} leads there (aliases: in its front matter).")
    print("Next: run make check, then commit.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from newsroom.content.checks import run_checks, summary

    settings = _settings(args)
    # Files passed by pre-commit are accepted, but everything is checked:
    # a change in one file (a category, a slug) can break another.
    result = run_checks(settings.root, settings)
    for problem in result.problems:
        print(problem.format(args.lang))  # every line in the language asked, not only the summary
    print(summary(result, args.lang))
    return 0 if result.ok else 1


def cmd_status(args: argparse.Namespace) -> int:
    from newsroom.editors.status import report, translation_status

    settings = _settings(args)
    print(report(translation_status(settings), settings, args.lang))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m newsroom",
                                   description="Editors' commands for the news of this site.")
    commands = main.add_subparsers(dest="command", required=True, metavar="{new,move,check,status}")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", metavar="DIR", help="the folder holding mkdocs.yml (default: found from here)")
        return sub

    new = add("new", "create a story folder with uk.md (and en.md) filled in")
    new.add_argument("title", help="the story's title in Ukrainian, in quotes")
    new.add_argument("--category", required=True, help="a category id from news/categories.yml, such as forum")
    new.add_argument("--date", type=_day, help="publication date YYYY-MM-DD (default: today in Kyiv)")
    new.add_argument("--en", action="store_true", help="also create en.md for the English translation")
    new.add_argument("--en-title", metavar="TITLE", help="the English title for en.md (implies --en)")
    new.add_argument("--slug", help="the address part instead of the transliterated title")
    new.set_defaults(run=cmd_new)

    move = add("move", "move a story to another slug or date; its old address keeps working")
    move.add_argument("story", help="the story's folder, such as news/2025/2025-12-04-forum-u-poltavi")
    move.add_argument("--slug", help="the new address part")
    move.add_argument("--date", type=_day, help="the new publication date YYYY-MM-DD")
    move.set_defaults(run=cmd_move)

    check = add("check", "validate news/ and the knowledge pages, as the build does")
    check.add_argument("paths", nargs="*", help="changed files (accepted; everything is checked)")
    check.add_argument("--lang", choices=("en", "uk"), default="en", help="language of the messages")
    check.set_defaults(run=cmd_check)

    status = add("status", "list missing and out-of-date translations")
    status.add_argument("--lang", choices=("en", "uk"), default="en", help="language of the report")
    status.set_defaults(run=cmd_status)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "en_title", None):
        args.en = True
    return args.run(args)
