"""Points 1 and 6 with real processes: writers and readers at once (SQLite and PostgreSQL), and
imports killed with SIGKILL at every tenth of their inserts while readers read.

Each worker is one interpreter running many commands (so that the test stays fast); they start
together on a line written to their stdin, never after a sleep. What is checked does not depend
on the interleaving: every command succeeds, every event written is found, and a reader sees an
import either whole or not at all.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from test_postgres import pg_server, pg_url  # noqa: F401 - fixtures

from .conftest import env_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and processes")

# Runs `cvtracker ARGS...` for each line of its stdin after "go"; prints, per command, its exit
# code and, for `history --json`, how many events of the imported kind (tu-phap, item 3) it saw.
WORKER = """
import contextlib, io, json, sys
from cvtracker.cli import app
print("ready", flush=True)
assert sys.stdin.readline() == "go\\n"
for line in sys.stdin:
    args = line.rstrip("\\n").split("\\t")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            app(args, prog_name="cvtracker")
        except SystemExit as exit:
            code = exit.code or 0
    seen = ""
    if code == 0 and args[-2:] == ["history", "--json"]:
        events = json.loads(out.getvalue())
        seen = sum(1 for e in events if e["unit"] == "tu-phap" and e["item"] == "3")
    print(code, seen, err.getvalue().replace("\\n", " | "), flush=True)
"""

# Imports, but after a given share of the rows has been inserted (inside the transaction) kills
# itself with SIGKILL; with a tiny page cache the pages have spilled into the WAL by then.
KILLED_IMPORT = """
import os, signal, sys
from cvtracker import ledger
from cvtracker.cli import app

share = float(os.environ["KILL_AT"])
original = ledger.Ledger.append_many  # import's batched insert

def append_many(self, conn, new_events, at, chunk=5000):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size = 2")
    original(self, conn, new_events[: int(len(new_events) * share)], at, chunk)
    os.kill(os.getpid(), signal.SIGKILL)

ledger.Ledger.append_many = append_many
app(sys.argv[1:], prog_name="cvtracker")
"""

IMPORT_ROWS = 300


def write_rows(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("unit,item,percent,on,evidence\n")
        for n in range(rows):
            out.write(f"tu-phap,3,{n % 101},{1 + n % 28}/5/2022,BC {n}\n")


def start(home: Path, script: str = WORKER, **env: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(home, **env),
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    return proc


def go(
    workers: list[subprocess.Popen[str]], commands: list[list[tuple[str, ...]]]
) -> list[list[str]]:
    for proc, mine in zip(workers, commands, strict=True):
        assert proc.stdin is not None
        proc.stdin.write("go\n" + "".join("\t".join(c) + "\n" for c in mine))
        proc.stdin.flush()
    outputs = []
    for proc in workers:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.stdin = None
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
        outputs.append(out.splitlines())
    return outputs


def history(home: Path, **env: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "cvtracker", "history", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env_for(home, **env),
    )
    assert result.returncode == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, home: Path) -> dict[str, str]:
    """Environment naming the ledger: the default SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return {}
    pytest.importorskip("psycopg")
    url: str = request.getfixturevalue("pg_url")
    return {"CVTRACKER_DB": url}


RECORDERS = [("vh-tt", "2"), ("tc-kh", "2")]
PER_WORKER = 8


@pytest.mark.sqlite_only("runs on both backends itself (its backend parameter)")
def test_writers_and_readers_at_once(tmp_path: Path, home: Path, backend: dict[str, str]) -> None:
    rows = tmp_path / "rows.csv"
    write_rows(rows, IMPORT_ROWS)
    # the ledger exists and is up to date before the race: readers never create or migrate it
    created = subprocess.run(
        [sys.executable, "-m", "cvtracker", "task", "add", "tu-phap", "Việc đầu"],
        capture_output=True, text=True, timeout=120, env=env_for(home, **backend),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    commands: list[list[tuple[str, ...]]] = [[("import", str(rows))]]
    for unit, item in RECORDERS:
        commands.append(
            [
                ("record", unit, item, "--percent", str(n), "--on", "28/4/2022", "--by", unit)
                for n in range(PER_WORKER)
            ]
        )
    commands.append(
        [("history", "--json") if n % 2 else ("status", "--json") for n in range(PER_WORKER)]
    )
    workers = [start(home, **backend) for _ in commands]
    outputs = go(workers, commands)
    for lines in outputs:
        for line in lines:
            assert line.split(" ", 1)[0] == "0", line  # every command succeeded
    seen = [
        int(line.split(" ")[1]) for lines in outputs[-1:] for line in lines if line.split(" ")[1]
    ]
    assert set(seen) <= {0, IMPORT_ROWS}  # the import, whole or not at all
    events = history(home, **backend)
    assert len(events) == IMPORT_ROWS + len(RECORDERS) * PER_WORKER
    for unit, _ in RECORDERS:
        mine = [e["percent"] for e in events if e["unit"] == unit]
        assert mine == list(range(PER_WORKER))  # each writer's events, in its order
    if not backend:
        conn = sqlite3.connect(home / "ledger.db")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()


# five kills in the normal run; CVTRACKER_KILL_TRIALS=10 kills at every tenth (docs/reliability.md)
TRIALS = int(os.environ.get("CVTRACKER_KILL_TRIALS", "5"))
KILL_SHARES = [n / TRIALS for n in range(TRIALS)]


def test_imports_killed_midway_leave_nothing(tmp_path: Path) -> None:
    """Five ledgers, five imports killed after 0 %, 20 %, ... 80 % of their inserts, a reader
    reading each while it dies: nothing of the import is ever seen or kept, the ledger is whole,
    and the import can simply be run again."""
    rows = tmp_path / "rows.csv"
    write_rows(rows, IMPORT_ROWS)
    homes = [tmp_path / f"kill{n}" for n in range(len(KILL_SHARES))]
    made = subprocess.run(
        [sys.executable, "-m", "cvtracker", "record", "vh-tt", "2", "--done", "--on", "29/4/2022"],
        capture_output=True, text=True, timeout=120, env=env_for(homes[0]),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    for home in homes[1:]:  # the same ledger in each (no process has it open)
        home.mkdir()
        shutil.copyfile(homes[0] / "ledger.db", home / "ledger.db")
    reader = start(tmp_path)
    dying = [
        subprocess.Popen(
            [sys.executable, "-c", KILLED_IMPORT, "import", str(rows)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env_for(home, KILL_AT=str(share)),
        )
        for home, share in zip(homes, KILL_SHARES, strict=True)
    ]
    reads = [("--db", str(home / "ledger.db"), "history", "--json") for home in homes]
    (lines,) = go([reader], [reads * 3])
    for proc in dying:
        proc.communicate(timeout=300)
        assert proc.returncode == -9
    assert len(lines) == 3 * len(homes)
    assert all(line.split(" ")[:2] == ["0", "0"] for line in lines), lines
    for home in homes:
        conn = sqlite3.connect(home / "ledger.db")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1,)
        conn.close()
    # a killed import is simply run again
    again = subprocess.run(
        [sys.executable, "-m", "cvtracker", "import", str(rows)],
        capture_output=True, text=True, timeout=120, env=env_for(homes[-1]),
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert len(history(homes[-1])) == IMPORT_ROWS + 1
