"""The ledger: an append-only store of progress events and of the units' own tasks.

SQLAlchemy Core tables, created and upgraded by the alembic migrations shipped in
``cvtracker/migrations`` (applied on first use). SQLite runs in WAL mode with a busy timeout and
takes its write lock at ``BEGIN IMMEDIATE``, so a cron job and a person can write at once.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    exc,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url

from cvtracker.compliance import Event, NewEvent
from cvtracker.errors import Failure, InputError
from cvtracker.schedule import Task

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# The alembic revision the code expects; checked cheaply on every open so that alembic is only
# imported when the database needs an upgrade. A test keeps it equal to the migrations' head.
HEAD_REVISION = "0002"
BUSY_TIMEOUT_MS = 30_000
# PostgreSQL's stand-in for BEGIN IMMEDIATE: a transaction-level advisory lock (key: "cv968")
PG_WRITE_LOCK = 0x6376393638

metadata = MetaData()

tasks_table = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit", String(64), nullable=False),
    Column("item", String(32), nullable=False),
    Column("title", Text, nullable=False),
    Column("assignee", String(200)),
    Column("deadline_kind", String(16)),
    Column("deadline", Date),
    Column("created_by", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

events_table = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit", String(64), nullable=False),
    Column("item", String(32), nullable=False),
    Column("task_id", Integer, ForeignKey("tasks.id")),
    Column("period", String(7)),
    Column("percent", Float, nullable=False),
    Column("done_on", Date, nullable=False),
    Column("evidence", Text),
    Column("note", Text),
    Column("recorded_by", String(200)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Index("ix_events_unit_item_period", "unit", "item", "period"),
    Index("ix_events_task", "task_id"),
)

# What `cvtracker notify` sent: one row per recipient, written once the server accepted the mail.
sent_mail_table = Table(
    "sent_mail",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("message_id", String(255)),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Index("ix_sent_mail_day_recipient", "day", "recipient", "content_hash"),
)


def nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "<invalid URL>"


class Ledger:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- connections ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction holding the write lock from its start (BEGIN IMMEDIATE on SQLite)."""
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(immediate=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # the same on PostgreSQL: writers (and first-use migrations) take turns
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
                yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        url = self.engine.url.render_as_string(hide_password=True)
        try:
            yield
        except exc.DatabaseError as error:
            text = str(error.orig) if error.orig is not None else str(error)
            if "file is not a database" in text or "file is encrypted" in text:
                raise InputError("db_not_database", url=url) from None
            raise Failure("db_failed", url=url, reason=text.splitlines()[0]) from None
        except exc.SQLAlchemyError as error:
            raise Failure("db_failed", url=url, reason=type(error).__name__) from None

    # -- reading -------------------------------------------------------------------------------

    def events(self, conn: Connection | None = None) -> list[Event]:
        if conn is None:
            with self.reading() as c:
                return self.events(c)
        rows = conn.execute(select(events_table).order_by(events_table.c.id))
        return [_event(row._mapping) for row in rows]

    def tasks(self, conn: Connection | None = None) -> list[Task]:
        if conn is None:
            with self.reading() as c:
                return self.tasks(c)
        rows = conn.execute(select(tasks_table).order_by(tasks_table.c.id))
        return [_task(row._mapping) for row in rows]

    # -- writing -------------------------------------------------------------------------------

    def append(
        self, conn: Connection, new_events: Sequence[NewEvent], at: dt.datetime
    ) -> list[int]:
        ids = []
        for new in new_events:
            result = conn.execute(
                insert(events_table).values(
                    unit=new.unit,
                    item=new.item,
                    task_id=int(new.task[1:]) if new.task else None,
                    period=new.period,
                    percent=float(new.percent),
                    done_on=new.on,
                    evidence=nfc(new.evidence),
                    note=nfc(new.note),
                    recorded_by=nfc(new.by),
                    recorded_at=at,
                )
            )
            ids.append(_inserted_id(result))
        return ids

    def add_task(
        self,
        conn: Connection,
        *,
        unit: str,
        item: str,
        title: str,
        assignee: str | None,
        deadline_kind: str | None,
        deadline: dt.date | None,
        by: str | None,
        at: dt.datetime,
    ) -> Task:
        result = conn.execute(
            insert(tasks_table).values(
                unit=unit,
                item=item,
                title=nfc(title),
                assignee=nfc(assignee),
                deadline_kind=deadline_kind,
                deadline=deadline,
                created_by=nfc(by),
                created_at=at,
            )
        )
        number = _inserted_id(result)
        row = conn.execute(select(tasks_table).where(tasks_table.c.id == number)).one()
        return _task(row._mapping)

    # -- sent mail (cvtracker notify) ------------------------------------------------------------

    def already_sent(
        self, conn: Connection, day: dt.date, recipient: str, content_hash: str
    ) -> bool:
        table = sent_mail_table
        found = conn.execute(
            select(table.c.id)
            .where(table.c.day == day)
            .where(table.c.recipient == recipient.lower())
            .where(table.c.content_hash == content_hash)
            .limit(1)
        ).first()
        return found is not None

    def record_sent(
        self,
        conn: Connection,
        *,
        day: dt.date,
        recipients: Sequence[str],
        content_hash: str,
        message_id: str | None,
        at: dt.datetime,
    ) -> None:
        for recipient in recipients:
            conn.execute(
                insert(sent_mail_table).values(
                    day=day,
                    recipient=recipient.lower(),
                    content_hash=content_hash,
                    message_id=message_id,
                    sent_at=at,
                )
            )

    def sent_mail(self, conn: Connection | None = None) -> list[dict[str, Any]]:
        if conn is None:
            with self.reading() as c:
                return self.sent_mail(c)
        rows = conn.execute(select(sent_mail_table).order_by(sent_mail_table.c.id))
        return [dict(row._mapping) for row in rows]


def _inserted_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _event(row: Any) -> Event:
    return Event(
        id=row["id"],
        unit=row["unit"],
        item=row["item"],
        task=f"T{row['task_id']}" if row["task_id"] is not None else None,
        period=row["period"],
        percent=float(row["percent"]),
        on=row["done_on"],
        evidence=row["evidence"],
        note=row["note"],
        by=row["recorded_by"],
        recorded_at=_utc(row["recorded_at"]),
    )


def _utc(moment: dt.datetime) -> dt.datetime:
    """Aware, in UTC, whatever the backend: SQLite returns the naive UTC time it stored,
    PostgreSQL an aware time in the session's time zone."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def _task(row: Any) -> Task:
    return Task(
        number=row["id"],
        unit=row["unit"],
        title=row["title"],
        item=row["item"],
        assignee=row["assignee"],
        deadline_kind=row["deadline_kind"],
        deadline=row["deadline"],
    )


# --- opening ---------------------------------------------------------------------------------


def open_ledger(url: str) -> Ledger:
    """Open (creating and migrating if needed) the ledger at ``url``."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise InputError("db_bad_url", url=url) from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    else:
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except (exc.NoSuchModuleError, ModuleNotFoundError) as error:
            raise Failure("db_driver_missing", url=safe_url(url), reason=str(error)) from None
    ledger = Ledger(engine)
    with ledger.writing() as conn:
        if current_revision(conn) != HEAD_REVISION:
            upgrade(conn)
    return ledger


def missing_sqlite_file(url: str) -> bool:
    """Whether ``url`` names an SQLite file that does not exist yet."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        return False
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return False
    return not database.startswith("file:") and not Path(database).exists()


def _sqlite_engine(parsed: URL) -> Engine:
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database)
        if path.is_dir():
            raise InputError("db_is_directory", url=str(path))
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                # readable by its owner only; SQLite gives its -wal and -shm files the same mode
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as error:
                raise Failure("db_failed", url=str(path), reason=error.strerror) from None
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # take transaction control from pysqlite so that "begin" below decides the kind
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _set_wal(cursor: Any) -> None:
    """``PRAGMA journal_mode = WAL``, waiting for other connections as the busy timeout would.

    Switching a new file to WAL needs it to itself for a moment, and SQLite answers "database is
    locked" at once, without its busy handler, when another process is opening the same new
    ledger at that moment (tests/test_concurrency.py).
    """
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def current_revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(conn: Connection) -> None:
    """Apply the shipped alembic migrations up to head, inside the caller's transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "cvtracker:migrations")
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
