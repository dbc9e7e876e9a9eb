"""The monthly report for Phòng Nội vụ: one model, computed here, rendered by each format.

Pure: given the directive, the units' tasks, the ledger's events, the month and the day, it
computes the five sections of the report. The rules themselves (states, deadlines, the 90% rule)
come from ``schedule`` and ``compliance``; this module only selects and counts their rows.

1. the month's monthly obligations per unit: the progress reports (item 6, due before the 10th)
   and the inspections (items 4 and 5b, due through the month's end);
2. the one-off obligations (items 2, 3, 5a, 7) per unit, and the units' own tasks due in the month;
3. everything overdue as of the day, oldest first;
4. the 90% watch list: heads and persons who would today be barred from "hoàn thành tốt";
5. a summary, and its change since the previous month (as of that month's last day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cvtracker.compliance import (
    Eligibility,
    Event,
    Row,
    State,
    counts,
    eligibility,
    overdue_rows,
    status_rows,
)
from cvtracker.dates import add_months, first_day, format_day, format_month, last_day, month_of
from cvtracker.directive import Directive, Obligation
from cvtracker.errors import InputError
from cvtracker.schedule import Task, occurrences
from cvtracker.scope import kept
from cvtracker.scope import previous_day as report_previous_day

Outcome = Literal["on_time", "late", "missing", "pending"]
OUTCOMES: tuple[Outcome, ...] = ("on_time", "late", "missing", "pending")
OUTCOME_OF_STATE: dict[State, Outcome] = {
    "done": "on_time",
    "late": "late",
    "overdue": "missing",
    "open": "pending",
}


def outcome(row: Row) -> Outcome:
    """How a monthly report went: on time, late, missing (overdue), or pending (not due yet)."""
    return OUTCOME_OF_STATE[row.state]


def evidence(row: Row) -> str | None:
    """The evidence of the row's latest event as of the day, if any."""
    return row.last.evidence if row.last is not None else None


def default_as_of(month: str, today: dt.date) -> dt.date:
    """A month's report is as of the day after its last day, so that everything due through
    the month's end (the inspections of items 4 and 5b) is judged; or today if that is earlier."""
    return min(last_day(month) + dt.timedelta(days=1), today)


def check_month(directive: Directive, month: str) -> None:
    """A report exists only for the months from the directive's through its last in force."""
    meta = directive.directive
    first = month_of(meta.date)
    if month < first:
        raise InputError(
            "report_month_before_start",
            number=meta.number,
            day=format_day(meta.date),
            month=format_month(month),
            first=format_month(first),
        )
    end = meta.in_force_until
    if end is not None and month > month_of(end):
        raise InputError(
            "report_month_after_end",
            number=meta.number,
            day=format_day(end),
            month=format_month(month),
            last=format_month(month_of(end)),
        )


# --- the model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitLine:
    """One unit's row of a matrix section: item id → its row, None where not assigned."""

    unit: str
    cells: dict[str, Row | None]


@dataclass(frozen=True)
class Tally:
    """Counts of the rows of one item (or of the tasks) in the report's scope."""

    item: str | None
    """None for the units' own tasks."""
    period: str | None
    done: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0

    @property
    def total(self) -> int:
        return self.done + self.late + self.overdue + self.open

    @property
    def completed(self) -> int:
        return self.done + self.late

    @property
    def rate(self) -> float | None:
        """Completed share in percent; None when there is nothing to count."""
        return None if self.total == 0 else 100.0 * self.completed / self.total

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "period": self.period,
            "total": self.total,
            "done": self.done,
            "late": self.late,
            "overdue": self.overdue,
            "open": self.open,
            "completion_rate": round_rate(self.rate),
        }


@dataclass(frozen=True)
class ReportCounts:
    """The monthly progress reports (item 6) of a month: how many units did what."""

    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0

    @property
    def units(self) -> int:
        return self.on_time + self.late + self.missing + self.pending

    def to_json(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
            "pending": self.pending,
        }


@dataclass(frozen=True)
class UnitTally:
    """A unit's completion over the report's scope (the month's obligations and the one-offs)."""

    unit: str
    total: int
    completed: int
    on_time: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return None if self.total == 0 else 100.0 * self.completed / self.total

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "total": self.total,
            "completed": self.completed,
            "on_time": self.on_time,
            "overdue": self.overdue,
            "completion_rate": round_rate(self.rate),
        }


@dataclass(frozen=True)
class Snapshot:
    """The summary figures of one month as of one day."""

    month: str
    as_of: dt.date
    reports: ReportCounts
    items: list[Tally]
    tasks: Tally
    units: list[UnitTally]
    overdue: int
    watch_list: int

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "as_of": self.as_of.isoformat(),
            "reports": self.reports.to_json(),
            "items": [t.to_json() for t in self.items],
            "tasks": self.tasks.to_json(),
            "units": [u.to_json() for u in self.units],
            "overdue": self.overdue,
            "watch_list": self.watch_list,
        }


@dataclass(frozen=True)
class Change:
    """This month minus the previous month; None where the previous month had nothing."""

    on_time: int | None
    late: int | None
    missing: int | None
    overdue: int
    watch_list: int
    rates: dict[str, float | None] = field(default_factory=dict)
    """Item id → change of its completion rate in percentage points."""

    def to_json(self) -> dict[str, Any]:
        return {
            "on_time": self.on_time,
            "late": self.late,
            "missing": self.missing,
            "overdue": self.overdue,
            "watch_list": self.watch_list,
            "completion_rate": {k: round_rate(v) for k, v in self.rates.items()},
        }


@dataclass(frozen=True)
class Summary:
    current: Snapshot
    previous: Snapshot | None
    change: Change | None

    def to_json(self) -> dict[str, Any]:
        data = self.current.to_json()
        del data["month"], data["as_of"]  # the report's own
        data["previous"] = self.previous.to_json() if self.previous else None
        data["change"] = self.change.to_json() if self.change else None
        return data


@dataclass(frozen=True)
class OverdueLine:
    """One line of a unit's overdue list: an occurrence, or every overdue month of one monthly
    item (``count`` of them, ``oldest`` first)."""

    oldest: Row
    count: int


@dataclass(frozen=True)
class OverdueGroup:
    """A unit's overdue rows for the Word report's appendix: how many, and its oldest lines
    (each monthly item's overdue months on one line)."""

    unit: str
    total: int
    """Overdue rows (occurrences) of the unit."""
    lines: list[OverdueLine]
    """The oldest ``overdue_rows_per_unit`` lines."""
    all_lines: int

    @property
    def more(self) -> int:
        """Lines left out."""
        return self.all_lines - len(self.lines)


@dataclass(frozen=True)
class Findings:
    """What the figures point at, for the report's "tồn tại, hạn chế" and "đề xuất, kiến
    nghị" (drafted for the clerk to edit)."""

    missing: list[str]
    """Units whose progress report of the month is overdue (not sent)."""
    late_twice: list[str]
    """Units whose progress report was not on time (late or missing) this month and the
    previous one."""
    lowest: list[Tally]
    """The items of the month with the lowest completion (under 100%), lowest first (≤ 3)."""
    oldest: list[Row]
    """The oldest overdue rows (≤ 3)."""
    overdue_units: int
    """How many units have something overdue."""


FINDINGS_LOWEST = 3
FINDINGS_OLDEST = 3


@dataclass(frozen=True)
class Report:
    month: str
    as_of: dt.date
    year: int
    """The year the 90% rule is judged for: the month's."""
    report_items: list[str]
    """Section 1a: the monthly items due on a day of the month (item 6)."""
    reports: list[Row]
    inspection_items: list[str]
    """Section 1b: the monthly items due through the month's end (items 4, 5b)."""
    inspections: list[UnitLine]
    one_off_items: list[str]
    """Section 2: the items with one deadline (2, 3, 5a, 7)."""
    one_offs: list[UnitLine]
    tasks: list[Row]
    """Section 2: the units' own tasks that fall due in the month."""
    overdue: list[Row]
    """Section 3: everything overdue as of the day, oldest first."""
    late_in_month: list[Row]
    """Rows of earlier months completed late during the month."""
    watch: list[Eligibility]
    """Section 4: heads and persons barred today by the 90% rule."""
    overdue_groups: list[OverdueGroup]
    """Section 3 by unit (the units in the order of their oldest row), capped for Word."""
    findings: Findings
    eligibility: list[Eligibility]
    rows: list[Row]
    """The contract's rows: every occurrence that falls due in the month, then every other row
    overdue as of the day, then the rows of earlier months completed late during the month."""
    summary: Summary

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "as_of": self.as_of.isoformat(),
            "rows": [r.to_json() for r in self.rows],
            "eligibility": [e.to_json() for e in self.eligibility],
            "summary": self.summary.to_json(),
        }


# --- computing it -----------------------------------------------------------------------------


def round_rate(value: float | None) -> float | None:
    """A completion rate as the report shows it: to one decimal."""
    return None if value is None else round(value, 1)


def _one_off(item: Obligation) -> bool:
    return item.deadline.kind in ("before", "through")


def _report_item(item: Obligation) -> bool:
    return item.deadline.kind == "monthly_before"


def _inspection_item(item: Obligation) -> bool:
    return item.deadline.kind == "monthly_through_end"


@dataclass(frozen=True)
class _Scope:
    """The rows of one month as of one day, split the way the report needs them."""

    all_rows: list[Row]
    month_rows: list[Row]
    """Item (not task) rows that fall due in the month."""
    task_rows: list[Row]
    one_off_rows: list[Row]
    overdue: list[Row]
    late_in_month: list[Row]
    """Rows of earlier months completed late during the month."""
    eligibility: list[Eligibility]


def _scope(
    directive: Directive,
    tasks: Sequence[Task],
    events: Sequence[Event],
    month: str,
    as_of: dt.date,
    left_out: frozenset[tuple[str, str, str]] = frozenset(),
) -> _Scope:
    # monthly occurrences up to the report's month even when the day is earlier
    horizon = max(as_of, last_day(month))
    found = occurrences(directive, list(tasks), horizon)
    rows = status_rows(kept(found, left_out), events, as_of)
    one_off_ids = {o.id for o in directive.obligations if _one_off(o)}
    month_rows = [r for r in rows if r.occurrence.task is None and r.occurrence.falls_in == month]
    task_rows = [
        r for r in rows if r.occurrence.task is not None and r.occurrence.falls_in == month
    ]
    one_off_rows = [
        r for r in rows if r.occurrence.task is None and r.occurrence.item in one_off_ids
    ]
    start, end = first_day(month), last_day(month)
    late_in_month = [
        r
        for r in rows
        if r.state == "late"
        and r.completed_on is not None
        and start <= r.completed_on <= end
        and (r.occurrence.falls_in or month) < month
    ]
    year = int(month[:4])
    not_rated = [u.id for u in directive.units if not u.rated_by_issuer]
    people = [o for o in found if o.task is not None]
    judged = eligibility(rows, [u.id for u in directive.units], year, as_of, not_rated, people)
    return _Scope(
        rows, month_rows, task_rows, one_off_rows, overdue_rows(rows), late_in_month, judged
    )


def _tally(item: str | None, period: str | None, rows: Iterable[Row]) -> Tally:
    return Tally(item, period, **counts(rows))


def _snapshot(directive: Directive, scope: _Scope, month: str, as_of: dt.date) -> Snapshot:
    report_ids = [o.id for o in directive.obligations if _report_item(o)]
    outcomes: dict[Outcome, int] = dict.fromkeys(OUTCOMES, 0)
    for row in scope.month_rows:
        if row.occurrence.item in report_ids:
            outcomes[outcome(row)] += 1
    items: list[Tally] = []
    for item in directive.obligations:
        if item.deadline.monthly:
            rows = [r for r in scope.month_rows if r.occurrence.item == item.id]
            if rows:
                items.append(_tally(item.id, month, rows))
        elif _one_off(item):
            rows = [r for r in scope.one_off_rows if r.occurrence.item == item.id]
            if rows:
                items.append(_tally(item.id, None, rows))
    # a one-off that falls in the month is both a month row and a one-off row: count it once
    everything = [*scope.month_rows, *scope.one_off_rows, *scope.task_rows]
    in_scope = list({r.occurrence.key: r for r in everything}.values())
    # grouped once: scanning every row for each unit was O(units × rows), 24 s at 3,000 units
    by_unit: dict[str, list[Row]] = {}
    for r in in_scope:
        by_unit.setdefault(r.occurrence.unit, []).append(r)
    units: list[UnitTally] = []
    for unit in directive.units:
        mine = _tally(None, None, by_unit.get(unit.id, ()))
        if mine.total:
            units.append(
                UnitTally(
                    unit.id,
                    total=mine.total,
                    completed=mine.completed,
                    on_time=mine.done,
                    overdue=mine.overdue,
                )
            )
    return Snapshot(
        month=month,
        as_of=as_of,
        reports=ReportCounts(**outcomes),
        items=items,
        tasks=_tally(None, month, scope.task_rows),
        units=units,
        overdue=len(scope.overdue),
        watch_list=sum(e.eligible is False for e in scope.eligibility),
    )


def _change(current: Snapshot, previous: Snapshot) -> Change:
    had_reports = previous.reports.units > 0 and current.reports.units > 0
    before = {t.item: t.rate for t in previous.items if t.item is not None}
    rates: dict[str, float | None] = {}
    for tally in current.items:
        if tally.item is None:
            continue
        now, then = tally.rate, before.get(tally.item)
        rates[tally.item] = None if now is None or then is None else now - then
    return Change(
        on_time=current.reports.on_time - previous.reports.on_time if had_reports else None,
        late=current.reports.late - previous.reports.late if had_reports else None,
        missing=current.reports.missing - previous.reports.missing if had_reports else None,
        overdue=current.overdue - previous.overdue,
        watch_list=current.watch_list - previous.watch_list,
        rates=rates,
    )


def build_report(
    directive: Directive,
    tasks: Sequence[Task],
    events: Sequence[Event],
    month: str,
    as_of: dt.date,
    left_out: frozenset[tuple[str, str, str]] = frozenset(),
) -> Report:
    """The report of ``month`` (``YYYY-MM``) as of ``as_of``. ``left_out``: occurrences settled
    before the month before began (:func:`cvtracker.scope.for_report`), whose events were not
    read; the report is the same without them."""
    scope = _scope(directive, tasks, events, month, as_of, left_out)
    obligations = directive.obligations
    report_items = [o.id for o in obligations if _report_item(o)]
    inspection_items = [o.id for o in obligations if _inspection_item(o)]
    one_off_items = [o.id for o in obligations if _one_off(o)]

    reports = [r for r in scope.month_rows if r.occurrence.item in report_items]
    inspections = _matrix(directive, scope.month_rows, inspection_items)
    one_offs = _matrix(directive, scope.one_off_rows, one_off_items)

    seen = {r.occurrence.key for r in scope.month_rows} | {
        r.occurrence.key for r in scope.task_rows
    }
    rows = [
        *scope.month_rows,
        *scope.task_rows,
        *(r for r in scope.overdue if r.occurrence.key not in seen),
        *(r for r in scope.late_in_month if r.occurrence.key not in seen),
    ]

    current = _snapshot(directive, scope, month, as_of)
    previous_month = add_months(month, -1)
    previous: Snapshot | None = None
    change: Change | None = None
    previous_reports: list[Row] = []
    if previous_month >= month_of(directive.directive.date):
        previous_day = report_previous_day(month, as_of)  # the day its read is for too
        previous_scope = _scope(directive, tasks, events, previous_month, previous_day, left_out)
        previous = _snapshot(directive, previous_scope, previous_month, previous_day)
        change = _change(current, previous)
        previous_reports = [
            r for r in previous_scope.month_rows if r.occurrence.item in report_items
        ]
    groups = overdue_groups(scope.overdue, directive.report.overdue_rows_per_unit)
    findings = _findings(reports, previous_reports, current, scope.overdue, groups)

    return Report(
        month=month,
        as_of=as_of,
        year=int(month[:4]),
        report_items=report_items,
        reports=reports,
        inspection_items=inspection_items,
        inspections=inspections,
        one_off_items=one_off_items,
        one_offs=one_offs,
        tasks=scope.task_rows,
        overdue=scope.overdue,
        late_in_month=scope.late_in_month,
        watch=[e for e in scope.eligibility if e.eligible is False],
        overdue_groups=groups,
        findings=findings,
        eligibility=scope.eligibility,
        rows=rows,
        summary=Summary(current, previous, change),
    )


def _matrix(directive: Directive, rows: Sequence[Row], item_ids: Sequence[str]) -> list[UnitLine]:
    """Per unit (in the directive's order), its row of each item; units with none are left out."""
    index = {(r.occurrence.unit, r.occurrence.item): r for r in rows if r.occurrence.task is None}
    lines = []
    for unit in directive.units:
        cells: dict[str, Row | None] = {i: index.get((unit.id, i)) for i in item_ids}
        if any(cell is not None for cell in cells.values()):
            lines.append(UnitLine(unit.id, cells))
    return lines


def overdue_groups(rows: Sequence[Row], per_unit: int) -> list[OverdueGroup]:
    """Overdue rows (oldest first) by unit, in the order of each unit's oldest row. Within a
    unit, the overdue months of one monthly item make one line (a reader wants "38 months of
    inspections overdue since 5/2022", not 38 lines); each group keeps its oldest ``per_unit``
    lines and counts them all."""
    grouped: dict[str, dict[tuple[str, str, str], list[Row]]] = {}
    for row in rows:
        occ = row.occurrence
        key = (occ.item, "", "") if occ.task is None and occ.period else occ.key
        grouped.setdefault(occ.unit, {}).setdefault(key, []).append(row)
    groups = []
    for unit, by_line in grouped.items():
        lines = [OverdueLine(mine[0], len(mine)) for mine in by_line.values()]
        total = sum(line.count for line in lines)
        groups.append(OverdueGroup(unit, total, lines[:per_unit], len(lines)))
    return groups


def _findings(
    reports: Sequence[Row],
    previous_reports: Sequence[Row],
    current: Snapshot,
    overdue: Sequence[Row],
    groups: Sequence[OverdueGroup],
) -> Findings:
    not_on_time = {"late", "missing"}
    before = {r.occurrence.unit for r in previous_reports if outcome(r) in not_on_time}
    missing = [r.occurrence.unit for r in reports if outcome(r) == "missing"]
    late_twice = [
        r.occurrence.unit
        for r in reports
        if outcome(r) in not_on_time and r.occurrence.unit in before
    ]
    rated = [t for t in current.items if t.rate is not None and t.rate < 100]
    lowest = sorted(rated, key=lambda t: t.rate or 0.0)[:FINDINGS_LOWEST]
    return Findings(missing, late_twice, lowest, list(overdue[:FINDINGS_OLDEST]), len(groups))
