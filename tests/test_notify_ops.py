"""notify for a timer: `--log FILE` and exit codes that say whether retrying can help.

| exit | when                                                                 | a timer should |
|------|----------------------------------------------------------------------|----------------|
| 0    | sent, already sent today, or nothing to send                         | —              |
| 1    | server down or silent, a 4xx (try later) reply, database unreachable | retry          |
| 2    | bad options or config, no STARTTLS, login refused (5xx), an address  | not retry      |
|      | refused for good (5xx), a certificate that does not verify           |                |
"""

from __future__ import annotations

import datetime as dt
import re
import socket

import pytest
from aiosmtpd.smtp import AuthResult

from test_notify import (
    HOST,
    NOIVU,
    PASSWORD,
    Handler,
    configure,
    err,
    free_port,
    plain,
    sent_rows,
    smtp,  # noqa: F401 (the fixture)
)

MORNING = dt.datetime(2022, 5, 6, 0, 30, 5, tzinfo=dt.timezone.utc)  # 07:30:05 in Viet Nam
STAMP = "2022-05-06T07:30:05+07:00"


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr("cvtracker.settings.now_utc", lambda: MORNING)


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# --- the log -----------------------------------------------------------------------------------


def test_log_a_run_that_sent(cli, home, smtp, clock, tmp_path):  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    log = tmp_path / "no" / "such" / "folder" / "notify.log"  # created, as cron's >> cannot

    result = cli("notify", "--as-of", "6/5/2022", "--log", str(log))

    assert result.exit_code == 0, result.output
    assert len(server.handler.received) == 1
    (line,) = _lines(log)
    assert line == (
        f"{STAMP} notify exit=0 Đã gửi: [cvtracker] 58 nội dung quá hạn – ngày 6/5/2022 → {NOIVU}"
    )
    assert log.stat().st_mode & 0o777 == 0o600
    # stdout is unchanged: the log is in addition
    assert "Đã gửi: [cvtracker] 58 nội dung quá hạn" in result.stdout

    again = cli("notify", "--as-of", "6/5/2022", "--log", str(log))
    assert again.exit_code == 0
    _first, second = _lines(log)
    assert second.startswith(f"{STAMP} notify exit=0 Đã gửi thư này cho {NOIVU} ngày 6/5/2022")


def test_log_a_run_with_nothing_to_send(cli, home, smtp, clock, tmp_path):  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    log = tmp_path / "notify.log"
    result = cli("--lang", "en", "notify", "--as-of", "27/4/2022", "--soon", "0", "--log", str(log))
    assert result.exit_code == 0
    assert _lines(log) == [f"{STAMP} notify exit=0 Nothing is overdue on 27/4/2022; no mail sent."]


def test_log_a_dry_run_in_one_line(cli, home, smtp, clock, tmp_path):  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    log = tmp_path / "notify.log"
    result = cli("notify", "--as-of", "6/5/2022", "--dry-run", "--log", str(log))
    assert result.exit_code == 0
    assert "Subject: [cvtracker]" in result.stdout
    assert _lines(log) == [
        f"{STAMP} notify exit=0 Chạy thử (--dry-run): không gửi, không ghi nhận. 1 thư sẽ được gửi:"
    ]


def test_log_a_server_that_is_down(cli, home, clock, tmp_path):
    port = free_port()
    configure(home, plain(port))
    log = tmp_path / "notify.log"

    result = cli("notify", "--as-of", "6/5/2022", "--log", str(log))

    assert result.exit_code == 1
    failure, run = _lines(log)
    assert failure.startswith(
        f"{STAMP} notify lỗi: Không gửi được thư qua {HOST}:{port}: Connection refused"
    )
    assert run == f"{STAMP} notify exit=1 lỗi"
    # stderr still says it, once
    assert len(err(result).strip().splitlines()) == 1


def test_log_each_refused_recipient(cli, home, smtp, clock, tmp_path):  # noqa: F811
    server = smtp()
    server.handler.refuse.add("nobody@tuyphong.example")
    configure(home, plain(server.port), {"to": [NOIVU, "nobody@tuyphong.example"]})
    log = tmp_path / "notify.log"

    result = cli("--lang", "en", "notify", "--as-of", "6/5/2022", "--log", str(log))

    assert result.exit_code == 2
    refused, error, run = _lines(log)
    assert refused.startswith(
        f"{STAMP} notify failed: the mail server refused nobody@tuyphong.example: 550 5.1.1"
    )
    assert error.startswith(f"{STAMP} notify failed: the mail server refused 1 recipient for good")
    assert run.startswith(f"{STAMP} notify exit=2 Sent: [cvtracker] 58 items overdue")


def test_log_bad_input_and_warnings(cli, home, smtp, clock, tmp_path):  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    log = tmp_path / "notify.log"
    bad = cli("notify", "--as-of", "31/2/2022", "--log", str(log))
    assert bad.exit_code == 2
    error, run = _lines(log)
    assert error.startswith(f"{STAMP} notify lỗi: Ngày không tồn tại: '31/2/2022'")
    assert run == f"{STAMP} notify exit=2 lỗi"

    log.unlink()
    per_unit = cli("notify", "--as-of", "6/5/2022", "--per-unit", "--log", str(log))
    assert per_unit.exit_code == 0
    warning, run = _lines(log)
    assert warning.startswith(f"{STAMP} notify Cảnh báo: --per-unit:")
    assert run.startswith(f"{STAMP} notify exit=0 Đã gửi:")


def test_a_log_that_cannot_be_written_is_bad_input(cli, home, smtp, tmp_path):  # noqa: F811
    server = smtp()
    configure(home, plain(server.port))
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = cli("notify", "--as-of", "6/5/2022", "--log", str(blocker / "notify.log"))
    assert result.exit_code == 2
    assert "Không ghi được nhật ký" in result.stderr
    assert server.handler.received == []


def test_no_password_in_the_log(cli, home, smtp, clock, tmp_path, monkeypatch):  # noqa: F811
    server = smtp(auth_require_tls=False, authenticator=_refuse_with("535 5.7.8 " + PASSWORD))
    configure(home, plain(server.port, user="cvtracker"))
    monkeypatch.setenv("CVTRACKER_SMTP_PASSWORD", PASSWORD)
    log = tmp_path / "notify.log"
    result = cli("notify", "--as-of", "6/5/2022", "--log", str(log))
    assert result.exit_code == 2
    assert "không chấp nhận đăng nhập" in log.read_text(encoding="utf-8")
    assert PASSWORD not in log.read_text(encoding="utf-8")
    assert PASSWORD not in result.output


# --- exit codes --------------------------------------------------------------------------------


def _refuse_with(reply: str):
    def authenticator(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False, message=reply)

    return authenticator


class Greylist(Handler):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "450 4.7.1 greylisted, try again later"


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ("535 5.7.8 Authentication credentials invalid", 2),  # the password: fix it
        ("454 4.7.0 Temporary authentication failure", 1),  # the server: try later
    ],
)
def test_a_refused_login_exits_2_a_temporary_one_1(cli, home, smtp, monkeypatch, reply, code):  # noqa: F811
    server = smtp(auth_require_tls=False, authenticator=_refuse_with(reply))
    configure(home, plain(server.port, user="cvtracker"))
    monkeypatch.setenv("CVTRACKER_SMTP_PASSWORD", PASSWORD)
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == code
    assert reply.split()[0] in err(result)
    assert sent_rows(home) == []


def test_a_temporary_refusal_exits_1(cli, home, smtp):  # noqa: F811
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(Greylist(), hostname=HOST, port=port)
    controller.start()
    try:
        configure(home, plain(port))
        result = cli("notify", "--as-of", "6/5/2022")
    finally:
        controller.stop()
    assert result.exit_code == 1
    assert "450 4.7.1" in err(result)
    assert "lần chạy sau sẽ gửi lại" in err(result)


def test_an_unreachable_server_exits_1_a_missing_starttls_2(cli, home, smtp):  # noqa: F811
    configure(home, plain(free_port()))
    assert cli("notify", "--as-of", "6/5/2022").exit_code == 1
    with socket.socket() as silent:
        silent.bind((HOST, 0))
        silent.listen()
        configure(home, plain(silent.getsockname()[1], timeout=0.2))
        assert cli("notify", "--as-of", "6/5/2022").exit_code == 1
    server = smtp()
    configure(home, plain(server.port, tls="starttls"))
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert re.search(r"không hỗ trợ STARTTLS: đặt tls = \"ssl\"", err(result))
