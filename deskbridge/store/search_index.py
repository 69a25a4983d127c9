"""Maintenance of the FTS5 search index: what is indexed, and rebuilding it."""

from __future__ import annotations

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
