"""CSV exports: one sheet per kind of thing, readable headers, and no formula injection."""

from __future__ import annotations

import csv
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbridge.demo import fill_demo
from deskbridge.errors import Cancelled, DeskBridgeError, ExchangeFileError
from deskbridge.exchange.csv_export import FORMULA_STARTS, SHEETS, safe_cell
from deskbridge.exchange.exports import EXPORTABLE, ExportFormat
from deskbridge.store.models import (
    Base,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Department,
    GoalCheckin,
    GoalDepartment,
    InputRequest,
    Interaction,
    InteractionParticipant,
    Project,
    ProjectDepartment,
    ProjectGoal,
    ProjectMember,
    SharedGoal,
    Task,
    TaskAssignee,
)
from deskbridge.workspace import Workspace

NOW = datetime(2026, 11, 23, 9, 0)


def read_sheet(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-5", "'-5"),
        (-5, "'-5"),
        (-2.5, "'-2.5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("Ana Ruiz", "Ana Ruiz"),
        (None, ""),
        (True, "yes"),
        (date(2026, 11, 23), "2026-11-23"),
        (datetime(2026, 11, 23, 16, 30), "2026-11-23 16:30:00"),
        (30, "30"),
    ],
)
def test_safe_cell_neutralises_formulas(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_contacts_sheet_has_readable_headers_and_joined_values(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.departments.add("Finance")
    ana = workspace.contacts.add(
        "Ana Ruiz",
        department="Finance",
        role="Controller",
        emails=["ana@example.com", "ana.ruiz@example.org"],
        phones=["+34 91 123", "600 100 200"],
        tags=["budget", "roi"],
        added_on=date(2026, 1, 5),
    )
    path = tmp_path / "contacts.csv"

    result = workspace.exports.write(path)

    rows = read_sheet(path)
    assert result.format is ExportFormat.CSV and result.what == "contacts" and result.items == 1
    assert rows[0][:6] == ["ID", "Name", "Department", "Role", "E-mails", "Phones"]
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["ID"] == str(ana.id)
    assert record["E-mails"] == "ana@example.com; ana.ruiz@example.org"
    assert record["Phones"] == "'+34 91 123; 600 100 200"
    assert record["Tags"] == "budget; roi"
    assert record["Added on"] == "2026-01-05"
    assert record["Next touch"] == ana.next_touch_on.isoformat()
    assert record["Archived"] == "no"


def test_every_kind_exports_one_row_per_thing(workspace: Workspace, tmp_path: Path) -> None:
    summary = fill_demo(workspace.db, today=NOW.date(), now=NOW, contacts=40)
    expected = {
        "contacts": summary.contacts, "departments": summary.departments,
        "interactions": summary.interactions, "requests": summary.requests,
        "goals": summary.goals, "projects": summary.projects, "tasks": summary.tasks,
    }  # fmt: skip
    for what in EXPORTABLE:
        path = tmp_path / f"{what}.csv"
        result = workspace.exports.write(path, what=what)
        rows = read_sheet(path)
        assert tuple(rows[0]) == SHEETS[what][0]
        assert result.items == len(rows) - 1 == expected[what], what
        assert all(len(row) == len(rows[0]) for row in rows)
    interactions = read_sheet(tmp_path / "interactions.csv")
    with_me = [row for row in interactions[1:] if "Mara Jensen" in row[4]]
    assert with_me and all("; " in row[4] for row in with_me)  # several participants


def test_a_selection_of_contacts(workspace: Workspace, tmp_path: Path) -> None:
    fill_demo(workspace.db, today=NOW.date(), now=NOW, contacts=40)
    path = tmp_path / "some.csv"

    result = workspace.exports.write(path, contact_ids=[31, 2, 17, 2])

    assert result.items == 3
    assert [row[0] for row in read_sheet(path)[1:]] == ["2", "17", "31"]


def test_what_must_be_something_a_csv_holds(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(DeskBridgeError, match="cannot export 'settings' as CSV"):
        workspace.exports.write(tmp_path / "x.csv", what="settings")
    with pytest.raises(DeskBridgeError, match="only contacts"):
        workspace.exports.write(tmp_path / "x.csv", what="tasks", contact_ids=[1])
    assert not list(tmp_path.glob("*x.csv*"))


def test_a_cancelled_export_leaves_the_old_file_untouched(
    workspace: Workspace, tmp_path: Path
) -> None:
    fill_demo(workspace.db, today=NOW.date(), now=NOW, contacts=5000)
    path = tmp_path / "interactions.csv"
    path.write_text("the previous export\n", "utf-8")

    def cancel(done: int, total: int) -> None:
        if done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        workspace.exports.write(path, what="interactions", progress=cancel)

    assert path.read_text("utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.glob("*interactions.csv*")] == ["interactions.csv"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_names_the_path(workspace: Workspace, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(ExchangeFileError, match=r"locked/contacts\.csv: cannot be written"):
        workspace.exports.write(locked / "contacts.csv")


def test_a_missing_folder_names_the_path(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "contacts.csv"
    with pytest.raises(ExchangeFileError) as raised:
        workspace.exports.write(target)
    assert str(target) in str(raised.value)
    assert "cannot be written" in str(raised.value)


# --- hostile text in every text field ----------------------------------------------------

# No NUL: SQLite's text functions (the schema's length and trim checks) stop at one.
# Text a user can type: UTF-8 has no lone surrogates (SQLite refuses to store them).
stored_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
hostile = st.one_of(
    stored_text,
    st.tuples(st.sampled_from(FORMULA_STARTS), stored_text).map("".join),
    st.sampled_from(["=cmd|' /C calc'!A0", "-1", "+1", "@SUM(1)", "-2+3", "\t=1", "\r\n=1"]),
)


def non_blank(text: str) -> str:
    """Text SQLite's trim() does not find blank, keeping the hostile start."""
    return text if text.strip(" ") else text + "x"


def clear(workspace: Workspace) -> None:
    with workspace.db.unit_of_work() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())


def add_hostile_rows(workspace: Workspace, texts: list[str]) -> None:
    """One of each thing, every text field from ``texts`` (and a negative baseline)."""
    pick = iter(texts * 40)

    def text() -> str:
        return next(pick)

    def name() -> str:
        return non_blank(text())

    day = NOW.date()
    with workspace.db.unit_of_work() as session:
        department = Department(id=1, name=name(), colour=(text() + "#123456")[:7], notes=text())
        contact = Contact(
            id=1, full_name=name(), department=department, role=text(), location=text(),
            strengths=text(), notes=text(), added_on=day, created_at=NOW, next_touch_on=day,
            stale_after_on=day,
        )  # fmt: skip
        session.add_all([department, contact])
        session.flush()
        session.add_all([
            ContactEmail(contact_id=1, address=text() + "a@x", label=text(), position=0),
            ContactPhone(contact_id=1, number=name(), label=text(), position=0),
            ContactTag(contact_id=1, name=name()),
            Project(id=1, name=name(), purpose=text(), status="active", created_at=NOW),
            SharedGoal(
                id=1, title=name(), description=text(), owner_id=1, metric_name=name(),
                metric_unit=text(), baseline=-3.5, target=-1, created_at=NOW,
            ),
        ])  # fmt: skip
        session.flush()
        session.add_all([
            GoalCheckin(goal_id=1, checked_on=day, value=-2, note=text()),
            GoalDepartment(goal_id=1, department_id=1),
            ProjectDepartment(project_id=1, department_id=1),
            ProjectMember(project_id=1, contact_id=1, role=text()),
            ProjectGoal(project_id=1, goal_id=1),
            Interaction(
                id=1, occurred_on=day, summary=name(), notes=text(), outcome=text(),
                project_id=1, created_at=NOW,
            ),
            InputRequest(
                id=1, asked_of_id=1, topic=name(), question=text(), asked_on=day,
                answer_summary=text(), thanks_note=text(), created_at=NOW,
            ),
            Task(id=1, title=name(), notes=text(), project_id=1, created_at=NOW),
        ])  # fmt: skip
        session.flush()
        session.add_all([
            InteractionParticipant(interaction_id=1, contact_id=1),
            TaskAssignee(task_id=1, contact_id=1),
        ])  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(hostile, min_size=1, max_size=12))
def test_no_cell_of_any_export_starts_like_a_formula(
    workspace: Workspace, tmp_path: Path, texts: list[str]
) -> None:
    clear(workspace)
    add_hostile_rows(workspace, texts)
    for what in EXPORTABLE:
        path = tmp_path / f"{what}.csv"
        workspace.exports.write(path, what=what)
        rows = read_sheet(path)
        assert len(rows) == 2, what
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (what, cell)
