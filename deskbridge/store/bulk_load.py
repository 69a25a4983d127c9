"""Loading a great many rows at once, in the caller's transaction.

Per-row upkeep is right for user edits but dominates a bulk load: search-index triggers
cost ~100 µs a row, and a secondary index filled in random order costs several µs a row.
Inside :func:`bulk_loading` the search triggers and the secondary indexes of the named
tables are set aside; at the end the indexes are rebuilt by sorting, the search index is
rebuilt from its source views, and everything is put back exactly as it was. Because
SQLite's DDL is transactional, a rollback restores the original state too. On PostgreSQL
nothing is set aside; rows loaded with their own ids move the tables' id sequences past them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

from deskbridge.store.search_index import rebuild_search_index


def _schema_objects(
    connection: Connection, kind: str, where: str, **params: object
) -> list[tuple[str, str]]:
    rows = connection.execute(
        text(
            "SELECT name, sql FROM sqlite_master "
            f"WHERE type = :kind AND sql IS NOT NULL AND {where}"
        ),
        {"kind": kind, **params},
    )
    return [(name, sql) for name, sql in rows]


def _advance_id_sequences(connection: Connection, tables: Collection[str]) -> None:
    """Move each PostgreSQL sequence behind a column of ``tables`` past the column's largest
    value: rows inserted with explicit ids leave it behind, and the next row added the
    ordinary way would get an id that is taken."""
    for table in tables:
        columns = connection.execute(
            text(
                "SELECT attname, pg_get_serial_sequence(:table, attname) FROM pg_attribute "
                "WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped"
            ),
            {"table": table},
        ).all()
        for column, sequence in columns:
            if sequence is not None:
                connection.execute(
                    text(
                        f'SELECT setval(:sequence, coalesce(max("{column}"), 0) + 1, false) '
                        f'FROM "{table}"'
                    ),
                    {"sequence": sequence},
                )


@contextmanager
def bulk_loading(connection: Connection, tables: Collection[str] = ()) -> Iterator[None]:
    """Suspend search triggers (and the secondary indexes of ``tables``) for a bulk load."""
    if connection.dialect.name != "sqlite":
        yield
        if connection.dialect.name == "postgresql":
            _advance_id_sequences(connection, tables)
            # Fresh statistics: planned without them, the queries that follow a load (the
            # keep-in-touch dates, `deskbridge check`) scan whole tables per contact.
            for table in tables:
                connection.execute(text(f'ANALYZE "{table}"'))
        return
    triggers = _schema_objects(connection, "trigger", "name LIKE 'search\\_%' ESCAPE '\\'")
    indexes: list[tuple[str, str]] = []
    for table in tables:
        # Unique indexes stay: they are constraints, and must hold while rows go in.
        indexes += [
            (name, sql)
            for name, sql in _schema_objects(connection, "index", "tbl_name = :table", table=table)
            if not sql.upper().startswith("CREATE UNIQUE")
        ]
    for name, _ in triggers:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    for name, _ in indexes:
        connection.execute(text(f'DROP INDEX "{name}"'))
    yield
    for _, sql in indexes:
        connection.execute(text(sql))
    rebuild_search_index(connection)
    for _, sql in triggers:
        connection.execute(text(sql))
    # Fresh statistics: without them SQLite takes `archived = 0` for a selective filter
    # and sorts 100,000 contacts by name instead of walking the name index (8 ms, not 220).
    connection.execute(text("ANALYZE"))


@contextmanager
def bulk_connection(engine: Engine) -> Iterator[Connection]:
    """A connection for a bulk load of rows the caller made consistent itself: a large page
    cache, and no per-row foreign-key lookups (``deskbridge check`` verifies them after).
    Both settings are put back before the connection returns to the pool."""
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            yield connection
            return
        # Set on the driver connection: through SQLAlchemy they would open a transaction,
        # and SQLite ignores foreign_keys inside one.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("PRAGMA cache_size = -262144")
        try:
            yield connection
        finally:
            if connection.in_transaction():
                connection.rollback()
            raw.execute("PRAGMA cache_size = -2000")
            raw.execute("PRAGMA foreign_keys = ON")
