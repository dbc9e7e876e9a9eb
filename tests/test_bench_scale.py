"""bench/scale.py's generator and runner (issue 8): the ledger it writes straight into the
tables is the one cvtracker made (indexes, triggers, WAL), and a command past the timeout is
stopped. Small sizes only: the benchmark itself never runs in the test suite."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "scale.py"


@pytest.fixture(scope="module")
def scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_scale", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_scale"] = module
    spec.loader.exec_module(module)
    return module


def schema(path: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(path) as con:
        return set(con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def test_generated_ledger_has_cvtracker_schema_and_every_event(
    scale: ModuleType, tmp_path: Path
) -> None:
    env = scale.env_for(tmp_path / "home")
    gen = scale.generate("tiny", 29, 3_000, tmp_path / "work", 200, env)
    fresh = tmp_path / "fresh.db"
    scale.cv_or_fail(["--db", f"sqlite:///{fresh}", "db", "upgrade"], env)
    assert schema(gen.ledger) == schema(fresh)  # indexes and triggers recreated as they were
    with sqlite3.connect(gen.ledger) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        tasks = con.execute("SELECT count(*) FROM tasks").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE task_id IS NOT NULL "
            "AND task_id NOT IN (SELECT id FROM tasks)"
        ).fetchone()[0]
    assert (gen.events, gen.held) == (2_800, 200)
    assert events == 3_000  # the held-back rows came in through `cvtracker import`
    assert tasks == gen.tasks == 29 * scale.TASKS_PER_UNIT
    assert orphans == 0
    # reused as it is, and a command reads it
    again = scale.generate("tiny", 29, 3_000, tmp_path / "work", 200, env)
    assert again.events == gen.events
    unit = gen.units[0]
    status = ["status", "--unit", unit, "--as-of", scale.AS_OF, "--json"]
    out = scale.cv_or_fail(["--db", gen.url(), "--directive", str(gen.directive), *status], env).out
    assert json.loads(out)


def test_a_command_past_the_timeout_is_stopped(scale: ModuleType, tmp_path: Path) -> None:
    env = scale.env_for(tmp_path / "home")
    got = scale.run([sys.executable, "-c", "import time; time.sleep(30)"], env, timeout=0.3)
    assert got.timed_out
    assert got.wall < 10
    done = scale.run([sys.executable, "-c", "print(1)"], env, timeout=30)
    assert (done.timed_out, done.code, done.out.strip()) == (False, 0, b"1")


def test_timed_out_and_failed_rows_print_without_figures(scale: ModuleType) -> None:
    assert scale.seconds({"timeout": 300.0}) == "> 300 s"
    assert scale.seconds({"timeout": 300.0}, "cpu") == "–"
    assert scale.seconds({"error": 1, "on": "empty"}) == "failed (exit 1) (empty ledger)"
    ratios = scale.ratios(
        [
            {"size": "district", "backend": "sqlite", "command": "c", "wall": 2.0,
             "over_empty": 0.01},
            {"size": "district", "backend": "postgresql", "command": "c", "wall": 3.0,
             "over_empty": 0.5},
        ]
    )  # fmt: skip
    [row] = ratios["postgresql_over_sqlite"]
    assert row["wall"] == pytest.approx(1.5)
    assert row["over_empty"] is None  # below the noise floor
