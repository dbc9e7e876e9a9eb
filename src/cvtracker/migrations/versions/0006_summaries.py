"""A summary of each occurrence's events, kept with every append (issue 8).

- ``summaries``: one row per occurrence (directive, unit, item, task, period; no task is 0, no
  period is ''), with the marks (day number × 10¹⁰ + id) of its last event below 100%, of its
  last at 100%, and of the first of its last run at 100% (when its last event is at 100%), and
  the day of its last event that counts; voids and the events they void left out. Reads about
  many units ask it which occurrences matter instead of grouping every event
  (``Ledger.read_scope``). It is derived, so not append-only: ``record``, ``void`` and
  ``import`` update its rows in the transaction of their append; ``cvtracker db check``
  compares it with the events and ``cvtracker db rebuild`` makes it again.
- Filled here from the events already there, so that an old ledger upgrades without loss.
- Fewer indexes to keep at each append (``import`` of many rows): the events' index by
  (unit, item, period) goes (every read is of one directive: (directive, unit, item, period)
  serves them); those by task and by voided event become partial (``WHERE … IS NOT NULL``),
  so that a row that is neither a task's nor a void does not enter them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "summaries",
        sa.Column("directive", sa.String(64), primary_key=True),
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("item", sa.String(32), primary_key=True),
        sa.Column("task_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("period", sa.String(7), primary_key=True),
        sa.Column("last_partial", sa.BigInteger),
        sa.Column("last_full", sa.BigInteger),
        sa.Column("full_from", sa.BigInteger),
        sa.Column("last_day", sa.Date),
    )
    # IF EXISTS: a ledger repaired by hand may lack one
    op.execute("DROP INDEX IF EXISTS ix_events_unit_item_period")
    for name, column in (("ix_events_task", "task_id"), ("ix_events_voids", "voids")):
        op.execute(f"DROP INDEX IF EXISTS {name}")
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, "events", [column], sqlite_where=where, postgresql_where=where)
    # the summaries of the events there: the same as `cvtracker db rebuild` makes (the columns
    # read and written are those of this revision)
    from cvtracker.ledger import rebuild_summaries

    rebuild_summaries(op.get_bind())


def downgrade() -> None:
    op.drop_table("summaries")
    for name, column in (("ix_events_task", "task_id"), ("ix_events_voids", "voids")):
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", [column])
    op.create_index("ix_events_unit_item_period", "events", ["unit", "item", "period"])
