"""``overdue``: the overdue rows, oldest deadline first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cvtracker.commands.output import emit, say_ended

if TYPE_CHECKING:
    from cvtracker.session import Session


def run(
    s: Session,
    *,
    as_of: str | None,
    unit: str | None,
    limit: int | None,
    since: str | None,
    as_json: bool,
    no_pager: bool = False,
) -> None:
    from cvtracker import render
    from cvtracker.compliance import overdue_rows, select_rows
    from cvtracker.dates import format_day
    from cvtracker.names import resolve_unit

    # resolve
    day = s.day(as_of)
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    start = s.day(since) if since is not None else None
    # read and compute
    rows = select_rows(
        overdue_rows(s.rows(day, unit_id, open_only=True)), unit=unit_id, since=start
    )
    shown = rows if limit is None else rows[:limit]

    def people() -> None:
        say_ended(s, day)
        if not rows:
            typer.echo(s.t("overdue_none", day=format_day(day)))
            return
        title = s.t("overdue_title", day=format_day(day))
        left = [None] * len(shown)
        if len(shown) > render.PLAIN_FROM:  # a long table: plain lines (issue 8)
            render.write_plain(render.rows_plain(s.directive, shown, left, s.t, title))
        else:
            table = render.rows_table(s.directive, shown, left, s.t, title, width=s.console.width)
            s.show(table, no_pager=no_pager)
        if len(shown) < len(rows):
            command = f"cvtracker overdue --as-of {format_day(day)}"
            typer.echo(s.t("report_more_rows", count=len(rows) - len(shown), command=command))

    emit(s, as_json, lambda: [r.to_json() for r in shown], people)
