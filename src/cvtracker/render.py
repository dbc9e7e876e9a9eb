"""Rendering rows for people (rich tables) and for programs (JSON). No computation here beyond
formatting: the rows come from the core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.markup import escape
from rich.table import Table

from cvtracker.compliance import Eligibility, Event, Row, State
from cvtracker.dates import format_day
from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.i18n import Translator
from cvtracker.schedule import Task, task_occurrence
from cvtracker.words import (
    deadline_words,
    ended_text,
    failing_text,
    item_title,
    local_time,
    not_recorded,
    overdue_text,
    percent_text,
    period_label,
    period_words,
    row_label,
    state_text,
    unit_name,
    verdict_text,
    when_text,
)

# the words moved to cvtracker.words; these names stay importable from here
__all__ = [
    "deadline_words",
    "ended_text",
    "failing_text",
    "item_title",
    "local_time",
    "not_recorded",
    "overdue_text",
    "percent_text",
    "period_label",
    "period_words",
    "row_label",
    "state_text",
    "unit_name",
    "verdict_text",
    "when_text",
]

STATE_STYLE: dict[State, str] = {
    "done": "green",
    "late": "yellow",
    "overdue": "bold red",
    "open": "cyan",
}


def unit_json(unit: Unit) -> dict[str, Any]:
    return unit.model_dump(mode="json")


def item_json(directive: Directive, item: Obligation) -> dict[str, Any]:
    data = item.model_dump(mode="json", exclude={"assignees"})
    data["assignees"] = directive.assignees(item)
    return data


def task_json(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "unit": task.unit,
        "title": task.title,
        "item": task.item,
        "assignee": task.assignee,
        "deadline_kind": task.deadline_kind,
        "deadline": task.deadline.isoformat() if task.deadline else None,
    }


def _table(title: str | None = None) -> Table:
    return Table(
        title=escape(title) if title else title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
    )


def _text(value: str) -> str:
    """Text from the data file or the ledger, shown as typed: "[Biên bản]" is not rich markup."""
    return escape(value)


def units_table(directive: Directive, t: Translator) -> Table:
    table = _table(t("units_title"))
    for key in ("col_id", "col_name", "col_kind", "col_one_stop", "col_named"):
        table.add_column(t(key))
    for unit in directive.units:
        table.add_row(
            unit.id,
            _text(unit_name(directive, unit.id, t)),
            t(f"kind_{unit.kind}"),
            t("yes") if unit.one_stop else "",
            t("yes") if unit.named else "",
        )
    return table


def items_table(directive: Directive, t: Translator) -> Table:
    table = _table(t("items_title", number=directive.directive.number))
    for key in ("col_item", "col_title", "col_deadline", "col_assignees"):
        table.add_column(t(key))
    for item in directive.obligations:
        assignees = directive.assignees(item)
        shown = ", ".join(assignees) if len(assignees) <= 3 else str(len(assignees))
        table.add_row(item.id, _text(item_title(item, t)), _text(item.deadline.wording), shown)
    return table


def rows_table(
    directive: Directive,
    rows: Sequence[Row],
    left: Sequence[int | None],
    t: Translator,
    title: str,
    *,
    show_unit: bool = True,
    as_of: dt.date | None = None,
) -> Table:
    """One line per row. A monthly occurrence is told apart by its deadline ("trước ngày
    10/6/2022", "Định kỳ hàng tháng – tháng 5/2022"), so there is no separate period column.
    The table takes the terminal's width so that the deadline, the longest cell, gets most of
    it (rich uses column ratios only in an expanded table)."""
    table = _table(title)
    table.expand = True
    if show_unit:
        table.add_column(t("col_unit"), min_width=12)
    table.add_column(t("col_item"), no_wrap=True)
    table.add_column(t("col_deadline"), min_width=12, ratio=4)
    table.add_column(t("col_state"), min_width=12, ratio=3)
    table.add_column(t("col_percent"), justify="right", no_wrap=True)
    table.add_column(t("col_when"), min_width=12, ratio=3)
    for row, days_left in zip(rows, left, strict=True):
        occ = row.occurrence
        style = STATE_STYLE[row.state]
        cells = [_text(unit_name(directive, occ.unit, t))] if show_unit else []
        cells += [
            occ.task or occ.item,
            _text(deadline_words(directive, occ, t)),
            f"[{style}]{state_text(row, t)}[/{style}]",
            percent_text(row.percent, t) if row.reported else t("none"),
            when_text(row, days_left, t, as_of),
        ]
        table.add_row(*cells)
    return table


UNIT_NAME_WIDTH = 34  # keeps the dashboard within 100 columns
DASHBOARD_HEADINGS = {
    "done": ("col_done", "green"),
    "late": ("col_late", "yellow"),
    "overdue": ("col_overdue", "bold red"),
    "open": ("col_open", "cyan"),
    "ongoing": ("col_ongoing", "dim"),
}


def dashboard_table(
    directive: Directive,
    tallies: dict[str, dict[str, int]],
    t: Translator,
    title: str,
    width: int = 100,
) -> Table:
    """One line per unit: on a narrow screen the counts' headings wrap onto two lines (never
    cut), and then the unit's name gives way (cut with an ellipsis), so that the table stays
    one screen high."""
    table = _table(title)
    headings = [(t(key), style) for key, style in DASHBOARD_HEADINGS.values()]
    # each count column needs at least its heading's longest word (a heading wraps by words)
    narrowest = [max(len(word) for word in heading.split()) for heading, _ in headings]
    counts_width = sum(w + 2 for w in narrowest) + 2
    table.add_column(
        t("col_unit"),
        no_wrap=True,
        overflow="ellipsis",
        max_width=max(16, min(UNIT_NAME_WIDTH, width - counts_width)),
    )
    for (heading, style), least in zip(headings, narrowest, strict=True):
        table.add_column(heading, justify="right", style=style, min_width=least)
    totals = dict.fromkeys(DASHBOARD_HEADINGS, 0)
    for unit_id, tally in tallies.items():
        for column in totals:
            totals[column] += tally[column]
        table.add_row(_text(unit_name(directive, unit_id, t)), *(str(tally[c]) for c in totals))
    table.add_section()
    table.add_row(t("total"), *(str(totals[c]) for c in totals))
    return table


VERDICT_STYLE = {False: "bold red", None: "dim", True: "green"}


def eligibility_table(
    directive: Directive, results: Sequence[Eligibility], t: Translator, title: str
) -> Table:
    table = _table(title)
    table.add_column(t("col_unit"), ratio=2)
    table.add_column(t("col_person"), ratio=1)
    table.add_column(t("col_eligible"), ratio=2)
    table.add_column(t("col_failing"), ratio=3)
    for result in results:
        failing = "; ".join(_text(failing_text(directive, f.row, t)) for f in result.failing[:6])
        if len(result.failing) > 6:
            failing += f"; … (+{len(result.failing) - 6})"
        style = VERDICT_STYLE[result.eligible]
        verdict = f"[{style}]{verdict_text(result, t)}[/{style}]"
        table.add_row(
            _text(unit_name(directive, result.unit, t)),
            _text(result.person) if result.person else t("head"),
            verdict,
            failing,
        )
    return table


def waiting_names(directive: Directive, results: Sequence[Eligibility], t: Translator) -> str:
    """Heads and persons with no task come due, in one line: a unit's name for its head, with
    the person's name for a person: "Phòng Tư pháp, Phòng Tư pháp (Nguyễn Văn A), …"."""
    return ", ".join(
        unit_name(directive, r.unit, t) + (f" ({r.person})" if r.person else "") for r in results
    )


def tasks_table(directive: Directive, tasks: Sequence[Task], t: Translator) -> Table:
    table = _table(t("tasks_title"))
    for key in ("col_id", "col_unit", "col_title", "col_item", "col_assignee", "col_deadline"):
        table.add_column(t(key))
    for task in tasks:
        table.add_row(
            task.id,
            _text(unit_name(directive, task.unit, t)),
            _text(task.title),
            task.item,
            _text(task.assignee or ""),
            deadline_words(
                directive, task_occurrence(task, directive.calendar.roll_past_days_off), t
            ),
        )
    return table


def history_table(directive: Directive, events: Sequence[Event], t: Translator) -> Table:
    """One row per event; the evidence and note share a column, and so do who recorded it and
    when, so that nothing is dropped on an 80-column terminal."""
    table = _table(t("history_title"))
    for key in ("col_event", "col_unit"):
        table.add_column(t(key), no_wrap=True)
    # an item's period reads "6 (báo cáo hạn trước ngày 10/6/2022)": it wraps
    table.add_column(t("col_item"), min_width=6, ratio=1)
    for key in ("col_percent", "col_on"):
        table.add_column(t(key), no_wrap=True)
    table.add_column(f"{t('col_evidence')} / {t('col_note')}", min_width=12, ratio=2)
    table.add_column(f"{t('col_by')} / {t('col_recorded_at')}", min_width=14, ratio=1)
    for ev in events:
        item = ev.task or ev.item
        if ev.period:
            item += f" ({period_words(directive, ev.item, ev.period, t)})"
        said = "\n".join(_text(x) for x in (ev.evidence, ev.note) if x)
        who = "\n".join(
            x
            for x in (
                _text(ev.by) if ev.by else "",
                local_time(ev.recorded_at) if ev.recorded_at else "",
            )
            if x
        )
        table.add_row(
            str(ev.id), ev.unit, item, percent_text(ev.percent, t), format_day(ev.on), said, who
        )
    return table


# --- plain text for long tables (issue 8) --------------------------------------------------------

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


def history_plain(directive: Directive, events: Sequence[Event], t: Translator) -> str:
    """:func:`history_table`'s columns and words, as plain lines."""
    headers = [t(k) for k in ("col_event", "col_unit", "col_item", "col_percent", "col_on")]
    headers += [f"{t('col_evidence')} / {t('col_note')}", f"{t('col_by')} / {t('col_recorded_at')}"]
    lines = []
    for ev in events:
        item = ev.task or ev.item
        if ev.period:
            item += f" ({period_words(directive, ev.item, ev.period, t)})"
        said = " / ".join(x for x in (ev.evidence, ev.note) if x)
        who = " / ".join(
            x for x in (ev.by or "", local_time(ev.recorded_at) if ev.recorded_at else "") if x
        )
        lines.append(
            [str(ev.id), ev.unit, item, percent_text(ev.percent, t), format_day(ev.on), said, who]
        )
    return plain_table(t("history_title"), headers, lines)


def write_plain(text: str) -> None:
    """Plain lines to stdout as they are (no markup, no wrapping)."""
    import sys

    sys.stdout.write(text)
