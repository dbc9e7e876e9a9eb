"""Sent mail of `cvtracker notify`, append-only.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sent_mail",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("message_id", sa.String(255)),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sent_mail_day_recipient", "sent_mail", ["day", "recipient", "content_hash"])
    # Like events and tasks: what was sent is never changed or deleted.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER sent_mail_no_{action.lower()} BEFORE {action} ON sent_mail "
                f"BEGIN SELECT RAISE(ABORT, 'sent_mail are append-only'); END"
            )
    elif dialect == "postgresql":
        # cvtracker_append_only() comes from revision 0001
        op.execute(
            "CREATE TRIGGER sent_mail_append_only BEFORE UPDATE OR DELETE ON sent_mail "
            "FOR EACH ROW EXECUTE FUNCTION cvtracker_append_only()"
        )


def downgrade() -> None:
    op.drop_index("ix_sent_mail_day_recipient", table_name="sent_mail")
    op.drop_table("sent_mail")
