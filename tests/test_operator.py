"""The office's IT person: `cvtracker info`, `backup` and `restore`, the ledger announced."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from cvtracker.backup import backup_name, make_backup, prune, stats
from cvtracker.commands.info import human_size
from cvtracker.compliance import NewEvent
from cvtracker.ledger import HEAD_REVISION, open_ledger
from cvtracker.settings import database_url
from test_postgres import pg_server as pg_server  # the fixtures, by their names
from test_postgres import pg_url as pg_url
from test_postgres import run as run

AT = dt.datetime(2022, 5, 9, 3, 0, tzinfo=dt.timezone.utc)
NOW = dt.datetime(2022, 6, 30, 18, 0, 5)


def _record(cli, *args: str) -> None:
    result = cli("record", *args)
    assert result.exit_code == 0, result.output


def _events(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


# --- info ------------------------------------------------------------------------------------


@pytest.mark.sqlite_only("the SQLite file not made before the first write")
def test_info_before_any_ledger_creates_nothing(cli, home, monkeypatch):
    monkeypatch.setattr("cvtracker.settings.today", lambda now=None: dt.date(2022, 5, 15))
    result = cli("info", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["home"] == {"path": str(home), "source": "CVTRACKER_HOME"}
    ledger = data["ledger"]
    assert ledger["source"] == "default" and ledger["default"] is True
    assert ledger["exists"] is False and ledger["events"] is None
    assert ledger["url"] == f"sqlite:///{home / 'ledger.db'}"
    assert data["directive"]["source"] == "default"
    assert data["directive"]["number"] == "968/UBND-TH"
    assert "in_force_until" in data["directive"]
    assert data["config"]["exists"] is False
    assert data["time_zone"] == "Asia/Ho_Chi_Minh"
    assert data["today"] == "2022-05-15"
    assert not cli.db.exists()


@pytest.mark.sqlite_only("shows the SQLite file in CVTRACKER_HOME")
def test_info_shows_the_ledger_and_mail_without_the_password(cli, home, monkeypatch):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(
        '[smtp]\nhost = "mail.tuyphong.example"\ntls = "starttls"\n'
        'user = "cvtracker@tuyphong.example"\n\n[notify]\nto = ["noivu@tuyphong.example"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CVTRACKER_SMTP_PASSWORD", "s3cr3t-Mật-khẩu")

    data = json.loads(cli("info", "--json").stdout)
    assert data["ledger"]["exists"] is True
    assert data["ledger"]["revision"] == HEAD_REVISION
    assert data["ledger"]["events"] == 1 and data["ledger"]["tasks"] == 0
    assert data["ledger"]["size"] > 0
    mail = data["config"]["mail"]
    assert mail["host"] == "mail.tuyphong.example" and mail["port"] == 587
    assert mail["password"] == "CVTRACKER_SMTP_PASSWORD"
    assert mail["to"] == ["noivu@tuyphong.example"]

    people = cli("info")
    assert people.exit_code == 0
    assert "s3cr3t" not in people.output and "s3cr3t" not in json.dumps(data)
    assert "Sổ ghi nhận" in people.stdout and "Số ghi nhận" in people.stdout
    assert "mail.tuyphong.example:587 (starttls)" in people.stdout
    assert "có, từ CVTRACKER_SMTP_PASSWORD" in people.stdout
    english = cli("--lang", "en", "info")
    assert "Ledger" in english.stdout and "Events" in english.stdout


def test_info_names_where_each_choice_came_from(cli, home, tmp_path, monkeypatch):
    other = tmp_path / "khac.db"
    monkeypatch.setenv("CVTRACKER_DB", str(other))
    data = json.loads(cli("info", "--json").stdout)
    assert data["ledger"]["source"] == "CVTRACKER_DB" and data["ledger"]["default"] is False
    data = json.loads(cli("--db", str(tmp_path / "x.db"), "info", "--json").stdout)
    assert data["ledger"]["source"] == "--db"


def test_info_reports_a_broken_config_and_a_non_ledger_and_goes_on(cli, home, tmp_path):
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text("[smtp\n", encoding="utf-8")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = cli("--db", str(junk), "info", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["config"]["error"] and data["ledger"]["error"]
    assert data["directive"]["error"] is None


@pytest.mark.sqlite_only("the SQLite file made by the first write")
def test_the_first_write_says_it_created_the_ledger(cli, home):
    first = cli("record", "tư pháp", "2", "--done", "--on", "29/4/2022")
    assert f"Đã tạo sổ ghi nhận mới: sqlite:///{cli.db}" in first.stderr
    second = cli("record", "tư pháp", "3", "--done", "--on", "29/4/2022")
    assert second.stderr == ""
    verbose = cli("--verbose", "record", "tư pháp", "6", "--done", "--on", "9/5/2022")
    assert f"Sổ ghi nhận: sqlite:///{cli.db} (mặc định)" in verbose.stderr


# --- backup ------------------------------------------------------------------------------------


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_backup_names_by_date_and_keeps_the_last_n(cli, home):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    folder = home / "backups"
    for n in range(4):
        made = make_backup(cli.db, None, folder, NOW + dt.timedelta(days=n), keep=3)
        assert made.path.name == backup_name(NOW + dt.timedelta(days=n))
        assert made.stats.events == 1
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "ledger-2022-07-01-180005.db",
        "ledger-2022-07-02-180005.db",
        "ledger-2022-07-03-180005.db",
    ]
    assert (folder / names[0]).stat().st_mode & 0o777 == 0o600
    # files cvtracker did not name are never removed
    (folder / "mine.db").write_bytes(b"x")
    assert prune(folder, 1) == (folder / names[0], folder / names[1])
    assert (folder / "mine.db").exists()


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_backup_command(cli, home):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    result = cli("backup")
    assert result.exit_code == 0, result.output
    assert "Đã sao lưu sổ ghi nhận (1 ghi nhận," in result.stdout
    (copy,) = (home / "backups").iterdir()
    assert _events(copy) == 1

    target = home / "tay.db"
    assert cli("backup", str(target)).exit_code == 0
    assert _events(target) == 1
    again = cli("backup", str(target))
    assert again.exit_code == 2 and "đã có; không ghi đè" in again.stderr


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_backup_without_a_ledger_or_on_postgres_exits_2(cli, home):
    missing = cli("backup")
    assert missing.exit_code == 2
    assert "Chưa có sổ ghi nhận" in missing.stderr and "Traceback" not in missing.output
    assert not cli.db.exists()
    pg = cli("--db", "postgresql+psycopg://noivu:pw@db.local/cvtracker", "backup")
    assert pg.exit_code == 2
    assert "pg_dump --format=custom" in pg.stderr
    assert "postgresql://noivu@db.local/cvtracker" in pg.stderr
    assert "pw" not in pg.stderr.replace("pg_dump", "")
    assert cli("backup", "--keep", "0").exit_code == 2


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_backup_during_concurrent_writes_is_consistent(cli, home, tmp_path):
    """The copy passes integrity_check and holds every event committed before it started."""
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    ledger = open_ledger(database_url(str(cli.db)))
    stop = threading.Event()
    warmed = threading.Event()
    written = [0]
    new = NewEvent("tu-phap", "6", None, "2022-05", 50.0, dt.date(2022, 5, 9), "BC", None, "t")

    def writer() -> None:
        while not stop.is_set():
            with ledger.writing() as conn:
                ledger.append(conn, [new], AT)
            written[0] += 1
            if written[0] >= 20:
                warmed.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert warmed.wait(timeout=60)
        before = _events(cli.db)  # committed before the backup starts
        copies = [make_backup(cli.db, tmp_path / f"copy{n}.db", tmp_path, NOW, 1) for n in range(5)]
        result = cli("backup", str(tmp_path / "cli.db"))
    finally:
        stop.set()
        thread.join()
    assert result.exit_code == 0, result.output
    for made in copies:
        with sqlite3.connect(made.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert made.stats.events >= before
    assert stats(tmp_path / "cli.db", check=True).events >= before
    assert written[0] > 20  # the writer went on meanwhile
    assert _events(cli.db) == written[0] + 1


# --- restore -----------------------------------------------------------------------------------


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_restore_checks_then_replaces_keeping_the_old_ledger_aside(cli, home, tmp_path):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    saved = tmp_path / "saved.db"
    assert cli("backup", str(saved)).exit_code == 0
    _record(cli, "tư pháp", "3", "--done", "--on", "29/4/2022")
    assert _events(cli.db) == 2

    result = cli("restore", str(saved))

    assert result.exit_code == 0, result.output
    assert (
        "Đã phục hồi sổ ghi nhận" in result.stdout and "(1 ghi nhận, 0 nhiệm vụ)" in result.stdout
    )
    assert _events(cli.db) == 1
    (aside,) = home.glob("ledger.db.before-restore-*")
    assert _events(aside) == 2
    assert aside.stat().st_mode & 0o777 == 0o600
    # the restored ledger works as before
    _record(cli, "tư pháp", "3", "--done", "--on", "29/4/2022")
    assert _events(cli.db) == 2


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_restore_into_a_new_home(cli, home, tmp_path):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    saved = tmp_path / "saved.db"
    assert cli("backup", str(saved)).exit_code == 0
    fresh = tmp_path / "fresh" / "ledger.db"
    result = cli("--db", str(fresh), "restore", str(saved))
    assert result.exit_code == 0, result.output
    assert _events(fresh) == 1 and fresh.stat().st_mode & 0o777 == 0o600
    assert "giữ lại" not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 200, "hỏng hoặc không phải"),
        (b"just text\n", "hỏng hoặc không phải"),
        (None, "Không có tệp"),
    ],
)
@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_restore_refuses_a_damaged_file_and_writes_nothing(cli, home, tmp_path, content, message):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    bad = tmp_path / "bad.db"
    if content is not None:
        bad.write_bytes(content)
    before = _dump(cli.db)
    result = cli("restore", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert _dump(cli.db) == before
    assert not list(home.glob("ledger.db.before-restore-*"))


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_restore_refuses_an_sqlite_file_that_is_not_a_ledger(cli, home, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = cli("--lang", "en", "restore", str(other))
    assert result.exit_code == 2
    assert "is not a cvtracker ledger" in result.stderr
    assert not cli.db.exists()


@pytest.mark.sqlite_only("backup and restore of the SQLite file")
def test_restore_refuses_a_schema_from_a_newer_version(cli, home, tmp_path):
    _record(cli, "tư pháp", "2", "--done", "--on", "29/4/2022")
    newer = tmp_path / "newer.db"
    assert cli("backup", str(newer)).exit_code == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = cli("restore", str(newer))
    assert result.exit_code == 2
    assert "9999" in result.stderr and "không phục hồi" in result.stderr


def test_human_size():
    assert human_size(512) == "512 B"
    assert human_size(36864) == "36.0 KB"
    assert human_size(5 * 1024 * 1024) == "5.0 MB"


# --- PostgreSQL ----------------------------------------------------------------------------------


def test_info_and_backup_on_postgres(run, pg_url):
    assert run("record", "tu-phap", "2", "--done", "--on", "29/4/2022").exit_code == 0
    data = json.loads(run("info", "--json").stdout)
    ledger = data["ledger"]
    assert ledger["backend"] == "postgresql" and ledger["source"] == "--db"
    assert ledger["revision"] == HEAD_REVISION and ledger["events"] == 1
    assert ledger["error"] is None
    backup = run("backup")
    assert backup.exit_code == 2
    assert "pg_dump --format=custom" in backup.stderr
