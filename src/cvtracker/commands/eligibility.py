"""``eligibility``: the 90% rule of item 4, per unit head and per person."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cvtracker.commands.output import Part
    from cvtracker.compliance import Eligibility
    from cvtracker.session import Session


def run(s: Session, *, year: str | None, as_of: str | None, as_json: bool) -> None:
    """The 90% rule of the directive; with several directives and no ``--cv``, each one's."""
    from cvtracker.commands.output import emit_each

    emit_each(s, as_json, [_part(one, year=year, as_of=as_of) for one in s.each()])


def _part(s: Session, *, year: str | None, as_of: str | None) -> Part:
    from cvtracker.compliance import eligibility as judge
    from cvtracker.compliance import judgement_day, status_rows
    from cvtracker.dates import format_day, parse_year
    from cvtracker.scope import for_eligibility, task_occurrences, wanted

    # resolve: the year judged and the day it is judged on
    wanted_year = parse_year(year) if year is not None else None
    judged_year, day = judgement_day(
        wanted_year,
        s.day(as_of) if as_of else None,
        s.today(),
        s.directive.rating.deadline(wanted_year) if wanted_year is not None else None,
    )
    # read and compute
    not_rated = [u.id for u in s.directive.units if not u.rated_by_issuer]
    # the tasks judged for the year, with their events; the others only name the persons
    read = s.reader.read_scope(lambda ts: for_eligibility(s.directive, ts, judged_year, day))
    people_ = task_occurrences(s.directive, read.tasks)
    rows = status_rows(wanted(people_, read.need.keys), read.events, day)
    unit_ids = [u.id for u in s.directive.units]
    results = judge(rows, unit_ids, judged_year, day, not_rated, people_)

    def people() -> None:
        from cvtracker import render  # rich: for people only, not for --json
        from cvtracker.plain import PLAIN_FROM, eligibility_plain, write_plain

        width = s.console.width

        def table(shown: list[Eligibility], title: str) -> None:
            if len(shown) > PLAIN_FROM:  # a long table: plain lines, no rich layout (issue 8)
                write_plain(eligibility_plain(s.directive, shown, s.t, title))
            else:
                s.console.print(render.eligibility_table(s.directive, shown, s.t, title, width))

        title = s.t("eligibility_title", year=judged_year, day=format_day(day))
        # the heads and persons with a task come due, in a table; those with none, in one line
        judged = [r for r in results if r.eligible is not None]
        rated = [r for r in judged if r.rated_by_issuer]
        apart = [r for r in judged if not r.rated_by_issuer]
        table(rated, title)
        if apart:
            table(apart, s.t("eligibility_apart_title"))
        waiting = [r for r in results if r.eligible is None]
        if waiting:
            names = render.waiting_names(s.directive, waiting, s.t)
            s.console.print(
                s.t("eligibility_nothing_due", count=len(waiting), names=names), highlight=False
            )
        if not people_:
            s.console.print(s.t("eligibility_no_tasks"), style="dim")

    return s, lambda: [{**r.to_json(), "directive": s.directive_id} for r in results], people
