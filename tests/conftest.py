"""Shared fixtures: a private CVTRACKER_HOME per test, the packaged directive, a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_folder: Path) -> Iterator[Path]:
    """A fresh CVTRACKER_HOME; no other cvtracker variable leaks in from the machine."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "home"
    monkeypatch.setenv("CVTRACKER_HOME", str(folder))
    monkeypatch.setenv("CVTRACKER_CACHE", str(cache_folder))
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
        return self.home / "ledger.db"


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli(home)
