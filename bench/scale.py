"""Cost of cvtracker's data commands as the ledger grows, beside Taskwarrior (issue 8).

    python bench/scale.py [--sizes district,province] [--national] [--runs 3] [--work DIR]
                          [--postgres] [--backends sqlite,postgresql]
                          [--import-rows N] [--no-taskwarrior] [--commands "record,status --unit"]
                          [--json FILE]

For each size a synthetic directive and ledger are generated under ``--work`` (default
/tmp/cvtracker-bench; reused when already there):

- **district**: the packaged directive 968 (29 units), ~100k events over its four years;
- **province**: the directive with communes added to 300 units, ~1M events;
- **national** (only with ``--national``): 3,000 units, ~10M events (slow: hours on 2 cores
  with today's code, and several GB of memory per command).

Events are progress reports on every occurrence the directive schedules for a unit (items 2, 3,
the monthly 4, 5b, 6 and 7, May 2022 to June 2025) and on plan tasks (item 3, a few per unit),
with percents rising to 100 on most and stopping short on some (so there are late, overdue and
barred rows). The tasks and all but the last ``--import-rows`` events are written straight into
a ledger created by cvtracker (same tables, same migrations); the last ``--import-rows`` events
go through ``cvtracker import`` into that full ledger, which gives import events/s at that size.

Then, for each size, each command runs ``--runs`` times on the loaded ledger and, in the same
round, on an empty ledger with the same directive (the baseline), one after the other, so that
both see the same machine load. Printed: the median wall and CPU seconds, the peak resident
memory of the command (GNU time's ``%M``, else ``ru_maxrss`` from ``wait4``), the same for the
empty ledger, and the cost over the empty ledger (wall time difference).

With ``--postgres``, the same on a throwaway PostgreSQL server (initdb and pg_ctl as the tests
start one; ``apt-get install postgresql``): the SQLite ledger's tasks and directly written events
are copied into a new database, the held-back events go through ``cvtracker import`` into it, and
each command runs against it beside an empty PostgreSQL ledger (``--backends postgresql`` for
PostgreSQL alone).

Beside it, Taskwarrior (Debian's ``taskwarrior``; skipped when ``task`` is not on the PATH),
with a throwaway TASKDATA and TASKRC, lists 10,000 overdue tasks (``task overdue``) while
``cvtracker overdue --json`` (and the table) lists the same number of overdue occurrences
(a directive whose units have recorded nothing), side by side; the ratios are pair by pair.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
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


def months() -> list[str]:
    (y, m), out = FIRST_MONTH, []
    while (y, m) <= LAST_MONTH:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --- the directive ---------------------------------------------------------------------------


def write_directive(units: int, path: Path) -> dict[str, Any]:
    """The packaged directive with communes added up to ``units`` units."""
    data = yaml.safe_load(DIRECTIVE_968.read_text(encoding="utf-8"))
    extra = units - len(data["units"])
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
    return data


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


@dataclass
class Generated:
    directive: Path
    ledger: Path
    imported: Path
    units: list[str]
    events: int
    tasks: int


def progress(rng: random.Random, k: int, due: dt.date) -> list[tuple[float, dt.date]]:
    """k events with rising percents, ending at 100 on 85% of occurrences."""
    finish = 100.0 if rng.random() < 0.85 else float(rng.choice((50, 80, 89.5, 90)))
    end = due - dt.timedelta(days=rng.randint(0, 6))
    if rng.random() < 0.1:
        end += dt.timedelta(days=rng.randint(7, 40))  # a late one
    out = []
    for i in range(k):
        percent = round(finish * (i + 1) / k, 1)
        on = max(end - dt.timedelta(days=k - 1 - i), dt.date(2022, 4, 28))
        out.append((percent, on))
    return out


def rows(
    data: dict[str, Any], target: int, rng: random.Random
) -> tuple[list[dict[str, Any]], Iterator[dict[str, Any]]]:
    """The tasks, and a stream of events (as import rows) of about ``target`` events."""
    tasks: list[dict[str, Any]] = []
    plan: list[tuple[str, str, str | None, int | None, dt.date]] = []
    for unit in data["units"]:
        for item, period in occurrences(data, unit):
            plan.append((unit["id"], item, period, None, due_day(item, period)))
        for _ in range(TASKS_PER_UNIT):
            deadline = dt.date(2022, 6, 1) + dt.timedelta(days=rng.randint(0, 1090))
            tasks.append(
                {
                    "unit": unit["id"],
                    "item": "3",
                    "title": f"Nhiệm vụ {len(tasks) + 1} của kế hoạch",
                    "assignee": f"Cán bộ {rng.randint(1, 4)}",
                    "deadline_kind": "before",
                    "deadline": deadline,
                    "created_by": "bench",
                }
            )
            plan.append((unit["id"], "3", None, len(tasks), deadline - dt.timedelta(days=1)))
    per = target / len(plan)

    def stream() -> Iterator[dict[str, Any]]:
        carry = 0.0
        for unit_id, item, period, task, due in plan:
            carry += per
            k = int(carry)
            carry -= k
            for percent, on in progress(rng, k, due):
                yield {
                    "unit": unit_id,
                    "item": f"T{task}" if task else item,
                    "period": period,
                    "percent": percent,
                    "on": on.isoformat(),
                    "by": "bench",
                }

    return tasks, stream()


def generate(size: str, units: int, events: int, work: Path, import_rows: int) -> Generated:
    from sqlalchemy import insert

    from cvtracker.ledger import events_table, open_ledger, tasks_table

    folder = work / size
    done = folder / "generated.json"
    if done.exists():
        meta = json.loads(done.read_text())
        return Generated(
            **{**meta, **{k: Path(meta[k]) for k in ("directive", "ledger", "imported")}}
        )
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    directive = folder / "directive.yaml"
    data = write_directive(units, directive)
    ledger = folder / "ledger.db"
    rng = random.Random(SEED)
    tasks, stream = rows(data, events, rng)
    started = time.perf_counter()
    lg = open_ledger(f"sqlite:///{ledger}")
    at = dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc)
    with lg.writing() as conn:
        conn.execute(insert(tasks_table), [{**t, "created_at": at} for t in tasks])
    # hold back the last import_rows events for `cvtracker import`
    held: deque[dict[str, Any]] = deque()
    batch: list[dict[str, Any]] = []
    count = 0

    def flush() -> None:
        with lg.writing() as conn:
            conn.execute(insert(events_table), batch)
        batch.clear()

    for row in stream:
        held.append(row)
        if len(held) > import_rows:
            batch.append(_stored(held.popleft(), at))
            count += 1
            if len(batch) >= 50_000:
                flush()
    if batch:
        flush()
    lg.engine.dispose()
    imported = folder / "import.jsonl"
    with imported.open("w", encoding="utf-8") as out:
        for r in held:
            out.write(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n")
    print(
        f"  {size}: {units} units, {len(tasks)} tasks, {count} events written directly, "
        f"{len(held)} held for import ({time.perf_counter() - started:.0f} s)",
        file=sys.stderr,
    )
    gen = Generated(
        directive, ledger, imported, [u["id"] for u in data["units"]], count, len(tasks)
    )
    meta = {k: str(v) if isinstance(v, Path) else v for k, v in gen.__dict__.items()}
    done.write_text(json.dumps(meta))
    return gen


def _stored(row: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
    item = row["item"]
    task = int(item[1:]) if item.startswith("T") else None
    return {
        "unit": row["unit"],
        "item": "3" if task else item,
        "task_id": task,
        "period": row["period"],
        "percent": row["percent"],
        "done_on": dt.date.fromisoformat(row["on"]),
        "recorded_by": row["by"],
        "recorded_at": at,
    }


# --- running ---------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int
    out: bytes


TIME = Path("/usr/bin/time")


def run(argv: list[str], env: dict[str, str]) -> Run:
    """Wall seconds seen from here; CPU seconds and peak memory of the command alone.

    A child forked from this (large) process starts with this process's resident set, and Linux
    keeps that in its ``ru_maxrss`` across ``exec``: where GNU time is installed, it runs the
    command and reports the figures, so the peak is the command's own."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as figures:
        timed = [str(TIME), "-f", "%e %U %S %M", "-o", figures.name] if TIME.exists() else []
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*timed, *argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        out = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        cpu, rss = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
        if timed:
            last = figures.read().split()[-4:]  # after "Command exited with non-zero status"
            cpu, rss = float(last[1]) + float(last[2]), int(last[3]) / 1024
    return Run(wall, cpu, rss, code, out)


def cvtracker() -> list[str]:
    script = Path(sys.executable).with_name("cvtracker")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cvtracker"]


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CVTRACKER_")}
    env["CVTRACKER_HOME"] = str(home)
    env["CVTRACKER_LANG"] = "en"
    return env


def med(values: list[float]) -> float:
    return statistics.median(values)


def measure_size(
    size: str,
    gen: Generated,
    work: Path,
    runs: int,
    only: set[str] | None = None,
    pg: PgServer | None = None,
) -> list[dict[str, Any]]:
    cv = cvtracker()
    home = work / size / "home"
    home.mkdir(exist_ok=True)
    env = env_for(home)
    from cvtracker.ledger import open_ledger

    backend = "sqlite"
    full, empty = str(gen.ledger), str(work / size / "empty.db")
    marker = work / size / "imported"
    if pg is not None:
        backend = "postgresql"
        full, empty = pg.database(f"bench_{size}"), pg.database(f"bench_{size}_empty")
        marker = work / size / "imported-pg"
        copy_to(gen, full)
    if pg is not None or not Path(empty).exists():
        open_ledger(empty if pg else f"sqlite:///{empty}").engine.dispose()
    unit = gen.units[len(gen.units) // 2]
    results: list[dict[str, Any]] = []

    # import: the held-back events into the full ledger, once (it is the load)
    imported_lines = sum(1 for _ in gen.imported.open(encoding="utf-8"))
    if not marker.exists():
        r = run(
            [
                *cv,
                "--db",
                full,
                "--directive",
                str(gen.directive),
                "import",
                str(gen.imported),
            ],
            env,
        )
        if r.code != 0:
            raise SystemExit(f"import into {full} failed ({r.code})")
        marker.write_text(json.dumps({"wall": r.wall, "cpu": r.cpu, "rss": r.rss_mb}))
    imp = json.loads(marker.read_text())
    results.append(
        {
            "size": size,
            "backend": backend,
            "command": f"import {imported_lines} rows",
            "wall": imp["wall"],
            "cpu": imp["cpu"],
            "rss": imp["rss"],
            "empty_wall": None,
            "rate": imported_lines / imp["wall"],
        }
    )

    commands = {
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
    if only:
        commands = {name: args for name, args in commands.items() if name in only}
    got: dict[str, dict[str, list[Run]]] = {c: {"full": [], "empty": []} for c in commands}
    for round_ in range(runs + 1):  # the first round warms up
        for name, args in commands.items():
            for which, db in (("full", full), ("empty", empty)):
                r = run([*cv, "--db", db, "--directive", str(gen.directive), *args], env)
                if r.code != 0:
                    raise SystemExit(f"{name} on {db} exited {r.code}")
                if round_:
                    got[name][which].append(r)
        print(f"  {size} ({backend}): round {round_} done", file=sys.stderr)
    for name, pair in got.items():
        ran, base = pair["full"], pair["empty"]
        results.append(
            {
                "size": size,
                "backend": backend,
                "command": name,
                "wall": med([r.wall for r in ran]),
                "cpu": med([r.cpu for r in ran]),
                "rss": max(r.rss_mb for r in ran),
                "empty_wall": med([r.wall for r in base]),
                "over_empty": med([a.wall - b.wall for a, b in zip(ran, base, strict=True)]),
                "empty_rss": max(r.rss_mb for r in base),
            }
        )
    return results


# --- PostgreSQL ------------------------------------------------------------------------------


class PgServer:
    """A throwaway PostgreSQL server (initdb, pg_ctl) on a free port, as the tests start one."""

    def __init__(self, folder: Path) -> None:
        import glob
        import pwd
        import socket

        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
        initdb = shutil.which("initdb") or (found[0] if found else None)
        if initdb is None:
            raise SystemExit("--postgres: no initdb (apt-get install postgresql)")
        self.bindir = Path(initdb).parent
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.data = folder / "data"
        self._run("initdb", "-D", str(self.data), "-U", "bench", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={folder} -c fsync=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(folder / "server.log"), "-o",
                  options, "-w", "-t", "60", "start")  # fmt: skip

    def _run(self, tool: str, *args: str) -> None:
        argv = [*self.prefix, str(self.bindir / tool), *args]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="bench", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://bench@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def copy_to(gen: Generated, url: str) -> None:
    """The generated tasks and the directly written events of the SQLite ledger, into ``url``."""
    from sqlalchemy import create_engine, insert, select

    from cvtracker.ledger import events_table, open_ledger, tasks_table

    source = create_engine(f"sqlite:///{gen.ledger}")
    target = open_ledger(url)
    started = time.perf_counter()
    with source.connect() as src, target.writing() as conn:
        tasks = [dict(r._mapping) for r in src.execute(select(tasks_table))]
        conn.execute(insert(tasks_table), tasks)
        rows = src.execute(
            select(events_table).where(events_table.c.id <= gen.events).order_by(events_table.c.id)
        )
        while batch := rows.fetchmany(50_000):
            conn.execute(insert(events_table), [dict(r._mapping) for r in batch])
    # the sequences after explicit ids
    with target.writing() as conn:
        for table in ("tasks", "events"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
    target.engine.dispose()
    source.dispose()
    print(f"  copied to PostgreSQL ({time.perf_counter() - started:.0f} s)", file=sys.stderr)


# --- Taskwarrior -----------------------------------------------------------------------------


def taskwarrior(work: Path, runs: int, target: int = 10_000) -> list[dict[str, Any]]:
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
    per_commune = len(occurrences({"obligations": _obligations()}, {"id": "x", "one_stop": 1}))
    units = 29 + target // per_commune
    write_directive(units, directive)
    if not empty.exists():
        from cvtracker.ledger import open_ledger

        open_ledger(f"sqlite:///{empty}").engine.dispose()
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
    probe = run([*overdue, "--json"], env)
    count = len(json.loads(probe.out))

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
        a = run(tw, tenv)
        b = run([*overdue, "--json"], env)
        c = run(overdue, env)
        if round_:
            got["task overdue"].append(a)
            got["overdue --json"].append(b)
            got["overdue (table)"].append(c)
    lines = got["task overdue"][0].out.decode(errors="replace").count("\n")
    out = []
    for name, rs in got.items():
        base = got["task overdue"]
        out.append(
            {
                "command": name,
                "rows": count,
                "wall": med([r.wall for r in rs]),
                "cpu": med([r.cpu for r in rs]),
                "rss": max(r.rss_mb for r in rs),
                "ratio": med([r.wall / b.wall for r, b in zip(rs, base, strict=True)]),
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


# --- the table -------------------------------------------------------------------------------


def print_tables(results: list[dict[str, Any]], tw: list[dict[str, Any]]) -> None:
    print(
        "\n| size | backend | command | wall s (median) | CPU s | peak MB | empty ledger wall s "
        "| cost over empty s | empty peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if "rate" in r:
            print(
                f"| {r['size']} | {r.get('backend', 'sqlite')} | {r['command']} "
                f"| {r['wall']:.2f} | {r['cpu']:.2f} "
                f"| {r['rss']:.0f} | – | **{r['rate']:,.0f} events/s** | – |"
            )
        else:
            print(
                f"| {r['size']} | {r.get('backend', 'sqlite')} | {r['command']} "
                f"| {r['wall']:.2f} | {r['cpu']:.2f} "
                f"| {r['rss']:.0f} | {r['empty_wall']:.2f} | {r['over_empty']:.2f} "
                f"| {r['empty_rss']:.0f} |"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="district,province")
    parser.add_argument("--national", action="store_true", help="add the national size")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cvtracker-bench"))
    parser.add_argument("--import-rows", type=int, default=5_000)
    parser.add_argument("--no-taskwarrior", action="store_true")
    parser.add_argument(
        "--postgres", action="store_true", help="also on a throwaway PostgreSQL server"
    )
    parser.add_argument("--backends", default="sqlite", help="sqlite, postgresql or both")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--commands", help='only these, comma-separated (e.g. "record,status --unit")'
    )
    args = parser.parse_args()
    only = set(args.commands.split(",")) if args.commands else None
    backends = set(args.backends.split(",")) | ({"postgresql"} if args.postgres else set())
    sizes = [s for s in args.sizes.split(",") if s]
    if args.national and "national" not in sizes:
        sizes.append("national")
    args.work.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    tw: list[dict[str, Any]] = []
    pg: PgServer | None = None
    if not args.no_taskwarrior:
        tw = taskwarrior(args.work, args.runs)
    for size in sizes:
        units, events = SIZES[size]
        gen = generate(size, units, events, args.work, args.import_rows)
        if "sqlite" in backends:
            results += measure_size(size, gen, args.work, args.runs, only)
        if "postgresql" in backends:
            pg = pg or PgServer(args.work / "pg")
            results += measure_size(size, gen, args.work, args.runs, only, pg)
    if pg is not None:
        pg.stop()
    print_tables(results, tw)
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, "taskwarrior": tw}, indent=1))


if __name__ == "__main__":
    main()
