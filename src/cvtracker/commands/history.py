"""``history``: the ledger's events, in the order recorded; voided events struck out, voids,
and the tasks' revisions (issue 9, corrections). With several directives and no ``--cv``, each
directive's under its heading (``--limit``: the last N of each); a unit renamed since is shown
with the name it had on the event's day (units registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    import datetime

    from cvtracker.commands.output import Part
    from cvtracker.errors import InputError
    from cvtracker.session import Session


def run(
    s: Session,
    *,
    unit: str | None,
    item: str | None,
    limit: int | None,
    since: str | None,
    as_json: bool,
    no_pager: bool = False,
) -> None:
    from cvtracker.commands.output import emit_each, scoped_filters
    from cvtracker.errors import InputError
    from cvtracker.names import is_task_id

    # resolve: the unit and items in each directive shown (several: those that have them)
    task_id = item.strip().upper() if item and is_task_id(item) else None
    start = s.day(since) if since is not None else None
    parts: list[Part] = []
    first: InputError | None = None
    for one, unit_id, item_ids in scoped_filters(s, unit, None if task_id else item):
        try:
            parts.append(_part(s, one, unit_id, task_id, item_ids, limit, start, no_pager))
        except InputError as error:  # a task another directive has
            if not s.several():
                raise
            first = first or error
    if not parts and first is not None:
        raise first
    emit_each(s, as_json, parts)


def _part(
    s: Session,
    one: Session,
    unit_id: str | None,
    task_id: str | None,
    item_ids: set[str] | None,
    limit: int | None,
    start: datetime.date | None,
    no_pager: bool,
) -> Part:
    from cvtracker import render
    from cvtracker.commands import corrections
    from cvtracker.compliance import select_events, voided_by
    from cvtracker.names import resolve_task
    from cvtracker.settings import today as day_in_viet_nam

    # read
    tasks, all_events = one.snapshot(unit_id)
    if task_id:
        resolve_task(tasks, task_id)  # an unknown task is an error, not an empty history
    # compute
    events = select_events(
        all_events,
        unit=unit_id,
        task=task_id,
        items=item_ids,
        since=start,
        day_of=day_in_viet_nam,
    )
    shown = events
    if limit is not None:
        shown = events[-limit:] if limit else []
    directive = one.directive

    def data() -> list[dict[str, object]]:
        return [
            {**row, "directive": one.directive_id}
            for row in corrections.history_json(shown, all_events)
        ]

    def people() -> None:
        # the tasks' revisions too, merged in by time; --limit: the last N of both
        revisions = corrections.revisions_in_scope(
            one.reader,
            unit_id,
            task_id,
            item_ids,
            lambda at: start is None or day_in_viet_nam(at) >= start,
        )
        entries = corrections.history_entries(events, revisions, limit)
        if not entries:
            typer.echo(s.t("history_empty"))
        else:
            voids = voided_by(all_events)
            table = render.history_table(directive, entries, s.t, voids, s.console.width)
            s.show(table, no_pager=no_pager)

    return one, data, people
