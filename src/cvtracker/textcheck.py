"""Text that people type or import, and text shown back to them.

Control characters (C0, DEL and C1) and lone surrogates are refused on input: stored, they break
the Word and Excel reports (XML cannot hold them) and, printed, they drive the terminal (clear
the screen, set its title). Tab is allowed where it is harmless (notes). What is already stored
is cleaned when shown: :func:`printable` strips, :func:`visible` escapes (for error lines, so
people see what they typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cvtracker.errors import InputError

# C0 (except what a field may allow), DEL, C1, lone surrogates (invalid UTF-8 in argv arrives
# as U+DC80..U+DCFF through Python's surrogateescape)
_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BAD_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")

# The longest text a field takes: the ledger's column sizes (PostgreSQL refuses longer), and a
# generous bound for free text so that a runaway file cannot fill the ledger.
FIELD_LIMITS: Mapping[str, int] = {
    "by": 200,
    "assignee": 200,
    "unit": 200,
    "item": 32,
    "item_or_task": 32,
    "period": 32,
    "title": 2000,
    "evidence": 4000,
    "note": 4000,
}
DEFAULT_LIMIT = 4000
# fields where a tab is kept (a pasted table in a note)
TAB_FIELDS = frozenset({"note"})


def bad_character(text: str, *, allow_tab: bool = False) -> str | None:
    """The first forbidden character of ``text``, or None."""
    found = (_BAD_BUT_TAB if allow_tab else _BAD).search(text)
    return found.group() if found else None


def check_field(name: str, value: str | None) -> str | None:
    """``value`` if it may be stored in field ``name``; raises InputError (exit 2) if not."""
    if value is None:
        return None
    char = bad_character(value, allow_tab=name in TAB_FIELDS)
    if char is not None:
        raise InputError("text_control_character", field=name, char=f"U+{ord(char):04X}")
    limit = FIELD_LIMITS.get(name, DEFAULT_LIMIT)
    if len(value) > limit:
        raise InputError("text_too_long", field=name, length=len(value), limit=limit)
    return value


def check_arguments(arguments: Mapping[str, object]) -> None:
    """Every text argument of a command (``--note`` may hold a tab)."""
    for name, value in arguments.items():
        values: Iterable[object] = value if isinstance(value, list | tuple) else (value,)
        for one in values:
            if isinstance(one, str) and name in FIELD_LIMITS:
                check_field(name, one)
            elif isinstance(one, str):
                _check_plain(name, one)
            elif hasattr(one, "__fspath__"):
                _check_plain(name, str(one))


def _check_plain(name: str, value: str) -> None:
    char = bad_character(value)
    if char is not None:
        raise InputError("text_control_character", field=name, char=f"U+{ord(char):04X}")


def printable(text: str) -> str:
    """``text`` without control characters or lone surrogates (tabs and newlines become
    spaces): for anything stored, shown in a table, a report or a mail."""
    if not _BAD.search(text):
        return text
    return _BAD.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


def maybe_printable(text: str | None) -> str | None:
    return None if text is None else printable(text)


def visible(text: str) -> str:
    """``text`` on one line with its control characters written out (``\\x1b``), for error
    lines: people see what they typed, the terminal obeys none of it."""
    if not _BAD.search(text):
        return text

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _BAD.sub(escape, text)


def one_line(text: str) -> str:
    """A header or a line of a log: no line breaks, nothing the terminal would obey."""
    return printable(" ".join(text.splitlines()))
