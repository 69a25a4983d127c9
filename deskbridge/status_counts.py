"""The figures the main window's status bar shows: contacts, departments, and how many
people are due for a touch.

They are re-read after every change to contacts, departments or interactions, so they
must cost next to nothing at 100,000 contacts. Counting the active contacts directly walks
one index entry per contact (about 10 ms); counting every contact is answered from the
table's b-tree page counts and the archived ones from an index range, which together take
under a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, true

from deskbridge.clock import Clock
from deskbridge.keep_in_touch import KeepInTouch
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Department


@dataclass(frozen=True)
class StatusCounts:
    contacts: int
    """Contacts that are not archived (as :meth:`Contacts.count` counts them)."""
    departments: int
    due: int
    """Contacts due, overdue or stale today (as :meth:`KeepInTouch.due_count` counts them)."""


class StatusFigures:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._keep_in_touch = KeepInTouch(db, clock)

    def read(self) -> StatusCounts:
        with self._db.reading() as session:
            everyone = session.scalar(select(func.count()).select_from(Contact)) or 0
            archived = (
                session.scalar(
                    select(func.count()).select_from(Contact).where(Contact.archived == true())
                )
                or 0
            )
            departments = session.scalar(select(func.count()).select_from(Department)) or 0
        return StatusCounts(everyone - archived, departments, self._keep_in_touch.due_count())
