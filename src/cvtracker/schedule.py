"""Occurrences: what each unit owes, and when it becomes late.

A one-off obligation gives one occurrence per assigned unit; a monthly one gives one per month
(named by the month in which it falls due) from its ``start`` through its ``until``, up to the day
asked about, and never one falling due after the directive's ``in_force_until``; a task from a
unit's own plan gives one. An ongoing item with ``starts`` applies from that day. Pure functions
of the directive, the tasks and the day.

Two last days: the one the directive's words give (``nominal_last``: X−1 for "trước ngày X", X for
"đến hết ngày X"), which decides the month and year an occurrence falls in, and the one the law
gives (``last_on_time``): when the nominal one is a day off, the next working day (Bộ luật Dân sự
2015, Điều 148 khoản 5), unless the directive's data file turns the roll off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, Literal, TypeVar, overload

from cvtracker.dates import first_day, last_day, month_of, months_between, next_working_day
from cvtracker.directive import Directive, Obligation

Wording = Literal["before", "through", "ongoing"]
T = TypeVar("T")


class once(Generic[T]):
    """``functools.cached_property`` without its lock (before Python 3.12 it takes one at every
    first access: ~0.7 µs, three times an occurrence, 10,000s of occurrences a read). Worked
    out once, the value sits in the instance's ``__dict__``, which is then read directly."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


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
    cancelled: bool = False
    """Cancelled by ``task cancel``: it never counts (no occurrence, no 90% rule, no mail)."""

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
    person: str | None = None
    title: str | None = None
    roll: bool = True
    """A last day that falls on a day off moves to the next working day."""

    # The days below are worked out once per occurrence (kept in the instance's __dict__; the
    # fields, equality and hash are the dataclass's): a read of 10,000 rows asks each several
    # times.

    @once
    def key(self) -> tuple[str, str, str]:
        return event_key(self.unit, self.item, self.task, self.period)

    @once
    def nominal_last(self) -> dt.date | None:
        """The last on-time day as the words give it: X−1 for "trước ngày X", X for "đến hết
        ngày X"."""
        return deadline_days(self.kind, self.due, self.roll)[0]

    @once
    def last_on_time(self) -> dt.date | None:
        """The real last on-time day: the nominal one, or the next working day after it when it
        is a day off (rule 1b)."""
        return deadline_days(self.kind, self.due, self.roll)[1]

    @once
    def rolled_from(self) -> dt.date | None:
        """The nominal last day, when it was a day off and the limit moved; else None."""
        nominal = self.nominal_last
        return nominal if nominal is not None and nominal != self.last_on_time else None

    @once
    def late_from(self) -> dt.date | None:
        """The first day on which the occurrence is late."""
        return deadline_days(self.kind, self.due, self.roll)[2]

    @once
    def falls_in(self) -> str | None:
        """The month of the nominal last day: "trước ngày 1/6" falls in May, and so does an
        inspection due through Sunday 31/7 that may be done on Monday 1/8 (the roll changes when
        an item becomes late, never which month it belongs to)."""
        last = self.nominal_last
        return None if last is None else month_of(last)


@cache  # the same few hundred deadlines for every unit
def deadline_days(
    kind: Wording, due: dt.date | None, roll: bool
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """An occurrence's last on-time day as the words give it, the real one (rolled past a day
    off, rule 1b), and the first day it is late."""
    if due is None:
        return None, None, None
    nominal = due - dt.timedelta(days=1) if kind == "before" else due
    last = next_working_day(nominal) if roll else nominal
    return nominal, last, last + dt.timedelta(days=1)


def event_key(unit: str, item: str, task: str | None, period: str | None) -> tuple[str, str, str]:
    """The key that ties events to an occurrence: a task by its id, an item by its period."""
    if task is not None:
        return (unit, "task", task)
    return (unit, item, period or "")


# monthly_periods by (directive, item, month): asked once per unit and item by every read and
# once per row by an import; the directive is kept in the value so that an id is never reused
_PERIODS: dict[tuple[int, str, str | None], tuple[Directive, Obligation, tuple[str, ...]]] = {}


def monthly_periods(directive: Directive, item: Obligation, up_to_month: str | None) -> list[str]:
    """The months of a monthly item, from its ``start`` through its ``until`` and
    ``up_to_month``, leaving out any whose deadline falls after the directive ended."""
    key = (id(directive), item.id, up_to_month)
    hit = _PERIODS.get(key)
    if hit is not None and hit[0] is directive and hit[1] is item:
        return list(hit[2])
    periods = _monthly_periods(directive, item, up_to_month)
    if len(_PERIODS) > 10_000:
        _PERIODS.clear()
    _PERIODS[key] = (directive, item, tuple(periods))
    return periods


def _monthly_periods(directive: Directive, item: Obligation, up_to_month: str | None) -> list[str]:
    deadline = item.deadline
    assert deadline.start is not None and deadline.until is not None
    end = deadline.until if up_to_month is None else min(deadline.until, up_to_month)
    periods = months_between(deadline.start, end)
    ends = directive.in_force_until
    if ends is None:
        return periods
    return [p for p in periods if (_monthly(item, p, True).nominal_last or ends) <= ends]


def _monthly(item: Obligation, period: str, roll: bool, unit: str = "") -> Occurrence:
    deadline = item.deadline
    if deadline.kind == "monthly_before":
        assert deadline.day is not None
        due = first_day(period).replace(day=deadline.day)
        return Occurrence(unit, item.id, None, period, "before", due, roll=roll)
    return Occurrence(unit, item.id, None, period, "through", last_day(period), roll=roll)


# the first and end day of the units that have one, by directive (see _PERIODS)
_LIVES: dict[int, tuple[Directive, dict[str, tuple[dt.date | None, dt.date | None]]]] = {}


def _lives(directive: Directive) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    hit = _LIVES.get(id(directive))
    if hit is not None and hit[0] is directive:
        return hit[1]
    lives = {u.id: (u.starts, u.ends) for u in directive.units if u.starts or u.ends}
    if len(_LIVES) > 1_000:
        _LIVES.clear()
    _LIVES[id(directive)] = (directive, lives)
    return lives


def _alive(
    occ: Occurrence, starts: dt.date | None, ends: dt.date | None, up_to: dt.date | None
) -> bool:
    """Whether a unit's occurrence falls in its life (units registry, issue 12): a dated one
    whose last day is on or after its first day and before its end; an undated one as of a
    day in its life."""
    last = occ.nominal_last
    if last is None:
        if up_to is None:
            return True
        return (starts is None or up_to >= starts) and (ends is None or up_to < ends)
    return (starts is None or last >= starts) and (ends is None or last < ends)


def item_occurrences(
    directive: Directive, item: Obligation, unit: str, up_to: dt.date | None
) -> list[Occurrence]:
    """Occurrences of one item for one unit as of the day ``up_to``: monthly ones up to and
    including its month; an ongoing item with ``starts`` from that day. None: all of them.
    A unit merged or retired owes nothing from its end day, a merge's successor nothing before
    its first day."""
    found = _item_occurrences(directive, item, unit, up_to)
    life = _lives(directive).get(unit)
    if life is None:
        return found
    return [o for o in found if _alive(o, life[0], life[1], up_to)]


def _item_occurrences(
    directive: Directive, item: Obligation, unit: str, up_to: dt.date | None
) -> list[Occurrence]:
    deadline = item.deadline
    roll = directive.calendar.roll_past_days_off
    if deadline.kind in ("before", "through"):
        once = Occurrence(unit, item.id, None, None, deadline.kind, deadline.date, roll=roll)
        ends = directive.in_force_until
        if ends is not None and once.nominal_last is not None and once.nominal_last > ends:
            return []  # due after the directive ended (retired before its day, issue 12)
        return [once]
    if deadline.kind == "ongoing":
        if deadline.starts is not None and up_to is not None and up_to < deadline.starts:
            return []
        return [Occurrence(unit, item.id, None, None, "ongoing", None, roll=roll)]
    up_to_month = None if up_to is None else month_of(up_to)
    return [_monthly(item, p, roll, unit) for p in monthly_periods(directive, item, up_to_month)]


def task_occurrence(task: Task, roll: bool = True) -> Occurrence:
    kind: Wording = task.deadline_kind or "ongoing"
    return Occurrence(
        task.unit,
        task.item,
        task.id,
        None,
        kind,
        task.deadline,
        person=task.assignee,
        title=task.title,
        roll=roll,
    )


# occurrences by (directive, day, tasks): a read asks for the same ones twice (what to read,
# then the rows), and the occurrences keep the days worked out the first time; the directive is
# kept in the value so that an id is never reused
_OCCURRENCES: dict[
    tuple[int, dt.date | None, tuple[Task, ...]], tuple[Directive, tuple[Occurrence, ...]]
] = {}


def occurrences(directive: Directive, tasks: list[Task], as_of: dt.date | None) -> list[Occurrence]:
    """Every occurrence as of the day (monthly ones up to the day's month), unit by unit; a
    cancelled task has none.

    With ``as_of`` None, every monthly occurrence through each item's ``until``.
    """
    key = (id(directive), as_of, tuple(tasks))
    hit = _OCCURRENCES.get(key)
    if hit is not None and hit[0] is directive:
        return list(hit[1])
    found = _occurrences(directive, tasks, as_of)
    if len(_OCCURRENCES) >= 8:
        _OCCURRENCES.clear()
    _OCCURRENCES[key] = (directive, tuple(found))
    return found


def _occurrences(
    directive: Directive, tasks: list[Task], as_of: dt.date | None
) -> list[Occurrence]:
    roll = directive.calendar.roll_past_days_off
    by_unit: dict[str, list[Occurrence]] = {unit.id: [] for unit in directive.units}
    for item in directive.obligations:
        for unit in directive.assignees(item):
            by_unit[unit].extend(item_occurrences(directive, item, unit, as_of))
    for task in tasks:
        if task.cancelled:
            continue
        by_unit.setdefault(task.unit, []).append(task_occurrence(task, roll))
    return [occ for unit_occurrences in by_unit.values() for occ in unit_occurrences]
