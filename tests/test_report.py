"""The monthly report: the model (pure) and its text formats (table, md, csv, json)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from rich.console import Console

from conftest import STATUS_ROW_KEYS
from cvtracker.compliance import Event
from cvtracker.i18n import Translator
from cvtracker.report import build_report, default_as_of
from cvtracker.report.formats import resolve_format
from cvtracker.report.formats.csvfile import neutralise, to_csv
from cvtracker.report.formats.jsonfile import to_json
from cvtracker.report.formats.markdown import markdown
from cvtracker.report.formats.terminal import table
from cvtracker.report.view import official_date, text, view
from cvtracker.schedule import Task

D = dt.date
VI = Translator("vi")
EN = Translator("en")
ITEM6_UNITS = 11


def ev(n, unit, item, period, percent, on, evidence=None, task=None):
    return Event(n, unit, item, task, period, percent, on, evidence)


EVENTS = [
    ev(1, "tu-phap", "6", "2022-06", 100, D(2022, 6, 9), "Báo cáo số 45/BC-TP"),
    ev(2, "vh-tt", "6", "2022-06", 100, D(2022, 6, 10), '=HYPERLINK("http://x")'),
    ev(3, "tc-kh", "6", "2022-06", 100, D(2022, 6, 6)),
    ev(4, "tu-phap", "6", "2022-05", 100, D(2022, 5, 6)),
    ev(5, "tu-phap", "2", None, 100, D(2022, 4, 25), "Biên bản hội nghị"),
    ev(6, "tu-phap", "3", None, 100, D(2022, 5, 3)),
    ev(7, "tu-phap", "4", "2022-06", 100, D(2022, 6, 28)),
    ev(8, "lien-huong", "5b", "2022-06", 95, D(2022, 6, 28)),
]


@pytest.fixture(scope="module")
def june(directive):
    return build_report(directive, [], EVENTS, "2022-06", D(2022, 6, 30))


def by_unit(rows):
    return {r.occurrence.unit: r for r in rows}


def test_the_9th_is_on_time_and_the_10th_is_late(june):
    reports = by_unit(june.reports)
    assert len(reports) == ITEM6_UNITS
    assert reports["tu-phap"].state == "done"
    assert reports["tu-phap"].completed_on == D(2022, 6, 9)
    assert reports["tu-phap"].last.evidence == "Báo cáo số 45/BC-TP"
    assert reports["vh-tt"].state == "late"
    assert reports["vh-tt"].days_late == 1
    assert reports["bhxh"].state == "overdue"


def test_summary_counts_and_change(june):
    current = june.summary.current
    assert current.reports.to_json() == {
        "units": 11,
        "on_time": 2,
        "late": 1,
        "missing": 8,
        "pending": 0,
    }
    previous = june.summary.previous
    assert previous is not None and previous.month == "2022-05"
    # a month is judged as of the day after it ends, so May's inspections count
    assert previous.as_of == D(2022, 6, 1)
    assert previous.reports.on_time == 1 and previous.reports.missing == 10
    change = june.summary.change
    assert change is not None
    assert (change.on_time, change.late, change.missing) == (1, 1, -2)
    assert change.rates["6"] == pytest.approx(100 * 3 / 11 - 100 * 1 / 11)
    rate6 = next(t for t in current.items if t.item == "6")
    assert rate6.completed == 3 and rate6.total == 11


def test_sections_use_the_core_rules(june, directive):
    # one-offs: every unit of items 2, 3; 5a for the one-stop desks; 7 for Phòng Nội vụ only
    lines = {line.unit: line.cells for line in june.one_offs}
    assert len(lines) == len(directive.units)
    assert lines["tu-phap"]["2"].state == "done"
    assert lines["tu-phap"]["3"].state == "late"
    assert lines["tu-phap"]["7"] is None
    assert lines["noi-vu"]["7"].state == "overdue"
    # inspections of June are due through 30/6: not yet overdue on the 30th
    inspections = {line.unit: line.cells for line in june.inspections}
    assert inspections["tu-phap"]["4"].state == "done"
    assert inspections["vh-tt"]["4"].state == "open"
    assert inspections["vh-tt"]["5b"] is None
    assert inspections["lien-huong"]["5b"].percent == 95


def test_overdue_oldest_first(june, directive):
    late_froms = [r.occurrence.late_from for r in june.overdue]
    assert late_froms == sorted(late_froms)
    assert june.overdue[0].days_overdue == 62  # trước ngày 30/4: overdue from 30/4
    units = [u.id for u in directive.units]

    def assigned(item):
        return [u for u in units if u in directive.assignees(directive.obligation(item))]

    # each deadline in turn; on the same deadline, unit by unit in the directive's order
    expected = [(u, i, None) for u in units if u != "tu-phap" for i in ("2", "3")]  # 30/4
    expected += [(u, "6", "2022-05") for u in assigned("6") if u != "tu-phap"]  # before 10/5
    expected += [("noi-vu", "7", None)]  # before 30/5, a Sunday: late from Tue 31/5
    expected += [  # through 31/5
        (u, i, "2022-05") for u in units for i in ("4", "5b") if u in assigned(i)
    ]
    expected += [  # before 10/6
        (u, "6", "2022-06") for u in assigned("6") if u not in ("tu-phap", "vh-tt", "tc-kh")
    ]
    keys = [(r.occurrence.unit, r.occurrence.item, r.occurrence.period) for r in june.overdue]
    assert keys == expected


def test_tasks_due_the_same_day_come_in_their_order(directive):
    tasks = [
        Task(n, "tu-phap", f"Việc {n}", deadline_kind="before", deadline=D(2022, 6, 15))
        for n in range(1, 12)
    ]
    report = build_report(directive, tasks, EVENTS, "2022-06", D(2022, 6, 30))
    numbers = [f"T{n}" for n in range(1, 12)]
    assert [r.occurrence.task for r in report.overdue if r.occurrence.task] == numbers
    (section,) = [s for s in view(report, directive, EN).sections if s.key == "overdue"]
    shown = [row[1].value for row in section.rows]
    assert [x for x in shown if str(x).startswith("T")] == numbers


PLAN_TASKS = [
    Task(1, "tu-phap", "Rà soát TTHC", deadline_kind="before", deadline=D(2022, 6, 1)),
    Task(2, "vh-tt", "Tuyên truyền", "3", "Trần Thị B", "before", D(2022, 6, 15)),
    Task(3, "cong-an", "Một cửa", deadline_kind="before", deadline=D(2022, 6, 1)),
    # "trước ngày 1/7/2022": last day Thu 30/6, judged only from 1/7
    Task(4, "tu-phap", "Báo cáo quý", deadline_kind="before", deadline=D(2022, 7, 1)),
]
TASK_EVENTS = [ev(20, "tu-phap", "3", None, 95, D(2022, 5, 30), task="T1")]


def test_watch_list_is_the_90_percent_rule_on_plan_tasks(directive):
    on_30 = build_report(directive, PLAN_TASKS, EVENTS + TASK_EVENTS, "2022-06", D(2022, 6, 30))
    # the directive's own items (May's inspections, missing everywhere) bar nobody
    assert [(e.unit, e.person) for e in on_30.watch] == [
        ("vh-tt", None),
        ("cong-an", None),
        ("vh-tt", "Trần Thị B"),
    ]
    police = next(e for e in on_30.watch if e.unit == "cong-an")
    assert police.rated_by_issuer is False
    (section,) = [s for s in view(on_30, directive, VI).sections if s.key == "watch"]
    assert "thông báo để cơ quan quản lý xem xét" in section.rows[1][0].value
    # as of the day after the month (the report's default), T4 has come due too
    after = build_report(directive, PLAN_TASKS, EVENTS + TASK_EVENTS, "2022-06", D(2022, 7, 1))
    tu_phap = next(e for e in after.watch if e.unit == "tu-phap")
    assert [f.row.occurrence.task for f in tu_phap.failing] == ["T4"]


def test_a_late_completion_recorded_in_the_month_is_in_its_report(directive):
    # the May report of Phòng Văn hóa – Thông tin, due before 10/5, sent on 3/6
    late = [ev(30, "vh-tt", "6", "2022-05", 100, D(2022, 6, 3))]
    june = build_report(directive, [], late, "2022-06", D(2022, 7, 1))
    keys = [(r.occurrence.unit, r.occurrence.item, r.occurrence.period) for r in june.late_in_month]
    assert keys == [("vh-tt", "6", "2022-05")]
    assert ("vh-tt", "6", "2022-05") in [
        (r["unit"], r["item"], r["period"]) for r in june.to_json()["rows"]
    ]
    assert "late_in_month" in [s.key for s in view(june, directive, VI).sections]
    # May's own report no longer lists it as done late in June
    may = build_report(directive, [], late, "2022-05", D(2022, 6, 1))
    assert may.late_in_month == []


def test_report_months_outside_the_directives_life_are_refused(directive):
    from cvtracker.errors import InputError
    from cvtracker.report import check_month

    check_month(directive, "2022-04")
    check_month(directive, "2025-06")
    for month in ("2022-03", "2025-07", "2026-11"):
        with pytest.raises(InputError):
            check_month(directive, month)


def test_default_as_of():
    # the day after the month, so that what is due through the 30th is judged
    assert default_as_of("2022-06", D(2022, 8, 1)) == D(2022, 7, 1)
    assert default_as_of("2022-06", D(2022, 7, 1)) == D(2022, 7, 1)
    assert default_as_of("2022-06", D(2022, 6, 12)) == D(2022, 6, 12)


def test_a_day_before_the_month_still_lists_its_reports(directive):
    report = build_report(directive, [], [], "2022-07", D(2022, 6, 20))
    assert {r.state for r in report.reports} == {"open"}
    assert len(report.reports) == ITEM6_UNITS


def test_first_month_has_no_previous(directive):
    april = build_report(directive, [], [], "2022-04", D(2022, 4, 30))
    assert april.reports == []
    assert april.summary.previous is None and april.summary.change is None
    may = build_report(directive, [], [], "2022-05", D(2022, 5, 31))
    assert may.summary.previous is not None and may.summary.previous.month == "2022-04"
    assert may.summary.change is not None and may.summary.change.on_time is None


def test_tasks_due_in_the_month(directive):
    from cvtracker.schedule import Task

    task = Task(1, "tu-phap", "Rà soát thủ tục", "3", "Nguyễn Văn A", "before", D(2022, 6, 15))
    events = [ev(1, "tu-phap", "3", None, 80, D(2022, 6, 14), task="T1")]
    report = build_report(directive, [task], events, "2022-06", D(2022, 6, 30))
    assert [r.occurrence.task for r in report.tasks] == ["T1"]
    person = next(e for e in report.watch if e.person == "Nguyễn Văn A")
    assert person.failing[0].row.percent == 80
    assert any(r["task"] == "T1" for r in report.to_json()["rows"])


# --- JSON against the contract -----------------------------------------------------------------


def test_json_contract(june):
    data = json.loads(to_json(june))
    assert set(data) == {"month", "as_of", "rows", "eligibility", "summary"}
    assert data["month"] == "2022-06" and data["as_of"] == "2022-06-30"
    for row in data["rows"]:
        assert set(row) == STATUS_ROW_KEYS
        assert row["state"] in {"done", "late", "overdue", "open"}
        assert 0 <= row["percent"] <= 100
    assert {
        "unit": "vh-tt",
        "item": "6",
        "task": None,
        "period": "2022-06",
        "late_from": "2022-06-10",
        "state": "late",
        "percent": 100,
        "completed_on": "2022-06-10",
        "days_overdue": None,
    } in data["rows"]
    # every occurrence that falls due in June, then every other overdue one, each once
    keys = [(r["unit"], r["item"], r["task"], r["period"]) for r in data["rows"]]
    assert len(keys) == len(set(keys))
    overdue = {k for k, r in zip(keys, data["rows"], strict=True) if r["state"] == "overdue"}
    assert ("bhxh", "2", None, None) in overdue
    assert ("bhxh", "6", None, "2022-05") in overdue
    for row in data["eligibility"]:
        assert set(row) == {"unit", "person", "eligible", "failing", "rated_by_issuer"}
        for failing in row["failing"]:
            assert set(failing) == {"item", "task", "period", "percent", "reported"}
    summary = data["summary"]
    assert summary["reports"]["on_time"] == 2
    assert summary["change"]["on_time"] == 1
    assert summary["previous"]["month"] == "2022-05"


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_bom_header_and_injection(june, directive):
    text = to_csv(june, directive, VI)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header = rows[0]
    assert header[:3] == ["Phần", "Mã đơn vị", "Đơn vị"]
    assert all(len(r) == len(header) for r in rows)
    evidence = header.index("Chi tiết")
    vh_tt = next(r for r in rows if r[1] == "vh-tt" and r[3] == "6" and r[5] == "2022-06")
    assert vh_tt[evidence] == '\'=HYPERLINK("http://x")'
    assert vh_tt[header.index("Số ngày trễ")] == "1"
    assert vh_tt[header.index("Ngày hoàn thành")] == "2022-06-10"
    tu_phap = next(r for r in rows if r[1] == "tu-phap" and r[3] == "6" and r[5] == "2022-06")
    assert tu_phap[header.index("Kết quả")] == "hoàn thành đúng hạn"
    assert tu_phap[2] == "Phòng Tư pháp"
    assert any(r[2] == "UBND xã Vĩnh Hảo" for r in rows)
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r)


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=x",
        " =1+1",
        "  +1",
        "\u00a0-1",
        "\n@SUM(A1)",
        "\uff1d1+1",
        "\uff0b1",
        "\uff0d1",
        "\uff20SUM(A1)",
        ' \uff1dHYPERLINK("http://x")',
    ],
)
def test_neutralise(value):
    assert neutralise(value) == "'" + value
    assert neutralise("Phòng Kinh tế - Hạ tầng") == "Phòng Kinh tế - Hạ tầng"
    assert neutralise(" Báo cáo số 45/BC-TP") == " Báo cáo số 45/BC-TP"
    assert neutralise("   ") == "   " and neutralise("") == ""


# --- table and Markdown ------------------------------------------------------------------------


def test_table_to_a_file_or_a_pipe_keeps_every_column(cli, directive):
    """Under cron, with `> out.txt` or in a pipe, stdout is not a terminal (nor is the runner's):
    every row is one line, however long, as with -o report.txt (grep finds a unit's row), and
    nothing is cropped."""
    result = cli("report", "--month", "2022-05", "--as-of", "31/5/2022")
    assert result.exit_code == 0, result.output
    out = result.stdout
    lines = out.splitlines()
    for unit in directive.units:  # never wrapped: each unit's whole name on its lines
        assert any(line.startswith(f" {unit.name} ") for line in lines), unit.name
    # every column heading and every value of every section is there, word for word
    words = set(out.split())
    report_view = view(build_report(directive, [], [], "2022-05", D(2022, 5, 31)), directive, VI)
    for section in report_view.sections:
        if not section.rows:  # an empty section says "Không có." under its title
            continue
        for heading in section.columns:
            assert set(heading.split()) <= words, (section.key, heading)
        for row in section.rows:
            for cell in row:
                assert set(text(cell.value).split()) <= words, (section.key, cell)
    # the one-offs keep item 7's column, and Phòng Nội vụ's cell in it
    assert re.search(r"Nội dung 3 +Nội dung 7 *$", out, re.M)
    # item 7, "trước ngày 30/5/2022": Sunday 29/5 rolls to Monday 30/5, overdue from 31/5
    assert re.search(r"^ Phòng Nội vụ .* quá hạn 1 ngày *$", out, re.M)
    # the overdue list keeps its days overdue, at the end of each line
    assert len(re.findall(r"trước ngày 30/4/2022 +32 *$", out, re.M)) == 2 * 29
    assert len(re.findall(r"trước ngày 10/5/2022 +22 *$", out, re.M)) == ITEM6_UNITS
    # item 7: Sunday 29/5 rolled to Monday 30/5, overdue from 31/5
    rolled = r"trước ngày 30/5/2022 – hạn cuối 30/5/2022, do 29/5 là Chủ nhật +1 *$"
    assert len(re.findall(rolled, out, re.M)) == 1


@pytest.mark.parametrize("width", [60, 80, 100])
def test_table_on_a_narrow_terminal_wraps_rather_than_crops(directive, width):
    may = build_report(directive, [], [], "2022-05", D(2022, 5, 31))
    outputs = []
    for crop in (True, False):  # a terminal crops what is wider than itself
        console = Console(width=width, record=True, color_system=None, file=io.StringIO())
        for renderable in table(view(may, directive, VI), VI):
            console.print(renderable, crop=crop)
        outputs.append(console.export_text())
    cropped, whole = outputs
    assert cropped == whole
    assert max(len(line) for line in whole.splitlines()) <= width


def test_markdown_and_english(june, directive):
    md = markdown(view(june, directive, EN), EN)
    assert md.startswith("# Report on Công văn 968/UBND-TH for 6/2022 (as of 30/6/2022)")
    assert "## 3. Overdue as of 30/6/2022, oldest first" in md
    assert "| Office of Justice | on time | 100 | 9/6/2022 |  | Báo cáo số 45/BC-TP |" in md
    assert "### Completion by unit" in md


def test_official_date():
    assert official_date("Tuy Phong", D(2022, 6, 5)) == "Tuy Phong, ngày 05 tháng 6 năm 2022"
    assert official_date("Tuy Phong", D(2022, 2, 15)) == "Tuy Phong, ngày 15 tháng 02 năm 2022"
    assert official_date("Tuy Phong", D(2022, 12, 1)) == "Tuy Phong, ngày 01 tháng 12 năm 2022"
    assert official_date("Tuy Phong", D(2023, 1, 10)) == "Tuy Phong, ngày 10 tháng 01 năm 2023"


def test_resolve_format():
    from cvtracker.errors import InputError

    assert resolve_format(None, None) == "table"
    assert resolve_format(None, "bc.XLSX") == "xlsx"
    assert resolve_format("md", "bc.docx") == "md"
    assert resolve_format(None, "out/bc.csv") == "csv"
    with pytest.raises(InputError):
        resolve_format("pdf", None)
    with pytest.raises(InputError):
        resolve_format(None, "bc.pdf")


# --- per-unit and per-item tallies: a one-off that falls in the month is counted once ----------


def _units(report):
    return {u.unit: u.to_json() for u in report.summary.current.units}


def _items(report):
    return {t.item: t.to_json() for t in report.summary.current.items}


def test_april_tallies_count_each_one_off_once(directive):
    april = build_report(directive, [], [], "2022-04", D(2022, 4, 30))
    units = _units(april)
    # items 2 and 3 are due before 30/4 (overdue on the 30th); 7 is due before 30/5
    assert units["tu-phap"] == {
        "unit": "tu-phap",
        "total": 2,
        "completed": 0,
        "on_time": 0,
        "overdue": 2,
        "completion_rate": 0.0,
    }
    assert (units["noi-vu"]["total"], units["noi-vu"]["overdue"]) == (3, 2)
    # 5a is undated (evaluate and scale up, from 1/5/2022): not among the one-offs
    assert (units["lien-huong"]["total"], units["lien-huong"]["overdue"]) == (2, 2)
    items = _items(april)
    assert (items["2"]["total"], items["2"]["overdue"]) == (29, 29)
    assert (items["3"]["total"], items["3"]["overdue"]) == (29, 29)
    assert "5a" not in items
    assert (items["7"]["total"], items["7"]["open"]) == (1, 1)
    assert sum(u["total"] for u in units.values()) == 29 + 29 + 1


def test_may_tallies_count_item_7_once(directive):
    may = build_report(directive, [], [], "2022-05", D(2022, 5, 31))
    units = _units(may)
    # Phòng Nội vụ: 2, 3, 7 (falls in May) and May's inspection (4)
    assert (units["noi-vu"]["total"], units["noi-vu"]["overdue"]) == (4, 3)
    # Phòng Tư pháp: 2, 3, May's inspection (4) and May's progress report (6)
    assert (units["tu-phap"]["total"], units["tu-phap"]["overdue"]) == (4, 3)
    items = _items(may)
    assert (items["6"]["total"], items["6"]["overdue"]) == (11, 11)
    assert (items["4"]["total"], items["4"]["open"]) == (29, 29)
    assert (items["5b"]["total"], items["5b"]["open"]) == (12, 12)
    assert "5a" not in items
    # item 7, "trước ngày 30/5/2022": 29/5 is a Sunday, so Monday 30/5 is still on time
    assert (items["7"]["total"], items["7"]["overdue"]) == (1, 1)
    assert sum(u["total"] for u in units.values()) == sum(t["total"] for t in items.values())
    previous = {u.unit: u.total for u in may.summary.previous.units}
    assert previous["tu-phap"] == 2


# --- English: the units' English names, and "1 day" ---------------------------------------------


def test_english_unit_names_in_csv_and_markdown(june, directive):
    rows = list(csv.reader(io.StringIO(to_csv(june, directive, EN).removeprefix("\ufeff"))))
    names = {r[2] for r in rows[1:]}
    assert "Office of Justice" in names and "People's Committee of Vĩnh Hảo commune" in names
    assert "Phòng Tư pháp" not in names and "UBND xã Vĩnh Hảo" not in names
    md = markdown(view(june, directive, EN), EN)
    assert "| Office of Home Affairs |" in md and "Phòng Nội vụ |" not in md
    # Vietnamese stays Vietnamese
    assert "Phòng Tư pháp" in {r[2] for r in csv.reader(io.StringIO(to_csv(june, directive, VI)))}


def test_english_one_day_is_singular(june, directive):
    from cvtracker.report.view import cell_text

    vh_tt = by_unit(june.reports)["vh-tt"]
    assert cell_text(vh_tt, EN) == "1 day late (10/6/2022)"
    assert cell_text(vh_tt, VI) == "trễ 1 ngày (10/6/2022)"
    april = build_report(directive, [], [], "2022-04", D(2022, 4, 30))
    item2 = {line.unit: line.cells["2"] for line in april.one_offs}["tu-phap"]
    assert cell_text(item2, EN) == "1 day overdue"
    assert cell_text(item2, VI) == "quá hạn 1 ngày"
    md = markdown(view(april, directive, EN), EN)
    assert re.search(r"(?<!\d)1 days", md) is None and "1 day overdue" in md
    may = build_report(directive, [], [], "2022-05", D(2022, 5, 31))
    assert "2 days overdue" in markdown(view(may, directive, EN), EN)


# --- section 1b in detail: the day and evidence of each inspection ------------------------------

INSPECTIONS = [
    ev(1, "tu-phap", "4", "2022-05", 100, D(2022, 5, 28), "Biên bản kiểm tra số 12"),
    ev(2, "vh-tt", "4", "2022-05", 100, D(2022, 6, 3), "=BB kiểm tra 5/2022"),
]


def test_inspections_in_detail_in_csv_and_json(directive):
    may = build_report(directive, [], INSPECTIONS, "2022-05", D(2022, 6, 30))
    rows = list(csv.reader(io.StringIO(to_csv(may, directive, VI).removeprefix("\ufeff"))))
    header = rows[0]
    mine = {
        r[1]: r for r in rows if r[0] == "Kiểm tra hàng tháng" and r[3] == "4" and r[5] == "2022-05"
    }
    assert len(mine) == 29
    late = mine["vh-tt"]
    assert late[header.index("Kết quả")] == "hoàn thành quá hạn"
    assert late[header.index("Ngày hoàn thành")] == "2022-06-03"
    assert late[header.index("Số ngày trễ")] == "3"
    assert late[header.index("Chi tiết")] == "'=BB kiểm tra 5/2022"
    on_time = mine["tu-phap"]
    assert on_time[header.index("Kết quả")] == "hoàn thành đúng hạn"
    assert on_time[header.index("Ngày hoàn thành")] == "2022-05-28"
    assert on_time[header.index("Chi tiết")] == "Biên bản kiểm tra số 12"
    data = json.loads(to_json(may))
    row = next(
        r for r in data["rows"] if (r["unit"], r["item"], r["period"]) == ("vh-tt", "4", "2022-05")
    )
    assert (row["state"], row["completed_on"], row["late_from"]) == (
        "late",
        "2022-06-03",
        "2022-06-01",
    )
    # the view: a compact matrix for the screen, one line per inspection in its detail
    section = next(s for s in view(may, directive, VI).sections if s.key == "inspections")
    assert section.columns == ["Đơn vị", "Nội dung 4", "Nội dung 5b"]
    assert section.detail is not None
    detail = {(r[0].value, r[1].value): [c.value for c in r[2:]] for r in section.detail.rows}
    assert detail[("Phòng Văn hóa – Thông tin", "4")] == [
        "hoàn thành quá hạn",
        100,
        D(2022, 6, 3),
        3,
        "=BB kiểm tra 5/2022",
    ]


@pytest.mark.parametrize("width", [80, 120])
def test_the_terminal_report_summary_first_and_capped(directive, width):
    may = build_report(directive, [], EVENTS, "2022-05", D(2022, 6, 1))
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    command = "cvtracker overdue --as-of 1/6/2022"
    for renderable in table(
        view(may, directive, VI), VI, width=width, cap=20, more_command=command
    ):
        console.print(renderable, crop=False)
    out = console.export_text()
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[0].startswith("Báo cáo tình hình thực hiện Công văn 968/UBND-TH")
    assert "Tổng hợp" in lines[:4]
    total = len(may.overdue)
    assert total > 20
    assert f"… và {total - 20} dòng khác; xem tất cả: {command}" in out
    # below 100 columns the optional columns (the evidence) are left out, never squeezed
    assert ("Minh chứng" in out) is (width >= 100)
    for heading in ("Ngày báo cáo", "Số ngày trễ", "Kết quả"):
        assert heading in out, heading  # each heading on one line
