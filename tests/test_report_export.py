"""The monthly report as Excel and Word, opened back; and the `report` command."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import pytest

from cvtracker.i18n import Translator
from cvtracker.report import build_report
from cvtracker.report_render import render_bytes
from test_report import EVENTS

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

D = dt.date
VI = Translator("vi")


@pytest.fixture(scope="module")
def june(directive):
    return build_report(directive, [], EVENTS, "2022-06", D(2022, 6, 30))


def _sheet_rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_xlsx(june, directive):
    book = openpyxl.load_workbook(io.BytesIO(render_bytes("xlsx", june, directive, VI)))
    assert book.sheetnames[0] == "Tổng hợp"
    assert {"Báo cáo tiến độ", "Kiểm tra hàng tháng", "Nội dung có thời hạn", "Quá hạn"} <= set(
        book.sheetnames
    )
    reports = book["Báo cáo tiến độ"]
    assert reports.freeze_panes == "A2"
    assert reports.auto_filter.ref.startswith("A1:")
    rows = _sheet_rows(reports)
    assert rows[0][:3] == ["Đơn vị", "Kết quả", "Ngày báo cáo"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Phòng Tư pháp"][1] == "đúng hạn"
    assert by_name["Phòng Tư pháp"][2] == dt.datetime(2022, 6, 9)  # a real date cell
    assert by_name["Phòng Văn hóa – Thông tin"][1:4] == ["trễ hạn", dt.datetime(2022, 6, 10), 1]
    assert by_name["Bảo hiểm xã hội huyện"][1] == "chưa báo cáo"
    # the evidence "=HYPERLINK(…)" stays text, never a formula
    cell = next(c for c in reports["E"] if c.value and str(c.value).startswith("="))
    assert cell.data_type == "s"
    # the states are coloured, the columns wide enough for the names
    tu_phap_row = next(i for i, r in enumerate(rows, 1) if r[0] == "Phòng Tư pháp")
    assert reports.cell(tu_phap_row, 2).fill.fgColor.rgb.endswith("C6EFCE")
    assert reports.cell(tu_phap_row, 3).number_format == "DD/MM/YYYY"
    assert reports.column_dimensions["A"].width >= len("Phòng Lao động–Thương binh và Xã hội")
    one_offs = _sheet_rows(book["Nội dung có thời hạn"])
    assert ["UBND xã Vĩnh Hảo", "quá hạn 62 ngày", "quá hạn 62 ngày", "quá hạn 61 ngày", None] in (
        one_offs
    )
    units = book["Theo đơn vị"]
    assert len(units._charts) == 1
    summary = _sheet_rows(book["Tổng hợp"])
    assert any("2/11 đơn vị đúng hạn" in (r[0] or "") for r in summary)


def test_docx(june, directive):
    document = docx.Document(io.BytesIO(render_bytes("docx", june, directive, VI)))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    header = document.tables[0]
    left, right = (c.text for c in header.rows[0].cells)
    assert "UBND HUYỆN TUY PHONG" in left and "PHÒNG NỘI VỤ" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    number, place = (c.text for c in header.rows[1].cells)
    assert number.startswith("Số:") and number.endswith("/BC-NV")
    assert place == "Tuy Phong, ngày 30 tháng 6 năm 2022"
    assert 'w:val="nil"' in header._tbl.xml  # borderless
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("1. Báo cáo tiến độ tháng 6/2022") for h in headings)
    assert any(h.startswith("3. Các nội dung quá hạn") for h in headings)
    assert "5. Tổng hợp" in headings
    reports = document.tables[1]
    cells = [[c.text for c in row.cells] for row in reports.rows]
    assert ["Phòng Tư pháp", "đúng hạn", "9/6/2022", "", "Báo cáo số 45/BC-TP"] in cells
    assert cells[2][:4] == ["Phòng Văn hóa – Thông tin", "trễ hạn", "10/6/2022", "1"]
    assert document.tables[-1].rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"
    # Times New Roman, 13–14 pt in the text and the tables
    sizes = set()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                assert run.font.name == "Times New Roman"
                sizes.add(run.font.size.pt)
    for row in reports.rows:
        for run in row.cells[0].paragraphs[0].runs:
            assert run.font.name == "Times New Roman"
            sizes.add(run.font.size.pt)
    assert sizes <= {13.0, 14.0}


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def recorded(cli):
    for args in (
        ("tu-phap", "6", "--period", "2022-06", "--on", "9/6/2022", "--evidence", "BC 45"),
        ("vh-tt", "6", "--period", "2022-06", "--on", "10/6/2022"),
        ("tu phap", "2", "--on", "25/4/2022"),
    ):
        result = cli("record", *args, "--done")
        assert result.exit_code == 0, result.output
    return cli


def test_cli_json(recorded):
    result = recorded("report", "--month", "6/2022", "--as-of", "30/6/2022", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["month"] == "2022-06" and data["as_of"] == "2022-06-30"
    rows = {(r["unit"], r["item"], r["period"]): r for r in data["rows"]}
    assert rows[("tu-phap", "6", "2022-06")]["state"] == "done"
    assert rows[("vh-tt", "6", "2022-06")]["state"] == "late"
    assert data["summary"]["reports"]["on_time"] == 1


def test_cli_default_as_of_is_the_months_last_day(recorded):
    result = recorded("report", "--month", "2022-05", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "2022-05-31"


def test_cli_table_in_english(recorded):
    result = recorded("--lang", "en", "report", "--month", "06/2022", "--as-of", "2022-06-30")
    assert result.exit_code == 0, result.output
    assert "Monthly progress reports for 6/2022" in result.stdout
    assert "Office of Justice" in result.stdout and "on time" in result.stdout
    assert "Phòng Tư pháp" not in result.stdout


@pytest.mark.parametrize("ext", ["csv", "md", "json", "xlsx", "docx", "txt"])
def test_cli_writes_each_format(recorded, tmp_path, ext):
    target = tmp_path / f"bc.{ext}"
    result = recorded("report", "--month", "6/2022", "--as-of", "30/6/2022", "-o", str(target))
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    if ext == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert any(r[2] == "Phòng Tư pháp" for r in rows[1:])
    elif ext in ("xlsx", "docx"):
        assert data.startswith(b"PK")
    elif ext == "json":
        assert json.loads(data)["rows"][0]["unit"] == "vp-hdnd-ubnd"
    else:
        assert "Phòng Tư pháp" in data.decode("utf-8")


def test_cli_csv_to_stdout_has_a_bom(recorded):
    result = recorded("report", "--month", "6/2022", "--as-of", "30/6/2022", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")


def test_cli_bad_input(cli):
    result = cli("report", "--month", "13/2022")
    assert result.exit_code == 2 and "Tháng không hợp lệ" in result.stderr
    result = cli("report", "--month", "6/2022", "--format", "pdf")
    assert result.exit_code == 2 and "pdf" in result.stderr
    result = cli("report", "--month", "6/2022", "-o", "bc.pdf")
    assert result.exit_code == 2
    assert not cli.db.exists()  # nothing was opened or written


def test_cli_binary_refuses_a_terminal(cli, monkeypatch):
    import cvtracker.report_render

    monkeypatch.setattr(cvtracker.report_render, "stdout_is_terminal", lambda: True)
    result = cli("report", "--month", "6/2022", "--as-of", "30/6/2022", "--format", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_cli_missing_export_libraries(cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    result = cli("report", "--month", "6/2022", "-o", str(tmp_path / "bc.docx"))
    assert result.exit_code == 2
    assert "pip install 'cvtracker[export]'" in result.stderr
    assert not (tmp_path / "bc.docx").exists()
