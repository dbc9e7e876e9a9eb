"""The monthly report as a draft official report in Word (python-docx, from the ``export`` extra).

The layout follows Nghị định 30/2020/NĐ-CP (Phụ lục I): the issuing body and the national motto
side by side at the top, the number line left blank for the clerk, place and date, the title and
subject, the sections as headings and tables, the recipients ("Nơi nhận") and the signer's title.
Times New Roman, 14 pt for the text and 13 pt in the tables (12 and 11 pt for "Nơi nhận", as the
decree sets), on A4 with the decree's margins (top and bottom 20 mm, left 30 mm, right 15 mm).
python-docx is imported only here, and only when this format is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from cvtracker.dates import format_day, format_month
from cvtracker.directive import Directive
from cvtracker.errors import InputError
from cvtracker.i18n import Translator
from cvtracker.render import unit_name
from cvtracker.report import document as report_document
from cvtracker.report.model import Report
from cvtracker.report.view import Section, View, official_date, text, view

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
APPENDIX_PT = 12  # the appendices' tables: a size smaller, so long lists stay short
PAGE_NUMBER_PT = 13
TEXT_WIDTH_MM = 210 - 30 - 15


def require() -> None:
    """Refuse (exit 2) before anything is read when python-docx is not installed."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise InputError("report_export_missing", fmt="docx", package="python-docx") from None


def _fonts(style_or_run: Any, size: float | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = style_or_run.element
    r_pr = element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:  # pragma: no cover - font.name above creates it
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(key), FONT)


def _paragraph(
    container: Any,
    content: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "left",
    indent: bool = False,
    before: float = 0,
    after: float = 6,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    run = paragraph.add_run(content)
    run.bold = bold
    run.italic = italic
    _fonts(run, size)
    return paragraph


def _cell_paragraph(cell: Any, content: str, **options: Any) -> Any:
    """Write into a table cell, reusing the empty paragraph every cell starts with."""
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) == 1 and not first.runs:
        element = first._element
        element.getparent().remove(element)
    return _paragraph(cell, content, **options)


def _no_borders(table: Any) -> None:
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    tbl_pr.append(borders)


def _widths(table: Any, widths_mm: list[float]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _heading(document: Any, content: str, level: int) -> None:
    from docx.shared import Pt

    heading = document.add_heading(content, level=level)
    heading.paragraph_format.space_before = Pt(10)
    for run in heading.runs:
        _fonts(run, BODY_PT)
        run.bold = True
        run.italic = level > 1
        run.font.color.rgb = None


def _section_table(document: Any, section: Section, t: Translator, size: float = TABLE_PT) -> None:
    if not section.rows:
        _paragraph(document, t("report_none"), indent=True)
        return
    table = document.add_table(rows=1, cols=len(section.columns))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, section.columns, strict=True):
        _cell_paragraph(cell, column, size=size, bold=True, align="center", after=0)
    for values in section.rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            numeric = isinstance(value.value, int | float)
            _cell_paragraph(
                cell,
                text(value.value, value.signed),
                size=size,
                align="center" if numeric else "left",
                after=0,
            )
    weights = section.widths or [1] * len(section.columns)
    total = sum(weights)
    _widths(table, [TEXT_WIDTH_MM * w / total for w in weights])
    _paragraph(document, "", after=0)


def _page_break(document: Any) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _grouped_table(document: Any, grouped: report_document.GroupedRows, t: Translator) -> None:
    """One table; each group under a line of its own spanning the columns (the unit and its
    count), closed by its "và N nội dung khác" where rows were left out."""
    from docx.shared import Pt

    if not grouped.groups:
        _paragraph(document, t("report_none"), indent=True)
        return
    columns = len(grouped.columns)
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, grouped.columns, strict=True):
        _cell_paragraph(cell, column, size=APPENDIX_PT, bold=True, align="center", after=0)

    def spanning(content: str, *, bold: bool = False, italic: bool = False) -> None:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        _cell_paragraph(merged, content, size=APPENDIX_PT, bold=bold, italic=italic, after=0)

    for heading, rows, more in grouped.groups:
        spanning(heading, bold=True)
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                numeric = isinstance(value.value, int | float)
                _cell_paragraph(
                    cell,
                    text(value.value),
                    size=APPENDIX_PT,
                    align="center" if numeric else "left",
                    after=0,
                )
        if more:
            spanning(more, italic=True)
    total = sum(grouped.widths)
    _widths(table, [TEXT_WIDTH_MM * w / total for w in grouped.widths])
    _paragraph(document, "", after=0).paragraph_format.space_after = Pt(0)


def _page_numbers(page: Any) -> None:
    """Nghị định 30/2020/NĐ-CP: the page number in Arabic numerals, centred at the top, 13–14 pt,
    not on the first page: a different first-page header (left empty) and a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    page.different_first_page_header_footer = True
    page.first_page_header.is_linked_to_previous = False  # an empty header of its own
    page.header.is_linked_to_previous = False
    paragraph = page.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def field_run(kind: str | None = None, instruction: str | None = None) -> Any:
        run = paragraph.add_run()
        _fonts(run, PAGE_NUMBER_PT)
        if kind is not None:
            char = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
            run._r.append(char)
        if instruction is not None:
            instr = run._r.makeelement(qn("w:instrText"), {})
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = instruction
            run._r.append(instr)
        return run

    field_run("begin")
    field_run(instruction=" PAGE ")
    field_run("separate")
    field_run().text = "2"  # shown until the field is updated; Word and LibreOffice update it
    field_run("end")


def render(
    report: Report, directive: Directive, t: Translator, written_on: dt.date | None = None
) -> bytes:
    return document_bytes(report, view(report, directive, t), directive, t, written_on)


def document_bytes(
    report: Report,
    report_view: View,
    directive: Directive,
    t: Translator,
    written_on: dt.date | None = None,
) -> bytes:
    """The Word document; ``written_on`` is the day the report is written, for the date line
    (the CLI passes today in Viet Nam; without it, the report's ``as_of``)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    meta = directive.directive
    heading = directive.report
    # the letterhead is the decree's fixed Vietnamese form, whatever the language
    letterhead_name = directive.unit(heading.unit).name
    body_name = unit_name(directive, heading.unit, t)
    place = meta.place

    document = Document()
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.top_margin, page.bottom_margin = Mm(20), Mm(20)
    page.left_margin, page.right_margin = Mm(30), Mm(15)
    _page_numbers(page)
    normal = document.styles["Normal"]
    _fonts(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        style = document.styles[name]
        _fonts(style, BODY_PT)
        style.font.color.rgb = None
    document.core_properties.title = report_view.title
    document.core_properties.author = body_name

    # the issuing body and the national motto, side by side, without borders
    top = document.add_table(rows=2, cols=2)
    _no_borders(top)
    left, right = top.rows[0].cells
    _cell_paragraph(left, f"UBND HUYỆN {place.upper()}", size=12, align="center", after=0)
    _paragraph(left, letterhead_name.upper(), size=12, bold=True, align="center", after=0)
    _paragraph(left, "________", size=13, align="center", after=0)
    _cell_paragraph(
        right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align="center", after=0
    )
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center", after=0)
    _paragraph(right, "_______________________", size=13, align="center", after=0)
    left, right = top.rows[1].cells
    _cell_paragraph(
        left, f"Số:        /{heading.symbol}", size=13, align="center", before=6, after=0
    )
    _cell_paragraph(
        right,
        official_date(place, written_on or report.as_of),
        italic=True,
        align="center",
        before=6,
        after=0,
    )
    _widths(top, [68, TEXT_WIDTH_MM - 68])

    month_words = format_month(report.month)
    _paragraph(document, "BÁO CÁO", bold=True, align="center", before=18, after=0)
    issuer = heading.issuer_short
    _paragraph(
        document,
        t(
            "docx_subject",
            number=meta.number,
            date=format_day(meta.date),
            issuer=issuer,
            month=month_words,
        ),
        bold=True,
        align="center",
        after=0,
    )
    _paragraph(document, "________", align="center", after=6)
    doc = report_document.document(report, directive, t)
    _paragraph(document, t("doc_to", to=doc.to), align="center", after=12)
    if report_view.notice:
        _paragraph(document, report_view.notice, bold=True, align="justify", indent=True)
    subject = meta.title.removeprefix("V/v ").strip()
    _paragraph(
        document,
        t(
            "docx_intro",
            number=meta.number,
            date=format_day(meta.date),
            issuer=issuer,
            subject=f"về việc {subject}" if t.lang == "vi" else meta.title_en,
            body=body_name,
            month=month_words,
            day=format_day(report.as_of),
        ),
        align="justify",
        indent=True,
    )

    # the body, in the order of a báo cáo: results, shortcomings, proposals
    _heading(document, t("doc_part_results"), 1)
    for number, line in enumerate(doc.results, 1):
        _paragraph(document, f"{number}. {line}", align="justify", indent=True)
    for part, lines in (
        ("doc_part_shortcomings", doc.shortcomings),
        ("doc_part_proposals", doc.proposals),
    ):
        _heading(document, t(part), 1)
        _paragraph(document, t("doc_draft_note"), italic=True, align="justify", indent=True)
        for line in lines:
            _paragraph(document, f"- {line}", align="justify", indent=True)

    _paragraph(document, t("docx_closing", body=body_name), align="justify", indent=True)

    # the recipients and the signer, side by side
    bottom = document.add_table(rows=1, cols=2)
    _no_borders(bottom)
    left, right = bottom.rows[0].cells
    _cell_paragraph(left, t("docx_recipients"), size=12, bold=True, italic=True, after=0)
    for line in heading.recipients:
        _paragraph(left, f"- {line}", size=11, after=0)
    _cell_paragraph(right, heading.signer_title, bold=True, align="center", after=0)
    for _ in range(4):
        _paragraph(right, "", after=0)
    _paragraph(right, heading.signer_name or "", bold=True, align="center", after=0)
    _widths(bottom, [80, TEXT_WIDTH_MM - 80])

    # the details, each appendix on its own page
    for appendix in doc.appendices:
        _page_break(document)
        _paragraph(
            document, t("doc_appendix", number=appendix.number), bold=True, align="center", after=0
        )
        _paragraph(document, appendix.title, bold=True, align="center", after=0)
        _paragraph(
            document,
            t(
                "doc_appendix_of",
                symbol=heading.symbol,
                year=(written_on or report.as_of).year,
                body=body_name,
            ),
            italic=True,
            align="center",
            after=12,
        )
        for section in appendix.sections:
            if section.title:
                _heading(document, section.title, 2)
            _section_table(document, section, t, APPENDIX_PT)
        if appendix.grouped is not None:
            _grouped_table(document, appendix.grouped, t)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
