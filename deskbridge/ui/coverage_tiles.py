"""Coverage tiles: one card per department with its colour, people, last contact, asks and
shared work, and a warning chip where the tie rests on one person or on nobody. The grid
reflows with the width; arrows and Tab move between tiles, Enter opens one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deskbridge.coverage import CoverageWarning, DepartmentCoverage
from deskbridge.records import TouchStatus
from deskbridge.ui.touch_status_style import STATUS_COLOURS

TILE_MIN_WIDTH = 270
SPACING = 12
# Solid chips with white text: the same contrast (above 4.5:1) on a light or a dark window.
CHIP_COLOURS = {
    CoverageWarning.NO_CONTACT: "#c62828",
    CoverageWarning.SINGLE_POINT: "#a84300",
}
OVERDUE_COLOUR = STATUS_COLOURS[TouchStatus.OVERDUE]
TILE_STYLE = """
QFrame#coverageTile {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
QFrame#coverageTile:focus {
    border: 2px solid palette(highlight);
}
QFrame#coverageTile QLabel {
    border: none;
}
QLabel#coverageTileName {
    font-size: 12pt;
    font-weight: 600;
}
"""
MUTED = "color: palette(placeholder-text);"
SPOKEN_STYLE = "border: none;"  # what TILE_STYLE gives every label of a tile


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def spoken_text(last: date | None, today: date) -> str:
    """When someone last spoke to the department, as a person would say it."""
    if last is None:
        return "Never spoken to"
    days = (today - last).days
    if days <= 0:
        return "Last spoke today"
    if days == 1:
        return "Last spoke yesterday"
    if days < 14:
        return f"Last spoke {days} days ago"
    if days < 60:
        return f"Last spoke {days // 7} weeks ago"
    if days < 730:
        return f"Last spoke {days // 30} months ago"
    return f"Last spoke {days // 365} years ago"


def people_text(row: DepartmentCoverage) -> str:
    if row.contacts == 0:
        return "No contacts"
    return f"{plural(row.contacts, 'contact')} · {row.overdue:,} overdue"


def asks_text(row: DepartmentCoverage) -> str:
    if not row.open_asks and not row.to_thank:
        return "No open asks, no thanks owed"
    asks = f"{plural(row.open_asks, 'ask')} open" if row.open_asks else "No asks open"
    return f"{asks} · {row.to_thank:,} to thank"


def shared_text(row: DepartmentCoverage) -> str:
    if not row.goals and not row.projects:
        return "No shared goals or projects"
    return f"{plural(row.goals, 'goal')} · {plural(row.projects, 'project')}"


def warning_text(row: DepartmentCoverage) -> str:
    if row.warning is CoverageWarning.NO_CONTACT:
        return "No contact yet — add one"
    if row.warning is CoverageWarning.SINGLE_POINT and row.sole_contact is not None:
        return f"Single point of contact: {row.sole_contact.name}"
    return ""


def _columns_for(width: int) -> int:
    return max(1, (width + SPACING) // (TILE_MIN_WIDTH + SPACING))


class CoverageTile(QFrame):
    """One department. Focusable: Enter (or a double click) asks to open it."""

    activated = Signal(int)
    step = Signal(int, int)  # rows, columns to move the focus by

    def __init__(self, row: DepartmentCoverage, today: date) -> None:
        super().__init__()
        self.department_id = row.id
        self.setObjectName("coverageTile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(TILE_MIN_WIDTH)
        # Tiles of a row share its height; spare height goes below the grid (see _place).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.stripe = QFrame()
        self.stripe.setFixedWidth(6)
        self.name = QLabel()
        self.name.setObjectName("coverageTileName")
        self.people = QLabel()
        self.spoken = QLabel()
        self.asks = QLabel()
        self.asks.setToolTip(
            "Input requests waiting on their answer · answers you have not thanked for yet"
        )
        self.shared = QLabel()
        self.shared.setToolTip("Active shared goals and live projects this department is in")
        self.chip = QLabel()
        self.chip.setWordWrap(True)
        # Style sheets are set only when they change (see _restyle): each one re-polishes.
        # What all tiles share is one sheet on the grid (TILE_STYLE), parsed once rather
        # than once per tile and label (~1 ms a tile).
        self._styles: dict[QWidget, str] = {self.spoken: SPOKEN_STYLE}
        self.show_row(row, today)

        text = QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.name)
        for label in (self.people, self.spoken, self.asks, self.shared):
            text.addWidget(label)
        text.addSpacing(2)
        text.addWidget(self.chip)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 10, 12, 10)
        layout.setSpacing(10)
        layout.addWidget(self.stripe)
        layout.addLayout(text, 1)

    def show_row(self, row: DepartmentCoverage, today: date) -> None:
        """Say what ``row`` says, in place: a re-read changes a few words, not the widgets."""
        self.department_id = row.id
        self.setAccessibleName(f"{row.name} coverage")
        self._restyle(self.stripe, f"background: {row.colour}; border: none; border-radius: 3px;")
        self.name.setText(row.name)
        if row.overdue:
            self.people.setText(
                f"{plural(row.contacts, 'contact')} · "
                f"<span style='color: {OVERDUE_COLOUR}; font-weight: 600;'>"
                f"{row.overdue:,} overdue</span>"
            )
        else:
            self.people.setText(people_text(row))
        self.people.setToolTip("Overdue for a touch, stale ones included" if row.overdue else "")
        self.spoken.setText(spoken_text(row.last_spoken, today))
        self.spoken.setToolTip(
            "" if row.last_spoken is None else f"Last interaction on {row.last_spoken:%d %b %Y}"
        )
        self._restyle(self.spoken, SPOKEN_STYLE + (f" {MUTED}" if row.last_spoken is None else ""))
        self.asks.setText(asks_text(row))
        self.shared.setText(shared_text(row))
        self.chip.setText(warning_text(row))
        self.chip.setVisible(row.warning is not None)
        if row.warning is not None:
            self._restyle(
                self.chip,
                f"background: {CHIP_COLOURS[row.warning]}; color: #ffffff; border: none;"
                "border-radius: 4px; padding: 3px 8px; font-weight: 600;",
            )

    def _restyle(self, widget: QWidget, style: str) -> None:
        if self._styles.get(widget) != style:
            widget.setStyleSheet(style)
            self._styles[widget] = style

    def texts(self) -> list[str]:
        """What the tile says, line by line (the chip last when shown)."""
        labels = [self.name, self.people, self.spoken, self.asks, self.shared]
        if not self.chip.isHidden():
            labels.append(self.chip)
        return [label.text() for label in labels]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
        }
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.department_id)
        elif key in moves:
            self.step.emit(*moves[Qt.Key(key)])
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.activated.emit(self.department_id)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # The style sheet's :focus border needs a re-polish to show.
        self.style().unpolish(self)
        self.style().polish(self)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.style().unpolish(self)
        self.style().polish(self)
        super().focusOutEvent(event)


class CoverageTiles(QWidget):
    """The departments' tiles in as many columns as fit."""

    activated = Signal(int)
    current_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.tiles: list[CoverageTile] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self.setStyleSheet(TILE_STYLE)

    def set_rows(self, rows: list[DepartmentCoverage], today: date) -> None:
        """Show these departments; the focused one keeps its focus when it is still there."""
        if [row.id for row in rows] == [tile.department_id for tile in self.tiles]:
            # The same departments in the same order: new words in the same tiles.
            for tile, row in zip(self.tiles, rows, strict=True):
                tile.show_row(row, today)
            return
        focused = self.current_id()
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for row in rows:
            tile = CoverageTile(row, today)
            tile.activated.connect(self.activated)
            tile.step.connect(lambda rows_, columns, t=tile: self._step(t, rows_, columns))
            tile.installEventFilter(self)
            self.tiles.append(tile)
        self._columns = 0
        self._place()
        if focused is not None:
            self.select(focused)

    def tile(self, department_id: int) -> CoverageTile | None:
        return next((t for t in self.tiles if t.department_id == department_id), None)

    def select(self, department_id: int) -> bool:
        """Focus the department's tile; False when it is not shown."""
        tile = self.tile(department_id)
        if tile is None:
            return False
        tile.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def current_id(self) -> int | None:
        """The department whose tile has the focus, else None."""
        return next((t.department_id for t in self.tiles if t.hasFocus()), None)

    def focus_first(self) -> None:
        if self.tiles:
            self.tiles[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def columns(self) -> int:
        return self._columns

    def height_for(self, width: int) -> int:
        """The height all tiles need, laid out in a grid ``width`` wide."""
        if not self.tiles:
            return 0
        columns = _columns_for(width)
        heights = [t.sizeHint().height() for t in self.tiles]
        rows = [max(heights[n : n + columns]) for n in range(0, len(heights), columns)]
        return sum(rows) + (len(rows) - 1) * SPACING

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if isinstance(watched, CoverageTile) and event.type() == QEvent.Type.FocusIn:
            self.current_changed.emit(watched.department_id)
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        columns = _columns_for(self.width())
        if columns == self._columns:
            return
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for n, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, n // columns, n % columns)
        for column in range(columns):
            self._grid.setColumnStretch(column, 1)
        # Spare height goes below the last row, not between the tiles.
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self._grid.setRowStretch(-(-len(self.tiles) // columns), 1)
        self._columns = columns
        # Tab follows the reading order of the grid.
        for before, after in zip(self.tiles, self.tiles[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _step(self, tile: CoverageTile, rows: int, columns: int) -> None:
        index = self.tiles.index(tile) + rows * max(1, self._columns) + columns
        if 0 <= index < len(self.tiles):
            self.tiles[index].setFocus(Qt.FocusReason.OtherFocusReason)
