"""``status``: one row per unit and occurrence; without a filter, a dashboard of one screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cvtracker.commands.output import emit, say_ended

if TYPE_CHECKING:
    from cvtracker.session import Session


def run(
    s: Session,
    *,
    as_of: str | None,
    unit: str | None,
    item: str | None,
    as_json: bool,
    no_pager: bool = False,
) -> None:
    from cvtracker import render
    from cvtracker.compliance import dashboard_counts, select_rows, working_days_left
    from cvtracker.dates import format_day
    from cvtracker.names import resolve_items, resolve_unit

    # resolve
    day = s.day(as_of)
    unit_id = resolve_unit(s.directive, unit).id if unit else None
    item_ids = {o.id for o in resolve_items(s.directive, item)} if item else None
    # read and compute
    rows = select_rows(s.rows(day, unit_id), unit=unit_id, items=item_ids)

    def people() -> None:
        say_ended(s, day)
        title = s.t("status_title", number=s.directive.directive.number, day=format_day(day))
        if unit_id is None and item_ids is None:
            tallies = dashboard_counts(rows, [u.id for u in s.directive.units])
            table = render.dashboard_table(s.directive, tallies, s.t, title, s.console.width)
            s.show(table, no_pager=no_pager)
            s.console.print(s.t("status_hint"), style="dim")
            return
        left = [working_days_left(r, day) for r in rows]
        if unit_id is not None:
            title += f" – {render.unit_name(s.directive, unit_id, s.t)}"
        if len(rows) > render.PLAIN_FROM:  # a long table: plain lines (issue 8)
            text = render.rows_plain(
                s.directive, rows, left, s.t, title, show_unit=unit_id is None, as_of=day
            )
            render.write_plain(text)
            return
        table = render.rows_table(
            s.directive,
            rows,
            left,
            s.t,
            title,
            show_unit=unit_id is None,
            as_of=day,
            width=s.console.width,
        )
        s.show(table, no_pager=no_pager)

    emit(s, as_json, lambda: [r.to_json() for r in rows], people)
