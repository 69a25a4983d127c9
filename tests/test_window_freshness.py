"""After a change, what the window shows is current: the page on screen and the status bar
at once, hidden pages when they are shown next, pages never opened when first built."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.contacts_model import COL_LAST
from deskbridge.ui.contacts_view import ContactsView
from deskbridge.ui.main_window import MainWindow
from deskbridge.ui.page_list import standard_pages
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


def real_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def last_touch_shown(view: ContactsView, contact_id: int) -> str:
    row = view.model.row_of(contact_id)
    assert row is not None
    return str(view.model.data(view.model.index(row, COL_LAST)))


def log_touch(context: AppContext, contact_id: int) -> None:
    workspace = context.workspace
    context.op(lambda: workspace.interactions.log([contact_id], "Budget review")).changes(
        ChangeKind.INTERACTIONS, ChangeKind.CONTACTS
    ).run()


def test_a_touch_logged_while_contacts_is_hidden_shows_there_when_it_is_shown(
    qtbot: QtBot, app_context: AppContext
) -> None:
    ana = app_context.workspace.contacts.add("Ana Lopez", added_on=date(2026, 9, 1))
    window = real_window(qtbot, app_context)
    contacts = window.show_page("Contacts")
    assert isinstance(contacts, ContactsView)
    assert last_touch_shown(contacts, ana.id) == "never"
    window.show_page("Today")
    assert not contacts.isVisible()

    log_touch(app_context, ana.id)
    assert last_touch_shown(contacts, ana.id) == "never"  # hidden: not re-read yet

    window.show_page("Contacts")
    assert last_touch_shown(contacts, ana.id) == TODAY.isoformat()


def test_a_page_first_opened_after_a_change_shows_it(qtbot: QtBot, app_context: AppContext) -> None:
    ana = app_context.workspace.contacts.add("Ana Lopez", added_on=date(2026, 9, 1))
    window = real_window(qtbot, app_context)
    log_touch(app_context, ana.id)
    contacts = window.show_page("Contacts")
    assert isinstance(contacts, ContactsView)
    assert last_touch_shown(contacts, ana.id) == TODAY.isoformat()


def test_only_the_page_on_screen_is_built_at_start_the_others_when_first_shown(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = real_window(qtbot, app_context)
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert titles == window.titles
    assert [page.title for page in window.built_pages] == ["Today"]
    built: list[str] = []
    window.page_built.connect(lambda page: built.append(page.title))
    window.show_page("Goals")
    assert built == ["Goals"]
    assert window.current_page().title == "Goals"
    assert [page.title for page in window.pages] == titles  # asking for all builds all


def test_every_standard_page_is_built_under_the_title_the_sidebar_shows(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = real_window(qtbot, app_context)
    for factory, page in zip(standard_pages(), window.pages, strict=True):
        assert page.title == factory.title  # type: ignore[attr-defined]


def test_the_last_view_shown_is_the_one_built_next_time(
    qtbot: QtBot, app_context: AppContext
) -> None:
    window = real_window(qtbot, app_context)
    window.show_page("Meetings")
    window.close()
    again = real_window(qtbot, app_context)
    assert [page.title for page in again.built_pages] == ["Meetings"]
    assert again.current_page().isVisible()


def test_status_counts_leave_out_archived_contacts_and_count_who_is_due(
    qtbot: QtBot, app_context: AppContext
) -> None:
    workspace: Workspace = app_context.workspace
    workspace.departments.add("Finance")
    workspace.departments.add("IT")
    ana = workspace.contacts.add("Ana Lopez", department="Finance", added_on=date(2026, 1, 5))
    bo = workspace.contacts.add("Bo Chen", added_on=date(2026, 11, 20))
    workspace.contacts.add("Cy Diaz", added_on=date(2026, 1, 5))
    workspace.contacts.archive([bo.id])

    counts = workspace.status.read()
    assert (counts.contacts, counts.departments) == (2, 2)
    assert counts.contacts == workspace.contacts.count()
    assert counts.due == workspace.keep_in_touch.due_count() == 2

    window = real_window(qtbot, app_context)
    assert "2 contacts  ·  2 departments  ·  2 to get in touch with" in window.counts.text()
    log_touch(app_context, ana.id)
    assert "1 to get in touch with" in window.counts.text()
