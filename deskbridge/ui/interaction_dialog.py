"""One logged interaction, opened from the meeting log: change what was recorded, or delete it.

Who took part is shown but not edited here: the quick log is where people are picked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.projects import LIVE_STATUSES
from deskbridge.records import InteractionRecord, ProjectRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.interaction_kinds import kind_choices, kind_label
from deskbridge.ui.snooze import from_qdate, to_qdate
from deskbridge.ui.view_actions import confirmed

CHANGES = (ChangeKind.INTERACTIONS, ChangeKind.CONTACTS)
NO_PROJECT = "No project"
# Wide enough for a usual project name; a longer one is elided rather than widening the form.
PROJECT_NAME_CHARS = 28


def project_combo(projects: Sequence[ProjectRecord], chosen: int | None) -> QComboBox:
    """A choice of "No project" then the live projects by name, with ``chosen`` selected.

    A finished project is offered only when it is ``chosen``, with its status beside the
    name, so opening and saving an interaction never drops the project it was logged with.
    """
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(PROJECT_NAME_CHARS)
    combo.setToolTip("Type the first letters of a project's name to choose it")
    combo.addItem(NO_PROJECT, None)
    live = sorted((p for p in projects if p.status in LIVE_STATUSES), key=lambda p: p.name.lower())
    for project in live:
        combo.addItem(project.name, project.id)
    if chosen is not None and combo.findData(chosen) < 0:
        for project in projects:
            if project.id == chosen:
                combo.addItem(f"{project.name} ({project.status.replace('_', ' ')})", project.id)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    return combo


class TextBox(QPlainTextEdit):
    """A multi-line field that asks for ``lines`` lines of room, not Qt's default block,
    and lets Tab move on as in every other field of the form."""

    def __init__(self, text: str, lines: int) -> None:
        super().__init__(text)
        self.setTabChangesFocus(True)
        self._lines = lines

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        height = self.fontMetrics().lineSpacing() * self._lines + 2 * self.frameWidth() + 8
        return QSize(hint.width(), height)


class InteractionDialog(FormDialog):
    """View and edit one interaction. ``deleted`` is True after the user deleted it."""

    def __init__(
        self, context: AppContext, interaction_id: int, parent: QWidget | None = None
    ) -> None:
        record = context.workspace.interactions.get(interaction_id)
        title = f"{kind_label(record.kind)} on {record.occurred_on.isoformat()}"
        super().__init__(context, title, parent)
        self.setMinimumWidth(520)
        self.record: InteractionRecord = record
        self.deleted = False

        names = ", ".join(person.name for person in record.participants)
        self.participants = QLabel(names or "nobody")
        self.participants.setWordWrap(True)
        # A wrapping label asks for a narrow width; take the whole field so a few names fit
        # on one line instead of being squeezed into lines the row has no height for.
        self.participants.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.participants.setToolTip("Who took part. To log with other people, log it again.")
        self.add_field("With:", self.participants, "participants")

        self.when = QDateEdit(to_qdate(record.occurred_on))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.when.setMaximumDate(to_qdate(context.workspace.clock.today()))
        self.add_field("&When:", self.when, "when")

        self.kind = QComboBox()
        for label, kind in kind_choices():
            self.kind.addItem(label, kind)
        if self.kind.findData(record.kind) < 0:
            self.kind.addItem(kind_label(record.kind), record.kind)
        self.kind.setCurrentIndex(self.kind.findData(record.kind))
        self.add_field("&Kind:", self.kind, "kind")

        self.summary = QLineEdit(record.summary)
        self.add_field("Su&mmary:", self.summary, "summary")
        self.outcome = TextBox(record.outcome, 3)
        self.outcome.setPlaceholderText("What was agreed, decided or promised")
        self.add_field("&Outcome:", self.outcome, "outcome")
        self.project = project_combo(context.workspace.projects.list(), record.project_id)
        self.add_field("&Project:", self.project, "project")
        self.notes = TextBox(record.notes, 6)
        self.add_field("&Notes:", self.notes, "notes")

        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save")
        self.delete_button = self.buttons.addButton(
            "&Delete…", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.clicked.connect(self.ask_delete)
        self.summary.setFocus()

    def submit(self) -> None:
        interaction_id = self.record.id
        summary = self.summary.text()
        kind = str(self.kind.currentData())
        day = from_qdate(self.when.date())
        outcome = self.outcome.toPlainText()
        notes = self.notes.toPlainText()
        project_id: int | None = self.project.currentData()
        interactions = self.context.workspace.interactions
        self.run(
            lambda: interactions.update(
                interaction_id,
                summary=summary,
                kind=kind,
                occurred_on=day,
                outcome=outcome,
                notes=notes,
                project_id=project_id,
            ),
            *CHANGES,
        )

    def ask_delete(self) -> None:
        """Delete the interaction once the user confirms; the dialog then closes."""
        record = self.record
        self.clear_errors()
        ask_delete_interaction(
            self, self.context, record.id, record.summary, record.occurred_on,
            done=self._was_deleted, failed=self.show_error,
        )  # fmt: skip

    def _was_deleted(self) -> None:
        self.deleted = True
        self.accept()


def ask_delete_interaction(
    parent: QWidget,
    context: AppContext,
    interaction_id: int,
    summary: str,
    day: date,
    *,
    done: Callable[[], None] | None = None,
    failed: Callable[[BaseException], None] | None = None,
) -> bool:
    """Ask whether to delete this interaction and, when the user agrees, delete it (its
    people may fall due again). False when the user said no."""
    if not confirmed(
        parent,
        "Delete interaction",
        f"Delete “{summary}” of {day.isoformat()}?\n\n"
        "It will no longer count as a touch with the people in it. This cannot be undone.",
    ):
        return False
    interactions = context.workspace.interactions
    op = context.op(lambda: interactions.delete(interaction_id)).changes(*CHANGES)
    if done is not None:
        op.success(lambda _result: done())
    op.failure(failed or (lambda error: show_error(parent, error))).run()
    return True
