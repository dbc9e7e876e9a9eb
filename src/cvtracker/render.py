"""Rendering rows for people (rich tables) and for programs (JSON). No computation here beyond
formatting: the rows come from the core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cvtracker.compliance import Eligibility, Event, Row, State
from cvtracker.dates import format_day
from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.i18n import Translator
from cvtracker.revisions import RevisionEntry
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
        "cancelled": task.cancelled,
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
        # a cancelled task stays listed, struck out and marked
        title = Text(task.title, style="strike dim" if task.cancelled else "")
        if task.cancelled:
            title.append(f" ({t('task_cancelled_mark')})", style="bold")
        table.add_row(
            task.id,
            _text(unit_name(directive, task.unit, t)),
            title,
            task.item,
            _text(task.assignee or ""),
            deadline_words(
                directive, task_occurrence(task, directive.calendar.roll_past_days_off), t
            ),
        )
    return table


def history_table(
    directive: Directive,
    entries: Sequence[Event | RevisionEntry],
    t: Translator,
    voided_by: dict[int, Event] | None = None,
) -> Table:
    """One row per event (and per task revision); the evidence and note share a column, and so
    do who recorded it and when, so that nothing is dropped on an 80-column terminal. A voided
    event is struck out, with who voided it and why; a void reads "hủy ghi nhận số 12: …"."""
    voided = voided_by or {}
    table = _table(t("history_title"))
    for key in ("col_event", "col_unit"):
        table.add_column(t(key), no_wrap=True)
    # an item's period reads "6 (báo cáo hạn trước ngày 10/6/2022)": it wraps
    table.add_column(t("col_item"), min_width=6, ratio=1)
    for key in ("col_percent", "col_on"):
        table.add_column(t(key), no_wrap=True)
    table.add_column(f"{t('col_evidence')} / {t('col_note')}", min_width=12, ratio=2)
    table.add_column(f"{t('col_by')} / {t('col_recorded_at')}", min_width=14, ratio=1)
    for entry in entries:
        if isinstance(entry, RevisionEntry):
            table.add_row(*_revision_cells(directive, entry, t))
            continue
        ev = entry
        item = ev.task or ev.item
        if ev.period:
            item += f" ({period_words(directive, ev.item, ev.period, t)})"
        if ev.voids is not None:
            said = t("history_void", id=ev.voids, reason=ev.note or "")
            said = "\n".join(x for x in (said, ev.evidence) if x)
        else:
            said = "\n".join(x for x in (ev.evidence, ev.note) if x)
        who = _who(ev.by, ev.recorded_at)
        cells = [str(ev.id), ev.unit, item, percent_text(ev.percent, t), format_day(ev.on)]
        void = voided.get(ev.id)
        if void is not None:
            struck = [Text(c, style="strike") for c in cells]
            why = t("history_voided", void=void.id, who=void.by or "?", reason=void.note or "")
            note = Text(said, style="strike")
            note.append(("\n" if said else "") + why, style="bold")
            table.add_row(*struck, note, Text(who, style="strike"))
        elif ev.voids is not None:
            table.add_row(*(Text(c, style="dim") for c in cells), Text(said), Text(who))
        else:
            table.add_row(*(Text(c) for c in cells), Text(said), Text(who))
    return table


def _who(by: str | None, at: dt.datetime | None) -> str:
    return "\n".join(x for x in (by or "", local_time(at) if at else "") if x)


def _revision_cells(directive: Directive, entry: RevisionEntry, t: Translator) -> list[Text]:
    """A task's revision: "sửa nhiệm vụ T3: hạn: trước ngày 1/6/2022" or "hủy nhiệm vụ T3"."""
    revision, task = entry.revision, entry.task
    if revision.cancelled:
        said = t("history_task_cancel", task=task.id, reason=revision.reason or "")
    else:
        shown = change_words(directive, task, entry.changed, t)
        said = t("history_task_edit", task=task.id, changes=shown)
        if revision.reason:
            said += f"\n{revision.reason}"
    who = _who(revision.by, revision.at)
    return [Text(x) for x in ("", task.unit, task.id, "", "", said, who)]


def change_words(directive: Directive, task: Task, changed: Sequence[str], t: Translator) -> str:
    """The fields a revision changed, with their new values: "hạn: trước ngày 1/6/2022"."""
    parts = []
    for name in changed:
        if name == "title":
            value = task.title
        elif name == "assignee":
            value = task.assignee or t("change_none")
        else:
            occurrence = task_occurrence(task, directive.calendar.roll_past_days_off)
            value = deadline_words(directive, occurrence, t)
        parts.append(t(f"change_{name}", value=value))
    return "; ".join(parts)
