"""What happens between people: logged interactions and input requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from deskbridge.store.models.base import LINK_TABLE_OPTIONS, Base
from deskbridge.store.vocabulary import InteractionKind, RequestStatus, check_in


class Interaction(Base):
    """A meeting, call, coffee, ... that the user logged."""

    __tablename__ = "interactions"
    __table_args__ = (
        CheckConstraint(check_in("kind", InteractionKind), name="kind_known"),
        CheckConstraint("length(trim(summary)) > 0", name="summary_not_blank"),
        Index("ix_interactions_occurred_on", "occurred_on", "id"),
        Index("ix_interactions_project_id", "project_id", "occurred_on", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16), default=InteractionKind.MEETING.value)
    summary: Mapped[str] = mapped_column(String(500))
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    participants: Mapped[list[InteractionParticipant]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan"
    )


class InteractionParticipant(Base):
    __tablename__ = "interaction_participants"
    __table_args__ = (
        Index("ix_interaction_participants_contact_id", "contact_id", "interaction_id"),
        LINK_TABLE_OPTIONS,
    )

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )

    interaction: Mapped[Interaction] = relationship(back_populates="participants")


class InputRequest(Base):
    """Something the user asked a colleague for, and what came of it."""

    __tablename__ = "input_requests"
    __table_args__ = (
        CheckConstraint(check_in("status", RequestStatus), name="status_known"),
        CheckConstraint("length(trim(topic)) > 0", name="topic_not_blank"),
        CheckConstraint(
            "(status = 'answered') = (answered_on IS NOT NULL)", name="answered_has_date"
        ),
        CheckConstraint(
            "thanked_on IS NULL OR answered_on IS NOT NULL", name="thanks_after_answer"
        ),
        Index("ix_input_requests_asked_of_id", "asked_of_id", "answered_on"),
        Index("ix_input_requests_status", "status", "needed_by"),
        # Reciprocity per department reads every request's answer and thanks from here.
        Index("ix_input_requests_reciprocity", "asked_of_id", "answered_on", "thanked_on"),
        # Answers waiting for thanks, oldest first (Today and the weekly review).
        Index("ix_input_requests_unthanked", "status", "thanked_on", "answered_on", "id"),
        # Coverage counts open asks and unthanked answers per department of the person asked.
        Index("ix_input_requests_asked_by_status", "status", "thanked_on", "asked_of_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asked_of_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    topic: Mapped[str] = mapped_column(String(300))
    question: Mapped[str] = mapped_column(Text, default="")
    asked_on: Mapped[date] = mapped_column(Date)
    needed_by: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.OPEN.value)
    answer_summary: Mapped[str] = mapped_column(Text, default="")
    answered_on: Mapped[date | None] = mapped_column(Date)
    thanked_on: Mapped[date | None] = mapped_column(Date)
    thanks_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
