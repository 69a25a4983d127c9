"""The contacts table's text filter: which contacts match what was typed, how many, and
which of two ways a page of them is read fastest.

On SQLite the words are matched in the contacts' full-text index, which holds one row per
contact (kept by triggers), so how many contacts match is the index's own count, less the
archived ones when only active contacts are shown. A page of matches is read one of two ways:

- few matches: each one looked up and the lot sorted (cost grows with the matches);
- many matches (a one- or two-letter prefix matches most of 100,000 contacts): the sort
  order's index walked, each contact tested against the set of matching ids, until the page
  is full (cost grows with how far the walk goes, ~0.1 us a contact).

Which is cheaper depends on how many match, which the count just read tells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Integer,
    Table,
    and_,
    column,
    false,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy import table as table_clause
from sqlalchemy import text as sql_text

from deskbridge.store.models import Contact
from deskbridge.store.search_queries import WORD, match_expression

WALK_RATIO = 7
"""Looking one matching contact up and sorting it costs about this many steps of a walk
along an index (measured at 100,000 contacts)."""
SIZES_HELD = 64
_INDEX = table_clause("search_contacts", column("rowid", Integer))
_COUNTED = sql_text(
    "SELECT count(*), coalesce(sum(rowid + 0 IN (SELECT id FROM contacts WHERE archived = 1)), 0),"
    " (SELECT max(id) FROM contacts) FROM search_contacts WHERE search_contacts MATCH :q"
)


@dataclass(frozen=True)
class MatchSize:
    matching: int
    """Contacts matching, archived or not."""
    archived: int
    """Of those, archived."""
    everyone: int
    """About how many contacts there are (the highest id): how long a full walk is."""


class ContactTextFilter:
    """Conditions and counts for the typed text; remembers the last few counts to choose
    how pages are read (a stale size only costs speed, never a wrong row)."""

    def __init__(self, is_sqlite: bool) -> None:
        self._is_sqlite = is_sqlite
        self._sizes: dict[str, MatchSize] = {}

    def count(self, connection: Connection, typed: str, archived: bool | None) -> int:
        """How many contacts match ``typed`` (SQLite only), with ``archived`` as in
        ContactFilter: read from the full-text index without looking any contact up."""
        expression = match_expression(typed)
        if expression is None:
            return 0
        row = connection.execute(_COUNTED, {"q": expression}).one()
        size = MatchSize(int(row[0]), int(row[1]), int(row[2] or 0))
        if len(self._sizes) >= SIZES_HELD:
            self._sizes.clear()
        self._sizes[expression] = size
        if archived is None:
            return size.matching
        return size.archived if archived else size.matching - size.archived

    def condition(self, typed: str, rows_walked: int) -> tuple[Any, Any | None]:
        """(a WHERE condition, a table to join or None) selecting the contacts that match
        ``typed``; ``rows_walked``: how far into the order the page reaches."""
        c = cast(Table, Contact.__table__).c
        if not self._is_sqlite:
            words = WORD.findall(typed)
            return and_(true(), *[_anywhere(c, word) for word in words]), None
        expression = match_expression(typed)
        if expression is None:
            return false(), None
        matches = literal_column("search_contacts").op("MATCH")(expression)
        if self._walks(expression, rows_walked):
            # "+ 0" keeps the id out of the primary key's reach, so SQLite walks the sort
            # order's index and tests each id against the matching set, built once.
            return (c.id + 0).in_(select(_INDEX.c.rowid).where(matches)), None
        # Joined rather than `id IN (...)`: SQLite then walks the index's matches instead of
        # building a set of them first. "+ 0": the rowid stays out of the index's reach, so
        # SQLite reads the matches first and looks each contact up, instead of re-running
        # the match for every contact.
        return matches, (_INDEX, c.id == _INDEX.c.rowid + 0)

    def _walks(self, expression: str, rows_walked: int) -> bool:
        size = self._sizes.get(expression)
        if size is None or size.matching == 0:
            return False
        # A walk passes everyone / matching contacts per row it keeps.
        walk = rows_walked * size.everyone / size.matching
        return walk < WALK_RATIO * size.matching


def _anywhere(c: Any, word: str) -> Any:
    """Engines without the full-text index: the word anywhere in name, role or strengths."""
    return or_(
        c.full_name.ilike(f"%{word}%"), c.role.ilike(f"%{word}%"), c.strengths.ilike(f"%{word}%")
    )
