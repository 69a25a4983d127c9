"""Maintenance of the FTS5 search index: bulk loads and rebuilds.

Triggers keep the index current one row at a time, which is right for user edits but
costs ~100 µs a row; a bulk load of a million rows instead suspends the triggers and
rebuilds each index in one statement from its source view (about ten times faster).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text


def search_kinds(connection: Connection) -> list[str]:
    """The kinds that have an FTS5 index (``contacts``, ``interactions``, ...)."""
    if connection.dialect.name != "sqlite":
        return []
    rows = connection.execute(
        text(
            "SELECT name FROM sqlite_master "
            "WHERE type = 'view' AND name LIKE 'search\\_%' ESCAPE '\\'"
        )
    )
    return [name.removeprefix("search_").removesuffix("_source") for (name,) in rows]


def rebuild_search_index(connection: Connection) -> None:
    """Re-derive every FTS5 index from the tables it indexes."""
    for kind in search_kinds(connection):
        connection.execute(text(f"DELETE FROM search_{kind}"))
        connection.execute(
            text(
                f"INSERT INTO search_{kind}(rowid, title, body) "
                f"SELECT id, title, body FROM search_{kind}_source"
            )
        )


@contextmanager
def bulk_loading(connection: Connection) -> Iterator[None]:
    """Suspend the index triggers for a bulk load inside the caller's transaction, then
    rebuild the indexes and restore the triggers exactly as they were."""
    if connection.dialect.name != "sqlite":
        yield
        return
    triggers = connection.execute(
        text(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'"
        )
    ).all()
    for name, _ in triggers:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    rebuild_search_index(connection)
    for _, sql in triggers:
        connection.execute(text(sql))
