"""Rendering rows for people (rich tables) and for programs (JSON). No computation here beyond
formatting: the rows come from the core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cvtracker.compliance import Eligibility, Event, Row, State
from cvtracker.dates import format_day
from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.i18n import Translator
from cvtracker.plain import PLAIN_FROM as PLAIN_FROM  # long tables: re-exported from here
from cvtracker.plain import plain_table as plain_table
from cvtracker.plain import rows_plain as rows_plain
from cvtracker.plain import write_plain as write_plain
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
    unit_short,
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


Labels = dict[str, str]
"""What a unit column shows for each unit id."""

WHEN_WIDTH = 21
"""Wide enough for "85% – quá hạn 15 ngày" on one line, where the screen allows."""


def with_unit_names(
    directive: Directive,
    unit_ids: Iterable[str],
    t: Translator,
    width: int | None,
    build: Callable[[Labels], Table],
    grow: dict[int, int],
) -> Table:
    """A table naming units: by their full names when it fits ``width`` that way (None: a
    pipe, always), else by their short names ("TT Liên Hương"), so that no name is cut and no
    two units look alike; then :func:`fit` into the width."""
    ids = list(dict.fromkeys(unit_ids))
    table = build({u: unit_name(directive, u, t) for u in ids})
    if width is None or _Layout(table, grow).fits(width):
        return fit(table, width, grow)
    return fit(build({u: unit_short(directive, u, t) for u in ids}), width, grow)


def _plain_lines(cell: object) -> list[str]:
    if isinstance(cell, str):
        return Text.from_markup(cell).plain.splitlines() or [""]
    if isinstance(cell, Text):
        return cell.plain.splitlines() or [""]
    return [""]


class _Layout:
    """The widths of a table's columns: ``full``, each on one line; ``least``, what a column
    in ``grow`` would like at least (else its longest cell line: kept whole); ``words``, the
    least a column in ``grow`` can take (its longest word)."""

    def __init__(self, table: Table, grow: dict[int, int]) -> None:
        self.grow = grow
        self.full: list[int] = []
        self.least: list[int] = []
        self.words: dict[int, int] = {}
        for index, column in enumerate(table.columns):
            lines = [line for cell in column.cells for line in _plain_lines(cell)]
            heading = _plain_lines(column.header)
            words = [w for line in [*lines, *heading] for w in line.split()]
            longest_line = max((cell_len(line) for line in lines), default=0)
            longest_word = max((cell_len(w) for w in words), default=1)
            self.full.append(max(longest_line, *(cell_len(h) for h in heading)))
            if index in grow:
                self.least.append(min(self.full[-1], max(longest_word, grow[index])))
                self.words[index] = longest_word
            else:
                self.least.append(max(longest_line, longest_word))
        # the edges, the padding and the rules between columns (box.SIMPLE_HEAD, no pad_edge)
        self.overhead = 3 * len(table.columns) - 1
        self.fixed = sum(w for i, w in enumerate(self.least) if i not in grow)

    def natural(self) -> int:
        return sum(self.full) + self.overhead

    def fits(self, width: int) -> bool:
        """Fits with every column at least as wide as it would like."""
        return self.fixed + sum(self.least[i] for i in self.grow) + self.overhead <= width


def _share(widths: dict[int, int], targets: dict[int, int], spare: int) -> int:
    """Give ``spare`` columns to the widths below their targets, in proportion to what each
    lacks; what is left over."""
    while spare > 0:
        wanting = [i for i in widths if widths[i] < targets[i]]
        if not wanting:
            break
        need = sum(targets[i] - widths[i] for i in wanting)
        given = 0
        for i in wanting:
            share = max(1, (spare * (targets[i] - widths[i])) // need)
            share = min(share, targets[i] - widths[i], spare - given)
            widths[i] += share
            given += share
        spare -= given
        if given == 0:
            break
    return spare


def fit(table: Table, width: int | None, grow: dict[int, int]) -> Table:
    """Fit a table into ``width`` columns (None: a pipe, left at its natural width) without
    cutting anything. When its natural width is too much, every column gets a fixed width: the
    columns not in ``grow`` keep their longest cell line whole (their heading wraps by words),
    and the columns in ``grow`` (index: the least width it would like, 0 for its longest word)
    share what is left, wrapping by words. If even that does not fit (a very narrow screen),
    rich folds every column (``overflow="fold"``): still nothing is cut."""
    if width is None:
        return table
    layout = _Layout(table, grow)
    if layout.natural() <= width:
        return table
    room = width - layout.overhead - layout.fixed
    widths = {i: layout.least[i] for i in grow}
    if room < sum(widths.values()):
        # narrower than the columns would like: each wraps down to its longest word
        widths = dict(layout.words)
    if room < sum(widths.values()):
        for column in table.columns:
            column.overflow = "fold"
        return table
    # first toward the widths the columns would like, those that lack least first (a state
    # "hoàn thành" whole before a longer cell gets more), then toward their whole cells
    spare = room - sum(widths.values())
    for i in sorted(grow, key=lambda i: layout.least[i] - widths[i]):
        given = min(max(layout.least[i] - widths[i], 0), spare)
        widths[i] += given
        spare -= given
    _share(widths, {i: layout.full[i] for i in grow}, spare)
    for index, column in enumerate(table.columns):
        column.width = widths.get(index, layout.least[index])
        column.overflow = "fold"
    return table


def units_table(directive: Directive, t: Translator, width: int | None = None) -> Table:
    """The units, with the short name each can be typed as (and is shown by, on a narrow
    screen)."""
    table = _table(t("units_title"))
    for key in ("col_id", "col_name", "col_short", "col_kind", "col_one_stop", "col_named"):
        table.add_column(t(key))
    for unit in directive.units:
        table.add_row(
            unit.id,
            _text(unit_name(directive, unit.id, t)),
            _text(unit_short(directive, unit.id, t)),
            t(f"kind_{unit.kind}"),
            t("yes") if unit.one_stop else "",
            t("yes") if unit.named else "",
        )
    return fit(table, width, {1: 0, 3: 0, 4: 0, 5: 0})


def items_table(directive: Directive, t: Translator, width: int | None = None) -> Table:
    table = _table(t("items_title", number=directive.directive.number))
    for key in ("col_item", "col_title", "col_deadline", "col_assignees"):
        table.add_column(t(key))
    for item in directive.obligations:
        assignees = directive.assignees(item)
        shown = ", ".join(assignees) if len(assignees) <= 3 else str(len(assignees))
        table.add_row(item.id, _text(item_title(item, t)), _text(item.deadline.wording), shown)
    return fit(table, width, {1: 0, 2: 0, 3: 0})


def rows_table(
    directive: Directive,
    rows: Sequence[Row],
    left: Sequence[int | None],
    t: Translator,
    title: str,
    *,
    show_unit: bool = True,
    as_of: dt.date | None = None,
    width: int | None = None,
) -> Table:
    """One line per row, on a terminal as wide as it needs (``width``: the terminal's; None
    for a pipe). A monthly occurrence is told apart by its deadline ("trước ngày 10/6/2022",
    "Định kỳ hàng tháng – tháng 5/2022"), so there is no separate period column. On a narrow
    terminal the units go by their short names and the cells wrap by words: nothing is cut
    ("quá hạn 6 ngày" stays whole)."""

    def build(labels: Labels) -> Table:
        table = _table(title)
        if show_unit:
            table.add_column(t("col_unit"))
        table.add_column(t("col_item"))
        table.add_column(t("col_deadline"))
        table.add_column(t("col_state"))
        table.add_column(t("col_percent"), justify="right")
        table.add_column(t("col_when"))
        for row, days_left in zip(rows, left, strict=True):
            occ = row.occurrence
            style = STATE_STYLE[row.state]
            cells = [_text(labels[occ.unit])] if show_unit else []
            cells += [
                occ.task or occ.item,
                _text(deadline_words(directive, occ, t)),
                f"[{style}]{state_text(row, t)}[/{style}]",
                percent_text(row.percent, t) if row.reported else t("none"),
                when_text(row, days_left, t, as_of),
            ]
            table.add_row(*cells)
        return table

    # the deadline, the state and "quá hạn 37 ngày" (on one line) wrap; the rest stays whole
    first = 2 if show_unit else 1
    grow = {first: 10, first + 1: 10, first + 3: WHEN_WIDTH}
    units = [r.occurrence.unit for r in rows] if show_unit else []
    return with_unit_names(directive, units, t, width, build, grow)


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
    width: int | None = 100,
) -> Table:
    """One line per unit: on a narrow screen the counts' headings wrap by words (never cut),
    and the units go by their short names ("TT Liên Hương"), so that the table stays one
    screen high and no name is cut."""
    headings = [(t(key), style) for key, style in DASHBOARD_HEADINGS.values()]

    def build(labels: Labels) -> Table:
        table = _table(title)
        table.add_column(t("col_unit"))
        for heading, style in headings:
            table.add_column(heading, justify="right", style=style)
        totals = dict.fromkeys(DASHBOARD_HEADINGS, 0)
        for unit_id, tally in tallies.items():
            for column in totals:
                totals[column] += tally[column]
            table.add_row(_text(labels[unit_id]), *(str(tally[c]) for c in totals))
        table.add_section()
        table.add_row(t("total"), *(str(totals[c]) for c in totals))
        return table

    # the unit's name stays whole; the counts' headings wrap by words
    grow = dict.fromkeys(range(1, len(headings) + 1), 0)
    return with_unit_names(directive, tallies, t, width, build, grow)


VERDICT_STYLE = {False: "bold red", None: "dim", True: "green"}


def eligibility_table(
    directive: Directive,
    results: Sequence[Eligibility],
    t: Translator,
    title: str,
    width: int | None = None,
) -> Table:
    def build(labels: Labels) -> Table:
        table = _table(title)
        for key in ("col_unit", "col_person", "col_eligible", "col_failing"):
            table.add_column(t(key))
        for result in results:
            failing = "; ".join(
                _text(failing_text(directive, f.row, t)) for f in result.failing[:6]
            )
            if len(result.failing) > 6:
                failing += f"; … (+{len(result.failing) - 6})"
            style = VERDICT_STYLE[result.eligible]
            verdict = f"[{style}]{verdict_text(result, t)}[/{style}]"
            table.add_row(
                _text(labels[result.unit]),
                _text(result.person) if result.person else t("head"),
                verdict,
                failing,
            )
        return table

    # a unit's name and a person's stay whole; the verdict and the tasks wrap
    units = [r.unit for r in results]
    return with_unit_names(directive, units, t, width, build, {2: 14, 3: 16})


def waiting_names(directive: Directive, results: Sequence[Eligibility], t: Translator) -> str:
    """Heads and persons with no task come due, in one line: a unit's name for its head, with
    the person's name for a person: "Phòng Tư pháp, Phòng Tư pháp (Nguyễn Văn A), …"."""
    return ", ".join(
        unit_name(directive, r.unit, t) + (f" ({r.person})" if r.person else "") for r in results
    )


def tasks_table(
    directive: Directive, tasks: Sequence[Task], t: Translator, width: int | None = None
) -> Table:
    def build(labels: Labels) -> Table:
        table = _table(t("tasks_title"))
        for key in ("col_id", "col_unit", "col_title", "col_item", "col_assignee", "col_deadline"):
            table.add_column(t(key))
        roll = directive.calendar.roll_past_days_off
        for task in tasks:
            # a cancelled task stays listed, struck out and marked
            title = Text(task.title, style="strike dim" if task.cancelled else "")
            if task.cancelled:
                title.append(f" ({t('task_cancelled_mark')})", style="bold")
            table.add_row(
                task.id,
                _text(labels[task.unit]),
                title,
                task.item,
                _text(task.assignee or ""),
                deadline_words(directive, task_occurrence(task, roll), t),
            )
        return table

    units = [task.unit for task in tasks]
    # the title and the deadline wrap; a unit's name and a person's stay whole
    return with_unit_names(directive, units, t, width, build, {2: 20, 5: 10})


def history_table(
    directive: Directive,
    entries: Sequence[Event | RevisionEntry],
    t: Translator,
    voided_by: dict[int, Event] | None = None,
    width: int | None = None,
) -> Table:
    """One row per event (and per task revision); the evidence and note share a column, and so
    do who recorded it and when, so that nothing is dropped on an 80-column terminal. A voided
    event is struck out, with who voided it and why; a void reads "hủy ghi nhận số 12: …"."""
    voided = voided_by or {}
    table = _table(t("history_title"))
    for key in ("col_event", "col_unit", "col_item", "col_percent", "col_on"):
        table.add_column(t(key))
    table.add_column(f"{t('col_evidence')} / {t('col_note')}")
    table.add_column(f"{t('col_by')} / {t('col_recorded_at')}")
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
        cells = [str(ev.id), _unit_of_day(directive, ev, t), item]
        cells += [percent_text(ev.percent, t), format_day(ev.on)]
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
    # an item's period reads "6 (báo cáo hạn trước ngày 10/6/2022)": it wraps; a time
    # "01/12/2026 06:11" stays on one line
    return fit(table, width, {2: 10, 5: 12})


def _unit_of_day(directive: Directive, ev: Event, t: Translator) -> str:
    """The unit's id; for a unit renamed (units registry), the name it had on the event's day
    under it."""
    try:
        renamed = bool(directive.unit(ev.unit).former)
    except KeyError:
        renamed = False
    if not renamed:
        return ev.unit
    return f"{ev.unit}\n{unit_name(directive, ev.unit, t, on=ev.on)}"


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


# the plain lines of long tables live in cvtracker.plain (no rich to import)
