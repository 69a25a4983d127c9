"""The domain reads and writes behind the Departments and Meetings views: department counts,
deleting a department with its people, and the meeting log's filters and keyset pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from deskbridge.errors import ValidationError
from deskbridge.interactions import INTERACTION_KINDS
from deskbridge.meeting_log import InteractionFilter
from deskbridge.workspace import Workspace


def test_interaction_kinds_are_offered_to_the_ui_in_order() -> None:
    assert INTERACTION_KINDS == (
        "meeting", "call", "email", "chat", "coffee", "workshop", "other",
    )  # fmt: skip


# -- departments ---------------------------------------------------------------------------


def test_summaries_count_active_contacts_and_who_is_overdue_or_due(workspace: Workspace) -> None:
    today = workspace.clock.today()
    workspace.departments.add("Finance", cadence_days=30)
    workspace.departments.add("IT")
    workspace.contacts.add("Overdue Olga", department="Finance", added_on=today - timedelta(40))
    workspace.contacts.add("Due Dan", department="Finance", added_on=today - timedelta(25))
    workspace.contacts.add("Fine Fay", department="Finance", added_on=today)
    gone = workspace.contacts.add("Archived Al", department="Finance", added_on=today)
    workspace.contacts.archive([gone.id])

    finance, it = workspace.departments.summaries()
    assert (finance.name, finance.cadence_days) == ("Finance", 30)
    assert (finance.contacts, finance.overdue, finance.due) == (3, 1, 1)
    assert (it.name, it.cadence_days, it.contacts, it.overdue, it.due) == ("IT", None, 0, 0, 0)


def test_a_touch_takes_a_contact_out_of_the_overdue_count(workspace: Workspace) -> None:
    today = workspace.clock.today()
    workspace.departments.add("Sales")
    olga = workspace.contacts.add("Olga", department="Sales", added_on=today - timedelta(40))
    assert workspace.departments.summaries()[0].overdue == 1
    workspace.interactions.log([olga.id], "Coffee", kind="coffee")
    assert workspace.departments.summaries()[0].overdue == 0


def test_department_validation_names_the_field(workspace: Workspace) -> None:
    workspace.departments.add("Finance")
    for call, field in (
        (lambda: workspace.departments.add("  "), "name"),
        (lambda: workspace.departments.add("finance"), "name"),
        (lambda: workspace.departments.add("IT", cadence_days=0), "cadence"),
        (lambda: workspace.departments.add("IT", colour_hex="blue"), "colour"),
    ):
        with pytest.raises(ValidationError) as raised:
            call()
        assert raised.value.field == field
    assert [d.name for d in workspace.departments.list()] == ["Finance"]


def test_deleting_a_department_moves_its_contacts_or_leaves_them_without_one(
    workspace: Workspace,
) -> None:
    finance = workspace.departments.add("Finance")
    it = workspace.departments.add("IT")
    sales = workspace.departments.add("Sales")
    ana = workspace.contacts.add("Ana", department="Finance")
    bo = workspace.contacts.add("Bo", department="IT")

    with pytest.raises(ValidationError) as raised:
        workspace.departments.delete(finance.id, move_contacts_to=finance.id)
    assert raised.value.field == "move contacts to"

    workspace.departments.delete(finance.id, move_contacts_to=sales.id)
    assert workspace.contacts.get(ana.id).department == "Sales"
    workspace.departments.delete(it.id)
    assert workspace.contacts.get(bo.id).department_id is None
    assert [d.name for d in workspace.departments.list()] == ["Sales"]


# -- the meeting log -----------------------------------------------------------------------


@pytest.fixture
def people(workspace: Workspace) -> dict[str, int]:
    workspace.departments.add("Finance")
    workspace.departments.add("IT")
    return {
        "ana": workspace.contacts.add("Ana Lopez", department="Finance").id,
        "bo": workspace.contacts.add("Bo Chen", department="IT").id,
        "cy": workspace.contacts.add("Cy Nobody").id,
    }


def test_rows_are_newest_first_with_people_and_departments(
    workspace: Workspace, people: dict[str, int]
) -> None:
    today = workspace.clock.today()
    workspace.interactions.log([people["ana"]], "Old", occurred_on=today - timedelta(9))
    workspace.interactions.log(
        [people["bo"], people["ana"]], "New", kind="call", occurred_on=today, outcome="Agreed"
    )
    rows = workspace.meeting_log.page().rows
    assert [row.summary for row in rows] == ["New", "Old"]
    assert rows[0].kind == "call"
    assert rows[0].outcome == "Agreed"
    assert [p.name for p in rows[0].participants] == ["Ana Lopez", "Bo Chen"]
    assert rows[0].departments == ("Finance", "IT")


def test_each_filter_narrows_the_log_and_its_count(
    workspace: Workspace, people: dict[str, int]
) -> None:
    today = workspace.clock.today()
    log = workspace.interactions.log
    log([people["ana"]], "Finance call", kind="call", occurred_on=today - timedelta(2))
    log([people["bo"]], "IT coffee", kind="coffee", occurred_on=today - timedelta(20))
    log([people["cy"]], "Chat with Cy", kind="chat", occurred_on=date(2025, 12, 1))
    finance = workspace.departments.named("Finance").id

    def summaries(shown: InteractionFilter) -> list[str]:
        rows = [row.summary for row in workspace.meeting_log.page(shown).rows]
        assert workspace.meeting_log.count(shown) == len(rows)
        return rows

    assert len(summaries(InteractionFilter())) == 3
    assert summaries(InteractionFilter(kind="coffee")) == ["IT coffee"]
    assert summaries(InteractionFilter(department_id=finance)) == ["Finance call"]
    assert summaries(InteractionFilter(contact_id=people["cy"])) == ["Chat with Cy"]
    assert summaries(InteractionFilter(since=today - timedelta(6))) == ["Finance call"]
    assert summaries(InteractionFilter(until=date(2025, 12, 31))) == ["Chat with Cy"]
    assert summaries(InteractionFilter(kind="call", department_id=finance)) == ["Finance call"]
    assert summaries(InteractionFilter(kind="chat", department_id=finance)) == []
    with pytest.raises(ValidationError) as raised:
        workspace.meeting_log.page(InteractionFilter(since=today, until=today - timedelta(1)))
    assert raised.value.field == "from"


def test_keyset_pages_walk_the_whole_log_once_newest_first(
    workspace: Workspace, people: dict[str, int]
) -> None:
    today = workspace.clock.today()
    # Several interactions share each day, so the id has to break ties between pages.
    for number in range(53):
        workspace.interactions.log(
            [people["ana"]], f"Talk {number}", occurred_on=today - timedelta(number // 4)
        )
    seen: list[int] = []
    days: list[date] = []
    after = None
    pages = 0
    while True:
        page = workspace.meeting_log.page(after=after, limit=10)
        pages += 1
        seen.extend(row.id for row in page.rows)
        days.extend(row.occurred_on for row in page.rows)
        if page.after is None:
            break
        assert len(page.rows) == 10
        after = page.after
    assert pages == 6
    assert len(seen) == len(set(seen)) == 53
    assert days == sorted(days, reverse=True)
    same_day = [i for i, d in zip(seen, days, strict=True) if d == today]
    assert same_day == sorted(same_day, reverse=True)
    assert workspace.meeting_log.count() == 53


def test_a_page_ending_exactly_at_the_last_row_says_there_is_no_more(
    workspace: Workspace, people: dict[str, int]
) -> None:
    for number in range(10):
        workspace.interactions.log([people["bo"]], f"Talk {number}")
    page = workspace.meeting_log.page(limit=10)
    assert len(page.rows) == 10
    assert page.after is None


def test_editing_and_deleting_an_interaction_moves_the_last_touch(
    workspace: Workspace, people: dict[str, int]
) -> None:
    today = workspace.clock.today()
    logged = workspace.interactions.log([people["ana"]], "Lunch", occurred_on=today)
    changed = workspace.interactions.update(
        logged.id, summary="Long lunch", kind="coffee", occurred_on=today - timedelta(3)
    )
    assert (changed.summary, changed.kind) == ("Long lunch", "coffee")
    assert workspace.contacts.get(people["ana"]).last_touch_on == today - timedelta(3)
    workspace.interactions.delete(logged.id)
    assert workspace.meeting_log.count() == 0
    assert workspace.contacts.get(people["ana"]).last_touch_on is None


def test_updating_an_interaction_tags_untags_or_keeps_its_project(
    workspace: Workspace, people: dict[str, int]
) -> None:
    launch = workspace.projects.create("Launch")
    logged = workspace.interactions.log([people["ana"]], "Kick-off")
    assert logged.project_id is None

    tagged = workspace.interactions.update(logged.id, project_id=launch.id)
    assert tagged.project_id == launch.id
    assert [i.id for i in workspace.projects.interactions(launch.id)] == [logged.id]

    kept = workspace.interactions.update(logged.id, summary="Kick-off with Finance")
    assert kept.project_id == launch.id, "leaving project_id out keeps the project"

    with pytest.raises(ValidationError) as refused:
        workspace.interactions.update(logged.id, project_id=launch.id + 99, summary="Lost")
    assert refused.value.field == "project"
    assert workspace.interactions.get(logged.id).summary == "Kick-off with Finance"

    untagged = workspace.interactions.update(logged.id, project_id=None)
    assert untagged.project_id is None
    assert workspace.projects.interactions(launch.id) == []
