"""Which occurrences a read about many units needs from the ledger, as of a day (issue 8).

Pure functions of the directive, the tasks and the day. A read about every unit (``overdue``,
``report --month``, ``eligibility``, ``notify``) does not need every event: it needs the events
of the occurrences it shows or judges whatever their state (``always``: the month's rows, the
one-off items, the tasks judged by the 90% rule) and of the older occurrences only while they
are not settled; and of those, often only the one or two events that decide their state. The
ledger answers "where does each occurrence stand" from its summary table (:class:`Summary`,
kept with each append by :func:`fold_many`, made again by :func:`summarize`; no event read
into Python), :meth:`Need.resolve` decides from it, and the ledger then reads the events of
the occurrences left, which the unchanged core judges
(:func:`cvtracker.compliance.status_rows`): the rules stay in one place, whether the rows came
from SQLite, PostgreSQL or a test.

Settled: an occurrence whose last event in the core's order (by day, then by id) is at 100% and
dated before ``since``. Such an occurrence has no event from ``since`` to the day and is complete
as of every day from ``since`` to the day, completed on the same day: it is neither overdue nor
open, nor completed within the report's months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cvtracker.dates import add_months, first_day, last_day
from cvtracker.directive import Directive
from cvtracker.schedule import Occurrence, Task, occurrences

Key = tuple[str, str, str]


Mark = tuple[dt.date, int]
"""Where an event stands in an occurrence's order: its day, then its id (as the core orders)."""


@dataclass(frozen=True)
class Summary:
    """One occurrence's events that count (dated on or before the day), in three marks: what
    the ledger's summary table keeps per occurrence (``summaries``, revision 0006)."""

    key: Key
    last_partial: Mark | None
    """The (day, id) of its last event below 100%."""
    last_full: Mark | None
    """The (day, id) of its last event at 100%."""
    full_from: Mark | None = None
    """When its last event is at 100%: the (day, id) of the first event of that last run of
    events at 100% (the core's ``completed_on`` is its day); else None."""
    # Voids and the events they void are left out of the marks, as the core leaves them out
    # (compliance.effective): the marks are those of the events that count. An occurrence read
    # whole gets its voids too, whatever their day (a void is a row of the same occurrence).

    @property
    def last(self) -> Mark | None:
        """The (day, id) of its last event in the core's order."""
        marks = [m for m in (self.last_partial, self.last_full) if m is not None]
        return max(marks) if marks else None

    @property
    def empty(self) -> bool:
        """No event counts (none recorded, or every one voided)."""
        return self.last_partial is None and self.last_full is None


Counting = tuple[int, float, dt.date, "int | None"]
"""An event as a summary needs it: id, percent, day, and the id it voids (a void) or None."""


def summarize(key: Key, events: Iterable[Counting], as_of: dt.date | None = None) -> Summary:
    """The summary of one occurrence from all its events (voids included), as of the day (None:
    every day). Voids and the events they void are left out (compliance.effective)."""
    rows = list(events)
    voided = {voids for _, _, _, voids in rows if voids is not None}
    known = sorted(
        (on, number, percent)
        for number, percent, on, voids in rows
        if voids is None and number not in voided and (as_of is None or on <= as_of)
    )
    partial: Mark | None = None
    full: Mark | None = None
    full_from: Mark | None = None
    for on, number, percent in known:
        if percent < 100:
            partial = (on, number)
            full_from = None
        else:
            full = (on, number)
            if full_from is None:
                full_from = (on, number)
    return Summary(key, partial, full, full_from)


def fold(summary: Summary, number: int, percent: float, on: dt.date) -> Summary | None:
    """The summary once one more event that counts is appended (not a void); None when it cannot
    be told from the summary alone (a report below 100 dated within the last run of 100s: the
    new first event of that run is among the events), so that the occurrence's events are read.
    """
    return fold_many(summary, [(number, percent, on, None)])


def fold_many(summary: Summary, events: Iterable[Counting]) -> Summary | None:
    """:func:`fold` of each event in turn (ids rising); None as soon as one cannot be told from
    the summary alone, or is a void (the events it voids are read again)."""
    partial, full, full_from = summary.last_partial, summary.last_full, summary.full_from
    for number, percent, on, voids in events:
        if voids is not None:
            return None
        mark = (on, number)
        if full is None:
            last = partial
        elif partial is None or full > partial:
            last = full
        else:
            last = partial
        newest = last is None or mark > last
        if percent < 100:
            if newest:
                partial, full_from = mark, None
            elif full_from is not None and mark > full_from:
                return None
            elif partial is None or mark > partial:
                partial = mark
        else:
            if full is None or mark > full:
                full = mark
            if newest:
                if full_from is None:
                    full_from = mark
            elif full_from is not None and mark < full_from and (partial is None or mark > partial):
                full_from = mark
    return Summary(summary.key, partial, full, full_from)


def settled(summary: Summary, since: dt.date) -> bool:
    """Complete as of every day from ``since`` on, completed before it: its last event in the
    core's order (day, then id) is at 100%, and dated before ``since`` (see the module)."""
    full, partial = summary.last_full, summary.last_partial
    if full is None or full[0] >= since:
        return False
    return partial is None or full > partial


@dataclass(frozen=True)
class Need:
    """What a read needs from the ledger as of ``as_of``."""

    as_of: dt.date
    keys: frozenset[Key]
    """The occurrences it may show or judge."""
    always: frozenset[Key]
    """Those it shows or judges whatever their state: never left out (read by the events that
    decide their state from ``since`` to the day, when those are few)."""
    since: dt.date | None
    """The others matter unless settled before this day; None: none are left out."""
    shows_settled: bool = False
    days: tuple[dt.date, ...] | None = None
    """The only days the read asks the core for the occurrences' state as of (``as_of`` among
    them): the occurrences left to read whole are then read by the events that decide their
    state as of each of these days, not whole (``report --month``). None: any day from
    ``since`` to ``as_of``."""
    """Settled occurrences are shown, not left out (``status`` of every unit): only the events
    that decide their state are read, the first and the last of their last run at 100%."""

    def resolve(self, summaries: Iterable[Summary]) -> Reads:
        """What to read, given each occurrence's :class:`Summary`."""
        if self.since is None:
            return Reads(frozenset(), self.keys, frozenset())
        since = self.since
        left_out: set[Key] = set()
        whole: set[Key] = set()
        last: set[int] = set()
        for summary in summaries:
            key = summary.key
            if key not in self.keys or summary.empty:
                continue  # no event counts: the core gives it no progress without any
            if settled(summary, since):
                if key not in self.always and not self.shows_settled:
                    left_out.add(key)
                    continue
                # shown: progress() on the first and the last event of the last run at 100%
                # gives, as of every day from since on, what it gives on every event: that
                # run's first day, the last's percent, the last
                assert summary.full_from is not None and summary.last_full is not None
                last.add(summary.full_from[1])
                last.add(summary.last_full[1])
            elif last_is_partial(summary, since):
                assert summary.last_partial is not None
                last.add(summary.last_partial[1])
            else:
                whole.add(key)
        # an occurrence with no summary has no event dated on or before the day: nothing to read
        return Reads(frozenset(left_out), frozenset(whole), frozenset(last))


@dataclass(frozen=True)
class Reads:
    """What a read asks the ledger for, once it has the summaries."""

    left_out: frozenset[Key]
    """Occurrences settled: neither judged nor shown."""
    whole: frozenset[Key]
    """Occurrences whose events (dated on or before the day) are all read."""
    last: frozenset[int]
    """Events read alone, by id: for a settled occurrence shown, the first and last events of
    its last run at 100% (:attr:`Need.shows_settled`); the last event of an occurrence whose
    last event is below 100% and dated before ``since`` (:func:`last_is_partial`). The core's
    :func:`cvtracker.compliance.progress` then gives what it gives on every event of it: that
    event's percent, that event, not completed (a 100 before it is followed by it, so the run
    of 100s that completes an occurrence does not reach the day)."""


def last_is_partial(summary: Summary, since: dt.date) -> bool:
    """Its last event in the core's order is below 100% and dated before ``since``: the last
    event as of every day the read judges (from ``since`` to the day)."""
    partial, full = summary.last_partial, summary.last_full
    return partial is not None and partial[0] < since and (full is None or partial > full)


def everything(directive: Directive, tasks: list[Task], as_of: dt.date) -> Need:
    """``status`` of every unit: every row, each from the events that decide its state as of
    the day (:attr:`Need.shows_settled`, :func:`last_is_partial`): at most two per occurrence."""
    keys = frozenset(o.key for o in occurrences(directive, tasks, as_of))
    return Need(as_of, keys, frozenset(), as_of + dt.timedelta(days=1), shows_settled=True)


def for_open(directive: Directive, tasks: list[Task], as_of: dt.date, horizon: dt.date) -> Need:
    """``overdue`` (``horizon`` the day) and ``notify`` (the last day of its reminders): the
    occurrences whose last on-time day is on or before ``horizon``, unless settled by the day."""
    keys = frozenset(
        o.key
        for o in occurrences(directive, tasks, horizon)
        if o.last_on_time is not None and o.last_on_time <= horizon
    )
    return Need(as_of, keys, frozenset(), as_of + dt.timedelta(days=1))


def judged_occurrence(occ: Occurrence, year: int, as_of: dt.date) -> bool:
    """A plan task that the 90% rule judges for the year as of the day (as
    :func:`cvtracker.compliance.judged`, which depends on the occurrence only)."""
    late_from = occ.late_from
    nominal = occ.nominal_last
    if occ.task is None or late_from is None or nominal is None or as_of < late_from:
        return False
    return nominal.year == year


def for_eligibility(directive: Directive, tasks: list[Task], year: int, as_of: dt.date) -> Need:
    """``eligibility``: the tasks judged for the year, whatever their state, each by the events
    that decide its state as of the day; nothing else (the other tasks only name the persons,
    and need no event)."""
    keys = frozenset(
        o.key for o in task_occurrences(directive, tasks) if judged_occurrence(o, year, as_of)
    )
    # judged on their percent as of the day: read by the events that decide it then
    return Need(as_of, keys, keys, as_of + dt.timedelta(days=1))


def for_report(directive: Directive, tasks: list[Task], month: str, as_of: dt.date) -> Need:
    """``report --month``: the rows of the month and of the month before (the report compares
    them), every one-off item, the tasks of those months and those judged for their years,
    whatever their state; every other occurrence up to the month unless settled before the
    month before began (it can then be neither overdue nor completed late within either)."""
    previous = add_months(month, -1)
    horizon = max(as_of, last_day(month))
    one_off = {o.id for o in directive.obligations if o.deadline.kind in ("before", "through")}
    months = {month, previous}
    years = {int(month[:4]), int(previous[:4])}
    keys: set[Key] = set()
    always: set[Key] = set()
    for occ in occurrences(directive, tasks, horizon):
        keys.add(occ.key)
        if (
            occ.falls_in in months
            or (occ.task is None and occ.item in one_off)
            or any(judged_occurrence(occ, year, as_of) for year in years)
        ):
            always.add(occ.key)
    since = min(first_day(previous), as_of)
    days = tuple(sorted({previous_day(month, as_of), as_of}))
    return Need(as_of, frozenset(keys), frozenset(always), since, days=days)


def previous_day(month: str, as_of: dt.date) -> dt.date:
    """The day ``report --month`` judges the month before on, beside ``as_of``: the day after
    its last day, or ``as_of`` if that is earlier (the report and its read agree on it)."""
    return min(last_day(add_months(month, -1)) + dt.timedelta(days=1), as_of)


def kept(found: Sequence[Occurrence], left_out: frozenset[Key]) -> list[Occurrence]:
    """The occurrences not left out, in their order."""
    if not left_out:
        return list(found)
    return [o for o in found if o.key not in left_out]


def wanted(found: Sequence[Occurrence], keys: frozenset[Key]) -> list[Occurrence]:
    """The occurrences among ``keys``, in their order."""
    return [o for o in found if o.key in keys]


def task_occurrences(directive: Directive, tasks: Iterable[Task]) -> list[Occurrence]:
    """The tasks' occurrences, in :func:`cvtracker.schedule.occurrences`'s order (unit by unit,
    in the directive's order), a cancelled task having none."""
    from cvtracker.schedule import task_occurrence

    roll = directive.calendar.roll_past_days_off
    by_unit: dict[str, list[Occurrence]] = {unit.id: [] for unit in directive.units}
    for task in tasks:
        if not task.cancelled:
            by_unit.setdefault(task.unit, []).append(task_occurrence(task, roll))
    return [occ for mine in by_unit.values() for occ in mine]
