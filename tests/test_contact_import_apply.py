"""Importing contacts into a database: what the preview promises, what apply stores, and that
a cancelled or failed import leaves the database exactly as it was."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from contact_files import database_dump, google_csv, linkedin_csv, outlook_csv, write_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbridge.clock import FixedClock
from deskbridge.errors import Cancelled, DeskBridgeError
from deskbridge.exchange import contact_writing
from deskbridge.exchange.contact_import import (
    ImportAction,
    ImportResult,
    PlannedContact,
    read_contacts_file,
)
from deskbridge.integrity import run_checks
from deskbridge.workspace import Workspace

KNOWN_FILE = (
    "Name,E-mail,Phone,Role,Department,Tags\n"
    'Ada Okafor,"ADA@corp.example; ada@home.example",+49 151 1,Controller,Finance,VIP;Budget\n'
    "Ben Stone,ben@corp.example,,,IT,\n"
    "Sam Lee,sam@x.org,,,,\n"
    "Up To Date,utd@x.org,,Boss,Finance,\n"
    "New Person,new@x.org,,Analyst,Finance,\n"
    "New Person Again,NEW@x.org,,,,\n"
    "Bad,bad-address,,,,\n"
    "Other New,other@x.org,+1 555 0100,,Legal,Europe\n"
)


def seed(ws: Workspace) -> dict[str, int]:
    ws.departments.add("finance", cadence_days=14)
    ids = {
        "ada": ws.contacts.add(
            "Ada Okafor", emails=["ada@corp.example"], phones=["+491511"], tags=["vip"]
        ).id,
        "ben": ws.contacts.add("Ben Stone", role="Engineer").id,
        "utd": ws.contacts.add(
            "Up To Date", emails=["utd@x.org"], role="Boss", department="Finance"
        ).id,
    }
    ws.contacts.add("Sam Lee")
    ws.contacts.add("sam lee", role="Designer")
    ws.contacts.add("Tara Andersen", emails=["tara.a@corp.example"])
    return ids


def all_checks_pass(ws: Workspace) -> bool:
    return all(check.ok for check in run_checks(ws.db))


def test_preview_says_exactly_what_will_happen_and_why(
    workspace: Workspace, tmp_path: Path
) -> None:
    ids = seed(workspace)
    parsed = read_contacts_file(write_text(tmp_path / "known.csv", KNOWN_FILE))

    preview = workspace.contact_import.preview(parsed)

    assert (preview.created, preview.updated, preview.skipped, preview.errors) == (2, 2, 3, 1)
    assert preview.rows == (
        PlannedContact("line 2", "Ada Okafor", ImportAction.UPDATE,
                       "adds 1 e-mail and 1 tag, sets role and department", ids["ada"]),
        PlannedContact("line 3", "Ben Stone", ImportAction.UPDATE,
                       "adds 1 e-mail, sets department (matched by name)", ids["ben"]),
        PlannedContact("line 4", "Sam Lee", ImportAction.SKIP,
                       "2 contacts are named 'Sam Lee'; which is meant?", None),
        PlannedContact("line 5", "Up To Date", ImportAction.SKIP, "already up to date",
                       ids["utd"]),
        PlannedContact("line 6", "New Person", ImportAction.CREATE, "new contact in Finance",
                       None),
        PlannedContact("line 7", "New Person Again", ImportAction.SKIP, "same person as line 6",
                       None),
        PlannedContact("line 8", "", ImportAction.ERROR,
                       "E-mail: 'bad-address' is not an e-mail address", None),
        PlannedContact("line 9", "Other New", ImportAction.CREATE,
                       "new contact in Legal (new department)", None),
    )  # fmt: skip


def test_namesakes_with_different_emails_are_different_people(
    workspace: Workspace, tmp_path: Path
) -> None:
    seed(workspace)
    parsed = read_contacts_file(
        write_text(
            tmp_path / "namesakes.csv",
            "Name,E-mail\n"
            "Tara Andersen,tara.andersen@corp.example\n"
            "Tara Andersen,t.andersen@corp.example\n"
            "Tara Andersen,\n",
        )
    )

    preview = workspace.contact_import.preview(parsed)

    assert [(row.action, row.reason) for row in preview.rows] == [
        (ImportAction.CREATE, "new contact"),
        (ImportAction.CREATE, "new contact"),
        # No e-mail to tell them apart: the one already stored is taken to be meant.
        (ImportAction.SKIP, "already up to date"),
    ]


def test_apply_creates_and_updates_without_losing_anything(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    ids = seed(workspace)
    parsed = read_contacts_file(write_text(tmp_path / "known.csv", KNOWN_FILE))

    result = workspace.contact_import.apply(parsed)

    assert result == ImportResult(created=2, updated=2, skipped=3, errors=1)
    ada = workspace.contacts.get(ids["ada"])
    assert ada.emails == ("ada@corp.example", "ada@home.example")
    assert ada.phones == ("+491511",)  # "+49 151 1" is the same number
    assert sorted(ada.tags) == ["Budget", "vip"]
    assert (ada.role, ada.department) == ("Controller", "finance")
    ben = workspace.contacts.get(ids["ben"])
    assert (ben.role, ben.department, ben.emails) == ("Engineer", "IT", ("ben@corp.example",))
    assert [d.name for d in workspace.departments.list()] == ["finance", "IT", "Legal"]
    new = workspace.contacts.resolve("new@x.org")
    today = clock.today()
    assert (new.full_name, new.role, new.department, new.added_on) == (
        "New Person", "Analyst", "finance", today,
    )  # fmt: skip
    # The keep-in-touch dates are what adding the contact by hand gives.
    by_hand = workspace.contacts.add("By Hand", department="finance")
    assert (new.last_touch_on, new.next_touch_on, new.stale_after_on) == (
        by_hand.last_touch_on, by_hand.next_touch_on, by_hand.stale_after_on,
    )  # fmt: skip
    assert new.next_touch_on == today + timedelta(days=14)
    other = workspace.contacts.resolve("other@x.org")
    assert (other.phones, other.tags, other.next_touch_on) == (
        ("+1 555 0100",), ("Europe",), today + timedelta(days=30),
    )  # fmt: skip
    assert all_checks_pass(workspace)


def test_the_search_index_is_right_after_an_import(workspace: Workspace, tmp_path: Path) -> None:
    ids = seed(workspace)
    workspace.contact_import.apply(read_contacts_file(write_text(tmp_path / "k.csv", KNOWN_FILE)))

    def found(text: str) -> set[int]:
        return {hit.id for hit in workspace.search(text, kinds=["contact"])}

    other = workspace.contacts.resolve("other@x.org").id
    assert found("Other New") == {other}
    assert found("Europe") == {other}
    assert found("Budget") == {ids["ada"]}  # a tag added by the update
    assert found("Controller") == {ids["ada"]}  # a role filled by the update
    assert ids["ben"] in found("ben corp")
    # The usual upkeep is back in place for what users do next.
    later = workspace.contacts.add("Later Addition", emails=["later@x.org"])
    assert found("Later Addition") == {later.id}
    workspace.contacts.update(other, role="Treasurer")
    assert found("Treasurer") == {other}


def test_reimporting_the_same_file_only_skips(workspace: Workspace, tmp_path: Path) -> None:
    seed(workspace)
    parsed = read_contacts_file(write_text(tmp_path / "known.csv", KNOWN_FILE))
    workspace.contact_import.apply(parsed)

    again = workspace.contact_import.preview(parsed)

    assert (again.created, again.updated, again.skipped, again.errors) == (0, 0, 7, 1)
    assert workspace.contact_import.apply(parsed) == ImportResult(0, 0, 7, 1)


@pytest.mark.parametrize("make", [google_csv, outlook_csv, linkedin_csv])
def test_exports_of_other_programs_import_with_departments_and_every_email(
    workspace: Workspace, tmp_path: Path, make: object
) -> None:
    assert callable(make)
    parsed = read_contacts_file(make(tmp_path))

    result = workspace.contact_import.apply(parsed)

    assert result.created == len(parsed.contacts) and result.errors == 0
    for incoming in parsed.contacts:
        stored = workspace.contacts.resolve(incoming.full_name)
        assert stored.emails == incoming.emails
        assert (stored.department or "") == incoming.department
    assert all_checks_pass(workspace)
    assert workspace.contact_import.preview(parsed).skipped == len(parsed.contacts)


def cancel_on_call(number: int) -> Callable[[int, int], None]:
    """A progress callable that cancels on its ``number``-th call."""
    calls = 0

    def progress(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == number:
            raise Cancelled()

    return progress


def test_cancelling_at_any_point_leaves_the_database_exactly_as_it_was(
    workspace: Workspace, tmp_path: Path, db_path: Path
) -> None:
    seed(workspace)
    rows = [f"Person {n},p{n}@x.org,,Dept {n % 3}" for n in range(1200)]
    path = write_text(tmp_path / "many.csv", "Name,E-mail,Phone,Department\n" + "\n".join(rows))
    parsed = read_contacts_file(path)
    before = database_dump(db_path)
    cancel_at = 0
    while True:
        cancel_at += 1
        try:
            workspace.contact_import.apply(parsed, cancel_on_call(cancel_at))
        except Cancelled:
            assert database_dump(db_path) == before, f"changed when cancelled at call {cancel_at}"
            continue
        break
    assert cancel_at > 5
    assert workspace.contacts.count() == 6 + 1200
    assert all_checks_pass(workspace)


def test_a_failure_while_writing_leaves_the_database_as_it_was(
    workspace: Workspace, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(workspace)
    parsed = read_contacts_file(write_text(tmp_path / "known.csv", KNOWN_FILE))
    before = database_dump(db_path)

    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(contact_writing, "_reindex", broken)
    with pytest.raises(RuntimeError):
        workspace.contact_import.apply(parsed)

    assert database_dump(db_path) == before
    monkeypatch.undo()
    workspace.contacts.add("Still Searchable")
    assert workspace.search("Still Searchable", kinds=["contact"])


CELL_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40
) | st.sampled_from(["a@b.co", "x" * 300, '"', '""', ";", ",", "\t", "\r\n", "\x07", "=1+2"])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    separator = draw(st.sampled_from([",", ";", "\t"]))
    header = separator.join(["Name", "E-mail", "Phone", "Role", "Department", "Tags", "Notes"])
    lines = [header]
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(CELL_TEXT, min_size=1, max_size=9))
        quote = draw(st.booleans())
        lines.append(
            separator.join('"' + c.replace('"', '""') + '"' if quote else c for c in cells)
        )
    return "\n".join(lines)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=csv_texts(), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_any_csv_imports_or_fails_clearly_and_a_failure_changes_nothing(
    workspace: Workspace, db_path: Path, text: str, encoding: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_text(Path(folder) / "random.csv", text, encoding)
        before = database_dump(db_path)
        try:
            parsed = read_contacts_file(path)
            preview = workspace.contact_import.preview(parsed)
            result = workspace.contact_import.apply(parsed)
        except DeskBridgeError as error:
            assert str(error)
            assert database_dump(db_path) == before
            return
    assert result.errors == preview.errors == len(parsed.problems)
    for problem in parsed.problems:
        assert problem.where.startswith("line ") and problem.field and problem.message


def test_random_imports_keep_the_database_sound(workspace: Workspace, tmp_path: Path) -> None:
    # The hypothesis test above imports into one database over and over; this checks that
    # such a database passes `deskbridge check`.
    for n, text in enumerate(["Name;E-mail\nA;a@x.org\nB\t;b@x.org\n", 'Name\n"C\nD"\n']):
        path = write_text(tmp_path / f"{n}.csv", text)
        workspace.contact_import.apply(read_contacts_file(path))
    assert workspace.contacts.count() == 3
    assert all_checks_pass(workspace)


def test_import_on_postgresql(fresh_postgres_url: str, tmp_path: Path) -> None:
    ws = Workspace.open(fresh_postgres_url, FixedClock(date(2026, 11, 23)))
    try:
        ids = seed(ws)
        parsed = read_contacts_file(write_text(tmp_path / "known.csv", KNOWN_FILE))
        assert ws.contact_import.apply(parsed) == ImportResult(2, 2, 3, 1)
        assert ws.contacts.get(ids["ada"]).emails == ("ada@corp.example", "ada@home.example")
        assert ws.contacts.resolve("other@x.org").department == "Legal"
        assert ws.contact_import.preview(parsed).skipped == 7
        # Ids came from the sequence: adding by hand afterwards still works.
        ws.contacts.add("After The Import", emails=["after@x.org"])
        assert all_checks_pass(ws)
    finally:
        ws.close()
