"""The first few things of a kind in their order, and how many there are, read by walking
indexes rather than sorting everything that matches.

A list is made of bands read one after the other (all of one band come before any of the
next). A band is one walk, or several walks merged: an ``IN`` over statuses or an ``OR``
over a NULL stops SQLite from reading one index in order, so each status (or the NULL
part) becomes its own walk, which stops after the rows wanted, and the walks' first rows
are merged here. Every walk is counted from its index, all in one statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Walk:
    """The things ``where`` picks, in ``order``: columns ending with the id, none of them
    NULL for these things, so rows of walks in one band merge by their values.

    ``start`` holds for every thing ``where`` picks, and lets the walk begin further along
    its index than ``where`` alone would (it is left out of the count)."""

    where: tuple[ColumnElement[bool], ...]
    order: tuple[Any, ...]
    start: ColumnElement[bool] | None = None


Band = Sequence[Walk]
AnySelect = Select[*tuple[Any, ...]]


def first_rows(
    session: Session, id_column: Any, details: AnySelect, bands: Sequence[Band], room: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The ``details`` rows of the first ``room`` things the ``bands`` pick, in order, and
    how many they pick in all. ``details`` selects from the things' table (joined to what
    names them) and is read along each walk, so only the rows listed are joined."""
    # Plain SQL on the session's connection: nothing here is a mapped object, and each
    # statement through the ORM cost ~30 us more (tens of them make a review).
    connection = session.connection()
    walks = [walk for band in bands for walk in band]
    counted = [select(func.count(id_column)).where(*w.where).scalar_subquery() for w in walks]
    counts = dict(zip(map(id, walks), connection.execute(select(*counted)).one(), strict=True))
    rows: list[tuple[Any, ...]] = []
    for band in bands:
        wanted = room - len(rows)
        if wanted <= 0:
            break
        found: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []
        for walk in band:
            if counts[id(walk)]:
                keyed = details.add_columns(*walk.order).where(*walk.where)
                if walk.start is not None:
                    keyed = keyed.where(walk.start)
                query = keyed.order_by(*walk.order).limit(wanted)
                cut = len(details.selected_columns)
                found.extend((row[cut:], row[:cut]) for row in connection.execute(query))
        if len(band) > 1:
            # Only dates and ids are merged here: Python orders them as every engine does.
            found.sort(key=lambda pair: pair[0])
        rows.extend(row for _, row in found[:wanted])
    return rows, sum(counts.values())
