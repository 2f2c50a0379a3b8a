"""YAML for editors, without YAML's surprises.

PyYAML follows YAML 1.1: ``no``/``yes``/``on``/``off`` become booleans,
``10:30`` becomes the integer 630, and a duplicate key silently keeps the
last value. This loader keeps those words and times as text (so a schema can
reject them with a clear message), reports duplicate keys, and remembers the
line of every key so that errors can name it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from newsroom.content.problems import Problem

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(
    r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
)
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?"
    r"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser as _Parser
else:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]


class StrictLoader(_Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
    """Safe loading (libyaml's parser when present) with YAML 1.2-like scalars:
    no yes/no booleans, no base-60 numbers, impossible dates kept as text."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag
        not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))

def _timestamp(loader: StrictLoader, node: yaml.ScalarNode) -> Any:
    """A date or date-time; an impossible one (2026-13-45) stays text for the schema to reject."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

KeyLines = dict[tuple[str, ...], int]


def _walk(node: yaml.Node, prefix: tuple[str, ...], first_line: int, lines: KeyLines,
          problems: list[Problem], path: str, visited: set[int] | None = None) -> bool:
    """Record key lines and duplicate keys; False when the document cannot be
    read as plain fields (an alias, a key that is not a word)."""
    visited = set() if visited is None else visited
    if id(node) in visited:
        # An alias (*name) repeats a node: editors never need one, and a few
        # nested aliases can make a tiny file expand to gigabytes.
        problems.append(Problem(
            path, lines.get(prefix, first_line), ".".join(prefix) or "front matter",
            "uses a YAML alias (*name), which stories do not support",
            "write the value out in full instead of & and *",
        ))
        return False
    visited.add(id(node))
    ok = True
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(
                    path, first_line + key_node.start_mark.line, ".".join(prefix) or "front matter",
                    "a field name is a list or a group, not a word",
                    "write one field per line: name, colon, value",
                ))
                ok = False
                continue
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in seen:
                problems.append(Problem(
                    path, line, ".".join(part if part.strip() else repr(part) for part in (*prefix, key)),
                    f"the key appears twice (also on line {seen[key]})",
                    "keep one of them",
                ))
            else:
                seen[key] = line
                lines[(*prefix, key)] = line
            ok = _walk(value_node, (*prefix, key), first_line, lines, problems, path, visited) and ok
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            ok = _walk(item, (*prefix, str(index)), first_line, lines, problems, path, visited) and ok
    return ok


_KEY_LINE = re.compile(r"^( *)(?:- +)?([A-Za-z_][\w-]*) *:(?: |$)")
_GROUP_LINE = re.compile(r"^( *)([A-Za-z_][\w-]*) *: *(?:#.*)?$")


def _key_at(text: str, index: int) -> str | None:
    """The field named on line ``index`` of ``text`` (with its group, such as
    event.start), or None when that line does not start with a field name."""
    lines = text.split("\n")
    if not 0 <= index < len(lines):
        return None
    m = _KEY_LINE.match(lines[index])
    if not m:
        return None
    key, indent = m[2], len(m[1])
    if indent:
        for above in reversed(lines[:index]):
            parent = _GROUP_LINE.match(above)
            if parent and len(parent[1]) < indent:
                return f"{parent[2]}.{key}"
    return key


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> Problem:
    """A syntax error as editors can act on it: the line where the mistake
    starts, the field on that line, and plain words for the usual mistakes."""
    problem = exc.problem or str(exc)
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and ("end of stream" in problem or "<stream end>" in problem):
        mark = exc.context_mark  # something opened there is never closed
    index = mark.line if mark is not None else 0
    field = _key_at(text, index) or "front matter"
    if "quoted scalar" in context and "end of stream" in problem:
        message = "YAML syntax error: a quoted text starts on this line and is never closed"
        hint = "end the text with the same quote mark it starts with"
    elif "mapping values are not allowed" in problem:
        message = ("YAML syntax error: a value contains a colon followed by a space, "
                   "or a line is indented more than the field before it")
        hint = ('put text containing ": " in quotes, for example title: "Форум: громади", '
                "and start each field at the same indentation")
    elif "tab character" in problem or "'\\t'" in problem:
        message = "YAML syntax error: a tab character where YAML allows only spaces"
        hint = "indent with spaces, not tabs"
    elif "cannot start any token" in problem or "undefined alias" in problem:
        message = ("YAML syntax error: a value starts with a character YAML reserves "
                   "(such as @ ` % * & ! | >)")
        hint = "put the whole value in quotes"
    elif "constructor for the tag" in problem:
        message = "YAML syntax error: a value starts with '!', which YAML reads as a type tag"
        hint = "put the whole value in quotes"
    elif "unknown escape character" in problem:
        message = "YAML syntax error: a backslash in double quotes starts an unknown escape"
        hint = "use single quotes, or write the backslash twice"
    elif "found another document" in problem:
        message = "YAML syntax error: a second '---' line inside the front matter"
        hint = "keep one '---' line before the fields and one after them"
    else:
        what = f"{context}, {problem}" if context else problem
        message = f"YAML syntax error: {what}"
        hint = ("check quotes, colons and indentation on this line or the one before "
                "(put text containing ': ' or starting with a quote in quotes)")
    return Problem(path, first_line + index, field, message, hint)


def load_mapping(text: str, *, path: str, first_line: int = 1) -> tuple[Any, KeyLines, list[Problem]]:
    """Parse ``text`` (whose first line is line ``first_line`` of ``path``).

    Returns the data, the line of each key path, and the problems found.
    The data is ``None`` only with a problem saying why (a syntax error).
    """
    lines: KeyLines = {}
    problems: list[Problem] = []
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, lines, problems
        if not _walk(node, (), first_line, lines, problems, path):
            return None, lines, problems
        data = loader.construct_document(node)
        if data is None:  # a document of only ~, null or an empty anchor: no fields
            data = {}
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text, path, first_line))
        return None, lines, problems
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError) as exc:
        problems.append(Problem(path, first_line, "front matter", f"YAML error: {exc}",
                                "simplify this front matter: plain fields, lists and groups only"))
        return None, lines, problems
    finally:
        loader.dispose()
    return data, lines, problems
