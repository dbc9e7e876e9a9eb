"""The directive as Phòng Nội vụ reads it, through the command line: the 90% rule on plan tasks,
5a, deadlines on days off, the directive's end, and the words a clerk trusts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from test_cli import add_task, as_json, find, ok, refused


def _said(result: Any) -> list[str]:
    """What a command said on stderr, but the one-time notice that a new ledger was made."""
    return [
        line
        for line in result.stderr.splitlines()
        if not line.startswith(("Đã tạo sổ ghi nhận mới", "Created a new ledger"))
    ]


def _events(cli: Any) -> list[dict[str, Any]]:
    return as_json(cli("history", "--json"))


# --- the 90% rule judges plan tasks only ------------------------------------------------------


def test_plan_tasks_at_90_percent_bar_nobody_whatever_the_items(cli: Any) -> None:
    """The issue's own test: every unit completed its plan tasks at ≥ 90%, and the directive's
    items are left unrecorded (all overdue): nobody is barred."""
    units = [u["id"] for u in as_json(cli("units", "--json"))]
    for n, unit in enumerate(units, 1):
        add_task(cli, unit, f"Nhiệm vụ {n}", f"Cán bộ {n}", before="1/6/2022")
    lines = ["unit,item,percent,on"]
    lines += [f"{unit},T{n},{90 + n % 11},20/5/2022" for n, unit in enumerate(units, 1)]
    batch = cli.home / "tasks.csv"
    cli.home.mkdir(parents=True, exist_ok=True)  # no SQLite file made it on PostgreSQL
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ok(cli("import", str(batch)))
    overdue = as_json(cli("overdue", "--as-of", "30/6/2022", "--json"))
    assert {r["item"] for r in overdue} >= {"2", "3", "4", "6"}
    results = as_json(cli("eligibility", "--year", "2022", "--as-of", "30/6/2022", "--json"))
    assert results and all(r["eligible"] is True for r in results), [
        r for r in results if r["eligible"] is not True
    ]
    out = " ".join(ok(cli("eligibility", "--year", "2022", "--as-of", "30/6/2022")).stdout.split())
    assert "không đủ điều kiện" not in out
    assert "không bị loại theo nội dung 4" in out


def test_a_task_on_its_last_day_bars_no_one_and_shows_due_today(cli: Any) -> None:
    add_task(cli, "tu-phap", "Rà soát TTHC", "Nguyễn Văn A", before="1/6/2022")
    on_last_day = as_json(cli("eligibility", "--as-of", "31/5/2022", "--json"))
    assert find(on_last_day, unit="tu-phap", person="Nguyễn Văn A")["eligible"] is None
    out = " ".join(ok(cli("status", "--unit", "tu-phap", "--as-of", "31/5/2022")).stdout.split())
    assert "hạn cuối là hôm nay" in out
    day_after = as_json(cli("eligibility", "--as-of", "1/6/2022", "--json"))
    assert find(day_after, unit="tu-phap", person="Nguyễn Văn A")["eligible"] is False


# --- recording that looks like a mistake is accepted, and said ------------------------------


def test_recording_into_a_completed_period_is_kept_and_said(cli: Any) -> None:
    ok(cli("record", "tu-phap", "6", "--period", "2022-06", "--done", "--on", "8/6/2022"))
    result = ok(cli("record", "tu-phap", "6", "--period", "2022-06", "--done", "--on", "9/6/2022"))
    assert _said(result) == [
        "Lưu ý: kỳ này đã hoàn thành ngày 8/6/2022 (ghi nhận #1); ghi nhận mới vẫn được lưu. "
        'Nếu ngày đó sai: cvtracker void 1 --reason "…"'
    ]
    assert len(_events(cli)) == 2


def test_an_exact_repeat_is_kept_and_said(cli: Any) -> None:
    args = ("record", "tu-phap", "2", "--percent", "50", "--on", "20/4/2022", "--evidence", "BB")
    assert _said(ok(cli(*args))) == []
    again = ok(cli(*args))
    (line,) = _said(again)
    first = _events(cli)[0]["id"]
    assert line == (
        f"Lưu ý: ghi nhận này trùng với ghi nhận #{first} (cùng tỷ lệ, ngày, minh chứng); "
        "vẫn được lưu"
    )
    assert len(_events(cli)) == 2


def test_a_lower_percent_is_kept_and_said(cli: Any) -> None:
    ok(cli("record", "tu-phap", "3", "--percent", "80", "--on", "20/4/2022"))
    result = ok(
        cli("--lang", "en", "record", "tu-phap", "3", "--percent", "60", "--on", "25/4/2022")
    )
    (line,) = _said(result)
    assert line.startswith("Note: 60% is lower than the previous record (#")
    assert "80%" in line
    # a higher one says nothing
    assert _said(ok(cli("record", "tu-phap", "3", "--percent", "90", "--on", "26/4/2022"))) == []
    assert [e["percent"] for e in _events(cli)] == [80, 60, 90]


# --- 5a: evaluate and scale up, undated, from 1/5/2022 ----------------------------------------


def test_5a_appears_on_1_5_2022_as_ongoing(cli: Any) -> None:
    rows = as_json(cli("status", "--item", "5a", "--as-of", "30/4/2022", "--json"))
    assert rows == []
    rows = as_json(cli("status", "--item", "5a", "--as-of", "1/5/2022", "--json"))
    assert len(rows) == 12  # the one-stop desks of the district and of the 11 communes
    assert {(r["state"], r["late_from"]) for r in rows} == {("open", None)}
    later = as_json(cli("overdue", "--as-of", "30/6/2025", "--json"))
    assert not [r for r in later if r["item"] == "5a"]


# --- deadlines that fall on a day off -----------------------------------------------------------


def test_a_report_sent_on_monday_11_7_2022_is_on_time(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(cli("record", "tu-phap", "6", "--period", "2022-07", "--done", "--on", "11/7/2022"))
    ok(cli("record", "tc-kh", "6", "--period", "2022-07", "--done", "--on", "12/7/2022"))
    rows = as_json(cli("status", "--item", "6", "--as-of", "31/7/2022", "--json"))
    july = {r["unit"]: r for r in rows if r["period"] == "2022-07"}
    assert (july["tu-phap"]["state"], july["tu-phap"]["late_from"]) == ("done", "2022-07-12")
    assert july["tc-kh"]["state"] == "late"
    assert july["vh-tt"]["days_overdue"] == 20  # 12/7 … 31/7
    monkeypatch.setenv("COLUMNS", "220")  # one line per row, so the words can be matched whole
    out = ok(cli("status", "--unit", "tu-phap", "--as-of", "31/7/2022")).stdout
    assert "trước ngày 10/7/2022 – hạn cuối 11/7/2022, do 9/7 là thứ Bảy" in out


# --- the directive's end ------------------------------------------------------------------------


def test_the_end_is_said_once_at_the_top_after_30_6_2025(cli: Any) -> None:
    before = ok(cli("status", "--as-of", "30/6/2025")).stdout
    assert "hiệu lực" not in before
    after = ok(cli("status", "--as-of", "1/7/2025")).stdout
    first = after.splitlines()[0]
    assert "chỉ còn hiệu lực đến hết ngày 30/6/2025" in " ".join(after.split())
    assert "Công văn 968/UBND-TH" in first
    assert " ".join(after.split()).count("hiệu lực") == 1
    english = " ".join(ok(cli("--lang", "en", "overdue", "--as-of", "1/7/2025")).stdout.split())
    assert "was in force through 30/6/2025" in english
    # scripts get the rows, unchanged
    rows = json.loads(ok(cli("status", "--as-of", "1/7/2025", "--json")).stdout)
    assert rows and isinstance(rows, list)
    assert max(r["period"] or "" for r in rows) == "2025-06"


def test_nothing_can_be_due_after_the_end(cli: Any) -> None:
    line = refused(cli("task", "add", "tu-phap", "Việc", "--through", "1/7/2025"))
    assert "30/6/2025" in line
    ok(cli("task", "add", "tu-phap", "Việc", "--through", "30/6/2025"))
    ok(cli("task", "add", "tu-phap", "Việc", "--before", "1/7/2025"))
    line = refused(
        cli("record", "tu-phap", "6", "--period", "2025-07", "--done", "--on", "1/7/2025")
    )
    assert "2025-06" in line
    ok(cli("record", "tu-phap", "6", "--period", "2025-06", "--done", "--on", "9/6/2025"))


def test_the_report_and_the_mail_say_the_end_at_the_top(directive: Any) -> None:
    import datetime as dt

    from cvtracker.i18n import Translator
    from cvtracker.mail import html_body, text_body
    from cvtracker.notify import build_notice
    from cvtracker.report import build_report
    from cvtracker.report.formats.markdown import markdown
    from cvtracker.report.view import view

    vi = Translator("vi")
    june = build_report(directive, [], [], "2025-06", dt.date(2025, 7, 1))
    shown = view(june, directive, vi)
    assert shown.notice is not None and "30/6/2025" in shown.notice
    assert markdown(shown, vi).splitlines()[2].startswith("> Công văn 968/UBND-TH chỉ còn")
    may = build_report(directive, [], [], "2025-05", dt.date(2025, 6, 1))
    assert view(may, directive, vi).notice is None
    notice = build_notice(directive, [], [], dt.date(2025, 7, 1), 0)
    body = text_body(directive, notice, vi)
    assert body.startswith("Công văn 968/UBND-TH chỉ còn hiệu lực đến hết ngày 30/6/2025")
    assert body.count("hiệu lực") == 1
    assert "chỉ còn hiệu lực" in html_body(directive, notice, vi)
    before = build_notice(directive, [], [], dt.date(2025, 6, 30), 0)
    assert "hiệu lực" not in text_body(directive, before, vi)


def test_record_says_the_result_in_a_clerks_keystrokes(cli: Any) -> None:
    out = ok(cli("record", "tu phap", "6", "-d", "-p", "6", "-o", "9/6/2022")).stdout
    assert out.splitlines()[-1] == "Kết quả: hoàn thành đúng hạn"
    out = ok(cli("record", "tu phap", "3", "--percent", "50", "-o", "3/5/2022")).stdout
    assert out.splitlines()[-1].startswith("Kết quả: 50% – quá hạn ")
    out = ok(cli("record", "tu phap", "6", "-d", "-p", "7", "-o", "12/7/2022")).stdout
    assert out.splitlines()[-1] == "Kết quả: hoàn thành quá hạn"


def test_one_person_one_name(cli: Any) -> None:
    add_task(cli, "tu-phap", "Việc một", "Nguyễn Văn A", before="1/6/2022")
    line = refused(
        cli(
            "task",
            "add",
            "tu-phap",
            "Việc hai",
            "--assignee",
            "Nguyen Van A",
            "--before",
            "1/6/2022",
        )
    )
    assert line.endswith(
        "Có phải 'Nguyễn Văn A'? Dùng đúng tên đó, hoặc thêm --new-person nếu 'Nguyen Van A' là "
        "người khác"
    )
    # another case or spacing is the same person, silently
    add_task(cli, "tu-phap", "Việc ba", "nguyễn  văn a", before="1/6/2022")
    # someone else indeed
    ok(
        cli(
            "task",
            "add",
            "tu-phap",
            "Việc bốn",
            "--assignee",
            "Nguyen Van A",
            "--new-person",
            "--before",
            "1/6/2022",
        )
    )
    tasks = as_json(cli("task", "list", "--json"))
    assert [t["assignee"] for t in tasks] == ["Nguyễn Văn A", "Nguyễn Văn A", "Nguyen Van A"]


def test_overdue_and_history_take_limit_and_since(cli: Any) -> None:
    rows = as_json(cli("overdue", "--as-of", "15/6/2022", "--json"))
    assert len(rows) > 5
    limited = as_json(cli("overdue", "--as-of", "15/6/2022", "--limit", "5", "--json"))
    assert limited == rows[:5]  # the oldest five
    out = ok(cli("overdue", "--as-of", "15/6/2022", "-l", "5")).stdout
    assert f"… và {len(rows) - 5} dòng khác; xem tất cả: cvtracker overdue --as-of 15/6/2022" in out
    recent = as_json(cli("overdue", "--as-of", "15/6/2022", "--since", "1/6/2022", "--json"))
    assert recent and all(r["late_from"] >= "2022-06-01" for r in recent)
    for n in range(3):
        ok(cli("record", "tu-phap", "3", "--percent", str(10 * (n + 1)), "--on", f"{n + 1}/5/2022"))
    events = as_json(cli("history", "--json"))
    assert [e["percent"] for e in as_json(cli("history", "--limit", "2", "--json"))] == [20, 30]
    assert as_json(cli("history", "--since", "hôm nay", "--json")) == events  # recorded today
    assert as_json(cli("history", "--since", "1/1/2099", "--json")) == []
