"""Alembic environment: runs on the connection cvtracker hands it (see ledger.upgrade)."""

from alembic import context

from cvtracker.ledger import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
