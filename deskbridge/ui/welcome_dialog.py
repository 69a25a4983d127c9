"""First run: who is "me" in this database, or a look around a demo organisation first.

Shown for a database nobody has used yet (no departments, no contacts). Starting with one's
own network adds the department (when a new one was typed) and the "me" contact in one
operation. Exploring the demo builds a separate demo file and leaves this database empty,
so the welcome comes back the next time it is opened.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deskbridge import APP_NAME, paths
from deskbridge.changes import ChangeKind
from deskbridge.errors import ValidationError
from deskbridge.records import ContactRecord
from deskbridge.ui import demo_builder
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.validation import required_text
from deskbridge.workspace import Workspace

COMMON_DEPARTMENTS = (
    "Marketing", "Sales", "Finance", "IT", "Operations", "HR", "Purchasing",
)  # fmt: skip
"""Offered in the department list of an empty database; any other name can be typed."""
NAME_LIMIT = 200


class WelcomeChoice(Enum):
    OWN_NETWORK = "own"
    DEMO = "demo"


def start_own_network(workspace: Workspace, name: str, department: str) -> ContactRecord:
    """Add ``department`` if it is new, then "me" in it. Checks the name first, so a bad
    name leaves no department behind."""
    clean_name = required_text("name", name, NAME_LIMIT)
    wanted = department.strip()
    if wanted:
        existing = {record.name.lower(): record.name for record in workspace.departments.list()}
        if wanted.lower() in existing:
            wanted = existing[wanted.lower()]
        else:
            try:
                workspace.departments.add(wanted)
            except ValidationError as error:
                # Departments call their own name "name"; here that is the department field.
                raise ValidationError("department", error.message) from error
    # Added, then marked as "me": contacts.add(..., department=..., is_me=True) trips an
    # SQLAlchemy autoflush warning in the domain (reported); two short steps avoid it.
    added = workspace.contacts.add(clean_name, department=wanted or None)
    return workspace.contacts.set_me(added.id)


class WelcomeDialog(FormDialog):
    """After ``exec()``: ``choice`` is what the user picked (None when they closed it), and
    ``demo_location`` the demo database to switch to when they chose the demo."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, f"Welcome to {APP_NAME}", parent)
        self.setMinimumWidth(580)
        self.choice: WelcomeChoice | None = None
        self.demo_location: str | None = None

        self.name = QLineEdit()
        self.name.setPlaceholderText("Your full name, as colleagues know you")
        self.add_field("Your &name:", self.name, "name")
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        known = [record.name for record in context.workspace.departments.list()]
        self.department.addItems(
            ["", *known, *(name for name in COMMON_DEPARTMENTS if name not in known)]
        )
        self.department.setCurrentIndex(0)
        line = self.department.lineEdit()
        assert line is not None
        line.setPlaceholderText("Optional: where you work, e.g. Marketing")
        self.add_field("Your &department:", self.department, "department")
        hint = QLabel("Pick one or type a new name; leave it blank if you prefer.")
        hint.setEnabled(False)
        self.form.addRow("", hint)

        self._header()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Start with my own network")
        ok.setToolTip("You, in this database; then add the colleagues you work with")
        self.buttons.removeButton(self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        self.demo_button = QPushButton("&Explore a demo organisation")
        self.demo_button.setToolTip(
            f"Opens a separate demo database with {demo_builder.DEMO_CONTACTS} invented "
            "colleagues; this database stays empty"
        )
        self.demo_button.setAutoDefault(False)
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.clicked.connect(self.explore_demo)
        self.name.setFocus()

    def _header(self) -> None:
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(56, 56))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<h2>Welcome to {APP_NAME}</h2>")
        words = QVBoxLayout()
        words.addWidget(title)
        for paragraph in (
            "DeskBridge keeps your working relationships across departments healthy: who "
            "you know, what you agreed, and who is due for a catch-up.",
            "Tell it who you are to start your own network, or look around a demo "
            "organisation first.",
        ):
            text = QLabel(paragraph)
            text.setWordWrap(True)
            text.setMinimumWidth(440)  # word-wrapped labels otherwise ask for too little
            words.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(words, 1)
        row.setSpacing(16)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, row)
        layout.insertSpacing(1, 8)

    def show_error(self, error: BaseException) -> None:
        super().show_error(error)
        # Grow to fit the message: a window never re-asks wrapped labels for their height.
        self.adjustSize()

    def submit(self) -> None:
        name = self.name.text()
        department = self.department.currentText()
        if not name.strip():
            self.clear_errors()
            self.show_error(ValidationError("name", "please type your name"))
            return
        workspace = self.context.workspace
        self.run(
            lambda: start_own_network(workspace, name, department),
            ChangeKind.CONTACTS,
            ChangeKind.DEPARTMENTS,
        )

    def accept(self) -> None:
        # The form's operation closes the dialog with accept() once "me" is stored.
        if self.choice is None:
            self.choice = WelcomeChoice.OWN_NETWORK
        super().accept()

    def explore_demo(self) -> None:
        """Build (when needed) the demo database and close, asking the app to switch to it."""
        self.clear_errors()
        path = paths.demo_database_path()
        if not demo_builder.build_demo_database(self, path, self.context.workspace.clock):
            return
        self.choice = WelcomeChoice.DEMO
        self.demo_location = str(path)
        self.accept()
