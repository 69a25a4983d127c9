"""The meeting log: interactions with one or more contacts; each one is a touch."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, String, Table, bindparam, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, ValidationError
from deskbridge.keep_in_touch import refresh_contacts
from deskbridge.linked_rows import linked_people
from deskbridge.month_counts import keeping_month_counts
from deskbridge.records import InteractionRecord, PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import (
    Contact,
    Interaction,
    InteractionParticipant,
    Project,
)
from deskbridge.store.vocabulary import InteractionKind
from deskbridge.unchanged import KEEP, Keep
from deskbridge.validation import bounded_text, choice, required_text

INTERACTION_KINDS = tuple(kind.value for kind in InteractionKind)


def interaction_kind(value: str) -> str:
    return choice("kind", value, InteractionKind)


def interaction_records(
    session: Session, interactions: Sequence[Interaction]
) -> list[InteractionRecord]:
    """Records for ``interactions``, their participants read in one query."""
    people = linked_people(
        session,
        InteractionParticipant.interaction_id,
        InteractionParticipant.contact_id,
        [i.id for i in interactions],
    )
    return [
        InteractionRecord(
            id=i.id,
            occurred_on=i.occurred_on,
            kind=i.kind,
            summary=i.summary,
            notes=i.notes,
            outcome=i.outcome,
            project_id=i.project_id,
            participants=tuple(people[i.id]),
        )
        for i in interactions
    ]


def _newest_with_people(newest: Select[Any]) -> Select[Any]:
    """The first ``wanted`` rows of ``newest`` (interaction columns) by day, newest first,
    one row per participant (by name; none for a meeting without any): the records and
    their people in one query. Built once at import, so each read skips building and
    keying the statement."""
    table = cast(Table, Interaction.__table__)
    chosen = (
        newest.order_by(table.c.occurred_on.desc(), table.c.id.desc())
        .limit(bindparam("wanted"))
        .subquery("newest")
    )
    link = cast(Table, InteractionParticipant.__table__).alias("link")
    people = cast(Table, Contact.__table__)
    return (
        select(*chosen.c, people.c.id, people.c.full_name)
        .select_from(
            chosen.outerjoin(link, link.c.interaction_id == chosen.c.id).outerjoin(
                people, people.c.id == link.c.contact_id
            )
        )
        .order_by(chosen.c.occurred_on.desc(), chosen.c.id.desc(), people.c.full_name, people.c.id)
    )


def _interaction_columns() -> Select[Any]:
    c = cast(Table, Interaction.__table__).c
    # The day as text on SQLite, parsed with date.fromisoformat: quicker than the Date type.
    day = type_coerce(c.occurred_on, String).label("occurred_on")
    return select(c.id, day, c.kind, c.summary, c.notes, c.outcome, c.project_id)


def _same_day(value: date) -> date:
    return value


_link = cast(Table, InteractionParticipant.__table__).c
_WITH_CONTACT = _newest_with_people(
    _interaction_columns()
    .join_from(cast(Table, Interaction.__table__), cast(Table, InteractionParticipant.__table__))
    .where(_link.contact_id == bindparam("contact_id"))
)
_RECENT = _newest_with_people(_interaction_columns())


class Interactions:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def log(
        self,
        participant_ids: Sequence[int],
        summary: str,
        *,
        kind: str = InteractionKind.MEETING.value,
        occurred_on: date | None = None,
        notes: str = "",
        outcome: str = "",
        project_id: int | None = None,
    ) -> InteractionRecord:
        """Log an interaction; every participant's last touch moves to its day."""
        clean_summary = required_text("summary", summary, 500)
        clean_kind = interaction_kind(kind)
        day = self._checked_day(occurred_on)
        ids = list(dict.fromkeys(participant_ids))
        if not ids:
            raise ValidationError("participants", "name at least one person")
        with self._db.unit_of_work() as session:
            _check_contacts(session, ids)
            _check_project(session, project_id)
            interaction = Interaction(
                occurred_on=day,
                kind=clean_kind,
                summary=clean_summary,
                notes=bounded_text("notes", notes, 50_000),
                outcome=bounded_text("outcome", outcome, 10_000),
                project_id=project_id,
                created_at=self._clock.now(),
            )
            interaction.participants = [InteractionParticipant(contact_id=c) for c in ids]
            with keeping_month_counts(session) as month_counts:
                session.add(interaction)
                session.flush()
                month_counts.created([interaction.id])
            refresh_contacts(session, set(ids))
            return interaction_records(session, [interaction])[0]

    def update(
        self,
        interaction_id: int,
        *,
        participant_ids: Sequence[int] | None = None,
        summary: str | None = None,
        kind: str | None = None,
        occurred_on: date | None = None,
        notes: str | None = None,
        outcome: str | None = None,
        project_id: int | Keep | None = KEEP,
    ) -> InteractionRecord:
        """Change what was recorded; fields left out keep their value, and ``project_id``
        None takes the interaction off its project."""
        with (
            self._db.unit_of_work() as session,
            keeping_month_counts(session, interaction_ids=[interaction_id]),
        ):
            interaction = _get(session, interaction_id)
            affected = {p.contact_id for p in interaction.participants}
            if summary is not None:
                interaction.summary = required_text("summary", summary, 500)
            if kind is not None:
                interaction.kind = interaction_kind(kind)
            if occurred_on is not None:
                interaction.occurred_on = self._checked_day(occurred_on)
            if notes is not None:
                interaction.notes = bounded_text("notes", notes, 50_000)
            if outcome is not None:
                interaction.outcome = bounded_text("outcome", outcome, 10_000)
            if not isinstance(project_id, Keep):
                _check_project(session, project_id)
                interaction.project_id = project_id
            if participant_ids is not None:
                ids = list(dict.fromkeys(participant_ids))
                if not ids:
                    raise ValidationError("participants", "name at least one person")
                _check_contacts(session, ids)
                interaction.participants.clear()
                session.flush()
                interaction.participants.extend(InteractionParticipant(contact_id=c) for c in ids)
                affected |= set(ids)
            session.flush()
            refresh_contacts(session, affected)
            return interaction_records(session, [interaction])[0]

    def delete(self, interaction_id: int) -> None:
        with self._db.unit_of_work() as session:
            interaction = _get(session, interaction_id)
            affected = {p.contact_id for p in interaction.participants}
            with keeping_month_counts(session, interaction_ids=[interaction_id]):
                session.delete(interaction)
            refresh_contacts(session, affected)

    def get(self, interaction_id: int) -> InteractionRecord:
        with self._db.reading() as session:
            return interaction_records(session, [_get(session, interaction_id)])[0]

    def with_contact(self, contact_id: int, limit: int = 50) -> list[InteractionRecord]:
        """The contact's newest interactions first."""
        return self._newest(_WITH_CONTACT, {"contact_id": contact_id, "wanted": limit})

    def recent(self, limit: int = 50) -> list[InteractionRecord]:
        return self._newest(_RECENT, {"wanted": limit})

    def _newest(self, query: Select[Any], values: dict[str, int]) -> list[InteractionRecord]:
        """Records from one of the queries :func:`_newest_with_people` builds."""
        # A Core connection, not a reading() session: the query needs no ORM, and the
        # session's own set-up and teardown (~0.07 ms) would cost more than the query.
        with self._db.engine.connect() as connection:
            rows = connection.execute(query, values).all()
        # SQLite hands the coerced day back as ISO text; other drivers as a date.
        parse = date.fromisoformat if self._db.is_sqlite else _same_day
        grouped: dict[int, tuple[Any, list[PersonRef]]] = {}
        for row in rows:
            entry = grouped.get(row[0])
            if entry is None:
                entry = grouped[row[0]] = (row, [])
            if row[7] is not None:
                entry[1].append(PersonRef(row[7], row[8]))
        return [
            InteractionRecord(r[0], parse(r[1]), r[2], r[3], r[4], r[5], r[6], tuple(people))
            for r, people in grouped.values()
        ]

    def _checked_day(self, day: date | None) -> date:
        chosen = day or self._clock.today()
        if chosen > self._clock.today():
            raise ValidationError("when", "an interaction cannot be logged in the future")
        return chosen


def _check_contacts(session: Session, ids: Sequence[int]) -> None:
    known = set(session.scalars(select(Contact.id).where(Contact.id.in_(ids))))
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValidationError("participants", f"no contact with id {missing[0]}")


def _check_project(session: Session, project_id: int | None) -> None:
    if project_id is not None and session.get(Project, project_id) is None:
        raise ValidationError("project", f"no project with id {project_id}")


def _get(session: Session, interaction_id: int) -> Interaction:
    interaction = session.get(
        Interaction, interaction_id, options=[selectinload(Interaction.participants)]
    )
    if interaction is None:
        raise NotFoundError("interaction", interaction_id)
    return interaction
