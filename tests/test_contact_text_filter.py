"""Typing in the contacts filter: the count and the rows are the same whichever way a page is
read (walking the name order for a common prefix, testing each contact's text or the set of
matching ids; looking the matches up for a rare one)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbridge.contact_list import ContactFilter, ContactList, ContactRow, SortKey
from deskbridge.contact_text_filter import (
    ContactTextFilter,
    MatchSize,
    Way,
    text_test,
    words_to_test,
)
from deskbridge.store.search_queries import folded_words, match_expression
from deskbridge.workspace import Workspace

FIRST = ("Ana", "Andrea", "Anton", "Bea", "Carl", "Dora", "Ána", "Zoë-Ann")
LAST = ("Lopez", "Lind", "Moreau", "Nagy", "Łopez", "Jørgensen")


@pytest.fixture
def people(workspace: Workspace) -> Workspace:
    """Twenty-four people, most with a name or role starting "an"; some archived."""
    today = workspace.clock.today()
    workspace.departments.add("Finance")
    n = 0
    for first in FIRST:
        for last in LAST:
            record = workspace.contacts.add(
                f"{first} {last}",
                department="Finance" if n % 2 else None,
                role="Analyst" if n % 3 == 0 else "Buyer",
                tags=["anchor"] if n % 5 == 0 else [],
                added_on=today - timedelta(days=40),
            )
            if n % 4 == 0:
                workspace.contacts.archive([record.id], True)
            n += 1
    return workspace


def expected(workspace: Workspace, shown: ContactFilter) -> list[str]:
    """The names shown, worked out the plain way: every contact, filtered here."""
    names = []
    for row in (
        ContactList(workspace.db, workspace.clock)
        .page(ContactFilter(archived=shown.archived), limit=1000)
        .rows
    ):
        contact = workspace.contacts.get(row.id)
        words = folded_words(" ".join([contact.full_name, contact.role, *contact.tags]))
        typed = folded_words(shown.text)  # none ("!!"): nothing matches
        if typed and all(any(w.startswith(t) for w in words) for t in typed):
            names.append(row.name)
    return names


def every_row(listing: ContactList, shown: ContactFilter, limit: int) -> list[ContactRow]:
    rows: list[ContactRow] = []
    page = listing.page(shown, limit=limit)
    rows.extend(page.rows)
    while page.after is not None:
        page = listing.page(shown, after=page.after, limit=limit)
        rows.extend(page.rows)
    return rows


def read_every_page(way: Way, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page read ``way`` (where it can be: the test only for a bounded page)."""
    chosen = ContactTextFilter.way

    def forced(self: ContactTextFilter, typed: str, rows_walked: int) -> Way:
        if way is Way.TEST and (rows_walked <= 0 or words_to_test(typed) is None):
            return chosen(self, typed, rows_walked)
        return way

    monkeypatch.setattr(ContactTextFilter, "way", forced)


@pytest.mark.parametrize(
    "typed", ["a", "an", "an l", "anchor", "lopez", "zz", "!!", "z", "ann", "jo", "zoë"]
)
@pytest.mark.parametrize("archived", [False, True, None])
@pytest.mark.parametrize("way", list(Way))
def test_count_and_rows_match_the_typed_words_either_way(
    people: Workspace,
    typed: str,
    archived: bool | None,
    way: Way,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read_every_page(way, monkeypatch)
    listing = ContactList(people.db, people.clock)
    shown = ContactFilter(text=typed, archived=archived)
    wanted = expected(people, shown)

    assert listing.count(shown) == len(wanted)
    assert [row.name for row in every_row(listing, shown, 5)] == wanted
    last = listing.page(shown, offset=max(len(wanted) - 3, 0), limit=5).rows
    assert [row.name for row in last] == wanted[-3:]


@pytest.mark.parametrize("way", list(Way))
def test_text_with_other_filters_and_other_orders(
    people: Workspace, way: Way, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_every_page(way, monkeypatch)
    listing = ContactList(people.db, people.clock)
    finance = people.departments.list()[0].id
    shown = ContactFilter(text="an", department_id=finance)
    rows = every_row(listing, shown, 3)
    assert listing.count(shown) == len(rows) > 0
    assert all(row.department == "Finance" for row in rows)
    listing.count(ContactFilter(text="an"))  # remembers how many match, to choose the walk
    by_department = listing.page(ContactFilter(text="an"), sort=SortKey.DEPARTMENT, limit=100)
    assert sorted(r.name for r in by_department.rows) == sorted(
        expected(people, ContactFilter(text="an"))
    )
    assert [r.department or "" for r in by_department.rows] == sorted(
        r.department or "" for r in by_department.rows
    )


def test_the_way_a_page_is_read_follows_how_many_matched(people: Workspace) -> None:
    text_filter = ContactTextFilter(is_sqlite=True)
    assert text_filter.way("an", 5) is Way.LOOKUP  # not counted yet: looked up
    with people.db.reading() as session:
        assert text_filter.count(session.connection(), "an", archived=False) > 10
        assert text_filter.count(session.connection(), "zz", archived=None) == 0
    assert text_filter.way("an", 5) is not Way.LOOKUP  # most match: the name order walked
    assert text_filter.way("zz", 5) is Way.LOOKUP  # nothing matches: nothing to walk


def test_at_scale_a_common_prefix_is_tested_along_the_walk() -> None:
    # The sizes counted at 100,000 contacts ("a", "cr", "zz"), as count() remembers them.
    text_filter = ContactTextFilter(is_sqlite=True)
    for typed, matching in (("a", 67_789), ("cr", 5_330), ("zz", 3)):
        text_filter._sizes[match_expression(typed) or ""] = MatchSize(matching, 0, 100_001)
    assert text_filter.way("a", 200) is Way.TEST  # a page within ~300 contacts walked
    assert text_filter.way("a", 0) is Way.SET  # every match: never each tested
    assert text_filter.way("a", 60_000) is Way.SET  # deep in the list: too far to test
    assert text_filter.way("á", 200) is Way.TEST  # folded to "a", as the index has it
    assert text_filter.way("cr", 200) is Way.SET  # ~3,800 contacts to walk past
    assert text_filter.way("zz", 200) is Way.LOOKUP


# Characters the index's tokenizer treats specially: letters it folds to ASCII (é, the
# Kelvin sign, İ), drops (a combining accent) or keeps (ø, ß, a ligature), separators beyond
# ASCII (a no-break space, a dash) and ASCII separators ("_", "-", "@").
TRICKY = "aAnNoOlLzZ09 _-@.éÉøßﬁ\u212a\u0130\u0301\u00a0–ǰ"


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.text(alphabet=TRICKY, max_size=24), min_size=1, max_size=6),
    typed=st.text(alphabet="anolz09 ", min_size=1, max_size=6),
)
def test_the_text_test_never_disagrees_with_the_index(texts: list[str], typed: str) -> None:
    words = words_to_test(typed)
    if words is None:
        return
    index = sqlite3.connect(":memory:")
    index.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body,"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    for n, text in enumerate(texts, 1):
        index.execute("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", (n, text, text[::-1]))
    found = {
        row[0]
        for row in index.execute("SELECT rowid FROM t WHERE t MATCH ?", (match_expression(typed),))
    }
    for n, text in enumerate(texts, 1):
        answer = text_test(" ".join(words), text, text[::-1])
        if answer is not None:
            assert bool(answer) == (n in found), (text, typed)
        if text.isascii():
            assert answer is not None


def test_the_index_is_built_with_the_tokenizer_the_text_test_copies(workspace: Workspace) -> None:
    with workspace.db.reading() as session:
        ddl = (
            session.connection()
            .exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'search_contacts'")
            .scalar_one()
        )
    assert "tokenize = 'unicode61 remove_diacritics 2'" in ddl
