"""The pure parts of the morning mail: the notice, the message, the configuration."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
from pathlib import Path

import pytest

from cvtracker.compliance import Event
from cvtracker.config import NotifyConfig, Secret, SmtpConfig, check_address, load_config
from cvtracker.errors import InputError
from cvtracker.i18n import CATALOG, Translator, plural
from cvtracker.mail import build_message, readable, text_body
from cvtracker.notify import (
    Request,
    Send,
    build_notice,
    content_hash,
    for_unit,
    plan,
    plan_letters,
    settle,
    split_sent,
)
from cvtracker.schedule import Task


def _event(number: int, unit: str, item: str, percent: float, on: dt.date) -> Event:
    return Event(number, unit, item, None, None, percent, on)


# --- the notice ------------------------------------------------------------------------------


def test_overdue_rows_oldest_first_and_soon_ones(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3)
    assert len(notice.overdue) == 58  # items 2 and 3 of 29 units; 5a is undated
    assert {r.occurrence.item for r in notice.overdue} == {"2", "3"}
    late_from = [r.occurrence.late_from for r in notice.overdue]
    assert late_from == sorted(late_from)
    assert {(s.row.occurrence.item, s.row.occurrence.period, s.days_left) for s in notice.soon} == {
        ("6", "2022-05", 2)
    }


def test_soon_counts_vietnamese_public_holidays(directive):
    # Tết 2024 is 8–14/2: the report due "before 10/2" would end on Fri 9/2, a day of Tết, so
    # it ends on Thu 15/2, the first working day after it; on Wed 7/2 that is the next working
    # day, and 2 working days are left (7/2 and 15/2)
    day = dt.date(2024, 2, 7)
    one = build_notice(directive, [], [], day, 1)
    assert {(s.row.occurrence.period, s.days_left) for s in one.soon} == {("2024-02", 2)}
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
    [send] = split_sent(letters=[letter], already_sent=lambda r, h: (r, h) in sent, force=False)
    assert send == Send(letter, ("b@x.vn",), ("a@x.vn",))
    [send] = split_sent([letter], lambda r, h: True, force=True)
    assert send == Send(letter, ("a@x.vn", "b@x.vn"), ())


# --- the message -----------------------------------------------------------------------------


def test_message_headers_and_parts(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3)
    (letter,) = plan_letters(directive, notice, ["a@x.vn"], {}, per_unit=False, lang="en")
    now = dt.datetime(2022, 5, 6, 0, 30, tzinfo=dt.timezone.utc)
    message = build_message(
        directive, letter, Translator("en"), sender="cv@x.vn", recipients=["a@x.vn"], now=now
    )
    assert message["Subject"] == "[cvtracker] 58 items overdue – 6/5/2022"
    assert message["Date"] == "Fri, 06 May 2022 00:30:00 +0000"
    assert message["X-Cvtracker-Hash"] == letter.content_hash
    assert message["Message-ID"].endswith("@x.vn>")
    text = readable(message)
    assert "To: a@x.vn" in text
    assert "Falling due within the next 3 working days: 11" in text
    assert "  6: Monthly progress report" in text  # the items' titles, once
    assert "  - 6 · before 10/5/2022 · 2 working days left" in text


def test_tasks_due_the_same_day_come_in_their_order(directive):
    tasks = [
        Task(n, "tu-phap", f"Việc {n}", deadline_kind="before", deadline=dt.date(2022, 6, 15))
        for n in range(1, 12)
    ]
    numbers = [f"T{n}" for n in range(1, 12)]
    en = Translator("en")

    def shown(notice):
        return re.findall(r"^  - (T\d+):", text_body(directive, notice, en), re.MULTILINE)

    # Mon 13/6: due soon (last on-time day Tue 14/6); Thu 16/6: overdue
    soon = build_notice(directive, tasks, [], dt.date(2022, 6, 13), 3)
    assert [s.row.occurrence.task for s in soon.soon if s.row.occurrence.task] == numbers
    assert shown(soon)[-11:] == numbers
    late = build_notice(directive, tasks, [], dt.date(2022, 6, 16), 0)
    assert [r.occurrence.task for r in late.overdue if r.occurrence.task] == numbers
    assert shown(late) == numbers


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
        ("a@x.vn, b@x.vn", None),  # one address per item: split first
        ("a@x.vn <b@x.vn>", None),
        ("a@x.vn b@x.vn", None),
        ("a@x.vn (Noi vu)", "a@x.vn"),
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


# --- review fixes: one definition of "due soon", the plan, plurals, the password file ---------


def test_due_soon_is_the_nth_working_day_after_the_day_with_status_days_left(directive):
    # Fri 6/5/2022, --soon 1: Mon 9/5 is the next working day, the May report's last day
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 1)
    assert {(s.row.occurrence.item, s.row.occurrence.period, s.days_left) for s in notice.soon} == {
        ("6", "2022-05", 2)  # Fri 6 and Mon 9, as status counts
    }
    assert not any(s.due_today for s in notice.soon)
    # Mon 30/5/2022: item 7, "trước ngày 30/5/2022", rolled past Sunday 29/5 to today
    today = build_notice(directive, [], [], dt.date(2022, 5, 30), 1)
    sevens = [s for s in today.soon if s.row.occurrence.item == "7"]
    assert sevens and all(s.due_today for s in sevens)


def test_message_says_due_today_and_content_language(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 30), 3)
    (letter,) = plan_letters(directive, notice, ["a@x.vn"], {}, per_unit=False, lang="vi")
    now = dt.datetime(2022, 5, 30, 0, 30, tzinfo=dt.timezone.utc)
    message = build_message(
        directive, letter, Translator("vi"), sender="cv@x.vn", recipients=["a@x.vn"], now=now
    )
    assert message["Content-Language"] == "vi"
    assert ("trước ngày 30/5/2022 (hạn cuối 30/5/2022) · hạn cuối là hôm nay") in readable(message)


def test_settle_recipients(directive):
    configured = NotifyConfig(to=("nv@x.vn",), soon=2, units={"tu phap": ("tp@x.vn",)})
    request = settle(directive, configured, "c.toml", to=None, soon=None, per_unit=True)
    assert (request.to, request.units, request.soon_days) == (
        ("nv@x.vn",),
        {"tu-phap": ("tp@x.vn",)},
        2,
    )
    assert request.warnings == ()
    request = settle(
        directive, configured, "c.toml", to=["a@x.vn, b@x.vn", "c@x.vn"], soon=0, per_unit=False
    )
    assert (request.to, request.units, request.soon_days) == (("a@x.vn", "b@x.vn", "c@x.vn"), {}, 0)
    # --per-unit without unit addresses: the digest still goes, with a warning
    request = settle(
        directive, NotifyConfig(to=("nv@x.vn",)), "c.toml", to=None, soon=None, per_unit=True
    )
    assert [w.key for w in request.warnings] == ["mail_no_unit_addresses"]
    for per_unit, key in ((True, "mail_no_recipients_per_unit"), (False, "mail_no_recipients")):
        with pytest.raises(InputError) as error:
            settle(directive, NotifyConfig(), "c.toml", to=None, soon=None, per_unit=per_unit)
        assert error.value.key == key
    with pytest.raises(InputError) as error:
        settle(directive, configured, "c.toml", to=["a@x.vn b@x.vn"], soon=None, per_unit=False)
    assert error.value.key == "bad_address"
    with pytest.raises(InputError) as error:
        settle(directive, configured, "c.toml", to=None, soon=-1, per_unit=False)
    assert error.value.key == "notify_bad_soon"


def test_plan_is_pure(directive):
    request = Request(("a@x.vn", "b@x.vn"), {}, per_unit=False, soon_days=3)
    day = dt.date(2022, 5, 6)
    first = plan(
        directive, [], [], day, request, lang="vi", force=False, already_sent=lambda r, h: False
    )
    (send,) = first.sends
    assert (send.todo, send.done, first.lines) == (("a@x.vn", "b@x.vn"), (), ())
    sent = {("a@x.vn", send.letter.content_hash)}
    again = plan(
        directive, [], [], day, request, lang="vi", force=False,
        already_sent=lambda r, h: (r, h) in sent,
    )  # fmt: skip
    assert (again.sends[0].todo, again.sends[0].done) == (("b@x.vn",), ("a@x.vn",))
    assert [line.key for line in again.lines] == ["notify_already"]
    # nothing overdue on 27/4/2022: a reminder of what falls due; with --soon 0, no mail
    reminder = plan(
        directive, [], [], dt.date(2022, 4, 27), request, lang="vi", force=False,
        already_sent=lambda r, h: False,
    )  # fmt: skip
    assert reminder.notice.overdue == () and reminder.notice.soon
    assert reminder.sends[0].todo == ("a@x.vn", "b@x.vn")
    overdue_only = Request(("a@x.vn",), {}, per_unit=False, soon_days=0)
    quiet = plan(
        directive, [], [], dt.date(2022, 4, 27), overdue_only, lang="vi", force=False,
        already_sent=lambda r, h: False,
    )  # fmt: skip
    assert quiet.sends == () and [line.key for line in quiet.lines] == ["notify_nothing"]
    nothing = plan(
        directive, [], [], dt.date(2022, 4, 1), request, lang="vi", force=False,
        already_sent=lambda r, h: False,
    )  # fmt: skip
    assert nothing.sends == () and [line.key for line in nothing.lines] == ["notify_nothing_due"]


def test_english_singulars():
    en, vi = Translator("en"), Translator("vi")
    assert en.plural("days_overdue", 1, days=1) == "1 day overdue"
    assert en.plural("days_overdue", 2, days=2) == "2 days overdue"
    assert en.plural("working_days_left", 1, days=1) == "1 working day left"
    assert en.plural("working_days_left", 0, days=0) == "0 working days left"
    assert en.plural("days_late", 1, days=1) == "1 day late"
    assert en.plural("days_late", 3, days=3) == "3 days late"
    assert en(plural("notify_dry_run", 1), count=1).endswith("1 mail would be sent:")
    assert en(plural("mail_failed_after", 1), server="s", reason="r", sent=1).count("1 mail sent")
    assert vi.plural("days_overdue", 1, days=1) == "quá hạn 1 ngày"
    assert vi.plural("days_late", 1, days=1) == "trễ 1 ngày"
    assert vi.plural("working_days_left", 1, days=1) == "còn 1 ngày làm việc"
    assert plural("notify_nothing", 1) == "notify_nothing"  # no singular needed
    for key in CATALOG:
        if key.endswith("_1"):
            assert key[:-2] in CATALOG, key


def test_password_file_of_another_user(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    secret = tmp_path / "pw"
    secret.write_text("p@ss\n", encoding="utf-8")
    secret.chmod(0o600)
    os.chown(secret, os.geteuid() + 4242, -1)
    with pytest.raises(InputError) as error:
        SmtpConfig(password_file=secret).password()
    assert error.value.key == "password_file_owner"
    assert "p@ss" not in str(error.value)
