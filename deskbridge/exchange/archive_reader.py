"""Reading a DeskBridge JSON archive a row at a time, checking every value on the way.

The writer (json_archive) puts the header, each table's opening and each row on a line of
its own, so the reader parses one line at a time and never holds the whole file; a file
that has been reformatted (pretty-printed by another tool) is still valid JSON and is read
whole instead. Either way each value is checked against the column it is for, and a bad
one is reported by table, row and column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String, Table

from deskbridge.errors import ExchangeFileError
from deskbridge.store.migrate import alembic_config

ARCHIVE_FORMAT = "deskbridge-archive"
ARCHIVE_VERSION = 1
TABLES_OPENING = '"tables": ['


class _NotLineLayout(Exception):
    """The first line is not the writer's header line: read the file as one JSON value."""


@dataclass(frozen=True)
class ArchivedTable:
    name: str
    columns: tuple[str, ...]
    rows: Iterator[tuple[str, list[Any]]]  # (where: "line 12" or "row 3", values)


@dataclass(frozen=True)
class Archive:
    header: dict[str, Any]
    tables: Iterator[ArchivedTable]  # in file order; each table's rows read before the next


def read_archive(path: Path, stream: IO[str]) -> Archive:
    """The header of the archive in ``stream`` and a lazy reader of its tables."""
    first = stream.readline()
    try:
        header = _line_header(first)
    except _NotLineLayout:
        stream.seek(0)
        return _whole_file(path, stream)
    return Archive(header, _line_tables(path, stream))


def _line_header(line: str) -> dict[str, Any]:
    text = line.rstrip("\r\n")
    if not text.endswith(TABLES_OPENING):
        raise _NotLineLayout
    try:
        header = json.loads(text + "]}")
    except ValueError:
        raise _NotLineLayout from None
    if not isinstance(header, dict):
        raise _NotLineLayout
    return header


def _line_tables(path: Path, stream: IO[str]) -> Iterator[ArchivedTable]:
    number = 1
    while True:
        line = stream.readline()
        number += 1
        text = line.strip()
        if text == "]}":
            return
        if not line:
            raise ExchangeFileError(str(path), "the file ends early; it may have been cut short")
        if not text.startswith("{") or not text.endswith("["):
            raise ExchangeFileError(str(path), "expected the start of a table", f"line {number}")
        try:
            opening = json.loads(text + "]}")
        except ValueError:
            raise ExchangeFileError(str(path), "not a table's start", f"line {number}") from None
        name, columns = _table_opening(path, opening, f"line {number}")
        rows = _RowLines(path, stream, number)
        yield ArchivedTable(name, columns, rows)
        for _ in rows:  # rows the caller left unread: the next table starts after them
            pass
        number = rows.line


class _RowLines:
    """The rows of one table, one per line, up to the line that closes the table."""

    def __init__(self, path: Path, stream: IO[str], number: int) -> None:
        self._path, self._stream = path, stream
        self.line = number  # the last line read
        self._ended = False

    def __iter__(self) -> Iterator[tuple[str, list[Any]]]:
        return self

    def __next__(self) -> tuple[str, list[Any]]:
        if self._ended:
            raise StopIteration
        line = self._stream.readline()
        self.line += 1
        where = f"line {self.line}"
        if not line:
            raise ExchangeFileError(
                str(self._path), "the file ends early; it may have been cut short"
            )
        text = line.strip()
        if text in ("]},", "]}"):
            self._ended = True
            raise StopIteration
        try:
            values = json.loads(text.removesuffix(","))
        except json.JSONDecodeError as error:
            raise ExchangeFileError(
                str(self._path), f"not a row of values ({error.msg})", where
            ) from None
        if not isinstance(values, list):
            raise ExchangeFileError(str(self._path), "a row must be a list of values", where)
        return where, values


def _whole_file(path: Path, stream: IO[str]) -> Archive:
    try:
        document = json.load(stream)
    except json.JSONDecodeError as error:
        # The parser's position helps only when the file is JSON that broke partway.
        reason = "not JSON at all" if error.pos == 0 else f"broken JSON at line {error.lineno}"
        raise ExchangeFileError(str(path), f"is not a DeskBridge JSON archive ({reason})") from None
    except ValueError:
        raise ExchangeFileError(str(path), "is not a DeskBridge JSON archive") from None
    if not isinstance(document, dict) or not isinstance(document.get("tables"), list):
        raise ExchangeFileError(str(path), "is not a DeskBridge JSON archive")
    tables = document.pop("tables")

    def each() -> Iterator[ArchivedTable]:
        for index, entry in enumerate(tables, start=1):
            where = f"table {index}"
            if not isinstance(entry, dict) or not isinstance(entry.get("rows"), list):
                raise ExchangeFileError(str(path), "not a table", where)
            name, columns = _table_opening(path, entry, where)
            rows = entry["rows"]
            yield ArchivedTable(name, columns, ((f"row {n}", row) for n, row in enumerate(rows, 1)))

    return Archive(document, each())


def _table_opening(path: Path, opening: Any, where: str) -> tuple[str, tuple[str, ...]]:
    name, columns = opening.get("table"), opening.get("columns")
    if not isinstance(name, str) or not isinstance(columns, list):
        raise ExchangeFileError(str(path), "a table needs a name and its columns", where)
    if not all(isinstance(column, str) for column in columns):
        raise ExchangeFileError(str(path), f"table {name}: column names must be text", where)
    return name, tuple(columns)


def check_header(path: Path, header: dict[str, Any]) -> None:
    """Refuse a file that is not a DeskBridge archive of a version and schema we know."""
    if header.get("format") != ARCHIVE_FORMAT:
        raise ExchangeFileError(str(path), "is not a DeskBridge JSON archive")
    if header.get("version") != ARCHIVE_VERSION:
        raise ExchangeFileError(
            str(path),
            f"is a DeskBridge archive of version {header.get('version')!r}; "
            f"this DeskBridge reads version {ARCHIVE_VERSION}",
        )
    revision = header.get("schema_revision")
    if revision not in _known_revisions():
        raise ExchangeFileError(
            str(path),
            f"was written with database schema {revision!r}, which this DeskBridge does not "
            "know; update DeskBridge to import it",
        )


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


Converter = Callable[[Any], Any]


class BadValue(ValueError):
    """A value that does not fit its column; the message says what it should be."""


def converter_for(column: Column[Any]) -> Converter:
    """A function turning the JSON value for ``column`` into the Python value to store,
    raising :class:`BadValue` when it does not fit (type, length, a missing value)."""
    kind = column.type
    if isinstance(kind, Boolean):
        check: Converter = _boolean
    elif isinstance(kind, Integer):
        check = _integer
    elif isinstance(kind, Float):
        check = _number
    elif isinstance(kind, DateTime):
        check = _date_time
    elif isinstance(kind, Date):
        check = _date
    elif isinstance(kind, String):
        check = _text_of(kind.length)
    else:  # a column type the archive does not know: passed through for the engine to judge
        check = _as_is
    if column.nullable:
        return lambda value: None if value is None else check(value)
    return check


def _as_is(value: Any) -> Any:
    if value is None:
        raise BadValue("must have a value")
    return value


def _boolean(value: Any) -> bool:
    if value is None:
        raise BadValue("must have a value")
    if not isinstance(value, bool):
        raise BadValue(f"{value!r} is not true or false")
    return value


def _integer(value: Any) -> int:
    if type(value) is int:  # the common case first: this runs for millions of values
        return value
    if value is None:
        raise BadValue("must have a value")
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"{value!r} is not a whole number")
    return value


def _number(value: Any) -> float:
    if value is None:
        raise BadValue("must have a value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(f"{value!r} is not a number")
    return float(value)


def _date(value: Any) -> date:
    if value is None:
        raise BadValue("must have a value")
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadValue(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _date_time(value: Any) -> datetime:
    if value is None:
        raise BadValue("must have a value")
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadValue(f"{value!r} is not a date and time (YYYY-MM-DDTHH:MM:SS)") from None


def _text_of(length: int | None) -> Converter:
    def text(value: Any) -> str:
        if type(value) is str and (length is None or len(value) <= length):
            return value
        if value is None:
            raise BadValue("must have a value")
        if not isinstance(value, str):
            raise BadValue(f"{value!r} is not text")
        if length is not None and len(value) > length:
            raise BadValue(f"is {len(value)} characters long; at most {length} fit")
        return value

    return text


def table_converters(table: Table) -> dict[str, Converter]:
    return {column.name: converter_for(column) for column in table.columns}
