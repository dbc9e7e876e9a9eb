"""Point 1: readers never wait on a writer; a writer holds the lock only for its inserts.

Deterministic: the test itself holds the write lock (or writes in the middle of an import's
checks) with a short busy timeout, so a command that would wait fails at once instead of after
30 s; no sleeping, no clock.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cvtracker import importer
from cvtracker import ledger as ledger_module

READS = [
    ("status", "--json", "--as-of", "15/5/2022"),
    ("status", "--as-of", "15/5/2022"),
    ("overdue", "--json", "--as-of", "15/5/2022"),
    ("history", "--json"),
    ("eligibility", "--json", "--year", "2022"),
    ("report", "--month", "2022-05", "--format", "json"),
    ("task", "list", "--json"),
]


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # a command that waits for the lock fails within 0.2 s rather than 30 s
    monkeypatch.setattr(ledger_module, "BUSY_TIMEOUT_MS", 200)


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_reads_do_not_wait_for_a_writer(
    cli: Any, ledger: Path, short_timeout: None, args: tuple[str, ...]
) -> None:
    writer = sqlite3.connect(ledger, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # a writer in the middle of its transaction
    writer.execute(
        "INSERT INTO events (unit, item, percent, done_on, recorded_at) "
        "VALUES ('tu-phap', '3', 10, '2022-05-02', '2022-05-02 01:00:00')"
    )
    try:
        result = cli(*args)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_import_checks_its_rows_without_the_lock(
    cli: Any, ledger: Path, tmp_path: Path, short_timeout: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While an import checks its rows (minutes for 200,000), others can write."""
    source = tmp_path / "rows.csv"
    source.write_text("unit,item,period,percent,on\ntu-phap,4,2022-05,100,31/5/2022\n")
    took_lock: list[bool] = []
    original = importer.plan_import

    def planning(*args: Any, **kwargs: Any) -> Any:
        if not took_lock:
            other = sqlite3.connect(ledger, isolation_level=None, timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                took_lock.append(True)
            except sqlite3.OperationalError:
                took_lock.append(False)
            finally:
                other.close()
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "plan_import", planning)
    result = cli("import", str(source))
    assert result.exit_code == 0, result.stderr
    assert took_lock[0], "another writer could not take the lock while the import checked rows"


def test_import_rechecks_what_changed_under_the_lock(
    cli: Any, ledger: Path, tmp_path: Path, short_timeout: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report recorded while the import was checking is seen before inserting: the import's
    row (no period: the open month) now has no open month, so nothing is imported."""
    source = tmp_path / "rows.csv"
    source.write_text("unit,item,percent,on\ntc-kh,6,100,9/5/2022\n")
    original = importer.plan_import
    calls: list[int] = []

    def planning(*args: Any, **kwargs: Any) -> Any:
        if not calls:
            other = sqlite3.connect(ledger, isolation_level=None, timeout=0)
            other.execute(
                "INSERT INTO events (unit, item, period, percent, done_on, recorded_at) "
                "VALUES ('tc-kh', '6', '2022-05', 100, '2022-05-08', '2022-05-08 01:00:00')"
            )
            other.close()
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "plan_import", planning)
    result = cli("--lang", "en", "import", str(source))
    assert result.exit_code == 2, result.stderr
    assert "rows.csv:2:" in result.stderr
    assert len(calls) == 2  # checked, then re-checked under the lock
    history = json.loads(cli("history", "tc-kh", "--json").stdout)
    assert [(e["period"], e["on"]) for e in history] == [("2022-05", "2022-05-08")]


def test_import_does_not_recheck_for_another_directives_task(
    cli: Any, ledger: Path, tmp_path: Path, short_timeout: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task added for another directive while the import was checking changes none of this
    directive's rows: the plan is not made again under the lock (the check is by directive)."""
    source = tmp_path / "rows.csv"
    source.write_text("unit,item,period,percent,on\ntc-kh,6,5/2022,100,9/5/2022\n")
    original = importer.plan_import
    calls: list[int] = []

    def planning(*args: Any, **kwargs: Any) -> Any:
        if not calls:
            other = sqlite3.connect(ledger, isolation_level=None, timeout=0)
            other.execute(
                "INSERT INTO tasks (unit, item, title, created_at, directive) "
                "VALUES ('tc-kh', '3', 'Khác', '2022-05-08 01:00:00', '99/XX')"
            )
            other.close()
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "plan_import", planning)
    result = cli("--lang", "en", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert len(calls) == 1
