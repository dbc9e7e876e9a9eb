"""``cvtracker void``, ``task edit``, ``task cancel``, and what ``history`` shows of them: the
flows (the rules: :mod:`cvtracker.revisions`).

Each flow reads top to bottom: what was typed is checked before the ledger is opened; under the
ledger's write lock, what the ledger holds is read, the core plans the row, and it is appended,
so that two clerks voiding the same event at once cannot both do it. A refusal raises before
anything is written (exit 2), and the transaction is rolled back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from cvtracker.commands.output import emit
from cvtracker.errors import InputError

if TYPE_CHECKING:
    from cvtracker.compliance import Event, Row
    from cvtracker.directive import Directive
    from cvtracker.i18n import Translator
    from cvtracker.ledger import Ledger
    from cvtracker.revisions import RevisionEntry, TaskRevision
    from cvtracker.schedule import Task
    from cvtracker.session import InUse, Session


def parse_event_id(text: str) -> int:
    """``12`` or ``#12``: the number in history's first column."""
    match = re.fullmatch(r"\s*#?\s*(\d{1,12})\s*", text)
    if match is None or int(match.group(1)) == 0:
        raise InputError("bad_event_id", value=text)
    return int(match.group(1))


# --- the commands -------------------------------------------------------------------------------


def run_void(s: Session, *, event: str, reason: str, by: str | None, as_json: bool) -> None:
    """``cvtracker void EVENT_ID --reason TEXT``."""
    from cvtracker.revisions import check_reason
    from cvtracker.settings import current_user, now_utc

    # everything checked before the ledger is opened for writing (which would create it)
    event_id = parse_event_id(event)
    check_reason(reason)
    if not s.has_ledger:  # no ledger yet: no event to void, and none is created
        raise InputError("void_unknown", id=event_id)
    if s.several():
        # an event's number is unique in the ledger, so it names its directive: no --cv needed
        s = s.for_cv(_directive_of_event(s, event))
    done = void(
        s.ledger,
        s.directive,
        event,
        reason,
        by=by or current_user(),
        now=now_utc,
        today=s.today(),
    )

    def people() -> None:
        for line in say_voided(done, s.directive, s.t):
            typer.echo(line)

    emit(s, as_json, lambda: {**done.void.to_json(), "directive": s.directive_id}, people)


def _directive_of_event(s: Session, event: str) -> InUse:
    from cvtracker.errors import InputError

    event_id = parse_event_id(event)
    found = s.directive_of_event(event_id)
    if found is None:
        raise InputError("void_unknown", id=event_id)
    for use in s.directives:
        if use.id == found:
            return use
    return s.chosen  # a directive no longer in use: --cv, or the usual refusal


def _task_exists_somewhere(s: Session, text: str) -> None:
    """Refuse what is not a task id, or any task when there is no ledger yet, before the
    ledger is opened for writing (which would create it)."""
    from cvtracker.names import is_task_id

    if not s.has_ledger or not is_task_id(text):
        _task([], text)  # "no task T3": one line, exit 2, nothing created


def run_edit(
    s: Session,
    *,
    task: str,
    title: str | None,
    assignee: str | None,
    new_person: bool,
    before: str | None,
    through: str | None,
    reason: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """``cvtracker task edit T3 [--title] [--assignee] [--before|--through]``."""
    from cvtracker.render import task_json
    from cvtracker.revisions import check_edit_request
    from cvtracker.settings import current_user, now_utc

    # everything checked before the ledger is opened for writing (which would create it)
    check_edit_request(title=title, assignee=assignee, before=before, through=through)
    _task_exists_somewhere(s, task)
    done = edit_task(
        s.ledger,
        s.directive,
        task,
        title=title,
        assignee=assignee,
        before=before,
        through=through,
        new_person=new_person,
        reason=reason,
        by=by or current_user(),
        now=now_utc,
    )
    emit(
        s,
        as_json,
        lambda: {**task_json(done.after), "directive": s.directive_id},
        lambda: typer.echo(say_revised(done, s.directive, s.t)),
    )


def run_cancel(s: Session, *, task: str, reason: str, by: str | None, as_json: bool) -> None:
    """``cvtracker task cancel T3 --reason TEXT``."""
    from cvtracker.render import task_json
    from cvtracker.revisions import check_reason
    from cvtracker.settings import current_user, now_utc

    check_reason(reason)
    _task_exists_somewhere(s, task)
    done = cancel_task(s.ledger, task, reason, by=by or current_user(), now=now_utc)
    emit(
        s,
        as_json,
        lambda: {**task_json(done.after), "directive": s.directive_id},
        lambda: typer.echo(say_revised(done, s.directive, s.t)),
    )


# --- void ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voided:
    target: Event
    void: Event
    result: Row | None
    """The state of the occurrence with the event voided, as of today."""


def void(
    ledger: Ledger,
    directive: Directive,
    event_text: str,
    reason: str,
    *,
    by: str | None,
    now: Callable[[], dt.datetime],
    today: dt.date,
) -> Voided:
    from cvtracker.recording import outcome_row
    from cvtracker.revisions import check_reason, plan_void

    event_id = parse_event_id(event_text)
    check_reason(reason)
    with ledger.writing() as conn:
        target = ledger.event(conn, event_id)
        earlier = ledger.void_of(conn, event_id) if target is not None else None
        new = plan_void(event_id, target, earlier, reason=reason, by=by)
        assert target is not None
        tasks = ledger.tasks(conn)
        events = ledger.events(conn, unit=target.unit)
        at = now()
        (void_id,) = ledger.append(conn, [new], at)
    stored = new.stored(void_id, at)
    try:
        result = outcome_row(directive, tasks, events, stored, today)
    except KeyError:  # an event of an item this directive file does not have: no result line
        result = None
    return Voided(target, stored, result)


def say_voided(done: Voided, directive: Directive, t: Translator) -> list[str]:
    from cvtracker.dates import format_day
    from cvtracker.render import overdue_text, period_words, state_text, unit_name

    target = done.target
    item = target.task or target.item
    if target.period:
        item += f" ({period_words(directive, target.item, target.period, t)})"
    lines = [
        t(
            "voided",
            id=target.id,
            unit=unit_name(directive, target.unit, t),
            item=item,
            percent=f"{target.percent:g}",
            day=format_day(target.on),
            void=done.void.id,
            reason=done.void.note or "",
        )
    ]
    result = done.result
    if result is not None:
        overdue = result.state == "overdue"
        state = overdue_text(result, t) if overdue else state_text(result, t)
        lines.append(t("record_result", state=state))
    return lines


# --- task edit, task cancel ---------------------------------------------------------------------


@dataclass(frozen=True)
class Revised:
    before: Task
    after: Task
    revision: TaskRevision


def _task(tasks: Sequence[Task], text: str) -> Task:
    from cvtracker.names import is_task_id, resolve_task

    if not is_task_id(text):
        raise InputError("unknown_task", value=text.strip().upper())
    return resolve_task(tasks, text)


def edit_task(
    ledger: Ledger,
    directive: Directive,
    task_text: str,
    *,
    title: str | None,
    assignee: str | None,
    before: str | None,
    through: str | None,
    new_person: bool,
    reason: str | None,
    by: str | None,
    now: Callable[[], dt.datetime],
) -> Revised:
    from cvtracker.revisions import plan_task_edit, revised_task

    with ledger.writing() as conn:
        tasks = ledger.tasks(conn)
        task = _task(tasks, task_text)
        known = [t.assignee for t in tasks if t.unit == task.unit]
        new = plan_task_edit(
            directive,
            task,
            known,
            title=title,
            assignee=assignee,
            before=before,
            through=through,
            new_person=new_person,
            reason=reason,
            by=by,
        )
        revision = ledger.add_revision(conn, new, now())
    return Revised(task, revised_task(task, revision), revision)


def cancel_task(
    ledger: Ledger,
    task_text: str,
    reason: str,
    *,
    by: str | None,
    now: Callable[[], dt.datetime],
) -> Revised:
    from cvtracker.revisions import check_reason, plan_task_cancel, revised_task

    check_reason(reason)
    with ledger.writing() as conn:
        task = _task(ledger.tasks(conn), task_text)
        revision = ledger.add_revision(conn, plan_task_cancel(task, reason=reason, by=by), now())
    return Revised(task, revised_task(task, revision), revision)


def say_revised(done: Revised, directive: Directive, t: Translator) -> str:
    from cvtracker.render import change_words
    from cvtracker.revisions import changes

    after = done.after
    if after.cancelled:
        return t("task_cancelled", id=after.id, title=after.title, reason=done.revision.reason)
    shown = change_words(directive, after, changes(done.before, after), t)
    return t("task_edited", id=after.id, changes=shown)


# --- history ------------------------------------------------------------------------------------


def revisions_in_scope(
    ledger: Ledger,
    unit: str | None,
    task: str | None,
    items: set[str] | None,
    since: Callable[[dt.datetime], bool],
) -> list[RevisionEntry]:
    """The task revisions ``history`` shows: those of the task asked for, or of every task
    (of the unit) when no item is asked for; none for an item's history."""
    from cvtracker.revisions import revision_entries

    if items is not None or ledger.fresh:
        return []
    with ledger.reading() as conn:
        added = ledger.tasks(conn, revised=False)
        number = int(task[1:]) if task else None
        revisions = ledger.task_revisions(conn, task=number)
    entries = revision_entries(added, revisions)
    return [e for e in entries if unit in (None, e.task.unit) and (e.at is None or since(e.at))]


def history_entries(
    events: Sequence[Event], revisions: Sequence[RevisionEntry], limit: int | None
) -> list[Event | RevisionEntry]:
    """Events (in the order recorded) with the task revisions merged in by time; ``limit``:
    the last N events, as ``history --json`` gives them, with the revisions made from the first
    of them on (a revision is not one of the N)."""
    merged: list[Event | RevisionEntry] = []
    pending = list(revisions)
    for event in events:
        while pending and _before(pending[0].at, event.recorded_at):
            merged.append(pending.pop(0))
        merged.append(event)
    merged.extend(pending)
    if limit is None or limit >= len(events):
        return merged
    if limit == 0:
        return []
    first = events[-limit]
    return merged[next(i for i, entry in enumerate(merged) if entry is first) :]


def _before(first: dt.datetime | None, second: dt.datetime | None) -> bool:
    return first is not None and second is not None and first < second


def history_json(events: Sequence[Event], all_events: Sequence[Event]) -> list[dict[str, Any]]:
    """Each event as before, with ``voids`` (the event a void voids) and ``voided_by`` (the
    void of a voided event), both null for the others."""
    from cvtracker.compliance import voided_by

    voids = voided_by(all_events)
    return [e.to_json(voids[e.id].id if e.id in voids else None) for e in events]
