"""tests/test_scope.py's equivalence on the real PostgreSQL server of tests/test_postgres.py."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from cvtracker.cli import app
from cvtracker.compliance import NewEvent
from cvtracker.directive import Directive
from cvtracker.ledger import open_ledger
from test_postgres import pg_server, pg_url  # noqa: F401  (the server, skipped without one)
from test_scope import AT, check_equal, counted, generate, today  # noqa: F401


def test_scoped_reads_answer_as_the_whole_ledger_postgresql(
    home: Any,
    pg_url: str,  # noqa: F811
    directive: Directive,
    counted: list[int],  # noqa: F811
    today: None,  # noqa: F811
) -> None:
    ledger = open_ledger(pg_url)
    tasks, events = generate(ledger, directive, 4)
    ledger.engine.dispose()
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, ["--db", pg_url, *args], catch_exceptions=False)

    read = check_equal(invoke, directive, tasks, events, counted)
    assert read["overdue --as-of 2023-06-30 --json"] < len(events) / 2


def test_db_check_and_rebuild_postgresql(
    home: Any,
    pg_url: str,  # noqa: F811
    directive: Directive,
) -> None:
    """The summaries kept by appends on PostgreSQL equal the events'; a wrong row is found and
    ``db rebuild`` mends it, in one transaction."""
    from sqlalchemy import text

    ledger = open_ledger(pg_url)
    _tasks, events = generate(ledger, directive, 9)
    later = [  # an import's append (executemany, ids read back), reports dated earlier
        NewEvent(e.unit, e.item, e.task, e.period, 100.0 - e.percent / 2, e.on, None, None, "t")
        for e in events[::7]
        if e.voids is None
    ]
    with ledger.writing() as conn:
        ledger.append_many(conn, later, AT)
        assert ledger.stored_summaries(conn) == ledger.computed_summaries(conn)
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE summaries SET last_full = NULL WHERE last_full IS NOT NULL"))
    ledger.engine.dispose()
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, ["--db", pg_url, *args], catch_exceptions=False)

    found = invoke("--lang", "en", "db", "check")
    assert found.exit_code == 1 and "run: cvtracker db rebuild" in found.stderr
    assert invoke("db", "rebuild").exit_code == 0
    assert invoke("db", "check").exit_code == 0


def test_a_read_is_one_snapshot_postgresql(
    home: Any,
    pg_url: str,  # noqa: F811
    directive: Directive,
) -> None:
    """A read of summaries then events (read_scope) sees one moment: what another writer
    commits meanwhile is not half seen (READ COMMITTED would see it from the next statement)."""
    from sqlalchemy import text

    ledger = open_ledger(pg_url)
    generate(ledger, directive, 3)
    with ledger.reading() as conn:
        before = conn.execute(text("SELECT count(*) FROM events")).scalar()
        with ledger.engine.begin() as other:  # another writer commits in the middle
            other.execute(
                text(
                    "INSERT INTO events (unit, item, percent, done_on, recorded_by, recorded_at,"
                    " directive) SELECT unit, item, percent, done_on, recorded_by, recorded_at,"
                    " directive FROM events ORDER BY id LIMIT 1"
                )
            )
        after = conn.execute(text("SELECT count(*) FROM events")).scalar()
    assert after == before
    with ledger.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == before + 1
    ledger.engine.dispose()
