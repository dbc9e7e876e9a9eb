"""tests/test_scope.py's equivalence on the real PostgreSQL server of tests/test_postgres.py."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from cvtracker.cli import app
from cvtracker.directive import Directive
from cvtracker.ledger import open_ledger
from test_postgres import pg_server, pg_url  # noqa: F401  (the server, skipped without one)
from test_scope import check_equal, counted, generate, today  # noqa: F401


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
