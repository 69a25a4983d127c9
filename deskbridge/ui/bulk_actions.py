"""Changing several contacts at once: add a tag, move to a department, and the questions
asked before archiving or deleting."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.view_actions import confirmed

NO_DEPARTMENT = "No department"


def people(count: int) -> str:
    return "1 contact" if count == 1 else f"{count:,} contacts"


class BulkTagDialog(FormDialog):
    """Add one tag (new or already in use) to every contact in ``contact_ids``."""

    def __init__(
        self, context: AppContext, contact_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Add a tag to {people(len(contact_ids))}", parent)
        self.contact_ids = list(contact_ids)
        self.setMinimumWidth(380)
        self.tag = QComboBox()
        self.tag.setEditable(True)
        self.tag.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.tag.addItem("")
        self.tag.addItems(context.workspace.contacts.tag_names())
        typed = self.tag.lineEdit()
        assert typed is not None  # an editable combo box always has one
        typed.setPlaceholderText("A tag in use, or a new one")
        self.add_field("&Tag:", self.tag, "tag", "tags")
        self.tag.setFocus()

    def submit(self) -> None:
        tag = self.tag.currentText()
        ids = self.contact_ids
        self.run(lambda: self.context.workspace.contacts.add_tag(ids, tag), ChangeKind.CONTACTS)


class BulkDepartmentDialog(FormDialog):
    """Move every contact in ``contact_ids`` to one department, or to none."""

    def __init__(
        self, context: AppContext, contact_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(context, f"Move {people(len(contact_ids))}", parent)
        self.contact_ids = list(contact_ids)
        self.setMinimumWidth(380)
        self.department = QComboBox()
        self.department.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.department.addItem(NO_DEPARTMENT)
        self.department.addItems([d.name for d in context.workspace.departments.list()])
        if self.department.count() > 1:
            self.department.setCurrentIndex(1)
        self.add_field("&Department:", self.department, "department")
        self.department.setFocus()

    def chosen(self) -> str | None:
        """The department's name, or None for no department."""
        index = self.department.currentIndex()
        return None if index == 0 else self.department.currentText()

    def submit(self) -> None:
        target = self.chosen()
        ids = self.contact_ids
        self.run(
            lambda: self.context.workspace.contacts.set_department(ids, target),
            ChangeKind.CONTACTS,
            ChangeKind.DEPARTMENTS,
        )


def confirm_archive(parent: QWidget, names: Sequence[str]) -> bool:
    """Ask before archiving: archived contacts leave the lists and get no reminders."""
    who = names[0] if len(names) == 1 else people(len(names))
    return confirmed(
        parent,
        "Archive contacts" if len(names) > 1 else "Archive contact",
        f"Archive {who}?\n\nArchived contacts leave the lists and get no reminders. "
        "Their meetings stay, and you can unarchive them at any time (show Archived).",
    )


def confirm_delete(parent: QWidget, names: Sequence[str]) -> bool:
    """Ask before deleting: it cannot be undone."""
    who = names[0] if len(names) == 1 else people(len(names))
    return confirmed(
        parent,
        "Delete contacts" if len(names) > 1 else "Delete contact",
        f"Delete {who} for good?\n\nTheir e-mails, phones, tags, requests and places in "
        "logged meetings go too. This cannot be undone; archiving keeps the history.",
    )
