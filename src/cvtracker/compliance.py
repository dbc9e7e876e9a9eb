"""The rules: state of each occurrence as of a day, and the 90% rule of item 4.

Pure functions: given occurrences, the ledger's events and the day, they compute rows. They never
read the clock, the environment or a file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cvtracker.schedule import Occurrence, Task, event_key

State = Literal["done", "late", "overdue", "open"]
STATES: tuple[State, ...] = ("done", "late", "overdue", "open")
PASS_PERCENT = 90.0


@dataclass(frozen=True)
class Event:
    """One entry of the ledger. Events are never changed; a correction is a new event."""

    id: int
    unit: str
    item: str
    task: str | None
    period: str | None
    percent: float
    on: dt.date
    evidence: str | None = None
    note: str | None = None
    by: str | None = None
    recorded_at: dt.datetime | None = None
    voids: int | None = None
    """For a void: the id of the event it voids (same unit, item, task and period; its percent
    and day copied; the reason in ``note``). The state is computed without either."""

    @property
    def key(self) -> tuple[str, str, str]:
        return event_key(self.unit, self.item, self.task, self.period)

    def to_json(self, voided_by: int | None = None) -> dict[str, Any]:
        """The event as ``history --json`` and ``record --json`` print it; ``voided_by``: the
        id of the void of this event, if it was voided (only the history knows)."""
        return {
            "id": self.id,
            "unit": self.unit,
            "item": self.item,
            "task": self.task,
            "period": self.period,
            "percent": _number(self.percent),
            "on": self.on.isoformat(),
            "evidence": self.evidence,
            "note": self.note,
            "by": self.by,
            "recorded_at": self.recorded_at.isoformat() if self.recorded_at else None,
            "voids": self.voids,
            "voided_by": voided_by,
        }


@dataclass(frozen=True)
class NewEvent:
    """An event checked and ready to append; the ledger gives it an id and a time."""

    unit: str
    item: str
    task: str | None
    period: str | None
    percent: float
    on: dt.date
    evidence: str | None = None
    note: str | None = None
    by: str | None = None
    voids: int | None = None

    def stored(self, id: int, recorded_at: dt.datetime | None = None) -> Event:
        """The event as the ledger holds it once appended with this id."""
        return Event(id, **vars(self), recorded_at=recorded_at)


@dataclass(frozen=True)
class Progress:
    percent: float
    completed_on: dt.date | None
    last: Event | None

    @property
    def reported(self) -> bool:
        return self.last is not None


def effective(events: Iterable[Event]) -> Sequence[Event]:
    """The events that count: without the voids and the events they void, whenever the void
    was recorded (a void says the event should never have been recorded; events count by the
    day they name, not the day they were recorded, so a void does too). A void always has the
    scope (unit, item, task, period) of the event it voids: any scope's events hold both."""
    kept = events if isinstance(events, list) else list(events)
    voided = {e.voids for e in kept if e.voids is not None}
    if not voided:
        return kept
    return [e for e in kept if e.voids is None and e.id not in voided]


def voided_by(events: Iterable[Event]) -> dict[int, Event]:
    """Each voided event's id, with the void that voids it."""
    return {e.voids: e for e in events if e.voids is not None}


_NOTHING = Progress(0.0, None, None)


def progress(events: Iterable[Event], as_of: dt.date) -> Progress:
    """The state of one occurrence as of a day, voided events left out (:func:`effective`).

    The percent is that of the last event dated on or before the day (same-day events in the
    order recorded). It is completed on the day of the earliest event from which the percent
    stays at 100 through the day.
    """
    if not events:  # most rows of a long list: nothing recorded
        return _NOTHING
    known = sorted((e for e in effective(events) if e.on <= as_of), key=lambda e: (e.on, e.id))
    if not known:
        return _NOTHING
    completed_on = None
    for event in reversed(known):
        if event.percent < 100:
            break
        completed_on = event.on
    return Progress(known[-1].percent, completed_on, known[-1])


@dataclass(frozen=True)
class Row:
    occurrence: Occurrence
    state: State
    percent: float
    completed_on: dt.date | None
    days_overdue: int | None
    last: Event | None

    @property
    def reported(self) -> bool:
        return self.last is not None

    @property
    def days_late(self) -> int | None:
        """For a late row, how many days after its deadline it was completed (1 on late_from)."""
        late_from = self.occurrence.late_from
        if self.state != "late" or self.completed_on is None or late_from is None:
            return None
        return (self.completed_on - late_from).days + 1

    def to_json(self) -> dict[str, Any]:
        occ = self.occurrence
        return {
            "unit": occ.unit,
            "item": occ.item,
            "task": occ.task,
            "period": occ.period,
            "late_from": occ.late_from.isoformat() if occ.late_from else None,
            "state": self.state,
            "percent": _number(self.percent),
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "days_overdue": self.days_overdue,
        }


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def classify(occurrence: Occurrence, prog: Progress, as_of: dt.date) -> Row:
    late_from = occurrence.late_from
    days_overdue = None
    if prog.completed_on is not None:
        state: State = (
            "late" if late_from is not None and prog.completed_on >= late_from else "done"
        )
    elif late_from is not None and as_of >= late_from:
        state = "overdue"
        days_overdue = (as_of - late_from).days + 1
    else:
        state = "open"
    return Row(occurrence, state, prog.percent, prog.completed_on, days_overdue, prog.last)


def group_events(events: Iterable[Event]) -> dict[tuple[str, str, str], list[Event]]:
    grouped: dict[tuple[str, str, str], list[Event]] = defaultdict(list)
    for event in events:
        grouped[event.key].append(event)
    return grouped


def status_rows(
    occurrences: Iterable[Occurrence], events: Iterable[Event], as_of: dt.date
) -> list[Row]:
    grouped = group_events(events)
    return [classify(occ, progress(grouped.get(occ.key, ()), as_of), as_of) for occ in occurrences]


def counts(rows: Iterable[Row]) -> dict[State, int]:
    tally: dict[State, int] = dict.fromkeys(STATES, 0)
    for row in rows:
        tally[row.state] += 1
    return tally


DASHBOARD_COLUMNS = ("done", "late", "overdue", "open", "ongoing")


def dashboard_counts(rows: Iterable[Row], unit_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per unit, the rows in each state; open rows without a deadline (items 1, 5c, the closing
    clause, undated tasks) are counted apart as ongoing, since they never fall due."""
    tallies: dict[str, dict[str, int]] = {
        unit: dict.fromkeys(DASHBOARD_COLUMNS, 0) for unit in unit_ids
    }
    for row in rows:
        tally = tallies.setdefault(row.occurrence.unit, dict.fromkeys(DASHBOARD_COLUMNS, 0))
        ongoing = row.state == "open" and row.occurrence.late_from is None
        tally["ongoing" if ongoing else row.state] += 1
    return tallies


def by_deadline(rows: Iterable[Row]) -> list[Row]:
    """Rows by their last on-time day, earliest first, those without a deadline last. A stable
    sort: rows of the same day keep their order (from :func:`status_rows`: unit by unit in the
    directive's order, each unit's items in the directive's order, then its tasks by number)."""
    return sorted(rows, key=lambda r: r.occurrence.last_on_time or dt.date.max)


def overdue_rows(rows: Iterable[Row]) -> list[Row]:
    """Overdue rows, oldest deadline first; rows of the same day keep their order (units in the
    directive's order)."""
    return by_deadline(row for row in rows if row.state == "overdue")


# --- what a command shows: filters -------------------------------------------------------------


def select_rows(
    rows: Iterable[Row],
    *,
    unit: str | None = None,
    items: Collection[str] | None = None,
    since: dt.date | None = None,
) -> list[Row]:
    """The rows of one unit (by id), of some items (ids; ``--item 5`` is 5a, 5b and 5c, resolved
    before), and that became late on or after ``since`` (a row with no deadline never did);
    ``None`` keeps every row. The order is kept."""
    return [
        row
        for row in rows
        if (unit is None or row.occurrence.unit == unit)
        and (items is None or row.occurrence.item in items)
        and (
            since is None
            or (row.occurrence.late_from is not None and row.occurrence.late_from >= since)
        )
    ]


def select_tasks(tasks: Iterable[Task], *, unit: str | None = None) -> list[Task]:
    """The tasks of one unit (by id); ``None`` keeps every task. The order is kept."""
    return [task for task in tasks if unit is None or task.unit == unit]


def select_events(
    events: Iterable[Event],
    *,
    unit: str | None = None,
    task: str | None = None,
    items: Collection[str] | None = None,
    since: dt.date | None = None,
    day_of: Callable[[dt.datetime], dt.date] | None = None,
) -> list[Event]:
    """The events of one unit, of one task, or of some items (their own events, not their
    tasks'), recorded on or after ``since`` (``day_of`` tells the day a moment falls on, in
    Viet Nam; an event with no recording time is kept). The order is kept."""
    return [
        event
        for event in events
        if (unit is None or event.unit == unit)
        and (task is None or event.task == task)
        and (items is None or (event.item in items and event.task is None))
        and (
            since is None
            or event.recorded_at is None
            or day_of is None
            or day_of(event.recorded_at) >= since
        )
    ]


# --- the 90% rule ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Failing:
    row: Row

    def to_json(self) -> dict[str, Any]:
        occ = self.row.occurrence
        return {
            "item": occ.item,
            "task": occ.task,
            "period": occ.period,
            "percent": _number(self.row.percent),
            "reported": self.row.reported,
        }


@dataclass(frozen=True)
class Eligibility:
    unit: str
    person: str | None
    """None for the head of the unit."""
    judged: int
    """How many tasks had come due in the year (deadline passed) and were judged."""
    failing: list[Failing] = field(default_factory=list)
    rated_by_issuer: bool = True
    """False for a unit the issuer does not rate (its own hierarchy does): its findings are
    passed on for that hierarchy to consider."""

    @property
    def eligible(self) -> bool | None:
        """False: barred by item 4; True: not barred by it; None: no task has come due."""
        if self.failing:
            return False
        return None if self.judged == 0 else True

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "person": self.person,
            "eligible": self.eligible,
            "failing": [f.to_json() for f in self.failing],
            "rated_by_issuer": self.rated_by_issuer,
        }


def judged(row: Row, year: int, as_of: dt.date) -> bool:
    """Whether the 90% rule looks at a row: a task of a plan (never one of the directive's own
    items: item 4 speaks of "từng nhiệm vụ được giao theo Kế hoạch đề ra"), whose deadline has
    passed by the day (the day ≥ ``late_from``: on its last on-time day it is still open), and
    which falls in the year judged (by the directive's own date, not the rolled one)."""
    from cvtracker.scope import judged_occurrence

    return judged_occurrence(row.occurrence, year, as_of)


def judgement_day(
    year: int | None, as_of: dt.date | None, today: dt.date, rating_deadline: dt.date | None = None
) -> tuple[int, dt.date]:
    """The year judged and the day to judge it as of: the day given; else, for a year, the day
    before its rating deadline (``rating_deadline``, 15/12 of the year by default) or today if
    earlier; else today. The year defaults to the day's."""
    if as_of is not None:
        day = as_of
    elif year is not None:
        deadline = rating_deadline or dt.date(year, 12, 15)
        day = min(today, deadline - dt.timedelta(days=1))
    else:
        day = today
    return (year if year is not None else day.year), day


def eligibility(
    rows: Iterable[Row],
    unit_ids: Iterable[str],
    year: int,
    as_of: dt.date,
    not_rated: Iterable[str] = (),
    people: Iterable[Occurrence] = (),
) -> list[Eligibility]:
    """Per unit head, then per person: barred from "hoàn thành tốt nhiệm vụ" or higher when any
    plan task that has come due in the year reached less than 90% of its volume. Judged per
    task, never on an average; exactly 90 passes, 89.5 fails; nothing recorded counts as 0. The
    head answers for every task of the unit, a person for the tasks assigned to them. Units in
    ``not_rated`` are those the issuer does not rate. ``people``: task occurrences that name
    heads and persons too, without a row (a read that left out the tasks it does not judge)."""
    heads: dict[str, list[Row]] = {unit: [] for unit in unit_ids}
    persons: dict[tuple[str, str], list[Row]] = {}
    for occ in people:
        if occ.task is not None:
            heads.setdefault(occ.unit, [])
            if occ.person is not None:
                persons.setdefault((occ.unit, occ.person), [])
    for row in rows:
        occ = row.occurrence
        if occ.task is None:
            continue
        heads.setdefault(occ.unit, []).append(row)
        if occ.person is not None:
            persons.setdefault((occ.unit, occ.person), []).append(row)
    apart = set(not_rated)
    result = []
    groups: list[tuple[str, str | None, list[Row]]] = [(u, None, r) for u, r in heads.items()]
    groups += [(u, p, r) for (u, p), r in sorted(persons.items())]
    for unit, person, unit_rows in groups:
        considered = [row for row in unit_rows if judged(row, year, as_of)]
        failing = [Failing(row) for row in considered if row.percent < PASS_PERCENT]
        result.append(Eligibility(unit, person, len(considered), failing, unit not in apart))
    return result


def due_today(row: Row, as_of: dt.date) -> bool:
    """An open row on its last on-time day: still on time, due today."""
    return row.state == "open" and row.occurrence.last_on_time == as_of


def working_days_left(row: Row, as_of: dt.date) -> int | None:
    """For an open row with a deadline: working days from the day through its last on-time day
    (Vietnamese public holidays, lunar ones included, are not working days)."""
    from cvtracker.dates import working_days

    last = row.occurrence.last_on_time
    if row.state != "open" or last is None:
        return None
    return working_days(as_of, last)
