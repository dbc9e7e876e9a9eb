"""Words for people shared by every output: counts, the label of a row, the rows failing the
90% rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cvtracker.compliance import Event, Row, eligibility, status_rows
from cvtracker.i18n import Translator
from cvtracker.render import failing_text, row_label, when_text
from cvtracker.report import build_report
from cvtracker.report_render import cell_text, failing_list
from cvtracker.schedule import occurrences

D = dt.date
EN = Translator("en")
VI = Translator("vi")


def _row(directive: Any, unit: str, item: str, period: str | None, as_of: dt.date) -> Row:
    rows = status_rows(occurrences(directive, [], as_of), [], as_of)
    return next(
        r
        for r in rows
        if (r.occurrence.unit, r.occurrence.item, r.occurrence.period) == (unit, item, period)
    )


def test_status_says_1_day_overdue_in_english(cli: Any) -> None:
    result = cli("--lang", "en", "status", "--unit", "tu-phap", "--as-of", "30/4/2022")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "1 day overdue" in out
    assert "1 days" not in out


def test_status_says_1_ngay_in_vietnamese(cli: Any) -> None:
    result = cli("--lang", "vi", "status", "--unit", "tu-phap", "--as-of", "30/4/2022")
    assert result.exit_code == 0, result.stderr
    assert "quá hạn 1 ngày" in " ".join(result.stdout.split())


def test_one_day_reads_right_everywhere(directive: Any) -> None:
    late = Event(1, "tu-phap", "2", None, None, 100, D(2022, 4, 30))
    rows = status_rows(occurrences(directive, [], D(2022, 5, 2)), [late], D(2022, 5, 2))
    done_late = next(r for r in rows if r.occurrence.key == late.key)
    assert done_late.days_late == 1
    assert when_text(done_late, None, EN) == "done on 30/4/2022 (1 day late)"
    assert when_text(done_late, None, VI) == "xong ngày 30/4/2022 (trễ 1 ngày)"
    assert cell_text(done_late, EN) == "1 day late (30/4/2022)"
    overdue = _row(directive, "tu-phap", "3", None, D(2022, 4, 30))
    assert cell_text(overdue, EN) == "1 day overdue"
    assert cell_text(overdue, VI) == "quá hạn 1 ngày"
    open_row = _row(directive, "tu-phap", "3", None, D(2022, 4, 29))
    assert when_text(open_row, 1, EN) == "1 working day left"
    assert when_text(open_row, 2, EN) == "2 working days left"


def test_a_row_has_one_label_with_the_period_for_people(directive: Any) -> None:
    row = _row(directive, "tu-phap", "6", "2022-05", D(2022, 5, 20))
    assert row_label(row, VI) == "6 (kỳ 5/2022)"
    assert row_label(row, EN) == "6 (period 5/2022)"
    assert failing_text(row, VI) == "6 (kỳ 5/2022): chưa báo cáo"
    assert row_label(_row(directive, "tu-phap", "2", None, D(2022, 5, 20)), EN) == "2"


def test_the_report_and_status_list_failing_rows_alike(directive: Any) -> None:
    day = D(2022, 6, 30)
    rows = status_rows(occurrences(directive, [], day), [], day)
    (head,) = [e for e in eligibility(rows, ["tu-phap"], 2022, day) if e.unit == "tu-phap"]
    report = build_report(directive, [], [], "2022-06", day)
    (watched,) = [e for e in report.watch if e.unit == "tu-phap"]
    assert failing_list(watched, VI) == "; ".join(failing_text(f.row, VI) for f in head.failing)
    assert "4 (kỳ 5/2022): chưa báo cáo" in failing_list(watched, VI)
    assert "2022-05" not in failing_list(watched, VI)
