"""Changing several contacts at once: add a tag, move to a department, and the questions
asked before archiving or deleting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from deskbridge.changes import ChangeKind
from deskbridge.contact_list import ContactFilter
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.view_actions import confirmed
from deskbridge.workspace import Workspace

NO_DEPARTMENT = "No department"


def people(count: int) -> str:
    return "1 contact" if count == 1 else f"{count:,} contacts"


@dataclass(frozen=True)
class ChosenContacts:
    """The contacts an action is for: these ids or, after Ctrl+A, every contact the filter
    ``shown`` selects. Then the ids are read by the job on the database worker, one query,
    instead of reading 100,000 rows into the table on the GUI thread to learn them."""

    count: int
    ids: tuple[int, ...] = ()
    shown: ContactFilter | None = None

    @classmethod
    def of(cls, contacts: ChosenContacts | Sequence[int]) -> ChosenContacts:
        if isinstance(contacts, ChosenContacts):
            return contacts
        return cls(len(contacts), tuple(contacts))

    def resolve(self, workspace: Workspace) -> list[int]:
        """The ids (run it in the job: for a filter it reads the database)."""
        if self.shown is None:
            return list(self.ids)
        return workspace.contact_list.ids(self.shown)


class BulkTagDialog(FormDialog):
    """Add one tag (new or already in use) to every contact chosen."""

    def __init__(
        self,
        context: AppContext,
        contacts: ChosenContacts | Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        chosen = ChosenContacts.of(contacts)
        super().__init__(context, f"Add a tag to {people(chosen.count)}", parent)
        self.chosen_contacts = chosen
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
        chosen, workspace = self.chosen_contacts, self.context.workspace
        self.run(
            lambda: workspace.contacts.add_tag(chosen.resolve(workspace), tag), ChangeKind.CONTACTS
        )


class BulkDepartmentDialog(FormDialog):
    """Move every contact chosen to one department, or to none."""

    def __init__(
        self,
        context: AppContext,
        contacts: ChosenContacts | Sequence[int],
        parent: QWidget | None = None,
    ) -> None:
        chosen = ChosenContacts.of(contacts)
        super().__init__(context, f"Move {people(chosen.count)}", parent)
        self.chosen_contacts = chosen
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
        chosen, workspace = self.chosen_contacts, self.context.workspace
        self.run(
            lambda: workspace.contacts.set_department(chosen.resolve(workspace), target),
            ChangeKind.CONTACTS,
            ChangeKind.DEPARTMENTS,
        )


def _who(names: Sequence[str] | int) -> tuple[str, bool]:
    """(how the question names them, more than one): the names, or just how many."""
    if isinstance(names, int):
        return people(names), names > 1
    return (names[0] if len(names) == 1 else people(len(names))), len(names) > 1


def confirm_archive(parent: QWidget, names: Sequence[str] | int) -> bool:
    """Ask before archiving: archived contacts leave the lists and get no reminders.
    ``names``: who, or (for all the contacts of a filter) how many."""
    who, many = _who(names)
    return confirmed(
        parent,
        "Archive contacts" if many else "Archive contact",
        f"Archive {who}?\n\nArchived contacts leave the lists and get no reminders. "
        "Their meetings stay, and you can unarchive them at any time (show Archived).",
    )


def confirm_delete(parent: QWidget, names: Sequence[str] | int) -> bool:
    """Ask before deleting: it cannot be undone. ``names`` as for :func:`confirm_archive`."""
    who, many = _who(names)
    return confirmed(
        parent,
        "Delete contacts" if many else "Delete contact",
        f"Delete {who} for good?\n\nTheir e-mails, phones, tags, requests and places in "
        "logged meetings go too. This cannot be undone; archiving keeps the history.",
    )
