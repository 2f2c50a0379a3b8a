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

from .problems import Problem

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
          problems: list[Problem], path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in seen:
                problems.append(Problem(
                    path, line, ".".join((*prefix, key)),
                    f"the key appears twice (also on line {seen[key]})",
                    "keep one of them",
                ))
            else:
                seen[key] = line
                lines[(*prefix, key)] = line
            _walk(value_node, (*prefix, key), first_line, lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*prefix, str(index)), first_line, lines, problems, path)


def load_mapping(text: str, *, path: str, first_line: int = 1) -> tuple[Any, KeyLines, list[Problem]]:
    """Parse ``text`` (whose first line is line ``first_line`` of ``path``).

    Returns the data, the line of each key path, and the problems found.
    On a syntax error the data is ``None``.
    """
    lines: KeyLines = {}
    problems: list[Problem] = []
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, lines, problems
        _walk(node, (), first_line, lines, problems, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        what = exc.problem or str(exc)
        if exc.context:
            what = f"{exc.context}, {what}"
        problems.append(Problem(
            path, line, "front matter", f"YAML syntax error: {what}",
            "check quotes, colons and indentation on this line or the one before "
            "(put text containing ': ' or starting with a quote in quotes)",
        ))
        return None, lines, problems
    except (yaml.YAMLError, ValueError, OverflowError, TypeError, RecursionError) as exc:
        problems.append(Problem(path, first_line, "front matter", f"YAML error: {exc}",
                                "simplify this front matter: plain fields, lists and groups only"))
        return None, lines, problems
    finally:
        loader.dispose()
    return data, lines, problems
