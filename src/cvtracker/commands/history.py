"""``history``: the ledger's events, in the order recorded; voided events struck out, voids,
and the tasks' revisions (issue 9, corrections)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cvtracker.commands.output import emit

if TYPE_CHECKING:
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
    from cvtracker import render
    from cvtracker.commands import corrections
    from cvtracker.compliance import select_events, voided_by
    from cvtracker.names import is_task_id, resolve_items, resolve_task, resolve_unit
    from cvtracker.settings import today as day_in_viet_nam

    # resolve
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    task_id = item.strip().upper() if item and is_task_id(item) else None
    item_ids = {o.id for o in resolve_items(s.directive, item)} if item and not task_id else None
    start = s.day(since) if since is not None else None
    # read
    tasks, all_events = s.snapshot(unit_id)
    if item and task_id:
        resolve_task(tasks, item)  # an unknown task is an error, not an empty history
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

    def data() -> list[dict[str, object]]:
        return [
            {**row, "directive": s.directive_id}
            for row in corrections.history_json(shown, all_events)
        ]

    def people() -> None:
        # the tasks' revisions too, merged in by time; --limit: the last N of both
        revisions = corrections.revisions_in_scope(
            s.reader,
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
            table = render.history_table(s.directive, entries, s.t, voids, s.console.width)
            s.show(table, no_pager=no_pager)

    emit(s, as_json, data, people)
