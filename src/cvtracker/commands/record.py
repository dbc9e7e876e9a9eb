"""``record``: one progress event appended to the ledger, and the result said in one line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from cvtracker.commands.output import emit

if TYPE_CHECKING:
    from cvtracker.compliance import Event, NewEvent
    from cvtracker.schedule import Task
    from cvtracker.session import Session


def run(
    s: Session,
    *,
    unit: str,
    target: str,
    period: str | None,
    percent: str | None,
    done: bool,
    on: str | None,
    evidence: str | None,
    note: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    from cvtracker import words  # the result line's words (rich is not needed to say one line)
    from cvtracker.dates import format_day, parse_period
    from cvtracker.errors import InputError
    from cvtracker.names import resolve_unit
    from cvtracker.recording import (
        check_request,
        outcome_row,
        parse_percent,
        plan_event,
        recording_notes,
    )
    from cvtracker.settings import current_user, now_utc

    # resolve: everything the user typed is checked before the ledger is opened
    if done == (percent is not None):
        raise InputError("percent_or_done")
    value = 100.0 if done else parse_percent(percent or "")
    day = s.day(on)
    month = parse_period(period, day) if period else None
    found = resolve_unit(s.directive, unit)
    today = s.today()
    check_request(s.directive, found, target, month, day, today)
    recorder = by or current_user()

    # write: planned on a snapshot outside the write lock, planned again under it if another
    # writer recorded for the same unit and item meanwhile (Ledger.append_planned)
    seen: dict[str, Any] = {}

    def plan(tasks: Sequence[Task], events: Sequence[Event]) -> list[NewEvent]:
        seen.update(tasks=tasks, events=events)
        planned = plan_event(
            s.directive,
            tasks,
            events,
            unit=found,
            target=target,
            period=month,
            percent=value,
            on=day,
            today=today,
            evidence=evidence,
            note=note,
            by=recorder,
        )
        return [planned]

    def stamp() -> dt.datetime:
        seen["at"] = now_utc()
        return seen["at"]  # type: ignore[no-any-return]

    (new,), (event_id,) = s.ledger.append_planned(plan, stamp, unit=found.id)

    # compute: the notes on a suspicious record, and the occurrence's state now
    recorded_at: dt.datetime = seen["at"]
    notes = recording_notes(new, seen["events"])
    stored = new.stored(event_id, recorded_at)
    result = outcome_row(s.directive, seen["tasks"], seen["events"], stored, today)

    # render
    for found_note in notes:
        typer.echo(s.t(found_note.key, **found_note.params), err=True)

    def people() -> None:
        shown_period = (
            f" ({words.period_words(s.directive, new.item, new.period, s.t)})" if new.period else ""
        )
        typer.echo(
            s.t(
                "recorded_task" if new.task else "recorded",
                id=event_id,
                unit=words.unit_name(s.directive, found.id, s.t),
                item=new.task or new.item,
                period=shown_period,
                percent=f"{new.percent:g}",
                day=format_day(new.on),
            )
        )
        if result is not None:
            # "hoàn thành đúng hạn", or how overdue it still is: "50% – quá hạn 3 ngày"
            overdue = result.state == "overdue"
            state = words.overdue_text(result, s.t) if overdue else words.state_text(result, s.t)
            typer.echo(s.t("record_result", state=state))

    emit(s, as_json, lambda: {**stored.to_json(), "directive": s.directive_id}, people)
