"""Turning what a person asks to record into a ledger event, or refusing it.

Pure: given the directive, the tasks, the events already recorded and today's date, it checks
everything before anything is written and says precisely what is wrong.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from cvtracker.compliance import Event, NewEvent, group_events, progress
from cvtracker.dates import format_day, format_month, month_of, parse_month
from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.errors import InputError
from cvtracker.names import is_task_id, resolve_item, resolve_task
from cvtracker.schedule import Task, item_occurrences


def parse_percent(text: str | float) -> float:
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise InputError("bad_percent", value=text) from None
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise InputError("bad_percent", value=text)
    return value


def assigned_item(directive: Directive, unit: Unit, target: str) -> Obligation | None:
    """The item ``target`` names, if it is assigned to the unit; None for a task id, which only
    the ledger can check."""
    if is_task_id(target):
        return None
    item = resolve_item(directive, target)
    assignees = directive.assignees(item)
    if unit.id not in assignees:
        raise InputError(
            "unit_not_assigned", unit=unit.id, item=item.id, choices=", ".join(assignees)
        )
    return item


def check_request(
    directive: Directive,
    unit: Unit,
    target: str,
    period: str | None,
    on: dt.date,
    today: dt.date,
) -> Obligation | None:
    """Every check that needs no ledger, so that bad input is refused before it is opened.

    Returns the item named (None for a task id, which only the ledger can check)."""
    if on > today:
        raise InputError("date_in_future", value=format_day(on), today=format_day(today))
    item = assigned_item(directive, unit, target)
    if item is None:
        if period is not None:
            raise InputError("period_not_monthly", item=target.strip().upper())
        return None
    deadline = item.deadline
    if not deadline.monthly:
        if period is not None:
            raise InputError("period_not_monthly", item=item.id)
        return item
    assert deadline.start is not None and deadline.until is not None
    if period is not None:
        if not deadline.start <= parse_month(period) <= deadline.until:
            raise InputError(
                "period_out_of_range",
                item=item.id,
                value=period,
                start=deadline.start,
                until=deadline.until,
            )
    elif month_of(on) < deadline.start:
        raise InputError(
            "period_not_started",
            item=item.id,
            start=format_month(deadline.start),
            day=format_day(on),
        )
    return item


def plan_event(
    directive: Directive,
    tasks: Sequence[Task],
    events: Sequence[Event],
    *,
    unit: Unit,
    target: str,
    period: str | None,
    percent: float,
    on: dt.date,
    today: dt.date,
    evidence: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> NewEvent:
    """The event to append for ``record``; raises InputError without side effects."""
    item = check_request(directive, unit, target, period, on, today)
    if item is None:
        task = resolve_task(tasks, target)
        if task.unit != unit.id:
            raise InputError("task_of_other_unit", task=task.id, unit=unit.id, owner=task.unit)
        return NewEvent(unit.id, task.item, task.id, None, percent, on, evidence, note, by)
    if not item.deadline.monthly:
        return NewEvent(unit.id, item.id, None, None, percent, on, evidence, note, by)
    if period is not None:
        month = parse_month(period)
        return NewEvent(unit.id, item.id, None, month, percent, on, evidence, note, by)
    grouped = group_events(events)
    candidates = item_occurrences(directive, item, unit.id, month_of(on))
    still_open = [
        occ for occ in candidates if progress(grouped.get(occ.key, ()), on).completed_on is None
    ]
    if not still_open:
        raise InputError(
            "no_open_period", item=item.id, unit=unit.id, month=format_month(month_of(on))
        )
    if len(still_open) > 1:
        listed = ", ".join(occ.period or "" for occ in still_open)
        raise InputError("several_open_periods", item=item.id, unit=unit.id, choices=listed)
    return NewEvent(unit.id, item.id, None, still_open[0].period, percent, on, evidence, note, by)
