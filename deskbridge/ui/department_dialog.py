"""Adding and editing a department, and deciding what happens to its people when it goes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.departments import PALETTE
from deskbridge.errors import ValidationError
from deskbridge.records import DepartmentRecord, DepartmentSummary
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.form_fields import parse_cadence
from deskbridge.ui.interaction_dialog import TextBox
from deskbridge.validation import COLOUR_SHAPE


def swatch(colour: str, size: int = 16) -> QIcon:
    """A small square of the department's colour, as shown beside its name."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class DepartmentDialog(FormDialog):
    """New department (``department`` None) or changes to one; ``result_value`` is the
    saved DepartmentRecord."""

    def __init__(
        self,
        context: AppContext,
        department: DepartmentRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "Edit department" if department else "New department", parent)
        self.setMinimumWidth(440)
        self.department = department
        workspace = context.workspace
        default = workspace.keep_in_touch.default_cadence()

        self.name = QLineEdit(department.name if department else "")
        self.name.setMaxLength(120)
        self.name.setPlaceholderText("Finance, IT, Operations…")
        self.add_field("&Name:", self.name, "name")

        # New departments get the colour the domain would pick, shown before saving.
        start = department.colour if department else PALETTE[len(workspace.departments.list()) % 10]
        self.colour = QLineEdit(start)
        self.colour.setMaxLength(7)
        self.colour.setToolTip("A colour like #3366cc")
        self.colour_button = QPushButton("C&hoose…")
        self.colour_button.clicked.connect(self.choose_colour)
        self.colour.textChanged.connect(self._show_swatch)
        colour_row = QWidget()
        row = QHBoxLayout(colour_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.colour_button)
        row.addWidget(self.colour, 1)
        self._show_swatch(start)
        colour_row.setFocusProxy(self.colour)  # Alt+C and an error message focus the hex
        self.add_field("&Colour:", colour_row, "colour")

        own = department.cadence_days if department else None
        self.cadence = QLineEdit("" if own is None else str(own))
        self.cadence.setPlaceholderText(f"uses the default ({default} days)")
        self.cadence.setToolTip(
            "How often to get in touch with people here, in days. Leave empty for the "
            f"default of {default} days. A contact's own cadence still wins."
        )
        cadence_row = QWidget()
        row = QHBoxLayout(cadence_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.cadence, 1)
        row.addWidget(QLabel("days"))
        cadence_row.setFocusProxy(self.cadence)
        self.add_field("&Keep in touch every:", cadence_row, "cadence")

        self.notes = TextBox(department.notes if department else "", 4)
        self.add_field("N&otes:", self.notes, "notes")

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Save" if department else "&Add department")
        self.name.setFocus()

    def _show_swatch(self, text: str) -> None:
        if COLOUR_SHAPE.match(text.strip()):
            self.colour_button.setIcon(swatch(text.strip()))

    def choose_colour(self) -> None:
        current = QColor(self.colour.text().strip())
        chosen = QColorDialog.getColor(
            current if current.isValid() else QColor(PALETTE[0]), self, "Department colour"
        )
        if chosen.isValid():
            self.colour.setText(chosen.name())

    def submit(self) -> None:
        self.clear_errors()
        try:
            cadence_days = parse_cadence(self.cadence.text())
        except ValidationError as error:
            self.show_error(error)
            return
        name = self.name.text()
        colour = self.colour.text().strip()
        notes = self.notes.toPlainText()
        departments = self.context.workspace.departments
        if self.department is None:
            self.run(
                lambda: departments.add(
                    name, colour_hex=colour, cadence_days=cadence_days, notes=notes
                ),
                ChangeKind.DEPARTMENTS,
            )
        else:
            department_id = self.department.id
            self.run(
                lambda: departments.update(
                    department_id,
                    name=name,
                    colour_hex=colour,
                    cadence_days=cadence_days,
                    notes=notes,
                ),
                # A new cadence moves the people who rely on it.
                ChangeKind.DEPARTMENTS,
                ChangeKind.CONTACTS,
            )


class DeleteDepartmentDialog(QDialog):
    """Asks what becomes of a department's contacts: moved to another department, or
    left without one. :meth:`move_to` gives the answer after the dialog is accepted."""

    def __init__(
        self,
        department: DepartmentSummary,
        others: list[DepartmentRecord],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete department")
        self.setMinimumWidth(420)
        people = "1 contact" if department.contacts == 1 else f"{department.contacts:,} contacts"
        question = QLabel(
            f"<b>{department.name}</b> has {people}. What should happen to them when the "
            "department is deleted?"
        )
        question.setTextFormat(Qt.TextFormat.RichText)
        question.setWordWrap(True)

        self.move_choice = QRadioButton("&Move them to:")
        self.target = QComboBox()
        for other in others:
            self.target.addItem(swatch(other.colour), other.name, other.id)
        self.leave_choice = QRadioButton("&Leave them without a department")
        choices = QButtonGroup(self)
        choices.addButton(self.move_choice)
        choices.addButton(self.leave_choice)
        if others:
            self.move_choice.setChecked(True)
        else:
            self.move_choice.setEnabled(False)
            self.move_choice.setText("Move them to another department (there is none)")
            self.target.hide()
            self.leave_choice.setChecked(True)
        self.move_choice.toggled.connect(self.target.setEnabled)
        self.target.setEnabled(self.move_choice.isChecked())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton(
            "&Delete department", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)

        move_row = QHBoxLayout()
        move_row.addWidget(self.move_choice)
        move_row.addWidget(self.target, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addSpacing(6)
        layout.addLayout(move_row)
        layout.addWidget(self.leave_choice)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    def move_to(self) -> int | None:
        """The department the contacts move to, or None to leave them without one."""
        if self.move_choice.isChecked() and self.target.currentIndex() >= 0:
            return int(self.target.currentData())
        return None
