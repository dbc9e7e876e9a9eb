"""The report as CSV for a spreadsheet: one line per row of sections 1 to 4, UTF-8 with a BOM,
ISO dates, and no cell a spreadsheet could take for a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

from cvtracker.compliance import Row
from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report.model import Report, evidence
from cvtracker.report.view import failing_list, outcome_text
from cvtracker.words import deadline_words, percent_text, unit_name

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""What a spreadsheet may take for the start of a formula once leading blanks are skipped,
the full-width forms (＝ ＋ － ＠) included."""


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


def render(
    report: Report, directive: Directive, t: Translator, written_on: dt.date | None = None
) -> bytes:
    return to_csv(report, directive, t).encode("utf-8")
