"""Alembic environment: always run on a connection handed over by deskbridge.store.migrate."""

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
