"""``task add`` and ``task list``: the tasks of a unit's own plan (item 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cvtracker.commands.output import emit

if TYPE_CHECKING:
    from cvtracker.commands.output import Part
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
    """The units' own tasks; with several directives and no ``--cv``, each one's (those that
    have the unit, with ``--unit``)."""
    from cvtracker.commands.output import emit_each, scoped_filters

    parts: list[Part] = [
        _task_part(s, one, unit_id) for one, unit_id, _ in scoped_filters(s, unit, None)
    ]
    emit_each(s, as_json, parts)


def _task_part(s: Session, one: Session, unit_id: str | None) -> Part:
    from cvtracker import render
    from cvtracker.compliance import select_tasks

    tasks = select_tasks(one.snapshot()[0], unit=unit_id)

    def people() -> None:
        if not tasks:
            typer.echo(s.t("tasks_empty"))
        else:
            s.console.print(render.tasks_table(one.directive, tasks, s.t, s.console.width))

    def data() -> list[dict[str, object]]:
        return [{**render.task_json(t), "directive": one.directive_id} for t in tasks]

    return one, data, people
