"""The contacts table's text filter: which contacts match what was typed, how many, and
which of three ways a page of them is read fastest.

On SQLite the words are matched in the contacts' full-text index, which holds one row per
contact (kept by triggers), so how many contacts match is the index's own count, less the
archived ones when only active contacts are shown. A page of matches is read one of three
ways:

- few matches: each one looked up and the lot sorted (cost grows with the matches);
- most contacts match (a one-letter prefix: two in three of 100,000), so a page fills
  after a few hundred: the sort order's index walked, each contact's indexed text tested
  as it passes (a few us a contact: 5 ms for "a", where building the set below took 20);
- otherwise (thousands match, a page deep in the list, every matching id): the index
  walked against the set of matching ids, built once (cost grows with the matches).

Which is cheapest depends on how many match, which the count just read tells.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Integer,
    Table,
    and_,
    column,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy import table as table_clause
from sqlalchemy import text as sql_text

from deskbridge.store.models import Contact
from deskbridge.store.search_queries import WORD, folded_words, match_expression

# What each step costs, in microseconds, measured on the 100,000-contact demo: per match,
# looked up and sorted (LOOKUP) or put in the set of matching ids (SET); per contact walked
# past, its text tested (TEST: 1.5 us on ASCII, the index asked for some others) or
# tested against that set (PASS).
LOOKUP_US = 0.7
SET_US = 0.2
TEST_US = 5.0
PASS_US = 0.1
SIZES_HELD = 64
_INDEX = table_clause("search_contacts", column("rowid", Integer))
# The index's own copy of what it holds: FTS5 keeps it, one row a contact, keyed by rowid.
_TEXT = table_clause("search_contacts_content", column("id", Integer), column("c0"), column("c1"))
_COUNTED = sql_text(
    "SELECT count(*), count(*) FILTER (WHERE substr(:archived, rowid + 1, 1) = x'01'),"
    " (SELECT max(id) FROM contacts) FROM search_contacts WHERE search_contacts MATCH :q"
)
_ARCHIVED_IDS = "SELECT id FROM contacts WHERE archived = 1"
TEST_FUNCTION = "deskbridge_text_test"
# ASCII characters that are neither letters nor digits: the index's tokenizer (unicode61)
# splits words at each of them, and at nothing else in ASCII.
_SEPARATOR = r"\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f"
_Search = Callable[[str], "re.Match[str] | None"]


class Way(Enum):
    """How a page of matches is read."""

    LOOKUP = "each match looked up, then sorted"
    TEST = "the order walked, each contact's text tested"
    SET = "the order walked against the set of matching ids"


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
        # Which contacts are archived, one byte an id: testing a byte per match costs half
        # what probing a set of archived ids does (4 ms against 13 ms for "a" at 100,000).
        mask = b""
        if archived is not None:
            # The driver's cursor: SQLAlchemy's result layer would double the 0.4 ms.
            cursor = connection.connection.cursor()
            try:
                ids = [row[0] for row in cursor.execute(_ARCHIVED_IDS)]
            finally:
                cursor.close()
            flags = bytearray(max(ids, default=-1) + 1)
            for contact_id in ids:
                flags[contact_id] = 1
            mask = bytes(flags)
        row = connection.execute(_COUNTED, {"q": expression, "archived": mask}).one()
        size = MatchSize(int(row[0]), int(row[1]), int(row[2] or 0))
        if len(self._sizes) >= SIZES_HELD:
            self._sizes.clear()
        self._sizes[expression] = size
        if archived is None:
            return size.matching
        return size.archived if archived else size.matching - size.archived

    def prepare(self, connection: Connection) -> None:
        """Make the text test the walk calls known to this connection (SQLite only)."""
        driver = connection.connection.driver_connection
        if self._is_sqlite and isinstance(driver, sqlite3.Connection):
            register_text_test(driver)

    def condition(self, typed: str, rows_walked: int) -> tuple[Any, Any | None]:
        """(a WHERE condition, a table to join and how, or None) selecting the contacts
        that match ``typed``; ``rows_walked``: how far into the order the page reaches,
        0 for every match (then the test walk is never chosen)."""
        c = cast(Table, Contact.__table__).c
        if not self._is_sqlite:
            words = WORD.findall(typed)
            return and_(true(), *[_anywhere(c, word) for word in words]), None
        expression = match_expression(typed)
        if expression is None:
            return false(), None
        matches = literal_column("search_contacts").op("MATCH")(expression)
        way = self.way(typed, rows_walked)
        if way is Way.TEST:
            # The test answers NULL when it cannot be sure (text beyond ASCII without a
            # plain match): the index is asked about that one contact.
            probe = exists().where(matches, _INDEX.c.rowid == c.id)
            test = func.coalesce(
                getattr(func, TEST_FUNCTION)(
                    literal(" ".join(words_to_test(typed) or ())), _TEXT.c.c0, _TEXT.c.c1
                ),
                probe,
            )
            return test, (_TEXT, _TEXT.c.id == c.id)
        if way is Way.SET:
            # "+ 0" keeps the id out of the primary key's reach, so SQLite walks the sort
            # order's index and tests each id against the matching set, built once.
            return (c.id + 0).in_(select(_INDEX.c.rowid).where(matches)), None
        # Joined rather than `id IN (...)`: SQLite then walks the index's matches instead of
        # building a set of them first. "+ 0": the rowid stays out of the index's reach, so
        # SQLite reads the matches first and looks each contact up, instead of re-running
        # the match for every contact.
        return matches, (_INDEX, c.id == _INDEX.c.rowid + 0)

    def way(self, typed: str, rows_walked: int) -> Way:
        """The cheapest way to read ``rows_walked`` rows of contacts matching ``typed``,
        from the last count of it (looked up when it was never counted)."""
        expression = match_expression(typed)
        size = self._sizes.get(expression or "")
        if size is None or size.matching == 0:
            return Way.LOOKUP
        # A walk passes everyone / matching contacts per row it keeps; 0: the whole order.
        walk = size.everyone
        if rows_walked > 0:
            walk = min(walk, rows_walked * size.everyone // size.matching)
        costs = {
            Way.LOOKUP: LOOKUP_US * size.matching,
            Way.SET: SET_US * size.matching + PASS_US * walk,
        }
        if rows_walked > 0 and words_to_test(typed) is not None:
            costs[Way.TEST] = TEST_US * walk
        return min(costs, key=lambda way: costs[way])


def words_to_test(typed: str) -> tuple[str, ...] | None:
    """The words the index is asked for, when the text test can answer for them (ASCII)."""
    words = folded_words(typed)
    if not words or not all(word.isascii() for word in words):
        return None
    return tuple(words)


def register_text_test(connection: sqlite3.Connection) -> None:
    """Make :func:`text_test` callable in SQL on ``connection`` (cheap: under a us)."""
    # Refused while a statement runs on the connection: it is registered already, then.
    with suppress(sqlite3.OperationalError):
        connection.create_function(TEST_FUNCTION, 3, text_test, deterministic=True)


def text_test(words: str, title: str | None, body: str | None) -> int | None:
    """Whether the index would match every one of ``words`` (ASCII, space-separated) as a
    word prefix in ``title`` or ``body``: 1 or 0, or None when only the index can tell.

    On ASCII text the index's words are the runs of ASCII letters and digits, lower-cased,
    so a word starts wherever the character before is neither. Beyond ASCII the index folds
    each letter to at most one (``é`` to ``e``, a combining accent to nothing) and may join
    it to its neighbours, which :func:`_beyond_ascii` allows for."""
    text = f"{title or ''} {body or ''}"
    if text.isascii():
        lowered = text.lower()
        return int(all(_starts_a_word(lowered, word) for word in words.split()))
    return _beyond_ascii(words, text)


def _starts_a_word(text: str, word: str) -> bool:
    # str.find and a look back: three times quicker than a regular expression's search.
    at = text.find(word)
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(word, at + 1)
    return False


def _beyond_ascii(words: str, text: str) -> int | None:
    unsure = False
    for certain, possible in _searches(words):
        if certain(text):
            continue
        if not possible(text):
            return 0
        unsure = True
    return None if unsure else 1


@lru_cache(maxsize=32)
def _searches(words: str) -> tuple[tuple[_Search, _Search], ...]:
    """Per word: (a word of ASCII letters starting with it, bounded by ASCII separators,
    so the index holds it as it is; the word with any letter perhaps an other character
    folded to it, and other characters perhaps dropped in between: without even that, the
    index cannot hold it)."""
    other = "[^\\x00-\\x7f]"
    flags = re.ASCII | re.IGNORECASE
    return tuple(
        (
            re.compile(
                f"(?<![^{_SEPARATOR}]){re.escape(word)}[a-z0-9]*(?![^{_SEPARATOR}])", flags
            ).search,
            re.compile(
                "".join(f"(?:{re.escape(letter)}|{other}){other}*" for letter in word), flags
            ).search,
        )
        for word in words.split()
    )


def _anywhere(c: Any, word: str) -> Any:
    """Engines without the full-text index: the word anywhere in name, role or strengths."""
    return or_(
        c.full_name.ilike(f"%{word}%"), c.role.ilike(f"%{word}%"), c.strengths.ilike(f"%{word}%")
    )
