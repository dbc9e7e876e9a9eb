"""What a command shows is chosen in the core: rows by unit, items and the day they became late,
events by unit, task, items and the day they were recorded, tasks by unit."""

from __future__ import annotations

import datetime as dt

from cvtracker.compliance import (
    Event,
    overdue_rows,
    select_events,
    select_rows,
    select_tasks,
    status_rows,
)
from cvtracker.directive import Directive
from cvtracker.schedule import Task, occurrences

D = dt.date
UTC = dt.timezone.utc


def test_select_rows_by_unit_items_and_since(directive: Directive) -> None:
    day = D(2022, 7, 15)
    rows = status_rows(occurrences(directive, [], day), [], day)
    assert select_rows(rows) == rows
    mine = select_rows(rows, unit="tu-phap")
    assert mine and {r.occurrence.unit for r in mine} == {"tu-phap"}
    monthly = select_rows(rows, unit="tu-phap", items={"6"})
    assert [r.occurrence.period for r in monthly] == ["2022-05", "2022-06", "2022-07"]
    late = select_rows(overdue_rows(rows), since=D(2022, 6, 1))
    assert late and all(
        r.occurrence.late_from and r.occurrence.late_from >= D(2022, 6, 1) for r in late
    )
    # the order is kept: a filter never sorts
    assert select_rows(rows, items={"6"}) == [r for r in rows if r.occurrence.item == "6"]


def event(id: int, unit: str, item: str, task: str | None, at: dt.datetime | None) -> Event:
    return Event(id, unit, item, task, None, 100, D(2022, 5, 1), recorded_at=at)


def test_select_events_by_unit_task_items_and_day_recorded() -> None:
    late_evening = dt.datetime(2022, 5, 1, 18, 0, tzinfo=UTC)  # 2 May in Viet Nam
    events = [
        event(1, "tu-phap", "2", None, dt.datetime(2022, 5, 1, 9, tzinfo=UTC)),
        event(2, "tu-phap", "3", "T1", late_evening),
        event(3, "noi-vu", "2", None, None),
    ]

    def in_viet_nam(moment: dt.datetime) -> dt.date:
        return (moment + dt.timedelta(hours=7)).date()

    assert [e.id for e in select_events(events)] == [1, 2, 3]
    assert [e.id for e in select_events(events, unit="tu-phap")] == [1, 2]
    assert [e.id for e in select_events(events, task="T1")] == [2]
    # an item's own events, not its tasks'
    assert [e.id for e in select_events(events, items={"2", "3"})] == [1, 3]
    since = select_events(events, since=D(2022, 5, 2), day_of=in_viet_nam)
    assert [e.id for e in since] == [2, 3]  # no recording time: kept


def test_select_tasks_by_unit() -> None:
    tasks = [
        Task(1, "tu-phap", "Rà soát"),
        Task(2, "noi-vu", "Kế hoạch"),
    ]
    assert select_tasks(tasks) == tasks
    assert [t.id for t in select_tasks(tasks, unit="noi-vu")] == ["T2"]
