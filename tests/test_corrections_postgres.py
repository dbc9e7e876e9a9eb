"""Corrections on a real PostgreSQL server (issue 9): void, task edit and task cancel work, the
new table refuses UPDATE, DELETE and TRUNCATE, and ``db upgrade --grant`` lets the application
role append to it and nothing more. (The server: tests/test_postgres.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cvtracker.cli import app
from test_postgres import Server, pg_server, pg_url, run  # noqa: F401 - fixtures

psycopg = pytest.importorskip("psycopg")


def test_void_edit_cancel_on_postgres(run: Any) -> None:  # noqa: F811
    assert run("record", "vh-tt", "3", "--done", "--on", "29/4/2022").exit_code == 0
    assert run("void", "1", "--reason", "nhầm ngày").exit_code == 0
    twice = run("void", "1", "--reason", "lại")
    assert twice.exit_code == 2 and "đã được hủy" in twice.stderr
    assert run("record", "vh-tt", "3", "--done", "--on", "3/5/2022").exit_code == 0
    (row,) = json.loads(
        run("status", "--unit", "vh-tt", "--item", "3", "--as-of", "10/5/2022", "--json").stdout
    )
    assert (row["state"], row["completed_on"]) == ("late", "2022-05-03")
    history = json.loads(run("history", "vh-tt", "--json").stdout)
    assert [(e["voids"], e["voided_by"]) for e in history] == [(None, 2), (1, None), (None, None)]

    assert run("task", "add", "tu-phap", "Rà soát", "--before", "1/6/2023").exit_code == 0
    assert run("task", "edit", "T1", "--before", "1/6/2022").exit_code == 0
    assert run("task", "cancel", "T1", "--reason", "thôi").exit_code == 0
    (task,) = json.loads(run("task", "list", "--json").stdout)
    assert (task["deadline"], task["cancelled"]) == ("2022-06-01", True)
    rows = json.loads(run("status", "--unit", "tu-phap", "--as-of", "10/6/2022", "--json").stdout)
    assert not any(r["task"] for r in rows)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE task_revisions SET title = 'x'",
        "DELETE FROM task_revisions",
        "TRUNCATE task_revisions CASCADE",
        "UPDATE events SET voids = NULL",
        "DELETE FROM events WHERE voids IS NOT NULL",
    ],
)
def test_the_owner_cannot_change_a_correction(
    pg_server: Server,  # noqa: F811
    pg_url: str,  # noqa: F811
    run: Any,  # noqa: F811
    statement: str,
) -> None:
    assert run("task", "add", "tu-phap", "Rà soát").exit_code == 0
    assert run("task", "edit", "T1", "--title", "Rà soát lại").exit_code == 0
    assert run("record", "tu-phap", "T1", "--done", "--on", "1/5/2022").exit_code == 0
    assert run("void", "1", "--reason", "sai").exit_code == 0
    with pg_server.connect(pg_url.rsplit("/", 1)[1]) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM task_revisions").fetchone() == (1,)
        assert conn.execute("SELECT id, voids FROM events ORDER BY id").fetchall() == [
            (1, None),
            (2, 1),
        ]


def test_the_application_role_appends_corrections_only(
    pg_server: Server,  # noqa: F811
    home: Path,
    request: pytest.FixtureRequest,
) -> None:
    owner, user, database = "own_corr", "app_corr", "db_corr"
    with pg_server.connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        for role in (owner, user):
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')

    def cv(role: str, *args: str) -> Any:
        url = f"postgresql+psycopg://{role}@127.0.0.1:{pg_server.port}/{database}"
        return CliRunner().invoke(app, ["--lang", "en", "--db", url, *args])

    upgraded = cv(owner, "db", "upgrade", "--grant", user)
    assert upgraded.exit_code == 0, upgraded.output
    for args in (
        ("task", "add", "tu-phap", "Rà soát"),
        ("task", "edit", "T1", "--title", "Rà soát lại"),
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022"),
        ("void", "1", "--reason", "sai"),
        ("task", "cancel", "T1", "--reason", "thôi"),
    ):
        result = cv(user, *args)
        assert result.exit_code == 0, (args, result.output)
    with psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=user, dbname=database, autocommit=True
    ) as conn:
        for statement in (
            "UPDATE task_revisions SET title = 'x'",
            "DELETE FROM task_revisions",
            "TRUNCATE task_revisions",
            "ALTER TABLE task_revisions DISABLE TRIGGER ALL",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM task_revisions").fetchone() == (2,)


def test_a_0003_ledger_is_upgraded_with_every_row_kept(
    pg_server: Server,  # noqa: F811
    pg_url: str,  # noqa: F811
    run: Any,  # noqa: F811
) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from cvtracker.ledger import HEAD_REVISION, PG_GUARDS

    engine = create_engine(pg_url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", "cvtracker:migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    engine.dispose()
    database = pg_url.rsplit("/", 1)[1]
    with pg_server.connect(database) as conn:
        conn.execute(
            "INSERT INTO tasks (unit, item, title, created_at) "
            "VALUES ('tu-phap', '3', 'Rà soát', '2022-05-01 01:00:00+00')"
        )
        conn.execute(
            "INSERT INTO events (unit, item, task_id, percent, done_on, note, recorded_at) "
            "VALUES ('tu-phap', '3', 1, 50, '2022-05-02', 'n', '2022-05-02 01:00:00+00')"
        )
        old_tasks = conn.execute("SELECT * FROM tasks ORDER BY id").fetchall()
        old_events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    assert run("task", "edit", "T1", "--title", "Rà soát lại").exit_code == 0  # upgrades
    with pg_server.connect(database) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        # revision 0005 adds the directive last, the packaged one's number on every old row
        tasks = conn.execute("SELECT * FROM tasks ORDER BY id").fetchall()
        assert [(*row, "968/UBND-TH") for row in old_tasks] == tasks
        events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
        assert [row[:-2] for row in events] == old_events and events[0][-2] is None
        assert {row[-1] for row in events} == {"968/UBND-TH"}
        triggers = {
            r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        }
        assert triggers >= PG_GUARDS
