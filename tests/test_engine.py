"""The engine factory (private files, safe pragmas on every connection) and date SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, DateTime, Engine, Integer, column, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from deskbridge.store.engine import (
    BUSY_TIMEOUT_MS,
    create_database_engine,
    is_sqlite,
    sqlite_file,
)
from deskbridge.store.sql_dates import add_days, as_date

POSTGRES_URL = "postgresql+psycopg://u:p@localhost/x"
SYNCHRONOUS_FULL = 2


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "deskbridge.sqlite3"


@pytest.fixture
def engine(path: Path) -> Iterator[Engine]:
    created = create_database_engine("sqlite:///" + str(path))
    yield created
    created.dispose()


# --- files -------------------------------------------------------------------------------


def test_new_database_file_is_private_and_its_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "not" / "there" / "yet" / "deskbridge.sqlite3"
    engine = create_database_engine("sqlite:///" + str(path))
    try:
        assert path.is_file()  # before any connection is made
        assert mode(path) == 0o600
        assert mode(path.parent) == 0o700
        with engine.connect() as connection:
            connection.exec_driver_sql("CREATE TABLE meetings (id INTEGER PRIMARY KEY)")
            connection.commit()
            # SQLite gives its side files the database file's permissions.
            for side_file in (f"{path.name}-wal", f"{path.name}-shm"):
                assert mode(path.with_name(side_file)) == 0o600, side_file
        assert mode(path) == 0o600
    finally:
        engine.dispose()


def test_existing_database_file_is_opened_as_it_is(path: Path) -> None:
    first = create_database_engine("sqlite:///" + str(path))
    with first.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE kept (name TEXT)")
        connection.exec_driver_sql("INSERT INTO kept VALUES ('still here')")
    first.dispose()

    second = create_database_engine("sqlite:///" + str(path))
    try:
        with second.connect() as connection:
            assert connection.exec_driver_sql("SELECT name FROM kept").scalar() == "still here"
    finally:
        second.dispose()


def test_in_memory_database_has_no_file() -> None:
    assert sqlite_file(make_url("sqlite://")) is None
    assert sqlite_file(make_url("sqlite:///:memory:")) is None
    assert sqlite_file(make_url("sqlite:////tmp/a.sqlite3")) == Path("/tmp/a.sqlite3")


# --- pragmas -----------------------------------------------------------------------------


def pragmas(connection: Any) -> dict[str, object]:
    return {
        name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }


EXPECTED_PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": SYNCHRONOUS_FULL,
    "busy_timeout": 5000,
}


def test_every_pooled_connection_gets_the_safe_pragmas(engine: Engine) -> None:
    assert BUSY_TIMEOUT_MS == 5000
    with engine.connect() as first, engine.connect() as second, engine.connect() as third:
        for connection in (first, second, third):
            assert pragmas(connection) == EXPECTED_PRAGMAS


def test_connections_made_after_the_pool_is_emptied_get_the_pragmas_too(engine: Engine) -> None:
    with engine.connect() as connection:
        assert pragmas(connection) == EXPECTED_PRAGMAS
    engine.dispose()
    with engine.connect() as connection:
        assert pragmas(connection) == EXPECTED_PRAGMAS


def test_in_memory_database_enforces_foreign_keys_too() -> None:
    engine = create_database_engine("sqlite://")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_rolled_back_transaction_also_undoes_schema_changes(engine: Engine) -> None:
    # Migrations rely on this: a migration that fails part-way must leave no half-built schema.
    with pytest.raises(RuntimeError), engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE half_built (id INTEGER)")
        raise RuntimeError("the migration failed here")
    with engine.connect() as connection:
        sql = "SELECT name FROM sqlite_master WHERE name = 'half_built'"
        assert connection.exec_driver_sql(sql).all() == []


# --- other engines -------------------------------------------------------------------------


def test_postgresql_url_is_not_treated_as_a_sqlite_file() -> None:
    url = make_url(POSTGRES_URL)
    assert not is_sqlite(url)
    assert sqlite_file(url) is None


def test_postgresql_url_builds_an_engine_without_connecting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("psycopg")
    monkeypatch.chdir(tmp_path)
    engine = create_database_engine(POSTGRES_URL)
    try:
        assert engine.dialect.name == "postgresql"
        assert engine.url.render_as_string(hide_password=False) == POSTGRES_URL
    finally:
        engine.dispose()
    assert list(tmp_path.iterdir()) == []


# --- date arithmetic -----------------------------------------------------------------------


def evaluate(engine: Engine, expression: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(select(expression)).scalar_one()


def days_after(day: date, days: int) -> add_days:
    return add_days(literal(day, Date), literal(days, Integer))


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 1)),
        (date(2026, 1, 31), 28, date(2026, 2, 28)),
        (date(2026, 1, 31), 29, date(2026, 3, 1)),
        (date(2026, 4, 30), 31, date(2026, 5, 31)),
        (date(2026, 12, 31), 1, date(2027, 1, 1)),
        (date(2027, 2, 28), 1, date(2027, 3, 1)),
        (date(2028, 2, 28), 1, date(2028, 2, 29)),
        (date(2028, 2, 29), 1, date(2028, 3, 1)),
        (date(2028, 1, 30), 30, date(2028, 2, 29)),
        (date(2028, 2, 29), 365, date(2029, 2, 28)),
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_days_crosses_month_ends_and_leap_days(
    engine: Engine, day: date, days: int, expected: date
) -> None:
    assert evaluate(engine, days_after(day, days)) == expected


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    day=st.dates(min_value=date(1970, 1, 1), max_value=date(2999, 12, 31)),
    days=st.integers(min_value=0, max_value=3650),
)
def test_add_days_agrees_with_python(engine: Engine, day: date, days: int) -> None:
    assert evaluate(engine, days_after(day, days)) == day + timedelta(days=days)


def test_add_days_goes_back_for_a_negative_number_of_days(engine: Engine) -> None:
    # PostgreSQL's ``date + integer`` handles this; SQLite must agree (one schema, two engines).
    assert evaluate(engine, days_after(date(2028, 3, 1), -1)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2028, 2, 29, 23, 59, 59, 999999), date(2028, 2, 29)),
        (datetime(2026, 12, 31, 0, 0), date(2026, 12, 31)),
        (datetime(2026, 1, 31, 12, 30, 5), date(2026, 1, 31)),
    ],
)
def test_as_date_keeps_the_calendar_day(engine: Engine, moment: datetime, expected: date) -> None:
    assert evaluate(engine, as_date(literal(moment, DateTime))) == expected


def test_as_date_and_add_days_compose(engine: Engine) -> None:
    late_evening = literal(datetime(2028, 2, 28, 22, 15), DateTime)
    assert evaluate(engine, add_days(as_date(late_evening), literal(1))) == date(2028, 2, 29)


def test_date_sql_compiles_to_a_cast_and_plus_for_postgresql() -> None:
    day, days, moment = column("d", Date), column("n", Integer), column("m", DateTime)
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    assert str(add_days(day, days).compile(dialect=dialect)) == "(CAST(d AS DATE) + n)"
    assert str(as_date(moment).compile(dialect=dialect)) == "CAST(m AS DATE)"
    assert str(add_days(as_date(moment), days).compile(dialect=dialect)) == (
        "(CAST(CAST(m AS DATE) AS DATE) + n)"
    )


def test_date_sql_compiles_to_date_functions_for_sqlite() -> None:
    day, days, moment = column("d", Date), column("n", Integer), column("m", DateTime)
    dialect = sqlite.dialect()
    assert "date(d, " in str(add_days(day, days).compile(dialect=dialect))
    assert str(as_date(moment).compile(dialect=dialect)) == "date(m)"
