"""A project's kanban board: a column per task status, a card per task.

Cards move by drag and drop between columns (a private mime type carries the task id), by
Ctrl+Left / Ctrl+Right (or Alt+Left / Alt+Right) to the neighbouring column, or through the
card's "Move to" menu. Every move is one domain operation; the board then re-reads the
store, so a card only changes column once the move is saved, and a refused move leaves it
where it was with the domain's reason above the columns.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.records import TaskRecord
from deskbridge.task_list import OPEN_STATUSES
from deskbridge.tasks import CANCELLED, DONE
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import error_label
from deskbridge.ui.task_card import CardDelegate, TaskRole, TodayRole

TASK_MIME = "application/x-deskbridge-task-id"
# Between task_card's TaskRole (+1) and TodayRole (+3): what the board finds a card by.
TaskIdRole = Qt.ItemDataRole.UserRole + 2

# Left to right, the way work flows; cancelled sits at the end and is folded away by default.
TITLES = {"todo": "To do", "in_progress": "In progress", "blocked": "Blocked"}
COLUMNS = (
    *((status, TITLES[status]) for status in OPEN_STATUSES),
    (DONE, "Done"),
    (CANCELLED, "Cancelled"),
)
COLUMN_TITLES = dict(COLUMNS)
# Cards (base) stand out on the columns (window), in light and dark palettes alike.
COLUMNS_STYLE = (
    "QListWidget { background: palette(window); border: 1px solid palette(mid);"
    " border-radius: 6px; }"
    " QLabel { font-weight: 600; }"
)


def encode_task(task_id: int) -> QMimeData:
    """What a dragged card carries: its task id under the board's own mime type."""
    data = QMimeData()
    data.setData(TASK_MIME, QByteArray(str(task_id).encode("ascii")))
    return data


def decode_task(data: QMimeData) -> int | None:
    """The task id a drop carries, or None when it is not one of the board's cards."""
    if not data.hasFormat(TASK_MIME):
        return None
    raw = bytes(data.data(TASK_MIME).data()).decode("ascii", errors="replace")
    return int(raw) if raw.isdigit() else None


class BoardColumn(QListWidget):
    """One status's cards. Drops and keys become requests; the board decides what happens."""

    task_dropped = Signal(int, str)
    """A card with this task id was dropped here (the column's status)."""
    step_requested = Signal(int, int)
    """Move this task one column left (-1) or right (+1)."""
    open_requested = Signal(int)
    menu_requested = Signal(int, QPoint)
    focus_step = Signal(int)
    """Left or Right without a modifier: move the keyboard to the neighbouring column."""

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setAccessibleName(f"{COLUMN_TITLES[status]} column")
        self.setItemDelegate(CardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(1)
        self.setMinimumWidth(150)
        self.itemActivated.connect(lambda item: self.open_requested.emit(item.data(TaskIdRole)))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count():
            return
        # An empty column says what it is for rather than showing a blank box.
        painter = QPainter(self.viewport())
        colour = QColor(self.palette().color(QPalette.ColorRole.Text))
        colour.setAlphaF(0.55)
        painter.setPen(colour)
        painter.drawText(
            self.viewport().rect().adjusted(8, 16, -8, -8),
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            "No tasks here.\nDrop a card to move it here.",
        )
        painter.end()

    def selected_task_id(self) -> int | None:
        item = self.currentItem()
        return int(item.data(TaskIdRole)) if item is not None and item.isSelected() else None

    # -- dragging out ----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [TASK_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # Our own drag: Qt's would delete the source item after a move, but the board
        # re-reads the store instead, so a refused move leaves the card where it was.
        task_id = self.selected_task_id()
        if task_id is None:
            return
        drag = QDrag(self)
        drag.setMimeData(encode_task(task_id))
        item = self.currentItem()
        if item is not None:
            rect = self.visualItemRect(item)
            drag.setPixmap(self.viewport().grab(rect))
            drag.setHotSpot(QPoint(rect.width() // 2, 12))
        drag.exec(Qt.DropAction.MoveAction)

    # -- dropping in -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if decode_task(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if decode_task(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        task_id = decode_task(event.mimeData())
        if task_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.task_dropped.emit(task_id, self.status)

    # -- keyboard and menu -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        task_id = self.selected_task_id()
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(key))
        moving = modifiers in (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier)
        if step is not None and moving:
            if task_id is not None:
                self.step_requested.emit(task_id, step)
            event.accept()
            return
        if step is not None and modifiers == Qt.KeyboardModifier.NoModifier:
            self.focus_step.emit(step)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and task_id is not None:
            self.open_requested.emit(task_id)
            event.accept()
            return
        if key == Qt.Key.Key_Menu and task_id is not None:
            item = self.currentItem()
            rect = self.visualItemRect(item) if item is not None else QRect()
            self.menu_requested.emit(task_id, self.viewport().mapToGlobal(rect.center()))
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.itemAt(event.pos())
        if item is None:
            return
        self.setCurrentItem(item)
        self.menu_requested.emit(int(item.data(TaskIdRole)), event.globalPos())


class TaskBoard(QWidget):
    """The board of one project (:meth:`set_project`). It asks the page to open or create
    a task (the dialogs live with the page), and moves cards itself."""

    open_task = Signal(int)
    new_task = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project_id: int | None = None
        self._select_after: int | None = None
        self._ticket = 0
        self._tasks: dict[int, TaskRecord] = {}

        self.new_button = QPushButton("&New task…")
        self.new_button.setToolTip("A task in this project, assigned to anyone (Insert)")
        self.new_button.clicked.connect(self.new_task.emit)
        self.show_cancelled = QCheckBox("Show &cancelled")
        self.show_cancelled.toggled.connect(self._fold_cancelled)
        hint = QLabel("Drag a card, or Ctrl+← / Ctrl+→ · Enter opens")
        hint.setStyleSheet("color: #808080;")
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addSpacing(8)
        bar.addWidget(hint, 1)
        bar.addWidget(self.show_cancelled)

        self.message = error_label()
        self.message.setAccessibleName("Board message")

        self.columns: dict[str, BoardColumn] = {}
        self.headers: dict[str, QLabel] = {}
        self._holders: dict[str, QWidget] = {}
        # One style sheet for the columns and their headers: one per widget cost about
        # 10 ms of every Projects open.
        area = QWidget()
        row = QHBoxLayout(area)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for status, _title in COLUMNS:
            column = BoardColumn(status)
            column.task_dropped.connect(self.move_task)
            column.step_requested.connect(self.step_task)
            column.open_requested.connect(self.open_task.emit)
            column.menu_requested.connect(self._show_menu)
            column.focus_step.connect(lambda step, s=status: self._focus_column(s, step))
            column.currentItemChanged.connect(lambda *_args, c=column: self._selected_in(c))
            header = QLabel()
            holder = QWidget()
            stack = QVBoxLayout(holder)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(4)
            stack.addWidget(header)
            stack.addWidget(column, 1)
            row.addWidget(holder, 1)
            self.columns[status] = column
            self.headers[status] = header
            self._holders[status] = holder

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(area, 1)
        # Set last: set first, every widget added after it was styled again as it came in.
        area.setStyleSheet(COLUMNS_STYLE)
        self._fold_cancelled(False)

    # -- reading ---------------------------------------------------------------------------

    def set_project(self, project_id: int | None) -> None:
        if project_id != self.project_id:
            self.message.hide()
        self.project_id = project_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the project's tasks (on the database worker) and lay out the cards."""
        self._ticket += 1
        ticket = self._ticket
        project_id = self.project_id
        if project_id is None:
            self._show({s: [] for s, _ in COLUMNS})
            return
        tasks = self.context.workspace.tasks

        def shown(board: dict[str, list[TaskRecord]]) -> None:
            if ticket == self._ticket:
                self._show(board)

        self.context.op(lambda: tasks.board(project_id)).success(shown).failure(
            self._show_failure
        ).run()

    def _show(self, board: dict[str, list[TaskRecord]]) -> None:
        today = self.context.workspace.clock.today()
        keep = self._select_after if self._select_after is not None else self.selected_task_id()
        self._select_after = None
        self._tasks = {}
        focus_column = next((c for c in self.columns.values() if c.hasFocus()), None)
        for status, column in self.columns.items():
            cards = board.get(status, [])
            column.blockSignals(True)
            column.clear()
            for task in cards:
                item = QListWidgetItem(task.title)
                item.setData(TaskRole, task)
                item.setData(TaskIdRole, task.id)
                item.setData(TodayRole, today)
                item.setToolTip(self._tooltip(task))
                column.addItem(item)
                self._tasks[task.id] = task
            column.blockSignals(False)
            self.headers[status].setText(f"{COLUMN_TITLES[status]}  ·  {len(cards)}")
        if keep is not None and keep in self._tasks:
            self.select_task(keep, focus=focus_column is not None)
        if board.get(CANCELLED) and keep in {t.id for t in board[CANCELLED]}:
            self.show_cancelled.setChecked(True)

    @staticmethod
    def _tooltip(task: TaskRecord) -> str:
        people = ", ".join(p.name for p in task.assignees) or "nobody"
        lines = [task.title, f"Assigned to {people}"]
        if task.notes:
            lines.append(task.notes.strip()[:300])
        return "\n".join(lines)

    def _show_failure(self, error: BaseException) -> None:
        self.message.setText(str(error))
        self.message.show()

    def card_titles(self, status: str) -> list[str]:
        """The titles of the cards in a column, top to bottom, as the user sees them."""
        column = self.columns[status]
        return [column.item(n).text() for n in range(column.count())]

    def status_of(self, task_id: int) -> str | None:
        task = self._tasks.get(task_id)
        return task.status if task else None

    # -- selection -------------------------------------------------------------------------

    def selected_task_id(self) -> int | None:
        for column in self.columns.values():
            task_id = column.selected_task_id()
            if task_id is not None:
                return task_id
        return None

    def select_task(self, task_id: int, *, focus: bool = True) -> bool:
        """Select the card of this task (and give its column the keyboard)."""
        for column in self.columns.values():
            for n in range(column.count()):
                item = column.item(n)
                if item.data(TaskIdRole) == task_id:
                    column.setCurrentItem(item)
                    item.setSelected(True)
                    column.scrollToItem(item)
                    if focus:
                        column.setFocus()
                    return True
        return False

    def _selected_in(self, chosen: BoardColumn) -> None:
        # One selected card on the whole board, so keys and menus act on what is seen.
        if chosen.currentItem() is None:
            return
        for column in self.columns.values():
            if column is not chosen:
                column.blockSignals(True)
                column.clearSelection()
                column.selectionModel().clearCurrentIndex()
                column.blockSignals(False)

    def _visible_statuses(self) -> list[str]:
        return [s for s, _ in COLUMNS if s != CANCELLED or self.show_cancelled.isChecked()]

    def _focus_column(self, status: str, step: int) -> None:
        visible = self._visible_statuses()
        position = visible.index(status) + step
        if 0 <= position < len(visible):
            column = self.columns[visible[position]]
            column.setFocus()
            item = column.currentItem() or column.item(0)
            if item is not None:
                column.setCurrentItem(item)
                item.setSelected(True)

    def _fold_cancelled(self, shown: bool) -> None:
        self._holders[CANCELLED].setVisible(shown)

    # -- moving ----------------------------------------------------------------------------

    def step_task(self, task_id: int, step: int) -> None:
        """Move the task to the visible column left (-1) or right (+1) of its own."""
        current = self.status_of(task_id)
        if current is None:
            return
        visible = self._visible_statuses()
        if current not in visible:
            return
        position = visible.index(current) + step
        if 0 <= position < len(visible):
            self.move_task(task_id, visible[position])

    def move_task(self, task_id: int, status: str) -> None:
        """Move the task to ``status``; a refusal is shown above the columns."""
        current = self.status_of(task_id)
        if current == status:
            return
        tasks = self.context.workspace.tasks
        kinds = {ChangeKind.TASKS}
        if DONE in (current, status):
            kinds.add(ChangeKind.CONTACTS)  # done or undone: a touch with the assignees
        self._select_after = task_id

        def moved(_task: TaskRecord) -> None:
            self.message.hide()
            self.refresh()

        def refused(error: BaseException) -> None:
            self._select_after = None
            self._show_failure(error)

        self.context.op(lambda: tasks.move(task_id, status)).changes(kinds).success(moved).failure(
            refused
        ).run()

    def _show_menu(self, task_id: int, at: QPoint) -> None:
        menu = self.task_menu(task_id)
        menu.exec(at)

    def task_menu(self, task_id: int) -> QMenu:
        """The card's menu: open it, or move it to any other status."""
        menu = QMenu(self)
        menu.addAction("&Open…", lambda: self.open_task.emit(task_id))
        move = menu.addMenu("&Move to")
        current = self.status_of(task_id)
        for status, title in COLUMNS:
            action = move.addAction(title, partial(self.move_task, task_id, status))
            action.setEnabled(status != current)
        menu.addSeparator()
        menu.addAction("&New task…", self.new_task.emit)
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Insert:
            self.new_task.emit()
            event.accept()
            return
        super().keyPressEvent(event)
