"""Point 5: append-only cannot be bypassed with REPLACE (SQLite), TRUNCATE or a disabled trigger
(PostgreSQL, with the owner and application roles of `db upgrade --grant`); a ledger whose
guards are missing is noticed before anything is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import fingerprint, one_clean_line

REPLACES = [
    "REPLACE INTO events (id, unit, item, percent, done_on, recorded_at) "
    "VALUES (1, 'tu-phap', '2', 0, '2022-04-29', '2022-04-29 01:00:00')",
    "INSERT OR REPLACE INTO events (id, unit, item, percent, done_on, recorded_at) "
    "VALUES (1, 'tu-phap', '2', 0, '2022-04-29', '2022-04-29 01:00:00')",
    "REPLACE INTO tasks (id, unit, item, title, created_at) "
    "VALUES (1, 'tu-phap', '3', 'khác', '2022-04-29 01:00:00')",
    "UPDATE events SET percent = 0",
    "DELETE FROM events",
]


@pytest.mark.parametrize("statement", REPLACES, ids=lambda s: s.split("(")[0].strip())
def test_sqlite_refuses_replacing_an_event(ledger: Path, statement: str) -> None:
    before = fingerprint(ledger)
    conn = sqlite3.connect(ledger)
    with pytest.raises(sqlite3.IntegrityError, match=r"append-only|never deleted"):
        conn.execute(statement)
    conn.rollback()
    conn.close()
    assert fingerprint(ledger) == before


def test_a_settled_mail_claim_never_changes(ledger: Path) -> None:
    conn = sqlite3.connect(ledger)
    conn.execute(
        "INSERT INTO mail_claims (day, recipient, content_hash, run, state, claimed_at) "
        "VALUES ('2022-05-11', 'a@x.vn', 'h', 'r', 'claimed', '2022-05-11 00:30:00')"
    )
    conn.execute("UPDATE mail_claims SET state = 'sent'")  # settling is allowed, once
    with pytest.raises(sqlite3.IntegrityError, match="only settled"):
        conn.execute("UPDATE mail_claims SET state = 'claimed'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM mail_claims")
    conn.close()


def test_missing_guards_are_noticed_and_restored(cli: Any, ledger: Path) -> None:
    conn = sqlite3.connect(ledger)
    conn.execute("DROP TRIGGER events_no_update")
    conn.commit()
    conn.close()
    before = fingerprint(ledger)
    result = cli("--lang", "en", "record", "tu-phap", "3", "--done", "--on", "29/4/2022")
    assert result.exit_code == 1
    assert "events_no_update" in one_clean_line(result.stderr)
    assert fingerprint(ledger) == before
    assert cli("db", "upgrade").exit_code == 0
    assert cli("record", "tu-phap", "3", "--done", "--on", "29/4/2022").exit_code == 0
    conn = sqlite3.connect(ledger)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE events SET percent = 0")
    conn.close()
