"""Turning what a person asks to record into a ledger event, or refusing it.

Pure: given the directive, the tasks, the events already recorded and today's date, it checks
everything before anything is written and says precisely what is wrong.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from cvtracker.compliance import (
    Event,
    NewEvent,
    Row,
    classify,
    effective,
    group_events,
    progress,
)
from cvtracker.dates import format_day, format_month, month_of, parse_date, parse_month
from cvtracker.directive import Directive, Obligation, Unit
from cvtracker.errors import InputError
from cvtracker.names import canonical_person, is_task_id, resolve_item, resolve_task
from cvtracker.schedule import (
    Task,
    event_key,
    item_occurrences,
    monthly_periods,
    task_occurrence,
)

NEAREST_OPEN = 3
"""A refusal for several open periods lists this many, the nearest to the day."""


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
    if not directive.reaches(item, unit):
        assignees = directive.assignees(item)
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
    if unit.starts is not None or unit.ends is not None:
        check_life(directive, unit, item, period, on)
    deadline = item.deadline
    if not deadline.monthly:
        if period is not None:
            raise InputError("period_not_monthly", item=item.id)
        return item
    assert deadline.start is not None and deadline.until is not None
    if period is not None:
        month = parse_month(period)
        if not deadline.start <= month <= deadline.until:
            raise InputError(
                "period_out_of_range",
                item=item.id,
                value=period,
                start=deadline.start,
                until=deadline.until,
            )
        periods = monthly_periods(directive, item, None)
        end = directive.in_force_until
        if end is not None and (not periods or month > periods[-1]):
            raise InputError(
                "period_after_end",
                item=item.id,
                value=period,
                number=directive.directive.number,
                end=format_day(end),
                last=periods[-1] if periods else "—",
            )
    elif month_of(on) < deadline.start:
        raise InputError(
            "period_not_started",
            item=item.id,
            start=format_month(deadline.start),
            day=format_day(on),
        )
    return item


def check_life(
    directive: Directive, unit: Unit, item: Obligation, period: str | None, on: dt.date
) -> None:
    """A unit merged, retired or made by a merge (units registry) owes only what falls due in
    its life: an event for an occurrence outside it is refused, naming the successor."""
    if item.deadline.monthly and period is None:
        return  # the open months to choose from are the unit's own (plan_event)
    undated = item.deadline.kind == "ongoing"
    found = item_occurrences(directive, item, unit.id, on if undated else None)
    month = parse_month(period) if period is not None else None
    if any(o.period == month for o in found):
        return
    what = item.id if month is None else f"{item.id} ({month})"
    if unit.ends is not None and (unit.starts is None or on >= unit.starts):
        day = format_day(unit.ends)
        if unit.merged_into is not None:
            raise InputError(
                "unit_record_merged", unit=unit.id, item=what, day=day, successor=unit.merged_into
            )
        raise InputError("unit_record_retired", unit=unit.id, item=what, day=day)
    first = unit.starts or on
    raise InputError("unit_record_not_started", unit=unit.id, item=what, day=format_day(first))


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
        if task.cancelled:
            raise InputError("task_is_cancelled", task=task.id)
        return NewEvent(unit.id, task.item, task.id, None, percent, on, evidence, note, by)
    if not item.deadline.monthly:
        return NewEvent(unit.id, item.id, None, None, percent, on, evidence, note, by)
    if period is not None:
        month = parse_month(period)
        return NewEvent(unit.id, item.id, None, month, percent, on, evidence, note, by)
    grouped = group_events(events)
    candidates = item_occurrences(directive, item, unit.id, on)
    still_open = [
        occ for occ in candidates if progress(grouped.get(occ.key, ()), on).completed_on is None
    ]
    if not still_open:
        raise InputError(
            "no_open_period", item=item.id, unit=unit.id, month=format_month(month_of(on))
        )
    if len(still_open) > 1:
        # the three nearest to the day, each with its last day and the option to copy
        nearest = sorted(still_open, key=lambda occ: abs(((occ.last_on_time or on) - on).days))[
            :NEAREST_OPEN
        ]
        nearest.sort(key=lambda occ: occ.period or "")
        listed = "; ".join(
            f"{occ.period} ({format_day(occ.last_on_time or on)}): … -p {occ.period}"
            for occ in nearest
        )
        rest = len(still_open) - len(nearest)
        raise InputError(
            "several_open_periods_more" if rest else "several_open_periods",
            item=item.id,
            unit=unit.id,
            count=len(still_open),
            choices=listed,
            rest=rest,
        )
    return NewEvent(unit.id, item.id, None, still_open[0].period, percent, on, evidence, note, by)


@dataclass(frozen=True)
class NewTask:
    """A task checked and ready to add; the ledger gives it its number."""

    unit: str
    item: str
    title: str
    assignee: str | None
    deadline_kind: Literal["before", "through"] | None
    deadline: dt.date | None

    def spelled_as_known(self, known: Iterable[str | None], *, new_person: bool = False) -> NewTask:
        """The assignee as the unit's earlier tasks spell the same person; a name that differs
        from a known one only by its diacritics is refused unless ``new_person``."""
        if self.assignee is None:
            return self
        spelled = canonical_person(self.assignee, known, new_person=new_person)
        return replace(self, assignee=spelled)


def plan_task(
    directive: Directive,
    unit: Unit,
    *,
    item: str,
    title: str,
    assignee: str | None,
    before: str | None,
    through: str | None,
) -> NewTask:
    """``task add``: a task of the unit's own plan for one of its items, with at most one
    deadline; raises InputError without side effects."""
    obligation = resolve_item(directive, item)
    assigned_item(directive, unit, obligation.id)  # a unit plans only for its own items
    if before and through:
        raise InputError("deadline_one")
    if not title.strip():
        raise InputError("empty_title")
    given = before or through
    deadline = parse_date(given) if given else None
    end = directive.in_force_until
    if deadline is not None and end is not None:
        # the last day the words give: X−1 for "trước ngày X", X for "đến hết ngày X"
        nominal = deadline - dt.timedelta(days=1) if before else deadline
        if nominal > end:
            raise InputError(
                "task_after_end",
                number=directive.directive.number,
                end=format_day(end),
                day=format_day(deadline),
            )
    return NewTask(
        unit=unit.id,
        item=obligation.id,
        title=" ".join(title.split()),
        assignee=" ".join(assignee.split()) if assignee and assignee.strip() else None,
        deadline_kind="before" if before else "through" if through else None,
        deadline=deadline,
    )


@dataclass(frozen=True)
class Note:
    """Something about an accepted record that looks like a mistake: a catalog key and its
    parameters (the shell says it on stderr; the record is kept)."""

    key: str
    params: dict[str, str]


def recording_notes(new: NewEvent, events: Iterable[Event]) -> list[Note]:
    """What is odd about appending ``new`` to the ledger's ``events``: recording into an
    occurrence already complete, repeating an earlier event exactly, or lowering the percent."""
    key = event_key(new.unit, new.item, new.task, new.period)
    # a voided event and its void are as if never recorded (compliance.effective)
    earlier = sorted((e for e in effective(events) if e.key == key), key=lambda e: (e.on, e.id))
    if not earlier:
        return []
    notes: list[Note] = []
    state = progress(earlier, dt.date.max)
    if state.completed_on is not None:
        which = "_task" if new.task else "_period" if new.period else ""
        day = format_day(state.completed_on)
        # the event that completed it, so that a wrong day can be voided (cvtracker void)
        completing = next(
            (e for e in earlier if e.percent >= 100 and e.on == state.completed_on), earlier[-1]
        )
        notes.append(Note(f"note_already_complete{which}", {"day": day, "id": str(completing.id)}))
    for event in earlier:
        same = (event.percent, event.on, event.evidence, event.note)
        if same == (new.percent, new.on, new.evidence, new.note):
            notes.append(Note("note_duplicate", {"id": str(event.id)}))
            break
    before = [e for e in earlier if e.on <= new.on]
    if before and state.completed_on is None and new.percent < before[-1].percent:
        last = before[-1]
        notes.append(
            Note(
                "note_lower_percent",
                {
                    "id": str(last.id),
                    "percent": f"{new.percent:g}",
                    "previous": f"{last.percent:g}",
                },
            )
        )
    return notes


def outcome_row(
    directive: Directive,
    tasks: Sequence[Task],
    events: Sequence[Event],
    new: Event,
    today: dt.date,
) -> Row | None:
    """The state of the occurrence ``new`` went into, as of today, with it recorded: what
    ``record`` says after appending ("hoàn thành đúng hạn", "50% – quá hạn 3 ngày")."""
    roll = directive.calendar.roll_past_days_off
    if new.task is not None:
        found = [t for t in tasks if t.id == new.task]
        occurrence = task_occurrence(found[0], roll) if found else None
    else:
        item = directive.obligation(new.item)
        candidates = item_occurrences(directive, item, new.unit, None)
        occurrence = next((o for o in candidates if o.key == new.key), None)
    if occurrence is None:
        return None
    mine = [e for e in events if e.key == new.key] + [new]
    return classify(occurrence, progress(mine, max(today, new.on)), max(today, new.on))
