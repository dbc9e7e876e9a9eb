"""Corrections, append-only: voiding an event, revising or cancelling a task (issue 9).

Pure: given what the ledger holds, it says what ``void``, ``task edit`` and ``task cancel`` may
append, or refuses with a catalog key. Nothing recorded is ever changed: a void is a new event
that names the one it voids, a revision a new row that the latest of wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from cvtracker.compliance import Event, NewEvent
from cvtracker.directive import Directive
from cvtracker.errors import InputError
from cvtracker.names import resolve_unit
from cvtracker.recording import plan_task
from cvtracker.schedule import Task

DeadlineKind = Literal["before", "through"]


@dataclass(frozen=True)
class NewRevision:
    """A task's state after ``task edit`` or ``task cancel``, ready to append."""

    task: int
    title: str
    assignee: str | None
    deadline_kind: DeadlineKind | None
    deadline: dt.date | None
    cancelled: bool
    reason: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class TaskRevision:
    """A revision as the ledger holds it: the task's whole state from then on."""

    id: int
    task: int
    title: str
    assignee: str | None
    deadline_kind: DeadlineKind | None
    deadline: dt.date | None
    cancelled: bool
    reason: str | None = None
    by: str | None = None
    at: dt.datetime | None = None

    @property
    def task_id(self) -> str:
        return f"T{self.task}"

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.id,
            "task": self.task_id,
            "title": self.title,
            "assignee": self.assignee,
            "deadline_kind": self.deadline_kind,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "cancelled": self.cancelled,
            "reason": self.reason,
            "by": self.by,
            "at": self.at.isoformat() if self.at else None,
        }


def apply_revisions(tasks: Iterable[Task], revisions: Iterable[TaskRevision]) -> list[Task]:
    """The tasks as last revised: each task's latest revision (by id) wins."""
    latest: dict[int, TaskRevision] = {}
    for revision in revisions:
        if revision.task not in latest or revision.id > latest[revision.task].id:
            latest[revision.task] = revision
    out = []
    for task in tasks:
        found = latest.get(task.number)
        if found is not None:
            task = replace(
                task,
                title=found.title,
                assignee=found.assignee,
                deadline_kind=found.deadline_kind,
                deadline=found.deadline,
                cancelled=found.cancelled,
            )
        out.append(task)
    return out


def check_reason(reason: str) -> str:
    """A reason is required and said in words: one line, spaces folded."""
    folded = " ".join(reason.split())
    if not folded:
        raise InputError("reason_empty")
    return folded


def plan_void(
    event_id: int,
    target: Event | None,
    earlier_void: Event | None,
    *,
    reason: str,
    by: str | None,
) -> NewEvent:
    """The void of event ``event_id`` (``target``, None if there is none); ``earlier_void``:
    a void of it already recorded. The void has the scope of the event it voids (unit, item,
    task, period), so that every read of that scope sees both; its percent and day are the
    voided event's, so it sorts next to it; the reason is its note."""
    if target is None:
        raise InputError("void_unknown", id=event_id)
    if target.voids is not None:
        raise InputError("void_of_void", id=event_id, voided=target.voids)
    if earlier_void is not None:
        raise InputError(
            "void_twice",
            id=event_id,
            void=earlier_void.id,
            who=earlier_void.by or "?",
            reason=earlier_void.note or "",
        )
    return NewEvent(
        unit=target.unit,
        item=target.item,
        task=target.task,
        period=target.period,
        percent=target.percent,
        on=target.on,
        evidence=None,
        note=check_reason(reason),
        by=by,
        voids=target.id,
    )


def check_edit_request(
    *, title: str | None, assignee: str | None, before: str | None, through: str | None
) -> None:
    """What ``task edit`` can refuse before the ledger is opened: nothing to change, or two
    deadlines."""
    if title is None and assignee is None and before is None and through is None:
        raise InputError("task_edit_nothing")
    if before is not None and through is not None:
        raise InputError("deadline_one")


def plan_task_edit(
    directive: Directive,
    task: Task,
    known_assignees: Sequence[str | None],
    *,
    title: str | None,
    assignee: str | None,
    before: str | None,
    through: str | None,
    new_person: bool = False,
    reason: str | None = None,
    by: str | None = None,
) -> NewRevision:
    """``task edit``: the task with the fields given changed, checked exactly as ``task add``
    checks a new one (one deadline, within the directive's force, a title in words, one
    spelling per person). ``--assignee ""`` takes the assignee off."""
    if task.cancelled:
        raise InputError("task_is_cancelled", task=task.id)
    check_edit_request(title=title, assignee=assignee, before=before, through=through)
    if before is None and through is None and task.deadline is not None:
        kept = task.deadline.isoformat()
        before, through = (kept, None) if task.deadline_kind == "before" else (None, kept)
    checked = plan_task(
        directive,
        resolve_unit(directive, task.unit),  # a unit no longer in the directive: exit 2
        item=task.item,
        title=task.title if title is None else title,
        assignee=task.assignee if assignee is None else assignee,
        before=before,
        through=through,
    )
    if assignee is not None:
        others = [a for a in known_assignees if a != task.assignee]
        checked = checked.spelled_as_known(others, new_person=new_person)
    else:
        checked = replace(checked, assignee=task.assignee)
    new = NewRevision(
        task=task.number,
        title=checked.title,
        assignee=checked.assignee,
        deadline_kind=checked.deadline_kind,
        deadline=checked.deadline,
        cancelled=False,
        reason=" ".join(reason.split()) or None if reason else None,
        by=by,
    )
    current = (task.title, task.assignee, task.deadline_kind, task.deadline)
    if (new.title, new.assignee, new.deadline_kind, new.deadline) == current:
        raise InputError("task_edit_no_change", task=task.id)
    return new


def plan_task_cancel(task: Task, *, reason: str, by: str | None) -> NewRevision:
    """``task cancel``: the task as it stands, cancelled; it never counts from then on."""
    if task.cancelled:
        raise InputError("task_already_cancelled", task=task.id)
    return NewRevision(
        task=task.number,
        title=task.title,
        assignee=task.assignee,
        deadline_kind=task.deadline_kind,
        deadline=task.deadline,
        cancelled=True,
        reason=check_reason(reason),
        by=by,
    )


def changes(before: Task | TaskRevision, after: Task | TaskRevision) -> list[str]:
    """What a revision changed: among "title", "assignee" and "deadline"."""
    out = []
    if after.title != before.title:
        out.append("title")
    if after.assignee != before.assignee:
        out.append("assignee")
    if (after.deadline_kind, after.deadline) != (before.deadline_kind, before.deadline):
        out.append("deadline")
    return out


def revised_task(task: Task, revision: TaskRevision) -> Task:
    """The task as a revision leaves it."""
    return apply_revisions([task], [revision])[0]


@dataclass(frozen=True)
class RevisionEntry:
    """A revision for the history: the task as it left it, and what it changed."""

    revision: TaskRevision
    task: Task
    changed: list[str]

    @property
    def at(self) -> dt.datetime | None:
        return self.revision.at


def revision_entries(
    added: Sequence[Task], revisions: Sequence[TaskRevision]
) -> list[RevisionEntry]:
    """Each revision of a task in ``added`` (the tasks as added), in the order recorded, with
    the fields it changed from the task's state before it."""
    state = {t.number: t for t in added}
    out = []
    for revision in sorted(revisions, key=lambda r: r.id):
        before = state.get(revision.task)
        if before is None:
            continue
        after = revised_task(before, revision)
        out.append(RevisionEntry(revision, after, changes(before, after)))
        state[revision.task] = after
    return out
