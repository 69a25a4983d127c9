"""The columns a list of input requests shows, as plain rows: the topic, the person asked
and their department, and the days. Today and the weekly review both list asks this way;
columns rather than mapped objects, because building a few hundred of those cost more than
reading them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select

from deskbridge.store.models import Contact, Department, InputRequest


def ask_rows() -> Select[int, str, int, str, str, date, date | None, date | None]:
    """id, topic, asked_of_id, full_name, (department) name, asked_on, needed_by,
    answered_on: one row per request, to be filtered, ordered and limited by the caller."""
    return (
        select(
            InputRequest.id,
            InputRequest.topic,
            InputRequest.asked_of_id,
            Contact.full_name,
            Department.name,
            InputRequest.asked_on,
            InputRequest.needed_by,
            InputRequest.answered_on,
        )
        .join(Contact, Contact.id == InputRequest.asked_of_id)
        .outerjoin(Department, Department.id == Contact.department_id)
    )
