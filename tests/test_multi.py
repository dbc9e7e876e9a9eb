"""Several directives in one ledger (issue 12): ``directive add/list/show/retire``, ``--cv``,
status, overdue, report and notify over two directives whose units overlap, and the migration
of a ledger kept for 968/UBND-TH alone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from conftest import CLI_ROW_KEYS
from cvtracker.ledger import HEAD_REVISION, SQLITE_GUARDS
from cvtracker.settings import database_url, packaged_directive

SECOND = Path(__file__).parent / "fixtures" / "multi" / "ke-hoach-12.yaml"
CV968 = "968/UBND-TH"
CV12 = "12/KH-UBND"


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return result


def as_json(result: Any) -> Any:
    return json.loads(ok(result).stdout)


def events_in(db: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def two(cli: Any) -> Any:
    """A ledger kept for 968 (one event), then 12/KH-UBND added, and one event recorded for it."""
    ok(cli("record", "tu-phap", "6", "-p", "2022-06", "-d", "--on", "3/6/2022"))
    added = ok(cli("directive", "add", str(SECOND)))
    # the data file's directive is stored too: its rows must keep their directive
    assert CV968 in added.stdout and CV12 in added.stdout
    ok(cli("--cv", CV12, "record", "tu-phap", "2", "-d", "--on", "3/8/2022"))
    return cli


# --- directive add, list, show ------------------------------------------------------------------


@pytest.mark.sqlite_only("reads the SQLite file directly")
def test_add_list_show(two: Any) -> None:
    listed = as_json(two("directive", "list", "--as-of", "20/8/2022", "--json"))
    # oldest directive first
    assert [d["id"] for d in listed] == [CV968, CV12]
    first, second = listed
    assert (first["events"], first["version"], first["stored"]) == (1, 1, True)
    assert (second["events"], second["units"], second["items"]) == (1, 3, 2)
    assert second["in_force_until"] == "2022-12-31" and second["in_force"] is True
    assert second["issuer"] == "Ủy ban nhân dân huyện Tuy Phong"
    table = ok(two("directive", "list", "--as-of", "20/8/2022")).stdout
    assert CV968 in table and CV12 in table and "31/12/2022" in table

    shown = ok(two("directive", "show", CV12)).stdout
    assert shown == SECOND.read_text(encoding="utf-8")
    data = as_json(two("directive", "show", "12/kh-ubnd", "--json"))  # case does not matter
    assert data["id"] == CV12 and len(data["sha256"]) == 64 and data["yaml"] == shown
    conn = sqlite3.connect(two.db)
    try:
        for statement in ("UPDATE directives SET yaml = 'x'", "DELETE FROM directives"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
    finally:
        conn.close()


@pytest.mark.sqlite_only("reads the SQLite file directly")
def test_adding_the_same_file_again_changes_nothing_and_a_changed_one_is_a_new_version(
    two: Any, tmp_path: Path
) -> None:
    again = as_json(two("directive", "add", str(SECOND), "--json"))
    assert (again["version"], again["new"]) == (1, False)
    changed = tmp_path / "ke-hoach-12.yaml"
    text = SECOND.read_text(encoding="utf-8").replace("in_force_until: 2022-12-31", "")
    changed.write_text(text, encoding="utf-8")
    out = ok(two("--lang", "en", "directive", "add", str(changed))).stdout
    assert "Version 2 of directive 12/KH-UBND" in out
    listed = as_json(two("directive", "list", "--json"))
    assert [(d["id"], d["version"], d["in_force_until"]) for d in listed] == [
        (CV968, 1, "2025-06-30"),
        (CV12, 2, None),  # the latest version wins
    ]
    conn = sqlite3.connect(two.db)
    try:
        assert conn.execute(
            "SELECT id, version FROM directives ORDER BY id, version"
        ).fetchall() == [
            (CV12, 1),
            (CV12, 2),
            (CV968, 1),
        ]
    finally:
        conn.close()


def test_add_refuses_a_draft_and_an_invalid_file(cli: Any, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        SECOND.read_text(encoding="utf-8").replace(
            "  number: 12/KH-UBND", "  number: 12/KH-UBND  # draft: số đọc từ văn bản"
        ),
        encoding="utf-8",
    )
    refused = cli("directive", "add", str(draft))
    assert refused.exit_code == 2 and "draft" in refused.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("directive: {number: 1}\n", encoding="utf-8")
    assert cli("directive", "add", str(broken)).exit_code == 2
    assert not cli.db.exists() or as_json(cli("directive", "list", "--json"))[0]["stored"] is False


# --- --cv -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("record", "tu-phap", "2", "-d", "--on", "3/8/2022"),
        ("task", "add", "tu-phap", "Rà soát"),
        ("report", "--month", "8/2022", "--format", "json"),
    ],
)
@pytest.mark.sqlite_only("reads the SQLite file directly")
def test_writing_and_reporting_need_cv_when_several(two: Any, args: tuple[str, ...]) -> None:
    before = events_in(two.db)
    refused = two(*args)
    assert refused.exit_code == 2
    (line,) = refused.stderr.splitlines()
    assert "--cv" in line and CV968 in line and CV12 in line
    assert "Traceback" not in refused.output
    assert events_in(two.db) == before


@pytest.mark.sqlite_only("reads the SQLite file directly")
def test_cv_from_the_option_or_the_environment(two: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = as_json(
        two("--cv", CV968, "record", "tu-phap", "2", "-d", "--on", "3/8/2022", "--json")
    )
    assert recorded["directive"] == CV968
    monkeypatch.setenv("CVTRACKER_CV", CV12)
    task = as_json(two("task", "add", "tu-phap", "Rà soát", "--item", "1", "--json"))
    assert task["directive"] == CV12
    listed = as_json(two("task", "list", "--json"))
    assert [t["directive"] for t in listed] == [CV12]
    # the other directive's event is not this one's to void
    assert two("void", "1", "--reason", "nhầm").exit_code == 2
    history = as_json(two("history", "--json"))
    assert {e["directive"] for e in history} == {CV12}
    unknown = two("--cv", "99/XX", "status")
    assert unknown.exit_code == 2 and CV968 in unknown.stderr and CV12 in unknown.stderr
    rows = {(r["unit"], r["directive"]) for r in as_json(two("eligibility", "--json"))}
    assert rows and {cv for _, cv in rows} == {CV12}
    conn = sqlite3.connect(two.db)
    try:
        stored = conn.execute("SELECT id, directive FROM events ORDER BY id").fetchall()
        assert stored == [(1, CV968), (2, CV12), (3, CV968)]
        assert conn.execute("SELECT directive FROM tasks").fetchall() == [(CV12,)]
    finally:
        conn.close()


@pytest.mark.sqlite_only("reads the SQLite file directly")
def test_void_needs_no_cv_the_event_names_its_directive(two: Any) -> None:
    """An event's number is unique in the ledger: `void 2` voids 12/KH-UBND's event without
    --cv, and the void is recorded for that directive; an unknown number is still refused."""
    voided = as_json(two("void", "2", "--reason", "nhầm ngày", "--json"))
    assert voided["voids"] == 2 and voided["directive"] == CV12
    before = events_in(two.db)
    unknown = two("void", "99", "--reason", "nhầm")
    assert unknown.exit_code == 2 and "99" in unknown.stderr and "--cv" not in unknown.stderr
    assert events_in(two.db) == before
    conn = sqlite3.connect(two.db)
    try:
        assert conn.execute("SELECT directive FROM events WHERE voids = 2").fetchall() == [(CV12,)]
    finally:
        conn.close()


# --- status, overdue ---------------------------------------------------------------------------


def test_status_shows_every_directive_grouped(two: Any) -> None:
    rows = as_json(two("status", "--unit", "tu phap", "--as-of", "20/8/2022", "--json"))
    assert all(set(r) == CLI_ROW_KEYS for r in rows)
    # 968's rows first, then 12's: grouped by directive
    cvs = [r["directive"] for r in rows]
    assert cvs == sorted(cvs, key=[CV968, CV12].index) and set(cvs) == {CV968, CV12}
    mine = [(r["item"], r["period"], r["state"]) for r in rows if r["directive"] == CV12]
    assert mine == [("1", "2022-07", "overdue"), ("1", "2022-08", "overdue"), ("2", None, "done")]
    done968 = [r for r in rows if r["directive"] == CV968 and r["state"] == "done"]
    assert [(r["item"], r["period"]) for r in done968] == [("6", "2022-06")]
    table = ok(two("status", "--unit", "tu phap", "--as-of", "20/8/2022")).stdout
    assert table.index(f"Công văn {CV968}") < table.index(f"Công văn {CV12}")
    dashboard = ok(two("--lang", "en", "status", "--as-of", "20/8/2022")).stdout
    assert f"Directive {CV968}" in dashboard and f"Directive {CV12}" in dashboard
    # a unit only one directive has: that directive's rows only
    only = as_json(two("status", "--unit", "gd-dt", "--as-of", "20/8/2022", "--json"))
    assert only and {r["directive"] for r in only} == {CV968}
    # --cv: one directive, as before
    one = as_json(two("--cv", CV12, "status", "--as-of", "20/8/2022", "--json"))
    assert {r["directive"] for r in one} == {CV12} and {r["unit"] for r in one} == {
        "vh-tt",
        "tu-phap",
        "noi-vu",
    }


def test_overdue_covers_both(two: Any) -> None:
    rows = as_json(two("overdue", "--as-of", "20/8/2022", "--json"))
    mine = [(r["unit"], r["item"], r["period"]) for r in rows if r["directive"] == CV12]
    # item 2 is due before 15/8/2022: Phòng Tư pháp did it, Phòng VH-TT did not
    assert ("vh-tt", "2", None) in mine and ("tu-phap", "2", None) not in mine
    assert ("tu-phap", "1", "2022-07") in mine
    assert {r["directive"] for r in rows} == {CV968, CV12}
    limited = as_json(two("overdue", "--as-of", "20/8/2022", "--limit", "3", "--json"))
    assert len(limited) == 3
    text = ok(two("overdue", "--unit", "tu-phap", "--as-of", "20/8/2022")).stdout
    assert text.index(f"Công văn {CV968}") < text.index(f"Công văn {CV12}")


# --- report --------------------------------------------------------------------------------------


def test_report_all(two: Any, tmp_path: Path) -> None:
    documents = as_json(two("report", "--month", "8/2022", "--all", "--format", "json"))
    assert [d["directive"] for d in documents] == [CV968, CV12]
    single = as_json(two("--cv", CV12, "report", "--month", "8/2022", "--format", "json"))
    assert {k: v for k, v in documents[1].items() if k != "directive"} == single
    # January 2023: 12/KH-UBND is no longer in force
    later = as_json(two("report", "--month", "1/2023", "--all", "--format", "json"))
    assert [d["directive"] for d in later] == [CV968]
    md = ok(two("report", "--month", "8/2022", "--all", "--format", "md")).stdout
    assert md.index(CV968) < md.index(CV12) and "\n---\n" in md
    ok(two("report", "--month", "8/2022", "--all", "-o", str(tmp_path / "bc.xlsx")))
    assert sorted(p.name for p in tmp_path.glob("bc-*.xlsx")) == [
        "bc-12-KH-UBND.xlsx",
        "bc-968-UBND-TH.xlsx",
    ]
    refused = two("report", "--month", "8/2022", "--all", "--format", "csv")
    assert refused.exit_code == 2 and "-o" in refused.stderr
    none = two("report", "--month", "9/2025", "--all")
    assert none.exit_code == 2


# --- notify --------------------------------------------------------------------------------------


def test_notify_one_mail_grouped_by_directive(two: Any) -> None:
    out = ok(two("notify", "--as-of", "20/8/2022", "--to", "nv@tuyphong.vn", "--dry-run")).stdout
    assert out.count("Subject:") == 1
    assert "2 công văn (968/UBND-TH, 12/KH-UBND)" in out
    first = out.index(f"thực hiện Công văn {CV968}")
    second = out.index(f"thực hiện Công văn {CV12}")
    assert first < second
    # the part of 12/KH-UBND: its own items only
    assert "Báo cáo công tác văn thư, lưu trữ hàng tháng" in out[second:]


def test_notify_with_one_directive_in_force_is_as_before(two: Any) -> None:
    ok(two("directive", "retire", CV12, "--on", "1/7/2022"))
    out = ok(two("notify", "--as-of", "20/8/2022", "--to", "nv@tuyphong.vn", "--dry-run")).stdout
    assert out.count("Subject:") == 1 and CV12 not in out.split("Subject:")[1].splitlines()[0]


# --- retire ---------------------------------------------------------------------------------------


def test_retire(two: Any) -> None:
    retired = as_json(
        two(
            "directive", "retire", CV12, "--on", "1/8/2022", "--reason", "thay bằng KH 20", "--json"
        )
    )
    assert retired == {"id": CV12, "retired_on": "2022-08-01", "reason": "thay bằng KH 20"}
    listed = as_json(two("directive", "list", "--as-of", "20/8/2022", "--json"))
    second = listed[1]
    assert (second["retired_on"], second["in_force_until"], second["in_force"]) == (
        "2022-08-01",
        "2022-07-31",
        False,
    )
    rows = as_json(two("status", "--unit", "tu-phap", "--as-of", "20/8/2022", "--json"))
    mine = [(r["item"], r["period"]) for r in rows if r["directive"] == CV12]
    assert ("1", "2022-08") not in mine and ("1", "2022-07") in mine
    # one directive not retired today: it is implied again
    recorded = as_json(two("record", "tu-phap", "2", "-d", "--on", "3/8/2022", "--json"))
    assert recorded["directive"] == CV968
    # a retirement is a row: the latest wins, nothing is changed in place
    ok(two("directive", "retire", CV12, "--on", "1/12/2022"))
    listed = as_json(two("directive", "list", "--json"))
    assert listed[1]["retired_on"] == "2022-12-01"
    assert two("directive", "retire", "99/XX", "--on", "1/8/2022").exit_code == 2


def test_retire_needs_a_stored_directive(cli: Any) -> None:
    refused = cli("directive", "retire", CV968, "--on", "1/7/2025")
    assert refused.exit_code == 2 and "directive add" in refused.stderr


# --- the migration of a 968-only ledger --------------------------------------------------------


def _at_revision(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", "cvtracker:migrations")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


ROWS = (
    "INSERT INTO tasks (unit, item, title, assignee, deadline_kind, deadline, created_at) "
    "VALUES ('tu-phap', '3', 'Rà soát', 'Chị Lan', 'before', '2022-06-01', "
    "'2022-05-01 01:00:00');"
    "INSERT INTO events (unit, item, task_id, period, percent, done_on, evidence, note, "
    "recorded_by, recorded_at) VALUES ('tu-phap', '3', 1, NULL, 50, '2022-05-02', 'BB', "
    "'n', 'Lan', '2022-05-02 01:00:00');"
    "INSERT INTO events (unit, item, period, percent, done_on, recorded_at) "
    "VALUES ('tu-phap', '6', '2022-05', 100, '2022-05-09', '2022-05-09 01:00:00');"
    "INSERT INTO events (unit, item, period, percent, done_on, recorded_at) "
    "VALUES ('gd-dt', '6', '2022-06', 95.5, '2022-06-12', '2022-06-12 01:00:00');"
    "INSERT INTO sent_mail (day, recipient, content_hash, sent_at) "
    "VALUES ('2022-05-10', 'a@b.vn', 'h', '2022-05-10 00:00:00');"
)


@pytest.mark.parametrize("revision", ["0003", "0004"])
def test_a_968_only_ledger_is_migrated_without_loss(
    cli: Any, tmp_path: Path, revision: str
) -> None:
    old = tmp_path / "old.db"
    _at_revision(old, revision)
    # the same rows in a ledger made at head: what the old one must read as after
    fresh = tmp_path / "fresh.db"
    _at_revision(fresh, HEAD_REVISION)
    rows_sql = ROWS
    if revision != "0003":
        rows_sql += (
            "INSERT INTO mail_claims (day, recipient, content_hash, run, state, claimed_at) "
            "VALUES ('2022-05-10', 'a@b.vn', 'h', 'r1', 'sent', '2022-05-10 00:00:00');"
        )
    for path in (old, fresh):
        raw = sqlite3.connect(path)
        raw.executescript(rows_sql)
        raw.commit()
        raw.close()
    # rows written straight into the tables bypass the summaries (revision 0006): made again
    assert ok(cli("--db", str(fresh), "db", "rebuild"))
    raw = sqlite3.connect(old)
    before = {
        t: raw.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
        for t in ("tasks", "events", "sent_mail", "mail_claims")
    }
    raw.close()

    assert ok(cli("--db", str(old), "db", "upgrade"))
    raw = sqlite3.connect(old)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        for table, rows in before.items():
            after = raw.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            # every row kept, the directive added last: the packaged directive's number
            assert [row[: len(rows[0])] if rows else row for row in after] == rows
            assert {row[-1] for row in after} <= {CV968}
        triggers = {
            r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert triggers >= SQLITE_GUARDS
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute("UPDATE events SET directive = 'x'")
        indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"ix_events_directive_unit_item_period", "ix_tasks_directive"} <= indexes
    finally:
        raw.close()
    for args in (
        ("status", "--as-of", "20/6/2022", "--json"),
        ("overdue", "--as-of", "20/6/2022", "--json"),
        ("history", "--json"),
        ("task", "list", "--json"),
    ):
        migrated = as_json(cli("--db", str(old), *args))
        assert migrated == as_json(cli("--db", str(fresh), *args))
        assert migrated and {r["directive"] for r in migrated} == {CV968}
    assert _packaged_number() == CV968


def _packaged_number() -> str:
    from cvtracker.directive import load_directive

    return load_directive(packaged_directive()).directive.number


def test_the_migration_reads_the_number_from_the_packaged_file() -> None:
    from cvtracker.ledger import packaged_number

    assert packaged_number() == _packaged_number()
    assert database_url("x.db").startswith("sqlite")


def test_completion_follows_cv(two: Any) -> None:
    from test_fit import complete

    # 12/KH-UBND has items 1 and 2 for Phòng Tư pháp; 968 has 1 to 7 and more
    assert complete(two, f"cvtracker --cv {CV12} record tu-phap ") == ["1", "2"]
    assert "6" in complete(two, f"cvtracker --cv {CV968} record tu-phap ")
    # several and no --cv: the first added (968) rather than nothing
    assert "6" in complete(two, "cvtracker record tu-phap ")
