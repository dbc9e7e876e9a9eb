"""Point 4: cvtracker creates or migrates only a new or empty file or its own ledger; anything
else is refused (exit 2) and left byte for byte as it was. Reads never migrate."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cvtracker.ledger import HEAD_REVISION

from .conftest import fingerprint, one_clean_line

COMMANDS = [
    ("status",),
    ("status", "--json"),
    ("history", "--json"),
    ("overdue",),
    ("eligibility", "--year", "2022"),
    ("report", "--month", "2022-05", "--format", "json"),
    ("task", "list"),
    ("record", "tu-phap", "2", "--done", "--on", "29/4/2022"),
    ("task", "add", "tu-phap", "Rà soát"),
    ("db", "upgrade"),
]


def someone_elses_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Lan', '0909')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_another_sqlite_database_is_left_alone(
    cli: Any, tmp_path: Path, args: tuple[str, ...]
) -> None:
    other = tmp_path / "contacts.db"
    someone_elses_database(other)
    before = other.read_bytes()
    result = cli("--lang", "en", "--db", str(other), *args)
    assert result.exit_code == 2, result.stdout
    assert "not a cvtracker ledger" in one_clean_line(result.stderr)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.db"]  # no -wal, no -shm


@pytest.mark.parametrize("args", COMMANDS[:3] + COMMANDS[7:8], ids=" ".join)
def test_a_text_file_is_left_alone(cli: Any, tmp_path: Path, args: tuple[str, ...]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("không phải cơ sở dữ liệu\n" * 100)
    before = notes.read_bytes()
    result = cli("--db", str(notes), *args)
    assert result.exit_code == 2
    one_clean_line(result.stderr)
    assert notes.read_bytes() == before


def test_an_empty_file_becomes_a_ledger_on_first_write(cli: Any, tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    assert cli("--db", str(empty), "status", "--json").exit_code == 0
    assert empty.read_bytes() == b""  # reading an empty file writes nothing
    assert (
        cli("--db", str(empty), "record", "tu-phap", "2", "--done", "--on", "29/4/2022").exit_code
        == 0
    )
    assert len(json.loads(cli("--db", str(empty), "history", "--json").stdout)) == 1


def old_ledger(path: Path, cli: Any, revision: str) -> None:
    """A ledger as an earlier (or later) version left it."""
    assert (
        cli("--db", str(path), "record", "tu-phap", "2", "--done", "--on", "29/4/2022").exit_code
        == 0
    )
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.commit()
    conn.close()


def test_reads_never_migrate(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_ledger(path, cli, "0002")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE mail_claims")  # as revision 0002 had it
    for table in ("events", "tasks", "sent_mail"):
        conn.execute(f"DROP TRIGGER {table}_no_replace")
    conn.execute("DROP TABLE task_revisions")  # nor what revision 0004 added
    conn.execute("DROP INDEX ix_events_voids")
    conn.execute("ALTER TABLE events DROP COLUMN voids")
    # nor what revision 0005 added
    conn.execute("DROP TABLE directives")
    conn.execute("DROP TABLE directive_retirements")
    conn.execute("DROP INDEX ix_events_directive_unit_item_period")
    conn.execute("DROP INDEX ix_tasks_directive")
    for table in ("events", "tasks", "sent_mail"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN directive")
    conn.execute("DROP TABLE summaries")  # nor what revision 0006 added
    conn.commit()
    conn.close()
    copy = path
    before = fingerprint(copy)
    result = cli("--lang", "en", "--db", str(copy), "status", "--json")
    assert result.exit_code == 2
    assert "cvtracker db upgrade" in one_clean_line(result.stderr)
    assert fingerprint(copy) == before
    upgraded = cli("--db", str(copy), "db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.stderr
    assert cli("--db", str(copy), "status", "--json").exit_code == 0
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
    conn.close()


@pytest.mark.parametrize(
    "args", [("status",), ("record", "tu-phap", "3", "--done", "--on", "29/4/2022")]
)
def test_a_ledger_from_a_newer_version_is_refused_in_one_line(
    cli: Any, tmp_path: Path, args: tuple[str, ...]
) -> None:
    path = tmp_path / "newer.db"
    old_ledger(path, cli, "0042")
    result = cli("--lang", "en", "--db", str(path), *args)
    assert result.exit_code == 2
    assert "newer cvtracker" in one_clean_line(result.stderr)


def test_a_ledger_in_a_folder_one_cannot_write_to_is_read(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened read-only (root, who runs the CI, may write anywhere: the folder's answer to
    os.access is what is simulated)."""
    path = tmp_path / "shared.db"
    assert (
        cli("--db", str(path), "record", "tu-phap", "2", "--done", "--on", "29/4/2022").exit_code
        == 0
    )
    import os

    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == tmp_path else real(p, mode, **kw)
    )
    before = fingerprint(path)
    result = cli("--db", str(path), "history", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
    assert fingerprint(path) == before
