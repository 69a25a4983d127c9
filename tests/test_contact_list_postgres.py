"""The contacts table's pages read the same on PostgreSQL as on SQLite."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from conftest import TODAY

from deskbridge.clock import FixedClock
from deskbridge.contact_list import ContactFilter, ContactList, SortKey
from deskbridge.workspace import Workspace


def _fill(workspace: Workspace) -> ContactList:
    workspace.departments.add("Finance")
    for number in range(9):
        record = workspace.contacts.add(
            f"Person {number}",
            department="Finance" if number % 2 else None,
            role="Analyst",
            added_on=TODAY - timedelta(days=90),
        )
        if number % 3:
            workspace.interactions.log(
                [record.id], "Sync", occurred_on=TODAY - timedelta(days=number)
            )
    return ContactList(workspace.db, workspace.clock)


@pytest.mark.parametrize("sort", list(SortKey))
def test_pages_and_filters_match_sqlite(
    fresh_postgres_url: str, tmp_path: Path, sort: SortKey
) -> None:
    clock = FixedClock(TODAY)
    answers = []
    for location in (str(tmp_path / "same.sqlite3"), fresh_postgres_url):
        workspace = Workspace.open(location, clock)
        try:
            listing = _fill(workspace)
            pages = []
            after = None
            while True:
                page = listing.page(sort=sort, after=after, limit=2)
                pages.append([row.name for row in page.rows])
                if page.after is None:
                    break
                after = page.after
            filtered = listing.page(ContactFilter(text="person 3"), limit=50)
            answers.append((pages, [row.name for row in filtered.rows], listing.count()))
        finally:
            workspace.close()
    assert answers[0] == answers[1]
    assert answers[0][2] == 9
