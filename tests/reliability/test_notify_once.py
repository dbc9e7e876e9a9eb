"""Point 2: no mail twice. Two `notify` runs at once send one mail; a run killed (kill -9) or
unable to write the ledger right after the server's 250 leaves a claim that the next run
reports instead of sending again; --force sends it again, under a new Message-ID."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ledger_url
from cvtracker import mailbook
from cvtracker.errors import Failure
from cvtracker.ledger import open_ledger
from test_notify import NOIVU, configure, plain, smtp  # noqa: F401 - the smtp fixture

from .conftest import env_for, one_clean_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and processes")

DAY = ("--as-of", "11/5/2022")

# Waits for a line on stdin, then runs the command: started together, the runs overlap.
ON_SIGNAL = """
import sys
from cvtracker.cli import app
print("ready", flush=True)
sys.stdin.readline()
try:
    app(sys.argv[1:], prog_name="cvtracker")
except SystemExit as done:
    sys.exit(done.code)
"""

# Dies (SIGKILL) after the server accepted the mail and before the ledger records it.
DIES_AFTER_250 = """
import os, signal, sys
from cvtracker import mailbook
from cvtracker.cli import app

def sent(self, message, recipients, content_hash):
    os.kill(os.getpid(), signal.SIGKILL)

mailbook.MailBook.sent = sent
app(sys.argv[1:], prog_name="cvtracker")
"""


def claims(home: Path) -> list[dict[str, Any]]:
    return open_ledger(ledger_url(home)).mail_claims()


def message_ids(server: Any) -> list[str]:
    return [str(r.message["Message-ID"]) for r in server.handler.received]


TRIALS = 4


def test_two_runs_at_once_send_one_mail(tmp_path: Path, smtp: Any) -> None:  # noqa: F811
    server = smtp()
    results = []
    for trial in range(TRIALS):
        home = tmp_path / f"trial{trial}"
        configure(home, plain(server.port))
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", ON_SIGNAL, "notify", *DAY],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env_for(home),
            )
            for _ in range(2)
        ]
        for run in runs:
            assert run.stdout is not None and run.stdout.readline() == "ready\n"
        for run in runs:
            assert run.stdin is not None
            run.stdin.write("go\n")
            run.stdin.flush()
        for run in runs:
            _out, err = run.communicate(timeout=120)
            assert "Traceback" not in err, err
            results.append(run.returncode)
        sent = [c for c in claims(home) if c["state"] == "sent"]
        assert len(sent) == 1, claims(home)
    assert len(server.handler.received) == TRIALS  # one per trial, never two
    assert results.count(0) >= TRIALS  # the other run says "already sent" (0) or "in doubt" (1)
    assert set(results) <= {0, 1}


def test_killed_after_the_server_accepted_the_mail(home: Path, smtp: Any, cli: Any) -> None:  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    dying = subprocess.run(
        [sys.executable, "-c", DIES_AFTER_250, "notify", *DAY],
        capture_output=True,
        text=True,
        timeout=120,
        env=env_for(home),
    )
    assert dying.returncode == -9
    assert len(server.handler.received) == 1
    assert [c["state"] for c in claims(home)] == ["claimed"]

    again = cli("--lang", "en", "notify", *DAY)
    assert again.exit_code == 1
    assert NOIVU in again.stderr and "never confirmed" in again.stderr
    assert "Traceback" not in again.stderr
    assert len(server.handler.received) == 1  # not sent twice

    forced = cli("notify", *DAY, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert len(server.handler.received) == 2
    first, second = message_ids(server)
    assert first != second
    for mid in (first, second):
        assert re.fullmatch(r"<cvtracker\.20220511\.\d+\.[0-9a-f]{12}@tuyphong\.example>", mid)


def test_a_ledger_busy_after_the_250_does_not_resend(
    home: Path,
    smtp: Any,  # noqa: F811
    cli: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = smtp()
    configure(home, plain(server.port))

    def busy(*args: Any, **kwargs: Any) -> None:
        raise Failure("db_failed", url="ledger.db", reason="database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(mailbook.MailBook, "sent", busy)
        first = cli("--lang", "en", "notify", *DAY)
    assert first.exit_code == 1
    assert "database is locked" in one_clean_line(first.stderr)
    assert len(server.handler.received) == 1

    second = cli("--lang", "en", "notify", *DAY)
    assert second.exit_code == 1
    assert len(server.handler.received) == 1


def test_the_message_id_comes_from_the_claim(home: Path, smtp: Any, cli: Any) -> None:  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    assert cli("notify", *DAY).exit_code == 0
    (claim,) = claims(home)
    assert claim["state"] == "sent"
    (mid,) = message_ids(server)
    assert mid.startswith(f"<cvtracker.20220511.{claim['id']}.")
    sent = open_ledger(ledger_url(home)).sent_mail()
    assert [row["message_id"] for row in sent] == [mid]


def test_two_runs_at_once_send_one_mail_covering_two_directives(
    tmp_path: Path,
    smtp: Any,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mail of several directives is a claim for each: still one mail per recipient a day."""
    from typer.testing import CliRunner

    from cvtracker.cli import app

    second = Path(__file__).parent.parent / "fixtures" / "multi" / "ke-hoach-12.yaml"
    server = smtp()
    trials = 2
    for trial in range(trials):
        home = tmp_path / f"trial{trial}"
        configure(home, plain(server.port))
        monkeypatch.setenv("CVTRACKER_HOME", str(home))
        # a ledger kept for 968, then 12/KH-UBND added: both are stored
        recorded = CliRunner().invoke(app, ["record", "tu-phap", "2", "-d", "--on", "3/6/2022"])
        assert recorded.exit_code == 0, recorded.output
        added = CliRunner().invoke(app, ["directive", "add", str(second)])
        assert added.exit_code == 0, added.output
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", ON_SIGNAL, "notify", "--as-of", "20/8/2022"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env_for(home),
            )
            for _ in range(2)
        ]
        for run in runs:
            assert run.stdout is not None and run.stdout.readline() == "ready\n"
        for run in runs:
            assert run.stdin is not None
            run.stdin.write("go\n")
            run.stdin.flush()
        for run in runs:
            _out, err = run.communicate(timeout=120)
            assert "Traceback" not in err, err
            assert run.returncode in (0, 1), err
        sent = [c for c in claims(home) if c["state"] == "sent"]
        assert sorted(c["directive"] for c in sent) == ["12/KH-UBND", "968/UBND-TH"], claims(home)
        assert len({c["run"] for c in sent}) == 1  # both claims are the same run's
    assert len(server.handler.received) == trials  # one per trial, never two
