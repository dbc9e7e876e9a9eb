"""Per-unit write rights on a shared PostgreSQL ledger (``cvtracker db grant``).

Each office connects as its own PostgreSQL role. Row-level security on every table that carries a
unit (``events``, ``tasks``, and any later table with a ``unit`` column, or a ``task_id`` whose
task has one) lets a role INSERT only rows of the units it was granted; reading stays open to
every role with access to the database. The grants live in the table ``unit_grants(role, unit)``
(``*`` for every unit: Phòng Nội vụ), made here with ``CREATE TABLE IF NOT EXISTS`` by the
tables' owner, who is the one to run ``db grant`` (the owner bypasses row-level security, so
``db upgrade`` and ``db copy`` are not held by it).

The policy calls ``cvtracker_may_write(current_user, unit)``, which answers true or raises
``insufficient_privilege`` naming the unit, so that the command line can say "no right to write
for the unit Phòng Tài chính – Kế hoạch" whichever command wrote (``record``, ``import``,
``task add``) and whatever the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from cvtracker.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.exc import DBAPIError

    from cvtracker.ledger import Ledger

GRANTS_TABLE = "unit_grants"
ALL_UNITS = "*"
MAY_WRITE = "cvtracker_may_write"
# the function's message when it refuses; the unit is its DETAIL, the role its HINT
DENIED = "cvtracker: no right to write for this unit"
READ_POLICY = "cvtracker_read"
WRITE_POLICY = "cvtracker_write"
UPDATE_POLICY = "cvtracker_update"
# derived tables a write updates in its transaction (revision 0006): a role may UPDATE their
# rows of the units it may write for (ON CONFLICT … DO UPDATE), like it may INSERT them
UPDATED_TABLES = ("summaries",)
INSUFFICIENT_PRIVILEGE = "42501"


def grant_units(ledger: Ledger, role: str, units: Sequence[str] | None) -> list[str]:
    """Let ``role`` append for ``units`` (unit ids; ``None``: every unit), on top of what it had.

    Returns every unit the role may now write for (``["*"]`` for all). The role must exist, and
    must be neither the tables' owner nor a role that bypasses row-level security (for those the
    policies would not apply)."""
    if ledger.engine.dialect.name != "postgresql":
        raise InputError("db_units_need_postgres")
    with ledger.writing() as conn:
        _check_role(conn, role)
        _create_grants_table(conn)
        wanted = [ALL_UNITS] if units is None else list(dict.fromkeys(units))
        for unit in wanted:
            conn.exec_driver_sql(
                f"INSERT INTO {GRANTS_TABLE} (role, unit) VALUES (%(role)s, %(unit)s) "
                "ON CONFLICT (role, unit) DO NOTHING",
                {"role": role, "unit": unit},
            )
        granted = _apply(conn).get(role, [])
    return [ALL_UNITS] if ALL_UNITS in granted else granted


def refresh(ledger: Ledger) -> None:
    """After ``db upgrade``: where per-unit rights are on, a table a migration added gets its
    policies and each granted role its rights on it. Nothing on SQLite or without grants."""
    from sqlalchemy import inspect

    if ledger.engine.dialect.name != "postgresql":
        return
    with ledger.writing() as conn:
        if inspect(conn).has_table(GRANTS_TABLE):
            _apply(conn)


def _apply(conn: Connection) -> dict[str, list[str]]:
    """The function, the policies on every unit table, and each role's table rights, made
    again from ``unit_grants``; returns the units of each role."""
    quote = conn.dialect.identifier_preparer.quote
    schema = quote(conn.exec_driver_sql("SELECT current_schema()").scalar_one())
    _create_function(conn, schema)
    tables = _tables(conn)
    written = _unit_tables(conn)
    for table, unit_expr in written.items():
        _protect(conn, quote(table), unit_expr, updated=table in UPDATED_TABLES)
    grants: dict[str, list[str]] = {}
    for role, unit in conn.exec_driver_sql(
        f"SELECT role, unit FROM {GRANTS_TABLE} ORDER BY role, unit"
    ):
        grants.setdefault(role, []).append(unit)
    listed = ", ".join(quote(t) for t in sorted(tables))
    conn.exec_driver_sql(f"REVOKE ALL ON {listed} FROM PUBLIC")
    for role, units in grants.items():
        if not conn.exec_driver_sql(
            "SELECT 1 FROM pg_roles WHERE rolname = %(role)s", {"role": role}
        ).first():
            continue  # a role dropped since: its grant rows grant nothing
        who = quote(role)
        conn.exec_driver_sql(f"GRANT SELECT ON {listed} TO {who}")
        inserts = sorted(written)
        if ALL_UNITS in units:
            # Phòng Nội vụ also runs the morning mail: it records what was sent and settles claims;
            # and it adds and retires the directives (issue 12)
            office = ("sent_mail", "mail_claims", "directives", "directive_retirements")
            inserts += [t for t in office if t in tables]
            if "mail_claims" in tables:
                conn.exec_driver_sql(f"GRANT UPDATE (state, settled_at) ON mail_claims TO {who}")
        if inserts:
            conn.exec_driver_sql(f"GRANT INSERT ON {', '.join(quote(t) for t in inserts)} TO {who}")
        updated = [t for t in UPDATED_TABLES if t in written]
        if updated:
            conn.exec_driver_sql(f"GRANT UPDATE ON {', '.join(quote(t) for t in updated)} TO {who}")
        conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {who}")
    return grants


def _check_role(conn: Connection, role: str) -> None:
    found = conn.exec_driver_sql(
        "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %(role)s", {"role": role}
    ).first()
    if found is None:
        raise InputError("db_unknown_role", role=role)
    owner = conn.exec_driver_sql(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = 'events'"
    ).scalar()
    if found[0] or owner == role:
        raise InputError("db_grant_bypasses", role=role)


def _create_grants_table(conn: Connection) -> None:
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {GRANTS_TABLE} ("
        "role text NOT NULL, unit text NOT NULL, "
        "granted_by text NOT NULL DEFAULT current_user, "
        "granted_at timestamptz NOT NULL DEFAULT now(), "
        "PRIMARY KEY (role, unit))"
    )


def _create_function(conn: Connection, schema: str) -> None:
    """``cvtracker_may_write(role, unit)``: true, or an ``insufficient_privilege`` error naming
    the unit. SECURITY DEFINER (the owner's), so that roles need no right on ``unit_grants``;
    its search path is fixed, so that no role can slip its own ``unit_grants`` in."""
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {MAY_WRITE}(who text, wanted text) RETURNS boolean "
        f"LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$ "
        "BEGIN "
        f"IF EXISTS (SELECT 1 FROM {GRANTS_TABLE} g WHERE g.role = who "
        f"AND (g.unit = wanted OR g.unit = '{ALL_UNITS}')) THEN RETURN true; END IF; "
        "RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', "
        f"MESSAGE = '{DENIED}', DETAIL = coalesce(wanted, ''), HINT = who; "
        "END $$"
    )
    conn.exec_driver_sql(f"REVOKE ALL ON {GRANTS_TABLE} FROM PUBLIC")


def _tables(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    ).scalars()
    return set(rows)


def _unit_tables(conn: Connection) -> dict[str, str]:
    """The tables whose rows belong to a unit, found in the schema (not named here, so that a
    table a later migration adds is covered), each with the SQL that gives a new row's unit."""
    rows = conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND column_name IN ('unit', 'task_id')"
    ).all()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    out = {}
    for table, found in columns.items():
        if table == GRANTS_TABLE:
            continue
        if "unit" in found:
            out[table] = "unit"
        elif "tasks" in columns:  # a row about a task: the task's unit
            out[table] = "(SELECT t.unit FROM tasks t WHERE t.id = task_id)"
    return out


def _protect(conn: Connection, table: str, unit_expr: str, *, updated: bool = False) -> None:
    """Row-level security on ``table``: anyone with SELECT reads every row; an INSERT passes
    only for a unit granted to the role inserting. No policy allows DELETE, nor UPDATE but on
    a derived table (``updated``: the summaries), whose rows a role may update to rows of a unit
    granted to it (the unit is in the key: a row stays its unit's)."""
    conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    conn.exec_driver_sql(f"DROP POLICY IF EXISTS {READ_POLICY} ON {table}")
    conn.exec_driver_sql(f"CREATE POLICY {READ_POLICY} ON {table} FOR SELECT USING (true)")
    conn.exec_driver_sql(f"DROP POLICY IF EXISTS {WRITE_POLICY} ON {table}")
    conn.exec_driver_sql(
        f"CREATE POLICY {WRITE_POLICY} ON {table} FOR INSERT "
        f"WITH CHECK ({MAY_WRITE}(current_user::text, {unit_expr}))"
    )
    conn.exec_driver_sql(f"DROP POLICY IF EXISTS {UPDATE_POLICY} ON {table}")
    if updated:
        conn.exec_driver_sql(
            f"CREATE POLICY {UPDATE_POLICY} ON {table} FOR UPDATE USING (true) "
            f"WITH CHECK ({MAY_WRITE}(current_user::text, {unit_expr}))"
        )


def denied(error: DBAPIError, url: str, unit_name: Callable[[str], str]) -> InputError | None:
    """The error for people when PostgreSQL refused for lack of a right (insufficient_privilege:
    a unit not granted, a table not granted, a row-level security policy), else None."""
    orig: Any = error.orig
    # psycopg 3 says sqlstate, psycopg2 pgcode; both have diag
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state != INSUFFICIENT_PRIVILEGE:
        return None
    diag = getattr(orig, "diag", None)
    if getattr(diag, "message_primary", None) == DENIED:
        unit = getattr(diag, "message_detail", None) or "?"
        role = getattr(diag, "message_hint", None) or "?"
        return InputError("db_unit_denied", unit=unit_name(unit), role=role, unit_id=unit)
    reason = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    return InputError("db_not_allowed", url=url, reason=reason)
