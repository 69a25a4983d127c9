"""Schema changes on SQLite run with foreign keys deferred, and never leave broken links."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from deskbridge.store.database import Database
from deskbridge.store.migrate import (
    MigrationBrokeReferencesError,
    _refuse_broken_references,
    foreign_keys_deferred_to_the_end,
)


def _seeded(path: Path) -> Database:
    db = Database.open(f"sqlite:///{path}")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO departments (id, name, colour, notes) VALUES (1, 'IT', '#123456', '')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO contacts (id, full_name, department_id, role, location, strengths, "
                "notes, archived, is_me, added_on, created_at, next_touch_on, stale_after_on) "
                "VALUES (1, 'Ana', 1, '', '', '', '', 0, 0, '2026-01-01', "
                "'2026-01-01 00:00:00', '2026-01-31', '2026-03-02')"
            )
        )
    return db


def _enforced(connection: Connection) -> int:
    # Asked of the driver: through SQLAlchemy the question would open a transaction.
    raw = connection.connection.driver_connection
    assert raw is not None
    return int(raw.execute("PRAGMA foreign_keys").fetchone()[0])


def test_rebuilding_a_parent_table_keeps_the_rows_that_point_at_it(tmp_path: Path) -> None:
    # What Alembic's batch mode does to change a SQLite table: copy, drop, rename. With
    # foreign keys enforced, the drop would cascade to contacts (ON DELETE SET NULL here).
    db = _seeded(tmp_path / "db.sqlite3")
    with db.engine.connect() as connection:
        with foreign_keys_deferred_to_the_end(connection):
            assert _enforced(connection) == 0
            with connection.begin():
                schema = connection.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = 'departments'"
                ).scalar()
                connection.exec_driver_sql(schema.replace("departments", "departments_new", 1))
                connection.exec_driver_sql("INSERT INTO departments_new SELECT * FROM departments")
                connection.exec_driver_sql("DROP TABLE departments")
                connection.exec_driver_sql("ALTER TABLE departments_new RENAME TO departments")
                _refuse_broken_references(connection)
        assert _enforced(connection) == 1
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT department_id FROM contacts").scalar() == 1
    db.close()


def test_a_change_that_breaks_references_is_refused_and_rolled_back(tmp_path: Path) -> None:
    db = _seeded(tmp_path / "db.sqlite3")
    with (
        pytest.raises(MigrationBrokeReferencesError, match="contacts row 1"),
        db.engine.connect() as connection,
        foreign_keys_deferred_to_the_end(connection),
        connection.begin(),
    ):
        connection.exec_driver_sql("DELETE FROM departments")
        _refuse_broken_references(connection)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM departments").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()
