"""The per-occurrence summary table (revision 0006, issue 8): kept with every append, equal to
what the events give, checked and rebuilt by ``db check`` and ``db rebuild``, made by the
migration of an older ledger; reads about one unit or one event read no other's rows."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import Cli
from cvtracker import ledger as ledger_module
from cvtracker.compliance import NewEvent
from cvtracker.directive import Directive
from cvtracker.ledger import HEAD_REVISION, open_ledger
from cvtracker.scope import Summary, fold, summarize
from test_scope import AT, counted, generate  # noqa: F401

KEY = ("u", "4", "2022-05")


def days(n: int) -> dt.date:
    return dt.date(2022, 5, 1) + dt.timedelta(days=n)


@pytest.mark.parametrize("seed", range(40))
def test_folding_each_append_gives_what_every_event_gives(seed: int) -> None:
    """Events appended one by one (ids rising, days in any order, 100s and below, some voids):
    the summary folded in (or made again where the fold cannot tell) equals the summary of
    every event, after each append, and as of every day."""
    rng = random.Random(seed)
    events: list[tuple[int, float, dt.date, int | None]] = []
    summary = Summary(KEY, None, None)
    for number in range(1, rng.randint(2, 14)):
        counting = [e for e in events if e[3] is None]
        if counting and rng.random() < 0.15:
            voided = rng.choice(counting)
            events.append((number, voided[1], voided[2], voided[0]))
            summary = summarize(KEY, events)
        else:
            percent = rng.choice([20.0, 90.0, 100.0, 100.0])
            on = days(rng.randint(0, 12))
            events.append((number, percent, on, None))
            folded = fold(summary, number, percent, on)
            summary = folded if folded is not None else summarize(KEY, events)
        assert summary == summarize(KEY, events), events
    for n in range(14):
        as_of = days(n)
        kept = [e for e in events if e[2] <= as_of or e[3] is not None]
        assert summarize(KEY, events, as_of) == summarize(KEY, kept, as_of)


def test_the_summary_gives_the_cores_completion_day() -> None:
    # 100 on day 1, 90 on day 3, 100 on days 5 and 7: complete from day 5
    rows = [(1, 100.0, days(1), None), (2, 90.0, days(3), None)]
    rows += [(3, 100.0, days(7), None), (4, 100.0, days(5), None)]
    summary = summarize(KEY, rows)
    assert summary.full_from == (days(5), 4) and summary.last_full == (days(7), 3)
    # the 90 voided: complete from day 1
    assert summarize(KEY, [*rows, (5, 90.0, days(3), 2)]).full_from == (days(1), 1)
    # as of day 4: below 100 since day 3
    assert summarize(KEY, rows, days(4)).full_from is None
    # a 90 dated within the run: the fold cannot tell where the run begins now
    assert fold(summary, 6, 90.0, days(6)) is None
    assert fold(summary, 6, 90.0, days(4)) == Summary(KEY, (days(4), 6), (days(7), 3), (days(5), 4))


def stored(db: Path) -> list[tuple[Any, ...]]:
    raw = sqlite3.connect(db)
    try:
        return raw.execute("SELECT * FROM summaries ORDER BY 1, 2, 3, 4, 5").fetchall()
    finally:
        raw.close()


def check(cli: Cli, *extra: str) -> Any:
    return cli("--db", str(cli.db), *extra, "db", "check")


@pytest.mark.parametrize("seed", [5, 6])
def test_appends_keep_the_table_equal_to_the_events(
    cli: Cli, directive: Directive, seed: int
) -> None:
    """Seeded ledger (backdated reports, corrections below 100 after 100, voids recorded after,
    cancelled and moved tasks), then more reports and voids recorded late, and an import: the
    table is what ``db rebuild`` makes from the events."""
    ledger = open_ledger(f"sqlite:///{cli.db}")
    _tasks, events = generate(ledger, directive, seed)
    rng = random.Random(seed)
    later = [
        NewEvent(
            e.unit, e.item, e.task, e.period, rng.choice([50.0, 100.0]), e.on - dt.timedelta(3)
        )
        for e in rng.sample([e for e in events if e.voids is None], 60)
    ]
    with ledger.writing() as conn:
        ledger.append_many(conn, later, AT)
    again = ledger.events()
    voids = [
        NewEvent(e.unit, e.item, e.task, e.period, e.percent, e.on, None, "sai", "t", e.id)
        for e in rng.sample([e for e in again if e.voids is None and e.id > events[-1].id], 10)
    ]
    with ledger.writing() as conn:
        ledger.append(conn, voids, AT)
        computed = ledger.computed_summaries(conn)
        assert ledger.stored_summaries(conn) == computed
    ledger.engine.dispose()
    result = check(cli, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"matches the events ({len(computed)} occurrences)" in result.output
    before = stored(cli.db)
    rebuilt = cli("--db", str(cli.db), "db", "rebuild", "--json")
    assert json.loads(rebuilt.output) == {"rebuilt": True, "occurrences": len(computed)}
    # rows whose every event was voided say nothing, and are gone after a rebuild
    assert stored(cli.db) == [row for row in before if row[5] is not None or row[6] is not None]


def test_record_void_and_import_keep_the_table(cli: Cli, tmp_path: Path) -> None:
    db = str(cli.db)
    assert cli("--db", db, "record", "tu-phap", "4", "--period", "5/2022", "--percent", "50",
               "--on", "20/5/2022").exit_code == 0  # fmt: skip
    assert cli("--db", db, "record", "tu-phap", "4", "--period", "5/2022", "--done",
               "--on", "25/5/2022").exit_code == 0  # fmt: skip
    csv = tmp_path / "in.csv"
    rows = ["unit,item,period,percent,on", "tu-phap,4,2022-05,80,24/5/2022"]
    rows += [f"noi-vu,4,2022-0{m},100,1{m}/0{m}/2022" for m in range(5, 10)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli("--db", db, "import", str(csv)).exit_code == 0
    assert cli("--db", db, "void", "2", "--reason", "nhầm").exit_code == 0
    assert check(cli).exit_code == 0
    one = [r for r in stored(cli.db) if r[1] == "tu-phap"]
    # the 50 then the 80 (imported, dated before the voided 100): below 100, last the 80
    assert len(one) == 1 and one[0][6] is None and one[0][7] is None
    assert one[0][8] == "2022-05-24"
    assert len([r for r in stored(cli.db) if r[1] == "noi-vu"]) == 5


def test_check_finds_a_wrong_row_and_rebuild_mends_it(cli: Cli) -> None:
    db = str(cli.db)
    for unit in ("tu-phap", "noi-vu"):
        assert cli("--db", db, "record", unit, "4", "--period", "5/2022", "--done",
                   "--on", "20/5/2022").exit_code == 0  # fmt: skip
    raw = sqlite3.connect(cli.db)
    raw.execute("UPDATE summaries SET full_from = NULL, last_partial = 1 WHERE unit = 'tu-phap'")
    raw.execute("DELETE FROM summaries WHERE unit = 'noi-vu'")
    raw.commit()
    raw.close()
    result = check(cli)
    assert result.exit_code == 1
    assert "tu-phap 4 2022-05" in result.stdout and "noi-vu 4 2022-05" in result.stdout
    assert "khác các sự kiện ở 2 chỗ; chạy: cvtracker db rebuild" in result.stderr
    as_json = cli("--db", db, "db", "check", "--json")
    assert as_json.exit_code == 1
    found = json.loads(as_json.stdout)
    assert not found["equal"] and {d["unit"] for d in found["differ"]} == {"tu-phap", "noi-vu"}
    assert [d["stored"] for d in found["differ"] if d["unit"] == "noi-vu"] == ["-"]
    english = cli("--db", db, "--lang", "en", "db", "rebuild")
    assert english.exit_code == 0 and "(2 occurrences)" in english.output
    assert check(cli).exit_code == 0


def test_a_0005_ledger_upgrades_with_its_summaries(cli: Cli, tmp_path: Path) -> None:
    from test_multi import ROWS, _at_revision

    old = tmp_path / "old.db"
    _at_revision(old, "0005")
    raw = sqlite3.connect(old)
    raw.executescript(
        ROWS + "INSERT INTO events (unit, item, period, percent, done_on, recorded_at) "
        "VALUES ('tu-phap', '6', '2022-05', 90, '2022-05-20', '2022-05-20 01:00:00');"
        "INSERT INTO events (unit, item, period, percent, done_on, recorded_at, voids) "
        "VALUES ('gd-dt', '6', '2022-06', 95.5, '2022-06-12', '2022-06-13 01:00:00', 3);"
    )
    raw.commit()
    raw.close()
    assert cli("--db", str(old), "db", "upgrade").exit_code == 0
    raw = sqlite3.connect(old)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    rows = raw.execute(
        "SELECT unit, item, task_id, period, last_partial, last_full, full_from, last_day "
        "FROM summaries ORDER BY unit, item"
    ).fetchall()
    raw.close()
    day = (dt.date(2022, 5, 2) - dt.date(1970, 1, 1)).days
    mark = ledger_module.MARK
    assert rows == [
        # gd-dt's only event was voided: no row; tu-phap's task at 50; its item 6 at 100 then 90
        ("tu-phap", "3", 1, "", day * mark + 1, None, None, "2022-05-02"),
        ("tu-phap", "6", 0, "2022-05", (day + 18) * mark + 4, (day + 7) * mark + 2, None,
         "2022-05-20"),
    ]  # fmt: skip
    assert check(cli.__class__(cli.home), "--db", str(old)).exit_code == 0


def test_status_of_every_unit_reads_at_most_two_events_an_occurrence(
    cli: Cli,
    directive: Directive,
    counted: list[int],  # noqa: F811
) -> None:
    from cvtracker.schedule import occurrences

    ledger = open_ledger(f"sqlite:///{cli.db}")
    tasks, events = generate(ledger, directive, 7)
    ledger.engine.dispose()
    day = dt.date(2023, 6, 30)
    counted[0] = 0
    result = cli("--db", str(cli.db), "status", "--as-of", day.isoformat(), "--json")
    assert result.exit_code == 0
    found = occurrences(directive, tasks, day)
    assert counted[0] <= 2 * len(found) and counted[0] < len(events) / 2


def test_one_units_questions_read_that_units_rows(
    cli: Cli,
    directive: Directive,
    counted: list[int],  # noqa: F811
) -> None:
    """``status --unit`` and ``record`` build events of that unit only (the index finds them)."""
    ledger = open_ledger(f"sqlite:///{cli.db}")
    _tasks, events = generate(ledger, directive, 8)
    ledger.engine.dispose()
    mine = len([e for e in events if e.unit == "tu-phap"])
    counted[0] = 0
    assert cli("--db", str(cli.db), "status", "--unit", "tu-phap", "--json").exit_code == 0
    assert 0 < counted[0] <= mine
    counted[0] = 0
    assert cli("--db", str(cli.db), "record", "tu-phap", "4", "--period", "6/2023", "--done",
               "--on", "1/7/2023").exit_code == 0  # fmt: skip
    assert counted[0] <= mine + 1
    assert check(cli).exit_code == 0
