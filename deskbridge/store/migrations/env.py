"""Alembic environment: always run on a connection handed over by deskbridge.store.migrate.

For authors of migrations: on SQLite, batch operations rebuild a table (copy, drop, rename)
with foreign keys off. Dropping the table also drops its triggers, so a migration that
rebuilds an indexed table must recreate that table's search triggers (see 0002).
"""

from alembic import context

from deskbridge.store.migrate import include_in_comparison
from deskbridge.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=include_in_comparison,
)
with context.begin_transaction():
    context.run_migrations()
