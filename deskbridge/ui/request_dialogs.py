"""The dialogs of an input request's life: ask, record the answer, thank, nudge; and the
questions asked before declining or withdrawing one."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import ValidationError
from deskbridge.records import InputRequestRecord, InteractionRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.day_edit import DayEdit, OptionalDayEdit
from deskbridge.ui.dialog_keys import ctrl_enter_ok, dialog_body, hint
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.form_fields import text_box
from deskbridge.ui.interaction_kinds import kind_choices
from deskbridge.ui.participant_picker import ParticipantPicker, person
from deskbridge.ui.quick_log_dialog import resolve_typed
from deskbridge.ui.snooze import from_qdate, to_qdate
from deskbridge.ui.view_actions import confirmed

NO_DEADLINE = "No deadline"


def about(request: InputRequestRecord) -> QLabel:
    """The request a dialog acts on, as its first line: topic, and whom it was asked of."""
    label = QLabel(
        f"<b>{escape(request.topic)}</b><br>"
        f"Asked of {escape(request.asked_of.name)} on {request.asked_on.isoformat()}"
    )
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def as_record(context: AppContext, request: InputRequestRecord | int) -> InputRequestRecord:
    """The request itself, read when only its id is at hand."""
    if isinstance(request, InputRequestRecord):
        return request
    return context.workspace.requests.get(request)


class RequestDialog(FormDialog):
    """A request dialog: OK is named for what it does, and Ctrl+Enter presses it from any
    field (the text boxes take plain Enter for new lines)."""

    def __init__(
        self, context: AppContext, title: str, ok_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, title, parent)
        self.setMinimumWidth(480)
        self.ok_button = ctrl_enter_ok(self, ok_text)

    def add_heading(self, widget: QWidget) -> None:
        """A line above the fields: what the dialog is about."""
        dialog_body(self).insertWidget(0, widget)

    def add_hint(self, widget: QWidget) -> None:
        """A line under the fields, above any general error."""
        body = dialog_body(self)
        body.insertWidget(body.indexOf(self.general_error), widget)


class RequestStepDialog(RequestDialog):
    """A step on one request (read when only its id is given), shown as the first line."""

    def __init__(
        self,
        context: AppContext,
        request: InputRequestRecord | int,
        title: str,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, title, ok_text, parent)
        self.request = as_record(context, request)
        self.today = context.workspace.clock.today()
        self.add_heading(about(self.request))


class AskDialog(RequestDialog):
    """Ask a colleague for input: whom, about what, and by when it is needed."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, contact_id: int | None = None
    ) -> None:
        super().__init__(context, "Ask for input", "&Ask", parent)
        self.setMinimumWidth(560)  # room for a chip and the picker's hint beside it
        workspace = context.workspace
        today = workspace.clock.today()
        me = workspace.contacts.me()
        self.asked_of = ParticipantPicker(
            workspace.contacts, single=True, leave_out=[me.id] if me else []
        )
        self.asked_of.setAccessibleName("Asked of")
        self.add_field("Ask &whom:", self.asked_of, "asked of")
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("In a few words, e.g. ROI of the spring campaign")
        self.add_field("&Topic:", self.topic, "topic")
        self.question = text_box("What exactly you need, and what for (optional)")
        self.add_field("&Question:", self.question, "question")
        self.asked_on = DayEdit(today)
        self.asked_on.setMaximumDate(to_qdate(today))
        self.add_field("Asked o&n:", self.asked_on, "asked on")
        self.needed_by = OptionalDayEdit(
            today, NO_DEADLINE, tip="Up arrow: today, then a day later per press"
        )
        self.add_field("Needed &by:", self.needed_by, "needed by")
        if contact_id is not None:
            self.asked_of.set_people([person(workspace.contacts.get(contact_id))])
            self.topic.setFocus()
        else:
            self.asked_of.setFocus()

    def submit(self) -> None:
        workspace = self.context.workspace
        picked = self.asked_of.contact_ids()
        typed = self.asked_of.pending_text()
        topic = self.topic.text()
        question = self.question.toPlainText()
        asked_on = from_qdate(self.asked_on.date())
        needed_by = self.needed_by.day()

        def ask() -> InputRequestRecord:
            if typed:
                contact_id = resolve_typed(workspace, "asked of", typed)
            elif picked:
                contact_id = picked[0]
            else:
                raise ValidationError("asked of", "type a name and pick the person you ask")
            return workspace.requests.ask(
                contact_id, topic, question=question, needed_by=needed_by, asked_on=asked_on
            )

        self.run(ask, ChangeKind.REQUESTS)


class AnswerDialog(RequestStepDialog):
    """Record the answer to an open request; it counts as a touch with the person asked."""

    def __init__(
        self,
        context: AppContext,
        request: InputRequestRecord | int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, request, "Record the answer", "&Record answer", parent)
        request, today = self.request, self.today
        self.summary = text_box("What they told you or sent, in a few lines")
        self.add_field("&Answer:", self.summary, "answer")
        self.answered_on = DayEdit(today)
        self.answered_on.setMinimumDate(to_qdate(request.asked_on))
        self.answered_on.setMaximumDate(to_qdate(today))
        self.add_field("Answered &on:", self.answered_on, "answered on")
        self.add_hint(hint(f"Counts as a touch with {request.asked_of.name}. Thank them next (T)."))
        self.summary.setFocus()

    def submit(self) -> None:
        requests = self.context.workspace.requests
        request_id = self.request.id
        summary = self.summary.toPlainText()
        day = from_qdate(self.answered_on.date())
        self.run(
            lambda: requests.answer(request_id, summary, answered_on=day),
            ChangeKind.REQUESTS,
            ChangeKind.CONTACTS,
        )


class ThankDialog(RequestStepDialog):
    """Record that the user thanked the person, and how their input was used."""

    def __init__(
        self,
        context: AppContext,
        request: InputRequestRecord | int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, request, "Thank for the answer", "&Record thanks", parent)
        request, today = self.request, self.today
        self.thanked_on = DayEdit(today)
        if request.answered_on is not None:
            self.thanked_on.setMinimumDate(to_qdate(request.answered_on))
        self.thanked_on.setMaximumDate(to_qdate(today))
        self.add_field("Thanked &on:", self.thanked_on, "thanked on")
        self.note = text_box("How their input was used, e.g. It shaped the Q3 budget (optional)")
        self.add_field("&How it helped:", self.note, "note")
        self.note.setFocus()

    def submit(self) -> None:
        requests = self.context.workspace.requests
        request_id = self.request.id
        day = from_qdate(self.thanked_on.date())
        note = self.note.toPlainText()
        self.run(lambda: requests.thank(request_id, thanked_on=day, note=note), ChangeKind.REQUESTS)


class NudgeDialog(RequestStepDialog):
    """Follow up on an open request; logged as an interaction with the person (a touch)."""

    def __init__(
        self,
        context: AppContext,
        request: InputRequestRecord | int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, request, "Nudge", "&Log the nudge", parent)
        request, today = self.request, self.today
        self.kind = QComboBox()
        for label, kind in kind_choices():
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(max(self.kind.findData("email"), 0))
        self.add_field("&Kind:", self.kind, "kind")
        self.when = DayEdit(today)
        self.when.setMinimumDate(to_qdate(request.asked_on))
        self.when.setMaximumDate(to_qdate(today))
        self.add_field("&Date:", self.when, "when")
        self.note = text_box("What you said or wrote (optional)", lines=3)
        self.add_field("&Note:", self.note, "notes", "note")
        self.add_hint(
            hint(
                f"Logged as “Follow-up: {request.topic}” with {request.asked_of.name}; "
                "it counts as a touch."
            )
        )
        self.kind.setFocus()

    def submit(self) -> None:
        requests = self.context.workspace.requests
        request_id = self.request.id
        kind = str(self.kind.currentData())
        day = from_qdate(self.when.date())
        note = self.note.toPlainText()

        def nudge() -> InteractionRecord:
            return requests.nudge(request_id, on=day, kind=kind, note=note)

        self.run(nudge, ChangeKind.INTERACTIONS, ChangeKind.CONTACTS, ChangeKind.REQUESTS)


def confirm_close(parent: QWidget, request: InputRequestRecord, declined: bool) -> bool:
    """Ask before declining or withdrawing: neither can be undone."""
    if declined:
        title = "Mark as declined"
        text = (
            f"Mark “{request.topic}” as declined by {request.asked_of.name}? "
            "Use this when they said no; it cannot be reopened."
        )
    else:
        title = "Withdraw the request"
        text = (
            f"Withdraw “{request.topic}”? Use this when you no longer need "
            f"{request.asked_of.name}'s input; it cannot be reopened."
        )
    return confirmed(parent, title, text)
