"""Several directives in one ledger.

- ``directives``: the YAML text of each directive added by ``cvtracker directive add``, by its
  number (``968/UBND-TH``) and version: a changed file for a number already there is a new
  version, and the latest version wins. ``directive_retirements``: ``directive retire``.
  Both append-only like the other tables (no UPDATE, no DELETE, no REPLACE on SQLite, no
  TRUNCATE on PostgreSQL).
- ``directive``: a column of ``events``, ``tasks``, ``sent_mail`` and ``mail_claims`` naming
  the directive a row belongs to. The rows already there were all written for the one directive
  a ledger could hold until now, the packaged 968/UBND-TH, whose number is read from the
  packaged data file: the column is added with that number as its default, in place (SQLite's
  ``ALTER TABLE ADD COLUMN``, PostgreSQL 11's constant default): no row is rewritten, so no
  append-only guard fires. ``task_revisions`` need none (a task's number is global).
- Indexes leading with ``directive`` where reads filter by it: events by (directive, unit,
  item, period), tasks by (directive, id).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("events", "tasks", "sent_mail", "mail_claims")


def packaged_number() -> str:
    """``directive.number`` of the packaged data file: the directive every row written before
    this revision was for."""
    from importlib import resources

    import yaml

    text = resources.files("cvtracker").joinpath("data/directive_968.yaml").read_text("utf-8")
    return str(yaml.safe_load(text)["directive"]["number"])


def upgrade() -> None:
    number = packaged_number()
    op.create_table(
        "directives",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("yaml", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("added_by", sa.String(200)),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "directive_retirements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("directive", sa.String(64), nullable=False),
        sa.Column("retired_on", sa.Date, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("retired_by", sa.String(200)),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_directive_retirements_directive", "directive_retirements", ["directive"])
    bind = op.get_bind()
    dialect = bind.dialect.name
    quoted = number.replace("'", "''")
    for table in TABLES:
        # not through batch mode (which rebuilds the table, and its triggers with it)
        bind.exec_driver_sql(
            f"ALTER TABLE {table} ADD COLUMN directive VARCHAR(64) NOT NULL DEFAULT '{quoted}'"
        )
    op.create_index(
        "ix_events_directive_unit_item_period",
        "events",
        ["directive", "unit", "item", "period"],
    )
    op.create_index("ix_tasks_directive", "tasks", ["directive", "id"])
    if dialect == "sqlite":
        for table in ("directives", "directive_retirements"):
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
                )
        op.execute(
            "CREATE TRIGGER directives_no_replace BEFORE INSERT ON directives "
            "WHEN EXISTS (SELECT 1 FROM directives WHERE id = NEW.id "
            "AND version = NEW.version) "
            "BEGIN SELECT RAISE(ABORT, 'directives are append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER directive_retirements_no_replace BEFORE INSERT "
            "ON directive_retirements "
            "WHEN EXISTS (SELECT 1 FROM directive_retirements WHERE id = NEW.id) "
            "BEGIN SELECT RAISE(ABORT, 'directive_retirements are append-only'); END"
        )
    elif dialect == "postgresql":
        for table in ("directives", "directive_retirements"):
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION cvtracker_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION cvtracker_append_only()"
            )


def downgrade() -> None:
    op.drop_index("ix_tasks_directive", table_name="tasks")
    op.drop_index("ix_events_directive_unit_item_period", table_name="events")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("directive")
    op.drop_index("ix_directive_retirements_directive", table_name="directive_retirements")
    op.drop_table("directive_retirements")
    op.drop_table("directives")
