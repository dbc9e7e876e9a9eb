"""End to end: the installed ``cvtracker`` command, run as a subprocess as cron would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def command() -> list[str]:
    script = Path(sys.executable).parent / "cvtracker"
    if script.exists():
        return [str(script)]
    found = shutil.which("cvtracker")
    return [found] if found else [sys.executable, "-m", "cvtracker"]


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env.update(CVTRACKER_HOME=str(tmp_path / "home"), TZ="UTC", COLUMNS="120")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command(), *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    return run


def test_record_then_status_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    recorded = run("record", "Phòng Tư pháp", "6", "--done", "--on", "9/5/2022")
    assert recorded.returncode == 0, recorded.stderr
    late = run("record", "tu phap", "6", "--percent", "95.5", "--on", "10/6/2022")
    assert late.returncode == 0, late.stderr
    result = run("status", "--as-of", "15/6/2022", "--unit", "tu-phap", "--item", "6", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "unit": "tu-phap",
            "item": "6",
            "task": None,
            "period": "2022-05",
            "late_from": "2022-05-10",
            "state": "done",
            "percent": 100,
            "completed_on": "2022-05-09",
            "days_overdue": None,
            "directive": "968/UBND-TH",
        },
        {
            "unit": "tu-phap",
            "item": "6",
            "task": None,
            "period": "2022-06",
            "late_from": "2022-06-10",
            "state": "overdue",
            "percent": 95.5,
            "completed_on": None,
            "days_overdue": 6,
            "directive": "968/UBND-TH",
        },
    ]
    assert (tmp_path / "home" / "ledger.db").exists()


def test_a_bad_date_exits_2_with_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("record", "tu-phap", "2", "--done", "--on", "31/2/2022")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "31/2/2022" in line


def test_english_errors_and_version(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--lang", "en", "status", "--unit", "phan", "--as-of", "1/5/2022")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: 'phan' matches several units")
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("cvtracker ")


def test_python_dash_m(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env.update(CVTRACKER_HOME=str(tmp_path), TZ="UTC")
    result = subprocess.run(
        [sys.executable, "-m", "cvtracker", "items", "--json"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [i["id"] for i in json.loads(result.stdout)][:3] == ["1", "2", "3"]
