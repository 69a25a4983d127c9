"""The import's column-mapping page: one row per CSV column (its header, a few values from
the file, and what DeskBridge field it becomes), under a line saying which export the
headers were recognised as.

Google's export has dozens of columns, most of them empty for most people: columns with no
value in the rows sampled are folded away (unless a field was guessed for them) behind a
"Show empty columns" box, so the page opens on the columns that matter.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deskbridge.exchange.csv_contacts import CONTACT_FIELDS, ColumnMapping, CsvTable
from deskbridge.ui.dialog_keys import HINT_STYLE
from deskbridge.ui.form_dialog import ERROR_STYLE

SAMPLED_ROWS = 200
"""Rows looked at for sample values: enough to find a value in a sparse column, cheap at
any file size."""
SAMPLES_SHOWN = 3
SAMPLE_CHARACTERS = 60
SAMPLE_SHOWN_CHARACTERS = 22
"""Each of the three values shown beside a column: three long e-mail addresses would
otherwise run past the column and be cut mid-word (the tooltip has them whole)."""
NAME_FIELDS = frozenset({"full_name", "first_name", "middle_name", "last_name"})
HEADLINE_STYLE = "font-size: 11pt; font-weight: 600;"
BY_HAND = "Match the columns to DeskBridge fields"
NEEDS_A_NAME = (
    "Choose the column (or the first and last name columns) that holds each person's name: "
    "Next waits until one does."
)


def recognised_line(source: str) -> str:
    """What the page says about the file's headers."""
    return f"Recognised as a {source} export" if source else BY_HAND


def sample_values(table: CsvTable, column: int, count: int = SAMPLES_SHOWN) -> list[str]:
    """Up to ``count`` different non-empty values of ``column`` from the first rows."""
    found: list[str] = []
    for _line, cells in table.rows[:SAMPLED_ROWS]:
        value = cells[column].strip() if column < len(cells) else ""
        if value and value not in found:
            found.append(value)
            if len(found) == count:
                break
    return found


def shortened(text: str, limit: int = SAMPLE_CHARACTERS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def maps_a_name(fields: Sequence[str]) -> bool:
    return any(field in NAME_FIELDS for field in fields)


class ColumnMappingPage(QWidget):
    """Shows a :class:`CsvTable` with a :class:`ColumnMapping` to change; ``changed`` is
    emitted whenever the user picks another field for a column."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel()
        self.headline.setStyleSheet(HEADLINE_STYLE)
        self.headline.setWordWrap(True)
        self.explanation = QLabel(
            "Each column of the file becomes the DeskBridge field chosen beside it. Several "
            "columns may hold e-mails, phones or tags; “Ignore” leaves a column out."
        )
        self.explanation.setWordWrap(True)
        self.show_empty = QCheckBox()
        self.show_empty.toggled.connect(self._show_rows)
        self.combos: list[QComboBox] = []
        self._rows: list[tuple[list[QWidget], bool]] = []
        self._source = ""

        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setHorizontalSpacing(16)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.grid_holder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.explanation)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.show_empty)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    def set_table(self, table: CsvTable, mapping: ColumnMapping) -> None:
        """Show ``table``'s columns, each preset to the field ``mapping`` guessed."""
        self._source = mapping.source
        self.headline.setText(recognised_line(mapping.source))
        self._clear()
        for text, column in (("Column in the file", 0), ("Values", 1), ("Import as", 2)):
            title = QLabel(text)
            title.setStyleSheet("font-weight: 600;")
            self.grid.addWidget(title, 0, column)
        for column, header in enumerate(table.headers):
            field = mapping.fields[column] if column < len(mapping.fields) else ""
            self._add_row(column, header, sample_values(table, column), field)
        self.grid.setRowStretch(len(table.headers) + 1, 1)
        hidden = sum(1 for _widgets, keep in self._rows if not keep)
        self.show_empty.setText(
            f"Show {hidden} empty column{'s' if hidden != 1 else ''} (no values in the first rows)"
        )
        self.show_empty.setVisible(hidden > 0)
        self.show_empty.setChecked(False)
        self._show_rows()

    def _add_row(self, column: int, header: str, samples: list[str], field: str) -> None:
        row = column + 1
        name = QLabel(shortened(header or f"Column {column + 1}", 40))
        name.setToolTip(header)
        values = QLabel(
            " · ".join(shortened(value, SAMPLE_SHOWN_CHARACTERS) for value in samples) or "(empty)"
        )
        values.setStyleSheet(HINT_STYLE)
        values.setToolTip("\n".join(samples))
        values.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        combo = QComboBox()
        combo.setAccessibleName(f"Import {header} as")
        for key, label in CONTACT_FIELDS:
            combo.addItem(label, key)
        combo.setCurrentIndex(max(0, combo.findData(field)))
        combo.currentIndexChanged.connect(self._combo_changed)
        name.setBuddy(combo)
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(values, row, 1)
        self.grid.addWidget(combo, row, 2)
        self.combos.append(combo)
        self._rows.append(([name, values, combo], bool(samples or field)))

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        self._rows = []

    def _show_rows(self) -> None:
        everything = self.show_empty.isChecked()
        for widgets, keep in self._rows:
            for widget in widgets:
                widget.setVisible(keep or everything)

    def say(self, text: str, error: bool = False) -> None:
        """The line under the columns: what they would read, or what is still missing."""
        self.summary.setText(text)
        self.summary.setStyleSheet(ERROR_STYLE if error else "")

    def _combo_changed(self) -> None:
        self.changed.emit()

    def fields(self) -> tuple[str, ...]:
        return tuple(str(combo.currentData()) for combo in self.combos)

    def mapping(self) -> ColumnMapping:
        """What the user chose: the recognised source (kept, so the import says where the
        file came from) and one field per column."""
        return ColumnMapping(source=self._source, fields=self.fields())

    def choose(self, column: int, field: str) -> None:
        """Set ``column`` to ``field`` as the user would (tests, keyboard helpers)."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(field))

    def has_name(self) -> bool:
        return maps_a_name(self.fields())

    def focus_first(self) -> None:
        shown = [combo for combo in self.combos if combo.isVisibleTo(self)]
        if shown:
            shown[0].setFocus(Qt.FocusReason.OtherFocusReason)
