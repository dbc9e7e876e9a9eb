"""Issue 9, "import what offices have" and `export`: CSV with , or ; in UTF-8 (with or without a
BOM), UTF-16 and Windows-1258, Excel workbooks, Vietnamese column headers, a progress bar on a
terminal only; and `export`, which `import` reads back unchanged (a round trip per format and
per encoding), on real SQLite files."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from cvtracker import exporter, importer

openpyxl = pytest.importorskip("openpyxl")


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def refused(result: Any) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    return result.stderr


def history(cli: Any, db: Path) -> list[dict[str, Any]]:
    return json.loads(ok(cli("--db", str(db), "history", "--json")).stdout)


def without_ids(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k not in ("id", "recorded_at")} for e in events]


def fingerprint(db: Path) -> str:
    """What the ledger holds, read through SQLite (a checkpoint moves bytes between the -wal
    file and the database without changing a row)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return "\n".join(conn.iterdump())


def event_count(db: Path) -> int:
    if not db.exists():
        return 0
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def fill(cli: Any, db: Path) -> None:
    """A ledger with what a year of records holds: one-off and monthly items, a task, decimals,
    Vietnamese text with every kind of mark, commas, semicolons, quotes and a tab."""
    d = ("--db", str(db))
    ok(cli(*d, "task", "add", "gd-dt", "Rà soát thủ tục", "--before", "1/6/2022"))
    records = [
        ("tu-phap", "2", "--done", "--on", "29/4/2022", "--evidence", "Biên bản số 5/BB-TP"),
        ("tu-phap", "6", "--period", "2022-05", "--percent", "50", "--on", "8/5/2022"),
        ("tu-phap", "6", "--period", "2022-05", "--done", "--on", "9/5/2022", "--by", "Lê Thị Ộ"),
        ("gd-dt", "T1", "--percent", "89.5", "--on", "20/5/2022", "--note", "còn 2 thủ tục"),
        ("gd-dt", "T1", "--percent", "33.333333333333336", "--on", "21/5/2022"),
        (
            "vp-hdnd-ubnd",
            "4",
            "--period",
            "2022-05",
            "--percent",
            "95",
            "--on",
            "31/5/2022",
            "--evidence",
            'BC "số 12", ngày 31/5; đã gửi',
            "--note",
            "Nguyễn Văn Ữ\tkiểm tra; xong",
            "--by",
            "Trần Thị Bích Ngọc",
        ),
        ("Phòng Tư pháp", "3", "--done", "--on", "28/4/2022", "--by", "Đặng Quốc Việt"),
    ]
    for args in records:
        ok(cli(*d, "record", *args))


CASES = [
    ("csv", None),  # UTF-8 with a BOM, the default
    ("csv", "utf-8"),
    ("csv", "utf-16"),
    ("csv", "utf-16-le"),  # no BOM
    ("csv", "utf-16-be"),
    ("csv", "windows-1258"),
    ("jsonl", None),  # UTF-8
    ("jsonl", "utf-8-sig"),
    ("jsonl", "utf-16"),
    ("jsonl", "utf-16-le"),
    ("jsonl", "windows-1258"),
    ("xlsx", None),
]


@pytest.mark.parametrize(("fmt", "encoding"), CASES)
@pytest.mark.parametrize("told", [False, True], ids=["detected", "--encoding"])
def test_export_then_import_gives_the_same_history(
    cli: Any, tmp_path: Path, fmt: str, encoding: str | None, told: bool
) -> None:
    if told and encoding is None:
        pytest.skip("nothing to tell")
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    fill(cli, first)
    out = tmp_path / f"events.{fmt}"
    args = ["--db", str(first), "export", "--format", fmt, "-o", str(out)]
    if encoding:
        args += ["--encoding", encoding]
    result = ok(cli(*args))
    assert "7" in result.stderr and result.stdout == ""
    # the tasks come with the ledger they belong to (`task add`), the events with the file
    ok(cli("--db", str(second), "task", "add", "gd-dt", "Rà soát thủ tục", "--before", "1/6/2022"))
    again = ["--db", str(second), "import", str(out)]
    if told:
        again += ["--encoding", str(encoding)]
    ok(cli(*again))
    assert without_ids(history(cli, second)) == without_ids(history(cli, first))


def test_export_writes_the_encoding_asked(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    fill(cli, db)
    default = ok(cli("--db", str(db), "export")).stdout_bytes
    assert default.startswith(b"\xef\xbb\xbfunit,item,period,percent,on,evidence,note,by\r\n")
    assert b"tu-phap,6,2022-05,50,2022-05-08,,," in default
    assert b"gd-dt,T1,,89.5,2022-05-20,,c\xc3\xb2n 2 th\xe1\xbb\xa7 t\xe1\xbb\xa5c," in default
    utf16 = ok(cli("--db", str(db), "export", "--encoding", "utf-16")).stdout_bytes
    assert utf16.startswith(b"\xff\xfe") or utf16.startswith(b"\xfe\xff")
    cp = ok(cli("--db", str(db), "export", "--encoding", "windows-1258")).stdout_bytes
    text = cp.decode("cp1258")
    # "Ộ" has no letter of its own in Windows-1258: "Ô" and a combining dot below
    assert "Lê Thi\u0323 Ô\u0323" in text
    assert unicodedata.normalize("NFC", text) == default.decode("utf-8-sig")
    lines = ok(cli("--db", str(db), "export", "--format", "jsonl")).stdout.splitlines()
    assert json.loads(lines[0]) == {
        "unit": "tu-phap",
        "item": "2",
        "period": None,
        "percent": 100,
        "on": "2022-04-29",
        "evidence": "Biên bản số 5/BB-TP",
        "note": None,
        "by": json.loads(lines[0])["by"],
    }
    assert json.loads(lines[3])["item"] == "T1"


def test_export_format_from_the_file_name_and_xlsx_cells(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    fill(cli, db)
    ok(cli("--db", str(db), "export", "-o", str(tmp_path / "a.xlsx")))
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == exporter.COLUMNS
    assert rows[2][:5] == ("tu-phap", "6", "2022-05", 50, dt.datetime(2022, 5, 8))
    ok(cli("--db", str(db), "export", "-o", str(tmp_path / "a.jsonl")))
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8").startswith('{"unit": "tu-phap"')


def test_export_refusals(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    ok(cli("--db", str(db), "record", "tu-phap", "3", "--done", "--on", "29/4/2022", "-e", "→"))
    before = fingerprint(db)
    assert "'pdf'" in refused(cli("--lang", "en", "--db", str(db), "export", "--format", "pdf"))
    assert "'klingon'" in refused(cli("--db", str(db), "export", "--encoding", "klingon"))
    assert "xlsx" in refused(cli("--db", str(db), "export", "-o", "x.xlsx", "--encoding", "utf-8"))
    # never over the ledger it reads
    assert refused(cli("--db", str(db), "export", "-o", str(db), "--format", "csv"))
    # "→" is not in Windows-1258: refused, nothing half written
    out = tmp_path / "cp.csv"
    line = refused(cli("--db", str(db), "export", "-o", str(out), "--encoding", "windows-1258"))
    assert "U+2192" in line and not out.exists()
    monkeypatch.setattr(exporter, "stdout_is_terminal", lambda: True)
    assert "xlsx" in refused(cli("--db", str(db), "export", "--format", "xlsx"))
    assert fingerprint(db) == before


def test_export_of_a_ledger_not_made_yet_creates_nothing(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    out = ok(cli("--db", str(db), "export")).stdout_bytes
    assert out == b"\xef\xbb\xbfunit,item,period,percent,on,evidence,note,by\r\n"
    assert not db.exists()


# --- import: delimiters, encodings, aliases ------------------------------------------------------

ROWS = [
    ["tu-phap", "6", "2022-05", "95,5", "9/5/2022", "BC số 15/BC-TP", "đã gửi, đúng hạn", "Lan"],
    ["Phòng Tài chính – Kế hoạch", "4", "5/2022", "100", "31/05/2022", "", "", ""],
]
HEADER = ["unit", "item", "period", "percent", "on", "evidence", "note", "by"]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def imported(cli: Any, db: Path) -> list[tuple[Any, ...]]:
    return [
        (e["unit"], e["item"], e["period"], e["percent"], e["on"], e["evidence"], e["note"])
        for e in history(cli, db)
    ]


EXPECTED = [
    ("tu-phap", "6", "2022-05", 95.5, "2022-05-09", "BC số 15/BC-TP", "đã gửi, đúng hạn"),
    ("tc-kh", "4", "2022-05", 100, "2022-05-31", None, None),
]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258"]
)
def test_import_reads_offices_csv(cli: Any, tmp_path: Path, delimiter: str, encoding: str) -> None:
    text = csv_text(HEADER, ROWS, delimiter)
    path = tmp_path / "thang5.csv"
    path.write_bytes(exporter.encode(text, encoding))
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "import", str(path)))
    assert imported(cli, db) == EXPECTED


def test_windows_1258_with_precomposed_and_combining_marks(cli: Any, tmp_path: Path) -> None:
    # "ố" written as "ô" + combining acute (0xEC), "ọ" as "o" + dot below (0xF2): Windows' way
    raw = (
        b"unit;item;percent;on;note\r\n"
        b"tu-phap;2;100;29/4/2022;s\xf4\xec b\xe1o c\xe1o; h\xf2\xf2\r\n"
        b"T\xf4\xecng;3;100;29/4/2022;\r\n"
    )
    path = tmp_path / "cp.csv"
    path.write_bytes(raw.replace(b"; h\xf2\xf2", b" ho\xf2").replace(b"T\xf4\xecng", b"tu-phap"))
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "import", str(path)))
    note = history(cli, db)[0]["note"]
    assert note == "số báo cáo họ" and unicodedata.is_normalized("NFC", note)


def test_a_semicolon_in_a_note_does_not_decide_the_delimiter(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        'unit,item,percent,on,note\ntu-phap,2,100,29/4/2022,"a; b; c; d; e; f"\n',
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "import", str(path)))
    assert history(cli, db)[0]["note"] == "a; b; c; d; e; f"


ALIASES = {
    "unit": ["Đơn vị", "đơn vị", "ĐƠN VỊ", "don vi", "Don Vi", "UNIT", "Unit"],
    "item": ["Nội dung", "noi dung", "NỘI DUNG"],
    "period": ["Kỳ", "kỳ", "ky", "Kì", "KỲ"],
    "percent": ["Tỷ lệ", "tỷ lệ (%)", "ty le", "Tỉ lệ", "TỶ LỆ %"],
    "on": ["Ngày", "ngày", "ngay", "NGÀY"],
    "evidence": ["Minh chứng", "minh chung", "MINH CHỨNG"],
    "note": ["Ghi chú", "ghi chu", "GHI CHÚ"],
    "by": ["Người ghi", "nguoi ghi", "NGƯỜI GHI"],
}


@pytest.mark.parametrize(
    ("field", "alias"), [(f, a) for f, names in ALIASES.items() for a in names]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_column_headers(
    cli: Any, tmp_path: Path, field: str, alias: str, form: str
) -> None:
    header = [unicodedata.normalize(form, alias) if h == field else h for h in HEADER]
    path = tmp_path / "a.csv"
    path.write_text(csv_text(header, ROWS, ";"), encoding="utf-8-sig")
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "import", str(path)))
    assert imported(cli, db) == EXPECTED
    assert history(cli, db)[0]["by"] == "Lan"


def test_all_vietnamese_headers_and_hoan_thanh(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Đơn vị;Nội dung;Kỳ;Tỷ lệ (%);Hoàn thành;Ngày;Minh chứng;Ghi chú;Người ghi\n"
        "Phòng Tư pháp;6;2022-05;;x;9/5/2022;BC 15;;Lan\n",
        encoding="utf-8",
    )
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "import", str(path)))
    (event,) = history(cli, db)
    assert (event["percent"], event["by"], event["evidence"]) == (100, "Lan", "BC 15")


def test_header_problems_are_named(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    path = tmp_path / "a.csv"
    path.write_text("unit,Đơn vị,item,percent,on\ntu-phap,tu-phap,2,100,29/4/2022\n")
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path)))
    assert f"{path}:1: the columns 'Đơn vị' and 'unit' are both the field 'unit'" in err
    path.write_text("unit,item,percent,on,,\ntu-phap,2,100,29/4/2022,,oops\n")
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path)))
    assert f"{path}:2: column 6 has no header but holds 'oops'" in err
    path.write_text("đơn vị,nội dung,tỷ lệ,ngày,màu\ntu-phap,2,100,29/4/2022,đỏ\n")
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path)))
    assert "unknown field 'màu'" in err
    assert event_count(db) == 0
    # an empty column Excel left behind is no problem
    path.write_text("unit;item;percent;on;;\ntu-phap;2;100;29/4/2022;;\n")
    ok(cli("--db", str(db), "import", str(path)))


def test_encoding_problems_are_one_line_and_import_nothing(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    path = tmp_path / "a.csv"
    # UTF-8 on line 2, a stray byte on line 3: never read as Windows-1258
    path.write_bytes(
        "unit,item,percent,on,note\ntu-phap,3,100,29/4/2022,Biên bản\n".encode()
        + b"tu-phap,6,100,9/5/2022,x\xff\n"
    )
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path)))
    assert f"{path}:3: cannot tell the encoding" in err and len(err.splitlines()) == 1
    # told UTF-8, given Windows-1258
    path.write_bytes(b"unit,item,percent,on,note\ntu-phap,3,100,29/4/2022,Bi\xean\n")
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path), "--encoding", "utf-8"))
    assert f"{path}:2: the file is not utf-8 text" in err
    assert "Bảng mã" not in err
    err = refused(cli("--db", str(db), "import", str(path), "--encoding", "nope"))
    assert "nope" in err
    assert event_count(db) == 1
    ok(cli("--db", str(db), "import", str(path), "--encoding", "windows-1258"))
    assert history(cli, db)[-1]["note"] == "Biên"


def test_detect_encoding() -> None:
    text = "đơn vị;ngày\nPhòng Tư pháp;9/5/2022\n"
    assert importer.detect_encoding(text.encode("utf-8")) == "utf-8"
    assert importer.detect_encoding(text.encode("utf-8-sig")) == "utf-8-sig"
    assert importer.detect_encoding(text.encode("utf-16")) == "utf-16"
    assert importer.detect_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert importer.detect_encoding(text.encode("utf-16-be")) == "utf-16-be"
    assert importer.detect_encoding(exporter.encode(text, "cp1258")) == "cp1258"
    assert importer.detect_encoding(b"\x81\x8d") is None  # undefined in Windows-1258


# --- import: Excel ------------------------------------------------------------------------------


def workbook(path: Path, rows: list[list[Any]], *, first_blank: bool = False) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tháng 5"
    if first_blank:
        sheet.append([])
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, float) and cell.value < 1:
                cell.number_format = "0.0%"
    other = book.create_sheet("Ghi chú")
    other.append(["không đọc trang này"])
    book.active = 1  # the first sheet is read, whichever was left active
    book.save(path)


def test_import_xlsx_as_excel_holds_it(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "thang5.xlsx"
    workbook(
        path,
        [
            ["Đơn vị", "Nội dung", "Kỳ", "Tỷ lệ", "Ngày", "Minh chứng", "Ghi chú", "Người ghi"],
            # Excel made a date of "2022-05" and a number of "6"; 95,5% is 0.955
            [
                "tu-phap",
                6,
                dt.datetime(2022, 5, 1),
                0.955,
                dt.datetime(2022, 5, 9),
                "BC",
                None,
                "Lan",
            ],
            [None] * 8,  # a blank row
            ["tc-kh", "4", "5/2022", 100, "31/5/2022", None, "đủ", None],
            ["Phòng Tư pháp", "2", None, 100, dt.date(2022, 4, 29)],  # a short row
        ],
        first_blank=True,
    )
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "import", str(path)))
    assert [
        (e["unit"], e["item"], e["period"], e["percent"], e["on"]) for e in history(cli, db)
    ] == [
        ("tu-phap", "6", "2022-05", 95.5, "2022-05-09"),
        ("tc-kh", "4", "2022-05", 100, "2022-05-31"),
        ("tu-phap", "2", None, 100, "2022-04-29"),
    ]


def test_a_bad_xlsx_row_is_named_by_its_excel_row(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "thang5.xlsx"
    workbook(
        path,
        [
            ["unit", "item", "percent", "on"],
            ["tu-phap", "2", 100, "29/4/2022"],
            [None, None, None, None],
            ["tu-phap", "3", 120, "29/4/2022"],  # Excel row 5 (a blank row first)
            ["zzz", "3", 100, "29/4/2022"],
        ],
        first_blank=True,
    )
    db = tmp_path / "l.db"
    ok(cli("--db", str(db), "record", "tu-phap", "6", "--done", "--on", "9/5/2022"))
    before = fingerprint(db)
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path)))
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:5: ") and lines[1].startswith(f"{path}:6: ")
    assert lines[-1].startswith("Error: 2 bad rows")
    assert fingerprint(db) == before and event_count(db) == 1


def test_xlsx_without_openpyxl_is_one_line(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.xlsx"
    workbook(path, [["unit", "item", "percent", "on"], ["tu-phap", "2", 100, "29/4/2022"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    db = tmp_path / "l.db"
    err = refused(cli("--lang", "en", "--db", str(db), "import", str(path)))
    assert err.strip() == (
        "Error: the xlsx format needs openpyxl; install it: pip install 'cvtracker[export]'"
    )
    err = refused(cli("--lang", "en", "--db", str(db), "export", "-o", str(tmp_path / "b.xlsx")))
    assert "openpyxl" in err
    assert not db.exists()


def test_a_file_that_is_no_workbook(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_text("unit,item\n")
    err = refused(cli("--lang", "en", "--db", str(tmp_path / "l.db"), "import", str(path)))
    assert "not an Excel .xlsx workbook" in err and len(err.splitlines()) == 1


# --- import: the progress bar -------------------------------------------------------------------


def many_rows(path: Path, count: int) -> None:
    lines = ["unit,item,percent,on"]
    lines += [f"tu-phap,2,{i % 100},29/4/2022" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_no_progress_bar_in_a_pipe(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    many_rows(path, importer.PROGRESS_FROM + 10)
    result = ok(cli("--lang", "en", "--db", str(tmp_path / "l.db"), "import", str(path)))
    assert "Checking rows" not in result.stderr
    assert result.stdout.startswith(f"Imported {importer.PROGRESS_FROM + 10} events")


def test_a_progress_bar_on_a_terminal(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(importer, "PROGRESS_FROM", 5)
    path = tmp_path / "a.csv"
    many_rows(path, 40)
    result = ok(cli("--lang", "en", "--db", str(tmp_path / "l.db"), "import", str(path)))
    assert "Checking rows" in result.stderr and "40/40" in result.stderr
    assert result.stdout.startswith("Imported 40 events")
    # a short file shows none, even on a terminal
    many_rows(path, 3)
    result = ok(cli("--lang", "en", "--db", str(tmp_path / "l.db"), "import", str(path)))
    assert "Checking rows" not in result.stderr


def test_plan_import_reports_progress(directive: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    many_rows(path, 450)
    rows = list(importer.read_rows(path))
    seen: list[tuple[int, int]] = []
    importer.plan_import(
        rows,
        path,
        directive,
        [],
        [],
        today=dt.date(2022, 6, 1),
        lang="en",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (450, 450) and len(seen) <= 201
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_workbook_with_a_wrong_used_range_is_read_whole(tmp_path: Path) -> None:
    import re
    import zipfile

    path = tmp_path / "a.xlsx"
    workbook(
        path,
        [
            ["unit", "item", "percent", "on"],
            [],
            ["tu-phap", "2", 100, "29/4/2022"],
            ["tu-phap", "3", 100, "29/4/2022"],
        ],
    )
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    files[sheet] = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', files[sheet])
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    rows = list(importer.read_rows(path))
    assert [(line, fields["item"]) for line, fields in rows if isinstance(fields, dict)] == [
        (3, "2"),
        (4, "3"),
    ]
