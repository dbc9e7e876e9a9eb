"""The ledger on a real PostgreSQL server, started for this session on 127.0.0.1 and thrown away.

The server is made with initdb and pg_ctl in a temporary folder, on a free port, with trust
authentication on the loopback interface only. PostgreSQL refuses to run as root; as root the
server binaries run as the ``postgres`` system user (``runuser``). Without the server binaries or
psycopg the tests skip, saying why; ``.ci/run`` installs both.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from typer.testing import CliRunner

from cvtracker.cli import app
from cvtracker.ledger import HEAD_REVISION, PG_WRITE_LOCK

# .ci/run sets this when it has the server binaries: there, a missing piece is a failure
REQUIRED = os.environ.get("CVTRACKER_TEST_REQUIRE_POSTGRES") == "1"


def skip(reason: str) -> NoReturn:
    if REQUIRED:
        pytest.fail(f"{reason} (CVTRACKER_TEST_REQUIRE_POSTGRES=1)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    import psycopg
except ImportError:
    skip("psycopg is not installed (pip install -e '.[postgres]')")

SUPERUSER = "cvtracker"
PASSWORD_IN_URL = "s3cr3t-pw-4c0ffee"


def server_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: pg_config's, the PATH's, or Debian's newest."""
    candidates: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        try:
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out:
            candidates.append(Path(out))
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).resolve().parent)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
    )
    candidates.extend(Path(p) for p in reversed(debian))
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, bindir: Path, folder: Path, port: int, run_as: str | None) -> None:
        self.bindir = bindir
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.run_as = run_as

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return subprocess.run(
            [*prefix, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str) -> Any:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database, autocommit=True
        )


def _start() -> Server:
    bindir = server_bindir()
    if bindir is None:
        skip("PostgreSQL server binaries (initdb, pg_ctl) not found; .ci/run installs them")
    run_as = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            skip("running as root and there is no 'postgres' user to run the server as")
        if shutil.which("runuser") is None:
            skip("running as root and runuser is missing")
        run_as = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="cvtracker-pg-"))
    if run_as:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    server = Server(bindir, folder, free_port(), run_as)
    init = server.run(
        str(bindir / "initdb"),
        "-D",
        str(server.data),
        "-U",
        SUPERUSER,
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    )
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr or init.stdout}")
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={server.port} "
        f"-c unix_socket_directories={folder} -c fsync=off -c full_page_writes=off "
        # a server whose clock is not UTC, so that times are seen to be normalised
        "-c max_connections=200 -c timezone=Asia/Ho_Chi_Minh"
    )
    start = server.run(
        str(bindir / "pg_ctl"),
        "-D",
        str(server.data),
        "-l",
        str(folder / "server.log"),
        "-o",
        options,
        "-w",
        "-t",
        "60",
        "start",
    )
    if start.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace")[-2000:]
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {start.stderr or start.stdout}\n{log}")
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    server = _start()
    try:
        yield server
    finally:
        server.run(
            str(server.bindir / "pg_ctl"), "-D", str(server.data), "-m", "fast", "-w", "stop"
        )
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: Server, request: pytest.FixtureRequest) -> str:
    """A new, empty database for the test."""
    import hashlib

    # a readable prefix, and a hash of the whole test id: two parameters that share their
    # first 40 characters still get two databases
    readable = "".join(c if c.isalnum() else "_" for c in request.node.name)[:40].lower()
    name = f"t_{readable}_{hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:8]}"
    with pg_server.connect("postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.url(name)


@pytest.fixture
def run(home: Path, pg_url: str) -> Any:
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, ["--db", pg_url, *args], catch_exceptions=False)

    return invoke


def tables(server: Server, url: str) -> set[str]:
    with server.connect(url.rsplit("/", 1)[1]) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return {r[0] for r in rows}


def test_migrations_apply_on_first_use(pg_server: Server, pg_url: str, run: Any) -> None:
    assert tables(pg_server, pg_url) == set()
    result = run("history", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert tables(pg_server, pg_url) == set()  # reading creates nothing (issue 13)
    assert run("task", "add", "tu-phap", "Rà soát").exit_code == 0
    assert {"events", "tasks", "sent_mail", "alembic_version"} <= tables(pg_server, pg_url)
    with pg_server.connect(pg_url.rsplit("/", 1)[1]) as conn:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert rows == [(HEAD_REVISION,)]
    # a second use finds the schema up to date and leaves it alone
    assert run("history", "--json").exit_code == 0


def test_record_status_history(run: Any) -> None:
    result = run("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--by", "Chị Lan",
                 "--evidence", "Biên bản quán triệt", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    recorded = json.loads(result.stdout)
    assert recorded["unit"] == "tu-phap" and recorded["percent"] == 100
    assert run("record", "tu-phap", "6", "--period", "2022-05", "--percent", "89.5",
               "--on", "9/5/2022").exit_code == 0  # fmt: skip

    status = run("status", "--as-of", "15/5/2022", "--unit", "tu-phap", "--json")
    assert status.exit_code == 0, status.output
    rows = {(r["item"], r["period"]): r for r in json.loads(status.stdout)}
    assert rows["2", None]["state"] == "done"
    assert rows["2", None]["completed_on"] == "2022-04-29"
    assert rows["6", "2022-05"]["percent"] == 89.5
    assert rows["6", "2022-05"]["state"] == "overdue"  # 89.5 is not done

    history = run("history", "tu-phap", "--json")
    assert history.exit_code == 0, history.output
    events = json.loads(history.stdout)
    assert [(e["item"], e["percent"], e["on"]) for e in events] == [
        ("2", 100, "2022-04-29"),
        ("6", 89.5, "2022-05-09"),
    ]
    assert events[0]["by"] == "Chị Lan"
    assert events[0]["evidence"] == "Biên bản quán triệt"
    # stored with its time zone; read back in UTC whatever the server's TimeZone setting
    assert events[0]["recorded_at"].endswith("+00:00")


def test_task_then_record_it(run: Any) -> None:
    added = run("task", "add", "tu-phap", "Rà soát thủ tục", "--assignee", "Anh Minh",
                "--before", "1/6/2022", "--json")  # fmt: skip
    assert added.exit_code == 0, added.output
    task_id = json.loads(added.stdout)["id"]
    assert run("record", "tu-phap", task_id, "--percent", "95", "--on", "20/5/2022").exit_code == 0
    history = json.loads(run("history", "tu-phap", task_id, "--json").stdout)
    assert [(e["task"], e["percent"]) for e in history] == [(task_id, 95)]


def test_import_all_or_nothing(run: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        "unit,item,period,percent,on,evidence\n"
        "tu-phap,2,,100,28/4/2022,Báo cáo\n"
        "tu-phap,3,,100,29/4/2022,Kế hoạch\n",
        encoding="utf-8",
    )
    result = run("import", str(good))
    assert result.exit_code == 0, result.output
    assert len(json.loads(run("history", "--json").stdout)) == 2

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "unit,item,period,percent,on\ntu-phap,2,,100,29/4/2022\nno-such-unit,2,,100,29/4/2022\n",
        encoding="utf-8",
    )
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert len(json.loads(run("history", "--json").stdout)) == 2  # nothing of the bad file


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET percent = 0",
        "DELETE FROM events",
        "UPDATE tasks SET title = 'x'",
        "DELETE FROM tasks",
        "DELETE FROM sent_mail",
    ],
)
def test_append_only_trigger(pg_server: Server, pg_url: str, run: Any, statement: str) -> None:
    assert run("task", "add", "tu-phap", "Một việc").exit_code == 0
    assert run("record", "tu-phap", "T1", "--done", "--on", "1/5/2022").exit_code == 0
    with pg_server.connect(pg_url.rsplit("/", 1)[1]) as conn:
        conn.execute(
            "INSERT INTO sent_mail (day, recipient, content_hash, sent_at) "
            "VALUES ('2022-05-01', 'a@example.org', 'x', now())"
        )
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            conn.execute(statement)
        assert conn.execute("SELECT count(*), min(percent) FROM events").fetchone() == (1, 100)
        assert conn.execute("SELECT title FROM tasks").fetchone() == ("Một việc",)


def test_unreachable_server_exit_1_one_line_no_password(home: Path) -> None:
    url = f"postgresql+psycopg://clerk:{PASSWORD_IN_URL}@127.0.0.1:{free_port()}/cvtracker"
    result = CliRunner().invoke(app, ["--db", url, "status"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "127.0.0.1" in lines[0]
    assert PASSWORD_IN_URL not in result.output
    assert "Traceback" not in result.output


def test_unreachable_server_installed_command(home: Path) -> None:
    """The same through the installed entry point, as a cron job would run it."""
    import sys

    url = f"postgresql+psycopg://clerk:{PASSWORD_IN_URL}@127.0.0.1:{free_port()}/cvtracker"
    completed = subprocess.run(
        [sys.executable, "-m", "cvtracker", "--db", url, "overdue"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CVTRACKER_HOME": str(home)},
    )
    assert completed.returncode == 1
    assert len(completed.stderr.splitlines()) == 1, completed.stderr
    assert PASSWORD_IN_URL not in completed.stderr + completed.stdout


RACER = """
import datetime as dt
import sys

import alembic.command  # imported before the start, so that the processes start together
from cvtracker.errors import CvError
from cvtracker.ledger import open_ledger

print("ready", flush=True)
sys.stdin.read(1)  # the parent's signal to go
try:
    ledger = open_ledger(sys.argv[1])
    with ledger.writing() as conn:
        ledger.add_task(conn, unit="tu-phap", item="3", title="t", assignee=None,
                        deadline_kind=None, deadline=None, by=None,
                        at=dt.datetime.now(dt.timezone.utc))
except CvError as error:
    sys.exit(f"{type(error).__name__}: {error}")
"""


def start_together(count: int, url: str) -> list[tuple[int, str]]:
    """(exit code, stderr) of ``count`` processes that open a new ledger at the same moment."""
    import sys

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    for proc in procs:  # every one has imported everything and waits on its stdin
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.close()  # end of file: go
    results = []
    for proc in procs:
        assert proc.stderr is not None
        err = proc.stderr.read()
        results.append((proc.wait(timeout=60), err))
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()
    return results


def test_first_use_by_several_processes_at_once(pg_server: Server, pg_url: str) -> None:
    """Without a lock, concurrent first uses race to create the tables and all but one fail."""
    results = start_together(4, pg_url)
    assert results == [(0, "")] * 4
    with pg_server.connect(pg_url.rsplit("/", 1)[1]) as conn:
        assert conn.execute("SELECT count(*) FROM tasks").fetchone() == (4,)
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert rows == [(HEAD_REVISION,)]


def test_writers_wait_for_each_other(pg_server: Server, pg_url: str, home: Path) -> None:
    """While another writer holds the write lock, cvtracker waits for it, then goes on."""
    import sys
    import time

    database = pg_url.rsplit("/", 1)[1]
    with pg_server.connect(database) as holder:
        holder.execute("BEGIN")
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (PG_WRITE_LOCK,))
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "cvtracker",
                    "--db",
                    pg_url,
                    "record",
                    "tu-phap",
                    "2",
                    "--done",
                    "--on",
                    "29/4/2022",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "CVTRACKER_HOME": str(home)},
            )
            for _ in range(3)
        ]
        with pg_server.connect(database) as watcher:
            deadline = time.monotonic() + 60
            waiting = 0
            while waiting < 3 and time.monotonic() < deadline:
                if any(p.poll() is not None for p in procs):
                    break  # a process went past the lock: it does not take it
                (waiting,) = watcher.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                    "AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
                    (database,),
                ).fetchone()
                time.sleep(0.02)
        assert waiting == 3, [p.poll() for p in procs]
        assert tables(pg_server, pg_url) == set()  # nobody migrated behind the holder's back
        holder.execute("COMMIT")
    results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0] * 3
    # the same record three times: notes about the repeat and, once, that the first writer made
    # the ledger; never an error
    said = [line for _, err in results for line in err.splitlines()]
    assert sum(line.startswith("Đã tạo sổ ghi nhận mới") for line in said) == 1, said
    notes = [line for line in said if not line.startswith("Đã tạo sổ ghi nhận mới")]
    assert all(line.startswith("Lưu ý:") for line in notes), said
    with pg_server.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (3,)
