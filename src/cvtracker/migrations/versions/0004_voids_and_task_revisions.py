"""Corrections, append-only: voiding an event, revising or cancelling a task.

- ``events.voids``: a void is a row of ``events`` that names the event it voids (same unit,
  item, task and period as that event, its percent and day copied, the reason in ``note``). The
  state is computed as if the voided event had never been recorded; both stay in the history.
- ``task_revisions``: a task's title, assignee, deadline as revised, or its cancellation; the
  latest revision of a task wins. Append-only like the other tables: no UPDATE, no DELETE, no
  REPLACE (SQLite), no TRUNCATE (PostgreSQL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain nullable column: SQLite adds it in place (ALTER TABLE ADD COLUMN), no row rewritten
    op.add_column("events", sa.Column("voids", sa.Integer, nullable=True))
    op.create_index("ix_events_voids", "events", ["voids"])
    op.create_table(
        "task_revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("tasks.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("assignee", sa.String(200)),
        sa.Column("deadline_kind", sa.String(16)),
        sa.Column("deadline", sa.Date),
        sa.Column("cancelled", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("revised_by", sa.String(200)),
        sa.Column("revised_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_task_revisions_task", "task_revisions", ["task_id"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER task_revisions_no_{action.lower()} BEFORE {action} "
                f"ON task_revisions "
                f"BEGIN SELECT RAISE(ABORT, 'task_revisions are append-only'); END"
            )
        op.execute(
            "CREATE TRIGGER task_revisions_no_replace BEFORE INSERT ON task_revisions "
            "WHEN EXISTS (SELECT 1 FROM task_revisions WHERE id = NEW.id) "
            "BEGIN SELECT RAISE(ABORT, 'task_revisions are append-only'); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TRIGGER task_revisions_append_only BEFORE UPDATE OR DELETE ON task_revisions "
            "FOR EACH ROW EXECUTE FUNCTION cvtracker_append_only()"
        )
        op.execute(
            "CREATE TRIGGER task_revisions_no_truncate BEFORE TRUNCATE ON task_revisions "
            "FOR EACH STATEMENT EXECUTE FUNCTION cvtracker_append_only()"
        )


def downgrade() -> None:
    op.drop_index("ix_task_revisions_task", table_name="task_revisions")
    op.drop_table("task_revisions")  # its triggers go with it
    op.drop_index("ix_events_voids", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("voids")
