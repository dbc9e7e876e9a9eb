"""Point 5 on PostgreSQL: TRUNCATE is refused by a trigger even for the owner; the application
role of `cvtracker db upgrade --grant ROLE` may only read and append (no TRUNCATE, no UPDATE,
no DELETE, no ALTER TABLE ... DISABLE TRIGGER); a disabled trigger is noticed before a write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cvtracker.cli import app
from test_postgres import Server, pg_server, pg_url  # noqa: F401 - fixtures

psycopg = pytest.importorskip("psycopg")


@pytest.fixture
def roles(
    pg_server: Server,  # noqa: F811
    request: pytest.FixtureRequest,
) -> Iterator[tuple[str, str, str]]:
    """An owner role, an application role and a database the owner owns."""
    suffix = "".join(c for c in request.node.name if c.isalnum())[-20:].lower()
    owner, user, database = f"own_{suffix}", f"app_{suffix}", f"db_{suffix}"
    with pg_server.connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        for role in (owner, user):
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    yield owner, user, database


def url(server: Server, role: str, database: str) -> str:
    return f"postgresql+psycopg://{role}@127.0.0.1:{server.port}/{database}"


def cv(home: Path, db: str, *args: str) -> Any:
    return CliRunner().invoke(app, ["--lang", "en", "--db", db, *args], catch_exceptions=False)


def as_role(server: Server, role: str, database: str) -> Any:
    return psycopg.connect(
        host="127.0.0.1", port=server.port, user=role, dbname=database, autocommit=True
    )


def test_truncate_is_refused_even_for_the_owner(pg_server: Server, pg_url: str, home: Path) -> None:  # noqa: F811
    assert cv(home, pg_url, "record", "tu-phap", "2", "--done", "--on", "29/4/2022").exit_code == 0
    with pg_server.connect(pg_url.rsplit("/", 1)[1]) as conn:
        for table in ("events", "tasks", "sent_mail", "mail_claims"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(f"TRUNCATE {table} CASCADE")
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_the_application_role_reads_and_appends_only(
    pg_server: Server,  # noqa: F811
    roles: tuple[str, str, str],
    home: Path,
) -> None:
    owner, user, database = roles
    upgraded = cv(home, url(pg_server, owner, database), "db", "upgrade", "--grant", user)
    assert upgraded.exit_code == 0, upgraded.stderr
    app_url = url(pg_server, user, database)
    recorded = cv(home, app_url, "record", "tu-phap", "2", "--done", "--on", "29/4/2022")
    assert recorded.exit_code == 0, recorded.stderr
    assert cv(home, app_url, "task", "add", "tu-phap", "Rà soát").exit_code == 0
    assert len(json.loads(cv(home, app_url, "history", "--json").stdout)) == 1
    with as_role(pg_server, user, database) as conn:
        for statement in (
            "TRUNCATE events",
            "UPDATE events SET percent = 0",
            "DELETE FROM events",
            "ALTER TABLE events DISABLE TRIGGER ALL",
            "DROP TABLE events",
            "INSERT INTO events (id, unit, item, percent, done_on, recorded_at) VALUES "
            "(1, 'x', '2', 0, '2022-04-29', now()) ON CONFLICT (id) DO UPDATE SET percent = 0",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_a_disabled_trigger_is_noticed_then_restored(
    pg_server: Server,  # noqa: F811
    roles: tuple[str, str, str],
    home: Path,
) -> None:
    owner, user, database = roles
    owner_url = url(pg_server, owner, database)
    assert cv(home, owner_url, "db", "upgrade", "--grant", user).exit_code == 0
    with as_role(pg_server, owner, database) as conn:
        conn.execute("ALTER TABLE events DISABLE TRIGGER events_append_only")
    result = cv(home, url(pg_server, user, database), "record", "tu-phap", "2", "--done", "--on",
                "29/4/2022")  # fmt: skip
    assert result.exit_code == 1
    assert "events_append_only" in result.stderr and "Traceback" not in result.stderr
    assert cv(home, owner_url, "db", "upgrade").exit_code == 0
    result = cv(home, url(pg_server, user, database), "record", "tu-phap", "2", "--done", "--on",
                "29/4/2022")  # fmt: skip
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--by", "B" * 201),
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--evidence", "a\x00b"),
        ("task", "add", "tu-phap", "Việc", "--assignee", "A" * 201),
        ("task", "add", "tu-phap", "Việc\x00"),
    ],
    ids=["long by", "NUL evidence", "long assignee", "NUL title"],
)
def test_length_and_nul_are_bad_input_not_a_database_failure(
    pg_url: str,  # noqa: F811
    home: Path,
    args: tuple[str, ...],
) -> None:
    result = cv(home, pg_url, *args)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
