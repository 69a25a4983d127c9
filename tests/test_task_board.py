"""The project board: cards by status, moved by a drop, by keys and by the card's menu."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.records import TaskRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.task_board import (
    CANCELLED,
    TASK_MIME,
    TaskBoard,
    decode_task,
    encode_task,
)
from deskbridge.ui.task_card import due_text
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


@dataclass
class Board:
    board: TaskBoard
    project_id: int
    ana: int
    ben: int
    draft: TaskRecord
    review: TaskRecord
    changes: list[frozenset[ChangeKind]]


@pytest.fixture
def setup(qtbot: QtBot, app_context: AppContext, workspace: Workspace) -> Board:
    workspace.departments.add("Sales")
    workspace.departments.add("IT")
    ana = workspace.contacts.add("Ana Lopez", department="Sales").id
    ben = workspace.contacts.add("Ben Okafor", department="IT").id
    project = workspace.projects.create("Bridge")
    draft = workspace.tasks.create(
        "Draft the brief", assignee_ids=[ana, ben], project_id=project.id, priority="urgent",
        due_on=date(2026, 11, 20),
    )  # fmt: skip
    review = workspace.tasks.create("Review the brief", assignee_ids=[ben], project_id=project.id)
    workspace.tasks.create("Not in this project", assignee_ids=[ana])
    changes: list[frozenset[ChangeKind]] = []
    app_context.hub.changed.connect(changes.append)
    board = TaskBoard(app_context)
    qtbot.addWidget(board)
    board.resize(1000, 500)
    board.show()
    board.set_project(project.id)
    return Board(board, project.id, ana, ben, draft, review, changes)


def drop(board: TaskBoard, status: str, data: QMimeData) -> QDropEvent:
    """What Qt hands a column when a drag is released over it."""
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    board.columns[status].dropEvent(event)
    return event


def select(qtbot: QtBot, board: TaskBoard, task_id: int) -> None:
    assert board.select_task(task_id)
    qtbot.waitUntil(lambda: board.selected_task_id() == task_id)


def test_cards_sit_in_the_column_of_their_status(setup: Board) -> None:
    board = setup.board
    assert board.card_titles("todo") == ["Draft the brief", "Review the brief"]
    assert board.card_titles("in_progress") == []
    assert board.headers["todo"].text() == "To do  ·  2"
    assert board.headers["done"].text() == "Done  ·  0"
    card = board.columns["todo"].item(0)
    assert "Ana Lopez, Ben Okafor" in card.toolTip()
    # Cancelled is folded away until asked for.
    assert not board.columns[CANCELLED].isVisibleTo(board)
    board.show_cancelled.setChecked(True)
    assert board.columns[CANCELLED].isVisibleTo(board)


def test_a_dropped_card_moves_to_the_column_and_is_saved(
    setup: Board, workspace: Workspace
) -> None:
    board = setup.board
    event = drop(board, "in_progress", encode_task(setup.draft.id))

    assert event.isAccepted()
    assert board.card_titles("in_progress") == ["Draft the brief"]
    assert board.card_titles("todo") == ["Review the brief"]
    assert workspace.tasks.get(setup.draft.id).status == "in_progress"
    assert setup.changes[-1] == frozenset({ChangeKind.TASKS})
    assert board.selected_task_id() == setup.draft.id


def test_dropping_on_done_completes_the_task_as_a_touch(setup: Board, workspace: Workspace) -> None:
    drop(setup.board, "done", encode_task(setup.draft.id))

    assert setup.board.card_titles("done") == ["Draft the brief"]
    assert workspace.tasks.get(setup.draft.id).completed_at is not None
    assert workspace.contacts.get(setup.ana).last_touch_on == TODAY
    assert setup.changes[-1] == frozenset({ChangeKind.TASKS, ChangeKind.CONTACTS})

    # And back out of done: the touch is taken back.
    drop(setup.board, "todo", encode_task(setup.draft.id))
    assert workspace.tasks.get(setup.draft.id).status == "todo"
    assert workspace.contacts.get(setup.ana).last_touch_on is None
    assert setup.changes[-1] == frozenset({ChangeKind.TASKS, ChangeKind.CONTACTS})


def test_drops_that_are_not_cards_are_turned_away(setup: Board, workspace: Workspace) -> None:
    text = QMimeData()
    text.setText(str(setup.draft.id))
    enter = QDragEnterEvent(
        QPointF(10, 10).toPoint(),
        Qt.DropAction.MoveAction,
        text,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    setup.board.columns["done"].dragEnterEvent(enter)
    assert not enter.isAccepted()
    assert not drop(setup.board, "done", text).isAccepted()
    card = QMimeData()
    card.setData(TASK_MIME, b"12")
    assert decode_task(card) == 12
    card.setData(TASK_MIME, b"nonsense")
    assert decode_task(card) is None
    assert workspace.tasks.get(setup.draft.id).status == "todo"
    assert setup.changes == []


def test_dropping_a_card_on_its_own_column_changes_nothing(setup: Board) -> None:
    drop(setup.board, "todo", encode_task(setup.draft.id))
    assert setup.changes == []
    assert setup.board.card_titles("todo") == ["Draft the brief", "Review the brief"]


def test_ctrl_and_alt_arrows_move_the_selected_card(
    qtbot: QtBot, setup: Board, workspace: Workspace
) -> None:
    board = setup.board
    select(qtbot, board, setup.review.id)
    ctrl = Qt.KeyboardModifier.ControlModifier

    qtbot.keyClick(board.columns["todo"], Qt.Key.Key_Right, ctrl)
    assert board.card_titles("in_progress") == ["Review the brief"]
    # The card stays selected in its new column, so the next key moves it on.
    assert board.selected_task_id() == setup.review.id
    qtbot.keyClick(board.columns["in_progress"], Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert board.card_titles("blocked") == ["Review the brief"]
    qtbot.keyClick(board.columns["blocked"], Qt.Key.Key_Left, ctrl)
    assert board.card_titles("in_progress") == ["Review the brief"]
    assert workspace.tasks.get(setup.review.id).status == "in_progress"

    for _ in range(2):
        qtbot.keyClick(board.focusWidget(), Qt.Key.Key_Right, ctrl)
    assert board.card_titles("done") == ["Review the brief"]
    assert workspace.contacts.get(setup.ben).last_touch_on == TODAY
    # Done is the last column shown: further right goes nowhere.
    qtbot.keyClick(board.columns["done"], Qt.Key.Key_Right, ctrl)
    assert workspace.tasks.get(setup.review.id).status == "done"


def test_plain_arrows_move_the_keyboard_between_columns(qtbot: QtBot, setup: Board) -> None:
    board = setup.board
    drop(board, "in_progress", encode_task(setup.review.id))
    select(qtbot, board, setup.draft.id)
    qtbot.keyClick(board.columns["todo"], Qt.Key.Key_Right)
    assert board.columns["in_progress"].hasFocus()
    assert board.selected_task_id() == setup.review.id
    assert board.card_titles("in_progress") == ["Review the brief"]


def test_enter_opens_the_selected_card(qtbot: QtBot, setup: Board) -> None:
    select(qtbot, setup.board, setup.review.id)
    with qtbot.waitSignal(setup.board.open_task) as opened:
        qtbot.keyClick(setup.board.columns["todo"], Qt.Key.Key_Return)
    assert opened.args == [setup.review.id]


def move_menu_action(board: TaskBoard, task_id: int, title: str) -> None:
    menu = board.task_menu(task_id)
    move = next(a.menu() for a in menu.actions() if a.text() == "&Move to")
    assert isinstance(move, QMenu)
    action = next(a for a in move.actions() if a.text() == title)
    assert action.isEnabled()
    action.trigger()


def test_the_move_to_menu_moves_and_offers_only_other_columns(
    setup: Board, workspace: Workspace
) -> None:
    board = setup.board
    menu = board.task_menu(setup.draft.id)
    move = next(a.menu() for a in menu.actions() if a.text() == "&Move to")
    assert isinstance(move, QMenu)
    assert [a.text() for a in move.actions() if not a.isEnabled()] == ["To do"]
    move_menu_action(board, setup.draft.id, "Blocked")
    assert board.card_titles("blocked") == ["Draft the brief"]
    assert workspace.tasks.get(setup.draft.id).status == "blocked"


def test_a_refused_move_says_why_and_leaves_the_card(setup: Board, workspace: Workspace) -> None:
    board = setup.board
    drop(board, "done", encode_task(setup.draft.id))
    assert not board.message.isVisibleTo(board)

    move_menu_action(board, setup.draft.id, "Cancelled")

    assert board.message.isVisibleTo(board)
    assert "reopen it before cancelling" in board.message.text()
    assert board.card_titles("done") == ["Draft the brief"]
    assert workspace.tasks.get(setup.draft.id).status == "done"
    # The next move that works clears the message.
    drop(board, "in_progress", encode_task(setup.review.id))
    assert not board.message.isVisibleTo(board)


def test_an_empty_board_has_empty_columns(qtbot: QtBot, app_context: AppContext) -> None:
    project = app_context.workspace.projects.create("Empty")
    board = TaskBoard(app_context)
    qtbot.addWidget(board)
    board.show()
    board.set_project(project.id)
    assert all(board.card_titles(status) == [] for status in board.columns)
    assert board.headers["todo"].text() == "To do  ·  0"
    with qtbot.waitSignal(board.new_task):
        qtbot.mouseClick(board.new_button, Qt.MouseButton.LeftButton)


def test_due_lines_say_overdue_only_for_open_tasks() -> None:
    assert due_text(None, TODAY, False) == ("No due date", False)
    assert due_text(date(2026, 11, 20), TODAY, False) == ("Overdue by 3 days", True)
    assert due_text(date(2026, 11, 22), TODAY, False) == ("Overdue by 1 day", True)
    assert due_text(date(2026, 11, 23), TODAY, False) == ("Due today", False)
    assert due_text(date(2026, 11, 24), TODAY, False) == ("Due tomorrow", False)
    assert due_text(date(2026, 11, 20), TODAY, True) == ("Due 2026-11-20", False)


def test_insert_on_a_column_asks_for_a_new_task(qtbot: QtBot, setup: Board) -> None:
    select(qtbot, setup.board, setup.draft.id)
    with qtbot.waitSignal(setup.board.new_task):
        qtbot.keyClick(setup.board.columns["todo"], Qt.Key.Key_Insert)
