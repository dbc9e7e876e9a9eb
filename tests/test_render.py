"""Words for people shared by every output: counts, the label of a row, the rows failing the
90% rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cvtracker.compliance import Event, Row, eligibility, status_rows
from cvtracker.i18n import Translator
from cvtracker.render import deadline_words, failing_text, not_recorded, row_label, when_text
from cvtracker.report import build_report
from cvtracker.report.view import cell_text, failing_list
from cvtracker.schedule import Task, occurrences

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
    report = _row(directive, "tu-phap", "6", "2022-06", D(2022, 6, 20))
    # the report due before 10/6 is what a clerk calls "báo cáo tháng 5": say its deadline
    assert row_label(directive, report, VI) == "6 (báo cáo hạn trước ngày 10/6/2022)"
    assert row_label(directive, report, EN) == "6 (report due before 10/6/2022)"
    inspection = _row(directive, "tu-phap", "4", "2022-05", D(2022, 6, 20))
    assert row_label(directive, inspection, VI) == "4 (tháng 5/2022)"
    assert row_label(directive, _row(directive, "tu-phap", "2", None, D(2022, 5, 20)), EN) == "2"


def test_deadline_words_say_the_directives_words_and_the_rolled_day(directive: Any) -> None:
    july = _row(directive, "tu-phap", "6", "2022-07", D(2022, 7, 20))
    assert deadline_words(directive, july.occurrence, VI) == (
        "trước ngày 10/7/2022 – hạn cuối 11/7/2022, do 9/7 là thứ Bảy"
    )
    assert deadline_words(directive, july.occurrence, EN) == (
        "before 10/7/2022 – last day 11/7/2022, as 9/7 is a Saturday"
    )
    may = _row(directive, "tu-phap", "6", "2022-05", D(2022, 5, 20))
    assert deadline_words(directive, may.occurrence, VI) == "trước ngày 10/5/2022"
    inspection = _row(directive, "tu-phap", "4", "2022-05", D(2022, 6, 20))
    # "Định kỳ hàng tháng" gives no day: its words and the month, no invented date
    assert deadline_words(directive, inspection.occurrence, VI) == (
        "Định kỳ hàng tháng – tháng 5/2022"
    )


def test_nothing_recorded_is_not_reported_only_for_a_report(directive: Any) -> None:
    report = _row(directive, "tu-phap", "6", "2022-06", D(2022, 6, 20))
    inspection = _row(directive, "tu-phap", "4", "2022-05", D(2022, 6, 20))
    assert not_recorded(directive, report.occurrence, VI) == "chưa báo cáo"
    assert not_recorded(directive, inspection.occurrence, VI) == "chưa ghi nhận"


def test_partial_progress_shows_its_percent_with_the_days_overdue(directive: Any) -> None:
    occ = _row(directive, "tu-phap", "3", None, D(2022, 5, 5)).occurrence
    half = Event(1, "tu-phap", "3", None, None, 50, D(2022, 4, 20))
    (row,) = status_rows([occ], [half], D(2022, 5, 5))
    assert when_text(row, None, VI) == "50% – quá hạn 6 ngày"
    assert cell_text(row, VI) == "50% – quá hạn 6 ngày"


def test_a_task_on_its_last_day_is_due_today(directive: Any) -> None:
    task = Task(1, "tu-phap", "Rà soát", deadline_kind="before", deadline=D(2022, 6, 1))
    occ = next(o for o in occurrences(directive, [task], D(2022, 5, 31)) if o.task == "T1")
    (row,) = status_rows([occ], [], D(2022, 5, 31))
    assert row.state == "open"
    assert when_text(row, 1, VI, D(2022, 5, 31)) == "hạn cuối là hôm nay"


def test_the_report_and_status_list_failing_rows_alike(directive: Any) -> None:
    day = D(2022, 6, 30)
    tasks = [Task(1, "tu-phap", "Rà soát TTHC", deadline_kind="before", deadline=D(2022, 6, 1))]
    rows = status_rows(occurrences(directive, tasks, day), [], day)
    (head,) = [e for e in eligibility(rows, ["tu-phap"], 2022, day) if e.unit == "tu-phap"]
    report = build_report(directive, tasks, [], "2022-06", day)
    (watched,) = [e for e in report.watch if e.unit == "tu-phap"]
    assert failing_list(directive, watched, VI) == "; ".join(
        failing_text(directive, f.row, VI) for f in head.failing
    )
    assert failing_list(directive, watched, VI) == "T1 (Rà soát TTHC): chưa ghi nhận"
