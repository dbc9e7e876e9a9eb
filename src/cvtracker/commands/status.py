"""``status``: one row per unit and occurrence; without a filter, a dashboard of one screen.

With several directives in the ledger and no ``--cv``, every directive's, one after the other
under a heading; the ``--json`` rows say their ``directive``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cvtracker.commands.output import emit, say_ended, scoped_filters

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
    from cvtracker.compliance import dashboard_counts, select_rows, working_days_left
    from cvtracker.dates import format_day

    # resolve: the unit and items in each directive shown (several: those that have them)
    day = s.day(as_of)
    parts = []
    for one, unit_id, item_ids in scoped_filters(s, unit, item):
        # read and compute
        rows = select_rows(one.rows(day, unit_id), unit=unit_id, items=item_ids)
        parts.append((one, unit_id, item_ids, rows))

    def people() -> None:
        from cvtracker import render  # rich: for people only, not for --json
        from cvtracker.plain import PLAIN_FROM, rows_plain, write_plain

        shown: list[Any] = []
        dashboard = False
        for one, unit_id, item_ids, rows in parts:
            if s.several():
                s.console.print(
                    s.t("cv_heading", number=one.directive_id), style="bold", markup=False
                )
            say_ended(one, day)
            title = s.t("status_title", number=one.directive.directive.number, day=format_day(day))
            if unit_id is None and item_ids is None:
                # a merge's successor is not listed before its first day (units registry)
                units = [u.id for u in one.directive.units if u.starts is None or u.starts <= day]
                tallies = dashboard_counts(rows, units)
                table = render.dashboard_table(one.directive, tallies, s.t, title, s.console.width)
                shown.append(table)
                dashboard = True
                if s.several():  # one after the other: each under its heading
                    s.show(*shown, no_pager=no_pager)
                    shown.clear()
                continue
            left = [working_days_left(r, day) for r in rows]
            if unit_id is not None:
                title += f" – {render.unit_name(one.directive, unit_id, s.t)}"
            if len(rows) > PLAIN_FROM:  # a long table: plain lines (issue 8)
                text = rows_plain(
                    one.directive, rows, left, s.t, title, show_unit=unit_id is None, as_of=day
                )
                write_plain(text)
                continue
            table = render.rows_table(
                one.directive,
                rows,
                left,
                s.t,
                title,
                show_unit=unit_id is None,
                as_of=day,
                width=s.console.width,
            )
            s.show(table, no_pager=no_pager)
        if shown:
            s.show(*shown, no_pager=no_pager)
        if dashboard:
            s.console.print(s.t("status_hint"), style="dim")

    emit(
        s,
        as_json,
        lambda: [
            {**r.to_json(), "directive": one.directive_id}
            for one, _, _, rows in parts
            for r in rows
        ],
        people,
    )
