"""Rendering the monthly report: the terminal (rich), Markdown, CSV and JSON.

Nothing is computed here: the report model comes from ``cvtracker.report``. ``view`` lays the
model out once as titled tables of typed cells in the user's language; every format (including
the Excel and Word ones in ``report_xlsx`` and ``report_docx``) draws those same tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from cvtracker.compliance import Eligibility, Row, State
from cvtracker.dates import format_day, format_month
from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report import Report, UnitLine, evidence, outcome, round_rate
from cvtracker.words import (
    deadline_words,
    delta_text,
    ended_text,
    failing_text,
    item_title,
    overdue_text,
    percent_text,
    unit_name,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

CellValue = str | int | float | dt.date | None
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""What a spreadsheet may take for the start of a formula once leading blanks are skipped,
the full-width forms (＝ ＋ － ＠) included."""


@dataclass(frozen=True)
class Cell:
    value: CellValue
    state: State | None = None
    """Colours the cell by the state it shows."""
    signed: bool = False
    """A change: shown with its sign ("+3.0"), and stored as a number in a spreadsheet."""


@dataclass(frozen=True)
class Section:
    key: str
    """reports, inspections, one_offs, tasks, overdue, watch, items, units."""
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    widths: list[int] = field(default_factory=list)
    """Relative widths for the Word tables, one per column."""
    totals: tuple[int, ...] = ()
    """Columns whose numbers add up: a spreadsheet gives them a totals row."""
    optional: tuple[int, ...] = ()
    """Columns a narrow terminal leaves out (the evidence, the change since last month)."""
    detail: Section | None = None
    """The same rows one per line with every detail (the day, days late, the evidence), for the
    formats with room for it (Excel), where this section is a compact matrix."""


@dataclass(frozen=True)
class View:
    title: str
    sections: list[Section]
    summary: list[str]
    """The summary's sentences (section 5), before its tables."""
    notice: str | None = None
    """Said once at the top: the directive was no longer in force on the report's day."""


# --- words ------------------------------------------------------------------------------------


def official_date(place: str, day: dt.date) -> str:
    """Nghị định 30/2020/NĐ-CP: "Tuy Phong, ngày 05 tháng 6 năm 2022" – a leading zero for days
    under 10 and for months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def cell_text(row: Row, t: Translator) -> str:
    if row.state == "done" and row.completed_on is not None:
        return t("report_cell_done", day=format_day(row.completed_on))
    if row.state == "late" and row.completed_on is not None and row.days_late is not None:
        late = t.plural("days_late", row.days_late, days=row.days_late)
        return f"{late} ({format_day(row.completed_on)})"
    if row.state == "overdue" and row.days_overdue is not None:
        return overdue_text(row, t)
    return t("report_cell_open")


def failing_list(directive: Directive, result: Eligibility, t: Translator) -> str:
    """Every task that bars a head or a person, one after the other."""
    return "; ".join(failing_text(directive, f.row, t) for f in result.failing)


def outcome_text(directive: Directive, row: Row, t: Translator) -> str:
    """How a monthly obligation went; a missing one is "chưa báo cáo" only for a report."""
    result = outcome(row)
    if result == "missing":
        try:
            is_report = directive.obligation(row.occurrence.item).is_report
        except KeyError:
            is_report = False
        if not is_report:
            return t("state_overdue")
    return t(f"outcome_{result}")


# --- the view ---------------------------------------------------------------------------------


def view(report: Report, directive: Directive, t: Translator) -> View:
    month = format_month(report.month)
    day = format_day(report.as_of)
    sections: list[Section] = []
    name = {u.id: unit_name(directive, u.id, t) for u in directive.units}

    def unit_cell(unit: str) -> Cell:
        return Cell(name.get(unit, unit))

    # 1. the monthly progress reports
    several = len(report.report_items) > 1
    wording = "; ".join(directive.obligation(i).deadline.wording for i in report.report_items)
    columns, rows = _outcome_table(directive, report.reports, several, t("col_report_day"), name, t)
    sections.append(
        Section(
            "reports",
            t(
                "report_sec_reports",
                month=month,
                items=", ".join(report.report_items),
                wording=wording,
            ),
            columns,
            rows,
            [30, *([6] if several else []), 20, 18, 10, 30],
        )
    )

    # 1b. the monthly inspections, a matrix of units and items; in detail as in section 1
    inspection_title = t(
        "report_sec_inspections", month=month, items=", ".join(report.inspection_items)
    )
    matrix = _matrix_section(
        "inspections",
        inspection_title,
        report.inspection_items,
        report.inspections,
        name,
        t,
    )
    inspected = [
        cell for line in report.inspections for cell in line.cells.values() if cell is not None
    ]
    columns, rows = _outcome_table(directive, inspected, True, t("col_completed_on"), name, t)
    detail = Section("inspections", inspection_title, columns, rows, [30, 6, 20, 18, 10, 30])
    sections.append(replace(matrix, detail=detail))

    # 2. the one-off obligations
    sections.append(
        _matrix_section(
            "one_offs",
            t("report_sec_one_offs", items=", ".join(report.one_off_items)),
            report.one_off_items,
            report.one_offs,
            name,
            t,
        )
    )
    if report.tasks:
        sections.append(
            Section(
                "tasks",
                t("report_sec_tasks", month=month),
                [
                    t("col_unit"),
                    t("col_task"),
                    t("col_title"),
                    t("col_assignee"),
                    t("col_deadline"),
                    t("col_state"),
                ],
                [
                    [
                        unit_cell(r.occurrence.unit),
                        Cell(r.occurrence.task),
                        Cell(r.occurrence.title),
                        Cell(r.occurrence.person),
                        Cell(deadline_words(directive, r.occurrence, t)),
                        Cell(cell_text(r, t), r.state),
                    ]
                    for r in report.tasks
                ],
                [26, 8, 30, 16, 18, 18],
            )
        )

    # 3. everything overdue
    sections.append(
        Section(
            "overdue",
            t("report_sec_overdue", day=day),
            [
                t("col_unit"),
                t("col_item"),
                t("col_deadline"),
                t("col_percent"),
                t("col_days_overdue"),
            ],
            [
                [
                    unit_cell(r.occurrence.unit),
                    Cell(r.occurrence.task or r.occurrence.item),
                    Cell(deadline_words(directive, r.occurrence, t)),
                    Cell(_percent(r) if r.reported else None),
                    Cell(r.days_overdue, "overdue"),
                ]
                for r in report.overdue
            ],
            # a monthly occurrence is told apart by its deadline's words: no period column
            [36, 8, 32, 6, 14],
        )
    )
    if report.late_in_month:
        sections.append(
            Section(
                "late_in_month",
                t("report_sec_late_in_month", month=month),
                [
                    t("col_unit"),
                    t("col_item"),
                    t("col_deadline"),
                    t("col_completed_on"),
                    t("col_days_late"),
                ],
                [
                    [
                        unit_cell(r.occurrence.unit),
                        Cell(r.occurrence.task or r.occurrence.item),
                        Cell(deadline_words(directive, r.occurrence, t)),
                        Cell(r.completed_on, "late"),
                        Cell(r.days_late, "late"),
                    ]
                    for r in report.late_in_month
                ],
                [36, 8, 32, 12, 12],
            )
        )

    # 4. the 90% watch list
    sections.append(
        Section(
            "watch",
            t("report_sec_watch", year=report.year),
            [t("col_unit"), t("col_person"), t("col_failing")],
            [
                [
                    Cell(
                        name.get(e.unit, e.unit)
                        + ("" if e.rated_by_issuer else f" ({t('watch_passed_on')})")
                    ),
                    Cell(e.person or t("head")),
                    Cell(failing_list(directive, e, t), "overdue"),
                ]
                for e in report.watch
            ],
            [30, 16, 54],
        )
    )

    # 5. the summary
    summary = report.summary
    current = summary.current
    lines = []
    if current.reports.units:
        lines.append(
            t(
                "report_sum_reports",
                items=", ".join(report.report_items),
                units=current.reports.units,
                on_time=current.reports.on_time,
                late=current.reports.late,
                missing=current.reports.missing,
                pending=current.reports.pending,
            )
        )
    lines.append(t("report_sum_overdue", count=current.overdue))
    lines.append(t("report_sum_watch", count=current.watch_list))
    if summary.previous is not None and summary.change is not None:
        change = summary.change
        lines.append(
            t(
                "report_sum_previous",
                month=format_month(summary.previous.month),
                day=format_day(summary.previous.as_of),
                on_time=delta_text(change.on_time, t),
                late=delta_text(change.late, t),
                missing=delta_text(change.missing, t),
                overdue=delta_text(change.overdue, t),
                watch=delta_text(change.watch_list, t),
            )
        )
    else:
        lines.append(t("report_sum_no_previous"))

    rates = summary.change.rates if summary.change else {}
    item_rows = []
    for tally in [*current.items, *([current.tasks] if current.tasks.total else [])]:
        if tally.item is None:
            label = t("report_tasks")
        else:
            label = f"{tally.item}. {item_title(directive.obligation(tally.item), t)}"
        if tally.period:
            label += f" ({format_month(tally.period)})"
        item_rows.append(
            [
                Cell(label),
                Cell(tally.total),
                Cell(tally.done, "done"),
                Cell(tally.late, "late"),
                Cell(tally.overdue, "overdue"),
                Cell(tally.open, "open"),
                Cell(round_rate(tally.rate)),
                Cell(rates.get(tally.item or ""), signed=True),
            ]
        )
    sections.append(
        Section(
            "items",
            t("report_sec_items"),
            [
                t("col_item"),
                t("col_total"),
                t("col_on_time"),
                t("col_late"),
                t("col_overdue"),
                t("col_open"),
                t("col_rate"),
                t("col_change"),
            ],
            item_rows,
            [44, 8, 10, 8, 8, 10, 10, 12],
        )
    )
    sections.append(
        Section(
            "units",
            t("report_sec_units"),
            [
                t("col_unit"),
                t("col_total"),
                t("col_completed"),
                t("col_on_time"),
                t("col_overdue"),
                t("col_rate"),
            ],
            [
                [
                    unit_cell(u.unit),
                    Cell(u.total),
                    Cell(u.completed),
                    Cell(u.on_time, "done"),
                    Cell(u.overdue, "overdue"),
                    Cell(round_rate(u.rate)),
                ]
                for u in current.units
            ],
            [40, 10, 12, 12, 12, 14],
        )
    )
    title = t("report_title", number=directive.directive.number, month=month, day=day)
    sections = [_with_optional(section) for section in sections]
    return View(title, sections, lines, ended_text(directive, report.as_of, t))


def _with_optional(section: Section) -> Section:
    """The columns a narrow terminal leaves out, by section: the evidence, the assignee, the
    percent beside the days overdue, the totals and the change since last month."""
    last = len(section.columns) - 1
    percent = section.columns.index("%") if "%" in section.columns else None
    optional = {
        "reports": (last, *([percent] if percent is not None else [])),
        "tasks": (3,),
        "overdue": (3,),
        "items": (1, 5, 7),
        "units": (1,),
    }.get(section.key, ())
    totals = {"items": (1, 2, 3, 4, 5), "units": (1, 2, 3, 4)}.get(section.key, ())
    detail = section.detail
    if detail is not None:
        detail = replace(detail, optional=(len(detail.columns) - 1,))
    return replace(section, optional=optional, totals=totals, detail=detail)


def _percent(row: Row) -> int | float:
    """A percent as recorded: 100, not 100.0; 89.5 stays 89.5."""
    return int(row.percent) if float(row.percent).is_integer() else row.percent


def _outcome_table(
    directive: Directive,
    rows: Sequence[Row],
    with_item: bool,
    day_column: str,
    names: dict[str, str],
    t: Translator,
) -> tuple[list[str], list[list[Cell]]]:
    """A monthly obligation's rows, one per line: the unit, (the item,) the outcome, the
    percent reached, the day, the days late and the evidence."""
    columns = [t("col_unit")]
    columns += [t("col_item")] if with_item else []
    columns += [
        t("col_outcome"),
        t("col_percent"),
        day_column,
        t("col_days_late"),
        t("col_evidence"),
    ]
    lines = []
    for row in rows:
        line = [Cell(names.get(row.occurrence.unit, row.occurrence.unit))]
        line += [Cell(row.occurrence.item)] if with_item else []
        line += [
            Cell(outcome_text(directive, row, t), row.state),
            Cell(_percent(row) if row.reported else None),
            Cell(row.completed_on),
            Cell(row.days_late),
            Cell(evidence(row)),
        ]
        lines.append(line)
    return columns, lines


def _matrix_section(
    key: str,
    title: str,
    item_ids: Sequence[str],
    lines: Sequence[UnitLine],
    names: dict[str, str],
    t: Translator,
) -> Section:
    rows = []
    for line in lines:
        cells = [Cell(names.get(line.unit, line.unit))]
        for item in item_ids:
            row = line.cells.get(item)
            cells.append(Cell(None) if row is None else Cell(cell_text(row, t), row.state))
        rows.append(cells)
    columns = [t("col_unit"), *(f"{t('col_item')} {i}" for i in item_ids)]
    return Section(key, title, columns, rows, [34, *([20] * len(item_ids))])


# --- text of a cell ---------------------------------------------------------------------------


def text(value: CellValue, signed: bool = False) -> str:
    if value is None:
        return "—" if signed else ""
    if isinstance(value, dt.date):
        return format_day(value)
    if isinstance(value, float):
        return f"{value:+.1f}" if signed else f"{value:.1f}"
    if signed and isinstance(value, int):
        return f"{value:+d}"
    return str(value)


# --- formats ----------------------------------------------------------------------------------


def to_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


PIPE_WIDTH = 400
NARROW = 100
"""Below this many columns the terminal report leaves out each section's optional columns."""
TERMINAL_ROWS = 20
"""On a terminal, a long section shows this many rows and says how to see the rest."""


def table(
    report_view: View,
    t: Translator,
    *,
    width: int | None = None,
    cap: int | None = None,
    more_command: str | None = None,
) -> list[RenderableType]:
    """Rich renderables: the title, the summary first, then each section. On a screen narrower
    than 100 columns the optional columns are left out, so that none is squeezed to a word per
    line; with ``cap``, a long section shows its first rows and a line with the count of the
    rest and ``more_command``. Print them with ``crop=False``: nothing is ever cut off."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from cvtracker.render import STATE_STYLE

    narrow = width is not None and width < NARROW
    out: list[RenderableType] = [Text(report_view.title, style="bold")]
    if report_view.notice:
        out.append(Text(report_view.notice, style="bold"))
    out.append(Text(t("section_summary"), style="bold"))
    out.extend(Text(f"  {line}") for line in report_view.summary)
    out.append(Text(""))
    for section in report_view.sections:
        if not section.rows:
            out.append(Text(section.title, style="bold"))
            out.append(Text(f"  {t('report_none')}", style="dim"))
            continue
        keep = [i for i in range(len(section.columns)) if not (narrow and i in section.optional)]
        grid = Table(
            title=section.title,
            box=box.SIMPLE_HEAD,
            title_justify="left",
            pad_edge=False,
            title_style="bold",
        )
        for index in keep:
            numeric = all(
                isinstance(r[index].value, int | float) or r[index].value is None
                for r in section.rows
            )
            grid.add_column(
                section.columns[index],
                justify="right" if numeric else "left",
                overflow="fold",
                # no minimum width: on a narrow terminal every column wraps, none is cropped;
                # a file or a pipe (no width) gets whole rows
                max_width=None if index == 0 or width is None else 40,
            )
        capped = cap is not None and section.key == "overdue"
        rows = section.rows[:cap] if capped else section.rows
        for row in rows:
            grid.add_row(
                *(
                    Text(
                        text(row[i].value, row[i].signed),
                        style=STATE_STYLE[c] if (c := row[i].state) else "",
                    )
                    for i in keep
                )
            )
        out.append(grid)
        if len(rows) < len(section.rows):
            left = len(section.rows) - len(rows)
            out.append(Text(f"  {t('report_more_rows', count=left, command=more_command or '')}"))
            out.append(Text(""))
    return out


def _md_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(report_view: View, t: Translator) -> str:
    parts = [f"# {_md_escape(report_view.title)}", ""]
    if report_view.notice:
        parts += [f"> {_md_escape(report_view.notice)}", ""]
    for section in report_view.sections:
        if section.key == "items":
            parts += [f"## {t('report_sec_summary')}", ""]
            parts += [f"- {_md_escape(line)}" for line in report_view.summary]
            parts.append("")
        level = "###" if section.key in ("items", "units") else "##"
        parts += [f"{level} {_md_escape(section.title)}", ""]
        if not section.rows:
            parts += [t("report_none"), ""]
            continue
        parts.append("| " + " | ".join(_md_escape(c) for c in section.columns) + " |")
        aligns = [
            "---:" if all(isinstance(r[i].value, int | float) for r in section.rows) else "---"
            for i in range(len(section.columns))
        ]
        parts.append("|" + "|".join(aligns) + "|")
        for row in section.rows:
            parts.append("| " + " | ".join(_md_escape(text(c.value, c.signed)) for c in row) + " |")
        parts.append("")
    return "\n".join(parts)


def neutralise(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection): a cell whose
    first character, or first non-blank one, may start a formula is prefixed with a quote."""
    stripped = value.lstrip()
    risky = value.startswith(FORMULA_PREFIXES) or (stripped != "" and stripped[0] in FORMULA_STARTS)
    return "'" + value if risky else value


def to_csv(report: Report, directive: Directive, t: Translator) -> str:
    """One line per row of sections 1 to 4, with a header row; UTF-8 text with a BOM so that
    Excel opens Vietnamese correctly. Days are ISO dates, which Excel reads in any locale."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [
        "col_section",
        "col_unit_id",
        "col_unit",
        "col_item",
        "col_task",
        "col_period",
        "col_deadline",
        "col_state",
        "col_outcome",
        "col_percent",
        "col_completed_on",
        "col_days_late",
        "col_days_overdue",
        "col_person",
        "col_detail",
    ]
    writer.writerow([t(key) for key in header])

    def status_line(section: str, row: Row, monthly: bool) -> list[object]:
        occ = row.occurrence
        return [
            t(f"section_{section}"),
            occ.unit,
            unit_name(directive, occ.unit, t),
            occ.item,
            occ.task,
            occ.period,
            deadline_words(directive, occ, t),
            t(f"state_{row.state}"),
            outcome_text(directive, row, t) if monthly else None,
            percent_text(row.percent) if row.reported else None,
            row.completed_on.isoformat() if row.completed_on else None,
            row.days_late,
            row.days_overdue,
            occ.person,
            evidence(row),
        ]

    lines: list[list[object]] = []
    lines += [status_line("reports", r, True) for r in report.reports]
    for unit_line in report.inspections:
        lines += [status_line("inspections", r, True) for r in unit_line.cells.values() if r]
    for unit_line in report.one_offs:
        lines += [status_line("one_offs", r, False) for r in unit_line.cells.values() if r]
    lines += [status_line("tasks", r, False) for r in report.tasks]
    lines += [status_line("overdue", r, False) for r in report.overdue]
    lines += [status_line("late_in_month", r, False) for r in report.late_in_month]
    for result in report.watch:
        lines.append(
            [
                t("section_watch"),
                result.unit,
                unit_name(directive, result.unit, t),
                None,
                None,
                None,
                None,
                t("eligible_no"),
                None,
                None,
                None,
                None,
                None,
                result.person or t("head"),
                failing_list(directive, result, t),
            ]
        )
    for line in lines:
        writer.writerow(["" if v is None else neutralise(str(v)) for v in line])
    return "\ufeff" + buffer.getvalue()


# --- choosing and producing a format ------------------------------------------------------------

FORMATS = ("table", "md", "csv", "json", "xlsx", "docx")
BINARY_FORMATS = ("xlsx", "docx")
EXTENSIONS = {
    ".txt": "table",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".json": "json",
    ".xlsx": "xlsx",
    ".docx": "docx",
}


def resolve_format(fmt: str | None, output: str | None) -> str:
    """``--format`` if given, else the one ``-o``'s extension names, else ``table``."""
    from pathlib import PurePath

    from cvtracker.errors import InputError

    if fmt is not None:
        wanted = fmt.strip().lower()
        if wanted not in FORMATS:
            raise InputError("report_bad_format", value=fmt, choices=", ".join(FORMATS))
        return wanted
    if output is None or output == "-":
        return "table"
    suffix = PurePath(output).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError("report_unknown_extension", path=output, choices=", ".join(FORMATS))
    return EXTENSIONS[suffix]


def require(fmt: str) -> None:
    """Refuse a binary format whose library is missing, before anything is read."""
    if fmt == "xlsx":
        from cvtracker import report_xlsx

        report_xlsx.require()
    elif fmt == "docx":
        from cvtracker import report_docx

        report_docx.require()


def render_bytes(
    fmt: str,
    report: Report,
    directive: Directive,
    t: Translator,
    *,
    written_on: dt.date | None = None,
) -> bytes:
    """The report as the bytes of a file in ``fmt``; ``table`` is plain text, one row a line.

    ``written_on`` is the day the report is written, for the Word document's date line ("Tuy
    Phong, ngày 05 tháng 6 năm 2022"): a May report is written in June. The caller gives it
    (the CLI: today in Viet Nam); without it, the report's ``as_of``."""
    if fmt == "json":
        return to_json(report).encode("utf-8")
    if fmt == "csv":
        return to_csv(report, directive, t).encode("utf-8")
    report_view = view(report, directive, t)
    if fmt == "md":
        return markdown(report_view, t).encode("utf-8")
    if fmt == "xlsx":
        from cvtracker import report_xlsx

        return report_xlsx.render(report_view, t)
    if fmt == "docx":
        from cvtracker import report_docx

        return report_docx.render(report, report_view, directive, t, written_on)
    from rich.console import Console

    # a file or a pipe: one row per line, however long, so that grep finds a unit's row
    console = Console(
        file=io.StringIO(),
        width=PIPE_WIDTH,
        color_system=None,
        force_terminal=False,
        highlight=False,
    )
    for renderable in table(report_view, t):
        console.print(renderable, crop=False)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue().encode("utf-8")


def stdout_is_terminal() -> bool:
    """Binary formats are never written to a terminal."""
    import sys

    return sys.stdout.isatty()
