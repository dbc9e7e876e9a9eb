"""Occurrences: what each unit owes, and when it becomes late.

A one-off obligation gives one occurrence per assigned unit; a monthly one gives one per month
(named by the month in which it falls due) from its ``start`` through its ``until``, up to the day
asked about; a task from a unit's own plan gives one. Pure functions of the directive, the tasks
and the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from cvtracker.dates import first_day, last_day, month_of, months_between
from cvtracker.directive import Directive, Obligation

Wording = Literal["before", "through", "ongoing"]
TASK_DEFAULT_ITEM = "3"


@dataclass(frozen=True)
class Task:
    """A task from a unit's own plan (item 3), optionally assigned to a person."""

    number: int
    unit: str
    title: str
    item: str = TASK_DEFAULT_ITEM
    assignee: str | None = None
    deadline_kind: Literal["before", "through"] | None = None
    deadline: dt.date | None = None

    @property
    def id(self) -> str:
        return f"T{self.number}"


@dataclass(frozen=True)
class Occurrence:
    unit: str
    item: str
    task: str | None
    period: str | None
    kind: Wording
    due: dt.date | None
    """The day the deadline's words name: X in "trước ngày X" or "đến hết ngày X"."""
    rated: bool
    person: str | None = None
    title: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return event_key(self.unit, self.item, self.task, self.period)

    @property
    def late_from(self) -> dt.date | None:
        """The first day on which the occurrence is late."""
        if self.due is None:
            return None
        if self.kind == "before":
            return self.due
        return self.due + dt.timedelta(days=1)

    @property
    def last_on_time(self) -> dt.date | None:
        late_from = self.late_from
        return None if late_from is None else late_from - dt.timedelta(days=1)

    @property
    def falls_in(self) -> str | None:
        """The month of the last on-time day: "trước ngày 1/6" falls in May."""
        last = self.last_on_time
        return None if last is None else month_of(last)


def event_key(unit: str, item: str, task: str | None, period: str | None) -> tuple[str, str, str]:
    """The key that ties events to an occurrence: a task by its id, an item by its period."""
    if task is not None:
        return (unit, "task", task)
    return (unit, item, period or "")


def item_occurrences(
    directive: Directive, item: Obligation, unit: str, up_to_month: str | None
) -> list[Occurrence]:
    """Occurrences of one item for one unit; monthly ones up to and including ``up_to_month``."""
    deadline = item.deadline
    if deadline.kind in ("before", "through"):
        return [Occurrence(unit, item.id, None, None, deadline.kind, deadline.date, item.rated)]
    if deadline.kind == "ongoing":
        return [Occurrence(unit, item.id, None, None, "ongoing", None, item.rated)]
    assert deadline.start is not None and deadline.until is not None
    end = deadline.until if up_to_month is None else min(deadline.until, up_to_month)
    occurrences = []
    for period in months_between(deadline.start, end):
        if deadline.kind == "monthly_before":
            assert deadline.day is not None
            due = first_day(period).replace(day=deadline.day)
            occurrences.append(Occurrence(unit, item.id, None, period, "before", due, item.rated))
        else:
            occurrences.append(
                Occurrence(unit, item.id, None, period, "through", last_day(period), item.rated)
            )
    return occurrences


def task_occurrence(task: Task) -> Occurrence:
    kind: Wording = task.deadline_kind or "ongoing"
    return Occurrence(
        task.unit,
        task.item,
        task.id,
        None,
        kind,
        task.deadline,
        rated=task.deadline is not None,
        person=task.assignee,
        title=task.title,
    )


def occurrences(directive: Directive, tasks: list[Task], as_of: dt.date | None) -> list[Occurrence]:
    """Every occurrence as of the day (monthly ones up to the day's month), unit by unit.

    With ``as_of`` None, every monthly occurrence through each item's ``until``.
    """
    up_to = None if as_of is None else month_of(as_of)
    by_unit: dict[str, list[Occurrence]] = {unit.id: [] for unit in directive.units}
    for item in directive.obligations:
        for unit in directive.assignees(item):
            by_unit[unit].extend(item_occurrences(directive, item, unit, up_to))
    for task in tasks:
        by_unit.setdefault(task.unit, []).append(task_occurrence(task))
    return [occ for unit_occurrences in by_unit.values() for occ in unit_occurrences]
