"""The views in the main window's sidebar, in order, and how each is built.

Each view's module is imported only when its page is first built: the window builds a page
when it is first shown, so at start-up only the remembered view is built.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from deskbridge.ui.app_context import AppContext
from deskbridge.ui.page import Page

PageFactory = Callable[[AppContext], Page]


class LazyPage:
    """A page factory that imports its view only when the page is first built. The window
    builds a page when it is first shown: at start-up only the remembered view is, and
    importing and building the other nine cost about 300 ms and tens of megabytes at
    100,000 contacts."""

    def __init__(self, title: str, module: str, name: str) -> None:
        self.title = title
        self.module = module
        self.name = name

    def __call__(self, context: AppContext) -> Page:
        view = getattr(importlib.import_module(self.module), self.name)
        page = view(context)
        assert isinstance(page, Page) and page.title == self.title, (self.title, page)
        return page


def standard_pages() -> list[PageFactory]:
    return [
        LazyPage("Today", "deskbridge.ui.today_view", "TodayView"),
        LazyPage("Contacts", "deskbridge.ui.contacts_view", "ContactsView"),
        LazyPage("Departments", "deskbridge.ui.departments_view", "DepartmentsView"),
        LazyPage("Meetings", "deskbridge.ui.meetings_view", "MeetingsView"),
        LazyPage("Requests", "deskbridge.ui.requests_view", "RequestsView"),
        LazyPage("Tasks", "deskbridge.ui.tasks_view", "TasksView"),
        LazyPage("Projects", "deskbridge.ui.projects_view", "ProjectsView"),
        LazyPage("Goals", "deskbridge.ui.goals_view", "GoalsView"),
        LazyPage("Review", "deskbridge.ui.review_view", "ReviewView"),
        LazyPage("Coverage", "deskbridge.ui.coverage_view", "CoverageView"),
    ]


def page_title(factory: PageFactory) -> str:
    """The sidebar title of the page ``factory`` builds (a Page class or a LazyPage)."""
    title = getattr(factory, "title", None)
    assert isinstance(title, str) and title, factory
    return title
