"""The composition root: one opened database, a clock, and the operations on them."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from deskbridge.agenda import TodayAgenda
from deskbridge.backups import Backups
from deskbridge.clock import Clock, SystemClock
from deskbridge.contact_list import ContactList
from deskbridge.contacts import Contacts
from deskbridge.departments import Departments
from deskbridge.errors import DatabaseOpenError, DeskBridgeError
from deskbridge.goals import Goals
from deskbridge.input_requests import InputRequests
from deskbridge.interactions import Interactions
from deskbridge.keep_in_touch import KeepInTouch
from deskbridge.meeting_log import MeetingLog
from deskbridge.paths import database_url
from deskbridge.projects import Projects
from deskbridge.reciprocity import ReciprocityFigures
from deskbridge.search import Search
from deskbridge.status_counts import StatusFigures
from deskbridge.store.database import Database
from deskbridge.store.migrate import SchemaError
from deskbridge.tasks import Tasks
from deskbridge.weekly_review import WeeklyReviews

if TYPE_CHECKING:
    from deskbridge.coverage import Coverage
    from deskbridge.digest import WeeklyDigest
    from deskbridge.exchange.contact_import import ContactImport
    from deskbridge.exchange.exports import Exports
    from deskbridge.meeting_prep import MeetingPrep


class Workspace:
    """Everything a user can do with one database. Build it with :meth:`open`."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.departments = Departments(db, clock)
        self.contacts = Contacts(db, clock)
        self.contact_list = ContactList(db, clock)
        self.interactions = Interactions(db, clock)
        self.meeting_log = MeetingLog(db, clock)
        self.keep_in_touch = KeepInTouch(db, clock)
        self.requests = InputRequests(db, clock)
        self.reciprocity = ReciprocityFigures(db)
        self.goals = Goals(db, clock)
        self.projects = Projects(db, clock)
        self.tasks = Tasks(db, clock)
        self.search = Search(db)
        self.agenda = TodayAgenda(db, clock)
        self.review = WeeklyReviews(db, clock)
        self.status = StatusFigures(db, clock)

    @classmethod
    def open(cls, location: str | None = None, clock: Clock | None = None) -> Workspace:
        """Open the database at ``location`` (path or URL; default: $DESKBRIDGE_DB, then the
        user data directory), creating and migrating it as needed."""
        url = database_url(location)
        try:
            db = Database.open(url)
        except SchemaError as error:
            raise DatabaseOpenError(str(error)) from error
        return cls(db, clock or SystemClock())

    # Rarely used parts are built on first use: their modules are not imported on an
    # ordinary start (the window's first view needs none of them).

    @cached_property
    def digest(self) -> WeeklyDigest:
        from deskbridge.digest import WeeklyDigest

        return WeeklyDigest(self.db, self.clock)

    @cached_property
    def coverage(self) -> Coverage:
        from deskbridge.coverage import Coverage

        return Coverage(self.db, self.clock)

    @cached_property
    def meeting_prep(self) -> MeetingPrep:
        from deskbridge.meeting_prep import MeetingPrep

        return MeetingPrep(self.db, self.clock)

    @cached_property
    def exports(self) -> Exports:
        from deskbridge.exchange.exports import Exports

        return Exports(self.db, self.clock)

    @cached_property
    def contact_import(self) -> ContactImport:
        from deskbridge.exchange.contact_import import ContactImport

        return ContactImport(self.db, self.clock)

    @property
    def backups(self) -> Backups:
        """The backups of this database file (SQLite only)."""
        path = self.db.path
        if path is None:
            raise DeskBridgeError(
                "backups are for SQLite files; back up a team database on its server (pg_dump)"
            )
        return Backups.for_database(path, self.clock)

    def is_new(self) -> bool:
        """True for a database nobody has used yet: no departments and no contacts."""
        return self.contacts.count(include_archived=True) == 0 and not self.departments.list()

    def close(self) -> None:
        self.db.close()
