"""Reads about every unit ask the ledger only for what is in scope (issue 8), and answer as the
whole ledger would.

A seeded generator writes a ledger over every unit (every occurrence the directive gives, plan
tasks with persons and deadlines in two years; percents that rise, stop short, reach 100 late,
fall back after 100, and a 100 and a 90 on the same day in both orders; one event in eight
voided; task revisions: tasks cancelled and moved). For several past
as-of days, ``status --json``, ``overdue --json``, ``report --format json`` and ``eligibility
--json`` give exactly what the core gives on every event of the ledger; and they read (build an
``Event`` for) only the events of the occurrences they need, counted through the ledger's one
row-to-event function. The same on the real PostgreSQL server of tests/test_postgres.py.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import Cli
from cvtracker import ledger as ledger_module
from cvtracker.compliance import (
    Event,
    NewEvent,
    eligibility,
    judgement_day,
    overdue_rows,
    status_rows,
)
from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.ledger import Ledger, open_ledger
from cvtracker.report import build_report
from cvtracker.report.formats import render_bytes
from cvtracker.revisions import NewRevision
from cvtracker.schedule import Task, occurrences
from cvtracker.scope import Summary, last_is_partial, settled

AT = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
START = dt.date(2022, 4, 28)
AS_OF_DAYS = ["2022-07-15", "2022-12-31", "2023-03-01", "2023-06-30"]
MONTHS = [
    ("2022-06", None),
    ("2022-12", None),
    ("2023-01", "2023-01-20"),
    ("2023-03", None),
    # the report's read judges two days (the month before's and the report's): here one, the
    # as-of day inside the month before, or before it began
    ("2023-04", "2023-03-10"),
    ("2023-05", "2023-02-15"),
]
YEARS = [("2022", None), ("2023", "2023-06-30"), ("2022", "2022-09-01")]


def generate(ledger: Ledger, directive: Directive, seed: int) -> tuple[list[Task], list[Event]]:
    """Tasks and events over every unit; returns what the ledger then holds."""
    rng = random.Random(seed)
    units = [u.id for u in directive.units]
    with ledger.writing() as conn:
        for n in range(24):
            kind = rng.choice(["before", "through", None])
            ledger.add_task(
                conn,
                unit=rng.choice(units),
                item="3",
                title=f"Nhiệm vụ {n}",
                assignee=rng.choice([None, "Nguyễn Văn A", "Trần Thị B"]),
                deadline_kind=kind,
                deadline=START + dt.timedelta(days=rng.randint(20, 500)) if kind else None,
                by="test",
                at=AT,
            )
    # two tasks cancelled, two moved to another deadline (task revisions)
    with ledger.writing() as conn:
        for task in rng.sample(ledger.tasks(conn), 4):
            cancel = rng.random() < 0.5
            deadline = START + dt.timedelta(days=rng.randint(20, 500))
            revision = NewRevision(
                task.number, task.title, task.assignee, "before", deadline, cancel, "sửa", "test"
            )
            ledger.add_revision(conn, revision, AT)
    tasks = ledger.tasks()
    found = occurrences(directive, tasks, dt.date(2023, 6, 30))
    new: list[NewEvent] = []
    for occ in found:
        if rng.random() < 0.2:
            continue  # nothing recorded: overdue once due
        day = (occ.nominal_last or dt.date(2022, 9, 1)) - dt.timedelta(days=rng.randint(-40, 30))
        day = max(day, START)
        percent = 0.0
        for _ in range(rng.randint(1, 5)):
            percent = min(100.0, percent + rng.choice([10.0, 30.0, 45.0, 89.5, 100.0]))
            new.append(event_for(occ.unit, occ.item, occ.task, occ.period, percent, day))
            day += dt.timedelta(days=rng.randint(0, 25))
        twist = rng.random()
        if twist < 0.1:  # corrected down after 100, on the same day or later
            back = day + dt.timedelta(days=rng.choice([0, 0, 7]))
            new.append(event_for(occ.unit, occ.item, occ.task, occ.period, 90.0, back))
        elif twist < 0.2:  # a 90 then a 100 on the same day
            new.append(event_for(occ.unit, occ.item, occ.task, occ.period, 90.0, day))
            new.append(event_for(occ.unit, occ.item, occ.task, occ.period, 100.0, day))
    rng.shuffle(new)  # recorded in any order: late reports of early days
    with ledger.writing() as conn:
        ledger.append(conn, new, AT)
    # one event in eight voided (a void: the same occurrence, percent and day, ``voids`` = id)
    recorded = ledger.events()
    voids = [
        NewEvent(e.unit, e.item, e.task, e.period, e.percent, e.on, None, "sai", "test", e.id)
        for e in rng.sample(recorded, len(recorded) // 8)
    ]
    with ledger.writing() as conn:
        ledger.append(conn, voids, AT)
    return ledger.tasks(), ledger.events()


def event_for(
    unit: str, item: str, task: str | None, period: str | None, percent: float, on: dt.date
) -> NewEvent:
    return NewEvent(unit, item, task, period, percent, on, None, None, "test")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many ledger rows became events (every read goes through ledger._event)."""
    count = [0]
    make = ledger_module._event

    def counting(row: Any) -> Event:
        count[0] += 1
        return make(row)

    monkeypatch.setattr(ledger_module, "_event", counting)
    yield count


def expected_rows(directive: Directive, tasks: list[Task], events: list[Event], day: dt.date):  # type: ignore[no-untyped-def]
    return status_rows(occurrences(directive, tasks, day), events, day)


def check_equal(
    invoke: Any, directive: Directive, tasks: list[Task], events: list[Event], counted: list[int]
) -> dict[str, int]:
    """Every command's answer against the core's on every event; the events each read."""
    read: dict[str, int] = {}
    t = Translator("vi")

    def answer(*args: str) -> Any:
        counted[0] = 0
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        read[" ".join(args)] = counted[0]
        return result.output

    for text in AS_OF_DAYS:
        day = dt.date.fromisoformat(text)
        rows = expected_rows(directive, tasks, events, day)
        got = json.loads(answer("status", "--as-of", text, "--json"))
        cv = {"directive": directive.directive.number}  # issue 12: each row says its directive
        assert got == [{**r.to_json(), **cv} for r in rows], text
        got = json.loads(answer("overdue", "--as-of", text, "--json"))
        assert got == [{**r.to_json(), **cv} for r in overdue_rows(rows)], text
    for month, as_of in MONTHS:
        args = ["report", "--month", month, "--format", "json"]
        if as_of:
            args += ["--as-of", as_of]
        out = answer(*args)
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.fromisoformat(month + "-01")
        if not as_of:
            from cvtracker.report import default_as_of

            day = default_as_of(month, dt.date(2030, 1, 1))
        built = build_report(directive, tasks, events, month, day)
        assert json.loads(out) == json.loads(render_bytes("json", built, directive, t)), month
    for year, as_of in YEARS:
        args = ["eligibility", "--year", year, "--json"]
        if as_of:
            args += ["--as-of", as_of]
        out = answer(*args)
        wanted_year, day = judgement_day(
            int(year),
            dt.date.fromisoformat(as_of) if as_of else None,
            dt.date(2030, 1, 1),
            directive.rating.deadline(int(year)),
        )
        rows = expected_rows(directive, tasks, events, day)
        unit_ids = [u.id for u in directive.units]
        not_rated = [u.id for u in directive.units if not u.rated_by_issuer]
        judged = eligibility(rows, unit_ids, wanted_year, day, not_rated)
        cv = {"directive": directive.directive.number}
        assert json.loads(out) == [{**j.to_json(), **cv} for j in judged], (year, as_of)
    return read


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today, for the defaults of report and eligibility: long after the directive."""
    monkeypatch.setattr("cvtracker.settings.today", lambda *a: dt.date(2030, 1, 1))


@pytest.mark.sqlite_only("its PostgreSQL twin is in test_scope_postgres.py")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scoped_reads_answer_as_the_whole_ledger_sqlite(
    cli: Cli, directive: Directive, counted: list[int], today: None, seed: int
) -> None:
    ledger = open_ledger(f"sqlite:///{cli.db}")
    tasks, events = generate(ledger, directive, seed)
    ledger.engine.dispose()
    read = check_equal(cli, directive, tasks, events, counted)
    total = len(events)
    # a past day reads no event dated after it; overdue, a month's report and the 90% rule
    # read only a part of the ledger (the whole of it was read for each before)
    for command, count in read.items():
        assert count <= total, command
    assert read["overdue --as-of 2022-07-15 --json"] < total / 3
    assert read["overdue --as-of 2023-06-30 --json"] < total / 2
    assert read["report --month 2022-06 --format json"] < total / 2
    assert read["eligibility --year 2022 --json"] < total / 5


def test_settled_follows_the_cores_order() -> None:
    key = ("u", "4", "2022-05")
    day = dt.date(2022, 6, 10)
    since = dt.date(2022, 7, 1)
    assert settled(Summary(key, (dt.date(2022, 6, 1), 9), (day, 3)), since)
    assert settled(Summary(key, None, (day, 3)), since)
    # a 90 and a 100 on the same day: by id, as the core orders them
    assert settled(Summary(key, (day, 3), (day, 4)), since)
    assert not settled(Summary(key, (day, 4), (day, 3)), since)
    # corrected below 100 on a later day (recorded before or after)
    assert not settled(Summary(key, (dt.date(2022, 6, 11), 1), (day, 3)), since)
    # an event on or after since: it may change a state within the read's days
    assert not settled(Summary(key, None, (since, 3)), since)
    assert not settled(Summary(key, (day, 3), None), since)


def test_only_the_last_event_when_it_is_below_100() -> None:
    key = ("u", "4", "2022-05")
    since = dt.date(2022, 7, 1)
    # stopped at 90 (or corrected to 90 after a 100): its last event says all
    assert last_is_partial(Summary(key, (dt.date(2022, 6, 9), 7), None), since)
    assert last_is_partial(Summary(key, (dt.date(2022, 6, 9), 7), (dt.date(2022, 6, 2), 9)), since)
    # not when it is at 100, nor when it falls within the read's days (a report's two days)
    assert not last_is_partial(
        Summary(key, (dt.date(2022, 6, 9), 7), (dt.date(2022, 6, 9), 8)), since
    )
    assert not last_is_partial(Summary(key, (since, 7), None), since)


def test_an_occurrences_events_are_found_through_the_index(cli: Cli) -> None:
    """SQLite's plan for the events of a few occurrences (of one directive, as every read is)
    searches the (directive, unit, item, period) index for each, and the partial task index
    for the tasks (no scan of the other occurrences' events)."""
    from sqlalchemy import and_, or_, select

    from cvtracker.ledger import _counts_by, events_table

    e = events_table
    ledger = open_ledger(f"sqlite:///{cli.db}")
    mine = e.c.directive == "968/UBND-TH"
    query = select(e).where(
        or_(
            e.c.task_id.in_([1, 2]),
            and_(mine, e.c.unit == "tu-phap", e.c.item == "4", e.c.period.in_(["2022-05"])),
            and_(mine, e.c.unit == "noi-vu", e.c.item == "3", e.c.task_id.is_(None)),
            and_(mine, e.c.unit == "noi-vu", e.c.item == "3", e.c.period.is_(None)),
        ),
        _counts_by(dt.date(2022, 12, 31)),
    )
    sql = str(query.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
    with ledger.engine.connect() as conn:
        plan = " ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    ledger.engine.dispose()
    assert "SEARCH events USING INDEX ix_events_task (task_id=?)" in plan, plan
    assert (
        "SEARCH events USING INDEX ix_events_directive_unit_item_period "
        "(directive=? AND unit=? AND item=? AND period=?)"
    ) in plan, plan
    assert "SCAN events" not in plan, plan


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_the_deciding_events_give_what_every_event_gives_on_each_day(cli: Cli, seed: int) -> None:
    """``report --month`` reads, for the occurrences it cannot settle from their summaries,
    only the events that decide their state on its two days (Ledger.deciding): the core gives
    on those what it gives on every event, as of each day; voids of any day, runs of 100s
    across the days, falls back below 100 and same-day events included."""
    from cvtracker.compliance import group_events, progress

    rng = random.Random(seed)
    ledger = open_ledger(f"sqlite:///{cli.db}")
    base = dt.date(2023, 1, 1)
    keys = [(f"u{n % 7}", "4", f"2023-{n % 12 + 1:02d}") for n in range(60)]
    new: list[NewEvent] = []
    for unit, item, period in keys:
        for _ in range(rng.randint(0, 9)):
            percent = rng.choice([20.0, 89.5, 100.0, 100.0, 100.0])
            day = base + dt.timedelta(days=rng.randint(0, 60))
            new.append(event_for(unit, item, None, period, percent, day))
    rng.shuffle(new)
    with ledger.writing() as conn:
        ledger.append(conn, new, AT)
    recorded = ledger.events()
    # a void's own day is any day: it voids from the start (compliance.effective)
    voids = [
        NewEvent(
            e.unit, e.item, e.task, e.period, e.percent,
            base + dt.timedelta(days=rng.randint(0, 90)), None, "sai", "test", e.id,
        )
        for e in rng.sample(recorded, len(recorded) // 6)
    ]  # fmt: skip
    with ledger.writing() as conn:
        ledger.append(conn, voids, AT)
    every = group_events(ledger.events())
    for _ in range(6):
        days = sorted({base + dt.timedelta(days=rng.randint(0, 70)) for _ in range(2)})
        with ledger.reading() as conn:
            decided = ledger.deciding(conn, keys, days)
            ids = {n for by_key in decided.values() for c in by_key.values() for n, *_ in c}
            few = group_events(ledger.events_by_id(conn, ids))
        assert len(ids) < len(recorded)
        for day in days:
            for key in keys:
                assert progress(few.get(key, []), day) == progress(every.get(key, []), day), (
                    key,
                    day,
                )
    ledger.engine.dispose()
