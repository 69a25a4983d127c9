"""Exporting through the dialog and from the Contacts view, and where the File menu offers
import and export."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from dialog_driver import when_shown
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from deskbridge.exchange.exports import ExportFormat
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contacts_model import COL_NAME
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.ui.exchange_actions import ExchangeActions
from deskbridge.ui.exchange_files import FileDrops
from deskbridge.ui.export_dialog import ExportDialog
from deskbridge.ui.import_dialog import ImportDialog
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.page import Page
from deskbridge.workspace import Workspace


@pytest.fixture
def people(workspace: Workspace) -> list[str]:
    workspace.departments.add("Finance")
    names = ["Ana Pereira", "Bo Chen", "Cy Diaz"]
    for number, name in enumerate(names):
        workspace.contacts.add(
            name, department="Finance", emails=[f"{name.split()[0].lower()}@acme.example"],
            role=f"=HYPERLINK(\"x\") {number}",
        )  # fmt: skip
    return names


class SaveDialog:
    """Answers QFileDialog.getSaveFileName with a file in ``folder`` and remembers what the
    dialog suggested."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, name: str = "") -> None:
        self.folder = folder
        self.name = name
        self.suggested: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.answer)

    def answer(self, _parent: Any, _title: str, suggested: str, *_rest: Any) -> tuple[str, str]:
        self.suggested.append(suggested)
        return str(self.folder / (self.name or Path(suggested).name)), ""


def export(qtbot: QtBot, context: AppContext, fmt: ExportFormat, what: str = "contacts") -> str:
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose(fmt, what)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == ExportDialog.DialogCode.Accepted, dialog.general_error.text()
    return dialog.outcome


def test_csv_of_contacts_is_named_for_the_day_and_safe(
    qtbot: QtBot, app_context: AppContext, people: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    save = SaveDialog(monkeypatch, tmp_path)
    outcome = export(qtbot, app_context, ExportFormat.CSV)
    [suggested] = save.suggested
    assert Path(suggested).name == "deskbridge-contacts-2026-11-23.csv"
    path = tmp_path / "deskbridge-contacts-2026-11-23.csv"
    assert outcome == f"Exported 3 contacts to {path.name} in {path.parent.name}"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 4
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_csv_of_another_kind_of_thing(
    qtbot: QtBot, app_context: AppContext, people: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    save = SaveDialog(monkeypatch, tmp_path)
    outcome = export(qtbot, app_context, ExportFormat.CSV, "departments")
    assert Path(save.suggested[0]).name == "deskbridge-departments-2026-11-23.csv"
    assert outcome.startswith("Exported 1 department to ")


def test_vcard_ics_and_json_exports(
    qtbot: QtBot, app_context: AppContext, people: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    save = SaveDialog(monkeypatch, tmp_path)
    export(qtbot, app_context, ExportFormat.VCARD)
    export(qtbot, app_context, ExportFormat.ICS)
    export(qtbot, app_context, ExportFormat.JSON)
    names = [Path(each).name for each in save.suggested]
    assert names == [
        "deskbridge-contacts-2026-11-23.vcf",
        "deskbridge-reminders-2026-11-23.ics",
        "deskbridge-archive-2026-11-23.json",
    ]
    cards = list(vobject.readComponents((tmp_path / names[0]).read_text(encoding="utf-8")))
    assert sorted(card.fn.value for card in cards) == people
    icalendar.Calendar.from_ical((tmp_path / names[1]).read_bytes())
    json.loads((tmp_path / names[2]).read_text(encoding="utf-8"))


def test_a_name_without_extension_gets_the_formats_and_cancel_writes_nothing(
    qtbot: QtBot, app_context: AppContext, people: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    SaveDialog(monkeypatch, tmp_path, "team")
    assert export(qtbot, app_context, ExportFormat.VCARD).startswith(
        "Exported 3 contacts to team.vcf in "
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    dialog = ExportDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.isVisible() is False and dialog.result() == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv") == []


def test_a_failed_export_says_why_in_the_dialog(
    qtbot: QtBot, app_context: AppContext, people: list[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    SaveDialog(monkeypatch, tmp_path / "missing-folder")
    dialog = ExportDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    assert dialog.isVisible() and dialog.general_error.isVisible()
    assert "missing-folder" in dialog.general_error.text()


# -- the window: menus, the Contacts view's vCard export, dropped files -----------------------


@pytest.fixture
def window(qtbot: QtBot, app_context: AppContext, people: list[str]) -> MainWindow:
    goals = type("GoalsPage", (Page,), {"title": "Goals", "refresh": lambda self: None})
    shown = MainWindow(app_context, pages=[ContactsView, goals])
    qtbot.addWidget(shown)
    shown.show()
    shown.show_page("Contacts")
    return shown


def actions_of(window: MainWindow) -> ExchangeActions:
    found = window.findChild(ExchangeActions)
    assert isinstance(found, ExchangeActions)
    return found


def test_the_file_menu_offers_import_and_export(window: MainWindow) -> None:
    menu: QMenu = window.file_menu
    texts = {action.text(): action.shortcut() for action in menu.actions()}
    assert texts["&Import contacts…"] == QKeySequence("Ctrl+I")
    assert texts["&Export…"] == QKeySequence("Ctrl+Shift+E")


def test_export_selected_as_vcard_writes_only_the_selection(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = window.page("Contacts")
    assert isinstance(view, ContactsView)
    actions = actions_of(window)
    assert not actions.vcard_action.isEnabled()
    assert actions.vcard_action in view.context_menu().actions()
    names = [view.model.index(row, COL_NAME).data() for row in range(view.model.rowCount())]
    view.show_contact(view.model.contact_id(names.index("Bo Chen")))
    assert actions.vcard_action.isEnabled()
    SaveDialog(monkeypatch, tmp_path)
    button = view.toolbar.widgetForAction(actions.vcard_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    path = tmp_path / "deskbridge-contacts-2026-11-23.vcf"
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert [card.fn.value for card in cards] == ["Bo Chen"]
    assert window.statusBar().currentMessage() == (
        f"Exported 1 contact to {path.name} in {path.parent.name}"
    )


def test_a_contacts_file_dropped_on_the_window_opens_the_import(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Dee Evans\nEND:VCARD\n", encoding="utf-8")
    opened = when_shown(monkeypatch, ImportDialog, lambda dialog: dialog.next_button.click())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    # Qt delivers drop events only during a real drag, which a test cannot start: the
    # window's drop handler gets the event as Qt would hand it over.
    drops = window.findChild(FileDrops)
    assert isinstance(drops, FileDrops)
    assert drops.eventFilter(window, drop)
    [dialog] = opened
    assert dialog.path == path
    assert window.statusBar().currentMessage() == "Imported: 1 new, 0 updated, 0 skipped"
    assert window.context.workspace.contacts.resolve("Dee Evans")
