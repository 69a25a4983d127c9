"""The command palette (Ctrl+K): one box that finds any contact, department, meeting,
request, goal, project or task, and runs any command of the window's menus.

It floats over the top of the window as a child widget rather than a window of its own,
so every platform (Wayland included) places it where the user is looking, and clicking
anywhere else simply moves the focus away, which closes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from deskbridge.search import SearchResult, typed_words
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.palette_model import (
    COMMANDS_WHILE_SEARCHING,
    PaletteDelegate,
    PaletteModel,
    PaletteRow,
    hit_rows,
    matching_commands,
)
from deskbridge.ui.palette_shadow import PaletteShadow

HITS = 20
WIDTH = 640
ROWS_SHOWN = 9
TOP_MARGIN = 48  # below the window's top edge, over the view's heading
PLACEHOLDER = "Find a contact, meeting, task… or type a command"
STEP_KEYS = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: ROWS_SHOWN - 1,
    Qt.Key.Key_PageUp: -(ROWS_SHOWN - 1),
}


class CommandPalette(QFrame):
    """Type to narrow; Up/Down choose; Enter runs the command or opens the thing; Esc (or
    clicking elsewhere) closes. ``commands`` is asked each time the palette opens, so menu
    entries added later are listed too; ``open_hit(kind, id)`` shows a search hit."""

    closed = Signal()

    def __init__(
        self,
        context: AppContext,
        commands: Callable[[], list[PaletteRow]],
        open_hit: Callable[[str, int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._commands = commands
        self._open_hit = open_hit
        self._all_commands: list[PaletteRow] = []
        self._searching = False
        self._searched = ""  # the text whose hits are shown
        self._hits: list[PaletteRow] = []
        self._run_when_found = False  # Enter came before the hits of what was typed
        self._return_focus: QWidget | None = None

        self.setObjectName("commandPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QFrame#commandPalette { background: palette(window);"
            " border: 1px solid palette(mid); border-radius: 8px; }"
        )
        self.shadow = PaletteShadow(self, parent)  # not an effect: that re-blurs per keystroke

        self.edit = QLineEdit()
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Command palette")
        self.edit.setStyleSheet("QLineEdit { font-size: 13pt; padding: 6px; }")
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)

        self.model = PaletteModel()
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(PaletteDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the box
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._clicked)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(placeholder-text); padding: 12px;")
        self.message.hide()
        self.hint = QLabel("↑↓ choose   ·   Enter open or run   ·   Esc close")
        self.hint.setStyleSheet("color: palette(placeholder-text); font-size: 8pt;")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight)

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)
        self.hide()
        parent.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # -- opening and closing ---------------------------------------------------------------

    def open(self) -> None:
        """Show the palette over its window with an empty box: every command is listed."""
        focused = QApplication.focusWidget()
        self._return_focus = (
            focused if focused is not None and not self.isAncestorOf(focused) else None
        )
        self._all_commands = self._commands()
        self._hits = []
        self._searched = ""
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self._show_rows()
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_palette(self, *, restore_focus: bool = True) -> None:
        if not self.isVisible():
            return
        self.hide()
        if restore_focus and self._return_focus is not None:
            self._return_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._return_focus = None
        self.closed.emit()

    def toggle(self) -> None:
        if self.isVisible():
            self.close_palette()
        else:
            self.open()

    def _place(self) -> None:
        """Centred over the top of the window, as tall as what it lists (up to
        :data:`ROWS_SHOWN` rows, and never past the window's bottom)."""
        parent = self.parentWidget()
        assert parent is not None
        width = min(WIDTH, parent.width() - 40)
        room = parent.height() - TOP_MARGIN - 20
        rows = min(self.model.rowCount(), ROWS_SHOWN)
        row_height = self.fontMetrics().height() * 2 + 8  # as the delegate paints
        chrome = self._layout.sizeHint().height() - self.list.sizeHint().height()
        self.list.setFixedHeight(min(rows * row_height + 2, max(room - chrome, row_height)))
        self.setGeometry((parent.width() - width) // 2, TOP_MARGIN, width, 10)
        self.resize(width, min(self._layout.sizeHint().height(), room))

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # Another window taking the focus (new is None) leaves the palette open.
        if self.isVisible() and new is not None and not self.isAncestorOf(new):
            self.close_palette(restore_focus=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            if self.isVisible():
                self._place()
        elif watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_palette()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.run_current()
            return True
        step = STEP_KEYS.get(Qt.Key(key))
        if step is not None:
            self._move(step)
            return True
        return False

    # -- what is listed --------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self._run_when_found = False
        if not typed_words(text):
            self._hits = []
            self._searched = text
        self._show_rows()
        if typed_words(text):
            self._search()

    def _search(self) -> None:
        """Ask for the hits of what is typed now. One search at a time: while one runs,
        more typing only marks the box as changed, and the newest text is searched when
        it answers, so fast typing never queues a search per keystroke."""
        if self._searching:
            return
        text = self.edit.text()
        self._searching = True
        workspace = self.context.workspace
        (
            self.context.op(lambda: workspace.search.results(text, limit=HITS))
            .success(lambda results: self._found(text, results))
            .failure(lambda error: self._failed(text, error))
            .run()
        )

    def _found(self, text: str, results: list[SearchResult]) -> None:
        self._searching = False
        if text != self.edit.text():
            if typed_words(self.edit.text()):
                self._search()
            return
        self._searched = text
        self._hits = hit_rows(results)
        self._show_rows()
        if self._run_when_found:
            self._run_when_found = False
            self.run_current()

    def _failed(self, text: str, error: BaseException) -> None:
        self._searching = False
        if text == self.edit.text():
            self._hits = []
            self._searched = text
            self._show_rows(problem=f"Search failed: {error}")
        elif typed_words(self.edit.text()):
            self._search()

    def _show_rows(self, problem: str = "") -> None:
        # While the hits of what was just typed are on their way, the previous ones stay,
        # so the list does not flicker empty on every keystroke.
        text = self.edit.text()
        commands = matching_commands(self._all_commands, text)
        if typed_words(text):
            commands = commands[:COMMANDS_WHILE_SEARCHING]
        rows = commands + self._hits
        self.model.set_rows(rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0, 0))
        waiting = self.waiting()
        self.message.setText(problem or f"Nothing matches “{text.strip()}”.")
        self.message.setVisible(bool(problem) or (not rows and not waiting))
        self.list.setVisible(bool(rows))
        self._place()

    def waiting(self) -> bool:
        """The hits listed are not yet those of what is typed."""
        return bool(typed_words(self.edit.text())) and self._searched != self.edit.text()

    def rows(self) -> list[PaletteRow]:
        return self.model.rows()

    def current_row(self) -> PaletteRow | None:
        index = self.list.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _move(self, step: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.list.currentIndex().row()
        row = min(max(current + step, 0), count - 1) if current >= 0 else 0
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

    # -- acting ----------------------------------------------------------------------------

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.list.setCurrentIndex(index)
            self.run_current()

    def run_current(self) -> None:
        """Enter: close, then run the chosen command or open the chosen thing."""
        row = self.current_row()
        if self.waiting() and (row is None or row.hit is not None):
            self._run_when_found = True  # not a hit of something typed before
            return
        if row is None:
            return
        self.close_palette(restore_focus=row.action is not None)
        if row.action is not None:
            row.action.trigger()
        elif row.hit is not None:
            self._open_hit(*row.hit)
