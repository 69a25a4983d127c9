"""The import's preview page: how many contacts will be new, updated, skipped or are in
error, and a table of every planned row (where in the file, name, what will happen, why)
that can be narrowed to one kind of action.

The table is a model over the preview's tuple of rows with fixed row heights and column
widths set once, so 100,000 planned rows scroll as lightly as ten; filtering keeps a list
of row numbers instead of copying rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbridge.exchange.contact_import import (
    ImportAction,
    ImportPreview,
    ImportResult,
    PlannedContact,
)
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.ui.empty_state import EmptyState
from deskbridge.ui.list_table import list_table

ModelIndex = QModelIndex | QPersistentModelIndex
COL_WHERE, COL_NAME, COL_ACTION, COL_WHY = range(4)
HEADERS = ("Where", "Name", "What will happen", "Why")
ACTION_WORDS = {
    ImportAction.CREATE: "New",
    ImportAction.UPDATE: "Update",
    ImportAction.SKIP: "Skip",
    ImportAction.ERROR: "Error",
}
ACTION_COLOURS = {ImportAction.ERROR: QColor("#d32f2f"), ImportAction.CREATE: QColor("#2e7d32")}
ActionRole = Qt.ItemDataRole.UserRole + 1
FILTERS = (
    ("All rows", None),
    ("New", ImportAction.CREATE),
    ("Updated", ImportAction.UPDATE),
    ("Skipped", ImportAction.SKIP),
    ("With errors", ImportAction.ERROR),
)
NOTHING_IN_FILE = "This file has no contacts."
NOTHING_OF_THIS_KIND = "No rows of this kind."


def counts_line(preview: ImportPreview) -> str:
    """``120 new · 3 updated · 4 skipped · 2 with errors``."""
    return (
        f"{preview.created:,} new  ·  {preview.updated:,} updated  ·  "
        f"{preview.skipped:,} skipped  ·  {preview.errors:,} with errors"
    )


class PreviewModel(QAbstractTableModel):
    """The planned rows of one preview, all of them or those of one action."""

    def __init__(self) -> None:
        super().__init__()
        self._all: tuple[PlannedContact, ...] = ()
        self._shown: list[int] | None = None  # row numbers into _all; None: every row
        self.action: ImportAction | None = None

    def set_rows(self, rows: tuple[PlannedContact, ...]) -> None:
        self.beginResetModel()
        self._all = rows
        self._shown = self._select(self.action)
        self.endResetModel()

    def show_action(self, action: ImportAction | None) -> None:
        """Only the rows that will have ``action`` (None: every row)."""
        self.beginResetModel()
        self.action = action
        self._shown = self._select(action)
        self.endResetModel()

    def _select(self, action: ImportAction | None) -> list[int] | None:
        if action is None:
            return None
        return [n for n, row in enumerate(self._all) if row.action == action]

    def planned(self, row: int) -> PlannedContact:
        return self._all[row if self._shown is None else self._shown[row]]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._all) if self._shown is None else len(self._shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        planned = self.planned(index.row())
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (planned.where, planned.name, ACTION_WORDS[planned.action], planned.reason)[
                column
            ]
        if role == ActionRole:
            return planned.action
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ACTION:
            return ACTION_COLOURS.get(planned.action)
        return None


class ImportPreviewPage(QWidget):
    """The counts, the filter and the table of one :class:`ImportPreview`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.counts = QLabel()
        self.counts.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show rows")
        self.filter.currentIndexChanged.connect(self._filter_changed)
        show = QLabel("&Show:")
        show.setBuddy(self.filter)

        self.model = PreviewModel()
        metrics = self.fontMetrics()
        char = metrics.averageCharWidth()
        action = metrics.horizontalAdvance(HEADERS[COL_ACTION]) + 24
        widths = {COL_WHERE: char * 10, COL_NAME: char * 26, COL_ACTION: action}
        self.table = list_table(self.model, widths)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        rows.setDefaultSectionSize(metrics.height() + 8)
        self.empty = EmptyState()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(show)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def show_preview(self, preview: ImportPreview, source: str) -> None:
        """Show ``preview`` of a file read as ``source`` (e.g. "Google Contacts CSV")."""
        self.preview = preview
        self.source.setText(f"Read as {source}. Nothing is changed until you import.")
        self.counts.setText(counts_line(preview))
        per_action = {
            None: len(preview.rows),
            ImportAction.CREATE: preview.created,
            ImportAction.UPDATE: preview.updated,
            ImportAction.SKIP: preview.skipped,
            ImportAction.ERROR: preview.errors,
        }
        self.filter.blockSignals(True)
        self.filter.clear()
        for text, action in FILTERS:
            self.filter.addItem(f"{text} ({per_action[action]:,})")
        self.filter.setCurrentIndex(0)  # another file, or other columns: every row again
        self.filter.blockSignals(False)
        self.model.action = None
        self.model.set_rows(preview.rows)
        self._show_table_or_empty()

    def show_action(self, action: ImportAction | None) -> None:
        """Narrow the table to one action, as choosing it in "Show" does."""
        self.filter.setCurrentIndex([kind for _text, kind in FILTERS].index(action))

    def _filter_changed(self) -> None:
        self.model.show_action(FILTERS[max(0, self.filter.currentIndex())][1])
        self._show_table_or_empty()

    def _show_table_or_empty(self) -> None:
        if self.model.rowCount():
            self.stack.setCurrentWidget(self.table)
            return
        nothing = self.preview is None or not self.preview.rows
        self.empty.say(NOTHING_IN_FILE if nothing else NOTHING_OF_THIS_KIND)
        self.stack.setCurrentWidget(self.empty)

    def shown_rows(self) -> list[list[str]]:
        """What the table shows, row by row, as the user reads it."""
        model = self.model
        return [
            [str(model.index(row, column).data()) for column in range(len(HEADERS))]
            for row in range(model.rowCount())
        ]


def imported_line(result: ImportResult) -> str:
    """``Imported: 120 new, 3 updated, 4 skipped`` (and the errors, when any)."""
    line = (
        f"Imported: {result.created:,} new, {result.updated:,} updated, {result.skipped:,} skipped"
    )
    if not result.errors:
        return line
    rows = "1 row with an error" if result.errors == 1 else f"{result.errors:,} rows with errors"
    return f"{line}, {rows} left out"


def archive_line(counts: Mapping[str, int]) -> str:
    """``150 contacts, 12 departments, 900 interactions`` (the tables that hold rows)."""
    shown = [
        f"{count:,} {table.replace('_', ' ').removesuffix('s' if count == 1 else '')}"
        for table, count in counts.items()
        if count
    ]
    return ", ".join(shown) if shown else "nothing"


def archive_summary(path: Path, counts: Mapping[str, int]) -> str:
    """What the archive page says about a JSON archive read without storing anything."""
    return (
        f"<p>{path.name} is a DeskBridge archive holding {archive_line(counts)}.</p>"
        "<p>Importing it restores all of that into this database, which is empty. It can be "
        "cancelled; nothing is stored unless all of it is.</p>"
    )


def parse_summary(parsed: ParsedContacts, rows: int) -> str:
    """What the columns as chosen read from a CSV file of ``rows`` rows."""
    line = f"{len(parsed.contacts):,} of {rows:,} row{'s' if rows != 1 else ''} will be read as "
    line += "contacts." if rows != 1 else "a contact."
    if parsed.problems:
        first = parsed.problems[0]
        count = len(parsed.problems)
        more = count - 1
        line += f" {count:,} {'has' if count == 1 else 'have'} a problem"
        line += f", such as {first} (and {more:,} more)." if more else f": {first}."
    return line
