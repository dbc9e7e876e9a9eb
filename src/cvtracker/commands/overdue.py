"""``overdue``: the overdue rows, oldest deadline first.

With several directives in the ledger and no ``--cv``, every directive's, grouped by directive
(a table each, under a heading); ``--limit`` counts the rows of all of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cvtracker.commands.output import emit, say_ended, scoped_filters

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
    from cvtracker.compliance import overdue_rows, select_rows
    from cvtracker.dates import format_day

    # resolve
    day = s.day(as_of)
    start = s.day(since) if since is not None else None
    # read and compute
    parts = []
    left = limit
    total = 0
    for one, unit_id, _ in scoped_filters(s, unit, None):
        rows = select_rows(
            overdue_rows(one.rows(day, unit_id, open_only=True)), unit=unit_id, since=start
        )
        total += len(rows)
        shown = rows if left is None else rows[:left]
        if left is not None:
            left -= len(shown)
        parts.append((one, rows, shown))
    count_shown = sum(len(shown) for _, _, shown in parts)

    def people() -> None:
        from cvtracker.plain import PLAIN_FROM, rows_plain, write_plain

        for one, _, _ in parts:
            say_ended(one, day)
        if not total:
            typer.echo(s.t("overdue_none", day=format_day(day)))
            return
        title = s.t("overdue_title", day=format_day(day))
        for one, rows, shown in parts:
            if s.several():
                if not rows:
                    continue
                heading = s.t("cv_heading", number=one.directive_id)
                s.console.print(heading, style="bold", markup=False)
                if not shown:
                    continue
            days = [None] * len(shown)
            if len(shown) > PLAIN_FROM:  # a long table: plain lines, no rich (issue 8)
                write_plain(rows_plain(one.directive, shown, days, s.t, title))
            else:
                from cvtracker import render  # rich: for a table people read

                table = render.rows_table(
                    one.directive, shown, days, s.t, title, width=s.console.width
                )
                s.show(table, no_pager=no_pager)
        if count_shown < total:
            command = f"cvtracker overdue --as-of {format_day(day)}"
            typer.echo(s.t("report_more_rows", count=total - count_shown, command=command))

    emit(
        s,
        as_json,
        lambda: [
            {**r.to_json(), "directive": one.directive_id} for one, _, shown in parts for r in shown
        ],
        people,
    )
