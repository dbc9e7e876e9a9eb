"""The monthly report laid out as a báo cáo for the chairman: the body in the order of a báo cáo
định kỳ (I. Kết quả thực hiện, II. Tồn tại, hạn chế, III. Đề xuất, kiến nghị) and the details
in appendices, in the words a reader expects (titles, not ids; "89,5%"; "tăng 12 so với tháng
trước").

Words only: the figures and findings come from :mod:`cvtracker.report`; the Word format
(:mod:`cvtracker.report.formats.word`) draws what this module says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cvtracker.compliance import Row
from cvtracker.dates import format_day, format_month
from cvtracker.directive import Directive
from cvtracker.i18n import Translator
from cvtracker.report.model import Report, Tally, UnitLine, evidence, round_rate
from cvtracker.report.view import Cell, Section, cell_text, outcome_text
from cvtracker.words import (
    change_text,
    days_overdue_text,
    deadline_words,
    item_title,
    names_text,
    number_text,
    percent_text,
    unit_name,
)


@dataclass(frozen=True)
class GroupedRows:
    """An appendix table whose rows come in groups, each under a heading line."""

    columns: list[str]
    groups: list[tuple[str, list[list[Cell]], str | None]]
    """(heading, rows, a closing line such as "… và 3 nội dung khác")."""
    widths: list[int]


@dataclass(frozen=True)
class Appendix:
    number: int
    title: str
    sections: list[Section]
    grouped: GroupedRows | None = None


@dataclass(frozen=True)
class Document:
    to: str
    results: list[str]
    shortcomings: list[str]
    proposals: list[str]
    appendices: list[Appendix]


def _percent(value: float | None, t: Translator) -> str:
    rate = round_rate(value)
    return "—" if rate is None else number_text(rate, t)


def _title(directive: Directive, item_id: str | None, t: Translator) -> str:
    if item_id is None:
        return t("report_tasks")
    try:
        return item_title(directive.obligation(item_id), t)
    except KeyError:
        return item_id


def _what(directive: Directive, row: Row, t: Translator) -> str:
    """What a row is, in words: the task's title, else the item's short title."""
    occ = row.occurrence
    if occ.task is not None:
        return occ.title or occ.task
    return _title(directive, occ.item, t)


def _monthly_words(directive: Directive, item_ids: Sequence[str], t: Translator) -> str:
    """ "hạn trước ngày 10 hằng tháng": a monthly deadline in a sentence, without the nested
    brackets of the directive's "Định kỳ hàng tháng (trước ngày 10 của tháng)"."""
    words = []
    for item_id in item_ids:
        deadline = directive.obligation(item_id).deadline
        if deadline.kind == "monthly_before" and deadline.day is not None:
            words.append(t("doc_monthly_before", day=deadline.day))
        else:
            words.append(t("doc_monthly_end"))
    return "; ".join(dict.fromkeys(words))


def _names(directive: Directive, units: Sequence[str], t: Translator) -> str:
    return names_text([unit_name(directive, u, t) for u in units], t)


# --- I. the results, in sentences ----------------------------------------------------------------


def _results(report: Report, directive: Directive, t: Translator) -> list[str]:
    summary = report.summary
    current = summary.current
    change = summary.change
    month = format_month(report.month)
    lines = []
    if current.reports.units:
        wording = _monthly_words(directive, report.report_items, t)
        pending = current.reports.pending
        moved = change_text(change.on_time, t) if change is not None else None
        lines.append(
            t(
                "doc_reports",
                wording=wording,
                on_time=current.reports.on_time,
                units=current.reports.units,
                late=current.reports.late,
                missing=current.reports.missing,
                pending=t("doc_reports_pending", count=pending) if pending else "",
                change=t("doc_reports_change", change=moved) if moved else "",
            )
        )
    # the progress reports have their sentence above; every other item and the tasks one each
    others = [x for x in current.items if x.item not in report.report_items]
    for tally in [*others, *([current.tasks] if current.tasks.total else [])]:
        lines.append(_item_line(tally, directive, month, t))
    if current.overdue:
        moved = change_text(change.overdue, t) if change is not None else None
        lines.append(
            t(
                "doc_overdue",
                day=format_day(report.as_of),
                count=number_text(current.overdue, t),
                units=report.findings.overdue_units,
                change=f" ({moved})" if moved else "",
            )
        )
    else:
        lines.append(t("doc_overdue_none", day=format_day(report.as_of)))
    if report.watch:
        lines.append(t("doc_watch", count=len(report.watch), number=directive.directive.number))
    else:
        lines.append(t("doc_watch_none"))
    return lines


def _item_line(tally: Tally, directive: Directive, month: str, t: Translator) -> str:
    pending = t("doc_item_pending", count=tally.open) if tally.open else ""
    if tally.item is None:
        return t(
            "doc_tasks_line",
            completed=tally.completed,
            total=tally.total,
            rate=_percent(tally.rate, t),
            overdue=tally.overdue,
            pending=pending,
        )
    return t(
        "doc_item_line",
        title=_title(directive, tally.item, t),
        when=t("doc_item_month", month=month) if tally.period else "",
        completed=tally.completed,
        total=tally.total,
        rate=_percent(tally.rate, t),
        done=tally.done,
        overdue=tally.overdue,
        pending=pending,
    )


# --- II and III, drafted from the findings -------------------------------------------------------


def _shortcomings(report: Report, directive: Directive, t: Translator) -> list[str]:
    found = report.findings
    lines = []
    if found.missing:
        lines.append(
            t(
                "doc_short_missing",
                count=len(found.missing),
                month=format_month(report.month),
                names=_names(directive, found.missing, t),
            )
        )
    if found.late_twice:
        lines.append(t("doc_short_late_twice", names=_names(directive, found.late_twice, t)))
    if found.lowest:
        items = [f"{_title(directive, x.item, t)} ({_percent(x.rate, t)}%)" for x in found.lowest]
        lines.append(t("doc_short_lowest", items="; ".join(items)))
    if found.oldest:
        items = [
            f"{unit_name(directive, r.occurrence.unit, t)} – {_what(directive, r, t)} "
            f"({deadline_words(directive, r.occurrence, t)}, {days_overdue_text(r, t)})"
            for r in found.oldest
        ]
        lines.append(t("doc_short_oldest", items="; ".join(items)))
    return lines or [t("doc_short_none")]


def _proposals(report: Report, directive: Directive, t: Translator) -> list[str]:
    found = report.findings
    meta = directive.directive
    body = unit_name(directive, directive.report.unit, t)
    lines = []
    slow = list(dict.fromkeys([*found.missing, *found.late_twice]))
    if slow:
        lines.append(
            t(
                "doc_prop_reports",
                to=directive.report.to,
                names=_names(directive, slow, t),
                wording=_monthly_words(directive, report.report_items, t),
            )
        )
    if report.summary.current.overdue:
        lines.append(
            t("doc_prop_overdue", count=number_text(report.summary.current.overdue, t), body=body)
        )
    if report.watch:
        lines.append(t("doc_prop_watch", count=len(report.watch), number=meta.number))
        apart = list(dict.fromkeys(e.unit for e in report.watch if not e.rated_by_issuer))
        if apart:
            lines.append(t("doc_prop_passed_on", names=_names(directive, apart, t)))
    return lines or [t("doc_prop_none", number=meta.number)]


# --- the appendices ------------------------------------------------------------------------------


def _numbered(
    columns: list[str], rows: list[list[Cell]], t: Translator
) -> tuple[list[str], list[list[Cell]]]:
    return [t("col_no"), *columns], [[Cell(n), *row] for n, row in enumerate(rows, 1)]


def _results_appendix(report: Report, directive: Directive, t: Translator) -> list[Section]:
    name = {u.id: unit_name(directive, u.id, t) for u in directive.units}
    sections = []
    columns, rows = _numbered(
        [
            t("col_unit"),
            t("col_outcome"),
            t("col_report_day"),
            t("col_days_late"),
            t("col_evidence"),
        ],
        [
            [
                Cell(name.get(r.occurrence.unit, r.occurrence.unit)),
                Cell(outcome_text(directive, r, t), r.state),
                Cell(r.completed_on),
                Cell(r.days_late),
                Cell(evidence(r)),
            ]
            for r in report.reports
        ],
        t,
    )
    sections.append(
        Section("reports", t("doc_sec_reports"), columns, rows, [8, 30, 18, 14, 10, 22])
    )
    for key, title, item_ids, lines in (
        ("inspections", "doc_sec_inspections", report.inspection_items, report.inspections),
        ("one_offs", "doc_sec_one_offs", report.one_off_items, report.one_offs),
    ):
        sections.append(_matrix(key, t(title), item_ids, lines, directive, name, t))
    if report.tasks:
        columns, rows = _numbered(
            [t("col_unit"), t("col_task"), t("col_assignee"), t("col_deadline"), t("col_state")],
            [
                [
                    Cell(name.get(r.occurrence.unit, r.occurrence.unit)),
                    Cell(_what(directive, r, t)),
                    Cell(r.occurrence.person),
                    Cell(deadline_words(directive, r.occurrence, t)),
                    Cell(cell_text(r, t), r.state),
                ]
                for r in report.tasks
            ],
            t,
        )
        sections.append(
            Section("tasks", t("doc_sec_tasks"), columns, rows, [8, 24, 28, 14, 14, 14])
        )
    if report.late_in_month:
        columns, rows = _numbered(
            [t("col_unit"), t("col_item"), t("col_deadline"), t("col_completed_on")],
            [
                [
                    Cell(name.get(r.occurrence.unit, r.occurrence.unit)),
                    Cell(_what(directive, r, t)),
                    Cell(deadline_words(directive, r.occurrence, t)),
                    Cell(cell_text(r, t), r.state),
                ]
                for r in report.late_in_month
            ],
            t,
        )
        sections.append(
            Section("late_in_month", t("doc_sec_late"), columns, rows, [8, 26, 26, 22, 20])
        )
    return sections


def _matrix(
    key: str,
    title: str,
    item_ids: Sequence[str],
    lines: Sequence[UnitLine],
    directive: Directive,
    name: dict[str, str],
    t: Translator,
) -> Section:
    rows = []
    for line in lines:
        cells = [Cell(name.get(line.unit, line.unit))]
        for item in item_ids:
            row = line.cells.get(item)
            cells.append(Cell(None) if row is None else Cell(cell_text(row, t), row.state))
        rows.append(cells)
    columns, numbered = _numbered(
        [t("col_unit"), *(_title(directive, i, t) for i in item_ids)], rows, t
    )
    return Section(key, title, columns, numbered, [8, 30, *([24] * len(item_ids))])


def _overdue_appendix(report: Report, directive: Directive, t: Translator) -> GroupedRows:
    month = report.month
    groups = []
    number = 0
    for group in report.overdue_groups:
        rows = []
        for line in group.lines:
            number += 1
            r = line.oldest
            when = deadline_words(directive, r.occurrence, t)
            if line.count > 1:
                when = t("doc_months_overdue", count=line.count, first=when)
            rows.append(
                [
                    Cell(number),
                    Cell(_what(directive, r, t)),
                    Cell(when),
                    Cell(percent_text(r.percent, t) + "%" if r.reported else None),
                    Cell(number_text(r.days_overdue or 0, t), "overdue"),
                ]
            )
        more = t("doc_more", count=group.more, month=month) if group.more else None
        heading = t(
            "doc_group",
            unit=unit_name(directive, group.unit, t),
            count=number_text(group.total, t),
        )
        groups.append((heading, rows, more))
    columns = [
        t("col_no"),
        t("col_item"),
        t("col_deadline"),
        t("col_percent"),
        t("col_days_overdue"),
    ]
    return GroupedRows(columns, groups, [8, 42, 34, 9, 13])


def _failing(directive: Directive, row: Row, t: Translator) -> str:
    """A task under 90%, by its title: "Rà soát thủ tục hành chính: 80%"."""
    value = f"{percent_text(row.percent, t)}%" if row.reported else t("not_reported")
    return f"{_what(directive, row, t)}: {value}"


def _watch_appendix(report: Report, directive: Directive, t: Translator) -> Section:
    columns, rows = _numbered(
        [t("col_unit"), t("col_person"), t("col_failing")],
        [
            [
                Cell(
                    unit_name(directive, e.unit, t)
                    + ("" if e.rated_by_issuer else f" ({t('watch_passed_on')})")
                ),
                Cell(e.person or t("head")),
                Cell("; ".join(_failing(directive, f.row, t) for f in e.failing), "overdue"),
            ]
            for e in report.watch
        ],
        t,
    )
    return Section("watch", "", columns, rows, [8, 30, 18, 46])


def document(report: Report, directive: Directive, t: Translator) -> Document:
    month = format_month(report.month)
    appendices = [
        Appendix(
            1, t("doc_appendix_reports", month=month), _results_appendix(report, directive, t)
        ),
        Appendix(
            2,
            t("doc_appendix_overdue", day=format_day(report.as_of)),
            [],
            _overdue_appendix(report, directive, t),
        ),
        Appendix(
            3,
            t("doc_appendix_watch", year=report.year),
            [_watch_appendix(report, directive, t)],
        ),
    ]
    return Document(
        to=directive.report.to,
        results=_results(report, directive, t),
        shortcomings=_shortcomings(report, directive, t),
        proposals=_proposals(report, directive, t),
        appendices=appendices,
    )
