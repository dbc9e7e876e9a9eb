"""Several processes on one SQLite ledger, and a process killed in the middle of an import.

The workers are separate Python processes running the command line in-process (one interpreter
per worker, many commands each, so that the test stays fast); they start together on a signal
written to their stdin, not after a sleep.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and processes")

# Runs `cvtracker ARGS...` once per line of its stdin after the first ("go"); prints one line per
# command: its exit code, then what it wrote on stderr.
WORKER = """
import contextlib, io, sys
from cvtracker.cli import app
print("ready", flush=True)
for line in sys.stdin:
    args = line.split("\\t")
    args[-1] = args[-1].rstrip("\\n")
    err = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            app(args, prog_name="cvtracker")
        except SystemExit as exit:
            code = exit.code or 0
    print(code, err.getvalue().replace("\\n", " | "), flush=True)
"""

# Imports FILE, but after half of the rows have been inserted the process kills itself with
# SIGKILL, inside the transaction; with a tiny page cache the uncommitted pages have already
# spilled into the WAL file by then.
DYING_IMPORT = """
import os, signal, sys
from cvtracker import ledger
from cvtracker.cli import app

original = ledger.Ledger.append_many  # import's batched insert

def append_many(self, conn, new_events, at, chunk=5000):
    conn.exec_driver_sql("PRAGMA cache_size = 2")
    half = len(new_events) // 2
    original(self, conn, new_events[:half], at, chunk)
    os.kill(os.getpid(), signal.SIGKILL)

ledger.Ledger.append_many = append_many
app(sys.argv[1:], prog_name="cvtracker")
"""


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env["CVTRACKER_HOME"] = str(home)
    env["CVTRACKER_LANG"] = "en"
    return env


def start_worker(home: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(home),
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "ready\n"  # imported, waiting for its commands
    return proc


def finish(proc: subprocess.Popen[str]) -> list[str]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    return out.splitlines()


def cvtracker(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cvtracker", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env_for(home),
    )


def events(home: Path) -> list[dict[str, object]]:
    result = cvtracker(home, "history", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_two_processes_record_at_once(tmp_path: Path) -> None:
    """2 processes x 20 records on a ledger neither has created yet: 40 events, no error."""
    home = tmp_path / "home"
    per_worker = 20
    workers = [start_worker(home), start_worker(home)]
    scripts = [
        "".join(
            f"record\ttu-phap\t2\t--percent\t{n}\t--on\t28/4/2022\t--by\tw{w}\n"
            for n in range(per_worker)
        )
        for w in range(2)
    ]
    # both get all their commands at once, so their writes overlap from the first (which also
    # creates and migrates the ledger)
    for proc, script in zip(workers, scripts, strict=True):
        assert proc.stdin is not None
        proc.stdin.write(script)
        proc.stdin.flush()
    outputs = []
    for proc in workers:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.stdin = None  # communicate() must not flush it again
        outputs.append(finish(proc))
    created = 0
    for lines in outputs:
        # exit 0 each; what stderr says is record's notes (a percent lower than the other
        # worker's, an exact repeat) and, once, that a new ledger was created; never an error
        assert [line.split(" ", 1)[0] for line in lines] == ["0"] * per_worker
        created += sum("Created a new ledger" in line for line in lines)
        notes = [part for line in lines for part in line[2:].split(" | ") if part]
        notes = [part for part in notes if "Created a new ledger" not in part]
        assert all(part.startswith(("Note:", "Lưu ý:")) for part in notes), notes
    assert created == 1

    recorded = events(home)
    assert len(recorded) == 2 * per_worker
    assert len({e["id"] for e in recorded}) == 2 * per_worker
    for w in range(2):
        mine = [e["percent"] for e in recorded if e["by"] == f"w{w}"]
        assert mine == list(range(per_worker))  # each process's events in its own order


def test_a_writer_waits_for_the_lock(tmp_path: Path) -> None:
    """While another connection holds the write lock, `record` waits (busy timeout), then writes."""
    home = tmp_path / "home"
    # the first write creates the ledger (reads never do)
    assert cvtracker(home, "task", "add", "tu-phap", "Rà soát").returncode == 0
    db = home / "ledger.db"
    holder = sqlite3.connect(db, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("SELECT count(*) FROM events").fetchone()
    worker = start_worker(home)
    assert worker.stdin is not None
    worker.stdin.write("record\ttu-phap\t3\t--done\t--on\t29/4/2022\n")
    worker.stdin.close()
    worker.stdin = None
    # the worker cannot finish while the lock is held; give it time to run into the lock
    with pytest.raises(subprocess.TimeoutExpired):
        worker.wait(timeout=0.5)
    holder.execute("COMMIT")
    holder.close()
    assert finish(worker) == ["0 "]
    assert [e["item"] for e in events(home)] == ["3"]


def write_csv(path: Path, rows: int, unit: str = "tu-phap") -> None:
    lines = ["unit,item,period,percent,on,evidence"]
    lines += [f"{unit},2,,{n % 101},28/4/2022,row {n}" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_killed_in_the_middle_of_an_import_leaves_nothing_of_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = tmp_path / "before.csv"
    write_csv(before, 5, unit="noi-vu")
    assert cvtracker(home, "import", str(before)).returncode == 0

    big = tmp_path / "big.csv"
    write_csv(big, 2000)
    dying = subprocess.run(
        [sys.executable, "-c", DYING_IMPORT, "import", str(big)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env_for(home),
    )
    assert dying.returncode == -signal.SIGKILL, dying.stderr[-2000:]
    # rows of the first half reached the WAL file, uncommitted, before the process died
    assert b"row 500" in (home / "ledger.db-wal").read_bytes()

    db = home / "ledger.db"
    assert integrity(db) == "ok"
    assert [e["unit"] for e in events(home)] == ["noi-vu"] * 5  # none of the killed import
    # and the ledger goes on working: the same import, not killed, is whole
    assert cvtracker(home, "import", str(big)).returncode == 0
    assert len(events(home)) == 5 + 2000
    assert integrity(db) == "ok"


def test_killed_from_outside_during_an_import_all_or_nothing(tmp_path: Path) -> None:
    """SIGKILL from another process while the import holds the write lock: all rows or none."""
    home = tmp_path / "home"
    assert cvtracker(home, "task", "add", "tu-phap", "Rà soát").returncode == 0  # creates it
    db = home / "ledger.db"
    big = tmp_path / "big.csv"
    rows = 3000
    write_csv(big, rows)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cvtracker", "import", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env_for(home),
    )
    probe = sqlite3.connect(db, isolation_level=None, timeout=0)
    deadline = time.monotonic() + 60
    holding = False
    while not holding and proc.poll() is None and time.monotonic() < deadline:
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError as error:  # "database is locked": the import is in
            holding = "locked" in str(error)
        time.sleep(0.005)
    probe.close()
    proc.kill()
    proc.wait(timeout=60)
    assert holding, "the import never held the write lock"
    assert integrity(db) == "ok"
    assert len(events(home)) in (0, rows)
