"""``task add`` and ``task list``: the tasks of a unit's own plan (item 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cvtracker.commands.output import emit

if TYPE_CHECKING:
    from cvtracker.session import Session


def add(
    s: Session,
    *,
    unit: str,
    title: str,
    assignee: str | None,
    new_person: bool,
    item: str,
    before: str | None,
    through: str | None,
    as_json: bool,
) -> None:
    from cvtracker.names import resolve_unit
    from cvtracker.recording import plan_task
    from cvtracker.render import task_json
    from cvtracker.settings import current_user, now_utc

    # everything the user typed is checked before the ledger is opened
    found = resolve_unit(s.directive, unit)
    new = plan_task(
        s.directive,
        found,
        item=item,
        title=title,
        assignee=assignee,
        before=before,
        through=through,
    )
    # write
    with s.ledger.writing() as conn:
        known = [t.assignee for t in s.ledger.tasks(conn) if t.unit == found.id]
        task = s.ledger.add_task(
            conn,
            **vars(new.spelled_as_known(known, new_person=new_person)),
            by=current_user(),
            at=now_utc(),
        )
    emit(
        s,
        as_json,
        lambda: {**task_json(task), "directive": s.directive_id},
        lambda: typer.echo(s.t("task_added", id=task.id, title=task.title)),
    )


def list_tasks(s: Session, *, unit: str | None, as_json: bool) -> None:
    from cvtracker import render
    from cvtracker.compliance import select_tasks
    from cvtracker.names import resolve_unit

    unit_id = resolve_unit(s.directive, unit).id if unit else None
    tasks = select_tasks(s.snapshot()[0], unit=unit_id)

    def people() -> None:
        if not tasks:
            typer.echo(s.t("tasks_empty"))
        else:
            s.console.print(render.tasks_table(s.directive, tasks, s.t, s.console.width))

    emit(
        s,
        as_json,
        lambda: [{**render.task_json(t), "directive": s.directive_id} for t in tasks],
        people,
    )
