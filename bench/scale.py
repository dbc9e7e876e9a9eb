"""Cost of cvtracker's data commands as the ledger grows, beside Taskwarrior (issue 8).

    python bench/scale.py [--sizes district,province,national] [--backends sqlite,postgresql]
                          [--runs 3] [--timeout 300] [--work DIR] [--keep-pg]
                          [--import-rows N] [--no-taskwarrior] [--commands "record,status --unit"]
                          [--slow S] [--max-memory MB] [--check] [--prepare-only] [--json FILE]

For each size (``--sizes``, default district and province) a synthetic directive and ledger
are generated under ``--work`` (default /tmp/cvtracker-bench) and reused when already there:

- **district**: the packaged directive 968 (29 units), ~100k events over its four years;
- **province**: the directive with communes added to 300 units, ~1M events;
- **national**: 3,000 units, ~10M events (about 1.5 minutes to generate on 2 cores, 1.7 GB;
  3 minutes more to load into PostgreSQL).

Events are progress reports on every occurrence the directive schedules for a unit (items 2, 3,
the monthly 4, 5b, 6 and 7, May 2022 to June 2025) and on plan tasks (item 3, a few per unit),
with percents rising to 100 on most and stopping short on some (so there are late, overdue and
barred rows). The ledger is created by ``cvtracker db upgrade`` (same tables, same migrations);
the tasks and all but the last ``--import-rows`` events are written straight into its tables
(one transaction, ``executemany`` in batches of 100,000, the events' indexes and triggers
dropped for the load and recreated as the migrations wrote them, ``journal_mode=OFF`` for the
load only); the last ``--import-rows`` events go through ``cvtracker import``. Generation is
streamed: memory stays flat whatever the size.

On PostgreSQL (``--backends postgresql``; a throwaway server started with initdb and pg_ctl as
the tests start one, ``apt-get install postgresql``), the SQLite ledger's tasks and directly
written events are loaded into a new database made by ``cvtracker db upgrade`` with
PostgreSQL's ``COPY`` (indexes recreated after), and the held-back events go through
``cvtracker import``. With ``--keep-pg`` the server's data directory stays under
``--work/pg`` and the loaded databases are reused by the next run.

Whenever a ledger is used (new or reused), ``cvtracker db upgrade`` runs on it (a newer
checkout's migrations apply), then ``cvtracker db rebuild`` if this checkout has that command
and the ledger was not rebuilt at that revision yet (derived tables are right for data written
straight into the tables); with ``--check``, ``cvtracker db check`` too. None of this is timed.
``--prepare-only`` stops there.

Then, for each size and backend, each command runs ``--runs`` times (after one warm-up round)
on the loaded ledger and, in the same round, on an empty ledger with the same directive (the
baseline), one after the other, so that both see the same machine load. A command that runs
longer than ``--timeout`` seconds is killed and shown as "> N s"; its later rounds are skipped.
A command whose warm-up run on the loaded ledger takes longer than ``--slow`` seconds (60) is
measured by that run alone (``runs`` in the JSON; "(1 run)" in the table). A timed command's
address space is capped at ``--max-memory`` MB (8,000; 0: no cap), so that a
command at national size cannot take the shared machine's memory: past it, it fails and is
shown as "failed (exit N)".
Printed: the median wall and CPU seconds, the peak resident memory of the command (GNU time's
``%M``, else ``ru_maxrss`` from ``wait4``), the same for the empty ledger, and the cost over the
empty ledger (wall time difference, pair by pair). Import: the held-back rows imported into a
copy of the loaded ledger (made for the run, then removed, so the ledger does not grow from run
to run), beside a one-row import into the same copy: events/s over the whole command, and over
the difference (the rows' own cost, start-up left out).

Beside it, Taskwarrior (Debian's ``taskwarrior``; skipped when ``task`` is not on the PATH),
with a throwaway TASKDATA and TASKRC, lists 10,000 overdue tasks (``task overdue``) while
``cvtracker overdue --json`` (and the table) lists the same number of overdue occurrences
(a directive whose units have recorded nothing), side by side; the ratios are pair by pair.

Printed as Markdown: every figure; a summary (cost over the empty ledger and peak memory, one
column per size and backend); PostgreSQL / SQLite per command and size; the one-month report on
1M events against 100k; the Taskwarrior comparison. ``--json FILE`` writes them all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVE_968 = ROOT / "src" / "cvtracker" / "data" / "directive_968.yaml"

SIZES: dict[str, tuple[int, int]] = {
    # name: (units, events)
    "district": (29, 100_000),
    "province": (300, 1_000_000),
    "national": (3_000, 10_000_000),
}
FIRST_MONTH = (2022, 5)
LAST_MONTH = (2025, 6)
AS_OF = "2025-06-15"
REPORT_MONTH = "2025-05"
TASKS_PER_UNIT = 12
SEED = 968
BATCH = 100_000
RECORDED_AT = "2025-07-01 00:00:00.000000"  # SQLAlchemy's SQLite text for a DateTime
EARLIEST = dt.date(2022, 4, 28).toordinal()
# a cost over the empty ledger below this is start-up noise: no ratio is taken over it
NOISE = 0.05


def months() -> list[str]:
    (y, m), out = FIRST_MONTH, []
    while (y, m) <= LAST_MONTH:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --- the directive ---------------------------------------------------------------------------


def write_directive(units: int, path: Path, communes: int | None = None) -> dict[str, Any]:
    """The packaged directive with communes added up to ``units`` units (or ``communes``
    communes)."""
    data = yaml.safe_load(DIRECTIVE_968.read_text(encoding="utf-8"))
    extra = units - len(data["units"]) if communes is None else communes
    for n in range(1, extra + 1):
        data["units"].append(
            {
                "id": f"xa-{n:05d}",
                "name": f"UBND xã Thử nghiệm {n:05d}",
                "name_en": f"Test commune {n:05d}",
                "kind": "commune",
                "group": "xa-thi-tran",
                "one_stop": True,
                "named": False,
                "source": "synthetic (bench/scale.py)",
            }
        )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dict(data)


def occurrences(data: dict[str, Any], unit: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(item, period) of the directive's dated obligations for ``unit`` (our reading of 968)."""
    item6 = next(o for o in data["obligations"] if o["id"] == "6")["assignees"]["units"]
    out: list[tuple[str, str | None]] = [("2", None), ("3", None)]
    for period in months():
        out.append(("4", period))
        if unit.get("one_stop"):
            out.append(("5b", period))
        if unit["id"] in item6:
            out.append(("6", period))
    if unit["id"] == "noi-vu":
        out.append(("7", None))
    return out


def due_day(item: str, period: str | None) -> dt.date:
    if period is None:
        return dt.date(2022, 4, 29) if item in ("2", "3") else dt.date(2022, 5, 27)
    y, m = (int(x) for x in period.split("-"))
    if item == "6":
        return dt.date(y, m, 8)
    return dt.date(y, m, 27)


# --- the ledger ------------------------------------------------------------------------------

# an event as written into the table: unit, item, task_id, period, percent, done_on,
# recorded_by, recorded_at, directive
EventRow = tuple[str, str, int | None, str | None, float, str, str, str, str]


@dataclass
class Generated:
    directive: Path
    ledger: Path
    imported: Path
    one_row: Path
    units: list[str]
    events: int
    tasks: int
    held: int
    seconds: float = 0.0
    load_import: dict[str, float] = field(default_factory=dict)

    def url(self) -> str:
        return f"sqlite:///{self.ledger}"


def progress(rng: random.Random, k: int, due: int) -> Iterator[tuple[float, int]]:
    """k events (percent, day ordinal) with rising percents, ending at 100 on 85% of
    occurrences."""
    finish = 100.0 if rng.random() < 0.85 else float(rng.choice((50, 80, 89.5, 90)))
    end = due - rng.randint(0, 6)
    if rng.random() < 0.1:
        end += rng.randint(7, 40)  # a late one
    for i in range(k):
        yield round(finish * (i + 1) / k, 1), max(end - (k - 1 - i), EARLIEST)


def rows(
    data: dict[str, Any], target: int, rng: random.Random
) -> tuple[list[tuple[Any, ...]], Iterator[EventRow]]:
    """The tasks (as table rows, ids from 1), and a stream of about ``target`` events."""
    number = str(data["directive"]["number"])
    tasks: list[tuple[Any, ...]] = []
    plan: list[tuple[str, str, str | None, int | None, int]] = []
    for unit in data["units"]:
        for item, period in occurrences(data, unit):
            plan.append((unit["id"], item, period, None, due_day(item, period).toordinal()))
        for _ in range(TASKS_PER_UNIT):
            deadline = dt.date(2022, 6, 1) + dt.timedelta(days=rng.randint(0, 1090))
            task_id = len(tasks) + 1
            tasks.append(
                (
                    task_id,
                    unit["id"],
                    "3",
                    f"Nhiệm vụ {task_id} của kế hoạch",
                    f"Cán bộ {rng.randint(1, 4)}",
                    "before",
                    deadline.isoformat(),
                    "bench",
                    RECORDED_AT,
                    number,
                )
            )
            plan.append((unit["id"], "3", None, task_id, deadline.toordinal() - 1))
    per = target / len(plan)
    days: dict[int, str] = {}

    def day(ordinal: int) -> str:
        text = days.get(ordinal)
        if text is None:
            text = days[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def stream() -> Iterator[EventRow]:
        carry = 0.0
        for unit_id, item, period, task, due in plan:
            carry += per
            k = int(carry)
            carry -= k
            for percent, on in progress(rng, k, due):
                yield (unit_id, item, task, period, percent, day(on), "bench", RECORDED_AT, number)

    return tasks, stream()


def import_row(row: EventRow) -> str:
    """An event as a JSON Lines row for ``cvtracker import``."""
    unit, item, task, period, percent, on, by = row[:7]
    fields: dict[str, Any] = {"unit": unit, "item": f"T{task}" if task else item}
    fields.update({"period": period, "percent": percent, "on": on, "by": by})
    return json.dumps({k: v for k, v in fields.items() if v is not None})


def generate(
    size: str, units: int, events: int, work: Path, import_rows: int, env: dict[str, str]
) -> Generated:
    folder = work / size
    done = folder / "generated.json"
    if done.exists():
        meta = json.loads(done.read_text())
        paths = {k: Path(meta[k]) for k in ("directive", "ledger", "imported", "one_row")}
        gen = Generated(**{**meta, **paths})
        # the directive again from this checkout's packaged file (its format may have moved
        # on since), with the same communes
        before = gen.directive.read_bytes()
        communes = sum(1 for u in gen.units if u.startswith("xa-"))
        write_directive(len(gen.units), gen.directive, communes)
        if gen.directive.read_bytes() != before:
            print(f"  {size}: directive rewritten from {DIRECTIVE_968.name}", file=sys.stderr)
        return gen
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    directive = folder / "directive.yaml"
    data = write_directive(units, directive)
    ledger = folder / "ledger.db"
    cv_or_fail(["--db", f"sqlite:///{ledger}", "db", "upgrade"], env)
    rng = random.Random(SEED)
    tasks, stream = rows(data, events, rng)
    con = sqlite3.connect(ledger, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")  # for the load only; WAL again after
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -262144")
    # the events' indexes and triggers, dropped for the load and recreated as they were
    kept = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'events' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall()
    for kind, name, _ in kept:
        con.execute(f'DROP {kind.upper()} "{name}"')
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO tasks (id, unit, item, title, assignee, deadline_kind, deadline, "
        "created_by, created_at, directive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tasks,
    )
    insert = (
        "INSERT INTO events (unit, item, task_id, period, percent, done_on, recorded_by, "
        "recorded_at, directive) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    # hold back the last import_rows events for `cvtracker import`
    held: deque[EventRow] = deque()
    batch: list[EventRow] = []
    count = 0
    for row in stream:
        held.append(row)
        if len(held) > import_rows:
            batch.append(held.popleft())
            if len(batch) >= BATCH:
                con.executemany(insert, batch)
                count += len(batch)
                batch.clear()
                if count % 1_000_000 == 0:
                    print(f"  {size}: {count:,} events written", file=sys.stderr)
    con.executemany(insert, batch)
    count += len(batch)
    con.execute("COMMIT")
    for _, _, sql in kept:
        con.execute(sql)
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    imported = folder / "import.jsonl"
    one_row = folder / "import-one.jsonl"
    with imported.open("w", encoding="utf-8") as out:
        for row in held:
            out.write(import_row(row) + "\n")
    one_row.write_text(import_row(held[0]) + "\n", encoding="utf-8")
    gen = Generated(
        directive,
        ledger,
        imported,
        one_row,
        [u["id"] for u in data["units"]],
        count,
        len(tasks),
        len(held),
    )
    written = time.perf_counter() - started
    # the last rows of the load go through cvtracker import
    r = cv_or_fail(["--db", gen.url(), "--directive", str(directive), "import", str(imported)], env)
    gen.load_import = {"wall": r.wall}
    gen.seconds = time.perf_counter() - started
    print(
        f"  {size}: {units} units, {len(tasks)} tasks, {count:,} events written directly "
        f"({written:.0f} s), {len(held):,} imported ({r.wall:.0f} s)",
        file=sys.stderr,
    )
    meta = {k: str(v) if isinstance(v, Path) else v for k, v in gen.__dict__.items()}
    done.write_text(json.dumps(meta))
    return gen


CHECK = False  # --check: `cvtracker db check` on every loaded ledger before timing


def prepare(url: str, gen: Generated, state: Path, env: dict[str, str]) -> None:
    """``db upgrade``, then ``db rebuild`` where this checkout has it and the ledger was not
    rebuilt at its revision yet (``state`` remembers); with ``--check``, ``db check``. Not
    timed."""
    cv_or_fail(["--db", url, "db", "upgrade"], env)
    revision = alembic_revision(url)
    known = json.loads(state.read_text()) if state.exists() else {}
    if known.get("rebuilt_at") == revision:
        return
    if run([*cvtracker(), "db", "rebuild", "--help"], env).code == 0:
        started = time.perf_counter()
        cv_or_fail(["--db", url, "--directive", str(gen.directive), "db", "rebuild"], env)
        print(f"  db rebuild {safe(url)}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        known["rebuilt_at"] = revision
    known["revision"] = revision
    state.write_text(json.dumps(known))
    if CHECK and run([*cvtracker(), "db", "check", "--help"], env).code == 0:
        started = time.perf_counter()
        cv_or_fail(["--db", url, "--directive", str(gen.directive), "db", "check"], env)
        print(f"  db check {safe(url)}: {time.perf_counter() - started:.0f} s", file=sys.stderr)


def alembic_revision(url: str) -> str:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as con:
            return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(found[0]) if found else ""


def safe(url: str) -> str:
    return url.rsplit("/", 1)[-1]


# --- running ---------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int
    out: bytes
    timed_out: bool = False


TIME = Path("/usr/bin/time")


MEMORY_LIMIT_MB = 0  # --max-memory: the address space a timed command may take (0: no limit)


def _limit_memory() -> None:
    import resource

    if MEMORY_LIMIT_MB:
        size = MEMORY_LIMIT_MB * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (size, size))


def run(argv: list[str], env: dict[str, str], timeout: float | None = None) -> Run:
    """Wall seconds seen from here; CPU seconds and peak memory of the command alone.

    A child forked from this (large) process starts with this process's resident set, and Linux
    keeps that in its ``ru_maxrss`` across ``exec``: where GNU time is installed, it runs the
    command and reports the figures, so the peak is the command's own. Past ``timeout`` seconds
    the command (its whole process group) is killed and the run marked ``timed_out``."""
    with (
        tempfile.NamedTemporaryFile("r", suffix=".time") as figures,
        tempfile.TemporaryFile() as captured,
    ):
        timed = [str(TIME), "-f", "%e %U %S %M", "-o", figures.name] if TIME.exists() else []
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*timed, *argv],
            env=env,
            stdout=captured,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_limit_memory if timeout is not None and MEMORY_LIMIT_MB else None,
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return Run(time.perf_counter() - start, 0.0, 0.0, -9, b"", timed_out=True)
        wall = time.perf_counter() - start
        code = proc.returncode
        cpu = rss = 0.0
        if timed:
            last = figures.read().split()[-4:]  # after "Command exited with non-zero status"
            if len(last) == 4:
                cpu, rss = float(last[1]) + float(last[2]), int(last[3]) / 1024
        captured.seek(0)
        out = captured.read()
    return Run(wall, cpu, rss, code, out)


def cvtracker() -> list[str]:
    script = Path(sys.executable).with_name("cvtracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cvtracker"]


def cv_or_fail(args: list[str], env: dict[str, str]) -> Run:
    """A preparing (untimed) command: its failure stops the benchmark, with its stderr."""
    started = time.perf_counter()
    done = subprocess.run([*cvtracker(), *args], env=env, capture_output=True)
    if done.returncode != 0:
        error = done.stderr.decode(errors="replace").strip()[-2000:]
        raise SystemExit(f"cvtracker {' '.join(args)} exited {done.returncode}:\n{error}")
    return Run(time.perf_counter() - started, 0.0, 0.0, 0, done.stdout)


def env_for(home: Path) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env["CVTRACKER_HOME"] = str(home)
    env["CVTRACKER_LANG"] = "en"
    return env


def med(values: list[float]) -> float:
    return statistics.median(values)


def commands_for(unit: str) -> dict[str, list[str]]:
    return {
        "record": [
            "record",
            unit,
            "4",
            "--period",
            "2025-06",
            "--percent",
            "95",
            "--on",
            "2025-06-20",
            "--by",
            "bench",
        ],
        "status --unit": ["status", "--unit", unit, "--as-of", AS_OF],
        "status": ["status", "--as-of", AS_OF],
        "overdue --json": ["overdue", "--json", "--as-of", AS_OF],
        "report --month --format json": ["report", "--month", REPORT_MONTH, "--format", "json"],
        "eligibility": ["eligibility", "--year", "2024"],
    }


@dataclass
class Target:
    """Where one size is measured on one backend."""

    backend: str
    full: str  # the loaded ledger
    empty: str  # an empty ledger, the baseline
    scratch: Any  # () -> URL of a copy of the loaded ledger for the imports
    drop: Any  # (URL) -> None


def measure_size(
    size: str,
    gen: Generated,
    target: Target,
    env: dict[str, str],
    runs: int,
    timeout: float,
    only: set[str] | None,
    slow: float = 60.0,
) -> list[dict[str, Any]]:
    cv = [*cvtracker(), "--directive", str(gen.directive)]
    backend = target.backend
    results: list[dict[str, Any]] = []

    def ran(name: str, **figures: Any) -> None:
        results.append({"size": size, "backend": backend, "command": name, **figures})

    # import: the held-back rows, and one row, into a copy of the loaded ledger
    if only is None or "import" in only:
        scratch = target.scratch()
        try:
            many: list[Run] = []
            one: list[Run] = []
            for round_ in range(runs + 1):
                first = run([*cv, "--db", scratch, "import", str(gen.imported)], env, timeout)
                last = run([*cv, "--db", scratch, "import", str(gen.one_row)], env, timeout)
                if first.timed_out or first.code or last.code:
                    break
                if round_:
                    many.append(first)
                    one.append(last)
        finally:
            target.drop(scratch)
        name = f"import {gen.held:,} rows"
        if not many:
            failed = first.code or last.code
            ran(name, timeout=timeout if first.timed_out else None, error=failed)
        else:
            wall = med([r.wall for r in many])
            extra = med([a.wall - b.wall for a, b in zip(many, one, strict=True)])
            ran(
                name,
                wall=wall,
                cpu=med([r.cpu for r in many]),
                rss=max(r.rss_mb for r in many),
                empty_wall=med([r.wall for r in one]),
                over_empty=extra,
                empty_rss=max(r.rss_mb for r in one),
                rate=gen.held / wall,
                rate_rows=(gen.held - 1) / extra if extra > 0 else None,
            )
        print(f"  {size} ({backend}): import done", file=sys.stderr)

    commands = commands_for(gen.units[len(gen.units) // 2])
    if only:
        commands = {name: args for name, args in commands.items() if name in only}
    got: dict[str, dict[str, list[Run]]] = {c: {"full": [], "empty": []} for c in commands}
    stopped: dict[str, dict[str, Any]] = {}
    once: set[str] = set()  # slow: the warm-up is the one measured run
    for round_ in range(runs + 1):  # the first round warms up
        for name, args in commands.items():
            if name in stopped or name in once:
                continue
            pair = []
            for db in (target.full, target.empty):
                r = run([*cv, "--db", db, *args], env, timeout)
                if r.timed_out or r.code:
                    which = "empty" if db == target.empty else "full"
                    stopped[name] = {"timeout": timeout if r.timed_out else None, "on": which}
                    stopped[name]["error"] = None if r.timed_out else r.code
                    print(f"  {size} ({backend}) {name}: {stopped[name]}", file=sys.stderr)
                    break
                pair.append(r)
            if name in stopped:
                continue
            if round_ == 0 and pair[0].wall > slow:
                once.add(name)
            if round_ or name in once:
                got[name]["full"].append(pair[0])
                got[name]["empty"].append(pair[1])
        print(f"  {size} ({backend}): round {round_} done", file=sys.stderr)
    for name, both in got.items():
        full, base = both["full"], both["empty"]
        if name in stopped:
            ran(name, **stopped[name])
            continue
        ran(
            name,
            wall=med([r.wall for r in full]),
            cpu=med([r.cpu for r in full]),
            rss=max(r.rss_mb for r in full),
            empty_wall=med([r.wall for r in base]),
            over_empty=med([a.wall - b.wall for a, b in zip(full, base, strict=True)]),
            runs=len(full),
            empty_rss=max(r.rss_mb for r in base),
        )
    return results


def sqlite_target(size: str, gen: Generated, work: Path, env: dict[str, str]) -> Target:
    prepare(gen.url(), gen, work / size / "prepared-sqlite.json", env)
    empty = work / size / "empty.db"
    empty.unlink(missing_ok=True)  # made by this checkout
    cv_or_fail(["--db", f"sqlite:///{empty}", "db", "upgrade"], env)

    def scratch() -> str:
        with sqlite3.connect(gen.ledger) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        copy = work / size / "import-target.db"
        shutil.copyfile(gen.ledger, copy)
        return f"sqlite:///{copy}"

    def drop(url: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)

    return Target("sqlite", gen.url(), f"sqlite:///{empty}", scratch, drop)


# --- PostgreSQL ------------------------------------------------------------------------------


class PgServer:
    """A PostgreSQL server (initdb, pg_ctl) on a free port, as the tests start one; with
    ``keep``, an existing data directory under ``folder`` is started again, not replaced."""

    def __init__(self, folder: Path, keep: bool) -> None:
        import glob
        import pwd
        import socket

        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
        initdb = shutil.which("initdb") or (found[0] if found else None)
        if initdb is None:
            raise SystemExit("postgresql: no initdb (apt-get install postgresql)")
        self.bindir = Path(initdb).parent
        self.folder = folder
        self.data = folder / "data"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
        reuse = keep and (self.data / "PG_VERSION").exists()
        if reuse and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        if not reuse:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            if os.geteuid() == 0:
                owner = pwd.getpwnam("postgres")
                os.chown(folder, owner.pw_uid, owner.pw_gid)
            self._run("initdb", "-D", str(self.data), "-U", "bench", "--auth=trust", "-E",
                      "UTF8", "--locale=C", "--no-sync")  # fmt: skip
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={folder} -c fsync=off -c full_page_writes=off "
            "-c max_wal_size=4GB -c shared_buffers=256MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(folder / "server.log"), "-o",
                  options, "-w", "-t", "120", "start")  # fmt: skip

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        argv = [*self.prefix, str(self.bindir / tool), *args]
        subprocess.run(argv, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def admin(self, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="bench", dbname="postgres", autocommit=True
        ) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def exists(self, name: str) -> bool:
        return bool(self.admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://bench@127.0.0.1:{self.port}/{name}"

    def database(self, name: str, template: str | None = None) -> str:
        self.admin(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def pg_load(size: str, gen: Generated, pg: PgServer, env: dict[str, str]) -> str:
    """The loaded ledger on the server: made once (``--keep-pg`` keeps it), reused after."""
    name = f"bench_{size}"
    marker = pg.folder / f"loaded-{size}.json"
    if marker.exists() and pg.exists(name):
        return pg.url(name)
    marker.unlink(missing_ok=True)
    started = time.perf_counter()
    url = pg.database(name)
    cv_or_fail(["--db", url, "db", "upgrade"], env)
    copy_into(gen, url)
    copied = time.perf_counter() - started
    r = cv_or_fail(
        ["--db", url, "--directive", str(gen.directive), "import", str(gen.imported)], env
    )
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.autocommit = True
        conn.execute("ANALYZE")
    seconds = time.perf_counter() - started
    print(
        f"  {size}: PostgreSQL loaded ({copied:.0f} s COPY, {seconds:.0f} s in all)",
        file=sys.stderr,
    )
    marker.write_text(json.dumps({"copy": copied, "seconds": seconds, "load_import": r.wall}))
    return url


def copy_into(gen: Generated, url: str) -> None:
    """The SQLite ledger's tasks and directly written events into ``url`` (a new ledger) with
    ``COPY``; the events' indexes dropped for the load and recreated as the migrations wrote
    them; the sequences set after the explicit ids."""
    import psycopg

    source = sqlite3.connect(gen.ledger)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute("SET TIME ZONE 'UTC'")
        conn.execute("SET maintenance_work_mem = '1GB'")
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        ).fetchall()
        for index, _ in indexes:
            conn.execute(f'DROP INDEX "{index}"')
        for table, where in (("tasks", ""), ("events", f" WHERE id <= {gen.events}")):
            theirs = {
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                    (table,),
                )
            }
            columns = [
                c[1] for c in source.execute(f"PRAGMA table_info({table})") if c[1] in theirs
            ]
            listed = ", ".join(columns)
            cur = source.execute(f"SELECT {listed} FROM {table}{where} ORDER BY id")
            with conn.cursor().copy(f"COPY {table} ({listed}) FROM STDIN") as copy:
                while batch := cur.fetchmany(BATCH):
                    for row in batch:
                        copy.write_row(row)
        for _, sql in indexes:
            conn.execute(sql)
        for table in ("tasks", "events"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    source.close()


def pg_target(size: str, gen: Generated, pg: PgServer, env: dict[str, str]) -> Target:
    full = pg_load(size, gen, pg, env)
    prepare(full, gen, pg.folder / f"prepared-{size}.json", env)
    empty = pg.database(f"bench_{size}_empty")
    cv_or_fail(["--db", empty, "db", "upgrade"], env)

    def scratch() -> str:
        return pg.database(f"bench_{size}_import", template=f"bench_{size}")

    def drop(url: str) -> None:
        pg.admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[-1]}"')

    return Target("postgresql", full, empty, scratch, drop)


# --- Taskwarrior -----------------------------------------------------------------------------


def taskwarrior(
    work: Path, runs: int, timeout: float, target: int = 10_000
) -> list[dict[str, Any]]:
    task = shutil.which("task")
    if task is None:
        print("  task (taskwarrior) not on the PATH: skipped", file=sys.stderr)
        return []
    folder = work / "overdue"
    folder.mkdir(parents=True, exist_ok=True)
    cv = cvtracker()
    env = env_for(folder / "home")
    # a directive whose communes have recorded nothing: everything due is overdue
    directive = folder / "directive.yaml"
    empty = folder / "empty.db"
    empty.unlink(missing_ok=True)  # made by this checkout
    cv_or_fail(["--db", f"sqlite:///{empty}", "db", "upgrade"], env)
    overdue = [
        *cv,
        "--db",
        str(empty),
        "--directive",
        str(directive),
        "overdue",
        "--as-of",
        "2025-07-01",
    ]

    def listed(units: int) -> int | None:
        """How many occurrences ``overdue --json`` lists with ``units`` units."""
        write_directive(units, directive)
        probe = run([*overdue, "--json"], env, timeout)
        if probe.code or probe.timed_out:
            print(f"  overdue --json exited {probe.code}: Taskwarrior skipped", file=sys.stderr)
            return None
        return len(json.loads(probe.out))

    # as close to ``target`` rows as whole communes allow: the packaged units' count, and
    # what 100 communes add
    base, more = listed(29), listed(129)
    if base is None or more is None:
        return []
    units = 29 + max(0, round((target - base) / ((more - base) / 100)))
    count = listed(units)
    if count is None:
        return []

    data = folder / "taskdata"
    rc = folder / "taskrc"
    tenv = {**os.environ, "TASKDATA": str(data), "TASKRC": str(rc)}
    if not (data / "pending.data").exists() or _task_count(data) != count:
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir()
        rc.write_text(f"data.location={data}\nconfirmation=off\nhooks=off\nnews.version=2.6.2\n")
        entry = "20220427T000000Z"
        tasks = [
            {
                "uuid": str(uuid.UUID(int=n + 1)),
                "description": f"Báo cáo kỳ {n} của đơn vị {n % 300}",
                "status": "pending",
                "entry": entry,
                "due": (dt.date(2022, 5, 1) + dt.timedelta(days=n % 1100)).strftime(
                    "%Y%m%dT000000Z"
                ),
                "project": f"unit{n % 300}",
            }
            for n in range(count)
        ]
        (folder / "tasks.json").write_text(json.dumps(tasks))
        subprocess.run(
            [task, "rc.verbose=nothing", "import", str(folder / "tasks.json")],
            env=tenv,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    tw = [task, "rc.gc=off", "rc.defaultwidth=160", "overdue"]
    got: dict[str, list[Run]] = {"task overdue": [], "overdue --json": [], "overdue (table)": []}
    for round_ in range(runs + 1):
        a = run(tw, tenv, timeout)
        b = run([*overdue, "--json"], env, timeout)
        c = run(overdue, env, timeout)
        if a.timed_out or b.timed_out or c.timed_out:
            print("  Taskwarrior comparison: a command timed out", file=sys.stderr)
            return []
        if round_:
            got["task overdue"].append(a)
            got["overdue --json"].append(b)
            got["overdue (table)"].append(c)
    lines = got["task overdue"][0].out.decode(errors="replace").count("\n")
    out = []
    for name, rs in got.items():
        theirs = got["task overdue"]
        out.append(
            {
                "command": name,
                "rows": count,
                "wall": med([r.wall for r in rs]),
                "cpu": med([r.cpu for r in rs]),
                "rss": max(r.rss_mb for r in rs),
                "ratio": med([r.wall / b.wall for r, b in zip(rs, theirs, strict=True)]),
                "task_lines": lines,
            }
        )
    return out


def _obligations() -> list[dict[str, Any]]:
    data = yaml.safe_load(DIRECTIVE_968.read_text(encoding="utf-8"))
    obligations: list[dict[str, Any]] = data["obligations"]
    return obligations


def _task_count(data: Path) -> int:
    with (data / "pending.data").open(encoding="utf-8") as f:
        return sum(1 for _ in f)


# --- the tables ------------------------------------------------------------------------------


def seconds(r: dict[str, Any], key: str = "wall") -> str:
    if key == "wall" and r.get("timeout"):
        return f"> {r['timeout']:g} s" + (" (empty ledger)" if r.get("on") == "empty" else "")
    if key == "wall" and r.get("error"):
        return f"failed (exit {r['error']})" + (" (empty ledger)" if r.get("on") == "empty" else "")
    value = r.get(key)
    return "–" if value is None else f"{value:.2f}"


def megabytes(r: dict[str, Any], key: str = "rss") -> str:
    value = r.get(key)
    return "–" if value is None else f"{value:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b <= 0:
        return "–"
    return f"{a / b:.2f}×"


def ratios(results: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """PostgreSQL / SQLite per command and size; the one-month report on 1M events (and 10M)
    against 100k, per backend."""
    by = {(r["size"], r["backend"], r["command"]): r for r in results}
    pg_sqlite = []
    for (size, backend, command), r in by.items():
        other = by.get((size, "sqlite", command))
        if backend != "postgresql" or other is None:
            continue
        pg_sqlite.append(
            {
                "size": size,
                "command": command,
                "wall": _div(r.get("wall"), other.get("wall")),
                "over_empty": _div(r.get("over_empty"), other.get("over_empty"), NOISE),
            }
        )
    report = []
    name = "report --month --format json"
    for backend in ("sqlite", "postgresql"):
        base = by.get(("district", backend, name))
        for size in ("province", "national"):
            found = by.get((size, backend, name))
            if base is None or found is None:
                continue
            r = found
            report.append(
                {
                    "backend": backend,
                    "sizes": f"{size} / district",
                    "wall": _div(r.get("wall"), base.get("wall")),
                    "over_empty": _div(r.get("over_empty"), base.get("over_empty"), NOISE),
                }
            )
    return {"postgresql_over_sqlite": pg_sqlite, "report_month_by_size": report}


def _div(a: float | None, b: float | None, floor: float = 0.0) -> float | None:
    """a / b; none when b is at or below ``floor`` (a cost the machine's noise hides)."""
    return None if a is None or b is None or b <= max(floor, 0.0) else a / b


def times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def print_tables(
    results: list[dict[str, Any]], tw: list[dict[str, Any]], loads: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    if loads:
        print("\n| size | units | events | tasks | generated and loaded (SQLite) s | ledger MB |")
        print("|---|---|---|---|---|---|")
        for g in loads:
            print(
                f"| {g['size']} | {g['units']:,} | {g['events']:,} | {g['tasks']:,} "
                f"| {g['seconds']:.0f} | {g['mb']:,.0f} |"
            )
    print(
        "\n| size | backend | command | wall s (median) | CPU s | peak MB | empty ledger wall s "
        "| cost over empty s | empty peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        over = seconds(r, "over_empty")
        if r.get("rate"):
            rows = f", {r['rate_rows']:,.0f} ev/s over one row" if r.get("rate_rows") else ""
            over = f"{over} (**{r['rate']:,.0f} events/s**{rows})"
        once = " (1 run)" if r.get("runs") == 1 else ""
        print(
            f"| {r['size']} | {r['backend']} | {r['command']} | {seconds(r)}{once} "
            f"| {seconds(r, 'cpu')} | {megabytes(r)} | {seconds(r, 'empty_wall')} | {over} "
            f"| {megabytes(r, 'empty_rss')} |"
        )
    # one column per size and backend: cost over the empty ledger, peak memory
    columns = sorted(
        {(r["size"], r["backend"]) for r in results},
        key=lambda c: (list(SIZES).index(c[0]), c[1] != "sqlite"),
    )
    names = list(dict.fromkeys(r["command"] for r in results))
    by = {(r["size"], r["backend"], r["command"]): r for r in results}
    if columns:
        print("\nCost over the empty ledger (s), peak MB; import: events/s:\n")
        print("| command | " + " | ".join(f"{s} {b}" for s, b in columns) + " |")
        print("|---|" + "---|" * len(columns))
        for name in names:
            cells = []
            for s, b in columns:
                found = next(
                    (v for (s2, b2, c), v in by.items() if (s2, b2) == (s, b) and
                     c.split()[0] == name.split()[0] and (c == name or c.startswith("import"))),
                    None,
                )  # fmt: skip
                if found is None:
                    cells.append("–")
                elif found.get("rate"):
                    cells.append(f"{found['rate']:,.0f}/s")
                elif found.get("over_empty") is None:
                    cells.append(seconds(found))
                else:
                    cells.append(f"{found['over_empty']:.2f} s, {found['rss']:.0f} MB")
            label = "import" if name.startswith("import") else name
            print(f"| {label} | " + " | ".join(cells) + " |")
    got = ratios(results)
    if got["postgresql_over_sqlite"]:
        print(f"\nPostgreSQL / SQLite (–: SQLite's cost over empty ≤ {NOISE} s, noise):\n")
        print("| size | command | wall | cost over empty |")
        print("|---|---|---|---|")
        for r in got["postgresql_over_sqlite"]:
            print(
                f"| {r['size']} | {r['command']} | {times(r['wall'])} | {times(r['over_empty'])} |"
            )
    if got["report_month_by_size"]:
        print(
            "\nOne-month report (`report --month --format json`) against the district's "
            f"(–: the district's cost over empty ≤ {NOISE} s):\n"
        )
        print("| backend | sizes | wall | cost over empty |")
        print("|---|---|---|---|")
        for r in got["report_month_by_size"]:
            print(
                f"| {r['backend']} | {r['sizes']} | {times(r['wall'])} | {times(r['over_empty'])} |"
            )
    if tw:
        print(f"\nTaskwarrior beside cvtracker, {tw[0]['rows']:,} overdue rows each:\n")
        print("| command | wall s (median) | CPU s | peak MB | ratio to `task overdue` |")
        print("|---|---|---|---|---|")
        for r in tw:
            print(
                f"| {r['command']} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss']:.0f} "
                f"| {r['ratio']:.1f}× |"
            )
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="district,province")
    parser.add_argument("--backends", default="sqlite", help="sqlite, postgresql or both")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a command is killed"
    )
    parser.add_argument(
        "--slow",
        type=float,
        default=60,
        help="a command whose warm-up takes longer (seconds) is measured once, by the warm-up",
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/cvtracker-bench"))
    parser.add_argument(
        "--keep-pg",
        action="store_true",
        help="keep the PostgreSQL data directory under --work/pg and reuse its ledgers",
    )
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument(
        "--max-memory",
        type=int,
        default=8_000,
        help="MB of address space a timed command may take (0: no limit); past it, it fails",
    )
    parser.add_argument("--no-taskwarrior", action="store_true")
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="generate, load, upgrade and rebuild the ledgers; time nothing",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="run `cvtracker db check` (where the checkout has it) on each ledger before timing",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--commands", help='only these, comma-separated (e.g. "record,status --unit,import")'
    )
    # kept for older command lines
    parser.add_argument("--national", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--postgres", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = set(args.commands.split(",")) if args.commands else None
    backends = set(args.backends.split(",")) | ({"postgresql"} if args.postgres else set())
    sizes = [s for s in args.sizes.split(",") if s]
    if args.national and "national" not in sizes:
        sizes.append("national")
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise SystemExit(f"unknown sizes: {', '.join(sorted(unknown))}")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    loads: list[dict[str, Any]] = []
    tw: list[dict[str, Any]] = []
    pg: PgServer | None = None
    global MEMORY_LIMIT_MB, CHECK
    MEMORY_LIMIT_MB = args.max_memory
    CHECK = args.check
    try:
        # every ledger ready (generated, loaded, upgraded, rebuilt) before anything is timed
        ready: list[tuple[str, Generated, dict[str, str], Target]] = []
        for size in sizes:
            units, events = SIZES[size]
            env = env_for(work / size / "home")
            gen = generate(size, units, events, work, args.import_rows, env)
            env = env_for(work / size / "home")  # the folder is new when generated
            mb = (
                sum(p.stat().st_size for p in gen.ledger.parent.glob(gen.ledger.name + "*")) / 2**20
            )
            loads.append(
                {"size": size, "units": len(gen.units), "events": gen.events + gen.held,
                 "tasks": gen.tasks, "seconds": gen.seconds, "mb": mb}
            )  # fmt: skip
            if "sqlite" in backends:
                ready.append((size, gen, env, sqlite_target(size, gen, work, env)))
            if "postgresql" in backends:
                pg = pg or PgServer(work / "pg", args.keep_pg)
                ready.append((size, gen, env, pg_target(size, gen, pg, env)))
        if not args.prepare_only:
            if not args.no_taskwarrior:
                tw = taskwarrior(work, args.runs, args.timeout)
            for size, gen, env, target in ready:
                results += measure_size(
                    size, gen, target, env, args.runs, args.timeout, only, args.slow
                )
    finally:
        if pg is not None:
            pg.stop()
    got = print_tables(results, tw, loads)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"sizes": results, "taskwarrior": tw, "ratios": got, "ledgers": loads},
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
