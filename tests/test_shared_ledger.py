"""Many offices, one ledger (issue 8): `cvtracker db copy` from SQLite to PostgreSQL and back,
verified by counts and checksums, and per-unit write rights (`cvtracker db grant`) held by
row-level security on the real PostgreSQL server that tests/test_postgres.py starts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cvtracker.cli import app
from cvtracker.dbcopy import table_checksums
from cvtracker.ledger import open_ledger
from cvtracker.settings import database_url
from test_postgres import PASSWORD_IN_URL, SUPERUSER, Server
from test_postgres import pg_server as pg_server  # the fixtures, by their names
from test_postgres import pg_url as pg_url

AT = dt.datetime(2022, 5, 9, 3, 0, 7, 123456, tzinfo=dt.timezone.utc)
DENIED_VI = "không có quyền ghi cho đơn vị Phòng Tài chính – Kế hoạch"


def cv(db: str | Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def ok(db: str | Path, *args: str) -> Any:
    result = cv(db, *args)
    assert result.exit_code == 0, result.output
    return result


def fill(db: str | Path) -> None:
    """A ledger with something in every table: events of several units, tasks and their
    events, a correction, text in Vietnamese, mail sent and a mail claim."""
    ok(db, "record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--by", "Chị Lan",
       "--evidence", "Biên bản quán triệt")  # fmt: skip
    ok(db, "record", "tc-kh", "3", "--percent", "40", "--on", "2/5/2022", "--note", "Đang làm")
    ok(db, "record", "tc-kh", "3", "--done", "--on", "6/5/2022")
    ok(db, "task", "add", "tu-phap", "Rà soát thủ tục", "--assignee", "Anh Minh",
       "--before", "1/6/2022")  # fmt: skip
    ok(db, "record", "tu-phap", "T1", "--percent", "89.5", "--on", "20/5/2022")
    ok(db, "record", "tu-phap", "6", "--period", "2022-05", "--percent", "33.3", "--on", "9/5/2022")
    ledger = open_ledger(database_url(str(db)))
    with ledger.writing() as conn:
        ledger.record_sent(conn, day=AT.date(), recipients=["a@example.org"], content_hash="h1",
                           message_id="<m1@x>", at=AT)  # fmt: skip
        claimed, _ = ledger.claim_mail(conn, day=AT.date(), recipients=["b@example.org"],
                                       content_hash="h2", run="r1", force=False, at=AT)  # fmt: skip
        ledger.settle_claims(conn, [claimed[0][1]], "sent", AT)
    ledger.engine.dispose()


def views(db: str | Path) -> dict[str, Any]:
    """What people see of a ledger, as JSON."""
    return {
        "status": json.loads(ok(db, "status", "--as-of", "15/6/2022", "--json").stdout),
        "history": json.loads(ok(db, "history", "--json").stdout),
        "eligibility": json.loads(ok(db, "eligibility", "--as-of", "15/6/2022", "--json").stdout),
    }


def sums(db: str | Path) -> dict[str, tuple[int, str]]:
    return {t.table: (t.rows, t.checksum) for t in table_checksums(database_url(str(db)))}


# --- db copy ---------------------------------------------------------------------------------


def test_copy_sqlite_to_postgres_and_back(home: Path, pg_url: str, tmp_path: Path) -> None:
    first, back = tmp_path / "first.db", tmp_path / "back.db"
    fill(first)
    expected = sums(first)
    assert {"events", "tasks", "sent_mail", "mail_claims"} <= set(expected)
    assert expected["events"][0] == 5 and expected["mail_claims"][0] == 1

    there = ok(first, "db", "copy", "--to", pg_url, "--json")
    copied = json.loads(there.stdout)
    assert {t["table"]: (t["rows"], t["checksum"]) for t in copied["tables"]} == expected
    assert sums(pg_url) == expected  # computed again, from PostgreSQL's own rows
    assert views(pg_url) == views(first)

    again = ok(pg_url, "db", "copy", "--to", str(back))
    assert "5" in again.stdout and expected["events"][1] in again.stdout
    assert sums(back) == expected
    assert views(back) == views(first)
    # the copies go on from the highest id: the next event and task get the next numbers
    for db in (pg_url, back):
        added = json.loads(ok(db, "task", "add", "tc-kh", "Việc mới", "--json").stdout)
        assert added["id"] == "T2"
        recorded = json.loads(
            ok(db, "record", "tc-kh", "2", "--done", "--on", "29/4/2022", "--json").stdout
        )
        assert recorded["id"] == 6


def test_copy_refuses_a_target_that_holds_rows(home: Path, pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    fill(source)
    ok(pg_url, "record", "noi-vu", "2", "--done", "--on", "28/4/2022")
    before = sums(pg_url)
    result = cv(source, "db", "copy", "--to", pg_url)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "đã có dữ liệu (events: 1, summaries: 1)" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert sums(pg_url) == before  # nothing written
    # the same for an SQLite target
    other = tmp_path / "other.db"
    ok(other, "task", "add", "tu-phap", "Một việc")
    result = cv(source, "--lang", "en", "db", "copy", "--to", str(other))
    assert result.exit_code == 2
    assert "already holds rows (tasks: 1)" in result.stderr
    assert sums(other)["tasks"][0] == 1 and sums(other)["events"][0] == 0


def test_copy_never_shows_the_password(
    home: Path, pg_server: Server, pg_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "source.db"
    fill(source)
    # the test server trusts the loopback: the password is accepted and ignored
    with_password = pg_url.replace(f"{SUPERUSER}@", f"{SUPERUSER}:{PASSWORD_IN_URL}@")
    result = cv(source, "db", "copy", "--to", with_password)
    assert result.exit_code == 0, result.output
    assert PASSWORD_IN_URL not in result.output
    assert "***" in result.stdout
    refused = cv(source, "db", "copy", "--to", with_password)
    assert refused.exit_code == 2
    assert PASSWORD_IN_URL not in refused.output


def test_copy_between_sqlite_files(home: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    fill(first)
    result = ok(first, "--lang", "en", "db", "copy", "--to", str(second))
    assert "Row counts and checksums of every table match on both sides." in result.stdout
    assert sums(second) == sums(first)
    assert views(second) == views(first)
    assert second.stat().st_mode & 0o777 == 0o600


def test_copy_refusals_without_a_server(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    missing = cv(source, "db", "copy", "--to", str(tmp_path / "new.db"))
    assert missing.exit_code == 2 and "Chưa có sổ" in missing.stderr
    assert not source.exists() and not (tmp_path / "new.db").exists()
    ok(source, "record", "tu-phap", "2", "--done", "--on", "29/4/2022")
    same = cv(source, "db", "copy", "--to", str(source))
    assert same.exit_code == 2 and "chính là sổ đang dùng" in same.stderr
    foreign = tmp_path / "foreign.db"
    import sqlite3

    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (x)")
    result = cv(source, "db", "copy", "--to", str(foreign))
    assert result.exit_code == 2 and "không phải sổ của cvtracker" in result.stderr


# --- db grant --------------------------------------------------------------------------------


@pytest.fixture
def office(pg_server: Server, request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """A database owned by its own role, a clerk of Phòng Tư pháp and Phòng Nội vụ's role."""
    suffix = "".join(c for c in request.node.name if c.isalnum())[-16:].lower()
    names = {k: f"{k}_{suffix}" for k in ("owner", "clerk", "noivu", "db")}
    with pg_server.connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{names["db"]}"')
        for role in ("owner", "clerk", "noivu"):
            conn.execute(f'DROP ROLE IF EXISTS "{names[role]}"')
            conn.execute(f'CREATE ROLE "{names[role]}" LOGIN')
        conn.execute(f'CREATE DATABASE "{names["db"]}" OWNER "{names["owner"]}"')
    base = f"postgresql+psycopg://{{}}@127.0.0.1:{pg_server.port}/{names['db']}"
    yield {role: base.format(names[role]) for role in ("owner", "clerk", "noivu")} | {
        f"{role}_role": names[role] for role in ("clerk", "noivu")
    }


def counts(pg_server: Server, url: str) -> tuple[int, int]:
    with pg_server.connect(url.rsplit("/", 1)[1]) as conn:
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        tasks = conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    return events, tasks


def test_each_office_records_only_its_own_unit(
    home: Path, pg_server: Server, office: dict[str, str], tmp_path: Path
) -> None:
    owner, clerk, noivu = office["owner"], office["clerk"], office["noivu"]
    ok(owner, "db", "upgrade")
    granted = ok(owner, "db", "grant", office["clerk_role"], "--unit", "tu phap")
    assert "Phòng Tư pháp" in granted.stdout
    granted = ok(owner, "db", "grant", office["noivu_role"], "--all", "--json")
    assert json.loads(granted.stdout) == {"role": office["noivu_role"], "units": "all"}

    # the clerk records for Phòng Tư pháp: its event, its task, the task's progress
    ok(clerk, "record", "tu-phap", "2", "--done", "--on", "29/4/2022")
    ok(clerk, "task", "add", "tu-phap", "Rà soát thủ tục")
    ok(clerk, "record", "tu-phap", "T1", "--percent", "50", "--on", "5/5/2022")
    assert counts(pg_server, owner) == (2, 1)

    # …and for Phòng Tài chính – Kế hoạch: refused, in one line, exit 2, nothing written
    for args in (
        ("record", "tc-kh", "2", "--done", "--on", "29/4/2022"),
        ("task", "add", "tc-kh", "Việc của phòng khác"),
    ):
        refused = cv(clerk, *args)
        assert refused.exit_code == 2, refused.output
        assert DENIED_VI in refused.stderr
        assert len(refused.stderr.splitlines()) == 1 and "Traceback" not in refused.stderr
        assert counts(pg_server, owner) == (2, 1)
    english = cv(clerk, "--lang", "en", "record", "tc-kh", "2", "--done", "--on", "29/4/2022")
    assert english.exit_code == 2
    assert "no right to write for the unit Office of Finance and Planning" in english.stderr
    # an import with one row of another unit writes none of its rows
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(
        "unit,item,period,percent,on\ntu-phap,3,,100,28/4/2022\ntc-kh,3,,100,28/4/2022\n",
        encoding="utf-8",
    )
    refused = cv(clerk, "import", str(mixed))
    assert refused.exit_code == 2 and DENIED_VI in refused.stderr
    assert counts(pg_server, owner) == (2, 1)

    # Phòng Nội vụ records for any unit
    ok(noivu, "record", "tc-kh", "2", "--done", "--on", "29/4/2022")
    ok(noivu, "record", "tu-phap", "3", "--done", "--on", "28/4/2022")
    ok(noivu, "task", "add", "tc-kh", "Lập dự toán")
    ok(noivu, "import", str(mixed))
    assert counts(pg_server, owner) == (6, 2)

    # both read everything
    for db in (clerk, noivu):
        history = json.loads(ok(db, "history", "--json").stdout)
        assert {e["unit"] for e in history} == {"tu-phap", "tc-kh"} and len(history) == 6
        status = json.loads(ok(db, "status", "--as-of", "15/5/2022", "--json").stdout)
        assert {r["unit"] for r in status} >= {"tu-phap", "tc-kh", "noi-vu"}

    # rights add up: the clerk may now record for Phòng Tài chính – Kế hoạch too
    more = ok(owner, "db", "grant", office["clerk_role"], "--unit", "tc-kh", "--json")
    assert json.loads(more.stdout)["units"] == ["tc-kh", "tu-phap"]
    ok(clerk, "record", "tc-kh", "4", "--period", "2022-05", "--percent", "10", "--on", "9/5/2022")


def test_the_clerk_cannot_change_rights_or_rows(
    home: Path, pg_server: Server, office: dict[str, str]
) -> None:
    import psycopg

    owner, clerk = office["owner"], office["clerk"]
    ok(owner, "db", "grant", office["clerk_role"], "--unit", "tu-phap")
    ok(clerk, "record", "tu-phap", "2", "--done", "--on", "29/4/2022")
    database = owner.rsplit("/", 1)[1]
    with psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=office["clerk_role"], dbname=database,
        autocommit=True,
    ) as conn:  # fmt: skip
        for statement in (
            f"INSERT INTO unit_grants (role, unit) VALUES ('{office['clerk_role']}', '*')",
            "UPDATE events SET unit = 'tc-kh'",
            "ALTER TABLE events DISABLE ROW LEVEL SECURITY",
            "DROP POLICY cvtracker_write ON events",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="no right to write"):
            conn.execute(
                "INSERT INTO events (unit, item, percent, done_on, recorded_at) "
                "VALUES ('tc-kh', '2', 100, '2022-04-29', now())"
            )
        assert conn.execute("SELECT unit FROM events").fetchall() == [("tu-phap",)]


def test_grant_refusals(home: Path, office: dict[str, str], tmp_path: Path) -> None:
    owner = office["owner"]
    sqlite = cv(tmp_path / "l.db", "db", "grant", "clerk", "--unit", "tu-phap")
    assert sqlite.exit_code == 2 and "cần sổ dùng chung trên PostgreSQL" in sqlite.stderr
    assert not (tmp_path / "l.db").exists()
    for args, said in (
        (("db", "grant", office["clerk_role"]), "--unit"),
        (("db", "grant", office["clerk_role"], "--all", "--unit", "tu-phap"), "không dùng cả hai"),
        (("db", "grant", office["clerk_role"], "--unit", "no such unit"), "no such unit"),
        (("db", "grant", "nobody_here", "--all"), "nobody_here"),
        (("db", "grant", owner.split("//")[1].split("@")[0], "--all"), "chủ các bảng"),
    ):
        result = cv(owner, *args)
        assert result.exit_code == 2, (args, result.output)
        assert said in result.stderr and len(result.stderr.splitlines()) == 1


def test_copy_a_shared_ledger_back_to_sqlite(
    home: Path, office: dict[str, str], tmp_path: Path
) -> None:
    """The roles' grants stay on their server; the ledger itself comes back whole."""
    owner, clerk = office["owner"], office["clerk"]
    ok(owner, "db", "grant", office["clerk_role"], "--unit", "tu-phap")
    ok(clerk, "record", "tu-phap", "2", "--done", "--on", "29/4/2022")
    back = tmp_path / "back.db"
    copied = json.loads(ok(owner, "db", "copy", "--to", str(back), "--json").stdout)
    assert copied["skipped"] == ["unit_grants"]
    assert sums(back) == sums(owner)
    assert views(back) == views(owner)


def test_a_table_a_later_migration_adds_is_covered_after_db_upgrade(
    home: Path, pg_server: Server, office: dict[str, str]
) -> None:
    """The unit tables are found in the schema, not named: a table with a unit, or with a task
    (the task's unit), gets the same policy at the next `db upgrade` or `db grant`."""
    import psycopg

    owner, clerk, noivu = office["owner"], office["clerk"], office["noivu"]
    ok(owner, "db", "grant", office["clerk_role"], "--unit", "tu-phap")
    ok(owner, "db", "grant", office["noivu_role"], "--all")
    ok(clerk, "task", "add", "tu-phap", "Việc của Tư pháp")
    ok(noivu, "task", "add", "tc-kh", "Việc của Tài chính")
    database = owner.rsplit("/", 1)[1]

    def connect(role: str) -> Any:
        return psycopg.connect(
            host="127.0.0.1", port=pg_server.port, user=role, dbname=database, autocommit=True
        )

    with connect(owner.split("//")[1].split("@")[0]) as conn:
        conn.execute(
            "CREATE TABLE task_notes (id serial PRIMARY KEY, "
            "task_id integer NOT NULL REFERENCES tasks (id), title text)"
        )
        conn.execute("CREATE TABLE unit_notes (id serial PRIMARY KEY, unit text, note text)")
    ok(owner, "db", "upgrade")
    with connect(office["clerk_role"]) as conn:
        conn.execute("INSERT INTO task_notes (task_id, title) VALUES (1, 'Sửa')")
        conn.execute("INSERT INTO unit_notes (unit, note) VALUES ('tu-phap', 'Ghi chú')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="no right to write"):
            conn.execute("INSERT INTO task_notes (task_id, title) VALUES (2, 'Sửa')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="no right to write"):
            conn.execute("INSERT INTO unit_notes (unit, note) VALUES ('tc-kh', 'x')")
    with connect(office["noivu_role"]) as conn:
        conn.execute("INSERT INTO task_notes (task_id, title) VALUES (2, 'Sửa')")
        assert conn.execute("SELECT count(*) FROM task_notes").fetchone() == (2,)
    # and the real one, from migration 0004: a revision is written for the task's unit only
    ok(clerk, "task", "edit", "T1", "--title", "Việc của Tư pháp, sửa")
    refused = cv(clerk, "task", "edit", "T2", "--title", "Không được sửa")
    assert refused.exit_code == 2, refused.output
    assert "không có quyền ghi" in refused.output


def test_only_the_owner_grants(home: Path, office: dict[str, str]) -> None:
    ok(office["owner"], "db", "grant", office["clerk_role"], "--unit", "tu-phap")
    result = cv(office["clerk"], "db", "grant", office["clerk_role"], "--all")
    assert result.exit_code == 2, result.output
    assert "không cho vai trò này" in result.stderr and len(result.stderr.splitlines()) == 1
    refused = cv(office["clerk"], "record", "tc-kh", "2", "--done", "--on", "29/4/2022")
    assert refused.exit_code == 2 and DENIED_VI in refused.stderr


def test_copy_into_a_server_where_rights_are_already_on(
    home: Path, office: dict[str, str], tmp_path: Path
) -> None:
    """The owner copies past the policies; the offices then go on from the copied ids."""
    owner, clerk = office["owner"], office["clerk"]
    ok(owner, "db", "grant", office["clerk_role"], "--unit", "tu-phap")
    source = tmp_path / "source.db"
    fill(source)
    ok(source, "db", "copy", "--to", owner)
    assert sums(owner) == sums(source)
    recorded = json.loads(
        ok(clerk, "record", "tu-phap", "3", "--done", "--on", "28/4/2022", "--json").stdout
    )
    assert recorded["id"] == 6
    refused = cv(clerk, "record", "tc-kh", "2", "--done", "--on", "29/4/2022")
    assert refused.exit_code == 2 and DENIED_VI in refused.stderr
