"""Every table round-trips through the ORM, and the schema itself refuses bad rows.

The constraint tests go through Core inserts on purpose: they prove what the database
enforces, whatever the domain's own validation does in front of it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Integer, delete, func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError

from deskbridge.store import vocabulary as v
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Base,
    Contact,
    ContactEmail,
    ContactTag,
    Department,
    GoalCheckin,
    Interaction,
    SharedGoal,
)

NOW = datetime(2026, 11, 23, 9, 30, 15, 123456)
DAY = NOW.date()
TABLES = Base.metadata.tables
MODELS = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}
FEW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def valid_rows() -> dict[str, dict[str, Any]]:
    """One valid row per table, every column given a value (mostly not the default)."""
    return {
        "settings": {"key": "default_cadence_days", "value": "30"},
        "departments": {
            "id": 1, "name": "Finance", "colour": "#3f51b5", "cadence_days": 21, "notes": "ROI",
        },
        "contacts": {
            "id": 1, "full_name": "Zoë Ångström", "department_id": 1, "role": "Controller",
            "location": "Lyon", "strengths": "budgets, ROI models", "notes": "mornings",
            "cadence_days": 14, "snoozed_until": date(2026, 12, 1), "archived": True,
            "is_me": True, "added_on": date(2026, 1, 5), "created_at": NOW,
            "last_touch_on": date(2026, 11, 2), "next_touch_on": date(2026, 11, 16),
            "stale_after_on": date(2026, 11, 30),
        },
        "contact_emails": {
            "id": 1, "contact_id": 1, "address": "zoe@example.com", "label": "work", "position": 0,
        },
        "contact_phones": {
            "id": 1, "contact_id": 1, "number": "+33 4 72 00 00 00", "label": "mobile",
            "position": 0,
        },
        "contact_tags": {"contact_id": 1, "name": "budget"},
        "projects": {
            "id": 1, "name": "Lead-to-cash", "purpose": "one pipeline", "status": "active",
            "starts_on": date(2026, 9, 1), "ends_on": date(2027, 3, 31), "created_at": NOW,
        },
        "interactions": {
            "id": 1, "occurred_on": date(2026, 11, 2), "kind": "coffee",
            "summary": "Q4 ROI review", "notes": "went well", "outcome": "shares the model",
            "project_id": 1, "created_at": NOW,
        },
        "interaction_participants": {"interaction_id": 1, "contact_id": 1},
        "input_requests": {
            "id": 1, "asked_of_id": 1, "topic": "Campaign ROI", "question": "Last quarter?",
            "asked_on": date(2026, 10, 20), "needed_by": date(2026, 10, 31), "status": "answered",
            "answer_summary": "112%", "answered_on": date(2026, 10, 28),
            "thanked_on": date(2026, 10, 29), "thanks_note": "coffee on me", "created_at": NOW,
        },
        "shared_goals": {
            "id": 1, "title": "Prove marketing ROI", "description": "with Finance", "owner_id": 1,
            "metric_name": "ROI", "metric_unit": "%", "baseline": 112.5, "target": 140.25,
            "due_on": date(2027, 6, 30), "status": "achieved", "health": "at_risk",
            "created_at": NOW,
        },
        "goal_departments": {"goal_id": 1, "department_id": 1},
        "goal_checkins": {
            "id": 1, "goal_id": 1, "checked_on": date(2026, 11, 1), "value": 118.75, "note": "up",
        },
        "project_departments": {"project_id": 1, "department_id": 1},
        "project_members": {"project_id": 1, "contact_id": 1, "role": "sponsor"},
        "project_goals": {"project_id": 1, "goal_id": 1},
        "tasks": {
            "id": 1, "title": "Share the ROI model", "notes": "xlsx", "project_id": 1,
            "due_on": date(2026, 11, 30), "priority": "high", "status": "done",
            "completed_at": datetime(2026, 11, 20, 17, 5), "created_at": NOW,
        },
        "task_assignees": {"task_id": 1, "contact_id": 1},
        "weekly_reviews": {
            "id": 1, "iso_week": "2026-W48", "completed_at": NOW, "acted_on": '["contact:1"]',
        },
        "department_month_counts": {
            "department_id": 1, "month": date(2026, 11, 1), "interactions": 3,
        },
    }  # fmt: skip


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at head, migrated once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    Database.open("sqlite:///" + str(path)).close()
    return path


@pytest.fixture
def db(migrated_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "deskbridge.sqlite3"
    shutil.copyfile(migrated_template, path)
    opened = Database.open("sqlite:///" + str(path))
    yield opened
    opened.close()


def seed(db: Database, *, up_to: str | None = None) -> None:
    """Insert the valid rows of every table (of every table before ``up_to``: its parents)."""
    rows = valid_rows()
    with db.engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name == up_to:
                break
            connection.execute(table.insert().values(rows[table.name]))


def seed_once(db: Database, *, up_to: str) -> None:
    """:func:`seed`, unless an earlier example of the same test already did."""
    first = Base.metadata.sorted_tables[0].name
    if first != up_to and count(db, first) == 0:
        seed(db, up_to=up_to)


def insert(db: Database, table: str, row: dict[str, Any]) -> None:
    with db.engine.begin() as connection:
        connection.execute(TABLES[table].insert().values(row))


def count(db: Database, table: str, **where: Any) -> int:
    columns = TABLES[table].c
    query = select(func.count()).select_from(TABLES[table])
    query = query.where(*(columns[name] == value for name, value in where.items()))
    with db.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def columns_of(obj: Any) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in sa_inspect(type(obj)).column_attrs}


# --- round trips -------------------------------------------------------------------------


def test_every_table_has_a_model_and_a_sample_row() -> None:
    assert len(TABLES) == 20
    assert set(MODELS) == set(TABLES) == set(valid_rows())


@pytest.mark.parametrize("table", sorted(TABLES))
def test_row_written_with_the_orm_reads_back_unchanged_in_a_new_session(
    db: Database, table: str
) -> None:
    rows = valid_rows()
    with db.unit_of_work() as session:
        for sorted_table in Base.metadata.sorted_tables:
            session.add(MODELS[sorted_table.name](**rows[sorted_table.name]))
            session.flush()

    model = MODELS[table]
    key = tuple(rows[table][column.name] for column in TABLES[table].primary_key.columns)
    with db.reading() as session:
        stored = session.get(model, key)
        assert stored is not None
        assert columns_of(stored) == rows[table]


def test_omitted_columns_get_their_documented_defaults(db: Database) -> None:
    required = {"added_on": DAY, "created_at": NOW, "next_touch_on": DAY, "stale_after_on": DAY}
    with db.unit_of_work() as session:
        session.add(Department(id=1, name="IT"))
        session.add(Contact(id=1, full_name="Ada", **required))
        session.add(Interaction(id=1, occurred_on=DAY, summary="Intro", created_at=NOW))
    with db.engine.connect() as connection:
        one = connection.exec_driver_sql
        assert one("SELECT colour, cadence_days FROM departments").one() == ("#607d8b", None)
        assert one("SELECT archived, is_me, role FROM contacts").one() == (0, 0, "")
        assert one("SELECT kind, notes FROM interactions").one() == ("meeting", "")


def test_relationships_read_back_in_their_declared_order(db: Database) -> None:
    seed(db)
    with db.unit_of_work() as session:
        contact = session.get(Contact, 1)
        assert contact is not None
        contact.emails.append(ContactEmail(address="z.a@example.org", position=2))
        contact.emails.append(ContactEmail(address="zoe@home.example", position=1))
        contact.tags.append(ContactTag(name="alpha"))
        session.add(GoalCheckin(goal_id=1, checked_on=date(2026, 10, 1), value=114.0))
    with db.reading() as session:
        contact = session.get(Contact, 1)
        goal = session.get(SharedGoal, 1)
        interaction = session.get(Interaction, 1)
        assert contact is not None and goal is not None and interaction is not None
        assert [e.position for e in contact.emails] == [0, 1, 2]
        assert [t.name for t in contact.tags] == ["alpha", "budget"]
        assert [c.checked_on for c in goal.checkins] == [date(2026, 10, 1), date(2026, 11, 1)]
        assert [p.contact_id for p in interaction.participants] == [1]


@FEW
@given(text=st.text(max_size=300))
def test_any_unicode_text_round_trips(db: Database, text: str) -> None:
    seed_once(db, up_to="contact_emails")
    with db.unit_of_work() as session:
        contact = session.get(Contact, 1)
        assert contact is not None
        contact.strengths = text
        contact.notes = text[::-1]
    with db.reading() as session:
        stored = session.get(Contact, 1)
        assert stored is not None
        assert (stored.strengths, stored.notes) == (text, text[::-1])


# --- constraints ---------------------------------------------------------------------------


def test_the_sample_row_of_every_table_is_accepted(db: Database) -> None:
    seed(db)  # the control for every rejection below: only the override is wrong
    assert all(count(db, table) == 1 for table in TABLES)


def _not_null_cases() -> list[Any]:
    cases = []
    for table in Base.metadata.sorted_tables:
        generated_id = len(table.primary_key.columns) == 1 and isinstance(
            next(iter(table.primary_key.columns)).type, Integer
        )
        for column in table.columns:
            if column.nullable or (column.primary_key and generated_id):
                continue
            cases.append(pytest.param(table.name, column.name, id=f"{table.name}.{column.name}"))
    return cases


@pytest.mark.parametrize(("table", "column"), _not_null_cases())
def test_null_in_a_not_null_column_is_rejected(db: Database, table: str, column: str) -> None:
    seed(db, up_to=table)
    with pytest.raises(IntegrityError, match=f"NOT NULL constraint failed: {table}\\.{column}\n"):
        insert(db, table, {**valid_rows()[table], column: None})


ANSWERED = date(2026, 10, 28)
CHECK_CASES = [  # (table, overrides of the sample row, constraint name after "ck_<table>_")
    ("departments", {"name": "   "}, "name_not_blank"),
    ("departments", {"name": ""}, "name_not_blank"),
    ("departments", {"cadence_days": 0}, "cadence_positive"),
    ("departments", {"cadence_days": -7}, "cadence_positive"),
    ("departments", {"colour": "#abc"}, "colour_hex"),
    ("contacts", {"full_name": "  "}, "name_not_blank"),
    ("contacts", {"cadence_days": 0}, "cadence_positive"),
    ("contacts", {"cadence_days": -30}, "cadence_positive"),
    ("contact_emails", {"address": "zoe.example.com"}, "address_shape"),
    ("contact_emails", {"address": "@example.com"}, "address_shape"),
    ("contact_emails", {"address": "zoe@"}, "address_shape"),
    ("contact_emails", {"position": -1}, "position_not_negative"),
    ("contact_phones", {"number": "   "}, "number_not_blank"),
    ("contact_phones", {"position": -1}, "position_not_negative"),
    ("contact_tags", {"name": " "}, "name_not_blank"),
    ("projects", {"name": "  "}, "name_not_blank"),
    ("projects", {"ends_on": date(2026, 8, 31)}, "dates_ordered"),  # starts 2026-09-01
    ("interactions", {"summary": "   "}, "summary_not_blank"),
    ("input_requests", {"topic": " "}, "topic_not_blank"),
    ("input_requests", {"answered_on": None, "thanked_on": None}, "answered_has_date"),
    ("input_requests", {"status": "open", "thanked_on": None}, "answered_has_date"),
    ("input_requests", {"status": "open", "answered_on": None}, "thanks_after_answer"),
    ("input_requests", {"status": "declined", "answered_on": None}, "thanks_after_answer"),
    ("shared_goals", {"title": "  "}, "title_not_blank"),
    ("shared_goals", {"metric_name": ""}, "metric_not_blank"),
    ("tasks", {"title": "   "}, "title_not_blank"),
    ("tasks", {"completed_at": None}, "done_has_completion"),  # the sample task is done
    ("tasks", {"status": "in_progress"}, "done_has_completion"),
    ("weekly_reviews", {"iso_week": "2026-48"}, "iso_week_shape"),
    ("department_month_counts", {"interactions": 0}, "interactions_positive"),
]


@pytest.mark.parametrize(
    ("table", "overrides", "constraint"),
    [pytest.param(*case, id=f"{case[0]}-{case[2]}-{i}") for i, case in enumerate(CHECK_CASES)],
)
def test_check_constraint_rejects_a_bad_row(
    db: Database, table: str, overrides: dict[str, Any], constraint: str
) -> None:
    seed(db, up_to=table)
    with pytest.raises(IntegrityError, match=f"CHECK constraint failed: ck_{table}_{constraint}\n"):
        insert(db, table, {**valid_rows()[table], **overrides})


ENUM_COLUMNS = [
    ("interactions", "kind", v.InteractionKind),
    ("input_requests", "status", v.RequestStatus),
    ("shared_goals", "status", v.GoalStatus),
    ("shared_goals", "health", v.GoalHealth),
    ("projects", "status", v.ProjectStatus),
    ("tasks", "status", v.TaskStatus),
    ("tasks", "priority", v.TaskPriority),
]


def row_with(table: str, column: str, value: str) -> dict[str, Any]:
    """The sample row with ``column`` set, and the columns tied to a status kept consistent."""
    row = {**valid_rows()[table], column: value}
    if (table, column) == ("input_requests", "status"):
        row.update(answered_on=ANSWERED if value == "answered" else None, thanked_on=None)
    if (table, column) == ("tasks", "status"):
        row.update(completed_at=NOW if value == "done" else None)
    return row


def insert_and_roll_back(db: Database, table: str, row: dict[str, Any]) -> None:
    with db.engine.connect() as connection:
        transaction = connection.begin()
        try:
            connection.execute(TABLES[table].insert().values(row))
        finally:
            transaction.rollback()


@pytest.mark.parametrize(("table", "column", "vocabulary"), ENUM_COLUMNS)
def test_every_vocabulary_member_is_accepted(
    db: Database, table: str, column: str, vocabulary: type[StrEnum]
) -> None:
    seed(db, up_to=table)
    for member in vocabulary:
        insert_and_roll_back(db, table, row_with(table, column, member.value))


def outside(values: list[str]) -> st.SearchStrategy[str]:
    near_misses = st.sampled_from(values).flatmap(
        lambda v: st.sampled_from([v.upper(), v.title(), f" {v}", f"{v} ", v.replace("_", " ")])
    )
    return st.one_of(near_misses, st.text(max_size=16)).filter(lambda s: s not in values)


@pytest.mark.parametrize(("table", "column", "vocabulary"), ENUM_COLUMNS)
@FEW
@given(data=st.data())
def test_any_string_outside_the_vocabulary_is_rejected(
    db: Database, table: str, column: str, vocabulary: type[StrEnum], data: st.DataObject
) -> None:
    seed_once(db, up_to=table)
    value = data.draw(outside([member.value for member in vocabulary]), label=column)
    with pytest.raises(IntegrityError, match=f"ck_{table}_{column}_known"):
        insert_and_roll_back(db, table, row_with(table, column, value))


UNIQUE_CASES = [
    ("departments", {"id": 2}),
    ("projects", {"id": 2}),
    ("weekly_reviews", {"id": 2}),
    ("contacts", {"id": 2, "full_name": "Another me"}),  # only one contact may be "me"
    ("contact_emails", {"id": 2, "address": "z@example.org"}),  # one address per position
    ("contact_phones", {"id": 2, "number": "112"}),
    ("contact_tags", {}),
    ("interaction_participants", {}),
    ("task_assignees", {}),
    ("project_members", {"role": "reviewer"}),
    ("goal_departments", {}),
]


@pytest.mark.parametrize(("table", "overrides"), UNIQUE_CASES, ids=[c[0] for c in UNIQUE_CASES])
def test_duplicate_is_rejected(db: Database, table: str, overrides: dict[str, Any]) -> None:
    seed(db)
    with pytest.raises(IntegrityError, match="UNIQUE constraint failed"):
        insert(db, table, {**valid_rows()[table], **overrides})


def test_any_number_of_contacts_may_be_not_me(db: Database) -> None:
    seed(db)
    for contact_id in (2, 3):
        insert(db, "contacts", {**valid_rows()["contacts"], "id": contact_id, "is_me": False})
    assert count(db, "contacts", is_me=False) == 2


FOREIGN_KEY_CASES = [
    ("interaction_participants", {"contact_id": 999}),
    ("interaction_participants", {"interaction_id": 999}),
    ("contacts", {"id": 2, "is_me": False, "department_id": 999}),
    ("contact_emails", {"id": 2, "position": 1, "contact_id": 999}),
    ("input_requests", {"id": 2, "asked_of_id": 999}),
    ("tasks", {"id": 2, "project_id": 999}),
    ("task_assignees", {"contact_id": 999}),
    ("goal_checkins", {"id": 2, "goal_id": 999}),
    ("project_members", {"contact_id": 999}),
    ("department_month_counts", {"month": date(2026, 10, 1), "department_id": 999}),
]


@pytest.mark.parametrize(("table", "overrides"), FOREIGN_KEY_CASES)
def test_reference_to_a_missing_row_is_rejected(
    db: Database, table: str, overrides: dict[str, Any]
) -> None:
    seed(db)
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        insert(db, table, {**valid_rows()[table], **overrides})


# --- ON DELETE -----------------------------------------------------------------------------


def delete_row(db: Database, table: str, row_id: int) -> None:
    with db.engine.begin() as connection:
        connection.execute(delete(TABLES[table]).where(TABLES[table].c.id == row_id))


def test_deleting_a_contact_removes_what_hangs_off_it_and_keeps_shared_things(
    db: Database,
) -> None:
    seed(db)
    other = {**valid_rows()["contacts"], "id": 2, "full_name": "Other", "is_me": False}
    insert(db, "contacts", other)
    insert(db, "interaction_participants", {"interaction_id": 1, "contact_id": 2})
    insert(db, "contact_emails", {**valid_rows()["contact_emails"], "id": 2, "contact_id": 2})

    delete_row(db, "contacts", 1)

    for table, column in [
        ("interaction_participants", "contact_id"), ("contact_emails", "contact_id"),
        ("contact_phones", "contact_id"), ("contact_tags", "contact_id"),
        ("input_requests", "asked_of_id"), ("task_assignees", "contact_id"),
        ("project_members", "contact_id"),
    ]:  # fmt: skip
        assert count(db, table, **{column: 1}) == 0, table
    assert count(db, "interaction_participants", contact_id=2) == 1
    assert count(db, "contact_emails", contact_id=2) == 1
    assert count(db, "interactions") == count(db, "tasks") == 1
    assert count(db, "shared_goals", owner_id=None) == 1


def test_deleting_a_department_keeps_its_contacts_without_a_department(db: Database) -> None:
    seed(db)
    delete_row(db, "departments", 1)
    assert count(db, "contacts", department_id=None) == 1
    assert count(db, "goal_departments") == count(db, "project_departments") == 0


def test_deleting_a_department_through_the_orm_keeps_its_contacts(db: Database) -> None:
    seed(db)
    with db.unit_of_work() as session:
        session.delete(session.get(Department, 1))
    with db.reading() as session:
        contact = session.get(Contact, 1)
        assert contact is not None and contact.department_id is None


def test_deleting_a_project_keeps_its_tasks_and_interactions_unlinked(db: Database) -> None:
    seed(db)
    delete_row(db, "projects", 1)
    assert count(db, "tasks", project_id=None) == 1
    assert count(db, "interactions", project_id=None) == 1
    for table in ("project_members", "project_departments", "project_goals"):
        assert count(db, table) == 0, table


def test_deleting_a_goal_removes_its_checkins_and_links(db: Database) -> None:
    seed(db)
    delete_row(db, "shared_goals", 1)
    for table in ("goal_checkins", "goal_departments", "project_goals"):
        assert count(db, table) == 0, table
    assert count(db, "projects") == count(db, "departments") == 1
