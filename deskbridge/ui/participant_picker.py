"""Choosing people by typing part of their name: the quick log's participants and a
follow-up's assignee.

Picked people sit as removable chips before the line edit. Suggestions come from the
domain as the user types (a few milliseconds at any size), so the completer never holds
the whole contact list; it shows them unfiltered because the domain already matched every
word of what was typed, not just the start of the name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from deskbridge.contacts import Contacts
from deskbridge.records import ContactRecord, ContactSuggestion

SUGGESTIONS = 10
ContactIdRole = Qt.ItemDataRole.UserRole + 1
CHIP_STYLE = """
QFrame#chip { background: palette(button); color: palette(button-text);
              border: 1px solid palette(mid);
              border-radius: 10px; }
QFrame#chip QToolButton { border: none; padding: 0px 2px; }
"""


def person(record: ContactRecord) -> ContactSuggestion:
    """The picker's view of a contact read in full (for people chosen before the dialog)."""
    return ContactSuggestion(record.id, record.full_name, record.department, record.primary_email)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto new lines; the last item, if it may expand
    horizontally, takes the rest of its line (so the line edit fills what chips leave)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        visible = [item for item in self._items if not item.isEmpty()]
        for position, item in enumerate(visible):
            hint = item.sizeHint()
            width = hint.width()
            fills = position == len(visible) - 1 and bool(
                item.expandingDirections() & Qt.Orientation.Horizontal
            )
            if fills:
                width = max(item.minimumSize().width(), area.right() + 1 - x)
            if x > area.x() and x + width > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self.spacing(), 0
                if fills:
                    width = area.width()
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self.spacing()
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class Chip(QFrame):
    """One picked person: the name, and a × that removes them."""

    remove_requested = Signal(int)

    def __init__(self, chosen: ContactSuggestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = chosen
        self.setObjectName("chip")
        self.setStyleSheet(CHIP_STYLE)
        if chosen.email:
            self.setToolTip(chosen.email)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 1, 2, 1)
        row.setSpacing(2)
        self.label = QLabel(chosen.label)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # names are not markup
        remove = QToolButton()
        remove.setText("×")
        remove.setToolTip(f"Remove {chosen.name} (Backspace in the empty field)")
        remove.setAccessibleName(f"Remove {chosen.name}")
        # The keyboard removes people with Backspace; a tab stop per chip would only
        # lengthen the way from one field to the next.
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.clicked.connect(lambda: self.remove_requested.emit(chosen.id))
        row.addWidget(self.label)
        row.addWidget(remove)


class _NameEdit(QLineEdit):
    backspace_on_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_on_empty.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ParticipantPicker(QWidget):
    """Pick one or more contacts by typing; ``single`` keeps at most one (an assignee).
    Contacts in ``leave_out`` are never suggested (the user themself, as a participant)."""

    changed = Signal()
    """The picked people changed (added, removed or replaced)."""

    def __init__(
        self,
        contacts: Contacts,
        *,
        single: bool = False,
        leave_out: Iterable[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._contacts = contacts
        self.single = single
        self._leave_out = frozenset(leave_out)
        self._chips: list[Chip] = []
        self.line_edit = _NameEdit()
        self.line_edit.setMinimumWidth(160)
        self.line_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.textEdited.connect(self._suggest)
        self.line_edit.backspace_on_empty.connect(self._remove_last)
        self.setFocusProxy(self.line_edit)

        self.suggestions = QStandardItemModel(self)
        self._offered: dict[int, ContactSuggestion] = {}
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(self.line_edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        # activated is overloaded (text, index); the stubs do not know the index form.
        cast(Any, self.completer.activated)[QModelIndex].connect(self._picked)
        popup = self.completer.popup()
        assert popup is not None
        self._popup = popup
        # Installed after the completer's own filter, so it sees keys first: Qt's popup
        # hides on Tab without taking the highlighted row, and Tab should take it.
        popup.installEventFilter(self)

        self.flow = FlowLayout(self)
        self.flow.addWidget(self.line_edit)
        self._update_placeholder()

    # -- what is picked --------------------------------------------------------------------

    def people(self) -> list[ContactSuggestion]:
        return [chip.person for chip in self._chips]

    def contact_ids(self) -> list[int]:
        return [chip.person.id for chip in self._chips]

    def pending_text(self) -> str:
        """What was typed but not picked from the list (resolved by name when saving)."""
        return self.line_edit.text().strip()

    def add_person(self, chosen: ContactSuggestion) -> None:
        """Add ``chosen`` (in single mode: replace whoever was picked)."""
        if chosen.id in self.contact_ids():
            return
        if self.single:
            for chip in list(self._chips):
                self._drop(chip)
        chip = Chip(chosen)
        chip.remove_requested.connect(self.remove_person)
        self.flow.insertWidget(len(self._chips), chip)
        self._chips.append(chip)
        self._after_change()

    def set_people(self, people: Iterable[ContactSuggestion]) -> None:
        for chip in list(self._chips):
            self._drop(chip)
        for chosen in people:
            self.add_person(chosen)
        self._after_change()

    def remove_person(self, contact_id: int) -> None:
        for chip in list(self._chips):
            if chip.person.id == contact_id:
                self._drop(chip)
        self._after_change()

    def _drop(self, chip: Chip) -> None:
        self._chips.remove(chip)
        self.flow.removeWidget(chip)
        chip.hide()
        chip.deleteLater()

    def _remove_last(self) -> None:
        if self._chips:
            self.remove_person(self._chips[-1].person.id)

    def _after_change(self) -> None:
        self._update_placeholder()
        self.updateGeometry()
        self.changed.emit()

    def _update_placeholder(self) -> None:
        if self.single:
            text = "Type a name to choose someone else" if self._chips else "Type a name"
        else:
            text = "Type a name to add someone" if self._chips else "Type a name, then pick"
        self.line_edit.setPlaceholderText(text)

    # -- suggestions -----------------------------------------------------------------------

    def _suggest(self, typed: str) -> None:
        self.suggestions.clear()
        self._offered.clear()
        if not typed.strip():
            self._popup.hide()
            return
        picked = set(self.contact_ids()) | self._leave_out
        found = self._contacts.suggest(typed, limit=SUGGESTIONS + len(picked))
        for suggestion in [s for s in found if s.id not in picked][:SUGGESTIONS]:
            self._offered[suggestion.id] = suggestion
            item = QStandardItem(suggestion.label)
            item.setData(suggestion.id, ContactIdRole)
            if suggestion.email:
                item.setToolTip(suggestion.email)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount():
            self.completer.complete()
        else:
            self._popup.hide()

    def _picked(self, index: QModelIndex) -> None:
        chosen = self._offered.get(index.data(ContactIdRole))
        if chosen is None:
            return
        self.add_person(chosen)
        self.line_edit.clear()
        self.suggestions.clear()
        self._offered.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self._popup
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and popup.currentIndex().isValid()
        ):
            index = popup.currentIndex()
            popup.hide()
            self._picked(index)
            self.line_edit.focusNextChild()
            return True
        return super().eventFilter(watched, event)
