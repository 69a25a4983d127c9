"""DeskBridge on a real PostgreSQL server: the same schema, and the same answers as SQLite.

Every test gets a new, empty database on the session's throwaway server (see
postgres_server.py and the fixtures at the end of conftest.py). Where a behaviour is shared,
one scenario runs on a fresh SQLite file and on PostgreSQL and the two results are compared
step by step, so any difference between the engines shows up with the step that caused it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from observations import counting_queries
from sqlalchemy import create_engine, func, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from deskbridge.clock import FixedClock
from deskbridge.demo import fill_demo
from deskbridge.errors import DatabaseOpenError, DeskBridgeError
from deskbridge.integrity import run_checks
from deskbridge.keep_in_touch import effective_cadence, schedule, status_on
from deskbridge.records import TouchStatus
from deskbridge.settings import default_cadence
from deskbridge.store.migrate import (
    SCHEMA_HEAD,
    alembic_config,
    current_revision,
    head_revision,
    include_in_comparison,
    upgrade_to_head,
)
from deskbridge.store.models import Base, Contact
from deskbridge.store.touch_columns import touch_drift
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)

Steps = list[tuple[str, Any]]
T = TypeVar("T")


def open_workspace(location: str) -> Workspace:
    return Workspace.open(location, FixedClock(NOW))


@pytest.fixture
def pg(fresh_postgres_url: str) -> Iterator[Workspace]:
    workspace = open_workspace(fresh_postgres_url)
    assert workspace.db.engine.dialect.name == "postgresql"
    yield workspace
    workspace.close()


def on_both_engines(
    tmp_path: Path, postgres: str, scenario: Callable[[Workspace], T]
) -> tuple[T, T]:
    """Run ``scenario`` on a new SQLite file and on the new PostgreSQL database."""
    results: list[T] = []
    for location in (str(tmp_path / "same-scenario.sqlite3"), postgres):
        workspace = open_workspace(location)
        try:
            results.append(scenario(workspace))
        finally:
            workspace.close()
    on_sqlite, on_postgres = results
    return on_sqlite, on_postgres


def assert_same_steps(on_sqlite: Steps, on_postgres: Steps) -> None:
    assert [name for name, _ in on_postgres] == [name for name, _ in on_sqlite]
    for (name, expected), (_, actual) in zip(on_sqlite, on_postgres, strict=True):
        assert actual == expected, f"PostgreSQL differs from SQLite at step {name!r}"


def drift(workspace: Workspace) -> list[Any]:
    with workspace.db.reading() as session:
        return touch_drift(session, default_cadence(session))


def checks_pass(workspace: Workspace) -> bool:
    results = run_checks(workspace.db)
    assert results, "run_checks ran no check"
    return all(result.ok for result in results)


# --- schema ------------------------------------------------------------------------------


def test_opening_an_empty_database_migrates_it_to_head(fresh_postgres_url: str) -> None:
    workspace = open_workspace(fresh_postgres_url)
    try:
        assert not workspace.db.is_sqlite
        assert workspace.db.path is None
        with workspace.db.engine.connect() as connection:
            assert current_revision(connection) == head_revision() == SCHEMA_HEAD
            tables = set(inspect(connection).get_table_names())
        # The mapped tables and Alembic's own; the FTS5 search index is SQLite's alone.
        assert tables == {*Base.metadata.tables, "alembic_version"}
        # At head, opening again only reads the revision: no DDL, no backup.
        with counting_queries(workspace) as statements:
            assert upgrade_to_head(workspace.db.engine) is None
        assert statements
        assert not [sql for sql in statements if not sql.lstrip().upper().startswith("SELECT")]
    finally:
        workspace.close()
    open_workspace(fresh_postgres_url).close()


def test_a_database_holding_other_tables_is_refused(fresh_postgres_url: str) -> None:
    engine = create_engine(fresh_postgres_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    finally:
        engine.dispose()
    with pytest.raises(DatabaseOpenError, match="not a DeskBridge database"):
        open_workspace(fresh_postgres_url)


def test_orm_models_match_the_migrated_schema(pg: Workspace) -> None:
    with pg.db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_in_comparison, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_upgrade_again(pg: Workspace) -> None:
    engine = pg.db.engine
    for revision, run in (("base", command.downgrade), ("head", command.upgrade)):
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            run(config, revision)
        if revision == "base":
            assert inspect(engine).get_table_names() == ["alembic_version"]
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        context = MigrationContext.configure(
            connection, opts={"include_object": include_in_comparison, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
    assert pg.contacts.add("Mara Jensen", is_me=True).is_me  # and the domain works on it


def test_at_most_one_contact_is_me(pg: Workspace) -> None:
    indexes = {index["name"]: index for index in inspect(pg.db.engine).get_indexes("contacts")}
    me_index = indexes["uq_contacts_is_me"]
    assert me_index["unique"]
    assert me_index["column_names"] == ["is_me"]
    assert me_index.get("dialect_options", {}).get("postgresql_where") == "is_me"

    first = pg.contacts.add("Mara Jensen", is_me=True)
    second = pg.contacts.add("Ola Berg")
    third = pg.contacts.add("Per Lund")  # any number of contacts are not "me"
    assert pg.contacts.me() == pg.contacts.get(first.id)
    pg.contacts.set_me(second.id)
    me = pg.contacts.me()
    assert me is not None and me.id == second.id
    assert not pg.contacts.get(first.id).is_me
    assert not pg.contacts.get(third.id).is_me

    # Around the domain, the database itself refuses a second "me".
    with pytest.raises(IntegrityError, match="uq_contacts_is_me"), pg.db.unit_of_work() as s:
        s.execute(update(Contact).where(Contact.id == first.id).values(is_me=True))
    me = pg.contacts.me()
    assert me is not None and me.id == second.id


# --- every kind of operation, compared with SQLite ---------------------------------------


def exercise_everything(ws: Workspace) -> Steps:
    """Departments, contacts, meetings, requests, goals, projects and tasks, each operation
    once or more; returns what every step returned (or the error it raised)."""
    steps: Steps = []

    def step(name: str, action: Callable[[], object]) -> Any:
        try:
            result = action()
        except DeskBridgeError as error:
            result = (type(error).__name__, str(error))
        steps.append((name, result))
        return result

    old = TODAY - timedelta(days=120)
    finance = step("add Finance", lambda: ws.departments.add("Finance", cadence_days=21))
    it = step("add IT", lambda: ws.departments.add("IT", colour_hex="#3366cc", notes="CRM"))
    sales = step("add Sales", lambda: ws.departments.add("Sales"))
    step("duplicate department", lambda: ws.departments.add("finance"))
    step("rename IT", lambda: ws.departments.update(it.id, name="IT Services", cadence_days=14))
    step("department named", lambda: ws.departments.named("it services"))

    me = step("add me", lambda: ws.contacts.add("Mara Jensen", is_me=True, added_on=old))
    ana = step(
        "add Ana",
        lambda: ws.contacts.add(
            "Ana Lopez",
            department="Finance",
            role="Controller",
            emails=["Ana.Lopez@Example.com", "ana@home.example"],
            phones=["+45 1234"],
            strengths="margin analysis, ROI",
            tags=["budget", "Budget", "roi"],
            added_on=old,
        ),
    )
    bo = step(
        "add Bo",
        lambda: ws.contacts.add("Bo Sand", department="IT Services", cadence_days=7, added_on=old),
    )
    cy = step("add Cy", lambda: ws.contacts.add("Cy Hall", department="Sales", added_on=old))
    di = step("add Di", lambda: ws.contacts.add("Di Moss", added_on=TODAY - timedelta(days=3)))
    step("bad e-mail", lambda: ws.contacts.add("Ed", emails=["not-an-address"]))
    step("unknown department", lambda: ws.contacts.add("Ed", department="Legal"))
    step(
        "update Ana",
        lambda: ws.contacts.update(
            ana.id, role="Head of Controlling", emails=["ana.lopez@example.com"], tags=["ROI"]
        ),
    )
    step("Bo to Sales", lambda: ws.contacts.update(bo.id, department="Sales", cadence_days=None))
    step("tag many", lambda: ws.contacts.add_tag([bo.id, cy.id], "crm"))
    step("resolve by e-mail", lambda: ws.contacts.resolve("ANA.LOPEZ@example.com").id)
    step("resolve by part", lambda: ws.contacts.resolve("sand").id)
    step("snooze Cy", lambda: ws.contacts.snooze(cy.id, TODAY + timedelta(days=10)))
    step("first page", lambda: ws.contacts.list(limit=2))
    step("next page", lambda: ws.contacts.list(after_name="Bo Sand", after_id=bo.id, limit=10))
    step("archive Di", lambda: ws.contacts.archive([di.id]))
    step("count", lambda: (ws.contacts.count(), ws.contacts.count(include_archived=True)))
    step("with archived", lambda: [c.id for c in ws.contacts.list(include_archived=True)])

    launch = step(
        "create project",
        lambda: ws.projects.create(
            "Launch Q1",
            purpose="Ship the spring campaign",
            starts_on=TODAY - timedelta(days=30),
            ends_on=TODAY + timedelta(days=60),
            department_ids=[finance.id, sales.id],
        ),
    )
    step("duplicate project", lambda: ws.projects.create("launch q1"))
    step("bad dates", lambda: ws.projects.create("X", starts_on=TODAY, ends_on=old))
    step("add member", lambda: ws.projects.add_member(launch.id, ana.id, "Numbers"))
    step("change role", lambda: ws.projects.add_member(launch.id, ana.id, "Budget owner"))
    step("add member 2", lambda: ws.projects.add_member(launch.id, bo.id))
    step("remove member", lambda: ws.projects.remove_member(launch.id, bo.id))
    step("activate", lambda: ws.projects.set_status(launch.id, "active"))
    step("back to proposed", lambda: ws.projects.set_status(launch.id, "proposed"))

    goal = step(
        "create goal",
        lambda: ws.goals.create(
            "Lift margin",
            metric_name="Gross margin",
            metric_unit="%",
            baseline=31.5,
            target=35.0,
            due_on=TODAY + timedelta(days=90),
            owner_id=ana.id,
            department_ids=[finance.id, sales.id],
            health="on_track",
        ),
    )
    step("check in", lambda: ws.goals.check_in(goal.id, 32.25, note="Q3"))
    step("check in earlier", lambda: ws.goals.check_in(goal.id, 31.75, checked_on=old))
    step("health", lambda: ws.goals.set_health(goal.id, "at_risk"))
    step("link goal", lambda: ws.projects.link_goal(launch.id, goal.id))
    step("link goal again", lambda: ws.projects.link_goal(launch.id, goal.id))
    other = step(
        "other goal", lambda: ws.goals.create("Faster close", metric_name="Days", target=3)
    )
    step("achieved", lambda: ws.goals.set_status(other.id, "achieved"))
    step("check in closed", lambda: ws.goals.check_in(other.id, 4))
    step("goals", lambda: ws.goals.list())
    step("active goals", lambda: ws.goals.list("active"))

    meeting = step(
        "log meeting",
        lambda: ws.interactions.log(
            [ana.id, me.id, ana.id],
            "Margin review",
            kind="workshop",
            occurred_on=TODAY - timedelta(days=10),
            notes="Went through the regional figures",
            outcome="Ana sends the model",
            project_id=launch.id,
        ),
    )
    step("log call", lambda: ws.interactions.log([bo.id], "CRM export", kind="call"))
    step(
        "future meeting",
        lambda: ws.interactions.log([bo.id], "Later", occurred_on=TODAY + timedelta(days=1)),
    )
    step("unknown kind", lambda: ws.interactions.log([bo.id], "Odd", kind="telepathy"))
    step(
        "move meeting",
        lambda: ws.interactions.update(
            meeting.id, occurred_on=TODAY - timedelta(days=40), participant_ids=[ana.id, cy.id]
        ),
    )
    coffee = step("log coffee", lambda: ws.interactions.log([cy.id], "Coffee", kind="coffee"))
    step("delete coffee", lambda: ws.interactions.delete(coffee.id))
    step("Ana's meetings", lambda: ws.interactions.with_contact(ana.id))
    step("recent", lambda: ws.interactions.recent(limit=5))

    ask = step(
        "ask",
        lambda: ws.requests.ask(
            ana.id,
            "Margin model",
            question="Can I reuse the regional model?",
            asked_on=TODAY - timedelta(days=8),
            needed_by=TODAY + timedelta(days=2),
        ),
    )
    step(
        "answer",
        lambda: ws.requests.answer(ask.id, "Yes, v3", answered_on=TODAY - timedelta(days=5)),
    )
    step("answer twice", lambda: ws.requests.answer(ask.id, "Again"))
    step("thank", lambda: ws.requests.thank(ask.id, note="Saved me a week"))
    step("thank twice", lambda: ws.requests.thank(ask.id))
    no = step("ask Bo", lambda: ws.requests.ask(bo.id, "Licences"))
    step("decline", lambda: ws.requests.decline(no.id))
    later = step("ask Cy", lambda: ws.requests.ask(cy.id, "Pipeline", needed_by=TODAY))
    step("ask Cy again", lambda: ws.requests.ask(cy.id, "Forecast"))
    step("thank open", lambda: ws.requests.thank(later.id))
    step("requests", lambda: ws.requests.list())
    step("open requests", lambda: ws.requests.list("open"))
    step("Ana's requests", lambda: ws.requests.for_contact(ana.id))
    withdrawn = step("ask to withdraw", lambda: ws.requests.ask(di.id, "Old idea"))
    step("withdraw", lambda: ws.requests.withdraw(withdrawn.id))

    brief = step(
        "create task",
        lambda: ws.tasks.create(
            "Brief agency",
            assignee_ids=[me.id, bo.id],
            due_on=TODAY - timedelta(days=1),
            project_id=launch.id,
            priority="high",
            notes="Use the new brand book",
        ),
    )
    landing = step(
        "create task 2",
        lambda: ws.tasks.create(
            "Landing page", assignee_ids=[bo.id], due_on=TODAY + timedelta(days=4)
        ),
    )
    solo = step("create task 3", lambda: ws.tasks.create("Read report", assignee_ids=[me.id]))
    step("bad priority", lambda: ws.tasks.create("X", priority="whenever"))
    step("assign", lambda: ws.tasks.assign(landing.id, [cy.id, bo.id]))
    step("unassign", lambda: ws.tasks.unassign(brief.id, bo.id))
    step("block", lambda: ws.tasks.set_status(landing.id, "blocked"))
    step(
        "complete",
        lambda: ws.tasks.complete(landing.id, completed_at=NOW - timedelta(days=2, hours=3)),
    )
    step("complete twice", lambda: ws.tasks.complete(landing.id))
    step("assign after done", lambda: ws.tasks.assign(landing.id, [ana.id]))
    step("reopen", lambda: ws.tasks.reopen(solo.id))
    step("complete solo", lambda: ws.tasks.set_status(solo.id, "done"))
    step("reopen solo", lambda: ws.tasks.reopen(solo.id))
    step("cancel solo", lambda: ws.tasks.set_status(solo.id, "cancelled"))
    step("mine", lambda: ws.tasks.mine(me.id))
    step("waiting on others", lambda: ws.tasks.waiting_on_others(me.id))
    step("overdue", lambda: ws.tasks.overdue())
    step("tasks", lambda: ws.tasks.list())
    step("project tasks", lambda: ws.tasks.list(project_id=launch.id, open_only=True))
    step("projects", lambda: ws.projects.list())

    step("Sales cadence", lambda: ws.departments.update(sales.id, cadence_days=10))
    step("default cadence", lambda: ws.keep_in_touch.set_default_cadence(45))
    step("contacts after", lambda: [ws.contacts.get(c.id) for c in (me, ana, bo, cy, di)])
    step("due", lambda: ws.keep_in_touch.due())
    step("due in a month", lambda: ws.keep_in_touch.due(TODAY + timedelta(days=30)))
    step("delete Finance", lambda: ws.departments.delete(finance.id))
    step("departments", lambda: ws.departments.list())
    step("Ana without department", lambda: ws.contacts.get(ana.id))
    step("due at the end", lambda: ws.keep_in_touch.due())
    step("drift", lambda: drift(ws))
    return steps


def test_every_operation_gives_the_same_answers_as_on_sqlite(
    tmp_path: Path, fresh_postgres_url: str
) -> None:
    on_sqlite, on_postgres = on_both_engines(tmp_path, fresh_postgres_url, exercise_everything)
    assert_same_steps(on_sqlite, on_postgres)
    results = dict(on_postgres)
    # And they are the right answers, not the same wrong ones.
    assert results["duplicate department"][0] == "ValidationError"
    assert results["resolve by e-mail"] == results["add Ana"].id
    ana = results["Ana without department"]
    assert ana.emails == ("ana.lopez@example.com",) and ana.tags == ("ROI",)
    # Her newest touch: the task she joined after it was done (the answer was older).
    assert ana.department is None and ana.last_touch_on == TODAY - timedelta(days=2)
    assert [c.value for c in results["goals"][0].checkins] == [31.75, 32.25]
    assert results["complete"].completed_at == NOW - timedelta(days=2, hours=3)
    assert [t.title for t in results["overdue"]] == ["Brief agency"]
    assert results["back to proposed"][0] == "TransitionError"
    assert [(row.name, row.status) for row in results["due in a month"]] == [
        ("Cy Hall", TouchStatus.STALE),  # Sales' 10 days; her snooze is over by then
        ("Bo Sand", TouchStatus.STALE),
        ("Ana Lopez", TouchStatus.OVERDUE),  # Finance's 21 days
    ]
    assert results["drift"] == []


def test_touch_columns_do_not_drift_and_checks_pass(pg: Workspace) -> None:
    exercise_everything(pg)
    assert drift(pg) == []
    results = run_checks(pg.db)
    assert [result.name for result in results] == [
        "keep-in-touch dates agree with a recomputation",
        "interactions per department and month agree with a recount",
    ]
    assert all(result.ok for result in results), results


def test_a_failed_unit_of_work_leaves_nothing_behind(pg: Workspace) -> None:
    pg.departments.add("Finance")
    with pytest.raises(IntegrityError), pg.db.unit_of_work() as session:
        insert = text("INSERT INTO departments (name, colour, notes) VALUES (:name, '#000000', '')")
        session.execute(insert, {"name": "IT"})
        session.execute(insert, {"name": "Finance"})  # the name is taken
    assert [d.name for d in pg.departments.list()] == ["Finance"]


# --- keep in touch -----------------------------------------------------------------------


# The departments' cadences at the end of keep_in_touch_world.
DEPARTMENT_CADENCE = {"Finance": 14, "IT": 21, "Sales": 45}


def keep_in_touch_world(ws: Workspace) -> Steps:
    """A seeded organisation touched in every way the rule knows; returns the due list on
    days around today, and every contact's stored dates."""
    rng = random.Random(20261123)
    ws.departments.add("Finance", cadence_days=14)
    ws.departments.add("IT", cadence_days=None)
    ws.departments.add("Sales", cadence_days=45)
    ws.keep_in_touch.set_default_cadence(30)
    departments = ["Finance", "IT", "Sales", None]
    people = []
    for number in range(40):
        people.append(
            ws.contacts.add(
                f"Person {number:02d}",
                department=rng.choice(departments),
                cadence_days=rng.choice([None, None, None, 3, 10, 60]),
                emails=[f"p{number}@example.com"] if number % 3 else [],
                added_on=TODAY - timedelta(days=rng.randint(0, 300)),
            )
        )
    ids = [person.id for person in people]
    for number in range(60):
        who = rng.choice(ids)
        day = TODAY - timedelta(days=rng.randint(0, 150))
        kind = number % 3
        if kind == 0:
            ws.interactions.log([who, rng.choice(ids)], f"Sync {number}", occurred_on=day)
        elif kind == 1:
            asked = ws.requests.ask(who, f"Figures {number}", asked_on=day - timedelta(days=2))
            ws.requests.answer(asked.id, "Here", answered_on=day)
        else:
            task = ws.tasks.create(f"Joint task {number}", assignee_ids=[who])
            ws.tasks.complete(task.id, completed_at=datetime.combine(day, datetime.min.time()))
    for who in rng.sample(ids, 4):
        ws.contacts.snooze(who, TODAY + timedelta(days=rng.randint(1, 20)))
    ws.contacts.archive(rng.sample(ids, 3))
    ws.departments.update(ws.departments.named("IT").id, cadence_days=21)

    steps: Steps = [("contacts", [ws.contacts.get(i) for i in ids])]
    for offset in (-30, -7, 0, 1, 7, 8, 20, 45, 90):
        day = TODAY + timedelta(days=offset)
        steps.append((f"due on {day}", ws.keep_in_touch.due(day)))
    steps.append(("first five", ws.keep_in_touch.due(limit=5)))
    steps.append(("drift", drift(ws)))
    return steps


def test_due_list_matches_sqlite_and_the_rule(tmp_path: Path, fresh_postgres_url: str) -> None:
    on_sqlite, on_postgres = on_both_engines(tmp_path, fresh_postgres_url, keep_in_touch_world)
    assert_same_steps(on_sqlite, on_postgres)

    results = dict(on_postgres)
    contacts = results["contacts"]
    today_list = results[f"due on {TODAY}"]
    seen = {row.status for name, rows in on_postgres if name.startswith("due on") for row in rows}
    assert seen == {TouchStatus.STALE, TouchStatus.OVERDUE, TouchStatus.DUE}
    # Most urgent first, then by next touch date.
    order = {TouchStatus.STALE: 0, TouchStatus.OVERDUE: 1, TouchStatus.DUE: 2}
    keys = [(order[row.status], row.next_touch, row.name) for row in today_list]
    assert keys == sorted(keys)
    assert results["first five"] == today_list[:5]
    # The rule, computed in Python from each contact's cadence and last touch, agrees with
    # the dates PostgreSQL stored and picks the same people.
    for offset in (-7, 0, 20):
        day = TODAY + timedelta(days=offset)
        expected = {}
        for contact in contacts:
            department = DEPARTMENT_CADENCE[contact.department] if contact.department else None
            cadence = effective_cadence(contact.cadence_days, department, 30)
            plan = schedule(contact.added_on, contact.last_touch_on, cadence)
            assert (plan.next_touch, plan.stale_after) == (
                contact.next_touch_on,
                contact.stale_after_on,
            )
            status = status_on(
                day, plan, snoozed_until=contact.snoozed_until, archived=contact.archived
            )
            if status in order:
                expected[contact.id] = status
        assert {row.id: row.status for row in results[f"due on {day}"]} == expected
    assert results["drift"] == []


def test_stored_dates_follow_the_effective_cadence(pg: Workspace) -> None:
    pg.departments.add("Finance", cadence_days=10)
    added = TODAY - timedelta(days=12)
    own = pg.contacts.add("Own", department="Finance", cadence_days=40, added_on=added)
    dept = pg.contacts.add("Dept", department="Finance", added_on=added)
    default = pg.contacts.add("Default", added_on=added)
    for record, cadence in ((own, 40), (dept, 10), (default, 30)):
        stored = pg.contacts.get(record.id)
        assert stored.next_touch_on == added + timedelta(days=cadence)
        assert stored.stale_after_on == added + timedelta(days=2 * cadence)
    # A task completed late in the evening touches on that calendar day.
    task = pg.tasks.create("Close books", assignee_ids=[dept.id])
    pg.tasks.complete(task.id, completed_at=datetime(2026, 11, 20, 23, 59, 59))
    assert pg.contacts.get(dept.id).last_touch_on == date(2026, 11, 20)
    assert [(row.name, row.status) for row in pg.keep_in_touch.due()] == [
        ("Dept", TouchStatus.DUE)  # next touch on the 30th, within the week
    ]
    assert drift(pg) == []


# --- search ------------------------------------------------------------------------------


def test_search_matches_titles_on_postgresql(pg: Workspace) -> None:
    finance = pg.departments.add("Margin Office", notes="quarterly close")
    ana = pg.contacts.add("Ana Márquez", department=finance.name, strengths="pricing")
    project = pg.projects.create("Margin rescue", purpose="pricing review")
    pg.goals.create("Lift margin", metric_name="Gross margin", target=35)
    pg.tasks.create("Margin deck", assignee_ids=[ana.id])
    pg.interactions.log([ana.id], "Margin workshop", notes="pricing ideas")
    pg.requests.ask(ana.id, "Margin figures", question="pricing by region")

    hits = pg.search("MARGIN")
    assert {hit.kind for hit in hits} == {
        "department",
        "project",
        "goal",
        "task",
        "interaction",
        "request",
    }
    # People first, then departments, projects, goals, requests, tasks, meetings.
    assert [hit.kind for hit in hits] == [
        "department",
        "project",
        "goal",
        "request",
        "task",
        "interaction",
    ]
    assert [hit.score for hit in hits] == [float(place) for place in range(len(hits))]
    assert [hit.title for hit in pg.search("rescue marg")] == [project.name]
    assert [(hit.kind, hit.id) for hit in pg.search("ana", kinds=["contact"])] == [
        ("contact", ana.id)
    ]
    assert [hit.title for hit in pg.search("Már")] == ["Ana Márquez"]
    # Titles only: words that occur only in notes or bodies are not found on PostgreSQL.
    assert pg.search("pricing") == []


# --- demo --------------------------------------------------------------------------------


def demo_organisation(ws: Workspace) -> Steps:
    summary = fill_demo(ws.db, today=TODAY, now=NOW, contacts=30)
    with ws.db.reading() as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(table))
            for name, table in sorted(Base.metadata.tables.items())
        }
    return [
        ("summary", summary),
        ("rows", counts),
        ("checks", checks_pass(ws)),
        ("due", ws.keep_in_touch.due()),
        ("me", ws.contacts.me()),
        ("page", ws.contacts.list(limit=10)),
        ("tasks", ws.tasks.list(open_only=True, limit=10)),
        ("goals", ws.goals.list()),
        ("projects", ws.projects.list()),
        ("requests", ws.requests.list(limit=10)),
    ]


def test_demo_fills_postgresql_as_it_fills_sqlite(tmp_path: Path, fresh_postgres_url: str) -> None:
    on_sqlite, on_postgres = on_both_engines(tmp_path, fresh_postgres_url, demo_organisation)
    assert_same_steps(on_sqlite, on_postgres)
    results = dict(on_postgres)
    assert results["checks"] is True
    assert results["summary"].contacts == 31
    me = results["me"]
    assert me is not None and me.full_name == "Mara Jensen"


def test_after_the_demo_new_rows_get_new_ids_and_checks_still_pass(
    fresh_postgres_url: str,
) -> None:
    workspace = open_workspace(fresh_postgres_url)
    try:
        summary = fill_demo(workspace.db, today=TODAY, now=NOW, contacts=30)
        # The load leaves planner statistics for what it filled (reltuples -1: never analysed).
        with workspace.db.engine.connect() as connection:
            for table in ("contacts", "interaction_participants", "tasks"):
                estimated = connection.scalar(
                    text("SELECT reltuples FROM pg_class WHERE relname = :table"),
                    {"table": table},
                )
                assert estimated == connection.scalar(text(f"SELECT count(*) FROM {table}"))
        assert checks_pass(workspace)
        with pytest.raises(DeskBridgeError, match="already has 31 contacts"):
            fill_demo(workspace.db, today=TODAY, now=NOW, contacts=30)
        finance = workspace.departments.add("Controlling")
        newcomer = workspace.contacts.add("New Person", department=finance.name)
        assert newcomer.id == summary.contacts + 1
        meeting = workspace.interactions.log([newcomer.id, 1], "Welcome coffee", kind="coffee")
        assert meeting.id == summary.interactions + 1
        task = workspace.tasks.create("Onboarding", assignee_ids=[newcomer.id])
        workspace.tasks.complete(task.id)
        workspace.requests.ask(newcomer.id, "Org chart")
        goal = workspace.goals.create("Onboard well", metric_name="Weeks", target=2)
        workspace.goals.check_in(goal.id, 3)
        project = workspace.projects.create("Buddy programme", department_ids=[finance.id])
        workspace.projects.add_member(project.id, newcomer.id)
        assert workspace.contacts.get(newcomer.id).last_touch_on == TODAY
        assert checks_pass(workspace)
    finally:
        workspace.close()


# --- deleting ----------------------------------------------------------------------------


def delete_a_contact(ws: Workspace) -> Steps:
    """A contact tied to everything, deleted: what goes with it and what stays."""
    finance = ws.departments.add("Finance")
    ana = ws.contacts.add(
        "Ana", department=finance.name, emails=["ana@example.com"], phones=["1"], tags=["roi"]
    )
    bo = ws.contacts.add("Bo", emails=["bo@example.com"], tags=["crm"])
    shared = ws.interactions.log([ana.id, bo.id], "Joint review", occurred_on=TODAY)
    alone = ws.interactions.log([ana.id], "One to one", occurred_on=TODAY - timedelta(days=2))
    ws.requests.ask(ana.id, "Numbers")
    ws.requests.ask(bo.id, "Access")
    task = ws.tasks.create("Deck", assignee_ids=[ana.id, bo.id])
    ws.tasks.complete(task.id)
    project = ws.projects.create("Launch")
    ws.projects.add_member(project.id, ana.id, "Numbers")
    ws.projects.add_member(project.id, bo.id)
    goal = ws.goals.create("Margin", metric_name="%", target=3, owner_id=ana.id)

    def rows() -> dict[str, int]:
        with ws.db.reading() as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0
                for name, table in sorted(Base.metadata.tables.items())
            }

    before = rows()
    ws.contacts.delete(ana.id)
    return [
        ("before", before),
        ("after", rows()),
        ("shared meeting", ws.interactions.get(shared.id)),
        ("meeting without anyone left", ws.interactions.get(alone.id)),
        ("task", ws.tasks.get(task.id)),
        ("project", ws.projects.get(project.id)),
        ("goal owner", ws.goals.get(goal.id).owner_id),
        ("Bo", ws.contacts.get(bo.id)),
        ("requests", ws.requests.list()),
        ("search", [hit.title for hit in ws.search("ana", kinds=["contact"])]),
        ("drift", drift(ws)),
        ("checks", checks_pass(ws)),
    ]


def test_deleting_a_contact_cascades_as_on_sqlite(tmp_path: Path, fresh_postgres_url: str) -> None:
    on_sqlite, on_postgres = on_both_engines(tmp_path, fresh_postgres_url, delete_a_contact)
    assert_same_steps(on_sqlite, on_postgres)
    results = dict(on_postgres)
    before, after = results["before"], results["after"]
    gone = {name: before[name] - after[name] for name in before if before[name] != after[name]}
    assert gone == {
        "contacts": 1,
        "contact_emails": 1,
        "contact_phones": 1,
        "contact_tags": 1,
        "interaction_participants": 2,
        "input_requests": 1,
        "task_assignees": 1,
        "project_members": 1,
        # Finance's meetings this month: none left without Ana.
        "department_month_counts": 1,
    }
    assert [p.name for p in results["shared meeting"].participants] == ["Bo"]
    assert results["meeting without anyone left"].participants == ()
    assert [p.name for p in results["task"].assignees] == ["Bo"]
    assert [m.contact.name for m in results["project"].members] == ["Bo"]
    assert results["goal owner"] is None
    assert [r.asked_of.name for r in results["requests"]] == ["Bo"]
    assert results["search"] == []
    assert results["checks"] is True


def desktop_views(ws: Workspace) -> Steps:
    """What the desktop app's views read, on a demo organisation."""
    from deskbridge.meeting_log import InteractionFilter

    fill_demo(ws.db, today=TODAY, now=NOW, contacts=30)
    finance = ws.departments.named("Finance")
    first = ws.meeting_log.page(limit=5)
    assert first.after is not None
    second = ws.meeting_log.page(after=first.after, limit=5)
    some = ws.contact_list.page().rows[3]
    ws.contacts.set_department([some.id], "Finance")
    return [
        ("summaries", ws.departments.summaries()),
        ("log pages", (first.rows, second.rows)),
        ("log by department", ws.meeting_log.page(InteractionFilter(department_id=finance.id))),
        ("log by kind", ws.meeting_log.count(InteractionFilter(kind="coffee"))),
        ("suggest", ws.contacts.suggest(some.name.split()[0][:2])),
        ("moved", ws.contacts.get(some.id)),
        ("tags", ws.contacts.tag_names()),
    ]


def test_desktop_views_read_the_same_on_postgresql(tmp_path: Path, fresh_postgres_url: str) -> None:
    on_sqlite, on_postgres = on_both_engines(tmp_path, fresh_postgres_url, desktop_views)
    assert_same_steps(on_sqlite, on_postgres)
