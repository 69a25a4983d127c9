"""Importing contacts through the dialog, as a user does it: choose or drop a file, match the
columns, read the preview, import, or cancel and find nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from deskbridge.exchange.contact_import import ImportAction
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.progress import Progress
from deskbridge.ui import import_dialog
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.column_mapping import NEEDS_A_NAME
from deskbridge.ui.contacts_model import COL_NAME
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.ui.exchange_files import NOT_EMPTY
from deskbridge.ui.import_dialog import ImportDialog
from deskbridge.workspace import Workspace

GOOGLE_HEADERS = (
    "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
    "Organization Department,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value"
)
GOOGLE_ROWS = (
    "Ana,,Pereira,Acme,ROI analyst,Finance,* myContacts,Work,ana@acme.example,,,"
    "Work,+44 20 7946 0001",
    "Bo,,Chen,Acme,Web lead,IT,* myContacts,Work,bo@acme.example,Home,bo@home.example,,",
    "Cy,,Diaz,Acme,Planner,Operations,* myContacts,Work,not-an-address,,,,",
)
VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Dee Evans
N:Evans;Dee;;;
EMAIL;TYPE=WORK:dee@acme.example
ORG:Acme;Purchasing
TITLE:Buyer
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Eli Ford
EMAIL:eli@acme.example
TEL:+44 20 7946 0002
ORG:Acme;Sales
END:VCARD
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def google_csv(tmp_path: Path) -> Path:
    return write(tmp_path / "contacts.csv", "\n".join((GOOGLE_HEADERS, *GOOGLE_ROWS)) + "\n")


def open_dialog(qtbot: QtBot, context: AppContext, path: Path | None = None) -> ImportDialog:
    outcomes: list[str] = []
    dialog = ImportDialog(context, path=path, report=outcomes.append)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def column_of(dialog: ImportDialog, header: str) -> int:
    return GOOGLE_HEADERS.split(",").index(header)


def test_a_google_export_is_recognised_previewed_and_imported(
    qtbot: QtBot, app_context: AppContext, google_csv: Path
) -> None:
    contacts_view = ContactsView(app_context)
    qtbot.addWidget(contacts_view)
    contacts_view.show()
    dialog = open_dialog(qtbot, app_context, google_csv)

    assert dialog.pages.currentIndex() == dialog.MAPPING
    assert dialog.mapping.headline.text() == "Recognised as a Google Contacts export"
    assert dialog.mapping.combos[column_of(dialog, "E-mail 1 - Value")].currentText() == "E-mail"
    assert "2 of 3 rows will be read as contacts" in dialog.mapping.summary.text()
    assert dialog.next_button.isEnabled()

    click(qtbot, dialog.next_button)
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    page = dialog.preview_page
    assert page.counts.text() == "2 new  ·  0 updated  ·  0 skipped  ·  1 with errors"
    assert "Google Contacts CSV" in page.source.text()
    page.show_action(ImportAction.ERROR)
    [error] = page.shown_rows()
    assert error[0] == "line 4" and error[2] == "Error"
    assert "E-mail" in error[3] and "not-an-address" in error[3]
    page.show_action(None)
    assert {row[1] for row in page.shown_rows() if row[2] == "New"} == {"Ana Pereira", "Bo Chen"}
    assert dialog.next_button.text() == "&Import 2 contacts"

    click(qtbot, dialog.next_button)
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert dialog.outcome == "Imported: 2 new, 0 updated, 0 skipped, 1 row with an error left out"
    workspace = app_context.workspace
    ana = workspace.contacts.resolve("ana@acme.example")
    assert (ana.full_name, ana.department, ana.role) == ("Ana Pereira", "Finance", "ROI analyst")
    assert workspace.contacts.resolve("Bo Chen").emails == ("bo@acme.example", "bo@home.example")
    shown = [contacts_view.model.index(r, COL_NAME).data() for r in range(2)]
    assert shown == ["Ana Pereira", "Bo Chen"]


def test_changing_a_column_changes_what_will_be_imported(
    qtbot: QtBot, app_context: AppContext, google_csv: Path
) -> None:
    dialog = open_dialog(qtbot, app_context, google_csv)
    email = column_of(dialog, "E-mail 1 - Value")
    dialog.mapping.choose(email, "")  # Ignore: Cy's bad address no longer counts
    assert "3 of 3 rows will be read as contacts" in dialog.mapping.summary.text()
    dialog.mapping.choose(column_of(dialog, "Last Name"), "")
    click(qtbot, dialog.next_button)
    page = dialog.preview_page
    assert page.counts.text() == "3 new  ·  0 updated  ·  0 skipped  ·  0 with errors"
    assert sorted(row[1] for row in page.shown_rows()) == ["Ana", "Bo", "Cy"]

    click(qtbot, dialog.back_button)
    assert dialog.pages.currentIndex() == dialog.MAPPING
    dialog.mapping.choose(column_of(dialog, "Last Name"), "last_name")
    click(qtbot, dialog.next_button)
    assert sorted(row[1] for row in page.shown_rows()) == ["Ana Pereira", "Bo Chen", "Cy Diaz"]


def test_next_waits_until_a_column_holds_the_name(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path
) -> None:
    path = write(tmp_path / "people.csv", "Who,Mail,Team\nAna Pereira,ana@acme.example,Finance\n")
    dialog = open_dialog(qtbot, app_context, path)
    assert dialog.mapping.headline.text() == "Match the columns to DeskBridge fields"
    assert dialog.mapping.fields() == ("", "email", "department")
    assert not dialog.next_button.isEnabled()
    assert dialog.mapping.summary.text() == NEEDS_A_NAME
    dialog.mapping.choose(0, "full_name")
    assert dialog.next_button.isEnabled()
    click(qtbot, dialog.next_button)
    assert dialog.preview_page.counts.text().startswith("1 new")


def test_a_vcard_file_goes_straight_to_the_preview_and_imports(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path
) -> None:
    workspace = app_context.workspace
    workspace.contacts.add("Eli Ford", emails=["eli@acme.example"], role="Account lead")
    path = write(tmp_path / "cards.vcf", VCARDS)
    dialog = open_dialog(qtbot, app_context, path)
    assert dialog.pages.currentIndex() == dialog.PREVIEW
    rows = {row[1]: row for row in dialog.preview_page.shown_rows()}
    assert rows["Dee Evans"][0] == "card 1" and rows["Dee Evans"][2] == "New"
    assert rows["Eli Ford"][0] == "card 2" and rows["Eli Ford"][2] in ("Update", "Skip")
    click(qtbot, dialog.next_button)
    assert dialog.outcome.startswith("Imported: 1 new")
    dee = workspace.contacts.resolve("dee@acme.example")
    assert (dee.department, dee.role) == ("Purchasing", "Buyer")


def test_a_broken_card_is_named_with_its_field(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path
) -> None:
    broken = VCARDS.replace("EMAIL:eli@acme.example", "EMAIL:eli-at-acme")
    dialog = open_dialog(qtbot, app_context, write(tmp_path / "cards.vcf", broken))
    dialog.preview_page.show_action(ImportAction.ERROR)
    [error] = dialog.preview_page.shown_rows()
    assert error[0] == "card 2" and "E-mail" in error[3]


def test_cancelling_the_import_changes_nothing(
    qtbot: QtBot, app_context: AppContext, google_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = app_context.workspace
    workspace.contacts.add("Ana Pereira", emails=["ana@acme.example"], role="Old role")
    dialog = open_dialog(qtbot, app_context, google_csv)
    click(qtbot, dialog.next_button)
    assert dialog.preview_page.counts.text().startswith("1 new  ·  1 updated")
    importer = workspace.contact_import
    real_apply = importer.apply

    def apply_then_cancel(parsed: ParsedContacts, progress: Progress) -> object:
        def report(done: int, total: int) -> None:
            assert dialog.job is not None
            dialog.job.cancel()  # what the progress dialog's Cancel button does
            progress(done, total)

        return real_apply(parsed, report)

    monkeypatch.setattr(importer, "apply", apply_then_cancel)
    click(qtbot, dialog.next_button)
    assert dialog.message.text() == "Import cancelled; nothing was changed."
    assert dialog.isVisible() and dialog.pages.currentIndex() == dialog.PREVIEW
    assert workspace.contacts.count() == 1
    assert workspace.contacts.resolve("ana@acme.example").role == "Old role"
    assert workspace.departments.list() == []


def test_the_file_chooser_and_files_that_cannot_be_imported(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, app_context)
    assert dialog.pages.currentIndex() == dialog.FILE and not dialog.next_button.isVisible()
    chosen = [write(tmp_path / "notes.txt", "hello"), write(tmp_path / "empty.csv", "Name\n")]
    monkeypatch.setattr(import_dialog, "ask_for_file", lambda *_args: str(chosen.pop(0)))
    click(qtbot, dialog.choose_button)
    assert "notes.txt is not a file DeskBridge imports" in dialog.file_page.problem.text()
    click(qtbot, dialog.choose_button)
    assert dialog.file_page.problem.text().startswith("This file has no contacts")
    assert dialog.pages.currentIndex() == dialog.FILE


def test_an_empty_file_is_explained_in_place(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "nothing.csv"
    path.write_bytes(b"")
    dialog = open_dialog(qtbot, app_context, path)
    assert dialog.pages.currentIndex() == dialog.FILE
    assert dialog.file_page.problem.text()  # the reader's own words, never a traceback
    assert "Traceback" not in dialog.file_page.problem.text()


def seeded_archive(tmp_path: Path, clock: object) -> Path:
    source = Workspace.open(str(tmp_path / "source.sqlite3"), clock)  # type: ignore[arg-type]
    try:
        source.departments.add("Finance")
        source.contacts.add("Ana Pereira", department="Finance", emails=["ana@acme.example"])
        path = tmp_path / "archive.json"
        source.exports.write(path)
    finally:
        source.close()
    return path


def test_a_json_archive_restores_into_an_empty_database(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path, clock: object
) -> None:
    dialog = open_dialog(qtbot, app_context, seeded_archive(tmp_path, clock))
    assert dialog.pages.currentIndex() == dialog.ARCHIVE
    assert "DeskBridge archive" in dialog.archive_text.text()
    click(qtbot, dialog.next_button)
    assert dialog.outcome.startswith("Imported the archive")
    assert app_context.workspace.contacts.resolve("Ana Pereira").department == "Finance"


def test_a_json_archive_is_refused_by_a_database_in_use(
    qtbot: QtBot, app_context: AppContext, tmp_path: Path, clock: object
) -> None:
    app_context.workspace.contacts.add("Someone Here")
    dialog = open_dialog(qtbot, app_context, seeded_archive(tmp_path, clock))
    assert dialog.pages.currentIndex() == dialog.FILE
    assert NOT_EMPTY in dialog.file_page.problem.text()
    assert app_context.workspace.contacts.count() == 1
