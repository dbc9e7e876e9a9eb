"""A one-unit question reads only that unit's events (issue 8), and answers as before.

On a generated ledger (every unit, items 2, 3, the monthly 4 and 6, plan tasks; percents that
rise, fall back and stop short), ``status --unit``, ``overdue --unit`` and ``history UNIT`` give
exactly the rows of the whole answer that are that unit's, and the ledger's query for one unit's
events goes through the (unit, item, period) index instead of scanning every event.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from sqlalchemy import select

from conftest import Cli
from cvtracker.compliance import NewEvent
from cvtracker.directive import Directive
from cvtracker.ledger import events_table, open_ledger

AS_OF = "2022-12-15"
PERIODS = [f"2022-{m:02d}" for m in range(5, 13)]
ITEM6 = {"vp-hdnd-ubnd", "tu-phap", "tc-kh", "noi-vu"}


@pytest.fixture
def generated(cli: Cli, directive: Directive) -> list[str]:
    """A ledger with a few hundred events over every unit; returns the unit ids."""
    units = [u.id for u in directive.units]
    rng = random.Random(8)
    for n, unit in enumerate(units[:6]):
        assert cli("task", "add", unit, f"Nhiệm vụ {n}", "--before", "1/9/2022").exit_code == 0
    tasks = {f"T{n + 1}": unit for n, unit in enumerate(units[:6])}
    new: list[NewEvent] = []
    for _ in range(600):
        unit = rng.choice(units)
        item, period, task = rng.choice(
            [("2", None, None), ("3", None, None)]
            + [("4", p, None) for p in PERIODS]
            + ([("6", p, None) for p in PERIODS] if unit in ITEM6 else [])
            + [("3", None, t) for t, owner in tasks.items() if owner == unit]
        )
        on = dt.date(2022, 4, 28) + dt.timedelta(days=rng.randint(0, 250))
        percent = rng.choice([30.0, 60.0, 89.5, 90.0, 100.0, 100.0])
        new.append(NewEvent(unit, item, task, period, percent, on, None, None, "test"))
    ledger = open_ledger(cli.url)
    with ledger.writing() as conn:
        ledger.append(conn, new, dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc))
    ledger.engine.dispose()
    return units


def _json(cli: Cli, *args: str) -> list[dict[str, object]]:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def test_one_unit_answers_as_the_whole_ledger_does(cli: Cli, generated: list[str]) -> None:
    every_status = _json(cli, "status", "--as-of", AS_OF)
    every_overdue = _json(cli, "overdue", "--as-of", AS_OF)
    every_event = _json(cli, "history")
    assert len(every_event) == 600
    assert {r["state"] for r in every_status} >= {"done", "late", "overdue"}
    for unit in generated:
        mine = _json(cli, "status", "--unit", unit, "--as-of", AS_OF)
        assert mine == [r for r in every_status if r["unit"] == unit]
        assert _json(cli, "overdue", "--unit", unit, "--as-of", AS_OF) == [
            r for r in every_overdue if r["unit"] == unit
        ]
        assert _json(cli, "history", unit) == [e for e in every_event if e["unit"] == unit]
    item4 = _json(cli, "status", "--unit", generated[0], "--item", "4", "--as-of", AS_OF)
    assert item4 == [r for r in every_status if r["unit"] == generated[0] and r["item"] == "4"]


def test_a_task_of_another_unit_is_still_named_as_such(cli: Cli, generated: list[str]) -> None:
    # history and record read one unit's events, but every task, so a task of another unit is
    # still found and refused for what it is
    assert _json(cli, "history", generated[1], "T1") == []
    refused = cli("record", generated[1], "T1", "--done", "--on", "1/8/2022")
    assert refused.exit_code == 2


@pytest.mark.sqlite_only("SQLite's query plan (EXPLAIN QUERY PLAN)")
def test_the_ledger_finds_one_units_events_by_the_index(cli: Cli, generated: list[str]) -> None:
    ledger = open_ledger(cli.url, write=False)
    every = ledger.events()
    for unit in generated:
        assert ledger.events(unit=unit) == [e for e in every if e.unit == unit]
    query = select(events_table).where(
        events_table.c.directive == "968/UBND-TH", events_table.c.unit == "tu-phap"
    )
    with ledger.reading() as conn:
        sql = str(query.compile(conn, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    ledger.engine.dispose()
    assert "ix_events_directive_unit_item_period" in plan, plan
