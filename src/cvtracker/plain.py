"""Long tables (issue 8) as plain aligned lines: the rich table's columns and words, without
rich (neither imported nor laid out: rich costs ~1.4 ms a row before the first line is out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cvtracker.compliance import Eligibility, Row
from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.words import (
    deadline_words,
    failing_text,
    percent_text,
    state_text,
    unit_name,
    verdict_text,
    when_text,
)

__all__ = ["PLAIN_FROM", "eligibility_plain", "plain_table", "rows_plain", "write_plain"]

PLAIN_FROM = 300
"""A table of more rows than this is written as plain aligned lines: rich lays out every cell of
every row before the first line is out (~1.4 ms a row); these cost a few µs a row."""


def plain_table(
    title: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
) -> str:
    """Aligned columns, two spaces apart, under a title, a heading line and a rule; a cell
    never wraps (its lines are joined by " / ") and is never cut. Columns in ``right`` are
    aligned right. The words are the rich table's, without colours."""
    cells = [[" / ".join(c.splitlines()) if "\n" in c else c for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for n, cell in enumerate(row):
            if len(cell) > widths[n]:
                widths[n] = len(cell)
    last = len(headers) - 1
    aligned = set(right)

    def line(values: Sequence[str]) -> str:
        out = []
        for n, value in enumerate(values):
            if n in aligned:
                out.append(value.rjust(widths[n]))
            elif n == last:
                out.append(value)
            else:
                out.append(value.ljust(widths[n]))
        return "  ".join(out).rstrip()

    lines = [title] if title else []
    lines.append(line(headers))
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(line(row) for row in cells)
    return "\n".join(lines) + "\n"


def rows_plain(
    directive: Directive,
    rows: Sequence[Row],
    left: Sequence[int | None],
    t: Translator,
    title: str,
    *,
    show_unit: bool = True,
    as_of: dt.date | None = None,
) -> str:
    """:func:`rows_table`'s columns and words, as plain lines."""
    headers = [t("col_unit")] if show_unit else []
    headers += [t(k) for k in ("col_item", "col_deadline", "col_state", "col_percent", "col_when")]
    names: dict[str, str] = {}
    deadlines: dict[tuple[object, ...], str] = {}
    none = t("none")
    lines = []
    for row, days_left in zip(rows, left, strict=True):
        occ = row.occurrence
        cells = []
        if show_unit:
            name = names.get(occ.unit)
            if name is None:
                name = names[occ.unit] = unit_name(directive, occ.unit, t)
            cells.append(name)
        # the deadline's words are the same for every unit of an item and month
        words_key = (occ.item, occ.task, occ.period, occ.kind, occ.due, occ.roll)
        words = deadlines.get(words_key)
        if words is None:
            words = deadlines[words_key] = deadline_words(directive, occ, t)
        cells += [
            occ.task or occ.item,
            words,
            state_text(row, t),
            percent_text(row.percent, t) if row.reported else none,
            when_text(row, days_left, t, as_of),
        ]
        lines.append(cells)
    return plain_table(title, headers, lines, right=[len(headers) - 2])


def eligibility_plain(
    directive: Directive, results: Sequence[Eligibility], t: Translator, title: str
) -> str:
    """:func:`cvtracker.render.eligibility_table`'s columns and words, as plain lines (units
    by their full names: a plain line is never cut)."""
    headers = [t(k) for k in ("col_unit", "col_person", "col_eligible", "col_failing")]
    names: dict[str, str] = {}
    head = t("head")
    lines = []
    for result in results:
        name = names.get(result.unit)
        if name is None:
            name = names[result.unit] = unit_name(directive, result.unit, t)
        failing = "; ".join(failing_text(directive, f.row, t) for f in result.failing[:6])
        if len(result.failing) > 6:
            failing += f"; … (+{len(result.failing) - 6})"
        lines.append([name, result.person or head, verdict_text(result, t), failing])
    return plain_table(title, headers, lines)


def write_plain(text: str) -> None:
    """Plain lines to stdout as they are (no markup, no wrapping)."""
    import sys

    sys.stdout.write(text)
