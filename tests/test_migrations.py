"""Opening a database brings it to the newest schema safely, and the search index stays current."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import alembic.op
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, update

from deskbridge.store.database import Database
from deskbridge.store.engine import create_database_engine
from deskbridge.store.migrate import (
    NotDeskBridgeDatabaseError,
    SchemaTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    include_in_comparison,
    upgrade_to_head,
)
from deskbridge.store.models import Base, Contact, ContactEmail, ContactTag

SEARCH_KINDS = ("contacts", "departments", "interactions", "requests", "goals", "projects", "tasks")
DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)


def url(path: Path) -> str:
    return "sqlite:///" + str(path)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "deskbridge.sqlite3"


@pytest.fixture
def db(path: Path) -> Iterator[Database]:
    opened = Database.open(url(path))
    yield opened
    opened.close()


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Run Alembic on one of our connections, the way deskbridge.store.migrate does."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def database_at(path: Path, revision: str) -> Engine:
    engine = create_database_engine(url(path))
    migrate(engine, revision)
    return engine


def schema(path: Path) -> set[tuple[str, str, str | None]]:
    """Every object SQLite knows in the file, with the SQL that made it (less the planner's
    statistics table, which SQLite creates by itself)."""
    connection = sqlite3.connect(path)
    try:
        return set(
            connection.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'"
            )
        )
    finally:
        connection.close()


def query(path: Path, sql: str, *params: Any) -> list[Any]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def backups(directory: Path) -> list[Path]:
    return sorted(directory.glob("*before-migration*"))


def revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision(connection)


# --- upgrading ---------------------------------------------------------------------------


def test_new_file_is_migrated_to_head_without_a_backup(path: Path) -> None:
    engine = create_database_engine(url(path))
    try:
        assert upgrade_to_head(engine) is None
        assert revision_of(engine) == head_revision()
    finally:
        engine.dispose()
    assert backups(path.parent) == []


def test_empty_existing_file_is_migrated_to_head(path: Path) -> None:
    path.touch()
    database = Database.open(url(path))
    try:
        assert revision_of(database.engine) == head_revision()
    finally:
        database.close()


def test_orm_models_match_the_migrated_schema(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_in_comparison, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_opening_again_at_head_changes_nothing_and_makes_no_backup(path: Path) -> None:
    Database.open(url(path)).close()
    before = schema(path)
    engine = create_database_engine(url(path))
    try:
        assert upgrade_to_head(engine) is None
    finally:
        engine.dispose()
    assert schema(path) == before
    assert backups(path.parent) == []


def test_older_database_is_backed_up_privately_then_upgraded_keeping_its_rows(path: Path) -> None:
    engine = database_at(path, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO departments (name, colour, notes) VALUES ('Finance', '#3f51b5', '')"
        )
    engine.dispose()

    Database.open(url(path)).close()

    assert query(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert query(path, "SELECT name FROM departments") == [("Finance",)]
    [backup] = backups(path.parent)
    assert "before-migration-0001" in backup.name
    assert backup.stat().st_mode & 0o777 == 0o600
    assert query(backup, "SELECT name FROM departments") == [("Finance",)]
    assert query(backup, "SELECT version_num FROM alembic_version") == [("0001",)]


def test_rows_stored_before_the_search_index_existed_are_searchable_after_upgrade(
    path: Path,
) -> None:
    engine = database_at(path, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO departments (id, name, colour, notes) VALUES (7, 'Finance', '#3f51b5', '')"
        )
    engine.dispose()

    Database.open(url(path)).close()

    found = query(
        path, "SELECT rowid FROM search_departments WHERE search_departments MATCH ?", "finance"
    )
    assert found == [(7,)]


def test_a_migration_that_fails_part_way_leaves_the_old_schema_and_can_be_retried(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_at(path, "0001").dispose()
    before = schema(path)
    real_execute = alembic.op.execute
    calls: list[object] = []

    def execute_then_fail(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == 5:  # as if the disk filled up in the middle of the migration
            raise OSError("disk full")
        return real_execute(*args, **kwargs)

    monkeypatch.setattr(alembic.op, "execute", execute_then_fail)
    with pytest.raises(OSError, match="disk full"):
        Database.open(url(path))
    monkeypatch.undo()

    assert schema(path) == before
    Database.open(url(path)).close()
    assert query(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


# --- refusing ----------------------------------------------------------------------------


def test_database_from_a_newer_deskbridge_is_refused_and_left_unchanged(path: Path) -> None:
    Database.open(url(path)).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    connection.close()
    files_before = sorted(path.parent.iterdir())
    content_before = path.read_bytes()

    with pytest.raises(SchemaTooNewError, match="newer DeskBridge"):
        Database.open(url(path))

    assert sorted(path.parent.iterdir()) == files_before
    assert path.read_bytes() == content_before


@pytest.fixture
def foreign_file(path: Path) -> Path:
    """A SQLite file that another application wrote, in SQLite's default journal mode."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        connection.execute("INSERT INTO recipes (title) VALUES ('tarte tatin')")
    connection.close()
    return path


def test_sqlite_file_with_unrelated_tables_is_refused(foreign_file: Path) -> None:
    with pytest.raises(NotDeskBridgeDatabaseError, match="not a DeskBridge database"):
        Database.open(url(foreign_file))
    assert schema(foreign_file) == {
        ("table", "recipes", "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    }
    assert query(foreign_file, "SELECT title FROM recipes") == [("tarte tatin",)]
    assert backups(foreign_file.parent) == []


def test_sqlite_file_with_unrelated_tables_is_left_byte_for_byte_unchanged(
    foreign_file: Path,
) -> None:
    content_before = foreign_file.read_bytes()
    with pytest.raises(NotDeskBridgeDatabaseError):
        Database.open(url(foreign_file))
    assert foreign_file.read_bytes() == content_before


# --- the search index --------------------------------------------------------------------


def test_search_tables_views_and_triggers_exist(path: Path, db: Database) -> None:
    objects = {(kind, name) for kind, name, _ in schema(path)}
    for kind in SEARCH_KINDS:
        assert ("table", f"search_{kind}") in objects
        assert ("view", f"search_{kind}_source") in objects
        for suffix in ("ai", "au", "ad"):
            assert ("trigger", f"search_{kind}_{suffix}") in objects
    for child in ("contact_emails", "contact_tags"):
        for event in ("insert", "update", "delete"):
            assert ("trigger", f"search_contacts_{child}_{event}") in objects


def search(db: Database, kind: str, match: str) -> list[int]:
    sql = f"SELECT rowid FROM search_{kind} WHERE search_{kind} MATCH ? ORDER BY rowid"
    with db.engine.connect() as connection:
        return list(connection.exec_driver_sql(sql, (match,)).scalars())


def indexed_body(db: Database, contact_id: int) -> str:
    sql = "SELECT body FROM search_contacts WHERE rowid = ?"
    with db.engine.connect() as connection:
        return str(connection.exec_driver_sql(sql, (contact_id,)).scalar_one())


def add_contact(db: Database) -> int:
    with db.unit_of_work() as session:
        contact = Contact(
            full_name="Zoë Ångström", role="Controller", added_on=DAY, created_at=NOW,
            next_touch_on=DAY, stale_after_on=DAY,
            emails=[ContactEmail(address="zoe@finance.example")],
            tags=[ContactTag(name="budgetowner")],
        )  # fmt: skip
        session.add(contact)
    return contact.id


def test_contact_is_found_by_tag_email_and_name_until_deleted(db: Database) -> None:
    contact_id = add_contact(db)
    assert search(db, "contacts", '"budgetowner"*') == [contact_id]
    assert search(db, "contacts", '"budg"*') == [contact_id]
    assert search(db, "contacts", '"finance"*') == [contact_id]
    assert search(db, "contacts", "angstrom") == [contact_id]  # diacritics removed

    with db.unit_of_work() as session:
        session.delete(session.get(Contact, contact_id))
    assert search(db, "contacts", '"budgetowner"*') == []
    assert search(db, "contacts", "angstrom") == []


def test_changing_a_tag_or_an_email_reindexes_its_contact(db: Database) -> None:
    contact_id = add_contact(db)
    with db.unit_of_work() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.tags = [ContactTag(name="procurement")]
        contact.emails[0].address = "zoe@purchasing.example"
    assert search(db, "contacts", '"budgetowner"*') == []
    assert search(db, "contacts", '"finance"*') == []
    assert search(db, "contacts", '"procure"*') == [contact_id]
    assert search(db, "contacts", '"purchasing"*') == [contact_id]


def mark_index_row(db: Database, contact_id: int) -> None:
    """Overwrite the indexed text, so a trigger that re-indexes the contact shows up."""
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE search_contacts SET body = 'untouched' WHERE rowid = ?", (contact_id,)
        )


def test_updating_only_maintained_columns_leaves_the_index_row_alone(db: Database) -> None:
    contact_id = add_contact(db)
    mark_index_row(db, contact_id)
    with db.unit_of_work() as session:
        session.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(last_touch_on=DAY, next_touch_on=date(2026, 12, 23), stale_after_on=DAY)
        )
    assert indexed_body(db, contact_id) == "untouched"


def test_updating_indexed_text_reindexes_the_contact(db: Database) -> None:
    contact_id = add_contact(db)
    mark_index_row(db, contact_id)
    with db.unit_of_work() as session:
        session.execute(update(Contact).where(Contact.id == contact_id).values(role="CFO"))
    assert indexed_body(db, contact_id).startswith("CFO ")


# --- downgrading -------------------------------------------------------------------------


def test_downgrade_to_base_and_upgrade_again_rebuilds_the_same_schema(
    path: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    Database.open(url(fresh)).close()
    engine = database_at(path, "head")
    try:
        migrate(engine, "base", down=True)
        assert {name for _, name, _ in schema(path)} <= {
            "alembic_version",
            "sqlite_autoindex_alembic_version_1",
        }
        migrate(engine, "head")
        assert revision_of(engine) == head_revision()
    finally:
        engine.dispose()
    assert schema(path) == schema(fresh)


def test_downgrading_the_search_index_removes_its_triggers(path: Path) -> None:
    engine = database_at(path, "0002")
    try:
        migrate(engine, "0001", down=True)
        assert [name for _, name, _ in schema(path) if name.startswith("search_")] == []
        with engine.begin() as connection:  # a write must not fire a trigger into nothing
            connection.exec_driver_sql(
                "INSERT INTO departments (name, colour, notes) VALUES ('IT', '#000000', '')"
            )
        migrate(engine, "head")
        assert revision_of(engine) == head_revision()
    finally:
        engine.dispose()
