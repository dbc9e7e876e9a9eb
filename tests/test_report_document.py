"""The Word report as a báo cáo the chairman can sign, read back from the .docx: the body in the
order of a báo cáo, the appendices, and the words a reader expects (no internal ids, a decimal
comma, changes in words)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cvtracker.compliance import Event
from cvtracker.i18n import Translator
from cvtracker.report import build_report
from cvtracker.report.document import document
from cvtracker.report.formats import render_bytes
from cvtracker.schedule import Task

docx = pytest.importorskip("docx")

D = dt.date
VI = Translator("vi")
EN = Translator("en")


def _ev(n: int, unit: str, item: str, period: str | None, percent: float, on: dt.date) -> Event:
    task = item if item.startswith("T") else None
    return Event(n, unit, "3" if task else item, task, period, percent, on, f"Văn bản {n}")


# a realistic May–June 2022: some units on time, some late, some partial, some missing, and a few
# plan tasks under 90%
TASKS = [
    Task(1, "tu-phap", "Rà soát thủ tục hành chính", "3", "Nguyễn Văn A", "before", D(2022, 6, 1)),
    Task(2, "tc-kh", "Công khai ngân sách", "3", None, "before", D(2022, 6, 15)),
    Task(3, "cong-an", "Niêm yết thủ tục", "3", None, "through", D(2022, 6, 10)),
]
EVENTS = [
    _ev(1, "tu-phap", "2", None, 100, D(2022, 4, 25)),
    _ev(2, "tu-phap", "3", None, 100, D(2022, 5, 3)),
    _ev(3, "tu-phap", "6", "2022-05", 100, D(2022, 5, 9)),
    _ev(4, "tu-phap", "6", "2022-06", 100, D(2022, 6, 9)),
    _ev(5, "vh-tt", "6", "2022-05", 100, D(2022, 5, 12)),
    _ev(6, "vh-tt", "6", "2022-06", 100, D(2022, 6, 13)),
    _ev(7, "tc-kh", "6", "2022-06", 100, D(2022, 6, 6)),
    _ev(8, "gd-dt", "6", "2022-05", 50, D(2022, 5, 8)),
    _ev(9, "tu-phap", "4", "2022-05", 100, D(2022, 5, 28)),
    _ev(10, "lien-huong", "5b", "2022-06", 95, D(2022, 6, 28)),
    _ev(11, "tu-phap", "T1", None, 95, D(2022, 5, 30)),
    _ev(12, "tc-kh", "T2", None, 89.5, D(2022, 6, 14)),
]


@pytest.fixture(scope="module")
def june(directive):
    return build_report(directive, TASKS, EVENTS, "2022-06", D(2022, 7, 1))


def _read(report, directive, t=VI):
    data = render_bytes("docx", report, directive, t, written_on=D(2022, 7, 5))
    return docx.Document(io.BytesIO(data))


def _all_text(document_) -> str:
    parts = [p.text for p in document_.paragraphs]
    for table in document_.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_body_reads_as_a_bao_cao(june, directive):
    written = _read(june, directive)
    texts = [p.text for p in written.paragraphs]
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện." in texts
    headings = [p.text for p in written.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    body = "\n".join(texts)
    # figures in sentences, the change in words, never "+1"
    assert "2/11 đơn vị báo cáo đúng hạn, 1 đơn vị báo cáo quá hạn, 8 đơn vị chưa báo cáo" in body
    assert re.search(r"tăng \d+ so với tháng trước", body)
    assert not re.search(r"(?<![\w/])[+]\d", body)
    # II and III drafted from the figures, marked for the clerk, never empty
    assert body.count("chuyên viên rà soát, chỉnh sửa trước khi trình ký") == 2
    assert "Các đơn vị chậm hoặc chưa báo cáo tiến độ hai tháng liên tiếp: " in body
    assert "Phòng Văn hóa – Thông tin" in body.split("hai tháng liên tiếp: ")[1].split("\n")[0]
    assert "Đề nghị không xem xét đánh giá, xếp loại hoàn thành tốt nhiệm vụ trở lên" in body
    assert "Công an huyện để cơ quan quản lý cấp trên xem xét" in body


@pytest.mark.parametrize("month", ["2022-05", "2022-06"])
def test_the_appendices_are_on_their_own_pages_with_stt(month, directive):
    report = build_report(directive, TASKS, EVENTS, month, _day_after(month))
    written = _read(report, directive)
    paragraphs = written.paragraphs
    titles = [i for i, p in enumerate(paragraphs) if re.fullmatch(r"Phụ lục \d", p.text)]
    assert [paragraphs[i].text for i in titles] == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3"]
    for i in titles:  # a page break just before each
        assert 'w:type="page"' in paragraphs[i - 1]._p.xml
    stt_tables = [t for t in written.tables if t.rows[0].cells[0].text == "STT"]
    assert len(stt_tables) >= 5
    for table in stt_tables:
        numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text.isdigit()]
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


@pytest.mark.parametrize("month", ["2022-05", "2022-06"])
def test_no_internal_ids(month, directive):
    report = build_report(directive, TASKS, EVENTS, month, _day_after(month))
    text = _all_text(_read(report, directive))
    for pattern in (
        r"\bT\d+\b",
        r"nội dung \d\w?\b(?! của Công văn)",
        r"\bkỳ \d+/\d{4}",
        "obstacles",
    ):
        found = [m.group(0) for m in re.finditer(pattern, text)]
        assert not found, (pattern, found[:5])
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân huyện." in text


def _day_after(month: str) -> dt.date:
    from cvtracker.report import default_as_of

    return default_as_of(month, D(2030, 1, 1))


def test_tasks_by_their_titles_and_a_decimal_comma(june, directive):
    text = _all_text(_read(june, directive))
    assert "Công khai ngân sách: 89,5%" in text  # the task under 90%, by its title
    assert "89.5" not in text
    assert "Rà soát thủ tục hành chính" in text


def test_the_overdue_appendix_is_grouped_and_capped(directive):
    # an unrecorded ledger in June 2025: every unit overdue on every month
    report = build_report(directive, [], [], "2025-06", D(2025, 7, 1))
    shown = document(report, directive, VI)
    grouped = shown.appendices[1].grouped
    assert grouped is not None and len(grouped.groups) == len(directive.units)
    heading, rows, more = grouped.groups[0]
    assert heading.startswith("Văn phòng HĐND&UBND huyện (") and "nội dung quá hạn" in heading
    # each monthly item's 38 overdue months on one line
    assert any("38 kỳ quá hạn" in str(row[2].value) for row in rows)
    assert len(rows) <= directive.report.overdue_rows_per_unit
    capped = directive.model_copy(
        update={"report": directive.report.model_copy(update={"overdue_rows_per_unit": 2})}
    )
    small = document(build_report(capped, [], [], "2025-06", D(2025, 7, 1)), capped, VI)
    heading, rows, more = small.appendices[1].grouped.groups[0]
    assert len(rows) == 2 and more is not None and more.startswith("… và 3 dòng khác")


def test_english_too(june, directive):
    text = _all_text(_read(june, directive, EN))
    assert "I. RESULTS" in text and "Appendix 3" in text
    assert "89.5%" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_an_unrecorded_2025_report_stays_under_15_pages(directive, tmp_path: Path):
    report = build_report(directive, [], [], "2025-06", D(2025, 7, 1))
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(render_bytes("docx", report, directive, VI, written_on=D(2025, 7, 2)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages < 15, pages
