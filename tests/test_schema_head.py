from deskbridge.store.migrate import SCHEMA_HEAD, head_revision


def test_schema_head_constant_names_the_newest_migration() -> None:
    # migrate.py skips loading Alembic when a database is at SCHEMA_HEAD; if a new
    # migration is added without updating it, databases would never be upgraded.
    assert head_revision() == SCHEMA_HEAD
