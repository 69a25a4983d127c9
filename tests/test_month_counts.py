"""The interactions per department and month that Coverage reads are kept current by every
write that moves them, agree with a count from scratch, and are filled for old databases."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from contact_files import write_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from deskbridge import month_counts
from deskbridge.clock import FixedClock
from deskbridge.coverage import month_starts
from deskbridge.errors import DeskBridgeError
from deskbridge.exchange.contact_import import read_contacts_file
from deskbridge.integrity import run_checks
from deskbridge.month_counts import (
    MonthKey,
    expected_month_counts,
    month_count_drift,
    rebuild_month_counts,
    stored_month_counts,
)
from deskbridge.store.migrate import alembic_config
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
CHECK = "interactions per department and month agree with a recount"
FEW = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def stored(workspace: Workspace) -> Counter[MonthKey]:
    with workspace.db.reading() as session:
        return stored_month_counts(session)


def recounted(workspace: Workspace) -> Counter[MonthKey]:
    with workspace.db.reading() as session:
        return expected_month_counts(session)


def assert_current(workspace: Workspace) -> None:
    assert stored(workspace) == recounted(workspace)
    with workspace.db.reading() as session:
        assert month_count_drift(session) == []


class Organisation:
    """Three departments, six people, "me" in Finance, one person without a department."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.names = ["Finance", "IT", "Legal"]
        for name in self.names:
            workspace.departments.add(name)
        add = workspace.contacts.add
        self.me = add("Me Myself", department="Finance", added_on=date(2025, 1, 1), is_me=True).id
        self.people = [self.me] + [
            add(name, department=department, added_on=date(2025, 1, 1)).id
            for name, department in (
                ("Ana", "Finance"), ("Bea", "Finance"), ("Carl", "IT"),
                ("Dana", "IT"), ("Eve", "Legal"),
            )
        ]  # fmt: skip
        self.people.append(add("Nobody Inparticular", added_on=date(2025, 1, 1)).id)
        self.interactions: list[int] = []

    def run(self, rng: random.Random, steps: int) -> None:
        """A random sequence of every kind of write that can move the counts."""
        for _ in range(steps):
            getattr(self, rng.choice(OPERATIONS))(rng)

    def _day(self, rng: random.Random) -> date:
        # Fifteen months back: month edges, and months outside the chart, are crossed.
        return TODAY - timedelta(days=rng.randrange(0, 460))

    def _some_people(self, rng: random.Random) -> list[int]:
        return rng.sample(self.people, rng.randint(1, min(3, len(self.people))))

    def log(self, rng: random.Random) -> None:
        if self.people:
            record = self.ws.interactions.log(
                self._some_people(rng), "Talk", occurred_on=self._day(rng)
            )
            self.interactions.append(record.id)

    def edit(self, rng: random.Random) -> None:
        if self.interactions and self.people:
            chosen = rng.choice(self.interactions)
            if rng.random() < 0.5:
                self.ws.interactions.update(chosen, occurred_on=self._day(rng))
            else:
                self.ws.interactions.update(chosen, participant_ids=self._some_people(rng))

    def forget(self, rng: random.Random) -> None:
        if self.interactions:
            chosen = self.interactions.pop(rng.randrange(len(self.interactions)))
            self.ws.interactions.delete(chosen)

    def move(self, rng: random.Random) -> None:
        if self.people and self.names:
            target = rng.choice([*self.names, None])
            chosen = rng.sample(self.people, rng.randint(1, 2))
            if rng.random() < 0.5:
                self.ws.contacts.set_department(chosen, target)
            else:
                self.ws.contacts.update(chosen[0], department=target)

    def archive(self, rng: random.Random) -> None:
        if self.people:
            self.ws.contacts.archive([rng.choice(self.people)], archived=rng.random() < 0.7)

    def change_me(self, rng: random.Random) -> None:
        roll = rng.random()
        if roll < 0.4 and self.people:
            self.ws.contacts.set_me(rng.choice(self.people))
        elif roll < 0.7:
            self.ws.contacts.clear_me()
        else:
            department = rng.choice([*self.names, None])
            self.people.append(
                self.ws.contacts.add(
                    f"New Me {len(self.people)}", department=department, is_me=True
                ).id
            )

    def delete_contact(self, rng: random.Random) -> None:
        if len(self.people) > 2:
            self.ws.contacts.delete(self.people.pop(rng.randrange(len(self.people))))

    def restructure(self, rng: random.Random) -> None:
        """Delete a department, its people moving to another one or to none; add one."""
        if len(self.names) > 1 and rng.random() < 0.6:
            gone = self.names.pop(rng.randrange(len(self.names)))
            departments = {d.name: d.id for d in self.ws.departments.list()}
            target = rng.choice([*self.names, None])
            self.ws.departments.delete(
                departments[gone], move_contacts_to=departments[target] if target else None
            )
        else:
            name = f"Dept {rng.randrange(10_000)}"
            if name not in self.names:
                self.ws.departments.add(name)
                self.names.append(name)


OPERATIONS = (
    "log", "log", "log", "edit", "forget", "move", "archive", "change_me", "delete_contact",
    "restructure",
)  # fmt: skip


@FEW
@given(seed=st.integers(0, 2**32 - 1), large_change=st.sampled_from([month_counts.LARGE_CHANGE, 0]))
def test_any_sequence_of_writes_keeps_the_counts_equal_to_a_recount(
    tmp_path_factory: pytest.TempPathFactory, seed: int, large_change: int
) -> None:
    # large_change 0 sends every change to contacts through the recount of their departments.
    path = tmp_path_factory.mktemp("writes") / "db.sqlite3"
    workspace = Workspace.open(str(path), FixedClock(TODAY))
    original = month_counts.LARGE_CHANGE
    month_counts.LARGE_CHANGE = large_change
    try:
        organisation = Organisation(workspace)
        organisation.run(random.Random(seed), 25)
        assert_current(workspace)
        assert all(result.ok for result in run_checks(workspace.db))
    finally:
        month_counts.LARGE_CHANGE = original
        workspace.close()


def test_the_chart_shows_the_maintained_counts(workspace: Workspace) -> None:
    organisation = Organisation(workspace)
    organisation.run(random.Random(9), 60)

    monthly = workspace.coverage.monthly_interactions(TODAY)

    recount = recounted(workspace)
    names = {d.id: d.name for d in workspace.departments.list()}
    expected = {
        names[d]: tuple(recount[(d, month)] for month in month_starts(TODAY, 12)) for d in names
    }
    assert {d.name: d.counts for d in monthly.departments} == expected
    assert monthly.total > 0


def test_a_meeting_moves_with_its_person_and_leaves_with_them(workspace: Workspace) -> None:
    finance = workspace.departments.add("Finance").id
    it = workspace.departments.add("IT").id
    ana = workspace.contacts.add("Ana", department="Finance").id
    bea = workspace.contacts.add("Bea", department="Finance").id
    meeting = workspace.interactions.log([ana, bea], "Budget", occurred_on=date(2026, 10, 31))
    november = date(2026, 11, 1)
    october = date(2026, 10, 1)
    assert stored(workspace) == {(finance, october): 1}  # two of Finance: once

    workspace.contacts.update(bea, department="IT")
    assert stored(workspace) == {(finance, october): 1, (it, october): 1}

    workspace.interactions.update(meeting.id, occurred_on=date(2026, 11, 1))
    assert stored(workspace) == {(finance, november): 1, (it, november): 1}

    workspace.contacts.set_me(ana)  # "me" counts for nobody
    assert stored(workspace) == {(it, november): 1}

    workspace.contacts.delete(bea)
    assert stored(workspace) == {}
    assert_current(workspace)


def test_a_deleted_department_hands_its_meetings_to_the_one_its_people_join(
    workspace: Workspace,
) -> None:
    finance = workspace.departments.add("Finance").id
    it = workspace.departments.add("IT").id
    ana = workspace.contacts.add("Ana", department="Finance").id
    carl = workspace.contacts.add("Carl", department="IT").id
    workspace.interactions.log([ana, carl], "Both", occurred_on=date(2026, 11, 2))
    workspace.interactions.log([ana], "Finance only", occurred_on=date(2026, 11, 3))

    workspace.departments.delete(finance, move_contacts_to=it)

    assert stored(workspace) == {(it, date(2026, 11, 1)): 2}  # "Both" once for IT
    assert_current(workspace)


def test_importing_a_department_for_a_known_person_moves_their_meetings(
    workspace: Workspace, tmp_path: Path
) -> None:
    finance = workspace.departments.add("Finance").id
    ben = workspace.contacts.add("Ben Stone", emails=["ben@corp.example"]).id
    workspace.interactions.log([ben], "Coffee", occurred_on=date(2026, 11, 2))
    assert stored(workspace) == {}

    csv = write_text(
        tmp_path / "people.csv", "Name,E-mail,Department\nBen Stone,ben@corp.example,Finance\n"
    )
    workspace.contact_import.apply(read_contacts_file(csv))

    assert stored(workspace) == {(finance, date(2026, 11, 1)): 1}
    assert_current(workspace)


def test_a_failed_write_leaves_the_counts_as_they_were(workspace: Workspace) -> None:
    workspace.departments.add("Finance")
    ana = workspace.contacts.add("Ana", department="Finance").id
    workspace.interactions.log([ana], "Budget", occurred_on=date(2026, 11, 2))
    before = stored(workspace)

    with pytest.raises(DeskBridgeError):
        workspace.contacts.delete_many([ana, 999_999])

    assert stored(workspace) == before


def test_check_reports_a_tampered_count_and_a_rebuild_repairs_it(workspace: Workspace) -> None:
    finance = workspace.departments.add("Finance").id
    ana = workspace.contacts.add("Ana", department="Finance").id
    workspace.interactions.log([ana], "Budget", occurred_on=date(2026, 11, 2))
    with workspace.db.unit_of_work() as session:
        session.execute(text("UPDATE department_month_counts SET interactions = 7"))

    results = {r.name: r for r in run_checks(workspace.db)}

    assert not results[CHECK].ok
    assert results[CHECK].details == (
        f"department {finance}, November 2026: 7 interactions counted, should be 1",
    )
    with workspace.db.unit_of_work() as session:
        rebuild_month_counts(session)
    assert all(r.ok for r in run_checks(workspace.db))


def test_upgrading_a_database_from_before_the_counts_fills_them(
    workspace: Workspace, db_path: Path
) -> None:
    organisation = Organisation(workspace)
    rng = random.Random(3)
    for _ in range(30):
        organisation.log(rng)
    expected = stored(workspace)
    assert expected == recounted(workspace) and expected
    config = alembic_config()
    with workspace.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    workspace.close()

    reopened = Workspace.open(str(db_path), FixedClock(TODAY))  # upgrades to the newest
    try:
        assert stored(reopened) == expected
    finally:
        reopened.close()
