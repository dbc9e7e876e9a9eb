"""The pure parts of the morning mail: the notice, the message, the configuration."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from cvtracker.compliance import Event
from cvtracker.config import Secret, SmtpConfig, check_address, load_config
from cvtracker.errors import InputError
from cvtracker.i18n import Translator
from cvtracker.mail import build_message, readable
from cvtracker.notify import build_notice, content_hash, for_unit, plan_letters, split_sent


def _event(number: int, unit: str, item: str, percent: float, on: dt.date) -> Event:
    return Event(number, unit, item, None, None, percent, on)


# --- the notice ------------------------------------------------------------------------------


def test_overdue_rows_oldest_first_and_soon_ones(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3)
    assert len(notice.overdue) == 64
    assert {r.occurrence.item for r in notice.overdue} == {"2", "3", "5a"}
    late_from = [r.occurrence.late_from for r in notice.overdue]
    assert late_from == sorted(late_from)
    assert {(s.row.occurrence.item, s.row.occurrence.period, s.days_left) for s in notice.soon} == {
        ("6", "2022-05", 2)
    }


def test_soon_counts_vietnamese_public_holidays(directive):
    # Tết 2024 is 8–14/2: on Wed 7/2 the report due "before 10/2" has 1 working day left
    day = dt.date(2024, 2, 7)
    one = build_notice(directive, [], [], day, 1)
    assert {(s.row.occurrence.period, s.days_left) for s in one.soon} == {("2024-02", 1)}
    assert build_notice(directive, [], [], dt.date(2024, 2, 5), 2).soon == ()


def test_soon_reaches_into_the_next_month(directive):
    # Tue 31/5/2022: the June report, due before 10/6, has 8 working days left (31/5 … 9/6)
    notice = build_notice(directive, [], [], dt.date(2022, 5, 31), 8)
    soon = {(s.row.occurrence.item, s.row.occurrence.period, s.days_left) for s in notice.soon}
    assert ("6", "2022-06", 8) in soon
    assert ("4", "2022-05", 1) in soon  # the May inspection, due through 31/5


def test_done_items_leave_the_list_and_change_the_hash(directive):
    day = dt.date(2022, 5, 6)
    before = build_notice(directive, [], [], day, 3)
    after = build_notice(directive, [], [_event(1, "tu-phap", "2", 100, day)], day, 3)
    assert len(after.overdue) == len(before.overdue) - 1
    assert content_hash(before, "vi") == content_hash(build_notice(directive, [], [], day, 3), "vi")
    assert content_hash(before, "vi") != content_hash(after, "vi")
    assert content_hash(before, "vi") != content_hash(before, "en")


def test_letters_digest_and_per_unit(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3)
    units = {"tu-phap": ("tp@x.vn",), "noi-vu": ("nv@x.vn",)}
    letters = plan_letters(directive, notice, ["a@x.vn"], units, per_unit=True, lang="vi")
    assert [(letter.recipients, letter.notice.unit) for letter in letters] == [
        (("a@x.vn",), None),
        (("tp@x.vn",), "tu-phap"),
        (("nv@x.vn",), "noi-vu"),
    ]
    assert plan_letters(directive, notice, [], units, per_unit=False, lang="vi") == []
    part = for_unit(notice, "tu-phap")
    assert {r.occurrence.unit for r in part.overdue} == {"tu-phap"}


def test_split_sent(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3)
    (letter,) = plan_letters(directive, notice, ["a@x.vn", "b@x.vn"], {}, per_unit=False, lang="vi")
    sent = {("a@x.vn", letter.content_hash)}
    [(_, todo, done)] = split_sent(
        letters=[letter], already_sent=lambda r, h: (r, h) in sent, force=False
    )
    assert (todo, done) == (("b@x.vn",), ("a@x.vn",))
    [(_, todo, done)] = split_sent([letter], lambda r, h: True, force=True)
    assert (todo, done) == (("a@x.vn", "b@x.vn"), ())


# --- the message -----------------------------------------------------------------------------


def test_message_headers_and_parts(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3)
    (letter,) = plan_letters(directive, notice, ["a@x.vn"], {}, per_unit=False, lang="en")
    now = dt.datetime(2022, 5, 6, 0, 30, tzinfo=dt.UTC)
    message = build_message(
        directive, letter, Translator("en"), sender="cv@x.vn", recipients=["a@x.vn"], now=now
    )
    assert message["Subject"] == "[cvtracker] 64 items overdue – 6/5/2022"
    assert message["Date"] == "Fri, 06 May 2022 00:30:00 +0000"
    assert message["X-Cvtracker-Hash"] == letter.content_hash
    assert message["Message-ID"].endswith("@x.vn>")
    text = readable(message)
    assert "To: a@x.vn" in text
    assert "Falling due within the next 3 working days: 11" in text
    assert "6 (period 5/2022): Monthly progress report" in text


# --- configuration ---------------------------------------------------------------------------


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_defaults_and_environment(tmp_path):
    path = _write(
        tmp_path,
        '[smtp]\nhost = "mail.x.vn"\nuser = "Bot@X.VN"\npassword_file = "pw"\n'
        '[notify]\nto = "a@x.vn, b@x.vn"\nsoon = 5\n[notify.units]\ntu-phap = "tp@x.vn"\n',
    )
    config = load_config({}, path)
    assert (config.smtp.tls, config.smtp.port, config.smtp.sender) == ("starttls", 587, "Bot@x.vn")
    assert config.smtp.password_file == tmp_path / "pw"
    assert config.smtp.verify
    assert config.notify.to == ("a@x.vn", "b@x.vn")
    assert config.notify.soon == 5
    assert config.notify.units == {"tu-phap": ("tp@x.vn",)}

    env = {
        "CVTRACKER_SMTP_HOST": "relay.x.vn",
        "CVTRACKER_SMTP_TLS": "SSL",
        "CVTRACKER_SMTP_FROM": "cv@x.vn",
        "CVTRACKER_SMTP_PASSWORD": "hunter2",
        "CVTRACKER_NOTIFY_TO": "z@x.vn",
    }
    config = load_config(env, path)
    assert (config.smtp.host, config.smtp.tls, config.smtp.port) == ("relay.x.vn", "ssl", 465)
    assert config.smtp.sender == "cv@x.vn"
    assert config.notify.to == ("z@x.vn",)
    password = config.smtp.password()
    assert password is not None and password.reveal() == "hunter2"
    assert "hunter2" not in repr(config)
    assert "hunter2" not in str(password) + repr(password)
    with pytest.raises(TypeError):
        pickle.dumps(password)


def test_missing_config_file_is_fine(tmp_path):
    config = load_config({}, tmp_path / "none.toml")
    assert config.smtp.host is None
    assert config.notify.to == ()


def test_no_verify_only_for_named_hosts():
    assert not SmtpConfig(host="Relay.local", no_verify_hosts=("relay.local",)).verify
    assert SmtpConfig(host="mail.x.vn", no_verify_hosts=("relay.local",)).verify


def test_password_file(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("p@ss word\n", encoding="utf-8")
    secret.chmod(0o600)
    password = SmtpConfig(password_file=secret).password()
    assert password is not None and password.reveal() == "p@ss word"
    secret.chmod(0o640)
    with pytest.raises(InputError) as error:
        SmtpConfig(password_file=secret).password()
    assert error.value.key == "password_file_open"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[smtp]\nport = "x"\n', "config_bad_port"),
        ("[smtp]\ntimeout = 0\n", "config_expect_positive"),
        ("[notify]\nsoon = -1\n", "config_expect_days"),
        ("[notify]\nto = 3\n", "config_expect_strings"),
        ('[notify]\nto = ["a@x.vn", "no-at-sign"]\n', "bad_address"),
        ('[mail]\nhost = "x"\n', "config_unknown_key"),
        ('smtp = "x"\n', "config_expect_table"),
    ],
)
def test_config_errors(tmp_path, text, key):
    with pytest.raises(InputError) as error:
        load_config({}, _write(tmp_path, text))
    assert error.value.key == key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a@X.VN", "a@x.vn"),
        ("Phòng Nội vụ <noivu@x.vn>", None),  # not ASCII
        ("Noi vu <noivu@x.vn>", "noivu@x.vn"),
        ("a@x.vn\r\nBcc: z@y.vn", None),
        ("root@localhost", "root@localhost"),
        ("@x.vn", None),
    ],
)
def test_check_address(value, expected):
    if expected is None:
        with pytest.raises(InputError):
            check_address(value, "--to")
    else:
        assert check_address(value, "--to") == expected


def test_secret_is_never_shown():
    secret = Secret("hunter2")
    assert "hunter2" not in f"{secret} {secret!r} {[secret]}"
