"""The main window: a sidebar of views, the view itself, menus and a status bar.

It owns no data: each page reads through the domain, and the window only routes requests
between them (open this contact, quick-log with these people) and remembers its layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbridge import APP_NAME, __version__
from deskbridge.changes import ChangeKind
from deskbridge.paths import demo_database_path
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.assets import app_icon
from deskbridge.ui.backup_actions import install as install_backup_actions
from deskbridge.ui.command_palette import CommandPalette
from deskbridge.ui.exchange_actions import install as install_exchange_actions
from deskbridge.ui.page import Page
from deskbridge.ui.page_list import PageFactory, page_title
from deskbridge.ui.page_list import standard_pages as standard_pages  # where benchmarks look
from deskbridge.ui.palette_model import PaletteRow, menu_commands
from deskbridge.ui.shortcuts import PALETTE_KEYS, SHORTCUTS

DATABASE_FILTER = "DeskBridge databases (*.sqlite3 *.sqlite *.db);;All files (*)"


def is_demo(context: AppContext) -> bool:
    path = context.workspace.db.path
    return path is not None and Path(path) == demo_database_path()


class MainWindow(QMainWindow):
    open_database = Signal(str)
    """The user chose another database file (new or existing); the app switches to it."""
    quit_requested = Signal()
    """The window closed for good (not hidden to the tray): the app should end."""
    page_built = Signal(object)
    """A page was built (on its first showing, or when asked for): ``Page``."""

    def __init__(self, context: AppContext, pages: Sequence[PageFactory] | None = None) -> None:
        super().__init__()
        self.context = context
        self.really_quit = False
        self.setWindowIcon(app_icon())
        self.setMinimumSize(760, 480)
        self.resize(1180, 760)
        self._title()

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setMinimumWidth(140)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        self._factories = list(pages if pages is not None else standard_pages())
        self.titles: list[str] = [page_title(factory) for factory in self._factories]
        """The pages' titles, in the sidebar's order (built or not)."""
        self._built: dict[int, Page] = {}
        for title in self.titles:
            self._add_slot(title)
        self.sidebar.currentRowChanged.connect(self._show_row)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([170, 1010])
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(0)
        self.body_layout.addWidget(self.splitter)
        self.setCentralWidget(body)
        self.close_to_tray: Callable[[], bool] | None = None
        """Asked when the window closes: True hides it to the tray instead of quitting."""

        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self._build_menus()
        self.command_palette = CommandPalette(
            context, self.palette_commands, self.open_search_hit, self
        )
        # "/" as a window shortcut: text fields claim printable keys before shortcuts see
        # them (ShortcutOverride), so typing "/" in any of them still types it.
        slash = QShortcut(QKeySequence("/"), self)
        slash.setContext(Qt.ShortcutContext.WindowShortcut)
        slash.activated.connect(self.focus_filter)
        self._palette_keys = _PaletteKeys(self.palette_action.shortcut(), self)
        context.hub.changed.connect(self._changed)
        self._restore_layout()
        self.update_status()

    # -- pages -----------------------------------------------------------------------------

    def _add_slot(self, title: str) -> None:
        # An empty holder per page keeps the stack's rows fixed while pages are built late.
        slot = QWidget()
        layout = QVBoxLayout(slot)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(slot)
        QListWidgetItem(title, self.sidebar)

    @property
    def pages(self) -> list[Page]:
        """Every page, each built now if it was not yet (the rest of the window asks for
        one page at a time, so that pages nobody opens are never built)."""
        return [self._page_at(row) for row in range(len(self.titles))]

    @property
    def built_pages(self) -> list[Page]:
        """The pages built so far, in the sidebar's order."""
        return [self._built[row] for row in sorted(self._built)]

    def _page_at(self, row: int) -> Page:
        page = self._built.get(row)
        if page is None:
            page = self._factories[row](self.context)
            self._built[row] = page
            self._connect_page(page)
            self._restore_page_layout(page)
            slot = self.stack.widget(row)
            layout = slot.layout() if slot is not None else None
            assert layout is not None
            layout.addWidget(page)
            self.page_built.emit(page)
        return page

    def _connect_page(self, page: Page) -> None:
        page.open_contact.connect(self.show_contact)
        page.open_department.connect(self.show_department)
        page.quick_log.connect(self.quick_log)
        page.open_project.connect(self.show_project)
        page.open_goal.connect(self.show_goal)
        page.open_request.connect(self.show_request)

    def page(self, title: str) -> Page:
        return self._page_at(self.titles.index(title))

    def show_page(self, title: str) -> Page:
        row = self.titles.index(title)
        self.sidebar.setCurrentRow(row)
        return self._page_at(row)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.titles):
            self._page_at(row)  # built before its holder shows, so it reads once, on show
            self.stack.setCurrentIndex(row)
            self.context.preferences.settings.setValue("window/view", self.titles[row])

    def current_page(self) -> Page:
        return self._page_at(self.stack.currentIndex())

    def _on_page(self, title: str, method: str, *args: object) -> None:
        """Show the page titled ``title`` and call its ``method`` (when this window has
        that page: tests build windows with only some of them)."""
        if title not in self.titles:
            return
        call = getattr(self.show_page(title), method, None)
        if call is not None:
            call(*args)

    def show_contact(self, contact_id: int) -> None:
        self._on_page("Contacts", "show_contact", contact_id)

    def show_department(self, department_id: int) -> None:
        self._on_page("Contacts", "show_department", department_id)

    def show_project(self, project_id: int) -> None:
        self._on_page("Projects", "show_project", project_id)

    def show_goal(self, goal_id: int) -> None:
        self._on_page("Goals", "show_goal", goal_id)

    def show_request(self, request_id: int) -> None:
        self._on_page("Requests", "show_request", request_id)

    def show_task(self, task_id: int) -> None:
        self._on_page("Tasks", "show_task", task_id)

    def show_interaction(self, interaction_id: int) -> None:
        self._on_page("Meetings", "show_interaction", interaction_id)

    def open_search_hit(self, kind: str, item_id: int) -> None:
        """Show one thing the search found (a kind as :class:`deskbridge.search.Search`
        names it) in the view that holds it."""
        show: dict[str, Callable[[int], None]] = {
            "contact": self.show_contact,
            "department": self.show_department,
            "interaction": self.show_interaction,
            "request": self.show_request,
            "goal": self.show_goal,
            "project": self.show_project,
            "task": self.show_task,
        }
        if kind in show:
            show[kind](item_id)

    def focus_filter(self) -> None:
        """The "/" key: the cursor into the current view's filter, where it has one."""
        page = self.current_page()
        if type(page).focus_filter is Page.focus_filter:
            self.statusBar().showMessage(
                f"{page.title} has no filter. {PALETTE_KEYS} finds anyone or anything.", 5000
            )
            return
        page.focus_filter()

    def show_palette(self) -> None:
        """Ctrl+K: open the command palette (or close it, when open)."""
        self.command_palette.toggle()

    def palette_commands(self) -> list[PaletteRow]:
        """What the palette lists as commands: every entry of the menus as they are now."""
        found = [action.menu() for action in self.menuBar().actions()]
        menus = [menu for menu in found if isinstance(menu, QMenu)]
        menus.sort(key=lambda menu: menu is self.file_menu)  # the everyday commands first
        return menu_commands(menus, leave_out=[self.palette_action])

    def new_task(self) -> None:
        """The task dialog over whatever view is showing (Ctrl+T works anywhere)."""
        from deskbridge.ui.task_dialog import TaskDialog

        TaskDialog(self.context, self).exec()

    def start_review(self) -> None:
        self._on_page("Review", "start_review")

    def show_digest(self) -> None:
        from deskbridge.ui.digest_dialog import DigestDialog

        DigestDialog(self.context, self).exec()

    def ask_for_input(self) -> None:
        self._on_page("Requests", "ask_for_input")

    def quick_log(self, contact_ids: list[int] | None = None) -> None:
        from deskbridge.ui.quick_log_dialog import QuickLogDialog

        dialog = QuickLogDialog(self.context, self, participant_ids=contact_ids or [])
        dialog.exec()

    # -- menus -----------------------------------------------------------------------------

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        action = menu.addAction(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = self.file_menu = bar.addMenu("&File")
        self._action(file, "&New database…", self._new_database)
        self._action(file, "&Open database…", self._choose_database, "Ctrl+O")
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self.exchange_actions = install_exchange_actions(self, file)
        file.addSeparator()
        self.backup_actions = install_backup_actions(self, file)
        file.addSeparator()
        self._action(file, "&Quit", self.quit, "Ctrl+Q").setMenuRole(QAction.MenuRole.QuitRole)

        edit = bar.addMenu("&Edit")
        self.quick_log_action = self._action(edit, "&Quick log…", self.quick_log, "Ctrl+L")
        self._action(edit, "New &contact…", self._new_contact, "Ctrl+N")
        self._action(edit, "New &department…", self._new_department)
        edit.addSeparator()
        self.new_task_action = self._action(edit, "New &task…", self.new_task, "Ctrl+T")
        self._action(edit, "&Ask for input…", self.ask_for_input, "Ctrl+Shift+A")
        self._action(edit, "New &project…", partial(self._on_page, "Projects", "new_project"))
        self._action(edit, "New shared &goal…", partial(self._on_page, "Goals", "new_goal"))
        edit.addSeparator()
        self._action(edit, "&Find contact", self._find_contact, "Ctrl+F")
        self.palette_action = self._action(
            edit, "Command &palette…", self.show_palette, PALETTE_KEYS
        )
        edit.addSeparator()
        self._action(edit, "&Preferences…", self.show_preferences, "Ctrl+,").setMenuRole(
            QAction.MenuRole.PreferencesRole
        )

        view = bar.addMenu("&View")
        for number, title in enumerate(self.titles, start=1):
            keys = f"Ctrl+{number % 10}" if number <= 10 else None
            self._action(view, f"&{title}", partial(self.show_page, title), keys)
        view.addSeparator()
        self._action(view, "&Start weekly review", self.start_review, "Ctrl+R")
        self._action(view, "Weekly &digest…", self.show_digest, "Ctrl+Shift+D")
        view.addSeparator()
        self._action(view, "&Refresh", lambda: self.current_page().refresh(), "F5")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(help_menu, f"&About {APP_NAME}", self.show_about).setMenuRole(
            QAction.MenuRole.AboutRole
        )

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.context.workspace.db.path
        recent = [
            item
            for item in self.context.preferences.recent_databases
            if current is None or Path(item) != Path(current)
        ]
        for location in recent:
            self._action(self.recent_menu, location, partial(self.open_database.emit, location))
        if not recent:
            self.recent_menu.addAction("No other databases yet").setEnabled(False)

    def _new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New DeskBridge database", str(Path.home() / "deskbridge.sqlite3"),
            DATABASE_FILTER,
        )  # fmt: skip
        if path:
            if Path(path).exists():
                QMessageBox.warning(
                    self, APP_NAME, f"{path} already exists. Open it with File › Open database."
                )
                return
            self.open_database.emit(path)

    def _choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open DeskBridge database", str(Path.home()), DATABASE_FILTER
        )
        if path:
            self.open_database.emit(path)

    def _new_contact(self) -> None:
        self._on_page("Contacts", "add_contact")

    def _new_department(self) -> None:
        self._on_page("Departments", "add_department")

    def _find_contact(self) -> None:
        self._on_page("Contacts", "focus_filter")

    def show_preferences(self) -> None:
        from deskbridge.ui.preferences_dialog import PreferencesDialog

        PreferencesDialog(self.context, self).exec()

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{keys}</b></td><td>{what}</td></tr>"
            for keys, what in SHORTCUTS
        )
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{rows}</table>")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Keep your working relationships across departments healthy: who you know, "
            "what you agreed, and who is due for a touch.</p>"
            f"<p>Database: {self.context.workspace.db.display_name}</p>"
            "<p>Free software under the GNU GPL, version 3 or later.</p>",
        )

    # -- status, title, layout -------------------------------------------------------------

    def short_name(self) -> str:
        """The database as a title shows it: a file's name, or a server's URL."""
        db = self.context.workspace.db
        return db.path.name if db.path is not None else db.display_name

    def _title(self) -> None:
        name = self.short_name()
        demo = " — DEMO organisation" if is_demo(self.context) else ""
        self.setWindowTitle(f"{APP_NAME} — {name}{demo}")

    def _changed(self, kinds: frozenset[ChangeKind]) -> None:
        if kinds & {ChangeKind.CONTACTS, ChangeKind.DEPARTMENTS, ChangeKind.INTERACTIONS}:
            self.update_status()

    def update_status(self) -> None:
        workspace = self.context.workspace
        counts = workspace.status.read()
        self.counts.setToolTip(workspace.db.display_name)
        self.counts.setText(
            f"{self.short_name()}  ·  {counts.contacts:,} contacts  ·  "
            f"{counts.departments} departments  ·  {counts.due:,} to get in touch with"
        )

    def _restore_layout(self) -> None:
        settings = self.context.preferences.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        titles = self.titles
        last = settings.value("window/view", titles[0] if titles else "")
        row = titles.index(last) if last in titles else 0
        self.sidebar.setCurrentRow(row)
        self._show_row(row)  # also when that row was current already (no signal then)

    def _restore_page_layout(self, page: Page) -> None:
        inner = getattr(page, "splitter", None)
        state = self.context.preferences.settings.value(f"window/{page.title}/splitter")
        if isinstance(inner, QSplitter) and isinstance(state, QByteArray):
            inner.restoreState(state)

    def save_layout(self) -> None:
        settings = self.context.preferences.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        for page in self.built_pages:  # a page never built kept the layout it had
            inner = getattr(page, "splitter", None)
            if isinstance(inner, QSplitter):
                settings.setValue(f"window/{page.title}/splitter", inner.saveState())
        settings.sync()

    def quit(self) -> None:
        self.really_quit = True
        self.close()

    def set_banner(self, banner: QWidget) -> None:
        """Show ``banner`` (in-app reminders when there is no tray) above the views."""
        self.body_layout.insertWidget(0, banner)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if not self.really_quit and self.close_to_tray is not None and self.close_to_tray():
            event.ignore()
            self.hide()
            return
        self.quit_requested.emit()
        super().closeEvent(event)


class _PaletteKeys(QObject):
    """Keeps the palette's keys for the palette. Some platforms bind Ctrl+K in text fields
    (delete to the end of the line), and a field with the focus claims its keys before any
    shortcut: refusing that claim lets Ctrl+K open the palette from the contacts' filter
    too. Not while a dialog is open: there the field keeps its key."""

    def __init__(self, keys: QKeySequence, parent: QObject) -> None:
        super().__init__(parent)
        self._keys = keys
        # On the focused widget only (ShortcutOverride goes there): a filter on the whole
        # application would run Python for every event, thousands per view opened.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
            self._focus_moved(None, app.focusWidget())

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None:
            old.removeEventFilter(self)
        if new is not None:
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QApplication.activeModalWidget() is None
            and QKeySequence(event.keyCombination()) == self._keys
        ):
            return True
        return super().eventFilter(watched, event)
