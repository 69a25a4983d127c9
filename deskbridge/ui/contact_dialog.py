"""Adding a contact or changing one: every field on one form, messages beside the fields.

The domain checks what was typed (names, e-mails, departments, cadences); this dialog only
turns text into the shapes the domain takes, so a rule lives in one place. When a check
fails nothing is saved and the dialog stays open with everything the user typed.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QWidget

from deskbridge.changes import ChangeKind
from deskbridge.errors import ValidationError
from deskbridge.records import ContactRecord
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.form_fields import parse_cadence, text_box

# E-mails and phones: one per line, or separated by commas or semicolons.
LIST_SEPARATORS = re.compile(r"[\n,;]+")


def split_list(text: str) -> list[str]:
    """The non-blank items of a list typed one per line or comma separated."""
    return [item.strip() for item in LIST_SEPARATORS.split(text) if item.strip()]


class ContactDialog(FormDialog):
    """New contact (``contact`` None) or edit ``contact``. ``result_value`` holds the saved
    ContactRecord once the dialog is accepted."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        contact: ContactRecord | None = None,
    ) -> None:
        title = f"Edit {contact.full_name}" if contact else "New contact"
        super().__init__(context, title, parent)
        self.contact = contact
        self.setMinimumWidth(520)
        workspace = context.workspace
        departments = workspace.departments.list()
        self._department_cadence = {
            department.name.lower(): department.cadence_days for department in departments
        }
        self._default_cadence = workspace.keep_in_touch.default_cadence()

        self.name = QLineEdit()
        self.name.setPlaceholderText("First and last name")
        self.add_field("&Name:", self.name, "name")
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.department.addItem("")
        self.department.addItems([department.name for department in departments])
        typed = self.department.lineEdit()
        assert typed is not None  # an editable combo box always has one
        typed.setPlaceholderText("No department")
        self.add_field("&Department:", self.department, "department")
        self.role = QLineEdit()
        self.role.setPlaceholderText("What they do, e.g. Web platform lead")
        self.add_field("&Role:", self.role, "role")
        self.emails = text_box(
            "One per line or comma separated; the first is the main one", lines=2
        )
        self.add_field("&E-mails:", self.emails, "email", "emails")
        self.phones = text_box("One per line or comma separated", lines=2)
        self.add_field("&Phones:", self.phones, "phone", "phones")
        self.location = QLineEdit()
        self.location.setPlaceholderText("Office, floor or city")
        self.add_field("&Location:", self.location, "location")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("Comma separated, e.g. ally, budget")
        self.add_field("&Tags:", self.tags, "tags", "tag")
        self.cadence = QLineEdit()
        self.cadence.setMaximumWidth(340)
        self.add_field("&Keep in touch every (days):", self.cadence, "cadence")
        self.strengths = text_box(
            "What they know and help with, e.g. pricing, GDPR, the CRM", lines=3
        )
        self.add_field("&Ask me about:", self.strengths, "strengths")
        self.notes = text_box()
        self.add_field("N&otes:", self.notes, "notes")

        self.department.currentTextChanged.connect(self._explain_cadence)
        if contact is not None:
            self._fill(contact)
        self._explain_cadence(self.department.currentText())
        self.name.setFocus()

    def _fill(self, contact: ContactRecord) -> None:
        self.name.setText(contact.full_name)
        self.department.setCurrentText(contact.department or "")
        self.role.setText(contact.role)
        self.emails.setPlainText("\n".join(contact.emails))
        self.phones.setPlainText("\n".join(contact.phones))
        self.location.setText(contact.location)
        self.tags.setText(", ".join(contact.tags))
        self.cadence.setText("" if contact.cadence_days is None else str(contact.cadence_days))
        self.strengths.setPlainText(contact.strengths)
        self.notes.setPlainText(contact.notes)

    def _explain_cadence(self, department: str) -> None:
        """Say in the empty cadence box what a blank means for the department chosen."""
        own = self._department_cadence.get(department.strip().lower())
        if own is not None:
            hint = f"Blank: {own} days, from {department.strip()}"
        else:
            hint = f"Blank: the default {self._default_cadence} days"
        self.cadence.setPlaceholderText(hint)

    def values(self) -> dict[str, Any]:
        """What was typed, in the shape Contacts.add and Contacts.update take."""
        department = self.department.currentText().strip()
        return {
            "department": department or None,
            "role": self.role.text(),
            "emails": split_list(self.emails.toPlainText()),
            "phones": split_list(self.phones.toPlainText()),
            "location": self.location.text(),
            "tags": [tag.strip() for tag in self.tags.text().split(",") if tag.strip()],
            "cadence_days": parse_cadence(self.cadence.text()),
            "strengths": self.strengths.toPlainText(),
            "notes": self.notes.toPlainText(),
        }

    def submit(self) -> None:
        self.clear_errors()
        try:
            values = self.values()
        except ValidationError as error:
            self.show_error(error)
            return
        contacts = self.context.workspace.contacts
        name = self.name.text()
        if self.contact is None:
            self.run(lambda: contacts.add(name, **values), ChangeKind.CONTACTS)
        else:
            contact_id = self.contact.id
            self.run(
                lambda: contacts.update(contact_id, full_name=name, **values), ChangeKind.CONTACTS
            )
