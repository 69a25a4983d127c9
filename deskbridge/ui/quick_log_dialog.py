"""Quick log (Ctrl+L): who, what kind, when, what was said, and an optional project and
follow-up task, typed in a few seconds without touching the mouse.

Saving is one operation: the follow-up is checked first, then the interaction is logged
and the task created, so a bad follow-up leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import AmbiguousError, NotFoundError, ValidationError
from deskbridge.records import ContactSuggestion, InteractionRecord, TaskRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.day_edit import NO_DUE_DATE, DayEdit, OptionalDayEdit
from deskbridge.ui.dialog_keys import add_keys_hint, ctrl_enter_ok
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.form_fields import text_box
from deskbridge.ui.interaction_dialog import project_combo
from deskbridge.ui.interaction_kinds import kind_choices
from deskbridge.ui.participant_picker import ParticipantPicker, person
from deskbridge.ui.snooze import from_qdate, to_qdate
from deskbridge.validation import required_text
from deskbridge.workspace import Workspace

# Labels in the order a user meets them; the values are the domain's interaction kinds.
FOLLOW_UP_TITLE_LIMIT = 300


@dataclass(frozen=True)
class LoggedTouch:
    """What the quick log stored: the interaction, and the follow-up task if one was typed."""

    interaction: InteractionRecord
    task: TaskRecord | None


def resolve_typed(workspace: Workspace, field: str, typed: str) -> int:
    """The contact a name typed but not picked from the list stands for; a message for
    ``field`` when nobody or several people match."""
    try:
        return workspace.contacts.resolve(typed).id
    except NotFoundError:
        raise ValidationError(
            field, f"nobody called “{typed}”: pick a name from the list, or add them in Contacts"
        ) from None
    except AmbiguousError as error:
        listed = "; ".join(error.candidates)
        raise ValidationError(
            field,
            f"“{typed}” could be {len(error.candidates)} people: {listed}. "
            "Type more of the name and pick one from the list",
        ) from None


class QuickLogDialog(FormDialog):
    """Log a meeting, call or coffee with one or more contacts, and optionally a follow-up."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        participant_ids: Sequence[int] = (),
        project_id: int | None = None,
    ) -> None:
        """``participant_ids`` and ``project_id`` come filled in, e.g. when logging from a
        contact or a project."""
        super().__init__(context, "Quick log", parent)
        workspace = context.workspace
        today = workspace.clock.today()
        self.setMinimumWidth(560)
        self._me = workspace.contacts.me()
        self._assignee_chosen = False
        self._setting_default = False

        # Nobody logs a meeting with themself: "me" is left out of the suggestions.
        self.participants = ParticipantPicker(
            workspace.contacts, leave_out=[self._me.id] if self._me else []
        )
        self.participants.setAccessibleName("Participants")
        self._field("&Who:", self.participants, "participants")

        self.kind = QComboBox()
        for label, kind in kind_choices():
            self.kind.addItem(label, kind)
        self.kind.setToolTip("Type the first letters to choose: m, ca, e, ch, co, w, o")
        self._field("&Kind:", self.kind, "kind")

        self.when = DayEdit(today)
        self.when.setMaximumDate(to_qdate(today))
        self._field("&Date:", self.when, "when")

        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What it was about, in a line")
        self._field("&Summary:", self.summary, "summary")

        self.outcome = text_box("What was agreed (optional)", lines=3)
        self._field("Ou&tcome:", self.outcome, "outcome")

        # After the fields of the fast path, so Tab from the summary still reaches the outcome;
        # the follow-up task goes to the same project.
        self.project = project_combo(workspace.projects.list(), project_id)
        self._field("&Project:", self.project, "project")

        heading = QLabel("Follow-up (optional)")
        heading.setStyleSheet("font-weight: 600; padding-top: 8px;")
        self.form.addRow(heading)

        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText("A task to come out of it, e.g. Send the ROI figures")
        self._field("&Follow-up task:", self.follow_up, "follow-up", "title")

        self.assignee = ParticipantPicker(workspace.contacts, single=True)
        self.assignee.setAccessibleName("Follow-up assigned to")
        self._field("&Assign to:", self.assignee, "assignee", "assignees")

        self.due = OptionalDayEdit(today, NO_DUE_DATE)
        self._field("D&ue:", self.due, "due")

        # A line of names that goes away leaves its room under this hint, not in a row.
        add_keys_hint(self, "Ctrl+Enter logs it from any field · Tab moves on · Esc cancels")
        ok = ctrl_enter_ok(self, "&Log it")

        order: list[QWidget] = [
            self.participants.line_edit, self.kind, self.when, self.summary, self.outcome,
            self.project, self.follow_up, self.assignee.line_edit, self.due,
            ok, self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.participants.changed.connect(self._default_assignee)
        self.participants.changed.connect(self._refit_soon)
        self.assignee.changed.connect(self._refit_soon)
        self.assignee.changed.connect(self._assignee_changed)
        self._set_assignee([person(self._me)] if self._me else [])
        if participant_ids:
            self.participants.set_people(person(workspace.contacts.get(i)) for i in participant_ids)
            self.summary.setFocus()
        else:
            self.participants.setFocus()

    def sizeHint(self) -> QSize:
        """Tall enough for the fields at the width the dialog really opens at (the names
        field wraps, so its height depends on the width)."""
        hint = super().sizeHint()
        width = max(hint.width(), self.minimumWidth())
        body = self.layout()
        if body is not None and body.hasHeightForWidth():
            return QSize(width, body.totalHeightForWidth(width))
        return QSize(width, hint.height())

    def _fit_height(self) -> None:
        """Grow to show every line when names wrap or a message appears (Qt does not grow
        a window for a taller height-for-width row by itself)."""
        body = self.layout()
        if body is None or not body.hasHeightForWidth():
            return
        needed = body.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _refit_soon(self) -> None:
        # After Qt has processed the layout request the change posted.
        QTimer.singleShot(0, self._fit_height)

    def show_error(self, error: BaseException) -> None:
        super().show_error(error)
        self._refit_soon()

    def _field(self, label: str, widget: QWidget, *names: str) -> None:
        self.add_field(label, widget, *names)
        # The label's mnemonic focuses the row's holder; let it hand focus to the field.
        holder = widget.parentWidget()
        if holder is not None:
            holder.setFocusProxy(widget)

    # -- the follow-up's assignee ----------------------------------------------------------

    def _set_assignee(self, people: list[ContactSuggestion]) -> None:
        self._setting_default = True
        try:
            self.assignee.set_people(people)
        finally:
            self._setting_default = False

    def _assignee_changed(self) -> None:
        if not self._setting_default:
            self._assignee_chosen = True

    def _default_assignee(self) -> None:
        """Without a "me" contact, the follow-up goes to the first participant until the
        user chooses someone."""
        if self._me is None and not self._assignee_chosen:
            self._set_assignee(self.participants.people()[:1])

    # -- saving ----------------------------------------------------------------------------

    def submit(self) -> None:
        """Log the interaction (and the follow-up) as one operation."""
        workspace = self.context.workspace
        picked = self.participants.contact_ids()
        typed = self.participants.pending_text()
        kind = str(self.kind.currentData())
        occurred_on = from_qdate(self.when.date())
        summary = self.summary.text()
        outcome = self.outcome.toPlainText()
        project_id: int | None = self.project.currentData()
        title = self.follow_up.text().strip()
        assignees = self.assignee.contact_ids()
        assignee_typed = self.assignee.pending_text()
        due_on = self.due.day()
        me_id = self._me.id if self._me else None

        def log() -> LoggedTouch:
            people = list(picked)
            if typed:
                people.append(resolve_typed(workspace, "participants", typed))
            owners: list[int] = []
            if title:
                # Checked before anything is written: the log and the task are two units
                # of work, and a bad follow-up must not leave the log saved without it.
                required_text("follow-up", title, FOLLOW_UP_TITLE_LIMIT)
                if assignee_typed:
                    owners = [resolve_typed(workspace, "assignee", assignee_typed)]
                else:
                    owners = assignees or ([me_id] if me_id else people[:1])
            interaction = workspace.interactions.log(
                people,
                summary,
                kind=kind,
                occurred_on=occurred_on,
                outcome=outcome,
                project_id=project_id,
            )
            task = None
            if title:
                task = workspace.tasks.create(
                    title, assignee_ids=owners, due_on=due_on, project_id=project_id
                )
            return LoggedTouch(interaction, task)

        kinds = [ChangeKind.INTERACTIONS, ChangeKind.CONTACTS]
        if title:
            kinds.append(ChangeKind.TASKS)
        self.run(log, *kinds)
