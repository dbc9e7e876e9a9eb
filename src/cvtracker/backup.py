"""Backup and restore of an SQLite ledger, with SQLite's online backup API.

A backup is a consistent copy even while others write: ``sqlite3.Connection.backup`` copies the
database as of one read transaction (WAL mode lets writers go on meanwhile), so the copy holds
every event committed before it started. The copy is written to a temporary file beside the
target and renamed into place only once it is complete and passes ``PRAGMA integrity_check``.

A restore checks the file first (an SQLite database, intact, a cvtracker ledger whose schema this
version knows, its event count), keeps the current ledger aside (a backup of it, next to it), then
copies the file into the live ledger with the same API, so a process that has the ledger open
sees either the old content or the new, never a mix.

PostgreSQL ledgers are backed up with ``pg_dump``; :func:`pg_dump_advice` says how.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from cvtracker.errors import Failure, InputError

BACKUP_FOLDER = "backups"
DEFAULT_KEEP = 14
# ledger-2025-06-30-073000.db: sorts by name in the order made
_NAME = re.compile(r"^ledger-\d{4}-\d{2}-\d{2}-\d{6}\.db$")
BUSY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Stats:
    """What a ledger file holds, as far as a backup or a restore needs to know."""

    revision: str | None
    events: int
    tasks: int
    size: int
    """Bytes of the database file (without its -wal file)."""


def backup_name(moment: dt.datetime) -> str:
    """The file name of a backup made at ``moment`` (in the time zone it carries)."""
    return moment.strftime("ledger-%Y-%m-%d-%H%M%S.db")


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL, or None for another backend or an in-memory database."""
    from sqlalchemy import exc
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise InputError("db_bad_url", url=url) from None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


def pg_dump_advice(url: str) -> str:
    """The ``pg_dump`` command for a PostgreSQL URL (driver and password left out)."""
    from sqlalchemy.engine import make_url

    # URL.set() keeps a password given as None; the URL is a named tuple
    parsed = make_url(url)._replace(drivername="postgresql", password=None)
    plain = parsed.render_as_string(hide_password=False)
    return f"pg_dump --format=custom --file=cvtracker-$(date +%F).dump '{plain}'"


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def stats(path: Path, *, check: bool) -> Stats:
    """The revision and counts of a ledger file; with ``check``, ``PRAGMA integrity_check``
    first. Raises :class:`InputError` for a file that is not an intact cvtracker ledger."""
    if not path.is_file():
        raise InputError("backup_no_file", path=path)
    try:
        with closing(_connect(path)) as conn:
            if check:
                result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
                if result != ["ok"]:
                    raise InputError("backup_corrupt", path=path, reason="; ".join(result[:3]))
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "events", "tasks"} <= tables:
                raise InputError("backup_not_ledger", path=path)
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            tasks = conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    except sqlite3.DatabaseError as error:
        # "file is not a database", a truncated file, …
        raise InputError("backup_corrupt", path=path, reason=str(error)) from None
    return Stats(
        revision=revision[0] if revision else None,
        events=int(events),
        tasks=int(tasks),
        size=path.stat().st_size,
    )


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup of ``source`` into ``target`` (a new file, mode 0600)."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    with closing(_connect(source)) as src, closing(_connect(target)) as dst:
        # pages=-1: the whole database in one step, within one read transaction of the source,
        # so the copy is the database as of that moment; writers go on meanwhile (WAL)
        src.backup(dst, pages=-1)


@dataclass(frozen=True)
class Made:
    path: Path
    stats: Stats
    removed: tuple[Path, ...]


def make_backup(
    ledger: Path, target: Path | None, folder: Path, now: dt.datetime, keep: int
) -> Made:
    """A checked copy of ``ledger`` at ``target``, or named by ``now`` in ``folder`` (then only
    the ``keep`` newest backups of the folder are kept)."""
    if keep < 1:
        raise InputError("backup_bad_keep", value=keep)
    stats(ledger, check=False)  # a cvtracker ledger, before anything is written
    if target is None:
        _make_folder(folder)
        path = folder / backup_name(now)
    else:
        path = target.expanduser()
        if path.is_dir():
            path = path / backup_name(now)
        if path.exists():
            raise InputError("backup_exists", path=path)
        if not path.parent.is_dir():
            raise InputError("backup_no_folder", path=path.parent)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        _copy(ledger, partial)
        made = stats(partial, check=True)
        os.replace(partial, path)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise Failure("backup_failed", path=path, reason=str(error)) from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise Failure("backup_failed", path=path, reason=error.strerror or str(error)) from None
    except InputError:
        partial.unlink(missing_ok=True)
        raise
    removed = prune(folder, keep) if target is None else ()
    return Made(path, made, removed)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise Failure("backup_failed", path=folder, reason=error.strerror or str(error)) from None


def prune(folder: Path, keep: int) -> tuple[Path, ...]:
    """Remove all but the ``keep`` newest backups that cvtracker named in ``folder``."""
    ours = sorted(p for p in folder.iterdir() if _NAME.match(p.name) and p.is_file())
    old = ours[:-keep] if len(ours) > keep else []
    for path in old:
        path.unlink(missing_ok=True)
    return tuple(old)


@dataclass(frozen=True)
class Restored:
    source: Stats
    aside: Path | None
    """Where the ledger that was replaced now is (None: there was none)."""


def restore(
    file: Path,
    ledger: Path,
    now: dt.datetime,
    known_revision: Callable[[str], bool],
) -> Restored:
    """Check ``file``, keep the current ledger aside, then copy ``file`` into the ledger."""
    source = stats(file.expanduser(), check=True)
    if source.revision is None or not known_revision(source.revision):
        raise InputError("restore_unknown_revision", path=file, revision=source.revision)
    if file.expanduser().resolve() == ledger.resolve():
        raise InputError("restore_same_file", path=file)
    aside: Path | None = None
    try:
        if ledger.exists():
            stats(ledger, check=False)  # only a cvtracker ledger is replaced
            aside = ledger.with_name(f"{ledger.name}.before-restore-{now:%Y-%m-%d-%H%M%S}")
            _copy(ledger, aside)
        else:
            _make_folder(ledger.parent)
            os.close(os.open(ledger, os.O_CREAT | os.O_WRONLY, 0o600))
        with closing(_connect(file.expanduser())) as src, closing(_connect(ledger)) as dst:
            # the backup API writes the live file under SQLite's locks: a process that has the
            # ledger open waits, then reads the restored content
            src.backup(dst, pages=-1)
    except sqlite3.Error as error:
        raise Failure("restore_failed", path=ledger, reason=str(error)) from None
    except OSError as error:
        raise Failure("restore_failed", path=ledger, reason=error.strerror or str(error)) from None
    return Restored(source, aside)
