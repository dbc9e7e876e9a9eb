"""The monthly report as an Excel workbook (openpyxl, from the ``export`` extra).

A sheet per section, the header row frozen, an autofilter, real date cells, column widths that
fit Vietnamese text, the states coloured, and a bar chart of the units' completion. openpyxl is
imported only here, and only when this format is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from cvtracker.compliance import State
from cvtracker.errors import InputError
from cvtracker.i18n import Translator
from cvtracker.report_render import View

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


def render(report_view: View, t: Translator) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheets = {}
    for shown in report_view.sections:
        section = shown.detail or shown  # a sheet has room for every detail
        sheet = book.create_sheet(t(f"section_{section.key}")[:SHEET_TITLE_CHARS])
        sheets[section.key] = sheet
        sheet.append(section.columns)
        for cell in sheet[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for values in section.rows:
            sheet.append([c.value for c in values])
            cells = sheet[sheet.max_row]
            for cell, source in zip(cells, values, strict=True):
                if isinstance(source.value, str):
                    # text from people is never a formula (openpyxl takes "=…" for one)
                    cell.data_type = "s"
                    cell.alignment = wrap
                elif isinstance(source.value, dt.date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(source.value, float):
                    cell.number_format = "0.0"
                if source.state is not None and source.value not in (None, 0):
                    cell.fill = PatternFill("solid", fgColor=FILLS[source.state])
                    cell.font = Font(color=FONTS[source.state])
        sheet.freeze_panes = "A2"
        last_column = get_column_letter(len(section.columns))
        sheet.auto_filter.ref = f"A1:{last_column}{max(sheet.max_row, 1)}"
        for index, column in enumerate(section.columns, start=1):
            longest = max(
                [_width(column) + 3, *(_width(r[index - 1].value) + 2 for r in section.rows)]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(longest, MAX_WIDTH)
        sheet.row_dimensions[1].height = 30
        _print_setup(sheet)
    book.remove(first)

    # the summary's sentences above nothing else: a sheet of its own, first
    summary = book.create_sheet(t("section_summary")[:SHEET_TITLE_CHARS], 0)
    summary.append([report_view.title])
    summary["A1"].font = Font(bold=True, size=13)
    if report_view.notice:
        summary.append([report_view.notice])
        summary.cell(summary.max_row, 1).font = Font(bold=True)
    for line in report_view.summary:
        summary.append([line])
        summary.cell(summary.max_row, 1).data_type = "s"
    summary.column_dimensions["A"].width = 110
    _print_setup(summary)

    units = sheets.get("units")
    if units is not None and units.max_row > 1:
        rate_column = units.max_column
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
        data = Reference(units, min_col=rate_column, min_row=1, max_row=units.max_row)
        names = Reference(units, min_col=1, min_row=2, max_row=units.max_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(names)
        chart.height = max(8.0, 0.8 * (units.max_row - 1))
        chart.width = 18
        units.add_chart(chart, f"{get_column_letter(rate_column + 2)}2")
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _print_setup(sheet: Any) -> None:
    """A4 landscape, one page wide, the header row on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.max_row > 1:
        sheet.print_title_rows = "1:1"
