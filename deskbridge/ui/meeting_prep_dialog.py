"""Meeting prep: a readable brief on the people about to be met, to read, copy into notes,
and, once the meeting is over, log it with the same people.

The brief is rich text in a QTextBrowser. Rich text cannot use palette roles, so its few
colours are worked out from the dialog's palette (a muted grey between the text and the
background) or are fixed badge colours under white text, readable on light and dark.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deskbridge.input_requests import RequestGroup
from deskbridge.meeting_prep import (
    BriefAsk,
    BriefGoal,
    BriefProject,
    BriefTask,
    MeetingBrief,
    PersonBrief,
)
from deskbridge.records import InteractionRecord, TouchStatus
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contact_detail import relative_day
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.interaction_kinds import kind_label
from deskbridge.ui.quick_log_dialog import QuickLogDialog
from deskbridge.ui.touch_status_style import STATUS_COLOURS, STATUS_LABELS

COPY_KEY = "Ctrl+Shift+C"
LOG_KEY = "Ctrl+L"
NOBODY = (
    "There is nobody to prepare for: a brief is about the people you meet, and you are "
    "the only one here."
)


def names_title(names: Sequence[str]) -> str:
    """ "Ana Lopez", "Ana Lopez and Bo Chen", "Ana Lopez, Bo Chen and 3 others"."""
    if not names:
        return "Meeting prep"
    if len(names) == 1:
        return names[0]
    if len(names) <= 3:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{names[0]}, {names[1]} and {len(names) - 2} others"


def muted_colour(palette: QPalette) -> str:
    """A grey between the palette's text and its background: quieter than the text,
    still readable, whichever way round the theme is."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    mix = QColor(
        round(text.red() * 0.6 + base.red() * 0.4),
        round(text.green() * 0.6 + base.green() * 0.4),
        round(text.blue() * 0.6 + base.blue() * 0.4),
    )
    return mix.name()


def _days(day: date, today: date) -> str:
    return f"{day.isoformat()} ({relative_day(day, today)})"


def _more(shown: int, total: int, what: str) -> str:
    extra = total - shown
    return f"<p>… and {extra} more {what}.</p>" if extra > 0 else ""


class BriefHtml:
    """The brief as rich text for one palette."""

    def __init__(self, brief: MeetingBrief, palette: QPalette) -> None:
        self.brief = brief
        self.today = brief.prepared_on
        self.muted = muted_colour(palette)

    def quiet(self, html: str) -> str:
        return f"<span style='color:{self.muted}'>{html}</span>"

    def empty(self, text: str) -> str:
        return f"<p>{self.quiet(escape(text))}</p>"

    def document(self) -> str:
        brief = self.brief
        if not brief.people:
            return self.empty(NOBODY)
        title = names_title([p.contact.full_name for p in brief.people])
        day = brief.prepared_on.strftime("%A %d %B %Y").replace(" 0", " ")
        parts = [
            f"<h2>Meeting prep: {escape(title)}</h2>",
            f"<p>{self.quiet('Prepared on ' + escape(day))}</p>",
            "<h3>People</h3>",
            *(self.person(p) for p in brief.people),
            "<h3>Last touches</h3>",
            self.touches(),
            "<h3>Open asks</h3>",
            self.asks(),
            "<h3>Shared goals</h3>",
            self.goals(),
            "<h3>Projects together</h3>",
            self.projects(),
            "<h3>Open tasks between you</h3>",
            self.tasks(),
        ]
        return "\n".join(parts)

    # -- sections ---------------------------------------------------------------------------

    def person(self, person: PersonBrief) -> str:
        contact = person.contact
        about = [escape(part) for part in (contact.role, contact.department or "") if part]
        head = f"<b>{escape(contact.full_name)}</b>"
        if about:
            head += " · " + " · ".join(about)
        head += " " + self.badge(person.status)
        last = (
            f"last touch {_days(contact.last_touch_on, self.today)}"
            if contact.last_touch_on
            else "never touched"
        )
        lines = [head, f"{last} · next touch {_days(contact.next_touch_on, self.today)}"]
        if person.status is TouchStatus.SNOOZED and contact.snoozed_until is not None:
            lines[-1] += f" · snoozed until {contact.snoozed_until.isoformat()}"
        lines.append(self.labelled("Ask them about", contact.strengths, "nothing noted yet"))
        lines.append(self.labelled("Your notes", contact.notes, "none"))
        return f"<p>{'<br>'.join(lines)}</p>"

    def badge(self, status: TouchStatus) -> str:
        label = STATUS_LABELS[status]
        colour = STATUS_COLOURS.get(status)
        if not label:
            return self.quiet("· in touch")
        if colour is None:
            return self.quiet(f"· {escape(label.lower())}")
        return (
            f"<span style='background-color:{colour}; color:#ffffff; font-weight:600'>"
            f"&nbsp;{escape(label)}&nbsp;</span>"
        )

    def labelled(self, label: str, text: str, missing: str) -> str:
        value = escape(text.strip()).replace("\n", "<br>") if text.strip() else self.quiet(missing)
        return f"<i>{label}:</i> {value}"

    def touches(self) -> str:
        touches = self.brief.touches
        if not touches:
            return self.empty("Nothing logged with them yet. Log this meeting afterwards.")
        return _list(self.touch(t) for t in touches)

    def touch(self, interaction: InteractionRecord) -> str:
        text = (
            f"<b>{interaction.occurred_on.isoformat()}</b> · "
            f"{escape(kind_label(interaction.kind))} · {escape(interaction.summary)}"
        )
        if interaction.outcome:
            text += f" — <i>outcome:</i> {escape(interaction.outcome)}"
        # Meeting one person, "with" names only who else was there.
        single = self.brief.contact_ids if len(self.brief.people) == 1 else ()
        names = ", ".join(p.name for p in interaction.participants if p.id not in single)
        return f"{text}<br>{self.quiet('with ' + escape(names))}" if names else text

    def asks(self) -> str:
        brief = self.brief
        if not brief.asks:
            return self.empty("Nothing open either way: no asks waiting, no thanks owed.")
        parts = []
        if brief.waiting_for_them:
            parts += [
                "<p><b>Waiting for their answer</b></p>",
                _list(map(self.ask, brief.waiting_for_them)),
            ]
        if brief.to_thank:
            parts += [
                "<p><b>Answers to thank them for</b></p>",
                _list(map(self.ask, brief.to_thank)),
            ]
        parts.append(_more(len(brief.asks), brief.asks_total, "asks"))
        return "".join(parts)

    def ask(self, ask: BriefAsk) -> str:
        request = ask.request
        who = escape(request.asked_of.name)
        topic = f"<b>{escape(request.topic)}</b>"
        if ask.group is RequestGroup.UNTHANKED:
            answered = request.answered_on or request.asked_on
            text = f"{topic} — {who} answered {relative_day(answered, self.today)}"
            if request.answer_summary:
                text += f": {escape(request.answer_summary)}"
            return text
        text = f"{topic} — asked of {who} {relative_day(request.asked_on, self.today)}"
        if request.needed_by is not None:
            needed = f"needed by {_days(request.needed_by, self.today)}"
            late = ask.group is RequestGroup.OVERDUE
            text += f", <b>{needed}</b>" if late else f", {needed}"
        return text

    def goals(self) -> str:
        brief = self.brief
        if not brief.goals:
            return self.empty("No shared goals with them or their departments yet.")
        return _list(map(self.goal, brief.goals)) + _more(
            len(brief.goals), brief.goals_total, "goals"
        )

    def goal(self, item: BriefGoal) -> str:
        goal = item.goal
        unit = f" {goal.metric_unit}" if goal.metric_unit else ""
        text = (
            f"<b>{escape(goal.title)}</b> — {escape(goal.metric_name)}: {goal.percent}% of "
            f"the way to {goal.target:g}{escape(unit)}"
        )
        if goal.due_on is not None:
            text += f", due {goal.due_on.isoformat()}"
        return f"{text} {self.quiet('· ' + escape(', '.join(item.reasons)))}"

    def projects(self) -> str:
        if not self.brief.projects:
            return self.empty("They are on none of your live projects.")
        return _list(map(self.project, self.brief.projects))

    def project(self, item: BriefProject) -> str:
        project = item.project
        roles = ", ".join(
            f"{m.contact.name} as {m.role}" if m.role else m.contact.name for m in item.members
        )
        text = f"<b>{escape(project.name)}</b> ({escape(project.status.replace('_', ' '))})"
        text += f" — {escape(roles)}"
        done, total = project.progress
        if total:
            text += f" · {done} of {total} tasks done"
        return text

    def tasks(self) -> str:
        brief = self.brief
        if not brief.tasks:
            return self.empty("No open tasks with them.")
        return _list(map(self.task, brief.tasks)) + _more(
            len(brief.tasks), brief.tasks_total, "open tasks"
        )

    def task(self, item: BriefTask) -> str:
        task = item.task
        text = f"<b>{escape(task.title)}</b>"
        if task.due_on is not None:
            due = f"due {_days(task.due_on, self.today)}"
            text += f" — <b>{due}</b>" if task.due_on < self.today else f" — {due}"
        details = [", ".join(p.name for p in task.assignees)]
        if task.project_name:
            details.append(task.project_name)
        if task.status != "todo":
            details.append(task.status.replace("_", " "))
        if task.priority in ("high", "urgent"):
            details.append(f"{task.priority} priority")
        text += " · " + escape(" · ".join(details))
        if item.with_me:
            text += " · <i>you are on it too</i>"
        return text


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


class MeetingPrepDialog(QDialog):
    """The brief for meeting ``contact_ids``, read on the database worker."""

    def __init__(
        self, context: AppContext, contact_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.contact_ids = list(contact_ids)
        self.brief: MeetingBrief | None = None
        self.setWindowTitle("Meeting prep")
        self.resize(760, 720)

        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setPlaceholderText("Preparing the brief…")
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text);")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setToolTip(
            f"Copy the brief, to paste into notes or an e-mail ({COPY_KEY})"
        )
        self.log_button = QPushButton("&Log the meeting…")
        self.log_button.setToolTip(f"Log this meeting with the same people ({LOG_KEY})")
        for button in (self.copy_button, self.log_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setEnabled(False)
            button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        self.log_button.clicked.connect(self.log_meeting)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(COPY_KEY), self, self.copy)
        QShortcut(QKeySequence(LOG_KEY), self, self.log_meeting)

        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    def refresh(self) -> None:
        """Read the brief again (after the meeting was logged, for example)."""
        prep = self.context.workspace.meeting_prep
        ids = self.contact_ids
        (
            self.context.op(lambda: prep.brief(ids))
            .success(self.show_brief)
            .failure(lambda error: show_error(self, error))
            .run()
        )

    def show_brief(self, brief: MeetingBrief) -> None:
        self.brief = brief
        names = [p.contact.full_name for p in brief.people]
        self.setWindowTitle(f"Meeting prep — {names_title(names)}" if names else "Meeting prep")
        self.browser.setHtml(BriefHtml(brief, self.browser.palette()).document())
        self.copy_button.setEnabled(bool(names))
        self.log_button.setEnabled(bool(names))
        self.status.setText(
            "Ctrl+Shift+C copies the brief · Ctrl+L logs the meeting · Esc closes" if names else ""
        )

    def text(self) -> str:
        """The brief as the user reads it, in plain text."""
        return self.browser.toPlainText()

    def copy(self) -> None:
        """Put the brief on the clipboard: rich text for editors and mail, Markdown for
        plain-text notes."""
        if self.brief is None or not self.brief.people:
            return
        data = QMimeData()
        data.setHtml(self.browser.toHtml())
        data.setText(self.browser.document().toMarkdown())
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(data)
        self.status.setText("Copied: paste it into your notes or an e-mail.")

    def log_meeting(self) -> None:
        """Quick log with the same people filled in; the brief re-reads after logging."""
        if self.brief is None or not self.brief.people:
            return
        dialog = QuickLogDialog(self.context, self, participant_ids=self.brief.contact_ids)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
