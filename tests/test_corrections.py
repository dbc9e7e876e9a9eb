"""Corrections, append-only (issue 9): ``void EVENT_ID --reason``, ``task edit``, ``task cancel``.

The core with hand-made events; the commands through CliRunner on a real SQLite file; the
append-only guards of the new table on SQLite (PostgreSQL: tests/test_postgres.py); a ledger at
revision 0003 upgraded with every row kept.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from cvtracker.compliance import Event, effective, progress, status_rows, voided_by
from cvtracker.directive import Directive
from cvtracker.errors import InputError
from cvtracker.ledger import HEAD_REVISION, SQLITE_GUARDS, open_ledger
from cvtracker.revisions import (
    TaskRevision,
    apply_revisions,
    plan_task_cancel,
    plan_task_edit,
    plan_void,
    revision_entries,
)
from cvtracker.schedule import Task, occurrences
from cvtracker.settings import database_url

AT = dt.datetime(2022, 5, 3, 2, 0, tzinfo=dt.timezone.utc)


def ev(id: int, percent: float, on: dt.date, voids: int | None = None, **more: Any) -> Event:
    fields: dict[str, Any] = {"unit": "vh-tt", "item": "3", "task": None, "period": None}
    fields.update(more)
    return Event(id, percent=percent, on=on, voids=voids, recorded_at=AT, **fields)


# --- the core -----------------------------------------------------------------------------------


def test_a_void_restores_the_earlier_state() -> None:
    first = ev(1, 50, dt.date(2022, 4, 20))
    wrong = ev(2, 100, dt.date(2022, 4, 29))
    void = ev(3, 100, dt.date(2022, 4, 29), voids=2, note="nhầm")
    assert progress([first, wrong], dt.date(2022, 5, 10)).completed_on == dt.date(2022, 4, 29)
    after = progress([first, wrong, void], dt.date(2022, 5, 10))
    assert after == progress([first], dt.date(2022, 5, 10))
    assert after.percent == 50 and after.completed_on is None and after.last == first
    assert effective([first, wrong, void]) == [first]
    assert voided_by([first, wrong, void]) == {2: void}


def test_a_void_counts_whenever_it_was_recorded() -> None:
    """Events count by the day they name (``on``), not the day they were recorded; a void
    removes its event from every day, a past as-of day included."""
    wrong = ev(1, 100, dt.date(2022, 4, 29))
    void = ev(2, 100, dt.date(2022, 4, 29), voids=1)
    assert progress([wrong, void], dt.date(2022, 4, 29)).reported is False


def test_a_wrong_completion_date_corrected(directive: Directive) -> None:
    """The issue's example: done 29/4 by mistake, voided, then done 3/5: completed late."""
    wrong = ev(1, 100, dt.date(2022, 4, 29))
    void = ev(2, 100, dt.date(2022, 4, 29), voids=1)
    right = ev(3, 100, dt.date(2022, 5, 3))
    day = dt.date(2022, 5, 10)
    occ = [o for o in occurrences(directive, [], day) if o.unit == "vh-tt" and o.item == "3"]
    (row,) = status_rows(occ, [wrong, right], day)
    assert row.state == "done" and row.completed_on == dt.date(2022, 4, 29)  # the mistake stands
    (row,) = status_rows(occ, [wrong, void, right], day)
    assert row.state == "late" and row.completed_on == dt.date(2022, 5, 3)


def test_plan_void_refusals() -> None:
    target = ev(4, 80, dt.date(2022, 5, 2), period=None, evidence="BB")
    new = plan_void(4, target, None, reason="  ghi   nhầm ", by="Lan")
    assert (new.unit, new.item, new.task, new.period) == ("vh-tt", "3", None, None)
    assert (new.percent, new.on, new.voids, new.note, new.evidence) == (
        80,
        dt.date(2022, 5, 2),
        4,
        "ghi nhầm",
        None,
    )
    with pytest.raises(InputError) as caught:
        plan_void(9, None, None, reason="x", by=None)
    assert caught.value.key == "void_unknown"
    with pytest.raises(InputError) as caught:
        plan_void(5, ev(5, 80, dt.date(2022, 5, 2), voids=4), None, reason="x", by=None)
    assert caught.value.key == "void_of_void"
    with pytest.raises(InputError) as caught:
        plan_void(4, target, ev(5, 80, dt.date(2022, 5, 2), voids=4), reason="x", by=None)
    assert caught.value.key == "void_twice"
    with pytest.raises(InputError) as caught:
        plan_void(4, target, None, reason=" ", by=None)
    assert caught.value.key == "reason_empty"


TASK = Task(1, "tu-phap", "Rà soát", assignee="Nguyễn Văn A", deadline_kind="before",
            deadline=dt.date(2023, 6, 1))  # fmt: skip


def revision(id: int, **changes: Any) -> TaskRevision:
    fields: dict[str, Any] = {
        "task": 1,
        "title": TASK.title,
        "assignee": TASK.assignee,
        "deadline_kind": TASK.deadline_kind,
        "deadline": TASK.deadline,
        "cancelled": False,
    }
    fields.update(changes)
    return TaskRevision(id, **fields)


def test_the_latest_revision_wins_and_a_cancelled_task_has_no_occurrence(
    directive: Directive,
) -> None:
    revised = apply_revisions(
        [TASK, Task(2, "tu-phap", "Khác")],
        [revision(2, title="Sau"), revision(1, title="Trước"), revision(3, task=2, title="B")],
    )
    assert [t.title for t in revised] == ["Sau", "B"]
    (cancelled,) = apply_revisions([TASK], [revision(1, cancelled=True, reason="thôi")])
    assert cancelled.cancelled
    day = dt.date(2022, 6, 10)
    assert [o.task for o in occurrences(directive, [TASK], day) if o.task] == ["T1"]
    assert [o.task for o in occurrences(directive, [cancelled], day) if o.task] == []


def test_task_edit_checks_as_task_add(directive: Directive) -> None:
    def edit(**given: Any) -> Any:
        fields: dict[str, Any] = {"title": None, "assignee": None, "before": None}
        fields["through"] = None
        fields.update(given)
        return plan_task_edit(directive, TASK, ["Nguyễn Văn A", "Trần Thị B"], **fields)

    moved = edit(before="1/6/2022")
    assert (moved.deadline_kind, moved.deadline, moved.title) == (
        "before",
        dt.date(2022, 6, 1),
        "Rà soát",
    )
    kept = edit(title="Rà soát TTHC")
    assert (kept.deadline_kind, kept.deadline) == ("before", dt.date(2023, 6, 1))
    assert edit(through="30/6/2022").deadline_kind == "through"
    assert edit(assignee="").assignee is None
    cases = {
        "task_edit_nothing": {},
        "deadline_one": {"before": "1/6/2022", "through": "1/6/2022"},
        "task_after_end": {"before": "1/1/2030"},
        "empty_title": {"title": "  "},
        "task_edit_no_change": {"title": "Rà soát"},
    }
    for key, given in cases.items():
        with pytest.raises(InputError) as caught:
            edit(**given)
        assert caught.value.key == key, key
    with pytest.raises(InputError):  # one person, one name
        edit(assignee="Tran Thi B")
    assert edit(assignee="Tran Thi B", new_person=True).assignee == "Tran Thi B"
    with pytest.raises(InputError) as caught:
        plan_task_edit(
            directive, apply_revisions([TASK], [revision(1, cancelled=True)])[0], [],
            title="x", assignee=None, before=None, through=None,
        )  # fmt: skip
    assert caught.value.key == "task_is_cancelled"


def test_task_cancel_once() -> None:
    new = plan_task_cancel(TASK, reason="không còn phù hợp", by="Lan")
    assert new.cancelled and new.reason == "không còn phù hợp" and new.title == "Rà soát"
    (done,) = apply_revisions([TASK], [revision(1, cancelled=True)])
    with pytest.raises(InputError) as caught:
        plan_task_cancel(done, reason="x", by=None)
    assert caught.value.key == "task_already_cancelled"


def test_revision_entries_say_what_changed() -> None:
    entries = revision_entries(
        [TASK],
        [revision(1, deadline=dt.date(2022, 6, 1)), revision(2, deadline=dt.date(2022, 6, 1),
                                                             assignee=None, title="B")],
    )  # fmt: skip
    assert [e.changed for e in entries] == [["deadline"], ["title", "assignee"]]


# --- the commands -------------------------------------------------------------------------------


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def test_void_then_record_again_reads_completed_late(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    ok(cli("record", "vh-tt", "3", "--done", "--on", "29/4/2022", "--by", "Lan"))
    voided = ok(cli("void", "1", "--reason", "nhầm ngày", "--by", "Lan"))
    assert "Đã hủy ghi nhận số 1" in voided.stdout and "nhầm ngày" in voided.stdout
    recorded = ok(cli("record", "vh-tt", "3", "--done", "--on", "3/5/2022"))
    assert "hoàn thành quá hạn" in recorded.stdout
    (row,) = as_json(cli("status", "--unit", "vh-tt", "--item", "3", "--as-of", "10/5/2022",
                         "--json"))  # fmt: skip
    assert (row["state"], row["completed_on"]) == ("late", "2022-05-03")
    history = as_json(cli("history", "vh-tt", "--json"))
    assert [(e["id"], e["voids"], e["voided_by"]) for e in history] == [
        (1, None, 2),
        (2, 1, None),
        (3, None, None),
    ]
    void = history[1]
    assert (void["item"], void["percent"], void["on"], void["note"], void["by"]) == (
        "3",
        100,
        "2022-04-29",
        "nhầm ngày",
        "Lan",
    )
    table = ok(cli("--lang", "en", "history", "vh-tt")).stdout
    assert "voids event 1: nhầm ngày" in table and "voided (event 2, by Lan)" in table


@pytest.mark.sqlite_only("reads the SQLite file directly")
def test_void_refusals_write_nothing(cli: Any) -> None:
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    ok(cli("void", "#1", "--reason", "sai"))
    before = _rows(cli.db)
    for args, words in [
        (("void", "1", "--reason", "lại"), "đã được hủy"),
        (("void", "2", "--reason", "x"), "không hủy một lần hủy"),
        (("void", "99", "--reason", "x"), "Không có ghi nhận số 99"),
        (("void", "abc", "--reason", "x"), "Số ghi nhận không hợp lệ"),
        (("void", "1", "--reason", "  "), "lý do"),
    ]:
        result = cli(*args)
        assert result.exit_code == 2, args
        assert words in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert _rows(cli.db) == before
    english = cli("--lang", "en", "void", "1", "--reason", "again")
    assert english.exit_code == 2 and "already voided" in english.stderr


def _rows(db: Path) -> list[Any]:
    conn = sqlite3.connect(db)
    try:
        return [
            conn.execute("SELECT * FROM events ORDER BY id").fetchall(),
            conn.execute("SELECT * FROM task_revisions ORDER BY id").fetchall(),
        ]
    finally:
        conn.close()


def test_voiding_another_units_event_and_a_monthly_one(cli: Any) -> None:
    ok(cli("record", "tu-phap", "6", "-p", "2022-05", "--percent", "95", "--on", "9/5/2022"))
    ok(cli("record", "vh-tt", "2", "--done", "--on", "28/4/2022"))
    void = as_json(cli("void", "1", "--reason", "nhầm đơn vị", "--json"))
    assert (void["unit"], void["period"], void["voids"]) == ("tu-phap", "2022-05", 1)
    rows = as_json(cli("status", "--unit", "tu-phap", "--item", "6", "--as-of", "15/5/2022",
                       "--json"))  # fmt: skip
    may = next(r for r in rows if r["period"] == "2022-05")
    assert (may["state"], may["percent"]) == ("overdue", 0)
    # a period is open again: record picks it as before
    ok(cli("record", "tu-phap", "6", "-p", "2022-05", "--done", "--on", "9/5/2022"))


def test_void_in_overdue_report_and_export(cli: Any, tmp_path: Path) -> None:
    ok(cli("record", "tu-phap", "2", "--done", "--on", "29/4/2022"))
    overdue = as_json(cli("overdue", "--unit", "tu-phap", "--as-of", "10/5/2022", "--json"))
    assert not any(r["item"] == "2" for r in overdue)
    ok(cli("void", "1", "--reason", "chưa làm"))
    overdue = as_json(cli("overdue", "--unit", "tu-phap", "--as-of", "10/5/2022", "--json"))
    assert any(r["item"] == "2" for r in overdue)
    report = as_json(cli("report", "--month", "2022-05", "--as-of", "10/5/2022",
                         "--format", "json"))  # fmt: skip
    assert "chưa làm" not in json.dumps(report, ensure_ascii=False)
    target = tmp_path / "out.jsonl"
    ok(cli("export", "-o", str(target)))
    assert target.read_text(encoding="utf-8") == ""  # the voided event and its void left out


def test_task_edit_and_cancel_in_status_and_eligibility(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    added = as_json(cli("task", "add", "tu-phap", "Rà soát", "--assignee", "Nguyễn Văn A",
                        "--before", "1/6/2023", "--json"))  # fmt: skip
    assert added["cancelled"] is False
    judged = as_json(cli("eligibility", "--year", "2022", "--as-of", "10/6/2022", "--json"))
    head = next(r for r in judged if r["unit"] == "tu-phap" and r["person"] is None)
    assert head["eligible"] is None  # due in 2023: not judged in 2022
    edited = ok(cli("task", "edit", "T1", "--before", "1/6/2022", "--reason", "nhầm năm"))
    assert "hạn: trước ngày 1/6/2022" in edited.stdout
    judged = as_json(cli("eligibility", "--year", "2022", "--as-of", "10/6/2022", "--json"))
    head = next(r for r in judged if r["unit"] == "tu-phap" and r["person"] is None)
    assert head["eligible"] is False and head["failing"][0]["task"] == "T1"
    rows = as_json(cli("status", "--unit", "tu-phap", "--as-of", "10/6/2022", "--json"))
    assert any(r["task"] == "T1" and r["state"] == "overdue" for r in rows)

    # one person, one name: another task of the unit spells her "Trần Thị B"
    ok(cli("task", "add", "tu-phap", "Việc khác", "--assignee", "Trần Thị B"))
    refused = cli("task", "edit", "T1", "--assignee", "Tran Thi B")
    assert refused.exit_code == 2 and "Trần Thị B" in refused.stderr
    ok(cli("task", "edit", "T1", "--assignee", "tran thi b ", "--new-person"))
    ok(cli("task", "edit", "T1", "--assignee", "Trần Thị B"))

    cancelled = as_json(cli("task", "cancel", "T1", "--reason", "không còn phù hợp", "--json"))
    assert cancelled["cancelled"] is True and cancelled["assignee"] == "Trần Thị B"
    judged = as_json(cli("eligibility", "--year", "2022", "--as-of", "10/6/2022", "--json"))
    head = next(r for r in judged if r["unit"] == "tu-phap" and r["person"] is None)
    assert head["eligible"] is None
    # only T2 (undated) is left for Trần Thị B: nothing judged
    persons = [(r["person"], r["eligible"]) for r in judged if r["unit"] == "tu-phap"]
    assert persons == [(None, None), ("Trần Thị B", None)]
    rows = as_json(cli("status", "--unit", "tu-phap", "--as-of", "10/6/2022", "--json"))
    assert [r["task"] for r in rows if r["task"]] == ["T2"]
    overdue = as_json(cli("overdue", "--as-of", "10/6/2022", "--json"))
    assert not any(r["task"] for r in overdue)
    report = as_json(cli("report", "--month", "2022-06", "--as-of", "10/6/2022",
                         "--format", "json"))  # fmt: skip
    assert "T1" not in json.dumps(report)

    listed = as_json(cli("task", "list", "--json"))
    assert [(t["id"], t["cancelled"], t["title"]) for t in listed] == [
        ("T1", True, "Rà soát"),
        ("T2", False, "Việc khác"),
    ]
    assert set(listed[0]) == {"id", "unit", "title", "item", "assignee", "deadline_kind",
                              "deadline", "cancelled", "directive"}  # fmt: skip
    assert "đã hủy" in ok(cli("task", "list")).stdout

    for args, key in [
        (("task", "cancel", "T1", "--reason", "x"), "đã bị hủy rồi"),
        (("task", "edit", "T1", "--title", "y"), "đã bị hủy"),
        (("record", "tu-phap", "T1", "--done", "--on", "1/5/2022"), "đã bị hủy"),
        (("task", "edit", "T9", "--title", "y"), "T9"),
        (("task", "edit", "T2"), "Không có gì để sửa"),
    ]:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert key in result.stderr, (args, result.stderr)

    history = ok(cli("--lang", "en", "history", "tu-phap", "T1")).stdout
    assert "task T1 edited" in history and "task T1 cancelled: không còn phù hợp" in history


def test_notify_skips_a_cancelled_task(cli: Any) -> None:
    ok(cli("task", "add", "tu-phap", "Rà soát", "--before", "1/6/2022"))
    assert "T1" in ok(cli("notify", "--dry-run", "--as-of", "10/6/2022", "--to", "a@b.vn")).stdout
    ok(cli("task", "cancel", "T1", "--reason", "thôi"))
    assert "T1" not in ok(cli("notify", "--dry-run", "--as-of", "10/6/2022",
                              "--to", "a@b.vn")).stdout  # fmt: skip


# --- the database -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE task_revisions SET title = 'x'",
        "DELETE FROM task_revisions",
        "REPLACE INTO task_revisions (id, task_id, title, cancelled, revised_at) "
        "VALUES (1, 1, 'x', 0, '2022-05-01 00:00:00')",
        "UPDATE events SET voids = NULL",
        "DELETE FROM events WHERE voids IS NOT NULL",
    ],
)
@pytest.mark.sqlite_only("SQLite's append-only triggers")
def test_sqlite_refuses_changing_a_correction(cli: Any, statement: str) -> None:
    ok(cli("task", "add", "tu-phap", "Rà soát"))
    ok(cli("task", "edit", "T1", "--title", "Rà soát lại"))
    ok(cli("record", "tu-phap", "T1", "--done", "--on", "1/5/2022"))
    ok(cli("void", "1", "--reason", "sai"))
    before = _rows(cli.db)
    conn = sqlite3.connect(cli.db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(statement)
    conn.rollback()
    conn.close()
    assert _rows(cli.db) == before


def test_a_0003_ledger_is_upgraded_with_every_row_kept(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", "cvtracker:migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.executescript(
        "INSERT INTO tasks (unit, item, title, assignee, deadline_kind, deadline, created_at) "
        "VALUES ('tu-phap', '3', 'Rà soát', 'Chị Lan', 'before', '2022-06-01', "
        "'2022-05-01 01:00:00');"
        "INSERT INTO events (unit, item, task_id, period, percent, done_on, evidence, note, "
        "recorded_by, recorded_at) VALUES ('tu-phap', '3', 1, NULL, 50, '2022-05-02', 'BB', "
        "'n', 'Lan', '2022-05-02 01:00:00');"
        "INSERT INTO events (unit, item, period, percent, done_on, recorded_at) "
        "VALUES ('tu-phap', '6', '2022-05', 100, '2022-05-09', '2022-05-09 01:00:00');"
        "INSERT INTO sent_mail (day, recipient, content_hash, sent_at) "
        "VALUES ('2022-05-10', 'a@b.vn', 'h', '2022-05-10 00:00:00');"
    )
    raw.commit()
    old = {t: raw.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
           for t in ("tasks", "events", "sent_mail")}  # fmt: skip
    raw.close()

    ledger = open_ledger(database_url(str(path)))
    assert [e.voids for e in ledger.events()] == [None, None]
    assert [(t.id, t.cancelled) for t in ledger.tasks()] == [("T1", False)]
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        # revision 0005 adds the directive last, the packaged one's number on every old row
        cv = ("968/UBND-TH",)
        tasks = raw.execute("SELECT * FROM tasks ORDER BY id").fetchall()
        assert tasks == [(*row, *cv) for row in old["tasks"]]
        sent = raw.execute("SELECT * FROM sent_mail ORDER BY id").fetchall()
        assert sent == [(*row, *cv) for row in old["sent_mail"]]
        events = raw.execute("SELECT * FROM events ORDER BY id").fetchall()
        assert [row[:-2] for row in events] == old["events"]  # voids added, NULL, then directive
        assert [row[-2:] for row in events] == [(None, *cv), (None, *cv)]
        triggers = {r[0] for r in raw.execute("SELECT name FROM sqlite_master "
                                              "WHERE type = 'trigger'")}  # fmt: skip
        assert triggers >= SQLITE_GUARDS
    finally:
        raw.close()


@pytest.mark.sqlite_only("drops a SQLite trigger")
def test_a_dropped_revision_guard_is_noticed_and_restored(cli: Any) -> None:
    ok(cli("task", "add", "tu-phap", "Rà soát"))
    conn = sqlite3.connect(cli.db)
    conn.execute("DROP TRIGGER task_revisions_no_update")
    conn.commit()
    conn.close()
    result = cli("--lang", "en", "task", "edit", "T1", "--title", "B")
    assert result.exit_code == 1 and "task_revisions_no_update" in result.stderr
    ok(cli("db", "upgrade"))
    ok(cli("task", "edit", "T1", "--title", "B"))


def test_recording_again_what_was_voided_is_no_repeat(cli: Any) -> None:
    ok(cli("record", "vh-tt", "3", "--done", "--on", "29/4/2022"))
    ok(cli("void", "1", "--reason", "ghi thử"))
    again = ok(cli("record", "vh-tt", "3", "--done", "--on", "29/4/2022"))
    assert again.stderr == ""  # neither "already complete" nor "an exact repeat of #1"
    assert "hoàn thành đúng hạn" in again.stdout


def test_processes_voiding_one_event_at_once_void_it_once(tmp_path: Path) -> None:
    """The "already voided" check and the append hold the write lock together: of 3 processes
    voiding event 1 at the same moment (10 times each), exactly one succeeds."""
    from test_concurrency import cvtracker, finish, start_worker

    home = tmp_path / "home"
    assert cvtracker(home, "record", "tu-phap", "2", "--done", "--on", "29/4/2022").returncode == 0
    workers = [start_worker(home) for _ in range(3)]
    for number, proc in enumerate(workers):
        assert proc.stdin is not None
        proc.stdin.write("".join(f"void\t1\t--reason\tw{number}\n" for _ in range(10)))
        proc.stdin.flush()
    codes = []
    for proc in workers:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.stdin = None
        codes += [line.split(" ", 1)[0] for line in finish(proc)]
    assert sorted(codes) == ["0"] + ["2"] * 29
    result = cvtracker(home, "history", "--json")
    assert [e["voids"] for e in json.loads(result.stdout)] == [None, 1]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("void", "5", "--reason", "nhầm"), "Không có ghi nhận số 5"),
        (("void", "5", "--reason", ""), "lý do"),
        (("task", "edit", "T1", "--title", "Việc khác"), "Không có nhiệm vụ T1"),
        (("task", "edit", "T1"), "Không có gì để sửa"),
        (("task", "edit", "T1", "--before", "1/6/2022", "--through", "2/6/2022"), "--"),
        (("task", "cancel", "T1", "--reason", "trùng"), "Không có nhiệm vụ T1"),
        (("task", "cancel", "X9", "--reason", "trùng"), "X9"),
    ],
)
def test_a_refused_correction_creates_no_ledger(cli: Any, args: tuple[str, ...], said: str) -> None:
    """Before any record: a void or a task revision that cannot be is refused in one line,
    and no ledger file is left behind (a mistyped --db must not create one)."""
    result = cli(*args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert said in line
    assert not cli.db.exists()
    if cli.home.exists():
        assert not [p.name for p in cli.home.iterdir() if p.name.startswith("ledger")]
