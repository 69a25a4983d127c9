"""The Contacts view's search box and filter choices, turned into a ContactFilter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from deskbridge.contact_list import ContactFilter
from deskbridge.records import DepartmentRecord, TouchStatus
from deskbridge.ui.table_delegates import colour_dot

TYPING_PAUSE_MS = 250
STATUS_CHOICES: tuple[tuple[str, TouchStatus | None], ...] = (
    ("Any status", None),
    ("Stale", TouchStatus.STALE),
    ("Overdue", TouchStatus.OVERDUE),
    ("Due", TouchStatus.DUE),
    ("OK", TouchStatus.OK),
    ("Snoozed", TouchStatus.SNOOZED),
)
ARCHIVED_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("Active", False),
    ("Archived", True),
    ("Active and archived", None),
)


class ContactFilters(QWidget):
    """Search box and filter choices; ``changed`` fires when what is shown should change
    (for typing, once the user pauses)."""

    changed = Signal()
    down_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Find by name, e-mail, role, strengths, notes or tag")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Find contacts")
        self.text.setMinimumWidth(200)
        self.text.installEventFilter(self)
        self.department = QComboBox()
        self.department.setAccessibleName("Department")
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for text, _ in STATUS_CHOICES:
            self.status.addItem(text)
        self.archived = QComboBox()
        self.archived.setAccessibleName("Active or archived")
        for text, _ in ARCHIVED_CHOICES:
            self.archived.addItem(text)
        self._departments: list[DepartmentRecord] = []
        self._tags: list[str] = []
        self.set_choices([], [])

        # One query when the user pauses, not one per keystroke.
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.changed)
        self.text.textChanged.connect(lambda _text: self.typing.start())
        for combo in (self.department, self.tag, self.status, self.archived):
            combo.currentIndexChanged.connect(self._chosen)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        for combo in (self.department, self.tag, self.status, self.archived):
            row.addWidget(combo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Down:
                self.down_pressed.emit()
                return True
            if event.key() == Qt.Key.Key_Escape and self.text.text():
                self.text.clear()
                return True
        return super().eventFilter(watched, event)

    def _chosen(self) -> None:
        self.typing.stop()
        self.changed.emit()

    def set_choices(self, departments: Sequence[DepartmentRecord], tags: Sequence[str]) -> None:
        """Offer these departments and tags, keeping what is chosen if it still exists."""
        if list(departments) == self._departments and list(tags) == self._tags:
            return
        chosen_department = self.shown.department_id
        chosen_tag = self.shown.tag
        self._departments, self._tags = list(departments), list(tags)
        for combo in (self.department, self.tag):
            combo.blockSignals(True)
            combo.clear()
        self.department.addItem("All departments")
        for department in self._departments:
            self.department.addItem(colour_dot(department.colour), department.name)
        self.tag.addItem("Any tag")
        self.tag.addItems(self._tags)
        ids = [d.id for d in self._departments]
        self.department.setCurrentIndex(
            ids.index(chosen_department) + 1 if chosen_department in ids else 0
        )
        self.tag.setCurrentIndex(
            self._tags.index(chosen_tag) + 1 if chosen_tag in self._tags else 0
        )
        for combo in (self.department, self.tag):
            combo.blockSignals(False)

    @property
    def shown(self) -> ContactFilter:
        """The filter the choices stand for."""
        department = self.department.currentIndex()
        tag = self.tag.currentIndex()
        return ContactFilter(
            text=self.text.text().strip(),
            department_id=self._departments[department - 1].id if department > 0 else None,
            tag=self._tags[tag - 1] if tag > 0 else None,
            status=STATUS_CHOICES[max(self.status.currentIndex(), 0)][1],
            archived=ARCHIVED_CHOICES[max(self.archived.currentIndex(), 0)][1],
        )

    def choose_department(self, department_id: int) -> None:
        """Only this department's active contacts, whatever else was chosen."""
        for widget in (self.text, self.department, self.tag, self.status, self.archived):
            widget.blockSignals(True)
        self.text.clear()
        for combo in (self.tag, self.status, self.archived):
            combo.setCurrentIndex(0)
        ids = [d.id for d in self._departments]
        self.department.setCurrentIndex(ids.index(department_id) + 1 if department_id in ids else 0)
        for widget in (self.text, self.department, self.tag, self.status, self.archived):
            widget.blockSignals(False)
        self._chosen()

    def is_default(self) -> bool:
        return self.shown == ContactFilter()

    def clear(self) -> None:
        """Back to every active contact."""
        for widget in (self.text, self.department, self.tag, self.status, self.archived):
            widget.blockSignals(True)
        self.text.clear()
        for combo in (self.department, self.tag, self.status, self.archived):
            combo.setCurrentIndex(0)
        for widget in (self.text, self.department, self.tag, self.status, self.archived):
            widget.blockSignals(False)
        self._chosen()
