"""The ledger: an append-only store of progress events and of the units' own tasks.

SQLAlchemy Core tables, created and upgraded by the alembic migrations shipped in
``cvtracker/migrations`` (applied on first use). SQLite runs in WAL mode with a busy timeout and
takes its write lock at ``BEGIN IMMEDIATE``, so a cron job and a person can write at once.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    BigInteger,
    Boolean,
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
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection, Engine, make_url

from cvtracker.compliance import Event, NewEvent
from cvtracker.errors import Failure, InputError
from cvtracker.revisions import NewRevision, TaskRevision, apply_revisions
from cvtracker.schedule import Task, event_key
from cvtracker.scope import Counting, Key, Need, Summary, fold_many, summarize
from cvtracker.textcheck import maybe_printable, printable

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy.engine import URL

# The alembic revision the code expects; checked cheaply on every open so that alembic is only
# imported when the database needs an upgrade. A test keeps it equal to the migrations' head.
HEAD_REVISION = "0006"
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
    # the directive the task belongs to (revision 0005)
    Column("directive", String(64), nullable=False),
    Index("ix_tasks_directive", "directive", "id"),
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
    # a void: the id of the event it voids (revision 0004); same unit, item, task and period
    Column("voids", Integer),
    # the directive the event belongs to (revision 0005)
    Column("directive", String(64), nullable=False),
    Index("ix_events_directive_unit_item_period", "directive", "unit", "item", "period"),
    # partial (revision 0006): only the rows of a task, only the voids; an insert of another
    # row does not touch them, and ``task_id = …``, ``task_id IN (…)``, ``voids = …`` use them
    Index(
        "ix_events_task",
        "task_id",
        sqlite_where=sql_text("task_id IS NOT NULL"),
        postgresql_where=sql_text("task_id IS NOT NULL"),
    ),
    Index(
        "ix_events_voids",
        "voids",
        sqlite_where=sql_text("voids IS NOT NULL"),
        postgresql_where=sql_text("voids IS NOT NULL"),
    ),
)

# Per occurrence, what its events that count say (revision 0006; cvtracker.scope.Summary): the
# marks (day number × 10¹⁰ + id, see MARK) of its last event below 100%, of its last at 100%,
# and of the first of its last run at 100% (when its last event is at 100%), and the day of its
# last event that counts. Derived from the events and kept in the same transaction as each
# append (Ledger.append, append_many); ``db check`` compares it with the events, ``db rebuild``
# makes it again. No task is 0, no period is '' (the key is the primary key: no NULL in it).
summaries_table = Table(
    "summaries",
    metadata,
    Column("directive", String(64), primary_key=True),
    Column("unit", String(64), primary_key=True),
    Column("item", String(32), primary_key=True),
    Column("task_id", Integer, primary_key=True, autoincrement=False),
    Column("period", String(7), primary_key=True),
    Column("last_partial", BigInteger),
    Column("last_full", BigInteger),
    Column("full_from", BigInteger),
    Column("last_day", Date),
)

# A task's title, assignee and deadline as revised by `task edit`, or its cancellation by
# `task cancel` (revision 0004): the whole state from then on; the latest row of a task wins.
task_revisions_table = Table(
    "task_revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task_id", Integer, ForeignKey("tasks.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("assignee", String(200)),
    Column("deadline_kind", String(16)),
    Column("deadline", Date),
    Column("cancelled", Boolean, nullable=False),
    Column("reason", Text),
    Column("revised_by", String(200)),
    Column("revised_at", DateTime(timezone=True), nullable=False),
    Index("ix_task_revisions_task", "task_id"),
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
    # the directive(s) the mail was about, comma-separated (revision 0005)
    Column("directive", String(64), nullable=False),
    Index("ix_sent_mail_day_recipient", "day", "recipient", "content_hash"),
)

# What `cvtracker notify` is sending: claimed under the write lock before the mail goes out,
# settled ("sent" or "failed") after. A claim still "claimed" from an earlier run may have been
# sent (the run died after the server's 250): it is reported, never resent without --force.
mail_claims_table = Table(
    "mail_claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("day", Date, nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("run", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("settled_at", DateTime(timezone=True)),
    Column("directive", String(64), nullable=False),  # revision 0005
    Index("ix_mail_claims_day_recipient", "day", "recipient", "content_hash"),
)


# The directives added by `cvtracker directive add` (revision 0005): each version of each
# number's YAML text; the latest version of a number wins.
directives_table = Table(
    "directives",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("yaml", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("added_by", String(200)),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# `cvtracker directive retire` (revision 0005): the latest row of a directive wins.
directive_retirements_table = Table(
    "directive_retirements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("directive", String(64), nullable=False),
    Column("retired_on", Date, nullable=False),
    Column("reason", Text),
    Column("retired_by", String(200)),
    Column("retired_at", DateTime(timezone=True), nullable=False),
    Index("ix_directive_retirements_directive", "directive"),
)


@dataclass(frozen=True)
class StoredDirective:
    """A directive as stored in the ledger: its latest version, and its retirement if any."""

    id: str
    version: int
    yaml: str
    sha256: str
    added_by: str | None
    added_at: dt.datetime
    retired_on: dt.date | None = None
    retire_reason: str | None = None
    first_added_at: dt.datetime | None = None
    """When its first version was added (directives are listed in that order)."""


@cache
def packaged_number() -> str:
    """``directive.number`` of the packaged data file (968/UBND-TH)."""
    from importlib import resources

    import yaml

    text = resources.files("cvtracker").joinpath("data/directive_968.yaml").read_text("utf-8")
    return str(yaml.safe_load(text)["directive"]["number"])


def nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


def safe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError):
        return "<invalid URL>"


class Ledger:
    def __init__(self, engine: Engine, *, fresh: bool = False) -> None:
        self.engine = engine
        self.fresh = fresh
        """No ledger there yet (a reader of a new or empty database): it reads as empty."""
        self.created = False
        """This process made the ledger's tables (a writer of a new or empty database): said
        once, so that a forgotten CVTRACKER_HOME or a mistyped --db does not go unnoticed."""
        self.unit_name: Callable[[str], str] = str
        """A unit's name from its id, for "no right to write for the unit …" (cvtracker.grants)."""
        self.directive: str | None = None
        """The directive this ledger is scoped to (see :meth:`scoped`): reads of events and tasks
        are that directive's only, and every row appended is written for it."""

    def scoped(self, directive: str) -> Ledger:
        """The same ledger (same engine), reading and writing for one directive only."""
        import copy

        other = copy.copy(self)
        other.directive = directive
        return other

    def _written_for(self) -> str:
        """The directive a row appended is for: the scope's, else the packaged directive's
        (the one every ledger held before revision 0005, and the column's default)."""
        return self.directive if self.directive is not None else packaged_number()

    # -- connections ---------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One read transaction, a snapshot: a read of summaries then events must not mix two
        commits (SQLite's WAL read is one already; PostgreSQL needs REPEATABLE READ)."""
        with self._errors(), self.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
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
            from cvtracker.grants import denied

            if (refused := denied(error, url, self.unit_name)) is not None:
                raise refused from None
            text = str(error.orig) if error.orig is not None else str(error)
            if "file is not a database" in text or "file is encrypted" in text:
                raise InputError("db_not_database", url=url) from None
            raise Failure("db_failed", url=url, reason=text.splitlines()[0]) from None
        except exc.SQLAlchemyError as error:
            raise Failure("db_failed", url=url, reason=type(error).__name__) from None

    # -- reading -------------------------------------------------------------------------------

    def events(self, conn: Connection | None = None, *, unit: str | None = None) -> list[Event]:
        """The events in the order recorded; with ``unit``, only that unit's (the index on
        (unit, item, period) finds them: no scan of the other units' history)."""
        if self.fresh:
            return []
        if conn is None:
            with self.reading() as c:
                return self.events(c, unit=unit)
        query = select(events_table)
        if self.directive is not None:
            query = query.where(events_table.c.directive == self.directive)
        if unit is not None:
            query = query.where(events_table.c.unit == unit)
        rows = conn.execute(query.order_by(events_table.c.id))
        return [_event(row._mapping) for row in rows]

    def tasks(self, conn: Connection | None = None, *, revised: bool = True) -> list[Task]:
        """The tasks by number, as last revised (``task edit``, ``task cancel``: a cancelled
        one is marked); with ``revised=False``, as they were added."""
        if self.fresh:
            return []
        if conn is None:
            with self.reading() as c:
                return self.tasks(c, revised=revised)
        query = select(tasks_table)
        if self.directive is not None:
            query = query.where(tasks_table.c.directive == self.directive)
        rows = conn.execute(query.order_by(tasks_table.c.id))
        added = [_task(row._mapping) for row in rows]
        return apply_revisions(added, self.task_revisions(conn)) if revised else added

    def task_revisions(
        self, conn: Connection | None = None, *, task: int | None = None
    ) -> list[TaskRevision]:
        """The revisions in the order recorded; with ``task``, that task's only."""
        if self.fresh:
            return []
        if conn is None:
            with self.reading() as c:
                return self.task_revisions(c, task=task)
        table = task_revisions_table
        query = select(table)
        if task is not None:
            query = query.where(table.c.task_id == task)
        return [_revision(row._mapping) for row in conn.execute(query.order_by(table.c.id))]

    def event(self, conn: Connection, event_id: int) -> Event | None:
        """One event by its id (ids are global: any unit's)."""
        query = select(events_table).where(events_table.c.id == event_id)
        if self.directive is not None:  # another directive's event is not this one's
            query = query.where(events_table.c.directive == self.directive)
        row = conn.execute(query).first()
        return None if row is None else _event(row._mapping)

    def directive_of_event(self, event_id: int) -> str | None:
        """The directive an event was recorded for, whatever the scope (ids are global)."""
        with self.reading() as conn:
            found = conn.execute(
                select(events_table.c.directive).where(events_table.c.id == event_id)
            ).first()
        return None if found is None else str(found[0])

    def void_of(self, conn: Connection, event_id: int) -> Event | None:
        """The void of an event, if one was recorded (the index on ``voids`` finds it)."""
        row = conn.execute(
            select(events_table)
            .where(events_table.c.voids == event_id)
            .order_by(events_table.c.id)
            .limit(1)
        ).first()
        return None if row is None else _event(row._mapping)

    def snapshot(self, *, unit: str | None = None) -> Snapshot:
        """Tasks and events read in one transaction, and where the ledger stood. With ``unit``,
        only that unit's events (every task still: there are few, and naming another unit's
        task must still say whose it is)."""
        if self.fresh:
            return Snapshot([], [], 0, 0)
        with self.reading() as conn:
            return Snapshot(self.tasks(conn), self.events(conn, unit=unit), *self._marks(conn))

    def _marks(self, conn: Connection) -> tuple[int, int, int]:
        from sqlalchemy import func

        last_task = conn.execute(select(func.max(tasks_table.c.id))).scalar()
        last_event = conn.execute(select(func.max(events_table.c.id))).scalar()
        last_revision = conn.execute(select(func.max(task_revisions_table.c.id))).scalar()
        return int(last_task or 0), int(last_event or 0), int(last_revision or 0)

    # -- reading what a question about many units needs (issue 8; cvtracker.scope) ----------

    def read_scope(self, need_for: Callable[[list[Task]], Need]) -> Scoped:
        """The tasks, and the events of the occurrences a read needs, in one transaction:
        ``need_for`` (pure, :mod:`cvtracker.scope`) says which from the tasks; the occurrences'
        summaries (the ``summaries`` table, asked in SQL for those that may matter: not settled
        before the read's first day, or shown whatever their state) say which to leave out, and
        which to read whole or by their deciding events; those are read through the indexes.
        A summary whose last event is dated after the day is made again, as of the day, from
        that occurrence's events (a past day stays exact)."""
        if self.fresh:
            return Scoped([], need_for([]), frozenset(), [])
        with self.reading() as conn:
            tasks = self.tasks(conn)
            need = need_for(tasks)
            if need.since is None:
                events = self.events_of(conn, need.keys, need.as_of)
                return Scoped(tasks, need, frozenset(), events)
            found, stale, settled_keys = self.summaries(conn, need)
            if need.days is not None:
                return self._read_days(conn, tasks, need, found, stale, settled_keys)
            read_again = self.events_of(conn, stale, need.as_of) if stale else []
            mine: dict[Key, list[Counting]] = {}
            for event in read_again:
                mine.setdefault(event.key, []).append(_counting(event))
            found += [summarize(key, mine.get(key, ()), need.as_of) for key in stale]
            reads = need.resolve(found)
            whole = set(reads.whole)
            events = [e for e in read_again if e.key in whole]
            events += self.events_of(conn, whole - set(stale), need.as_of)
            events += self.events_by_id(conn, reads.last)
            events.sort(key=lambda event: event.id)
            return Scoped(tasks, need, reads.left_out | settled_keys, events)

    def _read_days(
        self,
        conn: Connection,
        tasks: list[Task],
        need: Need,
        found: list[Summary],
        stale: list[Key],
        settled_keys: frozenset[Key],
    ) -> Scoped:
        """:meth:`read_scope` for a read whose rows are judged on ``need.days`` only (``report
        --month``): no occurrence is read whole. Those :meth:`Need.resolve` leaves to read whole
        are read by the events that decide their state as of each of the days
        (:meth:`deciding`), which give the core then what all their events give; a summary whose
        last event is dated after the day is made from the events that decide it as of the day
        (what :meth:`Need.resolve` asks of it: its last event, and its last run of 100s)."""
        assert need.days is not None and need.as_of in need.days
        whole = need.resolve(found).whole  # of those whose summary is the day's
        decided = self.deciding(conn, set(whole) | set(stale), need.days)
        at_day = decided[need.as_of]
        found = found + [summarize(key, at_day.get(key, ()), need.as_of) for key in stale]
        reads = need.resolve(found)
        ids = set(reads.last)
        for by_key in decided.values():
            for key in reads.whole:
                ids.update(number for number, _, _, _ in by_key.get(key, ()))
        events = self.events_by_id(conn, ids)
        events.sort(key=lambda event: event.id)
        return Scoped(tasks, need, reads.left_out | settled_keys, events)

    def events_by_id(self, conn: Connection, ids: Iterable[int]) -> list[Event]:
        """These events, by their primary key, a few hundred a statement. Not filtered by the
        directive: the ids come from its summaries, and with ``directive = …`` beside ``id IN
        (…)`` SQLite would search the directive's index, i.e. read all of its events."""
        wanted = sorted(ids)
        out = []
        for start in range(0, len(wanted), 500):
            query = select(events_table).where(events_table.c.id.in_(wanted[start : start + 500]))
            out += [_event(row._mapping) for row in conn.execute(query)]
        return out

    def summaries(
        self, conn: Connection, need: Need
    ) -> tuple[list[Summary], list[Key], frozenset[Key]]:
        """The stored summaries of the occurrences ``need`` may show or judge, asked in SQL for
        those that may matter (every one when settled ones are shown; else those not settled
        before ``need.since``, and those of the periods and tasks it shows whatever their
        state); the keys of those whose last event is dated after the day (their stored
        summary is not the day's: :meth:`read_scope` makes it again from their events); and the
        keys of the others, settled before ``need.since`` (only their keys are read)."""
        from sqlalchemy import not_, or_

        table = summaries_table
        mine: list[Any] = []
        if self.directive is not None:
            mine.append(table.c.directive == self.directive)
        matters: Any = None
        if not need.shows_settled:
            assert need.since is not None
            periods = sorted({key[2] for key in need.always if key[1] != "task"})
            either: list[Any] = [table.c.full_from.is_(None), table.c.last_day >= need.since]
            if periods:
                either.append(table.c.period.in_(periods))
            if any(key[1] == "task" for key in need.always):
                either.append(table.c.task_id != 0)
            matters = or_(*either)
        query = select(table).where(*mine)
        if matters is not None:
            query = query.where(matters)
        found: dict[Key, Summary] = {}
        stale: set[Key] = set()
        for row in conn.execute(query):
            summary = _summary(row)
            key = summary.key
            if key not in need.keys:
                continue
            if key in found or (row.last_day is not None and row.last_day > need.as_of):
                # a task's events under two items (never written so): made again too
                stale.add(key)
            else:
                found[key] = summary
        settled_keys: set[Key] = set()
        if matters is not None:
            # settled before since, so as of the day too (its last event is before since)
            t = table.c
            rest = select(t.unit, t.item, t.task_id, t.period).where(*mine, not_(matters))
            for unit, item, task_id, period in conn.execute(rest):
                key = event_key(unit, item, f"T{task_id}" if task_id else None, period or None)
                if key in need.keys:
                    settled_keys.add(key)
        return (
            [s for k, s in found.items() if k not in stale],
            sorted(stale),
            frozenset(settled_keys - stale),
        )

    def events_of(
        self, conn: Connection, keys: Iterable[tuple[str, str, str]], as_of: dt.date
    ) -> list[Event]:
        """The events of these occurrences dated on or before the day, in the order recorded:
        tasks by ``task_id``, items by (unit, item, period), a few hundred keys a statement (each
        an index search: SQLite's "MULTI-INDEX OR"). An item's are those of no task
        (``task_id IS NULL``: the task index is partial, so SQLite still searches the
        (directive, unit, item, period) index, and a unit's task events under item 3 are not
        read for its item 3)."""
        wanted = set(keys)
        found: dict[int, Event] = {}
        for condition in self._key_conditions(wanted):
            query = select(events_table).where(condition, _counts_by(as_of))
            for row in conn.execute(query):
                event = _event(row._mapping)
                if event.key in wanted:
                    found[event.id] = event
        return [found[n] for n in sorted(found)]

    def deciding(
        self, conn: Connection, keys: Iterable[Key], days: Sequence[dt.date]
    ) -> dict[dt.date, dict[Key, list[Counting]]]:
        """For each day, of these occurrences' events that count as of it (dated on or before
        it, not a void, voided by no void of any day: :func:`cvtracker.compliance.effective`),
        those that decide :func:`cvtracker.compliance.progress` as of that day, found in SQL
        (window functions; nothing else is read into Python): the last run of events at 100%
        and the last event below 100%. The last event is the last of those; when it is at 100%,
        the run's first is the core's ``completed_on``; the event below 100% ends the run, so
        that the events found for several days, read together, give the core as of each of
        those days what all the events give."""
        from sqlalchemy import and_, case, exists, func, or_

        wanted = set(keys)
        out: dict[dt.date, dict[Key, list[Counting]]] = {day: {} for day in days}
        if not wanted or not days:
            return out
        e = events_table
        voiding = events_table.alias("voiding")
        # one window per occurrence: a task's events by task (and unit), an item's by period
        part = [
            e.c.unit,
            e.c.task_id,
            case((e.c.task_id.is_(None), e.c.item)),
            case((e.c.task_id.is_(None), e.c.period)),
        ]
        latest_first = [e.c.done_on.desc(), e.c.id.desc()]
        # per day, the events below 100 dated on or before it, from the latest to this one:
        # 0 in the last run of 100s as of that day, 1 at its last event below 100
        below = [
            func.sum(case((and_(e.c.done_on <= day, e.c.percent < 100), 1), else_=0))
            .over(partition_by=part, order_by=latest_first, rows=(None, 0))
            .label(f"below{n}")
            for n, day in enumerate(days)
        ]
        for condition in self._key_conditions(wanted):
            counting = (
                select(
                    e.c.id,
                    e.c.unit,
                    e.c.item,
                    e.c.task_id,
                    e.c.period,
                    e.c.percent,
                    e.c.done_on,
                    *below,
                )
                .where(
                    condition,
                    e.c.done_on <= max(days),
                    e.c.voids.is_(None),
                    ~exists().where(voiding.c.voids == e.c.id),
                )
                .subquery()
            )
            c = counting.c
            decides = [
                and_(
                    c.done_on <= day,
                    or_(c[f"below{n}"] == 0, and_(c[f"below{n}"] == 1, c.percent < 100)),
                )
                for n, day in enumerate(days)
            ]
            query = select(counting).where(or_(*decides))
            for row in conn.execute(query):
                task = f"T{row.task_id}" if row.task_id is not None else None
                key = event_key(row.unit, row.item, task, row.period)
                if key not in wanted:
                    continue
                counted = (row.id, float(row.percent), row.done_on, None)
                for n, day in enumerate(days):
                    mine = row._mapping[f"below{n}"]
                    if row.done_on <= day and (mine == 0 or (mine == 1 and row.percent < 100)):
                        out[day].setdefault(key, []).append(counted)
        return out

    def _key_conditions(self, wanted: set[Key]) -> list[Any]:
        """Conditions on ``events`` that find these occurrences' events through the indexes (see
        :meth:`events_of`); a condition may find other events too (filter by ``event.key``)."""
        from sqlalchemy import and_, or_

        e = events_table
        tasks = sorted(int(task[1:]) for unit, kind, task in wanted if kind == "task")
        items: dict[tuple[str, str], list[str | None]] = {}
        for unit, item, period in wanted:
            if item != "task":
                items.setdefault((unit, item), []).append(period or None)
        # the directive within each branch, not around the OR: SQLite then searches the
        # (directive, unit, item, period) index for each branch, and the task index for the
        # tasks (around it, it would search by the directive alone: a scan)
        mine = [e.c.directive == self.directive] if self.directive is not None else []
        conditions: list[Any] = []
        for start in range(0, len(tasks), 500):
            # a task's number is global: its events are its directive's
            conditions.append(e.c.task_id.in_(tasks[start : start + 500]))
        pairs = sorted(items.items())
        for start in range(0, len(pairs), 50):
            either = []
            for (unit, item), periods in pairs[start : start + 50]:
                named = sorted(p for p in periods if p is not None)
                if named:
                    either.append(
                        and_(
                            *mine,
                            e.c.unit == unit,
                            e.c.item == item,
                            e.c.period.in_(named),
                            e.c.task_id.is_(None),
                        )
                    )
                if None in periods:
                    either.append(
                        and_(
                            *mine,
                            e.c.unit == unit,
                            e.c.item == item,
                            e.c.period.is_(None),
                            e.c.task_id.is_(None),
                        )
                    )
            conditions.append(or_(*either))
        return conditions

    # -- writing -------------------------------------------------------------------------------

    def append_planned(
        self,
        plan: Callable[[Sequence[Task], Sequence[Event]], list[NewEvent]],
        at: Callable[[], dt.datetime],
        *,
        unit: str | None = None,
    ) -> tuple[list[NewEvent], list[int]]:
        """Plan outside the lock, then lock, re-check, insert.

        ``plan`` (pure, slow for a big import) runs on a snapshot while other writers go on. Under
        the write lock, only what was recorded since the snapshot is read; if any of it touches
        a unit and item that the plan writes to (it may change which month an event is for, or
        make it a second report), the plan is made again with it, under the lock. Readers never
        wait; writers wait only for each other's inserts. Used by ``import`` and ``record`` (whose
        plan is one event). With ``unit``, the plan sees only that unit's events (``record``:
        an event's occurrence is its unit's), read through the index."""
        before = self.snapshot(unit=unit)
        planned = plan(before.tasks, before.events)
        with self.writing() as conn:
            added_since = select(tasks_table).where(tasks_table.c.id > before.last_task)
            if self.directive is not None:
                added_since = added_since.where(tasks_table.c.directive == self.directive)
            new_tasks = [self._task_row(r) for r in conn.execute(added_since)]
            since = select(events_table).where(events_table.c.id > before.last_event)
            if self.directive is not None:
                since = since.where(events_table.c.directive == self.directive)
            if unit is not None:
                since = since.where(events_table.c.unit == unit)
            new_events = [
                _event(r._mapping) for r in conn.execute(since.order_by(events_table.c.id))
            ]
            touched = {(e.unit, e.item) for e in new_events}
            revised = self._marks(conn)[2] != before.last_revision
            if revised:
                # a task was edited or cancelled meanwhile: every task as it stands now
                tasks = self.tasks(conn)
                planned = plan(tasks, [*before.events, *new_events])
            elif touched & {(n.unit, n.item) for n in planned}:
                planned = plan([*before.tasks, *new_tasks], [*before.events, *new_events])
            ids = self.append(conn, planned, at())
        return planned, ids

    def append_batch(
        self,
        plan: Callable[[Sequence[Task], Sequence[Event]], list[NewEvent]],
        at: Callable[[], dt.datetime],
        *,
        units: frozenset[str],
    ) -> list[NewEvent]:
        """``import``: as :meth:`append_planned`, but the plan sees only the events of
        ``units`` (the units whose rows need their history: cvtracker.importer.history_units),
        read through the index, and the events go in by batches of one statement each
        (executemany), in the one transaction."""
        with self.reading() as conn:
            tasks = [] if self.fresh else self.tasks(conn)
            events = [] if self.fresh else self._events_of_units(conn, units, 0)
            last_task, last_event, last_revision = (0, 0, 0) if self.fresh else self._marks(conn)
        planned = plan(tasks, events)
        with self.writing() as conn:
            added_since = select(tasks_table.c.id).where(tasks_table.c.id > last_task)
            if self.directive is not None:  # another directive's new task changes no plan
                added_since = added_since.where(tasks_table.c.directive == self.directive)
            new_tasks = conn.execute(added_since.limit(1)).first()
            new_events = self._events_of_units(conn, units, last_event)
            touched = {(e.unit, e.item) for e in new_events}
            revised = self._marks(conn)[2] != last_revision
            if new_tasks is not None or revised or touched & {(n.unit, n.item) for n in planned}:
                # every task as it stands now (added, edited or cancelled meanwhile)
                planned = plan(self.tasks(conn), [*events, *new_events])
            self.append_many(conn, planned, at())
        return planned

    def _events_of_units(self, conn: Connection, units: frozenset[str], after: int) -> list[Event]:
        if not units:
            return []
        e = events_table
        query = select(e).where(e.c.unit.in_(sorted(units)), e.c.id > after).order_by(e.c.id)
        return [_event(row._mapping) for row in conn.execute(self._mine(query))]

    def _mine(self, query: Any) -> Any:
        """``query`` over events, kept to the scope's directive (see :meth:`scoped`)."""
        if self.directive is None:
            return query
        return query.where(events_table.c.directive == self.directive)

    def append_many(
        self, conn: Connection, new_events: Sequence[NewEvent], at: dt.datetime, chunk: int = 5000
    ) -> None:
        """Append with one executemany per ``chunk`` events, then bring the summaries of the
        occurrences appended to up to date. This transaction holds the write lock, so the
        events after the last id before are these: on SQLite, whose new rows take the next
        ids in turn, their ids are known once the last is checked; else they are read back."""
        from sqlalchemy import func

        if not new_events:
            return
        e = events_table
        before = conn.execute(select(func.max(e.c.id))).scalar() or 0
        directive = self._written_for()
        tasks = [int(new.task[1:]) if new.task else None for new in new_events]
        if conn.dialect.name == "sqlite":
            _insert_sqlite(conn, new_events, tasks, at, directive, chunk)
            last = conn.execute(select(func.max(e.c.id))).scalar() or 0
            if last == before + len(new_events):
                added = [
                    (
                        (directive, new.unit, new.item, task or 0, new.period or ""),
                        (n, new.percent, new.on, new.voids),
                    )
                    for n, new, task in zip(
                        range(before + 1, last + 1), new_events, tasks, strict=True
                    )
                ]
                self._summarize(conn, added)
                return
        else:
            for start in range(0, len(new_events), chunk):
                conn.execute(
                    insert(e),
                    [
                        {
                            "unit": new.unit,
                            "item": new.item,
                            "task_id": task,
                            "period": new.period,
                            "percent": float(new.percent),
                            "done_on": new.on,
                            "evidence": nfc(new.evidence),
                            "note": nfc(new.note),
                            "recorded_by": nfc(new.by),
                            "recorded_at": at,
                            "voids": new.voids,
                            "directive": directive,
                        }
                        for new, task in zip(
                            new_events[start : start + chunk],
                            tasks[start : start + chunk],
                            strict=True,
                        )
                    ],
                )
        rows = conn.execute(select(*_ADDED_COLUMNS).where(e.c.id > before).order_by(e.c.id))
        self._summarize(conn, [_added(directive, row) for row in rows])

    @staticmethod
    def _task_row(row: Any) -> Task:
        return _task(row._mapping)

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
                    voids=new.voids,
                    directive=self._written_for(),
                )
            )
            ids.append(_inserted_id(result))
        directive = self._written_for()
        added = [
            (
                (
                    directive,
                    new.unit,
                    new.item,
                    int(new.task[1:]) if new.task else 0,
                    new.period or "",
                ),
                (n, new.percent, new.on, new.voids),
            )
            for n, new in zip(ids, new_events, strict=True)
        ]
        self._summarize(conn, added)
        return ids

    # -- the summaries (revision 0006) -----------------------------------------------------------

    def _summarize(self, conn: Connection, added: Sequence[tuple[_Row, Counting]]) -> None:
        """Bring the summaries of the occurrences these new events (in the order appended)
        belong to up to date, in the caller's transaction: folded in
        (:func:`cvtracker.scope.fold_many`) when the summary alone tells; made again from the
        occurrence's events when it does not, or for a void."""
        if not added:
            return
        by_key: dict[_Row, list[Counting]] = {}
        for row_key, counting in added:
            found = by_key.get(row_key)
            if found is None:
                by_key[row_key] = [counting]
            else:
                found.append(counting)
        stored = self._stored(conn, list(by_key))
        again: list[_Row] = []
        changed: dict[_Row, Summary] = {}
        for row_key, news in by_key.items():
            summary = stored.get(row_key) or Summary(_key(row_key), None, None)
            folded = fold_many(summary, news)
            if folded is None:
                again.append(row_key)
            else:
                changed[row_key] = folded
        for row_key, rows in self._counting_of(conn, again).items():
            changed[row_key] = summarize(_key(row_key), rows)
        for row_key in again:
            changed.setdefault(row_key, Summary(_key(row_key), None, None))
        _upsert(conn, [(row_key, summary) for row_key, summary in changed.items()])

    def _stored(self, conn: Connection, keys: Sequence[_Row]) -> dict[_Row, Summary]:
        """The stored summaries of these occurrences, by primary key, a few hundred a statement."""
        from sqlalchemy import tuple_

        table = summaries_table
        columns = (table.c.directive, table.c.unit, table.c.item, table.c.task_id, table.c.period)
        out: dict[_Row, Summary] = {}
        for start in range(0, len(keys), 500):
            query = select(table).where(tuple_(*columns).in_(keys[start : start + 500]))
            for row in conn.execute(query):
                out[(row.directive, row.unit, row.item, row.task_id, row.period)] = _summary(row)
        return out

    def _counting_of(self, conn: Connection, keys: Sequence[_Row]) -> dict[_Row, list[Counting]]:
        """Every event of these occurrences (voids too), as summaries need them, through the
        (directive, unit, item, period) and task indexes."""
        from sqlalchemy import and_, or_

        e = events_table
        out: dict[_Row, list[Counting]] = {}
        for start in range(0, len(keys), 100):
            either = [
                and_(
                    e.c.directive == directive,
                    e.c.unit == unit,
                    e.c.item == item,
                    e.c.task_id == task if task else e.c.task_id.is_(None),
                    e.c.period == period if period else e.c.period.is_(None),
                )
                for directive, unit, item, task, period in keys[start : start + 100]
            ]
            query = select(e.c.directive, *_ADDED_COLUMNS)
            for row in conn.execute(query.where(or_(*either))):
                row_key, counting = _added(row[0], row[1:])
                out.setdefault(row_key, []).append(counting)
        return out

    def rebuild_summaries(self, conn: Connection) -> int:
        """``db rebuild``: see :func:`rebuild_summaries`."""
        return rebuild_summaries(conn)

    def computed_summaries(self, conn: Connection) -> dict[_Row, Summary]:
        """See :func:`computed_summaries`."""
        return computed_summaries(conn)

    def stored_summaries(self, conn: Connection) -> dict[_Row, Summary]:
        """The summaries the table holds (``db check``), those with no event that counts left
        out (a row whose every event was voided says what no row says)."""
        out: dict[_Row, Summary] = {}
        for row in conn.execute(select(summaries_table)):
            summary = _summary(row)
            if not summary.empty:
                out[(row.directive, row.unit, row.item, row.task_id, row.period)] = summary
        return out

    def add_revision(self, conn: Connection, new: NewRevision, at: dt.datetime) -> TaskRevision:
        """Append a task's revision (``task edit``, ``task cancel``)."""
        result = conn.execute(
            insert(task_revisions_table).values(
                task_id=new.task,
                title=nfc(new.title),
                assignee=nfc(new.assignee),
                deadline_kind=new.deadline_kind,
                deadline=new.deadline,
                cancelled=new.cancelled,
                reason=nfc(new.reason),
                revised_by=nfc(new.by),
                revised_at=at,
            )
        )
        number = _inserted_id(result)
        row = conn.execute(
            select(task_revisions_table).where(task_revisions_table.c.id == number)
        ).one()
        return _revision(row._mapping)

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
                directive=self._written_for(),
            )
        )
        number = _inserted_id(result)
        row = conn.execute(select(tasks_table).where(tasks_table.c.id == number)).one()
        return _task(row._mapping)

    # -- directives (cvtracker directive add, retire) ----------------------------------------------

    def stored_directives(self, conn: Connection | None = None) -> list[StoredDirective]:
        """The directives added to the ledger, by number: the latest version of each, with
        its latest retirement. Empty for a ledger older than revision 0005 or none yet."""
        if self.fresh:
            return []
        if conn is None:
            with self.reading() as c:
                return self.stored_directives(c)
        from sqlalchemy import inspect

        if not inspect(conn).has_table("directives"):
            return []
        latest: dict[str, Any] = {}
        first: dict[str, Any] = {}
        for row in conn.execute(
            select(directives_table).order_by(directives_table.c.id, directives_table.c.version)
        ):
            latest[row.id] = row
            first.setdefault(row.id, row)
        retired: dict[str, Any] = {}
        table = directive_retirements_table
        for row in conn.execute(select(table).order_by(table.c.id)):
            retired[row.directive] = row
        out = []
        # in the order first added (then by number)
        order = sorted(latest, key=lambda n: (_utc(first[n].added_at), first[n].version, n))
        for number in order:
            row = latest[number]
            retirement = retired.get(number)
            out.append(
                StoredDirective(
                    id=number,
                    version=row.version,
                    yaml=row.yaml,
                    sha256=row.sha256,
                    added_by=maybe_printable(row.added_by),
                    added_at=_utc(row.added_at),
                    retired_on=retirement.retired_on if retirement is not None else None,
                    retire_reason=maybe_printable(retirement.reason) if retirement else None,
                    first_added_at=_utc(first[number].added_at),
                )
            )
        return out

    def add_directive(
        self,
        conn: Connection,
        *,
        number: str,
        text: str,
        sha256: str,
        by: str | None,
        at: dt.datetime,
    ) -> tuple[int, bool]:
        """Store a directive's YAML text under its number, in the caller's write transaction:
        the same text as the latest version is not stored again. Returns the version and
        whether it is new."""
        from sqlalchemy import func

        table = directives_table
        last = conn.execute(
            select(table.c.version, table.c.sha256)
            .where(table.c.id == number)
            .order_by(table.c.version.desc())
            .limit(1)
        ).first()
        if last is not None and last.sha256 == sha256:
            return int(last.version), False
        version = (
            int(
                conn.execute(
                    select(func.coalesce(func.max(table.c.version), 0)).where(table.c.id == number)
                ).scalar_one()
            )
            + 1
        )
        conn.execute(
            insert(table).values(
                id=number,
                version=version,
                yaml=text,
                sha256=sha256,
                added_by=nfc(by),
                added_at=at,
            )
        )
        return version, True

    def retire_directive(
        self,
        conn: Connection,
        *,
        number: str,
        on: dt.date,
        reason: str | None,
        by: str | None,
        at: dt.datetime,
    ) -> None:
        conn.execute(
            insert(directive_retirements_table).values(
                directive=number,
                retired_on=on,
                reason=nfc(reason),
                retired_by=nfc(by),
                retired_at=at,
            )
        )

    def rows_for(self, conn: Connection, number: str) -> dict[str, int]:
        """How many events and tasks a directive has (``directive list``)."""
        from sqlalchemy import func

        events = conn.execute(
            select(func.count()).select_from(events_table).where(events_table.c.directive == number)
        ).scalar_one()
        tasks = conn.execute(
            select(func.count()).select_from(tasks_table).where(tasks_table.c.directive == number)
        ).scalar_one()
        return {"events": int(events), "tasks": int(tasks)}

    # -- sent mail (cvtracker notify) ------------------------------------------------------------

    def already_sent(
        self, conn: Connection, day: dt.date, recipient: str, content_hash: str
    ) -> bool:
        if self.fresh:
            return False
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
                    directive=self._written_for(),
                )
            )

    def claim_mail(
        self,
        conn: Connection,
        *,
        day: dt.date,
        recipients: Sequence[str],
        content_hash: str,
        run: str,
        force: bool,
        at: dt.datetime,
    ) -> tuple[list[tuple[str, int]], list[dict[str, Any]]]:
        """Claims (day, recipient, hash) for each recipient, in the caller's write transaction.

        Returns the recipients claimed with their claim's id, and the earlier claims that stand
        in the way (sent, or claimed by a run that never said how it ended); ``force`` claims
        anyway. Mail recorded as sent before claims existed stands in the way too."""
        table = mail_claims_table
        claimed: list[tuple[str, int]] = []
        blocked: list[dict[str, Any]] = []
        for recipient in recipients:
            key = recipient.lower()
            if not force:
                earlier = conn.execute(
                    select(table)
                    .where(table.c.day == day)
                    .where(table.c.recipient == key)
                    .where(table.c.content_hash == content_hash)
                    .where(table.c.state.in_(("claimed", "sent")))
                    .order_by(table.c.id)
                    .limit(1)
                ).first()
                if earlier is not None:
                    blocked.append(dict(earlier._mapping))
                    continue
                if self.already_sent(conn, day, key, content_hash):
                    blocked.append({"recipient": key, "state": "sent", "claimed_at": None})
                    continue
            result = conn.execute(
                insert(table).values(
                    day=day,
                    recipient=key,
                    content_hash=content_hash,
                    run=run,
                    state="claimed",
                    claimed_at=at,
                    directive=self._written_for(),
                )
            )
            claimed.append((recipient, _inserted_id(result)))
        return claimed, blocked

    def settle_claims(
        self, conn: Connection, ids: Sequence[int], state: str, at: dt.datetime
    ) -> None:
        """``sent`` or ``failed``: what became of claimed mail."""
        from sqlalchemy import update

        table = mail_claims_table
        conn.execute(
            update(table)
            .where(table.c.id.in_(list(ids)))
            .where(table.c.state == "claimed")
            .values(state=state, settled_at=at)
        )

    def mail_claims(self, conn: Connection | None = None) -> list[dict[str, Any]]:
        if self.fresh:
            return []
        if conn is None:
            with self.reading() as c:
                return self.mail_claims(c)
        rows = conn.execute(select(mail_claims_table).order_by(mail_claims_table.c.id))
        return [dict(row._mapping) for row in rows]

    def sent_mail(self, conn: Connection | None = None) -> list[dict[str, Any]]:
        if self.fresh:
            return []
        if conn is None:
            with self.reading() as c:
                return self.sent_mail(c)
        rows = conn.execute(select(sent_mail_table).order_by(sent_mail_table.c.id))
        return [dict(row._mapping) for row in rows]


@dataclass(frozen=True)
class Scoped:
    """What :meth:`Ledger.read_scope` read: the tasks, the need, the occurrences left out as
    settled, and the events of the others (dated on or before the day)."""

    tasks: list[Task]
    need: Need
    left_out: frozenset[tuple[str, str, str]]
    events: list[Event]


def _counts_by(as_of: dt.date) -> Any:
    """Events dated on or before the day, and every void whatever its day: a void voids from
    the start (:func:`cvtracker.compliance.effective`)."""
    from sqlalchemy import or_

    return or_(events_table.c.done_on <= as_of, events_table.c.voids.is_not(None))


EPOCH = dt.date(1970, 1, 1)
MARK = 10**10


def _mark(value: Any) -> tuple[dt.date, int] | None:
    """(day, id) from :meth:`Ledger.summaries`'s integer mark."""
    if value is None:
        return None
    days, number = divmod(int(value), MARK)
    return EPOCH + dt.timedelta(days=days), number


def computed_summaries(conn: Connection) -> dict[_Row, Summary]:
    """The summaries the events give, every directive's: one pass over the events in the order
    of the summaries' key (an occurrence's events are next to each other); the occurrences with
    no event that counts have none."""
    e = events_table
    query = select(e.c.directive, *_ADDED_COLUMNS).order_by(
        e.c.directive, e.c.unit, e.c.item, e.c.task_id, e.c.period, e.c.id
    )
    out: dict[_Row, Summary] = {}
    current: _Row | None = None
    rows: list[Counting] = []
    for row in conn.execute(query).yield_per(10_000):
        row_key, counting = _added(row[0], row[1:])
        if row_key != current:
            if current is not None:
                out[current] = summarize(_key(current), rows)
            current, rows = row_key, []
        rows.append(counting)
    if current is not None:
        out[current] = summarize(_key(current), rows)
    return {k: v for k, v in out.items() if not v.empty}


def rebuild_summaries(conn: Connection) -> int:
    """``db rebuild`` (and revision 0006): the summaries made again from every event, in the
    caller's transaction; returns how many occurrences have one."""
    from sqlalchemy import delete

    made = computed_summaries(conn)
    conn.execute(delete(summaries_table))
    _upsert(conn, list(made.items()), fresh=True)
    return len(made)


_INSERT_COLUMNS = (
    "unit",
    "item",
    "task_id",
    "period",
    "percent",
    "done_on",
    "evidence",
    "note",
    "recorded_by",
    "recorded_at",
    "voids",
    "directive",
)


def _insert_sqlite(
    conn: Connection,
    new_events: Sequence[NewEvent],
    tasks: Sequence[int | None],
    at: dt.datetime,
    directive: str,
    chunk: int,
) -> None:
    """``import``'s insert on SQLite: the driver's executemany, each value as SQLAlchemy's
    column types store it (their bind processors), without building a statement per row."""
    columns = events_table.c
    dialect = conn.dialect
    process: Any = columns.done_on.type.dialect_impl(dialect).bind_processor(dialect)
    day: Callable[[dt.date], Any] = process if process is not None else (lambda value: value)
    sample = new_events[0].on if new_events else dt.date(2022, 5, 1)
    if day(sample) == sample.isoformat():
        day = dt.date.isoformat  # the same text, made in C
    moment: Any = columns.recorded_at.type.dialect_impl(dialect).bind_processor(dialect)
    stamp = moment(at) if moment is not None else at
    sql = (
        f"INSERT INTO events ({', '.join(_INSERT_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
    )
    for start in range(0, len(new_events), chunk):
        conn.exec_driver_sql(
            sql,
            [
                (
                    new.unit,
                    new.item,
                    task,
                    new.period,
                    float(new.percent),
                    day(new.on),
                    nfc(new.evidence),
                    nfc(new.note),
                    nfc(new.by),
                    stamp,
                    new.voids,
                    directive,
                )
                for new, task in zip(
                    new_events[start : start + chunk], tasks[start : start + chunk], strict=True
                )
            ],
        )


def _as_mark(mark: tuple[dt.date, int] | None) -> int | None:
    """The integer of a (day, id): day number × 10¹⁰ + id, so that ``max`` orders as the core."""
    if mark is None:
        return None
    return (mark[0] - EPOCH).days * MARK + mark[1]


_Row = tuple[str, str, str, int, str]
"""A summary's primary key: directive, unit, item, task number (0: none), period ('': none)."""


_ADDED_COLUMNS = tuple(
    events_table.c[name]
    for name in ("id", "unit", "item", "task_id", "period", "percent", "done_on", "voids")
)


def _added(directive: str, row: Any) -> tuple[_Row, Counting]:
    """A row of ``_ADDED_COLUMNS``: its summary's key, and the event as the summary needs it."""
    number, unit, item, task, period, percent, on, voids = row
    return (directive, unit, item, task or 0, period or ""), (number, float(percent), on, voids)


def _key(row: _Row) -> Key:
    _directive, unit, item, task, period = row
    return event_key(unit, item, f"T{task}" if task else None, period or None)


def _summary(row: Any) -> Summary:
    task = f"T{row.task_id}" if row.task_id else None
    key = event_key(row.unit, row.item, task, row.period or None)
    return Summary(key, _mark(row.last_partial), _mark(row.last_full), _mark(row.full_from))


def _counting(event: Event) -> Counting:
    return (event.id, event.percent, event.on, event.voids)


def _upsert(conn: Connection, rows: Sequence[tuple[_Row, Summary]], *, fresh: bool = False) -> None:
    """Write these summaries: insert, or replace the row of the same key (SQLite and PostgreSQL
    both say ``ON CONFLICT … DO UPDATE``); ``fresh``: the table is empty, plain inserts."""
    table = summaries_table
    params = []
    for (directive, unit, item, task, period), summary in rows:
        last = summary.last
        params.append(
            {
                "directive": directive,
                "unit": unit,
                "item": item,
                "task_id": task,
                "period": period,
                "last_partial": _as_mark(summary.last_partial),
                "last_full": _as_mark(summary.last_full),
                "full_from": _as_mark(summary.full_from),
                "last_day": last[0] if last is not None else None,
            }
        )
    if not params:
        return
    statement: Any
    if fresh:
        statement = insert(table)
    else:
        from sqlalchemy.dialects import postgresql, sqlite

        dialect: Any = postgresql if conn.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(table)
        statement = statement.on_conflict_do_update(
            index_elements=[c.name for c in table.primary_key.columns],
            set_={
                name: statement.excluded[name]
                for name in ("last_partial", "last_full", "full_from", "last_day")
            },
        )
    for start in range(0, len(params), 5000):
        conn.execute(statement, params[start : start + 5000])


@dataclass(frozen=True)
class Snapshot:
    tasks: list[Task]
    events: list[Event]
    last_task: int
    last_event: int
    last_revision: int = 0


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
        # stored before control characters were refused: shown without them
        evidence=maybe_printable(row["evidence"]),
        note=maybe_printable(row["note"]),
        by=maybe_printable(row["recorded_by"]),
        recorded_at=_utc(row["recorded_at"]),
        voids=row["voids"],
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
        title=printable(row["title"]),
        item=row["item"],
        assignee=maybe_printable(row["assignee"]),
        deadline_kind=row["deadline_kind"],
        deadline=row["deadline"],
    )


def _revision(row: Any) -> TaskRevision:
    return TaskRevision(
        id=row["id"],
        task=row["task_id"],
        title=printable(row["title"]),
        assignee=maybe_printable(row["assignee"]),
        deadline_kind=row["deadline_kind"],
        deadline=row["deadline"],
        cancelled=bool(row["cancelled"]),
        reason=maybe_printable(row["reason"]),
        by=maybe_printable(row["revised_by"]),
        at=_utc(row["revised_at"]),
    )


# --- opening ---------------------------------------------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"
# every revision this version knows; a ledger at another one was made by a newer cvtracker
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
LEDGER_TABLES = frozenset({"events", "tasks"})
# the append-only tables: no UPDATE, no DELETE, no REPLACE (SQLite), no TRUNCATE (PostgreSQL)
APPEND_ONLY_TABLES = ("events", "tasks", "sent_mail", "task_revisions", "directive_retirements")
# append-only too, but keyed by (id, version): its REPLACE guard is its own (revision 0005)
VERSIONED_TABLES = ("directives",)
# the append-only guards of revisions 0003 and 0004 (triggers); a write refuses a ledger
# missing any
SQLITE_GUARDS = frozenset(
    f"{table}_{guard}"
    for table in APPEND_ONLY_TABLES
    for guard in ("no_update", "no_delete", "no_replace")
) | frozenset({"mail_claims_no_delete", "mail_claims_settle_only", "mail_claims_no_replace"})
SQLITE_GUARDS |= frozenset(
    f"{table}_{guard}"
    for table in VERSIONED_TABLES
    for guard in ("no_update", "no_delete", "no_replace")
)
PG_GUARDS = frozenset(
    f"{table}_{guard}"
    for table in (*APPEND_ONLY_TABLES, *VERSIONED_TABLES)
    for guard in ("append_only", "no_truncate")
) | frozenset({"mail_claims_settle_only", "mail_claims_no_truncate"})


@dataclass(frozen=True)
class Found:
    """What a database holds before cvtracker touches it."""

    kind: Literal["missing", "empty", "ledger", "foreign", "not_database"]
    revision: str | None = None
    guards: frozenset[str] = frozenset()


def open_ledger(url: str, *, write: bool = True) -> Ledger:
    """Open the ledger at ``url``. Writers (``write=True``) create a new or empty database and
    bring a cvtracker ledger up to date; readers never write, never migrate, never wait on a
    writer. Anything that is not a cvtracker ledger is refused and left as it was."""
    parsed = parse_db_url(url)
    shown = safe_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed, url)
        found = inspect_sqlite_file(path, shown)
        _check_found(found, shown, write)
        if not write and found.kind in ("missing", "empty"):
            return Ledger(_sqlite_read_engine(path), fresh=True)
        if found.kind == "missing":
            _create_private_file(path, shown)
        engine = _sqlite_engine(parsed) if write else _sqlite_read_engine(path)
        ledger = Ledger(engine)
    elif parsed.get_backend_name() == "postgresql":
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except (exc.NoSuchModuleError, ModuleNotFoundError) as error:
            raise Failure("db_driver_missing", url=shown, reason=str(error)) from None
        ledger = Ledger(engine)
        with ledger.reading() as conn:
            found = _inspect_pg(conn)
        _check_found(found, shown, write)
        if not write and found.kind == "empty":
            ledger.fresh = True
            return ledger
    else:
        raise InputError("db_unsupported", url=shown, scheme=parsed.drivername)
    if write:
        if found.revision != HEAD_REVISION:
            with ledger.writing() as conn:
                # another process may have done it while this one waited for the lock
                revision = current_revision(conn)
                if revision != HEAD_REVISION:
                    upgrade(conn)
                    ledger.created = revision is None
        else:
            missing = _missing_guards(found, parsed.get_backend_name())
            if missing:
                raise Failure("db_guards_missing", url=shown, names=", ".join(sorted(missing)))
    return ledger


def upgrade_ledger(url: str) -> Ledger:
    """``cvtracker db upgrade``: create or migrate the ledger, and put back any append-only
    guard (trigger) that was dropped or disabled."""
    try:
        return open_ledger(url)
    except Failure as error:
        if error.key != "db_guards_missing":
            raise
    parsed = parse_db_url(url)
    if parsed.get_backend_name() == "sqlite":
        ledger = Ledger(_sqlite_engine(parsed))
    else:
        ledger = Ledger(create_engine(parsed, pool_pre_ping=True))
    with ledger.writing() as conn:
        _restore_guards(conn)
    return open_ledger(url)


def _restore_guards(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        present = set(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars()
        )
        for name, sql in _sqlite_guard_sql().items():
            if name not in present:
                conn.exec_driver_sql(sql)
        return
    rows = conn.exec_driver_sql(
        "SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal"
    ).all()
    found = {name: enabled for name, _table, enabled in rows}
    for name, (table, sql) in _pg_guard_sql().items():
        if name not in found:
            conn.exec_driver_sql(sql)
        elif found[name] == "D":
            conn.exec_driver_sql(f'ALTER TABLE {table} ENABLE TRIGGER "{name}"')


def _sqlite_guard_sql() -> dict[str, str]:
    """The guards of revisions 0001 to 0005, to put back what was dropped."""
    out = {}
    for table in APPEND_ONLY_TABLES:
        for action in ("UPDATE", "DELETE"):
            out[f"{table}_no_{action.lower()}"] = (
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )
    for table in (*APPEND_ONLY_TABLES, "mail_claims"):
        out[f"{table}_no_replace"] = (
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
        )
    for table in VERSIONED_TABLES:
        for action in ("UPDATE", "DELETE"):
            out[f"{table}_no_{action.lower()}"] = (
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )
        out[f"{table}_no_replace"] = (
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id "
            f"AND version = NEW.version) "
            f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
        )
    out["mail_claims_no_delete"] = (
        "CREATE TRIGGER mail_claims_no_delete BEFORE DELETE ON mail_claims "
        "BEGIN SELECT RAISE(ABORT, 'mail_claims are never deleted'); END"
    )
    out["mail_claims_settle_only"] = (
        "CREATE TRIGGER mail_claims_settle_only BEFORE UPDATE ON mail_claims "
        "WHEN OLD.state <> 'claimed' OR NEW.id IS NOT OLD.id OR NEW.day IS NOT OLD.day "
        "OR NEW.recipient IS NOT OLD.recipient OR NEW.content_hash IS NOT OLD.content_hash "
        "OR NEW.run IS NOT OLD.run OR NEW.claimed_at IS NOT OLD.claimed_at "
        "BEGIN SELECT RAISE(ABORT, 'a mail claim is only settled, once'); END"
    )
    return out


def _pg_guard_sql() -> dict[str, tuple[str, str]]:
    out = {}
    for table in (*APPEND_ONLY_TABLES, *VERSIONED_TABLES):
        out[f"{table}_append_only"] = (
            table,
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION cvtracker_append_only()",
        )
    for table in (*APPEND_ONLY_TABLES, *VERSIONED_TABLES, "mail_claims"):
        out[f"{table}_no_truncate"] = (
            table,
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION cvtracker_append_only()",
        )
    out["mail_claims_settle_only"] = (
        "mail_claims",
        "CREATE TRIGGER mail_claims_settle_only BEFORE UPDATE OR DELETE ON mail_claims "
        "FOR EACH ROW EXECUTE FUNCTION cvtracker_claim_settle_only()",
    )
    return out


def grant_app_role(ledger: Ledger, role: str) -> None:
    """PostgreSQL: the role cvtracker runs as day to day may read and append, nothing else (it
    cannot TRUNCATE, ALTER or disable a trigger: only the owner can, and the owner is another
    role, used for ``db upgrade`` only). A claim on mail is settled by an UPDATE; the summaries
    (derived, kept with each append) are inserted and updated."""
    from sqlalchemy import text

    if ledger.engine.dialect.name != "postgresql":
        raise InputError("db_grant_sqlite")
    with ledger.writing() as conn:
        quoted = conn.dialect.identifier_preparer.quote(role)
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        if exists.first() is None:
            raise InputError("db_unknown_role", role=role)
        appended = ", ".join((*APPEND_ONLY_TABLES, *VERSIONED_TABLES, "mail_claims"))
        tables = f"{appended}, alembic_version"
        conn.exec_driver_sql(f"REVOKE ALL ON {tables} FROM PUBLIC")
        conn.exec_driver_sql(f"GRANT SELECT ON {tables} TO {quoted}")
        conn.exec_driver_sql(f"GRANT INSERT ON {appended} TO {quoted}")
        conn.exec_driver_sql(f"GRANT UPDATE (state, settled_at) ON mail_claims TO {quoted}")
        # the summaries (revision 0006) are derived: kept by every append, so updated too
        conn.exec_driver_sql("REVOKE ALL ON summaries FROM PUBLIC")
        conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE ON summaries TO {quoted}")
        schema = conn.dialect.identifier_preparer.quote(
            conn.exec_driver_sql("SELECT current_schema()").scalar_one()
        )
        conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {quoted}")


def parse_db_url(url: str) -> URL:
    try:
        parsed = make_url(url)
        port = parsed.port  # a port that is not a number raises here, not at connect time
    except (exc.ArgumentError, ValueError):
        raise InputError("db_bad_url", url=safe_url(url)) from None
    if port is not None and not 1 <= port <= 65535:
        raise InputError("db_bad_url", url=safe_url(url))
    return parsed


def sqlite_path(parsed: URL, url: str) -> Path:
    """The file an SQLite URL names; an in-memory database would keep nothing, so it is
    refused, and so is a URI filename (``file:``), whose options could bypass these checks."""
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise InputError("db_memory", url=url)
    return Path(database)


def _check_found(found: Found, shown: str, write: bool) -> None:
    if found.kind == "not_database":
        raise InputError("db_not_database", url=shown)
    if found.kind == "foreign":
        raise InputError("db_not_ledger", url=shown)
    if found.kind != "ledger" or found.revision == HEAD_REVISION:
        return
    if found.revision not in KNOWN_REVISIONS:
        raise InputError("db_newer", url=shown, revision=found.revision, head=HEAD_REVISION)
    if not write:
        raise InputError("db_needs_upgrade", url=shown)


def _missing_guards(found: Found, backend: str) -> frozenset[str]:
    expected = SQLITE_GUARDS if backend == "sqlite" else PG_GUARDS
    return expected - found.guards


def inspect_sqlite_file(path: Path, shown: str) -> Found:
    """What the file at ``path`` is, read without writing to it (nor creating it)."""
    if path.is_symlink() and not path.exists():
        raise InputError("db_dangling_symlink", url=shown)
    if not path.exists():
        return Found("missing")
    if path.is_dir():
        raise InputError("db_is_directory", url=str(path))
    if not path.is_file():
        return Found("not_database")
    if path.stat().st_size == 0:
        return Found("empty")
    # The file is never opened with open(): closing any descriptor of a file drops every POSIX
    # lock the process holds on it, the locks of SQLite connections still open in this process
    # included, and SQLite then loses writes ("How To Corrupt An SQLite Database File" 2.2).
    import sqlite3

    try:
        conn = _query_only(path)
    except sqlite3.Error as error:
        raise Failure("db_failed", url=shown, reason=str(error)) from None
    try:
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
        tables = {name for kind, name in objects if kind == "table"}
        tables -= {t for t in tables if t.startswith("sqlite_")}
        if not tables:
            return Found("empty")
        if "alembic_version" not in tables or not tables >= LEDGER_TABLES:
            return Found("foreign")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        guards = frozenset(name for kind, name in objects if kind == "trigger")
        return Found("ledger", revision[0] if revision else None, guards)
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "encrypted" in str(error):
            return Found("not_database")
        raise Failure("db_failed", url=shown, reason=str(error)) from None
    finally:
        conn.close()


def _inspect_pg(conn: Connection) -> Found:
    from sqlalchemy import inspect, text

    tables = set(inspect(conn).get_table_names())
    if not tables:
        return Found("empty")
    if "alembic_version" not in tables or not tables >= LEDGER_TABLES:
        return Found("foreign")
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    guards = conn.execute(
        text(
            "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal "
            "AND t.tgenabled <> 'D'"
        )
    ).scalars()
    return Found("ledger", revision, frozenset(guards))


def _file_uri(path: Path) -> str:
    from urllib.parse import quote

    return "file:" + quote(str(path.absolute()))


def _create_private_file(path: Path, shown: str) -> None:
    """A new ledger file, readable by its owner only; never through a symbolic link."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(path, flags, 0o600))
    except FileExistsError:
        pass  # another process made it at the same moment: it is new and empty too
    except OSError as error:
        raise Failure("db_failed", url=shown, reason=error.strerror) from None


def _query_only(path: Path) -> sqlite3.Connection:
    """A connection that can change nothing (``PRAGMA query_only``). Not ``mode=ro``: SQLite's
    read-only connections to a WAL database that others are writing fail with "disk I/O
    error" and can even lose writes (seen in tests/reliability/test_concurrency_rel.py)."""
    import sqlite3

    # in a folder this user cannot write to (a ledger shared read-only), SQLite's read-only mode;
    # it needs the -wal and -shm files to be there already, or the ledger not in WAL mode
    mode = "rw" if os.access(path.parent, os.W_OK) else "ro"
    conn = sqlite3.connect(
        f"{_file_uri(path)}?mode={mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        isolation_level=None,
    )
    conn.execute("PRAGMA query_only = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _sqlite_read_engine(path: Path) -> Engine:
    """For reading: a reader can change nothing, and in WAL mode waits for no writer."""
    engine = create_engine("sqlite://", creator=lambda: _query_only(path))

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def _sqlite_engine(parsed: URL) -> Engine:
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
