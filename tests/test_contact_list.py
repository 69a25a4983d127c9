"""The contacts table's rows: SQL filters and sorts, and keyset pages that cover every row once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbridge.contact_list import ContactFilter, ContactList, ContactRow, SortKey
from deskbridge.records import TouchStatus
from deskbridge.workspace import Workspace


@pytest.fixture
def listing(workspace: Workspace) -> ContactList:
    return ContactList(workspace.db, workspace.clock)


@pytest.fixture
def network(workspace: Workspace) -> Workspace:
    """Twelve people in three departments, touched at different times, one of each status."""
    today = workspace.clock.today()
    workspace.departments.add("Finance", cadence_days=30)
    workspace.departments.add("IT", cadence_days=30)
    workspace.departments.add("Sales", cadence_days=30)
    departments = ["Finance", "IT", "Sales", None]
    for number in range(12):
        record = workspace.contacts.add(
            f"Person {number:02d}",
            department=departments[number % 4],
            emails=[f"p{number}@example.com"],
            role="Analyst" if number % 2 else "Manager",
            tags=["ally"] if number % 3 == 0 else [],
            added_on=today - timedelta(days=200),
        )
        if number < 8:  # the rest were never touched: stale
            workspace.interactions.log(
                [record.id], "Catch-up", occurred_on=today - timedelta(days=4 * number)
            )
    return workspace


def all_pages(listing: ContactList, limit: int, **options: object) -> list[ContactRow]:
    rows: list[ContactRow] = []
    after = None
    while True:
        page = listing.page(after=after, limit=limit, **options)  # type: ignore[arg-type]
        rows.extend(page.rows)
        if page.after is None:
            return rows
        after = page.after


@pytest.mark.parametrize("sort", list(SortKey))
@pytest.mark.parametrize("descending", [False, True])
def test_pages_cover_every_contact_once_in_sort_order(
    network: Workspace, listing: ContactList, sort: SortKey, descending: bool
) -> None:
    whole = listing.page(sort=sort, descending=descending, limit=100).rows
    paged = all_pages(listing, 5, sort=sort, descending=descending)
    assert [row.id for row in paged] == [row.id for row in whole]
    assert len({row.id for row in paged}) == 12

    def key(row: ContactRow) -> tuple[object, ...]:
        first = {
            SortKey.NAME: (),
            SortKey.DEPARTMENT: (row.department or "",),
            SortKey.LAST_TOUCH: (row.last_touch or network.clock.today().replace(year=1),),
            SortKey.NEXT_TOUCH: (row.next_touch,),
        }[sort]
        return (*first, row.name, row.id)

    assert [row.id for row in whole] == [
        row.id for row in sorted(whole, key=key, reverse=descending)
    ]


def test_rows_carry_what_the_table_shows(network: Workspace, listing: ContactList) -> None:
    first = listing.page(limit=1).rows[0]
    assert first.name == "Person 00"
    assert first.department == "Finance"
    assert first.department_colour is not None and first.department_colour.startswith("#")
    assert first.email == "p0@example.com"
    assert first.tags == ("ally",)
    assert first.last_touch == network.clock.today()
    assert first.status is TouchStatus.OK


def test_filters_by_text_department_tag_status_and_archive(
    network: Workspace, listing: ContactList
) -> None:
    def names(**criteria: object) -> list[str]:
        shown = ContactFilter(**criteria)  # type: ignore[arg-type]
        assert listing.count(shown) == len(listing.page(shown, limit=100).rows)
        return [row.name for row in listing.page(shown, limit=100).rows]

    finance = network.departments.named("Finance")
    assert names(text="person 1") == ["Person 10", "Person 11"]
    assert names(text="p7@") == ["Person 07"]
    assert names(department_id=finance.id) == ["Person 00", "Person 04", "Person 08"]
    assert names(tag="ALLY") == ["Person 00", "Person 03", "Person 06", "Person 09"]
    assert names(text="analyst", department_id=network.departments.named("IT").id) == [
        "Person 01",
        "Person 05",
        "Person 09",
    ]
    # Touched 24 and 28 days ago on a 30-day cadence: due within the week.
    assert names(status=TouchStatus.DUE) == ["Person 06", "Person 07"]
    assert names(status=TouchStatus.STALE) == ["Person 08", "Person 09", "Person 10", "Person 11"]
    network.contacts.archive([network.contacts.resolve("Person 08").id])
    assert "Person 08" not in names()
    assert names(archived=True) == ["Person 08"]
    assert len(names(archived=None)) == 12
    assert names(text="no such words") == []
    assert names(text="()*") == []


def test_status_column_agrees_with_the_due_list(network: Workspace, listing: ContactList) -> None:
    network.contacts.snooze(
        network.contacts.resolve("Person 09").id, network.clock.today() + timedelta(days=5)
    )
    rows = {row.id: row.status for row in listing.page(limit=100).rows}
    due = {row.id: row.status for row in network.keep_in_touch.due()}
    assert {i: s for i, s in rows.items() if s in due.values()} == due
    assert rows[network.contacts.resolve("Person 09").id] is TouchStatus.SNOOZED
    for status in TouchStatus:
        shown = ContactFilter(status=status, archived=None)
        assert {row.id for row in listing.page(shown, limit=100).rows} == {
            i for i, s in rows.items() if s is status
        }
