"""The morning mail stays readable: counts per unit, the oldest N rows of each unit, reminders."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cvtracker.compliance import Event
from cvtracker.config import load_config
from cvtracker.i18n import Translator
from cvtracker.mail import build_message, text_body
from cvtracker.notify import Notice, build_notice, capped, for_unit, plan_letters
from test_notify import NOIVU, configure, plain, smtp  # noqa: F401 (smtp: the fixture)

NOW = dt.datetime(2025, 6, 30, 0, 30, tzinfo=dt.timezone.utc)
LAST_DAY = dt.date(2025, 6, 30)  # the last day of district-level government


def _size(directive, notice, lang: str) -> int:
    (letter,) = plan_letters(directive, notice, [NOIVU], {}, per_unit=False, lang=lang)
    message = build_message(
        directive, letter, Translator(lang), sender="cv@x.vn", recipients=[NOIVU], now=NOW
    )
    return len(message.as_bytes())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_digest_of_an_unrecorded_ledger_stays_under_100_kb(directive, lang):
    notice = build_notice(directive, [], [], LAST_DAY, 3, max_rows=10)
    assert len(notice.overdue) > 1500  # megabytes when every row is listed
    assert _size(directive, notice, lang) < 100_000
    everything = build_notice(directive, [], [], LAST_DAY, 3, max_rows=0)
    assert _size(directive, everything, lang) > 200_000


def test_the_oldest_rows_of_each_unit_then_how_many_more_and_the_command(directive):
    notice = build_notice(directive, [], [], LAST_DAY, 3, max_rows=10)
    text = text_body(directive, notice, Translator("vi"))
    # counts per unit lead the mail, every row counted
    summary = text[text.index("Tóm tắt theo đơn vị:") :]
    assert "  Văn phòng HĐND&UBND huyện: 114 quá hạn, 2 sắp đến hạn\n" in summary
    assert "  Phòng Tư pháp: 77 quá hạn, 1 sắp đến hạn\n" in summary
    # then at most 10 rows per unit, the oldest, and the command that shows them all
    block = text[text.index("Phòng Tư pháp (77, đều chưa ghi nhận)") :]
    block = block[: block.index("\n\n")]
    rows = [line for line in block.splitlines() if line.startswith("  - ")]
    assert len(rows) == 10
    assert rows[0] == "  - 2 · trước ngày 30/4/2022 · quá hạn 1158 ngày"
    assert block.endswith(
        "  … và 67 nội dung khác; xem tất cả: cvtracker overdue --unit tu-phap --as-of 30/6/2025"
    )
    for group in capped(notice.overdue, 10):
        assert len(group.rows) == min(10, len(group.rows) + group.hidden)
    english = text_body(directive, notice, Translator("en"))
    assert "  … and 67 more; see them all: cvtracker overdue --unit tu-phap" in english


def test_a_unit_that_reported_some_shows_progress_on_each_row(directive):
    reported = Event(
        id=1,
        unit="tu-phap",
        item="6",
        task=None,
        period="2022-05",
        percent=40.0,
        on=dt.date(2022, 5, 5),
        evidence=None,
        note=None,
        by=None,
        recorded_at=NOW,
    )
    notice = build_notice(directive, [], [reported], dt.date(2022, 5, 11), 0, max_rows=10)
    text = text_body(directive, notice, Translator("vi"))
    assert "Phòng Tư pháp (3)\n" in text
    assert "  - 2 · trước ngày 30/4/2022 · quá hạn 12 ngày · chưa ghi nhận\n" in text
    assert "  - 6 · trước ngày 10/5/2022 · quá hạn 2 ngày · đạt 40%\n" in text
    assert "Phòng Văn hóa – Thông tin (3, đều chưa ghi nhận)\n" in text


def test_max_rows_per_unit_in_the_config(home, cli, smtp):  # noqa: F811
    configure(home, plain(1), {"to": [NOIVU], "max_rows_per_unit": 0})
    assert load_config().notify.max_rows_per_unit == 0
    configure(home, plain(1), {"to": [NOIVU]})
    assert load_config().notify.max_rows_per_unit == 10
    configure(home, plain(1), {"to": [NOIVU], "max_rows_per_unit": -1})
    result = cli("notify", "--dry-run", "--as-of", "6/5/2022")
    assert result.exit_code == 2
    assert "max_rows_per_unit phải là số nguyên từ 0 trở lên" in result.stderr

    server = smtp()
    configure(home, plain(server.port), {"to": [NOIVU], "max_rows_per_unit": 1})
    assert cli("notify", "--as-of", "11/5/2022").exit_code == 0
    text = server.handler.received[0].part("plain")
    assert "Phòng Tư pháp (3, đều chưa ghi nhận)\n  - 2 · trước ngày 30/4/2022" in text
    assert "  … và 2 nội dung khác; xem tất cả: cvtracker overdue --unit tu-phap" in text


# --- reminders ---------------------------------------------------------------------------------


def test_a_reminder_when_nothing_is_overdue(cli, home, smtp):  # noqa: F811
    server = smtp()
    configure(home, plain(server.port), {"to": [NOIVU], "units": {"tu-phap": "tp@x.vn"}})
    # every unit has done items 2 and 3 (and the one-stop desks 5a): nothing is overdue on
    # Fri 6/5/2022, and the May report is due before 10/5
    lines = ["unit,item,percent,on"]
    for unit in json.loads(cli("units", "--json").stdout):
        lines += [f"{unit['id']},{item},100,28/4/2022" for item in ("2", "3")]
    lines += [f"{u},5a,100,28/4/2022" for u in _one_stop_desks(cli)]
    (home / "done.csv").parent.mkdir(parents=True, exist_ok=True)
    (home / "done.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = cli("import", str(home / "done.csv"))
    assert imported.exit_code == 0, imported.output

    result = cli("notify", "--as-of", "6/5/2022", "--per-unit")

    assert result.exit_code == 0, result.output
    digest, unit = server.handler.received
    assert digest.message["Subject"] == "[cvtracker] 11 nội dung sắp đến hạn – ngày 6/5/2022"
    text = digest.part("plain")
    assert "tính đến ngày 6/5/2022: 0" in text
    assert "  - 6 · trước ngày 10/5/2022 · còn 2 ngày làm việc" in text
    assert unit.message["Subject"] == (
        "[cvtracker] Phòng Tư pháp: 1 nội dung sắp đến hạn – ngày 6/5/2022"
    )
    assert "Đã gửi: [cvtracker] 11 nội dung sắp đến hạn" in result.stdout

    # --soon 0: the overdue list only, as before reminders: nothing overdue, no mail
    quiet = cli("notify", "--as-of", "6/5/2022", "--soon", "0")
    assert quiet.exit_code == 0
    assert "Không có nội dung nào quá hạn ngày 6/5/2022; không gửi thư." in quiet.stdout
    assert len(server.handler.received) == 2

    # nothing overdue and nothing due soon: no mail, and it says so
    calm = cli("--lang", "en", "notify", "--as-of", "3/5/2022", "--soon", "1")
    assert calm.exit_code == 0
    assert "Nothing is overdue or falling due soon on 3/5/2022; no mail sent." in calm.stdout


def _one_stop_desks(cli) -> list[str]:
    items = json.loads(cli("items", "--json").stdout)
    (five_a,) = [i for i in items if i["id"] == "5a"]
    return list(five_a["assignees"])


def test_english_subject_for_one_item_falling_due(directive):
    notice = build_notice(directive, [], [], dt.date(2022, 5, 6), 3, max_rows=10)
    part = for_unit(notice, "tu-phap")
    part = Notice(part.day, part.soon_days, part.unit, (), part.soon, part.max_rows)
    (letter,) = plan_letters(directive, part, [NOIVU], {}, per_unit=False, lang="en")
    message = build_message(
        directive, letter, Translator("en"), sender="cv@x.vn", recipients=[NOIVU], now=NOW
    )
    assert message["Subject"] == "[cvtracker] Office of Justice: 1 item falling due soon – 6/5/2022"
