"""What the command palette lists: the window's menu commands that match the words typed,
then the search's hits, each painted as a kind label, a title over a line of detail, and
(for commands) the shortcut that does the same from anywhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from deskbridge.search import SearchResult, typed_words
from deskbridge.ui.badge_delegate import plain_background

ModelIndex = QModelIndex | QPersistentModelIndex
DetailRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
ShortcutRole = Qt.ItemDataRole.UserRole + 3

KIND_LABELS = {
    "contact": "Contact",
    "department": "Department",
    "interaction": "Meeting",
    "request": "Request",
    "goal": "Goal",
    "project": "Project",
    "task": "Task",
}
COMMAND = "Command"
COMMANDS_WHILE_SEARCHING = 5
"""At most this many commands above the search's hits: the hits are what is looked for."""


def plain_text(action: QAction) -> str:
    """A menu entry's text without its mnemonic ampersands (``&&`` is a real one)."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass(frozen=True)
class PaletteRow:
    kind: str
    """What the row is, as shown at its left: "Command", "Contact", "Meeting", ..."""
    title: str
    detail: str
    shortcut: str = ""
    action: QAction | None = None
    """A command's menu action (triggered on Enter)."""
    hit: tuple[str, int] | None = None
    """A search hit's (kind, id) (opened on Enter)."""


def menu_commands(menus: Iterable[QMenu], leave_out: Sequence[QAction] = ()) -> list[PaletteRow]:
    """Every enabled, visible entry of ``menus`` (submenus, whose entries change as the app
    runs, left out), in menu order, with the menu's name as detail."""
    rows: list[PaletteRow] = []
    for menu in menus:
        where = menu.title().replace("&", "")
        for action in menu.actions():
            if (
                action.isSeparator()
                or action.menu() is not None
                or not action.isEnabled()
                or not action.isVisible()
                or action in leave_out
            ):
                continue
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            rows.append(PaletteRow(COMMAND, plain_text(action), where, keys, action=action))
    return rows


def matching_commands(commands: Sequence[PaletteRow], typed: str) -> list[PaletteRow]:
    """The commands every typed word starts a word of (in the command or its menu's name),
    those whose name starts with what was typed first, then those matched by name alone."""
    words = typed_words(typed)
    if not words:
        return list(commands)
    ranked: list[tuple[int, int, PaletteRow]] = []
    for place, command in enumerate(commands):
        own = typed_words(command.title)
        where = own + typed_words(command.detail)
        if not all(any(word.startswith(t) for word in where) for t in words):
            continue
        by_name = all(any(word.startswith(t) for word in own) for t in words)
        starts = " ".join(own).startswith(" ".join(words))
        ranked.append((0 if starts else 1 if by_name else 2, place, command))
    ranked.sort(key=lambda item: item[:2])
    return [command for _, _, command in ranked]


def hit_rows(results: Iterable[SearchResult]) -> list[PaletteRow]:
    return [
        PaletteRow(KIND_LABELS.get(r.kind, r.kind.title()), r.title, r.detail, hit=(r.kind, r.id))
        for r in results
    ]


class PaletteModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PaletteRow] = []

    def set_rows(self, rows: Sequence[PaletteRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> PaletteRow:
        return self._rows[row]

    def rows(self) -> list[PaletteRow]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == DetailRole:
            return row.detail
        if role == KindRole:
            return row.kind
        if role == ShortcutRole:
            return row.shortcut
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.detail}" if row.detail else row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.kind}: {row.title}. {row.detail}"
        return None


KIND_WIDTH = 96
PADDING = 8


class PaletteDelegate(QStyledItemDelegate):
    """Two lines per row: the kind in a quiet column, the title over its detail, and a
    command's shortcut at the right. Colours come from the palette (light and dark)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        plain_background(view_option, painter)
        palette = view_option.palette
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        strong = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        # Selected rows keep one readable colour; elsewhere the quiet parts are muted.
        muted = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        small = QFont(view_option.font)
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        box = view_option.rect.adjusted(PADDING, 4, -PADDING, -4)
        line = view_option.fontMetrics.height()
        left = box.left() + KIND_WIDTH
        right = box.right()

        painter.save()
        shortcut = str(index.data(ShortcutRole) or "")
        if shortcut:
            width = view_option.fontMetrics.horizontalAdvance(shortcut) + PADDING
            _text(
                painter,
                QRect(right - width, box.top(), width, line),
                shortcut,
                view_option.font,
                muted,
                Qt.AlignmentFlag.AlignRight,
            )
            right -= width + PADDING
        width = max(right - left, 10)
        _text(
            painter,
            QRect(box.left(), box.top(), KIND_WIDTH - PADDING, line),
            str(index.data(KindRole) or ""),
            small,
            muted,
        )
        _text(
            painter,
            QRect(left, box.top(), width, line),
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            view_option.font,
            strong,
        )
        _text(
            painter,
            QRect(left, box.top() + line, width, line),
            str(index.data(DetailRole) or ""),
            small,
            muted,
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(400, option.fontMetrics.height() * 2 + 8)


def _text(
    painter: QPainter,
    box: QRect,
    text: str,
    font: QFont,
    colour: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> None:
    """``text`` in one line of ``box``, cut with an ellipsis where it does not fit."""
    if not text:
        return
    painter.setFont(font)
    painter.setPen(colour)
    shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, box.width())
    painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, shown)
