"""The Contacts view: a filterable, sortable table of everyone you know, a detail pane for
the one selected, and actions on one or many.

The table pages from SQL (ContactsModel), so it opens and filters as fast with 100,000
contacts as with ten; nothing here walks all the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMenu,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import DeskBridgeError
from deskbridge.records import TouchStatus
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.bulk_actions import (
    BulkDepartmentDialog,
    BulkTagDialog,
    ChosenContacts,
    confirm_archive,
    confirm_delete,
    people,
)
from deskbridge.ui.contact_detail import ContactDetail
from deskbridge.ui.contact_dialog import ContactDialog
from deskbridge.ui.contacts_filters import ContactFilters
from deskbridge.ui.contacts_model import (
    COL_NAME,
    COL_STATUS,
    SORTABLE,
    ContactsModel,
    StatusRole,
)
from deskbridge.ui.contacts_table import ContactsTable
from deskbridge.ui.empty_state import EmptyState, empty_stack
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.page import Page
from deskbridge.ui.view_actions import toolbar_action

# Everything a change here can touch in other views: a deleted contact takes its requests,
# task assignments, project memberships and places in meetings along.
DELETE_CHANGES = (
    ChangeKind.CONTACTS, ChangeKind.DEPARTMENTS, ChangeKind.INTERACTIONS,
    ChangeKind.REQUESTS, ChangeKind.TASKS, ChangeKind.PROJECTS,
)  # fmt: skip
ModelIndex = QModelIndex | QPersistentModelIndex
NO_CONTACTS = "No contacts yet.\nAdd the people you work with in other departments."
NO_MATCHES = "No contacts match these filters."


class ContactsView(Page):
    title = "Contacts"
    shows = frozenset({ChangeKind.CONTACTS, ChangeKind.DEPARTMENTS, ChangeKind.INTERACTIONS})

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        workspace = context.workspace
        self.open_dialog: QDialog | None = None
        """The add, edit or bulk dialog now open (tests fill it in), if any."""
        self._kept_ids: list[int] = []
        self._kept_all = False
        self._keep_detail = False
        self._quiet = False
        self.selection_actions: list[QAction] = []  # others' actions on the selection (vCard)

        self.model = ContactsModel(
            lambda f, s, d, a, o, n: workspace.contact_list.page(
                f, sort=s, descending=d, after=a, offset=o, limit=n
            ),
            workspace.contact_list.count,
        )
        self.filters = ContactFilters()
        self.filters.changed.connect(self._filters_changed)
        self.filters.down_pressed.connect(self._enter_table)
        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = self._build_table()
        self.detail = ContactDetail(context)
        self.detail.edit_requested.connect(self.edit_contact)
        self.detail.log_requested.connect(lambda contact_id: self.quick_log.emit([contact_id]))
        self.detail.archive_requested.connect(
            lambda contact_id, archived: self.set_archived([contact_id], archived)
        )
        self.detail.delete_requested.connect(lambda contact_id: self.delete_contacts([contact_id]))

        self.empty = EmptyState()
        self.empty_label = self.empty.text
        self.empty_button = self.empty.add_button("", self._empty_action)
        self.table_stack = empty_stack(self.table, self.empty)

        self.splitter = QSplitter()
        self.splitter.setObjectName("contacts-splitter")
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([680, 330])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.splitter, 1)

        self.filters.set_choices(workspace.departments.list(), workspace.contacts.tag_names())
        self._after_reload()
        self._show_selection()

    # -- building --------------------------------------------------------------------------

    def _build_table(self) -> ContactsTable:
        self._sorted_by = (COL_NAME, Qt.SortOrder.AscendingOrder)
        table = ContactsTable(self.model, self._sorted_by)
        table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        table.activated.connect(self._row_activated)
        table.delete_pressed.connect(lambda: self.delete_contacts(self.chosen_contacts()))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        return table

    def _build_toolbar(self) -> QToolBar:
        action = partial(toolbar_action, self)
        self.new_action = action("New contact…", self.add_contact, "Add a person (Ctrl+N)")
        self.log_action = action(
            "Log a touch…",
            lambda: self.quick_log.emit(self.selected_ids()),
            "Log a meeting, call or coffee with the selected people",
        )
        self.edit_action = action("Edit…", self._edit_selected, "Change this contact (Enter)")
        self.tag_action = action("Add tag…", self.bulk_tag, "Add a tag to the selected contacts")
        self.department_action = action(
            "Move to department…", self.bulk_department, "Move the selected contacts"
        )
        self.archive_action = action(
            "Archive…",
            lambda: self.set_archived(self.chosen_contacts(), True),
            "Hide the selected contacts from the lists and reminders",
        )
        self.unarchive_action = action(
            "Unarchive",
            lambda: self.set_archived(self.chosen_contacts(), False),
            "Bring the selected contacts back",
        )
        self.delete_action = action(
            "Delete…", lambda: self.delete_contacts(self.chosen_contacts()), "Delete for good (Del)"
        )
        self.toolbar = QToolBar("Contacts")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.new_action)
        self.toolbar.addSeparator()
        for each in (
            self.tag_action, self.department_action, self.archive_action,
            self.unarchive_action, self.delete_action,
        ):  # fmt: skip
            self.toolbar.addAction(each)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.count_label)
        return self.toolbar

    # -- what is shown ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read after a change: same filters, same place in the list, same selection,
        and the detail pane keeps its contact while it exists."""
        workspace = self.context.workspace
        self.filters.set_choices(workspace.departments.list(), workspace.contacts.tag_names())
        scroll = self.table.verticalScrollBar().value()
        self._keep_detail = True
        try:
            if self.model.shown != self.filters.shown:
                self.model.set_filter(self.filters.shown)  # a chosen department went away
            else:
                self.model.reload(keep_rows=self._rows_to_keep())
        finally:
            self._keep_detail = False
        self.table.verticalScrollBar().setValue(scroll)

    def _rows_to_keep(self) -> list[int]:
        """The rows on screen and the selected ones: what a refresh reads back at once."""
        top = max(self.table.rowAt(0), 0)
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        shown = range(top, (bottom if bottom >= 0 else top + 50) + 1)
        if self.all_rows_selected():  # selected again after the reload, without reading them
            return list(shown)
        return [*shown, *(index.row() for index in self.table.selectionModel().selectedRows())]

    def _filters_changed(self) -> None:
        if self.filters.shown != self.model.shown:
            self.model.set_filter(self.filters.shown)

    def _after_reload(self) -> None:
        self.count_label.setText(people(self.model.total))
        if self.model.rowCount():
            self.table_stack.setCurrentWidget(self.table)
            return
        nothing = self.filters.is_default()
        self.empty.say(NO_CONTACTS if nothing else NO_MATCHES)
        self.empty_button.setText("&New contact…" if nothing else "&Clear filters")
        self.table_stack.setCurrentWidget(self.empty)

    def _empty_action(self) -> None:
        if self.filters.is_default():
            self.add_contact()
        else:
            self.filters.clear()

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column in SORTABLE:
            self._sorted_by = (column, order)
            return
        # Status, role and tags have no index to sort by: the click changes nothing, so
        # the arrow goes back to the column the rows are sorted by.
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self._sorted_by)
        header.blockSignals(False)

    # -- selection -------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The selected contacts, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.contact_id(row) for row in rows]

    def all_rows_selected(self) -> bool:
        """Every row is selected (Ctrl+A): actions then apply to all the filter shows."""
        last = self.model.total - 1
        ranges = self.table.selectionModel().selection()
        return last > 0 and any(
            ranges.at(n).top() == 0 and ranges.at(n).bottom() == last for n in range(ranges.size())
        )

    def chosen_contacts(self) -> ChosenContacts:
        """The selected contacts: their ids or, when every row is selected, the filter, so
        no action reads 100,000 rows into the table to learn their ids."""
        if self.all_rows_selected():
            return ChosenContacts(self.model.total, shown=self.model.shown)
        ids = self.selected_ids()
        return ChosenContacts(len(ids), tuple(ids))

    def _remember_selection(self) -> None:
        self._kept_all = self.all_rows_selected()
        self._kept_ids = [] if self._kept_all else self.selected_ids()

    def _restore_selection(self) -> None:
        self._select(self._kept_ids)
        if self._kept_all:
            self._quiet = True
            try:
                self.table.selectAll()
            finally:
                self._quiet = False
        if not self._keep_detail:
            # Another filter or order: show its top (or the kept selection). Left where it
            # was, the view could sit at the end of the shorter list and fetch a page more.
            current = self.table.selectionModel().currentIndex()
            if current.isValid() and self.table.selectionModel().hasSelection():
                self.table.scrollTo(current)
            else:
                self.table.scrollToTop()
        self._after_reload()
        self._show_selection(keep_detail=self._keep_detail)

    def _select(self, contact_ids: Sequence[int]) -> None:
        """Select the rows of these contacts that are loaded; the caller updates the
        detail pane (once, instead of once per selection signal)."""
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        rows = [row for row in map(self.model.row_of, contact_ids) if row is not None]
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        self._quiet = True
        try:
            self.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
            if rows:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(rows[0], COL_NAME), flags.NoUpdate
                )
        finally:
            self._quiet = False

    def _selection_changed(self) -> None:
        if not self._quiet:
            self._show_selection()

    def _show_selection(self, keep_detail: bool = False) -> None:
        if self.all_rows_selected():
            self.detail.show_many(self.model.total)
            self._update_actions_for_all()
            return
        ids = self.selected_ids()
        if len(ids) > 1:
            self.detail.show_many(len(ids))
        elif ids:
            self.detail.show_contact(ids[0])
        elif keep_detail and self.detail.contact_id is not None:
            self.detail.show_contact(self.detail.contact_id)
        else:
            self.detail.show_nothing()
        self._update_actions(ids)

    def _update_actions(self, ids: Sequence[int]) -> None:
        statuses = {
            self.model.index(row, COL_STATUS).data(StatusRole)
            for row in (index.row() for index in self.table.selectionModel().selectedRows())
        }
        for each in (self.log_action, self.tag_action, self.department_action, self.delete_action):
            each.setEnabled(bool(ids))
        self.edit_action.setEnabled(len(ids) == 1)
        self.archive_action.setEnabled(bool(statuses - {TouchStatus.ARCHIVED.value}))
        self.unarchive_action.setEnabled(TouchStatus.ARCHIVED.value in statuses)

    def _update_actions_for_all(self) -> None:
        """All rows selected: what the filter shows decides, without reading each row."""
        for each in (self.tag_action, self.department_action, self.delete_action):
            each.setEnabled(True)
        self.log_action.setEnabled(False)  # one meeting with everyone listed is no meeting
        self.edit_action.setEnabled(False)
        self.archive_action.setEnabled(self.model.shown.archived is not True)
        self.unarchive_action.setEnabled(self.model.shown.archived is not False)

    def _enter_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.table.selectionModel().hasSelection():
                self._select([self.model.contact_id(0)])
                self._show_selection()

    # -- what the main window asks ---------------------------------------------------------

    def focus_filter(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.filters.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.text.selectAll()

    def show_contact(self, contact_id: int) -> None:
        """Show the contact in the detail pane, and select its row when it is loaded."""
        row = self.model.row_of(contact_id)
        if row is not None:
            self._select([contact_id])
            self.table.scrollTo(self.model.index(row, COL_NAME))
            self._show_selection()
            return
        self._quiet = True
        try:
            self.table.clearSelection()
        finally:
            self._quiet = False
        self.detail.show_contact(contact_id)
        self._update_actions([])

    def show_department(self, department_id: int) -> None:
        """Show only the department's active contacts."""
        self.filters.choose_department(department_id)

    def add_contact(self) -> None:
        """Open the New contact dialog; the new contact is selected once saved."""
        dialog = ContactDialog(self.context, self)
        dialog.accepted.connect(lambda: self.show_contact(dialog.result_value.id))
        self._open(dialog)

    def edit_contact(self, contact_id: int) -> None:
        try:
            contact = self.context.workspace.contacts.get(contact_id)
        except DeskBridgeError as error:  # deleted meanwhile, e.g. in a shared database
            show_error(self, error)
            return
        self._open(ContactDialog(self.context, self, contact))

    def _edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.edit_contact(ids[0])

    def _row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_contact(self.model.contact_id(index.row()))

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.open_dialog is dialog:
            self.open_dialog = None

    # -- actions on one or many ------------------------------------------------------------

    def bulk_tag(self) -> None:
        chosen = self.chosen_contacts()
        if chosen.count:
            self._open(BulkTagDialog(self.context, chosen, self))

    def bulk_department(self) -> None:
        chosen = self.chosen_contacts()
        if chosen.count:
            self._open(BulkDepartmentDialog(self.context, chosen, self))

    def set_archived(self, contacts: ChosenContacts | Sequence[int], archived: bool) -> None:
        """Archive (after asking) or unarchive the contacts."""
        chosen = ChosenContacts.of(contacts)
        if not chosen.count or (archived and not confirm_archive(self, self._who(chosen))):
            return
        workspace = self.context.workspace
        self._run(
            lambda: workspace.contacts.archive(chosen.resolve(workspace), archived),
            ChangeKind.CONTACTS,
        )

    def delete_contacts(self, contacts: ChosenContacts | Sequence[int]) -> None:
        """Delete the contacts, after asking."""
        chosen = ChosenContacts.of(contacts)
        if not chosen.count or not confirm_delete(self, self._who(chosen)):
            return
        workspace = self.context.workspace
        self._run(
            lambda: workspace.contacts.delete_many(chosen.resolve(workspace)), *DELETE_CHANGES
        )

    def _who(self, chosen: ChosenContacts) -> list[str] | int:
        return chosen.count if chosen.shown is not None else self._names(chosen.ids)

    def _run(self, job: Callable[[], object], *kinds: ChangeKind) -> None:
        self.context.op(job).changes(*kinds).failure(lambda error: show_error(self, error)).run()

    def _names(self, contact_ids: Sequence[int]) -> list[str]:
        names = []
        for contact_id in contact_ids:
            row = self.model.row_of(contact_id)
            if row is not None:
                names.append(str(self.model.index(row, COL_NAME).data()))
            elif self.detail.contact is not None and self.detail.contact.id == contact_id:
                names.append(self.detail.contact.full_name)
            else:
                names.append(self.context.workspace.contacts.get(contact_id).full_name)
        return names

    def context_menu(self) -> QMenu:
        """The right-click menu for the selected rows."""
        menu = QMenu(self)
        menu.addAction(self.log_action)
        menu.addAction(self.edit_action)
        menu.addSeparator()
        for each in (self.tag_action, self.department_action, *self.selection_actions):
            menu.addAction(each)
        menu.addSeparator()
        for each in (self.archive_action, self.unarchive_action, self.delete_action):
            menu.addAction(each)
        return menu

    def _show_context_menu(self, at: QPoint) -> None:
        if self.table.selectionModel().hasSelection():
            self.context_menu().exec(self.table.viewport().mapToGlobal(at))
