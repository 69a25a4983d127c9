"""Adding someone to a project with their role, or changing the role of a member."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from deskbridge.changes import ChangeKind
from deskbridge.errors import ValidationError
from deskbridge.projects import MemberRow
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.participant_picker import ParticipantPicker
from deskbridge.ui.quick_log_dialog import resolve_typed

ROLE_EXAMPLES = "Sponsor, IT lead, Finance reviewer…"


class MemberDialog(FormDialog):
    """``member`` None: pick a contact and a role; otherwise change that member's role.
    Members already in the project are not suggested. ``result_value`` is the project."""

    def __init__(
        self,
        context: AppContext,
        project_id: int,
        member: MemberRow | None = None,
        members: tuple[MemberRow, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, "Change role" if member else "Add member", parent)
        self.setMinimumWidth(460)
        self.project_id = project_id
        self.member = member
        workspace = context.workspace

        self.picker: ParticipantPicker | None = None
        if member is None:
            self.picker = ParticipantPicker(
                workspace.contacts, single=True, leave_out=[m.contact.id for m in members]
            )
            self.picker.setAccessibleName("Member")
            self.add_field("&Who:", self.picker, "member")
        else:
            who = member.contact.name
            if member.department:
                who += f" ({member.department})"
            self.form.addRow("Who:", QLabel(who))

        self.role = QLineEdit(member.role if member else "")
        self.role.setMaxLength(120)
        self.role.setPlaceholderText(ROLE_EXAMPLES)
        self.add_field("&Role:", self.role, "role")

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Save role" if member else "&Add member")
        (self.role if member else self.picker or self.role).setFocus()

    def submit(self) -> None:
        self.clear_errors()
        workspace = self.context.workspace
        project_id = self.project_id
        role = self.role.text()
        if self.member is not None:
            contact_id = self.member.contact.id
            self.run(
                lambda: workspace.projects.add_member(project_id, contact_id, role),
                ChangeKind.PROJECTS,
            )
            return
        assert self.picker is not None
        picked = self.picker.contact_ids()
        typed = self.picker.pending_text()

        def add() -> object:
            # A name typed but not picked is resolved first, so a typo adds nobody.
            if typed:
                who = resolve_typed(workspace, "member", typed)
            elif picked:
                who = picked[0]
            else:
                raise ValidationError("member", "type a name and pick someone from the list")
            return workspace.projects.add_member(project_id, who, role)

        self.run(add, ChangeKind.PROJECTS)
