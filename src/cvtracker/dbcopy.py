"""``cvtracker db copy --to URL``: the ledger in use copied, row for row with its ids, into another
database, SQLite to PostgreSQL and back.

1. The target must hold no rows (checked without writing to it); it is then created or upgraded
   to the head revision (``open_ledger``).
2. In one transaction on the target, under its write lock: every table the migrations made
   (found by reflecting the target, so a table a later migration adds is copied too) gets the
   source's rows with their ids, read from one snapshot of the source, parents before children;
   on PostgreSQL each id sequence is set past the highest id.
3. Still in that transaction, each table is read back: its row count and a checksum (SHA-256 over
   the rows in id order, each value written the same way whatever the backend: times in UTC)
   must equal the source's, else the transaction is rolled back.

The copy only INSERTs into empty tables, so the append-only triggers stay in place and do not
refuse it; row-level security (``cvtracker db grant``) does not apply to the tables' owner, who
runs the copy. ``unit_grants`` (PostgreSQL roles) is not copied: roles belong to one server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cvtracker.errors import Failure, InputError
from cvtracker.grants import GRANTS_TABLE

if TYPE_CHECKING:
    from sqlalchemy import Select, Table
    from sqlalchemy.engine import Connection

    from cvtracker.ledger import Ledger

BATCH = 2_000
# not ledger data: the schema's revision (set by the migrations) and one server's roles
NOT_COPIED = frozenset({"alembic_version", GRANTS_TABLE})


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    checksum: str


@dataclass(frozen=True)
class Copied:
    source: str
    target: str
    revision: str
    tables: list[TableCopy]
    skipped: list[str]


def copy_ledger(source_url: str, target_url: str) -> Copied:
    from cvtracker.ledger import HEAD_REVISION, open_ledger, parse_db_url, safe_url

    shown_source, shown_target = safe_url(source_url), safe_url(target_url)
    parse_db_url(target_url)  # a bad URL is said before anything is opened
    if same_database(source_url, target_url):
        raise InputError("db_copy_same", url=shown_target)
    source = open_ledger(source_url, write=False)  # a reader: never created nor migrated
    if source.fresh:
        raise InputError("db_copy_no_ledger", url=shown_source)
    held = rows_held(target_url)
    if held:
        raise InputError("db_copy_not_empty", url=shown_target, rows=_counts_text(held))
    target = open_ledger(target_url)  # created, or upgraded to the head revision
    try:
        tables, skipped = _copy(source, target, shown_source, shown_target)
    finally:
        source.engine.dispose()
        target.engine.dispose()
    return Copied(shown_source, shown_target, HEAD_REVISION, tables, skipped)


def _copy(
    source: Ledger, target: Ledger, shown_source: str, shown_target: str
) -> tuple[list[TableCopy], list[str]]:
    with _snapshot(source) as src, target.writing() as dst:
        held = _rows_in(dst, _data_tables(dst))
        if held:  # someone wrote there since the check above
            raise InputError("db_copy_not_empty", url=shown_target, rows=_counts_text(held))
        targets = _reflect(dst)
        tables, skipped = _copy_all(src, dst, targets, shown_source)
        for done in tables:
            again = _checksum(dst, targets[done.table])
            if again != (done.rows, done.checksum):
                raise Failure(
                    "db_copy_mismatch",
                    url=shown_target,
                    table=done.table,
                    found=f"{again[0]}, {again[1][:12]}",
                    expected=f"{done.rows}, {done.checksum[:12]}",
                )
    return tables, skipped


def same_database(first: str, second: str) -> bool:
    from cvtracker.ledger import parse_db_url

    a, b = parse_db_url(first), parse_db_url(second)
    if a.get_backend_name() != b.get_backend_name():
        return False
    if a.get_backend_name() == "sqlite":
        return bool(a.database and b.database) and (
            Path(a.database or "").resolve() == Path(b.database or "").resolve()
        )
    return (a.host or "localhost", a.port or 5432, a.database) == (
        b.host or "localhost",
        b.port or 5432,
        b.database,
    )


def rows_held(url: str) -> dict[str, int]:
    """The tables of ``url`` that hold rows (not counting the schema's revision and the role
    grants), read without writing, creating or migrating anything."""
    from sqlalchemy import create_engine, exc

    from cvtracker.ledger import (
        Ledger,
        _sqlite_read_engine,
        inspect_sqlite_file,
        parse_db_url,
        safe_url,
        sqlite_path,
    )

    parsed = parse_db_url(url)
    shown = safe_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed, url)
        found = inspect_sqlite_file(path, shown)
        if found.kind in ("missing", "empty"):
            return {}
        if found.kind == "not_database":
            raise InputError("db_not_database", url=shown)
        engine = _sqlite_read_engine(path)
    elif parsed.get_backend_name() == "postgresql":
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except (exc.NoSuchModuleError, ModuleNotFoundError) as error:
            raise Failure("db_driver_missing", url=shown, reason=str(error)) from None
    else:
        raise InputError("db_unsupported", url=shown, scheme=parsed.drivername)
    try:
        with Ledger(engine).reading() as conn:
            return _rows_in(conn, _data_tables(conn))
    finally:
        engine.dispose()


def _data_tables(conn: Connection) -> list[str]:
    from sqlalchemy import inspect

    return sorted(set(inspect(conn).get_table_names()) - NOT_COPIED)


def _rows_in(conn: Connection, tables: Iterable[str]) -> dict[str, int]:
    quote = conn.dialect.identifier_preparer.quote
    counts = {
        t: conn.exec_driver_sql(f"SELECT count(*) FROM {quote(t)}").scalar_one() for t in tables
    }
    return {t: int(n) for t, n in counts.items() if n}


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{table}: {rows}" for table, rows in sorted(counts.items()))


@contextmanager
def _snapshot(ledger: Ledger) -> Iterator[Connection]:
    """One read transaction over the whole source: every table as of the same moment
    (PostgreSQL: REPEATABLE READ; SQLite: a WAL read transaction is a snapshot already)."""
    with ledger.reading() as conn:
        yield conn


def _reflect(conn: Connection) -> dict[str, Table]:
    from sqlalchemy import MetaData

    meta = MetaData()
    meta.reflect(bind=conn)
    return {t.name: t for t in meta.sorted_tables}


def _copy_all(
    src: Connection, dst: Connection, targets: dict[str, Table], shown_source: str
) -> tuple[list[TableCopy], list[str]]:
    sources = _reflect(src)
    done = []
    for name, table in targets.items():  # parents before children (foreign keys)
        if name in NOT_COPIED:
            continue
        if name not in sources:
            raise InputError("db_copy_missing_table", url=shown_source, table=name)
        rows, checksum = _copy_table(src, sources[name], dst, table)
        done.append(TableCopy(name, rows, checksum))
        if dst.dialect.name == "postgresql":
            _set_sequences(dst, table)
    skipped = sorted(n for n in sources if n not in targets and n not in NOT_COPIED)
    if GRANTS_TABLE in sources:
        skipped.append(GRANTS_TABLE)
    return done, skipped


def _copy_table(src: Connection, source: Table, dst: Connection, target: Table) -> tuple[int, str]:
    """The rows of one table, read in id order from the source, written to the target (COPY on
    PostgreSQL, batched INSERTs on SQLite); returns their count and checksum."""

    names = _columns(target)
    times = _time_columns(target, names)
    result = src.execute(_ordered(source, names).execution_options(yield_per=BATCH))
    digest = hashlib.sha256()
    count = 0
    if dst.dialect.name == "postgresql":
        quote = dst.dialect.identifier_preparer.quote
        columns = ", ".join(quote(n) for n in names)
        cursor = dst.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {quote(target.name)} ({columns}) FROM STDIN") as copy:
            for part in result.partitions(BATCH):
                for row in part:
                    values = _in_utc(row, times)
                    digest.update(_line(values))
                    copy.write_row(values)
                count += len(part)
        return count, digest.hexdigest()
    # SQLite: the DB-API's executemany, each value stored as SQLAlchemy stores it (the column
    # types' bind processors: times as naive UTC text, days as ISO text)
    quote = dst.dialect.identifier_preparer.quote
    stored = [
        (i, process)
        for i, n in enumerate(names)
        if (process := target.c[n].type.bind_processor(dst.dialect)) is not None
    ]
    statement = (
        f"INSERT INTO {quote(target.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' for _ in names)})"
    )
    cursor = dst.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    for part in result.partitions(BATCH):
        batch = []
        for row in part:
            values = _in_utc(row, times)
            digest.update(_line(values))
            for i in times:  # SQLite keeps the naive UTC time
                if values[i] is not None:
                    values[i] = values[i].replace(tzinfo=None)
            for i, process in stored:
                values[i] = process(values[i])
            batch.append(values)
        cursor.executemany(statement, batch)
        count += len(batch)
    return count, digest.hexdigest()


def _checksum(conn: Connection, table: Table) -> tuple[int, str]:
    names = _columns(table)
    times = _time_columns(table, names)
    digest = hashlib.sha256()
    count = 0
    result = conn.execute(_ordered(table, names).execution_options(yield_per=BATCH))
    for part in result.partitions(BATCH):
        for row in part:
            digest.update(_line(_in_utc(row, times)))
        count += len(part)
    return count, digest.hexdigest()


def _columns(table: Table) -> list[str]:
    return sorted(c.name for c in table.columns)


def _ordered(table: Table, names: list[str]) -> Select[Any]:
    from sqlalchemy import select

    return select(*(table.c[n] for n in names)).order_by(*table.primary_key.columns)


def _time_columns(table: Table, names: list[str]) -> list[int]:
    from sqlalchemy import DateTime

    return [i for i, n in enumerate(names) if isinstance(table.c[n].type, DateTime)]


def table_checksums(url: str) -> list[TableCopy]:
    """Each ledger table's row count and checksum, as ``db copy`` computes them (for tests and
    for checking a copy later)."""
    from cvtracker.ledger import open_ledger

    ledger = open_ledger(url, write=False)
    if ledger.fresh:
        return []
    with _snapshot(ledger) as conn:
        tables = _reflect(conn)
        return [
            TableCopy(name, *_checksum(conn, table))
            for name, table in tables.items()
            if name not in NOT_COPIED
        ]


def _line(values: list[Any]) -> bytes:
    """One row as the checksum sees it, the same from SQLite and from PostgreSQL: the Python
    representation of its values (columns by name, times as aware UTC), one line per row."""
    return (repr(values) + "\n").encode()


def _in_utc(row: Iterable[Any], times: list[int]) -> list[Any]:
    """SQLite gives back the naive UTC time it stored, PostgreSQL an aware time in the
    session's time zone: both as aware UTC."""
    values = list(row)
    for i in times:
        moment = values[i]
        if moment is None:
            continue
        if moment.tzinfo is None:
            values[i] = moment.replace(tzinfo=dt.timezone.utc)
        else:
            values[i] = moment.astimezone(dt.timezone.utc)
    return values


def _set_sequences(conn: Connection, table: Table) -> None:
    """After explicit ids, the next id PostgreSQL hands out is past the highest copied."""
    quote = conn.dialect.identifier_preparer.quote
    for column in table.primary_key.columns:
        sequence = conn.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%(table)s, %(column)s)",
            {"table": quote(table.name), "column": column.name},
        ).scalar()
        if sequence is None:
            continue
        conn.exec_driver_sql(
            f"SELECT setval(%(sequence)s, coalesce(max({quote(column.name)}), 0) + 1, false) "
            f"FROM {quote(table.name)}",
            {"sequence": sequence},
        )
