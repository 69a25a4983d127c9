"""Typing in the contacts filter: the count and the rows are the same whichever way a page is
read (walking the name order for a common prefix, looking the matches up for a rare one)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbridge.contact_list import ContactFilter, ContactList, ContactRow, SortKey
from deskbridge.contact_text_filter import ContactTextFilter
from deskbridge.workspace import Workspace

FIRST = ("Ana", "Andrea", "Anton", "Bea", "Carl", "Dora")
LAST = ("Lopez", "Lind", "Moreau", "Nagy")


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
        words = " ".join([contact.full_name, contact.role, *contact.tags]).lower().split()
        if all(any(w.startswith(t) for w in words) for t in shown.text.lower().split()):
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


@pytest.mark.parametrize("typed", ["a", "an", "an l", "anchor", "lopez", "zz", "!!"])
@pytest.mark.parametrize("archived", [False, True, None])
@pytest.mark.parametrize("walk_ratio", [0, 10**9])
def test_count_and_rows_match_the_typed_words_either_way(
    people: Workspace,
    typed: str,
    archived: bool | None,
    walk_ratio: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 0: every page looks its matches up; a huge ratio: every page walks the name order.
    monkeypatch.setattr("deskbridge.contact_text_filter.WALK_RATIO", walk_ratio)
    listing = ContactList(people.db, people.clock)
    shown = ContactFilter(text=typed, archived=archived)
    wanted = expected(people, shown)

    assert listing.count(shown) == len(wanted)
    assert [row.name for row in every_row(listing, shown, 5)] == wanted
    last = listing.page(shown, offset=max(len(wanted) - 3, 0), limit=5).rows
    assert [row.name for row in last] == wanted[-3:]


@pytest.mark.parametrize("walk_ratio", [0, 10**9])
def test_text_with_other_filters_and_other_orders(
    people: Workspace, walk_ratio: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("deskbridge.contact_text_filter.WALK_RATIO", walk_ratio)
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
    assert text_filter.condition("an", 5)[1] is not None  # not counted yet: looked up
    with people.db.reading() as session:
        assert text_filter.count(session.connection(), "an", archived=False) > 10
    assert text_filter.condition("an", 5)[1] is None  # most match: the name order walked
    assert text_filter.condition("an", 10_000)[1] is not None  # too far to walk
