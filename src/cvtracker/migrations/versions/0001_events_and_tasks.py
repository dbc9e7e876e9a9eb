"""Events and tasks, append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("item", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("assignee", sa.String(200)),
        sa.Column("deadline_kind", sa.String(16)),
        sa.Column("deadline", sa.Date),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("item", sa.String(32), nullable=False),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.id")),
        sa.Column("period", sa.String(7)),
        sa.Column("percent", sa.Float, nullable=False),
        sa.Column("done_on", sa.Date, nullable=False),
        sa.Column("evidence", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("recorded_by", sa.String(200)),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_events_unit_item_period", "events", ["unit", "item", "period"])
    op.create_index("ix_events_task", "events", ["task_id"])
    # The ledger is append-only: the database itself refuses to change or delete an event.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in ("events", "tasks"):
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION cvtracker_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% are append-only', TG_TABLE_NAME; END $$"
        )
        for table in ("events", "tasks"):
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION cvtracker_append_only()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_table("events")
    op.drop_table("tasks")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION cvtracker_append_only()")
