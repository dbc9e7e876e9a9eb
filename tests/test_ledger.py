"""The ledger: migrations, append-only events, NFC text, a private file, WAL."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import inspect

from cvtracker import ledger as ledger_module
from cvtracker.compliance import NewEvent
from cvtracker.errors import InputError
from cvtracker.ledger import HEAD_REVISION, current_revision, open_ledger
from cvtracker.settings import database_url

AT = dt.datetime(2022, 5, 9, 3, 0, tzinfo=dt.timezone.utc)


def new_event(**changes: object) -> NewEvent:
    fields: dict[str, object] = {
        "unit": "tu-phap",
        "item": "6",
        "task": None,
        "period": "2022-05",
        "percent": 100.0,
        "on": dt.date(2022, 5, 9),
    }
    fields.update(changes)
    return NewEvent(**fields)  # type: ignore[arg-type]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "folder" / "ledger.db"


def test_migrations_create_the_tables(db_path: Path) -> None:
    ledger = open_ledger(database_url(str(db_path)))
    with ledger.reading() as conn:
        tables = set(inspect(conn).get_table_names())
        assert {"events", "tasks", "alembic_version"} <= tables
        assert current_revision(conn) == HEAD_REVISION
        columns = {c["name"] for c in inspect(conn).get_columns("events")}
    assert columns == {
        "id",
        "unit",
        "item",
        "task_id",
        "period",
        "percent",
        "done_on",
        "evidence",
        "note",
        "recorded_by",
        "recorded_at",
        "voids",
        "directive",
    }


def test_opening_twice_keeps_what_was_recorded(db_path: Path) -> None:
    url = database_url(str(db_path))
    first = open_ledger(url)
    with first.writing() as conn:
        first.append(conn, [new_event()], AT)
    again = open_ledger(url)
    assert [e.period for e in again.events()] == ["2022-05"]


def test_head_revision_is_the_migrations_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "cvtracker:migrations")
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD_REVISION]
    assert script.get_current_head() == ledger_module.HEAD_REVISION


def test_the_code_tables_match_the_migrations(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    ledger = open_ledger(database_url(str(db_path)))
    with ledger.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), ledger_module.metadata)
    assert diff == []


def test_events_are_append_only(db_path: Path) -> None:
    ledger = open_ledger(database_url(str(db_path)))
    with ledger.writing() as conn:
        ledger.append(conn, [new_event()], AT)
        ledger.add_task(
            conn,
            unit="tu-phap",
            item="3",
            title="Kế hoạch",
            assignee=None,
            deadline_kind=None,
            deadline=None,
            by=None,
            at=AT,
        )
    raw = sqlite3.connect(db_path)
    try:
        for statement in (
            "UPDATE events SET percent = 50",
            "DELETE FROM events",
            "UPDATE tasks SET title = 'x'",
            "DELETE FROM tasks",
        ):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                raw.execute(statement)
        raw.rollback()
        assert raw.execute("SELECT percent FROM events").fetchall() == [(100.0,)]
    finally:
        raw.close()


def test_a_correction_is_a_new_event(db_path: Path) -> None:
    ledger = open_ledger(database_url(str(db_path)))
    with ledger.writing() as conn:
        ledger.append(conn, [new_event(percent=100.0)], AT)
    with ledger.writing() as conn:
        ledger.append(conn, [new_event(percent=50.0)], AT)
    events = ledger.events()
    assert [(e.id, e.percent) for e in events] == [(1, 100.0), (2, 50.0)]


def test_text_is_stored_nfc(db_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Biên bản quán triệt của Phòng Tư pháp")
    assert nfd != unicodedata.normalize("NFC", nfd)
    ledger = open_ledger(database_url(str(db_path)))
    with ledger.writing() as conn:
        ledger.append(conn, [new_event(evidence=nfd, note=nfd, by=nfd)], AT)
        task = ledger.add_task(
            conn,
            unit="tu-phap",
            item="3",
            title=nfd,
            assignee=unicodedata.normalize("NFD", "Nguyễn Văn Ánh"),
            deadline_kind="before",
            deadline=dt.date(2022, 6, 1),
            by=None,
            at=AT,
        )
    nfc = unicodedata.normalize("NFC", nfd)
    (event,) = ledger.events()
    assert event.evidence == event.note == event.by == nfc
    assert task.title == nfc and task.assignee == "Nguyễn Văn Ánh"
    raw = sqlite3.connect(db_path)
    try:
        (stored,) = raw.execute("SELECT evidence FROM events").fetchone()
    finally:
        raw.close()
    assert stored == nfc


def test_the_file_is_readable_by_its_owner_only(db_path: Path) -> None:
    open_ledger(database_url(str(db_path)))
    mode = stat.S_IMODE(db_path.stat().st_mode)
    assert mode == 0o600, oct(mode)
    for sidecar in db_path.parent.glob("ledger.db-*"):
        assert stat.S_IMODE(sidecar.stat().st_mode) & 0o077 == 0, sidecar


def test_wal_mode_is_on(db_path: Path) -> None:
    ledger = open_ledger(database_url(str(db_path)))
    with ledger.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    content = b"these are my notes, not a database\n" * 200
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        open_ledger(database_url(str(path)))
    assert caught.value.key == "db_not_database"
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        open_ledger(database_url(str(tmp_path)))
    assert caught.value.key == "db_is_directory"


def test_a_bad_url_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        open_ledger("not a url://x")
    assert caught.value.key == "db_bad_url"


def test_database_urls() -> None:
    assert database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert database_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    assert database_url("x.db").startswith("sqlite:////")
