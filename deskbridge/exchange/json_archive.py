"""The full JSON archive: every row of every table, and restoring it into an empty database.

Layout (valid JSON, one header/table opening/row per line so both sides can stream)::

    {"format": "deskbridge-archive", "version": 1, "schema_revision": "0005", ..., "tables": [
    {"table": "departments", "columns": ["id", "name", ...], "rows": [
    [1, "Finance", ...],
    [2, "IT", ...]
    ]},
    ...
    ]}

Tables come parents first (the models' dependency order), so a restore into PostgreSQL,
which checks every foreign key as rows go in, meets each referenced row before its users.
Dates and times are ISO text; booleans are true/false.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.exc import DBAPIError

from deskbridge.clock import Clock
from deskbridge.errors import DeskBridgeError, ExchangeFileError
from deskbridge.exchange.archive_reader import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    TABLES_OPENING,
    ArchivedTable,
    BadValue,
    Converter,
    check_header,
    read_archive,
    table_converters,
)
from deskbridge.month_counts import rebuild_month_counts
from deskbridge.progress import Progress
from deskbridge.store.bulk_load import bulk_connection, bulk_loading
from deskbridge.store.database import Database
from deskbridge.store.migrate import current_revision
from deskbridge.store.models import Base, DepartmentMonthCount
from deskbridge.wording import plural

ROWS_PER_FETCH = 5000
DERIVED_TABLES = frozenset({DepartmentMonthCount.__tablename__})
ROWS_PER_INSERT = 5000


def archived_tables() -> list[Table]:
    """Every table the models define (settings and weekly reviews included), parents first.
    Alembic's bookkeeping and the search index are not models: they are not archived. Counts
    derived from the rest are not either: a restore counts them again (archives from before
    they existed restore the same way)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED_TABLES]


def _iso(value: object) -> str:
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    raise TypeError(f"cannot archive a {type(value).__name__}")


def write_archive(db: Database, clock: Clock, stream: IO[str], progress: Progress) -> int:
    """Write every table to ``stream``; returns the rows written."""
    tables = archived_tables()
    written = 0
    # One read transaction: the archive is one consistent snapshot of the database.
    with db.reading() as session:
        connection = session.connection()
        counts = {
            table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in tables
        }
        total = sum(counts.values())
        header = {
            "format": ARCHIVE_FORMAT,
            "version": ARCHIVE_VERSION,
            "schema_revision": current_revision(connection),
            "exported_at": clock.now().isoformat(),
            "counts": counts,
        }
        stream.write(json.dumps(header, ensure_ascii=False)[:-1] + ", " + TABLES_OPENING + "\n")
        progress(0, total)
        # One encoder for every row: json.dumps with options builds a new one per call.
        encode = json.JSONEncoder(ensure_ascii=False, default=_iso).encode
        for position, table in enumerate(tables):
            opening = {"table": table.name, "columns": [column.name for column in table.columns]}
            stream.write(encode(opening)[:-1] + ', "rows": [\n')
            query = select(table).order_by(*table.primary_key.columns)
            result = connection.execute(query.execution_options(yield_per=ROWS_PER_FETCH))
            first = True
            for rows in result.partitions():
                # One line per row, one write per batch: a million interactions never
                # become one string, and the file is written in large pieces.
                lines = ",\n".join([encode(tuple(row)) for row in rows])
                stream.write(lines if first else ",\n" + lines)
                first = False
                written += len(rows)
                progress(written, total)
            closing = "]}\n" if position == len(tables) - 1 else "]},\n"
            stream.write(closing if first else "\n" + closing)
        stream.write("]}\n")
    progress(written, max(total, written))
    return written


def import_archive(
    db: Database, path: Path, progress: Progress, *, dry_run: bool = False
) -> dict[str, int]:
    """Restore the archive at ``path`` into ``db`` (which must be empty); see
    :meth:`deskbridge.exchange.exports.Exports.import_json`."""
    try:
        stream = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise ExchangeFileError(str(path), f"cannot be read ({error.strerror or error})") from error
    try:
        with stream:
            return _import(db, path, stream, progress, dry_run)
    except UnicodeDecodeError:
        raise ExchangeFileError(
            str(path), "is not UTF-8 text, so not a DeskBridge archive"
        ) from None


def _import(
    db: Database, path: Path, stream: IO[str], progress: Progress, dry_run: bool
) -> dict[str, int]:
    archive = read_archive(path, stream)
    check_header(path, archive.header)
    said = archive.header.get("counts")
    expected = (
        {str(name): count for name, count in said.items() if type(count) is int}
        if isinstance(said, dict)
        else {}
    )
    if dry_run:
        with db.reading() as session:
            _refuse_unless_empty(db, session.connection())
        return _load(path, archive.tables, None, progress, expected)
    with bulk_connection(db.engine) as connection, connection.begin():
        _refuse_unless_empty(db, connection)
        names = [table.name for table in archived_tables()]
        with bulk_loading(connection, tables=names):
            counts = _load(path, archive.tables, connection, progress, expected)
        _refuse_broken_references(path, connection)
        rebuild_month_counts(connection)
    return counts


def _refuse_unless_empty(db: Database, connection: Connection) -> None:
    held = {
        table.name: connection.scalar(select(func.count()).select_from(table)) or 0
        for table in archived_tables()
    }
    found = [
        plural(held.get(table, 0), noun)
        for table, noun in (
            ("departments", "department"), ("contacts", "contact"),
            ("interactions", "interaction"), ("input_requests", "request"),
            ("shared_goals", "goal"), ("projects", "project"), ("tasks", "task"),
        )
        if held.get(table)
    ]  # fmt: skip
    if any(held.values()):
        found = found or ["settings of its own"]
        raise DeskBridgeError(
            f"{db.display_name} is not empty (it holds {', '.join(found)}); "
            "a JSON archive is restored into an empty database only"
        )


Insert = Callable[[list[tuple[Any, ...]]], None]
Located = tuple[str, list[Any]]  # (where, values) as the reader yields them


def _load(
    path: Path,
    tables: Iterator[ArchivedTable],
    connection: Connection | None,
    progress: Progress,
    expected: dict[str, int],
) -> dict[str, int]:
    """Check (and with a connection, insert) every row of every table; rows per table.
    ``expected`` holds the rows per table the archive's header announces."""
    total = sum(expected.values())
    known = {table.name: table for table in archived_tables()}
    counts: dict[str, int] = {}
    done = 0
    progress(0, total)
    for archived in tables:
        table = known.get(archived.name)
        if table is None:
            raise ExchangeFileError(
                str(path), f"holds a table DeskBridge does not have: {archived.name}"
            )
        if archived.name in counts:
            raise ExchangeFileError(str(path), f"holds table {archived.name} twice")
        checks = _converters_in_file_order(path, table, archived.columns)
        columns = archived.columns
        if connection is None:
            convert, insert_rows = checks, None
        else:
            convert = _storing(connection, table, columns, checks)
            insert_rows = _inserter(connection, table, columns)
        counts[table.name] = 0
        width = len(columns)
        located = iter(archived.rows)
        while batch := list(islice(located, ROWS_PER_INSERT)):
            for where, values in batch:
                if len(values) != width:
                    raise ExchangeFileError(
                        str(path), f"{table.name}: {len(values)} values for {width} columns", where
                    )
            rows = _converted(
                path, table.name, columns, (checks, convert), batch, counts[table.name]
            )
            if insert_rows:
                insert_rows(rows)
            counts[table.name] += len(batch)
            done += len(batch)
            progress(done, max(total, done))
    _check_counts(path, counts, expected)
    progress(done, max(total, done))
    return counts


def _converted(
    path: Path,
    table: str,
    columns: Sequence[str],
    conversions: tuple[Sequence[Converter], Sequence[Converter]],
    batch: list[Located],
    rows_before: int,
) -> list[tuple[Any, ...]]:
    """The batch's rows as values to store (``conversions``: the checks alone, for the
    message, and what stores them). Column by column through ``map``: a Python loop per
    value would double the cost of a restore."""
    checks, convert = conversions
    by_column = zip(*[values for _, values in batch], strict=True)
    try:
        converted = [list(map(f, column)) for f, column in zip(convert, by_column, strict=True)]
    except BadValue:
        for number, (where, values) in enumerate(batch, start=rows_before + 1):
            for name, check, value in zip(columns, checks, values, strict=True):
                try:
                    check(value)
                except BadValue as problem:
                    raise ExchangeFileError(
                        str(path), f"{table} row {number}, {name}: {problem}", where
                    ) from None
        raise
    return list(zip(*converted, strict=True))


def _check_counts(path: Path, counts: dict[str, int], expected: dict[str, int]) -> None:
    """A table with fewer or more rows than the header announced was cut short or edited."""
    for name in sorted(set(counts) | set(expected)):
        if name in expected and counts.get(name, 0) != expected[name]:
            raise ExchangeFileError(
                str(path),
                f"the archive announces {expected[name]} rows of {name} but holds "
                f"{counts.get(name, 0)}; it may have been cut short or edited",
            )


def _converters_in_file_order(path: Path, table: Table, columns: Sequence[str]) -> list[Converter]:
    expected = {column.name for column in table.columns}
    unknown = [name for name in columns if name not in expected]
    missing = sorted(expected - set(columns))
    if unknown or missing or len(set(columns)) != len(columns):
        what = []
        if unknown:
            what.append(f"columns DeskBridge does not have: {', '.join(unknown)}")
        if missing:
            what.append(f"no {', '.join(missing)}")
        raise ExchangeFileError(
            str(path),
            f"table {table.name} does not match this DeskBridge "
            f"({'; '.join(what) or 'a column is repeated'})",
        )
    by_name = table_converters(table)
    return [by_name[name] for name in columns]


def _storing(
    connection: Connection, table: Table, columns: Sequence[str], checks: Sequence[Converter]
) -> list[Converter]:
    """Each column's check, followed on SQLite by the column type's own bind processor, so
    values go to the driver already in SQLite's storage form (dates as ISO text, ...)."""
    dialect = connection.dialect
    if dialect.name != "sqlite":
        return list(checks)
    storing: list[Converter] = []
    for name, check in zip(columns, checks, strict=True):
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        storing.append(check if process is None else _then(check, process))
    return storing


def _then(check: Converter, process: Callable[[Any], Any]) -> Converter:
    def both(value: Any) -> Any:
        checked = check(value)
        return None if checked is None else process(checked)

    return both


def _inserter(connection: Connection, table: Table, columns: Sequence[str]) -> Insert:
    if connection.dialect.name == "sqlite":
        # Straight to the driver, as the demo loads rows: several times quicker than
        # a Core insert, which would process every value again.
        marks = ", ".join("?" for _ in columns)
        names = ", ".join(f'"{name}"' for name in columns)
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
        return lambda rows: _run(table.name, lambda: connection.exec_driver_sql(sql, rows))
    statement = insert(table)

    def insert_any(rows: list[tuple[Any, ...]]) -> None:
        _run(
            table.name,
            lambda: connection.execute(
                statement, [dict(zip(columns, row, strict=True)) for row in rows]
            ),
        )

    return insert_any


def _run(table: str, action: Callable[[], object]) -> None:
    try:
        action()
    except DBAPIError as error:
        reason = str(error.orig).splitlines()[0] if error.orig else str(error)
        raise DeskBridgeError(f"the archive's {table} cannot be restored: {reason}") from error


def _refuse_broken_references(path: Path, connection: Connection) -> None:
    """SQLite loads with foreign keys off (bulk_connection): check them once at the end,
    so an archive with a row pointing at nothing is refused instead of stored."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        table, rowid, parent, _ = broken
        raise ExchangeFileError(
            str(path), f"{table} row {rowid} refers to a {parent} row the archive does not hold"
        )
