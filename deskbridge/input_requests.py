"""Input requests: what the user asked a colleague for, the answer, and the thanks.

An answer is a touch: answering moves the keep-in-touch columns of the person asked.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, case, select
from sqlalchemy.orm import Session

from deskbridge.clock import Clock
from deskbridge.errors import NotFoundError, TransitionError, ValidationError
from deskbridge.keep_in_touch import refresh_contacts
from deskbridge.records import InputRequestRecord, PersonRef
from deskbridge.store.database import Database
from deskbridge.store.models import Contact, InputRequest
from deskbridge.store.vocabulary import RequestStatus
from deskbridge.validation import bounded_text, choice, not_before, required_text

OPEN = RequestStatus.OPEN.value
ANSWERED = RequestStatus.ANSWERED.value


def request_status(value: str) -> str:
    return choice("status", value, RequestStatus)


def _with_names() -> Select[InputRequest, str]:
    return select(InputRequest, Contact.full_name).join(
        Contact, Contact.id == InputRequest.asked_of_id
    )


def _record(request: InputRequest, name: str) -> InputRequestRecord:
    return InputRequestRecord(
        id=request.id,
        asked_of=PersonRef(request.asked_of_id, name),
        topic=request.topic,
        question=request.question,
        asked_on=request.asked_on,
        needed_by=request.needed_by,
        status=request.status,
        answer_summary=request.answer_summary,
        answered_on=request.answered_on,
        thanked_on=request.thanked_on,
        thanks_note=request.thanks_note,
    )


def _records(session: Session, query: Select[InputRequest, str]) -> list[InputRequestRecord]:
    return [_record(request, name) for request, name in session.execute(query)]


def _load(session: Session, request_id: int) -> InputRequestRecord:
    found = _records(session, _with_names().where(InputRequest.id == request_id))
    if not found:
        raise NotFoundError("input request", request_id)
    return found[0]


def _get(session: Session, request_id: int) -> InputRequest:
    request = session.get(InputRequest, request_id)
    if request is None:
        raise NotFoundError("input request", request_id)
    return request


def _require_open(request: InputRequest, done: str) -> None:
    if request.status != OPEN:
        raise TransitionError(
            f"The request {request.topic!r} is {request.status}; "
            f"only an open request can be {done}."
        )


class InputRequests:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def ask(
        self,
        contact_id: int,
        topic: str,
        *,
        question: str = "",
        needed_by: date | None = None,
        asked_on: date | None = None,
    ) -> InputRequestRecord:
        """Record that the user asked ``contact_id`` for input on ``topic``."""
        clean_topic = required_text("topic", topic, 300)
        clean_question = bounded_text("question", question, 50_000)
        day = self._past_or_today("asked on", asked_on)
        not_before("needed by", needed_by, day, "the day it was asked")
        with self._db.unit_of_work() as session:
            if session.get(Contact, contact_id) is None:
                raise ValidationError("asked of", f"no contact with id {contact_id}")
            request = InputRequest(
                asked_of_id=contact_id,
                topic=clean_topic,
                question=clean_question,
                asked_on=day,
                needed_by=needed_by,
                status=OPEN,
                created_at=self._clock.now(),
            )
            session.add(request)
            session.flush()
            return _load(session, request.id)

    def answer(
        self, request_id: int, summary: str, *, answered_on: date | None = None
    ) -> InputRequestRecord:
        """Record the answer to an open request; it counts as a touch with the person asked."""
        clean_summary = required_text("answer", summary, 50_000)
        day = self._past_or_today("answered on", answered_on)
        with self._db.unit_of_work() as session:
            request = _get(session, request_id)
            _require_open(request, "answered")
            not_before("answered on", day, request.asked_on, "the day it was asked")
            request.status = ANSWERED
            request.answer_summary = clean_summary
            request.answered_on = day
            refresh_contacts(session, {request.asked_of_id})
            return _load(session, request_id)

    def thank(
        self, request_id: int, *, thanked_on: date | None = None, note: str = ""
    ) -> InputRequestRecord:
        """Record that the user thanked the person for an answer (once per request)."""
        clean_note = bounded_text("note", note, 10_000)
        day = self._past_or_today("thanked on", thanked_on)
        with self._db.unit_of_work() as session:
            request = _get(session, request_id)
            if request.status != ANSWERED:
                raise TransitionError(
                    f"The request {request.topic!r} is {request.status}; "
                    "only an answered request can be thanked for."
                )
            if request.thanked_on is not None:
                raise TransitionError(
                    f"The answer to {request.topic!r} was already thanked for "
                    f"on {request.thanked_on.isoformat()}."
                )
            not_before("thanked on", day, request.answered_on, "the answer")
            request.thanked_on = day
            request.thanks_note = clean_note
            session.flush()
            return _load(session, request_id)

    def decline(self, request_id: int) -> InputRequestRecord:
        """The person asked said no."""
        return self._close(request_id, RequestStatus.DECLINED.value, "declined")

    def withdraw(self, request_id: int) -> InputRequestRecord:
        """The user no longer needs the input."""
        return self._close(request_id, RequestStatus.WITHDRAWN.value, "withdrawn")

    def get(self, request_id: int) -> InputRequestRecord:
        with self._db.reading() as session:
            return _load(session, request_id)

    def for_contact(self, contact_id: int) -> list[InputRequestRecord]:
        """Everything asked of the contact, newest first."""
        query = (
            _with_names()
            .where(InputRequest.asked_of_id == contact_id)
            .order_by(InputRequest.asked_on.desc(), InputRequest.id.desc())
        )
        with self._db.reading() as session:
            return _records(session, query)

    def list(
        self, status: str | None = None, *, limit: int | None = None
    ) -> list[InputRequestRecord]:
        """Open requests first, soonest needed first (no deadline last); then newest first."""
        query = _with_names()
        if status is not None:
            query = query.where(InputRequest.status == request_status(status))
        is_open = InputRequest.status == OPEN
        query = query.order_by(
            case((is_open, 0), else_=1),
            case((is_open & InputRequest.needed_by.is_not(None), 0), else_=1),
            case((is_open, InputRequest.needed_by)),
            InputRequest.asked_on.desc(),
            InputRequest.id.desc(),
        ).limit(limit)
        with self._db.reading() as session:
            return _records(session, query)

    def _close(self, request_id: int, status: str, done: str) -> InputRequestRecord:
        with self._db.unit_of_work() as session:
            request = _get(session, request_id)
            _require_open(request, done)
            request.status = status
            session.flush()
            return _load(session, request_id)

    def _past_or_today(self, field: str, day: date | None) -> date:
        chosen = day or self._clock.today()
        if chosen > self._clock.today():
            raise ValidationError(field, "must not be in the future")
        return chosen
