"""Every command through the CLI, in-process (typer's CliRunner), with its bad input."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI_ROW_KEYS
from cvtracker import __version__
from cvtracker.directive import json_schema
from cvtracker.settings import packaged_directive

HISTORY_KEYS = {
    "id",
    "unit",
    "item",
    "task",
    "period",
    "percent",
    "on",
    "evidence",
    "note",
    "by",
    "recorded_at",
    "voids",  # issue 9: the event a void voids
    "voided_by",  # issue 9: the void of a voided event
    "directive",  # issue 12: the directive it was recorded for
}


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich wraps tables to the terminal; a wide one keeps each cell on one line
    monkeypatch.setenv("COLUMNS", "200")


def as_terminal(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    """Output as rich lays it out for a terminal of ``width`` columns (read it through
    :func:`plain`): a pipe, as under CliRunner, is never wrapped."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", str(width))


def plain(result: Any) -> str:
    """A command's output with the terminal's colours taken out."""
    return re.sub(r"\x1b\[[0-9;]*m", "", ok(result).stdout)


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def add_task(cli: Any, unit: str, title: str, assignee: str, **deadline: str) -> None:
    """`task add UNIT TITLE --assignee NAME --before|--through DAY`, which must succeed."""
    ((kind, day),) = deadline.items()
    ok(cli("task", "add", unit, title, "--assignee", assignee, f"--{kind}", day))


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def refused(result: Any, code: int = 2) -> str:
    """One line on stderr, the exit code, no traceback, nothing on stdout; the line."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def snapshot(db: Path) -> Any:
    """Everything in the ledger file: events and tasks, row by row."""
    if not db.exists():
        return None
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("SELECT * FROM events ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM tasks ORDER BY id").fetchall(),
        )
    finally:
        conn.close()


def status(cli: Any, *args: str) -> list[dict[str, Any]]:
    return as_json(cli("status", "--json", *args))


def find(rows: list[dict[str, Any]], **wanted: Any) -> dict[str, Any]:
    (match,) = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    return match


# --- the directive -----------------------------------------------------------------------------


def test_units_json(cli: Any) -> None:
    units = as_json(cli("units", "--json"))
    assert len(units) == 29
    assert {"id", "name", "kind", "group", "one_stop", "named"} <= set(units[0])
    noi_vu = next(u for u in units if u["id"] == "noi-vu")
    assert noi_vu["name"] == "Phòng Nội vụ"
    assert sum(u["kind"] == "commune" for u in units) == 9
    assert sum(u["kind"] == "town" for u in units) == 2


def test_units_table(cli: Any) -> None:
    out = ok(cli("units")).stdout
    assert "Phòng Nội vụ" in out and "UBND xã Phước Thể" in out


def test_items_json(cli: Any) -> None:
    items = as_json(cli("items", "--json"))
    assert [i["id"] for i in items] == ["1", "2", "3", "4", "5a", "5b", "5c", "6", "7", "obstacles"]
    item6 = items[7]
    assert {"id", "title", "assignees"} <= set(item6)
    assert len(item6["assignees"]) == 11
    assert items[8]["assignees"] == ["noi-vu"]
    assert items[1]["deadline"]["kind"] == "before"
    assert items[1]["deadline"]["date"] == "2022-04-30"


def test_items_table(cli: Any) -> None:
    out = ok(cli("items")).stdout
    assert "trước ngày 30/4/2022" in out
    assert "sau đó (từ 1/5/2022)" in out


def test_validate_the_packaged_file(cli: Any) -> None:
    result = ok(cli("validate", str(packaged_directive())))
    assert "hợp lệ" in result.stdout
    assert "1 cảnh báo" in result.stdout
    (warning,) = result.stderr.splitlines()
    assert re.match(rf"{re.escape(str(packaged_directive()))}:\d+:\d+: ", warning)
    assert "2992/KH-UBND" in warning
    ok(cli("validate"))  # the directive in use


def broken_directive(tmp_path: Path) -> tuple[Path, str]:
    text = packaged_directive().read_text(encoding="utf-8")
    text = text.replace("  - id: noi-vu\n", "  - id: noi-vu\n    colour: red\n")
    text = text.replace("assignees: {units: [noi-vu]}", "assignees: {units: [noi-vuu]}")
    text = text.replace("day: 10\n", "day: ten\n")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_col(text: str, needle: str, at: str) -> str:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return f"{number}:{line.index(at) + 1}"
    raise AssertionError(needle)


def test_validate_a_broken_file_lists_every_error(cli: Any, tmp_path: Path) -> None:
    path, text = broken_directive(tmp_path)
    result = cli("--lang", "en", "validate", str(path))  # Vietnamese: tests/test_polish.py
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = [
        f"{path}:{line_col(text, 'colour: red', 'colour')}: unknown key 'colour'",
        f"{path}:{line_col(text, 'day: ten', 'ten')}: ",
        f"{path}:{line_col(text, '[noi-vuu]', 'noi-vuu')}: unknown unit 'noi-vuu'",
    ]
    assert len(lines) == 4, lines
    for line, start in zip(
        sorted(lines[:3], key=lambda x: int(x.split(":")[1])), expected, strict=True
    ):
        assert line.startswith(start), (line, start)
    assert "3" in lines[3] and lines[3].startswith("Error:")


def test_a_broken_directive_stops_every_command(cli: Any, tmp_path: Path) -> None:
    path, _ = broken_directive(tmp_path)
    result = cli("--directive", str(path), "status", "--as-of", "1/5/2022")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert any(line.startswith(f"{path}:") for line in result.stderr.splitlines())
    assert snapshot(cli.db) is None


def test_a_missing_directive_file(cli: Any, tmp_path: Path) -> None:
    result = cli("--lang", "en", "validate", str(tmp_path / "nowhere.yaml"))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"{tmp_path / 'nowhere.yaml'}: no such file"


def test_directive_from_the_environment(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = broken_directive(tmp_path)
    monkeypatch.setenv("CVTRACKER_DIRECTIVE", str(path))
    assert cli("units").exit_code == 2
    ok(cli("--directive", str(packaged_directive()), "units"))


def test_schema(cli: Any) -> None:
    assert as_json(cli("schema")) == json_schema()


# --- tasks -------------------------------------------------------------------------------------


def test_task_add_and_list(cli: Any) -> None:
    out = ok(cli("task", "add", "tu-phap", "Rà soát TTHC", "--assignee", "Nguyễn Văn A")).stdout
    assert "T1" in out
    added = as_json(
        cli("task", "add", "phong tu phap", "Báo cáo quý", "--before", "1/6/2022", "--json")
    )
    assert added == {
        "id": "T2",
        "unit": "tu-phap",
        "title": "Báo cáo quý",
        "item": "3",
        "assignee": None,
        "deadline_kind": "before",
        "deadline": "2022-06-01",
        "cancelled": False,
        "directive": "968/UBND-TH",
    }
    through = as_json(cli("task", "add", "gd-dt", "X", "--through", "2022-06-30", "--json"))
    assert (through["id"], through["deadline_kind"]) == ("T3", "through")
    listed = as_json(cli("task", "list", "--json"))
    assert [t["id"] for t in listed] == ["T1", "T2", "T3"]
    assert as_json(cli("task", "list", "--unit", "gd-dt", "--json"))[0]["id"] == "T3"
    table = ok(cli("task", "list")).stdout
    assert "Rà soát TTHC" in table and "trước ngày 1/6/2022" in table


def test_task_add_refuses_bad_input(cli: Any) -> None:
    ok(cli("task", "add", "tu-phap", "first"))
    before = snapshot(cli.db)
    for args in (
        ("task", "add", "tu-phap", "x", "--before", "1/6/2022", "--through", "1/6/2022"),
        ("task", "add", "tu-phap", "   "),
        ("task", "add", "zzz", "x"),
        ("task", "add", "tu-phap", "x", "--before", "31/2/2022"),
        ("task", "add", "tu-phap", "x", "--item", "5"),
        ("task", "add", "tu-phap", "x", "--item", "9"),
    ):
        refused(cli(*args))
    assert snapshot(cli.db) == before


# --- record ------------------------------------------------------------------------------------


def test_record_done_and_percent_with_decimals(cli: Any) -> None:
    out = ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--evidence", "BB 1"))
    assert "Phòng Tư pháp" in out.stdout
    recorded = as_json(
        cli(
            "record",
            "tu-phap",
            "3",
            "--percent",
            "89.5",
            "--on",
            "2022-04-29",
            "--json",
            "--by",
            "Lê Thị C",
            "--note",
            "thiếu phụ lục",
        )
    )
    assert recorded["percent"] == 89.5
    assert (recorded["on"], recorded["by"], recorded["note"]) == (
        "2022-04-29",
        "Lê Thị C",
        "thiếu phụ lục",
    )
    rows = status(cli, "--as-of", "1/5/2022", "--unit", "tu-phap")
    assert find(rows, item="2")["state"] == "done"
    assert find(rows, item="2")["completed_on"] == "2022-04-29"
    item3 = find(rows, item="3")
    assert (item3["state"], item3["percent"], item3["days_overdue"]) == ("overdue", 89.5, 2)


def test_record_a_period(cli: Any) -> None:
    for period in ("6/2022", "2022-07", "08/2022"):
        ok(cli("record", "tu-phap", "6", "--done", "--period", period, "--on", "5/8/2022"))
    periods = [e["period"] for e in as_json(cli("history", "--json"))]
    assert periods == ["2022-06", "2022-07", "2022-08"]


def test_record_infers_the_one_open_month(cli: Any) -> None:
    first = as_json(cli("record", "tu-phap", "6", "--done", "--on", "9/5/2022", "--json"))
    assert first["period"] == "2022-05"
    # record --json prints the event as history will show it
    assert first == as_json(cli("history", "--json"))[0]
    second = as_json(cli("record", "tu-phap", "6", "--done", "--on", "10/6/2022", "--json"))
    assert second["period"] == "2022-06"
    rows = status(cli, "--as-of", "30/6/2022", "--unit", "tu-phap", "--item", "6")
    assert [(r["period"], r["state"]) for r in rows] == [("2022-05", "done"), ("2022-06", "late")]


def test_record_refuses_to_guess_between_several_open_months(cli: Any) -> None:
    ok(cli("record", "tu-phap", "6", "--done", "--on", "9/5/2022"))
    before = snapshot(cli.db)
    line = refused(cli("record", "tu-phap", "6", "--done", "--on", "5/8/2022"))
    # each open period with its last day (July's rolled past Saturday 9/7) and what to add
    assert (
        "còn 3 kỳ chưa hoàn thành; chọn một kỳ (hạn cuối): 2022-06 (9/6/2022): … -p 2022-06; "
        "2022-07 (11/7/2022): … -p 2022-07; 2022-08 (9/8/2022): … -p 2022-08"
    ) in line
    assert snapshot(cli.db) == before
    # many open: the three nearest to the day, and how many others
    line = refused(cli("record", "tu-phap", "6", "--done", "--on", "15/12/2022"))
    assert "còn 7 kỳ chưa hoàn thành" in line
    assert "2022-10 (" in line and "2022-12 (" in line and "2022-06 (" not in line
    assert line.endswith("và 4 kỳ khác")
    # -p 12 is December of --on's year; --on 8/6 is this year's (or last year's) 8 June
    ok(cli("record", "tu-phap", "6", "-d", "-p", "12", "-o", "15/12/2022"))
    assert (
        find(status(cli, "--as-of", "31/12/2022"), unit="tu-phap", item="6", period="2022-12")[
            "state"
        ]
        == "late"  # due before 10/12
    )


def test_record_a_task(cli: Any) -> None:
    ok(cli("task", "add", "tu-phap", "Rà soát", "--before", "1/6/2022"))
    ok(cli("task", "add", "gd-dt", "Khác"))
    ok(cli("record", "tu-phap", "t1", "--percent", "95", "--on", "20/5/2022"))
    (row,) = [r for r in status(cli, "--as-of", "1/6/2022") if r["task"] == "T1"]
    assert (row["unit"], row["state"], row["percent"]) == ("tu-phap", "overdue", 95)
    before = snapshot(cli.db)
    refused(cli("record", "tu-phap", "T2", "--done", "--on", "20/5/2022"))  # gd-dt's task
    refused(cli("record", "tu-phap", "T9", "--done", "--on", "20/5/2022"))
    refused(cli("record", "tu-phap", "T1", "--done", "--on", "20/5/2022", "--period", "2022-05"))
    assert snapshot(cli.db) == before


BAD_RECORDS = [
    (("record", "zzz", "2", "--done", "--on", "1/5/2022"), "zzz"),
    (("record", "phong noi vuu", "2", "--done", "--on", "1/5/2022"), "noi-vu"),
    (("record", "phan", "2", "--done", "--on", "1/5/2022"), "phan-dung"),
    (("record", "tu-phap", "9", "--done", "--on", "1/5/2022"), "5a, 5b, 5c"),
    (("record", "tu-phap", "5", "--done", "--on", "1/5/2022"), "5a, 5b, 5c"),
    (("record", "tu-phap", "7", "--done", "--on", "1/5/2022"), "noi-vu"),
    (("record", "tu-phap", "2", "--done", "--on", "31/2/2022"), "31/2/2022"),
    (("record", "tu-phap", "2", "--done", "--on", "May 4"), "4/5/2022"),
    (("record", "tu-phap", "2", "--percent", "101", "--on", "1/5/2022"), "101"),
    (("record", "tu-phap", "2", "--percent", "-1", "--on", "1/5/2022"), "-1"),
    (("record", "tu-phap", "2", "--percent", "abc", "--on", "1/5/2022"), "abc"),
    (("record", "tu-phap", "2", "--percent", "nan", "--on", "1/5/2022"), "nan"),
    (("record", "tu-phap", "2", "--on", "1/5/2022"), "--done"),
    (("record", "tu-phap", "2", "--done", "--percent", "50", "--on", "1/5/2022"), "--done"),
    (("record", "tu-phap", "6", "--done", "--period", "13/2022", "--on", "1/5/2022"), "13/2022"),
    (("record", "tu-phap", "6", "--done", "--period", "2022-04", "--on", "1/5/2022"), "2022-05"),
    (("record", "tu-phap", "2", "--done", "--period", "2022-05", "--on", "1/5/2022"), "--period"),
    (("record", "tu-phap", "2", "--done", "--on", "1/1/2999"), "2999"),
]


@pytest.mark.parametrize(("args", "named"), BAD_RECORDS)
def test_bad_records_are_refused_and_write_nothing(
    cli: Any, args: tuple[str, ...], named: str
) -> None:
    ok(cli("record", "gd-dt", "2", "--done", "--on", "29/4/2022"))
    before = snapshot(cli.db)
    line = refused(cli(*args))
    assert line.startswith("Lỗi: ")
    assert named in line
    assert snapshot(cli.db) == before


def test_a_bad_date_as_of(cli: Any) -> None:
    line = refused(cli("status", "--as-of", "31/2/2022"))
    assert "31/2/2022" in line
    refused(cli("overdue", "--as-of", "garbage"))
    refused(cli("eligibility", "--year", "22"))
    refused(cli("status", "--unit", "phan", "--as-of", "1/5/2022"))
    refused(cli("status", "--item", "8", "--as-of", "1/5/2022"))


# --- status, overdue, eligibility, history -----------------------------------------------------


def test_status_json_contract(cli: Any) -> None:
    rows = status(cli, "--as-of", "15/5/2022")
    assert rows and all(set(r) == CLI_ROW_KEYS for r in rows)
    assert {r["state"] for r in rows} <= {"done", "late", "overdue", "open"}
    assert find(rows, unit="tu-phap", item="2") == {
        "unit": "tu-phap",
        "item": "2",
        "task": None,
        "period": None,
        "late_from": "2022-04-30",
        "state": "overdue",
        "percent": 0,
        "completed_on": None,
        "days_overdue": 16,
        "directive": "968/UBND-TH",
    }
    item5a = find(rows, unit="lien-huong", item="5a")
    # 5a: evaluate and scale up the pilots, undated, from 1/5/2022: never overdue
    assert (item5a["late_from"], item5a["state"], item5a["days_overdue"]) == (None, "open", None)
    item4 = find(rows, unit="tu-phap", item="4", period="2022-05")
    assert (item4["late_from"], item4["state"]) == ("2022-06-01", "open")
    # months up to and including the day's month, not beyond
    assert not [r for r in rows if r["period"] not in (None, "2022-05")]


def test_status_filters(cli: Any) -> None:
    rows = status(cli, "--as-of", "15/6/2022", "--unit", "Phòng Tư pháp")
    assert {r["unit"] for r in rows} == {"tu-phap"}
    rows = status(cli, "--as-of", "15/6/2022", "--item", "5")
    assert {r["item"] for r in rows} == {"5a", "5b", "5c"}
    assert len({r["unit"] for r in rows}) == 12
    rows = status(cli, "--as-of", "15/6/2022", "--item", "5.b", "--unit", "lien huong")
    assert [(r["item"], r["period"]) for r in rows] == [("5b", "2022-05"), ("5b", "2022-06")]


def test_status_dashboard_fits_a_screen(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    as_terminal(monkeypatch, 100)
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    out = plain(cli("status", "--as-of", "15/5/2022"))
    lines = out.splitlines()
    assert len(lines) <= 40
    assert all(len(line.rstrip()) <= 100 for line in lines)
    assert "Phòng Tư pháp" in out and "UBND xã Bình Thạnh" in out
    # the counts' headings wrap by words beside the full names
    assert all(w in out.split() for w in ("HT", "đúng", "quá", "Quá", "hạn", "Trong", "Thường"))
    tu_phap = next(line for line in lines if "Phòng Tư pháp" in line)
    # done, late, overdue, open, ongoing: item 2 done; 3 and 6 (2022-05) overdue; 4 (2022-05)
    # open; 1 and the closing clause have no date, so they are ongoing, never "not yet due"
    assert tu_phap.split()[-5:] == ["1", "0", "2", "1", "2"]


def test_status_rows_in_the_directives_words(cli: Any) -> None:
    ok(cli("record", "tu-phap", "6", "--done", "--on", "10/5/2022"))
    out = ok(cli("status", "--as-of", "15/5/2022", "--unit", "tu-phap")).stdout
    assert unicodedata.is_normalized("NFC", out)
    assert "trước ngày 30/4/2022" in out
    assert "trước ngày 10/5/2022" in out
    # "Định kỳ hàng tháng" gives no day: its words and the month, never an invented date
    assert "Định kỳ hàng tháng – tháng 5/2022" in out
    assert "31/5/2022" not in out
    assert "quá hạn 16 ngày" in out
    assert "hoàn thành quá hạn" in out
    # 15/5/2022 is a Sunday: 16–31 May has 12 working days
    assert "còn 12 ngày làm việc" in out
    assert "trong hạn" in out


def test_status_in_english(cli: Any) -> None:
    out = ok(cli("--lang", "en", "status", "--as-of", "15/5/2022", "--unit", "tu-phap")).stdout
    assert "before 30/4/2022" in out and "overdue" in out and "16 days overdue" in out
    assert "trước ngày" not in out


def test_overdue(cli: Any) -> None:
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    rows = as_json(cli("overdue", "--as-of", "1/5/2022", "--json"))
    assert rows and all(set(r) == CLI_ROW_KEYS and r["state"] == "overdue" for r in rows)
    assert {(r["item"], r["days_overdue"]) for r in rows} == {("2", 2), ("3", 2)}
    assert not [r for r in rows if r["unit"] == "tu-phap" and r["item"] == "2"]
    late_from = [r["late_from"] for r in rows]
    assert late_from == sorted(late_from)
    out = ok(cli("overdue", "--as-of", "1/5/2022")).stdout
    assert "quá hạn 2 ngày" in out
    assert "Không có" in ok(cli("overdue", "--as-of", "29/4/2022")).stdout
    assert as_json(cli("overdue", "--as-of", "29/4/2022", "--json")) == []


def test_eligibility_json_contract(cli: Any) -> None:
    add_task(cli, "tu-phap", "Rà soát", "Nguyễn Văn A", before="1/6/2022")
    add_task(cli, "tu-phap", "Tuyên truyền", "Trần Thị B", before="1/6/2022")
    ok(cli("record", "tu-phap", "T1", "--percent", "90", "--on", "20/5/2022"))
    ok(cli("record", "tu-phap", "T2", "--percent", "89.5", "--on", "20/5/2022"))
    results = as_json(cli("eligibility", "--year", "2022", "--as-of", "30/6/2022", "--json"))
    for entry in results:
        assert set(entry) == {
            "unit", "person", "eligible", "failing", "rated_by_issuer", "directive"
        }  # fmt: skip
        for failing in entry["failing"]:
            assert set(failing) == {"item", "task", "period", "percent", "reported"}
    heads = [r for r in results if r["person"] is None]
    assert len(heads) == 29
    person_a = find(results, unit="tu-phap", person="Nguyễn Văn A")
    assert person_a == {
        "unit": "tu-phap",
        "person": "Nguyễn Văn A",
        "eligible": True,
        "failing": [],
        "rated_by_issuer": True,
        "directive": "968/UBND-TH",
    }
    person_b = find(results, unit="tu-phap", person="Trần Thị B")
    assert person_b["failing"] == [
        {"item": "3", "task": "T2", "period": None, "percent": 89.5, "reported": True}
    ]
    head = find(results, unit="tu-phap", person=None)
    assert head["eligible"] is False
    # only plan tasks are judged: item 2, never recorded, does not bar the head
    assert [f["task"] for f in head["failing"]] == ["T2"]
    # a head with no task come due is neither eligible nor barred; the police are rated apart
    police = find(results, unit="cong-an", person=None)
    assert (police["eligible"], police["rated_by_issuer"]) == (None, False)
    add_task(cli, "cong-an", "Niêm yết TTHC", "Lê Văn C", before="1/6/2022")
    out = " ".join(ok(cli("eligibility", "--year", "2022", "--as-of", "30/6/2022")).stdout.split())
    assert "Nguyễn Văn A" in out and "không bị loại theo nội dung 4" in out
    assert "không đủ điều kiện xét hoàn thành tốt nhiệm vụ trở lên (nội dung 4)" in out
    assert "Chưa có nhiệm vụ đến hạn (" in out
    assert "thông báo để cơ quan quản lý xem xét" in out


def test_eligibility_of_a_past_year_is_judged_at_its_end(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from cvtracker import settings

    add_task(cli, "tu-phap", "Một", "Nguyễn Văn A", before="1/12/2022")
    add_task(cli, "tu-phap", "Hai", "Nguyễn Văn A", through="14/12/2022")
    add_task(cli, "tu-phap", "Ba", "Nguyễn Văn A", through="13/12/2022")
    monkeypatch.setattr(settings, "today", lambda now=None: dt.date(2023, 3, 1))
    # judged as of 14/12/2022, the day before the rating deadline (rating.judged_before 15/12):
    # T2's last day is 14/12 itself, so it has not passed; T3's (13/12) has
    results = as_json(cli("eligibility", "--year", "2022", "--json"))
    head = find(results, unit="tu-phap", person=None)
    assert [f["task"] for f in head["failing"]] == ["T1", "T3"]
    later = as_json(cli("eligibility", "--year", "2022", "--as-of", "15/12/2022", "--json"))
    assert [f["task"] for f in find(later, unit="tu-phap", person=None)["failing"]] == [
        "T1",
        "T2",
        "T3",
    ]
    # on 14/12/2022 itself the same day is judged; on 13/12, today
    monkeypatch.setattr(settings, "today", lambda now=None: dt.date(2022, 12, 14))
    same = as_json(cli("eligibility", "--year", "2022", "--json"))
    assert [f["task"] for f in find(same, unit="tu-phap", person=None)["failing"]] == [
        "T1",
        "T3",
    ]
    monkeypatch.setattr(settings, "today", lambda now=None: dt.date(2022, 12, 13))
    early = as_json(cli("eligibility", "--year", "2022", "--json"))
    assert [f["task"] for f in find(early, unit="tu-phap", person=None)["failing"]] == ["T1"]


def test_history(cli: Any) -> None:
    assert ok(cli("history")).stdout.strip() == "Chưa có ghi nhận nào."
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--evidence", "[BB] số 1"))
    ok(cli("record", "gd-dt", "6", "--percent", "50", "--on", "9/5/2022", "--by", "An"))
    events = as_json(cli("history", "--json"))
    assert [set(e) for e in events] == [HISTORY_KEYS, HISTORY_KEYS]
    assert events[1]["unit"] == "gd-dt" and events[1]["period"] == "2022-05"
    assert events[1]["on"] == "2022-05-09" and events[1]["by"] == "An"
    assert [e["id"] for e in as_json(cli("history", "gd-dt", "--json"))] == [events[1]["id"]]
    assert [e["id"] for e in as_json(cli("history", "tu-phap", "2", "--json"))] == [events[0]["id"]]
    assert as_json(cli("history", "tu-phap", "6", "--json")) == []
    out = ok(cli("history")).stdout
    assert "[BB] số 1" in out  # text shown as typed, not taken for markup


def test_text_in_brackets_is_shown_as_typed(cli: Any) -> None:
    add_task(cli, "tu-phap", "[red]Kế hoạch[/red]", "[/a]", before="1/6/2022")
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022", "--note", "[/x] ghi chú"))
    assert "[red]Kế hoạch[/red]" in ok(cli("task", "list")).stdout
    assert "[/x] ghi chú" in ok(cli("history")).stdout
    assert "[/a]" in ok(cli("eligibility", "--as-of", "30/6/2022")).stdout


# --- import ------------------------------------------------------------------------------------


def test_import_csv(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "unit,item,period,percent,done,on,evidence,note,by\n"
        "tu-phap,2,,,x,29/4/2022,Biên bản,,Lan\n"
        "Phòng Tư pháp,6,,,yes,9/5/2022,,,\n"
        'tu-phap,6,,90.5,,9/6/2022,,"ghi chú, có dấu phẩy",\n',
        encoding="utf-8",
    )
    out = ok(cli("import", str(path))).stdout
    assert "3" in out
    events = as_json(cli("history", "--json"))
    assert [(e["item"], e["period"], e["percent"]) for e in events] == [
        ("2", None, 100),
        ("6", "2022-05", 100),
        ("6", "2022-06", 90.5),
    ]
    assert events[0]["by"] == "Lan" and events[2]["note"] == "ghi chú, có dấu phẩy"


def test_import_jsonl(cli: Any, tmp_path: Path) -> None:
    ok(cli("task", "add", "gd-dt", "Rà soát", "--before", "1/6/2022"))
    path = tmp_path / "events.jsonl"
    rows = [
        {"unit": "gd-dt", "item": "T1", "percent": 89.5, "on": "2022-05-20"},
        {"unit": "Văn phòng HĐND&UBND huyện", "item": "5.a", "done": True, "on": "30/4/2022"},
        {
            "unit": "vp-hdnd-ubnd",
            "item": "4",
            "period": "5/2022",
            "percent": "100",
            "on": "31/5/2022",
        },
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    ok(cli("import", str(path)))
    events = as_json(cli("history", "--json"))
    assert [(e["unit"], e["item"], e["task"], e["period"], e["percent"]) for e in events] == [
        ("gd-dt", "3", "T1", None, 89.5),
        ("vp-hdnd-ubnd", "5a", None, None, 100),
        ("vp-hdnd-ubnd", "4", None, "2022-05", 100),
    ]


def test_import_csv_with_bad_rows_imports_nothing(cli: Any, tmp_path: Path) -> None:
    ok(cli("record", "gd-dt", "2", "--done", "--on", "29/4/2022"))
    before = snapshot(cli.db)
    path = tmp_path / "events.csv"
    path.write_text(
        "unit,item,period,percent,on\n"
        "tu-phap,2,,100,29/4/2022\n"  # 2: good
        "zzz,2,,100,29/4/2022\n"  # 3: unknown unit
        "tu-phap,2,,101,29/4/2022\n"  # 4: percent
        "tu-phap,2,,100,31/2/2022\n"  # 5: date
        "tu-phap,6,13/2022,100,9/5/2022\n"  # 6: month
        "tu-phap,5,,100,29/4/2022\n"  # 7: item 5 needs its sub-item
        "tu-phap,3,,100,29/4/2022\n",  # 8: good
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    named = [
        int(m.group(1))
        for line in lines
        if (m := re.match(rf"{re.escape(str(path))}:(\d+): ", line))
    ]
    assert named == [3, 4, 5, 6, 7]
    assert lines[-1].startswith("Lỗi: 5 ")
    assert snapshot(cli.db) == before


def test_import_jsonl_with_bad_rows_imports_nothing(cli: Any, tmp_path: Path) -> None:
    ok(cli("record", "gd-dt", "2", "--done", "--on", "29/4/2022"))
    before = snapshot(cli.db)
    path = tmp_path / "events.jsonl"
    path.write_text(
        '{"unit": "tu-phap", "item": "2", "done": true, "on": "29/4/2022"}\n'
        "{not json\n"
        '{"unit": "tu-phap", "item": "2", "percent": "abc", "on": "29/4/2022"}\n'
        '{"unit": "tu-phap", "item": "2", "colour": "red", "percent": 1, "on": "29/4/2022"}\n'
        '{"unit": "tu-phap", "item": "2", "percent": 1}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.exit_code == 2
    named = [
        line.split(":")[1] for line in result.stderr.splitlines() if line.startswith(str(path))
    ]
    assert named == ["2", "3", "4", "5", "6"]
    assert snapshot(cli.db) == before


def test_import_refuses_unknown_formats_and_missing_files(cli: Any, tmp_path: Path) -> None:
    other = tmp_path / "events.txt"
    other.write_text("x")
    refused(cli("import", str(other)))
    refused(cli("import", str(tmp_path / "missing.csv")))
    empty = tmp_path / "empty.csv"
    empty.write_text("unit,item,percent,on\n")
    refused(cli("import", str(empty)))


# --- global options ----------------------------------------------------------------------------


def test_version(cli: Any) -> None:
    assert ok(cli("--version")).stdout.strip() == f"cvtracker {__version__}"


def test_lang_from_the_environment(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVTRACKER_LANG", "en")
    line = refused(cli("record", "zzz", "2", "--done", "--on", "1/5/2022"))
    assert line.startswith("Error: unknown unit 'zzz'")
    assert "Progress on" in ok(cli("status", "--as-of", "1/5/2022")).stdout
    # the option wins over the environment
    line = refused(cli("--lang", "vi", "record", "zzz", "2", "--done", "--on", "1/5/2022"))
    assert line.startswith("Lỗi: Không tìm thấy đơn vị 'zzz'")


def test_a_bad_language(cli: Any) -> None:
    assert "xx" in refused(cli("--lang", "xx", "units"))


def test_db_option_and_environment(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other" / "ledger.sqlite"
    ok(cli("--db", str(other), "record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    assert other.exists() and not cli.db.exists()
    assert len(as_json(cli("--db", str(other), "history", "--json"))) == 1
    monkeypatch.setenv("CVTRACKER_DB", f"sqlite:///{other}")
    assert len(as_json(cli("history", "--json"))) == 1
    assert as_json(cli("--db", str(tmp_path / "third.db"), "history", "--json")) == []


@pytest.mark.sqlite_only("the default ledger is a SQLite file in CVTRACKER_HOME")
def test_default_database_is_in_cvtracker_home(cli: Any) -> None:
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    assert cli.db.exists()


def test_a_db_that_is_not_a_database(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    content = b"SQLite format 2? no, just notes\n" * 100
    path.write_bytes(content)
    for args in (
        ("status", "--as-of", "1/5/2022"),
        ("record", "tu-phap", "2", "--done", "--on", "29/4/2022"),
        ("history",),
    ):
        line = refused(cli("--db", str(path), *args))
        assert "notes.txt" in line
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("notes")) == ["notes.txt"]


def test_a_db_in_a_folder_that_cannot_exist_is_a_failure(cli: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = refused(
        cli(
            "--db",
            str(blocker / "ledger.db"),
            "record",
            "tu-phap",
            "2",
            "--done",
            "--on",
            "1/4/2022",
        ),
        1,
    )
    assert "ledger.db" in line


def test_reading_a_ledger_that_does_not_exist_creates_nothing(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "typo" / "ledger.db"
    for command in (
        ["history"],
        ["status", "--as-of", "1/6/2022"],
        ["task", "list"],
        ["overdue", "--as-of", "1/6/2022"],
        ["eligibility", "--year", "2022"],
    ):
        ok(cli("--db", str(target), *command))
    assert not target.parent.exists()
    # the first write creates it
    ok(cli("--db", str(target), "record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    assert target.exists()


def test_bad_record_input_on_a_new_home_creates_no_ledger(cli: Any) -> None:
    refused(cli("record", "tu-phap", "3", "--done", "--on", "1/1/2099"))
    refused(cli("record", "tu-phap", "6", "--done", "--on", "1/4/2022"))
    refused(cli("record", "tu-phap", "2", "--done", "--period", "2022-05", "--on", "1/5/2022"))
    assert not cli.db.exists()


def test_history_of_an_unknown_task_is_refused(cli: Any) -> None:
    line = refused(cli("history", "tu-phap", "T99"))
    assert "T99" in line


def test_eligibility_refuses_a_year_outside_the_calendar(cli: Any) -> None:
    for year in ("0000", "20222", "abcd", "1000"):
        refused(cli("eligibility", "--year", year))


def test_a_task_due_on_a_day_off_counts_once_the_rolled_day_has_passed(cli: Any) -> None:
    # "đến hết ngày 31/12/2022" is a Saturday; 2/1/2023 is the observed New Year: last day 3/1
    add_task(cli, "tu-phap", "Báo cáo năm", "Nguyễn Văn A", through="31/12/2022")
    for day, eligible in (("31/12/2022", None), ("3/1/2023", None), ("4/1/2023", False)):
        rows = as_json(cli("eligibility", "--year", "2022", "--as-of", day, "--json"))
        person = next(r for r in rows if r["person"] == "Nguyễn Văn A")
        assert person["eligible"] is eligible, day
    assert person["failing"] == [
        {"item": "3", "task": "T1", "period": None, "percent": 0, "reported": False}
    ]


def test_a_db_that_is_a_directory(cli: Any, tmp_path: Path) -> None:
    refused(cli("--db", str(tmp_path), "history"))


def test_task_add_keeps_one_spelling_per_person_and_only_the_units_items(cli: Any) -> None:
    add_task(cli, "tu-phap", "Việc một", "Nguyễn Văn A", before="1/6/2022")
    add_task(cli, "tu-phap", "Việc hai", "nguyễn  văn a", before="1/6/2022")
    tasks = json.loads(ok(cli("task", "list", "--json")).stdout)
    assert [t["assignee"] for t in tasks] == ["Nguyễn Văn A", "Nguyễn Văn A"]
    rows = json.loads(ok(cli("eligibility", "--as-of", "1/6/2022", "--json")).stdout)
    assert [r["person"] for r in rows if r["person"]] == ["Nguyễn Văn A"]
    line = refused(cli("task", "add", "noi-vu", "Báo cáo", "--item", "6"))
    assert "noi-vu" in line


def test_eligibility_says_when_nothing_has_come_due(cli: Any) -> None:
    out = ok(cli("eligibility", "--as-of", "28/4/2022")).stdout
    assert "Chưa có nhiệm vụ đến hạn (" in out
    assert "không đủ điều kiện" not in out


def test_history_keeps_every_field_on_an_80_column_terminal(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(
        cli(
            "record",
            "vh-tt",
            "6",
            "--done",
            "--on",
            "9/5/2022",
            "--by",
            "Nguyễn Thị Lan",
            "--evidence",
            "Báo cáo số 52/BC-VHTT",
            "--note",
            "gửi qua hệ thống",
        )
    )
    as_terminal(monkeypatch, 80)
    out = plain(cli("history"))
    assert all(len(line.rstrip()) <= 80 for line in out.splitlines())
    flat = " ".join(out.split())
    for text in ("Nguyễn Thị Lan", "52/BC-VHTT", "gửi qua hệ thống", "9/5/2022"):
        # wrapped within its cell, but every word kept
        assert all(word in flat for word in text.split()), text
    assert all(w in flat for w in ["báo", "cáo", "hạn", "trước", "ngày", "10/5/2022"])
