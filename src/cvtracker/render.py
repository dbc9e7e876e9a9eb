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
from cvtracker.dates import TIMEZONE, format_day, format_month
from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.i18n import Translator
from cvtracker.schedule import Occurrence, Task, task_occurrence

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


def unit_name(directive: Directive, unit_id: str, t: Translator) -> str:
    """The unit's name in the reader's language (``name_en`` in English); its id if unknown."""
    try:
        unit = directive.unit(unit_id)
    except KeyError:
        return unit_id
    return unit.name_en if t.lang == "en" else unit.name


def item_title(item: Obligation, t: Translator) -> str:
    return item.title_en if t.lang == "en" else item.title


def deadline_words(directive: Directive, occ: Occurrence, t: Translator) -> str:
    """The deadline in the directive's own words: "trước ngày 30/4/2022"."""
    if occ.kind == "ongoing" or occ.due is None:
        if occ.task is not None:
            return t("ongoing")
        try:
            return directive.obligation(occ.item).deadline.wording
        except KeyError:
            return t("ongoing")
    return t(f"deadline_{occ.kind}", day=format_day(occ.due))


def percent_text(value: float) -> str:
    return f"{value:g}"


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


def row_label(row: Row, t: Translator) -> str:
    """What a row is, for people: ``2``, ``6 (kỳ 5/2022)`` or ``T3``."""
    occ = row.occurrence
    label = occ.task or occ.item
    if occ.period:
        label += f" ({t('row_period', period=format_month(occ.period))})"
    return label


def failing_text(row: Row, t: Translator) -> str:
    """A row failing the 90% rule: ``6 (kỳ 5/2022): 80%`` or ``2: chưa báo cáo``."""
    value = f"{percent_text(row.percent)}%" if row.reported else t("not_reported")
    return f"{row_label(row, t)}: {value}"


def when_text(row: Row, left: int | None, t: Translator) -> str:
    if row.state == "overdue" and row.days_overdue is not None:
        return t.plural("days_overdue", row.days_overdue, days=row.days_overdue)
    if row.completed_on is not None:
        text = t("completed_on", day=format_day(row.completed_on))
        if row.days_late is not None:
            text += f" ({t.plural('days_late', row.days_late, days=row.days_late)})"
        return text
    if left is not None:
        return t.plural("working_days_left", left, days=left)
    return ""


def state_text(row: Row, t: Translator) -> str:
    if row.state == "open" and row.occurrence.late_from is None:
        return t("state_ongoing")
    return t(f"state_{row.state}")


def rows_table(
    directive: Directive,
    rows: Sequence[Row],
    left: Sequence[int | None],
    t: Translator,
    title: str,
    *,
    show_unit: bool = True,
) -> Table:
    table = _table(title)
    if show_unit:
        table.add_column(t("col_unit"), min_width=12)
    table.add_column(t("col_item"), no_wrap=True)
    table.add_column(t("col_period"), no_wrap=True)
    table.add_column(t("col_deadline"), min_width=12)
    table.add_column(t("col_state"), no_wrap=True)
    table.add_column(t("col_percent"), justify="right", no_wrap=True)
    table.add_column(t("col_when"), min_width=12)
    for row, days_left in zip(rows, left, strict=True):
        occ = row.occurrence
        style = STATE_STYLE[row.state]
        cells = [_text(unit_name(directive, occ.unit, t))] if show_unit else []
        cells += [
            occ.task or occ.item,
            format_month(occ.period) if occ.period else "",
            _text(deadline_words(directive, occ, t)),
            f"[{style}]{state_text(row, t)}[/{style}]",
            percent_text(row.percent) if row.reported else t("none"),
            when_text(row, days_left, t),
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
    """One line per unit: the counts keep their headings whole and the unit's name gives way
    (cut with an ellipsis) on a narrow screen, so that the table stays one screen high."""
    table = _table(title)
    headings = [(t(key), style) for key, style in DASHBOARD_HEADINGS.values()]
    counts_width = sum(len(heading) + 3 for heading, _ in headings) + 6
    table.add_column(
        t("col_unit"),
        no_wrap=True,
        overflow="ellipsis",
        max_width=max(16, min(UNIT_NAME_WIDTH, width - counts_width)),
    )
    for heading, style in headings:
        table.add_column(heading, justify="right", style=style, no_wrap=True)
    totals = dict.fromkeys(DASHBOARD_HEADINGS, 0)
    for unit_id, tally in tallies.items():
        for column in totals:
            totals[column] += tally[column]
        table.add_row(_text(unit_name(directive, unit_id, t)), *(str(tally[c]) for c in totals))
    table.add_section()
    table.add_row(t("total"), *(str(totals[c]) for c in totals))
    return table


def eligibility_table(
    directive: Directive, results: Sequence[Eligibility], t: Translator, title: str
) -> Table:
    table = _table(title)
    for key in ("col_unit", "col_person", "col_eligible", "col_failing"):
        table.add_column(t(key))
    for result in results:
        failing = "; ".join(failing_text(f.row, t) for f in result.failing[:6])
        if len(result.failing) > 6:
            failing += f"; … (+{len(result.failing) - 6})"
        if not result.eligible:
            verdict = f"[bold red]{t('eligible_no')}[/bold red]"
        elif result.judged == 0:  # eligible only because nothing has come due yet
            verdict = f"[dim]{t('eligible_nothing_due')}[/dim]"
        else:
            verdict = f"[green]{t('eligible_yes')}[/green]"
        table.add_row(
            _text(unit_name(directive, result.unit, t)),
            _text(result.person) if result.person else t("head"),
            verdict,
            failing,
        )
    return table


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
            deadline_words(directive, task_occurrence(task), t),
        )
    return table


def history_table(directive: Directive, events: Sequence[Event], t: Translator) -> Table:
    """One row per event; the evidence and note share a column, and so do who recorded it and
    when, so that nothing is dropped on an 80-column terminal."""
    table = _table(t("history_title"))
    for key in ("col_event", "col_unit", "col_item", "col_percent", "col_on"):
        table.add_column(t(key), no_wrap=True)
    table.add_column(f"{t('col_evidence')} / {t('col_note')}", min_width=12, ratio=2)
    table.add_column(f"{t('col_by')} / {t('col_recorded_at')}", min_width=14, ratio=1)
    for ev in events:
        item = ev.task or ev.item
        if ev.period:
            item += f" ({t('row_period', period=format_month(ev.period))})"
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
            str(ev.id), ev.unit, item, percent_text(ev.percent), format_day(ev.on), said, who
        )
    return table


def local_time(moment: dt.datetime) -> str:
    """A recorded time (aware: the ledger gives it in UTC) as Vietnamese people read it: in
    Asia/Ho_Chi_Minh."""
    from zoneinfo import ZoneInfo

    return f"{moment.astimezone(ZoneInfo(TIMEZONE)):%d/%m/%y %H:%M}"
