"""Shared fixtures: a private CVTRACKER_HOME per test, the packaged directive, a CLI runner.

With ``CVTRACKER_TEST_BACKEND=postgresql`` every test that uses ``home`` (and so ``cli``) gets
its ledger on a throwaway PostgreSQL server instead of a SQLite file: one server for the session
(started as tests/test_postgres.py starts it), one database per test, made from a template on
which ``cvtracker db upgrade`` ran once (as a district sets up its server), dropped after the
test. Tests about SQLite itself are marked ``sqlite_only`` and skip in that pass; tests that use
no ledger, and the PostgreSQL tests proper (which ran in the SQLite pass), are deselected.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cvtracker.cli import app
from cvtracker.directive import Directive, load_directive
from cvtracker.settings import packaged_directive

# the keys of a status row in DESIGN.md's contract (status --json, overdue --json, report rows)
STATUS_ROW_KEYS = frozenset(
    {
        "unit",
        "item",
        "task",
        "period",
        "late_from",
        "state",
        "percent",
        "completed_on",
        "days_overdue",
    }
)

# the same rows as the command line prints them: each says its directive (issue 12)
CLI_ROW_KEYS = STATUS_ROW_KEYS | {"directive"}

ENV_VARS = (
    "CVTRACKER_CV",
    "CVTRACKER_HOME",
    "CVTRACKER_DB",
    "CVTRACKER_DIRECTIVE",
    "CVTRACKER_LANG",
    "CVTRACKER_SMTP_HOST",
    "CVTRACKER_SMTP_PORT",
    "CVTRACKER_SMTP_USER",
    "CVTRACKER_SMTP_PASSWORD",
    "CVTRACKER_SMTP_FROM",
    "CVTRACKER_SMTP_TLS",
    "CVTRACKER_NOTIFY_TO",
)


BACKEND = os.environ.get("CVTRACKER_TEST_BACKEND", "sqlite").strip().lower() or "sqlite"
ON_POSTGRES = BACKEND in ("postgresql", "postgres", "pg")
if BACKEND not in ("sqlite", "postgresql", "postgres", "pg"):
    raise pytest.UsageError(f"CVTRACKER_TEST_BACKEND={BACKEND!r}: use sqlite or postgresql")

TEMPLATE_DB = "cvt_ledger_template"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about the SQLite file itself; skipped when "
        "CVTRACKER_TEST_BACKEND=postgresql",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ON_POSTGRES:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        names = getattr(item, "fixturenames", ())
        # no ledger to put on the server, or a PostgreSQL test that already ran in the SQLite pass
        if "home" not in names or "pg_server" in names or "pg_url" in names:
            dropped.append(item)
            continue
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else marker.kwargs.get("reason", "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def ledger_server() -> Iterator[Any]:
    """The PostgreSQL pass's server, with a template database already upgraded."""
    from cvtracker.ledger import upgrade_ledger
    from test_postgres import _start  # the same throwaway server as the PostgreSQL tests

    server = _start()
    try:
        with server.connect("postgres") as conn:
            conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
        ledger = upgrade_ledger(server.url(TEMPLATE_DB))  # what `cvtracker db upgrade` does
        ledger.engine.dispose()
        with server.connect("postgres") as conn:
            # a template must have no session open on it
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{TEMPLATE_DB}' AND pid <> pg_backend_pid()"
            )
        yield server
    finally:
        server.run(
            str(server.bindir / "pg_ctl"), "-D", str(server.data), "-m", "fast", "-w", "stop"
        )
        import shutil

        shutil.rmtree(server.folder, ignore_errors=True)


def _ledger_database(request: pytest.FixtureRequest) -> Iterator[str]:
    server = request.getfixturevalue("ledger_server")
    readable = "".join(c if c.isalnum() else "_" for c in request.node.name)[:40].lower()
    name = f"l_{readable}_{hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:8]}"
    with server.connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DB}"')
    try:
        yield server.url(name)
    finally:
        with server.connect("postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def directive() -> Directive:
    return load_directive(packaged_directive())


@pytest.fixture(scope="session")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The start-up cache (calendar years, directives read) of the whole test run: never the
    machine's, shared by the tests as by the commands of one user (tests/test_cache.py checks
    the cache itself in folders of its own)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def home(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cache_folder: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Path]:
    """A fresh CVTRACKER_HOME; no other cvtracker variable leaks in from the machine. In the
    PostgreSQL pass, CVTRACKER_DB names a fresh database on the session's server."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "home"
    monkeypatch.setenv("CVTRACKER_HOME", str(folder))
    monkeypatch.setenv("CVTRACKER_CACHE", str(cache_folder))
    if ON_POSTGRES and request.node.get_closest_marker("sqlite_only") is None:
        databases = _ledger_database(request)
        monkeypatch.setenv("CVTRACKER_DB", next(databases))
        yield folder
        databases.close()
    else:
        yield folder


class Cli:
    """Runs the Typer app in-process, as the installed command would."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return self.runner.invoke(app, list(args), input=input, catch_exceptions=False)

    @property
    def db(self) -> Path:
        """The SQLite ledger file (tests that read it are ``sqlite_only``)."""
        return self.home / "ledger.db"

    @property
    def url(self) -> str:
        """The ledger's URL on either backend."""
        return ledger_url(self.home)


def ledger_url(home: Path) -> str:
    """The URL of the ledger the commands use: the test's PostgreSQL database in the PostgreSQL
    pass, else the SQLite file in ``home``."""
    from cvtracker.settings import database_url

    return os.environ.get("CVTRACKER_DB") or database_url(str(home / "ledger.db"))


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli(home)
