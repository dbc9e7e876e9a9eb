"""Helpers of the reliability suite (issue 13): a ledger's fingerprint, a ready-made ledger, the
command line in-process and as a real process.

Fuzzing: a few hundred hypothesis examples in the normal run; ``CVTRACKER_FUZZ_EXAMPLES=10000``
runs 10,000 per property (see docs/reliability.md).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "cvtracker",
    max_examples=int(os.environ.get("CVTRACKER_FUZZ_EXAMPLES", "75")),
    deadline=None,
    derandomize=os.environ.get("CVTRACKER_FUZZ_EXAMPLES") is None,  # the normal run is repeatable
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("cvtracker")


def fingerprint(path: Path) -> str:
    """What the ledger holds, read through SQLite (a checkpoint may move bytes between the
    -wal file and the database without changing a row); for a file that is not a ledger, its
    bytes."""
    if not path.exists():
        return "absent"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            dump = "\n".join(conn.iterdump())
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "bytes:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return "dump:" + hashlib.sha256(dump.encode()).hexdigest()


def raw(path: Path) -> bytes:
    return path.read_bytes()


def env_for(home: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    if (
        os.environ.get("CVTRACKER_TEST_BACKEND", "sqlite") != "sqlite"
        and "CVTRACKER_DB" in os.environ
    ):
        env["CVTRACKER_DB"] = os.environ["CVTRACKER_DB"]  # the PostgreSQL pass's database
    env["CVTRACKER_HOME"] = str(home)
    env["CVTRACKER_LANG"] = "en"
    env.update(more)
    return env


def run_process(
    home: Path, *args: str | bytes, stdout: Any = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """The installed command as cron would run it (a real process, real argv bytes)."""
    return subprocess.run(
        [sys.executable, "-m", "cvtracker", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        env=env_for(home, **env),
    )


def one_clean_line(stderr: str) -> str:
    """stderr holds exactly one line and no traceback; the line."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip("\n").split("\n")
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="session")
def ledger_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger with a few events and a task, as offices have them; made once."""
    from typer.testing import CliRunner

    from cvtracker.cli import app

    path = tmp_path_factory.mktemp("template") / "ledger.db"
    task = ("task", "add", "tu-phap", "Rà soát TTHC", "--assignee", "Nguyễn Văn A")
    for args in (
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--evidence", "BB 1"),
        ("record", "tu-phap", "6", "--period", "2022-05", "--percent", "50", "--on", "9/5/2022"),
        (*task, "--before", "1/6/2022"),
    ):
        result = CliRunner().invoke(app, ["--db", str(path), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def ledger(cli: Any, ledger_template: Path) -> Path:
    """A copy of the template at the test's default ledger (SQLite's backup: consistent, WAL
    included, and no descriptor of a file SQLite has open is ever closed by hand)."""
    path: Path = cli.db
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    source = sqlite3.connect(ledger_template)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    os.chmod(path, 0o600)
    return path


Fingerprint = Callable[[Path], str]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The ready-made ``ledger`` is a SQLite file copied with SQLite's backup, and its
    fingerprint is SQLite's dump: the tests that use it are about that file."""
    for item in items:
        if "ledger" in getattr(item, "fixturenames", ()) and "reliability" in item.nodeid:
            item.add_marker(
                pytest.mark.sqlite_only("a copied SQLite ledger, fingerprinted by SQLite's dump")
            )
