"""Contact actions the desktop app offers: bulk department change, tag names, and the
suggestions behind the participant picker."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbridge.errors import NotFoundError, ValidationError
from deskbridge.workspace import Workspace


def test_bulk_department_change_moves_contacts_and_their_cadence(workspace: Workspace) -> None:
    today = workspace.clock.today()
    workspace.departments.add("Finance", cadence_days=10)
    workspace.departments.add("IT", cadence_days=60)
    a = workspace.contacts.add("Ana Lopez", department="Finance", added_on=today)
    b = workspace.contacts.add("Bo Chen", department="Finance", added_on=today)
    workspace.contacts.set_department([a.id, b.id], "it")
    moved = workspace.contacts.get(a.id)
    assert moved.department == "IT"
    assert moved.next_touch_on == today + timedelta(days=60)
    workspace.contacts.set_department([b.id], None)
    assert workspace.contacts.get(b.id).department is None


def test_bulk_department_change_to_an_unknown_department_changes_nothing(
    workspace: Workspace,
) -> None:
    workspace.departments.add("Finance")
    a = workspace.contacts.add("Ana Lopez", department="Finance")
    with pytest.raises(ValidationError) as raised:
        workspace.contacts.set_department([a.id], "Legal")
    assert raised.value.field == "department"
    with pytest.raises(NotFoundError):
        workspace.contacts.set_department([a.id, 999], None)
    assert workspace.contacts.get(a.id).department == "Finance"


def test_tag_names_are_distinct_ignoring_case_and_alphabetical(workspace: Workspace) -> None:
    workspace.contacts.add("Ana Lopez", tags=["roi", "Budget"])
    workspace.contacts.add("Bo Chen", tags=["ROI", "crm"])
    assert [t.lower() for t in workspace.contacts.tag_names()] == ["budget", "crm", "roi"]


def test_suggestions_match_word_prefixes_of_names_best_first(workspace: Workspace) -> None:
    workspace.departments.add("Finance")
    workspace.contacts.add("Ana Lopez", department="Finance", emails=["ana@example.com"])
    workspace.contacts.add("Juliana Brandt")
    workspace.contacts.add("Bo Anand")
    workspace.contacts.add("Strengths Person", strengths="analytics")
    archived = workspace.contacts.add("Anastasia Old")
    workspace.contacts.archive([archived.id])

    found = workspace.contacts.suggest("an")
    assert [s.name for s in found] == ["Ana Lopez", "Bo Anand"]
    assert found[0].label == "Ana Lopez (Finance)"
    assert found[0].email == "ana@example.com"
    assert [s.name for s in workspace.contacts.suggest("lop an")] == ["Ana Lopez"]
    assert workspace.contacts.suggest("  ") == []


def test_a_new_database_is_new_until_something_is_added(workspace: Workspace) -> None:
    assert workspace.is_new()
    workspace.departments.add("Finance")
    assert not workspace.is_new()
