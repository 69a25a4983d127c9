"""An opened DeskBridge database: the engine, migrated to head, and short units of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from deskbridge.store.engine import create_database_engine, is_sqlite, sqlite_file
from deskbridge.store.migrate import upgrade_to_head


class Database:
    """One database. Each user action opens one session with :meth:`unit_of_work`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | URL) -> Database:
        """Open (creating if needed) and migrate the database at ``url``."""
        engine = create_database_engine(url)
        try:
            upgrade_to_head(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine.url)

    @property
    def path(self) -> Path | None:
        return sqlite_file(self.engine.url)

    @property
    def display_name(self) -> str:
        path = self.path
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back otherwise."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing it does is kept."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        if self.is_sqlite:
            # SQLite's advice for long-lived databases: refresh the planner's statistics
            # where they have gone stale; usually a no-op costing microseconds.
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA optimize")
                connection.commit()
        self.engine.dispose()
