"""The pane beside the contacts table: everything about one person, what you did together,
and the actions you take on them most often."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import NotFoundError
from deskbridge.keep_in_touch import effective_cadence
from deskbridge.meeting_prep import touch_status
from deskbridge.reciprocity import Reciprocity
from deskbridge.records import ContactRecord, InteractionRecord, TouchStatus
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.detail_pane import (
    MUTED,
    badge_style,
    field_grid,
    heading,
    invitation,
    muted,
    pane_stack,
    pane_title,
    scrolling,
    value_label,
)
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.interaction_kinds import kind_label
from deskbridge.ui.snooze import ask_snooze_until
from deskbridge.ui.touch_status_style import STATUS_COLOURS, STATUS_LABELS

TIMELINE_LIMIT = 50
PREPARE_KEY = "Ctrl+Shift+P"
FIELDS = (
    "Department", "Role", "E-mail", "Phone", "Location", "Tags",
    "Keep in touch", "Snoozed until", "Last touch", "Next touch", "Added",
)  # fmt: skip
# Where a long e-mail address may break across lines (a zero-width space).
BREAK = "\u200b"


def relative_day(day: date, today: date) -> str:
    """'today', 'yesterday', 'in 3 days', '12 days ago'."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"


def breakable(address: str) -> str:
    """The address with places to break before its '@' and dots, for a narrow pane."""
    return address.replace("@", BREAK + "@").replace(".", BREAK + ".")


def dated(day: date | None, today: date, never: str = "never") -> str:
    return f"{day.isoformat()} ({relative_day(day, today)})" if day else never


def timeline_entry(interaction: InteractionRecord, contact_id: int) -> str:
    """One logged interaction as rich text: day and kind, summary, outcome, who else."""
    kind = kind_label(interaction.kind)
    lines = [
        f"<b>{interaction.occurred_on.isoformat()}</b> · {escape(kind)}",
        escape(interaction.summary),
    ]
    if interaction.outcome:
        lines.append(f"<i>Outcome:</i> {escape(interaction.outcome)}")
    others = [p.name for p in interaction.participants if p.id != contact_id]
    if others:
        lines.append(muted(f"With {escape(', '.join(others))}"))
    return "<br>".join(lines)


def reciprocity_text(figures: Reciprocity) -> str:
    """'Asked 5 · answered 4 · thanked 3 · 1 answer not yet thanked'."""
    if not figures.asks:
        return "Not asked for input yet"
    text = f"Asked {figures.asks} · answered {figures.answers} · thanked {figures.thanks}"
    if figures.unthanked:
        answers = "answer" if figures.unthanked == 1 else "answers"
        text += f" · {figures.unthanked} {answers} not yet thanked"
    return text


class ContactDetail(QWidget):
    """Shows one contact (:meth:`show_contact`), a count of selected contacts
    (:meth:`show_many`) or an invitation to select one (:meth:`show_nothing`).

    Snoozing is done here; the other actions are asked of the view, which shares them
    with its toolbar and context menu."""

    edit_requested = Signal(int)
    log_requested = Signal(int)
    archive_requested = Signal(int, bool)
    delete_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contact: ContactRecord | None = None
        self.setMinimumWidth(260)
        # The contacts view does not re-read on request changes; the Input line does.
        context.hub.changed.connect(self._changed)

        self.empty = invitation("Select a contact to see their details")
        self.many = invitation()

        self.stack = pane_stack(self, self.empty, self.many, self._build_card())
        self.show_nothing()

    # -- layout ----------------------------------------------------------------------------

    def _build_card(self) -> QWidget:
        self.name_label = pane_title()
        self.subtitle = value_label()
        self.status_label = QLabel()
        self.status_note = QLabel()
        self.status_note.setWordWrap(True)
        self.status_note.setStyleSheet(MUTED)

        self.log_button = QPushButton("&Log a touch")
        self.log_button.setToolTip("Log a meeting, call or coffee with this person")
        self.snooze_button = QPushButton("&Snooze…")
        self.snooze_button.setToolTip("No reminders for this person for a while")
        self.unsnooze_button = QPushButton("Unsn&ooze")
        self.edit_button = QPushButton("Ed&it…")
        self.archive_button = QPushButton("Archive")
        self.delete_button = QPushButton("Delete…")
        self.log_button.clicked.connect(lambda: self._emit_for_contact(self.log_requested.emit))
        self.prepare_button = QPushButton("&Prepare meeting…")
        self.prepare_button.setToolTip(
            f"A brief before you meet them: last touches, open asks, goals, tasks ({PREPARE_KEY})"
        )
        self.prepare_button.clicked.connect(self.prepare_meeting)
        # Active only while the card shows: a shortcut on a hidden widget does not fire.
        QShortcut(QKeySequence(PREPARE_KEY), self.prepare_button, self.prepare_meeting)
        self.snooze_button.clicked.connect(self.snooze)
        self.unsnooze_button.clicked.connect(self.unsnooze)
        self.edit_button.clicked.connect(lambda: self._emit_for_contact(self.edit_requested.emit))
        self.archive_button.clicked.connect(self._archive_clicked)
        self.delete_button.clicked.connect(
            lambda: self._emit_for_contact(self.delete_requested.emit)
        )
        actions = QGridLayout()
        actions.setContentsMargins(0, 6, 0, 6)
        for position, button in enumerate(
            (self.log_button, self.prepare_button, self.snooze_button,
             self.unsnooze_button, self.edit_button, self.archive_button, self.delete_button)
        ):  # fmt: skip
            actions.addWidget(button, position // 4, position % 4)

        self.form, rows = field_grid(FIELDS)
        self.fields = {name: value for name, (_caption, value) in rows.items()}
        self.field_names = {name: caption for name, (caption, _value) in rows.items()}
        self.input_line = value_label()
        self.input_text = ""
        """The Input line as the user reads it."""
        self.input_line.setToolTip("Input requests asked of them: answers, and your thanks")
        self.strengths = value_label()
        self.notes = value_label()
        self.timeline_heading = heading("Timeline")
        self.timeline = QVBoxLayout()
        self.timeline.setSpacing(8)
        self.timeline_labels: list[QLabel] = []

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(self.form)
        self.ask_button = QPushButton("As&k for input…")
        self.ask_button.setToolTip("Ask this person for input and track the answer")
        self.ask_button.clicked.connect(self.ask_for_input)
        input_row = QHBoxLayout()
        input_row.addWidget(self.input_line, 1)
        input_row.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addWidget(heading("Input"))
        column.addLayout(input_row)
        column.addWidget(heading("Ask me about"))
        column.addWidget(self.strengths)
        column.addWidget(heading("Notes"))
        column.addWidget(self.notes)
        column.addWidget(self.timeline_heading)
        column.addLayout(self.timeline)
        column.addStretch(1)
        card = QWidget()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 8, 4, 4)
        top = QGridLayout()
        top.addWidget(self.name_label, 0, 0)
        top.addWidget(self.status_label, 0, 1, Qt.AlignmentFlag.AlignRight)
        top.setColumnStretch(0, 1)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.status_note)
        layout.addLayout(actions)
        layout.addWidget(scrolling(body), 1)
        return card

    # -- what is shown ---------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        return self.contact.id if self.contact else None

    def show_nothing(self) -> None:
        self.contact = None
        self.stack.setCurrentWidget(self.empty)

    def show_many(self, count: int) -> None:
        self.contact = None
        self.many.setText(
            f"{count:,} contacts selected.\n\n"
            "Tag them, move them to a department or archive them with the buttons above "
            "the table, or right-click for more."
        )
        self.stack.setCurrentWidget(self.many)

    def show_contact(self, contact_id: int) -> bool:
        """Read the contact and show it; False (and the empty state) when it is gone."""
        workspace = self.context.workspace
        try:
            contact = workspace.contacts.get(contact_id)
        except NotFoundError:
            self.show_nothing()
            return False
        self.contact = contact
        today = workspace.clock.today()
        status = touch_status(contact, today)

        self.name_label.setText(contact.full_name)
        self.subtitle.setText(self._subtitle(contact))
        self.status_label.setText("This is you" if contact.is_me else STATUS_LABELS[status])
        self.status_label.setStyleSheet(badge_style(STATUS_COLOURS.get(status)))
        self.status_label.setVisible(contact.is_me or bool(STATUS_LABELS[status]))
        self.status_note.setText(self._status_note(contact, status, today))

        snoozed = status is TouchStatus.SNOOZED
        self.unsnooze_button.setVisible(snoozed)
        self.snooze_button.setEnabled(not contact.archived and not contact.is_me)
        self.ask_button.setVisible(not contact.is_me)
        self.prepare_button.setEnabled(not contact.is_me)
        self.archive_button.setText("Unarchive" if contact.archived else "Archive")
        self._fill_fields(contact, today)
        self._fill_input(contact)
        self._fill_timeline(contact)
        self.stack.setCurrentIndex(2)
        return True

    def _subtitle(self, contact: ContactRecord) -> str:
        parts = [escape(contact.role)] if contact.role else []
        if contact.department:
            colour = self._department_colour(contact.department_id)
            dot = f"<span style='color:{colour}'>●</span> " if colour else ""
            parts.append(f"{dot}{escape(contact.department)}")
        return " · ".join(parts) or muted("No role or department yet")

    def _department_colour(self, department_id: int | None) -> str | None:
        if department_id is None:
            return None
        return self.context.workspace.departments.get(department_id).colour

    @staticmethod
    def _status_note(contact: ContactRecord, status: TouchStatus, today: date) -> str:
        if contact.is_me:
            return "You get no reminders about yourself."
        notes = {
            TouchStatus.STALE: f"No touch for two cadences; next touch was due "
            f"{relative_day(contact.next_touch_on, today)}.",
            TouchStatus.OVERDUE: f"A touch was due {relative_day(contact.next_touch_on, today)}.",
            TouchStatus.DUE: f"A touch is due {relative_day(contact.next_touch_on, today)}.",
            TouchStatus.OK: f"In touch: next touch {relative_day(contact.next_touch_on, today)}.",
            TouchStatus.ARCHIVED: "Archived: no reminders, and hidden from the active list.",
        }
        if status is TouchStatus.SNOOZED and contact.snoozed_until is not None:
            return f"No reminders until {contact.snoozed_until.isoformat()}."
        return notes.get(status, "")

    def _cadence_text(self, contact: ContactRecord) -> str:
        workspace = self.context.workspace
        department = None
        if contact.department_id is not None:
            department = workspace.departments.get(contact.department_id).cadence_days
        days = effective_cadence(
            contact.cadence_days, department, workspace.keep_in_touch.default_cadence()
        )
        if contact.cadence_days is not None:
            source = "their own"
        elif department is not None:
            source = f"from {contact.department}"
        else:
            source = "the default"
        return f"every {days} days ({source})"

    def _fill_fields(self, contact: ContactRecord, today: date) -> None:
        none = muted("—")
        emails = [
            f"<a href='mailto:{escape(a)}'>{breakable(escape(a))}</a>" for a in contact.emails
        ]
        values = {
            "Department": escape(contact.department) if contact.department else none,
            "Role": escape(contact.role) or none,
            "E-mail": "<br>".join(emails) or none,
            "Phone": "<br>".join(escape(p) for p in contact.phones) or none,
            "Location": escape(contact.location) or none,
            "Tags": escape(", ".join(contact.tags)) or none,
            "Keep in touch": self._cadence_text(contact),
            "Snoozed until": dated(contact.snoozed_until, today),
            "Last touch": dated(contact.last_touch_on, today),
            "Next touch": dated(contact.next_touch_on, today),
            "Added": contact.added_on.isoformat(),
        }
        for name, text in values.items():
            self.fields[name].setText(text)
        snoozed = contact.snoozed_until is not None and contact.snoozed_until > today
        self.fields["Snoozed until"].setVisible(snoozed)
        self.field_names["Snoozed until"].setVisible(snoozed)
        self.strengths.setText(
            escape(contact.strengths).replace("\n", "<br>")
            or muted("Nothing noted yet. Use Edit to add what they know.")
        )
        self.notes.setText(escape(contact.notes).replace("\n", "<br>") or muted("No notes."))

    def _fill_input(self, contact: ContactRecord) -> None:
        figures = self.context.workspace.reciprocity.for_contact(contact.id)
        self.input_text = reciprocity_text(figures)
        text = escape(self.input_text)
        self.input_line.setText(text if figures.asks else muted(text))

    def prepare_meeting(self) -> None:
        """The meeting-prep brief for this person."""
        from deskbridge.ui.meeting_prep_dialog import MeetingPrepDialog

        if self.contact is not None and not self.contact.is_me:
            MeetingPrepDialog(self.context, [self.contact.id], self).exec()

    def ask_for_input(self) -> None:
        from deskbridge.ui.request_dialogs import AskDialog

        if self.contact is not None:
            AskDialog(self.context, self, contact_id=self.contact.id).exec()

    def _changed(self, kinds: frozenset[ChangeKind]) -> None:
        if ChangeKind.REQUESTS in kinds and self.contact is not None:
            self._fill_input(self.contact)

    def _fill_timeline(self, contact: ContactRecord) -> None:
        for label in self.timeline_labels:
            self.timeline.removeWidget(label)
            label.hide()  # deleteLater waits for the event loop; until then it would show
            label.deleteLater()
        interactions = self.context.workspace.interactions.with_contact(
            contact.id, limit=TIMELINE_LIMIT
        )
        if interactions:
            texts = [timeline_entry(item, contact.id) for item in interactions]
        else:
            texts = [
                muted(
                    f"Nothing logged with {escape(contact.full_name)} yet. "
                    "Log a touch after your next meeting, call or coffee."
                )
            ]
        shown = len(interactions)
        more = " (newest 50)" if shown == TIMELINE_LIMIT else ""
        self.timeline_heading.setText(f"Timeline{more}")
        self.timeline_labels = []
        for text in texts:
            label = value_label()
            label.setText(text)
            self.timeline.addWidget(label)
            self.timeline_labels.append(label)

    def timeline_texts(self) -> list[str]:
        """The timeline as the user reads it, one plain-text entry per interaction."""
        return [label.text() for label in self.timeline_labels]

    # -- actions ---------------------------------------------------------------------------

    def _emit_for_contact(self, emit: Callable[[int], object]) -> None:
        if self.contact is not None:
            emit(self.contact.id)

    def _archive_clicked(self) -> None:
        if self.contact is not None:
            self.archive_requested.emit(self.contact.id, not self.contact.archived)

    def snooze(self) -> None:
        """Ask how long for (a week, a month, a chosen day), then snooze."""
        if self.contact is None:
            return
        today = self.context.workspace.clock.today()
        at = self.snooze_button.mapToGlobal(QPoint(0, self.snooze_button.height()))
        until = ask_snooze_until(today, self, at)
        if until is not None:
            self._set_snooze(self.contact.id, until)

    def unsnooze(self) -> None:
        if self.contact is not None:
            self._set_snooze(self.contact.id, None)

    def _set_snooze(self, contact_id: int, until: date | None) -> None:
        contacts = self.context.workspace.contacts
        (
            self.context.op(lambda: contacts.snooze(contact_id, until))
            .changes(ChangeKind.CONTACTS)
            .success(lambda _record: self._reread(contact_id))
            .failure(lambda error: show_error(self, error))
            .run()
        )

    def _reread(self, contact_id: int) -> None:
        if self.contact_id == contact_id:
            self.show_contact(contact_id)
