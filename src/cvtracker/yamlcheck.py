"""A YAML mapping that names a key twice keeps the last value silently (PyYAML does); in a
directive file that is a deadline or an assignee list lost without a word. Found on the node
tree, before the file is loaded, and reported as ``PATH:LINE:COL``."""

from __future__ import annotations

from pathlib import Path

import yaml

from cvtracker.errors import DirectiveFileError, FileProblem


def duplicate_keys(text: str, source: str) -> list[FileProblem]:
    try:
        # libyaml's loader when there is one: the pure-Python one takes 0.1 s on the directive
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # the loader reports syntax errors in its own words
    problems: list[FileProblem] = []
    seen_nodes: set[int] = set()
    todo: list[yaml.Node] = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if id(node) in seen_nodes:  # aliases share nodes
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    line = key.start_mark.line + 1
                    if key.value in first:
                        problems.append(
                            FileProblem(
                                source,
                                line,
                                key.start_mark.column + 1,
                                f"duplicate key '{key.value}' (first on line {first[key.value]})",
                            )
                        )
                    else:
                        first[key.value] = line
                todo += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
    return sorted(problems, key=lambda p: (p.line, p.col))


def check_duplicate_keys(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # the loader says why it cannot read it
    problems = duplicate_keys(text, str(path))
    if problems:
        raise DirectiveFileError(problems)
