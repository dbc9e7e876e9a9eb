"""Append-only guards that cannot be bypassed, and claims on mail before it is sent.

- SQLite: ``INSERT OR REPLACE`` / ``REPLACE INTO`` deletes the row it replaces without firing
  DELETE triggers; a BEFORE INSERT trigger refuses an id that is already there.
- PostgreSQL: ``TRUNCATE`` fires no row trigger; a statement-level trigger refuses it. (The
  owner can still disable triggers: the application should connect as a role that only has
  SELECT and INSERT, see ``cvtracker db upgrade --grant``.)
- ``mail_claims``: ``cvtracker notify`` claims (day, recipient, content hash) under the write lock
  before sending and settles the claim after; a claim is never deleted, and once settled
  never changed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = ("events", "tasks", "sent_mail")


def upgrade() -> None:
    op.create_table(
        "mail_claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("run", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True)),
    )
    op.create_index(
        "ix_mail_claims_day_recipient", "mail_claims", ["day", "recipient", "content_hash"]
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in (*APPEND_ONLY, "mail_claims"):
            op.execute(
                f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )
        op.execute(
            "CREATE TRIGGER mail_claims_no_delete BEFORE DELETE ON mail_claims "
            "BEGIN SELECT RAISE(ABORT, 'mail_claims are never deleted'); END"
        )
        op.execute(
            "CREATE TRIGGER mail_claims_settle_only BEFORE UPDATE ON mail_claims "
            "WHEN OLD.state <> 'claimed' OR NEW.id IS NOT OLD.id OR NEW.day IS NOT OLD.day "
            "OR NEW.recipient IS NOT OLD.recipient OR NEW.content_hash IS NOT OLD.content_hash "
            "OR NEW.run IS NOT OLD.run OR NEW.claimed_at IS NOT OLD.claimed_at "
            "BEGIN SELECT RAISE(ABORT, 'a mail claim is only settled, once'); END"
        )
    elif dialect == "postgresql":
        for table in (*APPEND_ONLY, "mail_claims"):
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION cvtracker_append_only()"
            )
        op.execute(
            "CREATE FUNCTION cvtracker_claim_settle_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN "
            "IF TG_OP = 'DELETE' OR OLD.state <> 'claimed' OR NEW.id <> OLD.id "
            "OR NEW.day <> OLD.day OR NEW.recipient <> OLD.recipient "
            "OR NEW.content_hash <> OLD.content_hash OR NEW.run <> OLD.run "
            "OR NEW.claimed_at <> OLD.claimed_at THEN "
            "RAISE EXCEPTION 'a mail claim is only settled, once'; END IF; "
            "RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER mail_claims_settle_only BEFORE UPDATE OR DELETE ON mail_claims "
            "FOR EACH ROW EXECUTE FUNCTION cvtracker_claim_settle_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_no_replace")
    elif dialect == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
    op.drop_index("ix_mail_claims_day_recipient", table_name="mail_claims")
    op.drop_table("mail_claims")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION cvtracker_claim_settle_only()")
