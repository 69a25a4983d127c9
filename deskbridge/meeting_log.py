"""The meeting log's rows: newest first, filtered in SQL, read a page at a time.

Pages are keyset pages on (day, id), walking the interactions' date index, so the log of a
million interactions opens as fast as a log of ten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, exists, func, select, tuple_

from deskbridge.clock import Clock
from deskbridge.errors import ValidationError
from deskbridge.records import PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, Department, Interaction, InteractionParticipant

PAGE_SIZE = 200
Query = TypeVar("Query", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True)
class InteractionFilter:
    """What the meeting log shows; every field narrows it, None means any."""

    kind: str | None = None
    department_id: int | None = None
    contact_id: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class InteractionRow:
    id: int
    occurred_on: date
    kind: str
    summary: str
    outcome: str
    participants: tuple[PersonRef, ...]
    departments: tuple[str, ...]


@dataclass(frozen=True)
class InteractionPage:
    rows: tuple[InteractionRow, ...]
    after: tuple[date, int] | None
    """Pass to the next :meth:`MeetingLog.page` call; None when this was the last page."""


class MeetingLog:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def page(
        self,
        shown: InteractionFilter = InteractionFilter(),
        *,
        after: tuple[date, int] | None = None,
        limit: int = PAGE_SIZE,
    ) -> InteractionPage:
        """Up to ``limit`` interactions older than ``after`` (a row's day and id)."""
        if shown.since and shown.until and shown.since > shown.until:
            raise ValidationError("from", "the first day comes after the last day")
        query = self._filtered(select(Interaction.id, Interaction.occurred_on), shown)
        if after is not None:
            query = query.where(tuple_(Interaction.occurred_on, Interaction.id) < after)
        query = query.order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        with self._db.reading() as session:
            keys = session.execute(query.limit(limit + 1)).all()
            more = len(keys) > limit
            ids = [key[0] for key in keys[:limit]]
            interactions = {
                i.id: i for i in session.scalars(select(Interaction).where(Interaction.id.in_(ids)))
            }
            people: dict[int, list[tuple[PersonRef, str | None]]] = {i: [] for i in ids}
            for interaction_id, contact_id, name, department in session.execute(
                select(
                    InteractionParticipant.interaction_id,
                    Contact.id,
                    Contact.full_name,
                    Department.name,
                )
                .join(Contact, Contact.id == InteractionParticipant.contact_id)
                .outerjoin(Department, Department.id == Contact.department_id)
                .where(InteractionParticipant.interaction_id.in_(ids))
                .order_by(Contact.full_name, Contact.id)
            ):
                people[interaction_id].append((PersonRef(contact_id, name), department))
            rows = tuple(
                InteractionRow(
                    id=i.id,
                    occurred_on=i.occurred_on,
                    kind=i.kind,
                    summary=i.summary,
                    outcome=i.outcome,
                    participants=tuple(person for person, _ in people[i.id]),
                    departments=tuple(dict.fromkeys(d for _, d in people[i.id] if d is not None)),
                )
                for i in (interactions[key] for key in ids)
            )
        last = rows[-1] if rows else None
        return InteractionPage(rows, (last.occurred_on, last.id) if more and last else None)

    def count(self, shown: InteractionFilter = InteractionFilter()) -> int:
        if shown.department_id is None:
            query = self._filtered(select(func.count()).select_from(Interaction), shown)
        else:
            # Counting through the department's people: the per-interaction EXISTS the page
            # uses would test each of a million interactions (2 s instead of 0.2 s).
            everyone = InteractionFilter(
                shown.kind, None, shown.contact_id, shown.since, shown.until
            )
            query = self._filtered(
                select(func.count(func.distinct(InteractionParticipant.interaction_id)))
                .select_from(Interaction)
                .join(
                    InteractionParticipant,
                    InteractionParticipant.interaction_id == Interaction.id,
                )
                .join(Contact, Contact.id == InteractionParticipant.contact_id)
                .where(Contact.department_id == shown.department_id),
                everyone,
            )
        with self._db.reading() as session:
            return session.scalar(query) or 0

    @staticmethod
    def _filtered(query: Query, shown: InteractionFilter) -> Query:
        if shown.kind:
            query = query.where(Interaction.kind == shown.kind)
        if shown.since:
            query = query.where(Interaction.occurred_on >= shown.since)
        if shown.until:
            query = query.where(Interaction.occurred_on <= shown.until)
        if shown.contact_id is not None:
            # IN over the person's participations walks their index entries; a correlated
            # EXISTS would test every interaction in date order (0.1 ms against 0.9 s).
            query = query.where(
                Interaction.id.in_(
                    select(InteractionParticipant.interaction_id).where(
                        InteractionParticipant.contact_id == shown.contact_id
                    )
                )
            )
        if shown.department_id is not None:
            query = query.where(
                exists().where(
                    InteractionParticipant.interaction_id == Interaction.id,
                    Contact.id == InteractionParticipant.contact_id,
                    Contact.department_id == shown.department_id,
                )
            )
        return query
