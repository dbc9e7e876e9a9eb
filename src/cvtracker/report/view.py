"""The report laid out once for every format: titled tables of typed cells, in the reader's
language.

Nothing is computed here: the model comes from :mod:`cvtracker.report.model`. ``view`` builds
the sections; each format in :mod:`cvtracker.report.formats` draws them (the Word document adds
the báo cáo's own layout, :mod:`cvtracker.report.document`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cvtracker.compliance import Eligibility, Row, State
from cvtracker.dates import format_day, format_month
from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report.model import Report, UnitLine, evidence, outcome, round_rate
from cvtracker.words import (
    deadline_words,
    delta_text,
    ended_text,
    failing_text,
    item_title,
    overdue_text,
    unit_name,
)

CellValue = str | int | float | dt.date | None


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
