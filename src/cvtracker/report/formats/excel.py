"""The monthly report as an Excel workbook (openpyxl, from the ``export`` extra).

A sheet per section, the header row frozen, an autofilter, real date cells, column widths that
fit Vietnamese text, the states coloured, and a bar chart of the units' completion. openpyxl is
imported only here, and only when this format is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

from cvtracker.compliance import State
from cvtracker.directive import Directive
from cvtracker.errors import InputError
from cvtracker.i18n import Translator
from cvtracker.report.model import Report
from cvtracker.report.view import View, view

FILLS: dict[State, str] = {
    "done": "C6EFCE",
    "late": "FFEB9C",
    "overdue": "FFC7CE",
    "open": "DDEBF7",
}
FONTS: dict[State, str] = {
    "done": "006100",
    "late": "9C5700",
    "overdue": "9C0006",
    "open": "1F4E78",
}
HEADER_FILL = "1F4E78"
FONT = "Times New Roman"
DATE_FORMAT = "DD/MM/YYYY"
MAX_WIDTH = 60
SHEET_TITLE_CHARS = 31


def require() -> None:
    """Refuse (exit 2) before anything is read when openpyxl is not installed."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise InputError("report_export_missing", fmt="xlsx", package="openpyxl") from None


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return max((len(part) for part in str(value).splitlines()), default=0)


def _lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell takes in a column ``width`` characters wide."""
    if value is None or width <= 0:
        return 1
    return sum(max(1, math.ceil(len(part) / width)) for part in str(value).splitlines() or [""])


def render(
    report: Report, directive: Directive, t: Translator, written_on: dt.date | None = None
) -> bytes:
    return workbook_bytes(view(report, directive, t), t)


def workbook_bytes(report_view: View, t: Translator) -> bytes:
    """A sheet per section: the report's title and the section's title above a frozen header
    row, an STT column, real numbers and dates, a totals row where numbers add up, and row
    heights that fit wrapped text (LibreOffice Calc does not grow them by itself)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    header_font = Font(name=FONT, bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    body_font = Font(name=FONT)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    sheets = {}
    for shown in report_view.sections:
        section = shown.detail or shown  # a sheet has room for every detail
        sheet = book.create_sheet(t(f"section_{section.key}")[:SHEET_TITLE_CHARS])
        sheets[section.key] = sheet
        columns = [t("col_no"), *section.columns]
        sheet.append([report_view.title])
        sheet.cell(1, 1).font = Font(name=FONT, bold=True, size=13)
        sheet.append([section.title])
        sheet.cell(2, 1).font = Font(name=FONT, bold=True, italic=True)
        sheet.append(columns)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        widths = [
            min(
                max(
                    [_width(column) + 2]
                    + [_width(r[index - 1].value) + 2 for r in section.rows if index > 0]
                    + ([len(str(len(section.rows))) + 3] if index == 0 else [])
                ),
                MAX_WIDTH,
            )
            for index, column in enumerate(columns)
        ]
        for number, values in enumerate(section.rows, 1):
            sheet.append([number, *(c.value for c in values)])
            cells = sheet[sheet.max_row]
            cells[0].font = body_font
            cells[0].alignment = top
            for cell, source in zip(cells[1:], values, strict=True):
                cell.font = body_font
                cell.alignment = top  # numbers beside wrapped text stay on its first line
                if isinstance(source.value, str):
                    # text from people is never a formula (openpyxl takes "=…" for one)
                    cell.data_type = "s"
                    cell.alignment = wrap
                elif isinstance(source.value, dt.date):
                    cell.number_format = DATE_FORMAT
                elif source.signed:
                    cell.number_format = "+0.0;-0.0;0.0"
                elif isinstance(source.value, float):
                    cell.number_format = "0.0"
                if source.state is not None and source.value not in (None, 0):
                    cell.fill = PatternFill("solid", fgColor=FILLS[source.state])
                    cell.font = Font(name=FONT, color=FONTS[source.state])
            tallest = max(_lines(v.value, w - 2) for v, w in zip(values, widths[1:], strict=True))
            sheet.row_dimensions[sheet.max_row].height = 15 * tallest + 3
        last_row = sheet.max_row
        if section.totals and section.rows:
            sheet.append([None, t("total")])
            total_row = sheet.max_row
            sheet.cell(total_row, 2).font = Font(name=FONT, bold=True)
            for index in section.totals:
                letter = get_column_letter(index + 2)
                cell = sheet.cell(total_row, index + 2)
                cell.value = f"=SUM({letter}{header_row + 1}:{letter}{last_row})"
                cell.font = Font(name=FONT, bold=True)
        sheet.freeze_panes = f"C{header_row + 1}"
        last_column = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{header_row}:{last_column}{max(last_row, header_row)}"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        heading_lines = max(_lines(c, w - 2) for c, w in zip(columns, widths, strict=True))
        sheet.row_dimensions[header_row].height = 15 * heading_lines + 6
        _print_setup(sheet, header_row)
    book.remove(first)

    # the summary's sentences above nothing else: a sheet of its own, first
    summary = book.create_sheet(t("section_summary")[:SHEET_TITLE_CHARS], 0)
    summary.append([report_view.title])
    summary["A1"].font = Font(name=FONT, bold=True, size=13)
    if report_view.notice:
        summary.append([report_view.notice])
        summary.cell(summary.max_row, 1).font = Font(name=FONT, bold=True)
    for line in report_view.summary:
        summary.append([line])
        cell = summary.cell(summary.max_row, 1)
        cell.data_type = "s"
        cell.font = body_font
        cell.alignment = wrap
        summary.row_dimensions[summary.max_row].height = 15 * _lines(line, 108) + 3
    summary.column_dimensions["A"].width = 110
    _print_setup(summary, 0)

    units = sheets.get("units")
    header = 3  # the title, the section's title, then the header row
    if units is not None and units.max_row > header:
        rate_column = units.max_column
        last = units.max_row - 1  # the totals row is not a unit
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = t("report_chart_title")
        chart.y_axis.title = "%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 100
        chart.legend = None
        chart.gapWidth = 40
        chart.x_axis.scaling.orientation = "maxMin"  # the units top down, as in the table
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        data = Reference(units, min_col=rate_column, min_row=header, max_row=last)
        names = Reference(units, min_col=2, min_row=header + 1, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(names)
        chart.height = max(8.0, 0.8 * (last - header))
        chart.width = 18
        units.add_chart(chart, f"{get_column_letter(rate_column + 2)}2")
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _print_setup(sheet: Any, header_row: int) -> None:
    """A4 landscape, one page wide, the header row on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row and sheet.max_row > header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"
