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
from cvtracker.report.formats import render_bytes
from test_report import EVENTS, ev

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

D = dt.date
VI = Translator("vi")
EN = Translator("en")


@pytest.fixture(scope="module")
def june(directive):
    return build_report(directive, [], EVENTS, "2022-06", D(2022, 6, 30))


def _sheet_rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


HEADER_ROW = 3  # the report's title, the section's title, then the header


def _table_rows(sheet):
    """A section's sheet from its header row on, without the STT column."""
    return [r[1:] for r in _sheet_rows(sheet)[HEADER_ROW - 1 :]]


def test_xlsx(june, directive):
    book = openpyxl.load_workbook(io.BytesIO(render_bytes("xlsx", june, directive, VI)))
    assert book.sheetnames[0] == "Tổng hợp"
    assert {"Báo cáo tiến độ", "Kiểm tra hàng tháng", "Nội dung có thời hạn", "Quá hạn"} <= set(
        book.sheetnames
    )
    reports = book["Báo cáo tiến độ"]
    # each sheet: the report's title, the section's title, the header frozen with the STT and
    # the unit's name
    assert reports["A1"].value.startswith("Báo cáo tình hình thực hiện Công văn 968/UBND-TH")
    assert reports["A2"].value.startswith("1. Báo cáo tiến độ tháng 6/2022")
    assert reports["A3"].value == "STT"
    assert [reports.cell(r, 1).value for r in range(4, 15)] == list(range(1, 12))
    assert reports.freeze_panes == "C4"
    assert reports.auto_filter.ref.startswith("A3:")
    rows = _table_rows(reports)
    assert rows[0][:4] == ["Đơn vị", "Kết quả", "%", "Ngày báo cáo"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Phòng Tư pháp"][1:3] == ["hoàn thành đúng hạn", 100]  # a number
    assert by_name["Phòng Tư pháp"][3] == dt.datetime(2022, 6, 9)  # a real date cell
    assert by_name["Phòng Văn hóa – Thông tin"][1:5] == [
        "hoàn thành quá hạn",
        100,
        dt.datetime(2022, 6, 10),
        1,
    ]
    assert by_name["Bảo hiểm xã hội huyện"][1] == "chưa báo cáo"
    # the evidence "=HYPERLINK(…)" stays text, never a formula
    cell = next(c for c in reports["G"] if c.value and str(c.value).startswith("="))
    assert cell.data_type == "s"
    # the states are coloured, the columns wide enough for the names, a font on every cell
    tu_phap_row = next(i for i, r in enumerate(_sheet_rows(reports), 1) if r[1] == "Phòng Tư pháp")
    assert reports.cell(tu_phap_row, 3).fill.fgColor.rgb.endswith("C6EFCE")
    assert reports.cell(tu_phap_row, 5).number_format == "DD/MM/YYYY"
    assert reports.column_dimensions["B"].width >= len("Phòng Lao động–Thương binh và Xã hội")
    for row in reports.iter_rows(min_row=HEADER_ROW):
        assert all(c.font.name == "Times New Roman" for c in row if c.value is not None)
    one_offs = _table_rows(book["Nội dung có thời hạn"])
    # 5a is undated (from 1/5/2022): not among the one-offs
    assert ["UBND xã Vĩnh Hảo", "quá hạn 62 ngày", "quá hạn 62 ngày", None] in one_offs
    units = book["Theo đơn vị"]
    assert len(units._charts) == 1
    # a totals row where numbers add up, as formulas over the rows above
    last = units.max_row
    assert units.cell(last, 2).value == "Tổng"
    assert units.cell(last, 3).value == f"=SUM(C4:C{last - 1})"
    items = _table_rows(book["Theo nội dung"])
    change = items[0].index("So tháng trước")
    assert all(isinstance(r[change], int | float) for r in items[1:-1] if r[change] is not None)
    summary = _sheet_rows(book["Tổng hợp"])
    assert any("2/11 đơn vị báo cáo đúng hạn" in (r[0] or "") for r in summary)


def test_docx(june, directive):
    data = render_bytes("docx", june, directive, VI, written_on=D(2022, 7, 5))
    document = docx.Document(io.BytesIO(data))
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
    assert place == "Tuy Phong, ngày 05 tháng 7 năm 2022"  # the day it is written
    assert 'w:val="nil"' in header._tbl.xml  # borderless
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện." in texts
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    # the body of a báo cáo, then the details in appendices
    parts = [h for h in headings if h[:3] in ("I. ", "II.", "III")]
    assert parts == ["I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "III. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert [p for p in texts if p.startswith("Phụ lục")] == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3"]
    body = "\n".join(texts)
    assert "2/11 đơn vị báo cáo đúng hạn, 1 đơn vị báo cáo quá hạn, 8 đơn vị chưa báo cáo" in body
    reports = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    cells = [[c.text for c in row.cells] for row in reports.rows]
    assert ["3", "Phòng Tư pháp", "hoàn thành đúng hạn", "9/6/2022", "", "Báo cáo số 45/BC-TP"] in (
        cells
    )
    assert cells[2][:5] == [
        "2",
        "Phòng Văn hóa – Thông tin",
        "hoàn thành quá hạn",
        "10/6/2022",
        "1",
    ]
    signature = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    assert "TRƯỞNG PHÒNG" in signature.rows[0].cells[1].text
    # Times New Roman, 13–14 pt in the text, 12–13 pt in the tables
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
    assert sizes <= {12.0, 13.0, 14.0}  # 12 pt in the appendices' tables


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


def test_cli_default_as_of_is_the_day_after_the_month(recorded):
    result = recorded("report", "--month", "2022-05", "--format", "json")
    assert result.exit_code == 0, result.output
    # so that May's inspections, due through 31/5, are judged
    assert json.loads(result.stdout)["as_of"] == "2022-06-01"


def test_cli_refuses_a_month_outside_the_directives_life(recorded):
    for month in ("3/2022", "7/2025"):
        result = recorded("report", "--month", month)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert len(result.stderr.splitlines()) == 1
    assert "30/6/2025" in recorded("report", "--month", "7/2025").stderr


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
    import cvtracker.report.formats

    monkeypatch.setattr(cvtracker.report.formats, "stdout_is_terminal", lambda: True)
    result = cli("report", "--month", "6/2022", "--as-of", "30/6/2022", "--format", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_cli_docx_is_dated_today_in_viet_nam(cli, monkeypatch, tmp_path):
    from cvtracker.session import Session

    monkeypatch.setattr(Session, "today", lambda self: D(2022, 6, 5))
    target = tmp_path / "bc.docx"
    result = cli("report", "--month", "5/2022", "--as-of", "31/5/2022", "-o", str(target))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(target))
    assert document.tables[0].rows[1].cells[1].text == "Tuy Phong, ngày 05 tháng 6 năm 2022"
    assert any("31/5/2022" in p.text for p in document.paragraphs)  # the figures' day


def test_cli_missing_export_libraries(cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    result = cli("report", "--month", "6/2022", "-o", str(tmp_path / "bc.docx"))
    assert result.exit_code == 2
    assert "pip install 'cvtracker[export]'" in result.stderr
    assert not (tmp_path / "bc.docx").exists()


def test_docx_page_numbers_from_the_second_page(june, directive):
    """Nghị định 30/2020: Arabic numerals, top centre, 13–14 pt, not on the first page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document(io.BytesIO(render_bytes("docx", june, directive, VI)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header
    assert not header.is_linked_to_previous
    xml = header._element.xml
    assert "w:instrText" in xml and " PAGE " in xml
    assert xml.count('w:fldCharType="begin"') == 1 and 'w:fldCharType="end"' in xml
    (paragraph,) = header.paragraphs
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for run in paragraph.runs:
        assert run.font.name == "Times New Roman"
        assert 13 <= run.font.size.pt <= 14
    # the first page has a header of its own, with no number
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert "PAGE" not in first._element.xml and first.paragraphs[0].text == ""


def test_docx_dated_the_day_it_is_written(june, directive):
    def date_line(written_on):
        data = render_bytes("docx", june, directive, VI, written_on=written_on)
        return docx.Document(io.BytesIO(data)).tables[0].rows[1].cells[1].text

    assert date_line(D(2022, 7, 1)) == "Tuy Phong, ngày 01 tháng 7 năm 2022"
    assert date_line(D(2023, 2, 14)) == "Tuy Phong, ngày 14 tháng 02 năm 2023"
    assert date_line(None) == "Tuy Phong, ngày 30 tháng 6 năm 2022"  # no day given: as_of


INSPECTIONS = [
    ev(1, "tu-phap", "4", "2022-05", 100, D(2022, 5, 28), "Biên bản kiểm tra số 12"),
    ev(2, "vh-tt", "4", "2022-05", 100, D(2022, 6, 3), "BB kiểm tra 5/2022"),
    ev(3, "lien-huong", "5b", "2022-05", 100, D(2022, 5, 31), "Báo cáo mô hình"),
]


def test_xlsx_inspections_in_detail(directive):
    """Section 1b has the detail of item 6 in Excel: the day, the days late, the evidence."""
    may = build_report(directive, [], INSPECTIONS, "2022-05", D(2022, 6, 30))
    book = openpyxl.load_workbook(io.BytesIO(render_bytes("xlsx", may, directive, VI)))
    rows = _table_rows(book["Kiểm tra hàng tháng"])
    assert rows[0] == [
        "Đơn vị",
        "Nội dung",
        "Kết quả",
        "%",
        "Ngày hoàn thành",
        "Số ngày trễ",
        "Minh chứng",
    ]
    assert [
        "Phòng Tư pháp",
        "4",
        "hoàn thành đúng hạn",
        100,
        dt.datetime(2022, 5, 28),
        None,
        "Biên bản kiểm tra số 12",
    ] in rows
    assert [
        "Phòng Văn hóa – Thông tin",
        "4",
        "hoàn thành quá hạn",
        100,
        dt.datetime(2022, 6, 3),
        3,
        "BB kiểm tra 5/2022",
    ] in rows
    assert [
        "UBND thị trấn Liên Hương",
        "5b",
        "hoàn thành đúng hạn",
        100,
        dt.datetime(2022, 5, 31),
        None,
    ] == (next(r for r in rows if r[0] == "UBND thị trấn Liên Hương" and r[1] == "5b")[:6])
    # item 4 is an inspection, not a report: missing, it is "quá hạn", never "chưa báo cáo"
    assert ["Bảo hiểm xã hội huyện", "4", "quá hạn", None, None, None, None] in rows
    assert len(rows) == 1 + 29 + 12  # every unit's item 4, and 5b for the pilot units
    # the terminal, Markdown and Word keep the compact matrix
    document = docx.Document(io.BytesIO(render_bytes("docx", may, directive, VI)))
    # in Word, the items by their titles, never "Nội dung 5b"
    matrix = next(t for t in document.tables if "thí điểm" in t.rows[0].cells[-1].text)
    assert [c.text for c in matrix.rows[0].cells] == [
        "STT",
        "Đơn vị",
        "Kiểm tra, đánh giá hàng tháng; quy tắc 90%",
        "Theo dõi, kiểm tra, báo cáo mô hình thí điểm hàng tháng; tuyên truyền",
    ]


def test_english_unit_names_in_xlsx_and_docx(june, directive):
    book = openpyxl.load_workbook(io.BytesIO(render_bytes("xlsx", june, directive, EN)))
    names = {r[0] for r in _table_rows(book["Progress reports"])[1:]}
    assert "Office of Justice" in names and "District social insurance office" in names
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert "Phòng Tư pháp" not in row
    document = docx.Document(io.BytesIO(render_bytes("docx", june, directive, EN)))
    cells = {c.text for t in document.tables[1:-1] for row in t.rows for c in row.cells}
    assert "Office of Justice" in cells and "Phòng Tư pháp" not in cells
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Office of Home Affairs reports" in body
