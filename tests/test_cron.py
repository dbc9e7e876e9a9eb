"""The shipped crontab line, run by a real cron daemon (Debian's), sends the mail and logs it.

Skipped where cron is not installed or where the test is not root (it writes a file in
/etc/cron.d); `.ci/run` installs cron. This is the one test that waits for the clock: cron starts
jobs at the top of a minute, so it takes up to two minutes. The job runs as of today, on a fresh
ledger (whatever is overdue then), with the SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_notify import NOIVU, SENDER, configure, plain
from test_notify import smtp as smtp

ROOT = Path(__file__).resolve().parent.parent
CRONTAB = ROOT / "contrib" / "cron" / "cvtracker.crontab"
CRON = shutil.which("cron") or shutil.which("cron", path="/usr/sbin:/sbin")
WAIT_S = 150
TU_PHAP = "tuphap@tuyphong.example"  # the next minute's start, and the job's own few seconds

# .ci/run sets CVTRACKER_TEST_REQUIRE_CRON where it installed cron: there it must run, not skip
pytestmark = pytest.mark.skipif(
    not os.environ.get("CVTRACKER_TEST_REQUIRE_CRON")
    and (CRON is None or not hasattr(os, "geteuid") or os.geteuid() != 0),
    reason="needs Debian's cron and root (a file in /etc/cron.d)",
)


def shipped_jobs() -> list[str]:
    """The job lines of the shipped crontab (comments and blank lines left out)."""
    lines = CRONTAB.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def every_minute(job: str) -> str:
    """The job with its five time fields replaced by ``* * * * *``."""
    fields = job.split(None, 5)
    return "* * * * * " + fields[5]


@contextlib.contextmanager
def cron_daemon() -> Iterator[None]:
    """A cron daemon: the machine's if one runs, else one started here (and stopped after)."""
    assert CRON is not None
    running = Path("/var/run/crond.pid")
    if running.exists():
        with contextlib.suppress(ValueError, OSError):
            os.kill(int(running.read_text().split()[0]), 0)
            yield
            return
    proc = subprocess.Popen([CRON, "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_shipped_crontab_line_runs_under_cron(tmp_path: Path, smtp) -> None:
    notify_job, backup_job = shipped_jobs()
    assert " notify " in notify_job and notify_job.startswith("30 0 * * 1-5 ")
    assert " backup " in backup_job
    server = smtp()

    # a fresh account: cron's HOME, the command where pipx and uv put it, no ~/.local/state
    home = tmp_path / "noivu"
    bin_dir = home / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "cvtracker").symlink_to(Path(sys.executable).parent / "cvtracker")
    configure(  # at the default config path
        home / ".config" / "cvtracker",
        plain(server.port),
        {"to": [NOIVU], "units": {"tu-phap": TU_PHAP}},
    )
    log = home / ".local" / "state" / "cvtracker" / "notify.log"
    assert not log.parent.exists()

    # /etc/cron.d: the system crontab format (a user field), a name of letters, digits and dashes
    name = f"cvtracker-test-{uuid.uuid4().hex[:12]}"
    job_file = Path("/etc/cron.d") / name
    command = every_minute(notify_job).split(None, 5)
    # the shipped command as written, behind a guard: a file left behind by a killed test run
    # does nothing once the test's folder is gone
    job_file.write_text(
        f"HOME={home}\n"
        + " ".join([*command[:5], "root", f'[ -d "{home}" ] &&', command[5]])
        + "\n",
        encoding="utf-8",
    )
    job_file.chmod(0o644)
    try:
        with cron_daemon():
            deadline = time.monotonic() + WAIT_S
            while time.monotonic() < deadline and not (
                log.exists() and " exit=" in log.read_text(encoding="utf-8")
            ):
                time.sleep(0.5)  # a real daemon: waiting on it is the point of this test
    finally:
        job_file.unlink(missing_ok=True)

    assert log.exists(), f"cron did not run the job within {WAIT_S} s"
    (line,) = log.read_text(encoding="utf-8").splitlines()
    assert " notify exit=0 Đã gửi: [cvtracker]" in line
    assert f"→ {NOIVU} | Đã gửi: [cvtracker] Phòng Tư pháp:" in line
    assert [m.rcpt_tos for m in server.handler.received] == [[NOIVU], [TU_PHAP]]
    mail = server.handler.received[0]
    assert mail.mail_from == SENDER
    assert "[cvtracker]" in mail.message["Subject"]
    assert line[:25].endswith("+07:00")  # Viet Nam's time, whatever the machine's
    if out := os.environ.get("CVTRACKER_TEST_CRON_OUT"):
        # for a person to see what cron sent: the mail as received and the log line
        Path(out).write_bytes(mail.data + b"\n\n=== notify.log ===\n" + line.encode() + b"\n")
