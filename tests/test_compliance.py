"""The rules of DESIGN.md, on the pure core: hand-made occurrences and events, a given day."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from cvtracker.compliance import (
    Event,
    Row,
    classify,
    counts,
    eligibility,
    overdue_rows,
    progress,
    status_rows,
    working_days_left,
)
from cvtracker.directive import Directive
from cvtracker.schedule import Occurrence, Task, item_occurrences, occurrences, task_occurrence

D = dt.date
_ids = itertools.count(1)


def ev(
    on: dt.date,
    percent: float = 100,
    *,
    unit: str = "tu-phap",
    item: str = "2",
    task: str | None = None,
    period: str | None = None,
    id: int | None = None,
) -> Event:
    return Event(
        id=id if id is not None else next(_ids),
        unit=unit,
        item=item,
        task=task,
        period=period,
        percent=percent,
        on=on,
    )


BEFORE_30_4 = Occurrence("tu-phap", "2", None, None, "before", D(2022, 4, 30))
# rule 1 alone: 30/4/2022 is a Saturday and a holiday, so these two do not roll (rule 1b below)
THROUGH_30_4 = Occurrence("vp-hdnd-ubnd", "5a", None, None, "through", D(2022, 4, 30), roll=False)


def row(occ: Occurrence, events: list[Event], as_of: dt.date) -> Row:
    (result,) = status_rows([occ], events, as_of)
    return result


# --- rule 1: "trước ngày X" and "đến hết ngày X" ------------------------------------------------


def test_before_x_done_the_day_before_is_on_time() -> None:
    r = row(BEFORE_30_4, [ev(D(2022, 4, 29))], D(2022, 6, 1))
    assert r.state == "done"
    assert r.completed_on == D(2022, 4, 29)
    assert r.days_overdue is None


def test_before_x_done_on_x_is_late() -> None:
    r = row(BEFORE_30_4, [ev(D(2022, 4, 30))], D(2022, 6, 1))
    assert r.state == "late"
    assert r.days_late == 1
    assert r.to_json()["late_from"] == "2022-04-30"


def test_before_x_with_nothing_done_is_overdue_from_x() -> None:
    assert row(BEFORE_30_4, [], D(2022, 4, 29)).state == "open"
    on_x = row(BEFORE_30_4, [], D(2022, 4, 30))
    assert on_x.state == "overdue"
    assert on_x.days_overdue == 1
    assert row(BEFORE_30_4, [], D(2022, 5, 9)).days_overdue == 10


def test_through_x_done_on_x_is_on_time_and_x_plus_1_late() -> None:
    assert THROUGH_30_4.late_from == D(2022, 5, 1)
    on_x = [ev(D(2022, 4, 30), item="5a", unit="vp-hdnd-ubnd")]
    assert row(THROUGH_30_4, on_x, D(2022, 6, 1)).state == "done"
    late = row(THROUGH_30_4, [ev(D(2022, 5, 1), item="5a", unit="vp-hdnd-ubnd")], D(2022, 6, 1))
    assert late.state == "late"


def test_through_x_is_overdue_from_x_plus_1() -> None:
    assert row(THROUGH_30_4, [], D(2022, 4, 30)).state == "open"
    r = row(THROUGH_30_4, [], D(2022, 5, 1))
    assert r.state == "overdue"
    assert r.days_overdue == 1
    assert r.to_json()["late_from"] == "2022-05-01"


def test_a_row_in_the_json_contract() -> None:
    r = row(BEFORE_30_4, [ev(D(2022, 4, 20), 40)], D(2022, 5, 4))
    assert r.to_json() == {
        "unit": "tu-phap",
        "item": "2",
        "task": None,
        "period": None,
        "late_from": "2022-04-30",
        "state": "overdue",
        "percent": 40,
        "completed_on": None,
        "days_overdue": 5,
    }
    decimal = row(BEFORE_30_4, [ev(D(2022, 4, 20), 89.5)], D(2022, 5, 4)).to_json()
    assert decimal["percent"] == 89.5


def test_ongoing_items_are_open_forever_and_done_when_recorded() -> None:
    occ = Occurrence("tu-phap", "1", None, None, "ongoing", None)
    assert row(occ, [], D(2030, 1, 1)).state == "open"
    assert row(occ, [ev(D(2022, 5, 1), item="1")], D(2030, 1, 1)).state == "done"


# --- rule 2: monthly occurrences ---------------------------------------------------------------


# --- rule 1b: a last day that falls on a day off rolls to the next working day ----------------


def test_before_10_7_2022_rolls_past_saturday_9_7_to_monday_11_7(directive: Directive) -> None:
    item = directive.obligation("6")
    july = item_occurrences(directive, item, "tu-phap", D(2022, 7, 28))[-1]
    assert (july.period, july.due) == ("2022-07", D(2022, 7, 10))
    assert july.nominal_last == D(2022, 7, 9)  # a Saturday
    assert july.rolled_from == D(2022, 7, 9)
    assert july.last_on_time == D(2022, 7, 11)
    assert july.late_from == D(2022, 7, 12)
    assert july.falls_in == "2022-07"
    for day, state in (
        (D(2022, 7, 9), "done"),
        (D(2022, 7, 10), "done"),
        (D(2022, 7, 11), "done"),
        (D(2022, 7, 12), "late"),
    ):
        events = [ev(day, item="6", period="2022-07")]
        assert row(july, events, D(2022, 7, 31)).state == state, day
    assert row(july, [], D(2022, 7, 11)).state == "open"
    overdue = row(july, [], D(2022, 7, 12))
    assert (overdue.state, overdue.days_overdue) == ("overdue", 1)
    assert overdue.to_json()["late_from"] == "2022-07-12"


def test_item_7_before_30_5_is_on_time_through_monday_30_5(directive: Directive) -> None:
    (occ,) = item_occurrences(directive, directive.obligation("7"), "noi-vu", D(2022, 5, 28))
    assert occ.nominal_last == D(2022, 5, 29)  # a Sunday
    assert (occ.last_on_time, occ.late_from) == (D(2022, 5, 30), D(2022, 5, 31))
    events = [ev(D(2022, 5, 30), item="7", unit="noi-vu")]
    assert row(occ, events, D(2022, 6, 30)).state == "done"
    late = [ev(D(2022, 5, 31), item="7", unit="noi-vu")]
    assert row(occ, late, D(2022, 6, 30)).state == "late"


def test_a_deadline_in_tet_rolls_past_the_whole_holiday() -> None:
    # "đến hết ngày 21/1/2023": Tết Quý Mão, days off 20–26/1/2023; first working day Fri 27/1
    occ = Occurrence("tu-phap", "3", "T1", None, "through", D(2023, 1, 21))
    assert (occ.last_on_time, occ.late_from) == (D(2023, 1, 27), D(2023, 1, 28))
    assert occ.falls_in == "2023-01"
    # a Saturday the government made a working day (4/5/2024) does not roll
    assert Occurrence("tu-phap", "3", "T2", None, "through", D(2024, 5, 4)).rolled_from is None
    # a Sunday rolls to the Monday
    sunday = Occurrence("tu-phap", "3", "T3", None, "before", D(2022, 5, 30))
    assert sunday.last_on_time == D(2022, 5, 30)


def test_a_working_day_does_not_roll_and_roll_false_keeps_the_words() -> None:
    assert BEFORE_30_4.rolled_from is None  # 29/4/2022 is a Friday
    fixed = Occurrence("tu-phap", "3", "T1", None, "before", D(2022, 7, 10), roll=False)
    assert (fixed.last_on_time, fixed.late_from) == (D(2022, 7, 9), D(2022, 7, 10))


def test_the_roll_never_moves_an_occurrence_to_another_month(directive: Directive) -> None:
    # item 4 of July 2022 is due through Sunday 31/7: on time through Monday 1/8, still July's
    july = item_occurrences(directive, directive.obligation("4"), "tu-phap", D(2022, 7, 28))[-1]
    assert (july.period, july.last_on_time, july.falls_in) == (
        "2022-07",
        D(2022, 8, 1),
        "2022-07",
    )
    year_end = Occurrence("tu-phap", "3", "T1", None, "through", D(2022, 12, 31))  # a Saturday
    assert year_end.last_on_time == D(2023, 1, 3)  # Mon 2/1/2023 is the observed New Year
    assert year_end.falls_in == "2022-12"


def test_a_directive_may_turn_the_roll_off(directive: Directive) -> None:
    fixed = directive.model_copy(
        update={"calendar": directive.calendar.model_copy(update={"roll_past_days_off": False})}
    )
    july = item_occurrences(fixed, fixed.obligation("6"), "tu-phap", D(2022, 7, 28))[-1]
    assert july.late_from == D(2022, 7, 10)


# --- the directive's lifetime -----------------------------------------------------------------


def test_nothing_falls_due_after_the_directive_ends(directive: Directive) -> None:
    assert directive.in_force_until == D(2025, 6, 30)
    occs = occurrences(directive, [], D(2026, 11, 30))
    last = max(o.nominal_last for o in occs if o.nominal_last is not None)
    assert last == D(2025, 6, 30)
    tu_phap = {(o.item, o.period) for o in occs if o.unit == "tu-phap"}
    assert ("6", "2025-06") in tu_phap and ("6", "2025-07") not in tu_phap
    assert ("4", "2025-06") in tu_phap and ("4", "2025-07") not in tu_phap
    assert not directive.ended(D(2025, 6, 30))
    assert directive.ended(D(2025, 7, 1))


# --- item 5a: ongoing from 1/5/2022 -------------------------------------------------------------


def test_5a_is_ongoing_from_1_5_2022_never_overdue(directive: Directive) -> None:
    item = directive.obligation("5a")
    assert item_occurrences(directive, item, "lien-huong", D(2022, 4, 30)) == []
    (occ,) = item_occurrences(directive, item, "lien-huong", D(2022, 5, 1))
    assert (occ.kind, occ.late_from) == ("ongoing", None)
    assert row(occ, [], D(2025, 6, 30)).state == "open"


def test_monthly_item_6_reported_on_the_9th_is_on_time_the_10th_late(
    directive: Directive,
) -> None:
    item = directive.obligation("6")
    (may,) = item_occurrences(directive, item, "tu-phap", D(2022, 5, 28))
    assert (may.period, may.kind, may.due, may.late_from) == (
        "2022-05",
        "before",
        D(2022, 5, 10),
        D(2022, 5, 10),
    )
    on_9th = [ev(D(2022, 5, 9), item="6", period="2022-05")]
    on_10th = [ev(D(2022, 5, 10), item="6", period="2022-05")]
    assert row(may, on_9th, D(2022, 5, 31)).state == "done"
    assert row(may, on_10th, D(2022, 5, 31)).state == "late"
    assert row(may, [], D(2022, 5, 9)).state == "open"
    assert row(may, [], D(2022, 5, 10)).days_overdue == 1


def test_a_report_for_another_month_does_not_count(directive: Directive) -> None:
    item = directive.obligation("6")
    may, june = item_occurrences(directive, item, "tu-phap", D(2022, 6, 28))
    events = [ev(D(2022, 5, 9), item="6", period="2022-05")]
    assert row(june, events, D(2022, 6, 15)).state == "overdue"
    assert row(may, events, D(2022, 6, 15)).state == "done"


def test_monthly_periods_start_in_may_2022(directive: Directive) -> None:
    for item_id in ("4", "5b", "6"):
        item = directive.obligation(item_id)
        unit = directive.assignees(item)[0]
        occs = item_occurrences(directive, item, unit, D(2022, 7, 28))
        assert [o.period for o in occs] == ["2022-05", "2022-06", "2022-07"]
        assert all(o.late_from and o.late_from > directive.directive.date for o in occs)
    # a day in April, the directive's own month: no monthly occurrence yet
    assert not [o for o in occurrences(directive, [], D(2022, 4, 28)) if o.period is not None]


def test_a_monthly_item_with_no_day_is_due_through_the_months_end(directive: Directive) -> None:
    item = directive.obligation("4")
    may, june = item_occurrences(directive, item, "tu-phap", D(2022, 6, 28))
    assert (may.kind, may.due, may.late_from) == ("through", D(2022, 5, 31), D(2022, 6, 1))
    assert june.due == D(2022, 6, 30)
    assert may.falls_in == "2022-05"


def test_falls_in_the_month_of_the_last_on_time_day() -> None:
    before_1_6 = Occurrence("tu-phap", "3", "T1", None, "before", D(2022, 6, 1))
    assert before_1_6.falls_in == "2022-05"
    assert BEFORE_30_4.falls_in == "2022-04"
    assert THROUGH_30_4.falls_in == "2022-04"


def test_occurrences_up_to_the_day(directive: Directive) -> None:
    occs = occurrences(directive, [], D(2022, 6, 15))
    tu_phap = [(o.item, o.period) for o in occs if o.unit == "tu-phap"]
    assert tu_phap == [
        ("1", None),
        ("2", None),
        ("3", None),
        ("4", "2022-05"),
        ("4", "2022-06"),
        ("6", "2022-05"),
        ("6", "2022-06"),
        ("obstacles", None),
    ]
    noi_vu = {(o.item, o.period) for o in occs if o.unit == "noi-vu"}
    assert ("7", None) in noi_vu and ("6", "2022-05") not in noi_vu


# --- rule 5: the ledger as of a day ------------------------------------------------------------


def test_the_state_as_of_a_day_before_a_later_event() -> None:
    events = [ev(D(2022, 4, 20), 50), ev(D(2022, 5, 5), 100)]
    before = row(BEFORE_30_4, events, D(2022, 5, 1))
    assert (before.state, before.percent, before.days_overdue) == ("overdue", 50, 2)
    after = row(BEFORE_30_4, events, D(2022, 5, 5))
    assert (after.state, after.percent, after.completed_on) == ("late", 100, D(2022, 5, 5))
    assert row(BEFORE_30_4, events, D(2022, 4, 19)).percent == 0
    assert not row(BEFORE_30_4, events, D(2022, 4, 19)).reported


def test_a_correction_is_a_new_event_and_completion_restarts() -> None:
    events = [ev(D(2022, 4, 10), 100), ev(D(2022, 4, 12), 50), ev(D(2022, 4, 20), 100)]
    assert progress(events, D(2022, 4, 11)).completed_on == D(2022, 4, 10)
    corrected = progress(events, D(2022, 4, 15))
    assert (corrected.percent, corrected.completed_on) == (50, None)
    final = progress(events, D(2022, 5, 1))
    assert (final.percent, final.completed_on) == (100, D(2022, 4, 20))
    assert row(BEFORE_30_4, events, D(2022, 5, 1)).state == "done"


def test_completed_on_is_the_start_of_the_last_run_at_100() -> None:
    events = [ev(D(2022, 4, 10), 100), ev(D(2022, 4, 12), 100), ev(D(2022, 4, 14), 100)]
    assert progress(events, D(2022, 5, 1)).completed_on == D(2022, 4, 10)


def test_same_day_events_count_in_recorded_order() -> None:
    # recorded 100 then (a correction the same day) 60: the later record wins
    events = [ev(D(2022, 4, 20), 100, id=7), ev(D(2022, 4, 20), 60, id=8)]
    assert progress(events, D(2022, 4, 20)).percent == 60
    assert progress(list(reversed(events)), D(2022, 4, 20)).percent == 60
    assert progress(events, D(2022, 4, 20)).completed_on is None
    # and the other way round
    events = [ev(D(2022, 4, 20), 60, id=9), ev(D(2022, 4, 20), 100, id=10)]
    assert progress(list(reversed(events)), D(2022, 4, 20)).completed_on == D(2022, 4, 20)


def test_events_are_ordered_by_their_day_not_by_when_they_were_recorded() -> None:
    # a back-dated record of 40 entered after the 100: the 100 of a later day wins
    events = [ev(D(2022, 4, 25), 100, id=1), ev(D(2022, 4, 20), 40, id=2)]
    result = progress(events, D(2022, 5, 1))
    assert (result.percent, result.completed_on) == (100, D(2022, 4, 25))


def test_events_of_other_occurrences_are_ignored() -> None:
    events = [ev(D(2022, 4, 20), unit="gd-dt"), ev(D(2022, 4, 20), item="3")]
    assert row(BEFORE_30_4, events, D(2022, 5, 1)).state == "overdue"


@st.composite
def event_lists(draw: st.DrawFn) -> list[Event]:
    count = draw(st.integers(min_value=0, max_value=8))
    days = st.dates(min_value=D(2022, 4, 1), max_value=D(2022, 6, 30))
    percents = st.sampled_from([0, 50, 89.5, 90, 100])
    return [ev(draw(days), draw(percents), id=i) for i in range(1, count + 1)]


@settings(max_examples=150, deadline=None)
@given(
    events=event_lists(),
    as_of=st.dates(min_value=D(2022, 4, 1), max_value=D(2022, 6, 30)),
    later=st.lists(st.tuples(st.integers(1, 60), st.sampled_from([0, 50, 100])), max_size=4),
)
def test_the_state_as_of_a_day_depends_only_on_events_on_or_before_it(
    events: list[Event], as_of: dt.date, later: list[tuple[int, float]]
) -> None:
    more = [
        ev(as_of + dt.timedelta(days=offset), percent, id=100 + i)
        for i, (offset, percent) in enumerate(later)
    ]
    for occ in (BEFORE_30_4, replace(BEFORE_30_4, kind="through")):
        alone = row(occ, events, as_of)
        with_later = row(occ, events + more, as_of)
        assert alone == with_later
        if alone.completed_on is not None:
            assert alone.completed_on <= as_of
            assert alone.percent == 100
        assert (alone.state == "overdue") == (
            alone.completed_on is None and occ.late_from is not None and as_of >= occ.late_from
        )


@settings(max_examples=100, deadline=None)
@given(events=event_lists(), as_of=st.dates(min_value=D(2022, 4, 1), max_value=D(2022, 6, 30)))
def test_the_order_events_are_passed_in_does_not_matter(
    events: list[Event], as_of: dt.date
) -> None:
    assert progress(events, as_of) == progress(list(reversed(events)), as_of)


# --- the 90% rule (rule 4) ---------------------------------------------------------------------


def task(number: int, percent_deadline: dt.date, person: str | None = None) -> Occurrence:
    return task_occurrence(
        Task(
            number=number,
            unit="tu-phap",
            title=f"task {number}",
            assignee=person,
            deadline_kind="before",
            deadline=percent_deadline,
        )
    )


def judge(occs: list[Occurrence], events: list[Event], as_of: dt.date, year: int = 2022):
    rows = status_rows(occs, events, as_of)
    return {(e.unit, e.person): e for e in eligibility(rows, ["tu-phap"], year, as_of)}


def task_event(number: int, percent: float, on: dt.date = D(2022, 5, 20)) -> Event:
    return ev(on, percent, item="3", task=f"T{number}")


def test_exactly_90_passes() -> None:
    result = judge([task(1, D(2022, 6, 1))], [task_event(1, 90)], D(2022, 6, 30))
    assert result[("tu-phap", None)].eligible
    assert result[("tu-phap", None)].judged == 1


def test_89_5_fails_without_rounding() -> None:
    result = judge([task(1, D(2022, 6, 1))], [task_event(1, 89.5)], D(2022, 6, 30))
    head = result[("tu-phap", None)]
    assert not head.eligible
    assert head.to_json() == {
        "unit": "tu-phap",
        "person": None,
        "eligible": False,
        "failing": [{"item": "3", "task": "T1", "period": None, "percent": 89.5, "reported": True}],
        "rated_by_issuer": True,
    }


def test_nothing_recorded_fails_and_is_shown_as_not_reported() -> None:
    result = judge([task(1, D(2022, 6, 1))], [], D(2022, 6, 30))
    (failing,) = result[("tu-phap", None)].failing
    assert failing.to_json() == {
        "item": "3",
        "task": "T1",
        "period": None,
        "percent": 0,
        "reported": False,
    }


def test_a_high_average_with_one_task_under_90_fails() -> None:
    occs = [task(n, D(2022, 6, 1)) for n in (1, 2, 3, 4)]
    events = [task_event(1, 100), task_event(2, 100), task_event(3, 100), task_event(4, 89)]
    head = judge(occs, events, D(2022, 6, 30))[("tu-phap", None)]
    assert not head.eligible
    assert [f.row.occurrence.task for f in head.failing] == ["T4"]


def test_the_last_record_as_of_the_day_counts() -> None:
    occs = [task(1, D(2022, 6, 1))]
    events = [task_event(1, 100, D(2022, 5, 1)), task_event(1, 80, D(2022, 5, 20))]
    assert not judge(occs, events, D(2022, 6, 30))[("tu-phap", None)].eligible
    events.append(task_event(1, 95, D(2022, 6, 20)))
    assert judge(occs, events, D(2022, 6, 30))[("tu-phap", None)].eligible
    # as of a day before the 95 was recorded
    assert not judge(occs, events, D(2022, 6, 19))[("tu-phap", None)].eligible


def test_only_tasks_come_due_in_the_judged_year_count() -> None:
    occs = [
        task(1, D(2022, 6, 1)),  # due, in 2022
        task(2, D(2022, 8, 1)),  # not yet due as of 30/6/2022
        task(3, D(2021, 12, 1)),  # due in 2021
        task(4, D(2023, 1, 1)),  # "trước ngày 1/1/2023" falls in December 2022
    ]
    events = [task_event(1, 95)]
    head = judge(occs, events, D(2022, 6, 30))[("tu-phap", None)]
    assert head.eligible and head.judged == 1
    # T4's last day is Sat 31/12/2022, rolled past the observed New Year to Tue 3/1/2023: it
    # counts for 2022 (the directive's date decides the year) once that day has passed
    before = judge(occs, events, D(2023, 1, 3))[("tu-phap", None)]
    assert [f.row.occurrence.task for f in before.failing] == ["T2"]
    after = judge(occs, events, D(2023, 1, 4))[("tu-phap", None)]
    assert [f.row.occurrence.task for f in after.failing] == ["T2", "T4"]
    previous = judge(occs, events, D(2023, 1, 1), year=2021)[("tu-phap", None)]
    assert [f.row.occurrence.task for f in previous.failing] == ["T3"]


def test_the_directives_items_and_undated_tasks_never_count() -> None:
    ongoing = Occurrence("tu-phap", "1", None, None, "ongoing", None)
    item = Occurrence("tu-phap", "2", None, None, "before", D(2022, 5, 1))
    undated = Occurrence("tu-phap", "3", "T9", None, "ongoing", None)
    head = judge([ongoing, item, undated], [], D(2022, 12, 31))[("tu-phap", None)]
    assert head.judged == 0 and head.eligible is None and not head.failing
    assert head.to_json()["eligible"] is None


def test_a_task_counts_only_once_its_deadline_has_passed() -> None:
    # "trước ngày 1/6/2022": last on-time day Tue 31/5, late from 1/6
    occs = [task(1, D(2022, 6, 1))]
    on_last_day = judge(occs, [], D(2022, 5, 31))[("tu-phap", None)]
    assert on_last_day.eligible is None and on_last_day.judged == 0
    day_after = judge(occs, [], D(2022, 6, 1))[("tu-phap", None)]
    assert day_after.eligible is False and day_after.judged == 1


def test_a_task_whose_last_day_rolled_counts_from_the_rolled_late_from() -> None:
    # "trước ngày 10/7/2022": the last day rolls from Sat 9/7 to Mon 11/7
    occs = [task(1, D(2022, 7, 10))]
    assert judge(occs, [], D(2022, 7, 11))[("tu-phap", None)].eligible is None
    assert judge(occs, [], D(2022, 7, 12))[("tu-phap", None)].eligible is False


def test_units_the_issuer_does_not_rate_are_marked() -> None:
    rows = status_rows([task(1, D(2022, 6, 1))], [], D(2022, 6, 30))
    (head,) = eligibility(rows, ["tu-phap"], 2022, D(2022, 6, 30), not_rated=["tu-phap"])
    assert head.rated_by_issuer is False and head.eligible is False
    assert head.to_json()["rated_by_issuer"] is False


def test_per_person_rows_for_tasks_with_an_assignee() -> None:
    occs = [
        task(1, D(2022, 6, 1), person="Nguyễn Văn A"),
        task(2, D(2022, 6, 1), person="Trần Thị B"),
        task(3, D(2022, 6, 1)),
    ]
    events = [task_event(1, 100), task_event(2, 50), task_event(3, 100)]
    result = judge(occs, events, D(2022, 6, 30))
    assert set(result) == {
        ("tu-phap", None),
        ("tu-phap", "Nguyễn Văn A"),
        ("tu-phap", "Trần Thị B"),
    }
    assert result[("tu-phap", "Nguyễn Văn A")].eligible
    assert not result[("tu-phap", "Trần Thị B")].eligible
    # the head answers for every task of the unit
    head = result[("tu-phap", None)]
    assert [f.row.occurrence.task for f in head.failing] == ["T2"]
    assert result[("tu-phap", "Trần Thị B")].to_json()["person"] == "Trần Thị B"


def test_the_directives_own_items_never_bar_the_head(directive: Directive) -> None:
    as_of = D(2022, 6, 30)
    items = [o for o in occurrences(directive, [], as_of) if o.unit == "tu-phap"]
    # nothing recorded for any of the directive's items: all of them overdue
    rows = status_rows(items, [], as_of)
    assert [r.occurrence.item for r in rows if r.state == "overdue"] == ["2", "3", "4", "6", "6"]
    plan = [task(1, D(2022, 6, 1)), task(2, D(2022, 6, 15))]
    head = judge([*items, *plan], [task_event(1, 100), task_event(2, 90)], as_of)
    assert head[("tu-phap", None)].eligible is True
    assert head[("tu-phap", None)].judged == 2
    # late but complete still passes the 90% rule; a task left at 50 does not
    head = judge([*items, *plan], [task_event(1, 100), task_event(2, 50)], as_of)
    assert [f.row.occurrence.task for f in head[("tu-phap", None)].failing] == ["T2"]


# --- helpers of the shell ----------------------------------------------------------------------


def test_counts_and_overdue_rows_oldest_first() -> None:
    a = Occurrence("tu-phap", "6", None, "2022-06", "before", D(2022, 6, 10))
    b = Occurrence("gd-dt", "2", None, None, "before", D(2022, 4, 30))
    c = Occurrence("gd-dt", "7", None, None, "before", D(2022, 9, 1))
    rows = status_rows([a, b, c], [], D(2022, 6, 15))
    assert counts(rows) == {"done": 0, "late": 0, "overdue": 2, "open": 1}
    assert [r.occurrence.item for r in overdue_rows(rows)] == ["2", "6"]


def test_working_days_left_counts_vietnamese_holidays() -> None:
    occ = Occurrence("tu-phap", "6", None, "2022-05", "before", D(2022, 5, 10))
    r = classify(occ, progress([], D(2022, 4, 28)), D(2022, 4, 28))
    # 28/4 … 9/5/2022: Thu 28, Fri 29, (30/4, 1/5 weekend; 2–3/5 off), Wed 4 … Mon 9
    assert working_days_left(r, D(2022, 4, 28)) == 6
    overdue = classify(occ, progress([], D(2022, 5, 11)), D(2022, 5, 11))
    assert working_days_left(overdue, D(2022, 5, 11)) is None


def test_the_day_a_year_is_judged() -> None:
    from cvtracker.compliance import judgement_day

    today = D(2026, 11, 28)
    # the day before the rating deadline (15/12 unless the data file says otherwise)
    assert judgement_day(2022, None, today) == (2022, D(2022, 12, 14))
    assert judgement_day(2022, None, today, D(2022, 12, 1)) == (2022, D(2022, 11, 30))
    assert judgement_day(2022, None, D(2022, 12, 14)) == (2022, D(2022, 12, 14))
    assert judgement_day(2022, None, D(2022, 12, 15)) == (2022, D(2022, 12, 14))
    assert judgement_day(2022, None, D(2022, 12, 13)) == (2022, D(2022, 12, 13))
    assert judgement_day(2026, None, today) == (2026, today)
    assert judgement_day(None, None, today) == (2026, today)
    assert judgement_day(None, D(2023, 3, 1), today) == (2023, D(2023, 3, 1))
    assert judgement_day(2022, D(2022, 6, 30), today) == (2022, D(2022, 6, 30))
