"""``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, made faster.

With ``indent``, the standard library encodes in Python (about 15 µs a row of ``overdue
--json``); without it, in C. Here the C encoder does the work, its separators carrying the
newlines and the indentation:

- a list of objects whose values are all scalars (the rows every ``--json`` prints) is one call,
  the newlines between the objects put in after (an encoded string never holds a newline, so
  ``},`` + newline + ``{`` is only ever found between two objects of the list);
- an object or a list whose values are all scalars is one call; nested ones are put together
  around those.

Anything else (a key that is not a string, a value JSON does not know) is left to
``json.dumps`` itself, so the text, and the error, are always its own.
"""

from __future__ import annotations

import json
from typing import Any

_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
_scalar = json.JSONEncoder(ensure_ascii=False).encode
_flat_encoders: dict[int, json.JSONEncoder] = {}


class _Other(Exception):
    """Something the fast path leaves to ``json.dumps``."""


def dumps(data: Any) -> str:
    """The text of ``json.dumps(data, ensure_ascii=False, indent=2)``."""
    try:
        if isinstance(data, list) and data and all(_flat_object(row) for row in data):
            return _rows(data)
        return _render(data, 0)
    except _Other:
        return json.dumps(data, ensure_ascii=False, indent=2)


def _flat_object(value: Any) -> bool:
    """A non-empty dict of string keys and scalar values (of exactly those types)."""
    return (
        type(value) is dict
        and bool(value)
        and set(map(type, value)) == {str}
        and set(map(type, value.values())) <= _SCALAR_TYPES
    )


def _flat(depth: int) -> json.JSONEncoder:
    """The encoder of a flat object or list whose members are at ``depth`` + 1."""
    encoder = _flat_encoders.get(depth)
    if encoder is None:
        separator = ",\n" + "  " * (depth + 1)
        encoder = _flat_encoders[depth] = json.JSONEncoder(
            ensure_ascii=False, separators=(separator, ": ")
        )
    return encoder


def _rows(rows: list[dict[str, Any]]) -> str:
    text = _flat(1).encode(rows)  # [{"a": 1,\n    "b": 2},\n    {"a": 3,\n    "b": 4}]
    inner = text[2:-2].replace("},\n    {", "\n  },\n  {\n    ")
    return "[\n  {\n    " + inner + "\n  }\n]"


def _render(value: Any, depth: int) -> str:
    if type(value) in _SCALAR_TYPES:
        return _scalar(value)
    inner = "  " * (depth + 1)
    outer = "  " * depth
    if type(value) is dict:
        if not value:
            return "{}"
        if set(map(type, value)) != {str}:
            raise _Other
        if set(map(type, value.values())) <= _SCALAR_TYPES:
            return "{\n" + inner + _flat(depth).encode(value)[1:-1] + "\n" + outer + "}"
        parts = [inner + _scalar(k) + ": " + _render(v, depth + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + outer + "}"
    if type(value) in (list, tuple):
        if not value:
            return "[]"
        if set(map(type, value)) <= _SCALAR_TYPES:
            return "[\n" + inner + _flat(depth).encode(value)[1:-1] + "\n" + outer + "]"
        items = [inner + _render(v, depth + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + outer + "]"
    raise _Other
