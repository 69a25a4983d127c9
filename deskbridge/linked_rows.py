"""Reading many-to-many links for a page of things in one query, never one per row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import QueryableAttribute, Session

from deskbridge.records import PersonRef
from deskbridge.store.models import Contact


def linked_ids(
    session: Session,
    owner: QueryableAttribute[Any],
    linked: QueryableAttribute[Any],
    owner_ids: Sequence[int],
) -> dict[int, list[int]]:
    """For each id in ``owner_ids``, the ids its link table pairs it with, in id order."""
    found: dict[int, list[int]] = {i: [] for i in owner_ids}
    rows = session.execute(select(owner, linked).where(owner.in_(owner_ids)).order_by(linked))
    for owner_id, linked_id in rows:
        found[owner_id].append(linked_id)
    return found


def linked_people(
    session: Session,
    owner: QueryableAttribute[Any],
    contact: QueryableAttribute[Any],
    owner_ids: Sequence[int],
) -> dict[int, list[PersonRef]]:
    """For each id in ``owner_ids``, the contacts its link table pairs it with, by name."""
    found: dict[int, list[PersonRef]] = {i: [] for i in owner_ids}
    rows = session.execute(
        select(owner, Contact.id, Contact.full_name)
        .join(Contact, Contact.id == contact)
        .where(owner.in_(owner_ids))
        .order_by(Contact.full_name, Contact.id)
    )
    for owner_id, contact_id, name in rows:
        found[owner_id].append(PersonRef(contact_id, name))
    return found
