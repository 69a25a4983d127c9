"""The import's first step: what can be imported, the button that chooses a file, and what
is wrong with the file chosen (said in plain words, in place, so the user picks another)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from deskbridge.ui.dialog_keys import HINT_STYLE
from deskbridge.ui.exchange_files import IMPORT_FILTER
from deskbridge.ui.form_dialog import ERROR_STYLE

INTRO = (
    "Bring in the people you work with from Google Contacts, Outlook, LinkedIn or any other "
    "CSV file, or from vCard files (.vcf). Nothing changes until you have seen what will "
    "happen.\n\nA DeskBridge JSON archive (.json) restores everything into an empty database."
)
NO_FILE_YET = "No file chosen yet. You can also drop a file on this window."
WHERE_TO_GET_ONE = (
    "<b>Where to get a file</b>"
    "<table cellspacing='6'>"
    "<tr><td>Google Contacts</td><td>contacts.google.com › Export › Google CSV</td></tr>"
    "<tr><td>Outlook</td><td>File › Open &amp; Export › Import/Export › Export to a file › "
    "Comma Separated Values</td></tr>"
    "<tr><td>LinkedIn</td><td>Settings › Data privacy › Get a copy of your data › "
    "Connections (Connections.csv)</td></tr>"
    "<tr><td>Phones, Apple Contacts, Thunderbird</td><td>Export or share contacts as a "
    "vCard (.vcf)</td></tr>"
    "</table>"
    "<p style='margin-top:12px'>People already in DeskBridge are matched by e-mail, then "
    "by name, and only gain what they lack; nothing you typed is overwritten. A department "
    "comes from the file's department column or the vCard ORG unit, and is created when "
    "it is new.</p>"
)


def ask_for_file(parent: QWidget, folder: Path) -> str:
    """The file chooser (tests replace it): the chosen path, or "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, "Import contacts", str(folder), IMPORT_FILTER)
    return path


class ImportFilePage(QWidget):
    """``choose_requested`` when the user asks for the file chooser."""

    choose_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.choose_button = QPushButton("&Choose a file…")
        self.choose_button.clicked.connect(self.choose_requested)
        self.file_label = QLabel(NO_FILE_YET)
        self.file_label.setStyleSheet(HINT_STYLE)
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addSpacing(18)
        sources = QLabel(WHERE_TO_GET_ONE)
        sources.setWordWrap(True)
        sources.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(sources)
        layout.addStretch(1)

    def show_file(self, path: Path) -> None:
        self.file_label.setText(str(path))
        self.problem.clear()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)


def column(*parts: QWidget, grow: QWidget | None = None) -> QWidget:
    """``parts`` one under another; ``grow`` takes the room left, else the room stays below."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        layout.addWidget(part, 1 if part is grow else 0)
    if grow is None:
        layout.addStretch(1)
    return holder
