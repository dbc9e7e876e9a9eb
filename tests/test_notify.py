"""`cvtracker notify` against a real SMTP server on loopback (aiosmtpd, started per test).

Every run passes --as-of; the only network traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import html.parser
import json
import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from conftest import ledger_url
from cvtracker.ledger import open_ledger
from cvtracker.settings import database_url

HOST = "127.0.0.1"
SENDER = "cvtracker@tuyphong.example"
NOIVU = "noivu@tuyphong.example"
PASSWORD = "s3cr3t-Mật-khẩu"


# --- the server ------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = BytesParser(policy=policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        assert isinstance(body, EmailMessage)
        return str(body.get_content())


@dataclass
class Handler:
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), data))
        return "250 Message accepted for delivery"


class Authenticator:
    def __init__(self, user: str, password: str) -> None:
        self.user = user.encode()
        self.password = password.encode()
        self.tries = 0

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.tries += 1
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.user
            and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    port: int
    handler: Handler
    controller: Controller


@pytest.fixture
def smtp() -> Iterator[Callable[..., Server]]:
    """Starts aiosmtpd servers on 127.0.0.1; stops them at the end of the test."""
    started: list[Controller] = []

    def start(port: int | None = None, **kwargs: Any) -> Server:
        handler = Handler()
        controller = Controller(handler, hostname=HOST, port=port or free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return Server(controller.port, handler, controller)

    yield start
    for controller in started:
        controller.stop()


@dataclass(frozen=True)
class Certs:
    ca: Path
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """A private CA and a server certificate for 127.0.0.1 signed by it, made with openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates")
    folder = tmp_path_factory.mktemp("certs")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    run(
        "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "30",
        "-subj", "/CN=cvtracker test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    )  # fmt: skip
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\n"
        "subjectKeyIdentifier=hash\n"
    )
    run(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "30", "-extfile", "ext.cnf",
    )  # fmt: skip
    return Certs(folder / "ca.pem", folder / "server.pem", folder / "server.key")


# --- configuration ---------------------------------------------------------------------------


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(value)


def configure(home: Path, smtp: dict[str, Any], notify: dict[str, Any] | None = None) -> Path:
    """Writes CVTRACKER_HOME/config.toml."""
    notify = {"to": [NOIVU]} if notify is None else dict(notify)
    units = notify.pop("units", None)
    lines = ["[smtp]"]
    lines += [f"{key} = {_toml(value)}" for key, value in smtp.items()]
    lines += ["", "[notify]"]
    lines += [f"{key} = {_toml(value)}" for key, value in notify.items()]
    if units:
        lines += ["", "[notify.units]"]
        lines += [f"{_toml(key)} = {_toml(value)}" for key, value in units.items()]
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plain(port: int, **more: Any) -> dict[str, Any]:
    return {"host": HOST, "port": port, "tls": "none", "from": SENDER, "timeout": 5, **more}


def sent_rows(home: Path) -> list[dict[str, Any]]:
    return open_ledger(ledger_url(home)).sent_mail()


def err(result: Any) -> str:
    """stderr without the notice of a ledger created by this run (tests/test_operator.py)."""
    lines = str(result.stderr).splitlines(keepends=True)
    return "".join(x for x in lines if not x.startswith(("Đã tạo sổ", "Created a new ledger")))


# --- the message -----------------------------------------------------------------------------


class _Cells(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.rows = 0
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows += 1
        elif tag in ("td", "th"):
            self.cells.append("")
            self._in_cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


def test_the_message_parts_subject_and_recipients(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port), {"to": [NOIVU, "chutich@tuyphong.example"]})
    added = cli("task", "add", "tu-phap", "<b>Rà soát</b> & báo cáo", "--before", "1/5/2022")
    assert added.exit_code == 0, added.output

    result = cli("notify", "--as-of", "6/5/2022")

    assert result.exit_code == 0, result.output
    assert "Đã gửi: [cvtracker] 59 nội dung quá hạn – ngày 6/5/2022" in result.stdout
    (mail,) = server.handler.received
    assert mail.mail_from == SENDER
    assert mail.rcpt_tos == [NOIVU, "chutich@tuyphong.example"]
    raw_subject = next(
        line for line in mail.data.decode("ascii").splitlines() if line.startswith("Subject:")
    )
    assert "=?utf-8?" in raw_subject  # RFC 2047, as the email library does it
    assert raw_subject.isascii()
    message = mail.message
    assert message["Subject"] == "[cvtracker] 59 nội dung quá hạn – ngày 6/5/2022"
    assert message["To"] == f"{NOIVU}, chutich@tuyphong.example"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]

    text = mail.part("plain")
    assert "Các nội dung quá hạn thực hiện Công văn 968/UBND-TH tính đến ngày 6/5/2022: 59" in text
    # the counts per unit first, then each item's title once, then the rows
    assert "Tóm tắt theo đơn vị:\n  Văn phòng HĐND&UBND huyện: 2 quá hạn, 1 sắp đến hạn\n" in text
    assert "  Phòng Tư pháp: 3 quá hạn, 1 sắp đến hạn\n" in text
    assert "Các nội dung:\n  2: Quán triệt Kế hoạch 178/KH-UBND\n" in text
    assert "  6: Báo cáo tiến độ hàng tháng" in text
    # a unit that reported nothing is said so once, not on every row
    assert "Phòng Tư pháp (3, đều chưa ghi nhận)" in text
    assert "  - 2 · trước ngày 30/4/2022 · quá hạn 7 ngày\n" in text
    assert "5a" not in text  # 5a is undated: evaluate and scale up the pilots from 1/5/2022
    # "trước ngày 1/5/2022": 30/4 to 3/5/2022 are days off, so the last day is 4/5
    assert (
        "  - T1: <b>Rà soát</b> & báo cáo · trước ngày 1/5/2022 (hạn cuối 4/5/2022) · quá hạn "
        "2 ngày\n"
    ) in text
    # then what falls due within 3 working days: item 6 of May, before 10/5 (Fri 6, Mon 9)
    assert "Sắp đến hạn trong 3 ngày làm việc tới: 11" in text
    assert "  - 6 · trước ngày 10/5/2022 · còn 2 ngày làm việc\n" in text

    page = mail.part("html")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="vi">' in page
    assert "&lt;b&gt;Rà soát&lt;/b&gt; &amp; báo cáo" in page
    assert "<b>Rà soát" not in page
    cells = _Cells()
    cells.feed(page)
    assert cells.tables == 2  # overdue, then due soon
    assert "<li>2: Quán triệt Kế hoạch 178/KH-UBND</li>" in page
    assert "T1: <b>Rà soát</b> & báo cáo" in cells.cells  # unescaped by the parser
    assert "Phòng Tư pháp (3, đều chưa ghi nhận)" in cells.cells
    assert "trước ngày 30/4/2022" in cells.cells
    # the same rows in both parts (the column says days overdue: the number alone)
    assert text.count("quá hạn 7 ngày") == cells.cells.count("7") > 0

    assert [(r["recipient"], r["day"].isoformat()) for r in sent_rows(home)] == [
        (NOIVU, "2022-05-06"),
        ("chutich@tuyphong.example", "2022-05-06"),
    ]


def test_english_with_lang_en(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port))
    result = cli("--lang", "en", "notify", "--as-of", "6/5/2022", "--soon", "0")
    assert result.exit_code == 0, result.output
    (mail,) = server.handler.received
    assert mail.message["Subject"] == "[cvtracker] 58 items overdue – 6/5/2022"
    text = mail.part("plain")
    assert "Overdue under Công văn 968/UBND-TH as of 6/5/2022: 58" in text
    assert "  - 2 · before 30/4/2022 · 7 days overdue\r\n" in text  # QP keeps the CRLF
    assert "Falling due" not in text  # --soon 0: no such section
    assert '<html lang="en">' in mail.part("html")


def test_sent_once_then_again_when_the_content_changes_or_with_force(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port))

    first = cli("notify", "--as-of", "6/5/2022")
    second = cli("notify", "--as-of", "6/5/2022")

    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert len(server.handler.received) == 1
    assert f"Đã gửi thư này cho {NOIVU} ngày 6/5/2022; không gửi lại" in second.stdout
    assert len(sent_rows(home)) == 1

    # a new day is a new mail
    assert cli("notify", "--as-of", "9/5/2022").exit_code == 0
    assert len(server.handler.received) == 2

    # progress recorded: the list changed, so the changed list goes out the same day
    recorded = cli("record", "tu-phap", "2", "--done", "--on", "5/5/2022")
    assert recorded.exit_code == 0, recorded.output
    assert cli("notify", "--as-of", "9/5/2022").exit_code == 0
    assert len(server.handler.received) == 3
    assert "Phòng Tư pháp (1, đều chưa ghi nhận)" in server.handler.received[-1].part("plain")

    forced = cli("notify", "--as-of", "9/5/2022", "--force")
    assert forced.exit_code == 0, forced.output
    assert len(server.handler.received) == 4
    assert server.handler.received[-1].part("plain") == server.handler.received[-2].part("plain")
    assert len(sent_rows(home)) == 4


def test_nothing_overdue_with_soon_0_sends_nothing(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port))
    # on 27/4/2022 items 2 and 3 fall due within 3 working days, but nothing is overdue yet;
    # --soon 0 asks for the overdue list only, as before reminders
    result = cli("notify", "--as-of", "27/4/2022", "--soon", "0")
    assert result.exit_code == 0, result.output
    assert "Không có nội dung nào quá hạn ngày 27/4/2022; không gửi thư." in result.stdout
    assert server.handler.received == []
    assert sent_rows(home) == []


def test_dry_run_prints_and_sends_nothing(cli, home, smtp, monkeypatch):
    server = smtp()
    configure(home, plain(server.port))
    monkeypatch.setenv("CVTRACKER_SMTP_PASSWORD", PASSWORD)
    result = cli("notify", "--as-of", "6/5/2022", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Subject: [cvtracker] 58 nội dung quá hạn – ngày 6/5/2022" in result.stdout
    assert f"To: {NOIVU}" in result.stdout
    assert "  - 2 · trước ngày 30/4/2022 · quá hạn 7 ngày\n" in result.stdout
    assert PASSWORD not in result.output
    assert server.handler.received == []
    assert sent_rows(home) == []


def test_server_down_then_up(cli, home, smtp):
    port = free_port()  # nothing listens there yet
    configure(home, plain(port))

    down = cli("notify", "--as-of", "6/5/2022")

    assert down.exit_code == 1
    lines = err(down).strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Lỗi: Không gửi được thư qua {HOST}:{port}: Connection refused")
    assert "lần chạy sau sẽ gửi lại" in lines[0]
    assert "Traceback" not in down.output
    assert sent_rows(home) == []

    server = smtp(port=port)
    up = cli("notify", "--as-of", "6/5/2022")
    assert up.exit_code == 0, up.output
    assert len(server.handler.received) == 1
    assert len(sent_rows(home)) == 1


def test_a_server_that_never_answers_times_out(cli, home):
    with socket.socket() as silent:  # accepts connections (backlog) but never greets
        silent.bind((HOST, 0))
        silent.listen()
        configure(home, plain(silent.getsockname()[1], timeout=0.2))
        result = cli("--lang", "en", "notify", "--as-of", "6/5/2022")
    assert result.exit_code == 1
    assert f"cannot send mail through {HOST}:" in err(result)
    assert "timed out" in err(result)
    assert sent_rows(home) == []


def test_a_refused_recipient(cli, home, smtp):
    server = smtp()
    server.handler.refuse.add("nobody@tuyphong.example")
    configure(home, plain(server.port), {"to": [NOIVU, "nobody@tuyphong.example"]})

    result = cli("notify", "--as-of", "6/5/2022")

    assert result.exit_code == 2  # 550: a wrong address, which retrying will not mend
    assert "Máy chủ thư từ chối nobody@tuyphong.example: 550 5.1.1" in err(result)
    assert "Lỗi: Máy chủ thư từ chối hẳn 1 người nhận" in err(result)
    (mail,) = server.handler.received
    assert mail.rcpt_tos == [NOIVU]
    assert [r["recipient"] for r in sent_rows(home)] == [NOIVU]

    # the next run does not send the accepted one again, and tries the refused one again
    again = cli("notify", "--as-of", "6/5/2022")
    assert again.exit_code == 2
    assert f"Đã gửi thư này cho {NOIVU}" in again.stdout
    assert len(server.handler.received) == 1
    assert [r["recipient"] for r in sent_rows(home)] == [NOIVU]


def test_every_recipient_refused(cli, home, smtp):
    server = smtp()
    server.handler.refuse.add(NOIVU)
    configure(home, plain(server.port))
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert f"Máy chủ thư từ chối {NOIVU}" in err(result)
    assert server.handler.received == []
    assert sent_rows(home) == []


def test_per_unit_mails(cli, home, smtp):
    server = smtp()
    configure(
        home,
        plain(server.port),
        {
            "to": [NOIVU],
            "units": {
                "tu-phap": "tuphap@tuyphong.example",
                "xa Vinh Hao": ["vinhhao@tuyphong.example", "chutich.vinhhao@tuyphong.example"],
                "bhxh": "bhxh@tuyphong.example",
            },
        },
    )
    # BHXH has done everything that is overdue: it gets a reminder of its May report only
    for item in ("2", "3"):
        assert cli("record", "bhxh", item, "--done", "--on", "29/4/2022").exit_code == 0

    result = cli("notify", "--as-of", "6/5/2022", "--per-unit")

    assert result.exit_code == 0, result.output
    by_rcpt = {tuple(m.rcpt_tos): m for m in server.handler.received}
    assert set(by_rcpt) == {
        (NOIVU,),
        ("tuphap@tuyphong.example",),
        ("vinhhao@tuyphong.example", "chutich.vinhhao@tuyphong.example"),
        ("bhxh@tuyphong.example",),
    }
    bhxh = by_rcpt[("bhxh@tuyphong.example",)]
    assert bhxh.message["Subject"] == (
        "[cvtracker] Bảo hiểm xã hội huyện: 1 nội dung sắp đến hạn – ngày 6/5/2022"
    )
    assert "  - 6 · trước ngày 10/5/2022 · còn 2 ngày làm việc" in bhxh.part("plain")
    digest = by_rcpt[(NOIVU,)]
    assert digest.message["Subject"] == "[cvtracker] 56 nội dung quá hạn – ngày 6/5/2022"
    tu_phap = by_rcpt[("tuphap@tuyphong.example",)]
    assert (
        tu_phap.message["Subject"]
        == "[cvtracker] Phòng Tư pháp: 2 nội dung quá hạn – ngày 6/5/2022"
    )
    text = tu_phap.part("plain")
    assert "Đơn vị: Phòng Tư pháp" in text
    assert "Phòng Tư pháp (2, đều chưa ghi nhận)" in text
    units = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert not any(u.startswith("UBND xã Vĩnh Hảo") for u in units)
    assert [u for u in units if u.endswith(")") and "(" in u and "kỳ" not in u] == [
        "Phòng Tư pháp (2, đều chưa ghi nhận)",
        "Phòng Tư pháp (đều chưa ghi nhận)",  # its part of the due-soon list
    ]
    assert "6 · trước ngày 10/5/2022" in text  # its own item due soon
    vinh_hao = by_rcpt[("vinhhao@tuyphong.example", "chutich.vinhhao@tuyphong.example")]
    assert "UBND xã Vĩnh Hảo" in vinh_hao.message["Subject"]
    assert "Phòng Tư pháp" not in vinh_hao.part("plain")
    assert len(sent_rows(home)) == 5

    # and only once
    assert cli("notify", "--as-of", "6/5/2022", "--per-unit").exit_code == 0
    assert len(server.handler.received) == 4


def test_to_option_and_environment_override_the_config(cli, home, smtp, monkeypatch):
    server = smtp()
    configure(home, plain(server.port))
    monkeypatch.setenv("CVTRACKER_NOTIFY_TO", "a@tuyphong.example, b@tuyphong.example")
    assert cli("notify", "--as-of", "6/5/2022").exit_code == 0
    assert server.handler.received[-1].rcpt_tos == ["a@tuyphong.example", "b@tuyphong.example"]
    result = cli("notify", "--as-of", "6/5/2022", "--to", "c@tuyphong.example", "--to", "d@x.vn")
    assert result.exit_code == 0, result.output
    assert server.handler.received[-1].rcpt_tos == ["c@tuyphong.example", "d@x.vn"]


def test_environment_names_the_server(cli, home, smtp, monkeypatch):
    server = smtp()
    monkeypatch.setenv("CVTRACKER_SMTP_HOST", HOST)
    monkeypatch.setenv("CVTRACKER_SMTP_PORT", str(server.port))
    monkeypatch.setenv("CVTRACKER_SMTP_TLS", "none")
    monkeypatch.setenv("CVTRACKER_SMTP_FROM", SENDER)
    monkeypatch.setenv("CVTRACKER_NOTIFY_TO", NOIVU)
    result = cli("notify", "--as-of", "6/5/2022")  # no config file at all
    assert result.exit_code == 0, result.output
    assert server.handler.received[0].mail_from == SENDER


# --- TLS and AUTH ----------------------------------------------------------------------------


def test_starttls_with_a_private_ca_and_auth(cli, home, smtp, certs, monkeypatch):
    auth = Authenticator("cvtracker", PASSWORD)
    server = smtp(
        tls_context=certs.server_context(),
        require_starttls=True,
        authenticator=auth,
        auth_required=True,
    )
    configure(
        home,
        {
            "host": HOST,
            "port": server.port,
            "tls": "starttls",
            "user": "cvtracker",
            "from": SENDER,
            "ca_file": str(certs.ca),
            "timeout": 5,
        },
    )
    monkeypatch.setenv("CVTRACKER_SMTP_PASSWORD", PASSWORD)

    result = cli("notify", "--as-of", "6/5/2022")

    assert result.exit_code == 0, result.output
    assert auth.tries == 1
    assert len(server.handler.received) == 1
    assert PASSWORD not in result.output


def test_starttls_certificate_is_verified_by_default(cli, home, smtp, certs):
    server = smtp(tls_context=certs.server_context(), require_starttls=True)
    configure(home, plain(server.port, tls="starttls"))  # no ca_file: the system's CAs only
    result = cli("--lang", "en", "notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2  # the configuration: ca_file or the host's name
    assert f"cannot verify the TLS certificate of {HOST}:{server.port}" in err(result)
    assert server.handler.received == []
    assert sent_rows(home) == []


def test_verification_is_skipped_only_for_a_named_host(cli, home, smtp, certs):
    server = smtp(tls_context=certs.server_context(), require_starttls=True)
    configure(home, plain(server.port, tls="starttls", no_verify_hosts=[HOST]))
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 0, result.output
    assert len(server.handler.received) == 1


def test_implicit_tls(cli, home, smtp, certs):
    server = smtp(ssl_context=certs.server_context())
    configure(home, plain(server.port, tls="ssl", ca_file=str(certs.ca)))
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 0, result.output
    assert len(server.handler.received) == 1


def test_a_server_without_starttls_is_not_used_in_clear(cli, home, smtp):
    server = smtp()  # plain only
    configure(home, plain(server.port, tls="starttls"))
    result = cli("--lang", "en", "notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2  # a configuration mistake: a timer must not retry it
    assert "offers no STARTTLS" in err(result)
    assert server.handler.received == []


def test_wrong_password_fails_without_showing_it(cli, home, smtp, certs, tmp_path):
    server = smtp(
        tls_context=certs.server_context(),
        require_starttls=True,
        authenticator=Authenticator("cvtracker", "the-right-one"),
        auth_required=True,
    )
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o600)
    configure(
        home,
        plain(
            server.port,
            tls="starttls",
            user="cvtracker",
            ca_file=str(certs.ca),
            password_file=str(secret),
        ),
    )
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2  # 535: the password is wrong; retrying will not mend it
    assert "không chấp nhận đăng nhập của cvtracker: 535" in err(result)
    assert PASSWORD not in result.output
    assert "Traceback" not in result.output
    assert server.handler.received == []
    assert sent_rows(home) == []


def test_password_file_readable_by_others_is_refused(cli, home, tmp_path):
    secret = tmp_path / "password"
    secret.write_text(PASSWORD, encoding="utf-8")
    secret.chmod(0o644)
    configure(home, plain(2525, tls="ssl", user="cvtracker", password_file=str(secret)))
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert f"Tệp mật khẩu {secret} có quyền 0644" in err(result)
    assert "chmod 600" in err(result)
    assert PASSWORD not in result.output


def test_password_never_sent_in_clear_to_another_machine(cli, home, monkeypatch):
    # refused before any connection is attempted
    configure(home, plain(25, host="mail.tuyphong.example", user="cvtracker"))
    monkeypatch.setenv("CVTRACKER_SMTP_PASSWORD", PASSWORD)
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert "Không gửi mật khẩu qua kết nối không mã hóa" in err(result)
    assert PASSWORD not in result.output


def test_a_password_in_the_config_file_is_refused_unseen(cli, home):
    path = configure(home, plain(25))
    path.write_text(
        path.read_text(encoding="utf-8").replace("[smtp]", f'[smtp]\npassword = "{PASSWORD}"'),
        encoding="utf-8",
    )
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert "không ghi mật khẩu trong tệp cấu hình" in err(result)
    assert PASSWORD not in result.output


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "smtp_config", "message"),
    [
        (["--to", "not an address"], None, "Địa chỉ thư không hợp lệ: 'not an address' (--to)"),
        (["--soon", "-1"], None, "--soon cần số ngày làm việc từ 0 trở lên"),
        (["--as-of", "31/2/2022"], None, "Ngày không tồn tại"),
        ([], {"host": HOST, "tls": "tls1.3"}, "TLS 'tls1.3' không hợp lệ"),
        ([], {"host": HOST, "port": 70000}, "Cổng '70000' không hợp lệ"),
        ([], {"host": HOST, "hots": "x"}, "khóa không biết [smtp] hots"),
        ([], {"from": SENDER}, "Chưa cấu hình máy chủ thư"),
        ([], {"host": HOST}, "Chưa có địa chỉ gửi"),
    ],
)
def test_bad_input_exits_2(cli, home, args, smtp_config, message):
    configure(home, smtp_config or {"host": HOST, "from": SENDER})
    result = cli("notify", *(args if "--as-of" in args else ["--as-of", "6/5/2022", *args]))
    assert result.exit_code == 2, result.output
    assert message in err(result)
    assert len(err(result).strip().splitlines()) == 1
    assert not (home / "ledger.db").exists() or sent_rows(home) == []


def test_no_recipients(cli, home):
    configure(home, {"host": HOST, "from": SENDER}, {"soon": 3})
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert "Không có người nhận: dùng --to, CVTRACKER_NOTIFY_TO hoặc [notify] to" in err(result)


def test_unknown_unit_in_the_config(cli, home):
    configure(home, {"host": HOST, "from": SENDER}, {"units": {"phong khong co": "a@b.vn"}})
    result = cli("notify", "--as-of", "6/5/2022", "--per-unit")
    assert result.exit_code == 2
    assert "[notify.units] không có đơn vị 'phong khong co'" in err(result)


def test_invalid_toml(cli, home):
    home.mkdir(parents=True)
    (home / "config.toml").write_text("[smtp\nhost = 1\n", encoding="utf-8")
    result = cli("notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert "config.toml không hợp lệ" in err(result)


def test_sent_mail_is_append_only(cli, home, smtp):
    from sqlalchemy import text

    server = smtp()
    configure(home, plain(server.port))
    assert cli("notify", "--as-of", "6/5/2022").exit_code == 0
    ledger = open_ledger(ledger_url(home))
    with pytest.raises(Exception, match="append-only"), ledger.engine.begin() as conn:
        conn.execute(text("DELETE FROM sent_mail"))
    assert len(sent_rows(home)) == 1


def test_a_ledger_made_before_sent_mail_is_upgraded(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    url = database_url(str(tmp_path / "old.db"))
    with create_engine(url).begin() as conn:
        config = Config()
        config.set_main_option("script_location", "cvtracker:migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    assert open_ledger(url).sent_mail() == []


# --- review fixes ----------------------------------------------------------------------------


def test_to_values_are_split_on_commas_like_the_environment(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port))
    result = cli(
        "notify", "--as-of", "6/5/2022", "--to", "a@x.vn,b@x.vn", "--to", "Noi vu <c@x.vn>"
    )
    assert result.exit_code == 0, result.output
    (mail,) = server.handler.received
    assert mail.rcpt_tos == ["a@x.vn", "b@x.vn", "c@x.vn"]
    assert mail.message["To"] == "a@x.vn, b@x.vn, c@x.vn"
    assert [r["recipient"] for r in sent_rows(home)] == ["a@x.vn", "b@x.vn", "c@x.vn"]


@pytest.mark.parametrize(
    "value", ["a@x.vn b@x.vn", "a@x.vn <b@x.vn>", "<a@x.vn> <b@x.vn>", "a@x.vn;b@x.vn", "a@x.vn,"]
)
def test_to_refuses_anything_but_one_address_per_item(cli, home, smtp, value):
    server = smtp()
    configure(home, plain(server.port))
    result = cli("notify", "--as-of", "6/5/2022", "--to", value)
    if value.endswith(","):  # an empty item after a comma is skipped, as in the environment
        assert result.exit_code == 0, result.output
        assert server.handler.received[0].rcpt_tos == ["a@x.vn"]
        return
    assert result.exit_code == 2, result.output
    assert "Địa chỉ thư không hợp lệ" in err(result)
    assert "(--to)" in err(result)
    assert server.handler.received == []


def test_content_language_is_sent(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port))
    assert cli("notify", "--as-of", "6/5/2022").exit_code == 0
    assert cli("--lang", "en", "notify", "--as-of", "6/5/2022").exit_code == 0
    vi, en = server.handler.received
    assert vi.message["Content-Language"] == "vi"
    assert en.message["Content-Language"] == "en"


def test_due_today_on_the_last_on_time_day(cli, home, smtp):
    # Mon 30/5/2022: item 7 ("trước ngày 30/5/2022", rolled past Sunday 29/5) ends today;
    # it is not "0 working days left"
    server = smtp()
    configure(home, plain(server.port))
    assert cli("notify", "--as-of", "30/5/2022").exit_code == 0
    assert cli("--lang", "en", "notify", "--as-of", "30/5/2022").exit_code == 0
    vi, en = server.handler.received
    # Mon 30/5/2022: item 7 ("trước ngày 30/5/2022", rolled past Sunday 29/5) ends today
    text = vi.part("plain")
    assert ("  - 7 · trước ngày 30/5/2022 (hạn cuối 30/5/2022) · hạn cuối là hôm nay\n") in text
    assert "còn 0 ngày làm việc" not in text
    assert "hạn cuối là hôm nay" in vi.part("html")
    assert ("  - 7 · before 30/5/2022 (last day 30/5/2022) · due today\r\n") in en.part("plain")
    assert "0 working days left" not in en.part("plain")


def test_soon_counts_working_days_after_the_day_and_shows_what_status_shows(cli, home, smtp):
    # Fri 6/5/2022, --soon 1: the next working day is Mon 9/5, the last day of the May report
    # ("trước ngày 10/5"); status counts Fri 6 and Mon 9: 2 working days left
    server = smtp()
    configure(home, plain(server.port))
    result = cli("notify", "--as-of", "6/5/2022", "--soon", "1")
    assert result.exit_code == 0, result.output
    text = server.handler.received[0].part("plain")
    assert "Sắp đến hạn trong 1 ngày làm việc tới: 11" in text
    assert "  - 6 · trước ngày 10/5/2022 · còn 2 ngày làm việc\n" in text


def test_per_unit_without_unit_addresses_still_sends_the_digest(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port))  # [notify] to, no [notify.units]
    result = cli("notify", "--as-of", "6/5/2022", "--per-unit")
    assert result.exit_code == 0, result.output
    (mail,) = server.handler.received
    assert mail.rcpt_tos == [NOIVU]
    lines = err(result).strip().splitlines()
    assert len(lines) == 1
    assert "--per-unit" in lines[0] and "[notify.units]" in lines[0]
    assert len(sent_rows(home)) == 1


def test_per_unit_with_no_recipients_at_all_exits_2(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port), {"soon": 3})
    result = cli("notify", "--as-of", "6/5/2022", "--per-unit")
    assert result.exit_code == 2
    lines = err(result).strip().splitlines()
    assert len(lines) == 1
    assert "Không có người nhận" in lines[0] and "[notify.units]" in lines[0]
    assert server.handler.received == []


def test_per_unit_without_main_recipients_sends_the_unit_mails(cli, home, smtp):
    server = smtp()
    configure(home, plain(server.port), {"units": {"tu-phap": "tuphap@tuyphong.example"}})
    result = cli("notify", "--as-of", "6/5/2022", "--per-unit")
    assert result.exit_code == 0, result.output
    assert [m.rcpt_tos for m in server.handler.received] == [["tuphap@tuyphong.example"]]
    assert err(result) == ""


def test_english_reads_right_for_one(cli, home, smtp):
    server = smtp()
    server.handler.refuse.add("nobody@tuyphong.example")
    configure(
        home,
        plain(server.port),
        {"to": ["nobody@tuyphong.example"], "units": {"tu-phap": "tuphap@tuyphong.example"}},
    )
    # Phòng Tư pháp has done item 2: only item 3 is overdue for it on Sat 30/4 (its first day)
    assert cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022").exit_code == 0
    dry = cli("--lang", "en", "notify", "--as-of", "30/4/2022", "--soon", "1", "--dry-run",
              "--to", "a@x.vn")  # fmt: skip
    assert dry.exit_code == 0, dry.output
    assert "1 mail would be sent:" in dry.stdout

    result = cli("--lang", "en", "notify", "--as-of", "30/4/2022", "--soon", "1", "--per-unit")
    assert result.exit_code == 2
    assert "refused 1 recipient for good (see above)" in err(result)
    assert "1 recipients" not in err(result)
    (unit_mail,) = server.handler.received
    assert (
        unit_mail.message["Subject"] == "[cvtracker] Office of Justice: 1 item overdue – 30/4/2022"
    )
    text = unit_mail.part("plain")
    assert "  - 3 · before 30/4/2022 · 1 day overdue\r\n" in text
    assert "1 days" not in text
    assert "Falling due within the next working day:" in text
    assert "1 working days" not in text


def test_password_file_owned_by_someone_else_is_refused(cli, home, tmp_path):
    import os

    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    secret = tmp_path / "password"
    secret.write_text(PASSWORD, encoding="utf-8")
    secret.chmod(0o600)
    os.chown(secret, os.geteuid() + 4242, -1)
    configure(home, plain(2525, tls="ssl", user="cvtracker", password_file=str(secret)))
    result = cli("--lang", "en", "notify", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert f"the password file {secret} belongs to user {os.geteuid() + 4242}" in err(result)
    assert PASSWORD not in result.output
