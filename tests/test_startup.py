"""Startup stays light: `cvtracker --help` imports none of the heavy libraries.

Each check runs a fresh interpreter with ``-X importtime``, which lists every module imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "alembic", "holidays", "pydantic", "yaml")


def imported_modules(args: list[str], home: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env["CVTRACKER_HOME"] = str(home)
    env["CVTRACKER_CACHE"] = str(home / "cache")  # the start-up cache: this test's own
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cvtracker", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in completed.stderr.splitlines()
        if line.startswith("import time:") and "self [us]" not in line
    }
    assert "cvtracker.cli" in names  # the listing works at all
    return names


def heavy_in(names: set[str]) -> list[str]:
    return sorted(n for n in names if n.split(".")[0] in HEAVY)


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    assert heavy_in(imported_modules(args, tmp_path)) == []


def test_command_help_imports_no_heavy_library_of_ours(tmp_path: Path) -> None:
    # Typer (>= 0.2x) itself converts a command's parameters with pydantic, so pydantic may load
    # here; the ledger's and the calendar's libraries and the YAML loader must not.
    names = imported_modules(["status", "--help"], tmp_path)
    assert [n for n in heavy_in(names) if not n.startswith("pydantic")] == []


def test_help_does_not_touch_the_ledger(tmp_path: Path) -> None:
    imported_modules(["--help"], tmp_path)
    assert not (tmp_path / "ledger.db").exists()


def test_alembic_is_imported_only_to_migrate(tmp_path: Path) -> None:
    first = imported_modules(["task", "add", "tu-phap", "Rà soát"], tmp_path)
    assert "alembic" in first  # the first write creates the tables
    again = imported_modules(["status", "--as-of", "1/5/2022", "--json"], tmp_path)
    assert "sqlalchemy" in again
    assert not [n for n in again if n.split(".")[0] == "alembic"]


# what a data command needs on a ledger in use (created, current, the start-up cache filled):
# SQLAlchemy and pydantic, not these
NOT_FOR_DATA = ("alembic", "holidays", "yaml", "rich", "typer._adapters", "platformdirs")


def not_needed(names: set[str]) -> list[str]:
    return sorted(n for n in names if n in NOT_FOR_DATA or n.split(".")[0] in NOT_FOR_DATA)


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "1/5/2022", "--json"],
        ["status", "--as-of", "1/5/2022", "--json"],
        ["status", "--unit", "tu-phap", "--as-of", "1/5/2022", "--json"],
        ["record", "tu-phap", "3", "--percent", "50", "--on", "29/4/2022"],
    ],
)
def test_a_data_command_imports_only_what_it_needs(tmp_path: Path, args: list[str]) -> None:
    # the first write creates the ledger (alembic) and fills the cache (holidays, PyYAML)
    imported_modules(["record", "tu-phap", "2", "--done", "--on", "29/4/2022"], tmp_path)
    names = imported_modules(args, tmp_path)
    assert "sqlalchemy" in names and "cvtracker.directive" in names
    assert not_needed(names) == []


def test_the_first_command_fills_the_cache_the_next_ones_use(tmp_path: Path) -> None:
    first = imported_modules(["overdue", "--as-of", "1/5/2022", "--json"], tmp_path)
    assert {"holidays", "yaml"} <= first  # nothing cached yet: the calendar, the YAML file
    assert (tmp_path / "cache" / "calendar-vn.json").exists()
    assert list((tmp_path / "cache").glob("directive-file-*.pickle"))
    again = imported_modules(["overdue", "--as-of", "1/5/2022", "--json"], tmp_path)
    assert not_needed(again) == []


def test_the_registry_file_name_is_the_rules_one() -> None:
    from cvtracker import unitbook, units

    assert unitbook.REGISTRY_FILE == units.REGISTRY_FILE
