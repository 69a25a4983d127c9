"""Date arithmetic that compiles to each engine's own SQL (SQLite keeps dates as ISO text)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class add_days(FunctionElement[Any]):
    """``date + days`` for a Date expression and an integer expression."""

    type = Date()
    inherit_cache = True

    def __init__(
        self, day: ColumnElement[Any] | QueryableAttribute[Any], days: ColumnElement[Any]
    ) -> None:
        super().__init__(day, days)


class as_date(FunctionElement[Any]):
    """The calendar date of a DateTime expression."""

    type = Date()
    inherit_cache = True

    def __init__(self, moment: ColumnElement[Any] | QueryableAttribute[Any]) -> None:
        super().__init__(moment)


@compiles(add_days, "sqlite")
def _add_days_sqlite(element: add_days, compiler: Any, **kw: Any) -> str:
    day, days = list(element.clauses)
    return (
        f"date({compiler.process(day, **kw)}, "
        f"CAST({compiler.process(days, **kw)} AS TEXT) || ' days')"
    )


@compiles(add_days)
def _add_days_default(element: add_days, compiler: Any, **kw: Any) -> str:
    day, days = list(element.clauses)
    return f"(CAST({compiler.process(day, **kw)} AS DATE) + {compiler.process(days, **kw)})"


@compiles(as_date, "sqlite")
def _as_date_sqlite(element: as_date, compiler: Any, **kw: Any) -> str:
    (moment,) = list(element.clauses)
    return f"date({compiler.process(moment, **kw)})"


@compiles(as_date)
def _as_date_default(element: as_date, compiler: Any, **kw: Any) -> str:
    (moment,) = list(element.clauses)
    return f"CAST({compiler.process(moment, **kw)} AS DATE)"


class latest_of(FunctionElement[Any]):
    """The latest of several nullable dates, NULL only when all are NULL."""

    type = Date()
    inherit_cache = True

    def __init__(self, *days: ColumnElement[Any]) -> None:
        super().__init__(*days)


@compiles(latest_of, "sqlite")
def _latest_of_sqlite(element: latest_of, compiler: Any, **kw: Any) -> str:
    # SQLite keeps dates as ISO text, and '' sorts before every date.
    days = ", ".join(f"coalesce({compiler.process(day, **kw)}, '')" for day in element.clauses)
    return f"nullif(max({days}), '')"


@compiles(latest_of)
def _latest_of_default(element: latest_of, compiler: Any, **kw: Any) -> str:
    days = ", ".join(compiler.process(day, **kw) for day in element.clauses)
    return f"GREATEST({days})"
